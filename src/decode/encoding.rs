//! Steps 3 to 6 of [`decode`](super::decode): which encoding, and decoding
//! with it.
//!
//! Byte-order marks, NUL bytes, UTF-8 validity and the statistical detector
//! are consulted in that order, from the surest sign to the weakest; every
//! decoder runs in streaming mode so that a cut final character is dropped,
//! not turned into mojibake.

use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::check::is_disallowed_control;
use super::{
    BIG5_NAME, Candidate, DecodeError, Decoded, GB18030_NAME, UTF8, UTF16BE, UTF16LE, messages,
};
/// How much of a file the statistical detector looks at. Detection cost grows
/// with the input while its answer settles within a few kilobytes; the whole
/// file is still decoded and checked for errors afterwards.
const DETECTION_PREFIX: usize = 1 << 20;

/// Steps 3 to 6: pick the encoding and decode.
pub(super) fn choose(bytes: &[u8]) -> Result<Candidate, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(decode_with(UTF_8, UTF8, trim_trailing_nuls(rest)));
    }
    // UTF-32 marks first: the UTF-32LE mark begins with the UTF-16LE one.
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(DecodeError::not_text(messages::UTF32));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(without_trailing_nul_chars(decode_with(
            UTF_16LE, UTF16LE, rest,
        )));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(without_trailing_nul_chars(decode_with(
            UTF_16BE, UTF16BE, rest,
        )));
    }

    let mut bytes = bytes;
    if bytes.contains(&0) {
        // Zero padding after the text (a preallocated or crash-truncated
        // file) is harmless and no sign of UTF-16; NUL bytes inside the
        // text mean UTF-16 or binary data.
        let unpadded = trim_trailing_nuls(bytes);
        if unpadded.contains(&0)
            && let Some(c) = utf16_without_bom(bytes)
        {
            return Ok(c);
        }
        bytes = unpadded;
        if bytes.is_empty() {
            return Err(DecodeError::not_text(messages::ONLY_NULS));
        }
        // NUL bytes left inside the text are judged with the other control
        // characters once decoded: a stray one in a scraped page is
        // kept, a file full of them is refused.
    }

    match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Candidate {
                text: s.to_string(),
                encoding: UTF8,
                errors: 0,
                truncated: false,
            });
        }
        // Cut inside the last character. Only trusted when the rest shows
        // UTF-8 at work: an ASCII prefix says nothing about the encoding.
        Err(e) if e.error_len().is_none() => {
            let prefix = &bytes[..e.valid_up_to()];
            if !prefix.is_ascii() {
                return Ok(Candidate {
                    text: String::from_utf8_lossy(prefix).into_owned(),
                    encoding: UTF8,
                    errors: 0,
                    truncated: true,
                });
            }
        }
        Err(_) => {}
    }

    Ok(legacy(bytes))
}

/// Step 6: GB18030 or Big5, or whatever decodes with the least damage.
///
/// `chardetng` is asked with the `.sg` top-level domain as context, which in
/// its model means "Simplified first, Traditional also native": it then
/// scores only GBK and Big5 against each other (GBK winning ties) and every
/// other legacy encoding scores zero. This is the restriction to Chinese
/// encodings, done inside the detector so that its character-frequency
/// model still decides between the two, which plain error counting cannot:
/// nearly every GB2312 byte pair is also a valid Big5 pair and vice versa.
///
/// When neither decodes cleanly (a damaged file), the detector falls back to
/// its generic guess, which could be Korean or Cyrillic for Chinese bytes; so
/// instead the file is decoded as GB18030, Big5 and UTF-8 and the one with
/// the fewest replaced sequences wins. `check` then refuses the result if
/// the damage is widespread.
fn legacy(bytes: &[u8]) -> Candidate {
    let primary = detect_chinese(bytes);
    let first = decode_with(primary.0, primary.1, bytes);
    if first.errors == 0 {
        return first;
    }
    let mut best = first;
    for (enc, name) in [(GB18030, GB18030_NAME), (BIG5, BIG5_NAME), (UTF_8, UTF8)] {
        if name == best.encoding {
            continue;
        }
        let c = decode_with(enc, name, bytes);
        if c.errors < best.errors {
            best = c;
        }
    }
    best
}

/// The detector's choice between GB18030 and Big5 (GB18030 if it names
/// neither).
fn detect_chinese(bytes: &[u8]) -> (&'static Encoding, &'static str) {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECTION_PREFIX)];
    // `last = false`: a truncated final character must not disqualify the
    // right encoding.
    detector.feed(sample, false);
    let guess = detector.guess(Some(b"sg"), chardetng::Utf8Detection::Deny);
    if guess == BIG5 {
        (BIG5, BIG5_NAME)
    } else {
        (GB18030, GB18030_NAME)
    }
}

/// UTF-16 without a byte-order mark, tried only when NUL bytes occur before
/// the end (trailing zeros alone are padding).
///
/// Every ASCII character (newlines, digits, the ASCII commas many plans use)
/// has a zero high byte in UTF-16, so real UTF-16 text has NULs; legacy and
/// UTF-8 text never does. Both byte orders are decoded strictly; a byte order
/// is accepted only if nothing was malformed and nearly every character is of
/// a kind Chinese documents contain. Reading ASCII in the wrong byte order
/// gives CJK-looking characters like U+6100, so between two plausible byte
/// orders the one with more ASCII wins.
fn utf16_without_bom(bytes: &[u8]) -> Option<Candidate> {
    let mut best: Option<(usize, Candidate)> = None;
    for (enc, name) in [(UTF_16LE, UTF16LE), (UTF_16BE, UTF16BE)] {
        let c = without_trailing_nul_chars(decode_with(enc, name, bytes));
        if c.errors > 0 || c.text.is_empty() {
            continue;
        }
        let mut total = 0usize;
        let mut plausible = 0usize;
        let mut ascii = 0usize;
        let mut clean = true;
        for ch in c.text.chars() {
            total += 1;
            if is_disallowed_control(ch) {
                clean = false;
                break;
            }
            if is_plausible(ch) {
                plausible += 1;
            }
            if ch.is_ascii() {
                ascii += 1;
            }
        }
        if !clean || plausible * 20 < total * 19 {
            continue;
        }
        if best.as_ref().is_none_or(|(a, _)| ascii > *a) {
            best = Some((ascii, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Characters a Chinese work plan plausibly contains: ASCII, Latin, Greek and
/// Cyrillic letters, general punctuation and symbols (①, №, ℃, arrows), CJK
/// punctuation and ideographs, full-width forms.
fn is_plausible(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{a0}'..='\u{24f}'
        | '\u{370}'..='\u{4ff}'
        | '\u{2000}'..='\u{2bff}'
        | '\u{3000}'..='\u{33ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}'
        | '\u{feff}'
        | '\u{20000}'..='\u{3ffff}')
}

/// Decode with the encoding a label names (`gb2312`, `gbk`, `utf-8`, `big5`
/// …, as in a web page's `<meta charset>`), reporting GB2312/GBK/GB18030 as
/// [`GB18030_NAME`] and Big5 as [`BIG5_NAME`]. `None` for an unknown label
/// or a UTF-16 one (a page declaring UTF-16 in ASCII is not UTF-16).
pub fn decode_labelled(label: &str, bytes: &[u8]) -> Option<Decoded> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    let (enc, name): (&'static Encoding, &'static str) = if enc == UTF_8 {
        (UTF_8, UTF8)
    } else if enc == encoding_rs::GBK || enc == GB18030 {
        (GB18030, GB18030_NAME)
    } else if enc == BIG5 {
        (BIG5, BIG5_NAME)
    } else if enc == UTF_16LE || enc == UTF_16BE {
        return None;
    } else {
        (enc, enc.name())
    };
    let c = decode_with(enc, name, bytes);
    let text = match c.text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => c.text,
    };
    Some(Decoded {
        text,
        encoding: c.encoding,
        errors: c.errors + usize::from(c.truncated),
    })
}

/// Decode with one encoding in streaming mode, replacing each malformed
/// sequence by U+FFFD and counting them. The final `last = false` means an
/// incomplete sequence at the very end is dropped rather than replaced; it
/// is then noted as `truncated`.
fn decode_with(encoding: &'static Encoding, name: &'static str, bytes: &[u8]) -> Candidate {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut input = bytes;
    let mut errors = 0usize;
    loop {
        let need = decoder
            .max_utf8_buffer_length_without_replacement(input.len())
            .unwrap_or(input.len().saturating_mul(3))
            .saturating_add(4);
        text.reserve(need);
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, false);
        input = input.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => {
                errors += 1;
                text.push('\u{fffd}');
            }
        }
    }
    // Ending the stream reports a sequence still pending as malformed; its
    // output, if any, is not kept.
    let mut rest = String::with_capacity(16);
    let (end, _) = decoder.decode_to_string_without_replacement(&[], &mut rest, true);
    Candidate {
        text,
        encoding: name,
        errors,
        truncated: matches!(end, DecoderResult::Malformed(_, _)),
    }
}

fn trim_trailing_nuls(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    &bytes[..end]
}

fn without_trailing_nul_chars(mut c: Candidate) -> Candidate {
    let kept = c.text.trim_end_matches('\0').len();
    c.text.truncate(kept);
    c
}
