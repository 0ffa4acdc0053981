//! `extract --stdin-jsonl`: one JSON line in, one JSON line out.
//!
//! Built for stream processors such as Spark's `RDD.pipe`, which write a
//! partition's records to a program's standard input and take its output
//! lines as the new records. They pair answers with questions by position
//! only, so the contract is strict: exactly one output line per input line,
//! in input order, whatever is on the line; nothing else on standard output;
//! nothing carried from one line to the next, so any split of the input into
//! partitions gives the same answers.
//!
//! An input line is a JSON object with a `path` (recorded as given) and
//! either `text` (already decoded) or `bytes_b64` (the file's raw bytes in
//! base64, so that encoding detection still applies). The answer is the
//! [`Record`] that `extract --format jsonl` writes for a file: a `document`
//! or an `error` record.

use crate::Extractor;
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

use base64::Engine;
use serde::Deserialize;

use crate::model::{ErrorKind, FileError, Record};

/// Totals of one run, for the summary on standard error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub lines: u64,
    pub documents: u64,
    pub errors: u64,
}

/// The fields of an input line. Other fields are ignored, so a job may keep
/// its own columns on the line.
#[derive(Deserialize)]
struct Request {
    path: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    bytes_b64: Option<String>,
}

/// The path an error record is reported under when the line gives none.
/// Angle brackets keep it apart from any real file name.
fn line_label(line_no: u64) -> String {
    format!("<line {line_no}>")
}

/// The longest line read whole. Base64 makes bytes a third longer and JSON
/// escapes (`\n`, `\"`, `\u4e2d`) at most double ordinary text, so a line
/// longer than this cannot hold a document within `max_bytes`; its excess is
/// skipped unread, which keeps memory bounded whatever arrives.
fn line_cap(max_bytes: u64) -> usize {
    usize::try_from(max_bytes.saturating_mul(2).saturating_add(1 << 20)).unwrap_or(usize::MAX)
}

/// Answer one input line (without its line break). `line_no` counts from 1
/// and names the line in error records that have no path.
pub fn extract_line(ex: &Extractor, line: &[u8], line_no: u64, max_bytes: u64) -> Record {
    match extract_line_inner(ex, line, line_no, max_bytes) {
        Ok(d) => Record::Document(Box::new(d)),
        Err(e) => Record::Error(e),
    }
}

fn extract_line_inner(
    ex: &Extractor,
    line: &[u8],
    line_no: u64,
    max_bytes: u64,
) -> Result<crate::Document, FileError> {
    let fail = |path: String, kind, message: String| FileError {
        path,
        kind,
        message,
    };
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(
            line_label(line_no),
            ErrorKind::Empty,
            format!("line {line_no} is blank; expected one JSON object per line"),
        ));
    }
    let req: Request = serde_json::from_slice(line).map_err(|e| {
        fail(
            sniff_path(line).unwrap_or_else(|| line_label(line_no)),
            ErrorKind::BadRecord,
            format!(
                "line {line_no} is not a JSON object with a string `path` and one of \
                 `text` or `bytes_b64`: {e}"
            ),
        )
    })?;
    let path = req.path;
    let too_large = |n: u64| {
        fail(
            path.clone(),
            ErrorKind::TooLarge,
            format!(
                "{} is over the {} limit for one document; raise it with --max-file-size \
                 if this really is one document",
                crate::run::human_size(n),
                crate::run::human_size(max_bytes)
            ),
        )
    };
    let decoded;
    let bytes: &[u8] = match (&req.text, &req.bytes_b64) {
        (Some(text), None) => {
            // Decoded text is read as the UTF-8 file it would be, so the
            // document (sha256 and all) equals that of the file on disk.
            text.as_bytes()
        }
        (None, Some(b64)) => {
            // Checked before decoding, so an oversized record costs no memory.
            let estimate = (b64.len() as u64 / 4) * 3;
            if estimate > max_bytes.saturating_add(3) {
                return Err(too_large(estimate));
            }
            decoded = decode_base64(b64).map_err(|e| {
                fail(
                    path.clone(),
                    ErrorKind::BadRecord,
                    format!("line {line_no}: `bytes_b64` is not valid base64: {e}"),
                )
            })?;
            &decoded
        }
        (Some(_), Some(_)) => {
            return Err(fail(
                path,
                ErrorKind::BadRecord,
                format!("line {line_no} has both `text` and `bytes_b64`; give one"),
            ));
        }
        (None, None) => {
            return Err(fail(
                path,
                ErrorKind::BadRecord,
                format!("line {line_no} has neither `text` nor `bytes_b64`"),
            ));
        }
    };
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    // A panic in the extractor is a bug, but it must not cost the line its answer.
    match std::panic::catch_unwind(|| ex.extract(&path, bytes)) {
        Ok(r) => r,
        Err(_) => Err(fail(
            path.clone(),
            ErrorKind::Internal,
            "internal error while extracting this file; the other lines are not affected \
             (please report it with the file)"
                .into(),
        )),
    }
}

/// Standard base64, padded or not; line breaks inside (as `base64
/// --wrap` and Python's `encodebytes` write them) are allowed.
fn decode_base64(s: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    if s.bytes().any(|b| b.is_ascii_whitespace()) {
        let compact: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        engine.decode(compact)
    } else {
        engine.decode(s)
    }
}

/// The `path` of a line that does not parse as a whole (bad JSON, a bad
/// field, or cut short for being too long), when a `"path": "…"` pair can
/// still be found near its start: an error record is far more useful under
/// the file's name than under a line number.
fn sniff_path(line: &[u8]) -> Option<String> {
    let head = &line[..line.len().min(64 * 1024)];
    let key = b"\"path\"";
    let at = head.windows(key.len()).position(|w| w == key)?;
    let rest = head[at + key.len()..].trim_ascii_start();
    let rest = rest.strip_prefix(b":")?.trim_ascii_start();
    serde_json::Deserializer::from_slice(rest)
        .into_iter::<String>()
        .next()?
        .ok()
}

/// Read one line into `buf` without its line break (`\n` or `\r\n`),
/// keeping at most `cap` bytes and skipping the rest. `None` at the end of
/// input; otherwise whether the line was cut.
fn read_line_capped<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<bool>> {
    let mut seen_any = false;
    let mut cut = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            if !seen_any {
                return Ok(None);
            }
            break;
        }
        seen_any = true;
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        if chunk.len() > room {
            cut = true;
        }
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        r.consume(used);
        if done {
            break;
        }
    }
    if !cut && buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(cut))
}

/// Lines in flight (read but not yet written) are limited to this many
/// permits, one per started [`PERMIT_BYTES`] of line: memory stays bounded
/// while one slow document holds up the lines after it.
const WINDOW: usize = 256;
const PERMIT_BYTES: usize = 256 * 1024;

/// A counting semaphore that the writer can close, releasing a reader that
/// waits on it when output has failed.
struct Window {
    state: Mutex<(usize, bool)>,
    freed: Condvar,
}

impl Window {
    fn new() -> Self {
        Window {
            state: Mutex::new((WINDOW, false)),
            freed: Condvar::new(),
        }
    }
    /// Wait for `n` permits; false once closed.
    fn acquire(&self, n: usize) -> bool {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        while !s.1 && s.0 < n {
            s = self.freed.wait(s).unwrap_or_else(|p| p.into_inner());
        }
        if s.1 {
            return false;
        }
        s.0 -= n;
        true
    }
    fn release(&self, n: usize) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.0 += n;
        self.freed.notify_all();
    }
    fn close(&self) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.1 = true;
        self.freed.notify_all();
    }
}

/// One answered line: its number, its output line (with `\n`), whether it
/// is a document, and the permits to give back once written.
struct Answer {
    no: u64,
    json: String,
    document: bool,
    permits: usize,
}

fn answer(ex: &Extractor, line: &[u8], cut: bool, no: u64, max_bytes: u64) -> (String, bool) {
    let record = if cut {
        Record::Error(FileError {
            path: sniff_path(line).unwrap_or_else(|| line_label(no)),
            kind: ErrorKind::TooLarge,
            message: format!(
                "line {no} is longer than any record of a document within the {} limit \
                 (--max-file-size)",
                crate::run::human_size(max_bytes)
            ),
        })
    } else {
        extract_line(ex, line, no, max_bytes)
    };
    let document = matches!(record, Record::Document(_));
    match serde_json::to_string(&record) {
        Ok(json) => (json + "\n", document),
        // Not expected (the model serializes whatever it holds), but the
        // line must still get its answer.
        Err(_) => internal_error(no),
    }
}

/// The answer of a line whose handling failed in an unexpected way.
fn internal_error(no: u64) -> (String, bool) {
    let record = Record::Error(FileError {
        path: line_label(no),
        kind: ErrorKind::Internal,
        message: format!("internal error while answering line {no} (please report it)"),
    });
    (
        serde_json::to_string(&record).unwrap_or_default() + "\n",
        false,
    )
}

/// Read JSON lines from `input` until it ends and write one answer line per
/// input line to `out`, in input order.
///
/// Lines are extracted in parallel on rayon's global pool (so `-j` applies)
/// while the next ones are read; answers are written in order as soon as
/// every line before them is written, and the output is flushed whenever it
/// has caught up with the work done, so a caller that writes one line and
/// waits for its answer is answered. Errors are only those of reading the
/// input or writing the output; a bad line is answered with an error record.
pub fn run<R: Read + Send, W: Write>(
    ex: &Extractor,
    input: R,
    mut out: W,
    max_bytes: u64,
) -> io::Result<Tally> {
    let cap = line_cap(max_bytes);
    let window = Arc::new(Window::new());
    let (tx, rx) = mpsc::channel::<Answer>();
    std::thread::scope(|scope| {
        let reader_window = Arc::clone(&window);
        let reader = scope.spawn(move || -> io::Result<u64> {
            let mut input = BufReader::with_capacity(1 << 20, input);
            let mut no = 0u64;
            loop {
                let mut line = Vec::new();
                let Some(cut) = read_line_capped(&mut input, &mut line, cap)? else {
                    return Ok(no);
                };
                no += 1;
                let permits = (1 + line.len() / PERMIT_BYTES).min(WINDOW);
                if !reader_window.acquire(permits) {
                    // The writer has failed; it reports why.
                    return Ok(no - 1);
                }
                let tx = tx.clone();
                let ex = ex.clone();
                rayon::spawn(move || {
                    // Rayon aborts the process on a panic in a spawned job;
                    // a line must instead get its answer.
                    let (json, document) =
                        std::panic::catch_unwind(|| answer(&ex, &line, cut, no, max_bytes))
                            .unwrap_or_else(|_| internal_error(no));
                    // The writer is gone only after an output error.
                    let _ = tx.send(Answer {
                        no,
                        json,
                        document,
                        permits,
                    });
                });
            }
        });

        let mut tally = Tally::default();
        let mut pending: BTreeMap<u64, Answer> = BTreeMap::new();
        let written = (|| -> io::Result<()> {
            loop {
                let a = match rx.try_recv() {
                    Ok(a) => a,
                    Err(mpsc::TryRecvError::Empty) => {
                        out.flush()?;
                        match rx.recv() {
                            Ok(a) => a,
                            Err(_) => break,
                        }
                    }
                    Err(mpsc::TryRecvError::Disconnected) => break,
                };
                pending.insert(a.no, a);
                while let Some(a) = pending.remove(&(tally.lines + 1)) {
                    out.write_all(a.json.as_bytes())?;
                    tally.lines += 1;
                    if a.document {
                        tally.documents += 1;
                    } else {
                        tally.errors += 1;
                    }
                    window.release(a.permits);
                }
            }
            out.flush()
        })();
        if written.is_err() {
            window.close();
        }
        drop(rx);
        let read = reader
            .join()
            .map_err(|_| io::Error::other("the input reader stopped unexpectedly"))?;
        written?;
        let lines = read?;
        if lines != tally.lines {
            return Err(io::Error::other(format!(
                "{lines} lines read but {} answered",
                tally.lines
            )));
        }
        Ok(tally)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "工作要点\n一、建成3个莲藕专业村。\n二、新增就业500人。\n";

    fn answers(input: &str, max_bytes: u64) -> Vec<Record> {
        let mut out = Vec::new();
        let tally = run(
            crate::extractor_for_tests(),
            input.as_bytes(),
            &mut out,
            max_bytes,
        )
        .expect("runs");
        let text = String::from_utf8(out).expect("UTF-8");
        let records: Vec<Record> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("a record"))
            .collect();
        assert_eq!(tally.lines as usize, records.len());
        records
    }

    fn kind(r: &Record) -> Option<ErrorKind> {
        match r {
            Record::Error(e) => Some(e.kind),
            _ => None,
        }
    }

    #[test]
    fn lines_are_split_on_lf_and_crlf_and_cut_at_the_cap() {
        let mut r = &b"ab\r\ncd\n\nlong line here\nlast"[..];
        let mut got = Vec::new();
        loop {
            let mut buf = Vec::new();
            match read_line_capped(&mut r, &mut buf, 5).expect("reads") {
                None => break,
                Some(cut) => got.push((String::from_utf8(buf).expect("UTF-8"), cut)),
            }
        }
        let want = [
            ("ab", false),
            ("cd", false),
            ("", false),
            ("long ", true),
            ("last", false),
        ];
        let want: Vec<(String, bool)> = want.iter().map(|(s, c)| (s.to_string(), *c)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn an_overlong_line_is_answered_too_large_and_the_next_still_read() {
        let max = 1000;
        let big = "一".repeat(2_000_000);
        let input = format!(
            "{}\n{}\n",
            serde_json::json!({"path": "big.txt", "text": big}),
            serde_json::json!({"path": "small.txt", "text": SMALL})
        );
        let records = answers(&input, max);
        assert_eq!(records.len(), 2);
        match &records[0] {
            Record::Error(e) => {
                assert_eq!((e.path.as_str(), e.kind), ("big.txt", ErrorKind::TooLarge));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(kind(&records[1]), None);
    }

    #[test]
    fn the_size_limit_applies_to_text_and_to_decoded_bytes() {
        let long = "一".repeat(400); // 1,200 bytes of UTF-8
        let b64 = base64::engine::general_purpose::STANDARD.encode(long.as_bytes());
        let input = format!(
            "{}\n{}\n",
            serde_json::json!({"path": "t", "text": long}),
            serde_json::json!({"path": "b", "bytes_b64": b64}),
        );
        let records = answers(&input, 1000);
        assert_eq!(kind(&records[0]), Some(ErrorKind::TooLarge));
        assert_eq!(kind(&records[1]), Some(ErrorKind::TooLarge));
        let records = answers(&input, 2000);
        assert_eq!(records.iter().map(kind).collect::<Vec<_>>(), [None, None]);
    }

    #[test]
    fn base64_may_be_unpadded_or_wrapped() {
        let std = base64::engine::general_purpose::STANDARD.encode(SMALL.as_bytes());
        let unpadded = std.trim_end_matches('=').to_string();
        let wrapped: String = std
            .as_bytes()
            .chunks(76)
            .map(|c| format!("{}\n", String::from_utf8_lossy(c)))
            .collect();
        assert!(std.ends_with('='), "the sample needs padding to test it");
        for b64 in [std, unpadded, wrapped] {
            let line = serde_json::json!({"path": "p", "bytes_b64": b64}).to_string();
            match extract_line(crate::extractor_for_tests(), line.as_bytes(), 1, 1 << 20) {
                Record::Document(d) => assert_eq!(d.bytes, SMALL.len()),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_line_that_is_not_utf8_is_an_error_record() {
        let line = b"{\"path\": \"x\", \"text\": \"\xff\xfe\"}";
        match extract_line(crate::extractor_for_tests(), line, 9, 1 << 20) {
            Record::Error(e) => {
                assert_eq!(e.kind, ErrorKind::BadRecord);
                assert!(e.message.contains("line 9"), "{}", e.message);
            }
            other => panic!("{other:?}"),
        }
    }
}
