//! Boilerplate markers: the words and signs that give a line of a news page away as page rather
//! than article — "Share to", "版权所有", `>>`, the names of languages in a menu.
//!
//! The markers are not searched for on their own: the matcher compiles them beside the entity
//! spellings ([`marker_spellings`]), so that one scan of a document finds both (see
//! [`crate::Matcher::scan`]), and [`super::classify_marked`] reads the [`MarkerHit`]s it found.
//! Tests check that scan against an automaton of the markers alone, [`oracle::find_markers`].

/// What a boilerplate marker says about the line it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A footer ("Share to", "Back to top", "版权所有"): the article ends before this line.
    Footer,
    /// The name of a language (the index of the language); three on a line make a menu.
    Language(u8),
    /// A navigation trail: `>>`, `»`.
    Trail,
    /// A font-size widget, on a short line.
    FontSize,
}

/// A boilerplate marker found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkerHit {
    /// Byte offset of the first character, in the original text.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// What it marks.
    pub marker: Marker,
}

/// Every marker spelling with what it marks: what the matcher compiles beside the entity
/// spellings.
pub fn marker_spellings() -> impl Iterator<Item = (&'static str, Marker)> {
    let footers = FOOTER_MARKERS.iter().map(|&m| (m, Marker::Footer));
    let languages = LANGUAGE_NAMES
        .iter()
        .enumerate()
        .flat_map(|(i, names)| names.iter().map(move |&n| (n, Marker::Language(i as u8))));
    let chrome = [
        (">>", Marker::Trail),
        ("»", Marker::Trail),
        ("font size", Marker::FontSize),
    ];
    footers.chain(languages).chain(chrome)
}

/// Footer markers, in lowercase: the automaton ignores ASCII case.
const FOOTER_MARKERS: &[&str] = &[
    "share to",
    "back to top",
    "all rights reserved",
    "belong to the copyright",
    "without the written authorization",
    "copyright ©",
    "copyright(c)",
    "news hotline",
    "newspaper address",
    "icp for",
    "icp备",
    "版权所有",
    "未经授权",
    "返回顶部",
    "分享到",
];

/// Language names as menus write them. Names outside ASCII are listed in each case they are
/// written in, since the automaton folds ASCII case only.
const LANGUAGE_NAMES: &[&[&str]] = &[
    &["english"],
    &["français", "Français", "FRANÇAIS"],
    &["deutsch"],
    &["español", "Español", "ESPAÑOL"],
    &["italiano"],
    &["português", "Português", "PORTUGUÊS"],
    &["русский", "Русский", "РУССКИЙ"],
    &["日本語"],
    &["한국어"],
    &["한어"],
    &["ελληνικά", "Ελληνικά", "ΕΛΛΗΝΙΚΆ"],
    &["indonesian"],
    &["latina"],
    &["العربية"],
];

/// A second automaton, of the markers alone, that finds what the matcher's scan should find.
#[cfg(test)]
pub(crate) mod oracle {
    use std::sync::LazyLock;

    use aho_corasick::{AhoCorasick, MatchKind};

    use super::{Marker, MarkerHit, marker_spellings};
    use crate::text::{fold, fold_key};

    struct Markers {
        automaton: AhoCorasick,
        kinds: Vec<Marker>,
    }

    /// Every marker in one automaton, built once, for [`find_markers`].
    static MARKERS: LazyLock<Markers> = LazyLock::new(|| {
        // Keyed as the matcher keys its spellings: folded, so that "日本語" meets the folded text.
        let (needles, kinds): (Vec<String>, Vec<Marker>) =
            marker_spellings().map(|(m, k)| (fold_key(m), k)).unzip();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&needles)
            .unwrap_or_else(|e| unreachable!("the boilerplate markers compile: {e}"));
        Markers { automaton, kinds }
    });

    /// The boilerplate markers of `text`, found on their own: the text is folded as the matcher
    /// folds it, and searched leftmost-longest with ASCII case ignored.
    pub(crate) fn find_markers(text: &str) -> Vec<MarkerHit> {
        let folded = fold(text);
        MARKERS
            .automaton
            .find_iter(folded.text.as_ref())
            .map(|m| MarkerHit {
                start: folded.to_original(m.start()),
                end: folded.to_original(m.end()),
                marker: MARKERS.kinds[m.pattern().as_usize()],
            })
            .collect()
    }
}
