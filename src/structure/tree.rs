//! Nesting headings into sections, and bodies into goals.
//!
//! Levels follow the order in which numbering styles appear in the document:
//! a style seen before closes the sections opened since it; a new style opens
//! a deeper level, unless it is by convention an outer one (`三、` after
//! `(一)` … `1.`), which closes the inner ones first.

use crate::lexicon::WordRole;
use crate::model::*;
use crate::text::Text;

use super::Event;
use super::goals;

/// Conventional nesting rank of numbering styles (smaller is outer); `None`
/// for styles that take the level where they appear.
pub(crate) fn rank(style: HeadingStyle) -> Option<u8> {
    Some(match style {
        HeadingStyle::Part => 0,
        HeadingStyle::ChineseNumeral | HeadingStyle::CustomOrdinal => 1,
        HeadingStyle::ChineseParen => 2,
        HeadingStyle::ArabicNumeral => 3,
        HeadingStyle::ArabicParen => 4,
        HeadingStyle::Circled => 5,
        HeadingStyle::RunInPair => 6,
        HeadingStyle::RunIn => 7,
        HeadingStyle::Block | HeadingStyle::Dash | HeadingStyle::Enumerated => return None,
    })
}

/// Does the text open by looking back on a past period (`过去一年,…`,
/// `今年以来,…`, or in a 2024 plan `2023年,…`)? Only the opening clause counts.
fn looks_back(t: &Text, span: Span, year: Option<i32>) -> bool {
    let window = span.start..span.end.min(span.start + 12);
    let Some(comma) = window.into_iter().find(|&i| t.chars[i] == ',') else {
        return false;
    };
    let opening = &t.chars[span.start..comma];
    goals::opens_with_earlier_year(t, span.start, year)
        || t.lexicon()
            .words(WordRole::LookingBack)
            .iter()
            .any(|w| opening.windows(w.len()).any(|x| x == w.as_slice()))
}

/// A goal placed in the tree but not yet read: everything [`GoalPlan::make`]
/// needs to find its targets, deadlines and commitments. Planning every goal
/// first and reading each on demand lets a huge document be written goal by
/// goal, never holding all its targets (see [`super::Outline`]).
///
/// Plans are small (a huge document holds one per goal until it is
/// written): the goal's number, and its sections by index, stand for the id,
/// section id and path strings the goal will carry.
#[derive(Debug, Clone)]
pub(crate) struct GoalPlan {
    /// The goal's number in the document, from 1.
    number: usize,
    /// The open sections, outermost first, as indices into the unit's
    /// sections.
    chain: Box<[u32]>,
    mode: GoalMode,
    heading_scores: goals::DomainScores,
    source: GoalSource,
}

/// Where a planned goal's text comes from.
#[derive(Debug, Clone)]
enum GoalSource {
    /// A stretch of prose, with its enumerator if it has one.
    Body { label: Option<Span>, span: Span },
    /// A row of an indicator table.
    Row(Box<super::table::Row>),
}

impl GoalPlan {
    /// Read the goal of `unit` (the unit it was planned in, of the document
    /// `doc_id`). A pure function of the plan, the unit and the text, so
    /// goals can be made in any order, or again.
    pub(crate) fn make(&self, t: &Text, year: Option<i32>, doc_id: &str, unit: &Unit) -> Goal {
        let id = format!("{doc_id}-g{:04}", self.number);
        let section = |i: &u32| unit.sections.get(*i as usize);
        let sec = self.chain.last().and_then(section).map(|s| s.id.clone());
        let mut path = Vec::with_capacity(self.chain.len() + 2);
        path.push(unit.name.clone().unwrap_or_default());
        path.extend(
            self.chain
                .iter()
                .filter_map(section)
                .map(|s| s.heading.clone()),
        );
        match &self.source {
            GoalSource::Body { label, span } => {
                if let Some(l) = label {
                    path.push(t.slice(*l).to_string());
                }
                goals::make_goal(
                    t,
                    id,
                    sec,
                    path,
                    *label,
                    *span,
                    self.mode,
                    &self.heading_scores,
                    year,
                )
            }
            GoalSource::Row(row) => {
                goals::make_row_goal(t, id, sec, path, row, self.mode, &self.heading_scores, year)
            }
        }
    }
}

/// Section indices as a plan keeps them.
fn chain_of(chain: &[usize]) -> Box<[u32]> {
    chain.iter().map(|&i| i as u32).collect()
}

/// An open section: its numbering style, its index into the unit's
/// sections, and the domain keyword scores of its heading once a goal has
/// needed them.
type Open = (HeadingStyle, usize, Option<goals::DomainScores>);

/// The domain keyword scores of the open sections' headings, summed. Each
/// heading is scored once, when a goal under it first asks, not once per
/// goal.
fn chain_scores(t: &Text, sections: &[Section], stack: &mut [Open]) -> goals::DomainScores {
    let mut sum = goals::DomainScores::default();
    for (_, i, own) in stack.iter_mut() {
        let own = own.get_or_insert_with(|| {
            let h: Vec<char> = sections[*i].heading.chars().collect();
            goals::domain_scores(t.lexicon(), &h, 2)
        });
        for (s, o) in sum.iter_mut().zip(own.iter()) {
            *s += o;
        }
    }
    sum
}

/// Nest headings into sections and plan a goal for every body and row, in
/// document order.
#[allow(clippy::too_many_arguments)]
pub(crate) fn build_tree(
    t: &Text,
    events: &[Event],
    unit: &mut Unit,
    doc_id: &str,
    section_no: &mut usize,
    goal_no: &mut usize,
    genre: Genre,
    year: Option<i32>,
) -> Vec<GoalPlan> {
    // Sized from the events: in a huge document these two vectors are most
    // of the outline, and grown by doubling they would hold up to twice
    // their size (and three times while one is being copied).
    let headings = events
        .iter()
        .filter(|e| matches!(e, Event::Heading { .. }))
        .count();
    let bodies = events
        .iter()
        .filter(|e| matches!(e, Event::Row(_) | Event::Body { .. }))
        .count();
    unit.sections.reserve_exact(headings);
    let mut plans = Vec::with_capacity(bodies);
    // The open sections, outermost first. A goal's sections are the open
    // ones, and a section once closed never opens again, so each heading is
    // scored at most once, and only the open sections' scores are kept (a
    // map of every section's, in a document of a million one-line sections,
    // was a tenth of the outline).
    let mut stack: Vec<Open> = Vec::new();
    let default_mode = if genre == Genre::Report {
        GoalMode::Achievement
    } else {
        GoalMode::Target
    };
    let pop_for = |stack: &mut Vec<Open>, style: HeadingStyle| {
        if let Some(pos) = stack.iter().position(|(s, _, _)| *s == style) {
            stack.truncate(pos);
        } else if let Some(r) = rank(style) {
            while stack
                .last()
                .is_some_and(|(s, _, _)| rank(*s).is_some_and(|x| x >= r))
            {
                stack.pop();
            }
        }
    };
    for e in events {
        match e {
            Event::Heading {
                style,
                label,
                title,
                start,
            } => {
                pop_for(&mut stack, *style);
                *section_no += 1;
                let parent = stack.last().map(|(_, i, _)| unit.sections[*i].id.clone());
                let heading = t.slice(*title).to_string();
                let own_role = t.lexicon().section_role(t.folded(*title));
                let role = match (own_role, stack.last()) {
                    (SectionRole::Other, Some((_, i, _))) => unit.sections[*i].role,
                    (r, _) => r,
                };
                unit.sections.push(Section {
                    id: format!("{doc_id}-s{:03}", section_no),
                    parent,
                    level: stack.len() as u32 + 1,
                    label: label.map(|l| t.slice(l).to_string()),
                    style: *style,
                    heading,
                    heading_span: *title,
                    span: Span::new(*start, unit.span.end),
                    role,
                    fields: Vec::new(),
                });
                stack.push((*style, unit.sections.len() - 1, None));
            }
            Event::Item { style } => pop_for(&mut stack, *style),
            Event::Field { key, value, line } => {
                if let Some((_, i, _)) = stack.last() {
                    unit.sections[*i].fields.push(Field {
                        key: t.slice(*key).to_string(),
                        value: t.slice(*value).to_string(),
                        span: *line,
                        value_span: *value,
                    });
                }
            }
            Event::Row(row) => {
                let chain: Vec<usize> = stack.iter().map(|(_, i, _)| *i).collect();
                let mode = match chain.last().map(|i| unit.sections[*i].role) {
                    Some(SectionRole::Summary) => GoalMode::Achievement,
                    Some(SectionRole::Problems) => GoalMode::Context,
                    Some(SectionRole::Other) | None => default_mode,
                    Some(_) => GoalMode::Target,
                };
                let heading_scores = chain_scores(t, &unit.sections, &mut stack);
                *goal_no += 1;
                plans.push(GoalPlan {
                    number: *goal_no,
                    chain: chain_of(&chain),
                    mode,
                    heading_scores,
                    source: GoalSource::Row(row.clone()),
                });
            }
            Event::Body { label, span } => {
                let chain: Vec<usize> = stack.iter().map(|(_, i, _)| *i).collect();
                let role = chain.last().map(|i| unit.sections[*i].role);
                let mode = match role {
                    Some(SectionRole::Summary) => GoalMode::Achievement,
                    // A list of shortcomings promises nothing.
                    Some(SectionRole::Problems) => GoalMode::Context,
                    // An opening that looks back (`过去一年,…`, `今年以来,…`).
                    None if looks_back(t, *span, year) => GoalMode::Achievement,
                    Some(SectionRole::Other) | None => default_mode,
                    Some(_) => GoalMode::Target,
                };
                let heading_scores = chain_scores(t, &unit.sections, &mut stack);
                let pieces = match label {
                    Some(l) => vec![goals::Piece {
                        label: Some(*l),
                        text: *span,
                    }],
                    None => goals::split(t, *span),
                };
                for p in pieces {
                    // An untitled item with enumerated clauses: split those too.
                    let sub = if p.label.is_some() && label.is_some() {
                        goals::split(t, p.text)
                    } else {
                        vec![p]
                    };
                    let sub = if sub.len() > 1 { sub } else { vec![p] };
                    for q in sub.into_iter().flat_map(|q| goals::cut_long(t, q)) {
                        *goal_no += 1;
                        plans.push(GoalPlan {
                            number: *goal_no,
                            chain: chain_of(&chain),
                            mode,
                            heading_scores,
                            source: GoalSource::Body {
                                label: q.label,
                                span: q.text,
                            },
                        });
                    }
                }
            }
        }
    }
    // A section runs until the next section at its level or above.
    let n = unit.sections.len();
    for i in 0..n {
        let level = unit.sections[i].level;
        let end = unit.sections[i + 1..]
            .iter()
            .find(|s| s.level <= level)
            .map_or(unit.span.end, |s| s.span.start);
        let start = unit.sections[i].span.start;
        unit.sections[i].span = t.trim(Span::new(start, end.max(start)));
    }
    plans
}
