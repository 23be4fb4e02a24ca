//! The HTTP layer: routes, the offline playground, and a server that stops when told to.
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the GraphiQL playground, served from the binary (no CDN: it works offline) |
//! | `GET /playground/{file}` | the playground's scripts and stylesheet |
//! | `GET`/`POST /graphql` | the GraphQL endpoint, by the GraphQL-over-HTTP spec; a browser's `GET` gets the playground |
//! | `GET /graphql/ws` | queries and subscriptions (`graphChanged`) over WebSocket, graphql-ws protocols |
//! | `GET /schema.graphql` | the schema in SDL |
//! | `GET /health` | `{"status":"ok",...}` with the graph's counts |
//! | `GET /export.dot`, `/export.graphml`, `/export.json` | the graph or a filtered part, as a download |
//!
//! One module per concern: `routes.rs` (the router, `/health`, `/schema.graphql`), `graphql.rs`
//! (GraphQL over HTTP: media types, status codes, the request timeout), `auth.rs` (who may run
//! mutations), `cache.rs` (the response cache), `export.rs` (the export routes and their query
//! strings), `playground.rs` (the embedded GraphiQL).
//!
//! Safe defaults ([`ServerConfig`]): request bodies are capped (an ingest may carry a whole
//! document, nothing more); a GraphQL request that runs longer than the timeout is stopped;
//! mutations need the bearer token when one is configured, and are refused altogether on a
//! non-loopback address without one; no CORS origin is allowed unless configured. Every request
//! gets an `x-request-id`, and the logs of its handling carry it. A panic in a handler becomes a
//! plain 500 without details; clients never see paths, SQL or stack traces.

mod auth;
mod cache;
mod export;
mod graphql;
mod playground;
mod routes;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::IntoResponse;
use graph_core::KnowledgeGraph;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;

use crate::live::Live;
use crate::schema::{KgraphSchema, build_live_schema};
use crate::store::StoreError;

pub use cache::CACHE_HEADER;

/// How the server protects itself and its data.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The bearer token mutations need; `None` for none.
    pub token: Option<String>,
    /// When set, mutations are refused for this reason whatever the token (a non-loopback
    /// address without a token).
    pub mutations_disabled: Option<String>,
    /// Origins allowed to call the API from a browser; none by default.
    pub cors_origins: Vec<HeaderValue>,
    /// The longest a GraphQL request may run.
    pub request_timeout: Duration,
    /// The largest request body, in bytes.
    pub body_limit: usize,
    /// Room for answers to read-only queries kept for their next asking, in bytes; 0 for none.
    pub response_cache_bytes: u64,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            token: None,
            mutations_disabled: None,
            cors_origins: Vec::new(),
            request_timeout: Duration::from_secs(30),
            body_limit: graph_core::DEFAULT_MAX_DOCUMENT_BYTES + (1 << 20),
            response_cache_bytes: 64 << 20,
        }
    }
}

impl ServerConfig {
    /// The configuration for a server on `addr`: mutations are disabled on a non-loopback address
    /// without a token, and the reason is logged at start.
    pub fn for_address(
        addr: SocketAddr,
        token: Option<String>,
        max_document_bytes: usize,
    ) -> ServerConfig {
        let token = token.filter(|t| !t.trim().is_empty());
        let mutations_disabled = (!addr.ip().is_loopback() && token.is_none()).then(|| {
            format!(
                "mutations are disabled: kgraph listens on {addr}, which other machines can reach, \
                 and no token is set (start it with --token or KGRAPH_TOKEN)"
            )
        });
        if let Some(reason) = &mutations_disabled {
            tracing::warn!("{reason}");
        }
        ServerConfig {
            token,
            mutations_disabled,
            // Room for a whole document as JSON (escapes can double it) and the query around it.
            body_limit: max_document_bytes.saturating_mul(2).saturating_add(1 << 20),
            ..ServerConfig::default()
        }
    }
}

/// What every handler shares: the schema, the live graph and the configuration.
#[derive(Clone)]
pub struct AppState {
    schema: KgraphSchema,
    live: Arc<Live>,
    config: Arc<ServerConfig>,
    responses: Option<Arc<cache::ResponseCache>>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl AppState {
    /// State serving a live graph.
    pub fn new(live: Arc<Live>) -> AppState {
        AppState::with_config(live, ServerConfig::default())
    }

    /// State serving a live graph with a configuration.
    pub fn with_config(live: Arc<Live>, config: ServerConfig) -> AppState {
        let responses = (config.response_cache_bytes > 0)
            .then(|| Arc::new(cache::ResponseCache::new(config.response_cache_bytes)));
        AppState {
            schema: build_live_schema(live.clone()),
            live,
            config: Arc::new(config),
            responses,
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

/// Request ids: a process-wide counter, short and readable in logs.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicU64>);

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        HeaderValue::from_str(&format!("r{n}"))
            .ok()
            .map(RequestId::new)
    }
}

/// The routes of kgraph, with their limits and logging.
pub fn app(state: AppState) -> Router {
    let config = state.config.clone();
    let cors = (!config.cors_origins.is_empty()).then(|| {
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(config.cors_origins.clone()))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
    });
    let trace = TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
        let id = request
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
    });
    let router = routes::routes(state)
        // tower-http's limit, not axum's DefaultBodyLimit: the limit must hold for every route,
        // whatever extractor it uses.
        .layer(RequestBodyLimitLayer::new(config.body_limit))
        .layer(CatchPanicLayer::custom(|_| {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "an internal error occurred (see the server log)",
            )
                .into_response()
        }))
        .layer(trace)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(Counter::default()));
    match cors {
        Some(cors) => router.layer(cors),
        None => router,
    }
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
