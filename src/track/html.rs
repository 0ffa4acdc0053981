//! `zhibiao track --format html`: one self-contained page, the audit page's
//! way (inline CSS, inline SVG, no fonts or scripts from anywhere): a lead
//! line, what each status means, one stacked bar per unit of its plan
//! targets by status, and the table of every plan target. All text from
//! documents goes through [`escape`].

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::{Status, Tracked};
use crate::audit::html::{
    BAR_H, BAR_W, LABEL_COLS, LEGEND_H, PX_PER_COL, ROW_H, STYLE, count_fits, escape,
};
use crate::audit::table::fit;

/// The statuses in the order of the bars and the legend.
const ORDER: [Status; 5] = [
    Status::Met,
    Status::OnTrack,
    Status::Behind,
    Status::NotReported,
    Status::NotComparable,
];

const TRACK_STYLE: &str = r#"
span.s-met,rect.s-met{background:#009e73;fill:#009e73}
span.s-on_track,rect.s-on_track{background:#56b4e9;fill:#56b4e9}
span.s-behind,rect.s-behind{background:#d55e00;fill:#d55e00}
span.s-not_reported,rect.s-not_reported{background:#8c959f;fill:#8c959f}
span.s-not_comparable,rect.s-not_comparable{background:#cc79a7;fill:#cc79a7}
td.st{white-space:nowrap}
"#;

fn zh(s: Status) -> &'static str {
    match s {
        Status::Met => "达成",
        Status::OnTrack => "进度正常",
        Status::Behind => "落后",
        Status::NotReported => "未报告",
        Status::NotComparable => "无法比较",
    }
}

/// The name a bar and a row show for a unit.
fn unit_name(r: &Tracked) -> &str {
    r.unit.as_deref().unwrap_or("（未命名单位）")
}

/// Plan targets per unit, by status, units in the order they first come.
pub(crate) fn per_unit(rows: &[Tracked]) -> Vec<(&str, [usize; 5])> {
    let mut out: Vec<(&str, [usize; 5])> = Vec::new();
    for r in rows {
        let name = unit_name(r);
        let i = match out.iter().position(|(u, _)| *u == name) {
            Some(i) => i,
            None => {
                out.push((name, [0; 5]));
                out.len() - 1
            }
        };
        if let Some(k) = ORDER.iter().position(|s| *s == r.status) {
            out[i].1[k] += 1;
        }
    }
    out
}

/// The page.
pub fn render(rows: &[Tracked]) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>目标完成情况</title>\n<style>");
    h.push_str(STYLE);
    h.push_str(TRACK_STYLE);
    h.push_str("</style>\n</head>\n<body>\n<main>\n<h1>目标完成情况</h1>\n");
    let mut totals = [0usize; 5];
    for r in rows {
        if let Some(k) = ORDER.iter().position(|s| *s == r.status) {
            totals[k] += 1;
        }
    }
    let parts: Vec<String> = ORDER
        .iter()
        .zip(totals)
        .map(|(s, n)| format!("{} {n}", zh(*s)))
        .collect();
    let _ = writeln!(
        h,
        "<p class=\"lead\">{} 个计划目标：{}。</p>",
        rows.len(),
        parts.join("，")
    );
    explanation(&mut h);
    h.push_str("<h2 id=\"chart\">各单位计划目标的完成情况</h2>\n");
    chart(&mut h, &per_unit(rows));
    table(&mut h, rows);
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
        "<p>计划中的每一个量化目标，与总结中同一单位、同一指标、同一计量单位的数字对照：</p>\n",
        "<dl class=\"kinds\">\n",
        "<dt><span class=\"sw s-met\"></span>达成 (met)</dt>",
        "<dd>实际达到目标；“以内”“不超过”和排名，越低越好。</dd>\n",
        "<dt><span class=\"sw s-on_track\"></span>进度正常 (on_track)</dt>",
        "<dd>半年总结中，累计数已达全年目标的一半以上。</dd>\n",
        "<dt><span class=\"sw s-behind\"></span>落后 (behind)</dt>",
        "<dd>实际未达到目标（半年时未过半）。</dd>\n",
        "<dt><span class=\"sw s-not_reported\"></span>未报告 (not_reported)</dt>",
        "<dd>总结中没有这一单位这一指标的数字。</dd>\n",
        "<dt><span class=\"sw s-not_comparable\"></span>无法比较 (not_comparable)</dt>",
        "<dd>计量单位不同（如“户”对“家”），或总结给出两个数字（都列在说明中，不代选）。</dd>\n",
        "</dl>\n",
        "<p>完成率为实际 / 目标；越低越好的目标为目标 / 实际。</p>\n",
    ));
}

/// Room for a legend entry: the swatch, its label and a gap.
fn legend_step(s: Status) -> f64 {
    17.0 + zh(s).width() as f64 * PX_PER_COL + 18.0
}

fn chart(h: &mut String, units: &[(&str, [usize; 5])]) {
    if units.is_empty() {
        h.push_str("<p class=\"empty\">（没有计划目标）</p>\n");
        return;
    }
    let cols = units
        .iter()
        .map(|(u, _)| fit(u, LABEL_COLS).width())
        .max()
        .unwrap_or(0);
    let label_w = (cols as f64 * PX_PER_COL + 16.0).max(80.0);
    let total = |c: &[usize; 5]| c.iter().sum::<usize>();
    let max_total = units.iter().map(|(_, c)| total(c)).max().unwrap_or(0);
    let scale = if max_total == 0 {
        0.0
    } else {
        BAR_W / max_total as f64
    };
    let legend_w: f64 = ORDER.iter().map(|s| legend_step(*s)).sum();
    let right = units
        .iter()
        .map(|(_, c)| {
            let n = total(c);
            n as f64 * scale + 6.0 + n.to_string().len() as f64 * PX_PER_COL
        })
        .fold(legend_w, f64::max);
    let width = (label_w + right + 8.0).ceil();
    let height = LEGEND_H + units.len() as f64 * ROW_H + 8.0;
    let _ = writeln!(
        h,
        "<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"chart-title\" \
         width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">\n\
         <title id=\"chart-title\">各单位计划目标：达成、进度正常、落后、未报告、无法比较的个数</title>"
    );
    let mut x = label_w;
    for s in ORDER {
        let _ = write!(
            h,
            "<rect class=\"s-{}\" x=\"{x:.1}\" y=\"8\" width=\"12\" height=\"12\"></rect>\
             <text class=\"lg\" x=\"{:.1}\" y=\"19\">{}</text>",
            s.as_str(),
            x + 17.0,
            zh(s)
        );
        x += legend_step(s);
    }
    h.push('\n');
    let mut y = LEGEND_H;
    for (name, counts) in units {
        bar(h, name, counts, y, label_w, scale);
        y += ROW_H;
    }
    h.push_str(
        "</svg>\n<figcaption>条长为该单位计划目标个数；悬停可看明细。</figcaption>\n</figure>\n",
    );
}

fn bar(h: &mut String, name: &str, counts: &[usize; 5], y: f64, label_w: f64, scale: f64) {
    let n: usize = counts.iter().sum();
    let detail: Vec<String> = ORDER
        .iter()
        .zip(counts)
        .map(|(s, c)| format!("{} {c}", zh(*s)))
        .collect();
    let _ = writeln!(
        h,
        "<g class=\"bar\"><title>{}：计划目标 {n} 个，{}</title>",
        escape(name),
        detail.join("，")
    );
    let by = y + (ROW_H - BAR_H) / 2.0;
    let _ = writeln!(
        h,
        "<text class=\"u\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
        label_w - 10.0,
        by + 13.5,
        escape(&fit(name, LABEL_COLS))
    );
    let mut x = label_w;
    for (s, &c) in ORDER.iter().zip(counts) {
        if c == 0 {
            continue;
        }
        let w = c as f64 * scale;
        let _ = write!(
            h,
            "<rect class=\"s-{}\" x=\"{x:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{BAR_H:.0}\">\
             <title>{} {c}</title></rect>",
            s.as_str(),
            zh(*s)
        );
        if count_fits(w, c) {
            let _ = write!(
                h,
                "<text class=\"in\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{c}</text>",
                x + w / 2.0,
                by + 13.0
            );
        }
        x += w;
    }
    let _ = writeln!(
        h,
        "\n<text class=\"n\" x=\"{:.1}\" y=\"{:.1}\">{n}</text></g>",
        x + 6.0,
        by + 13.0
    );
}

fn table(h: &mut String, rows: &[Tracked]) {
    h.push_str("<h2 id=\"targets\">计划目标</h2>\n");
    if rows.is_empty() {
        h.push_str("<p class=\"empty\">（无）</p>\n");
        return;
    }
    h.push_str(concat!(
        "<div class=\"scroll\">\n<table>\n<thead><tr>",
        "<th class=\"k\">单位</th><th class=\"t\">指标</th><th class=\"n\">目标</th>",
        "<th class=\"n\">实际</th><th class=\"n\">完成率</th><th class=\"k\">状态</th>",
        "<th class=\"t\">说明</th><th class=\"k\">计划</th><th class=\"k\">总结</th>",
        "</tr></thead>\n<tbody>\n"
    ));
    let o = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
    for r in rows {
        let _ = writeln!(
            h,
            "<tr><td class=\"k\">{}</td><td class=\"t\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"st\"><span class=\"sw s-{}\"></span>{}</td><td class=\"t\">{}</td>\
             <td class=\"k\">{}</td><td class=\"k\">{}</td></tr>",
            escape(unit_name(r)),
            o(&r.what),
            escape(&r.target_text),
            o(&r.reported_text),
            r.attainment
                .map(|a| format!("{:.0}%", a * 100.0))
                .unwrap_or_default(),
            r.status.as_str(),
            zh(r.status),
            o(&r.note),
            escape(&r.plan),
            o(&r.report),
        );
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit: Option<&str>, what: &str, status: Status) -> Tracked {
        Tracked {
            plan: "plan_2023.txt".into(),
            unit: unit.map(str::to_string),
            what: Some(what.into()),
            indicator_id: None,
            target_text: "10亿元".into(),
            target: 1e9,
            target_unit: "元".into(),
            report: Some("report_2023.txt".into()),
            reported_text: Some("10.5亿元".into()),
            reported: Some(1.05e9),
            attainment: Some(1.05),
            status,
            note: None,
        }
    }

    fn rows() -> Vec<Tracked> {
        vec![
            row(Some("青山镇"), "固定资产投资", Status::Met),
            row(Some("青山镇"), "一般公共预算收入", Status::Behind),
            row(Some("青山镇"), "植树造林", Status::NotReported),
            row(Some("白水镇"), "固定资产投资", Status::OnTrack),
            row(
                Some("<b>东湖</b>街道 & 园区"),
                "税收",
                Status::NotComparable,
            ),
            row(None, "高标准农田", Status::Met),
        ]
    }

    /// The page's tags, in order: each opened one is closed.
    fn balanced(html: &str) -> bool {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            let after = &rest[i + 1..];
            let Some(end) = after.find('>') else {
                return false;
            };
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
                return false;
            }
            if tag.starts_with('/') {
                if stack.pop().as_deref() != Some(name.as_str()) {
                    return false;
                }
            } else if name != "meta" {
                stack.push(name);
            }
        }
        stack.is_empty()
    }

    #[test]
    fn one_bar_per_unit_with_its_counts_by_status() {
        let html = render(&rows());
        assert_eq!(html.matches("<g class=\"bar\">").count(), 4);
        let bars: Vec<&str> = html.split("<g class=\"bar\">").skip(1).collect();
        // 青山镇: met 1, behind 1, not reported 1; 3 of 3 targets at most,
        // so each target is 160 px.
        assert!(
            bars[0].contains(
                "青山镇：计划目标 3 个，达成 1，进度正常 0，落后 1，未报告 1，无法比较 0"
            )
        );
        assert_eq!(bars[0].matches("<rect ").count(), 3);
        assert!(
            bars[0].contains("<rect class=\"s-met\" x=\"") && bars[0].contains("width=\"160.0\"")
        );
        assert!(bars[1].contains(">白水镇</text>") && bars[1].contains("class=\"s-on_track\""));
        assert!(bars[3].contains(">（未命名单位）</text>"));
        // One table row per plan target, each with its status.
        let tbody = html.split("<tbody>").nth(1).unwrap_or_default();
        assert_eq!(tbody.matches("<tr>").count(), rows().len());
        assert_eq!(
            tbody
                .matches("<span class=\"sw s-met\"></span>达成")
                .count(),
            2
        );
        assert!(html.contains("6 个计划目标：达成 2，进度正常 1，落后 1，未报告 1，无法比较 1。"));
        assert!(html.contains("<td class=\"n\">105%</td>"));
    }

    #[test]
    fn document_text_is_escaped_and_the_page_self_contained() {
        let html = render(&rows());
        assert!(!html.contains("<b>东湖"));
        assert!(html.contains("&lt;b&gt;东湖&lt;/b&gt;街道 &amp; 园区"));
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!html.contains("src=") && !html.contains("url(") && !html.contains("<script"));
        assert!(balanced(&html), "unbalanced tags");
        // The legend names every status once.
        let svg = html.split("<svg").nth(1).unwrap_or_default();
        for s in ORDER {
            assert_eq!(svg.matches(&format!(">{}</text>", zh(s))).count(), 1);
        }
    }

    #[test]
    fn no_targets_is_still_a_page() {
        let html = render(&[]);
        assert!(!html.contains("<svg"));
        assert!(html.contains("（没有计划目标）"));
        assert!(balanced(&html));
        assert!(!balanced("<table><tr></table>"));
    }
}
