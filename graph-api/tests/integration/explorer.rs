//! The explorer: its routes over HTTP, the API fields it is built on, and its end-to-end tests in
//! headless Chromium (`graph-api/explorer/tests/`, run by node against the real kgraph binary).

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

use graph_api::server::ServerConfig;

use crate::common::{Process, TestServer, get, root, scratch, seed_app, send, skip};

/// The pages and files the explorer's page names, each served by kgraph itself.
#[tokio::test]
async fn the_explorer_is_served_entirely_by_kgraph_at_every_path() {
    let app = seed_app(ServerConfig::default());
    let root_page = send(&app, get("/", &[])).await;
    assert_eq!(root_page.status, 303);
    assert_eq!(root_page.header("location"), Some("/explore"));

    let mut pages = Vec::new();
    for path in [
        "/explore",
        "/explore/",
        "/explore?q=%E4%BA%A6%E8%8E%8A",
        "/explore/entity/kong-lei",
        "/explore/document/anything",
        "/explore/cluster/future-health",
        "/explore/review",
    ] {
        let reply = send(&app, get(path, &[])).await;
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            reply
                .header("content-type")
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        pages.push(reply.text());
    }
    assert!(pages.windows(2).all(|w| w[0] == w[1]), "one page for all");
    let html = &pages[0];
    let refs: Vec<String> = ["src=\"", "href=\""]
        .iter()
        .flat_map(|attr| {
            html.split(attr)
                .skip(1)
                .map(|s| s.split('"').next().unwrap_or("").to_owned())
        })
        .filter(|r| !r.starts_with("data:"))
        .collect();
    assert_eq!(refs.len(), 2, "a script and a stylesheet: {refs:?}");
    for r in &refs {
        assert!(
            r.starts_with("/explore/assets/"),
            "{r} is not the explorer's"
        );
        let reply = send(&app, get(r, &[])).await;
        assert_eq!(reply.status, 200, "{r}");
        let ct = reply.header("content-type").unwrap().to_owned();
        let want = if r.ends_with(".css") {
            "text/css"
        } else {
            "text/javascript"
        };
        assert!(ct.starts_with(want), "{r}: {ct}");
        let body = reply.text();
        assert!(body.len() > 1000, "{r} is empty");
        // No address outside this server: nothing to fetch from the internet.
        for remote in ["https://fonts.", "cdn.jsdelivr", "unpkg.com", "googleapis"] {
            assert!(!body.contains(remote), "{r} names {remote}");
        }
    }
    assert_eq!(
        send(&app, get("/explore/assets/nope.js", &[])).await.status,
        404
    );
}

#[test]
fn the_start_up_line_names_the_explorer_and_the_playground() {
    let data = scratch("explorer-start-line");
    let server = Process::start(&data, &[]);
    assert!(
        server
            .first_line
            .contains(&format!("http://{}/", server.addr))
            && server.first_line.contains("explorer at /explore")
            && server.first_line.contains("playground at /playground"),
        "{}",
        server.first_line
    );
    // Dropped, not stopped: the line comes before the signal handlers are in place.
    drop(server);
}

/// UTF-16 code units of `s` from `start` to `end`, as a browser's `slice` would take them.
fn slice_utf16(s: &str, start: &Value, end: &Value) -> String {
    let units: Vec<u16> = s.encode_utf16().collect();
    let (a, b) = (
        start.as_u64().unwrap() as usize,
        end.as_u64().unwrap() as usize,
    );
    String::from_utf16(&units[a..b]).unwrap()
}

#[tokio::test]
async fn a_documents_lines_and_an_evidence_sentences_mentions_slice_in_utf16() {
    let server = TestServer::start().await;
    let data = server
        .data(
            "{ documents(first: 10) { nodes { id language text mentionCount
                 lines { text class kept start mentions { surface utf16Start utf16End entity { id } } } } } }",
            json!({}),
        )
        .await;
    let docs = data["documents"]["nodes"].as_array().unwrap();
    assert!(docs.iter().any(|d| d["language"] == "zh"), "a Chinese seed");
    for doc in docs {
        let lines = doc["lines"].as_array().unwrap();
        let text = doc["text"].as_str().unwrap();
        let mut mentions = 0;
        for line in lines {
            let t = line["text"].as_str().unwrap();
            let start = line["start"].as_u64().unwrap() as usize;
            assert_eq!(
                &text[start..start + t.len()],
                t,
                "a line is a piece of the text"
            );
            assert_eq!(line["kept"], line["class"] == "ARTICLE");
            for m in line["mentions"].as_array().unwrap() {
                assert_eq!(
                    slice_utf16(t, &m["utf16Start"], &m["utf16End"]),
                    m["surface"].as_str().unwrap(),
                    "{}",
                    doc["id"]
                );
                mentions += 1;
            }
            if line["class"] != "ARTICLE" {
                assert!(line["mentions"].as_array().unwrap().is_empty());
            }
        }
        // Every mention is on some line, once; every line break is between two lines.
        assert_eq!(mentions, doc["mentionCount"].as_u64().unwrap());
        assert_eq!(lines.len(), text.split('\n').count(), "{}", doc["id"]);
    }
    // The seeds' pages carry boilerplate, which the lines show as dropped.
    assert!(docs.iter().any(|d| {
        d["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["class"] == "CHROME" || l["class"] == "FOOTER")
    }));

    let data = server
        .data(
            r#"{ relation(a: "kong-lei", b: "bda") { kind evidence(first: 50) { sentence mentions { surface utf16Start utf16End entity { id } } } } }"#,
            json!({}),
        )
        .await;
    let co = data["relation"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "CO_MENTION")
        .expect("Kong Lei and the zone are co-mentioned");
    for ev in co["evidence"].as_array().unwrap() {
        let sentence = ev["sentence"].as_str().unwrap();
        let ids: Vec<&str> = ev["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                assert_eq!(
                    slice_utf16(sentence, &m["utf16Start"], &m["utf16End"]),
                    m["surface"].as_str().unwrap()
                );
                m["entity"]["id"].as_str().unwrap()
            })
            .collect();
        assert!(
            ids.contains(&"kong-lei") && ids.contains(&"bda"),
            "{sentence}"
        );
    }
}

#[tokio::test]
async fn a_document_lists_the_relations_it_proves() {
    let server = TestServer::start().await;
    let data = server
        .data(
            r#"{ entity(id: "kong-lei") { documents(first: 1) { id relations { kind source { id } target { id } evidence(first: 100) { document { id } } } } } }"#,
            json!({}),
        )
        .await;
    let doc = &data["entity"]["documents"][0];
    let relations = doc["relations"].as_array().unwrap();
    assert!(relations.iter().any(|r| r["kind"] == "CO_MENTION"
        && [&r["source"]["id"], &r["target"]["id"]].contains(&&json!("kong-lei"))));
    for r in relations {
        assert!(
            r["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["document"]["id"] == doc["id"]),
            "{r}"
        );
    }
}

#[tokio::test]
async fn export_csv_is_the_two_neo4j_files_with_the_filters() {
    let server = TestServer::start().await;
    let data = server
        .data(
            r#"{ exportCsv(filter: { entity: "kong-lei", relations: [ROLE] }) { nodes relationships } }"#,
            json!({}),
        )
        .await;
    let nodes = data["exportCsv"]["nodes"].as_str().unwrap();
    let rels = data["exportCsv"]["relationships"].as_str().unwrap();
    assert!(
        nodes.lines().next().unwrap().starts_with("id:ID"),
        "{nodes}"
    );
    assert!(nodes.lines().any(|l| l.starts_with("kong-lei,")));
    let rows: Vec<&str> = rels.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.contains(",ROLE,")), "{rels}");
}

/// Why the browser tests cannot run here, if they cannot.
fn browser_missing(dir: &std::path::Path) -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !dir.join("node_modules/playwright-core").is_dir() {
        return Some(format!(
            "{} has no node_modules (run `npm ci` there)",
            dir.display()
        ));
    }
    if !PathBuf::from(&chromium).exists() {
        return Some(format!("{chromium} is missing (apt-get install chromium)"));
    }
    None
}

/// The explorer's end-to-end tests (graph-api/explorer/tests/explorer.test.mjs) in headless
/// Chromium against the real kgraph binary: every view from its URL, search in both scripts,
/// a click on an edge, the cluster's inferred member, downloads, a live refresh on ingest, and
/// the review of candidates (reject and undo by keyboard, accept through the form, alias).
#[test]
fn explorer_end_to_end_in_headless_chromium() {
    let dir = root().join("graph-api/explorer");
    if let Some(reason) = browser_missing(&dir)
        && skip(&format!("the explorer's browser tests: {reason}"))
    {
        return;
    }
    let data = scratch("explorer-e2e");
    let server = Process::start(&data, &[]);
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "tests/"])
        .current_dir(&dir)
        .env("KGRAPH_URL", &server.base)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(
        out.status.success(),
        "the explorer's browser tests failed:\n{report}"
    );
    server.stop();
}

/// A role's dates come from the dictionaries; the explorer shows them beside the title.
#[tokio::test]
async fn a_curated_role_carries_the_dates_the_dictionaries_state() {
    let dir = scratch("explorer-role-dates");
    let dictionaries = dir.join("dictionaries");
    std::fs::create_dir_all(&dictionaries).unwrap();
    for entry in std::fs::read_dir(root().join("dictionaries")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let mut text = std::fs::read_to_string(&path).unwrap();
            if path.file_name().is_some_and(|n| n == "people.toml") {
                let before = r#"{ title = "Director of the Management Committee", org = "bda-management-committee" }"#;
                assert!(text.contains(before), "Kong Lei's curated role");
                text = text.replace(
                    before,
                    r#"{ title = "Director of the Management Committee", org = "bda-management-committee", since = "2021-06", until = "2024" }"#,
                );
            }
            std::fs::write(dictionaries.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    let server = Process::start(
        &dir.join("data"),
        &["--dictionaries", dictionaries.to_str().unwrap()],
    );
    let data = server
        .data(
            r#"{ entity(id: "kong-lei") { roles { title origin since until } } }"#,
            json!({}),
        )
        .await;
    let roles = data["entity"]["roles"].as_array().unwrap();
    let dated: Vec<&Value> = roles.iter().filter(|r| !r["since"].is_null()).collect();
    assert_eq!(dated.len(), 1, "{roles:?}");
    assert_eq!(dated[0]["title"], "Director of the Management Committee");
    assert_eq!(dated[0]["origin"], "CURATED");
    assert_eq!(dated[0]["since"], "2021-06");
    assert_eq!(dated[0]["until"], "2024");
    // An extracted role of the same title has no dates of its own.
    assert!(
        roles
            .iter()
            .filter(|r| r["origin"] == "EXTRACTED")
            .all(|r| r["since"].is_null() && r["until"].is_null())
    );
    server.stop();
}
