//! Whole-corpus invariants: every span exact, output deterministic and
//! valid against the checked-in JSON Schema, the structure of the corpus
//! documents as a reader sees it.

mod common;

use std::path::PathBuf;

use serde_json::Value;
use zhibiao::{Document, Extraction, Span};

fn corpus() -> Extraction {
    zhibiao::run::extract_paths(
        common::extractor(),
        &[PathBuf::from("corpus")],
        &zhibiao::run::Options::default(),
        &|_| {},
    )
}

fn decoded(path: &str) -> String {
    let bytes = std::fs::read(format!("corpus/{path}")).expect("corpus file");
    zhibiao::decode::decode(&bytes).expect("decodes").text
}

fn slice(text: &str, span: Span) -> String {
    text.chars()
        .skip(span.start)
        .take(span.end - span.start)
        .collect()
}

/// Every (span, text) pair the document reports.
fn spans(d: &Document) -> Vec<(Span, String, &'static str)> {
    let mut v = Vec::new();
    if let Some(t) = &d.title {
        v.push((t.span, t.text.clone(), "title"));
    }
    if let Some(p) = &d.preamble {
        v.push((p.span, p.text.clone(), "preamble"));
    }
    for f in &d.furniture {
        v.push((f.span, f.text.clone(), "furniture"));
    }
    for u in &d.units {
        if let Some(h) = &u.heading {
            v.push((h.span, h.text.clone(), "unit heading"));
        }
        for s in &u.sections {
            v.push((s.heading_span, s.heading.clone(), "section heading"));
            for f in &s.fields {
                v.push((f.value_span, f.value.clone(), "field value"));
            }
        }
        for g in &u.goals {
            v.push((g.span, g.text.clone(), "goal"));
            for t in &g.targets {
                v.push((t.span, t.text.clone(), "target"));
            }
            for t in &g.deadlines {
                v.push((t.span, t.text.clone(), "deadline"));
            }
            for t in &g.commitments {
                v.push((t.span, t.text.clone(), "commitment"));
            }
        }
    }
    v
}

#[test]
fn every_span_is_exact() {
    let ex = corpus();
    assert_eq!(ex.documents.len(), 5);
    let mut checked = 0;
    for d in &ex.documents {
        let text = decoded(&d.path);
        assert_eq!(d.chars, text.chars().count(), "{}", d.path);
        for (span, reported, what) in spans(d) {
            assert!(
                span.start <= span.end && span.end <= d.chars,
                "{} {what} {span:?} out of range",
                d.path
            );
            assert_eq!(
                slice(&text, span),
                reported,
                "{} {what} at {span:?}",
                d.path
            );
            checked += 1;
        }
        for u in &d.units {
            for s in &u.sections {
                assert!(
                    s.span.contains(&s.heading_span),
                    "{} section span holds its heading",
                    d.path
                );
            }
            for g in &u.goals {
                for t in &g.targets {
                    assert!(
                        g.span.contains(&t.span),
                        "{}: target {} inside its goal",
                        d.path,
                        t.text
                    );
                }
            }
        }
    }
    assert!(checked > 700, "only {checked} spans checked");
}

#[test]
fn corpus_keeps_every_invariant() {
    // The same checks the property tests, the hostile-input test and the
    // fuzz target apply.
    for d in &corpus().documents {
        let problems = zhibiao::verify::check_document(d, &decoded(&d.path));
        assert!(problems.is_empty(), "{}: {problems:#?}", d.path);
        assert_eq!(d.encoding_errors, 0, "{}", d.path);
    }
    // And on the documents written apart from the code.
    let dir = PathBuf::from("tests/independent/docs");
    let ex = zhibiao::run::extract_paths(
        common::extractor(),
        std::slice::from_ref(&dir),
        &zhibiao::run::Options::default(),
        &|_| {},
    );
    assert!(ex.errors.is_empty() && !ex.documents.is_empty());
    for d in &ex.documents {
        let bytes = std::fs::read(dir.join(&d.path)).expect("read");
        let text = zhibiao::decode::decode(&bytes).expect("decodes").text;
        let problems = zhibiao::verify::check_document(d, &text);
        assert!(problems.is_empty(), "{}: {problems:#?}", d.path);
    }
}

#[test]
fn corpus_extracts_without_errors() {
    let ex = corpus();
    assert_eq!(ex.summary.files_seen, 5);
    assert_eq!(ex.summary.documents_failed, 0);
    assert!(ex.errors.is_empty());
    let paths: Vec<&str> = ex.documents.iter().map(|d| d.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(
        ex.summary.goals > 150 && ex.summary.targets > 200,
        "{:?}",
        ex.summary
    );
}

#[test]
fn ten_units_with_three_blocks_each() {
    let ex = corpus();
    let d = ex
        .documents
        .iter()
        .find(|d| d.path.starts_with("000_"))
        .expect("000");
    let names: Vec<&str> = d.units.iter().filter_map(|u| u.name.as_deref()).collect();
    assert_eq!(
        names,
        [
            "太平店镇",
            "牛首镇",
            "柿铺街道办事处",
            "王寨街道办事处",
            "汉江街道办事处",
            "米公街道办事处",
            "定中门街道办事处",
            "屏襄门街道办事处",
            "中原街道办事处",
            "清河口街道办事处"
        ]
    );
    assert!(
        d.preamble
            .as_ref()
            .is_some_and(|p| p.text.starts_with("为了激励全区"))
    );
    for u in &d.units {
        let blocks: Vec<&str> = u
            .sections
            .iter()
            .filter(|s| s.level == 1)
            .map(|s| s.heading.as_str())
            .collect();
        assert_eq!(
            blocks,
            [
                "区委、区政府对镇(街)考核指标",
                "对标管理工作目标",
                "特色工作目标"
            ],
            "{:?}",
            u.name
        );
        let bench = u
            .sections
            .iter()
            .find(|s| s.heading == "对标管理工作目标")
            .expect("benchmark block");
        let keys: Vec<&str> = bench.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["对标对象", "对标项目", "赶超标准"], "{:?}", u.name);
        assert_eq!(bench.role, zhibiao::SectionRole::Benchmark);
        let feature = u
            .sections
            .iter()
            .find(|s| s.heading == "特色工作目标")
            .expect("feature block");
        assert!(
            feature.fields.iter().any(|f| f.key == "特色项目"),
            "{:?}",
            u.name
        );
        assert!(
            u.goals
                .iter()
                .all(|g| g.path.first().map(String::as_str) == u.name.as_deref())
        );
    }
    let first = &d.units[0]
        .sections
        .iter()
        .find(|s| s.heading == "对标管理工作目标")
        .expect("block")
        .fields[0];
    assert_eq!(first.value, "襄州区龙王镇");
}

#[test]
fn single_unit_documents_and_metadata() {
    let ex = corpus();
    let by = |p: &str| {
        ex.documents
            .iter()
            .find(|d| d.path.starts_with(p))
            .expect("doc")
    };
    let d = by("001_");
    assert_eq!(d.issuer.as_deref(), Some("岳阳楼街道办事处"));
    assert_eq!(d.published.as_deref(), Some("2024-10-10T15:37"));
    assert_eq!(
        d.title.as_ref().map(|t| t.text.as_str()),
        Some("1137工作目标")
    );
    assert_eq!(d.units[0].name.as_deref(), Some("岳阳楼街道办事处"));
    assert!(d.furniture.len() >= 2);
    let d = by("003_");
    assert_eq!(d.units[0].name.as_deref(), Some("崖头街道"));
    assert_eq!(d.units[0].name_source, zhibiao::NameSource::Body);
    assert_eq!(d.year, Some(2021));
    let d = by("002_");
    assert!(
        d.furniture
            .iter()
            .any(|f| f.text == "扫一扫在手机上查看当前页面")
    );
    assert_eq!(d.genre, zhibiao::Genre::ReportAndPlan);
    // Goals of the 2024 summary are achievements, of the 2025 plan targets.
    let goals: Vec<_> = d.units.iter().flat_map(|u| &u.goals).collect();
    assert!(
        goals
            .iter()
            .any(|g| g.mode == zhibiao::GoalMode::Achievement
                && g.path.iter().any(|p| p == "2024年工作成效"))
    );
    assert!(goals.iter().any(
        |g| g.mode == zhibiao::GoalMode::Target && g.path.iter().any(|p| p == "2025年工作计划")
    ));
    assert!(
        goals
            .iter()
            .filter(|g| g.path.iter().any(|p| p == "2024年工作成效"))
            .all(|g| g.mode == zhibiao::GoalMode::Achievement)
    );
}

#[test]
fn output_is_deterministic() {
    let a = serde_json::to_string(&corpus()).expect("json");
    let b = serde_json::to_string(&corpus()).expect("json");
    assert_eq!(a, b);
}

#[test]
fn checked_in_schema_is_the_generated_one() {
    for (file, schema) in [
        (
            "schemas/extraction.schema.json",
            schemars::schema_for!(zhibiao::Extraction),
        ),
        (
            "schemas/record.schema.json",
            schemars::schema_for!(zhibiao::Record),
        ),
    ] {
        let on_disk: Value =
            serde_json::from_str(&std::fs::read_to_string(file).expect("schema file"))
                .expect("json");
        assert_eq!(
            on_disk,
            serde_json::to_value(&schema).expect("json"),
            "{file} is stale: regenerate with `zhibiao schema`"
        );
    }
}

#[test]
fn output_validates_against_the_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("schemas/extraction.schema.json").expect("schema"),
    )
    .expect("json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let out = serde_json::to_value(corpus()).expect("json");
    let errors: Vec<String> = validator
        .iter_errors(&out)
        .map(|e| e.to_string())
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The schema is not vacuous: a broken document fails it.
    let mut broken = out.clone();
    broken["documents"][0]["units"][0]["goals"][0]["measurability"] = Value::from("maybe");
    assert!(!validator.is_valid(&broken));

    let record: Value = serde_json::from_str(
        &std::fs::read_to_string("schemas/record.schema.json").expect("schema"),
    )
    .expect("json");
    let rv = jsonschema::validator_for(&record).expect("valid schema");
    let ex = corpus();
    let mut buf = Vec::new();
    zhibiao::emit::write(&mut buf, &ex, zhibiao::emit::Format::Jsonl, false).expect("write");
    for line in String::from_utf8(buf).expect("utf8").lines() {
        let v: Value = serde_json::from_str(line).expect("json line");
        assert!(
            rv.is_valid(&v),
            "jsonl line invalid: {}",
            &line[..line.len().min(80)]
        );
    }
}
