//! The export formats side by side: [`Format`] names them (parsed from their names, with their
//! file extensions), and [`write_export`] writes the single-stream ones.
//!
//! Every writer draws the same [`Subgraph`] in the same order: nodes by entity id, edges by source
//! id, target id, relation kind, origin, label (the order of [`Subgraph::edges`] and of the DOT
//! writer), whatever the order of the subgraph handed in. Indexes that do not belong to the graph,
//! and edges whose ends are not among the nodes, are skipped, so no format ever refers to a node
//! it does not declare.

use std::fmt;
use std::io::{self, Write};

use crate::dictionary::{Entity, EntityIdx};
use crate::graph::{Edge, KnowledgeGraph};

use super::dot::{DotOptions, write_dot};
use super::graphml::write_graphml;
use super::json::write_json;
use super::select::{Subgraph, edge_order};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Graphviz DOT, for `dot`, `sfdp` and friends.
    Dot,
    /// GraphML 1.0, for Gephi, yEd, Cytoscape and networkx.
    Graphml,
    /// Cytoscape.js elements JSON.
    Json,
    /// Neo4j bulk-import CSV: a directory holding `nodes.csv` and `relationships.csv`.
    Csv,
}

impl Format {
    /// Every format, in the order of the enum.
    pub const ALL: [Format; 4] = [Format::Dot, Format::Graphml, Format::Json, Format::Csv];

    /// Parses `dot`, `graphml`, `json` or `csv`, in any case, around white space.
    pub fn parse(s: &str) -> Option<Format> {
        let s = s.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
    }

    /// `dot`, `graphml`, `json` or `csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    /// The file extension, without the dot; for [`Format::Csv`], that of each of the two files.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Writes a subgraph in one of the single-stream formats; `dot` is used by [`Format::Dot`] only.
///
/// [`Format::Csv`] is two files, not one stream: it fails with [`io::ErrorKind::InvalidInput`]
/// before writing anything; use [`write_csv`](super::write_csv()) or
/// [`write_csv_dir`](super::write_csv_dir()).
pub fn write_export(
    graph: &KnowledgeGraph,
    sub: &Subgraph,
    format: Format,
    dot: &DotOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        Format::Dot => write_dot(graph, sub, dot, out),
        Format::Graphml => write_graphml(graph, sub, out),
        Format::Json => write_json(graph, sub, out),
        Format::Csv => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the CSV export is a directory of two files (nodes.csv and relationships.csv), \
             not one stream: use write_csv or write_csv_dir",
        )),
    }
}

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
