//! Shared helpers: the seed graph, a server on an ephemeral port, GraphQL over HTTP.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};

use graph_api::server::{AppState, serve};
use graph_core::{DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, Extractor, KnowledgeGraph, read_corpus};
use serde_json::{Value, json};
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The graph of the shipped dictionaries and seeds, built once per test binary.
pub fn seed_graph() -> Arc<KnowledgeGraph> {
    static GRAPH: OnceLock<Arc<KnowledgeGraph>> = OnceLock::new();
    GRAPH
        .get_or_init(|| {
            let dict = Dictionary::load_dir(&root().join("dictionaries")).unwrap();
            let (docs, errors) =
                read_corpus(&root().join("seeds"), DEFAULT_MAX_DOCUMENT_BYTES).unwrap();
            assert!(errors.is_empty(), "{errors:?}");
            Arc::new(KnowledgeGraph::build(Arc::new(Extractor::new(dict)), docs))
        })
        .clone()
}

/// A kgraph server on 127.0.0.1:0, stopped when dropped.
pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let state = AppState::from_graph(seed_graph()).unwrap();
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

    /// POSTs a query that must fail and returns its first error.
    pub async fn error(&self, query: &str, variables: Value) -> Value {
        let body = self.post(query, variables).await;
        body["errors"][0].clone()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
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
    pub async fn subscribe(
        &self,
        query: &str,
    ) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>
    {
        use futures_util::SinkExt as _;
        let mut request = format!("ws://{}/graphql/ws", self.addr)
            .into_client_request()
            .unwrap();
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            "graphql-transport-ws".parse().unwrap(),
        );
        let (mut ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        for message in [
            json!({ "type": "connection_init" }),
            json!({ "id": "1", "type": "subscribe", "payload": { "query": query } }),
        ] {
            ws.send(Message::text(message.to_string())).await.unwrap();
        }
        ws
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
