//! Every sentence [`decode`](super::decode) shows the user, as data.
//!
//! A refused file is the one place where the user reads prose from zhibiao,
//! so the wording is kept together: one table row per binary format saying
//! what the file looks like and what to do with it, and the few messages
//! about text that is not text after all. A test checks that every format
//! has its row, so a format added to the sniffer cannot go without advice.

use super::sniff::Format;

/// `decode` was given no bytes.
pub(super) const EMPTY: &str = "the file is empty";
/// The text decoded to nothing but whitespace.
pub(super) const ONLY_WHITESPACE: &str = "the file is empty (it holds only whitespace)";
/// A UTF-32 byte-order mark.
pub(super) const UTF32: &str = "looks like UTF-32 text, which zhibiao does not read; convert it to UTF-8 first, \
     e.g. with `iconv -f UTF-32 -t UTF-8`";
/// Nothing but NUL bytes.
pub(super) const ONLY_NULS: &str =
    "holds only zero bytes (NUL), no text; check that the file was saved completely";

/// Control characters in bulk: `controls` of them (`nuls` NUL) among `chars`.
pub(super) fn control_characters(controls: usize, nuls: usize, chars: usize) -> String {
    let what = if nuls > 0 {
        format!("{controls} control characters, {nuls} of them NUL, in {chars}")
    } else {
        format!("{controls} control characters in {chars}")
    };
    format!(
        "looks like binary data, not text ({what}); \
         zhibiao reads plain text (.txt) — convert the document to text first"
    )
}

/// Too many undecodable sequences even in the best `encoding` tried.
pub(super) fn undecodable(bad: usize, non_ascii: usize, encoding: &str) -> String {
    format!(
        "could not be decoded as text: {bad} of {non_ascii} non-ASCII characters are invalid \
         even in the best encoding tried ({encoding}); zhibiao reads UTF-8, GB18030/GBK, Big5 and \
         UTF-16 — if this is a text file, save it again as UTF-8"
    )
}

/// "looks like {what}; zhibiao reads … — {todo}" for a recognised binary
/// format.
pub(super) fn binary_format(format: Format) -> String {
    let (what, todo) = FORMATS
        .iter()
        .find(|a| a.format == format)
        .map_or(("a binary file", GENERIC_TODO), |a| (a.what, a.todo));
    format!("looks like {what}; zhibiao reads text, web pages, Word (.docx) and PDF files — {todo}")
}

/// Only reached if a format were missing from [`FORMATS`], which the test
/// below rules out; kept so that a lookup can never fail at run time.
const GENERIC_TODO: &str = "convert the document to text first";

/// One row of advice: what a file of `format` is, in words, and what the
/// user can do to get text out of it.
struct Advice {
    format: Format,
    what: &'static str,
    todo: &'static str,
}

const OCR: &str = "if it is a scanned page, run OCR on it and save the result as .txt";
const UNPACK: &str = "unpack it and run zhibiao on the .txt files inside";
const NOT_A_DOCUMENT: &str = "check the path: this is not a document";
const SHEET: &str = "copy the text out or export the sheet as text first";
const SLIDES: &str = "export its text first, e.g. with `libreoffice --headless --convert-to txt`";

const FORMATS: &[Advice] = &[
    Advice {
        format: Format::Pdf,
        what: "a PDF file",
        todo: "convert it first, e.g. with `pdftotext -enc UTF-8 file.pdf file.txt` \
               (a scanned PDF needs OCR)",
    },
    Advice {
        format: Format::Png,
        what: "a PNG image, not text",
        todo: OCR,
    },
    Advice {
        format: Format::Jpeg,
        what: "a JPEG image, not text",
        todo: OCR,
    },
    Advice {
        format: Format::Gif,
        what: "a GIF image, not text",
        todo: OCR,
    },
    Advice {
        format: Format::Bmp,
        what: "a BMP image, not text",
        todo: OCR,
    },
    Advice {
        format: Format::Webp,
        what: "a WebP image, not text",
        todo: OCR,
    },
    Advice {
        format: Format::Tiff,
        what: "a TIFF image, not text",
        todo: OCR,
    },
    Advice {
        format: Format::Docx,
        what: "a Word document (.docx)",
        todo: "save it as plain text (UTF-8) from Word or WPS, or convert it, \
               e.g. with `pandoc file.docx -t plain -o file.txt`",
    },
    Advice {
        format: Format::Xlsx,
        what: "an Excel workbook (.xlsx)",
        todo: SHEET,
    },
    Advice {
        format: Format::Pptx,
        what: "a PowerPoint presentation (.pptx)",
        todo: SLIDES,
    },
    Advice {
        format: Format::Odt,
        what: "an OpenDocument text (.odt)",
        todo: "convert it to .docx, which zhibiao reads, e.g. with \
               `libreoffice --headless --convert-to docx file.odt`",
    },
    Advice {
        format: Format::Ods,
        what: "an OpenDocument spreadsheet (.ods)",
        todo: SHEET,
    },
    Advice {
        format: Format::Odp,
        what: "an OpenDocument presentation (.odp)",
        todo: SLIDES,
    },
    Advice {
        format: Format::Epub,
        what: "an EPUB e-book",
        todo: "convert it first, e.g. with `pandoc file.epub -t plain -o file.txt`",
    },
    Advice {
        format: Format::Zip,
        what: "a ZIP archive",
        todo: UNPACK,
    },
    Advice {
        format: Format::Doc,
        what: "an old-style Word or WPS document (.doc/.wps)",
        todo: "convert it to .docx, which zhibiao reads, e.g. with \
               `libreoffice --headless --convert-to docx file.doc`",
    },
    Advice {
        format: Format::Xls,
        what: "an old-style Excel workbook (.xls)",
        todo: "convert it, e.g. with `libreoffice --headless --convert-to docx file.xls` \
               (or export the sheet as text)",
    },
    Advice {
        format: Format::Ppt,
        what: "an old-style PowerPoint presentation (.ppt)",
        todo: SLIDES,
    },
    Advice {
        format: Format::Ole2,
        what: "a Microsoft Office or WPS file (.doc/.wps/.xls/.ppt)",
        todo: "convert it to .docx, which zhibiao reads, e.g. with \
               `libreoffice --headless --convert-to docx FILE`",
    },
    Advice {
        format: Format::Rtf,
        what: "an RTF document",
        todo: "convert it to .docx, which zhibiao reads, e.g. with \
               `libreoffice --headless --convert-to docx file.rtf`",
    },
    Advice {
        format: Format::Rar,
        what: "a RAR archive",
        todo: UNPACK,
    },
    Advice {
        format: Format::SevenZip,
        what: "a 7z archive",
        todo: UNPACK,
    },
    Advice {
        format: Format::Gzip,
        what: "gzip-compressed data",
        todo: "decompress it first, e.g. with `gunzip`",
    },
    Advice {
        format: Format::Bzip2,
        what: "bzip2-compressed data",
        todo: "decompress it first, e.g. with `bunzip2`",
    },
    Advice {
        format: Format::Xz,
        what: "xz-compressed data",
        todo: "decompress it first, e.g. with `unxz`",
    },
    Advice {
        format: Format::Zstd,
        what: "zstd-compressed data",
        todo: "decompress it first, e.g. with `unzstd`",
    },
    Advice {
        format: Format::Elf,
        what: "a program (ELF executable or library)",
        todo: NOT_A_DOCUMENT,
    },
    Advice {
        format: Format::MachO,
        what: "a program (Mach-O executable or Java class file)",
        todo: NOT_A_DOCUMENT,
    },
    Advice {
        format: Format::Pe,
        what: "a Windows program (EXE/DLL)",
        todo: NOT_A_DOCUMENT,
    },
    Advice {
        format: Format::Sqlite,
        what: "an SQLite database",
        todo: "export the text you need first, e.g. with the `sqlite3` shell",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_exactly_one_message() {
        for format in Format::ALL {
            let rows = FORMATS.iter().filter(|a| a.format == format).count();
            assert_eq!(rows, 1, "{format:?} has {rows} rows in FORMATS");
            assert!(
                !binary_format(format).contains("a binary file"),
                "{format:?}"
            );
        }
        assert_eq!(FORMATS.len(), Format::ALL.len());
    }

    #[test]
    fn images_say_ocr() {
        let m = binary_format(Format::Png);
        assert_eq!(
            m,
            "looks like a PNG image, not text; zhibiao reads text, web pages, Word (.docx) \
             and PDF files — if it is a scanned page, run OCR on it and save the result as .txt"
        );
    }
}
