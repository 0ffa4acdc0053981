//! `zhibiao extract --stdin-jsonl` as a stream processor runs it: one
//! answer line per input line, in order, whatever the lines hold, and the
//! same documents as reading the files.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use predicates::prelude::*;
use serde_json::json;
use zhibiao::{Document, ErrorKind, FileError, Record};

mod common;
use common::{PDF, corpus_dir, corpus_names, zhibiao};

/// Corpus file names, sorted, with their bytes.
fn corpus() -> Vec<(String, Vec<u8>)> {
    corpus_names()
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(corpus_dir().join(&n)).expect("read corpus file");
            (n, bytes)
        })
        .collect()
}

fn text_line(path: &str, bytes: &[u8]) -> String {
    let text = std::str::from_utf8(bytes).expect("corpus is UTF-8");
    json!({"path": path, "text": text}).to_string()
}

fn bytes_line(path: &str, bytes: &[u8]) -> String {
    json!({"path": path, "bytes_b64": B64.encode(bytes)}).to_string()
}

/// Run the stream mode on `lines` (each followed by `\n`); the answers,
/// checked to be one JSON record per input line.
fn pipe(lines: &[String], extra_args: &[&str]) -> Vec<Record> {
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let out = zhibiao()
        .args(["extract", "--stdin-jsonl"])
        .args(extra_args)
        .write_stdin(input)
        .assert()
        .success()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("output is UTF-8");
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "last line unterminated"
    );
    let answers: Vec<Record> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a record ({e}): {l}")))
        .collect();
    assert_eq!(answers.len(), lines.len(), "one answer per input line");
    answers
}

fn document(r: &Record) -> &Document {
    match r {
        Record::Document(d) => d,
        other => panic!("expected a document, got {other:?}"),
    }
}

fn error(r: &Record) -> &FileError {
    match r {
        Record::Error(e) => e,
        other => panic!("expected an error, got {other:?}"),
    }
}

/// The documents `extract --format jsonl` writes for the corpus folder.
fn file_mode_documents(dir: &Path) -> Vec<Document> {
    let out = zhibiao()
        .args(["extract", "--format", "jsonl", "-q"])
        .arg(dir)
        .output()
        .expect("runs")
        .stdout;
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .filter_map(|l| match serde_json::from_str::<Record>(l) {
            Ok(Record::Document(d)) => Some(*d),
            _ => None,
        })
        .collect()
}

#[test]
fn same_documents_as_file_mode_from_text_and_from_bytes() {
    let files = corpus();
    let expected = file_mode_documents(&corpus_dir());
    assert_eq!(expected.len(), files.len());
    let text: Vec<String> = files.iter().map(|(n, b)| text_line(n, b)).collect();
    let bytes: Vec<String> = files.iter().map(|(n, b)| bytes_line(n, b)).collect();
    for (how, lines) in [("text", text), ("bytes_b64", bytes)] {
        let answers = pipe(&lines, &[]);
        for (a, e) in answers.iter().zip(&expected) {
            // The whole document, ids, sha256, encoding and spans included.
            assert_eq!(document(a), e, "{how}: {}", e.path);
        }
    }
}

#[test]
fn bytes_keep_encoding_detection() {
    let (name, bytes) = corpus().swap_remove(3);
    let text = String::from_utf8(bytes).expect("UTF-8");
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(&name), &gb).expect("write");
    let expected = file_mode_documents(dir.path());
    let answers = pipe(&[bytes_line(&name, &gb)], &[]);
    let d = document(&answers[0]);
    assert_eq!(d.encoding, "GB18030");
    assert_eq!(d, &expected[0]);
}

#[test]
fn bad_records_get_their_own_line_in_order() {
    let files = corpus();
    let good = |i: usize| text_line(&files[i].0, &files[i].1);
    let lines = vec![
        good(0),
        "this is not JSON".to_string(),
        bytes_line(&files[1].0, &files[1].1),
        String::new(),
        json!({"text": "没有路径"}).to_string(),
        json!({"path": "both.txt", "text": "x", "bytes_b64": "eA=="}).to_string(),
        json!({"path": "neither.txt"}).to_string(),
        json!({"path": "bad64.txt", "bytes_b64": "@@not base64@@"}).to_string(),
        bytes_line("report.pdf", PDF),
        json!({"path": "empty.txt", "text": ""}).to_string(),
        json!({"path": "blank.txt", "text": " \n\t "}).to_string(),
        json!({"path": 42, "text": "x"}).to_string(),
        "[1, 2, 3]".to_string(),
        // Truncated mid-record, as a killed writer would leave it.
        r#"{"path": "cut.txt", "text": "一、工作目标"#.to_string(),
        json!({"path": "extra.txt", "text": "工作要点\n一、建成3个莲藕专业村。", "lang": "zh"})
            .to_string(),
        good(4),
    ];
    let answers = pipe(&lines, &[]);

    assert_eq!(document(&answers[0]).path, files[0].0);
    assert_eq!(document(&answers[2]).path, files[1].0);
    assert_eq!(document(&answers[14]).path, "extra.txt");
    assert_eq!(document(&answers[15]).path, files[4].0);

    let expect_error = |i: usize, path: &str, kind: ErrorKind, words: &str| {
        let e = error(&answers[i]);
        assert_eq!((e.path.as_str(), e.kind), (path, kind), "line {}", i + 1);
        assert!(
            e.message.contains(words),
            "line {}: {:?} lacks {words:?}",
            i + 1,
            e.message
        );
    };
    expect_error(1, "<line 2>", ErrorKind::BadRecord, "not a JSON object");
    expect_error(3, "<line 4>", ErrorKind::Empty, "blank");
    expect_error(4, "<line 5>", ErrorKind::BadRecord, "missing field `path`");
    expect_error(5, "both.txt", ErrorKind::BadRecord, "both");
    expect_error(6, "neither.txt", ErrorKind::BadRecord, "neither");
    expect_error(7, "bad64.txt", ErrorKind::BadRecord, "base64");
    expect_error(8, "report.pdf", ErrorKind::NotText, "PDF");
    expect_error(9, "empty.txt", ErrorKind::Empty, "empty");
    expect_error(10, "blank.txt", ErrorKind::Empty, "empty");
    expect_error(11, "<line 12>", ErrorKind::BadRecord, "string");
    expect_error(12, "<line 13>", ErrorKind::BadRecord, "not a JSON object");
    // The path is still found at the start of a line cut short.
    expect_error(13, "cut.txt", ErrorKind::BadRecord, "not a JSON object");
}

#[test]
fn many_lines_keep_their_order_on_several_threads() {
    // Documents of very different sizes, so that later lines finish first.
    let files = corpus();
    let mut lines = Vec::new();
    let mut paths = Vec::new();
    for k in 0..300 {
        let path = format!("doc{k:04}.txt");
        let line = match k % 7 {
            0 => text_line(&path, &files[k % files.len()].1),
            3 => "{".to_string(),
            _ => {
                json!({"path": path, "text": format!("第{k}号工作要点\n一、建成{k}个莲藕专业村。")})
                    .to_string()
            }
        };
        paths.push(if k % 7 == 3 {
            format!("<line {}>", k + 1)
        } else {
            path
        });
        lines.push(line);
    }
    let answers = pipe(&lines, &["-j", "4"]);
    let got: Vec<&str> = answers
        .iter()
        .map(|r| match r {
            Record::Document(d) => d.path.as_str(),
            Record::Error(e) => e.path.as_str(),
            other => panic!("unexpected record {other:?}"),
        })
        .collect();
    assert_eq!(got, paths);
    // The same line gives the same answer wherever it stands.
    let first = document(&answers[7]);
    let alone = pipe(&lines[7..8], &["-j", "1"]);
    assert_eq!(document(&alone[0]), first);
}

#[test]
fn crlf_and_a_missing_final_line_break() {
    let files = corpus();
    let input = format!(
        "{}\r\n{}",
        text_line(&files[0].0, &files[0].1),
        bytes_line(&files[1].0, &files[1].1)
    );
    let out = zhibiao()
        .args(["extract", "--stdin-jsonl"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    let answers: Vec<Record> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect();
    assert_eq!(answers.len(), 2);
    assert_eq!(document(&answers[0]).path, files[0].0);
    assert_eq!(document(&answers[1]).path, files[1].0);
}

#[test]
fn empty_input_gives_empty_output_and_logs_only_on_stderr() {
    zhibiao()
        .args(["extract", "--stdin-jsonl"])
        .write_stdin("")
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("0 lines"));
    zhibiao()
        .args(["extract", "--stdin-jsonl", "-q"])
        .write_stdin("nonsense\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"record\":\"error\"").count(1))
        .stderr(predicate::str::is_empty());
}

#[test]
fn paths_and_file_options_are_refused_with_the_stream_mode() {
    for args in [
        &["extract", "--stdin-jsonl", "corpus/"][..],
        &["extract", "--stdin-jsonl", "-o", "out.jsonl"],
        &["extract", "--stdin-jsonl", "--format", "json"],
        &["extract"],
    ] {
        zhibiao()
            .args(args)
            .write_stdin("")
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty());
    }
}

/// A caller that writes one line and waits for its answer before writing
/// the next (a coprocess) is answered line by line, without closing its end.
#[test]
fn answers_each_line_before_the_input_ends() {
    let files = corpus();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .args(["extract", "--stdin-jsonl", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.expect("reads")).is_err() {
                break;
            }
        }
    });
    for (name, bytes) in files.iter().take(3) {
        writeln!(stdin, "{}", bytes_line(name, bytes)).expect("writes");
        stdin.flush().expect("flushes");
        let answer = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("answered before the input ends");
        let r: Record = serde_json::from_str(&answer).expect("record");
        assert_eq!(&document(&r).path, name);
    }
    drop(stdin);
    assert!(child.wait().expect("exits").success());
    assert!(
        rx.recv_timeout(Duration::from_secs(10)).is_err(),
        "no extra line"
    );
}

#[test]
fn the_size_limit_is_the_one_given_on_the_command_line() {
    let (name, bytes) = corpus().into_iter().next().expect("a corpus file");
    let small = text_line(
        "small.txt",
        "一、目标
完成5个村改造。
"
        .as_bytes(),
    );
    let lines = [small, bytes_line(&name, &bytes), text_line(&name, &bytes)];
    // Under the default limit every line is a document.
    let answers = pipe(&lines, &[]);
    assert!(answers.iter().all(|a| matches!(a, Record::Document(_))));
    // With a limit below the corpus file, both of its lines are refused with
    // `too_large` (the message names the limit); the small one still passes.
    let answers = pipe(&lines, &["--max-file-size", "1K"]);
    document(&answers[0]);
    for a in &answers[1..] {
        let e = error(a);
        assert_eq!(
            (e.path.as_str(), e.kind),
            (name.as_str(), ErrorKind::TooLarge)
        );
        assert!(e.message.contains("1 KiB"), "{}", e.message);
    }
}
