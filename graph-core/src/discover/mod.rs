//! Discovery: the names a document gives that the dictionaries do not know.
//!
//! After matching, [`Discoverer::discover`] looks at what is left of each sentence for spans that
//! look like named entities, and proposes each as a [`Candidate`]: its span (byte offsets into the
//! original text, like a mention), a kind, a normalized key that groups spellings across
//! documents, the [`Signal`]s that proposed it and a score. The signals, one file each:
//!
//! - `chinese_org.rs`: Chinese organization, company, park and project suffixes (有限公司, 研究院,
//!   管委会, 产业园, 示范区 …) with a left edge that stops at punctuation, verbs and particles
//!   (表示, 与, 的 …) and at known mentions;
//! - `policy.rs`: Chinese policy titles in 《…》 and names ending in 措施, 行动计划, 实施方案 …;
//! - `chinese_person.rs`: Chinese person names next to a title (副总裁王明, 本报记者 曹政), from a
//!   surname table ([`surnames`]);
//! - `english.rs`: capitalized sequences with their connectors and endings ("Naura Technology
//!   Group Co., Ltd."), acronyms, title appositives ("Liu Wei, chairman of …", "Fourier Intelligence
//!   chairman Gu Jie"), event names ("2025 World Humanoid Robot Games", "CIFTIS 2025"); in a text
//!   written all in lowercase only the appositive and suffix signals fire;
//! - `segment.rs`: `jieba-rs`'s part-of-speech tags, a supporting signal only: it never proposes
//!   a span on its own and never reads a span a mention covers;
//! - `alias.rs`: a candidate that is a longer or shorter form of a known spelling ("BOE Display",
//!   "Yizhuang management committee") is proposed as an alias of that entity.
//!
//! Roles in which a person or an organization is a candidate come from the role rules of
//! [`crate::relations`], run over the sentence's mentions and candidates together
//! ([`CandidateRole`]). [`rank`] groups the candidates of many documents by key and ranks them.
//!
//! **Invariant:** no candidate overlaps a mention (or an unresolved ambiguous spelling), candidates
//! do not overlap each other, and every span slices the original text on character boundaries.
//! A name that runs on from a mention ("北京经开区" + "工委") keeps the mention out of its span and
//! in its [`Candidate::name`].

mod alias;
pub(crate) use alias::core;
mod chinese_org;
mod chinese_person;
mod collisions;
mod english;
mod group;
mod policy;
mod roles;
mod segment;
pub mod surnames;
mod zh;

use std::collections::BTreeMap;
use std::fmt;

use crate::dictionary::{Dictionary, EntityIdx, EntityKind};
use crate::document::Mention;
use crate::document::Unresolved;
use crate::text::{Folded, Sentence, fold_key};

pub use collisions::{Claim, Collision, collisions};
pub use group::{CandidateGroup, Occurrence, rank};

/// What proposed a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    /// A Chinese organization, company, park or project suffix (有限公司, 管委会, 产业园).
    ZhSuffix,
    /// A Chinese policy title: in 《…》, or ending in 措施, 行动计划, 实施方案 ….
    ZhPolicy,
    /// A Chinese name next to a title (副总裁王明, 局长张鹏).
    ZhTitle,
    /// The segmenter tags the name, or a word of it, as a person, place, organization or other
    /// proper noun.
    Segmenter,
    /// An English sequence of capitalized words.
    Capitalized,
    /// An English ending that tells the kind ("Co., Ltd.", "Group", "Committee", "Park", "Plan").
    EnSuffix,
    /// An acronym in capitals.
    Acronym,
    /// A title appositive or a title before the name ("Liu Wei, chairman of …", "chairman Gu Jie").
    Appositive,
    /// An event: a year and an event word, or an acronym with a year.
    Event,
    /// A longer or shorter form of a known spelling.
    Variant,
    /// A phrase in quotation marks that ends like a policy or a park (`"ten measures for
    /// talents"`).
    Quoted,
}

impl Signal {
    /// Every signal, in display order.
    pub const ALL: [Signal; 11] = [
        Signal::ZhSuffix,
        Signal::ZhPolicy,
        Signal::ZhTitle,
        Signal::Segmenter,
        Signal::Capitalized,
        Signal::EnSuffix,
        Signal::Acronym,
        Signal::Appositive,
        Signal::Event,
        Signal::Variant,
        Signal::Quoted,
    ];

    /// `zh_suffix`, `appositive` …
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::ZhSuffix => "zh_suffix",
            Signal::ZhPolicy => "zh_policy",
            Signal::ZhTitle => "zh_title",
            Signal::Segmenter => "segmenter",
            Signal::Capitalized => "capitalized",
            Signal::EnSuffix => "en_suffix",
            Signal::Acronym => "acronym",
            Signal::Appositive => "appositive",
            Signal::Event => "event",
            Signal::Variant => "variant",
            Signal::Quoted => "quoted",
        }
    }

    /// How much the signal says on its own: what a candidate's score adds up.
    pub fn weight(self) -> u32 {
        match self {
            Signal::Appositive | Signal::ZhTitle | Signal::ZhPolicy | Signal::Event => 3,
            Signal::ZhSuffix | Signal::EnSuffix => 2,
            Signal::Capitalized
            | Signal::Acronym
            | Signal::Segmenter
            | Signal::Variant
            | Signal::Quoted => 1,
        }
    }

    /// Signals strong enough for a candidate seen once to stand as a provisional entity: a title
    /// beside a name, a suffix, a policy title, an event name.
    pub fn is_strong(self) -> bool {
        self.weight() >= 2
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span that looks like a named entity the dictionaries do not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Byte offset in the document's original text.
    pub start: usize,
    /// Byte offset just past the candidate; `text[start..end]` is the surface.
    pub end: usize,
    /// Where the proposed name starts: `start`, or the start of the mention the name runs on
    /// from ("北京经开区" in "北京经开区工委"). `text[name_start..name_end]` is the name.
    pub name_start: usize,
    /// Where the proposed name ends: `end`, or the end of the mention it runs into
    /// ("Management Committee" of "… of Beijing Economic and Technological Development Zone").
    pub name_end: usize,
    /// The sentence it is in.
    pub sentence: u32,
    /// The proposed kind.
    pub kind: EntityKind,
    /// The name folded (Traditional → Simplified, width, case, white space), without a leading
    /// article: equal keys are the same name.
    pub key: String,
    /// What proposed it, sorted, each once.
    pub signals: Vec<Signal>,
    /// The sum of the signals' weights.
    pub score: u32,
    /// The known entity this is a variant of, proposed as a new alias of it.
    pub entity: Option<EntityIdx>,
}

impl Candidate {
    /// The surface as written, from the document's original text.
    pub fn surface<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The proposed name as written (the surface, or the mention it runs on from and the surface).
    pub fn name<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.name_start..self.name_end).unwrap_or("")
    }

    /// Whether a strong signal proposed it (see [`Signal::is_strong`]).
    pub fn is_strong(&self) -> bool {
        self.signals.iter().any(|s| s.is_strong())
    }
}

/// One end of a [`CandidateRole`]: a dictionary entity or a candidate of the same document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    /// A dictionary entity, mentioned in the sentence.
    Entity(EntityIdx),
    /// A candidate: its index in [`crate::Document::candidates`].
    Candidate(u32),
}

/// A role in which the person, the organization or both are candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRole {
    /// The person.
    pub person: Party,
    /// Where the person holds the title.
    pub org: Party,
    /// The title as written.
    pub title: String,
    /// The sentence that states it.
    pub sentence: u32,
}

/// The compiled part of discovery: what the dictionary's spellings say about variants.
#[derive(Debug, Clone)]
pub struct Discoverer {
    aliases: alias::AliasIndex,
}

/// What the signals read of one document. Offsets are into the folded text.
pub(crate) struct Doc<'a> {
    /// The folded text (same characters as the original, one for one).
    pub text: &'a str,
    /// The article's sentences.
    pub sentences: Vec<(usize, usize)>,
    /// Mentions and unresolved spellings, sorted, not overlapping.
    pub taken: Vec<Taken>,
    /// Whether the document is written all in lowercase.
    pub lowercase: bool,
    pub dict: &'a Dictionary,
}

/// A span of the text a mention (or an ambiguous spelling) holds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Taken {
    pub start: usize,
    pub end: usize,
    /// The entity; `None` for an unresolved spelling.
    pub entity: Option<EntityIdx>,
}

/// A candidate as a signal proposes it, in folded offsets.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub start: usize,
    pub end: usize,
    pub name_start: usize,
    pub name_end: usize,
    pub sentence: u32,
    pub kind: EntityKind,
    pub signals: Vec<Signal>,
}

impl Raw {
    pub fn new(
        sentence: u32,
        (start, end): (usize, usize),
        kind: EntityKind,
        signal: Signal,
    ) -> Raw {
        Raw {
            start,
            end,
            name_start: start,
            name_end: end,
            sentence,
            kind,
            signals: vec![signal],
        }
    }

    fn score(&self) -> u32 {
        self.signals.iter().map(|s| s.weight()).sum()
    }
}

impl Doc<'_> {
    /// Whether any mention overlaps `start..end`.
    pub fn covered(&self, start: usize, end: usize) -> bool {
        let i = self.taken.partition_point(|t| t.end <= start);
        self.taken.get(i).is_some_and(|t| t.start < end)
    }

    /// The mention that ends exactly at `at`.
    pub fn mention_ending_at(&self, at: usize) -> Option<&Taken> {
        let i = self.taken.partition_point(|t| t.end < at);
        self.taken.get(i).filter(|t| t.end == at)
    }

    /// The mention that starts exactly at `at`.
    pub fn mention_starting_at(&self, at: usize) -> Option<&Taken> {
        let i = self.taken.partition_point(|t| t.start < at);
        self.taken.get(i).filter(|t| t.start == at)
    }

    /// The end of the last mention that ends at or before `at` (0 if none).
    pub fn last_mention_end_before(&self, at: usize) -> usize {
        let i = self.taken.partition_point(|t| t.end <= at);
        i.checked_sub(1).map_or(0, |i| self.taken[i].end)
    }

    /// The kind of a mention's entity (`None` for an unresolved spelling).
    pub fn kind_of(&self, t: &Taken) -> Option<EntityKind> {
        t.entity.map(|e| self.dict.kind(e))
    }

    /// The sentence that holds byte `at`.
    pub fn sentence_of(&self, at: usize) -> Option<u32> {
        let i = self.sentences.partition_point(|s| s.0 <= at);
        let i = i.checked_sub(1)?;
        (at < self.sentences[i].1).then_some(i as u32)
    }
}

/// Reads now what discovery otherwise reads on first use: the segmenter's dictionary and model,
/// the trigger automaton, the pinyin tables. A server that must start fast leaves this to the
/// first Chinese document; a benchmark calls it before timing extraction.
pub fn warm_up() {
    segment::warm_up();
    zh::warm_up();
    surnames::warm_up();
}

impl Discoverer {
    /// Compiles what discovery needs of a dictionary (an index of its spellings, for variants).
    pub fn new(dictionary: &Dictionary) -> Discoverer {
        Discoverer {
            aliases: alias::AliasIndex::new(dictionary),
        }
    }

    /// The candidates and candidate roles of one document, after matching.
    ///
    /// `text` is the original text and `folded` its folding; sentences, mentions and unresolved
    /// spellings are in original offsets, as [`crate::Document`] holds them. `publisher` is the
    /// organization bylines without one are credited to.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn discover(
        &self,
        dict: &Dictionary,
        text: &str,
        folded: &Folded<'_>,
        sentences: &[Sentence],
        mentions: &[Mention],
        unresolved: &[Unresolved],
        lowercase: bool,
        publisher: Option<EntityIdx>,
    ) -> (Vec<Candidate>, Vec<CandidateRole>) {
        let f = |o: usize| folded.to_folded(o);
        let mut taken: Vec<Taken> = mentions
            .iter()
            .map(|m| Taken {
                start: f(m.start),
                end: f(m.end),
                entity: Some(m.entity),
            })
            .chain(unresolved.iter().map(|u| Taken {
                start: f(u.start),
                end: f(u.end),
                entity: None,
            }))
            .collect();
        taken.sort_by_key(|t| (t.start, t.end));
        let doc = Doc {
            text: &folded.text,
            sentences: sentences.iter().map(|s| (f(s.start), f(s.end))).collect(),
            taken,
            lowercase,
            dict,
        };

        let mut raws = Vec::new();
        let hits = zh::hits(&doc);
        chinese_org::find(&doc, &hits, &mut raws);
        policy::find(&doc, &hits, &mut raws);
        chinese_person::find(&doc, &hits, &mut raws);
        english::find(&doc, &mut raws);
        if raws.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let raws = settle(&doc, raws);

        let mut candidates: Vec<Candidate> = raws
            .into_iter()
            .filter_map(|mut raw| {
                let name = doc.text.get(raw.name_start..raw.name_end)?;
                let key = normalize(name);
                if key.chars().count() < 2 {
                    return None;
                }
                let entity = self.aliases.variant_of(&doc, &raw, &key);
                if entity.is_some() {
                    raw.signals.push(Signal::Variant);
                }
                raw.signals.sort_unstable();
                raw.signals.dedup();
                let score = raw.score();
                Some(Candidate {
                    start: folded.to_original(raw.start),
                    end: folded.to_original(raw.end),
                    name_start: folded.to_original(raw.name_start),
                    name_end: folded.to_original(raw.name_end),
                    sentence: raw.sentence,
                    kind: raw.kind,
                    key,
                    signals: raw.signals,
                    score,
                    entity,
                })
            })
            .collect();
        candidates.retain(|c| text.get(c.start..c.end).is_some());
        let roles = roles::candidate_roles(dict, text, sentences, mentions, &candidates, publisher);
        (candidates, roles)
    }
}

/// Puts the proposals of all signals together: equal spans merge their signals, and of two that
/// overlap the one with the higher score (then the longer) stays. Spans a mention covers go.
fn settle(doc: &Doc<'_>, mut raws: Vec<Raw>) -> Vec<Raw> {
    raws.retain(|r| {
        r.start < r.end
            && r.name_start <= r.start
            && r.end <= r.name_end
            && !doc.covered(r.start, r.end)
    });
    raws.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Raw> = Vec::with_capacity(raws.len());
    for raw in raws {
        match merged.last_mut() {
            Some(last) if last.start == raw.start && last.end == raw.end => {
                // The same span from two signals: the more specific kind is the one a suffix,
                // title or ending gave, which the stronger signal carries.
                if raw.score() > last.score() {
                    last.kind = raw.kind;
                }
                last.name_start = last.name_start.min(raw.name_start);
                last.name_end = last.name_end.max(raw.name_end);
                last.signals.extend(raw.signals);
            }
            _ => merged.push(raw),
        }
    }
    // Overlaps: best first, then keep what does not overlap what is kept.
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by_key(|&i| {
        let r = &merged[i];
        (
            std::cmp::Reverse(r.score()),
            std::cmp::Reverse(r.end - r.start),
            r.start,
        )
    });
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let r = &merged[i];
        if kept
            .iter()
            .all(|&k| merged[k].end <= r.start || r.end <= merged[k].start)
        {
            kept.push(i);
        }
    }
    kept.sort_unstable();
    let mut slots: Vec<Option<Raw>> = merged.into_iter().map(Some).collect();
    kept.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// `text` without the quotation marks a name may be written in: [`normalize`] drops them.
pub(crate) fn unquoted(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '「' | '」' | '‘' | '’'))
        .collect()
}

/// The grouping key of a name: [`fold_key`], without a leading English article, and with
/// "Co., Ltd." spelled one way.
pub fn normalize(name: &str) -> String {
    let mut key = fold_key(&unquoted(name));
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = key.strip_prefix(article) {
            key = rest.to_owned();
        }
    }
    let key = key.replace(" ,", ",");
    key.trim_end_matches(['.', ','])
        .trim_end_matches(['.', ','])
        .to_owned()
}

/// A slug for a new entity: the name's ASCII words, or the pinyin of its Chinese characters.
pub fn slug(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in normalize(name).chars() {
        if c.is_ascii_alphanumeric() {
            current.push(c.to_ascii_lowercase());
            continue;
        }
        if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if let Some(p) = surnames::pinyin_of(c) {
            words.push(p.to_owned());
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let slug = words.join("-");
    if slug.is_empty() {
        "candidate".into()
    } else {
        slug
    }
}

/// Counts per signal, for reports.
pub fn signal_counts<'a>(
    candidates: impl IntoIterator<Item = &'a Candidate>,
) -> BTreeMap<Signal, usize> {
    let mut counts = BTreeMap::new();
    for c in candidates {
        for &s in &c.signals {
            *counts.entry(s).or_insert(0) += 1;
        }
    }
    counts
}

/// Helpers over text shared by the signals.
pub(crate) mod scan {
    /// The character that ends just before byte `at`, and where it starts.
    pub fn prev_char(text: &str, at: usize) -> Option<(usize, char)> {
        let c = text.get(..at)?.chars().next_back()?;
        Some((at - c.len_utf8(), c))
    }

    /// The character at byte `at`.
    pub fn char_at(text: &str, at: usize) -> Option<char> {
        text.get(at..)?.chars().next()
    }

    /// Whether `c` is a Chinese character.
    pub fn is_han(c: char) -> bool {
        crate::text::is_cjk(c)
    }
}
