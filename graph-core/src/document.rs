//! The vocabulary of documents: what goes into extraction ([`DocumentInput`]) and what comes out
//! ([`Document`] with its [`Mention`]s, [`FoundRelation`]s and [`Unresolved`] spellings), and the
//! kinds and origins of relations ([`RelationKind`], [`Origin`]) the graph is made of.
//!
//! Plain data only: the rules that find relations are in [`crate::relations`], the pipeline that
//! fills a [`Document`] in [`crate::extract`].

use std::fmt;

use crate::dictionary::EntityIdx;
use crate::discover::{Candidate, CandidateRole};
use crate::input::TextEncoding;
use crate::text::when::{self, DocumentDate, SentenceDate};
use crate::text::{Date, Language, Sentence};

/// A text to extract from, with what its sender knows about it.
#[derive(Debug, Clone, Default)]
pub struct DocumentInput {
    /// A stable id (a corpus file's stem; a content hash for ingested text).
    pub id: String,
    /// Where it comes from: a path or a URL.
    pub source: String,
    /// The text.
    pub text: String,
    /// A title that overrides the one read from the text.
    pub title: Option<String>,
    /// A date that overrides the one read from the text.
    pub date: Option<Date>,
    /// A language that overrides the detected one.
    pub language: Option<Language>,
    /// The encoding the text was read in (UTF-8 for a string).
    pub encoding: TextEncoding,
}

/// A spelling that more than one entity claims, which the document did not decide between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// Byte offset in the original text.
    pub start: usize,
    /// Byte offset just past the surface.
    pub end: usize,
    /// The sentence it is in.
    pub sentence: u32,
    /// The entities that claim the spelling.
    pub candidates: Vec<EntityIdx>,
}

/// One document after extraction. Spans are byte offsets into [`Document::text`].
#[derive(Debug, Clone)]
pub struct Document {
    /// The stable id.
    pub id: String,
    /// A path or URL.
    pub source: String,
    /// The title.
    pub title: Option<String>,
    /// The date the text states.
    pub date: Option<Date>,
    /// The document's date and where it comes from: given, stated, or, for a text that states
    /// none, inferred by the rules of [`text::when`](crate::text::when).
    pub when: Option<DocumentDate>,
    /// English, Chinese or mixed.
    pub language: Language,
    /// The encoding the text was read in.
    pub encoding: TextEncoding,
    /// The original text, unchanged: a UTF-8 file as it is on disk (a byte-order mark included),
    /// the UTF-8 decoding of a file in another encoding (see [`crate::input`]).
    pub text: String,
    /// The article's sentences (boilerplate has none).
    pub sentences: Vec<Sentence>,
    /// Mentions in text order; `text[m.start..m.end]` is the surface.
    pub mentions: Vec<Mention>,
    /// Ambiguous spellings the document did not resolve.
    pub unresolved: Vec<Unresolved>,
    /// Co-mentions, extracted roles and inferred memberships, by sentence.
    pub relations: Vec<FoundRelation>,
    /// Names the dictionaries do not know, in text order (empty when discovery is off).
    pub candidates: Vec<Candidate>,
    /// Roles in which a person or an organization is a candidate.
    pub candidate_roles: Vec<CandidateRole>,
    /// The MinHash of the article sentences, which tells a repost of the same story: made on
    /// first use ([`Document::fingerprint`]) and kept, so that the next graph built over the
    /// same document reuses it.
    pub fingerprint: std::sync::OnceLock<crate::syndication::Fingerprint>,
}

impl Document {
    /// The MinHash of the article sentences ([`crate::syndication`]), made on the first call.
    pub fn fingerprint(&self) -> &crate::syndication::Fingerprint {
        self.fingerprint.get_or_init(|| {
            let folded = crate::text::fold(&self.text);
            crate::syndication::Fingerprint::of_folded(self.sentences.iter().filter_map(|s| {
                folded
                    .text
                    .get(folded.to_folded(s.start)..folded.to_folded(s.end))
            }))
        })
    }

    /// The text of sentence `i` (empty if there is no such sentence).
    pub fn sentence_text(&self, i: u32) -> &str {
        self.sentences
            .get(i as usize)
            .and_then(|s| self.text.get(s.start..s.end))
            .unwrap_or("")
    }

    /// The surface of a mention as written.
    pub fn surface(&self, m: &Mention) -> &str {
        self.text.get(m.start..m.end).unwrap_or("")
    }

    /// The date of what sentence `i` says: its own stated date where the rules of
    /// [`text::when`](crate::text::when) are sure, else the document's.
    pub fn sentence_date(&self, i: u32) -> Option<SentenceDate> {
        when::sentence_date(self.sentence_text(i), self.when.map(|w| w.date))
    }
}

/// The kinds of relation in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// Two entities named in one sentence; weight = number of such sentences.
    CoMention,
    /// A person's role at an organization, company, park or place; labelled with the title.
    Role,
    /// A company (or organization, policy, park) in a cluster.
    InCluster,
    /// An entity located in a park or place.
    LocatedIn,
    /// A policy issued by an organization.
    IssuedBy,
    /// A cluster, park, place, organization or company that is part of a larger one.
    PartOf,
}

impl RelationKind {
    /// Every kind, in display order.
    pub const ALL: [RelationKind; 6] = [
        RelationKind::CoMention,
        RelationKind::Role,
        RelationKind::InCluster,
        RelationKind::LocatedIn,
        RelationKind::IssuedBy,
        RelationKind::PartOf,
    ];

    /// `CO_MENTION`, `ROLE`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::CoMention => "CO_MENTION",
            RelationKind::Role => "ROLE",
            RelationKind::InCluster => "IN_CLUSTER",
            RelationKind::LocatedIn => "LOCATED_IN",
            RelationKind::IssuedBy => "ISSUED_BY",
            RelationKind::PartOf => "PART_OF",
        }
    }

    /// Parses `CO_MENTION`, `co-mention`, `comention`... (case, `_` and `-` ignored).
    pub fn parse(s: &str) -> Option<RelationKind> {
        let norm = |t: &str| {
            t.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase()
        };
        let want = norm(s);
        RelationKind::ALL
            .into_iter()
            .find(|k| norm(k.as_str()) == want)
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a relation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// Stated in the dictionaries.
    Curated,
    /// Read from a sentence that states it.
    Extracted,
    /// Inferred from a sentence that names both ends (a company next to a cluster).
    Inferred,
}

impl Origin {
    /// `curated`, `extracted` or `inferred`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Curated => "curated",
            Origin::Extracted => "extracted",
            Origin::Inferred => "inferred",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of [`Origin`]s: every source that states one relation (a role both curated and read
/// from a sentence).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Origins(u8);

impl Origins {
    /// The set of one origin.
    pub fn of(origin: Origin) -> Origins {
        Origins(1 << origin as u8)
    }

    /// Adds an origin.
    pub fn insert(&mut self, origin: Origin) {
        self.0 |= 1 << origin as u8;
    }

    /// Whether the set holds `origin`.
    pub fn contains(self, origin: Origin) -> bool {
        self.0 & (1 << origin as u8) != 0
    }

    /// The origins, in [`Origin`] order (curated first).
    pub fn iter(self) -> impl Iterator<Item = Origin> {
        [Origin::Curated, Origin::Extracted, Origin::Inferred]
            .into_iter()
            .filter(move |&o| self.contains(o))
    }
}

/// A mention of an entity in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The entity.
    pub entity: EntityIdx,
    /// Byte offset in the document's original text.
    pub start: usize,
    /// Byte offset just past the mention; `text[start..end]` is the surface.
    pub end: usize,
    /// Index of the sentence in the document.
    pub sentence: u32,
}

/// A relation found in one sentence of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundRelation {
    /// The kind.
    pub kind: RelationKind,
    /// Source (for co-mentions, the smaller index).
    pub source: EntityIdx,
    /// Target.
    pub target: EntityIdx,
    /// The role's title as written, for roles.
    pub label: Option<String>,
    /// Extracted or inferred.
    pub origin: Origin,
    /// The sentence that proves it.
    pub sentence: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_kinds_parse() {
        assert_eq!(
            RelationKind::parse("co-mention"),
            Some(RelationKind::CoMention)
        );
        assert_eq!(
            RelationKind::parse("IN_CLUSTER"),
            Some(RelationKind::InCluster)
        );
        assert_eq!(RelationKind::parse("nope"), None);
    }
}
