//! `zhibiao track`: plan targets held against the figures reports give for
//! them (年初亮目标、年中亮进度、年终亮成果). A plan target (mode `target`)
//! is paired with the report figures (mode `achievement`) of the same unit
//! and indicator: the canonical indicator when both have one, else the same
//! `what`; a report of an earlier year than the plan is not its result.

use serde::Serialize;

mod html;
pub use html::render as html;

use crate::lexicon::{Lexicon, WordRole};
use crate::model::{Comparator, Document, Target, TargetKind, TargetMode};

/// How a plan target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    OnTrack,
    Behind,
    NotReported,
    NotComparable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::OnTrack => "on_track",
            Status::Behind => "behind",
            Status::NotReported => "not_reported",
            Status::NotComparable => "not_comparable",
        }
    }
}

/// One plan target and what the reports say of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tracked {
    pub plan: String,
    pub unit: Option<String>,
    pub what: Option<String>,
    pub indicator_id: Option<String>,
    pub target_text: String,
    pub target: f64,
    pub target_unit: String,
    pub report: Option<String>,
    pub reported_text: Option<String>,
    pub reported: Option<f64>,
    /// reported / target, turned round where lower is better.
    pub attainment: Option<f64>,
    pub status: Status,
    /// Why not comparable, or the other figures of an ambiguous pair.
    pub note: Option<String>,
}

/// A target of one mode with what pairing needs of its document and unit:
/// what [`track_figures`] reads, so that a run over thousands of documents
/// holds their figures, never the documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The document's path.
    pub document: std::sync::Arc<str>,
    /// The year the document is about.
    pub year: Option<i32>,
    /// A report of the first half of a year (`上半年`, `半年总结`, `1-6月`).
    pub mid_year: bool,
    pub unit: Option<String>,
    pub target: Target,
}

/// The figures of mode `mode` in `d`, in document order.
pub fn figures(lx: &Lexicon, d: &Document, mode: TargetMode) -> Vec<Figure> {
    let mut out = Vec::new();
    let add = DocumentFigures::new(lx, d, mode);
    for u in &d.units {
        for g in &u.goals {
            add.goal(&mut out, u.name.as_deref(), g);
        }
    }
    out
}

/// [`figures`] of a document written goal by goal: each goal is made, its
/// figures taken and the goal let go.
pub fn deferred_figures(lx: &Lexicon, d: &crate::Deferred<'_>, mode: TargetMode) -> Vec<Figure> {
    let doc = d.document();
    let mut out = Vec::new();
    let add = DocumentFigures::new(lx, doc, mode);
    for (i, u) in doc.units.iter().enumerate() {
        for g in d.goals(i) {
            add.goal(&mut out, u.name.as_deref(), &g);
        }
    }
    out
}

/// [`figures`] of a document as [`crate::run::read_extracted`] gives it.
pub fn extracted_figures(
    lx: &Lexicon,
    e: &crate::run::Extracted<'_>,
    mode: TargetMode,
) -> Vec<Figure> {
    match e {
        crate::run::Extracted::Whole(d) => figures(lx, d, mode),
        crate::run::Extracted::Deferred(d) => deferred_figures(lx, d, mode),
    }
}

/// What the figures of one document share.
struct DocumentFigures {
    document: std::sync::Arc<str>,
    year: Option<i32>,
    mid_year: bool,
    mode: TargetMode,
}

impl DocumentFigures {
    fn new(lx: &Lexicon, d: &Document, mode: TargetMode) -> Self {
        DocumentFigures {
            document: d.path.as_str().into(),
            year: d.year,
            mid_year: mid_year(lx, d),
            mode,
        }
    }

    fn goal(&self, out: &mut Vec<Figure>, unit: Option<&str>, g: &crate::model::Goal) {
        for t in g.targets.iter().filter(|t| t.mode == self.mode) {
            out.push(Figure {
                document: self.document.clone(),
                year: self.year,
                mid_year: self.mid_year,
                unit: unit.map(str::to_string),
                target: t.clone(),
            });
        }
    }
}

/// Whether a plan target and a report figure speak of the same indicator.
fn same_indicator(a: &Target, b: &Target) -> bool {
    match (&a.indicator, &b.indicator) {
        (Some(x), Some(y)) => x.id == y.id,
        _ => a.what.is_some() && a.what == b.what,
    }
}

/// Lower is better for upper bounds (`以内`, `不超过`) and ranks.
fn lower_is_better(t: &Target) -> bool {
    matches!(t.comparator, Comparator::Lte | Comparator::Lt) || t.kind == TargetKind::Rank
}

/// A report of the first half of a year (`上半年`, `半年总结`, `1-6月`).
fn mid_year(lx: &Lexicon, d: &Document) -> bool {
    let title = d.title.as_ref().map_or("", |t| t.text.as_str());
    lx.words(WordRole::HalfYearLabel).iter().any(|w| {
        let w: String = w.iter().collect();
        title.contains(&w) || d.path.contains(&w)
    })
}

/// Hold every plan target of `plans` against the figures of `reports`.
pub fn track(lx: &Lexicon, plans: &[Document], reports: &[Document]) -> Vec<Tracked> {
    let of = |docs: &[Document], mode| -> Vec<Figure> {
        docs.iter().flat_map(|d| figures(lx, d, mode)).collect()
    };
    track_figures(
        &of(plans, TargetMode::Target),
        &of(reports, TargetMode::Achievement),
    )
}

/// Hold every plan target (mode `target`) of `plans` against the report
/// figures (mode `achievement`) of `reports`, both in document order.
///
/// Only figures of the same named unit can pair, so the reports are looked
/// up by unit: the work grows with the figures of each unit, not with the
/// product of all plans and all reports.
pub fn track_figures(plans: &[Figure], reports: &[Figure]) -> Vec<Tracked> {
    let mut by_unit: std::collections::HashMap<&str, Vec<&Figure>> = Default::default();
    for r in reports {
        if let Some(u) = r.unit.as_deref() {
            by_unit.entry(u).or_default().push(r);
        }
    }
    let mut out = Vec::with_capacity(plans.len());
    for p in plans {
        let pt = &p.target;
        let candidates: Vec<&Figure> = p
            .unit
            .as_deref()
            .and_then(|u| by_unit.get(u))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|r| same_indicator(pt, &r.target))
            .filter(|r| match (p.year, r.year) {
                (Some(a), Some(b)) => b >= a,
                _ => true,
            })
            .collect();
        let same_unit: Vec<&Figure> = candidates
            .iter()
            .copied()
            .filter(|r| r.target.unit == pt.unit)
            .collect();
        let mut row = Tracked {
            plan: p.document.to_string(),
            unit: p.unit.clone(),
            what: pt.what.clone(),
            indicator_id: pt.indicator.as_ref().map(|i| i.id.clone()),
            target_text: pt.text.clone(),
            target: pt.value,
            target_unit: pt.unit.clone(),
            report: None,
            reported_text: None,
            reported: None,
            attainment: None,
            status: Status::NotReported,
            note: None,
        };
        match same_unit[..] {
            [] if candidates.is_empty() => {}
            [] => {
                let r = candidates[0];
                row.report = Some(r.document.to_string());
                row.reported_text = Some(r.target.text.clone());
                row.status = Status::NotComparable;
                row.note = Some(format!("unit {} against {}", pt.unit, r.target.unit));
            }
            [r] => {
                let rt = &r.target;
                row.report = Some(r.document.to_string());
                row.reported_text = Some(rt.text.clone());
                row.reported = Some(rt.value);
                let lower = lower_is_better(pt);
                let att = if lower {
                    (rt.value > 0.0).then(|| pt.value / rt.value)
                } else {
                    (pt.value != 0.0).then(|| rt.value / pt.value)
                };
                row.attainment = att;
                let met = if lower {
                    rt.value <= pt.value
                } else {
                    rt.value >= pt.value
                };
                // Halfway through the year, a cumulative figure at half of
                // its annual target is on track; a rate or a bound is judged
                // as it stands.
                let cumulative = !lower
                    && matches!(
                        pt.kind,
                        TargetKind::Count
                            | TargetKind::Money
                            | TargetKind::Area
                            | TargetKind::Length
                            | TargetKind::Weight
                            | TargetKind::Volume
                    );
                row.status = if met {
                    Status::Met
                } else if r.mid_year && cumulative && att.is_some_and(|a| a >= 0.5) {
                    Status::OnTrack
                } else {
                    Status::Behind
                };
            }
            [..] => {
                row.status = Status::NotComparable;
                let all: Vec<String> = same_unit
                    .iter()
                    .map(|r| format!("{} ({})", r.target.text, r.document))
                    .collect();
                row.note = Some(format!("ambiguous: {}", all.join("; ")));
            }
        }
        out.push(row);
    }
    out
}

/// CSV, UTF-8 with a byte-order mark.
pub fn csv(rows: &[Tracked]) -> Result<String, crate::error::RenderError> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(crate::audit::BOM.as_bytes().to_vec());
    w.write_record([
        "plan",
        "unit",
        "what",
        "indicator_id",
        "target_text",
        "target",
        "target_unit",
        "report",
        "reported_text",
        "reported",
        "attainment",
        "status",
        "note",
    ])?;
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let f = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    for r in rows {
        w.write_record([
            r.plan.clone(),
            o(&r.unit),
            o(&r.what),
            o(&r.indicator_id),
            r.target_text.clone(),
            r.target.to_string(),
            r.target_unit.clone(),
            o(&r.report),
            o(&r.reported_text),
            f(r.reported),
            r.attainment.map(|a| format!("{a:.3}")).unwrap_or_default(),
            r.status.as_str().to_string(),
            o(&r.note),
        ])?;
    }
    let bytes = w.into_inner()?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Plain text, one line per plan target.
pub fn text(rows: &[Tracked]) -> String {
    let mut out = String::new();
    for r in rows {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            r.unit.as_deref().unwrap_or("-"),
            r.what.as_deref().unwrap_or("-"),
            r.target_text,
            r.reported_text.as_deref().unwrap_or("-"),
            r.attainment
                .map(|a| format!("{:.0}%", a * 100.0))
                .unwrap_or_else(|| "-".into()),
            r.status.as_str(),
            r.note.as_deref().unwrap_or(""),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, town: &str, genre: &str, value: &str) -> Document {
        let text =
            format!("{town}2023年工作{genre}\n一、经济发展\n1.全年完成固定资产投资{value}亿元。\n");
        crate::extractor_for_tests().extract_text(path, &text, "UTF-8", "", text.len())
    }

    /// Reports are looked up by unit: another town's figure never pairs,
    /// and when one unit reports twice both are named, in report order.
    #[test]
    fn figures_pair_within_their_unit_in_report_order() {
        let lx = crate::lexicon::for_tests();
        let plan = doc("plan.txt", "桐溪镇", "计划", "12");
        let a = doc("a.txt", "桐溪镇", "总结", "13");
        let b = doc("b.txt", "桐溪镇", "总结", "11");
        let other = doc("c.txt", "石门镇", "总结", "13");
        let one = |reports: &[Document]| {
            let rows = track(lx, std::slice::from_ref(&plan), reports);
            assert_eq!(rows.len(), 1, "{rows:?}");
            rows.into_iter().next().expect("a row")
        };
        assert_eq!(
            one(std::slice::from_ref(&other)).status,
            Status::NotReported
        );
        let met = one(&[other.clone(), a.clone()]);
        assert_eq!(met.status, Status::Met);
        assert_eq!(met.report.as_deref(), Some("a.txt"));
        let both = one(&[b, other, a]);
        assert_eq!(both.status, Status::NotComparable);
        let note = both.note.unwrap_or_default();
        assert!(
            note.find("b.txt") < note.find("a.txt") && note.contains("a.txt"),
            "{note}"
        );
    }
}
