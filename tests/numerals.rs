//! The numeral and target grammar against the expected readings in
//! `tests/numerals.tsv` (shared oracle), `tests/numerals_extra.tsv` (our
//! own hand-made snippets for forms the corpus lacks) and
//! `tests/numerals_peer.tsv` (the cases a Chinese numeral converter's test
//! suite checks, set in plan phrases).

mod common;

use zhibiao::quantity::target::find_targets;
use zhibiao::text::Text;
use zhibiao::{GoalMode, Span};

struct Row {
    line: usize,
    context: String,
    text: String,
    value: Option<f64>,
    value_max: Option<f64>,
    unit: String,
    kind: String,
    comparator: String,
    change: String,
}

fn rows(data: &str) -> Vec<Row> {
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(n, l)| {
            let c: Vec<&str> = l.split('\t').collect();
            let get = |i: usize| c.get(i).copied().unwrap_or("").to_string();
            Row {
                line: n + 1,
                context: get(0),
                text: get(1),
                value: get(2).parse().ok(),
                value_max: get(3).parse().ok(),
                unit: get(4),
                kind: get(5),
                comparator: get(6),
                change: get(7),
            }
        })
        .collect()
}

fn snake<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What a row is checked on.
#[derive(Clone, Copy, PartialEq)]
enum Check {
    /// Every column.
    All,
    /// The number only: value, range, unit, kind and the exact span text.
    Number,
}

/// Check every row; return the failures as readable lines.
fn check(file: &str, data: &str, what: Check) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let rows = rows(data);
    for r in &rows {
        let t = Text::new(&r.context, common::extractor().lexicon());
        let found = find_targets(&t, Span::new(0, t.len()), GoalMode::Target);
        let Some(at) = r.context.find(&r.text) else {
            failures.push(format!(
                "{file}:{} text {:?} not in context",
                r.line, r.text
            ));
            continue;
        };
        let start = r.context[..at].chars().count();
        let span = Span::new(start, start + r.text.chars().count());
        let hits: Vec<_> = found.iter().filter(|x| x.span.overlaps(&span)).collect();
        if r.kind == "NOT" {
            if !hits.is_empty() {
                failures.push(format!(
                    "{file}:{} {:?}: {:?} must not be a target, got {:?}",
                    r.line, r.context, r.text, hits[0].text
                ));
            }
            continue;
        }
        let [x] = hits.as_slice() else {
            failures.push(format!(
                "{file}:{} {:?}: expected one target at {:?}, got {:?}",
                r.line,
                r.context,
                r.text,
                found.iter().map(|x| &x.text).collect::<Vec<_>>()
            ));
            continue;
        };
        if what == Check::Number {
            let got = (
                x.value,
                x.value_max,
                x.unit.as_str(),
                snake(x.kind),
                x.text.as_str(),
            );
            let want = (
                r.value.unwrap_or(f64::NAN),
                r.value_max,
                r.unit.as_str(),
                r.kind.clone(),
                r.text.as_str(),
            );
            if got != want {
                failures.push(format!(
                    "{file}:{} {:?}: got {got:?}, want {want:?}",
                    r.line, r.context
                ));
            }
            continue;
        }
        let got = (
            x.value,
            x.value_max,
            x.unit.as_str(),
            snake(x.kind),
            snake(x.comparator),
            snake(x.change),
        );
        let want = (
            r.value.unwrap_or(f64::NAN),
            r.value_max,
            r.unit.as_str(),
            r.kind.clone(),
            r.comparator.clone(),
            r.change.clone(),
        );
        if got != want {
            failures.push(format!(
                "{file}:{} {:?}: got {got:?}, want {want:?} (text {:?})",
                r.line, r.context, x.text
            ));
        }
    }
    (rows.len(), failures)
}

#[test]
fn shared_oracle() {
    let (n, failures) = check("numerals.tsv", include_str!("numerals.tsv"), Check::All);
    assert!(n >= 80, "oracle too small: {n}");
    assert!(
        failures.is_empty(),
        "{} of {n} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn own_snippets() {
    let (n, failures) = check(
        "numerals_extra.tsv",
        include_str!("numerals_extra.tsv"),
        Check::All,
    );
    assert!(n >= 20, "too few snippets: {n}");
    assert!(
        failures.is_empty(),
        "{} of {n} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The peer suite's numbers: every one must read right (the floor
/// is 95 %; the misses are printed either way).
#[test]
fn peer_suite() {
    let (n, failures) = check(
        "numerals_peer.tsv",
        include_str!("numerals_peer.tsv"),
        Check::Number,
    );
    assert!(n >= 100, "peer suite too small: {n}");
    let right = n - failures.len();
    println!("peer suite: {right} of {n} read right");
    for f in &failures {
        println!("  {f}");
    }
    assert!(
        failures.is_empty(),
        "{right} of {n} rows read right ({:.1} %):\n{}",
        100.0 * right as f64 / n as f64,
        failures.join("\n")
    );
}

/// Every target of a document, from its JSON (wherever goals sit).
fn all_targets(v: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::Array(ts)) = m.get("targets") {
                out.extend(ts.iter().cloned());
            }
            m.values().for_each(|x| all_targets(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| all_targets(x, out)),
        _ => {}
    }
}

/// A plan as a PDF conversion leaves it (spaces between numbers and their
/// units) with the harder numeral forms: each target's text, value, unit
/// and kind as the whole pipeline reports them.
#[test]
fn harder_forms_in_a_converted_plan() {
    let plan = "某某镇2024年工作计划\n\
        一、主要目标\n\
        1.全年完成固定资产投资31.88 亿元,同比增长6.5 %。\n\
        2.新增高标准农田1.5 万亩,土地整理6 月底前完成。\n\
        3.新增屋顶光伏装机500千瓦,风电装机容量达到100万千瓦。\n\
        4.实际利用外资3000万美元,新落地项目计划投资1000万人民币。\n\
        5.城镇调查失业率≤4.5%,人口自然增长率控制在千分之三以内。\n\
        6.新建农村公路18.85千米,力争转移农村劳动力3万4000人,全年接待游客九十二万四人次。\n\
        7.续建2023 年开工的12 个项目。\n";
    let doc = common::extractor()
        .extract("plan.txt", plan.as_bytes())
        .expect("extracts");
    let json = serde_json::to_value(&doc).expect("serialises");
    let mut found = Vec::new();
    all_targets(&json, &mut found);
    let chars: Vec<char> = plan.chars().collect();
    let want: &[(&str, f64, &str, &str)] = &[
        ("31.88 亿元", 3.188e9, "元", "money"),
        ("同比增长6.5 %", 6.5, "%", "percent"),
        ("1.5 万亩", 15000.0, "亩", "area"),
        ("500千瓦", 500.0, "千瓦", "other"),
        ("100万千瓦", 1e6, "千瓦", "other"),
        ("3000万美元", 3e7, "美元", "money"),
        ("1000万人民币", 1e7, "元", "money"),
        ("≤4.5%", 4.5, "%", "percent"),
        ("千分之三以内", 0.3, "%", "percent"),
        ("3万4000人", 34000.0, "人", "count"),
        ("九十二万四人次", 924000.0, "人次", "count"),
        ("12 个", 12.0, "个", "count"),
        ("18.85千米", 18.85, "公里", "length"),
    ];
    let mut misses = Vec::new();
    for &(text, value, unit, kind) in want {
        let hit = found.iter().find(|t| t["text"] == text);
        let got = hit.map(|t| {
            (
                t["value"].as_f64(),
                t["unit"].as_str(),
                t["kind"].as_str(),
                t["span"]["start"].as_u64(),
                t["span"]["end"].as_u64(),
            )
        });
        let ok = got.is_some_and(|(v, u, k, s, e)| {
            // The span covers the number through its unit in the source.
            let slice = s.zip(e).map(|(s, e)| {
                chars[s as usize..(e as usize).min(chars.len())]
                    .iter()
                    .collect::<String>()
            });
            v == Some(value) && u == Some(unit) && k == Some(kind) && slice.as_deref() == Some(text)
        });
        if !ok {
            misses.push(format!("{text}: got {got:?}"));
        }
    }
    let texts: Vec<&str> = found.iter().filter_map(|t| t["text"].as_str()).collect();
    assert!(
        !texts.iter().any(|t| t.starts_with("2023")),
        "a year is no target: {texts:?}"
    );
    assert!(misses.is_empty(), "{misses:#?}\nall: {texts:?}");
    // `6 月底前` is the same deadline as `6月底前`, with its span.
    let deadline = doc
        .units
        .iter()
        .flat_map(|u| &u.goals)
        .flat_map(|g| &g.deadlines)
        .find(|d| d.text.starts_with('6'));
    assert_eq!(
        deadline.map(|d| (d.text.as_str(), d.by.as_deref())),
        Some(("6 月底前", Some("2024-06-30")))
    );
}
