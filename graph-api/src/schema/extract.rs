//! `ExtractResult`: what `extract` finds in a text of the caller's own. Nothing is stored.

use std::sync::Arc;

use async_graphql::SimpleObject;
use graph_core::{Document, KnowledgeGraph};

use super::entity::EntityView;
use super::relation::OriginGql;
use crate::filter::Relation;

/// An entity mentioned in text given to `extract`.
#[derive(SimpleObject, Clone)]
pub struct ExtractedMention {
    /// The entity.
    pub entity: EntityView,
    /// The text as written.
    pub surface: String,
    /// Byte offset in the given text.
    pub start: usize,
    /// Byte offset just past the surface.
    pub end: usize,
    /// The index of its sentence.
    pub sentence_index: u32,
    /// The sentence.
    pub sentence: String,
}

/// A relation found in text given to `extract`.
#[derive(SimpleObject, Clone)]
pub struct ExtractedRelation {
    /// The kind.
    pub kind: Relation,
    /// The source.
    pub source: EntityView,
    /// The target.
    pub target: EntityView,
    /// The role's title, for roles.
    pub label: Option<String>,
    /// EXTRACTED or INFERRED.
    pub origin: OriginGql,
    /// The index of the sentence that states it.
    pub sentence_index: u32,
    /// The sentence that states it.
    pub sentence: String,
}

/// A spelling shared by several entities that the text did not decide between.
#[derive(SimpleObject, Clone)]
pub struct UnresolvedMention {
    /// The text as written.
    pub surface: String,
    /// Byte offset in the given text.
    pub start: usize,
    /// Byte offset just past the surface.
    pub end: usize,
    /// The entities that claim the spelling.
    pub candidates: Vec<EntityView>,
}

/// What `extract` finds in a text. Nothing is stored.
#[derive(SimpleObject, Clone)]
pub struct ExtractResult {
    /// The headline, or the first sentence.
    pub title: Option<String>,
    /// The date the text states, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `en`, `zh` or `mixed`.
    pub language: String,
    /// The number of sentences.
    pub sentence_count: usize,
    /// The mentions, in text order.
    pub mentions: Vec<ExtractedMention>,
    /// The relations, by sentence.
    pub relations: Vec<ExtractedRelation>,
    /// Spellings left unresolved.
    pub unresolved: Vec<UnresolvedMention>,
}

impl ExtractResult {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, doc: &Document) -> Self {
        ExtractResult {
            title: doc.title.clone(),
            date: doc.date.map(|d| d.to_string()),
            language: doc.language.as_str().to_owned(),
            sentence_count: doc.sentences.len(),
            mentions: doc
                .mentions
                .iter()
                .map(|m| ExtractedMention {
                    entity: EntityView::new(g, m.entity),
                    surface: doc.surface(m).to_owned(),
                    start: m.start,
                    end: m.end,
                    sentence_index: m.sentence,
                    sentence: doc.sentence_text(m.sentence).to_owned(),
                })
                .collect(),
            relations: doc
                .relations
                .iter()
                .map(|r| ExtractedRelation {
                    kind: r.kind.into(),
                    source: EntityView::new(g, r.source),
                    target: EntityView::new(g, r.target),
                    label: r.label.clone(),
                    origin: r.origin.into(),
                    sentence_index: r.sentence,
                    sentence: doc.sentence_text(r.sentence).to_owned(),
                })
                .collect(),
            unresolved: doc
                .unresolved
                .iter()
                .map(|u| UnresolvedMention {
                    surface: doc.text.get(u.start..u.end).unwrap_or("").to_owned(),
                    start: u.start,
                    end: u.end,
                    candidates: u
                        .candidates
                        .iter()
                        .map(|&c| EntityView::new(g, c))
                        .collect(),
                })
                .collect(),
        }
    }
}
