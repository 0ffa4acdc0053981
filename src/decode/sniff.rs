//! Step 2 of [`decode`](super::decode): which binary format a file is, from
//! its first bytes.
//!
//! Only signatures are read here, never the file name: a PDF renamed to
//! `.txt` is still a PDF, and the message must say so. (Which reader a path
//! goes to by its extension is decided in `formats`.)

/// A binary format recognised by its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
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
    /// Every format, for the test that each has a message.
    #[cfg(test)]
    pub(super) const ALL: [Format; 30] = [
        Format::Pdf,
        Format::Png,
        Format::Jpeg,
        Format::Gif,
        Format::Bmp,
        Format::Webp,
        Format::Tiff,
        Format::Docx,
        Format::Xlsx,
        Format::Pptx,
        Format::Odt,
        Format::Ods,
        Format::Odp,
        Format::Epub,
        Format::Zip,
        Format::Doc,
        Format::Xls,
        Format::Ppt,
        Format::Ole2,
        Format::Rtf,
        Format::Rar,
        Format::SevenZip,
        Format::Gzip,
        Format::Bzip2,
        Format::Xz,
        Format::Zstd,
        Format::Elf,
        Format::MachO,
        Format::Pe,
        Format::Sqlite,
    ];
}

/// Recognise binary formats by their magic numbers. Signatures made of
/// printable ASCII that a text could start with (`BM`, `MZ`, `BZh`) are only
/// accepted together with bytes no text contains.
pub(super) fn sniff_format(b: &[u8]) -> Option<Format> {
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

/// A zip file that is a Word document (`word/` parts, and no sign of the
/// other zip-based office formats).
pub fn is_docx(b: &[u8]) -> bool {
    zip_kind(b) == Format::Docx
}

/// Old Office files are OLE2 compound files; the directory names the main
/// stream in UTF-16LE.
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
