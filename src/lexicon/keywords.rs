//! Word lists matched all at once, and regex lists run only where their
//! literals occur: the two search structures every lexicon table becomes.

use regex::Regex;

use crate::chars::{CharSet, starts_with_word};

/// A list of keywords found all at once in one pass over the characters,
/// instead of one substring search per keyword (which, for the domain
/// keywords, was the most expensive step of the pipeline). Keywords are
/// indexed by their first character, with a bitmap saying which characters
/// start any keyword: most characters of a text start none, and are passed
/// over with one load.
#[derive(Debug)]
pub struct Keywords {
    words: Vec<Vec<char>>,
    /// One bit per character of the Basic Multilingual Plane: does any
    /// keyword start with it?
    first_bits: Vec<u64>,
    /// For each word of `first_bits`, how many bits are set in the words
    /// before it: with a popcount this turns a set bit straight into its
    /// entry of `by_first`, with no search.
    rank: Vec<u32>,
    /// Keyword indices by first character, sorted by that character.
    by_first: Vec<(char, Vec<usize>)>,
}

impl Keywords {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Self {
        let words: Vec<Vec<char>> = words
            .into_iter()
            .map(|w| w.as_ref().chars().collect())
            .collect();
        let mut first_bits = vec![0u64; 0x10000 / 64];
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (k, w) in words.iter().enumerate() {
            let Some(&c) = w.first() else { continue };
            let u = c as usize;
            if u < 0x10000 {
                first_bits[u / 64] |= 1 << (u % 64);
            }
            match by_first.iter_mut().find(|e| e.0 == c) {
                Some(e) => e.1.push(k),
                None => by_first.push((c, vec![k])),
            }
        }
        by_first.sort_by_key(|e| e.0);
        let mut rank = Vec::with_capacity(first_bits.len());
        let mut before = 0u32;
        for w in &first_bits {
            rank.push(before);
            before += w.count_ones();
        }
        Keywords {
            words,
            first_bits,
            rank,
            by_first,
        }
    }

    /// The keywords, in list order.
    pub fn words(&self) -> &[Vec<char>] {
        &self.words
    }

    /// The keywords that start with `c`.
    #[inline]
    fn starting_with(&self, c: char) -> &[usize] {
        let u = c as usize;
        if u < 0x10000 {
            let (w, b) = (u / 64, u % 64);
            let bits = self.first_bits[w];
            if bits & (1 << b) == 0 {
                return &[];
            }
            // Characters of the BMP are sorted before all others in
            // `by_first`, so the rank of the bit is the entry's index.
            let i = self.rank[w] as usize + (bits & ((1u64 << b) - 1)).count_ones() as usize;
            return self.by_first.get(i).map_or(&[], |e| &e.1[..]);
        }
        match self.by_first.binary_search_by_key(&c, |e| e.0) {
            Ok(i) => &self.by_first[i].1,
            Err(_) => &[],
        }
    }

    /// The keywords `hay` starts with, in list order (so, for a list kept
    /// longest first, the longest first).
    pub fn at_start<'a>(&'a self, hay: &'a [char]) -> impl Iterator<Item = usize> + 'a {
        hay.first()
            .map_or(&[][..], |&c| self.starting_with(c))
            .iter()
            .copied()
            .filter(move |&k| hay.starts_with(&self.words[k]))
    }

    /// Every keyword occurrence in `hay`, overlapping ones included, in
    /// order of position: (keyword index, start, end) in characters.
    pub fn find_all(&self, hay: &[char]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        self.each(hay, |k, s, e| out.push((k, s, e)));
        out
    }

    /// Call `f(keyword index, start, end)` for every keyword occurrence in
    /// `hay`, as [`Keywords::find_all`] lists them, without collecting them.
    #[inline]
    pub fn each(&self, hay: &[char], mut f: impl FnMut(usize, usize, usize)) {
        for (i, &c) in hay.iter().enumerate() {
            for &k in self.starting_with(c) {
                if starts_with_word(&hay[i..], &self.words[k]) {
                    f(k, i, i + self.words[k].len());
                }
            }
        }
    }

    /// [`Keywords::each`], visiting only the positions of `starts` (which
    /// must hold every position of `hay` where one of these keywords can
    /// start: see [`Starts`]).
    #[inline]
    pub fn each_in(&self, hay: &[char], starts: &Starts, mut f: impl FnMut(usize, usize, usize)) {
        for &i in &starts.0 {
            let i = i as usize;
            let Some(&c) = hay.get(i) else { break };
            for &k in self.starting_with(c) {
                if starts_with_word(&hay[i..], &self.words[k]) {
                    f(k, i, i + self.words[k].len());
                }
            }
        }
    }

    /// The index of each keyword occurrence in `hay`, overlapping ones
    /// included, in order of position.
    pub fn occurrences(&self, hay: &[char]) -> Vec<usize> {
        let mut out = Vec::new();
        self.each(hay, |k, _, _| out.push(k));
        out
    }

    /// Does any keyword occur in `hay`?
    pub fn occurs_in(&self, hay: &[char]) -> bool {
        (0..hay.len()).any(|i| {
            self.starting_with(hay[i])
                .iter()
                .any(|&k| starts_with_word(&hay[i..], &self.words[k]))
        })
    }

    /// The first keyword, in list order, that occurs in `hay`.
    pub fn first_listed(&self, hay: &[char]) -> Option<usize> {
        self.occurrences(hay).into_iter().min()
    }
}

/// The positions of a goal's text where a word of any of the lists
/// searched in every goal can start: slogans, domain keywords, and the needs
/// of the commitment and deadline patterns.
///
/// Each of those searches used to pass over every character of the goal,
/// asking its own list; the characters are now passed over once, against
/// the union of the lists' first characters, and each list looks only at
/// the few positions found (`Keywords::each_in`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Starts(pub(crate) Vec<u32>);

impl Starts {
    /// The positions where a character of `firsts` is, or (when `astral`)
    /// any character outside the Basic Multilingual Plane.
    pub fn find_in(hay: &[char], firsts: &CharSet, astral: bool) -> Starts {
        let mut out = Vec::new();
        for (i, &c) in hay.iter().enumerate() {
            if firsts.contains(c) || (astral && (c as u32) >= 0x10000) {
                out.push(i as u32);
            }
        }
        Starts(out)
    }

    /// How many positions.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An ordered list of regexes, each with what a match means and the
/// literals one of which every match contains (its *needs*).
///
/// The rules try every pattern in order over every goal, and most goals
/// match none. One keyword scan for all the needs first says which patterns
/// can match at all; the rest are never run. This matters because several
/// patterns open with an optional character class (`[\p{Han}0-9]{0,4}零…`),
/// which leaves the regex engine no literal of its own to look for: run on
/// every goal they were the most expensive step of the pipeline. A pattern
/// with no needs is always run. Tests check the needs against the matches
/// on real text (see `check_needs`).
#[derive(Debug)]
pub struct Patterns<T> {
    list: Vec<(Regex, T)>,
    needs: Keywords,
    /// For each literal of `needs`, the patterns that need it.
    needed_by: Vec<usize>,
    /// Patterns without needs.
    always: Vec<bool>,
}

impl<T> Patterns<T> {
    pub fn new(list: Vec<(Regex, T, Vec<String>)>) -> Self {
        let mut words = Vec::new();
        let mut needed_by = Vec::new();
        let mut always = Vec::new();
        let mut patterns = Vec::new();
        for (k, (re, v, needs)) in list.into_iter().enumerate() {
            always.push(needs.is_empty());
            for w in needs {
                words.push(w);
                needed_by.push(k);
            }
            patterns.push((re, v));
        }
        Patterns {
            list: patterns,
            needs: Keywords::new(words),
            needed_by,
            always,
        }
    }

    /// How many patterns.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The literals the patterns need.
    pub fn needs(&self) -> &Keywords {
        &self.needs
    }

    /// The patterns, in order, that may match somewhere in `hay` (the
    /// characters of the text the patterns will run on). `starts` must be
    /// [`Lexicon::starts`](super::Lexicon::starts) of `hay`, and these
    /// patterns' needs one of the goal lists.
    pub fn candidates<'a>(
        &'a self,
        hay: &[char],
        starts: &Starts,
    ) -> impl Iterator<Item = &'a (Regex, T)> + 'a {
        let mut run = self.always.clone();
        self.needs.each_in(hay, starts, |w, _, _| {
            if let Some(&k) = self.needed_by.get(w) {
                run[k] = true;
            }
        });
        self.list
            .iter()
            .zip(run)
            .filter(|(_, r)| *r)
            .map(|(p, _)| p)
    }

    /// Every match of every pattern in `hay` that contains none of its
    /// pattern's needs (empty when the needs are right).
    pub fn check_needs(&self, hay: &str) -> Vec<String> {
        let mut bad = Vec::new();
        for (k, (re, _)) in self.list.iter().enumerate() {
            if self.always[k] {
                continue;
            }
            for m in re.find_iter(hay) {
                let ok = self
                    .needed_by
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| **p == k)
                    .any(|(w, _)| {
                        let need: String = self.needs.words[w].iter().collect();
                        m.as_str().contains(&need)
                    });
                if !ok {
                    bad.push(format!("{} matched {:?}", re.as_str(), m.as_str()));
                }
            }
        }
        bad
    }
}
