//! Ranks: `排名前三`, `前三名`, `全区第一`, `排名第3位`.

use super::*;

/// `排名前三`, `位于前三`, `前三名` → rank ≤ N.
pub(super) fn rank_front(lx: &Lexicon, cs: &[char], lo: usize, hi: usize, i: usize) -> Step {
    let Some(n) = numeral::numeral_at(&cs[..hi], i + 1) else {
        return Step::Nothing;
    };
    if n.value < 1.0 || n.value > 100.0 || n.value.fract() != 0.0 {
        return Step::Blocked(n.end, Rule::RankRange);
    }
    let mut end = n.end;
    let named = match cs.get(end) {
        Some('名') => {
            end += 1;
            true
        }
        Some('位') if !cs.get(end + 1).is_some_and(|&c| is_han(c)) => {
            end += 1;
            true
        }
        _ => false,
    };
    // `排名前三`, `位于全县前三`: a rank verb, perhaps with a scope between.
    let scope = region_before(lx, cs, lo, i);
    let verb = word_ending_at(lx.words(WordRole::RankVerb), cs, i - scope)
        .filter(|w| i - scope >= lo + w.len());
    let next_is_word = cs.get(end).is_some_and(|&c| is_han(c) && c != '的');
    // `前三名` always; `排名前三` only when no word follows (`前三季度`).
    if !(named || verb.is_some() && !next_is_word) {
        return Step::Skip(n.end);
    }
    let start = verb.map_or(i, |w| i - scope - w.len());
    let mut f = plain(Rule::RankFront, start, end, n.value, "名", TargetKind::Rank);
    f.num_start = i;
    f.comparator = Comparator::Lte;
    if rank_qualifier(lx, cs, hi, &f) {
        return Step::Blocked(end, Rule::RankQualifier);
    }
    Step::Found(f)
}

/// Length of a region word (`全县`, `全区`) right before `i`, else 0.
pub(super) fn region_before(lx: &Lexicon, cs: &[char], lo: usize, i: usize) -> usize {
    word_ending_at(lx.words(WordRole::RankScope), cs, i)
        .filter(|w| i >= lo + w.len() && w.first() == Some(&'全'))
        .map_or(0, <[char]>::len)
}

/// `第二名`, `全区第一`, `排名第3` → rank = N; other `第N` are ordinals.
pub(super) fn rank_ordinal(lx: &Lexicon, cs: &[char], lo: usize, hi: usize, i: usize) -> Step {
    let Some(n) = numeral::numeral_at(&cs[..hi], i + 1) else {
        return Step::Nothing;
    };
    let mut end = n.end;
    // `排名第3位`: 位 closes a rank only after a scope word (`摆在第一位` is not one).
    let scoped = word_ending_at(lx.words(WordRole::RankScope), cs, i).is_some();
    let named = if starts_with(cs, end, "名次") {
        end += 2;
        true
    } else if cs.get(end) == Some(&'名') || (scoped && cs.get(end) == Some(&'位')) {
        end += 1;
        true
    } else {
        false
    };
    // `排名全区第二`: scope words may stack (`排名全区`).
    let mut start = i;
    while let Some(w) =
        word_ending_at(lx.words(WordRole::RankScope), cs, start).filter(|w| start >= lo + w.len())
    {
        start -= w.len();
    }
    let next_is_word = cs.get(end).is_some_and(|&c| is_han(c) && c != '的');
    if !named && (start == i || next_is_word) {
        return Step::Skip(n.end);
    }
    if n.value < 1.0 || n.value > 1000.0 {
        return Step::Blocked(n.end, Rule::RankRange);
    }
    let mut f = plain(
        Rule::RankOrdinal,
        start,
        end,
        n.value,
        "名",
        TargetKind::Rank,
    );
    f.num_start = i;
    if rank_qualifier(lx, cs, hi, &f) {
        return Step::Blocked(end, Rule::RankQualifier);
    }
    Step::Found(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::target::tests::targets;

    #[test]
    fn ranks() {
        let r = &targets("力争固定资产投资在十个镇(街)中排名前三。")[0];
        assert_eq!(
            (r.text.as_str(), r.value, r.kind, r.comparator),
            ("排名前三", 3.0, TargetKind::Rank, Comparator::Lte)
        );
        let r = &targets("继续保持全区第一的领先地位")[0];
        assert_eq!(
            (r.value, r.kind, r.comparator),
            (1.0, TargetKind::Rank, Comparator::Eq)
        );
        let r = &targets("力争经济建设各项指标进位1-2名")[0];
        assert_eq!(
            (r.value, r.value_max, r.change),
            (1.0, Some(2.0), Change::Increase)
        );
    }
}
