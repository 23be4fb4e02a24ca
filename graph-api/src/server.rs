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
//!
//! Safe defaults ([`ServerConfig`]): request bodies are capped (an ingest may carry a whole
//! document, nothing more); a GraphQL request that runs longer than the timeout is stopped;
//! mutations need the bearer token when one is configured, and are refused altogether on a
//! non-loopback address without one; no CORS origin is allowed unless configured. Every request
//! gets an `x-request-id`, and the logs of its handling carry it. A panic in a handler becomes a
//! plain 500 without details; clients never see paths, SQL or stack traces.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_graphql_axum::{GraphQLRequest, GraphQLResponse, GraphQLSubscription};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use bytes::Bytes;
use graph_core::{Format, KnowledgeGraph, select, write_export};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;

use crate::commands::export::dot_options;
use crate::filter::ExportFilter;
use crate::live::Live;
use crate::schema::{KgraphSchema, MutationAccess, Snapshot, build_live_schema};
use crate::store::StoreError;

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

    /// What the request's headers allow.
    fn access(&self, headers: &HeaderMap) -> MutationAccess {
        if let Some(reason) = &self.mutations_disabled {
            return MutationAccess::Denied(reason.clone());
        }
        let Some(token) = &self.token else {
            return MutationAccess::Allowed;
        };
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match given {
            Some(g) if constant_time_eq(g.as_bytes(), token.as_bytes()) => MutationAccess::Allowed,
            Some(_) => MutationAccess::Denied("the bearer token is not valid".into()),
            None => MutationAccess::Denied(
                "mutations need an `Authorization: Bearer <token>` header".into(),
            ),
        }
    }
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// What every handler shares: the schema, the live graph and the configuration.
#[derive(Clone)]
pub struct AppState {
    schema: KgraphSchema,
    live: Arc<Live>,
    config: Arc<ServerConfig>,
    responses: Option<Arc<ResponseCache>>,
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
            .then(|| Arc::new(ResponseCache::new(config.response_cache_bytes)));
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
    let router = routes(state)
        // tower-http's limit, not axum's DefaultBodyLimit: the GraphQL extractor streams the body
        // and would not see the latter.
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

fn routes(state: AppState) -> Router {
    Router::new()
        .route_service(
            "/graphql/ws",
            GraphQLSubscription::new(state.schema.clone()),
        )
        .route("/", get(playground))
        .route("/playground/{file}", get(playground_asset))
        .route("/graphql", get(graphql).post(graphql_post))
        .route("/schema.graphql", get(schema_sdl))
        .route("/health", get(health))
        .route("/export.dot", get(|s, q| export(s, q, Format::Dot)))
        .route("/export.graphml", get(|s, q| export(s, q, Format::Graphml)))
        .route("/export.json", get(|s, q| export(s, q, Format::Json)))
        // The body limit is `RequestBodyLimitLayer`'s (see `app`), not axum's default of 2 MB.
        .layer(DefaultBodyLimit::disable())
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

/// Answers to read-only queries, by graph version and request body.
///
/// A version of the graph never changes, so the same query on it always gets the same answer: a
/// page or an app that asks again is answered from here without parsing, validating or running
/// anything. Every ingest, removal and reload makes a new version, and answers of older ones are
/// never found again (they age out). Only queries that succeed are kept; mutations and failures
/// never are.
struct ResponseCache {
    answers: quick_cache::sync::Cache<(u64, Bytes), Bytes, ByLength>,
}

/// Weighs an answer by its bytes and its request's, so that the capacity is memory.
#[derive(Clone)]
struct ByLength;

impl quick_cache::Weighter<(u64, Bytes), Bytes> for ByLength {
    fn weight(&self, key: &(u64, Bytes), answer: &Bytes) -> u64 {
        (key.1.len() + answer.len() + 64) as u64
    }
}

impl ResponseCache {
    fn new(bytes: u64) -> ResponseCache {
        ResponseCache {
            // quick_cache sizes its shards by an estimate of the number of items: a few KB each.
            answers: quick_cache::sync::Cache::with_weighter(
                usize::try_from(bytes / 4096).unwrap_or(usize::MAX).max(16),
                bytes,
                ByLength,
            ),
        }
    }
}

/// `POST /graphql`: a JSON request, answered from the response cache when it can be.
async fn graphql_post(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    // The version is read before the graph: an answer is never filed under a newer version than
    // the graph it was computed on.
    let key = (state.live.version(), body);
    if let Some(cache) = &state.responses
        && let Some(answer) = cache.answers.get(&key)
    {
        return json_answer(answer);
    }
    let request: async_graphql::Request = match serde_json::from_slice(&key.1) {
        Ok(request) => request,
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                format!("the body is not a GraphQL request (a JSON object with \"query\"): {e}"),
            )
                .into_response();
        }
    };
    let cache = state.responses.clone().filter(|_| is_query(&request));
    let response = run(&state, &headers, request).await;
    match cache {
        Some(cache) if response.is_ok() && response.http_headers.is_empty() => {
            match serde_json::to_vec(&response) {
                Ok(answer) => {
                    let answer = Bytes::from(answer);
                    cache.answers.insert(key, answer.clone());
                    json_answer(answer)
                }
                Err(_) => GraphQLResponse::from(response).into_response(),
            }
        }
        _ => GraphQLResponse::from(response).into_response(),
    }
}

/// Whether the operation a request runs is a query (not a mutation or a subscription).
fn is_query(request: &async_graphql::Request) -> bool {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    let operation = match (&document.operations, &request.operation_name) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name.as_str()),
        (DocumentOperations::Multiple(_), None) => None,
    };
    operation.is_some_and(|op| op.node.ty == OperationType::Query)
}

/// A cached answer, as [`GraphQLResponse`] would have sent it.
fn json_answer(answer: Bytes) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/graphql-response+json"),
        )],
        answer,
    )
        .into_response()
}

async fn graphql(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    let response = run(&state, &headers, request.into_inner()).await;
    GraphQLResponse::from(response).into_response()
}

/// Runs a request on the graph now served, within the request timeout.
async fn run(
    state: &AppState,
    headers: &HeaderMap,
    request: async_graphql::Request,
) -> async_graphql::Response {
    let request = request
        .data(Snapshot(state.snapshot()))
        .data(state.config.access(headers));
    match tokio::time::timeout(state.config.request_timeout, state.schema.execute(request)).await {
        Ok(response) => response,
        Err(_) => {
            let seconds = state.config.request_timeout.as_secs_f64();
            tracing::warn!("a GraphQL request ran longer than {seconds} s and was stopped");
            let error = async_graphql::ServerError::new(
                format!(
                    "the request ran longer than {seconds} s and was stopped; ask for less (smaller `first`, fewer levels)"
                ),
                None,
            );
            async_graphql::Response::from_errors(vec![error])
        }
    }
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

/// The media type of an export, for its `Content-Type` header; for CSV, that of each file.
fn content_type(format: Format) -> &'static str {
    match format {
        Format::Dot => "text/vnd.graphviz; charset=utf-8",
        Format::Graphml => "application/graphml+xml; charset=utf-8",
        Format::Json => "application/json",
        Format::Csv => "text/csv; charset=utf-8",
    }
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
                    HeaderValue::from_static(content_type(format)),
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
