//! `zhibiao explain`: for every numeral of a document's goals, the rule of
//! the target grammar that took it or blocked it, or that nothing did.
//!
//! It reads the file as `extract` does, finds the goals, and runs the scan
//! of [`quantity::target`](crate::quantity::target) over each goal again,
//! told step by step ([`trace_targets`]). Positions are line and column
//! (both from 1, in characters) of the text `zhibiao text FILE` prints.
//!
//! Rows of indicator tables found by their header (Word and web tables) are
//! read cell by cell by `extract`; here their text is scanned as a whole.

use serde::Serialize;

use crate::quantity::target::{Outcome, trace_targets};
use crate::{Extractor, FileError, Span, clean, structure, text};

/// Characters of context shown on either side of a number.
const CONTEXT: usize = 6;

/// One numeral of a goal and what the grammar made of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Line of the text, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
    /// The text read: a target's whole text, else the numeral.
    pub text: String,
    /// Up to a few characters before it.
    pub before: String,
    /// Up to a few characters after it.
    pub after: String,
    /// `takes`, `blocks` or `none`.
    pub verdict: &'static str,
    /// The rule that took or blocked it (`null` when nothing took it).
    pub rule: Option<&'static str>,
    /// For a target: its value, upper bound and unit, as `extract` gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl Explanation {
    /// One line for a person: `3:7  …就业[600人]以上…  takes quantity 600 人`.
    pub fn render(&self) -> String {
        let verdict = match (self.verdict, self.rule) {
            ("takes", Some(rule)) => {
                let mut v = format!("takes {rule} {}", number(self.value.unwrap_or(0.0)));
                if let Some(m) = self.value_max {
                    v.push('-');
                    v.push_str(&number(m));
                }
                if let Some(u) = self.unit.as_deref().filter(|u| !u.is_empty()) {
                    v.push(' ');
                    v.push_str(u);
                }
                v
            }
            (verdict, Some(rule)) => format!("{verdict} {rule}"),
            _ => "no unit".to_string(),
        };
        format!(
            "{}:{}\t{}[{}]{}\t{verdict}",
            self.line, self.col, self.before, self.text, self.after
        )
    }
}

/// A value for a person: `600`, `0.5`.
fn number(v: f64) -> String {
    v.to_string()
}

/// Explain the numerals of the goals of the file at `path` with these
/// bytes, in text order. Fails as `extract` does on a file it cannot read.
pub fn explain(ex: &Extractor, path: &str, bytes: &[u8]) -> Result<Vec<Explanation>, FileError> {
    let converted = crate::convert_bytes(path, bytes)?;
    crate::check_text_size(path, &converted.text)?;
    Ok(explain_text(ex, path, &converted.text))
}

/// [`explain`] on already decoded text.
pub fn explain_text(ex: &Extractor, path: &str, text: &str) -> Vec<Explanation> {
    let t = text::Text::new(text, ex.lexicon());
    let cleaned = clean::clean(&t);
    let doc = structure::build_document(&t, &cleaned, path, "", text.len(), "UTF-8");
    let mut spans: Vec<Span> = doc
        .units
        .iter()
        .flat_map(|u| u.goals.iter().map(|g| g.span))
        .collect();
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup();
    let lines = LineStarts::of(&t.chars);
    let mut out = Vec::new();
    let mut last_end = 0;
    for span in spans {
        for trace in trace_targets(&t, span) {
            // Goals do not overlap; should two, a numeral is told once.
            if trace.at < last_end && !out.is_empty() {
                continue;
            }
            out.push(explanation(&t, &lines, span, &trace));
        }
        last_end = last_end.max(span.end);
    }
    out
}

fn explanation(
    t: &text::Text,
    lines: &LineStarts,
    goal: Span,
    trace: &crate::quantity::target::Trace,
) -> Explanation {
    let (line, col) = lines.line_col(trace.at);
    let s = trace.span;
    let shown = |a: usize, b: usize| -> String {
        t.slice(Span::new(a, b))
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect()
    };
    let before = shown(s.start.saturating_sub(CONTEXT).max(goal.start), s.start);
    let after = shown(s.end, (s.end + CONTEXT).min(goal.end.max(s.end)));
    let (verdict, rule, value, value_max, unit) = match &trace.outcome {
        Outcome::Takes {
            rule,
            value,
            value_max,
            unit,
        } => (
            "takes",
            Some(rule.name()),
            Some(*value),
            *value_max,
            Some(unit.clone()),
        ),
        Outcome::Blocks(rule) => ("blocks", Some(rule.name()), None, None, None),
        Outcome::NoUnit => ("none", None, None, None, None),
    };
    Explanation {
        line,
        col,
        text: shown(s.start, s.end),
        before,
        after,
        verdict,
        rule,
        value,
        value_max,
        unit,
    }
}

/// Where each line of a text starts, for line and column of a position.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(cs: &[char]) -> Self {
        let mut starts = vec![0];
        starts.extend(
            cs.iter()
                .enumerate()
                .filter(|&(_, &c)| c == '\n')
                .map(|(i, _)| i + 1),
        );
        LineStarts(starts)
    }

    /// Line and column of position `at`, both from 1.
    fn line_col(&self, at: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&s| s <= at);
        let start = self.0[line.saturating_sub(1)];
        (line.max(1), at - start + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_numeral_of_a_goal_is_told() {
        let ex = crate::extractor_for_tests();
        let text = "某镇2024年工作要点\n一、经济发展\n1.全年新增城镇就业600人,完成302省道改造。\n";
        let got: Vec<String> = explain_text(ex, "plan.txt", text)
            .iter()
            .map(Explanation::render)
            .collect();
        assert!(
            got.iter()
                .any(|l| l.contains("[600人]") && l.ends_with("takes quantity 600 人")),
            "{got:?}"
        );
        assert!(got.iter().any(|l| l.contains("[302]")), "{got:?}");
    }

    #[test]
    fn line_and_column() {
        let cs: Vec<char> = "ab\ncd\n".chars().collect();
        let l = LineStarts::of(&cs);
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(3), (2, 1));
        assert_eq!(l.line_col(4), (2, 2));
    }
}
