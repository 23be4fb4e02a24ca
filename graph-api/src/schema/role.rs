//! `Role`: a person's title and where it is held.

use std::sync::Arc;

use async_graphql::{Object, Result};
use graph_core::{EdgeIdx, EntityIdx, KnowledgeGraph, RelationKind};

use super::entity::EntityView;
use super::pagination::page;
use super::relation::{EvidenceView, OriginGql, evidence_views};

/// A person's role: a title, and where it is held. A view, like the others: the title and the
/// evidence stay in the graph, so a person with hundreds of roles costs no copies.
#[derive(Clone)]
pub struct RoleView {
    g: Arc<KnowledgeGraph>,
    of: RoleOf,
}

/// Where a role's data lives in the graph.
#[derive(Clone, Copy)]
enum RoleOf {
    /// A `ROLE` edge from the person to the organization: label, origin and evidence.
    Edge(EdgeIdx),
    /// A curated role held nowhere in particular: the `n`-th of the person's dictionary roles.
    Curated(EntityIdx, usize),
}

/// A person's roles, a page of `first` from `offset`: first those held at an organization, in
/// the order they entered the graph, then curated titles held nowhere in particular.
pub(crate) fn roles_of(
    g: &Arc<KnowledgeGraph>,
    person: EntityIdx,
    first: i32,
    offset: i32,
) -> Result<Vec<RoleView>> {
    let held = g
        .edges_of(person)
        .into_iter()
        .filter(|e| e.data.kind == RelationKind::Role && e.source == person)
        .map(|e| RoleOf::Edge(e.id));
    let unattached = g
        .entity(person)
        .roles
        .iter()
        .enumerate()
        .filter(|(_, role)| role.org.is_none())
        .map(|(n, _)| RoleOf::Curated(person, n));
    Ok(page(held.chain(unattached), first, offset)?
        .map(|of| RoleView { g: g.clone(), of })
        .collect())
}

impl RoleView {
    /// The role's edge, for a role held at an organization.
    fn edge(&self) -> Option<graph_core::Edge<'_>> {
        match self.of {
            RoleOf::Edge(e) => self.g.edge(e),
            RoleOf::Curated(..) => None,
        }
    }

    /// The dictionary's statement of the role, for a curated one: the person's role of the same
    /// title at the same organization.
    fn curated(&self) -> Option<&graph_core::Role> {
        match self.of {
            RoleOf::Curated(person, n) => self.g.entity(person).roles.get(n),
            RoleOf::Edge(_) => {
                let e = self.edge()?;
                if e.data.origin != graph_core::Origin::Curated {
                    return None;
                }
                let title = e.data.label.as_deref()?;
                self.g
                    .entity(e.source)
                    .roles
                    .iter()
                    .find(|r| r.title == title && r.org == Some(e.target))
            }
        }
    }
}

/// A person's role.
#[Object(name = "Role")]
impl RoleView {
    /// The title, as the dictionary or the sentence states it.
    async fn title(&self) -> &str {
        match self.of {
            RoleOf::Edge(_) => self.edge().and_then(|e| e.data.label.as_deref()),
            RoleOf::Curated(person, n) => {
                self.g.entity(person).roles.get(n).map(|r| r.title.as_str())
            }
        }
        .unwrap_or_default()
    }

    /// Where the role is held, when known.
    async fn organization(&self) -> Option<EntityView> {
        self.edge().map(|e| EntityView::new(&self.g, e.target))
    }

    /// When the person took the role (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), where the
    /// dictionaries state it.
    async fn since(&self) -> Option<String> {
        self.curated().and_then(|r| r.since).map(|d| d.to_string())
    }

    /// When the person left the role, where the dictionaries state it; null while it is held.
    async fn until(&self) -> Option<String> {
        self.curated().and_then(|r| r.until).map(|d| d.to_string())
    }

    /// CURATED (dictionaries) or EXTRACTED (a sentence).
    async fn origin(&self) -> OriginGql {
        self.edge()
            .map_or(graph_core::Origin::Curated, |e| e.data.origin)
            .into()
    }

    /// The sentences that state it (for curated roles, the sentences that name both).
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn evidence(&self, #[graphql(default = 5)] first: i32) -> Result<Vec<EvidenceView>> {
        let edge = self.edge();
        evidence_views(
            &self.g,
            edge.as_ref().map_or(&[], |e| &e.data.evidence),
            first,
        )
    }
}
