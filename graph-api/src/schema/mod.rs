//! The GraphQL schema: thin views over graph-core's types, built in one function.
//!
//! Every request runs against one [`Snapshot`] of the graph, put into the request's data by the
//! HTTP layer (or by a test). Views hold an `Arc` of that snapshot, so a query sees one consistent
//! graph from start to end, whatever happens to the server's current graph meanwhile.

mod error;
mod mutation;
mod query;
mod types;

use std::sync::Arc;

use async_graphql::Schema;
use graph_core::KnowledgeGraph;

use crate::live::Live;

pub use error::{ErrorCode, invalid_input, not_found, unauthorized};
pub use mutation::{MutationRoot, SubscriptionRoot};
pub use query::QueryRoot;

/// The schema type served by kgraph.
pub type KgraphSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// The graph a request runs against.
#[derive(Debug, Clone)]
pub struct Snapshot(pub Arc<KnowledgeGraph>);

/// The most a list argument `first` may ask for.
pub const MAX_FIRST: i32 = 1000;

/// The deepest query accepted. GraphiQL's introspection query is 13 levels deep; ten levels of
/// `neighbors { entity { ... } }` are 21.
pub const MAX_DEPTH: usize = 16;

/// The most work one query may ask for: each field counts 1, and a list field counts its items
/// (`first`) times the fields asked of each.
pub const MAX_COMPLEXITY: usize = 50_000;

/// Whether this request may run mutations, as the HTTP layer decided from its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MutationAccess {
    /// It may.
    Allowed,
    /// It may not, for this reason.
    Denied(String),
}

/// Builds the schema over a live graph. Queries run on the [`Snapshot`] each request carries
/// (the live graph's current one when it carries none); mutations and the subscription change
/// and watch the live graph.
pub fn build_live_schema(live: Arc<Live>) -> KgraphSchema {
    Schema::build(QueryRoot, MutationRoot, SubscriptionRoot)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .data(live)
        .finish()
}

/// Builds a read-only schema: queries run on the [`Snapshot`] each request carries; mutations,
/// subscriptions and `search` answer with an error, since there is no live graph to change.
pub fn build_schema() -> KgraphSchema {
    Schema::build(QueryRoot, MutationRoot, SubscriptionRoot)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
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
