//! What keeps a numeral from being a target: the stretches blocked before
//! the scan (slogans, quoted names, parallel slogans, formulas) and the
//! rules that turn down a number the scan has read.

use super::*;

/// Characters that stand for "a number of" in parallel slogans (`多村一品`):
/// the Chinese digits, `十`, `多` and `双` (the grammar of such slogans,
/// kept in code).
pub(super) static SLOGAN_NUMERALS: CharSet =
    CharSet::new(numeral::CHINESE_DIGITS).with(&['十', '多', '双']);

pub(super) fn is_slogan_numeral(c: char) -> bool {
    SLOGAN_NUMERALS.contains(c)
}

pub(super) static OPEN_QUOTES: CharSet = CharSet::new(&['“', '"', '「', '『', '《', '‘', '\'']);

/// Longest quoted name treated as a name (and so never holding a target).
pub(super) const MAX_QUOTED_NAME: usize = 14;

/// Positions in `[lo, hi)` where no target may start, each with the rule
/// that blocked it (the first that did).
pub(super) fn blocked_positions(
    t: &Text,
    lo: usize,
    hi: usize,
    starts: &lexicon::Starts,
) -> Vec<Option<Rule>> {
    let lx = t.lexicon();
    let cs = &t.chars;
    let mut blocked = vec![None; hi - lo];
    let mut block = |s: usize, e: usize, rule: Rule| {
        for b in blocked.iter_mut().take(e.min(hi) - lo).skip(s.max(lo) - lo) {
            b.get_or_insert(rule);
        }
    };
    // Fixed slogans from the lexicon.
    lx.slogans.each_in(&cs[lo..hi], starts, |_, s, e| {
        block(lo + s, lo + e, Rule::Slogan)
    });
    // Short quoted names holding a numeral.
    let mut i = lo;
    while i < hi {
        if OPEN_QUOTES.contains(cs[i]) {
            let close = closing_quote(cs[i]);
            if let Some(len) = (i + 1..hi.min(i + 2 + MAX_QUOTED_NAME)).position(|j| cs[j] == close)
            {
                let inner = &cs[i + 1..i + 1 + len];
                if inner.iter().any(|&c| is_numeral_char(c)) {
                    block(i + 1, i + 1 + len, Rule::QuotedName);
                }
                i += len + 2;
                continue;
            }
        }
        i += 1;
    }
    // Parallel numbered slogans: 一心四区, 两争一出, 五比五看五评, 一驿站一特色.
    for p in lo..hi {
        if !is_slogan_numeral(cs[p]) || (p > lo && is_numeral_char(cs[p - 1])) {
            continue;
        }
        for gap in 1..=2 {
            let q = p + 1 + gap;
            if q + 1 >= hi {
                break;
            }
            // The shape first (a numeral, then a Han character that is
            // none): three bitmap tests that rule out nearly every position
            // before the word lookups below.
            if !(is_slogan_numeral(cs[q]) && is_han(cs[q + 1]) && !is_slogan_numeral(cs[q + 1])) {
                continue;
            }
            // `一至两个` is a range, not a slogan.
            let middle_ok = cs[p + 1..q].iter().all(|&c| {
                is_han(c)
                    && !is_numeral_char(c)
                    && !matches!(c, '至' | '到')
                    && !lx.is_word_char(WordRole::AlternativeConjunction, c)
                    && !lx.is_word_char(WordRole::ListConjunction, c)
            });
            // `一点五万亩`, `二点五个百分点`: a Chinese decimal before its
            // multiplier or unit, not `一点一策`.
            let decimal = gap == 1
                && cs[p + 1] == '点'
                && (numeral::big_unit(cs[q + 1]).is_some()
                    || lx.unit_at(&cs[..hi], q + 1).is_some());
            // `四分之三`: a fraction.
            let fraction = gap == 2 && cs[p + 1] == '分' && cs[p + 2] == '之';
            if middle_ok && !decimal && !fraction {
                let mut e = q + 2;
                if gap == 2 && e < hi && is_han(cs[e]) && !is_slogan_numeral(cs[e]) {
                    e += 1;
                }
                block(p, e, Rule::ParallelSlogan);
                break;
            }
        }
    }
    // Formula clauses: `1+N+X`, `1个牵头单位+N个共建单位`; most goals
    // hold no `+`, and their clauses are not walked.
    if cs[lo..hi].contains(&'+') {
        let mut start = lo;
        for j in lo..=hi {
            if j == hi || is_boundary(cs[j]) {
                if cs[start..j].contains(&'+') {
                    block(start, j, Rule::Formula);
                }
                start = j + 1;
            }
        }
    }
    blocked
}

pub(super) fn closing_quote(open: char) -> char {
    match open {
        '“' => '”',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        '‘' => '’',
        c => c,
    }
}

/// Is the number written in Chinese numerals (`十项`, `两件`)? Counts that
/// name a list or a slogan are, as a rule; figures to be met are in digits.
pub(super) fn chinese_count(cs: &[char], f: &Found) -> bool {
    cs.get(f.num_start)
        .is_some_and(|&c| numeral::starts_chinese(c) || c == '两')
}

/// The han characters after `at`, up to `max` of them.
pub(super) fn han_run(cs: &[char], at: usize, hi: usize, max: usize) -> usize {
    cs[at.min(hi)..hi]
        .iter()
        .take(max + 1)
        .take_while(|&&c| is_han(c))
        .count()
}

/// Rule `score_step`: `扣4分`, `加10分`, `其余150分` — points an assessment
/// scheme takes or gives by its rules, not a figure a unit must reach. An
/// item's weight (`债务管理(0.3分)`) and a score to reach (`得分不低于95分`)
/// stay targets.
pub(super) fn is_score(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    &*f.unit == "分"
        && (word_ending_at(lx.words(WordRole::ScoreStep), &cs[cstart..], f.start - cstart).is_some()
            // `扣减该单位绩效考核2分`: a two-character step word earlier in
            // the clause, with no other number between.
            || lx.words(WordRole::ScoreStep).iter().any(|w| {
                w.len() >= 2
                    && cs[cstart..f.start]
                        .windows(w.len())
                        .rposition(|win| win == w.as_slice())
                        .is_some_and(|p| {
                            !cs[cstart + p..f.start].iter().any(|&c| c.is_ascii_digit())
                        })
            }))
}

/// Where the sentence holding `at` starts within `[lo, at)`: after the last
/// full stop (or semicolon) before it.
pub(super) fn sentence_start(cs: &[char], lo: usize, at: usize) -> usize {
    (lo..at)
        .rev()
        .find(|&j| matches!(cs[j], '。' | ';' | '!' | '?'))
        .map_or(lo, |j| j + 1)
}

/// Rule `item_weight`: `新增规上工业企业2家(20分)`, `满意率90%以上(10分)` —
/// the points an assessment item is worth, written in brackets after the
/// figure the item asks for. An item whose only number is its weight
/// (`债务管理(0.3分)`) keeps it: there the weight is all the item states.
pub(super) fn item_weight(cs: &[char], lo: usize, hi: usize, f: &Found) -> bool {
    if &*f.unit != "分" || f.start == 0 || f.end >= hi {
        return false;
    }
    let opened = matches!(cs[f.start - 1], '(' | '（' | '︵');
    let closed = matches!(cs[f.end], ')' | '）' | '︶');
    if !(opened && closed) {
        return false;
    }
    let a = sentence_start(cs, lo, f.start);
    cs[a..f.start - 1]
        .iter()
        .any(|&c| is_numeral_char(c) && c != '一')
}

/// Rule `score_cap`: `加分累计不超过5分`, `累计最高不超过30分` — the most
/// points a scheme's rule can give or take, not a score to reach.
pub(super) fn score_cap(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    &*f.unit == "分"
        && lx
            .words(WordRole::ScoreCapContext)
            .iter()
            .any(|w| contains(&cs[cstart..f.start], w))
}

/// Rule `weighting_share`: `日常考核占40%`, `年终考评占总分的60%` — the
/// weight of a part of the assessment, not a figure to reach. The part is
/// named right before `占` (`考核合格村占比80%` is a share to reach).
pub(super) fn weighting_share(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    if f.kind != TargetKind::Percent {
        return false;
    }
    let Some(at) = cs[cstart..f.start].iter().rposition(|&c| c == '占') else {
        return false;
    };
    let at = cstart + at;
    let nouns = lx.words(WordRole::WeightingNoun);
    f.start - at <= 5
        && (word_ending_at(nouns, &cs[cstart..], at - cstart).is_some()
            || word_starting_at(nouns, &cs[..f.start], at + 1).is_some())
}

/// Rule `grade_quota`: `优秀等次不超过社区总数的30%`, `“一类村”比例不超过30%`
/// — how many may be given a grade, not a goal for the units graded.
pub(super) fn grade_quota(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    f.kind == TargetKind::Percent
        && matches!(f.comparator, Comparator::Lte | Comparator::Lt)
        && lx
            .words(WordRole::GradeWord)
            .iter()
            .any(|w| contains(&cs[cstart..f.start], w))
}

/// Rule `coefficient`: `按1.2倍系数发放` — a multiplier a scheme applies to
/// pay or scores, not a growth to reach.
pub(super) fn coefficient(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    &*f.unit == "倍"
        && (0..=1).any(|k| {
            word_starting_at(lx.words(WordRole::CoefficientWord), &cs[..hi], f.end + k).is_some()
        })
}

/// Rule `penalty_condition`: `发生1起较大事故的扣20分`, `发生1起一票否决` —
/// the incident that triggers a penalty, not a count to reach.
pub(super) fn penalty_condition(
    lx: &Lexicon,
    cs: &[char],
    cstart: usize,
    hi: usize,
    f: &Found,
) -> bool {
    if f.kind != TargetKind::Count {
        return false;
    }
    let incident = lx
        .words(WordRole::IncidentVerb)
        .iter()
        .any(|w| ends_with_word(&cs[cstart..f.start], w));
    if !incident {
        return false;
    }
    let end = (f.end..hi)
        .find(|&j| matches!(cs[j], '。' | ';'))
        .unwrap_or(hi);
    lx.words(WordRole::PenaltyWord)
        .iter()
        .any(|w| contains(&cs[f.end.min(end)..end], w))
}

/// Rule `rank_qualifier`: `考核结果排名前三的镇(街道)评为一等` — a rank that
/// picks out a class of units, not a rank to reach.
pub(super) fn rank_qualifier(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    if f.kind != TargetKind::Rank || f.end + 1 >= hi || cs[f.end] != '的' {
        return false;
    }
    word_starting_at(lx.words(WordRole::AdminUnit), &cs[..hi], f.end + 1).is_some()
}

/// Rule `capacity_qualifier`: `年产20万吨面粉深加工项目`, `日处理500吨的
/// 污水处理厂` — the capacity that names a project, not an output to reach.
pub(super) fn capacity_qualifier(
    lx: &Lexicon,
    cs: &[char],
    cstart: usize,
    hi: usize,
    f: &Found,
) -> bool {
    let verb = lx.words(WordRole::CapacityVerb).iter().any(|w| {
        let mut b = f.start;
        while b > cstart && crate::text::is_space(cs[b - 1]) {
            b -= 1;
        }
        ends_with_word(&cs[cstart..b], w)
    });
    if !verb {
        return false;
    }
    // The project noun follows within the clause.
    let end = clause_end(cs, hi, f.end).min(f.end + 16);
    (f.end..end).any(|j| word_starting_at(lx.words(WordRole::ProjectNoun), &cs[..end], j).is_some())
}

/// Rule `procedural_window`: `每季度结束后10个工作日内报送`, `收到通知后3日内
/// 反馈` — the time allowed after an event for a routine step, not a
/// duration to reach (`企业开办压缩至1个工作日以内` stays one).
pub(super) fn procedural_window(cs: &[char], cstart: usize, hi: usize, f: &Found) -> bool {
    f.kind == TargetKind::Duration
        && f.start > cstart
        && cs[cstart..f.start].ends_with(&['后'])
        && matches!(cs.get(f.end.min(hi)), Some('内'))
}

/// Rule `sample_size`: `群众测评样本每个社区不少于100户` — how many are
/// asked or checked in an assessment, not a goal for the unit. Only a
/// count: `抽检合格率98%` is a rate to reach.
pub(super) fn sample_size(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    f.kind == TargetKind::Count
        && lx
            .words(WordRole::SampleWord)
            .iter()
            .any(|w| contains(&cs[cstart..f.start], w))
}

/// Rule `duty_assignment`: `每项任务明确1名局领导牵头、1个股室具体负责` — who
/// answers for a task, not a count to reach.
pub(super) fn duty_assignment(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    if f.kind != TargetKind::Count || f.value > 3.0 {
        return false;
    }
    // `新建3个服务站负责代办`: things to make, who then serve.
    if word_ending_at(lx.words(WordRole::CountVerb), cs, f.start).is_some() {
        return false;
    }
    let end = clause_end(cs, hi, f.end).min(f.end + 10);
    let mut j = f.end;
    while j < end && cs[j] != '、' {
        if word_starting_at(lx.words(WordRole::DutyVerb), &cs[..end], j).is_some() {
            return true;
        }
        j += 1;
    }
    false
}

/// Rule `average_population`: `辖区23座商务楼宇平均入驻率由82%提升至86.5%` —
/// the things an average is taken over, not a count to reach.
pub(super) fn average_population(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    if f.kind != TargetKind::Count {
        return false;
    }
    let end = clause_end(cs, hi, f.end).min(f.end + 10);
    (f.end..end)
        .take_while(|&j| is_han(cs[j]) || crate::text::is_space(cs[j]))
        .any(|j| word_starting_at(lx.words(WordRole::AverageWord), &cs[..end], j).is_some())
}

/// Rule `group_part`: `全年10个重点项目中尚有3个未开工`, `全乡24个村中还有5个
/// 村…` — the whole a part is counted out of, not a goal.
pub(super) fn group_of_a_part(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    let end = clause_end(cs, hi, f.end).min(f.end + 10);
    let Some(mid) = (f.end..end).find(|&j| cs[j] == '中') else {
        return false;
    };
    if !cs[f.end..mid]
        .iter()
        .all(|&c| is_han(c) || crate::text::is_space(c))
    {
        return false;
    }
    // `中` closing the whole (`项目中尚有`), not inside a word (`服务中心`).
    let after = mid + 1 + numeral::spaces_at(&cs[..hi], mid + 1);
    if word_starting_at(lx.words(WordRole::PartVerb), &cs[..hi], after).is_none() {
        return false;
    }
    cs[mid + 1..(mid + 6).min(hi)]
        .iter()
        .take_while(|&&c| !is_boundary(c))
        .any(|&c| c.is_ascii_digit() || numeral::starts_chinese(c))
}

/// Rule `scoring_rate`: `每低0.5个百分点扣4分`, `每少1个项目扣5分` — the
/// step by which points are taken, not a goal.
pub(super) fn scoring_rate(lx: &Lexicon, cs: &[char], cstart: usize, f: &Found) -> bool {
    let before = &cs[cstart..f.start];
    lx.words(WordRole::ScoringStep).iter().any(|w| {
        ends_with_word(before, w)
            && before.len() > w.len()
            && before[before.len() - w.len() - 1] == '每'
    })
}

/// Rule `list_count`: `十项经济指标全年取得6项正增长`, `办好两件大事:…` —
/// a count of the list the text is about to name or has named (its
/// subject, or a count right before a colon), not a goal.
pub(super) fn counts_a_list(
    lx: &Lexicon,
    cs: &[char],
    cstart: usize,
    hi: usize,
    f: &Found,
) -> bool {
    if !chinese_count(cs, f) {
        return false;
    }
    let run = han_run(cs, f.end, hi, 8);
    let names_list = list_noun_after(lx, cs, f.end, run, 6);
    let subject = cs[cstart..f.start].iter().all(|c| c.is_whitespace());
    let colon = run <= 6 && matches!(cs.get(f.end + run), Some(':'));
    // `优秀、良好、合格、不合格四个等次`, `“一类村”“二类村”三个等次`: the
    // items were just named.
    let named_before =
        f.start > cstart && (cs[cstart..f.start].contains(&'、') || cs[f.start - 1] == '”');
    names_list && (subject || colon || named_before)
}

/// Rule `list_reference`: `年初确定的10件民生实事全部完成`, `年初承诺的十件
/// 民生实事` — a list the text refers back to (`…的`), not a new count.
pub(super) fn refers_to_a_list(
    lx: &Lexicon,
    cs: &[char],
    cstart: usize,
    hi: usize,
    f: &Found,
) -> bool {
    if f.start <= cstart + 1 || cs[f.start - 1] != '的' {
        return false;
    }
    // Set earlier (`年初确定的`), not merely left over (`剩余的32个问题`).
    if word_ending_at(
        lx.words(WordRole::ListSettingVerb),
        &cs[cstart..],
        f.start - 1 - cstart,
    )
    .is_none()
    {
        return false;
    }
    list_noun_after(lx, cs, f.end, han_run(cs, f.end, hi, 8), 4)
}

/// Does a `list_noun` (`指标`, `实事`) start within `gap` characters after
/// `at`, inside the run of `run` han characters there (`十项经济指标`)?
pub(super) fn list_noun_after(
    lx: &Lexicon,
    cs: &[char],
    at: usize,
    run: usize,
    gap: usize,
) -> bool {
    (0..=run.min(gap)).any(|k| {
        word_starting_at(lx.words(WordRole::ListNoun), cs, at + k)
            .is_some_and(|w| k + w.len() <= run)
    })
}

/// Rule `repeat_condition`: `连续两次预警的予以通报`, `对连续两个季度排名后三位
/// 的村` — how often something must happen to trigger a measure.
pub(super) fn repeat_condition(
    lx: &Lexicon,
    cs: &[char],
    cstart: usize,
    hi: usize,
    f: &Found,
) -> bool {
    let before = &cs[cstart..f.start];
    if !lx
        .words(WordRole::RepeatWord)
        .iter()
        .any(|w| ends_with_word(before, w))
    {
        return false;
    }
    let end = clause_end(cs, hi, f.end);
    cs[f.end.min(end)..end].contains(&'的')
}

/// Rule `numbered_slogan`: `“一个中心、两条主线”`, `实现五个突破、六个提升` —
/// short Chinese-numbered phrases in a series or in quotes name a
/// programme; a count verb before them (`建成三个示范村、两个…`) makes them
/// real counts again.
pub(super) fn numbered_slogan(
    lx: &Lexicon,
    cs: &[char],
    cstart: usize,
    hi: usize,
    f: &Found,
) -> bool {
    if !chinese_count(cs, f) {
        return false;
    }
    let run = han_run(cs, f.end, hi, 3);
    if !(1..=3).contains(&run) {
        return false;
    }
    let after = cs.get(f.end + run).copied();
    let before = f.start.checked_sub(1).and_then(|i| cs.get(i)).copied();
    let quoted = before == Some('“') || after == Some('”');
    // The next or the previous item of the series is numbered the same way.
    let numeral_at = |i: usize| {
        cs.get(i)
            .is_some_and(|&c| numeral::starts_chinese(c) || c == '两')
    };
    let series = (after == Some('、') && numeral_at(f.end + run + 1))
        || (before == Some('、') && (3..=6).any(|k| f.start >= k && numeral_at(f.start - k)));
    let counted = cs[cstart..f.start]
        .iter()
        .rposition(|&c| c == '“' || c == '、')
        .map_or(f.start, |i| cstart + i);
    let verb = word_ending_at(lx.words(WordRole::CountVerb), cs, counted.min(f.start)).is_some()
        || word_ending_at(lx.words(WordRole::CountVerb), cs, f.start).is_some();
    (quoted || series) && !verb
}

/// Rule `unit_scope`: `全镇14个村集体经济收入均超过5万元`, `覆盖全部36个行政村`,
/// `区内8个街道` — all the places a goal is about, not a number to reach.
pub(super) fn scope_of_units(
    lx: &Lexicon,
    cs: &[char],
    cstart: usize,
    hi: usize,
    f: &Found,
) -> bool {
    let mut b = f.start;
    while b > cstart && cs[b - 1] == ' ' {
        b -= 1;
    }
    let scoped = word_ending_at(lx.words(WordRole::ScopeWord), &cs[cstart..], b - cstart).is_some();
    let mut a = f.end.min(hi);
    while a < hi && cs[a] == ' ' {
        a += 1;
    }
    // What is counted: the measure word's noun, or the unit itself (`14个村`).
    let counted = word_starting_at(lx.words(WordRole::AdminUnit), &cs[..hi], a).is_some()
        || starts_word_across_wrap(lx.words(WordRole::AdminUnit), &cs[..hi], a)
        || (f.end > 0 && word_ending_at(lx.words(WordRole::AdminUnit), cs, f.end).is_some());
    if !counted {
        return false;
    }
    // `8个村集体经济收入全部达到5万元以上`: all of the places reach it.
    let end = clause_end(cs, hi, f.end);
    let all_of = lx
        .words(WordRole::AllWord)
        .iter()
        .any(|w| contains(&cs[a.min(end)..end], w));
    // `城区组(3个街道、1个镇)`: the make-up of a group named before the bracket.
    let bracketed = cstart > 0
        && matches!(cs[cstart - 1], '(' | '（')
        && matches!(cs.get(end), Some(')' | '）'));
    // `将12个镇(街道)分为两类`: the places a scheme divides.
    let divided = (a..(a + 12).min(hi))
        .any(|j| word_starting_at(lx.words(WordRole::DivideVerb), &cs[..hi], j).is_some());
    // `全县9个镇、3个街道`: the next item of a scope's list.
    let listed = {
        let before = &cs[cstart..b];
        before.last() == Some(&'、')
            && lx
                .words(WordRole::ScopeWord)
                .iter()
                .any(|w| contains(before, w))
    };
    scoped || all_of || bracketed || divided || listed
}

/// Does one of `words` start at `at` when a single wrapped line break
/// inside it is left out (`行⏎政村`)? A goal's text holds a line break only
/// where the line splitter found a wrap.
pub(super) fn starts_word_across_wrap(words: &[Vec<char>], cs: &[char], at: usize) -> bool {
    let window = &cs[at.min(cs.len())..(at + 12).min(cs.len())];
    let Some(brk) = window.iter().position(|&c| c == '\n') else {
        return false;
    };
    if brk == 0 {
        return false;
    }
    let joined: Vec<char> = window
        .iter()
        .enumerate()
        .filter(|&(i, &c)| i != brk && !(i > brk && crate::text::is_space(c) && i == brk + 1))
        .map(|(_, &c)| c)
        .collect();
    word_starting_at(words, &joined, 0).is_some_and(|w| w.len() > brk)
}

/// Rule `group_member`: `为全国15个县市区之一` — the group something is
/// one of, not a goal.
pub(super) fn one_of_a_group(cs: &[char], hi: usize, f: &Found) -> bool {
    let ahead = &cs[f.end.min(hi)..(f.end + 10).min(hi)];
    let clause: Vec<char> = ahead
        .iter()
        .copied()
        .take_while(|&c| !is_boundary(c))
        .collect();
    clause.windows(2).any(|w| w == ['之', '一'])
}

/// Rule `meeting_ordinal`: `十八届人大三次会议`, `三次全会` — which sitting
/// of a body, not how many meetings to hold.
pub(super) fn meeting_ordinal(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    &*f.unit == "次"
        && word_starting_at(lx.words(WordRole::MeetingWord), &cs[..hi], f.end).is_some()
}

/// `引进5亿元企业5家`, `100万以上税源项目2个`: an amount directly followed by
/// a noun and then a count describes what is counted.
pub(super) fn drop_qualifiers(
    cs: &[char],
    found: &mut Vec<Found>,
    observe: &mut impl FnMut(Event<'_>),
) {
    let mut drop = vec![false; found.len()];
    for a in 0..found.len().saturating_sub(1) {
        let (x, y) = (&found[a], &found[a + 1]);
        if !matches!(
            x.kind,
            TargetKind::Money | TargetKind::Area | TargetKind::Weight
        ) || y.kind != TargetKind::Count
        {
            continue;
        }
        let gap = &cs[x.end..y.start.max(x.end)];
        if !gap.is_empty() && gap.len() <= 8 && gap.iter().all(|&c| is_han(c) && c != '的') {
            drop[a] = true;
        }
    }
    let mut k = 0;
    found.retain(|f| {
        k += 1;
        if drop[k - 1] {
            observe(Event::Dropped {
                f,
                rule: Rule::QualifierAmount,
            });
        }
        !drop[k - 1]
    });
}

/// The rule that turns down the number `f` the scan has read, in the order
/// the grammar tries them; `None` when it stays a target.
pub(super) fn blocking_rule(
    lx: &Lexicon,
    cs: &[char],
    lo: usize,
    hi: usize,
    cstart: usize,
    f: &Found,
) -> Option<Rule> {
    // Each check with the rule it stands for, tried in this order until one
    // holds; the rules of the second list apply to counts only.
    type Check<'a> = (Rule, &'a dyn Fn() -> bool);
    let any_kind: [Check; 13] = [
        (Rule::MoneyClass, &|| money_class(cs, hi, f)),
        (Rule::ScoreStep, &|| is_score(lx, cs, cstart, f)),
        (Rule::ScoringRate, &|| scoring_rate(lx, cs, cstart, f)),
        (Rule::ItemWeight, &|| item_weight(cs, lo, hi, f)),
        (Rule::ScoreCap, &|| score_cap(lx, cs, cstart, f)),
        (Rule::WeightingShare, &|| weighting_share(lx, cs, cstart, f)),
        (Rule::GradeQuota, &|| grade_quota(lx, cs, cstart, f)),
        (Rule::Coefficient, &|| coefficient(lx, cs, hi, f)),
        (Rule::PenaltyCondition, &|| {
            penalty_condition(lx, cs, cstart, hi, f)
        }),
        (Rule::RankQualifier, &|| rank_qualifier(lx, cs, hi, f)),
        (Rule::CapacityQualifier, &|| {
            capacity_qualifier(lx, cs, cstart, hi, f)
        }),
        (Rule::ProceduralWindow, &|| {
            procedural_window(cs, cstart, hi, f)
        }),
        (Rule::SampleSize, &|| sample_size(lx, cs, cstart, f)),
    ];
    let counts: [Check; 14] = [
        (Rule::ListCount, &|| counts_a_list(lx, cs, cstart, hi, f)),
        (Rule::GroupPart, &|| group_of_a_part(lx, cs, hi, f)),
        (Rule::ListReference, &|| {
            refers_to_a_list(lx, cs, cstart, hi, f)
        }),
        (Rule::RepeatCondition, &|| {
            repeat_condition(lx, cs, cstart, hi, f)
        }),
        (Rule::DutyAssignment, &|| duty_assignment(lx, cs, hi, f)),
        (Rule::AveragePopulation, &|| {
            average_population(lx, cs, hi, f)
        }),
        (Rule::NumberedSlogan, &|| {
            numbered_slogan(lx, cs, cstart, hi, f)
        }),
        (Rule::GroupMember, &|| one_of_a_group(cs, hi, f)),
        (Rule::UnitScope, &|| scope_of_units(lx, cs, cstart, hi, f)),
        (Rule::MeetingOrdinal, &|| meeting_ordinal(lx, cs, hi, f)),
        (Rule::EnumerationNoun, &|| enumeration_noun(lx, cs, f)),
        (Rule::RankScope, &|| rank_scope(lx, cs, lo, hi, f)),
        (Rule::BareOne, &|| bare_one(lx, cs, hi, f)),
        (Rule::RepeatedOne, &|| repeated_one(cs, hi, cstart, f)),
    ];
    let first = |checks: &[Check]| {
        checks
            .iter()
            .find(|(_, holds)| holds())
            .map(|&(rule, _)| rule)
    };
    first(&any_kind).or_else(|| {
        (f.kind == TargetKind::Count)
            .then(|| first(&counts))
            .flatten()
    })
}

/// Rule `money_class`: `50万元以上的村`, `10亿元以上项目` — an amount
/// bounding a class of things, not a goal.
fn money_class(cs: &[char], hi: usize, f: &Found) -> bool {
    f.kind == TargetKind::Money
        && matches!(
            f.comparator,
            Comparator::Gte | Comparator::Lte | Comparator::Gt | Comparator::Lt
        )
        && {
            let after = f.end + numeral::spaces_at(&cs[..hi], f.end);
            after < hi && (cs[after] == '的' || is_han(cs[after]))
        }
}

/// Rule `enumeration_noun`: `以下五个方面` — the text counting its own
/// parts.
fn enumeration_noun(lx: &Lexicon, cs: &[char], f: &Found) -> bool {
    word_starting_at(lx.words(WordRole::EnumerationNoun), cs, f.end).is_some()
}

/// Rule `rank_scope`: `在十个镇(街)中排名…` — the set a rank is taken in,
/// not a goal.
fn rank_scope(lx: &Lexicon, cs: &[char], lo: usize, hi: usize, f: &Found) -> bool {
    let scope = region_before(lx, cs, lo, f.start);
    f.start > lo + scope && cs[f.start - scope - 1] == '在' && {
        let ahead = &cs[f.end.min(hi)..(f.end + 8).min(hi)];
        ahead
            .iter()
            .take_while(|&&c| !matches!(c, ',' | '。' | ';'))
            .any(|&c| c == '中')
    }
}

/// Rule `bare_one`: a bare `一` is an article (`这是一种…`) unless the
/// clause counts with it: a counting verb before it, or the count closing
/// its list item (`走访联系户一次、撰写调研报告一篇`).
fn bare_one(lx: &Lexicon, cs: &[char], hi: usize, f: &Found) -> bool {
    if !f.bare_one || f.comparator != Comparator::Eq {
        return false;
    }
    let verb = word_ending_at(lx.words(WordRole::CountVerb), cs, f.start).is_some();
    let clause_final = f.end >= hi || is_boundary(cs[f.end]) || cs[f.end] == '、';
    !(verb || clause_final)
}

/// Rule `repeated_one`: `定一件干一件`, `解决一项、固化一项` — the same bare
/// `一X` repeated close by is a rhythm of speech, not two counts.
fn repeated_one(cs: &[char], hi: usize, cstart: usize, f: &Found) -> bool {
    if !f.bare_one || f.kind != TargetKind::Count {
        return false;
    }
    let word = &cs[f.num_start..f.end];
    let near = &cs
        [f.num_start.saturating_sub(10).max(cstart)..(f.end + 10).min(clause_end(cs, hi, f.end))];
    near.windows(word.len()).filter(|w| *w == word).count() > 1
}

#[cfg(test)]
mod tests {
    use crate::quantity::target::tests::texts;

    #[test]
    fn list_count() {
        assert_eq!(
            texts("十项经济指标全年取得6项正增长,其中4项增速居全县前列。"),
            vec!["6项", "4项"]
        );
        assert!(texts("办好两件大事:老街改造和文化中心建设。").is_empty());
        // A count to reach is still one.
        assert_eq!(texts("全年办成十件民生实事。"), vec!["十件"]);
    }

    #[test]
    fn numbered_slogan() {
        assert!(texts("坚持“一个中心、两条主线”发展思路,实现五个突破、六个提升。").is_empty());
        assert_eq!(
            texts("推动广场周边三条道路、振华北路项目开工。"),
            vec!["三条"]
        );
        assert_eq!(
            texts("建成三个示范村、两个美丽庭院示范带。"),
            vec!["三个", "两个"]
        );
    }

    #[test]
    fn group_member_and_meeting_ordinal() {
        assert!(texts("我县被确定为全国15个县市区之一。").is_empty());
        assert!(texts("认真贯彻县十八届人大三次会议精神。").is_empty());
        assert_eq!(texts("全年召开三次联席会议。"), vec!["三次"]);
    }

    #[test]
    fn unit_scope() {
        assert_eq!(
            texts("全镇14个村集体经济收入均超过5万元。"),
            vec!["超过5万元"]
        );
        assert!(texts("服务覆盖全部36个行政村。").is_empty());
        assert_eq!(texts("在13个社区开展文明创建。"), vec!["13个"]);
        assert_eq!(texts("新建3个示范村。"), vec!["3个"]);
    }

    #[test]
    fn qualifier_over_an_amount() {
        assert_eq!(texts("扶持年收入超50万元的经济强村8个。"), vec!["8个"]);
    }

    #[test]
    fn assessment_scheme_rules() {
        // An item's weight after the figure it asks for; a lone weight stays.
        assert_eq!(texts("新增规上工业企业2家(20分)。"), vec!["2家"]);
        assert_eq!(texts("债务管理(0.3分)"), vec!["0.3分"]);
        assert_eq!(texts("群众满意率90%以上︵10分︶。"), vec!["90%以上"]);
        // Caps, weights, quotas, coefficients, incidents, classes of units.
        assert!(texts("同一事项按最高级别计分,加分累计不超过5分。").is_empty());
        assert!(
            texts("采取日常考核与年终考评相结合的方式,日常考核占40%,年终考评占60%。").is_empty()
        );
        assert!(texts("优秀等次不超过社区总数的30%。").is_empty());
        assert!(texts("“一类村”村干部绩效报酬按1.2倍系数发放。").is_empty());
        assert!(texts("发生1起较大事故的扣20分。").is_empty());
        assert!(texts("考核结果排名前三的镇(街道)评为一等。").is_empty());
        assert!(texts("辖区刑事警情同比下降5%,每上升1个百分点扣1分。").len() == 1);
        // A score or a rank to reach is still a target.
        assert_eq!(texts("综合考核得分不低于95分。"), vec!["不低于95分"]);
        assert_eq!(texts("力争全县排名前三。"), vec!["排名前三"]);
        assert_eq!(texts("安全事故起数下降10%以上。"), vec!["下降10%以上"]);
    }

    #[test]
    fn qualifiers_and_wholes() {
        assert!(texts("推进年产20万吨面粉深加工项目建设。").is_empty());
        assert_eq!(texts("面粉年产量达到20万吨。"), vec!["20万吨"]);
        assert_eq!(texts("全年10个重点项目中尚有3个未开工。"), vec!["3个"]);
        assert_eq!(
            texts("其中注册资本 5000 万元以上 企业 9 家。"),
            vec!["9 家"]
        );
    }

    #[test]
    fn places_lists_and_conditions() {
        // All of a set of places, a group's make-up, a division, a list.
        assert_eq!(
            texts("8个村集体经济收入全部达到5万元以上。"),
            vec!["5万元以上"]
        );
        assert_eq!(
            texts("分为城区组(3个街道、1个镇)和乡镇组(8个镇)。"),
            Vec::<String>::new()
        );
        assert!(texts("将12个镇(街道)分为两类。").is_empty());
        assert!(texts("结合全县9个镇、3个街道实际,制定本细则。").is_empty());
        assert!(texts("考核结果分为优秀、良好、合格、不合格四个等次。").is_empty());
        assert!(texts("年初确定的10件民生实事全部完成。").is_empty());
        assert!(texts("对连续两个季度排名后三位的村进行约谈。").is_empty());
        // Still counts: places to build in, problems left, repeats to reach.
        assert_eq!(texts("完成18个村美丽乡村建设。"), vec!["18个"]);
        assert_eq!(
            texts("6月底前完成目前剩余的32个拆迁问题解决。"),
            vec!["32个"]
        );
        assert_eq!(texts("全年连续开展4次专项整治。"), vec!["4次"]);
    }

    #[test]
    fn routine_and_population_numbers() {
        assert!(
            texts("须在每季度结束后10个工作日内报送考核数据,逾期未报的,扣减该单位绩效考核2分。")
                .is_empty()
        );
        assert_eq!(
            texts("企业开办时间压缩至1个工作日以内。"),
            vec!["1个工作日以内"]
        );
        assert!(texts("群众测评样本每个社区不少于100户。").is_empty());
        assert_eq!(texts("食品抽样检测合格率达到98%。"), vec!["98%"]);
        assert_eq!(texts("村级考核合格村占比达到80%。"), vec!["80%"]);
        assert!(texts("每项任务明确1名局领导牵头、1个股室具体负责。").is_empty());
        assert_eq!(
            texts("辖区23座商务楼宇平均入驻率提升至86.5%。"),
            vec!["提升至86.5%"]
        );
        // A count of people to train, places to build: still targets.
        assert_eq!(texts("培训村干部200名。"), vec!["200名"]);
        assert_eq!(texts("新建3个村级服务站负责代办。"), vec!["3个"]);
    }

    #[test]
    fn scope_across_a_wrap() {
        assert_eq!(
            texts("全部 36 个行\n政村集体经济收入超过 8 万元。"),
            vec!["超过 8 万元"]
        );
    }

    #[test]
    fn not_targets() {
        for s in [
            "协调配合完成302省道改扩建",
            "学习贯彻党的十八大精神",
            "以“一心四区”为统领",
            "完成四好公路刷黑工作",
            "深化“1+N+X”党建联建模式(1个牵头单位+N个共建单位+X个项目)",
            "完成第三批美丽乡村建设",
            "从2022年起开展创建活动",
            "1-5月规模工业产值",
            "加大60岁以上老年人疫苗接种宣传力度",
            "提拔80后社区书记",
            "大力弘扬“四敢”精神,坚决克服四平八稳的落后思想",
            "努力推进各项工作定一件干一件、干一件成一件",
            "解决一项、固化一项",
            "为街道磨砺出一支“心中有信仰”的队伍",
            "党建工作力争在十个镇(街)中排名前列",
            "坚决做到“两个维护”",
            "有排名的争第一",
            "排名进入第一方阵",
            "做好残疾人两项补贴工作",
        ] {
            assert!(texts(s).is_empty(), "{s}: {:?}", texts(s));
        }
    }

    #[test]
    fn qualifier_amount_before_a_count() {
        let ts = texts("引进5亿元企业5家、1亿元企业8家");
        assert_eq!(ts, vec!["5家", "8家"]);
        let ts = texts("推进好投资13亿元的5个项目建设");
        assert_eq!(ts, vec!["13亿元", "5个"]);
    }

    #[test]
    fn bare_one_needs_a_counting_verb() {
        assert_eq!(texts("打造一个国家级“扫黄打非”示范社区"), vec!["一个"]);
        assert_eq!(texts("每季度至少召开一次联席会"), vec!["至少召开一次"]);
        assert_eq!(texts("策划社区公益创投项目一场,撬动居民参与"), vec!["一场"]);
        assert!(texts("这是一种犯罪").is_empty());
    }
}
