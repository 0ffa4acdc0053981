//! The decoded text and its folded twin.
//!
//! Matching happens on a *folded* copy (full-width ASCII to half-width,
//! traditional numerals and measure words to simplified) that has exactly
//! as many characters as the original, so a character offset found in the
//! folded text is a valid offset into the original. Output text is always
//! cut from the original.

pub use crate::chars::{ASCII_DIGITS, CharSet, ends_with_word, is_han, starts_with_word};
use crate::lexicon::Lexicon;
use crate::model::Span;

/// A document's text as read with a lexicon: the lexicon folds its
/// characters, and every rule that looks at the text looks words up in the
/// same lexicon ([`Text::lexicon`]), so the two travel together.
#[derive(Debug, Clone)]
pub struct Text<'lx> {
    lexicon: &'lx Lexicon,
    original: String,
    /// Folded characters, one per original character.
    pub chars: Vec<char>,
    /// Byte offset of each character of `original`, plus the end.
    orig_offsets: Offsets,
    /// The folded characters as one string, built once: every regex and
    /// keyword search borrows a slice of it instead of collecting a new
    /// string per goal.
    folded: String,
    /// Byte offset of each character of `folded`, plus the end.
    folded_offsets: Offsets,
}

/// The byte offsets of a text's characters, in a little over one byte a
/// character: the offset of every [`Offsets::BLOCK`]th character, and for
/// each character its distance from that one. Plain `u32` offsets made the
/// two tables of a text 8 bytes a character, most of a huge document's
/// memory; this costs one more load per lookup.
#[derive(Debug, Clone, Default)]
struct Offsets {
    /// The offset of characters 0, BLOCK, 2 × BLOCK, …
    blocks: Vec<u32>,
    /// Each character's offset less its block's. At most 63 characters of
    /// at most 4 bytes each lie between the two: 252 fits a byte.
    deltas: Vec<u8>,
}

impl Offsets {
    const BLOCK: usize = 64;

    fn with_capacity(n: usize) -> Self {
        Offsets {
            blocks: Vec::with_capacity(n.div_ceil(Self::BLOCK)),
            deltas: Vec::with_capacity(n),
        }
    }

    /// Append the next character's offset (offsets only grow, by at most 4
    /// a character; [`Text::MAX_BYTES`] keeps them within `u32`).
    fn push(&mut self, offset: u32) {
        if self.deltas.len().is_multiple_of(Self::BLOCK) {
            self.blocks.push(offset);
        }
        let base = self.blocks.last().copied().unwrap_or(0);
        self.deltas.push((offset - base) as u8);
    }

    #[inline]
    fn get(&self, i: usize) -> usize {
        self.blocks[i / Self::BLOCK] as usize + self.deltas[i] as usize
    }

    /// The last index in `lo..=hi` whose offset is at most `target` (`lo`
    /// when none is).
    fn last_at_most(&self, lo: usize, hi: usize, target: usize) -> usize {
        let (mut a, mut b) = (lo, hi + 1);
        while a < b {
            let mid = a + (b - a) / 2;
            if self.get(mid) <= target {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        a.saturating_sub(1).max(lo)
    }
}

impl<'lx> Text<'lx> {
    /// The longest text read, in bytes of UTF-8: a quarter of the range of
    /// the `u32` offsets, since folding may lengthen a character's encoding
    /// (never past four bytes). [`crate::Extractor::extract`] refuses a
    /// longer file as `too_large`; a longer string given to [`Text::new`]
    /// is read up to the last whole character within the limit.
    pub const MAX_BYTES: usize = (u32::MAX / 4) as usize;

    /// The text of `original`, folded for matching by `lexicon`.
    pub fn new(original: &str, lexicon: &'lx Lexicon) -> Self {
        Self::from_string(original.to_string(), lexicon)
    }

    /// [`Text::new`], keeping `original` rather than a copy: a huge text is
    /// then held once, not twice.
    pub fn from_string(mut original: String, lexicon: &'lx Lexicon) -> Self {
        let mut cut = original.len().min(Self::MAX_BYTES);
        while !original.is_char_boundary(cut) {
            cut -= 1;
        }
        original.truncate(cut);
        let fold = lexicon.fold();
        // Exact sizes: counting the characters first is a fast pass, and
        // guessing from the byte length over-allocates Chinese text by half
        // (three bytes a character) and re-grows ASCII text.
        let n = original.chars().count() + 1;
        let mut orig_offsets = Offsets::with_capacity(n);
        let mut chars = Vec::with_capacity(n);
        let mut folded = String::with_capacity(original.len());
        let mut folded_offsets = Offsets::with_capacity(n);
        for (i, c) in original.char_indices() {
            let f = fold.fold(c);
            // In range: both lengths are at most 4 × MAX_BYTES ≤ u32::MAX.
            orig_offsets.push(i as u32);
            folded_offsets.push(folded.len() as u32);
            chars.push(f);
            folded.push(f);
        }
        orig_offsets.push(original.len() as u32);
        folded_offsets.push(folded.len() as u32);
        Text {
            lexicon,
            original,
            chars,
            orig_offsets,
            folded,
            folded_offsets,
        }
    }

    /// The lexicon this text is read with.
    pub fn lexicon(&self) -> &'lx Lexicon {
        self.lexicon
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
        &self.original[self.orig_offsets.get(s)..self.orig_offsets.get(e)]
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
        &self.folded[self.folded_offsets.get(s)..self.folded_offsets.get(e)]
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
            offsets: &self.folded_offsets,
            end: e,
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
    /// Byte offsets (in the whole folded text) of every character.
    offsets: &'a Offsets,
    /// Character offset of the end of `text`.
    end: usize,
}

impl FoldedSpan<'_> {
    /// The character span of a byte range of `text` (a regex match).
    pub fn span(&self, start_byte: usize, end_byte: usize) -> Span {
        Span::new(self.char_at(start_byte), self.char_at(end_byte))
    }

    /// The character index of a byte offset of `text`: the character that
    /// starts there, or the one it falls inside.
    fn char_at(&self, byte: usize) -> usize {
        let first = self.offsets.get(self.base);
        self.offsets.last_at_most(self.base, self.end, first + byte)
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

#[cfg(test)]
mod tests {
    use super::*;

    impl Text<'static> {
        fn new_for_tests(s: &str) -> Text<'static> {
            Text::new(s, crate::lexicon::for_tests())
        }
    }

    #[test]
    fn folding_keeps_char_offsets() {
        let t = Text::new_for_tests("完成２０个（一）小区，增幅３８％");
        assert_eq!(t.len(), "完成２０个（一）小区，增幅３８％".chars().count());
        let folded: String = t.chars.iter().collect();
        assert_eq!(folded, "完成20个(一)小区,增幅38%");
        assert_eq!(t.slice(Span::new(2, 4)), "２０");
    }

    #[test]
    fn trim_spans() {
        let t = Text::new_for_tests("  1、大党建工作。 ");
        assert_eq!(t.slice(t.trim(Span::new(0, t.len()))), "1、大党建工作。");
        assert_eq!(t.slice(t.trim_punct(Span::new(4, t.len()))), "大党建工作");
    }
}
