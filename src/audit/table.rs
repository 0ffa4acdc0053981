//! Plain-text tables for a terminal.
//!
//! Widths are display columns ([`unicode_width`]): a Chinese character takes
//! two, so padding by `char` count would misalign every CJK row. Long cells
//! are cut to their column's `max_width` with `…`. Every line of a table,
//! last column included, is padded to the same width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::AuditReport;
use super::grid::{self, Align, Grid};

const GAP: &str = "  ";

pub(crate) fn render(r: &AuditReport) -> String {
    let mut out = String::from("可考核性审计 (zhibiao audit)\n");
    out.push_str(&grid::headline(r));
    out.push('\n');
    for g in grid::grids(r) {
        out.push('\n');
        out.push_str(g.title);
        out.push('\n');
        if g.rows.is_empty() {
            out.push_str("（无）\n");
            continue;
        }
        for line in lines(&g) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The table's lines: header, rule, rows, and rule and footer if any.
pub(crate) fn lines(g: &Grid) -> Vec<String> {
    let all_rows = || g.rows.iter().chain(g.footer.iter());
    let widths: Vec<usize> = g
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let widest = all_rows()
                .map(|r| r.get(i).map_or(0, |s| s.width()))
                .max()
                .unwrap_or(0);
            widest.min(c.max_width).max(c.header.width())
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = g
            .columns
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, &w))| {
                let cell = cells.get(i).map_or("", String::as_str);
                pad(&fit(cell, w), w, c.align)
            })
            .collect();
        parts.join(GAP)
    };
    let rule = widths
        .iter()
        .map(|&w| "-".repeat(w))
        .collect::<Vec<_>>()
        .join(GAP);
    let headers: Vec<String> = g.columns.iter().map(|c| c.header.to_string()).collect();
    let mut out = vec![line(&headers), rule.clone()];
    out.extend(g.rows.iter().map(|r| line(r)));
    if let Some(f) = &g.footer {
        out.push(rule);
        out.push(line(f));
    }
    out
}

/// The cell cut to at most `width` display columns, ending in `…` when cut.
pub(crate) fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    // Per-character widths can undercount some sequences; trust the string.
    while out.width() > room {
        out.pop();
    }
    if width > 0 {
        out.push('…');
    }
    out
}

fn pad(s: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    match align {
        Align::Left => format!("{s}{fill}"),
        Align::Right => format!("{fill}{s}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::fixture;

    /// Tables in the rendered text: the lines after each title up to a blank
    /// line, skipping tables that say `（无）`.
    fn tables(out: &str) -> Vec<Vec<&str>> {
        let mut found = Vec::new();
        for block in out.split("\n\n").skip(1) {
            let body: Vec<&str> = block.lines().skip(1).collect();
            if body != ["（无）"] {
                found.push(body);
            }
        }
        found
    }

    #[test]
    fn every_row_of_a_table_has_the_same_display_width() {
        let out = render(&fixture::report());
        let ts = tables(&out);
        assert_eq!(ts.len(), 5, "{out}");
        for t in ts {
            assert!(t.len() >= 3, "{t:?}");
            let w = t[0].width();
            for l in &t {
                assert_eq!(l.width(), w, "misaligned line {l:?} in\n{}", t.join("\n"));
            }
        }
    }

    #[test]
    fn columns_line_up_under_cjk_text() {
        let out = render(&fixture::report());
        let units: Vec<&str> = tables(&out)[1].clone();
        // "计划目标" is right-aligned: the plan total of every row ends in the
        // display column where the header ends.
        let start = units[0].find("计划目标").map(|i| units[0][..i].width());
        let end = start.map_or(0, |s| s + "计划目标".width());
        assert!(end > 0, "{units:?}");
        for l in &units[2..] {
            let prefix = take_width(l, end);
            assert_eq!(prefix.width(), end, "{l:?}");
            assert!(
                prefix.ends_with(|c: char| c.is_ascii_digit()),
                "no number ends at column {end}: {l:?}"
            );
        }
    }

    fn take_width(s: &str, width: usize) -> String {
        let mut out = String::new();
        for c in s.chars() {
            if out.width() + c.width().unwrap_or(0) > width {
                break;
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn long_cells_are_cut_with_an_ellipsis() {
        let s = "深化放管服改革优化营商环境持续提升群众满意度";
        let f = fit(s, 11);
        assert_eq!(f, "深化放管服…");
        assert!(f.width() <= 11);
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 3), "ab…");
        // A wide character that does not fit whole is left out.
        assert_eq!(fit("ab深化", 4), "ab…");
    }

    #[test]
    fn lists_and_empty_lists() {
        let out = render(&fixture::report());
        assert!(out.contains("（未命名单位 1）"), "{out}");
        assert!(out.contains("打造基层治理品牌。"));
        assert!(out.contains("合计"));
        let empty = render(&crate::audit::AuditReport::build(&[]));
        assert_eq!(empty.matches("（无）").count(), 5, "{empty}");
        assert!(empty.contains("计划目标 0 个"));
    }
}
