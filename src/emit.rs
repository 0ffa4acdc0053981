//! Writers for `extract`: one JSON document, or JSON Lines.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::model::{Document, Extraction, FileError, Record, SCHEMA_VERSION, Summary, Tool};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
}

/// Writes an extraction record by record, so that a run over many
/// documents never holds them all in memory. [`write()`] goes through the same
/// code, so streamed and in-memory output are byte-identical.
pub struct Stream<W: Write> {
    out: W,
    format: Format,
    pretty: bool,
    documents: usize,
}

impl<W: Write> Stream<W> {
    /// Write the opening: the JSON object's head, or the JSONL header record.
    pub fn begin(mut out: W, format: Format, pretty: bool) -> io::Result<Self> {
        let tool = Tool::current();
        match format {
            Format::Json => {
                let sep = if pretty { "\n" } else { "" };
                write!(out, "{{{sep}\"schema_version\":")?;
                serde_json::to_writer(&mut out, SCHEMA_VERSION)?;
                write!(out, ",{sep}\"tool\":")?;
                serde_json::to_writer(&mut out, &tool)?;
                write!(out, ",{sep}\"documents\":[")?;
            }
            Format::Jsonl => {
                let header = Record::Header {
                    schema_version: SCHEMA_VERSION.to_string(),
                    tool,
                };
                line(&mut out, &header)?;
            }
        }
        Ok(Stream {
            out,
            format,
            pretty,
            documents: 0,
        })
    }

    pub fn document(&mut self, d: &Document) -> io::Result<()> {
        let bytes = render_document(d, self.format, self.pretty)?;
        self.rendered_document(&bytes)
    }

    /// Write a document already rendered by [`render_document`] with this
    /// stream's format.
    pub fn rendered_document(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.format == Format::Json {
            if self.documents > 0 {
                self.out.write_all(b",")?;
            }
            if self.pretty {
                self.out.write_all(b"\n")?;
            }
        }
        self.out.write_all(bytes)?;
        self.documents += 1;
        Ok(())
    }

    /// Write a document goal by goal: each goal is made, written and let go
    /// before the next, so a huge document holds one goal's targets at a
    /// time. Byte for byte what [`Stream::document`] writes for the same
    /// document made whole, in the compact formats; pretty output is
    /// indented by nesting depth, so it makes the document whole first.
    /// Returns the totals of the goals written.
    pub fn deferred(&mut self, d: &crate::Deferred<'_>) -> io::Result<Summary> {
        let mut counts = Summary::default();
        if self.pretty {
            let mut whole = d.document().clone();
            for (k, unit) in whole.units.iter_mut().enumerate() {
                unit.goals = d.goals(k).collect();
                for g in &unit.goals {
                    counts.add_goal(g);
                }
            }
            self.document(&whole)?;
            return Ok(counts);
        }
        // The document without goals renders every unit's goal list as
        // `"goals":[]`; the goals are written into those gaps, in order, as
        // the rendering passes through (a huge document's outline, rendered
        // whole first, would be held twice). The marker cannot occur
        // elsewhere: no other object of a document has a `goals` field, and
        // quotes inside strings are escaped.
        if self.format == Format::Json && self.documents > 0 {
            self.out.write_all(b",")?;
        }
        let units = d.document().units.len();
        let mut buf = Vec::with_capacity(4096);
        let fill = |out: &mut W, unit: usize| -> io::Result<()> {
            if unit >= units {
                return Err(io::Error::other("more goal lists rendered than units"));
            }
            for (k, g) in d.goals(unit).enumerate() {
                buf.clear();
                if k > 0 {
                    buf.push(b',');
                }
                sonic_rs::to_writer(&mut buf, &g).map_err(io::Error::other)?;
                out.write_all(&buf)?;
                counts.add_goal(&g);
            }
            Ok(())
        };
        let mut splice = Splice::new(&mut self.out, fill);
        let written = {
            let mut buffered = io::BufWriter::with_capacity(SPLICE_BUFFER, &mut splice);
            let mut w = sonic_rs::writer::BufferedWriter::new(&mut buffered);
            match self.format {
                Format::Json => sonic_rs::to_writer(&mut w, d.document()),
                Format::Jsonl => sonic_rs::to_writer(&mut w, &RecordRef::Document(d.document())),
            }
            // Back to the writer's own error: a reader that went away must
            // still read as a broken pipe, which the CLI ends quietly on.
            .map_err(io::Error::from)?;
            if self.format == Format::Jsonl {
                w.write_all(b"\n")?;
            }
            buffered.flush()?;
            drop(buffered);
            splice.finish()?
        };
        if written != units {
            return Err(io::Error::other(
                "a unit's goal list is missing from its rendering",
            ));
        }
        self.documents += 1;
        Ok(counts)
    }

    /// Write the errors and the summary, close, and hand the writer back.
    pub fn finish(mut self, errors: &[FileError], summary: &Summary) -> io::Result<W> {
        match self.format {
            Format::Json => {
                let sep = if self.pretty { "\n" } else { "" };
                write!(self.out, "{sep}],{sep}\"errors\":")?;
                if self.pretty {
                    serde_json::to_writer_pretty(&mut self.out, errors)?;
                } else {
                    serde_json::to_writer(&mut self.out, errors)?;
                }
                write!(self.out, ",{sep}\"summary\":")?;
                serde_json::to_writer(&mut self.out, summary)?;
                writeln!(self.out, "{sep}}}")?;
            }
            Format::Jsonl => {
                for e in errors {
                    line(&mut self.out, &Record::Error(e.clone()))?;
                }
                line(&mut self.out, &Record::Summary(summary.clone()))?;
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The goal list of a unit rendered without its goals.
const EMPTY_GOALS: &[u8] = b"\"goals\":[]";

/// Bytes of a deferred document's rendering gathered before [`Splice`]
/// looks at them.
const SPLICE_BUFFER: usize = 64 * 1024;

/// A writer that passes bytes through to `out` and, at each [`EMPTY_GOALS`]
/// in them, lets `fill` write the next unit's goals between the brackets.
/// The marker may arrive split over several writes, so the bytes that could
/// begin one are held back until the next write tells.
///
/// The serializer writes a token at a time; [`Stream::deferred`] puts a
/// buffer in front, so that the search and the pass-through work on large
/// runs of bytes (called per token, this writer ran about a tenth of the
/// instructions of a huge document of one-line sections).
struct Splice<'a, W, F> {
    out: &'a mut W,
    fill: F,
    /// The end of the last write when it may begin a marker (a proper
    /// prefix of [`EMPTY_GOALS`]); usually empty.
    held: Vec<u8>,
    /// `held` and the next write joined, reused from write to write.
    joined: Vec<u8>,
    /// Goal lists filled so far.
    units: usize,
}

impl<'a, W: Write, F: FnMut(&mut W, usize) -> io::Result<()>> Splice<'a, W, F> {
    fn new(out: &'a mut W, fill: F) -> Self {
        Splice {
            out,
            fill,
            held: Vec::new(),
            joined: Vec::new(),
            units: 0,
        }
    }

    /// Write what is held; the number of goal lists filled.
    fn finish(&mut self) -> io::Result<usize> {
        self.out.write_all(&self.held)?;
        self.held.clear();
        Ok(self.units)
    }

    /// Pass `data` through, filling every marker in it, and hold back the
    /// tail that may begin the next one.
    fn pass(&mut self, data: &[u8]) -> io::Result<()> {
        let mut from = 0;
        while let Some(at) = memchr::memmem::find(&data[from..], EMPTY_GOALS) {
            // Up to and including the `[`.
            let open = from + at + EMPTY_GOALS.len() - 1;
            self.out.write_all(&data[from..open])?;
            (self.fill)(self.out, self.units)?;
            self.units += 1;
            from = open;
        }
        // Hold back only a tail that is the start of a marker.
        let rest = &data[from..];
        let keep = (1..EMPTY_GOALS.len().min(rest.len() + 1))
            .rev()
            .find(|&k| rest.ends_with(&EMPTY_GOALS[..k]))
            .unwrap_or(0);
        let cut = data.len() - keep;
        self.out.write_all(&data[from..cut])?;
        self.held.clear();
        self.held.extend_from_slice(&data[cut..]);
        Ok(())
    }
}

impl<W: Write, F: FnMut(&mut W, usize) -> io::Result<()>> Write for Splice<'_, W, F> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.held.is_empty() {
            self.pass(bytes)?;
        } else {
            let mut joined = std::mem::take(&mut self.joined);
            joined.clear();
            joined.extend_from_slice(&self.held);
            joined.extend_from_slice(bytes);
            let passed = self.pass(&joined);
            self.joined = joined;
            passed?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One document as it appears in a [`Stream`] of this format: the element of
/// the `documents` array (JSON) or the whole record line (JSONL). Separate
/// from the stream so that worker threads can render documents in parallel.
pub fn render_document(d: &Document, format: Format, pretty: bool) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    match format {
        Format::Json if pretty => serde_json::to_writer_pretty(&mut out, d)?,
        Format::Json => sonic_rs::to_writer(&mut out, d).map_err(io::Error::other)?,
        Format::Jsonl => {
            sonic_rs::to_writer(&mut out, &RecordRef::Document(d)).map_err(io::Error::other)?;
            out.push(b'\n');
        }
    }
    Ok(out)
}

/// A document as the worker threads hand it to the writer: rendered, or
/// deferred to be written goal by goal ([`Stream::deferred`]).
pub enum Prepared<'lx> {
    Rendered(Vec<u8>),
    Deferred(Box<crate::Deferred<'lx>>),
}

impl<'lx> Prepared<'lx> {
    /// Render a whole document now (on a worker thread); keep a deferred one.
    pub fn of(e: crate::run::Extracted<'lx>, format: Format, pretty: bool) -> io::Result<Self> {
        Ok(match e {
            crate::run::Extracted::Whole(d) => {
                Prepared::Rendered(render_document(&d, format, pretty)?)
            }
            crate::run::Extracted::Deferred(d) => Prepared::Deferred(Box::new(d)),
        })
    }
}

impl<W: Write> Stream<W> {
    /// Write a prepared document; the totals of the goals a deferred one
    /// made (nothing for a rendered one, counted when it was extracted).
    pub fn prepared(&mut self, p: Prepared<'_>) -> io::Result<Summary> {
        match p {
            Prepared::Rendered(bytes) => {
                self.rendered_document(&bytes)?;
                Ok(Summary::default())
            }
            Prepared::Deferred(d) => self.deferred(&d),
        }
    }
}

/// A borrowed document record, serialized exactly like [`Record::Document`].
#[derive(Serialize)]
#[serde(tag = "record", rename_all = "snake_case")]
enum RecordRef<'a> {
    Document(&'a Document),
}

/// Write an extraction to a writer.
pub fn write<W: Write>(
    out: &mut W,
    ex: &Extraction,
    format: Format,
    pretty: bool,
) -> io::Result<()> {
    let mut s = Stream::begin(out, format, pretty)?;
    for d in &ex.documents {
        s.document(d)?;
    }
    s.finish(&ex.errors, &ex.summary)?;
    Ok(())
}

fn line<W: Write>(out: &mut W, r: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, r)?;
    out.write_all(b"\n")
}

/// Write a file atomically: a temporary file beside it, renamed into place,
/// so a reader never sees half a file and a failed run leaves the old output
/// intact.
///
/// Only a regular file is replaced that way. A device, a pipe or a socket
/// named as the output (`-o /dev/null`, a FIFO another program reads) is
/// written in place: renaming over it would put a plain file where the
/// device was. A symbolic link to a file has its target replaced, and stays
/// a link.
pub fn atomic_file<T>(
    path: &Path,
    fill: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<T>,
) -> io::Result<T> {
    atomic_file_if(path, |w| fill(w).map(|value| (value, true)))
}

/// [`atomic_file`], for a writer that learns only at the end whether it
/// wrote anything worth keeping: when `fill` returns `(value, false)` the
/// temporary file is removed and `path` left as it was.
pub fn atomic_file_if<T>(
    path: &Path,
    fill: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<(T, bool)>,
) -> io::Result<T> {
    let resolved;
    let path = match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            let mut w = io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(path)?);
            let (value, _) = fill(&mut w)?;
            w.flush()?;
            return Ok(value);
        }
        Ok(_) => {
            resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            resolved.as_path()
        }
        Err(_) => path,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut keep = false;
    let result = (|| {
        let f = std::fs::File::create(&tmp)?;
        let mut w = io::BufWriter::new(f);
        let (value, kept) = fill(&mut w)?;
        keep = kept;
        if keep {
            w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&tmp, path)?;
        }
        Ok(value)
    })();
    if result.is_err() || !keep {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Write an extraction to a file atomically (see [`atomic_file`]).
pub fn write_file(path: &Path, ex: &Extraction, format: Format, pretty: bool) -> io::Result<()> {
    atomic_file(path, |w| write(w, ex, format, pretty))
}

/// Read back what [`write()`] wrote, in either format.
pub fn read(data: &str) -> Result<Extraction, crate::error::ReadError> {
    let trimmed = data.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("{\"record\"")
        || trimmed
            .lines()
            .next()
            .is_some_and(|l| l.contains("\"record\""))
    {
        let mut documents = Vec::new();
        let mut errors = Vec::new();
        for (n, l) in trimmed.lines().enumerate() {
            if l.trim().is_empty() {
                continue;
            }
            let r: Record = serde_json::from_str(l).map_err(|source| crate::error::ReadError {
                line: Some(n + 1),
                source,
            })?;
            match r {
                Record::Document(d) => documents.push(*d),
                Record::Error(e) => errors.push(e),
                Record::Header { .. } | Record::Summary(_) => {}
            }
        }
        Ok(crate::run::assemble(documents, errors))
    } else {
        serde_json::from_str(trimmed)
            .map_err(|source| crate::error::ReadError { line: None, source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Documents are rendered with a SIMD JSON writer for speed; its output
    /// must be byte for byte what `serde_json` writes (the format users and
    /// the schema know), on real documents with every kind of field.
    #[test]
    fn documents_render_as_serde_json_writes_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["corpus", "tests/independent/docs"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
                .expect("test documents")
                .flatten()
                .map(|e| e.path())
                .collect();
            paths.sort();
            for p in paths {
                let bytes = std::fs::read(&p).expect("readable");
                let Ok(d) = crate::extractor_for_tests().extract(&p.to_string_lossy(), &bytes)
                else {
                    continue;
                };
                let mut expected = serde_json::to_vec(&RecordRef::Document(&d)).expect("json");
                expected.push(b'\n');
                let jsonl = render_document(&d, Format::Jsonl, false).expect("render");
                assert!(jsonl == expected, "{} differs as JSON Lines", p.display());
                let json = render_document(&d, Format::Json, false).expect("render");
                assert!(
                    json == serde_json::to_vec(&d).expect("json"),
                    "{} differs as JSON",
                    p.display()
                );
                checked += 1;
            }
        }
        assert!(checked >= 5, "{checked}");
    }

    /// The same with every character JSON must escape, and some it must
    /// not (`/`, DEL, U+2028), inside goals, targets and the title.
    #[test]
    fn escapes_render_as_serde_json_writes_them() {
        let text = "关于\"2024\"年\\工作/要点\u{1}\n一、目标\t\u{0}\r\n1.完成5个村\u{7f}改造\u{2028}、\u{8}\u{c}建成3座“桥”。\n\u{1f}二、新增就业200人\n";
        // Enough plain text that five control characters do not make it binary.
        let text = text.to_string() + &"三、推进重点项目建设,完成投资10亿元。\n".repeat(20);
        let d = crate::extractor_for_tests()
            .extract("a\"b\\c\u{1}.txt", text.as_bytes())
            .expect("a document");
        let mut expected = serde_json::to_vec(&RecordRef::Document(&d)).expect("json");
        expected.push(b'\n');
        let got = render_document(&d, Format::Jsonl, false).expect("render");
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected)
        );
        assert!(d.units.iter().flat_map(|u| &u.goals).count() >= 2);
    }

    /// The goal lists are found however the rendering is cut into writes:
    /// a marker split over two writes, or arriving a byte at a time, is
    /// filled like a whole one, and text around it passes unchanged.
    #[test]
    fn splice_fills_goal_lists_split_over_writes() {
        let skeleton: &[u8] =
            b"{\"units\":[{\"name\":\"goals\",\"goals\":[]},{\"goals\":[],\"x\":\"\\\"goals\\\":[]\"}]}";
        let expected: &[u8] =
            b"{\"units\":[{\"name\":\"goals\",\"goals\":[0]},{\"goals\":[1],\"x\":\"\\\"goals\\\":[]\"}]}";
        for step in [1, 2, 3, 7, 10, 11, skeleton.len()] {
            let mut out = Vec::new();
            let mut splice = Splice::new(&mut out, |w: &mut Vec<u8>, unit| write!(w, "{unit}"));
            for chunk in skeleton.chunks(step) {
                splice.write_all(chunk).expect("write");
            }
            assert_eq!(splice.finish().expect("finish"), 2, "step {step}");
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(expected),
                "step {step}"
            );
        }
    }
}
