//! The pipeline on arbitrary input: it must never panic, every span it
//! reports must be exact, ranges must be ordered, and the same input must
//! give the same output. Then inputs built to be slow (one huge line, a
//! flood of headings, numbers thousands of digits long) give correct output.
//!
//! The invariants are those of [`zhibiao::verify::check_document`].

use proptest::prelude::*;
use zhibiao::Document;

mod common;

/// Characters that drive the grammar: numerals, units, labels, punctuation,
/// quotes, brackets, comparators, line breaks, and the control characters
/// scraped text carries.
const ALPHABET: &str = "一二三四五六七八九十百千万亿两零〇0123456789.,，、。;；:：()（）“”\"《》|-~—至到第前名个家%％是镇街道办事处年月日底前内季度以上不少于增长新增下降排名全区①②③ \n\r\t萬億兩點\u{0}\u{1}\u{7f}\u{feff}\u{fffd}";

fn text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..400)
        .prop_map(|v| v.into_iter().collect())
}

/// Bytes that are mostly plan text in some encoding, with damage: what a
/// scraper or a bad download leaves behind.
fn damaged_bytes() -> impl Strategy<Value = Vec<u8>> {
    let encodings = prop_oneof![
        Just(encoding_rs::UTF_8),
        Just(encoding_rs::GB18030),
        Just(encoding_rs::BIG5),
        Just(encoding_rs::UTF_16LE),
    ];
    (
        text(),
        encodings,
        proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        any::<usize>(),
    )
        .prop_map(|(s, enc, noise, cut)| {
            let mut b = if enc == encoding_rs::UTF_16LE {
                s.encode_utf16().flat_map(u16::to_le_bytes).collect()
            } else {
                enc.encode(&s).0.into_owned()
            };
            for (at, byte) in noise {
                let at = at % (b.len() + 1);
                b.insert(at, byte);
            }
            // A download that stopped early.
            if cut % 3 == 0 && !b.is_empty() {
                b.truncate(cut % b.len());
            }
            b
        })
}

fn assert_invariants(d: &Document, text: &str) -> Result<(), TestCaseError> {
    let problems = zhibiao::verify::check_document(d, text);
    prop_assert!(problems.is_empty(), "{problems:#?}");
    Ok(())
}

/// Extract bytes the way the CLI does and check the result against the
/// decoded text; errors must carry the path and a message.
fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    match common::extractor().extract("p.txt", bytes) {
        Ok(d) => {
            let text = zhibiao::decode::decode(bytes)
                .map_err(|e| TestCaseError::fail(format!("extracted but not decodable: {e}")))?
                .text;
            assert_invariants(&d, &text)?;
            // Deterministic: the same bytes, the same document, byte for byte.
            let again = common::extractor()
                .extract("p.txt", bytes)
                .map_err(|e| TestCaseError::fail(format!("second run failed: {}", e.message)))?;
            prop_assert_eq!(
                serde_json::to_string(&d).ok(),
                serde_json::to_string(&again).ok()
            );
        }
        Err(e) => {
            prop_assert_eq!(e.path.as_str(), "p.txt");
            prop_assert!(!e.message.is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_and_spans_are_exact(s in text()) {
        let d = common::extractor().extract_text("p.txt", &s, "UTF-8", "", s.len());
        prop_assert_eq!(d.chars, s.chars().count());
        assert_invariants(&d, &s)?;
        let again = common::extractor().extract_text("p.txt", &s, "UTF-8", "", s.len());
        prop_assert!(d == again, "not deterministic");
        // The fast JSON writer writes what serde_json writes.
        let fast = zhibiao::emit::render_document(&d, zhibiao::emit::Format::Json, false)
            .expect("renders");
        prop_assert_eq!(fast, serde_json::to_vec(&d).expect("serializes"));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn damaged_plans_never_panic(bytes in damaged_bytes()) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn ranges_are_ordered(a in 0u32..100_000, b in 0u32..100_000, sep in prop::sample::select(vec!["-", "~", "至", "到", "－", "～"]), unit in prop::sample::select(vec!["个", "%", "万元", "亩", "名", "家"])) {
        let s = format!("全年新增{a}{sep}{b}{unit},完成{b}{sep}{a}{unit}。");
        let d = common::extractor().extract_text("p.txt", &s, "UTF-8", "", s.len());
        assert_invariants(&d, &s)?;
        for t in d.units.iter().flat_map(|u| &u.goals).flat_map(|g| &g.targets) {
            if let Some(max) = t.value_max {
                prop_assert!(t.value <= max, "{}: {} > {}", t.text, t.value, max);
            }
        }
    }
}

/// A plan sentence repeated on one line, `n` times.
fn one_line(n: usize) -> String {
    "新增规模企业5家,完成投资3.5亿元,满意率达到95%以上;".repeat(n)
}

fn extract(s: &str) -> Document {
    let d = common::extractor()
        .extract("p.txt", s.as_bytes())
        .expect("extracts");
    assert_invariants(&d, s).expect("invariants");
    d
}

fn targets(d: &Document) -> Vec<&zhibiao::Target> {
    d.units
        .iter()
        .flat_map(|u| &u.goals)
        .flat_map(|g| &g.targets)
        .collect()
}

#[test]
fn one_huge_line() {
    // About 3 MB on a single line: every target found, none merged or lost.
    let n = 45_000;
    let s = one_line(n);
    assert!(s.len() > 3_000_000);
    let d = extract(&s);
    let t = targets(&d);
    assert_eq!(t.len(), 3 * n);
    assert!(
        t.iter()
            .step_by(3)
            .all(|t| t.text == "5家" && t.value == 5.0)
    );
    assert!(
        t.iter()
            .skip(1)
            .step_by(3)
            .all(|t| t.value == 350_000_000.0)
    );
}

#[test]
fn a_flood_of_headings() {
    let s: String = (1..=20_000)
        .map(|i| format!("{}、工作{i}\n完成{i}个项目。\n", i % 50 + 1))
        .collect();
    let d = extract(&s);
    let goals: usize = d.units.iter().map(|u| u.goals.len()).sum();
    assert!(goals >= 20_000, "{goals} goals");
    assert_eq!(targets(&d).len(), 20_000);
}

#[test]
fn numbers_of_ten_thousand_digits() {
    // Past the range of f64: not a measurement, and no `null` value in the
    // output; the text around it is still read.
    let s = format!("完成{}个,新增3家。", "7".repeat(10_000));
    let d = extract(&s);
    let t = targets(&d);
    assert_eq!(t.len(), 1);
    assert!(
        t[0].text.ends_with("3家") && t[0].value == 3.0,
        "{:?}",
        t[0]
    );
    let s = format!("完成{}个项目。", "一".repeat(10_000));
    extract(&s);
    let s = format!("完成{}个项目。", "十百".repeat(10_000));
    extract(&s);
}

#[test]
fn dotted_and_dashed_numbers() {
    // Version-like numbers are no targets; repeated signs neither slow the
    // reading down nor make targets of their own.
    let d = extract(&"1.2.3.4 ".repeat(100_000));
    assert!(targets(&d).is_empty());
    let d = extract(&"--5% ".repeat(100_000));
    let t = targets(&d);
    assert!(!t.is_empty());
    assert!(t.iter().all(|t| t.unit == "%" && t.value.abs() == 5.0));
}

#[test]
fn control_characters_and_line_ends() {
    let plan = "一、工作目标\n1.新增规模企业5家。\n2.完成投资3.5亿元。\n3.建成3个莲藕专业村。\n\
                4.全年实现税收5亿元,民生诉求满意率达到95%以上。\n5.改造老旧小区12个,新建高标准农田1.5万亩。\n\
                二、保障措施\n加强领导,6月底前完成考核。\n";
    let lf = extract(plan);
    // The same plan with every kind of line end, and with NUL and other
    // control characters inside lines: same sections, same targets.
    let mixed: String = common::mixed_line_ends(plan);
    let noisy = plan
        .replace("企业", "企\u{0}业")
        .replace("投资", "投\u{7}资");
    for s in [mixed.as_str(), noisy.as_str()] {
        let d = extract(s);
        let sections = |d: &Document| -> Vec<String> {
            d.units
                .iter()
                .flat_map(|u| &u.sections)
                .map(|s| s.heading.clone())
                .collect()
        };
        assert_eq!(sections(&d), sections(&lf), "{s:?}");
        let values = |d: &Document| -> Vec<f64> { targets(d).iter().map(|t| t.value).collect() };
        assert_eq!(values(&d), values(&lf), "{s:?}");
    }
}
