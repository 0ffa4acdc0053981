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
//! [`extract_bytes`] runs it on one file; [`run::extract_paths`] on files and
//! folders in parallel, with deterministic output; [`pipe::run`] on a stream
//! of JSON lines (`extract --stdin-jsonl`, for Spark's `RDD.pipe`).

pub mod audit;
pub mod clean;
pub mod decode;
pub mod emit;
pub mod eval;
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

/// Extract one document from the bytes of a file.
///
/// `path` is only recorded (and hashed into the document id); it never
/// changes how the text is read.
pub fn extract_bytes(path: &str, bytes: &[u8]) -> Result<Document, FileError> {
    extract_bytes_with(path, bytes, false)
}

/// [`extract_bytes`], keeping the text every span indexes in the
/// document's `text` when `with_text` is set.
///
/// The format (plain text, web page, Word, PDF) is told by the content and
/// the extension of `path` ([`formats::detect`]).
pub fn extract_bytes_with(
    path: &str,
    bytes: &[u8],
    with_text: bool,
) -> Result<Document, FileError> {
    let converted = convert_bytes(path, bytes)?;
    let sha = hex(&Sha256::digest(bytes));
    let mut doc = extract_text(path, &converted.text, converted.encoding, &sha, bytes.len());
    doc.encoding_errors = converted.errors;
    doc.format = converted.format;
    if doc.issuer.is_none() {
        doc.issuer = converted.issuer;
    }
    if doc.published.is_none() {
        doc.published = converted.published;
    }
    if with_text {
        doc.text = Some(converted.text);
    }
    Ok(doc)
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

/// Extract one document from already decoded text.
pub fn extract_text(
    path: &str,
    text: &str,
    encoding: &str,
    sha256: &str,
    bytes: usize,
) -> Document {
    let t = text::Text::new(text);
    let cleaned = clean::clean(&t);
    structure::build_document(&t, &cleaned, path, sha256, bytes, encoding)
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
