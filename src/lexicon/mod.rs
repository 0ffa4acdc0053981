//! Every word list the rules use, in one place, as data.
//!
//! The lists live in the `.tsv` / `.txt` files beside this module (each file
//! says where its entries come from) and are parsed once, on first use, into
//! read-only tables shared by all threads.

pub mod check;
pub mod indicators;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Change, CommitmentKind, Comparator, Domain, SectionRole, TargetKind};
use crate::text::{CharSet, ends_with_word, starts_with_word};

/// Rows of a tab-separated table, comments and blank lines skipped.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// A column, or "" when the row is short.
fn col<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

/// The folding table, sorted by source character for binary search: every
/// character of every document goes through it, and a search in a small
/// sorted table is cheaper than hashing.
static FOLD: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let mut v: Vec<(char, char)> = rows(include_str!("fold.tsv"))
        .filter_map(|r| {
            let a = col(&r, 0).chars().next()?;
            let b = col(&r, 1).chars().next()?;
            Some((a, b))
        })
        .collect();
    v.sort_unstable();
    v.dedup_by_key(|p| p.0);
    v
});

/// Which characters of the Basic Multilingual Plane have an entry in
/// [`FOLD`], one bit each: nearly every character of a document has none,
/// and this answers that with one load.
static FOLD_BITS: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(&bmp_only(FOLD.iter().map(|p| p.0))));

/// The characters of the Basic Multilingual Plane among `chars` (the
/// characters a [`CharSet`] can hold).
fn bmp_only(chars: impl Iterator<Item = char>) -> Vec<char> {
    chars.filter(|&c| (c as u32) < 0x10000).collect()
}

/// Fold one character for matching: full-width ASCII to ASCII, the
/// ideographic space to a space, and the table in `fold.tsv`.
pub fn fold_char(c: char) -> char {
    Folder::get().fold(c)
}

/// The fold table, borrowed once: [`Text::new`](crate::text::Text::new)
/// folds every character of every document, and going through the lazy
/// statics for each one was a measurable share of that.
#[derive(Clone, Copy)]
pub struct Folder {
    bits: &'static CharSet,
    table: &'static [(char, char)],
}

impl Folder {
    pub fn get() -> Folder {
        Folder {
            bits: &FOLD_BITS,
            table: &FOLD,
        }
    }

    #[inline]
    pub fn fold(self, c: char) -> char {
        let u = c as usize;
        if u < 0x80 {
            return c;
        }
        match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ if u < 0x10000 && !self.bits.contains(c) => c,
            _ => self
                .table
                .binary_search_by_key(&c, |p| p.0)
                .map_or(c, |i| self.table[i].1),
        }
    }
}

/// A unit of measure or a measure word.
#[derive(Debug, Clone)]
pub struct UnitWord {
    pub surface: Vec<char>,
    pub canonical: &'static str,
    pub kind: TargetKind,
    pub multiplier: f64,
    /// Only after Arabic digits (`二期` is a phase, `40期` a count).
    pub arabic_only: bool,
    /// `名` that reads as a rank after `第`/`前`.
    pub rank: bool,
    /// Describes a population, never a target (`60岁以上`).
    pub qualifier: bool,
}

fn kind_of(s: &str) -> TargetKind {
    match s {
        "count" => TargetKind::Count,
        "percent" => TargetKind::Percent,
        "money" => TargetKind::Money,
        "area" => TargetKind::Area,
        "length" => TargetKind::Length,
        "volume" => TargetKind::Volume,
        "weight" => TargetKind::Weight,
        "duration" => TargetKind::Duration,
        "rank" => TargetKind::Rank,
        "ratio" => TargetKind::Ratio,
        _ => TargetKind::Other,
    }
}

/// Units sorted longest first, so the first match is the longest.
pub static UNITS: LazyLock<Vec<UnitWord>> = LazyLock::new(|| {
    let mut v: Vec<UnitWord> = rows(include_str!("units.tsv"))
        .map(|r| {
            let flags = col(&r, 4);
            UnitWord {
                surface: col(&r, 0).chars().collect(),
                canonical: col(&r, 1),
                kind: kind_of(col(&r, 2)),
                multiplier: col(&r, 3).parse().unwrap_or(1.0),
                arabic_only: flags.contains("arabic"),
                rank: flags.contains("rank"),
                qualifier: flags.contains("qualifier"),
            }
        })
        .collect();
    v.sort_by_key(|u| std::cmp::Reverse(u.surface.len()));
    v
});

/// The longest unit word starting at `chars[i]`.
pub fn unit_at(chars: &[char], i: usize) -> Option<&'static UnitWord> {
    UNITS
        .iter()
        .find(|u| starts_with_word(&chars[i.min(chars.len())..], &u.surface))
}

fn longest_first(
    mut v: Vec<(Vec<char>, &'static str, &'static str)>,
) -> Vec<(Vec<char>, &'static str, &'static str)> {
    v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    v
}

fn comparator_of(s: &str) -> Comparator {
    match s {
        "gte" => Comparator::Gte,
        "gt" => Comparator::Gt,
        "lte" => Comparator::Lte,
        "lt" => Comparator::Lt,
        "approx" => Comparator::Approx,
        "range" => Comparator::Range,
        _ => Comparator::Eq,
    }
}

/// A comparator word and which side of the number it is written on.
#[derive(Debug, Clone)]
pub struct ComparatorWord {
    pub word: Vec<char>,
    pub before: bool,
    pub comparator: Comparator,
}

pub static COMPARATORS: LazyLock<Vec<ComparatorWord>> = LazyLock::new(|| {
    longest_first(
        rows(include_str!("comparators.tsv"))
            .map(|r| (col(&r, 0).chars().collect(), col(&r, 1), col(&r, 2)))
            .collect(),
    )
    .into_iter()
    .map(|(w, side, c)| ComparatorWord {
        word: w,
        before: side == "before",
        comparator: comparator_of(c),
    })
    .collect()
});

#[derive(Debug, Clone)]
pub struct ChangeWord {
    pub word: Vec<char>,
    pub change: Change,
    pub adjacent_only: bool,
}

pub static CHANGES: LazyLock<Vec<ChangeWord>> = LazyLock::new(|| {
    longest_first(
        rows(include_str!("changes.tsv"))
            .map(|r| (col(&r, 0).chars().collect(), col(&r, 1), col(&r, 2)))
            .collect(),
    )
    .into_iter()
    .map(|(w, c, adj)| ChangeWord {
        word: w,
        change: match c {
            "increase" => Change::Increase,
            "decrease" => Change::Decrease,
            _ => Change::Level,
        },
        adjacent_only: adj == "yes",
    })
    .collect()
});

/// Fixed numbered expressions that measure nothing.
pub static SLOGANS: LazyLock<Keywords> = LazyLock::new(|| {
    Keywords::new(
        rows(include_str!("slogans.txt"))
            .map(|r| col(&r, 0))
            .collect(),
    )
});

/// Context words that make a bare 万/亿 money.
pub static MONEY_CONTEXT: LazyLock<Keywords> = LazyLock::new(|| {
    Keywords::new(
        rows(include_str!("money_context.txt"))
            .map(|r| col(&r, 0))
            .collect(),
    )
});

/// Section-role keywords in priority order.
pub static SECTION_ROLES: LazyLock<Vec<(&'static str, SectionRole)>> = LazyLock::new(|| {
    rows(include_str!("section_roles.tsv"))
        .map(|r| {
            let role = match col(&r, 1) {
                "summary" => SectionRole::Summary,
                "plan" => SectionRole::Plan,
                "assessment" => SectionRole::Assessment,
                "benchmark" => SectionRole::Benchmark,
                "feature" => SectionRole::Feature,
                "problems" => SectionRole::Problems,
                "measures" => SectionRole::Measures,
                _ => SectionRole::Other,
            };
            (col(&r, 0), role)
        })
        .collect()
});

/// The role a heading's words give its section.
pub fn section_role(heading: &str) -> SectionRole {
    SECTION_ROLE_KEYWORDS
        .first_listed(&heading.chars().collect::<Vec<char>>())
        .and_then(|i| SECTION_ROLES.get(i))
        .map(|(_, r)| *r)
        .unwrap_or(SectionRole::Other)
}

/// The keys of [`SECTION_ROLES`], in the same order.
static SECTION_ROLE_KEYWORDS: LazyLock<Keywords> =
    LazyLock::new(|| Keywords::new(SECTION_ROLES.iter().map(|(k, _)| *k).collect()));

pub static DOMAINS: LazyLock<Vec<(&'static str, Domain, u32)>> = LazyLock::new(|| {
    rows(include_str!("domains.tsv"))
        .filter_map(|r| {
            let d = Domain::ALL
                .iter()
                .copied()
                .find(|d| d.as_str() == col(&r, 1))?;
            Some((col(&r, 0), d, col(&r, 2).parse().unwrap_or(1)))
        })
        .collect()
});

/// The keywords of [`DOMAINS`], in the same order.
pub static DOMAIN_KEYWORDS: LazyLock<Keywords> =
    LazyLock::new(|| Keywords::new(DOMAINS.iter().map(|(kw, _, _)| *kw).collect()));

/// Unit-name endings with the allowed length of the part before them.
pub static UNIT_NAME_SUFFIXES: LazyLock<Vec<(Vec<char>, usize, usize)>> = LazyLock::new(|| {
    let mut v: Vec<_> = rows(include_str!("unit_names.tsv"))
        .map(|r| {
            (
                col(&r, 0).chars().collect::<Vec<char>>(),
                col(&r, 1).parse().unwrap_or(2),
                col(&r, 2).parse().unwrap_or(6),
            )
        })
        .collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    v
});

/// The first characters of [`UNIT_NAME_SUFFIXES`]: where a name can end.
pub static UNIT_NAME_SUFFIX_STARTS: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::new(&bmp_only(
        UNIT_NAME_SUFFIXES
            .iter()
            .filter_map(|(suf, _, _)| suf.first().copied()),
    ))
});

/// What a column of an indicator table holds, from its header label
/// (`table_columns.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableColumn {
    Serial,
    /// What the row is about.
    Name,
    /// The unit of measure of the value cells.
    Unit,
    /// A value to reach.
    Target,
    /// A value reached (the past year's figure beside the target).
    Actual,
    Deadline,
    Owner,
    Score,
    Note,
}

/// The header labels of indicator tables with their columns, in file order.
pub static TABLE_COLUMNS: LazyLock<Vec<(Vec<char>, TableColumn)>> = LazyLock::new(|| {
    rows(include_str!("table_columns.tsv"))
        .filter_map(|r| {
            let column = match col(&r, 1) {
                "serial" => TableColumn::Serial,
                "name" => TableColumn::Name,
                "unit" => TableColumn::Unit,
                "target" => TableColumn::Target,
                "actual" => TableColumn::Actual,
                "deadline" => TableColumn::Deadline,
                "owner" => TableColumn::Owner,
                "score" => TableColumn::Score,
                "note" => TableColumn::Note,
                _ => return None,
            };
            Some((col(&r, 0).chars().collect(), column))
        })
        .collect()
});

/// The column a header cell (folded) names: that of the longest label it
/// contains, the first listed on equal length.
pub fn table_column(cell: &[char]) -> Option<TableColumn> {
    let mut best: Option<(usize, TableColumn)> = None;
    for (label, column) in TABLE_COLUMNS.iter() {
        let longer = best.is_none_or(|(n, _)| label.len() > n);
        if longer && !label.is_empty() && cell.windows(label.len()).any(|w| w == label.as_slice()) {
            best = Some((label.len(), *column));
        }
    }
    best.map(|(_, c)| c)
}

/// Is this field key a descriptor (`对标对象`) rather than content (`赶超标准`)?
/// `None` when the key is not in the list.
pub fn field_is_descriptor(key: &str) -> Option<bool> {
    static KEYS: LazyLock<HashMap<&'static str, bool>> = LazyLock::new(|| {
        rows(include_str!("field_keys.tsv"))
            .map(|r| (col(&r, 0), col(&r, 1) == "descriptor"))
            .collect()
    });
    KEYS.get(key).copied()
}

pub static COMMITMENTS: LazyLock<Patterns<CommitmentKind>> = LazyLock::new(|| {
    Patterns::new(
        rows(include_str!("commitments.tsv"))
            .filter_map(|r| {
                let re = Regex::new(col(&r, 0)).ok()?;
                let kind = match col(&r, 1) {
                    "no_incident" => CommitmentKind::NoIncident,
                    "zero" => CommitmentKind::Zero,
                    "full_coverage" => CommitmentKind::FullCoverage,
                    _ => CommitmentKind::Completion,
                };
                let needs = col(&r, 2).split('|').filter(|w| !w.is_empty()).collect();
                Some((re, kind, needs))
            })
            .collect(),
    )
});

/// A list of keywords found all at once in one pass over the characters,
/// instead of one substring search per keyword (which, for the domain
/// keywords, was the most expensive step of the pipeline). Keywords are
/// indexed by their first character, with a bitmap saying which characters
/// start any keyword: most characters of a text start none, and are passed
/// over with one load.
#[derive(Debug)]
pub struct Keywords {
    words: Vec<Vec<char>>,
    /// One bit per character of the Basic Multilingual Plane: does any
    /// keyword start with it?
    first_bits: Vec<u64>,
    /// For each word of `first_bits`, how many bits are set in the words
    /// before it: with a popcount this turns a set bit straight into its
    /// entry of `by_first`, with no search.
    rank: Vec<u32>,
    /// Keyword indices by first character, sorted by that character.
    by_first: Vec<(char, Vec<usize>)>,
}

impl Keywords {
    pub fn new(words: Vec<&'static str>) -> Self {
        let words: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
        let mut first_bits = vec![0u64; 0x10000 / 64];
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (k, w) in words.iter().enumerate() {
            let Some(&c) = w.first() else { continue };
            let u = c as usize;
            if u < 0x10000 {
                first_bits[u / 64] |= 1 << (u % 64);
            }
            match by_first.iter_mut().find(|e| e.0 == c) {
                Some(e) => e.1.push(k),
                None => by_first.push((c, vec![k])),
            }
        }
        by_first.sort_by_key(|e| e.0);
        let mut rank = Vec::with_capacity(first_bits.len());
        let mut before = 0u32;
        for w in &first_bits {
            rank.push(before);
            before += w.count_ones();
        }
        Keywords {
            words,
            first_bits,
            rank,
            by_first,
        }
    }

    /// The keywords that start with `c`.
    #[inline]
    fn starting_with(&self, c: char) -> &[usize] {
        let u = c as usize;
        if u < 0x10000 {
            let (w, b) = (u / 64, u % 64);
            let bits = self.first_bits[w];
            if bits & (1 << b) == 0 {
                return &[];
            }
            // Characters of the BMP are sorted before all others in
            // `by_first`, so the rank of the bit is the entry's index.
            let i = self.rank[w] as usize + (bits & ((1u64 << b) - 1)).count_ones() as usize;
            return self.by_first.get(i).map_or(&[], |e| &e.1[..]);
        }
        match self.by_first.binary_search_by_key(&c, |e| e.0) {
            Ok(i) => &self.by_first[i].1,
            Err(_) => &[],
        }
    }

    /// Every keyword occurrence in `hay`, overlapping ones included, in
    /// order of position: (keyword index, start, end) in characters.
    pub fn find_all(&self, hay: &[char]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        self.each(hay, |k, s, e| out.push((k, s, e)));
        out
    }

    /// Call `f(keyword index, start, end)` for every keyword occurrence in
    /// `hay`, as [`Keywords::find_all`] lists them, without collecting them.
    #[inline]
    pub fn each(&self, hay: &[char], mut f: impl FnMut(usize, usize, usize)) {
        for (i, &c) in hay.iter().enumerate() {
            for &k in self.starting_with(c) {
                if starts_with_word(&hay[i..], &self.words[k]) {
                    f(k, i, i + self.words[k].len());
                }
            }
        }
    }

    /// [`Keywords::each`], visiting only the positions of `starts` (which
    /// must hold every position of `hay` where one of these keywords can
    /// start: see [`Starts`]).
    #[inline]
    pub fn each_in(&self, hay: &[char], starts: &Starts, mut f: impl FnMut(usize, usize, usize)) {
        for &i in &starts.0 {
            let i = i as usize;
            let Some(&c) = hay.get(i) else { break };
            for &k in self.starting_with(c) {
                if starts_with_word(&hay[i..], &self.words[k]) {
                    f(k, i, i + self.words[k].len());
                }
            }
        }
    }

    /// The index of each keyword occurrence in `hay`, overlapping ones
    /// included, in order of position.
    pub fn occurrences(&self, hay: &[char]) -> Vec<usize> {
        let mut out = Vec::new();
        self.each(hay, |k, _, _| out.push(k));
        out
    }

    /// Does any keyword occur in `hay`?
    pub fn occurs_in(&self, hay: &[char]) -> bool {
        (0..hay.len()).any(|i| {
            self.starting_with(hay[i])
                .iter()
                .any(|&k| starts_with_word(&hay[i..], &self.words[k]))
        })
    }

    /// The first keyword, in list order, that occurs in `hay`.
    pub fn first_listed(&self, hay: &[char]) -> Option<usize> {
        self.occurrences(hay).into_iter().min()
    }
}

/// The positions of a goal's text where a word of any of the lists
/// searched in every goal can start: slogans, domain keywords, and the needs
/// of the commitment and deadline patterns.
///
/// Each of those searches used to pass over every character of the goal,
/// asking its own list; the characters are now passed over once, against
/// the union of the lists' first characters, and each list looks only at
/// the few positions found (`Keywords::each_in`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Starts(Vec<u32>);

/// The first characters of every list [`Starts`] stands for, one bit per
/// character of the Basic Multilingual Plane, and whether any starts
/// outside it.
static GOAL_LIST_STARTS: LazyLock<(CharSet, bool)> = LazyLock::new(|| {
    let firsts: Vec<char> = goal_lists()
        .iter()
        .flat_map(|list| list.words.iter().filter_map(|w| w.first().copied()))
        .collect();
    let astral = firsts.iter().any(|&c| (c as u32) >= 0x10000);
    (CharSet::new(&bmp_only(firsts.into_iter())), astral)
});

/// The lists searched in every goal.
fn goal_lists() -> [&'static Keywords; 4] {
    [
        &SLOGANS,
        &DOMAIN_KEYWORDS,
        &COMMITMENTS.needs,
        crate::quantity::deadline::needs(),
    ]
}

impl Starts {
    /// Where in `hay` a word of the goal lists can start.
    pub fn find(hay: &[char]) -> Starts {
        let (set, astral) = &*GOAL_LIST_STARTS;
        let mut out = Vec::new();
        for (i, &c) in hay.iter().enumerate() {
            if set.contains(c) || (*astral && (c as u32) >= 0x10000) {
                out.push(i as u32);
            }
        }
        Starts(out)
    }
}

/// An ordered list of regexes, each with what a match means and the
/// literals one of which every match contains (its *needs*).
///
/// The rules try every pattern in order over every goal, and most goals
/// match none. One keyword scan for all the needs first says which patterns
/// can match at all; the rest are never run. This matters because several
/// patterns open with an optional character class (`[\p{Han}0-9]{0,4}零…`),
/// which leaves the regex engine no literal of its own to look for: run on
/// every goal they were the most expensive step of the pipeline. A pattern
/// with no needs is always run. Tests check the needs against the matches
/// on real text (see `check_needs`).
#[derive(Debug)]
pub struct Patterns<T> {
    list: Vec<(Regex, T)>,
    needs: Keywords,
    /// For each literal of `needs`, the patterns that need it.
    needed_by: Vec<usize>,
    /// Patterns without needs.
    always: Vec<bool>,
}

impl<T> Patterns<T> {
    pub fn new(list: Vec<(Regex, T, Vec<&'static str>)>) -> Self {
        let mut words = Vec::new();
        let mut needed_by = Vec::new();
        let mut always = Vec::new();
        let mut patterns = Vec::new();
        for (k, (re, v, needs)) in list.into_iter().enumerate() {
            always.push(needs.is_empty());
            for w in needs {
                words.push(w);
                needed_by.push(k);
            }
            patterns.push((re, v));
        }
        Patterns {
            list: patterns,
            needs: Keywords::new(words),
            needed_by,
            always,
        }
    }

    /// The patterns, in order, that may match somewhere in `hay` (the
    /// characters of the text the patterns will run on).
    /// The literals the patterns need.
    pub fn needs(&self) -> &Keywords {
        &self.needs
    }

    /// `starts` must be [`Starts::find`] of `hay`, and these patterns' needs
    /// one of the goal lists.
    pub fn candidates<'a>(
        &'a self,
        hay: &[char],
        starts: &Starts,
    ) -> impl Iterator<Item = &'a (Regex, T)> + 'a {
        let mut run = self.always.clone();
        self.needs.each_in(hay, starts, |w, _, _| {
            if let Some(&k) = self.needed_by.get(w) {
                run[k] = true;
            }
        });
        self.list
            .iter()
            .zip(run)
            .filter(|(_, r)| *r)
            .map(|(p, _)| p)
    }

    /// Every match of every pattern in `hay` that contains none of its
    /// pattern's needs (empty when the needs are right).
    #[cfg(test)]
    pub fn check_needs(&self, hay: &str) -> Vec<String> {
        let mut bad = Vec::new();
        for (k, (re, _)) in self.list.iter().enumerate() {
            if self.always[k] {
                continue;
            }
            for m in re.find_iter(hay) {
                let ok = self
                    .needed_by
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| **p == k)
                    .any(|(w, _)| {
                        let need: String = self.needs.words[w].iter().collect();
                        m.as_str().contains(&need)
                    });
                if !ok {
                    bad.push(format!("{} matched {:?}", re.as_str(), m.as_str()));
                }
            }
        }
        bad
    }
}

/// What a mode cue says of the numbers after it (`mode_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Target,
    TargetWeak,
    Achievement,
    Baseline,
    Past,
    Neutral,
    None,
}

/// How far a mode cue reaches: its own clause, or the rest of its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Clause,
    Sentence,
    Adjacent,
}

/// The mode cues, matched all at once; `MODE_CUE_MEANINGS[k]` is what
/// keyword `k` of `MODE_CUES` says.
pub static MODE_CUES: LazyLock<Keywords> =
    LazyLock::new(|| Keywords::new(mode_cue_rows().map(|(w, _, _)| w).collect()));

pub static MODE_CUE_MEANINGS: LazyLock<Vec<(Cue, Reach)>> =
    LazyLock::new(|| mode_cue_rows().map(|(_, c, r)| (c, r)).collect());

/// Rows of `mode_cues.tsv` that parse; the test `every_table_row_parses`
/// holds that every row does.
fn mode_cue_rows() -> impl Iterator<Item = (&'static str, Cue, Reach)> {
    rows(include_str!("mode_cues.tsv")).filter_map(|r| {
        let cue = match col(&r, 1) {
            "target" => Cue::Target,
            "target_weak" => Cue::TargetWeak,
            "achievement" => Cue::Achievement,
            "baseline" => Cue::Baseline,
            "past" => Cue::Past,
            "neutral" => Cue::Neutral,
            "none" => Cue::None,
            _ => return None,
        };
        let reach = match col(&r, 2) {
            "clause" => Reach::Clause,
            "sentence" => Reach::Sentence,
            "adjacent" => Reach::Adjacent,
            _ => return None,
        };
        let word = col(&r, 0);
        (!word.is_empty() && r.len() == 3).then_some((word, cue, reach))
    })
}

/// Word lists of `target_words.tsv` by role, longest first.
static TARGET_WORDS: LazyLock<HashMap<&'static str, Vec<Vec<char>>>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Vec<Vec<char>>> = HashMap::new();
    for r in rows(include_str!("target_words.tsv")) {
        m.entry(col(&r, 0))
            .or_default()
            .push(col(&r, 1).chars().collect());
    }
    for v in m.values_mut() {
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    m
});

/// A two-column table (word, tab, role) grouped by role, words in file order.
fn by_role(data: &'static str) -> HashMap<&'static str, Vec<&'static str>> {
    let mut m: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    for r in rows(data) {
        m.entry(col(&r, 1)).or_default().push(col(&r, 0));
    }
    m
}

/// Labels of portal furniture by role (`portal_labels.tsv`).
static PORTAL_LABELS: LazyLock<HashMap<&'static str, Vec<&'static str>>> =
    LazyLock::new(|| by_role(include_str!("portal_labels.tsv")));

/// The labels of one role of `portal_labels.tsv` (`source_line`, `date_line`,
/// `counter`, `header`, `header_issuer`, `header_date`, `issuer_cell`).
pub fn portal_labels(role: &str) -> &'static [&'static str] {
    PORTAL_LABELS.get(role).map(Vec::as_slice).unwrap_or(&[])
}

/// Endings of issuing bodies' names by role (`organs.tsv`).
static ORGANS: LazyLock<HashMap<&'static str, Vec<&'static str>>> =
    LazyLock::new(|| by_role(include_str!("organs.tsv")));

/// The suffixes of one role of `organs.tsv` (`signature`, `government`).
pub fn organ_suffixes(role: &str) -> &'static [&'static str] {
    ORGANS.get(role).map(Vec::as_slice).unwrap_or(&[])
}

/// The words of one role of `target_words.tsv` (`count_verb`, `rank_verb`,
/// `rank_scope`, `not_quantity_prefix`, `baseline`, `metric_link`, `metric_lead`).
pub fn target_words(role: &str) -> &'static [Vec<char>] {
    TARGET_WORDS.get(role).map(Vec::as_slice).unwrap_or(&[])
}

/// The longest word of `words` that ends at `chars[..end]`.
pub fn word_ending_at<'a>(
    words: &'a [Vec<char>],
    chars: &[char],
    end: usize,
) -> Option<&'a [char]> {
    words
        .iter()
        .find(|w| ends_with_word(&chars[..end.min(chars.len())], w))
        .map(Vec::as_slice)
}

/// The longest word of `words` that starts at `chars[start..]`.
pub fn word_starting_at<'a>(
    words: &'a [Vec<char>],
    chars: &[char],
    start: usize,
) -> Option<&'a [char]> {
    words
        .iter()
        .find(|w| starts_with_word(&chars[start.min(chars.len())..], w))
        .map(Vec::as_slice)
}

/// The folded text of every real document bundled with the project (the
/// corpus and the independent test documents), for tests that check a
/// lexicon against real text.
#[cfg(test)]
pub fn corpus_texts_for_tests() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["corpus", "tests/independent/docs"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            if let Ok(bytes) = std::fs::read(e.path())
                && let Ok(d) = crate::decode::decode(&bytes)
            {
                out.push(d.text.chars().map(fold_char).collect());
            }
        }
    }
    assert!(out.len() >= 5, "the bundled documents were not found");
    out
}

/// The word segmenter, with its dictionary loaded once for all threads.
pub static JIEBA: LazyLock<jieba_rs::Jieba> = LazyLock::new(jieba_rs::Jieba::new);

/// Start loading the segmenter's data in the background, so that a run
/// does not wait for it serially.
///
/// Loading is most of the cost of a one-file run, and it has two
/// independent halves: the dictionary (built on first use of [`JIEBA`]) and
/// the part-of-speech model for words not in it (built on the first tag of
/// an unknown word, by any segmenter). Each is loaded on its own thread
/// here, side by side, while the caller reads and decodes its input; the
/// first real use then finds them ready or waits for the rest. Calling this
/// is optional and changes no result.
pub fn warm_up() {
    std::thread::spawn(|| {
        LazyLock::force(&JIEBA);
    });
    std::thread::spawn(|| {
        // An empty dictionary makes every character unknown, which loads
        // the part-of-speech model without the dictionary.
        let _ = jieba_rs::Jieba::empty().tag("甲乙", true);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon row that fails to parse is dropped silently at run time, so
    /// the tables are checked here against their files.
    #[test]
    fn every_table_row_parses() {
        assert_eq!(
            mode_cue_rows().count(),
            rows(include_str!("mode_cues.tsv")).count()
        );
        let words: Vec<_> = mode_cue_rows().map(|(w, _, _)| w).collect();
        let mut unique = words.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), words.len(), "a mode cue is listed twice");
        assert_eq!(UNITS.len(), rows(include_str!("units.tsv")).count());
        assert_eq!(
            COMMITMENTS.list.len(),
            rows(include_str!("commitments.tsv")).count()
        );
        assert_eq!(DOMAINS.len(), rows(include_str!("domains.tsv")).count());
        for r in rows(include_str!("units.tsv")) {
            assert!(col(&r, 3).parse::<f64>().is_ok(), "bad multiplier in {r:?}");
        }
        assert!(SLOGANS.occurs_in(&"两学一做".chars().collect::<Vec<char>>()));
    }

    #[test]
    fn table_columns_by_longest_label() {
        assert_eq!(
            TABLE_COLUMNS.len(),
            rows(include_str!("table_columns.tsv")).count()
        );
        let column = |s: &str| table_column(&s.chars().collect::<Vec<char>>());
        assert_eq!(column("指标名称"), Some(TableColumn::Name));
        assert_eq!(column("计量单位"), Some(TableColumn::Unit));
        assert_eq!(column("单位"), Some(TableColumn::Unit));
        assert_eq!(column("责任单位"), Some(TableColumn::Owner));
        assert_eq!(column("牵头单位"), Some(TableColumn::Owner));
        assert_eq!(column("2024年目标"), Some(TableColumn::Target));
        assert_eq!(column("目标值"), Some(TableColumn::Target));
        assert_eq!(column("任务数"), Some(TableColumn::Target));
        assert_eq!(column("2023年完成"), Some(TableColumn::Actual));
        assert_eq!(column("完成时限"), Some(TableColumn::Deadline));
        assert_eq!(column("完成时间"), Some(TableColumn::Deadline));
        assert_eq!(column("重点任务"), Some(TableColumn::Name));
        assert_eq!(column("分值"), Some(TableColumn::Score));
        assert_eq!(column("全年"), None);
    }

    /// Keywords found by first character, against a plain search for each
    /// keyword at each position; first characters spread over the plane
    /// (ASCII, several Han blocks, the supplementary planes) so that ranks
    /// across many bitmap words are exercised.
    #[test]
    fn keywords_agree_with_a_plain_search() {
        let words = vec![
            "a",
            "ab",
            "b",
            "一",
            "一二",
            "二三",
            "龙",
            "龙王",
            "𠀀字",
            "𠀀",
            "镇",
            "镇街",
            "街",
            "ｚ",
            "\u{ffff}x",
        ];
        let kw = Keywords::new(words.clone());
        let hay: Vec<char> = "ab一二三龙王镇街𠀀字ｚ\u{ffff}x b龙".chars().collect();
        let mut expected = Vec::new();
        for i in 0..hay.len() {
            for (k, w) in words.iter().enumerate() {
                let w: Vec<char> = w.chars().collect();
                if hay[i..].starts_with(&w) {
                    expected.push((k, i, i + w.len()));
                }
            }
        }
        assert_eq!(kw.find_all(&hay), expected);
        assert_eq!(expected.len(), 17);
    }

    /// Looking only at the goal-list starts finds every occurrence a full
    /// pass finds, for each list, on the corpus.
    #[test]
    fn starts_cover_every_goal_list() {
        let mut occurrences = 0;
        for text in corpus_texts_for_tests() {
            let hay: Vec<char> = text.chars().collect();
            let starts = Starts::find(&hay);
            assert!(
                starts.0.len() < hay.len() / 2,
                "most characters start nothing"
            );
            for list in goal_lists() {
                let mut full = Vec::new();
                list.each(&hay, |k, s, e| full.push((k, s, e)));
                let mut some = Vec::new();
                list.each_in(&hay, &starts, |k, s, e| some.push((k, s, e)));
                assert_eq!(full, some);
                occurrences += full.len();
            }
        }
        assert!(occurrences > 1000, "{occurrences}");
    }

    #[test]
    fn folding() {
        assert_eq!(fold_char('２'), '2');
        assert_eq!(fold_char('％'), '%');
        assert_eq!(fold_char('萬'), '万');
        assert_eq!(fold_char('兩'), '两');
        assert_eq!(fold_char('\u{3000}'), ' ');
        assert_eq!(fold_char('中'), '中');
    }

    #[test]
    fn longest_unit_wins() {
        let chars: Vec<char> = "平方米的".chars().collect();
        assert_eq!(unit_at(&chars, 0).map(|u| u.canonical), Some("平方米"));
        let chars: Vec<char> = "个百分点".chars().collect();
        assert_eq!(unit_at(&chars, 0).map(|u| u.canonical), Some("个百分点"));
    }
}
