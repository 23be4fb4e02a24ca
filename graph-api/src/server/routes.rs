//! The router: every route of kgraph and the small ones that need no module of their own.

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header;
use axum::response::{IntoResponse, Json};
use axum::routing::get;
use graph_core::Format;

use super::{AppState, export, graphql, playground, websocket};

/// The routes, over the shared state.
pub(super) fn routes(state: AppState) -> Router {
    Router::new()
        .route("/graphql/ws", get(websocket::upgrade))
        .route("/playground", get(|| async { playground::page() }))
        .merge(crate::explorer::routes())
        .route("/playground/{file}", get(playground::asset))
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/schema.graphql", get(schema_sdl))
        .route("/health", get(health))
        .route("/export.dot", get(|s, q| export::export(s, q, Format::Dot)))
        .route(
            "/export.graphml",
            get(|s, q| export::export(s, q, Format::Graphml)),
        )
        .route(
            "/export.json",
            get(|s, q| export::export(s, q, Format::Json)),
        )
        // The body limit is `RequestBodyLimitLayer`'s (see `app`), not axum's default of 2 MB.
        .layer(DefaultBodyLimit::disable())
        .with_state(state)
}

async fn schema_sdl(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        state.schema.sdl(),
    )
}

async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let stats = state.snapshot().stats();
    Json(serde_json::json!({
        "status": "ok",
        "documents": stats.documents,
        "entities": stats.entities,
        "relations": stats.edges,
    }))
}
