//! The `zhibiao` command line: argument parsing, wiring and exit codes only.
//! All the work is in the library.

use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
#[cfg(feature = "eval")]
use zhibiao::eval;
use zhibiao::lexicon::{Lexicon, LexiconError};
use zhibiao::{Extraction, Extractor, audit, emit, pipe, run, table};

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
    after_help = "Examples:\n  zhibiao extract corpus/ -o out.json\n  zhibiao audit corpus/\n  zhibiao audit out.json --format html -o audit.html\n\nExit status: 0 ok (also when the reader of standard output closes it early, as `| head` does), 1 some files failed, 2 usage or I/O error, 3 audit threshold exceeded."
)]
struct Cli {
    /// A folder of your own lexicon tables (same names and columns as the
    /// bundled ones: slogans.txt, units.tsv, unit_names.tsv, indicators.tsv…),
    /// merged over the bundled tables. Repeatable; default: the folders in
    /// ZHIBIAO_LEXICON (separated like PATH).
    #[arg(long, global = true, value_name = "DIR")]
    lexicon: Vec<PathBuf>,
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
        override_usage = "zhibiao extract [OPTIONS] <PATH>...\n       zhibiao extract --stdin-jsonl [OPTIONS]",
        after_help = "Examples:\n  zhibiao extract corpus/ -o out.json\n  zhibiao extract plan.txt --pretty\n  zhibiao extract corpus/ --format jsonl > out.jsonl\n  cat plan.txt | zhibiao extract -\n  zhibiao extract --stdin-jsonl < records.jsonl > answers.jsonl"
    )]
    Extract {
        /// Files or folders (folders are walked for .txt .md .html .htm .docx .pdf files); `-` reads standard input.
        /// Required unless --stdin-jsonl.
        // Required, so that help shows `<PATH>...`; `--stdin-jsonl` conflicts
        // with it, which lifts the requirement.
        #[arg(required = true, value_name = "PATH")]
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
    /// For each numeral of a document's goals, the target rule that took it or
    /// blocked it, or that nothing did (`no unit`).
    #[command(
        after_help = "Examples:\n  zhibiao explain plan.txt\n  zhibiao explain plan.docx --json | jq .rule"
    )]
    Explain {
        /// A file (.txt, .html, .docx, .pdf, …), or `-` for standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// One JSON object per line instead of text.
        #[arg(long)]
        json: bool,
        /// Refuse files larger than SIZE: bytes, or a number with K, M or G.
        #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = run::parse_size)]
        max_file_size: u64,
    },
    /// One row per target (document, unit, section, goal, what, indicator,
    /// value, unit, comparator, change, mode, deadline, span) as CSV, an
    /// Excel workbook or JSON Lines.
    #[command(
        after_help = "Examples:\n  zhibiao table corpus/ -o targets.csv\n  zhibiao table corpus/ --format xlsx -o targets.xlsx\n  zhibiao table out.json --format jsonl -o targets.jsonl"
    )]
    Table {
        /// Documents or folders, or output files of `extract` (.json or .jsonl; not both kinds).
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
    /// Report which goals have a measurable target, per document, unit and domain.
    #[command(
        after_help = "Examples:\n  zhibiao audit corpus/\n  zhibiao audit out.json --format csv -o audit.csv\n  zhibiao audit corpus/ --format html -o audit.html\n  zhibiao audit corpus/ --fail-over 40%   # exit 3 if over 40% of plan goals are vague"
    )]
    Audit {
        /// Documents or folders, or output files of `extract` (.json or .jsonl; not both kinds).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value_t = audit::AuditFormat::Table)]
        format: audit::AuditFormat,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Exit with status 3 when the share of vague plan goals is above SHARE:
        /// a ratio from 0 to 1 (0.4) or a percentage (40%).
        #[arg(long, value_name = "SHARE", value_parser = run::parse_share)]
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
        /// Read only these formats from folders, e.g. `txt,docx` (txt, html,
        /// docx, pdf); other files in folders are then left out.
        #[arg(long, value_name = "FORMATS", value_parser = zhibiao::input::Only::parse)]
        only: Option<zhibiao::input::Only>,
    },
    /// Score the extractor against hand annotations (precision, recall, …).
    #[cfg(feature = "eval")]
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

/// Why a command stopped before its end. Every variant is exit status 2,
/// except a closed output pipe, which is no failure at all (see [`main`]).
#[derive(Debug)]
enum CliError {
    /// Writing the output failed: to this file, or to standard output.
    Write {
        to: Option<PathBuf>,
        source: io::Error,
    },
    /// `extract --stdin-jsonl` could not go on reading or writing.
    Stream(io::Error),
    /// A saved output of `extract` cannot be read.
    ReadSaved { path: PathBuf, source: io::Error },
    /// A `.json` or `.jsonl` argument is not an output of `extract`.
    NotAnOutput {
        path: PathBuf,
        reason: zhibiao::error::ReadError,
    },
    /// Saved outputs and documents given together.
    Mixed { saved: PathBuf, document: PathBuf },
    /// The gold annotations of `eval` cannot be used.
    #[cfg(feature = "eval")]
    Gold(eval::EvalError),
    /// A table could not be rendered.
    Render(zhibiao::error::RenderError),
    /// `table --format xlsx` without a file to write the workbook to.
    XlsxNeedsFile,
    /// A user's lexicon table is broken.
    Lexicon(LexiconError),
}

impl CliError {
    /// The reader of standard output went away (`zhibiao extract … | head`).
    fn is_broken_pipe(&self) -> bool {
        match self {
            CliError::Write { source, .. } | CliError::Stream(source) => {
                source.kind() == io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }

    fn write_stdout(source: io::Error) -> CliError {
        CliError::Write { to: None, source }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Write {
                to: Some(p),
                source,
            } => write!(f, "cannot write {}: {source}", p.display()),
            CliError::Write { to: None, source } => write!(f, "cannot write output: {source}"),
            CliError::Stream(e) => write!(f, "--stdin-jsonl: {e}"),
            CliError::ReadSaved { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            CliError::NotAnOutput { path, reason } => write!(
                f,
                "{} is not an output of `zhibiao extract` ({reason}); pass the documents instead",
                path.display()
            ),
            CliError::Mixed { saved, document } => write!(
                f,
                "{} is a saved output of `zhibiao extract` but {} is not: give either saved \
                 outputs (.json, .jsonl) or documents and folders, not both",
                saved.display(),
                document.display()
            ),
            #[cfg(feature = "eval")]
            CliError::Gold(e) => write!(f, "{e}"),
            CliError::Render(e) => e.fmt(f),
            CliError::Lexicon(e) => write!(f, "--lexicon: {e}"),
            CliError::XlsxNeedsFile => {
                f.write_str("--format xlsx writes a binary file: give it with -o FILE")
            }
        }
    }
}

/// Every command returns here. A closed standard output is where a reader
/// such as `head` stopped reading, not a failure: it ends the run quietly
/// with status 0, whatever the command, as `rg` and `grep` do.
fn main() -> ExitCode {
    let cli = Cli::parse();
    match run_command(cli.command, &cli.lexicon) {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// The extractor for commands that read documents: the bundled lexicon
/// with the user's tables merged over it. A bad user table stops the run
/// here, before any document is read.
fn extractor(dirs: &[PathBuf]) -> Result<Extractor, CliError> {
    let mut dirs = dirs.to_vec();
    if dirs.is_empty()
        && let Some(v) = std::env::var_os("ZHIBIAO_LEXICON")
    {
        dirs = std::env::split_paths(&v)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
    }
    let lexicon = if dirs.is_empty() {
        Lexicon::bundled()
    } else {
        Lexicon::with_user_dirs(&dirs).map_err(CliError::Lexicon)?
    };
    let ex = Extractor::new(lexicon);
    ex.warm_up();
    Ok(ex)
}

fn run_command(command: Command, lexicon_dirs: &[PathBuf]) -> Result<ExitCode, CliError> {
    let needs_extractor = matches!(
        command,
        Command::Extract { .. }
            | Command::Audit { .. }
            | Command::Table { .. }
            | Command::Track { .. }
            | Command::Explain { .. }
    );
    #[cfg(feature = "eval")]
    let needs_extractor = needs_extractor || matches!(command, Command::Eval { .. });
    // Commands that read no document (`text`, `schema`) build none.
    let extractor = match needs_extractor {
        true => Some(extractor(lexicon_dirs)?),
        false => None,
    };
    let extractor = || -> &Extractor {
        match &extractor {
            Some(e) => e,
            None => unreachable!("only commands that read documents ask for the extractor"),
        }
    };
    match command {
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
                ..run::Options::default()
            };
            if stdin_jsonl {
                return extract_stdin_jsonl(extractor(), &options, quiet);
            }
            let format = match format {
                OutFormat::Json => emit::Format::Json,
                OutFormat::Jsonl => emit::Format::Jsonl,
            };
            let bar = Bar::new(quiet);
            // Documents are written as their chunk finishes: memory stays flat
            // however many there are.
            let stream_to = |w: &mut dyn Write| -> io::Result<run::Outcome> {
                let mut stream = emit::Stream::begin(w, format, pretty)?;
                // Documents are rendered to JSON on the worker threads; this
                // thread only writes the bytes, in path order.
                let outcome = run::extract_streaming(
                    extractor(),
                    &paths,
                    &options,
                    &bar,
                    |e| emit::Prepared::of(e, format, pretty),
                    |prepared| stream.prepared(prepared?),
                )?;
                stream.finish(&outcome.errors, &outcome.summary)?;
                Ok(outcome)
            };
            let written = match output.as_deref().filter(|p| p.as_os_str() != "-") {
                Some(p) => {
                    emit::atomic_file(p, |w| stream_to(w)).map_err(|source| CliError::Write {
                        to: Some(p.to_path_buf()),
                        source,
                    })
                }
                None => stream_to(&mut io::stdout().lock()).map_err(CliError::write_stdout),
            };
            bar.0.finish_and_clear();
            let outcome = written?;
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
            Ok(extraction_status(
                outcome.summary.documents_extracted,
                &outcome.errors,
            ))
        }
        Command::Track {
            plans,
            against,
            format,
            output,
        } => {
            let options = run::Options::default();
            let saved_plans = read_saved(&plans)?;
            let saved_reports = read_saved(&against)?;
            // Each document is reduced to its figures where it was read.
            let lx = extractor().lexicon();
            let figures = |saved, paths: &[PathBuf], mode| -> Result<(Read, Vec<_>), CliError> {
                gather(extractor(), saved, paths, &options, |e| {
                    zhibiao::track::extracted_figures(lx, &e, mode)
                })
            };
            let (p, plan_figures) = figures(saved_plans, &plans, zhibiao::TargetMode::Target)?;
            let (r, report_figures) =
                figures(saved_reports, &against, zhibiao::TargetMode::Achievement)?;
            let mut errors = p.errors;
            errors.extend(r.errors);
            if p.documents == 0 || r.documents == 0 {
                return Ok(nothing_read(&errors));
            }
            let rows = zhibiao::track::track_figures(&plan_figures, &report_figures);
            let text = match format {
                TrackFormat::Table => zhibiao::track::text(&rows),
                TrackFormat::Csv => zhibiao::track::csv(&rows).map_err(CliError::Render)?,
                TrackFormat::Html => zhibiao::track::html(&rows),
            };
            write_rendered(output.as_deref(), text.as_bytes())?;
            Ok(extraction_status(p.documents + r.documents, &errors))
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
                (_, TableFormat::Xlsx) => return Err(CliError::XlsxNeedsFile),
                _ => PathBuf::new(),
            };
            let options = run::Options {
                max_file_bytes: max_file_size,
                ..run::Options::default()
            };
            let saved = read_saved(&paths)?;
            let read = if format == TableFormat::Xlsx {
                // A workbook is made whole: it holds every row.
                let (read, rows): (_, Vec<_>) =
                    gather(extractor(), saved, &paths, &options, |e| {
                        table::extracted_rows(&e)
                    })?;
                if read.documents == 0 {
                    return Ok(nothing_read(&read.errors));
                }
                let bytes = table::xlsx(&rows).map_err(CliError::Render)?;
                write_rendered(Some(&xlsx_path), &bytes)?;
                read
            } else {
                // Each document's rows are rendered where it was extracted
                // and written in path order as they come: memory stays flat
                // however many documents there are. The head waits for the
                // first document, so that nothing is written when none is read.
                let csv = format == TableFormat::Csv;
                let head = if csv {
                    table::csv_head().map_err(CliError::Render)?
                } else {
                    Vec::new()
                };
                let render = |rows: &[table::Row]| -> io::Result<Vec<u8>> {
                    let bytes = if csv {
                        table::csv_body(rows)
                    } else {
                        table::jsonl(rows).map(String::into_bytes)
                    };
                    bytes.map_err(io::Error::other)
                };
                // A document written goal by goal is rendered here, goal by
                // goal, as `extract` writes it; others where they were read.
                let body = |e| TablePiece::of(e, &render);
                let stream = |w: &mut dyn Write| -> io::Result<Read> {
                    let mut started = false;
                    each_document(extractor(), saved, &paths, &options, body, |piece| {
                        if !started {
                            w.write_all(&head)?;
                            started = true;
                        }
                        match piece {
                            TablePiece::Rendered(bytes) => w.write_all(&bytes?),
                            TablePiece::Deferred(d) => {
                                table::each_goal_rows(&d, |rows| w.write_all(&render(&rows)?))
                            }
                        }
                    })
                };
                let read = match output.as_deref().filter(|p| p.as_os_str() != "-") {
                    Some(p) => emit::atomic_file_if(p, |w| {
                        stream(w).map(|read| {
                            let keep = read.documents > 0;
                            (read, keep)
                        })
                    })
                    .map_err(|source| CliError::Write {
                        to: Some(p.to_path_buf()),
                        source,
                    })?,
                    None => {
                        let mut out = io::stdout().lock();
                        stream(&mut out)
                            .and_then(|read| out.flush().map(|()| read))
                            .map_err(CliError::write_stdout)?
                    }
                };
                if read.documents == 0 {
                    return Ok(nothing_read(&read.errors));
                }
                read
            };
            warn_errors(&read.errors);
            Ok(extraction_status(read.documents, &read.errors))
        }
        Command::Audit {
            paths,
            format,
            output,
            fail_over,
            threads,
            max_file_size,
            only,
        } => {
            set_threads(threads);
            let options = run::Options {
                max_file_bytes: max_file_size,
                only: only.unwrap_or_default(),
                ..run::Options::default()
            };
            // Each document is reduced to its rows of the report where it
            // was extracted: the report holds rows, never the documents.
            let saved = read_saved(&paths)?;
            let (read, report): (_, audit::AuditBuilder) =
                gather(extractor(), saved, &paths, &options, |e| {
                    [audit::DocumentAudit::of_extracted(&e)]
                })?;
            if read.documents == 0 {
                return Ok(nothing_read(&read.errors));
            }
            let report = report.finish();
            if format == audit::AuditFormat::Json {
                // The report of a large corpus is hundreds of megabytes of
                // JSON: written as serialized, not made whole first.
                write_streamed(output.as_deref(), |w| {
                    serde_json::to_writer_pretty(&mut *w, &report)?;
                    w.write_all(b"\n")
                })?;
            } else {
                write_rendered(output.as_deref(), audit::render(&report, format).as_bytes())?;
            }
            warn_errors(&read.errors);
            if let Some(limit) = fail_over {
                let share = report.vague_plan_share();
                if share > limit {
                    eprintln!(
                        "audit: {:.1}% of plan goals are vague, over the limit of {:.1}%",
                        share * 100.0,
                        limit * 100.0
                    );
                    return Ok(ExitCode::from(EXIT_GATE));
                }
            }
            Ok(extraction_status(read.documents, &read.errors))
        }
        #[cfg(feature = "eval")]
        Command::Eval { gold, paths, json } => {
            // Read the annotations first: a bad gold file fails before any extraction.
            let golds = eval::load_gold(&gold).map_err(CliError::Gold)?;
            let (documents, errors) = eval::read_documents(extractor(), &paths);
            for e in &errors {
                eprintln!("warning: {}: {}", e.path, e.message);
            }
            let scores = eval::score(&golds, &documents).map_err(CliError::Gold)?;
            let text = if json {
                let mut t = serde_json::to_string_pretty(&scores)
                    .map_err(|e| CliError::write_stdout(e.into()))?;
                t.push('\n');
                t
            } else {
                scores.render_text()
            };
            write_rendered(None, text.as_bytes())?;
            Ok(ExitCode::from(EXIT_OK))
        }
        Command::Text {
            file,
            max_file_size,
        } => print_text(&file, max_file_size),
        Command::Explain {
            file,
            json,
            max_file_size,
        } => explain_file(extractor(), &file, json, max_file_size),
        Command::Schema { jsonl } => {
            let schema = if jsonl {
                schemars::schema_for!(zhibiao::Record)
            } else {
                schemars::schema_for!(zhibiao::Extraction)
            };
            let mut text = serde_json::to_string_pretty(&schema)
                .map_err(|e| CliError::write_stdout(e.into()))?;
            text.push('\n');
            write_rendered(None, text.as_bytes())?;
            Ok(ExitCode::from(EXIT_OK))
        }
    }
}

/// `zhibiao explain FILE`: one line (or JSON object) per numeral of the
/// goals, read as `text` reads the file.
fn explain_file(
    ex: &Extractor,
    file: &Path,
    json: bool,
    max_file_size: u64,
) -> Result<ExitCode, CliError> {
    let input = one_input(file);
    let options = run::Options {
        max_file_bytes: max_file_size,
        ..run::Options::default()
    };
    let explained = run::read_input(&input, &options)
        .and_then(|bytes| zhibiao::explain::explain(ex, &input.display, &bytes));
    match explained {
        Ok(lines) => {
            let mut out = String::new();
            for e in &lines {
                if json {
                    let line =
                        serde_json::to_string(e).map_err(|e| CliError::write_stdout(e.into()))?;
                    out.push_str(&line);
                } else {
                    out.push_str(&e.render());
                }
                out.push('\n');
            }
            write_rendered(None, out.as_bytes())?;
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(e) => Ok(file_failed(&e)),
    }
}

/// A file named on the command line, `-` for standard input.
fn one_input(file: &Path) -> zhibiao::input::Input {
    if file.as_os_str() == "-" {
        zhibiao::input::Input {
            display: "-".into(),
            source: zhibiao::input::Source::Stdin,
        }
    } else {
        zhibiao::input::Input {
            display: zhibiao::input::display_path(file),
            source: zhibiao::input::Source::File(file.to_path_buf()),
        }
    }
}

/// `zhibiao text FILE`: the converted text, exactly, on standard output.
fn print_text(file: &Path, max_file_size: u64) -> Result<ExitCode, CliError> {
    let input = one_input(file);
    let options = run::Options {
        max_file_bytes: max_file_size,
        ..run::Options::default()
    };
    let converted = run::read_input(&input, &options)
        .and_then(|bytes| zhibiao::convert_bytes(&input.display, &bytes));
    match converted {
        Ok(c) => {
            write_rendered(None, c.text.as_bytes())?;
            Ok(ExitCode::from(EXIT_OK))
        }
        Err(e) => Ok(file_failed(&e)),
    }
}

/// The one file of `text` or `explain` could not be read: the error on
/// standard error, status 2 for a missing or unreadable file.
fn file_failed(e: &zhibiao::FileError) -> ExitCode {
    eprintln!("error: {} ({}): {}", e.path, e.kind.as_str(), e.message);
    match e.kind {
        zhibiao::ErrorKind::NotFound | zhibiao::ErrorKind::Unreadable => ExitCode::from(EXIT_USAGE),
        _ => ExitCode::from(EXIT_SOME_FAILED),
    }
}

/// `extract --stdin-jsonl`. Bad lines are answered in-band with error
/// records, so the status is 0 once every line has its answer: a stream
/// processor fails the whole task on any other status.
fn extract_stdin_jsonl(
    extractor: &Extractor,
    options: &run::Options,
    quiet: bool,
) -> Result<ExitCode, CliError> {
    let t = pipe::run(
        extractor,
        io::stdin(),
        // Flushed by `pipe::run` whenever it has caught up, not per line.
        io::BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        options.max_file_bytes,
    )
    .map_err(CliError::Stream)?;
    if !quiet {
        eprintln!(
            "zhibiao: {} lines, {} documents, {} errors",
            t.lines, t.documents, t.errors
        );
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn set_threads(threads: Option<usize>) {
    if let Some(n) = threads.filter(|n| *n > 0) {
        // Only fails if a pool was already built, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
}

/// The progress line: how many files of how many, the percentage done, the
/// time spent and the time left, then the file just finished.
const PROGRESS_TEMPLATE: &str =
    "[{bar:24}] {pos}/{len} files {percent}%, {elapsed} elapsed, ETA {eta} {wide_msg}";

/// A progress line on standard error when it is a terminal, else hidden.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new(quiet: bool) -> Bar {
        if quiet || !io::stderr().is_terminal() {
            return Bar(indicatif::ProgressBar::hidden());
        }
        Bar::styled(indicatif::ProgressBar::no_length())
    }

    fn styled(bar: indicatif::ProgressBar) -> Bar {
        bar.set_style(
            indicatif::ProgressStyle::with_template(PROGRESS_TEMPLATE)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl run::Progress for Bar {
    fn start(&self, total: usize) {
        self.0.set_length(total as u64);
    }

    fn done(&self, path: &str) {
        self.0.inc(1);
        self.0.set_message(path.to_string());
    }
}

/// One document of `table` as CSV or JSON Lines: its rows rendered where
/// it was read, or a huge document to render goal by goal as it is written.
enum TablePiece<'lx> {
    Rendered(io::Result<Vec<u8>>),
    Deferred(Box<zhibiao::Deferred<'lx>>),
}

impl<'lx> TablePiece<'lx> {
    fn of(
        e: run::Extracted<'lx>,
        render: &impl Fn(&[table::Row]) -> io::Result<Vec<u8>>,
    ) -> TablePiece<'lx> {
        match e {
            run::Extracted::Whole(d) => TablePiece::Rendered(render(&table::document_rows(&d))),
            run::Extracted::Deferred(d) => TablePiece::Deferred(Box::new(d)),
        }
    }
}

/// What a reporting command read: how many documents, and the inputs that
/// gave none.
struct Read {
    documents: usize,
    errors: Vec<zhibiao::FileError>,
}

/// Hand what `prepare` makes of each document to `sink`, in path order: the
/// documents of `saved` (from [`read_saved`]) if there are any, else those
/// extracted from `paths`, in parallel with a progress bar. `prepare` runs
/// on the worker thread that extracted the document, so only what it keeps
/// outlives the document. Fails only when `sink` does.
fn each_document<'lx, T: Send>(
    extractor: &'lx Extractor,
    saved: Option<Extraction>,
    paths: &[PathBuf],
    options: &run::Options,
    prepare: impl Fn(run::Extracted<'lx>) -> T + Sync,
    mut sink: impl FnMut(T) -> io::Result<()>,
) -> io::Result<Read> {
    if let Some(ex) = saved {
        let documents = ex.documents.len();
        for d in ex.documents {
            sink(prepare(run::Extracted::Whole(d)))?;
        }
        return Ok(Read {
            documents,
            errors: ex.errors,
        });
    }
    let bar = Bar::new(false);
    let outcome = run::extract_streaming(extractor, paths, options, &bar, prepare, |item| {
        sink(item).map(|()| zhibiao::Summary::default())
    });
    bar.0.finish_and_clear();
    let outcome = outcome?;
    Ok(Read {
        documents: outcome.summary.documents_extracted,
        errors: outcome.errors,
    })
}

/// [`each_document`] into memory: what `prepare` makes of each document,
/// gathered into `C` in path order.
fn gather<'lx, I, C>(
    extractor: &'lx Extractor,
    saved: Option<Extraction>,
    paths: &[PathBuf],
    options: &run::Options,
    prepare: impl Fn(run::Extracted<'lx>) -> I + Sync,
) -> Result<(Read, C), CliError>
where
    I: IntoIterator + Send,
    C: Default + Extend<I::Item>,
{
    let mut all = C::default();
    let read = each_document(extractor, saved, paths, options, prepare, |items| {
        all.extend(items);
        Ok(())
    })
    // Only the sink can fail a run, and this one cannot.
    .map_err(CliError::write_stdout)?;
    Ok((read, all))
}

/// The saved outputs of `extract` among `paths`, read into one extraction;
/// `None` when there are none. Outputs and documents together are refused:
/// a document would be counted once as text and again inside an output.
fn read_saved(paths: &[PathBuf]) -> Result<Option<Extraction>, CliError> {
    let saved: Vec<&PathBuf> = paths.iter().filter(|p| is_extraction_file(p)).collect();
    let Some(first) = saved.first() else {
        return Ok(None);
    };
    if let Some(document) = paths.iter().find(|p| !is_extraction_file(p)) {
        return Err(CliError::Mixed {
            saved: first.to_path_buf(),
            document: document.clone(),
        });
    }
    let read = |p: &Path| -> Result<Extraction, CliError> {
        let data = std::fs::read_to_string(p).map_err(|source| CliError::ReadSaved {
            path: p.to_path_buf(),
            source,
        })?;
        emit::read(&data).map_err(|reason| CliError::NotAnOutput {
            path: p.to_path_buf(),
            reason,
        })
    };
    if let [one] = saved.as_slice() {
        return read(one).map(Some);
    }
    // Several outputs: one extraction. A path in two of them (a file
    // extracted twice) is taken from the first and said so.
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    let mut from: std::collections::HashMap<String, &Path> = Default::default();
    for p in &saved {
        let ex = read(p)?;
        let names = ex
            .documents
            .into_iter()
            .map(|d| (d.path.clone(), Ok(d)))
            .chain(ex.errors.into_iter().map(|e| (e.path.clone(), Err(e))));
        for (name, item) in names {
            if let Some(earlier) = from.get(&name) {
                eprintln!(
                    "warning: {name} is in both {} and {}; taken from {}",
                    earlier.display(),
                    p.display(),
                    earlier.display()
                );
                continue;
            }
            from.insert(name, p);
            match item {
                Ok(d) => documents.push(d),
                Err(e) => errors.push(e),
            }
        }
    }
    Ok(Some(run::assemble(documents, errors)))
}

fn is_extraction_file(p: &Path) -> bool {
    p.is_file()
        && p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("jsonl"))
}

/// A report over no document at all would be an empty table that looks
/// like a result: say instead why nothing was read. Status 2 when every
/// input is missing or unreadable (or there was no input), else 1.
fn nothing_read(errors: &[zhibiao::FileError]) -> ExitCode {
    if errors.is_empty() {
        eprintln!("error: no documents to report on");
        return ExitCode::from(EXIT_USAGE);
    }
    use zhibiao::ErrorKind::{NotFound, Skipped, Unreadable};
    for e in errors {
        eprintln!("error: {} ({}): {}", e.path, e.kind.as_str(), e.message);
    }
    if errors
        .iter()
        .all(|e| matches!(e.kind, NotFound | Unreadable | Skipped))
    {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    }
}

fn warn_errors(errors: &[zhibiao::FileError]) {
    for e in errors {
        eprintln!("warning: {} ({}): {}", e.path, e.kind.as_str(), e.message);
    }
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

/// Write rendered output to `output` (a file, or standard output for none
/// or `-`), the way every command but `extract` does.
/// [`write_rendered`] for output written as it is made.
fn write_streamed(
    output: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), CliError> {
    match output.filter(|p| p.as_os_str() != "-") {
        Some(p) => std::fs::File::create(p)
            .and_then(|f| {
                let mut w = io::BufWriter::new(f);
                fill(&mut w)?;
                w.flush()
            })
            .map_err(|source| CliError::Write {
                to: Some(p.to_path_buf()),
                source,
            }),
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            fill(&mut out)
                .and_then(|()| out.flush())
                .map_err(CliError::write_stdout)
        }
    }
}

fn write_rendered(output: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match output.filter(|p| p.as_os_str() != "-") {
        Some(p) => std::fs::write(p, bytes).map_err(|source| CliError::Write {
            to: Some(p.to_path_buf()),
            source,
        }),
        None => {
            let mut out = io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(CliError::write_stdout)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use run::Progress;
    use std::sync::{Arc, Mutex};

    /// A terminal that keeps what is drawn on it.
    #[derive(Debug, Default, Clone)]
    struct Screen(Arc<Mutex<String>>);

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            120
        }
        fn move_cursor_up(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> io::Result<()> {
            self.write_str(&format!("{s}\n"))
        }
        fn write_str(&self, s: &str) -> io::Result<()> {
            if let Ok(mut screen) = self.0.lock() {
                screen.push_str(s);
            }
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            self.write_str("\n")
        }
        fn flush(&self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_progress_line_shows_the_total_the_percentage_and_the_time_left() {
        let screen = Screen::default();
        let bar = Bar::styled(indicatif::ProgressBar::with_draw_target(
            None,
            indicatif::ProgressDrawTarget::term_like(Box::new(screen.clone())),
        ));
        bar.start(8);
        bar.done("towns/2023/a.txt");
        bar.done("towns/2023/b.txt");
        bar.0.tick();
        let drawn = screen.0.lock().expect("screen").clone();
        let last = drawn
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or_default();
        assert!(last.contains(" 2/8 files 25%, "), "{drawn:?}");
        assert!(last.contains(", ETA "), "{last:?}");
        assert!(last.trim_end().ends_with("towns/2023/b.txt"), "{last:?}");
        assert!(last.starts_with("[====="), "{last:?}");
    }
}
