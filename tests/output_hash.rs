//! The output held byte for byte: `corpus/` and a generated corpus of a few
//! megabytes are extracted by the CLI and the hash of what it writes is
//! compared with the one recorded in `tests/output_hash.txt`.
//!
//! Speed work must not change a single byte of output; the snapshots hold
//! `corpus/` field by field, and this test holds a corpus a hundred times
//! more varied, made from every bundled document by edits that move their
//! numbers, lines and line ends (so that the same text is not merely
//! repeated). When the output is meant to change, rerun with
//! `ZHIBIAO_BLESS=1` and commit the new hashes with the change that
//! explains them; `ZHIBIAO_KEEP_GENERATED=DIR` keeps the generated corpus.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

const RECORD: &str = "tests/output_hash.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `.txt` documents of a folder of the repository, sorted by name.
fn documents(dir: &str) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 document"))
        .collect()
}

/// A small deterministic generator (a linear congruential one), so that the
/// shuffled variants are the same on every machine.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Every digit moved on by `k` (`35%` → `46%` for k = 1): the same sentences
/// with other numbers.
fn shift_digits(text: &str, k: u32) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + k) % 10, 10).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// ASCII digits written full-width (`２０２４`), as some portals publish them.
fn full_width_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The variants of one document: eight edits of it (the seventh joins it
/// with the next document).
fn variants(doc: &str, next: &str, seed: u64) -> Vec<String> {
    let lines: Vec<&str> = doc.lines().collect();
    let head = lines.len().min(2);
    let mut reversed = lines[..head].to_vec();
    reversed.extend(lines[head..].iter().rev());
    let mut shuffled = lines.clone();
    let mut rng = Lcg(seed);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    let thinned: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 != 2)
        .map(|(_, l)| *l)
        .collect();
    vec![
        doc.to_string(),
        shift_digits(doc, 1 + (seed % 9) as u32),
        reversed.join("\n"),
        common::mixed_line_ends(doc),
        shuffled.join("\n"),
        full_width_digits(doc),
        format!("{doc}\n{next}"),
        thinned.join("\n"),
    ]
}

/// Write the generated corpus into `dir`; its number of files and bytes.
fn generate(dir: &Path) -> (usize, usize) {
    let mut docs = documents("corpus");
    docs.extend(documents("tests/realform/docs"));
    docs.extend(documents("tests/independent/docs"));
    assert!(docs.len() >= 20, "bundled documents: {}", docs.len());
    let (mut files, mut bytes) = (0, 0);
    for (i, doc) in docs.iter().enumerate() {
        let next = &docs[(i + 1) % docs.len()];
        // Two rounds, the second on every digit moved by five: other
        // numbers, other shuffles.
        for round in 0..2u64 {
            let seed = 1 + i as u64 + 100 * round;
            let (doc, next) = if round == 0 {
                (doc.clone(), next.clone())
            } else {
                (shift_digits(doc, 5), shift_digits(next, 5))
            };
            for (v, text) in variants(&doc, &next, seed).iter().enumerate() {
                let sub = dir.join(format!("{}", files / 100));
                std::fs::create_dir_all(&sub).expect("folder");
                std::fs::write(sub.join(format!("d{i:02}_r{round}_v{v}.txt")), text)
                    .expect("write");
                files += 1;
                bytes += text.len();
            }
        }
    }
    (files, bytes)
}

/// The SHA-256 of what `extract --format jsonl` writes for `input` (a path
/// relative to `cwd`), without the header record, which names the version.
/// The output goes to `scratch`.
fn extract_hash(cwd: &Path, input: &str, jobs: &str, scratch: &Path) -> String {
    let out = scratch.join(format!("out_{jobs}.jsonl"));
    common::zhibiao()
        .current_dir(cwd)
        .args([
            "extract", "-q", input, "--format", "jsonl", "-j", jobs, "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).expect("output");
    let mut lines = text.split_inclusive('\n');
    let header = lines.next().expect("header record");
    assert!(header.contains(r#""record":"header""#), "{header}");
    let mut h = Sha256::new();
    for l in lines {
        h.update(l.as_bytes());
    }
    h.finalize().iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The hashes recorded, by name.
fn recorded() -> Vec<(String, String)> {
    std::fs::read_to_string(root().join(RECORD))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            Some((f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect()
}

#[test]
fn output_is_byte_for_byte_the_recorded_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (files, bytes) = generate(&tmp.path().join("generated"));
    // `ZHIBIAO_KEEP_GENERATED=DIR` keeps a copy of the generated corpus, to
    // run another build on it by hand.
    if let Some(keep) = std::env::var_os("ZHIBIAO_KEEP_GENERATED") {
        generate(Path::new(&keep));
    }
    assert!(
        files >= 160 && bytes > 2_000_000,
        "{files} files, {bytes} bytes"
    );

    let generated = extract_hash(tmp.path(), "generated", "2", tmp.path());
    // One thread writes exactly what two do.
    assert_eq!(
        extract_hash(tmp.path(), "generated", "1", tmp.path()),
        generated,
        "-j 1 and -j 2 differ"
    );
    let corpus = extract_hash(&root(), "corpus", "2", tmp.path());
    let now = [("corpus", corpus), ("generated", generated)];

    if std::env::var_os("ZHIBIAO_BLESS").is_some() {
        let mut s = String::from(
            "# SHA-256 of `zhibiao extract --format jsonl` output without its header\n\
             # record (tests/output_hash.rs). Rewrite with ZHIBIAO_BLESS=1 only when\n\
             # the output is meant to change.\n",
        );
        for (name, hash) in &now {
            let _ = writeln!(s, "{name} {hash}");
        }
        std::fs::write(root().join(RECORD), s).expect("write the record");
        return;
    }
    let record = recorded();
    for (name, hash) in &now {
        let want = record
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, h)| h.as_str());
        assert_eq!(
            want,
            Some(hash.as_str()),
            "the output on {name} changed ({files} generated files, {bytes} bytes); \
             if that is meant, rerun with ZHIBIAO_BLESS=1 and commit {RECORD}"
        );
    }
}
