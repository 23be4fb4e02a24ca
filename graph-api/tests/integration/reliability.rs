//! Bad queries, bad clients and faults: the server refuses with a clear message, keeps serving,
//! and loses nothing it acknowledged.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

use graph_api::server::ServerConfig;
use serde_json::{Value, json};

use crate::common::{Process, TestServer, root, scratch};

const INGEST: &str =
    "mutation($t: String!) { ingestDocument(input: { text: $t }) { document { id } } }";

/// Ten levels of neighbors of neighbors.
fn deep_neighbors(levels: usize) -> String {
    let mut q = String::from("id");
    for _ in 0..levels {
        q = format!("neighbors {{ entity {{ {q} }} }}");
    }
    format!("{{ entity(id: \"bda\") {{ {q} }} }}")
}

/// The introspection query GraphiQL sends (graphql-js `getIntrospectionQuery`), which the
/// limits must let through.
const INTROSPECTION: &str = r#"query IntrospectionQuery { __schema { queryType { name } mutationType { name }
  subscriptionType { name } types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description
  args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } inputFields { ...InputValue }
  interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name } } } } } } } }"#;

#[tokio::test]
async fn limits_refuse_before_running_and_let_real_queries_through() {
    let server = TestServer::with_config(ServerConfig::default()).await;

    let deep = server.answer(&deep_neighbors(10)).await;
    let code = deep["errors"][0]["extensions"]["code"].as_str().unwrap();
    assert!(
        code == "QUERY_TOO_DEEP" || code == "QUERY_TOO_COMPLEX",
        "{deep:#}"
    );
    assert!(
        deep.get("data").is_none_or(Value::is_null),
        "it must not run: {deep:#}"
    );

    let wide = server
        .answer(r#"{ entity(id: "bda") { neighbors(first: 1000) { entity { neighbors(first: 1000) { weight } } } } }"#)
        .await;
    assert_eq!(
        wide["errors"][0]["extensions"]["code"], "QUERY_TOO_COMPLEX",
        "{wide:#}"
    );

    let intro = server.answer(INTROSPECTION).await;
    assert!(
        intro.get("errors").is_none(),
        "introspection must work: {intro:#}"
    );
    assert!(intro["data"]["__schema"]["types"].as_array().unwrap().len() > 20);

    let readme = server
        .answer(r#"{ lookup(name: "孔磊") { roles { title } neighbors(relation: CO_MENTION, first: 5) { entity { name } weight evidence(first: 1) { sentence } } } }"#)
        .await;
    assert!(readme.get("errors").is_none(), "{readme:#}");
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let server = TestServer::with_config(ServerConfig {
        body_limit: 64 * 1024,
        ..ServerConfig::default()
    })
    .await;
    let big = "亦庄".repeat(40_000);
    let resp = server.post_with(INGEST, json!({ "t": big }), None).await;
    assert_eq!(resp.status(), 413);
    let small = server
        .post_with(INGEST, json!({ "t": "BOE grew in 亦庄." }), None)
        .await;
    assert_eq!(small.status(), 200);
}

#[tokio::test]
async fn a_request_over_the_timeout_is_stopped_but_its_ingest_completes() {
    // Long enough for the request to be read and the mutation to start, far shorter than the
    // extraction of a megabyte (seconds in a test build): the deadline passes inside the writer.
    let server = TestServer::with_config(ServerConfig {
        request_timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    })
    .await;
    let text = "Kong Lei said BOE and JD Group grow in Beijing E-Town. ".repeat(20_000);
    let body: Value = server
        .post_with(INGEST, json!({ "t": text }), None)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ran longer than"),
        "{body:#}"
    );
    assert_eq!(body["errors"][0]["extensions"]["code"], "TIMEOUT");
    // The writer runs to completion on its own: the document is there once it is done.
    let mut documents = 0;
    for _ in 0..600 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let stats = server.answer("{ stats { documents } }").await;
        if let Some(n) = stats["data"]["stats"]["documents"].as_u64() {
            documents = n;
            if n == 5 {
                break;
            }
        }
    }
    assert_eq!(documents, 5, "the timed-out ingest did not complete");
}

#[tokio::test]
async fn mutations_need_the_token_when_one_is_set() {
    let server = TestServer::with_config(ServerConfig {
        token: Some("s3cret".into()),
        ..ServerConfig::default()
    })
    .await;
    let text = json!({ "t": "BOE grew in 亦庄 under the token rule." });
    for token in [None, Some("wrong")] {
        let body: Value = server
            .post_with(INGEST, text.clone(), token)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "UNAUTHORIZED",
            "{body:#}"
        );
    }
    let body: Value = server
        .post_with(INGEST, text, Some("s3cret"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        body["data"]["ingestDocument"]["document"]["id"].is_string(),
        "{body:#}"
    );
    let read = server.answer("{ stats { documents } }").await;
    assert_eq!(
        read["data"]["stats"]["documents"], 5,
        "queries need no token"
    );
}

#[tokio::test]
async fn a_public_address_without_a_token_refuses_mutations() {
    let public: SocketAddr = "0.0.0.0:8080".parse().unwrap();
    let config = ServerConfig::for_address(public, None, 1 << 20);
    let server = TestServer::with_config(config).await;
    let body: Value = server
        .post_with(INGEST, json!({ "t": "BOE grew." }), Some("anything"))
        .await
        .json()
        .await
        .unwrap();
    let err = &body["errors"][0];
    assert_eq!(err["extensions"]["code"], "UNAUTHORIZED");
    assert!(
        err["message"].as_str().unwrap().contains("--token"),
        "{err:#}"
    );

    // The real binary says so in its start-up log.
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgraph"))
        .args(["serve", "--addr", "0.0.0.0:0", "--data"])
        .arg(scratch("public"))
        .current_dir(root())
        .env("RUST_LOG", "warn")
        .env_remove("KGRAPH_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let _ = child.wait();
    assert!(stderr.contains("mutations are disabled"), "{stderr}");
}

#[tokio::test]
async fn cors_is_closed_unless_configured() {
    let preflight = |base: &str, origin: &str| {
        reqwest::Client::new()
            .request(reqwest::Method::OPTIONS, format!("{base}/graphql"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .send()
    };
    let closed = TestServer::with_config(ServerConfig::default()).await;
    let resp = preflight(&closed.base, "https://app.example")
        .await
        .unwrap();
    assert!(resp.headers().get("access-control-allow-origin").is_none());

    let open = TestServer::with_config(ServerConfig {
        cors_origins: vec!["https://app.example".parse().unwrap()],
        ..ServerConfig::default()
    })
    .await;
    let resp = preflight(&open.base, "https://app.example").await.unwrap();
    assert_eq!(
        resp.headers()["access-control-allow-origin"],
        "https://app.example"
    );
    let resp = preflight(&open.base, "https://evil.example").await.unwrap();
    assert!(resp.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn every_response_has_a_request_id() {
    let server = TestServer::with_config(ServerConfig::default()).await;
    let a = server
        .client
        .get(format!("{}/health", server.base))
        .send()
        .await
        .unwrap();
    let b = server
        .client
        .get(format!("{}/health", server.base))
        .send()
        .await
        .unwrap();
    let (a, b) = (&a.headers()["x-request-id"], &b.headers()["x-request-id"]);
    assert_ne!(a, b);
}

#[tokio::test]
async fn sigterm_lets_the_request_under_way_finish() {
    let data = scratch("graceful");
    let mut server = Process::start(&data, &[]);
    // Big enough that extracting it takes a while, small enough to be sent at once.
    let text = "BOE and JD Group expanded in Beijing E-Town, Kong Lei said. ".repeat(10_000);
    let addr = server.addr.clone();
    let request = tokio::spawn(async move {
        reqwest::Client::new()
            .post(format!("http://{addr}/graphql"))
            .json(&json!({ "query": INGEST, "variables": { "t": text } }))
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let kill = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let answer = request.await.unwrap();
    assert!(
        answer["data"]["ingestDocument"]["document"]["id"].is_string(),
        "{answer:#}"
    );
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
    drop(server);
    let again = Process::start(&data, &[]);
    assert_eq!(again.documents().await, 5);
}

#[tokio::test]
async fn clients_that_disconnect_mid_request_do_not_disturb_the_server() {
    let data = scratch("disconnect");
    let server = Process::start(&data, &[]);

    // Half a body, then gone: nothing is stored.
    let mut half = TcpStream::connect(&server.addr).unwrap();
    write!(
        half,
        "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{\"query\": \"mutation"
    )
    .unwrap();
    drop(half);

    // A whole ingest, gone before the answer: never acknowledged, so it may or may not be kept,
    // but never half.
    let early_text = "Gu Jie visited BOE in 亦庄 and left early.";
    let body = json!({ "query": INGEST, "variables": { "t": early_text } }).to_string();
    let mut early = TcpStream::connect(&server.addr).unwrap();
    write!(
        early,
        "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    early.flush().unwrap();
    drop(early);

    tokio::time::sleep(Duration::from_millis(500)).await;
    let docs = server
        .post(
            "{ documents(first: 100) { edges { node { id text } } } }",
            json!({}),
        )
        .await;
    let ingested: Vec<&Value> = docs["data"]["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["node"]["id"].as_str().unwrap().starts_with("doc-"))
        .collect();
    assert!(ingested.len() <= 1, "{docs:#}");
    for e in ingested {
        assert_eq!(e["node"]["text"], early_text, "a half-written document");
    }
    // And the server goes on serving everyone else.
    let r = server
        .post(
            INGEST,
            json!({ "t": "BOE grew in 亦庄 after the disconnects." }),
        )
        .await;
    assert!(
        r["data"]["ingestDocument"]["document"]["id"].is_string(),
        "{r:#}"
    );
}

#[tokio::test]
async fn a_subscriber_that_never_reads_does_not_stop_the_server() {
    let data = scratch("slow-subscriber");
    let server = Process::start(&data, &[]);
    let ws = server
        .subscribe("subscription { graphChanged { version } }")
        .await;
    // Never read from `ws` again.
    for i in 0..300 {
        let r = server
            .post(
                INGEST,
                json!({ "t": format!("Update {i}: BOE grew in 亦庄 again.") }),
            )
            .await;
        assert!(
            r["data"]["ingestDocument"]["document"]["id"].is_string(),
            "ingest {i}: {r:#}"
        );
    }
    assert_eq!(server.documents().await, 304);
    drop(ws);
}

/// Runs `mount` arguments; `false` when this machine does not allow it (not root, no tmpfs).
fn mount(args: &[&str]) -> bool {
    Command::new("mount")
        .args(args)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[tokio::test]
async fn a_full_disk_loses_nothing_and_leaks_nothing() {
    let dir = scratch("disk");
    let dir_str = dir.to_str().unwrap().to_owned();
    if !mount(&["-t", "tmpfs", "-o", "size=600k", "tmpfs", &dir_str]) {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must be able to mount a tmpfs (root)"
        );
        eprintln!("skipped: cannot mount a small tmpfs here (needs root) to simulate a full disk");
        return;
    }
    struct Unmount(String);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(dir_str.clone());
    let server = Process::start(&dir, &[]);
    let first = server
        .post(
            INGEST,
            json!({ "t": "BOE stored before the disk filled up in 亦庄." }),
        )
        .await;
    let kept = first["data"]["ingestDocument"]["document"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let big = "Kong Lei met Wu Meng in Beijing E-Town to discuss humanoid robots. ".repeat(20_000);
    let full = server.post(INGEST, json!({ "t": big })).await;
    let message = full["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("store failed"), "{full:#}");
    assert!(
        !message.contains('/') && !message.to_lowercase().contains("sqlite"),
        "leaks: {message}"
    );
    assert_eq!(
        server.documents().await,
        5,
        "the failed ingest is not in the graph"
    );

    assert!(
        mount(&["-o", "remount,size=20m", &dir_str]),
        "growing the tmpfs failed"
    );
    let after = server
        .post(
            INGEST,
            json!({ "t": "BOE stored after the disk was freed in 亦庄." }),
        )
        .await;
    assert!(
        after["data"]["ingestDocument"]["document"]["id"].is_string(),
        "{after:#}"
    );
    drop(server);

    let restarted = Process::start(&dir, &[]);
    assert_eq!(restarted.documents().await, 6);
    let doc = restarted
        .post(
            "query($id: ID!) { document(id: $id) { text } }",
            json!({ "id": kept }),
        )
        .await;
    assert_eq!(
        doc["data"]["document"]["text"],
        "BOE stored before the disk filled up in 亦庄."
    );
}
