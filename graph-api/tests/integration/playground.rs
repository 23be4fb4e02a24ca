//! The playground as a person uses it: the README's queries preloaded, and GraphiQL in headless
//! Chromium, offline, running a query and a subscription. The browser test skips when Chromium,
//! Node or puppeteer-core (`npm ci` in `graph-api/tests/node`) is missing, except under `CI=true`.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::common::{TestServer, root, skip};

/// The GraphQL blocks of the README's "Five queries" section, in order.
fn readme_queries() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("## Five queries")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a `## Five queries` section in README.md");
    section
        .split("```graphql\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().trim().to_owned())
        .collect()
}

/// The tabs the playground page opens with, in order.
fn playground_tabs() -> Vec<String> {
    let page =
        std::fs::read_to_string(root().join("graph-api/assets/playground/index.html")).unwrap();
    page.split("<script type=\"application/graphql\" class=\"kgraph-tab\">")
        .skip(1)
        .map(|block| block.split("</script>").next().unwrap().trim().to_owned())
        .collect()
}

#[test]
fn the_playground_opens_with_the_readme_queries() {
    let (readme, tabs) = (readme_queries(), playground_tabs());
    assert_eq!(readme.len(), 5, "{readme:#?}");
    assert_eq!(
        tabs[..5],
        readme[..],
        "the playground's tabs and the README differ"
    );
    assert!(tabs[5].contains("subscription"), "{tabs:#?}");
}

/// The README's five queries, over real HTTP, answer without errors and with what the README
/// says they answer.
#[tokio::test]
async fn the_readme_queries_answer_as_the_readme_says() {
    let server = TestServer::start().await;
    let answers: Vec<Value> = {
        let mut out = Vec::new();
        for q in readme_queries() {
            out.push(server.data(&q, json!({})).await);
        }
        out
    };
    let text = |v: &Value| v.to_string();
    let members = text(&answers[0]);
    assert!(
        members.contains("jinlan-gene") && members.contains("INFERRED"),
        "{members}"
    );
    let kong = text(&answers[1]);
    assert!(
        kong.contains("Kong Lei") && kong.contains("Director"),
        "{kong}"
    );
    let path = answers[2]["path"].as_array().unwrap();
    assert_eq!(path.first().unwrap()["id"], "jd-group");
    assert_eq!(path.last().unwrap()["id"], "boe");
    assert!(text(&answers[3]).contains("2023-05-17"));
    assert!(text(&answers[4]).contains("wu-meng"));
}

fn installed(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_playground_works_offline_in_a_headless_browser() {
    let dir = root().join("graph-api/tests/node");
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(chromium) = chromium else {
        skip("Chromium is not installed (apt-get install chromium)");
        return;
    };
    if !installed("node", "--version") {
        skip("Node.js (`node`) is not installed");
        return;
    }
    if !dir.join("node_modules/puppeteer-core").is_dir() {
        skip("puppeteer-core is not installed: run `npm ci` in graph-api/tests/node");
        return;
    }
    let server = TestServer::start().await;
    let base = server.base.clone();
    let out = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .args(["playground.mjs", &base, chromium])
            .current_dir(dir)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the browser script failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let checks: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(checks.len() >= 7, "{stdout}");
    let failed: Vec<String> = checks
        .iter()
        .filter(|c| c["ok"] != true)
        .map(|c| format!("{}: {}", c["check"], c["detail"]))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
