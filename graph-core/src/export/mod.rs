//! Exports of the graph for people to look at.
//!
//! Two steps, kept apart so that every export draws the same entities for the same request:
//! [`select`] decides what to draw (an ego network, a cluster, kinds, relations, weights, the
//! most central entities) and returns a [`Subgraph`]; a writer decides how — [`write_dot`] writes
//! Graphviz DOT.

pub mod dot;
pub mod select;

pub use dot::{DotOptions, GroupBy, write_dot};
pub use select::{Selection, Subgraph, select};
