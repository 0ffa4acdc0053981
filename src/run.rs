//! A whole run: many inputs, read and extracted in parallel, reported in a
//! deterministic order.

use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::Extractor;
use crate::input::{self, Input, Source};
use crate::model::{Document, ErrorKind, Extraction, FileError, SCHEMA_VERSION, Summary, Tool};

/// The default for [`Options::max_file_bytes`]: plans are text of tens of
/// kilobytes, and a multi-gigabyte "txt" is a mistake better reported than
/// swallowed.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How a run reads its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Files (and standard input) larger than this are refused with
    /// [`ErrorKind::TooLarge`] instead of being read.
    pub max_file_bytes: u64,
    /// Keep the text every span indexes in each document (`--with-text`).
    pub with_text: bool,
    /// Which formats are read from folders (`--only`).
    pub only: input::Only,
    /// Documents whose text is longer than this many bytes are handed on
    /// [`Extracted::Deferred`], to be written goal by goal, rather than
    /// whole (see [`DEFAULT_DEFER_OVER`]).
    pub defer_over: usize,
}

/// The default for [`Options::defer_over`]. A document made whole holds
/// all its targets and then its rendered JSON, about 40 bytes for every byte
/// of its text; written goal by goal it holds its text and one goal. Under
/// this size whole documents cost little and are rendered on the worker
/// threads in parallel; over it, memory matters more than that.
pub const DEFAULT_DEFER_OVER: usize = 1 << 20;

/// One input read: a whole document, or one deferred to be written goal by
/// goal (longer than [`Options::defer_over`]).
#[derive(Debug)]
pub enum Extracted<'lx> {
    Whole(Document),
    Deferred(crate::Deferred<'lx>),
}

impl Extracted<'_> {
    /// The whole document, every goal made.
    pub fn into_document(self) -> Document {
        match self {
            Extracted::Whole(d) => d,
            Extracted::Deferred(d) => d.into_document(),
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            with_text: false,
            only: input::Only::all(),
            defer_over: DEFAULT_DEFER_OVER,
        }
    }
}

/// Parse a size such as `64M`, `512K`, `1G`, `1.5M` or `20000` (bytes).
/// `K`, `M` and `G` are powers of 1024; `KB`, `KiB`, `MB`, `MiB` … mean the
/// same.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, suffix) = t.split_at(digits_end);
    let shift = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => {
            return Err(format!(
                "{s:?} is not a size: use bytes or a number with K, M or G (e.g. 64M)"
            ));
        }
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{s:?} is not a size: use e.g. 64M, 512K or 20000"))?;
    let bytes = value * (1u64 << shift) as f64;
    if !(1.0..1e18).contains(&bytes) {
        return Err(format!("{s:?} is out of range: give at least 1 byte"));
    }
    Ok(bytes as u64)
}

/// Parse a share such as `--fail-over` takes: a ratio from 0 to 1 (`0.4`)
/// or a percentage (`40%`). A bare number over 1 (`40`) is refused with a
/// message pointing to `40%`: read as a ratio it could never be exceeded,
/// and reading it as a percentage would make `1` mean 1 % here and 100 %
/// one character earlier.
pub fn parse_share(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let (number, percent) = match t.strip_suffix('%') {
        Some(n) => (n.trim_end(), true),
        None => (t, false),
    };
    let bad =
        || format!("{s:?} is not a share: give a ratio from 0 to 1 (0.4) or a percentage (40%)");
    // `f64::from_str` also takes `inf`, `NaN` and `1e3`: only plain decimals here.
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let value: f64 = number.parse().map_err(|_| bad())?;
    match (percent, value) {
        (true, v) if v <= 100.0 => Ok(v / 100.0),
        (true, _) => Err(format!("{s:?} is over 100%")),
        (false, v) if v <= 1.0 => Ok(v),
        (false, v) => Err(format!(
            "{s:?} is over 1: give a ratio from 0 to 1, or write {v}% for {v} percent"
        )),
    }
}

/// `1234` → `1234 bytes`, `65536` → `64 KiB`, `1610612736` → `1.5 GiB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, name) in UNITS {
        if bytes >= size {
            let v = bytes as f64 / size as f64;
            return if v.fract() == 0.0 {
                format!("{v} {name}")
            } else {
                format!("{v:.1} {name}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// Read and extract one input. Never panics on bad input: every failure is
/// a [`FileError`].
pub fn extract_input(
    ex: &Extractor,
    input: &Input,
    options: &Options,
) -> Result<Document, FileError> {
    let whole = Options {
        defer_over: usize::MAX,
        ..*options
    };
    read_extracted(ex, input, &whole).map(Extracted::into_document)
}

/// The error a panic in the extractor becomes: a bug, but it must not cost
/// the other files.
fn internal_error(input: &Input) -> FileError {
    FileError {
        path: input.display.clone(),
        kind: ErrorKind::Internal,
        message: "internal error while extracting this file; the other files are not \
                  affected (please report it with the file)"
            .into(),
    }
}

/// Read one input, whole or deferred by [`Options::defer_over`].
pub fn read_extracted<'lx>(
    ex: &'lx Extractor,
    input: &Input,
    options: &Options,
) -> Result<Extracted<'lx>, FileError> {
    let bytes = read_input(input, options)?;
    let run = || -> Result<Extracted<'lx>, FileError> {
        let d = ex.extract_deferred(&input.display, bytes, options.with_text)?;
        Ok(if d.text_bytes() > options.defer_over {
            Extracted::Deferred(d)
        } else {
            Extracted::Whole(d.into_document())
        })
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .unwrap_or_else(|_| Err(internal_error(input)))
}

/// Read one input's bytes, within the size limit.
pub fn read_input(input: &Input, options: &Options) -> Result<Vec<u8>, FileError> {
    let err = |kind, message: String| FileError {
        path: input.display.clone(),
        kind,
        message,
    };
    let max = options.max_file_bytes;
    let too_large = |size: String| {
        err(
            ErrorKind::TooLarge,
            format!(
                "{size} is over the {} limit for one document; raise it with --max-file-size \
                 if this really is one document",
                human_size(max)
            ),
        )
    };
    let unreadable = |e: std::io::Error| {
        let message = match e.kind() {
            std::io::ErrorKind::PermissionDenied => {
                format!("permission denied; check the file's permissions ({e})")
            }
            std::io::ErrorKind::IsADirectory => format!("is a folder, not a file ({e})"),
            _ => format!("cannot be read: {e}"),
        };
        match e.kind() {
            std::io::ErrorKind::NotFound => err(ErrorKind::NotFound, message),
            _ => err(ErrorKind::Unreadable, message),
        }
    };
    // Reading stops one byte past the limit: a pipe, a device or a file
    // that grows while read cannot make the run read without end.
    let mut bytes = Vec::new();
    match &input.source {
        Source::Stdin => {
            std::io::stdin()
                .take(max.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(&unreadable)?;
        }
        Source::File(p) => {
            let file = std::fs::File::open(p).map_err(&unreadable)?;
            let meta = file.metadata().map_err(&unreadable)?;
            if meta.is_file() && meta.len() > max {
                return Err(too_large(human_size(meta.len())));
            }
            file.take(max.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(&unreadable)?;
        }
    }
    if bytes.len() as u64 > max {
        return Err(too_large("the input".into()));
    }
    Ok(bytes)
}

/// What a run leaves besides its documents.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Inputs that produced no document, sorted by path.
    pub errors: Vec<FileError>,
    pub summary: Summary,
    /// Not failures, but worth telling the user (a file named twice).
    pub notes: Vec<String>,
    /// Files of a known format in folders that `--only` left out.
    pub left_out: usize,
}

/// How many inputs are extracted in parallel before their results are
/// handed on: enough to keep every core busy between hand-overs, few enough
/// that memory stays flat however large the corpus (at most three chunks are
/// held at once: one being extracted, one waiting, one being written).
const CHUNK: usize = 128;

/// What a run tells as it goes: a progress bar, a log.
pub trait Progress: Sync {
    /// The arguments are expanded: `total` inputs will be read.
    fn start(&self, total: usize) {
        let _ = total;
    }
    /// One input is done (extracted or failed); `path` as reported.
    fn done(&self, path: &str);
}

/// A function called once per finished input is a [`Progress`] that does
/// not need the total.
struct EachDone<'a>(&'a (dyn Fn(&str) + Sync));

impl Progress for EachDone<'_> {
    fn done(&self, path: &str) {
        (self.0)(path)
    }
}

/// Extract every input under `args`, handing each document to `sink` in path
/// order. `prepare` runs on the worker threads right after extraction
/// (rendering a document to JSON there keeps the writing thread from
/// becoming the bottleneck); `sink` runs on the calling thread, in order,
/// while the workers go on with the next chunk. Returns the errors (sorted
/// by path), the totals and the notes. `progress` is told the number of
/// inputs once they are known, then each finished input.
///
/// A document longer than [`Options::defer_over`] comes to `prepare`
/// [`Extracted::Deferred`]; the goals `sink` makes of it are not counted
/// for it, so it returns their totals (a [`Summary`] with only goal counts,
/// see [`Summary::add_goal`]); for other items it returns the default.
pub fn extract_streaming<'lx, T: Send>(
    ex: &'lx Extractor,
    args: &[PathBuf],
    options: &Options,
    progress: &dyn Progress,
    prepare: impl Fn(Extracted<'lx>) -> T + Sync,
    mut sink: impl FnMut(T) -> std::io::Result<Summary>,
) -> std::io::Result<Outcome> {
    let input::Collected {
        inputs,
        mut errors,
        notes,
        left_out,
    } = input::collect_only(args, options.only);
    progress.start(inputs.len());
    let mut summary = Summary::default();
    let extract_chunk = |chunk: &[Input]| -> Vec<Result<(Summary, T), FileError>> {
        chunk
            .par_iter()
            .map(|i| {
                let r = read_extracted(ex, i, options).map(|e| {
                    let mut counts = Summary::default();
                    match &e {
                        Extracted::Whole(d) => counts.add_document(d),
                        // Its goals are counted as `sink` makes them.
                        Extracted::Deferred(d) => counts.add_document(d.document()),
                    }
                    (counts, prepare(e))
                });
                progress.done(&i.display);
                r
            })
            .collect()
    };
    std::thread::scope(|scope| -> std::io::Result<()> {
        // One chunk may wait while the next is extracted and the previous
        // written, so that neither the workers nor the writer stand idle.
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for chunk in inputs.chunks(CHUNK) {
                // The receiver is gone only when writing failed: stop.
                if tx.send(extract_chunk(chunk)).is_err() {
                    break;
                }
            }
        });
        for results in rx {
            for r in results {
                match r {
                    Ok((counts, item)) => {
                        summary.merge(&counts);
                        summary.merge(&sink(item)?);
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        Ok(())
    })?;
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    let skipped = errors
        .iter()
        .filter(|e| e.kind == ErrorKind::Skipped)
        .count();
    summary.add_errors(errors.len() - skipped);
    summary.add_skipped(skipped);
    Ok(Outcome {
        errors,
        summary,
        notes,
        left_out,
    })
}

/// Extract every input under `args` in parallel into one [`Extraction`]
/// held in memory, sorted by path whatever the thread count.
pub fn extract_paths(
    ex: &Extractor,
    args: &[PathBuf],
    options: &Options,
    on_done: &(dyn Fn(&str) + Sync),
) -> Extraction {
    extract_paths_with(ex, args, options, &EachDone(on_done))
}

/// [`extract_paths`], telling `progress` the total as well.
pub fn extract_paths_with(
    ex: &Extractor,
    args: &[PathBuf],
    options: &Options,
    progress: &dyn Progress,
) -> Extraction {
    let mut documents = Vec::new();
    match extract_streaming(ex, args, options, progress, Extracted::into_document, |d| {
        documents.push(d);
        Ok(Summary::default())
    }) {
        Ok(outcome) => assemble(documents, outcome.errors),
        // The sink above cannot fail.
        Err(_) => assemble(documents, Vec::new()),
    }
}

/// Sort and total documents and errors into one [`Extraction`].
pub fn assemble(mut documents: Vec<Document>, mut errors: Vec<FileError>) -> Extraction {
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    Extraction {
        schema_version: SCHEMA_VERSION.to_string(),
        tool: Tool::current(),
        summary: Summary::of(&documents, &errors),
        documents,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert_eq!(parse_size("20000"), Ok(20000));
        assert_eq!(parse_size(" 2 MB "), Ok(2 << 20));
        for bad in ["", "0", "M", "-5", "1e3", "12X", ".", "99999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
        assert_eq!(human_size(1000), "1000 bytes");
        assert_eq!(human_size(1234), "1.2 KiB");
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(3 << 29), "1.5 GiB");
    }

    #[test]
    fn shares() {
        assert_eq!(parse_share("0.4"), Ok(0.4));
        assert_eq!(parse_share("40%"), Ok(0.4));
        assert_eq!(parse_share(" 12.5 % "), Ok(0.125));
        assert_eq!(parse_share("1"), Ok(1.0));
        assert_eq!(parse_share("100%"), Ok(1.0));
        assert_eq!(parse_share("0"), Ok(0.0));
        let over = parse_share("40").expect_err("40 is not a ratio");
        assert!(over.contains("40%"), "{over}");
        for bad in [
            "", "%", "-0.1", "101%", "1.5", "inf", "NaN", "1e-1", "0.4x", "四十%",
        ] {
            assert!(parse_share(bad).is_err(), "{bad:?}");
        }
    }
}
