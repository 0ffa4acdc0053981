//! Which files a run reads: arguments expanded to a sorted list of inputs.
//!
//! Real corpora hold broken symbolic links, link loops, unreadable files,
//! names that are not UTF-8, folders named like files and files named twice.
//! None of that stops a run: each problem becomes a [`FileError`] with a
//! code and a message, and each file is read at most once.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use crate::model::{DocFormat, ErrorKind, FileError};

/// One input: where to read it and the path it is reported under.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path as reported in the output, with `/` separators: as given for
    /// a file argument; for a file found in a folder, relative to the folder
    /// when only one folder is given, else with the folder in front; `-` for
    /// stdin.
    pub display: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// File extensions read when walking a folder (any case): the formats
/// zhibiao reads. Files named explicitly are always read, whatever their
/// extension, so that a wrong file gets a clear error instead of being
/// silently skipped.
pub const FOLDER_EXTENSIONS: &[&str] = &["txt", "text", "md", "html", "htm", "docx", "pdf"];

/// Office formats that are read only to be refused with the conversion
/// that makes them readable (`libreoffice --headless --convert-to docx`):
/// old Word and WPS documents, old Excel and WPS sheets, RTF, OpenDocument.
pub const CONVERTIBLE_EXTENSIONS: &[&str] = &["doc", "wps", "xls", "et", "rtf", "odt"];

/// Which files of a folder are read: all known formats, or only some
/// (`extract --only txt,docx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Only {
    /// Bit `1 << i` set for `DocFormat::ALL[i]`; 0 means every format.
    mask: u8,
}

impl Only {
    pub fn all() -> Only {
        Only { mask: 0 }
    }

    /// `txt,docx` → those formats (`md`, `text` mean `txt`, `htm` means `html`).
    pub fn parse(s: &str) -> Result<Only, String> {
        let mut mask = 0u8;
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let f = DocFormat::from_extension(part).ok_or_else(|| {
                format!("{part:?} is not a format zhibiao reads: use txt, html, docx or pdf")
            })?;
            mask |= 1 << format_index(f);
        }
        if mask == 0 {
            return Err("--only needs at least one of txt, html, docx, pdf".into());
        }
        Ok(Only { mask })
    }

    pub fn contains(self, f: DocFormat) -> bool {
        self.mask == 0 || self.mask & (1 << format_index(f)) != 0
    }

    fn is_all(self) -> bool {
        self.mask == 0
    }
}

fn format_index(f: DocFormat) -> usize {
    DocFormat::ALL.iter().position(|&x| x == f).unwrap_or(0)
}

/// What a folder entry is, by its name.
enum Entry {
    /// A format that is read (and allowed by `--only`).
    Read,
    /// A known format that `--only` leaves out.
    LeftOut,
    /// Any other file: reported as skipped.
    Skip,
}

fn entry_kind(p: &Path, only: Only) -> Entry {
    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
    if let Some(f) = DocFormat::from_extension(ext)
        && FOLDER_EXTENSIONS
            .iter()
            .any(|x| x.eq_ignore_ascii_case(ext))
    {
        return if only.contains(f) {
            Entry::Read
        } else {
            Entry::LeftOut
        };
    }
    if CONVERTIBLE_EXTENSIONS
        .iter()
        .any(|x| x.eq_ignore_ascii_case(ext))
    {
        // Read to be refused with the conversion that makes them readable,
        // unless the user narrowed the set.
        return if only.is_all() {
            Entry::Read
        } else {
            Entry::LeftOut
        };
    }
    Entry::Skip
}

/// How a skipped file is listed: its kind, by extension.
pub fn skipped_kind(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some(e) if !name.starts_with('.') || name[1..].contains('.') => {
            format!(".{}", e.to_ascii_lowercase())
        }
        _ => "no extension".into(),
    }
}

fn skipped(path: String) -> FileError {
    let kind = skipped_kind(&path);
    let what = if kind == "no extension" {
        "a file without extension".to_string()
    } else {
        format!("a {kind} file")
    };
    FileError {
        path,
        kind: ErrorKind::Skipped,
        message: format!(
            "{what}: not a format zhibiao reads (.txt .text .md .html .htm .docx .pdf); \
             skipped — name it explicitly to have it examined"
        ),
    }
}

/// The arguments expanded.
#[derive(Debug, Clone, Default)]
pub struct Collected {
    /// Sorted by display path; each file once, each display path unique.
    pub inputs: Vec<Input>,
    /// Arguments and folder entries that cannot be read, sorted by path.
    pub errors: Vec<FileError>,
    /// Things the user should know that are not failures: a file named
    /// twice (read once).
    pub notes: Vec<String>,
    /// Files of a known format in folders that `--only` left out.
    pub left_out: usize,
}

/// Expand arguments: files as given, folders walked recursively for `.txt`
/// files, `-` for stdin. Arguments that cannot be read become errors. A file
/// reached twice (named twice, or through a symbolic link) is read once, and
/// a note says so.
pub fn collect(args: &[PathBuf]) -> Collected {
    collect_only(args, Only::all())
}

/// [`collect`], reading from folders only the formats `only` allows; the
/// files it leaves out are counted in [`Collected::left_out`].
pub fn collect_only(args: &[PathBuf], only: Only) -> Collected {
    let mut found: Vec<Found> = Vec::new();
    let mut errors = Vec::new();
    let mut left_out = 0usize;
    let kinds: Vec<Option<Result<Kind, (ErrorKind, String)>>> = args
        .iter()
        .map(|arg| (arg.as_os_str() != "-").then(|| classify(arg)))
        .collect();
    // With one folder argument, its files are reported relative to it
    // (`a.txt`); with several, each keeps the folder it came from
    // (`towns/2023/a.txt`), so that the output says where a document is.
    let folders = kinds
        .iter()
        .filter(|k| matches!(k, Some(Ok(Kind::Dir))))
        .count();
    let names = if folders > 1 {
        Names::Whole
    } else {
        Names::Relative
    };
    for (arg, kind) in args.iter().zip(kinds) {
        let Some(kind) = kind else {
            found.push(Found {
                display: "-".into(),
                full: "-".into(),
                source: Source::Stdin,
            });
            continue;
        };
        match kind {
            Ok(Kind::Dir) => walk(arg, only, names, &mut found, &mut errors, &mut left_out),
            Ok(Kind::File) => found.push(Found {
                display: display_path(arg),
                full: display_path(arg),
                source: Source::File(arg.clone()),
            }),
            Err((kind, message)) => errors.push((
                arg.clone(),
                FileError {
                    path: display_path(arg),
                    kind,
                    message,
                },
            )),
        }
    }
    let (inputs, notes) = dedup(found);
    // The same broken link reached twice (named, and inside a folder) is
    // one failure. Such paths cannot be resolved, so they are compared as
    // absolute paths. Errors whose names clash (two folders with a broken
    // `plan.txt` each) are reported under their whole paths, like inputs.
    let mut seen = HashSet::new();
    errors.retain(|(p, _)| seen.insert(std::path::absolute(p).unwrap_or_else(|_| p.clone())));
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for name in inputs
        .iter()
        .map(|i| &i.display)
        .chain(errors.iter().map(|(_, e)| &e.path))
    {
        *count.entry(name.clone()).or_default() += 1;
    }
    let mut errors: Vec<FileError> = errors
        .into_iter()
        .map(|(p, mut e)| {
            if count.get(&e.path).is_some_and(|&n| n > 1) {
                e.path = display_path(&p);
            }
            e
        })
        .collect();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    Collected {
        inputs,
        errors,
        notes,
        left_out,
    }
}

/// An input before duplicates are removed: `full` is the path as it would
/// be shown without the folder argument stripped, used when two inputs
/// would otherwise be reported under the same name.
struct Found {
    display: String,
    full: String,
    source: Source,
}

enum Kind {
    File,
    Dir,
}

/// How the files found in a folder argument are named in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    /// Relative to the folder argument: `a.txt` for `towns/2023/a.txt`.
    Relative,
    /// With the folder argument in front: `towns/2023/a.txt`.
    Whole,
}

/// What an argument is, following symbolic links, or why it cannot be read.
fn classify(arg: &Path) -> Result<Kind, (ErrorKind, String)> {
    let link = std::fs::symlink_metadata(arg).map_err(|e| path_error(&e, false))?;
    match std::fs::metadata(arg) {
        Ok(m) if m.is_dir() => Ok(Kind::Dir),
        // Regular files, and also pipes and devices named explicitly
        // (`<(zcat plan.txt.gz)`): the user asked for them, and reading is
        // bounded by the size limit.
        Ok(_) => Ok(Kind::File),
        Err(e) if link.is_symlink() => Err(link_error(arg, &e)),
        Err(e) => Err(path_error(&e, false)),
    }
}

/// The extensions read from folders as a message lists them (`.txt .md …`).
fn folder_extension_list() -> String {
    FOLDER_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A path that cannot be opened: its code and a message saying what to do.
fn path_error(e: &io::Error, in_folder: bool) -> (ErrorKind, String) {
    match e.kind() {
        io::ErrorKind::NotFound if in_folder => (
            ErrorKind::NotFound,
            format!("disappeared while the folder was read ({e})"),
        ),
        io::ErrorKind::NotFound => (
            ErrorKind::NotFound,
            format!(
                "no such file or folder; check the path (folders are searched for {} files)",
                folder_extension_list()
            ),
        ),
        io::ErrorKind::NotADirectory => (
            ErrorKind::NotFound,
            format!("a file is used as a folder in this path ({e})"),
        ),
        io::ErrorKind::PermissionDenied => (
            ErrorKind::Unreadable,
            format!("permission denied; check the permissions of the file and its folders ({e})"),
        ),
        _ => (ErrorKind::Unreadable, format!("cannot be read: {e}")),
    }
}

/// A symbolic link that cannot be followed: dangling, or part of a loop.
fn link_error(path: &Path, e: &io::Error) -> (ErrorKind, String) {
    let target = std::fs::read_link(path)
        .map(|t| display_path(&t))
        .unwrap_or_else(|_| "?".into());
    if e.kind() == io::ErrorKind::NotFound {
        (
            ErrorKind::NotFound,
            format!("broken symbolic link: it points to {target}, which does not exist"),
        )
    } else {
        (
            ErrorKind::Unreadable,
            format!(
                "symbolic link to {target} cannot be followed ({e}); \
                 links that point to each other form a loop"
            ),
        )
    }
}

/// Walk a folder for text files. Entries that cannot be read are reported
/// when they could have been inputs: a broken `notes.md` link is not.
fn walk(
    arg: &Path,
    only: Only,
    names: Names,
    found: &mut Vec<Found>,
    errors: &mut Vec<(PathBuf, FileError)>,
    left_out: &mut usize,
) {
    let before = (found.len(), errors.len(), *left_out);
    let rel = |p: &Path| match names {
        Names::Relative => display_path(p.strip_prefix(arg).unwrap_or(p)),
        Names::Whole => display_path(p),
    };
    for entry in walkdir::WalkDir::new(arg)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() => match entry_kind(e.path(), only) {
                Entry::Read => found.push(Found {
                    display: rel(e.path()),
                    full: display_path(e.path()),
                    source: Source::File(e.path().to_path_buf()),
                }),
                Entry::LeftOut => *left_out += 1,
                Entry::Skip => errors.push((e.path().to_path_buf(), skipped(rel(e.path())))),
            },
            Ok(e) if e.file_type().is_dir() => {}
            // A pipe or device in the folder: reading it could block or
            // never end, so it is reported rather than read.
            Ok(e) => {
                if has_text_extension(e.path()) {
                    errors.push((
                        e.path().to_path_buf(),
                        FileError {
                            path: rel(e.path()),
                            kind: ErrorKind::Unreadable,
                            message: "not a regular file (a pipe, socket or device); not read"
                                .into(),
                        },
                    ));
                }
            }
            Err(err) => {
                let Some(path) = err.path() else { continue };
                if !could_be_input(path) {
                    continue;
                }
                let (kind, message) = if let Some(ancestor) = err.loop_ancestor() {
                    (
                        ErrorKind::Unreadable,
                        format!(
                            "symbolic link loop: it leads back to {}; not followed",
                            display_path(ancestor)
                        ),
                    )
                } else if let Some(e) = err.io_error() {
                    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
                    if is_link {
                        link_error(path, e)
                    } else {
                        path_error(e, true)
                    }
                } else {
                    (ErrorKind::Unreadable, format!("cannot be read: {err}"))
                };
                errors.push((
                    path.to_path_buf(),
                    FileError {
                        path: rel(path),
                        kind,
                        message,
                    },
                ));
            }
        }
    }
    if (found.len(), errors.len(), *left_out) == before {
        errors.push((
            arg.to_path_buf(),
            FileError {
                path: display_path(arg),
                kind: ErrorKind::Empty,
                message: format!(
                    "the folder holds no files ({} files are read)",
                    folder_extension_list()
                ),
            },
        ));
    }
}

/// A folder entry that failed could have been an input unless its name
/// says it is some other kind of file.
fn could_be_input(p: &Path) -> bool {
    p.extension().is_none() || has_text_extension(p)
}

/// Drop second sightings of the same file (by canonical path) and make
/// display paths unique. Returns the inputs sorted by display path and a
/// note per dropped duplicate.
fn dedup(found: Vec<Found>) -> (Vec<Input>, Vec<String>) {
    let mut seen: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut notes = Vec::new();
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        let key = match &f.source {
            Source::Stdin => PathBuf::from("-"),
            Source::File(p) => std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()),
        };
        if let Some(first) = seen.get(&key) {
            notes.push(if *first == f.full {
                format!("{} is given more than once; read once", f.full)
            } else {
                format!("{} is the same file as {first}; read once", f.full)
            });
            continue;
        }
        seen.insert(key, f.full.clone());
        kept.push(f);
    }
    // A file named on the command line may have the name a file of the
    // folder argument is reported under (`plan.txt` and `2023/` holding a
    // `plan.txt`): those are shown with their whole path so that neither
    // hides the other.
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &kept {
        *count.entry(f.display.as_str()).or_default() += 1;
    }
    let clashing: HashSet<String> = count
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(d, _)| d.to_string())
        .collect();
    let mut used = HashSet::new();
    let mut inputs: Vec<Input> = kept
        .into_iter()
        .map(|f| {
            let mut display = if clashing.contains(&f.display) {
                f.full
            } else {
                f.display
            };
            // Still taken (only contrived argument lists get here): number it.
            if used.contains(&display) {
                let base = display.clone();
                let mut k = 2;
                while used.contains(&display) {
                    display = format!("{base}#{k}");
                    k += 1;
                }
            }
            used.insert(display.clone());
            Input {
                display,
                source: f.source,
            }
        })
        .collect();
    inputs.sort();
    (inputs, notes)
}

fn has_text_extension(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        FOLDER_EXTENSIONS
            .iter()
            .chain(CONVERTIBLE_EXTENSIONS)
            .any(|x| x.eq_ignore_ascii_case(e))
    })
}

/// A path as reported: `/` separators, no leading `./`. Bytes of a file name
/// that are not UTF-8 are written `\xNN`, so that two such names never
/// collapse into one.
pub fn display_path(p: &Path) -> String {
    let s = lossless(p);
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(unix)]
fn lossless(p: &Path) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in p.as_os_str().as_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "/"));
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

#[cfg(not(unix))]
fn lossless(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
