//! `Relation` (an edge), `Evidence` (a sentence that proves one), `Neighbor` (an entity next to
//! another, with the relations between them) and `Origin`.

use std::sync::Arc;

use async_graphql::SimpleObject;
use async_graphql::{Enum, Object, Result};
use graph_core::text::when::{SentenceBasis, SentenceDate};
use graph_core::{EdgeIdx, EntityIdx, Evidence, KnowledgeGraph, Neighbor, Period};

use super::document::DocumentView;
use super::entity::EntityView;
use super::pagination::check_first;
use super::text::{SpanMentionView, span_mentions};
use crate::filter::Relation;

/// Where a relation comes from.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(name = "Origin")]
pub enum OriginGql {
    /// Stated in the curated dictionaries.
    Curated,
    /// Read from a sentence that states it.
    Extracted,
    /// Inferred from a sentence that names both ends.
    Inferred,
}

impl From<graph_core::Origin> for OriginGql {
    fn from(o: graph_core::Origin) -> Self {
        match o {
            graph_core::Origin::Curated => Self::Curated,
            graph_core::Origin::Extracted => Self::Extracted,
            graph_core::Origin::Inferred => Self::Inferred,
        }
    }
}

/// An entity next to another, with what joins them.
#[derive(Clone)]
pub struct NeighborView {
    g: Arc<KnowledgeGraph>,
    entity: EntityIdx,
    weight: u32,
    edges: Vec<EdgeIdx>,
    period: Period,
}

impl NeighborView {
    /// A neighbor found with `period` (its weight already counts only that span).
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, n: &Neighbor<'_>, period: Period) -> Self {
        NeighborView {
            g: g.clone(),
            entity: n.entity,
            weight: n.weight,
            edges: n.edges.iter().map(|e| e.id).collect(),
            period,
        }
    }
}

/// A relation (an edge) between two entities.
#[derive(Clone)]
pub struct RelationView {
    g: Arc<KnowledgeGraph>,
    edge: EdgeIdx,
    /// The span its weight and evidence count in.
    period: Period,
}

impl RelationView {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, edge: EdgeIdx) -> Self {
        Self::in_period(g, edge, Period::ALL)
    }

    /// The relation as the documents dated in `period` state it.
    pub(crate) fn in_period(g: &Arc<KnowledgeGraph>, edge: EdgeIdx, period: Period) -> Self {
        RelationView {
            g: g.clone(),
            edge,
            period,
        }
    }
}

/// How many sentences of one month state a relation.
#[derive(SimpleObject, Clone)]
#[graphql(name = "MonthCount")]
pub struct MonthCountView {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// How many.
    pub count: u32,
}

/// A sentence that proves a relation.
#[derive(Clone)]
pub struct EvidenceView {
    g: Arc<KnowledgeGraph>,
    ev: Evidence,
}

impl EvidenceView {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, ev: Evidence) -> Self {
        EvidenceView { g: g.clone(), ev }
    }
}

/// The first `first` sentences of `evidence`, as views.
pub(crate) fn evidence_views(
    g: &Arc<KnowledgeGraph>,
    evidence: &[Evidence],
    first: i32,
) -> Result<Vec<EvidenceView>> {
    let first = check_first(first)?;
    Ok(evidence
        .iter()
        .take(first)
        .map(|&ev| EvidenceView { g: g.clone(), ev })
        .collect())
}

/// A neighbor of an entity.
#[Object(name = "Neighbor")]
impl NeighborView {
    /// The neighboring entity.
    async fn entity(&self) -> EntityView {
        EntityView::new(&self.g, self.entity)
    }

    /// The sum of the weights of the relations that join the two.
    async fn weight(&self) -> u32 {
        self.weight
    }

    /// The relations that join the two.
    async fn relations(&self) -> Vec<RelationView> {
        self.edges
            .iter()
            .map(|&edge| RelationView::in_period(&self.g, edge, self.period))
            .collect()
    }

    /// The sentences that prove the relations, without repeats.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn evidence(&self, #[graphql(default = 3)] first: i32) -> Result<Vec<EvidenceView>> {
        let mut all: Vec<Evidence> = self
            .edges
            .iter()
            .filter_map(|&e| self.g.edge(e))
            .flat_map(|e| self.g.evidence_in(&e.data.evidence, self.period))
            .collect();
        all.sort_unstable();
        all.dedup();
        evidence_views(&self.g, &all, first)
    }
}

impl RelationView {
    fn edge(&self) -> Result<graph_core::Edge<'_>> {
        self.g
            .edge(self.edge)
            .ok_or_else(|| async_graphql::Error::new("the relation is no longer in the graph"))
    }
}

/// A relation between two entities, with the sentences that prove it.
#[Object(name = "Relation")]
impl RelationView {
    /// The kind.
    async fn kind(&self) -> Result<Relation> {
        Ok(self.edge()?.data.kind.into())
    }

    /// The source (the person of a role, the member of a cluster; the smaller id of a co-mention).
    async fn source(&self) -> Result<EntityView> {
        Ok(EntityView::new(&self.g, self.edge()?.source))
    }

    /// The target.
    async fn target(&self) -> Result<EntityView> {
        Ok(EntityView::new(&self.g, self.edge()?.target))
    }

    /// The role's title, for roles; the relation's name otherwise.
    async fn label(&self) -> Result<String> {
        let e = self.edge()?;
        Ok(e.data
            .label
            .clone()
            .unwrap_or_else(|| e.data.kind.as_str().to_lowercase().replace('_', " ")))
    }

    /// The number of sentences that prove it (at least 1 for curated relations); asked with
    /// `from`/`to`, those of the documents dated in the span.
    async fn weight(&self) -> Result<u32> {
        Ok(self.g.weight_in(self.edge()?.data, self.period))
    }

    /// The date of the earliest document that states it (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`);
    /// null when no dated document does (a curated relation no sentence states). Counts every
    /// document, whatever the span asked.
    async fn first_seen(&self) -> Result<Option<String>> {
        Ok(self
            .g
            .seen(&self.edge()?.data.evidence)
            .first
            .map(|d| d.to_string()))
    }

    /// The date of the latest document that states it.
    async fn last_seen(&self) -> Result<Option<String>> {
        Ok(self
            .g
            .seen(&self.edge()?.data.evidence)
            .last
            .map(|d| d.to_string()))
    }

    /// Its sentences per month, oldest first, in the span asked (documents dated to the month
    /// or the day): how its weight grew.
    async fn months(&self) -> Result<Vec<MonthCountView>> {
        let e = self.edge()?;
        Ok(self
            .g
            .months(self.g.evidence_in(&e.data.evidence, self.period))
            .iter()
            .map(|m| MonthCountView {
                month: m.label(),
                count: m.count,
            })
            .collect())
    }

    /// CURATED, EXTRACTED or INFERRED.
    async fn origin(&self) -> Result<OriginGql> {
        Ok(self.edge()?.data.origin.into())
    }

    /// Every origin that states it: a role the dictionary states and a sentence states too is
    /// one relation, curated and extracted.
    async fn origins(&self) -> Result<Vec<OriginGql>> {
        Ok(self.edge()?.data.origins.iter().map(Into::into).collect())
    }

    /// Where the dictionaries state it, for a curated relation: the file, the line of the entry
    /// and the public page the entry was confirmed on. Null for a relation only sentences state.
    async fn provenance(&self) -> Result<Option<ProvenanceView>> {
        Ok(self
            .edge()?
            .data
            .provenance
            .as_deref()
            .map(|p| ProvenanceView {
                file: p.file,
                line: p.line,
                source: p.source.clone(),
                as_of: p.as_of.map(|d| d.to_string()),
            }))
    }

    /// The sentences that prove it, in document order (in the span asked, if one was).
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn evidence(&self, #[graphql(default = 5)] first: i32) -> Result<Vec<EvidenceView>> {
        let e = self.edge()?;
        if self.period.is_all() {
            return evidence_views(&self.g, &e.data.evidence, first);
        }
        let inside: Vec<Evidence> = self.g.evidence_in(&e.data.evidence, self.period).collect();
        evidence_views(&self.g, &inside, first)
    }
}

/// A sentence of a document that proves a relation.
#[Object(name = "Evidence")]
impl EvidenceView {
    /// The document.
    async fn document(&self) -> DocumentView {
        DocumentView::new(&self.g, self.ev.document)
    }

    /// The sentence itself.
    async fn sentence(&self) -> &str {
        self.g.sentence(self.ev)
    }

    /// The index of the sentence in the document.
    async fn sentence_index(&self) -> u32 {
        self.ev.sentence
    }

    /// Byte offset of the sentence in the document's text.
    async fn start(&self) -> usize {
        self.span().0
    }

    /// Byte offset just past the sentence.
    async fn end(&self) -> usize {
        self.span().1
    }

    /// The mentions in the sentence, in text order, with offsets into `sentence` in UTF-16 code
    /// units (JavaScript string indices), so that a browser can highlight them.
    async fn mentions(&self) -> Vec<SpanMentionView> {
        let (start, end) = self.span();
        span_mentions(&self.g, self.ev.document, start..end)
    }

    /// The date of what the sentence says (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precisely as it
    /// is known): a date the sentence itself states where the rules are sure ("In February
    /// 2017, …", "2020年起"), else its document's date; null when neither is known.
    async fn date(&self) -> Option<String> {
        self.sentence_date().map(|d| d.date.to_string())
    }

    /// Where `date` comes from.
    async fn date_basis(&self) -> Option<DateBasisGql> {
        self.sentence_date().map(|d| match d.basis {
            SentenceBasis::Stated { .. } => DateBasisGql::Sentence,
            SentenceBasis::Document => DateBasisGql::Document,
        })
    }
}

/// Where the dictionaries state a curated relation.
#[derive(async_graphql::SimpleObject, Debug, Clone)]
#[graphql(name = "Provenance")]
pub struct ProvenanceView {
    /// The dictionary file, by name (`people.toml`).
    file: &'static str,
    /// The 1-based line of the entry in that file.
    line: usize,
    /// The public page the entry was confirmed on, when the dictionary gives one.
    source: Option<String>,
    /// The date of that page (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), when known.
    as_of: Option<String>,
}

/// Where an evidence sentence's date comes from.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "DateBasis")]
pub enum DateBasisGql {
    /// The sentence states it.
    Sentence,
    /// The document's date (given, or read from its dateline).
    Document,
}

impl EvidenceView {
    fn sentence_date(&self) -> Option<SentenceDate> {
        self.g
            .document(self.ev.document)
            .sentence_date(self.ev.sentence)
    }

    fn span(&self) -> (usize, usize) {
        self.g
            .document(self.ev.document)
            .sentences
            .get(self.ev.sentence as usize)
            .map_or((0, 0), |s| (s.start, s.end))
    }
}
