//! The Spark example and the user guide's pandas and DuckDB loads
//! (`docs/user-guide.md`), run for real
//! by `tests/spark/check.py` with the Python named by `ZHIBIAO_PYTHON` (one
//! with pyspark, pandas, duckdb and pyarrow; `.ci/run` makes it).
//!
//! Without that Python, or without Java for Spark, the tests say why on
//! standard error and pass, so that `cargo test` works on a bare machine;
//! under CI (`CI` set) they fail instead, so CI cannot skip them silently.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Written past the test harness's capture, so a skip is seen in a normal
/// `cargo test` run.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Skip with a reason, or fail under CI.
fn cannot_run(test: &str, why: &str) {
    if under_ci() {
        panic!("{test}: {why}; CI must run it (see .ci/run)");
    }
    say(&format!("SKIPPED {test}: {why}"));
}

fn python() -> Result<PathBuf, String> {
    match std::env::var_os("ZHIBIAO_PYTHON").filter(|p| !p.is_empty()) {
        Some(p) => Ok(PathBuf::from(p)),
        None => Err(
            "ZHIBIAO_PYTHON is not set (a Python with pyspark, pandas, duckdb and \
                     pyarrow; `.ci/run` creates one in .venv)"
                .into(),
        ),
    }
}

fn java_present() -> bool {
    let java = std::env::var_os("JAVA_HOME")
        .map(|h| PathBuf::from(h).join("bin").join("java"))
        .filter(|j| j.exists())
        .unwrap_or_else(|| PathBuf::from("java"));
    Command::new(java)
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run_check(python: &Path, args: &[&str]) {
    let out = Command::new(python)
        .arg(root().join("tests/spark/check.py"))
        .args(args)
        .arg("--zhibiao")
        .arg(env!("CARGO_BIN_EXE_zhibiao"))
        .arg("--corpus")
        .arg(root().join("corpus"))
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "check.py {args:?} failed ({})\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    say(stdout.trim_end());
}

#[test]
fn readme_pandas_and_duckdb_loads_match_the_extraction() {
    let test = "readme_pandas_and_duckdb_loads_match_the_extraction";
    match python() {
        Ok(py) => run_check(
            &py,
            &[
                "loads",
                "--readme",
                &root().join("docs/user-guide.md").to_string_lossy(),
            ],
        ),
        Err(why) => cannot_run(test, &why),
    }
}

#[test]
fn spark_example_in_local_mode_matches_the_cli() {
    let test = "spark_example_in_local_mode_matches_the_cli";
    let py = match python() {
        Ok(py) => py,
        Err(why) => return cannot_run(test, &why),
    };
    if !java_present() {
        return cannot_run(
            test,
            "no Java found (`java` on PATH or $JAVA_HOME/bin/java); Spark needs it \
             (Debian: apt-get install default-jre-headless)",
        );
    }
    run_check(
        &py,
        &[
            "spark",
            "--example",
            &root().join("examples/spark/extract.py").to_string_lossy(),
        ],
    );
}
