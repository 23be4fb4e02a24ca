//! The request model: what a user may ask of the graph, typed once for every way of asking.
//!
//! [`Kind`], [`Relation`] and [`GroupBy`] are the enums that the command line (clap's
//! `ValueEnum`), GraphQL (`async_graphql::Enum`) and the HTTP export routes (which parse their
//! query strings with the same `ValueEnum` in `server::export`) all read into, so a kind the CLI
//! accepts is a kind GraphQL and HTTP accept, under the same name. [`ExportFilter`] is the export
//! filter built from any of them; [`ExportFilter::to_selection`] checks its ids against a graph and
//! gives the one [`Selection`] that every format draws, so `kgraph export --entity boe`,
//! `GET /export.dot?entity=boe` and `export(filter: {entity: "boe"})` draw the same entities.

use std::fmt;

use std::sync::Arc;

use graph_core::{DotOptions, EntityKind, EntityStatus, KnowledgeGraph, RelationKind, Selection};

/// The deepest ego network an export draws (`--depth`, `depth=`); past 3 hops the seed graph is
/// the whole graph.
pub const MAX_EGO_DEPTH: usize = 5;

/// The kind of an entity.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum, async_graphql::Enum,
)]
#[graphql(name = "EntityKind")]
pub enum Kind {
    /// A company, group, subsidiary or factory.
    Company,
    /// An official, executive, academic, reporter or editor.
    Person,
    /// A government body, committee, bureau, institute, university, medium or chamber.
    Organization,
    /// A park, zone, base or demonstration area.
    Park,
    /// A named policy, plan or measure.
    Policy,
    /// An industry, cluster or technology field.
    Cluster,
    /// A city, district, country or other place.
    Place,
    /// A recurring event (forum, expo, race) or one edition of it.
    Event,
}

/// The kind of a relation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum, async_graphql::Enum,
)]
#[graphql(name = "RelationKind")]
pub enum Relation {
    /// Named in one sentence; weight = number of such sentences.
    #[value(name = "co_mention", alias = "co-mention")]
    CoMention,
    /// A person's role at an organization, company, park or place; the label is the title.
    Role,
    /// Member of a cluster.
    #[value(name = "in_cluster", alias = "in-cluster")]
    InCluster,
    /// Located in a park or place.
    #[value(name = "located_in", alias = "located-in")]
    LocatedIn,
    /// A policy issued by an organization.
    #[value(name = "issued_by", alias = "issued-by")]
    IssuedBy,
    /// Part of a larger cluster, park, place, organization or company.
    #[value(name = "part_of", alias = "part-of")]
    PartOf,
}

/// Whether an entity is in the dictionaries or a candidate of discovery.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum, async_graphql::Enum,
)]
#[graphql(name = "EntityStatus")]
pub enum Status {
    /// In the dictionaries.
    Curated,
    /// Proposed by discovery and not yet reviewed: a provisional entity, named by a strong
    /// signal (a title beside a name, a suffix, a policy title, an event name) or in two
    /// documents or more. Left out unless a `status` filter asks for it.
    Candidate,
}

impl From<EntityStatus> for Status {
    fn from(s: EntityStatus) -> Self {
        match s {
            EntityStatus::Curated => Status::Curated,
            EntityStatus::Candidate => Status::Candidate,
        }
    }
}

impl From<Status> for EntityStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Curated => EntityStatus::Curated,
            Status::Candidate => EntityStatus::Candidate,
        }
    }
}

/// The graph that answers for these statuses: `graph` itself when only curated entities are
/// asked for (none asked: the same), else the graph that also holds the provisional entities.
pub fn graph_for(graph: &Arc<KnowledgeGraph>, status: &[Status]) -> Arc<KnowledgeGraph> {
    if status.contains(&Status::Candidate) {
        graph.with_candidates()
    } else {
        graph.clone()
    }
}

/// The statuses a GraphQL `status:` argument asks for: `[CURATED]` when it is absent or empty.
pub fn statuses(status: Option<Vec<Status>>) -> Vec<Status> {
    match status {
        Some(s) if !s.is_empty() => s,
        _ => vec![Status::Curated],
    }
}

/// How a DOT export groups nodes into boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, async_graphql::Enum)]
pub enum GroupBy {
    /// One box per cluster.
    Cluster,
    /// One box per entity kind.
    Kind,
}

impl From<EntityKind> for Kind {
    fn from(k: EntityKind) -> Self {
        match k {
            EntityKind::Company => Kind::Company,
            EntityKind::Person => Kind::Person,
            EntityKind::Organization => Kind::Organization,
            EntityKind::Park => Kind::Park,
            EntityKind::Policy => Kind::Policy,
            EntityKind::Cluster => Kind::Cluster,
            EntityKind::Place => Kind::Place,
            EntityKind::Event => Kind::Event,
        }
    }
}

impl From<Kind> for EntityKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Company => EntityKind::Company,
            Kind::Person => EntityKind::Person,
            Kind::Organization => EntityKind::Organization,
            Kind::Park => EntityKind::Park,
            Kind::Policy => EntityKind::Policy,
            Kind::Cluster => EntityKind::Cluster,
            Kind::Place => EntityKind::Place,
            Kind::Event => EntityKind::Event,
        }
    }
}

impl From<RelationKind> for Relation {
    fn from(k: RelationKind) -> Self {
        match k {
            RelationKind::CoMention => Relation::CoMention,
            RelationKind::Role => Relation::Role,
            RelationKind::InCluster => Relation::InCluster,
            RelationKind::LocatedIn => Relation::LocatedIn,
            RelationKind::IssuedBy => Relation::IssuedBy,
            RelationKind::PartOf => Relation::PartOf,
        }
    }
}

impl From<Relation> for RelationKind {
    fn from(k: Relation) -> Self {
        match k {
            Relation::CoMention => RelationKind::CoMention,
            Relation::Role => RelationKind::Role,
            Relation::InCluster => RelationKind::InCluster,
            Relation::LocatedIn => RelationKind::LocatedIn,
            Relation::IssuedBy => RelationKind::IssuedBy,
            Relation::PartOf => RelationKind::PartOf,
        }
    }
}

impl From<GroupBy> for graph_core::GroupBy {
    fn from(g: GroupBy) -> Self {
        match g {
            GroupBy::Cluster => graph_core::GroupBy::Cluster,
            GroupBy::Kind => graph_core::GroupBy::Kind,
        }
    }
}

/// An export filter: which part of the graph to draw, and how to group it. Ids are still
/// unchecked; kinds and relations are already typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// The centre of an ego network (an entity id).
    pub entity: Option<String>,
    /// Hops from the centre (default 1, at most [`MAX_EGO_DEPTH`]).
    pub depth: Option<usize>,
    /// Entity kinds to keep (none: every kind).
    pub kinds: Vec<Kind>,
    /// Relation kinds to keep (none: every kind).
    pub relations: Vec<Relation>,
    /// Entity statuses to keep (none: curated only); with `Candidate`, the graph that holds the
    /// provisional entities draws ([`ExportFilter::graph`]).
    pub status: Vec<Status>,
    /// A cluster id: the cluster, its sub-clusters and their members.
    pub cluster: Option<String>,
    /// The lightest relation kept (default 1).
    pub min_weight: Option<u32>,
    /// Keep only the N most central entities.
    pub top: Option<usize>,
    /// In an ego network, also draw the co-mentions among the centre's neighbours.
    pub neighbor_co_mentions: bool,
    /// Count only the evidence of the documents dated from this day (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`), still unchecked.
    pub from: Option<String>,
    /// ... and up to this day, both included.
    pub to: Option<String>,
    /// Boxes around clusters or kinds, for DOT.
    pub group_by: Option<GroupBy>,
}

/// A filter that names something that does not exist, or a value out of range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError(pub String);

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FilterError {}

fn fail<T>(message: String) -> Result<T, FilterError> {
    Err(FilterError(message))
}

impl ExportFilter {
    /// The graph this filter draws from: see [`graph_for`].
    pub fn graph(&self, graph: &Arc<KnowledgeGraph>) -> Arc<KnowledgeGraph> {
        graph_for(graph, &self.status)
    }

    /// Checks the filter against a graph (the one [`ExportFilter::graph`] gives) and turns it
    /// into a [`Selection`].
    pub fn to_selection(&self, graph: &KnowledgeGraph) -> Result<Selection, FilterError> {
        let entity_id = |id: &str, name: &str| match graph.entity_by_id(id) {
            Some(idx) => Ok(idx),
            None => fail(format!("{name} {id:?}: no entity has this id")),
        };
        let cluster = match &self.cluster {
            Some(id) => {
                let idx = entity_id(id, "cluster")?;
                if graph.entity(idx).kind != EntityKind::Cluster {
                    return fail(format!(
                        "cluster {id:?} is a {}, not a cluster",
                        graph.entity(idx).kind
                    ));
                }
                Some(idx)
            }
            None => None,
        };
        let depth = self.depth.unwrap_or(1);
        if depth > MAX_EGO_DEPTH {
            return fail(format!(
                "depth must be at most {MAX_EGO_DEPTH}, got {depth}"
            ));
        }
        if self.top == Some(0) {
            return fail("top must be at least 1".to_owned());
        }
        let period = graph_core::Period::parse(self.from.as_deref(), self.to.as_deref())
            .map_err(|e| FilterError(e.to_string().replace('`', "")))?;
        Ok(Selection {
            entity: self
                .entity
                .as_deref()
                .map(|id| entity_id(id, "entity"))
                .transpose()?,
            depth,
            kinds: self.kinds.iter().map(|&k| k.into()).collect(),
            relations: self.relations.iter().map(|&r| r.into()).collect(),
            status: self.status.iter().map(|&s| s.into()).collect(),
            cluster,
            min_weight: self.min_weight.unwrap_or(1),
            top: self.top,
            neighbor_co_mentions: self.neighbor_co_mentions,
            period,
            ..Selection::default()
        })
    }

    /// The DOT title and grouping: "Around Kong Lei" for an ego network, "The Future Health
    /// cluster" for a cluster.
    pub fn dot_options(&self, graph: &KnowledgeGraph) -> DotOptions {
        let name = |id: &str| graph.entity_by_id(id).map(|i| graph.entity(i).name.clone());
        DotOptions {
            group_by: self.group_by.map(Into::into),
            title: match (&self.entity, &self.cluster) {
                (Some(id), _) => name(id).map(|n| format!("Around {n}")),
                (None, Some(id)) => name(id).map(|n| format!("The {n} cluster")),
                _ => None,
            },
        }
    }

    /// The name an export of this filter is downloaded under: its entity or cluster, or `graph`.
    pub fn file_stem(&self) -> &str {
        self.entity
            .as_deref()
            .or(self.cluster.as_deref())
            .unwrap_or("graph")
    }
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum as _;

    use super::*;

    /// Every kind and relation of the engine has a value of the request model, and back.
    #[test]
    fn the_request_enums_cover_the_engine_enums() {
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::from(Kind::from(k)), k);
            // The CLI and HTTP spelling is the engine's own word.
            assert_eq!(Kind::from_str(k.as_str(), true), Ok(Kind::from(k)));
        }
        for r in RelationKind::ALL {
            assert_eq!(RelationKind::from(Relation::from(r)), r);
            assert_eq!(Relation::from_str(r.as_str(), true), Ok(Relation::from(r)));
            let lower = r.as_str().to_lowercase();
            assert_eq!(Relation::from_str(&lower, false), Ok(Relation::from(r)));
        }
    }
}
