//! The command line, declared with clap's derive API: one variant per subcommand.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use graph_core::{Date, Language};

use crate::filter::{GroupBy, Kind, Relation, Status};

/// kgraph turns news about Beijing E-Town (北京经开区) into a knowledge graph you can query.
///
/// With no subcommand, kgraph serves the GraphQL API and playground (`kgraph serve`).
#[derive(Debug, Parser)]
#[command(name = "kgraph", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options for `serve`, the default.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the GraphQL API and the playground.
    Serve(ServeArgs),
    /// Validate the dictionaries and print every problem with its file and line.
    Check(CheckArgs),
    /// Build the graph and print counts per entity and relation kind, and the time taken.
    Build(BuildArgs),
    /// Print the mentions and relations found in documents.
    Extract(ExtractArgs),
    /// List the names the corpus gives that the dictionaries do not know, grouped and ranked,
    /// with their best evidence; `--format toml` prints them as dictionary entries.
    Candidates(CandidatesArgs),
    /// Write the graph, or a filtered part of it: DOT, GraphML, JSON or Neo4j CSV.
    Export(ExportArgs),
    /// Chart an entity's mentions month by month, with whom it was named most each month.
    Timeline(TimelineArgs),
    /// Print the GraphQL schema in SDL (what schema.graphql holds).
    Schema(SchemaArgs),
    /// Store articles (files or directories) in the data directory; a running server picks them up
    /// at its next start or dictionary reload.
    Ingest(IngestArgs),
    /// List or remove the documents stored in the data directory.
    #[command(subcommand)]
    Documents(DocumentsCommand),
    /// Generate a synthetic, reproducible workload: dictionaries and a corpus, for benchmarks.
    Gen(GenArgs),
    /// Review candidates: accept one as a new entity, add an alias, reject, undo, list the
    /// decisions, or export them into dictionary files. Decisions are kept in the data
    /// directory; a running server applies them at its next start or reload.
    #[command(subcommand)]
    Review(ReviewCommand),
}

/// `kgraph review` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum ReviewCommand {
    /// List the decisions, newest first.
    List(ReviewListArgs),
    /// Accept a candidate (by its key or name, as `kgraph candidates` prints it) as a new
    /// entity; the fields left out are proposed from the documents.
    Accept(ReviewAcceptArgs),
    /// Add a spelling to a known entity.
    Alias(ReviewAliasArgs),
    /// Reject a candidate: it is no longer proposed.
    Reject(ReviewRejectArgs),
    /// Undo a decision by its number.
    Undo(ReviewUndoArgs),
    /// Write the dictionaries as the decisions leave them (every file, comments and order
    /// kept) into a directory: `-o dictionaries/` merges them in place.
    Export(ReviewExportArgs),
}

/// The dictionaries and the data directory a review decision applies to.
#[derive(Debug, Clone, Args)]
pub struct ReviewStoreArgs {
    /// The dictionary directory the decisions apply to.
    #[arg(
        long,
        value_name = "DIR",
        env = "KGRAPH_DICTIONARIES",
        default_value = "dictionaries"
    )]
    pub dictionaries: PathBuf,
    /// The data directory.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Options of `review list`.
#[derive(Debug, Clone, Args)]
pub struct ReviewListArgs {
    /// The data directory.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Options of `review accept`.
#[derive(Debug, Clone, Args)]
pub struct ReviewAcceptArgs {
    /// The candidate's key or name.
    #[arg(value_name = "CANDIDATE")]
    pub candidate: String,
    /// Dictionaries and corpus (the candidate is looked for in the corpus and the store).
    #[command(flatten)]
    pub inputs: Inputs,
    /// The data directory.
    #[command(flatten)]
    pub data: DataArgs,
    /// The new entity's id (a slug).
    #[arg(long)]
    pub id: Option<String>,
    /// Its kind: company, person, organization, park, policy, cluster, place, event.
    #[arg(long, value_enum)]
    pub kind: Option<crate::filter::Kind>,
    /// Its display name.
    #[arg(long)]
    pub name: Option<String>,
    /// Its Chinese name.
    #[arg(long)]
    pub name_zh: Option<String>,
    /// A spelling (repeat for more); replaces the proposed ones.
    #[arg(long = "alias", value_name = "SPELLING")]
    pub aliases: Vec<String>,
    /// A cluster id (repeat for more).
    #[arg(long = "cluster", value_name = "ID")]
    pub clusters: Vec<String>,
    /// A park id (repeat for more).
    #[arg(long = "park", value_name = "ID")]
    pub parks: Vec<String>,
    /// A line for readers.
    #[arg(long)]
    pub description: Option<String>,
    /// The page that confirms it.
    #[arg(long)]
    pub source: Option<String>,
}

/// Options of `review alias`.
#[derive(Debug, Clone, Args)]
pub struct ReviewAliasArgs {
    /// The entity's id.
    #[arg(value_name = "ENTITY")]
    pub entity: String,
    /// The new spelling.
    #[arg(value_name = "SPELLING")]
    pub alias: String,
    /// The dictionaries and the store the decision applies to.
    #[command(flatten)]
    pub review: ReviewStoreArgs,
}

/// Options of `review reject`.
#[derive(Debug, Clone, Args)]
pub struct ReviewRejectArgs {
    /// The candidate's key or name.
    #[arg(value_name = "CANDIDATE")]
    pub candidate: String,
    /// The dictionaries and the store the decision applies to.
    #[command(flatten)]
    pub review: ReviewStoreArgs,
}

/// Options of `review undo`.
#[derive(Debug, Clone, Args)]
pub struct ReviewUndoArgs {
    /// The decision's number (`kgraph review list`).
    #[arg(value_name = "N")]
    pub seq: i64,
    /// The dictionaries and the store the decision applies to.
    #[command(flatten)]
    pub review: ReviewStoreArgs,
}

/// Options of `review export`.
#[derive(Debug, Clone, Args)]
pub struct ReviewExportArgs {
    /// The directory to write the dictionary files into (created if missing).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// The dictionaries and the store the decision applies to.
    #[command(flatten)]
    pub review: ReviewStoreArgs,
}

/// Where the dictionaries and the corpus are. Relative paths are read from the working directory,
/// never from anywhere else: run kgraph in the checkout, or name the directories.
#[derive(Debug, Clone, Args)]
pub struct Inputs {
    /// The dictionary directory (companies.toml, people.toml, ...).
    #[arg(
        long,
        value_name = "DIR",
        env = "KGRAPH_DICTIONARIES",
        default_value = "dictionaries"
    )]
    pub dictionaries: PathBuf,

    /// The directory of articles the graph is built from.
    #[arg(
        long,
        value_name = "DIR",
        env = "KGRAPH_CORPUS",
        default_value = "seeds"
    )]
    pub corpus: PathBuf,
}

/// Options of `timeline`.
#[derive(Debug, Clone, Args)]
pub struct TimelineArgs {
    /// The entity: its id (`kong-lei`) or any of its names (`孔磊`, `Beijing E-Town`).
    #[arg(value_name = "ENTITY")]
    pub entity: String,

    /// Only the documents dated from this day on (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// Only the documents dated up to this day (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, included).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// How many co-mentions to name per month.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub top: usize,

    /// A text chart, or JSON (`[{"month", "mentions", "documents", "co_mentions": [...]}]`).
    #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
    pub format: TimelineFormat,

    /// Dictionaries and corpus.
    #[command(flatten)]
    pub inputs: Inputs,
}

/// How `timeline` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// A bar per month.
    Text,
    /// One JSON array.
    Json,
}

/// Options of `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(
        long,
        value_name = "ADDR",
        env = "KGRAPH_ADDR",
        default_value = "127.0.0.1:8080"
    )]
    pub addr: SocketAddr,

    /// Dictionaries and corpus.
    #[command(flatten)]
    pub inputs: Inputs,

    /// Where ingested documents are stored.
    #[command(flatten)]
    pub data: DataArgs,

    /// The bearer token mutations need (`Authorization: Bearer <token>`). Without one, mutations
    /// are open on a loopback address and refused on any other.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "KGRAPH_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,

    /// A browser origin allowed to call the API (repeatable, or comma-separated in
    /// KGRAPH_CORS_ORIGINS); none by default.
    #[arg(
        long = "cors-origin",
        value_name = "ORIGIN",
        env = "KGRAPH_CORS_ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,

    /// The longest a GraphQL request may run, in seconds (a fraction such as 0.5 is allowed).
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = positive_seconds)]
    pub request_timeout: std::time::Duration,

    /// Memory for answers to read-only queries kept for the next time they are asked, in MiB;
    /// 0 turns the cache off. A change to the graph makes old answers unreachable.
    #[arg(
        long,
        value_name = "MIB",
        env = "KGRAPH_RESPONSE_CACHE_MB",
        default_value_t = 64
    )]
    pub response_cache_mb: u64,

    /// The largest document `ingestDocument` accepts, in bytes.
    #[arg(long, value_name = "BYTES", env = "KGRAPH_MAX_DOCUMENT_BYTES", default_value_t = graph_core::DEFAULT_MAX_DOCUMENT_BYTES)]
    pub max_document_bytes: usize,

    /// The largest answer to a GraphQL request, in MiB; a larger one is refused with
    /// ANSWER_TOO_LARGE.
    #[arg(long, value_name = "MIB", default_value_t = 16)]
    pub max_answer_mb: usize,

    /// How long a client may take to send a request's headers, in seconds; an idle connection
    /// is closed after as long.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub header_timeout: u64,

    /// How long a read may wait for a byte from the client (a request body, a WebSocket), in
    /// seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub idle_timeout: u64,

    /// How long a write may wait for the client to read, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub write_timeout: u64,

    /// The most connections open at once (kept within the process's open-file limit); more
    /// wait until one closes.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_connections: usize,

    /// The largest WebSocket message, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub ws_max_message_bytes: usize,

    /// How soon a WebSocket client must send `connection_init`, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub ws_init_timeout: u64,

    /// The most operations (subscriptions, queries) one WebSocket may run at once.
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub ws_max_operations: usize,
}

/// Options of `check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The dictionary directory.
    #[arg(
        long,
        value_name = "DIR",
        env = "KGRAPH_DICTIONARIES",
        default_value = "dictionaries"
    )]
    pub dictionaries: PathBuf,
}

/// Options of `build`.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// Dictionaries and corpus.
    #[command(flatten)]
    pub inputs: Inputs,

    /// Extract documents on this many threads (the graph is the same for any number).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub threads: usize,

    /// Also report the time of each phase, throughput against the raw automaton scan of the same
    /// bytes, peak memory, and a fingerprint of the graph (equal fingerprints, equal graphs).
    #[arg(long)]
    pub stats: bool,

    /// Do not look for names the dictionaries do not know (candidates): extraction as fast as
    /// it can be.
    #[arg(long)]
    pub no_discovery: bool,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object: `{"documents":[...]}`.
    Json,
    /// A table for people.
    Table,
}

/// Options of `extract`.
#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// The documents (UTF-8 text files).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,

    /// The dictionary directory.
    #[arg(
        long,
        value_name = "DIR",
        env = "KGRAPH_DICTIONARIES",
        default_value = "dictionaries"
    )]
    pub dictionaries: PathBuf,
}

/// Output formats of `candidates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CandidatesFormat {
    /// A table for people, best first.
    Table,
    /// One JSON object: `{"candidates":[...]}`.
    Json,
    /// `[[entity]]` tables to paste into the dictionaries, by file.
    Toml,
}

/// Options of `candidates`.
#[derive(Debug, Clone, Args)]
pub struct CandidatesArgs {
    /// Dictionaries and corpus.
    #[command(flatten)]
    pub inputs: Inputs,

    /// Only candidates of this kind: company, person, organization, park, policy, cluster,
    /// place, event.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// Only candidates named in at least this many documents.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_documents: usize,

    /// At most this many candidates (all by default).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = CandidatesFormat::Table)]
    pub format: CandidatesFormat,

    /// Also the documents stored in this data directory, with its review decisions applied
    /// (accepted names are mentions, rejected ones are left out).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Report instead the spellings the dictionaries share and the alias collisions (read from
    /// the files as they are, even when they do not validate).
    #[arg(long)]
    pub collisions: bool,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// GraphML, for Gephi, yEd, Cytoscape desktop and networkx.
    Graphml,
    /// Cytoscape.js elements JSON, for web frontends.
    Json,
    /// Neo4j bulk-import CSV: nodes.csv and relationships.csv in the directory given by -o.
    Csv,
}

impl From<ExportFormat> for graph_core::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Dot => graph_core::Format::Dot,
            ExportFormat::Graphml => graph_core::Format::Graphml,
            ExportFormat::Json => graph_core::Format::Json,
            ExportFormat::Csv => graph_core::Format::Csv,
        }
    }
}

/// Options of `export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Dot)]
    pub format: ExportFormat,

    /// Write here instead of standard output (for csv: the directory to write the two files in).
    #[arg(short, long, value_name = "PATH", required_if_eq("format", "csv"))]
    pub output: Option<PathBuf>,

    /// Only the network around this entity (its id).
    #[arg(long, value_name = "ID")]
    pub entity: Option<String>,

    /// With --entity: how many hops out.
    #[arg(long, default_value_t = 1, requires = "entity")]
    pub depth: usize,

    /// Only entities of this kind (repeatable, or comma-separated).
    #[arg(
        long = "kind",
        value_name = "KIND",
        value_enum,
        ignore_case = true,
        value_delimiter = ','
    )]
    pub kinds: Vec<Kind>,

    /// Only relations of this kind (repeatable, or comma-separated).
    #[arg(
        long = "relation",
        value_name = "RELATION",
        value_enum,
        ignore_case = true,
        value_delimiter = ','
    )]
    pub relations: Vec<Relation>,

    /// Only entities of this status (repeatable, or comma-separated): `curated` (the default),
    /// `candidate` (the provisional entities discovery proposes), or both.
    #[arg(
        long = "status",
        value_name = "STATUS",
        value_enum,
        ignore_case = true,
        value_delimiter = ','
    )]
    pub status: Vec<Status>,

    /// Only a cluster (its id), its sub-clusters and their members.
    #[arg(long, value_name = "ID")]
    pub cluster: Option<String>,

    /// Only relations at least this heavy.
    #[arg(long, default_value_t = 1)]
    pub min_weight: u32,

    /// Only the N most central entities.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// With --entity: also draw the co-mentions among its neighbours (left out by default).
    #[arg(long, requires = "entity")]
    pub neighbor_co_mentions: bool,

    /// Weigh relations by the documents dated from this day on (YYYY, YYYY-MM or YYYY-MM-DD);
    /// a relation read from text that the span does not state is left out.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// ... and up to this day, both included (--to alone: as the news stood that day).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// Draw boxes around clusters or kinds (DOT only).
    #[arg(long, value_enum)]
    pub group_by: Option<GroupBy>,

    /// Dictionaries and corpus.
    #[command(flatten)]
    pub inputs: Inputs,
}

/// Options of `schema`.
#[derive(Debug, Clone, Args)]
pub struct SchemaArgs {
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Where kgraph keeps ingested documents.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// The data directory (holds kgraph.sqlite3).
    #[arg(
        long = "data",
        value_name = "DIR",
        env = "KGRAPH_DATA",
        default_value = "data"
    )]
    pub dir: PathBuf,
}

/// Options of `ingest`.
#[derive(Debug, Clone, Args)]
pub struct IngestArgs {
    /// Files or directories of UTF-8 articles.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The data directory.
    #[command(flatten)]
    pub data: DataArgs,

    /// Send the articles to a running server (`http://HOST:PORT`) with `ingestDocuments`, in
    /// batches, instead of into a data directory: they are in its graph when this returns.
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,

    /// The bearer token the server's mutations need (with --server).
    #[arg(
        long,
        value_name = "TOKEN",
        env = "KGRAPH_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,

    /// The largest article accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = graph_core::DEFAULT_MAX_DOCUMENT_BYTES)]
    pub max_document_bytes: usize,

    /// The headline of a single file; read from the text when left out.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// The publication date of a single file, YYYY-MM-DD; read from the text when left out.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,

    /// The language of a single file: en, zh or mixed; detected when left out.
    #[arg(long, value_name = "LANGUAGE", value_parser = parse_language)]
    pub language: Option<Language>,

    /// Where a single file comes from (a URL, say); by default its path, relative to the working
    /// directory (or its name alone when it lies outside).
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s.trim()).ok_or_else(|| format!("{s:?} is not a calendar date YYYY-MM-DD"))
}

fn parse_language(s: &str) -> Result<Language, String> {
    Language::parse(s.trim()).ok_or_else(|| format!("{s:?} is not a language: en, zh or mixed"))
}

/// The subcommands of `documents`.
#[derive(Debug, Subcommand)]
pub enum DocumentsCommand {
    /// List the stored documents: id, date, language, title and source, in id order.
    List(DocumentsListArgs),
    /// Remove stored documents by id (a running server drops them at its next start, reload or
    /// SIGHUP).
    Remove(DocumentsRemoveArgs),
}

/// Options of `documents list`.
#[derive(Debug, Clone, Args)]
pub struct DocumentsListArgs {
    /// The data directory.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Options of `documents remove`.
#[derive(Debug, Clone, Args)]
pub struct DocumentsRemoveArgs {
    /// The ids of the documents (`doc-…`, as `documents list` prints them).
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// The data directory.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Options of `gen`.
#[derive(Debug, Clone, Args)]
pub struct GenArgs {
    /// How many entities the dictionaries hold.
    #[arg(long, default_value_t = 10_000)]
    pub entities: usize,

    /// The corpus size, in megabytes.
    #[arg(long, default_value_t = 10.0)]
    pub size_mb: f64,

    /// The random seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,

    /// Where to write `dictionaries/` and `corpus/`.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// A positive number of seconds, whole or not ("30", "0.5").
fn positive_seconds(s: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("expected a number of seconds, got {s:?}"))?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(format!(
            "the timeout must be more than 0 seconds, got {s:?}"
        ));
    }
    std::time::Duration::try_from_secs_f64(seconds)
        .map_err(|_| format!("{s:?} seconds is too long a timeout"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_take_fractions_of_a_second_and_refuse_nonsense() {
        assert_eq!(
            positive_seconds("0.5"),
            Ok(std::time::Duration::from_millis(500))
        );
        assert_eq!(
            positive_seconds("30"),
            Ok(std::time::Duration::from_secs(30))
        );
        for bad in ["0", "-1", "abc", "NaN", "1e300"] {
            assert!(positive_seconds(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
