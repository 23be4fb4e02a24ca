//! `GraphFilter`, `ExportFormat` and `Subgraph`: the part of the graph `subgraph` returns and
//! `export` writes, chosen with the filters of `kgraph export`.

use async_graphql::{Enum, ID, InputObject, Result, SimpleObject};

use super::entity::EntityView;
use super::error::invalid_input;
use super::relation::RelationView;
use crate::filter::{ExportFilter, GroupBy, Kind, MAX_EGO_DEPTH, Relation, Status};

/// A file format of `export`.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(name = "ExportFormat")]
pub enum ExportFormatGql {
    /// Graphviz DOT.
    Dot,
    /// GraphML (Gephi, yEd, Cytoscape desktop, networkx).
    Graphml,
    /// Cytoscape.js elements JSON.
    Json,
}

impl From<ExportFormatGql> for graph_core::Format {
    fn from(f: ExportFormatGql) -> Self {
        match f {
            ExportFormatGql::Dot => graph_core::Format::Dot,
            ExportFormatGql::Graphml => graph_core::Format::Graphml,
            ExportFormatGql::Json => graph_core::Format::Json,
        }
    }
}

/// Which part of the graph to export or return: the same filters as `kgraph export`.
#[derive(InputObject, Clone, Debug, Default)]
#[graphql(name = "GraphFilter")]
pub struct GraphFilterInput {
    /// The centre of an ego network (an entity id).
    pub entity: Option<ID>,
    /// Hops from the centre (default 1, at most 5).
    pub depth: Option<i32>,
    /// Keep only entities of these kinds (the centre is always kept).
    pub kinds: Option<Vec<Kind>>,
    /// Keep only relations of these kinds.
    pub relations: Option<Vec<Relation>>,
    /// Keep only entities of these statuses (default `[CURATED]`): `[CURATED, CANDIDATE]` adds
    /// the provisional entities discovery proposes, `[CANDIDATE]` shows them alone (the centre
    /// is always kept).
    pub status: Option<Vec<Status>>,
    /// A cluster id: the cluster, its sub-clusters and their members.
    pub cluster: Option<ID>,
    /// Keep only relations at least this heavy (default 1).
    pub min_weight: Option<i32>,
    /// Keep only the N most central entities.
    pub top: Option<i32>,
    /// With `entity`: also keep the co-mentions among its neighbours (left out by default).
    pub neighbor_co_mentions: Option<bool>,
    /// Weigh relations by the documents dated from this day on (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`); a relation read from text that the span does not state is left out.
    pub from: Option<String>,
    /// ... and up to this day, both included (`to` alone: as of that day).
    pub to: Option<String>,
}

const _: () = assert!(MAX_EGO_DEPTH == 5, "the `depth` documentation above says 5");

impl GraphFilterInput {
    /// The filter as the CLI and HTTP routes build it; negative numbers are refused.
    pub(crate) fn to_filter(&self, group_by: Option<GroupBy>) -> Result<ExportFilter> {
        let non_negative = |name: &str, v: Option<i32>| -> Result<Option<usize>> {
            v.map(|n| {
                usize::try_from(n)
                    .map_err(|_| invalid_input(format!("`{name}` must not be negative, got {n}")))
            })
            .transpose()
        };
        Ok(ExportFilter {
            entity: self.entity.as_ref().map(|id| id.to_string()),
            depth: non_negative("depth", self.depth)?,
            kinds: self.kinds.iter().flatten().copied().collect(),
            relations: self.relations.iter().flatten().copied().collect(),
            status: self.status.iter().flatten().copied().collect(),
            cluster: self.cluster.as_ref().map(|id| id.to_string()),
            min_weight: non_negative("minWeight", self.min_weight)?
                .map(|w| u32::try_from(w).unwrap_or(u32::MAX)),
            top: non_negative("top", self.top)?,
            neighbor_co_mentions: self.neighbor_co_mentions.unwrap_or(false),
            from: self.from.clone(),
            to: self.to.clone(),
            group_by,
        })
    }
}

/// A part of the graph as Neo4j bulk-import CSV: the two files of `kgraph export --format csv`.
#[derive(SimpleObject, Clone)]
pub struct CsvExport {
    /// `nodes.csv`.
    pub nodes: String,
    /// `relationships.csv`.
    pub relationships: String,
}

/// A part of the graph, for frontends that draw it themselves.
#[derive(SimpleObject, Clone)]
pub struct Subgraph {
    /// The entities, in id order.
    pub nodes: Vec<EntityView>,
    /// The relations between them.
    pub edges: Vec<RelationView>,
}
