//! The pipeline on arbitrary text built from the characters plans are made
//! of: it must never panic, and every span it reports must be exact.

use proptest::prelude::*;

/// Characters that drive the grammar: numerals, units, labels, punctuation,
/// quotes, brackets, comparators, line breaks.
const ALPHABET: &str = "一二三四五六七八九十百千万亿两零〇0123456789.,，、。;；:：()（）“”\"《》|-~—至到第前名个家%％是镇街道办事处年月日底前内季度以上不少于增长新增下降排名全区①②③ \n\r\t萬億兩點";

fn text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..400)
        .prop_map(|v| v.into_iter().collect())
}

fn slice(text: &str, s: zhibiao::Span) -> String {
    text.chars().skip(s.start).take(s.end - s.start).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_and_spans_are_exact(s in text()) {
        let d = zhibiao::extract_text("p.txt", &s, "UTF-8", "", s.len());
        prop_assert_eq!(d.chars, s.chars().count());
        for u in &d.units {
            for sec in &u.sections {
                prop_assert_eq!(slice(&s, sec.heading_span), sec.heading.clone());
            }
            for g in &u.goals {
                prop_assert_eq!(slice(&s, g.span), g.text.clone());
                for t in &g.targets {
                    prop_assert_eq!(slice(&s, t.span), t.text.clone());
                    prop_assert!(t.value.is_finite());
                }
                for t in &g.deadlines {
                    prop_assert_eq!(slice(&s, t.span), t.text.clone());
                }
                for t in &g.commitments {
                    prop_assert_eq!(slice(&s, t.span), t.text.clone());
                }
            }
        }
    }
}
