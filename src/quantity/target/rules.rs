//! The named rules of the target grammar: every way a numeral becomes a
//! target, and every way one is kept from being one.
//!
//! Each rule has a stable snake_case name (what `zhibiao explain` prints
//! and what names its fixture under `tests/rules/`), a verdict and a doc
//! saying what it accepts or blocks, why, and an example. The scan records
//! the rule that took a number in the target it found and names the rule
//! that turned a number down, at the cost of one byte: [`Rule`] is a plain
//! `Copy` enum, its text `&'static`. Rules are not written to the output
//! of `extract`; they explain it.

/// Whether a rule makes a target of a number or keeps it from being one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Takes,
    Blocks,
}

impl Verdict {
    /// `takes` or `blocks`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Takes => "takes",
            Verdict::Blocks => "blocks",
        }
    }
}

/// One entry of [`RULES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    pub rule: Rule,
    /// The stable snake_case name.
    pub name: &'static str,
    pub verdict: Verdict,
    /// What the rule accepts or blocks, why, and an example.
    pub doc: &'static str,
}

/// The rules as one list: the enum, its names, verdicts and docs are
/// written once, so that no rule can lack a name or a doc.
macro_rules! rules {
    ($( $(#[doc = $doc:literal])+ $id:ident = $name:literal, $verdict:ident; )+) => {
        /// A rule of the target grammar (see [`RULES`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $( $(#[doc = $doc])+ $id, )+
        }

        /// Every rule, in the order the grammar tries them.
        pub static RULES: &[RuleInfo] = &[
            $( RuleInfo {
                rule: Rule::$id,
                name: $name,
                verdict: Verdict::$verdict,
                doc: concat!($($doc, "\n"),+),
            }, )+
        ];
    };
}

rules! {
    // ---- Ways a number becomes a target.
    /// A numeral with a unit or measure word, perhaps a range, an
    /// approximation (`余`, `多`) and comparator or change words around it:
    /// the common target (`新增城镇就业600人`, `增长8%左右`, `建成3至5个`).
    Quantity = "quantity", Takes;
    /// A bare `万`/`亿` amount with no unit in a clause about money, read as
    /// yuan: plans drop the `元` (`到位资金34亿`).
    MoneyAmount = "money_amount", Takes;
    /// Per-cent words before the number, in per cent: `百分之五` → 5 %,
    /// `千分之三` → 0.3 %, `百分之百`.
    PerParts = "per_parts", Takes;
    /// A fraction, in per cent: `三分之一` → 33.3 %, `4分之3`.
    Fraction = "fraction", Takes;
    /// A ratio, as its first term over its second: `收入比缩小到2.05∶1`. A
    /// colon counts only where the clause names a ratio, not in a time.
    Ratio = "ratio", Takes;
    /// Doubling words, as a multiple: `翻一番` → ×2, `翻两番` → ×4.
    Doubling = "doubling", Takes;
    /// A rank at most N: `排名前三`, `位于全县前三`, `前五名`. `前三季度`
    /// is no rank: a word follows and no rank verb comes before.
    RankFront = "rank_front", Takes;
    /// A rank equal to N: `全区第一`, `排名第3位`, `第二名`. Other `第N`
    /// (`第三批`) are ordinals.
    RankOrdinal = "rank_ordinal", Takes;
    /// A bare number in a table row flattened with `|`, in the unit of the
    /// row's unit cell (`粮食总产量|万吨|24.1|24.5`): the grammar alone
    /// cannot read it.
    TableCell = "table_cell", Takes;
    /// A value cell of an indicator table that is only a number or a bound
    /// (`12.5`, `≥95`, `300以上`), in the unit of the row's unit cell.
    BareCell = "bare_cell", Takes;

    // ---- Stretches blocked before the scan.
    /// A fixed slogan of the lexicon (`slogans.txt`): numbered phrases of
    /// party language are names, not counts (`两个维护`, `十八大`).
    Slogan = "slogan", Blocks;
    /// A short quoted name holding a numeral (`“十村共建”`, `“4211”工程`):
    /// the name of a programme.
    QuotedName = "quoted_name", Blocks;
    /// Parallel numbered slogans: numerals each followed by one or two
    /// characters (`一心四区`, `五比五看五评`), not a range (`一至两个`), a
    /// decimal (`一点五万亩`) or a fraction (`四分之三`).
    ParallelSlogan = "parallel_slogan", Blocks;
    /// A clause holding `+`: a formula naming a model (`1+N+X`,
    /// `1个牵头单位+N个共建单位`), not counts.
    Formula = "formula", Blocks;

    // ---- Numerals the scan passes over.
    /// A numeral glued to letters, a dot or another numeral before it:
    /// part of a name or an identifier (`G302`, `PM2.5`, `V2.0`).
    PartOfAName = "part_of_a_name", Blocks;
    /// The second half of a range whose first half was turned down
    /// (`1-5月`: not `5月` alone).
    RangeTail = "range_tail", Blocks;
    /// A numeral after a word that makes it a label (`not_quantity_prefix`
    /// in `target_words.tsv`: `编号`, `热线`).
    NotQuantityPrefix = "not_quantity_prefix", Blocks;
    /// A unit that describes people or things (`60岁以上老年人`) rather than
    /// measuring a goal; the clause naming what it measures (`平均年龄`)
    /// makes it a target again.
    QualifierUnit = "qualifier_unit", Blocks;
    /// A unit written only after Arabic digits, after a Chinese numeral
    /// (`units.tsv` arabic_only): `一米阳光` is no length.
    ArabicOnlyUnit = "arabic_only_unit", Blocks;
    /// A unit word that is part of an adjective: `一次性`, `一批型`.
    UnitMisfit = "unit_misfit", Blocks;
    /// A rank out of the range ranks take (`前0`, `第五千`): a rank is 1 to
    /// 100 from the front, 1 to 1000 as an ordinal.
    RankRange = "rank_range", Blocks;

    // ---- Numbers the scan read that are no targets.
    /// An amount bounding a class of things (`50万元以上的村`, `10亿元以上
    /// 项目`), not a goal.
    MoneyClass = "money_class", Blocks;
    /// Points an assessment scheme takes or gives (`扣4分`, `加10分`), not a
    /// score to reach.
    ScoreStep = "score_step", Blocks;
    /// The step by which points are taken (`每低0.5个百分点扣4分`).
    ScoringRate = "scoring_rate", Blocks;
    /// The points an assessment item is worth, in brackets after the figure
    /// it asks for (`新增规上工业企业2家(20分)`).
    ItemWeight = "item_weight", Blocks;
    /// The most points a rule can give or take (`加分累计不超过5分`).
    ScoreCap = "score_cap", Blocks;
    /// The weight of a part of the assessment (`日常考核占40%`).
    WeightingShare = "weighting_share", Blocks;
    /// How many may be given a grade (`优秀等次不超过30%`).
    GradeQuota = "grade_quota", Blocks;
    /// A multiplier a scheme applies to pay or scores (`按1.2倍系数发放`).
    Coefficient = "coefficient", Blocks;
    /// The incident that triggers a penalty (`发生1起较大事故的扣20分`).
    PenaltyCondition = "penalty_condition", Blocks;
    /// A rank that picks out a class of units (`排名前三的镇评为一等`).
    RankQualifier = "rank_qualifier", Blocks;
    /// The capacity that names a project (`年产20万吨面粉加工项目`).
    CapacityQualifier = "capacity_qualifier", Blocks;
    /// The time allowed after an event for a routine step
    /// (`每季度结束后10个工作日内报送`).
    ProceduralWindow = "procedural_window", Blocks;
    /// How many are asked or checked in an assessment
    /// (`测评样本每个社区不少于100户`).
    SampleSize = "sample_size", Blocks;
    /// A Chinese-numbered count of the list the text names
    /// (`十项经济指标…`, `办好两件大事:`).
    ListCount = "list_count", Blocks;
    /// The whole a part is counted out of (`10个重点项目中尚有3个未开工`).
    GroupPart = "group_part", Blocks;
    /// A list the text refers back to (`年初确定的10件民生实事`).
    ListReference = "list_reference", Blocks;
    /// How often something must happen to trigger a measure
    /// (`连续两次预警的予以通报`).
    RepeatCondition = "repeat_condition", Blocks;
    /// Who answers for a task (`明确1名领导牵头`).
    DutyAssignment = "duty_assignment", Blocks;
    /// The things an average is taken over (`23座商务楼宇平均入驻率`).
    AveragePopulation = "average_population", Blocks;
    /// Short Chinese-numbered phrases in a series or quotes naming a
    /// programme (`实现五个突破、六个提升`).
    NumberedSlogan = "numbered_slogan", Blocks;
    /// The group something is one of (`为全国15个县市区之一`).
    GroupMember = "group_member", Blocks;
    /// All the places a goal is about (`全镇14个村`, `覆盖全部36个行政村`).
    UnitScope = "unit_scope", Blocks;
    /// Which sitting of a body (`人大三次会议`).
    MeetingOrdinal = "meeting_ordinal", Blocks;
    /// The text counting its own parts (`以下五个方面`).
    EnumerationNoun = "enumeration_noun", Blocks;
    /// The set a rank is taken in (`在十个镇(街)中排名`).
    RankScope = "rank_scope", Blocks;
    /// A bare `一` with a measure word is an article (`一种`, `一支队伍`)
    /// unless a counting verb comes before it or it closes its item.
    BareOne = "bare_one", Blocks;
    /// The same `一X` repeated close by is a rhythm of speech, not counts
    /// (`定一件干一件`, `解决一项、固化一项`).
    RepeatedOne = "repeated_one", Blocks;
    /// A number past the range of `f64` (hundreds of digits): no
    /// measurement, and JSON could not carry its value.
    NonFinite = "non_finite", Blocks;
    /// An amount right before a noun and a count describes what is counted
    /// (`引进5亿元企业5家`: the target is `5家`).
    QualifierAmount = "qualifier_amount", Blocks;
}

impl Rule {
    /// The rule's entry in [`RULES`].
    pub fn info(self) -> &'static RuleInfo {
        // `RULES` lists the variants in declaration order.
        &RULES[self as usize]
    }

    /// The stable snake_case name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// What the rule accepts or blocks, why, and an example.
    pub fn doc(self) -> &'static str {
        self.info().doc
    }

    pub fn verdict(self) -> Verdict {
        self.info().verdict
    }

    /// The rule of this name, if any.
    pub fn from_name(name: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.name == name).map(|r| r.rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_in_declaration_order_with_unique_names() {
        let mut names = std::collections::HashSet::new();
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.rule as usize, i, "{}", r.name);
            assert!(names.insert(r.name), "{} twice", r.name);
            assert!(!r.doc.trim().is_empty(), "{}", r.name);
            assert_eq!(Rule::from_name(r.name), Some(r.rule));
        }
    }
}
