//! Choosing what to draw: a [`Selection`] turns the whole graph into a [`Subgraph`] of nodes and
//! edges.
//!
//! This module owns the meaning of every filter, so that every writer, and every caller that
//! builds a [`Selection`], draws the same picture for the same request. The rules, applied in this order:
//!
//! 1. **Edges** are kept when their kind is in [`Selection::relations`] (empty = every kind) and
//!    their weight is at least [`Selection::min_weight`]. Everything below walks kept edges only.
//! 2. **Candidates** are the entities mentioned at least once or touched by at least one edge of
//!    the graph; an entity the corpus never names and no edge reaches never appears.
//! 3. **Ego network**: with [`Selection::entity`], the entities at most [`Selection::depth`] hops
//!    away over kept edges, in either direction. Co-mentions between two entities equally far
//!    from the centre (two of its neighbours) are then left out, unless
//!    [`Selection::neighbor_co_mentions`]: around a well-connected entity they are most of the
//!    edges, and the picture of whom it relates to drowns in whom its neighbours relate to.
//! 4. **Cluster**: with [`Selection::cluster`], the cluster, its descendants through `parent`, and
//!    the entities with an `IN_CLUSTER` edge of any origin to one of them. Membership does not
//!    depend on the edge filters: those decide what is drawn, not who belongs.
//! 5. **Kinds**: with [`Selection::kinds`], entities of those kinds only; with
//!    [`Selection::status`], entities of those statuses only (in a graph that holds candidates,
//!    [`KnowledgeGraph::with_candidates`]: a graph without them has only curated entities).
//! 6. **Isolated**: unless [`Selection::include_isolated`], entities with no kept edge to another
//!    kept entity are dropped.
//! 7. **Top**: with [`Selection::top`], the N entities of highest PageRank (ties by id) among
//!    those left; rule 6 is applied again afterwards, so the output never holds an isolated node
//!    the caller did not ask for.
//!
//! The ego entity survives rules 2, 5, 6 and 7 (it takes one of the `top` places): a picture
//! centred on an entity that is not in it would be useless. Edges are kept only between kept
//! nodes.

use std::collections::VecDeque;

use crate::dictionary::{EntityIdx, EntityKind};
use crate::document::{Origin, RelationKind};
use crate::graph::{Edge, EdgeIdx, EntityStatus, KnowledgeGraph};

/// What to draw. `Selection::default()` draws every candidate that has a kept edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The centre of an ego network.
    pub entity: Option<EntityIdx>,
    /// How many hops from [`Selection::entity`]; 1 by default.
    pub depth: usize,
    /// Keep entities of these kinds (empty = every kind); never drops the ego entity.
    pub kinds: Vec<EntityKind>,
    /// Keep edges of these kinds (empty = every kind).
    pub relations: Vec<RelationKind>,
    /// Keep entities of these statuses (empty = every status); never drops the ego entity.
    pub status: Vec<EntityStatus>,
    /// Keep this cluster, its sub-clusters and their members.
    pub cluster: Option<EntityIdx>,
    /// Keep edges whose weight is at least this.
    pub min_weight: u32,
    /// Keep the N entities of highest PageRank.
    pub top: Option<usize>,
    /// Keep entities that have no kept edge.
    pub include_isolated: bool,
    /// In an ego network, keep the co-mentions between two entities equally far from the centre.
    pub neighbor_co_mentions: bool,
    /// Weigh edges by the evidence of the documents dated in this span only; an edge read from
    /// text that no sentence of the span states is left out, and so is an entity neither
    /// mentioned in the span nor joined by a kept edge.
    pub period: crate::period::Period,
}

impl Default for Selection {
    fn default() -> Selection {
        Selection {
            entity: None,
            depth: 1,
            kinds: Vec::new(),
            relations: Vec::new(),
            status: Vec::new(),
            cluster: None,
            min_weight: 0,
            top: None,
            include_isolated: false,
            neighbor_co_mentions: false,
            period: crate::period::Period::ALL,
        }
    }
}

/// The part of a graph a [`Selection`] keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subgraph {
    /// The entities, sorted by id (the dictionary's order).
    pub nodes: Vec<EntityIdx>,
    /// The edges between them, sorted by source id, target id, kind, origin, label, then index.
    pub edges: Vec<EdgeIdx>,
    /// The span the edges are weighed in (every export writes weights and evidence of it).
    pub period: crate::period::Period,
}

/// Applies a selection to a graph; see the [module documentation](self) for the rules.
///
/// An `entity` or `cluster` index that does not belong to the graph's dictionary selects nothing.
pub fn select(graph: &KnowledgeGraph, sel: &Selection) -> Subgraph {
    let n = graph.dictionary().len();
    let valid = |idx: &EntityIdx| idx.index() < n;
    let mut kept_edges: Vec<Edge<'_>> = graph
        .edges()
        .filter(|e| {
            let weight = graph.weight_in(e.data, sel.period);
            (sel.relations.is_empty() || sel.relations.contains(&e.data.kind))
                && weight > 0
                && weight >= sel.min_weight
        })
        .collect();

    let mut has_edge = vec![false; n];
    for e in graph
        .edges()
        .filter(|e| sel.period.is_all() || graph.weight_in(e.data, sel.period) > 0)
    {
        has_edge[e.source.index()] = true;
        has_edge[e.target.index()] = true;
    }
    if sel.entity.is_some_and(|e| !valid(&e)) || sel.cluster.is_some_and(|c| !valid(&c)) {
        return Subgraph::default();
    }
    let ego = sel.entity;
    let mut keep: Vec<bool> = (0..n)
        .map(|i| {
            has_edge[i]
                || graph
                    .mentions_of(EntityIdx(i as u32))
                    .iter()
                    .any(|&(doc, _)| sel.period.admits(graph.document_date(doc)))
        })
        .collect();

    if let Some(center) = ego {
        let distance = ego_network(n, &kept_edges, center, sel.depth);
        for (k, d) in keep.iter_mut().zip(&distance) {
            *k &= d.is_some();
        }
        if !sel.neighbor_co_mentions {
            kept_edges.retain(|e| {
                e.data.kind != RelationKind::CoMention
                    || distance[e.source.index()] != distance[e.target.index()]
            });
        }
    }
    if let Some(cluster) = sel.cluster {
        let inside = cluster_members(graph, n, cluster);
        for (k, w) in keep.iter_mut().zip(inside) {
            *k &= w;
        }
    }
    if !sel.kinds.is_empty() {
        for (idx, entity) in graph.dictionary().iter() {
            keep[idx.index()] &= sel.kinds.contains(&entity.kind);
        }
    }
    if !sel.status.is_empty() {
        for (i, k) in keep.iter_mut().enumerate() {
            *k &= sel.status.contains(&graph.status(EntityIdx(i as u32)));
        }
    }
    if let Some(center) = ego {
        keep[center.index()] = true;
    }

    if !sel.include_isolated {
        drop_isolated(&mut keep, &kept_edges, ego);
    }
    if let Some(top) = sel.top {
        let mut ranked: Vec<EntityIdx> = (0..n as u32)
            .map(EntityIdx)
            .filter(|i| keep[i.index()])
            .collect();
        ranked.sort_by(|a, b| {
            // The ego entity first, so that it always takes one of the places.
            (Some(*b) == ego)
                .cmp(&(Some(*a) == ego))
                .then_with(|| graph.pagerank(*b).total_cmp(&graph.pagerank(*a)))
                .then_with(|| a.cmp(b))
        });
        keep.iter_mut().for_each(|k| *k = false);
        for idx in ranked.into_iter().take(top) {
            keep[idx.index()] = true;
        }
        if !sel.include_isolated {
            drop_isolated(&mut keep, &kept_edges, ego);
        }
    }

    let nodes: Vec<EntityIdx> = (0..n as u32)
        .map(EntityIdx)
        .filter(|i| keep[i.index()])
        .collect();
    let mut edges: Vec<Edge<'_>> = kept_edges
        .into_iter()
        .filter(|e| keep[e.source.index()] && keep[e.target.index()])
        .collect();
    edges.sort_by(|a, b| edge_order(a).cmp(&edge_order(b)));
    Subgraph {
        nodes,
        edges: edges.into_iter().map(|e| e.id).collect(),
        period: sel.period,
    }
}

/// The deterministic order of edges in a [`Subgraph`] and in every export.
pub(crate) fn edge_order<'a>(
    e: &Edge<'a>,
) -> (
    EntityIdx,
    EntityIdx,
    RelationKind,
    Origin,
    Option<&'a str>,
    EdgeIdx,
) {
    (
        e.source,
        e.target,
        e.data.kind,
        e.data.origin,
        e.data.label.as_deref(),
        e.id,
    )
}

/// How many hops each entity is from `center` over `edges`, ignoring direction, when at most
/// `depth`.
fn ego_network(
    n: usize,
    edges: &[Edge<'_>],
    center: EntityIdx,
    depth: usize,
) -> Vec<Option<usize>> {
    let mut adj: Vec<Vec<u32>> = vec![Vec::new(); n];
    for e in edges {
        adj[e.source.index()].push(e.target.0);
        adj[e.target.index()].push(e.source.0);
    }
    let mut dist = vec![usize::MAX; n];
    dist[center.index()] = 0;
    let mut queue = VecDeque::from([center.index()]);
    while let Some(at) = queue.pop_front() {
        if dist[at] >= depth {
            continue;
        }
        for &next in &adj[at] {
            let next = next as usize;
            if dist[next] == usize::MAX {
                dist[next] = dist[at] + 1;
                queue.push_back(next);
            }
        }
    }
    dist.into_iter()
        .map(|d| (d != usize::MAX).then_some(d))
        .collect()
}

/// A cluster, everything below it through `parent`, and whatever has an `IN_CLUSTER` edge to
/// one of those.
fn cluster_members(graph: &KnowledgeGraph, n: usize, cluster: EntityIdx) -> Vec<bool> {
    let mut inside = vec![false; n];
    for c in graph.descendants(cluster) {
        inside[c.index()] = true;
    }
    // Collect first: marking while scanning would let a member's own members in.
    let members: Vec<EntityIdx> = graph
        .edges()
        .filter(|e| e.data.kind == RelationKind::InCluster && inside[e.target.index()])
        .map(|e| e.source)
        .collect();
    for m in members {
        inside[m.index()] = true;
    }
    inside
}

/// Unmarks every entity without a kept edge to another marked entity, except the ego entity.
fn drop_isolated(keep: &mut [bool], edges: &[Edge<'_>], ego: Option<EntityIdx>) {
    let mut linked = vec![false; keep.len()];
    for e in edges {
        if e.source != e.target && keep[e.source.index()] && keep[e.target.index()] {
            linked[e.source.index()] = true;
            linked[e.target.index()] = true;
        }
    }
    if let Some(center) = ego {
        linked[center.index()] = true;
    }
    for (k, l) in keep.iter_mut().zip(linked) {
        *k &= l;
    }
}
