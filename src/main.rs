//! The `zhibiao` command line: argument parsing, wiring and exit codes only.
//! All the work is in the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use zhibiao::{Extraction, audit, emit, eval, pipe, run};

/// The pipeline allocates many small strings and vectors per goal, from
/// several threads at once; mimalloc does that with fewer instructions and
/// less contention than the system allocator (measured: see README,
/// Benchmarks).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status: everything worked.
const EXIT_OK: u8 = 0;
/// Exit status: the run finished but some input files could not be extracted
/// (they are listed under `errors`).
const EXIT_SOME_FAILED: u8 = 1;
/// Exit status: nothing could be done (bad arguments, no input, output not writable).
const EXIT_USAGE: u8 = 2;
/// Exit status: `audit --fail-over` threshold exceeded.
const EXIT_GATE: u8 = 3;

#[derive(Parser)]
#[command(
    name = "zhibiao",
    version,
    about = "指标 — turn Chinese local-government work plans and reports into structured data",
    long_about = "zhibiao reads work plans and work reports (plain text in any common Chinese encoding, web pages, Word .docx and PDF), \
finds their units, sections, numbered goals and quantitative targets, normalises every number, \
keeps the exact character span of everything it found, and writes JSON.",
    after_help = "Examples:\n  zhibiao extract corpus/ -o out.json\n  zhibiao audit corpus/\n  zhibiao audit out.json --format html -o audit.html\n\nExit status: 0 ok, 1 some files failed, 2 usage or I/O error, 3 audit threshold exceeded."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Formats of `zhibiao track`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum TrackFormat {
    /// Tab-separated lines for the terminal.
    Table,
    /// UTF-8 with a byte-order mark, for Excel.
    Csv,
    /// One self-contained page with a bar per unit.
    Html,
}

/// Formats of `zhibiao table`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum TableFormat {
    /// UTF-8 with a byte-order mark, for Excel.
    Csv,
    /// An Excel workbook (needs -o FILE).
    Xlsx,
    /// One JSON object per line, for pandas and DuckDB.
    Jsonl,
}

#[derive(Subcommand)]
enum Command {
    /// Extract units, sections, goals and targets from documents into JSON.
    #[command(
        after_help = "Examples:\n  zhibiao extract corpus/ -o out.json\n  zhibiao extract plan.txt --pretty\n  zhibiao extract corpus/ --format jsonl > out.jsonl\n  cat plan.txt | zhibiao extract -\n  zhibiao extract --stdin-jsonl < records.jsonl > answers.jsonl"
    )]
    Extract {
        /// Files or folders (folders are walked for .txt .md .html .htm .docx .pdf files); `-` reads standard input.
        #[arg(required_unless_present = "stdin_jsonl", value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Write here instead of standard output (`-` is standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = OutFormat::Json)]
        format: OutFormat,
        /// Indent the JSON (ignored for jsonl).
        #[arg(long)]
        pretty: bool,
        /// Worker threads (default: all cores). Output is identical whatever the count.
        #[arg(
            short = 'j',
            long = "jobs",
            visible_alias = "threads",
            value_name = "N"
        )]
        threads: Option<usize>,
        /// No progress bar or summary on standard error.
        #[arg(short, long)]
        quiet: bool,
        /// Refuse files larger than SIZE (error `too_large`): bytes, or a number with K, M or G.
        #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = run::parse_size)]
        max_file_size: u64,
        /// Read JSON lines `{"path": …, "text": …}` or `{"path": …, "bytes_b64": …}`
        /// from standard input and write exactly one JSON line (a document or an
        /// error record) per input line, in input order: a stage for Spark's
        /// `RDD.pipe` and other stream processors.
        #[arg(long, conflicts_with_all = ["paths", "output", "format", "pretty", "only", "with_text"])]
        stdin_jsonl: bool,
        /// Put in each document the text its spans index (`text` field): for
        /// web pages, Word files and PDFs, the text extracted from them.
        #[arg(long)]
        with_text: bool,
        /// Read only these formats from folders, e.g. `txt,docx` (txt, html,
        /// docx, pdf); other files in folders are then left out.
        #[arg(long, value_name = "FORMATS", value_parser = zhibiao::input::Only::parse)]
        only: Option<zhibiao::input::Only>,
    },
    /// Print the text zhibiao reads from a file: what every span indexes.
    #[command(
        after_help = "Examples:\n  zhibiao text plan.docx\n  zhibiao text page.html | less\n  zhibiao text report.pdf > report.txt"
    )]
    Text {
        /// A file (.txt, .html, .docx, .pdf, …), or `-` for standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Refuse files larger than SIZE: bytes, or a number with K, M or G.
        #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = run::parse_size)]
        max_file_size: u64,
    },
    /// Report which goals have a measurable target, per document, unit and domain.
    #[command(
        after_help = "Examples:\n  zhibiao audit corpus/\n  zhibiao audit out.json --format csv -o audit.csv\n  zhibiao audit corpus/ --format html -o audit.html\n  zhibiao audit corpus/ --fail-over 0.4   # exit 3 if over 40% of plan goals are vague"
    )]
    /// One row per target (document, unit, section, goal, what, indicator,
    /// value, unit, comparator, change, mode, deadline, span) as CSV, an
    /// Excel workbook or JSON Lines.
    #[command(
        after_help = "Examples:\n  zhibiao table corpus/ -o targets.csv\n  zhibiao table corpus/ --format xlsx -o targets.xlsx\n  zhibiao table out.json --format jsonl -o targets.jsonl"
    )]
    Table {
        /// Documents or folders, or one output file of `extract` (.json or .jsonl).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Refuse documents larger than SIZE when extracting: bytes, or a number with K, M or G.
        #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = run::parse_size)]
        max_file_size: u64,
    },
    /// Hold plan targets against the figures reports give for them.
    #[command(
        after_help = "Examples:\n  zhibiao track plan_2023.txt --against report_2023.txt --format csv\n  zhibiao track plans/ --against reports/ --format html -o track.html"
    )]
    Track {
        /// Plan documents or folders.
        #[arg(required = true, value_name = "PLAN")]
        plans: Vec<PathBuf>,
        /// Report documents or folders.
        #[arg(long, required = true, num_args = 1.., value_name = "REPORT")]
        against: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TrackFormat::Table)]
        format: TrackFormat,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    Audit {
        /// Documents or folders, or one output file of `extract` (.json or .jsonl).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value_t = audit::AuditFormat::Table)]
        format: audit::AuditFormat,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Exit with status 3 when the share of vague plan goals is above RATIO (0–1).
        #[arg(long, value_name = "RATIO")]
        fail_over: Option<f64>,
        /// Worker threads when documents are extracted (default: all cores).
        #[arg(
            short = 'j',
            long = "jobs",
            visible_alias = "threads",
            value_name = "N"
        )]
        threads: Option<usize>,
        /// Refuse documents larger than SIZE when extracting: bytes, or a number with K, M or G.
        #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = run::parse_size)]
        max_file_size: u64,
    },
    /// Score the extractor against hand annotations (precision, recall, …).
    #[command(after_help = "Example:\n  zhibiao eval --gold tests/gold corpus/")]
    Eval {
        /// Folder of gold annotation files (*.json), one per document.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// The documents the annotations refer to.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of the output.
    #[command(
        after_help = "Examples:\n  zhibiao schema > extraction.schema.json\n  zhibiao schema --jsonl > record.schema.json"
    )]
    Schema {
        /// The schema of one `--format jsonl` line instead.
        #[arg(long)]
        jsonl: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Json,
    Jsonl,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(
        cli.command,
        Command::Extract { .. }
            | Command::Audit { .. }
            | Command::Eval { .. }
            | Command::Table { .. }
            | Command::Track { .. }
    ) {
        zhibiao::lexicon::warm_up();
    }
    match cli.command {
        Command::Extract {
            paths,
            output,
            format,
            pretty,
            threads,
            quiet,
            max_file_size,
            stdin_jsonl,
            with_text,
            only,
        } => {
            set_threads(threads);
            let options = run::Options {
                max_file_bytes: max_file_size,
                with_text,
                only: only.unwrap_or_default(),
            };
            if stdin_jsonl {
                return extract_stdin_jsonl(&options, quiet);
            }
            let format = match format {
                OutFormat::Json => emit::Format::Json,
                OutFormat::Jsonl => emit::Format::Jsonl,
            };
            let bar = progress_bar(quiet);
            let progress = |p: &str| {
                bar.inc(1);
                bar.set_message(p.to_string());
            };
            // Documents are written as their chunk finishes: memory stays flat
            // however many there are.
            let stream_to = |w: &mut dyn Write| -> std::io::Result<run::Outcome> {
                let mut stream = emit::Stream::begin(w, format, pretty)?;
                // Documents are rendered to JSON on the worker threads; this
                // thread only writes the bytes, in path order.
                let outcome = run::extract_streaming(
                    &paths,
                    &options,
                    &progress,
                    |d| emit::render_document(&d, format, pretty),
                    |rendered| stream.rendered_document(&rendered?),
                )?;
                stream.finish(&outcome.errors, &outcome.summary)?;
                Ok(outcome)
            };
            let written = match output.as_deref().filter(|p| p.as_os_str() != "-") {
                Some(p) => emit::atomic_file(p, |w| stream_to(w))
                    .map_err(|e| format!("cannot write {}: {e}", p.display())),
                None => stream_to(&mut std::io::stdout().lock())
                    .map_err(|e| format!("cannot write output: {e}")),
            };
            bar.finish_and_clear();
            let outcome = match written {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            if !quiet {
                print_summary(&outcome.summary, &outcome.errors, &outcome.notes);
                if outcome.left_out > 0 {
                    eprintln!(
                        "  note: {} file{} of other formats left out by --only",
                        outcome.left_out,
                        if outcome.left_out == 1 { "" } else { "s" }
                    );
                }
            }
            extraction_status(outcome.summary.documents_extracted, &outcome.errors)
        }
        Command::Track {
            plans,
            against,
            format,
            output,
        } => {
            let options = run::Options::default();
            let (p, r) = match (
                load_or_extract(&plans, &options),
                load_or_extract(&against, &options),
            ) {
                (Ok(p), Ok(r)) => (p, r),
                (Err(e), _) | (_, Err(e)) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            let rows = zhibiao::track::track(&p.documents, &r.documents);
            let rendered = match format {
                TrackFormat::Table => Ok(zhibiao::track::text(&rows)),
                TrackFormat::Csv => zhibiao::track::csv(&rows),
                TrackFormat::Html => Ok(zhibiao::track::html(&rows)),
            };
            let written =
                rendered.and_then(|text| write_rendered(output.as_deref(), text.as_bytes()));
            if let Err(e) = written {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
            let mut errors = p.errors.clone();
            errors.extend(r.errors.iter().cloned());
            extraction_status(p.documents.len() + r.documents.len(), &errors)
        }
        Command::Table {
            paths,
            format,
            output,
            max_file_size,
        } => {
            // A workbook is binary: it goes to a file, never to a terminal
            // or a pipe by accident.
            let xlsx_path = match (&output, format) {
                (Some(p), _) if p.as_os_str() != "-" => p.clone(),
                (_, TableFormat::Xlsx) => {
                    eprintln!("error: --format xlsx writes a binary file: give it with -o FILE");
                    return ExitCode::from(EXIT_USAGE);
                }
                _ => PathBuf::new(),
            };
            let options = run::Options {
                max_file_bytes: max_file_size,
                ..run::Options::default()
            };
            let ex = match load_or_extract(&paths, &options) {
                Ok(ex) => ex,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            let rows = zhibiao::table::rows(&ex.documents);
            let written = match format {
                TableFormat::Csv => zhibiao::table::csv(&rows)
                    .and_then(|text| write_rendered(output.as_deref(), text.as_bytes())),
                TableFormat::Jsonl => zhibiao::table::jsonl(&rows)
                    .and_then(|text| write_rendered(output.as_deref(), text.as_bytes())),
                TableFormat::Xlsx => zhibiao::table::xlsx(&rows)
                    .and_then(|bytes| write_rendered(Some(&xlsx_path), &bytes)),
            };
            if let Err(e) = written {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
            for e in &ex.errors {
                eprintln!("warning: {} ({}): {}", e.path, e.kind.as_str(), e.message);
            }
            extraction_status(ex.documents.len(), &ex.errors)
        }
        Command::Audit {
            paths,
            format,
            output,
            fail_over,
            threads,
            max_file_size,
        } => {
            set_threads(threads);
            let options = run::Options {
                max_file_bytes: max_file_size,
                ..run::Options::default()
            };
            let ex = match load_or_extract(&paths, &options) {
                Ok(ex) => ex,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            let report = audit::AuditReport::build(&ex.documents);
            let rendered = audit::render(&report, format);
            let written = match output.as_deref().filter(|p| p.as_os_str() != "-") {
                Some(p) => std::fs::write(p, rendered.as_bytes())
                    .map_err(|e| format!("cannot write {}: {e}", p.display())),
                None => std::io::stdout()
                    .lock()
                    .write_all(rendered.as_bytes())
                    .map_err(|e| format!("cannot write output: {e}")),
            };
            if let Err(e) = written {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
            for e in &ex.errors {
                eprintln!("warning: {} ({}): {}", e.path, e.kind.as_str(), e.message);
            }
            if let Some(limit) = fail_over {
                let share = report.vague_plan_share();
                if share > limit {
                    eprintln!(
                        "audit: {:.1}% of plan goals are vague, over the limit of {:.1}%",
                        share * 100.0,
                        limit * 100.0
                    );
                    return ExitCode::from(EXIT_GATE);
                }
            }
            extraction_status(ex.documents.len(), &ex.errors)
        }
        Command::Eval { gold, paths, json } => {
            // Read the annotations first: a bad gold file fails before any extraction.
            let golds = match eval::load_gold(&gold) {
                Ok(g) => g,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            let (documents, errors) = eval::read_documents(&paths);
            for e in &errors {
                eprintln!("warning: {}: {}", e.path, e.message);
            }
            match eval::score(&golds, &documents) {
                Ok(scores) => {
                    if json {
                        println!(
                            "{}",
                            serde_json::to_string_pretty(&scores).unwrap_or_default()
                        );
                    } else {
                        print!("{}", scores.render_text());
                    }
                    ExitCode::from(EXIT_OK)
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(EXIT_USAGE)
                }
            }
        }
        Command::Text {
            file,
            max_file_size,
        } => print_text(&file, max_file_size),
        Command::Schema { jsonl } => {
            let schema = if jsonl {
                schemars::schema_for!(zhibiao::Record)
            } else {
                schemars::schema_for!(zhibiao::Extraction)
            };
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            // A closed pipe (`zhibiao schema | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{text}");
            ExitCode::from(EXIT_OK)
        }
    }
}

/// `zhibiao text FILE`: the converted text, exactly, on standard output.
fn print_text(file: &Path, max_file_size: u64) -> ExitCode {
    let input = if file.as_os_str() == "-" {
        zhibiao::input::Input {
            display: "-".into(),
            source: zhibiao::input::Source::Stdin,
        }
    } else {
        zhibiao::input::Input {
            display: zhibiao::input::display_path(file),
            source: zhibiao::input::Source::File(file.to_path_buf()),
        }
    };
    let options = run::Options {
        max_file_bytes: max_file_size,
        ..run::Options::default()
    };
    let converted = run::read_input(&input, &options)
        .and_then(|bytes| zhibiao::convert_bytes(&input.display, &bytes));
    match converted {
        Ok(c) => match std::io::stdout().lock().write_all(c.text.as_bytes()) {
            Ok(()) => ExitCode::from(EXIT_OK),
            Err(e) => {
                eprintln!("error: cannot write output: {e}");
                ExitCode::from(EXIT_USAGE)
            }
        },
        Err(e) => {
            eprintln!("error: {} ({}): {}", e.path, e.kind.as_str(), e.message);
            match e.kind {
                zhibiao::ErrorKind::NotFound | zhibiao::ErrorKind::Unreadable => {
                    ExitCode::from(EXIT_USAGE)
                }
                _ => ExitCode::from(EXIT_SOME_FAILED),
            }
        }
    }
}

/// `extract --stdin-jsonl`. Bad lines are answered in-band with error
/// records, so the status is 0 once every line has its answer: a stream
/// processor fails the whole task on any other status.
fn extract_stdin_jsonl(options: &run::Options, quiet: bool) -> ExitCode {
    match pipe::run(
        std::io::stdin(),
        // Flushed by `pipe::run` whenever it has caught up, not per line.
        std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
        options.max_file_bytes,
    ) {
        Ok(t) => {
            if !quiet {
                eprintln!(
                    "zhibiao: {} lines, {} documents, {} errors",
                    t.lines, t.documents, t.errors
                );
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            eprintln!("error: --stdin-jsonl: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn set_threads(threads: Option<usize>) {
    if let Some(n) = threads.filter(|n| *n > 0) {
        // Only fails if a pool was already built, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
}

/// A progress bar on standard error when it is a terminal, else hidden.
fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    if !quiet && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} files, {per_sec}, {elapsed} {wide_msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// Extract into memory with a progress bar (for `audit`).
fn extract_with_progress(paths: &[PathBuf], options: &run::Options, quiet: bool) -> Extraction {
    let bar = progress_bar(quiet);
    let ex = run::extract_paths(paths, options, &|p| {
        bar.inc(1);
        bar.set_message(p.to_string());
    });
    bar.finish_and_clear();
    ex
}

/// Read a previous `extract` output, or extract the given documents.
fn load_or_extract(paths: &[PathBuf], options: &run::Options) -> Result<Extraction, String> {
    if let [p] = paths
        && is_extraction_file(p)
    {
        let data =
            std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        return emit::read(&data).map_err(|e| {
            format!(
                "{} is not an output of `zhibiao extract` ({e}); pass the documents instead",
                p.display()
            )
        });
    }
    Ok(extract_with_progress(paths, options, false))
}

fn is_extraction_file(p: &Path) -> bool {
    p.is_file()
        && p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("jsonl"))
}

/// At most this many notes are printed; the rest are counted.
const MAX_NOTES: usize = 20;

fn print_summary(s: &zhibiao::Summary, errors: &[zhibiao::FileError], notes: &[String]) {
    use zhibiao::ErrorKind::Skipped;
    let by_kind: Vec<String> = zhibiao::ErrorKind::tally(errors)
        .iter()
        .filter(|(k, _)| *k != Skipped)
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
    let failed = if by_kind.is_empty() {
        format!("{} failed", s.documents_failed)
    } else {
        format!("{} failed: {}", s.documents_failed, by_kind.join(", "))
    };
    // Skipped files by kind, most frequent first: `3 skipped: 2 .xlsx, 1 .png`.
    let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
    for e in errors.iter().filter(|e| e.kind == Skipped) {
        *kinds
            .entry(zhibiao::input::skipped_kind(&e.path))
            .or_default() += 1;
    }
    let mut kinds: Vec<(String, usize)> = kinds.into_iter().collect();
    kinds.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let skipped = if kinds.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
        format!("; {} skipped: {}", s.skipped, list.join(", "))
    };
    eprintln!(
        "zhibiao: {} files, {} documents, {} units, {} goals, {} targets, {} deadlines, {failed}{skipped}",
        s.files_seen, s.documents_extracted, s.units, s.goals, s.targets, s.deadlines,
    );
    for e in errors {
        let what = if e.kind == Skipped {
            "skipped"
        } else {
            "failed"
        };
        eprintln!("  {what}: {} ({}): {}", e.path, e.kind.as_str(), e.message);
    }
    for n in notes.iter().take(MAX_NOTES) {
        eprintln!("  note: {n}");
    }
    if notes.len() > MAX_NOTES {
        eprintln!("  note: … and {} more", notes.len() - MAX_NOTES);
    }
}

/// 0 when every input was extracted, 1 when some failed, 2 when nothing
/// could even be read (every input missing or unreadable).
fn extraction_status(documents: usize, errors: &[zhibiao::FileError]) -> ExitCode {
    use zhibiao::ErrorKind::{NotFound, Skipped, Unreadable};
    // Skipped files are listed, not failures.
    let errors: Vec<&zhibiao::FileError> = errors.iter().filter(|e| e.kind != Skipped).collect();
    if documents == 0
        && !errors.is_empty()
        && errors
            .iter()
            .all(|e| matches!(e.kind, NotFound | Unreadable))
    {
        ExitCode::from(EXIT_USAGE)
    } else if errors.is_empty() {
        ExitCode::from(EXIT_OK)
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    }
}

/// Write a rendered table to `output` (a file, or standard output for none
/// or `-`), the way `table` and `track` both do.
fn write_rendered(output: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), String> {
    match output.filter(|p| p.as_os_str() != "-") {
        Some(p) => {
            std::fs::write(p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))
        }
        None => std::io::stdout()
            .lock()
            .write_all(bytes)
            .map_err(|e| format!("cannot write output: {e}")),
    }
}
