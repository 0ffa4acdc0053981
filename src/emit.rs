//! Writers for `extract`: one JSON document, or JSON Lines.

use std::io::{self, Write};
use std::path::Path;

use crate::model::{Extraction, Record, SCHEMA_VERSION};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
}

/// Write an extraction to a writer.
pub fn write<W: Write>(
    out: &mut W,
    ex: &Extraction,
    format: Format,
    pretty: bool,
) -> io::Result<()> {
    match format {
        Format::Json => {
            if pretty {
                serde_json::to_writer_pretty(&mut *out, ex)?;
            } else {
                serde_json::to_writer(&mut *out, ex)?;
            }
            out.write_all(b"\n")?;
        }
        Format::Jsonl => {
            let header = Record::Header {
                schema_version: SCHEMA_VERSION.to_string(),
                tool: ex.tool.clone(),
            };
            line(out, &header)?;
            for d in &ex.documents {
                line(out, &Record::Document(Box::new(d.clone())))?;
            }
            for e in &ex.errors {
                line(out, &Record::Error(e.clone()))?;
            }
            line(out, &Record::Summary(ex.summary.clone()))?;
        }
    }
    out.flush()
}

fn line<W: Write>(out: &mut W, r: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, r)?;
    out.write_all(b"\n")
}

/// Write to a file atomically: a temporary file beside it, renamed into
/// place, so a reader never sees half a file and a failed run leaves the old
/// output intact.
pub fn write_file(path: &Path, ex: &Extraction, format: Format, pretty: bool) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let f = std::fs::File::create(&tmp)?;
        let mut w = io::BufWriter::new(f);
        write(&mut w, ex, format, pretty)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Read back what [`write`] wrote, in either format.
pub fn read(data: &str) -> Result<Extraction, String> {
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
            let r: Record = serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1))?;
            match r {
                Record::Document(d) => documents.push(*d),
                Record::Error(e) => errors.push(e),
                Record::Header { .. } | Record::Summary(_) => {}
            }
        }
        Ok(crate::run::assemble(documents, errors))
    } else {
        serde_json::from_str(trimmed).map_err(|e| e.to_string())
    }
}
