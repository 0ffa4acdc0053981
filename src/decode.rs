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

use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

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

/// How much of a file the statistical detector looks at. Detection cost grows
/// with the input while its answer settles within a few kilobytes; the whole
/// file is still decoded and checked for errors afterwards.
const DETECTION_PREFIX: usize = 1 << 20;

/// Decode a file's bytes into text, or say why they are not text.
///
/// Never panics, whatever the bytes. Text that comes back is never empty or
/// only whitespace, and has any leading byte-order mark removed; it may hold
/// a few control characters (U+0000 included) where the file does.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::empty("the file is empty"));
    }
    if let Some(format) = sniff_format(bytes) {
        return Err(DecodeError::not_text(format.message()));
    }
    let candidate = choose(bytes)?;
    check(candidate)
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

/// Steps 3 to 6: pick the encoding and decode.
fn choose(bytes: &[u8]) -> Result<Candidate, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(decode_with(UTF_8, UTF8, trim_trailing_nuls(rest)));
    }
    // UTF-32 marks first: the UTF-32LE mark begins with the UTF-16LE one.
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(DecodeError::not_text(
            "looks like UTF-32 text, which zhibiao does not read; convert it to UTF-8 first, \
             e.g. with `iconv -f UTF-32 -t UTF-8`",
        ));
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
            return Err(DecodeError::not_text(
                "holds only zero bytes (NUL), no text; check that the file was saved completely",
            ));
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
/// the fewest replaced sequences wins. [`check`] then refuses the result if
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

/// C0 and C1 control characters other than the whitespace ones text files
/// legitimately hold (tab, line feed, vertical tab, form feed, carriage
/// return) and DOS's end-of-file marker (Ctrl-Z).
fn is_disallowed_control(c: char) -> bool {
    match c {
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{1a}' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        _ => false,
    }
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

/// Step 7: refuse text that is not text after all.
fn check(c: Candidate) -> Result<Decoded, DecodeError> {
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
        let what = if nuls > 0 {
            format!("{controls} control characters, {nuls} of them NUL, in {chars}")
        } else {
            format!("{controls} control characters in {chars}")
        };
        return Err(DecodeError::not_text(format!(
            "looks like binary data, not text ({what}); \
             zhibiao reads plain text (.txt) — convert the document to text first"
        )));
    }
    // The errors counted while decoding, not U+FFFD already in the text: a
    // UTF-8 file may legitimately hold replacement characters.
    let bad = c.errors.min(replaced);
    if bad >= 3 && bad * 10 > non_ascii {
        return Err(DecodeError::not_text(format!(
            "could not be decoded as text: {bad} of {non_ascii} non-ASCII characters are invalid \
             even in the best encoding tried ({}); zhibiao reads UTF-8, GB18030/GBK, Big5 and \
             UTF-16 — if this is a text file, save it again as UTF-8",
            c.encoding
        )));
    }
    if !visible {
        return Err(DecodeError::empty(
            "the file is empty (it holds only whitespace)",
        ));
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

/// A binary format recognised by its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Bmp,
    Webp,
    Tiff,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Epub,
    Zip,
    Doc,
    Xls,
    Ppt,
    Ole2,
    Rtf,
    Rar,
    SevenZip,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
    Elf,
    MachO,
    Pe,
    Sqlite,
}

impl Format {
    /// "looks like …; zhibiao reads plain text (.txt) — what to do".
    fn message(self) -> String {
        let (what, todo) = match self {
            Format::Pdf => (
                "a PDF file",
                "convert it first, e.g. with `pdftotext -enc UTF-8 file.pdf file.txt` \
                 (a scanned PDF needs OCR)",
            ),
            Format::Png
            | Format::Jpeg
            | Format::Gif
            | Format::Bmp
            | Format::Webp
            | Format::Tiff => {
                return format!(
                    "looks like {} image, not text; zhibiao reads text, web pages, Word (.docx) and PDF files — \
                     if it is a scanned page, run OCR on it and save the result as .txt",
                    match self {
                        Format::Png => "a PNG",
                        Format::Jpeg => "a JPEG",
                        Format::Gif => "a GIF",
                        Format::Bmp => "a BMP",
                        Format::Webp => "a WebP",
                        _ => "a TIFF",
                    }
                );
            }
            Format::Docx => (
                "a Word document (.docx)",
                "save it as plain text (UTF-8) from Word or WPS, or convert it, \
                 e.g. with `pandoc file.docx -t plain -o file.txt`",
            ),
            Format::Xlsx => (
                "an Excel workbook (.xlsx)",
                "copy the text out or export the sheet as text first",
            ),
            Format::Pptx => (
                "a PowerPoint presentation (.pptx)",
                "export its text first, e.g. with `libreoffice --headless --convert-to txt`",
            ),
            Format::Odt => (
                "an OpenDocument text (.odt)",
                "convert it to .docx, which zhibiao reads, e.g. with \
                 `libreoffice --headless --convert-to docx file.odt`",
            ),
            Format::Ods => (
                "an OpenDocument spreadsheet (.ods)",
                "copy the text out or export the sheet as text first",
            ),
            Format::Odp => (
                "an OpenDocument presentation (.odp)",
                "export its text first, e.g. with `libreoffice --headless --convert-to txt`",
            ),
            Format::Epub => (
                "an EPUB e-book",
                "convert it first, e.g. with `pandoc file.epub -t plain -o file.txt`",
            ),
            Format::Zip => (
                "a ZIP archive",
                "unpack it and run zhibiao on the .txt files inside",
            ),
            Format::Doc => (
                "an old-style Word or WPS document (.doc/.wps)",
                "convert it to .docx, which zhibiao reads, e.g. with \
                 `libreoffice --headless --convert-to docx file.doc`",
            ),
            Format::Xls => (
                "an old-style Excel workbook (.xls)",
                "convert it, e.g. with `libreoffice --headless --convert-to docx file.xls` \
                 (or export the sheet as text)",
            ),
            Format::Ppt => (
                "an old-style PowerPoint presentation (.ppt)",
                "export its text first, e.g. with `libreoffice --headless --convert-to txt`",
            ),
            Format::Ole2 => (
                "a Microsoft Office or WPS file (.doc/.wps/.xls/.ppt)",
                "convert it to .docx, which zhibiao reads, e.g. with \
                 `libreoffice --headless --convert-to docx FILE`",
            ),
            Format::Rtf => (
                "an RTF document",
                "convert it to .docx, which zhibiao reads, e.g. with \
                 `libreoffice --headless --convert-to docx file.rtf`",
            ),
            Format::Rar => (
                "a RAR archive",
                "unpack it and run zhibiao on the .txt files inside",
            ),
            Format::SevenZip => (
                "a 7z archive",
                "unpack it and run zhibiao on the .txt files inside",
            ),
            Format::Gzip => (
                "gzip-compressed data",
                "decompress it first, e.g. with `gunzip`",
            ),
            Format::Bzip2 => (
                "bzip2-compressed data",
                "decompress it first, e.g. with `bunzip2`",
            ),
            Format::Xz => (
                "xz-compressed data",
                "decompress it first, e.g. with `unxz`",
            ),
            Format::Zstd => (
                "zstd-compressed data",
                "decompress it first, e.g. with `unzstd`",
            ),
            Format::Elf => (
                "a program (ELF executable or library)",
                "check the path: this is not a document",
            ),
            Format::MachO => (
                "a program (Mach-O executable or Java class file)",
                "check the path: this is not a document",
            ),
            Format::Pe => (
                "a Windows program (EXE/DLL)",
                "check the path: this is not a document",
            ),
            Format::Sqlite => (
                "an SQLite database",
                "export the text you need first, e.g. with the `sqlite3` shell",
            ),
        };
        format!(
            "looks like {what}; zhibiao reads text, web pages, Word (.docx) and PDF files — {todo}"
        )
    }
}

/// Recognise binary formats by their magic numbers. Signatures made of
/// printable ASCII that a text could start with (`BM`, `MZ`, `BZh`) are only
/// accepted together with bytes no text contains.
fn sniff_format(b: &[u8]) -> Option<Format> {
    let starts = |sig: &[u8]| b.starts_with(sig);
    let at = |offset: usize, sig: &[u8]| b.get(offset..).is_some_and(|s| s.starts_with(sig));
    let has_nul_early = b.iter().take(256).any(|&x| x == 0);
    if starts(b"%PDF-") {
        return Some(Format::Pdf);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some(Format::Png);
    }
    if starts(b"\xFF\xD8\xFF") {
        return Some(Format::Jpeg);
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Some(Format::Gif);
    }
    // "BM", file size, then two reserved 16-bit fields that are zero.
    if starts(b"BM") && at(6, b"\0\0\0\0") {
        return Some(Format::Bmp);
    }
    if starts(b"RIFF") && at(8, b"WEBP") {
        return Some(Format::Webp);
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return Some(Format::Tiff);
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        return Some(zip_kind(b));
    }
    if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(ole2_kind(b));
    }
    if starts(b"{\\rtf") {
        return Some(Format::Rtf);
    }
    if starts(b"Rar!\x1A\x07") {
        return Some(Format::Rar);
    }
    if starts(b"7z\xBC\xAF\x27\x1C") {
        return Some(Format::SevenZip);
    }
    if starts(b"\x1F\x8B") {
        return Some(Format::Gzip);
    }
    // "BZh", block size digit, then the block or end-of-stream magic.
    if starts(b"BZh")
        && b.get(3).is_some_and(|d| (b'1'..=b'9').contains(d))
        && (at(4, b"1AY&SY") || at(4, b"\x17rE8P\x90"))
    {
        return Some(Format::Bzip2);
    }
    if starts(b"\xFD7zXZ\0") {
        return Some(Format::Xz);
    }
    if starts(b"\x28\xB5\x2F\xFD") {
        return Some(Format::Zstd);
    }
    if starts(b"\x7FELF") {
        return Some(Format::Elf);
    }
    if starts(b"\xFE\xED\xFA\xCE")
        || starts(b"\xFE\xED\xFA\xCF")
        || starts(b"\xCE\xFA\xED\xFE")
        || starts(b"\xCF\xFA\xED\xFE")
        || starts(b"\xCA\xFE\xBA\xBE")
    {
        return Some(Format::MachO);
    }
    if starts(b"MZ") && has_nul_early {
        return Some(Format::Pe);
    }
    if starts(b"SQLite format 3\0") {
        return Some(Format::Sqlite);
    }
    None
}

/// Office Open XML, OpenDocument and EPUB files are ZIP archives; the names
/// of their parts (and the OpenDocument `mimetype` entry) tell them apart.
fn zip_kind(b: &[u8]) -> Format {
    if contains(b, b"application/vnd.oasis.opendocument.text") {
        Format::Odt
    } else if contains(b, b"application/vnd.oasis.opendocument.spreadsheet") {
        Format::Ods
    } else if contains(b, b"application/vnd.oasis.opendocument.presentation") {
        Format::Odp
    } else if contains(b, b"application/epub+zip") {
        Format::Epub
    } else if contains(b, b"word/") {
        Format::Docx
    } else if contains(b, b"xl/") {
        Format::Xlsx
    } else if contains(b, b"ppt/") {
        Format::Pptx
    } else {
        Format::Zip
    }
}

/// Old Office files are OLE2 compound files; the directory names the main
/// stream in UTF-16LE.
/// A zip file that is a Word document (`word/` parts, and no sign of the
/// other zip-based office formats).
pub fn is_docx(b: &[u8]) -> bool {
    zip_kind(b) == Format::Docx
}

fn ole2_kind(b: &[u8]) -> Format {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if contains(b, &utf16("WordDocument")) {
        Format::Doc
    } else if contains(b, &utf16("Workbook")) || contains(b, &utf16("Book")) {
        Format::Xls
    } else if contains(b, &utf16("PowerPoint Document")) {
        Format::Ppt
    } else {
        Format::Ole2
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GB_TEXT: &str =
        "规模以上工业总产值增幅35%，新增规模企业5家。完成第三批18个村美丽乡村建设项目。";
    const BIG5_TEXT: &str = "建成兩個示範點，財政收入突破三十萬元。";

    /// Phrases of the kind work plans are made of, for generated GBK text.
    const PHRASES: &[&str] = &[
        "规模以上工业总产值增幅",
        "新增规模企业",
        "完成第三批美丽乡村建设项目",
        "全年实现税收",
        "民生诉求满意率达到",
        "固定资产投资增长",
        "新建高标准农田",
        "开展安全生产大检查",
        "推进基层党组织建设",
        "改造老旧小区",
        "招商引资到位资金",
        "城乡居民人均可支配收入",
        "一是",
        "二、重点工作",
        "（三）",
        "确保不发生重大安全事故",
        "街道",
        "乡镇",
    ];
    const PUNCT: &[&str] = &[
        "，",
        "。",
        "；",
        "：",
        "\n",
        "%，",
        "个。",
        "亿元；",
        "万亩，",
    ];

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(s);
        assert!(!unmappable, "test text not representable");
        bytes.into_owned()
    }

    fn utf16(s: &str, little: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    fn ok(bytes: &[u8]) -> Decoded {
        match decode(bytes) {
            Ok(d) => d,
            Err(e) => panic!("expected text, got {:?}: {}", e.kind, e.message),
        }
    }

    fn not_text(bytes: &[u8]) -> String {
        match decode(bytes) {
            Ok(d) => panic!("expected NotText, decoded as {}: {:?}", d.encoding, d.text),
            Err(e) => {
                assert_eq!(e.kind, ErrorKind::NotText, "{}", e.message);
                e.message
            }
        }
    }

    #[test]
    fn utf8_plain() {
        let d = ok(GB_TEXT.as_bytes());
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, GB_TEXT);
        assert_eq!(d.errors, 0);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice(GB_TEXT.as_bytes());
        let d = ok(&b);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, GB_TEXT);
    }

    #[test]
    fn gbk_is_reported_as_gb18030() {
        for enc in [encoding_rs::GBK, GB18030] {
            let d = ok(&encode(enc, GB_TEXT));
            assert_eq!(d.encoding, "GB18030");
            assert_eq!(d.text, GB_TEXT);
        }
    }

    #[test]
    fn gb18030_four_byte_sequences() {
        // 𠀀 (U+20000) and € only exist as four-byte GB18030 sequences.
        let s = "新增规模企业5家，𠀀村建设项目完成。";
        let b = encode(GB18030, s);
        let d = ok(&b);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, s);
    }

    #[test]
    fn short_gbk_line() {
        for s in [
            "规模以上工业总产值增幅35%，新增规模企业5家。",
            "完成第三批18个村美丽乡村建设项目。",
            "全年实现税收5亿元，民生诉求满意率达到95%以上。",
            "一、党建引领",
            "二〇二四年工作计划",
            "新增就业岗位三百个",
        ] {
            let d = ok(&encode(encoding_rs::GBK, s));
            assert_eq!((d.encoding, d.text.as_str()), ("GB18030", s));
        }
    }

    #[test]
    fn big5_traditional() {
        for s in [
            BIG5_TEXT,
            "財政收入突破三十萬元。",
            "二〇二四年工作計劃：建設美麗鄉村，完成第三批十八個村的項目。",
        ] {
            let d = ok(&encode(BIG5, s));
            assert_eq!((d.encoding, d.text.as_str()), ("Big5", s));
        }
    }

    #[test]
    fn utf16_with_bom() {
        for (little, mark, name) in [
            (true, &b"\xFF\xFE"[..], "UTF-16LE"),
            (false, &b"\xFE\xFF"[..], "UTF-16BE"),
        ] {
            let mut b = mark.to_vec();
            b.extend(utf16(GB_TEXT, little));
            let d = ok(&b);
            assert_eq!(d.encoding, name);
            assert_eq!(d.text, GB_TEXT);
        }
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let s =
            "一、工作目标\n规模以上工业总产值增幅35%，新增规模企业5家。\n最后一项:完成18个村。\n";
        let d = ok(&utf16(s, true));
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16LE", s));
        let d = ok(&utf16(s, false));
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16BE", s));
        let ascii = "Work plan 2024\nTarget: 35%\n";
        assert_eq!(ok(&utf16(ascii, true)).text, ascii);
        assert_eq!(ok(&utf16(ascii, false)).text, ascii);
    }

    #[test]
    fn truncated_multibyte_tail_still_decodes() {
        let full = GB_TEXT.as_bytes();
        // Cut one and two bytes into the final three-byte "。".
        // The cut character is dropped and counted as one error.
        for cut in 1..=2 {
            let d = ok(&full[..full.len() - cut]);
            assert_eq!(d.encoding, "UTF-8");
            assert_eq!(d.text, GB_TEXT.trim_end_matches('。'));
            assert_eq!(d.errors, 1);
        }
        let gb = encode(GB18030, GB_TEXT);
        let d = ok(&gb[..gb.len() - 1]);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, GB_TEXT.trim_end_matches('。'));
        assert_eq!(d.errors, 1);
        let big5 = encode(BIG5, BIG5_TEXT);
        let d = ok(&big5[..big5.len() - 1]);
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, BIG5_TEXT.trim_end_matches('。'));
        assert_eq!(d.errors, 1);
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(utf16(GB_TEXT, true));
        le.pop();
        let d = ok(&le);
        assert_eq!(d.text, GB_TEXT.trim_end_matches('。'));
        assert_eq!(d.errors, 1);
        // Whole files are clean.
        assert_eq!(ok(&gb).errors, 0);
        assert_eq!(ok(&big5).errors, 0);
    }

    #[test]
    fn damaged_gbk_decodes_lossily() {
        let mut b = encode(encoding_rs::GBK, &GB_TEXT.repeat(5));
        // A lead byte followed by ASCII is malformed in every candidate.
        b.insert(10, 0xC4);
        b.insert(11, b' ');
        let d = ok(&b);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text.matches('\u{fffd}').count(), 1);
        assert_eq!(d.errors, 1);
        assert!(d.text.contains("新增规模企业5家"));
    }

    #[test]
    fn invalid_gbk_is_counted_not_refused() {
        // One bad pair in every sentence: damaged, but still mostly text.
        let sentence = encode(encoding_rs::GBK, GB_TEXT);
        let mut b = Vec::new();
        for _ in 0..8 {
            b.extend_from_slice(&sentence);
            b.extend_from_slice(b"\x81\x20");
        }
        let d = ok(&b);
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.errors, 8);
        assert_eq!(d.text.matches('\u{fffd}').count(), 8);
        // A U+FFFD already in a UTF-8 file is text, not damage.
        let s = format!("{GB_TEXT}\u{fffd}");
        assert_eq!(ok(s.as_bytes()).errors, 0);
    }

    #[test]
    fn stray_nul_in_text_is_kept() {
        let s = format!("{GB_TEXT}\0{GB_TEXT}\u{1}{GB_TEXT}");
        let d = ok(s.as_bytes());
        assert_eq!(
            (d.encoding, d.text.as_str(), d.errors),
            ("UTF-8", s.as_str(), 0)
        );
        let mut gb = encode(GB18030, GB_TEXT);
        gb.push(0);
        gb.extend(encode(GB18030, GB_TEXT));
        assert_eq!(ok(&gb).text, format!("{GB_TEXT}\0{GB_TEXT}"));
        // But not in bulk.
        let dense: String = GB_TEXT.chars().flat_map(|c| [c, '\0']).collect();
        assert!(not_text(dense.as_bytes()).contains("NUL"));
    }

    #[test]
    fn utf8_with_one_bad_byte_stays_utf8() {
        let mut b = GB_TEXT.repeat(4).into_bytes();
        b.insert(30, 0xFF);
        let d = ok(&b);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.matches('\u{fffd}').count(), 1);
    }

    #[test]
    fn trailing_nul_padding_is_ignored() {
        for text in [GB_TEXT, "ab", "Hello world, 2024\n", "计划"] {
            for pad in [1, 2, 16] {
                let mut b = text.as_bytes().to_vec();
                b.extend(std::iter::repeat_n(0u8, pad));
                let d = ok(&b);
                assert_eq!((d.encoding, d.text.as_str()), ("UTF-8", text), "{pad}");
            }
        }
        let mut b = encode(GB18030, GB_TEXT);
        b.extend([0u8; 7]);
        assert_eq!(ok(&b).text, GB_TEXT);
    }

    #[test]
    fn empty_and_whitespace() {
        for b in [
            &b""[..],
            b"   \n\t\r\n",
            b"\xEF\xBB\xBF",
            b"\xEF\xBB\xBF \n",
            b"\xFF\xFE",
            b"\xFF\xFE\x20\x00\x0A\x00",
            "\u{3000}\u{3000}\n".as_bytes(),
        ] {
            let e = decode(b).expect_err("empty");
            assert_eq!(e.kind, ErrorKind::Empty, "{b:?}");
            assert!(e.message.starts_with("the file is empty"), "{}", e.message);
        }
    }

    #[test]
    fn binary_magic_numbers() {
        let mut zip_docx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
        zip_docx.extend_from_slice(b"[Content_Types].xml....word/document.xml");
        let mut odt = b"PK\x03\x04\x14\x00\x00\x08".to_vec();
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
        xlsx.extend_from_slice(b"xl/workbook.xml");
        let mut pptx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
        pptx.extend_from_slice(b"ppt/presentation.xml");
        let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0".to_vec();
        ole.extend(utf16("WordDocument", true));
        let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0".to_vec();
        xls.extend(utf16("Workbook", true));
        let cases: &[(&[u8], &str)] = &[
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", "PDF"),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG"),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", "JPEG"),
            (b"GIF89a\x01\0\x01\0", "GIF"),
            (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00", "BMP"),
            (b"RIFF\x24\0\0\0WEBPVP8 ", "WebP"),
            (&zip_docx, ".docx"),
            (&xlsx, ".xlsx"),
            (&pptx, ".pptx"),
            (&odt, ".odt"),
            (b"PK\x03\x04\x14\x00\x00\x00data.csv", "ZIP archive"),
            (&ole, ".doc"),
            (&xls, ".xls"),
            (
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0",
                ".doc/.wps/.xls/.ppt",
            ),
            (b"Rar!\x1A\x07\x01\x00", "RAR"),
            (b"7z\xBC\xAF\x27\x1C\0\x04", "7z"),
            (b"\x1F\x8B\x08\0\0\0\0\0", "gzip"),
            (b"BZh91AY&SY\x12\x34", "bzip2"),
            (b"\xFD7zXZ\0\0\x04", "xz"),
            (b"\x7FELF\x02\x01\x01\0", "ELF"),
            (b"\xCF\xFA\xED\xFE\x07\0\0\x01", "Mach-O"),
            (b"MZ\x90\0\x03\0\0\0\x04\0", "EXE"),
            (b"SQLite format 3\0\x10\0", "SQLite"),
            (b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}", "RTF"),
        ];
        for (bytes, name) in cases {
            let m = not_text(bytes);
            assert!(m.contains(name), "{name}: {m}");
            assert!(m.contains("zhibiao reads text, web pages"), "{m}");
        }
        assert!(not_text(b"%PDF-1.4").contains("pdftotext"));
    }

    #[test]
    fn ascii_lookalikes_of_magic_are_text() {
        for s in [
            "BMW 新能源项目完成投资3亿元。",
            "MZ乡规模以上工业总产值增幅35%。",
            "BZh 规划",
        ] {
            assert_eq!(ok(s.as_bytes()).text, s);
        }
    }

    #[test]
    fn generic_binary() {
        // NUL bytes that are not UTF-16.
        let m = not_text(b"\x01\x02\x03\0\0\x10\x80\xff\0abc\0\0\x07\x08");
        assert!(m.contains("binary"), "{m}");
        // Control characters without NULs.
        let mut b = GB_TEXT.as_bytes().to_vec();
        b.extend(std::iter::repeat_n(&[0x01u8, 0x02, 0x03, 0x1b][..], 10).flatten());
        assert!(not_text(&b).contains("control characters"));
        assert!(not_text(&[0u8; 64]).contains("zero bytes"));
        assert!(not_text(b"\xFF\xFE\0\0a\0\0\0").contains("UTF-32"));
    }

    #[test]
    fn undecodable_in_every_encoding() {
        // Lead bytes always followed by ASCII: malformed in UTF-8, GB18030 and Big5.
        let b: Vec<u8> = (0..200)
            .flat_map(|i| [0x81 + (i % 100) as u8, b' '])
            .collect();
        let m = not_text(&b);
        assert!(m.contains("could not be decoded"), "{m}");
    }

    #[test]
    fn stray_control_character_is_tolerated() {
        let s = format!("{GB_TEXT}\u{7}{GB_TEXT}\u{1a}");
        assert_eq!(ok(s.as_bytes()).text, s);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_and_never_yields_nothing(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            if let Ok(d) = decode(&bytes) {
                prop_assert!(d.text.chars().any(|c| !crate::text::is_space(c)));
                // Every error is a replacement character or the dropped tail.
                let replaced = d.text.matches('\u{fffd}').count();
                prop_assert!(d.errors <= replaced + 1, "{} errors, {} U+FFFD", d.errors, replaced);
            }
        }

        #[test]
        fn never_panics_on_mangled_text(s in "\\PC{0,80}", cut in 0usize..300, noise in any::<u8>()) {
            let mut bytes = s.into_bytes();
            bytes.insert(cut.min(bytes.len()), noise);
            let cut2 = cut.min(bytes.len());
            for b in [&bytes[..], &bytes[..cut2], &bytes[cut2..]] {
                if let Ok(d) = decode(b) {
                    prop_assert!(!d.text.is_empty());
                }
            }
        }

        #[test]
        fn utf8_text_round_trips(s in "\\PC{1,200}") {
            prop_assume!(s.chars().any(|c| !crate::text::is_space(c)));
            prop_assume!(sniff_format(s.as_bytes()).is_none());
            let d = decode(s.as_bytes());
            prop_assert!(d.is_ok(), "{:?}", d.err());
            if let Ok(d) = d {
                prop_assert_eq!(d.encoding, "UTF-8");
                prop_assert_eq!(d.errors, 0);
                prop_assert_eq!(d.text, s);
            }
        }

        #[test]
        fn gbk_text_round_trips(parts in proptest::collection::vec((0usize..PHRASES.len(), 0usize..PUNCT.len(), 0u32..2000), 1..12)) {
            let s: String = parts
                .iter()
                .map(|&(p, q, n)| format!("{}{n}{}", PHRASES[p], PUNCT[q]))
                .collect();
            let d = decode(&encode(encoding_rs::GBK, &s));
            prop_assert!(d.is_ok(), "{:?}", d.err());
            if let Ok(d) = d {
                prop_assert_eq!(d.encoding, "GB18030");
                prop_assert_eq!(d.errors, 0);
                prop_assert_eq!(d.text, s);
            }
        }
    }
}
