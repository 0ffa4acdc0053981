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

/// The characters [`chinese_digit`] gives a value, for building character
/// sets (kept in step with it by a test).
pub const CHINESE_DIGITS: &[char] = &[
    '零', '〇', '一', '壹', '二', '两', '贰', '俩', '三', '叁', '四', '肆', '五', '伍', '六', '陆',
    '七', '柒', '八', '捌', '九', '玖',
];

fn is_chinese_numeral_char(c: char) -> bool {
    CHINESE_NUMERAL_CHARS.contains(c)
}

/// Value of a Chinese numeral (`三十五点五` → 35.5, `一万五千亿` → 1.5e12,
/// `二〇二二` → 2022). `None` for strings that are not well-formed numerals.
pub fn parse_chinese(cs: &[char]) -> Option<f64> {
    if cs.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match cs.iter().position(|&c| c == '点') {
        Some(p) => (&cs[..p], Some(&cs[p + 1..])),
        None => (cs, None),
    };
    let mut value = parse_chinese_integer(int_part)?;
    if let Some(frac) = frac_part {
        if frac.is_empty() {
            return None;
        }
        let mut scale = 0.1;
        for &c in frac {
            value += f64::from(chinese_digit(c)?) * scale;
            scale /= 10.0;
        }
    }
    Some(value)
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
    let mut total = 0.0; // completed 万/亿 groups
    let mut section = 0.0; // below the current 万
    let mut digit: Option<f64> = None;
    let mut last_small = f64::INFINITY;
    for &c in cs {
        if let Some(d) = chinese_digit(c) {
            if digit.is_some_and(|p| p != 0.0) {
                return None; // two digits in a row without a unit: `三五`
            }
            digit = Some(f64::from(d));
        } else if let Some(u) = small_unit(c) {
            if u >= last_small {
                return None; // `十百`: units must fall
            }
            let d = match digit {
                Some(d) => d,
                None if u == 10.0 && section == 0.0 => 1.0, // `十八` = 18
                None => return None,
            };
            section += d * u;
            digit = None;
            last_small = u;
        } else if let Some(u) = big_unit(c) {
            let group = section + digit.unwrap_or(0.0);
            if u == 1e8 {
                // `一万五千亿`: everything so far is a count of 亿.
                total = (total + group) * u;
            } else {
                total += group * u;
            }
            section = 0.0;
            digit = None;
            last_small = f64::INFINITY;
        } else {
            return None;
        }
    }
    Some(total + section + digit.unwrap_or(0.0))
}

/// How many characters of a Chinese numeral are read at most.
const MAX_CHINESE_NUMERAL: usize = 20;

/// The numeral starting at `chars[i]`, if one does. Arabic digits may carry
/// thousands separators (`1,287`, `1，287` folds to the same) and a decimal
/// part, and be followed by Chinese multipliers (`1.5万`, `3千`, `1.2万亿`).
pub fn numeral_at(chars: &[char], i: usize) -> Option<Numeral> {
    let c = *chars.get(i)?;
    if c.is_ascii_digit() {
        return arabic_at(chars, i);
    }
    if starts_chinese(c) {
        // The longest numeral a plan writes (`一千二百三十四万五千六百七十八`)
        // is under twenty characters; reading further would only make the
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

fn arabic_at(chars: &[char], i: usize) -> Option<Numeral> {
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
    if j + 1 < n && chars[j] == '.' && chars[j + 1].is_ascii_digit() {
        digits.push('.');
        j += 1;
        while j < n && chars[j].is_ascii_digit() {
            digits.push(chars[j]);
            j += 1;
        }
    }
    let mut value: f64 = digits.parse().ok()?;
    // Chinese multipliers: `1.5万`, `3千`, `1.2万亿`, `5百万`.
    let mut k = j;
    let mut mult = 1.0;
    if k < n
        && let Some(u) = small_unit(chars[k]).filter(|u| *u > 10.0)
        && chars.get(k + 1).is_some_and(|c| big_unit(*c).is_some())
    {
        mult *= u;
        k += 1;
    }
    while k < n {
        match big_unit(chars[k]) {
            Some(u) => {
                mult *= u;
                k += 1;
            }
            None => break,
        }
    }
    // A lone `千` after digits is a multiplier too (`3千人`), `百` is not
    // (`5百` is rare and `百` often starts a word: `3百姓`).
    if mult == 1.0 && k < n && chars[k] == '千' {
        mult = 1000.0;
        k += 1;
    }
    value *= mult;
    Some(Numeral {
        start: i,
        end: k,
        value,
        chinese: false,
        bare_one: false,
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
    fn malformed_chinese_numerals_are_rejected() {
        for s in ["三五", "十百", "百", "点五", "五点"] {
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
