//! The HTTP layer: routes, the offline playground, and a server that stops when told to.
//!
//! | route | what |
//! |---|---|
//! | `GET /`, `GET /explore/...` | the explorer ([`crate::explorer`]); `/` redirects to `/explore` |
//! | `GET /playground` | the GraphiQL playground, served from the binary (no CDN: it works offline) |
//! | `GET /playground/{file}` | the playground's scripts and stylesheet |
//! | `GET`/`POST /graphql` | the GraphQL endpoint, by the GraphQL-over-HTTP spec; a browser's `GET` gets the playground |
//! | `GET /graphql/ws` | queries and subscriptions (`graphChanged`) over WebSocket, graphql-ws protocols |
//! | `GET /schema.graphql` | the schema in SDL |
//! | `GET /health` | `{"status":"ok",...}` with the graph's counts |
//! | `GET /export.dot`, `/export.graphml`, `/export.json` | the graph or a filtered part, as a download |
//!
//! One module per concern: `routes.rs` (the router, `/health`, `/schema.graphql`), `graphql.rs`
//! (GraphQL over HTTP: media types, status codes), `execute.rs` (where and how long a request
//! runs), `websocket.rs` (`/graphql/ws` and its limits), `auth.rs` (who may run mutations, and
//! from which web pages), `cache.rs` (the response cache), `export.rs` (the export routes and
//! their query strings), `playground.rs` (the embedded GraphiQL), `listen.rs` (the accept loop:
//! connection timeouts, the connection cap, shutdown).
//!
//! Safe defaults ([`ServerConfig`]): request bodies are capped (an ingest may carry a whole
//! document, nothing more); a GraphQL request runs off the async workers and is stopped at the
//! timeout or when its answer outgrows the limit; mutations need the bearer token when one is
//! configured, are refused altogether on a non-loopback address without one, and are refused for
//! web pages of origins not allowed; no CORS origin is allowed unless configured; slow clients
//! are cut off by header, idle and write timeouts, and open connections are capped. Every request
//! gets an `x-request-id`, and the logs of its handling carry it. A panic in a handler becomes a
//! plain 500 without details; clients never see paths, SQL or stack traces.

mod auth;
mod cache;
mod execute;
mod export;
mod graphql;
mod listen;
mod playground;
mod routes;
mod websocket;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::IntoResponse;
use graph_core::KnowledgeGraph;
use tokio::sync::{Semaphore, watch};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::live::Live;
use crate::schema::{KgraphSchema, build_live_schema};
use crate::store::StoreError;

pub use cache::CACHE_HEADER;
pub use listen::serve;

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
    /// The largest answer a GraphQL request may get, in bytes.
    pub max_answer_bytes: usize,
    /// GraphQL requests run at once (the others wait their turn, within their timeout).
    pub max_executions: usize,
    /// The longest the server waits for a request's headers, and keeps an idle connection.
    pub header_timeout: Duration,
    /// The longest a read may wait for a byte from the client (a body, a WebSocket).
    pub idle_timeout: Duration,
    /// The longest a write may wait for the client to take the bytes.
    pub write_timeout: Duration,
    /// Connections open at once (also kept within the process's open-file limit).
    pub max_connections: usize,
    /// The largest WebSocket message, in bytes.
    pub ws_max_message_bytes: usize,
    /// How soon a WebSocket client must send `connection_init`.
    pub ws_init_timeout: Duration,
    /// Operations (subscriptions, queries) running at once on one WebSocket.
    pub ws_max_operations: usize,
    /// The longest shutdown waits for requests under way.
    pub shutdown_grace: Duration,
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
            max_answer_bytes: crate::schema::budget::DEFAULT_MAX_ANSWER_BYTES,
            max_executions: std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .saturating_mul(4),
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            write_timeout: Duration::from_secs(30),
            max_connections: 1024,
            ws_max_message_bytes: 1 << 20,
            ws_init_timeout: Duration::from_secs(5),
            ws_max_operations: 32,
            shutdown_grace: Duration::from_secs(31),
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
    executions: execute::Executions,
    /// Export downloads being rendered: one per core but one, so that a crowd of downloads
    /// leaves a core to every other request.
    renders: Arc<Semaphore>,
    /// Open connections, HTTP and WebSocket.
    connections: Arc<Semaphore>,
    /// Set when the server shuts down; WebSockets close then.
    stopping: Arc<watch::Sender<bool>>,
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
        let schema = build_live_schema(live.clone());
        AppState {
            executions: execute::Executions::new(schema.clone(), &config),
            renders: Arc::new(Semaphore::new(
                std::thread::available_parallelism()
                    .map_or(1, |n| n.get().saturating_sub(1).max(1)),
            )),
            connections: Arc::new(Semaphore::new(config.connection_cap())),
            stopping: Arc::new(watch::channel(false).0),
            schema,
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

/// A client's `x-request-id` is kept when it is short and plain (at most 64 letters, digits and
/// `-_.:`), so that it can be followed through logs; any other is replaced by one of ours rather
/// than written into the logs and echoed as it came.
async fn plain_request_id(mut request: Request<axum::body::Body>) -> Request<axum::body::Body> {
    let plain = |v: &HeaderValue| {
        let b = v.as_bytes();
        (1..=64).contains(&b.len())
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.:".contains(c))
    };
    if request
        .headers()
        .get_all("x-request-id")
        .iter()
        .any(|v| !plain(v))
        || request.headers().get_all("x-request-id").iter().count() > 1
    {
        request.headers_mut().remove("x-request-id");
    }
    request
}

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
        // A request that has not been answered in time is answered 408: its body came too
        // slowly (GraphQL requests have their own, earlier timeout with a GraphQL error).
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout + Duration::from_secs(5),
        ))
        .layer(trace)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(Counter::default()))
        .layer(axum::middleware::map_request(plain_request_id));
    match cors {
        Some(cors) => router.layer(cors),
        None => router,
    }
}
