//! `zhibiao track` on hand-written plan/report pairs (`tests/fixtures/track/`):
//! each status, both directions (more is better; `以内` and ranks, where less
//! is), a mid-year report, an ambiguous pair and another town's report that
//! must not be joined.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use common::zhibiao;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/track")
        .join(name)
}

/// `what` → (status, attainment, note) from the CSV output.
fn track(report: &str) -> HashMap<String, (String, String, String)> {
    let out = zhibiao()
        .arg("track")
        .arg(fixture("plan_2023.txt"))
        .arg("--against")
        .arg(fixture(report))
        .args(["--format", "csv"])
        .output()
        .expect("run zhibiao");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.starts_with(&[0xEF, 0xBB, 0xBF]));
    let mut rd = csv::Reader::from_reader(&out.stdout[3..]);
    let h: Vec<String> = rd
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let col = |n: &str| h.iter().position(|x| x == n).expect("column");
    let mut m = HashMap::new();
    for r in rd.records() {
        let r = r.expect("row");
        m.insert(
            r[col("what")].to_string(),
            (
                r[col("status")].to_string(),
                r[col("attainment")].to_string(),
                r[col("note")].to_string(),
            ),
        );
    }
    assert_eq!(m.len(), 7, "one row per plan target");
    m
}

#[test]
fn year_end_report_each_status_and_direction() {
    let m = track("report_2023.txt");
    let status = |w: &str| m[w].0.as_str();
    assert_eq!(status("固定资产投资"), "met");
    assert_eq!(m["固定资产投资"].1, "1.050");
    assert_eq!(status("一般公共预算收入"), "behind");
    // `5.5%以内`: 5.1% is lower, and lower is better.
    assert_eq!(status("城镇调查失业率"), "met");
    // `排名全区前三` against fifth: a rank is met at or above it.
    assert_eq!(status("综合考核"), "behind");
    assert_eq!(status("高标准农田"), "met");
    // 户 against 家: two units of measure are never joined.
    assert_eq!(status("市场主体"), "not_comparable");
    assert!(m["市场主体"].2.contains('户'), "{:?}", m["市场主体"]);
    assert_eq!(status("植树造林"), "not_reported");
}

#[test]
fn mid_year_report_on_track_behind_and_ambiguous() {
    let m = track("midyear_2023.txt");
    // 5.6 of 10 at mid-year: on track; 1000 of 3000 mu: behind.
    assert_eq!(m["固定资产投资"].0, "on_track");
    assert_eq!(m["高标准农田"].0, "behind");
    // Two figures for one target are listed, not chosen between.
    let (s, _, note) = &m["一般公共预算收入"];
    assert_eq!(s, "not_comparable");
    assert!(
        note.contains("2600万元") && note.contains("2700万元"),
        "{note}"
    );
}

#[test]
fn another_towns_report_is_not_joined() {
    let m = track("other_town_2023.txt");
    assert!(m.values().all(|(s, _, _)| s == "not_reported"), "{m:?}");
}

#[test]
fn html_has_a_bar_per_unit_and_a_row_per_plan_target() {
    let out = zhibiao()
        .arg("track")
        .arg(fixture("plan_2023.txt"))
        .arg("--against")
        .arg(fixture("report_2023.txt"))
        .args(["--format", "html"])
        .output()
        .expect("run zhibiao");
    assert!(out.status.success());
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<g class=\"bar\">").count(), 1);
    assert!(
        html.contains("青山镇：计划目标 7 个，达成 3，进度正常 0，落后 2，未报告 1，无法比较 1")
    );
    let tbody = html.split("<tbody>").nth(1).unwrap_or_default();
    assert_eq!(tbody.matches("<tr>").count(), 7);
    assert!(!html.contains("http"));
}
