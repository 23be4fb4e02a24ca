//! `kgraph build`: build the graph and print what it holds; with `--stats`, how fast and how big.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use graph_core::KnowledgeGraph;

use crate::cli::BuildArgs;
use crate::workload::RawScan;

/// Builds the graph and prints counts per entity kind and relation kind, and the time taken.
pub fn run(args: BuildArgs) -> Result<()> {
    let started = Instant::now();
    let (graph, phases) = if args.stats || args.threads > 1 || args.no_discovery {
        let (graph, phases) = build_in_phases(&args)?;
        (graph, Some(phases))
    } else {
        (super::load_graph(&args.inputs)?, None)
    };
    let elapsed = started.elapsed();
    let s = graph.stats();
    println!(
        "{} documents, {} sentences, {} mentions of {} entities ({} in the dictionaries)",
        s.documents, s.sentences, s.mentions, s.mentioned_entities, s.entities
    );
    println!("\nentities by kind");
    for (kind, n) in &s.entities_by_kind {
        let mentioned = graph
            .dictionary()
            .iter()
            .filter(|(i, e)| e.kind == *kind && !graph.mentions_of(*i).is_empty())
            .count();
        println!("  {:<14}{n:>6}   ({mentioned} mentioned)", kind.as_str());
    }
    println!("\nrelations by kind");
    for (kind, n) in &s.edges_by_kind {
        println!("  {:<14}{n:>6}", kind.as_str());
    }
    println!("  {:<14}{:>6}", "total", s.edges);
    println!("\nbuilt in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    if let Some(phases) = phases
        && args.stats
    {
        print_stats(&graph, &phases, args.threads, s.mentions)?;
    }
    // The process ends here: freeing the graph allocation by allocation would only add to the
    // command's time (about 5 ms on the seeds); the operating system takes it back at once.
    std::mem::forget(graph);
    Ok(())
}

/// What `--stats` measures while building.
struct Phases {
    compile: Duration,
    read: Duration,
    extract: Duration,
    assemble: Duration,
    corpus_bytes: usize,
    patterns: usize,
}

/// The same work as `load_graph`, on `--threads` threads (`Extractor::extract_all`), timed phase
/// by phase.
fn build_in_phases(args: &BuildArgs) -> Result<(Arc<KnowledgeGraph>, Phases)> {
    let t = Instant::now();
    let extractor = super::load_extractor_with(&args.inputs.dictionaries, !args.no_discovery)?;
    // Discovery reads its segmenter's dictionary on first use; read here, it counts as compiling
    // rather than as extracting the first Chinese document.
    if extractor.discovers() {
        graph_core::discover::warm_up();
    }
    let compile = t.elapsed();
    let t = Instant::now();
    let (docs, _) = super::read_corpus_dir(&args.inputs.corpus)?;
    let read = t.elapsed();
    let corpus_bytes = docs.iter().map(|d| d.text.len()).sum();

    let t = Instant::now();
    let documents = extractor.extract_all(docs, args.threads);
    let extract = t.elapsed();
    let t = Instant::now();
    let patterns = extractor.matcher().pattern_count();
    let graph = KnowledgeGraph::from_documents(extractor, documents);
    let assemble = t.elapsed();
    Ok((
        Arc::new(graph),
        Phases {
            compile,
            read,
            extract,
            assemble,
            corpus_bytes,
            patterns,
        },
    ))
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
}

fn print_stats(graph: &KnowledgeGraph, p: &Phases, threads: usize, mentions: usize) -> Result<()> {
    // The ceiling: the same spellings in a bare automaton over the same bytes, one thread,
    // counting matches only. Its compilation is not part of the figure.
    let scan = RawScan::new(graph.dictionary())?;
    let t = Instant::now();
    let raw_matches: usize = graph.documents().iter().map(|d| scan.count(&d.text)).sum();
    let raw = t.elapsed();
    let peak = peak_rss_bytes();
    let mb = p.corpus_bytes as f64 / 1e6;
    println!("\nstats");
    println!(
        "  corpus              {mb:.1} MB in {} documents",
        graph.documents().len()
    );
    println!(
        "  dictionaries        {} entities, {} spellings, compiled in {:.0} ms",
        graph.dictionary().len(),
        p.patterns,
        p.compile.as_secs_f64() * 1000.0
    );
    let chars: usize = graph
        .documents()
        .iter()
        .map(|d| d.text.chars().count())
        .sum();
    println!(
        "  mentions            {mentions}, one per {:.0} characters",
        chars as f64 / mentions.max(1) as f64
    );
    let candidates: usize = graph.documents().iter().map(|d| d.candidates.len()).sum();
    if graph.extractor().discovers() {
        println!("  discovery           on, {candidates} candidates");
    } else {
        println!("  discovery           off (--no-discovery)");
    }
    println!(
        "  read                {:.0} ms",
        p.read.as_secs_f64() * 1000.0
    );
    println!(
        "  extract             {:.0} ms, {:.1} MB/s on {} thread(s)",
        p.extract.as_secs_f64() * 1000.0,
        mb_per_s(p.corpus_bytes, p.extract),
        threads.max(1)
    );
    println!(
        "  assemble            {:.0} ms (graph, evidence, PageRank)",
        p.assemble.as_secs_f64() * 1000.0
    );
    println!(
        "  raw scan            {:.0} ms, {:.1} MB/s, {raw_matches} matches (the same spellings, bare automaton, same bytes, 1 thread)",
        raw.as_secs_f64() * 1000.0,
        mb_per_s(p.corpus_bytes, raw)
    );
    println!(
        "  extract / raw       {:.0}% (per thread: {:.0}%)",
        100.0 * raw.as_secs_f64() / p.extract.as_secs_f64().max(1e-9),
        100.0 * raw.as_secs_f64() / p.extract.as_secs_f64().max(1e-9) / threads.max(1) as f64
    );
    match peak {
        Some(peak) => println!(
            "  peak RSS            {:.0} MB, {:.2} bytes of RAM per byte of corpus",
            peak as f64 / 1e6,
            peak as f64 / p.corpus_bytes.max(1) as f64
        ),
        None => println!("  peak RSS            unknown (no /proc/self/status)"),
    }
    println!("  fingerprint         {:016x}", fingerprint(graph));
    Ok(())
}

/// The peak resident set size of this process (`VmHWM`), on Linux.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// FNV-1a over every document's mentions and every edge with its evidence, in graph order: two
/// builds with equal fingerprints built the same graph (how `--threads N` is checked against 1).
fn fingerprint(graph: &KnowledgeGraph) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for d in graph.documents() {
        eat(d.id.as_bytes());
        for m in &d.mentions {
            eat(&m.entity.0.to_le_bytes());
            eat(&(m.start as u64).to_le_bytes());
            eat(&(m.end as u64).to_le_bytes());
            eat(&m.sentence.to_le_bytes());
        }
    }
    for e in graph.edges() {
        eat(&e.source.0.to_le_bytes());
        eat(&e.target.0.to_le_bytes());
        eat(e.data.kind.as_str().as_bytes());
        eat(e.data.origin.as_str().as_bytes());
        eat(e.data.label.as_deref().unwrap_or("").as_bytes());
        for ev in &e.data.evidence {
            eat(&ev.document.0.to_le_bytes());
            eat(&ev.sentence.to_le_bytes());
        }
    }
    h
}
