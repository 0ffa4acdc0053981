//! Scoring one document against its gold annotation.

use super::error::{GoldProblem, GoldReason};
use super::gold::{Gold, GoldDeadline, GoldSection, GoldTarget, GoldUnit};
use super::matching::{SpanMatch, lcs_pairs, match_by_span};
use super::quote::{CharIndex, Mention, Quoter, by_position};
use super::render::{name, or_null};
use super::scores::{
    DeadlineCounts, DeadlineDiff, DocScores, Ratio, SectionCounts, SectionDiff, SectionExtra,
    SectionMiss, TargetCounts, TargetDiff, UnitDetail,
};
use crate::model::{Deadline, Document, Section, Span, Target};

/// Relative tolerance when comparing numeric values.
const VALUE_TOLERANCE: f64 = 1e-9;

/// Score one document against its gold annotation. Fails, listing every
/// problem, when `text` is not the document's or a gold quote is not in it:
/// spans could then not be compared at all.
pub(super) fn score_document(
    gold: &Gold,
    doc: &Document,
    text: &str,
) -> Result<DocScores, Vec<GoldProblem>> {
    let idx = CharIndex::new(text);
    if idx.char_count() != doc.chars {
        return Err(vec![gold.problem(GoldReason::WrongText {
            path: doc.path.clone(),
            text_chars: idx.char_count(),
            reported: doc.chars,
        })]);
    }
    let resolved = gold.resolve(&idx)?;
    let quote = Quoter::new(text);

    let goals = || doc.units.iter().flat_map(|u| &u.goals);
    let targets: Vec<&Target> = goals().flat_map(|g| &g.targets).collect();
    let deadlines: Vec<&Deadline> = goals().flat_map(|g| &g.deadlines).collect();
    let sections: Vec<&Section> = doc.units.iter().flat_map(|u| &u.sections).collect();

    let t = score_targets(&resolved.targets, &targets, &quote);
    let mut not_targets_reported: Vec<Mention> = resolved
        .not_targets
        .iter()
        .filter(|(s, _)| targets.iter().any(|p| p.span.overlaps(s)))
        .map(|(s, m)| quote.mention(&m.text, *s))
        .collect();
    by_position(&mut not_targets_reported);
    let d = score_deadlines(&resolved.deadlines, &deadlines, &quote);
    let s = score_sections(&gold.sections, &sections);
    let predicted_units: Vec<Option<String>> = doc.units.iter().map(|u| u.name.clone()).collect();

    Ok(DocScores {
        doc: gold.doc.clone(),
        path: doc.path.clone(),
        gold_file: gold.file.clone(),
        genre: gold.genre,
        predicted_genre: doc.genre,
        year: gold.year,
        predicted_year: doc.year,
        units: score_units(&gold.units, predicted_units),
        targets: t.counts.into(),
        not_targets: Ratio::new(not_targets_reported.len(), resolved.not_targets.len()),
        sections: s.counts.into(),
        deadlines: d.counts.into(),
        target_misses: t.misses,
        target_false_positives: t.false_positives,
        target_differences: t.differences,
        not_targets_reported,
        section_misses: s.misses,
        section_extras: s.extras,
        section_differences: s.differences,
        deadline_misses: d.misses,
        deadline_false_positives: d.false_positives,
        deadline_differences: d.differences,
    })
}

/// What scoring targets or deadlines yields for one document.
struct SpanOutcome<C, D> {
    counts: C,
    misses: Vec<Mention>,
    false_positives: Vec<Mention>,
    differences: Vec<D>,
}

impl<C, D> SpanOutcome<C, D> {
    fn new<G, P>(m: SpanMatch<G, P>, counts: C, differences: Vec<D>) -> Self {
        SpanOutcome {
            counts,
            misses: m.misses,
            false_positives: m.false_positives,
            differences,
        }
    }
}

/// Counts of a span-matched kind (`TargetCounts`, `DeadlineCounts`) with
/// the fields they share filled in from a [`SpanMatch`]. A macro because the
/// two types share only field names, not a type: each stays flat, in the
/// JSON and in the public API.
macro_rules! span_counts {
    ($counts:ident, $m:expr) => {
        $counts {
            gold: $m.gold,
            gold_optional: $m.gold_optional,
            predicted: $m.predicted,
            matched: $m.pairs.len(),
            matched_optional: $m.matched_optional,
            ..$counts::default()
        }
    };
}

fn score_targets(
    gold: &[(Span, &GoldTarget)],
    predicted: &[&Target],
    quote: &Quoter,
) -> SpanOutcome<TargetCounts, TargetDiff> {
    let m = match_by_span(gold, predicted, quote);
    let mut c = span_counts!(TargetCounts, m);
    let mut target_differences = Vec::new();
    for &(span, g, p) in &m.pairs {
        let mut differences = Vec::new();
        let mut agree = |ok: bool, field: &str, g: String, p: String| {
            if !ok {
                differences.push(format!("{field}: {g} ≠ {p}"));
            }
            usize::from(ok)
        };
        let value_ok = agree(
            same_value(g.value, p.value),
            "value",
            g.value.to_string(),
            p.value.to_string(),
        ) + agree(
            same_value_opt(g.value_max, p.value_max),
            "value_max",
            or_null(g.value_max),
            or_null(p.value_max),
        );
        c.value_ok += usize::from(value_ok == 2);
        c.unit_ok += agree(g.unit == p.unit, "unit", g.unit.clone(), p.unit.clone());
        c.kind_ok += agree(g.kind == p.kind, "kind", name(&g.kind), name(&p.kind));
        c.comparator_ok += agree(
            g.comparator == p.comparator,
            "comparator",
            name(&g.comparator),
            name(&p.comparator),
        );
        c.change_ok += agree(
            g.change == p.change,
            "change",
            name(&g.change),
            name(&p.change),
        );
        c.mode_ok += agree(g.mode == p.mode, "mode", name(&g.mode), name(&p.mode));
        if let Some(gw) = g.what.as_deref() {
            c.what_gold += 1;
            c.what_given += usize::from(p.what.is_some());
            let pw = p.what.as_deref();
            c.what_ok += agree(
                pw.is_some_and(|pw| same_what(gw, pw)),
                "what",
                gw.to_string(),
                or_null(pw),
            );
        }
        if !differences.is_empty() {
            target_differences.push(TargetDiff {
                gold: quote.mention(&g.text, span),
                predicted_text: p.text.clone(),
                predicted_span: p.span,
                differences,
            });
        }
    }
    SpanOutcome::new(m, c, target_differences)
}

/// A predicted `what` is right when it equals, contains or is contained in
/// the gold phrase (compared with full-width forms folded: `ＧＤＰ` is `GDP`).
fn same_what(gold: &str, predicted: &str) -> bool {
    let width = crate::chars::Fold::new(std::iter::empty());
    let fold = |s: &str| s.trim().chars().map(|c| width.fold(c)).collect::<String>();
    let (g, p) = (fold(gold), fold(predicted));
    !g.is_empty() && !p.is_empty() && (g.contains(&p) || p.contains(&g))
}

fn score_deadlines(
    gold: &[(Span, &GoldDeadline)],
    predicted: &[&Deadline],
    quote: &Quoter,
) -> SpanOutcome<DeadlineCounts, DeadlineDiff> {
    let m = match_by_span(gold, predicted, quote);
    let mut c = span_counts!(DeadlineCounts, m);
    let mut differences = Vec::new();
    for &(span, g, p) in &m.pairs {
        if p.by == g.by {
            c.by_ok += 1;
        } else {
            differences.push(DeadlineDiff {
                gold: quote.mention(&g.text, span),
                gold_by: g.by.clone(),
                predicted_text: p.text.clone(),
                predicted_by: p.by.clone(),
            });
        }
    }
    SpanOutcome::new(m, c, differences)
}

struct SectionOutcome {
    counts: SectionCounts,
    misses: Vec<SectionMiss>,
    extras: Vec<SectionExtra>,
    differences: Vec<SectionDiff>,
}

fn score_sections(gold: &[GoldSection], predicted: &[&Section]) -> SectionOutcome {
    let gold_keys: Vec<&str> = gold.iter().map(|s| heading_key(&s.heading)).collect();
    let pred_keys: Vec<&str> = predicted.iter().map(|s| heading_key(&s.heading)).collect();
    let pairs = lcs_pairs(&gold_keys, &pred_keys);
    let mut counts = SectionCounts {
        gold: gold.len(),
        predicted: predicted.len(),
        matched: pairs.len(),
        ..SectionCounts::default()
    };
    let mut gold_hit = vec![false; gold.len()];
    let mut pred_hit = vec![false; predicted.len()];
    let mut differences = Vec::new();
    for &(i, j) in &pairs {
        gold_hit[i] = true;
        pred_hit[j] = true;
        let (g, p) = (&gold[i], predicted[j]);
        let level_ok = g.level == p.level;
        let label_ok = label_key(g.label.as_deref()) == label_key(p.label.as_deref());
        counts.level_ok += usize::from(level_ok);
        counts.label_ok += usize::from(label_ok);
        if !(level_ok && label_ok) {
            differences.push(SectionDiff {
                heading: g.heading.clone(),
                gold_label: g.label.clone(),
                predicted_label: p.label.clone(),
                gold_level: g.level,
                predicted_level: p.level,
            });
        }
    }
    let misses = gold
        .iter()
        .zip(&gold_hit)
        .filter(|(_, hit)| !**hit)
        .map(|(s, _)| SectionMiss {
            label: s.label.clone(),
            heading: s.heading.clone(),
            level: s.level,
        })
        .collect();
    let extras = predicted
        .iter()
        .zip(&pred_hit)
        .filter(|(_, hit)| !**hit)
        .map(|(s, _)| SectionExtra {
            label: s.label.clone(),
            heading: s.heading.clone(),
            level: s.level,
            span: s.heading_span,
        })
        .collect();
    SectionOutcome {
        counts,
        misses,
        extras,
        differences,
    }
}

fn score_units(gold: &[GoldUnit], predicted: Vec<Option<String>>) -> UnitDetail {
    let correct = gold
        .iter()
        .zip(&predicted)
        .filter(|(g, p)| g.accepts(p.as_deref()))
        .count();
    UnitDetail {
        gold: gold.to_vec(),
        matches: gold.len() == predicted.len() && correct == gold.len(),
        correct,
        entries: gold.len().max(predicted.len()),
        predicted,
    }
}

fn same_value(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= VALUE_TOLERANCE * a.abs().max(b.abs())
}

fn same_value_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same_value(a, b),
        _ => false,
    }
}

/// A heading as compared: without surrounding whitespace and the
/// punctuation that may or may not be counted as part of it.
fn heading_key(h: &str) -> &str {
    h.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '。' | ',' | '\u{ff0c}' | ':' | '\u{ff1a}' | ';' | '\u{ff1b}' | '、'
            )
    })
}

fn label_key(l: Option<&str>) -> Option<&str> {
    l.map(str::trim).filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::fixtures::*;
    use crate::eval::score;
    use serde_json::json;

    #[test]
    fn target_precision_recall_with_optional_gold_neutral() {
        let text = "2024年完成10个项目,新增3家企业,建成百亿级园区,打造1个品牌";
        let g = gold(
            "a.txt",
            json!({"targets": [
                gold_target("10个", 1, 10.0, false),
                gold_target("3家", 1, 3.0, false),
                gold_target("百亿级", 1, 1e10, true),
                gold_target("1个", 1, 1.0, false),
            ]}),
        );
        let d = one_unit(
            text,
            vec![
                target(text, "10个", 1, 10.0),
                target(text, "百亿", 1, 1e10),
                target(text, "2024年", 1, 2024.0),
            ],
            vec![],
        );
        let s = score_one(g, d);
        let c = s.targets.counts;
        assert_eq!((c.gold, c.gold_optional, c.predicted), (3, 1, 3));
        assert_eq!((c.matched, c.matched_optional), (1, 1));
        assert_eq!(s.targets.precision, Ratio::new(1, 2));
        assert_eq!(s.targets.recall, Ratio::new(1, 3));
        let doc = &s.per_document[0];
        let missed: Vec<&str> = doc.target_misses.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(missed, ["3家", "1个"]);
        let fps: Vec<&str> = doc
            .target_false_positives
            .iter()
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(fps, ["2024年"]);
        assert_eq!(doc.target_misses[0].span, span(text, "3家", 1));
    }

    #[test]
    fn an_unmatched_optional_gold_costs_nothing() {
        let text = "建成百亿级园区,打造1个品牌";
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("百亿级", 1, 1e10, true), gold_target("1个", 1, 1.0, false)]}),
        );
        let d = one_unit(text, vec![target(text, "1个", 1, 1.0)], vec![]);
        let s = score_one(g, d);
        assert_eq!(s.targets.precision, Ratio::new(1, 1));
        assert_eq!(s.targets.recall, Ratio::new(1, 1));
        assert!(s.per_document[0].target_misses.is_empty());
    }

    #[test]
    fn two_predictions_overlapping_one_gold_count_once() {
        let text = "完成10个项目";
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("10个项目", 1, 10.0, false)]}),
        );
        let d = one_unit(
            text,
            vec![target(text, "10个", 1, 10.0), target(text, "项目", 1, 10.0)],
            vec![],
        );
        let s = score_one(g, d);
        assert_eq!(s.targets.counts.matched, 1);
        assert_eq!(s.targets.recall, Ratio::new(1, 1));
        assert_eq!(s.targets.precision, Ratio::new(1, 2));
        // The larger overlap is the match; the other is the false positive.
        let fps = &s.per_document[0].target_false_positives;
        assert_eq!(fps.len(), 1);
        assert_eq!(fps[0].text, "项目");
    }

    #[test]
    fn value_accuracy_and_attribute_agreement() {
        let text = "种植1.5万亩,完成0.3成,新增3-5个,建成11个,引进2家";
        let mut range = gold_target("3-5个", 1, 3.0, false);
        range["value_max"] = json!(5.0);
        range["comparator"] = json!("range");
        let mut firms = gold_target("2家", 1, 2.0, false);
        firms["unit"] = json!("家");
        let g = gold(
            "a.txt",
            json!({"targets": [
                gold_target("1.5万亩", 1, 15000.0, false),
                gold_target("0.3成", 1, 0.3, false),
                range,
                gold_target("11个", 1, 11.0, false),
                firms,
            ]}),
        );
        let d = one_unit(
            text,
            vec![
                // Within the relative tolerance.
                target(text, "1.5万亩", 1, 15000.000000001),
                target(text, "0.3成", 1, 0.1 + 0.2),
                // value_max missing, comparator wrong.
                target(text, "3-5个", 1, 3.0),
                // Wrong value.
                target(text, "11个", 1, 12.0),
                // Right value, wrong unit.
                target(text, "2家", 1, 2.0),
            ],
            vec![],
        );
        let s = score_one(g, d);
        let t = &s.targets;
        assert_eq!(t.counts.matched, 5);
        assert_eq!(t.value_accuracy, Ratio::new(3, 5));
        assert_eq!(t.unit_agreement, Ratio::new(4, 5));
        assert_eq!(t.comparator_agreement, Ratio::new(4, 5));
        assert_eq!(t.kind_agreement, Ratio::new(5, 5));
        let diffs = &s.per_document[0].target_differences;
        let described: Vec<(&str, String)> = diffs
            .iter()
            .map(|d| (d.gold.text.as_str(), d.differences.join("; ")))
            .collect();
        assert_eq!(
            described,
            [
                (
                    "3-5个",
                    "value_max: 5 ≠ null; comparator: range ≠ eq".to_string()
                ),
                ("11个", "value: 11 ≠ 12".to_string()),
                ("2家", "unit: 家 ≠ 个".to_string()),
            ]
        );
    }

    #[test]
    fn not_targets_reported_when_a_prediction_overlaps_them() {
        let text = "2024年协调配合完成302省道建设,新增5个";
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("5个", 1, 5.0, false)],
                   "not_targets": [{"text": "2024年", "occurrence": 1},
                                   {"text": "302省道", "occurrence": 1}]}),
        );
        let d = one_unit(
            text,
            vec![target(text, "302", 1, 302.0), target(text, "5个", 1, 5.0)],
            vec![],
        );
        let s = score_one(g, d);
        assert_eq!(s.not_targets, Ratio::new(1, 2));
        let reported = &s.per_document[0].not_targets_reported;
        assert_eq!(reported.len(), 1);
        assert_eq!(reported[0].text, "302省道");
        assert_eq!(s.targets.precision, Ratio::new(1, 2));
    }

    #[test]
    fn sections_matched_in_order_on_normalised_headings() {
        let text = "一、抓管护提品质 1.突破重点 (二)强品牌 1.突破重点";
        let g = gold(
            "a.txt",
            json!({"sections": [
                {"label": "一、", "heading": "抓管护提品质", "level": 1},
                {"label": "1.", "heading": "突破重点", "level": 2},
                {"label": "(二)", "heading": "强品牌", "level": 1},
                {"label": "1.", "heading": "突破重点", "level": 2},
            ]}),
        );
        let predicted = vec![
            section(" 抓管护提品质。", 1, Some("一、")),
            section("突破重点", 1, Some("1.")),
            section("额外", 3, None),
            section("突破重点:", 2, None),
        ];
        let d = document("a.txt", text, vec![unit(None, predicted, vec![], vec![])]);
        let s = score_one(g, d);
        assert_eq!(s.sections.recall, Ratio::new(3, 4));
        assert_eq!(s.sections.precision, Ratio::new(3, 4));
        assert_eq!(s.sections.level_accuracy, Ratio::new(2, 3));
        assert_eq!(s.sections.label_agreement, Ratio::new(2, 3));
        let doc = &s.per_document[0];
        assert_eq!(doc.section_misses.len(), 1);
        assert_eq!(doc.section_misses[0].heading, "强品牌");
        assert_eq!(doc.section_extras.len(), 1);
        assert_eq!(doc.section_extras[0].heading, "额外");
        assert_eq!(doc.section_differences.len(), 2);
    }

    #[test]
    fn sections_out_of_order_are_not_all_matched() {
        let g = gold(
            "a.txt",
            json!({"sections": [
                {"label": null, "heading": "甲", "level": 1},
                {"label": null, "heading": "乙", "level": 1},
            ]}),
        );
        let predicted = vec![section("乙", 1, None), section("甲", 1, None)];
        let d = document("a.txt", "甲乙", vec![unit(None, predicted, vec![], vec![])]);
        assert_eq!(score_one(g, d).sections.recall, Ratio::new(1, 2));
    }

    #[test]
    fn deadline_recall_optional_and_by() {
        let text = "2021年,2月底完成拆迁,6月底前组建,10月底前完成方案,年底全覆盖";
        let g = gold(
            "a.txt",
            json!({"deadlines": [
                {"text": "2021年", "occurrence": 1, "by": "2021-12-31", "optional": true},
                {"text": "2月底", "occurrence": 1, "by": "2021-02-28"},
                {"text": "6月底前", "occurrence": 1, "by": "2021-06-30"},
                {"text": "10月底前", "occurrence": 1, "by": "2021-10-31"},
            ]}),
        );
        let d = one_unit(
            text,
            vec![],
            vec![
                deadline(text, "2021年", "2021-12-31"),
                deadline(text, "2月底", "2021-02-28"),
                deadline(text, "6月底", "2021-06-31"),
                deadline(text, "年底", "2021-12-31"),
            ],
        );
        let s = score_one(g, d);
        let dl = &s.deadlines;
        assert_eq!((dl.counts.gold, dl.counts.gold_optional), (3, 1));
        assert_eq!(dl.counts.matched_optional, 1);
        assert_eq!(dl.recall, Ratio::new(2, 3));
        assert_eq!(dl.by_accuracy, Ratio::new(1, 2));
        assert_eq!(dl.precision, Ratio::new(2, 3));
        let doc = &s.per_document[0];
        assert_eq!(doc.deadline_misses.len(), 1);
        assert_eq!(doc.deadline_misses[0].text, "10月底前");
        assert_eq!(doc.deadline_differences.len(), 1);
        assert_eq!(
            doc.deadline_differences[0].predicted_by.as_deref(),
            Some("2021-06-31")
        );
        assert_eq!(doc.deadline_false_positives.len(), 1);
        assert_eq!(doc.deadline_false_positives[0].text, "年底");
    }

    #[test]
    fn gold_units_accept_lists_and_null() {
        let any: GoldUnit = serde_json::from_value(json!(["花山街道", null])).expect("unit");
        assert!(any.accepts(Some("花山街道")));
        assert!(any.accepts(None));
        assert!(!any.accepts(Some("荷花池街道")));
        let none: GoldUnit = serde_json::from_value(json!(null)).expect("unit");
        assert!(none.accepts(None));
        assert!(!none.accepts(Some("甲镇")));
        let one: GoldUnit = serde_json::from_value(json!("甲镇")).expect("unit");
        assert!(one.accepts(Some(" 甲镇")));
        assert!(!one.accepts(None));

        let g = || gold("a.txt", json!({"units": ["甲镇", ["乙街道", null]]}));
        let two = document(
            "a.txt",
            "甲镇乙街道",
            vec![
                unit(Some("甲镇"), vec![], vec![], vec![]),
                unit(None, vec![], vec![], vec![]),
            ],
        );
        let s = score_one(g(), two);
        assert!(s.per_document[0].units.matches);
        assert_eq!(s.units_documents, Ratio::new(1, 1));
        assert_eq!(s.unit_names, Ratio::new(2, 2));

        let one_unit = document(
            "a.txt",
            "甲镇乙街道",
            vec![unit(Some("甲镇"), vec![], vec![], vec![])],
        );
        let s = score_one(g(), one_unit);
        assert!(!s.per_document[0].units.matches);
        assert_eq!(s.units_documents, Ratio::new(0, 1));
        assert_eq!(s.unit_names, Ratio::new(1, 2));
    }

    #[test]
    fn quote_not_in_document_is_an_error() {
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("10个", 2, 10.0, false)],
                   "not_targets": [{"text": "302省道", "occurrence": 1}]}),
        );
        let err = score(&[g], &[document("a.txt", "完成10个", vec![])])
            .expect_err("bad quote")
            .to_string();
        assert!(err.contains("targets[0] \"10个\": occurrence 2"), "{err}");
        assert!(err.contains("not_targets[0]"), "{err}");
    }

    #[test]
    fn text_that_is_not_the_documents_is_an_error() {
        let (doc, _) = document("a.txt", "完成10个", vec![]);
        let err = score(&[gold("a.txt", json!({}))], &[(doc, "完成".into())])
            .expect_err("text mismatch")
            .to_string();
        assert!(err.contains("characters"), "{err}");
    }
}
