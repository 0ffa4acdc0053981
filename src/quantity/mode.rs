//! Whether a number is a goal to reach, a result already reached or a
//! situation described, decided clause by clause.
//!
//! A section's role gives every goal a default (`summary` → achievement,
//! `plan` → target), but documents mix the three inside one paragraph: a
//! 2024 plan opens with `2023年全街实现地区生产总值58.2亿元,同比增长6.1%`
//! (results) before `2024年力争…增长6%以上` (a goal); a report says
//! `全年任务为1800人,实际完成1850人` (a goal, then its result). The words
//! near the number say which it is (`mode_cues.tsv`), and so does a year
//! earlier than the one the document plans for. The default holds where
//! the text says nothing.

use crate::lexicon::{Cue, Reach, Starts, WordRole};
use crate::model::{GoalMode, Span, TargetMode};
use crate::text::Text;

/// A cue found in a goal: where it is and what it says.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    cue: Cue,
    reach: Reach,
}

/// The mode cues of one goal, found once for all its numbers and deadlines.
#[derive(Debug)]
pub struct Cues {
    goal: Span,
    mode: GoalMode,
    /// In text order; a cue inside a longer one is left out.
    found: Vec<Found>,
    /// Where the goal's sentences and clauses end (positions of the
    /// punctuation, in text order), so that [`Cues::mode_at`] finds the
    /// sentence and clause of a number by a binary search instead of
    /// walking back over the text: a goal of one very long sentence (a
    /// whole document without full stops) would otherwise cost a walk to
    /// its start for every number in it.
    sentence_ends: Vec<usize>,
    clause_ends: Vec<usize>,
}

/// Ends a sentence: cues of sentence reach stop here.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?')
}

/// Ends a clause: cues of clause reach stop here.
fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, ',' | ';' | ':')
}

impl Cues {
    pub fn find(t: &Text, goal: Span, mode: GoalMode, year: Option<i32>) -> Cues {
        let starts = t.lexicon().starts(t.chars_in(goal));
        Cues::find_with(t, goal, mode, year, &starts)
    }

    /// [`Cues::find`] with the goal's [`Starts`] already found: the mode
    /// cues are one of the goal lists, so they are looked for only where
    /// one of those lists' words can start.
    pub fn find_with(
        t: &Text,
        goal: Span,
        mode: GoalMode,
        year: Option<i32>,
        starts: &Starts,
    ) -> Cues {
        let cs = t.chars_in(goal);
        let lx = t.lexicon();
        let mut found: Vec<Found> = Vec::new();
        lx.mode_cues.each_in(cs, starts, |k, s, e| {
            if let Some(&(cue, reach)) = lx.mode_cue_meanings.get(k) {
                found.push(Found {
                    start: goal.start + s,
                    end: goal.start + e,
                    cue,
                    reach,
                });
            }
        });
        // `2023年` in a 2024 plan: what follows happened before the plan.
        if let Some(year) = year {
            // Found from each `年`, looking back: far fewer positions than
            // characters.
            for i in (4..cs.len()).filter(|&j| cs[j] == '年').map(|j| j - 4) {
                let y = &cs[i..i + 4];
                let is_year =
                    y.iter().all(char::is_ascii_digit) && (i == 0 || !cs[i - 1].is_ascii_digit());
                if !is_year {
                    continue;
                }
                // `比2023年增长`, `较2023年` compare with the year, they do
                // not report on it.
                if i > 0 && lx.is_word_char(WordRole::ComparisonPreposition, cs[i - 1]) {
                    continue;
                }
                let y: i32 = y.iter().collect::<String>().parse().unwrap_or(year);
                if y < year {
                    found.push(Found {
                        start: goal.start + i,
                        end: goal.start + i + 5,
                        cue: Cue::Achievement,
                        reach: Reach::Sentence,
                    });
                }
            }
        }
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        // A cue inside a longer one is part of that word (`目标任务的`).
        let mut kept: Vec<Found> = Vec::with_capacity(found.len());
        for f in found {
            if kept
                .last()
                .is_some_and(|k| k.start <= f.start && f.end <= k.end)
            {
                continue;
            }
            kept.push(f);
        }
        kept.retain(|f| f.cue != Cue::None);
        // Both kinds of end in one pass over the goal.
        let mut sentence_ends = Vec::new();
        let mut clause_ends = Vec::new();
        for (i, &c) in (goal.start..).zip(cs) {
            if is_sentence_end(c) {
                sentence_ends.push(i);
            }
            if is_clause_end(c) {
                clause_ends.push(i);
            }
        }
        Cues {
            goal,
            mode,
            found: kept,
            sentence_ends,
            clause_ends,
        }
    }

    /// What a cue means in this goal's section, `None` when it is ignored.
    fn meaning(&self, cue: Cue, weak: bool) -> Option<TargetMode> {
        let looks_back = self.mode == GoalMode::Achievement;
        match cue {
            Cue::Target => Some(TargetMode::Target),
            Cue::TargetWeak if looks_back && !weak => None,
            Cue::TargetWeak => Some(TargetMode::Target),
            Cue::Achievement => Some(TargetMode::Achievement),
            Cue::Baseline => Some(TargetMode::Baseline),
            Cue::Past if looks_back => Some(TargetMode::Achievement),
            Cue::Past => Some(TargetMode::Baseline),
            Cue::Neutral => Some(self.default()),
            Cue::None => None,
        }
    }

    fn default(&self) -> TargetMode {
        match self.mode {
            GoalMode::Target => TargetMode::Target,
            GoalMode::Achievement => TargetMode::Achievement,
            GoalMode::Context => TargetMode::Baseline,
        }
    }

    /// The mode of something starting at `at`, whose own clause begins no
    /// earlier than `after` (the end of the previous number of the clause,
    /// so that `全年任务为1800人,实际完成1850人` reads each number by its
    /// own words).
    ///
    /// `weak`: let weak goal words (`预计`, `将`) count in a section that looks
    /// back, as they do for a time (`预计7月上旬完成` is a deadline even in a
    /// half-year report) but not for a figure (`预计完成34.5亿元` estimates
    /// a result).
    pub fn mode_at(&self, at: usize, after: usize, weak: bool) -> TargetMode {
        if self.mode == GoalMode::Context {
            return TargetMode::Baseline;
        }
        let lo = self.goal.start;
        let at = at.clamp(lo, self.goal.end);
        // Just after the last end before `at`, or the goal's start.
        let back = |ends: &[usize]| {
            let k = ends.partition_point(|&i| i < at);
            if k == 0 { lo } else { ends[k - 1] + 1 }
        };
        let sentence = back(&self.sentence_ends);
        let segment = back(&self.clause_ends).max(after.min(at));
        // The cues in `[from, at)`: `found` is in order of start, so the
        // candidates are one slice of it.
        let inside = |from: usize| {
            let first = self.found.partition_point(|f| f.start < from);
            let past = self.found.partition_point(|f| f.start < at);
            self.found[first..past.max(first)]
                .iter()
                .filter(move |f| f.end <= at)
        };
        // The number's own words: a goal word anywhere there wins
        // (`力争累计完成…`); else the nearest cue says what it is.
        let own: Vec<(TargetMode, usize)> = inside(segment)
            .filter(|f| f.reach != Reach::Adjacent || (f.end == at && f.start == segment))
            .filter_map(|f| self.meaning(f.cue, weak).map(|m| (m, f.end)))
            .collect();
        if own.iter().any(|(m, _)| *m == TargetMode::Target) {
            return TargetMode::Target;
        }
        if let Some((m, _)) = own.iter().max_by_key(|(_, e)| *e) {
            return *m;
        }
        // A situation or a past figure named earlier in the clause holds for
        // the numbers after it (`已解决的480处和需突破130处`).
        let clause = back(&self.clause_ends);
        if let Some(m) = inside(clause)
            .filter(|f| f.end <= segment && matches!(f.cue, Cue::Baseline | Cue::Past))
            .filter(|f| f.reach != Reach::Adjacent)
            .filter_map(|f| self.meaning(f.cue, weak))
            .next_back()
        {
            return m;
        }
        // Else what the sentence said before it (`一年来,…`, `目标是:…`).
        inside(sentence)
            .filter(|f| f.reach == Reach::Sentence && f.end <= segment)
            .filter_map(|f| self.meaning(f.cue, weak).map(|m| (m, f.end)))
            .max_by_key(|(_, e)| *e)
            .map_or_else(|| self.default(), |(m, _)| m)
    }
}

/// Set the mode of each target of a goal (in text order) from the cues
/// around it.
pub fn set_modes(t: &Text, cues: &Cues, targets: &mut [crate::model::Target]) {
    let mut prev_end = cues.goal.start;
    for x in targets.iter_mut() {
        x.mode = cues.mode_at(number_start(t, x.span), prev_end, false);
        prev_end = x.span.end;
    }
}

/// Where the number of a target or deadline begins: its text may open with
/// words of its own that are cues too (`增加到21个`, `预计11月`).
pub fn number_start(t: &Text, span: Span) -> usize {
    (span.start..span.end)
        .find(|&i| {
            t.chars
                .get(i)
                .is_some_and(|&c| c.is_ascii_digit() || crate::quantity::numeral::starts_chinese(c))
        })
        .unwrap_or(span.start)
}

/// Does the goal's section give way to what its numbers say? A plan
/// paragraph whose every number is a past result reports, it does not
/// plan (and the reverse in a section that looks back).
pub fn goal_mode_from_targets(mode: GoalMode, modes: &[TargetMode]) -> GoalMode {
    let all = |m: TargetMode| !modes.is_empty() && modes.iter().all(|x| *x == m);
    match mode {
        GoalMode::Target if all(TargetMode::Achievement) => GoalMode::Achievement,
        GoalMode::Achievement if all(TargetMode::Target) => GoalMode::Target,
        m => m,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::target::find_targets;

    fn modes(s: &str, mode: GoalMode, year: Option<i32>) -> Vec<(String, TargetMode)> {
        let t = Text::new(s, crate::lexicon::for_tests());
        let span = Span::new(0, t.len());
        let mut found = find_targets(&t, span, mode);
        let cues = Cues::find(&t, span, mode, year);
        set_modes(&t, &cues, &mut found);
        found.into_iter().map(|x| (x.text, x.mode)).collect()
    }

    use TargetMode::{Achievement as A, Baseline as B, Target as T};

    #[test]
    fn an_earlier_year_reports_and_the_plan_year_plans() {
        let got = modes(
            "2023年全街实现地区生产总值58.2亿元,同比增长6.1%。2024年力争地区生产总值增长6%以上。",
            GoalMode::Target,
            Some(2024),
        );
        let m: Vec<_> = got.iter().map(|x| x.1).collect();
        assert_eq!(m, vec![A, A, T], "{got:?}");
    }

    #[test]
    fn task_then_result_in_one_sentence() {
        let got = modes(
            "全年任务为新增城镇就业1800人,实际完成1850人。",
            GoalMode::Achievement,
            Some(2023),
        );
        assert_eq!(
            got.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![T, A],
            "{got:?}"
        );
    }

    #[test]
    fn a_share_of_the_target_is_a_result() {
        let got = modes(
            "完成固定资产投资5.3亿元,完成年度目标任务的56.4%。",
            GoalMode::Achievement,
            Some(2023),
        );
        assert_eq!(got.iter().map(|x| x.1).collect::<Vec<_>>(), vec![A, A]);
    }

    #[test]
    fn situations_are_baselines_even_in_a_summary() {
        let got = modes(
            "辖区现有农户1230户,下辖12个村。全年新增城镇就业1850人。",
            GoalMode::Achievement,
            Some(2023),
        );
        assert_eq!(
            got.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![B, B, A],
            "{got:?}"
        );
    }

    #[test]
    fn from_old_to_new() {
        let got = modes(
            "“红色物业”覆盖小区由年初的12个增加到21个,翻了近一番。",
            GoalMode::Achievement,
            Some(2023),
        );
        assert_eq!(
            got.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![B, A, A],
            "{got:?}"
        );
        let got = modes(
            "全镇18家规上企业产值全部超过1亿元。完成辖区4个老旧小区改造。",
            GoalMode::Target,
            Some(2023),
        );
        assert_eq!(
            got.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![B, T, T],
            "{got:?}"
        );
    }

    #[test]
    fn a_comparison_with_last_year_is_not_last_years_figure() {
        let got = modes(
            "社会消费品零售总额比上年增长8%,占比达到20%。",
            GoalMode::Target,
            Some(2024),
        );
        assert_eq!(got.iter().map(|x| x.1).collect::<Vec<_>>(), vec![T, T]);
    }

    #[test]
    fn looking_back_reaches_the_whole_sentence() {
        let got = modes(
            "一年来,全镇引进项目12个,新增就业300人。下一步,全镇新增就业400人。",
            GoalMode::Target,
            Some(2024),
        );
        assert_eq!(
            got.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![A, A, T],
            "{got:?}"
        );
    }

    #[test]
    fn a_goal_of_results_only_reports() {
        assert_eq!(
            goal_mode_from_targets(GoalMode::Target, &[A, A]),
            GoalMode::Achievement
        );
        assert_eq!(
            goal_mode_from_targets(GoalMode::Target, &[A, T]),
            GoalMode::Target
        );
        assert_eq!(
            goal_mode_from_targets(GoalMode::Target, &[]),
            GoalMode::Target
        );
    }
}
