//! Policies over time: document numbers, issuers, and the dates on which a policy is published,
//! takes effect and expires — as a text states them and as the dictionary records them — and
//! whether a policy is in force on a given day.
//!
//! Published and effective are different dates: a measure is often issued in one month and takes
//! effect on the first of the next ("2024年2月20日印发 … 自2024年3月1日起施行"), and "自发布之日起
//! 施行" (effective on publication) makes them one.
//!
//! # Read from text ([`read_lifecycle`])
//!
//! - **Document number** (文号, [`DocumentNumber`]): an issuer's abbreviation, the year in
//!   brackets, the serial and 号 — `京开管发〔2024〕3号`, `京政办发[2023]12号`, `国发（2019）11号`,
//!   full-width forms included — or the Latin transcription `Jingzhengfa [2019] No. 22`.
//! - **Published**: a date joined to a release verb (`于2024年2月20日印发`, "issued on February
//!   20, 2024"), the sure date of a sentence that says the policy was released
//!   (`2024年2月20日，管委会印发…`), or, in a notice, a line that is nothing but a full date
//!   (the signature date under the issuer's name).
//! - **Effective**: a date followed by 施行/实施/执行/生效 (`自2024年3月1日起施行`); "takes effect
//!   on …", "comes into force on …", "effective from …"; and "自发布之日起施行" / "takes effect
//!   upon publication", which make it the published date.
//! - **Expires**: `有效期至…`, `有效期自…至…`, "valid until …", "expires on …"; or a period —
//!   `有效期3年`, `有效期为三年`, "valid for three years" — counted from the effective date (else
//!   the published date): three years from 2024-03-01 end on 2027-02-28, at the start's
//!   precision (from `2024-03` they end in `2027-02`, from `2024` in `2026`).
//!
//! # Issuers ([`issuances`])
//!
//! The organizations named right before a release verb (`印发`, `发布`, `出台`, `颁布`, `公布`,
//! `制定`; "issued", "released", "published", "unveiled", "promulgated") with nothing between
//! them and the verb but joiners (`、`, `和`, `与`, `及`, `联合`, `共同`, "and", "jointly"…) and
//! dates; or named right after "issued by", "released by", "published by".
//!
//! # In force ([`policy_active_on`])
//!
//! A policy is in force on a day when the day is on or after its start — the effective date,
//! else the published date — and on or before its expiry, and before its successor's start.
//! Partial dates are read as widely as they can mean: a start `2024-03` starts on 2024-03-01, an
//! expiry `2026` runs to 2026-12-31; a successor's start `2025-07` ends the old policy on
//! 2025-06-30. A date that is missing sets no bound: a policy with no start is in force on
//! every day up to its end, one with no end on every day from its start, and one with no date
//! at all on every day — the dictionary lists it because it is or was in force, and hiding it
//! would hide most curated policies. A successor with no date of its own ends nothing, for the
//! same reason.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::dictionary::{Dictionary, EntityIdx, EntityKind};
use crate::document::Mention;
use crate::text::when::{self, Precision, Relation, SentenceBasis, add_days, add_months};
use crate::text::{Date, PartialDate, fold, split_line};

/// A policy document's number (文号): the issuer's abbreviation, the year, the serial.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentNumber {
    /// The abbreviation: `京开管发`, or `Jingzhengfa` in a Latin transcription.
    pub prefix: String,
    /// The year in brackets.
    pub year: u16,
    /// The serial after the year.
    pub serial: u32,
}

impl DocumentNumber {
    /// Parses a string that is one document number and nothing else (surrounding white space
    /// aside), in any of the forms [`find_document_numbers`] finds.
    pub fn parse(s: &str) -> Option<DocumentNumber> {
        let s = s.trim();
        let found = find_document_numbers(s);
        match found.as_slice() {
            [(range, number)] if range.start == 0 && range.end == s.len() => Some(number.clone()),
            _ => None,
        }
    }
}

impl fmt::Display for DocumentNumber {
    /// The canonical form: `京开管发〔2024〕3号`, or `Jingzhengfa [2019] No. 22`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.prefix.is_ascii() {
            write!(f, "{} [{}] No. {}", self.prefix, self.year, self.serial)
        } else {
            write!(f, "{}〔{}〕{}号", self.prefix, self.year, self.serial)
        }
    }
}

/// Words that end the run of Han characters before a document number's brackets: what comes
/// before them is not part of the abbreviation ("管委会印发京开管发〔2024〕3号" → 京开管发).
const NUMBER_BOUNDARIES: &[&str] = &[
    "印发", "发布", "出台", "颁布", "公布", "根据", "依据", "按照", "参照", "文件", "通知", "的",
    "和", "及", "与", "是", "为", "这", "该", "此", "份", "见", "即", "号",
];

/// Every document number in `text`, with its byte range, in text order.
pub fn find_document_numbers(text: &str) -> Vec<(Range<usize>, DocumentNumber)> {
    static HAN: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?P<prefix>\p{Han}{1,24})\s*[〔\[(【]\s*(?P<year>[0-9]{4})\s*[〕\])】]\s*第?\s*(?P<serial>[0-9]{1,5})\s*号",
        )
    });
    static LATIN: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"\b(?P<prefix>[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+){0,2})\s*[\[(〔]\s*(?P<year>[0-9]{4})\s*[\])〕]\s*No\.?\s*(?P<serial>[0-9]{1,5})\b",
        )
    });
    let folded = fold(text);
    let t: &str = &folded.text;
    let mut out = Vec::new();
    for c in HAN.captures_iter(t) {
        let (Some(whole), Some(prefix), Some(year), Some(serial)) = (
            c.get(0),
            c.name("prefix"),
            c.name("year").and_then(|y| y.as_str().parse::<u16>().ok()),
            c.name("serial")
                .and_then(|s| s.as_str().parse::<u32>().ok()),
        ) else {
            continue;
        };
        // The abbreviation starts after the last boundary word of the run, and is at most
        // eight characters long (京经开管发 is five; a longer run is a sentence).
        let run = prefix.as_str();
        let cut = NUMBER_BOUNDARIES
            .iter()
            .filter_map(|w| run.rfind(w).map(|i| i + w.len()))
            .max()
            .unwrap_or(0);
        let mut abbreviation = &run[cut..];
        let chars = abbreviation.chars().count();
        if chars > 8 {
            let skip: usize = abbreviation
                .chars()
                .take(chars - 8)
                .map(char::len_utf8)
                .sum();
            abbreviation = &abbreviation[skip..];
        }
        if abbreviation.is_empty() || !(1949..=2099).contains(&year) {
            continue;
        }
        let start = prefix.start() + (run.len() - abbreviation.len());
        out.push((
            folded.to_original(start)..folded.to_original(whole.end()),
            DocumentNumber {
                prefix: abbreviation.to_owned(),
                year,
                serial,
            },
        ));
    }
    for c in LATIN.captures_iter(t) {
        let (Some(whole), Some(prefix), Some(year), Some(serial)) = (
            c.get(0),
            c.name("prefix"),
            c.name("year").and_then(|y| y.as_str().parse::<u16>().ok()),
            c.name("serial")
                .and_then(|s| s.as_str().parse::<u32>().ok()),
        ) else {
            continue;
        };
        if !(1949..=2099).contains(&year) {
            continue;
        }
        out.push((
            folded.to_original(whole.start())..folded.to_original(whole.end()),
            DocumentNumber {
                prefix: prefix.as_str().to_owned(),
                year,
                serial,
            },
        ));
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// What a text states about the life of one policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextLifecycle {
    /// The document numbers it names, in text order.
    pub numbers: Vec<DocumentNumber>,
    /// When the policy was published (issued).
    pub published: Option<PartialDate>,
    /// When it takes effect; "自发布之日起施行" gives the published date.
    pub effective: Option<PartialDate>,
    /// Whether the text says it takes effect on publication.
    pub effective_on_publication: bool,
    /// When it expires (its last day in force), stated or counted from a period.
    pub expires: Option<PartialDate>,
    /// The period it is valid for, in years, when the text states one.
    pub valid_years: Option<u32>,
}

/// Reads what `text` (a policy's own text, or a news report about it) states about a policy's
/// life; `document` is the text's own date, for relative dates ("今年3月1日起施行").
pub fn read_lifecycle(text: &str, document: Option<PartialDate>) -> TextLifecycle {
    let mut out = TextLifecycle::numbered(text);
    let mut signature: Option<PartialDate> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        // A line that is nothing but a full date: the date a notice is signed and issued.
        if let [only] = when::stated_dates(trimmed, document).as_slice()
            && only.start == 0
            && only.end == trimmed.len()
            && only.precision() == Precision::Day
            && !only.relative
        {
            signature = Some(only.date);
        }
        for range in split_line(line, offset) {
            read_sentence(&text[range], document, &mut out);
        }
        offset += line.len();
    }
    out.published = out.published.or(signature);
    out.settled()
}

/// What one sentence states about a policy's life: [`read_lifecycle`] without the rule of the
/// signature line (a sentence that is only a date says nothing about a policy).
pub fn read_sentence_lifecycle(sentence: &str, document: Option<PartialDate>) -> TextLifecycle {
    let mut out = TextLifecycle::numbered(sentence);
    read_sentence(sentence, document, &mut out);
    out.settled()
}

impl TextLifecycle {
    /// Nothing read yet but the document numbers of `text`.
    fn numbered(text: &str) -> TextLifecycle {
        TextLifecycle {
            numbers: find_document_numbers(text)
                .into_iter()
                .map(|(_, n)| n)
                .collect(),
            ..TextLifecycle::default()
        }
    }

    /// The dates that follow from the ones read: effective on publication, and the expiry a
    /// period of validity gives.
    fn settled(mut self) -> TextLifecycle {
        if self.effective_on_publication && self.effective.is_none() {
            self.effective = self.published;
        }
        if let (None, Some(years)) = (self.expires, self.valid_years)
            && let Some(start) = self.effective.or(self.published)
        {
            self.expires = after_years(start, years);
        }
        self
    }
}

/// A moment of a policy's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LifeEvent {
    /// Published (issued).
    Published,
    /// Takes effect.
    Effective,
    /// Its last day in force.
    Expires,
}

/// A date of a policy's life that a sentence of the corpus states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedDate {
    /// Which moment.
    pub event: LifeEvent,
    /// The date.
    pub date: PartialDate,
    /// The sentence that states it.
    pub evidence: crate::graph::Evidence,
}

/// What the corpus states about one policy's life, and the lifecycle with the dictionary's gaps
/// filled from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatedLifecycle {
    /// The dictionary's dates, the gaps filled from the earliest document that states them.
    pub lifecycle: Lifecycle,
    /// Every date the documents state, oldest document first (undated last), then in sentence
    /// order.
    pub stated: Vec<StatedDate>,
    /// The document numbers (文号) those sentences give, without repeats, in the order found.
    pub numbers: Vec<DocumentNumber>,
}

/// Words by which a policy's own text or a report on it names the policy without its title
/// ("本措施自2024年3月1日起施行", "the measures take effect on …").
static THIS_POLICY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:本|该|此|上述)(?:措施|办法|方案|意见|细则|规定|计划|政策|通知|规划|条例)|\b(?:these|the|this)\s+(?:measures|policy|policies|rules|regulations|plan|guidelines|provisions)\b",
    )
});

impl crate::graph::KnowledgeGraph {
    /// The dates of a policy's life that the documents state, and its lifecycle with them.
    ///
    /// A sentence speaks of the policy when it names the policy and no other policy; in a
    /// document that names no other policy, also when it names "the measures" (本措施, 该办法,
    /// "these measures" …) without a title. The dictionary is curated and wins where it has a
    /// date; a gap is filled from the earliest dated document that states it.
    ///
    /// A successor's start, when the dictionary dates neither its effective nor its published
    /// day, is the one its own documents state.
    pub fn stated_lifecycle(&self, policy: EntityIdx) -> StatedLifecycle {
        self.lifecycles().get(&policy).cloned().unwrap_or_default()
    }

    /// A policy's lifecycle as [`KnowledgeGraph::stated_lifecycle`] gives it.
    pub fn lifecycle_of(&self, policy: EntityIdx) -> Lifecycle {
        self.lifecycles()
            .get(&policy)
            .map(|s| s.lifecycle)
            .unwrap_or_default()
    }

    /// Every policy's, built on the first call (the graph never changes, so it stays right).
    fn lifecycles(&self) -> &std::collections::HashMap<EntityIdx, StatedLifecycle> {
        self.lifecycles.get_or_init(|| self.all_lifecycles())
    }

    fn all_lifecycles(&self) -> std::collections::HashMap<EntityIdx, StatedLifecycle> {
        let dict = self.dictionary();
        let mut all: std::collections::HashMap<EntityIdx, StatedLifecycle> = dict
            .iter()
            .filter(|(_, e)| e.kind == EntityKind::Policy)
            .map(|(i, e)| {
                let mut stated = self.stated_dates(i);
                let own = Lifecycle {
                    published: e.published,
                    effective: e.effective,
                    expires: e.expires,
                    ..Lifecycle::default()
                };
                stated.lifecycle = own.filled_from(&stated.text());
                (i, stated)
            })
            .collect();
        // Each superseded policy's successor: the earliest dated one, an undated one only when
        // none is dated (as `Lifecycle::of` picks).
        let mut successors: Vec<(EntityIdx, EntityIdx, Option<PartialDate>)> = dict
            .iter()
            .filter_map(|(i, e)| {
                let old = e.supersedes?;
                Some((old, i, all.get(&i).and_then(|s| s.lifecycle.start())))
            })
            .collect();
        successors.sort_by_key(|&(old, new, start)| {
            (old, start.is_none(), start.map(PartialDate::first_day), new)
        });
        successors.dedup_by_key(|s| s.0);
        for (old, new, start) in successors {
            if let Some(s) = all.get_mut(&old) {
                s.lifecycle.successor = Some(new);
                s.lifecycle.superseded = start;
            }
        }
        all
    }

    fn stated_dates(&self, policy: EntityIdx) -> StatedLifecycle {
        use crate::graph::Evidence;
        let mut out = StatedLifecycle::default();
        let is_policy = |e: EntityIdx| self.entity(e).kind == EntityKind::Policy;
        for doc_idx in self.documents_of(policy) {
            let doc = self.document(doc_idx);
            let date = self.document_date(doc_idx);
            // The policies each sentence names, from one pass over the mentions.
            let mut named: Vec<(u32, EntityIdx)> = doc
                .mentions
                .iter()
                .filter(|m| is_policy(m.entity))
                .map(|m| (m.sentence, m.entity))
                .collect();
            named.dedup();
            let only_policy = named.iter().all(|&(_, e)| e == policy);
            for (i, sentence) in doc.sentences.iter().enumerate() {
                let i = i as u32;
                let lo = named.partition_point(|&(s, _)| s < i);
                let here = &named[lo..named.partition_point(|&(s, _)| s <= i)];
                let text = doc.text.get(sentence.start..sentence.end).unwrap_or("");
                let speaks = if here.is_empty() {
                    only_policy && THIS_POLICY.is_match(text)
                } else {
                    here.iter().all(|&(_, e)| e == policy)
                };
                if !speaks {
                    continue;
                }
                let read = read_sentence_lifecycle(text, date);
                let evidence = Evidence {
                    document: doc_idx,
                    sentence: i,
                };
                for (event, found) in [
                    (LifeEvent::Published, read.published),
                    (LifeEvent::Effective, read.effective),
                    (LifeEvent::Expires, read.expires),
                ] {
                    if let Some(date) = found {
                        out.stated.push(StatedDate {
                            event,
                            date,
                            evidence,
                        });
                    }
                }
                for n in read.numbers {
                    if !out.numbers.contains(&n) {
                        out.numbers.push(n);
                    }
                }
            }
        }
        out.stated.sort_by_key(|s| {
            let d = self.document_date(s.evidence.document);
            (d.is_none(), d.map(PartialDate::first_day), s.evidence)
        });
        out
    }
}

impl StatedLifecycle {
    /// The dates stated, each from the earliest dated document that states it (undated
    /// documents last).
    fn text(&self) -> TextLifecycle {
        let earliest = |event: LifeEvent| {
            self.stated
                .iter()
                .find(|s| s.event == event)
                .map(|s| s.date)
        };
        TextLifecycle {
            published: earliest(LifeEvent::Published),
            effective: earliest(LifeEvent::Effective),
            expires: earliest(LifeEvent::Expires),
            ..TextLifecycle::default()
        }
    }
}

/// The last day of a period of `years` years that starts at `start`, at `start`'s precision.
fn after_years(start: PartialDate, years: u32) -> Option<PartialDate> {
    let months = i32::try_from(years).ok()?.checked_mul(12)?;
    match when::precision(start) {
        Precision::Year => Some(PartialDate {
            year: start
                .year
                .checked_add(u16::try_from(years).ok()?)?
                .checked_sub(1)?,
            ..start
        }),
        Precision::Month => add_months(start, months - 1),
        Precision::Day => {
            let later = add_months(start, months)?;
            // 29 February plus a year is 1 March of a common year, less a day: 28 February.
            let later = if later.day != start.day {
                add_days(later.first_day(), 1)?
            } else {
                later.first_day()
            };
            add_days(later, -1).map(PartialDate::from)
        }
    }
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("{e}"))
}

/// The release verbs, Chinese and English.
static RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)印发|发布|出台|颁布|公布|\b(?:issued|released|published|unveiled|promulgated)\b")
});

fn read_sentence(sentence: &str, document: Option<PartialDate>, out: &mut TextLifecycle) {
    static EFFECT_ZH: LazyLock<Regex> =
        LazyLock::new(|| regex(r"^\s*(?:起)?\s*(?:正式)?\s*(?:施行|实施|执行|生效)"));
    static ON_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)自(?:发布|印发|公布|颁布|发文|下发)之日起(?:正式)?(?:施行|实施|执行|生效)|(?:takes?|took|taking)\s+effect\s+(?:up)?on\s+(?:the\s+date\s+of\s+)?(?:its\s+)?(?:publication|issuance|release|promulgation)|effective\s+(?:up)?on\s+(?:the\s+date\s+of\s+)?(?:its\s+)?(?:publication|issuance|release)|(?:take|takes|took)\s+effect\s+from\s+the\s+date\s+of\s+(?:its\s+)?(?:publication|issuance|release)",
        )
    });
    static EFFECT_EN: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)\b(?:(?:takes?|took|taking)\s+effect|comes?\s+into\s+(?:force|effect)|came\s+into\s+(?:force|effect)|goes\s+into\s+effect|go\s+into\s+effect|went\s+into\s+effect|enters?\s+into\s+force|entered\s+into\s+force|effective)\b",
        )
    });
    static EXPIRE_EN: LazyLock<Regex> = LazyLock::new(|| {
        regex(r"(?i)\b(?:valid|expires?|expired|expiring|remains?\s+in\s+force|in\s+force)\b")
    });
    static VALID_YEARS: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)有效期(?:为|是)?\s*(?P<zh>[0-9]+|[一二两三四五六七八九十]+)\s*年|\bvalid\s+for\s+(?:a\s+period\s+of\s+)?(?P<en>[0-9]+|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?\b",
        )
    });
    static RELEASE_ON: LazyLock<Regex> = LazyLock::new(|| {
        regex(r"(?i)\b(?:issued|released|published|unveiled|promulgated)\s+on\s*$")
    });

    let dates = when::stated_dates(sentence, document);
    let mut used: Vec<usize> = Vec::new();

    if ON_PUBLICATION.is_match(sentence) {
        out.effective_on_publication = true;
    }
    // Effective: a date followed by 施行 (Chinese), or after "takes effect" and the like.
    for (i, d) in dates.iter().enumerate() {
        let after = &sentence[d.end..];
        let zh = EFFECT_ZH.find(after).is_some_and(|m| {
            let rest = &after[m.end()..];
            // "2024年实施意见" is the name of a kind of policy, not a start.
            !["意见", "方案", "细则", "办法", "计划"]
                .iter()
                .any(|w| rest.starts_with(w))
        });
        let before = &sentence[..d.start];
        let en = EFFECT_EN.find_iter(before).last().is_some_and(|m| {
            let gap = before[m.end()..].trim().to_ascii_lowercase();
            [
                "",
                "on",
                "from",
                "as of",
                "as from",
                "starting",
                "starting from",
                "beginning",
            ]
            .contains(&gap.as_str())
        });
        if (zh || en) && out.effective.is_none() {
            out.effective = Some(d.date);
            used.push(i);
        }
    }
    // Expires: 有效期至 X, 有效期自 X 至 Y, "valid until X".
    if let Some(at) = sentence.find("有效期") {
        let after_at = at + "有效期".len();
        let following: Vec<(usize, &when::StatedDate)> = dates
            .iter()
            .enumerate()
            .filter(|(_, d)| d.start >= after_at)
            .collect();
        match following.as_slice() {
            [(i, from), (j, to), ..] if sentence[from.end..to.start].contains(['至', '到']) => {
                if out.effective.is_none() {
                    out.effective = Some(from.date);
                }
                out.expires = Some(to.date);
                used.extend([*i, *j]);
            }
            [(i, until), ..]
                if sentence[after_at..until.start]
                    .trim()
                    .trim_start_matches(['为', '是'])
                    .trim()
                    .is_empty()
                    || sentence[after_at..until.end].contains(['至', '到']) =>
            {
                out.expires = Some(until.date);
                used.push(*i);
            }
            _ => {}
        }
    }
    // The date's own span holds "until" or "on"; "through" and "till" are not date prefixes.
    for m in EXPIRE_EN.find_iter(sentence) {
        if let Some((i, d)) = dates.iter().enumerate().find(|(_, d)| {
            d.start >= m.end()
                && ["", "until", "till", "through", "on"].contains(
                    &sentence[m.end()..d.start]
                        .trim()
                        .to_ascii_lowercase()
                        .as_str(),
                )
                && matches!(
                    d.relation,
                    Relation::Until | Relation::In | Relation::RangeEnd
                )
        }) {
            out.expires = Some(d.date);
            used.push(i);
        }
    }
    if let Some(c) = VALID_YEARS.captures(sentence) {
        out.valid_years = c
            .name("zh")
            .or(c.name("en"))
            .and_then(|m| small_number(m.as_str()));
    }
    // Published: a date joined to a release verb, or the sure date of a sentence that says the
    // policy was released.
    if out.published.is_none() && RELEASE.is_match(sentence) {
        let joined = dates.iter().enumerate().find(|(i, d)| {
            if used.contains(i) {
                return false;
            }
            let after = sentence[d.end..].trim_start();
            let zh = ["印发", "发布", "出台", "颁布", "公布"]
                .iter()
                .any(|v| after.starts_with(v));
            zh || RELEASE_ON.is_match(&sentence[..d.start])
        });
        let published = joined.map(|(_, d)| d.date).or_else(|| {
            when::sentence_date(sentence, document).and_then(|s| match s.basis {
                SentenceBasis::Stated {
                    relation: Relation::In,
                    ..
                } if !dates
                    .iter()
                    .enumerate()
                    .any(|(i, d)| used.contains(&i) && d.date == s.date) =>
                {
                    Some(s.date)
                }
                _ => None,
            })
        });
        out.published = published;
    }
}

/// `3`, `三`, `十`, `two`… up to 99.
fn small_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    const EN: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    if let Some(i) = EN.iter().position(|w| w.eq_ignore_ascii_case(s)) {
        return Some(i as u32 + 1);
    }
    let digit = |c: char| {
        "一二三四五六七八九"
            .find(c)
            .map(|i| i as u32 / 3 + 1)
            .or((c == '两').then_some(2))
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// One release a sentence reports: who issued what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuance {
    /// The issuing organizations, in text order.
    pub issuers: Vec<EntityIdx>,
    /// The policies the sentence names on the released side of the verb.
    pub policies: Vec<EntityIdx>,
    /// Byte range of the verb in the document's text.
    pub verb: Range<usize>,
}

/// The releases sentence `sentence` of `text` reports, from its mentions (those of that
/// sentence, in text order, with offsets into `text`); see the module documentation.
pub fn issuances(
    text: &str,
    sentence: Range<usize>,
    mentions: &[Mention],
    dictionary: &Dictionary,
) -> Vec<Issuance> {
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)印发|发布|出台|颁布|公布|制定|\b(?P<en>issued|released|published|unveiled|promulgated)\b(?P<by>\s+by\b)?",
        )
    });
    let Some(s) = text.get(sentence.clone()) else {
        return Vec::new();
    };
    let org = |m: &Mention| dictionary.kind(m.entity).is_organization_like();
    let policy = |m: &Mention| dictionary.kind(m.entity) == EntityKind::Policy;
    let mut out = Vec::new();
    for c in VERB.captures_iter(s) {
        let Some(v) = c.get(0) else { continue };
        let verb = sentence.start + v.start()..sentence.start + v.end();
        let passive = c.name("by").is_some();
        let mut issuers = Vec::new();
        if passive {
            // "issued by the X and the Y": the chain of organizations after "by".
            let mut at = verb.end;
            for m in mentions.iter().filter(|m| m.start >= verb.end) {
                if !org(m) || !is_filler(&text[at..m.start]) {
                    break;
                }
                issuers.push(m.entity);
                at = m.end;
            }
        } else {
            // The chain of organizations that ends right before the verb.
            let mut at = verb.start;
            for m in mentions.iter().rev().filter(|m| m.end <= verb.start) {
                if !org(m) || !is_filler(&text[m.end..at]) {
                    break;
                }
                issuers.push(m.entity);
                at = m.start;
            }
            issuers.reverse();
        }
        if issuers.is_empty() {
            continue;
        }
        let policies = mentions
            .iter()
            .filter(|m| policy(m))
            .filter(|m| {
                if passive {
                    m.end <= verb.start
                } else {
                    m.start >= verb.end
                }
            })
            .map(|m| m.entity)
            .collect();
        out.push(Issuance {
            issuers,
            policies,
            verb,
        });
    }
    out
}

/// Whether the text between two organizations of a chain, or between the last and the verb,
/// holds only joiners and dates.
fn is_filler(gap: &str) -> bool {
    const FILLERS: &[&str] = &[
        "联合",
        "共同",
        "正式",
        "近日",
        "日前",
        "已经",
        "已",
        "将",
        "于",
        "和",
        "与",
        "及",
        "、",
        ",",
        "，",
        "jointly",
        "recently",
        "officially",
        "formally",
        "has",
        "have",
        "had",
        "and",
        "the",
        "on",
        "also",
    ];
    let mut rest = gap.to_owned();
    // Dates ("于2024年2月20日", "on February 20, 2024") are allowed between issuer and verb.
    for d in when::stated_dates(gap, None).iter().rev() {
        rest.replace_range(d.start..d.end, " ");
    }
    let mut rest = rest.trim();
    loop {
        let before = rest.len();
        for f in FILLERS {
            // An English word must end where the text does or at a non-letter ("and", not
            // "android").
            if let Some(r) = rest.strip_prefix(f)
                && (!f.bytes().all(|b| b.is_ascii_alphabetic())
                    || r.is_empty()
                    || r.starts_with(|c: char| !c.is_ascii_alphanumeric()))
            {
                rest = r.trim_start();
            }
        }
        if rest.len() == before {
            break;
        }
    }
    rest.is_empty()
}

/// A policy's life: when it was published, took effect and expires, and when a successor took
/// over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Lifecycle {
    /// When it was published.
    pub published: Option<PartialDate>,
    /// When it takes effect.
    pub effective: Option<PartialDate>,
    /// Its last day in force.
    pub expires: Option<PartialDate>,
    /// The start of the policy that supersedes it (the earliest, if several do).
    pub superseded: Option<PartialDate>,
    /// That policy.
    pub successor: Option<EntityIdx>,
}

impl Lifecycle {
    /// The lifecycle the dictionary records for `policy`: its own dates, and the start
    /// (effective, else published) of the policies whose `supersedes` names it.
    pub fn of(dictionary: &Dictionary, policy: EntityIdx) -> Lifecycle {
        let e = dictionary.entity(policy);
        // The earliest dated successor; an undated one only when none is dated.
        let successor = dictionary
            .iter()
            .filter(|(_, s)| s.supersedes == Some(policy))
            .map(|(i, s)| (i, s.effective.or(s.published)))
            .min_by_key(|&(_, start)| (start.is_none(), start.map(PartialDate::first_day)));
        Lifecycle {
            published: e.published,
            effective: e.effective,
            expires: e.expires,
            superseded: successor.and_then(|(_, start)| start),
            successor: successor.map(|(i, _)| i),
        }
    }

    /// This lifecycle with the gaps filled from what a text states: the dictionary is curated
    /// and wins where it has a date.
    pub fn filled_from(self, text: &TextLifecycle) -> Lifecycle {
        Lifecycle {
            published: self.published.or(text.published),
            effective: self.effective.or(text.effective),
            expires: self.expires.or(text.expires),
            ..self
        }
    }

    /// When the policy starts to be in force: its effective date, else its published date.
    pub fn start(&self) -> Option<PartialDate> {
        self.effective.or(self.published)
    }
}

/// Whether a policy with this lifecycle is in force on `day` (the rules, missing dates
/// included, are in the module documentation).
pub fn policy_active_on(lifecycle: &Lifecycle, day: Date) -> bool {
    let started = lifecycle.start().is_none_or(|s| s.first_day() <= day);
    let not_expired = lifecycle.expires.is_none_or(|e| day <= e.last_day());
    let not_replaced = lifecycle.superseded.is_none_or(|s| day < s.first_day());
    started && not_expired && not_replaced
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pd(s: &str) -> PartialDate {
        PartialDate::parse_iso(s).unwrap_or_else(|| panic!("bad test date {s}"))
    }

    fn day(s: &str) -> Date {
        Date::parse_iso(s).unwrap_or_else(|| panic!("bad test day {s}"))
    }

    #[test]
    fn document_numbers_in_every_bracket() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "京开管发〔2024〕3号",
                &[("京开管发〔2024〕3号", "京开管发〔2024〕3号")],
            ),
            (
                "依据京政办发[2023]12号文件执行。",
                &[("京政办发[2023]12号", "京政办发〔2023〕12号")],
            ),
            (
                "国发（2019）11号提出创新提升。",
                &[("国发（2019）11号", "国发〔2019〕11号")],
            ),
            (
                "管委会印发京经开管发［２０２０］４８号。",
                &[("京经开管发［２０２０］４８号", "京经开管发〔2020〕48号")],
            ),
            (
                "《办法》(京政发〔2019〕22号)与京开管发〔2024〕第3号",
                &[
                    ("京政发〔2019〕22号", "京政发〔2019〕22号"),
                    ("京开管发〔2024〕第3号", "京开管发〔2024〕3号"),
                ],
            ),
            (
                "The notice (Jingzhengfa [2019] No. 22) applies.",
                &[("Jingzhengfa [2019] No. 22", "Jingzhengfa [2019] No. 22")],
            ),
            // Not numbers: no 号, a year out of range, a bracketed year alone.
            ("计划〔2024〕3项", &[]),
            ("京开管发〔1024〕3号", &[]),
            ("高质量发展行动计划(2020年-2022年)", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<(&str, String)> = find_document_numbers(text)
                .into_iter()
                .map(|(r, n)| (&text[r], n.to_string()))
                .collect();
            let want: Vec<(&str, String)> = want.iter().map(|&(s, n)| (s, n.to_owned())).collect();
            assert_eq!(got, want, "{text}");
        }
        assert_eq!(
            DocumentNumber::parse(" 京开管发〔2024〕3号 ").map(|n| (n.prefix, n.year, n.serial)),
            Some(("京开管发".to_owned(), 2024, 3))
        );
        assert_eq!(DocumentNumber::parse("京开管发〔2024〕3号及其他"), None);
        assert_eq!(DocumentNumber::parse("No. 3"), None);
    }

    #[test]
    fn chinese_policy_text_gives_published_effective_and_expiry() {
        let notice = "北京经济技术开发区管理委员会关于印发《园区企业扶持办法》的通知\n京开管发〔2024〕3号\n各有关单位：现将《园区企业扶持办法》印发给你们，请认真贯彻执行。\n本办法自2024年3月1日起施行，有效期3年。\n北京经济技术开发区管理委员会\n2024年2月20日\n";
        let got = read_lifecycle(notice, None);
        assert_eq!(
            got.numbers
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["京开管发〔2024〕3号"]
        );
        assert_eq!(got.published, Some(pd("2024-02-20")));
        assert_eq!(got.effective, Some(pd("2024-03-01")));
        assert_eq!(got.valid_years, Some(3));
        assert_eq!(got.expires, Some(pd("2027-02-28")));

        let news =
            "2023年12月8日，管委会印发《人才服务十条》，自发布之日起施行，有效期至2025年12月31日。";
        let got = read_lifecycle(news, None);
        assert_eq!(got.published, Some(pd("2023-12-08")));
        assert!(got.effective_on_publication);
        assert_eq!(got.effective, Some(pd("2023-12-08")));
        assert_eq!(got.expires, Some(pd("2025-12-31")));

        let span = "该政策于2022年6月发布，有效期自2022年7月1日至2024年6月30日。";
        let got = read_lifecycle(span, None);
        assert_eq!(got.published, Some(pd("2022-06")));
        assert_eq!(got.effective, Some(pd("2022-07-01")));
        assert_eq!(got.expires, Some(pd("2024-06-30")));

        let years = "措施自2024年3月起实施，有效期为两年。";
        let got = read_lifecycle(years, None);
        assert_eq!(got.published, None);
        assert_eq!(got.effective, Some(pd("2024-03")));
        assert_eq!(got.expires, Some(pd("2026-02")));
    }

    #[test]
    fn english_policy_text_gives_published_effective_and_expiry() {
        let text = "The measures were issued on February 20, 2024 by the management committee. They take effect on March 1, 2024 and are valid until December 31, 2026.";
        let got = read_lifecycle(text, None);
        assert_eq!(got.published, Some(pd("2024-02-20")));
        assert_eq!(got.effective, Some(pd("2024-03-01")));
        assert_eq!(got.expires, Some(pd("2026-12-31")));

        let text = "On May 26, 2020, the zone released its three-year action plan, which takes effect upon publication and is valid for three years.";
        let got = read_lifecycle(text, None);
        assert_eq!(got.published, Some(pd("2020-05-26")));
        assert_eq!(got.effective, Some(pd("2020-05-26")));
        assert_eq!(got.expires, Some(pd("2023-05-25")));

        let text = "The rules, effective from July 1, 2023, expire on June 30, 2025.";
        let got = read_lifecycle(text, None);
        assert_eq!(got.published, None);
        assert_eq!(got.effective, Some(pd("2023-07-01")));
        assert_eq!(got.expires, Some(pd("2025-06-30")));
    }

    #[test]
    fn a_leap_day_plus_a_year_ends_on_28_february() {
        assert_eq!(after_years(pd("2024-02-29"), 1), Some(pd("2025-02-28")));
        assert_eq!(after_years(pd("2024-03-01"), 1), Some(pd("2025-02-28")));
        assert_eq!(after_years(pd("2024"), 5), Some(pd("2028")));
        assert_eq!(small_number("十二"), Some(12));
        assert_eq!(small_number("二十"), Some(20));
        assert_eq!(small_number("两"), Some(2));
        assert_eq!(small_number("Five"), Some(5));
    }

    /// Issuer ids and policy ids of one release.
    type Issued = (Vec<String>, Vec<String>);

    fn issued(text: &str) -> Vec<Issued> {
        use crate::{DocumentInput, Extractor};
        use std::path::PathBuf;
        let orgs = "[[entity]]\nid = \"mc\"\nname = \"BDA Management Committee\"\nname_zh = \"北京经济技术开发区管理委员会\"\naliases = [\"管委会\"]\n\n[[entity]]\nid = \"wc\"\nname = \"BDA Working Committee\"\nname_zh = \"经开区工委\"\n";
        let people = "[[entity]]\nid = \"kong-lei\"\nname = \"Kong Lei\"\nname_zh = \"孔磊\"\n";
        let policies = "[[entity]]\nid = \"measures\"\nname = \"Support Measures\"\nname_zh = \"园区企业扶持办法\"\n";
        let dictionary = Dictionary::from_sources(&[
            (
                PathBuf::from("organizations.toml"),
                EntityKind::Organization,
                orgs,
            ),
            (PathBuf::from("people.toml"), EntityKind::Person, people),
            (PathBuf::from("policies.toml"), EntityKind::Policy, policies),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let extractor = Extractor::new(dictionary);
        let doc = extractor.extract(DocumentInput {
            id: "t".into(),
            text: text.into(),
            ..Default::default()
        });
        let d = extractor.dictionary();
        let ids = |v: &[EntityIdx]| {
            v.iter()
                .map(|&e| d.entity(e).id.clone())
                .collect::<Vec<_>>()
        };
        doc.sentences
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                let here: Vec<Mention> = doc
                    .mentions
                    .iter()
                    .filter(|m| m.sentence as usize == i)
                    .copied()
                    .collect();
                issuances(&doc.text, s.start..s.end, &here, d)
            })
            .map(|i| (ids(&i.issuers), ids(&i.policies)))
            .collect()
    }

    #[test]
    fn issuers_are_the_organizations_before_the_verb_or_after_by() {
        let own = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let cases: &[(&str, Vec<Issued>)] = &[
            (
                "北京经济技术开发区管理委员会、经开区工委联合印发《园区企业扶持办法》。",
                vec![(own(&["mc", "wc"]), own(&["measures"]))],
            ),
            (
                "管委会于2024年2月20日印发《园区企业扶持办法》。",
                vec![(own(&["mc"]), own(&["measures"]))],
            ),
            (
                "The Support Measures were issued by the BDA Management Committee on Monday.",
                vec![(own(&["mc"]), own(&["measures"]))],
            ),
            (
                "The BDA Management Committee on February 20, 2024 issued the Support Measures.",
                vec![(own(&["mc"]), own(&["measures"]))],
            ),
            // A person between the organization and the verb: the person spoke, the body did not
            // issue anything.
            ("管委会主任孔磊发布了园区企业扶持办法的解读。", vec![]),
            // No release verb.
            ("企业按照管委会的要求申报园区企业扶持办法。", vec![]),
            // Words between the organization and the verb that are not joiners.
            ("经开区工委召开会议，研究印发园区企业扶持办法。", vec![]),
        ];
        for (text, want) in cases {
            assert_eq!(&issued(text), want, "{text}");
        }
    }

    proptest::proptest! {
        /// Any text: no panic, and document numbers slice the text they came from.
        #[test]
        fn any_text_reads_without_panic(s in "[京开管发政办〔〕\\[\\]()（）0-9号第年月日起施行有效期至为三 \n]{0,40}|\\PC{0,60}") {
            for (range, _) in find_document_numbers(&s) {
                proptest::prop_assert!(s.get(range).is_some());
            }
            let _ = read_lifecycle(&s, None);
        }
    }

    #[test]
    fn in_force_with_and_without_dates() {
        let life = Lifecycle {
            published: Some(pd("2024-02-20")),
            effective: Some(pd("2024-03-01")),
            expires: Some(pd("2027-02-28")),
            superseded: None,
            successor: None,
        };
        // Published is not in force: effect starts on the first of March.
        assert!(!policy_active_on(&life, day("2024-02-25")));
        assert!(policy_active_on(&life, day("2024-03-01")));
        assert!(policy_active_on(&life, day("2027-02-28")));
        assert!(!policy_active_on(&life, day("2027-03-01")));
        // A successor that starts in July 2025 ends it on 30 June 2025.
        let replaced = Lifecycle {
            superseded: Some(pd("2025-07")),
            ..life
        };
        assert!(policy_active_on(&replaced, day("2025-06-30")));
        assert!(!policy_active_on(&replaced, day("2025-07-01")));
        // Only a published date: in force from it.
        let published = Lifecycle {
            published: Some(pd("2021")),
            ..Lifecycle::default()
        };
        assert!(!policy_active_on(&published, day("2020-12-31")));
        assert!(policy_active_on(&published, day("2021-01-01")));
        assert!(policy_active_on(&published, day("2099-01-01")));
        // No date at all: in force on every day.
        assert!(policy_active_on(&Lifecycle::default(), day("1990-01-01")));
        // Only an expiry: in force on every day up to it.
        let expiring = Lifecycle {
            expires: Some(pd("2022-06")),
            ..Lifecycle::default()
        };
        assert!(policy_active_on(&expiring, day("2022-06-30")));
        assert!(!policy_active_on(&expiring, day("2022-07-01")));
    }
}
