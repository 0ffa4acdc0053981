//! The report as titled tables of strings, shared by the terminal, Markdown
//! and HTML renderers so the three always show the same figures.

use super::{AuditReport, Counts, GoalRow, Tally};
use crate::model::Measurability;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub header: &'static str,
    pub align: Align,
    /// Widest the terminal table lets a cell be (display columns).
    pub max_width: usize,
    /// A short name (file, unit, label, domain) that HTML keeps on one
    /// line rather than wrap it a character per line in a narrow column.
    pub key: bool,
}

/// Running text, which may wrap.
const fn text(header: &'static str, max_width: usize) -> Column {
    Column {
        header,
        align: Align::Left,
        max_width,
        key: false,
    }
}

/// A short name, kept on one line.
const fn key(header: &'static str, max_width: usize) -> Column {
    Column {
        header,
        align: Align::Left,
        max_width,
        key: true,
    }
}

const fn number(header: &'static str) -> Column {
    Column {
        header,
        align: Align::Right,
        max_width: 24,
        key: false,
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Grid {
    /// Anchor for HTML.
    pub id: &'static str,
    pub title: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// A totals row, shown apart from the others.
    pub footer: Option<Vec<String>>,
}

pub(crate) const Q: &str = "量化";
pub(crate) const B: &str = "是否型";
pub(crate) const V: &str = "模糊";

/// The Chinese word for a measurability.
pub(crate) fn zh(m: Measurability) -> &'static str {
    match m {
        Measurability::Quantified => Q,
        Measurability::Binary => B,
        Measurability::Vague => V,
    }
}

/// `33.3%`.
pub(crate) fn pct(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// `4 (33.3%)`, or `0` when there is nothing to take a share of.
fn count_share(c: &Counts, m: Measurability) -> String {
    if c.total == 0 {
        "0".to_string()
    } else {
        format!("{} ({})", c.get(m), pct(c.share(m)))
    }
}

/// `4 (2/1/1)`: achievements, then quantified/binary/vague among them.
fn achievements(c: &Counts) -> String {
    if c.total == 0 {
        "0".to_string()
    } else {
        format!("{} ({}/{}/{})", c.total, c.quantified, c.binary, c.vague)
    }
}

fn tally_cells(t: &Tally) -> [String; 5] {
    [
        t.plan.total.to_string(),
        count_share(&t.plan, Measurability::Quantified),
        count_share(&t.plan, Measurability::Binary),
        count_share(&t.plan, Measurability::Vague),
        achievements(&t.achievement),
    ]
}

const TALLY_COLUMNS: [Column; 5] = [
    number("计划目标"),
    number(Q),
    number(B),
    number(V),
    number("已完成事项(量化/是否/模糊)"),
];

fn with_tally(first: &[Column]) -> Vec<Column> {
    first.iter().chain(TALLY_COLUMNS.iter()).copied().collect()
}

fn row(first: Vec<String>, t: &Tally) -> Vec<String> {
    first.into_iter().chain(tally_cells(t)).collect()
}

/// One sentence of totals.
pub(crate) fn headline(r: &AuditReport) -> String {
    let p = &r.totals.plan;
    format!(
        "{} 个文件，{} 个单位。计划目标 {} 个：{} {}，{} {}，{} {}；已完成事项 {} 个。",
        r.documents.len(),
        r.units.len(),
        p.total,
        Q,
        count_share(p, Measurability::Quantified),
        B,
        count_share(p, Measurability::Binary),
        V,
        count_share(p, Measurability::Vague),
        r.totals.achievement.total,
    )
}

const DOC: Column = key("文件", 32);
const UNIT: Column = key("单位", 20);
const SECTION: Column = text("章节", 30);
const LABEL: Column = key("编号", 8);
const OPENING: Column = text("开头", 62);

fn goal_grid(id: &'static str, title: &'static str, goals: &[GoalRow], with_reason: bool) -> Grid {
    let mut columns = vec![DOC, UNIT, SECTION, LABEL];
    if with_reason {
        columns.push(text("依据", 20));
    }
    columns.push(OPENING);
    let rows = goals
        .iter()
        .map(|g| {
            let mut cells = vec![
                g.document.clone(),
                g.unit.clone(),
                g.section(),
                g.label.clone().unwrap_or_default(),
            ];
            if with_reason {
                cells.push(super::reason_zh(&g.reason));
            }
            cells.push(g.opening.clone());
            cells
        })
        .collect();
    Grid {
        id,
        title,
        columns,
        rows,
        footer: None,
    }
}

/// The report's tables, in reading order.
pub(crate) fn grids(r: &AuditReport) -> Vec<Grid> {
    let documents = Grid {
        id: "documents",
        title: "按文件统计",
        columns: with_tally(&[DOC, number("单位数")]),
        rows: r
            .documents
            .iter()
            .map(|d| row(vec![d.document.clone(), d.units.to_string()], &d.goals))
            .collect(),
        footer: Some(row(
            vec!["合计".to_string(), r.units.len().to_string()],
            &r.totals,
        )),
    };
    let units = Grid {
        id: "units",
        title: "按单位统计",
        columns: with_tally(&[DOC, UNIT]),
        rows: r
            .units
            .iter()
            .map(|u| row(vec![u.document.clone(), u.unit.clone()], &u.goals))
            .collect(),
        footer: None,
    };
    let domains = Grid {
        id: "domains",
        title: "按领域统计",
        columns: with_tally(&[key("领域", 10)]),
        rows: r
            .domains
            .iter()
            .map(|d| row(vec![d.domain_zh.clone()], &d.goals))
            .collect(),
        footer: None,
    };
    vec![
        documents,
        units,
        domains,
        goal_grid(
            "vague",
            "模糊的计划目标（无数字、无是否承诺）",
            &r.vague_plan_goals,
            false,
        ),
        goal_grid(
            "no-deadline",
            "量化但无时限的计划目标",
            &r.quantified_without_deadline,
            true,
        ),
    ]
}
