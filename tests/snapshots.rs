//! Snapshots of what zhibiao reads in small real and hand-made inputs: the
//! section tree and every goal with its targets and deadlines, one line each,
//! so a change in behaviour shows up as a readable diff (`cargo insta review`).

mod common;

use std::fmt::Write;

fn outline(path: &str) -> String {
    let bytes = std::fs::read(path).expect("fixture");
    let d = common::extractor().extract(path, &bytes).expect("extracts");
    let mut s = String::new();
    let _ = writeln!(
        s,
        "title={:?} issuer={:?} published={:?} year={:?} genre={:?} encoding={}",
        d.title.as_ref().map(|t| &t.text),
        d.issuer,
        d.published,
        d.year,
        d.genre,
        d.encoding
    );
    for u in &d.units {
        let _ = writeln!(s, "UNIT {:?} ({:?})", u.name, u.name_source);
        for sec in &u.sections {
            let _ = writeln!(
                s,
                "{}S{} {} {:?} [{:?}]",
                "  ".repeat(sec.level as usize),
                sec.level,
                sec.label.as_deref().unwrap_or("-"),
                sec.heading,
                sec.role
            );
        }
        for g in &u.goals {
            let opening: String = g.text.chars().take(16).collect();
            let _ = writeln!(
                s,
                "  G {:?} {:?} {:?} {}",
                g.mode, g.measurability, g.label, opening
            );
            for t in &g.targets {
                let _ = writeln!(
                    s,
                    "      T {} = {} {:?} {} {:?} {:?} {:?} {:?} metric={:?} object={:?}",
                    t.text,
                    t.value,
                    t.value_max,
                    t.unit,
                    t.kind,
                    t.comparator,
                    t.change,
                    t.mode,
                    t.metric,
                    t.object
                );
            }
            for t in &g.deadlines {
                let _ = writeln!(s, "      D {} by {:?}", t.text, t.by);
            }
            for t in &g.commitments {
                let _ = writeln!(s, "      C {} {:?}", t.text, t.kind);
            }
        }
    }
    s
}

#[test]
fn tricky_plan() {
    insta::assert_snapshot!(outline("tests/fixtures/tricky_plan.txt"));
}

#[test]
fn department_plan() {
    insta::assert_snapshot!(outline("tests/fixtures/department_plan.txt"));
}

#[test]
fn corpus_003_plan() {
    insta::assert_snapshot!(outline("corpus/003_0d40b9ad88d90563.txt"));
}

#[test]
fn corpus_004_report_and_plan() {
    insta::assert_snapshot!(outline("corpus/004_edf690f87470ca0e.txt"));
}
