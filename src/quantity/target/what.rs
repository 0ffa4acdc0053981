//! What a number measures: the phrase before it, the noun after it, the
//! names of a `分别` list, the phrase inherited from the number before.

use super::*;

/// What a number measures, as found in its clause.
#[derive(Clone, Copy)]
pub(super) struct What {
    pub(super) what: Option<Span>,
    pub(super) activity: Option<Span>,
    /// `what` is the counted thing (a noun after or before a count), not a
    /// named indicator.
    pub(super) counted: bool,
    /// A verb taken off right before `what` (for the indicator lookup).
    pub(super) verb: Option<Span>,
}

/// Longest phrase taken as what a number measures.
pub(super) const MAX_WHAT: usize = 18;

/// What the number `f` measures: the row name of a `|` table; else the
/// counted noun after a measure word (`3个莲藕专业村`, `18个村美丽乡村建设` →
/// `村`, activity `美丽乡村建设`); else the phrase before the number, its
/// leading time, scope and verb words and its trailing link, change and
/// comparator words taken off (`全年新增城镇就业600人` → `城镇就业`;
/// `民生诉求满意率达到95%以上` → `民生诉求满意率`). A number with no phrase of
/// its own (`同比增长7%`) is left without; [`inherit_what`] gives it the
/// phrase of the number it follows.
pub(super) fn what_of(
    lx: &Lexicon,
    cs: &[char],
    lo: usize,
    row: Option<Span>,
    cstart: usize,
    cend: usize,
    f: &Found,
) -> What {
    let none = What {
        what: None,
        activity: None,
        counted: false,
        verb: None,
    };
    if let Some(row) = row {
        return What {
            what: Some(row),
            ..none
        };
    }
    let counted = f.kind == TargetKind::Count;
    // The counted noun inside the target's own text (`11个区域`, `7个村`).
    if counted && let Some(w) = noun_in_text(lx, cs, f) {
        return What {
            what: Some(w),
            activity: None,
            counted: true,
            verb: None,
        };
    }
    // The counted thing after the measure word.
    let after_start = f.end.min(cend);
    let after = |none: What| -> What {
        if (after_start < cend && is_han(cs[after_start]) || cs.get(after_start) == Some(&'“'))
            && let Some((w, act)) = noun_after(lx, cs, after_start, cend, 2)
        {
            return What {
                what: Some(w),
                activity: act,
                counted: true,
                verb: None,
            };
        }
        none
    };
    if counted {
        let w = after(What { ..none });
        if w.what.is_some() {
            return w;
        }
    }
    let cstart = wrapped_clause_start(cs, cstart, f.start);
    // The phrase before the number, from the clause start or the last list
    // separator or number before it.
    let mut s = cstart;
    for j in (cstart..f.start.max(cstart)).rev() {
        if matches!(cs[j], '、' | '%') || cs[j].is_ascii_digit() && !is_ascii_name(cs, j) {
            s = j + 1;
            break;
        }
    }
    // What is left of the number before: its multiplier, unit or date word
    // (numeral and date grammar: the multipliers and the calendar units)
    // (`100万以上税源项目`, `4个重点产业项目`, `2022年实现税收`).
    if s > cstart && cs[s - 1].is_ascii_digit() {
        while s < f.start && matches!(cs[s], '万' | '亿' | '千' | '百' | '年' | '月' | '日')
        {
            s += 1;
        }
        if let Some(u) = lx.unit_at(&cs[..f.start], s) {
            s += u.surface.len();
        }
    }
    let (s, e, verb) = trim_what(lx, cs, s, f.start.max(s));
    let han = cs[s..e]
        .iter()
        .filter(|&&c| is_han(c) || c.is_ascii_alphanumeric())
        .count();
    let only_verb = word_starting_at(lx.words(WordRole::WhatVerb), &cs[s..e], 0)
        .is_some_and(|w| w.len() == e - s);
    if han >= 2 && e - s <= MAX_WHAT && !only_verb {
        let activity = verb
            .filter(|_| counted)
            .filter(|&(a, b)| !lx.changes.iter().any(|w| w.word[..] == cs[a..b]))
            .map(|(a, b)| Span::new(a, b));
        return What {
            what: Some(Span::new(s, e)),
            activity,
            counted,
            verb: verb.map(|(a, b)| Span::new(a, b)),
        };
    }
    if e - s > MAX_WHAT
        && let Some((a, b)) = trailing_noun(lx, &cs[s..e])
    {
        return What {
            what: Some(Span::new(s + a, s + b)),
            activity: None,
            counted,
            verb: None,
        };
    }
    let w = after(none);
    if w.what.is_some() || !counted {
        return w;
    }
    // `开展庆祝活动,全年不低于3场`: a count with no noun of its own counts
    // the thing the clause before it names.
    if cstart > lo + 1 && cs[cstart - 1] == ',' {
        let pstart = clause_start(cs, lo, cstart - 1);
        if let Some((a, b)) = trailing_noun(lx, &cs[pstart..cstart - 1]) {
            return What {
                what: Some(Span::new(pstart + a, pstart + b)),
                activity: None,
                counted: true,
                verb: None,
            };
        }
    }
    What {
        what: None,
        activity: None,
        counted: false,
        verb: None,
    }
}

/// The phrase `[s, e)` before a number with its leading time, scope and
/// verb words, its trailing link, change and comparator words and its quotes
/// taken off; with the verb taken off, if any.
pub(super) fn trim_what(
    lx: &Lexicon,
    cs: &[char],
    s: usize,
    e: usize,
) -> (usize, usize, Option<(usize, usize)>) {
    let (mut s, mut e) = (s, e.max(s));
    let mut verb: Option<(usize, usize)> = None;
    loop {
        let before = (s, e);
        for role in [WordRole::MetricLink, WordRole::WhatLink] {
            if let Some(w) = word_ending_at(lx.words(role), &cs[s..e], e - s) {
                e -= w.len();
            }
        }
        if let Some(w) = lx
            .changes
            .iter()
            .find(|w| ends_with_word(&cs[s..e], &w.word))
        {
            e -= w.word.len();
        }
        if let Some(w) = lx
            .comparators
            .iter()
            .find(|w| w.before && ends_with_word(&cs[s..e], &w.word))
        {
            e -= w.word.len();
        }
        for role in [WordRole::MetricLead, WordRole::WhatScope] {
            if let Some(w) = word_starting_at(lx.words(role), &cs[s..e], 0) {
                s += w.len();
            }
        }
        if let Some(w) = word_starting_at(lx.words(WordRole::WhatVerb), &cs[s..e], 0)
            && e - s >= w.len() + 2
        {
            verb = Some((s, s + w.len()));
            s += w.len();
        }
        while s < e
            && matches!(cs[s], '”' | '"' | ' ' | '“')
            && !(cs[s] == '“' && cs[s..e].contains(&'”'))
        {
            s += 1;
        }
        while e > s && matches!(cs[e - 1], '”' | '“' | '"' | ' ') && !cs[s..e - 1].contains(&'“')
        {
            e -= 1;
        }
        if (s, e) == before {
            break;
        }
    }
    (s, e, verb)
}

/// Where the clause of a number starts when its line is the continuation
/// of a line broken inside a word (text from a PDF: `完成固定资产投` / `资
/// 18.36亿元`): a line break between two Han characters, after a full line
/// (at least [`WRAPPED_LINE`] characters) and with less than two Han
/// characters of the clause before the number on the new line, is no clause
/// boundary, even where the goal starts at the new line.
pub(super) fn wrapped_clause_start(cs: &[char], cstart: usize, at: usize) -> usize {
    let on_line = cs[cstart..at.max(cstart)]
        .iter()
        .filter(|&&c| is_han(c))
        .count();
    if on_line >= 2 || cstart < 2 || cs[cstart - 1] != '\n' || !is_han(cs[cstart - 2]) {
        return cstart;
    }
    if !cs.get(cstart).is_some_and(|&c| is_han(c)) {
        return cstart;
    }
    let line_start = cs[..cstart - 1]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |j| j + 1);
    if cstart - 1 - line_start < WRAPPED_LINE {
        return cstart;
    }
    clause_start(cs, line_start, cstart - 1)
}

/// The shortest line taken as broken by the page width, not ended.
pub(super) const WRAPPED_LINE: usize = 16;

/// The noun a count's own text ends with, past its measure word: `11个区域`
/// → `区域` (not a comparator word: `10个以上`).
pub(super) fn noun_in_text(lx: &Lexicon, cs: &[char], f: &Found) -> Option<Span> {
    let unit: Vec<char> = f.unit.chars().collect();
    let mut k = f.num_start;
    while k < f.end && !cs[k..f.end].starts_with(&unit) {
        k += 1;
    }
    let a = k + unit.len();
    if k >= f.end || a >= f.end {
        return None;
    }
    let rest = &cs[a..f.end];
    let comparator = lx
        .comparators
        .iter()
        .any(|w| !w.before && starts_with_word(rest, &w.word));
    (!comparator && rest.iter().all(|&c| is_han(c))).then(|| Span::new(a, f.end))
}

/// The canonical indicator `what` names; a verb right before it is tried
/// with it first (`发展党员8名`: `发展` + `党员`).
pub(super) fn indicator_of(
    t: &Text,
    what: Option<Span>,
    verb: Option<Span>,
) -> Option<IndicatorRef> {
    let lx = t.lexicon();
    let what = what?;
    let ind = &lx.indicators;
    // A name broken over two lines is looked up whole.
    let joined = |s: Span| -> String {
        t.slice(s)
            .chars()
            .filter(|c| !crate::text::is_space(*c) && *c != '\n' && *c != '\r')
            .collect()
    };
    verb.filter(|a| a.end == what.start)
        .and_then(|a| ind.reference(&joined(Span::new(a.start, what.end))))
        .or_else(|| ind.reference(&joined(what)))
}

/// Whether the ASCII digit at `j` is part of a name such as `PM2.5`.
pub(super) fn is_ascii_name(cs: &[char], j: usize) -> bool {
    let mut k = j;
    while k > 0 && (cs[k - 1].is_ascii_digit() || cs[k - 1] == '.') {
        k -= 1;
    }
    k > 0 && cs[k - 1].is_ascii_alphabetic()
}

/// The counted noun right after a measure word, and the activity phrase
/// after it: `村美丽乡村建设项目` → `村`, `美丽乡村建设项目`; a modifier ending
/// in `的` gives way to the noun after it (`高质量的人大政协集体提案`); a run
/// holding a quoted name is taken whole (`国家级“扫黄打非”示范社区`).
pub(super) fn noun_after(
    lx: &Lexicon,
    cs: &[char],
    a: usize,
    cend: usize,
    depth: u8,
) -> Option<(Span, Option<Span>)> {
    const STOP: &[char] = &['的', '、', '(', ')', '|'];
    let stop = |c: char| STOP.contains(&c) || lx.is_word_char(WordRole::ListConjunction, c);
    let s = a;
    let mut e = s;
    let mut quoted = false;
    while e < cend
        && e - s < 16
        && (is_han(cs[e]) || matches!(cs[e], '“' | '”'))
        && !stop(cs[e])
        && !is_numeral_char(cs[e])
    {
        quoted |= cs[e] == '“';
        e += 1;
    }
    if e < cend
        && cs[e] == '的'
        && depth > 0
        && e - s != 1
        && let Some(w) = noun_after(lx, cs, e + 1, cend, depth - 1)
    {
        return Some(w);
    }
    if e == s {
        return None;
    }
    if quoted {
        return Some((Span::new(s, e), None));
    }
    let text: String = cs[s..e].iter().collect();
    let tags = lx.jieba().tag(&text, true);
    let nounish = |t: &str| is_noun_tag(t) || matches!(t, "ns" | "zg" | "ng");
    // A single-character noun followed by more words: the counted thing, the
    // rest what is done (`村美丽乡村建设项目`).
    if let [first, second, ..] = &tags[..]
        && first.end == 1
        && nounish(first.tag)
        && second.end > 1
    {
        return Some((Span::new(s, s + 1), Some(Span::new(s + 1, e))));
    }
    let mut end = 0;
    let mut act: Option<usize> = None;
    for (i, tag) in tags.iter().enumerate() {
        let verbal = tag.tag.starts_with('v');
        // A verb opening a compound noun (`拆迁问题`, `激励政策`).
        let opens_noun = i == 0 && verbal && tags.get(1).is_some_and(|n| n.tag.starts_with('n'));
        if end > 0 && verbal {
            act = Some(tag.start);
            break;
        }
        if !(nounish(tag.tag) || opens_noun || matches!(tag.tag, "q" | "m")) || tag.end > 12 {
            break;
        }
        end = tag.end;
    }
    if end == 0 {
        return None;
    }
    Some((Span::new(s, s + end), act.map(|x| Span::new(s + x, e))))
}

/// Set what a target measures to the phrase at `w` (with the verb taken off
/// before it, if any), its indicator, object or metric with it.
pub(super) fn set_what(t: &Text, target: &mut Target, w: Span, verb: Option<Span>) {
    let lx = t.lexicon();
    let what = t.slice(w).to_string();
    let counted = target.kind == TargetKind::Count;
    target.indicator = indicator_of(t, Some(w), verb);
    target.activity = verb
        .filter(|_| counted)
        .filter(|v| {
            !lx.changes
                .iter()
                .any(|c| c.word[..] == t.chars[v.start..v.end])
        })
        .map(|v| t.slice(v).to_string());
    if counted {
        target.object = Some(what.clone());
        target.metric = None;
    } else {
        target.metric = Some(what.clone());
        target.object = None;
    }
    target.what = Some(what);
    target.what_span = Some(w);
}

/// Whether `[s, e)` is a comparison base (`较上年`, `比2023年`, `较年初`,
/// `较去年同期`): `较` or `比`, then year words.
pub(super) fn is_baseline(lx: &Lexicon, cs: &[char], s: usize, e: usize) -> bool {
    e > s + 1
        && lx.is_word_char(WordRole::BaselineLead, cs[s])
        && cs[s + 1..e]
            .iter()
            .all(|&c| c.is_ascii_digit() || lx.is_word_char(WordRole::BaselineTimeChar, c))
        && lx.is_word_char(WordRole::BaselineTimeEnd, cs[e - 1])
}

/// `A、B分别达到X、Y` and `A和B分别增长X%、Y%`: the i-th number after `分别`
/// measures the i-th name listed before it (`化肥、农药使用量较上年分别减少3%、2%`
/// → 化肥, 农药使用量); one name before it is what every number measures
/// (`城乡居民人均可支配收入分别达到38416元、19862元`); with no name before it
/// in its clause, the numbers take, in order, what the numbers just before
/// them in the sentence measure (`接待游客18万人次,实现旅游综合收入9000万元,
/// 同比分别增长12%、15%` → 游客, 旅游综合收入). Only the numbers listed right
/// after `分别` (the words between it and the first taken off as in
/// [`what_of`], the rest joined by `、`, `和`, `与`, `及`) are so read; a
/// number whose counted noun follows it keeps that noun.
pub(super) fn respectively(t: &Text, lo: usize, hi: usize, targets: &mut [Target]) {
    let lx = t.lexicon();
    let cs = &t.chars;
    let mut p = lo;
    while p + 2 <= hi {
        if cs[p] != '分' || cs[p + 1] != '别' {
            p += 1;
            continue;
        }
        let after = p + 2;
        p = after;
        let cend = clause_end(cs, hi, after);
        let Some(k) = targets
            .iter()
            .position(|x| x.span.start >= after && x.span.start < cend)
        else {
            continue;
        };
        // Nothing but link, change or comparator words between `分别` and
        // the first number.
        let (gs, ge, _) = trim_what(lx, cs, after, targets[k].span.start);
        let gap_words = cs[gs..ge].iter().filter(|&&c| is_han(c)).count();
        let only_verb = word_starting_at(lx.words(WordRole::WhatVerb), &cs[gs..ge], 0)
            .is_some_and(|w| w.len() == ge - gs);
        if gap_words > 0 && !only_verb {
            continue;
        }
        let mut n = 1;
        while k + n < targets.len() {
            let (a, b) = (targets[k + n - 1].span.end, targets[k + n].span.start);
            let gap = &cs[a.min(b)..b];
            if b >= cend
                || gap.len() > 2
                || !gap.iter().all(|&c| {
                    matches!(c, '、' | ' ' | '\u{3000}')
                        || lx.is_word_char(WordRole::ListConjunction, c)
                })
            {
                break;
            }
            n += 1;
        }
        if n < 2 {
            continue;
        }
        let listed = k..k + n;
        // The names before `分别` in its clause, a comparison base after them
        // taken off.
        let cstart = clause_start(cs, lo, after - 2);
        let (s, mut e, _) = trim_what(lx, cs, cstart, after - 2);
        if let Some(b) = (s..e).find(|&b| is_baseline(lx, cs, b, e)) {
            e = b;
        }
        let (s, e, _) = trim_what(lx, cs, s, e);
        let names = list_names(lx, cs, s, e, n);
        let keeps_own = |x: &Target| x.what_span.is_some_and(|w| w.start >= x.span.start);
        match names {
            Some(names) if names.len() == n => {
                for (i, (w, verb)) in listed.zip(names) {
                    if !keeps_own(&targets[i]) {
                        set_what(t, &mut targets[i], w, verb);
                    }
                }
            }
            Some(names) if names.len() == 1 => {
                let (w, verb) = names[0];
                for i in listed {
                    if !keeps_own(&targets[i]) {
                        set_what(t, &mut targets[i], w, verb);
                    }
                }
            }
            Some(_) => {}
            None => {
                // No name before `分别`: the numbers before it in the same
                // sentence, the last `n` of them, in order.
                if k < n {
                    continue;
                }
                let before = k - n..k;
                let sentence_break = cs[targets[k - n].span.end.min(after)..after]
                    .iter()
                    .any(|&c| matches!(c, '。' | ';' | '\n' | ':'));
                if sentence_break || targets[before.clone()].iter().any(|x| x.what.is_none()) {
                    continue;
                }
                for (i, j) in listed.zip(before) {
                    let (what, span, ind, obj, met) = {
                        let x = &targets[j];
                        (
                            x.what.clone(),
                            x.what_span,
                            x.indicator.clone(),
                            x.object.clone(),
                            x.metric.clone(),
                        )
                    };
                    if keeps_own(&targets[i]) {
                        continue;
                    }
                    let x = &mut targets[i];
                    x.what = what;
                    x.what_span = span;
                    x.indicator = ind;
                    x.activity = None;
                    if x.kind == TargetKind::Count {
                        (x.object, x.metric) = (obj.or(met), None);
                    } else {
                        (x.object, x.metric) = (None, met.or(obj));
                    }
                }
            }
        }
    }
}

/// The names listed in `[s, e)`: split at `、`, or also at `和`, `与`, `及`
/// when that gives `n` names; each trimmed as in [`what_of`]. `None` when
/// there is no name at all; a list of a length other than 1 or `n` is of no
/// use to the caller.
#[allow(clippy::type_complexity)]
pub(super) fn list_names(
    lx: &Lexicon,
    cs: &[char],
    s: usize,
    e: usize,
    n: usize,
) -> Option<Vec<(Span, Option<Span>)>> {
    let han = |a: usize, b: usize| cs[a..b].iter().filter(|&&c| is_han(c)).count();
    if han(s, e) == 0 {
        return None;
    }
    let split = |seps: &[char]| -> Vec<(Span, Option<Span>)> {
        let mut out = Vec::new();
        let mut a = s;
        for j in s..=e {
            if j == e || seps.contains(&cs[j]) {
                let mut b = a;
                while b < j
                    && (!(is_han(cs[b]) || cs[b].is_ascii_alphanumeric() || cs[b] == '“')
                        || lx.is_word_char(WordRole::ListConjunction, cs[b]))
                {
                    b += 1;
                }
                let (ps, pe, verb) = trim_what(lx, cs, b, j);
                if han(ps, pe) > 0 {
                    out.push((Span::new(ps, pe), verb.map(|(x, y)| Span::new(x, y))));
                }
                a = j + 1;
            }
        }
        out
    };
    let by_comma = split(&['、']);
    if by_comma.len() == n {
        return Some(by_comma);
    }
    let mut all_seps = vec!['、'];
    all_seps.extend(
        lx.words(WordRole::ListConjunction)
            .iter()
            .filter_map(|w| (w.len() == 1).then_some(w[0])),
    );
    let by_all = split(&all_seps);
    if by_all.len() == n {
        return Some(by_all);
    }
    if by_comma.len() == 1 && han(s, e) >= 2 && e - s <= MAX_WHAT {
        return Some(vec![(Span::new(s, e), None)]);
    }
    Some(by_comma)
}

/// A number with no phrase of its own takes the phrase of the number before
/// it in the same sentence part (`实现税收5亿元,增长7%` → both `税收`;
/// `龙头企业２家、市级５家以上`).
pub(super) fn inherit_what(cs: &[char], targets: &mut [Target]) {
    for i in 1..targets.len() {
        if targets[i].what.is_some() {
            continue;
        }
        let (prev, cur) = (&targets[i - 1], &targets[i]);
        let gap = &cs[prev.span.end.min(cur.span.start)..cur.span.start];
        if gap.len() <= 24 && !gap.iter().any(|&c| matches!(c, '。' | ';' | '\n' | ':')) {
            let (what, span, object, metric, indicator) = (
                prev.what.clone(),
                prev.what_span,
                prev.object.clone(),
                prev.metric.clone(),
                prev.indicator.clone(),
            );
            let t = &mut targets[i];
            t.what = what;
            t.what_span = span;
            t.indicator = indicator;
            if t.kind == TargetKind::Count {
                t.object = object;
            } else {
                t.metric = metric;
            }
        }
    }
}

pub(super) fn is_noun_tag(tag: &str) -> bool {
    tag.starts_with('n') || matches!(tag, "vn" | "an" | "j" | "eng" | "l" | "i" | "f" | "b" | "a")
}

/// A range of characters `[start, end)` within the string a helper was given.
pub(super) type Range = (usize, usize);

/// The noun phrase closing `cs` (`新增规模企业` → `规模企业`).
pub(super) fn trailing_noun(lx: &Lexicon, cs: &[char]) -> Option<Range> {
    let s: String = cs.iter().collect();
    let tags = lx.jieba().tag(&s, true);
    let mut start = cs.len();
    for tag in tags.iter().rev() {
        if !is_noun_tag(tag.tag) || (tag.tag == "f" && start == cs.len()) {
            break;
        }
        start = tag.start;
        if cs.len() - start >= 8 {
            break;
        }
    }
    (cs.len() - start >= 2 && cs[start..].iter().all(|&c| is_han(c))).then_some((start, cs.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::target::tests::targets;

    fn whats(s: &str) -> Vec<(Option<String>, Option<String>)> {
        targets(s)
            .into_iter()
            .map(|t| (t.what, t.activity))
            .collect()
    }

    fn w(what: &str, activity: Option<&str>) -> (Option<String>, Option<String>) {
        (Some(what.to_string()), activity.map(str::to_string))
    }

    fn what_list(s: &str) -> Vec<String> {
        targets(s)
            .into_iter()
            .map(|t| t.what.unwrap_or_else(|| "-".into()))
            .collect()
    }

    #[test]
    fn respectively_gives_each_number_its_own_name() {
        // Names listed before `分别`, numbers after it, in order.
        assert_eq!(
            what_list("规模以上工业增加值、固定资产投资分别增长8%、10%。"),
            ["规模以上工业增加值", "固定资产投资"]
        );
        assert_eq!(
            what_list("新建标准化卫生室、村级养老服务站分别达到12个、8个。"),
            ["标准化卫生室", "村级养老服务站"]
        );
        assert_eq!(
            what_list("③化肥、农药使用量较上年分别减少3%、2%。"),
            ["化肥", "农药使用量"]
        );
        assert_eq!(
            what_list("城镇新增就业和农村劳动力转移就业分别达到600人、1200人以上。"),
            ["城镇新增就业", "农村劳动力转移就业"]
        );
        // One name: every number measures it; then a `分别` with no name
        // before it takes the names of the numbers before it.
        assert_eq!(
            what_list("城乡居民人均可支配收入分别达到38416元、19862元,分别增长5.2%和7.1%。"),
            ["城乡居民人均可支配收入"; 4]
        );
        assert_eq!(
            what_list("接待游客18万人次,实现旅游综合收入9000万元,同比分别增长12%、15%。"),
            ["接待游客", "旅游综合收入", "接待游客", "旅游综合收入"]
        );
        assert_eq!(
            what_list("查处违纪违法案件3件,处分4人,同比分别下降25%、20%。"),
            ["查处违纪违法案件", "处分", "查处违纪违法案件", "处分"]
        );
        // The canonical indicator follows the name.
        let ts = targets("社会消费品零售总额、一般公共预算收入分别增长6%、5%。");
        let ids: Vec<Option<&str>> = ts
            .iter()
            .map(|t| t.indicator.as_ref().map(|i| i.id.as_str()))
            .collect();
        assert_eq!(ids, [Some("retail_sales"), Some("general_budget_revenue")]);
        assert_eq!(ts[1].metric.as_deref(), Some("一般公共预算收入"));
        assert_eq!(ts[1].what_span.map(|s| (s.start, s.end)), Some((10, 18)));
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_read_whole() {
        // Text from a PDF: the goal is the second line, the name starts on
        // the first.
        let s = "1.42 亿元,同比增长 6.7 %,完成全年任务的 53.2 %;完成固定资产投\n资 18.36 亿元,同比增长 11.4 %。";
        let t = Text::new(s, crate::lexicon::for_tests());
        let lo = s.chars().position(|c| c == '\n').unwrap_or(0) + 1;
        let ts = find_targets(&t, Span::new(lo, t.len()), GoalMode::Target);
        assert_eq!(ts[0].what.as_deref(), Some("固定资产投\n资"));
        assert_eq!(ts[1].what.as_deref(), Some("固定资产投\n资"));
        assert_eq!(
            ts[0].indicator.as_ref().map(|i| i.id.as_str()),
            Some("fixed_asset_investment")
        );
        // A short line (a heading) ends where it ends.
        let s = "二、农业生产\n田 1.2 万亩。";
        let t = Text::new(s, crate::lexicon::for_tests());
        let ts = find_targets(&t, Span::new(7, t.len()), GoalMode::Target);
        assert!(
            ts[0].what.as_deref().is_none_or(|w| !w.contains("农业")),
            "{:?}",
            ts[0].what
        );
    }

    #[test]
    fn respectively_leaves_what_it_cannot_pair() {
        // A counted noun after each number stays that number's.
        assert_eq!(
            what_list("各街道分别建成3个服务中心、5个服务站。"),
            ["服务中心", "服务站"]
        );
        // Three names for two numbers: no pairing, and `分别` is no name.
        let w = what_list("道路、桥梁、河道分别完成12公里、5座。");
        assert!(w.iter().all(|x| !x.contains("分别")), "{w:?}");
        // A number before `分别` in another sentence is not listed with it.
        assert_eq!(what_list("新建公厕5座。分别完成95个、310个。")[0], "公厕");
        let w = what_list("新建公厕5座。分别完成95个、310个。");
        assert!(w[1..].iter().all(|x| x != "公厕"), "{w:?}");
    }

    #[test]
    fn what_each_number_measures() {
        assert_eq!(
            whats("规模以上工业总产值增幅35%。"),
            [w("规模以上工业总产值", None)]
        );
        assert_eq!(
            whats("民生诉求满意率达到95%以上。"),
            [w("民生诉求满意率", None)]
        );
        // A growth rate takes the indicator it qualifies.
        assert_eq!(
            whats("全年实现税收5亿元,增长7%。"),
            [w("税收", None), w("税收", None)]
        );
        assert_eq!(whats("建成3个莲藕专业村。"), [w("莲藕专业村", None)]);
        assert_eq!(
            whats("完成18个村美丽乡村建设。"),
            [w("村", Some("美丽乡村建设"))]
        );
        assert_eq!(
            whats("新增城镇就业600人,拆除违法建设43处。"),
            [w("城镇就业", None), w("违法建设", Some("拆除"))]
        );
        // A qualifier alone (`市级`) keeps the thing counted before it.
        assert_eq!(
            whats("培育省级龙头企业2家、市级5家以上。"),
            [w("龙头企业", Some("培育")), w("龙头企业", None)]
        );
        // The row name of an indicator table.
        assert_eq!(
            whats("1|粮食总产量|万吨|24.1|24.5|种植业股"),
            [w("粮食总产量", None), w("粮食总产量", None)]
        );
        let t = Text::new("森林覆盖率提高0.5个百分点。", crate::lexicon::for_tests());
        let ts = find_targets(&t, Span::new(0, t.len()), GoalMode::Target);
        let span = ts[0].what_span.expect("span");
        assert_eq!(t.slice(span), "森林覆盖率");
    }

    #[test]
    fn counts_with_measure_words() {
        let ts = targets("建成宋闸、曾岗、徐庄等3个莲藕专业村");
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].value, 3.0);
        assert_eq!(ts[0].unit, "个");
        assert_eq!(ts[0].object.as_deref(), Some("莲藕专业村"));
    }
}
