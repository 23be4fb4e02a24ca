//! One module per subcommand, each a `run(args) -> anyhow::Result<()>`; shared loading lives here.

pub mod build;
pub mod candidates;
pub mod check;
pub mod documents;
pub mod export;
pub mod extract;
pub mod r#gen;
pub mod ingest;
pub mod review;
pub mod schema;
pub mod serve;
pub mod timeline;

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use graph_core::{Dictionary, Extractor, KnowledgeGraph};

use crate::cli::{Cli, Command, Inputs};

/// Runs the command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        None => serve::run(cli.serve),
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Build(args)) => build::run(args),
        Some(Command::Extract(args)) => extract::run(args),
        Some(Command::Candidates(args)) => candidates::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Timeline(args)) => timeline::run(args),
        Some(Command::Schema(args)) => schema::run(args),
        Some(Command::Ingest(args)) => ingest::run(args),
        Some(Command::Documents(command)) => documents::run(command),
        Some(Command::Gen(args)) => r#gen::run(args),
        Some(Command::Review(command)) => review::run(command),
    }
}

/// Fails with a message naming `dir` and the flag that sets it when `dir` is not a directory.
///
/// The defaults (`dictionaries/`, `seeds/`) are relative to the working directory only: a binary
/// that looked in the directory it was built in would read another checkout's files on another
/// machine, or nothing, without saying so.
pub fn require_dir(dir: &Path, what: &str, flag: &str) -> Result<()> {
    if !dir.is_dir() {
        bail!(
            "the {what} directory {} does not exist (run kgraph where it is, or give {flag} DIR)",
            dir.display()
        );
    }
    Ok(())
}

/// Loads and compiles the dictionaries, with discovery on.
pub fn load_extractor(dir: &Path) -> Result<Arc<Extractor>> {
    load_extractor_with(dir, true)
}

/// Loads and compiles the dictionaries, with discovery on or off.
pub fn load_extractor_with(dir: &Path, discovery: bool) -> Result<Arc<Extractor>> {
    compile(dir, discovery, || Ok(Dictionary::load_dir(dir)?))
}

/// Loads the dictionaries, applies the review decisions, and compiles them, discovery on.
pub fn load_reviewed_extractor(
    dir: &Path,
    reviews: &[crate::review::Reviewed],
) -> Result<Arc<Extractor>> {
    let mut rejected = Default::default();
    let extractor = compile(dir, true, || {
        let (dictionary, r) = crate::review::reviewed_dictionary(dir, reviews)?;
        rejected = r;
        Ok(dictionary)
    })?;
    Ok(Arc::new(
        Arc::unwrap_or_clone(extractor).with_rejected(rejected),
    ))
}

fn compile(
    dir: &Path,
    discovery: bool,
    load: impl FnOnce() -> Result<Dictionary>,
) -> Result<Arc<Extractor>> {
    require_dir(dir, "dictionary", "--dictionaries")?;
    if discovery {
        // What discovery reads on first use (the segmenter's model and dictionary, about 60 ms)
        // is read on another core while the dictionaries load and compile; extraction waits for
        // it only if it gets there first.
        std::thread::spawn(graph_core::discover::warm_up);
    }
    let started = Instant::now();
    let dictionary = load()?;
    let extractor = Extractor::with_discovery(dictionary, discovery);
    tracing::info!(
        entities = extractor.dictionary().len(),
        spellings = extractor.matcher().pattern_count(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "compiled the dictionaries in {}",
        dir.display()
    );
    Ok(Arc::new(extractor))
}

/// Reads the corpus directory, reporting (and skipping) the files that cannot be read.
pub fn read_corpus_dir(
    corpus: &Path,
) -> Result<(
    Vec<graph_core::DocumentInput>,
    Vec<graph_core::DocumentError>,
)> {
    require_dir(corpus, "corpus", "--corpus")?;
    let (docs, errors) = crate::corpus::read(corpus)
        .with_context(|| format!("reading the corpus in {}", corpus.display()))?;
    for e in &errors {
        eprintln!("kgraph: skipped {e}");
    }
    Ok((docs, errors))
}

/// Builds the graph from the inputs. Documents that cannot be read are reported and skipped.
pub fn load_graph(inputs: &Inputs) -> Result<Arc<KnowledgeGraph>> {
    let extractor = load_extractor(&inputs.dictionaries)?;
    let corpus = &inputs.corpus;
    let started = Instant::now();
    let (docs, errors) = read_corpus_dir(corpus)?;
    let count = docs.len();
    let graph = KnowledgeGraph::build(extractor, docs);
    tracing::info!(
        documents = count,
        skipped = errors.len(),
        edges = graph.stats().edges,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "built the graph from {}",
        corpus.display()
    );
    Ok(Arc::new(graph))
}
