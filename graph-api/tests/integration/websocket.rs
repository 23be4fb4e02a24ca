//! Operations over `/graphql/ws` (graphql-transport-ws), against the in-process server.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use futures_util::StreamExt as _;
use serde_json::{Value, json};

use crate::common::{TestServer, open_operation};

/// Runs one operation over a new graphql-transport-ws connection and returns its `payload`.
async fn over_websocket(server: &TestServer, query: &str, variables: Value) -> Value {
    let addr = server.base.trim_start_matches("http://");
    let mut ws = open_operation(addr, json!({ "query": query, "variables": variables })).await;
    loop {
        let message = tokio::time::timeout(Duration::from_secs(120), ws.next())
            .await
            .expect("an answer within two minutes")
            .unwrap()
            .unwrap();
        let v: Value = serde_json::from_str(message.to_text().unwrap()).unwrap();
        match v["type"].as_str() {
            Some("next") => return v["payload"].clone(),
            Some("connection_ack") | Some("ping") => continue,
            other => panic!("unexpected {other:?}: {v:#}"),
        }
    }
}

/// Two root fields of one operation sent over the WebSocket see one graph, even while ingests
/// publish new graphs during the operation: the field between them (extracting a long text)
/// takes long enough for several ingests to land. Several worker threads, as in the server: on
/// one, nothing else would run while the extraction holds it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_operation_over_the_websocket_sees_one_graph() {
    let server = TestServer::start().await;
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (client, base, stop) = (server.client.clone(), server.base.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) && n < 500 {
                let text = format!("Update {n}: BOE and JD Group grew in Beijing E-Town.");
                client
                    .post(format!("{base}/graphql"))
                    .json(&json!({
                        "query": "mutation($t: String!) { ingestDocument(input: { text: $t }) { duplicate } }",
                        "variables": { "t": text },
                    }))
                    .send()
                    .await
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    let long = "Kong Lei said BOE grew in Beijing E-Town, and JD Group followed. ".repeat(12_000);
    let query = "query($t: String!) { before: stats { documents } x: extract(text: $t) { sentenceCount } after: stats { documents } }";
    let mut published_during = 0;
    for _ in 0..3 {
        let started = server.data("{ stats { documents } }", json!({})).await["stats"]["documents"]
            .as_u64()
            .unwrap();
        let payload = over_websocket(&server, query, json!({ "t": long })).await;
        let ended = server.data("{ stats { documents } }", json!({})).await["stats"]["documents"]
            .as_u64()
            .unwrap();
        assert!(payload.get("errors").is_none(), "{payload:#}");
        let data = &payload["data"];
        assert_eq!(
            data["before"], data["after"],
            "two fields of one operation saw two graphs"
        );
        published_during += ended - started;
    }
    stop.store(true, Ordering::SeqCst);
    let ingested = writer.await.unwrap();
    assert!(
        published_during > 0,
        "no ingest landed during the operations ({ingested} ingests): the test proved nothing"
    );
}
