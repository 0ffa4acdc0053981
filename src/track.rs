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

struct Figure<'a> {
    doc: &'a Document,
    unit: Option<&'a str>,
    t: &'a Target,
}

fn figures(docs: &[Document], mode: TargetMode) -> Vec<Figure<'_>> {
    let mut out = Vec::new();
    for d in docs {
        for u in &d.units {
            for g in &u.goals {
                for t in g.targets.iter().filter(|t| t.mode == mode) {
                    out.push(Figure {
                        doc: d,
                        unit: u.name.as_deref(),
                        t,
                    });
                }
            }
        }
    }
    out
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
    let reported = figures(reports, TargetMode::Achievement);
    let mut out = Vec::new();
    for p in figures(plans, TargetMode::Target) {
        let candidates: Vec<&Figure> = reported
            .iter()
            .filter(|r| r.unit.is_some() && r.unit == p.unit)
            .filter(|r| same_indicator(p.t, r.t))
            .filter(|r| match (p.doc.year, r.doc.year) {
                (Some(a), Some(b)) => b >= a,
                _ => true,
            })
            .collect();
        let same_unit: Vec<&&Figure> = candidates.iter().filter(|r| r.t.unit == p.t.unit).collect();
        let mut row = Tracked {
            plan: p.doc.path.clone(),
            unit: p.unit.map(str::to_string),
            what: p.t.what.clone(),
            indicator_id: p.t.indicator.as_ref().map(|i| i.id.clone()),
            target_text: p.t.text.clone(),
            target: p.t.value,
            target_unit: p.t.unit.clone(),
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
                row.report = Some(r.doc.path.clone());
                row.reported_text = Some(r.t.text.clone());
                row.status = Status::NotComparable;
                row.note = Some(format!("unit {} against {}", p.t.unit, r.t.unit));
            }
            [r] => {
                row.report = Some(r.doc.path.clone());
                row.reported_text = Some(r.t.text.clone());
                row.reported = Some(r.t.value);
                let lower = lower_is_better(p.t);
                let att = if lower {
                    (r.t.value > 0.0).then(|| p.t.value / r.t.value)
                } else {
                    (p.t.value != 0.0).then(|| r.t.value / p.t.value)
                };
                row.attainment = att;
                let met = if lower {
                    r.t.value <= p.t.value
                } else {
                    r.t.value >= p.t.value
                };
                // Halfway through the year, a cumulative figure at half of
                // its annual target is on track; a rate or a bound is judged
                // as it stands.
                let cumulative = !lower
                    && matches!(
                        p.t.kind,
                        TargetKind::Count
                            | TargetKind::Money
                            | TargetKind::Area
                            | TargetKind::Length
                            | TargetKind::Weight
                            | TargetKind::Volume
                    );
                row.status = if met {
                    Status::Met
                } else if mid_year(lx, r.doc) && cumulative && att.is_some_and(|a| a >= 0.5) {
                    Status::OnTrack
                } else {
                    Status::Behind
                };
            }
            [..] => {
                row.status = Status::NotComparable;
                let all: Vec<String> = same_unit
                    .iter()
                    .map(|r| format!("{} ({})", r.t.text, r.doc.path))
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
