//! The scan proper: a numeral (or `百分之`, `翻`) read at a position with
//! its range, unit, comparator and change words.

use super::*;

/// Where [`read_at`] can find anything: a numeral's first character, or
/// the `百 千 万` of `百分之`/`千分之`/`万分之`, `翻` (`翻一番`), `前`
/// (`前三`), `第` (`第一`). Every other character is passed over at once.
pub(super) static TARGET_STARTS: CharSet = CharSet::new(numeral::CHINESE_DIGITS)
    .with(ASCII_DIGITS)
    .with(&['十', '拾', '百', '千', '万', '翻', '前', '第']);

/// `百分之`, `千分之`, `万分之` and what one of their parts is in per cent
/// (numeral grammar, kept in code).
pub(super) const PER_PARTS: &[(&str, f64)] = &[("百分之", 1.0), ("千分之", 0.1), ("万分之", 0.01)];

/// A minus written before a number: `-6.2%`, `负三`, `负百分之五` (numeral
/// grammar, kept in code).
pub(super) fn is_minus(c: char) -> bool {
    matches!(c, '-' | '负' | '−')
}

/// Try to read a target starting at `i`.
pub(super) fn read_at(lx: &Lexicon, cs: &[char], lo: usize, hi: usize, i: usize) -> Step {
    let c = cs[i];
    if !TARGET_STARTS.contains(c) {
        return Step::Nothing;
    }
    if let Some(&(word, scale)) = PER_PARTS.iter().find(|(w, _)| starts_with(cs, i, w))
        && let Some(f) = per_parts(cs, lo, hi, i, word, scale)
    {
        return finish(lx, cs, lo, hi, f);
    }
    if c == '翻'
        && let Some(f) = doubling(cs, hi, i)
    {
        return finish(lx, cs, lo, hi, f);
    }
    if c == '前' {
        return rank_front(lx, cs, lo, hi, i);
    }
    if c == '第' {
        return rank_ordinal(lx, cs, lo, hi, i);
    }
    let Some(mut n) = numeral::numeral_at(&cs[..hi], i).map(|n| before_unit(lx, cs, hi, n)) else {
        // A run of digits too long to be a number (hundreds of them, past
        // the range of `f64`) is passed over whole: no number starts in
        // the middle of a run of digits, and trying each of its positions
        // read the rest of the run again each time.
        if c.is_ascii_digit() {
            let run = cs[i..hi].iter().take_while(|c| c.is_ascii_digit()).count();
            return Step::Skip(i + run);
        }
        return Step::Nothing;
    };
    if i > lo {
        let p = cs[i - 1];
        if p.is_ascii_alphanumeric() || p == '.' || (n.chinese && is_numeral_char(p)) {
            return Step::Blocked(n.end, Rule::PartOfAName);
        }
        // The second half of a range whose first half was rejected (`1-5月`).
        if is_range_sep(p) && i >= lo + 2 && is_numeral_char(cs[i - 2]) {
            return Step::Blocked(n.end, Rule::RangeTail);
        }
        if word_ending_at(lx.words(WordRole::NotQuantityPrefix), cs, i).is_some() {
            return Step::Blocked(n.end, Rule::NotQuantityPrefix);
        }
    }
    let mut start = i;
    if minus_before(cs, lo, i) {
        n.value = -n.value;
        start = i - 1;
    }
    // `三分之一`, `五百分之二`, `4分之3`: a fraction, in per cent.
    if starts_with(cs, n.end, "分之")
        && n.value != 0.0
        && let Some(m) = numeral::numeral_at(&cs[..hi], n.end + 2)
    {
        let mut f = plain(
            Rule::Fraction,
            start,
            m.end,
            m.value / n.value * 100.0,
            "%",
            TargetKind::Percent,
        );
        f.num_start = start;
        return finish(lx, cs, lo, hi, f);
    }
    // `城乡居民收入比缩小到2.05∶1以内`: a ratio, as its first term over
    // its second. `∶` is written only in ratios; a colon only counts where
    // the clause names a ratio (`之比`, `收入比`), not in a time (`9:30`).
    if let Some(&sep) = cs[..hi].get(n.end)
        && (sep == '∶' || sep == ':' && cs[clause_start(cs, lo, start)..start].contains(&'比'))
        && let Some(m) = numeral::numeral_at(&cs[..hi], n.end + 1)
        && m.value > 0.0
        && !m.chinese
        && !n.chinese
    {
        let mut f = plain(
            Rule::Ratio,
            start,
            m.end,
            n.value / m.value,
            "",
            TargetKind::Ratio,
        );
        f.num_start = start;
        return finish(lx, cs, lo, hi, f);
    }
    read_quantity(lx, cs, lo, hi, start, n)
}

/// A minus sign of a negative number (`增长-6.2%`, `负千分之15`) right
/// before `i`, not a range dash (`5-8`, `5%-8%`).
pub(super) fn minus_before(cs: &[char], lo: usize, i: usize) -> bool {
    i > lo
        && is_minus(cs[i - 1])
        && (i < lo + 2
            || !(is_numeral_char(cs[i - 2])
                || cs[i - 2].is_ascii_alphanumeric()
                || cs[i - 2] == '%'))
}

/// `百分之五` → 5 %, `千分之三` → 0.3 %, `万分之五` → 0.05 %, `百分之百`,
/// `百分之负三点八`, `负千分之15`.
pub(super) fn per_parts(
    cs: &[char],
    lo: usize,
    hi: usize,
    i: usize,
    word: &str,
    scale: f64,
) -> Option<Found> {
    let mut k = i + word.chars().count();
    let mut sign = 1.0;
    if cs.get(k).is_some_and(|&c| is_minus(c)) {
        sign = -1.0;
        k += 1;
    }
    let (value, end) = match numeral::numeral_at(&cs[..hi], k) {
        Some(n) => (n.value, n.end),
        // `百分之百`: all of it.
        None if word == "百分之" && cs.get(k) == Some(&'百') => (100.0, k + 1),
        None => return None,
    };
    let mut start = i;
    if minus_before(cs, lo, i) {
        sign = -sign;
        start = i - 1;
    }
    let mut f = plain(
        Rule::PerParts,
        start,
        end,
        sign * value * scale,
        "%",
        TargetKind::Percent,
    );
    f.num_start = start;
    Some(f)
}

/// A numeral cut where a unit that opens with a multiplier begins: `3千克`
/// is 3 千克, `五千瓦` 5 千瓦 (`100万千瓦` reads so already).
pub(super) fn before_unit(lx: &Lexicon, cs: &[char], hi: usize, n: Numeral) -> Numeral {
    for k in n.start + 1..n.end {
        if let Some(u) = lx.unit_at(&cs[..hi], k)
            && k + u.surface.len() > n.end
            && let Some(m) = numeral::numeral_at(&cs[..k], n.start).filter(|m| m.end == k)
        {
            return m;
        }
    }
    n
}

pub(super) fn plain(
    rule: Rule,
    start: usize,
    end: usize,
    value: f64,
    unit: impl Into<Arc<str>>,
    kind: TargetKind,
) -> Found {
    Found {
        start,
        end,
        num_start: start,
        rule,
        value,
        value_max: None,
        unit: unit.into(),
        kind,
        comparator: Comparator::Eq,
        change: Change::Level,
        bare_one: false,
    }
}

/// `翻一番` → ×2, `翻两番` → ×4, `翻番` → ×2.
pub(super) fn doubling(cs: &[char], hi: usize, i: usize) -> Option<Found> {
    // `翻了一番`, `翻近一番`, `翻了近一番`.
    let mut k = i + 1;
    let mut approx = false;
    if cs.get(k) == Some(&'了') {
        k += 1;
    }
    if matches!(cs.get(k), Some('近' | '约')) {
        approx = true;
        k += 1;
    }
    if cs.get(k) == Some(&'番') {
        let mut f = plain(Rule::Doubling, i, k + 1, 2.0, "倍", TargetKind::Ratio);
        f.change = Change::Increase;
        return Some(f);
    }
    let n = numeral::numeral_at(&cs[..hi], k)?;
    if cs.get(n.end) != Some(&'番') || !n.chinese || n.value > 5.0 {
        return None;
    }
    let mut f = plain(
        Rule::Doubling,
        i,
        n.end + 1,
        2f64.powf(n.value),
        "倍",
        TargetKind::Ratio,
    );
    f.change = Change::Increase;
    if approx {
        f.comparator = Comparator::Approx;
    }
    Some(f)
}

/// A numeral followed by (range,) approximation, unit and comparator.
pub(super) fn read_quantity(
    lx: &Lexicon,
    cs: &[char],
    lo: usize,
    hi: usize,
    start: usize,
    n: Numeral,
) -> Step {
    let mut e = n.end;
    let mut value_max = None;
    // Range: `1-2个`, `3~5个`, `1至2个`, `一至两个`, `三到五个`.
    if e < hi
        && is_range_sep(cs[e])
        && let Some(m) = numeral::numeral_at(&cs[..hi], e + 1)
        && m.chinese == n.chinese
        && m.value > n.value
    {
        value_max = Some(m.value);
        e = m.end;
    }
    let mut approx = false;
    let mut value = n.value;
    let mut multiplied = cs[n.start..n.end].iter().any(|&c| c == '万' || c == '亿');
    // `1.9萬(wàn)畝`: a converting site's pinyin gloss after a character.
    e += gloss_at(&cs[..hi], e);
    // `680 余万元`: a converted document's space before the approximation.
    let spaced = numeral::spaces_at(&cs[..hi], e);
    if spaced > 0
        && cs
            .get(e + spaced)
            .is_some_and(|&c| matches!(c, '余' | '多'))
    {
        e += spaced;
    }
    // Approximate numerals (`10余个`, `30多家`, `20来人`): numeral grammar.
    if e < hi && matches!(cs[e], '余' | '多' | '来') && !starts_with(cs, e, "多元") {
        approx = true;
        e += 1;
        // `2800余万元`: the multiplier comes after the approximation.
        while let Some(m) = cs[..hi].get(e).and_then(|&c| numeral::big_unit(c)) {
            value *= m;
            multiplied = true;
            e += 1;
        }
    }
    // `31.88 亿元`, `6.5 %`: a converted document's space before the unit.
    let gap = numeral::spaces_at(&cs[..hi], e);
    if gap > 0 && lx.unit_at(&cs[..hi], e + gap).is_some() {
        e += gap;
    }
    let unit = lx.unit_at(&cs[..hi], e);
    let mut rule = Rule::Quantity;
    let (unit_name, kind, mult, unit_end) = match unit {
        Some(u) if u.qualifier && !measured_as_metric(lx, cs, lo, n.start) => {
            return Step::Blocked(e + u.surface.len(), Rule::QualifierUnit);
        }
        Some(u) if u.arabic_only && n.chinese => return Step::Blocked(e, Rule::ArabicOnlyUnit),
        Some(u) => {
            if !unit_fits(cs, hi, e, u) {
                return Step::Blocked(e, Rule::UnitMisfit);
            }
            (
                u.canonical.clone(),
                u.kind,
                u.multiplier,
                e + u.surface.len(),
            )
        }
        None => {
            // A bare 万/亿 amount in a money context: `到位资金34亿`.
            if multiplied && money_context(lx, cs, lo, n.start) {
                rule = Rule::MoneyAmount;
                (Arc::from("元"), TargetKind::Money, 1.0, e)
            } else {
                return Step::Skip(e.max(n.end));
            }
        }
    };
    let mut unit_end = unit_end;
    // A range with the unit on both ends: `5%-8%`, `3万吨至5万吨`.
    if value_max.is_none()
        && unit_end < hi
        && is_range_sep(cs[unit_end])
        && let Some(m) = numeral::numeral_at(&cs[..hi], unit_end + 1)
    {
        let same_unit = lx
            .unit_at(&cs[..hi], m.end)
            .filter(|u| u.canonical == unit_name);
        if let Some(u) = same_unit.filter(|_| m.chinese == n.chinese && m.value > value) {
            value_max = Some(m.value);
            unit_end = m.end + u.surface.len();
        }
    }
    let mut f = plain(rule, start, unit_end, value * mult, unit_name, kind);
    f.value_max = value_max.map(|v| v * mult);
    f.bare_one = n.bare_one && value_max.is_none();
    if value_max.is_some() {
        f.comparator = Comparator::Range;
    } else if approx {
        f.comparator = Comparator::Approx;
    }
    finish(lx, cs, lo, hi, f)
}

/// Whether the unit word really is a unit here: `一次性` is an adjective,
/// `3个亿` is money counted with 个.
pub(super) fn unit_fits(cs: &[char], hi: usize, e: usize, u: &UnitWord) -> bool {
    let after = e + u.surface.len();
    let next = if after < hi {
        cs.get(after).copied()
    } else {
        None
    };
    if next == Some('性') || next == Some('型') {
        return false;
    }
    true
}

pub(super) fn money_context(lx: &Lexicon, cs: &[char], lo: usize, at: usize) -> bool {
    lx.money_context
        .occurs_in(&cs[clause_start(cs, lo, at)..at])
}

/// A pinyin gloss that some converting portals put after a character
/// (`鎮(zhèn)`, `萬(wàn)`): its length at `i`, else 0. A gloss is a bracket
/// holding one to eight lower-case Latin letters, tone marks allowed.
pub(super) fn gloss_at(cs: &[char], i: usize) -> usize {
    if cs.get(i) != Some(&'(') {
        return 0;
    }
    let letters = cs[i + 1..]
        .iter()
        .take(9)
        .take_while(|c| c.is_lowercase() && c.is_alphabetic())
        .count();
    if (1..=8).contains(&letters) && cs.get(i + 1 + letters) == Some(&')') {
        letters + 2
    } else {
        0
    }
}

/// Is a qualifier unit (`岁`) what the clause measures (`平均年龄达到51岁`)
/// rather than a description of people (`60岁以上老年人`)?
pub(super) fn measured_as_metric(lx: &Lexicon, cs: &[char], lo: usize, at: usize) -> bool {
    let cstart = clause_start(cs, lo, at);
    lx.words(WordRole::QualifierMetric)
        .iter()
        .any(|w| contains(&cs[cstart..at], w))
}

/// Comparators after the unit and before the number, change words, scope.
pub(super) fn finish(lx: &Lexicon, cs: &[char], lo: usize, hi: usize, mut f: Found) -> Step {
    let cstart = clause_start(cs, lo, f.num_start);
    // After: `95%以上`, `10个以上`, `8%左右`.
    if let Some(w) = lx
        .comparators
        .iter()
        .filter(|w| !w.before)
        .find(|w| starts_with_word(&cs[f.end.min(hi)..hi], &w.word))
    {
        if f.comparator == Comparator::Eq || w.comparator == Comparator::Approx {
            f.comparator = w.comparator;
        }
        f.end += w.word.len();
    }
    // Change words: adjacent ones (`增幅35%`, `进位1-2名`) or clause-wide (`新增规模企业5家`).
    let mut text_start = f.start;
    // The links that end right before the number, found once.
    let links: Vec<usize> = lx
        .words(WordRole::ChangeLink)
        .iter()
        .filter(|l| ends_with_word(&cs[..f.start], l))
        .map(|l| l.len())
        .collect();
    // Which characters the clause holds, as a 64-bit mask of the code
    // points modulo 64: a word whose first character is not in it cannot
    // occur there, and most are passed over without a search.
    let held = cs[cstart..f.start]
        .iter()
        .fold(0u64, |m, &c| m | 1 << (c as u32 % 64));
    let may_hold = |w: &[char]| w.first().is_some_and(|&c| held >> (c as u32 % 64) & 1 == 1);
    for w in lx.changes.iter() {
        // Each test only when the cheaper ones before it failed.
        let adjacent = ends_with_word(&cs[..f.start], &w.word) && f.start >= cstart + w.word.len();
        let found = adjacent
            || links.iter().any(|&l| {
                ends_with_word(&cs[..f.start - l], &w.word) && f.start >= cstart + l + w.word.len()
            })
            || (!w.adjacent_only && may_hold(&w.word) && contains(&cs[cstart..f.start], &w.word));
        if found {
            f.change = w.change;
            if adjacent {
                text_start = f.start - w.word.len();
            }
            break;
        }
    }
    if &*f.unit == "名" && f.change == Change::Increase && f.kind == TargetKind::Count {
        f.kind = TargetKind::Rank; // `进位2名`
    }
    // Before: `不少于20场`, `至少召开一次` (a short verb may stand between).
    if f.comparator == Comparator::Eq
        && let Some((cmp, at)) = comparator_before(lx, cs, cstart, text_start)
    {
        f.comparator = cmp;
        if text_start - at <= 4 {
            text_start = at - comparator_len(lx, cs, at);
        }
    }
    if let Some(rule) = blocking_rule(lx, cs, lo, hi, cstart, &f) {
        return Step::Blocked(f.end, rule);
    }
    f.start = text_start;
    Step::Found(f)
}

/// The nearest comparator word before `at` in the clause, with the position
/// where it ends. Single-character ones (`约`, `近`) only right before the
/// number; longer ones up to 12 characters away with no number between.
pub(super) fn comparator_before(
    lx: &Lexicon,
    cs: &[char],
    cstart: usize,
    at: usize,
) -> Option<(Comparator, usize)> {
    let mut j = at;
    while j > cstart && at - j <= 12 {
        if j < at && is_numeral_char(cs[j]) {
            return None;
        }
        let adjacent = j == at || cs[j..at].iter().all(|&c| crate::text::is_space(c));
        for w in lx.comparators.iter().filter(|w| w.before) {
            if ends_with_word(&cs[cstart..j], &w.word) && (w.word.len() > 1 || adjacent) {
                return Some((w.comparator, j));
            }
        }
        j -= 1;
    }
    None
}

pub(super) fn comparator_len(lx: &Lexicon, cs: &[char], end: usize) -> usize {
    lx.comparators
        .iter()
        .filter(|w| w.before)
        .find(|w| ends_with_word(&cs[..end], &w.word))
        .map_or(0, |w| w.word.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::target::tests::{targets, texts};

    #[test]
    fn ratios() {
        let ts = targets("城乡居民收入比缩小到2.05∶1以内。");
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].text, "2.05∶1以内");
        assert_eq!(ts[0].value, 2.05);
        assert_eq!(ts[0].kind, TargetKind::Ratio);
        assert_eq!(ts[0].comparator, Comparator::Lte);
        assert_eq!(
            texts("农产品加工业产值与农业总产值之比达到2.4:1。"),
            vec!["2.4:1"]
        );
        // A time or a score line is no ratio.
        assert!(texts("会议于9:30召开。").is_empty());
    }

    #[test]
    fn converted_text_forms() {
        assert_eq!(texts("带动农产品销售 680 余万元。"), vec!["680 余万元"]);
        assert_eq!(texts("特色水果1.9萬(wàn)畝。"), vec!["1.9萬(wàn)畝"]);
        assert_eq!(texts("其中超 50 万元的 村 6 个。"), vec!["6 个"]);
        assert_eq!(texts("村“两委”干部平均年龄达到51歲。"), vec!["51歲"]);
        assert!(texts("为60岁以上老年人提供助餐服务。").is_empty());
    }

    #[test]
    fn metric_and_change() {
        let r = &targets("规模以上工业总产值增幅35%")[0];
        assert_eq!(r.text, "增幅35%");
        assert_eq!(r.change, Change::Increase);
        assert!(
            r.metric.as_deref().is_some_and(|m| m.ends_with("总产值")),
            "{:?}",
            r.metric
        );
        let r = &targets("积极排查化解辖区各类矛盾纠纷,化解率达到95%以上。")[0];
        assert_eq!(r.metric.as_deref(), Some("化解率"));
        assert_eq!(r.comparator, Comparator::Gte);
    }
}
