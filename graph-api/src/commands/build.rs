//! `kgraph build`: build the graph and print what it holds.

use std::time::Instant;

use anyhow::Result;

use crate::cli::BuildArgs;

/// Builds the graph and prints counts per entity kind and relation kind, and the time taken.
pub fn run(args: BuildArgs) -> Result<()> {
    let started = Instant::now();
    let graph = super::load_graph(&args.inputs)?;
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
    Ok(())
}
