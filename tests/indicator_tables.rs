//! Indicator tables: a header row names the columns (what, unit, target,
//! last year's figure, deadline), and every row under it is one goal whose
//! targets are read from the value cells with the unit cell — in text with
//! `|` or tabs, in Word tables and in web-page tables.

mod common;

use std::path::{Path, PathBuf};

use zhibiao::{Comparator, Document, TargetKind, TargetMode};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn extract_text(path: &str, text: &str) -> Document {
    common::extractor()
        .extract_with(path, text.as_bytes(), true)
        .expect("a document")
}

fn extract_file(name: &str) -> Document {
    let path = fixture(name);
    let bytes = std::fs::read(&path).expect("fixture");
    common::extractor()
        .extract_with(&path.to_string_lossy(), &bytes, true)
        .expect("a document")
}

/// The characters `[start, end)` of the document's text.
fn slice(d: &Document, start: usize, end: usize) -> String {
    d.text
        .as_deref()
        .unwrap_or_default()
        .chars()
        .skip(start)
        .take(end - start)
        .collect()
}

/// Every goal and target span indexes its own text, and a row's target
/// lies inside one cell: the whole cell (`12.5`, `≥7`) or, when the cell
/// says more, the number with its unit (`20公里` of `新改建20公里`).
fn spans_are_exact(d: &Document) {
    let text = d.text.as_deref().expect("--with-text");
    let problems = zhibiao::verify::check_document(d, text);
    assert!(problems.is_empty(), "{}: {problems:#?}", d.path);
    let mut whole = 0;
    for g in d.units.iter().flat_map(|u| &u.goals) {
        let row = g.text.contains('\t') || g.text.matches('|').count() >= 2;
        for t in &g.targets {
            assert_eq!(slice(d, t.span.start, t.span.end), t.text);
            if row {
                assert!(!t.text.contains(['\t', '|']), "{}: {:?}", d.path, t.text);
                let before = slice(d, t.span.start.saturating_sub(1), t.span.start);
                let after = slice(d, t.span.end, t.span.end + 1);
                let edge = |s: &str| matches!(s.trim_matches(' '), "\t" | "|" | "");
                whole += usize::from(edge(&before) && edge(&after));
            }
        }
    }
    assert!(whole >= 3, "{}: value cells read whole", d.path);
}

/// One line per row goal: what, each target (text, value, unit, mode,
/// comparator), the deadline.
fn rows(d: &Document) -> Vec<String> {
    d.units
        .iter()
        .flat_map(|u| &u.goals)
        .filter(|g| g.text.contains('\t') || g.text.matches('|').count() >= 2)
        .map(|g| {
            let targets: Vec<String> = g
                .targets
                .iter()
                .map(|t| {
                    format!(
                        "{} {} {} {:?} {:?} {}",
                        t.text,
                        t.value,
                        t.unit,
                        t.mode,
                        t.comparator,
                        t.what.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            let by: Vec<&str> = g
                .deadlines
                .iter()
                .map(|x| x.by.as_deref().unwrap_or("-"))
                .collect();
            format!("{} | {}", targets.join(" ; "), by.join(","))
        })
        .collect()
}

const PLAN: &str = "某某镇2024年重点工作任务清单\n\
一、主要指标\n\
全镇要紧盯目标抓落实，确保各项指标按期完成。\n\
{HEADER}\n\
{ROWS}\n\
二、保障措施\n\
建立月调度制度，每月召开1次推进会，确保年底前全面完成。\n";

fn plan(sep: &str, bars: bool) -> String {
    let line = |cells: &[&str]| {
        let inner = cells.join(sep);
        if bars { format!("| {inner} |") } else { inner }
    };
    let header = line(&["序号", "指标名称", "单位", "目标值", "完成时限", "责任单位"]);
    let rows = [
        line(&[
            "1",
            "地区生产总值",
            "亿元",
            "12.5",
            "2024年12月底",
            "经发办",
        ]),
        line(&["2", "新增城镇就业", "人", "1800", "11月底", "社保所"]),
        line(&["3", "森林覆盖率", "%", "不低于65", "年底前", "林业站"]),
        line(&["4", "农村公路", "公里", "新改建20公里", "10月底", "交通办"]),
    ];
    PLAN.replace("{HEADER}", &header)
        .replace("{ROWS}", &rows.join("\n"))
}

#[test]
fn text_tables_with_bars_or_tabs_give_one_goal_per_row() {
    let expected = [
        "12.5 1250000000 元 Target Eq 地区生产总值 | 2024-12-31",
        "1800 1800 人 Target Eq 新增城镇就业 | 2024-11-30",
        "不低于65 65 % Target Gte 森林覆盖率 | 2024-12-31",
        "20公里 20 公里 Target Eq 农村公路 | 2024-10-31",
    ];
    for (name, text) in [
        ("bars.txt", plan(" | ", false)),
        ("framed.txt", plan(" | ", true)),
        ("tabs.txt", plan("\t", false)),
    ] {
        let d = extract_text(name, &text);
        assert_eq!(rows(&d), expected, "{name}");
        let goals: Vec<_> = d.units.iter().flat_map(|u| &u.goals).collect();
        // The header row is neither a goal nor the title.
        assert!(goals.iter().all(|g| !g.text.contains("指标名称")), "{name}");
        assert_eq!(
            d.title.as_ref().map(|t| t.text.as_str()),
            Some("某某镇2024年重点工作任务清单")
        );
        let money = &goals[1].targets[0];
        assert_eq!(money.kind, TargetKind::Money, "{name}");
        assert_eq!(
            money.indicator.as_ref().map(|i| i.id.as_str()),
            Some("gdp"),
            "{name}"
        );
        // The table ends at the next heading: the prose after it is read
        // as prose.
        let last = goals.last().expect("goals");
        assert_eq!(last.path.last().map(String::as_str), Some("保障措施"));
        assert_eq!(last.targets.len(), 1, "{name}");
        assert_eq!(last.targets[0].text, "1次");
        spans_are_exact(&d);
    }
}

#[test]
fn a_table_without_a_value_column_is_read_as_before() {
    // A score table: `分值` is not a target column, so the rows are read
    // by the grammar (and the score cell is no target).
    let text = "某镇2023年村级考核细则\n\
一、党建引领(30分)\n\
| 考核指标 | 分值 | 考核标准 | 牵头部门 |\n\
| 发展党员 | 6 | 每村发展党员不少于1名 | 组织办 |\n";
    let d = extract_text("score.txt", text);
    let goals: Vec<_> = d.units.iter().flat_map(|u| &u.goals).collect();
    assert_eq!(goals.len(), 1, "{goals:#?}");
    let texts: Vec<&str> = goals[0].targets.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["不少于1名"]);
}

/// The rows of `indicators.docx` and `indicators.html`: the same plan, its
/// table headed `序号 项目 计量单位 2023年完成 2024年目标 完成时间 牵头单位`,
/// with category rows merged across the columns.
const INDICATOR_ROWS: [&str; 6] = [
    "2.1 210000000 元 Achievement Eq 一般公共预算收入 ; 2.3 230000000 元 Target Eq 一般公共预算收入 | 2024-12-31",
    "6.8 6.8 % Achievement Eq 规模以上工业增加值增速 ; ≥7 7 % Target Gte 规模以上工业增加值增速 | 2024-12-31",
    "260 260 户 Achievement Eq 新增市场主体 ; 300 300 户 Target Eq 新增市场主体 | 2024-11-30",
    "1150 1150 人 Achievement Eq 城镇新增就业 ; 1200 1200 人 Target Eq 城镇新增就业 | 2024-10-31",
    "12 12 公里 Achievement Eq 新改建农村公路 ; 15公里以上 15 公里 Target Gte 新改建农村公路 | 2024-09-30",
    "5 5 个 Achievement Eq 农村生活污水治理行政村 ; 6-8 6 个 Target Range 农村生活污水治理行政村 | ",
];

#[test]
fn word_and_web_page_tables_give_one_goal_per_row() {
    for file in ["indicators.docx", "indicators.html"] {
        let d = extract_file(file);
        assert_eq!(rows(&d), INDICATOR_ROWS, "{file}");
        let goals: Vec<_> = d.units.iter().flat_map(|u| &u.goals).collect();
        assert!(goals.iter().all(|g| !g.text.contains("计量单位")), "{file}");
        // A category row merged across the columns is a section over the
        // rows after it, and the table goes on under it.
        let paths: Vec<String> = goals
            .iter()
            .filter(|g| g.text.contains('\t'))
            .map(|g| g.path[1..].join("/"))
            .collect();
        assert_eq!(
            paths,
            [
                "主要指标/经济发展",
                "主要指标/经济发展",
                "主要指标/经济发展",
                "主要指标/民生保障",
                "主要指标/民生保障",
                "主要指标/民生保障",
            ],
            "{file}"
        );
        let range = &goals
            .iter()
            .find(|g| g.text.contains("6-8"))
            .expect("row 6")
            .targets[1];
        assert_eq!(range.value_max, Some(8.0));
        assert_eq!(range.kind, TargetKind::Count);
        // Last year's figures are results, this year's are targets: the
        // goal is a plan goal, measured by its target.
        assert!(
            goals
                .iter()
                .filter(|g| g.text.contains('\t'))
                .all(|g| g.targets.iter().any(|t| t.mode == TargetMode::Target))
        );
        spans_are_exact(&d);
    }
    // The first table fixture: `单位` + `目标值`.
    let d = extract_file("table.docx");
    assert_eq!(
        rows(&d),
        [
            "12 1200000000 元 Target Eq 固定资产投资 | 2024-12-31",
            "300 300 家 Target Eq 新增市场主体 | 2024-10-31",
            "4 4 个 Target Eq 改造老旧小区 | 2024-09-30",
        ]
    );
    let first = &d.units[0]
        .goals
        .iter()
        .find(|g| g.text.contains('\t'))
        .expect("a row")
        .targets[0];
    assert_eq!(first.comparator, Comparator::Eq);
    spans_are_exact(&d);
}
