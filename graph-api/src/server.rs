//! The HTTP layer: routes, the offline playground, and a server that stops when told to.
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the GraphiQL playground, served from the binary (no CDN: it works offline) |
//! | `GET /playground/{file}` | the playground's scripts and stylesheet |
//! | `GET`/`POST /graphql` | the GraphQL endpoint: queries and mutations |
//! | `GET /graphql/ws` | subscriptions (`graphChanged`) over WebSocket, graphql-ws protocols |
//! | `GET /schema.graphql` | the schema in SDL |
//! | `GET /health` | `{"status":"ok",...}` with the graph's counts |
//! | `GET /export.dot`, `/export.graphml`, `/export.json` | the graph or a filtered part, as a download |
//!
//! The export routes take the filters of `kgraph export` as query parameters: `entity`, `depth`,
//! `kind` and `relation` (repeated or comma-separated), `cluster`, `minWeight`, `top`, and for DOT
//! `groupBy` (`cluster` or `kind`).

use std::future::Future;
use std::sync::Arc;

use async_graphql_axum::{GraphQLRequest, GraphQLResponse, GraphQLSubscription};
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use graph_core::{Format, KnowledgeGraph, select, write_export};
use tokio::net::TcpListener;

use crate::commands::export::dot_options;
use crate::filter::ExportFilter;
use crate::live::Live;
use crate::schema::{KgraphSchema, Snapshot, build_live_schema};
use crate::store::StoreError;

/// What every handler shares: the schema and the live graph.
#[derive(Clone)]
pub struct AppState {
    schema: KgraphSchema,
    live: Arc<Live>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl AppState {
    /// State serving a live graph.
    pub fn new(live: Arc<Live>) -> AppState {
        AppState {
            schema: build_live_schema(live.clone()),
            live,
        }
    }

    /// State serving a graph built elsewhere, with an in-memory store for what is ingested.
    pub fn from_graph(graph: Arc<KnowledgeGraph>) -> Result<AppState, StoreError> {
        Ok(AppState::new(Arc::new(Live::in_memory(graph)?)))
    }

    /// The graph now being served. Requests take it once and keep it to the end.
    pub fn snapshot(&self) -> Arc<KnowledgeGraph> {
        self.live.snapshot()
    }

    /// The live graph.
    pub fn live(&self) -> &Arc<Live> {
        &self.live
    }

    /// The schema.
    pub fn schema(&self) -> &KgraphSchema {
        &self.schema
    }
}

const _: () = {
    const fn shared<T: Send + Sync + 'static>() {}
    shared::<AppState>();
};

/// The routes of kgraph.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route_service(
            "/graphql/ws",
            GraphQLSubscription::new(state.schema.clone()),
        )
        .route("/", get(playground))
        .route("/playground/{file}", get(playground_asset))
        .route("/graphql", get(graphql).post(graphql))
        .route("/schema.graphql", get(schema_sdl))
        .route("/health", get(health))
        .route("/export.dot", get(|s, q| export(s, q, Format::Dot)))
        .route("/export.graphml", get(|s, q| export(s, q, Format::Graphml)))
        .route("/export.json", get(|s, q| export(s, q, Format::Json)))
        .with_state(state)
}

/// Serves `app(state)` on `listener` until `shutdown` completes; requests under way finish first.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}

async fn graphql(State(state): State<AppState>, request: GraphQLRequest) -> GraphQLResponse {
    let request = request.into_inner().data(Snapshot(state.snapshot()));
    state.schema.execute(request).await.into()
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

async fn export(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    format: Format,
) -> Response {
    let bad = |message: String| (StatusCode::BAD_REQUEST, message).into_response();
    let (filter, group_by) = match ExportFilter::from_query(query.as_deref().unwrap_or("")) {
        Ok(parsed) => parsed,
        Err(e) => return bad(e.to_string()),
    };
    let graph = state.snapshot();
    let selection = match filter.to_selection(&graph) {
        Ok(s) => s,
        Err(e) => return bad(e.to_string()),
    };
    let name = filter
        .entity
        .as_deref()
        .or(filter.cluster.as_deref())
        .unwrap_or("graph")
        .to_owned();
    // Rendering a large graph is CPU work: keep it off the async workers.
    let rendered = tokio::task::spawn_blocking(move || {
        let sub = select(&graph, &selection);
        let mut body = Vec::new();
        write_export(
            &graph,
            &sub,
            format,
            &dot_options(&graph, &filter, group_by),
            &mut body,
        )
        .map(|()| body)
    })
    .await;
    match rendered {
        Ok(Ok(body)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(format.content_type()),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&format!(
                        "attachment; filename=\"kgraph-{name}.{}\"",
                        format.extension()
                    ))
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
                ),
            ],
            body,
        )
            .into_response(),
        Ok(Err(e)) => {
            tracing::error!("export failed: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
        }
        Err(e) => {
            tracing::error!("export task failed: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
        }
    }
}

/// The playground page and its assets, embedded at build time.
const PLAYGROUND_HTML: &str = include_str!("../assets/playground/index.html");
const PLAYGROUND_ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "react.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/playground/react.production.min.js"),
    ),
    (
        "react-dom.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/playground/react-dom.production.min.js"),
    ),
    (
        "graphiql.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/playground/graphiql.min.js"),
    ),
    (
        "graphiql.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/playground/graphiql.min.css"),
    ),
];

async fn playground() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        PLAYGROUND_HTML,
    )
}

async fn playground_asset(Path(file): Path<String>) -> Response {
    match PLAYGROUND_ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, body)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=3600"),
                ),
            ],
            *body,
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            format!("no playground file {file:?}"),
        )
            .into_response(),
    }
}
