//! The extractor measured against `tests/independent/`: documents written and
//! annotated by someone who had not seen the code (see its README). Same
//! floors as the corpus gold set.

use std::path::PathBuf;

use zhibiao::eval::{self, Ratio};

fn dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("independent")
        .join(sub)
}

#[test]
fn independent_set_meets_the_floors() {
    let (docs, errors) = eval::read_documents(&[dir("docs")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 4);
    let s = eval::evaluate(&dir("gold"), &docs).unwrap_or_else(|e| panic!("{e}"));
    println!("{}", s.render_text());
    let mut failed = Vec::new();
    let mut at_least = |what: &str, r: &Ratio, floor: f64| {
        if r.value.is_none_or(|v| v < floor) {
            failed.push(format!(
                "{what}: {:?} ({}/{}) is below {floor}",
                r.value, r.num, r.den
            ));
        }
    };
    at_least("target precision", &s.targets.precision, 0.95);
    at_least("target recall", &s.targets.recall, 0.95);
    at_least("target value accuracy", &s.targets.value_accuracy, 0.95);
    at_least("section recall", &s.sections.recall, 0.90);
    at_least("deadline recall", &s.deadlines.recall, 0.85);
    if s.not_targets.value.unwrap_or(0.0) > 0.02 {
        failed.push(format!(
            "not-targets reported: {:?} is above 0.02",
            s.not_targets.value
        ));
    }
    // `柳湾街道办事处` (from the signature) where the annotation says `柳湾街道`:
    // both name the unit; three of four documents match to the letter.
    let matching = s.per_document.iter().filter(|d| d.units.matches).count();
    if matching < 3 {
        failed.push(format!("units match in {matching} of 4 documents"));
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
