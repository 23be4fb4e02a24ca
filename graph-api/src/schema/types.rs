//! GraphQL object types: views that pair a graph snapshot with an index into it.

use std::sync::Arc;

use async_graphql::connection::{Connection, Edge as ConnEdge, query};
use async_graphql::{Enum, ID, InputObject, Object, Result, SimpleObject};
use graph_core::{
    DocIdx, Document, EdgeIdx, EntityIdx, Evidence, KnowledgeGraph, Membership, Mention,
    NeighborFilter,
};

use super::MAX_FIRST;
use super::error::invalid_input;

/// The kind of an entity.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(name = "EntityKind")]
pub enum EntityKindGql {
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

impl From<graph_core::EntityKind> for EntityKindGql {
    fn from(k: graph_core::EntityKind) -> Self {
        use graph_core::EntityKind as K;
        match k {
            K::Company => Self::Company,
            K::Person => Self::Person,
            K::Organization => Self::Organization,
            K::Park => Self::Park,
            K::Policy => Self::Policy,
            K::Cluster => Self::Cluster,
            K::Place => Self::Place,
            K::Event => Self::Event,
        }
    }
}

impl From<EntityKindGql> for graph_core::EntityKind {
    fn from(k: EntityKindGql) -> Self {
        use graph_core::EntityKind as K;
        match k {
            EntityKindGql::Company => K::Company,
            EntityKindGql::Person => K::Person,
            EntityKindGql::Organization => K::Organization,
            EntityKindGql::Park => K::Park,
            EntityKindGql::Policy => K::Policy,
            EntityKindGql::Cluster => K::Cluster,
            EntityKindGql::Place => K::Place,
            EntityKindGql::Event => K::Event,
        }
    }
}

/// The kind of a relation.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(name = "RelationKind")]
pub enum RelationKindGql {
    /// Named in one sentence; weight = number of such sentences.
    CoMention,
    /// A person's role at an organization, company, park or place; the label is the title.
    Role,
    /// Member of a cluster.
    InCluster,
    /// Located in a park or place.
    LocatedIn,
    /// A policy issued by an organization.
    IssuedBy,
    /// Part of a larger cluster, park, place, organization or company.
    PartOf,
}

impl From<graph_core::RelationKind> for RelationKindGql {
    fn from(k: graph_core::RelationKind) -> Self {
        use graph_core::RelationKind as K;
        match k {
            K::CoMention => Self::CoMention,
            K::Role => Self::Role,
            K::InCluster => Self::InCluster,
            K::LocatedIn => Self::LocatedIn,
            K::IssuedBy => Self::IssuedBy,
            K::PartOf => Self::PartOf,
        }
    }
}

impl From<RelationKindGql> for graph_core::RelationKind {
    fn from(k: RelationKindGql) -> Self {
        use graph_core::RelationKind as K;
        match k {
            RelationKindGql::CoMention => K::CoMention,
            RelationKindGql::Role => K::Role,
            RelationKindGql::InCluster => K::InCluster,
            RelationKindGql::LocatedIn => K::LocatedIn,
            RelationKindGql::IssuedBy => K::IssuedBy,
            RelationKindGql::PartOf => K::PartOf,
        }
    }
}

/// Where a relation comes from.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(name = "Origin")]
pub enum OriginGql {
    /// Stated in the curated dictionaries.
    Curated,
    /// Read from a sentence that states it.
    Extracted,
    /// Inferred from a sentence that names both ends.
    Inferred,
}

impl From<graph_core::Origin> for OriginGql {
    fn from(o: graph_core::Origin) -> Self {
        match o {
            graph_core::Origin::Curated => Self::Curated,
            graph_core::Origin::Extracted => Self::Extracted,
            graph_core::Origin::Inferred => Self::Inferred,
        }
    }
}

/// Checks a `first` argument: 0 to [`MAX_FIRST`].
pub(crate) fn check_first(first: i32) -> Result<usize> {
    if !(0..=MAX_FIRST).contains(&first) {
        return Err(invalid_input(format!(
            "`first` must be between 0 and {MAX_FIRST}, got {first}"
        )));
    }
    Ok(first as usize)
}

/// An `offset` argument: where a page starts, never negative.
pub(crate) fn check_offset(offset: i32) -> Result<usize> {
    usize::try_from(offset)
        .map_err(|_| invalid_input(format!("`offset` must not be negative, got {offset}")))
}

/// A page of `items`: `first` (checked by [`check_first`]) from `offset` (never negative).
pub(crate) fn page<I: Iterator>(
    items: I,
    first: i32,
    offset: i32,
) -> Result<std::iter::Take<std::iter::Skip<I>>> {
    let first = check_first(first)?;
    Ok(items.skip(check_offset(offset)?).take(first))
}

/// Pages over `items` with Relay cursors (the cursor is the position in the list).
pub(crate) async fn paginate<T, N>(
    items: Vec<T>,
    after: Option<String>,
    before: Option<String>,
    first: Option<i32>,
    last: Option<i32>,
    default_first: usize,
    view: impl Fn(T) -> N,
) -> Result<Connection<usize, N>>
where
    N: async_graphql::OutputType,
{
    for (name, value) in [("first", first), ("last", last)] {
        if let Some(v) = value
            && !(0..=MAX_FIRST).contains(&v)
        {
            return Err(invalid_input(format!(
                "`{name}` must be between 0 and {MAX_FIRST}, got {v}"
            )));
        }
    }
    let first = match (first, last) {
        (None, None) => Some(default_first as i32),
        _ => first,
    };
    query(
        after,
        before,
        first,
        last,
        |after: Option<usize>, before: Option<usize>, first, last| async move {
            let len = items.len();
            let mut start = after.map_or(0, |a| a.saturating_add(1)).min(len);
            let mut end = before.unwrap_or(len).min(len).max(start);
            if let Some(f) = first {
                end = end.min(start + f);
            }
            if let Some(l) = last {
                start = start.max(end.saturating_sub(l));
            }
            let mut conn = Connection::new(start > 0, end < len);
            conn.edges.extend(
                items
                    .into_iter()
                    .enumerate()
                    .skip(start)
                    .take(end - start)
                    .map(|(i, item)| ConnEdge::new(i, view(item))),
            );
            Ok::<_, async_graphql::Error>(conn)
        },
    )
    .await
}

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

/// A company (or other entity) in a cluster or park, and how we know.
#[derive(Clone)]
pub struct MembershipView {
    g: Arc<KnowledgeGraph>,
    member: EntityIdx,
    group: EntityIdx,
    /// The list the membership is in, shared by every view of it, and its place there.
    list: Arc<[Membership]>,
    at: usize,
}

impl MembershipView {
    fn m(&self) -> &Membership {
        &self.list[self.at]
    }
}

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

/// An entity next to another, with what joins them.
#[derive(Clone)]
pub struct NeighborView {
    g: Arc<KnowledgeGraph>,
    entity: EntityIdx,
    weight: u32,
    edges: Vec<EdgeIdx>,
}

/// A relation (an edge) between two entities.
#[derive(Clone)]
pub struct RelationView {
    pub(crate) g: Arc<KnowledgeGraph>,
    pub(crate) edge: EdgeIdx,
}

/// A sentence that proves a relation.
#[derive(Clone)]
pub struct EvidenceView {
    pub(crate) g: Arc<KnowledgeGraph>,
    pub(crate) ev: Evidence,
}

/// A document of the corpus.
#[derive(Clone)]
pub struct DocumentView {
    pub(crate) g: Arc<KnowledgeGraph>,
    pub(crate) idx: DocIdx,
}

/// A mention of an entity in a document.
#[derive(Clone)]
pub struct MentionView {
    g: Arc<KnowledgeGraph>,
    doc: DocIdx,
    mention: Mention,
}

fn evidence_views(
    g: &Arc<KnowledgeGraph>,
    evidence: &[Evidence],
    first: i32,
) -> Result<Vec<EvidenceView>> {
    let first = check_first(first)?;
    Ok(evidence
        .iter()
        .take(first)
        .map(|&ev| EvidenceView { g: g.clone(), ev })
        .collect())
}

/// The entities of a cluster or park, as memberships.
pub(crate) fn memberships(
    g: &Arc<KnowledgeGraph>,
    group: EntityIdx,
    include_inferred: bool,
    first: i32,
    offset: i32,
) -> Result<Vec<MembershipView>> {
    let list = g.members_shared(group, include_inferred);
    Ok(page(0..list.len(), first, offset)?
        .map(|at| MembershipView {
            g: g.clone(),
            member: list[at].entity,
            group,
            list: list.clone(),
            at,
        })
        .collect())
}

/// An entity of the graph: a company, person, organization, park, policy, cluster or place.
#[Object(name = "Entity")]
impl EntityView {
    /// The stable id (a slug such as `kong-lei`).
    async fn id(&self) -> ID {
        ID(self.g.entity(self.idx).id.clone())
    }

    /// The kind.
    async fn kind(&self) -> EntityKindGql {
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
        let g = self.g.clone();
        paginate(items, after, before, first, last, 20, move |(doc, i)| {
            MentionView {
                mention: g.document(doc).mentions[i as usize],
                g: g.clone(),
                doc,
            }
        })
        .await
    }

    /// The entities related to it, heaviest first, with the relations that join them.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn neighbors(
        &self,
        kind: Option<EntityKindGql>,
        relation: Option<RelationKindGql>,
        #[graphql(default = 1)] min_weight: i32,
        #[graphql(default = 20)] first: i32,
    ) -> Result<Vec<NeighborView>> {
        let first = check_first(first)?;
        if min_weight < 0 {
            return Err(invalid_input(format!(
                "`minWeight` must not be negative, got {min_weight}"
            )));
        }
        let filter = NeighborFilter {
            kind: kind.map(Into::into),
            relation: relation.map(Into::into),
            min_weight: min_weight as u32,
        };
        Ok(self
            .g
            .neighbors(self.idx, &filter)
            .into_iter()
            .take(first)
            .map(|n| NeighborView {
                g: self.g.clone(),
                entity: n.entity,
                weight: n.weight,
                edges: n.edges.iter().map(|e| e.id).collect(),
            })
            .collect())
    }

    /// Its relations, optionally of one kind.
    async fn relations(&self, kind: Option<RelationKindGql>) -> Vec<RelationView> {
        let kind: Option<graph_core::RelationKind> = kind.map(Into::into);
        self.g
            .edges_of(self.idx)
            .into_iter()
            .filter(|e| kind.is_none_or(|k| e.data.kind == k))
            .map(|e| RelationView {
                g: self.g.clone(),
                edge: e.id,
            })
            .collect()
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
        let held = self
            .g
            .edges_of(self.idx)
            .into_iter()
            .filter(|e| e.data.kind == graph_core::RelationKind::Role && e.source == self.idx)
            .map(|e| RoleOf::Edge(e.id));
        let unattached = self
            .g
            .entity(self.idx)
            .roles
            .iter()
            .enumerate()
            .filter(|(_, role)| role.org.is_none())
            .map(|(n, _)| RoleOf::Curated(self.idx, n));
        Ok(page(held.chain(unattached), first, offset)?
            .map(|of| RoleView {
                g: self.g.clone(),
                of,
            })
            .collect())
    }

    /// The clusters it belongs to: directly, and through `PART_OF` the larger clusters above.
    async fn clusters(
        &self,
        #[graphql(default = true)] include_inferred: bool,
    ) -> Vec<MembershipView> {
        let list: Arc<[Membership]> = self.g.clusters_of(self.idx, include_inferred).into();
        (0..list.len())
            .map(|at| MembershipView {
                g: self.g.clone(),
                member: self.idx,
                group: list[at].entity,
                list: list.clone(),
                at,
            })
            .collect()
    }

    /// For a cluster: its companies, including those of its sub-clusters. For a park or place:
    /// what is located in it or in its parts. Empty for other kinds. A page of `first` (at most
    /// 1000) from `offset`, in name order.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn companies(
        &self,
        #[graphql(default = true)] include_inferred: bool,
        #[graphql(default = 50)] first: i32,
        #[graphql(default = 0)] offset: i32,
    ) -> Result<Vec<MembershipView>> {
        use graph_core::EntityKind as K;
        match self.g.entity(self.idx).kind {
            K::Cluster | K::Park | K::Place => {
                memberships(&self.g, self.idx, include_inferred, first, offset)
            }
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
                .map(|idx| DocumentView {
                    g: self.g.clone(),
                    idx,
                })
                .collect(),
        )
    }
}

/// Membership of an entity in a cluster (or a park), curated, inferred or both, with evidence.
#[Object(name = "ClusterMembership")]
impl MembershipView {
    /// The member (a company, for clusters).
    async fn company(&self) -> EntityView {
        EntityView::new(&self.g, self.member)
    }

    /// The cluster (or park) it is a member of.
    async fn cluster(&self) -> EntityView {
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

    /// A sentence names the member beside the cluster.
    async fn inferred(&self) -> bool {
        self.m().inferred
    }

    /// The sub-clusters (or sub-parks) the membership goes through, when it is transitive.
    async fn via(&self) -> Vec<EntityView> {
        self.m()
            .via
            .iter()
            .map(|&v| EntityView::new(&self.g, v))
            .collect()
    }

    /// The sentences that prove it.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn evidence(&self, #[graphql(default = 5)] first: i32) -> Result<Vec<EvidenceView>> {
        evidence_views(&self.g, &self.m().evidence, first)
    }
}

impl RoleView {
    /// The role's edge, for a role held at an organization.
    fn edge(&self) -> Option<graph_core::Edge<'_>> {
        match self.of {
            RoleOf::Edge(e) => self.g.edge(e),
            RoleOf::Curated(..) => None,
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

/// A neighbor of an entity.
#[Object(name = "Neighbor")]
impl NeighborView {
    /// The neighboring entity.
    async fn entity(&self) -> EntityView {
        EntityView::new(&self.g, self.entity)
    }

    /// The sum of the weights of the relations that join the two.
    async fn weight(&self) -> u32 {
        self.weight
    }

    /// The relations that join the two.
    async fn relations(&self) -> Vec<RelationView> {
        self.edges
            .iter()
            .map(|&edge| RelationView {
                g: self.g.clone(),
                edge,
            })
            .collect()
    }

    /// The sentences that prove the relations, without repeats.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn evidence(&self, #[graphql(default = 3)] first: i32) -> Result<Vec<EvidenceView>> {
        let mut all: Vec<Evidence> = self
            .edges
            .iter()
            .filter_map(|&e| self.g.edge(e))
            .flat_map(|e| e.data.evidence.iter().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        evidence_views(&self.g, &all, first)
    }
}

impl RelationView {
    fn edge(&self) -> Result<graph_core::Edge<'_>> {
        self.g
            .edge(self.edge)
            .ok_or_else(|| async_graphql::Error::new("the relation is no longer in the graph"))
    }
}

/// A relation between two entities, with the sentences that prove it.
#[Object(name = "Relation")]
impl RelationView {
    /// The kind.
    async fn kind(&self) -> Result<RelationKindGql> {
        Ok(self.edge()?.data.kind.into())
    }

    /// The source (the person of a role, the member of a cluster; the smaller id of a co-mention).
    async fn source(&self) -> Result<EntityView> {
        Ok(EntityView::new(&self.g, self.edge()?.source))
    }

    /// The target.
    async fn target(&self) -> Result<EntityView> {
        Ok(EntityView::new(&self.g, self.edge()?.target))
    }

    /// The role's title, for roles; the relation's name otherwise.
    async fn label(&self) -> Result<String> {
        let e = self.edge()?;
        Ok(e.data
            .label
            .clone()
            .unwrap_or_else(|| e.data.kind.as_str().to_lowercase().replace('_', " ")))
    }

    /// The number of sentences that prove it (at least 1 for curated relations).
    async fn weight(&self) -> Result<u32> {
        Ok(self.edge()?.data.weight())
    }

    /// CURATED, EXTRACTED or INFERRED.
    async fn origin(&self) -> Result<OriginGql> {
        Ok(self.edge()?.data.origin.into())
    }

    /// The sentences that prove it, in document order.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn evidence(&self, #[graphql(default = 5)] first: i32) -> Result<Vec<EvidenceView>> {
        let e = self.edge()?;
        evidence_views(&self.g, &e.data.evidence, first)
    }
}

/// A sentence of a document that proves a relation.
#[Object(name = "Evidence")]
impl EvidenceView {
    /// The document.
    async fn document(&self) -> DocumentView {
        DocumentView {
            g: self.g.clone(),
            idx: self.ev.document,
        }
    }

    /// The sentence itself.
    async fn sentence(&self) -> &str {
        self.g.sentence(self.ev)
    }

    /// The index of the sentence in the document.
    async fn sentence_index(&self) -> u32 {
        self.ev.sentence
    }

    /// Byte offset of the sentence in the document's text.
    async fn start(&self) -> usize {
        self.span().0
    }

    /// Byte offset just past the sentence.
    async fn end(&self) -> usize {
        self.span().1
    }
}

impl EvidenceView {
    fn span(&self) -> (usize, usize) {
        self.g
            .document(self.ev.document)
            .sentences
            .get(self.ev.sentence as usize)
            .map_or((0, 0), |s| (s.start, s.end))
    }
}

impl DocumentView {
    fn doc(&self) -> &Document {
        self.g.document(self.idx)
    }
}

/// A document of the corpus.
#[Object(name = "Document")]
impl DocumentView {
    /// The stable id (a corpus file's stem).
    async fn id(&self) -> ID {
        ID(self.doc().id.clone())
    }

    /// The headline, or the first sentence when the text has none.
    async fn title(&self) -> Option<&str> {
        self.doc().title.as_deref()
    }

    /// The date the text states, `YYYY-MM-DD`.
    async fn date(&self) -> Option<String> {
        self.doc().date.map(|d| d.to_string())
    }

    /// `en`, `zh` or `mixed`.
    async fn language(&self) -> &'static str {
        self.doc().language.as_str()
    }

    /// Where it comes from: a path or URL.
    async fn source(&self) -> &str {
        &self.doc().source
    }

    /// The number of article sentences (boilerplate excluded).
    async fn sentence_count(&self) -> usize {
        self.doc().sentences.len()
    }

    /// The number of mentions.
    async fn mention_count(&self) -> usize {
        self.doc().mentions.len()
    }

    /// Its mentions, in text order.
    #[graphql(
        complexity = "first.or(last).unwrap_or(50).clamp(0, 1000) as usize * child_complexity + 1"
    )]
    async fn mentions(
        &self,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<usize, MentionView>> {
        let items = self.doc().mentions.clone();
        let (g, doc) = (self.g.clone(), self.idx);
        paginate(items, after, before, first, last, 50, move |mention| {
            MentionView {
                g: g.clone(),
                doc,
                mention,
            }
        })
        .await
    }

    /// The entities it mentions, most mentioned first.
    async fn entities(&self) -> Vec<EntityView> {
        let mut counts: Vec<(EntityIdx, usize)> = Vec::new();
        for m in &self.doc().mentions {
            match counts.iter_mut().find(|(e, _)| *e == m.entity) {
                Some(c) => c.1 += 1,
                None => counts.push((m.entity, 1)),
            }
        }
        counts.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.g.entity(a.0).id.cmp(&self.g.entity(b.0).id))
        });
        counts
            .into_iter()
            .map(|(e, _)| EntityView::new(&self.g, e))
            .collect()
    }

    /// The full original text.
    async fn text(&self) -> &str {
        &self.doc().text
    }
}

/// A mention of an entity in a document.
#[Object(name = "Mention")]
impl MentionView {
    /// The entity mentioned.
    async fn entity(&self) -> EntityView {
        EntityView::new(&self.g, self.mention.entity)
    }

    /// The text as written.
    async fn surface(&self) -> &str {
        self.g.document(self.doc).surface(&self.mention)
    }

    /// Byte offset in the document's text.
    async fn start(&self) -> usize {
        self.mention.start
    }

    /// Byte offset just past the surface.
    async fn end(&self) -> usize {
        self.mention.end
    }

    /// The index of its sentence.
    async fn sentence_index(&self) -> u32 {
        self.mention.sentence
    }

    /// The sentence it is in.
    async fn sentence(&self) -> &str {
        self.g
            .document(self.doc)
            .sentence_text(self.mention.sentence)
    }

    /// The document.
    async fn document(&self) -> DocumentView {
        DocumentView {
            g: self.g.clone(),
            idx: self.doc,
        }
    }
}

/// How many entities of one kind.
#[derive(SimpleObject, Clone)]
pub struct KindCount {
    /// The kind.
    pub kind: EntityKindGql,
    /// How many.
    pub count: usize,
}

/// How many relations of one kind.
#[derive(SimpleObject, Clone)]
pub struct RelationCount {
    /// The kind.
    pub kind: RelationKindGql,
    /// How many.
    pub count: usize,
}

/// Counts of the graph.
#[derive(SimpleObject, Clone)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Article sentences over all documents.
    pub sentences: usize,
    /// Mentions over all documents.
    pub mentions: usize,
    /// Entities in the dictionaries.
    pub entities: usize,
    /// Entities mentioned at least once.
    pub mentioned_entities: usize,
    /// Relations (edges).
    pub relations: usize,
    /// Entities per kind.
    pub entities_by_kind: Vec<KindCount>,
    /// Relations per kind.
    pub relations_by_kind: Vec<RelationCount>,
}

/// An entity mentioned in text given to `extract`.
#[derive(SimpleObject, Clone)]
pub struct ExtractedMention {
    /// The entity.
    pub entity: EntityView,
    /// The text as written.
    pub surface: String,
    /// Byte offset in the given text.
    pub start: usize,
    /// Byte offset just past the surface.
    pub end: usize,
    /// The index of its sentence.
    pub sentence_index: u32,
    /// The sentence.
    pub sentence: String,
}

/// A relation found in text given to `extract`.
#[derive(SimpleObject, Clone)]
pub struct ExtractedRelation {
    /// The kind.
    pub kind: RelationKindGql,
    /// The source.
    pub source: EntityView,
    /// The target.
    pub target: EntityView,
    /// The role's title, for roles.
    pub label: Option<String>,
    /// EXTRACTED or INFERRED.
    pub origin: OriginGql,
    /// The index of the sentence that states it.
    pub sentence_index: u32,
    /// The sentence that states it.
    pub sentence: String,
}

/// A spelling shared by several entities that the text did not decide between.
#[derive(SimpleObject, Clone)]
pub struct UnresolvedMention {
    /// The text as written.
    pub surface: String,
    /// Byte offset in the given text.
    pub start: usize,
    /// Byte offset just past the surface.
    pub end: usize,
    /// The entities that claim the spelling.
    pub candidates: Vec<EntityView>,
}

/// What `extract` finds in a text. Nothing is stored.
#[derive(SimpleObject, Clone)]
pub struct ExtractResult {
    /// The headline, or the first sentence.
    pub title: Option<String>,
    /// The date the text states, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `en`, `zh` or `mixed`.
    pub language: String,
    /// The number of sentences.
    pub sentence_count: usize,
    /// The mentions, in text order.
    pub mentions: Vec<ExtractedMention>,
    /// The relations, by sentence.
    pub relations: Vec<ExtractedRelation>,
    /// Spellings left unresolved.
    pub unresolved: Vec<UnresolvedMention>,
}

impl ExtractResult {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, doc: &Document) -> Self {
        ExtractResult {
            title: doc.title.clone(),
            date: doc.date.map(|d| d.to_string()),
            language: doc.language.as_str().to_owned(),
            sentence_count: doc.sentences.len(),
            mentions: doc
                .mentions
                .iter()
                .map(|m| ExtractedMention {
                    entity: EntityView::new(g, m.entity),
                    surface: doc.surface(m).to_owned(),
                    start: m.start,
                    end: m.end,
                    sentence_index: m.sentence,
                    sentence: doc.sentence_text(m.sentence).to_owned(),
                })
                .collect(),
            relations: doc
                .relations
                .iter()
                .map(|r| ExtractedRelation {
                    kind: r.kind.into(),
                    source: EntityView::new(g, r.source),
                    target: EntityView::new(g, r.target),
                    label: r.label.clone(),
                    origin: r.origin.into(),
                    sentence_index: r.sentence,
                    sentence: doc.sentence_text(r.sentence).to_owned(),
                })
                .collect(),
            unresolved: doc
                .unresolved
                .iter()
                .map(|u| UnresolvedMention {
                    surface: doc.text.get(u.start..u.end).unwrap_or("").to_owned(),
                    start: u.start,
                    end: u.end,
                    candidates: u
                        .candidates
                        .iter()
                        .map(|&c| EntityView::new(g, c))
                        .collect(),
                })
                .collect(),
        }
    }
}

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

/// How a DOT export groups nodes into boxes.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(name = "GroupBy")]
pub enum GroupByGql {
    /// One box per cluster.
    Cluster,
    /// One box per entity kind.
    Kind,
}

impl From<GroupByGql> for graph_core::GroupBy {
    fn from(g: GroupByGql) -> Self {
        match g {
            GroupByGql::Cluster => graph_core::GroupBy::Cluster,
            GroupByGql::Kind => graph_core::GroupBy::Kind,
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
    pub kinds: Option<Vec<EntityKindGql>>,
    /// Keep only relations of these kinds.
    pub relations: Option<Vec<RelationKindGql>>,
    /// A cluster id: the cluster, its sub-clusters and their members.
    pub cluster: Option<ID>,
    /// Keep only relations at least this heavy (default 1).
    pub min_weight: Option<i32>,
    /// Keep only the N most central entities.
    pub top: Option<i32>,
    /// With `entity`: also keep the co-mentions among its neighbours (left out by default).
    pub neighbor_co_mentions: Option<bool>,
}

impl GraphFilterInput {
    /// The filter as the CLI and HTTP routes take it; negative numbers are refused.
    pub(crate) fn to_filter(&self) -> Result<crate::filter::ExportFilter> {
        let non_negative = |name: &str, v: Option<i32>| -> Result<Option<usize>> {
            match v {
                Some(n) if n < 0 => Err(invalid_input(format!(
                    "`{name}` must not be negative, got {n}"
                ))),
                Some(n) => Ok(Some(n as usize)),
                None => Ok(None),
            }
        };
        Ok(crate::filter::ExportFilter {
            entity: self.entity.as_ref().map(|id| id.to_string()),
            depth: non_negative("depth", self.depth)?,
            kinds: self
                .kinds
                .iter()
                .flatten()
                .map(|&k| graph_core::EntityKind::from(k).as_str().to_owned())
                .collect(),
            relations: self
                .relations
                .iter()
                .flatten()
                .map(|&r| graph_core::RelationKind::from(r).as_str().to_owned())
                .collect(),
            cluster: self.cluster.as_ref().map(|id| id.to_string()),
            min_weight: non_negative("minWeight", self.min_weight)?.map(|w| w as u32),
            top: non_negative("top", self.top)?,
            neighbor_co_mentions: self.neighbor_co_mentions.unwrap_or(false),
        })
    }
}

/// A part of the graph, for frontends that draw it themselves.
#[derive(SimpleObject, Clone)]
pub struct Subgraph {
    /// The entities, in id order.
    pub nodes: Vec<EntityView>,
    /// The relations between them.
    pub edges: Vec<RelationView>,
}
