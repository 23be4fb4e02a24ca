//! `TextLine` (a line of a document as the cleaner classed it) and `SpanMention` (a mention
//! located inside a piece of text returned with it, in UTF-16 code units): what a browser needs
//! to show a document's cleaned text and highlight the mentions in a sentence.

use std::ops::Range;
use std::sync::Arc;

use async_graphql::{Enum, Object};
use graph_core::{DocIdx, KnowledgeGraph, Mention};

use super::entity::EntityView;

/// How the cleaner classed a line of a document.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(name = "LineClass")]
pub enum LineClassGql {
    /// Part of the article: its sentences are matched.
    Article,
    /// Empty or white space.
    Blank,
    /// Page chrome, dropped: navigation, menus, widgets, headline lists.
    Chrome,
    /// A footer line or anything after one, dropped.
    Footer,
}

impl From<graph_core::text::LineClass> for LineClassGql {
    fn from(c: graph_core::text::LineClass) -> Self {
        use graph_core::text::LineClass;
        match c {
            LineClass::Article => LineClassGql::Article,
            LineClass::Blank => LineClassGql::Blank,
            LineClass::Chrome => LineClassGql::Chrome,
            LineClass::Footer => LineClassGql::Footer,
        }
    }
}

/// A line of a document: a byte range of its text, without the line break.
#[derive(Clone)]
pub struct TextLineView {
    g: Arc<KnowledgeGraph>,
    doc: DocIdx,
    range: Range<usize>,
    class: LineClassGql,
}

/// The lines of document `doc`, as the cleaner classes them.
pub(crate) fn lines_of(g: &Arc<KnowledgeGraph>, doc: DocIdx) -> Vec<TextLineView> {
    g.extractor()
        .classify_lines(&g.document(doc).text)
        .into_iter()
        .map(|(range, class)| TextLineView {
            g: g.clone(),
            doc,
            range,
            class: class.into(),
        })
        .collect()
}

/// A line of a document's text, as the cleaner classed it.
#[Object(name = "TextLine")]
impl TextLineView {
    /// The line, without its line break.
    async fn text(&self) -> &str {
        self.g
            .document(self.doc)
            .text
            .get(self.range.clone())
            .unwrap_or("")
    }

    /// ARTICLE, BLANK, or the boilerplate kinds CHROME and FOOTER (dropped before matching).
    async fn class(&self) -> LineClassGql {
        self.class
    }

    /// Whether the line is part of the article (its sentences were matched).
    async fn kept(&self) -> bool {
        self.class == LineClassGql::Article
    }

    /// Byte offset of the line in the document's text.
    async fn start(&self) -> usize {
        self.range.start
    }

    /// The mentions in the line, in text order, with offsets into `text` in UTF-16 code units.
    async fn mentions(&self) -> Vec<SpanMentionView> {
        span_mentions(&self.g, self.doc, self.range.clone())
    }
}

/// A mention inside a piece of text returned with it (a sentence of evidence, a line).
#[derive(Clone)]
pub struct SpanMentionView {
    g: Arc<KnowledgeGraph>,
    doc: DocIdx,
    mention: Mention,
    utf16_start: usize,
    utf16_end: usize,
}

/// A mention inside a piece of text returned with it, located in UTF-16 code units, the
/// indices of JavaScript strings (byte offsets would split a Chinese character in a browser).
#[Object(name = "SpanMention")]
impl SpanMentionView {
    /// The entity mentioned.
    async fn entity(&self) -> EntityView {
        EntityView::new(&self.g, self.mention.entity)
    }

    /// The text as written.
    async fn surface(&self) -> &str {
        self.g.document(self.doc).surface(&self.mention)
    }

    /// Where the surface starts in the enclosing text, in UTF-16 code units.
    async fn utf16_start(&self) -> usize {
        self.utf16_start
    }

    /// Where the surface ends in the enclosing text, in UTF-16 code units.
    async fn utf16_end(&self) -> usize {
        self.utf16_end
    }

    /// Byte offset of the surface in the document's text.
    async fn start(&self) -> usize {
        self.mention.start
    }

    /// Byte offset just past the surface in the document's text.
    async fn end(&self) -> usize {
        self.mention.end
    }
}

/// The mentions of document `doc` inside the byte range `span`, located in UTF-16 code units
/// from the range's start. Mentions are in text order, so one pass counts the code units.
pub(crate) fn span_mentions(
    g: &Arc<KnowledgeGraph>,
    doc: DocIdx,
    span: Range<usize>,
) -> Vec<SpanMentionView> {
    let d = g.document(doc);
    let utf16 = |from: usize, to: usize| -> usize { d.text.get(from..to).map_or(0, utf16_len) };
    let first = d.mentions.partition_point(|m| m.start < span.start);
    let (mut at, mut units) = (span.start, 0);
    d.mentions[first..]
        .iter()
        .take_while(|m| m.end <= span.end)
        .map(|&mention| {
            units += utf16(at, mention.start);
            let utf16_start = units;
            units += utf16(mention.start, mention.end);
            at = mention.end;
            SpanMentionView {
                g: g.clone(),
                doc,
                mention,
                utf16_start,
                utf16_end: units,
            }
        })
        .collect()
}

/// The length of `s` in UTF-16 code units: one per character, two for those outside the Basic
/// Multilingual Plane (the ones UTF-8 writes in four bytes). A loop over bytes the compiler
/// vectorizes.
pub(crate) fn utf16_len(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// The offset in UTF-16 code units (a JavaScript string index) of byte `at` of `text`; a byte
/// inside a character counts from that character's start, past the end from the end.
pub(crate) fn utf16_offset(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    utf16_len(&text[..at])
}
