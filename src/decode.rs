//! Bytes → text: encoding detection, decoding, and refusing what is not text.

use crate::model::ErrorKind;

/// Decoded text and the name of the encoding it was read with.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub kind: ErrorKind,
    pub message: String,
}

/// Decode a file's bytes. (Placeholder: UTF-8 only.)
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let b = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(b) {
        Ok(s) if !s.trim().is_empty() => Ok(Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
        }),
        Ok(_) => Err(DecodeError {
            kind: ErrorKind::Empty,
            message: "the file is empty".into(),
        }),
        Err(_) => Err(DecodeError {
            kind: ErrorKind::NotText,
            message: "not UTF-8 text".into(),
        }),
    }
}
