//! Which files a run reads: arguments expanded to a sorted list of inputs.

use std::path::{Path, PathBuf};

use crate::model::{ErrorKind, FileError};

/// One input: where to read it and the path it is reported under.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path as reported in the output (relative to the folder argument,
    /// with `/` separators), `-` for stdin.
    pub display: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// File extensions read when walking a folder. Files named explicitly are
/// always read, whatever their extension, so that a wrong file gets a clear
/// error instead of being silently skipped.
pub const FOLDER_EXTENSIONS: &[&str] = &["txt"];

/// Expand arguments: files as given, folders walked recursively for `.txt`
/// files, `-` for stdin. Arguments that do not exist become errors. The result
/// is sorted by display path and free of duplicates.
pub fn collect(args: &[PathBuf]) -> (Vec<Input>, Vec<FileError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input {
                display: "-".into(),
                source: Source::Stdin,
            });
            continue;
        }
        if arg.is_dir() {
            let mut found = false;
            for entry in walkdir::WalkDir::new(arg)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_text_extension(e.path()) => {
                        found = true;
                        let rel = e.path().strip_prefix(arg).unwrap_or(e.path());
                        inputs.push(Input {
                            display: display_path(rel),
                            source: Source::File(e.path().to_path_buf()),
                        });
                    }
                    Ok(_) => {}
                    Err(err) => errors.push(FileError {
                        path: err
                            .path()
                            .map(display_path)
                            .unwrap_or_else(|| display_path(arg)),
                        kind: ErrorKind::Io,
                        message: format!("cannot read folder entry: {err}"),
                    }),
                }
            }
            if !found {
                errors.push(FileError {
                    path: display_path(arg),
                    kind: ErrorKind::Empty,
                    message: format!("the folder holds no {} files", FOLDER_EXTENSIONS.join("/")),
                });
            }
        } else if arg.exists() {
            inputs.push(Input {
                display: display_path(arg),
                source: Source::File(arg.clone()),
            });
        } else {
            errors.push(FileError {
                path: display_path(arg),
                kind: ErrorKind::Io,
                message:
                    "no such file or folder; check the path (folders are searched for .txt files)"
                        .into(),
            });
        }
    }
    inputs.sort();
    inputs.dedup_by(|a, b| a.display == b.display);
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (inputs, errors)
}

fn has_text_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| FOLDER_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// A path as reported: `/` separators, no leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
