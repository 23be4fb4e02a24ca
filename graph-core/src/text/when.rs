//! When a sentence's fact held: the dates a sentence states, and the date of a document that
//! states none.
//!
//! Every piece of evidence needs a date. The document's date is the fallback; a sentence that
//! states its own date ("In February 2017, …", "2020年起…", "截至2025年底…") is dated by it, but
//! only where the rule below is sure. A wrong date is worse than the document's date, so the
//! rules prefer to say nothing.
//!
//! # What is read as a date
//!
//! [`stated_dates`] finds, in one sentence (folded first: full-width digits and Traditional
//! characters count as their plain forms):
//!
//! | form | example | precision |
//! |---|---|---|
//! | Chinese year, month, day | `2024年9月19日`, `2024年9月`, `2019年` | day / month / year |
//! | Chinese end or start of a year | `2025年底`, `2025年末`, `2025年初` | month (12 or 1) |
//! | Chinese month and day without a year | `9月19日`, `5月` | day / month, *relative* |
//! | Chinese years and months counted from the document | `今年3月`, `去年`, `前年`, `上月`, `昨天` | as stated, *relative* |
//! | English full dates | `March 3, 2024`, `3 March 2024`, `2024-03-03` | day |
//! | English month and year | `February 2017`, `Feb. 2017` | month |
//! | English year after a preposition | `in 2017`, `since 2019`, `by the end of 2025` | year (month 12 for "end of") |
//! | an event's edition | `the 2024 services trade fair` | year |
//! | English month (and day) without a year, after a preposition | `on September 19`, `in March` | day / month, *relative* |
//! | English years and months counted from the document | `this year`, `last year`, `last month`, `yesterday` | as stated, *relative* |
//!
//! A *relative* date is resolved against the document's date and only when there is one with
//! the precision it needs (`上月` needs the document's month, `昨天` its day). A month and day
//! without a year are given the document's year when that does not put them after the
//! document's date; a later month-day might be next year's or a plan for this year, so it is
//! left out.
//!
//! # What is not a date
//!
//! - An English four-digit number without a preposition before it ("2020 robots", "2019 was a
//!   good year"): a count reads exactly like a year. "In 2020, 2020 robots were sold" has one date.
//! - Numbers with units, decimals and phone numbers ("3.83平方公里", "010-67881234"): a year needs
//!   年 after it, a preposition before it, or the full `YYYY-MM-DD` shape of a valid date, and no
//!   digit, `.` or `-` glued to either side.
//! - Years outside 1900–2099.
//! - A year inside a title in 《…》 (`《行动计划(2020年-2022年)》`): part of a name.
//! - Ranges (`2020年-2022年`, `2020年至2022年`, `from 2020 to 2022`, `2021-2025`): their ends are
//!   read ([`Relation::RangeStart`], [`Relation::RangeEnd`]: a policy's validity is written so)
//!   but never date the sentence — a span is not a date.
//! - Comparisons: `比上年`, `较2019年`, `上年同期`, `than last year`, `over last year`.
//! - "2025年计划…", "2025年目标", "2025年规划" (likewise 任务, 预算, 行动, 方案, 要点): read as a
//!   plan *for* that year, not as the date of the sentence: [`Relation::Target`]. Chinese writes
//!   "2025年计划投资…" for "the plan for 2025 is to invest", and a plan's year says when the plan
//!   is meant to come true, not when it was said.
//!
//! # How a date bears on its sentence
//!
//! Each date has a [`Relation`]: `In` (the default), `Since` (`自…起`, `…以来`, `…起`, since,
//! after, and "from" at the head of a sentence), `AsOf` (`截至`, as of), `Until` (until, before,
//! `…前`), `Target` (`明年`, next year, plans), and the two ends of a range. `到…` and "by …" are `AsOf` when the date is not after the document's date ("到2019年底,
//! 已有…" in a document of 2020) and `Target` otherwise, or when the document has no date.
//!
//! # When a sentence's own date is sure
//!
//! [`sentence_date`] takes the sentence's `In`, `Since` and `AsOf` dates. It uses them only when
//! they are one date (the same date stated twice is one), and that date
//!
//! 1. opens the sentence ("In February 2017, …", "2019年，…", "截至5月25日，…"), or
//! 2. is precise to the day ("BOE opened the line on March 3, 2024."), or
//! 3. is `Since` or `AsOf`, whose marker says outright what it dates.
//!
//! Otherwise — no date, two different dates, a year or month in mid-sentence ("the company,
//! founded in 2005, …" dates the founding, not the sentence) — the sentence takes the
//! document's date.
//!
//! # A document that states no date
//!
//! [`infer_document_date`] tries, in order, and only when neither the sender nor the header
//! gave a date:
//!
//! 1. **Release**: a sentence that opens with `昨天`/`昨日`/`前天`/`今天`/`今日` or
//!    "yesterday"/"today", says a policy was released (`发布`, `印发`, `出台`, `公布`, `颁布`,
//!    released, issued, published, unveiled), and names policies whose release date the
//!    dictionary knows to the day, all the same: the document is that many days after it.
//! 2. **Lead**: one of the first three sentences opens with a month and day and no year ("on
//!    September 19, …", "9月19日，…"): the year is the latest year the text states as a past or
//!    present date (`In`, `Since`, `AsOf`; not targets, ranges, names).
//!
//! Both are inferences and say so ([`DocumentBasis`]); they never replace a stated date.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::fold::fold;
use super::meta::{Date, PartialDate};

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// The year and the month.
    Month,
    /// The day.
    Day,
}

/// The precision of a partial date.
pub fn precision(date: PartialDate) -> Precision {
    match (date.month, date.day) {
        (None, _) => Precision::Year,
        (Some(_), None) => Precision::Month,
        (Some(_), Some(_)) => Precision::Day,
    }
}

/// How a stated date bears on what its sentence says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// What the sentence says happened or held within the date: "In 2017", "2019年".
    In,
    /// What the sentence says holds from the date on: "since 2019", "2020年起".
    Since,
    /// What the sentence says stood at the date: "截至2025年底", "as of June 2024".
    AsOf,
    /// An end the sentence sets: "until 2025", "2025年前".
    Until,
    /// A date the sentence looks forward to: a deadline, a plan, next year.
    Target,
    /// The first end of a range ("2020年至2022年", "from 2020 to 2022").
    RangeStart,
    /// The second end of a range.
    RangeEnd,
}

/// A span of days; `None` on a side is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DaySpan {
    /// The first day, if bounded.
    pub first: Option<Date>,
    /// The last day, if bounded.
    pub last: Option<Date>,
}

impl DaySpan {
    /// Every day of a partial date: `2021-02` → 2021-02-01 ..= 2021-02-28.
    pub fn of(date: PartialDate) -> DaySpan {
        DaySpan {
            first: Some(date.first_day()),
            last: Some(date.last_day()),
        }
    }

    /// Whether `day` lies in the span.
    pub fn contains(&self, day: Date) -> bool {
        self.first.is_none_or(|f| f <= day) && self.last.is_none_or(|l| day <= l)
    }
}

/// A date one sentence states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatedDate {
    /// Byte offset of the first character (the marker included: "since", "截至") in the
    /// sentence given to [`stated_dates`].
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The date, as precisely as it is stated.
    pub date: PartialDate,
    /// How it bears on the sentence.
    pub relation: Relation,
    /// Whether it was counted from the document's date (`今年3月`, "last year", `9月19日`).
    pub relative: bool,
}

impl StatedDate {
    /// How precisely the date is stated.
    pub fn precision(&self) -> Precision {
        precision(self.date)
    }

    /// The days the statement covers: its own days for `In`, `AsOf` and `Target`, from its first
    /// day on for `Since`, up to its last day for `Until`.
    pub fn covers(&self) -> DaySpan {
        let own = DaySpan::of(self.date);
        match self.relation {
            Relation::In | Relation::AsOf | Relation::Target => own,
            Relation::Since | Relation::RangeStart => DaySpan {
                first: own.first,
                last: None,
            },
            Relation::Until | Relation::RangeEnd => DaySpan {
                first: None,
                last: own.last,
            },
        }
    }
}

/// Where a sentence's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SentenceBasis {
    /// The sentence states it.
    Stated {
        /// How the stated date bears on the sentence.
        relation: Relation,
        /// Whether it was counted from the document's date.
        relative: bool,
    },
    /// The sentence states none the rules are sure of: the document's date.
    Document,
}

/// The date of what one sentence says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SentenceDate {
    /// The date, as precisely as it is known.
    pub date: PartialDate,
    /// The days it covers; a `Since` date runs to the document's last day (open without one).
    pub span: DaySpan,
    /// Where it comes from.
    pub basis: SentenceBasis,
}

/// Where a document's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentBasis {
    /// The sender gave it ([`DocumentInput::date`](crate::DocumentInput)).
    Given,
    /// The text's header states it (the dateline).
    Stated,
    /// A policy the dictionary dates was released "yesterday" (or today, the day before
    /// yesterday) in the text.
    Release,
    /// The lead opens with a month and day without a year; the year is the latest the text states.
    Lead,
}

/// The date of a document, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocumentDate {
    /// The date.
    pub date: PartialDate,
    /// Where it comes from.
    pub basis: DocumentBasis,
}

/// The dates `sentence` states, in text order, resolved against the document's date where they
/// are relative (see the module documentation for the forms and the rules).
pub fn stated_dates(sentence: &str, document: Option<PartialDate>) -> Vec<StatedDate> {
    raw_dates(sentence)
        .into_iter()
        .filter_map(|raw| raw.resolve(document))
        .collect()
}

/// The date of what `sentence` says: its own date where the rules are sure, else the document's.
pub fn sentence_date(sentence: &str, document: Option<PartialDate>) -> Option<SentenceDate> {
    let stated = stated_dates(sentence, document);
    let usable: Vec<&StatedDate> = stated
        .iter()
        .filter(|s| matches!(s.relation, Relation::In | Relation::Since | Relation::AsOf))
        .collect();
    let opening = opening(sentence);
    let sure = match usable.as_slice() {
        [first, rest @ ..] if rest.iter().all(|s| s.date == first.date) => usable
            .iter()
            .find(|s| {
                s.start <= opening
                    || s.precision() == Precision::Day
                    || matches!(s.relation, Relation::Since | Relation::AsOf)
            })
            .copied(),
        _ => None,
    };
    match sure {
        Some(s) => {
            let mut span = s.covers();
            if s.relation == Relation::Since {
                span.last = document.map(PartialDate::last_day);
            }
            Some(SentenceDate {
                date: s.date,
                span,
                basis: SentenceBasis::Stated {
                    relation: s.relation,
                    relative: s.relative,
                },
            })
        }
        None => document.map(|d| SentenceDate {
            date: d,
            span: DaySpan::of(d),
            basis: SentenceBasis::Document,
        }),
    }
}

/// How many of a document's first sentences may hold a yearless lead date.
const LEAD_SENTENCES: usize = 3;

/// Infers the date of a document that states none, from its sentences (in text order) and the
/// release dates of the policies each names: `releases` holds `(sentence index, release day)`.
/// See the module documentation for the two rules.
pub fn infer_document_date(sentences: &[&str], releases: &[(usize, Date)]) -> Option<DocumentDate> {
    released_relative(sentences, releases)
        .map(|date| DocumentDate {
            date: date.into(),
            basis: DocumentBasis::Release,
        })
        .or_else(|| {
            lead_date(sentences).map(|date| DocumentDate {
                date: date.into(),
                basis: DocumentBasis::Lead,
            })
        })
}

fn released_relative(sentences: &[&str], releases: &[(usize, Date)]) -> Option<Date> {
    static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)发布|印发|出台|公布|颁布|\b(?:released|issued|published|unveiled|promulgated)\b",
        )
    });
    for (i, sentence) in sentences.iter().enumerate() {
        let mut days: Vec<Date> = releases
            .iter()
            .filter(|(s, _)| *s == i)
            .map(|&(_, d)| d)
            .collect();
        days.sort_unstable();
        days.dedup();
        let [day] = days.as_slice() else { continue };
        if !RELEASE.is_match(sentence) {
            continue;
        }
        let open = opening(sentence);
        let after = raw_dates(sentence).into_iter().find_map(|r| match r.when {
            When::Days(k) if r.start <= open && r.relation == RawRelation::Fixed(Relation::In) => {
                Some(-k)
            }
            _ => None,
        });
        if let Some(after) = after {
            return add_days(*day, i64::from(after));
        }
    }
    None
}

fn lead_date(sentences: &[&str]) -> Option<Date> {
    let (month, day) = sentences.iter().take(LEAD_SENTENCES).find_map(|s| {
        let open = opening(s);
        raw_dates(s).into_iter().find_map(|r| match r.when {
            When::Yearless {
                month,
                day: Some(day),
            } if r.start <= open && r.relation == RawRelation::Fixed(Relation::In) => {
                Some((month, day))
            }
            _ => None,
        })
    })?;
    let year = sentences
        .iter()
        .flat_map(|s| stated_dates(s, None))
        .filter(|s| {
            !s.relative && matches!(s.relation, Relation::In | Relation::Since | Relation::AsOf)
        })
        .map(|s| s.date.year)
        .max()?;
    Date::new(year, month, day)
}

/// The byte offset of the sentence's first character that is not white space or an opening
/// quote or bracket: a date that starts there opens the sentence.
fn opening(sentence: &str) -> usize {
    sentence
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace() && !"\"'“‘「『(（【[".contains(c))
        .map_or(sentence.len(), |(i, _)| i)
}

/// The day `n` days after `date` (before, for negative `n`).
pub fn add_days(date: Date, n: i64) -> Option<Date> {
    from_day_number(day_number(date) + n)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn day_number(d: Date) -> i64 {
    // Counted from March, so that the leap day is the last day of the counted year.
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(d.month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn from_day_number(n: i64) -> Option<Date> {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// `date` moved by `months` months, at its own precision; a day that the target month lacks
/// (31 May + 1 month) becomes that month's last day.
pub fn add_months(date: PartialDate, months: i32) -> Option<PartialDate> {
    let Some(month) = date.month else {
        return Some(PartialDate {
            year: u16::try_from(i32::from(date.year) + months / 12).ok()?,
            ..date
        });
    };
    let index = i32::from(date.year) * 12 + i32::from(month) - 1 + months;
    let year = u16::try_from(index.div_euclid(12)).ok()?;
    let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
    let day = match date.day {
        None => None,
        Some(d) => Some(
            (1..=d)
                .rev()
                .find(|&d| Date::new(year, month, d).is_some())?,
        ),
    };
    let moved = PartialDate {
        year,
        month: Some(month),
        day,
    };
    // Reject years the calendar type does not hold.
    Date::new(year, month, day.unwrap_or(1)).map(|_| moved)
}

// ---------------------------------------------------------------------------------------------
// Finding dates.

/// What a date expression says, before the document's date resolves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// A date with its year.
    Absolute(PartialDate),
    /// A month (and day) without a year.
    Yearless { month: u8, day: Option<u8> },
    /// A year counted from the document's (`今年` 0, `去年` -1), with a month and day if stated.
    Years {
        years: i32,
        month: Option<u8>,
        day: Option<u8>,
    },
    /// A month counted from the document's (`上月` -1).
    Months(i32),
    /// A day counted from the document's (`昨天` -1).
    Days(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawRelation {
    Fixed(Relation),
    /// `到…`, "by …": as of a date not after the document's, else a target.
    Deadline,
}

#[derive(Debug, Clone, Copy)]
struct Raw {
    start: usize,
    end: usize,
    when: When,
    relation: RawRelation,
}

impl Raw {
    fn resolve(self, document: Option<PartialDate>) -> Option<StatedDate> {
        let (date, relative) = match self.when {
            When::Absolute(d) => (d, false),
            When::Yearless { month, day } => {
                let doc = document?;
                let doc_month = doc.month?;
                let date = partial(doc.year, Some(month), day)?;
                let later = (month, day.unwrap_or(1)) > (doc_month, doc.day.unwrap_or(31));
                if later {
                    return None;
                }
                (date, true)
            }
            When::Years { years, month, day } => {
                let doc = document?;
                let year = u16::try_from(i32::from(doc.year) + years).ok()?;
                (partial(year, month, day)?, true)
            }
            When::Months(k) => {
                let doc = document?;
                doc.month?;
                let month = add_months(PartialDate { day: None, ..doc }, k)?;
                (month, true)
            }
            When::Days(k) => {
                let doc = document?;
                doc.day?;
                (add_days(doc.first_day(), i64::from(k))?.into(), true)
            }
        };
        let relation = match self.relation {
            RawRelation::Fixed(r) => r,
            RawRelation::Deadline => match document {
                Some(doc) if date.last_day() <= doc.first_day() => Relation::AsOf,
                _ => Relation::Target,
            },
        };
        Some(StatedDate {
            start: self.start,
            end: self.end,
            date,
            relation,
            relative,
        })
    }
}

/// A partial date, if it exists.
fn partial(year: u16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
    if !(1900..=2099).contains(&year) {
        return None;
    }
    match (month, day) {
        (None, _) => Some(PartialDate {
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

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("{e}"))
}

/// A candidate before overlaps are settled: longer candidates win at the same start.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    when: When,
    relation: Option<RawRelation>,
}

/// Every date expression of the sentence, in text order, with offsets into `sentence`.
fn raw_dates(sentence: &str) -> Vec<Raw> {
    let folded = fold(sentence);
    let text: &str = &folded.text;
    let mut found = Vec::new();
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    if !text.is_ascii() {
        chinese(text, &mut found);
    }
    if has_digit || text.bytes().any(|b| b.is_ascii_alphabetic()) {
        english(text, has_digit, &mut found);
    }
    // Settle overlaps: earliest first, then longest; a candidate that overlaps one kept is
    // dropped. A candidate that was recognized only to be discarded (a range, a comparison)
    // still takes its place, so that a shorter reading inside it does not come back.
    found.sort_by_key(|c: &Candidate| (c.start, std::cmp::Reverse(c.end)));
    let mut out = Vec::new();
    let mut taken = 0;
    for c in found {
        if c.start < taken {
            continue;
        }
        taken = c.end;
        if let Some(relation) = c.relation {
            out.push(Raw {
                start: folded.to_original(c.start),
                end: folded.to_original(c.end),
                when: c.when,
                relation,
            });
        }
    }
    out
}

/// The ranges of the text inside 《…》.
fn titles(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in text.char_indices() {
        match c {
            '《' if open.is_none() => open = Some(i),
            '》' => {
                if let Some(s) = open.take() {
                    out.push((s, i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push((s, text.len()));
    }
    out
}

fn number<T: std::str::FromStr>(c: &Captures<'_>, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn chinese(text: &str, out: &mut Vec<Candidate>) {
    static ZH: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?x)
            (?P<abs>(?P<y>[0-9]{4})\s*年(?:\s*(?P<m>[0-9]{1,2})\s*月(?:\s*(?P<d>[0-9]{1,2})\s*[日号])?)?)
          | (?P<ry>今年|本年|去年|上年|前年|明年|来年)(?:\s*(?P<rm>[0-9]{1,2})\s*月(?:\s*(?P<rd>[0-9]{1,2})\s*[日号])?)?
          | (?P<rmo>本月|上月|上个月|下月|下个月)
          | (?P<rday>昨天|昨日|前天|今天|今日)
          | (?P<md>(?P<mm>[0-9]{1,2})\s*月(?:\s*(?P<mdd>[0-9]{1,2})\s*[日号])?)
            ",
        )
    });
    let titles = titles(text);
    for c in ZH.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (start, mut end) = (whole.start(), whole.end());
        let before = &text[..start];
        let in_title = titles.iter().any(|&(s, e)| s <= start && start < e);
        // A digit, decimal point or dash glued on the left: part of a larger number.
        let glued = before
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_digit() || p == '.');
        let mut relation = Some(RawRelation::Fixed(Relation::In));
        let mut month_of_year: Option<u8> = None;
        let when = if c.name("abs").is_some() {
            let Some(year) = number::<u16>(&c, "y") else {
                continue;
            };
            if glued {
                continue;
            }
            let month: Option<u8> = number(&c, "m");
            let day: Option<u8> = number(&c, "d");
            if month.is_none() {
                month_of_year = year_edge(&text[end..]).map(|(m, len)| {
                    end += len;
                    m
                });
            }
            match partial(year, month.or(month_of_year), day) {
                Some(d) => When::Absolute(d),
                None => continue,
            }
        } else if let Some(word) = c.name("ry") {
            let years = match word.as_str() {
                "今年" | "本年" => 0,
                "去年" | "上年" => -1,
                "前年" => -2,
                _ => {
                    relation = Some(RawRelation::Fixed(Relation::Target));
                    1
                }
            };
            let month: Option<u8> = number(&c, "rm");
            let day: Option<u8> = number(&c, "rd");
            if month.is_none() {
                month_of_year = year_edge(&text[end..]).map(|(m, len)| {
                    end += len;
                    m
                });
            }
            When::Years {
                years,
                month: month.or(month_of_year),
                day,
            }
        } else if let Some(word) = c.name("rmo") {
            match word.as_str() {
                "本月" => When::Months(0),
                "上月" | "上个月" => When::Months(-1),
                _ => {
                    relation = Some(RawRelation::Fixed(Relation::Target));
                    When::Months(1)
                }
            }
        } else if let Some(word) = c.name("rday") {
            When::Days(match word.as_str() {
                "昨天" | "昨日" => -1,
                "前天" => -2,
                _ => 0,
            })
        } else {
            let Some(month) = number::<u8>(&c, "mm") else {
                continue;
            };
            if glued || before.ends_with('年') || !(1..=12).contains(&month) {
                continue;
            }
            let day: Option<u8> = number(&c, "mdd");
            if day.is_some_and(|d| Date::new(2000, month, d).is_none()) {
                continue;
            }
            When::Yearless { month, day }
        };
        if in_title {
            relation = None;
        }
        let mut start = start;
        let after = &text[end..];
        // Ranges: `2020年-2022年`, `2020年至2022年`, `1-3月`.
        let range_after = strip_any(after.trim_start(), &["-", "—", "–", "~", "至", "到"])
            .is_some_and(|rest| {
                rest.trim_start()
                    .starts_with(|ch: char| ch.is_ascii_digit())
            });
        let range_before = strip_suffix_any(before.trim_end(), &["-", "—", "–", "~", "至", "到"])
            .is_some_and(|rest| {
                let rest = rest.trim_end();
                rest.ends_with(['年', '月', '日', '号'])
                    || rest.ends_with(|ch: char| ch.is_ascii_digit())
            });
        if range_after && relation.is_some() {
            relation = Some(RawRelation::Fixed(Relation::RangeStart));
        } else if range_before && relation.is_some() {
            relation = Some(RawRelation::Fixed(Relation::RangeEnd));
        }
        let range = range_after || range_before;
        // Suffixes.
        let after = &text[end..];
        if let Some((len, r)) = zh_suffix(after) {
            end += len;
            if relation.is_some() && !range {
                relation = r;
            }
        }
        // Prefixes; the 至 or 到 inside a range is the range's.
        if relation.is_some()
            && !range_before
            && let Some((len, r)) = zh_prefix(before)
        {
            start -= len;
            if !range {
                relation = r;
            }
        }
        out.push(Candidate {
            start,
            end,
            when,
            relation,
        });
    }
}

/// `底`/`末`/`年底`/`年末` (December) or `初`/`年初` (January) right after a year: the month it
/// means and the bytes it takes.
fn year_edge(after: &str) -> Option<(u8, usize)> {
    for (word, month) in [
        ("年底", 12),
        ("年末", 12),
        ("年初", 1),
        ("底", 12),
        ("末", 12),
        ("初", 1),
    ] {
        // "2024年初步建成" is "built, as a first step, in 2024", not "early 2024".
        if after.starts_with(word) && !after[word.len()..].starts_with('步') {
            return Some((month, word.len()));
        }
    }
    None
}

fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| s.strip_prefix(p))
}

fn strip_suffix_any<'a>(s: &'a str, suffixes: &[&str]) -> Option<&'a str> {
    suffixes.iter().find_map(|p| s.strip_suffix(p))
}

/// What follows a Chinese date and changes its relation: the bytes it takes and the relation
/// (`None`: not a date of the sentence).
fn zh_suffix(after: &str) -> Option<(usize, Option<RawRelation>)> {
    let numeral = |rest: &str| {
        rest.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十两".contains(c))
    };
    for word in ["以来", "起", "开始", "至今", "以后", "之后", "后"] {
        if let Some(rest) = after.strip_prefix(word) {
            // "后两年" ("the last two years") is not "after".
            if numeral(rest) {
                return None;
            }
            return Some((word.len(), Some(RawRelation::Fixed(Relation::Since))));
        }
    }
    for word in ["以前", "之前", "前"] {
        if let Some(rest) = after.strip_prefix(word) {
            // "2024年前三季度" is the first three quarters of 2024.
            if numeral(rest) {
                return None;
            }
            return Some((word.len(), Some(RawRelation::Fixed(Relation::Until))));
        }
    }
    let after_du = after.strip_prefix('度').unwrap_or(after);
    for word in [
        "计划", "规划", "目标", "任务", "预算", "行动", "方案", "要点",
    ] {
        if after_du.starts_with(word) {
            return Some((
                after.len() - after_du.len() + word.len(),
                Some(RawRelation::Fixed(Relation::Target)),
            ));
        }
    }
    if after_du.starts_with("同期") {
        return Some((after.len() - after_du.len() + "同期".len(), None));
    }
    None
}

/// What precedes a Chinese date and sets its relation: the bytes it takes and the relation.
fn zh_prefix(before: &str) -> Option<(usize, Option<RawRelation>)> {
    let trimmed = before.trim_end();
    let gap = before.len() - trimmed.len();
    let table: [(&str, Option<RawRelation>); 14] = [
        ("截止到", Some(RawRelation::Fixed(Relation::AsOf))),
        ("截止至", Some(RawRelation::Fixed(Relation::AsOf))),
        ("截至", Some(RawRelation::Fixed(Relation::AsOf))),
        ("截止", Some(RawRelation::Fixed(Relation::AsOf))),
        ("自从", Some(RawRelation::Fixed(Relation::Since))),
        ("自", Some(RawRelation::Fixed(Relation::Since))),
        ("从", Some(RawRelation::Fixed(Relation::Since))),
        ("到", Some(RawRelation::Deadline)),
        ("至", Some(RawRelation::Deadline)),
        ("于", Some(RawRelation::Fixed(Relation::In))),
        ("在", Some(RawRelation::Fixed(Relation::In))),
        ("同比", None),
        ("比", None),
        ("较", None),
    ];
    table
        .iter()
        .find(|(word, _)| trimmed.ends_with(word))
        .map(|&(word, r)| (word.len() + gap, r))
        .or_else(|| {
            ["与", "相比"]
                .iter()
                .find(|w| trimmed.ends_with(*w))
                .map(|w| (w.len() + gap, None))
        })
}

/// An English preposition before a date: its relation, and the month it implies for a bare
/// year ("the end of 2025" is December).
#[derive(Debug, Clone, Copy)]
struct EnPrefix {
    len: usize,
    relation: Option<RawRelation>,
    year_month: Option<u8>,
}

/// The prefix words of English dates, longest first, each with its relation and, for a bare
/// year, the month it means.
const EN_PREFIXES: &[(&str, Option<RawRelation>, Option<u8>)] = &[
    // Parts of a year date to the year: a date knows no halves or quarters.
    (
        "in the first half of",
        Some(RawRelation::Fixed(Relation::In)),
        None,
    ),
    (
        "in the second half of",
        Some(RawRelation::Fixed(Relation::In)),
        None,
    ),
    (
        "in the first quarter of",
        Some(RawRelation::Fixed(Relation::In)),
        None,
    ),
    (
        "in the second quarter of",
        Some(RawRelation::Fixed(Relation::In)),
        None,
    ),
    (
        "in the third quarter of",
        Some(RawRelation::Fixed(Relation::In)),
        None,
    ),
    (
        "in the fourth quarter of",
        Some(RawRelation::Fixed(Relation::In)),
        None,
    ),
    (
        "in the first three quarters of",
        Some(RawRelation::Fixed(Relation::In)),
        None,
    ),
    ("by the end of", Some(RawRelation::Deadline), Some(12)),
    (
        "at the end of",
        Some(RawRelation::Fixed(Relation::In)),
        Some(12),
    ),
    (
        "as of the end of",
        Some(RawRelation::Fixed(Relation::AsOf)),
        Some(12),
    ),
    (
        "the end of",
        Some(RawRelation::Fixed(Relation::In)),
        Some(12),
    ),
    ("end of", Some(RawRelation::Fixed(Relation::In)), Some(12)),
    (
        "the beginning of",
        Some(RawRelation::Fixed(Relation::In)),
        Some(1),
    ),
    (
        "the start of",
        Some(RawRelation::Fixed(Relation::In)),
        Some(1),
    ),
    ("as early as", Some(RawRelation::Fixed(Relation::In)), None),
    ("as of", Some(RawRelation::Fixed(Relation::AsOf)), None),
    ("since", Some(RawRelation::Fixed(Relation::Since)), None),
    ("after", Some(RawRelation::Fixed(Relation::Since)), None),
    ("until", Some(RawRelation::Fixed(Relation::Until)), None),
    ("till", Some(RawRelation::Fixed(Relation::Until)), None),
    ("before", Some(RawRelation::Fixed(Relation::Until)), None),
    ("by", Some(RawRelation::Deadline), None),
    ("during", Some(RawRelation::Fixed(Relation::In)), None),
    ("early", Some(RawRelation::Fixed(Relation::In)), None),
    ("late", Some(RawRelation::Fixed(Relation::In)), None),
    ("mid-", Some(RawRelation::Fixed(Relation::In)), None),
    ("mid", Some(RawRelation::Fixed(Relation::In)), None),
    ("in", Some(RawRelation::Fixed(Relation::In)), None),
    ("on", Some(RawRelation::Fixed(Relation::In)), None),
    ("from", Some(RawRelation::Fixed(Relation::Since)), None),
];

/// The preposition that ends `before` (case-insensitively, as a whole word).
fn en_prefix(before: &str) -> Option<EnPrefix> {
    let trimmed = before.trim_end();
    let gap = before.len() - trimmed.len();
    // "mid-2024" has no space; every other prefix needs one.
    EN_PREFIXES
        .iter()
        .find_map(|&(word, relation, year_month)| {
            if (word.ends_with('-')) != (gap == 0) {
                return None;
            }
            let head = trimmed.len().checked_sub(word.len())?;
            let tail = trimmed.get(head..)?;
            let boundary = trimmed[..head]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            (tail.eq_ignore_ascii_case(word) && boundary).then_some(EnPrefix {
                len: word.len() + gap,
                relation,
                year_month,
            })
        })
}

const MON: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

fn month_of(name: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u8 + 1)
}

/// Whether `s` ends with four digits that stand alone (no digit or dash before them).
fn ends_with_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && b[b.len() - 4..].iter().all(u8::is_ascii_digit)
        && (b.len() == 4 || !(b[b.len() - 5].is_ascii_digit() || b[b.len() - 5] == b'-'))
}

/// Whether `s` starts with a digit or a month name: the second end of a range.
fn starts_with_date_word(s: &str) -> bool {
    static MONTH_WORD: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"(?i)^{}\b", MON.trim_end_matches(r"\.?"))));
    s.starts_with(|c: char| c.is_ascii_digit()) || MONTH_WORD.is_match(s)
}

fn english(text: &str, has_digit: bool, out: &mut Vec<Candidate>) {
    static MDY: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"(?i)\b{MON}\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})\b"
        ))
    });
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"(?i)\b(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+{MON},?\s+(?P<y>[0-9]{{4}})\b"
        ))
    });
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        regex(r"\b(?P<y>[0-9]{4})([-/])(?P<m>[0-9]{1,2})([-/])(?P<d>[0-9]{1,2})\b")
    });
    static MY: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"(?i)\b{MON},?\s+(?P<y>[0-9]{{4}})\b")));
    static MD: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"(?i)\b{MON}\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\b"
        ))
    });
    static M: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"(?i)\b{}\b", MON.trim_end_matches(r"\.?"))));
    static Y: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(?P<y>[0-9]{4})\b"));
    static EDITION: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)\b(?:(?:at|during|in)\s+)?the\s+(?P<y>[0-9]{4})\s+(?:[a-z][a-z'’&-]*\s+){0,5}?(?:fair|expo|conference|forum|summit|games|exhibition|festival|congress|olympics|marathon|race|show|championships?|session)s?\b",
        )
    });
    static REL: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)\b(?:(?P<which>this|last|next)\s+(?P<unit>year|month)|(?P<day>yesterday|today))\b",
        )
    });

    let push = |out: &mut Vec<Candidate>,
                m: regex::Match<'_>,
                when: When,
                prefix: Option<EnPrefix>,
                needs_prefix: bool| {
        // "mid-2022" is the one prefix glued to its date by a dash.
        let dash_prefix = prefix.is_some_and(|p| text[..m.start()].ends_with('-') && p.len == 4);
        // A dash between two years is a range ("2021-2025"), not a glued number.
        let dash_range = text[..m.start()]
            .strip_suffix('-')
            .is_some_and(ends_with_year)
            && matches!(when, When::Absolute(d) if d.month.is_none());
        let glued_before = text[..m.start()].chars().next_back().is_some_and(|c| {
            c.is_ascii_digit() || c == '.' || c == ',' || (c == '-' && !dash_prefix && !dash_range)
        });
        let after = &text[m.end()..];
        let glued_after = {
            let mut cs = after.chars();
            match (cs.next(), cs.next()) {
                (Some(c), _) if c.is_ascii_digit() => true,
                (Some('.' | ','), Some(d)) if d.is_ascii_digit() => true,
                // "2021-2025" is a range; "2021-25-x" and the like are not dates.
                (Some('-'), Some(d)) if d.is_ascii_digit() => {
                    !(matches!(when, When::Absolute(d) if d.month.is_none())
                        && after[1..].bytes().take_while(u8::is_ascii_digit).count() == 4)
                }
                _ => false,
            }
        };
        if glued_before || glued_after {
            return;
        }
        let start = m.start() - prefix.map_or(0, |p| p.len);
        // Ranges: "from 2020 to 2022", "2020-2022", "between 2020 and 2022", "July 1, 2023 to
        // June 30, 2025".
        let ahead = after.trim_start().to_ascii_lowercase();
        let range_after = ["to ", "through ", "and ", "– ", "- ", "–", "-"]
            .iter()
            .any(|w| {
                ahead
                    .strip_prefix(w)
                    .is_some_and(|r| starts_with_date_word(r.trim_start()))
            });
        let behind = text[..start].trim_end().to_ascii_lowercase();
        let range_before = ["between", "to", "through", "and", "–", "-"]
            .iter()
            .any(|w| {
                behind.strip_suffix(w).is_some_and(|r| {
                    r.trim_end().ends_with(|c: char| c.is_ascii_digit()) || *w == "between"
                })
            });
        if needs_prefix && prefix.is_none() && !range_after && !range_before {
            return;
        }
        let mut relation = prefix.map_or(Some(RawRelation::Fixed(Relation::In)), |p| p.relation);
        // "from 2020" is a start only at the head of a sentence or with "on"/"onwards";
        // elsewhere it is usually a comparison ("up 7% from 2022").
        let from = text[start..]
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("from"));
        let year_only = matches!(when, When::Absolute(d) if d.month.is_none());
        if prefix.is_some() && from && year_only {
            let onward = ahead.starts_with("onward")
                || ahead == "on"
                || ["on ", "on,", "on."].iter().any(|w| ahead.starts_with(w));
            if start > opening(text) && !onward {
                relation = None;
            }
        }
        if range_after {
            relation = Some(RawRelation::Fixed(Relation::RangeStart));
        } else if range_before {
            relation = Some(RawRelation::Fixed(Relation::RangeEnd));
        }
        out.push(Candidate {
            start,
            end: m.end(),
            when,
            relation,
        });
    };

    if has_digit {
        for c in MDY.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let (Some(month), Some(y), Some(d)) = (
                c.name("mon").and_then(|x| month_of(x.as_str())),
                number::<u16>(&c, "y"),
                number::<u8>(&c, "d"),
            ) else {
                continue;
            };
            if let Some(date) = partial(y, Some(month), Some(d)) {
                push(
                    out,
                    m,
                    When::Absolute(date),
                    en_prefix(&text[..m.start()]),
                    false,
                );
            }
        }
        for c in DMY.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let (Some(month), Some(y), Some(d)) = (
                c.name("mon").and_then(|x| month_of(x.as_str())),
                number::<u16>(&c, "y"),
                number::<u8>(&c, "d"),
            ) else {
                continue;
            };
            if let Some(date) = partial(y, Some(month), Some(d)) {
                push(
                    out,
                    m,
                    When::Absolute(date),
                    en_prefix(&text[..m.start()]),
                    false,
                );
            }
        }
        for c in ISO.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            // One separator throughout: "2024-03/05" is not a date.
            if c.get(2).map(|x| x.as_str()) != c.get(4).map(|x| x.as_str()) {
                continue;
            }
            let (Some(y), Some(mo), Some(d)) = (
                number::<u16>(&c, "y"),
                number::<u8>(&c, "m"),
                number::<u8>(&c, "d"),
            ) else {
                continue;
            };
            if let Some(date) = partial(y, Some(mo), Some(d)) {
                push(
                    out,
                    m,
                    When::Absolute(date),
                    en_prefix(&text[..m.start()]),
                    false,
                );
            }
        }
        for c in MY.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let (Some(month), Some(y)) = (
                c.name("mon").and_then(|x| month_of(x.as_str())),
                number::<u16>(&c, "y"),
            ) else {
                continue;
            };
            if let Some(date) = partial(y, Some(month), None) {
                push(
                    out,
                    m,
                    When::Absolute(date),
                    en_prefix(&text[..m.start()]),
                    false,
                );
            }
        }
        for c in MD.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let (Some(month), Some(d)) = (
                c.name("mon").and_then(|x| month_of(x.as_str())),
                number::<u8>(&c, "d"),
            ) else {
                continue;
            };
            if Date::new(2000, month, d).is_none() {
                continue;
            }
            push(
                out,
                m,
                When::Yearless {
                    month,
                    day: Some(d),
                },
                en_prefix(&text[..m.start()]),
                true,
            );
        }
        for c in Y.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let Some(y) = number::<u16>(&c, "y") else {
                continue;
            };
            let prefix = en_prefix(&text[..m.start()]);
            let month = prefix.and_then(|p| p.year_month);
            if let Some(date) = partial(y, month, None) {
                push(out, m, When::Absolute(date), prefix, true);
            }
        }
        for c in EDITION.captures_iter(text) {
            let (Some(m), Some(y)) = (c.get(0), number::<u16>(&c, "y")) else {
                continue;
            };
            if let Some(date) = partial(y, None, None) {
                push(out, m, When::Absolute(date), None, false);
            }
        }
    }
    for c in M.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let Some(month) = c.name("mon").and_then(|x| month_of(x.as_str())) else {
            continue;
        };
        // A month name alone is a date only after a preposition that takes one ("in March"),
        // and never "may" the verb or "march" the noun in lowercase prose without one.
        let prefix = en_prefix(&text[..m.start()]);
        if prefix.is_some_and(|p| p.year_month.is_some()) {
            continue;
        }
        push(out, m, When::Yearless { month, day: None }, prefix, true);
    }
    for c in REL.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let mut relation_override = None;
        let when = if let Some(day) = c.name("day") {
            When::Days(if day.as_str().eq_ignore_ascii_case("yesterday") {
                -1
            } else {
                0
            })
        } else {
            let which = c
                .name("which")
                .map_or("", |x| x.as_str())
                .to_ascii_lowercase();
            let k = match which.as_str() {
                "this" => 0,
                "last" => -1,
                _ => {
                    relation_override = Some(RawRelation::Fixed(Relation::Target));
                    1
                }
            };
            let unit = c.name("unit").map_or("", |x| x.as_str());
            if unit.eq_ignore_ascii_case("year") {
                When::Years {
                    years: k,
                    month: None,
                    day: None,
                }
            } else {
                When::Months(k)
            }
        };
        let before = text[..m.start()].trim_end().to_ascii_lowercase();
        let comparison = [
            "than",
            "over",
            "from",
            "compared with",
            "compared to",
            "versus",
            "vs.",
        ]
        .iter()
        .any(|w| {
            before
                .strip_suffix(w)
                .is_some_and(|r| r.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        });
        let prefix = en_prefix(&text[..m.start()]);
        let start = m.start() - prefix.map_or(0, |p| p.len);
        let relation = if comparison {
            None
        } else {
            relation_override
                .or(prefix.map_or(Some(RawRelation::Fixed(Relation::In)), |p| p.relation))
        };
        out.push(Candidate {
            start: if comparison { m.start() } else { start },
            end: m.end(),
            when,
            relation,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pd(s: &str) -> PartialDate {
        PartialDate::parse_iso(s).unwrap_or_else(|| panic!("bad test date {s}"))
    }

    /// `(sentence, document date, [(surface, date, relation)])`.
    type Case<'a> = (&'a str, Option<&'a str>, Vec<(&'a str, &'a str, Relation)>);

    fn check(cases: &[Case<'_>]) {
        for (sentence, doc, expected) in cases {
            let got: Vec<(&str, String, Relation)> = stated_dates(sentence, doc.map(pd))
                .iter()
                .map(|s| (&sentence[s.start..s.end], s.date.to_string(), s.relation))
                .collect();
            let want: Vec<(&str, String, Relation)> = expected
                .iter()
                .map(|&(surface, date, r)| (surface, date.to_owned(), r))
                .collect();
            assert_eq!(got, want, "in {sentence:?} (document {doc:?})");
        }
    }

    use Relation::*;

    #[test]
    fn chinese_dates_and_their_relations() {
        check(&[
            (
                "2024年9月19日，管委会召开发布会。",
                None,
                vec![("2024年9月19日", "2024-09-19", In)],
            ),
            (
                "经开区于2023年5月发布了这项措施。",
                None,
                vec![("于2023年5月", "2023-05", In)],
            ),
            (
                "2020年起，经开区每年安排100亿元资金。",
                None,
                vec![("2020年起", "2020", Since)],
            ),
            (
                "自2021年以来，园区新增企业300家。",
                None,
                vec![("自2021年以来", "2021", Since)],
            ),
            (
                "截至2025年底，全区将建成五个园区。",
                None,
                vec![("截至2025年底", "2025-12", AsOf)],
            ),
            (
                "截至5月25日，开复工企业超万家。",
                Some("2020-05-27"),
                vec![("截至5月25日", "2020-05-25", AsOf)],
            ),
            (
                "今年3月，工厂正式投产。",
                Some("2024-09-19"),
                vec![("今年3月", "2024-03", In)],
            ),
            (
                "去年底，园区产值突破千亿。",
                Some("2024-09-19"),
                vec![("去年底", "2023-12", In)],
            ),
            (
                "上月，两家企业签约入驻。",
                Some("2024-09-19"),
                vec![("上月", "2024-08", In)],
            ),
            (
                "昨天，管委会发布了新政策。",
                Some("2024-09-19"),
                vec![("昨天", "2024-09-18", In)],
            ),
            (
                "明年投产后，产能将翻一番。",
                Some("2024-09-19"),
                vec![("明年", "2025", Target)],
            ),
            (
                "到2025年，产值将突破八千亿元。",
                Some("2023-01-10"),
                vec![("到2025年", "2025", Target)],
            ),
            (
                "到2019年底，园区已有企业两万家。",
                Some("2020-05-27"),
                vec![("到2019年底", "2019-12", AsOf)],
            ),
            (
                "2025年计划新增投资100亿元。",
                None,
                vec![("2025年计划", "2025", Target)],
            ),
            (
                "2026年前完成全部建设。",
                None,
                vec![("2026年前", "2026", Until)],
            ),
            ("全年产值较上年增长8%。", Some("2024-09-19"), vec![]),
            ("利用外资比上年同期增长16%。", Some("2024-09-19"), vec![]),
            (
                "2024年前三季度，产值增长8%。",
                None,
                vec![("2024年", "2024", In)],
            ),
            // Full-width digits read as plain ones, offsets stay in the original text.
            (
                "２０２３年５月１７日，园区开园。",
                None,
                vec![("２０２３年５月１７日", "2023-05-17", In)],
            ),
        ]);
    }

    #[test]
    fn chinese_numbers_that_are_not_dates() {
        check(&[
            ("经开区最初只有3.83平方公里。", None, vec![]),
            ("咨询电话：010-67881234。", None, vec![]),
            ("经过28年建设，产业已成集群。", None, vec![]),
            ("园区有10600余家企业开复工。", None, vec![]),
            (
                "北京经开区发布《高质量发展行动计划(2020年-2022年)》。",
                None,
                vec![],
            ),
            ("第一季度至3个月内完成。", None, vec![]),
            // A month without a year after the document's date is not guessed.
            ("10月10日，大会将开幕。", Some("2024-09-19"), vec![]),
            // Without a document date, relative dates are not resolved at all.
            ("今年3月，工厂正式投产。", None, vec![]),
            ("12024年这个数不是年份。", None, vec![]),
        ]);
    }

    #[test]
    fn english_dates_and_their_relations() {
        check(&[
            (
                "In February 2017, the company moved to Yizhuang.",
                None,
                vec![("In February 2017", "2017-02", In)],
            ),
            (
                "The plant opened on March 3, 2024.",
                None,
                vec![("on March 3, 2024", "2024-03-03", In)],
            ),
            (
                "It opened on 3 March 2024 after a year of work.",
                None,
                vec![("on 3 March 2024", "2024-03-03", In)],
            ),
            (
                "Since 2019, the zone has grown every year.",
                None,
                vec![("Since 2019", "2019", Since)],
            ),
            (
                "As of June 2024, 918 firms had been certified.",
                None,
                vec![("As of June 2024", "2024-06", AsOf)],
            ),
            (
                "By the end of 2025, the park will house 100 firms.",
                Some("2024-09-19"),
                vec![("By the end of 2025", "2025-12", Target)],
            ),
            (
                "By the end of 2023, the park housed 90 firms.",
                Some("2024-09-19"),
                vec![("By the end of 2023", "2023-12", AsOf)],
            ),
            (
                "Output doubled in mid-2022.",
                None,
                vec![("mid-2022", "2022", In)],
            ),
            (
                "Last year, exports grew 7.8%.",
                Some("2024-09-19"),
                vec![("Last year", "2023", In)],
            ),
            (
                "This year, more than 4,400 school places will be added.",
                Some("2024-09-19"),
                vec![("This year", "2024", In)],
            ),
            (
                "Next year the line starts.",
                Some("2024-09-19"),
                vec![("Next year", "2025", Target)],
            ),
            (
                "On September 19, the office held a press conference.",
                Some("2024-09-20"),
                vec![("On September 19", "2024-09-19", In)],
            ),
            (
                "Work began in March.",
                Some("2024-09-20"),
                vec![("in March", "2024-03", In)],
            ),
            (
                "Yesterday the committee issued the measures.",
                Some("2024-02-21"),
                vec![("Yesterday", "2024-02-20", In)],
            ),
            (
                "At the 2024 services trade fair, the zone signed an agreement.",
                None,
                vec![("At the 2024 services trade fair", "2024", In)],
            ),
            (
                "The report is dated 2023-12-08.",
                None,
                vec![("2023-12-08", "2023-12-08", In)],
            ),
            (
                "Exports rose 7.8% over last year.",
                Some("2024-09-19"),
                vec![],
            ),
        ]);
    }

    #[test]
    fn english_numbers_that_are_not_dates() {
        check(&[
            ("The zone sold 2020 robots.", None, vec![]),
            ("2019 was a good year for the zone.", None, vec![]),
            (
                "In 2020, 2020 robots were sold.",
                None,
                vec![("In 2020", "2020", In)],
            ),
            ("The park covers 3.83 square kilometers.", None, vec![]),
            (
                "Call 010-6788-1234 or 400-810-2024 for details.",
                None,
                vec![],
            ),
            ("Output was up 7% from 2022.", None, vec![]),
            ("In 1850 nothing stood here.", None, vec![]),
            ("You may see 12 new firms in the list.", None, vec![]),
            (
                "In March alone, nothing is known without a document date.",
                None,
                vec![],
            ),
        ]);
    }

    #[test]
    fn ranges_are_read_but_date_no_sentence() {
        check(&[
            (
                "2020年至2022年，园区投资翻番。",
                None,
                vec![("2020年", "2020", RangeStart), ("2022年", "2022", RangeEnd)],
            ),
            (
                "2020年-2022年是关键三年。",
                None,
                vec![("2020年", "2020", RangeStart), ("2022年", "2022", RangeEnd)],
            ),
            (
                "有效期自2022年7月1日至2024年6月30日。",
                None,
                vec![
                    ("自2022年7月1日", "2022-07-01", RangeStart),
                    ("2024年6月30日", "2024-06-30", RangeEnd),
                ],
            ),
            (
                "Investment rose from 2020 to 2022.",
                None,
                vec![
                    ("from 2020", "2020", RangeStart),
                    ("2022", "2022", RangeEnd),
                ],
            ),
            (
                "The plan runs 2021-2025.",
                None,
                vec![("2021", "2021", RangeStart), ("2025", "2025", RangeEnd)],
            ),
            (
                "It is valid from July 1, 2023 to June 30, 2025.",
                None,
                vec![
                    ("from July 1, 2023", "2023-07-01", RangeStart),
                    ("June 30, 2025", "2025-06-30", RangeEnd),
                ],
            ),
        ]);
        for s in [
            "2020年至2022年，园区投资翻番。",
            "Investment rose from 2020 to 2022.",
        ] {
            assert_eq!(
                sentence_date(s, Some(pd("2024-09-19"))).map(|d| d.basis),
                Some(SentenceBasis::Document),
                "{s}"
            );
        }
    }

    #[test]
    fn a_sentence_is_dated_by_its_own_date_only_when_sure() {
        let doc = Some(pd("2024-09-19"));
        let date = |s: &str| {
            sentence_date(s, doc).map(|d| {
                (
                    d.date.to_string(),
                    matches!(d.basis, SentenceBasis::Stated { .. }),
                )
            })
        };
        let cases: &[(&str, &str, bool)] = &[
            (
                "In February 2017, the company moved to Yizhuang.",
                "2017-02",
                true,
            ),
            ("2019年，经开区工业总产值为4183亿元。", "2019", true),
            ("The plant opened on March 3, 2024.", "2024-03-03", true),
            (
                "The company, founded in 2005, opened a new plant.",
                "2024-09-19",
                false,
            ),
            ("The zone has grown since 2019.", "2019", true),
            ("截至2025年底，全区将建成五个园区。", "2025-12", true),
            (
                "In 2019 it had 10 firms and in 2021 it had 20.",
                "2024-09-19",
                false,
            ),
            ("In 2019, and again in 2019, it had 10 firms.", "2019", true),
            ("到2025年，产值将突破八千亿元。", "2024-09-19", false),
            ("Kong Lei spoke at the forum.", "2024-09-19", false),
            ("“今年3月，我们开始投产。”他说。", "2024-03", true),
            ("经开区2021年引进企业100家。", "2024-09-19", false),
        ];
        for &(s, want, stated) in cases {
            assert_eq!(date(s), Some((want.to_owned(), stated)), "{s}");
        }
        assert_eq!(sentence_date("Kong Lei spoke.", None), None);
        // A start runs to the document's date.
        let since = sentence_date("The zone has grown since 2019.", doc).map(|d| d.span);
        assert_eq!(
            since,
            Some(DaySpan {
                first: Date::new(2019, 1, 1),
                last: Date::new(2024, 9, 19)
            })
        );
    }

    #[test]
    fn spans_and_precision() {
        let s = stated_dates("In February 2024, it opened.", None);
        assert_eq!(s[0].precision(), Precision::Month);
        assert_eq!(
            s[0].covers(),
            DaySpan {
                first: Date::new(2024, 2, 1),
                last: Date::new(2024, 2, 29)
            }
        );
        let until = stated_dates("It runs until 2025.", None);
        assert_eq!(until[0].relation, Until);
        assert_eq!(until[0].covers().first, None);
        assert!(
            until[0]
                .covers()
                .contains(Date::new(2020, 1, 1).unwrap_or_else(|| unreachable!()))
        );
    }

    proptest::proptest! {
        /// Any text, dates or not: no panic, and every span slices the text it came from.
        #[test]
        fn spans_slice_any_text(
            s in "[0-9年月日号至到起前后底末初今去明上本昨天自截止于在比较~ ,.，。a-zA-Z《》–-]{0,40}|\\PC{0,40}",
            year in 1900u16..2100,
            month in 1u8..13,
        ) {
            let doc = PartialDate { year, month: Some(month), day: Some(15) };
            for d in stated_dates(&s, Some(doc)).into_iter().chain(stated_dates(&s, None)) {
                proptest::prop_assert!(s.get(d.start..d.end).is_some());
            }
            let _ = sentence_date(&s, Some(doc));
            let _ = infer_document_date(&[s.as_str()], &[]);
        }
    }

    #[test]
    fn day_arithmetic() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap_or_else(|| unreachable!());
        assert_eq!(add_days(d(2024, 3, 1), -1), Some(d(2024, 2, 29)));
        assert_eq!(add_days(d(2023, 12, 31), 1), Some(d(2024, 1, 1)));
        assert_eq!(add_days(d(2000, 2, 28), 1), Some(d(2000, 2, 29)));
        assert_eq!(add_days(d(1900, 2, 28), 1), Some(d(1900, 3, 1)));
        assert_eq!(add_days(d(1970, 1, 1), 0), Some(d(1970, 1, 1)));
        for n in [-800_000i64, -1, 0, 1, 59, 365, 10_000, 2_000_000] {
            let there = add_days(d(2000, 1, 1), n);
            if let Some(t) = there {
                assert_eq!(add_days(t, -n), Some(d(2000, 1, 1)), "{n}");
            }
        }
        assert_eq!(add_months(pd("2024-01-31"), 1), Some(pd("2024-02-29")));
        assert_eq!(add_months(pd("2024-01"), -1), Some(pd("2023-12")));
        assert_eq!(add_months(pd("2024-03"), 35), Some(pd("2027-02")));
        assert_eq!(add_months(pd("2024"), 24), Some(pd("2026")));
    }

    #[test]
    fn documents_without_a_date() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap_or_else(|| unreachable!());
        // A policy released "yesterday" dates the document the day after its release.
        let sentences = ["园区有新变化。", "昨天，管委会发布《人才十条》。"];
        assert_eq!(
            infer_document_date(&sentences, &[(1, d(2024, 2, 1))]),
            Some(DocumentDate {
                date: d(2024, 2, 2).into(),
                basis: DocumentBasis::Release
            })
        );
        // Two different release dates in the sentence: no answer from that rule.
        assert_eq!(
            infer_document_date(&sentences, &[(1, d(2024, 2, 1)), (1, d(2023, 2, 1))]),
            None
        );
        // A policy named in passing, not released, dates nothing.
        let passing = ["昨天，企业按照《人才十条》申报。"];
        assert_eq!(infer_document_date(&passing, &[(0, d(2024, 2, 1))]), None);
        // A lead that opens with a month and day takes the latest year the text states.
        let lead = [
            "on september 19, the office held a press conference.",
            "in 2023, the zone grew.",
            "at the 2024 services trade fair, the zone signed an agreement.",
            "by 2027, it will double.",
        ];
        assert_eq!(
            infer_document_date(&lead, &[]),
            Some(DocumentDate {
                date: d(2024, 9, 19).into(),
                basis: DocumentBasis::Lead
            })
        );
        // No year anywhere: no date.
        assert_eq!(infer_document_date(&lead[..1], &[]), None);
        // A month and day in the fourth sentence is no lead.
        let late = [
            "One.",
            "Two.",
            "Three.",
            "On May 2, it began.",
            "In 2022, it grew.",
        ];
        assert_eq!(infer_document_date(&late, &[]), None);
    }
}
