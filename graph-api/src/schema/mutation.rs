//! Mutations and the subscription: how the graph changes while it serves.

use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject, Subscription};
use futures_util::{Stream, StreamExt as _};
use graph_core::{Date, KnowledgeGraph, Language};
use tokio_stream::wrappers::BroadcastStream;

use super::document::DocumentView;
use super::error::{internal, invalid_input, not_found};
use super::live;
use super::relation::RelationView;
use super::review::{AcceptInput, ReviewResultView};
use crate::live::{ChangeReason, GraphChange, IngestInput, LiveError};
use crate::review::Decision;

/// Lets a mutation run only when the HTTP layer allowed it for this request.
fn authorize(ctx: &Context<'_>) -> Result<()> {
    match ctx.data_opt::<super::MutationAccess>() {
        Some(super::MutationAccess::Allowed) => Ok(()),
        Some(super::MutationAccess::Denied(reason)) => Err(super::unauthorized(reason.clone())),
        Some(super::MutationAccess::Forbidden(reason)) => {
            Err(super::coded(super::ErrorCode::Forbidden, reason.clone()))
        }
        None => Err(super::unauthorized(
            "mutations are accepted over HTTP POST /graphql only, where the token and the \
             origin are checked",
        )),
    }
}

/// Turns a live-graph error into a GraphQL error. Store failures are logged with their details
/// and reach the client without paths or SQL.
pub(crate) fn live_error(e: LiveError) -> async_graphql::Error {
    match e {
        LiveError::Invalid(m) => invalid_input(m),
        LiveError::NotFound(m) => not_found(m),
        LiveError::Dictionaries(errors) => invalid_input(format!(
            "the dictionaries do not validate: {}",
            errors.join("; ")
        )),
        LiveError::Store(e) => {
            tracing::error!("store failure: {e}");
            internal("the document store failed; nothing was changed (see the server log)")
        }
        LiveError::Internal(m) => {
            tracing::error!("internal failure: {m}");
            internal("an internal error occurred (see the server log)")
        }
    }
}

/// A new article.
#[derive(InputObject, Debug, Clone)]
#[graphql(name = "DocumentInput")]
pub struct DocumentInputGql {
    /// The headline; read from the text when left out.
    pub title: Option<String>,
    /// The article, UTF-8 text (5 MB at most by default).
    pub text: String,
    /// Where it comes from: a URL or path.
    pub source: Option<String>,
    /// The publication date, `YYYY-MM-DD`; read from the text when left out.
    pub date: Option<String>,
    /// `en`, `zh` or `mixed`; detected when left out.
    pub language: Option<String>,
}

impl DocumentInputGql {
    /// The input with its date and language parsed: the typed values go on to the store as they
    /// are.
    fn parse(self) -> Result<IngestInput> {
        let given = |s: Option<String>| s.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        let date = given(self.date)
            .map(|d| {
                Date::parse_iso(&d).ok_or_else(|| {
                    invalid_input(format!(
                        "`date` must be a calendar date YYYY-MM-DD, got {d:?}"
                    ))
                })
            })
            .transpose()?;
        let language = given(self.language)
            .map(|l| {
                Language::parse(&l).ok_or_else(|| {
                    invalid_input(format!("`language` must be en, zh or mixed, got {l:?}"))
                })
            })
            .transpose()?;
        Ok(IngestInput {
            title: self.title,
            text: self.text,
            source: self.source,
            date,
            language,
        })
    }
}

/// What `ingestDocument` did.
#[derive(SimpleObject)]
pub struct IngestResult {
    /// The stored document, with its mentions.
    pub document: DocumentView,
    /// True when the same text was already there: nothing was changed or added.
    pub duplicate: bool,
    /// The relations this document proves (it is among their evidence).
    pub relations: Vec<RelationView>,
}

/// One input of `ingestDocuments`: its document, or why it was refused.
#[derive(SimpleObject)]
pub struct IngestItem {
    /// The input's place in the list, from 0.
    pub index: usize,
    /// The document's id; null when the input was refused.
    pub id: Option<ID>,
    /// True when the same text was already there, or earlier in the same list.
    pub duplicate: bool,
    /// Why the input was refused (the others went on); null when it was taken.
    pub error: Option<String>,
    /// The document, with its mentions; null when the input was refused.
    pub document: Option<DocumentView>,
}

/// What `ingestDocuments` did.
#[derive(SimpleObject)]
pub struct IngestBatchResult {
    /// Per input, in order.
    pub items: Vec<IngestItem>,
    /// Inputs stored as new documents.
    pub ingested: usize,
    /// Inputs whose text was already there.
    pub duplicates: usize,
    /// Inputs refused.
    pub failed: usize,
    /// Documents in the graph now serving.
    pub documents: usize,
    /// Relations in the graph now serving.
    pub relations: usize,
}

/// The most articles one `ingestDocuments` takes.
pub const MAX_BATCH: usize = 1000;

/// What `removeDocument` did.
#[derive(SimpleObject)]
pub struct RemoveResult {
    /// The removed document's id.
    pub id: ID,
    /// Documents left in the graph.
    pub documents: usize,
    /// Relations left in the graph.
    pub relations: usize,
}

/// What `reloadDictionaries` did.
#[derive(SimpleObject)]
pub struct ReloadResult {
    /// True when the new dictionaries were loaded; false when they did not validate and the
    /// previous graph keeps serving.
    pub reloaded: bool,
    /// Every problem found, with file and line, when they did not validate.
    pub errors: Vec<String>,
    /// Entities in the dictionaries now serving.
    pub entities: usize,
    /// Documents in the graph now serving.
    pub documents: usize,
}

/// A new snapshot of the graph was published.
#[derive(SimpleObject, Clone)]
#[graphql(name = "GraphChange")]
pub struct GraphChangeGql {
    /// Counts up by one per snapshot since the server started.
    pub version: u64,
    /// `INGEST`, `REMOVE`, `RELOAD` or `REVIEW`.
    pub reason: String,
    /// The document ingested or removed.
    pub document: Option<ID>,
    /// Documents in the new snapshot.
    pub documents: usize,
    /// Entities in the new snapshot.
    pub entities: usize,
    /// Relations in the new snapshot.
    pub relations: usize,
}

impl From<GraphChange> for GraphChangeGql {
    fn from(c: GraphChange) -> Self {
        GraphChangeGql {
            version: c.version,
            reason: match c.reason {
                ChangeReason::Ingest => "INGEST",
                ChangeReason::Remove => "REMOVE",
                ChangeReason::Reload => "RELOAD",
                ChangeReason::Review => "REVIEW",
            }
            .to_owned(),
            document: c.document.map(ID),
            documents: c.documents,
            entities: c.entities,
            relations: c.relations,
        }
    }
}

/// The root of every mutation.
#[derive(Debug, Default, Clone, Copy)]
pub struct MutationRoot;

fn document_result(graph: &Arc<KnowledgeGraph>, id: &str, duplicate: bool) -> Result<IngestResult> {
    let idx = graph
        .document_by_id(id)
        .ok_or_else(|| not_found(format!("document {id:?} is not in the graph")))?;
    let relations = super::document::relations_in(graph, idx);
    Ok(IngestResult {
        document: DocumentView::new(graph, idx),
        duplicate,
        relations,
    })
}

#[Object(name = "Mutation")]
impl MutationRoot {
    /// Stores an article, extracts it and publishes a new snapshot of the graph. The same text
    /// twice returns the existing document (`duplicate: true`) instead of a copy.
    async fn ingest_document(
        &self,
        ctx: &Context<'_>,
        input: DocumentInputGql,
    ) -> Result<IngestResult> {
        authorize(ctx)?;
        let input = input.parse()?;
        let outcome = live(ctx)?.ingest(input).await.map_err(live_error)?;
        document_result(&outcome.graph, &outcome.id, outcome.duplicate)
    }

    /// Stores and extracts several articles and publishes one new snapshot that holds them all
    /// (one transaction: all of them are on disk, or none is). Each input has its own result,
    /// in order: an invalid one is refused alone, with the reason, and the others go on.
    #[graphql(complexity = "inputs.len() * child_complexity + 1")]
    async fn ingest_documents(
        &self,
        ctx: &Context<'_>,
        inputs: Vec<DocumentInputGql>,
    ) -> Result<IngestBatchResult> {
        authorize(ctx)?;
        if inputs.len() > MAX_BATCH {
            return Err(invalid_input(format!(
                "`inputs` holds {} articles; one call takes {MAX_BATCH} at most",
                inputs.len()
            )));
        }
        let mut refused: Vec<Option<String>> = Vec::with_capacity(inputs.len());
        let mut parsed = Vec::with_capacity(inputs.len());
        for input in inputs {
            match input.parse() {
                Ok(p) => {
                    refused.push(None);
                    parsed.push(p);
                }
                Err(e) => refused.push(Some(e.message)),
            }
        }
        let outcome = live(ctx)?.ingest_all(parsed).await.map_err(live_error)?;
        let graph = &outcome.graph;
        let mut taken = outcome.items.into_iter();
        let mut items = Vec::with_capacity(refused.len());
        for (index, refusal) in refused.into_iter().enumerate() {
            let result = match refusal {
                Some(message) => Err(message),
                None => taken
                    .next()
                    .unwrap_or_else(|| Err("not ingested".to_owned())),
            };
            items.push(match result {
                Ok((id, duplicate)) => IngestItem {
                    index,
                    document: graph
                        .document_by_id(&id)
                        .map(|d| DocumentView::new(graph, d)),
                    id: Some(ID(id)),
                    duplicate,
                    error: None,
                },
                Err(message) => IngestItem {
                    index,
                    id: None,
                    duplicate: false,
                    error: Some(message),
                    document: None,
                },
            });
        }
        let stats = graph.stats();
        let count = |f: fn(&IngestItem) -> bool| items.iter().filter(|i| f(i)).count();
        Ok(IngestBatchResult {
            ingested: count(|i| i.id.is_some() && !i.duplicate),
            duplicates: count(|i| i.duplicate),
            failed: count(|i| i.error.is_some()),
            items,
            documents: stats.documents,
            relations: stats.edges,
        })
    }

    /// Removes an ingested article: its mentions and evidence go, and every relation left with
    /// no evidence goes with them.
    async fn remove_document(&self, ctx: &Context<'_>, id: ID) -> Result<RemoveResult> {
        authorize(ctx)?;
        let graph = live(ctx)?.remove(&id).await.map_err(live_error)?;
        let stats = graph.stats();
        Ok(RemoveResult {
            id,
            documents: stats.documents,
            relations: stats.edges,
        })
    }

    /// Re-reads the dictionaries and rebuilds the graph with them. When they do not validate,
    /// the errors are returned and the previous graph keeps serving.
    async fn reload_dictionaries(&self, ctx: &Context<'_>) -> Result<ReloadResult> {
        authorize(ctx)?;
        let live = live(ctx)?;
        match live.reload().await {
            Ok(graph) => Ok(ReloadResult {
                reloaded: true,
                errors: Vec::new(),
                entities: graph.dictionary().len(),
                documents: graph.documents().len(),
            }),
            Err(LiveError::Dictionaries(errors)) => {
                let graph = live.snapshot();
                Ok(ReloadResult {
                    reloaded: false,
                    errors,
                    entities: graph.dictionary().len(),
                    documents: graph.documents().len(),
                })
            }
            Err(e) => Err(live_error(e)),
        }
    }

    /// Accepts a candidate as a new entity, with the proposed fields (`Candidate.proposal`) for
    /// those the input leaves out. The decision is stored, the dictionaries as the decisions
    /// leave them are validated (a refusal changes nothing), and the graph is rebuilt: the new
    /// entity is in the answer with its mentions.
    async fn accept_candidate(
        &self,
        ctx: &Context<'_>,
        input: AcceptInput,
    ) -> Result<ReviewResultView> {
        authorize(ctx)?;
        let live = live(ctx)?;
        let (decision, key) = input.decision(&live.snapshot())?;
        review_result(live, live.review(decision, Some(key)).await)
    }

    /// Adds a spelling to a known entity; `candidate` names the candidate key it decides.
    async fn add_alias(
        &self,
        ctx: &Context<'_>,
        entity: ID,
        alias: String,
        candidate: Option<String>,
    ) -> Result<ReviewResultView> {
        authorize(ctx)?;
        let live = live(ctx)?;
        let key = candidate.or_else(|| Some(graph_core::discover::normalize(&alias)));
        let decision = Decision::Alias {
            entity: entity.0,
            alias: alias.trim().to_owned(),
        };
        review_result(live, live.review(decision, key).await)
    }

    /// Rejects a candidate: it is no longer proposed, in any document.
    async fn reject_candidate(&self, ctx: &Context<'_>, key: String) -> Result<ReviewResultView> {
        authorize(ctx)?;
        let live = live(ctx)?;
        let key = key.trim().to_owned();
        let decision = Decision::Reject { key: key.clone() };
        review_result(live, live.review(decision, Some(key)).await)
    }

    /// Undoes a review decision (by `Review.id`) and rebuilds the graph without it.
    async fn undo_review(&self, ctx: &Context<'_>, id: ID) -> Result<ReviewResultView> {
        authorize(ctx)?;
        let live = live(ctx)?;
        let seq: i64 = id
            .parse()
            .map_err(|_| invalid_input(format!("{:?} is not a review id", id.0)))?;
        review_result(live, live.undo_review(seq).await)
    }
}

fn review_result(
    live: &Arc<crate::live::Live>,
    outcome: Result<crate::live::ReviewOutcome, LiveError>,
) -> Result<ReviewResultView> {
    let outcome = outcome.map_err(live_error)?;
    Ok(ReviewResultView {
        g: outcome.graph,
        review: outcome.review,
        version: live.version(),
    })
}

/// The root of every subscription (graphql-ws over WebSocket at `/graphql/ws`).
#[derive(Debug, Default, Clone, Copy)]
pub struct SubscriptionRoot;

#[Subscription(name = "Subscription")]
impl SubscriptionRoot {
    /// One event per published snapshot: after each ingest, removal and reload. A client that
    /// falls more than 256 events behind skips the ones it missed.
    async fn graph_changed(&self, ctx: &Context<'_>) -> Result<impl Stream<Item = GraphChangeGql>> {
        let receiver = live(ctx)?.subscribe();
        Ok(BroadcastStream::new(receiver)
            .filter_map(|event| async move { event.ok().map(GraphChangeGql::from) }))
    }
}
