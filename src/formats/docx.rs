//! Word documents (`.docx`): the body's paragraphs and tables, in order,
//! with Word's automatic numbering written out.
//!
//! A `.docx` is a zip of XML parts. The body (`word/document.xml`) is read
//! with a streaming XML reader; footnotes, comments, headers and footers
//! live in other parts and are left out, text boxes are read where they
//! stand, deleted text (tracked changes) and field codes are skipped, and
//! the fallback copy Word keeps of a drawing's text (`mc:Fallback`) is not
//! read twice. A paragraph is a line; a table row is a line with its cells
//! separated by tabs; a line break inside a paragraph is a line break.
//!
//! Numbering comes from `word/numbering.xml` (and the numbering a paragraph
//! style carries, from `word/styles.xml`): a heading numbered by Word holds
//! no `一、` in its text, so the label is rendered from its level's format
//! (`chineseCounting` → 一, `decimal` → 1, `decimalEnclosedCircle` → ①, …)
//! and level text (`%1、`, `(%1)`, `%1.%2`), counting per list, restarting
//! deeper levels when a shallower one advances (or when the level their
//! `lvlRestart` names does; 0: never), honouring start values, overrides
//! and legal numbering (`isLgl`: every level in Arabic digits, `1.2.`).
//! Bullets are left out: they are not numbers.
//!
//! Every part is inflated with a cap ([`super::MAX_UNPACKED`]): a zip bomb
//! is refused, not unpacked.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{MAX_UNPACKED, join_lines, tidy_line};
use crate::decode::DecodeError;
use crate::model::ErrorKind;

fn damaged(what: impl std::fmt::Display) -> DecodeError {
    DecodeError::new(
        ErrorKind::NotText,
        format!(
            "looks like a Word document (.docx) but cannot be read ({what}); \
             open it in Word or WPS and save it again, or convert it with \
             `libreoffice --headless --convert-to docx`"
        ),
    )
}

/// One part of the zip, inflated to at most `cap` bytes; `None` if absent.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    cap: u64,
) -> Result<Option<String>, DecodeError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(e)),
    };
    if file.size() > cap {
        return Err(too_big(name));
    }
    let mut out = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(damaged)?;
    if out.len() as u64 > cap {
        return Err(too_big(name));
    }
    String::from_utf8(out)
        .map(Some)
        .map_err(|_| damaged(format!("{name} is not UTF-8")))
}

fn too_big(name: &str) -> DecodeError {
    DecodeError::new(
        ErrorKind::TooLarge,
        format!(
            "the Word document's {name} inflates to more than {} (a zip bomb, or not one \
             document); not unpacked",
            crate::run::human_size(MAX_UNPACKED)
        ),
    )
}

/// Read a Word document into text: one line per paragraph or table row.
pub fn convert(bytes: &[u8]) -> Result<String, DecodeError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut budget = MAX_UNPACKED;
    let body = read_part(&mut zip, "word/document.xml", budget)?
        .ok_or_else(|| damaged("it has no word/document.xml"))?;
    budget = budget.saturating_sub(body.len() as u64);
    let numbering = match read_part(&mut zip, "word/numbering.xml", budget)? {
        Some(x) => {
            budget = budget.saturating_sub(x.len() as u64);
            Numbering::parse(&x)
        }
        None => Numbering::default(),
    };
    let styles = match read_part(&mut zip, "word/styles.xml", budget)? {
        Some(x) => style_numbering(&x),
        None => HashMap::new(),
    };
    body_lines(&body, numbering, &styles).map(join_lines)
}

/// The value of an attribute by its local name (`w:val` → `val`).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

fn num_attr(e: &BytesStart, local: &str) -> Option<u32> {
    attr(e, local).and_then(|v| v.trim().parse().ok())
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:isLgl`: legal numbering, every level's number in Arabic digits
    /// (`1.1.` under `第一章`, not `一.1.`).
    legal: bool,
    /// `w:lvlRestart`: the level (1-based) whose use restarts this one; 0
    /// never restarts it. Without it, any shallower level restarts it.
    restart: Option<u32>,
}

/// `word/numbering.xml`: list definitions and the lists that use them.
#[derive(Debug, Clone, Default)]
struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<u32, HashMap<u32, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: HashMap<u32, (u32, HashMap<u32, u32>)>,
    /// Counters per list (keyed by abstract list, or by numId when the list
    /// restarts its numbering), by ilvl.
    counters: HashMap<(u32, bool), [Option<u32>; 9]>,
}

impl Numbering {
    /// Parse what can be parsed; a broken numbering part means no numbers,
    /// not a lost document.
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut num: Option<(u32, u32, HashMap<u32, u32>)> = None;
        let mut override_lvl: Option<u32> = None;
        loop {
            let ev = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = num_attr(&e, "abstractNumId"),
                    "lvl" if abstract_id.is_some() => {
                        level = num_attr(&e, "ilvl").map(|i| {
                            (
                                i,
                                Level {
                                    start: 1,
                                    ..Level::default()
                                },
                            )
                        })
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), num_attr(&e, "val")) {
                            l.start = v;
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.format = v;
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.text = v;
                        }
                    }
                    "isLgl" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.legal =
                                !matches!(attr(&e, "val").as_deref(), Some("0" | "false" | "off"));
                        }
                    }
                    "lvlRestart" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), num_attr(&e, "val")) {
                            l.restart = Some(v);
                        }
                    }
                    "num" => num = num_attr(&e, "numId").map(|id| (id, u32::MAX, HashMap::new())),
                    "abstractNumId" => {
                        if let (Some(nm), Some(v)) = (num.as_mut(), num_attr(&e, "val")) {
                            nm.1 = v;
                        }
                    }
                    "lvlOverride" => override_lvl = num_attr(&e, "ilvl"),
                    "startOverride" => {
                        if let (Some(nm), Some(i), Some(v)) =
                            (num.as_mut(), override_lvl, num_attr(&e, "val"))
                        {
                            nm.2.insert(i, v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(a), Some((i, l))) = (abstract_id, level.take()) {
                            n.abstracts.entry(a).or_default().insert(i, l);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => {
                        if let Some((id, a, o)) = num.take() {
                            n.nums.insert(id, (a, o));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }

    /// The label of the next paragraph of list `num_id` at level `ilvl`,
    /// advancing the counters; `None` for bullets and unnumbered levels.
    fn next_label(&mut self, num_id: u32, ilvl: u32) -> Option<String> {
        let (abs, overrides) = self.nums.get(&num_id)?;
        let levels = self.abstracts.get(abs)?;
        let ilvl = ilvl.min(8);
        let restarts = !overrides.is_empty();
        let key = if restarts {
            (num_id, true)
        } else {
            (*abs, false)
        };
        let start_of = |i: u32| {
            overrides
                .get(&i)
                .copied()
                .or_else(|| levels.get(&i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(key).or_insert([None; 9]);
        let i = ilvl as usize;
        counters[i] = Some(match counters[i] {
            Some(c) => c.saturating_add(1),
            None => start_of(ilvl),
        });
        // Deeper levels restart, unless their `lvlRestart` names a level
        // shallower than this one (or 0, never).
        for (k, c) in counters.iter_mut().enumerate().skip(i + 1) {
            let restarts = match levels.get(&(k as u32)).and_then(|l| l.restart) {
                Some(0) => false,
                Some(n) if (n as usize) <= k => i < n as usize,
                _ => true,
            };
            if restarts {
                *c = None;
            }
        }
        let level = levels.get(&ilvl)?;
        if level.format == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let at = d.saturating_sub(1).min(8);
                let value = counters[at as usize].unwrap_or_else(|| start_of(at));
                let fmt = if level.legal {
                    "decimal"
                } else {
                    levels.get(&at).map_or("decimal", |l| l.format.as_str())
                };
                out.push_str(&format_number(value, fmt));
            } else {
                out.push(c);
            }
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

/// A number in one of Word's formats.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" => String::new(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "ideographLegalTraditional" => chinese(n),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(d as usize - '0' as usize)
                    .unwrap_or(d)
            })
            .collect(),
        "ideographTraditional" => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth((n.max(1) as usize - 1) % 10)
            .map(String::from)
            .unwrap_or_default(),
        "ideographZodiac" => "子丑寅卯辰巳午未申酉戌亥"
            .chars()
            .nth((n.max(1) as usize - 1) % 12)
            .map(String::from)
            .unwrap_or_default(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => char::from_u32(0x2474 + n - 1)
            .map(String::from)
            .unwrap_or_default(),
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => char::from_u32(0x2488 + n - 1)
            .map(String::from)
            .unwrap_or_default(),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese(n: u32) -> String {
    let digit = |k: u32| match k {
        1..=9 => crate::quantity::numeral::PLAIN_DIGITS[k as usize - 1].to_string(),
        _ => "零".to_string(),
    };
    if n == 0 {
        return digit(0);
    }
    if n >= 10000 {
        return n.to_string();
    }
    let parts = [
        (n / 1000, "千"),
        ((n / 100) % 10, "百"),
        ((n / 10) % 10, "十"),
        (n % 10, ""),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (d, unit) in parts {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(&digit(0));
            zero = false;
        }
        if !(d == 1 && unit == "十" && out.is_empty()) {
            out.push_str(&digit(d));
        }
        out.push_str(unit);
    }
    out
}

fn letters(n: u32, base: u8) -> String {
    let n = n.max(1) - 1;
    let c = char::from(base + (n % 26) as u8);
    std::iter::repeat_n(c, (n / 26) as usize + 1).collect()
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Style id → (numId, ilvl) for paragraph styles that carry numbering
/// (headings numbered through their style), following `basedOn` a few steps.
fn style_numbering(xml: &str) -> HashMap<String, (u32, u32)> {
    let mut own: HashMap<String, (Option<u32>, Option<u32>)> = HashMap::new();
    let mut based: HashMap<String, String> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        let ev = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => current = attr(&e, "styleId"),
                "basedOn" => {
                    if let (Some(s), Some(v)) = (&current, attr(&e, "val")) {
                        based.insert(s.clone(), v);
                    }
                }
                "numId" => {
                    if let Some(s) = &current {
                        own.entry(s.clone()).or_default().0 = num_attr(&e, "val");
                    }
                }
                "ilvl" => {
                    if let Some(s) = &current {
                        own.entry(s.clone()).or_default().1 = num_attr(&e, "val");
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => current = None,
            _ => {}
        }
    }
    let mut out = HashMap::new();
    let ids: Vec<String> = own.keys().chain(based.keys()).cloned().collect();
    for id in ids {
        let mut s = id.clone();
        for _ in 0..8 {
            if let Some((Some(num), ilvl)) = own.get(&s) {
                out.insert(id.clone(), (*num, ilvl.unwrap_or(0)));
                break;
            }
            match based.get(&s) {
                Some(b) => s = b.clone(),
                None => break,
            }
        }
    }
    out
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
}

/// The body's lines.
fn body_lines(
    xml: &str,
    mut numbering: Numbering,
    styles: &HashMap<String, (u32, u32)>,
) -> Result<Vec<String>, DecodeError> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    // Open table rows (tables nest): the cells of each, and the open cell.
    let mut rows: Vec<(Vec<String>, Option<String>)> = Vec::new();
    let mut in_ppr = 0usize;
    let mut in_text = false;
    // Depth of elements whose content is not read (mc:Fallback, w:del).
    let mut skip = 0usize;
    loop {
        let ev = reader.read_event().map_err(damaged)?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 || matches!(name, "Fallback" | "del" | "moveFrom") {
                    skip += 1;
                    continue;
                }
                match name {
                    "p" => paras.push(Para::default()),
                    "pPr" => in_ppr += 1,
                    "t" if in_ppr == 0 => in_text = true,
                    "tr" => rows.push((Vec::new(), None)),
                    "tc" => {
                        if let Some(r) = rows.last_mut() {
                            r.1 = Some(String::new());
                        }
                    }
                    _ => para_property(&e, name, in_ppr, &mut paras),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                let name = e.local_name();
                let name = name.as_ref();
                match name {
                    "tab" if in_ppr == 0 => push_text(&mut paras, "\t"),
                    "br" | "cr" if in_ppr == 0 => push_text(&mut paras, "\n"),
                    "noBreakHyphen" => push_text(&mut paras, "-"),
                    _ => para_property(&e, name, in_ppr, &mut paras),
                }
            }
            Event::Text(t) if skip == 0 && in_text => {
                let s = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                push_text(&mut paras, &s);
            }
            Event::GeneralRef(r) if skip == 0 && in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => {
                        quick_xml::escape::resolve_predefined_entity(r.as_ref()).map(str::to_string)
                    }
                };
                if let Some(c) = c {
                    push_text(&mut paras, &c);
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "pPr" => in_ppr = in_ppr.saturating_sub(1),
                    "p" => {
                        let Some(p) = paras.pop() else { continue };
                        let line = finish_paragraph(p, &mut numbering, styles);
                        match rows.last_mut().and_then(|r| r.1.as_mut()) {
                            Some(cell) => {
                                if !line.is_empty() {
                                    if !cell.is_empty() {
                                        cell.push(' ');
                                    }
                                    cell.push_str(&line.replace(['\t', '\n'], " "));
                                }
                            }
                            None => {
                                for l in line.split('\n') {
                                    let l = tidy_line(l);
                                    if !l.is_empty() {
                                        lines.push(l);
                                    }
                                }
                            }
                        }
                    }
                    "tc" => {
                        if let Some(r) = rows.last_mut()
                            && let Some(cell) = r.1.take()
                        {
                            r.0.push(tidy_line(&cell));
                        }
                    }
                    "tr" => {
                        if let Some((cells, _)) = rows.pop() {
                            let row = cells.join("\t");
                            let row = row.trim_end_matches('\t');
                            match rows.last_mut().and_then(|r| r.1.as_mut()) {
                                // A table inside a cell: its rows join the cell.
                                Some(cell) => {
                                    cell.push(' ');
                                    cell.push_str(&row.replace('\t', " "));
                                }
                                None if !row.trim().is_empty() => lines.push(row.to_string()),
                                None => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(lines)
}

/// Paragraph properties: style and numbering.
fn para_property(e: &BytesStart, name: &str, in_ppr: usize, paras: &mut [Para]) {
    if in_ppr == 0 {
        return;
    }
    let Some(p) = paras.last_mut() else { return };
    match name {
        "pStyle" => p.style = attr(e, "val"),
        "numId" => p.num_id = num_attr(e, "val"),
        "ilvl" => p.ilvl = num_attr(e, "val"),
        _ => {}
    }
}

fn push_text(paras: &mut [Para], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

/// A paragraph's line: its numbering label, if any, then its text.
fn finish_paragraph(
    p: Para,
    numbering: &mut Numbering,
    styles: &HashMap<String, (u32, u32)>,
) -> String {
    let from_style = p.style.as_ref().and_then(|s| styles.get(s)).copied();
    let num = match (p.num_id, from_style) {
        (Some(id), s) => Some((id, p.ilvl.or(s.map(|s| s.1)).unwrap_or(0))),
        (None, Some((id, ilvl))) => Some((id, p.ilvl.unwrap_or(ilvl))),
        (None, None) => None,
    };
    let label = match num {
        // numId 0 switches numbering off.
        Some((id, ilvl)) if id != 0 => numbering.next_label(id, ilvl),
        _ => None,
    };
    let text = p.text.trim_start_matches([' ', '\t', '\u{3000}']);
    match label {
        Some(l) if !text.trim().is_empty() => {
            // `一、` `(一)` `1.` run straight into the text, as typed;
            // a label ending in a letter or digit (`第一章`, `1.1`) takes a space.
            let sep = if l.ends_with(|c: char| c.is_alphanumeric()) {
                " "
            } else {
                ""
            };
            format!("{l}{sep}{text}")
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_word_formats() {
        assert_eq!(chinese(1), "一");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(20), "二十");
        assert_eq!(chinese(105), "一百零五");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "taiwaneseCountingThousand"), "二");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    fn para(num: Option<(u32, u32)>, text: &str) -> String {
        let ppr = num.map_or(String::new(), |(n, l)| {
            format!(
                r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{n}"/></w:numPr></w:pPr>"#
            )
        });
        format!("<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn word_numbering_is_written_out_with_levels_and_restarts() {
        let body = [
            para(Some((1, 0)), "总体目标"),
            para(Some((1, 1)), "经济发展"),
            para(Some((1, 2)), "地区生产总值增长6%。"),
            para(Some((1, 2)), "新增市场主体300家。"),
            para(Some((1, 1)), "城乡建设"),
            para(Some((1, 2)), "改造老旧小区4个。"),
            para(Some((1, 3)), "要点"),
            para(None, "保障措施如下 &amp; 要求"),
            para(Some((1, 0)), "保障措施"),
            para(Some((2, 2)), "另起一组。"),
        ]
        .concat();
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        let lines = body_lines(&xml, Numbering::parse(NUMBERING), &HashMap::new()).expect("body");
        assert_eq!(
            lines,
            [
                "一、总体目标",
                "(一)经济发展",
                "1.地区生产总值增长6%。",
                "2.新增市场主体300家。",
                "(二)城乡建设",
                "1.改造老旧小区4个。",
                "要点",
                "保障措施如下 & 要求",
                "二、保障措施",
                "5.另起一组。",
            ]
        );
    }

    #[test]
    fn legal_numbering_and_level_restarts() {
        // Level 1 is legal (`%1.%2.` in Arabic under a `第一章` level);
        // a label that ends in no mark is set off from its text by a space;
        // level 2 never restarts; level 3 restarts only with level 1.
        let numbering = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="7">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1.%2."/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%3"/></w:lvl>
            <w:lvl w:ilvl="3"><w:start w:val="1"/><w:lvlRestart w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%4)"/></w:lvl>
            <w:lvl w:ilvl="4"><w:start w:val="1"/><w:isLgl w:val="0"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1-%5"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
        </w:numbering>"#;
        let body = [
            para(Some((3, 0)), "总则"),
            para(Some((3, 1)), "目标"),
            para(Some((3, 2)), "甲"),
            para(Some((3, 3)), "子"),
            para(Some((3, 1)), "任务"),
            para(Some((3, 2)), "乙"),
            para(Some((3, 3)), "丑"),
            para(Some((3, 0)), "保障"),
            para(Some((3, 1)), "组织"),
            para(Some((3, 2)), "丙"),
            para(Some((3, 3)), "寅"),
            para(Some((3, 4)), "附"),
        ]
        .concat();
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        let lines = body_lines(&xml, Numbering::parse(numbering), &HashMap::new()).expect("body");
        assert_eq!(
            lines,
            [
                "第一章 总则",
                "1.1.目标",
                "① 甲",
                "(1)子",
                "1.2.任务",
                // Never restarted: goes on from ①.
                "② 乙",
                // Restarted only by level 1 (第…章), not by level 2.
                "(2)丑",
                "第二章 保障",
                "2.1.组织",
                "③ 丙",
                "(1)寅",
                "二-一 附",
            ]
        );
    }

    #[test]
    fn tables_are_rows_and_fallbacks_are_read_once() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
          <w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>指标名称</w:t></w:r></w:p></w:tc></w:tr>
          <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>固定资产</w:t></w:r></w:p><w:p><w:r><w:t>投资</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
          <w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></mc:Choice>
          <mc:Fallback><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent><w:t>正文</w:t></w:r>
          <w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del></w:p>
        </w:body></w:document>"#;
        let lines = body_lines(xml, Numbering::default(), &HashMap::new()).expect("body");
        assert_eq!(
            lines,
            ["序号\t指标名称", "1\t固定资产 投资", "文本框", "正文"]
        );
    }

    #[test]
    fn not_a_zip_is_not_text() {
        let e = convert(b"PK\x03\x04 word/ truncated").expect_err("damaged");
        assert_eq!(e.kind, ErrorKind::NotText);
    }
}
