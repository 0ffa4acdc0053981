//! The serde types that *are* the output.
//!
//! Everything `extract` writes is one of these types, and the JSON Schema in
//! `schemas/` is generated from them (`zhibiao schema`), so the contract and
//! the code cannot drift apart. Lists are kept flat where a dataframe user
//! would want a table (sections and goals are lists on their unit, linked by
//! ids and paths) and nested where the nesting is ownership (targets inside
//! their goal).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the output format. Bump the minor on additive changes, the
/// major when a field changes meaning or disappears.
pub const SCHEMA_VERSION: &str = "2.1";

/// Half-open `[start, end)` offsets in characters (Unicode scalar values)
/// into the document's decoded text: the same numbers as Python `str`
/// indices, so `text[start:end]` gives back the reported text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub struct Span {
    /// First character of the span (0-based, counted in Unicode scalar values).
    pub start: usize,
    /// One past the last character of the span: `text[start:end]` is the reported text.
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A piece of the document's text with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Snippet {
    /// The text as it stands in the document.
    pub text: String,
    /// Where `text` is in the document's text.
    pub span: Span,
}

/// The whole output of one `extract` run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Extraction {
    /// Version of this output format (see `CHANGELOG.md`): the minor grows with additions, the
    /// major when a field changes meaning or disappears.
    pub schema_version: String,
    /// The program that wrote the output.
    pub tool: Tool,
    /// Documents sorted by path.
    pub documents: Vec<Document>,
    /// Inputs that could not be extracted, sorted by path. Every input file
    /// appears exactly once, either in `documents` or here.
    pub errors: Vec<FileError>,
    /// Totals; written last, so the output can be streamed.
    pub summary: Summary,
}

/// The program that wrote an output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Tool {
    /// Always `zhibiao`.
    pub name: String,
    /// The version of zhibiao that wrote the output.
    pub version: String,
}

impl Tool {
    pub fn current() -> Self {
        Tool {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// Totals of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Input files accounted for: documents, failures and skipped files.
    pub files_seen: usize,
    /// Files that became a document.
    pub documents_extracted: usize,
    /// Files listed in `errors` as failures (skipped files not included).
    pub documents_failed: usize,
    /// Units over all documents.
    pub units: usize,
    /// Sections over all documents.
    pub sections: usize,
    /// Goals over all documents.
    pub goals: usize,
    /// Targets over all goals.
    pub targets: usize,
    /// Deadlines over all goals.
    pub deadlines: usize,
    /// Yes/no commitments over all goals.
    pub commitments: usize,
    /// Files in folders that are of no format zhibiao reads (`.xlsx`,
    /// images, archives): each is also listed in `errors` with the code
    /// `skipped`, and counted in `files_seen` but not in `documents_failed`.
    #[serde(default)]
    pub skipped: usize,
}

impl Summary {
    /// Totals over a set of documents and errors.
    pub fn of(documents: &[Document], errors: &[FileError]) -> Self {
        let mut s = Summary::default();
        documents.iter().for_each(|d| s.add_document(d));
        let skipped = errors
            .iter()
            .filter(|e| e.kind == ErrorKind::Skipped)
            .count();
        s.add_errors(errors.len() - skipped);
        s.add_skipped(skipped);
        s
    }

    /// Count one extracted document in.
    pub fn add_document(&mut self, d: &Document) {
        self.files_seen += 1;
        self.documents_extracted += 1;
        self.units += d.units.len();
        for u in &d.units {
            self.sections += u.sections.len();
            for g in &u.goals {
                self.add_goal(g);
            }
        }
    }

    /// Count one goal in, with its targets, deadlines and commitments.
    pub fn add_goal(&mut self, g: &Goal) {
        self.goals += 1;
        self.targets += g.targets.len();
        self.deadlines += g.deadlines.len();
        self.commitments += g.commitments.len();
    }

    /// Add another set of totals to these.
    pub fn merge(&mut self, o: &Summary) {
        self.files_seen += o.files_seen;
        self.documents_extracted += o.documents_extracted;
        self.documents_failed += o.documents_failed;
        self.units += o.units;
        self.sections += o.sections;
        self.goals += o.goals;
        self.targets += o.targets;
        self.deadlines += o.deadlines;
        self.commitments += o.commitments;
        self.skipped += o.skipped;
    }

    /// Count skipped files in (files of a kind that is not read).
    pub fn add_skipped(&mut self, n: usize) {
        self.files_seen += n;
        self.skipped += n;
    }

    /// Count failed inputs in.
    pub fn add_errors(&mut self, n: usize) {
        self.files_seen += n;
        self.documents_failed += n;
    }
}

/// An input that produced no document, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FileError {
    /// The input as reported (relative to its folder argument, as given for a
    /// file argument; `<line N>` for a line of `--stdin-jsonl` without a
    /// usable path).
    pub path: String,
    /// The error code: what went wrong, for scripts to filter on.
    pub kind: ErrorKind,
    /// What went wrong and what to do about it, in words.
    pub message: String,
}

/// Why an input produced no document. The codes are part of the output
/// contract (`docs/user-guide.md`, "Error codes"): scripts filter on them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The path does not exist, or is a symbolic link to nothing.
    NotFound,
    /// It exists but cannot be read: permissions, a symbolic link loop, an
    /// I/O error.
    Unreadable,
    /// Zero bytes, only whitespace, or a folder without text files.
    Empty,
    /// A binary format (PDF, image, archive, office file) or undecodable bytes.
    NotText,
    /// Larger than the size limit (`extract --max-file-size`).
    TooLarge,
    /// The extractor failed on this file: a bug, to be reported. The other
    /// files are not affected.
    Internal,
    /// A line given to `extract --stdin-jsonl` that is not a JSON object
    /// with a string `path` and exactly one of `text` or `bytes_b64` (valid
    /// base64).
    BadRecord,
    /// A file in a folder of a kind zhibiao does not read (not `.txt
    /// .text .md .html .htm .docx .pdf` or an office format it can name
    /// a conversion for). Listed so that nothing is left out silently; not
    /// counted as a failure.
    Skipped,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 8] = [
        ErrorKind::NotFound,
        ErrorKind::Unreadable,
        ErrorKind::Empty,
        ErrorKind::NotText,
        ErrorKind::TooLarge,
        ErrorKind::Internal,
        ErrorKind::BadRecord,
        ErrorKind::Skipped,
    ];

    /// The code as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::Empty => "empty",
            ErrorKind::NotText => "not_text",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Internal => "internal",
            ErrorKind::BadRecord => "bad_record",
            ErrorKind::Skipped => "skipped",
        }
    }

    /// How many of `errors` have each code, most frequent first (ties in
    /// the order of [`ErrorKind::ALL`]); codes that do not occur are left out.
    pub fn tally(errors: &[FileError]) -> Vec<(ErrorKind, usize)> {
        let mut counts: Vec<(ErrorKind, usize)> = ErrorKind::ALL
            .iter()
            .map(|&k| (k, errors.iter().filter(|e| e.kind == k).count()))
            .filter(|&(_, n)| n > 0)
            .collect();
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        counts
    }
}

/// What kind of document it is, from its title and its sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    /// A work plan: goals for a period to come.
    Plan,
    /// A work report or summary: what was achieved.
    Report,
    /// A report on the past period followed by the plan for the next.
    ReportAndPlan,
    /// Assessment indicators set by a superior body (考核指标).
    Assessment,
    /// None of these can be told.
    Unknown,
}

/// One decoded and structured input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Stable identifier: derived from the relative path.
    pub id: String,
    /// Path relative to the argument it was found under (`-` for stdin).
    pub path: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// Size of the input in bytes.
    pub bytes: usize,
    /// Length of the decoded text in characters; every span is within it.
    pub chars: usize,
    /// Detected encoding (WHATWG name, e.g. `UTF-8`, `GB18030`, `UTF-16LE`, `Big5`).
    /// For `docx` and `pdf`, `UTF-8` (the text their XML or text layer gives).
    pub encoding: String,
    /// The format the document was read as: plain text, a web page, a Word
    /// document or a PDF. For the last three, spans index the text extracted
    /// from the file (`zhibiao text FILE`, or `text` with `--with-text`).
    pub format: DocFormat,
    /// Damage found while decoding: byte sequences invalid in `encoding`,
    /// each replaced by U+FFFD in the text, plus one for a character cut off
    /// at the end of the file (dropped). 0 for a clean file.
    pub encoding_errors: usize,
    /// The document's title line (for a web page, its `<h1>` or `<title>`), null when it has none.
    pub title: Option<Snippet>,
    /// The publishing body, from web-page furniture (`来源:…`, `发布机构`).
    pub issuer: Option<String>,
    /// Publication date/time from the furniture, ISO 8601 (`2024-10-10T15:37`).
    pub published: Option<String>,
    /// The year the document's plan or report is about, when it can be told.
    pub year: Option<i32>,
    /// What kind of document it is: a plan, a report, both, an assessment scheme, or unknown.
    pub genre: Genre,
    /// Text before the first unit heading of a multi-unit document.
    pub preamble: Option<Snippet>,
    /// Web-page furniture recognised and kept out of goals.
    pub furniture: Vec<Furniture>,
    /// The units the goals belong to, in document order; a document without unit lines has one.
    pub units: Vec<Unit>,
    /// The text every span indexes (only with `extract --with-text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The format a document was read as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocFormat {
    /// Plain text (`.txt`, `.text`, `.md`, or any file named explicitly that
    /// is no other format).
    #[default]
    Txt,
    /// A web page (`.html`, `.htm`, or HTML by its content).
    Html,
    /// A Word document (`.docx`, Office Open XML).
    Docx,
    /// A PDF with a text layer.
    Pdf,
}

impl DocFormat {
    pub const ALL: [DocFormat; 4] = [
        DocFormat::Txt,
        DocFormat::Html,
        DocFormat::Docx,
        DocFormat::Pdf,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocFormat::Txt => "txt",
            DocFormat::Html => "html",
            DocFormat::Docx => "docx",
            DocFormat::Pdf => "pdf",
        }
    }

    /// The format a file extension names (any case), if it is one zhibiao reads.
    pub fn from_extension(ext: &str) -> Option<DocFormat> {
        let e = ext.to_ascii_lowercase();
        match e.as_str() {
            "txt" | "text" | "md" => Some(DocFormat::Txt),
            "html" | "htm" | "xhtml" | "shtml" => Some(DocFormat::Html),
            "docx" => Some(DocFormat::Docx),
            "pdf" => Some(DocFormat::Pdf),
            _ => None,
        }
    }
}

/// A piece of web-page or print furniture: text around the document that is
/// no part of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Furniture {
    /// What the piece of furniture is.
    pub kind: FurnitureKind,
    /// The furniture's text as it stands in the document.
    pub text: String,
    /// Where the furniture is in the document's text.
    pub span: Span,
}

/// What a piece of furniture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    /// `来源:… 2024-10-10 15:37`
    Source,
    /// `浏览量:1`, hit counters.
    Counter,
    /// `扫一扫在手机上查看当前页面`, share and QR prompts.
    Share,
    /// Portal header tables (`索引号 | … | 发布机构 | …`).
    Header,
    /// Print / close / font-size links.
    Navigation,
    /// The issuing body and date closing the document (落款).
    Signature,
    /// Page numbers and page counters of a document converted from PDF or
    /// Word (`- 3 -`, `第 3 页`, `第3页 共12页`).
    PageNumber,
}

/// The organisation goals belong to: a town, sub-district or department.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// Stable identifier: the document's id and the unit's number (`…-u01`).
    pub id: String,
    /// Null rather than a wild guess.
    pub name: Option<String>,
    /// Where `name` was taken from (`none` when `name` is null).
    pub name_source: NameSource,
    /// The unit's heading line when it has one.
    pub heading: Option<Snippet>,
    /// The unit's whole extent in the document.
    pub span: Span,
    /// All sections of the unit in document order; the tree is given by `parent`.
    pub sections: Vec<Section>,
    /// All goals of the unit in document order.
    pub goals: Vec<Goal>,
}

/// Where a unit's name was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NameSource {
    /// A line that is only the unit's name.
    Heading,
    /// The issuer in the page furniture.
    Issuer,
    /// The document title.
    Title,
    /// Inferred from how the body refers to itself (`崖头街道将…`).
    Body,
    /// The speaker's line under a work report's title
    /// (`清渠县人民政府县长 周立衡`).
    Byline,
    /// No name: the unit's `name` is null.
    None,
}

/// A heading and the text it governs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// Stable identifier: the document's id and the section's number (`…-s001`).
    pub id: String,
    /// Id of the enclosing section, null for a section at the unit's top level.
    pub parent: Option<String>,
    /// 1 is the outermost numbered level in this document.
    pub level: u32,
    /// The numbering label as written (`一、`, `(二)`, `1.`, `“三”是`), null for
    /// labelled blocks and run-in headings.
    pub label: Option<String>,
    /// The numbering or heading style of the label.
    pub style: HeadingStyle,
    /// The heading's words without label and closing punctuation.
    pub heading: String,
    /// Span of `heading`.
    pub heading_span: Span,
    /// The whole section: heading and body.
    pub span: Span,
    /// What the section is for (summary, plan, assessment, benchmark, feature, problems, measures,
    /// other), from its heading words.
    pub role: SectionRole,
    /// Key–value lines of a labelled block (`对标对象:襄州区龙王镇`).
    pub fields: Vec<Field>,
}

/// How a section's heading is numbered or set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HeadingStyle {
    /// `一、`
    ChineseNumeral,
    /// `(一)` `（二）`
    ChineseParen,
    /// `1、` `2.` `3．`
    ArabicNumeral,
    /// `(1)` `（2）`
    ArabicParen,
    /// `①`
    Circled,
    /// `第一部分`, `第一章`
    Part,
    /// `第一个“一”是…`, `“三”是…`
    CustomOrdinal,
    /// `——经济发展。…`: a dash-led item of a list.
    Dash,
    /// `一是聚焦项目建设。` on a line of its own, heading `(一)`, `1.` items.
    Enumerated,
    /// A line ending in a colon: `对标管理工作目标:`
    Block,
    /// A paragraph opening `强品牌,精细雕琢一社一品。`: a short topic and its claim.
    RunInPair,
    /// A short run-in sentence heading `经济引擎持续发力。`
    RunIn,
}

/// What a section is for, from its heading words
/// (`src/lexicon/section_roles.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionRole {
    /// What was done (`工作总结`, `主要成效`).
    Summary,
    /// What is to be done (`工作计划`, `工作思路`).
    Plan,
    /// Assessment indicators (`考核指标`).
    Assessment,
    /// Units to measure against (`对标`).
    Benchmark,
    /// Distinctive work (`特色`).
    Feature,
    /// Problems and shortcomings (`存在的问题`).
    Problems,
    /// Means and safeguards (`保障措施`).
    Measures,
    /// None of these.
    Other,
}

/// A key–value line of a labelled block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Field {
    /// The field's key, before the colon (`对标对象`).
    pub key: String,
    /// The field's value, after the colon (`襄州区龙王镇`).
    pub value: String,
    /// Span of the whole line, key included.
    pub span: Span,
    /// Span of `value`.
    pub value_span: Span,
}

/// A commitment the document makes (or, in a summary, reports as met).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Goal {
    /// Stable identifier: the document's id and the goal's number (`…-g0003`).
    pub id: String,
    /// Id of the innermost section, null for goals directly under the unit.
    pub section: Option<String>,
    /// Unit name, then section headings, then the goal's label.
    pub path: Vec<String>,
    /// `一是`, `①`, `2.` when the goal is an enumerated clause or item.
    pub label: Option<String>,
    /// The run-in title of the goal's item, when it has one (`突破重点区域拆迁`), else null.
    pub title: Option<String>,
    /// The goal's text as it stands in the document.
    pub text: String,
    /// Where `text` is in the document's text.
    pub span: Span,
    /// Whether the goal is to be reached (`target`), was reached (`achievement`), or describes the
    /// situation (`context`).
    pub mode: GoalMode,
    /// The policy domain the goal belongs to, from its words and its headings.
    pub domain: Domain,
    /// Whether the goal can be checked: `quantified` (a target), `binary` (a yes/no commitment) or
    /// `vague`.
    pub measurability: Measurability,
    /// Why: the first target or commitment, or "no number, no deadline".
    pub measurability_reason: String,
    /// The quantitative targets in the goal's text, in text order.
    pub targets: Vec<Target>,
    /// The time bounds in the goal's text, in text order.
    pub deadlines: Vec<Deadline>,
    /// The yes/no commitments in the goal's text, in text order.
    pub commitments: Vec<Commitment>,
}

/// Whether a goal is to be reached, was reached, or describes the situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GoalMode {
    /// To be reached: plans, assessment indicators.
    Target,
    /// Reached: summaries and reports.
    Achievement,
    /// A description of the situation, not a commitment: the text of a
    /// `存在的问题` section. Its numbers are baselines.
    Context,
}

/// The policy domain of a goal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// 党建
    PartyBuilding,
    /// 经济
    Economy,
    /// 项目建设
    Projects,
    /// 城建城管
    UrbanManagement,
    /// 平安稳定
    PublicSafety,
    /// 民生社会
    Livelihood,
    /// 生态环保
    Environment,
    /// 文化文明
    Culture,
    /// 基层治理
    Governance,
    /// 作风纪律
    Discipline,
    /// None of these.
    Other,
}

impl Domain {
    pub const ALL: [Domain; 11] = [
        Domain::PartyBuilding,
        Domain::Economy,
        Domain::Projects,
        Domain::UrbanManagement,
        Domain::PublicSafety,
        Domain::Livelihood,
        Domain::Environment,
        Domain::Culture,
        Domain::Governance,
        Domain::Discipline,
        Domain::Other,
    ];

    /// The position of this domain in [`Domain::ALL`] (its declaration
    /// order, which `ALL` follows: checked by a test).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The Chinese name used in reports.
    pub fn zh(self) -> &'static str {
        match self {
            Domain::PartyBuilding => "党建",
            Domain::Economy => "经济",
            Domain::Projects => "项目建设",
            Domain::UrbanManagement => "城建城管",
            Domain::PublicSafety => "平安稳定",
            Domain::Livelihood => "民生社会",
            Domain::Environment => "生态环保",
            Domain::Culture => "文化文明",
            Domain::Governance => "基层治理",
            Domain::Discipline => "作风纪律",
            Domain::Other => "其他",
        }
    }
    /// The serialized (English) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::PartyBuilding => "party_building",
            Domain::Economy => "economy",
            Domain::Projects => "projects",
            Domain::UrbanManagement => "urban_management",
            Domain::PublicSafety => "public_safety",
            Domain::Livelihood => "livelihood",
            Domain::Environment => "environment",
            Domain::Culture => "culture",
            Domain::Governance => "governance",
            Domain::Discipline => "discipline",
            Domain::Other => "other",
        }
    }
}

/// Whether a goal can be checked at the end of its period.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Measurability {
    /// At least one target.
    Quantified,
    /// No target, but a yes/no commitment.
    Binary,
    /// Neither.
    Vague,
}

impl Measurability {
    pub fn as_str(self) -> &'static str {
        match self {
            Measurability::Quantified => "quantified",
            Measurability::Binary => "binary",
            Measurability::Vague => "vague",
        }
    }
}

/// A number that measures something.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// The whole expression, comparator and change words included when adjacent.
    pub text: String,
    /// Where `text` is in the document's text.
    pub span: Span,
    /// In the base unit: `1.5万亩` → 15000, `24亿元` → 2400000000.
    pub value: f64,
    /// Upper bound of a range, else null.
    pub value_max: Option<f64>,
    /// Canonical simplified unit or measure word: `个`, `元`, `平方米`, `%`, `名`.
    pub unit: String,
    /// What the number measures, as the document says it: the named
    /// indicator (`固定资产投资增幅38%` → `固定资产投资`; `实现税收5亿元,增长7%`
    /// → `税收` for both numbers), else the counted thing (`建成3个莲藕专业村`
    /// → `莲藕专业村`), else null when the text does not say.
    #[serde(default)]
    pub what: Option<String>,
    /// Where `what` is in the text (it may lie in an earlier clause, or in
    /// the row name of a table); null with `what`.
    #[serde(default)]
    pub what_span: Option<Span>,
    /// What is done to the counted things, when a phrase says so:
    /// `完成18个村美丽乡村建设` → `美丽乡村建设` (with `what` `村`).
    #[serde(default)]
    pub activity: Option<String>,
    /// The canonical indicator `what` names, from the lexicon of common
    /// indicators (`src/lexicon/indicators.tsv`, with aliases such as `规上`,
    /// `固投`, `社零`, `GDP`); null when `what` is none of them.
    #[serde(default)]
    pub indicator: Option<IndicatorRef>,
    /// The counted thing, when `what` is one (a count's noun): `3个莲藕专业村`
    /// → `莲藕专业村`. Null when `what` names an indicator.
    pub object: Option<String>,
    /// The named indicator, when `what` is one: `固定资产投资增幅38%` →
    /// `固定资产投资`. Null when `what` is a counted thing.
    pub metric: Option<String>,
    /// What sort of quantity the value is (count, percent, money, area, length, volume, weight,
    /// duration, rank, ratio, other).
    pub kind: TargetKind,
    /// How the value bounds the quantity: equal, at least, more than, at most, less than, a range
    /// (`value` to `value_max`), or about.
    pub comparator: Comparator,
    /// Whether the value is a level, an increase or a decrease (`增长7%` is an increase of 7).
    pub change: Change,
    /// Whether the number is to be reached (`target`), was reached (`achievement`) or describes the
    /// situation (`baseline`).
    pub mode: TargetMode,
}

/// A canonical indicator: its id (`fixed_asset_investment`) and Chinese name
/// (`固定资产投资`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorRef {
    /// The indicator's stable English id (`fixed_asset_investment`), the first column of
    /// `indicators.tsv`.
    pub id: String,
    /// The indicator's Chinese name (`固定资产投资`).
    pub name: String,
}

/// What sort of quantity a target's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A number of things (`个`, `家`, `人`, `场`).
    Count,
    /// A percentage (`%`, `个百分点`, `千分之三` as 0.3).
    Percent,
    /// Money, in `元` or another currency's unit.
    Money,
    /// An area (`亩`, `平方米`).
    Area,
    /// A length (`公里`, `米`).
    Length,
    /// A volume (`立方米`).
    Volume,
    /// A weight (`吨`, `公斤`).
    Weight,
    /// A length of time (`天`, `年`).
    Duration,
    /// A place in a ranking (`排名前三`: at most 3).
    Rank,
    /// A ratio or multiple: first term over second (`2.05∶1`), `倍`.
    Ratio,
    /// Any other unit (`千瓦`).
    Other,
}

/// How a target's value bounds the quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// Exactly the value (no comparator word).
    Eq,
    /// At least (`不少于`, `以上`, `≥`).
    Gte,
    /// More than (`超过`, `>`).
    Gt,
    /// At most (`以内`, `不超过`, `≤`; a rank `前三`).
    Lte,
    /// Less than (`低于`, `<`).
    Lt,
    /// From `value` to `value_max` (`1-2个`, `一至两个`).
    Range,
    /// About the value (`3400余人`, `400多家`).
    Approx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A level to reach or hold.
    Level,
    /// A rise by the value (`增长7%`, `新增3家`).
    Increase,
    /// A fall by the value (`下降3%`, `减少`).
    Decrease,
}

/// Whether a target's number is to be reached, was reached, or describes the
/// situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetMode {
    /// To be reached.
    Target,
    /// Reached.
    Achievement,
    /// A situation described, not a goal (`诉求占比高达30.3%`).
    Baseline,
}

/// A time bound on a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Deadline {
    /// The time expression as it stands in the document (`6月底前`).
    pub text: String,
    /// Where `text` is in the document's text.
    pub span: Span,
    /// The last day the bound allows, ISO 8601, when the year is known.
    pub by: Option<String>,
}

/// A yes/no promise without a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Commitment {
    /// The commitment as it stands in the document (`不发生重大安全事故`).
    pub text: String,
    /// Where `text` is in the document's text.
    pub span: Span,
    /// Which sort of yes/no promise it is.
    pub kind: CommitmentKind,
}

/// Which sort of yes/no promise a commitment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentKind {
    /// `不发生重大安全事故`, `不出现…`
    NoIncident,
    /// `违建零增长`, `积案清零`, `零进京`
    Zero,
    /// `实现全覆盖`, `应建尽建`
    FullCoverage,
    /// `全面达标`, `通过复审`, `建成投产`: a named state reached.
    Completion,
}

/// One line of `extract --format jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum Record {
    /// First line: what wrote the file.
    Header {
        /// Version of the output format, as in the whole-file output.
        schema_version: String,
        /// The program that wrote the output.
        tool: Tool,
    },
    /// One line per document.
    Document(Box<Document>),
    /// One line per input that produced no document.
    Error(FileError),
    /// Last line: the totals.
    Summary(Summary),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_index_is_the_position_in_all() {
        for (i, d) in Domain::ALL.iter().enumerate() {
            assert_eq!(d.index(), i, "{d:?}");
        }
    }
}
