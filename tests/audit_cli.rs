//! `zhibiao audit` end to end: saved extractions, output files, exit status.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use zhibiao::audit::{AuditFormat, AuditReport, render};
use zhibiao::*;

fn goal(id: &str, mode: GoalMode, m: Measurability, deadlines: usize) -> Goal {
    let text = format!("{id}：全面推进重点工作，确保按期完成。");
    Goal {
        id: id.into(),
        section: None,
        path: vec!["太平店镇".into(), "考核指标".into()],
        label: None,
        title: None,
        span: Span::new(0, text.chars().count()),
        text,
        mode,
        domain: Domain::Economy,
        measurability: m,
        measurability_reason: m.as_str().into(),
        targets: vec![],
        deadlines: (0..deadlines)
            .map(|_| Deadline {
                text: "年底".into(),
                span: Span::new(0, 2),
                by: None,
            })
            .collect(),
        commitments: vec![],
    }
}

fn document(path: &str, units: Vec<(&str, Vec<Goal>)>) -> Document {
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
        title: None,
        issuer: None,
        published: None,
        year: None,
        genre: Genre::Plan,
        preamble: None,
        furniture: vec![],
        units: units
            .into_iter()
            .enumerate()
            .map(|(i, (name, goals))| Unit {
                id: format!("{path}-{i}"),
                name: Some(name.into()),
                name_source: NameSource::Heading,
                heading: None,
                span: Span::new(0, 1),
                sections: vec![],
                goals,
            })
            .collect(),
    }
}

/// Four plan goals, one vague (share 0.25), and a vague achievement that
/// must not count.
fn documents() -> Vec<Document> {
    use GoalMode::*;
    use Measurability::*;
    vec![
        document(
            "plan.txt",
            vec![
                (
                    "太平店镇",
                    vec![
                        goal("g1", Target, Quantified, 1),
                        goal("g2", Target, Vague, 0),
                        goal("g3", Achievement, Vague, 0),
                    ],
                ),
                ("牛首镇", vec![goal("g4", Target, Binary, 0)]),
            ],
        ),
        document(
            "report.txt",
            vec![("柿铺街道办事处", vec![goal("g5", Target, Quantified, 0)])],
        ),
    ]
}

fn save(dir: &Path, docs: Vec<Document>) -> PathBuf {
    let path = dir.join("extract.json");
    let ex = run::assemble(docs, vec![]);
    let json = serde_json::to_string(&ex).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&path, json).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn zhibiao() -> Command {
    Command::cargo_bin("zhibiao").unwrap_or_else(|e| panic!("{e}"))
}

fn stdout_of(args: &[&std::ffi::OsStr]) -> String {
    let out = zhibiao()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn audit_of_a_saved_extraction_equals_auditing_the_documents() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = save(dir.path(), documents());
    let report = AuditReport::build(&documents());
    for (flag, format) in [
        ("json", AuditFormat::Json),
        ("table", AuditFormat::Table),
        ("md", AuditFormat::Md),
        ("html", AuditFormat::Html),
        ("csv", AuditFormat::Csv),
    ] {
        let got = stdout_of(&[
            "audit".as_ref(),
            file.as_os_str(),
            "--format".as_ref(),
            flag.as_ref(),
        ]);
        assert_eq!(got, render(&report, format), "format {flag}");
    }
    let json = stdout_of(&["audit".as_ref(), file.as_os_str(), "--format=json".as_ref()]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(v["totals"]["plan"]["total"], 4);
    assert_eq!(v["totals"]["plan"]["vague"], 1);
    assert_eq!(v["units"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["vague_plan_share"], 0.25);
    // The default is the terminal table.
    let table = stdout_of(&["audit".as_ref(), file.as_os_str()]);
    assert!(table.starts_with("可考核性审计"), "{table}");
    assert!(table.contains("柿铺街道办事处"));
}

#[test]
fn audit_of_extract_output_equals_audit_of_the_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let direct = stdout_of(&[
        "audit".as_ref(),
        corpus.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    for (format, name) in [("json", "out.json"), ("jsonl", "out.jsonl")] {
        let saved = dir.path().join(name);
        zhibiao()
            .args(["extract".as_ref(), corpus.as_os_str(), "-q".as_ref()])
            .args(["--format", format, "-o"])
            .arg(&saved)
            .assert()
            .success();
        let via_file = stdout_of(&[
            "audit".as_ref(),
            saved.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ]);
        assert_eq!(via_file, direct, "via {name}");
    }
    let v: serde_json::Value = serde_json::from_str(&direct).unwrap_or_default();
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(5));
}

#[test]
fn csv_to_a_file_has_a_bom_and_one_row_per_goal() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = save(dir.path(), documents());
    let out = dir.path().join("audit.csv");
    zhibiao()
        .arg("audit")
        .arg(&file)
        .args(["--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let mut rd = csv::Reader::from_reader(&bytes[3..]);
    let header = rd.headers().cloned().unwrap_or_default();
    assert_eq!(header.get(0), Some("document"));
    assert_eq!(header.get(1), Some("unit"));
    let rows: Vec<csv::StringRecord> = rd.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[4].get(1), Some("柿铺街道办事处"));
}

#[test]
fn fail_over_exits_3_only_above_the_ratio() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = save(dir.path(), documents());
    let run = |ratio: &str| {
        zhibiao()
            .arg("audit")
            .arg(&file)
            .args(["--format", "json", "--fail-over", ratio])
            .assert()
    };
    // 1 vague plan goal of 4: 25%.
    let over = run("0.2").code(3);
    let stderr = String::from_utf8_lossy(&over.get_output().stderr).to_string();
    assert!(stderr.contains("25.0%"), "{stderr}");
    // The report is written all the same.
    assert!(!over.get_output().stdout.is_empty());
    run("0.25").code(0);
    run("0.9").code(0);
    run("0").code(3);
}

#[test]
fn fail_over_with_no_plan_goals_passes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let docs = vec![document(
        "summary.txt",
        vec![(
            "太平店镇",
            vec![goal("a1", GoalMode::Achievement, Measurability::Vague, 0)],
        )],
    )];
    let file = save(dir.path(), docs);
    zhibiao()
        .arg("audit")
        .arg(&file)
        .args(["--fail-over", "0"])
        .assert()
        .code(0);
}

#[test]
fn a_json_file_that_is_not_an_extraction_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"hello\": 1}").unwrap_or_else(|e| panic!("{e}"));
    zhibiao().arg("audit").arg(&bad).assert().code(2);
}

#[test]
fn audit_only_reads_the_formats_named_like_extract() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = "003_0d40b9ad88d90563";
    std::fs::copy(
        root.join(format!("corpus/{name}.txt")),
        dir.path().join("plan.txt"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for ext in ["docx", "html"] {
        std::fs::copy(
            root.join(format!("tests/fixtures/formats/{name}.{ext}")),
            dir.path().join(format!("plan.{ext}")),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let documents = |only: Option<&str>| -> Vec<String> {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "audit".as_ref(),
            dir.path().as_os_str(),
            "--format=json".as_ref(),
        ];
        if let Some(o) = only {
            args.push("--only".as_ref());
            args.push(o.as_ref());
        }
        let v: serde_json::Value = serde_json::from_str(&stdout_of(&args)).unwrap_or_default();
        v["documents"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|d| d["document"].as_str())
                    .filter_map(|p| p.rsplit('.').next().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(documents(None), ["docx", "html", "txt"]);
    assert_eq!(documents(Some("txt,docx")), ["docx", "txt"]);
    assert_eq!(documents(Some("html")), ["html"]);
    // A format it does not know is a usage error, as for extract.
    zhibiao()
        .args(["audit", "--only", "xlsx"])
        .arg(dir.path())
        .assert()
        .code(2);
}
