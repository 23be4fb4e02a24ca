//! `ExtractResult`: what `extract` finds in a text of the caller's own. Nothing is stored.
//!
//! Views over one extracted [`Document`], like the rest of the schema: a mention or a relation is
//! the document and an index, and its sentence is a span of the one text, read when asked. A
//! copy of the sentence per relation made one 26 KB sentence naming a thousand entities (half a
//! million co-mentions) take gigabytes. The lists come in pages (`first`, at most 1,000, counted
//! in the query's complexity), with their lengths beside them.

use std::sync::Arc;

use async_graphql::{Object, Result};
use graph_core::{Document, KnowledgeGraph};

use super::entity::EntityView;
use super::pagination::page;
use super::relation::OriginGql;
use super::text::utf16_len;
use crate::filter::Relation;

/// What `extract` found, shared by its views.
#[derive(Clone)]
struct Found {
    g: Arc<KnowledgeGraph>,
    doc: Arc<Document>,
    /// The UTF-16 offsets of every mention's start and end, counted in one pass over the text
    /// the first time a mention's are asked for.
    utf16: Arc<std::sync::OnceLock<Vec<(usize, usize)>>>,
}

impl Found {
    /// The UTF-16 offsets of mention `i`.
    fn utf16(&self, i: usize) -> (usize, usize) {
        let table = self.utf16.get_or_init(|| {
            let (mut at, mut units) = (0, 0);
            self.doc
                .mentions
                .iter()
                .map(|m| {
                    units += utf16_len(self.doc.text.get(at..m.start).unwrap_or(""));
                    let start = units;
                    units += utf16_len(self.doc.text.get(m.start..m.end).unwrap_or(""));
                    at = m.end;
                    (start, units)
                })
                .collect()
        });
        table.get(i).copied().unwrap_or((0, 0))
    }
}

/// An entity mentioned in text given to `extract`.
#[derive(Clone)]
pub struct ExtractedMention {
    found: Found,
    i: usize,
}

/// An entity mentioned in text given to `extract`.
#[Object]
impl ExtractedMention {
    /// The entity.
    async fn entity(&self) -> EntityView {
        EntityView::new(&self.found.g, self.found.doc.mentions[self.i].entity)
    }

    /// The text as written.
    async fn surface(&self) -> &str {
        self.found.doc.surface(&self.found.doc.mentions[self.i])
    }

    /// Byte offset in the given text.
    async fn start(&self) -> usize {
        self.found.doc.mentions[self.i].start
    }

    /// Byte offset just past the surface.
    async fn end(&self) -> usize {
        self.found.doc.mentions[self.i].end
    }

    /// Offset in the given text in UTF-16 code units (a JavaScript string index).
    async fn utf16_start(&self) -> usize {
        self.found.utf16(self.i).0
    }

    /// Offset just past the surface in UTF-16 code units.
    async fn utf16_end(&self) -> usize {
        self.found.utf16(self.i).1
    }

    /// The index of its sentence.
    async fn sentence_index(&self) -> u32 {
        self.found.doc.mentions[self.i].sentence
    }

    /// The sentence.
    async fn sentence(&self) -> &str {
        self.found
            .doc
            .sentence_text(self.found.doc.mentions[self.i].sentence)
    }
}

/// A relation found in text given to `extract`.
#[derive(Clone)]
pub struct ExtractedRelation {
    found: Found,
    i: usize,
}

impl ExtractedRelation {
    fn relation(&self) -> &graph_core::FoundRelation {
        &self.found.doc.relations[self.i]
    }
}

/// A relation found in text given to `extract`.
#[Object]
impl ExtractedRelation {
    /// The kind.
    async fn kind(&self) -> Relation {
        self.relation().kind.into()
    }

    /// The source.
    async fn source(&self) -> EntityView {
        EntityView::new(&self.found.g, self.relation().source)
    }

    /// The target.
    async fn target(&self) -> EntityView {
        EntityView::new(&self.found.g, self.relation().target)
    }

    /// The role's title, for roles.
    async fn label(&self) -> Option<&str> {
        self.relation().label.as_deref()
    }

    /// EXTRACTED or INFERRED.
    async fn origin(&self) -> OriginGql {
        self.relation().origin.into()
    }

    /// The index of the sentence that states it.
    async fn sentence_index(&self) -> u32 {
        self.relation().sentence
    }

    /// The sentence that states it.
    async fn sentence(&self) -> &str {
        self.found.doc.sentence_text(self.relation().sentence)
    }
}

/// A spelling shared by several entities that the text did not decide between.
#[derive(Clone)]
pub struct UnresolvedMention {
    found: Found,
    i: usize,
}

/// A spelling shared by several entities that the text did not decide between.
#[Object]
impl UnresolvedMention {
    /// The text as written.
    async fn surface(&self) -> &str {
        let u = &self.found.doc.unresolved[self.i];
        self.found.doc.text.get(u.start..u.end).unwrap_or("")
    }

    /// Byte offset in the given text.
    async fn start(&self) -> usize {
        self.found.doc.unresolved[self.i].start
    }

    /// Byte offset just past the surface.
    async fn end(&self) -> usize {
        self.found.doc.unresolved[self.i].end
    }

    /// The entities that claim the spelling.
    async fn candidates(&self) -> Vec<EntityView> {
        self.found.doc.unresolved[self.i]
            .candidates
            .iter()
            .map(|&c| EntityView::new(&self.found.g, c))
            .collect()
    }
}

/// What `extract` finds in a text. Nothing is stored.
#[derive(Clone)]
pub struct ExtractResult {
    found: Found,
}

impl ExtractResult {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, doc: Document) -> Self {
        ExtractResult {
            found: Found {
                g: g.clone(),
                doc: Arc::new(doc),
                utf16: Arc::default(),
            },
        }
    }
}

/// What `extract` finds in a text. Nothing is stored.
#[Object]
impl ExtractResult {
    /// The headline, or the first sentence.
    async fn title(&self) -> Option<&str> {
        self.found.doc.title.as_deref()
    }

    /// The date the text states, `YYYY-MM-DD`.
    async fn date(&self) -> Option<String> {
        self.found.doc.date.map(|d| d.to_string())
    }

    /// `en`, `zh` or `mixed`.
    async fn language(&self) -> &str {
        self.found.doc.language.as_str()
    }

    /// The number of sentences.
    async fn sentence_count(&self) -> usize {
        self.found.doc.sentences.len()
    }

    /// The number of mentions (`mentions` pages through them).
    async fn mention_count(&self) -> usize {
        self.found.doc.mentions.len()
    }

    /// The number of relations (`relations` pages through them).
    async fn relation_count(&self) -> usize {
        self.found.doc.relations.len()
    }

    /// The mentions, in text order: `first` (at most 1000) from `offset`.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn mentions(
        &self,
        #[graphql(default = 1000)] first: i32,
        #[graphql(default = 0)] offset: i32,
    ) -> Result<Vec<ExtractedMention>> {
        Ok(page(0..self.found.doc.mentions.len(), first, offset)?
            .map(|i| ExtractedMention {
                found: self.found.clone(),
                i,
            })
            .collect())
    }

    /// The relations, by sentence: `first` (at most 1000) from `offset`.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn relations(
        &self,
        #[graphql(default = 1000)] first: i32,
        #[graphql(default = 0)] offset: i32,
    ) -> Result<Vec<ExtractedRelation>> {
        Ok(page(0..self.found.doc.relations.len(), first, offset)?
            .map(|i| ExtractedRelation {
                found: self.found.clone(),
                i,
            })
            .collect())
    }

    /// Spellings left unresolved: `first` (at most 1000) from `offset`.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn unresolved(
        &self,
        #[graphql(default = 1000)] first: i32,
        #[graphql(default = 0)] offset: i32,
    ) -> Result<Vec<UnresolvedMention>> {
        Ok(page(0..self.found.doc.unresolved.len(), first, offset)?
            .map(|i| UnresolvedMention {
                found: self.found.clone(),
                i,
            })
            .collect())
    }
}
