//! Hand-built documents and gold annotations for the evaluation tests.

use serde_json::json;

use super::{Gold, Scores, locate, parse_gold, score};
use crate::model::{
    Change, Comparator, Deadline, Document, Genre, Goal, GoalMode, HeadingStyle, Measurability,
    NameSource, Section, SectionRole, Span, Target, TargetKind, TargetMode, Unit,
};

pub(crate) fn span(text: &str, needle: &str, occurrence: usize) -> Span {
    locate(text, needle, occurrence).expect("test quote is in the text")
}

pub(crate) fn target(text: &str, needle: &str, occurrence: usize, value: f64) -> Target {
    Target {
        text: needle.to_string(),
        span: span(text, needle, occurrence),
        value,
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

pub(crate) fn deadline(text: &str, needle: &str, by: &str) -> Deadline {
    Deadline {
        text: needle.to_string(),
        span: span(text, needle, 1),
        by: Some(by.to_string()),
    }
}

pub(crate) fn section(heading: &str, level: u32, label: Option<&str>) -> Section {
    Section {
        id: format!("s-{heading}"),
        parent: None,
        level,
        label: label.map(str::to_string),
        style: HeadingStyle::ChineseNumeral,
        heading: heading.to_string(),
        heading_span: Span::new(0, 0),
        span: Span::new(0, 0),
        role: SectionRole::Plan,
        fields: Vec::new(),
    }
}

pub(crate) fn unit(
    name: Option<&str>,
    sections: Vec<Section>,
    targets: Vec<Target>,
    deadlines: Vec<Deadline>,
) -> Unit {
    Unit {
        id: "u1".into(),
        name: name.map(str::to_string),
        name_source: NameSource::Heading,
        heading: None,
        span: Span::new(0, 0),
        sections,
        goals: vec![Goal {
            id: "g1".into(),
            section: None,
            path: Vec::new(),
            label: None,
            title: None,
            text: String::new(),
            span: Span::new(0, 0),
            mode: GoalMode::Target,
            domain: crate::model::Domain::Other,
            measurability: Measurability::Quantified,
            measurability_reason: String::new(),
            targets,
            deadlines,
            commitments: Vec::new(),
        }],
    }
}

pub(crate) fn document(path: &str, text: &str, units: Vec<Unit>) -> (Document, String) {
    let doc = Document {
        id: "d".into(),
        path: path.to_string(),
        sha256: String::new(),
        bytes: text.len(),
        chars: text.chars().count(),
        encoding: "UTF-8".into(),
        encoding_errors: 0,
        format: Default::default(),
        text: None,
        title: None,
        issuer: None,
        published: None,
        year: Some(2021),
        genre: Genre::Plan,
        preamble: None,
        furniture: Vec::new(),
        units,
    };
    (doc, text.to_string())
}

/// A gold file for `doc`: plan, 2021, no units, plus `extra` fields.
pub(crate) fn gold(doc: &str, extra: serde_json::Value) -> Gold {
    let mut g = json!({"doc": doc, "genre": "plan", "year": 2021});
    if let (Some(g), Some(extra)) = (g.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            g.insert(k.clone(), v.clone());
        }
    }
    parse_gold(&format!("{doc}.json"), &g.to_string()).expect("valid test gold")
}

pub(crate) fn gold_target(
    text: &str,
    occurrence: usize,
    value: f64,
    optional: bool,
) -> serde_json::Value {
    json!({"text": text, "occurrence": occurrence, "value": value, "value_max": null,
           "unit": "个", "kind": "count", "comparator": "eq", "change": "level",
           "mode": "target", "optional": optional})
}

pub(crate) fn score_one(g: Gold, d: (Document, String)) -> Scores {
    score(&[g], &[d]).expect("scores")
}

/// `a.txt` as one unnamed unit with these targets and deadlines and no
/// sections: the document most scoring tests need.
pub(crate) fn one_unit(
    text: &str,
    targets: Vec<Target>,
    deadlines: Vec<Deadline>,
) -> (Document, String) {
    document("a.txt", text, vec![unit(None, vec![], targets, deadlines)])
}
