//! The query root: how people and frontends ask the graph questions.

use std::sync::Arc;

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use graph_core::{Date, DocIdx, DocumentInput, EntityIdx, EntityKind, KnowledgeGraph};

use super::budget::{Budget, mebibytes};
use super::candidate::{CandidateView, ranked};
use super::document::DocumentView;
use super::entity::EntityView;
use super::error::{ErrorCode, coded, invalid_input, not_found};
use super::export::{CsvExport, ExportFormatGql, GraphFilterInput, Subgraph};
use super::extract::ExtractResult;
use super::membership::{MembershipView, members_of};
use super::pagination::{check_first, page, paginate};
use super::relation::RelationView;
use super::stats::{KindCount, RelationCount, Stats};
use super::time::{ChangesView, MAX_TOP, TimelineMonthView, changes, parse_day, parse_period};
use super::{live, snapshot};
use crate::filter::{GroupBy, Kind, Status, graph_for, statuses};

/// A document that contains the searched text.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "SearchHit")]
pub struct SearchHitView {
    /// The document.
    pub document: DocumentView,
    /// About 120 characters around the first match, the match marked with 【】.
    pub snippet: String,
}

/// The longest path `path` searches, in hops.
pub const MAX_HOPS: i32 = 10;

/// The longest text `search` looks for, in characters.
pub const MAX_SEARCH_CHARS: usize = 256;

/// The largest text `extract` takes, in bytes.
pub const MAX_EXTRACT_BYTES: usize = graph_core::DEFAULT_MAX_DOCUMENT_BYTES;

/// A buffer that refuses to grow past `limit` (it keeps one byte more, to tell it was reached).
struct Limited {
    bytes: Vec<u8>,
    limit: usize,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() > self.limit {
            return Err(std::io::Error::other("over the answer's limit"));
        }
        if self.bytes.len() + buf.len() > self.limit {
            self.bytes
                .extend_from_slice(&buf[..(self.limit + 1 - self.bytes.len()).min(buf.len())]);
            return Err(std::io::Error::other("over the answer's limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The root of every query.
#[derive(Debug, Default, Clone, Copy)]
pub struct QueryRoot;

/// One story told by several documents: an article and its reposts.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "Story")]
pub struct StoryView {
    /// Its documents, in id order; the first names the story.
    pub documents: Vec<DocumentView>,
}

/// The graph that knows these ids: `g`, or the graph with the provisional entities when one of
/// them is a candidate's (`candidate:…`).
fn graph_knowing(g: Arc<KnowledgeGraph>, ids: &[&str]) -> Arc<KnowledgeGraph> {
    if ids
        .iter()
        .any(|id| id.starts_with(graph_core::provisional::ID_PREFIX))
    {
        g.with_candidates()
    } else {
        g
    }
}

fn entity_idx(g: &KnowledgeGraph, id: &str) -> Result<EntityIdx> {
    if id.trim().is_empty() {
        return Err(invalid_input("an entity id must not be empty"));
    }
    g.entity_by_id(id).ok_or_else(|| {
        not_found(format!(
            "no entity with id {id:?}; use `lookup(name:)` to find one by name"
        ))
    })
}

fn parse_date(name: &str, value: Option<String>) -> Result<Option<Date>> {
    value
        .map(|v| {
            Date::parse_iso(&v).ok_or_else(|| {
                invalid_input(format!("`{name}` must be a date YYYY-MM-DD, got {v:?}"))
            })
        })
        .transpose()
}

#[Object(name = "Query")]
impl QueryRoot {
    /// One entity by id (`kong-lei`, `bda`, `future-health`...). Null for an id that names no
    /// entity, with a `NOT_FOUND` error beside it that says so.
    ///
    /// A provisional entity (`status: CANDIDATE`, an id `candidate:…`) is found too.
    async fn entity(&self, ctx: &Context<'_>, id: ID) -> Result<Option<EntityView>> {
        let g = &graph_knowing(snapshot(ctx)?, &[&id]);
        Ok(Some(EntityView::new(g, entity_idx(g, &id)?)))
    }

    /// The entities that have this name or alias, in any language and any case:
    /// `亦庄`, `Beijing E-Town` and `bda` all find the development zone. `status` (default
    /// `[CURATED]`) adds the provisional entities: `status: [CURATED, CANDIDATE]`.
    async fn lookup(
        &self,
        ctx: &Context<'_>,
        name: String,
        status: Option<Vec<Status>>,
    ) -> Result<Vec<EntityView>> {
        let status = statuses(status);
        let g = &graph_for(&snapshot(ctx)?, &status);
        if name.trim().is_empty() {
            return Err(invalid_input("`name` must not be empty"));
        }
        Ok(g.lookup(&name)
            .into_iter()
            .filter(|&i| status.contains(&g.status(i).into()))
            .map(|i| EntityView::new(g, i))
            .collect())
    }

    /// Entities in id order, filtered by kind, by cluster membership (companies of a cluster and
    /// its sub-clusters, inferred included) and by a search string matched against ids and
    /// spellings; by `status` (default `[CURATED]`; `[CANDIDATE]` lists the provisional
    /// entities, curated ones first in id order, then the provisional ones in id order). Relay
    /// cursor pagination.
    #[allow(clippy::too_many_arguments)]
    #[graphql(
        complexity = "first.or(last).unwrap_or(50).clamp(0, 1000) as usize * child_complexity + 1"
    )]
    async fn entities(
        &self,
        ctx: &Context<'_>,
        kind: Option<Kind>,
        cluster: Option<ID>,
        search: Option<String>,
        status: Option<Vec<Status>>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<usize, EntityView>> {
        let status = statuses(status);
        let g = &graph_for(&snapshot(ctx)?, &status);
        let mut items: Vec<EntityIdx> = match &search {
            Some(s) if !s.trim().is_empty() => g.search(s),
            _ => g.dictionary().iter().map(|(i, _)| i).collect(),
        };
        items.retain(|&i| status.contains(&g.status(i).into()));
        if let Some(kind) = kind {
            let kind: EntityKind = kind.into();
            items.retain(|&i| g.entity(i).kind == kind);
        }
        if let Some(cluster) = cluster {
            let c = entity_idx(g, &cluster)?;
            if g.entity(c).kind != EntityKind::Cluster {
                return Err(invalid_input(format!(
                    "{:?} is a {}, not a cluster",
                    &*cluster,
                    g.entity(c).kind
                )));
            }
            let members: std::collections::HashSet<EntityIdx> =
                g.members_shared(c, true).iter().map(|m| m.entity).collect();
            items.retain(|i| members.contains(i));
        }
        let g2 = g.clone();
        paginate(items, after, before, first, last, 50, move |i| {
            EntityView::new(&g2, i)
        })
        .await
    }

    /// The members of a cluster, park or place. For a cluster: the entities in it or in its
    /// sub-clusters (a gene-therapy company is in future health), companies mostly; for a park or
    /// place: what is located in it or in its parts. Each with whether the dictionaries state it
    /// (CURATED) or a sentence names it beside the group (INFERRED), and the sentences. `kind`
    /// keeps members of one kind: `members(of: "future-health", kind: COMPANY)` are the
    /// companies of the cluster. In name order, a page of `first` (at most 1000) from `offset`:
    /// ask again with `offset` moved on while a page comes back full.
    ///
    /// With `from` and/or `to` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both included), as the
    /// documents dated in that span state them: a membership the dictionaries state stays, one
    /// only a sentence states needs a sentence of the span, and `evidence` lists those.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        of: ID,
        kind: Option<Kind>,
        #[graphql(default = true)] include_inferred: bool,
        #[graphql(default = 50)] first: i32,
        #[graphql(default = 0)] offset: i32,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Vec<MembershipView>> {
        let g = &graph_knowing(snapshot(ctx)?, &[&of]);
        let period = parse_period(from, to)?;
        let group = entity_idx(g, &of)?;
        match g.entity(group).kind {
            EntityKind::Cluster | EntityKind::Park | EntityKind::Place => {
                members_of(g, group, kind, include_inferred, period, first, offset)
            }
            other => Err(invalid_input(format!(
                "{:?} is a {other}; members are listed for clusters, parks and places",
                &*of
            ))),
        }
    }

    /// Every cluster, industry and technology field, in id order.
    async fn clusters(&self, ctx: &Context<'_>) -> Result<Vec<EntityView>> {
        let g = &snapshot(ctx)?;
        Ok(g.dictionary()
            .iter()
            .filter(|(_, e)| e.kind == EntityKind::Cluster)
            .map(|(i, _)| EntityView::new(g, i))
            .collect())
    }

    /// Documents in id order, optionally those dated between `from` and `to` (inclusive,
    /// `YYYY-MM-DD`; undated documents are left out when either is given).
    #[allow(clippy::too_many_arguments)]
    #[graphql(
        complexity = "first.or(last).unwrap_or(50).clamp(0, 1000) as usize * child_complexity + 1"
    )]
    async fn documents(
        &self,
        ctx: &Context<'_>,
        from: Option<String>,
        to: Option<String>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<usize, DocumentView>> {
        let g = &snapshot(ctx)?;
        let (from, to) = (parse_date("from", from)?, parse_date("to", to)?);
        let items: Vec<DocIdx> = (0..g.documents().len() as u32)
            .map(DocIdx)
            .filter(|&d| {
                if from.is_none() && to.is_none() {
                    return true;
                }
                g.document(d).date.is_some_and(|date| {
                    from.is_none_or(|f| date >= f) && to.is_none_or(|t| date <= t)
                })
            })
            .collect();
        let g2 = g.clone();
        paginate(items, after, before, first, last, 50, move |idx| {
            DocumentView::new(&g2, idx)
        })
        .await
    }

    /// The stories told by several documents: one article reposted by several outlets, listed
    /// once with its copies (each story's documents in id order; stories by their first
    /// document). A story counts once in every weight, whatever the number of its copies.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn stories(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
        #[graphql(default = 0)] offset: i32,
    ) -> Result<Vec<StoryView>> {
        let g = &snapshot(ctx)?;
        Ok(page(g.stories().iter(), first, offset)?
            .map(|story| StoryView {
                documents: story.iter().map(|&d| DocumentView::new(g, d)).collect(),
            })
            .collect())
    }

    /// One document by id. Null for an id that names no document, with a `NOT_FOUND` error
    /// beside it that says so.
    async fn document(&self, ctx: &Context<'_>, id: ID) -> Result<Option<DocumentView>> {
        let g = &snapshot(ctx)?;
        let idx = g
            .document_by_id(&id)
            .ok_or_else(|| not_found(format!("no document with id {:?}", &*id)))?;
        Ok(Some(DocumentView::new(g, idx)))
    }

    /// The relations between two entities, either direction. With `from` and/or `to`
    /// (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both included), as the documents dated in that span
    /// state them: weights and evidence count only those, and a relation read from text that
    /// none of them states is left out (curated ones stay). `to` alone is "as of" that day.
    async fn relation(
        &self,
        ctx: &Context<'_>,
        a: ID,
        b: ID,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Vec<RelationView>> {
        let g = &graph_knowing(snapshot(ctx)?, &[&a, &b]);
        let period = parse_period(from, to)?;
        let (a, b) = (entity_idx(g, &a)?, entity_idx(g, &b)?);
        Ok(g.edges_between(a, b)
            .into_iter()
            .filter(|e| g.weight_in(e.data, period) > 0)
            .map(|e| RelationView::in_period(g, e.id, period))
            .collect())
    }

    /// Policies in id order; with `activeOn` (`YYYY-MM-DD`; `YYYY` or `YYYY-MM` mean the last
    /// day) those in force that day: in effect (effective, else published, on or before it),
    /// not expired, and not yet superseded by a successor — by the dictionaries' dates, and
    /// where they give none, by the dates the documents state (`Entity.lifecycle`). A date
    /// nobody gives does not rule a policy out. A page of `first` (at most 1000) from `offset`.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn policies(
        &self,
        ctx: &Context<'_>,
        active_on: Option<String>,
        #[graphql(default = 50)] first: i32,
        #[graphql(default = 0)] offset: i32,
    ) -> Result<Vec<EntityView>> {
        let g = &snapshot(ctx)?;
        let day = active_on.map(|d| parse_day("activeOn", &d)).transpose()?;
        let policies = g
            .dictionary()
            .iter()
            .filter(|(_, e)| e.kind == EntityKind::Policy)
            .filter(|&(i, _)| {
                day.is_none_or(|day| {
                    graph_core::lifecycle::policy_active_on(&g.lifecycle_of(i), day)
                })
            })
            .map(|(i, _)| i);
        Ok(page(policies, first, offset)?
            .map(|i| EntityView::new(g, i))
            .collect())
    }

    /// What changed between two dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both included): the
    /// entities and relations the news named for the first time, the relations that gained
    /// most sentences over the span of the same length just before, and those that went quiet
    /// (stated before, not in the span). `first` of each list (at most 100).
    async fn changes(
        &self,
        ctx: &Context<'_>,
        from: String,
        to: String,
        #[graphql(default = 10)] first: i32,
    ) -> Result<ChangesView> {
        let g = &snapshot(ctx)?;
        if !(0..=100).contains(&first) {
            return Err(invalid_input(format!(
                "`first` must be between 0 and 100, got {first}"
            )));
        }
        let period = parse_period(Some(from), Some(to))?;
        changes(g, period, first as usize)
            .ok_or_else(|| invalid_input("`changes` needs both `from` and `to`"))
    }

    /// An entity's mentions month by month, oldest first (documents dated to the month or the
    /// day; within `from`/`to` when given), each month with the `top` entities named most
    /// often beside it (at most 50).
    async fn timeline(
        &self,
        ctx: &Context<'_>,
        entity: ID,
        from: Option<String>,
        to: Option<String>,
        #[graphql(default = 3)] top: i32,
    ) -> Result<Vec<TimelineMonthView>> {
        let g = &graph_knowing(snapshot(ctx)?, &[&entity]);
        let period = parse_period(from, to)?;
        if !(0..=MAX_TOP).contains(&top) {
            return Err(invalid_input(format!(
                "`top` must be between 0 and {MAX_TOP}, got {top}"
            )));
        }
        let idx = entity_idx(g, &entity)?;
        Ok(g.timeline(idx, period, top as usize)
            .into_iter()
            .map(|m| TimelineMonthView::new(g, m))
            .collect())
    }

    /// A shortest chain of related entities from one to another (any relation, any direction),
    /// at most `maxHops` long; null when there is none. With `since` and/or `until` (`YYYY`,
    /// `YYYY-MM` or `YYYY-MM-DD`, both included: the span every other query calls `from`/`to`,
    /// which here name the ends), only over the relations the documents dated in that span
    /// state (and the dictionaries' own).
    async fn path(
        &self,
        ctx: &Context<'_>,
        from: ID,
        to: ID,
        #[graphql(default = 6)] max_hops: i32,
        since: Option<String>,
        until: Option<String>,
    ) -> Result<Option<Vec<EntityView>>> {
        let g = &graph_knowing(snapshot(ctx)?, &[&from, &to]);
        let period = graph_core::Period::parse_named(
            ("since", since.as_deref()),
            ("until", until.as_deref()),
        )
        .map_err(|e| invalid_input(e.to_string()))?;
        if !(1..=MAX_HOPS).contains(&max_hops) {
            return Err(invalid_input(format!(
                "`maxHops` must be between 1 and {MAX_HOPS}, got {max_hops}"
            )));
        }
        let (a, b) = (entity_idx(g, &from)?, entity_idx(g, &to)?);
        Ok(g.shortest_path_in(a, b, max_hops as usize, period)
            .map(|p| p.into_iter().map(|i| EntityView::new(g, i)).collect()))
    }

    /// Mentions and relations in a text of your own, with the sentences; nothing is stored.
    /// Each KiB of text counts 1 in the query's complexity, besides the fields asked.
    #[graphql(complexity = "text.len() / 1024 + child_complexity + 1")]
    async fn extract(&self, ctx: &Context<'_>, text: String) -> Result<ExtractResult> {
        let g = &snapshot(ctx)?;
        if text.trim().is_empty() {
            return Err(invalid_input("`text` must not be empty"));
        }
        if text.len() > MAX_EXTRACT_BYTES {
            return Err(invalid_input(format!(
                "`text` is {} bytes, over the limit of {MAX_EXTRACT_BYTES}",
                text.len()
            )));
        }
        let doc = g.extractor().extract(DocumentInput {
            id: "extract".into(),
            source: "extract".into(),
            text,
            ..DocumentInput::default()
        });
        Ok(ExtractResult::new(g, doc))
    }

    /// A part of the graph as typed nodes and edges, for frontends that draw it themselves.
    async fn subgraph(
        &self,
        ctx: &Context<'_>,
        filter: Option<GraphFilterInput>,
    ) -> Result<Subgraph> {
        let filter = filter.unwrap_or_default().to_filter(None)?;
        let g = &filter.graph(&snapshot(ctx)?);
        let selection = filter
            .to_selection(g)
            .map_err(|e| invalid_input(e.to_string()))?;
        let sub = graph_core::select(g, &selection);
        Ok(Subgraph {
            nodes: sub.nodes.iter().map(|&i| EntityView::new(g, i)).collect(),
            edges: sub
                .edges
                .iter()
                .map(|&edge| RelationView::in_period(g, edge, sub.period))
                .collect(),
        })
    }

    /// The graph, or the part the filter selects, as a file: DOT for Graphviz, GraphML for Gephi,
    /// yEd and networkx, or Cytoscape.js JSON. `groupBy` draws DOT boxes around clusters or kinds.
    async fn export(
        &self,
        ctx: &Context<'_>,
        format: ExportFormatGql,
        filter: Option<GraphFilterInput>,
        group_by: Option<GroupBy>,
    ) -> Result<String> {
        let filter = filter.unwrap_or_default().to_filter(group_by)?;
        let g = &filter.graph(&snapshot(ctx)?);
        let selection = filter
            .to_selection(g)
            .map_err(|e| invalid_input(e.to_string()))?;
        let sub = graph_core::select(g, &selection);
        // Written no further than the answer may grow: twenty aliases of a whole-graph export
        // once made a gigabyte before anything looked at its size.
        let budget = ctx.data_opt::<std::sync::Arc<Budget>>();
        let mut out = Limited {
            bytes: Vec::new(),
            limit: budget.map_or(usize::MAX, |b| b.remaining()),
        };
        let written =
            graph_core::write_export(g, &sub, format.into(), &filter.dot_options(g), &mut out);
        if out.bytes.len() > out.limit
            && let Some(budget) = budget
        {
            return Err(coded(
                ErrorCode::AnswerTooLarge,
                format!(
                    "the export is larger than the answer may be ({}, --max-answer-mb); narrow \
                     it with a filter, or download it from /export.{}",
                    mebibytes(budget.max_answer_bytes()),
                    graph_core::Format::from(format).extension()
                ),
            ));
        }
        written?;
        Ok(String::from_utf8(out.bytes)?)
    }

    /// The graph, or the part the filter selects, as Neo4j bulk-import CSV: the two files
    /// `nodes.csv` and `relationships.csv` that `kgraph export --format csv` writes.
    async fn export_csv(
        &self,
        ctx: &Context<'_>,
        filter: Option<GraphFilterInput>,
    ) -> Result<CsvExport> {
        let filter = filter.unwrap_or_default().to_filter(None)?;
        let g = &filter.graph(&snapshot(ctx)?);
        let selection = filter
            .to_selection(g)
            .map_err(|e| invalid_input(e.to_string()))?;
        let sub = graph_core::select(g, &selection);
        // Each file is written no further than the answer may grow, so a whole-graph export
        // is refused before it is built; together they must fit too.
        let budget = ctx.data_opt::<std::sync::Arc<Budget>>();
        let limit = budget.map_or(usize::MAX, |b| b.remaining());
        let mut nodes = Limited {
            bytes: Vec::new(),
            limit,
        };
        let mut relationships = Limited {
            bytes: Vec::new(),
            limit,
        };
        let written = graph_core::write_csv(g, &sub, &mut nodes, &mut relationships);
        if nodes.bytes.len() + relationships.bytes.len() > limit
            && let Some(budget) = budget
        {
            return Err(coded(
                ErrorCode::AnswerTooLarge,
                format!(
                    "the export is larger than the answer may be ({}, --max-answer-mb); narrow \
                     it with a filter, or write it with `kgraph export --format csv`",
                    mebibytes(budget.max_answer_bytes()),
                ),
            ));
        }
        written?;
        let (nodes, relationships) = (nodes.bytes, relationships.bytes);
        Ok(CsvExport {
            nodes: String::from_utf8(nodes)?,
            relationships: String::from_utf8(relationships)?,
        })
    }

    /// The names the documents give that the dictionaries do not know, grouped by name across
    /// the corpus and ranked (most documents, then mentions, then signals): of one kind when
    /// asked, named in at least `minDocuments` documents. What `kgraph candidates` prints. Relay
    /// cursor pagination over the ranking; a cursor is a place in it, and a decision or an
    /// ingest between two pages moves what comes after.
    #[allow(clippy::too_many_arguments)]
    #[graphql(
        complexity = "first.or(last).unwrap_or(50).clamp(0, 1000) as usize * child_complexity + 1"
    )]
    async fn candidates(
        &self,
        ctx: &Context<'_>,
        kind: Option<Kind>,
        #[graphql(default = 1)] min_documents: i32,
        search: Option<String>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Connection<usize, CandidateView>> {
        let g = &snapshot(ctx)?;
        let min_documents = usize::try_from(min_documents)
            .map_err(|_| invalid_input("`minDocuments` must be 0 or more"))?;
        let candidates = ranked(g, kind, min_documents, search.as_deref());
        paginate(candidates, after, before, first, last, 50, |c| c).await
    }

    /// The review decisions about candidates, newest first, undone ones included.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn reviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
        #[graphql(default = 0)] offset: i32,
    ) -> Result<Vec<super::review::ReviewView>> {
        let all = super::review::reviews(ctx).await?;
        Ok(page(all.into_iter(), first, offset)?.collect())
    }

    /// Whether this server's mutations (ingests, review decisions) need an
    /// `Authorization: Bearer <token>` header.
    async fn mutations_need_token(&self, ctx: &Context<'_>) -> bool {
        ctx.data_opt::<super::TokenRequired>().is_some_and(|t| t.0)
    }

    /// Documents whose text or title contains `text` (any language; case-insensitive for Latin
    /// letters), best matches first, each with a snippet around the match.
    #[graphql(complexity = "first.clamp(0, 1000) as usize * child_complexity + 1")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        text: String,
        #[graphql(default = 20)] first: i32,
    ) -> Result<Vec<SearchHitView>> {
        let g = &snapshot(ctx)?;
        let first = check_first(first)?;
        if text.trim().is_empty() {
            return Err(invalid_input("`text` must not be empty"));
        }
        let chars = text.trim().chars().count();
        if chars > MAX_SEARCH_CHARS {
            return Err(invalid_input(format!(
                "`text` is {chars} characters, over the limit of {MAX_SEARCH_CHARS}: search for a \
                 phrase, not a document"
            )));
        }
        let hits = live(ctx)?
            .search(&text, first)
            .await
            .map_err(super::mutation::live_error)?;
        Ok(hits
            .into_iter()
            .filter_map(|h| {
                let idx = g.document_by_id(&h.id)?;
                Some(SearchHitView {
                    document: DocumentView::new(g, idx),
                    snippet: h.snippet,
                })
            })
            .collect())
    }

    /// Counts of documents, mentions, entities and relations.
    async fn stats(&self, ctx: &Context<'_>) -> Result<Stats> {
        let g = &snapshot(ctx)?;
        let s = g.stats();
        Ok(Stats {
            documents: s.documents,
            sentences: s.sentences,
            mentions: s.mentions,
            entities: s.entities,
            mentioned_entities: s.mentioned_entities,
            relations: s.edges,
            entities_by_kind: s
                .entities_by_kind
                .into_iter()
                .map(|(k, count)| KindCount {
                    kind: k.into(),
                    count,
                })
                .collect(),
            relations_by_kind: s
                .edges_by_kind
                .into_iter()
                .map(|(k, count)| RelationCount {
                    kind: k.into(),
                    count,
                })
                .collect(),
        })
    }
}
