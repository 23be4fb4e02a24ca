//! Text handling without I/O: boilerplate removal, metadata, sentences and script folding.
//!
//! [`analyze_marked`] turns the raw text of a document into a [`Layout`]: the sentences of the article
//! (byte ranges into the original text, never copies), and its title, date and language. Lines the
//! cleaner classes as page chrome or footer yield no sentence, so nothing in them is ever matched.

use std::sync::LazyLock;

mod clean;
mod fold;
pub(crate) mod markers;
mod meta;
mod sentences;
pub mod when;

pub use clean::{LineClass, classify_marked};
pub use fold::{Folded, fold, fold_key};
pub use markers::{Marker, MarkerHit, marker_spellings};
pub use meta::{Date, Language, PartialDate, ScriptCounts, find_date, is_cjk};
pub use sentences::split_line;
use sentences::split_line_into;
pub use when::Precision;

/// A sentence: a byte range of the original text, and the 0-based line it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The 0-based line (paragraph) of the text.
    pub line: u32,
}

/// What [`analyze_marked`] reads off a text.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The headline, or the first sentence when the text has none.
    pub title: Option<String>,
    /// The first full date the text states, preferring its header.
    pub date: Option<Date>,
    /// English, Chinese or mixed.
    pub language: Language,
    /// Whether the text is written all in lowercase (acronyms then match in any case).
    pub lowercase: bool,
    /// The article's sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// The line that names the publisher ("Source: People's Daily"), if the header has one.
    pub source_line: Option<u32>,
}

/// The position of the first byte at or after `from` for which `hit` holds.
///
/// Bytes are tested 32 at a time with no early exit inside a block, which the compiler turns
/// into a few vector compares: a scan for rare bytes (the `.` of English, the lead byte of a
/// three-byte character in an English text) runs at memory speed instead of a byte per step.
/// `hit` should be branch-free (`(b == x) | (b == y)`, not `matches!`), or it is not vectorised.
#[inline(always)]
pub(crate) fn find_byte(
    bytes: &[u8],
    from: usize,
    hit: impl Fn(u8) -> bool + Copy,
) -> Option<usize> {
    if hit(*bytes.get(from)?) {
        return Some(from);
    }
    let mut at = from;
    while let Some(Ok(block)) = bytes.get(at..at + 32).map(<&[u8; 32]>::try_from) {
        let mut any = 0u8;
        for &b in block {
            any |= u8::from(hit(b));
        }
        if any != 0 {
            break;
        }
        at += 32;
    }
    let rest = bytes.get(at..)?;
    rest.iter().position(|&b| hit(b)).map(|p| at + p)
}

/// `str::to_lowercase`, without its table lookups for the characters news is made of.
///
/// ASCII is lowered byte by byte, and CJK characters, CJK and general punctuation and full-width
/// digits and punctuation, which have no case, are copied; everything else goes through
/// `char::to_lowercase`. The only context-dependent rule of `str::to_lowercase` is the final
/// sigma, so a text with a `Σ` takes the standard library's path. Lowercasing every line of every
/// document was 14% of extraction before this.
pub(crate) fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    if s.contains('Σ') {
        return s.to_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if matches!(c as u32,
            0x2000..=0x206F | 0x3000..=0x9FFF | 0xFF01..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// How many article lines from the top count as the header (headline, byline, dateline).
const HEADER_LINES: usize = 12;

/// Reads a document's layout, cleaned sentences and metadata, from the text and its boilerplate
/// markers (found by [`crate::Matcher::scan`]; see [`classify_marked`]).
pub fn analyze_marked(text: &str, markers: &[MarkerHit]) -> Layout {
    let lines = classify_marked(text, markers);
    let article: Vec<(u32, &str)> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, class))| *class == LineClass::Article)
        .map(|(i, (range, _))| (i as u32, &text[range.clone()]))
        .collect();

    // About one sentence per 100 bytes of news.
    let mut sentences = Vec::with_capacity(text.len() / 100);
    let mut counts = ScriptCounts::default();
    let mut ranges = Vec::new();
    for &(i, line) in &article {
        let start = lines[i as usize].0.start;
        counts.add(line);
        ranges.clear();
        split_line_into(line, start, &mut ranges);
        sentences.extend(ranges.iter().map(|s| Sentence {
            start: s.start,
            end: s.end,
            line: i,
        }));
    }

    let header = &article[..article.len().min(HEADER_LINES)];
    let dateline = header.iter().position(|(_, l)| {
        is_source_line(l) || (l.chars().count() < 120 && find_date(l).is_some())
    });
    let date = dateline
        .and_then(|i| find_date(header[i].1))
        .or_else(|| header.iter().find_map(|(_, l)| find_date(l)))
        .or_else(|| article.iter().find_map(|(_, l)| find_date(l)));
    let source_line = header
        .iter()
        .find(|(_, l)| is_source_line(l))
        .map(|(i, _)| *i);

    let title = match dateline {
        Some(d) => header[..d]
            .iter()
            .rev()
            .find(|(_, l)| is_title_like(l))
            .or_else(|| header.iter().find(|(_, l)| is_title_like(l))),
        None => header.iter().find(|(_, l)| is_title_like(l)),
    }
    .map(|(_, l)| shorten_title(l));

    Layout {
        title,
        date,
        language: counts.language(),
        lowercase: counts.is_lowercase(),
        sentences,
        source_line,
    }
}

/// Whether a line names its source: "Source: People's Daily", "来源：新华网".
fn is_source_line(line: &str) -> bool {
    // ASCII case is ignored by the search itself: no lowercase copy of the line is made (no
    // character outside ASCII lowercases into "source:").
    static SOURCE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["source:", "来源：", "来源:"])
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    SOURCE.is_match(line)
}

/// Whether a line starts like a byline: "Our reporter …", "By …", "本报记者 …".
fn is_byline(line: &str) -> bool {
    let t = line.trim();
    [
        "our reporter",
        "by ",
        "reporter",
        "correspondent",
        "本报记者",
        "记者",
        "editor",
        "(editor",
        "文/",
        "图/",
    ]
    .iter()
    .any(|p| {
        t.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })
}

/// A line that could be a headline: not a byline or dateline, and more than a word or two.
fn is_title_like(line: &str) -> bool {
    let t = line.trim();
    if is_byline(t) || is_source_line(t) {
        return false;
    }
    // Counted only as far as the answer needs: a header line can be a whole paragraph.
    t.split_whitespace().nth(2).is_some() || t.chars().filter(|&c| is_cjk(c)).nth(5).is_some()
}

/// A headline is one sentence; a first paragraph standing in for one is cut to its first sentence.
fn shorten_title(line: &str) -> String {
    let t = line.trim();
    let sentences = split_line(t, 0);
    match sentences.first() {
        Some(first) if sentences.len() > 1 => t[first.clone()].to_owned(),
        _ if t.chars().count() > 160 => t.chars().take(160).collect(),
        _ => t.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layout, with the markers an automaton of the markers alone finds.
    fn analyze(text: &str) -> Layout {
        analyze_marked(text, &markers::oracle::find_markers(text))
    }

    #[test]
    fn lowercase_is_str_to_lowercase() {
        for s in [
            "Share To",
            "版权所有 ©2024 ALL RIGHTS",
            "ΟΔΟΣ Σ ΣΑ",
            "РУССКИЙ English Ｆｕｌｌ（ＢＯＥ）",
            "İstanbul \u{212A}elvin ǅ",
            "【大 中 小】 “引号” — …",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lowercase_matches_std(s in "\\PC*") {
            proptest::prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }

        #[test]
        fn lowercase_matches_std_on_cjk(s in "[a-zA-Z \u{3000}-\u{303F}\u{4E00}-\u{4E80}\u{FF01}-\u{FF65}\u{2000}-\u{206F}ΣσΑ]*") {
            proptest::prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }
    }

    #[test]
    fn source_lines_and_bylines_ignore_case() {
        assert!(is_source_line(
            "May 17, 2023 09:07 | SOURCE: People's Daily"
        ));
        assert!(is_source_line("2024年9月19日 来源：新华网"));
        assert!(!is_source_line("The source of the funds was not named."));
        assert!(is_byline("  OUR REPORTER Yuan Xinwen"));
        assert!(is_byline("本报记者 曹政"));
        assert!(!is_byline("The reporter was told"));
        assert!(!is_byline("Bye"));
    }

    #[test]
    fn header_gives_title_date_and_source() {
        let text = "People's Network\nPeople's Network >> Beijing Channel\n\nLook at Yizhuang in the first year\n\nOur reporter Yuan Xinwen\nMay 17, 2023 09:07 | Source: People's Daily\n\nKong Lei said so. It grows.\n\nBack to top\nUnrelated.";
        let layout = analyze(text);
        assert_eq!(
            layout.title.as_deref(),
            Some("Look at Yizhuang in the first year")
        );
        assert_eq!(
            layout.date.map(|d| d.to_string()).as_deref(),
            Some("2023-05-17")
        );
        assert_eq!(layout.language, Language::En);
        assert_eq!(layout.source_line, Some(6));
        let sentences: Vec<&str> = layout
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert!(sentences.contains(&"Kong Lei said so."));
        assert!(
            !sentences
                .iter()
                .any(|s| s.contains("Unrelated") || s.contains(">>"))
        );
    }

    #[test]
    fn chinese_without_headline_takes_first_sentence() {
        let text = "本报记者 曹政\n未来三年,亦庄将发展成一座重“质”之城。昨天,北京经开区发布《高质量发展行动计划(2020年-2022年)》及《关于加快四大主导产业发展的实施意见》。北京经开区工委副书记张继红表示,到2022年,经开区规模以上工业总产值将突破6000亿元。\n";
        let layout = analyze(text);
        assert_eq!(
            layout.title.as_deref(),
            Some("未来三年,亦庄将发展成一座重“质”之城。")
        );
        assert_eq!(layout.language, Language::Zh);
        assert_eq!(layout.date, None);
    }
}
