//! One module per subcommand, each a `run(args) -> anyhow::Result<()>`; shared loading lives here.

pub mod build;
pub mod candidates;
pub mod check;
pub mod export;
pub mod extract;
pub mod r#gen;
pub mod ingest;
pub mod schema;
pub mod serve;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use graph_core::{DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, Extractor, KnowledgeGraph, read_corpus};

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
        Some(Command::Schema(args)) => schema::run(args),
        Some(Command::Ingest(args)) => ingest::run(args),
        Some(Command::Gen(args)) => r#gen::run(args),
    }
}

/// A default input directory: `name` in the working directory, or else the one shipped beside
/// this crate's source (so `cargo run` works from any directory of the checkout).
fn default_dir(name: &str) -> PathBuf {
    let here = PathBuf::from(name);
    if here.is_dir() {
        return here;
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name);
    if shipped.is_dir() { shipped } else { here }
}

/// The dictionary directory: given, or the default `dictionaries/`.
pub fn dictionaries_dir(given: Option<&Path>) -> PathBuf {
    given.map_or_else(|| default_dir("dictionaries"), Path::to_path_buf)
}

/// The corpus directory: given, or the default `seeds/`.
pub fn corpus_dir(given: Option<&Path>) -> PathBuf {
    given.map_or_else(|| default_dir("seeds"), Path::to_path_buf)
}

/// Loads and compiles the dictionaries, with discovery on.
pub fn load_extractor(dir: &Path) -> Result<Arc<Extractor>> {
    load_extractor_with(dir, true)
}

/// Loads and compiles the dictionaries, with discovery on or off.
pub fn load_extractor_with(dir: &Path, discovery: bool) -> Result<Arc<Extractor>> {
    if !dir.is_dir() {
        bail!(
            "the dictionary directory {} does not exist (use --dictionaries DIR)",
            dir.display()
        );
    }
    let started = Instant::now();
    let dictionary = Dictionary::load_dir(dir)?;
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

/// Builds the graph from the inputs. Documents that cannot be read are reported and skipped.
pub fn load_graph(inputs: &Inputs) -> Result<Arc<KnowledgeGraph>> {
    let extractor = load_extractor(&dictionaries_dir(inputs.dictionaries.as_deref()))?;
    let corpus = corpus_dir(inputs.corpus.as_deref());
    if !corpus.is_dir() {
        bail!(
            "the corpus directory {} does not exist (use --corpus DIR)",
            corpus.display()
        );
    }
    let started = Instant::now();
    let (docs, errors) = read_corpus(&corpus, DEFAULT_MAX_DOCUMENT_BYTES)
        .with_context(|| format!("reading the corpus in {}", corpus.display()))?;
    for e in &errors {
        eprintln!("kgraph: skipped {e}");
    }
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
