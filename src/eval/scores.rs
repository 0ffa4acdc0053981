//! The figures an evaluation produces: counts, the shares derived from them,
//! and the lists of mentions a developer should look at. Plain data, so the
//! JSON output is these types serialized.

use serde::Serialize;

use super::gold::GoldUnit;
use super::quote::Mention;
use crate::model::{Genre, Span};

/// A share: `num / den`, with `value` null when `den` is 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub num: usize,
    pub den: usize,
    pub value: Option<f64>,
}

impl Ratio {
    pub fn new(num: usize, den: usize) -> Self {
        Ratio {
            num,
            den,
            value: (den > 0).then(|| num as f64 / den as f64),
        }
    }

    /// The value, or `empty` when nothing was counted.
    pub fn value_or(&self, empty: f64) -> f64 {
        self.value.unwrap_or(empty)
    }
}

/// Target counts of one document or of all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TargetCounts {
    /// Non-optional gold targets.
    pub gold: usize,
    /// Optional gold targets.
    pub gold_optional: usize,
    pub predicted: usize,
    /// Predictions matched to non-optional gold targets.
    pub matched: usize,
    /// Predictions matched to optional gold targets (neutral).
    pub matched_optional: usize,
    /// Matched pairs with equal `value` and `value_max`.
    pub value_ok: usize,
    pub unit_ok: usize,
    pub kind_ok: usize,
    pub comparator_ok: usize,
    pub change_ok: usize,
    pub mode_ok: usize,
    /// Matched pairs whose gold target says what it measures (`what`).
    pub what_gold: usize,
    /// Of those, pairs where the prediction has a `what`.
    pub what_given: usize,
    /// Of those, pairs where the predicted `what` equals, contains or is
    /// contained in the gold phrase.
    pub what_ok: usize,
}

impl TargetCounts {
    pub(super) fn add(&mut self, o: &TargetCounts) {
        self.gold += o.gold;
        self.gold_optional += o.gold_optional;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.matched_optional += o.matched_optional;
        self.value_ok += o.value_ok;
        self.unit_ok += o.unit_ok;
        self.kind_ok += o.kind_ok;
        self.comparator_ok += o.comparator_ok;
        self.change_ok += o.change_ok;
        self.mode_ok += o.mode_ok;
        self.what_gold += o.what_gold;
        self.what_given += o.what_given;
        self.what_ok += o.what_ok;
    }
}

/// Target figures: the counts and the shares derived from them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TargetScores {
    pub counts: TargetCounts,
    /// matched / (predicted − matched_optional).
    pub precision: Ratio,
    /// matched / gold.
    pub recall: Ratio,
    /// value_ok / matched.
    pub value_accuracy: Ratio,
    /// The other attributes, over matched pairs (informational).
    pub unit_agreement: Ratio,
    pub kind_agreement: Ratio,
    pub comparator_agreement: Ratio,
    pub change_agreement: Ratio,
    pub mode_agreement: Ratio,
    /// what_ok / what_gold: `what` right over matched targets with a gold `what`.
    pub what_right: Ratio,
    /// what_given / what_gold: a `what` given at all.
    pub what_given: Ratio,
}

impl From<TargetCounts> for TargetScores {
    fn from(c: TargetCounts) -> Self {
        TargetScores {
            counts: c,
            precision: Ratio::new(c.matched, c.predicted.saturating_sub(c.matched_optional)),
            recall: Ratio::new(c.matched, c.gold),
            value_accuracy: Ratio::new(c.value_ok, c.matched),
            unit_agreement: Ratio::new(c.unit_ok, c.matched),
            kind_agreement: Ratio::new(c.kind_ok, c.matched),
            comparator_agreement: Ratio::new(c.comparator_ok, c.matched),
            change_agreement: Ratio::new(c.change_ok, c.matched),
            mode_agreement: Ratio::new(c.mode_ok, c.matched),
            what_right: Ratio::new(c.what_ok, c.what_gold),
            what_given: Ratio::new(c.what_given, c.what_gold),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SectionCounts {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    /// Matched pairs with the same level.
    pub level_ok: usize,
    /// Matched pairs with the same label (both null counts as the same).
    pub label_ok: usize,
}

impl SectionCounts {
    pub(super) fn add(&mut self, o: &SectionCounts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.level_ok += o.level_ok;
        self.label_ok += o.label_ok;
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct SectionScores {
    pub counts: SectionCounts,
    /// matched / gold.
    pub recall: Ratio,
    /// matched / predicted (informational).
    pub precision: Ratio,
    /// level_ok / matched.
    pub level_accuracy: Ratio,
    /// label_ok / matched.
    pub label_agreement: Ratio,
}

impl From<SectionCounts> for SectionScores {
    fn from(c: SectionCounts) -> Self {
        SectionScores {
            counts: c,
            recall: Ratio::new(c.matched, c.gold),
            precision: Ratio::new(c.matched, c.predicted),
            level_accuracy: Ratio::new(c.level_ok, c.matched),
            label_agreement: Ratio::new(c.label_ok, c.matched),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DeadlineCounts {
    /// Non-optional gold deadlines.
    pub gold: usize,
    pub gold_optional: usize,
    pub predicted: usize,
    /// Predictions matched to non-optional gold deadlines.
    pub matched: usize,
    /// Predictions matched to optional gold deadlines (neutral).
    pub matched_optional: usize,
    /// Matched pairs with the same `by`.
    pub by_ok: usize,
}

impl DeadlineCounts {
    pub(super) fn add(&mut self, o: &DeadlineCounts) {
        self.gold += o.gold;
        self.gold_optional += o.gold_optional;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.matched_optional += o.matched_optional;
        self.by_ok += o.by_ok;
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct DeadlineScores {
    pub counts: DeadlineCounts,
    /// matched / gold.
    pub recall: Ratio,
    /// matched / (predicted − matched_optional) (informational).
    pub precision: Ratio,
    /// by_ok / matched.
    pub by_accuracy: Ratio,
}

impl From<DeadlineCounts> for DeadlineScores {
    fn from(c: DeadlineCounts) -> Self {
        DeadlineScores {
            counts: c,
            recall: Ratio::new(c.matched, c.gold),
            precision: Ratio::new(c.matched, c.predicted.saturating_sub(c.matched_optional)),
            by_accuracy: Ratio::new(c.by_ok, c.matched),
        }
    }
}

/// A matched gold/predicted target pair that disagrees on some attribute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetDiff {
    pub gold: Mention,
    pub predicted_text: String,
    pub predicted_span: Span,
    /// `field: gold ≠ predicted`, one per differing attribute.
    pub differences: Vec<String>,
}

/// A matched gold/predicted deadline pair with a different `by`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineDiff {
    pub gold: Mention,
    pub gold_by: Option<String>,
    pub predicted_text: String,
    pub predicted_by: Option<String>,
}

/// A gold section not found among the predictions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionMiss {
    pub label: Option<String>,
    pub heading: String,
    pub level: u32,
}

/// A predicted section with no gold counterpart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionExtra {
    pub label: Option<String>,
    pub heading: String,
    pub level: u32,
    pub span: Span,
}

/// Matched sections that disagree on level or label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionDiff {
    pub heading: String,
    pub gold_label: Option<String>,
    pub predicted_label: Option<String>,
    pub gold_level: u32,
    pub predicted_level: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitDetail {
    pub gold: Vec<GoldUnit>,
    pub predicted: Vec<Option<String>>,
    /// Same number of units, every name acceptable.
    pub matches: bool,
    /// Positions whose predicted name is acceptable.
    pub correct: usize,
    /// The longer of the gold and predicted lists.
    pub entries: usize,
}

/// Everything measured on one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocScores {
    /// The gold file's `doc`.
    pub doc: String,
    /// The matched document's path.
    pub path: String,
    pub gold_file: String,
    pub genre: Genre,
    pub predicted_genre: Genre,
    pub year: Option<i32>,
    pub predicted_year: Option<i32>,
    pub units: UnitDetail,
    pub targets: TargetScores,
    /// reported / total `not_targets`.
    pub not_targets: Ratio,
    pub sections: SectionScores,
    pub deadlines: DeadlineScores,
    /// Non-optional gold targets no prediction overlaps.
    pub target_misses: Vec<Mention>,
    /// Predicted targets matched to no gold target.
    pub target_false_positives: Vec<Mention>,
    pub target_differences: Vec<TargetDiff>,
    /// `not_targets` reported as targets.
    pub not_targets_reported: Vec<Mention>,
    pub section_misses: Vec<SectionMiss>,
    pub section_extras: Vec<SectionExtra>,
    pub section_differences: Vec<SectionDiff>,
    /// Non-optional gold deadlines no prediction overlaps.
    pub deadline_misses: Vec<Mention>,
    /// Predicted deadlines matched to no gold deadline.
    pub deadline_false_positives: Vec<Mention>,
    pub deadline_differences: Vec<DeadlineDiff>,
}

impl DocScores {
    pub fn genre_ok(&self) -> bool {
        self.genre == self.predicted_genre
    }
    pub fn year_ok(&self) -> bool {
        self.year == self.predicted_year
    }
}

/// The result of an evaluation: micro-averaged figures, then per document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub documents: usize,
    pub targets: TargetScores,
    /// Share of `not_targets` reported as targets.
    pub not_targets: Ratio,
    pub sections: SectionScores,
    pub deadlines: DeadlineScores,
    /// Documents whose unit names all match.
    pub units_documents: Ratio,
    /// Unit names right, over the longer of the gold and predicted lists.
    pub unit_names: Ratio,
    pub genre: Ratio,
    pub year: Ratio,
    pub per_document: Vec<DocScores>,
}

/// The quality an annotated set must keep. [`Floors::REQUIRED`] are the
/// floors the project holds on every set it measures; the tests of each set
/// use them, so there is one place to raise them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Floors {
    pub target_precision: f64,
    pub target_recall: f64,
    pub value_accuracy: f64,
    pub section_recall: f64,
    pub deadline_recall: f64,
    /// Highest share of annotated non-targets that may be reported.
    pub max_not_targets: f64,
    /// Lowest share of documents whose unit names all match.
    pub unit_documents: f64,
    /// `what` right, over matched targets with a gold `what`.
    pub what_right: f64,
    /// `what` given, over matched targets with a gold `what`.
    pub what_given: f64,
}

impl Floors {
    pub const REQUIRED: Floors = Floors {
        target_precision: 0.95,
        target_recall: 0.95,
        value_accuracy: 0.95,
        section_recall: 0.90,
        deadline_recall: 0.85,
        max_not_targets: 0.02,
        unit_documents: 1.0,
        what_right: 0.90,
        what_given: 0.95,
    };
}

impl Scores {
    /// Every figure below its floor, as a readable line; empty when all hold.
    pub fn shortfalls(&self, f: &Floors) -> Vec<String> {
        let show = |r: &Ratio| match r.value {
            Some(v) => format!("{v:.3} ({}/{})", r.num, r.den),
            None => format!("n/a ({}/{})", r.num, r.den),
        };
        let mut out = Vec::new();
        let mut at_least = |what: &str, r: &Ratio, floor: f64| {
            if r.value.is_none_or(|v| v < floor) {
                out.push(format!("{what}: {} is below {floor}", show(r)));
            }
        };
        at_least(
            "target precision",
            &self.targets.precision,
            f.target_precision,
        );
        at_least("target recall", &self.targets.recall, f.target_recall);
        at_least(
            "target value accuracy",
            &self.targets.value_accuracy,
            f.value_accuracy,
        );
        at_least("section recall", &self.sections.recall, f.section_recall);
        at_least("deadline recall", &self.deadlines.recall, f.deadline_recall);
        at_least("what right", &self.targets.what_right, f.what_right);
        at_least("what given", &self.targets.what_given, f.what_given);
        if self.not_targets.value_or(0.0) > f.max_not_targets {
            out.push(format!(
                "not-targets reported: {} is above {}",
                show(&self.not_targets),
                f.max_not_targets
            ));
        }
        if self.units_documents.value_or(1.0) < f.unit_documents {
            for d in self.per_document.iter().filter(|d| !d.units.matches) {
                out.push(format!(
                    "{}: units {}, expected {}",
                    d.doc,
                    serde_json::to_string(&d.units.predicted).unwrap_or_default(),
                    serde_json::to_string(&d.units.gold).unwrap_or_default()
                ));
            }
        }
        out
    }
}
