//! `--lexicon DIR` and `ZHIBIAO_LEXICON`: a user's own tables, merged over
//! the bundled ones, change what is extracted; a broken one stops the run
//! before any document is read.

mod common;

use common::zhibiao;
use serde_json::Value;

const PLAN: &str = "tests/lexicon/plan.txt";
const COUNTY: &str = "tests/lexicon/county";

/// (text, value, unit) of every target of the plan.
fn targets(out: &[u8]) -> Vec<(String, f64, String)> {
    let v: Value = serde_json::from_slice(out).expect("JSON");
    let mut found = Vec::new();
    for u in v["documents"][0]["units"].as_array().into_iter().flatten() {
        for g in u["goals"].as_array().into_iter().flatten() {
            for t in g["targets"].as_array().into_iter().flatten() {
                found.push((
                    t["text"].as_str().unwrap_or("").to_string(),
                    t["value"].as_f64().unwrap_or(f64::NAN),
                    t["unit"].as_str().unwrap_or("").to_string(),
                ));
            }
        }
    }
    found
}

fn texts(out: &[u8]) -> Vec<String> {
    targets(out).into_iter().map(|t| t.0).collect()
}

#[test]
fn without_a_user_lexicon_the_slogan_is_a_target_and_the_measure_word_unknown() {
    let out = zhibiao()
        .args(["extract", PLAN, "-q"])
        .env_remove("ZHIBIAO_LEXICON")
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(texts(&out.stdout), ["四个", "12个"]);
}

#[test]
fn a_user_slogan_stops_a_false_target_and_a_user_measure_word_starts_a_true_one() {
    let out = zhibiao()
        .args(["extract", PLAN, "-q", "--lexicon", COUNTY])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        targets(&out.stdout),
        [
            ("8垄".to_string(), 8.0, "垄".to_string()),
            ("12个".to_string(), 12.0, "个".to_string())
        ]
    );
}

#[test]
fn the_environment_names_the_folder_when_no_option_does() {
    let out = zhibiao()
        .args(["extract", PLAN, "-q"])
        .env("ZHIBIAO_LEXICON", COUNTY)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(texts(&out.stdout), ["8垄", "12个"]);
}

#[test]
fn a_broken_user_table_is_named_and_nothing_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("units.tsv"),
        "垄\t垄\tcount\t1\n亩\t亩\tarae\t1\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("slogan.txt"), "四个到位\n").expect("write");
    std::fs::write(dir.path().join("money_context.CSV"), "资金\n").expect("write");
    std::fs::write(dir.path().join("notes.md"), "our county's words\n").expect("write");
    let out_file = dir.path().join("out.json");
    let out = zhibiao()
        .args(["extract", PLAN, "-q", "-o"])
        .arg(&out_file)
        .arg("--lexicon")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let units = dir.path().join("units.tsv").display().to_string();
    let slogan = dir.path().join("slogan.txt").display().to_string();
    assert!(
        err.contains(&format!("{slogan}:0:0: not a lexicon table")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{units}:2:3: \"arae\" is not a value this column takes"
        )),
        "{err}"
    );
    let csv = dir.path().join("money_context.CSV").display().to_string();
    assert!(
        err.contains(&format!("{csv}:0:0: the tables are tab-separated")),
        "{err}"
    );
    assert!(!err.contains("notes.md"), "{err}");
    assert!(err.contains("3 problems"), "{err}");
    assert!(!out_file.exists(), "no output is written");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_folder_is_a_usage_error() {
    let out = zhibiao()
        .args(["audit", PLAN, "--lexicon", "no/such/folder"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no/such/folder:0:0: cannot read the folder"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
