//! No cycles between the library's modules.
//!
//! A cycle (`structure` uses `quantity`, which uses `structure`) means
//! neither module can be understood, tested or moved without the other;
//! they are one module in two files. This test reads every `src/**/*.rs`,
//! collects the `crate::…` and `super::…` paths each module names (in `use`
//! declarations, `use` groups and paths in code alike, comments and string
//! literals left out), and fails naming every cycle, each with the places
//! that make its edges.
//!
//! Nodes are file and folder modules (`lexicon`, `quantity::target`,
//! `eval::gold`); an inline module (`mod tests { … }`) belongs to its file.
//! An edge from a module to one of its own ancestors or descendants does
//! not count: a folder's `mod.rs` re-exporting its files, and its files
//! using the folder's shared types, is one unit seen from outside. The
//! binary (`src/main.rs`) is another crate, which reaches the library only
//! through its public API, and is not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path without the leading `crate`: `["quantity", "target"]`; the
/// crate root is empty.
type Module = Vec<String>;

/// Edges between modules, each with where it was seen (`file: path`).
type Graph = BTreeMap<String, BTreeMap<String, Vec<String>>>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
}

/// Tokens of Rust source, without comments, string, byte-string and char
/// literals (whose text could look like paths). Lifetimes are dropped too.
fn tokenize(src: &str) -> Vec<Token> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 1;
            i += 2;
            while i < chars.len() && depth > 0 {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_string(&chars, i + 1);
        } else if (c == 'r' || c == 'b' || c == 'c') && raw_string_start(&chars, i).is_some() {
            let (hashes, body) = raw_string_start(&chars, i).unwrap_or((0, i));
            i = skip_raw_string(&chars, body, hashes);
        } else if (c == 'b' || c == 'c') && at(i + 1) == '"' {
            i = skip_string(&chars, i + 2);
        } else if c == 'b' && at(i + 1) == '\'' {
            i = skip_char(&chars, i + 2);
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{3000}') or a lifetime ('a).
            if at(i + 1) == '\\' || at(i + 2) == '\'' {
                i = skip_char(&chars, i + 1);
            } else {
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c == ':' && at(i + 1) == ':' {
            out.push(Token::Sep);
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

/// After the opening quote: the index after the closing one.
fn skip_string(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// After the opening quote of a char literal: the index after its end.
fn skip_char(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '\'' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// `r"`, `r#"`, `br##"`, `cr"` at `i`: the number of `#` and the index of
/// the string's first character.
fn raw_string_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if chars.get(j) != Some(&'r') {
        j += 1;
        if chars.get(j) != Some(&'r') {
            return None;
        }
    }
    if i > 0 && chars[i - 1].is_alphanumeric() {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some((hashes, j + 1))
}

fn skip_raw_string(chars: &[char], mut i: usize, hashes: usize) -> usize {
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// What a file names: every path from `crate` or `super`, resolved to
/// absolute segments (without `crate`), and the modules it declares test
/// only (`#[cfg(test)] mod fixtures;`).
#[derive(Debug, Default)]
struct Names {
    paths: Vec<Vec<String>>,
    test_modules: Vec<String>,
}

/// `#[cfg(test)]` at `i`.
fn is_cfg_test(tokens: &[Token], i: usize) -> bool {
    let word = |k: usize, w: &str| matches!(tokens.get(i + k), Some(Token::Ident(x)) if x == w);
    let punct = |k: usize, c: char| tokens.get(i + k) == Some(&Token::Punct(c));
    punct(0, '#')
        && punct(1, '[')
        && word(2, "cfg")
        && punct(3, '(')
        && word(4, "test")
        && punct(5, ')')
        && punct(6, ']')
}

/// From the start of an item: the index after its end (`;`, or the brace
/// closing its first block).
fn skip_item(tokens: &[Token], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < tokens.len() {
        match tokens[i] {
            Token::Punct(';') if depth == 0 => return i + 1,
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// The names of a file whose module is `module`. Inline modules (`mod x {
/// … }`) are followed so that their `super::` resolves right; items under
/// `#[cfg(test)]` are left out, since test code is not part of the
/// library's structure (a unit test may well run a later stage on a
/// module's data).
fn paths_of(module: &Module, src: &str) -> Names {
    let tokens = tokenize(src);
    let mut names = Names::default();
    let out = &mut names.paths;
    // The current module and, for each inline module open, the brace depth
    // its body started at.
    let mut current = module.clone();
    let mut inline: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let ident = |i: usize| match tokens.get(i) {
        Some(Token::Ident(w)) => Some(w.as_str()),
        _ => None,
    };
    while i < tokens.len() {
        if is_cfg_test(&tokens, i) {
            i += 7;
            if let (Some("mod"), Some(name), Some(Token::Punct(';'))) =
                (ident(i), ident(i + 1), tokens.get(i + 2))
            {
                names.test_modules.push(name.to_string());
            }
            i = skip_item(&tokens, i);
            continue;
        }
        match &tokens[i] {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                if inline.last() == Some(&depth) {
                    inline.pop();
                    current.pop();
                }
            }
            Token::Ident(w) if w == "mod" => {
                if let (Some(name), Some(Token::Punct('{'))) = (ident(i + 1), tokens.get(i + 2)) {
                    current.push(name.to_string());
                    inline.push(depth);
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Token::Ident(w)
                if (w == "crate" || w == "super")
                    && tokens.get(i + 1) == Some(&Token::Sep)
                    && (i == 0 || tokens[i - 1] != Token::Sep) =>
            {
                let mut base: Vec<String> = if w == "crate" {
                    Vec::new()
                } else {
                    let mut b = current.clone();
                    b.pop();
                    b
                };
                let mut j = i + 1;
                // Further `super::` steps.
                while tokens.get(j) == Some(&Token::Sep) && ident(j + 1) == Some("super") {
                    base.pop();
                    j += 2;
                }
                let end = use_tree(&tokens, j, base, out);
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    names
}

/// Read `(:: IDENT)* (:: { tree, … })?` from `i` onwards, extending
/// `prefix`, and push every complete path; returns the index after it.
fn use_tree(
    tokens: &[Token],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        if tokens.get(i) != Some(&Token::Sep) {
            break;
        }
        match tokens.get(i + 1) {
            Some(Token::Ident(w)) => {
                if w != "self" {
                    prefix.push(w.clone());
                }
                i += 2;
            }
            Some(Token::Punct('{')) => {
                i += 2;
                // Each entry of the group is a tree of its own.
                loop {
                    match tokens.get(i) {
                        Some(Token::Punct('}')) => return i + 1,
                        Some(Token::Punct(',')) => i += 1,
                        // `name as alias`: the alias is no path.
                        Some(Token::Ident(w)) if w == "as" => i += 2,
                        Some(Token::Ident(w)) => {
                            let mut sub = prefix.clone();
                            if w != "self" {
                                sub.push(w.clone());
                            }
                            i = use_tree(tokens, i + 1, sub, out);
                        }
                        // `*` and anything unexpected: the group's prefix.
                        Some(_) => {
                            out.push(prefix.clone());
                            i += 1;
                        }
                        None => return i,
                    }
                }
            }
            _ => {
                // `crate::*`: the prefix itself.
                i += 2;
                break;
            }
        }
    }
    out.push(prefix);
    i
}

/// The module `src/<file>` is: `src/lib.rs` the root, `src/a.rs` and
/// `src/a/mod.rs` both `a`, `src/a/b.rs` `a::b`.
fn module_of(rel: &Path) -> Module {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The longest prefix of `path` that is a known module.
fn resolve<'m>(modules: &'m BTreeSet<Module>, path: &[String]) -> Option<&'m Module> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n].to_vec()))
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// One is a prefix of the other (the same module included).
fn related(a: &Module, b: &Module) -> bool {
    let n = a.len().min(b.len());
    a[..n] == b[..n]
}

/// The graph of `files` (path relative to `src/`, source text).
///
/// An edge joins the two modules that contain its ends under their nearest
/// common ancestor: `quantity::target` naming `lexicon::tables` is an edge
/// `quantity -> lexicon`, `structure::tree` naming `structure::goals` one
/// between those two. Seen from outside, a folder module is its files: a
/// cycle through one of them (`a -> b`, `b::inner -> a`) is a cycle of the
/// folder even when `b/mod.rs` only re-exports.
fn graph(files: &[(PathBuf, String)]) -> Graph {
    let mut modules: BTreeSet<Module> = files.iter().map(|(p, _)| module_of(p)).collect();
    modules.insert(Vec::new());
    let read: Vec<(Module, &PathBuf, Names)> = files
        .iter()
        .map(|(p, src)| {
            let m = module_of(p);
            let names = paths_of(&m, src);
            (m, p, names)
        })
        .collect();
    let test_only: BTreeSet<Module> = read
        .iter()
        .flat_map(|(m, _, names)| {
            names.test_modules.iter().map(move |t| {
                let mut child = m.clone();
                child.push(t.clone());
                child
            })
        })
        .collect();
    let mut g = Graph::new();
    for (from, path, names) in &read {
        if test_only.iter().any(|t| from.starts_with(t)) {
            continue;
        }
        g.entry(name(from)).or_default();
        for p in &names.paths {
            let Some(to) = resolve(&modules, p) else {
                continue;
            };
            if related(from, to) {
                continue;
            }
            let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
            let (a, b) = (from[..=common].to_vec(), to[..=common].to_vec());
            let seen = format!("src/{}: crate::{}", path.display(), p.join("::"));
            let places = g.entry(name(&a)).or_default().entry(name(&b)).or_default();
            if !places.contains(&seen) {
                places.push(seen);
            }
        }
    }
    g
}

/// Strongly connected components with more than one module (Tarjan), each
/// sorted, in name order: every cycle of the graph lies in one of them.
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        g: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let g = s.g;
        for w in g.get(v).into_iter().flat_map(|e| e.keys()) {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    let nodes: Vec<&str> = g
        .iter()
        .flat_map(|(k, e)| std::iter::once(k.as_str()).chain(e.keys().map(String::as_str)))
        .collect();
    for v in nodes {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

/// Every cycle with the edges inside it and where each is made.
fn describe(g: &Graph, found: &[Vec<String>]) -> String {
    let mut out = String::new();
    for component in found {
        out.push_str(&format!("cycle among {}:\n", component.join(", ")));
        for from in component {
            for (to, places) in g.get(from).into_iter().flatten() {
                if component.contains(to) {
                    out.push_str(&format!("  {from} -> {to}: {}\n", places.join("; ")));
                }
            }
        }
    }
    out
}

fn read_sources(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).expect("under src").to_path_buf();
            if rel == Path::new("main.rs") {
                continue;
            }
            let src = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            out.push((rel, src));
        }
    }
}

#[test]
fn modules_form_no_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_sources(&root, &root, &mut files);
    assert!(
        files.len() > 20,
        "only {} files read under src/",
        files.len()
    );
    let g = graph(&files);
    // The graph is really built: a few edges the code is known to have.
    for (from, to) in [
        ("quantity", "lexicon"),
        ("clean", "text"),
        ("structure::tree", "structure::goals"),
    ] {
        assert!(
            g.get(from).is_some_and(|e| e.contains_key(to)),
            "no edge {from} -> {to}: the scanner misses paths"
        );
    }
    let found = cycles(&g);
    assert!(found.is_empty(), "module cycles:\n{}", describe(&g, &found));
}

fn file(path: &str, src: &str) -> (PathBuf, String) {
    (PathBuf::from(path), src.to_string())
}

#[test]
fn the_finder_reports_a_hand_made_cycle() {
    let mut files = vec![
        file("lib.rs", "pub mod a; pub mod b; pub mod c; pub mod leaf;"),
        file("a.rs", "use crate::b::f;\nfn g() { crate::leaf::h() }"),
        file("b/mod.rs", "mod inner; pub use inner::f;"),
        file("b/inner.rs", "use super::super::leaf::{self, Thing};"),
        file(
            "c.rs",
            "// crate::b in a comment is no edge\nuse crate::{a::g as _, leaf};",
        ),
        file(
            "leaf.rs",
            "use super::*; const S: &str = \"crate::a::x\";\n\
             #[cfg(test)] mod tests { use crate::c::g; }",
        ),
    ];
    let g = graph(&files);
    // a -> b, a -> leaf, b -> leaf (made by b::inner), c -> a, c -> leaf.
    let edges: Vec<(&str, Vec<&str>)> = g
        .iter()
        .map(|(k, e)| (k.as_str(), e.keys().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        edges,
        [
            ("a", vec!["b", "leaf"]),
            ("b", vec!["leaf"]),
            ("b::inner", vec![]),
            ("c", vec!["a", "leaf"]),
            ("crate", vec![]),
            ("leaf", vec![]),
        ]
    );
    let found = cycles(&g);
    assert!(found.is_empty(), "{}", describe(&g, &found));

    // A file of `b` using `c` closes a -> b -> c -> a, though `b/mod.rs`
    // names nothing outside `b`.
    files[3] = file("b/inner.rs", "pub fn f() { crate::c::run() }");
    let g = graph(&files);
    let found = cycles(&g);
    assert_eq!(found, [vec!["a".to_string(), "b".into(), "c".into()]]);
    let message = describe(&g, &found);
    assert!(
        message.contains("a -> b: src/a.rs: crate::b::f"),
        "{message}"
    );
    assert!(
        message.contains("b -> c: src/b/inner.rs: crate::c::run"),
        "{message}"
    );
    assert!(
        message.contains("c -> a: src/c.rs: crate::a::g"),
        "{message}"
    );
}

#[test]
fn paths_are_read_from_use_groups_super_and_code() {
    let m: Module = vec!["x".into(), "y".into()];
    let src = r##"
        use crate::a::{b::{C, D}, e, self};
        use super::super::f::G;
        pub(crate) fn h() -> crate::i::J { let _ = 'q'; let _ = '\''; r#"crate::no"#; }
        mod inline { use super::super::k; }
        fn l<'a>(_: &'a str) { super::m::n(); }
        #[cfg(test)]
        mod tests { use crate::o::p; }
        #[cfg(test)]
        mod fixtures;
    "##;
    let names = paths_of(&m, src);
    let mut paths: Vec<String> = names.paths.iter().map(|p| p.join("::")).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "a", "a::b::C", "a::b::D", "a::e", "f::G", "i::J", "x::k", "x::m::n"
        ]
    );
    assert_eq!(names.test_modules, ["fixtures"]);
}
