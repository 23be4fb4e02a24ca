//! What every writer shares: the order in which a [`Subgraph`] is written, a node's label, and
//! centrality as every format can hold it.
//!
//! Every writer draws the same [`Subgraph`] in the same order: nodes by entity id, edges by source
//! id, target id, relation kind, origin, label (the order of [`Subgraph::edges`]), whatever the
//! order of the subgraph handed in. Indexes that do not belong to the graph, and edges whose ends
//! are not among the nodes, are skipped, so no format ever refers to a node it does not declare.

use crate::dictionary::{Entity, EntityIdx};
use crate::graph::{Edge, KnowledgeGraph};

use super::select::{Subgraph, edge_order};

/// The nodes and edges of `sub` as every format writes them: nodes in id order without
/// duplicates or foreign indexes, edges between those nodes in [`edge_order`] without duplicates.
pub(crate) fn ordered<'g>(
    graph: &'g KnowledgeGraph,
    sub: &Subgraph,
) -> (Vec<EntityIdx>, Vec<Edge<'g>>) {
    let n = graph.dictionary().len();
    let mut nodes: Vec<EntityIdx> = sub
        .nodes
        .iter()
        .copied()
        .filter(|i| i.index() < n)
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    let drawn = |i: EntityIdx| nodes.binary_search(&i).is_ok();
    let mut edges: Vec<Edge<'g>> = sub
        .edges
        .iter()
        .filter_map(|&e| graph.edge(e))
        .filter(|e| drawn(e.source) && drawn(e.target))
        .collect();
    edges.sort_by(|a, b| edge_order(a).cmp(&edge_order(b)));
    edges.dedup_by_key(|e| e.id);
    (nodes, edges)
}

/// `English / 中文`, or the English name alone when there is no distinct Chinese name.
pub(crate) fn node_label(entity: &Entity) -> String {
    match entity.name_zh.as_deref() {
        Some(zh) if !zh.is_empty() && zh != entity.name => format!("{} / {zh}", entity.name),
        _ => entity.name.clone(),
    }
}

/// PageRank as written: a non-finite value (which the power iteration never gives) becomes 0, so
/// that every format can hold it.
pub(crate) fn centrality(graph: &KnowledgeGraph, idx: EntityIdx) -> f64 {
    let r = graph.pagerank(idx);
    if r.is_finite() { r } else { 0.0 }
}
