//! Canonical indicators (`indicators.tsv`): the indicators local plans set
//! most often, each with an id, a Chinese name, its usual kind of unit and its
//! aliases and abbreviations (`规上工业增加值`, `固投`, `社零`, `GDP`). A
//! target's `what` is looked up here by the lexicon only: its folded form
//! equal to a name or alias, or ending with one (the longest first, so
//! `单位地区生产总值能耗` is energy intensity, not GDP). Nothing is guessed.

use std::collections::HashMap;
use std::sync::LazyLock;

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

/// Growth words that may follow an indicator name in a `what`
/// (`一般公共预算收入增速`).
const GROWTH_SUFFIXES: &[&str] = &["增速", "增幅", "增长率", "总量", "总额"];

/// Parse an indicator table; an error names the file and the line.
pub fn parse_indicators(file: &str, data: &str) -> Result<Vec<Indicator>, String> {
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{file}:{}", n + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, name, kind, rest @ ..] = &cols[..] else {
            return Err(format!("{}: expected id, name, kind and aliases", at()));
        };
        if id.is_empty() || name.is_empty() {
            return Err(format!("{}: empty id or name", at()));
        }
        let kind: TargetKind = serde_json::from_value(serde_json::Value::String(kind.to_string()))
            .map_err(|_| format!("{}: unknown kind {kind:?}", at()))?;
        let aliases = rest
            .first()
            .map(|a| {
                a.split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        out.push(Indicator {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            aliases,
        });
    }
    Ok(out)
}

/// The form names are compared in: full-width folded to half-width, quotes
/// and spaces removed, ASCII letters upper-cased (`“四上”企业` → `四上企业`,
/// `ｐｍ２．５` → `PM2.5`).
pub fn normalise(s: &str) -> String {
    let t = crate::text::Text::new(s);
    t.folded(crate::model::Span::new(0, t.len()))
        .chars()
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
    names: HashMap<String, usize>,
    /// Names and aliases, longest first.
    by_length: Vec<(String, usize)>,
}

impl Indicators {
    pub fn new(list: Vec<Indicator>) -> Self {
        let mut names = HashMap::new();
        for (i, ind) in list.iter().enumerate() {
            for n in std::iter::once(&ind.name).chain(&ind.aliases) {
                names.entry(normalise(n)).or_insert(i);
            }
        }
        let mut by_length: Vec<(String, usize)> =
            names.iter().map(|(k, &v)| (k.clone(), v)).collect();
        by_length.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then_with(|| a.0.cmp(&b.0))
        });
        Indicators {
            list,
            names,
            by_length,
        }
    }

    /// The indicator a `what` phrase names, if any.
    pub fn lookup(&self, what: &str) -> Option<&Indicator> {
        let w = normalise(what);
        if w.is_empty() {
            return None;
        }
        if let Some(&i) = self.names.get(&w) {
            return self.list.get(i);
        }
        let stem = GROWTH_SUFFIXES
            .iter()
            .find_map(|s| w.strip_suffix(s))
            .unwrap_or(&w);
        self.by_length
            .iter()
            .find(|(n, _)| stem.ends_with(n.as_str()))
            .and_then(|&(_, i)| self.list.get(i))
    }

    /// The reference a target carries.
    pub fn reference(&self, what: &str) -> Option<IndicatorRef> {
        self.lookup(what).map(|i| IndicatorRef {
            id: i.id.clone(),
            name: i.name.clone(),
        })
    }
}

/// `indicators.tsv`, parsed once. A table that does not parse (which a test
/// rules out) gives no indicators rather than a panic.
pub static INDICATORS: LazyLock<Indicators> = LazyLock::new(|| {
    Indicators::new(
        parse_indicators("src/lexicon/indicators.tsv", include_str!("indicators.tsv"))
            .unwrap_or_default(),
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = include_str!("indicators.tsv");

    fn list() -> Vec<Indicator> {
        parse_indicators("indicators.tsv", DATA).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_table_parses_with_sixty_indicators_or_more() {
        let l = list();
        assert!(l.len() >= 60, "{}", l.len());
        assert_eq!(INDICATORS.list.len(), l.len());
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
                let t = crate::text::Text::new(&sentence);
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
        let i = &*INDICATORS;
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

    #[test]
    fn a_bad_line_is_an_error_naming_file_and_line() {
        let err = parse_indicators("x.tsv", "# c\na\t甲\tcount\t\nb\t乙\tcounts\t\n")
            .expect_err("unknown kind");
        assert!(err.contains("x.tsv:3"), "{err}");
        assert!(err.contains("counts"), "{err}");
        let err = parse_indicators("x.tsv", "a\t甲\n").expect_err("short line");
        assert!(err.contains("x.tsv:1"), "{err}");
    }
}
