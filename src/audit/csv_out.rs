//! CSV: one row per goal, plans and achievements, in document order.
//!
//! UTF-8 with a byte-order mark and CRLF line ends, so Excel opens the
//! Chinese text correctly with a double click; a pivot table over it gives
//! any of the report's breakdowns. Columns:
//!
//! | column          | content                                                         |
//! |-----------------|-----------------------------------------------------------------|
//! | `document`      | the document's path                                             |
//! | `unit`          | unit name, or `（未命名单位 N）`                                 |
//! | `goal_id`       | the goal's id in the extraction                                 |
//! | `section_path`  | section headings above the goal, joined with ` > `              |
//! | `label`         | the goal's own label (`一是`, `2.`), empty if none              |
//! | `mode`          | `target` (plan goal) or `achievement` (reported as done)        |
//! | `domain`        | domain key (`economy`, …)                                       |
//! | `domain_zh`     | domain in Chinese (`经济`, …)                                    |
//! | `measurability` | `quantified`, `binary` or `vague`                               |
//! | `reason`        | why, in the extractor's English words (see below)               |
//! | `reason_zh`     | the same in Chinese, as the tables show it                      |
//! | `targets`       | number of targets                                               |
//! | `deadlines`     | number of deadlines                                             |
//! | `opening`       | the goal's first 30 characters, on one line                     |
//!
//! `reason` is data and stays as the extractor gives it; `reason_zh` is
//! its Chinese wording:
//!
//! | `reason`                                      | `reason_zh`                     |
//! |-----------------------------------------------|---------------------------------|
//! | `target: 3个`                                 | `指标: 3个`                      |
//! | `commitment: 不发生重大安全事故`              | `承诺: 不发生重大安全事故`       |
//! | `no number or commitment (deadline 年底 only)` | `无数字或承诺（仅有时限 年底）` |
//! | `no number, no commitment, no deadline`       | `无数字、无承诺、无时限`         |

use super::AuditReport;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

pub(crate) const COLUMNS: [&str; 14] = [
    "document",
    "unit",
    "goal_id",
    "section_path",
    "label",
    "mode",
    "domain",
    "domain_zh",
    "measurability",
    "reason",
    "reason_zh",
    "targets",
    "deadlines",
    "opening",
];

pub(crate) fn render(r: &AuditReport) -> String {
    // Writing into memory cannot fail; an empty string would show if it did.
    write(r).unwrap_or_default()
}

fn write(r: &AuditReport) -> Result<String, Box<dyn std::error::Error>> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    w.write_record(COLUMNS)?;
    for g in &r.goals {
        w.write_record([
            g.document.as_str(),
            &g.unit,
            &g.goal_id,
            &g.section(),
            g.label.as_deref().unwrap_or(""),
            super::mode_key(g.mode),
            g.domain.as_str(),
            g.domain.zh(),
            g.measurability.as_str(),
            &g.reason,
            &super::reason_zh(&g.reason),
            &g.targets.to_string(),
            &g.deadlines.to_string(),
            &g.opening,
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::fixture;

    fn read(out: &str) -> (Vec<String>, Vec<::csv::StringRecord>) {
        let body = out.strip_prefix(BOM).unwrap_or_else(|| panic!("no BOM"));
        let mut rd = ::csv::Reader::from_reader(body.as_bytes());
        let header = rd
            .headers()
            .map(|h| h.iter().map(str::to_string).collect())
            .unwrap_or_default();
        let rows = rd.records().collect::<Result<Vec<_>, _>>();
        (header, rows.unwrap_or_else(|e| panic!("bad CSV: {e}")))
    }

    #[test]
    fn starts_with_a_bom_and_has_one_row_per_goal() {
        let r = fixture::report();
        let out = render(&r);
        assert!(out.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        let (header, rows) = read(&out);
        assert_eq!(header, COLUMNS);
        assert_eq!(rows.len(), 11);
        assert_eq!(rows.len(), r.goals.len());
        assert!(rows.iter().all(|row| row.len() == COLUMNS.len()));
        assert!(out.contains("\r\n"));
    }

    #[test]
    fn cells_hold_the_goal() {
        let (_, rows) = read(&render(&fixture::report()));
        let g1 = &rows[0];
        assert_eq!(&g1[0], "a/2024计划.txt");
        assert_eq!(&g1[1], "太平店镇");
        assert_eq!(&g1[2], "g1");
        assert_eq!(&g1[3], "区委考核指标 > 经济工作");
        assert_eq!(&g1[4], "一是");
        assert_eq!(&g1[5], "target");
        assert_eq!(&g1[6], "economy");
        assert_eq!(&g1[7], "经济");
        assert_eq!(&g1[8], "quantified");
        assert_eq!(&g1[9], "target: 3个");
        assert_eq!(&g1[10], "指标: 3个");
        assert_eq!(&g1[11], "1");
        assert_eq!(&g1[12], "1");
        let g11 = &rows[10];
        assert_eq!(&g11[1], "（未命名单位 1）");
        assert_eq!(&g11[3], "二、明年计划");
        assert_eq!(&g11[5], "target");
        assert_eq!(&g11[8], "vague");
        // A quoted field survives `|`, markup and the cut line break.
        assert_eq!(&g11[13], "深化“放管服”改革 | 优化<b>营商</b>环境 & 服务…");
        assert_eq!(rows.iter().filter(|r| &r[5] == "achievement").count(), 4);
    }

    #[test]
    fn an_empty_report_is_a_header() {
        let out = render(&AuditReport::build(&[]));
        let (header, rows) = read(&out);
        assert_eq!(header.len(), COLUMNS.len());
        assert!(rows.is_empty());
    }
}
