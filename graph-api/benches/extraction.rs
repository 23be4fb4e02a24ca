//! Extraction against its physical limit: a raw `aho-corasick` scan of the same bytes for the
//! same folded spellings, in the same run.
//!
//! For each workload (`graph_api::workload::generate`, the bytes `kgraph gen` writes):
//!
//! - `extract/<E>-<M>MB/raw_scan`: `RawScan::count` over every document — a bare automaton of the
//!   spellings the extractor compiles, counting matches, nothing else. The ceiling.
//! - `extract/<E>-<M>MB/pipeline`: `Extractor::extract` over every document — cleaning, sentences,
//!   folding, matching with its checks, ambiguity, relations. pipeline / raw_scan is the figure.
//! - `build/<E>-<M>MB/threads_1`, `threads_2`: `Extractor::extract_all` on 1 and 2 threads, then
//!   `KnowledgeGraph::from_documents`: the whole graph.
//!
//! By default: 1k, 10k and 100k entities on 10 MB. `KGRAPH_BENCH_FULL=1` adds 100 MB corpora for
//! 1k, 10k and 100k entities (several minutes; the machine must be otherwise idle).
//! `KGRAPH_BENCH_ONLY=10k-10MB` runs one workload.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use graph_api::workload::{self, RawScan};
use graph_core::{DocumentInput, Extractor, KnowledgeGraph};

const SEED: u64 = 1;

fn workloads() -> Vec<(usize, usize)> {
    let mut w = vec![(1_000, 10), (10_000, 10), (100_000, 10)];
    if std::env::var_os("KGRAPH_BENCH_FULL").is_some() {
        w.extend([(1_000, 100), (10_000, 100), (100_000, 100)]);
    }
    if let Ok(only) = std::env::var("KGRAPH_BENCH_ONLY") {
        w.retain(|&(e, mb)| label(e, mb) == only);
    }
    w
}

fn label(entities: usize, mb: usize) -> String {
    format!("{}k-{mb}MB", entities / 1000)
}

fn bench(c: &mut Criterion) {
    for (entities, mb) in workloads() {
        let name = label(entities, mb);
        let w = workload::generate(entities, mb * 1_000_000, SEED).expect("workload");
        let dictionary = w.dictionary().expect("dictionary");
        let raw_scan = RawScan::new(&dictionary).expect("raw scan");
        let extractor = Arc::new(Extractor::new(dictionary));
        let inputs = w.inputs();
        let bytes: usize = inputs.iter().map(|d| d.text.len()).sum();
        // 100 MB takes seconds per iteration: criterion's minimum of 10 samples is plenty.
        let (samples, time) = if mb >= 100 { (10, 20) } else { (10, 3) };

        let mut g = c.benchmark_group(format!("extract/{name}"));
        g.throughput(Throughput::Bytes(bytes as u64))
            .sample_size(samples)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(time));
        g.bench_function("raw_scan", |b| {
            b.iter(|| {
                inputs
                    .iter()
                    .map(|d| raw_scan.count(&d.text))
                    .sum::<usize>()
            });
        });
        g.bench_function("pipeline", |b| {
            b.iter_batched(
                || inputs.clone(),
                |inputs| {
                    inputs
                        .into_iter()
                        .map(|d| extractor.extract(d))
                        .collect::<Vec<_>>()
                },
                BatchSize::PerIteration,
            );
        });
        g.finish();
        paired(
            &name,
            &raw_scan,
            &extractor,
            &inputs,
            bytes,
            if mb >= 100 { 3 } else { 10 },
        );

        let mut g = c.benchmark_group(format!("build/{name}"));
        g.throughput(Throughput::Bytes(bytes as u64))
            .sample_size(samples)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(time * 2));
        for threads in [1, 2] {
            g.bench_function(format!("threads_{threads}"), |b| {
                b.iter_batched(
                    || inputs.clone(),
                    |inputs| {
                        let documents = extractor.extract_all(inputs, threads);
                        KnowledgeGraph::from_documents(extractor.clone(), documents)
                    },
                    BatchSize::PerIteration,
                );
            });
        }
        g.finish();
    }
}

/// The raw scan and the pipeline in alternation, `rounds` times each, and the fastest run of
/// each. On a shared virtual machine the neighbours' load comes and goes: alternating puts both
/// under the same conditions, and the minimum is the run it disturbed least. Criterion's
/// estimates above are kept beside it.
fn paired(
    name: &str,
    raw_scan: &RawScan,
    extractor: &Extractor,
    inputs: &[DocumentInput],
    bytes: usize,
    rounds: usize,
) {
    let (mut raw, mut pipeline) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let t = Instant::now();
        let matches: usize = inputs.iter().map(|d| raw_scan.count(&d.text)).sum();
        raw = raw.min(t.elapsed());
        std::hint::black_box(matches);
        let batch = inputs.to_vec();
        let t = Instant::now();
        let documents: Vec<_> = batch.into_iter().map(|d| extractor.extract(d)).collect();
        pipeline = pipeline.min(t.elapsed());
        drop(std::hint::black_box(documents));
    }
    let mib_s = |d: Duration| bytes as f64 / (1024.0 * 1024.0) / d.as_secs_f64();
    println!(
        "extract/{name}/paired: raw scan {:.1} MiB/s, pipeline {:.1} MiB/s, pipeline / raw {:.1}% (fastest of {rounds} alternating runs each)",
        mib_s(raw),
        mib_s(pipeline),
        100.0 * raw.as_secs_f64() / pipeline.as_secs_f64()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
