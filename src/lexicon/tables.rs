//! Reading the lexicon's tables: the bundled ones and a user's own.
//!
//! Every table is read as a contract — each column against what it may hold
//! (the model's enum values through serde, numbers, regular expressions,
//! flags), no key listed twice — and every problem is named by file, line
//! and column. The bundled tables are held to it by a test, so a typo in one
//! fails the tests rather than silently changing output; a user's table is
//! held to it when it is loaded, before any document is read.
//!
//! A user table has the name and the columns of a bundled one. Its rows are
//! merged into the bundled rows by the table's key: a row whose key is
//! already there replaces that row (in its place), any other row is added at
//! the end.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use regex::Regex;
use serde::de::DeserializeOwned;

use crate::model::{Change, CommitmentKind, Comparator, Domain, SectionRole, TargetKind};

use super::{Cue, DeadlineForm, OrganRole, PortalRole, Reach, TableColumn, WordRole};

/// One problem in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    /// The table's file: its bundled name, or the path of a user's table.
    pub file: String,
    /// 1-based line of the file; 0 for the file as a whole.
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

/// Why a lexicon could not be built: every problem found, in file and line
/// order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub errors: Vec<TableError>,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len();
        write!(
            f,
            "{n} problem{} in the lexicon tables",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LexiconError {}

impl From<Vec<TableError>> for LexiconError {
    fn from(errors: Vec<TableError>) -> Self {
        LexiconError { errors }
    }
}

/// What a column may hold.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Col {
    /// Any non-empty text.
    Word,
    /// One character.
    Char,
    /// A value of one of the enums, by its JSON name.
    Model(fn(&str) -> bool),
    /// A date in the year, `MM-DD`, or `lunar` (no fixed date).
    MonthDay,
    /// One of these literals.
    OneOf(&'static [&'static str]),
    /// A number (`f64`).
    Number,
    /// A whole number.
    Count,
    /// A regular expression (after [`expand`]).
    Pattern,
    /// Literals separated by `|`, each non-empty.
    Alternatives,
    /// Flags separated by `,` or spaces, each one of these (may be empty).
    Flags(&'static [&'static str]),
    /// Optional: empty or absent, else as the inner kind.
    Optional(&'static Col),
}

fn is_model<T: DeserializeOwned>(s: &str) -> bool {
    parse_enum::<T>(s).is_some()
}

/// A value of an enum by its JSON (serde) name.
pub(crate) fn parse_enum<T: DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value::<T>(serde_json::Value::String(s.to_string())).ok()
}

/// The shorthands a pattern column may use, expanded before the pattern is
/// compiled: a month number (`{month}`, capturing `m`) and a month with an
/// optional year before it (`{ym}`, capturing `y` and `m`). Converted text
/// may leave a space between a number and `月`/`年`.
pub(crate) fn expand(pattern: &str) -> String {
    const MONTH: &str = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]) ?";
    let ym = format!(r"(?:(?P<y>20[0-9]{{2}})\s*年\s*)?{MONTH}\s*月");
    pattern.replace("{ym}", &ym).replace("{month}", MONTH)
}

/// A `MonthDay` column: `Some(None)` for `lunar`, `Some(Some((m, d)))` for
/// a valid `MM-DD`.
pub(crate) fn month_day(v: &str) -> Option<Option<(u32, u32)>> {
    if v == "lunar" {
        return Some(None);
    }
    let (m, d) = v.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(Some((m, d)))
}

/// A table: its file name, its bundled text, its columns, and which columns
/// form the key that may not repeat (and by which a user's row replaces a
/// bundled one).
pub(crate) struct Spec {
    pub file: &'static str,
    bundled: &'static str,
    cols: &'static [Col],
    key: &'static [usize],
}

pub(crate) const SPECS: &[Spec] = &[
    Spec {
        file: "units.tsv",
        bundled: include_str!("units.tsv"),
        cols: &[
            Col::Word,
            Col::Word,
            Col::Model(is_model::<TargetKind>),
            Col::Number,
            Col::Optional(&Col::Flags(&["arabic", "rank", "qualifier"])),
        ],
        key: &[0],
    },
    Spec {
        file: "comparators.tsv",
        bundled: include_str!("comparators.tsv"),
        cols: &[
            Col::Word,
            Col::OneOf(&["before", "after"]),
            Col::Model(is_model::<Comparator>),
        ],
        key: &[0, 1],
    },
    Spec {
        file: "changes.tsv",
        bundled: include_str!("changes.tsv"),
        cols: &[
            Col::Word,
            Col::Model(is_model::<Change>),
            Col::OneOf(&["yes", "no"]),
        ],
        key: &[0],
    },
    Spec {
        file: "section_roles.tsv",
        bundled: include_str!("section_roles.tsv"),
        cols: &[Col::Word, Col::Model(is_model::<SectionRole>)],
        key: &[0],
    },
    Spec {
        file: "domains.tsv",
        bundled: include_str!("domains.tsv"),
        cols: &[Col::Word, Col::Model(is_model::<Domain>), Col::Count],
        key: &[0, 1],
    },
    Spec {
        file: "unit_names.tsv",
        bundled: include_str!("unit_names.tsv"),
        cols: &[Col::Word, Col::Count, Col::Count],
        key: &[0],
    },
    Spec {
        file: "field_keys.tsv",
        bundled: include_str!("field_keys.tsv"),
        cols: &[Col::Word, Col::OneOf(&["descriptor", "content"])],
        key: &[0],
    },
    Spec {
        file: "commitments.tsv",
        bundled: include_str!("commitments.tsv"),
        cols: &[
            Col::Pattern,
            Col::Model(is_model::<CommitmentKind>),
            Col::Optional(&Col::Alternatives),
        ],
        key: &[0],
    },
    Spec {
        file: "deadlines.tsv",
        bundled: include_str!("deadlines.tsv"),
        cols: &[
            Col::Pattern,
            Col::Model(is_model::<DeadlineForm>),
            Col::Optional(&Col::Alternatives),
        ],
        key: &[0],
    },
    Spec {
        file: "festivals.tsv",
        bundled: include_str!("festivals.tsv"),
        cols: &[Col::Word, Col::MonthDay],
        key: &[0],
    },
    Spec {
        file: "mode_cues.tsv",
        bundled: include_str!("mode_cues.tsv"),
        cols: &[
            Col::Word,
            Col::Model(is_model::<Cue>),
            Col::Model(is_model::<Reach>),
        ],
        key: &[0],
    },
    Spec {
        file: "table_columns.tsv",
        bundled: include_str!("table_columns.tsv"),
        cols: &[Col::Word, Col::Model(is_model::<TableColumn>)],
        key: &[0],
    },
    Spec {
        file: "indicators.tsv",
        bundled: include_str!("indicators.tsv"),
        cols: &[
            Col::Word,
            Col::Word,
            Col::Model(is_model::<TargetKind>),
            Col::Optional(&Col::Alternatives),
        ],
        key: &[0],
    },
    Spec {
        file: "target_words.tsv",
        bundled: include_str!("target_words.tsv"),
        cols: &[Col::Model(is_model::<WordRole>), Col::Word],
        key: &[0, 1],
    },
    Spec {
        file: "portal_labels.tsv",
        bundled: include_str!("portal_labels.tsv"),
        cols: &[Col::Word, Col::Model(is_model::<PortalRole>)],
        key: &[0, 1],
    },
    Spec {
        file: "organs.tsv",
        bundled: include_str!("organs.tsv"),
        cols: &[Col::Word, Col::Model(is_model::<OrganRole>)],
        key: &[0, 1],
    },
    Spec {
        file: "fold.tsv",
        bundled: include_str!("fold.tsv"),
        cols: &[Col::Char, Col::Char],
        key: &[0],
    },
    Spec {
        file: "slogans.txt",
        bundled: include_str!("slogans.txt"),
        cols: &[Col::Word],
        key: &[0],
    },
    Spec {
        file: "money_context.txt",
        bundled: include_str!("money_context.txt"),
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
        Col::Char => (v.chars().count() == 1)
            .then_some(())
            .ok_or_else(|| format!("{v:?} is not one character")),
        Col::Model(ok) => ok(v)
            .then_some(())
            .ok_or_else(|| format!("{v:?} is not a value this column takes")),
        Col::MonthDay => month_day(v)
            .map(|_| ())
            .ok_or_else(|| format!("{v:?} is not MM-DD or lunar")),
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
        Col::Pattern => Regex::new(&expand(v))
            .map(|_| ())
            .map_err(|e| format!("bad pattern: {e}")),
        Col::Alternatives => {
            if v.split('|').any(str::is_empty) {
                Err(format!("{v:?} has an empty alternative"))
            } else {
                Ok(())
            }
        }
        Col::OneOf(values) => values
            .contains(&v)
            .then_some(())
            .ok_or_else(|| format!("{v:?} is not one of {}", values.join(" "))),
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

/// One row of a table, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub fields: Vec<String>,
    pub file: String,
    pub line: usize,
}

impl Row {
    /// Column `i`, or "" when the row is short (optional columns).
    pub fn col(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", String::as_str)
    }

    /// An error at column `column` (1-based) of this row.
    pub fn error(&self, column: usize, message: String) -> TableError {
        TableError {
            file: self.file.clone(),
            line: self.line,
            column,
            message,
        }
    }

    /// Column `i` as a value of an enum, by its JSON name.
    pub fn value<T: DeserializeOwned>(&self, i: usize) -> Result<T, TableError> {
        parse_enum(self.col(i)).ok_or_else(|| {
            self.error(
                i + 1,
                format!("{:?} is not a value this column takes", self.col(i)),
            )
        })
    }

    /// Column `i` as a number.
    pub fn number<T: std::str::FromStr>(&self, i: usize) -> Result<T, TableError> {
        self.col(i)
            .parse()
            .map_err(|_| self.error(i + 1, format!("{:?} is not a number", self.col(i))))
    }
}

/// Read one table's text: its rows, and every problem in it.
fn read(spec: &Spec, file: &str, data: &str) -> (Vec<Row>, Vec<TableError>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<Vec<&str>, usize> = HashMap::new();
    let err = |line: usize, column: usize, message: String| TableError {
        file: file.to_string(),
        line,
        column,
        message,
    };
    let required = spec
        .cols
        .iter()
        .filter(|c| !matches!(c, Col::Optional(_)))
        .count();
    for (i, raw) in data.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = l.split('\t').collect();
        if fields.len() < required || fields.len() > spec.cols.len() {
            errors.push(err(
                line,
                0,
                format!(
                    "{} fields, expected {}",
                    fields.len(),
                    if required == spec.cols.len() {
                        required.to_string()
                    } else {
                        format!("{required} to {}", spec.cols.len())
                    }
                ),
            ));
            continue;
        }
        let mut ok = true;
        for (k, col) in spec.cols.iter().enumerate() {
            let v = fields.get(k).copied().unwrap_or("");
            if let Err(m) = check_value(*col, v) {
                errors.push(err(line, k + 1, m));
                ok = false;
            }
        }
        let key: Vec<&str> = spec
            .key
            .iter()
            .map(|&k| fields.get(k).copied().unwrap_or(""))
            .collect();
        if let Some(first) = seen.insert(key.clone(), line) {
            errors.push(err(
                line,
                spec.key[0] + 1,
                format!("{} listed again (first on line {first})", key.join(" ")),
            ));
            ok = false;
        }
        if ok {
            rows.push(Row {
                fields: fields.iter().map(|f| f.to_string()).collect(),
                file: file.to_string(),
                line,
            });
        }
    }
    (rows, errors)
}

/// The rows of every table, bundled and user rows merged.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    by_file: HashMap<&'static str, Vec<Row>>,
}

impl Tables {
    /// The bundled tables, or every problem in them.
    pub fn bundled() -> Result<Tables, LexiconError> {
        let mut by_file = HashMap::new();
        let mut errors = Vec::new();
        for spec in SPECS {
            let (rows, e) = read(spec, spec.file, spec.bundled);
            errors.extend(e);
            by_file.insert(spec.file, rows);
        }
        if errors.is_empty() {
            Ok(Tables { by_file })
        } else {
            Err(errors.into())
        }
    }

    /// The rows of table `file` (one of [`SPECS`]).
    pub fn rows(&self, file: &str) -> &[Row] {
        self.by_file.get(file).map_or(&[], Vec::as_slice)
    }

    /// Merge a user's table, named like a bundled one, into these.
    pub fn merge(&mut self, file: &str, display: &str, data: &str) -> Result<(), LexiconError> {
        let Some(spec) = SPECS.iter().find(|s| s.file == file) else {
            let names: Vec<&str> = SPECS.iter().map(|s| s.file).collect();
            return Err(vec![TableError {
                file: display.to_string(),
                line: 0,
                column: 0,
                message: format!("not a lexicon table (the tables are {})", names.join(" ")),
            }]
            .into());
        };
        let (rows, errors) = read(spec, display, data);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let key =
            |r: &Row| -> Vec<String> { spec.key.iter().map(|&k| r.col(k).to_string()).collect() };
        let ours = self.by_file.entry(spec.file).or_default();
        let mut at: HashMap<Vec<String>, usize> =
            ours.iter().enumerate().map(|(i, r)| (key(r), i)).collect();
        for row in rows {
            match at.get(&key(&row)) {
                Some(&i) => ours[i] = row,
                None => {
                    at.insert(key(&row), ours.len());
                    ours.push(row);
                }
            }
        }
        Ok(())
    }

    /// Merge every table of a user's folder: each `.tsv` and `.txt` file
    /// (any case) must be named like a bundled table, a `.csv` file is
    /// refused (the tables are tab-separated), other files and subfolders
    /// are left alone.
    pub fn merge_dir(&mut self, dir: &Path) -> Result<(), LexiconError> {
        let io = |message: String| -> LexiconError {
            vec![TableError {
                file: dir.display().to_string(),
                line: 0,
                column: 0,
                message,
            }]
            .into()
        };
        let entries =
            std::fs::read_dir(dir).map_err(|e| io(format!("cannot read the folder: {e}")))?;
        let mut files: Vec<std::path::PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                // Any case of the extension: `Units.TSV` must be refused by
                // its name below, not passed over. `.csv` is read too, to be
                // refused: a comma-separated copy of a table is a mistake.
                p.is_file()
                    && p.extension().is_some_and(|e| {
                        ["tsv", "txt", "csv"]
                            .contains(&e.to_ascii_lowercase().to_string_lossy().as_ref())
                    })
            })
            .collect();
        files.sort();
        let mut errors = Vec::new();
        for path in files {
            let display = path.display().to_string();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            {
                errors.push(TableError {
                    file: display,
                    line: 0,
                    column: 0,
                    message:
                        "the tables are tab-separated: save it as .tsv (or .txt for a word list)"
                            .to_string(),
                });
                continue;
            }
            let data = match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(s) => s,
                    Err(_) => {
                        errors.push(TableError {
                            file: display,
                            line: 0,
                            column: 0,
                            message: "not UTF-8 text".to_string(),
                        });
                        continue;
                    }
                },
                Err(e) => {
                    errors.push(TableError {
                        file: display,
                        line: 0,
                        column: 0,
                        message: format!("cannot read: {e}"),
                    });
                    continue;
                }
            };
            let data = data.strip_prefix('\u{feff}').unwrap_or(&data);
            if let Err(e) = self.merge(name, &display, data) {
                errors.extend(e.errors);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.into())
        }
    }
}

/// Every problem in the bundled tables, in file and line order.
pub fn check_bundled() -> Vec<TableError> {
    SPECS
        .iter()
        .flat_map(|s| read(s, s.file, s.bundled).1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(file: &str) -> &'static Spec {
        SPECS
            .iter()
            .find(|t| t.file == file)
            .unwrap_or_else(|| panic!("no table {file}"))
    }

    fn problems(file: &str, data: &str) -> Vec<TableError> {
        read(spec(file), file, data).1
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
        let got: Vec<String> = problems(
            "units.tsv",
            "# surface\tcanonical\tkind\tmultiplier\tflags\n个\t个\tcount\t1\n亩\t亩\tarae\t1\n斤\t斤\tweight\tx\n个\t个\tcount\t1\n吨\t吨\tweight\t1\tqualifer\n",
        )
        .iter()
        .map(ToString::to_string)
        .collect();
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
        let got = problems("commitments.tsv", "(?:不发生\tno_incident\n零增长\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].line, got[0].column), (1, 1));
        assert!(got[0].message.starts_with("bad pattern"));
        assert_eq!((got[1].line, got[1].column), (2, 0));
    }

    /// Every role of `target_words.tsv` has words: a role the code asks for
    /// cannot be misspelt (it is an enum), and an unknown role in the table
    /// is an error (above); this holds that none is left empty.
    #[test]
    fn every_word_role_has_words() {
        let tables = Tables::bundled().unwrap_or_else(|e| panic!("{e}"));
        let mut used = std::collections::BTreeSet::new();
        for r in tables.rows("target_words.tsv") {
            used.insert(r.col(0).to_string());
        }
        for role in WordRole::ALL {
            let name = serde_json::to_value(role)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            assert!(used.contains(&name), "no words for role {name}");
        }
    }

    #[test]
    fn a_user_row_replaces_by_key_or_is_added() {
        let mut t = Tables::bundled().unwrap_or_else(|e| panic!("{e}"));
        let before = t.rows("units.tsv").len();
        let at = t.rows("units.tsv").iter().position(|r| r.col(0) == "亩");
        t.merge(
            "units.tsv",
            "my/units.tsv",
            "亩\t亩\tarea\t666.7\n垄\t垄\tcount\t1\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let rows = t.rows("units.tsv");
        assert_eq!(rows.len(), before + 1);
        assert_eq!(rows.iter().position(|r| r.col(0) == "亩"), at);
        let mu = rows
            .iter()
            .find(|r| r.col(0) == "亩")
            .map(|r| (r.col(3), r.file.as_str()));
        assert_eq!(mu, Some(("666.7", "my/units.tsv")));
        assert_eq!(rows.last().map(|r| r.col(0)), Some("垄"));
    }

    #[test]
    fn a_bad_user_table_is_named_by_its_path() {
        let mut t = Tables::bundled().unwrap_or_else(|e| panic!("{e}"));
        let e = t
            .merge("units.tsv", "my/units.tsv", "垄\t垄\tcounts\t1\n")
            .expect_err("unknown kind");
        assert_eq!(
            e.to_string(),
            "1 problem in the lexicon tables\n  my/units.tsv:1:3: \"counts\" is not a value this column takes"
        );
        let e = t
            .merge("unit.tsv", "my/unit.tsv", "垄\n")
            .expect_err("no such table");
        assert!(
            e.to_string()
                .contains("my/unit.tsv:0:0: not a lexicon table"),
            "{e}"
        );
    }
}
