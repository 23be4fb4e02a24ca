//! `Entity`: a company, person, organization, park, policy, cluster or place, and what the graph
//! knows about it.

use std::sync::Arc;

use async_graphql::connection::Connection;
use async_graphql::{ID, Object, Result};
use graph_core::{DocIdx, EntityIdx, KnowledgeGraph, NeighborFilter};

use super::document::{DocumentView, MentionView};
use super::error::invalid_input;
use super::membership::{MembershipView, clusters_of, members_of};
use super::pagination::{check_first, page, paginate};
use super::relation::{NeighborView, RelationView};
use super::role::{RoleView, roles_of};
use super::time::{
    HeldRoleView, LifecycleView, RoleContradictionView, TenureView, contradictions, held_on,
    lifecycle, parse_day, parse_period, tenures,
};
use crate::filter::{Kind, Relation, Status, graph_for, statuses};

/// An entity of the graph.
#[derive(Clone)]
pub struct EntityView {
    pub(crate) g: Arc<KnowledgeGraph>,
    pub(crate) idx: EntityIdx,
}

impl EntityView {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, idx: EntityIdx) -> Self {
        EntityView { g: g.clone(), idx }
    }
}

/// An entity of the graph: a company, person, organization, park, policy, cluster or place.
#[Object(name = "Entity")]
impl EntityView {
    /// The stable id (a slug such as `kong-lei`).
    async fn id(&self) -> ID {
        ID(self.g.entity(self.idx).id.clone())
    }

    /// `CURATED` when the dictionaries hold it; `CANDIDATE` for a provisional entity that
    /// discovery proposes from the documents (its id starts with `candidate:`), until a review
    /// accepts it into the dictionaries or rejects it.
    async fn status(&self) -> Status {
        self.g.status(self.idx).into()
    }

    /// The kind.
    async fn kind(&self) -> Kind {
        self.g.entity(self.idx).kind.into()
    }

    /// The English display name.
    async fn name(&self) -> &str {
        &self.g.entity(self.idx).name
    }

    /// The Chinese display name, where one exists.
    async fn name_zh(&self) -> Option<&str> {
        self.g.entity(self.idx).name_zh.as_deref()
    }

    /// Every other spelling the dictionaries know.
    async fn aliases(&self) -> &[String] {
        &self.g.entity(self.idx).aliases
    }

    /// A line about the entity, from the dictionaries.
    async fn description(&self) -> Option<&str> {
        self.g.entity(self.idx).description.as_deref()
    }

    /// How many times the corpus mentions it.
    async fn mention_count(&self) -> usize {
        self.g.mentions_of(self.idx).len()
    }

    /// How many documents mention it.
    async fn document_count(&self) -> usize {
        self.g.documents_of(self.idx).len()
    }

    /// PageRank centrality over all relations (the ranks of all entities sum to 1).
    async fn centrality(&self) -> f64 {
        self.g.pagerank(self.idx)
    }

    /// The number of distinct entities it is related to.
    async fn degree(&self) -> u32 {
        self.g.degree(self.idx)
    }

    /// The larger whole it is part of (a cluster's parent cluster, a park's zone).
    async fn parent(&self) -> Option<EntityView> {
        self.g
            .entity(self.idx)
            .parent
            .map(|p| EntityView::new(&self.g, p))
    }

    /// Its mentions, in document order.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 1000) as usize * child_complexity + 1"
    )]
    async fn mentions(
        &self,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<usize, MentionView>> {
        let items: Vec<(DocIdx, u32)> = self.g.mentions_of(self.idx).to_vec();
        let (g, idx) = (self.g.clone(), self.idx);
        // A provisional entity's mentions are its candidates' spans (`KnowledgeGraph::mention`).
        paginate(items, after, before, first, last, 20, move |(doc, i)| {
            MentionView::new(&g, doc, g.mention(idx, doc, i))
        })
        .await
    }

    /// The entities related to it, heaviest first, with the relations that join them. With
    /// `from` and/or `to` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), weights count only the sentences
    /// of documents dated in that span, and a neighbor only the span's text relates is left out.
    /// `status` (default `[CURATED]`) keeps neighbors of those statuses: `[CURATED, CANDIDATE]`
    /// adds the provisional entities named beside it.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    #[allow(clippy::too_many_arguments)] // GraphQL arguments, each one field of the query.
    async fn neighbors(
        &self,
        kind: Option<Kind>,
        relation: Option<Relation>,
        #[graphql(default = 1)] min_weight: i32,
        #[graphql(default = 20)] first: i32,
        from: Option<String>,
        to: Option<String>,
        status: Option<Vec<Status>>,
    ) -> Result<Vec<NeighborView>> {
        let status = statuses(status);
        let g = &graph_for(&self.g, &status);
        let first = check_first(first)?;
        let period = parse_period(from, to)?;
        let min_weight = u32::try_from(min_weight).map_err(|_| {
            invalid_input(format!(
                "`minWeight` must not be negative, got {min_weight}"
            ))
        })?;
        let filter = NeighborFilter {
            kind: kind.map(Into::into),
            relation: relation.map(Into::into),
            min_weight,
            period,
        };
        Ok(g.neighbors(self.idx, &filter)
            .into_iter()
            .filter(|n| status.contains(&g.status(n.entity).into()))
            .take(first)
            .map(|n| NeighborView::new(g, &n, period))
            .collect())
    }

    /// Its relations, optionally of one kind; with `from`/`to`, as the documents dated in that
    /// span state them (see `Query.relation`).
    async fn relations(
        &self,
        kind: Option<Relation>,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Vec<RelationView>> {
        let kind: Option<graph_core::RelationKind> = kind.map(Into::into);
        let period = parse_period(from, to)?;
        Ok(self
            .g
            .edges_of(self.idx)
            .into_iter()
            .filter(|e| kind.is_none_or(|k| e.data.kind == k))
            .filter(|e| self.g.weight_in(e.data, period) > 0)
            .map(|e| RelationView::in_period(&self.g, e.id, period))
            .collect())
    }

    /// A person's roles: curated ones from the dictionaries and those stated in the text, a page
    /// of `first` (at most 1000) from `offset`: first those held at an organization, in the order
    /// they entered the graph, then curated titles held nowhere in particular.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn roles(
        &self,
        #[graphql(default = 50)] first: i32,
        #[graphql(default = 0)] offset: i32,
    ) -> Result<Vec<RoleView>> {
        roles_of(&self.g, self.idx, first, offset)
    }

    /// A person's roles as a sequence in time, in the order they began: each title at each
    /// organization once, with when it began and ended as the dictionaries and the dated
    /// documents tell (副主任, then 主任: the first ends where the second begins).
    async fn tenures(&self) -> Vec<TenureView> {
        tenures(&self.g, self.idx)
    }

    /// The roles that may hold on a day (`YYYY-MM-DD`; `YYYY` or `YYYY-MM` mean its last day),
    /// each with whether it certainly did.
    async fn roles_as_of(&self, date: String) -> Result<Vec<HeldRoleView>> {
        Ok(held_on(&self.g, self.idx, parse_day("date", &date)?))
    }

    /// The roles held now, as far as the news in the graph knows: as of the date of its newest
    /// dated document (every open role when no document is dated).
    async fn current_roles(&self) -> Vec<HeldRoleView> {
        match self.g.latest_date() {
            Some(latest) => held_on(&self.g, self.idx, latest.last_day()),
            None => tenures(&self.g, self.idx)
                .into_iter()
                .filter(|t| t.is_open())
                .map(|tenure| HeldRoleView {
                    tenure,
                    certain: false,
                })
                .collect(),
        }
    }

    /// For a policy: when it was published, took effect, expires and was superseded, as the
    /// dictionaries date it and, where they give no date, as the sentences about it state;
    /// null for other kinds.
    async fn lifecycle(&self) -> Option<LifecycleView> {
        (self.g.entity(self.idx).kind == graph_core::EntityKind::Policy)
            .then(|| lifecycle(&self.g, self.idx))
    }

    /// Where the sources contradict each other about a person's roles: a post and its deputy
    /// held at once at one organization, or a document that names a role outside the dates the
    /// dictionary gives it. Empty when they agree.
    async fn role_contradictions(&self) -> Vec<RoleContradictionView> {
        contradictions(&self.g, self.idx)
    }

    /// The clusters it belongs to: directly, and through `PART_OF` the larger clusters above.
    async fn clusters(
        &self,
        #[graphql(default = true)] include_inferred: bool,
    ) -> Vec<MembershipView> {
        clusters_of(&self.g, self.idx, include_inferred)
    }

    /// Its members. For a cluster: the entities in it or in its sub-clusters (companies, mostly).
    /// For a park or place: what is located in it or in its parts (companies, parks, places).
    /// Empty for other kinds. `kind` keeps members of one kind (`COMPANY` for a cluster's
    /// companies). A page of `first` (at most 1000) from `offset`, in name order.
    /// With `from`/`to`, as the documents dated in that span state them (see `Query.members`).
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn members(
        &self,
        kind: Option<Kind>,
        #[graphql(default = true)] include_inferred: bool,
        #[graphql(default = 50)] first: i32,
        #[graphql(default = 0)] offset: i32,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Vec<MembershipView>> {
        use graph_core::EntityKind as K;
        let period = parse_period(from, to)?;
        match self.g.entity(self.idx).kind {
            K::Cluster | K::Park | K::Place => members_of(
                &self.g,
                self.idx,
                kind,
                include_inferred,
                period,
                first,
                offset,
            ),
            _ => Ok(Vec::new()),
        }
    }

    /// The documents that mention it, in document order: a page of `first` (at most 1000) from
    /// `offset`.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn documents(
        &self,
        #[graphql(default = 50)] first: i32,
        #[graphql(default = 0)] offset: i32,
    ) -> Result<Vec<DocumentView>> {
        Ok(
            page(self.g.documents_of(self.idx).into_iter(), first, offset)?
                .map(|idx| DocumentView::new(&self.g, idx))
                .collect(),
        )
    }
}
