//! Why gold annotations cannot be used.
//!
//! Typed rather than strings so that a caller can tell a missing folder
//! from a broken gold file, and so that every message is written in one
//! place. Each [`GoldProblem`] names the gold file it is about; scoring
//! collects every problem before failing, so one run lists them all.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why `eval` could not score: the gold folder itself, or problems in
/// gold files.
#[derive(Debug)]
pub enum EvalError {
    /// The gold folder cannot be listed.
    Folder { dir: PathBuf, source: io::Error },
    /// The gold folder holds no `*.json` file.
    NoGold { dir: PathBuf },
    /// Gold files that cannot be used, one entry per problem, in the order
    /// found.
    Gold(Vec<GoldProblem>),
}

impl From<GoldProblem> for EvalError {
    fn from(p: GoldProblem) -> Self {
        EvalError::Gold(vec![p])
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Folder { dir, source } => {
                write!(f, "cannot read gold folder {}: {source}", dir.display())
            }
            EvalError::NoGold { dir } => write!(f, "no gold files (*.json) in {}", dir.display()),
            EvalError::Gold(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for EvalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EvalError::Folder { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// One problem with one gold file.
#[derive(Debug)]
pub struct GoldProblem {
    /// The gold file, as displayed (e.g. `tests/gold/a.txt.json`).
    pub file: String,
    pub reason: GoldReason,
}

impl GoldProblem {
    pub fn new(file: impl Into<String>, reason: GoldReason) -> Self {
        GoldProblem {
            file: file.into(),
            reason,
        }
    }
}

/// What is wrong with a gold file.
#[derive(Debug)]
pub enum GoldReason {
    /// The file cannot be read.
    Unreadable(io::Error),
    /// Not JSON, or not of the gold format (unknown field, wrong type).
    Invalid(serde_json::Error),
    /// `doc`, the document annotated, is empty.
    EmptyDoc,
    /// An entry of `field` quotes nothing.
    EmptyQuote { field: &'static str },
    /// An entry of `field` has `occurrence` 0.
    ZeroOccurrence { field: &'static str, text: String },
    /// Another gold file (`other`) annotates the same document.
    SameDocument { other: String, doc: String },
    /// The document is not among those read (`read` of them).
    MissingDocument { doc: String, read: usize },
    /// Several documents read have the document's file name.
    AmbiguousDocument { doc: String, paths: Vec<String> },
    /// The text given for document `path` is not the one it was extracted
    /// from.
    WrongText {
        path: String,
        text_chars: usize,
        reported: usize,
    },
    /// Entry `index` of `field` quotes text not in the document.
    QuoteMissing {
        field: &'static str,
        index: usize,
        text: String,
        occurrence: usize,
    },
    /// Two gold targets overlap.
    TargetsOverlap { first: String, second: String },
    /// The `what` of target `index` is not in the document.
    WhatMissing {
        index: usize,
        target: String,
        what: String,
    },
    /// The heading of section `index` is not in the document.
    HeadingMissing { index: usize, heading: String },
}

impl fmt::Display for GoldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = &self.file;
        match &self.reason {
            GoldReason::Unreadable(e) => write!(f, "cannot read {file}: {e}"),
            GoldReason::Invalid(e) => write!(f, "{file}: not a valid gold file: {e}"),
            GoldReason::EmptyDoc => write!(f, "{file}: `doc` is empty"),
            GoldReason::EmptyQuote { field } => {
                write!(f, "{file}: an entry of `{field}` has an empty `text`")
            }
            GoldReason::ZeroOccurrence { field, text } => {
                write!(f, "{file}: {field} {text:?}: `occurrence` counts from 1")
            }
            GoldReason::SameDocument { other, doc } => {
                write!(f, "{other} and {file} both annotate {doc}")
            }
            GoldReason::MissingDocument { doc, read } => {
                write!(
                    f,
                    "{file}: document {doc} is not among the {read} documents read"
                )
            }
            GoldReason::AmbiguousDocument { doc, paths } => {
                write!(
                    f,
                    "{file}: document {doc} is ambiguous: {}",
                    paths.join(", ")
                )
            }
            GoldReason::WrongText {
                path,
                text_chars,
                reported,
            } => write!(
                f,
                "{file}: the text of {path} has {text_chars} characters but the document reports {reported}"
            ),
            GoldReason::QuoteMissing {
                field,
                index,
                text,
                occurrence,
            } => write!(
                f,
                "{file}: {field}[{index}] {text:?}: occurrence {occurrence} not in document"
            ),
            GoldReason::TargetsOverlap { first, second } => {
                write!(f, "{file}: targets overlap: {first:?} and {second:?}")
            }
            GoldReason::WhatMissing {
                index,
                target,
                what,
            } => write!(
                f,
                "{file}: targets[{index}] {target:?}: what {what:?} not in document"
            ),
            GoldReason::HeadingMissing { index, heading } => write!(
                f,
                "{file}: sections[{index}] heading not in document: {heading:?}"
            ),
        }
    }
}

impl std::error::Error for GoldProblem {}
