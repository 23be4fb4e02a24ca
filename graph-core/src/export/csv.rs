//! Neo4j bulk-import CSV output of a [`Subgraph`]: the header form `neo4j-admin database import`
//! reads, in two files.
//!
//! - [`NODES_FILE`]: `id:ID,name,name_zh,kind,mentions:int,centrality:double,:LABEL`, where `id`
//!   is the entity slug and `:LABEL` the kind capitalised (`Company`, `Person`...).
//! - [`RELATIONSHIPS_FILE`]: `:START_ID,:END_ID,:TYPE,label,weight:int,origin,evidence`, where
//!   `:TYPE` is the relation (`CO_MENTION`, `ROLE`...), `label` the role title and `evidence` the
//!   first evidence sentence.
//!
//! ```text
//! neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \
//!     --multiline-fields=true neo4j
//! ```
//!
//! (`--multiline-fields=true` because a name, title or sentence may hold a line break.) A missing
//! value is an empty field, which Neo4j imports as no property.
//!
//! Quoting follows RFC 4180 through one function, [`field`]: a field holding a comma, a quote, a
//! line feed or a carriage return is quoted, with its quotes doubled; backslashes are plain
//! characters. Records end with `\n`. The output is deterministic, in the order of
//! [`format`](super::format).

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::dictionary::EntityKind;
use crate::graph::KnowledgeGraph;

use super::common::{centrality, ordered};
use super::select::Subgraph;

/// The name of the nodes file [`write_csv_dir`] writes.
pub const NODES_FILE: &str = "nodes.csv";

/// The name of the relationships file [`write_csv_dir`] writes.
pub const RELATIONSHIPS_FILE: &str = "relationships.csv";

/// The header of [`NODES_FILE`].
///
/// `status` is `curated` or `candidate`; a provisional entity also carries the Neo4j label
/// `Candidate` beside its kind's (`Company;Candidate`).
pub const NODES_HEADER: &str =
    "id:ID,name,name_zh,kind,status,mentions:int,centrality:double,:LABEL";

/// The header of [`RELATIONSHIPS_FILE`].
pub const RELATIONSHIPS_HEADER: &str = ":START_ID,:END_ID,:TYPE,label,weight:int,origin,evidence";

/// One field, quoted when RFC 4180 requires it: when it holds `,`, `"`, `\n` or `\r`.
fn field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// One record: the fields quoted as needed, joined by commas, ended by a line feed.
fn record(out: &mut impl Write, fields: &[&str]) -> io::Result<()> {
    let line: Vec<Cow<'_, str>> = fields.iter().map(|f| field(f)).collect();
    writeln!(out, "{}", line.join(","))
}

/// The Neo4j label of a kind: `Company`, `Person`, `Organization`...
fn label(kind: EntityKind) -> String {
    let s = kind.as_str();
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Writes a subgraph as the two Neo4j CSV files, each starting with its header.
///
/// Nodes and edges are written sorted whatever the order of `sub`; edges whose ends are not in
/// `sub.nodes`, and indexes that do not belong to `graph`, are skipped.
pub fn write_csv(
    graph: &KnowledgeGraph,
    sub: &Subgraph,
    nodes: &mut impl Write,
    relationships: &mut impl Write,
) -> io::Result<()> {
    let (node_list, edges) = ordered(graph, sub);
    writeln!(nodes, "{NODES_HEADER}")?;
    for idx in node_list {
        let e = graph.entity(idx);
        record(
            nodes,
            &[
                &e.id,
                &e.name,
                e.name_zh.as_deref().unwrap_or(""),
                e.kind.as_str(),
                graph.status(idx).as_str(),
                &graph.mentions_of(idx).len().to_string(),
                &centrality(graph, idx).to_string(),
                &if graph.is_candidate(idx) {
                    format!("{};Candidate", label(e.kind))
                } else {
                    label(e.kind)
                },
            ],
        )?;
    }
    writeln!(relationships, "{RELATIONSHIPS_HEADER}")?;
    for e in &edges {
        let d = e.data;
        record(
            relationships,
            &[
                &graph.entity(e.source).id,
                &graph.entity(e.target).id,
                d.kind.as_str(),
                d.label.as_deref().unwrap_or(""),
                &graph.weight_in(d, sub.period).to_string(),
                d.origin.as_str(),
                graph
                    .evidence_in(&d.evidence, sub.period)
                    .next()
                    .map_or("", |ev| graph.sentence(ev)),
            ],
        )?;
    }
    Ok(())
}

/// Writes [`NODES_FILE`] and [`RELATIONSHIPS_FILE`] into `dir`, creating it (and its parents)
/// when missing and replacing files of those names.
pub fn write_csv_dir(graph: &KnowledgeGraph, sub: &Subgraph, dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut nodes = BufWriter::new(File::create(dir.join(NODES_FILE))?);
    let mut relationships = BufWriter::new(File::create(dir.join(RELATIONSHIPS_FILE))?);
    write_csv(graph, sub, &mut nodes, &mut relationships)?;
    nodes.flush()?;
    relationships.flush()
}
