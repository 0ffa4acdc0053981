//! The promises every extracted document keeps, checked against its
//! decoded text: the property tests, the hostile-input tests and the fuzz
//! target all hold the pipeline to this one list, and a user can run it on
//! output they doubt.

use crate::model::{Document, Span};

/// Check `doc` against `text`, the decoded text it was extracted from.
/// Returns every broken promise, an empty list when all hold:
///
/// - `chars` is the length of the text in characters;
/// - every span lies inside the text and its characters are exactly the
///   text reported with it (title, preamble, furniture, unit headings,
///   section headings, field values, goals, targets, deadlines,
///   commitments); unit and section spans lie inside the text;
/// - a section's span holds its heading; a goal's span holds its targets,
///   deadlines and commitments;
/// - a target's value is finite, and a range's `value` is at most its
///   `value_max`;
/// - `encoding_errors` is no more than the replacement characters in the
///   text plus one dropped final character.
pub fn check_document(doc: &Document, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    // Byte offset of each character, plus the end: slicing by character
    // offsets in constant time, so checking stays linear in the text.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let chars = offsets.len() - 1;
    if doc.chars != chars {
        problems.push(format!(
            "chars is {} but the text has {chars} characters",
            doc.chars
        ));
    }
    let mut exact = |what: &str, span: Span, reported: &str| {
        if span.start > span.end || span.end > chars {
            problems.push(format!("{what} span {span:?} is outside 0..{chars}"));
        } else if &text[offsets[span.start]..offsets[span.end]] != reported {
            problems.push(format!(
                "{what} at {span:?} reports {reported:?}, the text there is {:?}",
                &text[offsets[span.start]..offsets[span.end]]
            ));
        }
    };
    if let Some(t) = &doc.title {
        exact("title", t.span, &t.text);
    }
    if let Some(p) = &doc.preamble {
        exact("preamble", p.span, &p.text);
    }
    for f in &doc.furniture {
        exact("furniture", f.span, &f.text);
    }
    for u in &doc.units {
        if let Some(h) = &u.heading {
            exact("unit heading", h.span, &h.text);
        }
        for s in &u.sections {
            exact("section heading", s.heading_span, &s.heading);
            for f in &s.fields {
                exact("field value", f.value_span, &f.value);
            }
        }
        for g in &u.goals {
            exact("goal", g.span, &g.text);
            for t in &g.targets {
                exact("target", t.span, &t.text);
            }
            for d in &g.deadlines {
                exact("deadline", d.span, &d.text);
            }
            for c in &g.commitments {
                exact("commitment", c.span, &c.text);
            }
        }
    }
    let inside = |span: Span| span.start <= span.end && span.end <= chars;
    for u in &doc.units {
        if !inside(u.span) {
            problems.push(format!("unit span {:?} is outside 0..{chars}", u.span));
        }
        for s in &u.sections {
            if !inside(s.span) {
                problems.push(format!("section span {:?} is outside 0..{chars}", s.span));
            }
            for f in &s.fields {
                if !inside(f.span) || !f.span.contains(&f.value_span) {
                    problems.push(format!(
                        "field line {:?} does not hold its value {:?}",
                        f.span, f.value_span
                    ));
                }
            }
            if !s.span.contains(&s.heading_span) {
                problems.push(format!(
                    "section {} span {:?} does not hold its heading {:?}",
                    s.id, s.span, s.heading_span
                ));
            }
        }
        for g in &u.goals {
            let parts = g
                .targets
                .iter()
                .map(|t| (t.span, "target"))
                .chain(g.deadlines.iter().map(|d| (d.span, "deadline")))
                .chain(g.commitments.iter().map(|c| (c.span, "commitment")));
            for (span, what) in parts {
                if !g.span.contains(&span) {
                    problems.push(format!(
                        "goal {} span {:?} does not hold its {what} at {span:?}",
                        g.id, g.span
                    ));
                }
            }
            for t in &g.targets {
                if !t.value.is_finite() || t.value_max.is_some_and(|m| !m.is_finite()) {
                    problems.push(format!(
                        "target {:?} has a value that is not finite",
                        t.text
                    ));
                }
                if let Some(max) = t.value_max
                    && t.value > max
                {
                    problems.push(format!(
                        "target {:?}: value {} is over value_max {max}",
                        t.text, t.value
                    ));
                }
            }
        }
    }
    let replaced = text.matches('\u{fffd}').count();
    if doc.encoding_errors > replaced + 1 {
        problems.push(format!(
            "encoding_errors is {} but the text holds only {replaced} replacement characters",
            doc.encoding_errors
        ));
    }
    problems
}
