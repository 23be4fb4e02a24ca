//! English names: capitalized sequences, their endings, acronyms, title appositives and events.
//!
//! A *run* is a sequence of capitalized words, with "of", "and", "for", "the", "in", "&" allowed
//! between two of them and "Co., Ltd." allowed at the end. Runs are built only from capital
//! letters outside mentions, so text the dictionaries cover costs nothing. A run's kind comes,
//! in this order, from
//!
//! - an event word with a year ("2025 World Humanoid Robot Games", "CIFTIS 2025"): event;
//! - the head before "of" ("Ministry of …", "Implementation Plan of …") or the ending ("Co., Ltd.",
//!   "Group" and "Technology" are companies; "Committee", "Bureau", "University" organizations;
//!   "Park", "Zone" parks; "District", "Road" places; "Plan", "Measures", "Initiative" policies);
//! - a title beside it: "Liu Wei, chairman of …" and "chairman Gu Jie" are people, "Fourier
//!   Intelligence chairman Gu Jie" and "vice president of Pony.ai" name a company (a corporate
//!   title) or an organization;
//! - a romanized Chinese name (a surname and one or two syllables: "Yu Jinxing"): a person;
//! - capitals alone (an acronym): an organization, weakly.
//!
//! A run with none of these is no candidate. The first word of a sentence is capitalized anyway:
//! a one-word run there is dropped, and function words, months and days never start a name.
//!
//! In a text written all in lowercase there are no capitals to go by: only the suffix signal (a
//! name that ends in "committee", "hospital", "chamber of commerce" …, its left edge at an article,
//! a preposition or punctuation) and the appositive signal ("kong lei, deputy secretary of …",
//! "edited by bai shuang", with a romanized Chinese name) fire there.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::surnames::{is_pinyin_given_name, is_pinyin_surname};
use super::{Doc, Raw, Signal, Taken};
use crate::dictionary::EntityKind;
use crate::relations::starts_with_title_word;

/// Endings that make a company.
const COMPANY_ENDINGS: &[&str] = &[
    "co., ltd.",
    "co., ltd",
    "co. ltd.",
    "co.,ltd.",
    "ltd.",
    "ltd",
    "limited",
    "inc.",
    "inc",
    "corp.",
    "corporation",
    "company",
    "group",
    "holdings",
    "technology",
    "technologies",
    "tech",
    "pharmaceutical",
    "pharmaceuticals",
    "pharma",
    "biosciences",
    "bioscience",
    "biotech",
    "biotechnology",
    "healthcare",
    "robotics",
    "motor",
    "motors",
    "automotive",
    "auto",
    "electric",
    "electronics",
    "semiconductor",
    "semiconductors",
    "bank",
    "capital",
    "securities",
    "software",
    "systems",
    "steel",
    "airlines",
    "logistics",
    "display",
    "ai",
    "intelligent",
    "medical",
    "gene",
    "power",
    "chemical",
    "chemicals",
];

/// Endings that make an organization.
const ORG_ENDINGS: &[&str] = &[
    "committee",
    "commission",
    "council",
    "bureau",
    "ministry",
    "department",
    "office",
    "administration",
    "agency",
    "authority",
    "institute",
    "institution",
    "university",
    "college",
    "academy",
    "school",
    "hospital",
    "association",
    "alliance",
    "federation",
    "society",
    "foundation",
    "chamber of commerce",
    "center",
    "centre",
    "laboratory",
    "lab",
    "daily",
    "news",
    "times",
    "post",
    "press",
    "club",
    "exchange",
    "court",
    "government",
    "museum",
    "library",
    "party",
    "network",
    "observatory",
    "procuratorate",
    "congress",
];

/// Endings that make a park.
const PARK_ENDINGS: &[&str] = &[
    "park",
    "zone",
    "area",
    "base",
    "town",
    "new city",
    "street",
    "valley",
    "hub",
    "campus",
    "community",
    "port",
    "cluster area",
];

/// Endings that make a place.
const PLACE_ENDINGS: &[&str] = &[
    "district", "province", "county", "road", "avenue", "lake", "river", "mountain", "village",
    "township", "city",
];

/// Endings that make a policy.
const POLICY_ENDINGS: &[&str] = &[
    "plan",
    "measures",
    "policy",
    "policies",
    "opinions",
    "programme",
    "program",
    "strategy",
    "initiative",
    "list",
    "regulations",
    "rules",
    "guidelines",
    "procedure",
    "project",
    "award",
    "awards",
    "report",
    "law",
    "agreement",
    "scheme",
    "standards",
    "action plan",
];

/// Words that end an event's name.
const EVENT_WORDS: &[&str] = &[
    "conference",
    "forum",
    "expo",
    "summit",
    "games",
    "marathon",
    "fair",
    "exhibition",
    "festival",
    "week",
    "championship",
    "championships",
    "olympiad",
    "contest",
    "competition",
    "challenge",
    "symposium",
    "convention",
    "carnival",
    "cup",
];

/// Descriptive words: a run made of these and an ending alone describes and does not name.
const GENERIC: &[&str] = &[
    "industrial",
    "industry",
    "innovation",
    "international",
    "national",
    "investment",
    "promotion",
    "development",
    "science",
    "technology",
    "scientific",
    "free",
    "trade",
    "half",
    "partner",
    "policy",
    "pilot",
    "service",
    "services",
    "new",
    "high",
    "tech",
    "high-tech",
    "economic",
    "municipal",
    "demonstration",
    "research",
    "global",
    "world",
    "first",
    "annual",
    "intelligent",
    "digital",
    "smart",
    "future",
    "advanced",
    "key",
    "joint",
    "medical",
    "information",
    "robot",
    "robotics",
    "humanoid",
    "automotive",
    "vehicle",
    "vehicles",
    "energy",
    "manufacturing",
    "modern",
    "green",
    "public",
    "local",
    "regional",
    "central",
    "incentive",
];

/// Words that never start a name: function words, pronouns, months and days. Stripped from
/// the front of a run.
const NEVER_FIRST: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "as",
    "by",
    "to",
    "of",
    "and",
    "but",
    "or",
    "it",
    "its",
    "we",
    "our",
    "he",
    "his",
    "she",
    "her",
    "they",
    "their",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "what",
    "when",
    "where",
    "which",
    "who",
    "how",
    "why",
    "if",
    "after",
    "before",
    "during",
    "since",
    "while",
    "among",
    "according",
    "also",
    "meanwhile",
    "however",
    "moreover",
    "today",
    "yesterday",
    "last",
    "next",
    "recently",
    "currently",
    "now",
    "then",
    "mr",
    "ms",
    "mrs",
    "dr",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "i",
    "you",
    "all",
    "some",
    "many",
    "more",
    "most",
    "each",
    "every",
    "both",
    "other",
    "such",
    "not",
    "no",
    "yes",
    "so",
    "thus",
    "therefore",
    "first",
    "second",
    "third",
    "one",
    "two",
    "three",
    "under",
    "over",
    "through",
    "about",
    "between",
    "against",
    "into",
    "upon",
    "within",
    "without",
    "until",
    "because",
    "although",
    "though",
    "despite",
    "besides",
    "chinese",
];

/// Acronyms that are words of the trade, not names.
const NOT_ACRONYMS: &[&str] = &[
    "AI", "GDP", "CEO", "CTO", "CFO", "COO", "US", "USA", "UK", "EU", "IT", "PC", "IOT", "R&D",
    "RMB", "USD", "GW", "MW", "KW", "KM", "NEV", "NEVS", "EV", "EVS", "AR", "VR", "XR", "OK", "TV",
    "PM", "AM", "IPO", "API", "APP", "SME", "SMES", "ICT", "LED", "OLED", "LCD", "CNC", "CT",
    "MRI", "DNA", "RNA", "ID", "NO", "GPS", "PPP", "CPI", "PMI", "FDI", "B2B", "5G", "6G", "4G",
    "3D", "2D", "AGI", "LLM", "GPU", "CPU", "HD", "UHD", "BCI", "L4", "L3", "L2", "PCT", "ESG",
    "SOE", "SOES", "IC", "ICS", "SEO", "QR", "FAQ", "VIP", "AIGC", "EDA", "OS", "TFT", "OEM",
    "CNY", "EUR", "HKD", "JPY", "DIY", "OEMS", "CRO", "CDMO", "CMO", "CGT", "BJF",
];

/// Titles that a company's people hold, which make the organization beside them a company.
const CORPORATE_TITLES: &[&str] = &[
    "president",
    "chairman",
    "chairwoman",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "founder",
    "co-founder",
    "manager",
    "executive",
    "partner",
    "engineer",
];

/// Capitalized titles that stand before a name ("General Secretary Xi Jinping", "Mayor Yin Yong").
const TITLES_BEFORE_NAMES: &[&str] = &[
    "general",
    "secretary",
    "mayor",
    "president",
    "vice",
    "premier",
    "chairman",
    "chairwoman",
    "director",
    "deputy",
    "minister",
    "professor",
    "academician",
    "governor",
    "dean",
    "chief",
    "executive",
    "ceo",
    "reporter",
    "correspondent",
    "editor",
    "ambassador",
    "commissioner",
    "dr",
    "dr.",
    "mr",
    "mr.",
    "ms",
    "ms.",
    "mrs",
    "mrs.",
];

/// Words that may join two capitalized words of one name.
const CONNECTORS: &[&str] = &["of", "and", "for", "the", "&", "on", "de"];

fn is_any(word: &str, list: &[&str]) -> bool {
    list.iter().any(|l| l.eq_ignore_ascii_case(word))
}

/// [`NEVER_FIRST`] as a set: it is asked about the first word of every run.
static NEVER_FIRST_SET: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| NEVER_FIRST.iter().copied().collect());

fn is_never_first(word: &str) -> bool {
    if word.len() > 12 {
        return false;
    }
    let mut buf = [0u8; 12];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|w| NEVER_FIRST_SET.contains(w))
}

/// A word of a run: ASCII letters and digits, with `-`, `'`, `.` and `&` inside.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    /// Past the last letter or digit (a trailing period is not counted).
    end: usize,
    /// A period follows at once ("Co.", "Ltd.").
    dot: bool,
}

impl Word {
    fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The word that starts at `at`, if one does.
fn word_at(bytes: &[u8], at: usize, limit: usize) -> Option<Word> {
    if at >= limit || !is_word_byte(bytes[at]) {
        return None;
    }
    let mut end = at;
    while end < limit {
        let b = bytes[end];
        if is_word_byte(b) {
            end += 1;
        } else if matches!(b, b'-' | b'\'' | b'.' | b'&')
            && end + 1 < limit
            && is_word_byte(bytes[end + 1])
        {
            end += 2;
        } else {
            break;
        }
    }
    let dot = end < limit && bytes[end] == b'.';
    Some(Word {
        start: at,
        end,
        dot,
    })
}

fn is_cap(text: &str, w: &Word) -> bool {
    text.as_bytes()[w.start].is_ascii_uppercase()
}

fn is_acronym(word: &str) -> bool {
    let letters = word.bytes().filter(|b| b.is_ascii_alphabetic()).count();
    letters >= 2
        && word.len() <= 8
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'&')
}

fn is_year(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && (word.starts_with("19") || word.starts_with("20"))
}

/// Proposes the English candidates of the document.
pub(crate) fn find(doc: &Doc<'_>, out: &mut Vec<Raw>) {
    quoted_policies(doc, out);
    if doc.lowercase {
        lowercase::find(doc, out);
        return;
    }
    let bytes = doc.text.as_bytes();
    lowercase_after_mentions(doc, out);
    for (i, &(start, end)) in doc.sentences.iter().enumerate() {
        let mut pos = start;
        let mut previous_person: Option<usize> = None;
        while let Some(at) =
            crate::text::find_byte(&bytes[..end], pos, |b| b.wrapping_sub(b'A') < 26)
        {
            if let Some(t) = doc.taken.get(doc.taken.partition_point(|t| t.end <= at))
                && t.start <= at
            {
                pos = t.end;
                continue;
            }
            if at > start && (is_word_byte(bytes[at - 1]) || matches!(bytes[at - 1], b'-' | b'.')) {
                pos = at + 1;
                continue;
            }
            let run = build_run(doc, at, end);
            if run.is_empty() {
                pos = at + 1;
                continue;
            }
            let run_end = run.last().map_or(at + 1, |w| w.end);
            let sentence = Sentence {
                index: i as u32,
                start,
                end,
            };
            let found = classify_run(doc, &sentence, &run, previous_person, out);
            previous_person = found.then_some(run_end);
            pos = run_end.max(at + 1);
        }
    }
}

/// "Yizhuang management committee", "E-Town management committee": lowercase words with an
/// organization ending right after a mention, in a text that is not all lowercase. Such a name
/// runs on from the mention; only mentions are looked at, so this costs nothing elsewhere.
fn lowercase_after_mentions(doc: &Doc<'_>, out: &mut Vec<Raw>) {
    const ENDINGS: &[&str] = &["committee", "commission", "bureau", "office", "government"];
    let text = doc.text;
    let bytes = text.as_bytes();
    for t in &doc.taken {
        // Most mentions are followed by punctuation or a capital: one byte test rules them out.
        if !(bytes.get(t.end) == Some(&b' ')
            && bytes.get(t.end + 1).is_some_and(u8::is_ascii_lowercase))
        {
            continue;
        }
        if t.entity
            .is_none_or(|e| !doc.dict.kind(e).is_organization_like())
        {
            continue;
        }
        let Some(sentence) = doc.sentence_of(t.start) else {
            continue;
        };
        let end = doc.sentences[sentence as usize].1;
        let Some(rest) = text.get(t.end..end).and_then(|r| r.strip_prefix(' ')) else {
            continue;
        };
        let mut at = t.end + 1;
        for (n, w) in rest.split(' ').take(3).enumerate() {
            let word = w.trim_end_matches([',', '.', ';', ':']);
            if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
                break;
            }
            let word_end = at + word.len();
            if is_any(word, ENDINGS) {
                let span = (t.end + 1, word_end);
                if n > 0 && !doc.covered(span.0, span.1) {
                    let mut raw =
                        Raw::new(sentence, span, EntityKind::Organization, Signal::EnSuffix);
                    raw.name_start = t.start;
                    out.push(raw);
                }
                break;
            }
            if word.len() != w.len() {
                break;
            }
            at = word_end + 1;
        }
    }
}

#[derive(Clone, Copy)]
struct Sentence {
    index: u32,
    start: usize,
    end: usize,
}

/// The capitalized run that starts at `at`: its words, connectors and "Co., Ltd." included.
fn build_run(doc: &Doc<'_>, at: usize, limit: usize) -> Vec<Word> {
    let text = doc.text;
    let bytes = text.as_bytes();
    let mut words: Vec<Word> = Vec::new();
    // A year just before the run belongs to an event's name: "the 2025 World … Games".
    if at >= 5 && bytes[at - 1] == b' ' {
        let ws = at - 5;
        if text.get(ws..at - 1).is_some_and(is_year) && (ws == 0 || !is_word_byte(bytes[ws - 1])) {
            words.push(Word {
                start: ws,
                end: at - 1,
                dot: false,
            });
        }
    }
    let mut cursor = at;
    let mut pending: Vec<Word> = Vec::new();
    while let Some(w) = word_at(bytes, cursor, limit) {
        if doc.covered(w.start, w.end) {
            break;
        }
        let t = w.text(text);
        let cap = is_cap(text, &w);
        if cap || (is_year(t) && !words.is_empty()) {
            words.append(&mut pending);
            words.push(w);
        } else if !words.is_empty() && is_any(t, CONNECTORS) && pending.len() < 2 {
            pending.push(w);
        } else {
            break;
        }
        let after = w.end + usize::from(w.dot);
        // "Co., Ltd." goes on past its comma.
        let rest = &text[after.min(limit)..limit];
        if let Some(r) = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(","))
            && ["Ltd", "LTD", "Inc", "Limited"]
                .iter()
                .any(|s| r.starts_with(s))
        {
            cursor = limit - r.len();
            continue;
        }
        if rest.starts_with(' ') && !rest.starts_with("  ") {
            cursor = after + 1;
        } else {
            break;
        }
    }
    // A possessive at the end is not part of the name: "SAIC Motor's plant" names SAIC Motor;
    // inside a name it is ("People's Daily").
    if let Some(last) = words.last_mut()
        && last.end >= last.start + 3
        && text[..last.end].ends_with("'s")
    {
        last.end -= 2;
        last.dot = false;
    }
    words
}

/// The kind an ending or a head word gives, with the signal that says so.
fn kind_of_words(text: &str, words: &[Word]) -> Option<(EntityKind, Signal)> {
    // Every ending below needs two words or more: a lone word is told by its context.
    if words.len() < 2 {
        return None;
    }
    let lower = |w: &Word| w.text(text).to_ascii_lowercase();
    let last = words.last()?;
    let last_text = lower(last);
    // "Co., Ltd." and its kin: the span's end.
    let tail = text[words.first()?.start..last.end + usize::from(last.dot)].to_ascii_lowercase();
    if COMPANY_ENDINGS
        .iter()
        .filter(|e| e.contains('.') || e.contains(','))
        .any(|e| tail.ends_with(e))
    {
        return Some((EntityKind::Company, Signal::EnSuffix));
    }
    // The head before "of": "Ministry of Industry and Information Technology".
    if let Some(of) = words
        .iter()
        .position(|w| matches!(lower(w).as_str(), "of" | "for"))
        && of > 0
    {
        let head = lower(&words[of - 1]);
        let two = (of >= 2).then(|| format!("{} {}", lower(&words[of - 2]), head));
        if let Some(kind) = two
            .as_deref()
            .and_then(ending_kind)
            .or_else(|| ending_kind(&head))
        {
            return Some((kind, Signal::EnSuffix));
        }
    }
    if words.len() >= 2 && is_any(&last_text, EVENT_WORDS) {
        return Some((EntityKind::Event, Signal::EnSuffix));
    }
    let two =
        (words.len() >= 2).then(|| format!("{} {}", lower(&words[words.len() - 2]), last_text));
    if let Some(kind) = two.as_deref().and_then(ending_kind) {
        return Some((kind, Signal::EnSuffix));
    }
    if words.len() >= 2
        && let Some(kind) = ending_kind(&last_text)
    {
        return Some((kind, Signal::EnSuffix));
    }
    None
}

/// The kind a one- or two-word ending gives.
fn ending_kind(ending: &str) -> Option<EntityKind> {
    if ORG_ENDINGS.contains(&ending) {
        Some(EntityKind::Organization)
    } else if PARK_ENDINGS.contains(&ending) {
        Some(EntityKind::Park)
    } else if POLICY_ENDINGS.contains(&ending) {
        Some(EntityKind::Policy)
    } else if COMPANY_ENDINGS.contains(&ending) {
        Some(EntityKind::Company)
    } else if PLACE_ENDINGS.contains(&ending) {
        Some(EntityKind::Place)
    } else {
        None
    }
}

/// Whether the words are a romanized Chinese name: a surname, then one or two syllable words.
fn is_pinyin_name(text: &str, words: &[Word]) -> bool {
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    (1..=2).contains(&rest.len())
        && is_pinyin_surname(first.text(text))
        && rest.iter().all(|w| {
            let t = w.text(text);
            !w.dot && !t.bytes().skip(1).any(|b| b.is_ascii_uppercase()) && is_pinyin_given_name(t)
        })
}

/// Reads a run and its surroundings; pushes what it names. Returns whether it was a person.
fn classify_run(
    doc: &Doc<'_>,
    s: &Sentence,
    run: &[Word],
    previous_person: Option<usize>,
    out: &mut Vec<Raw>,
) -> bool {
    let text = doc.text;
    let mut words: &[Word] = run;
    // Function words, months and days never start a name.
    while let Some((first, rest)) = words.split_first()
        && is_never_first(first.text(text))
    {
        words = rest;
    }
    // Most runs are one capitalized word at the start of a sentence ("The", "Walking"), which
    // names nothing unless it is an acronym: they leave here, before anything is read.
    if let [only] = words
        && text[s.start..only.start]
            .bytes()
            .all(|b| !b.is_ascii_alphanumeric())
        && !is_acronym(only.text(text))
    {
        return false;
    }
    while let Some((last, rest)) = words.split_last()
        && is_any(last.text(text), CONNECTORS)
    {
        words = rest;
    }
    if words.is_empty() {
        return false;
    }
    // "Dong Xue and Gong Wen", "Shanghai and Beijing": a run joined by "and" that no ending
    // holds together is several names.
    if words.len() > 2
        && kind_of_words(text, words).is_none()
        && let Some(and) = words[1..words.len() - 1]
            .iter()
            .position(|w| w.text(text) == "and")
            .map(|i| i + 1)
    {
        let left = classify_run(doc, s, &words[..and], previous_person, out);
        let right_prev = left.then_some(words[and - 1].end);
        return classify_run(doc, s, &words[and + 1..], right_prev, out);
    }
    // "Tu Ming Guo Yujing Ji Ning": romanized names one after another, without commas.
    if words.len() >= 4
        && words.len().is_multiple_of(2)
        && words.chunks(2).all(|pair| is_pinyin_name(text, pair))
    {
        for pair in words.chunks(2) {
            push(
                doc,
                out,
                s,
                pair,
                EntityKind::Person,
                &[Signal::Capitalized],
            );
        }
        return true;
    }
    let at_sentence_start = text[s.start..words[0].start]
        .bytes()
        .all(|b| !b.is_ascii_alphanumeric());
    // "Shares of Naura Technology Group …": a sentence's first word and its "of" are no part of
    // the name after them, unless the word heads one ("Ministry of …").
    let words: &[Word] = if at_sentence_start
        && words.len() >= 3
        && is_any(words[1].text(text), &["of"])
        && ending_kind(&words[0].text(text).to_ascii_lowercase()).is_none()
        && kind_of_words(text, &words[2..]).is_some()
    {
        &words[2..]
    } else {
        words
    };
    // "BOE" + "Display": one ending word after a mention names a part or a form of it.
    if let [only] = words {
        let t = only.text(text).to_ascii_lowercase();
        let joined = only.start >= 1
            && text.as_bytes()[only.start - 1] == b' '
            && doc
                .mention_ending_at(only.start - 1)
                .is_some_and(|m| doc.kind_of(m).is_some_and(|k| k.is_organization_like()));
        if joined && let Some(kind) = ending_kind(&t) {
            let after = &text[(only.end + usize::from(only.dot)).min(s.end)..s.end];
            let mut raw = make(
                doc,
                s,
                words,
                kind,
                &[Signal::EnSuffix, Signal::Capitalized],
            );
            extend(doc, &mut raw, words, after);
            out.push(raw);
            return false;
        }
    }

    // A title in front: "General Secretary Xi Jinping", "Beijing Mayor Yin Yong".
    if let Some(t) = words
        .iter()
        .position(|w| is_any(w.text(text), TITLES_BEFORE_NAMES))
    {
        let mut n = t;
        while n < words.len() && is_any(words[n].text(text), TITLES_BEFORE_NAMES) {
            n += 1;
        }
        let person = &words[n..];
        let connector = person
            .first()
            .is_some_and(|w| is_any(w.text(text), CONNECTORS));
        if (2..=3).contains(&person.len()) && !connector && kind_of_words(text, person).is_none() {
            push(
                doc,
                out,
                s,
                person,
                EntityKind::Person,
                &[Signal::Appositive, Signal::Capitalized],
            );
            if t > 0 {
                classify_run(doc, s, &words[..t], None, out);
            }
            return true;
        }
    }

    let first = words[0];
    let last = words[words.len() - 1];
    let after = &text[(last.end + usize::from(last.dot)).min(s.end)..s.end];
    let before = &text[s.start..first.start];
    let single = words.len() == 1;

    // Events: "2025 World Humanoid Robot Games", "CIFTIS 2025".
    let has_year = words.iter().any(|w| is_year(w.text(text)));
    let event_word = is_any(last.text(text), EVENT_WORDS);
    if has_year && (event_word || (words.len() == 2 && is_acronym(first.text(text)))) {
        push(
            doc,
            out,
            s,
            words,
            EntityKind::Event,
            &[Signal::Event, Signal::Capitalized],
        );
        return false;
    }
    let words: &[Word] = if has_year {
        // A year without an event word is no part of the name.
        let keep: &[Word] = if is_year(first.text(text)) {
            &words[1..]
        } else {
            words
        };
        match keep.split_last() {
            Some((l, rest)) if is_year(l.text(text)) => rest,
            _ => keep,
        }
    } else {
        words
    };
    if words.is_empty() {
        return false;
    }

    // "Liu Wei, chairman of …": a person, whatever the words.
    let appositive_after = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(','))
        .is_some_and(starts_with_title_word);
    // "chairman Gu Jie", "reporter Yuan Xinwen": a lowercase title word just before.
    let title_before = previous_word(before).is_some_and(|w| {
        w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && starts_with_title_word(w)
            && !is_any(w, &["first", "general", "senior", "party", "person"])
    });
    let ending = kind_of_words(text, words);
    let pinyin = is_pinyin_name(text, words);

    if ending.is_none() && (2..=3).contains(&words.len()) && (appositive_after || title_before) {
        let mut signals = vec![Signal::Appositive, Signal::Capitalized];
        if !pinyin {
            signals.pop();
        }
        push(doc, out, s, words, EntityKind::Person, &signals);
        return true;
    }
    if let Some((kind, signal)) = ending {
        let mut raw = make(doc, s, words, kind, &[signal, Signal::Capitalized]);
        extend(doc, &mut raw, words, after);
        // "Industrial Park", "Innovation Center", "Half Marathon": descriptions, unless a name
        // runs into them ("Beijing" + "Commerce Bureau").
        let described = words.iter().all(|w| {
            let t = w.text(text);
            is_any(t, GENERIC)
                || ending_kind(&t.to_ascii_lowercase()).is_some()
                || is_any(t, EVENT_WORDS)
                || is_any(t, CONNECTORS)
                || is_any(t, &["co", "ltd", "r&d"])
        });
        let short = words.len() <= 3 && !words.iter().any(|w| is_any(w.text(text), CONNECTORS));
        let generic_kind = matches!(
            kind,
            EntityKind::Park | EntityKind::Event | EntityKind::Company
        ) || is_any(last.text(text), &["center", "centre"]);
        if described
            && short
            && generic_kind
            && raw.name_start == raw.start
            && raw.name_end == raw.end
        {
            return false;
        }
        out.push(raw);
        return false;
    }
    if pinyin && !(at_sentence_start && single) {
        let mut signals = vec![Signal::Capitalized];
        if previous_person.is_some_and(|e| text[e..first.start].trim() == ",")
            || previous_person.is_some_and(|e| text[e..first.start].trim() == "and")
        {
            signals.push(Signal::Appositive);
        }
        push(doc, out, s, words, EntityKind::Person, &signals);
        return true;
    }
    // "Fourier Intelligence chairman Gu Jie": the organization before a title and a name.
    let title_after = next_word(after).filter(|w| {
        w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && starts_with_title_word(w)
            && !is_any(
                w,
                &["general", "first", "senior", "party", "person", "head"],
            )
    });
    // "vice president of Pony.ai": the organization of a title.
    let title_of = title_before_of(before);
    // "Baidu programmers", "Mercedes Benz engineers": the employer of the people named after it.
    if next_word(after).is_some_and(|w| {
        is_any(
            w,
            &[
                "programmers",
                "engineers",
                "employees",
                "workers",
                "executives",
                "staff",
            ],
        )
    }) {
        push(
            doc,
            out,
            s,
            words,
            EntityKind::Company,
            &[Signal::Appositive, Signal::Capitalized],
        );
        return false;
    }
    // "pharmaceutical company Junshi Biology": a name after the noun that says what it is.
    if let Some(noun) = previous_word(before).filter(|w| {
        is_any(
            w,
            &[
                "company",
                "firm",
                "enterprise",
                "startup",
                "manufacturer",
                "maker",
                "automaker",
                "carmaker",
            ],
        )
    }) {
        let _ = noun;
        push(
            doc,
            out,
            s,
            words,
            EntityKind::Company,
            &[Signal::Appositive, Signal::Capitalized],
        );
        return false;
    }
    if let Some(title) = title_after.or(title_of) {
        let kind = if is_any(title, CORPORATE_TITLES) {
            EntityKind::Company
        } else {
            EntityKind::Organization
        };
        push(
            doc,
            out,
            s,
            words,
            kind,
            &[Signal::Appositive, Signal::Capitalized],
        );
        return false;
    }
    if single && is_acronym(first.text(text)) && !is_any(first.text(text), NOT_ACRONYMS) {
        // An acronym in brackets after a name is that name's: "(CIFTIS)".
        let bracketed = before.trim_end().ends_with('(') && after.starts_with(')');
        let kind = if bracketed {
            out.last()
                .filter(|r| r.end + 2 >= first.start && r.sentence == s.index)
                .map_or(EntityKind::Organization, |r| r.kind)
        } else {
            EntityKind::Organization
        };
        push(doc, out, s, words, kind, &[Signal::Acronym]);
    }
    false
}

/// A quoted phrase of two to seven words whose last word names a policy: `"ten measures for
/// talents"`, `"global partnership agreement"`, `"Basic research Special Zone" plan`. Quotation
/// marks are capitals of a kind: they work in lowercase text too.
fn quoted_policies(doc: &Doc<'_>, out: &mut Vec<Raw>) {
    const WORDS: &[&str] = &[
        "measures",
        "policies",
        "policy",
        "agreement",
        "plan",
        "list",
        "program",
        "programme",
        "initiative",
        "strategy",
        "scheme",
    ];
    let text = doc.text;
    for (i, &(start, end)) in doc.sentences.iter().enumerate() {
        let sentence = &text[start..end];
        if !sentence.contains('"') {
            continue;
        }
        let quotes: Vec<usize> = sentence.match_indices('"').map(|(q, _)| q).collect();
        for pair in quotes.chunks_exact(2) {
            let (a, b) = (start + pair[0] + 1, start + pair[1]);
            let inner = &text[a..b];
            let words: Vec<&str> = inner.split(' ').collect();
            if !(1..=8).contains(&words.len())
                || !inner
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b" -+'".contains(&c))
            {
                continue;
            }
            let after = next_word(&text[b + 1..end]).filter(|_| text[b + 1..].starts_with(' '));
            let (span, kind) = match (words.last(), after) {
                (_, Some(w)) if is_any(w, WORDS) => {
                    // The policy's name goes on past its word: `"2+x" policy support system`.
                    let mut e = b + 2 + w.len();
                    for more in text[e..end].split(' ').skip(1).take(2) {
                        if is_any(more, &["support", "system", "framework", "package", "plan"]) {
                            e += 1 + more.len();
                        } else {
                            break;
                        }
                    }
                    ((a - 1, e), EntityKind::Policy)
                }
                (Some(l), _) if words.len() >= 2 && is_any(l, WORDS) => {
                    ((a, b), EntityKind::Policy)
                }
                (Some(l), _) if words.len() >= 3 && is_any(l, &["area", "zone", "park"]) => {
                    ((a, b), EntityKind::Park)
                }
                _ => continue,
            };
            if !doc.covered(span.0, span.1) {
                let mut raw = Raw::new(i as u32, span, kind, Signal::EnSuffix);
                raw.signals.push(Signal::Quoted);
                out.push(raw);
            }
        }
    }
}

/// The word just before `before`'s end (after trailing spaces).
fn previous_word(before: &str) -> Option<&str> {
    let t = before.trim_end();
    if t.len() == before.len() {
        return None;
    }
    let start = word_start(t, |c| c.is_ascii_alphanumeric() || c == '-');
    Some(&t[start..]).filter(|w| !w.is_empty())
}

/// Where the run of characters for which `inside` holds that ends `t` starts.
fn word_start(t: &str, inside: impl Fn(char) -> bool) -> usize {
    t.char_indices()
        .rev()
        .find(|&(_, c)| !inside(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The word at the start of `after` (after one space).
fn next_word(after: &str) -> Option<&str> {
    let t = after.strip_prefix(' ')?;
    let end = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(t.len());
    Some(&t[..end]).filter(|w| !w.is_empty())
}

/// The title word of "TITLE of [the] ", when `before` ends so: the one a following name holds.
fn title_before_of(before: &str) -> Option<&str> {
    let t = before.strip_suffix(' ')?;
    let t = t.strip_suffix(" the").unwrap_or(t);
    let t = t.strip_suffix(" of")?;
    let words: Vec<&str> = t.rsplit(' ').take(6).collect();
    words
        .into_iter()
        .find(|w| {
            w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') && starts_with_title_word(w)
        })
        .filter(|w| !is_any(w, &["member", "party", "person", "first", "general"]))
}

fn make(doc: &Doc<'_>, s: &Sentence, words: &[Word], kind: EntityKind, signals: &[Signal]) -> Raw {
    let first = words[0];
    let last = words[words.len() - 1];
    // A period ends "Ltd." and "Inc." but is the sentence's own after "Group".
    let abbreviation = is_any(
        last.text(doc.text),
        &["ltd", "co", "inc", "corp", "jr", "st"],
    );
    let end = last.end + usize::from(last.dot && abbreviation);
    let mut raw = Raw::new(s.index, (first.start, end), kind, signals[0]);
    raw.signals.extend_from_slice(&signals[1..]);
    raw
}

fn push(
    doc: &Doc<'_>,
    out: &mut Vec<Raw>,
    s: &Sentence,
    words: &[Word],
    kind: EntityKind,
    signals: &[Signal],
) {
    let Some(last) = words.last() else {
        return;
    };
    let mut raw = make(doc, s, words, kind, signals);
    // An organization's name runs on into the mentions around it; a person's does not.
    if kind != EntityKind::Person {
        let after = &doc.text[(last.end + usize::from(last.dot)).min(s.end)..s.end];
        extend(doc, &mut raw, words, after);
    }
    out.push(raw);
}

/// A name that runs on into a mention ("Management Committee of" + "Beijing Economic and
/// Technological Development Zone") or from one ("BOE" + "Display").
fn extend(doc: &Doc<'_>, raw: &mut Raw, words: &[Word], after: &str) {
    let text = doc.text;
    let org_like = |t: &Taken| doc.kind_of(t).is_some_and(|k| k.is_organization_like());
    // Right: a cluster word that ends a company's name ("Starlight" + "Robotics", "Xinghe" +
    // "Biotech").
    if after.starts_with(' ')
        && let Some(t) = doc
            .mention_starting_at(raw.end + 1)
            .filter(|t| doc.kind_of(t) == Some(EntityKind::Cluster))
    {
        raw.name_end = t.end;
    }
    // Right: "X of [the] MENTION".
    for joint in [" of the ", " of "] {
        if after.starts_with(joint) {
            let at = raw.end + joint.len();
            if let Some(t) = doc.mention_starting_at(at).filter(|t| org_like(t)) {
                raw.name_end = t.end;
            }
            break;
        }
    }
    // Left: "MENTION X" with one space: "BOE Display", "Beijing Commerce Bureau", "China
    // Association for Science and Technology".
    let _ = words;
    if raw.start >= 1
        && text.as_bytes()[raw.start - 1] == b' '
        && let Some(t) = doc.mention_ending_at(raw.start - 1).filter(|t| org_like(t))
    {
        raw.name_start = t.start;
    }
}

/// The lowercase rule: suffixes and appositives only.
mod lowercase {
    use super::*;

    /// Lowercase endings a name may have (what the capitalized endings say, minus those that
    /// are common words in lowercase prose: "group", "area", "base", "center" …).
    const ENDINGS: &[(&str, EntityKind)] = &[
        ("co., ltd.", EntityKind::Company),
        ("co., ltd", EntityKind::Company),
        ("corporation", EntityKind::Company),
        ("holdings", EntityKind::Company),
        ("group club", EntityKind::Organization),
        ("committee", EntityKind::Organization),
        ("commission", EntityKind::Organization),
        ("bureau", EntityKind::Organization),
        ("ministry", EntityKind::Organization),
        ("university", EntityKind::Organization),
        ("academy", EntityKind::Organization),
        ("institute", EntityKind::Organization),
        ("hospital", EntityKind::Organization),
        ("middle school", EntityKind::Organization),
        ("primary school", EntityKind::Organization),
        ("chamber of commerce", EntityKind::Organization),
        ("association", EntityKind::Organization),
        ("alliance", EntityKind::Organization),
        ("innovation center", EntityKind::Organization),
        ("information office", EntityKind::Organization),
        ("club", EntityKind::Organization),
        ("council", EntityKind::Organization),
        ("chambers of commerce", EntityKind::Organization),
        ("news", EntityKind::Organization),
        ("innovation base", EntityKind::Park),
        ("industrial park", EntityKind::Park),
        ("science park", EntityKind::Park),
        ("demonstration zone", EntityKind::Park),
        ("pilot zone", EntityKind::Park),
        ("bonded zone", EntityKind::Park),
        ("street", EntityKind::Park),
    ];

    /// Words a lowercase name does not run across, leftward.
    const STOPS: &[&str] = &[
        "the",
        "a",
        "an",
        "and",
        "or",
        "such",
        "as",
        "to",
        "in",
        "at",
        "by",
        "with",
        "from",
        "for",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "which",
        "its",
        "their",
        "our",
        "this",
        "these",
        "those",
        "has",
        "have",
        "had",
        "said",
        "of",
        "on",
        "into",
        "build",
        "building",
        "built",
        "create",
        "creating",
        "introduced",
        "including",
        "named",
        "called",
        "will",
        "would",
        "can",
        "also",
        "than",
        "more",
        "other",
        "some",
        "all",
        "both",
        "each",
        "new",
        "first",
        "one",
        "two",
        "several",
        "many",
        "about",
        "over",
        "under",
        "like",
        "promote",
        "support",
        "supports",
        "accelerating",
        "construction",
        "approved",
        "famous",
    ];

    /// Byline and title words a lowercase name follows: "edited by bai shuang".
    const NAME_AFTER: &[&str] = &[
        "edited by",
        "proofread by",
        "reporter",
        "reported by",
        "editor",
    ];

    /// What a pattern of [`TRIGGERS`] starts.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Trigger {
        /// An ending, with the kind it gives.
        Ending(EntityKind),
        /// ", " and a title word: an appositive may follow a name here.
        Appositive,
        /// A byline word or a policy head: the sentence is read for names after them.
        After,
    }

    /// Every lowercase trigger in one automaton, so that a document is searched once: the
    /// endings, ", " before a title word (with "a", "an", "the" between), the byline words and
    /// the policy heads.
    static TRIGGERS: LazyLock<(AhoCorasick, Vec<Trigger>)> = LazyLock::new(|| {
        let mut patterns: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        for &(e, kind) in ENDINGS {
            patterns.push(e.to_owned());
            kinds.push(Trigger::Ending(kind));
        }
        for w in crate::relations::TITLE_WORDS {
            for between in ["", "a ", "an ", "the ", "and "] {
                patterns.push(format!(", {between}{w}"));
                kinds.push(Trigger::Appositive);
            }
        }
        for w in NAME_AFTER
            .iter()
            .chain(&["policies on ", "measures for ", "list of "])
        {
            patterns.push((*w).to_owned());
            kinds.push(Trigger::After);
        }
        // A few hundred short patterns: a DFA is small and the fastest to search.
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .unwrap_or_else(|e| unreachable!("{e}"));
        (automaton, kinds)
    });

    pub(super) fn find(doc: &Doc<'_>, out: &mut Vec<Raw>) {
        let text = doc.text;
        let bytes = text.as_bytes();
        let (automaton, kinds) = &*TRIGGERS;
        // Sentences to read for appositives (bit 1) and for names after bylines and heads (2).
        let mut marks = vec![0u8; doc.sentences.len()];
        for m in automaton.find_overlapping_iter(text) {
            let Some(i) = doc.sentence_of(m.start()) else {
                continue;
            };
            let (start, end) = doc.sentences[i as usize];
            if m.end() > end {
                continue;
            }
            match kinds[m.pattern().as_usize()] {
                Trigger::Ending(kind) => {
                    let (ms, me) = (m.start(), m.end());
                    if (ms > 0 && is_word_byte(bytes[ms - 1]))
                        || (me < end && is_word_byte(bytes[me]))
                        || doc.covered(ms, me)
                    {
                        continue;
                    }
                    let s = Sentence {
                        index: i,
                        start,
                        end,
                    };
                    suffix(doc, &s, ms, me, kind, out);
                }
                Trigger::Appositive => marks[i as usize] |= 1,
                Trigger::After => marks[i as usize] |= 2,
            }
        }
        for (i, &mark) in marks.iter().enumerate() {
            if mark == 0 {
                continue;
            }
            let (start, end) = doc.sentences[i];
            let s = Sentence {
                index: i as u32,
                start,
                end,
            };
            if mark & 1 != 0 {
                appositives(doc, &s, out);
            }
            if mark & 2 != 0 {
                names_after(doc, &s, out);
                heads(doc, &s, out);
            }
        }
    }

    /// "the nine policies on foreign investment", "the list of foreign investment support
    /// items": a policy named by its head word and what it is about.
    fn heads(doc: &Doc<'_>, s: &Sentence, out: &mut Vec<Raw>) {
        let text = doc.text;
        let sentence = &text[s.start..s.end];
        for head in ["policies on ", "measures for ", "list of "] {
            for (at, _) in sentence.match_indices(head) {
                let before = &sentence[..at];
                // One number or word before "policies"/"measures" ("nine", "20"), none before
                // "list".
                let start = if head == "list of " {
                    if !before.ends_with("the ") {
                        continue;
                    }
                    at
                } else {
                    let t = before.trim_end();
                    let w = t.rfind(' ').map_or(0, |i| i + 1);
                    let number = &t[w..];
                    let numeric = number.bytes().all(|b| b.is_ascii_digit())
                        || is_any(
                            number,
                            &[
                                "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                "ten", "twenty", "thirty",
                            ],
                        );
                    if !numeric || number.is_empty() {
                        continue;
                    }
                    w
                };
                let rest = &sentence[at + head.len()..];
                let mut end = at + head.len();
                for w in rest.split(' ').take(4) {
                    let clean = w.trim_end_matches([',', '.', ';', ':']);
                    if clean.is_empty()
                        || is_any(clean, STOPS)
                        || !clean
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    {
                        break;
                    }
                    end += clean.len();
                    if clean.len() != w.len() {
                        break;
                    }
                    end += 1;
                }
                let end = sentence[..end.min(sentence.len())].trim_end().len();
                let (st, en) = (s.start + start, s.start + end);
                if en > s.start + at + head.len() && !doc.covered(st, en) {
                    out.push(Raw::new(
                        s.index,
                        (st, en),
                        EntityKind::Policy,
                        Signal::EnSuffix,
                    ));
                }
            }
        }
    }

    /// "beijing robot industrial park": the words before an ending, back to a stop word.
    fn suffix(
        doc: &Doc<'_>,
        s: &Sentence,
        ms: usize,
        me: usize,
        kind: EntityKind,
        out: &mut Vec<Raw>,
    ) {
        let text = doc.text;
        let floor = s.start.max(doc.last_mention_end_before(ms));
        let mut edge = ms;
        let mut words = 0;
        let mut mention = None;
        loop {
            let before = &text[floor..edge];
            let trimmed = before.trim_end_matches(' ');
            if trimmed.len() + 1 != before.len() || trimmed.is_empty() {
                if trimmed.is_empty() && floor > s.start {
                    mention = doc.mention_ending_at(floor);
                }
                break;
            }
            let w_start = word_start(trimmed, |c| {
                c.is_ascii_alphanumeric() || matches!(c, '-' | '\'' | '.')
            });
            let word = &trimmed[w_start..];
            if word.is_empty() || is_any(word, STOPS) || words >= 6 {
                break;
            }
            edge = floor + w_start;
            words += 1;
        }
        if words == 0 && mention.is_none() {
            return;
        }
        let mut raw = Raw::new(s.index, (edge, me), kind, Signal::EnSuffix);
        if let Some(t) =
            mention.filter(|t| doc.kind_of(t).is_some_and(|k| k.is_organization_like()))
        {
            raw.name_start = t.start;
        }
        if words == 0 && raw.name_start == raw.start {
            return;
        }
        out.push(raw);
    }

    /// "kong lei, deputy secretary of …" and "edited by bai shuang": romanized names only.
    fn appositives(doc: &Doc<'_>, s: &Sentence, out: &mut Vec<Raw>) {
        let text = doc.text;
        let sentence = &text[s.start..s.end];
        // A name before ", title".
        for (comma, _) in sentence.match_indices(", ") {
            let after = &sentence[comma + 2..];
            if !starts_with_title_word(after) {
                continue;
            }
            let head = &sentence[..comma];
            let words: Vec<(usize, &str)> = word_spans(head).into_iter().rev().take(3).collect();
            for n in [2usize, 3] {
                if words.len() < n {
                    continue;
                }
                let chosen: Vec<&(usize, &str)> = words[..n].iter().rev().collect();
                let surname = chosen[0].1;
                let given = &chosen[1..];
                if is_pinyin_surname(surname) && given.iter().all(|(_, g)| is_pinyin_given_name(g))
                {
                    let st = s.start + chosen[0].0;
                    let en = s.start + comma;
                    if !doc.covered(st, en) {
                        out.push(Raw::new(
                            s.index,
                            (st, en),
                            EntityKind::Person,
                            Signal::Appositive,
                        ));
                    }
                    break;
                }
            }
        }
    }

    /// "edited by bai shuang", "beijing news reporter wu tingting": a romanized name after a
    /// byline word.
    fn names_after(doc: &Doc<'_>, s: &Sentence, out: &mut Vec<Raw>) {
        let text = doc.text;
        let sentence = &text[s.start..s.end];
        for word in NAME_AFTER {
            for (at, _) in sentence.match_indices(word) {
                let rest = &sentence[at + word.len()..];
                let Some(rest_trim) = rest.strip_prefix(' ') else {
                    continue;
                };
                let spans = word_spans(rest_trim);
                if spans.len() < 2 {
                    continue;
                }
                let (a, b) = (spans[0], spans[1]);
                if a.0 != 0 || !is_pinyin_surname(a.1) || !is_pinyin_given_name(b.1) {
                    continue;
                }
                let base = s.start + at + word.len() + 1;
                let (st, en) = (base, base + b.0 + b.1.len());
                if text[st..en].contains("  ") || doc.covered(st, en) {
                    continue;
                }
                out.push(Raw::new(
                    s.index,
                    (st, en),
                    EntityKind::Person,
                    Signal::Appositive,
                ));
            }
        }
    }

    /// The words of `s` with their offsets (letters, digits and inner hyphens), up to the first
    /// character that is not a letter, digit, hyphen or space.
    fn word_spans(s: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices() {
            let inside = c.is_ascii_alphanumeric() || c == '-';
            match (inside, start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    out.push((st, &s[st..i]));
                    start = None;
                    if c != ' ' {
                        out.clear();
                    }
                }
                (false, None) if c != ' ' => out.clear(),
                _ => {}
            }
        }
        if let Some(st) = start {
            out.push((st, &s[st..]));
        }
        out
    }
}
