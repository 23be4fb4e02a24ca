//! Shared helpers: the seed graph, a server on an ephemeral port, GraphQL over HTTP.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use graph_api::server::{AppState, serve};
use graph_core::{DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, Extractor, KnowledgeGraph, read_corpus};
use serde_json::{Value, json};
use tokio::sync::oneshot;

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
