//! Server start time on the seeds, and GraphQL resolver latency (p50/p99) of the README queries on
//! the 100k-entity graph.
//!
//! Run with `cargo bench -p graph-api --bench queries`. Not criterion: the figures asked for are
//! percentiles of single requests and the wall time of a process start, which criterion's mean
//! over batches does not give.
//!
//! - **Dictionaries:** the real `kgraph check` and `kgraph build` (with discovery on, the default,
//!   and off) on the shipped dictionaries and seeds, whole process, 10 times each, beside the
//!   limit of 100 ms.
//! - **Start:** the real `kgraph serve` binary on the shipped dictionaries and seeds, from spawn to
//!   the first `200` of `GET /health`, 10 times.
//! - **Resolvers:** `graph_api::schema::execute` (the schema, no HTTP) on one thread, each query
//!   (the README's, then the queries with a span of dates) 200 times after 20 warm-up runs;
//!   every response is checked to carry no error.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{README_QUERIES, SPAN_QUERIES, graph_100k, ms, percentile};

fn main() {
    // `cargo bench` passes `--bench`; a filter argument other than flags selects one part.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));
    if wants("dictionaries") {
        dictionaries();
    }
    if wants("start") {
        start_time();
    }
    if wants("resolvers") {
        resolvers();
    }
}

fn get_health(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut buf = [0u8; 16];
    matches!(s.read(&mut buf), Ok(n) if n >= 12 && &buf[9..12] == b"200")
}

/// The whole process of `kgraph ARGS` in the repository root, 10 times: median and max.
fn wall(args: &[&str]) -> (Duration, Duration) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut times = Vec::new();
    for _ in 0..10 {
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_kgraph"))
            .args(args)
            .current_dir(&root)
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("kgraph runs");
        times.push(started.elapsed());
        assert!(status.success(), "kgraph {args:?} failed");
    }
    times.sort();
    (percentile(&times, 50.0), *times.last().unwrap())
}

fn dictionaries() {
    const LIMIT_MS: f64 = 100.0;
    println!("dictionaries and seeds, whole process (10 runs), beside the limit of {LIMIT_MS} ms");
    for args in [
        &["check"][..],
        &["build"][..],
        &["build", "--no-discovery"][..],
    ] {
        let (median, max) = wall(args);
        let verdict = if median.as_secs_f64() * 1000.0 < LIMIT_MS {
            "under the limit"
        } else {
            "over the limit"
        };
        println!(
            "  kgraph {:<24} median {:>8} ms, max {:>8} ms  ({verdict})",
            args.join(" "),
            ms(median),
            ms(max)
        );
    }
}

fn start_time() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let data = std::env::temp_dir().join(format!("kgraph-bench-start-{}", std::process::id()));
    let mut times = Vec::new();
    for _ in 0..10 {
        let _ = std::fs::remove_dir_all(&data);
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_kgraph"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .arg("--dictionaries")
            .arg(root.join("dictionaries"))
            .arg("--corpus")
            .arg(root.join("seeds"))
            .env("KGRAPH_DATA", &data)
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("kgraph serve");
        let ready = loop {
            if get_health(port) {
                break Some(started.elapsed());
            }
            if started.elapsed() > Duration::from_secs(20)
                || child.try_wait().ok().flatten().is_some()
            {
                break None;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        let _ = child.kill();
        let _ = child.wait();
        times.push(ready.expect("the server did not answer /health within 20 s"));
    }
    let _ = std::fs::remove_dir_all(&data);
    times.sort();
    println!(
        "start on the seeds (spawn to first 200 of /health, 10 runs): median {} ms, max {} ms",
        ms(percentile(&times, 50.0)),
        ms(*times.last().unwrap())
    );
}

fn resolvers() {
    let (graph, label) = graph_100k();
    println!("resolver latency on {label}");
    // The core query under README query 1, without GraphQL: how much of its time is the graph's.
    // The first call gathers and sorts the members; the graph keeps them, so later calls share.
    let fh = graph.entity_by_id("future-health").expect("future-health");
    let t = Instant::now();
    let members = graph.members_shared(fh, true).len();
    let first = t.elapsed();
    let mut core = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        std::hint::black_box(graph.members_shared(fh, true).len());
        core.push(t.elapsed());
    }
    core.sort();
    println!(
        "  KnowledgeGraph::members_shared(future-health): {members} companies, first call {} ms, then p50 {} ms",
        ms(first),
        ms(percentile(&core, 50.0))
    );
    let schema = graph_api::schema::build_schema();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    println!(
        "  {:<40} {:>9} {:>9} {:>9} {:>9}",
        "query", "p50 ms", "p99 ms", "max ms", "bytes"
    );
    let boe = graph.entity_by_id("boe").expect("boe");
    let partner = graph
        .neighbors(
            boe,
            &graph_core::NeighborFilter {
                relation: Some(graph_core::RelationKind::CoMention),
                period: graph_core::Period::parse(Some("2023"), Some("2023")).unwrap(),
                ..Default::default()
            },
        )
        .first()
        .map(|n| graph.entity(n.entity).id.clone())
        .expect("BOE has a co-mention");
    for (name, query) in README_QUERIES.into_iter().chain(SPAN_QUERIES) {
        let query = &query.replace("PARTNER", &partner);
        let run = || rt.block_on(graph_api::schema::execute(&schema, graph.clone(), query));
        let first = run();
        assert!(first.errors.is_empty(), "{name}: {:?}", first.errors);
        let bytes = serde_json::to_string(&first.data).unwrap().len();
        for _ in 0..20 {
            run();
        }
        let mut times = Vec::with_capacity(200);
        for _ in 0..200 {
            let t = Instant::now();
            let r = run();
            times.push(t.elapsed());
            assert!(r.errors.is_empty(), "{name}: {:?}", r.errors);
        }
        times.sort();
        println!(
            "  {:<40} {:>9} {:>9} {:>9} {:>9}",
            name,
            ms(percentile(&times, 50.0)),
            ms(percentile(&times, 99.0)),
            ms(*times.last().unwrap()),
            bytes
        );
    }
}
