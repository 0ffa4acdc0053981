//! Character-level building blocks shared by every stage: sets of
//! characters as bitmaps, word comparison on character slices, and the
//! folding of one character for matching.
//!
//! This module depends on nothing else in the crate, so that the text, the
//! lexicon and the rules can all use it without depending on each other.

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

    /// Add one character; characters outside the Basic Multilingual Plane
    /// are not held (callers treat them separately).
    pub fn insert(&mut self, c: char) {
        let u = c as usize;
        if u < 0x10000 {
            self.bits[u / 64] |= 1 << (u % 64);
        }
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let u = c as usize;
        u < 0x10000 && (self.bits[u / 64] >> (u % 64)) & 1 == 1
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

/// Han ideographs (the CJK blocks plain-text plans use).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// The folding table of a lexicon (`fold.tsv`): one character to the one it
/// is matched as. Every character of every document goes through it, so it
/// is kept as a sorted table for binary search plus a bitmap of the
/// characters of the Basic Multilingual Plane that have an entry: nearly
/// every character has none, and the bitmap answers that with one load.
#[derive(Debug, Clone)]
pub struct Fold {
    bits: CharSet,
    table: Vec<(char, char)>,
}

impl Fold {
    /// The fold of `pairs` (source, target); on a repeated source the first
    /// pair wins.
    pub fn new(pairs: impl IntoIterator<Item = (char, char)>) -> Fold {
        let mut table: Vec<(char, char)> = pairs.into_iter().collect();
        table.sort_by_key(|p| p.0);
        table.dedup_by_key(|p| p.0);
        let mut bits = CharSet::new(&[]);
        for &(c, _) in &table {
            bits.insert(c);
        }
        Fold { bits, table }
    }

    /// Fold one character for matching: full-width ASCII to ASCII, the
    /// ideographic space to a space, and the table.
    #[inline]
    pub fn fold(&self, c: char) -> char {
        let u = c as usize;
        if u < 0x80 {
            return c;
        }
        match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ if u < 0x10000 && !self.bits.contains(c) => c,
            _ => self
                .table
                .binary_search_by_key(&c, |p| p.0)
                .map_or(c, |i| self.table[i].1),
        }
    }
}

/// Display columns of a line, as [`unicode_width::UnicodeWidthStr::width`]
/// counts them, without its table lookups for the characters plan text is
/// made of.
///
/// The line-wrap joiner measures every line of every document, and the
/// general lookup was a twentieth of all the work. Printable ASCII is one
/// column, CJK ideographs, CJK punctuation (the ideographic space and the
/// brackets of converted text included) and full-width forms are two, and
/// the quotation marks, dashes, ellipsis and circled numbers of Chinese
/// text are one (their East Asian width is ambiguous, which the crate
/// counts as narrow).
/// None of these takes part in the crate's context rules (emoji and
/// keycap sequences, ligatures): those always involve a character outside
/// this set, and a line holding any other character is measured by the
/// crate itself, so the result is always the same.
pub fn display_width(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        width += match c {
            ' '..='~' => 1,
            '\u{4e00}'..='\u{9fff}'
            | '\u{3000}'..='\u{3003}'
            | '\u{3008}'..='\u{3017}'
            | '\u{fe35}'..='\u{fe44}'
            | '\u{ff01}'..='\u{ff60}' => 2,
            '\u{2014}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{2026}'
            | '\u{00b7}'
            | '\u{2460}'..='\u{2473}' => 1,
            _ => return unicode_width::UnicodeWidthStr::width(line),
        };
    }
    width
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
    fn fold_by_table_and_width() {
        let f = Fold::new([('萬', '万'), ('兩', '两'), ('萬', 'x')]);
        assert_eq!(f.fold('２'), '2');
        assert_eq!(f.fold('％'), '%');
        assert_eq!(f.fold('萬'), '万');
        assert_eq!(f.fold('兩'), '两');
        assert_eq!(f.fold('\u{3000}'), ' ');
        assert_eq!(f.fold('中'), '中');
    }

    #[test]
    fn display_width_is_the_crates() {
        use unicode_width::UnicodeWidthStr;
        // Every character of the fast path alone and after each kind of
        // neighbour, and lines that leave it.
        let fast = (' '..='~')
            .chain('\u{4e00}'..='\u{9fff}')
            .chain('\u{3000}'..='\u{3003}')
            .chain('\u{3008}'..='\u{3017}')
            .chain('\u{fe35}'..='\u{fe44}')
            .chain('\u{ff01}'..='\u{ff60}')
            .chain('\u{2460}'..='\u{2473}')
            .chain([
                '\u{2014}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2026}', '\u{00b7}',
            ]);
        let mut n = 0;
        for c in fast {
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("中{c}。"),
                format!("{c}{c}"),
            ] {
                assert_eq!(display_width(&s), s.width(), "{s:?}");
            }
            n += 1;
        }
        assert!(n > 20_000, "{n}");
        for s in [
            "",
            "完成投资3.5亿元，增幅３５％",
            "1\u{fe0f}\u{20e3} 一、总体目标",
            "\r\n",
            "\u{1f468}\u{200d}\u{1f469}",
            "第\u{302a}一",
            "“十村共建”——《方案》…·",
        ] {
            assert_eq!(display_width(s), s.width(), "{s:?}");
        }
    }
}
