//! Numerals: Arabic (`1,287`, `0.96`), Chinese (`十八`, `一百零五`, `两`,
//! `二〇二二`), mixed (`1.5万`, `1.2万亿`) → `f64`.
//!
//! Works on folded characters (see [`crate::text`]), so full-width digits and
//! traditional `萬 億 兩` arrive here already as `2 万 亿 两`.

use crate::text::CharSet;

/// A number found in text: `[start, end)` in characters of the slice given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Written in Chinese numerals (`三`, `十八`) rather than Arabic digits.
    pub chinese: bool,
    /// The whole numeral is the single character `一`: Chinese writing uses it
    /// as an article (`一种`, `一批`, `进一步`) far more often than as a count.
    pub bare_one: bool,
}

pub fn chinese_digit(c: char) -> Option<u32> {
    // Nearly every character asked about is no numeral: one bitmap load
    // turns those away before the comparisons below.
    if !CHINESE_NUMERAL_CHARS.contains(c) {
        return None;
    }
    digit_value(c)
}

fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' | '俩' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        _ => return None,
    })
}

/// The value of a large multiplier character (`万`, `亿`).
pub fn big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' => 1e4,
        '亿' => 1e8,
        _ => return None,
    })
}

/// Can a Chinese numeral start with this character?
pub fn starts_chinese(c: char) -> bool {
    chinese_digit(c).is_some() || c == '十' || c == '拾'
}

/// Every character a Chinese numeral is written with: the digits of
/// [`chinese_digit`], the multipliers of `small_unit` and [`big_unit`], and
/// `点` (the decimal point). Kept in step with them by a test.
static CHINESE_NUMERAL_CHARS: CharSet =
    CharSet::new(CHINESE_DIGITS).with(&['十', '拾', '百', '佰', '千', '仟', '万', '亿', '点']);

/// The plain digits one to nine (`一` … `九`), in order: what list labels
/// and enumerators are numbered with, and what `chinese_number` writes.
pub const PLAIN_DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The characters [`chinese_digit`] gives a value, for building character
/// sets (kept in step with it by a test).
pub const CHINESE_DIGITS: &[char] = &[
    '零', '〇', '一', '壹', '二', '两', '贰', '俩', '三', '叁', '四', '肆', '五', '伍', '六', '陆',
    '七', '柒', '八', '捌', '九', '玖',
];

/// Is `c` one of the characters a Chinese numeral is written with?
pub fn is_chinese_numeral_char(c: char) -> bool {
    CHINESE_NUMERAL_CHARS.contains(c)
}

/// Value of a Chinese numeral (`三十五点五` → 35.5, `一万五千亿` → 1.5e12,
/// `二〇二二` → 2022, `一点五万` → 15000). `None` for strings that are not
/// well-formed numerals.
pub fn parse_chinese(cs: &[char]) -> Option<f64> {
    if cs.is_empty() {
        return None;
    }
    let Some(p) = cs.iter().position(|&c| c == '点') else {
        return parse_chinese_integer(cs);
    };
    // A decimal may carry multipliers after it: `一点五万`, `零点三亿`.
    let mut frac = &cs[p + 1..];
    let mut exponent = 0;
    while let Some((&last, rest)) = frac.split_last() {
        match last {
            '万' => exponent += 4,
            '亿' => exponent += 8,
            _ => break,
        }
        frac = rest;
    }
    if frac.is_empty() {
        return None;
    }
    // Read as the text `int.ddde±n`, which `f64` parses to the nearest value
    // (summing `d × 0.1ⁿ` and multiplying would add binary noise).
    let mut text = format!("{}.", parse_chinese_integer(&cs[..p])?);
    for &c in frac {
        text.push(char::from_digit(chinese_digit(c)?, 10)?);
    }
    text.push_str(&format!("e{exponent}"));
    text.parse().ok()
}

/// One piece of a numeral: a number (a Chinese digit, or a run of Arabic
/// digits in a mixed form such as `3万4000`), a zero, or a multiplier.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    Number { value: f64, arabic: bool },
    Zero,
    Small(f64),
    Big(f64),
}

fn parse_chinese_integer(cs: &[char]) -> Option<f64> {
    if cs.is_empty() {
        return None;
    }
    // Digits only, read positionally: `二〇二二`. Two digits (`三五个`) are an
    // approximation ("three or five"), not thirty-five.
    let digits_only = cs.iter().all(|&c| chinese_digit(c).is_some());
    if digits_only && cs.len() == 2 && !cs.iter().any(|&c| c == '〇' || c == '零') {
        return None;
    }
    if digits_only && cs.len() > 1 {
        return cs.iter().try_fold(0.0, |acc, &c| {
            Some(acc * 10.0 + f64::from(chinese_digit(c)?))
        });
    }
    let mut pieces = Vec::with_capacity(cs.len());
    for &c in cs {
        pieces.push(match (digit_value(c), small_unit(c), big_unit(c)) {
            (Some(0), _, _) => Piece::Zero,
            (Some(d), _, _) => Piece::Number {
                value: f64::from(d),
                arabic: false,
            },
            (_, Some(u), _) => Piece::Small(u),
            (_, _, Some(u)) => Piece::Big(u),
            _ => return None,
        });
    }
    evaluate(&pieces)
}

/// The value of a numeral's pieces, by the grammar of Chinese numerals:
/// a number times a falling run of `十 百 千` makes a section, `万`/`亿`
/// close a section (`一万五千亿`: everything before `亿` counts 亿), `零`
/// stands for skipped places (`一千零五`, `一万零十二`). A single digit
/// right after a multiplier is the next place down, as said aloud:
/// `一百五` = 150, `三万五` = 35000, `九十二万四` = 924000.
fn evaluate(pieces: &[Piece]) -> Option<f64> {
    let mut total = 0.0; // completed 万/亿 groups
    let mut section = 0.0; // below the current 万
    let mut number: Option<(f64, bool)> = None;
    let mut zero = false; // a `零` since the last multiplier
    let mut last_small = f64::INFINITY;
    let mut last_big = f64::INFINITY;
    // The multiplier right before the current number, if nothing stood between.
    let mut after_unit: Option<f64> = None;
    for (k, &p) in pieces.iter().enumerate() {
        match p {
            Piece::Zero => {
                if number.is_some() {
                    return None; // `五零`: a digit run, not a place value
                }
                zero = true;
                after_unit = None;
            }
            Piece::Number { value, arabic } => {
                if number.is_some() {
                    return None; // two numbers in a row: `三五`
                }
                number = Some((value, arabic));
                if k > 0 && !matches!(pieces[k - 1], Piece::Small(_) | Piece::Big(_)) {
                    after_unit = None;
                }
            }
            Piece::Small(u) => {
                if u >= last_small {
                    return None; // `十百`: units must fall
                }
                let d = match number {
                    Some((d, _)) => d,
                    // `十八` = 18, `一万零十二` = 10012.
                    None if u == 10.0 && (section == 0.0 || zero) => 1.0,
                    None => return None,
                };
                section += d * u;
                number = None;
                last_small = u;
                after_unit = Some(u);
            }
            Piece::Big(u) => {
                let group = section + number.map_or(0.0, |(d, _)| d);
                if group == 0.0 && total == 0.0 {
                    return None; // `万`, `亿` alone
                }
                // A group must be smaller than the multiplier of the group before.
                if u == 1e8 {
                    total = (total + group) * u;
                } else {
                    if u >= last_big && group > 0.0 {
                        return None;
                    }
                    total += group * u;
                }
                section = 0.0;
                number = None;
                zero = false;
                last_small = f64::INFINITY;
                last_big = u;
                after_unit = Some(u);
            }
        }
    }
    let began_arabic = matches!(pieces.first(), Some(Piece::Number { arabic: true, .. }));
    let tail = match number {
        None => 0.0,
        Some((d, arabic)) => match after_unit {
            // `一百五`, `三万五`: the next place down. Arabic digits after a
            // multiplier (`3万4000`) are written out in full; a Chinese
            // digit after an Arabic amount is a new word (`1万一次性`).
            Some(_) if !arabic && began_arabic => return None,
            Some(u) if !arabic && u > 10.0 => d * u / 10.0,
            Some(_) if !arabic => d,
            // `3万4000`, `100万三千` has its 千; a bare `3万5` is not read.
            Some(u) if d.fract() == 0.0 && d < u && d >= u / 10.0 => d,
            Some(_) => return None,
            None if arabic && d >= last_small.min(last_big) => return None,
            None => d,
        },
    };
    Some(total + section + tail)
}

/// How many characters of a Chinese numeral are read at most.
const MAX_CHINESE_NUMERAL: usize = 32;

/// The numeral starting at `chars[i]`, if one does. Arabic digits may carry
/// thousands separators (`1,287`, `1，287` folds to the same) and a decimal
/// part, and be followed by Chinese multipliers (`1.5万`, `3千`, `1.2万亿`)
/// and further places (`25万6千`, `3万4000`, `2千零30万`).
pub fn numeral_at(chars: &[char], i: usize) -> Option<Numeral> {
    let c = *chars.get(i)?;
    if c.is_ascii_digit() {
        return mixed_at(chars, i);
    }
    if starts_chinese(c) {
        // The longest numeral a plan writes (`一千二百三十四亿五千六百七十八万…`)
        // is under thirty characters; reading further would only make the
        // prefix search below quadratic on a run of thousands of numeral
        // characters.
        let limit = chars.len().min(i.saturating_add(MAX_CHINESE_NUMERAL));
        let mut j = i;
        while j < limit && is_chinese_numeral_char(chars[j]) {
            j += 1;
        }
        // A trailing `点` belongs to the text (`三点建议`), not the numeral.
        while j > i && chars[j - 1] == '点' {
            j -= 1;
        }
        // Try the longest well-formed prefix: `三十五万元` → `三十五万`.
        for end in (i + 1..=j).rev() {
            if let Some(v) = parse_chinese(&chars[i..end]) {
                return Some(Numeral {
                    start: i,
                    end,
                    value: v,
                    chinese: true,
                    bare_one: end == i + 1 && c == '一',
                });
            }
        }
    }
    None
}

/// Spaces a PDF or Word conversion leaves between a number and what
/// follows it (`31.88 亿元`, `6.5 %`), or a line break a page layout put
/// there (`4380` / `吨`): how many characters of that gap start at
/// `chars[i]`, if something other than a space follows (at most two spaces
/// on either side of at most one line break). A goal's text holds a line
/// break only where the line splitter found a wrap.
pub fn spaces_at(chars: &[char], i: usize) -> usize {
    let is_space = |c: char| c == ' ' || c == '\u{a0}' || c == '\u{3000}';
    let mut k = i;
    let mut run = 0;
    let mut breaks = 0;
    while let Some(&c) = chars.get(k) {
        if is_space(c) {
            run += 1;
            if run > 2 {
                return 0;
            }
        } else if c == '\n' || c == '\r' {
            if c == '\n' {
                breaks += 1;
            }
            if breaks > 1 {
                return 0;
            }
            run = 0;
        } else {
            break;
        }
        k += 1;
    }
    if chars.get(k).is_some() { k - i } else { 0 }
}

/// An Arabic number at `chars[i]`: digits, thousands groups, a decimal part.
fn arabic_number(chars: &[char], i: usize) -> Option<(f64, usize, bool)> {
    let n = chars.len();
    let mut j = i;
    let mut digits = String::new();
    while j < n && chars[j].is_ascii_digit() {
        digits.push(chars[j]);
        j += 1;
    }
    // Thousands groups: `,ddd` not followed by another digit.
    while j + 3 < n
        && chars[j] == ','
        && chars[j + 1..j + 4].iter().all(|c| c.is_ascii_digit())
        && !chars.get(j + 4).is_some_and(|c| c.is_ascii_digit())
    {
        digits.extend(&chars[j + 1..j + 4]);
        j += 4;
    }
    let mut decimal = false;
    if j + 1 < n && chars[j] == '.' && chars[j + 1].is_ascii_digit() {
        decimal = true;
        digits.push('.');
        j += 1;
        while j < n && chars[j].is_ascii_digit() {
            digits.push(chars[j]);
            j += 1;
        }
    }
    Some((digits.parse().ok()?, j, decimal))
}

/// A number opening with Arabic digits, with the Chinese multipliers and
/// places written after it: `1.5万`, `3千`, `5百万`, `1.2万亿`, `25万6千`,
/// `3万4000`, `100万三千`, `2千零30万`.
fn mixed_at(chars: &[char], i: usize) -> Option<Numeral> {
    let n = chars.len();
    let (first, mut k, decimal) = arabic_number(chars, i)?;
    let mut pieces = vec![Piece::Number {
        value: first,
        arabic: true,
    }];
    // Where each prefix of `pieces` ends in the text.
    let mut ends = vec![k];
    // `1.5 万亩`: a converted document's space before the multiplier.
    let gap = spaces_at(chars, k);
    if chars
        .get(k + gap)
        .is_some_and(|&c| big_unit(c).is_some() || c == '千')
    {
        k += gap;
    }
    while k < n && pieces.len() < MAX_CHINESE_NUMERAL {
        let c = chars[k];
        let last_is_number = matches!(pieces.last(), Some(Piece::Number { .. }));
        let next_big = chars.get(k + 1).is_some_and(|&c| big_unit(c).is_some());
        let piece = if let Some(u) = big_unit(c) {
            Piece::Big(u)
        } else if let Some(u) = small_unit(c).filter(|_| last_is_number) {
            // After Arabic digits `千` is a multiplier (`3千人`), `百` only
            // before 万/亿 (`5百万`; `3百姓` is no number), `十` never.
            match c {
                '千' => Piece::Small(u),
                '百' if next_big => Piece::Small(u),
                _ => break,
            }
        } else if last_is_number || decimal {
            break; // places go on only after a multiplier, never after a decimal
        } else if c == '零' {
            Piece::Zero
        } else if c.is_ascii_digit() {
            let Some((v, e, false)) = arabic_number(chars, k) else {
                break;
            };
            pieces.push(Piece::Number {
                value: v,
                arabic: true,
            });
            ends.push(e);
            k = e;
            continue;
        } else if let Some(d) = digit_value(c) {
            Piece::Number {
                value: f64::from(d),
                arabic: false,
            }
        } else {
            break;
        };
        pieces.push(piece);
        k += 1;
        ends.push(k);
    }
    // The longest prefix that is a well-formed number: `25万6千` whole,
    // `3万5个` as `3万`.
    (1..=pieces.len()).rev().find_map(|len| {
        let v = evaluate(&pieces[..len])?;
        Some(Numeral {
            start: i,
            end: ends[len - 1],
            value: v,
            chinese: false,
            bare_one: false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numeral_character_set_is_the_digits_and_multipliers() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            let listed = digit_value(c).is_some()
                || small_unit(c).is_some()
                || big_unit(c).is_some()
                || c == '点';
            assert_eq!(CHINESE_NUMERAL_CHARS.contains(c), listed, "{c}");
            assert_eq!(CHINESE_DIGITS.contains(&c), digit_value(c).is_some(), "{c}");
        }
    }

    fn cn(s: &str) -> Option<f64> {
        parse_chinese(&s.chars().collect::<Vec<_>>())
    }

    fn at(s: &str) -> Option<(f64, usize)> {
        let cs: Vec<char> = s.chars().collect();
        numeral_at(&cs, 0).map(|n| (n.value, n.end))
    }

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("一", 1.0),
            ("两", 2.0),
            ("十", 10.0),
            ("十八", 18.0),
            ("二十", 20.0),
            ("一百二十", 120.0),
            ("一百零五", 105.0),
            ("三千五百", 3500.0),
            ("一千", 1000.0),
            ("一万五千", 15000.0),
            ("三十万", 300000.0),
            ("一万五千亿", 1.5e12),
            ("一亿五千万", 1.5e8),
            ("九十五", 95.0),
            ("三十五点五", 35.5),
            ("二〇二二", 2022.0),
            ("十五", 15.0),
            ("四十八", 48.0),
        ];
        for (s, v) in cases {
            assert_eq!(cn(s), Some(v), "{s}");
        }
    }

    #[test]
    fn abbreviated_and_zero_led_numerals() {
        let cases = [
            ("一万三", 13000.0),
            ("一百五", 150.0),
            ("两千三百五", 2350.0),
            ("九十二万四", 924000.0),
            ("一亿五", 1.5e8),
            ("一万零十二", 10012.0),
            ("一千零十", 1010.0),
            ("一百零五", 105.0),
            ("一万零三", 10003.0),
            ("一点五万", 15000.0),
            ("零点零零三四二万", 34.2),
            ("三百四十点零零三四", 340.0034),
            (
                "一千一百一十一亿一千一百一十一万一千一百一十一",
                111111111111.0,
            ),
        ];
        for (s, v) in cases {
            assert_eq!(cn(s), Some(v), "{s}");
        }
    }

    #[test]
    fn mixed_arabic_and_chinese_places() {
        assert_eq!(at("2千零30万元"), Some((20_300_000.0, 6)));
        assert_eq!(at("25万6千元"), Some((256_000.0, 5)));
        assert_eq!(at("3万4000人"), Some((34000.0, 6)));
        assert_eq!(at("100万三千人次"), Some((1_003_000.0, 6)));
        assert_eq!(at("3.1千万元"), Some((31_000_000.0, 5)));
        // Places that do not fit are the next word, not the number.
        assert_eq!(at("3万5个"), Some((30000.0, 2)));
        assert_eq!(at("1万一次性"), Some((10000.0, 2)));
        assert_eq!(at("1亿2022年"), Some((1e8, 2)));
        assert_eq!(at("1.5万3000"), Some((15000.0, 4)));
        assert_eq!(at("3百姓"), Some((3.0, 1)));
    }

    #[test]
    fn a_conversion_space_before_the_multiplier() {
        assert_eq!(at("31.88 亿元"), Some((3.188e9, 7)));
        assert_eq!(at("1.5 万亩"), Some((15000.0, 5)));
        // Across a wrapped line (a goal holds a line break only at a wrap),
        // but not across a paragraph break or a wide gap.
        assert_eq!(at("1.5\n万亩"), Some((15000.0, 5)));
        assert_eq!(at("1.5\n\n万亩"), Some((1.5, 3)));
        assert_eq!(at("1.5   万亩"), Some((1.5, 3)));
    }

    #[test]
    fn malformed_chinese_numerals_are_rejected() {
        for s in ["三五", "十百", "百", "点五", "五点", "万", "三万五万"] {
            assert_eq!(cn(s), None, "{s}");
        }
    }

    #[test]
    fn arabic_and_mixed() {
        assert_eq!(at("1,287家"), Some((1287.0, 5)));
        assert_eq!(at("1,287,000元"), Some((1287000.0, 9)));
        assert_eq!(at("0.96亿元"), Some((0.96e8, 5)));
        assert_eq!(at("1.5万亩"), Some((15000.0, 4)));
        assert_eq!(at("1.2万亿元"), Some((1.2e12, 5)));
        assert_eq!(at("3千人"), Some((3000.0, 2)));
        assert_eq!(at("5百万元"), Some((5e6, 3)));
        assert_eq!(at("12345热线"), Some((12345.0, 5)));
        // A comma followed by a list, not a thousands group.
        assert_eq!(at("1,2,3"), Some((1.0, 1)));
    }

    #[test]
    fn chinese_prefix_stops_at_text() {
        assert_eq!(at("三十五万元"), Some((350000.0, 4)));
        assert_eq!(at("十八大"), Some((18.0, 2)));
        assert_eq!(at("三点建议"), Some((3.0, 1)));
        let cs: Vec<char> = "一批".chars().collect();
        assert!(numeral_at(&cs, 0).is_some_and(|n| n.bare_one));
    }

    #[test]
    fn long_chinese_runs_are_read_only_so_far() {
        let run: Vec<char> = "十百".repeat(5000).chars().collect();
        let n = numeral_at(&run, 0).expect("十 is a numeral");
        assert_eq!((n.value, n.end), (10.0, 1));
        let digits: Vec<char> = "一".repeat(100).chars().collect();
        assert!(numeral_at(&digits, 0).is_some_and(|n| n.end == MAX_CHINESE_NUMERAL));
    }
}
