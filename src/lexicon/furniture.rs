//! The line forms of page furniture, built from the lexicon's labels
//! (`portal_labels.tsv`, `organs.tsv`): the labels are data, the shape of a
//! line around them (a colon, a date, a counter) is here.

use regex::Regex;

use super::{OrganRole, PortalRole, TableError};

/// A date, optionally with a time, as portals write it.
const DATE: &str =
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?";

/// The compiled furniture line forms of one lexicon.
#[derive(Debug, Clone)]
pub struct FurnitureForms {
    /// `来源:某某镇 2024-02-01 10:00`: the issuer, and maybe the date.
    pub source: Regex,
    /// `发布时间:2024-02-01`.
    pub date_line: Regex,
    /// `浏览次数:128`.
    pub counter: Regex,
    /// `扫一扫在手机上查看当前页面`, `分享到:`.
    pub share: Regex,
    /// `打印本页 关闭窗口`, `【字号:大 中 小】`.
    pub navigation: Regex,
    /// A label inside a metadata line with the name after it
    /// (`信息来源: 某某街道`, `发布机构 | 某某镇`).
    pub issuer_cell: Regex,
    /// The date line of a closing signature (`2024年2月1日印发`).
    pub signature_date: Regex,
    /// The issuing body of a closing signature (`某某镇人民政府`).
    pub signature_body: Regex,
    /// The characters a line of the label-led forms (source, date, counter,
    /// share, navigation) can start with, sorted; `None` when a role has no
    /// label, which lets those forms match lines of any start.
    openers: Option<Vec<char>>,
}

/// `a|b|c`, each literal escaped.
fn alternatives(words: &[String]) -> String {
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

impl FurnitureForms {
    pub fn new(
        labels: impl Fn(PortalRole) -> Vec<String>,
        organs: impl Fn(OrganRole) -> Vec<String>,
    ) -> Result<FurnitureForms, TableError> {
        let l = |r: PortalRole| alternatives(&labels(r));
        let led = [
            PortalRole::SourceLine,
            PortalRole::DateLine,
            PortalRole::Counter,
            PortalRole::ShareScan,
            PortalRole::ShareTo,
            PortalRole::Navigation,
        ];
        let openers = led
            .iter()
            .map(|&r| {
                let ws = labels(r);
                let firsts: Option<Vec<char>> = ws.iter().map(|w| w.chars().next()).collect();
                firsts.filter(|f| !f.is_empty())
            })
            .collect::<Option<Vec<Vec<char>>>>()
            .map(|lists| {
                // A navigation line may open with a bracket.
                let mut all: Vec<char> = lists.into_iter().flatten().chain(['[', '【']).collect();
                all.sort_unstable();
                all.dedup();
                all
            });
        let compile = |what: &str, p: String| {
            Regex::new(&p).map_err(|e| TableError {
                file: "portal_labels.tsv".to_string(),
                line: 0,
                column: 0,
                message: format!("the {what} form does not compile: {e}"),
            })
        };
        Ok(FurnitureForms {
            source: compile(
                "source line",
                format!(
                    r"^(?:{})\s*:\s*(.*?)\s*(?:\p{{Han}}{{2,6}}\s*:\s*)?({DATE})?\s*$",
                    l(PortalRole::SourceLine)
                ),
            )?,
            date_line: compile(
                "date line",
                format!(r"^(?:{})\s*:\s*({DATE})", l(PortalRole::DateLine)),
            )?,
            counter: compile(
                "counter",
                format!(r"^(?:{})\s*:?\s*\d*[\s|]*$", l(PortalRole::Counter)),
            )?,
            share: compile(
                "share line",
                format!(
                    r"^(?:(?:{}).{{0,12}}|(?:{})\s*:?.{{0,30}})$",
                    l(PortalRole::ShareScan),
                    l(PortalRole::ShareTo)
                ),
            )?,
            navigation: compile(
                "navigation line",
                format!(
                    r"^(?:[\[【]?\s*(?:{})\s*[\]】]?\s*(?::\s*[大中小\s]+)?[\s|]*)+$",
                    l(PortalRole::Navigation)
                ),
            )?,
            issuer_cell: compile(
                "issuer cell",
                format!(
                    r"(?:{}|{})\s*[:|]\s*([\p{{Han}}()]{{2,30}})",
                    l(PortalRole::SourceLine),
                    l(PortalRole::IssuerCell)
                ),
            )?,
            signature_date: compile(
                "signature date",
                format!(
                    r"^\d{{4}}\s*(?:年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[-/.]\d{{1,2}}[-/.]\d{{1,2}})\s*(?:{})?$",
                    l(PortalRole::IssueVerb)
                ),
            )?,
            signature_body: compile(
                "signature body",
                format!(
                    r"^[\p{{Han}}()]{{2,30}}(?:{})$",
                    alternatives(&organs(OrganRole::Signature))
                ),
            )?,
            openers,
        })
    }

    /// Whether a line whose first character is `first` can be a source,
    /// date, counter, share or navigation line: every one of those forms
    /// starts with one of its labels (a navigation line maybe with a bracket
    /// or spaces first). Most lines are prose that starts otherwise, and
    /// this spares them five regex searches.
    pub fn may_open(&self, first: Option<char>) -> bool {
        match (&self.openers, first) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(set), Some(c)) => c.is_whitespace() || set.binary_search(&c).is_ok(),
        }
    }
}
