//! Measurability of hand-picked goals of the corpus, as a performance office
//! would judge them, and the audit of the whole corpus.

mod common;

use std::path::PathBuf;

use zhibiao::audit::{AuditFormat, AuditReport, render};
use zhibiao::{Extraction, Goal, GoalMode, Measurability};

fn corpus() -> Extraction {
    zhibiao::run::extract_paths(
        common::extractor(),
        &[PathBuf::from("corpus")],
        &zhibiao::run::Options::default(),
        &|_| {},
    )
}

/// The one goal of document `doc` (path prefix) whose text contains `words`.
fn goal<'a>(ex: &'a Extraction, doc: &str, words: &str) -> &'a Goal {
    let found: Vec<&Goal> = ex
        .documents
        .iter()
        .filter(|d| d.path.starts_with(doc))
        .flat_map(|d| d.units.iter().flat_map(|u| &u.goals))
        .filter(|g| g.text.contains(words))
        .collect();
    assert_eq!(found.len(), 1, "{doc} {words}: {} goals", found.len());
    found[0]
}

#[test]
fn hand_picked_goals() {
    use Measurability::*;
    let ex = corpus();
    let cases = [
        // A number that measures.
        ("000_", "文明实践活动不少于20场", Quantified),
        ("000_", "规模以上工业总产值增幅35%", Quantified),
        ("000_", "完成2场五社联动小区治理项目", Quantified),
        ("000_", "化解率达到95%以上", Quantified),
        ("000_", "力争固定资产投资在十个镇(街)中排名前三", Quantified),
        ("003_", "在40个小区组建业委会", Quantified),
        ("003_", "2021年实现税收5亿元", Quantified),
        // No number, but a promise that is kept or not.
        ("000_", "加大矛盾纠纷化解率,六类可防性案件同比下降", Binary),
        ("000_", "实现“应兜尽兜”", Binary),
        ("000_", "全年确保不出现群体性卫生事件", Binary),
        ("001_", "确保全国文明城市创建顺利通过复审", Binary),
        // Neither.
        ("000_", "持续开展“送戏下乡”等文化活动", Vague),
        ("000_", "健全区域化党建机制", Vague),
        ("000_", "开展街居干部提升经济素养大比武", Vague),
        ("000_", "在全区叫得出、喊得响、争先进、出经验", Vague),
        ("001_", "党政办和党建办需要制定并实施一系列学习计划", Vague),
        ("002_", "全面落实河湖长制、林长制", Vague),
        ("003_", "推行“周调度、月回头”的督办机制", Vague),
        ("004_", "坚持项目为王,加大项目招引力度", Vague),
    ];
    let mut wrong = Vec::new();
    for (doc, words, want) in cases {
        let g = goal(&ex, doc, words);
        if g.measurability != want {
            wrong.push(format!(
                "{doc} {words}: {:?} ({}), want {want:?}",
                g.measurability, g.measurability_reason
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Reported achievements are not plan goals.
    let g = goal(&ex, "004_", "规模工业产值0.96亿元");
    assert_eq!(
        (g.mode, g.measurability),
        (GoalMode::Achievement, Quantified)
    );
}

#[test]
fn corpus_audit_shows_every_unit() {
    let ex = corpus();
    let report = AuditReport::build(&ex.documents);
    let table = render(&report, AuditFormat::Table);
    // Every named unit of the corpus (the ten of `000_…` are pinned by
    // `tests/corpus.rs`) shows in the audit.
    let names: Vec<&str> = ex
        .documents
        .iter()
        .flat_map(|d| &d.units)
        .filter_map(|u| u.name.as_deref())
        .collect();
    assert_eq!(names.len(), 12);
    for name in names {
        assert!(table.contains(name), "{name} missing from the audit table");
    }
    for d in &ex.documents {
        assert!(table.contains(&d.path), "{} missing", d.path);
    }
    let share = report.vague_plan_share();
    assert!(share > 0.2 && share < 0.8, "vague share {share}");
    let html = render(&report, AuditFormat::Html);
    assert_eq!(
        html.matches("class=\"bar\"").count(),
        14,
        "one bar per unit"
    );
}

#[test]
fn corpus_audit_sections_and_reasons() {
    let ex = corpus();
    let report = AuditReport::build(&ex.documents);
    // Two documents of the corpus have an unnamed unit, whose goal paths
    // start with an empty unit name: no section shows it.
    assert!(
        report
            .units
            .iter()
            .any(|u| u.unit.starts_with("（未命名单位"))
    );
    for g in &report.goals {
        assert!(
            g.section_path.iter().all(|s| !s.trim().is_empty()),
            "{} {}: {:?}",
            g.document,
            g.goal_id,
            g.section_path
        );
    }
    for f in [AuditFormat::Table, AuditFormat::Md, AuditFormat::Html] {
        let out = render(&report, f);
        assert!(
            !out.contains(" > 20"),
            "{f:?}: a section path starts with >"
        );
        assert!(out.contains("指标: "), "{f:?}");
        for english in ["target: ", "commitment: ", "no number"] {
            assert!(!out.contains(english), "{f:?} shows {english:?}");
        }
    }
    // The CSV keeps the extractor's words and adds the Chinese.
    let csv = render(&report, AuditFormat::Csv);
    assert!(csv.contains("\"no number, no commitment, no deadline\",无数字、无承诺、无时限,"));
}
