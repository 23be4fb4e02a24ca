//! `candidates`: the names the documents give that the dictionaries do not know, grouped by their
//! normalized key across the corpus and ranked as `kgraph candidates` ranks them, each with the
//! sentences that show it.

use std::sync::Arc;

use async_graphql::{Object, Result};
use graph_core::{CandidateGroup, DocIdx, KnowledgeGraph};

use super::document::DocumentView;
use super::entity::EntityView;
use super::pagination::check_first;
use super::review::ProposalView;
use super::text::{utf16_len, utf16_offset};
use crate::filter::Kind;

/// The candidates of the graph's documents, ranked (most documents, then mentions, then signals),
/// of one kind when asked, named in at least `min_documents` documents, written in one of their
/// spellings with `search` (folded as keys are) when given; rejected ones left out.
pub(crate) fn ranked(
    g: &Arc<KnowledgeGraph>,
    kind: Option<Kind>,
    min_documents: usize,
    search: Option<&str>,
) -> Vec<CandidateView> {
    let kind = kind.map(graph_core::EntityKind::from);
    let search = search
        .map(graph_core::discover::normalize)
        .filter(|s| !s.is_empty());
    let found = |c: &CandidateGroup| {
        search.as_deref().is_none_or(|s| {
            c.key.contains(s)
                || c.names
                    .iter()
                    .any(|(n, _)| graph_core::discover::normalize(n).contains(s))
        })
    };
    graph_core::discover::rank(g.documents().iter().map(|d| d.as_ref()))
        .into_iter()
        .filter(|c| kind.is_none_or(|k| c.kind == k) && c.documents >= min_documents)
        .filter(|c| !g.extractor().rejects(&c.key) && found(c))
        .map(|group| CandidateView {
            g: g.clone(),
            group: Arc::new(group),
        })
        .collect()
}

/// A name the dictionaries do not know, across the documents that give it.
#[derive(Clone)]
pub struct CandidateView {
    g: Arc<KnowledgeGraph>,
    group: Arc<CandidateGroup>,
}

/// A name the dictionaries do not know, proposed as a new entity or as a new spelling of a known
/// one, with the signals that proposed it and the sentences that show it.
#[Object(name = "Candidate")]
impl CandidateView {
    /// The normalized key (Traditional → Simplified, width, case and white space folded): equal
    /// keys are the same name.
    async fn key(&self) -> &str {
        &self.group.key
    }

    /// The name as most often written.
    async fn name(&self) -> &str {
        self.group.name()
    }

    /// Every way it is written, most frequent first.
    async fn names(&self) -> Vec<&str> {
        self.group.names.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// The provisional entity (`status: CANDIDATE`) it stands as in the graph until a review
    /// decides: null for a weak candidate (one document, no strong signal), which is only listed
    /// here, and for a proposed alias.
    async fn entity(&self) -> Option<EntityView> {
        let g = self.g.with_candidates();
        g.candidate_entity(&self.group.key)
            .map(|i| EntityView::new(&g, i))
    }

    /// The kind proposed.
    async fn kind(&self) -> Kind {
        self.group.kind.into()
    }

    /// How many documents give it.
    async fn documents(&self) -> usize {
        self.group.documents
    }

    /// How many times it occurs.
    async fn mentions(&self) -> usize {
        self.group.mentions
    }

    /// What proposed it (`zh-suffix`, `appositive`, `capitalized` …), each once.
    async fn signals(&self) -> Vec<String> {
        self.group.signals.iter().map(ToString::to_string).collect()
    }

    /// The sum of the weights of its distinct signals.
    async fn score(&self) -> u32 {
        self.group.score
    }

    /// The known entity it is a longer or shorter form of, when it is proposed as a new spelling
    /// of that entity rather than as a new entity.
    async fn alias_of(&self) -> Option<EntityView> {
        self.group.entity.map(|e| EntityView::new(&self.g, e))
    }

    /// What accepting it adds unless told otherwise (`acceptCandidate`'s defaults).
    async fn proposal(&self) -> ProposalView {
        ProposalView::new(&self.g, &self.group)
    }

    /// The sentences that give it, the best first, then in document order.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn evidence(
        &self,
        #[graphql(default = 5)] first: i32,
    ) -> Result<Vec<CandidateEvidenceView>> {
        let first = check_first(first)?;
        let best = self.group.best;
        let rest = self.group.occurrences.iter().filter(|o| **o != best);
        Ok(std::iter::once(&best)
            .chain(rest)
            .take(first)
            .map(|o| CandidateEvidenceView {
                g: self.g.clone(),
                document: o.document,
                candidate: o.candidate,
            })
            .collect())
    }
}

/// One place a candidate occurs.
pub struct CandidateEvidenceView {
    g: Arc<KnowledgeGraph>,
    /// The document's position in the graph's documents (what `rank` was given).
    document: usize,
    candidate: usize,
}

impl CandidateEvidenceView {
    fn found(&self) -> Option<(&graph_core::Document, &graph_core::Candidate)> {
        let doc = self.g.documents().get(self.document)?;
        Some((doc, doc.candidates.get(self.candidate)?))
    }
}

/// One place a candidate occurs: its document, sentence and span.
#[Object(name = "CandidateEvidence")]
impl CandidateEvidenceView {
    /// The document.
    async fn document(&self) -> DocumentView {
        // `rank` was given the graph's documents in order: its positions are document indices.
        DocumentView::new(&self.g, DocIdx(self.document as u32))
    }

    /// The sentence it is in.
    async fn sentence(&self) -> &str {
        self.found()
            .map_or("", |(doc, c)| doc.sentence_text(c.sentence))
    }

    /// The text as written in this document.
    async fn surface(&self) -> &str {
        self.found()
            .and_then(|(doc, c)| doc.text.get(c.start..c.end))
            .unwrap_or("")
    }

    /// Byte offset in the document's text.
    async fn start(&self) -> usize {
        self.found().map_or(0, |(_, c)| c.start)
    }

    /// Byte offset just past the surface.
    async fn end(&self) -> usize {
        self.found().map_or(0, |(_, c)| c.end)
    }

    /// Offset in the document's text in UTF-16 code units (a JavaScript string index).
    async fn utf16_start(&self) -> usize {
        self.found()
            .map_or(0, |(doc, c)| utf16_offset(&doc.text, c.start))
    }

    /// Offset just past the surface in UTF-16 code units.
    async fn utf16_end(&self) -> usize {
        self.found()
            .map_or(0, |(doc, c)| utf16_offset(&doc.text, c.end))
    }

    /// Where the surface starts in `sentence`, in UTF-16 code units: the place to mark, which
    /// a search for the surface would miss when the sentence holds it twice.
    async fn utf16_in_sentence(&self) -> usize {
        self.found().map_or(0, |(doc, c)| {
            let start = doc
                .sentences
                .get(c.sentence as usize)
                .map_or(0, |s| s.start);
            doc.text.get(start..c.start).map_or(0, utf16_len)
        })
    }
}
