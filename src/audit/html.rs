//! One self-contained HTML page: explanation, a stacked bar chart of plan
//! goals per unit in inline SVG (units grouped under their document), and
//! the report's tables, each in a box that scrolls sideways on a narrow
//! screen.
//!
//! Nothing is loaded from anywhere: the CSS is inline, the chart is inline
//! SVG, the fonts are whatever CJK font the reader's system has. All text
//! from documents goes through [`escape`].

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::grid::{self, Align, Grid};
use super::{AuditReport, DocumentRow, UnitRow};
use crate::model::Measurability;

pub(crate) const STYLE: &str = r#"
body{margin:0;background:#f7f7f5;color:#1f2328;font:15px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:26px;margin:8px 0 4px}
h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid #d8dee4;padding-bottom:4px}
.lead{font-size:17px}
dl.kinds{display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;margin:8px 0}
dl.kinds dt{font-weight:bold;white-space:nowrap}
dl.kinds dd{margin:0}
.sw{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px;border-radius:2px}
span.q{background:#009e73}span.b{background:#56b4e9}span.v{background:#e69f00}
rect.q{fill:#009e73}rect.b{fill:#56b4e9}rect.v{fill:#e69f00}
.chart{margin:8px 0;width:fit-content;max-width:100%;box-sizing:border-box;overflow-x:auto;background:#fff;border:1px solid #d8dee4;padding:8px}
.chart figcaption{color:#6e7781;font-size:13px}
svg{font-family:inherit;display:block}
svg .u{font-size:13px;fill:#1f2328}
svg .d{font-size:12px;font-weight:bold;fill:#57606a}
svg .dt{font-weight:normal}
svg .sep{stroke:#d8dee4;stroke-width:1}
svg .n{font-size:12px;fill:#1f2328}
svg .in{font-size:11px;fill:#fff;font-weight:bold}
svg .lg{font-size:13px;fill:#1f2328}
.scroll{overflow-x:auto;margin:8px 0}
table{border-collapse:collapse;width:100%;margin:0;font-size:14px;background:#fff}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}
th.k,td.k{white-space:nowrap}
th.t,td.t{min-width:9em}
th.n,td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tbody tr:nth-child(even){background:#fafbfc}
tfoot td{font-weight:bold;background:#eef1f4}
.empty{color:#6e7781}
footer{margin-top:40px;color:#6e7781;font-size:13px}
"#;

pub(crate) fn render(r: &AuditReport) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>可考核性审计</title>\n<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<main>\n<h1>可考核性审计</h1>\n");
    let _ = writeln!(h, "<p class=\"lead\">{}</p>", escape(&grid::headline(r)));
    explanation(&mut h);
    h.push_str("<h2 id=\"chart\">各单位计划目标的可考核性</h2>\n");
    chart(&mut h, &r.units, &r.documents);
    for g in grid::grids(r) {
        table(&mut h, &g);
    }
    let _ = writeln!(
        h,
        "<footer>由 zhibiao {} 生成。</footer>\n</main>\n</body>\n</html>",
        escape(env!("CARGO_PKG_VERSION"))
    );
    h
}

fn explanation(h: &mut String) {
    h.push_str(concat!(
        "<h2 id=\"how\">怎么读这份报告</h2>\n",
        "<p>文件中的每一条目标，按年底能否核验分为三类：</p>\n",
        "<dl class=\"kinds\">\n",
        "<dt><span class=\"sw q\"></span>量化 (quantified)</dt>",
        "<dd>带有数字指标，如“新建3个莲藕专业村”“固定资产投资增长10%”。年底可以对数核验。</dd>\n",
        "<dt><span class=\"sw b\"></span>是否型 (binary)</dt>",
        "<dd>没有数字，但有能判断做到与否的承诺，如“不发生重大安全事故”“实现全覆盖”“通过复审”。</dd>\n",
        "<dt><span class=\"sw v\"></span>模糊 (vague)</dt>",
        "<dd>既无数字也无是否承诺，如“全面加强基层党组织建设”。年底难以客观考核。</dd>\n",
        "</dl>\n",
        "<p><b>计划目标</b>是文件要在今后做到的事；<b>已完成事项</b>是总结中报告已经做到的事，",
        "不是年终考核的对象，单独计数，表中写作“总数 (量化/是否/模糊)”。",
        "百分比是占该行计划目标的比例。<b>量化但无时限</b>的计划目标有数字却没有完成时间，",
        "可以衡量，但难以按期考核。</p>\n",
    ));
}

// Bar-chart geometry, shared with `track`'s page so both charts look alike.
pub(crate) const LEGEND_H: f64 = 30.0;
/// Height of the row naming a document above its units' bars.
const DOC_H: f64 = 26.0;
pub(crate) const ROW_H: f64 = 28.0;
pub(crate) const BAR_H: f64 = 18.0;
pub(crate) const BAR_W: f64 = 480.0;
/// Rough pixels per display column of the label font.
pub(crate) const PX_PER_COL: f64 = 7.0;
pub(crate) const LABEL_COLS: usize = 36;
/// Room for each of the three legend entries.
const LEGEND_STEP: f64 = 90.0;

/// Whether a segment `w` pixels wide has room for its count `n` inside.
pub(crate) fn count_fits(w: f64, n: usize) -> bool {
    let digits = n.to_string().len() as f64;
    w >= 8.0 * digits + 6.0
}

/// One bar per unit, the units of each document under a row naming it.
fn chart(h: &mut String, units: &[UnitRow], documents: &[DocumentRow]) {
    if units.is_empty() {
        h.push_str("<p class=\"empty\">（没有单位）</p>\n");
        return;
    }
    let label = |s: &str| super::table::fit(s, LABEL_COLS);
    let groups: Vec<&[UnitRow]> = units.chunk_by(|a, b| a.document == b.document).collect();
    let cols = units
        .iter()
        .map(|u| label(&u.unit).width())
        .max()
        .unwrap_or(0);
    let label_w = (cols as f64 * PX_PER_COL + 16.0).max(80.0);
    let max_total = units.iter().map(|u| u.goals.plan.total).max().unwrap_or(0);
    let scale = if max_total == 0 {
        0.0
    } else {
        BAR_W / max_total as f64
    };
    // As wide as the longest bar and its total need, the legend at least.
    let right = units
        .iter()
        .map(|u| {
            let n = u.goals.plan.total;
            n as f64 * scale + 6.0 + total_label(n).width() as f64 * PX_PER_COL
        })
        .fold(3.0 * LEGEND_STEP, f64::max);
    let width = (label_w + right + 8.0).ceil();
    let height = LEGEND_H + groups.len() as f64 * DOC_H + units.len() as f64 * ROW_H + 8.0;
    let _ = writeln!(
        h,
        "<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"chart-title\" \
         width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">\n\
         <title id=\"chart-title\">各单位计划目标：量化、是否型、模糊的个数</title>"
    );
    legend(h, label_w);
    let doc_cols = ((width - 8.0) / PX_PER_COL) as usize;
    let mut y = LEGEND_H;
    for group in groups {
        let doc = &group[0].document;
        let title = documents
            .iter()
            .find(|d| &d.document == doc)
            .and_then(|d| d.title.as_deref())
            .filter(|t| !t.is_empty());
        let name = super::table::fit(doc, doc_cols);
        let _ = write!(
            h,
            "<line class=\"sep\" x1=\"0\" x2=\"{width:.0}\" y1=\"{:.1}\" y2=\"{:.1}\"></line>\
             <text class=\"d\" x=\"4\" y=\"{:.1}\">{}",
            y + 2.5,
            y + 2.5,
            y + 19.0,
            escape(&name)
        );
        let room = doc_cols.saturating_sub(name.width() + 2);
        if let Some(t) = title
            && room >= 4
        {
            let _ = write!(
                h,
                "<tspan class=\"dt\">　{}</tspan>",
                escape(&super::table::fit(t, room))
            );
        }
        h.push_str("</text>\n");
        y += DOC_H;
        for u in group {
            bar(h, u, y, label_w, scale, &label(&u.unit));
            y += ROW_H;
        }
    }
    h.push_str(
        "</svg>\n<figcaption>条长为该单位计划目标个数；悬停可看明细。</figcaption>\n</figure>\n",
    );
}

/// One unit's row: its name, then its plan goals as a stacked bar.
fn bar(h: &mut String, u: &UnitRow, y: f64, label_w: f64, scale: f64, label: &str) {
    let p = &u.goals.plan;
    let _ = writeln!(
        h,
        "<g class=\"bar\"><title>{}（{}）：计划目标 {} 个，量化 {}，是否型 {}，模糊 {}</title>",
        escape(&u.unit),
        escape(&u.document),
        p.total,
        p.quantified,
        p.binary,
        p.vague
    );
    let by = y + (ROW_H - BAR_H) / 2.0;
    let _ = writeln!(
        h,
        "<text class=\"u\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
        label_w - 10.0,
        by + 13.5,
        escape(label)
    );
    let mut x = label_w;
    for m in [
        Measurability::Quantified,
        Measurability::Binary,
        Measurability::Vague,
    ] {
        let n = p.get(m);
        if n == 0 {
            continue;
        }
        let w = n as f64 * scale;
        let _ = write!(
            h,
            "<rect class=\"{}\" x=\"{x:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{BAR_H:.0}\">\
             <title>{} {n}</title></rect>",
            class(m),
            grid::zh(m)
        );
        if count_fits(w, n) {
            let _ = write!(
                h,
                "<text class=\"in\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text>",
                x + w / 2.0,
                by + 13.0
            );
        }
        x += w;
    }
    let _ = writeln!(
        h,
        "\n<text class=\"n\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
        x + 6.0,
        by + 13.0,
        total_label(p.total)
    );
}

/// What follows a bar: its total, or that there is nothing to draw.
fn total_label(n: usize) -> String {
    if n == 0 {
        "无计划目标".to_string()
    } else {
        n.to_string()
    }
}

fn legend(h: &mut String, x0: f64) {
    let mut x = x0;
    for m in [
        Measurability::Quantified,
        Measurability::Binary,
        Measurability::Vague,
    ] {
        let _ = write!(
            h,
            "<rect class=\"{}\" x=\"{x:.1}\" y=\"8\" width=\"12\" height=\"12\"></rect>\
             <text class=\"lg\" x=\"{:.1}\" y=\"19\">{}</text>",
            class(m),
            x + 17.0,
            grid::zh(m)
        );
        x += LEGEND_STEP;
    }
    h.push('\n');
}

fn class(m: Measurability) -> &'static str {
    match m {
        Measurability::Quantified => "q",
        Measurability::Binary => "b",
        Measurability::Vague => "v",
    }
}

fn table(h: &mut String, g: &Grid) {
    let _ = writeln!(h, "<h2 id=\"{}\">{}</h2>", g.id, escape(g.title));
    if g.rows.is_empty() {
        h.push_str("<p class=\"empty\">（无）</p>\n");
        return;
    }
    // Numbers right-aligned, short names on one line, text wraps but keeps
    // a readable width (on a narrow screen the table scrolls instead).
    let cls = |c: Option<&grid::Column>| match c {
        Some(c) if c.align == Align::Right => " class=\"n\"",
        Some(c) if c.key => " class=\"k\"",
        _ => " class=\"t\"",
    };
    let row = |h: &mut String, cells: &[String]| {
        h.push_str("<tr>");
        for (i, c) in cells.iter().enumerate() {
            let _ = write!(h, "<td{}>{}</td>", cls(g.columns.get(i)), escape(c));
        }
        h.push_str("</tr>\n");
    };
    // The wrapper scrolls a table wider than the screen instead of the page.
    h.push_str("<div class=\"scroll\">\n<table>\n<thead><tr>");
    for c in &g.columns {
        let _ = write!(h, "<th{}>{}</th>", cls(Some(c)), escape(c.header));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in &g.rows {
        row(h, r);
    }
    h.push_str("</tbody>\n");
    if let Some(f) = &g.footer {
        h.push_str("<tfoot>");
        row(h, f);
        h.push_str("</tfoot>\n");
    }
    h.push_str("</table>\n</div>\n");
}

/// Text made safe for HTML content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::fixture;

    const VOID: [&str; 3] = ["meta", "br", "hr"];

    /// Every opened element is closed, in order. Returns the first problem.
    fn check_balanced(html: &str) -> Result<(), String> {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            let after = &rest[i + 1..];
            let end = after.find('>').ok_or("unclosed <")?;
            let tag = &after[..end];
            rest = &after[end + 1..];
            if tag.starts_with('!') {
                continue;
            }
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if name.is_empty() {
                return Err(format!("stray < before {tag:?}"));
            }
            if tag.starts_with('/') {
                match stack.pop() {
                    Some(open) if open == name => {}
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
            } else if !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
                stack.push(name);
            }
        }
        if stack.is_empty() {
            Ok(())
        } else {
            Err(format!("left open: {stack:?}"))
        }
    }

    #[test]
    fn chart_has_one_bar_per_unit_and_every_name() {
        let r = fixture::report();
        let html = render(&r);
        assert_eq!(html.matches("<svg").count(), 1);
        assert_eq!(html.matches("<g class=\"bar\">").count(), 4);
        assert_eq!(html.matches("<g class=\"bar\">").count(), r.units.len());
        let svg = &html[html.find("<svg").unwrap_or(0)..html.find("</svg>").unwrap_or(0)];
        for u in &r.units {
            assert!(svg.contains(&escape(&u.unit)), "{} missing", u.unit);
            assert!(svg.contains(&escape(&u.document)));
        }
        // 太平店镇 has the most plan goals (3): its bar is the full width,
        // 2 quantified of 3 take two thirds of it.
        assert!(svg.contains("width=\"320.0\""), "{svg}");
        // As wide as the labels (（未命名单位 1）: 16 columns, 128 px), the
        // longest bar (480 px) and its total (3: 6 + 7 px) need, and a margin.
        assert!(
            svg.contains("<svg role=\"img\" aria-labelledby=\"chart-title\" width=\"629\""),
            "{svg}"
        );
        assert!(svg.contains("无计划目标"));
        // Legend.
        for w in ["量化", "是否型", "模糊"] {
            assert!(svg.contains(&format!(">{w}</text>")));
        }
    }

    /// The chart's SVG, tooltips (`<title>…</title>`) taken out.
    fn visible_svg(html: &str) -> String {
        let start = html.find("<svg").unwrap_or(0);
        let end = html.find("</svg>").unwrap_or(0);
        let mut out = String::new();
        let mut rest = &html[start..end];
        while let Some(i) = rest.find("<title") {
            out.push_str(&rest[..i]);
            let close = rest[i..].find("</title>").map_or(rest.len(), |j| i + j + 8);
            rest = &rest[close..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn chart_names_each_document_once_above_its_units() {
        let r = fixture::report();
        let svg = visible_svg(&render(&r));
        assert_eq!(svg.matches("<text class=\"d\"").count(), 2, "{svg}");
        for d in &r.documents {
            assert_eq!(svg.matches(d.document.as_str()).count(), 1, "{svg}");
        }
        // The title follows the file name; the unit labels are the names.
        assert!(svg.contains(
            ">a/2024计划.txt<tspan class=\"dt\">　樊城区2024年镇街考核指标</tspan></text>"
        ));
        assert!(svg.contains(">b/总结.txt</text>"));
        for u in &r.units {
            assert!(svg.contains(&format!(">{}</text>", escape(&u.unit))));
        }
        // Document a's row, its three units, then document b's row.
        let at = |s: &str| svg.find(s).unwrap_or_else(|| panic!("{s} missing"));
        assert!(at(">a/2024计划.txt") < at(">太平店镇<"));
        assert!(at(">柿铺街道办事处<") < at(">b/总结.txt<"));
        assert!(at(">b/总结.txt<") < at(">（未命名单位 1）<"));
    }

    #[test]
    fn a_count_of_one_is_written_in_its_segment() {
        // 480 px for 22 goals: a single goal is 21.8 px wide.
        assert!(count_fits(480.0 / 22.0, 1));
        assert!(count_fits(14.0, 1));
        assert!(!count_fits(13.9, 1));
        assert!(!count_fits(21.8, 10));
        assert!(count_fits(22.0, 10));
        assert!(count_fits(30.0, 100));
        let mut r = fixture::report();
        let p = &mut r.units[0].goals.plan;
        (p.quantified, p.binary, p.vague, p.total) = (20, 1, 1, 22);
        let html = render(&r);
        let first_bar = html
            .split("<g class=\"bar\">")
            .nth(1)
            .unwrap_or_default()
            .split("</g>")
            .next()
            .unwrap_or_default();
        let inside: Vec<&str> = first_bar
            .split("<text class=\"in\"")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1)?.strip_suffix("</text"))
            .collect();
        assert_eq!(inside, ["20", "1", "1"], "{first_bar}");
    }

    #[test]
    fn short_name_columns_stay_on_one_line() {
        let html = render(&fixture::report());
        for h in ["文件", "单位", "编号", "领域"] {
            assert!(html.contains(&format!("<th class=\"k\">{h}</th>")), "{h}");
        }
        assert!(html.contains("<td class=\"k\">柿铺街道办事处</td>"));
        assert!(html.contains("<td class=\"k\">a/2024计划.txt</td>"));
        assert!(html.contains("<td class=\"k\">二是</td>"));
        assert!(html.contains("<td class=\"k\">民生社会</td>"));
        // Section paths and openings wrap, but not down to a character a line.
        assert!(html.contains("<th class=\"t\">章节</th>"));
        assert!(html.contains("<th class=\"t\">开头</th>"));
        assert!(html.contains("<td class=\"t\">区委考核指标 &gt; 大党建</td>"));
        assert!(html.contains("<td class=\"t\">年底前打造基层治理品牌。</td>"));
        assert!(STYLE.contains("th.k,td.k{white-space:nowrap}"));
        assert!(STYLE.contains("th.t,td.t{min-width:9em}"));
    }

    #[test]
    fn chart_box_fits_its_content_and_tables_scroll() {
        let html = render(&fixture::report());
        // No default figure margin, no empty area to the right of the chart.
        let rule = STYLE
            .lines()
            .find(|l| l.starts_with(".chart{"))
            .unwrap_or_default();
        for d in [
            "margin:8px 0",
            "width:fit-content",
            "max-width:100%",
            "overflow-x:auto",
        ] {
            assert!(rule.contains(d), "{rule}");
        }
        // Every table sits in its own scrolling box.
        assert!(STYLE.contains(".scroll{overflow-x:auto"));
        assert_eq!(html.matches("<div class=\"scroll\">\n<table>").count(), 5);
        assert_eq!(html.matches("</table>\n</div>").count(), 5);
    }

    #[test]
    fn self_contained_and_well_formed() {
        let html = render(&fixture::report());
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!html.contains("src=") && !html.contains("@import") && !html.contains("url("));
        assert!(html.contains("Microsoft YaHei"));
        assert_eq!(html.matches("<table>").count(), 5);
        assert_eq!(html.matches("</table>").count(), 5);
        check_balanced(&html).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn document_text_is_escaped() {
        let html = render(&fixture::report());
        assert!(!html.contains("<b>营商"));
        assert!(html.contains("&lt;b&gt;营商&lt;/b&gt;环境 &amp; 服务…"));
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn tables_match_the_report() {
        let r = fixture::report();
        let html = render(&r);
        let tbody_rows = |id: &str| {
            let start = html.find(&format!("<h2 id=\"{id}\">")).unwrap_or(0);
            let rest = &html[start..];
            let end = rest.find("</tbody>").unwrap_or(0);
            rest[..end].matches("<tr>").count() - 1
        };
        assert_eq!(tbody_rows("documents"), r.documents.len());
        assert_eq!(tbody_rows("units"), r.units.len());
        assert_eq!(tbody_rows("domains"), r.domains.len());
        assert_eq!(tbody_rows("vague"), 3);
        assert_eq!(tbody_rows("no-deadline"), 2);
        assert!(html.contains("<td class=\"k\">民生社会</td>"));
    }

    #[test]
    fn empty_report_is_still_a_page() {
        let html = render(&AuditReport::build(&[]));
        assert!(!html.contains("<svg"));
        assert!(html.contains("（没有单位）"));
        check_balanced(&html).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn checker_catches_unbalanced_tags() {
        assert!(check_balanced("<table><tr></table>").is_err());
        assert!(check_balanced("<p>a < b</p>").is_err());
        assert!(check_balanced("<p><br></p>").is_ok());
    }
}
