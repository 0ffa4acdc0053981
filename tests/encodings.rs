//! The same document saved in another encoding must give the same extraction.
//!
//! Every corpus document (UTF-8) is transcoded to GB18030, GBK, UTF-16LE and
//! UTF-16BE with byte-order marks, and UTF-8 with a byte-order mark. The
//! extraction of each copy must equal the extraction of the original in
//! everything except the three fields that describe the bytes (`encoding`,
//! `sha256`, `bytes`): same characters, so the same spans, units, sections,
//! goals and targets.

mod common;

use std::path::PathBuf;

use encoding_rs::Encoding;
use serde_json::Value;
use zhibiao::Document;

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "expected the five corpus documents");
    files
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&p).expect("corpus is UTF-8");
            (name, text)
        })
        .collect()
}

fn with_bom(bom: &[u8], body: impl IntoIterator<Item = u8>) -> Vec<u8> {
    let mut v = bom.to_vec();
    v.extend(body);
    v
}

fn legacy(enc: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{} cannot represent the text", enc.name());
    bytes.into_owned()
}

/// Every transcoding of `text`: (label, bytes, expected reported encoding).
fn variants(text: &str) -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let mut v = vec![
        (
            "GB18030",
            legacy(encoding_rs::GB18030, text),
            zhibiao::decode::GB18030_NAME,
        ),
        (
            "UTF-16LE with BOM",
            with_bom(b"\xFF\xFE", text.encode_utf16().flat_map(u16::to_le_bytes)),
            "UTF-16LE",
        ),
        (
            "UTF-16BE with BOM",
            with_bom(b"\xFE\xFF", text.encode_utf16().flat_map(u16::to_be_bytes)),
            "UTF-16BE",
        ),
        (
            "UTF-8 with BOM",
            with_bom(b"\xEF\xBB\xBF", text.bytes()),
            "UTF-8",
        ),
    ];
    // GBK proper, when the text stays within it (GBK files are read with the
    // GB18030 decoder and reported as such).
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    if !unmappable {
        v.push(("GBK", gbk.into_owned(), zhibiao::decode::GB18030_NAME));
    }
    v
}

/// The document as JSON, without the fields that describe the bytes.
fn content(doc: &Document) -> Value {
    let mut v = serde_json::to_value(doc).expect("document serializes");
    let obj = v.as_object_mut().expect("document is a JSON object");
    for key in ["encoding", "sha256", "bytes"] {
        assert!(obj.remove(key).is_some(), "document has no `{key}` field");
    }
    v
}

/// The first place two JSON values differ, for a readable failure.
fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => {
                        if let Some(d) = first_difference(va, vb, &format!("{at}.{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{at}.{k}: missing")),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{at}.{k}: unexpected"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(va, vb, &format!("{at}[{i}]")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{at}: {} items vs {}", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{at}: {a} vs {b}")),
    }
}

#[test]
fn every_encoding_gives_the_same_extraction() {
    for (name, text) in corpus() {
        let reference = common::extractor()
            .extract(&name, text.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {}", e.message));
        assert_eq!(reference.encoding, "UTF-8", "{name}");
        assert_eq!(reference.bytes, text.len(), "{name}");
        assert_eq!(reference.chars, text.chars().count(), "{name}");
        let expected = content(&reference);

        for (label, bytes, encoding) in variants(&text) {
            assert_ne!(bytes, text.as_bytes(), "{name} {label}: not transcoded");
            let doc = common::extractor()
                .extract(&name, &bytes)
                .unwrap_or_else(|e| panic!("{name} as {label}: {:?}: {}", e.kind, e.message));
            assert_eq!(doc.encoding, encoding, "{name} as {label}");
            assert_eq!(doc.bytes, bytes.len(), "{name} as {label}");
            assert_ne!(doc.sha256, reference.sha256, "{name} as {label}");
            assert_eq!(doc.chars, reference.chars, "{name} as {label}: char count");
            assert_eq!(doc.path, reference.path, "{name} as {label}");
            assert_eq!(doc.id, reference.id, "{name} as {label}");
            let got = content(&doc);
            if let Some(d) = first_difference(&expected, &got, "document") {
                panic!("{name} as {label} differs from UTF-8 at {d}");
            }
            assert_eq!(got, expected, "{name} as {label}");
        }
    }
}

#[test]
fn every_encoding_decodes_to_the_same_text() {
    for (name, text) in corpus() {
        for (label, bytes, encoding) in variants(&text) {
            let d = zhibiao::decode::decode(&bytes)
                .unwrap_or_else(|e| panic!("{name} as {label}: {}", e.message));
            assert_eq!(d.encoding, encoding, "{name} as {label}");
            assert!(d.text == text, "{name} as {label}: decoded text differs");
        }
    }
}

/// The comparison above must notice a changed document: the same file with
/// one sentence dropped has to differ somewhere besides the byte fields.
#[test]
fn the_comparison_notices_changes() {
    let (name, text) = corpus().remove(0);
    let cut = text.find('。').expect("a sentence end") + '。'.len_utf8();
    let shorter = &text[cut..];
    let a = common::extractor()
        .extract(&name, text.as_bytes())
        .expect("extracts");
    let b = common::extractor()
        .extract(&name, shorter.as_bytes())
        .expect("extracts");
    assert!(first_difference(&content(&a), &content(&b), "document").is_some());
}
