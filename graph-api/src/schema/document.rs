//! `Document` (an article of the corpus or the store) and `Mention` (an entity named in one).

use std::sync::Arc;

use async_graphql::connection::Connection;
use async_graphql::{ID, Object, Result};
use graph_core::{DocIdx, Document, EntityIdx, KnowledgeGraph, Mention};

use super::entity::EntityView;
use super::pagination::paginate;
use super::relation::RelationView;
use super::text::{TextLineView, lines_of, utf16_offset};

/// A document of the corpus.
#[derive(Clone)]
pub struct DocumentView {
    g: Arc<KnowledgeGraph>,
    idx: DocIdx,
}

/// A mention of an entity in a document.
#[derive(Clone)]
pub struct MentionView {
    g: Arc<KnowledgeGraph>,
    doc: DocIdx,
    mention: Mention,
}

impl MentionView {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, doc: DocIdx, mention: Mention) -> Self {
        MentionView {
            g: g.clone(),
            doc,
            mention,
        }
    }
}

impl DocumentView {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, idx: DocIdx) -> Self {
        DocumentView { g: g.clone(), idx }
    }

    fn doc(&self) -> &Document {
        self.g.document(self.idx)
    }
}

/// A document of the corpus.
#[Object(name = "Document")]
impl DocumentView {
    /// The stable id (a corpus file's stem).
    async fn id(&self) -> ID {
        ID(self.doc().id.clone())
    }

    /// The headline, or the first sentence when the text has none.
    async fn title(&self) -> Option<&str> {
        self.doc().title.as_deref()
    }

    /// The date the text states, `YYYY-MM-DD`.
    async fn date(&self) -> Option<String> {
        self.doc().date.map(|d| d.to_string())
    }

    /// The date its evidence is dated by, in every span and timeline (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`): the one given at ingest, else the one its header states, else one read
    /// from its text (see `dateBasis`); null when none can be.
    async fn dated(&self) -> Option<String> {
        self.doc().when.map(|w| w.date.to_string())
    }

    /// Where `dated` comes from: `given` (at ingest), `stated` (the header), `release` (a
    /// policy the dictionaries date, released "yesterday" in the text) or `lead` (the lead's
    /// month and day, in the latest year the text states).
    async fn date_basis(&self) -> Option<&'static str> {
        use graph_core::text::when::DocumentBasis as B;
        self.doc().when.map(|w| match w.basis {
            B::Given => "given",
            B::Stated => "stated",
            B::Release => "release",
            B::Lead => "lead",
        })
    }

    /// `en`, `zh` or `mixed`.
    async fn language(&self) -> &'static str {
        self.doc().language.as_str()
    }

    /// Where it comes from: a path or URL.
    async fn source(&self) -> &str {
        &self.doc().source
    }

    /// The number of article sentences (boilerplate excluded).
    async fn sentence_count(&self) -> usize {
        self.doc().sentences.len()
    }

    /// The other documents that tell the same story: reposts of one article by other outlets
    /// (near-identical article text), which count once in every weight. Empty for a story no
    /// other document reposts.
    async fn copies(&self) -> Vec<DocumentView> {
        self.g
            .story(self.idx)
            .into_iter()
            .filter(|&d| d != self.idx)
            .map(|d| DocumentView::new(&self.g, d))
            .collect()
    }

    /// The number of mentions.
    async fn mention_count(&self) -> usize {
        self.doc().mentions.len()
    }

    /// Its mentions, in text order.
    #[graphql(
        complexity = "first.or(last).unwrap_or(50).clamp(0, 1000) as usize * child_complexity + 1"
    )]
    async fn mentions(
        &self,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<usize, MentionView>> {
        let items = self.doc().mentions.clone();
        let (g, doc) = (self.g.clone(), self.idx);
        paginate(items, after, before, first, last, 50, move |mention| {
            MentionView::new(&g, doc, mention)
        })
        .await
    }

    /// The entities it mentions, most mentioned first.
    async fn entities(&self) -> Vec<EntityView> {
        let mut counts: Vec<(EntityIdx, usize)> = Vec::new();
        for m in &self.doc().mentions {
            match counts.iter_mut().find(|(e, _)| *e == m.entity) {
                Some(c) => c.1 += 1,
                None => counts.push((m.entity, 1)),
            }
        }
        counts.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.g.entity(a.0).id.cmp(&self.g.entity(b.0).id))
        });
        counts
            .into_iter()
            .map(|(e, _)| EntityView::new(&self.g, e))
            .collect()
    }

    /// The full original text.
    async fn text(&self) -> &str {
        &self.doc().text
    }

    /// The text line by line as the cleaner classed it: article lines, blank lines, and the
    /// boilerplate it dropped (page chrome, and the footer and all after it), each with the
    /// mentions in it (only article lines have any).
    async fn lines(&self) -> Vec<TextLineView> {
        lines_of(&self.g, self.idx)
    }

    /// The relations this document proves (it is among their evidence), in graph order.
    async fn relations(&self) -> Vec<RelationView> {
        relations_in(&self.g, self.idx)
    }
}

/// The relations whose evidence includes a sentence of document `idx`.
pub(crate) fn relations_in(g: &Arc<KnowledgeGraph>, idx: DocIdx) -> Vec<RelationView> {
    g.edges()
        .filter(|e| e.data.evidence.iter().any(|ev| ev.document == idx))
        .map(|e| RelationView::new(g, e.id))
        .collect()
}

/// A mention of an entity in a document.
#[Object(name = "Mention")]
impl MentionView {
    /// The entity mentioned.
    async fn entity(&self) -> EntityView {
        EntityView::new(&self.g, self.mention.entity)
    }

    /// The text as written.
    async fn surface(&self) -> &str {
        self.g.document(self.doc).surface(&self.mention)
    }

    /// Byte offset in the document's text.
    async fn start(&self) -> usize {
        self.mention.start
    }

    /// Byte offset just past the surface.
    async fn end(&self) -> usize {
        self.mention.end
    }

    /// Offset in the document's text in UTF-16 code units (a JavaScript string index).
    async fn utf16_start(&self) -> usize {
        utf16_offset(&self.g.document(self.doc).text, self.mention.start)
    }

    /// Offset just past the surface in UTF-16 code units.
    async fn utf16_end(&self) -> usize {
        utf16_offset(&self.g.document(self.doc).text, self.mention.end)
    }

    /// The index of its sentence.
    async fn sentence_index(&self) -> u32 {
        self.mention.sentence
    }

    /// The sentence it is in.
    async fn sentence(&self) -> &str {
        self.g
            .document(self.doc)
            .sentence_text(self.mention.sentence)
    }

    /// The document.
    async fn document(&self) -> DocumentView {
        DocumentView::new(&self.g, self.doc)
    }
}
