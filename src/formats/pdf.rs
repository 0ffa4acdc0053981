//! PDFs: the text layer, with its page furniture removed and its
//! hard-wrapped lines joined again.
//!
//! The text layer is read page by page with `pdf-extract` (pure Rust, on
//! `lopdf`; CJK fonts through their ToUnicode maps). A PDF's lines are the
//! lines of its layout, not of its paragraphs, so:
//!
//! - page numbers (`3`, `- 3 -`, `第3页`, `3/12`) alone on a first or last
//!   line are dropped, and so are running headers and footers: a first or
//!   last line that recurs (digits aside) on at least half the pages of a
//!   document of three or more;
//! - a line is joined to the next when it is a wrap: it reaches the right
//!   margin (at least nine tenths of the widest line around it), does not
//!   end a sentence (`。！？；：` or a closing bracket or quote after one),
//!   and the next line does not start a heading or a list item (`一、`,
//!   `(一)`, `1.`, `①`, `第一章`);
//! - table cells, which come out as separate lines, stay separate lines.
//!
//! A PDF without a text layer (a scan) is refused as `not_text` with a
//! message saying it needs OCR; an encrypted PDF that does not open
//! without a password, and a damaged one, are `not_text` too. The reader is
//! run under `catch_unwind`: a PDF that makes it panic is an error for that
//! file only, and the panic's message is kept off standard error (the file's
//! error says what happened).

use unicode_width::UnicodeWidthStr;

use super::join_lines;
use crate::decode::DecodeError;
use crate::model::ErrorKind;
use crate::wrap::{ends_sentence, starts_item};

fn not_text(message: impl Into<String>) -> DecodeError {
    DecodeError::new(ErrorKind::NotText, message)
}

/// Read a PDF's text layer into lines of text.
pub fn convert(bytes: &[u8]) -> Result<String, DecodeError> {
    let encrypted = contains(bytes, b"/Encrypt");
    let pages = match quietly(|| {
        std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
    }) {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) if encrypted => {
            return Err(not_text(format!(
                "an encrypted PDF that does not open without its password ({e}); \
                     save an unprotected copy first"
            )));
        }
        Ok(Err(e)) => {
            return Err(not_text(format!(
                "a PDF that cannot be read ({e}); it may be damaged or truncated — \
                     open it and save or print it to PDF again"
            )));
        }
        Err(_) => {
            return Err(not_text(
                "a PDF whose structure could not be read (damaged, or a construct the PDF \
                     reader does not handle); open it and print it to PDF again",
            ));
        }
    };
    let pages: Vec<Vec<String>> = pages.iter().map(|p| page_lines(p)).collect();
    if pages.iter().all(|p| p.is_empty()) {
        return Err(not_text(format!(
            "a PDF with no text layer ({} page{}, probably scanned images); it needs OCR \
             (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`) before zhibiao can read it",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(join_lines(rejoin(strip_furniture(pages))))
}

thread_local! {
    /// Set while this thread runs the PDF reader: a panic then is caught
    /// and reported as the file's error, so its message is not printed.
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f` with panic messages of this thread silenced. The panic hook is
/// process-wide, so it is installed once, around the hook it finds, and
/// stays silent only on a thread inside [`quietly`]: a panic anywhere else
/// is reported as before.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    /// Clears the flag however `f` ends.
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            IN_READER.with(|q| q.set(self.0));
        }
    }
    let _reset = Reset(IN_READER.with(|q| q.replace(true)));
    f()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The non-blank lines of one page, trimmed, with spaces the layout put
/// between CJK characters removed.
fn page_lines(page: &str) -> Vec<String> {
    page.lines()
        .map(|l| {
            let l = l.trim();
            if is_table_row(l) {
                table_row(l)
            } else {
                squeeze(l)
            }
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Words of a paragraph are never set apart by a gap between two CJK
/// characters; table cells are. Two such gaps make a row.
fn is_table_row(l: &str) -> bool {
    let c: Vec<char> = l.chars().collect();
    let gaps = (1..c.len().saturating_sub(1))
        .filter(|&i| c[i] == ' ' && wide(c[i - 1]) && wide(c[i + 1]))
        .count();
    gaps >= 2
}

/// A table row's cells, tab-separated. The layout also puts a space
/// between a number and the words after it inside a cell (`12 月底`); that
/// space is kept out of the split, so a row number runs into the next cell
/// (`1固定资产投资`) rather than a deadline being cut in two.
fn table_row(l: &str) -> String {
    let c: Vec<char> = l.chars().collect();
    let mut out = String::new();
    for (i, &ch) in c.iter().enumerate() {
        if ch == ' ' {
            let prev = i.checked_sub(1).and_then(|j| c.get(j)).copied();
            let next = c.get(i + 1).copied();
            match (prev, next) {
                (Some(p), Some(n)) if p.is_ascii_digit() && wide(n) => {}
                (Some(_), Some(n)) if n != ' ' && !out.ends_with('\t') => out.push('\t'),
                _ => {}
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// Is `c` a character between which a layout space means nothing (CJK
/// ideographs and punctuation, full-width forms)?
fn wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ffef}' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}')
}

/// Collapse runs of spaces to one, and drop a space with a CJK character
/// on either side (the layout's gaps, not words).
fn squeeze(l: &str) -> String {
    let chars: Vec<char> = l.chars().collect();
    let mut out = String::with_capacity(l.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let before = out.chars().last();
            let after = chars.get(j).copied();
            let keep = match (before, after) {
                (Some(b), Some(a)) => !(wide(b) || wide(a)),
                _ => false,
            };
            if keep {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A line that is only a page number.
fn is_page_number(l: &str) -> bool {
    let t: String = l
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－'))
        .collect();
    let t = t.as_str();
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
    digits(t)
        || t.strip_prefix('第')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(|m| digits(m.split(['共', '/']).next().unwrap_or(m)))
        || t.split_once('/')
            .is_some_and(|(a, b)| digits(a) && digits(b))
        || t.to_ascii_lowercase()
            .strip_prefix("page")
            .is_some_and(|r| digits(r.split("of").next().unwrap_or(r)))
}

/// A line with its digits taken out: a running header or footer recurs
/// with its page number changing.
fn shape(l: &str) -> String {
    l.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Drop page numbers and running headers and footers.
fn strip_furniture(mut pages: Vec<Vec<String>>) -> Vec<String> {
    for p in pages.iter_mut() {
        if p.first().is_some_and(|l| is_page_number(l)) {
            p.remove(0);
        }
        if p.last().is_some_and(|l| is_page_number(l)) {
            p.pop();
        }
    }
    let n = pages.len();
    if n >= 3 {
        for edge in [true, false] {
            let mut counts: std::collections::HashMap<String, usize> = Default::default();
            for p in &pages {
                let l = if edge { p.first() } else { p.last() };
                if let Some(l) = l {
                    *counts.entry(shape(l)).or_default() += 1;
                }
            }
            for p in pages.iter_mut() {
                let l = if edge { p.first() } else { p.last() };
                if l.is_some_and(|l| counts.get(&shape(l)).is_some_and(|&c| c * 2 >= n)) {
                    if edge {
                        p.remove(0);
                    } else {
                        p.pop();
                    }
                }
            }
        }
    }
    pages.into_iter().flatten().collect()
}

/// Join hard-wrapped lines: see the module documentation.
fn rejoin(lines: Vec<String>) -> Vec<String> {
    let widths: Vec<usize> = lines.iter().map(|l| l.width()).collect();
    // The right margin, as the widest line in a window around each line
    // (pages of different layouts, tables aside).
    let margin = |i: usize| {
        let lo = i.saturating_sub(20);
        let hi = (i + 20).min(widths.len());
        widths[lo..hi].iter().copied().max().unwrap_or(0)
    };
    let mut out: Vec<String> = Vec::new();
    let mut joining = false;
    for (i, l) in lines.iter().enumerate() {
        if joining && let Some(last) = out.last_mut() {
            let glue = last
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && l.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if glue {
                last.push(' ');
            }
            last.push_str(l);
        } else {
            out.push(l.clone());
        }
        let m = margin(i);
        joining = m >= 20
            && widths[i] * 10 >= m * 9
            && !ends_sentence(l)
            && lines.get(i + 1).is_some_and(|next| !starts_item(next));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quiet_flag_is_cleared_however_the_reader_ends() {
        let caught = quietly(|| std::panic::catch_unwind(|| panic!("a damaged PDF")));
        assert!(caught.is_err());
        assert!(!IN_READER.with(std::cell::Cell::get));
        assert!(quietly(|| IN_READER.with(std::cell::Cell::get)));
        assert!(!IN_READER.with(std::cell::Cell::get));
    }

    fn v(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn wrapped_lines_are_joined_and_items_kept() {
        let lines = v(&[
            "一、总体目标",
            "全镇上下围绕高质量发展主线，聚焦产业升级、城乡建设和民生改善三项",
            "重点，力争全年地区生产总值增长6%以上，一般公共预算收入达到2.3亿",
            "元。",
            "二、主要指标",
            "1.新增市场主体300家，改造老旧小区4个，完成固定资产投资12亿元，",
            "2.建成道路6公里。",
        ]);
        assert_eq!(
            rejoin(lines),
            v(&[
                "一、总体目标",
                "全镇上下围绕高质量发展主线，聚焦产业升级、城乡建设和民生改善三项重点，力争全年地区生产总值增长6%以上，一般公共预算收入达到2.3亿元。",
                "二、主要指标",
                "1.新增市场主体300家，改造老旧小区4个，完成固定资产投资12亿元，",
                "2.建成道路6公里。",
            ])
        );
    }

    #[test]
    fn page_numbers_and_running_heads_are_dropped() {
        let pages = vec![
            v(&["某某镇人民政府文件", "一、总体目标", "- 1 -"]),
            v(&["某某镇人民政府文件", "全年目标。", "第2页"]),
            v(&["某某镇人民政府文件", "二、措施", "3/3"]),
        ];
        assert_eq!(
            strip_furniture(pages),
            v(&["一、总体目标", "全年目标。", "二、措施"])
        );
        assert!(!is_page_number("2021"));
        assert!(is_page_number("12"));
    }

    #[test]
    fn table_rows_keep_their_cells() {
        let l = "2 新增市场主体 家 300 10 月底 市场监管所";
        assert!(is_table_row(l));
        assert_eq!(table_row(l), "2新增市场主体\t家\t300\t10月底\t市场监管所");
        assert!(!is_table_row(
            "区生产总值增长 6%以上，一般公共预算收入达到 2.3 亿元"
        ));
    }

    #[test]
    fn layout_spaces_between_cjk_are_removed() {
        assert_eq!(
            squeeze("建成 3 个 莲藕  专业村 in  2 parts"),
            "建成3个莲藕专业村in 2 parts"
        );
    }

    #[test]
    fn damaged_pdf_is_an_error() {
        let e = convert(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n").expect_err("damaged");
        assert_eq!(e.kind, ErrorKind::NotText);
    }
}
