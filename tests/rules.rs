//! One fixture per rule of the target grammar, as ruff has per lint rule:
//! `tests/rules/<rule>.txt` is a short plan exercising the rule, and its
//! `zhibiao explain` output is snapshotted under `tests/rules/snapshots/`.
//! Every registered rule has a fixture, every fixture names a registered
//! rule, and each fixture's output shows its rule firing, so no fixture can
//! silently stop exercising its rule.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use zhibiao::Extractor;
use zhibiao::explain::{Explanation, explain_text};
use zhibiao::lexicon::Lexicon;
use zhibiao::quantity::target::RULES;

/// Rules `explain` cannot show, with why. `bare_cell` reads the value
/// cells of tables found by their header (Word and web tables), which
/// `explain` scans as whole rows; its unit test in
/// `src/quantity/target/cells.rs` covers it.
const NOT_SHOWN_BY_EXPLAIN: &[&str] = &["bare_cell"];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

/// The fixtures by rule name.
fn fixtures() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir())
        .expect("tests/rules")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| Some((p.file_stem()?.to_str()?.to_string(), p)))
        .collect();
    out.sort();
    out
}

fn explain(ex: &Extractor, path: &Path) -> Vec<Explanation> {
    let text = std::fs::read_to_string(path).expect("fixture");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    explain_text(ex, name, &text)
}

#[test]
fn every_rule_has_a_fixture_and_every_fixture_a_rule() {
    let rules: BTreeSet<&str> = RULES.iter().map(|r| r.name).collect();
    let names: BTreeSet<String> = fixtures().into_iter().map(|(n, _)| n).collect();
    for r in &rules {
        assert!(
            names.contains(*r) || NOT_SHOWN_BY_EXPLAIN.contains(r),
            "rule {r} has no fixture tests/rules/{r}.txt"
        );
    }
    for n in &names {
        assert!(
            rules.contains(n.as_str()),
            "tests/rules/{n}.txt names no registered rule"
        );
        assert!(!NOT_SHOWN_BY_EXPLAIN.contains(&n.as_str()), "{n}");
    }
    for r in NOT_SHOWN_BY_EXPLAIN {
        assert!(rules.contains(r), "{r} is no registered rule");
    }
}

#[test]
fn each_fixture_fires_its_rule() {
    let ex = Extractor::new(Lexicon::bundled());
    for (name, path) in fixtures() {
        let lines = explain(&ex, &path);
        assert!(
            lines.iter().any(|e| e.rule == Some(name.as_str())),
            "tests/rules/{name}.txt no longer exercises {name}: {lines:#?}"
        );
        let rendered: String = lines.iter().map(|e| e.render() + "\n").collect();
        insta::with_settings!({
            snapshot_path => dir().join("snapshots"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name.as_str(), rendered);
        });
    }
}
