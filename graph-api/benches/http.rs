//! HTTP throughput under load on loopback: the README's future-health query through the whole
//! server (`graph_api::server::app`), beside a trivial axum endpoint served by the same process,
//! the same runtime and the same listener, measured in the same run.
//!
//! Run with `cargo bench -p graph-api --bench http` (or `bench/http.sh`). Needs `wrk`
//! (`apt-get install -y wrk`); without it the benchmark says so and does nothing. Each load lasts
//! `KGRAPH_BENCH_HTTP_SECONDS` (10 by default) with 2 wrk threads and 32 connections; wrk and the
//! server share the machine's cores, equally for both endpoints.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::process::Command;

use axum::routing::get;
use common::{README_QUERIES, graph_100k};

fn main() {
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("http: skipped, wrk is not installed (apt-get install -y wrk)");
        return;
    }
    let seconds: u64 = std::env::var("KGRAPH_BENCH_HTTP_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    // The seed graph first (the README's answer: one company), then the 100k-entity graph, where
    // the same query answers with thousands of companies.
    let seeds = (
        common::seed_graph(),
        "the seeds (223 entities, 4 documents)".to_owned(),
    );
    load_one(&rt, seeds, seconds);
    load_one(&rt, graph_100k(), seconds);
}

fn load_one(
    rt: &tokio::runtime::Runtime,
    (graph, label): (std::sync::Arc<graph_core::KnowledgeGraph>, String),
    seconds: u64,
) {
    let (addr, stop) = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = graph_api::server::AppState::from_graph(graph.clone()).unwrap();
        // The trivial endpoint is served by the same process, runtime and listener; added after
        // `app`, it sits outside kgraph's middleware, as a bare axum handler does.
        // `/uncached/graphql` is the same server with its response cache off: every request is
        // parsed, validated and run.
        let uncached = graph_api::server::AppState::with_config(
            std::sync::Arc::new(graph_api::live::Live::in_memory(graph).unwrap()),
            graph_api::server::ServerConfig {
                response_cache_bytes: 0,
                ..Default::default()
            },
        );
        let router = graph_api::server::app(state)
            .route("/bench/ping", get(|| async { "pong" }))
            .nest("/uncached", graph_api::server::app(uncached));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
        });
        (addr, tx)
    });

    let body = serde_json::json!({ "query": README_QUERIES[0].1 }).to_string();
    // One request by hand first: the query must answer without errors, or req/s mean nothing.
    let check = Command::new("curl")
        .args(["-s", "-H", "content-type: application/json", "-d", &body])
        .arg(format!("http://{addr}/graphql"))
        .output();
    if let Ok(out) = check {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("\"data\"") && !text.contains("\"errors\""),
            "the future-health query failed: {text}"
        );
        println!(
            "http on {label}: the future-health answer is {} bytes",
            text.len()
        );
    }
    let script = std::env::temp_dir().join(format!("kgraph-bench-{}.lua", std::process::id()));
    std::fs::write(
        &script,
        format!(
            "wrk.method = \"POST\"\nwrk.body = {}\nwrk.headers[\"Content-Type\"] = \"application/json\"\n",
            lua_string(&body)
        ),
    )
    .unwrap();

    println!("  wrk -t2 -c32 -d{seconds}s on loopback");
    let ping = wrk(&format!("http://{addr}/bench/ping"), None, seconds);
    let query = wrk(
        &format!("http://{addr}/graphql"),
        Some(script.to_str().unwrap()),
        seconds,
    );
    let uncached = wrk(
        &format!("http://{addr}/uncached/graphql"),
        Some(script.to_str().unwrap()),
        seconds,
    );
    let _ = std::fs::remove_file(&script);
    let _ = stop.send(());
    for (name, r) in [
        ("trivial GET /bench/ping", &ping),
        ("future-health POST /graphql", &query),
        ("  the same, cache off", &uncached),
    ] {
        println!(
            "  {name:<30} {:>10.0} req/s   latency avg {}   errors {}",
            r.rps, r.latency, r.errors
        );
    }
    println!(
        "  future-health / trivial       {:>9.1}%   (cache off: {:.1}%)",
        100.0 * query.rps / ping.rps.max(1e-9),
        100.0 * uncached.rps / ping.rps.max(1e-9)
    );
}

struct Load {
    rps: f64,
    latency: String,
    errors: String,
}

fn lua_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn wrk(url: &str, script: Option<&str>, seconds: u64) -> Load {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t2", "-c32", &format!("-d{seconds}s"), "--latency"]);
    if let Some(s) = script {
        cmd.args(["-s", s]);
    }
    let out = cmd.arg(url).output().expect("wrk");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let rps = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0);
    let latency = text
        .lines()
        .find(|l| l.trim_start().starts_with("Latency"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("?")
        .to_owned();
    // wrk prints these lines only when there were errors.
    let errors: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("Socket errors") || l.contains("Non-2xx"))
        .map(str::trim)
        .collect();
    Load {
        rps,
        latency,
        errors: if errors.is_empty() {
            "0".into()
        } else {
            errors.join("; ")
        },
    }
}
