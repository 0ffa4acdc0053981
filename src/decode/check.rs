//! Step 7 of [`decode`](super::decode): whether decoded text is text at all.
//!
//! An encoding can always be forced onto bytes; what comes out is judged
//! here, after decoding, because only the characters show whether a file
//! full of control codes or replacement characters was binary data or a
//! damaged document still worth reading.

use super::{Candidate, DecodeError, Decoded, messages};

/// Step 7: refuse text that is not text after all.
pub(super) fn check(c: Candidate) -> Result<Decoded, DecodeError> {
    // Counted over the bytes of the UTF-8 text in branch-free passes the
    // compiler vectorises: a character is every byte but a continuation
    // byte, a non-ASCII one a lead byte (0xC0 and up), and the C1 controls
    // U+0080..U+009F are the bytes C2 80..C2 9F.
    let bytes = c.text.as_bytes();
    let (mut continuations, mut non_ascii, mut nuls, mut ascii_controls) =
        (0usize, 0usize, 0usize, 0usize);
    // Byte-wide counters over chunks short enough not to overflow them, so
    // that sixteen or more bytes are counted per instruction.
    for chunk in bytes.chunks(255) {
        let (mut k, mut n, mut z, mut a) = (0u8, 0u8, 0u8, 0u8);
        for &b in chunk {
            k += u8::from(b & 0xc0 == 0x80);
            n += u8::from(b >= 0xc0);
            z += u8::from(b == 0);
            a += u8::from(is_disallowed_ascii_control(b));
        }
        continuations += usize::from(k);
        non_ascii += usize::from(n);
        nuls += usize::from(z);
        ascii_controls += usize::from(a);
    }
    let chars = bytes.len() - continuations;
    // After a C2 lead byte comes a continuation byte (80..BF) in valid UTF-8.
    let (leads, nexts) = (
        &bytes[..bytes.len().saturating_sub(1)],
        bytes.get(1..).unwrap_or(&[]),
    );
    let mut c1_controls = 0usize;
    for (la, nb) in leads.chunks(255).zip(nexts.chunks(255)) {
        let mut k = 0u8;
        for (&a, &b) in la.iter().zip(nb) {
            k += u8::from((a == 0xc2) & (b < 0xa0));
        }
        c1_controls += usize::from(k);
    }
    // Only needed when decoding replaced something (see `bad` below).
    let replaced = if c.errors == 0 {
        0
    } else {
        c.text.chars().filter(|&ch| ch == '\u{fffd}').count()
    };
    let controls = ascii_controls + c1_controls;
    let visible = c.text.chars().any(|ch| !crate::text::is_space(ch));
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

/// [`is_disallowed_control`] of an ASCII byte, as arithmetic on the byte.
const fn is_disallowed_ascii_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, 0x09..=0x0d | 0x1a)) || b == 0x7f
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_is_the_character_test() {
        for b in 0..0x80u8 {
            assert_eq!(
                is_disallowed_ascii_control(b),
                is_disallowed_control(char::from(b)),
                "{b:#x}"
            );
        }
    }
}
