//! Where a layout broke a line inside a sentence.
//!
//! Text converted from PDF, or copied out of a PDF viewer, keeps the lines
//! of the page: a sentence, a word or a number runs on to the next line
//! (`农民人均可支配收` / `入23631元`, `4380` / `吨`). Both the PDF reader and
//! the line splitter of plain text ask the same two questions of a line
//! break: does the line before it end a sentence, and does the line after
//! it start a heading or a list item?

/// Does the line end a sentence (or a heading's closing punctuation)?
pub fn ends_sentence(l: &str) -> bool {
    let t = l.trim_end_matches(['”', '’', '"', ')', '）', '」', '』', '】']);
    t.ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':', '…'])
        || t.len() < l.len() && t.ends_with(['。', '！', '？'])
}

/// Does the line start a heading or list item?
pub fn starts_item(l: &str) -> bool {
    let mut c = l.chars();
    let first = c.next().unwrap_or(' ');
    let rest: String = c.take(8).collect();
    let numeral = |ch: char| "一二三四五六七八九十".contains(ch);
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return true;
    }
    if matches!(first, '(' | '（') {
        return rest
            .chars()
            .next()
            .is_some_and(|d| numeral(d) || d.is_ascii_digit());
    }
    if first == '第' {
        return rest
            .chars()
            .take_while(|&d| numeral(d) || d.is_ascii_digit())
            .count()
            > 0
            // The divisions of a numbered text (`第三章`, `第二条`): the
            // numbering grammar itself, like `第` and the digits, not a
            // vocabulary that varies from place to place.
            && rest.contains(['章', '部', '节', '条', '篇']);
    }
    if numeral(first) {
        let after: String = l.chars().skip_while(|&d| numeral(d)).take(1).collect();
        return after == "、" || after == "是";
    }
    if first.is_ascii_digit() {
        let after: String = l
            .chars()
            .skip_while(|d| d.is_ascii_digit())
            .take(1)
            .collect();
        // `1.` opens an item, `1.42` is a number.
        let next_is_digit = l
            .chars()
            .skip_while(|d| d.is_ascii_digit())
            .nth(1)
            .is_some_and(|d| d.is_ascii_digit());
        return matches!(after.as_str(), "、" | ")" | "）")
            || matches!(after.as_str(), "." | "．") && !next_is_digit;
    }
    // `——产业转型迈出新步伐。`
    l.starts_with("——")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_starts() {
        for l in [
            "一、总体要求",
            "(二)民生",
            "1.全年完成",
            "3）推进",
            "①茶产业",
            "二是加强",
            "第二部分",
            "——产业转型",
        ] {
            assert!(starts_item(l), "{l}");
        }
        for l in [
            "1.42 亿元,同比增长",
            "2023年,全镇",
            "入 41260 元",
            "资 18.36 亿元",
        ] {
            assert!(!starts_item(l), "{l}");
        }
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("完成全年任务。"));
        assert!(ends_sentence("重点抓好以下工作:"));
        assert!(ends_sentence("争创“先进单位”。”"));
        assert!(!ends_sentence("上半年,街道完成一般公共预算收入"));
        assert!(!ends_sentence("共计 4380"));
    }
}
