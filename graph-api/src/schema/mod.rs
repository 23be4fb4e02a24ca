//! The GraphQL schema: thin views over graph-core's types, built in one function.
//!
//! Every request runs against one [`Snapshot`] of the graph: the HTTP handlers put one into the
//! request's data, and the request extension (`extension.rs`) gives one to every request that
//! comes without (an operation over the WebSocket). Views hold an `Arc` of that snapshot, so a
//! query sees one consistent graph from start to end, whatever happens to the server's current
//! graph meanwhile.
//!
//! One module per object: `entity.rs`, `document.rs` (and mentions), `relation.rs` (relations,
//! evidence, neighbors), `role.rs`, `membership.rs`, `extract.rs`, `export.rs` (filters and
//! subgraphs), `stats.rs`; `pagination.rs` checks and pages every list; `error.rs` gives errors
//! their codes; `complete.rs` puts answers in the order and shape the spec gives them.

pub mod budget;
mod candidate;
mod complete;
mod document;
mod entity;
mod error;
mod export;
mod extension;
mod extract;
pub mod limits;
mod membership;
mod mutation;
mod pagination;
mod query;
mod relation;
pub(crate) mod review;
mod role;
mod stats;
mod text;
mod time;

use std::sync::{Arc, OnceLock};

use async_graphql::{Context, Schema};
use graph_core::KnowledgeGraph;

use crate::live::Live;

pub use error::{
    ErrorCode, coded, internal, invalid_input, not_found, request_error, unauthorized,
};
pub use mutation::{MutationRoot, SubscriptionRoot};
pub use query::QueryRoot;

/// The schema type served by kgraph.
pub type KgraphSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// The graph a request runs against.
#[derive(Debug, Clone)]
pub struct Snapshot(pub Arc<KnowledgeGraph>);

/// The most a list argument `first` may ask for.
pub const MAX_FIRST: i32 = 1000;

/// The deepest query accepted, in levels of selection sets. GraphiQL's introspection query is 13
/// levels deep; ten levels of `neighbors { entity { ... } }` are 21.
pub const MAX_QUERY_DEPTH: usize = 16;

/// The most work one query may ask for: each field counts 1, and a list field counts its items
/// (`first`) times the fields asked of each.
pub const MAX_COMPLEXITY: usize = 50_000;

/// Whether this request may run mutations, as the HTTP layer decided from its headers.
/// Whether this server's mutations need a bearer token (request data put by the HTTP layer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRequired(pub bool);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MutationAccess {
    /// It may.
    Allowed,
    /// It may not, for this reason (`UNAUTHORIZED`).
    Denied(String),
    /// It may not: it comes from a web page whose origin is not allowed (`FORBIDDEN`).
    Forbidden(String),
}

fn build(live: Option<Arc<Live>>) -> KgraphSchema {
    let types = Arc::new(OnceLock::new());
    let mut builder = Schema::build(QueryRoot, MutationRoot, SubscriptionRoot)
        .limit_depth(MAX_QUERY_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .extension(extension::RequestScope::new(live.clone(), types.clone()));
    if let Some(live) = live {
        builder = builder.data(live);
    }
    let schema = builder.finish();
    let _ = types.set(complete::FieldTypes::from_sdl(&schema.sdl()));
    schema
}

/// Builds the schema over a live graph. Queries run on the [`Snapshot`] each request carries, or
/// else on the live graph's current one, taken once when the request starts; mutations and the
/// subscription change and watch the live graph.
pub fn build_live_schema(live: Arc<Live>) -> KgraphSchema {
    build(Some(live))
}

/// Builds a read-only schema: queries run on the [`Snapshot`] each request carries; mutations,
/// subscriptions and `search` answer with an `UNAVAILABLE` error, since there is no live graph.
pub fn build_schema() -> KgraphSchema {
    build(None)
}

/// The schema in SDL, as `schema.graphql` at the repository root holds it.
pub fn sdl() -> String {
    build_schema().sdl()
}

/// Runs one request against a graph (for the CLI and tests; the server does the same per request).
pub async fn execute(
    schema: &KgraphSchema,
    graph: Arc<KnowledgeGraph>,
    request: impl Into<async_graphql::Request>,
) -> async_graphql::Response {
    schema.execute(request.into().data(Snapshot(graph))).await
}

/// The snapshot the request runs against.
pub(crate) fn snapshot(ctx: &Context<'_>) -> async_graphql::Result<Arc<KnowledgeGraph>> {
    match ctx.data_opt::<Snapshot>() {
        Some(s) => Ok(s.0.clone()),
        None => Err(internal("this request carries no graph to answer from")),
    }
}

/// The live graph, for what changes it or reads the store.
pub(crate) fn live<'c>(ctx: &Context<'c>) -> async_graphql::Result<&'c Arc<Live>> {
    ctx.data_opt::<Arc<Live>>().ok_or_else(|| {
        coded(
            ErrorCode::Unavailable,
            "this schema serves a graph without a store: search, mutations and subscriptions \
             are not available",
        )
    })
}
