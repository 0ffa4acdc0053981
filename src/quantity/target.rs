//! Targets: a number with its unit or measure word, comparator, change,
//! metric and object — and the many numerals of official Chinese that are
//! *not* targets kept out.
//!
//! The grammar is a left-to-right scan over the folded characters of a goal.
//! Before scanning, stretches that can hold no target are blocked: fixed
//! slogans from the lexicon, short quoted names (`“十村共建”`, `“4211”`),
//! parallel numbered slogans (`一心四区`, `五比五看五评`) and formula clauses
//! (`1+N+X`). A numeral then becomes a target only with a unit or measure
//! word (or as a rank: `排名前三`, `全区第一`), which keeps out dates
//! (`2022年`, `1-5月`), identifiers (`302省道`, `12345热线`) and labels.

use std::sync::Arc;

use crate::lexicon::{self, Lexicon, UnitWord, WordRole, word_ending_at, word_starting_at};
use crate::model::{
    Change, Comparator, GoalMode, IndicatorRef, Span, Target, TargetKind, TargetMode,
};
use crate::quantity::numeral::{self, Numeral};
use crate::text::{ASCII_DIGITS, CharSet, Text, ends_with_word, is_han, starts_with_word};

/// Clause boundaries for the target grammar (`、` is not one: it joins lists).
static BOUNDARIES: CharSet = CharSet::new(&[',', '。', ';', ':', '!', '?', '(', ')', '…']);

fn is_boundary(c: char) -> bool {
    BOUNDARIES.contains(c)
}

/// What joins the two ends of a range: `1-2`, `3~5`, `1至2`, `三到五`.
fn is_range_sep(c: char) -> bool {
    matches!(c, '-' | '~' | '至' | '到' | '—')
}

/// Arabic digits, Chinese digits and the multipliers written after them
/// (the formal `拾 佰 仟` too: `壹拾壹元`).
static NUMERAL_CHARS: CharSet = CharSet::new(numeral::CHINESE_DIGITS)
    .with(ASCII_DIGITS)
    .with(&['十', '百', '千', '万', '亿', '拾', '佰', '仟']);

fn is_numeral_char(c: char) -> bool {
    NUMERAL_CHARS.contains(c)
}

/// Characters that stand for "a number of" in parallel slogans (`多村一品`):
/// the Chinese digits, `十`, `多` and `双`.
static SLOGAN_NUMERALS: CharSet = CharSet::new(numeral::CHINESE_DIGITS).with(&['十', '多', '双']);

fn is_slogan_numeral(c: char) -> bool {
    SLOGAN_NUMERALS.contains(c)
}

/// Where [`read_at`] can find anything: a numeral's first character, or
/// the `百 千 万` of `百分之`/`千分之`/`万分之`, `翻` (`翻一番`), `前`
/// (`前三`), `第` (`第一`). Every other character is passed over at once.
static TARGET_STARTS: CharSet = CharSet::new(numeral::CHINESE_DIGITS)
    .with(ASCII_DIGITS)
    .with(&['十', '拾', '百', '千', '万', '翻', '前', '第']);

/// `百分之`, `千分之`, `万分之` and what one of their parts is in per cent.
const PER_PARTS: &[(&str, f64)] = &[("百分之", 1.0), ("千分之", 0.1), ("万分之", 0.01)];

/// A minus written before a number: `-6.2%`, `负三`, `负百分之五`.
fn is_minus(c: char) -> bool {
    matches!(c, '-' | '负' | '−')
}

static OPEN_QUOTES: CharSet = CharSet::new(&['“', '"', '「', '『', '《', '‘', '\'']);
/// Longest quoted name treated as a name (and so never holding a target).
const MAX_QUOTED_NAME: usize = 14;

/// Find the targets in `span` of the text. `mode` is the goal's mode.
pub fn find_targets(t: &Text, span: Span, mode: GoalMode) -> Vec<Target> {
    let lx = t.lexicon();
    let starts = lx.starts(t.chars_in(span));
    find_targets_with(t, span, mode, &starts)
}

/// [`find_targets`] with the goal's [`Starts`](lexicon::Starts) already
/// found.
pub fn find_targets_with(
    t: &Text,
    span: Span,
    mode: GoalMode,
    starts: &lexicon::Starts,
) -> Vec<Target> {
    let lx = t.lexicon();
    let cs = &t.chars;
    let (lo, hi) = (span.start.min(cs.len()), span.end.min(cs.len()));
    if lo >= hi {
        return Vec::new();
    }
    let blocked = blocked_positions(t, lo, hi, starts);
    let mut found: Vec<Found> = Vec::new();
    let mut i = lo;
    while i < hi {
        if blocked[i - lo] {
            i += 1;
            continue;
        }
        match read_at(lx, cs, lo, hi, i) {
            Step::Found(f) => {
                i = f.end.max(i + 1);
                found.push(f);
            }
            Step::Skip(next) => i = next.max(i + 1),
            Step::Nothing => i += 1,
        }
    }
    found.extend(table_cells(lx, cs, lo, hi));
    // A number past the range of `f64` (a run of hundreds of digits) is no
    // measurement, and JSON could not carry its value.
    found.retain(|f| f.value.is_finite() && f.value_max.is_none_or(f64::is_finite));
    found.sort_by_key(|f| f.start);
    drop_qualifiers(cs, &mut found);
    let mut targets: Vec<Target> = found
        .into_iter()
        .map(|f| f.into_target(t, lo, hi, mode))
        .collect();
    respectively(t, lo, hi, &mut targets);
    inherit_what(cs, &mut targets);
    targets
}

/// A target before it is dressed with metric/object/mode.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    /// Where the number itself starts (after comparator/change words).
    num_start: usize,
    value: f64,
    value_max: Option<f64>,
    unit: Arc<str>,
    kind: TargetKind,
    comparator: Comparator,
    change: Change,
    /// A Chinese `一` with a measure word (`一次`, `一个`).
    bare_one: bool,
}

enum Step {
    Found(Found),
    /// Not a target; resume scanning here (past a numeral that must not be re-read).
    Skip(usize),
    Nothing,
}

/// Positions in `[lo, hi)` where no target may start.
fn blocked_positions(t: &Text, lo: usize, hi: usize, starts: &lexicon::Starts) -> Vec<bool> {
    let lx = t.lexicon();
    let cs = &t.chars;
    let mut blocked = vec![false; hi - lo];
    let mut block = |s: usize, e: usize| {
        for b in blocked.iter_mut().take(e.min(hi) - lo).skip(s.max(lo) - lo) {
            *b = true;
        }
    };
    // Fixed slogans from the lexicon.
    lx.slogans
        .each_in(&cs[lo..hi], starts, |_, s, e| block(lo + s, lo + e));
    // Short quoted names holding a numeral.
    let mut i = lo;
    while i < hi {
        if OPEN_QUOTES.contains(cs[i]) {
            let close = closing_quote(cs[i]);
            if let Some(len) = (i + 1..hi.min(i + 2 + MAX_QUOTED_NAME)).position(|j| cs[j] == close)
            {
                let inner = &cs[i + 1..i + 1 + len];
                if inner.iter().any(|&c| is_numeral_char(c)) {
                    block(i + 1, i + 1 + len);
                }
                i += len + 2;
                continue;
            }
        }
        i += 1;
    }
    // Parallel numbered slogans: 一心四区, 两争一出, 五比五看五评, 一驿站一特色.
    for p in lo..hi {
        if !is_slogan_numeral(cs[p]) || (p > lo && is_numeral_char(cs[p - 1])) {
            continue;
        }
        for gap in 1..=2 {
            let q = p + 1 + gap;
            if q + 1 >= hi {
                break;
            }
            // `一至两个` is a range, not a slogan.
            let middle_ok = cs[p + 1..q].iter().all(|&c| {
                is_han(c)
                    && !is_numeral_char(c)
                    && !matches!(c, '至' | '到' | '或' | '和' | '及' | '与')
            });
            // `一点五万亩`, `二点五个百分点`: a Chinese decimal before its
            // multiplier or unit, not `一点一策`.
            let decimal = gap == 1
                && cs[p + 1] == '点'
                && (numeral::big_unit(cs[q + 1]).is_some()
                    || lx.unit_at(&cs[..hi], q + 1).is_some());
            // `四分之三`: a fraction.
            let fraction = gap == 2 && cs[p + 1] == '分' && cs[p + 2] == '之';
            if middle_ok
                && !decimal
                && !fraction
                && is_slogan_numeral(cs[q])
                && is_han(cs[q + 1])
                && !is_slogan_numeral(cs[q + 1])
            {
                let mut e = q + 2;
                if gap == 2 && e < hi && is_han(cs[e]) && !is_slogan_numeral(cs[e]) {
                    e += 1;
                }
                block(p, e);
                break;
            }
        }
    }
    // Formula clauses: `1+N+X`, `1个牵头单位+N个共建单位`.
    let mut start = lo;
    for j in lo..=hi {
        if j == hi || is_boundary(cs[j]) {
            if cs[start..j].contains(&'+') {
                block(start, j);
            }
            start = j + 1;
        }
    }
    blocked
}

fn closing_quote(open: char) -> char {
    match open {
        '“' => '”',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        '‘' => '’',
        c => c,
    }
}

/// How far a clause reaches on either side of a number. Real clauses run to
/// a few dozen characters (under 90 in every document we have); without a
/// bound, a text with no punctuation (a scraped page flattened to one line,
/// `--5% --5% …`) makes every target scan the whole text, quadratic in its
/// length.
const MAX_CLAUSE: usize = 120;

/// Start of the clause holding position `i` (not before `lo`, nor more than
/// [`MAX_CLAUSE`] characters back).
fn clause_start(cs: &[char], lo: usize, i: usize) -> usize {
    let lo = lo.max(i.saturating_sub(MAX_CLAUSE));
    (lo..i)
        .rev()
        .find(|&j| is_boundary(cs[j]))
        .map_or(lo, |j| j + 1)
}

/// End of the clause holding position `i` (not after `hi`, nor more than
/// [`MAX_CLAUSE`] characters ahead).
fn clause_end(cs: &[char], hi: usize, i: usize) -> usize {
    let hi = hi.min(i.saturating_add(MAX_CLAUSE));
    (i..hi).find(|&j| is_boundary(cs[j])).unwrap_or(hi)
}

fn starts_with(cs: &[char], i: usize, w: &str) -> bool {
    (i..).zip(w.chars()).all(|(k, c)| cs.get(k) == Some(&c))
}

/// Try to read a target starting at `i`.
fn read_at(lx: &Lexicon, cs: &[char], lo: usize, hi: usize, i: usize) -> Step {
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
        return Step::Nothing;
    };
    if i > lo {
        let p = cs[i - 1];
        if p.is_ascii_alphanumeric() || p == '.' || (n.chinese && is_numeral_char(p)) {
            return Step::Skip(n.end);
        }
        // The second half of a range whose first half was rejected (`1-5月`).
        if is_range_sep(p) && i >= lo + 2 && is_numeral_char(cs[i - 2]) {
            return Step::Skip(n.end);
        }
        if word_ending_at(lx.words(WordRole::NotQuantityPrefix), cs, i).is_some() {
            return Step::Skip(n.end);
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
        let mut f = plain(start, m.end, n.value / m.value, "", TargetKind::Ratio);
        f.num_start = start;
        return finish(lx, cs, lo, hi, f);
    }
    read_quantity(lx, cs, lo, hi, start, n)
}

/// A minus sign of a negative number (`增长-6.2%`, `负千分之15`) right
/// before `i`, not a range dash (`5-8`, `5%-8%`).
fn minus_before(cs: &[char], lo: usize, i: usize) -> bool {
    i > lo
        && is_minus(cs[i - 1])
        && (i < lo + 2
            || !(is_numeral_char(cs[i - 2])
                || cs[i - 2].is_ascii_alphanumeric()
                || cs[i - 2] == '%'))
}

/// `百分之五` → 5 %, `千分之三` → 0.3 %, `万分之五` → 0.05 %, `百分之百`,
/// `百分之负三点八`, `负千分之15`.
fn per_parts(cs: &[char], lo: usize, hi: usize, i: usize, word: &str, scale: f64) -> Option<Found> {
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
    let mut f = plain(start, end, sign * value * scale, "%", TargetKind::Percent);
    f.num_start = start;
    Some(f)
}

/// A numeral cut where a unit that opens with a multiplier begins: `3千克`
/// is 3 千克, `五千瓦` 5 千瓦 (`100万千瓦` reads so already).
fn before_unit(lx: &Lexicon, cs: &[char], hi: usize, n: Numeral) -> Numeral {
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

fn plain(
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
fn doubling(cs: &[char], hi: usize, i: usize) -> Option<Found> {
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
        let mut f = plain(i, k + 1, 2.0, "倍", TargetKind::Ratio);
        f.change = Change::Increase;
        return Some(f);
    }
    let n = numeral::numeral_at(&cs[..hi], k)?;
    if cs.get(n.end) != Some(&'番') || !n.chinese || n.value > 5.0 {
        return None;
    }
    let mut f = plain(i, n.end + 1, 2f64.powf(n.value), "倍", TargetKind::Ratio);
    f.change = Change::Increase;
    if approx {
        f.comparator = Comparator::Approx;
    }
    Some(f)
}

/// `排名前三`, `位于前三`, `前三名` → rank ≤ N.
fn rank_front(lx: &Lexicon, cs: &[char], lo: usize, hi: usize, i: usize) -> Step {
    let Some(n) = numeral::numeral_at(&cs[..hi], i + 1) else {
        return Step::Nothing;
    };
    if n.value < 1.0 || n.value > 100.0 || n.value.fract() != 0.0 {
        return Step::Skip(n.end);
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
    let mut f = plain(start, end, n.value, "名", TargetKind::Rank);
    f.num_start = i;
    f.comparator = Comparator::Lte;
    if rank_qualifier(lx, cs, hi, &f) {
        return Step::Skip(end);
    }
    Step::Found(f)
}

/// Length of a region word (`全县`, `全区`) right before `i`, else 0.
fn region_before(lx: &Lexicon, cs: &[char], lo: usize, i: usize) -> usize {
    word_ending_at(lx.words(WordRole::RankScope), cs, i)
        .filter(|w| i >= lo + w.len() && w.first() == Some(&'全'))
        .map_or(0, <[char]>::len)
}

/// `第二名`, `全区第一`, `排名第3` → rank = N; other `第N` are ordinals.
fn rank_ordinal(lx: &Lexicon, cs: &[char], lo: usize, hi: usize, i: usize) -> Step {
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
        return Step::Skip(n.end);
    }
    let mut f = plain(start, end, n.value, "名", TargetKind::Rank);
    f.num_start = i;
    if rank_qualifier(lx, cs, hi, &f) {
        return Step::Skip(end);
    }
    Step::Found(f)
}

/// A numeral followed by (range,) approximation, unit and comparator.
fn read_quantity(
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
    let (unit_name, kind, mult, unit_end) = match unit {
        Some(u) if u.qualifier && !measured_as_metric(lx, cs, lo, n.start) => {
            return Step::Skip(e + u.surface.len());
        }
        Some(u) if u.arabic_only && n.chinese => return Step::Skip(e),
        Some(u) => {
            if !unit_fits(cs, hi, e, u) {
                return Step::Skip(e);
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
    let mut f = plain(start, unit_end, value * mult, unit_name, kind);
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
fn unit_fits(cs: &[char], hi: usize, e: usize, u: &UnitWord) -> bool {
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

fn money_context(lx: &Lexicon, cs: &[char], lo: usize, at: usize) -> bool {
    lx.money_context
        .occurs_in(&cs[clause_start(cs, lo, at)..at])
}

/// Is the number written in Chinese numerals (`十项`, `两件`)? Counts that
/// name a list or a slogan are, as a rule; figures to be met are in digits.
fn chinese_count(cs: &[char], f: &Found) -> bool {
    cs.get(f.num_start)
        .is_some_and(|&c| numeral::starts_chinese(c) || c == '两')
}

/// The han characters after `at`, up to `max` of them.
fn han_run(cs: &[char], at: usize, hi: usize, max: usize) -> usize {
    cs[at.min(hi)..hi]
        .iter()
        .take(max + 1)
        .take_while(|&&c| is_han(c))
        .count()
}

/// Rule `score_step`: `扣4分`, `加10分`, `其余150分` — points an assessment
/// scheme takes or gives by its rules, not a figure a unit must reach. An
/// item's weight (`债务管理(0.3分)`) and a score to reach (`得分不低于95分`)
/// stay targets.
fn is_score(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    &*f.unit == "分"
        && (word_ending_at(lx.words(WordRole::ScoreStep), &cs[cstart..], f.start - cstart).is_some()
            // `扣减该单位绩效考核2分`: a two-character step word earlier in
            // the clause, with no other number between.
            || lx.words(WordRole::ScoreStep).iter().any(|w| {
                w.len() >= 2
                    && cs[cstart..f.start]
                        .windows(w.len())
                        .rposition(|win| win == w.as_slice())
                        .is_some_and(|p| {
                            !cs[cstart + p..f.start].iter().any(|&c| c.is_ascii_digit())
                        })
            }))
}

/// A pinyin gloss that some converting portals put after a character
/// (`鎮(zhèn)`, `萬(wàn)`): its length at `i`, else 0. A gloss is a bracket
/// holding one to eight lower-case Latin letters, tone marks allowed.
fn gloss_at(cs: &[char], i: usize) -> usize {
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
fn measured_as_metric(lx: &Lexicon, cs: &[char], lo: usize, at: usize) -> bool {
    let cstart = clause_start(cs, lo, at);
    lx.words(WordRole::QualifierMetric)
        .iter()
        .any(|w| contains(&cs[cstart..at], w))
}

/// Where the sentence holding `at` starts within `[lo, at)`: after the last
/// full stop (or semicolon) before it.
fn sentence_start(cs: &[char], lo: usize, at: usize) -> usize {
    (lo..at)
        .rev()
        .find(|&j| matches!(cs[j], '。' | ';' | '!' | '?'))
        .map_or(lo, |j| j + 1)
}

/// Rule `item_weight`: `新增规上工业企业2家(20分)`, `满意率90%以上(10分)` —
/// the points an assessment item is worth, written in brackets after the
/// figure the item asks for. An item whose only number is its weight
/// (`债务管理(0.3分)`) keeps it: there the weight is all the item states.
fn item_weight(cs: &[char], lo: usize, hi: usize, f: &Found) -> bool {
    if &*f.unit != "分" || f.start == 0 || f.end >= hi {
        return false;
    }
    let opened = matches!(cs[f.start - 1], '(' | '（' | '︵');
    let closed = matches!(cs[f.end], ')' | '）' | '︶');
    if !(opened && closed) {
        return false;
    }
    let a = sentence_start(cs, lo, f.start);
    cs[a..f.start - 1]
        .iter()
        .any(|&c| is_numeral_char(c) && c != '一')
}

/// Rule `score_cap`: `加分累计不超过5分`, `累计最高不超过30分` — the most
/// points a scheme's rule can give or take, not a score to reach.
fn score_cap(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    &*f.unit == "分"
        && lx
            .words(WordRole::ScoreCapContext)
            .iter()
            .any(|w| contains(&cs[cstart..f.start], w))
}

/// Rule `weighting_share`: `日常考核占40%`, `年终考评占总分的60%` — the
/// weight of a part of the assessment, not a figure to reach. The part is
/// named right before `占` (`考核合格村占比80%` is a share to reach).
fn weighting_share(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    if f.kind != TargetKind::Percent {
        return false;
    }
    let Some(at) = cs[cstart..f.start].iter().rposition(|&c| c == '占') else {
        return false;
    };
    let at = cstart + at;
    let nouns = lx.words(WordRole::WeightingNoun);
    f.start - at <= 5
        && (word_ending_at(nouns, &cs[cstart..], at - cstart).is_some()
            || word_starting_at(nouns, &cs[..f.start], at + 1).is_some())
}

/// Rule `grade_quota`: `优秀等次不超过社区总数的30%`, `“一类村”比例不超过30%`
/// — how many may be given a grade, not a goal for the units graded.
fn grade_quota(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    f.kind == TargetKind::Percent
        && matches!(f.comparator, Comparator::Lte | Comparator::Lt)
        && lx
            .words(WordRole::GradeWord)
            .iter()
            .any(|w| contains(&cs[cstart..f.start], w))
}

/// Rule `coefficient`: `按1.2倍系数发放` — a multiplier a scheme applies to
/// pay or scores, not a growth to reach.
fn coefficient(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    &*f.unit == "倍"
        && (0..=1).any(|k| {
            word_starting_at(lx.words(WordRole::CoefficientWord), &cs[..hi], f.end + k).is_some()
        })
}

/// Rule `penalty_condition`: `发生1起较大事故的扣20分`, `发生1起一票否决` —
/// the incident that triggers a penalty, not a count to reach.
fn penalty_condition(lx: &Lexicon, cs: &[char], cstart: usize, hi: usize, f: &Found) -> bool {
    if f.kind != TargetKind::Count {
        return false;
    }
    let incident = lx
        .words(WordRole::IncidentVerb)
        .iter()
        .any(|w| ends_with_word(&cs[cstart..f.start], w));
    if !incident {
        return false;
    }
    let end = (f.end..hi)
        .find(|&j| matches!(cs[j], '。' | ';'))
        .unwrap_or(hi);
    lx.words(WordRole::PenaltyWord)
        .iter()
        .any(|w| contains(&cs[f.end.min(end)..end], w))
}

/// Rule `rank_qualifier`: `考核结果排名前三的镇(街道)评为一等` — a rank that
/// picks out a class of units, not a rank to reach.
fn rank_qualifier(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    if f.kind != TargetKind::Rank || f.end + 1 >= hi || cs[f.end] != '的' {
        return false;
    }
    word_starting_at(lx.words(WordRole::AdminUnit), &cs[..hi], f.end + 1).is_some()
}

/// Rule `capacity_qualifier`: `年产20万吨面粉深加工项目`, `日处理500吨的
/// 污水处理厂` — the capacity that names a project, not an output to reach.
fn capacity_qualifier(lx: &Lexicon, cs: &[char], cstart: usize, hi: usize, f: &Found) -> bool {
    let verb = lx.words(WordRole::CapacityVerb).iter().any(|w| {
        let mut b = f.start;
        while b > cstart && crate::text::is_space(cs[b - 1]) {
            b -= 1;
        }
        ends_with_word(&cs[cstart..b], w)
    });
    if !verb {
        return false;
    }
    // The project noun follows within the clause.
    let end = clause_end(cs, hi, f.end).min(f.end + 16);
    (f.end..end).any(|j| word_starting_at(lx.words(WordRole::ProjectNoun), &cs[..end], j).is_some())
}

/// Rule `procedural_window`: `每季度结束后10个工作日内报送`, `收到通知后3日内
/// 反馈` — the time allowed after an event for a routine step, not a
/// duration to reach (`企业开办压缩至1个工作日以内` stays one).
fn procedural_window(cs: &[char], cstart: usize, hi: usize, f: &Found) -> bool {
    f.kind == TargetKind::Duration
        && f.start > cstart
        && cs[cstart..f.start].ends_with(&['后'])
        && matches!(cs.get(f.end.min(hi)), Some('内'))
}

/// Rule `sample_size`: `群众测评样本每个社区不少于100户` — how many are
/// asked or checked in an assessment, not a goal for the unit. Only a
/// count: `抽检合格率98%` is a rate to reach.
fn sample_size(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    f.kind == TargetKind::Count
        && lx
            .words(WordRole::SampleWord)
            .iter()
            .any(|w| contains(&cs[cstart..f.start], w))
}

/// Rule `duty_assignment`: `每项任务明确1名局领导牵头、1个股室具体负责` — who
/// answers for a task, not a count to reach.
fn duty_assignment(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    if f.kind != TargetKind::Count || f.value > 3.0 {
        return false;
    }
    // `新建3个服务站负责代办`: things to make, who then serve.
    if word_ending_at(lx.words(WordRole::CountVerb), cs, f.start).is_some() {
        return false;
    }
    let end = clause_end(cs, hi, f.end).min(f.end + 10);
    let mut j = f.end;
    while j < end && cs[j] != '、' {
        if word_starting_at(lx.words(WordRole::DutyVerb), &cs[..end], j).is_some() {
            return true;
        }
        j += 1;
    }
    false
}

/// Rule `average_population`: `辖区23座商务楼宇平均入驻率由82%提升至86.5%` —
/// the things an average is taken over, not a count to reach.
fn average_population(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    if f.kind != TargetKind::Count {
        return false;
    }
    let end = clause_end(cs, hi, f.end).min(f.end + 10);
    (f.end..end)
        .take_while(|&j| is_han(cs[j]) || crate::text::is_space(cs[j]))
        .any(|j| word_starting_at(lx.words(WordRole::AverageWord), &cs[..end], j).is_some())
}

/// Rule `group_part`: `全年10个重点项目中尚有3个未开工`, `全乡24个村中还有5个
/// 村…` — the whole a part is counted out of, not a goal.
fn group_of_a_part(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    let end = clause_end(cs, hi, f.end).min(f.end + 10);
    let Some(mid) = (f.end..end).find(|&j| cs[j] == '中') else {
        return false;
    };
    if !cs[f.end..mid]
        .iter()
        .all(|&c| is_han(c) || crate::text::is_space(c))
    {
        return false;
    }
    // `中` closing the whole (`项目中尚有`), not inside a word (`服务中心`).
    let after = mid + 1 + numeral::spaces_at(&cs[..hi], mid + 1);
    if word_starting_at(lx.words(WordRole::PartVerb), &cs[..hi], after).is_none() {
        return false;
    }
    cs[mid + 1..(mid + 6).min(hi)]
        .iter()
        .take_while(|&&c| !is_boundary(c))
        .any(|&c| c.is_ascii_digit() || numeral::starts_chinese(c))
}

/// Rule `scoring_rate`: `每低0.5个百分点扣4分`, `每少1个项目扣5分` — the
/// step by which points are taken, not a goal.
fn scoring_rate(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    let before = &cs[cstart..f.start];
    lx.words(WordRole::ScoringStep).iter().any(|w| {
        ends_with_word(before, w)
            && before.len() > w.len()
            && before[before.len() - w.len() - 1] == '每'
    })
}

/// Rule `list_count`: `十项经济指标全年取得6项正增长`, `办好两件大事:…` —
/// a count of the list the text is about to name or has named (its
/// subject, or a count right before a colon), not a goal.
fn counts_a_list(lx: &Lexicon, cs: &[char], cstart: usize, hi: usize, f: &Found) -> bool {
    if !chinese_count(cs, f) {
        return false;
    }
    let run = han_run(cs, f.end, hi, 8);
    let names_list = list_noun_after(lx, cs, f.end, run, 6);
    let subject = cs[cstart..f.start].iter().all(|c| c.is_whitespace());
    let colon = run <= 6 && matches!(cs.get(f.end + run), Some(':'));
    // `优秀、良好、合格、不合格四个等次`, `“一类村”“二类村”三个等次`: the
    // items were just named.
    let named_before =
        f.start > cstart && (cs[cstart..f.start].contains(&'、') || cs[f.start - 1] == '”');
    names_list && (subject || colon || named_before)
}

/// Rule `list_reference`: `年初确定的10件民生实事全部完成`, `年初承诺的十件
/// 民生实事` — a list the text refers back to (`…的`), not a new count.
fn refers_to_a_list(lx: &Lexicon, cs: &[char], cstart: usize, hi: usize, f: &Found) -> bool {
    if f.start <= cstart + 1 || cs[f.start - 1] != '的' {
        return false;
    }
    // Set earlier (`年初确定的`), not merely left over (`剩余的32个问题`).
    if word_ending_at(
        lx.words(WordRole::ListSettingVerb),
        &cs[cstart..],
        f.start - 1 - cstart,
    )
    .is_none()
    {
        return false;
    }
    list_noun_after(lx, cs, f.end, han_run(cs, f.end, hi, 8), 4)
}

/// Does a `list_noun` (`指标`, `实事`) start within `gap` characters after
/// `at`, inside the run of `run` han characters there (`十项经济指标`)?
fn list_noun_after(lx: &Lexicon, cs: &[char], at: usize, run: usize, gap: usize) -> bool {
    (0..=run.min(gap)).any(|k| {
        word_starting_at(lx.words(WordRole::ListNoun), cs, at + k)
            .is_some_and(|w| k + w.len() <= run)
    })
}

/// Rule `repeat_condition`: `连续两次预警的予以通报`, `对连续两个季度排名后三位
/// 的村` — how often something must happen to trigger a measure.
fn repeat_condition(cs: &[char], cstart: usize, hi: usize, f: &Found) -> bool {
    if !ends_with_word(&cs[cstart..f.start], &['连', '续']) {
        return false;
    }
    let end = clause_end(cs, hi, f.end);
    cs[f.end.min(end)..end].contains(&'的')
}

/// Rule `numbered_slogan`: `“一个中心、两条主线”`, `实现五个突破、六个提升` —
/// short Chinese-numbered phrases in a series or in quotes name a
/// programme; a count verb before them (`建成三个示范村、两个…`) makes them
/// real counts again.
fn numbered_slogan(lx: &Lexicon, cs: &[char], cstart: usize, hi: usize, f: &Found) -> bool {
    if !chinese_count(cs, f) {
        return false;
    }
    let run = han_run(cs, f.end, hi, 3);
    if !(1..=3).contains(&run) {
        return false;
    }
    let after = cs.get(f.end + run).copied();
    let before = f.start.checked_sub(1).and_then(|i| cs.get(i)).copied();
    let quoted = before == Some('“') || after == Some('”');
    // The next or the previous item of the series is numbered the same way.
    let numeral_at = |i: usize| {
        cs.get(i)
            .is_some_and(|&c| numeral::starts_chinese(c) || c == '两')
    };
    let series = (after == Some('、') && numeral_at(f.end + run + 1))
        || (before == Some('、') && (3..=6).any(|k| f.start >= k && numeral_at(f.start - k)));
    let counted = cs[cstart..f.start]
        .iter()
        .rposition(|&c| c == '“' || c == '、')
        .map_or(f.start, |i| cstart + i);
    let verb = word_ending_at(lx.words(WordRole::CountVerb), cs, counted.min(f.start)).is_some()
        || word_ending_at(lx.words(WordRole::CountVerb), cs, f.start).is_some();
    (quoted || series) && !verb
}

/// Rule `unit_scope`: `全镇14个村集体经济收入均超过5万元`, `覆盖全部36个行政村`,
/// `区内8个街道` — all the places a goal is about, not a number to reach.
fn scope_of_units(lx: &Lexicon, cs: &[char], cstart: usize, hi: usize, f: &Found) -> bool {
    let mut b = f.start;
    while b > cstart && cs[b - 1] == ' ' {
        b -= 1;
    }
    let scoped = word_ending_at(lx.words(WordRole::ScopeWord), &cs[cstart..], b - cstart).is_some();
    let mut a = f.end.min(hi);
    while a < hi && cs[a] == ' ' {
        a += 1;
    }
    // What is counted: the measure word's noun, or the unit itself (`14个村`).
    let counted = word_starting_at(lx.words(WordRole::AdminUnit), &cs[..hi], a).is_some()
        || starts_word_across_wrap(lx.words(WordRole::AdminUnit), &cs[..hi], a)
        || (f.end > 0 && word_ending_at(lx.words(WordRole::AdminUnit), cs, f.end).is_some());
    if !counted {
        return false;
    }
    // `8个村集体经济收入全部达到5万元以上`: all of the places reach it.
    let end = clause_end(cs, hi, f.end);
    let all_of = lx
        .words(WordRole::AllWord)
        .iter()
        .any(|w| contains(&cs[a.min(end)..end], w));
    // `城区组(3个街道、1个镇)`: the make-up of a group named before the bracket.
    let bracketed = cstart > 0
        && matches!(cs[cstart - 1], '(' | '（')
        && matches!(cs.get(end), Some(')' | '）'));
    // `将12个镇(街道)分为两类`: the places a scheme divides.
    let divided = (a..(a + 12).min(hi))
        .any(|j| word_starting_at(lx.words(WordRole::DivideVerb), &cs[..hi], j).is_some());
    // `全县9个镇、3个街道`: the next item of a scope's list.
    let listed = {
        let before = &cs[cstart..b];
        before.last() == Some(&'、')
            && lx
                .words(WordRole::ScopeWord)
                .iter()
                .any(|w| contains(before, w))
    };
    scoped || all_of || bracketed || divided || listed
}

/// Does one of `words` start at `at` when a single wrapped line break
/// inside it is left out (`行⏎政村`)? A goal's text holds a line break only
/// where the line splitter found a wrap.
fn starts_word_across_wrap(words: &[Vec<char>], cs: &[char], at: usize) -> bool {
    let window = &cs[at.min(cs.len())..(at + 12).min(cs.len())];
    let Some(brk) = window.iter().position(|&c| c == '\n') else {
        return false;
    };
    if brk == 0 {
        return false;
    }
    let joined: Vec<char> = window
        .iter()
        .enumerate()
        .filter(|&(i, &c)| i != brk && !(i > brk && crate::text::is_space(c) && i == brk + 1))
        .map(|(_, &c)| c)
        .collect();
    word_starting_at(words, &joined, 0).is_some_and(|w| w.len() > brk)
}

/// Rule `group_member`: `为全国15个县市区之一` — the group something is
/// one of, not a goal.
fn one_of_a_group(cs: &[char], hi: usize, f: &Found) -> bool {
    let ahead = &cs[f.end.min(hi)..(f.end + 10).min(hi)];
    let clause: Vec<char> = ahead
        .iter()
        .copied()
        .take_while(|&c| !is_boundary(c))
        .collect();
    clause.windows(2).any(|w| w == ['之', '一'])
}

/// Rule `meeting_ordinal`: `十八届人大三次会议`, `三次全会` — which sitting
/// of a body, not how many meetings to hold.
fn meeting_ordinal(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    &*f.unit == "次"
        && word_starting_at(lx.words(WordRole::MeetingWord), &cs[..hi], f.end).is_some()
}

/// Words that may stand between a change word and its number (`增长达到10%`).
const LINKS: &[&[char]] = &[&['达', '到'], &['达'], &['到'], &['至']];

/// Comparators after the unit and before the number, change words, scope.
fn finish(lx: &Lexicon, cs: &[char], lo: usize, hi: usize, mut f: Found) -> Step {
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
    for w in lx.changes.iter() {
        let adjacent = ends_with_word(&cs[..f.start], &w.word) && f.start >= cstart + w.word.len();
        let linked = LINKS.iter().any(|l| {
            ends_with_word(&cs[..f.start], l)
                && ends_with_word(&cs[..f.start - l.len()], &w.word)
                && f.start >= cstart + l.len() + w.word.len()
        });
        let in_clause = !w.adjacent_only && contains(&cs[cstart..f.start], &w.word);
        if adjacent || linked || in_clause {
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
    // `50万元以上的村`, `10亿元以上项目`: an amount bounding a class of
    // things, not a goal.
    if f.kind == TargetKind::Money
        && matches!(
            f.comparator,
            Comparator::Gte | Comparator::Lte | Comparator::Gt | Comparator::Lt
        )
        && let after = f.end + numeral::spaces_at(&cs[..hi], f.end)
        && after < hi
        && (cs[after] == '的' || is_han(cs[after]))
    {
        return Step::Skip(f.end);
    }
    if is_score(lx, cs, cstart, &f)
        || scoring_rate(lx, cs, cstart, &f)
        || item_weight(cs, lo, hi, &f)
        || score_cap(lx, cs, cstart, &f)
        || weighting_share(lx, cs, cstart, &f)
        || grade_quota(lx, cs, cstart, &f)
        || coefficient(lx, cs, hi, &f)
        || penalty_condition(lx, cs, cstart, hi, &f)
        || rank_qualifier(lx, cs, hi, &f)
        || capacity_qualifier(lx, cs, cstart, hi, &f)
        || procedural_window(cs, cstart, hi, &f)
        || sample_size(lx, cs, cstart, &f)
    {
        return Step::Skip(f.end);
    }
    if f.kind == TargetKind::Count
        && (counts_a_list(lx, cs, cstart, hi, &f)
            || group_of_a_part(lx, cs, hi, &f)
            || refers_to_a_list(lx, cs, cstart, hi, &f)
            || repeat_condition(cs, cstart, hi, &f)
            || duty_assignment(lx, cs, hi, &f)
            || average_population(lx, cs, hi, &f)
            || numbered_slogan(lx, cs, cstart, hi, &f)
            || one_of_a_group(cs, hi, &f)
            || scope_of_units(lx, cs, cstart, hi, &f)
            || meeting_ordinal(lx, cs, hi, &f))
    {
        return Step::Skip(f.end);
    }
    // `以下五个方面`: the text counting its own parts.
    if f.kind == TargetKind::Count
        && word_starting_at(lx.words(WordRole::EnumerationNoun), cs, f.end).is_some()
    {
        return Step::Skip(f.end);
    }
    // `在十个镇(街)中排名…`: the set a rank is taken in, not a goal.
    let scope = region_before(lx, cs, lo, f.start);
    if f.kind == TargetKind::Count && f.start > lo + scope && cs[f.start - scope - 1] == '在' {
        let ahead = &cs[f.end.min(hi)..(f.end + 8).min(hi)];
        if ahead
            .iter()
            .take_while(|&&c| !matches!(c, ',' | '。' | ';'))
            .any(|&c| c == '中')
        {
            return Step::Skip(f.end);
        }
    }
    // A bare `一` is an article unless the clause counts with it.
    if f.bare_one && f.kind == TargetKind::Count {
        let verb = word_ending_at(lx.words(WordRole::CountVerb), cs, f.start).is_some();
        // `走访联系户一次、撰写调研报告一篇`: the count closes its list item.
        let clause_final = f.end >= hi || is_boundary(cs[f.end]) || cs[f.end] == '、';
        if f.comparator == Comparator::Eq && !(verb || clause_final) {
            return Step::Skip(f.end);
        }
        // `定一件干一件`, `解决一项、固化一项`: the same `一X` repeated close by
        // is a rhythm of speech, not two counts.
        let word = &cs[f.num_start..f.end];
        let near = &cs[f.num_start.saturating_sub(10).max(cstart)
            ..(f.end + 10).min(clause_end(cs, hi, f.end))];
        if near.windows(word.len()).filter(|w| *w == word).count() > 1 {
            return Step::Skip(f.end);
        }
    }
    f.start = text_start;
    Step::Found(f)
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    // First characters compared before whole windows (see `starts_with_word`).
    !needle.is_empty()
        && hay
            .windows(needle.len())
            .any(|w| w[0] == needle[0] && w == needle)
}

/// The nearest comparator word before `at` in the clause, with the position
/// where it ends. Single-character ones (`约`, `近`) only right before the
/// number; longer ones up to 12 characters away with no number between.
fn comparator_before(
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
        for w in lx.comparators.iter().filter(|w| w.before) {
            let adjacent = j == at || cs[j..at].iter().all(|&c| crate::text::is_space(c));
            if ends_with_word(&cs[cstart..j], &w.word) && (w.word.len() > 1 || adjacent) {
                return Some((w.comparator, j));
            }
        }
        j -= 1;
    }
    None
}

fn comparator_len(lx: &Lexicon, cs: &[char], end: usize) -> usize {
    lx.comparators
        .iter()
        .filter(|w| w.before)
        .find(|w| ends_with_word(&cs[..end], &w.word))
        .map_or(0, |w| w.word.len())
}

/// A table row flattened with `|` (`粮食总产量|万吨|24.1|24.5|种植业股`):
/// a cell that is only a unit gives its unit to the cells of bare numbers
/// after it, which the grammar alone cannot read.
fn table_cells(lx: &Lexicon, cs: &[char], lo: usize, hi: usize) -> Vec<Found> {
    let Some(cells) = row_cells(cs, lo, hi) else {
        return Vec::new();
    };
    let mut unit: Option<(&UnitWord, f64)> = None;
    let mut out = Vec::new();
    for &(a, b) in &cells {
        if let Some(u) = unit_cell(lx, cs, a, b) {
            unit = Some(u);
            continue;
        }
        let Some((u, mult)) = unit else { continue };
        if let Some(n) = numeral::numeral_at(&cs[..b], a).filter(|n| n.end == b && !n.chinese) {
            out.push(plain(a, b, n.value * mult, u.canonical.clone(), u.kind));
        }
    }
    out
}

/// A cell `[a, b)` that is only a unit, with a multiplier before it or not
/// (`万吨`, `亿元`, `%`): the unit and what one of it is in its canonical unit.
fn unit_cell<'l>(lx: &'l Lexicon, cs: &[char], a: usize, b: usize) -> Option<(&'l UnitWord, f64)> {
    if a >= b {
        return None;
    }
    let (mult, k) = match cs[a] {
        '万' => (1e4, a + 1),
        '亿' => (1e8, a + 1),
        _ => (1.0, a),
    };
    lx.unit_at(&cs[..b], k)
        .filter(|u| k + u.surface.len() == b && !u.qualifier)
        .map(|u| (u, mult * u.multiplier))
}

/// The targets of a value cell of an indicator table: what the grammar
/// finds in the cell (`12.5亿元`, `新增3家`), else the cell's bare number
/// (`12.5`, `≥95`, `300以上`) in the unit of the unit cell. A target
/// without a phrase of its own measures what the name cell names; a level
/// takes the change a name opens or ends with (`新增市场主体`,
/// `工业增加值增速`, not the `增加` inside `增加值`); `reach` says whether the
/// column holds values to reach or values reached.
pub fn cell_targets(
    t: &Text,
    cell: Span,
    unit: Option<Span>,
    name: Option<Span>,
    reach: bool,
) -> Vec<Target> {
    let lx = t.lexicon();
    let cs = &t.chars;
    let (a, b) = (cell.start.min(cs.len()), cell.end.min(cs.len()));
    if a >= b {
        return Vec::new();
    }
    let mut targets = find_targets(t, Span::new(a, b), GoalMode::Target);
    if targets.is_empty()
        && let Some((u, mult)) =
            unit.and_then(|u| unit_cell(lx, cs, u.start.min(cs.len()), u.end.min(cs.len())))
        && let Some(f) = bare_number(lx, cs, a, b)
    {
        let f = Found {
            value: f.value * mult,
            value_max: f.value_max.map(|m| m * mult),
            unit: u.canonical.clone(),
            kind: u.kind,
            ..f
        };
        if !f.value.is_finite() || f.value_max.is_some_and(|m| !m.is_finite()) {
            return Vec::new();
        }
        targets.push(f.into_target(t, a, b, GoalMode::Target));
    }
    let name_cs = name.map(|n| t.chars_in(n));
    for x in &mut targets {
        x.mode = if reach {
            TargetMode::Target
        } else {
            TargetMode::Achievement
        };
        if x.what.is_none()
            && let Some(n) = name
        {
            let what = t.slice(n).to_string();
            x.indicator = indicator_of(t, Some(n), None);
            // The name of an indicator, not a counted thing, as for the row
            // names of `|` tables the grammar reads.
            x.what = Some(what.clone());
            x.what_span = Some(n);
            x.metric = Some(what);
        }
        if x.change == Change::Level
            && let Some(n) = name_cs
            && let Some(w) = lx.changes.iter().find(|w| {
                (!w.adjacent_only && starts_with_word(n, &w.word)) || ends_with_word(n, &w.word)
            })
        {
            x.change = w.change;
        }
    }
    targets
}

/// A cell that is only a number, a range or a bound of one (`12.5`, `3-5`,
/// `≥95`, `不低于90`, `300以上`), its value without a unit.
fn bare_number(lx: &Lexicon, cs: &[char], a: usize, b: usize) -> Option<Found> {
    let mut comparator = Comparator::Eq;
    let mut k = a;
    if let Some(w) = lx
        .comparators
        .iter()
        .filter(|w| w.before)
        .find(|w| starts_with_word(&cs[a..b], &w.word))
    {
        comparator = w.comparator;
        k += w.word.len();
    }
    while k < b && crate::text::is_space(cs[k]) {
        k += 1;
    }
    let n = numeral::numeral_at(&cs[..b], k).filter(|n| !n.chinese)?;
    let mut f = plain(a, n.end, n.value, "", TargetKind::Count);
    f.num_start = k;
    f.comparator = comparator;
    let mut end = n.end;
    if end < b
        && is_range_sep(cs[end])
        && let Some(m) = numeral::numeral_at(&cs[..b], end + 1).filter(|m| !m.chinese)
    {
        f.value_max = Some(m.value);
        f.comparator = Comparator::Range;
        end = m.end;
    }
    if end < b
        && let Some(w) = lx
            .comparators
            .iter()
            .filter(|w| !w.before)
            .find(|w| starts_with_word(&cs[end..b], &w.word))
    {
        if f.comparator == Comparator::Eq {
            f.comparator = w.comparator;
        }
        end += w.word.len();
    }
    f.end = end;
    (end == b).then_some(f)
}

/// `引进5亿元企业5家`, `100万以上税源项目2个`: an amount directly followed by
/// a noun and then a count describes what is counted.
fn drop_qualifiers(cs: &[char], found: &mut Vec<Found>) {
    let mut drop = vec![false; found.len()];
    for a in 0..found.len().saturating_sub(1) {
        let (x, y) = (&found[a], &found[a + 1]);
        if !matches!(
            x.kind,
            TargetKind::Money | TargetKind::Area | TargetKind::Weight
        ) || y.kind != TargetKind::Count
        {
            continue;
        }
        let gap = &cs[x.end..y.start.max(x.end)];
        if !gap.is_empty() && gap.len() <= 8 && gap.iter().all(|&c| is_han(c) && c != '的') {
            drop[a] = true;
        }
    }
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

impl Found {
    fn into_target(self, t: &Text, lo: usize, hi: usize, mode: GoalMode) -> Target {
        let lx = t.lexicon();
        let cs = &t.chars;
        let cstart = clause_start(cs, lo, self.num_start);
        let cend = clause_end(cs, hi, self.end);
        // The section's mode; the goal then reads each number's own words
        // (`quantity::mode`).
        let mode = match mode {
            GoalMode::Achievement => TargetMode::Achievement,
            GoalMode::Context => TargetMode::Baseline,
            GoalMode::Target => TargetMode::Target,
        };
        // Metric and object are found on the folded text and cut from the
        // original, which has the same character offsets.
        let w = what_of(lx, cs, lo, hi, cstart, cend, &self);
        let text_of = |s: Option<Span>| s.map(|s| t.slice(s).to_string());
        let what = text_of(w.what);
        let (object, metric) = if w.counted {
            (what.clone(), None)
        } else {
            (None, what.clone())
        };
        let span = Span::new(self.start, self.end);
        Target {
            text: t.slice(span).to_string(),
            span,
            value: round(self.value),
            value_max: self.value_max.map(round),
            unit: self.unit.to_string(),
            indicator: indicator_of(t, w.what, w.verb),
            what,
            what_span: w.what,
            activity: text_of(w.activity),
            object,
            metric,
            kind: self.kind,
            comparator: self.comparator,
            change: self.change,
            mode,
        }
    }
}

/// What a number measures, as found in its clause.
#[derive(Clone, Copy)]
struct What {
    what: Option<Span>,
    activity: Option<Span>,
    /// `what` is the counted thing (a noun after or before a count), not a
    /// named indicator.
    counted: bool,
    /// A verb taken off right before `what` (for the indicator lookup).
    verb: Option<Span>,
}

/// Longest phrase taken as what a number measures.
const MAX_WHAT: usize = 18;

/// What the number `f` measures: the row name of a `|` table; else the
/// counted noun after a measure word (`3个莲藕专业村`, `18个村美丽乡村建设` →
/// `村`, activity `美丽乡村建设`); else the phrase before the number, its
/// leading time, scope and verb words and its trailing link, change and
/// comparator words taken off (`全年新增城镇就业600人` → `城镇就业`;
/// `民生诉求满意率达到95%以上` → `民生诉求满意率`). A number with no phrase of
/// its own (`同比增长7%`) is left without; [`inherit_what`] gives it the
/// phrase of the number it follows.
fn what_of(
    lx: &Lexicon,
    cs: &[char],
    lo: usize,
    hi: usize,
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
    if let Some(row) = table_row_name(lx, cs, lo, hi) {
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
fn trim_what(
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
fn wrapped_clause_start(cs: &[char], cstart: usize, at: usize) -> usize {
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
const WRAPPED_LINE: usize = 16;

/// The noun a count's own text ends with, past its measure word: `11个区域`
/// → `区域` (not a comparator word: `10个以上`).
fn noun_in_text(lx: &Lexicon, cs: &[char], f: &Found) -> Option<Span> {
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
fn indicator_of(t: &Text, what: Option<Span>, verb: Option<Span>) -> Option<IndicatorRef> {
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
fn is_ascii_name(cs: &[char], j: usize) -> bool {
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
fn noun_after(
    lx: &Lexicon,
    cs: &[char],
    a: usize,
    cend: usize,
    depth: u8,
) -> Option<(Span, Option<Span>)> {
    const STOP: &[char] = &['的', '、', '(', ')', '|', '和', '及', '与'];
    let s = a;
    let mut e = s;
    let mut quoted = false;
    while e < cend
        && e - s < 16
        && (is_han(cs[e]) || matches!(cs[e], '“' | '”'))
        && !STOP.contains(&cs[e])
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

/// The row name of a `|` table row (`１|粮食总产量|万吨|２４．１|…` →
/// `粮食总产量`): its first cell of two or more characters without digits.
fn table_row_name(lx: &Lexicon, cs: &[char], lo: usize, hi: usize) -> Option<Span> {
    row_cells(cs, lo, hi)?.into_iter().find_map(|(a, b)| {
        let cell = &cs[a..b];
        let is_unit = lx
            .unit_at(cell, 0)
            .is_some_and(|u| u.surface.len() == cell.len());
        (cell.len() >= 2
            && !is_unit
            && cell
                .iter()
                .all(|&c| is_han(c) || matches!(c, '“' | '”' | '(' | ')'))
            && cell.iter().any(|&c| !is_numeral_char(c)))
        .then_some(Span::new(a, b))
    })
}

/// The cells of a `|` table row in `[lo, hi)`, trimmed, empty ones left
/// out; `None` when the text is not such a row (fewer than two bars, or a
/// sentence).
fn row_cells(cs: &[char], lo: usize, hi: usize) -> Option<Vec<(usize, usize)>> {
    let row = &cs[lo..hi];
    if row.iter().filter(|&&c| c == '|').count() < 2 || row.contains(&'。') {
        return None;
    }
    let mut cells = Vec::new();
    let mut start = lo;
    for j in lo..=hi {
        if j == hi || cs[j] == '|' {
            let (mut a, mut b) = (start, j);
            while a < b && crate::text::is_space(cs[a]) {
                a += 1;
            }
            while b > a && crate::text::is_space(cs[b - 1]) {
                b -= 1;
            }
            if a < b {
                cells.push((a, b));
            }
            start = j + 1;
        }
    }
    Some(cells)
}

/// Set what a target measures to the phrase at `w` (with the verb taken off
/// before it, if any), its indicator, object or metric with it.
fn set_what(t: &Text, target: &mut Target, w: Span, verb: Option<Span>) {
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
fn is_baseline(cs: &[char], s: usize, e: usize) -> bool {
    e > s + 1
        && matches!(cs[s], '较' | '比')
        && cs[s + 1..e].iter().all(|&c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '上' | '去' | '前' | '今' | '年' | '初' | '同' | '期' | '底'
                )
        })
        && matches!(cs[e - 1], '年' | '初' | '期' | '底')
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
fn respectively(t: &Text, lo: usize, hi: usize, targets: &mut [Target]) {
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
                || !gap
                    .iter()
                    .all(|&c| matches!(c, '、' | '和' | '与' | '及' | ' ' | '\u{3000}'))
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
        if let Some(b) = (s..e).find(|&b| is_baseline(cs, b, e)) {
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
fn list_names(
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
                        || matches!(cs[b], '和' | '与' | '及'))
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
    let by_all = split(&['、', '和', '与', '及']);
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
fn inherit_what(cs: &[char], targets: &mut [Target]) {
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

/// Round away binary noise (`0.96 × 1e8`), keeping 10 significant decimals.
fn round(v: f64) -> f64 {
    if v.abs() >= 1e15 {
        return v;
    }
    let r = (v * 1e6).round() / 1e6;
    if (r - v).abs() < 1e-6 { r } else { v }
}

fn is_noun_tag(tag: &str) -> bool {
    tag.starts_with('n') || matches!(tag, "vn" | "an" | "j" | "eng" | "l" | "i" | "f" | "b" | "a")
}

/// A range of characters `[start, end)` within the string a helper was given.
type Range = (usize, usize);

/// The noun phrase closing `cs` (`新增规模企业` → `规模企业`).
fn trailing_noun(lx: &Lexicon, cs: &[char]) -> Option<Range> {
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

    fn targets(s: &str) -> Vec<Target> {
        let t = Text::new(s, crate::lexicon::for_tests());
        find_targets(&t, Span::new(0, t.len()), GoalMode::Target)
    }

    fn texts(s: &str) -> Vec<String> {
        targets(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn list_count() {
        assert_eq!(
            texts("十项经济指标全年取得6项正增长,其中4项增速居全县前列。"),
            vec!["6项", "4项"]
        );
        assert!(texts("办好两件大事:老街改造和文化中心建设。").is_empty());
        // A count to reach is still one.
        assert_eq!(texts("全年办成十件民生实事。"), vec!["十件"]);
    }

    #[test]
    fn numbered_slogan() {
        assert!(texts("坚持“一个中心、两条主线”发展思路,实现五个突破、六个提升。").is_empty());
        assert_eq!(
            texts("推动广场周边三条道路、振华北路项目开工。"),
            vec!["三条"]
        );
        assert_eq!(
            texts("建成三个示范村、两个美丽庭院示范带。"),
            vec!["三个", "两个"]
        );
    }

    #[test]
    fn group_member_and_meeting_ordinal() {
        assert!(texts("我县被确定为全国15个县市区之一。").is_empty());
        assert!(texts("认真贯彻县十八届人大三次会议精神。").is_empty());
        assert_eq!(texts("全年召开三次联席会议。"), vec!["三次"]);
    }

    #[test]
    fn unit_scope() {
        assert_eq!(
            texts("全镇14个村集体经济收入均超过5万元。"),
            vec!["超过5万元"]
        );
        assert!(texts("服务覆盖全部36个行政村。").is_empty());
        assert_eq!(texts("在13个社区开展文明创建。"), vec!["13个"]);
        assert_eq!(texts("新建3个示范村。"), vec!["3个"]);
    }

    #[test]
    fn qualifier_over_an_amount() {
        assert_eq!(texts("扶持年收入超50万元的经济强村8个。"), vec!["8个"]);
    }

    #[test]
    fn assessment_scheme_rules() {
        // An item's weight after the figure it asks for; a lone weight stays.
        assert_eq!(texts("新增规上工业企业2家(20分)。"), vec!["2家"]);
        assert_eq!(texts("债务管理(0.3分)"), vec!["0.3分"]);
        assert_eq!(texts("群众满意率90%以上︵10分︶。"), vec!["90%以上"]);
        // Caps, weights, quotas, coefficients, incidents, classes of units.
        assert!(texts("同一事项按最高级别计分,加分累计不超过5分。").is_empty());
        assert!(
            texts("采取日常考核与年终考评相结合的方式,日常考核占40%,年终考评占60%。").is_empty()
        );
        assert!(texts("优秀等次不超过社区总数的30%。").is_empty());
        assert!(texts("“一类村”村干部绩效报酬按1.2倍系数发放。").is_empty());
        assert!(texts("发生1起较大事故的扣20分。").is_empty());
        assert!(texts("考核结果排名前三的镇(街道)评为一等。").is_empty());
        assert!(texts("辖区刑事警情同比下降5%,每上升1个百分点扣1分。").len() == 1);
        // A score or a rank to reach is still a target.
        assert_eq!(texts("综合考核得分不低于95分。"), vec!["不低于95分"]);
        assert_eq!(texts("力争全县排名前三。"), vec!["排名前三"]);
        assert_eq!(texts("安全事故起数下降10%以上。"), vec!["下降10%以上"]);
    }

    #[test]
    fn qualifiers_and_wholes() {
        assert!(texts("推进年产20万吨面粉深加工项目建设。").is_empty());
        assert_eq!(texts("面粉年产量达到20万吨。"), vec!["20万吨"]);
        assert_eq!(texts("全年10个重点项目中尚有3个未开工。"), vec!["3个"]);
        assert_eq!(
            texts("其中注册资本 5000 万元以上 企业 9 家。"),
            vec!["9 家"]
        );
    }

    #[test]
    fn places_lists_and_conditions() {
        // All of a set of places, a group's make-up, a division, a list.
        assert_eq!(
            texts("8个村集体经济收入全部达到5万元以上。"),
            vec!["5万元以上"]
        );
        assert_eq!(
            texts("分为城区组(3个街道、1个镇)和乡镇组(8个镇)。"),
            Vec::<String>::new()
        );
        assert!(texts("将12个镇(街道)分为两类。").is_empty());
        assert!(texts("结合全县9个镇、3个街道实际,制定本细则。").is_empty());
        assert!(texts("考核结果分为优秀、良好、合格、不合格四个等次。").is_empty());
        assert!(texts("年初确定的10件民生实事全部完成。").is_empty());
        assert!(texts("对连续两个季度排名后三位的村进行约谈。").is_empty());
        // Still counts: places to build in, problems left, repeats to reach.
        assert_eq!(texts("完成18个村美丽乡村建设。"), vec!["18个"]);
        assert_eq!(
            texts("6月底前完成目前剩余的32个拆迁问题解决。"),
            vec!["32个"]
        );
        assert_eq!(texts("全年连续开展4次专项整治。"), vec!["4次"]);
    }

    #[test]
    fn routine_and_population_numbers() {
        assert!(
            texts("须在每季度结束后10个工作日内报送考核数据,逾期未报的,扣减该单位绩效考核2分。")
                .is_empty()
        );
        assert_eq!(
            texts("企业开办时间压缩至1个工作日以内。"),
            vec!["1个工作日以内"]
        );
        assert!(texts("群众测评样本每个社区不少于100户。").is_empty());
        assert_eq!(texts("食品抽样检测合格率达到98%。"), vec!["98%"]);
        assert_eq!(texts("村级考核合格村占比达到80%。"), vec!["80%"]);
        assert!(texts("每项任务明确1名局领导牵头、1个股室具体负责。").is_empty());
        assert_eq!(
            texts("辖区23座商务楼宇平均入驻率提升至86.5%。"),
            vec!["提升至86.5%"]
        );
        // A count of people to train, places to build: still targets.
        assert_eq!(texts("培训村干部200名。"), vec!["200名"]);
        assert_eq!(texts("新建3个村级服务站负责代办。"), vec!["3个"]);
    }

    #[test]
    fn scope_across_a_wrap() {
        assert_eq!(
            texts("全部 36 个行\n政村集体经济收入超过 8 万元。"),
            vec!["超过 8 万元"]
        );
    }

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

    /// The character sets above written out by hand must agree with the
    /// numeral grammar they stand for.
    #[test]
    fn character_sets_agree_with_the_numeral_grammar() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            let digit = numeral::chinese_digit(c).is_some();
            assert_eq!(
                is_numeral_char(c),
                c.is_ascii_digit()
                    || digit
                    || matches!(c, '十' | '百' | '千' | '万' | '亿' | '拾' | '佰' | '仟'),
                "{c}"
            );
            assert_eq!(
                is_slogan_numeral(c),
                digit || matches!(c, '十' | '多' | '双'),
                "{c}"
            );
            let starts = c.is_ascii_digit() || numeral::starts_chinese(c);
            assert_eq!(
                TARGET_STARTS.contains(c),
                starts || matches!(c, '百' | '千' | '万' | '翻' | '前' | '第'),
                "{c}"
            );
        }
    }

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

    #[test]
    fn not_targets() {
        for s in [
            "协调配合完成302省道改扩建",
            "学习贯彻党的十八大精神",
            "以“一心四区”为统领",
            "完成四好公路刷黑工作",
            "深化“1+N+X”党建联建模式(1个牵头单位+N个共建单位+X个项目)",
            "完成第三批美丽乡村建设",
            "从2022年起开展创建活动",
            "1-5月规模工业产值",
            "加大60岁以上老年人疫苗接种宣传力度",
            "提拔80后社区书记",
            "大力弘扬“四敢”精神,坚决克服四平八稳的落后思想",
            "努力推进各项工作定一件干一件、干一件成一件",
            "解决一项、固化一项",
            "为街道磨砺出一支“心中有信仰”的队伍",
            "党建工作力争在十个镇(街)中排名前列",
            "坚决做到“两个维护”",
            "有排名的争第一",
            "排名进入第一方阵",
            "做好残疾人两项补贴工作",
        ] {
            assert!(texts(s).is_empty(), "{s}: {:?}", texts(s));
        }
    }

    #[test]
    fn qualifier_amount_before_a_count() {
        let ts = texts("引进5亿元企业5家、1亿元企业8家");
        assert_eq!(ts, vec!["5家", "8家"]);
        let ts = texts("推进好投资13亿元的5个项目建设");
        assert_eq!(ts, vec!["13亿元", "5个"]);
    }

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

    #[test]
    fn bare_one_needs_a_counting_verb() {
        assert_eq!(texts("打造一个国家级“扫黄打非”示范社区"), vec!["一个"]);
        assert_eq!(texts("每季度至少召开一次联席会"), vec!["至少召开一次"]);
        assert_eq!(texts("策划社区公益创投项目一场,撬动居民参与"), vec!["一场"]);
        assert!(texts("这是一种犯罪").is_empty());
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

    #[test]
    fn pathological_numbers_are_no_targets() {
        // Past the range of f64: no finite value, so no target.
        assert!(texts(&format!("完成{}个", "7".repeat(10_000))).is_empty());
        assert!(texts("1.2.3.4 1.2.3.4").is_empty());
        // A clause with no punctuation is only looked at near each number.
        let t = targets(&"--5% ".repeat(2000));
        assert!(
            t.iter()
                .all(|t| t.value.is_finite() && t.text.ends_with('%'))
        );
    }
}
