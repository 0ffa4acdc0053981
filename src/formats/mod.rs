//! Files → text: plain text, web pages, Word documents and PDFs.
//!
//! Each format has its own reader, which turns the file into the text the
//! rest of the pipeline reads (and every span indexes), keeping what the
//! format knows about structure as lines: a heading or paragraph is a line,
//! a table row is a line with its cells separated by tabs, Word's automatic
//! numbering is written out in front of its paragraph, and a PDF's
//! hard-wrapped lines are joined again.
//!
//! The format is told by the content first (a PDF or a Word file renamed to
//! `.txt` is still read as what it is), then by the extension (`.html`,
//! `.htm`), then by an HTML start (`<!DOCTYPE html`, `<html`); anything else
//! is plain text, read by [`crate::decode`] exactly as before.

pub mod docx;
pub mod html;
pub mod pdf;

use crate::decode::{self, DecodeError};
use crate::model::{DocFormat, ErrorKind};

/// How much text one converted document may hold, and how many bytes a
/// Word file's parts may inflate to: a zip bomb is refused rather than
/// unpacked into memory.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// A file read into text.
#[derive(Debug, Clone)]
pub struct Converted {
    pub format: DocFormat,
    /// The text every span of the document indexes.
    pub text: String,
    /// The encoding the text was read in (for Word and PDF files, `UTF-8`).
    pub encoding: &'static str,
    /// Malformed byte sequences replaced by U+FFFD (see [`decode::Decoded`]).
    pub errors: usize,
    /// The publishing body and date when the format records them (a web
    /// page's `<meta>` tags), used when the text's own furniture has none.
    pub issuer: Option<String>,
    pub published: Option<String>,
}

impl Converted {
    fn text(format: DocFormat, text: String) -> Result<Converted, DecodeError> {
        if text.chars().all(crate::text::is_space) {
            return Err(DecodeError::new(
                ErrorKind::Empty,
                format!("the {} holds no text", format.what()),
            ));
        }
        Ok(Converted {
            format,
            text,
            encoding: decode::UTF8,
            errors: 0,
            issuer: None,
            published: None,
        })
    }
}

impl DocFormat {
    /// "a web page", "a Word document", …, for messages.
    pub fn what(self) -> &'static str {
        match self {
            DocFormat::Txt => "text file",
            DocFormat::Html => "web page",
            DocFormat::Docx => "Word document",
            DocFormat::Pdf => "PDF",
        }
    }
}

/// The format of a file, from its content and then its name.
pub fn detect(path: &str, bytes: &[u8]) -> DocFormat {
    if bytes.starts_with(b"%PDF-") {
        return DocFormat::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") && decode::is_docx(bytes) {
        return DocFormat::Docx;
    }
    let ext = std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .and_then(DocFormat::from_extension);
    if ext == Some(DocFormat::Html) || html::looks_like_html(bytes) {
        return DocFormat::Html;
    }
    DocFormat::Txt
}

/// Read a file's bytes into text, in whatever format they are.
pub fn convert(path: &str, bytes: &[u8]) -> Result<Converted, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::new(ErrorKind::Empty, "the file is empty"));
    }
    match detect(path, bytes) {
        DocFormat::Txt => {
            let d = decode::decode(bytes)?;
            Ok(Converted {
                format: DocFormat::Txt,
                text: d.text,
                encoding: d.encoding,
                errors: d.errors,
                issuer: None,
                published: None,
            })
        }
        DocFormat::Html => html::convert(bytes),
        DocFormat::Docx => docx::convert(bytes).and_then(|t| Converted::text(DocFormat::Docx, t)),
        DocFormat::Pdf => pdf::convert(bytes).and_then(|t| Converted::text(DocFormat::Pdf, t)),
    }
}

/// Lines as one text: one `\n` after each.
fn join_lines(lines: Vec<String>) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Collapse runs of whitespace inside a line to one space and trim both
/// ends (ideographic spaces used as indentation included); tabs between
/// table cells are kept.
fn tidy_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c == '\t' {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('\t');
            space = false;
        } else if c.is_whitespace() || c == '\u{a0}' {
            space = true;
        } else {
            if space && !out.is_empty() && !out.ends_with('\t') {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out.trim_matches(|c: char| c.is_whitespace()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content_then_name() {
        assert_eq!(detect("a.txt", b"%PDF-1.4\n"), DocFormat::Pdf);
        assert_eq!(detect("a.htm", "计划".as_bytes()), DocFormat::Html);
        assert_eq!(detect("a.txt", b"  <!DOCTYPE html><p>x"), DocFormat::Html);
        assert_eq!(detect("a.txt", "一、总体目标".as_bytes()), DocFormat::Txt);
        assert_eq!(detect("a.TXT", b"<b>not a page</b>"), DocFormat::Txt);
    }

    #[test]
    fn lines_are_tidied() {
        assert_eq!(
            tidy_line("\u{3000}\u{3000}一、 总体  目标 "),
            "一、 总体 目标"
        );
        assert_eq!(tidy_line("序号 \t 指标\t\t单位"), "序号\t指标\t\t单位");
    }
}
