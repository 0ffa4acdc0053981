//! The whole per-document pipeline on arbitrary bytes: decode, clean,
//! structure, quantities. It must not panic, and every document it returns
//! must keep the invariants of `zhibiao::verify::check_document` against
//! the text the bytes decode to.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match zhibiao::extract_bytes("fuzz.txt", bytes) {
        Ok(doc) => {
            let text = match zhibiao::decode::decode(bytes) {
                Ok(d) => d.text,
                Err(e) => panic!("extracted, but the bytes do not decode: {}", e.message),
            };
            let problems = zhibiao::verify::check_document(&doc, &text);
            assert!(problems.is_empty(), "{problems:#?}");
        }
        Err(e) => assert!(!e.message.is_empty(), "an error without a message"),
    }
});
