//! Web pages, Word documents and PDFs rendered from a corpus document by
//! real tools (`tests/fixtures/formats/make.sh`: LibreOffice for .docx and
//! .pdf, a portal page template for .html) read like the `.txt` they came
//! from; folders of mixed formats are accounted for file by file; hostile
//! files of each format are errors or documents, never a panic or a hang.

use std::path::{Path, PathBuf};

use base64::Engine;
use zhibiao::{DocFormat, Document, ErrorKind, Extraction};

mod common;
use common::zhibiao;

const NAME: &str = "003_0d40b9ad88d90563";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn extract(path: &Path) -> Document {
    let bytes = std::fs::read(path).expect("fixture");
    common::extractor()
        .extract_with(&path.to_string_lossy(), &bytes, true)
        .expect("a document")
}

/// What must not depend on the format: units, sections (label, heading,
/// level), goals (path, label, text) and targets (text, value, unit,
/// mode), without spans (the HTML page's title line moves every offset).
fn structure(d: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for u in &d.units {
        out.push(format!("unit {:?}", u.name));
        for s in &u.sections {
            out.push(format!("section {} {:?} {}", s.level, s.label, s.heading));
        }
        for g in &u.goals {
            out.push(format!("goal {:?} {:?} {}", g.path, g.label, g.text));
            for t in &g.targets {
                out.push(format!(
                    "  target {} {} {:?} {:?} {:?}",
                    t.text, t.value, t.value_max, t.unit, t.mode
                ));
            }
            for dl in &g.deadlines {
                out.push(format!("  deadline {} {:?}", dl.text, dl.by));
            }
        }
    }
    out
}

fn txt() -> Document {
    extract(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("corpus/{NAME}.txt")))
}

fn same_as_txt(file: &str, format: DocFormat) -> Document {
    let reference = txt();
    let d = extract(&fixture(file));
    assert_eq!(d.format, format, "{file}");
    assert_eq!(structure(&d), structure(&reference), "{file}");
    assert!(
        structure(&d).len() > 60,
        "the comparison covers the document"
    );
    assert_eq!(
        (d.year, d.genre),
        (reference.year, reference.genre),
        "{file}"
    );
    let text = d.text.as_deref().expect("--with-text");
    let problems = zhibiao::verify::check_document(&d, text);
    assert!(problems.is_empty(), "{file}: {problems:#?}");
    d
}

#[test]
fn docx_with_word_numbering_reads_like_the_txt() {
    // The headings `(一)` … and items `1.` are Word list numbering: not in
    // the paragraphs' text, rendered from numbering.xml.
    let raw = std::fs::read(fixture(&format!("{NAME}.docx"))).expect("fixture");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&raw[..])).expect("zip");
    let mut body = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").expect("body"),
        &mut body,
    )
    .expect("UTF-8");
    assert!(body.contains("<w:numId"), "numbered by Word");
    assert!(!body.contains("(一)抓管护"), "the label is not in the text");
    let d = same_as_txt(&format!("{NAME}.docx"), DocFormat::Docx);
    assert!(
        d.text
            .as_deref()
            .is_some_and(|t| t.contains("\n(一)抓管护提品质"))
    );
    // The same text (the .txt has no final line break), so the same spans too.
    assert_eq!(
        d.text.as_deref().map(str::trim_end),
        txt().text.as_deref().map(str::trim_end)
    );
}

#[test]
fn pdf_with_wrapped_lines_reads_like_the_txt() {
    let d = same_as_txt(&format!("{NAME}.pdf"), DocFormat::Pdf);
    // LibreOffice wrapped every long paragraph; they are whole again.
    assert_eq!(d.text.as_deref().map(|t| t.lines().count()), Some(22));
}

#[test]
fn portal_pages_read_like_the_txt_with_their_metadata() {
    // Allowed differences, from what the page adds: the title line (from
    // `<h1>`), and issuer and date from the source line and `<meta>` tags.
    for (file, encoding) in [
        (format!("{NAME}.html"), "UTF-8"),
        (format!("{NAME}.gb2312.html"), "GB18030"),
    ] {
        let d = same_as_txt(&file, DocFormat::Html);
        assert_eq!(d.encoding, encoding, "{file}");
        assert_eq!(
            d.title.as_ref().map(|t| t.text.as_str()),
            Some("崖头街道2021年工作计划")
        );
        assert_eq!(d.issuer.as_deref(), Some("崖头街道办事处"));
        assert_eq!(d.published.as_deref(), Some("2021-01-15T09:30"));
        let text = d.text.as_deref().unwrap_or_default();
        for furniture in [
            "首页",
            "分享到",
            "打印本页",
            "备案号",
            "统计代码",
            "请输入关键词",
        ] {
            assert!(!text.contains(furniture), "{file}: {furniture}");
        }
    }
}

#[test]
fn tables_are_rows_of_tab_separated_cells() {
    for file in ["table.docx", "table.pdf"] {
        let d = extract(&fixture(file));
        let text = d.text.unwrap_or_default();
        let row = text
            .lines()
            .find(|l| l.contains("市场监管所"))
            .unwrap_or_default();
        assert_eq!(
            row.split('\t').count(),
            5 + usize::from(file.ends_with("docx")),
            "{file}: {row:?}"
        );
        assert!(row.contains("10月底"), "{file}: {row:?}");
        // The paragraph wrapped by the PDF layout is one line again.
        assert!(text.contains("力争全年地区生产总值增长6%以上，一般公共预算收入达到2.3亿元，"));
    }
}

#[test]
fn the_text_command_prints_what_the_spans_index() {
    for file in [
        format!("{NAME}.docx"),
        format!("{NAME}.pdf"),
        format!("{NAME}.gb2312.html"),
    ] {
        let out = zhibiao()
            .arg("text")
            .arg(fixture(&file))
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{file}");
        let printed = String::from_utf8(out.stdout).expect("UTF-8");
        let out = zhibiao()
            .args(["extract", "-q", "--with-text"])
            .arg(fixture(&file))
            .output()
            .expect("runs");
        let ex: Extraction = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(
            ex.documents[0].text.as_deref(),
            Some(printed.as_str()),
            "{file}"
        );
    }
    // Without --with-text there is no text field.
    let out = zhibiao()
        .args(["extract", "-q"])
        .arg(fixture("table.docx"))
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(v["documents"][0].get("text").is_none(), "{v}");
    assert!(v["documents"][0].get("format").is_some());
}

/// A folder as an office has one: text files in two cases of extension,
/// the renditions, an old Word file, a spreadsheet, a picture.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let plan =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("corpus/{NAME}.txt")))
            .expect("corpus");
    std::fs::write(d.join("a.txt"), &plan).expect("write");
    std::fs::write(d.join("c.TXT"), &plan).expect("write");
    for (from, to) in [
        (format!("{NAME}.docx"), "plan.docx"),
        (format!("{NAME}.pdf"), "plan.PDF"),
        (format!("{NAME}.html"), "article.html"),
        ("encrypted.pdf".to_string(), "locked.pdf"),
    ] {
        std::fs::copy(fixture(&from), d.join(to)).expect("copy");
    }
    std::fs::write(d.join("old.doc"), ole2("WordDocument")).expect("write");
    std::fs::write(d.join("sheet.xlsx"), b"PK\x03\x04 xl/workbook.xml").expect("write");
    std::fs::write(d.join("photo.png"), common::PNG).expect("write");
    std::fs::write(d.join("b.xlsx"), b"PK\x03\x04 xl/workbook.xml").expect("write");
    dir
}

/// The start of an OLE2 compound file naming its main stream.
fn ole2(stream: &str) -> Vec<u8> {
    let mut b = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    b.resize(512, 0);
    b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    b
}

#[test]
fn a_mixed_folder_accounts_for_every_file() {
    let dir = mixed_folder();
    let out = zhibiao()
        .args(["extract"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "two files failed");
    let ex: Extraction = serde_json::from_slice(&out.stdout).expect("JSON");
    let docs: Vec<(&str, DocFormat)> = ex
        .documents
        .iter()
        .map(|d| (d.path.as_str(), d.format))
        .collect();
    assert_eq!(
        docs,
        [
            ("a.txt", DocFormat::Txt),
            ("article.html", DocFormat::Html),
            ("c.TXT", DocFormat::Txt),
            ("plan.PDF", DocFormat::Pdf),
            ("plan.docx", DocFormat::Docx),
        ]
    );
    let errs: Vec<(&str, ErrorKind)> = ex
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.kind))
        .collect();
    assert_eq!(
        errs,
        [
            ("b.xlsx", ErrorKind::Skipped),
            ("locked.pdf", ErrorKind::NotText),
            ("old.doc", ErrorKind::NotText),
            ("photo.png", ErrorKind::Skipped),
            ("sheet.xlsx", ErrorKind::Skipped),
        ]
    );
    let doc = ex
        .errors
        .iter()
        .find(|e| e.path == "old.doc")
        .map(|e| e.message.as_str());
    assert!(
        doc.is_some_and(|m| m.contains("libreoffice --headless --convert-to docx")),
        "{doc:?}"
    );
    assert_eq!(
        (
            ex.summary.files_seen,
            ex.summary.documents_extracted,
            ex.summary.documents_failed,
            ex.summary.skipped
        ),
        (10, 5, 2, 3)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 failed: 2 not_text; 3 skipped: 2 .xlsx, 1 .png"),
        "{stderr}"
    );

    // --only narrows the set; what it leaves out is counted, not listed.
    let out = zhibiao()
        .args(["extract", "--only", "txt,docx"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let ex: Extraction = serde_json::from_slice(&out.stdout).expect("JSON");
    let docs: Vec<&str> = ex.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(docs, ["a.txt", "c.TXT", "plan.docx"]);
    assert!(ex.errors.iter().all(|e| e.kind == ErrorKind::Skipped));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("4 files of other formats left out by --only"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_stream_mode_reads_every_format_from_bytes() {
    let files = [
        format!("{NAME}.docx"),
        format!("{NAME}.pdf"),
        format!("{NAME}.gb2312.html"),
    ];
    let mut input = String::new();
    for f in &files {
        let b64 = base64::engine::general_purpose::STANDARD
            .encode(std::fs::read(fixture(f)).expect("fixture"));
        input.push_str(&serde_json::json!({"path": f, "bytes_b64": b64}).to_string());
        input.push('\n');
    }
    let out = zhibiao()
        .args(["extract", "--stdin-jsonl", "-q"])
        .write_stdin(input)
        .output()
        .expect("runs");
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout)
        .expect("UTF-8")
        .lines()
        .collect();
    assert_eq!(lines.len(), files.len());
    for (line, f) in lines.iter().zip(&files) {
        let r: zhibiao::Record = serde_json::from_str(line).expect("record");
        let zhibiao::Record::Document(d) = r else {
            panic!("{f}: {line}")
        };
        let mut expected = extract(&fixture(f));
        expected.text = None;
        assert_eq!(structure(&d), structure(&expected), "{f}");
        assert_eq!(
            (d.format, d.sha256.as_str()),
            (expected.format, expected.sha256.as_str())
        );
    }
}
