//! A whole run: many inputs, read and extracted in parallel, reported in a
//! deterministic order.

use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::input::{self, Input, Source};
use crate::model::{Document, ErrorKind, Extraction, FileError, SCHEMA_VERSION, Summary, Tool};

/// Files larger than this are refused: plans are text of tens of kilobytes,
/// and a multi-gigabyte "txt" is a mistake better reported than swallowed.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Read and extract one input. Never panics on bad input: every failure is
/// a [`FileError`].
pub fn extract_input(input: &Input) -> Result<Document, FileError> {
    let err = |kind, message: String| FileError {
        path: input.display.clone(),
        kind,
        message,
    };
    let bytes = match &input.source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut buf)
                .map_err(|e| err(ErrorKind::Io, format!("cannot read standard input: {e}")))?;
            buf
        }
        Source::File(p) => {
            let meta = std::fs::metadata(p)
                .map_err(|e| err(ErrorKind::Io, format!("cannot read file: {e}")))?;
            if meta.len() > MAX_FILE_BYTES {
                return Err(err(
                    ErrorKind::TooLarge,
                    format!(
                        "{} bytes is over the {} MiB limit for one document",
                        meta.len(),
                        MAX_FILE_BYTES / 1024 / 1024
                    ),
                ));
            }
            std::fs::read(p).map_err(|e| err(ErrorKind::Io, format!("cannot read file: {e}")))?
        }
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(
            ErrorKind::TooLarge,
            format!(
                "over the {} MiB limit for one document",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    // A panic in the extractor is a bug, but it must not cost the other files.
    match std::panic::catch_unwind(|| crate::extract_bytes(&input.display, &bytes)) {
        Ok(r) => r,
        Err(_) => Err(err(
            ErrorKind::NotText,
            "internal error while extracting this file (please report it)".into(),
        )),
    }
}

/// How many inputs are extracted in parallel before their results are
/// handed on: enough to keep every core busy between hand-overs, few enough
/// that memory stays flat however large the corpus (at most three chunks are
/// held at once: one being extracted, one waiting, one being written).
const CHUNK: usize = 128;

/// Extract every input under `args`, handing each document to `sink` in path
/// order. `prepare` runs on the worker threads right after extraction
/// (rendering a document to JSON there keeps the writing thread from
/// becoming the bottleneck); `sink` runs on the calling thread, in order,
/// while the workers go on with the next chunk. Returns the errors (sorted
/// by path) and the totals. `on_done` is called once per finished input
/// (progress).
pub fn extract_streaming<T: Send>(
    args: &[PathBuf],
    on_done: &(dyn Fn(&str) + Sync),
    prepare: impl Fn(Document) -> T + Sync,
    mut sink: impl FnMut(T) -> std::io::Result<()>,
) -> std::io::Result<(Vec<FileError>, Summary)> {
    let (inputs, mut errors) = input::collect(args);
    let mut summary = Summary::default();
    let extract_chunk = |chunk: &[Input]| -> Vec<Result<(Summary, T), FileError>> {
        chunk
            .par_iter()
            .map(|i| {
                let r = extract_input(i).map(|d| {
                    let mut counts = Summary::default();
                    counts.add_document(&d);
                    (counts, prepare(d))
                });
                on_done(&i.display);
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
                        sink(item)?;
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        Ok(())
    })?;
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    summary.add_errors(errors.len());
    Ok((errors, summary))
}

/// Extract every input under `args` in parallel into one [`Extraction`]
/// held in memory, sorted by path whatever the thread count.
pub fn extract_paths(args: &[PathBuf], on_done: &(dyn Fn(&str) + Sync)) -> Extraction {
    let mut documents = Vec::new();
    match extract_streaming(
        args,
        on_done,
        |d| d,
        |d| {
            documents.push(d);
            Ok(())
        },
    ) {
        Ok((errors, _)) => assemble(documents, errors),
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
