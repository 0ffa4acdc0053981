//! A folder of hostile inputs, generated here, run through the command line:
//! binary files named `.txt`, empty and blank files, damaged encodings,
//! control characters, every kind of line end, broken links and link loops,
//! a folder named like a file, a name that is not UTF-8, a file over the
//! size limit, a file named twice, a file nobody may read. Every file must
//! be accounted for exactly once, with the right error code, and the exit
//! status must say "some files failed".

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use zhibiao::{ErrorKind, Extraction, Record};

mod common;
use common::zhibiao;

/// A real plan from the corpus (about 8 KB of UTF-8).
fn plan() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    std::fs::read_to_string(&names[3]).expect("corpus is UTF-8")
}

/// What a file must become.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// A document, read with this encoding and this many encoding errors.
    Doc(&'static str, usize),
    Error(ErrorKind),
}

/// The limit the hostile run uses; `big.txt` is over it, the plan under it.
const LIMIT: &str = "40K";

struct Hostile {
    dir: tempfile::TempDir,
    /// Display path (relative to the folder) → expected outcome.
    expect: BTreeMap<String, Expect>,
    /// The decoded text of each file expected to be a document.
    texts: BTreeMap<String, String>,
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write fixture");
}

#[cfg(unix)]
fn hostile() -> Hostile {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{PermissionsExt, symlink};

    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let plan = plan();
    let mut expect = BTreeMap::new();
    let mut texts = BTreeMap::new();
    let mut doc = |name: &str, bytes: &[u8], text: &str, enc: &'static str, errors: usize| {
        write(d, name, bytes);
        expect.insert(name.to_string(), Expect::Doc(enc, errors));
        texts.insert(name.to_string(), text.to_string());
    };

    doc("plain.txt", plan.as_bytes(), &plan, "UTF-8", 0);
    // GBK whose bytes are not all valid GBK: a lead byte before a space,
    // three times. Decoded with replacement characters and counted.
    let gbk = encoding_rs::GBK.encode(&plan).0.into_owned();
    let mut bad_gbk = Vec::new();
    let mut bad_text = String::new();
    let third = plan.len() / 3;
    let cuts: Vec<usize> = (1..=3)
        .map(|k| {
            let mut c = (k * third).min(plan.len());
            while !plan.is_char_boundary(c) {
                c -= 1;
            }
            c
        })
        .collect();
    let mut from = 0;
    for &c in &cuts {
        bad_gbk.extend_from_slice(&encoding_rs::GBK.encode(&plan[from..c]).0);
        bad_gbk.extend_from_slice(b"\x81 ");
        bad_text.push_str(&plan[from..c]);
        bad_text.push_str("\u{fffd} ");
        from = c;
    }
    bad_gbk.extend_from_slice(&encoding_rs::GBK.encode(&plan[from..]).0);
    bad_text.push_str(&plan[from..]);
    assert!(bad_gbk.len() < gbk.len() + 10);
    doc("bad_gbk.txt", &bad_gbk, &bad_text, "GB18030", 3);
    // UTF-16 without a byte-order mark, as Notepad's "Unicode" sometimes saves.
    let utf16: Vec<u8> = plan.encode_utf16().flat_map(u16::to_le_bytes).collect();
    doc("utf16_no_bom.txt", &utf16, &plan, "UTF-16LE", 0);
    // A download cut inside the last character.
    let cut_plan = format!("{}。", plan.trim_end());
    let cut_bytes = &cut_plan.as_bytes()[..cut_plan.len() - 1];
    doc("half_char.txt", cut_bytes, plan.trim_end(), "UTF-8", 1);
    // NUL and other control characters inside a plan, as scrapers leave them.
    let noisy = plan
        .replacen('。', "。\u{0}", 3)
        .replacen(',', ",\u{7}", 2)
        .replacen('\n', "\n\u{1b}", 1);
    doc("control_chars.txt", noisy.as_bytes(), &noisy, "UTF-8", 0);
    // Mixed line ends.
    let mixed: String = common::mixed_line_ends(&plan);
    doc("mixed_line_ends.txt", mixed.as_bytes(), &mixed, "UTF-8", 0);
    // A name that is not UTF-8; reported with the bad byte escaped.
    let raw = std::ffi::OsStr::from_bytes(b"name_\xff.txt");
    std::fs::write(d.join(raw), plan.as_bytes()).expect("write non-UTF-8 name");
    expect.insert("name_\\xFF.txt".into(), Expect::Doc("UTF-8", 0));
    texts.insert("name_\\xFF.txt".into(), plan.clone());
    // A folder named like a text file: walked, its file read.
    std::fs::create_dir(d.join("folder.txt")).expect("mkdir");
    write(&d.join("folder.txt"), "inner.txt", plan.as_bytes());
    expect.insert("folder.txt/inner.txt".into(), Expect::Doc("UTF-8", 0));
    texts.insert("folder.txt/inner.txt".into(), plan.clone());

    let mut err = |name: &str, bytes: Option<&[u8]>, kind: ErrorKind| {
        if let Some(b) = bytes {
            write(d, name, b);
        }
        expect.insert(name.to_string(), Expect::Error(kind));
    };
    err(
        "report.pdf.txt",
        Some(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        ErrorKind::NotText,
    );
    err(
        "scan.png.txt",
        Some(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0"),
        ErrorKind::NotText,
    );
    err(
        "archive.zip.txt",
        Some(b"PK\x03\x04\x14\x00\x00\x00\x08\x00data.csv\x8b\x1f\x00\x01"),
        ErrorKind::NotText,
    );
    err("empty.txt", Some(b""), ErrorKind::Empty);
    err(
        "blank.txt",
        Some(b" \r\n\t\n\xe3\x80\x80\n"),
        ErrorKind::Empty,
    );
    let big = plan.repeat(6);
    assert!(big.len() > 40 * 1024 && plan.len() * 2 < 40 * 1024);
    err("big.txt", Some(big.as_bytes()), ErrorKind::TooLarge);

    symlink("nowhere.txt", d.join("broken_link.txt")).expect("symlink");
    err("broken_link.txt", None, ErrorKind::NotFound);
    symlink("loop_b.txt", d.join("loop_a.txt")).expect("symlink");
    symlink("loop_a.txt", d.join("loop_b.txt")).expect("symlink");
    err("loop_a.txt", None, ErrorKind::Unreadable);
    err("loop_b.txt", None, ErrorKind::Unreadable);
    // A link back to the folder itself: reported, not followed for ever.
    symlink(".", d.join("back")).expect("symlink");
    err("back", None, ErrorKind::Unreadable);
    // A named pipe called .txt: reading it would block, so it is reported.
    let fifo = std::process::Command::new("mkfifo")
        .arg(d.join("pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    if fifo {
        err("pipe.txt", None, ErrorKind::Unreadable);
    }

    // Nobody may read this one, except root (CI may run as root): the
    // expectation follows what a read attempt actually does.
    write(d, "locked.txt", plan.as_bytes());
    std::fs::set_permissions(d.join("locked.txt"), std::fs::Permissions::from_mode(0o000))
        .expect("chmod");
    if std::fs::read(d.join("locked.txt")).is_ok() {
        expect.insert("locked.txt".into(), Expect::Doc("UTF-8", 0));
        texts.insert("locked.txt".into(), plan.clone());
    } else {
        expect.insert("locked.txt".into(), Expect::Error(ErrorKind::Unreadable));
    }
    // Files of no format zhibiao reads are listed as skipped, not read.
    write(d, "notes.json", b"{\"not\": \"an input\"}\n");
    expect.insert("notes.json".into(), Expect::Error(ErrorKind::Skipped));
    Hostile { dir, expect, texts }
}

/// Each path once, as a document or an error, with the expected outcome;
/// every document keeps the span invariants against its decoded text.
fn assert_accounted(ex: &Extraction, h: &Hostile) {
    let docs: Vec<&str> = ex.documents.iter().map(|d| d.path.as_str()).collect();
    let errs: Vec<&str> = ex.errors.iter().map(|e| e.path.as_str()).collect();
    let all: Vec<&str> = docs.iter().chain(&errs).copied().collect();
    let unique: BTreeSet<&str> = all.iter().copied().collect();
    assert_eq!(all.len(), unique.len(), "a path reported twice: {all:?}");
    let expected: BTreeSet<&str> = h.expect.keys().map(String::as_str).collect();
    assert_eq!(unique, expected, "not every file accounted for");
    assert_eq!(ex.summary.files_seen, h.expect.len());
    assert_eq!(ex.summary.documents_extracted, ex.documents.len());
    let skipped = ex
        .errors
        .iter()
        .filter(|e| e.kind == ErrorKind::Skipped)
        .count();
    assert_eq!(ex.summary.documents_failed, ex.errors.len() - skipped);
    assert_eq!(ex.summary.skipped, skipped);
    for e in &ex.errors {
        assert_eq!(
            h.expect[&e.path],
            Expect::Error(e.kind),
            "{}: {}",
            e.path,
            e.message
        );
        assert!(e.message.len() > 10, "{}: message {:?}", e.path, e.message);
    }
    for d in &ex.documents {
        assert_eq!(
            h.expect[&d.path],
            Expect::Doc(
                match d.encoding.as_str() {
                    "UTF-8" => "UTF-8",
                    "GB18030" => "GB18030",
                    "UTF-16LE" => "UTF-16LE",
                    other => panic!("{}: unexpected encoding {other}", d.path),
                },
                d.encoding_errors
            ),
            "{}",
            d.path
        );
        let text = &h.texts[&d.path];
        let problems = zhibiao::verify::check_document(d, text);
        assert!(problems.is_empty(), "{}: {problems:#?}", d.path);
        assert!(!d.units.is_empty() && d.units.iter().any(|u| !u.goals.is_empty()));
    }
    // Damage does not cost structure: the same goals as the clean plan.
    let goals = |p: &str| -> usize {
        ex.documents
            .iter()
            .find(|d| d.path == p)
            .map_or(0, |d| d.units.iter().map(|u| u.goals.len()).sum())
    };
    let clean = goals("plain.txt");
    for p in [
        "utf16_no_bom.txt",
        "mixed_line_ends.txt",
        "control_chars.txt",
        "name_\\xFF.txt",
    ] {
        assert_eq!(goals(p), clean, "{p}");
    }
}

#[cfg(unix)]
#[test]
fn every_hostile_file_is_accounted_for() {
    let h = hostile();
    let assert = zhibiao()
        .args(["extract", "--max-file-size", LIMIT])
        .arg(h.dir.path())
        .assert()
        .code(1);
    let out = assert.get_output();
    let ex: Extraction = serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    assert_accounted(&ex, &h);
    // The summary groups failures by code, then names each one.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &ex.errors {
        *by_kind.entry(e.kind.as_str()).or_default() += 1;
    }
    let skipped = by_kind.remove("skipped").unwrap_or(0);
    let failed = format!("{} failed: ", ex.errors.len() - skipped);
    assert!(stderr.contains(&failed), "{stderr}");
    assert!(stderr.contains("; 1 skipped: 1 .json"), "{stderr}");
    for (kind, n) in by_kind {
        assert!(stderr.contains(&format!("{n} {kind}")), "{kind}: {stderr}");
    }
    for e in &ex.errors {
        let what = if e.kind == ErrorKind::Skipped {
            "skipped"
        } else {
            "failed"
        };
        assert!(
            stderr.contains(&format!("{what}: {} ({})", e.path, e.kind.as_str())),
            "{}: {stderr}",
            e.path
        );
    }
}

#[cfg(unix)]
#[test]
fn hostile_files_named_on_the_command_line_and_twice() {
    // Every file named explicitly, the plan three times over: read once, a
    // note says so. Folders are covered above; the pipe is left out, since
    // a pipe named explicitly is read (`<(zcat plan.txt.gz)`) and this one
    // has no writer.
    let mut h = hostile();
    for skip in ["folder.txt/inner.txt", "back", "pipe.txt", "notes.json"] {
        h.expect.remove(skip);
        h.texts.remove(skip);
    }
    let d = h.dir.path();
    let mut cmd = zhibiao();
    cmd.current_dir(d)
        .args(["extract", "--format", "jsonl", "--max-file-size", LIMIT]);
    for name in std::fs::read_dir(d).expect("read dir") {
        let name = name.expect("entry").file_name();
        if !["notes.json", "folder.txt", "back", "pipe.txt"]
            .contains(&name.to_string_lossy().as_ref())
        {
            cmd.arg(&name);
        }
    }
    cmd.arg("plain.txt").arg("./plain.txt");
    let assert = cmd.assert().code(1).stderr(predicate::str::contains(
        "plain.txt is given more than once",
    ));
    let text = String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8");
    for line in text.lines() {
        serde_json::from_str::<Record>(line).expect("every line is a record");
    }
    let ex = zhibiao::emit::read(&text).expect("JSON Lines read back");
    assert_accounted(&ex, &h);
}

#[cfg(unix)]
#[test]
fn same_names_in_two_folders_are_both_kept() {
    // `2023/plan.txt` and `2024/plan.txt`: neither hides the other; a broken
    // link named on its own and found in its folder is one failure.
    let tmp = tempfile::tempdir().expect("temp dir");
    let d = tmp.path();
    let plan = plan();
    for year in ["2023", "2024"] {
        std::fs::create_dir(d.join(year)).expect("mkdir");
        write(&d.join(year), "plan.txt", plan.as_bytes());
        std::os::unix::fs::symlink("gone.txt", d.join(year).join("link.txt")).expect("symlink");
    }
    let assert = zhibiao()
        .current_dir(d)
        .args([
            "extract",
            "-q",
            "2023",
            "2024",
            "2023/link.txt",
            "2024/plan.txt",
        ])
        .assert()
        .code(1);
    let ex: Extraction = serde_json::from_slice(&assert.get_output().stdout).expect("JSON");
    let docs: Vec<&str> = ex.documents.iter().map(|d| d.path.as_str()).collect();
    let errs: Vec<(&str, ErrorKind)> = ex
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.kind))
        .collect();
    assert_eq!(docs, ["2023/plan.txt", "2024/plan.txt"]);
    assert_eq!(
        errs,
        [
            ("2023/link.txt", ErrorKind::NotFound),
            ("2024/link.txt", ErrorKind::NotFound)
        ]
    );
    assert_eq!(ex.summary.files_seen, 4);
}

#[test]
fn unwritable_output_is_exit_2() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // In a folder that does not exist.
    zhibiao()
        .args(["extract", "corpus/", "-q", "-o"])
        .arg(tmp.path().join("missing").join("out.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
    // A folder where the file should be.
    zhibiao()
        .args(["extract", "corpus/", "-q", "-o"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn bad_arguments_are_exit_2() {
    for size in ["abc", "0", "-5", "12X", ""] {
        zhibiao()
            .args(["extract", "corpus/", &format!("--max-file-size={size}")])
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("--max-file-size"));
    }
    zhibiao()
        .args(["extract", "corpus/", "--no-such-flag"])
        .assert()
        .code(2);
}

#[test]
fn size_limit_applies_to_standard_input_and_audit() {
    let plan = plan();
    let assert = zhibiao()
        .args(["extract", "-", "-q", "--max-file-size", "1K"])
        .write_stdin(plan.clone())
        .assert()
        .code(1);
    let ex: Extraction = serde_json::from_slice(&assert.get_output().stdout).expect("JSON");
    assert_eq!(ex.errors.len(), 1);
    assert_eq!(ex.errors[0].kind, ErrorKind::TooLarge);
    assert!(
        ex.errors[0].message.contains("1 KiB"),
        "{}",
        ex.errors[0].message
    );
    // Under the limit, the same input is a document.
    zhibiao()
        .args(["extract", "-", "-q", "--max-file-size", "1M"])
        .write_stdin(plan)
        .assert()
        .code(0);
    zhibiao()
        .args(["audit", "corpus/", "--max-file-size", "1K"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("(too_large)"));
}

/// A file that opens but fails while being read is `unreadable`, and the
/// other inputs are still extracted. `/proc/self/mem` fails with an I/O
/// error at offset 0 for every user, root included, so this runs the
/// branch the permission case above cannot reach when the tests run as
/// root.
#[cfg(target_os = "linux")]
#[test]
fn a_read_error_is_unreadable_and_costs_nothing_else() {
    if !Path::new("/proc/self/mem").exists() {
        eprintln!("skipped: no /proc/self/mem (procfs not mounted)");
        return;
    }
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/003_0d40b9ad88d90563.txt");
    let out = zhibiao()
        .args(["extract", "/proc/self/mem", "--format", "jsonl"])
        .arg(&plan)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("1 failed: 1 unreadable"))
        .get_output()
        .stdout
        .clone();
    let records: Vec<Record> = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record"))
        .collect();
    let errors: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::Error(e) => Some((e.path.as_str(), e.kind)),
            _ => None,
        })
        .collect();
    assert_eq!(errors, [("/proc/self/mem", ErrorKind::Unreadable)]);
    let documents = records
        .iter()
        .filter(|r| matches!(r, Record::Document(_)))
        .count();
    assert_eq!(documents, 1);
}

/// Hostile files of each format the readers open: a truncated Word file, a
/// zip bomb, an encrypted, a damaged and a text-less PDF, a web page of
/// 50 MB on one line and one nested 100,000 elements deep. Each is an error
/// with its code or a document that keeps its invariants; none panics.
#[test]
fn hostile_documents_of_each_format() {
    use std::io::Write;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let docx = std::fs::read(fixtures.join("003_0d40b9ad88d90563.docx")).expect("fixture");
    let pdf = std::fs::read(fixtures.join("003_0d40b9ad88d90563.pdf")).expect("fixture");
    write(d, "truncated.docx", &docx[..docx.len() / 2]);
    write(d, "damaged.pdf", &pdf[..pdf.len() / 3]);
    std::fs::copy(fixtures.join("encrypted.pdf"), d.join("encrypted.pdf")).expect("copy");
    std::fs::copy(fixtures.join("no_text_layer.pdf"), d.join("scan.pdf")).expect("copy");
    // A zip bomb: a body that inflates to 300 MiB of spaces from about 300 KB.
    {
        let file = std::fs::File::create(d.join("bomb.docx")).expect("create");
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .large_file(true);
        zip.start_file("word/document.xml", opts).expect("entry");
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..300 {
            zip.write_all(&chunk).expect("write");
        }
        zip.finish().expect("finish");
    }
    // 50 MB on one line: markup around a plan sentence now and then.
    let mut page = String::from("<!DOCTYPE html><html><body><div>");
    while page.len() < 50 << 20 {
        page.push_str("<span class=\"a\"><i></i><b></b></span>");
        if page.len() % 4096 < 40 {
            page.push_str("<p>全年新建道路12公里。</p>");
        }
    }
    page.push_str("</div></body></html>");
    write(d, "one_line.html", page.as_bytes());
    let nested = format!(
        "<html><body>{}<p>建成3个莲藕专业村。</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write(d, "nested.htm", nested.as_bytes());
    let within = format!(
        "<html><body>{}<p>建成3个莲藕专业村。</p>{}</body></html>",
        "<div>".repeat(3000),
        "</div>".repeat(3000)
    );
    write(d, "nested_3000.html", within.as_bytes());

    let out = zhibiao()
        .args(["extract", "-q", "--with-text"])
        .arg(d)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let ex: Extraction = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let errs: Vec<(&str, ErrorKind)> = ex
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.kind))
        .collect();
    assert_eq!(
        errs,
        [
            ("bomb.docx", ErrorKind::TooLarge),
            ("damaged.pdf", ErrorKind::NotText),
            ("encrypted.pdf", ErrorKind::NotText),
            ("nested.htm", ErrorKind::NotText),
            ("scan.pdf", ErrorKind::NotText),
            ("truncated.docx", ErrorKind::NotText),
        ]
    );
    let msg = |p: &str| {
        ex.errors
            .iter()
            .find(|e| e.path == p)
            .map(|e| e.message.clone())
            .unwrap_or_default()
    };
    assert!(msg("scan.pdf").contains("OCR"), "{}", msg("scan.pdf"));
    assert!(
        msg("encrypted.pdf").contains("password"),
        "{}",
        msg("encrypted.pdf")
    );
    assert!(
        msg("bomb.docx").contains("zip bomb"),
        "{}",
        msg("bomb.docx")
    );
    // Nesting that deep would take the HTML5 tree builder quadratic time.
    assert!(msg("nested.htm").contains("nest"), "{}", msg("nested.htm"));
    let docs: Vec<&str> = ex.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(docs, ["nested_3000.html", "one_line.html"]);
    for doc in &ex.documents {
        let text = doc.text.as_deref().unwrap_or_default();
        assert!(
            zhibiao::verify::check_document(doc, text).is_empty(),
            "{}",
            doc.path
        );
    }
    let nested = &ex.documents[0];
    assert_eq!(nested.text.as_deref(), Some("建成3个莲藕专业村。\n"));
    assert!(ex.documents[1].units.iter().any(|u| !u.goals.is_empty()));
}

/// A PDF that makes the PDF reader panic (its ToUnicode entry points at an
/// object that is no character map) is the file's error, and the panic's
/// message stays off standard error, from `extract` on a folder (worker
/// threads) as from `text`.
#[test]
fn a_pdf_that_panics_the_reader_prints_no_panic_message() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let pdf = std::fs::read(fixtures.join("table.pdf")).expect("fixture");
    let (from, to) = (b"/ToUnicode 8 0 R", b"/ToUnicode 9 0 R");
    let at = pdf
        .windows(from.len())
        .position(|w| w == from)
        .expect("the font's ToUnicode entry");
    let mut bad = pdf.clone();
    bad[at..at + to.len()].copy_from_slice(to);
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(d, "bad_cmap.pdf", &bad);
    write(d, "good.pdf", &pdf);
    let out = zhibiao()
        .args(["extract", "-q", "-j", "2"])
        .arg(d)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked at"), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
    let ex: Extraction = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(ex.documents.len(), 1);
    assert_eq!(ex.errors.len(), 1);
    assert_eq!(ex.errors[0].kind, ErrorKind::NotText);
    // The message of a caught panic: the reader did panic.
    assert!(
        ex.errors[0].message.contains("structure could not be read"),
        "{}",
        ex.errors[0].message
    );
    let out = zhibiao()
        .arg("text")
        .arg(d.join("bad_cmap.pdf"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked at"), "{stderr}");
    assert!(stderr.contains("structure could not be read"), "{stderr}");
}
