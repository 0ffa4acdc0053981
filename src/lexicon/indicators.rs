//! Canonical indicators (`indicators.tsv`): the indicators local plans set
//! most often, each with an id, a Chinese name, its usual kind of unit and its
//! aliases and abbreviations (`规上工业增加值`, `固投`, `社零`, `GDP`). A
//! target's `what` is looked up here by the lexicon only: its folded form
//! equal to a name or alias, or ending with one (the longest first, so
//! `单位地区生产总值能耗` is energy intensity, not GDP). Nothing is guessed.

use std::collections::HashMap;

use crate::chars::Fold;
use crate::model::{IndicatorRef, TargetKind};

/// One canonical indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    /// The kind of unit its targets usually have.
    pub kind: TargetKind,
    pub aliases: Vec<String>,
}

/// The form names are compared in: full-width folded to half-width, quotes
/// and spaces removed, ASCII letters upper-cased (`“四上”企业` → `四上企业`,
/// `ｐｍ２．５` → `PM2.5`).
pub fn normalise(s: &str, fold: &Fold) -> String {
    s.chars()
        .map(|c| fold.fold(c))
        .filter(|c| {
            !matches!(c, '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '\'') && !c.is_whitespace()
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The indicators, parsed once; and every normalised name and alias with
/// the index of its indicator.
pub struct Indicators {
    pub list: Vec<Indicator>,
    fold: Fold,
    /// Growth words that may follow an indicator name in a `what`
    /// (`一般公共预算收入增速`), longest first.
    growth_suffixes: Vec<String>,
    names: HashMap<String, usize>,
    /// The most characters a name has: no longer suffix can be one.
    longest: usize,
}

impl Indicators {
    pub fn new(list: Vec<Indicator>, fold: &Fold, growth_suffixes: Vec<String>) -> Self {
        let mut names = HashMap::new();
        for (i, ind) in list.iter().enumerate() {
            for n in std::iter::once(&ind.name).chain(&ind.aliases) {
                names.entry(normalise(n, fold)).or_insert(i);
            }
        }
        let longest = names.keys().map(|n| n.chars().count()).max().unwrap_or(0);
        Indicators {
            list,
            fold: fold.clone(),
            growth_suffixes,
            names,
            longest,
        }
    }

    /// The indicator a `what` phrase names, if any.
    pub fn lookup(&self, what: &str) -> Option<&Indicator> {
        let w = normalise(what, &self.fold);
        if w.is_empty() {
            return None;
        }
        if let Some(&i) = self.names.get(&w) {
            return self.list.get(i);
        }
        let stem = self
            .growth_suffixes
            .iter()
            .find_map(|s| w.strip_suffix(s.as_str()))
            .unwrap_or(&w);
        // The longest name the stem ends with: its suffixes, longest first,
        // each looked up, rather than every name compared with the stem.
        let n = stem.chars().count();
        stem.char_indices()
            .skip(n.saturating_sub(self.longest))
            .map(|(b, _)| b)
            .chain(std::iter::once(stem.len()))
            .find_map(|b| self.names.get(&stem[b..]))
            .and_then(|&i| self.list.get(i))
    }

    /// The reference a target carries.
    pub fn reference(&self, what: &str) -> Option<IndicatorRef> {
        self.lookup(what).map(|i| IndicatorRef {
            id: i.id.clone(),
            name: i.name.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<Indicator> {
        crate::lexicon::for_tests().indicators().list.clone()
    }

    fn normalise(s: &str) -> String {
        super::normalise(s, crate::lexicon::for_tests().fold())
    }

    #[test]
    fn the_table_parses_with_sixty_indicators_or_more() {
        let l = list();
        assert!(l.len() >= 60, "{}", l.len());
        let mut ids: Vec<&str> = l.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids");
    }

    #[test]
    fn no_name_or_alias_belongs_to_two_indicators() {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut clashes = Vec::new();
        for ind in list() {
            for n in std::iter::once(&ind.name).chain(&ind.aliases) {
                if let Some(other) = seen.insert(normalise(n), ind.id.clone())
                    && other != ind.id
                {
                    clashes.push(format!("{n}: {other} and {}", ind.id));
                }
            }
        }
        assert!(clashes.is_empty(), "{}", clashes.join("\n"));
    }

    /// Every alias, written into a plan sentence, is found by extraction and
    /// resolves to its own indicator.
    #[test]
    fn every_alias_is_found_in_a_sentence() {
        let mut failed = Vec::new();
        for ind in list() {
            for n in std::iter::once(&ind.name).chain(&ind.aliases) {
                let sentence = format!("全年{n}达到95%以上。");
                let lx = crate::lexicon::for_tests();
                let t = crate::text::Text::new(&sentence, lx);
                let ts = crate::quantity::target::find_targets(
                    &t,
                    crate::model::Span::new(0, t.len()),
                    crate::model::GoalMode::Target,
                );
                let got = ts
                    .first()
                    .and_then(|t| t.indicator.as_ref())
                    .map(|r| r.id.as_str());
                if got != Some(ind.id.as_str()) {
                    failed.push(format!("{sentence}: {got:?}, expected {}", ind.id));
                }
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn lookup_is_by_name_alias_or_ending_never_fuzzy() {
        let i = crate::lexicon::for_tests().indicators();
        let id = |w: &str| i.lookup(w).map(|x| x.id.as_str());
        assert_eq!(id("规上工业增加值"), Some("industrial_value_added"));
        assert_eq!(id("固投"), Some("fixed_asset_investment"));
        assert_eq!(id("社零"), Some("retail_sales"));
        assert_eq!(id("ＧＤＰ"), Some("gdp"));
        assert_eq!(id("全镇地区生产总值"), Some("gdp"));
        assert_eq!(id("单位地区生产总值能耗"), Some("energy_intensity"));
        assert_eq!(id("一般公共预算收入增速"), Some("general_budget_revenue"));
        assert_eq!(id("“四上”企业"), Some("four_above_enterprises"));
        // Containing a name elsewhere than at the end is not naming it.
        assert_eq!(id("税收超千万元楼宇"), None);
        assert_eq!(id("莲藕专业村"), None);
        assert_eq!(id(""), None);
    }
}
