//! Goals: a body of text split into its enumerated clauses (`一是…二是…`,
//! `①…②…`), each dressed with its targets, deadlines, commitments, domain
//! and measurability.

use crate::lexicon::{Lexicon, Starts};
use crate::model::{Domain, Goal, GoalMode, Measurability, Span, TargetMode};
use crate::quantity::{commitment, deadline, mode, target};
use crate::text::Text;

/// A goal's place in the body: optional enumerator label and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub label: Option<Span>,
    pub text: Span,
}

/// What may stand right before an enumerator: the start of the body, a
/// sentence or clause mark, or white space.
fn opens_enumerator(c: char) -> bool {
    matches!(c, '。' | ';' | ',' | ':' | '!' | '?') || c.is_whitespace()
}

fn is_circled(c: char) -> bool {
    ('①'..='⑳').contains(&c)
}

/// The enumerators of `cs` (the characters of a body): `一是` … `十九是`
/// and `①` … `⑳`, each at the start or after a clause mark or white space,
/// as character ranges of `cs`.
///
/// Written out rather than as a regex: the pattern has no literal to look
/// for first, so a regex engine walked every byte of every body with its
/// automaton, which was a noticeable part of the whole run. Here only the
/// rare `是` and circled numbers are looked at.
fn enumerators(cs: &[char]) -> Vec<(usize, usize)> {
    let open_at = |i: usize| i == 0 || opens_enumerator(cs[i - 1]);
    let digit = |c: char| crate::quantity::numeral::PLAIN_DIGITS.contains(&c);
    let mut out = Vec::new();
    for (i, &c) in cs.iter().enumerate() {
        if is_circled(c) {
            if open_at(i) {
                out.push((i, i + 1));
            }
        } else if c == '是' && i >= 1 {
            let d = cs[i - 1];
            if (digit(d) || d == '十') && open_at(i - 1) {
                out.push((i - 1, i + 1));
            } else if digit(d) && i >= 2 && cs[i - 2] == '十' && open_at(i - 2) {
                out.push((i - 2, i + 1));
            }
        }
    }
    out
}

/// Split a body into goals at its enumerators. `一是` clauses count only when
/// the body has both `一是` and `二是` (a lone `三是` is prose); circled
/// numbers when there are two or more.
pub fn split(t: &Text, body: Span) -> Vec<Piece> {
    let cs = t.chars_in(body);
    let base = body.start.min(t.len());
    let mut marks: Vec<Span> = enumerators(cs)
        .into_iter()
        .map(|(s, e)| Span::new(base + s, base + e))
        .collect();
    let is_shi = |s: &Span| t.chars.get(s.end - 1) == Some(&'是');
    let labels: Vec<&str> = marks.iter().map(|s| t.folded(*s)).collect();
    let shi_ok = labels.contains(&"一是") && labels.contains(&"二是");
    let circled = marks.iter().filter(|s| !is_shi(s)).count();
    marks.retain(|s| if is_shi(s) { shi_ok } else { circled >= 2 });
    let mut out = Vec::new();
    let intro_end = marks.first().map_or(body.end, |m| m.start);
    let intro = t.trim_punct(Span::new(body.start, intro_end));
    if !intro.is_empty()
        && (marks.is_empty()
            || t.chars[intro.start..intro.end]
                .iter()
                .filter(|c| crate::text::is_han(**c))
                .count()
                >= 4)
    {
        out.push(Piece {
            label: None,
            text: t.trim(Span::new(body.start, intro_end)),
        });
    }
    for (k, m) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(body.end, |n| n.start);
        let text = t.trim(Span::new(m.end, end));
        if !text.is_empty() {
            out.push(Piece {
                label: Some(*m),
                text,
            });
        }
    }
    out
}

/// The longest goal, in characters. A plan's longest paragraph is a few
/// hundred characters; a stretch far longer than this is a page whose line
/// breaks were lost in conversion (or text that is no plan at all), and
/// reading it as one goal would make one unmeasurable record, and hold all
/// its targets at once.
pub const MAX_GOAL_CHARS: usize = 4000;

/// Cut a piece longer than [`MAX_GOAL_CHARS`] into goals of at most that
/// length: after the last sentence end in the second half of each stretch,
/// else after the last clause mark, else at the last white space, else
/// between two characters that cannot both belong to one number. The label
/// stays with the first part.
pub fn cut_long(t: &Text, piece: Piece) -> Vec<Piece> {
    let span = piece.text;
    if span.len() <= MAX_GOAL_CHARS {
        return vec![piece];
    }
    let mut out = Vec::new();
    let mut start = span.start;
    let mut label = piece.label;
    while start < span.end {
        let end = if span.end - start <= MAX_GOAL_CHARS {
            span.end
        } else {
            cut_point(t, start, start + MAX_GOAL_CHARS)
        };
        let text = t.trim(Span::new(start, end));
        if !text.is_empty() {
            out.push(Piece {
                label: label.take(),
                text,
            });
        }
        start = end;
    }
    out
}

/// Where to end a goal that starts at `start` and may run to `limit`
/// (exclusive): always past the middle, so every cut makes progress.
fn cut_point(t: &Text, start: usize, limit: usize) -> usize {
    let window = start + (limit - start) / 2..limit;
    let after_last = |pred: &dyn Fn(char) -> bool| {
        window
            .clone()
            .rev()
            .find(|&i| pred(t.chars[i]))
            .map(|i| i + 1)
    };
    after_last(&|c| crate::text::is_sentence_end(c) || c == '\n')
        .or_else(|| after_last(&|c| matches!(c, ',' | '、' | ':')))
        .or_else(|| after_last(&|c| crate::text::is_space(c)))
        .or_else(|| {
            // Not inside a number: `12|34`, `3.|5`, `5|%`, `十|五` stay whole.
            let joins = |c: char| {
                c.is_ascii_alphanumeric()
                    || matches!(c, '.' | '%' | '‰')
                    || crate::quantity::numeral::is_chinese_numeral_char(c)
            };
            window
                .clone()
                .rev()
                .find(|&i| !(joins(t.chars[i - 1]) && joins(t.chars[i])))
        })
        .unwrap_or(limit)
}

/// Keyword weight per domain, in [`Domain::ALL`] order.
pub type DomainScores = [u32; Domain::ALL.len()];

/// The domain keyword weights in `text`: every occurrence of every keyword
/// counts its weight times `factor`.
pub fn domain_scores(lx: &Lexicon, text: &[char], factor: u32) -> DomainScores {
    domain_scores_in(lx, text, &lx.starts(text), factor)
}

/// [`domain_scores`] with the text's [`Starts`] already found.
fn domain_scores_in(lx: &Lexicon, text: &[char], starts: &Starts, factor: u32) -> DomainScores {
    let mut scores = DomainScores::default();
    lx.domain_keywords.each_in(text, starts, |k, _, _| {
        if let Some((d, w)) = lx.domains.get(k) {
            scores[d.index()] += factor * w;
        }
    });
    scores
}

/// The domain whose keywords weigh most in the goal text plus its
/// headings' scores (computed once per section with
/// `domain_scores(heading, 2)`: headings count double).
pub fn domain(lx: &Lexicon, text: &[char], heading_scores: &DomainScores) -> Domain {
    domain_in(lx, text, &lx.starts(text), heading_scores)
}

/// [`domain`] with the text's [`Starts`] already found.
pub fn domain_in(
    lx: &Lexicon,
    text: &[char],
    starts: &Starts,
    heading_scores: &DomainScores,
) -> Domain {
    let mut scores = domain_scores_in(lx, text, starts, 1);
    for (s, h) in scores.iter_mut().zip(heading_scores) {
        *s += h;
    }
    let best = scores
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)));
    match best {
        Some((i, &s)) if s > 0 => Domain::ALL[i],
        _ => Domain::Other,
    }
}

/// Does the sentence at `start` open with a year before the document's
/// (`2023年,…` in a 2024 plan)?
pub fn opens_with_earlier_year(t: &Text, start: usize, year: Option<i32>) -> bool {
    let Some(year) = year else { return false };
    let cs = &t.chars[start.min(t.len())..];
    let digits: String = cs.iter().take(4).collect();
    cs.len() > 5
        && cs[4] == '年'
        && matches!(cs[5], ',' | ' ')
        && digits.parse::<i32>().is_ok_and(|y| y < year)
}

/// Everything a goal carries besides its place in the tree.
#[allow(clippy::too_many_arguments)]
pub fn make_goal(
    t: &Text,
    id: String,
    section: Option<String>,
    path: Vec<String>,
    label: Option<Span>,
    text: Span,
    mode: GoalMode,
    heading_scores: &DomainScores,
    year: Option<i32>,
) -> Goal {
    // Where the goal's word lists can match, found once for all of them.
    let starts = t.lexicon().starts(t.chars_in(text));
    let mut targets = target::find_targets_with(t, text, mode, &starts);
    // Each number's mode from the words around it, the section's mode
    // where they say nothing; the goal follows its numbers when all agree.
    let cues = mode::Cues::find_with(t, text, mode, year, &starts);
    mode::set_modes(t, &cues, &mut targets);
    let modes: Vec<TargetMode> = targets.iter().map(|x| x.mode).collect();
    let mode = mode::goal_mode_from_targets(mode, &modes);
    // A time named in a result (`上半年完成…`, `2023年5月建成`) says when it
    // happened; only a goal's times are deadlines.
    let mut deadlines = deadline::find_deadlines(t, text, year, GoalMode::Target, &starts);
    deadlines.retain(|d| {
        cues.mode_at(mode::number_start(t, d.span), text.start, true) == TargetMode::Target
    });
    dress_goal(
        t,
        GoalParts {
            id,
            section,
            path,
            label,
            text,
            mode,
        },
        heading_scores,
        &starts,
        targets,
        deadlines,
    )
}

/// A goal's place and text, before it is dressed.
struct GoalParts {
    id: String,
    section: Option<String>,
    path: Vec<String>,
    label: Option<Span>,
    text: Span,
    mode: GoalMode,
}

/// A row of an indicator table as a goal: its targets from the value cells
/// read with the unit and name cells, its deadlines from the time cell.
#[allow(clippy::too_many_arguments)]
pub fn make_row_goal(
    t: &Text,
    id: String,
    section: Option<String>,
    path: Vec<String>,
    row: &super::table::Row,
    mode: GoalMode,
    heading_scores: &DomainScores,
    year: Option<i32>,
) -> Goal {
    let text = row.span;
    let starts = t.lexicon().starts(t.chars_in(text));
    let targets: Vec<_> = row
        .values
        .iter()
        .flat_map(|&(cell, reach)| target::cell_targets(t, cell, row.unit, row.name, reach))
        .collect();
    let modes: Vec<TargetMode> = targets.iter().map(|x| x.mode).collect();
    let mode = mode::goal_mode_from_targets(mode, &modes);
    let deadlines = row.deadline.map_or_else(Vec::new, |d| {
        let cell_starts = t.lexicon().starts(t.chars_in(d));
        deadline::find_deadlines(t, d, year, GoalMode::Target, &cell_starts)
    });
    dress_goal(
        t,
        GoalParts {
            id,
            section,
            path,
            label: None,
            text,
            mode,
        },
        heading_scores,
        &starts,
        targets,
        deadlines,
    )
}

/// Commitments, measurability and domain of a goal whose targets and
/// deadlines are found.
fn dress_goal(
    t: &Text,
    parts: GoalParts,
    heading_scores: &DomainScores,
    starts: &Starts,
    targets: Vec<crate::model::Target>,
    deadlines: Vec<crate::model::Deadline>,
) -> Goal {
    let GoalParts {
        id,
        section,
        path,
        label,
        text,
        mode,
    } = parts;
    let commitments = commitment::find_commitments(t, text, starts);
    // A plan goal is measured by what it sets out to reach, not by the
    // baselines or past results it quotes.
    let measuring: Vec<_> = targets
        .iter()
        .filter(|x| match mode {
            GoalMode::Target => x.mode == TargetMode::Target,
            GoalMode::Achievement => x.mode == TargetMode::Achievement,
            GoalMode::Context => false,
        })
        .collect();
    let (measurability, reason) = if let Some(first) = measuring.first() {
        (Measurability::Quantified, format!("target: {}", first.text))
    } else if let Some(c) = commitments.first() {
        (Measurability::Binary, format!("commitment: {}", c.text))
    } else if let Some(d) = deadlines.first() {
        (
            Measurability::Vague,
            format!("no number or commitment (deadline {} only)", d.text),
        )
    } else {
        (
            Measurability::Vague,
            "no number, no commitment, no deadline".to_string(),
        )
    };
    let body = t.slice(text).to_string();
    let domain = domain_in(t.lexicon(), t.chars_in(text), starts, heading_scores);
    Goal {
        id,
        section,
        path,
        label: label.map(|l| t.slice(l).to_string()),
        title: None,
        text: body,
        span: text,
        mode,
        domain,
        measurability,
        measurability_reason: reason,
        targets,
        deadlines,
        commitments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The enumerator scanner finds exactly what the pattern it replaced
    /// finds, on the corpus and on edge cases.
    #[test]
    fn enumerators_match_the_pattern() {
        let re = regex::Regex::new(
            r"(?:^|[。;,:!?\s])((?:[一二三四五六七八九十]|十[一二三四五六七八九])是|[①-⑳])",
        )
        .unwrap();
        let mut texts = crate::lexicon::corpus_texts_for_tests();
        texts.extend(
            [
                "一是抓党建;二是抓发展。三是",
                "十一是,十是。十十是 九是①②;③\u{3000}④十九是二十是",
                "是一是,一是是二是\n五是",
                "①开头,⑳结尾。㉑不算",
            ]
            .map(String::from),
        );
        let mut found = 0;
        for text in &texts {
            let cs: Vec<char> = text.chars().collect();
            let expected: Vec<(usize, usize)> = re
                .captures_iter(text)
                .filter_map(|c| c.get(1))
                .map(|m| {
                    (
                        text[..m.start()].chars().count(),
                        text[..m.end()].chars().count(),
                    )
                })
                .collect();
            assert_eq!(
                enumerators(&cs),
                expected,
                "{}",
                &text[..text.len().min(90)]
            );
            found += expected.len();
        }
        assert!(found > 20, "{found}");
    }

    fn pieces(s: &str) -> Vec<(Option<String>, String)> {
        let t = Text::new(s, crate::lexicon::for_tests());
        split(&t, Span::new(0, t.len()))
            .into_iter()
            .map(|p| {
                (
                    p.label.map(|l| t.slice(l).to_string()),
                    t.slice(p.text).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn enumerated_clauses() {
        let p = pieces("一是加大力度;二是完成建设。三是启动建设。");
        assert_eq!(p.len(), 3);
        assert_eq!(p[0], (Some("一是".into()), "加大力度;".into()));
        assert_eq!(p[2].0.as_deref(), Some("三是"));
        let p = pieces("结合实际,建设智能化村庄。一是突出法制化。二是突出多元化。");
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].0, None);
        let p = pieces("①2022年实现招商引资24亿元;②计划招商8个亿以上项目;③力促建成投产。");
        assert_eq!(p.len(), 3);
        assert_eq!(p[1], (Some("②".into()), "计划招商8个亿以上项目;".into()));
    }

    #[test]
    fn lone_shi_is_prose() {
        assert_eq!(pieces("关键是落实。").len(), 1);
        assert_eq!(pieces("三是持续开展活动。").len(), 1);
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn domains() {
        assert_eq!(
            domain(
                crate::lexicon::for_tests(),
                &chars("规模以上工业总产值增幅35%"),
                &DomainScores::default()
            ),
            Domain::Economy
        );
        assert_eq!(
            domain(
                crate::lexicon::for_tests(),
                &chars("确保全年不发生重大安全事故"),
                &DomainScores::default()
            ),
            Domain::PublicSafety
        );
        assert_eq!(
            domain(
                crate::lexicon::for_tests(),
                &chars("无关的话"),
                &DomainScores::default()
            ),
            Domain::Other
        );
    }
}
