//! The documentation held to the code.
//!
//! - Every `$ zhibiao …` example in a ```` ```console ```` block of
//!   `README.md` and `docs/*.md` is run by `trycmd` and its output compared
//!   with the block (`...` and `[..]` stand for output that varies); so are
//!   the cases of `tests/cmd/` (a command with its standard input and
//!   expected output, for what a Markdown block cannot give: standard input).
//! - `docs/output.md` describes every property of both JSON Schemas in
//!   `schemas/`, and names no field the schemas lack.
//! - Every property of both schemas has a description (from the doc
//!   comments of `src/model.rs`).
//! - The pandas and DuckDB snippets `tests/spark.rs` runs are where it looks
//!   for them.
//! - The per-format speed floors README quotes are those `benches/formats.sh`
//!   holds the formats to (`benches/format_floors.tsv`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn schema(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const SCHEMAS: [&str; 2] = [
    "schemas/extraction.schema.json",
    "schemas/record.schema.json",
];

/// Every `(owner, property, value)` of a schema: `owner` is the `$defs`
/// entry (or `(top)` / `record:<kind>` for the top level and the JSON Lines
/// record variants) whose `properties` hold it.
fn properties(schema: &Value) -> Vec<(String, String, Value)> {
    fn walk(owner: &str, v: &Value, out: &mut Vec<(String, String, Value)>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    // A record variant is told by its `record` constant.
                    let owner = match props.get("record").and_then(|r| r.get("const")) {
                        Some(Value::String(kind)) => format!("record:{kind}"),
                        _ => owner.to_string(),
                    };
                    for (name, p) in props {
                        out.push((owner.clone(), name.clone(), p.clone()));
                    }
                }
                for (key, child) in map {
                    if key == "$defs" {
                        if let Value::Object(defs) = child {
                            for (name, def) in defs {
                                walk(name, def, out);
                            }
                        }
                    } else if key != "properties" {
                        walk(owner, child, out);
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    walk(owner, item, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("(top)", schema, &mut out);
    out
}

#[test]
fn every_schema_property_has_a_description() {
    let mut missing = Vec::new();
    let mut seen = 0;
    let mut tags = 0;
    for rel in SCHEMAS {
        for (owner, name, p) in properties(&schema(rel)) {
            seen += 1;
            // The `record` tag of a JSON Lines record comes from
            // `#[serde(tag = "record")]` on the enum, where no doc comment
            // reaches it: a constant, described in docs/output.md.
            if owner.starts_with("record:") && name == "record" && p.get("const").is_some() {
                tags += 1;
                continue;
            }
            let described = p
                .get("description")
                .and_then(Value::as_str)
                .is_some_and(|d| !d.trim().is_empty());
            if !described {
                missing.push(format!("{rel}: {owner}.{name}"));
            }
        }
    }
    assert!(
        seen > 100,
        "only {seen} properties found: is the walk right?"
    );
    assert_eq!(tags, 4, "one `record` tag per JSON Lines record kind");
    assert!(
        missing.is_empty(),
        "properties without a description (add a `///` comment to the field in src/model.rs, \
         then regenerate schemas/):\n  {}",
        missing.join("\n  ")
    );
}

/// The name `docs/output.md` gives the object holding a schema property:
/// the `$defs` name, `Extraction` for the top level of the whole-file
/// output, `Header` for the first JSON Lines record and `Record` for the
/// `record` tag of the others (their fields are those of `Document`,
/// `FileError` and `Summary`).
fn doc_owner(owner: &str) -> String {
    match owner {
        "(top)" => "Extraction".into(),
        "record:header" => "Header".into(),
        o if o.starts_with("record:") => "Record".into(),
        o => o.into(),
    }
}

/// The `(object, field)` pairs `docs/output.md` describes: the backticked
/// first cell of each row of a table headed `| <Object> field | … |`.
fn documented_fields(markdown: &str) -> BTreeSet<(String, String)> {
    let mut fields = BTreeSet::new();
    let mut object: Option<String> = None;
    for line in markdown.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            object = None;
            continue;
        }
        let first = line.trim_start_matches('|').split('|').next().unwrap_or("");
        let first = first.trim();
        if let Some(o) = first.strip_suffix(" field") {
            object = Some(o.trim_matches('`').to_string());
            continue;
        }
        let Some(o) = &object else { continue };
        if let Some(name) = first.strip_prefix('`').and_then(|f| f.strip_suffix('`')) {
            fields.insert((o.clone(), name.to_string()));
        }
    }
    fields
}

#[test]
fn output_reference_describes_exactly_the_schema_fields() {
    let doc = read("docs/output.md");
    let documented = documented_fields(&doc);
    assert!(
        documented.len() > 50,
        "docs/output.md: only {} fields found in its `| <Object> field | … |` tables",
        documented.len()
    );
    let mut in_schemas = BTreeSet::new();
    for rel in SCHEMAS {
        for (owner, name, _) in properties(&schema(rel)) {
            in_schemas.insert((doc_owner(&owner), name));
        }
    }
    let undocumented: Vec<_> = in_schemas.difference(&documented).collect();
    let unknown: Vec<_> = documented.difference(&in_schemas).collect();
    assert!(
        undocumented.is_empty(),
        "schema properties docs/output.md does not describe (object, field): {undocumented:?}"
    );
    assert!(
        unknown.is_empty(),
        "docs/output.md describes fields no schema has (object, field): {unknown:?}"
    );
}

#[test]
fn field_tables_are_read_as_intended() {
    let md = "| `Goal` field | meaning |\n|---|---|\n| `a` | x |\n| `b_c` | y |\n\n\
              | code | m |\n|---|---|\n| `no` | z |\n\n| Span field | m |\n|---|---|\n| `start` | s |\n";
    let got: Vec<_> = documented_fields(md).into_iter().collect();
    let want: Vec<(String, String)> = [("Goal", "a"), ("Goal", "b_c"), ("Span", "start")]
        .iter()
        .map(|(o, f)| (o.to_string(), f.to_string()))
        .collect();
    assert_eq!(got, want);
}

/// The first fenced block of `language` in `text` holding `needle`, as
/// `tests/spark/check.py` looks for it.
fn fenced_block<'a>(text: &'a str, language: &str, needle: &str) -> Option<&'a str> {
    let fence = format!("```{language}\n");
    let mut rest = text;
    while let Some(start) = rest.find(&fence) {
        let body = &rest[start + fence.len()..];
        let end = body.find("```")?;
        if body[..end].contains(needle) {
            return Some(&body[..end]);
        }
        rest = &body[end + 3..];
    }
    None
}

#[test]
fn the_snippets_spark_rs_runs_are_in_the_user_guide() {
    let guide = read("docs/user-guide.md");
    let pandas = fenced_block(&guide, "python", "read_json(\"out.jsonl\", lines=True").expect(
        "docs/user-guide.md: no ```python block reading out.jsonl (tests/spark.rs runs it)",
    );
    for name in ["records", "docs", "targets"] {
        assert!(
            pandas.contains(&format!("{name} = ")),
            "the pandas snippet must define `{name}` (check.py reads it)"
        );
    }
    fenced_block(&guide, "sql", "read_json_auto('out.jsonl')")
        .expect("docs/user-guide.md: no ```sql block reading out.jsonl (tests/spark.rs runs it)");
    assert!(fenced_block(&guide, "sql", "no such query").is_none());
}

/// The start of an OLE2 compound file naming its main stream: an old Word
/// file as far as zhibiao can tell.
fn ole2(stream: &str) -> Vec<u8> {
    let mut b = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    b.resize(512, 0);
    b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    b
}

/// The folder the examples run in: the repository's data folders linked in,
/// the `mixed/` folder the user guide describes, and saved outputs of
/// `corpus/` (`out.json`, `out.jsonl`) for the examples that read them.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    for name in ["corpus", "tests", "schemas", "examples", "src"] {
        std::os::unix::fs::symlink(root().join(name), d.join(name)).expect("link");
    }
    let mixed = d.join("mixed");
    std::fs::create_dir(&mixed).expect("mkdir");
    let formats = root().join("tests/fixtures/formats");
    let name = "003_0d40b9ad88d90563";
    let copies: [(PathBuf, &str); 5] = [
        (root().join(format!("corpus/{name}.txt")), "a.txt"),
        (root().join(format!("corpus/{name}.txt")), "c.TXT"),
        (formats.join(format!("{name}.docx")), "plan.docx"),
        (formats.join(format!("{name}.pdf")), "plan.pdf"),
        (formats.join(format!("{name}.html")), "plan.html"),
    ];
    for (from, to) in copies {
        std::fs::copy(&from, mixed.join(to)).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
    std::fs::write(mixed.join("old.doc"), ole2("WordDocument")).expect("write");
    std::fs::write(mixed.join("budget.xlsx"), b"PK\x03\x04 xl/workbook.xml").expect("write");
    for (format, file) in [("json", "out.json"), ("jsonl", "out.jsonl")] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_zhibiao"))
            .args(["extract", "corpus/", "-q", "--format", format, "-o", file])
            .current_dir(d)
            .status()
            .expect("run zhibiao");
        assert!(status.success(), "extract corpus/ -o {file}: {status}");
    }
    dir
}

/// Every `$ zhibiao …` example of the README and the docs, run in the
/// sandbox. This is the only test of this file that depends on the working
/// directory (the others use absolute paths), and it sets it.
#[test]
// The docs show the full CLI: `zhibiao eval` runs (docs/quality.md, the user
// guide) need the `eval` feature.
#[cfg_attr(
    not(feature = "eval"),
    ignore = "the examples include `zhibiao eval`, built only with the `eval` feature"
)]
fn examples_in_the_docs_run_as_shown() {
    let dir = sandbox();
    std::env::set_current_dir(dir.path()).expect("cd sandbox");
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("zhibiao", PathBuf::from(env!("CARGO_BIN_EXE_zhibiao")))
        .env("NO_COLOR", "1")
        .case(root().join("README.md"))
        .case(root().join("docs/*.md"))
        .case(root().join("tests/cmd/*.toml"));
    cases.run();
    drop(dir);
}

/// The floors of `benches/format_floors.tsv`, (format, documents per
/// CPU-second).
fn format_floors() -> Vec<(String, u32)> {
    read("benches/format_floors.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let format = f.next().unwrap_or_default().to_string();
            let floor = f
                .next()
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or_else(|| panic!("format_floors.tsv: {l:?}"));
            (format, floor)
        })
        .collect()
}

#[test]
fn readme_quotes_the_format_floors() {
    let floors = format_floors();
    let formats: Vec<&str> = floors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(formats, ["txt", "html", "docx", "pdf"]);
    let readme = read("README.md");
    for (format, floor) in &floors {
        // `| docx | 150 | ... |`: the format and its floor, first two cells.
        let row = format!("| {format} | {floor} |");
        assert!(
            readme.contains(&row),
            "README has no floor row {row:?} (benches/format_floors.tsv)"
        );
    }
}
