//! Documents written goal by goal (`run::Options::defer_over`) are byte for
//! byte the documents written whole, in both formats and with their totals;
//! and a paragraph far longer than any goal is cut into goals without
//! losing or splitting a number.

mod common;

use std::path::{Path, PathBuf};

use zhibiao::emit::{Format, Prepared, Stream};
use zhibiao::run::{self, Options, Progress};

struct Quiet;

impl Progress for Quiet {
    fn done(&self, _: &str) {}
}

/// The output `extract` writes for `dirs` with documents over `defer_over`
/// bytes of text written goal by goal.
fn extract(dirs: &[PathBuf], format: Format, pretty: bool, defer_over: usize) -> Vec<u8> {
    let ex = common::extractor();
    let options = Options {
        defer_over,
        ..Options::default()
    };
    let mut out = Vec::new();
    let mut stream = Stream::begin(&mut out, format, pretty).expect("begin");
    let outcome = run::extract_streaming(
        ex,
        dirs,
        &options,
        &Quiet,
        |e| {
            let deferred = matches!(e, run::Extracted::Deferred(_));
            assert_eq!(deferred, defer_over == 0, "deferred by the threshold only");
            Prepared::of(e, format, pretty)
        },
        |p| stream.prepared(p.expect("rendered")),
    )
    .expect("extract");
    stream
        .finish(&outcome.errors, &outcome.summary)
        .expect("finish");
    out
}

fn dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "corpus",
        "tests/independent/docs",
        "tests/realform/docs",
        "tests/fixtures/formats",
    ]
    .iter()
    .map(|d| root.join(d))
    .collect()
}

#[test]
fn deferred_documents_are_written_as_whole_ones() {
    for (format, pretty) in [
        (Format::Json, false),
        (Format::Jsonl, false),
        (Format::Json, true),
    ] {
        let whole = extract(&dirs(), format, pretty, usize::MAX);
        let deferred = extract(&dirs(), format, pretty, 0);
        assert!(whole.len() > 1_000_000, "{}", whole.len());
        // Both end with the summary, so the goal and target totals a
        // deferred document counts as it is written are compared too.
        assert!(
            String::from_utf8_lossy(&whole).contains("\"summary\""),
            "a summary"
        );
        if whole != deferred {
            let at = whole
                .iter()
                .zip(&deferred)
                .position(|(a, b)| a != b)
                .unwrap_or(whole.len().min(deferred.len()));
            let from = at.saturating_sub(200);
            panic!(
                "{format:?} (pretty {pretty}) differs at byte {at}:\nwhole:    {}\ndeferred: {}",
                String::from_utf8_lossy(&whole[from..(at + 200).min(whole.len())]),
                String::from_utf8_lossy(&deferred[from..(at + 200).min(deferred.len())])
            );
        }
    }
}

/// `audit`, `table` and `track` read a document written goal by goal as
/// they read it whole: the same report rows, table rows and figures.
#[test]
fn reports_read_deferred_documents_as_whole_ones() {
    use zhibiao::TargetMode;
    use zhibiao::audit::{AuditBuilder, DocumentAudit};
    use zhibiao::table;
    let ex = common::extractor();
    let options = Options {
        defer_over: 0,
        ..Options::default()
    };
    let mut audits = AuditBuilder::new();
    let mut whole_docs = Vec::new();
    let mut rows = 0;
    run::extract_streaming(
        ex,
        &dirs(),
        &options,
        &Quiet,
        |e| {
            let run::Extracted::Deferred(d) = e else {
                panic!("every document deferred");
            };
            let audit = DocumentAudit::of_deferred(&d);
            let lx = ex.lexicon();
            let figures = [TargetMode::Target, TargetMode::Achievement]
                .map(|mode| zhibiao::track::deferred_figures(lx, &d, mode));
            let deferred_rows = table::deferred_rows(&d);
            let mut each = Vec::new();
            table::each_goal_rows(&d, |r| {
                each.extend(r);
                Ok::<(), ()>(())
            })
            .expect("rows");
            let whole = d.into_document();
            assert_eq!(audit, DocumentAudit::of(&whole), "{}", whole.path);
            assert_eq!(
                deferred_rows,
                table::document_rows(&whole),
                "{}",
                whole.path
            );
            assert_eq!(each, deferred_rows, "{}", whole.path);
            for (f, mode) in figures
                .iter()
                .zip([TargetMode::Target, TargetMode::Achievement])
            {
                assert_eq!(
                    f,
                    &zhibiao::track::figures(lx, &whole, mode),
                    "{}",
                    whole.path
                );
            }
            (audit, deferred_rows.len(), whole)
        },
        |(audit, n, whole)| {
            audits.add(audit);
            rows += n;
            whole_docs.push(whole);
            Ok(zhibiao::Summary::default())
        },
    )
    .expect("extract");
    assert!(whole_docs.len() > 20, "{}", whole_docs.len());
    assert!(rows > 1_000, "{rows}");
    let report = audits.finish();
    assert_eq!(report, zhibiao::audit::AuditReport::build(&whole_docs));
    assert!(report.vague_plan_goals.len() > 10);
}

/// A plan's sentences run together on one line, as a page converted without
/// its line breaks: the paragraph is cut into goals at sentence ends, each
/// within the limit, and every number is read once.
#[test]
fn a_page_without_line_breaks_is_cut_into_goals_at_sentence_ends() {
    let sentence = "新增规模以上工业企业5家,完成固定资产投资3.5亿元,群众满意率达到95%以上;";
    let n = 600;
    let text = sentence.repeat(n);
    let d = common::extractor()
        .extract("plan.txt", text.as_bytes())
        .expect("a document");
    let goals: Vec<_> = d.units.iter().flat_map(|u| &u.goals).collect();
    let max = zhibiao::structure::goals::MAX_GOAL_CHARS;
    assert!(goals.len() >= text.chars().count() / max, "{}", goals.len());
    for g in &goals {
        assert!(g.span.len() <= max, "{}", g.span.len());
        assert!(g.text.ends_with(';'), "cut at a sentence end: {}", g.text);
        assert!(g.text.starts_with("新增"), "{}", g.text);
    }
    let targets: Vec<_> = goals.iter().flat_map(|g| &g.targets).collect();
    assert_eq!(targets.len(), 3 * n);
    assert!(
        targets
            .iter()
            .all(|t| [5.0, 3.5e8, 95.0].contains(&t.value))
    );
}

/// With no punctuation or space to cut at, a cut still never falls inside a
/// number.
#[test]
fn a_cut_without_punctuation_keeps_numbers_whole() {
    let text = "完成投资12345万元".repeat(1500);
    let d = common::extractor()
        .extract("plan.txt", text.as_bytes())
        .expect("a document");
    let goals: Vec<_> = d.units.iter().flat_map(|u| &u.goals).collect();
    assert!(goals.len() >= 2, "{}", goals.len());
    let values: Vec<f64> = goals
        .iter()
        .flat_map(|g| &g.targets)
        .map(|t| t.value)
        .collect();
    assert_eq!(values.len(), 1500, "every number read once");
    assert!(values.iter().all(|&v| v == 1.2345e8), "no number split");
}
