//! Markdown (GitHub-flavoured tables), for pasting into an issue or a wiki.

use super::AuditReport;
use super::grid::{self, Align, Grid};

pub(crate) fn render(r: &AuditReport) -> String {
    let mut out = String::from("# 可考核性审计\n\n");
    out.push_str(&escape(&grid::headline(r)));
    out.push('\n');
    for g in grid::grids(r) {
        out.push_str("\n## ");
        out.push_str(g.title);
        out.push_str("\n\n");
        if g.rows.is_empty() {
            out.push_str("（无）\n");
        } else {
            table(&mut out, &g);
        }
    }
    out
}

fn table(out: &mut String, g: &Grid) {
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = String>| {
        out.push('|');
        for c in cells {
            out.push(' ');
            out.push_str(&c);
            out.push_str(" |");
        }
        out.push('\n');
    };
    line(out, &mut g.columns.iter().map(|c| escape(c.header)));
    line(
        out,
        &mut g.columns.iter().map(|c| match c.align {
            Align::Left => "---".to_string(),
            Align::Right => "---:".to_string(),
        }),
    );
    for r in &g.rows {
        line(out, &mut r.iter().map(|c| escape(c)));
    }
    if let Some(f) = &g.footer {
        line(
            out,
            &mut f.iter().map(|c| {
                if c.is_empty() {
                    String::new()
                } else {
                    format!("**{}**", escape(c))
                }
            }),
        );
    }
}

/// A cell on one line, with the characters that would break the table or
/// turn into emphasis, code, links or HTML escaped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in super::one_line(s).chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            // Would open an HTML tag in most renderers.
            '<' => out.push_str("&lt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::fixture;

    /// Table rows (header and delimiter excluded) under each `## ` heading.
    fn row_counts(md: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for section in md.split("\n## ").skip(1) {
            let title = section.lines().next().unwrap_or_default().to_string();
            let rows = section.lines().filter(|l| l.starts_with('|')).count();
            out.push((title, rows.saturating_sub(2)));
        }
        out
    }

    /// Cells of a row, honouring `\|`.
    fn cells(line: &str) -> usize {
        let mut n: usize = 0;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '|' if !escaped => n += 1,
                _ => escaped = false,
            }
        }
        n.saturating_sub(1)
    }

    #[test]
    fn tables_have_one_row_per_item() {
        let r = fixture::report();
        let md = render(&r);
        let counts: Vec<usize> = row_counts(&md).into_iter().map(|(_, n)| n).collect();
        assert_eq!(counts, vec![2 + 1, 4, 8, 3, 2], "{md}");
        assert_eq!(
            counts,
            vec![
                r.documents.len() + 1,
                r.units.len(),
                r.domains.len(),
                r.vague_plan_goals.len(),
                r.quantified_without_deadline.len()
            ]
        );
    }

    #[test]
    fn every_row_has_as_many_cells_as_the_header() {
        let md = render(&fixture::report());
        for section in md.split("\n## ").skip(1) {
            let rows: Vec<&str> = section.lines().filter(|l| l.starts_with('|')).collect();
            let n = cells(rows[0]);
            assert!(n >= 5);
            for r in &rows {
                assert_eq!(cells(r), n, "{r}");
            }
        }
    }

    #[test]
    fn pipes_and_markup_are_escaped() {
        let md = render(&fixture::report());
        assert!(md.contains(r"深化“放管服”改革 \| 优化&lt;b>营商&lt;/b>环境 & 服务…"));
        assert!(!md.contains("<b>"));
        assert_eq!(escape("a|b\nc"), r"a\|b c");
        assert_eq!(escape("x_y*z"), r"x\_y\*z");
        assert!(md.contains("| 区委考核指标 > 大党建 |"));
    }

    #[test]
    fn empty_lists_say_so() {
        let md = render(&AuditReport::build(&[]));
        assert_eq!(md.matches("（无）").count(), 5);
        assert!(row_counts(&md).iter().all(|(_, n)| *n == 0));
    }
}
