//! Bytes → text: encoding detection, decoding, and refusing what is not text.
//!
//! Work plans reach us as `.txt` files saved by whatever the author had at
//! hand: UTF-8 from the web, GBK from an old Windows machine, UTF-16 from
//! Notepad's "Unicode" option, Big5 from Hong Kong or Taiwan. They also reach
//! us as PDFs, Word files and screenshots that someone renamed to `.txt`. The
//! job here is to read the first kind correctly and to refuse the second kind
//! with a message that says what the file really is and what to do with it,
//! never with a page of mojibake.
//!
//! The decisions, in order:
//!
//! 1. no bytes at all → [`ErrorKind::Empty`];
//! 2. a known binary signature (PDF, images, archives, office files,
//!    executables, databases) → [`ErrorKind::NotText`] naming the format;
//! 3. a byte-order mark → UTF-8, UTF-16LE or UTF-16BE, as the mark says;
//! 4. NUL bytes → UTF-16 without a mark if both the decoding and the
//!    characters it yields are clean; otherwise they are control characters
//!    like any other (step 7);
//! 5. valid UTF-8 → UTF-8;
//! 6. otherwise a legacy Chinese encoding: `chardetng` chooses between GBK and
//!    Big5; if neither decodes cleanly, the candidate with the fewest
//!    undecodable sequences among GB18030, Big5 and UTF-8 is used;
//! 7. the text is checked: control characters (NUL included) or replacement
//!    characters in bulk mean it was not text after all, whitespace alone
//!    means empty. A few of either are kept: scraped and damaged files are
//!    still read, and [`Decoded::errors`] says how damaged they were.
//!
//! A file cut in the middle of a multi-byte character (a truncated download,
//! a `head -c`) loses only that last partial character: every decoder here
//! runs in streaming mode and the incomplete tail is never flushed into the
//! text, only counted as one error.
//!
//! The code is split by concern, so that each can be read and tested alone:
//! `sniff` recognises binary formats by their signatures (step 2),
//! `encoding` chooses and runs the decoder (steps 3 to 6), `check` judges
//! the decoded text (step 7), and `messages` holds every sentence shown to
//! the user as data, one entry per binary format, so that the wording is
//! reviewed in one place and no format can be left without advice.

mod check;
mod encoding;
mod messages;
mod sniff;
#[cfg(test)]
mod tests;

pub use encoding::decode_labelled;
pub use sniff::is_docx;

use crate::model::ErrorKind;

/// Decoded text and the name of the encoding it was read with.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// One of [`UTF8`], [`UTF16LE`], [`UTF16BE`], [`GB18030_NAME`], [`BIG5_NAME`].
    pub encoding: &'static str,
    /// Malformed byte sequences, each replaced by one U+FFFD in `text`, plus
    /// one if an incomplete character at the end was dropped. 0 for a clean
    /// file.
    pub errors: usize,
}

/// Why a file's bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub kind: ErrorKind,
    /// For the user: what the file looks like and what to do next.
    pub message: String,
}

impl DecodeError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        DecodeError {
            kind,
            message: message.into(),
        }
    }
    fn empty(message: impl Into<String>) -> Self {
        DecodeError {
            kind: ErrorKind::Empty,
            message: message.into(),
        }
    }
    fn not_text(message: impl Into<String>) -> Self {
        DecodeError {
            kind: ErrorKind::NotText,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

pub const UTF8: &str = "UTF-8";
pub const UTF16LE: &str = "UTF-16LE";
pub const UTF16BE: &str = "UTF-16BE";
/// Reported for GB2312, GBK and GB18030 files alike.
///
/// GB2312 ⊂ GBK ⊂ GB18030 byte for byte: every valid GBK file is a valid
/// GB18030 file meaning the same characters, and the detector cannot (and
/// need not) tell which of the three the author's software thought it was
/// writing. The text is decoded with the GB18030 decoder, which also reads
/// the four-byte sequences a GBK decoder would reject, so the reported name
/// is the one label that is always correct for reading the file again.
pub const GB18030_NAME: &str = "GB18030";
/// Big5 as the WHATWG encoding standard defines it (with the HKSCS
/// extensions), which is what Big5 files from Hong Kong and Taiwan need.
pub const BIG5_NAME: &str = "Big5";

/// Decode a file's bytes into text, or say why they are not text.
///
/// Never panics, whatever the bytes. Text that comes back is never empty or
/// only whitespace, and has any leading byte-order mark removed; it may hold
/// a few control characters (U+0000 included) where the file does.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::empty(messages::EMPTY));
    }
    if let Some(format) = sniff::sniff_format(bytes) {
        return Err(DecodeError::not_text(messages::binary_format(format)));
    }
    let candidate = encoding::choose(bytes)?;
    check::check(candidate)
}

/// A decoding attempt: the text, the encoding's reported name, how many
/// malformed sequences were replaced by U+FFFD, and whether an incomplete
/// character at the end was dropped (kept apart from `errors` because a
/// truncated download says nothing about which encoding is right).
struct Candidate {
    text: String,
    encoding: &'static str,
    errors: usize,
    truncated: bool,
}
