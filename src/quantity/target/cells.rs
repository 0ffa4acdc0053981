//! Indicator tables: rows flattened with `|` and the value cells of
//! table-shaped goals.

use super::*;

/// A table row flattened with `|` (`粮食总产量|万吨|24.1|24.5|种植业股`):
/// a cell that is only a unit gives its unit to the cells of bare numbers
/// after it, which the grammar alone cannot read.
pub(super) fn table_cells(lx: &Lexicon, cs: &[char], lo: usize, hi: usize) -> Vec<Found> {
    let Some(cells) = row_cells(cs, lo, hi) else {
        return Vec::new();
    };
    let mut unit: Option<(&UnitWord, f64)> = None;
    let mut out = Vec::new();
    for &(a, b) in &cells {
        if let Some(u) = unit_cell(lx, cs, a, b) {
            unit = Some(u);
            continue;
        }
        let Some((u, mult)) = unit else { continue };
        if let Some(n) = numeral::numeral_at(&cs[..b], a).filter(|n| n.end == b && !n.chinese) {
            out.push(plain(
                Rule::TableCell,
                a,
                b,
                n.value * mult,
                u.canonical.clone(),
                u.kind,
            ));
        }
    }
    out
}

/// A cell `[a, b)` that is only a unit, with a multiplier before it or not
/// (`万吨`, `亿元`, `%`): the unit and what one of it is in its canonical unit.
pub(super) fn unit_cell<'l>(
    lx: &'l Lexicon,
    cs: &[char],
    a: usize,
    b: usize,
) -> Option<(&'l UnitWord, f64)> {
    if a >= b {
        return None;
    }
    let (mult, k) = match cs[a] {
        '万' => (1e4, a + 1),
        '亿' => (1e8, a + 1),
        _ => (1.0, a),
    };
    lx.unit_at(&cs[..b], k)
        .filter(|u| k + u.surface.len() == b && !u.qualifier)
        .map(|u| (u, mult * u.multiplier))
}

/// The targets of a value cell of an indicator table: what the grammar
/// finds in the cell (`12.5亿元`, `新增3家`), else the cell's bare number
/// (`12.5`, `≥95`, `300以上`) in the unit of the unit cell. A target
/// without a phrase of its own measures what the name cell names; a level
/// takes the change a name opens or ends with (`新增市场主体`,
/// `工业增加值增速`, not the `增加` inside `增加值`); `reach` says whether the
/// column holds values to reach or values reached.
pub fn cell_targets(
    t: &Text,
    cell: Span,
    unit: Option<Span>,
    name: Option<Span>,
    reach: bool,
) -> Vec<Target> {
    let lx = t.lexicon();
    let cs = &t.chars;
    let (a, b) = (cell.start.min(cs.len()), cell.end.min(cs.len()));
    if a >= b {
        return Vec::new();
    }
    let mut targets = find_targets(t, Span::new(a, b), GoalMode::Target);
    if targets.is_empty()
        && let Some((u, mult)) =
            unit.and_then(|u| unit_cell(lx, cs, u.start.min(cs.len()), u.end.min(cs.len())))
        && let Some(f) = bare_number(lx, cs, a, b)
    {
        let f = Found {
            value: f.value * mult,
            value_max: f.value_max.map(|m| m * mult),
            unit: u.canonical.clone(),
            kind: u.kind,
            ..f
        };
        if !f.value.is_finite() || f.value_max.is_some_and(|m| !m.is_finite()) {
            return Vec::new();
        }
        let row = table_row_name(t.lexicon(), &t.chars, a, b);
        targets.push(f.into_target(t, a, b, GoalMode::Target, row));
    }
    let name_cs = name.map(|n| t.chars_in(n));
    for x in &mut targets {
        x.mode = if reach {
            TargetMode::Target
        } else {
            TargetMode::Achievement
        };
        if x.what.is_none()
            && let Some(n) = name
        {
            let what = t.slice(n).to_string();
            x.indicator = indicator_of(t, Some(n), None);
            // The name of an indicator, not a counted thing, as for the row
            // names of `|` tables the grammar reads.
            x.what = Some(what.clone());
            x.what_span = Some(n);
            x.metric = Some(what);
        }
        if x.change == Change::Level
            && let Some(n) = name_cs
            && let Some(w) = lx.changes.iter().find(|w| {
                (!w.adjacent_only && starts_with_word(n, &w.word)) || ends_with_word(n, &w.word)
            })
        {
            x.change = w.change;
        }
    }
    targets
}

/// A cell that is only a number, a range or a bound of one (`12.5`, `3-5`,
/// `≥95`, `不低于90`, `300以上`), its value without a unit.
pub(super) fn bare_number(lx: &Lexicon, cs: &[char], a: usize, b: usize) -> Option<Found> {
    let mut comparator = Comparator::Eq;
    let mut k = a;
    if let Some(w) = lx
        .comparators
        .iter()
        .filter(|w| w.before)
        .find(|w| starts_with_word(&cs[a..b], &w.word))
    {
        comparator = w.comparator;
        k += w.word.len();
    }
    while k < b && crate::text::is_space(cs[k]) {
        k += 1;
    }
    let n = numeral::numeral_at(&cs[..b], k).filter(|n| !n.chinese)?;
    let mut f = plain(Rule::BareCell, a, n.end, n.value, "", TargetKind::Count);
    f.num_start = k;
    f.comparator = comparator;
    let mut end = n.end;
    if end < b
        && is_range_sep(cs[end])
        && let Some(m) = numeral::numeral_at(&cs[..b], end + 1).filter(|m| !m.chinese)
    {
        f.value_max = Some(m.value);
        f.comparator = Comparator::Range;
        end = m.end;
    }
    if end < b
        && let Some(w) = lx
            .comparators
            .iter()
            .filter(|w| !w.before)
            .find(|w| starts_with_word(&cs[end..b], &w.word))
    {
        if f.comparator == Comparator::Eq {
            f.comparator = w.comparator;
        }
        end += w.word.len();
    }
    f.end = end;
    (end == b).then_some(f)
}

/// The row name of a `|` table row (`１|粮食总产量|万吨|２４．１|…` →
/// `粮食总产量`): its first cell of two or more characters without digits.
pub(super) fn table_row_name(lx: &Lexicon, cs: &[char], lo: usize, hi: usize) -> Option<Span> {
    row_cells(cs, lo, hi)?.into_iter().find_map(|(a, b)| {
        let cell = &cs[a..b];
        let is_unit = lx
            .unit_at(cell, 0)
            .is_some_and(|u| u.surface.len() == cell.len());
        (cell.len() >= 2
            && !is_unit
            && cell
                .iter()
                .all(|&c| is_han(c) || matches!(c, '“' | '”' | '(' | ')'))
            && cell.iter().any(|&c| !is_numeral_char(c)))
        .then_some(Span::new(a, b))
    })
}

/// The cells of a `|` table row in `[lo, hi)`, trimmed, empty ones left
/// out; `None` when the text is not such a row (fewer than two bars, or a
/// sentence).
pub(super) fn row_cells(cs: &[char], lo: usize, hi: usize) -> Option<Vec<(usize, usize)>> {
    let row = &cs[lo..hi];
    if row.iter().filter(|&&c| c == '|').count() < 2 || row.contains(&'。') {
        return None;
    }
    let mut cells = Vec::new();
    let mut start = lo;
    for j in lo..=hi {
        if j == hi || cs[j] == '|' {
            let (mut a, mut b) = (start, j);
            while a < b && crate::text::is_space(cs[a]) {
                a += 1;
            }
            while b > a && crate::text::is_space(cs[b - 1]) {
                b -= 1;
            }
            if a < b {
                cells.push((a, b));
            }
            start = j + 1;
        }
    }
    Some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rule `bare_cell`: a value cell that is only a number takes the unit
    /// of its row's unit cell and the name of its name cell.
    #[test]
    fn bare_cell() {
        let t = Text::new("地区生产总值|亿元|≥48.5", crate::lexicon::for_tests());
        let ts = cell_targets(
            &t,
            Span::new(10, 15),
            Some(Span::new(7, 9)),
            Some(Span::new(0, 6)),
            true,
        );
        assert_eq!(ts.len(), 1);
        assert_eq!((ts[0].value, ts[0].unit.as_str()), (4.85e9, "元"));
        assert_eq!(ts[0].comparator, Comparator::Gte);
        assert_eq!(ts[0].metric.as_deref(), Some("地区生产总值"));
        let f = bare_number(t.lexicon(), &t.chars, 10, 15).expect("a bare number");
        assert_eq!(f.rule, Rule::BareCell);
    }
}
