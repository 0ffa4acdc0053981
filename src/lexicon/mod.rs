//! Every word list the rules use, in one place, as data.
//!
//! The lists live in the `.tsv` / `.txt` files beside this module (each file
//! says what its columns hold and where its entries come from; the formats
//! are documented for users in `docs/lexicon.md`). [`Lexicon::bundled`]
//! reads them into one read-only value that the pipeline borrows
//! ([`Extractor`](crate::Extractor) owns it); [`Lexicon::with_user_dirs`]
//! merges a user's own tables of the same format over them. There is no
//! global lexicon state: two extractors with different lexicons can run side
//! by side.
//!
//! Reading is strict ([`tables`]): an unknown value, a repeated key, a bad
//! pattern or a malformed row is an error naming its file, line and column.

pub mod furniture;
pub mod indicators;
mod keywords;
pub mod tables;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::chars::{CharSet, Fold, ends_with_word, starts_with_word};
use crate::model::{Change, CommitmentKind, Comparator, Domain, SectionRole, TargetKind};

pub use furniture::FurnitureForms;
pub use indicators::{Indicator, Indicators};
pub use keywords::{Keywords, Patterns, Starts};
pub use tables::{LexiconError, TableError};
use tables::{Row, Tables};

/// A unit of measure or a measure word.
#[derive(Debug, Clone)]
pub struct UnitWord {
    pub surface: Vec<char>,
    /// Shared, not copied, into every target that carries it.
    pub canonical: std::sync::Arc<str>,
    pub kind: TargetKind,
    pub multiplier: f64,
    /// Only after Arabic digits (`二期` is a phase, `40期` a count).
    pub arabic_only: bool,
    /// `名` that reads as a rank after `第`/`前`.
    pub rank: bool,
    /// Describes a population, never a target (`60岁以上`).
    pub qualifier: bool,
}

/// A comparator word and which side of the number it is written on.
#[derive(Debug, Clone)]
pub struct ComparatorWord {
    pub word: Vec<char>,
    pub before: bool,
    pub comparator: Comparator,
}

/// A word before a number that makes it a change (`同比增长`).
#[derive(Debug, Clone)]
pub struct ChangeWord {
    pub word: Vec<char>,
    pub change: Change,
    pub adjacent_only: bool,
}

/// What a column of an indicator table holds, from its header label
/// (`table_columns.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
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

/// What a mode cue says of the numbers after it (`mode_cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    Clause,
    Sentence,
    Adjacent,
}

/// How a deadline pattern's match is read into a date (`deadlines.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineForm {
    Day,
    Decade,
    MonthEnd,
    BeforeMonth,
    Quarter,
    YearEnd,
    Years,
    HalfYear,
    Festival,
    BareYear,
}

/// What a label of portal furniture labels (`portal_labels.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalRole {
    /// Opens a source line and names the issuer (`来源:某某镇 2024-02-01`).
    SourceLine,
    /// A metadata cell naming the issuer (`发布机构 | 某某镇`).
    IssuerCell,
    /// Opens a publication-date line.
    DateLine,
    /// A view counter (`浏览次数`).
    Counter,
    /// A label of the metadata header block.
    Header,
    /// A header label whose value is the issuer.
    HeaderIssuer,
    /// A header label whose value is the publication date.
    HeaderDate,
    /// Opens a "scan to read on your phone" line.
    ShareScan,
    /// Opens a "share to" line.
    ShareTo,
    /// A page control (`打印本页`, `关闭窗口`).
    Navigation,
    /// May follow the date of a closing signature (`印发`).
    IssueVerb,
}

/// Where an ending of an issuing body's name is used (`organs.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganRole {
    /// A closing line ending so, before the date, is the issuing body.
    Signature,
    /// A place's government (`某某镇人民政府`): the place is the unit.
    Government,
}

/// The roles of the small word lists of `target_words.tsv`; each is
/// documented in the table, above its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WordRole {
    AdminUnit,
    AllWord,
    AverageWord,
    CapacityVerb,
    ChangeLink,
    CoefficientWord,
    CountVerb,
    DivideVerb,
    DutyVerb,
    ComparisonPreposition,
    EnumerationNoun,
    GrowthSuffix,
    GradeWord,
    IncidentVerb,
    ListNoun,
    ListSettingVerb,
    LookingBack,
    MeetingWord,
    MetricLead,
    MetricLink,
    NotBlockHeading,
    NotQuantityPrefix,
    PartVerb,
    PenaltyWord,
    ProjectNoun,
    QualifierMetric,
    RankScope,
    RepeatWord,
    RankVerb,
    ReferenceDate,
    SampleWord,
    ScopeWord,
    ScoreCapContext,
    ScoreStep,
    ScoringStep,
    SentenceParticle,
    SpeakerPost,
    TitleConnective,
    WeightingNoun,
    WhatLink,
    WhatScope,
    WhatVerb,
    YearAction,
    YearFromWord,
    HalfYearLabel,
    ListConjunction,
    AlternativeConjunction,
    BaselineLead,
    BaselineTimeChar,
    BaselineTimeEnd,
    PeriodSuffix,
}

impl WordRole {
    pub const ALL: [WordRole; 51] = [
        WordRole::AdminUnit,
        WordRole::AllWord,
        WordRole::AverageWord,
        WordRole::CapacityVerb,
        WordRole::ChangeLink,
        WordRole::CoefficientWord,
        WordRole::CountVerb,
        WordRole::DivideVerb,
        WordRole::DutyVerb,
        WordRole::ComparisonPreposition,
        WordRole::EnumerationNoun,
        WordRole::GrowthSuffix,
        WordRole::GradeWord,
        WordRole::IncidentVerb,
        WordRole::ListNoun,
        WordRole::ListSettingVerb,
        WordRole::LookingBack,
        WordRole::MeetingWord,
        WordRole::MetricLead,
        WordRole::MetricLink,
        WordRole::NotBlockHeading,
        WordRole::NotQuantityPrefix,
        WordRole::PartVerb,
        WordRole::PenaltyWord,
        WordRole::ProjectNoun,
        WordRole::QualifierMetric,
        WordRole::RankScope,
        WordRole::RepeatWord,
        WordRole::RankVerb,
        WordRole::ReferenceDate,
        WordRole::SampleWord,
        WordRole::ScopeWord,
        WordRole::ScoreCapContext,
        WordRole::ScoreStep,
        WordRole::ScoringStep,
        WordRole::SentenceParticle,
        WordRole::SpeakerPost,
        WordRole::TitleConnective,
        WordRole::WeightingNoun,
        WordRole::WhatLink,
        WordRole::WhatScope,
        WordRole::WhatVerb,
        WordRole::YearAction,
        WordRole::YearFromWord,
        WordRole::HalfYearLabel,
        WordRole::ListConjunction,
        WordRole::AlternativeConjunction,
        WordRole::BaselineLead,
        WordRole::BaselineTimeChar,
        WordRole::BaselineTimeEnd,
        WordRole::PeriodSuffix,
    ];
}

/// Every table of the lexicon, read into the structures the rules search.
pub struct Lexicon {
    fold: Fold,
    /// Units longest first, so the first match is the longest.
    units: Vec<UnitWord>,
    /// The surfaces of `units`, in the same order, indexed by their first
    /// character: a number's unit is looked for several times per number,
    /// among the few units that can start there rather than all of them.
    unit_surfaces: Keywords,
    /// Comparator words longest first.
    pub(crate) comparators: Vec<ComparatorWord>,
    /// Change words longest first.
    pub(crate) changes: Vec<ChangeWord>,
    /// Fixed numbered expressions that measure nothing.
    pub(crate) slogans: Keywords,
    /// Context words that make a bare 万/亿 money.
    pub(crate) money_context: Keywords,
    /// Section-role keywords in priority order, with `section_role_keywords`
    /// holding the same words in the same order.
    section_roles: Vec<SectionRole>,
    section_role_keywords: Keywords,
    /// Domain keywords (`domain_keywords`, same order) with domain and weight.
    pub(crate) domains: Vec<(Domain, u32)>,
    pub(crate) domain_keywords: Keywords,
    /// Unit-name endings with the allowed length of the part before them,
    /// longest first, and the characters they start with.
    pub(crate) unit_name_suffixes: Vec<(Vec<char>, usize, usize)>,
    pub(crate) unit_name_suffix_starts: CharSet,
    table_columns: Vec<(Vec<char>, TableColumn)>,
    field_keys: HashMap<String, bool>,
    pub(crate) commitments: Patterns<CommitmentKind>,
    pub(crate) deadlines: Patterns<DeadlineForm>,
    festivals: HashMap<String, Option<(u32, u32)>>,
    /// Mode cues, matched all at once; `mode_cue_meanings[k]` is what
    /// keyword `k` says.
    pub(crate) mode_cues: Keywords,
    pub(crate) mode_cue_meanings: Vec<(Cue, Reach)>,
    /// Words of `target_words.tsv` by role (indexed by `WordRole as usize`),
    /// longest first.
    words: Vec<Vec<Vec<char>>>,
    portal_labels: HashMap<PortalRole, Vec<String>>,
    organs: HashMap<OrganRole, Vec<String>>,
    /// Furniture line forms built from the labels and organs.
    pub(crate) furniture: FurnitureForms,
    pub(crate) indicators: Indicators,
    /// The first characters of every goal list (see [`Lexicon::starts`]),
    /// and whether any lies outside the Basic Multilingual Plane.
    goal_list_firsts: CharSet,
    goal_list_astral: bool,
    /// The word segmenter, built on first use (most commands that read
    /// saved output never need it).
    jieba: OnceLock<jieba_rs::Jieba>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("units", &self.units.len())
            .field("indicators", &self.indicators.list.len())
            .finish_non_exhaustive()
    }
}

/// Sort longest first by a word's length.
fn longest_first<T>(v: &mut [T], len: impl Fn(&T) -> usize) {
    v.sort_by_key(|e| std::cmp::Reverse(len(e)));
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// The characters of the Basic Multilingual Plane among `chars` (the
/// characters a [`CharSet`] can hold).
fn bmp_set(chars: impl Iterator<Item = char>) -> CharSet {
    let mut set = CharSet::new(&[]);
    for c in chars {
        set.insert(c);
    }
    set
}

/// Words of a two-column table (word, role) grouped by role, in file order.
fn by_role<R: Copy + Eq + std::hash::Hash + serde::de::DeserializeOwned>(
    rows: &[Row],
) -> Result<HashMap<R, Vec<String>>, TableError> {
    let mut m: HashMap<R, Vec<String>> = HashMap::new();
    for r in rows {
        m.entry(r.value(1)?).or_default().push(r.col(0).to_string());
    }
    Ok(m)
}

/// A pattern column compiled (after the shorthands of [`tables::expand`]).
fn pattern(r: &Row) -> Result<Regex, TableError> {
    Regex::new(&tables::expand(r.col(0))).map_err(|e| r.error(1, format!("bad pattern: {e}")))
}

fn needs(r: &Row) -> Vec<String> {
    r.col(2)
        .split('|')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

impl Lexicon {
    /// The bundled tables.
    ///
    /// They are checked by the tests (every row of every table), so this
    /// cannot fail on a released build; if a bundled table were broken it
    /// would stop with the list of its problems rather than run on a
    /// partial lexicon.
    pub fn bundled() -> Lexicon {
        match Tables::bundled().and_then(|t| Lexicon::from_tables(&t)) {
            Ok(lx) => lx,
            Err(e) => panic!("the bundled lexicon is broken: {e}"),
        }
    }

    /// The bundled tables with the tables of each of `dirs` merged over
    /// them, in order (see [`tables`] for how rows merge). Every problem in
    /// every user table is reported, none is skipped.
    pub fn with_user_dirs<P: AsRef<Path>>(dirs: &[P]) -> Result<Lexicon, LexiconError> {
        let mut t = Tables::bundled()?;
        let mut errors = Vec::new();
        for d in dirs {
            if let Err(e) = t.merge_dir(d.as_ref()) {
                errors.extend(e.errors);
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        Lexicon::from_tables(&t)
    }

    /// The bundled tables with one user table merged over its bundled
    /// namesake (`file` is a table name such as `slogans.txt`): for tests
    /// and for callers that hold tables in memory.
    pub fn with_table(file: &str, data: &str) -> Result<Lexicon, LexiconError> {
        let mut t = Tables::bundled()?;
        t.merge(file, file, data)?;
        Lexicon::from_tables(&t)
    }

    fn from_tables(t: &Tables) -> Result<Lexicon, LexiconError> {
        let mut errors: Vec<TableError> = Vec::new();
        let mut ok = |r: Result<(), TableError>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };

        let fold = Fold::new(
            t.rows("fold.tsv")
                .iter()
                .filter_map(|r| Some((r.col(0).chars().next()?, r.col(1).chars().next()?))),
        );

        let mut units = Vec::new();
        for r in t.rows("units.tsv") {
            ok((|| {
                let flags = r.col(4);
                units.push(UnitWord {
                    surface: chars(r.col(0)),
                    canonical: r.col(1).into(),
                    kind: r.value(2)?,
                    multiplier: r.number(3)?,
                    arabic_only: flags.contains("arabic"),
                    rank: flags.contains("rank"),
                    qualifier: flags.contains("qualifier"),
                });
                Ok(())
            })());
        }
        longest_first(&mut units, |u| u.surface.len());

        let mut comparators = Vec::new();
        for r in t.rows("comparators.tsv") {
            ok((|| {
                comparators.push(ComparatorWord {
                    word: chars(r.col(0)),
                    before: r.col(1) == "before",
                    comparator: r.value(2)?,
                });
                Ok(())
            })());
        }
        longest_first(&mut comparators, |w| w.word.len());

        let mut changes = Vec::new();
        for r in t.rows("changes.tsv") {
            ok((|| {
                changes.push(ChangeWord {
                    word: chars(r.col(0)),
                    change: r.value(1)?,
                    adjacent_only: r.col(2) == "yes",
                });
                Ok(())
            })());
        }
        longest_first(&mut changes, |w| w.word.len());

        let words_of = |file: &str| -> Vec<String> {
            t.rows(file).iter().map(|r| r.col(0).to_string()).collect()
        };
        let slogans = Keywords::new(words_of("slogans.txt"));
        let money_context = Keywords::new(words_of("money_context.txt"));

        let mut section_roles = Vec::new();
        for r in t.rows("section_roles.tsv") {
            ok(r.value(1).map(|v| section_roles.push(v)));
        }
        let section_role_keywords = Keywords::new(words_of("section_roles.tsv"));

        let mut domains = Vec::new();
        for r in t.rows("domains.tsv") {
            ok((|| {
                domains.push((r.value(1)?, r.number(2)?));
                Ok(())
            })());
        }
        let domain_keywords = Keywords::new(words_of("domains.tsv"));

        let mut unit_name_suffixes = Vec::new();
        for r in t.rows("unit_names.tsv") {
            ok((|| {
                unit_name_suffixes.push((chars(r.col(0)), r.number(1)?, r.number(2)?));
                Ok(())
            })());
        }
        longest_first(&mut unit_name_suffixes, |e| e.0.len());
        let unit_name_suffix_starts = bmp_set(
            unit_name_suffixes
                .iter()
                .filter_map(|(s, _, _)| s.first().copied()),
        );

        let mut table_columns = Vec::new();
        for r in t.rows("table_columns.tsv") {
            ok(r.value(1).map(|c| table_columns.push((chars(r.col(0)), c))));
        }
        let field_keys = t
            .rows("field_keys.tsv")
            .iter()
            .map(|r| (r.col(0).to_string(), r.col(1) == "descriptor"))
            .collect();

        let mut commitments = Vec::new();
        for r in t.rows("commitments.tsv") {
            ok((|| {
                commitments.push((pattern(r)?, r.value(1)?, needs(r)));
                Ok(())
            })());
        }
        let mut deadlines = Vec::new();
        for r in t.rows("deadlines.tsv") {
            ok((|| {
                deadlines.push((pattern(r)?, r.value(1)?, needs(r)));
                Ok(())
            })());
        }
        let mut festivals = HashMap::new();
        for r in t.rows("festivals.tsv") {
            match tables::month_day(r.col(1)) {
                Some(d) => {
                    festivals.insert(r.col(0).to_string(), d);
                }
                None => ok(Err(
                    r.error(2, format!("{:?} is not MM-DD or lunar", r.col(1)))
                )),
            }
        }

        let mut mode_cue_meanings = Vec::new();
        for r in t.rows("mode_cues.tsv") {
            ok((|| {
                mode_cue_meanings.push((r.value(1)?, r.value(2)?));
                Ok(())
            })());
        }
        let mode_cues = Keywords::new(words_of("mode_cues.tsv"));

        let mut words: Vec<Vec<Vec<char>>> = vec![Vec::new(); WordRole::ALL.len()];
        for r in t.rows("target_words.tsv") {
            ok(r.value::<WordRole>(0)
                .map(|role| words[role as usize].push(chars(r.col(1)))));
        }
        for list in &mut words {
            longest_first(list, Vec::len);
        }

        let portal_labels = by_role(t.rows("portal_labels.tsv"));
        let organs = by_role(t.rows("organs.tsv"));
        let (portal_labels, organs) = match (portal_labels, organs) {
            (Ok(p), Ok(o)) => (p, o),
            (p, o) => {
                ok(p.map(|_| ()));
                ok(o.map(|_| ()));
                (HashMap::new(), HashMap::new())
            }
        };

        let furniture = FurnitureForms::new(
            |r| portal_labels.get(&r).cloned().unwrap_or_default(),
            |r| organs.get(&r).cloned().unwrap_or_default(),
        );
        let furniture = match furniture {
            Ok(f) => Some(f),
            Err(e) => {
                ok(Err(e));
                None
            }
        };

        let mut indicator_list = Vec::new();
        for r in t.rows("indicators.tsv") {
            ok((|| {
                indicator_list.push(Indicator {
                    id: r.col(0).to_string(),
                    name: r.col(1).to_string(),
                    kind: r.value(2)?,
                    aliases: r
                        .col(3)
                        .split('|')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(String::from)
                        .collect(),
                });
                Ok(())
            })());
        }

        let Some(furniture) = furniture.filter(|_| errors.is_empty()) else {
            return Err(errors.into());
        };
        let growth = words[WordRole::GrowthSuffix as usize]
            .iter()
            .map(|w| w.iter().collect())
            .collect();
        let indicators = Indicators::new(indicator_list, &fold, growth);
        let commitments = Patterns::new(commitments);
        let deadlines = Patterns::new(deadlines);
        let firsts: Vec<char> = [
            &slogans,
            &domain_keywords,
            commitments.needs(),
            deadlines.needs(),
            &mode_cues,
        ]
        .iter()
        .flat_map(|list| list.words().iter().filter_map(|w| w.first().copied()))
        .collect();
        let goal_list_astral = firsts.iter().any(|&c| (c as u32) >= 0x10000);
        let goal_list_firsts = bmp_set(firsts.into_iter());
        let unit_surfaces =
            Keywords::new(units.iter().map(|u| u.surface.iter().collect::<String>()));
        Ok(Lexicon {
            fold,
            units,
            unit_surfaces,
            comparators,
            changes,
            slogans,
            money_context,
            section_roles,
            section_role_keywords,
            domains,
            domain_keywords,
            unit_name_suffixes,
            unit_name_suffix_starts,
            table_columns,
            field_keys,
            commitments,
            deadlines,
            festivals,
            mode_cues,
            mode_cue_meanings,
            words,
            portal_labels,
            organs,
            furniture,
            indicators,
            goal_list_firsts,
            goal_list_astral,
            jieba: OnceLock::new(),
        })
    }

    /// The folding table, which `Text::new` folds a document with.
    pub fn fold(&self) -> &Fold {
        &self.fold
    }

    /// Fold one character for matching.
    pub fn fold_char(&self, c: char) -> char {
        self.fold.fold(c)
    }

    /// The units, longest first.
    pub fn units(&self) -> &[UnitWord] {
        &self.units
    }

    /// The longest unit word starting at `chars[i]`.
    pub fn unit_at(&self, chars: &[char], i: usize) -> Option<&UnitWord> {
        self.unit_surfaces
            .at_start(&chars[i.min(chars.len())..])
            .next()
            .map(|k| &self.units[k])
    }

    /// The role a heading's words give its section.
    pub fn section_role(&self, heading: &str) -> SectionRole {
        self.section_role_keywords
            .first_listed(&chars(heading))
            .and_then(|i| self.section_roles.get(i))
            .copied()
            .unwrap_or(SectionRole::Other)
    }

    /// The column a header cell (folded) names: that of the longest label it
    /// contains, the first listed on equal length.
    pub fn table_column(&self, cell: &[char]) -> Option<TableColumn> {
        let mut best: Option<(usize, TableColumn)> = None;
        for (label, column) in &self.table_columns {
            let longer = best.is_none_or(|(n, _)| label.len() > n);
            if longer
                && !label.is_empty()
                && cell.windows(label.len()).any(|w| w == label.as_slice())
            {
                best = Some((label.len(), *column));
            }
        }
        best.map(|(_, c)| c)
    }

    /// Is this field key a descriptor (`对标对象`) rather than content
    /// (`赶超标准`)? `None` when the key is not in the list.
    pub fn field_is_descriptor(&self, key: &str) -> Option<bool> {
        self.field_keys.get(key).copied()
    }

    /// The date a festival names (`七一` → 7-1); `None` for a lunar festival
    /// or one not listed.
    pub fn festival(&self, name: &str) -> Option<(u32, u32)> {
        self.festivals.get(name).copied().flatten()
    }

    /// The words of one role of `target_words.tsv`, longest first.
    pub fn words(&self, role: WordRole) -> &[Vec<char>] {
        &self.words[role as usize]
    }

    /// Is `c` alone one of the words of `role` (the roles whose words are
    /// single characters: `sentence_particle`, `title_connective`, …)?
    pub fn is_word_char(&self, role: WordRole, c: char) -> bool {
        self.words(role).iter().any(|w| w[..] == [c])
    }

    /// The labels of one role of `portal_labels.tsv`, in file order.
    pub fn portal_labels(&self, role: PortalRole) -> &[String] {
        self.portal_labels.get(&role).map_or(&[], Vec::as_slice)
    }

    /// The suffixes of one role of `organs.tsv`, in file order.
    pub fn organ_suffixes(&self, role: OrganRole) -> &[String] {
        self.organs.get(&role).map_or(&[], Vec::as_slice)
    }

    /// The canonical indicators.
    pub fn indicators(&self) -> &Indicators {
        &self.indicators
    }

    /// Where in `hay` a word of a goal list can start: the lists searched
    /// in every goal (slogans, domain keywords, the needs of the commitment
    /// and deadline patterns, and the mode cues).
    ///
    /// Each of those searches used to pass over every character of the
    /// goal, asking its own list; the characters are passed over once,
    /// against the union of the lists' first characters, and each list
    /// looks only at the few positions found ([`Keywords::each_in`]).
    pub fn starts(&self, hay: &[char]) -> Starts {
        Starts::find_in(hay, &self.goal_list_firsts, self.goal_list_astral)
    }

    /// The lists [`Lexicon::starts`] stands for.
    pub fn goal_lists(&self) -> [&Keywords; 5] {
        [
            &self.slogans,
            &self.domain_keywords,
            self.commitments.needs(),
            self.deadlines.needs(),
            &self.mode_cues,
        ]
    }

    /// The word segmenter, with its dictionary loaded on first use.
    pub fn jieba(&self) -> &jieba_rs::Jieba {
        self.jieba.get_or_init(jieba_rs::Jieba::new)
    }
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

/// Load the part-of-speech model of the segmenter in the background: it is
/// built on the first tag of an unknown word by any segmenter, and loading
/// it beside the dictionary ([`Lexicon::jieba`]) rather than after it saves
/// that wait on a one-file run. Optional; changes no result.
pub fn warm_up_tagger() {
    std::thread::spawn(|| {
        // An empty dictionary makes every character unknown, which loads
        // the part-of-speech model without the dictionary.
        let _ = jieba_rs::Jieba::empty().tag("甲乙", true);
    });
}

/// The bundled lexicon, built once for the crate's own unit tests.
#[cfg(test)]
pub(crate) fn for_tests() -> &'static Lexicon {
    static LX: OnceLock<Lexicon> = OnceLock::new();
    LX.get_or_init(Lexicon::bundled)
}

/// The folded text of every real document bundled with the project (the
/// corpus and the independent test documents), for tests that check a
/// lexicon against real text.
#[cfg(test)]
pub fn corpus_texts_for_tests() -> Vec<String> {
    let lx = for_tests();
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
                out.push(d.text.chars().map(|c| lx.fold_char(c)).collect());
            }
        }
    }
    assert!(out.len() >= 5, "the bundled documents were not found");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_row_is_read() {
        let lx = for_tests();
        let t = Tables::bundled().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lx.mode_cue_meanings.len(), t.rows("mode_cues.tsv").len());
        assert_eq!(lx.units.len(), t.rows("units.tsv").len());
        assert_eq!(lx.commitments.len(), t.rows("commitments.tsv").len());
        assert_eq!(lx.deadlines.len(), t.rows("deadlines.tsv").len());
        assert_eq!(lx.domains.len(), t.rows("domains.tsv").len());
        assert!(lx.slogans.occurs_in(&chars("两学一做")));
        assert_eq!(lx.festival("七一"), Some((7, 1)));
        assert_eq!(lx.festival("春节"), None);
    }

    #[test]
    fn table_columns_by_longest_label() {
        let lx = for_tests();
        let column = |s: &str| lx.table_column(&chars(s));
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
        let lx = for_tests();
        let mut occurrences = 0;
        for text in corpus_texts_for_tests() {
            let hay: Vec<char> = text.chars().collect();
            let starts = lx.starts(&hay);
            assert!(
                starts.len() < hay.len() / 2,
                "most characters start nothing"
            );
            for list in lx.goal_lists() {
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
        let lx = for_tests();
        assert_eq!(lx.fold_char('２'), '2');
        assert_eq!(lx.fold_char('％'), '%');
        assert_eq!(lx.fold_char('萬'), '万');
        assert_eq!(lx.fold_char('兩'), '两');
        assert_eq!(lx.fold_char('\u{3000}'), ' ');
        assert_eq!(lx.fold_char('中'), '中');
    }

    #[test]
    fn longest_unit_wins() {
        let lx = for_tests();
        let at = |s: &str| lx.unit_at(&chars(s), 0).map(|u| u.canonical.to_string());
        assert_eq!(at("平方米的").as_deref(), Some("平方米"));
        assert_eq!(at("个百分点").as_deref(), Some("个百分点"));
    }

    /// A user's table changes what the lexicon holds, and a broken one is
    /// refused with its problems named.
    #[test]
    fn user_tables_merge_over_the_bundled_ones() {
        let lx = Lexicon::with_table("units.tsv", "垄\t垄\tcount\t1\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            lx.unit_at(&chars("垄"), 0).map(|u| u.kind),
            Some(TargetKind::Count)
        );
        assert!(for_tests().unit_at(&chars("垄"), 0).is_none());
        let e = Lexicon::with_table(
            "mode_cues.tsv",
            "力争\ttarget\tclause\n力争\tpast\tclause\n",
        )
        .expect_err("a repeated key");
        assert!(e.to_string().contains("mode_cues.tsv:2:1"), "{e}");
    }
}
