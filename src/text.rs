//! The decoded text and its folded twin.
//!
//! Matching happens on a *folded* copy (full-width ASCII to half-width,
//! traditional numerals and measure words to simplified) that has exactly
//! as many characters as the original, so a character offset found in the
//! folded text is a valid offset into the original. Output text is always
//! cut from the original.

use crate::lexicon;
use crate::model::Span;

#[derive(Debug, Clone)]
pub struct Text {
    original: String,
    /// Folded characters, one per original character.
    pub chars: Vec<char>,
    /// Byte offset of each character of `original`, plus the end.
    orig_offsets: Vec<usize>,
    /// The folded characters as one string, built once: every regex and
    /// keyword search borrows a slice of it instead of collecting a new
    /// string per goal.
    folded: String,
    /// Byte offset of each character of `folded`, plus the end.
    folded_offsets: Vec<usize>,
}

impl Text {
    pub fn new(original: &str) -> Self {
        let n = original.len() / 2 + 1;
        let mut orig_offsets = Vec::with_capacity(n);
        let mut chars = Vec::with_capacity(n);
        let mut folded = String::with_capacity(original.len());
        let mut folded_offsets = Vec::with_capacity(n);
        let folder = lexicon::Folder::get();
        for (i, c) in original.char_indices() {
            let f = folder.fold(c);
            orig_offsets.push(i);
            folded_offsets.push(folded.len());
            chars.push(f);
            folded.push(f);
        }
        orig_offsets.push(original.len());
        folded_offsets.push(folded.len());
        Text {
            original: original.to_string(),
            chars,
            orig_offsets,
            folded,
            folded_offsets,
        }
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn original(&self) -> &str {
        &self.original
    }

    /// The original text of a span.
    pub fn slice(&self, span: Span) -> &str {
        let s = span.start.min(self.len());
        let e = span.end.clamp(s, self.len());
        &self.original[self.orig_offsets[s]..self.orig_offsets[e]]
    }

    /// The folded characters of a span.
    pub fn chars_in(&self, span: Span) -> &[char] {
        let s = span.start.min(self.len());
        let e = span.end.clamp(s, self.len());
        &self.chars[s..e]
    }

    /// The folded text of a span.
    pub fn folded(&self, span: Span) -> &str {
        let s = span.start.min(self.len());
        let e = span.end.clamp(s, self.len());
        &self.folded[self.folded_offsets[s]..self.folded_offsets[e]]
    }

    /// Narrow a span so it neither starts nor ends with whitespace.
    pub fn trim(&self, span: Span) -> Span {
        let mut s = span.start;
        let mut e = span.end;
        while s < e && is_space(self.chars[s]) {
            s += 1;
        }
        while e > s && is_space(self.chars[e - 1]) {
            e -= 1;
        }
        Span::new(s, e)
    }

    /// Narrow a span so it neither starts nor ends with whitespace or punctuation.
    pub fn trim_punct(&self, span: Span) -> Span {
        let mut s = span.start;
        let mut e = span.end;
        while s < e && (is_space(self.chars[s]) || is_trim_punct(self.chars[s])) {
            s += 1;
        }
        while e > s && (is_space(self.chars[e - 1]) || is_trim_punct(self.chars[e - 1])) {
            e -= 1;
        }
        Span::new(s, e)
    }

    /// The folded text of a span as a string, for regex matching, with the
    /// way back from byte offsets in that string to character spans.
    pub fn folded_indexed(&self, span: Span) -> FoldedSpan<'_> {
        let s = span.start.min(self.len());
        let e = span.end.clamp(s, self.len());
        FoldedSpan {
            text: self.folded(span),
            base: s,
            offsets: &self.folded_offsets[s..=e],
        }
    }

    pub fn snippet(&self, span: Span) -> crate::model::Snippet {
        crate::model::Snippet {
            text: self.slice(span).to_string(),
            span,
        }
    }
}

/// A folded stretch of text (see [`Text::folded_indexed`]), borrowed from
/// the [`Text`].
#[derive(Debug, Clone, Copy)]
pub struct FoldedSpan<'a> {
    pub text: &'a str,
    /// Character offset of `text` in the whole text.
    base: usize,
    /// Byte offsets (in the whole folded text) of each character of `text`,
    /// plus the end.
    offsets: &'a [usize],
}

impl FoldedSpan<'_> {
    /// The character span of a byte range of `text` (a regex match).
    pub fn span(&self, start_byte: usize, end_byte: usize) -> Span {
        Span::new(self.char_at(start_byte), self.char_at(end_byte))
    }

    /// The character index of a byte offset of `text`: the character that
    /// starts there, or the one it falls inside.
    fn char_at(&self, byte: usize) -> usize {
        let first = self.offsets.first().copied().unwrap_or(0);
        let target = first + byte;
        let i = match self.offsets.binary_search(&target) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        self.base + i.min(self.offsets.len().saturating_sub(1))
    }
}

/// Does `hay` start with the word `w`? The first characters are compared
/// before the rest: nearly every word of a lexicon differs there, and the
/// full slice comparison is a library call. The rules test thousands of
/// words per goal this way.
pub fn starts_with_word(hay: &[char], w: &[char]) -> bool {
    match (hay.first(), w.first()) {
        (_, None) => true,
        (Some(a), Some(b)) => a == b && hay.starts_with(w),
        (None, Some(_)) => false,
    }
}

/// Does `hay` end with the word `w`? (See [`starts_with_word`].)
pub fn ends_with_word(hay: &[char], w: &[char]) -> bool {
    match (hay.last(), w.last()) {
        (_, None) => true,
        (Some(a), Some(b)) => a == b && hay.ends_with(w),
        (None, Some(_)) => false,
    }
}

pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Punctuation that never starts or ends a heading or a goal.
fn is_trim_punct(c: char) -> bool {
    matches!(
        c,
        '。' | ',' | ';' | ':' | '、' | '!' | '?' | '.' | '…' | '—'
    )
}

/// Sentence-final punctuation (after folding).
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '…')
}

/// Han ideographs (the CJK blocks plain-text plans use).
/// A set of characters of the Basic Multilingual Plane, as a bitmap.
///
/// The grammar asks "is this a numeral character? a clause boundary? an
/// opening quote?" of nearly every character of every goal, and nearly
/// every answer is no. A `match` over a dozen scattered code points
/// compiles to a chain of comparisons and branches; a bitmap answers with
/// one load and a mask (1,024 words, 8 KiB, built at compile time).
#[derive(Debug, Clone)]
pub struct CharSet {
    bits: [u64; 1024],
}

/// The ASCII digits, for building [`CharSet`]s.
pub const ASCII_DIGITS: &[char] = &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

impl CharSet {
    /// The set of `chars`, all of which must be in the Basic Multilingual
    /// Plane (checked when the constant is compiled).
    pub const fn new(chars: &[char]) -> Self {
        CharSet { bits: [0; 1024] }.with(chars)
    }

    /// This set with `chars` added, for building one set from another at
    /// compile time.
    pub const fn with(mut self, chars: &[char]) -> Self {
        let mut i = 0;
        while i < chars.len() {
            let u = chars[i] as usize;
            assert!(u < 0x10000, "CharSet holds BMP characters only");
            self.bits[u / 64] |= 1 << (u % 64);
            i += 1;
        }
        self
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let u = c as usize;
        u < 0x10000 && (self.bits[u / 64] >> (u % 64)) & 1 == 1
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_sets() {
        static SET: CharSet = CharSet::new(&['一', '〇', 'A', '\u{ffff}']);
        for c in ['一', '〇', 'A', '\u{ffff}'] {
            assert!(SET.contains(c), "{c}");
        }
        for c in ['二', 'B', '@', '\u{0}', '\u{10000}', '\u{2a6d6}'] {
            assert!(!SET.contains(c), "{c}");
        }
    }

    #[test]
    fn folding_keeps_char_offsets() {
        let t = Text::new("完成２０个（一）小区，增幅３８％");
        assert_eq!(t.len(), "完成２０个（一）小区，增幅３８％".chars().count());
        let folded: String = t.chars.iter().collect();
        assert_eq!(folded, "完成20个(一)小区,增幅38%");
        assert_eq!(t.slice(Span::new(2, 4)), "２０");
    }

    #[test]
    fn trim_spans() {
        let t = Text::new("  1、大党建工作。 ");
        assert_eq!(t.slice(t.trim(Span::new(0, t.len()))), "1、大党建工作。");
        assert_eq!(t.slice(t.trim_punct(Span::new(4, t.len()))), "大党建工作");
    }
}
