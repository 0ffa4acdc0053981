//! Deadlines: time bounds on a goal (`2月底`, `6月底前`, `年底前`, `一季度`,
//! `9月份`, `3月4日之前`, `年内`, `利用3年时间`), with the ISO date they
//! mean when the document's year is known.

use crate::lexicon::{
    DeadlineForm as Form, Lexicon, Starts, WordRole, word_ending_at, word_starting_at,
};
use crate::model::{Deadline, GoalMode, Span};
use crate::quantity::numeral;
use crate::text::Text;

/// Find the deadlines in `span`. `year` is the document's year.
pub fn find_deadlines(
    t: &Text,
    span: Span,
    year: Option<i32>,
    mode: GoalMode,
    starts: &Starts,
) -> Vec<Deadline> {
    let lx = t.lexicon();
    let cs = &t.chars;
    let (lo, hi) = (span.start.min(cs.len()), span.end.min(cs.len()));
    let folded = t.folded_indexed(Span::new(lo, hi));
    let mut taken: Vec<Span> = Vec::new();
    let mut out = Vec::new();
    for (re, form) in lx.deadlines.candidates(&cs[lo..hi], starts) {
        for cap in re.captures_iter(folded.text) {
            let Some(m) = cap.get(0) else { continue };
            let sp = folded.span(m.start(), m.end());
            if taken.iter().any(|x| x.overlaps(&sp)) {
                continue;
            }
            let prev = if sp.start > lo {
                cs.get(sp.start - 1).copied()
            } else {
                None
            };
            // `每季度`, `第三季度` read as a period elsewhere; `1-5月` is a period.
            if matches!(prev, Some('每' | '-' | '~' | '至' | '、'))
                || prev.is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            // `截至10月底` dates a figure; it bounds nothing.
            if word_ending_at(lx.words(WordRole::ReferenceDate), cs, sp.start).is_some() {
                continue;
            }
            // `今年以来`, `年初以来` look back; they bound nothing.
            let after = &cs[sp.end.min(hi)..hi];
            if after.starts_with(&['以', '来'])
                || (after.first() == Some(&'来') && t.chars[sp.end - 1] == '年')
            {
                continue;
            }
            let by = match form {
                Form::BareYear => {
                    if !bare_year_is_deadline(lx, cs, lo, hi, sp, year, mode) {
                        continue;
                    }
                    cap.name("y")
                        .and_then(|y| y.as_str().parse().ok())
                        .map(|y: i32| iso(y, 12, 31))
                }
                _ => resolve(lx, *form, &cap, year),
            };
            taken.push(sp);
            out.push(Deadline {
                text: t.slice(sp).to_string(),
                span: sp,
                by,
            });
        }
    }
    out.sort_by_key(|d| d.span);
    out
}

/// `2022年实现招商引资24亿元` bounds a goal; `从2022年起`, `2022年培训计划`,
/// `2020年签订…以来` do not.
fn bare_year_is_deadline(
    lx: &Lexicon,
    cs: &[char],
    lo: usize,
    hi: usize,
    sp: Span,
    year: Option<i32>,
    mode: GoalMode,
) -> bool {
    if mode != GoalMode::Target {
        return false;
    }
    let y: i32 = cs[sp.start..sp.start + 4]
        .iter()
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    if year.is_some_and(|doc| y < doc) {
        return false;
    }
    if sp.start > lo
        && (matches!(cs[sp.start - 1], '“' | '"')
            || lx.is_word_char(WordRole::YearFromWord, cs[sp.start - 1]))
    {
        return false;
    }
    // `2022年起`, `2021年以来`, `2023年度`: a period's start or span.
    if crate::lexicon::word_starting_at(lx.words(WordRole::PeriodSuffix), &cs[..hi], sp.end)
        .is_some()
    {
        return false;
    }
    // Followed by punctuation or a verb-like opening, not a noun it modifies.
    let first = cs.get(sp.end).copied();
    if first.is_none_or(|c| matches!(c, ',' | ' ' | ':')) {
        return true;
    }
    word_starting_at(lx.words(WordRole::YearAction), cs, sp.end).is_some()
}

fn month_of(s: &str) -> Option<u32> {
    if let Ok(m) = s.parse::<u32>() {
        return Some(m);
    }
    let cs: Vec<char> = s.chars().collect();
    numeral::parse_chinese(&cs).map(|v| v as u32)
}

fn resolve(lx: &Lexicon, form: Form, cap: &regex::Captures, year: Option<i32>) -> Option<String> {
    // A year written with the date wins over the document's.
    let y = cap
        .name("y")
        .and_then(|v| v.as_str().parse().ok())
        .or(year)?;
    let m = cap.name("m").and_then(|m| month_of(m.as_str()));
    match form {
        Form::Day => {
            let (m, d) = (m?, cap.name("d")?.as_str().parse().ok()?);
            (d <= days_in_month(y, m)).then(|| iso(y, m, d))
        }
        Form::Decade => {
            let m = m?;
            let d = match cap.name("part")?.as_str() {
                "上旬" => 10,
                "中旬" => 20,
                _ => days_in_month(y, m),
            };
            Some(iso(y, m, d))
        }
        Form::MonthEnd => {
            let m = m?;
            Some(iso(y, m, days_in_month(y, m)))
        }
        Form::BeforeMonth => {
            let m = m?;
            if m == 1 {
                Some(iso(y - 1, 12, 31))
            } else {
                Some(iso(y, m - 1, days_in_month(y, m - 1)))
            }
        }
        Form::Quarter => {
            let q = match cap.name("q")?.as_str() {
                "一" | "1" => 1,
                "二" | "2" => 2,
                "三" | "3" => 3,
                _ => 4,
            };
            let m = q * 3;
            Some(iso(y, m, days_in_month(y, m)))
        }
        Form::YearEnd => Some(iso(y, 12, 31)),
        Form::Years => {
            let n = month_of(cap.name("n")?.as_str())? as i32;
            Some(iso(y + n - 1, 12, 31))
        }
        Form::HalfYear => Some(iso(y, 6, 30)),
        Form::Festival => {
            let f = cap
                .name("fest")?
                .as_str()
                .trim_matches(|c| c == '“' || c == '”');
            // Lunar festivals move from year to year: no date.
            let (m, d) = lx.festival(f)?;
            Some(iso(y, m, d))
        }
        Form::BareYear => None,
    }
}

fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every deadline match in the corpus contains its pattern's needs, so
    /// the prefilter never hides one.
    #[test]
    fn needs_hold_on_the_corpus() {
        for text in crate::lexicon::corpus_texts_for_tests() {
            let bad = crate::lexicon::for_tests().deadlines.check_needs(&text);
            assert!(bad.is_empty(), "{bad:?}");
        }
    }

    fn dl(s: &str, year: i32) -> Vec<(String, Option<String>)> {
        let t = Text::new(s, crate::lexicon::for_tests());
        find_deadlines(
            &t,
            Span::new(0, t.len()),
            Some(year),
            GoalMode::Target,
            &crate::lexicon::for_tests().starts(&t.chars),
        )
        .into_iter()
        .map(|d| (d.text, d.by))
        .collect()
    }

    #[test]
    fn forms() {
        let cases = [
            ("6月底前完成", "6月底前", "2021-06-30"),
            ("2月底,完成11个区域", "2月底", "2021-02-28"),
            ("3月4日之前要将责任状交到", "3月4日之前", "2021-03-04"),
            ("确保项目9月份投产", "9月份", "2021-09-30"),
            ("一季度完成刷黑", "一季度", "2021-03-31"),
            ("年底前全面达标", "年底前", "2021-12-31"),
            ("利用3年时间完成", "利用3年时间", "2023-12-31"),
            ("预计7月上旬完成竞标", "7月上旬", "2021-07-10"),
            ("力争圣诞节前开业", "圣诞节前", "2021-12-25"),
            (
                "在“七一”表彰大会前拿出方案",
                "“七一”表彰大会前",
                "2021-07-01",
            ),
            ("积极推动项目五月份竣工开馆", "五月份", "2021-05-31"),
            ("2021年实现税收5亿元", "2021年", "2021-12-31"),
        ];
        for (s, text, by) in cases {
            let got = dl(s, 2021);
            assert!(
                got.iter()
                    .any(|(t, b)| t == text && b.as_deref() == Some(by)),
                "{s}: {got:?}"
            );
        }
    }

    #[test]
    fn periods_and_past_years_are_not_deadlines() {
        assert!(dl("1-5月规模工业产值0.96亿元", 2022).is_empty());
        assert!(dl("从2022年起在全镇开展", 2022).is_empty());
        assert!(dl("自2020年签订移交框架协议以来", 2024).is_empty());
        assert!(dl("每季度定期开展安全生产大检查", 2022).is_empty());
        assert!(dl("今年以来,在区委、区政府坚强领导下", 2022).is_empty());
        assert!(dl("持续巩固今年来街道来之不易的平安局面", 2022).is_empty());
        assert!(dl("制定社区工作者2022年培训计划", 2022).is_empty());
    }

    #[test]
    fn a_month_with_its_year_and_spaced_numbers() {
        let got = dl("2024年1月底前完成项目清单编制", 2024);
        assert_eq!(
            got,
            vec![("2024年1月底前".to_string(), Some("2024-01-31".to_string()))]
        );
        let got = dl("6 月底前完成东区厂房改造", 2024);
        assert_eq!(
            got[0],
            ("6 月底前".to_string(), Some("2024-06-30".to_string()))
        );
        let got = dl("2025年3月完成主体工程", 2024);
        assert_eq!(got[0].1.as_deref(), Some("2025-03-31"));
        assert_eq!(
            dl("5月20日前完成验收", 2023)[0].1.as_deref(),
            Some("2023-05-20")
        );
    }

    #[test]
    fn reference_dates_are_not_deadlines() {
        assert!(dl("截至10月底,累计完成投资3亿元", 2023).is_empty());
        assert!(dl("截止6月底楼宇入驻率达到81%", 2023).is_empty());
    }

    #[test]
    fn leap_years() {
        assert_eq!(dl("2月底前完成", 2024)[0].1.as_deref(), Some("2024-02-29"));
    }
}
