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
//!
//! The characters written in this code (digits and multipliers, range
//! separators, minus signs, `百分之`, `翻…番`, `前N`/`第N`, `余`/`多`
//! after a number) are the grammar of numerals and of these forms, fixed by
//! the written language; they are not vocabulary a user might extend.
//! Words (verbs, nouns, links such as `达到`) are in the lexicon tables
//! (`target_words.tsv`, reached through [`WordRole`]). Every rule is named in
//! [`rules`].

mod blocks;
mod cells;
mod rank;
pub mod rules;
mod scan;
mod what;

use std::sync::Arc;

use crate::lexicon::{self, Lexicon, UnitWord, WordRole, word_ending_at, word_starting_at};
use crate::model::{
    Change, Comparator, GoalMode, IndicatorRef, Span, Target, TargetKind, TargetMode,
};
use crate::quantity::numeral::{self, Numeral};
use crate::text::{ASCII_DIGITS, CharSet, Text, ends_with_word, is_han, starts_with_word};

use blocks::*;
pub use cells::cell_targets;
use cells::*;
use rank::*;
pub use rules::{RULES, Rule, RuleInfo, Verdict};
use scan::*;
use what::*;

/// Clause boundaries for the target grammar (`、` is not one: it joins lists).
static BOUNDARIES: CharSet = CharSet::new(&[',', '。', ';', ':', '!', '?', '(', ')', '…']);

fn is_boundary(c: char) -> bool {
    BOUNDARIES.contains(c)
}

/// What joins the two ends of a range: `1-2`, `3~5`, `1至2`, `三到五`
/// (numeral grammar, kept in code).
fn is_range_sep(c: char) -> bool {
    matches!(c, '-' | '~' | '至' | '到' | '—')
}

/// Arabic digits, Chinese digits and the multipliers written after them
/// (the formal `拾 佰 仟` too: `壹拾壹元`); numeral grammar, kept in code.
static NUMERAL_CHARS: CharSet = CharSet::new(numeral::CHINESE_DIGITS)
    .with(ASCII_DIGITS)
    .with(&['十', '百', '千', '万', '亿', '拾', '佰', '仟']);

fn is_numeral_char(c: char) -> bool {
    NUMERAL_CHARS.contains(c)
}

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
    let cs = &t.chars;
    let (lo, hi) = (span.start.min(cs.len()), span.end.min(cs.len()));
    if lo >= hi {
        return Vec::new();
    }
    let found = scan(t, lo, hi, starts, &mut |_| {});
    // Whether the goal is a `|` table row, and its row name, asked once for
    // all its numbers: the answer looks at the whole goal, which for a
    // goal of one very long line made every number cost a pass over it.
    let row = if found.is_empty() {
        None
    } else {
        cells::table_row_name(t.lexicon(), cs, lo, hi)
    };
    let mut targets: Vec<Target> = found
        .into_iter()
        .map(|f| f.into_target(t, lo, hi, mode, row))
        .collect();
    respectively(t, lo, hi, &mut targets);
    inherit_what(cs, &mut targets);
    targets
}

/// What the scan tells an observer (see [`trace_targets`]); the search for
/// targets passes one that does nothing, which the compiler removes.
enum Event<'f> {
    /// The numeral `[at, end)` was blocked before the scan.
    Blocked { at: usize, end: usize, rule: Rule },
    /// The numeral `[at, end)` was read and turned down by `rule`, or by no
    /// rule (nothing took it: no unit).
    Declined {
        at: usize,
        end: usize,
        rule: Option<Rule>,
    },
    /// The scan found `f` at `at`.
    Took { at: usize, f: &'f Found },
    /// The found `f` was dropped after the scan.
    Dropped { f: &'f Found, rule: Rule },
}

/// The scan proper: every target found in `[lo, hi)`, in order, before it
/// is dressed; `observe` hears why each numeral became one or did not.
fn scan(
    t: &Text,
    lo: usize,
    hi: usize,
    starts: &lexicon::Starts,
    observe: &mut impl FnMut(Event<'_>),
) -> Vec<Found> {
    let lx = t.lexicon();
    let cs = &t.chars;
    let blocked = blocked_positions(t, lo, hi, starts);
    let mut found: Vec<Found> = Vec::new();
    let mut i = lo;
    while i < hi {
        if let Some(rule) = blocked[i - lo] {
            // Once per numeral: not at its second digit.
            if TARGET_STARTS.contains(cs[i])
                && !(i > lo && blocked[i - lo - 1] == Some(rule) && is_numeral_char(cs[i - 1]))
            {
                let run = cs[i + 1..hi].iter().take_while(|&&c| is_numeral_char(c));
                observe(Event::Blocked {
                    at: i,
                    end: i + 1 + run.count(),
                    rule,
                });
            }
            i += 1;
            continue;
        }
        // Most characters start no numeral: passed over here, without a
        // call.
        if !TARGET_STARTS.contains(cs[i]) {
            i += 1;
            continue;
        }
        match read_at(lx, cs, lo, hi, i) {
            Step::Found(f) => {
                observe(Event::Took { at: i, f: &f });
                i = f.end.max(i + 1);
                found.push(f);
            }
            Step::Skip(next) => {
                observe(Event::Declined {
                    at: i,
                    end: next,
                    rule: None,
                });
                i = next.max(i + 1);
            }
            Step::Blocked(next, rule) => {
                observe(Event::Declined {
                    at: i,
                    end: next,
                    rule: Some(rule),
                });
                i = next.max(i + 1);
            }
            Step::Nothing => i += 1,
        }
    }
    for f in table_cells(lx, cs, lo, hi) {
        observe(Event::Took { at: f.start, f: &f });
        found.push(f);
    }
    // A number past the range of `f64` (a run of hundreds of digits) is no
    // measurement, and JSON could not carry its value.
    found.retain(|f| {
        let finite = f.value.is_finite() && f.value_max.is_none_or(f64::is_finite);
        if !finite {
            observe(Event::Dropped {
                f,
                rule: Rule::NonFinite,
            });
        }
        finite
    });
    found.sort_by_key(|f| f.start);
    drop_qualifiers(cs, &mut found, observe);
    found
}

/// What the scan made of one numeral of a goal: the target a rule took,
/// the rule that blocked it, or nothing (no unit).
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// Where the scan started reading (the numeral, or the `百分之`, `翻`,
    /// `前`, `第` that opens it).
    pub at: usize,
    /// The text read: a target's whole text, else the numeral.
    pub span: Span,
    pub outcome: Outcome,
}

/// How a numeral fared.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A target, taken by `rule`, its value and unit as `extract` gives them.
    Takes {
        rule: Rule,
        value: f64,
        value_max: Option<f64>,
        unit: String,
    },
    /// Kept from being a target by `rule`.
    Blocks(Rule),
    /// Read, but no rule took it: no unit or measure word made it one.
    NoUnit,
}

/// Why each numeral of `span` became a target or did not, in text order:
/// the scan [`find_targets`] runs, told step by step. For `zhibiao
/// explain`; it changes nothing of what is found.
pub fn trace_targets(t: &Text, span: Span) -> Vec<Trace> {
    let cs = &t.chars;
    let (lo, hi) = (span.start.min(cs.len()), span.end.min(cs.len()));
    if lo >= hi {
        return Vec::new();
    }
    let starts = t.lexicon().starts(t.chars_in(span));
    let mut out: Vec<Trace> = Vec::new();
    let takes = |f: &Found| Outcome::Takes {
        rule: f.rule,
        value: round(f.value),
        value_max: f.value_max.map(round),
        unit: f.unit.to_string(),
    };
    scan(t, lo, hi, &starts, &mut |e| match e {
        Event::Blocked { at, end, rule } => out.push(Trace {
            at,
            span: Span::new(at, end),
            outcome: Outcome::Blocks(rule),
        }),
        Event::Declined { at, end, rule } => out.push(Trace {
            at,
            span: Span::new(at, end.max(at + 1)),
            outcome: rule.map_or(Outcome::NoUnit, Outcome::Blocks),
        }),
        Event::Took { at, f } => {
            // A table cell read after the scan: the bare number the scan
            // passed over is this target.
            out.retain(|x| !(x.outcome == Outcome::NoUnit && (f.start..f.end).contains(&x.at)));
            out.push(Trace {
                at,
                span: Span::new(f.start, f.end),
                outcome: takes(f),
            });
        }
        Event::Dropped { f, rule } => {
            let span = Span::new(f.start, f.end);
            if let Some(x) = out
                .iter_mut()
                .find(|x| x.span == span && matches!(x.outcome, Outcome::Takes { .. }))
            {
                x.outcome = Outcome::Blocks(rule);
            }
        }
    });
    out.sort_by_key(|x| x.at);
    out
}

/// A target before it is dressed with metric/object/mode.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    /// Where the number itself starts (after comparator/change words).
    num_start: usize,
    /// The rule that took it.
    rule: Rule,
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
    /// Not a target, as nothing took it; resume scanning here (past a
    /// numeral that must not be re-read).
    Skip(usize),
    /// Not a target, as `Rule` blocked it; resume scanning here.
    Blocked(usize, Rule),
    Nothing,
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

fn contains(hay: &[char], needle: &[char]) -> bool {
    // First characters compared before whole windows (see `starts_with_word`).
    !needle.is_empty()
        && hay
            .windows(needle.len())
            .any(|w| w[0] == needle[0] && w == needle)
}

impl Found {
    /// `row`: the name of the `|` table row that `[lo, hi)` is, if it is
    /// one ([`cells::table_row_name`]).
    fn into_target(
        self,
        t: &Text,
        lo: usize,
        hi: usize,
        mode: GoalMode,
        row: Option<Span>,
    ) -> Target {
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
        let w = what_of(lx, cs, lo, row, cstart, cend, &self);
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

/// Round away binary noise (`0.96 × 1e8`), keeping 10 significant decimals.
fn round(v: f64) -> f64 {
    if v.abs() >= 1e15 {
        return v;
    }
    let r = (v * 1e6).round() / 1e6;
    if (r - v).abs() < 1e-6 { r } else { v }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn targets(s: &str) -> Vec<Target> {
        let t = Text::new(s, crate::lexicon::for_tests());
        find_targets(&t, Span::new(0, t.len()), GoalMode::Target)
    }

    pub(super) fn texts(s: &str) -> Vec<String> {
        targets(s).into_iter().map(|t| t.text).collect()
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
