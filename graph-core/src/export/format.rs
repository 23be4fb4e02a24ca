//! The registry of export formats: [`Format`] names them (parsed from their names, with their
//! file extensions), and [`write_export`] writes the single-stream ones.

use std::fmt;
use std::io::{self, Write};

use crate::graph::KnowledgeGraph;

use super::dot::{DotOptions, write_dot};
use super::graphml::write_graphml;
use super::json::write_json;
use super::select::Subgraph;

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
