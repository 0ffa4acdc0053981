//! `zhibiao explain` from the command line.

use predicates::prelude::*;

mod common;

use common::zhibiao;

const FIXTURE: &str = "tests/rules/item_weight.txt";

#[test]
fn explains_each_numeral_of_a_fixture() {
    zhibiao()
        .args(["explain", FIXTURE])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "3:11\t规上工业企业[3家](15分)。\ttakes quantity 3 家\n",
        ))
        .stdout(predicate::str::contains("\tblocks item_weight\n"));
}

#[test]
fn json_lines_parse() {
    let out = zhibiao()
        .args(["explain", "--json", FIXTURE])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["verdict"], "takes");
    assert_eq!(lines[0]["rule"], "quantity");
    assert_eq!(lines[0]["value"], 3.0);
    assert_eq!(lines[0]["unit"], "家");
    assert_eq!(
        (&lines[1]["line"], &lines[1]["col"]),
        (&3.into(), &14.into())
    );
    assert_eq!(lines[1]["verdict"], "blocks");
    assert_eq!(lines[1]["rule"], "item_weight");
}

#[test]
fn a_missing_file_is_a_usage_error() {
    zhibiao()
        .args(["explain", "no/such/plan.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no/such/plan.txt (not_found)"));
}

#[test]
fn standard_input() {
    zhibiao()
        .args(["explain", "-"])
        .write_stdin("某镇2024年工作要点\n一、民生\n1.全年新增城镇就业600人。\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("takes quantity 600 人"));
}
