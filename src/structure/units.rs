//! Units: the organisations goals belong to. A multi-unit document introduces
//! each with a line that is only its name (`太平店镇`, `柿铺街道办事处`); a
//! single-unit document names itself in the furniture, the title or the body
//! (`崖头街道将…`).

use std::collections::BTreeMap;

use crate::lexicon::{Lexicon, OrganRole, WordRole};
use crate::model::Span;
use crate::text::{Text, is_han, starts_with_word};

/// Does this string look like the name of a unit (`岳阳楼街道办事处`)?
pub fn is_unit_name(lx: &Lexicon, cs: &[char]) -> bool {
    lx.unit_name_suffixes.iter().any(|(suf, min, max)| {
        cs.ends_with(suf) && {
            let prefix = &cs[..cs.len() - suf.len()];
            (*min..=*max).contains(&prefix.len()) && prefix.iter().all(|&c| is_han(c))
        }
    })
}

/// Is the line at `span` only a unit name?
/// The organ a speech is given for, from the speaker's line under a work
/// report's title: `清渠县人民政府县长　周立衡` → `清渠县人民政府`. The line is
/// the organ (a place name with a `government` organ of `organs.tsv`), the speaker's post
/// (`speaker_post`), and a personal name of two to four characters.
pub fn speaker_organ(t: &Text, span: Span) -> Option<String> {
    let cs = &t.chars[span.start..span.end];
    // The organ of a place (`organs.tsv`, role `government`): `…县人民政府`,
    // a place name of two to eight Han characters before the organ. So the
    // organ ends within the first few characters of the line, and only
    // those positions are tried: a byline is a short line, but this is asked
    // of the first lines of every document, one of which may be a whole
    // document without line breaks.
    let organs: Vec<Vec<char>> = t
        .lexicon()
        .organ_suffixes(OrganRole::Government)
        .iter()
        .map(|organ| organ.chars().collect())
        .collect();
    let longest = organs.iter().map(Vec::len).max().unwrap_or(0);
    let organ_end = (2..cs.len().min(longest + 9)).find(|&i| {
        organs.iter().any(|organ| {
            i > organ.len()
                && crate::text::ends_with_word(&cs[..i], organ)
                && (2..=8).contains(&(i - organ.len()))
                && cs[..i - organ.len()].iter().all(|&c| is_han(c))
        })
    })?;
    let post =
        crate::lexicon::word_starting_at(t.lexicon().words(WordRole::SpeakerPost), cs, organ_end)?;
    // Then a personal name of two to four Han characters (spaces between
    // them are layout), and nothing else: counted, not collected, so a long
    // line is given up on at its fifth character.
    let mut name_len = 0;
    for &c in &cs[organ_end + post.len()..] {
        if crate::text::is_space(c) {
            continue;
        }
        if !is_han(c) || name_len == 4 {
            return None;
        }
        name_len += 1;
    }
    (name_len >= 2).then(|| {
        t.slice(Span::new(span.start, span.start + organ_end))
            .to_string()
    })
}

pub fn unit_line(t: &Text, span: Span) -> bool {
    is_unit_name(t.lexicon(), &t.chars[span.start..span.end])
}

/// The unit a single-unit document talks about, from how the body names
/// itself at the start of clauses (`2021年,崖头街道将…`, `崖头街道工业项目少`).
/// Needs two such mentions of the same name; otherwise `None`. Among names
/// mentioned equally often the one mentioned first wins, and of two
/// mentioned first at the same place (`崖头街道` and `崖头街道办事处`) the
/// longer.
pub fn name_from_body(t: &Text, span: Span) -> Option<String> {
    let cs = &t.chars;
    let (lo, hi) = (span.start.min(cs.len()), span.end.min(cs.len()));
    // Name → (mentions, first position). Keyed by the characters, so that
    // counting a candidate allocates nothing.
    let mut counts: BTreeMap<&[char], (usize, usize)> = BTreeMap::new();
    let longest = t
        .lexicon()
        .unit_name_suffixes
        .iter()
        .map(|(suf, _, max)| max + suf.len())
        .max()
        .unwrap_or(0);
    let starts = &t.lexicon().unit_name_suffix_starts;
    let clause_start =
        |i: usize| i == lo || matches!(cs[i - 1], ',' | '。' | ';' | ':' | '\n' | ' ' | '!' | '?');
    for i in lo..hi {
        if !is_han(cs[i]) || !clause_start(i) {
            continue;
        }
        // The name is all Han, suffix included: measure the run once.
        let run = cs[i..hi.min(i + longest)]
            .iter()
            .take_while(|&&c| is_han(c))
            .count();
        // A suffix starts after a name of `n` characters: look only where
        // a suffix's first character stands.
        for n in 1..run {
            let c = cs[i + n];
            if !starts.contains(c) {
                continue;
            }
            for (suf, min, max) in t.lexicon().unit_name_suffixes.iter() {
                if suf.first() != Some(&c) || n < *min || n > *max {
                    continue;
                }
                let end = i + n + suf.len();
                if end <= i + run && starts_with_word(&cs[i + n..end], suf) {
                    counts.entry(&cs[i..end]).or_insert((0, i)).0 += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, (n, _))| *n >= 2)
        .max_by(|(a, (na, fa)), (b, (nb, fb))| {
            na.cmp(nb)
                .then_with(|| fb.cmp(fa))
                .then_with(|| a.len().cmp(&b.len()))
        })
        .map(|(name, _)| name.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names() {
        for s in ["太平店镇", "柿铺街道办事处", "崖头街道", "岳阳楼街道办事处"]
        {
            assert!(
                is_unit_name(crate::lexicon::for_tests(), &s.chars().collect::<Vec<_>>()),
                "{s}"
            );
        }
        for s in [
            "对标管理工作目标",
            "镇",
            "区委、区政府对镇(街)考核指标",
            "2022年",
        ] {
            assert!(
                !is_unit_name(crate::lexicon::for_tests(), &s.chars().collect::<Vec<_>>()),
                "{s}"
            );
        }
    }

    #[test]
    fn name_from_the_body() {
        let t = Text::new(
            "2021年,崖头街道将紧紧围绕部署。通过改造,崖头街道整体面貌提升。创建省级生态文明示范街道。",
            crate::lexicon::for_tests(),
        );
        assert_eq!(
            name_from_body(&t, Span::new(0, t.len())).as_deref(),
            Some("崖头街道")
        );
        let t = Text::new(
            "街道上下坚持稳中求进。全力创建示范街道。",
            crate::lexicon::for_tests(),
        );
        assert_eq!(name_from_body(&t, Span::new(0, t.len())), None);
        // `崖头街道`, `崖头街道办` and `崖头街道办事处` are each mentioned
        // twice from the same places: the longest is the name, every time
        // (the choice once depended on hash order).
        let t = Text::new(
            "崖头街道办事处坚持稳中求进。今年,崖头街道办事处全力创建示范街道。",
            crate::lexicon::for_tests(),
        );
        for _ in 0..20 {
            assert_eq!(
                name_from_body(&t, Span::new(0, t.len())).as_deref(),
                Some("崖头街道办事处")
            );
        }
    }
}
