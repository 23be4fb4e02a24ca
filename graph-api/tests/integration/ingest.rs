//! Live ingestion against the real binary and a real SQLite file: nothing acknowledged is lost.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use futures_util::StreamExt as _;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::common::{Process, copy_dir, kgraph, root, scratch};

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
    // The file is named relative to the dictionary directory: where that is on this machine is
    // not the client's business.
    assert!(
        errors[0].as_str().unwrap().starts_with("companies.toml:"),
        "{errors:?}"
    );
    for e in errors {
        let e = e.as_str().unwrap();
        assert!(
            !e.contains(dir.to_str().unwrap()),
            "a path reached the client: {e}"
        );
        assert!(
            !e.starts_with('/') && e.split(':').next().unwrap().ends_with(".toml"),
            "{e}"
        );
    }
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

/// `kgraph ingest` with its working directory and arguments; the output and whether it succeeded.
fn cli(args: &[&std::ffi::OsStr]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kgraph"))
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The document ids of the `stored` lines of `kgraph ingest`, by file name.
fn stored_ids(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("stored "))
        .map(|rest| {
            let mut words = rest.split_whitespace();
            let id = words.next().unwrap().to_owned();
            let file = Path::new(words.next().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (file, id)
        })
        .collect()
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
    let seed = root().join("seeds/000_03717fe45803d5d5.txt");
    let (ok, stdout, stderr) = cli(&[
        "ingest".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        docs.as_os_str(),
        seed.as_os_str(),
    ]);
    assert!(!ok, "a failed file must fail the command");
    assert!(
        stdout.contains("3 ingested, 0 duplicates, 1 failed"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("failed") && l.contains("bad.txt")),
        "{stdout}"
    );
    assert!(
        stderr.contains("bad.txt") && stderr.contains("invalid UTF-8"),
        "{stderr}"
    );
    let ids = stored_ids(&stdout);
    let names: Vec<&str> = ids.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        names,
        ["a.txt", "b.txt", "000_03717fe45803d5d5.txt"],
        "{stdout}"
    );

    // One file: its fate is printed too, as a duplicate with the id it has.
    let (ok, stdout, _) = cli(&[
        "ingest".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        docs.join("a.txt").as_os_str(),
    ]);
    assert!(ok);
    assert!(
        stdout.contains("0 ingested, 1 duplicates, 0 failed"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("duplicate") && l.contains(&ids[0].1)),
        "{stdout}"
    );

    let server = Process::start(&data, &[]);
    let stats = server.data("{ stats { documents } }", json!({})).await;
    // The seed file ingested through the CLI is the corpus's own text: one document, not two.
    assert_eq!(stats["stats"]["documents"], 6);
    for (file, id) in &ids[..2] {
        let doc = server
            .data(
                "query($id: ID!) { document(id: $id) { source } }",
                json!({ "id": id }),
            )
            .await;
        // The files were given by an absolute path: the source names them relative to the
        // directory given, not by where they are on this machine.
        assert_eq!(doc["document"]["source"], file.as_str(), "{doc:#}");
    }
}

#[tokio::test]
async fn cli_ingest_takes_a_title_date_and_source_and_documents_lists_and_removes() {
    let dir = scratch("cli-describe");
    let (file, other) = (dir.join("visit.txt"), dir.join("other.txt"));
    std::fs::write(&file, VISIT).unwrap();
    std::fs::write(&other, burst_text(4000)).unwrap();
    let data = dir.join("data");
    let data_arg = data.as_os_str();

    let (ok, _, stderr) = cli(&[
        "ingest".as_ref(),
        "--data".as_ref(),
        data_arg,
        "--title".as_ref(),
        "Two".as_ref(),
        file.as_os_str(),
        other.as_os_str(),
    ]);
    assert!(!ok);
    assert!(
        stderr.contains("describe one file, and 2 were given"),
        "{stderr}"
    );
    let (ok, _, stderr) = cli(&[
        "ingest".as_ref(),
        "--data".as_ref(),
        data_arg,
        "--date".as_ref(),
        "2024-13-45".as_ref(),
        file.as_os_str(),
    ]);
    assert!(!ok);
    assert!(
        stderr.contains("not a calendar date YYYY-MM-DD"),
        "{stderr}"
    );

    let (ok, stdout, stderr) = cli(&[
        "ingest".as_ref(),
        "--data".as_ref(),
        data_arg,
        "--title".as_ref(),
        "A visit".as_ref(),
        "--date".as_ref(),
        "2024-03-01".as_ref(),
        "--source".as_ref(),
        "https://example.org/visit".as_ref(),
        file.as_os_str(),
    ]);
    assert!(ok, "{stderr}");
    let id = stored_ids(&stdout)[0].1.clone();

    let (ok, list, _) = cli(&[
        "documents".as_ref(),
        "list".as_ref(),
        "--data".as_ref(),
        data_arg,
    ]);
    assert!(ok);
    let line = list
        .lines()
        .find(|l| l.starts_with(&id))
        .unwrap_or_else(|| panic!("{id} not listed:\n{list}"));
    for field in ["2024-03-01", "A visit", "https://example.org/visit"] {
        assert!(line.contains(field), "{field} missing from {line:?}");
    }
    assert!(list.contains("1 document in"), "{list}");

    let server = Process::start(&data, &[]);
    let doc = server
        .data(
            "query($id: ID!) { document(id: $id) { title date source } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        doc["document"],
        json!({ "title": "A visit", "date": "2024-03-01", "source": "https://example.org/visit" })
    );
    server.stop();

    let (ok, stdout, _) = cli(&[
        "documents".as_ref(),
        "remove".as_ref(),
        "--data".as_ref(),
        data_arg,
        id.as_ref(),
    ]);
    assert!(ok);
    assert!(stdout.contains(&format!("removed    {id}")), "{stdout}");
    let (_, list, _) = cli(&[
        "documents".as_ref(),
        "list".as_ref(),
        "--data".as_ref(),
        data_arg,
    ]);
    assert!(list.contains("0 documents in"), "{list}");
    let (ok, _, stderr) = cli(&[
        "documents".as_ref(),
        "remove".as_ref(),
        "--data".as_ref(),
        data_arg,
        id.as_ref(),
    ]);
    assert!(!ok, "removing what is not there must fail");
    assert!(stderr.contains(&id), "{stderr}");
}

/// The corpus given by an absolute path: its documents' sources are named relative to it.
#[tokio::test]
async fn corpus_sources_name_no_directory_of_this_machine() {
    let data = scratch("corpus-sources");
    let corpus = root().join("seeds").canonicalize().unwrap();
    let server = Process::start(&data, &["--corpus", corpus.to_str().unwrap()]);
    let docs = server
        .data("{ documents { edges { node { source } } } }", json!({}))
        .await;
    let sources: Vec<&str> = docs["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 4);
    for s in sources {
        assert!(
            !s.starts_with('/') && !s.contains(corpus.to_str().unwrap()),
            "a local path reached the client: {s}"
        );
        assert!(s.ends_with(".txt"), "{s}");
    }
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

/// Written for this test: two new articles that name known entities.
const BATCH_A: &str = "Kong Lei, director of the management committee of Beijing E-Town, opened a \
                       robot training ground in 亦庄 with JD Group on Tuesday.";
const BATCH_B: &str = "BOE and Xiaomi will build a display laboratory in Beijing E-Town, the zone's \
                       management committee said.";

#[tokio::test]
async fn a_batch_is_one_snapshot_and_an_invalid_article_fails_alone() {
    let data = scratch("batch");
    let server = Process::start(&data, &[]);
    let result = server
        .data(
            r#"mutation($a: String!, $b: String!) { ingestDocuments(inputs: [
                   { text: $a, title: "A training ground" },
                   { text: "   " },
                   { text: $b, date: "2026-11-30" },
                   { text: $a },
                   { text: $b, date: "not a date" } ]) {
                 ingested duplicates failed documents
                 items { index id duplicate error document { title mentionCount } } } }"#,
            json!({ "a": BATCH_A, "b": BATCH_B }),
        )
        .await;
    let r = &result["ingestDocuments"];
    assert_eq!(r["ingested"], 2, "{r:#}");
    assert_eq!(r["duplicates"], 1, "{r:#}");
    assert_eq!(r["failed"], 2, "{r:#}");
    assert_eq!(r["documents"], 6, "the four seeds and two new: {r:#}");
    let items = r["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    for (i, item) in items.iter().enumerate() {
        assert_eq!(item["index"], i);
    }
    assert_eq!(items[0]["document"]["title"], "A training ground");
    assert!(items[0]["document"]["mentionCount"].as_u64().unwrap() >= 4);
    assert!(
        items[1]["error"].as_str().unwrap().contains("empty"),
        "{:#}",
        items[1]
    );
    assert!(items[1]["id"].is_null() && items[1]["document"].is_null());
    assert_eq!(items[2]["error"], Value::Null);
    // The same text again in one batch is the same document.
    assert_eq!(items[3]["id"], items[0]["id"]);
    assert_eq!(items[3]["duplicate"], true);
    assert!(
        items[4]["error"].as_str().unwrap().contains("date"),
        "{:#}",
        items[4]
    );

    // The batch again: every valid article is a duplicate now, and nothing changes.
    let again = server
        .data(
            r#"mutation($a: String!, $b: String!) { ingestDocuments(inputs: [{ text: $a }, { text: $b }]) {
                 ingested duplicates documents } }"#,
            json!({ "a": BATCH_A, "b": BATCH_B }),
        )
        .await;
    assert_eq!(
        again["ingestDocuments"],
        json!({ "ingested": 0, "duplicates": 2, "documents": 6 })
    );
    server.stop();

    // Acknowledged means stored: both are there after a restart, with their relations.
    let server = Process::start(&data, &[]);
    let after = server
        .data(
            r#"{ stats { documents } relation(a: "kong-lei", b: "jd-group") { evidence { document { title } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(after["stats"]["documents"], 6);
    let titles: Vec<&str> = after["relation"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["evidence"].as_array().unwrap())
        .filter_map(|e| e["document"]["title"].as_str())
        .collect();
    assert!(titles.contains(&"A training ground"), "{titles:?}");
    server.stop();
}

/// `kgraph ingest --server` feeds a running server, with its token, and says what became of
/// each file.
#[tokio::test]
async fn ingest_to_a_running_server_needs_its_token_and_reports_each_file() {
    let dir = scratch("ingest-server");
    let files = dir.join("today");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("a.txt"), BATCH_A).unwrap();
    std::fs::write(files.join("b.txt"), BATCH_B).unwrap();
    std::fs::write(files.join("c.txt"), "  \n").unwrap();
    let server = Process::start(&dir.join("data"), &["--token", "s3cret-token"]);
    let path = files.to_str().unwrap();

    let refused = kgraph(&["ingest", "--server", &server.base, path]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--token"), "{stderr}");
    let stats = server.data("{ stats { documents } }", json!({})).await;
    assert_eq!(stats["stats"]["documents"], 4, "nothing went in");

    let sent = kgraph(&[
        "ingest",
        "--server",
        &server.base,
        "--token",
        "s3cret-token",
        path,
    ]);
    let stdout = String::from_utf8_lossy(&sent.stdout);
    assert!(!sent.status.success(), "the empty file fails: {stdout}");
    assert!(
        stdout.contains("2 ingested, 0 duplicates, 1 failed"),
        "{stdout}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("stored     doc-") && l.ends_with("a.txt")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("failed ") && l.contains("c.txt")),
        "{stdout}"
    );
    let after = server
        .data(
            r#"{ stats { documents } relation(a: "kong-lei", b: "jd-group") { evidence { sentence } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(after["stats"]["documents"], 6);
    assert!(
        after.to_string().contains("robot training ground"),
        "{after}"
    );
    server.stop();
}
