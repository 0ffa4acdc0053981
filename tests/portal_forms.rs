//! Forms that documents from portals of other places take: furniture in
//! table form, headings printed with their body on one line, `一是` used as a
//! section label, short numbered goals, scored headings of an assessment
//! scheme, and report-and-plan documents whose numbers change mode clause by
//! clause. Each test is a small document written in the shape of such pages.

mod common;

use zhibiao::{Document, FurnitureKind, Genre, GoalMode, Measurability, TargetMode};

fn doc(text: &str) -> Document {
    common::extractor().extract_text("test.txt", text, "UTF-8", "", text.len())
}

fn headings(d: &Document) -> Vec<(u32, String)> {
    d.units
        .iter()
        .flat_map(|u| &u.sections)
        .map(|s| (s.level, s.heading.clone()))
        .collect()
}

const REPORT_AND_PLAN: &str = "索引号 | 33020000/2024-204411 | ||
组配分类 | 计划总结 | 发布机构 | 青湾街道 |
发布日期: 2024-02-18 10:12 信息来源: 青湾街道 浏览次数:356 |
青湾街道2023年工作总结和2024年工作思路 |
一、2023年工作回顾 2023年是高质量发展全面起势之年。全年实现地区生产总值58.2亿元,同比增长6.1%;一般公共预算收入2.3亿元。 (一)聚力稳增长,经济运行回升向好。 紧盯关键指标。完成固定资产投资31.8亿元,引进亿元以上项目4个。
(二)聚力惠民生,群众获得感不断增强。
辖区现有户籍人口4.2万人,下辖12个社区。全年新增城镇就业1850人,改造老旧小区6个。
二、2024年工作思路
2024年,街道总体目标是:地区生产总值增长6%以上,固定资产投资完成35亿元。2023年全街实现税收3.2亿元,同比增长4%。
一是聚焦项目建设。
(一)力争全年引进亿元以上项目5个,6月底前完成东区厂房改造。
(二)全年任务为新增城镇就业1800人。
二是聚焦民生改善。
1.全年完成老旧小区改造8个。
2.深入推进基层治理现代化,争创全县先进。
3.加快推进乡村振兴。
- 3 -
青湾街道办事处
2024年2月18日
";

#[test]
fn furniture_in_table_form_and_the_title_row() {
    let d = doc(REPORT_AND_PLAN);
    assert_eq!(
        d.title.as_ref().map(|t| t.text.as_str()),
        Some("青湾街道2023年工作总结和2024年工作思路")
    );
    assert_eq!(d.issuer.as_deref(), Some("青湾街道"));
    assert_eq!(d.published.as_deref(), Some("2024-02-18T10:12"));
    let kinds: Vec<_> = d.furniture.iter().map(|f| f.kind).collect();
    assert_eq!(kinds.first(), Some(&FurnitureKind::Header), "{kinds:?}");
    assert!(kinds.contains(&FurnitureKind::PageNumber), "{kinds:?}");
    assert_eq!(d.units[0].name.as_deref(), Some("青湾街道"));
}

#[test]
fn genre_and_year_come_from_the_title_too() {
    let d = doc(REPORT_AND_PLAN);
    assert_eq!(d.genre, Genre::ReportAndPlan);
    assert_eq!(d.year, Some(2024));
}

#[test]
fn headings_with_their_body_on_the_same_line_and_enumerated_labels() {
    let d = doc(REPORT_AND_PLAN);
    let h = headings(&d);
    let expected: Vec<(u32, String)> = [
        (1, "2023年工作回顾"),
        (2, "聚力稳增长,经济运行回升向好"),
        (3, "紧盯关键指标"),
        (2, "聚力惠民生,群众获得感不断增强"),
        (1, "2024年工作思路"),
        (2, "聚焦项目建设"),
        (2, "聚焦民生改善"),
    ]
    .into_iter()
    .map(|(l, s)| (l, s.to_string()))
    .collect();
    assert_eq!(h, expected);
}

#[test]
fn short_numbered_goals_stay_goals() {
    let d = doc(REPORT_AND_PLAN);
    let goals: Vec<_> = d.units[0]
        .goals
        .iter()
        .filter(|g| g.label.as_deref().is_some_and(|l| l.ends_with('.')))
        .map(|g| (g.text.as_str(), g.measurability))
        .collect();
    assert_eq!(
        goals,
        vec![
            ("全年完成老旧小区改造8个。", Measurability::Quantified),
            (
                "深入推进基层治理现代化,争创全县先进。",
                Measurability::Vague
            ),
            ("加快推进乡村振兴。", Measurability::Vague),
        ]
    );
    // The item with a number and a full stop is a goal, not a heading.
    assert!(
        d.units[0]
            .goals
            .iter()
            .any(|g| g.text == "全年任务为新增城镇就业1800人。" && g.mode == GoalMode::Target)
    );
}

#[test]
fn mode_per_clause_in_a_report_and_plan() {
    let d = doc(REPORT_AND_PLAN);
    let mode_of = |text: &str| {
        d.units[0]
            .goals
            .iter()
            .flat_map(|g| &g.targets)
            .find(|t| t.text == text)
            .map(|t| t.mode)
    };
    assert_eq!(mode_of("58.2亿元"), Some(TargetMode::Achievement));
    assert_eq!(mode_of("同比增长6.1%"), Some(TargetMode::Achievement));
    assert_eq!(mode_of("4.2万人"), Some(TargetMode::Baseline));
    assert_eq!(mode_of("12个"), Some(TargetMode::Baseline));
    assert_eq!(mode_of("1850人"), Some(TargetMode::Achievement));
    assert_eq!(mode_of("增长6%以上"), Some(TargetMode::Target));
    assert_eq!(mode_of("35亿元"), Some(TargetMode::Target));
    // Last year's figure quoted in the plan part.
    assert_eq!(mode_of("3.2亿元"), Some(TargetMode::Achievement));
    assert_eq!(mode_of("同比增长4%"), Some(TargetMode::Achievement));
    assert_eq!(mode_of("5个"), Some(TargetMode::Target));
}

#[test]
fn scored_headings_of_an_assessment_scheme() {
    let d = doc("某某县2024年度乡镇综合考核细则
经济发展︵23分︶
1.规模以上工业增加值增长8%以上。
2.固定资产投资增长10%。
财政工作(5分)
3.一般公共预算收入完成1.2亿元。
");
    let h = headings(&d);
    assert_eq!(
        h.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(),
        vec!["经济发展", "财政工作"]
    );
    assert_eq!(d.units[0].goals.len(), 3);
    assert!(d.units[0].goals.iter().all(|g| g.mode == GoalMode::Target));
}

/// The audit of a report-and-plan document counts only the plan part's goals
/// as plan goals, and its short numbered goals without numbers as vague.
#[test]
fn audit_of_a_report_and_plan_counts_the_plan_part() {
    let d = doc(REPORT_AND_PLAN);
    let report = zhibiao::audit::AuditReport::build(std::slice::from_ref(&d));
    let plan = report.totals.plan;
    // Plan goals: the opening of the plan part (its 2024 goals), the two
    // items under 一是, and the three numbered items; the review's results
    // are achievements.
    assert_eq!(plan.total, 6, "{:?}", report.totals);
    assert_eq!(plan.vague, 2, "{:?}", report.totals);
    let vague: Vec<_> = report
        .vague_plan_goals
        .iter()
        .map(|g| g.opening.as_str())
        .collect();
    assert!(
        vague.iter().any(|t| t.contains("争创全县先进"))
            && vague.iter().any(|t| t.contains("乡村振兴")),
        "{vague:?}"
    );
    assert!(report.totals.achievement.total >= 3, "{:?}", report.totals);
}
