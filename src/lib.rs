//! zhibiao (指标): Chinese local-government work plans and reports → structured data.
//!
//! The pipeline is a chain of plain functions over plain data, one module per
//! stage:
//!
//! ```text
//! bytes ─decode─▶ text ─clean─▶ lines + furniture ─structure─▶ units ▸ sections ▸ goals
//!                                                   ─quantity─▶ targets, deadlines, commitments
//! ```
//!
//! An [`Extractor`] (the pipeline with its [`lexicon::Lexicon`]) runs it on
//! one file; [`run::extract_paths`] on files and
//! folders in parallel, with deterministic output; [`pipe::run`] on a stream
//! of JSON lines (`extract --stdin-jsonl`, for Spark's `RDD.pipe`).

pub mod audit;
pub mod chars;
pub mod clean;
pub mod decode;
pub mod emit;
pub mod error;
#[cfg(feature = "eval")]
pub mod eval;
pub mod explain;
pub mod formats;
pub mod input;
pub mod lexicon;
pub mod model;
pub mod pipe;
pub mod quantity;
pub mod run;
pub mod structure;
pub mod table;
pub mod text;
pub mod track;
pub mod verify;
pub mod wrap;

pub use model::*;

use sha2::{Digest, Sha256};

/// The pipeline with its lexicon: what every extraction runs through.
///
/// Build one per run (the lexicon is read once, the segmenter loaded on
/// first use) and share it across threads by reference; a clone shares the
/// same lexicon.
///
/// ```
/// use zhibiao::{Extractor, lexicon::Lexicon};
///
/// let ex = Extractor::new(Lexicon::bundled());
/// let doc = ex.extract("plan.txt", "1、规模以上工业总产值增幅35%。".as_bytes()).unwrap();
/// let s = zhibiao::Summary::of(std::slice::from_ref(&doc), &[]);
/// assert_eq!(s.targets, 1);
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: std::sync::Arc<lexicon::Lexicon>,
}

impl Extractor {
    pub fn new(lexicon: lexicon::Lexicon) -> Self {
        Extractor {
            lexicon: std::sync::Arc::new(lexicon),
        }
    }

    /// The lexicon this extractor reads with.
    pub fn lexicon(&self) -> &lexicon::Lexicon {
        &self.lexicon
    }

    /// Start loading the segmenter's data in the background, so that a run
    /// does not wait for it serially: loading is most of the cost of a
    /// one-file run. Its two halves (the dictionary and the part-of-speech
    /// model) load side by side while the caller reads its input; the first
    /// real use finds them ready or waits for the rest. Optional; changes
    /// no result.
    pub fn warm_up(&self) {
        let lx = std::sync::Arc::clone(&self.lexicon);
        std::thread::spawn(move || {
            lx.jieba();
        });
        lexicon::warm_up_tagger();
    }

    /// Extract one document from the bytes of a file.
    ///
    /// `path` is only recorded (and hashed into the document id); it never
    /// changes how the text is read.
    pub fn extract(&self, path: &str, bytes: &[u8]) -> Result<Document, FileError> {
        self.extract_with(path, bytes, false)
    }

    /// [`Extractor::extract`], keeping the text every span indexes in the
    /// document's `text` when `with_text` is set.
    ///
    /// The format (plain text, web page, Word, PDF) is told by the content
    /// and the extension of `path` ([`formats::detect`]).
    pub fn extract_with(
        &self,
        path: &str,
        bytes: &[u8],
        with_text: bool,
    ) -> Result<Document, FileError> {
        let converted = convert_bytes(path, bytes)?;
        let sha = hex(&Sha256::digest(bytes));
        let d = self.defer_converted(path, converted, &sha, bytes.len(), with_text)?;
        Ok(d.into_document())
    }

    /// Read a file up to its goals, taking its bytes (which are let go as
    /// soon as they are decoded): a [`Deferred`] document makes its goals
    /// on demand, so a huge one can be written goal by goal
    /// ([`emit::Stream::deferred`]). [`Deferred::into_document`] gives what
    /// [`Extractor::extract_with`] gives.
    pub fn extract_deferred(
        &self,
        path: &str,
        bytes: Vec<u8>,
        with_text: bool,
    ) -> Result<Deferred<'_>, FileError> {
        let converted = convert_bytes(path, &bytes)?;
        let sha = hex(&Sha256::digest(&bytes));
        let len = bytes.len();
        drop(bytes);
        self.defer_converted(path, converted, &sha, len, with_text)
    }

    fn defer_converted(
        &self,
        path: &str,
        converted: formats::Converted,
        sha: &str,
        bytes: usize,
        with_text: bool,
    ) -> Result<Deferred<'_>, FileError> {
        check_text_size(path, &converted.text)?;
        let formats::Converted {
            format,
            text,
            encoding,
            errors,
            issuer,
            published,
        } = converted;
        let t = text::Text::from_string(text, self.lexicon());
        let cleaned = clean::clean(&t);
        let mut outline = structure::outline_document(&t, &cleaned, path, sha, bytes, encoding);
        drop(cleaned);
        let doc = &mut outline.document;
        doc.encoding_errors = errors;
        doc.format = format;
        if doc.issuer.is_none() {
            doc.issuer = issuer;
        }
        if doc.published.is_none() {
            doc.published = published;
        }
        if with_text {
            doc.text = Some(t.original().to_string());
        }
        Ok(Deferred { text: t, outline })
    }

    /// Extract one document from already decoded text.
    ///
    /// Text past [`text::Text::MAX_BYTES`] is not read (the file readers
    /// refuse such a file as `too_large` before it gets here); a caller
    /// with text of its own that long should split it first.
    pub fn extract_text(
        &self,
        path: &str,
        text: &str,
        encoding: &str,
        sha256: &str,
        bytes: usize,
    ) -> Document {
        let lx = self.lexicon();
        let t = text::Text::new(text, lx);
        let cleaned = clean::clean(&t);
        structure::build_document(&t, &cleaned, path, sha256, bytes, encoding)
    }
}

/// A document read up to its goals, with the text they are read from: every
/// field of [`Deferred::document`] is final except the units' `goals`, which
/// [`Deferred::goals`] makes one at a time. Writing a huge document goal by
/// goal this way holds one goal's targets at a time instead of all of them
/// (and of their rendered JSON, which is larger than the text).
#[derive(Debug)]
pub struct Deferred<'lx> {
    text: text::Text<'lx>,
    outline: structure::Outline,
}

impl Deferred<'_> {
    /// The document without its goals: every unit's `goals` is empty.
    pub fn document(&self) -> &Document {
        &self.outline.document
    }

    /// The goals of the unit at `unit` in [`Deferred::document`]'s units,
    /// made in order as the iterator is advanced; the same goals
    /// [`Deferred::into_document`] holds.
    pub fn goals(&self, unit: usize) -> impl Iterator<Item = Goal> + '_ {
        self.outline.goals(&self.text, unit)
    }

    /// The length of the text in bytes: what decides whether a document is
    /// worth writing goal by goal.
    pub fn text_bytes(&self) -> usize {
        self.text.original().len()
    }

    /// The whole document, every goal made.
    pub fn into_document(self) -> Document {
        self.outline.into_document(&self.text)
    }
}

/// The extractor with the bundled lexicon, built once for the crate's own
/// unit tests.
#[cfg(test)]
pub(crate) fn extractor_for_tests() -> &'static Extractor {
    static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EX.get_or_init(|| Extractor::new(lexicon::Lexicon::bundled()))
}

/// Refuse a text longer than one document can hold ([`text::Text::MAX_BYTES`])
/// as `too_large`, rather than read only part of it.
pub(crate) fn check_text_size(path: &str, text: &str) -> Result<(), FileError> {
    if text.len() <= text::Text::MAX_BYTES {
        return Ok(());
    }
    Err(FileError {
        path: path.to_string(),
        kind: model::ErrorKind::TooLarge,
        message: format!(
            "its text is over {} MB, the most one document can hold; split it",
            text::Text::MAX_BYTES / 1_000_000
        ),
    })
}

/// A file's bytes read into the text the pipeline works on (what `zhibiao
/// text FILE` prints).
pub fn convert_bytes(path: &str, bytes: &[u8]) -> Result<formats::Converted, FileError> {
    formats::convert(path, bytes).map_err(|e| FileError {
        path: path.to_string(),
        kind: e.kind,
        message: e.message,
    })
}

/// Lowercase hex of a byte string.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
