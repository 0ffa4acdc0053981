//! Pairing gold items with predicted ones: one-to-one by overlapping spans
//! (targets, deadlines), in order by equal keys (sections).

use std::cmp::Reverse;

use super::gold::Quote;
use super::quote::Mention;
use super::quote::{Quoter, by_position};
use crate::model::{Deadline, Span, Target};

/// A predicted item that is matched to gold by its span: what
/// [`match_by_span`] reads from targets and deadlines alike.
pub(super) trait Predicted {
    fn text(&self) -> &str;
    fn span(&self) -> Span;
}

impl Predicted for Target {
    fn text(&self) -> &str {
        &self.text
    }
    fn span(&self) -> Span {
        self.span
    }
}

impl Predicted for Deadline {
    fn text(&self) -> &str {
        &self.text
    }
    fn span(&self) -> Span {
        self.span
    }
}

/// Gold items of one kind matched to predictions by span, with the
/// bookkeeping targets and deadlines share: what counts, what was missed and
/// what was reported in vain. What a matched pair must agree on differs by
/// kind, so it is left to the caller, who walks `pairs`.
pub(super) struct SpanMatch<'g, 'p, G, P> {
    /// Non-optional gold items.
    pub(super) gold: usize,
    /// Optional gold items: neither matching nor missing them counts.
    pub(super) gold_optional: usize,
    /// Optional gold items that took a prediction, which is then neither a
    /// true nor a false positive.
    pub(super) matched_optional: usize,
    /// All predictions.
    pub(super) predicted: usize,
    /// Each matched non-optional gold item (with its span) and its
    /// prediction, in gold order.
    pub(super) pairs: Vec<(Span, &'g G, &'p P)>,
    /// Non-optional gold items no prediction was matched to, in document order.
    pub(super) misses: Vec<Mention>,
    /// Predictions matched to no gold item, in document order.
    pub(super) false_positives: Vec<Mention>,
}

/// Match located gold items to predictions one-to-one by overlapping spans
/// (see [`match_with_optional`]) and sort the outcome into a [`SpanMatch`].
pub(super) fn match_by_span<'g, 'p, G: Quote, P: Predicted>(
    gold: &[(Span, &'g G)],
    predicted: &[&'p P],
    quote: &Quoter,
) -> SpanMatch<'g, 'p, G, P> {
    let gold_spans: Vec<Span> = gold.iter().map(|(s, _)| *s).collect();
    let optional: Vec<bool> = gold.iter().map(|(_, g)| g.optional()).collect();
    let pred_spans: Vec<Span> = predicted.iter().map(|p| p.span()).collect();
    let (gold_match, pred_match) = match_with_optional(&gold_spans, &optional, &pred_spans);
    let mut out = SpanMatch {
        gold: 0,
        gold_optional: 0,
        matched_optional: 0,
        predicted: predicted.len(),
        pairs: Vec::new(),
        misses: Vec::new(),
        false_positives: Vec::new(),
    };
    for (&(span, g), m) in gold.iter().zip(&gold_match) {
        if g.optional() {
            out.gold_optional += 1;
            out.matched_optional += usize::from(m.is_some());
            continue;
        }
        out.gold += 1;
        match m.and_then(|j| predicted.get(j)) {
            Some(&p) => out.pairs.push((span, g, p)),
            None => out.misses.push(quote.mention(g.text(), span)),
        }
    }
    out.false_positives = predicted
        .iter()
        .zip(&pred_match)
        .filter(|(_, m)| m.is_none())
        .map(|(p, _)| quote.mention(p.text(), p.span()))
        .collect();
    by_position(&mut out.misses);
    by_position(&mut out.false_positives);
    out
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Match gold spans to predicted spans: first the non-optional golds (as
/// many as possible), then the optional ones among the predictions left.
/// Returns, for each gold, its prediction, and for each prediction, its gold.
fn match_with_optional(
    gold: &[Span],
    optional: &[bool],
    pred: &[Span],
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut gold_match = vec![None; gold.len()];
    let mut pred_match = vec![None; pred.len()];
    for want_optional in [false, true] {
        let ids: Vec<usize> = (0..gold.len())
            .filter(|&i| optional.get(i).copied().unwrap_or(false) == want_optional)
            .collect();
        let spans: Vec<Span> = ids.iter().map(|&i| gold[i]).collect();
        let free: Vec<bool> = pred_match.iter().map(Option::is_none).collect();
        for (k, m) in match_spans(&spans, pred, &free).into_iter().enumerate() {
            if let Some(j) = m {
                gold_match[ids[k]] = Some(j);
                pred_match[j] = Some(ids[k]);
            }
        }
    }
    (gold_match, pred_match)
}

/// One-to-one matching of gold spans to the `free` predicted spans they
/// overlap, with as many pairs as possible: a greedy pass taking the largest
/// overlaps first, then augmenting paths for the golds it left unmatched.
fn match_spans(gold: &[Span], pred: &[Span], free: &[bool]) -> Vec<Option<usize>> {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); gold.len()];
    let mut candidates = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, p) in pred.iter().enumerate() {
            let ov = overlap(*g, *p);
            if ov > 0 && free.get(j).copied().unwrap_or(false) {
                candidates.push((Reverse(ov), i, j));
            }
        }
    }
    candidates.sort();
    for &(_, i, j) in &candidates {
        adj[i].push(j);
    }
    let mut gold_match: Vec<Option<usize>> = vec![None; gold.len()];
    let mut pred_match: Vec<Option<usize>> = vec![None; pred.len()];
    for &(_, i, j) in &candidates {
        if gold_match[i].is_none() && pred_match[j].is_none() {
            gold_match[i] = Some(j);
            pred_match[j] = Some(i);
        }
    }
    for i in 0..gold.len() {
        if gold_match[i].is_none() && !adj[i].is_empty() {
            let mut seen = vec![false; pred.len()];
            augment(i, &adj, &mut gold_match, &mut pred_match, &mut seen);
        }
    }
    gold_match
}

/// Find an augmenting path from unmatched gold `i` (Kuhn's algorithm).
fn augment(
    i: usize,
    adj: &[Vec<usize>],
    gold_match: &mut [Option<usize>],
    pred_match: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &j in &adj[i] {
        if seen[j] {
            continue;
        }
        seen[j] = true;
        let free = match pred_match[j] {
            None => true,
            Some(k) => augment(k, adj, gold_match, pred_match, seen),
        };
        if free {
            gold_match[i] = Some(j);
            pred_match[j] = Some(i);
            return true;
        }
    }
    false
}

/// Index pairs of a longest common subsequence of two lists.
pub(super) fn lcs_pairs(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // suffix[i][j] = LCS length of a[i..] and b[j..]
    let mut suffix = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            suffix[i][j] = if a[i] == b[j] {
                suffix[i + 1][j + 1] + 1
            } else {
                suffix[i + 1][j].max(suffix[i][j + 1])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] && suffix[i][j] == suffix[i + 1][j + 1] + 1 {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if suffix[i + 1][j] >= suffix[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_finds_the_most_pairs() {
        // Greedy alone pairs g0 with p0 (overlap 5) and leaves g1 alone.
        let gold = [Span::new(0, 6), Span::new(6, 8)];
        let pred = [Span::new(1, 7), Span::new(0, 1)];
        assert_eq!(match_spans(&gold, &pred, &[true, true]), [Some(1), Some(0)]);
        // With one candidate each, the larger overlap wins.
        let gold = [Span::new(0, 4)];
        let pred = [Span::new(0, 1), Span::new(0, 4)];
        assert_eq!(match_spans(&gold, &pred, &[true, true]), [Some(1)]);
        // Predictions not free are not used.
        assert_eq!(match_spans(&gold, &pred, &[true, false]), [Some(0)]);
        // Empty spans overlap nothing.
        assert_eq!(
            match_spans(&[Span::new(2, 2)], &[Span::new(0, 4)], &[true]),
            [None]
        );
    }

    #[test]
    fn optional_gold_does_not_take_a_prediction_a_required_one_needs() {
        let gold = [Span::new(0, 3), Span::new(3, 9)];
        let pred = [Span::new(2, 9)];
        let (g, p) = match_with_optional(&gold, &[false, true], &pred);
        assert_eq!(g, [Some(0), None]);
        assert_eq!(p, [Some(0)]);
    }
}
