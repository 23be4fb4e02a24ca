//! Exports of the graph for people and tools to look at.
//!
//! Two steps, kept apart so that every export draws the same entities for the same request:
//! [`select`] decides what to draw (an ego network, a cluster, kinds, relations, weights, the
//! most central entities) and returns a [`Subgraph`]; a writer decides how — [`write_dot`] writes
//! Graphviz DOT, [`write_graphml`] GraphML (Gephi, yEd, Cytoscape, networkx), [`write_json`]
//! Cytoscape.js elements JSON, and [`write_csv`] / [`write_csv_dir`] the two files of a Neo4j bulk
//! import. [`Format`] names them, and [`write_export`] picks the single-stream writer for a format.

mod common;
pub mod csv;
pub mod dot;
pub mod format;
pub mod graphml;
pub mod json;
pub mod select;

pub use csv::{write_csv, write_csv_dir};
pub use dot::{DotOptions, GroupBy, write_dot};
pub use format::{Format, write_export};
pub use graphml::write_graphml;
pub use json::write_json;
pub use select::{Selection, Subgraph, select};
