//! GraphML 1.0 output of a [`Subgraph`], for Gephi, yEd, Cytoscape and networkx.
//!
//! One `<graph id="kgraph" edgedefault="directed">`; node ids are entity slugs, edge ids are
//! `e<EdgeIdx>`. Attributes are declared with typed `<key>`s (GraphML keys have one namespace, so
//! node keys have ids `n_*` and edge keys `e_*`; tools read the `attr.name`):
//!
//! - nodes: `label` (`name / 中文`, which Gephi shows), `name`, `name_zh` (absent when the entity
//!   has none), `kind`, `mentions` (int), `centrality` (double, PageRank over the whole graph),
//!   `degree` (int, distinct neighbours in the whole graph);
//! - edges: `relation` (`CO_MENTION`, `ROLE`...), `label` (the role title; absent when none),
//!   `weight` (int), `origin`, `evidence` (the first evidence sentence; absent when none),
//!   `first_seen` and `last_seen` (the dates, `YYYY[-MM[-DD]]`, of the earliest and latest
//!   document that states it; absent when no dated document does), for Gephi's timeline.
//!
//! Every edge is directed: GraphML readers such as networkx reject `directed="false"` edges in a
//! directed graph, so a co-mention, which has no direction, runs from its smaller entity index.
//!
//! Every string goes through [`escape`]: markup characters become entity references, tabs and
//! line breaks become character references (a parser would otherwise fold them inside attributes,
//! and turn `\r` into `\n` everywhere), and characters XML 1.0 cannot hold are dropped. The
//! output is deterministic, in the order of [`format`](super::format).

use std::io::{self, Write};

use crate::graph::{Edge, KnowledgeGraph};

use super::common::{centrality, node_label, ordered};
use super::select::Subgraph;

/// The `<key>` declarations: (id, for, attr.name, attr.type).
const KEYS: [(&str, &str, &str, &str); 15] = [
    ("n_label", "node", "label", "string"),
    ("n_name", "node", "name", "string"),
    ("n_name_zh", "node", "name_zh", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_status", "node", "status", "string"),
    ("n_mentions", "node", "mentions", "int"),
    ("n_centrality", "node", "centrality", "double"),
    ("n_degree", "node", "degree", "int"),
    ("e_relation", "edge", "relation", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_weight", "edge", "weight", "int"),
    ("e_origin", "edge", "origin", "string"),
    ("e_evidence", "edge", "evidence", "string"),
    ("e_first_seen", "edge", "first_seen", "string"),
    ("e_last_seen", "edge", "last_seen", "string"),
];

/// Escapes a string for XML text or a quoted attribute: `&`, `<`, `>`, `"` and `'` become entity
/// references; tab, line feed and carriage return become character references, so they survive
/// attribute-value and line-end normalization; other characters XML 1.0 forbids (C0 controls,
/// U+FFFE, U+FFFF) are dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One `<data>` element.
fn data(out: &mut impl Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value))
}

/// Writes a subgraph as a GraphML document.
///
/// Nodes and edges are written sorted whatever the order of `sub`; edges whose ends are not in
/// `sub.nodes`, and indexes that do not belong to `graph`, are skipped.
pub fn write_graphml(
    graph: &KnowledgeGraph,
    sub: &Subgraph,
    out: &mut impl Write,
) -> io::Result<()> {
    let (nodes, edges) = ordered(graph, sub);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns""#
    )?;
    writeln!(
        out,
        r#"    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#
    )?;
    writeln!(
        out,
        r#"    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, target, name, ty) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{target}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="kgraph" edgedefault="directed">"#)?;
    for idx in nodes {
        let entity = graph.entity(idx);
        writeln!(out, "    <node id=\"{}\">", escape(&entity.id))?;
        data(out, "n_label", &node_label(entity))?;
        data(out, "n_name", &entity.name)?;
        if let Some(zh) = entity.name_zh.as_deref().filter(|zh| !zh.is_empty()) {
            data(out, "n_name_zh", zh)?;
        }
        data(out, "n_kind", entity.kind.as_str())?;
        data(out, "n_status", graph.status(idx).as_str())?;
        data(out, "n_mentions", &graph.mentions_of(idx).len().to_string())?;
        data(out, "n_centrality", &centrality(graph, idx).to_string())?;
        data(out, "n_degree", &graph.degree(idx).to_string())?;
        writeln!(out, "    </node>")?;
    }
    for e in &edges {
        write_edge(graph, e, sub.period, out)?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn write_edge(
    graph: &KnowledgeGraph,
    e: &Edge<'_>,
    period: crate::period::Period,
    out: &mut impl Write,
) -> io::Result<()> {
    let d = e.data;
    writeln!(
        out,
        "    <edge id=\"e{}\" source=\"{}\" target=\"{}\">",
        e.id.0,
        escape(&graph.entity(e.source).id),
        escape(&graph.entity(e.target).id)
    )?;
    data(out, "e_relation", d.kind.as_str())?;
    if let Some(label) = d.label.as_deref() {
        data(out, "e_label", label)?;
    }
    data(out, "e_weight", &graph.weight_in(d, period).to_string())?;
    data(out, "e_origin", d.origin.as_str())?;
    if let Some(first) = graph.evidence_in(&d.evidence, period).next() {
        data(out, "e_evidence", graph.sentence(first))?;
    }
    let seen = graph.seen(&d.evidence);
    if let Some(first) = seen.first {
        data(out, "e_first_seen", &first.to_string())?;
    }
    if let Some(last) = seen.last {
        data(out, "e_last_seen", &last.to_string())?;
    }
    writeln!(out, "    </edge>")
}
