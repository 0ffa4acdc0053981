//! Throughput of the pipeline on the bundled corpus: whole documents, and
//! the stages that dominate (decode, target grammar).
//! Run with `cargo bench --bench extract`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

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
    // Load lexicons and the segmenter dictionary once, outside the timing.
    let _ = zhibiao::extract_bytes("warmup", &docs[0].1);

    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("extract_bytes (5 documents)", |b| {
        b.iter(|| {
            for (p, bytes) in &docs {
                black_box(zhibiao::extract_bytes(p, bytes).ok());
            }
        })
    });
    g.bench_function("decode only", |b| {
        b.iter(|| {
            for (_, bytes) in &docs {
                black_box(zhibiao::decode::decode(bytes).ok());
            }
        })
    });
    let texts: Vec<zhibiao::text::Text> = docs
        .iter()
        .filter_map(|(_, b)| zhibiao::decode::decode(b).ok())
        .map(|d| zhibiao::text::Text::new(&d.text))
        .collect();
    g.bench_function("targets over whole texts", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(zhibiao::quantity::target::find_targets(
                    t,
                    zhibiao::Span::new(0, t.len()),
                    zhibiao::GoalMode::Target,
                ));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
