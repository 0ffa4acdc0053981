//! The extractor measured against the hand annotations in `tests/gold/`.
//!
//! `cargo test --test gold -- --nocapture` prints the scores; the floors
//! test holds them (see README, "Measured quality").

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use zhibiao::eval::{self, Floors, Scores};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    root().join("corpus")
}

fn gold_dir() -> PathBuf {
    root().join("tests").join("gold")
}

/// The real pipeline on the corpus, scored once for all tests.
fn scores() -> &'static Scores {
    static SCORES: OnceLock<Scores> = OnceLock::new();
    SCORES.get_or_init(|| {
        let (docs, errors) = eval::read_documents(common::extractor(), &[corpus()]);
        assert!(errors.is_empty(), "corpus files failed: {errors:?}");
        let scores = eval::evaluate(&gold_dir(), &docs).unwrap_or_else(|e| panic!("{e}"));
        println!("{}", scores.render_text());
        scores
    })
}

/// The checks of `tests/gold/validate.py`: every annotation refers to text
/// that is really in its document (the enum and number checks are done by
/// parsing).
#[test]
fn gold_files_load_and_quote_their_documents() {
    let golds = eval::load_gold(&gold_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!golds.is_empty());
    let mut problems = Vec::new();
    for gold in &golds {
        let path = corpus().join(&gold.doc);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{}: document {}: {e}", gold.file, gold.doc));
                continue;
            }
        };
        match zhibiao::decode::decode(&bytes) {
            Ok(d) => problems.extend(gold.check(&d.text).iter().map(ToString::to_string)),
            Err(e) => problems.push(format!("{}: {}: {}", gold.file, gold.doc, e.message)),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_gold_file_is_scored() {
    let golds = eval::load_gold(&gold_dir()).unwrap_or_else(|e| panic!("{e}"));
    let s = scores();
    assert_eq!(s.documents, golds.len());
    assert_eq!(s.targets.counts.gold + s.targets.counts.gold_optional, {
        golds.iter().map(|g| g.targets.len()).sum::<usize>()
    });
}

#[test]
fn extraction_meets_the_floors() {
    // Every unit name must match on this set (`Floors::REQUIRED`).
    let failed = scores().shortfalls(&Floors::REQUIRED);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    // The check can fail: floors above what any extractor reaches.
    let impossible = Floors {
        target_recall: 1.01,
        max_not_targets: -0.01,
        ..Floors::REQUIRED
    };
    assert_eq!(scores().shortfalls(&impossible).len(), 2);
}

#[test]
fn eval_command_prints_the_scores() {
    let out = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .arg("eval")
        .arg("--gold")
        .arg(gold_dir())
        .arg(corpus())
        .output()
        .expect("run zhibiao");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("target precision"), "{stdout}");
    assert!(stdout.contains("003_0d40b9ad88d90563.txt"), "{stdout}");

    let out = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .args(["eval", "--json", "--gold"])
        .arg(gold_dir())
        .arg(corpus())
        .output()
        .expect("run zhibiao");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON scores");
    assert!(
        v["targets"]["recall"]["den"]
            .as_u64()
            .is_some_and(|n| n > 0)
    );
    assert_eq!(v["per_document"].as_array().map(Vec::len), Some(5));
}

#[test]
fn eval_command_fails_on_a_missing_document_or_bad_gold() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("missing.json"),
        r#"{"doc": "missing.txt", "genre": "plan", "year": 2021}"#,
    )
    .expect("write gold");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .arg("eval")
        .arg("--gold")
        .arg(dir.path())
        .arg(corpus())
        .output()
        .expect("run zhibiao");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("missing.txt"), "{stderr}");

    std::fs::write(dir.path().join("missing.json"), "{\"doc\": ").expect("write gold");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .arg("eval")
        .arg("--gold")
        .arg(dir.path())
        .arg(corpus())
        .output()
        .expect("run zhibiao");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("missing.json: not a valid gold file"),
        "{stderr}"
    );
}

/// The scorer itself on the real annotations: a document built from its own
/// gold file gets full marks (and no not-target overlaps a gold target).
#[test]
fn an_extraction_equal_to_the_gold_gets_full_marks() {
    use zhibiao::eval::GoldUnit;
    use zhibiao::*;

    let golds = eval::load_gold(&gold_dir()).unwrap_or_else(|e| panic!("{e}"));
    let mut docs = Vec::new();
    for gold in &golds {
        let bytes = std::fs::read(corpus().join(&gold.doc)).expect("corpus document");
        let text = decode::decode(&bytes).expect("decodes").text;
        let span = |t: &str, occurrence: usize| {
            eval::locate(&text, t, occurrence).expect("gold quote in document")
        };
        let targets = gold
            .targets
            .iter()
            .map(|t| Target {
                text: t.text.clone(),
                span: span(&t.text, t.occurrence),
                value: t.value,
                value_max: t.value_max,
                unit: t.unit.clone(),
                what: t.what.clone(),
                what_span: None,
                activity: None,
                indicator: None,
                object: None,
                metric: None,
                kind: t.kind,
                comparator: t.comparator,
                change: t.change,
                mode: t.mode,
            })
            .collect();
        let deadlines = gold
            .deadlines
            .iter()
            .map(|d| Deadline {
                text: d.text.clone(),
                span: span(&d.text, d.occurrence),
                by: d.by.clone(),
            })
            .collect();
        let sections = gold
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| Section {
                id: format!("s{i}"),
                parent: None,
                level: s.level,
                label: s.label.clone(),
                style: HeadingStyle::Block,
                heading: s.heading.clone(),
                heading_span: Span::new(0, 0),
                span: Span::new(0, 0),
                role: SectionRole::Other,
                fields: Vec::new(),
            })
            .collect();
        let mut units: Vec<Unit> = gold
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| Unit {
                id: format!("u{i}"),
                name: match u {
                    GoldUnit::One(n) => n.clone(),
                    GoldUnit::AnyOf(list) => list.first().cloned().flatten(),
                },
                name_source: NameSource::Heading,
                heading: None,
                span: Span::new(0, 0),
                sections: Vec::new(),
                goals: Vec::new(),
            })
            .collect();
        let first = units.first_mut().expect("every gold file names its units");
        first.sections = sections;
        first.goals = vec![Goal {
            id: "g".into(),
            section: None,
            path: Vec::new(),
            label: None,
            title: None,
            text: String::new(),
            span: Span::new(0, 0),
            mode: GoalMode::Target,
            domain: Domain::Other,
            measurability: Measurability::Quantified,
            measurability_reason: String::new(),
            targets,
            deadlines,
            commitments: Vec::new(),
        }];
        let doc = Document {
            id: gold.doc.clone(),
            path: gold.doc.clone(),
            sha256: String::new(),
            bytes: bytes.len(),
            chars: text.chars().count(),
            encoding: "UTF-8".into(),
            encoding_errors: 0,
            format: Default::default(),
            text: None,
            title: None,
            issuer: None,
            published: None,
            year: gold.year,
            genre: gold.genre,
            preamble: None,
            furniture: Vec::new(),
            units,
        };
        docs.push((doc, text));
    }
    let s = eval::score(&golds, &docs).unwrap_or_else(|e| panic!("{e}"));
    let full = [
        ("target precision", s.targets.precision),
        ("target recall", s.targets.recall),
        ("value accuracy", s.targets.value_accuracy),
        ("mode agreement", s.targets.mode_agreement),
        ("what right", s.targets.what_right),
        ("section recall", s.sections.recall),
        ("level accuracy", s.sections.level_accuracy),
        ("label agreement", s.sections.label_agreement),
        ("deadline recall", s.deadlines.recall),
        ("deadline precision", s.deadlines.precision),
        ("by accuracy", s.deadlines.by_accuracy),
        ("units", s.units_documents),
        ("genre", s.genre),
        ("year", s.year),
    ];
    for (what, r) in full {
        assert_eq!(r.value, Some(1.0), "{what}: {}/{}", r.num, r.den);
    }
    let reported: Vec<String> = s
        .per_document
        .iter()
        .flat_map(|d| {
            d.not_targets_reported
                .iter()
                .map(move |m| format!("{}: {}", d.doc, m.context))
        })
        .collect();
    assert!(
        reported.is_empty(),
        "not-targets inside gold targets:\n{}",
        reported.join("\n")
    );
}
