//! One filter for every export: CLI flags, HTTP query parameters and GraphQL input all become the
//! same checked [`Selection`], so `kgraph export --entity boe`, `GET /export.dot?entity=boe` and
//! `export(filter: {entity: "boe"})` draw the same entities.

use std::fmt;

use graph_core::{EntityKind, GroupBy, KnowledgeGraph, RelationKind, Selection};

/// The deepest ego network an export draws; past 3 hops the seed graph is the whole graph.
pub const MAX_DEPTH: usize = 5;

/// A filter as the user wrote it: ids and kind names still unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// The centre of an ego network (an entity id).
    pub entity: Option<String>,
    /// Hops from the centre (default 1).
    pub depth: Option<usize>,
    /// Entity kinds to keep (`company`, `person`...).
    pub kinds: Vec<String>,
    /// Relation kinds to keep (`co_mention`, `role`...).
    pub relations: Vec<String>,
    /// A cluster id: the cluster, its sub-clusters and their members.
    pub cluster: Option<String>,
    /// The lightest relation kept (default 1).
    pub min_weight: Option<u32>,
    /// Keep only the N most central entities.
    pub top: Option<usize>,
    /// In an ego network, also draw the co-mentions among the centre's neighbours.
    pub neighbor_co_mentions: bool,
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
    /// Checks the filter against a graph and turns it into a [`Selection`].
    pub fn to_selection(&self, graph: &KnowledgeGraph) -> Result<Selection, FilterError> {
        let entity_id = |id: &str, name: &str| match graph.entity_by_id(id) {
            Some(idx) => Ok(idx),
            None => fail(format!("{name} {id:?}: no entity has this id")),
        };
        let mut kinds = Vec::new();
        for k in &self.kinds {
            match EntityKind::parse(k) {
                Some(kind) => kinds.push(kind),
                None => {
                    return fail(format!(
                        "kind {k:?}: expected one of {}",
                        EntityKind::ALL.map(|k| k.as_str()).join(", ")
                    ));
                }
            }
        }
        let mut relations = Vec::new();
        for r in &self.relations {
            match RelationKind::parse(r) {
                Some(kind) => relations.push(kind),
                None => {
                    return fail(format!(
                        "relation {r:?}: expected one of {}",
                        RelationKind::ALL
                            .map(|k| k.as_str().to_lowercase())
                            .join(", ")
                    ));
                }
            }
        }
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
        if depth > MAX_DEPTH {
            return fail(format!("depth must be at most {MAX_DEPTH}, got {depth}"));
        }
        if self.top == Some(0) {
            return fail("top must be at least 1".to_owned());
        }
        Ok(Selection {
            entity: self
                .entity
                .as_deref()
                .map(|id| entity_id(id, "entity"))
                .transpose()?,
            depth,
            kinds,
            relations,
            cluster,
            min_weight: self.min_weight.unwrap_or(1),
            top: self.top,
            neighbor_co_mentions: self.neighbor_co_mentions,
            ..Selection::default()
        })
    }

    /// Reads a URL query string: `entity`, `depth`, `kind` and `relation` (repeated or
    /// comma-separated), `cluster`, `minWeight`, `top`, `neighborCoMentions` (`true` or `false`),
    /// `groupBy` (`cluster` or `kind`).
    pub fn from_query(query: &str) -> Result<(ExportFilter, Option<GroupBy>), FilterError> {
        let mut filter = ExportFilter::default();
        let mut group_by = None;
        let number = |key: &str, value: &str| -> Result<usize, FilterError> {
            value
                .trim()
                .parse()
                .map_err(|_| FilterError(format!("{key} must be a whole number, got {value:?}")))
        };
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let list = || {
                value
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            match key.as_ref() {
                "entity" => filter.entity = Some(value.trim().to_owned()),
                "depth" => filter.depth = Some(number("depth", &value)?),
                "kind" | "kinds" => filter.kinds.extend(list()),
                "relation" | "relations" => filter.relations.extend(list()),
                "cluster" => filter.cluster = Some(value.trim().to_owned()),
                "minWeight" | "min_weight" => {
                    let w = number("minWeight", &value)?;
                    filter.min_weight = Some(u32::try_from(w).unwrap_or(u32::MAX));
                }
                "top" => filter.top = Some(number("top", &value)?),
                "neighborCoMentions" | "neighbor_co_mentions" => {
                    filter.neighbor_co_mentions = match value.trim() {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        other => {
                            return fail(format!(
                                "neighborCoMentions must be true or false, got {other:?}"
                            ));
                        }
                    };
                }
                "groupBy" | "group_by" => {
                    group_by = Some(match value.trim().to_ascii_lowercase().as_str() {
                        "cluster" => GroupBy::Cluster,
                        "kind" => GroupBy::Kind,
                        other => {
                            return fail(format!("groupBy {other:?}: expected cluster or kind"));
                        }
                    });
                }
                other => {
                    return fail(format!(
                        "unknown parameter {other:?}; the filters are entity, depth, kind, relation, cluster, minWeight, top, neighborCoMentions, groupBy"
                    ));
                }
            }
        }
        Ok((filter, group_by))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings() {
        let (f, g) = ExportFilter::from_query(
            "entity=boe&depth=2&kind=company,person&kind=park&minWeight=2&groupBy=kind",
        )
        .unwrap_or_default();
        assert_eq!(f.entity.as_deref(), Some("boe"));
        assert_eq!(f.depth, Some(2));
        assert_eq!(f.kinds, ["company", "person", "park"]);
        assert_eq!(f.min_weight, Some(2));
        assert_eq!(g, Some(GroupBy::Kind));
        assert!(ExportFilter::from_query("depth=deep").is_err());
        assert!(ExportFilter::from_query("colour=red").is_err());
        assert!(ExportFilter::from_query("groupBy=sky").is_err());
        let (f, _) =
            ExportFilter::from_query("entity=boe&neighborCoMentions=true").unwrap_or_default();
        assert!(f.neighbor_co_mentions);
        assert!(!ExportFilter::default().neighbor_co_mentions);
    }
}
