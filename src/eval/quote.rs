//! Between quotes and spans: gold files quote the document's text (a string
//! and which occurrence of it), the extractor reports character spans, and
//! the error lists show spans again as quoted text with some context.

use serde::Serialize;

use crate::model::Span;

/// A piece of a document a developer should look at.
///
/// Defined here, with the `Quoter` that makes it, rather than with the
/// scores that hold it: the gold files need this module to place their
/// quotes, and the scores need the gold types, so a `Mention` among the
/// scores would make the three modules depend on each other in a circle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub text: String,
    pub span: Span,
    /// The text around it, the mention itself between `⟦` and `⟧`.
    pub context: String,
}

/// Byte offsets of a text's characters, to turn byte positions into
/// character offsets.
pub(super) struct CharIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        CharIndex {
            text,
            starts: text.char_indices().map(|(i, _)| i).collect(),
        }
    }

    /// How many characters the text has: scoring compares it with the
    /// document's own count to catch a text that is not the document's.
    pub(super) fn char_count(&self) -> usize {
        self.starts.len()
    }

    fn char_at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }

    pub(super) fn locate(&self, needle: &str, occurrence: usize) -> Option<Span> {
        let byte = find_nth(self.text, needle, occurrence)?;
        let start = self.char_at(byte);
        Some(Span::new(start, start + needle.chars().count()))
    }
}

/// Byte position of the `n`-th (1-based) occurrence of `needle`, each search
/// starting one character after the previous match (so occurrences may
/// overlap), like repeated Python `str.find(needle, pos + 1)`.
fn find_nth(text: &str, needle: &str, n: usize) -> Option<usize> {
    if n == 0 || needle.is_empty() {
        return None;
    }
    let mut pos: Option<usize> = None;
    for _ in 0..n {
        let from = match pos {
            None => 0,
            Some(p) => p + text[p..].chars().next().map_or(1, char::len_utf8),
        };
        pos = Some(from + text.get(from..)?.find(needle)?);
    }
    pos
}

/// The character span of the `occurrence`-th (1-based) occurrence of
/// `needle` in `text`, as gold files quote text.
pub fn locate(text: &str, needle: &str, occurrence: usize) -> Option<Span> {
    CharIndex::new(text).locate(needle, occurrence)
}

/// Sort mentions into document order.
pub(super) fn by_position(mentions: &mut [Mention]) {
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

/// Cuts mentions with their context out of a document's text, kept as
/// characters because spans count characters, not bytes.
pub(super) struct Quoter {
    chars: Vec<char>,
}

impl Quoter {
    pub(super) fn new(text: &str) -> Self {
        Quoter {
            chars: text.chars().collect(),
        }
    }

    pub(super) fn mention(&self, text: &str, span: Span) -> Mention {
        Mention {
            text: text.to_string(),
            span,
            context: context(&self.chars, span),
        }
    }
}

/// Up to ten characters either side of a span, the span marked `⟦…⟧`, line
/// breaks shown as spaces.
fn context(chars: &[char], span: Span) -> String {
    const WIDTH: usize = 10;
    let end = span.end.min(chars.len());
    let start = span.start.min(end);
    let from = start.saturating_sub(WIDTH);
    let to = (end + WIDTH).min(chars.len());
    let piece = |a: usize, b: usize| -> String {
        chars[a..b]
            .iter()
            .map(|&c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect()
    };
    format!(
        "{}{}⟦{}⟧{}{}",
        if from > 0 { "…" } else { "" },
        piece(from, start),
        piece(start, end),
        piece(end, to),
        if to < chars.len() { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Ratio;
    use crate::eval::fixtures::*;
    use crate::model::{Deadline, Target};
    use serde_json::json;

    #[test]
    fn locate_counts_occurrences_like_python_find() {
        let text = "甲10个乙10个丙10个";
        assert_eq!(locate(text, "10个", 1), Some(Span::new(1, 4)));
        assert_eq!(locate(text, "10个", 2), Some(Span::new(5, 8)));
        assert_eq!(locate(text, "10个", 3), Some(Span::new(9, 12)));
        assert_eq!(locate(text, "10个", 4), None);
        // Each search starts one character after the previous match.
        assert_eq!(locate("aaaa", "aa", 2), Some(Span::new(1, 3)));
        assert_eq!(locate("aaaa", "aa", 3), Some(Span::new(2, 4)));
        assert_eq!(locate("aaaa", "aa", 4), None);
        assert_eq!(locate(text, "10个", 0), None);
        assert_eq!(locate(text, "", 1), None);
        assert_eq!(locate(text, "20个", 1), None);
    }

    #[test]
    fn offsets_are_in_characters_with_non_bmp_text() {
        // U+20000 and an emoji take four bytes in UTF-8 (two UTF-16 units).
        let text = "𠀀😀完成5个,𠀀年底5个";
        assert_eq!(locate(text, "5个", 1), Some(Span::new(4, 6)));
        assert_eq!(locate(text, "5个", 2), Some(Span::new(10, 12)));
        assert_eq!(locate(text, "年底", 1), Some(Span::new(8, 10)));
        let g = gold(
            "a.txt",
            json!({"targets": [gold_target("5个", 2, 5.0, false)],
                   "deadlines": [{"text": "年底", "occurrence": 1, "by": "2021-12-31"}]}),
        );
        let d = one_unit(
            text,
            vec![Target {
                span: Span::new(10, 12),
                ..target(text, "5个", 2, 5.0)
            }],
            vec![Deadline {
                text: "年底".into(),
                span: Span::new(8, 10),
                by: Some("2021-12-31".into()),
            }],
        );
        let s = score_one(g, d);
        assert_eq!(s.targets.recall, Ratio::new(1, 1));
        assert_eq!(s.targets.precision, Ratio::new(1, 1));
        assert_eq!(s.deadlines.recall, Ratio::new(1, 1));
        // Context is cut on characters too.
        let miss = context(&text.chars().collect::<Vec<_>>(), Span::new(4, 6));
        assert_eq!(miss, "𠀀😀完成⟦5个⟧,𠀀年底5个");
    }
}
