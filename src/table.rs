//! `zhibiao table`: one row per target, with its document, unit, section
//! path, goal, what it measures, canonical indicator, value and deadline, as
//! CSV (UTF-8 with a byte-order mark, for Excel), an Excel workbook, or JSON
//! Lines (for pandas and DuckDB).

use crate::error::RenderError;
use serde::Serialize;

use crate::model::{Document, Goal, Span, Target};

/// One target with its context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub document: String,
    pub title: Option<String>,
    pub year: Option<i32>,
    pub unit: Option<String>,
    /// The goal's path below its unit (headings, label), joined with ` > `.
    pub section_path: String,
    pub goal_id: String,
    pub goal: String,
    pub what: Option<String>,
    pub indicator_id: Option<String>,
    pub indicator_name: Option<String>,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit_of_measure: String,
    pub kind: String,
    pub comparator: String,
    pub change: String,
    pub mode: String,
    /// The goal's deadline nearest the target, and the date it means.
    pub deadline: Option<String>,
    pub deadline_by: Option<String>,
    pub text: String,
    pub span_start: usize,
    pub span_end: usize,
}

/// The serialized name of an enum value.
fn key<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

fn row(doc: &Document, unit: Option<&str>, g: &Goal, t: &Target) -> Row {
    let deadline = g
        .deadlines
        .iter()
        .min_by_key(|d| (distance(d.span, t.span), d.span.start));
    let below_unit = g.path.iter().skip(usize::from(!g.path.is_empty()));
    Row {
        document: doc.path.clone(),
        title: doc.title.as_ref().map(|s| s.text.clone()),
        year: doc.year,
        unit: unit.map(str::to_string),
        section_path: below_unit.cloned().collect::<Vec<_>>().join(" > "),
        goal_id: g.id.clone(),
        goal: g.text.clone(),
        what: t.what.clone(),
        indicator_id: t.indicator.as_ref().map(|i| i.id.clone()),
        indicator_name: t.indicator.as_ref().map(|i| i.name.clone()),
        value: t.value,
        value_max: t.value_max,
        unit_of_measure: t.unit.clone(),
        kind: key(&t.kind),
        comparator: key(&t.comparator),
        change: key(&t.change),
        mode: key(&t.mode),
        deadline: deadline.map(|d| d.text.clone()),
        deadline_by: deadline.and_then(|d| d.by.clone()),
        text: t.text.clone(),
        span_start: t.span.start,
        span_end: t.span.end,
    }
}

/// Every target of the documents, in document order.
pub fn rows(docs: &[Document]) -> Vec<Row> {
    docs.iter().flat_map(document_rows).collect()
}

/// Every target of one document, in order.
pub fn document_rows(d: &Document) -> Vec<Row> {
    let mut out = Vec::new();
    for u in &d.units {
        for g in &u.goals {
            out.extend(g.targets.iter().map(|t| row(d, u.name.as_deref(), g, t)));
        }
    }
    out
}

/// The rows of a document as [`crate::run::read_extracted`] gives it.
pub fn extracted_rows(e: &crate::run::Extracted<'_>) -> Vec<Row> {
    match e {
        crate::run::Extracted::Whole(d) => document_rows(d),
        crate::run::Extracted::Deferred(d) => deferred_rows(d),
    }
}

/// [`document_rows`] of a document written goal by goal.
pub fn deferred_rows(d: &crate::Deferred<'_>) -> Vec<Row> {
    let mut out = Vec::new();
    let Ok(()) = each_goal_rows::<std::convert::Infallible>(d, |rows| {
        out.extend(rows);
        Ok(())
    });
    out
}

/// Hand the rows of each goal of a document written goal by goal to `f`, in
/// order: each goal is made, its rows taken and the goal let go, so a huge
/// document's table can be written holding one goal's rows at a time.
pub fn each_goal_rows<E>(
    d: &crate::Deferred<'_>,
    mut f: impl FnMut(Vec<Row>) -> Result<(), E>,
) -> Result<(), E> {
    let doc = d.document();
    for (i, u) in doc.units.iter().enumerate() {
        for g in d.goals(i) {
            f(g.targets
                .iter()
                .map(|t| row(doc, u.name.as_deref(), &g, t))
                .collect())?;
        }
    }
    Ok(())
}

/// The CSV columns, in order.
pub const COLUMNS: [&str; 22] = [
    "document",
    "title",
    "year",
    "unit",
    "section_path",
    "goal_id",
    "goal",
    "what",
    "indicator_id",
    "indicator_name",
    "value",
    "value_max",
    "unit_of_measure",
    "kind",
    "comparator",
    "change",
    "mode",
    "deadline",
    "deadline_by",
    "text",
    "span_start",
    "span_end",
];

/// One cell of a row: text, a number, or nothing (a missing value).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    fn opt(v: &Option<String>) -> Cell {
        v.as_deref().map_or(Cell::Empty, Cell::text)
    }

    /// As written in the CSV: numbers in their shortest form, missing
    /// values empty.
    fn to_csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A row's cells in the order of [`COLUMNS`].
pub fn cells(r: &Row) -> [Cell; 22] {
    let num = |n: f64| Cell::Number(n);
    [
        Cell::text(&r.document),
        Cell::opt(&r.title),
        r.year.map_or(Cell::Empty, |y| num(f64::from(y))),
        Cell::opt(&r.unit),
        Cell::text(&r.section_path),
        Cell::text(&r.goal_id),
        Cell::text(&r.goal),
        Cell::opt(&r.what),
        Cell::opt(&r.indicator_id),
        Cell::opt(&r.indicator_name),
        num(r.value),
        r.value_max.map_or(Cell::Empty, num),
        Cell::text(&r.unit_of_measure),
        Cell::text(&r.kind),
        Cell::text(&r.comparator),
        Cell::text(&r.change),
        Cell::text(&r.mode),
        Cell::opt(&r.deadline),
        Cell::opt(&r.deadline_by),
        Cell::text(&r.text),
        num(r.span_start as f64),
        num(r.span_end as f64),
    ]
}

/// CSV, UTF-8 with a byte-order mark and CRLF line ends.
pub fn csv(rows: &[Row]) -> Result<String, RenderError> {
    let mut bytes = csv_head()?;
    bytes.extend(csv_body(rows)?);
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn csv_writer(head: Vec<u8>) -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(head)
}

/// What [`csv()`] writes before the rows: the byte-order mark and the header.
pub fn csv_head() -> Result<Vec<u8>, RenderError> {
    let mut w = csv_writer(crate::audit::BOM.as_bytes().to_vec());
    w.write_record(COLUMNS)?;
    Ok(w.into_inner()?)
}

/// The CSV lines of `rows` without the head: what one document adds to a
/// [`csv()`] file written as the documents come.
pub fn csv_body(rows: &[Row]) -> Result<Vec<u8>, RenderError> {
    let mut w = csv_writer(Vec::new());
    for r in rows {
        w.write_record(cells(r).iter().map(Cell::to_csv))?;
    }
    Ok(w.into_inner()?)
}

/// Rows a worksheet holds, the header included.
const XLSX_MAX_ROWS: usize = 1_048_576;
/// Characters a cell holds.
const XLSX_MAX_CHARS: usize = 32_767;
/// Column widths, in characters of the default font (a CJK character
/// counts two).
const XLSX_MIN_WIDTH: usize = 6;
const XLSX_MAX_WIDTH: usize = 60;

/// Text cut to what a cell holds, with `…` where it was cut.
fn cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= XLSX_MAX_CHARS {
        return s.into();
    }
    let mut out: String = s.chars().take(XLSX_MAX_CHARS - 1).collect();
    out.push('…');
    out.into()
}

/// The width a column needs for its header and cells, CJK characters
/// counting two, within [`XLSX_MIN_WIDTH`]..=[`XLSX_MAX_WIDTH`].
fn column_width<'a>(header: &str, cells: impl Iterator<Item = &'a Cell>) -> usize {
    use unicode_width::UnicodeWidthStr;
    let w = cells
        .map(|c| match c {
            Cell::Text(s) => s.width(),
            Cell::Number(n) => n.to_string().len(),
            Cell::Empty => 0,
        })
        .fold(header.width(), usize::max);
    (w + 2).clamp(XLSX_MIN_WIDTH, XLSX_MAX_WIDTH)
}

/// An Excel workbook with one sheet `targets`: the header row frozen and
/// bold, filters on every column, columns as wide as their contents (CJK
/// characters counting two, at most 60), numbers as numbers and missing
/// values as empty cells.
pub fn xlsx(rows: &[Row]) -> Result<Vec<u8>, RenderError> {
    use rust_xlsxwriter::{Format, Workbook};
    if rows.len() >= XLSX_MAX_ROWS {
        return Err(RenderError::TooManyRows {
            rows: rows.len(),
            max: XLSX_MAX_ROWS - 1,
        });
    }
    let all: Vec<[Cell; 22]> = rows.iter().map(cells).collect();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("targets")?;
    let bold = Format::new().set_bold();
    for (c, h) in COLUMNS.iter().enumerate() {
        let col = c as u16;
        sheet.write_string_with_format(0, col, *h, &bold)?;
        let width = column_width(h, all.iter().map(|r| &r[c]));
        sheet.set_column_width(col, width as f64)?;
    }
    for (i, r) in all.iter().enumerate() {
        let row = (i + 1) as u32;
        for (c, cell) in r.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(row, col, cell_text(s))?;
                }
                Cell::Number(n) if n.is_finite() => {
                    sheet.write_number(row, col, *n)?;
                }
                Cell::Number(_) | Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = (COLUMNS.len() - 1) as u16;
    sheet.autofilter(0, 0, rows.len() as u32, last_col)?;
    book.save_to_buffer().map_err(RenderError::from)
}

/// JSON Lines: one object per row.
pub fn jsonl(rows: &[Row]) -> Result<String, RenderError> {
    let mut out = String::new();
    for r in rows {
        out.push_str(&serde_json::to_string(r)?);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Vec<Document> {
        let text = "2023年工作要点\n一、经济发展\n1.全年固定资产投资完成12.6亿元,同比增长10%;6月底前新建高标准农田5000亩。\n";
        vec![crate::extractor_for_tests().extract_text("plan.txt", text, "UTF-8", "", text.len())]
    }

    #[test]
    fn one_row_per_target_with_its_indicator_and_deadline() {
        let d = docs();
        let r = rows(&d);
        let n: usize = d[0]
            .units
            .iter()
            .flat_map(|u| &u.goals)
            .map(|g| g.targets.len())
            .sum();
        assert_eq!(r.len(), n);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].what.as_deref(), Some("固定资产投资"));
        assert_eq!(r[0].indicator_id.as_deref(), Some("fixed_asset_investment"));
        assert_eq!(r[1].indicator_id.as_deref(), Some("fixed_asset_investment"));
        assert_eq!(r[1].change, "increase");
        assert_eq!(r[2].indicator_id.as_deref(), Some("high_standard_farmland"));
        assert_eq!(r[2].deadline.as_deref(), Some("6月底前"));
        assert_eq!(r[2].deadline_by.as_deref(), Some("2023-06-30"));
        assert_eq!(r[0].value, 1_260_000_000.0);
    }

    #[test]
    fn csv_has_a_bom_and_parses_back() {
        let r = rows(&docs());
        let out = csv(&r).expect("csv");
        let body = out.strip_prefix(crate::audit::BOM).expect("BOM");
        let mut rd = ::csv::Reader::from_reader(body.as_bytes());
        let header: Vec<String> = rd
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header, COLUMNS);
        let recs: Vec<_> = rd.records().collect::<Result<_, _>>().expect("rows");
        assert_eq!(recs.len(), r.len());
        assert_eq!(&recs[0][7], "固定资产投资");
        assert_eq!(recs[0][10].parse::<f64>().ok(), Some(1_260_000_000.0));
    }

    #[test]
    fn jsonl_has_one_object_per_target() {
        let r = rows(&docs());
        let out = jsonl(&r).expect("jsonl");
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect();
        assert_eq!(lines.len(), r.len());
        assert_eq!(lines[2]["deadline_by"], "2023-06-30");
    }

    #[test]
    fn xlsx_reads_back_with_numbers_as_numbers_and_empty_nulls() {
        use calamine::{Data, Reader, Xlsx};
        let r = rows(&docs());
        let bytes = xlsx(&r).expect("xlsx");
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("open");
        let range = book.worksheet_range("targets").expect("sheet");
        assert_eq!(range.height(), r.len() + 1);
        assert_eq!(range.width(), COLUMNS.len());
        let header: Vec<String> = (0..COLUMNS.len())
            .map(|c| range.get((0, c)).map(|d| d.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(header, COLUMNS);
        let col = |n: &str| COLUMNS.iter().position(|c| *c == n).unwrap_or(usize::MAX);
        let cell = |row: usize, n: &str| range.get((row, col(n))).cloned();
        assert_eq!(cell(1, "what"), Some(Data::String("固定资产投资".into())));
        assert_eq!(cell(1, "value"), Some(Data::Float(1_260_000_000.0)));
        assert_eq!(cell(1, "year"), Some(Data::Float(2023.0)));
        assert_eq!(
            cell(1, "span_start"),
            Some(Data::Float(r[0].span_start as f64))
        );
        // No upper value: an empty cell, not an empty string.
        assert_eq!(r[0].value_max, None);
        assert_eq!(cell(1, "value_max"), Some(Data::Empty));
        assert_eq!(
            cell(3, "deadline_by"),
            Some(Data::String("2023-06-30".into()))
        );
        assert_eq!(cell(3, "value"), Some(Data::Float(5000.0)));
    }

    #[test]
    fn xlsx_columns_count_cjk_characters_double() {
        let cells = [Cell::text("固定资产投资"), Cell::text("GDP")];
        // 6 CJK characters are 12 columns, and 2 of margin.
        assert_eq!(column_width("what", cells.iter()), 14);
        assert_eq!(column_width("value", [Cell::Number(35.0)].iter()), 7);
        assert_eq!(column_width("a", [Cell::Empty].iter()), XLSX_MIN_WIDTH);
        let long = Cell::text(&"镇".repeat(200));
        assert_eq!(column_width("goal", [long].iter()), XLSX_MAX_WIDTH);
    }

    #[test]
    fn xlsx_cells_hold_at_most_what_excel_takes() {
        let s = "字".repeat(XLSX_MAX_CHARS + 10);
        let cut = cell_text(&s);
        assert_eq!(cut.chars().count(), XLSX_MAX_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(cell_text("短"), "短");
    }
}
