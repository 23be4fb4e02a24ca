//! What the graph-api benchmarks share: the 100k-entity graph and percentiles.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use graph_api::workload;
use graph_core::{Extractor, KnowledgeGraph};

/// The workload of the resolver and HTTP benchmarks: 100k entities (the curated ones among them,
/// so the README queries find Kong Lei, JD Group, BOE and the future-health cluster) and
/// `KGRAPH_BENCH_GRAPH_MB` megabytes of corpus (10 by default, 100 with `KGRAPH_BENCH_FULL=1`).
pub fn graph_100k() -> (Arc<KnowledgeGraph>, String) {
    let full = std::env::var_os("KGRAPH_BENCH_FULL").is_some();
    let mb: usize = std::env::var("KGRAPH_BENCH_GRAPH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 100 } else { 10 });
    let started = Instant::now();
    let w = workload::generate(100_000, mb * 1_000_000, 1).expect("workload");
    let extractor = Arc::new(Extractor::new(w.dictionary().expect("dictionary")));
    let documents = extractor.extract_all(w.inputs(), 2);
    let graph = KnowledgeGraph::from_documents(extractor, documents);
    let label = format!(
        "100k entities, {mb} MB corpus (gen --entities 100000 --size-mb {mb} --seed 1), {} edges, built in {:.1} s",
        graph.stats().edges,
        started.elapsed().as_secs_f64()
    );
    (Arc::new(graph), label)
}

/// The graph of the shipped dictionaries and seeds.
pub fn seed_graph() -> Arc<KnowledgeGraph> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dict = graph_core::Dictionary::load_dir(&root.join("dictionaries")).expect("dictionaries");
    let (docs, _) =
        graph_core::read_corpus(&root.join("seeds"), graph_core::DEFAULT_MAX_DOCUMENT_BYTES)
            .expect("seeds");
    Arc::new(KnowledgeGraph::build(Arc::new(Extractor::new(dict)), docs))
}

/// The five queries of the README, by name.
pub const README_QUERIES: [(&str, &str); 5] = [
    (
        "1 members(of: future-health, kind: COMPANY)",
        r#"{ members(of: "future-health", kind: COMPANY) { entity { id name nameZh } origin via { name } evidence(first: 1) { sentence document { title } } } }"#,
    ),
    (
        "2 lookup(孔磊) roles, neighbors",
        r#"{ lookup(name: "孔磊") { id name nameZh roles { title origin organization { name nameZh } evidence(first: 1) { sentence } } neighbors(relation: CO_MENTION, first: 5) { entity { name kind } weight evidence(first: 1) { sentence } } } }"#,
    ),
    (
        "3 path(jd-group, boe)",
        r#"{ path(from: "jd-group", to: "boe") { id name kind } }"#,
    ),
    (
        "4 entity(boe) documents, mentions",
        r#"{ entity(id: "boe") { name nameZh documents { title date language } mentions(first: 3) { edges { node { surface sentence } } } } }"#,
    ),
    (
        "5 extract(text)",
        r#"{ extract(text: "Yesterday, Wu Meng, vice president of JD Group, and BOE announced a joint lab in 亦庄 for humanoid robots.") { language mentions { entity { id kind } surface start end } relations { kind source { id } target { id } label origin sentence } } }"#,
    ),
];

/// Queries with a span of dates (the generated articles are dated 2019–2025), by name: the
/// per-entity ones, which the 1 ms target is for, then the two that read the whole graph.
/// `PARTNER` stands for the entity named most often with BOE in 2023 (the bench looks it up).
pub const SPAN_QUERIES: [(&str, &str); 6] = [
    (
        "span relation(boe, PARTNER) 2023",
        r#"{ relation(a: "boe", b: "PARTNER", from: "2023", to: "2023") { kind weight firstSeen lastSeen months { month count } evidence(first: 3) { sentence } } }"#,
    ),
    (
        "span neighbors(boe) 2023",
        r#"{ entity(id: "boe") { neighbors(relation: CO_MENTION, from: "2023-01", to: "2023-12", first: 10) { entity { name } weight evidence(first: 1) { sentence } } } }"#,
    ),
    (
        "asOf neighbors, rolesAsOf(孔磊)",
        r#"{ lookup(name: "孔磊") { neighbors(to: "2022-06-30", first: 10) { entity { name } weight } rolesAsOf(date: "2022-06-30") { certain tenure { title organization { name } since until } } } }"#,
    ),
    (
        "span timeline(boe) 2023",
        r#"{ timeline(entity: "boe", from: "2023", to: "2023", top: 3) { month mentions documents coMentions { entity { name } sentences } } }"#,
    ),
    (
        "whole graph: changes(2024-Q1)",
        r#"{ changes(from: "2024-01", to: "2024-03", first: 10) { newEntities { entity { id } mentions } growing { before during } quiet { before } } }"#,
    ),
    (
        "whole graph: policies(activeOn)",
        r#"{ policies(activeOn: "2023-06-30", first: 50) { id } }"#,
    ),
];

/// The `p`-th percentile (0-100) of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Milliseconds with three decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}
