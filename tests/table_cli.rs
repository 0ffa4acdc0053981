//! `zhibiao table` as a user runs it: one row per target of the corpus, in
//! CSV (read back with the `csv` crate), XLSX (read back with `calamine`)
//! and JSON Lines, from documents and from a saved `extract` output.

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

#[test]
fn xlsx_has_one_row_per_target_and_reads_back() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("targets.xlsx");
    let out = zhibiao()
        .args(["table", "--format", "xlsx"])
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
    assert!(out.stdout.is_empty());
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("an xlsx file");
    let range = book.worksheet_range("targets").expect("sheet targets");
    assert_eq!(range.height(), extracted_targets() + 1);
    let header: Vec<String> = range
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(header, zhibiao::table::COLUMNS);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    // The row of README's example: 规模以上工业总产值增幅35% of 柿铺街道办事处.
    let row = range
        .rows()
        .skip(1)
        .find(|r| {
            r[col("unit")] == Data::String("柿铺街道办事处".into())
                && r[col("text")] == Data::String("增幅35%".into())
        })
        .expect("the row of 增幅35%");
    assert_eq!(row[col("what")], Data::String("规模以上工业总产值".into()));
    assert_eq!(
        row[col("indicator_id")],
        Data::String("industrial_output".into())
    );
    assert_eq!(row[col("value")], Data::Float(35.0));
    assert_eq!(row[col("year")], Data::Float(2022.0));
    assert_eq!(row[col("value_max")], Data::Empty);
    assert_eq!(row[col("deadline_by")], Data::String("2022-12-31".into()));
    assert!(matches!(row[col("span_start")], Data::Float(_)));
    assert!(matches!(row[col("span_end")], Data::Float(_)));
}

#[test]
fn xlsx_without_an_output_file_is_refused() {
    for args in [
        &["table", "--format", "xlsx"][..],
        &["table", "--format", "xlsx", "-o", "-"],
    ] {
        let out = zhibiao()
            .args(args)
            .arg(corpus_dir())
            .output()
            .expect("run zhibiao");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("-o FILE"), "{err}");
    }
}

/// CSV and JSON Lines are written as the documents come; when none is read
/// nothing is written: no head on standard output, and an output file from
/// an earlier run is left as it was.
#[test]
fn nothing_is_written_when_no_document_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no-such-folder");
    for format in ["csv", "jsonl"] {
        let out = zhibiao()
            .args(["table", "--format", format])
            .arg(&missing)
            .output()
            .expect("run zhibiao");
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(out.stdout.is_empty(), "{format}: {:?}", out.stdout);
        let earlier = dir.path().join(format!("targets.{format}"));
        std::fs::write(&earlier, "earlier run\n").expect("write");
        let out = zhibiao()
            .args(["table", "--format", format, "-o"])
            .arg(&earlier)
            .arg(&missing)
            .output()
            .expect("run zhibiao");
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert_eq!(
            std::fs::read_to_string(&earlier).expect("read"),
            "earlier run\n"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "temporary files left: {left:?}");
    }
}

/// A folder with one unreadable file and readable ones: the readable ones'
/// rows are all written, in path order, and the status says one failed.
#[test]
fn rows_of_the_readable_documents_are_written_when_one_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["a.txt", "c.txt"] {
        std::fs::write(
            dir.path().join(name),
            "2024年工作计划\n一、经济发展\n1.全年完成固定资产投资12亿元。\n",
        )
        .expect("write");
    }
    std::fs::write(dir.path().join("b.docx"), b"PK\x03\x04 broken archive").expect("write");
    let out = zhibiao()
        .args(["table", "--format", "jsonl"])
        .arg(dir.path())
        .output()
        .expect("run zhibiao");
    assert_eq!(out.status.code(), Some(1));
    let docs: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["document"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert!(
        docs[0].ends_with("a.txt") && docs[1].ends_with("c.txt"),
        "{docs:?}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("b.docx"));
}
