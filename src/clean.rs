//! Lines of the text, with web-page furniture recognised and set aside.
//!
//! Scraped plans arrive wrapped in portal furniture (`来源:… 2024-10-10 15:37`,
//! `浏览量:1 | | |`, `扫一扫在手机上查看当前页面`, header tables). It is kept
//! out of the structure and its useful facts (issuer, publication date)
//! become document metadata.

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::{FurnitureForms, Lexicon, PortalRole};
use crate::model::{Furniture, FurnitureKind, Span};
use crate::text::Text;

/// One non-empty line, its span trimmed of surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// Content lines in order, furniture removed.
    pub lines: Vec<Line>,
    pub furniture: Vec<Furniture>,
    pub issuer: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
}

/// Split into lines (`\n`, `\r\n`, `\r`, U+2028/2029), trimmed, empties dropped.
///
/// Portal pages often come flattened, their paragraphs on one line with a
/// space between them (`…荣誉3项。 (一)坚持…。 紧盯关键指标。…`). Chinese
/// prose puts no space after a full stop, so a space after `。` `!` `?`
/// also ends a line.
pub fn lines(t: &Text) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = t.len();
    let mut i = 0;
    while i <= n {
        let brk = i == n
            || matches!(t.chars[i], '\n' | '\r' | '\u{2028}' | '\u{2029}')
            || (t.chars[i] == ' '
                && i > start
                && matches!(t.chars[i - 1], '。' | '!' | '?')
                && t.chars.get(i + 1).is_some_and(|c| !c.is_whitespace()));
        if brk {
            let span = t.trim(Span::new(start, i));
            if !span.is_empty() {
                out.push(Line { span });
            }
            start = i + 1;
        }
        i += 1;
    }
    out
}

/// Whether a line starting with `c` can be a page number: [`PAGE_NUMBER`]
/// opens with a dash, `第`, a digit (`\d`: any decimal digit) or `Page`.
fn may_open_page_number(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '第' | 'P' | 'p') || c.is_numeric()
}

/// A line that is only a page number or counter: `- 3 -`, `—3—`, `第 3 页`,
/// `第3页 共12页`, `3/12`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—–]+\s*\d{1,4}\s*[-—–]+|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$")
        .expect("valid regex")
});
/// `2024-10-10 15:37`, `2024年10月10日` → `2024-10-10T15:37`, `2024-10-10`.
pub fn iso_datetime(s: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:T?(\d{1,2}):(\d{2})(?::(\d{2}))?)?").expect("valid regex")
    });
    let c = RE.captures(s)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, m, d) = (num(1)?, num(2)?, num(3)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut out = format!("{y:04}-{m:02}-{d:02}");
    if let (Some(h), Some(mi)) = (num(4), num(5)) {
        out.push_str(&format!("T{h:02}:{mi:02}"));
        if let Some(sec) = num(6) {
            out.push_str(&format!(":{sec:02}"));
        }
    }
    Some(out)
}

/// Recognise furniture lines and collect metadata.
pub fn clean(t: &Text) -> Cleaned {
    let lx = t.lexicon();
    let forms = &lx.furniture;
    let mut c = Cleaned::default();
    for line in lines(t) {
        let folded = t.folded(line.span);
        let first = folded.chars().next();
        let led = forms.may_open(first);
        let kind = if !led && !first.is_some_and(may_open_page_number) {
            // No furniture form but the header table can match this line.
            if is_header_table(lx, folded) {
                read_header_table(lx, folded, &mut c);
                Some(FurnitureKind::Header)
            } else {
                None
            }
        } else if let Some(cap) = forms.source.captures(folded) {
            let who = cap.get(1).map(|m| m.as_str().trim()).unwrap_or("");
            if !who.is_empty() && c.issuer.is_none() && iso_datetime(who).is_none() {
                // Issuer text is cut from the original, not the folded copy.
                let who_start = line.span.start
                    + folded[..cap.get(1).map_or(0, |m| m.start())]
                        .chars()
                        .count();
                let span = t.trim(Span::new(who_start, who_start + who.chars().count()));
                c.issuer = Some(t.slice(span).to_string());
            }
            if let Some(d) = cap.get(2) {
                c.published = c.published.take().or_else(|| iso_datetime(d.as_str()));
            }
            Some(FurnitureKind::Source)
        } else if let Some(cap) = forms.date_line.captures(folded) {
            c.published = c
                .published
                .take()
                .or_else(|| cap.get(1).and_then(|d| iso_datetime(d.as_str())));
            // `发布日期: 2024-02-18 10:12 信息来源: 某某街道 浏览次数:356`
            if c.issuer.is_none() {
                c.issuer = issuer_cell(forms, t, line.span, folded);
            }
            Some(FurnitureKind::Source)
        } else if PAGE_NUMBER.is_match(folded) {
            Some(FurnitureKind::PageNumber)
        } else if forms.counter.is_match(folded) {
            Some(FurnitureKind::Counter)
        } else if forms.share.is_match(folded) {
            Some(FurnitureKind::Share)
        } else if forms.navigation.is_match(folded) {
            Some(FurnitureKind::Navigation)
        } else if is_header_table(lx, folded) {
            read_header_table(lx, folded, &mut c);
            Some(FurnitureKind::Header)
        } else {
            None
        };
        match kind {
            Some(kind) => c.furniture.push(Furniture {
                kind,
                text: t.slice(line.span).to_string(),
                span: line.span,
            }),
            None => c.lines.push(line),
        }
    }
    c.lines = join_wraps(t, std::mem::take(&mut c.lines));
    take_signature(forms, t, &mut c);
    c
}

/// Join lines a page layout broke inside a sentence (text converted from
/// PDF): a line is continued by the next when it does not end a sentence,
/// the next line does not start a heading or list item and is not indented,
/// nothing but a line break (or page furniture already set aside) stands
/// between them, and either the line reaches the right margin (nine tenths
/// of the widest line around it, 40 columns at least), or the document
/// marks its paragraphs by indenting them and the line is inside a
/// paragraph (`人均可支配收` / `入41260元`). The joined line's span covers
/// the break, so spans still index the text as it was read.
fn join_wraps(t: &Text, lines: Vec<Line>) -> Vec<Line> {
    if lines.len() < 2 {
        return lines;
    }
    let folded: Vec<&str> = lines.iter().map(|l| t.folded(l.span)).collect();
    let widths: Vec<usize> = folded
        .iter()
        .map(|l| crate::chars::display_width(l))
        .collect();
    let indented: Vec<bool> = lines
        .iter()
        .map(|l| l.span.start > 0 && matches!(t.chars[l.span.start - 1], ' ' | '\u{3000}' | '\t'))
        .collect();
    let table = |l: &str| l.contains('|') || l.contains('\t');
    // Paragraphs marked by indentation: most lines after a finished
    // sentence are indented.
    let (after_end, indented_after_end) = (1..lines.len())
        .filter(|&i| crate::wrap::ends_sentence(folded[i - 1]))
        .fold((0usize, 0usize), |(n, k), i| {
            (n + 1, k + usize::from(indented[i]))
        });
    let indent_style = after_end >= 3 && indented_after_end * 10 >= after_end * 7;
    let margin = |i: usize| {
        let lo = i.saturating_sub(20);
        let hi = (i + 20).min(widths.len());
        widths[lo..hi].iter().copied().max().unwrap_or(0)
    };
    let only_break_between = |a: Line, b: Line| {
        let gap = &t.chars[a.span.end..b.span.start];
        let breaks = gap.iter().filter(|&&c| c == '\n').count();
        gap.iter().all(|c| c.is_whitespace()) && breaks == 1
    };
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut in_paragraph = false;
    for i in 0..lines.len() {
        let joins_previous = i > 0 && {
            let prev = i - 1;
            let m = margin(prev);
            let reaches_margin = m >= 40 && widths[prev] * 10 >= m * 9;
            !crate::wrap::ends_sentence(folded[prev])
                && !crate::wrap::starts_item(folded[i])
                && !indented[i]
                && !table(folded[prev])
                && !table(folded[i])
                && (only_break_between(lines[prev], lines[i])
                    || furniture_between(t, lines[prev], lines[i]))
                && (reaches_margin || indent_style && in_paragraph)
        };
        match out.last_mut() {
            Some(last) if joins_previous => {
                last.span = Span::new(last.span.start, lines[i].span.end)
            }
            _ => out.push(lines[i]),
        }
        in_paragraph = joins_previous || indented[i];
    }
    out
}

/// Is there only page furniture (a page number, a running header the
/// cleaner set aside) between two lines? A wrap may cross a page break.
fn furniture_between(t: &Text, a: Line, b: Line) -> bool {
    let gap: String = t.chars[a.span.end..b.span.start].iter().collect();
    let mut any = false;
    for l in gap.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !PAGE_NUMBER.is_match(l) {
            return false;
        }
        any = true;
    }
    any
}

/// The closing signature (落款) of an official document: the issuing body on
/// one line and the date on the last. Both become metadata, not content.
fn take_signature(forms: &FurnitureForms, t: &Text, c: &mut Cleaned) {
    let n = c.lines.len();
    if n < 3 || !forms.signature_date.is_match(t.folded(c.lines[n - 1].span)) {
        return;
    }
    let date = c.lines[n - 1];
    c.published = c
        .published
        .take()
        .or_else(|| iso_datetime(t.folded(date.span)));
    let mut taken = vec![date];
    let org = c.lines[n - 2];
    if forms.signature_body.is_match(t.folded(org.span)) {
        c.issuer = c
            .issuer
            .take()
            .or_else(|| Some(t.slice(org.span).to_string()));
        taken.insert(0, org);
    }
    c.lines.truncate(n - taken.len());
    for l in taken {
        c.furniture.push(Furniture {
            kind: FurnitureKind::Signature,
            text: t.slice(l.span).to_string(),
            span: l.span,
        });
    }
    c.furniture.sort_by_key(|f| f.span);
}

/// The issuer named in a metadata line, cut from the original text.
fn issuer_cell(forms: &FurnitureForms, t: &Text, span: Span, folded: &str) -> Option<String> {
    let m = forms.issuer_cell.captures(folded)?.get(1)?;
    let start = span.start + folded[..m.start()].chars().count();
    let s = t.trim(Span::new(start, start + m.as_str().chars().count()));
    (!s.is_empty()).then(|| t.slice(s).to_string())
}

/// A row of a portal header table: two of its labels, or one opening a
/// row of cells (`索引号 | 11000000/2023-00123 | ||`).
fn is_header_table(lx: &Lexicon, line: &str) -> bool {
    // Cells first: most lines have none, and counting labels is the cost.
    if !(line.contains('|') || line.contains('\t')) {
        return false;
    }
    let header = lx.portal_labels(PortalRole::Header);
    let labels = header.iter().filter(|l| line.contains(l.as_str())).count();
    labels >= 2
        || header.iter().any(|l| {
            line.strip_prefix(l.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with(['|', '\t', ':']))
        })
}

/// `索引号 | 123 | 发布机构 | 某某街道 | 生成日期 | 2024-01-02`: label, value pairs.
fn read_header_table(lx: &Lexicon, line: &str, c: &mut Cleaned) {
    let cells: Vec<&str> = line
        .split(['|', '\t'])
        .map(|s| s.trim().trim_end_matches(':').trim())
        .collect();
    for (i, cell) in cells.iter().enumerate() {
        // A label is followed by its value, either in the next cell or after a colon.
        let (label, inline) = match cell.split_once(':') {
            Some((l, v)) => (l.trim(), Some(v.trim())),
            None => (*cell, None),
        };
        let value = inline
            .filter(|v| !v.is_empty())
            .or_else(|| cells.get(i + 1).copied())
            .unwrap_or("");
        if lx
            .portal_labels(PortalRole::HeaderIssuer)
            .iter()
            .any(|l| l == label)
            && !value.is_empty()
            && c.issuer.is_none()
        {
            c.issuer = Some(value.to_string());
        } else if lx
            .portal_labels(PortalRole::HeaderDate)
            .iter()
            .any(|l| l == label)
            && c.published.is_none()
        {
            c.published = iso_datetime(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(s: &str) -> (Text<'static>, Cleaned) {
        let lx = crate::lexicon::for_tests();
        let t = Text::new(s, lx);
        let c = clean(&t);
        (t, c)
    }

    #[test]
    fn portal_source_line_gives_issuer_and_date() {
        let (t, c) = cleaned(
            "1137工作目标\n来源:岳阳楼街道办事处   2024-10-10 15:37\n浏览量:1 | | | |\n\n  正文。\n扫一扫在手机上查看当前页面",
        );
        assert_eq!(c.issuer.as_deref(), Some("岳阳楼街道办事处"));
        assert_eq!(c.published.as_deref(), Some("2024-10-10T15:37"));
        let kinds: Vec<_> = c.furniture.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            vec![
                FurnitureKind::Source,
                FurnitureKind::Counter,
                FurnitureKind::Share
            ]
        );
        let texts: Vec<_> = c.lines.iter().map(|l| t.slice(l.span)).collect();
        assert_eq!(texts, vec!["1137工作目标", "正文。"]);
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        // Paragraphs marked by indentation; wraps inside a word, a number
        // and before a unit, across a page number; headings stay lines.
        let text = "\u{3000}\u{3000}一、上半年工作完成情况\n\
\u{3000}\u{3000}(一)经济发展稳中提质 上半年,街道完成一般公共预算收入\n\
1.42 亿元,同比增长 6.7 %,完成全年任务的 53.2 %;完成固定资产投\n\
资 18.36 亿元,同比增长 11.4 %。\n\
\u{3000}\u{3000}截至 6 月底,辖区居民人均可支配收\n\
入 41260 元,同比增长 5.3 %。新增城镇就业共计 4380\n\
\n\
— 1 —\n\
\n\
人,完成全年任务的 61 %。\n\
\u{3000}\u{3000}(二)城市治理精细高效 完成新一轮“马路市场”整治工作。\n\
\u{3000}\u{3000}二、存在的问题\n";
        let (t, c) = cleaned(text);
        let texts: Vec<String> = c
            .lines
            .iter()
            .map(|l| t.slice(l.span).replace('\n', "⏎"))
            .collect();
        assert_eq!(texts.len(), 5, "{texts:#?}");
        assert_eq!(texts[0], "一、上半年工作完成情况");
        assert!(texts[1].starts_with("(一)经济发展") && texts[1].ends_with("11.4 %。"));
        assert!(texts[2].contains("收⏎入 41260 元") && texts[2].ends_with("61 %。"));
        assert_eq!(texts[4], "二、存在的问题");
    }

    #[test]
    fn unwrapped_text_keeps_its_lines() {
        // One paragraph per line, no indentation: short unpunctuated lines
        // are headings, not wraps.
        let (_, c) = cleaned(
            "工作目标\n一、经济发展\n全年完成固定资产投资12亿元\n二、社会事业\n新建学校2所\n",
        );
        assert_eq!(c.lines.len(), 5);
    }

    #[test]
    fn full_width_source_line() {
        let (_, c) = cleaned("来源：某某镇人民政府　发布时间：2023年3月5日\n正文");
        assert_eq!(c.issuer.as_deref(), Some("某某镇人民政府"));
        assert_eq!(c.published.as_deref(), Some("2023-03-05"));
    }

    #[test]
    fn closing_signature() {
        let (t, c) = cleaned(
            "关于印发考核指标的通知\n正文第一段。\n正文第二段。\n中共宁川县委办公室\n2023年3月8日印发",
        );
        assert_eq!(c.issuer.as_deref(), Some("中共宁川县委办公室"));
        assert_eq!(c.published.as_deref(), Some("2023-03-08"));
        assert_eq!(c.lines.len(), 3);
        assert!(
            c.furniture
                .iter()
                .all(|f| f.kind == FurnitureKind::Signature)
        );
        assert_eq!(t.slice(c.furniture[0].span), "中共宁川县委办公室");
    }

    #[test]
    fn header_table() {
        let (_, c) = cleaned(
            "索引号 | 11420600/2022-01234 | 发布机构 | 樊城区人民政府 | 生成日期 | 2022-03-01\n【打印本页】【关闭窗口】\n正文",
        );
        assert_eq!(c.issuer.as_deref(), Some("樊城区人民政府"));
        assert_eq!(c.published.as_deref(), Some("2022-03-01"));
        assert_eq!(c.furniture.len(), 2);
        assert_eq!(c.lines.len(), 1);
    }
}
