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
//! A rejected match can hide real ones, in two ways, and the search looks for both:
//!
//! - **Shorter spellings at the same start.** With `Daxing District` and `Daxing` both spellings,
//!   "the plan covers Daxing districts" matches `Daxing District` (the longest), which fails the
//!   word boundary; `Daxing` starts at the same place and passes it. So each pattern knows the
//!   longest other pattern that is a prefix of it, and a rejected match falls back along that
//!   chain, longest first, before the search moves on.
//! - **Spellings that start inside it.** In "the Yangwang City", the alias "He Yang" matches
//!   "he Yang" inside "t*he Yang*wang" and is rejected, but "Yangwang City" starts two characters
//!   later. So when nothing at a start is accepted, the search restarts at the next character
//!   after that start, not after the rejected match's end.
//!
//! Together they find exactly the mentions of the plain rule: at each position from left to
//! right, the longest spelling that passes the checks, then on after it (property-tested against
//! that rule written out naively).
//!
//! The same automaton also holds the boilerplate markers of [`crate::text::marker_spellings`]
//! ("Share to", "版权所有", language names), so that one pass over a document finds both its
//! entities and the lines to drop ([`Matcher::scan`]). A marker is never a mention: it is passed
//! over like a rejected match, so where a marker is longer than an entity spelling it starts with
//! ("Indonesian" and "Indonesia") the spelling is tried next, and the mentions found are exactly
//! those of an automaton without markers. A marker inside a name the scan takes ("english" in
//! "English Channel") is part of the name, not a marker.
//!
//! Whether acronyms may match in lowercase depends on the document (is it written all in
//! lowercase?), which is only known once its boilerplate is: the scan accepts them in any case,
//! notes the first one it took that way, and [`Matcher::settle`] rescans from there if the
//! document turns out not to be in lowercase.

use std::borrow::Cow;
use std::ops::ControlFlow;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::dictionary::{Dictionary, EntityIdx};
use crate::text::{Marker, fold, fold_key, is_cjk, marker_spellings};

/// A compiled dictionary: the automaton and what each of its patterns stands for.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// What the search reads at every match, by pattern: eight bytes each, so that the whole
    /// table of a large dictionary stays in cache.
    hot: Vec<Hot>,
    /// The rest, by pattern, read only for acronyms, markers and ambiguous spellings.
    patterns: Vec<Pattern>,
    /// Patterns that are entity spellings (the others are only markers).
    spellings: usize,
    /// The patterns' keys, for the tests' naive search.
    #[cfg(test)]
    needles: Vec<String>,
}

/// The part of a pattern every match needs.
#[derive(Debug, Clone, Copy)]
struct Hot {
    /// The entity, when the spelling has exactly one ([`Hot::SINGLE`]).
    target: EntityIdx,
    flags: u8,
}

impl Hot {
    /// The first character is a Latin letter or digit: a word boundary is needed before it.
    const BOUNDED_START: u8 = 1;
    /// The same for the last character, after it.
    const BOUNDED_END: u8 = 1 << 1;
    /// An acronym: compared exactly outside lowercase documents ([`Pattern::exact`]).
    const ACRONYM: u8 = 1 << 2;
    /// The spelling of exactly one entity, [`Hot::target`].
    const SINGLE: u8 = 1 << 3;
    /// The spelling of one entity or more.
    const SPELLING: u8 = 1 << 4;
    /// A boilerplate marker ([`Pattern::marker`]).
    const MARKER: u8 = 1 << 5;
    /// Another pattern is a proper prefix of this one ([`Pattern::prefix`]).
    const PREFIX: u8 = 1 << 6;

    fn has(self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

#[derive(Debug, Clone)]
struct Pattern {
    /// The entities the spelling belongs to: one, or several for an ambiguous spelling.
    targets: Box<[EntityIdx]>,
    /// For acronyms, the spelling in capitals, compared exactly outside lowercase documents.
    exact: Option<Box<str>>,
    /// The boilerplate marker the spelling is, if it is one.
    marker: Option<Marker>,
    /// The longest other pattern this one starts with (its id and length in bytes): what matches
    /// at the same place when this one is rejected.
    prefix: Option<(u32, usize)>,
}

/// What [`Matcher::scan`] finds in a folded text.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Accepted entity matches, left to right, not overlapping.
    pub hits: Vec<Hit>,
    /// Boilerplate markers: byte range in the folded text and what it marks, left to right.
    pub markers: Vec<(usize, usize, Marker)>,
    /// The hits that are acronyms found outside capitals, which only a lowercase document keeps
    /// (indices into `hits`, ascending).
    provisional: Vec<usize>,
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

/// `text` with ASCII letters in lowercase, the same length and the same offsets; borrowed when
/// it has no capitals.
fn lowercased(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
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
    /// Compiles every spelling of every entity of `dictionary`, and the boilerplate markers.
    pub fn new(dictionary: &Dictionary) -> Matcher {
        Matcher::build(dictionary, true)
    }

    fn build(dictionary: &Dictionary, with_markers: bool) -> Matcher {
        /// What a key stands for: entities, its folded spelling, and a marker.
        type Entry = (Vec<EntityIdx>, String, Option<Marker>);
        // key → what it stands for; a BTreeMap keeps pattern order independent of hashing.
        let mut keys: std::collections::BTreeMap<String, Entry> = Default::default();
        let folded_spelling = |spelling: &str| -> String {
            fold(spelling.trim())
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (idx, entity) in dictionary.iter() {
            for spelling in entity.spellings() {
                let key = fold_key(spelling);
                if key.is_empty() {
                    continue;
                }
                let entry = keys
                    .entry(key)
                    .or_insert_with(|| (Vec::new(), folded_spelling(spelling), None));
                if !entry.0.contains(&idx) {
                    entry.0.push(idx);
                }
            }
        }
        for (spelling, marker) in marker_spellings().filter(|_| with_markers) {
            let entry = keys
                .entry(fold_key(spelling))
                .or_insert_with(|| (Vec::new(), folded_spelling(spelling), None));
            entry.2.get_or_insert(marker);
        }
        // Entity spellings first, so that their pattern ids are dense.
        let (spellings, markers): (Vec<_>, Vec<_>) = keys
            .into_iter()
            .partition(|(_, (targets, _, _))| !targets.is_empty());
        let spelling_count = spellings.len();
        let mut needles = Vec::with_capacity(spelling_count + markers.len());
        let mut patterns = Vec::with_capacity(needles.capacity());
        let mut hot = Vec::with_capacity(needles.capacity());
        for (key, (targets, folded, marker)) in spellings.into_iter().chain(markers) {
            let first = key.chars().next().unwrap_or(' ');
            let last = key.chars().next_back().unwrap_or(' ');
            let exact = is_acronym(&folded).then(|| folded.into_boxed_str());
            let flags = [
                (is_word_char(first), Hot::BOUNDED_START),
                (is_word_char(last), Hot::BOUNDED_END),
                (exact.is_some(), Hot::ACRONYM),
                (targets.len() == 1, Hot::SINGLE),
                (!targets.is_empty(), Hot::SPELLING),
                (marker.is_some(), Hot::MARKER),
            ]
            .into_iter()
            .filter(|&(on, _)| on)
            .fold(0, |flags, (_, flag)| flags | flag);
            hot.push(Hot {
                target: targets.first().copied().unwrap_or(EntityIdx(u32::MAX)),
                flags,
            });
            patterns.push(Pattern {
                targets: targets.into_boxed_slice(),
                exact,
                marker,
                prefix: None,
            });
            needles.push(key);
        }
        // The longest pattern each pattern starts with. Every pattern that matches at some
        // place is a prefix of the longest one there, so following these links from the
        // automaton's match visits every pattern that matches there, longest first.
        let ids: std::collections::HashMap<&str, u32> = needles
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i as u32))
            .collect();
        for ((pattern, hot), key) in patterns.iter_mut().zip(&mut hot).zip(&needles) {
            pattern.prefix = key
                .char_indices()
                .rev()
                .filter(|&(end, _)| end > 0)
                .find_map(|(end, _)| ids.get(&key[..end]).map(|&id| (id, end)));
            if pattern.prefix.is_some() {
                hot.flags |= Hot::PREFIX;
            }
        }
        // The keys are in lowercase and the search runs over a lowercased copy of the text
        // (`lowercased`), which matches exactly what an ASCII-case-insensitive automaton would,
        // at the same offsets: the automaton has one transition per letter instead of two, and
        // builds in about two thirds of the time.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&needles)
            .or_else(|_| {
                // The automatic choice failed (a dictionary too large for the default state ids);
                // the noncontiguous NFA has no such limit.
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
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
            hot,
            patterns,
            spellings: spelling_count,
            #[cfg(test)]
            needles,
        }
    }

    /// The number of distinct entity spellings compiled.
    pub fn pattern_count(&self) -> usize {
        self.spellings
    }

    /// The entities a pattern stands for (several for an ambiguous spelling).
    pub fn targets(&self, pattern: u32) -> &[EntityIdx] {
        let hot = &self.hot[pattern as usize];
        if hot.has(Hot::SINGLE) {
            std::slice::from_ref(&hot.target)
        } else {
            &self.patterns[pattern as usize].targets
        }
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
        let case = if lowercase { Case::Any } else { Case::Exact };
        let lower = lowercased(text);
        self.run(text, &lower, 0, case, |event| {
            if let Event::Hit(hit, _) = event {
                f(hit);
            }
            ControlFlow::Continue(())
        });
    }

    /// One pass over a folded text for its entities and its boilerplate markers, with acronyms
    /// taken in any case until [`Matcher::settle`] says whether the document allows it.
    pub fn scan(&self, text: &str) -> Scan {
        // News names something every 100 to 200 bytes.
        let mut scan = Scan {
            hits: Vec::with_capacity(text.len() / 128),
            ..Scan::default()
        };
        let lower = lowercased(text);
        self.run(text, &lower, 0, Case::Any, |event| {
            match event {
                Event::Hit(hit, exact) => {
                    if !exact {
                        scan.provisional.push(scan.hits.len());
                    }
                    scan.hits.push(hit);
                }
                Event::Marker(start, end, marker) => scan.markers.push((start, end, marker)),
            }
            ControlFlow::Continue(())
        });
        scan
    }

    /// Makes the hits of a [`Matcher::scan`] those of [`Matcher::find`] for a document that is
    /// (`lowercase`) or is not written in lowercase. The markers are left as scanned.
    ///
    /// Outside lowercase documents, each acronym the scan took outside capitals is rejected, and
    /// the exact search starts again where it starts, as [`Matcher::find`] would have. It
    /// runs only until it accepts a match the scan also accepted: from there on, both searches
    /// went the same way.
    pub fn settle(&self, text: &str, scan: &mut Scan, lowercase: bool) {
        let provisional = std::mem::take(&mut scan.provisional);
        if lowercase || provisional.is_empty() {
            return;
        }
        let lower = lowercased(text);
        let scanned = std::mem::take(&mut scan.hits);
        let mut hits = Vec::with_capacity(scanned.len());
        let mut rejected = provisional.into_iter().peekable();
        let mut i = 0;
        while let Some(&hit) = scanned.get(i) {
            if rejected.next_if_eq(&i).is_none() {
                hits.push(hit);
                i += 1;
                continue;
            }
            // Search exactly from the rejected start (a shorter spelling there may pass), until a
            // match the scan also accepted; its index is where the scan's hits are right again.
            let mut k = i + 1;
            let mut resume = scanned.len();
            self.run(text, &lower, hit.start, Case::Exact, |event| {
                let Event::Hit(exact_hit, _) = event else {
                    return ControlFlow::Continue(());
                };
                while scanned.get(k).is_some_and(|h| h.start < exact_hit.start) {
                    k += 1;
                }
                if scanned.get(k) == Some(&exact_hit) {
                    resume = k;
                    return ControlFlow::Break(());
                }
                hits.push(exact_hit);
                ControlFlow::Continue(())
            });
            // Rejections the exact search passed over are behind it.
            while rejected.next_if(|&r| r < resume).is_some() {}
            i = resume;
        }
        scan.hits = hits;
    }

    /// The search: reports accepted entity matches and markers from byte `from` on, until
    /// `report` breaks. The automaton runs over `lower`, [`lowercased`] `text`; the checks of
    /// boundaries and capitals read `text`.
    fn run(
        &self,
        text: &str,
        lower: &str,
        from: usize,
        case: Case,
        mut report: impl FnMut(Event) -> ControlFlow<()>,
    ) {
        let mut at = from;
        // Markers do not overlap, as in a search for markers alone: the search restarts inside
        // a marker to find the names in it, not more markers.
        let mut markers_end = from;
        'restart: while at < text.len() {
            for m in self.automaton.find_iter(Input::new(lower).range(at..)) {
                let start = m.start();
                let (mut pattern, mut end) = (m.pattern().as_u32(), m.end());
                let mut marked = start < markers_end;
                // The patterns that match here, longest first: the automaton's, then along the
                // prefix links, until one is a mention.
                loop {
                    let hot = self.hot[pattern as usize];
                    if hot.has(Hot::MARKER)
                        && !marked
                        && let Some(marker) = self.patterns[pattern as usize].marker
                    {
                        // Only the longest marker at a place, as a search for markers alone
                        // would report.
                        marked = true;
                        markers_end = end;
                        if report(Event::Marker(start, end, marker)).is_break() {
                            return;
                        }
                    }
                    if hot.has(Hot::SPELLING)
                        && let Some(exact) = self.accept(hot, pattern, text, start, end, case)
                    {
                        if report(Event::Hit(
                            Hit {
                                start,
                                end,
                                pattern,
                            },
                            exact,
                        ))
                        .is_break()
                        {
                            return;
                        }
                        if end == m.end() {
                            break;
                        }
                        // A shorter pattern than the automaton's: go on right after it.
                        at = end;
                        continue 'restart;
                    }
                    let shorter = if hot.has(Hot::PREFIX) {
                        self.patterns[pattern as usize].prefix
                    } else {
                        None
                    };
                    let Some((p, len)) = shorter else {
                        // Nothing here is a mention; one may start inside what matched.
                        at = next_boundary(text, start);
                        continue 'restart;
                    };
                    (pattern, end) = (p, start + len);
                }
            }
            break;
        }
    }

    /// Whether a match is a mention: `None` if not; `Some(false)` for an acronym taken outside
    /// capitals (only [`Case::Any`] does), `Some(true)` otherwise.
    fn accept(
        &self,
        hot: Hot,
        pattern: u32,
        text: &str,
        start: usize,
        end: usize,
        case: Case,
    ) -> Option<bool> {
        if hot.has(Hot::BOUNDED_START)
            && text[..start].chars().next_back().is_some_and(is_word_char)
        {
            return None;
        }
        if hot.has(Hot::BOUNDED_END) && text[end..].chars().next().is_some_and(is_word_char) {
            return None;
        }
        if !hot.has(Hot::ACRONYM) {
            return Some(true);
        }
        match &self.patterns[pattern as usize].exact {
            Some(exact) if text[start..end] != **exact => (case == Case::Any).then_some(false),
            _ => Some(true),
        }
    }
}

/// How acronyms compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// In capitals only.
    Exact,
    /// In any case (a lowercase document).
    Any,
}

/// What [`Matcher::run`] reports.
enum Event {
    /// An accepted match, and whether it is exact (see [`Matcher::accept`]).
    Hit(Hit, bool),
    /// A boilerplate marker: its folded byte range.
    Marker(usize, usize, Marker),
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
    use crate::text::MarkerHit;
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

    /// Entity spellings that markers start with, contain or equal, and acronyms.
    const NEAR_MARKERS: &str = r#"
[[entity]]
id = "indonesia"
name = "Indonesia"
[[entity]]
id = "share"
name = "Share Group"
aliases = ["Share"]
[[entity]]
id = "english-channel"
name = "English Channel"
[[entity]]
id = "icp"
name = "ICP"
[[entity]]
id = "boe"
name = "BOE"
aliases = ["京东方"]
[[entity]]
id = "riben"
name = "日本"
[[entity]]
id = "deutsch"
name = "Deutsch"
[[entity]]
id = "back"
name = "Back Lab"
aliases = ["Back"]
[[entity]]
id = "top"
name = "Top Ten"
"#;

    #[test]
    fn markers_do_not_change_mentions() {
        let (dict, with) = matcher(NEAR_MARKERS);
        let without = Matcher::build(&dict, false);
        let found = |m: &Matcher, text: &str| -> Vec<String> {
            m.find(text, false)
                .into_iter()
                .map(|h| text[h.start..h.end].to_owned())
                .collect()
        };
        for text in [
            "The Indonesian delegation met Indonesia's BOE team.",
            "Share to: Share Group, Back to top, Top Ten",
            "English Channel and english and ICP备 and ICP",
            "日本語 日本 Deutsch deutsch",
        ] {
            assert_eq!(found(&with, text), found(&without, text), "{text:?}");
        }
        assert_eq!(
            found(&with, "The Indonesian delegation met Indonesia."),
            ["Indonesia"]
        );
        let scan = with.scan(&fold("日本語 Share to").text);
        let markers: Vec<Marker> = scan.markers.iter().map(|m| m.2).collect();
        assert!(
            matches!(markers[..], [Marker::Language(_), Marker::Footer]),
            "{markers:?}"
        );
    }

    proptest::proptest! {
        /// With or without markers in the automaton, and scanned in one pass then settled or
        /// found directly, the mentions are the same.
        #[test]
        fn scan_and_settle_find_what_find_finds(
            pieces in proptest::collection::vec(
                "(Indonesia|Indonesian|INDONESIA|share|Share to|SHARE GROUP|english|English Channel|ICP|icp|ICP备|BOE|boe|Boe|日本|日本語|Deutsch|back to top|Back|Top Ten|top|京东方|>>|font size|[a-z]{1,4}|[ .,]|\\n)",
                0..30,
            ),
            lowercase in proptest::bool::ANY,
        ) {
            let (dict, with) = matcher(NEAR_MARKERS);
            let without = Matcher::build(&dict, false);
            let text = pieces.concat();
            let expected = without.find(&text, lowercase);
            proptest::prop_assert_eq!(&with.find(&text, lowercase), &expected);
            let mut scan = with.scan(&text);
            with.settle(&text, &mut scan, lowercase);
            proptest::prop_assert_eq!(&scan.hits, &expected);
        }
    }

    /// Spellings that start with other spellings, and names that start inside others.
    const PREFIXES: &str = r#"
[[entity]]
id = "daxing"
name = "Daxing District"
aliases = ["Daxing"]
[[entity]]
id = "boe"
name = "BOE Technology Group"
aliases = ["BOE", "BOE Tech", "京东方"]
[[entity]]
id = "he-yang"
name = "He Yang"
[[entity]]
id = "yangwang-city"
name = "Yangwang City"
[[entity]]
id = "beijing"
name = "北京"
aliases = ["Beijing"]
[[entity]]
id = "peking-university"
name = "北京大学"
[[entity]]
id = "english-channel"
name = "English Channel"
"#;

    /// The rule the search implements, written out: at each position from left to right, the
    /// longest spelling there that passes the checks, then on after it; else the next character.
    fn naive(m: &Matcher, text: &str, lowercase: bool) -> Vec<Hit> {
        let case = if lowercase { Case::Any } else { Case::Exact };
        let mut hits = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let mut here: Vec<u32> = (0..m.spellings as u32)
                .filter(|&p| {
                    let key = &m.needles[p as usize];
                    text.get(pos..pos + key.len())
                        .is_some_and(|t| t.eq_ignore_ascii_case(key))
                })
                .collect();
            here.sort_by_key(|&p| std::cmp::Reverse(m.needles[p as usize].len()));
            let found = here.into_iter().find(|&p| {
                let end = pos + m.needles[p as usize].len();
                m.accept(m.hot[p as usize], p, text, pos, end, case)
                    .is_some()
            });
            match found {
                Some(pattern) => {
                    let end = pos + m.needles[pattern as usize].len();
                    hits.push(Hit {
                        start: pos,
                        end,
                        pattern,
                    });
                    pos = end;
                }
                None => pos = next_boundary(text, pos),
            }
        }
        hits
    }

    #[test]
    fn a_rejected_spelling_falls_back_to_a_shorter_one() {
        let (_, m) = matcher(PREFIXES);
        let cases: &[(&str, &[&str])] = &[
            ("the plan covers Daxing districts", &["Daxing"]),
            ("Daxing District and Daxing", &["Daxing District", "Daxing"]),
            ("BOE Technology Groups, BOE Techs", &["BOE", "BOE"]),
            ("the Yangwang City", &["Yangwang City"]),
            ("北京大学北京", &["北京大学", "北京"]),
        ];
        for (text, expected) in cases {
            let found: Vec<&str> = m
                .find(text, false)
                .into_iter()
                .map(|h| &text[h.start..h.end])
                .collect();
            assert_eq!(&found, expected, "in {text:?}");
        }
    }

    proptest::proptest! {
        /// The search finds what the naive rule finds, with and without the markers compiled in.
        #[test]
        fn search_follows_the_naive_rule(
            pieces in proptest::collection::vec(
                "(Daxing|District|districts|BOE|boe|Boe|Tech|Technology|Groups?|he|He|Yang|wang|City|北京|大学|English|Channel|english|[a-z]{1,3}|[ .,]|\\n)",
                0..30,
            ),
            lowercase in proptest::bool::ANY,
        ) {
            let (dict, with) = matcher(PREFIXES);
            let without = Matcher::build(&dict, false);
            let text = pieces.concat();
            let expected = naive(&without, &text, lowercase);
            proptest::prop_assert_eq!(&without.find(&text, lowercase), &expected);
            proptest::prop_assert_eq!(&with.find(&text, lowercase), &expected);
            let mut scan = with.scan(&text);
            with.settle(&text, &mut scan, lowercase);
            proptest::prop_assert_eq!(&scan.hits, &expected);
        }

        /// The markers one scan finds beside the entities are those an automaton of the markers
        /// alone finds, less those inside a name the scan took ("english" in "English Channel"
        /// is part of a name, not a language menu).
        #[test]
        fn scan_finds_the_markers_the_oracle_finds(
            pieces in proptest::collection::vec(
                "(Indonesia|Indonesian|share to|Share Group|English Channel|english|ICP备|ICP|日本語|日本|Back to top|Back|Top Ten|»|>>|font size|版权所有|[a-zA-Z]{1,4}|[ .,]|\\n)",
                0..30,
            ),
        ) {
            let (_, with) = matcher(NEAR_MARKERS);
            let text = pieces.concat();
            let folded = fold(&text);
            let scan = with.scan(&folded.text);
            let named: Vec<(usize, usize)> = scan
                .hits
                .iter()
                .map(|h| (folded.to_original(h.start), folded.to_original(h.end)))
                .collect();
            let scanned: Vec<MarkerHit> = scan
                .markers
                .into_iter()
                .map(|(start, end, marker)| MarkerHit {
                    start: folded.to_original(start),
                    end: folded.to_original(end),
                    marker,
                })
                .collect();
            let mut expected = crate::text::markers::oracle::find_markers(&text);
            expected.retain(|m| !named.iter().any(|&(start, end)| start <= m.start && m.end <= end));
            proptest::prop_assert_eq!(scanned, expected);
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
