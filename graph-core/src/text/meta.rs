//! Document metadata read from the text itself: publication date, language and title.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// A calendar date, as a text states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2023.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The day, 1–31.
    pub day: u8,
}

impl Date {
    /// A date, if it exists in the Gregorian calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1000..=9999).contains(&year).then_some(())?;
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses the ISO form `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date known to the year, the month or the day: `2021`, `2021-06`, `2021-06-15`.
///
/// Sources state tenures and dates at different precisions ("since June 2021", "in 2019"); a
/// partial date keeps what was stated instead of inventing a day. Ordering compares the fields
/// in turn, so `2021` sorts before `2021-06`, which sorts before `2021-06-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year, 1000–9999.
    pub year: u16,
    /// The month, 1–12, when stated.
    pub month: Option<u8>,
    /// The day, when stated (then the month is too).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for anything else or a date that does
    /// not exist.
    pub fn parse_iso(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        let mut parts = s.split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: u16 = year_text.parse().ok()?;
        let two = |t: Option<&str>| -> Option<Option<u8>> {
            match t {
                None => Some(None),
                Some(t) if t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(Some(t.parse().ok()?))
                }
                Some(_) => None,
            }
        };
        let month = two(parts.next())?;
        let day = two(parts.next())?;
        if parts.next().is_some() {
            return None;
        }
        match (month, day) {
            (None, _) => (1000..=9999).contains(&year).then_some(PartialDate {
                year,
                month: None,
                day: None,
            }),
            (Some(m), None) => Date::new(year, m, 1).map(|_| PartialDate {
                year,
                month: Some(m),
                day: None,
            }),
            (Some(m), Some(d)) => Date::new(year, m, d).map(PartialDate::from),
        }
    }

    /// The first day the date can mean: `2021` → 2021-01-01.
    pub fn first_day(self) -> Date {
        Date {
            year: self.year,
            month: self.month.unwrap_or(1),
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day the date can mean: `2021-02` → 2021-02-28.
    pub fn last_day(self) -> Date {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| {
            (28..=31)
                .rev()
                .find(|&d| Date::new(self.year, month, d).is_some())
                .unwrap_or(28)
        });
        Date {
            year: self.year,
            month,
            day,
        }
    }
}

impl From<Date> for PartialDate {
    fn from(d: Date) -> PartialDate {
        PartialDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// The language of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    /// English.
    En,
    /// Chinese.
    Zh,
    /// Substantial amounts of both.
    Mixed,
}

impl Language {
    /// `en`, `zh` or `mixed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
            Language::Mixed => "mixed",
        }
    }

    /// Parses `en`, `zh` or `mixed` (any case).
    pub fn parse(s: &str) -> Option<Language> {
        [Language::En, Language::Zh, Language::Mixed]
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b").unwrap_or_else(|e| unreachable!("{e}"))
});
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// The months' abbreviations, one of which a date with a named month contains.
static MONTH_NAMES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(MONTHS)
        .unwrap_or_else(|e| unreachable!("{e}"))
});

fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u8 + 1)
}

/// The earliest full date (with a year) that `text` states, in any of the supported forms:
/// `May 17, 2023`, `17 May 2023`, `2023-12-08`, `2023/12/08`, `2024年9月19日`.
pub fn find_date(text: &str) -> Option<Date> {
    find_date_with(text, true)
}

/// [`find_date`]; `prefilter` says whether to skip the forms whose literal part is missing, which
/// changes nothing but the time taken (the tests compare both).
fn find_date_with(text: &str, prefilter: bool) -> Option<Date> {
    // Every form has a year of four ASCII digits (the patterns' `\d` also takes other digits,
    // but a year in those does not parse): without one, there is no date to look for.
    if prefilter && !has_four_digits(text) {
        return None;
    }
    // Each form is tried only where its literal part is present.
    let iso = !prefilter || text.contains(['-', '/', '.']);
    let chinese = !prefilter || text.contains('年');
    // `(?i)` also folds the long s and the Kelvin sign onto `s` and `k`.
    let named = !prefilter || MONTH_NAMES.is_match(text) || text.contains(['\u{17F}', '\u{212A}']);
    let mut best: Option<(usize, Date)> = None;
    let mut consider = |pos: usize, date: Option<Date>| {
        if let Some(d) = date
            && best.is_none_or(|(p, _)| pos < p)
        {
            best = Some((pos, d));
        }
    };
    for c in iso.then(|| ISO.captures_iter(text)).into_iter().flatten() {
        let date = (|| Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))();
        consider(c.get(0).map_or(0, |m| m.start()), date);
    }
    for c in chinese
        .then(|| CHINESE.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let date = (|| Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))();
        consider(c.get(0).map_or(0, |m| m.start()), date);
    }
    for c in named
        .then(|| MONTH_DAY_YEAR.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let date = (|| Date::new(c[3].parse().ok()?, month_number(&c[1])?, c[2].parse().ok()?))();
        consider(c.get(0).map_or(0, |m| m.start()), date);
    }
    for c in named
        .then(|| DAY_MONTH_YEAR.captures_iter(text))
        .into_iter()
        .flatten()
    {
        let date = (|| Date::new(c[3].parse().ok()?, month_number(&c[2])?, c[1].parse().ok()?))();
        consider(c.get(0).map_or(0, |m| m.start()), date);
    }
    best.map(|(_, d)| d)
}

/// Whether `text` has four ASCII digits in a row.
fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// Whether `c` is a Chinese (CJK) character, punctuation aside.
pub fn is_cjk(c: char) -> bool {
    is_cjk_code(c as u32)
}

/// Bytes per block of [`ScriptCounts::add`]: small enough for byte counters.
const BLOCK: usize = 128;

/// Whether a character that starts with byte `b`, followed by byte `n`, is Chinese (all but
/// U+2F800..U+2FA1F, which needs more bytes: see [`ScriptCounts::add`]).
#[inline(always)]
fn is_cjk_lead(b: u8, n: u8) -> bool {
    // U+4E00..U+9FFF, and U+4000..U+4DBF (E4 B7 is U+4DC0..U+4DFF, not CJK)
    (b.wrapping_sub(0xE5) < 5)
        | ((b == 0xE4) & (n != 0xB7))
        // U+3400..U+3FFF
        | ((b == 0xE3) & (n >= 0x90))
        // U+F900..U+FAFF
        | ((b == 0xEF) & (n.wrapping_sub(0xA4) < 8))
        // U+20000..U+2F7FF
        | ((b == 0xF0) & (n.wrapping_sub(0xA0) < 15))
}

fn is_cjk_code(cp: u32) -> bool {
    matches!(cp, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Counts of the scripts of a text, to tell its language.
#[derive(Debug, Default, Clone, Copy)]
pub struct ScriptCounts {
    /// Chinese characters.
    pub cjk: usize,
    /// ASCII letters.
    pub latin: usize,
    /// ASCII capital letters.
    pub upper: usize,
}

impl ScriptCounts {
    /// Adds the characters of `text`.
    ///
    /// Counted over bytes, without decoding, in a loop the compiler vectorises: a letter is an
    /// ASCII byte, and a Chinese character is told by its lead byte and the byte after it
    /// (continuation bytes never look like either). Only the end of the Supplement block
    /// (U+2F800..U+2FA1F, lead bytes F0 AF) needs a third byte, and is counted apart.
    pub fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let (mut latin, mut upper, mut cjk) = (0usize, 0usize, 0usize);
        let Some((&last, _)) = bytes.split_last() else {
            return;
        };
        // Each byte beside the one after it; the last byte, which has none, is a letter or not.
        let (here, next) = (&bytes[..bytes.len() - 1], &bytes[1..]);
        let count = |block: &[u8], after: &[u8]| {
            // Counts of at most BLOCK fit in a byte, which lets the loop run 16 or 32 lanes wide.
            let (mut l, mut u, mut c) = (0u8, 0u8, 0u8);
            for (&b, &n) in block.iter().zip(after) {
                l += u8::from((b | 0x20).wrapping_sub(b'a') < 26);
                u += u8::from(b.wrapping_sub(b'A') < 26);
                c += u8::from(is_cjk_lead(b, n));
            }
            (usize::from(l), usize::from(u), usize::from(c))
        };
        let mut blocks = here.chunks_exact(BLOCK);
        let mut afters = next.chunks_exact(BLOCK);
        for (block, after) in (&mut blocks).zip(&mut afters) {
            let (l, u, c) = count(block, after);
            (latin, upper, cjk) = (latin + l, upper + u, cjk + c);
        }
        let (l, u, c) = count(blocks.remainder(), afters.remainder());
        latin += l + usize::from(last.is_ascii_alphabetic());
        upper += u + usize::from(last.is_ascii_uppercase());
        cjk += c;
        // U+2F000..U+2FA1F: F0 AF 80 80 ..= F0 AF A8 9F.
        for at in memchr::memchr_iter(0xF0, bytes) {
            if let [0xAF, c, d, ..] = bytes[at + 1..]
                && (c, d) <= (0xA8, 0x9F)
            {
                cjk += 1;
            }
        }
        self.latin += latin;
        self.upper += upper;
        self.cjk += cjk;
    }

    /// English, Chinese or mixed. A Chinese character carries about as much as an English word,
    /// so letters are weighed at a fifth of a character.
    pub fn language(&self) -> Language {
        let latin = self.latin as f64 / 5.0;
        let cjk = self.cjk as f64;
        if latin + cjk == 0.0 {
            return Language::En;
        }
        let share = cjk / (latin + cjk);
        if share >= 0.8 {
            Language::Zh
        } else if share <= 0.2 {
            Language::En
        } else {
            Language::Mixed
        }
    }

    /// Whether the Latin text is written in lowercase (fewer than 1 letter in 500 is a capital).
    pub fn is_lowercase(&self) -> bool {
        self.latin >= 50 && self.upper * 500 < self.latin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_form() {
        let d = |s: &str| find_date(s).map(|d| d.to_string());
        assert_eq!(
            d("May 17, 2023 09:07 | Source: People's Daily").as_deref(),
            Some("2023-05-17")
        );
        assert_eq!(
            d("2023-12-08 Source: Economic Information Daily").as_deref(),
            Some("2023-12-08")
        );
        assert_eq!(d("北京，2024年9月19日电").as_deref(), Some("2024-09-19"));
        assert_eq!(
            d("published 8 December 2023").as_deref(),
            Some("2023-12-08")
        );
        assert_eq!(d("on september 19, the beijing municipal government"), None);
        assert_eq!(d("2023-02-30"), None);
        assert_eq!(d("截至5月25日"), None);
        assert_eq!(d("２０２３年５月１７日"), None);
        assert_eq!(d("on \u{17F}ept 9, 2024"), None);
        assert_eq!(d("on 2023-5-7."), Some("2023-05-07".to_owned()));
    }

    #[test]
    fn script_counts_at_the_block_edges() {
        for (s, cjk) in [
            (
                "\u{3400}\u{33FF}\u{4DBF}\u{4DC0}\u{4E00}\u{9FFF}\u{A000}",
                4,
            ),
            ("\u{F900}\u{FAFF}\u{F8FF}\u{FB00}", 2),
            (
                "\u{20000}\u{2EFFF}\u{2F000}\u{2F7FF}\u{2F800}\u{2FA1F}\u{2FA20}\u{1FFFF}",
                6,
            ),
        ] {
            let mut counts = ScriptCounts::default();
            counts.add(s);
            assert_eq!(counts.cjk, cjk, "{s:?}");
            assert_eq!(s.chars().filter(|&c| is_cjk(c)).count(), cjk);
        }
    }

    proptest::proptest! {
        #[test]
        fn prefilters_change_no_date(
            s in "([0-9]{1,4}|[-/. ,]|年|月|日|May|SEPT|dec|\u{17F}ep|\u{212A}|[a-z]{1,3}|th|\\PC)*"
        ) {
            proptest::prop_assert_eq!(find_date_with(&s, true), find_date_with(&s, false));
        }
    }

    #[test]
    fn languages() {
        let lang = |s: &str| {
            let mut c = ScriptCounts::default();
            c.add(s);
            c.language()
        };
        assert_eq!(lang("Kong Lei said the zone grows."), Language::En);
        assert_eq!(lang("北京经开区工委副书记张继红表示"), Language::Zh);
        assert_eq!(
            lang("北京经开区 BDA is the Beijing E-Town, 亦庄"),
            Language::Mixed
        );
    }

    proptest::proptest! {
        #[test]
        fn script_counts_count_characters(
            s in "(\\PC|[a-zA-Z\u{3000}-\u{3500}\u{4DB0}-\u{4E10}\u{9FF0}-\u{A010}\u{F8F0}-\u{FB10}\u{1FFFF}-\u{20010}\u{2F7F0}-\u{2FA30}])*"
        ) {
            let mut counts = ScriptCounts::default();
            counts.add(&s);
            let latin = s.chars().filter(char::is_ascii_alphabetic).count();
            let upper = s.chars().filter(char::is_ascii_uppercase).count();
            let cjk = s.chars().filter(|&c| is_cjk(c)).count();
            proptest::prop_assert_eq!((counts.latin, counts.upper, counts.cjk), (latin, upper, cjk));
        }
    }
}
