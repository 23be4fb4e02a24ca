//! Cytoscape.js JSON output of a [`Subgraph`]: the elements form, which Cytoscape.js takes as
//! `cytoscape({ elements })` and Cytoscape desktop imports as `.cyjs`:
//!
//! ```text
//! {"elements": {
//!   "nodes": [{"data": {"id", "label", "name", "name_zh", "kind", "mentions", "centrality", "degree"}}],
//!   "edges": [{"data": {"id", "source", "target", "relation", "label", "weight", "origin",
//!                       "first_seen", "last_seen", "evidence": [{"document", "sentence"}]}}]}}
//! ```
//!
//! Node ids are entity slugs. Cytoscape.js wants ids unique across nodes *and* edges, and `e12`
//! is a valid slug, so edge ids are `e_<EdgeIdx>`: slugs never hold `_`. `name_zh` and an edge's
//! `label` (the role title) are `null` when absent; `evidence` holds the first
//! [`MAX_EVIDENCE`] sentences with their document ids, while `weight` counts them all.
//!
//! The output is pretty-printed and deterministic: fields are struct fields in a fixed order
//! (serde_json escapes every string), and elements come in the order of
//! [`format`](super::format).

use std::io::{self, Write};

use serde::Serialize;

use crate::graph::{Edge, KnowledgeGraph};

use super::common::{centrality, node_label, ordered};
use super::select::Subgraph;

/// At most this many evidence sentences per edge.
pub const MAX_EVIDENCE: usize = 3;

#[derive(Serialize)]
struct Document<'a> {
    elements: Elements<'a>,
}

#[derive(Serialize)]
struct Elements<'a> {
    nodes: Vec<Element<NodeData<'a>>>,
    edges: Vec<Element<EdgeData<'a>>>,
}

#[derive(Serialize)]
struct Element<T> {
    data: T,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    label: String,
    name: &'a str,
    name_zh: Option<&'a str>,
    kind: &'static str,
    /// `curated`, or `candidate` for a provisional entity.
    status: &'static str,
    mentions: usize,
    centrality: f64,
    degree: u32,
}

#[derive(Serialize)]
struct EdgeData<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    relation: &'static str,
    label: Option<&'a str>,
    weight: u32,
    origin: &'static str,
    /// The date of the earliest document that states it; `null` when no dated document does.
    first_seen: Option<String>,
    /// The date of the latest.
    last_seen: Option<String>,
    evidence: Vec<EvidenceData<'a>>,
}

#[derive(Serialize)]
struct EvidenceData<'a> {
    document: &'a str,
    sentence: &'a str,
}

/// Writes a subgraph as Cytoscape.js elements JSON, pretty-printed, ending with a line break.
///
/// Nodes and edges are written sorted whatever the order of `sub`; edges whose ends are not in
/// `sub.nodes`, and indexes that do not belong to `graph`, are skipped.
pub fn write_json(graph: &KnowledgeGraph, sub: &Subgraph, out: &mut impl Write) -> io::Result<()> {
    let (nodes, edges) = ordered(graph, sub);
    let nodes = nodes
        .into_iter()
        .map(|idx| {
            let entity = graph.entity(idx);
            Element {
                data: NodeData {
                    id: &entity.id,
                    label: node_label(entity),
                    name: &entity.name,
                    name_zh: entity.name_zh.as_deref().filter(|zh| !zh.is_empty()),
                    kind: entity.kind.as_str(),
                    status: graph.status(idx).as_str(),
                    mentions: graph.mentions_of(idx).len(),
                    centrality: centrality(graph, idx),
                    degree: graph.degree(idx),
                },
            }
        })
        .collect();
    let edges = edges
        .iter()
        .map(|e| edge_data(graph, e, sub.period))
        .collect();
    let doc = Document {
        elements: Elements { nodes, edges },
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
    writeln!(out)
}

fn edge_data<'g>(
    graph: &'g KnowledgeGraph,
    e: &Edge<'g>,
    period: crate::period::Period,
) -> Element<EdgeData<'g>> {
    let d = e.data;
    let seen = graph.seen(&d.evidence);
    Element {
        data: EdgeData {
            id: format!("e_{}", e.id.0),
            source: &graph.entity(e.source).id,
            target: &graph.entity(e.target).id,
            relation: d.kind.as_str(),
            label: d.label.as_deref(),
            weight: graph.weight_in(d, period),
            origin: d.origin.as_str(),
            first_seen: seen.first.map(|date| date.to_string()),
            last_seen: seen.last.map(|date| date.to_string()),
            evidence: graph
                .evidence_in(&d.evidence, period)
                .take(MAX_EVIDENCE)
                .map(|ev| EvidenceData {
                    document: graph
                        .documents()
                        .get(ev.document.index())
                        .map_or("", |doc| doc.id.as_str()),
                    sentence: graph.sentence(ev),
                })
                .collect(),
        },
    }
}
