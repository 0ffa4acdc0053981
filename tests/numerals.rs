//! The numeral and target grammar against the expected readings in
//! `tests/numerals.tsv` (shared oracle) and `tests/numerals_extra.tsv` (our
//! own hand-made snippets for forms the corpus lacks).

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

/// Check every row; return the failures as readable lines.
fn check(file: &str, data: &str) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let rows = rows(data);
    for r in &rows {
        let t = Text::new(&r.context);
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
    let (n, failures) = check("numerals.tsv", include_str!("numerals.tsv"));
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
    let (n, failures) = check("numerals_extra.tsv", include_str!("numerals_extra.tsv"));
    assert!(n >= 20, "too few snippets: {n}");
    assert!(
        failures.is_empty(),
        "{} of {n} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
