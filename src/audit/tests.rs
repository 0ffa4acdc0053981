//! Aggregation over the hand-built documents of [`super::fixture`].

use super::*;
use crate::audit::fixture;

fn c(quantified: usize, binary: usize, vague: usize) -> Counts {
    Counts {
        quantified,
        binary,
        vague,
        total: quantified + binary + vague,
    }
}

#[test]
fn totals_count_plans_and_achievements_apart() {
    let r = fixture::report();
    assert_eq!(r.totals.plan, c(3, 1, 3));
    assert_eq!(r.totals.achievement, c(2, 1, 1));
}

#[test]
fn vague_share_is_over_plan_goals_only() {
    let r = fixture::report();
    assert!((r.vague_plan_share() - 3.0 / 7.0).abs() < 1e-12);
    assert_eq!(r.vague_plan_share, r.vague_plan_share());
    assert_eq!(AuditReport::build(&[]).vague_plan_share(), 0.0);
    // Achievements only: no plan goals, share 0, not NaN.
    let mut docs = fixture::documents();
    for d in &mut docs {
        for u in &mut d.units {
            u.goals.retain(|g| g.mode == GoalMode::Achievement);
        }
    }
    let r = AuditReport::build(&docs);
    assert_eq!(r.totals.achievement.total, 4);
    assert_eq!(r.vague_plan_share(), 0.0);
}

#[test]
fn per_document() {
    let r = fixture::report();
    let docs: Vec<(&str, usize, Tally)> = r
        .documents
        .iter()
        .map(|d| (d.document.as_str(), d.units, d.goals))
        .collect();
    assert_eq!(
        docs,
        vec![
            (
                "a/2024计划.txt",
                3,
                Tally {
                    plan: c(2, 1, 2),
                    achievement: c(1, 0, 1)
                }
            ),
            (
                "b/总结.txt",
                1,
                Tally {
                    plan: c(1, 0, 1),
                    achievement: c(1, 1, 0)
                }
            ),
        ]
    );
    assert_eq!(
        r.documents[0].title.as_deref(),
        Some("樊城区2024年镇街考核指标")
    );
    assert_eq!(r.documents[1].title, None);
}

#[test]
fn per_unit_keeps_every_unit_and_names_the_unnamed() {
    let r = fixture::report();
    let units: Vec<(&str, &str, Counts, Counts)> = r
        .units
        .iter()
        .map(|u| {
            (
                u.document.as_str(),
                u.unit.as_str(),
                u.goals.plan,
                u.goals.achievement,
            )
        })
        .collect();
    assert_eq!(
        units,
        vec![
            ("a/2024计划.txt", "太平店镇", c(2, 0, 1), c(1, 0, 0)),
            ("a/2024计划.txt", "牛首镇", c(0, 1, 1), c(0, 0, 1)),
            ("a/2024计划.txt", "柿铺街道办事处", c(0, 0, 0), c(0, 0, 0)),
            ("b/总结.txt", "（未命名单位 1）", c(1, 0, 1), c(1, 1, 0)),
        ]
    );
    assert!((r.units[0].goals.plan.share(Measurability::Quantified) - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(r.units[2].goals.plan.share(Measurability::Vague), 0.0);
}

#[test]
fn per_domain_in_fixed_order_with_chinese_names() {
    let r = fixture::report();
    let names: Vec<&str> = r.domains.iter().map(|d| d.domain_zh.as_str()).collect();
    assert_eq!(
        names,
        [
            "党建",
            "经济",
            "项目建设",
            "平安稳定",
            "民生社会",
            "生态环保",
            "文化文明",
            "基层治理"
        ]
    );
    let economy = &r.domains[1];
    assert_eq!(economy.domain, Domain::Economy);
    assert_eq!(economy.goals.plan, c(2, 0, 1));
    assert_eq!(economy.goals.achievement, c(1, 0, 0));
    let sum = r.domains.iter().fold(Tally::default(), |mut t, d| {
        t += d.goals;
        t
    });
    assert_eq!(sum, r.totals);
}

#[test]
fn vague_plan_goals_list() {
    let r = fixture::report();
    let ids: Vec<&str> = r
        .vague_plan_goals
        .iter()
        .map(|g| g.goal_id.as_str())
        .collect();
    assert_eq!(ids, ["g3", "g6", "g11"]);
    let g3 = &r.vague_plan_goals[0];
    assert_eq!(g3.unit, "太平店镇");
    assert_eq!(g3.section_path, ["区委考核指标", "大党建"]);
    assert_eq!(g3.label, None);
    // Thirty characters, the line break folded away, and an ellipsis.
    assert_eq!(
        g3.opening,
        "全面加强基层党组织建设，切实提升组织力，推动党建引领乡村振兴…"
    );
    assert_eq!(g3.opening.chars().count(), OPENING_CHARS + 1);
    let g11 = &r.vague_plan_goals[2];
    assert_eq!(g11.unit, "（未命名单位 1）");
    assert_eq!(g11.section_path, ["二、明年计划"]);
    assert_eq!(g11.label.as_deref(), Some("(二)"));
    assert!(!g11.opening.contains('\n'));
}

#[test]
fn quantified_without_deadline_list() {
    let r = fixture::report();
    let ids: Vec<&str> = r
        .quantified_without_deadline
        .iter()
        .map(|g| g.goal_id.as_str())
        .collect();
    // g1 has a deadline, g4 and g10 are achievements.
    assert_eq!(ids, ["g2", "g8"]);
    assert_eq!(r.quantified_without_deadline[0].targets, 2);
    assert_eq!(r.quantified_without_deadline[0].reason, "target: 3个");
}

#[test]
fn section_path_drops_the_unit_and_the_label() {
    let r = fixture::report();
    let g1 = &r.goals[0];
    assert_eq!(g1.section_path, ["区委考核指标", "经济工作"]);
    assert_eq!(g1.section(), "区委考核指标 > 经济工作");
    assert_eq!(g1.label.as_deref(), Some("一是"));
    assert_eq!(r.goals.len(), 11);
}

#[test]
fn section_path_of_an_unnamed_unit_has_no_empty_segment() {
    let r = fixture::report();
    // b/总结.txt: the unit has no name, its goals' paths start with "".
    let g8 = r.goals.iter().find(|g| g.goal_id == "g8");
    let g8 = g8.unwrap_or_else(|| panic!("no g8"));
    assert_eq!(g8.unit, "（未命名单位 1）");
    assert_eq!(g8.section_path, ["二、明年计划"]);
    assert_eq!(g8.section(), "二、明年计划");
    for g in &r.goals {
        assert!(
            g.section_path.iter().all(|s| !s.is_empty()),
            "{}: {:?}",
            g.goal_id,
            g.section_path
        );
        assert!(!g.section().starts_with(" > "), "{}", g.section());
    }
    for f in [AuditFormat::Table, AuditFormat::Md, AuditFormat::Csv] {
        let out = render(&r, f);
        assert!(!out.contains(" > 二、明年计划"), "{f:?}\n{out}");
    }
}

#[test]
fn section_path_rules() {
    let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // Unnamed unit: the empty first segment goes, so does the label.
    assert_eq!(
        section_path(&p(&["", "一、计划", "(一)"]), None, Some("(一)")),
        ["一、计划"]
    );
    // A goal right under an unnamed unit has no section.
    assert!(section_path(&p(&[""]), None, None).is_empty());
    assert!(section_path(&p(&["", "(一)"]), None, Some("(一)")).is_empty());
    // Named unit; an empty or blank heading in the middle is dropped too.
    assert_eq!(
        section_path(
            &p(&["牛首镇", "目标", " \u{3000}", "细则"]),
            Some("牛首镇"),
            None
        ),
        ["目标", "细则"]
    );
    // A path that does not start with the unit keeps its first segment.
    assert_eq!(section_path(&p(&["一、计划"]), None, None), ["一、计划"]);
    assert_eq!(
        section_path(&p(&["一、计划", "细则"]), Some("牛首镇"), None),
        ["一、计划", "细则"]
    );
}

#[test]
fn reasons_in_chinese() {
    assert_eq!(reason_zh("target: 11个"), "指标: 11个");
    assert_eq!(
        reason_zh("commitment: 不发生重大安全事故"),
        "承诺: 不发生重大安全事故"
    );
    assert_eq!(
        reason_zh("no number, no commitment, no deadline"),
        "无数字、无承诺、无时限"
    );
    assert_eq!(
        reason_zh("no number or commitment (deadline 2024年底前 only)"),
        "无数字或承诺（仅有时限 2024年底前）"
    );
    // Anything else is shown as it is.
    assert_eq!(reason_zh("3个"), "3个");
    assert_eq!(reason_zh(""), "");
}

#[test]
fn chinese_renderers_show_reasons_in_chinese_data_keeps_english() {
    let r = fixture::report();
    let english = ["target: ", "commitment: ", "no number"];
    for f in [AuditFormat::Table, AuditFormat::Md, AuditFormat::Html] {
        let out = render(&r, f);
        assert!(out.contains("指标: 3个"), "{f:?}\n{out}");
        for e in english {
            assert!(!out.contains(e), "{f:?} shows {e:?}\n{out}");
        }
    }
    let json = render(&r, AuditFormat::Json);
    assert!(json.contains("\"target: 3个\""));
    assert!(json.contains("\"no number or commitment (deadline 年底 only)\""));
    assert!(!json.contains("指标: "));
    let csv = render(&r, AuditFormat::Csv);
    assert!(csv.contains(",target: 3个,指标: 3个,"), "{csv}");
    assert!(csv.contains(",无数字或承诺（仅有时限 年底）,"), "{csv}");
    assert!(csv.contains(",无数字、无承诺、无时限,"), "{csv}");
}

#[test]
fn short_text_is_not_cut() {
    assert_eq!(opening("新增就业1200人。", 30), "新增就业1200人。");
    assert_eq!(opening("  a\t\nb\u{3000}c  ", 30), "a b c");
    // A line break inside Chinese text is not a word space.
    assert_eq!(
        one_line("建设，\n切实 提升 2024 年"),
        "建设，切实提升 2024 年"
    );
    assert_eq!(opening("一二三四", 3), "一二三…");
    assert_eq!(one_line("\u{0007}x"), "x");
}

#[test]
fn json_round_trips() {
    let r = fixture::report();
    let s = render(&r, AuditFormat::Json);
    let back: AuditReport = serde_json::from_str(&s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, r);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap_or_default();
    assert_eq!(v["totals"]["plan"]["vague"], 3);
    assert_eq!(v["domains"][0]["domain"], "party_building");
    assert_eq!(v["domains"][0]["domain_zh"], "党建");
    assert_eq!(v["vague_plan_goals"][0]["mode"], "target");
    assert_eq!(v["goals"].as_array().map(Vec::len), Some(11));
}
