//! Live ingestion against the real binary and a real SQLite file: nothing acknowledged is lost.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use futures_util::StreamExt as _;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::common::{Process, root, scratch};

const VISIT: &str = "Kong Lei, director of the management committee of Beijing E-Town, met Wu Meng, \
                     vice president of JD Group, in 亦庄 to discuss humanoid robots.";

#[tokio::test]
async fn ingest_then_restart_keeps_documents_mentions_and_relations() {
    let data = scratch("restart");
    let server = Process::start(&data, &[]);
    let result = server
        .data(
            r#"mutation($t: String!) { ingestDocument(input: {
                   text: $t, title: "A visit", date: "2024-03-01", language: "en", source: "https://example.org/visit" }) {
                 duplicate
                 document { id title date language source mentionCount }
                 relations { kind label source { id } target { id } origin } } }"#,
            json!({ "t": VISIT }),
        )
        .await;
    let r = &result["ingestDocument"];
    assert_eq!(r["duplicate"], false);
    let id = r["document"]["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("doc-"));
    assert_eq!(r["document"]["date"], "2024-03-01");
    let mentions = r["document"]["mentionCount"].as_u64().unwrap();
    assert!(mentions >= 5, "{r:#}");
    let roles: Vec<(String, String)> = r["relations"]
        .as_array()
        .unwrap()
        .iter()
        // A role the dictionary states too is one relation, curated: the document proves it.
        .filter(|x| x["kind"] == "ROLE")
        .map(|x| {
            (
                x["source"]["id"].as_str().unwrap().to_owned(),
                x["target"]["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        roles.contains(&("wu-meng".into(), "jd-group".into())),
        "{roles:?}"
    );
    assert!(
        roles.contains(&("kong-lei".into(), "bda-management-committee".into())),
        "{roles:?}"
    );
    server.stop();

    let server = Process::start(&data, &[]);
    let after = server
        .data(
            r#"query($id: ID!) {
                 document(id: $id) { title date language source mentionCount text }
                 relation(a: "wu-meng", b: "jd-group") { kind origin evidence { document { id } } }
                 stats { documents } }"#,
            json!({ "id": id }),
        )
        .await;
    let doc = &after["document"];
    assert_eq!(doc["title"], "A visit");
    assert_eq!(doc["source"], "https://example.org/visit");
    assert_eq!(doc["mentionCount"].as_u64().unwrap(), mentions);
    assert_eq!(doc["text"], VISIT);
    assert_eq!(after["stats"]["documents"], 5);
    let proven_here = after["relation"].as_array().unwrap().iter().any(|rel| {
        rel["kind"] == "ROLE"
            && rel["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["document"]["id"] == id)
    });
    assert!(proven_here, "{after:#}");
    server.stop();
}

#[tokio::test]
async fn the_same_text_twice_is_one_document() {
    let data = scratch("duplicate");
    let server = Process::start(&data, &[]);
    let first = server.ingest(VISIT).await;
    let second = server.ingest(VISIT).await;
    assert_eq!(first["duplicate"], false);
    assert_eq!(second["duplicate"], true);
    assert_eq!(first["document"]["id"], second["document"]["id"]);
    let seed = std::fs::read_to_string(root().join("seeds/001_a6a857458e187a96.txt")).unwrap();
    let again = server.ingest(&seed).await;
    assert_eq!(again["duplicate"], true);
    assert_eq!(again["document"]["id"], "001_a6a857458e187a96");
    let stats = server.data("{ stats { documents } }", json!({})).await;
    assert_eq!(stats["stats"]["documents"], 5);
}

#[tokio::test]
async fn bad_documents_are_refused_with_reasons() {
    let data = scratch("bad");
    let server = Process::start(&data, &["--max-document-bytes", "2000"]);
    let query = "mutation($i: DocumentInput!) { ingestDocument(input: $i) { document { id } } }";
    let cases = [
        (json!({ "text": "   " }), "must not be empty"),
        (
            json!({ "text": "x".repeat(2001) }),
            "over the limit of 2000 bytes",
        ),
        (json!({ "text": VISIT, "date": "2024-13-45" }), "YYYY-MM-DD"),
        (
            json!({ "text": VISIT, "language": "fr" }),
            "en, zh or mixed",
        ),
        (json!({ "text": "a\u{0}b" }), "binary"),
    ];
    for (input, words) in cases {
        let body = server.post(query, json!({ "i": input })).await;
        let err = &body["errors"][0];
        assert_eq!(err["extensions"]["code"], "INVALID_INPUT", "{body:#}");
        assert!(err["message"].as_str().unwrap().contains(words), "{body:#}");
    }
    let stats = server.data("{ stats { documents } }", json!({})).await;
    assert_eq!(stats["stats"]["documents"], 4, "nothing was stored");
}

/// Texts that differ and each name a few entities.
fn burst_text(i: usize) -> String {
    format!(
        "Report {i}: BOE and JD Group expanded in Beijing E-Town; Kong Lei said the zone will add \
         {i} projects in humanoid robots and gene therapy. 北京经开区第{i}批项目落地。"
    )
}

#[tokio::test]
async fn kill_9_during_a_burst_loses_no_acknowledged_document() {
    let data = scratch("kill9");
    let server = Process::start(&data, &[]);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, String)>();
    let mut tasks = Vec::new();
    for worker in 0..6 {
        let (tx, client, base) = (tx.clone(), server.client.clone(), server.base.clone());
        tasks.push(tokio::spawn(async move {
            for n in 0..20 {
                let text = burst_text(worker * 100 + n);
                let resp = client
                    .post(format!("{base}/graphql"))
                    .json(&json!({
                        "query": "mutation($t: String!) { ingestDocument(input: { text: $t }) { document { id } } }",
                        "variables": { "t": text }
                    }))
                    .send()
                    .await;
                // Once the server is killed, requests fail: those were never acknowledged.
                let Ok(resp) = resp else { return };
                let Ok(body) = resp.json::<Value>().await else { return };
                if let Some(id) = body["data"]["ingestDocument"]["document"]["id"].as_str() {
                    let _ = tx.send((id.to_owned(), text));
                }
            }
        }));
    }
    drop(tx);
    let mut acknowledged = Vec::new();
    while acknowledged.len() < 25 {
        match rx.recv().await {
            Some(ack) => acknowledged.push(ack),
            None => break,
        }
    }
    server.kill9();
    for t in tasks {
        let _ = t.await;
    }
    while let Ok(ack) = rx.try_recv() {
        acknowledged.push(ack);
    }
    assert!(
        acknowledged.len() >= 25,
        "only {} ingests were acknowledged",
        acknowledged.len()
    );

    let server = Process::start(&data, &[]);
    for (id, text) in &acknowledged {
        let body = server
            .data(
                "query($id: ID!) { document(id: $id) { text mentionCount } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(
            body["document"]["text"].as_str(),
            Some(text.as_str()),
            "document {id} is not intact"
        );
        assert!(body["document"]["mentionCount"].as_u64().unwrap() > 0);
    }
    server.stop();
}

#[tokio::test]
async fn queries_during_a_burst_see_consistent_counts() {
    let data = scratch("consistent");
    let server = Process::start(&data, &[]);
    let writer = {
        let (client, base) = (server.client.clone(), server.base.clone());
        tokio::spawn(async move {
            for i in 0..30 {
                client
                    .post(format!("{base}/graphql"))
                    .json(&json!({
                        "query": "mutation($t: String!) { ingestDocument(input: { text: $t }) { duplicate } }",
                        "variables": { "t": burst_text(1000 + i) }
                    }))
                    .send()
                    .await
                    .unwrap();
            }
        })
    };
    let mut seen_counts = HashSet::new();
    let mut queries = 0;
    while !writer.is_finished() || queries == 0 {
        let data = server
            .data(
                "{ stats { documents mentions } documents(first: 1000) { edges { node { mentionCount } } } }",
                json!({}),
            )
            .await;
        let edges = data["documents"]["edges"].as_array().unwrap();
        let sum: u64 = edges
            .iter()
            .map(|e| e["node"]["mentionCount"].as_u64().unwrap())
            .sum();
        assert_eq!(
            data["stats"]["mentions"].as_u64().unwrap(),
            sum,
            "a half-updated graph: {data:#}"
        );
        assert_eq!(
            data["stats"]["documents"].as_u64().unwrap(),
            edges.len() as u64
        );
        seen_counts.insert(edges.len());
        queries += 1;
    }
    writer.await.unwrap();
    assert!(
        seen_counts.len() > 1,
        "no query ran during the burst ({queries} queries)"
    );
}

#[tokio::test]
async fn a_subscriber_gets_one_event_per_ingest() {
    let data = scratch("subscribe");
    let server = Process::start(&data, &[]);
    let mut ws = server
        .subscribe("subscription { graphChanged { version reason document documents } }")
        .await;
    let next_json = |m: Message| -> Value { serde_json::from_str(m.to_text().unwrap()).unwrap() };
    let ack = next_json(ws.next().await.unwrap().unwrap());
    assert_eq!(ack["type"], "connection_ack");
    tokio::time::sleep(Duration::from_millis(200)).await;

    let mut ids = Vec::new();
    for i in 0..3 {
        let r = server.ingest(&burst_text(2000 + i)).await;
        ids.push(r["document"]["id"].as_str().unwrap().to_owned());
    }
    server.ingest(&burst_text(2000)).await; // a duplicate changes nothing: no event
    let mut events = Vec::new();
    while events.len() < 3 {
        let msg = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .expect("an event within 10 s")
            .unwrap()
            .unwrap();
        let v = next_json(msg);
        if v["type"] == "next" {
            events.push(v["payload"]["data"]["graphChanged"].clone());
        }
    }
    let got: Vec<&str> = events
        .iter()
        .map(|e| e["document"].as_str().unwrap())
        .collect();
    assert_eq!(got, ids);
    assert!(events.iter().all(|e| e["reason"] == "INGEST"));
    assert_eq!(events[2]["documents"], 7);
    let extra = tokio::time::timeout(Duration::from_millis(500), ws.next()).await;
    assert!(extra.is_err(), "an event for the duplicate: {extra:?}");
}

#[tokio::test]
async fn removing_a_document_takes_its_evidence_away() {
    let data = scratch("remove");
    let server = Process::start(&data, &[]);
    let pair = r#"{ relation(a: "tu-ruimin", b: "gu-jie") { kind } stats { documents } }"#;
    let before = server.data(pair, json!({})).await;
    assert_eq!(before["relation"], json!([]));
    let r = server
        .ingest("Tu Ruimin met Gu Jie in Beijing E-Town.")
        .await;
    let id = r["document"]["id"].as_str().unwrap().to_owned();
    let during = server.data(pair, json!({})).await;
    assert_eq!(during["relation"], json!([{ "kind": "CO_MENTION" }]));

    let removed = server
        .data(
            "mutation($id: ID!) { removeDocument(id: $id) { id documents } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(removed["removeDocument"]["documents"], 4);
    let after = server.data(pair, json!({})).await;
    assert_eq!(
        after, before,
        "the co-mention had no other evidence and must be gone"
    );

    let err = server
        .post(
            "mutation { removeDocument(id: \"000_03717fe45803d5d5\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(err["errors"][0]["extensions"]["code"], "INVALID_INPUT");
    let err = server
        .post(
            "mutation { removeDocument(id: \"doc-nope\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(err["errors"][0]["extensions"]["code"], "NOT_FOUND");
    server.stop();

    let server = Process::start(&data, &[]);
    let restarted = server.data(pair, json!({})).await;
    assert_eq!(restarted, before, "the removal is durable");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[tokio::test]
async fn reloading_invalid_dictionaries_keeps_the_old_graph() {
    let dir = scratch("reload");
    let dicts = dir.join("dictionaries");
    copy_dir(&root().join("dictionaries"), &dicts);
    let server = Process::start(
        &dir.join("data"),
        &["--dictionaries", dicts.to_str().unwrap()],
    );
    let companies = std::fs::read_to_string(dicts.join("companies.toml")).unwrap();

    std::fs::write(
        dicts.join("companies.toml"),
        format!("{companies}\n[[entity]]\nid = \"broken\"\nname = \n"),
    )
    .unwrap();
    let refused = server
        .data(
            "mutation { reloadDictionaries { reloaded errors entities } }",
            json!({}),
        )
        .await;
    assert_eq!(refused["reloadDictionaries"]["reloaded"], false);
    let errors = refused["reloadDictionaries"]["errors"].as_array().unwrap();
    assert!(
        errors[0].as_str().unwrap().contains("companies.toml:"),
        "{errors:?}"
    );
    let entities = refused["reloadDictionaries"]["entities"].as_u64().unwrap();
    let still = server
        .data(r#"{ entity(id: "boe") { name } }"#, json!({}))
        .await;
    assert_eq!(still["entity"]["name"], "BOE Technology Group");

    std::fs::write(
        dicts.join("companies.toml"),
        format!("{companies}\n[[entity]]\nid = \"acme-robotics\"\nname = \"Acme Robotics\"\nname_zh = \"阿克米机器人\"\n"),
    )
    .unwrap();
    let reloaded = server
        .data(
            "mutation { reloadDictionaries { reloaded errors entities } }",
            json!({}),
        )
        .await;
    assert_eq!(reloaded["reloadDictionaries"]["reloaded"], true);
    assert_eq!(
        reloaded["reloadDictionaries"]["entities"].as_u64().unwrap(),
        entities + 1
    );
    let found = server
        .data(r#"{ extract(text: "阿克米机器人 opened a lab in 亦庄.") { mentions { entity { id } } } }"#, json!({}))
        .await;
    assert_eq!(
        found["extract"]["mentions"][0]["entity"]["id"],
        "acme-robotics"
    );

    // SIGHUP reloads too.
    std::fs::write(
        dicts.join("companies.toml"),
        format!("{companies}\n[[entity]]\nid = \"acme-robotics\"\nname = \"Acme Robotics\"\n\n[[entity]]\nid = \"zeta-bio\"\nname = \"Zeta Bio\"\n"),
    )
    .unwrap();
    server.signal("HUP");
    let mut count = 0;
    for _ in 0..50 {
        let s = server.data("{ stats { entities } }", json!({})).await;
        count = s["stats"]["entities"].as_u64().unwrap();
        if count == entities + 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count, entities + 2, "SIGHUP did not reload");
    server.stop();
}

#[tokio::test]
async fn search_finds_stored_and_corpus_documents_with_a_snippet() {
    let data = scratch("search");
    let server = Process::start(&data, &[]);
    let r = server
        .ingest("A quantum lattice laboratory opened in Beijing E-Town this spring.")
        .await;
    let id = r["document"]["id"].as_str().unwrap().to_owned();
    let query = "query($t: String!) { search(text: $t) { document { id } snippet } }";
    let hits = server.data(query, json!({ "t": "Quantum Lattice" })).await;
    assert_eq!(hits["search"][0]["document"]["id"], id);
    assert!(
        hits["search"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("【quantum lattice】")
    );

    let zh = server.data(query, json!({ "t": "亦庄" })).await;
    let ids: Vec<&str> = zh["search"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["document"]["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"002_8a9a8cd84788b55b"), "{ids:?}");
    let three = server.data(query, json!({ "t": "经开区工委" })).await;
    assert_eq!(three["search"][0]["document"]["id"], "002_8a9a8cd84788b55b");
    assert!(
        three["search"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("【经开区工委】")
    );
    let none = server
        .data(query, json!({ "t": "no such words anywhere" }))
        .await;
    assert_eq!(none["search"], json!([]));
}

#[tokio::test]
async fn cli_ingest_reports_each_file_and_the_server_serves_them() {
    let dir = scratch("cli");
    let docs = dir.join("articles");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), burst_text(3000)).unwrap();
    std::fs::write(docs.join("b.txt"), burst_text(3001)).unwrap();
    std::fs::write(docs.join("bad.txt"), b"Kong Lei \xff said").unwrap();
    let data = dir.join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_kgraph"))
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&docs)
        .arg(root().join("seeds/000_03717fe45803d5d5.txt"))
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(!out.status.success(), "a failed file must fail the command");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("3 ingested, 0 duplicates, 1 failed"),
        "{stdout}"
    );
    assert!(
        stderr.contains("bad.txt") && stderr.contains("invalid UTF-8"),
        "{stderr}"
    );

    let again = Command::new(env!("CARGO_BIN_EXE_kgraph"))
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(docs.join("a.txt"))
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 ingested, 1 duplicates, 0 failed"));

    let server = Process::start(&data, &[]);
    let stats = server.data("{ stats { documents } }", json!({})).await;
    // The seed file ingested through the CLI is the corpus's own text: one document, not two.
    assert_eq!(stats["stats"]["documents"], 6);
}

#[test]
fn unusable_stores_are_named() {
    let kgraph = |data: &Path| {
        Command::new(env!("CARGO_BIN_EXE_kgraph"))
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(data)
            .current_dir(root())
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let dir = scratch("unusable");

    let file = dir.join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let out = kgraph(&file);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("a-file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let corrupt = dir.join("corrupt");
    std::fs::create_dir_all(&corrupt).unwrap();
    std::fs::write(corrupt.join("kgraph.sqlite3"), vec![0x5a; 8192]).unwrap();
    let out = kgraph(&corrupt);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("kgraph.sqlite3") && stderr.contains("not a readable kgraph store"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(corrupt.join("kgraph.sqlite3")).unwrap(),
        vec![0x5a; 8192],
        "the file was altered"
    );

    let newer = dir.join("newer");
    std::fs::create_dir_all(&newer).unwrap();
    let conn = rusqlite::Connection::open(newer.join("kgraph.sqlite3")).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let out = kgraph(&newer);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("newer kgraph") && stderr.contains("version 99"),
        "{stderr}"
    );
}
