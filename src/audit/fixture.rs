//! Hand-built documents for the audit tests.
//!
//! Two documents. `a/2024计划.txt` has three units: 太平店镇 (two
//! quantified plan goals, one with and one without a deadline, a vague plan
//! goal and a quantified achievement), 牛首镇 (a binary plan goal, a vague plan goal with only a deadline,
//! a vague achievement) and 柿铺街道办事处 (no goals). `b/总结.txt` has one
//! unnamed unit (a quantified plan goal without deadline, a vague plan goal
//! whose text holds `|`, markup and a line break, a binary and a quantified
//! achievement); as in an extraction, the paths of its goals start with an
//! empty unit name. Reasons are worded as the extractor words them.

use crate::model::*;

fn target() -> Target {
    Target {
        text: "3个".into(),
        span: Span::new(0, 2),
        value: 3.0,
        value_max: None,
        unit: "个".into(),
        what: None,
        what_span: None,
        activity: None,
        indicator: None,
        object: None,
        metric: None,
        kind: TargetKind::Count,
        comparator: Comparator::Eq,
        change: Change::Level,
        mode: TargetMode::Target,
    }
}

fn deadline() -> Deadline {
    Deadline {
        text: "年底".into(),
        span: Span::new(0, 2),
        by: Some("2024-12-31".into()),
    }
}

pub(crate) struct G {
    pub id: &'static str,
    pub path: &'static [&'static str],
    pub label: Option<&'static str>,
    pub text: &'static str,
    pub mode: GoalMode,
    pub domain: Domain,
    pub m: Measurability,
    pub targets: usize,
    pub deadlines: usize,
}

pub(crate) fn goal(g: G) -> Goal {
    Goal {
        id: g.id.into(),
        section: None,
        path: g.path.iter().map(|s| s.to_string()).collect(),
        label: g.label.map(str::to_string),
        title: None,
        text: g.text.into(),
        span: Span::new(0, g.text.chars().count()),
        mode: g.mode,
        domain: g.domain,
        measurability: g.m,
        // Worded as the extractor words it.
        measurability_reason: match g.m {
            Measurability::Quantified => "target: 3个".into(),
            Measurability::Binary => "commitment: 不发生重大安全事故".into(),
            Measurability::Vague if g.deadlines > 0 => {
                "no number or commitment (deadline 年底 only)".into()
            }
            Measurability::Vague => "no number, no commitment, no deadline".into(),
        },
        targets: (0..g.targets).map(|_| target()).collect(),
        deadlines: (0..g.deadlines).map(|_| deadline()).collect(),
        commitments: vec![],
    }
}

pub(crate) fn unit(id: &str, name: Option<&str>, goals: Vec<Goal>) -> Unit {
    Unit {
        id: id.into(),
        name: name.map(str::to_string),
        name_source: if name.is_some() {
            NameSource::Heading
        } else {
            NameSource::None
        },
        heading: None,
        span: Span::new(0, 1),
        sections: vec![],
        goals,
    }
}

pub(crate) fn document(path: &str, title: Option<&str>, units: Vec<Unit>) -> Document {
    Document {
        id: path.into(),
        path: path.into(),
        sha256: "0".repeat(64),
        bytes: 1,
        chars: 1,
        encoding: "UTF-8".into(),
        encoding_errors: 0,
        format: Default::default(),
        text: None,
        title: title.map(|t| Snippet {
            text: t.into(),
            span: Span::new(0, t.chars().count()),
        }),
        issuer: None,
        published: None,
        year: Some(2024),
        genre: Genre::ReportAndPlan,
        preamble: None,
        furniture: vec![],
        units,
    }
}

use Domain::*;
use GoalMode::{Achievement, Target as Plan};
use Measurability::*;

pub(crate) const VAGUE_TEXT_B: &str = "深化“放管服”改革 |\n  优化<b>营商</b>环境 & 服务持续提升群众满意度，打造一流营商环境高地，推动高质量发展";

pub(crate) fn documents() -> Vec<Document> {
    let a = document(
        "a/2024计划.txt",
        Some("樊城区2024年镇街考核指标"),
        vec![
            unit(
                "a-u1",
                Some("太平店镇"),
                vec![
                    goal(G {
                        id: "g1",
                        path: &["太平店镇", "区委考核指标", "经济工作", "一是"],
                        label: Some("一是"),
                        text: "年底前完成固定资产投资增长10%。",
                        mode: Plan,
                        domain: Economy,
                        m: Quantified,
                        targets: 1,
                        deadlines: 1,
                    }),
                    goal(G {
                        id: "g2",
                        path: &["太平店镇", "区委考核指标", "重点项目", "二是"],
                        label: Some("二是"),
                        text: "新建3个莲藕专业村，新开工项目5个。",
                        mode: Plan,
                        domain: Projects,
                        m: Quantified,
                        targets: 2,
                        deadlines: 0,
                    }),
                    goal(G {
                        id: "g3",
                        path: &["太平店镇", "区委考核指标", "大党建"],
                        label: None,
                        text: "全面加强基层党组织建设，\n切实提升组织力，推动党建引领乡村振兴走深走实，形成可复制经验。",
                        mode: Plan,
                        domain: PartyBuilding,
                        m: Vague,
                        targets: 0,
                        deadlines: 0,
                    }),
                    goal(G {
                        id: "g4",
                        path: &["太平店镇", "2023年工作总结"],
                        label: None,
                        text: "完成招商引资12亿元。",
                        mode: Achievement,
                        domain: Economy,
                        m: Quantified,
                        targets: 1,
                        deadlines: 0,
                    }),
                ],
            ),
            unit(
                "a-u2",
                Some("牛首镇"),
                vec![
                    goal(G {
                        id: "g5",
                        path: &["牛首镇", "平安建设", "1."],
                        label: Some("1."),
                        text: "全年不发生重大安全事故。",
                        mode: Plan,
                        domain: PublicSafety,
                        m: Binary,
                        targets: 0,
                        deadlines: 0,
                    }),
                    goal(G {
                        id: "g6",
                        path: &["牛首镇", "特色工作目标"],
                        label: None,
                        text: "年底前打造基层治理品牌。",
                        mode: Plan,
                        domain: Governance,
                        m: Vague,
                        targets: 0,
                        deadlines: 1,
                    }),
                    goal(G {
                        id: "g7",
                        path: &["牛首镇", "工作总结"],
                        label: None,
                        text: "文明创建成效明显。",
                        mode: Achievement,
                        domain: Culture,
                        m: Vague,
                        targets: 0,
                        deadlines: 0,
                    }),
                ],
            ),
            unit("a-u3", Some("柿铺街道办事处"), vec![]),
        ],
    );
    let b = document(
        "b/总结.txt",
        None,
        vec![unit(
            "b-u1",
            None,
            vec![
                goal(G {
                    id: "g8",
                    path: &["", "二、明年计划", "(一)"],
                    label: Some("(一)"),
                    text: "地区生产总值增长6%。",
                    mode: Plan,
                    domain: Economy,
                    m: Quantified,
                    targets: 1,
                    deadlines: 0,
                }),
                goal(G {
                    id: "g9",
                    path: &["", "一、今年工作"],
                    label: None,
                    text: "中央环保督察问题全部整改到位。",
                    mode: Achievement,
                    domain: Environment,
                    m: Binary,
                    targets: 0,
                    deadlines: 0,
                }),
                goal(G {
                    id: "g10",
                    path: &["", "一、今年工作"],
                    label: None,
                    text: "新增就业1200人。",
                    mode: Achievement,
                    domain: Livelihood,
                    m: Quantified,
                    targets: 1,
                    deadlines: 0,
                }),
                goal(G {
                    id: "g11",
                    path: &["", "二、明年计划", "(二)"],
                    label: Some("(二)"),
                    text: VAGUE_TEXT_B,
                    mode: Plan,
                    domain: Economy,
                    m: Vague,
                    targets: 0,
                    deadlines: 0,
                }),
            ],
        )],
    );
    vec![a, b]
}

pub(crate) fn report() -> crate::audit::AuditReport {
    crate::audit::AuditReport::build(&documents())
}
