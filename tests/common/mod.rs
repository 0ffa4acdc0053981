//! Helpers shared by the integration tests: the binary as a user runs it,
//! the bundled corpus, and small inputs that are not text.
//!
//! Each test file uses a part of this module, so the rest is dead code to it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The start of a PDF file (what a `.txt` that is really a PDF holds).
pub const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
/// The start of a PNG image.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// The built `zhibiao` binary, run from the repository root.
pub fn zhibiao() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhibiao"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The bundled corpus folder.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The `.txt` file names of the corpus, sorted.
pub fn corpus_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

/// `text` with its line ends cycling through CRLF, CR and LF.
pub fn mixed_line_ends(text: &str) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| match i % 3 {
            0 => l.replace('\n', "\r\n"),
            1 => l.replace('\n', "\r"),
            _ => l.to_string(),
        })
        .collect()
}

/// One extractor with the bundled lexicon for the whole test binary: the
/// segmenter's dictionary is loaded once, as in a real run.
pub fn extractor() -> &'static zhibiao::Extractor {
    static EX: std::sync::OnceLock<zhibiao::Extractor> = std::sync::OnceLock::new();
    EX.get_or_init(|| zhibiao::Extractor::new(zhibiao::lexicon::Lexicon::bundled()))
}
