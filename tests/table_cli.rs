//! `zhibiao table` as a user runs it: one row per target of the corpus, in
//! CSV (read back with the `csv` crate) and JSON Lines, from documents and
//! from a saved `extract` output.

mod common;

use common::{corpus_dir, zhibiao};

fn extracted_targets() -> usize {
    let out = zhibiao()
        .arg("extract")
        .arg(corpus_dir())
        .arg("-q")
        .output()
        .expect("run zhibiao");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v["summary"]["targets"].as_u64().expect("target count") as usize
}

#[test]
fn csv_has_one_row_per_target_and_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("targets.csv");
    let out = zhibiao()
        .arg("table")
        .arg(corpus_dir())
        .arg("-o")
        .arg(&path)
        .output()
        .expect("run zhibiao");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&path).expect("written");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
    let mut rd = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = rd
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, zhibiao::table::COLUMNS);
    let rows: Vec<csv::StringRecord> = rd.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), extracted_targets());
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    // Every value is a number, every span is a pair of offsets, and most
    // targets say what they measure.
    assert!(rows.iter().all(|r| r[col("value")].parse::<f64>().is_ok()));
    assert!(
        rows.iter()
            .all(|r| r[col("span_start")].parse::<usize>().is_ok())
    );
    let with_what = rows.iter().filter(|r| !r[col("what")].is_empty()).count();
    assert!(
        with_what * 100 >= rows.len() * 95,
        "{with_what} of {}",
        rows.len()
    );
    assert!(
        rows.iter()
            .any(|r| &r[col("indicator_id")] == "fixed_asset_investment")
    );
}

#[test]
fn jsonl_from_a_saved_extraction_matches_the_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("out.json");
    let out = zhibiao()
        .arg("extract")
        .arg(corpus_dir())
        .args(["-q", "-o"])
        .arg(&saved)
        .output()
        .expect("run zhibiao");
    assert!(out.status.success());
    let from_saved = zhibiao()
        .args(["table", "--format", "jsonl"])
        .arg(&saved)
        .output()
        .expect("run zhibiao");
    let from_docs = zhibiao()
        .args(["table", "--format", "jsonl"])
        .arg(corpus_dir())
        .output()
        .expect("run zhibiao");
    assert!(from_saved.status.success() && from_docs.status.success());
    assert_eq!(from_saved.stdout, from_docs.stdout);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&from_saved.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), extracted_targets());
    assert!(lines.iter().all(|l| l["value"].is_number()));
}
