//! `Stats`: counts of the graph.

use async_graphql::SimpleObject;

use crate::filter::{Kind, Relation};

/// How many entities of one kind.
#[derive(SimpleObject, Clone)]
pub struct KindCount {
    /// The kind.
    pub kind: Kind,
    /// How many.
    pub count: usize,
}

/// How many relations of one kind.
#[derive(SimpleObject, Clone)]
pub struct RelationCount {
    /// The kind.
    pub kind: Relation,
    /// How many.
    pub count: usize,
}

/// Counts of the graph.
#[derive(SimpleObject, Clone)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Article sentences over all documents.
    pub sentences: usize,
    /// Mentions over all documents.
    pub mentions: usize,
    /// Entities in the dictionaries.
    pub entities: usize,
    /// Entities mentioned at least once.
    pub mentioned_entities: usize,
    /// Relations (edges).
    pub relations: usize,
    /// Entities per kind.
    pub entities_by_kind: Vec<KindCount>,
    /// Relations per kind.
    pub relations_by_kind: Vec<RelationCount>,
}
