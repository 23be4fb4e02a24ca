//! Shared helpers: the seed graph; the schema over it (no socket); the app over it for axum's
//! `oneshot` (no socket); a server on an ephemeral port; the real binary; GraphQL over HTTP.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use graph_api::schema::{KgraphSchema, build_schema};
use graph_api::server::{AppState, ServerConfig, app, serve};
use graph_core::{DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, Extractor, KnowledgeGraph, read_corpus};
use serde_json::{Value, json};
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tower::ServiceExt as _;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The graph of the shipped dictionaries and seeds, built once per test binary.
pub fn seed_graph() -> Arc<KnowledgeGraph> {
    static GRAPH: OnceLock<Arc<KnowledgeGraph>> = OnceLock::new();
    GRAPH
        .get_or_init(|| graph_of_corpus(&root().join("seeds")))
        .clone()
}

/// The graph of the shipped dictionaries over the articles of `corpus`, every one readable.
pub fn graph_of_corpus(corpus: &Path) -> Arc<KnowledgeGraph> {
    let dict = Dictionary::load_dir(&root().join("dictionaries")).unwrap();
    let (docs, errors) = read_corpus(corpus, DEFAULT_MAX_DOCUMENT_BYTES).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    Arc::new(KnowledgeGraph::build(Arc::new(Extractor::new(dict)), docs))
}

/// The read-only schema, built once per test binary.
fn schema() -> &'static KgraphSchema {
    static SCHEMA: OnceLock<KgraphSchema> = OnceLock::new();
    SCHEMA.get_or_init(build_schema)
}

/// Runs a query against the seed graph through `schema::execute`, as the server would, and
/// returns the whole answer as JSON.
pub async fn execute(query: &str, variables: Value) -> Value {
    execute_on(seed_graph(), query, variables).await
}

/// Runs a query against a graph of the test's own, as `execute` does against the seeds'.
pub async fn execute_on(graph: Arc<KnowledgeGraph>, query: &str, variables: Value) -> Value {
    let request = async_graphql::Request::new(query)
        .variables(async_graphql::Variables::from_json(variables));
    let response = graph_api::schema::execute(schema(), graph, request).await;
    serde_json::to_value(&response).unwrap()
}

/// The `data` of a query that must succeed.
pub async fn data(query: &str, variables: Value) -> Value {
    let body = execute(query, variables).await;
    assert!(body.get("errors").is_none(), "errors for {query}: {body:#}");
    body["data"].clone()
}

/// The first error of a query that must fail.
pub async fn error(query: &str, variables: Value) -> Value {
    let body = execute(query, variables).await;
    assert!(
        body.get("errors").is_some(),
        "no error for {query}: {body:#}"
    );
    body["errors"][0].clone()
}

/// The routes over the seed graph with an in-memory store, for `oneshot`.
pub fn seed_app(config: ServerConfig) -> axum::Router {
    let live = Arc::new(graph_api::live::Live::in_memory(seed_graph()).unwrap());
    app(AppState::with_config(live, config))
}

/// What a route answered.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

/// Sends one request to the routes, without a socket.
pub async fn send(app: &axum::Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

/// `POST /graphql` with a JSON body and the given extra headers.
pub fn post_graphql(body: &Value, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::post("/graphql").header("content-type", "application/json");
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

/// `GET path` with the given headers.
pub fn get(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::get(path);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    request.body(Body::empty()).unwrap()
}

/// Whether a test that needs an outside program may skip: not under `CI=true`, where it must
/// run. Prints the reason when it skips.
pub fn skip(reason: &str) -> bool {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "required under CI=true: {reason}"
    );
    eprintln!("skipped: {reason}");
    true
}

/// A kgraph server on 127.0.0.1:0, stopped when dropped.
pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::with_config(ServerConfig::default()).await
    }

    /// A server over the seed graph with an in-memory store and this configuration.
    pub async fn with_config(config: ServerConfig) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let live = Arc::new(graph_api::live::Live::in_memory(seed_graph()).unwrap());
        let state = AppState::with_config(live, config);
        tokio::spawn(async move {
            serve(listener, state, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        TestServer {
            base: format!("http://{addr}"),
            client: reqwest::Client::new(),
            stop: Some(tx),
        }
    }

    /// POSTs a query, with a bearer token when given.
    pub async fn post_with(
        &self,
        query: &str,
        variables: Value,
        token: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        request.send().await.unwrap()
    }

    /// POSTs a query without variables and returns the body, whatever the status.
    pub async fn answer(&self, query: &str) -> Value {
        self.post_with(query, json!({}), None)
            .await
            .json()
            .await
            .unwrap()
    }

    /// POSTs a query and returns the whole response body; asserts HTTP 200.
    pub async fn post(&self, query: &str, variables: Value) -> Value {
        let resp = self
            .client
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "query {query}");
        resp.json().await.unwrap()
    }

    /// POSTs a query that must succeed and returns its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.post(query, variables).await;
        assert!(body.get("errors").is_none(), "errors for {query}: {body:#}");
        body["data"].clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// Copies the files of a directory into another, created if needed; not its subdirectories (the
/// dictionaries' `tools/` is no dictionary).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A graphql-transport-ws connection.
pub type WebSocket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens a graphql-transport-ws connection to `/graphql/ws` on `host:port`, initialises it and
/// starts one operation (`payload`: `query`, `variables`) as id "1". The server's
/// `connection_ack` is the first message to read.
pub async fn open_operation(addr: &str, payload: Value) -> WebSocket {
    use futures_util::SinkExt as _;
    let mut request = format!("ws://{addr}/graphql/ws")
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    for message in [
        json!({ "type": "connection_init" }),
        json!({ "id": "1", "type": "subscribe", "payload": payload }),
    ] {
        ws.send(Message::text(message.to_string())).await.unwrap();
    }
    ws
}

/// The `kgraph` binary run in the checkout, as a user runs it, with warnings only on stderr.
pub fn kgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kgraph"))
        .args(args)
        .current_dir(root())
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

/// A scratch directory, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kgraph-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `kgraph serve` as a process, on an ephemeral port with a data directory; killed when dropped.
pub struct Process {
    pub child: Child,
    /// `host:port`.
    pub addr: String,
    /// `http://host:port`.
    pub base: String,
    pub client: reqwest::Client,
    /// What the server printed first: the line naming its address.
    pub first_line: String,
    /// Kept open: the server writes a last line when it stops.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Process {
    pub fn start(data: &Path, extra: &[&str]) -> Process {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kgraph"))
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(data)
            .args(extra)
            .current_dir(root())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let base = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .map(|addr| format!("http://{addr}"))
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Process {
            child,
            addr: base.trim_start_matches("http://").to_owned(),
            base,
            client: reqwest::Client::new(),
            first_line: line,
            _stdout: stdout,
        }
    }

    pub async fn post(&self, query: &str, variables: Value) -> Value {
        self.client
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.post(query, variables).await;
        assert!(body.get("errors").is_none(), "{query}: {body:#}");
        body["data"].clone()
    }

    pub async fn ingest(&self, text: &str) -> Value {
        self.data(
            "mutation($t: String!) { ingestDocument(input: { text: $t }) { duplicate document { id } } }",
            json!({ "t": text }),
        )
        .await["ingestDocument"]
            .clone()
    }

    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub async fn documents(&self) -> u64 {
        self.data("{ stats { documents } }", json!({})).await["stats"]["documents"]
            .as_u64()
            .unwrap()
    }

    /// Opens a graphql-transport-ws connection to `/graphql/ws`, initialises it and starts the
    /// subscription `query` as id "1". The server's `connection_ack` is the first message to read.
    pub async fn subscribe(&self, query: &str) -> WebSocket {
        open_operation(&self.addr, json!({ "query": query })).await
    }

    /// SIGTERM, and wait for a clean exit.
    pub fn stop(mut self) {
        self.signal("TERM");
        let status = self.child.wait().unwrap();
        assert!(status.success(), "kgraph exited with {status}");
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill9(mut self) {
        self.child.kill().unwrap();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
