//! The extractor measured against `tests/independent/`: documents written and
//! annotated by someone who had not seen the code (see its README). Same
//! floors as the corpus gold set.

mod common;

use std::path::PathBuf;

use zhibiao::eval::{self, Floors};

fn dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("independent")
        .join(sub)
}

#[test]
fn independent_set_meets_the_floors() {
    let (docs, errors) = eval::read_documents(common::extractor(), &[dir("docs")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 4);
    let s = eval::evaluate(&dir("gold"), &docs).unwrap_or_else(|e| panic!("{e}"));
    println!("{}", s.render_text());
    // `柳湾街道办事处` (from the signature) where the annotation says `柳湾街道`:
    // both name the unit; three of four documents match to the letter.
    let floors = Floors {
        unit_documents: 0.75,
        ..Floors::REQUIRED
    };
    let failed = s.shortfalls(&floors);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
