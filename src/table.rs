//! `zhibiao table`: one row per target, with its document, unit, section
//! path, goal, what it measures, canonical indicator, value and deadline, as
//! CSV (UTF-8 with a byte-order mark, for Excel) or JSON Lines (for pandas
//! and DuckDB).

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
    let mut out = Vec::new();
    for d in docs {
        for u in &d.units {
            for g in &u.goals {
                for t in &g.targets {
                    out.push(row(d, u.name.as_deref(), g, t));
                }
            }
        }
    }
    out
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

/// CSV, UTF-8 with a byte-order mark and CRLF line ends.
pub fn csv(rows: &[Row]) -> Result<String, String> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(crate::audit::BOM.as_bytes().to_vec());
    w.write_record(COLUMNS).map_err(|e| e.to_string())?;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    for r in rows {
        w.write_record([
            r.document.clone(),
            opt(&r.title),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            opt(&r.unit),
            r.section_path.clone(),
            r.goal_id.clone(),
            r.goal.clone(),
            opt(&r.what),
            opt(&r.indicator_id),
            opt(&r.indicator_name),
            r.value.to_string(),
            r.value_max.map(|v| v.to_string()).unwrap_or_default(),
            r.unit_of_measure.clone(),
            r.kind.clone(),
            r.comparator.clone(),
            r.change.clone(),
            r.mode.clone(),
            opt(&r.deadline),
            opt(&r.deadline_by),
            r.text.clone(),
            r.span_start.to_string(),
            r.span_end.to_string(),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// JSON Lines: one object per row.
pub fn jsonl(rows: &[Row]) -> Result<String, String> {
    let mut out = String::new();
    for r in rows {
        out.push_str(&serde_json::to_string(r).map_err(|e| e.to_string())?);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Vec<Document> {
        let text = "2023年工作要点\n一、经济发展\n1.全年固定资产投资完成12.6亿元,同比增长10%;6月底前新建高标准农田5000亩。\n";
        vec![crate::extract_text(
            "plan.txt",
            text,
            "UTF-8",
            "",
            text.len(),
        )]
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
}
