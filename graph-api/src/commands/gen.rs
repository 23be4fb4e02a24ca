//! `kgraph gen`: a synthetic, reproducible workload (dictionaries and a corpus) for benchmarks.

use std::time::Instant;

use crate::workload;
use anyhow::{Context as _, Result, bail};

use crate::cli::GenArgs;

/// Writes `DIR/dictionaries/` and `DIR/corpus/`; the same arguments always write the same bytes.
pub fn run(args: GenArgs) -> Result<()> {
    if !(args.size_mb.is_finite() && args.size_mb >= 0.0) {
        bail!(
            "--size-mb must be a number of megabytes, not {}",
            args.size_mb
        );
    }
    let started = Instant::now();
    let bytes = (args.size_mb * 1_000_000.0) as usize;
    let w =
        workload::generate(args.entities, bytes, args.seed).context("generating the workload")?;
    w.write(&args.out)
        .with_context(|| format!("writing the workload to {}", args.out.display()))?;
    let dictionary = w
        .dictionary()
        .context("checking the generated dictionaries")?;
    println!(
        "kgraph gen: {} entities in {}, {} documents ({:.1} MB) in {} ({:.1} s)",
        dictionary.len(),
        args.out.join("dictionaries").display(),
        w.documents.len(),
        w.corpus_bytes() as f64 / 1e6,
        args.out.join("corpus").display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
