//! Lines → units ▸ sections ▸ goals.
//!
//! Each line is read as a unit heading, a labelled item, a labelled block, a
//! key–value field or a plain paragraph (whose opening sentences may be
//! run-in headings). Headings nest by the order in which their numbering
//! styles appear in the document, not by a fixed table: a style seen before
//! closes the sections opened since it, a new style opens a deeper level,
//! unless it is by convention an outer one (`三、` after `(一)` … `1.`).

pub mod goals;
pub mod headings;
pub mod table;
mod tree;
pub mod units;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

use crate::clean::{Cleaned, Line};
use crate::lexicon::{Lexicon, OrganRole, WordRole};
use crate::model::*;
use crate::quantity::target::find_targets;
use crate::text::Text;
use headings::{Label, label_at};
use tree::{build_tree, rank};

/// What a stretch of a unit's text is.
#[derive(Debug, Clone)]
pub(crate) enum Event {
    /// Opens a section.
    Heading {
        style: HeadingStyle,
        label: Option<Span>,
        title: Span,
        start: usize,
    },
    /// An item without a title: closes sibling sections of its style, then
    /// its text is a goal of the parent.
    Item {
        style: HeadingStyle,
    },
    Field {
        key: Span,
        value: Span,
        line: Span,
    },
    /// Text that holds goals; `label` for an untitled item.
    Body {
        label: Option<Span>,
        span: Span,
    },
    /// A row of an indicator table: one goal.
    Row(Box<table::Row>),
}

/// Build the document from its cleaned lines.
pub fn build_document(
    t: &Text,
    c: &Cleaned,
    path: &str,
    sha256: &str,
    bytes: usize,
    encoding: &str,
) -> Document {
    outline_document(t, c, path, sha256, bytes, encoding).into_document(t)
}

/// A document with its units and sections built and every goal planned but
/// not yet read: `document` has every field but its units' `goals`, which
/// [`Outline::goals`] makes one at a time. A goal is a pure function of its
/// plan and the text, so a caller may write a huge document goal by goal and
/// hold only one goal's targets at a time, or make them all
/// ([`Outline::into_document`]); both give the same goals.
#[derive(Debug, Clone)]
pub struct Outline {
    pub document: Document,
    /// The planned goals of each unit, in document order.
    plans: Vec<Vec<tree::GoalPlan>>,
}

impl Outline {
    /// The goals of unit `unit` (an index into `document.units`), made in
    /// order as the iterator is advanced.
    pub fn goals<'a>(&'a self, t: &'a Text, unit: usize) -> impl Iterator<Item = Goal> + 'a {
        let year = self.document.year;
        let doc_id = self.document.id.as_str();
        let plans = self.plans.get(unit).map_or(&[][..], Vec::as_slice);
        let unit = self.document.units.get(unit);
        plans
            .iter()
            .zip(std::iter::repeat(unit))
            .filter_map(move |(p, u)| Some(p.make(t, year, doc_id, u?)))
    }

    /// The number of goals planned in unit `unit`.
    pub fn goal_count(&self, unit: usize) -> usize {
        self.plans.get(unit).map_or(0, Vec::len)
    }

    /// The whole document, every goal made.
    pub fn into_document(self, t: &Text) -> Document {
        let year = self.document.year;
        let mut document = self.document;
        for (unit, plans) in document.units.iter_mut().zip(self.plans) {
            let goals = plans
                .iter()
                .map(|p| p.make(t, year, &document.id, unit))
                .collect();
            unit.goals = goals;
        }
        document
    }
}

/// [`build_document`] up to the goals: units, sections and the goals'
/// plans (see [`Outline`]).
pub fn outline_document(
    t: &Text,
    c: &Cleaned,
    path: &str,
    sha256: &str,
    bytes: usize,
    encoding: &str,
) -> Outline {
    let doc_id = crate::hex(&Sha256::digest(path.as_bytes()))[..12].to_string();
    let mut lines: &[Line] = &c.lines;
    let title = detect_title(t, lines);
    // The title often carries the year (`…2023年工作要点`), so it counts here.
    let year = detect_year(t, lines, c.published.as_deref());
    if title.is_some() {
        lines = &lines[1..];
    }

    // Units: lines that are only a name split a multi-unit document.
    let unit_idx: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| units::unit_line(t, l.span))
        .map(|(i, _)| i)
        .collect();
    let mut preamble = None;
    let mut unit_parts: Vec<(Option<Span>, &[Line])> = Vec::new();
    if unit_idx.len() >= 2 || unit_idx.first() == Some(&0) {
        if let Some(&first) = unit_idx.first()
            && first > 0
        {
            let sp = Span::new(lines[0].span.start, lines[first - 1].span.end);
            preamble = Some(t.snippet(sp));
        }
        for (k, &i) in unit_idx.iter().enumerate() {
            let end = unit_idx.get(k + 1).copied().unwrap_or(lines.len());
            unit_parts.push((Some(lines[i].span), &lines[i + 1..end]));
        }
    } else {
        unit_parts.push((None, lines));
    }

    // Read every unit's events first: roles and genre need the whole document.
    // Each unit's events are let go once its tree is built.
    let parts: Vec<(Option<Span>, Vec<Event>)> = unit_parts
        .iter()
        .map(|(h, ls)| (*h, read_events(t, ls)))
        .collect();
    let genre = detect_genre(t, title.as_ref(), &parts);

    let mut out_units = Vec::new();
    let mut plans = Vec::new();
    let mut goal_no = 0;
    let mut section_no = 0;
    for (k, ((heading, ls), (_, events))) in unit_parts.iter().zip(parts).enumerate() {
        let (name, source) = match heading {
            Some(h) => (Some(t.slice(*h).to_string()), NameSource::Heading),
            None => single_unit_name(t, c, title.as_ref(), lines, genre),
        };
        let start = heading
            .map(|h| h.start)
            .or_else(|| ls.first().map(|l| l.span.start))
            .unwrap_or(0);
        let end = ls
            .last()
            .map(|l| l.span.end)
            .or_else(|| heading.map(|h| h.end))
            .unwrap_or(start);
        let unit_span = Span::new(start, end);
        let mut unit = Unit {
            id: format!("{doc_id}-u{:02}", k + 1),
            name,
            name_source: source,
            heading: heading.map(|h| t.snippet(h)),
            span: unit_span,
            sections: Vec::new(),
            goals: Vec::new(),
        };
        plans.push(build_tree(
            t,
            &events,
            &mut unit,
            &doc_id,
            &mut section_no,
            &mut goal_no,
            genre,
            year,
        ));
        out_units.push(unit);
    }

    let document = Document {
        id: doc_id,
        path: path.to_string(),
        sha256: sha256.to_string(),
        bytes,
        chars: t.len(),
        encoding: encoding.to_string(),
        // Set by the caller that read the file.
        format: crate::model::DocFormat::Txt,
        // Set by the caller that decoded the bytes.
        encoding_errors: 0,
        title,
        issuer: c.issuer.clone(),
        published: c.published.clone(),
        year,
        genre,
        preamble,
        furniture: c.furniture.clone(),
        units: out_units,
        text: None,
    };
    Outline { document, plans }
}

/// A first line that is short, unpunctuated and not a heading is the title.
fn detect_title(t: &Text, lines: &[Line]) -> Option<Snippet> {
    let first = lines.first()?;
    let cs = &t.chars[first.span.start..first.span.end];
    let plain = cs.len() <= 40
        && !cs
            .iter()
            .any(|&c| matches!(c, '。' | ',' | ';' | ':' | '!' | '?'))
        && label_at(t, first.span).is_none()
        && table::header(t, first.span).is_none()
        && lines.len() > 1
        && !(units::unit_line(t, first.span)
            && lines.iter().skip(1).any(|l| units::unit_line(t, l.span)));
    // A title printed as a table row keeps its cell bars out (`…工作思路 |`).
    let mut end = first.span.end;
    while end > first.span.start && matches!(t.chars[end - 1], '|' | ' ' | '\t') {
        end -= 1;
    }
    (plain && end > first.span.start).then(|| t.snippet(Span::new(first.span.start, end)))
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20[0-9]{2})年").expect("valid regex"));

/// The year the document is about: a year named in a plan heading
/// (`2025年工作计划`), else the year named most often (latest on ties),
/// else the publication year.
fn detect_year(t: &Text, lines: &[Line], published: Option<&str>) -> Option<i32> {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    let mut plan_year = None;
    for l in lines {
        let s = t.folded(l.span);
        let short = s.chars().count() <= 40;
        for cap in YEAR.captures_iter(s) {
            let Some(y) = cap.get(1).and_then(|m| m.as_str().parse::<i32>().ok()) else {
                continue;
            };
            *counts.entry(y).or_default() += 1;
            if short && title_roles(t.lexicon(), s).contains(&SectionRole::Plan) {
                plan_year = Some(plan_year.map_or(y, |p: i32| p.max(y)));
            }
        }
    }
    plan_year
        .or_else(|| {
            counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
                .map(|(y, _)| y)
        })
        .or_else(|| {
            published
                .and_then(|p| p.get(..4))
                .and_then(|y| y.parse().ok())
        })
}

fn single_unit_name(
    t: &Text,
    c: &Cleaned,
    title: Option<&Snippet>,
    lines: &[Line],
    genre: Genre,
) -> (Option<String>, NameSource) {
    // An assessment scheme is issued by the assessor for units it does not
    // name one by one (`全县9个镇、3个街道`): its issuer and its title say who
    // assesses, not whose goals these are.
    if genre == Genre::Assessment {
        return (None, NameSource::None);
    }
    let from_title = title.and_then(|title| {
        let cs: Vec<char> = t.folded(title.span).chars().collect();
        (3..=cs.len().min(12)).rev().find_map(|n| {
            units::is_unit_name(t.lexicon(), &cs[..n]).then(|| {
                // As written: `石龍坑鎮`, not a half-folded `石龍坑镇`.
                t.slice(Span::new(title.span.start, title.span.start + n))
                    .to_string()
            })
        })
    });
    // `沱口街道2023年工作总结` signed `沱口街道办事处`: the title names the
    // unit, the signature its organ.
    if let Some(issuer) = &c.issuer {
        // The unit is the town, not its government organ: `桐溪镇人民政府` → `桐溪镇`.
        let name = t
            .lexicon()
            .organ_suffixes(OrganRole::Government)
            .iter()
            .find_map(|organ| {
                issuer.strip_suffix(organ).filter(|u| {
                    units::is_unit_name(
                        t.lexicon(),
                        &u.chars()
                            .map(|c| t.lexicon().fold_char(c))
                            .collect::<Vec<_>>(),
                    )
                })
            })
            .unwrap_or(issuer);
        if let Some(title_name) = &from_title
            && name != title_name
            && name.starts_with(title_name.as_str())
        {
            return (Some(title_name.clone()), NameSource::Title);
        }
        return (Some(name.to_string()), NameSource::Issuer);
    }
    if let Some(name) = from_title {
        return (Some(name), NameSource::Title);
    }
    if let Some(name) = lines
        .iter()
        .take(6)
        .find_map(|l| units::speaker_organ(t, l.span))
    {
        return (Some(name), NameSource::Byline);
    }
    if let (Some(first), Some(last)) = (lines.first(), lines.last())
        && let Some(name) = units::name_from_body(t, Span::new(first.span.start, last.span.end))
    {
        return (Some(name), NameSource::Body);
    }
    (None, NameSource::None)
}

/// Read the lines of one unit into events.
fn read_events(t: &Text, lines: &[Line]) -> Vec<Event> {
    let mut ev = Vec::new();
    // The columns of the indicator table being read.
    let mut columns: Option<table::Columns> = None;
    for (i, line) in lines.iter().enumerate() {
        let span = line.span;
        if let Some(c) = &columns {
            match table::row(t, span, c) {
                table::RowKind::Data(row) => {
                    ev.push(Event::Row(Box::new(row)));
                    continue;
                }
                table::RowKind::Skip => continue,
                table::RowKind::Outside => {
                    if !table::bridges(t, span, lines.get(i + 1).map(|l| l.span), c) {
                        columns = None;
                    }
                }
            }
        }
        // The header row of an indicator table is no goal: it names the
        // columns of the rows after it.
        if let Some(c) = table::header(t, span) {
            columns = Some(c);
            continue;
        }
        // `——2024年1月9日在…会议上`: the occasion of a speech, not an item.
        if headings::dateline(t, span) {
            continue;
        }
        if let Some(title) = headings::block_heading(t, span) {
            ev.push(Event::Heading {
                style: HeadingStyle::Block,
                label: None,
                title,
                start: span.start,
            });
            continue;
        }
        if let Some(label) = label_at(t, span) {
            // `一是…` opens an enumerated goal; only a one-sentence line over
            // items of its own (`一是聚焦项目建设。` then `(一)…`) heads them.
            let heads_items = label.style != HeadingStyle::Enumerated
                || (headings::sentences(t, span).len() == 1
                    && next_line(t, lines, i, label.style) == Next::Inner);
            if heads_items {
                read_item(t, lines, i, label, &mut ev);
                continue;
            }
        }
        if let Some(title) = headings::scored_heading(t, span) {
            ev.push(Event::Heading {
                style: HeadingStyle::Block,
                label: None,
                title,
                start: span.start,
            });
            continue;
        }
        if let Some((key, value)) = headings::field(t, span) {
            ev.push(Event::Field {
                key,
                value,
                line: span,
            });
            let content = t
                .lexicon()
                .field_is_descriptor(t.slice(key))
                .map_or(value.len() > 20, |d| !d);
            if content {
                ev.push(Event::Body {
                    label: None,
                    span: value,
                });
            }
            continue;
        }
        read_paragraph(t, span, &mut ev);
    }
    ev
}

/// What follows a one-sentence labelled line decides whether it is a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// A plain paragraph: the line heads it.
    Body,
    /// An item of a conventionally deeper style (`1、` after `“三”是`).
    Inner,
    /// A sibling, another kind of line, or nothing.
    Other,
}

fn next_line(t: &Text, lines: &[Line], i: usize, style: HeadingStyle) -> Next {
    let Some(next) = lines.get(i + 1) else {
        return Next::Other;
    };
    if units::unit_line(t, next.span) || headings::block_heading(t, next.span).is_some() {
        return Next::Other;
    }
    match label_at(t, next.span) {
        Some(l)
            if l.style != style && rank(l.style).zip(rank(style)).is_some_and(|(a, b)| a > b) =>
        {
            Next::Inner
        }
        // `一是聚焦项目建设。` heads the `(一)`, `1.` items under it.
        Some(l) if style == HeadingStyle::Enumerated && l.style != style => Next::Inner,
        Some(_) => Next::Other,
        None => Next::Body,
    }
}

fn read_item(t: &Text, lines: &[Line], i: usize, label: Label, ev: &mut Vec<Event>) {
    let span = lines[i].span;
    let content = t.trim(Span::new(label.span.end, span.end));
    if content.is_empty() {
        return;
    }
    // `一、2023年工作回顾 2023年是…`: a title, a space, then its body.
    if let Some((title, rest)) = title_then_body(t, content) {
        ev.push(Event::Heading {
            style: label.style,
            label: Some(label.span),
            title,
            start: span.start,
        });
        ev.push(Event::Body {
            label: None,
            span: rest,
        });
        return;
    }
    let sents = headings::sentences(t, content);
    // A sentence with a full stop and a number is a goal even when items
    // follow it (`(二)全年任务为新增城镇就业1800人。` then `1.…`).
    let stated = t.chars[content.start..content.end]
        .last()
        .is_some_and(|&c| matches!(c, '。' | '!' | ';'));
    // At most 40 Chinese characters, and short in all characters: a long
    // line of numbers and signs is no heading, and is not read for targets
    // only to find that out.
    let short = content.len() <= 200
        && t.chars[content.start..content.end]
            .iter()
            .filter(|c| crate::text::is_han(**c))
            .count()
            <= 40;
    let whole_line_heading = sents.len() == 1
        && short
        && (!stated || find_targets(t, content, GoalMode::Target).is_empty())
        && {
            // It heads what follows when that is its body or its sub-items;
            // before a sibling it is a goal unless it reads as a title.
            // Before a sibling or the end, a title heads an empty section
            // (`二、存在的问题` then `三、…`) but a stated sentence is a short goal
            // (`2.深入推进基层治理现代化,争创全县先进。`).
            match next_line(t, lines, i, label.style) {
                Next::Body | Next::Inner => true,
                Next::Other => {
                    headings::is_title(t, headings::without_score(t, content))
                        && !stated
                        && i + 1 < lines.len()
                }
            }
        };
    if whole_line_heading {
        ev.push(Event::Heading {
            style: label.style,
            label: Some(label.span),
            title: headings::without_score(t, t.trim_punct(content)),
            start: span.start,
        });
    } else if sents.len() > 1
        && headings::is_title(t, headings::without_score(t, t.trim_punct(sents[0])))
    {
        ev.push(Event::Heading {
            style: label.style,
            label: Some(label.span),
            title: headings::without_score(t, t.trim_punct(sents[0])),
            start: span.start,
        });
        let rest = t.trim(Span::new(sents[0].end, content.end));
        if !rest.is_empty() {
            ev.push(Event::Body {
                label: None,
                span: rest,
            });
        }
    } else {
        ev.push(Event::Item { style: label.style });
        ev.push(Event::Body {
            label: Some(label.span),
            span: content,
        });
    }
}

/// A labelled line whose title is followed, after a space, by its body:
/// `2023年工作回顾 2023年是…`. The title is short and unpunctuated; the body
/// is a sentence of its own.
fn title_then_body(t: &Text, content: Span) -> Option<(Span, Span)> {
    let cs = &t.chars[content.start..content.end];
    let gap = cs.iter().position(|c| c.is_whitespace())?;
    let title = t.trim(Span::new(content.start, content.start + gap));
    let rest = t.trim(Span::new(content.start + gap, content.end));
    let title_cs = &t.chars[title.start..title.end];
    let han = title_cs.iter().filter(|&&c| crate::text::is_han(c)).count();
    let body_han = t.chars[rest.start..rest.end]
        .iter()
        .filter(|&&c| crate::text::is_han(c))
        .count();
    let plain = title_cs
        .iter()
        .all(|&c| !matches!(c, '。' | ',' | ';' | ':' | '!' | '?' | '、' | '|'));
    // Only a title that names its part (`工作回顾`, `工作思路`, `存在的问题`):
    // a space inside a sentence (`农田1.5 万亩`, `推进 6 月底前`) is an
    // artefact of conversion, not the end of a heading.
    let names_part = t.lexicon().section_role(t.folded(title)) != SectionRole::Other;
    // Or a topic of four or more characters, all han, with the body going
    // on in han after the space (`经济发展稳中提质 上半年,街道…`): a layout
    // space falls beside a number, not between two words of a sentence.
    let topic = han >= 4
        && han == title_cs.len()
        && t.chars
            .get(rest.start)
            .is_some_and(|&c| crate::text::is_han(c) || matches!(c, '“' | '"' | '《'));
    (plain
        && (names_part || topic)
        && (2..=20).contains(&han)
        && body_han >= 10
        && headings::is_title(t, title))
    .then_some((title, rest))
}

/// A plain paragraph: its opening sentence may be a run-in heading, and then
/// later short sentences of the same shape may head sub-sections.
fn read_paragraph(t: &Text, span: Span, ev: &mut Vec<Event>) {
    // A table flattened with `|` whose row holds no number is a header row.
    let cs = &t.chars[span.start..span.end];
    if cs.first() == Some(&'|')
        && cs.iter().filter(|&&c| c == '|').count() >= 2
        && !cs.iter().any(|c| c.is_ascii_digit())
    {
        return;
    }
    let sents = headings::sentences(t, span);
    let opening = sents
        .first()
        .filter(|_| sents.len() > 1)
        .and_then(|s| headings::run_in_shape(t, *s, true));
    let Some(first_style) = opening else {
        ev.push(Event::Body { label: None, span });
        return;
    };
    ev.push(Event::Heading {
        style: first_style,
        label: None,
        title: t.trim_punct(sents[0]),
        start: sents[0].start,
    });
    let mut body_start = None::<usize>;
    for (k, s) in sents.iter().enumerate().skip(1) {
        let last = k + 1 == sents.len();
        let shape = if last {
            None
        } else {
            headings::run_in_shape(t, *s, false)
        };
        // Inner headings: the opening's own shape (siblings) or, under a
        // paired opening, the plain run-in shape (children).
        let fits = shape.is_some_and(|st| {
            st == first_style
                || (first_style == HeadingStyle::RunInPair && st == HeadingStyle::RunIn)
        });
        if fits {
            if let Some(b) = body_start.take() {
                ev.push(Event::Body {
                    label: None,
                    span: t.trim(Span::new(b, s.start)),
                });
            }
            ev.push(Event::Heading {
                style: shape.unwrap_or(first_style),
                label: None,
                title: t.trim_punct(*s),
                start: s.start,
            });
        } else if body_start.is_none() {
            body_start = Some(s.start);
        }
    }
    if let Some(b) = body_start {
        ev.push(Event::Body {
            label: None,
            span: t.trim(Span::new(b, span.end)),
        });
    }
}

/// Genre from the roles of the top headings and the wording.
fn detect_genre(t: &Text, title: Option<&Snippet>, parts: &[(Option<Span>, Vec<Event>)]) -> Genre {
    let mut roles = Vec::new();
    // `…2023年工作总结和2024年工作思路`: every role the title names counts.
    if let Some(title) = title {
        roles.extend(title_roles(t.lexicon(), t.folded(title.span)));
    }
    for (_, events) in parts {
        for e in events {
            if let Event::Heading { title, .. } = e {
                let s = t.folded(*title);
                if s.chars().count() <= 20 {
                    roles.push(t.lexicon().section_role(s));
                }
            }
        }
    }
    let has = |r: SectionRole| roles.contains(&r);
    if has(SectionRole::Assessment) {
        Genre::Assessment
    } else if has(SectionRole::Summary) && has(SectionRole::Plan) {
        Genre::ReportAndPlan
    } else if has(SectionRole::Summary) {
        Genre::Report
    } else {
        Genre::Plan
    }
}

/// The roles a title names, each part read on its own: `2023年工作总结和
/// 2024年工作思路` is a summary and a plan.
fn title_roles(lx: &Lexicon, title: &str) -> Vec<SectionRole> {
    title
        .split(|c: char| c == ' ' || lx.is_word_char(WordRole::TitleConnective, c))
        .map(|part| lx.section_role(part))
        .filter(|r| *r != SectionRole::Other)
        .collect()
}
