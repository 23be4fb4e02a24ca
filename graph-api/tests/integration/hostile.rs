//! Hostile clients: documents built to explode, answers built to be huge, web pages acting
//! through a visitor's browser, slow and silent connections, WebSockets that break the rules.
//! Each is refused with a clear error and a code, and the server goes on serving.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use futures_util::{SinkExt as _, StreamExt as _};
use graph_api::server::ServerConfig;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;

use crate::common::{Process, TestServer, execute, get, post_graphql, scratch, seed_app, send};

const INGEST: &str =
    "mutation($t: String!) { ingestDocument(input: { text: $t }) { document { id } } }";

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no code: {body:#}"))
}

/// Fragments F1..F`levels`, each spreading the one below `fanout` times.
fn exponential(levels: usize, fanout: usize, leaf: &str) -> String {
    let mut q = format!("query {{ ...F{levels} }}\nfragment F0 on Query {{ {leaf} }}\n");
    for i in 1..=levels {
        let spreads = vec![format!("...F{}", i - 1); fanout].join(" ");
        q.push_str(&format!("fragment F{i} on Query {{ {spreads} }}\n"));
    }
    q
}

#[tokio::test]
async fn exponential_fragments_are_refused_in_milliseconds() {
    for leaf in ["stats { documents }", "__typename"] {
        let query = exponential(20, 10, leaf);
        let started = Instant::now();
        let body = execute(&query, json!({})).await;
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(code(&body), "QUERY_TOO_COMPLEX", "{body:#}");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("10000 fields"),
            "{body:#}"
        );
    }
    let cycle = execute(
        "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A stats { documents } }",
        json!({}),
    )
    .await;
    assert_eq!(code(&cycle), "GRAPHQL_VALIDATION_FAILED", "{cycle:#}");
    let nested = format!("{{ a(x: {}) }}", "[".repeat(200_000));
    let body = execute(&nested, json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_DEEP", "{body:#}");
}

#[tokio::test]
async fn parse_errors_quote_a_short_excerpt() {
    let query = format!("{{ stats {{ documents }} }} {}", "x".repeat(5_000_000));
    let body = execute(&query, json!({})).await;
    assert_eq!(code(&body), "GRAPHQL_PARSE_FAILED");
    let text = body.to_string();
    assert!(text.len() < 1000, "a {}-byte error", text.len());
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("syntax error at line 1"),
        "{body:#}"
    );
}

#[tokio::test]
async fn mutations_over_get_or_as_plain_text_are_refused() {
    let app = seed_app(ServerConfig::default());
    let mutation = "mutation{ingestDocument(input:{text:\"BOE grew in 亦庄 by GET.\"}){duplicate}}";
    let url = format!(
        "/graphql?query={}",
        form_urlencoded::byte_serialize(mutation.as_bytes()).collect::<String>()
    );
    let reply = send(&app, get(&url, &[("origin", "http://evil.example")])).await;
    assert_eq!(reply.status, 405, "{}", reply.text());
    assert_eq!(code(&reply.json()), "BAD_REQUEST");

    let body = json!({ "query": mutation }).to_string();
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ] {
        let request = Request::post("/graphql")
            .header("content-type", content_type)
            .header("origin", "http://evil.example")
            .body(Body::from(body.clone()))
            .unwrap();
        let reply = send(&app, request).await;
        assert_eq!(reply.status, 415, "{content_type}: {}", reply.text());
        assert_eq!(code(&reply.json()), "BAD_REQUEST");
    }
    let stats = send(
        &app,
        post_graphql(&json!({ "query": "{ stats { documents } }" }), &[]),
    )
    .await
    .json();
    assert_eq!(stats["data"]["stats"]["documents"], 4, "nothing was stored");
}

#[tokio::test]
async fn mutations_from_other_origins_are_refused() {
    let app = seed_app(ServerConfig {
        cors_origins: vec!["https://app.example".parse().unwrap()],
        ..ServerConfig::default()
    });
    let ingest = |text: &str| json!({ "query": INGEST, "variables": { "t": text } });
    let refused = send(
        &app,
        post_graphql(
            &ingest("BOE grew in 亦庄, says a page elsewhere."),
            &[
                ("origin", "http://evil.example"),
                ("host", "127.0.0.1:8080"),
            ],
        ),
    )
    .await
    .json();
    assert_eq!(code(&refused), "FORBIDDEN", "{refused:#}");
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("evil.example"),
        "{refused:#}"
    );
    // Queries are not refused: CORS keeps their answers from the page.
    let query = send(
        &app,
        post_graphql(
            &json!({ "query": "{ stats { documents } }" }),
            &[("origin", "http://evil.example")],
        ),
    )
    .await
    .json();
    assert!(query.get("errors").is_none(), "{query:#}");
    for (origin, host, text) in [
        (
            "https://app.example",
            "127.0.0.1:8080",
            "BOE grew in 亦庄, says the app.",
        ),
        (
            "http://127.0.0.1:8080",
            "127.0.0.1:8080",
            "BOE grew in 亦庄, says the playground.",
        ),
    ] {
        let allowed = send(
            &app,
            post_graphql(&ingest(text), &[("origin", origin), ("host", host)]),
        )
        .await
        .json();
        assert!(
            allowed["data"]["ingestDocument"]["document"]["id"].is_string(),
            "{origin}: {allowed:#}"
        );
    }
}

#[tokio::test]
async fn batches_request_ids_and_lowercase_bearer() {
    let app = seed_app(ServerConfig {
        token: Some("s3cret".into()),
        ..ServerConfig::default()
    });
    let batch = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(r#"[{"query":"{ stats { documents } }"}]"#))
        .unwrap();
    let reply = send(&app, batch).await;
    assert_eq!(reply.status, 400);
    let body = reply.json();
    assert_eq!(code(&body), "BAD_REQUEST");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("batch")
    );

    let long = "a".repeat(10_000);
    for (given, kept) in [
        ("trace-42.a:b_c", true),
        (long.as_str(), false),
        ("two words", false),
        ("<script>", false),
    ] {
        let reply = send(&app, get("/health", &[("x-request-id", given)])).await;
        let id = reply.header("x-request-id").unwrap();
        assert_eq!(id == given, kept, "{given:.40} → {id}");
        assert!(id.len() <= 64);
    }

    let body = json!({ "query": INGEST, "variables": { "t": "BOE grew in 亦庄 with a lowercase scheme." } });
    let reply = send(
        &app,
        post_graphql(&body, &[("authorization", "bearer s3cret")]),
    )
    .await;
    let body = reply.json();
    assert!(
        body["data"]["ingestDocument"]["document"]["id"].is_string(),
        "{body:#}"
    );
}

#[tokio::test]
async fn answers_over_the_limit_are_refused_with_the_limit_named() {
    let server = TestServer::with_config(ServerConfig {
        max_answer_bytes: 256 << 10,
        ..ServerConfig::default()
    })
    .await;
    let aliases: String = (0..20)
        .map(|i| format!("e{i}: export(format: GRAPHML) "))
        .collect();
    let csv: String = (0..20)
        .map(|i| format!("c{i}: exportCsv {{ nodes relationships }} "))
        .collect();
    for query in [
        format!("{{ {aliases} }}"),
        format!("{{ {csv} }}"),
        "{ subgraph { edges { evidence(first: 1000) { sentence document { text } } } } }".into(),
    ] {
        let started = Instant::now();
        let body = server.answer(&query).await;
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(code(&body), "ANSWER_TOO_LARGE", "{body:#}");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("256 KiB")
                || body["errors"][0]["message"]
                    .as_str()
                    .unwrap()
                    .contains("262144 bytes"),
            "{body:#}"
        );
    }
    // A single export within the limit still works.
    let one = server
        .answer(r#"{ export(format: DOT, filter: { entity: "boe", depth: 1 }) }"#)
        .await;
    assert!(one.get("errors").is_none(), "{one:#}");
}

#[tokio::test]
async fn extract_of_a_crowded_sentence_is_bounded() {
    // Every company and cluster of the dictionaries named in one sentence: hundreds of
    // thousands of co-mentions, none of them copying the sentence.
    let dict =
        graph_core::Dictionary::load_dir(&crate::common::root().join("dictionaries")).unwrap();
    // Names with no mark that could end a sentence ("Co.", "Ltd.").
    let names: Vec<String> = dict
        .iter()
        .map(|(_, e)| e.name.clone())
        .filter(|n| !n.contains(['.', '!', '?', ';']))
        .take(800)
        .collect();
    let text = format!("{} met in Beijing E-Town.", names.join(" and "));
    let server = TestServer::with_config(ServerConfig {
        max_answer_bytes: 1 << 20,
        ..ServerConfig::default()
    })
    .await;
    let counts = server
        .post(
            "query($t: String!) { extract(text: $t) { sentenceCount mentionCount relationCount } }",
            json!({ "t": text }),
        )
        .await;
    let relations = counts["data"]["extract"]["relationCount"].as_u64().unwrap();
    assert!(relations > 100_000, "{counts:#}");
    let sentences = server
        .post(
            "query($t: String!) { extract(text: $t) { relations(first: 1000) { sentence } } }",
            json!({ "t": text }),
        )
        .await;
    assert_eq!(code(&sentences), "ANSWER_TOO_LARGE", "{sentences:#}");
    let paged = server
        .post(
            "query($t: String!) { extract(text: $t) { relations(first: 3, offset: 1000) { kind sentenceIndex } } }",
            json!({ "t": text }),
        )
        .await;
    assert_eq!(
        paged["data"]["extract"]["relations"]
            .as_array()
            .unwrap()
            .len(),
        3,
        "{paged:#}"
    );
    let too_many = server
        .post(
            "query($t: String!) { extract(text: $t) { relations(first: 5000) { kind } } }",
            json!({ "t": text }),
        )
        .await;
    assert_eq!(code(&too_many), "INVALID_INPUT", "{too_many:#}");
}

#[tokio::test]
async fn long_search_needles_are_refused() {
    let server = TestServer::start().await;
    let body = server
        .post(
            "query($t: String!) { search(text: $t) { snippet } }",
            json!({ "t": "亦庄".repeat(200) }),
        )
        .await;
    assert_eq!(code(&body), "INVALID_INPUT", "{body:#}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("256")
    );
    let ok = server
        .data("{ search(text: \"亦庄\") { snippet } }", json!({}))
        .await;
    assert!(!ok["search"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_busy_request_is_stopped_at_its_timeout_and_others_are_served() {
    let server = TestServer::with_config(ServerConfig {
        request_timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    })
    .await;
    let text = "Kong Lei said BOE and JD Group grow in Beijing E-Town. ".repeat(60_000);
    let started = Instant::now();
    let body = server
        .post(
            "query($t: String!) { a: extract(text: $t) { relationCount } b: extract(text: $t) { relationCount } c: extract(text: $t) { relationCount } }",
            json!({ "t": text }),
        )
        .await;
    assert_eq!(code(&body), "TIMEOUT", "{body:#}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let health = server
        .client
        .get(format!("{}/health", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
}

fn ws_request(
    addr: &str,
    origin: Option<&str>,
) -> tokio_tungstenite::tungstenite::handshake::client::Request {
    let mut request = format!("ws://{addr}/graphql/ws")
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    if let Some(o) = origin {
        request.headers_mut().insert("Origin", o.parse().unwrap());
    }
    request
}

/// The next message that is not a ping, within `within`.
async fn next_message(ws: &mut crate::common::WebSocket, within: Duration) -> Option<Message> {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, ws.next()).await {
            Ok(Some(Ok(Message::Ping(_) | Message::Pong(_)))) => continue,
            Ok(Some(Ok(m))) => return Some(m),
            Ok(_) => return None,
            Err(_) => panic!("nothing within {within:?}"),
        }
    }
}

fn close_code(message: Option<Message>) -> Option<u16> {
    match message {
        Some(Message::Close(Some(frame))) => Some(frame.code.into()),
        _ => None,
    }
}

#[tokio::test]
async fn websockets_keep_the_http_rules() {
    let server = TestServer::with_config(ServerConfig {
        ws_max_message_bytes: 4096,
        ws_init_timeout: Duration::from_millis(500),
        ws_max_operations: 2,
        ..ServerConfig::default()
    })
    .await;
    let addr = server.base.trim_start_matches("http://").to_owned();

    // Another site's page may not open one.
    let refused =
        tokio_tungstenite::connect_async(ws_request(&addr, Some("http://evil.example"))).await;
    match refused {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 403)
        }
        other => panic!("the upgrade was not refused: {other:?}"),
    }
    let (ws, _) = tokio_tungstenite::connect_async(ws_request(&addr, Some(&server.base)))
        .await
        .expect("kgraph's own page may");
    drop(ws);

    // No connection_init: closed with 4408 after the init timeout.
    let (mut silent, _) = tokio_tungstenite::connect_async(ws_request(&addr, None))
        .await
        .unwrap();
    let started = Instant::now();
    assert_eq!(
        close_code(next_message(&mut silent, Duration::from_secs(5)).await),
        Some(4408)
    );
    assert!(started.elapsed() < Duration::from_secs(3));

    // A message over the limit: closed with 1009, before anything runs.
    let (mut big, _) = tokio_tungstenite::connect_async(ws_request(&addr, None))
        .await
        .unwrap();
    big.send(Message::text(
        json!({ "type": "connection_init" }).to_string(),
    ))
    .await
    .unwrap();
    assert!(
        next_message(&mut big, Duration::from_secs(5))
            .await
            .unwrap()
            .is_text()
    );
    let query = format!(
        "{{ extract(text: \"{}\") {{ language }} }}",
        "x".repeat(10_000)
    );
    big.send(Message::text(
        json!({ "id": "1", "type": "subscribe", "payload": { "query": query } }).to_string(),
    ))
    .await
    .unwrap();
    assert_eq!(
        close_code(next_message(&mut big, Duration::from_secs(5)).await),
        Some(1009)
    );

    // Two subscriptions at once, not three.
    let (mut many, _) = tokio_tungstenite::connect_async(ws_request(&addr, None))
        .await
        .unwrap();
    many.send(Message::text(
        json!({ "type": "connection_init" }).to_string(),
    ))
    .await
    .unwrap();
    assert!(
        next_message(&mut many, Duration::from_secs(5))
            .await
            .unwrap()
            .is_text()
    );
    for id in ["1", "2", "3"] {
        many.send(Message::text(
            json!({ "id": id, "type": "subscribe", "payload": { "query": "subscription { graphChanged { version } }" } })
                .to_string(),
        ))
        .await
        .unwrap();
    }
    let refused: Value = loop {
        let m = next_message(&mut many, Duration::from_secs(5))
            .await
            .unwrap();
        let v: Value = serde_json::from_str(m.to_text().unwrap()).unwrap();
        if v["type"] == "next" {
            break v;
        }
    };
    assert_eq!(refused["id"], "3", "{refused:#}");
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"],
        "TOO_MANY_OPERATIONS"
    );
    // The two keep running: an ingest reaches them.
    server
        .post(
            INGEST,
            json!({ "t": "BOE grew in 亦庄 for the subscribers." }),
        )
        .await;
    let mut got = Vec::new();
    while got.len() < 2 {
        let m = next_message(&mut many, Duration::from_secs(10))
            .await
            .unwrap();
        let v: Value = serde_json::from_str(m.to_text().unwrap()).unwrap();
        if v["type"] == "next" {
            got.push(v["id"].as_str().unwrap().to_owned());
        }
    }
    got.sort();
    assert_eq!(got, ["1", "2"]);
}

/// Reads until the server closes the connection; how long that took, or `None` when it did not
/// within `within`.
fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<Duration> {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 4096];
    while started.elapsed() < within {
        match stream.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[tokio::test]
async fn slow_and_silent_connections_are_closed() {
    let data = scratch("slowloris");
    let server = Process::start(&data, &["--header-timeout", "1", "--idle-timeout", "2"]);
    let addr = server.addr.clone();
    let checks = tokio::task::spawn_blocking(move || {
        // Headers a byte at a time: closed at the header timeout, not when they end.
        let mut slow = TcpStream::connect(&addr).unwrap();
        let started = Instant::now();
        let request = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
        let mut closed = false;
        for b in request {
            if slow.write_all(&[*b]).is_err() {
                closed = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
            if started.elapsed() > Duration::from_secs(8) {
                break;
            }
        }
        let slow_closed = if closed { Some(started.elapsed()) } else { closed_within(&mut slow, Duration::from_secs(8)).map(|_| started.elapsed()) };
        // Connected, then nothing: closed at the header timeout too.
        let mut silent = TcpStream::connect(&addr).unwrap();
        let silent_closed = closed_within(&mut silent, Duration::from_secs(8));
        // Headers, then a body that never comes: closed at the idle timeout.
        let mut stalled = TcpStream::connect(&addr).unwrap();
        stalled
            .write_all(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\":")
            .unwrap();
        let stalled_closed = closed_within(&mut stalled, Duration::from_secs(8));
        (slow_closed, silent_closed, stalled_closed)
    })
    .await
    .unwrap();
    let (slow, silent, stalled) = checks;
    assert!(
        slow.is_some_and(|d| d < Duration::from_secs(4)),
        "slow headers: {slow:?}"
    );
    assert!(
        silent.is_some_and(|d| d < Duration::from_secs(4)),
        "silent: {silent:?}"
    );
    assert!(
        stalled.is_some_and(|d| d < Duration::from_secs(6)),
        "stalled body: {stalled:?}"
    );
    // And the server serves.
    assert_eq!(server.documents().await, 4);
}

/// The resident memory of a process, in bytes.
fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb * 1024
}

#[tokio::test]
async fn the_response_cache_stays_within_its_memory() {
    if !std::path::Path::new("/proc/self/status").exists() {
        crate::common::skip("no /proc to read the server's memory from");
        return;
    }
    let data = scratch("cache-memory");
    let server = Process::start(&data, &["--response-cache-mb", "8"]);
    let pid = server.child.id();
    let client = reqwest::Client::new();
    let url = format!("{}/graphql", server.base);
    let run = |from: usize, to: usize| {
        let (client, url) = (client.clone(), url.clone());
        async move {
            for i in from..to {
                let body = format!(r#"{{"query":"{{ stats {{ documents }} }} # {i}"}}"#);
                let r = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.headers()["x-kgraph-cache"], "miss");
                r.bytes().await.unwrap();
            }
        }
    };
    run(0, 2_000).await;
    let before = rss(pid);
    let total = 100_000;
    let workers = 8;
    let mut tasks = Vec::new();
    for w in 0..workers {
        let chunk = total / workers;
        tasks.push(tokio::spawn(run(
            2_000 + w * chunk,
            2_000 + (w + 1) * chunk,
        )));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let after = rss(pid);
    let configured = 8u64 << 20;
    let overhead = 24u64 << 20;
    assert!(
        after <= before + 2 * configured + overhead,
        "RSS {} MB → {} MB after {total} distinct queries with an 8 MiB cache",
        before >> 20,
        after >> 20
    );
}
