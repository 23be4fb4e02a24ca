//! Boilerplate: which lines of a news page are the article, and which are the page around it.
//!
//! News pages scraped to text carry their site with them: navigation trails, language menus,
//! font-size widgets, "Share to" and "Back to top" links, copyright and contact footers, and lists
//! of unrelated headlines. None of that is about the article, and every name in it would become a
//! false mention and a false co-mention. The rules here are line rules, because pages lay their
//! chrome out one item per line:
//!
//! - a *chrome* line is dropped on its own (a navigation trail, a language menu, a headline-list
//!   item such as `- [ 国内 ] ...`, a font-size widget), and so is a line that only repeats a step
//!   of a navigation trail of the page (the site's name, "People's Network", above its trail
//!   "People's Network >> Beijing Channel");
//! - a *footer* line (a copyright notice, "Share to", "Back to top", a hotline or ICP licence line)
//!   ends the article: it and everything after it are dropped, since what follows a footer is more
//!   page (teasers for other stories, addresses), never more article.

use std::ops::Range;

use super::lowercase;
use super::markers::{Marker, MarkerHit};

/// What the cleaner decided about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineClass {
    /// Part of the article.
    Article,
    /// Empty or white space.
    Blank,
    /// Page chrome: navigation, menus, widgets, headline lists.
    Chrome,
    /// A footer line, or anything after one.
    Footer,
}

/// Splits a text into lines (byte ranges without the line break) and classifies each, from the
/// text's boilerplate markers, found in text order (the extractor finds them in the same scan as
/// the entities: see [`crate::Matcher::scan`]).
pub fn classify_marked(text: &str, markers: &[MarkerHit]) -> Vec<(Range<usize>, LineClass)> {
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut hits = markers.iter().peekable();
    let mut in_footer = false;
    let mut trails = Vec::new();
    // A byte-order mark is kept in a document's text, so that offsets are into its file; it is
    // part of no line.
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    for piece in text[start..].split_inclusive('\n') {
        let end = start + piece.len();
        let body_end = start + piece.trim_end_matches(['\n', '\r']).len();
        let line = &text[start..body_end];
        let class = if in_footer {
            LineClass::Footer
        } else {
            // The markers found on this line (no marker spans a line break).
            let mut found = Found::default();
            while let Some(hit) = hits.next_if(|h| h.end <= body_end) {
                if hit.start >= start {
                    found.add(hit.marker);
                }
            }
            let t = line.trim();
            if t.is_empty() {
                LineClass::Blank
            } else if t.starts_with('©') || found.footer {
                in_footer = true;
                LineClass::Footer
            } else if is_chrome(t, &found) {
                if found.trail {
                    trails.push(out.len());
                }
                LineClass::Chrome
            } else {
                LineClass::Article
            }
        };
        out.push((start..body_end, class));
        start = end;
    }
    if !trails.is_empty() {
        drop_trail_steps(text, &mut out, &trails);
    }
    out
}

/// The longest line that counts as a step of a trail repeated on its own.
const MAX_STEP_CHARS: usize = 40;

/// Marks as chrome the article lines that only repeat a step of one of the trail lines `trails`
/// (indices into `lines`): a site's name above its trail, a channel name below it.
fn drop_trail_steps(text: &str, lines: &mut [(Range<usize>, LineClass)], trails: &[usize]) {
    let steps: Vec<String> = trails
        .iter()
        .flat_map(|&i| text[lines[i].0.clone()].split(">>"))
        .flat_map(|step| step.split('»'))
        .map(str::trim)
        .filter(|step| !step.is_empty() && step.chars().count() <= MAX_STEP_CHARS)
        .map(lowercase)
        .collect();
    for (range, class) in lines.iter_mut() {
        let t = text[range.clone()].trim();
        if *class == LineClass::Article
            && t.chars().count() <= MAX_STEP_CHARS
            && steps.contains(&lowercase(t))
        {
            *class = LineClass::Chrome;
        }
    }
}

/// The markers of one line.
#[derive(Debug, Default)]
struct Found {
    footer: bool,
    trail: bool,
    font_size: bool,
    /// A bit per language of the markers ([`Marker::Language`]).
    languages: u32,
}

impl Found {
    fn add(&mut self, marker: Marker) {
        match marker {
            Marker::Footer => self.footer = true,
            Marker::Language(i) => self.languages |= 1 << i,
            Marker::Trail => self.trail = true,
            Marker::FontSize => self.font_size = true,
        }
    }
}

/// `t` is the trimmed line, `found` its markers.
fn is_chrome(t: &str, found: &Found) -> bool {
    // Navigation trails: "People's Network >> Beijing Channel", "Home page>> Text".
    if found.trail
        || t.get(..9)
            .is_some_and(|p| p.eq_ignore_ascii_case("home page"))
        || t.eq_ignore_ascii_case("home")
    {
        return true;
    }
    // Language menus name several languages in their own scripts, often without spaces.
    if found.languages.count_ones() >= 3 {
        return true;
    }
    // Headline lists: "- [ 国内 ] ...", "[财经] ...".
    if is_headline_item(t) {
        return true;
    }
    // Font-size widgets: "Small font size", "【 Large, medium and small 】", "【大 中 小】".
    if found.font_size && t.chars().count() < 40 {
        return true;
    }
    if t.starts_with('【')
        && t.ends_with('】')
        && (lowercase(t).contains("small") || t.contains('小'))
    {
        return true;
    }
    false
}

/// `- [ 国内 ] title`, `• [sports] title`, `[ 财经 ] title`: a bullet list of categorised
/// headlines; a category of at most eight characters in brackets starts the line, with or without
/// a title after it (`[ 国内 ]` alone is a category tab, page as well).
fn is_headline_item(t: &str) -> bool {
    let rest = t.trim_start_matches(['-', '•', '·', '*', '–']).trim_start();
    let Some(rest) = rest.strip_prefix('[').or_else(|| rest.strip_prefix('【')) else {
        return false;
    };
    let Some(close) = rest.find([']', '】']) else {
        return false;
    };
    let category = rest[..close].trim();
    !category.is_empty() && category.chars().count() <= 8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markers::oracle::find_markers;

    /// The rules of this module written again from their description, with word lists of its
    /// own and a plain `str::contains` over a lowercase copy of each line: slow, and right by
    /// inspection. Nothing here is shared with the code it checks, so a marker dropped from the
    /// matcher's lists or a change to a rule shows up as a difference.
    mod reference {
        use std::ops::Range;
        use std::sync::LazyLock;

        use regex::Regex;

        use super::LineClass;

        /// Phrases that end an article.
        const FOOTERS: &[&str] = &[
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

        /// Language names, in lowercase; three distinct ones make a menu.
        const LANGUAGES: &[&str] = &[
            "english",
            "français",
            "deutsch",
            "español",
            "italiano",
            "português",
            "русский",
            "日本語",
            "한국어",
            "한어",
            "ελληνικά",
            "indonesian",
            "latina",
            "العربية",
        ];

        /// What separates the steps of a navigation trail.
        static TRAIL_STEP: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(">>|»").unwrap_or_else(|e| panic!("{e}")));

        /// A category in brackets at the start of a line, after optional bullets.
        static HEADLINE_ITEM: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^[-•·*–]*\s*[\[【]([^\]】]*)[\]】]").unwrap_or_else(|e| panic!("{e}"))
        });

        pub(super) fn classify_lines(text: &str) -> Vec<(Range<usize>, LineClass)> {
            let mut out = Vec::new();
            let mut footer = false;
            let mut start = 0;
            for piece in text.split_inclusive('\n') {
                let body = piece.trim_end_matches(['\n', '\r']);
                let t = body.trim();
                let lower = t.to_lowercase();
                let class = if footer {
                    LineClass::Footer
                } else if t.is_empty() {
                    LineClass::Blank
                } else if t.starts_with('©') || FOOTERS.iter().any(|f| lower.contains(f)) {
                    footer = true;
                    LineClass::Footer
                } else if is_chrome(t, &lower) {
                    LineClass::Chrome
                } else {
                    LineClass::Article
                };
                out.push((start..start + body.len(), class));
                start += piece.len();
            }
            // A line that repeats a step of a trail line is chrome too; a trail is a chrome
            // line (a "share to >> …" footer is no trail).
            let steps: Vec<String> = out
                .iter()
                .filter(|(_, class)| *class == LineClass::Chrome)
                .map(|(r, _)| text[r.clone()].trim())
                .filter(|l| l.contains(">>") || l.contains('»'))
                .flat_map(|l| TRAIL_STEP.split(l).map(|s| s.trim().to_lowercase()))
                .filter(|s| !s.is_empty() && s.chars().count() <= 40)
                .collect();
            for (r, class) in &mut out {
                let line = text[r.clone()].trim().to_lowercase();
                if *class == LineClass::Article && steps.contains(&line) {
                    *class = LineClass::Chrome;
                }
            }
            out
        }

        fn is_chrome(t: &str, lower: &str) -> bool {
            let trail = t.contains(">>") || t.contains('»');
            let home = lower.starts_with("home page") || lower == "home";
            let menu = LANGUAGES.iter().filter(|l| lower.contains(*l)).count() >= 3;
            let headline = HEADLINE_ITEM.captures(t).is_some_and(|c| {
                let category = c[1].trim();
                !category.is_empty() && category.chars().count() <= 8
            });
            let font_size = lower.contains("font size") && t.chars().count() < 40;
            let size_widget = t.starts_with('【')
                && t.ends_with('】')
                && (lower.contains("small") || t.contains('小'));
            trail || home || menu || headline || font_size || size_widget
        }
    }

    /// Lines classified from the markers an automaton of the markers alone finds.
    fn classify_lines(text: &str) -> Vec<(Range<usize>, LineClass)> {
        classify_marked(text, &find_markers(text))
    }

    fn classes(text: &str) -> Vec<LineClass> {
        classify_lines(text).into_iter().map(|(_, c)| c).collect()
    }

    #[test]
    fn chrome_and_footer() {
        use LineClass::*;
        let text = "People's Network >> Beijing Channel\n\nKong Lei said so.\n- [ 国内 ] 吴晨光:如何让账号涨粉?\nShare to let more people see\nBack to top\nmore";
        assert_eq!(
            classes(text),
            [Chrome, Blank, Article, Chrome, Footer, Footer, Footer]
        );
    }

    /// One line of each kind the module documents, with the class a reader gives it.
    #[test]
    fn each_rule_on_a_line_of_its_own() {
        use LineClass::*;
        let cases: &[(&str, LineClass)] = &[
            ("Home page>> Text", Chrome),
            ("Home", Chrome),
            ("Small font size", Chrome),
            ("【大 中 小】", Chrome),
            ("【 Large, medium and small 】", Chrome),
            ("• [sports] The team won", Chrome),
            ("[ 财经 ]", Chrome),
            ("[A category far too long] is a sentence", Article),
            ("The zone grew 6% [citation] last year.", Article),
            ("ENGLISH | FRANÇAIS | РУССКИЙ", Chrome),
            ("The English version and the Deutsch one.", Article),
            ("© 2024 People's Daily", Footer),
            ("Copyright © 1997-2024 by people.com.cn", Footer),
            ("京ICP备12345号", Footer),
            ("版权所有 未经授权禁止复制", Footer),
            ("Share to let more people see", Footer),
            ("The shares rose to a new high.", Article),
        ];
        for (line, class) in cases {
            assert_eq!(classes(line), [*class], "{line:?}");
        }
    }

    /// The site's name on a line of its own above its trail is page, not the article's first
    /// sentence; a sentence that merely starts with it is the article.
    #[test]
    fn a_line_repeating_a_trail_step_is_chrome() {
        use LineClass::*;
        let text = "Daily Bugle Online\nDaily Bugle Online >> City Desk\n\nCity Desk\nThe mayor spoke.\nDaily Bugle Online readers wrote in.";
        assert_eq!(
            classes(text),
            [Chrome, Chrome, Blank, Chrome, Article, Article]
        );
    }

    #[test]
    fn language_menu_is_chrome() {
        assert_eq!(
            classes("한어Русский языкEnglishFrançaisIndonesianSanskrit日本語Deutsch"),
            [LineClass::Chrome]
        );
        assert_eq!(
            classes("The English version of the plan was released."),
            [LineClass::Article]
        );
        assert_eq!(classes("ENGLISH | FRANÇAIS | РУССКИЙ"), [LineClass::Chrome]);
    }

    #[test]
    fn ranges_exclude_line_breaks() {
        let text = "ab\r\ncd";
        let lines = classify_lines(text);
        assert_eq!(&text[lines[0].0.clone()], "ab");
        assert_eq!(&text[lines[1].0.clone()], "cd");
    }

    proptest::proptest! {
        #[test]
        fn classify_lines_matches_the_reference(
            pieces in proptest::collection::vec(
                "(share to|Back To Top|ALL RIGHTS reserved|copyright ©|ICP备|版权所有|分享到|english|Français|РУССКИЙ|日本語|DEUTSCH|>>|»|font SIZE|home page|Home|[ \t]|\r?\n|- \\[ 国内 \\] |\\[财经\\]|【大 中 小】|【Small】|©|[a-z]{1,6}|[A-Z]{1,3}|[.,]|北京|\u{3000})",
                0..40,
            )
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(classify_lines(&text), reference::classify_lines(&text), "{:?}", text);
        }
    }
}
