//! `zhibiao audit`: which goals can be checked at year end?
//!
//! A performance office needs to know, for every document, unit and policy
//! domain, how many goals carry a number (quantified), a yes/no commitment
//! (binary) or neither (vague), and which plan goals those are. This module
//! builds that report from extracted [`Document`]s with pure functions; the
//! renderers (terminal table, CSV, JSON, Markdown, HTML) live in the
//! submodules and only format what [`AuditReport`] already holds.
//!
//! Plan goals (mode `target`) and achievements (mode `achievement`) are
//! always counted apart: an achievement is reported as done, so it is not
//! something to check at year end.

mod csv_out;
pub use csv_out::BOM;
mod grid;
pub(crate) mod html;
mod markdown;
pub(crate) mod table;

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthChar;

use crate::model::{Document, Domain, Goal, GoalMode, Measurability, Unit};

/// How many characters of a goal's text the lists show.
pub const OPENING_CHARS: usize = 30;

/// Output formats of `zhibiao audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    /// Aligned plain-text tables for a terminal.
    Table,
    /// One row per goal, UTF-8 with a byte-order mark for Excel.
    Csv,
    /// The report model.
    Json,
    /// Markdown tables.
    Md,
    /// One self-contained HTML page with a chart.
    Html,
}

/// Goals counted by measurability.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub quantified: usize,
    pub binary: usize,
    pub vague: usize,
    pub total: usize,
}

impl Counts {
    fn add(&mut self, m: Measurability) {
        match m {
            Measurability::Quantified => self.quantified += 1,
            Measurability::Binary => self.binary += 1,
            Measurability::Vague => self.vague += 1,
        }
        self.total += 1;
    }

    pub fn get(&self, m: Measurability) -> usize {
        match m {
            Measurability::Quantified => self.quantified,
            Measurability::Binary => self.binary,
            Measurability::Vague => self.vague,
        }
    }

    /// Share of the total with this measurability, 0 when there are no goals.
    pub fn share(&self, m: Measurability) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.get(m) as f64 / self.total as f64
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.quantified += o.quantified;
        self.binary += o.binary;
        self.vague += o.vague;
        self.total += o.total;
    }
}

/// Plan goals and achievements, counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Goals to be reached (mode `target`).
    pub plan: Counts,
    /// Goals reported as reached (mode `achievement`).
    pub achievement: Counts,
}

impl Tally {
    fn add(&mut self, g: &Goal) {
        match g.mode {
            GoalMode::Target => self.plan.add(g.measurability),
            GoalMode::Achievement => self.achievement.add(g.measurability),
            // Descriptions of the situation are neither plans nor results.
            GoalMode::Context => {}
        }
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.plan += o.plan;
        self.achievement += o.achievement;
    }
}

/// One document's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRow {
    /// The document's path, as in the extraction.
    pub document: String,
    pub title: Option<String>,
    pub units: usize,
    pub goals: Tally,
}

/// One unit's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRow {
    pub document: String,
    /// The unit's name, or `（未命名单位 N）` (N counting from 1 in its document).
    pub unit: String,
    pub unit_id: String,
    pub goals: Tally,
}

/// One domain's figures over the whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainRow {
    pub domain: Domain,
    /// Chinese name of the domain ([`Domain::zh`]).
    pub domain_zh: String,
    pub goals: Tally,
}

/// One goal, as the lists and the CSV show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalRow {
    pub document: String,
    pub unit: String,
    pub goal_id: String,
    /// The goal's `path` without the unit name in front and without the
    /// goal's own label at the end: the section headings it sits under.
    pub section_path: Vec<String>,
    pub label: Option<String>,
    pub mode: GoalMode,
    pub domain: Domain,
    pub measurability: Measurability,
    /// Why, as the extractor words it (English): `target: 3个`,
    /// `commitment: 不发生…`, `no number, no commitment, no deadline`, …
    /// The tables show it in Chinese (`reason_zh`).
    pub reason: String,
    pub targets: usize,
    pub deadlines: usize,
    /// The first [`OPENING_CHARS`] characters of the text, on one line,
    /// with `…` when cut.
    pub opening: String,
}

impl GoalRow {
    /// The section path joined for one cell.
    pub fn section(&self) -> String {
        self.section_path.join(" > ")
    }

    fn is_plan(&self) -> bool {
        self.mode == GoalMode::Target
    }
}

/// The measurability audit of a set of documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditReport {
    /// Over all documents.
    pub totals: Tally,
    /// Vague plan goals / all plan goals, 0 when there are no plan goals.
    pub vague_plan_share: f64,
    /// In the order given (an extraction sorts them by path).
    pub documents: Vec<DocumentRow>,
    /// Every unit of every document, in document order.
    pub units: Vec<UnitRow>,
    /// Domains that have at least one goal, in [`Domain::ALL`] order.
    pub domains: Vec<DomainRow>,
    /// Plan goals with neither a number nor a yes/no commitment.
    pub vague_plan_goals: Vec<GoalRow>,
    /// Plan goals with a number but no deadline: measurable, not time-bound.
    pub quantified_without_deadline: Vec<GoalRow>,
    /// Every goal, plans and achievements, in document order.
    pub goals: Vec<GoalRow>,
}

/// One document's share of an [`AuditReport`]: its row, its units' rows and
/// its goals' rows. Made where the document was extracted and handed to
/// [`AuditBuilder::add`], so a report over thousands of documents holds
/// their rows, never the documents, and a huge document's goals can be
/// counted as they are made ([`DocumentAudit::of_deferred`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentAudit {
    document: DocumentRow,
    units: Vec<UnitRow>,
    goals: Vec<GoalRow>,
    by_domain: [Tally; Domain::ALL.len()],
}

impl DocumentAudit {
    /// The audit of a whole document.
    pub fn of(d: &Document) -> Self {
        let mut a = DocumentAudit::begin(d);
        for (i, u) in d.units.iter().enumerate() {
            a.add_unit(d, i, u, u.goals.iter());
        }
        a
    }

    /// The audit of a document written goal by goal: each goal is made,
    /// counted and let go. The same as [`DocumentAudit::of`] the whole
    /// document.
    pub fn of_deferred(d: &crate::Deferred<'_>) -> Self {
        let doc = d.document();
        let mut a = DocumentAudit::begin(doc);
        for (i, u) in doc.units.iter().enumerate() {
            a.add_unit(doc, i, u, d.goals(i));
        }
        a
    }

    /// The audit of a document as [`crate::run::read_extracted`] gives it.
    pub fn of_extracted(e: &crate::run::Extracted<'_>) -> Self {
        match e {
            crate::run::Extracted::Whole(d) => DocumentAudit::of(d),
            crate::run::Extracted::Deferred(d) => DocumentAudit::of_deferred(d),
        }
    }

    fn begin(d: &Document) -> Self {
        DocumentAudit {
            document: DocumentRow {
                document: d.path.clone(),
                title: d.title.as_ref().map(|t| one_line(&t.text)),
                units: d.units.len(),
                goals: Tally::default(),
            },
            units: Vec::with_capacity(d.units.len()),
            goals: Vec::new(),
            by_domain: [Tally::default(); Domain::ALL.len()],
        }
    }

    /// Count unit `u` (the `index`th of `d`) with its goals.
    fn add_unit<G: std::borrow::Borrow<Goal>>(
        &mut self,
        d: &Document,
        index: usize,
        u: &Unit,
        goals: impl Iterator<Item = G>,
    ) {
        let unit = unit_name(u, index);
        let mut tally = Tally::default();
        for g in goals {
            let g = g.borrow();
            tally.add(g);
            if let Some(slot) = Domain::ALL.iter().position(|x| *x == g.domain) {
                self.by_domain[slot].add(g);
            }
            self.goals.push(goal_row(d, u, &unit, g));
        }
        self.document.goals += tally;
        self.units.push(UnitRow {
            document: d.path.clone(),
            unit,
            unit_id: u.id.clone(),
            goals: tally,
        });
    }
}

impl Extend<DocumentAudit> for AuditBuilder {
    fn extend<I: IntoIterator<Item = DocumentAudit>>(&mut self, audits: I) {
        for a in audits {
            self.add(a);
        }
    }
}

/// An [`AuditReport`] put together one document at a time, in the order
/// the documents are to be listed.
#[derive(Debug, Clone, Default)]
pub struct AuditBuilder {
    report: AuditReport,
    by_domain: [Tally; Domain::ALL.len()],
}

impl AuditBuilder {
    pub fn new() -> Self {
        AuditBuilder::default()
    }

    /// Add the next document.
    pub fn add(&mut self, a: DocumentAudit) {
        let r = &mut self.report;
        r.totals += a.document.goals;
        r.documents.push(a.document);
        r.units.extend(a.units);
        r.goals.extend(a.goals);
        for (t, o) in self.by_domain.iter_mut().zip(a.by_domain) {
            *t += o;
        }
    }

    /// The number of documents added.
    pub fn documents(&self) -> usize {
        self.report.documents.len()
    }

    /// The report, with its domain table and goal lists.
    pub fn finish(self) -> AuditReport {
        let mut report = self.report;
        report.domains = Domain::ALL
            .iter()
            .zip(self.by_domain)
            .filter(|(_, t)| t.plan.total + t.achievement.total > 0)
            .map(|(d, t)| DomainRow {
                domain: *d,
                domain_zh: d.zh().to_string(),
                goals: t,
            })
            .collect();
        report.vague_plan_goals = report
            .goals
            .iter()
            .filter(|g| g.is_plan() && g.measurability == Measurability::Vague)
            .cloned()
            .collect();
        report.quantified_without_deadline = report
            .goals
            .iter()
            .filter(|g| {
                g.is_plan() && g.measurability == Measurability::Quantified && g.deadlines == 0
            })
            .cloned()
            .collect();
        report.vague_plan_share = report.totals.plan.share(Measurability::Vague);
        report
    }
}

impl AuditReport {
    /// The report on `docs`, in their order.
    pub fn build(docs: &[Document]) -> Self {
        let mut b = AuditBuilder::new();
        for d in docs {
            b.add(DocumentAudit::of(d));
        }
        b.finish()
    }

    /// Share of plan (target-mode) goals that are vague, 0 when there are none.
    pub fn vague_plan_share(&self) -> f64 {
        self.totals.plan.share(Measurability::Vague)
    }
}

/// Render the report in one of the formats.
pub fn render(r: &AuditReport, f: AuditFormat) -> String {
    match f {
        AuditFormat::Table => table::render(r),
        AuditFormat::Csv => csv_out::render(r),
        AuditFormat::Json => {
            let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
            s.push('\n');
            s
        }
        AuditFormat::Md => markdown::render(r),
        AuditFormat::Html => html::render(r),
    }
}

/// The serialized name of a goal mode.
pub(crate) fn mode_key(m: GoalMode) -> &'static str {
    match m {
        GoalMode::Target => "target",
        GoalMode::Achievement => "achievement",
        GoalMode::Context => "context",
    }
}

fn unit_name(u: &Unit, index: usize) -> String {
    match u.name.as_deref().map(one_line) {
        Some(n) if !n.is_empty() => n,
        _ => format!("（未命名单位 {}）", index + 1),
    }
}

fn goal_row(d: &Document, u: &Unit, unit: &str, g: &Goal) -> GoalRow {
    GoalRow {
        document: d.path.clone(),
        unit: unit.to_string(),
        goal_id: g.id.clone(),
        section_path: section_path(&g.path, u.name.as_deref(), g.label.as_deref()),
        label: g.label.as_deref().map(one_line),
        mode: g.mode,
        domain: g.domain,
        measurability: g.measurability,
        reason: one_line(&g.measurability_reason),
        targets: g.targets.len(),
        deadlines: g.deadlines.len(),
        opening: opening(&g.text, OPENING_CHARS),
    }
}

/// A goal's `path` without the unit name in front (the first segment, empty
/// when the unit has no name), without the goal's own label at the end, and
/// without empty segments, each segment on one line.
fn section_path(path: &[String], unit: Option<&str>, label: Option<&str>) -> Vec<String> {
    let mut path: &[String] = path;
    if let Some(first) = path.first()
        && first.trim() == unit.unwrap_or("").trim()
    {
        path = &path[1..];
    }
    if let (Some(last), Some(label)) = (path.last(), label)
        && last.trim() == label.trim()
    {
        path = &path[..path.len() - 1];
    }
    path.iter()
        .map(|s| one_line(s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The extractor's measurability reason (see [`Goal::measurability_reason`])
/// in Chinese, for the Chinese-facing renderers: `target: 3个` becomes
/// `指标: 3个`, `commitment: …` becomes `承诺: …`, and the two vague
/// reasons their Chinese wording. A reason of any other shape is returned
/// as it is.
pub(crate) fn reason_zh(reason: &str) -> String {
    if let Some(t) = reason.strip_prefix("target: ") {
        format!("指标: {t}")
    } else if let Some(c) = reason.strip_prefix("commitment: ") {
        format!("承诺: {c}")
    } else if reason == "no number, no commitment, no deadline" {
        "无数字、无承诺、无时限".to_string()
    } else if let Some(d) = reason
        .strip_prefix("no number or commitment (deadline ")
        .and_then(|r| r.strip_suffix(" only)"))
    {
        format!("无数字或承诺（仅有时限 {d}）")
    } else {
        reason.to_string()
    }
}

/// The text on one line: control characters and runs of white space
/// (ideographic space included) become one ASCII space, or nothing between
/// two wide (CJK) characters, where a line break is only a line break;
/// trimmed.
pub(crate) fn one_line(s: &str) -> String {
    let wide = |c: char| UnicodeWidthChar::width(c) == Some(2);
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
        } else {
            if pending_space && !(out.ends_with(wide) && wide(c)) {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// The first `n` characters of the text on one line, `…` when cut.
pub(crate) fn opening(text: &str, n: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= n {
        line
    } else {
        let mut s: String = line.chars().take(n).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
pub(crate) mod fixture;

#[cfg(test)]
mod tests;
