//! Scoring the extractor against hand annotations (`tests/gold/`).
//!
//! A gold file annotates one document (matched by file name) with the
//! targets, deadlines, sections, unit names, genre and year a perfect
//! extractor would report, and with the numerals it must *not* report as
//! targets. Annotations quote the document's text (`text` + `occurrence`)
//! instead of giving offsets; [`locate`] turns a quote into a character
//! span of the decoded text, the same offsets as [`Span`].
//!
//! Figures are counted per document and micro-averaged (counts summed over
//! all documents before dividing):
//!
//! - **targets**: gold targets and predicted targets are matched one-to-one
//!   by overlapping spans (as many matches as possible, larger overlaps
//!   preferred). Optional gold targets are neutral: a prediction matched to
//!   one is neither a true nor a false positive, and they are not in the
//!   recall denominator. Value accuracy is over matched pairs.
//! - **not-targets reported**: share of `not_targets` that overlap any
//!   predicted target.
//! - **sections**: gold and predicted headings matched in order (longest
//!   common subsequence of normalised headings).
//! - **deadlines**: matched one-to-one by overlap like targets, optional ones
//!   neutral.
//! - **units**, **genre**, **year**: per document.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::input::{self, Input, Source};
use crate::model::{
    Change, Comparator, Deadline, Document, ErrorKind, FileError, Genre, Section, Span, Target,
    TargetKind, TargetMode,
};

/// How many entries of each list [`Scores::render_text`] prints.
pub const LIST_LIMIT: usize = 40;

/// Relative tolerance when comparing numeric values.
const VALUE_TOLERANCE: f64 = 1e-9;

// ---------------------------------------------------------------------------
// Gold annotations
// ---------------------------------------------------------------------------

/// One gold annotation file (format: `tests/gold/README.md`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    /// The file the annotation was read from (for messages); not in the JSON.
    #[serde(skip)]
    pub file: String,
    /// File name of the annotated document, e.g. `003_0d40b9ad88d90563.txt`.
    pub doc: String,
    pub genre: Genre,
    pub year: Option<i32>,
    #[serde(default)]
    pub units: Vec<GoldUnit>,
    #[serde(default)]
    pub sections: Vec<GoldSection>,
    #[serde(default)]
    pub targets: Vec<GoldTarget>,
    #[serde(default)]
    pub deadlines: Vec<GoldDeadline>,
    #[serde(default)]
    pub not_targets: Vec<GoldMention>,
}

/// A unit name: one answer (`null` when the document does not name its
/// unit), or a list of acceptable answers.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum GoldUnit {
    One(Option<String>),
    AnyOf(Vec<Option<String>>),
}

impl GoldUnit {
    /// Whether a predicted unit name is acceptable.
    pub fn accepts(&self, name: Option<&str>) -> bool {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        let same =
            |g: &Option<String>| g.as_deref().map(str::trim).filter(|n| !n.is_empty()) == name;
        match self {
            GoldUnit::One(g) => same(g),
            GoldUnit::AnyOf(list) => list.iter().any(same),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoldSection {
    pub label: Option<String>,
    pub heading: String,
    pub level: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoldTarget {
    pub text: String,
    #[serde(default = "first")]
    pub occurrence: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub kind: TargetKind,
    pub comparator: Comparator,
    #[serde(default = "level")]
    pub change: Change,
    pub mode: TargetMode,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDeadline {
    pub text: String,
    #[serde(default = "first")]
    pub occurrence: usize,
    pub by: Option<String>,
    #[serde(default)]
    pub optional: bool,
}

/// A quoted piece of text (used for `not_targets`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoldMention {
    pub text: String,
    #[serde(default = "first")]
    pub occurrence: usize,
}

fn first() -> usize {
    1
}

fn level() -> Change {
    Change::Level
}

impl Gold {
    /// Check the annotation against its document's decoded text: every
    /// quote is found, gold targets do not overlap, every section heading
    /// is in the text. Returns the problems found, each naming the file.
    pub fn check(&self, text: &str) -> Vec<String> {
        let idx = CharIndex::new(text);
        let mut problems = match self.resolve(&idx) {
            Ok(_) => Vec::new(),
            Err(p) => p,
        };
        let mut spans: Vec<(Span, &str)> = self
            .targets
            .iter()
            .filter_map(|t| {
                idx.locate(&t.text, t.occurrence)
                    .map(|s| (s, t.text.as_str()))
            })
            .collect();
        spans.sort_by_key(|(s, _)| (s.start, s.end));
        for w in spans.windows(2) {
            if w[1].0.start < w[0].0.end {
                problems.push(format!(
                    "{}: targets overlap: {:?} and {:?}",
                    self.file, w[0].1, w[1].1
                ));
            }
        }
        for (i, s) in self.sections.iter().enumerate() {
            if !s.heading.is_empty() && !text.contains(&s.heading) {
                problems.push(format!(
                    "{}: sections[{i}] heading not in document: {:?}",
                    self.file, s.heading
                ));
            }
        }
        problems
    }

    /// Turn every quote into a span of the document.
    fn resolve(&self, idx: &CharIndex) -> Result<Resolved<'_>, Vec<String>> {
        let mut problems = Vec::new();
        let mut find = |field: &str, i: usize, text: &str, occurrence: usize| {
            let span = idx.locate(text, occurrence);
            if span.is_none() {
                problems.push(format!(
                    "{}: {field}[{i}] {text:?}: occurrence {occurrence} not in document",
                    self.file
                ));
            }
            span
        };
        let targets: Vec<_> = self
            .targets
            .iter()
            .enumerate()
            .filter_map(|(i, t)| find("targets", i, &t.text, t.occurrence).map(|s| (s, t)))
            .collect();
        let deadlines: Vec<_> = self
            .deadlines
            .iter()
            .enumerate()
            .filter_map(|(i, d)| find("deadlines", i, &d.text, d.occurrence).map(|s| (s, d)))
            .collect();
        let not_targets: Vec<_> = self
            .not_targets
            .iter()
            .enumerate()
            .filter_map(|(i, m)| find("not_targets", i, &m.text, m.occurrence).map(|s| (s, m)))
            .collect();
        if problems.is_empty() {
            Ok(Resolved {
                targets,
                deadlines,
                not_targets,
            })
        } else {
            Err(problems)
        }
    }
}

/// A gold annotation with its quotes turned into spans.
struct Resolved<'g> {
    targets: Vec<(Span, &'g GoldTarget)>,
    deadlines: Vec<(Span, &'g GoldDeadline)>,
    not_targets: Vec<(Span, &'g GoldMention)>,
}

/// Parse one gold file. `file` names it in error messages.
pub fn parse_gold(file: &str, json: &str) -> Result<Gold, String> {
    let mut gold: Gold =
        serde_json::from_str(json).map_err(|e| format!("{file}: not a valid gold file: {e}"))?;
    gold.file = file.to_string();
    if gold.doc.trim().is_empty() {
        return Err(format!("{file}: `doc` is empty"));
    }
    let quotes = gold
        .targets
        .iter()
        .map(|t| ("targets", &t.text, t.occurrence))
        .chain(
            gold.deadlines
                .iter()
                .map(|d| ("deadlines", &d.text, d.occurrence)),
        )
        .chain(
            gold.not_targets
                .iter()
                .map(|m| ("not_targets", &m.text, m.occurrence)),
        );
    for (field, text, occurrence) in quotes {
        if text.is_empty() {
            return Err(format!("{file}: an entry of `{field}` has an empty `text`"));
        }
        if occurrence == 0 {
            return Err(format!(
                "{file}: {field} {text:?}: `occurrence` counts from 1"
            ));
        }
    }
    Ok(gold)
}

/// Read every `*.json` file of a folder, sorted by file name.
pub fn load_gold(dir: &Path) -> Result<Vec<Gold>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read gold folder {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read gold folder {}: {e}", dir.display()))?;
        let path = entry.path();
        let is_json = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!("no gold files (*.json) in {}", dir.display()));
    }
    let mut golds: Vec<Gold> = Vec::with_capacity(files.len());
    for path in files {
        let name = input::display_path(&path);
        let json =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {name}: {e}"))?;
        let gold = parse_gold(&name, &json)?;
        if let Some(other) = golds
            .iter()
            .find(|g| file_name(&g.doc) == file_name(&gold.doc))
        {
            return Err(format!(
                "{} and {} both annotate {}",
                other.file, gold.file, gold.doc
            ));
        }
        golds.push(gold);
    }
    Ok(golds)
}

/// The last component of a `/`- or `\`-separated path.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

// ---------------------------------------------------------------------------
// Quotes → spans
// ---------------------------------------------------------------------------

/// Byte offsets of a text's characters, to turn byte positions into
/// character offsets.
struct CharIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    fn new(text: &'t str) -> Self {
        CharIndex {
            text,
            starts: text.char_indices().map(|(i, _)| i).collect(),
        }
    }

    fn char_at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }

    fn locate(&self, needle: &str, occurrence: usize) -> Option<Span> {
        let byte = find_nth(self.text, needle, occurrence)?;
        let start = self.char_at(byte);
        Some(Span::new(start, start + needle.chars().count()))
    }
}

/// Byte position of the `n`-th (1-based) occurrence of `needle`, each search
/// starting one character after the previous match (so occurrences may
/// overlap), like repeated Python `str.find(needle, pos + 1)`.
fn find_nth(text: &str, needle: &str, n: usize) -> Option<usize> {
    if n == 0 || needle.is_empty() {
        return None;
    }
    let mut pos: Option<usize> = None;
    for _ in 0..n {
        let from = match pos {
            None => 0,
            Some(p) => p + text[p..].chars().next().map_or(1, char::len_utf8),
        };
        pos = Some(from + text.get(from..)?.find(needle)?);
    }
    pos
}

/// The character span of the `occurrence`-th (1-based) occurrence of
/// `needle` in `text`, as gold files quote text.
pub fn locate(text: &str, needle: &str, occurrence: usize) -> Option<Span> {
    CharIndex::new(text).locate(needle, occurrence)
}

// ---------------------------------------------------------------------------
// Reading the documents
// ---------------------------------------------------------------------------

/// Read, decode and extract every input under `paths` (files, or folders
/// walked for `.txt` files) and keep each document's decoded text, which
/// scoring needs to place the gold quotes. Sorted by path; inputs that
/// cannot be extracted are returned as errors.
pub fn read_documents(paths: &[PathBuf]) -> (Vec<(Document, String)>, Vec<FileError>) {
    let (inputs, mut errors) = input::collect(paths);
    let results: Vec<_> = inputs.par_iter().map(read_document).collect();
    let mut docs = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    docs.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (docs, errors)
}

fn read_document(input: &Input) -> Result<(Document, String), FileError> {
    let err = |kind, message: String| FileError {
        path: input.display.clone(),
        kind,
        message,
    };
    let Source::File(path) = &input.source else {
        return Err(err(
            ErrorKind::Io,
            "standard input cannot be scored: gold files are matched to documents by file name"
                .into(),
        ));
    };
    let doc = crate::run::extract_input(input)?;
    // The same bytes decoded the same way, for the text the spans index.
    let bytes =
        std::fs::read(path).map_err(|e| err(ErrorKind::Io, format!("cannot read file: {e}")))?;
    let text = crate::decode::decode(&bytes)
        .map_err(|e| err(e.kind, e.message))?
        .text;
    Ok((doc, text))
}

/// Read the gold folder, then score `docs` (documents with their decoded
/// text, as from [`read_documents`]) against it.
pub fn evaluate(gold_dir: &Path, docs: &[(Document, String)]) -> Result<Scores, String> {
    let golds = load_gold(gold_dir)?;
    score(&golds, docs)
}

// ---------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------

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
}

impl TargetCounts {
    fn add(&mut self, o: &TargetCounts) {
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
    fn add(&mut self, o: &SectionCounts) {
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
    fn add(&mut self, o: &DeadlineCounts) {
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

/// A piece of a document a developer should look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub text: String,
    pub span: Span,
    /// The text around it, the mention itself between `⟦` and `⟧`.
    pub context: String,
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

// ---------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------

/// Score documents (with their decoded texts) against gold annotations.
///
/// Each gold file is matched to the document with the same file name; a gold
/// file without exactly one such document, or whose quotes are not in the
/// document's text, is an error. Documents without gold are ignored.
pub fn score(golds: &[Gold], docs: &[(Document, String)]) -> Result<Scores, String> {
    let mut by_name: HashMap<&str, Vec<&(Document, String)>> = HashMap::new();
    for d in docs {
        by_name.entry(file_name(&d.0.path)).or_default().push(d);
    }
    let mut problems = Vec::new();
    let mut per_document = Vec::new();
    for gold in golds {
        let found = by_name.get(file_name(&gold.doc)).map_or(&[][..], |v| v);
        let (doc, text) = match found {
            [one] => (&one.0, &one.1),
            [] => {
                problems.push(format!(
                    "{}: document {} is not among the {} documents read",
                    gold.file,
                    gold.doc,
                    docs.len()
                ));
                continue;
            }
            many => {
                let paths: Vec<&str> = many.iter().map(|d| d.0.path.as_str()).collect();
                problems.push(format!(
                    "{}: document {} is ambiguous: {}",
                    gold.file,
                    gold.doc,
                    paths.join(", ")
                ));
                continue;
            }
        };
        match score_document(gold, doc, text) {
            Ok(s) => per_document.push(s),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    Ok(total(per_document))
}

/// Micro-average the per-document figures.
fn total(per_document: Vec<DocScores>) -> Scores {
    let mut targets = TargetCounts::default();
    let mut sections = SectionCounts::default();
    let mut deadlines = DeadlineCounts::default();
    let (mut nt, mut nt_reported) = (0, 0);
    let (mut unit_docs, mut unit_ok, mut unit_entries) = (0, 0, 0);
    let (mut genre_ok, mut year_ok) = (0, 0);
    for d in &per_document {
        targets.add(&d.targets.counts);
        sections.add(&d.sections.counts);
        deadlines.add(&d.deadlines.counts);
        nt += d.not_targets.den;
        nt_reported += d.not_targets.num;
        unit_docs += usize::from(d.units.matches);
        unit_ok += d.units.correct;
        unit_entries += d.units.entries;
        genre_ok += usize::from(d.genre_ok());
        year_ok += usize::from(d.year_ok());
    }
    let n = per_document.len();
    Scores {
        documents: n,
        targets: targets.into(),
        not_targets: Ratio::new(nt_reported, nt),
        sections: sections.into(),
        deadlines: deadlines.into(),
        units_documents: Ratio::new(unit_docs, n),
        unit_names: Ratio::new(unit_ok, unit_entries),
        genre: Ratio::new(genre_ok, n),
        year: Ratio::new(year_ok, n),
        per_document,
    }
}

fn score_document(gold: &Gold, doc: &Document, text: &str) -> Result<DocScores, Vec<String>> {
    let idx = CharIndex::new(text);
    if idx.starts.len() != doc.chars {
        return Err(vec![format!(
            "{}: the text of {} has {} characters but the document reports {}",
            gold.file,
            doc.path,
            idx.starts.len(),
            doc.chars
        )]);
    }
    let resolved = gold.resolve(&idx)?;
    let chars: Vec<char> = text.chars().collect();
    let quote = Quoter { chars: &chars };

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

/// Sort mentions into document order.
fn by_position(mentions: &mut [Mention]) {
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

/// Cuts mentions with their context out of a document's text.
struct Quoter<'a> {
    chars: &'a [char],
}

impl Quoter<'_> {
    fn mention(&self, text: &str, span: Span) -> Mention {
        Mention {
            text: text.to_string(),
            span,
            context: context(self.chars, span),
        }
    }
}

struct TargetOutcome {
    counts: TargetCounts,
    misses: Vec<Mention>,
    false_positives: Vec<Mention>,
    differences: Vec<TargetDiff>,
}

fn score_targets(
    gold: &[(Span, &GoldTarget)],
    predicted: &[&Target],
    quote: &Quoter,
) -> TargetOutcome {
    let gold_spans: Vec<Span> = gold.iter().map(|(s, _)| *s).collect();
    let optional: Vec<bool> = gold.iter().map(|(_, t)| t.optional).collect();
    let pred_spans: Vec<Span> = predicted.iter().map(|t| t.span).collect();
    let (gold_match, pred_match) = match_with_optional(&gold_spans, &optional, &pred_spans);
    let mut out = TargetOutcome {
        counts: TargetCounts {
            predicted: predicted.len(),
            ..TargetCounts::default()
        },
        misses: Vec::new(),
        false_positives: Vec::new(),
        differences: Vec::new(),
    };
    let c = &mut out.counts;
    for (&(span, g), m) in gold.iter().zip(&gold_match) {
        if g.optional {
            c.gold_optional += 1;
            c.matched_optional += usize::from(m.is_some());
            continue;
        }
        c.gold += 1;
        let Some(p) = m.and_then(|j| predicted.get(j)) else {
            out.misses.push(quote.mention(&g.text, span));
            continue;
        };
        c.matched += 1;
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
            show_opt(g.value_max),
            show_opt(p.value_max),
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
        if !differences.is_empty() {
            out.differences.push(TargetDiff {
                gold: quote.mention(&g.text, span),
                predicted_text: p.text.clone(),
                predicted_span: p.span,
                differences,
            });
        }
    }
    out.false_positives = predicted
        .iter()
        .zip(&pred_match)
        .filter(|(_, m)| m.is_none())
        .map(|(p, _)| quote.mention(&p.text, p.span))
        .collect();
    by_position(&mut out.misses);
    by_position(&mut out.false_positives);
    out
}

struct DeadlineOutcome {
    counts: DeadlineCounts,
    misses: Vec<Mention>,
    false_positives: Vec<Mention>,
    differences: Vec<DeadlineDiff>,
}

fn score_deadlines(
    gold: &[(Span, &GoldDeadline)],
    predicted: &[&Deadline],
    quote: &Quoter,
) -> DeadlineOutcome {
    let gold_spans: Vec<Span> = gold.iter().map(|(s, _)| *s).collect();
    let optional: Vec<bool> = gold.iter().map(|(_, d)| d.optional).collect();
    let pred_spans: Vec<Span> = predicted.iter().map(|d| d.span).collect();
    let (gold_match, pred_match) = match_with_optional(&gold_spans, &optional, &pred_spans);
    let mut out = DeadlineOutcome {
        counts: DeadlineCounts {
            predicted: predicted.len(),
            ..DeadlineCounts::default()
        },
        misses: Vec::new(),
        false_positives: Vec::new(),
        differences: Vec::new(),
    };
    let c = &mut out.counts;
    for (&(span, g), m) in gold.iter().zip(&gold_match) {
        if g.optional {
            c.gold_optional += 1;
            c.matched_optional += usize::from(m.is_some());
            continue;
        }
        c.gold += 1;
        let Some(p) = m.and_then(|j| predicted.get(j)) else {
            out.misses.push(quote.mention(&g.text, span));
            continue;
        };
        c.matched += 1;
        if p.by == g.by {
            c.by_ok += 1;
        } else {
            out.differences.push(DeadlineDiff {
                gold: quote.mention(&g.text, span),
                gold_by: g.by.clone(),
                predicted_text: p.text.clone(),
                predicted_by: p.by.clone(),
            });
        }
    }
    out.false_positives = predicted
        .iter()
        .zip(&pred_match)
        .filter(|(_, m)| m.is_none())
        .map(|(p, _)| quote.mention(&p.text, p.span))
        .collect();
    by_position(&mut out.misses);
    by_position(&mut out.false_positives);
    out
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

fn show_opt(v: Option<f64>) -> String {
    v.map_or_else(|| "null".to_string(), |v| v.to_string())
}

/// The serialized name of an enum value (`snake_case`).
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".into(),
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

/// Up to ten characters either side of a span, the span marked `⟦…⟧`, line
/// breaks shown as spaces.
fn context(chars: &[char], span: Span) -> String {
    const WIDTH: usize = 10;
    let end = span.end.min(chars.len());
    let start = span.start.min(end);
    let from = start.saturating_sub(WIDTH);
    let to = (end + WIDTH).min(chars.len());
    let piece = |a: usize, b: usize| -> String {
        chars[a..b]
            .iter()
            .map(|&c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect()
    };
    format!(
        "{}{}⟦{}⟧{}{}",
        if from > 0 { "…" } else { "" },
        piece(from, start),
        piece(start, end),
        piece(end, to),
        if to < chars.len() { "…" } else { "" }
    )
}

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Match gold spans to predicted spans: first the non-optional golds (as
/// many as possible), then the optional ones among the predictions left.
/// Returns, for each gold, its prediction, and for each prediction, its gold.
fn match_with_optional(
    gold: &[Span],
    optional: &[bool],
    pred: &[Span],
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut gold_match = vec![None; gold.len()];
    let mut pred_match = vec![None; pred.len()];
    for want_optional in [false, true] {
        let ids: Vec<usize> = (0..gold.len())
            .filter(|&i| optional.get(i).copied().unwrap_or(false) == want_optional)
            .collect();
        let spans: Vec<Span> = ids.iter().map(|&i| gold[i]).collect();
        let free: Vec<bool> = pred_match.iter().map(Option::is_none).collect();
        for (k, m) in match_spans(&spans, pred, &free).into_iter().enumerate() {
            if let Some(j) = m {
                gold_match[ids[k]] = Some(j);
                pred_match[j] = Some(ids[k]);
            }
        }
    }
    (gold_match, pred_match)
}

/// One-to-one matching of gold spans to the `free` predicted spans they
/// overlap, with as many pairs as possible: a greedy pass taking the largest
/// overlaps first, then augmenting paths for the golds it left unmatched.
fn match_spans(gold: &[Span], pred: &[Span], free: &[bool]) -> Vec<Option<usize>> {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); gold.len()];
    let mut candidates = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, p) in pred.iter().enumerate() {
            let ov = overlap(*g, *p);
            if ov > 0 && free.get(j).copied().unwrap_or(false) {
                candidates.push((Reverse(ov), i, j));
            }
        }
    }
    candidates.sort();
    for &(_, i, j) in &candidates {
        adj[i].push(j);
    }
    let mut gold_match: Vec<Option<usize>> = vec![None; gold.len()];
    let mut pred_match: Vec<Option<usize>> = vec![None; pred.len()];
    for &(_, i, j) in &candidates {
        if gold_match[i].is_none() && pred_match[j].is_none() {
            gold_match[i] = Some(j);
            pred_match[j] = Some(i);
        }
    }
    for i in 0..gold.len() {
        if gold_match[i].is_none() && !adj[i].is_empty() {
            let mut seen = vec![false; pred.len()];
            augment(i, &adj, &mut gold_match, &mut pred_match, &mut seen);
        }
    }
    gold_match
}

/// Find an augmenting path from unmatched gold `i` (Kuhn's algorithm).
fn augment(
    i: usize,
    adj: &[Vec<usize>],
    gold_match: &mut [Option<usize>],
    pred_match: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &j in &adj[i] {
        if seen[j] {
            continue;
        }
        seen[j] = true;
        let free = match pred_match[j] {
            None => true,
            Some(k) => augment(k, adj, gold_match, pred_match, seen),
        };
        if free {
            gold_match[i] = Some(j);
            pred_match[j] = Some(i);
            return true;
        }
    }
    false
}

/// Index pairs of a longest common subsequence of two lists.
fn lcs_pairs(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // suffix[i][j] = LCS length of a[i..] and b[j..]
    let mut suffix = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            suffix[i][j] = if a[i] == b[j] {
                suffix[i + 1][j + 1] + 1
            } else {
                suffix[i + 1][j].max(suffix[i][j + 1])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] && suffix[i][j] == suffix[i + 1][j + 1] + 1 {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if suffix[i + 1][j] >= suffix[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

// ---------------------------------------------------------------------------
// Text report
// ---------------------------------------------------------------------------

impl Scores {
    /// A summary table, one line per document, then the first
    /// [`LIST_LIMIT`] entries of each list of errors.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "zhibiao eval: {} documents\n", self.documents);
        let t = &self.targets;
        let s = &self.sections;
        let d = &self.deadlines;
        let rows: [(&str, &Ratio); 20] = [
            ("target precision", &t.precision),
            ("target recall", &t.recall),
            ("target value accuracy", &t.value_accuracy),
            ("  unit agreement", &t.unit_agreement),
            ("  kind agreement", &t.kind_agreement),
            ("  comparator agreement", &t.comparator_agreement),
            ("  change agreement", &t.change_agreement),
            ("  mode agreement", &t.mode_agreement),
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
            let genre = if doc.genre_ok() {
                "ok".to_string()
            } else {
                format!("{}≠{}", name(&doc.genre), name(&doc.predicted_genre))
            };
            let year = if doc.year_ok() {
                "ok".to_string()
            } else {
                format!("{}≠{}", show_year(doc.year), show_year(doc.predicted_year))
            };
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
                    .map(|n| n.clone().unwrap_or_else(|| "null".into()))
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
                    x.gold_by.as_deref().unwrap_or("null"),
                    x.predicted_by.as_deref().unwrap_or("null")
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

fn show_year(y: Option<i32>) -> String {
    y.map_or_else(|| "null".to_string(), |y| y.to_string())
}

fn show_gold_unit(u: &GoldUnit) -> String {
    let one = |n: &Option<String>| n.clone().unwrap_or_else(|| "null".into());
    match u {
        GoldUnit::One(n) => one(n),
        GoldUnit::AnyOf(list) => list.iter().map(one).collect::<Vec<_>>().join("|"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Goal, GoalMode, HeadingStyle, Measurability, NameSource, SectionRole, Unit,
    };
    use serde_json::json;

    fn span(text: &str, needle: &str, occurrence: usize) -> Span {
        locate(text, needle, occurrence).expect("test quote is in the text")
    }

    fn target(text: &str, needle: &str, occurrence: usize, value: f64) -> Target {
        Target {
            text: needle.to_string(),
            span: span(text, needle, occurrence),
            value,
            value_max: None,
            unit: "个".into(),
            object: None,
            metric: None,
            kind: TargetKind::Count,
            comparator: Comparator::Eq,
            change: Change::Level,
            mode: TargetMode::Target,
        }
    }

    fn deadline(text: &str, needle: &str, by: &str) -> Deadline {
        Deadline {
            text: needle.to_string(),
            span: span(text, needle, 1),
            by: Some(by.to_string()),
        }
    }

    fn section(heading: &str, level: u32, label: Option<&str>) -> Section {
        Section {
            id: format!("s-{heading}"),
            parent: None,
            level,
            label: label.map(str::to_string),
            style: HeadingStyle::ChineseNumeral,
            heading: heading.to_string(),
            heading_span: Span::new(0, 0),
            span: Span::new(0, 0),
            role: SectionRole::Plan,
            fields: Vec::new(),
        }
    }

    fn unit(
        name: Option<&str>,
        sections: Vec<Section>,
        targets: Vec<Target>,
        deadlines: Vec<Deadline>,
    ) -> Unit {
        Unit {
            id: "u1".into(),
            name: name.map(str::to_string),
            name_source: NameSource::Heading,
            heading: None,
            span: Span::new(0, 0),
            sections,
            goals: vec![Goal {
                id: "g1".into(),
                section: None,
                path: Vec::new(),
                label: None,
                title: None,
                text: String::new(),
                span: Span::new(0, 0),
                mode: GoalMode::Target,
                domain: crate::model::Domain::Other,
                measurability: Measurability::Quantified,
                measurability_reason: String::new(),
                targets,
                deadlines,
                commitments: Vec::new(),
            }],
        }
    }

    fn document(path: &str, text: &str, units: Vec<Unit>) -> (Document, String) {
        let doc = Document {
            id: "d".into(),
            path: path.to_string(),
            sha256: String::new(),
            bytes: text.len(),
            chars: text.chars().count(),
            encoding: "UTF-8".into(),
            title: None,
            issuer: None,
            published: None,
            year: Some(2021),
            genre: Genre::Plan,
            preamble: None,
            furniture: Vec::new(),
            units,
        };
        (doc, text.to_string())
    }

    /// A gold file for `doc`: plan, 2021, no units, plus `extra` fields.
    fn gold(doc: &str, extra: serde_json::Value) -> Gold {
        let mut g = json!({"doc": doc, "genre": "plan", "year": 2021});
        if let (Some(g), Some(extra)) = (g.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                g.insert(k.clone(), v.clone());
            }
        }
        parse_gold(&format!("{doc}.json"), &g.to_string()).expect("valid test gold")
    }

    fn gold_target(text: &str, occurrence: usize, value: f64, optional: bool) -> serde_json::Value {
        json!({"text": text, "occurrence": occurrence, "value": value, "value_max": null,
               "unit": "个", "kind": "count", "comparator": "eq", "change": "level",
               "mode": "target", "optional": optional})
    }

    fn score_one(g: Gold, d: (Document, String)) -> Scores {
        score(&[g], &[d]).expect("scores")
    }

    #[test]
    fn locate_counts_occurrences_like_python_find() {
        let text = "甲10个乙10个丙10个";
        assert_eq!(locate(text, "10个", 1), Some(Span::new(1, 4)));
        assert_eq!(locate(text, "10个", 2), Some(Span::new(5, 8)));
        assert_eq!(locate(text, "10个", 3), Some(Span::new(9, 12)));
        assert_eq!(locate(text, "10个", 4), None);
        // Each search starts one character after the previous match.
        assert_eq!(locate("aaaa", "aa", 2), Some(Span::new(1, 3)));
        assert_eq!(locate("aaaa", "aa", 3), Some(Span::new(2, 4)));
        assert_eq!(locate("aaaa", "aa", 4), None);
        assert_eq!(locate(text, "10个", 0), None);
        assert_eq!(locate(text, "", 1), None);
        assert_eq!(locate(text, "20个", 1), None);
    }

    #[test]
    fn offsets_are_in_characters_with_non_bmp_text() {
        // U+20000 and an emoji take four bytes in UTF-8 (two UTF-16 units).
        let text = "𠀀😀完成5个,𠀀年底5个";
        assert_eq!(locate(text, "5个", 1), Some(Span::new(4, 6)));
        assert_eq!(locate(text, "5个", 2), Some(Span::new(10, 12)));
        assert_eq!(locate(text, "年底", 1), Some(Span::new(8, 10)));
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("5个", 2, 5.0, false)],
                   "deadlines": [{"text": "年底", "occurrence": 1, "by": "2021-12-31"}]}),
        );
        let d = document(
            "a.txt",
            text,
            vec![unit(
                None,
                vec![],
                vec![Target {
                    span: Span::new(10, 12),
                    ..target(text, "5个", 2, 5.0)
                }],
                vec![Deadline {
                    text: "年底".into(),
                    span: Span::new(8, 10),
                    by: Some("2021-12-31".into()),
                }],
            )],
        );
        let s = score_one(g, d);
        assert_eq!(s.targets.recall, Ratio::new(1, 1));
        assert_eq!(s.targets.precision, Ratio::new(1, 1));
        assert_eq!(s.deadlines.recall, Ratio::new(1, 1));
        // Context is cut on characters too.
        let miss = context(&text.chars().collect::<Vec<_>>(), Span::new(4, 6));
        assert_eq!(miss, "𠀀😀完成⟦5个⟧,𠀀年底5个");
    }

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
        let d = document(
            "a.txt",
            text,
            vec![unit(
                None,
                vec![],
                vec![
                    target(text, "10个", 1, 10.0),
                    target(text, "百亿", 1, 1e10),
                    target(text, "2024年", 1, 2024.0),
                ],
                vec![],
            )],
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
        let d = document(
            "a.txt",
            text,
            vec![unit(
                None,
                vec![],
                vec![target(text, "1个", 1, 1.0)],
                vec![],
            )],
        );
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
        let d = document(
            "a.txt",
            text,
            vec![unit(
                None,
                vec![],
                vec![target(text, "10个", 1, 10.0), target(text, "项目", 1, 10.0)],
                vec![],
            )],
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
    fn matching_finds_the_most_pairs() {
        // Greedy alone pairs g0 with p0 (overlap 5) and leaves g1 alone.
        let gold = [Span::new(0, 6), Span::new(6, 8)];
        let pred = [Span::new(1, 7), Span::new(0, 1)];
        assert_eq!(match_spans(&gold, &pred, &[true, true]), [Some(1), Some(0)]);
        // With one candidate each, the larger overlap wins.
        let gold = [Span::new(0, 4)];
        let pred = [Span::new(0, 1), Span::new(0, 4)];
        assert_eq!(match_spans(&gold, &pred, &[true, true]), [Some(1)]);
        // Predictions not free are not used.
        assert_eq!(match_spans(&gold, &pred, &[true, false]), [Some(0)]);
        // Empty spans overlap nothing.
        assert_eq!(
            match_spans(&[Span::new(2, 2)], &[Span::new(0, 4)], &[true]),
            [None]
        );
    }

    #[test]
    fn optional_gold_does_not_take_a_prediction_a_required_one_needs() {
        let gold = [Span::new(0, 3), Span::new(3, 9)];
        let pred = [Span::new(2, 9)];
        let (g, p) = match_with_optional(&gold, &[false, true], &pred);
        assert_eq!(g, [Some(0), None]);
        assert_eq!(p, [Some(0)]);
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
        let d = document(
            "a.txt",
            text,
            vec![unit(
                None,
                vec![],
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
            )],
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
        let d = document(
            "a.txt",
            text,
            vec![unit(
                None,
                vec![],
                vec![target(text, "302", 1, 302.0), target(text, "5个", 1, 5.0)],
                vec![],
            )],
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
        let d = document(
            "a.txt",
            text,
            vec![unit(
                None,
                vec![],
                vec![],
                vec![
                    deadline(text, "2021年", "2021-12-31"),
                    deadline(text, "2月底", "2021-02-28"),
                    deadline(text, "6月底", "2021-06-31"),
                    deadline(text, "年底", "2021-12-31"),
                ],
            )],
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
    fn figures_are_micro_averaged_and_genre_year_per_document() {
        let a_text = "完成10个";
        let b_text = "完成1个、2个、3个";
        let a = gold(
            "a.txt",
            json!({"targets": [gold_target("10个", 1, 10.0, false)]}),
        );
        let b = gold(
            "b.txt",
            json!({"genre": "report", "year": 2021, "targets": [
                gold_target("1个", 1, 1.0, false),
                gold_target("2个", 1, 2.0, false),
                gold_target("3个", 1, 3.0, false),
            ]}),
        );
        let docs = [
            document(
                "a.txt",
                a_text,
                vec![unit(
                    None,
                    vec![],
                    vec![target(a_text, "10个", 1, 10.0)],
                    vec![],
                )],
            ),
            document("b.txt", b_text, vec![]),
        ];
        let s = score(&[a, b], &docs).expect("scores");
        assert_eq!(s.documents, 2);
        // 1 of 4 gold targets, not the mean of 1/1 and 0/3.
        assert_eq!(s.targets.recall, Ratio::new(1, 4));
        assert_eq!(s.per_document[1].targets.recall, Ratio::new(0, 3));
        assert_eq!(s.per_document[1].targets.precision.value, None);
        assert_eq!(s.genre, Ratio::new(1, 2));
        assert_eq!(s.year, Ratio::new(2, 2));
        assert!(!s.per_document[1].genre_ok());
    }

    #[test]
    fn documents_are_matched_by_file_name() {
        let g = gold("sub/a.txt", json!({}));
        let docs = [
            document("corpus/2021/a.txt", "甲", vec![]),
            document("b.txt", "乙", vec![]),
        ];
        let s = score(&[g], &docs).expect("scores");
        assert_eq!(s.documents, 1);
        assert_eq!(s.per_document[0].path, "corpus/2021/a.txt");
    }

    #[test]
    fn gold_without_its_document_is_an_error() {
        let err = score(
            &[gold("a.txt", json!({}))],
            &[document("b.txt", "乙", vec![])],
        )
        .expect_err("missing document");
        assert!(err.contains("a.txt.json"), "{err}");
        assert!(err.contains("a.txt is not among"), "{err}");
        let two = [
            document("x/a.txt", "甲", vec![]),
            document("y/a.txt", "甲", vec![]),
        ];
        let err = score(&[gold("a.txt", json!({}))], &two).expect_err("ambiguous");
        assert!(err.contains("ambiguous"), "{err}");
    }

    #[test]
    fn quote_not_in_document_is_an_error() {
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("10个", 2, 10.0, false)],
                   "not_targets": [{"text": "302省道", "occurrence": 1}]}),
        );
        let err = score(&[g], &[document("a.txt", "完成10个", vec![])]).expect_err("bad quote");
        assert!(err.contains("targets[0] \"10个\": occurrence 2"), "{err}");
        assert!(err.contains("not_targets[0]"), "{err}");
    }

    #[test]
    fn text_that_is_not_the_documents_is_an_error() {
        let (doc, _) = document("a.txt", "完成10个", vec![]);
        let err =
            score(&[gold("a.txt", json!({}))], &[(doc, "完成".into())]).expect_err("text mismatch");
        assert!(err.contains("characters"), "{err}");
    }

    #[test]
    fn bad_gold_files_are_reported_with_their_name() {
        let err = parse_gold("tests/gold/x.json", "{").expect_err("bad json");
        assert!(err.starts_with("tests/gold/x.json:"), "{err}");
        let typo = r#"{"doc": "a.txt", "genre": "plan", "year": 2021,
                       "targets": [{"text": "5个", "occurence": 2, "value": 5, "value_max": null,
                                    "unit": "个", "kind": "count", "comparator": "eq",
                                    "mode": "target"}]}"#;
        let err = parse_gold("x.json", typo).expect_err("unknown field");
        assert!(err.contains("occurence"), "{err}");
        let bad_kind = json!({"doc": "a.txt", "genre": "plan", "year": 2021,
            "targets": [{"text": "5个", "value": 5, "value_max": null, "unit": "个",
                         "kind": "heap", "comparator": "eq", "mode": "target"}]});
        assert!(parse_gold("x.json", &bad_kind.to_string()).is_err());
        let zero = json!({"doc": "a.txt", "genre": "plan", "year": 2021,
            "not_targets": [{"text": "5个", "occurrence": 0}]});
        let err = parse_gold("x.json", &zero.to_string()).expect_err("occurrence 0");
        assert!(err.contains("counts from 1"), "{err}");
        // Defaults: occurrence 1, change level, optional false.
        let g = gold(
            "a.txt",
            json!({"targets": [{"text": "5个", "value": 5, "value_max": null, "unit": "个",
                                "kind": "count", "comparator": "eq", "mode": "target"}]}),
        );
        assert_eq!(g.targets[0].occurrence, 1);
        assert_eq!(g.targets[0].change, Change::Level);
        assert!(!g.targets[0].optional);
    }

    #[test]
    fn load_gold_reads_a_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, body: &str| {
            std::fs::write(dir.path().join(name), body).expect("write");
        };
        let err = load_gold(dir.path()).expect_err("empty folder");
        assert!(err.contains("no gold files"), "{err}");
        write(
            "b.json",
            r#"{"doc": "b.txt", "genre": "plan", "year": 2021}"#,
        );
        write(
            "a.json",
            r#"{"doc": "a.txt", "genre": "report", "year": null}"#,
        );
        write("notes.md", "not gold");
        let golds = load_gold(dir.path()).expect("gold");
        let docs: Vec<&str> = golds.iter().map(|g| g.doc.as_str()).collect();
        assert_eq!(docs, ["a.txt", "b.txt"]);
        assert!(golds[0].file.ends_with("a.json"));
        write(
            "c.json",
            r#"{"doc": "a.txt", "genre": "plan", "year": 2021}"#,
        );
        let err = load_gold(dir.path()).expect_err("duplicate");
        assert!(err.contains("both annotate a.txt"), "{err}");
        std::fs::remove_file(dir.path().join("c.json")).expect("remove");
        write("d.json", r#"{"doc": "d.txt", "genre": "plan""#);
        let err = load_gold(dir.path()).expect_err("bad json");
        assert!(err.contains("d.json"), "{err}");
        let err = load_gold(&dir.path().join("missing")).expect_err("no folder");
        assert!(err.contains("cannot read gold folder"), "{err}");
    }

    #[test]
    fn check_ports_the_validator() {
        let text = "完成10个项目,新增3家";
        let g = gold(
            "a.txt",
            json!({
                "targets": [gold_target("10个项目", 1, 10.0, false),
                            gold_target("项目", 1, 1.0, false),
                            gold_target("3家", 2, 3.0, false)],
                "sections": [{"label": null, "heading": "不在文中", "level": 1},
                             {"label": null, "heading": "", "level": 1}],
            }),
        );
        let problems = g.check(text);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("targets[2] \"3家\": occurrence 2 not in document"));
        assert!(problems[1].contains("targets overlap"));
        assert!(problems[2].contains("sections[0] heading not in document"));
        let ok = gold(
            "a.txt",
            json!({"targets": [gold_target("3家", 1, 3.0, false)]}),
        );
        assert!(ok.check(text).is_empty());
    }

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
        let d = document(
            "a.txt",
            text,
            vec![unit(
                None,
                vec![],
                vec![target(text, "10个", 1, 10.0)],
                vec![],
            )],
        );
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

    #[test]
    fn scores_serialize_with_values() {
        let text = "完成10个";
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("10个", 1, 10.0, false)]}),
        );
        let s = score_one(g, document("a.txt", text, vec![]));
        let v = serde_json::to_value(&s).expect("json");
        assert_eq!(v["targets"]["recall"]["value"], json!(0.0));
        assert_eq!(v["targets"]["precision"]["value"], json!(null));
        assert_eq!(
            v["per_document"][0]["target_misses"][0]["text"],
            json!("10个")
        );
        assert_eq!(v["per_document"][0]["genre"], json!("plan"));
    }
}
