//! Strict checks of the bundled tables.
//!
//! The loaders beside this module read a table forgivingly (a short row
//! gives empty columns, an unknown value its default), so that a table
//! cannot stop extraction. That makes a typo in a table silent: `percnet`
//! would turn a unit into `other`. [`check_bundled`] reads every table as a
//! contract instead — each column against what it may hold (the model's
//! enum values through serde, numbers, regular expressions, flags), no key
//! listed twice — and names the file, line and column of each problem. A
//! test holds the bundled tables to it, so a bad row fails the build's
//! tests rather than changing output.

use std::collections::HashMap;
use std::fmt;

use regex::Regex;
use serde::de::DeserializeOwned;

use crate::model::{Change, CommitmentKind, Comparator, Domain, SectionRole, TargetKind};

/// One problem in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub file: &'static str,
    /// 1-based line of the file.
    pub line: usize,
    /// 1-based column (tab-separated field); 0 for the row as a whole.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// What a column may hold.
#[derive(Debug, Clone, Copy)]
enum Col {
    /// Any non-empty text.
    Word,
    /// A value of one of the model's enums, by its JSON name.
    Model(fn(&str) -> bool),
    /// One of these literals.
    OneOf(&'static [&'static str]),
    /// A number (`f64`).
    Number,
    /// A whole number.
    Count,
    /// A regular expression.
    Pattern,
    /// Literals separated by `|`, each non-empty.
    Alternatives,
    /// Flags separated by `,` or spaces, each one of these (may be empty).
    Flags(&'static [&'static str]),
    /// Optional: empty or absent, else as the inner kind.
    Optional(&'static Col),
}

fn is_model<T: DeserializeOwned>(s: &str) -> bool {
    serde_json::from_value::<T>(serde_json::Value::String(s.to_string())).is_ok()
}

/// A table: its file, its text, its columns, and which columns form the key
/// that may not repeat.
struct Table {
    file: &'static str,
    data: &'static str,
    cols: &'static [Col],
    key: &'static [usize],
}

const TABLES: &[Table] = &[
    Table {
        file: "units.tsv",
        data: include_str!("units.tsv"),
        cols: &[
            Col::Word,
            Col::Word,
            Col::Model(is_model::<TargetKind>),
            Col::Number,
            Col::Optional(&Col::Flags(&["arabic", "rank", "qualifier"])),
        ],
        key: &[0],
    },
    Table {
        file: "comparators.tsv",
        data: include_str!("comparators.tsv"),
        cols: &[
            Col::Word,
            Col::OneOf(&["before", "after"]),
            Col::Model(is_model::<Comparator>),
        ],
        key: &[0, 1],
    },
    Table {
        file: "changes.tsv",
        data: include_str!("changes.tsv"),
        cols: &[
            Col::Word,
            Col::Model(is_model::<Change>),
            Col::OneOf(&["yes", "no"]),
        ],
        key: &[0],
    },
    Table {
        file: "section_roles.tsv",
        data: include_str!("section_roles.tsv"),
        cols: &[Col::Word, Col::Model(is_model::<SectionRole>)],
        key: &[0],
    },
    Table {
        file: "domains.tsv",
        data: include_str!("domains.tsv"),
        cols: &[Col::Word, Col::Model(is_model::<Domain>), Col::Count],
        key: &[0, 1],
    },
    Table {
        file: "unit_names.tsv",
        data: include_str!("unit_names.tsv"),
        cols: &[Col::Word, Col::Count, Col::Count],
        key: &[0],
    },
    Table {
        file: "field_keys.tsv",
        data: include_str!("field_keys.tsv"),
        cols: &[Col::Word, Col::OneOf(&["descriptor", "content"])],
        key: &[0],
    },
    Table {
        file: "commitments.tsv",
        data: include_str!("commitments.tsv"),
        cols: &[
            Col::Pattern,
            Col::Model(is_model::<CommitmentKind>),
            Col::Optional(&Col::Alternatives),
        ],
        key: &[0],
    },
    Table {
        file: "mode_cues.tsv",
        data: include_str!("mode_cues.tsv"),
        cols: &[
            Col::Word,
            Col::OneOf(&[
                "target",
                "target_weak",
                "achievement",
                "baseline",
                "past",
                "neutral",
                "none",
            ]),
            Col::OneOf(&["clause", "sentence", "adjacent"]),
        ],
        key: &[0],
    },
    Table {
        file: "table_columns.tsv",
        data: include_str!("table_columns.tsv"),
        cols: &[
            Col::Word,
            Col::OneOf(&[
                "serial", "name", "unit", "target", "actual", "deadline", "owner", "score", "note",
            ]),
        ],
        key: &[0],
    },
    Table {
        file: "indicators.tsv",
        data: include_str!("indicators.tsv"),
        cols: &[
            Col::Word,
            Col::Word,
            Col::Model(is_model::<TargetKind>),
            Col::Optional(&Col::Alternatives),
        ],
        key: &[0],
    },
    Table {
        file: "target_words.tsv",
        data: include_str!("target_words.tsv"),
        cols: &[Col::Word, Col::Word],
        key: &[0, 1],
    },
    Table {
        file: "portal_labels.tsv",
        data: include_str!("portal_labels.tsv"),
        cols: &[
            Col::Word,
            Col::OneOf(&[
                "source_line",
                "issuer_cell",
                "date_line",
                "counter",
                "header",
                "header_issuer",
                "header_date",
            ]),
        ],
        key: &[0, 1],
    },
    Table {
        file: "organs.tsv",
        data: include_str!("organs.tsv"),
        cols: &[Col::Word, Col::OneOf(&["signature", "government"])],
        key: &[0, 1],
    },
    Table {
        file: "fold.tsv",
        data: include_str!("fold.tsv"),
        cols: &[Col::Word, Col::Word],
        key: &[0],
    },
    Table {
        file: "slogans.txt",
        data: include_str!("slogans.txt"),
        cols: &[Col::Word],
        key: &[0],
    },
    Table {
        file: "money_context.txt",
        data: include_str!("money_context.txt"),
        cols: &[Col::Word],
        key: &[0],
    },
];

/// Check one column's value; the message says what was expected.
fn check_value(col: Col, v: &str) -> Result<(), String> {
    match col {
        Col::Optional(_) if v.is_empty() => Ok(()),
        Col::Optional(inner) => check_value(*inner, v),
        _ if v.trim().is_empty() => Err("empty".to_string()),
        _ if v != v.trim() => Err(format!("{v:?} has spaces around it")),
        Col::Word => Ok(()),
        Col::Model(ok) => ok(v)
            .then_some(())
            .ok_or_else(|| format!("{v:?} is not a value this column takes")),
        Col::OneOf(values) => values
            .contains(&v)
            .then_some(())
            .ok_or_else(|| format!("{v:?} is not one of {}", values.join(" "))),
        Col::Number => v
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .map(|_| ())
            .ok_or_else(|| format!("{v:?} is not a number")),
        Col::Count => v
            .parse::<u32>()
            .map(|_| ())
            .map_err(|_| format!("{v:?} is not a whole number")),
        Col::Pattern => Regex::new(v)
            .map(|_| ())
            .map_err(|e| format!("bad pattern: {e}")),
        Col::Alternatives => {
            if v.split('|').any(str::is_empty) {
                Err(format!("{v:?} has an empty alternative"))
            } else {
                Ok(())
            }
        }
        Col::Flags(allowed) => match v
            .split([',', ' '])
            .filter(|f| !f.is_empty())
            .find(|f| !allowed.contains(f))
        {
            Some(f) => Err(format!("unknown flag {f:?} (flags: {})", allowed.join(" "))),
            None => Ok(()),
        },
    }
}

fn check_table(t: &Table) -> Vec<TableError> {
    let mut errors = Vec::new();
    let mut seen: HashMap<Vec<&str>, usize> = HashMap::new();
    let err = |line: usize, column: usize, message: String| TableError {
        file: t.file,
        line,
        column,
        message,
    };
    for (i, raw) in t.data.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = l.split('\t').collect();
        let required = t
            .cols
            .iter()
            .filter(|c| !matches!(c, Col::Optional(_)))
            .count();
        if fields.len() < required || fields.len() > t.cols.len() {
            errors.push(err(
                line,
                0,
                format!(
                    "{} fields, expected {}",
                    fields.len(),
                    if required == t.cols.len() {
                        required.to_string()
                    } else {
                        format!("{required} to {}", t.cols.len())
                    }
                ),
            ));
            continue;
        }
        for (k, col) in t.cols.iter().enumerate() {
            let v = fields.get(k).copied().unwrap_or("");
            if let Err(m) = check_value(*col, v) {
                errors.push(err(line, k + 1, m));
            }
        }
        let key: Vec<&str> = t
            .key
            .iter()
            .map(|&k| fields.get(k).copied().unwrap_or(""))
            .collect();
        if let Some(first) = seen.insert(key.clone(), line) {
            errors.push(err(
                line,
                t.key[0] + 1,
                format!("{} listed again (first on line {first})", key.join(" ")),
            ));
        }
    }
    errors
}

/// Every problem in the bundled tables, in file and line order.
pub fn check_bundled() -> Vec<TableError> {
    TABLES.iter().flat_map(check_table).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols_of(file: &str) -> &'static [Col] {
        TABLES
            .iter()
            .find(|t| t.file == file)
            .map_or(&[], |t| t.cols)
    }

    #[test]
    fn every_bundled_table_is_valid() {
        let errors = check_bundled();
        assert!(
            errors.is_empty(),
            "{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    #[test]
    fn a_bad_row_is_named_by_file_line_and_column() {
        let t = Table {
            file: "units.tsv",
            data: "# surface\tcanonical\tkind\tmultiplier\tflags\n个\t个\tcount\t1\n亩\t亩\tarae\t1\n斤\t斤\tweight\tx\n个\t个\tcount\t1\n吨\t吨\tweight\t1\tqualifer\n",
            cols: cols_of("units.tsv"),
            key: &[0],
        };
        let got: Vec<String> = check_table(&t).iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            vec![
                "units.tsv:3:3: \"arae\" is not a value this column takes",
                "units.tsv:4:4: \"x\" is not a number",
                "units.tsv:5:1: 个 listed again (first on line 2)",
                "units.tsv:6:5: unknown flag \"qualifer\" (flags: arabic rank qualifier)",
            ]
        );
    }

    #[test]
    fn a_bad_pattern_and_a_short_row_are_errors() {
        let t = Table {
            file: "commitments.tsv",
            data: "(?:不发生\tno_incident\n零增长\n",
            cols: cols_of("commitments.tsv"),
            key: &[0],
        };
        let got = check_table(&t);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].line, got[0].column), (1, 1));
        assert!(got[0].message.starts_with("bad pattern"));
        assert_eq!((got[1].line, got[1].column), (2, 0));
    }

    /// Every role of `target_words.tsv` is asked for by the code, and every
    /// role the code asks for is in the table: a misspelt role on either
    /// side would otherwise be an empty list.
    #[test]
    fn target_word_roles_match_the_code() {
        use std::collections::BTreeSet;
        let in_table: BTreeSet<&str> = include_str!("target_words.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .collect();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut in_code = BTreeSet::new();
        let mut all_code = String::new();
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap_or_default();
                    for part in text.split("target_words(\"").skip(1) {
                        if let Some(role) = part.split('"').next() {
                            in_code.insert(role.to_string());
                        }
                    }
                    if !p.ends_with("check.rs") {
                        all_code.push_str(&text);
                    }
                }
            }
        }
        let in_table: BTreeSet<String> = in_table.into_iter().map(String::from).collect();
        // A role may also be named as a literal in a list of roles.
        let unused: Vec<_> = in_table
            .iter()
            .filter(|r| !all_code.contains(&format!("\"{r}\"")))
            .collect();
        let missing: Vec<_> = in_code.difference(&in_table).collect();
        assert!(
            unused.is_empty(),
            "roles in target_words.tsv no code asks for: {unused:?}"
        );
        assert!(
            missing.is_empty(),
            "roles the code asks for that the table lacks: {missing:?}"
        );
    }
}
