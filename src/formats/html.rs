//! Web pages: a portal's article page → the article's text, as lines.
//!
//! The page is decoded (byte-order mark, then `<meta charset>` or
//! `http-equiv` in the first kilobytes, then detection as for text files)
//! and parsed with an HTML5 parser (`scraper`, on `html5ever`), so that
//! broken markup is repaired the way a browser repairs it. What a portal
//! wraps around the article is left out: scripts, styles, forms, `nav`,
//! `header`, `footer`, `aside`, and elements whose class or id names a
//! header, footer, navigation, breadcrumb, share or print bar. Block
//! elements (`p`, `div`, `h1`–`h6`, `li`, …) end a line, `<br>` breaks one,
//! and each table row is one line with its cells separated by tabs. The
//! `<title>` (without the site name after `_` or `-`) opens the text when
//! the page has no `<h1>`; `<meta>` tags give the issuer and date when the
//! article's own source line does not.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::{Converted, join_lines, tidy_line};
use crate::decode::{self, DecodeError};
use crate::model::{DocFormat, ErrorKind};

/// How far into the page a `<meta charset>` is looked for (browsers look at
/// 1024 bytes; portals put long comments first).
const CHARSET_PREFIX: usize = 4096;

/// Does the file start like a web page (after a byte-order mark and
/// whitespace)?
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let b = b.trim_ascii_start();
    let head: Vec<u8> = b.iter().take(16).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// The charset a page declares in its first bytes: `<meta charset=gb2312>`
/// or `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(CHARSET_PREFIX)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'"' || *c == b'\'')
        {
            i += 1;
        }
        let start = i;
        while lower
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i > start {
            return Some(String::from_utf8_lossy(&lower[start..i]).into_owned());
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decode the page: a byte-order mark wins, then the declared charset, then
/// detection as for a text file.
fn decode_page(bytes: &[u8]) -> Result<decode::Decoded, DecodeError> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if !bom
        && let Some(label) = declared_charset(bytes)
        && let Some(d) = decode::decode_labelled(&label, bytes)
    {
        return Ok(d);
    }
    decode::decode(bytes)
}

/// Elements whose content is never article text.
fn dropped_element(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "iframe"
            | "object"
            | "svg"
            | "canvas"
            | "map"
    )
}

/// Class or id words of portal furniture: site header and footer,
/// navigation, breadcrumbs, share and print bars.
fn furniture_name(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    let w = w.as_str();
    const EXACT: &[&str] = &[
        "header",
        "head",
        "top",
        "topbar",
        "footer",
        "foot",
        "bottom",
        "nav",
        "navbar",
        "menu",
        "sidebar",
        "side",
        "breadcrumb",
        "crumb",
        "crumbs",
        "position",
        "location",
        "share",
        "print",
        "tools",
        "toolbar",
        "search",
        "copyright",
        "links",
        "friendlink",
        "bdshare",
    ];
    EXACT.contains(&w)
        || [
            "header",
            "footer",
            "nav",
            "menu",
            "share",
            "print",
            "breadcrumb",
            "crumb",
            "bdshare",
        ]
        .iter()
        .any(|k| {
            w.starts_with(&format!("{k}-"))
                || w.starts_with(&format!("{k}_"))
                || w.ends_with(&format!("-{k}"))
                || w.ends_with(&format!("_{k}"))
                || w.ends_with(&format!("-{k}s"))
                || (w.len() > k.len() && w.starts_with(k) && w[k.len()..].starts_with("bar"))
                || w.ends_with(&format!("{k}bar"))
        })
}

fn is_furniture(el: &scraper::node::Element) -> bool {
    el.id().is_some_and(furniture_name) || el.classes().any(furniture_name)
}

/// Elements that end the line before and after them.
fn block_element(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "section"
            | "article"
            | "main"
            | "blockquote"
            | "pre"
            | "address"
            | "figure"
            | "figcaption"
            | "center"
            | "hr"
            | "table"
            | "tr"
            | "caption"
            | "body"
            | "html"
            | "thead"
            | "tbody"
            | "tfoot"
    )
}

/// What the page says about itself: title, issuer, date.
#[derive(Default)]
struct Meta {
    title: Option<String>,
    issuer: Option<String>,
    published: Option<String>,
    has_h1: bool,
}

/// Deeper nesting than any real page has. The HTML5 tree builder checks
/// the stack of open elements for every tag, so its time grows with the
/// square of the depth (100,000 nested `<div>` take most of a minute); such
/// a page is refused before it is parsed.
pub const MAX_DEPTH: usize = 5000;

/// The deepest nesting of elements, estimated in one pass over the markup:
/// start tags open, end tags close; void elements, self-closing tags and
/// elements the parser closes by itself (`p`, `li`, table cells) do not count.
fn nesting_depth(text: &str) -> usize {
    const UNCOUNTED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd",
    ];
    let b = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| c == b'<') {
        i += at + 1;
        let close = b.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let mut end = start;
        while b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            end += 1;
        }
        if end == start {
            continue;
        }
        let name = text[start..end].to_ascii_lowercase();
        if UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            let gt = b[end..].iter().position(|&c| c == b'>').map(|p| end + p);
            if gt.is_some_and(|g| g > 0 && b[g - 1] == b'/') {
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
        i = end;
    }
    max
}

/// Read a web page into its article text.
pub fn convert(bytes: &[u8]) -> Result<Converted, DecodeError> {
    let decoded = decode_page(bytes)?;
    let depth = nesting_depth(&decoded.text);
    if depth > MAX_DEPTH {
        return Err(DecodeError::new(
            ErrorKind::NotText,
            format!(
                "a web page whose elements nest {depth} deep (more than {MAX_DEPTH}): no real \
                 page does; not parsed"
            ),
        ));
    }
    let page = Html::parse_document(&decoded.text);
    // The tree holds its own copy of the text: on a huge page the decoded
    // string, the tree and the article text would otherwise be held at once.
    let (encoding, errors) = (decoded.encoding, decoded.errors);
    drop(decoded);
    let mut meta = Meta::default();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // The node whose subtree is being left out, if any.
    let mut skipping: Option<ego_tree::NodeId> = None;
    // Depth of table cells: inside one, blocks do not end the line.
    let mut in_cell = 0usize;
    let mut pre = 0usize;
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        let l = tidy_line(line);
        if !l.is_empty() {
            lines.push(l);
        }
        line.clear();
    };
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    // `<title>` and `<meta>` sit in the dropped `<head>`.
                    if let Node::Element(el) = node.value() {
                        read_head(node, el, &mut meta);
                    }
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        read_head(node, el, &mut meta);
                        if dropped_element(name) || is_furniture(el) {
                            skipping = Some(node.id());
                            continue;
                        }
                        match name {
                            "br" => {
                                if in_cell > 0 {
                                    line.push(' ');
                                } else {
                                    flush(&mut line, &mut lines);
                                }
                            }
                            "td" | "th" => in_cell += 1,
                            "pre" => pre += 1,
                            "h1" => meta.has_h1 = true,
                            _ => {}
                        }
                        if block_element(name) {
                            if in_cell > 0 {
                                line.push(' ');
                            } else {
                                flush(&mut line, &mut lines);
                            }
                        }
                    }
                    Node::Text(t) => {
                        if pre > 0 {
                            for (i, part) in t.split('\n').enumerate() {
                                if i > 0 && in_cell == 0 {
                                    flush(&mut line, &mut lines);
                                }
                                line.push_str(part);
                            }
                        } else {
                            line.push_str(t);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    match name {
                        "td" | "th" => {
                            in_cell = in_cell.saturating_sub(1);
                            if in_cell == 0 {
                                line.push('\t');
                            }
                        }
                        "pre" => pre = pre.saturating_sub(1),
                        _ => {}
                    }
                    if block_element(name) {
                        if name == "tr" {
                            // No tab after the last cell.
                            let kept = line.trim_end_matches(['\t', ' ']).len();
                            line.truncate(kept);
                        }
                        if in_cell == 0 {
                            flush(&mut line, &mut lines);
                        } else {
                            line.push(' ');
                        }
                    }
                }
            }
        }
    }
    flush(&mut line, &mut lines);
    drop(page);
    if !meta.has_h1
        && let Some(title) = meta.title.as_deref().map(page_title)
        && !title.is_empty()
        && lines.first().is_none_or(|l| l != title)
    {
        lines.insert(0, title.to_string());
    }
    let text = join_lines(lines);
    if text.trim().is_empty() {
        return Err(DecodeError::new(
            ErrorKind::Empty,
            "the web page holds no article text (only scripts, navigation or markup)",
        ));
    }
    Ok(Converted {
        format: DocFormat::Html,
        text,
        encoding,
        errors,
        issuer: meta.issuer,
        published: meta.published,
    })
}

/// `<title>` and `<meta>`, wherever they are.
fn read_head(node: ego_tree::NodeRef<Node>, el: &scraper::node::Element, meta: &mut Meta) {
    match el.name() {
        "title" if meta.title.is_none() => {
            let t: String = node
                .descendants()
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                .collect();
            meta.title = Some(tidy_line(&t));
        }
        "meta" => read_meta(el, meta),
        _ => {}
    }
}

/// A page title without the site name portals append (`…计划_某某区人民政府`).
fn page_title(t: &str) -> &str {
    let cut = t
        .find('_')
        .or_else(|| t.find(" - "))
        .or_else(|| t.find(" | "))
        .or_else(|| t.find('—'))
        .unwrap_or(t.len());
    t[..cut].trim()
}

/// `<meta name=… content=…>`: the tags Chinese government portals use for
/// the source and publication date, and the common generic ones.
fn read_meta(el: &scraper::node::Element, meta: &mut Meta) {
    let key = el
        .attr("name")
        .or_else(|| el.attr("property"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let Some(content) = el.attr("content").map(tidy_line).filter(|c| !c.is_empty()) else {
        return;
    };
    match key.as_str() {
        "contentsource" | "source" | "author" | "dc.publisher" | "publisher"
            if meta.issuer.is_none() =>
        {
            meta.issuer = Some(content);
        }
        "pubdate"
        | "publishdate"
        | "firstpublishedtime"
        | "article:published_time"
        | "dc.date"
        | "date"
            if meta.published.is_none() =>
        {
            meta.published = iso_datetime(&content);
        }
        _ => {}
    }
}

/// `2021-01-15 09:30`, `2021/1/15`, `2021-01-15T09:30:00+08:00` →
/// `2021-01-15T09:30` / `2021-01-15`.
fn iso_datetime(s: &str) -> Option<String> {
    let nums: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .take(5)
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    let (y, m, d) = (*nums.first()?, *nums.get(1)?, *nums.get(2)?);
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    match (nums.get(3), nums.get(4)) {
        (Some(&h), Some(&mi)) if h < 24 && mi < 60 => {
            Some(format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}"))
        }
        _ => Some(format!("{y:04}-{m:02}-{d:02}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        convert(html.as_bytes()).map(|c| c.text).unwrap_or_default()
    }

    #[test]
    fn article_lines_without_portal_furniture() {
        let page = "<!DOCTYPE html><html><head><title>东湖镇工作要点_东湖镇人民政府</title>\
            <script>var a = '<p>不是正文</p>';</script></head><body>\
            <div class=\"header\">东湖镇人民政府</div><nav><a>首页</a></nav>\
            <div class=\"main\"><p>一、总体目标</p><p>全年新建道路<b>12</b>公里。<br>第二行</p>\
            <table><tr><th>序号</th><th>指标</th></tr><tr><td>1</td><td><p>新增</p><p>就业</p></td></tr></table>\
            </div><div class=\"share-bar\">分享到</div><footer>版权所有</footer></body></html>";
        assert_eq!(
            text(page),
            "东湖镇工作要点\n一、总体目标\n全年新建道路12公里。\n第二行\n序号\t指标\n1\t新增 就业\n"
        );
    }

    #[test]
    fn charset_from_meta() {
        let (gb, _, _) = encoding_rs::GBK.encode(
            "<html><head><meta charset=gb2312></head><body><p>建成3个莲藕专业村</p></body></html>",
        );
        let c = convert(&gb).expect("page");
        assert_eq!(c.text, "建成3个莲藕专业村\n");
        assert_eq!(c.encoding, "GB18030");
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">"
            ),
            Some("gbk".into())
        );
    }

    #[test]
    fn nesting_is_measured_without_parsing() {
        assert_eq!(
            nesting_depth("<div><div><p>a<br><img src=x/></div></div>"),
            2
        );
        assert_eq!(nesting_depth("<p>a<p>b<p>c"), 0);
        assert_eq!(nesting_depth(&"<span>".repeat(9000)), 9000);
    }

    #[test]
    fn meta_dates() {
        assert_eq!(
            iso_datetime("2021-01-15 09:30"),
            Some("2021-01-15T09:30".into())
        );
        assert_eq!(iso_datetime("2021/1/5"), Some("2021-01-05".into()));
        assert_eq!(iso_datetime("昨天"), None);
    }

    #[test]
    fn a_page_of_only_scripts_is_empty() {
        let e = convert(b"<html><script>x()</script></html>").expect_err("no text");
        assert_eq!(e.kind, ErrorKind::Empty);
    }
}
