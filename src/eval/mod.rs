//! Scoring the extractor against hand annotations (`tests/gold/`).
//!
//! A gold file annotates one document (matched by file name) with the
//! targets, deadlines, sections, unit names, genre and year a perfect
//! extractor would report, and with the numerals it must *not* report as
//! targets. Annotations quote the document's text (`text` + `occurrence`)
//! instead of giving offsets; [`locate`] turns a quote into a character
//! span of the decoded text, the same offsets as [`Span`](crate::model::Span).
//!
//! Figures are counted per document and micro-averaged (counts summed over
//! all documents before dividing):
//!
//! - **targets**: gold targets and predicted targets are matched one-to-one
//!   by overlapping spans (as many matches as possible, larger overlaps
//!   preferred). Optional gold targets are neutral: a prediction matched to
//!   one is neither a true nor a false positive, and they are not in the
//!   recall denominator. Value accuracy is over matched pairs.
//! - **not-targets reported**: share of `not_targets` that overlap any
//!   predicted target.
//! - **sections**: gold and predicted headings matched in order (longest
//!   common subsequence of normalised headings).
//! - **deadlines**: matched one-to-one by overlap like targets, optional ones
//!   neutral.
//! - **units**, **genre**, **year**: per document.
//!
//! Each concern has its own file, so that a change to the gold format, the
//! matching rule or the report touches one of them: `error` says why gold
//! cannot be used, `gold` reads and checks annotation files, `quote` turns quotes into spans and spans back into
//! quoted mentions, `matching` pairs gold with predicted items, `scoring`
//! measures one document, `scores` holds the figures and `render` prints
//! them. This file ties them together: reading the documents, finding each
//! gold file's document and summing the per-document figures.

mod error;
mod gold;
mod matching;
mod quote;
mod render;
mod scores;
mod scoring;

#[cfg(test)]
mod fixtures;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::input::{self, Input, Source};
use crate::model::{Document, ErrorKind, FileError};

pub use error::{EvalError, GoldProblem, GoldReason};
pub use gold::{
    Gold, GoldDeadline, GoldMention, GoldSection, GoldTarget, GoldUnit, load_gold, parse_gold,
};
pub use quote::{Mention, locate};
pub use render::LIST_LIMIT;
pub use scores::{
    DeadlineCounts, DeadlineDiff, DeadlineScores, DocScores, Floors, Ratio, Scores, SectionCounts,
    SectionDiff, SectionExtra, SectionMiss, SectionScores, TargetCounts, TargetDiff, TargetScores,
    UnitDetail,
};

use gold::file_name;
use scoring::score_document;

/// Read, decode and extract every input under `paths` (files, or folders
/// walked for `.txt` files) and keep each document's decoded text, which
/// scoring needs to place the gold quotes. Sorted by path; inputs that
/// cannot be extracted are returned as errors.
pub fn read_documents(
    ex: &crate::Extractor,
    paths: &[PathBuf],
) -> (Vec<(Document, String)>, Vec<FileError>) {
    let input::Collected {
        inputs, mut errors, ..
    } = input::collect(paths);
    let results: Vec<_> = inputs.par_iter().map(|i| read_document(ex, i)).collect();
    let mut docs = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    docs.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (docs, errors)
}

fn read_document(ex: &crate::Extractor, input: &Input) -> Result<(Document, String), FileError> {
    let err = |kind, message: String| FileError {
        path: input.display.clone(),
        kind,
        message,
    };
    let Source::File(path) = &input.source else {
        return Err(err(
            ErrorKind::Unreadable,
            "standard input cannot be scored: gold files are matched to documents by file name"
                .into(),
        ));
    };
    let doc = crate::run::extract_input(ex, input, &crate::run::Options::default())?;
    // The same bytes decoded the same way, for the text the spans index.
    let bytes = std::fs::read(path)
        .map_err(|e| err(ErrorKind::Unreadable, format!("cannot read file: {e}")))?;
    let text = crate::decode::decode(&bytes)
        .map_err(|e| err(e.kind, e.message))?
        .text;
    Ok((doc, text))
}

/// Read the gold folder, then score `docs` (documents with their decoded
/// text, as from [`read_documents`]) against it.
pub fn evaluate(gold_dir: &Path, docs: &[(Document, String)]) -> Result<Scores, EvalError> {
    let golds = load_gold(gold_dir)?;
    score(&golds, docs)
}

/// Score documents (with their decoded texts) against gold annotations.
///
/// Each gold file is matched to the document with the same file name; a gold
/// file without exactly one such document, or whose quotes are not in the
/// document's text, is an error. Documents without gold are ignored.
pub fn score(golds: &[Gold], docs: &[(Document, String)]) -> Result<Scores, EvalError> {
    let mut by_name: HashMap<&str, Vec<&(Document, String)>> = HashMap::new();
    for d in docs {
        by_name.entry(file_name(&d.0.path)).or_default().push(d);
    }
    let mut problems = Vec::new();
    let mut per_document = Vec::new();
    for gold in golds {
        let found = by_name.get(file_name(&gold.doc)).map_or(&[][..], |v| v);
        let (doc, text) = match found {
            [one] => (&one.0, &one.1),
            [] => {
                problems.push(gold.problem(GoldReason::MissingDocument {
                    doc: gold.doc.clone(),
                    read: docs.len(),
                }));
                continue;
            }
            many => {
                problems.push(gold.problem(GoldReason::AmbiguousDocument {
                    doc: gold.doc.clone(),
                    paths: many.iter().map(|d| d.0.path.clone()).collect(),
                }));
                continue;
            }
        };
        match score_document(gold, doc, text) {
            Ok(s) => per_document.push(s),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(EvalError::Gold(problems));
    }
    Ok(total(per_document))
}

/// Micro-average the per-document figures.
fn total(per_document: Vec<DocScores>) -> Scores {
    let mut targets = TargetCounts::default();
    let mut sections = SectionCounts::default();
    let mut deadlines = DeadlineCounts::default();
    let (mut nt, mut nt_reported) = (0, 0);
    let (mut unit_docs, mut unit_ok, mut unit_entries) = (0, 0, 0);
    let (mut genre_ok, mut year_ok) = (0, 0);
    for d in &per_document {
        targets.add(&d.targets.counts);
        sections.add(&d.sections.counts);
        deadlines.add(&d.deadlines.counts);
        nt += d.not_targets.den;
        nt_reported += d.not_targets.num;
        unit_docs += usize::from(d.units.matches);
        unit_ok += d.units.correct;
        unit_entries += d.units.entries;
        genre_ok += usize::from(d.genre_ok());
        year_ok += usize::from(d.year_ok());
    }
    let n = per_document.len();
    Scores {
        documents: n,
        targets: targets.into(),
        not_targets: Ratio::new(nt_reported, nt),
        sections: sections.into(),
        deadlines: deadlines.into(),
        units_documents: Ratio::new(unit_docs, n),
        unit_names: Ratio::new(unit_ok, unit_entries),
        genre: Ratio::new(genre_ok, n),
        year: Ratio::new(year_ok, n),
        per_document,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::fixtures::*;
    use serde_json::json;

    #[test]
    fn figures_are_micro_averaged_and_genre_year_per_document() {
        let a_text = "完成10个";
        let b_text = "完成1个、2个、3个";
        let a = gold(
            "a.txt",
            json!({"targets": [gold_target("10个", 1, 10.0, false)]}),
        );
        let b = gold(
            "b.txt",
            json!({"genre": "report", "year": 2021, "targets": [
                gold_target("1个", 1, 1.0, false),
                gold_target("2个", 1, 2.0, false),
                gold_target("3个", 1, 3.0, false),
            ]}),
        );
        let docs = [
            one_unit(a_text, vec![target(a_text, "10个", 1, 10.0)], vec![]),
            document("b.txt", b_text, vec![]),
        ];
        let s = score(&[a, b], &docs).expect("scores");
        assert_eq!(s.documents, 2);
        // 1 of 4 gold targets, not the mean of 1/1 and 0/3.
        assert_eq!(s.targets.recall, Ratio::new(1, 4));
        assert_eq!(s.per_document[1].targets.recall, Ratio::new(0, 3));
        assert_eq!(s.per_document[1].targets.precision.value, None);
        assert_eq!(s.genre, Ratio::new(1, 2));
        assert_eq!(s.year, Ratio::new(2, 2));
        assert!(!s.per_document[1].genre_ok());
    }

    #[test]
    fn documents_are_matched_by_file_name() {
        let g = gold("sub/a.txt", json!({}));
        let docs = [
            document("corpus/2021/a.txt", "甲", vec![]),
            document("b.txt", "乙", vec![]),
        ];
        let s = score(&[g], &docs).expect("scores");
        assert_eq!(s.documents, 1);
        assert_eq!(s.per_document[0].path, "corpus/2021/a.txt");
    }

    #[test]
    fn gold_without_its_document_is_an_error() {
        let err = score(
            &[gold("a.txt", json!({}))],
            &[document("b.txt", "乙", vec![])],
        )
        .expect_err("missing document")
        .to_string();
        assert!(err.contains("a.txt.json"), "{err}");
        assert!(err.contains("a.txt is not among"), "{err}");
        let two = [
            document("x/a.txt", "甲", vec![]),
            document("y/a.txt", "甲", vec![]),
        ];
        let err = score(&[gold("a.txt", json!({}))], &two)
            .expect_err("ambiguous")
            .to_string();
        assert!(err.contains("ambiguous"), "{err}");
    }

    #[test]
    fn scores_serialize_with_values() {
        let text = "完成10个";
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("10个", 1, 10.0, false)]}),
        );
        let s = score_one(g, document("a.txt", text, vec![]));
        let v = serde_json::to_value(&s).expect("json");
        assert_eq!(v["targets"]["recall"]["value"], json!(0.0));
        assert_eq!(v["targets"]["precision"]["value"], json!(null));
        assert_eq!(
            v["per_document"][0]["target_misses"][0]["text"],
            json!("10个")
        );
        assert_eq!(v["per_document"][0]["genre"], json!("plan"));
    }
}
