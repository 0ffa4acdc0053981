//! The `zhibiao` command as a user runs it: real processes, real files, exit
//! statuses and the JSON they leave behind.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use sha2::{Digest, Sha256};
use zhibiao::{ErrorKind, Extraction, Record, Summary};

mod common;
use common::{PDF, PNG, corpus_dir, corpus_names, zhibiao};

fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(name)).expect("corpus is UTF-8")
}

fn parse(json: &[u8]) -> Extraction {
    serde_json::from_slice(json).unwrap_or_else(|e| {
        panic!(
            "output is not an Extraction: {e}\n{}",
            String::from_utf8_lossy(json)
        )
    })
}

fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    cmd.output().expect("runs").stdout
}

/// The invariants every extraction keeps, whatever the inputs.
fn assert_consistent(ex: &Extraction) {
    assert_eq!(ex.schema_version, zhibiao::SCHEMA_VERSION);
    assert_eq!(ex.tool.name, "zhibiao");
    assert_eq!(ex.tool.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(ex.summary, Summary::of(&ex.documents, &ex.errors));
    assert_eq!(
        ex.summary.files_seen,
        ex.documents.len() + ex.errors.len(),
        "files_seen"
    );
    let doc_paths: Vec<&str> = ex.documents.iter().map(|d| d.path.as_str()).collect();
    let mut sorted = doc_paths.clone();
    sorted.sort();
    assert_eq!(doc_paths, sorted, "documents sorted by path");
    let err_paths: Vec<&str> = ex.errors.iter().map(|e| e.path.as_str()).collect();
    let mut sorted = err_paths.clone();
    sorted.sort();
    assert_eq!(err_paths, sorted, "errors sorted by path");
    let all: Vec<&str> = doc_paths.iter().chain(&err_paths).copied().collect();
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(all.len(), unique.len(), "an input reported twice: {all:?}");
    for d in &ex.documents {
        assert!(!d.id.is_empty(), "{}: empty id", d.path);
        assert_eq!(d.sha256.len(), 64, "{}: sha256", d.path);
        for u in &d.units {
            assert!(u.span.end <= d.chars, "{}: unit span past the end", d.path);
        }
    }
}

/// A folder with one good UTF-8 file, a GB18030 copy of it, a PDF, an
/// empty file and a PNG, all named `.txt`, plus a file that is not `.txt`.
fn mixed_folder() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = &corpus_names()[3];
    let text = corpus_text(name);
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let files: [(&str, &[u8]); 6] = [
        ("good.txt", text.as_bytes()),
        ("gbk.txt", &gb),
        ("report.pdf.txt", PDF),
        ("empty.txt", b""),
        ("x.txt", PNG),
        // Not a format zhibiao reads: listed as skipped, not read.
        ("sheet.xlsx", b"PK\x03\x04 xl/workbook.xml"),
    ];
    for (n, bytes) in files {
        std::fs::write(dir.path().join(n), bytes).expect("write fixture");
    }
    (dir, text)
}

#[test]
fn extract_corpus_to_a_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out.json");
    zhibiao()
        .args(["extract", "corpus/", "-o"])
        .arg(&out)
        .assert()
        .success()
        .code(0)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("5 files, 5 documents"));
    let ex = parse(&std::fs::read(&out).expect("out.json written"));
    assert_consistent(&ex);
    assert_eq!(ex.documents.len(), 5);
    assert!(ex.errors.is_empty(), "{:?}", ex.errors);
    assert_eq!(ex.summary.documents_extracted, 5);
    assert_eq!(ex.summary.documents_failed, 0);
    let paths: Vec<&str> = ex.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, corpus_names());
    for d in &ex.documents {
        let bytes = std::fs::read(corpus_dir().join(&d.path)).expect("read");
        assert_eq!(d.bytes, bytes.len(), "{}", d.path);
        assert_eq!(
            d.sha256,
            zhibiao::hex(&Sha256::digest(&bytes)),
            "{}",
            d.path
        );
        assert_eq!(d.encoding, "UTF-8", "{}", d.path);
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert_eq!(d.chars, text.chars().count(), "{}", d.path);
    }
    let ids: BTreeSet<&str> = ex.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), 5, "document ids are distinct");
    // No temporary file left beside the output.
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("read temp dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("out.json")]);
}

fn err_kind(ex: &Extraction, path: &str) -> ErrorKind {
    ex.errors
        .iter()
        .find(|e| e.path == path)
        .map(|e| e.kind)
        .expect(path)
}

#[test]
fn bad_files_are_reported_and_good_ones_still_extracted() {
    let (dir, text) = mixed_folder();
    let assert = zhibiao()
        .arg("extract")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("failed: report.pdf.txt"))
        .stderr(predicate::str::contains("failed: x.txt"))
        .stderr(predicate::str::contains("failed: empty.txt"));
    let ex = parse(&assert.get_output().stdout);
    assert_consistent(&ex);

    let docs: Vec<&str> = ex.documents.iter().map(|d| d.path.as_str()).collect();
    let errs: Vec<&str> = ex.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(docs, ["gbk.txt", "good.txt"]);
    assert_eq!(errs, ["empty.txt", "report.pdf.txt", "sheet.xlsx", "x.txt"]);
    assert_eq!(
        (
            ex.summary.files_seen,
            ex.summary.documents_extracted,
            ex.summary.documents_failed,
            ex.summary.skipped
        ),
        (6, 2, 3, 1)
    );
    assert_eq!(err_kind(&ex, "sheet.xlsx"), ErrorKind::Skipped);

    let err = |p: &str| ex.errors.iter().find(|e| e.path == p).expect(p);
    let empty = err("empty.txt");
    assert_eq!(empty.kind, ErrorKind::Empty);
    assert!(empty.message.contains("empty"), "{}", empty.message);
    let pdf = err("report.pdf.txt");
    assert_eq!(pdf.kind, ErrorKind::NotText);
    assert!(pdf.message.contains("PDF"), "{}", pdf.message);
    assert!(pdf.message.contains("cannot be read"), "{}", pdf.message);
    let png = err("x.txt");
    assert_eq!(png.kind, ErrorKind::NotText);
    assert!(png.message.contains("PNG"), "{}", png.message);

    let doc = |p: &str| ex.documents.iter().find(|d| d.path == p).expect(p);
    let good = doc("good.txt");
    let gbk = doc("gbk.txt");
    assert_eq!(good.encoding, "UTF-8");
    assert_eq!(gbk.encoding, "GB18030");
    assert_eq!(good.chars, text.chars().count());
    assert_eq!(gbk.chars, good.chars);
    assert_eq!(gbk.units.len(), good.units.len());
    assert!(
        gbk.bytes < good.bytes,
        "GB18030 is shorter than UTF-8 for Chinese"
    );
}

#[test]
fn missing_path_alone_is_exit_2() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let missing = tmp.path().join("missing.txt");
    let assert = zhibiao()
        .arg("extract")
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    let ex = parse(&assert.get_output().stdout);
    assert_consistent(&ex);
    assert!(ex.documents.is_empty());
    assert_eq!(ex.errors.len(), 1);
    assert_eq!(ex.errors[0].kind, ErrorKind::NotFound);
    assert!(
        ex.errors[0].path.ends_with("missing.txt"),
        "{:?}",
        ex.errors
    );
}

#[test]
fn missing_path_beside_a_good_file_is_exit_1() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let name = &corpus_names()[0];
    let assert = zhibiao()
        .arg("extract")
        .arg(Path::new("corpus").join(name))
        .arg(tmp.path().join("missing.txt"))
        .assert()
        .code(1);
    let ex = parse(&assert.get_output().stdout);
    assert_consistent(&ex);
    assert_eq!(ex.documents.len(), 1);
    assert_eq!(ex.documents[0].path, format!("corpus/{name}"));
    assert_eq!(ex.errors.len(), 1);
    assert_eq!(ex.errors[0].kind, ErrorKind::NotFound);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let name = &corpus_names()[1];
    let text = corpus_text(name);
    let assert = zhibiao()
        .args(["extract", "-", "-q"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    let ex = parse(&assert.get_output().stdout);
    assert_consistent(&ex);
    assert_eq!(ex.documents.len(), 1);
    let d = &ex.documents[0];
    assert_eq!(d.path, "-");
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.bytes, text.len());
    assert_eq!(d.chars, text.chars().count());

    // Legacy encodings are detected on standard input too.
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let assert = zhibiao()
        .args(["extract", "-", "-q"])
        .write_stdin(gb.into_owned())
        .assert()
        .success();
    let ex = parse(&assert.get_output().stdout);
    assert_eq!(ex.documents[0].encoding, "GB18030");
    assert_eq!(ex.documents[0].chars, d.chars);

    // And what is not text is refused.
    let assert = zhibiao()
        .args(["extract", "-", "-q"])
        .write_stdin(PDF)
        .assert()
        .code(1);
    let ex = parse(&assert.get_output().stdout);
    assert_eq!(ex.errors.len(), 1);
    assert_eq!(
        (ex.errors[0].path.as_str(), ex.errors[0].kind),
        ("-", ErrorKind::NotText)
    );
}

#[test]
fn jsonl_records_read_back_to_the_json_output() {
    let (dir, _) = mixed_folder();
    let run = |format: &str| {
        let out = zhibiao()
            .args(["extract", "-q", "--format", format])
            .arg(dir.path())
            .arg("corpus/")
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{format}");
        String::from_utf8(out.stdout).expect("UTF-8 output")
    };
    let json = run("json");
    let jsonl = run("jsonl");
    let ex = parse(json.as_bytes());
    assert_consistent(&ex);
    assert_eq!(ex.documents.len(), 7);
    assert_eq!(ex.errors.len(), 4, "three failed, one skipped");

    let lines: Vec<&str> = jsonl.lines().collect();
    assert_eq!(
        lines.len(),
        1 + 7 + 4 + 1,
        "header, documents, errors, summary"
    );
    let records: Vec<Record> = lines
        .iter()
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("invalid JSON line {l}: {e}"));
            assert!(v.get("record").is_some_and(|r| r.is_string()), "{l}");
            serde_json::from_value(v).unwrap_or_else(|e| panic!("not a Record: {e}: {l}"))
        })
        .collect();
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| match r {
            Record::Header { .. } => "header",
            Record::Document(_) => "document",
            Record::Error(_) => "error",
            Record::Summary(_) => "summary",
        })
        .collect();
    let mut expected = vec!["header"];
    expected.extend(["document"; 7]);
    expected.extend(["error"; 4]);
    expected.push("summary");
    assert_eq!(kinds, expected);
    match &records[0] {
        Record::Header {
            schema_version,
            tool,
        } => {
            assert_eq!(schema_version, zhibiao::SCHEMA_VERSION);
            assert_eq!(tool, &ex.tool);
        }
        other => panic!("first line is not the header: {other:?}"),
    }
    match records.last() {
        Some(Record::Summary(s)) => assert_eq!(s, &ex.summary),
        other => panic!("last line is not the summary: {other:?}"),
    }
    for (r, d) in records[1..8].iter().zip(&ex.documents) {
        assert!(matches!(r, Record::Document(x) if **x == *d));
    }
    for (r, e) in records[8..11].iter().zip(&ex.errors) {
        assert!(matches!(r, Record::Error(x) if x == e));
    }

    let from_jsonl = zhibiao::emit::read(&jsonl).expect("jsonl reads back");
    let from_json = zhibiao::emit::read(&json).expect("json reads back");
    assert_eq!(from_jsonl, ex);
    assert_eq!(from_json, ex);
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let one = stdout_of(zhibiao().args(["extract", "corpus/", "-q", "-j", "1"]));
    let four = stdout_of(zhibiao().args(["extract", "corpus/", "-q", "-j", "4"]));
    assert!(!one.is_empty());
    assert_eq!(parse(&one).documents.len(), 5);
    assert!(one == four, "-j 1 and -j 4 outputs differ");
    let (dir, _) = mixed_folder();
    let one = stdout_of(
        zhibiao()
            .arg("extract")
            .arg(dir.path())
            .args(["-q", "-j", "1", "--format", "jsonl"]),
    );
    let four = stdout_of(
        zhibiao()
            .arg("extract")
            .arg(dir.path())
            .args(["-q", "-j", "4", "--format", "jsonl"]),
    );
    assert!(one == four, "-j 1 and -j 4 jsonl outputs differ");
}

/// More files than one chunk holds (documents are extracted 128 at a time
/// and written while the next chunk is extracted), with failures among
/// them: the output, in both formats and to a file, is the same byte for
/// byte with one thread and with four, and lists every file in path order.
#[test]
fn many_chunks_give_the_same_output_on_any_thread_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = corpus_names();
    for i in 0..300 {
        let name = &names[i % names.len()];
        let bytes: Vec<u8> = if i % 37 == 0 {
            PDF.to_vec()
        } else {
            corpus_text(name).into_bytes()
        };
        let sub = dir.path().join(format!("{}", i / 100));
        std::fs::create_dir_all(&sub).expect("sub folder");
        std::fs::write(sub.join(format!("{i:03}_{name}")), bytes).expect("write");
    }
    let out = tempfile::tempdir().expect("temp dir");
    for format in ["json", "jsonl"] {
        let mut outputs = Vec::new();
        for threads in ["1", "4"] {
            let file = out.path().join(format!("{threads}.{format}"));
            zhibiao()
                .arg("extract")
                .arg(dir.path())
                .args(["-q", "-j", threads, "--format", format, "-o"])
                .arg(&file)
                .assert()
                .code(1);
            outputs.push(std::fs::read(&file).expect("output written"));
        }
        assert!(outputs[0] == outputs[1], "{format}: -j 1 and -j 4 differ");
        let ex = zhibiao::emit::read(&String::from_utf8_lossy(&outputs[0])).expect("reads back");
        assert_eq!((ex.documents.len(), ex.errors.len()), (291, 9), "{format}");
        let paths: Vec<&str> = ex.documents.iter().map(|d| d.path.as_str()).collect();
        assert!(
            paths.windows(2).all(|w| w[0] < w[1]),
            "{format}: not in path order"
        );
    }
}

#[test]
fn version_and_help() {
    zhibiao()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("zhibiao "))
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    let help = zhibiao().arg("--help").assert().success();
    let help = String::from_utf8_lossy(&help.get_output().stdout).into_owned();
    for word in [
        "extract",
        "audit",
        #[cfg(feature = "eval")]
        "eval",
        "schema",
        "Examples",
        "zhibiao extract corpus/",
        "Exit status",
    ] {
        assert!(help.contains(word), "--help lacks {word:?}:\n{help}");
    }
    let help = zhibiao().args(["extract", "--help"]).assert().success();
    let help = String::from_utf8_lossy(&help.get_output().stdout).into_owned();
    for word in [
        "--output",
        "--format",
        "jsonl",
        "Examples",
        "zhibiao extract -",
    ] {
        assert!(
            help.contains(word),
            "extract --help lacks {word:?}:\n{help}"
        );
    }
}

/// Every subcommand says what it does in the command list, and its own
/// `--help` shows its own examples: a doc comment or `after_help` placed
/// above the wrong variant moves one command's text onto another.
#[test]
fn every_subcommand_has_its_own_description_and_examples() {
    let help = zhibiao().arg("--help").assert().success();
    let help = String::from_utf8_lossy(&help.get_output().stdout).into_owned();
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert!(commands.len() >= 7, "{help}");
    for line in &commands {
        let mut words = line.split_whitespace();
        let name = words.next().unwrap_or_default();
        assert!(
            words.next().is_some(),
            "`{name}` has no description:\n{help}"
        );
        if name == "help" {
            continue;
        }
        let own = zhibiao().args([name, "--help"]).assert().success();
        let own = String::from_utf8_lossy(&own.get_output().stdout).into_owned();
        let examples: Vec<&str> = own
            .lines()
            .skip_while(|l| !l.starts_with("Example"))
            .skip(1)
            .filter(|l| l.trim_start().starts_with("zhibiao "))
            .collect();
        assert!(
            !examples.is_empty(),
            "`{name} --help` has no examples:\n{own}"
        );
        for e in examples {
            assert!(
                e.trim_start().starts_with(&format!("zhibiao {name} ")),
                "`{name} --help` shows another command's example {e:?}"
            );
        }
    }
}

#[test]
fn extract_without_a_path_is_a_usage_error() {
    zhibiao()
        .arg("extract")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("Usage"))
        .stderr(predicate::str::contains("PATH"));
    zhibiao()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage"));
    zhibiao()
        .args(["extract", "corpus/", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("xml"));
}

#[test]
fn schema_is_json_and_describes_the_output() {
    let schema: serde_json::Value =
        serde_json::from_slice(&stdout_of(zhibiao().arg("schema"))).expect("schema is JSON");
    assert_eq!(schema["title"], "Extraction");
    for key in ["documents", "errors", "summary", "schema_version", "tool"] {
        assert!(
            schema["properties"].get(key).is_some(),
            "schema lacks {key}"
        );
    }
    let record: serde_json::Value =
        serde_json::from_slice(&stdout_of(zhibiao().args(["schema", "--jsonl"])))
            .expect("jsonl schema is JSON");
    assert_eq!(record["title"], "Record");

    // Real output, good and bad files alike, validates against it.
    let (dir, _) = mixed_folder();
    let out = stdout_of(
        zhibiao()
            .arg("extract")
            .arg(dir.path())
            .arg("corpus/")
            .arg("-q"),
    );
    let instance: serde_json::Value = serde_json::from_slice(&out).expect("output is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "output violates the schema: {errors:?}");
    let mut broken = instance.clone();
    broken["documents"][0]["chars"] = serde_json::json!("many");
    assert!(!validator.is_valid(&broken), "the schema accepts anything");

    let validator = jsonschema::validator_for(&record).expect("record schema compiles");
    let out = stdout_of(
        zhibiao()
            .arg("extract")
            .arg(dir.path())
            .args(["-q", "--format", "jsonl"]),
    );
    for line in String::from_utf8(out).expect("UTF-8").lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        assert!(
            validator.is_valid(&v),
            "line violates the record schema: {line}"
        );
    }
}
