//! Indicator tables: a header row (`序号 | 指标名称 | 单位 | 目标值 | 完成时限 |
//! 责任单位`) names what each column holds; each following row of the same
//! kind is one goal, its targets read from the value cells with the unit
//! cell, its deadline from the time cell and its what from the name cell.
//!
//! Rows come as lines whose cells are separated by tabs (tables of Word
//! files and web pages, tab-separated text) or by `|` (text tables).

use crate::lexicon::TableColumn;
use crate::model::Span;
use crate::text::{Text, is_space};

/// How a line separates its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    Tab,
    Bar,
}

/// The cells of a line: its separator and each cell's span, trimmed
/// (possibly empty). `None` when the line has no separator. Bars that open
/// and close a `|` row (`| 1 | 粮食总产量 |`) do not make empty cells.
pub(crate) fn cells(t: &Text, line: Span) -> Option<(Sep, Vec<Span>)> {
    let cs = t.chars_in(line);
    let sep = if cs.contains(&'\t') {
        Sep::Tab
    } else if cs.iter().filter(|&&c| c == '|').count() >= 2 {
        Sep::Bar
    } else {
        return None;
    };
    let mark = match sep {
        Sep::Tab => '\t',
        Sep::Bar => '|',
    };
    let mut out = Vec::new();
    let mut start = line.start;
    for j in line.start..=line.end {
        if j == line.end || t.chars[j] == mark {
            let (mut a, mut b) = (start, j);
            while a < b && is_space(t.chars[a]) {
                a += 1;
            }
            while b > a && is_space(t.chars[b - 1]) {
                b -= 1;
            }
            out.push(Span::new(a, b));
            start = j + 1;
        }
    }
    if sep == Sep::Bar {
        if cs.first() == Some(&'|') && out.first().is_some_and(|c| c.is_empty()) {
            out.remove(0);
        }
        if cs.last() == Some(&'|') && out.last().is_some_and(|c| c.is_empty()) {
            out.pop();
        }
    }
    Some((sep, out))
}

/// Longest header label read as one (longer cells are data).
const MAX_LABEL: usize = 16;

/// The columns of an indicator table, from its header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Columns {
    pub sep: Sep,
    /// The role of each cell of the header, by position.
    pub roles: Vec<Option<TableColumn>>,
}

impl Columns {
    fn position(&self, role: TableColumn) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }
}

/// The columns a header row names, when it is the header of an indicator
/// table: three or more short cells without sentences or figures, one of
/// them naming what the row is about and one a value (target or actual).
pub(crate) fn header(t: &Text, line: Span) -> Option<Columns> {
    let (sep, cells) = cells(t, line)?;
    if cells.len() < 3 {
        return None;
    }
    let mut roles = Vec::with_capacity(cells.len());
    for c in &cells {
        let cs: Vec<char> = t
            .folded(*c)
            .chars()
            .filter(|ch| !ch.is_whitespace())
            .collect();
        if cs.len() > MAX_LABEL
            || cs
                .iter()
                .any(|&ch| matches!(ch, '。' | ',' | ';' | '%' | '.'))
            || (!cs.is_empty() && cs.iter().all(|ch| ch.is_ascii_digit()))
        {
            return None;
        }
        roles.push(t.lexicon().table_column(&cs));
    }
    let columns = Columns { sep, roles };
    let has = |r| columns.position(r).is_some();
    (has(TableColumn::Name) && (has(TableColumn::Target) || has(TableColumn::Actual)))
        .then_some(columns)
}

/// A value column of a row: its cell and whether it is a value to reach
/// (`true`) or one reached.
pub type ValueCell = (Span, bool);

/// One row of an indicator table, its cells by what they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub span: Span,
    pub name: Option<Span>,
    pub unit: Option<Span>,
    pub values: Vec<ValueCell>,
    pub deadline: Option<Span>,
}

/// What a line is under a table header.
pub(crate) enum RowKind {
    /// A data row: one goal.
    Data(Row),
    /// A row that holds nothing to read (the header repeated on a new page,
    /// a `|---|---|` rule, a row of empty cells).
    Skip,
    /// Not a row of this table.
    Outside,
}

/// Read `line` as a row of the table whose header gave `columns`. A row
/// has the header's separator and at most as many cells (trailing empty
/// cells are trimmed off a line); cells are read by position.
pub(crate) fn row(t: &Text, line: Span, columns: &Columns) -> RowKind {
    let Some((sep, cells)) = cells(t, line) else {
        return RowKind::Outside;
    };
    if sep != columns.sep || cells.len() < 2 || cells.len() > columns.roles.len() {
        return RowKind::Outside;
    }
    if header(t, line).is_some() {
        return RowKind::Skip;
    }
    let rule = cells.iter().all(|c| {
        t.chars_in(*c)
            .iter()
            .all(|&ch| matches!(ch, '-' | ':' | '—' | ' '))
    });
    if rule {
        return RowKind::Skip;
    }
    let cell = |role: TableColumn| {
        columns
            .position(role)
            .and_then(|i| cells.get(i).copied())
            .filter(|c| !c.is_empty())
    };
    let values = columns
        .roles
        .iter()
        .zip(&cells)
        .filter(|(_, c)| !c.is_empty())
        .filter_map(|(r, c)| match r {
            Some(TableColumn::Target) => Some((*c, true)),
            Some(TableColumn::Actual) => Some((*c, false)),
            _ => None,
        })
        .collect();
    RowKind::Data(Row {
        span: line,
        name: cell(TableColumn::Name),
        unit: cell(TableColumn::Unit),
        values,
        deadline: cell(TableColumn::Deadline),
    })
}

/// Longest line between two parts of a table that leaves the table open
/// (a category row such as `一、经济发展` merged across the columns).
const MAX_BRIDGE: usize = 24;

/// May the line at `line`, which is not a row, stand inside a table whose
/// rows continue on the line after it?
pub(crate) fn bridges(t: &Text, line: Span, next: Option<Span>, columns: &Columns) -> bool {
    let cs = t.chars_in(line);
    cs.len() <= MAX_BRIDGE
        && !cs.iter().any(|&c| matches!(c, '。' | ';'))
        && next.is_some_and(|n| matches!(row(t, n, columns), RowKind::Data(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> (Text<'static>, Vec<Span>) {
        let t = Text::new(s, crate::lexicon::for_tests());
        let lines = crate::clean::lines(&t)
            .into_iter()
            .map(|l| l.span)
            .collect();
        (t, lines)
    }

    #[test]
    fn headers_name_their_columns() {
        let (t, l) = text("序号 | 指标名称 | 单位 | 目标值 | 完成时限 | 责任单位");
        let c = header(&t, l[0]).expect("a header");
        use TableColumn::*;
        assert_eq!(
            c.roles,
            vec![
                Some(Serial),
                Some(Name),
                Some(Unit),
                Some(Target),
                Some(Deadline),
                Some(Owner)
            ]
        );
        assert_eq!(c.sep, Sep::Bar);
        let (t, l) = text("| 项目 | 计量单位 | 2023年完成 | 2024年目标 | 牵头单位 |");
        let c = header(&t, l[0]).expect("a header");
        assert_eq!(
            c.roles,
            vec![
                Some(Name),
                Some(Unit),
                Some(Actual),
                Some(Target),
                Some(Owner)
            ]
        );
        let (t, l) = text("序号\t重点任务\t目标要求\t完成时间\t责任科室");
        assert_eq!(header(&t, l[0]).map(|c| c.sep), Some(Sep::Tab));
    }

    #[test]
    fn what_is_not_a_header() {
        // A data row, a score table without a value column, a sentence.
        for s in [
            "1 | 地区生产总值 | 亿元 | 12.5 | 年底 | 经发办",
            "| 考核指标 | 分值 | 考核标准 | 牵头部门 |",
            "指标名称\t目标值",
            "全年完成指标任务,目标值|单位|达到",
        ] {
            let (t, l) = text(s);
            assert_eq!(header(&t, l[0]), None, "{s}");
        }
    }

    #[test]
    fn rows_read_by_position() {
        let (t, l) = text(
            "序号\t指标名称\t单位\t目标值\t完成时限\t责任单位\n1\t地区生产总值\t亿元\t12.5\t2024年12月底\t经发办\n2\t新增城镇就业\t人\t1800\t11月底\n全镇各村要严格对照目标抓落实。",
        );
        let c = header(&t, l[0]).expect("a header");
        let RowKind::Data(r) = row(&t, l[1], &c) else {
            panic!("a row")
        };
        assert_eq!(r.name.map(|s| t.slice(s)), Some("地区生产总值"));
        assert_eq!(r.unit.map(|s| t.slice(s)), Some("亿元"));
        assert_eq!(
            r.values
                .iter()
                .map(|(s, target)| (t.slice(*s), *target))
                .collect::<Vec<_>>(),
            vec![("12.5", true)]
        );
        assert_eq!(r.deadline.map(|s| t.slice(s)), Some("2024年12月底"));
        // The empty last cell was trimmed off the line: still a row.
        assert!(matches!(row(&t, l[2], &c), RowKind::Data(_)));
        assert!(matches!(row(&t, l[3], &c), RowKind::Outside));
        assert!(matches!(row(&t, l[0], &c), RowKind::Skip));
    }
}
