//! The text report of `zhibiao eval`.

use std::fmt::{Display, Write as _};

use serde::Serialize;

use super::gold::GoldUnit;
use super::quote::Mention;
use super::scores::{DocScores, Ratio, Scores};

/// How many entries of each list [`Scores::render_text`] prints.
pub const LIST_LIMIT: usize = 40;

impl Ratio {
    fn percent(&self) -> String {
        match self.value {
            Some(v) => format!("{:.1}%", v * 100.0),
            None => "n/a".into(),
        }
    }

    fn fraction(&self) -> String {
        format!("{}/{}", self.num, self.den)
    }
}

impl Scores {
    /// A summary table, one line per document, then the first
    /// [`LIST_LIMIT`] entries of each list of errors.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "zhibiao eval: {} documents\n", self.documents);
        let t = &self.targets;
        let s = &self.sections;
        let d = &self.deadlines;
        let rows: [(&str, &Ratio); 22] = [
            ("target precision", &t.precision),
            ("target recall", &t.recall),
            ("target value accuracy", &t.value_accuracy),
            ("  unit agreement", &t.unit_agreement),
            ("  kind agreement", &t.kind_agreement),
            ("  comparator agreement", &t.comparator_agreement),
            ("  change agreement", &t.change_agreement),
            ("  mode agreement", &t.mode_agreement),
            ("what right", &t.what_right),
            ("  what given", &t.what_given),
            ("not-targets reported", &self.not_targets),
            ("section recall", &s.recall),
            ("  section precision", &s.precision),
            ("  level accuracy", &s.level_accuracy),
            ("  label agreement", &s.label_agreement),
            ("deadline recall", &d.recall),
            ("  deadline precision", &d.precision),
            ("  `by` accuracy", &d.by_accuracy),
            ("units: documents matching", &self.units_documents),
            ("units: name accuracy", &self.unit_names),
            ("genre", &self.genre),
            ("year", &self.year),
        ];
        let _ = writeln!(out, "{:<28}{:>8}  count", "figure", "score");
        for (label, r) in rows {
            let _ = writeln!(out, "{label:<28}{:>8}  {}", r.percent(), r.fraction());
        }
        let _ = writeln!(
            out,
            "(targets: {} gold + {} optional, {} predicted, {} matched to optional)",
            t.counts.gold, t.counts.gold_optional, t.counts.predicted, t.counts.matched_optional
        );

        let _ = writeln!(out, "\nper document:");
        let _ = writeln!(
            out,
            "{:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}  {:<5} {:<5} year",
            "document", "tgt P", "tgt R", "value", "not-tgt", "sect R", "dl R", "units", "genre"
        );
        for doc in &self.per_document {
            let genre = verdict(doc.genre_ok(), name(&doc.genre), name(&doc.predicted_genre));
            let year = verdict(
                doc.year_ok(),
                or_null(doc.year),
                or_null(doc.predicted_year),
            );
            let _ = writeln!(
                out,
                "{:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}  {:<5} {:<5} {year}",
                doc.doc,
                doc.targets.precision.fraction(),
                doc.targets.recall.fraction(),
                doc.targets.value_accuracy.fraction(),
                doc.not_targets.fraction(),
                doc.sections.recall.fraction(),
                doc.deadlines.recall.fraction(),
                if doc.units.matches { "ok" } else { "no" },
                genre,
            );
            if !doc.units.matches {
                let gold: Vec<String> = doc.units.gold.iter().map(show_gold_unit).collect();
                let predicted: Vec<String> = doc
                    .units
                    .predicted
                    .iter()
                    .map(|n| or_null(n.as_ref()))
                    .collect();
                let _ = writeln!(
                    out,
                    "    units: gold [{}], predicted [{}]",
                    gold.join(", "),
                    predicted.join(", ")
                );
            }
        }

        self.list(&mut out, "target false positives", |d| {
            lines(&d.target_false_positives, show_mention)
        });
        self.list(&mut out, "missed targets", |d| {
            lines(&d.target_misses, show_mention)
        });
        self.list(&mut out, "target attribute differences", |d| {
            lines(&d.target_differences, |x| {
                format!("{}  → {}", show_mention(&x.gold), x.differences.join("; "))
            })
        });
        self.list(&mut out, "not-targets reported as targets", |d| {
            lines(&d.not_targets_reported, show_mention)
        });
        self.list(&mut out, "missed sections", |d| {
            lines(&d.section_misses, |m| {
                format!(
                    "level {} {}{}",
                    m.level,
                    m.label.as_deref().unwrap_or(""),
                    m.heading
                )
            })
        });
        self.list(&mut out, "missed deadlines", |d| {
            lines(&d.deadline_misses, show_mention)
        });
        self.list(&mut out, "deadline `by` differences", |d| {
            lines(&d.deadline_differences, |x| {
                format!(
                    "{}  → by {} ≠ {}",
                    show_mention(&x.gold),
                    or_null(x.gold_by.as_ref()),
                    or_null(x.predicted_by.as_ref())
                )
            })
        });
        out
    }

    /// Print one list of errors over all documents, at most [`LIST_LIMIT`]
    /// lines; nothing when it is empty.
    fn list(&self, out: &mut String, title: &str, entries: impl Fn(&DocScores) -> Vec<String>) {
        let all: Vec<(&str, String)> = self
            .per_document
            .iter()
            .flat_map(|d| {
                entries(d)
                    .into_iter()
                    .map(move |line| (d.doc.as_str(), line))
            })
            .collect();
        if all.is_empty() {
            return;
        }
        let shown = all.len().min(LIST_LIMIT);
        if shown < all.len() {
            let _ = writeln!(out, "\n{title} ({shown} of {}):", all.len());
        } else {
            let _ = writeln!(out, "\n{title} ({}):", all.len());
        }
        for (doc, line) in all.iter().take(shown) {
            let _ = writeln!(out, "  {doc}  {line}");
        }
    }
}

fn lines<T>(items: &[T], f: impl Fn(&T) -> String) -> Vec<String> {
    items.iter().map(f).collect()
}

fn show_mention(m: &Mention) -> String {
    format!(
        "[{},{}) {}  {}",
        m.span.start, m.span.end, m.text, m.context
    )
}

/// `ok` when gold and prediction agree, else `gold≠predicted`.
fn verdict(ok: bool, gold: String, predicted: String) -> String {
    if ok {
        "ok".to_string()
    } else {
        format!("{gold}≠{predicted}")
    }
}

fn show_gold_unit(u: &GoldUnit) -> String {
    let one = |n: &Option<String>| or_null(n.as_ref());
    match u {
        GoldUnit::One(n) => one(n),
        GoldUnit::AnyOf(list) => list.iter().map(one).collect::<Vec<_>>().join("|"),
    }
}

/// A value as the report shows it, `null` when absent (as in the JSON).
pub(super) fn or_null<T: Display>(v: Option<T>) -> String {
    v.map_or_else(|| "null".to_string(), |v| v.to_string())
}

/// The serialized name of an enum value (`snake_case`).
pub(super) fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::fixtures::*;
    use serde_json::json;

    #[test]
    fn render_text_summarises_then_lists() {
        let text = "完成10个项目,新增3家企业\n2024年底前";
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("10个", 1, 10.0, false), gold_target("3家", 1, 3.0, false)],
                   "units": ["甲镇"],
                   "sections": [{"label": "一、", "heading": "总体目标", "level": 1}],
                   "deadlines": [{"text": "2024年底前", "occurrence": 1, "by": "2024-12-31"}]}),
        );
        let d = one_unit(text, vec![target(text, "10个", 1, 10.0)], vec![]);
        let s = score_one(g, d);
        let out = s.render_text();
        let summary = out.find("target precision").expect("summary");
        let per_doc = out.find("per document:").expect("per document");
        let misses = out.find("missed targets (1):").expect("misses");
        assert!(summary < per_doc && per_doc < misses, "{out}");
        assert!(out.contains("target recall"), "{out}");
        assert!(out.contains("50.0%  1/2"), "{out}");
        assert!(out.contains("[10,12) 3家"), "{out}");
        assert!(out.contains("新增⟦3家⟧企业 2024年底前"), "{out}");
        assert!(out.contains("missed sections (1):"), "{out}");
        assert!(out.contains("missed deadlines (1):"), "{out}");
        assert!(
            out.contains("units: gold [甲镇], predicted [null]"),
            "{out}"
        );
        assert!(!out.contains("target false positives"), "{out}");
    }

    #[test]
    fn render_text_limits_lists() {
        let text = "1个".repeat(LIST_LIMIT + 5);
        let targets = (1..=LIST_LIMIT + 5)
            .map(|i| gold_target("1个", i, 1.0, false))
            .collect::<Vec<_>>();
        let g = gold("a.txt", json!({ "targets": targets }));
        let s = score_one(g, document("a.txt", &text, vec![]));
        let out = s.render_text();
        assert!(out.contains(&format!(
            "missed targets ({LIST_LIMIT} of {}):",
            LIST_LIMIT + 5
        )));
        assert_eq!(
            out.lines().filter(|l| l.contains("⟦1个⟧")).count(),
            LIST_LIMIT
        );
    }
}
