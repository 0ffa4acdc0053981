//! Step 7 of [`decode`](super::decode): whether decoded text is text at all.
//!
//! An encoding can always be forced onto bytes; what comes out is judged
//! here, after decoding, because only the characters show whether a file
//! full of control codes or replacement characters was binary data or a
//! damaged document still worth reading.

use super::{Candidate, DecodeError, Decoded, messages};

/// Step 7: refuse text that is not text after all.
pub(super) fn check(c: Candidate) -> Result<Decoded, DecodeError> {
    let mut chars = 0usize;
    let mut non_ascii = 0usize;
    let mut replaced = 0usize;
    let mut controls = 0usize;
    let mut nuls = 0usize;
    let mut visible = false;
    for ch in c.text.chars() {
        chars += 1;
        if !ch.is_ascii() {
            non_ascii += 1;
        }
        if ch == '\u{fffd}' {
            replaced += 1;
        }
        if is_disallowed_control(ch) {
            controls += 1;
            if ch == '\0' {
                nuls += 1;
            }
        }
        if !visible && !crate::text::is_space(ch) {
            visible = true;
        }
    }
    // A stray control character or two survives copy-and-paste from office
    // software or a scraper; more than one in fifty characters is not prose.
    if controls >= 2 && controls * 50 > chars {
        return Err(DecodeError::not_text(messages::control_characters(
            controls, nuls, chars,
        )));
    }
    // The errors counted while decoding, not U+FFFD already in the text: a
    // UTF-8 file may legitimately hold replacement characters.
    let bad = c.errors.min(replaced);
    if bad >= 3 && bad * 10 > non_ascii {
        return Err(DecodeError::not_text(messages::undecodable(
            bad, non_ascii, c.encoding,
        )));
    }
    if !visible {
        return Err(DecodeError::empty(messages::ONLY_WHITESPACE));
    }
    let text = match c.text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => c.text,
    };
    Ok(Decoded {
        text,
        encoding: c.encoding,
        errors: c.errors + usize::from(c.truncated),
    })
}

/// C0 and C1 control characters other than the whitespace ones text files
/// legitimately hold (tab, line feed, vertical tab, form feed, carriage
/// return) and DOS's end-of-file marker (Ctrl-Z).
pub(super) fn is_disallowed_control(c: char) -> bool {
    match c {
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{1a}' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        _ => false,
    }
}
