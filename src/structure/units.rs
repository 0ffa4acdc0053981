//! Units: the organisations goals belong to. A multi-unit document introduces
//! each with a line that is only its name (`太平店镇`, `柿铺街道办事处`); a
//! single-unit document names itself in the furniture, the title or the body
//! (`崖头街道将…`).

use std::collections::HashMap;

use crate::lexicon::UNIT_NAME_SUFFIXES;
use crate::model::Span;
use crate::text::{Text, is_han, starts_with_word};

/// Does this string look like the name of a unit (`岳阳楼街道办事处`)?
pub fn is_unit_name(cs: &[char]) -> bool {
    UNIT_NAME_SUFFIXES.iter().any(|(suf, min, max)| {
        cs.ends_with(suf) && {
            let prefix = &cs[..cs.len() - suf.len()];
            (*min..=*max).contains(&prefix.len()) && prefix.iter().all(|&c| is_han(c))
        }
    })
}

/// Is the line at `span` only a unit name?
pub fn unit_line(t: &Text, span: Span) -> bool {
    is_unit_name(&t.chars[span.start..span.end])
}

/// The unit a single-unit document talks about, from how the body names
/// itself at the start of clauses (`2021年,崖头街道将…`, `崖头街道工业项目少`).
/// Needs two such mentions of the same name; otherwise `None`.
pub fn name_from_body(t: &Text, span: Span) -> Option<String> {
    let cs = &t.chars;
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let clause_start = |i: usize| {
        i == span.start || matches!(cs[i - 1], ',' | '。' | ';' | ':' | '\n' | ' ' | '!' | '?')
    };
    for i in span.start..span.end {
        if !clause_start(i) || !is_han(cs[i]) {
            continue;
        }
        // The name before the suffix is all Han: measure the run once
        // rather than once per suffix and length.
        let run = cs[i..span.end].iter().take_while(|&&c| is_han(c)).count();
        for (suf, min, max) in UNIT_NAME_SUFFIXES.iter() {
            for n in *min..=(*max).min(run) {
                let end = i + n + suf.len();
                if end > span.end || !starts_with_word(&cs[i + n..end], suf) {
                    continue;
                }
                let name: String = cs[i..end].iter().collect();
                first_seen.entry(name.clone()).or_insert(i);
                *counts.entry(name).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then_with(|| first_seen[&b.0].cmp(&first_seen[&a.0]))
        })
        .map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names() {
        for s in ["太平店镇", "柿铺街道办事处", "崖头街道", "岳阳楼街道办事处"]
        {
            assert!(is_unit_name(&s.chars().collect::<Vec<_>>()), "{s}");
        }
        for s in [
            "对标管理工作目标",
            "镇",
            "区委、区政府对镇(街)考核指标",
            "2022年",
        ] {
            assert!(!is_unit_name(&s.chars().collect::<Vec<_>>()), "{s}");
        }
    }

    #[test]
    fn name_from_the_body() {
        let t = Text::new(
            "2021年,崖头街道将紧紧围绕部署。通过改造,崖头街道整体面貌提升。创建省级生态文明示范街道。",
        );
        assert_eq!(
            name_from_body(&t, Span::new(0, t.len())).as_deref(),
            Some("崖头街道")
        );
        let t = Text::new("街道上下坚持稳中求进。全力创建示范街道。");
        assert_eq!(name_from_body(&t, Span::new(0, t.len())), None);
    }
}
