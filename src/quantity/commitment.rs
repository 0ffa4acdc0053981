//! Commitments: yes/no promises without a number (`不发生重大安全事故`,
//! `违建零增长`, `积案清零`, `实现全覆盖`, `应建尽建`). The patterns are data in
//! `lexicon/commitments.tsv`.

use crate::lexicon;
use crate::model::{Commitment, Span};
use crate::text::Text;

/// Find the commitments in `span`, non-overlapping, in text order.
/// `starts` is [`Lexicon::starts`](lexicon::Lexicon::starts) of the span's characters.
pub fn find_commitments(t: &Text, span: Span, starts: &lexicon::Starts) -> Vec<Commitment> {
    let folded = t.folded_indexed(span);
    let mut out: Vec<Commitment> = Vec::new();
    for (re, kind) in t.lexicon().commitments.candidates(t.chars_in(span), starts) {
        for m in re.find_iter(folded.text) {
            let sp = t.trim_punct(folded.span(m.start(), m.end()));
            if sp.is_empty() || out.iter().any(|c| c.span.overlaps(&sp)) {
                continue;
            }
            out.push(Commitment {
                text: t.slice(sp).to_string(),
                span: sp,
                kind: *kind,
            });
        }
    }
    out.sort_by_key(|c| c.span);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CommitmentKind;

    fn kinds(s: &str) -> Vec<(String, CommitmentKind)> {
        let t = Text::new(s, crate::lexicon::for_tests());
        find_commitments(
            &t,
            Span::new(0, t.len()),
            &crate::lexicon::for_tests().starts(&t.chars),
        )
        .into_iter()
        .map(|c| (c.text, c.kind))
        .collect()
    }

    /// Every commitment match in the corpus contains its pattern's needs,
    /// so the prefilter never hides one.
    #[test]
    fn needs_hold_on_the_corpus() {
        for text in crate::lexicon::corpus_texts_for_tests() {
            let bad = crate::lexicon::for_tests().commitments.check_needs(&text);
            assert!(bad.is_empty(), "{bad:?}");
        }
    }

    #[test]
    fn promises() {
        assert_eq!(
            kinds("全年不发生重大安全事故。")[0].1,
            CommitmentKind::NoIncident
        );
        assert_eq!(kinds("确保辖区违建零增长")[0].1, CommitmentKind::Zero);
        assert_eq!(
            kinds("年内项目遗留问题必须全面清零")[0].1,
            CommitmentKind::Zero
        );
        assert_eq!(
            kinds("实现小区业主委员会应建尽建")[0].1,
            CommitmentKind::FullCoverage
        );
        assert_eq!(
            kinds("积极推进物业管理全覆盖")[0].1,
            CommitmentKind::FullCoverage
        );
        assert_eq!(
            kinds("社区党群服务中心建设在年底前全面达标")[0].1,
            CommitmentKind::Completion
        );
    }

    #[test]
    fn vague_words_are_not_promises() {
        assert!(kinds("力争在十个镇(街)中排名前列").is_empty());
        assert!(kinds("在全区叫得出、喊得响、争先进、出经验").is_empty());
        assert!(kinds("进一步提升服务水平").is_empty());
    }
}
