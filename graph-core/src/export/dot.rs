//! Graphviz DOT output of a [`Subgraph`]: how entities and relations look, the legend, grouping
//! into boxes, and the escaping of every string written.
//!
//! What is drawn is decided by [`select`](super::select()); this module only decides how. The
//! output is deterministic: nodes and edges are written in a sorted order and nothing is taken
//! from a hash map's iteration, so the same graph and options give the same bytes.
//!
//! Every string goes through [`escape`], and every attribute value is quoted, so that names with
//! quotes, backslashes or line breaks can neither end a string early nor inject attributes. The one
//! exception is the legend's table of line styles, an HTML-like label of the writer's own words
//! (escaped for HTML all the same).

use std::io::{self, Write};

use crate::dictionary::{Entity, EntityIdx, EntityKind};
use crate::document::{Origin, RelationKind};
use crate::graph::{Edge, EdgeData, KnowledgeGraph};

use super::select::Subgraph;

/// Fonts for graph, node and edge text: Latin first, then CJK fallbacks, so that Chinese names
/// render wherever one of the usual CJK fonts is installed instead of as empty boxes.
const FONTS: &str = "Noto Sans CJK SC,WenQuanYi Micro Hei,Noto Sans,sans-serif";

/// Colour of co-mention edges: light, so the typed relations stand out.
const CO_MENTION_COLOR: &str = "#b0b0b0";

/// Box labels are set explicitly: boxes would otherwise inherit the title's larger size.
const BOX_FONTSIZE: &str = "12";

/// Penwidth never grows past this, so that one heavy co-mention does not hide its neighbours.
const MAX_PENWIDTH: f64 = 8.0;

/// How to lay out nodes in boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// One box per cluster holding the cluster and its companies.
    Cluster,
    /// One box per entity kind.
    Kind,
}

/// How to write the DOT text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DotOptions {
    /// Boxes around groups of nodes; none by default.
    pub group_by: Option<GroupBy>,
    /// A title written above the graph.
    pub title: Option<String>,
}

/// Escapes a string for a double-quoted DOT string: `\` → `\\`, `"` → `\"`, a line break → the
/// two characters `\n` (a centred line break in a label), a carriage return dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A quoted, escaped DOT string.
fn quote(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

/// `[a="x", b="y"]`, every value quoted and escaped.
fn attrs(list: &[(&str, String)]) -> String {
    let body: Vec<String> = list
        .iter()
        .map(|(k, v)| format!("{k}={}", quote(v)))
        .collect();
    format!("[{}]", body.join(", "))
}

/// Shape and fill colour of a kind: pale fills, so black text stays readable on all of them.
fn kind_style(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Company => ("box", "#cfe2f3"),
        EntityKind::Person => ("ellipse", "#fde2c4"),
        EntityKind::Organization => ("hexagon", "#d9ead3"),
        EntityKind::Park => ("tab", "#e4d7f5"),
        EntityKind::Policy => ("note", "#fff2a8"),
        EntityKind::Cluster => ("component", "#f4cccc"),
        EntityKind::Place => ("oval", "#d0e0e3"),
        EntityKind::Event => ("octagon", "#fce5cd"),
    }
}

/// Colour and label of a typed relation.
fn relation_style(kind: RelationKind) -> (&'static str, &'static str) {
    match kind {
        RelationKind::CoMention => (CO_MENTION_COLOR, "co-mention"),
        RelationKind::Role => ("#d55e00", "role"),
        RelationKind::InCluster => ("#cc3366", "in cluster"),
        RelationKind::LocatedIn => ("#009e73", "located in"),
        RelationKind::IssuedBy => ("#0072b2", "issued by"),
        RelationKind::PartOf => ("#6a3d9a", "part of"),
    }
}

/// `English\n中文`, or the English name alone; a long English name is wrapped.
fn display_name(entity: &Entity) -> String {
    let name = wrap(&entity.name);
    match entity.name_zh.as_deref() {
        Some(zh) if !zh.is_empty() && zh != entity.name => format!("{name}\n{zh}"),
        _ => name,
    }
}

/// The longest line of a label, in characters, before it is wrapped.
const WRAP: usize = 24;

/// Breaks a label into lines of at most [`WRAP`] characters at spaces (a longer word stays
/// whole). Names of a development zone's bodies run to seventy characters; on one line they make
/// nodes so wide that a picture shrunk to a page's width cannot be read.
fn wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut line = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > WRAP {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// Edge width from weight: logarithmic, so that weights 1..100 stay between thin and thick.
fn penwidth(weight: u32) -> String {
    let w = 1.0 + f64::from(weight.max(1)).ln() * 1.5;
    format!("{:.2}", w.min(MAX_PENWIDTH))
}

/// A DOT subgraph (box) name: `cluster_` makes Graphviz draw it as a box; `-` is not allowed in
/// unquoted ids, and underscores keep the names readable when the file is read by hand.
fn box_name(suffix: &str) -> String {
    format!("cluster_{}", suffix.replace('-', "_"))
}

/// Writes a subgraph as a Graphviz `digraph`.
///
/// Nodes and edges are written sorted whatever the order of `sub`; edges whose ends are not in
/// `sub.nodes`, and indexes that do not belong to `graph`, are skipped, so that the picture never
/// holds an unstyled node.
pub fn write_dot(
    graph: &KnowledgeGraph,
    sub: &Subgraph,
    opts: &DotOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let (nodes, edges) = super::common::ordered(graph, sub);

    writeln!(out, "digraph kgraph {{")?;
    let mut graph_attrs = vec![
        // Ranks for the whole graph at once, not box by box: with boxes (the legend, kinds,
        // clusters) and edges between them, dot's default ranking fails on Graphviz 2.43
        // ("trouble in init_rank", then "triangulation failed" and boxes drawn over each other).
        ("newrank", "true".to_owned()),
        ("charset", "UTF-8".to_owned()),
        ("fontname", FONTS.to_owned()),
        ("overlap", "false".to_owned()),
        ("splines", "true".to_owned()),
        ("rankdir", "LR".to_owned()),
    ];
    if let Some(title) = &opts.title {
        graph_attrs.push(("label", title.clone()));
        graph_attrs.push(("labelloc", "t".to_owned()));
        graph_attrs.push(("fontsize", "18".to_owned()));
    }
    writeln!(out, "  graph {};", attrs(&graph_attrs))?;
    writeln!(
        out,
        "  node {};",
        attrs(&[
            ("fontname", FONTS.to_owned()),
            ("style", "filled".to_owned()),
            ("fontsize", "11".to_owned())
        ])
    )?;
    writeln!(
        out,
        "  edge {};",
        attrs(&[("fontname", FONTS.to_owned()), ("fontsize", "9".to_owned())])
    )?;

    write_legend(graph, &nodes, &edges, out)?;

    match opts.group_by {
        None => {
            for &idx in &nodes {
                write_node(graph, idx, "  ", out)?;
            }
        }
        Some(GroupBy::Kind) => {
            for kind in EntityKind::ALL {
                let of_kind: Vec<EntityIdx> = nodes
                    .iter()
                    .copied()
                    .filter(|&i| graph.entity(i).kind == kind)
                    .collect();
                if of_kind.is_empty() {
                    continue;
                }
                writeln!(
                    out,
                    "  subgraph {} {{",
                    quote(&box_name(&format!("kind_{}", kind.as_str())))
                )?;
                writeln!(
                    out,
                    "    graph {};",
                    attrs(&[
                        ("label", kind.as_str().to_owned()),
                        ("style", "rounded".to_owned()),
                        ("fontsize", BOX_FONTSIZE.to_owned())
                    ])
                )?;
                for idx in of_kind {
                    write_node(graph, idx, "    ", out)?;
                }
                writeln!(out, "  }}")?;
            }
        }
        Some(GroupBy::Cluster) => write_cluster_boxes(graph, &nodes, out)?,
    }

    for e in &edges {
        write_edge(graph, e, sub.period, out)?;
    }
    writeln!(out, "}}")
}

/// How an edge is drawn: its line style, the colour the legend shows it in, and what the legend
/// says it means.
fn line_style(data: &EdgeData) -> (&'static str, &'static str, &'static str) {
    match (data.kind, data.origin) {
        (RelationKind::CoMention, _) => (
            "dashed",
            CO_MENTION_COLOR,
            "co-mention: named in one sentence",
        ),
        (_, Origin::Inferred) => ("dotted", "black", "inferred: named in one sentence"),
        _ => ("solid", "black", "stated by the dictionaries or a sentence"),
    }
}

/// Escapes text for an HTML-like label.
fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The legend: one node per kind drawn, styled like that kind, in [`EntityKind::ALL`] order,
/// then each line style drawn (solid, dashed, dotted) with what it means.
fn write_legend(
    graph: &KnowledgeGraph,
    nodes: &[EntityIdx],
    edges: &[Edge<'_>],
    out: &mut impl Write,
) -> io::Result<()> {
    let present: Vec<EntityKind> = EntityKind::ALL
        .into_iter()
        .filter(|&k| nodes.iter().any(|&i| graph.entity(i).kind == k))
        .collect();
    if present.is_empty() {
        return Ok(());
    }
    let mut lines: Vec<(&str, &str, &str)> = edges.iter().map(|e| line_style(e.data)).collect();
    lines.sort_unstable_by_key(|(style, ..)| {
        ["solid", "dashed", "dotted"]
            .iter()
            .position(|s| s == style)
    });
    lines.dedup();
    writeln!(out, "  subgraph {} {{", quote("cluster_legend"))?;
    writeln!(
        out,
        "    graph {};",
        attrs(&[
            ("label", "Legend".to_owned()),
            ("style", "rounded".to_owned()),
            ("fontsize", BOX_FONTSIZE.to_owned())
        ])
    )?;
    for kind in present {
        let (shape, fill) = kind_style(kind);
        // Entity ids are slugs (lowercase, digits, `-`), so an `_` keeps legend ids apart from them.
        writeln!(
            out,
            "    {} {};",
            quote(&format!("legend_{}", kind.as_str())),
            attrs(&[
                ("label", kind.as_str().to_owned()),
                ("shape", shape.to_owned()),
                ("fillcolor", fill.to_owned()),
                ("tooltip", format!("entity kind {}", kind.as_str())),
            ])
        )?;
    }
    if !lines.is_empty() {
        // The line styles as rows of a table whose first cell shows only its bottom border,
        // drawn in the style: an edge in the legend would take its length from the ranks of
        // the graph beside it.
        let mut rows = String::new();
        for (style, color, meaning) in lines {
            rows.push_str(&format!(
                "<TR><TD WIDTH=\"36\" HEIGHT=\"8\" SIDES=\"B\" BORDER=\"1\" STYLE=\"{style}\" COLOR=\"{color}\"></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
                html_escape(meaning)
            ));
        }
        writeln!(
            out,
            "    {} [shape=\"plaintext\", style=\"\", tooltip=\"line styles\", label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\">{rows}</TABLE>>];",
            quote("legend_lines")
        )?;
    }
    writeln!(out, "  }}")
}

/// One box per cluster: the cluster node if drawn, and the companies placed in it.
///
/// A company goes in one box only (Graphviz boxes cannot overlap): among its clusters
/// (`clusters_of`, inferred memberships included), the first that is drawn, direct before
/// inherited through `parent`, then by cluster id. Everything else is written outside the boxes.
fn write_cluster_boxes(
    graph: &KnowledgeGraph,
    nodes: &[EntityIdx],
    out: &mut impl Write,
) -> io::Result<()> {
    let drawn = |i: EntityIdx| nodes.binary_search(&i).is_ok();
    // (box cluster, node), sorted below so that boxes come out in cluster id order.
    let mut placed: Vec<(EntityIdx, EntityIdx)> = Vec::new();
    let mut loose: Vec<EntityIdx> = Vec::new();
    for &idx in nodes {
        match graph.entity(idx).kind {
            EntityKind::Cluster => placed.push((idx, idx)),
            EntityKind::Company => {
                let home = graph
                    .clusters_of(idx, true)
                    .into_iter()
                    .min_by_key(|m| (!drawn(m.entity), !m.via.is_empty(), m.entity))
                    .map(|m| m.entity);
                match home {
                    Some(cluster) => placed.push((cluster, idx)),
                    None => loose.push(idx),
                }
            }
            _ => loose.push(idx),
        }
    }
    // The cluster node first in its own box, then members by id.
    placed.sort_by_key(|&(cluster, node)| (cluster, node != cluster, node));
    let mut i = 0;
    while i < placed.len() {
        let cluster = placed[i].0;
        let entity = graph.entity(cluster);
        writeln!(out, "  subgraph {} {{", quote(&box_name(&entity.id)))?;
        writeln!(
            out,
            "    graph {};",
            attrs(&[
                ("label", display_name(entity)),
                ("style", "rounded".to_owned()),
                ("fontsize", BOX_FONTSIZE.to_owned())
            ])
        )?;
        while i < placed.len() && placed[i].0 == cluster {
            write_node(graph, placed[i].1, "    ", out)?;
            i += 1;
        }
        writeln!(out, "  }}")?;
    }
    for idx in loose {
        write_node(graph, idx, "  ", out)?;
    }
    Ok(())
}

fn write_node(
    graph: &KnowledgeGraph,
    idx: EntityIdx,
    indent: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    let entity = graph.entity(idx);
    let (shape, fill) = kind_style(entity.kind);
    let mut list = vec![
        ("label", display_name(entity)),
        ("shape", shape.to_owned()),
        ("fillcolor", fill.to_owned()),
        (
            "tooltip",
            format!("{}: {}", entity.kind.as_str(), entity.id),
        ),
    ];
    // A provisional entity: dashed, and said so where the pointer rests.
    if graph.is_candidate(idx) {
        list.push(("style", "filled,dashed".to_owned()));
        list[3].1 = format!("candidate {}: {}", entity.kind.as_str(), entity.id);
    }
    writeln!(out, "{indent}{} {};", quote(&entity.id), attrs(&list))
}

fn write_edge(
    graph: &KnowledgeGraph,
    e: &Edge<'_>,
    period: crate::period::Period,
    out: &mut impl Write,
) -> io::Result<()> {
    let data = e.data;
    let (color, name) = relation_style(data.kind);
    let (style, ..) = line_style(data);
    let n = graph.evidence_in(&data.evidence, period).count();
    let evidence = format!("{n} evidence sentence{}", if n == 1 { "" } else { "s" });
    let mut list = vec![
        ("penwidth", penwidth(graph.weight_in(data, period))),
        ("color", color.to_owned()),
    ];
    if data.kind == RelationKind::CoMention {
        // Co-mentions have no direction: the source is just the smaller index.
        list.push(("dir", "none".to_owned()));
        list.push(("style", style.to_owned()));
        list.push(("tooltip", format!("co-mention: {evidence}")));
    } else {
        let label = match (data.kind, data.label.as_deref()) {
            (RelationKind::Role, Some(title)) if !title.is_empty() => title.to_owned(),
            _ => name.to_owned(),
        };
        list.push(("style", style.to_owned()));
        list.push(("label", wrap(&label)));
        list.push(("fontcolor", color.to_owned()));
        list.push((
            "tooltip",
            format!("{label} ({}): {evidence}", data.origin.as_str()),
        ));
    }
    // When the news stated it, for tools that play a graph over time (Graphviz ignores them).
    let seen = graph.seen(&data.evidence);
    if let Some(first) = seen.first {
        list.push(("first_seen", first.to_string()));
    }
    if let Some(last) = seen.last {
        list.push(("last_seen", last.to_string()));
    }
    writeln!(
        out,
        "  {} -> {} {};",
        quote(&graph.entity(e.source).id),
        quote(&graph.entity(e.target).id),
        attrs(&list)
    )
}
