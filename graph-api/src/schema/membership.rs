//! `Membership`: an entity in a cluster, park or place, curated, inferred or both, with the
//! sentences that prove it.

use std::sync::Arc;

use async_graphql::{Object, Result};
use graph_core::{EntityIdx, KnowledgeGraph, Membership};

use super::entity::EntityView;
use super::pagination::page;
use super::relation::{EvidenceView, OriginGql, evidence_views};
use crate::filter::Kind;

/// A member of a group (a cluster, park or place), and how we know.
#[derive(Clone)]
pub struct MembershipView {
    g: Arc<KnowledgeGraph>,
    member: EntityIdx,
    group: EntityIdx,
    /// The list the membership is in, shared by every view of it, and its place there.
    list: Arc<[Membership]>,
    at: usize,
    /// The span its evidence is counted in.
    period: graph_core::Period,
}

impl MembershipView {
    fn m(&self) -> &Membership {
        &self.list[self.at]
    }
}

/// The members of a cluster, park or place, optionally of one kind: a page of `first` from
/// `offset`, in name order.
#[allow(clippy::too_many_arguments)]
pub(crate) fn members_of(
    g: &Arc<KnowledgeGraph>,
    group: EntityIdx,
    kind: Option<Kind>,
    include_inferred: bool,
    period: graph_core::Period,
    first: i32,
    offset: i32,
) -> Result<Vec<MembershipView>> {
    let list = g.members_shared(group, include_inferred);
    let kind: Option<graph_core::EntityKind> = kind.map(Into::into);
    // In a span, a membership the dictionaries state stays; one only a sentence states needs a
    // sentence of the span.
    let wanted = (0..list.len()).filter(|&at| {
        let m = &list[at];
        kind.is_none_or(|k| g.entity(m.entity).kind == k)
            && (period.is_all() || m.curated || g.evidence_in(&m.evidence, period).next().is_some())
    });
    Ok(page(wanted, first, offset)?
        .map(|at| MembershipView {
            g: g.clone(),
            member: list[at].entity,
            group,
            list: list.clone(),
            at,
            period,
        })
        .collect())
}

/// The clusters `member` belongs to, directly and through `PART_OF` the larger ones above.
pub(crate) fn clusters_of(
    g: &Arc<KnowledgeGraph>,
    member: EntityIdx,
    include_inferred: bool,
) -> Vec<MembershipView> {
    let list: Arc<[Membership]> = g.clusters_of(member, include_inferred).into();
    (0..list.len())
        .map(|at| MembershipView {
            g: g.clone(),
            member,
            group: list[at].entity,
            list: list.clone(),
            at,
            period: graph_core::Period::ALL,
        })
        .collect()
}

/// Membership of an entity in a cluster, park or place: curated, inferred or both, with evidence.
#[Object(name = "Membership")]
impl MembershipView {
    /// The member: a company in a cluster; a company, park or place in a park or place.
    async fn entity(&self) -> EntityView {
        EntityView::new(&self.g, self.member)
    }

    /// The cluster, park or place it is a member of.
    async fn group(&self) -> EntityView {
        EntityView::new(&self.g, self.group)
    }

    /// CURATED when the dictionaries state it, else INFERRED.
    async fn origin(&self) -> OriginGql {
        self.m().origin().into()
    }

    /// The dictionaries state it.
    async fn curated(&self) -> bool {
        self.m().curated
    }

    /// A sentence names the member beside the group.
    async fn inferred(&self) -> bool {
        self.m().inferred
    }

    /// The sub-clusters (or parts of a park or place) the membership goes through, when it is
    /// transitive.
    async fn via(&self) -> Vec<EntityView> {
        self.m()
            .via
            .iter()
            .map(|&v| EntityView::new(&self.g, v))
            .collect()
    }

    /// The sentences that prove it (with `from`/`to` on the list, those of the span).
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn evidence(&self, #[graphql(default = 5)] first: i32) -> Result<Vec<EvidenceView>> {
        if self.period.is_all() {
            return evidence_views(&self.g, &self.m().evidence, first);
        }
        let inside: Vec<graph_core::Evidence> = self
            .g
            .evidence_in(&self.m().evidence, self.period)
            .collect();
        evidence_views(&self.g, &inside, first)
    }
}
