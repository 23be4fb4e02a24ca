//! The GraphQL-over-HTTP audits of the npm package `graphql-http` (`auditServer`), run by Node
//! against the real server on 127.0.0.1:0: no error and no warning. Skips when Node or the
//! package (`npm ci` in `graph-api/tests/node`) is missing, except under `CI=true`.

use std::process::Command;

use serde_json::Value;

use crate::common::{TestServer, root, skip};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphql_over_http_audits_pass() {
    let dir = root().join("graph-api/tests/node");
    if Command::new("node").arg("--version").output().is_err() {
        skip("Node.js (`node`) is not installed");
        return;
    }
    if !dir.join("node_modules/graphql-http").is_dir() {
        skip("graphql-http is not installed: run `npm ci` in graph-api/tests/node");
        return;
    }
    let server = TestServer::start().await;
    let url = format!("{}/graphql", server.base);
    let out = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg("audit.mjs")
            .arg(url)
            .current_dir(dir)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "the audit script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(results.len() >= 50, "only {} audits ran", results.len());
    let count = |status: &str| results.iter().filter(|r| r["status"] == status).count();
    eprintln!(
        "graphql-http audits: {} ok, {} notices, {} warnings, {} errors",
        count("ok"),
        count("notice"),
        count("warn"),
        count("error")
    );
    let failed: Vec<String> = results
        .iter()
        .filter(|r| r["status"] == "warn" || r["status"] == "error")
        .map(|r| format!("{} {}: {}", r["status"], r["name"], r["reason"]))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
