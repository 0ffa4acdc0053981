//! Heading candidates: numbering labels at the start of a line, labelled
//! blocks (`对标管理工作目标:`), key–value fields, and run-in headings inside
//! paragraphs (`强品牌,精细雕琢一社一品。…`).

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::{self, WordRole};
use crate::model::{GoalMode, HeadingStyle, Span};
use crate::quantity::target::find_targets;
use crate::text::{ASCII_DIGITS, CharSet, Text, is_han, is_sentence_end};

/// A numbering label at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub style: HeadingStyle,
    /// The label as written, e.g. `一、`, `(二)`, `3.`, `第一个“一”是`.
    pub span: Span,
}

/// The Chinese numeral characters a label is numbered with (`十二、`, `(三)`):
/// the plain digits and the few others label numbers use.
const LABEL_NUMERALS: &[char] = &{
    let d = crate::quantity::numeral::PLAIN_DIGITS;
    [
        d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], '十', '百', '零', '〇', '两',
    ]
};

/// Label patterns over the folded line, in priority order.
static LABELS: LazyLock<Vec<(Regex, HeadingStyle)>> = LazyLock::new(|| {
    let cn = format!("[{}]+", LABEL_NUMERALS.iter().collect::<String>());
    [
        (
            format!(r"^(第{cn}(?:部分|章|篇)[、.:]?)"),
            HeadingStyle::Part,
        ),
        (
            format!(r"^第{cn}个[“\u{{22}}]{cn}[”\u{{22}}]是"),
            HeadingStyle::CustomOrdinal,
        ),
        (
            format!(r"^[“\u{{22}}]{cn}[”\u{{22}}]是"),
            HeadingStyle::CustomOrdinal,
        ),
        (format!(r"^{cn}\s*、"), HeadingStyle::ChineseNumeral),
        (
            format!(r"^\(\s*{cn}\s*\)\s*[、.]?"),
            HeadingStyle::ChineseParen,
        ),
        (
            r"^\(\s*[0-9]{1,2}\s*\)\s*[、.]?".to_string(),
            HeadingStyle::ArabicParen,
        ),
        // The label is group 1; the look-past keeps `1.5万亩` from reading as `1.`.
        (
            r"^([0-9]{1,2}\s*(?:、|\.|．))(?:[^0-9]|$)".to_string(),
            HeadingStyle::ArabicNumeral,
        ),
        (r"^[①-⑳]".to_string(), HeadingStyle::Circled),
        (format!(r"^{cn}是"), HeadingStyle::Enumerated),
        (r"^(?:——|--|—)\s*".to_string(), HeadingStyle::Dash),
    ]
    .into_iter()
    .filter_map(|(p, s)| Regex::new(&p).ok().map(|r| (r, s)))
    .collect()
});

/// The characters a label of [`LABELS`] can open with. Asked of every line
/// and sentence, most of which open with none of them: they are turned away
/// before nine regexes are tried in turn.
static LABEL_OPENERS: CharSet = CharSet::new(LABEL_NUMERALS).with(ASCII_DIGITS).with(&[
    '第', '“', '"', '(', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '⑪', '⑫', '⑬', '⑭', '⑮',
    '⑯', '⑰', '⑱', '⑲', '⑳', '—', '-',
]);

/// The numbering label opening the line at `span`, if any.
pub fn label_at(t: &Text, span: Span) -> Option<Label> {
    if !t
        .chars
        .get(span.start)
        .is_some_and(|&c| span.start < span.end && LABEL_OPENERS.contains(c))
    {
        return None;
    }
    let folded = t.folded(span);
    for (re, style) in LABELS.iter() {
        if let Some(c) = re.captures(folded) {
            let Some(m) = c.get(1).or_else(|| c.get(0)) else {
                continue;
            };
            let n = folded[..m.end()].chars().count();
            return Some(Label {
                style: *style,
                span: Span::new(span.start, span.start + n),
            });
        }
    }
    None
}

/// A line that is a labelled block heading: short, ends with a colon, no
/// sentence inside (`区委、区政府对镇(街)考核指标:`).
pub fn block_heading(t: &Text, span: Span) -> Option<Span> {
    let cs = &t.chars[span.start..span.end];
    if cs.last() != Some(&':')
        || cs.len() > 32
        || cs.len() < 3
        || cs.iter().any(|&c| is_sentence_end(c))
    {
        return None;
    }
    // `各位代表:` greets; `重点抓好以下六个方面工作:` leads into the items,
    // which are the headings.
    let words = t.lexicon().words(WordRole::NotBlockHeading);
    if (0..cs.len()).any(|i| lexicon::word_starting_at(words, cs, i).is_some()) {
        return None;
    }
    Some(t.trim_punct(Span::new(span.start, span.end - 1)))
}

/// A line that is an item of an assessment scheme with its score, and
/// nothing else: `经济发展(23分)`, `财政工作︵5分︶` (presentation-form
/// brackets fold to `(` `)`). Returns the title with its score.
pub fn scored_heading(t: &Text, span: Span) -> Option<Span> {
    static SCORED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\p{Han}、“”\s]{2,24}\(\s*(?:共\s*)?[0-9]+(?:\.[0-9]+)?\s*分\s*\)\s*[:]?$")
            .expect("valid regex")
    });
    SCORED
        .is_match(t.folded(span))
        .then(|| without_score(t, t.trim_punct(t.trim(span))))
}

/// A heading's title without the score it carries at its end
/// (`招商引资(50分)` → `招商引资`): the score is the item's weight.
pub fn without_score(t: &Text, title: Span) -> Span {
    static SCORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\(\s*(?:共\s*)?[0-9]+(?:\.[0-9]+)?\s*分\s*\)\s*$").expect("valid regex")
    });
    let f = t.folded_indexed(title);
    match SCORE.find(f.text) {
        Some(m) if m.start() > 0 => {
            t.trim_punct(Span::new(title.start, f.span(m.start(), m.end()).start))
        }
        _ => title,
    }
}

/// A line giving the date and occasion of a speech under its title:
/// `——2024年1月9日在某某县第十八届人民代表大会第三次会议上`.
pub fn dateline(t: &Text, span: Span) -> bool {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[-—]*\s*\(?\s*20[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*在.{2,60}上(?:的(?:讲话|报告))?\s*\)?$")
            .expect("valid regex")
    });
    DATELINE.is_match(t.folded(span))
}

/// A key–value line: `对标对象:襄州区龙王镇`. Returns (key, value) spans.
pub fn field(t: &Text, span: Span) -> Option<(Span, Span)> {
    let cs = &t.chars[span.start..span.end];
    let colon = cs.iter().position(|&c| c == ':')?;
    if !(2..=8).contains(&colon) || !cs[..colon].iter().all(|&c| is_han(c)) || colon + 1 >= cs.len()
    {
        return None;
    }
    let key = Span::new(span.start, span.start + colon);
    let value = t.trim(Span::new(span.start + colon + 1, span.end));
    if value.is_empty() {
        return None;
    }
    let known = t.lexicon().field_is_descriptor(t.slice(key)).is_some();
    // Unknown keys only count when they look like a label (`特色项目`), not a
    // sentence that happens to hold a colon (`主要表现为:`).
    let label_like = cs[..colon]
        .iter()
        .all(|&c| !t.lexicon().is_word_char(WordRole::SentenceParticle, c));
    (known || label_like).then_some((key, value))
}

/// Sentences of a span: split after `。!?` (not `;`, which joins clauses of
/// one goal), each trimmed.
pub fn sentences(t: &Text, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for i in span.start..span.end {
        if matches!(t.chars[i], '。' | '!' | '?') {
            let s = t.trim(Span::new(start, i + 1));
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let s = t.trim(Span::new(start, span.end));
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Han characters of a span, quotes not counted.
fn han_len(cs: &[char]) -> usize {
    cs.iter().filter(|&&c| is_han(c)).count()
}

fn has_numeral(cs: &[char]) -> bool {
    cs.iter().any(|&c| c.is_ascii_digit())
}

/// Is this sentence a title: short, no number that measures, no list?
/// Used for the words after a label (`1.突破重点区域拆迁。…`).
pub fn is_title(t: &Text, sentence: Span) -> bool {
    let body = t.trim_punct(sentence);
    let cs = &t.chars[body.start..body.end];
    // Short in all characters too, not only in Chinese ones: a line of
    // numbers and signs has no Chinese character and may be megabytes long,
    // and reading all its targets only to find one would cost as much as
    // reading the document.
    !cs.is_empty()
        && cs.len() <= MAX_TITLE_CHARS
        && han_len(cs) <= 30
        && !cs.iter().any(|&c| c == ';' || c == ':')
        && find_targets(t, body, GoalMode::Target).is_empty()
}

/// The longest title, in characters of any kind (of which at most 30
/// Chinese ones).
const MAX_TITLE_CHARS: usize = 120;

/// The shape of a run-in heading sentence inside a paragraph, if it is one.
/// `initial`: the sentence opens its paragraph.
pub fn run_in_shape(t: &Text, sentence: Span, initial: bool) -> Option<HeadingStyle> {
    let body = t.trim_punct(sentence);
    if t.chars.get(sentence.end.saturating_sub(1)) != Some(&'。') {
        return None;
    }
    let cs = &t.chars[body.start..body.end];
    if cs.is_empty()
        || has_numeral(cs)
        || cs
            .iter()
            .any(|&c| matches!(c, '、' | ';' | ':' | '(' | ')'))
    {
        return None;
    }
    // `一是学理论知识,提升个人素质。` opens an enumerated goal, not a heading.
    let enumerated = matches!(cs, [c, '是', ..] if crate::quantity::numeral::starts_chinese(*c));
    if enumerated || matches!(cs.first(), Some('①'..='⑳')) {
        return None;
    }
    let commas: Vec<usize> = cs
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == ',')
        .map(|(i, _)| i)
        .collect();
    match commas.as_slice() {
        [] => {
            let n = han_len(cs);
            ((6..=12).contains(&n) && cs.len() <= 14).then_some(HeadingStyle::RunIn)
        }
        [c] => {
            let (x, y) = (han_len(&cs[..*c]), han_len(&cs[c + 1..]));
            let x_max = if initial { 9 } else { 5 };
            ((2..=x_max).contains(&x) && (6..=12).contains(&y)).then_some(HeadingStyle::RunInPair)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label the patterns can match opens with a character of
    /// [`LABEL_OPENERS`]: each character that can open a match is tried
    /// with a few continuations, and any that makes a label must be listed.
    #[test]
    fn label_openers_cover_every_pattern() {
        let set = regex::RegexSet::new(LABELS.iter().map(|(re, _)| re.as_str())).unwrap();
        let tails = [
            "、",
            "一、",
            "1.",
            "1、",
            "(一)",
            "(1)",
            "部分",
            "一部分",
            "个“一”是",
            "一”是",
            "”是",
            "",
            " ",
        ];
        let mut labels = 0;
        for c in (0x20..0x10000).filter_map(char::from_u32) {
            let first = crate::lexicon::for_tests().fold_char(c);
            for tail in tails {
                let folded: String = format!("{first}{tail}工作")
                    .chars()
                    .map(|c| crate::lexicon::for_tests().fold_char(c))
                    .collect();
                if set.is_match(&folded) {
                    labels += 1;
                    assert!(LABEL_OPENERS.contains(first), "{folded:?} is a label");
                }
            }
        }
        // The probe does find labels (it would pass vacuously otherwise).
        assert!(labels > 100, "{labels}");
    }

    fn label(s: &str) -> Option<(HeadingStyle, String)> {
        let t = Text::new(s, crate::lexicon::for_tests());
        label_at(&t, Span::new(0, t.len())).map(|l| (l.style, t.slice(l.span).to_string()))
    }

    #[test]
    fn labels() {
        assert_eq!(
            label("一、2024年工作成效"),
            Some((HeadingStyle::ChineseNumeral, "一、".into()))
        );
        assert_eq!(
            label("十一、其他"),
            Some((HeadingStyle::ChineseNumeral, "十一、".into()))
        );
        assert_eq!(
            label("（二）解忧纾困"),
            Some((HeadingStyle::ChineseParen, "（二）".into()))
        );
        assert_eq!(
            label("3．突破"),
            Some((HeadingStyle::ArabicNumeral, "3．".into()))
        );
        assert_eq!(
            label("12、大党建"),
            Some((HeadingStyle::ArabicNumeral, "12、".into()))
        );
        assert_eq!(
            label("(2)完成"),
            Some((HeadingStyle::ArabicParen, "(2)".into()))
        );
        assert_eq!(label("①开展"), Some((HeadingStyle::Circled, "①".into())));
        assert_eq!(
            label("第一个“一”是打造"),
            Some((HeadingStyle::CustomOrdinal, "第一个“一”是".into()))
        );
        assert_eq!(
            label("“三”是聚焦三项建设"),
            Some((HeadingStyle::CustomOrdinal, "“三”是".into()))
        );
        assert_eq!(
            label("第二部分 工作计划"),
            Some((HeadingStyle::Part, "第二部分".into()))
        );
        assert_eq!(
            label("——经济发展。"),
            Some((HeadingStyle::Dash, "——".into()))
        );
        assert_eq!(label("1.5万亩高标准农田"), None);
        assert_eq!(label("2022年工作"), None);
    }

    #[test]
    fn run_in_shapes() {
        let t = Text::new(
            "强品牌,精细雕琢一社一品。经济引擎持续发力。问题引领,事不避难。进一步强化精准服务,力促经济回升。西横街“精品街道”建设正在施工中。",
            crate::lexicon::for_tests(),
        );
        let ss = sentences(&t, Span::new(0, t.len()));
        let shapes: Vec<_> = ss.iter().map(|s| run_in_shape(&t, *s, false)).collect();
        // A proverb (`民生无小事,枝叶总关情`) is too short in its second half.
        let p = Text::new(
            "民生无小事,枝叶总关情。我们要始终聚焦重点领域。",
            crate::lexicon::for_tests(),
        );
        assert_eq!(
            run_in_shape(&p, sentences(&p, Span::new(0, p.len()))[0], true),
            None
        );
        let e = Text::new(
            "一是学理论知识,提升个人素质。党政办需要制定学习计划。",
            crate::lexicon::for_tests(),
        );
        assert_eq!(
            run_in_shape(&e, sentences(&e, Span::new(0, e.len()))[0], true),
            None
        );
        assert_eq!(
            shapes,
            vec![
                Some(HeadingStyle::RunInPair),
                Some(HeadingStyle::RunIn),
                None,
                None,
                None
            ]
        );
        assert_eq!(run_in_shape(&t, ss[3], true), Some(HeadingStyle::RunInPair));
    }

    #[test]
    fn fields_and_blocks() {
        let t = Text::new("对标对象:襄州区龙王镇", crate::lexicon::for_tests());
        let (k, v) = field(&t, Span::new(0, t.len())).expect("field");
        assert_eq!((t.slice(k), t.slice(v)), ("对标对象", "襄州区龙王镇"));
        let t = Text::new("主要表现为:重点项目储备不足", crate::lexicon::for_tests());
        assert!(field(&t, Span::new(0, t.len())).is_none());
        let t = Text::new("区委、区政府对镇(街)考核指标:", crate::lexicon::for_tests());
        assert_eq!(
            block_heading(&t, Span::new(0, t.len())).map(|s| t.slice(s).to_string()),
            Some("区委、区政府对镇(街)考核指标".into())
        );
    }
}
