//! Gold annotation files: their format, parsing and loading, and the checks
//! that tie an annotation to its document's text.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::{EvalError, GoldProblem, GoldReason};
use super::quote::CharIndex;
use crate::input;
use crate::model::{Change, Comparator, Genre, Span, TargetKind, TargetMode};

/// One gold annotation file (format: `tests/gold/README.md`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    /// The file the annotation was read from (for messages); not in the JSON.
    #[serde(skip)]
    pub file: String,
    /// File name of the annotated document, e.g. `003_0d40b9ad88d90563.txt`.
    pub doc: String,
    pub genre: Genre,
    pub year: Option<i32>,
    #[serde(default)]
    pub units: Vec<GoldUnit>,
    #[serde(default)]
    pub sections: Vec<GoldSection>,
    #[serde(default)]
    pub targets: Vec<GoldTarget>,
    #[serde(default)]
    pub deadlines: Vec<GoldDeadline>,
    #[serde(default)]
    pub not_targets: Vec<GoldMention>,
}

/// A unit name: one answer (`null` when the document does not name its
/// unit), or a list of acceptable answers.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum GoldUnit {
    One(Option<String>),
    AnyOf(Vec<Option<String>>),
}

impl GoldUnit {
    /// Whether a predicted unit name is acceptable.
    pub fn accepts(&self, name: Option<&str>) -> bool {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        let same =
            |g: &Option<String>| g.as_deref().map(str::trim).filter(|n| !n.is_empty()) == name;
        match self {
            GoldUnit::One(g) => same(g),
            GoldUnit::AnyOf(list) => list.iter().any(same),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoldSection {
    pub label: Option<String>,
    pub heading: String,
    pub level: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoldTarget {
    pub text: String,
    #[serde(default = "first")]
    pub occurrence: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub kind: TargetKind,
    pub comparator: Comparator,
    #[serde(default = "level")]
    pub change: Change,
    pub mode: TargetMode,
    #[serde(default)]
    pub optional: bool,
    /// The phrase that says what the number measures, copied from the
    /// document; null where the text does not say.
    #[serde(default)]
    pub what: Option<String>,
    /// Which occurrence of `what` is meant, counting from 1.
    #[serde(default)]
    pub what_occurrence: Option<usize>,
    /// What is done to the counted things (`美丽乡村建设`), where said.
    #[serde(default)]
    pub what_activity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDeadline {
    pub text: String,
    #[serde(default = "first")]
    pub occurrence: usize,
    pub by: Option<String>,
    #[serde(default)]
    pub optional: bool,
}

/// A quoted piece of text (used for `not_targets`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoldMention {
    pub text: String,
    #[serde(default = "first")]
    pub occurrence: usize,
}

/// A gold entry that quotes the document (`text` + `occurrence`): targets,
/// deadlines and not-targets are validated, located, matched and reported
/// the same way through it.
pub(super) trait Quote {
    fn text(&self) -> &str;
    /// Which occurrence of `text` is meant, counting from 1.
    fn occurrence(&self) -> usize;
    /// Whether an extractor may, but need not, report it. Not-targets are
    /// never optional: reporting one is always wrong.
    fn optional(&self) -> bool {
        false
    }
}

/// Implements [`Quote`] from an entry's `text` and `occurrence` fields and,
/// when named, its `optional` field: the entry types share these field
/// names but, to keep each one's JSON flat and strict, no common type.
macro_rules! impl_quote {
    ($entry:ty $(, $optional:ident)?) => {
        impl Quote for $entry {
            fn text(&self) -> &str {
                &self.text
            }
            fn occurrence(&self) -> usize {
                self.occurrence
            }
            $(
                fn optional(&self) -> bool {
                    self.$optional
                }
            )?
        }
    };
}

impl_quote!(GoldTarget, optional);
impl_quote!(GoldDeadline, optional);
impl_quote!(GoldMention);

fn first() -> usize {
    1
}

fn level() -> Change {
    Change::Level
}

impl Gold {
    /// Check the annotation against its document's decoded text: every
    /// quote is found, gold targets do not overlap, every section heading
    /// is in the text. Returns the problems found, each naming the file.
    pub fn check(&self, text: &str) -> Vec<GoldProblem> {
        let idx = CharIndex::new(text);
        let (resolved, mut problems) = self.locate_quotes(&idx);
        let mut spans: Vec<(Span, &str)> = resolved
            .targets
            .iter()
            .map(|(s, t)| (*s, t.text.as_str()))
            .collect();
        spans.sort_by_key(|(s, _)| (s.start, s.end));
        for w in spans.windows(2) {
            if w[1].0.start < w[0].0.end {
                problems.push(self.problem(GoldReason::TargetsOverlap {
                    first: w[0].1.to_string(),
                    second: w[1].1.to_string(),
                }));
            }
        }
        for (i, t) in self.targets.iter().enumerate() {
            if let Some(w) = &t.what
                && (w.is_empty() || !text.contains(w.as_str()))
            {
                problems.push(self.problem(GoldReason::WhatMissing {
                    index: i,
                    target: t.text.clone(),
                    what: w.clone(),
                }));
            }
        }
        for (i, s) in self.sections.iter().enumerate() {
            if !s.heading.is_empty() && !text.contains(&s.heading) {
                problems.push(self.problem(GoldReason::HeadingMissing {
                    index: i,
                    heading: s.heading.clone(),
                }));
            }
        }
        problems
    }

    /// A problem with this gold file.
    pub(super) fn problem(&self, reason: GoldReason) -> GoldProblem {
        GoldProblem::new(self.file.clone(), reason)
    }

    /// Turn every quote into a span of the document; an error lists the
    /// quotes the text lacks.
    pub(super) fn resolve(&self, idx: &CharIndex) -> Result<Resolved<'_>, Vec<GoldProblem>> {
        let (resolved, problems) = self.locate_quotes(idx);
        if problems.is_empty() {
            Ok(resolved)
        } else {
            Err(problems)
        }
    }

    /// The quotes that are in the text, as spans, and a problem for each one
    /// that is not: [`Gold::check`] reports both, scoring needs all found.
    fn locate_quotes(&self, idx: &CharIndex) -> (Resolved<'_>, Vec<GoldProblem>) {
        let mut problems = Vec::new();
        let resolved = Resolved {
            targets: self.locate_list(idx, "targets", &self.targets, &mut problems),
            deadlines: self.locate_list(idx, "deadlines", &self.deadlines, &mut problems),
            not_targets: self.locate_list(idx, "not_targets", &self.not_targets, &mut problems),
        };
        (resolved, problems)
    }

    /// Locate the entries of one list (`field`), adding a problem for each
    /// quote the text lacks.
    fn locate_list<'g, Q: Quote>(
        &self,
        idx: &CharIndex,
        field: &'static str,
        list: &'g [Q],
        problems: &mut Vec<GoldProblem>,
    ) -> Vec<(Span, &'g Q)> {
        let mut found = Vec::new();
        for (i, q) in list.iter().enumerate() {
            match idx.locate(q.text(), q.occurrence()) {
                Some(span) => found.push((span, q)),
                None => problems.push(self.problem(GoldReason::QuoteMissing {
                    field,
                    index: i,
                    text: q.text().to_string(),
                    occurrence: q.occurrence(),
                })),
            }
        }
        found
    }
}

/// A gold annotation with its quotes turned into spans.
pub(super) struct Resolved<'g> {
    pub(super) targets: Vec<(Span, &'g GoldTarget)>,
    pub(super) deadlines: Vec<(Span, &'g GoldDeadline)>,
    pub(super) not_targets: Vec<(Span, &'g GoldMention)>,
}

/// Parse one gold file. `file` names it in error messages.
pub fn parse_gold(file: &str, json: &str) -> Result<Gold, GoldProblem> {
    let mut gold: Gold =
        serde_json::from_str(json).map_err(|e| GoldProblem::new(file, GoldReason::Invalid(e)))?;
    gold.file = file.to_string();
    if gold.doc.trim().is_empty() {
        return Err(gold.problem(GoldReason::EmptyDoc));
    }
    check_quotes(file, "targets", &gold.targets)?;
    check_quotes(file, "deadlines", &gold.deadlines)?;
    check_quotes(file, "not_targets", &gold.not_targets)?;
    Ok(gold)
}

/// Reject quotes that cannot be located whatever the text: empty, or an
/// `occurrence` of 0.
fn check_quotes<Q: Quote>(file: &str, field: &'static str, list: &[Q]) -> Result<(), GoldProblem> {
    for q in list {
        let text = q.text();
        if text.is_empty() {
            return Err(GoldProblem::new(file, GoldReason::EmptyQuote { field }));
        }
        if q.occurrence() == 0 {
            return Err(GoldProblem::new(
                file,
                GoldReason::ZeroOccurrence {
                    field,
                    text: text.to_string(),
                },
            ));
        }
    }
    Ok(())
}

/// Read every `*.json` file of a folder, sorted by file name.
pub fn load_gold(dir: &Path) -> Result<Vec<Gold>, EvalError> {
    let folder = |source| EvalError::Folder {
        dir: dir.to_path_buf(),
        source,
    };
    let entries = std::fs::read_dir(dir).map_err(folder)?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(folder)?;
        let path = entry.path();
        let is_json = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(EvalError::NoGold {
            dir: dir.to_path_buf(),
        });
    }
    let mut golds: Vec<Gold> = Vec::with_capacity(files.len());
    for path in files {
        let name = input::display_path(&path);
        let json = std::fs::read_to_string(&path)
            .map_err(|e| GoldProblem::new(name.clone(), GoldReason::Unreadable(e)))?;
        let gold = parse_gold(&name, &json)?;
        if let Some(other) = golds
            .iter()
            .find(|g| file_name(&g.doc) == file_name(&gold.doc))
        {
            return Err(gold
                .problem(GoldReason::SameDocument {
                    other: other.file.clone(),
                    doc: gold.doc.clone(),
                })
                .into());
        }
        golds.push(gold);
    }
    Ok(golds)
}

/// The last component of a `/`- or `\`-separated path.
pub(super) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::fixtures::*;
    use serde_json::json;

    #[test]
    fn bad_gold_files_are_reported_with_their_name() {
        let err = parse_gold("tests/gold/x.json", "{")
            .expect_err("bad json")
            .to_string();
        assert!(err.starts_with("tests/gold/x.json:"), "{err}");
        let typo = r#"{"doc": "a.txt", "genre": "plan", "year": 2021,
                       "targets": [{"text": "5个", "occurence": 2, "value": 5, "value_max": null,
                                    "unit": "个", "kind": "count", "comparator": "eq",
                                    "mode": "target"}]}"#;
        let err = parse_gold("x.json", typo)
            .expect_err("unknown field")
            .to_string();
        assert!(err.contains("occurence"), "{err}");
        let bad_kind = json!({"doc": "a.txt", "genre": "plan", "year": 2021,
            "targets": [{"text": "5个", "value": 5, "value_max": null, "unit": "个",
                         "kind": "heap", "comparator": "eq", "mode": "target"}]});
        assert!(parse_gold("x.json", &bad_kind.to_string()).is_err());
        let zero = json!({"doc": "a.txt", "genre": "plan", "year": 2021,
            "not_targets": [{"text": "5个", "occurrence": 0}]});
        let err = parse_gold("x.json", &zero.to_string())
            .expect_err("occurrence 0")
            .to_string();
        assert!(err.contains("counts from 1"), "{err}");
        // Defaults: occurrence 1, change level, optional false.
        let g = gold(
            "a.txt",
            json!({"targets": [{"text": "5个", "value": 5, "value_max": null, "unit": "个",
                                "kind": "count", "comparator": "eq", "mode": "target"}]}),
        );
        assert_eq!(g.targets[0].occurrence, 1);
        assert_eq!(g.targets[0].change, Change::Level);
        assert!(!g.targets[0].optional);
    }

    #[test]
    fn load_gold_reads_a_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, body: &str| {
            std::fs::write(dir.path().join(name), body).expect("write");
        };
        let err = load_gold(dir.path()).expect_err("empty folder").to_string();
        assert!(err.contains("no gold files"), "{err}");
        write(
            "b.json",
            r#"{"doc": "b.txt", "genre": "plan", "year": 2021}"#,
        );
        write(
            "a.json",
            r#"{"doc": "a.txt", "genre": "report", "year": null}"#,
        );
        write("notes.md", "not gold");
        let golds = load_gold(dir.path()).expect("gold");
        let docs: Vec<&str> = golds.iter().map(|g| g.doc.as_str()).collect();
        assert_eq!(docs, ["a.txt", "b.txt"]);
        assert!(golds[0].file.ends_with("a.json"));
        write(
            "c.json",
            r#"{"doc": "a.txt", "genre": "plan", "year": 2021}"#,
        );
        let err = load_gold(dir.path()).expect_err("duplicate").to_string();
        assert!(err.contains("both annotate a.txt"), "{err}");
        std::fs::remove_file(dir.path().join("c.json")).expect("remove");
        write("d.json", r#"{"doc": "d.txt", "genre": "plan""#);
        let err = load_gold(dir.path()).expect_err("bad json").to_string();
        assert!(err.contains("d.json"), "{err}");
        let err = load_gold(&dir.path().join("missing"))
            .expect_err("no folder")
            .to_string();
        assert!(err.contains("cannot read gold folder"), "{err}");
    }

    #[test]
    fn check_ports_the_validator() {
        let text = "完成10个项目,新增3家";
        let g = gold(
            "a.txt",
            json!({
                "targets": [gold_target("10个项目", 1, 10.0, false),
                            gold_target("项目", 1, 1.0, false),
                            gold_target("3家", 2, 3.0, false)],
                "sections": [{"label": null, "heading": "不在文中", "level": 1},
                             {"label": null, "heading": "", "level": 1}],
            }),
        );
        let problems: Vec<String> = g.check(text).iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("targets[2] \"3家\": occurrence 2 not in document"));
        assert!(problems[1].contains("targets overlap"));
        assert!(problems[2].contains("sections[0] heading not in document"));
        let ok = gold(
            "a.txt",
            json!({"targets": [gold_target("3家", 1, 3.0, false)]}),
        );
        assert!(ok.check(text).is_empty());
    }
}
