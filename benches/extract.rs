//! Per-stage timings of the pipeline on the bundled corpus, so that a
//! regression shows which stage it comes from. Every stage is measured over
//! the five documents of `corpus/` (throughput in bytes of the files), each
//! on the output of the stage before it, prepared outside the timing; the
//! `formats` group times converting one document's web page, Word file and
//! PDF to text, and the whole pipeline on each.
//! Run with `cargo bench --bench extract`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use zhibiao::{GoalMode, Span, clean, decode, emit, quantity, structure, text};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir("corpus")
        .expect("corpus/")
        .filter_map(|e| e.ok())
        .map(|e| {
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let total: usize = docs.iter().map(|(_, b)| b.len()).sum();
    // Load the lexicon and the segmenter dictionary once, outside the timing.
    let ex = zhibiao::Extractor::new(zhibiao::lexicon::Lexicon::bundled());
    let lx = ex.lexicon();
    let _ = ex.extract("warmup", &docs[0].1);

    // Each stage's input, prepared once.
    let decoded: Vec<String> = docs
        .iter()
        .filter_map(|(_, b)| decode::decode(b).ok())
        .map(|d| d.text)
        .collect();
    let texts: Vec<text::Text> = decoded.iter().map(|s| text::Text::new(s, lx)).collect();
    let cleaned: Vec<clean::Cleaned> = texts.iter().map(clean::clean).collect();
    let documents: Vec<zhibiao::Document> = docs
        .iter()
        .filter_map(|(p, b)| ex.extract(p, b).ok())
        .collect();
    // Every goal's span, with its text, for the per-goal stages.
    let goals: Vec<(usize, Span)> = documents
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            d.units
                .iter()
                .flat_map(|u| u.goals.iter().map(|g| g.span))
                .map(move |s| (i, s))
        })
        .collect();

    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("whole pipeline (Extractor::extract)", |b| {
        b.iter(|| {
            for (p, bytes) in &docs {
                black_box(ex.extract(p, bytes).ok());
            }
        })
    });
    g.bench_function("1 decode", |b| {
        b.iter(|| {
            for (_, bytes) in &docs {
                black_box(decode::decode(bytes).ok());
            }
        })
    });
    g.bench_function("2 fold (Text::new)", |b| {
        b.iter(|| {
            for s in &decoded {
                black_box(text::Text::new(s, lx));
            }
        })
    });
    g.bench_function("3 clean (lines, furniture)", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(clean::clean(t));
            }
        })
    });
    g.bench_function("4 structure (units, sections, goals and all of 5-7)", |b| {
        b.iter(|| {
            for (t, c) in texts.iter().zip(&cleaned) {
                black_box(structure::build_document(t, c, "bench", "", 0, "UTF-8"));
            }
        })
    });
    // What a goal's word lists can match on is found once per goal and
    // shared by targets, deadlines and commitments (it is measured here with
    // the targets, as `find_targets` finds it itself).
    let starts: Vec<zhibiao::lexicon::Starts> = goals
        .iter()
        .map(|(i, s)| lx.starts(texts[*i].chars_in(*s)))
        .collect();
    g.bench_function("5 targets, per goal", |b| {
        b.iter(|| {
            for (i, s) in &goals {
                black_box(quantity::target::find_targets(
                    &texts[*i],
                    *s,
                    GoalMode::Target,
                ));
            }
        })
    });
    g.bench_function("6 deadlines, per goal", |b| {
        b.iter(|| {
            for ((i, s), st) in goals.iter().zip(&starts) {
                black_box(quantity::deadline::find_deadlines(
                    &texts[*i],
                    *s,
                    Some(2024),
                    GoalMode::Target,
                    st,
                ));
            }
        })
    });
    g.bench_function("7 commitments, per goal", |b| {
        b.iter(|| {
            for ((i, s), st) in goals.iter().zip(&starts) {
                black_box(quantity::commitment::find_commitments(&texts[*i], *s, st));
            }
        })
    });
    g.bench_function("8 mode cues, per goal", |b| {
        b.iter(|| {
            for (i, s) in &goals {
                black_box(quantity::mode::Cues::find(
                    &texts[*i],
                    *s,
                    GoalMode::Target,
                    Some(2024),
                ));
            }
        })
    });
    g.bench_function("9 render JSONL", |b| {
        b.iter(|| {
            for d in &documents {
                black_box(emit::render_document(d, emit::Format::Jsonl, false).ok());
            }
        })
    });
    g.finish();

    // Converting each format to text (stage 0, before decoding), on one
    // corpus document's renditions; the throughput is the file's bytes.
    let mut f = c.benchmark_group("formats");
    for name in [
        "003_0d40b9ad88d90563.html",
        "003_0d40b9ad88d90563.docx",
        "003_0d40b9ad88d90563.pdf",
    ] {
        let bytes = std::fs::read(format!("tests/fixtures/formats/{name}")).expect("fixture");
        f.throughput(Throughput::Bytes(bytes.len() as u64));
        let ext = name.rsplit('.').next().unwrap_or(name);
        f.bench_function(format!("0 convert {ext}"), |b| {
            b.iter(|| black_box(zhibiao::convert_bytes(name, &bytes).ok()))
        });
        f.bench_function(format!("whole pipeline {ext}"), |b| {
            b.iter(|| black_box(ex.extract(name, &bytes).ok()))
        });
    }
    f.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
