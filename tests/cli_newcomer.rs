//! The command line as a newcomer meets it: piping into `head`, writing
//! `--fail-over 40`, auditing several saved outputs, folders of the same
//! shape, the progress line, `--help`, a mistyped path.

use std::io::Read;
use std::path::Path;
use std::process::{Command as Std, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use zhibiao::Extraction;

mod common;
use common::{corpus_dir, corpus_names, zhibiao};

fn bin() -> Std {
    let mut cmd = Std::new(env!("CARGO_BIN_EXE_zhibiao"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

#[cfg(feature = "eval")]
fn gold_dir() -> String {
    format!("{}/tests/gold", env!("CARGO_MANIFEST_DIR"))
}

/// Every command that writes to standard output, with what it is given.
fn writing_commands() -> Vec<(Vec<String>, Option<&'static str>)> {
    let first = format!("corpus/{}", corpus_names()[0]);
    let second = format!("corpus/{}", corpus_names()[1]);
    let line = "{\"path\": \"a.txt\", \"text\": \"一、目标\\n1.新建5个村级服务站。\\n\"}\n";
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    #[cfg_attr(not(feature = "eval"), allow(unused_mut))]
    let mut commands = vec![
        (args(&["extract", "corpus/"]), None),
        (
            args(&["extract", "corpus/", "--format", "jsonl", "-q"]),
            None,
        ),
        (args(&["extract", "--stdin-jsonl"]), Some(line)),
        (
            args(&["extract", "-"]),
            Some("一、目标\n1.新建5个村级服务站。\n"),
        ),
        (args(&["audit", "corpus/"]), None),
        (args(&["audit", "corpus/", "--format", "html"]), None),
        (args(&["table", "corpus/"]), None),
        (args(&["table", "corpus/", "--format", "jsonl"]), None),
        (args(&["track", &first, "--against", &second]), None),
        (args(&["text", &first]), None),
        (args(&["explain", &first]), None),
        (args(&["explain", "--json", &first]), None),
        (args(&["schema"]), None),
        (args(&["schema", "--jsonl"]), None),
    ];
    // `eval` exists only when the crate is built with its `eval` feature.
    #[cfg(feature = "eval")]
    commands.extend([
        (
            args(&["eval", "--json", "--gold", &gold_dir(), "corpus/"]),
            None,
        ),
        (args(&["eval", "--gold", &gold_dir(), "corpus/"]), None),
    ]);
    commands
}

/// Run with standard output a pipe whose reader is already gone: the very
/// first write fails with a broken pipe, whatever the output's size.
fn run_into_closed_pipe(args: &[String], stdin: Option<&str>) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut child = bin()
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(text) = stdin {
        use std::io::Write;
        let mut input = child.stdin.take().expect("stdin");
        // The child may be gone already; its status says how it ended.
        let _ = input.write_all(text.as_bytes());
    }
    child.wait_with_output().expect("waits")
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_status_0() {
    for (args, stdin) in writing_commands() {
        let out = run_into_closed_pipe(&args, stdin);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
        assert!(
            !stderr.to_lowercase().contains("broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}

/// Run with standard output a pipe whose reader takes the first `keep`
/// bytes and goes away, as `| head -c KEEP` does; those bytes and how the
/// run ended.
fn read_then_close<S: AsRef<std::ffi::OsStr>>(
    args: &[S],
    keep: usize,
) -> (Vec<u8>, std::process::Output) {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut head = vec![0u8; keep];
    stdout.read_exact(&mut head).expect("the first bytes");
    drop(stdout);
    (head, child.wait_with_output().expect("waits"))
}

#[test]
fn a_reader_that_stops_after_a_few_bytes_ends_the_run_with_status_0() {
    // Outputs far larger than a pipe's buffer: the run is still writing when
    // the reader goes, as with `zhibiao extract corpus/ | head -c 100`.
    for args in [
        &["extract", "corpus/"][..],
        &["extract", "corpus/", "--format", "jsonl"],
        &["table", "corpus/", "--format", "jsonl"],
    ] {
        let (head, out) = read_then_close(args, 100);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(head.starts_with(b"{"), "{args:?}");
    }
}

/// A document of more than 1 MiB of text is written goal by goal, its
/// outline streamed around the goals: a reader that goes away early, or
/// before anything is written, still ends the run quietly with status 0.
#[test]
fn a_reader_that_stops_early_on_a_huge_document_ends_the_run_with_status_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::new();
    while text.len() < 1_300_000 {
        for name in corpus_names() {
            text += &std::fs::read_to_string(format!("corpus/{name}")).expect("corpus file");
        }
    }
    let huge = dir.path().join("huge.txt");
    std::fs::write(&huge, &text).expect("written");
    let huge = huge.to_string_lossy().to_string();
    for format in ["json", "jsonl"] {
        let args: Vec<String> = ["extract", &huge, "--format", format, "-q"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let out = run_into_closed_pipe(&args, None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}, closed pipe: {stderr}"
        );
        assert!(stderr.is_empty(), "{format}, closed pipe: {stderr}");
        // The closed pipe fails the first write, in the document's outline
        // ahead of any goal; these readers leave the run failing once the
        // pipe's buffer is full again, which is inside goal lists.
        for keep in [100, 300_000] {
            let (_, out) = read_then_close(&args, keep);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{format}, {keep} bytes: {stderr}"
            );
            assert!(stderr.is_empty(), "{format}, {keep} bytes: {stderr}");
        }
    }
}

#[test]
fn fail_over_takes_a_ratio_or_a_percentage_and_refuses_a_bare_40() {
    // The corpus has 79 vague plan goals of 170: 46.5%.
    let audit = |limit: &str| {
        zhibiao()
            .args(["audit", "corpus/", "--format", "json", "--fail-over", limit])
            .assert()
    };
    let refused = audit("40").code(2).stdout(predicate::str::is_empty());
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(stderr.contains("40%"), "{stderr}");
    for over in ["40%", "0.4", "46%"] {
        let gate = audit(over).code(3);
        let stderr = String::from_utf8_lossy(&gate.get_output().stderr).into_owned();
        assert!(stderr.contains("46.5% of plan goals are vague"), "{stderr}");
    }
    let gate = audit("40%").code(3);
    let stderr = String::from_utf8_lossy(&gate.get_output().stderr).into_owned();
    assert!(stderr.contains("over the limit of 40.0%"), "{stderr}");
    for under in ["47%", "0.5", "100%", "1"] {
        audit(under).code(0);
    }
    for bad in ["150%", "-0.1", "forty", "1.5"] {
        audit(bad).code(2).stdout(predicate::str::is_empty());
    }
}

/// The corpus split into two folders, `a/` (first three files) and `b/`.
fn split_corpus(dir: &Path) {
    for (i, name) in corpus_names().iter().enumerate() {
        let sub = dir.join(if i < 3 { "a" } else { "b" });
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::copy(corpus_dir().join(name), sub.join(name)).expect("copy");
    }
}

fn stdout(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn several_saved_outputs_are_read_as_one_and_mixing_them_with_documents_is_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let d = tmp.path();
    split_corpus(d);
    zhibiao()
        .current_dir(d)
        .args(["extract", "a", "-q", "-o", "a.json"])
        .assert()
        .success();
    zhibiao()
        .current_dir(d)
        .args(["extract", "b", "-q", "--format", "jsonl", "-o", "b.jsonl"])
        .assert()
        .success();
    for command in [
        &["audit", "--format", "json"][..],
        &["audit", "--format", "csv"],
        &["table", "--format", "jsonl"],
    ] {
        let saved = stdout(
            zhibiao()
                .current_dir(d)
                .args(command)
                .args(["a.json", "b.jsonl"]),
        );
        let fresh = stdout(zhibiao().args(command).arg("corpus/"));
        assert!(!fresh.is_empty());
        assert!(
            saved == fresh,
            "{command:?}: two saved outputs differ from the corpus"
        );
    }
    // The same output twice: each document counted once, and a warning.
    let twice = zhibiao()
        .current_dir(d)
        .args(["audit", "--format", "json", "a.json", "a.json", "b.jsonl"])
        .output()
        .expect("runs");
    assert_eq!(twice.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&twice.stdout).expect("json");
    let once: serde_json::Value = serde_json::from_slice(&stdout(
        zhibiao().args(["audit", "--format", "json", "corpus/"]),
    ))
    .expect("json");
    assert_eq!(report, once);
    let stderr = String::from_utf8_lossy(&twice.stderr);
    assert!(stderr.contains("is in both a.json and a.json"), "{stderr}");

    for mixed in [
        &["a.json", "b"][..],
        &["b", "a.json"],
        &["a.json", "b/missing.txt"],
    ] {
        let refused = zhibiao()
            .current_dir(d)
            .arg("audit")
            .args(mixed)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty());
        let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
        assert!(stderr.contains("a.json is a saved output"), "{stderr}");
        assert!(stderr.contains("not both"), "{stderr}");
    }
}

fn paths_of(dir: &Path, args: &[&str]) -> (Vec<String>, Vec<String>) {
    let out = zhibiao()
        .current_dir(dir)
        .args(["extract", "-q"])
        .args(args)
        .output()
        .expect("runs");
    let ex: Extraction = serde_json::from_slice(&out.stdout).expect("an extraction");
    (
        ex.documents.into_iter().map(|d| d.path).collect(),
        ex.errors.into_iter().map(|e| e.path).collect(),
    )
}

#[test]
fn documents_keep_their_folder_when_several_folders_are_given() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let d = tmp.path();
    let names = corpus_names();
    for (year, name) in [("2023", &names[0]), ("2024", &names[1])] {
        let sub = d.join("towns").join(year);
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::copy(corpus_dir().join(name), sub.join("plan.txt")).expect("copy");
    }
    std::fs::write(d.join("towns/2024/budget.xlsx"), b"PK\x03\x04").expect("write");
    std::fs::copy(corpus_dir().join(&names[2]), d.join("extra.txt")).expect("copy");

    let (docs, errors) = paths_of(d, &["towns/2023", "towns/2024/"]);
    assert_eq!(docs, ["towns/2023/plan.txt", "towns/2024/plan.txt"]);
    assert_eq!(errors, ["towns/2024/budget.xlsx"]);
    let (docs, _) = paths_of(d, &["./towns/2023", "extra.txt", "towns/2024"]);
    assert_eq!(
        docs,
        ["extra.txt", "towns/2023/plan.txt", "towns/2024/plan.txt"]
    );
    // One folder: paths relative to it, as always.
    let (docs, errors) = paths_of(d, &["towns"]);
    assert_eq!(docs, ["2023/plan.txt", "2024/plan.txt"]);
    assert_eq!(errors, ["2024/budget.xlsx"]);
    let (docs, _) = paths_of(d, &["towns/2023", "extra.txt"]);
    assert_eq!(docs, ["extra.txt", "plan.txt"]);
}

#[test]
fn no_progress_line_when_standard_error_is_not_a_terminal() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = zhibiao()
        .args(["extract", "corpus/", "-o"])
        .arg(tmp.path().join("out.json"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The closing summary only: one line, no bar, no carriage returns.
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.starts_with("zhibiao: 5 files, 5 documents"),
        "{stderr:?}"
    );
    assert!(
        !stderr.contains('\r') && !stderr.contains("ETA"),
        "{stderr:?}"
    );
}

#[test]
fn extract_help_shows_path_as_required() {
    let help = zhibiao().args(["extract", "--help"]).assert().success();
    let help = String::from_utf8_lossy(&help.get_output().stdout).into_owned();
    assert!(
        help.contains("Usage: zhibiao extract [OPTIONS] <PATH>...\n"),
        "{help}"
    );
    assert!(
        help.contains("zhibiao extract --stdin-jsonl [OPTIONS]"),
        "{help}"
    );
    assert!(!help.contains("[PATH]"), "{help}");
    zhibiao()
        .arg("extract")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<PATH>..."));
}

#[test]
fn a_missing_path_prints_no_empty_report() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = corpus_dir().display().to_string();
    for command in [
        &["audit"][..],
        &["audit", "--format", "html"],
        &["table"],
        &["track", &corpus, "--against"],
    ] {
        let failed = zhibiao()
            .current_dir(tmp.path())
            .args(command)
            .arg("nonexist/")
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty());
        let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
        assert!(
            stderr.contains("error: nonexist/ (not_found)"),
            "{command:?}: {stderr}"
        );
    }
    let report = tmp.path().join("audit.html");
    zhibiao()
        .args(["audit", "nonexist/", "-o"])
        .arg(&report)
        .assert()
        .code(2);
    assert!(!report.exists());
}

/// `-o` naming a pipe, or a link to a file: the output goes through them.
/// Writing a temporary file and renaming it over the path would put a plain
/// file where the pipe was (with `-o /dev/null` run as root, where the null
/// device was), or replace the link instead of its target.
#[cfg(unix)]
#[test]
fn an_output_that_is_a_pipe_or_a_link_is_written_through() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("out.fifo");
    let made = Std::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(made.success());
    for cmd in [&["extract", "-q"][..], &["table"]] {
        // The reader waits on the pipe in a thread of its own: if the pipe
        // were replaced it would never be opened for writing, and the test
        // fails on the time-out below instead of hanging.
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut got = Vec::new();
                let read = std::fs::File::open(&fifo).and_then(|mut f| f.read_to_end(&mut got));
                let _ = tx.send(read.map(|_| got));
            });
        }
        let status = bin()
            .args(cmd)
            .arg(corpus_dir())
            .arg("-o")
            .arg(&fifo)
            .status()
            .expect("run zhibiao");
        assert!(status.success(), "{cmd:?}");
        let got = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("{cmd:?}: nothing was written into the pipe"))
            .expect("read the pipe");
        assert!(
            got.len() > 10_000,
            "{cmd:?}: {} bytes through the pipe",
            got.len()
        );
        let kind = std::fs::symlink_metadata(&fifo).expect("stat").file_type();
        assert!(kind.is_fifo(), "{cmd:?} replaced the pipe with {kind:?}");
    }
    let target = dir.path().join("real.json");
    std::fs::write(&target, "earlier\n").expect("write");
    let link = dir.path().join("out.json");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let status = bin()
        .args(["extract", "-q"])
        .arg(corpus_dir())
        .arg("-o")
        .arg(&link)
        .status()
        .expect("run zhibiao");
    assert!(status.success());
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    let written: Extraction =
        serde_json::from_str(&std::fs::read_to_string(&target).expect("read")).expect("json");
    assert!(!written.documents.is_empty());
}
