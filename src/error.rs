//! Typed errors of the library's writers and readers of saved output (the
//! pipeline itself reports a file's failure as a [`FileError`](crate::FileError)
//! record, never as an error value).

use std::fmt;

/// Rendering rows (`table`, `track`) into CSV, JSON Lines or a workbook
/// failed.
#[derive(Debug)]
pub enum RenderError {
    Csv(csv::Error),
    Json(serde_json::Error),
    Xlsx(rust_xlsxwriter::XlsxError),
    /// More rows than one worksheet holds.
    TooManyRows {
        rows: usize,
        max: usize,
    },
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Csv(e) => write!(f, "cannot write CSV: {e}"),
            RenderError::Json(e) => write!(f, "cannot write JSON: {e}"),
            RenderError::Xlsx(e) => write!(f, "cannot write the workbook: {e}"),
            RenderError::TooManyRows { rows, max } => write!(
                f,
                "{rows} targets do not fit in one worksheet (at most {max}); use --format csv or jsonl"
            ),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<csv::Error> for RenderError {
    fn from(e: csv::Error) -> Self {
        RenderError::Csv(e)
    }
}

impl From<csv::IntoInnerError<csv::Writer<Vec<u8>>>> for RenderError {
    fn from(e: csv::IntoInnerError<csv::Writer<Vec<u8>>>) -> Self {
        RenderError::Csv(csv::Error::from(e.into_error()))
    }
}

impl From<serde_json::Error> for RenderError {
    fn from(e: serde_json::Error) -> Self {
        RenderError::Json(e)
    }
}

impl From<rust_xlsxwriter::XlsxError> for RenderError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        RenderError::Xlsx(e)
    }
}

/// Text that is not a saved output of `extract`: the JSON (or the JSON
/// line) that does not read as one.
#[derive(Debug)]
pub struct ReadError {
    /// The 1-based line of a JSON Lines file; `None` for a JSON file.
    pub line: Option<usize>,
    pub source: serde_json::Error,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(n) => write!(f, "line {n}: {}", self.source),
            None => self.source.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
