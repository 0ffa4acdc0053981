//! No word lists in the library's code: vocabulary lives in the lexicon
//! tables (`src/lexicon/*.tsv`), where a user can extend it and a test
//! validates it.
//!
//! A line of non-test code with three or more Chinese literals (`'和'`,
//! `"以来"`) is taken for a word list and fails this test, unless a comment
//! on it or just above it says it is numeral or numbering grammar (the
//! digits, multipliers, `百分之`, `第…章`), which is the same everywhere and
//! is checked against `tests/numerals.tsv` rather than extended by users.
//! The numeral module itself is that grammar and is left out whole.

use std::path::Path;

/// The grammar module: every line of it is numeral grammar.
const GRAMMAR_FILES: &[&str] = &["src/quantity/numeral.rs"];
/// How many lines above a flagged line a comment may explain it.
const WINDOW: usize = 6;

fn is_chinese(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The Chinese character and string literals of a line of code (comments
/// cut off).
fn chinese_literals(line: &str) -> usize {
    let code = line.split("//").next().unwrap_or("");
    let mut n = 0;
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' && c != '"' {
            continue;
        }
        let mut lit = String::new();
        let mut escaped = false;
        for d in chars.by_ref() {
            if escaped {
                escaped = false;
            } else if d == '\\' {
                escaped = true;
            } else if d == c {
                break;
            }
            lit.push(d);
        }
        // A lone `'` of a lifetime has no closing quote on short spans;
        // only literals holding Chinese count.
        if lit.chars().any(is_chinese) {
            n += 1;
        }
    }
    n
}

/// Lines of `source` that look like word lists, as `(line number, line)`.
fn word_list_lines(source: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        // Test modules sit at the end of a file.
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        if chinese_literals(line) < 3 {
            continue;
        }
        let explained = lines[i.saturating_sub(WINDOW)..=i].iter().any(|l| {
            l.split_once("//").is_some_and(|(_, comment)| {
                let c = comment.to_lowercase();
                c.contains("grammar") || c.contains("numeral")
            })
        });
        if !explained {
            out.push((i + 1, line.trim().to_string()));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_word_list_in_library_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 30, "{} files", files.len());
    let mut found = Vec::new();
    for f in &files {
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        // Whole files of tests or of test data.
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if GRAMMAR_FILES.contains(&rel.as_str()) || name == "tests.rs" || name == "fixture.rs" {
            continue;
        }
        let source = std::fs::read_to_string(f).unwrap_or_default();
        for (n, line) in word_list_lines(&source) {
            found.push(format!("{rel}:{n}: {line}"));
        }
    }
    assert!(
        found.is_empty(),
        "word lists in code (move them to a lexicon table, or say in a comment why they are \
         grammar):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_word_list() {
    let code = "fn f(c: char) -> bool {\n    matches!(c, '和' | '与' | '及')\n}\n";
    assert_eq!(word_list_lines(code).len(), 1);
    let explained =
        "// the numbering grammar of labels\nconst D: [char; 3] = ['章', '节', '条'];\n";
    assert!(word_list_lines(explained).is_empty());
    let in_tests =
        "#[cfg(test)]\nmod tests {\n    const W: [&str; 3] = [\"和\", \"与\", \"及\"];\n}\n";
    assert!(word_list_lines(in_tests).is_empty());
    assert_eq!(chinese_literals(r#"x("以来", '起', "a", '度')"#), 3);
}
