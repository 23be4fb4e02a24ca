//! Boilerplate: which lines of a news page are the article, and which are the page around it.
//!
//! News pages scraped to text carry their site with them: navigation trails, language menus,
//! font-size widgets, "Share to" and "Back to top" links, copyright and contact footers, and lists
//! of unrelated headlines. None of that is about the article, and every name in it would become a
//! false mention and a false co-mention. The rules here are line rules, because pages lay their
//! chrome out one item per line:
//!
//! - a *chrome* line is dropped on its own (a navigation trail, a language menu, a headline-list
//!   item such as `- [ 国内 ] ...`, a font-size widget);
//! - a *footer* line (a copyright notice, "Share to", "Back to top", a hotline or ICP licence line)
//!   ends the article: it and everything after it are dropped, since what follows a footer is more
//!   page (teasers for other stories, addresses), never more article.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::lowercase;

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

/// Splits a text into lines (byte ranges without the line break) and classifies each.
pub fn classify_lines(text: &str) -> Vec<(Range<usize>, LineClass)> {
    let mut out = Vec::new();
    let mut in_footer = false;
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let body_end = start + piece.trim_end_matches(['\n', '\r']).len();
        let line = &text[start..body_end];
        let class = if in_footer {
            LineClass::Footer
        } else if line.trim().is_empty() {
            LineClass::Blank
        } else {
            // One lowercase copy per line serves both tests.
            let t = line.trim();
            let lower = lowercase(t);
            if is_footer_lower(&lower) {
                in_footer = true;
                LineClass::Footer
            } else if is_chrome_lower(t, &lower) {
                LineClass::Chrome
            } else {
                LineClass::Article
            }
        };
        out.push((start..body_end, class));
        start = end;
    }
    out
}

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

/// `lower` is the trimmed line in lowercase.
fn is_footer_lower(lower: &str) -> bool {
    if lower.starts_with('©') {
        return true;
    }
    has_footer_marker(lower)
}

const LANGUAGE_NAMES: &[&str] = &[
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

/// The markers as SIMD substring finders, built once. Lowercasing each line once and running
/// `memmem` finders over it costs a fraction of the 29 `str::contains` over two lowercase copies
/// per line this replaced (14% of extraction), and answers the same. (One aho-corasick automaton
/// per list was tried and was slower: on short lists its byte-at-a-time scan loses to `memmem`.)
static FOOTER: LazyLock<Vec<Finder<'static>>> =
    LazyLock::new(|| FOOTER_MARKERS.iter().map(Finder::new).collect());
static LANGUAGES: LazyLock<Vec<Finder<'static>>> =
    LazyLock::new(|| LANGUAGE_NAMES.iter().map(Finder::new).collect());

/// Whether `lower` contains one of the footer markers.
fn has_footer_marker(lower: &str) -> bool {
    FOOTER.iter().any(|f| f.find(lower.as_bytes()).is_some())
}

/// How many distinct language names `lower` contains.
fn languages_named(lower: &str) -> usize {
    LANGUAGES
        .iter()
        .filter(|f| f.find(lower.as_bytes()).is_some())
        .count()
}

#[cfg(test)]
fn is_chrome(line: &str) -> bool {
    let t = line.trim();
    is_chrome_lower(t, &lowercase(t))
}

/// `t` is the trimmed line, `lower` the same in lowercase.
fn is_chrome_lower(t: &str, lower: &str) -> bool {
    // Navigation trails: "People's Network >> Beijing Channel", "Home page>> Text".
    if t.contains(">>") || t.contains('»') || lower.starts_with("home page") || lower == "home" {
        return true;
    }
    // Language menus name several languages in their own scripts, often without spaces.
    if languages_named(lower) >= 3 {
        return true;
    }
    // Headline lists: "- [ 国内 ] ...", "[财经] ...".
    if is_headline_item(t) {
        return true;
    }
    // Font-size widgets: "Small font size", "【 Large, medium and small 】", "【大 中 小】".
    if lower.contains("font size") && t.chars().count() < 40 {
        return true;
    }
    if t.starts_with('【') && t.ends_with('】') && (lower.contains("small") || t.contains('小'))
    {
        return true;
    }
    false
}

/// `- [ 国内 ] title`, `• [sports] title`, `[ 财经 ] title`: a bullet list of categorised headlines.
fn is_headline_item(t: &str) -> bool {
    let rest = t.trim_start_matches(['-', '•', '·', '*', '–']).trim_start();
    let Some(rest) = rest.strip_prefix('[').or_else(|| rest.strip_prefix('【')) else {
        return false;
    };
    let Some(close) = rest.find([']', '】']) else {
        return false;
    };
    let category = rest[..close].trim();
    !category.is_empty() && category.chars().count() <= 8 && !rest[close..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn language_menu_is_chrome() {
        assert!(is_chrome(
            "한어Русский языкEnglishFrançaisIndonesianSanskrit日本語Deutsch"
        ));
        assert!(!is_chrome("The English version of the plan was released."));
    }

    #[test]
    fn ranges_exclude_line_breaks() {
        let text = "ab\r\ncd";
        let lines = classify_lines(text);
        assert_eq!(&text[lines[0].0.clone()], "ab");
        assert_eq!(&text[lines[1].0.clone()], "cd");
    }
}
