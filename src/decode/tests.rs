//! Tests of [`decode`](super::decode) as a whole: each step is reached
//! through the public entry point, so that the order of the decisions is
//! tested too.

use encoding_rs::{BIG5, Encoding, GB18030};
use proptest::prelude::*;

use super::sniff::sniff_format;
use super::*;

const GB_TEXT: &str =
    "规模以上工业总产值增幅35%，新增规模企业5家。完成第三批18个村美丽乡村建设项目。";
const BIG5_TEXT: &str = "建成兩個示範點，財政收入突破三十萬元。";

/// Phrases of the kind work plans are made of, for generated GBK text.
const PHRASES: &[&str] = &[
    "规模以上工业总产值增幅",
    "新增规模企业",
    "完成第三批美丽乡村建设项目",
    "全年实现税收",
    "民生诉求满意率达到",
    "固定资产投资增长",
    "新建高标准农田",
    "开展安全生产大检查",
    "推进基层党组织建设",
    "改造老旧小区",
    "招商引资到位资金",
    "城乡居民人均可支配收入",
    "一是",
    "二、重点工作",
    "（三）",
    "确保不发生重大安全事故",
    "街道",
    "乡镇",
];
const PUNCT: &[&str] = &[
    "，",
    "。",
    "；",
    "：",
    "\n",
    "%，",
    "个。",
    "亿元；",
    "万亩，",
];

fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(s);
    assert!(!unmappable, "test text not representable");
    bytes.into_owned()
}

fn utf16(s: &str, little: bool) -> Vec<u8> {
    s.encode_utf16()
        .flat_map(|u| {
            if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            }
        })
        .collect()
}

fn ok(bytes: &[u8]) -> Decoded {
    match decode(bytes) {
        Ok(d) => d,
        Err(e) => panic!("expected text, got {:?}: {}", e.kind, e.message),
    }
}

fn not_text(bytes: &[u8]) -> String {
    match decode(bytes) {
        Ok(d) => panic!("expected NotText, decoded as {}: {:?}", d.encoding, d.text),
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::NotText, "{}", e.message);
            e.message
        }
    }
}

#[test]
fn utf8_plain() {
    let d = ok(GB_TEXT.as_bytes());
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.text, GB_TEXT);
    assert_eq!(d.errors, 0);
}

#[test]
fn utf8_bom_is_stripped() {
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice(GB_TEXT.as_bytes());
    let d = ok(&b);
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.text, GB_TEXT);
}

#[test]
fn gbk_is_reported_as_gb18030() {
    for enc in [encoding_rs::GBK, GB18030] {
        let d = ok(&encode(enc, GB_TEXT));
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, GB_TEXT);
    }
}

#[test]
fn gb18030_four_byte_sequences() {
    // 𠀀 (U+20000) and € only exist as four-byte GB18030 sequences.
    let s = "新增规模企业5家，𠀀村建设项目完成。";
    let b = encode(GB18030, s);
    let d = ok(&b);
    assert_eq!(d.encoding, "GB18030");
    assert_eq!(d.text, s);
}

#[test]
fn short_gbk_line() {
    for s in [
        "规模以上工业总产值增幅35%，新增规模企业5家。",
        "完成第三批18个村美丽乡村建设项目。",
        "全年实现税收5亿元，民生诉求满意率达到95%以上。",
        "一、党建引领",
        "二〇二四年工作计划",
        "新增就业岗位三百个",
    ] {
        let d = ok(&encode(encoding_rs::GBK, s));
        assert_eq!((d.encoding, d.text.as_str()), ("GB18030", s));
    }
}

#[test]
fn big5_traditional() {
    for s in [
        BIG5_TEXT,
        "財政收入突破三十萬元。",
        "二〇二四年工作計劃：建設美麗鄉村，完成第三批十八個村的項目。",
    ] {
        let d = ok(&encode(BIG5, s));
        assert_eq!((d.encoding, d.text.as_str()), ("Big5", s));
    }
}

#[test]
fn utf16_with_bom() {
    for (little, mark, name) in [
        (true, &b"\xFF\xFE"[..], "UTF-16LE"),
        (false, &b"\xFE\xFF"[..], "UTF-16BE"),
    ] {
        let mut b = mark.to_vec();
        b.extend(utf16(GB_TEXT, little));
        let d = ok(&b);
        assert_eq!(d.encoding, name);
        assert_eq!(d.text, GB_TEXT);
    }
}

#[test]
fn utf16_without_bom_is_detected() {
    let s = "一、工作目标\n规模以上工业总产值增幅35%，新增规模企业5家。\n最后一项:完成18个村。\n";
    let d = ok(&utf16(s, true));
    assert_eq!((d.encoding, d.text.as_str()), ("UTF-16LE", s));
    let d = ok(&utf16(s, false));
    assert_eq!((d.encoding, d.text.as_str()), ("UTF-16BE", s));
    let ascii = "Work plan 2024\nTarget: 35%\n";
    assert_eq!(ok(&utf16(ascii, true)).text, ascii);
    assert_eq!(ok(&utf16(ascii, false)).text, ascii);
}

#[test]
fn truncated_multibyte_tail_still_decodes() {
    let full = GB_TEXT.as_bytes();
    // Cut one and two bytes into the final three-byte "。".
    // The cut character is dropped and counted as one error.
    for cut in 1..=2 {
        let d = ok(&full[..full.len() - cut]);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, GB_TEXT.trim_end_matches('。'));
        assert_eq!(d.errors, 1);
    }
    let gb = encode(GB18030, GB_TEXT);
    let d = ok(&gb[..gb.len() - 1]);
    assert_eq!(d.encoding, "GB18030");
    assert_eq!(d.text, GB_TEXT.trim_end_matches('。'));
    assert_eq!(d.errors, 1);
    let big5 = encode(BIG5, BIG5_TEXT);
    let d = ok(&big5[..big5.len() - 1]);
    assert_eq!(d.encoding, "Big5");
    assert_eq!(d.text, BIG5_TEXT.trim_end_matches('。'));
    assert_eq!(d.errors, 1);
    let mut le = b"\xFF\xFE".to_vec();
    le.extend(utf16(GB_TEXT, true));
    le.pop();
    let d = ok(&le);
    assert_eq!(d.text, GB_TEXT.trim_end_matches('。'));
    assert_eq!(d.errors, 1);
    // Whole files are clean.
    assert_eq!(ok(&gb).errors, 0);
    assert_eq!(ok(&big5).errors, 0);
}

#[test]
fn damaged_gbk_decodes_lossily() {
    let mut b = encode(encoding_rs::GBK, &GB_TEXT.repeat(5));
    // A lead byte followed by ASCII is malformed in every candidate.
    b.insert(10, 0xC4);
    b.insert(11, b' ');
    let d = ok(&b);
    assert_eq!(d.encoding, "GB18030");
    assert_eq!(d.text.matches('\u{fffd}').count(), 1);
    assert_eq!(d.errors, 1);
    assert!(d.text.contains("新增规模企业5家"));
}

#[test]
fn invalid_gbk_is_counted_not_refused() {
    // One bad pair in every sentence: damaged, but still mostly text.
    let sentence = encode(encoding_rs::GBK, GB_TEXT);
    let mut b = Vec::new();
    for _ in 0..8 {
        b.extend_from_slice(&sentence);
        b.extend_from_slice(b"\x81\x20");
    }
    let d = ok(&b);
    assert_eq!(d.encoding, "GB18030");
    assert_eq!(d.errors, 8);
    assert_eq!(d.text.matches('\u{fffd}').count(), 8);
    // A U+FFFD already in a UTF-8 file is text, not damage.
    let s = format!("{GB_TEXT}\u{fffd}");
    assert_eq!(ok(s.as_bytes()).errors, 0);
}

#[test]
fn stray_nul_in_text_is_kept() {
    let s = format!("{GB_TEXT}\0{GB_TEXT}\u{1}{GB_TEXT}");
    let d = ok(s.as_bytes());
    assert_eq!(
        (d.encoding, d.text.as_str(), d.errors),
        ("UTF-8", s.as_str(), 0)
    );
    let mut gb = encode(GB18030, GB_TEXT);
    gb.push(0);
    gb.extend(encode(GB18030, GB_TEXT));
    assert_eq!(ok(&gb).text, format!("{GB_TEXT}\0{GB_TEXT}"));
    // But not in bulk.
    let dense: String = GB_TEXT.chars().flat_map(|c| [c, '\0']).collect();
    assert!(not_text(dense.as_bytes()).contains("NUL"));
}

#[test]
fn utf8_with_one_bad_byte_stays_utf8() {
    let mut b = GB_TEXT.repeat(4).into_bytes();
    b.insert(30, 0xFF);
    let d = ok(&b);
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.text.matches('\u{fffd}').count(), 1);
}

#[test]
fn trailing_nul_padding_is_ignored() {
    for text in [GB_TEXT, "ab", "Hello world, 2024\n", "计划"] {
        for pad in [1, 2, 16] {
            let mut b = text.as_bytes().to_vec();
            b.extend(std::iter::repeat_n(0u8, pad));
            let d = ok(&b);
            assert_eq!((d.encoding, d.text.as_str()), ("UTF-8", text), "{pad}");
        }
    }
    let mut b = encode(GB18030, GB_TEXT);
    b.extend([0u8; 7]);
    assert_eq!(ok(&b).text, GB_TEXT);
}

#[test]
fn empty_and_whitespace() {
    for b in [
        &b""[..],
        b"   \n\t\r\n",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF \n",
        b"\xFF\xFE",
        b"\xFF\xFE\x20\x00\x0A\x00",
        "\u{3000}\u{3000}\n".as_bytes(),
    ] {
        let e = decode(b).expect_err("empty");
        assert_eq!(e.kind, ErrorKind::Empty, "{b:?}");
        assert!(e.message.starts_with("the file is empty"), "{}", e.message);
    }
}

#[test]
fn binary_magic_numbers() {
    let mut zip_docx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    zip_docx.extend_from_slice(b"[Content_Types].xml....word/document.xml");
    let mut odt = b"PK\x03\x04\x14\x00\x00\x08".to_vec();
    odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
    let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    xlsx.extend_from_slice(b"xl/workbook.xml");
    let mut pptx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    pptx.extend_from_slice(b"ppt/presentation.xml");
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0".to_vec();
    ole.extend(utf16("WordDocument", true));
    let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0".to_vec();
    xls.extend(utf16("Workbook", true));
    let cases: &[(&[u8], &str)] = &[
        (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG"),
        (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", "JPEG"),
        (b"GIF89a\x01\0\x01\0", "GIF"),
        (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00", "BMP"),
        (b"RIFF\x24\0\0\0WEBPVP8 ", "WebP"),
        (&zip_docx, ".docx"),
        (&xlsx, ".xlsx"),
        (&pptx, ".pptx"),
        (&odt, ".odt"),
        (b"PK\x03\x04\x14\x00\x00\x00data.csv", "ZIP archive"),
        (&ole, ".doc"),
        (&xls, ".xls"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0",
            ".doc/.wps/.xls/.ppt",
        ),
        (b"Rar!\x1A\x07\x01\x00", "RAR"),
        (b"7z\xBC\xAF\x27\x1C\0\x04", "7z"),
        (b"\x1F\x8B\x08\0\0\0\0\0", "gzip"),
        (b"BZh91AY&SY\x12\x34", "bzip2"),
        (b"\xFD7zXZ\0\0\x04", "xz"),
        (b"\x7FELF\x02\x01\x01\0", "ELF"),
        (b"\xCF\xFA\xED\xFE\x07\0\0\x01", "Mach-O"),
        (b"MZ\x90\0\x03\0\0\0\x04\0", "EXE"),
        (b"SQLite format 3\0\x10\0", "SQLite"),
        (b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}", "RTF"),
    ];
    for (bytes, name) in cases {
        let m = not_text(bytes);
        assert!(m.contains(name), "{name}: {m}");
        assert!(m.contains("zhibiao reads text, web pages"), "{m}");
    }
    assert!(not_text(b"%PDF-1.4").contains("pdftotext"));
}

#[test]
fn ascii_lookalikes_of_magic_are_text() {
    for s in [
        "BMW 新能源项目完成投资3亿元。",
        "MZ乡规模以上工业总产值增幅35%。",
        "BZh 规划",
    ] {
        assert_eq!(ok(s.as_bytes()).text, s);
    }
}

#[test]
fn generic_binary() {
    // NUL bytes that are not UTF-16.
    let m = not_text(b"\x01\x02\x03\0\0\x10\x80\xff\0abc\0\0\x07\x08");
    assert!(m.contains("binary"), "{m}");
    // Control characters without NULs.
    let mut b = GB_TEXT.as_bytes().to_vec();
    b.extend(std::iter::repeat_n(&[0x01u8, 0x02, 0x03, 0x1b][..], 10).flatten());
    assert!(not_text(&b).contains("control characters"));
    assert!(not_text(&[0u8; 64]).contains("zero bytes"));
    assert!(not_text(b"\xFF\xFE\0\0a\0\0\0").contains("UTF-32"));
}

#[test]
fn undecodable_in_every_encoding() {
    // Lead bytes always followed by ASCII: malformed in UTF-8, GB18030 and Big5.
    let b: Vec<u8> = (0..200)
        .flat_map(|i| [0x81 + (i % 100) as u8, b' '])
        .collect();
    let m = not_text(&b);
    assert!(m.contains("could not be decoded"), "{m}");
}

#[test]
fn stray_control_character_is_tolerated() {
    let s = format!("{GB_TEXT}\u{7}{GB_TEXT}\u{1a}");
    assert_eq!(ok(s.as_bytes()).text, s);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_never_yields_nothing(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(d) = decode(&bytes) {
            prop_assert!(d.text.chars().any(|c| !crate::text::is_space(c)));
            // Every error is a replacement character or the dropped tail.
            let replaced = d.text.matches('\u{fffd}').count();
            prop_assert!(d.errors <= replaced + 1, "{} errors, {} U+FFFD", d.errors, replaced);
        }
    }

    #[test]
    fn never_panics_on_mangled_text(s in "\\PC{0,80}", cut in 0usize..300, noise in any::<u8>()) {
        let mut bytes = s.into_bytes();
        bytes.insert(cut.min(bytes.len()), noise);
        let cut2 = cut.min(bytes.len());
        for b in [&bytes[..], &bytes[..cut2], &bytes[cut2..]] {
            if let Ok(d) = decode(b) {
                prop_assert!(!d.text.is_empty());
            }
        }
    }

    #[test]
    fn utf8_text_round_trips(s in "\\PC{1,200}") {
        prop_assume!(s.chars().any(|c| !crate::text::is_space(c)));
        prop_assume!(sniff_format(s.as_bytes()).is_none());
        let d = decode(s.as_bytes());
        prop_assert!(d.is_ok(), "{:?}", d.err());
        if let Ok(d) = d {
            prop_assert_eq!(d.encoding, "UTF-8");
            prop_assert_eq!(d.errors, 0);
            prop_assert_eq!(d.text, s);
        }
    }

    #[test]
    fn gbk_text_round_trips(parts in proptest::collection::vec((0usize..PHRASES.len(), 0usize..PUNCT.len(), 0u32..2000), 1..12)) {
        let s: String = parts
            .iter()
            .map(|&(p, q, n)| format!("{}{n}{}", PHRASES[p], PUNCT[q]))
            .collect();
        let d = decode(&encode(encoding_rs::GBK, &s));
        prop_assert!(d.is_ok(), "{:?}", d.err());
        if let Ok(d) = d {
            prop_assert_eq!(d.encoding, "GB18030");
            prop_assert_eq!(d.errors, 0);
            prop_assert_eq!(d.text, s);
        }
    }
}
