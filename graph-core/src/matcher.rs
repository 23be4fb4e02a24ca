//! The matcher: one `aho-corasick` automaton over every spelling of every entity.
//!
//! Spellings and texts are both folded ([`crate::text::fold`]) so that Traditional characters and
//! full-width forms meet their Simplified and ASCII spellings; Latin letters compare ASCII
//! case-insensitively inside the automaton. The automaton is leftmost-longest: where
//! "Beijing Economic and Technological Development Zone Working Committee" and "Beijing Economic
//! and Technological Development Zone" both match, the committee wins.
//!
//! Two checks run on each match the automaton reports, and either can reject it:
//!
//! - **Word boundaries for Latin script.** A spelling that starts (ends) with a letter or digit
//!   must not have a letter or digit of a Latin-like script just before (after) it: "Li Quan" is
//!   never found in "Liquan", "BOE" never in "OBOE". Chinese needs no boundary.
//! - **Acronyms keep their case.** A spelling written in capitals (`BOE`, `BDA`) matches only in
//!   capitals, unless the document is written all in lowercase. Matched case-insensitively,
//!   short acronyms flood prose ("pro" in "production").
//!
//! A rejected match can hide a real one that starts inside it: in "the Yangwang City", the alias
//! "He Yang" matches "he Yang" inside "t*he Yang*wang" and is rejected, but "Yangwang City" starts
//! two characters later. So after a rejection the search restarts at the next character after the
//! rejected match's *start*, not after its end.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::dictionary::{Dictionary, EntityIdx};
use crate::text::{fold, fold_key, is_cjk};

/// A compiled dictionary: the automaton and what each of its patterns stands for.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    /// The entities the spelling belongs to: one, or several for an ambiguous spelling.
    targets: Box<[EntityIdx]>,
    /// The first (last) character is a Latin letter or digit: a word boundary is needed there.
    bounded_start: bool,
    bounded_end: bool,
    /// For acronyms, the spelling in capitals, compared exactly outside lowercase documents.
    exact: Option<Box<str>>,
}

/// One accepted match in a folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset in the text that was searched.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// The pattern, for [`Matcher::targets`].
    pub pattern: u32,
}

/// Whether `c` belongs to a word of a Latin-like script (Latin, Greek, Cyrillic...) or is a digit.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphanumeric() && (c as u32) < 0x2E80 && !is_cjk(c))
}

/// An all-capitals spelling such as `BOE`, `BDA`, `BAIC`, `CAS`.
fn is_acronym(spelling: &str) -> bool {
    let upper = spelling.bytes().filter(u8::is_ascii_uppercase).count();
    spelling.len() <= 6
        && upper >= 2
        && spelling
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

impl Matcher {
    /// Compiles every spelling of every entity of `dictionary`.
    pub fn new(dictionary: &Dictionary) -> Matcher {
        // key → index into `patterns`; a BTreeMap keeps pattern order independent of hashing.
        let mut keys: std::collections::BTreeMap<String, (Vec<EntityIdx>, String)> =
            Default::default();
        for (idx, entity) in dictionary.iter() {
            for spelling in entity.spellings() {
                let key = fold_key(spelling);
                if key.is_empty() {
                    continue;
                }
                let folded: String = fold(spelling.trim())
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let entry = keys.entry(key).or_insert_with(|| (Vec::new(), folded));
                if !entry.0.contains(&idx) {
                    entry.0.push(idx);
                }
            }
        }
        let mut needles = Vec::with_capacity(keys.len());
        let mut patterns = Vec::with_capacity(keys.len());
        for (key, (targets, folded)) in keys {
            let first = key.chars().next().unwrap_or(' ');
            let last = key.chars().next_back().unwrap_or(' ');
            patterns.push(Pattern {
                targets: targets.into_boxed_slice(),
                bounded_start: is_word_char(first),
                bounded_end: is_word_char(last),
                exact: is_acronym(&folded).then(|| folded.into_boxed_str()),
            });
            needles.push(key);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&needles)
            .or_else(|_| {
                // The automatic choice failed (a dictionary too large for the default state ids);
                // the noncontiguous NFA has no such limit.
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(true)
                    .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                    .build(&needles)
            });
        let automaton = match automaton {
            Ok(a) => a,
            // Building only fails past u32::MAX states, far beyond any dictionary that fits in RAM.
            Err(e) => unreachable!("aho-corasick could not be built: {e}"),
        };
        Matcher {
            automaton,
            patterns,
        }
    }

    /// The number of distinct spellings compiled.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The entities a pattern stands for (several for an ambiguous spelling).
    pub fn targets(&self, pattern: u32) -> &[EntityIdx] {
        &self.patterns[pattern as usize].targets
    }

    /// The number of matches the automaton alone reports in `text`, with none of the checks.
    ///
    /// This is the ceiling the benchmarks compare extraction against: the same automaton over the
    /// same bytes, doing nothing but count (leftmost-longest, no restarts, no boundary test).
    pub fn raw_count(&self, text: &str) -> usize {
        self.automaton.find_iter(text).count()
    }

    /// All accepted matches in a folded text, left to right, not overlapping.
    ///
    /// `lowercase` says the document is written in lowercase, so acronyms match in any case.
    pub fn find(&self, text: &str, lowercase: bool) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.for_each(text, lowercase, |h| hits.push(h));
        hits
    }

    /// Calls `f` for each accepted match; see [`Matcher::find`].
    pub fn for_each(&self, text: &str, lowercase: bool, mut f: impl FnMut(Hit)) {
        let mut at = 0;
        'restart: while at < text.len() {
            for m in self.automaton.find_iter(Input::new(text).range(at..)) {
                let p = &self.patterns[m.pattern().as_usize()];
                if self.accept(p, text, m.start(), m.end(), lowercase) {
                    f(Hit {
                        start: m.start(),
                        end: m.end(),
                        pattern: m.pattern().as_u32(),
                    });
                } else {
                    at = next_boundary(text, m.start());
                    continue 'restart;
                }
            }
            break;
        }
    }

    fn accept(&self, p: &Pattern, text: &str, start: usize, end: usize, lowercase: bool) -> bool {
        if p.bounded_start && text[..start].chars().next_back().is_some_and(is_word_char) {
            return false;
        }
        if p.bounded_end && text[end..].chars().next().is_some_and(is_word_char) {
            return false;
        }
        match &p.exact {
            Some(exact) if !lowercase => text[start..end] == **exact,
            _ => true,
        }
    }
}

/// The byte offset of the character after the one at `at`.
fn next_boundary(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::EntityKind;
    use std::path::PathBuf;

    fn matcher(toml: &str) -> (Dictionary, Matcher) {
        let sources = [(PathBuf::from("companies.toml"), EntityKind::Company, toml)];
        let dict = match Dictionary::from_sources(&sources) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let m = Matcher::new(&dict);
        (dict, m)
    }

    /// (spellings as TOML, text, lowercase document, expected matched surfaces)
    #[test]
    fn table() {
        let dict = r#"
[[entity]]
id = "boe"
name = "BOE Technology Group"
aliases = ["BOE", "京东方"]
[[entity]]
id = "li-quan"
name = "Li Quan"
[[entity]]
id = "he-yang"
name = "He Yang"
[[entity]]
id = "yangwang-city"
name = "Yangwang City"
[[entity]]
id = "beijing-uni"
name = "北京大学"
[[entity]]
id = "beijing"
name = "Beijing"
aliases = ["北京"]
[[entity]]
id = "research-center"
name = "研究中心"
[[entity]]
id = "lu-yi"
name = "Lu Yi"
aliases = ["陆怡"]
"#;
        let (_, m) = matcher(dict);
        let cases: &[(&str, bool, &[&str])] = &[
            ("他在北京大学", false, &["北京大学"]),
            ("BOE and boe and OBOE", false, &["BOE"]),
            ("boe technology group grew", true, &["boe technology group"]),
            ("the boe plant", true, &["boe"]),
            ("Liquan said; Li Quan said", false, &["Li Quan"]),
            ("the Yangwang City", false, &["Yangwang City"]),
            ("研究中心陆怡说", false, &["研究中心", "陆怡"]),
            ("京东方(BOE)", false, &["京东方", "BOE"]),
            ("Beijing's BOE", false, &["Beijing", "BOE"]),
            ("Beijing2", false, &[]),
        ];
        for (text, lowercase, expected) in cases {
            let folded = fold(text);
            let found: Vec<&str> = m
                .find(&folded.text, *lowercase)
                .into_iter()
                .map(|h| &folded.text[h.start..h.end])
                .collect();
            assert_eq!(&found, expected, "in {text:?}");
        }
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("BOE"));
        assert!(is_acronym("BAIC"));
        assert!(!is_acronym("Boe"));
        assert!(!is_acronym("6G"));
        assert!(!is_acronym("B"));
    }
}
