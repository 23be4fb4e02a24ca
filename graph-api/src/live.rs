//! The live graph: an immutable snapshot that readers share, and writers that publish new ones.
//!
//! Readers call [`Live::snapshot`] and keep the `Arc` they get for as long as they need it; they
//! never wait for a writer. Writers (ingest, remove, reload) are serialized by one async mutex:
//! each extracts, stores, builds the next graph off the async workers, and only then swaps it in
//! with `arc-swap` and tells subscribers. So a reader sees the graph before a change or after it,
//! never half of it, and waits for nothing longer than an atomic pointer swap.
//!
//! **Invariant:** a document is in the store before any snapshot contains it, and an ingest is
//! acknowledged only after both: what a client was told is stored survives a crash.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;
use graph_core::{
    DEFAULT_MAX_DOCUMENT_BYTES, Date, Dictionary, Document, DocumentErrorKind, DocumentInput,
    Extractor, KnowledgeGraph, Language,
};
use tokio::sync::broadcast;

use crate::review::{self, Decision, Reviewed};
use crate::store::{
    NewDocument, Readers, SearchHit, Store, StoreError, StoredDocument, content_hash,
};

/// Where the live graph comes from and its limits.
#[derive(Debug, Clone)]
pub struct LiveConfig {
    /// The dictionary directory, re-read by a reload.
    pub dictionaries: Option<PathBuf>,
    /// The corpus directory, re-read by a reload.
    pub corpus: Option<PathBuf>,
    /// The largest document accepted, in bytes.
    pub max_document_bytes: usize,
}

impl Default for LiveConfig {
    fn default() -> Self {
        LiveConfig {
            dictionaries: None,
            corpus: None,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
}

/// What a change to the graph was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeReason {
    /// A document was ingested.
    Ingest,
    /// A document was removed.
    Remove,
    /// The dictionaries were reloaded.
    Reload,
    /// A review decision was made or undone.
    Review,
}

/// A new snapshot was published.
#[derive(Debug, Clone)]
pub struct GraphChange {
    /// Counts up from 0 at start, one per snapshot.
    pub version: u64,
    /// Why.
    pub reason: ChangeReason,
    /// The document ingested or removed.
    pub document: Option<String>,
    /// Documents in the new snapshot.
    pub documents: usize,
    /// Entities in the new snapshot.
    pub entities: usize,
    /// Relations in the new snapshot.
    pub relations: usize,
}

/// A document as a client sends it: its dates and languages already parsed (by the GraphQL
/// resolver or by clap), the rest still to check.
#[derive(Debug, Clone, Default)]
pub struct IngestInput {
    /// Title; read from the text when absent.
    pub title: Option<String>,
    /// The article.
    pub text: String,
    /// A URL or path.
    pub source: Option<String>,
    /// The publication date; read from the text when absent.
    pub date: Option<Date>,
    /// The language; detected when absent.
    pub language: Option<Language>,
}

/// Why a change was refused or failed.
#[derive(Debug)]
pub enum LiveError {
    /// The input cannot be stored as it is; the message says why.
    Invalid(String),
    /// No such document.
    NotFound(String),
    /// The dictionaries do not validate; the old graph keeps serving.
    Dictionaries(Vec<String>),
    /// The store failed; details are logged, not sent to clients.
    Store(StoreError),
    /// Anything else that failed on our side.
    Internal(String),
}

impl std::fmt::Display for LiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LiveError::Invalid(m) | LiveError::NotFound(m) | LiveError::Internal(m) => {
                f.write_str(m)
            }
            LiveError::Dictionaries(errors) => {
                write!(f, "the dictionaries do not validate: {}", errors.join("; "))
            }
            LiveError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LiveError {}

/// What became of one input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchOutcome {
    /// Stored and extracted: the position of its id in the batch's new documents.
    New(usize),
    /// The same text as an earlier input of the batch (its position among the new documents).
    Repeat(usize),
    /// Already there, under this id; nothing changed.
    Duplicate(String),
    /// Refused, and why; the other inputs went on.
    Invalid(String),
}

/// What `ingest_all` did: an outcome per input, in order, and the snapshot that holds them.
#[derive(Debug, Clone)]
pub struct IngestedAll {
    /// Per input: its document's id and whether it was there already, or why it was refused.
    pub items: Vec<Result<(String, bool), String>>,
    /// The snapshot published (the current one when nothing was new).
    pub graph: Arc<KnowledgeGraph>,
}

impl IngestedAll {
    fn new(outcomes: Vec<BatchOutcome>, ids: &[String], graph: Arc<KnowledgeGraph>) -> Self {
        let id = |at: usize| ids.get(at).cloned().unwrap_or_default();
        let items = outcomes
            .into_iter()
            .map(|o| match o {
                BatchOutcome::New(at) => Ok((id(at), false)),
                BatchOutcome::Repeat(at) => Ok((id(at), true)),
                BatchOutcome::Duplicate(existing) => Ok((existing, true)),
                BatchOutcome::Invalid(message) => Err(message),
            })
            .collect();
        IngestedAll { items, graph }
    }
}

/// What an ingest did.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The document's id.
    pub id: String,
    /// The text was already there; nothing changed.
    pub duplicate: bool,
    /// The snapshot that holds the document.
    pub graph: Arc<KnowledgeGraph>,
}

/// What a review decision (or its undoing) did.
#[derive(Debug, Clone)]
pub struct ReviewOutcome {
    /// The decision as stored.
    pub review: Reviewed,
    /// The snapshot that applies it.
    pub graph: Arc<KnowledgeGraph>,
}

/// A dictionary problem as a client may see it: files named relative to the dictionary
/// directory (where that directory is on this machine is the operator's business).
fn dictionary_error(e: graph_core::Error, dir: &Path) -> LiveError {
    match e {
        graph_core::Error::Dictionary(errors) => {
            let messages: Vec<String> = errors
                .errors()
                .iter()
                .map(|e| {
                    let mut e = e.clone();
                    e.file = relative_to(&e.file, dir);
                    e.to_string()
                })
                .collect();
            tracing::warn!(
                problems = messages.len(),
                "refused: the dictionaries do not validate"
            );
            LiveError::Dictionaries(messages)
        }
        e => {
            tracing::error!("refused: {e}");
            LiveError::Dictionaries(vec![
                "the dictionary directory cannot be read (see the server log)".into(),
            ])
        }
    }
}

fn decide_error(e: review::DecideError, dir: &Path) -> LiveError {
    match e {
        review::DecideError::Refused(r) => LiveError::Invalid(r.to_string()),
        review::DecideError::Dictionary(e) => dictionary_error(e, dir),
        review::DecideError::Store(e) => LiveError::Store(e),
    }
}

/// The serving graph and its writers.
#[derive(Debug)]
pub struct Live {
    current: ArcSwap<KnowledgeGraph>,
    /// Held by one writer at a time, across its awaits: hence tokio's mutex.
    writer: tokio::sync::Mutex<Writer>,
    /// Held only for one SQLite call, never across an await: hence std's mutex.
    store: Arc<Mutex<Store>>,
    /// Read-only connections for searches, which never wait for the writer's lock (none for a
    /// store in memory, whose searches take the writer's connection).
    readers: Option<Arc<Readers>>,
    events: broadcast::Sender<GraphChange>,
    version: AtomicU64,
    /// Documents extracted since the start, the start's own included: what a dictionary change
    /// or a restart cost ([`Live::extracted`]).
    extracted: AtomicU64,
    config: LiveConfig,
}

#[derive(Debug)]
struct Writer {
    extractor: Arc<Extractor>,
    /// Content hash → document id, for every document of the graph.
    hashes: HashMap<String, String>,
    /// Ids of the documents that come from the corpus directory, not the store.
    corpus_ids: std::collections::HashSet<String>,
}

/// A stored document as extraction takes it.
pub fn stored_input(d: StoredDocument) -> DocumentInput {
    DocumentInput {
        id: d.id,
        source: d.source.unwrap_or_default(),
        title: d.title,
        date: d.date,
        language: d.language,
        text: d.text,
        ..DocumentInput::default()
    }
}

/// Checks a client's document: the text check every document goes through (not empty, not too
/// large, not binary: `graph_core::check_str`). Titles and sources are trimmed; blank ones count as
/// absent.
fn validate(input: IngestInput, max_bytes: usize) -> Result<NewDocument, String> {
    graph_core::check_str(&input.text, max_bytes).map_err(|e| match e {
        DocumentErrorKind::Empty => "`text` must not be empty".to_owned(),
        DocumentErrorKind::TooLarge { size, limit } => {
            format!("`text` is {size} bytes, over the limit of {limit} bytes")
        }
        DocumentErrorKind::Binary => {
            "`text` holds NUL or control characters: it is binary, not text".to_owned()
        }
        other => format!("`text`: {other}"),
    })?;
    let clean = |s: Option<String>| s.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    Ok(NewDocument {
        title: clean(input.title),
        date: input.date,
        language: input.language,
        source: clean(input.source),
        text: input.text,
    })
}

/// What [`admit`] did with a document.
#[derive(Debug, Clone)]
pub struct Admitted {
    /// The stored document (the earlier one, for a duplicate).
    pub document: StoredDocument,
    /// False when the same text was already stored: nothing changed.
    pub new: bool,
}

/// Checks a document and stores it: the one way into the store, for the server's ingests and for
/// `kgraph ingest` alike, so both refuse the same input with the same words and store the same
/// fields. The document is on disk when this returns.
pub fn admit(
    store: &mut Store,
    input: IngestInput,
    max_bytes: usize,
) -> Result<Admitted, LiveError> {
    let doc = validate(input, max_bytes).map_err(LiveError::Invalid)?;
    let (document, new) = store.insert(&doc).map_err(LiveError::Store)?;
    Ok(Admitted { document, new })
}

/// Indexes for search the documents of `graph` that `is_corpus` picks (the corpus directory's).
fn index_corpus(
    store: &mut Store,
    graph: &KnowledgeGraph,
    is_corpus: impl Fn(&str) -> bool,
) -> Result<usize, StoreError> {
    store.index_corpus(
        graph
            .documents()
            .iter()
            .filter(|d| is_corpus(&d.id))
            .map(|d| {
                (
                    d.id.as_str(),
                    d.title.as_deref().unwrap_or(""),
                    d.text.as_str(),
                )
            }),
    )
}

/// `file` relative to `dir`, or its name alone when it lies elsewhere.
fn relative_to(file: &Path, dir: &Path) -> PathBuf {
    match file.strip_prefix(dir) {
        Ok(rest) => rest.to_path_buf(),
        Err(_) => file.file_name().map(PathBuf::from).unwrap_or_default(),
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, LiveError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| LiveError::Internal(format!("a worker thread failed: {e}")))
}

impl Live {
    /// Builds the live graph from a corpus (already read) and the store's documents.
    pub fn open(
        extractor: Arc<Extractor>,
        corpus: Vec<DocumentInput>,
        store: Store,
        config: LiveConfig,
    ) -> Result<Live, StoreError> {
        let mut store = store;
        let stored = store.all()?;
        let mut hashes = HashMap::new();
        let mut corpus_ids = std::collections::HashSet::new();
        for d in &corpus {
            hashes.insert(content_hash(&d.text), d.id.clone());
            corpus_ids.insert(d.id.clone());
        }
        // A stored text that is also a corpus file is one document: the corpus file's.
        let stored: Vec<StoredDocument> = stored
            .into_iter()
            .filter(|d| !hashes.contains_key(&d.content_hash))
            .collect();
        for d in &stored {
            hashes.insert(d.content_hash.clone(), d.id.clone());
        }
        let inputs: Vec<DocumentInput> = corpus
            .into_iter()
            .chain(stored.into_iter().map(stored_input))
            .collect();
        tracing::info!(documents = inputs.len(), store = %store.path().display(), "building the graph");
        let extracted = inputs.len() as u64;
        let graph = KnowledgeGraph::build(extractor.clone(), inputs);
        index_corpus(&mut store, &graph, |id| corpus_ids.contains(id))?;
        let live = Live::assemble(graph, extractor, hashes, corpus_ids, store, config)?;
        live.extracted.store(extracted, Ordering::Relaxed);
        Ok(live)
    }

    /// A live graph over an already built graph, with an in-memory store: for tests and tools
    /// that serve a graph they built themselves. Ingested documents last as long as the process.
    pub fn in_memory(graph: Arc<KnowledgeGraph>) -> Result<Live, StoreError> {
        let mut store = Store::open_in_memory()?;
        let mut hashes = HashMap::new();
        let mut corpus_ids = std::collections::HashSet::new();
        for d in graph.documents() {
            hashes.insert(content_hash(&d.text), d.id.clone());
            corpus_ids.insert(d.id.clone());
        }
        index_corpus(&mut store, &graph, |_| true)?;
        let extractor = graph.extractor().clone();
        let graph = Arc::try_unwrap(graph).unwrap_or_else(|shared| (*shared).clone());
        Live::assemble(
            graph,
            extractor,
            hashes,
            corpus_ids,
            store,
            LiveConfig::default(),
        )
    }

    fn assemble(
        graph: KnowledgeGraph,
        extractor: Arc<Extractor>,
        hashes: HashMap<String, String>,
        corpus_ids: std::collections::HashSet<String>,
        store: Store,
        config: LiveConfig,
    ) -> Result<Live, StoreError> {
        // Two readers: searches are short, and a third would wait less than it would cost.
        let readers = store.readers(2)?.map(Arc::new);
        // Enough room for bursts; a subscriber that falls further behind skips events (it is
        // told by the stream) instead of holding memory or slowing writers.
        let (events, _) = broadcast::channel(256);
        Ok(Live {
            current: ArcSwap::from_pointee(graph),
            writer: tokio::sync::Mutex::new(Writer {
                extractor,
                hashes,
                corpus_ids,
            }),
            store: Arc::new(Mutex::new(store)),
            readers,
            events,
            version: AtomicU64::new(0),
            extracted: AtomicU64::new(0),
            config,
        })
    }

    /// How many documents were extracted since the start (the start's included): a review
    /// decision or a reload extracts only the documents its change can reach.
    pub fn extracted(&self) -> u64 {
        self.extracted.load(Ordering::Relaxed)
    }

    /// The graph now being served.
    pub fn snapshot(&self) -> Arc<KnowledgeGraph> {
        self.current.load_full()
    }

    /// The number of snapshots published since start.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    /// The limits and inputs of this live graph.
    pub fn config(&self) -> &LiveConfig {
        &self.config
    }

    /// Events, one per published snapshot.
    pub fn subscribe(&self) -> broadcast::Receiver<GraphChange> {
        self.events.subscribe()
    }

    fn with_store<T>(store: &Mutex<Store>, f: impl FnOnce(&mut Store) -> T) -> T {
        // A panic while holding the lock leaves SQLite consistent (its own transactions are
        // atomic), so a poisoned lock is still safe to use.
        let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    }

    fn publish(&self, graph: Arc<KnowledgeGraph>, reason: ChangeReason, document: Option<String>) {
        self.current.store(graph.clone());
        let version = self.version.fetch_add(1, Ordering::SeqCst) + 1;
        let stats = graph.stats();
        // No receiver is not an error: nobody is subscribed.
        let _ = self.events.send(GraphChange {
            version,
            reason,
            document,
            documents: stats.documents,
            entities: stats.entities,
            relations: stats.edges,
        });
    }

    /// Stores and extracts a document and publishes the graph that holds it. The same text twice
    /// returns the existing document and changes nothing.
    ///
    /// The work runs as its own task: a caller that goes away (a client that disconnects, a
    /// request that times out) cannot stop it between storing the document and publishing it.
    pub async fn ingest(self: &Arc<Self>, input: IngestInput) -> Result<Ingested, LiveError> {
        let this = self.clone();
        Live::detached(async move { this.ingest_now(input).await }).await
    }

    /// Runs a writer to completion whatever becomes of its caller.
    async fn detached<T: Send + 'static>(
        work: impl std::future::Future<Output = Result<T, LiveError>> + Send + 'static,
    ) -> Result<T, LiveError> {
        // The task logs under its request's span, so its lines carry the request id.
        tokio::spawn(tracing::Instrument::in_current_span(work))
            .await
            .map_err(|e| LiveError::Internal(format!("a writer task failed: {e}")))?
    }

    /// One article is a batch of one: the same checks, store and snapshot.
    async fn ingest_now(&self, input: IngestInput) -> Result<Ingested, LiveError> {
        let mut all = self.ingest_all_now(vec![input]).await?;
        match all.items.pop() {
            Some(Ok((id, duplicate))) => Ok(Ingested {
                id,
                duplicate,
                graph: all.graph,
            }),
            Some(Err(message)) => Err(LiveError::Invalid(message)),
            None => Err(LiveError::Internal(
                "an ingest of one gave no outcome".into(),
            )),
        }
    }

    /// Stores and extracts several documents and publishes one graph that holds them all: one
    /// transaction, one snapshot. Each input gets its own outcome, in order; an invalid one
    /// fails alone.
    pub async fn ingest_all(
        self: &Arc<Self>,
        inputs: Vec<IngestInput>,
    ) -> Result<IngestedAll, LiveError> {
        let this = self.clone();
        Live::detached(async move { this.ingest_all_now(inputs).await }).await
    }

    async fn ingest_all_now(&self, inputs: Vec<IngestInput>) -> Result<IngestedAll, LiveError> {
        let mut writer = self.writer.lock().await;
        let max_bytes = self.config.max_document_bytes;
        let mut outcomes = Vec::with_capacity(inputs.len());
        let mut fresh: Vec<NewDocument> = Vec::new();
        // Where each new text stands in `fresh`, by hash: the same text twice in one batch is
        // one document.
        let mut in_batch: HashMap<String, usize> = HashMap::new();
        for input in inputs {
            let hash = content_hash(&input.text);
            if let Some(id) = writer.hashes.get(&hash) {
                outcomes.push(BatchOutcome::Duplicate(id.clone()));
            } else if let Some(&at) = in_batch.get(&hash) {
                outcomes.push(BatchOutcome::Repeat(at));
            } else {
                match validate(input, max_bytes) {
                    Ok(doc) => {
                        in_batch.insert(hash, fresh.len());
                        outcomes.push(BatchOutcome::New(fresh.len()));
                        fresh.push(doc);
                    }
                    Err(message) => outcomes.push(BatchOutcome::Invalid(message)),
                }
            }
        }
        if fresh.is_empty() {
            return Ok(IngestedAll::new(outcomes, &[], self.snapshot()));
        }
        let store = self.store.clone();
        let stored = blocking(move || Live::with_store(&store, |s| s.insert_all(&fresh)))
            .await?
            .map_err(LiveError::Store)?;
        let ids: Vec<String> = stored.iter().map(|(d, _)| d.id.clone()).collect();
        let new: Vec<StoredDocument> = stored
            .into_iter()
            .filter_map(|(d, new)| new.then_some(d))
            .collect();
        let hashes: Vec<(String, String)> = new
            .iter()
            .map(|d| (d.content_hash.clone(), d.id.clone()))
            .collect();
        let previous = self.snapshot();
        let extractor = writer.extractor.clone();
        self.extracted
            .fetch_add(new.len() as u64, Ordering::Relaxed);
        let graph = blocking(move || {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            let inputs = new.into_iter().map(stored_input).collect();
            let mut docs: Vec<Arc<Document>> = previous.documents().to_vec();
            docs.extend(extractor.extract_all(inputs, threads));
            Arc::new(KnowledgeGraph::from_documents(extractor, docs))
        })
        .await?;
        // The event names the document when there is one, as a single ingest's does.
        let document = match hashes.as_slice() {
            [(_, id)] => Some(id.clone()),
            _ => None,
        };
        tracing::info!(documents = hashes.len(), "ingested documents");
        writer.hashes.extend(hashes);
        self.publish(graph.clone(), ChangeReason::Ingest, document);
        Ok(IngestedAll::new(outcomes, &ids, graph))
    }

    /// Removes an ingested document: its mentions and evidence go, and so does every edge left
    /// with no evidence. Documents of the corpus directory are files, not removable here.
    pub async fn remove(self: &Arc<Self>, id: &str) -> Result<Arc<KnowledgeGraph>, LiveError> {
        let (this, id) = (self.clone(), id.to_owned());
        Live::detached(async move { this.remove_now(&id).await }).await
    }

    async fn remove_now(&self, id: &str) -> Result<Arc<KnowledgeGraph>, LiveError> {
        let mut writer = self.writer.lock().await;
        if writer.corpus_ids.contains(id) {
            return Err(LiveError::Invalid(format!(
                "{id:?} belongs to the corpus directory; delete its file and restart to remove it"
            )));
        }
        let previous = self.snapshot();
        if previous.document_by_id(id).is_none() {
            return Err(LiveError::NotFound(format!("no document with id {id:?}")));
        }
        let store = self.store.clone();
        let owned = id.to_owned();
        blocking(move || Live::with_store(&store, |s| s.remove(&owned)))
            .await?
            .map_err(LiveError::Store)?;
        let extractor = writer.extractor.clone();
        let owned = id.to_owned();
        let graph = blocking(move || {
            let docs: Vec<Arc<Document>> = previous
                .documents()
                .iter()
                .filter(|d| d.id != owned)
                .cloned()
                .collect();
            Arc::new(KnowledgeGraph::from_documents(extractor, docs))
        })
        .await?;
        writer.hashes.retain(|_, v| v != id);
        self.publish(graph.clone(), ChangeReason::Remove, Some(id.to_owned()));
        tracing::info!(id, "removed a document");
        Ok(graph)
    }

    /// Re-reads the dictionaries (and the corpus directory) and rebuilds every document with
    /// them. Invalid dictionaries are reported and the current graph keeps serving.
    pub async fn reload(self: &Arc<Self>) -> Result<Arc<KnowledgeGraph>, LiveError> {
        let this = self.clone();
        Live::detached(async move { this.reload_now().await }).await
    }

    fn dictionary_dir(&self) -> Result<PathBuf, LiveError> {
        self.config.dictionaries.clone().ok_or_else(|| {
            LiveError::Invalid(
                "this server was started without a dictionary directory to change".into(),
            )
        })
    }

    async fn reload_now(&self) -> Result<Arc<KnowledgeGraph>, LiveError> {
        let mut writer = self.writer.lock().await;
        let dir = self.dictionary_dir()?;
        let store = self.store.clone();
        let loaded = blocking({
            let dir = dir.clone();
            move || -> Result<_, LiveError> {
                let reviews =
                    Live::with_store(&store, |s| s.reviews()).map_err(LiveError::Store)?;
                review::reviewed_dictionary(&dir, &Reviewed::all(reviews))
                    .map_err(|e| dictionary_error(e, &dir))
            }
        })
        .await??;
        let (dictionary, rejected) = loaded;
        let extractor = Arc::new(Extractor::new(dictionary).with_rejected(rejected));
        let graph = self
            .rebuild(&mut writer, extractor, ChangeReason::Reload)
            .await?;
        tracing::info!(
            entities = graph.dictionary().len(),
            "reloaded the dictionaries"
        );
        Ok(graph)
    }

    /// Re-reads the corpus directory and the store, and publishes the graph `extractor` makes of
    /// them. A document whose text the graph already holds, under the same id, keeps its
    /// extraction unless the change from the extractor before can reach it
    /// ([`Extractor::reextraction_since`]: it contains a spelling that came or went); the others
    /// are extracted.
    async fn rebuild(
        &self,
        writer: &mut Writer,
        extractor: Arc<Extractor>,
        reason: ChangeReason,
    ) -> Result<Arc<KnowledgeGraph>, LiveError> {
        let corpus_dir = self.config.corpus.clone();
        let previous = self.snapshot();
        let corpus_ids = writer.corpus_ids.clone();
        let store = self.store.clone();
        let ex = extractor.clone();
        let earlier = writer.extractor.clone();
        let rebuilt = blocking(
            move || -> Result<(KnowledgeGraph, Vec<String>, usize), LiveError> {
                // The corpus from its directory when there is one, else as the graph holds it.
                let corpus: Vec<DocumentInput> = match corpus_dir {
                    Some(dir) => {
                        let (docs, errors) = crate::corpus::read(&dir)
                            .map_err(|e| LiveError::Internal(e.to_string()))?;
                        for e in errors {
                            tracing::warn!("reload skipped {e}");
                        }
                        docs
                    }
                    None => previous
                        .documents()
                        .iter()
                        .filter(|d| corpus_ids.contains(&d.id))
                        .map(|d| DocumentInput {
                            id: d.id.clone(),
                            source: d.source.clone(),
                            text: d.text.clone(),
                            encoding: d.encoding,
                            ..DocumentInput::default()
                        })
                        .collect(),
                };
                let corpus_ids: Vec<String> = corpus.iter().map(|d| d.id.clone()).collect();
                let corpus_hashes: std::collections::HashSet<String> =
                    corpus.iter().map(|d| content_hash(&d.text)).collect();
                let stored = Live::with_store(&store, |s| s.all()).map_err(LiveError::Store)?;
                let stored = stored
                    .into_iter()
                    .filter(|d| !corpus_hashes.contains(&d.content_hash));
                let changes = ex.reextraction_since(&earlier);
                let mut kept: Vec<Arc<Document>> = Vec::new();
                let mut extract: Vec<DocumentInput> = Vec::new();
                for input in corpus.into_iter().chain(stored.map(stored_input)) {
                    let same = previous
                        .document_by_id(&input.id)
                        .map(|d| &previous.documents()[d.index()])
                        .filter(|d| d.text == input.text && d.source == input.source);
                    match same
                        .filter(|d| !changes.affects(&d.text))
                        .and_then(|d| changes.carry(d))
                    {
                        Some(d) => kept.push(d),
                        None => extract.push(input),
                    }
                }
                let extracted = extract.len();
                tracing::info!(
                    extracted,
                    kept = kept.len(),
                    "extracting the documents the change can reach"
                );
                let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
                kept.extend(ex.extract_all(extract, threads));
                let graph = KnowledgeGraph::from_documents(ex, kept);
                let is_corpus: std::collections::HashSet<&str> =
                    corpus_ids.iter().map(String::as_str).collect();
                Live::with_store(&store, |s| {
                    index_corpus(s, &graph, |id| is_corpus.contains(id))
                })
                .map_err(LiveError::Store)?;
                Ok((graph, corpus_ids, extracted))
            },
        )
        .await??;
        let (graph, corpus_ids, extracted) = rebuilt;
        self.extracted
            .fetch_add(extracted as u64, Ordering::Relaxed);
        let graph = Arc::new(graph);
        writer.extractor = extractor;
        writer.corpus_ids = corpus_ids.into_iter().collect();
        writer.hashes = graph
            .documents()
            .iter()
            .map(|d| (content_hash(&d.text), d.id.clone()))
            .collect();
        self.publish(graph.clone(), reason, None);
        Ok(graph)
    }

    /// Makes a review decision: checks it against the dictionaries as the earlier decisions
    /// left them, stores it (on disk before anything else changes), and publishes the graph
    /// that applies it. A decision the dictionaries would not validate with is refused and
    /// changes nothing.
    pub async fn review(
        self: &Arc<Self>,
        decision: Decision,
        candidate: Option<String>,
    ) -> Result<ReviewOutcome, LiveError> {
        let this = self.clone();
        Live::detached(async move { this.review_now(decision, candidate).await }).await
    }

    async fn review_now(
        &self,
        decision: Decision,
        candidate: Option<String>,
    ) -> Result<ReviewOutcome, LiveError> {
        let mut writer = self.writer.lock().await;
        let dir = self.dictionary_dir()?;
        let store = self.store.clone();
        let decided = blocking(move || {
            Live::with_store(&store, |s| {
                review::decide_and_record(s, &dir, decision, candidate)
            })
            .map_err(|e| decide_error(e, &dir))
        })
        .await??;
        let review::Decided {
            review,
            dictionary,
            rejected,
        } = decided;
        let graph = self.apply_review(&mut writer, dictionary, rejected).await?;
        tracing::info!(
            seq = review.seq,
            action = review.decision.action(),
            "review decision"
        );
        Ok(ReviewOutcome { review, graph })
    }

    /// Undoes a review decision and publishes the graph without it.
    pub async fn undo_review(self: &Arc<Self>, seq: i64) -> Result<ReviewOutcome, LiveError> {
        let this = self.clone();
        Live::detached(async move { this.undo_review_now(seq).await }).await
    }

    async fn undo_review_now(&self, seq: i64) -> Result<ReviewOutcome, LiveError> {
        let mut writer = self.writer.lock().await;
        let dir = self.dictionary_dir()?;
        let store = self.store.clone();
        let undone = blocking(move || {
            Live::with_store(&store, |s| review::undo_and_record(s, &dir, seq))
                .map_err(|e| decide_error(e, &dir))
        })
        .await??
        .ok_or_else(|| LiveError::NotFound(format!("no review decision {seq}")))?;
        let review::Decided {
            review,
            dictionary,
            rejected,
        } = undone;
        let graph = self.apply_review(&mut writer, dictionary, rejected).await?;
        tracing::info!(
            seq = review.seq,
            action = review.decision.action(),
            "undid a review decision"
        );
        Ok(ReviewOutcome { review, graph })
    }

    /// Publishes the graph of a review: when the dictionary changed, the documents that contain
    /// a spelling that came or went extracted again ([`Live::rebuild`]); else the same documents
    /// with the new list of rejected keys.
    async fn apply_review(
        &self,
        writer: &mut Writer,
        dictionary: Option<Dictionary>,
        rejected: std::collections::HashSet<String>,
    ) -> Result<Arc<KnowledgeGraph>, LiveError> {
        match dictionary {
            Some(dictionary) => {
                let extractor = Arc::new(Extractor::new(dictionary).with_rejected(rejected));
                self.rebuild(writer, extractor, ChangeReason::Review).await
            }
            None => {
                let extractor = Arc::new((*writer.extractor).clone().with_rejected(rejected));
                let previous = self.snapshot();
                let ex = extractor.clone();
                let graph = blocking(move || {
                    Arc::new(KnowledgeGraph::from_documents(
                        ex,
                        previous.documents().to_vec(),
                    ))
                })
                .await?;
                writer.extractor = extractor;
                self.publish(graph.clone(), ChangeReason::Review, None);
                Ok(graph)
            }
        }
    }

    /// Every review decision, undone ones included, oldest first.
    pub async fn reviews(&self) -> Result<Vec<Reviewed>, LiveError> {
        let store = self.store.clone();
        let stored = blocking(move || Live::with_store(&store, |s| s.reviews()))
            .await?
            .map_err(LiveError::Store)?;
        Ok(Reviewed::all(stored))
    }

    /// Full-text search over every document, stored and corpus alike, on a reader of its own.
    pub async fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, LiveError> {
        let text = text.to_owned();
        match &self.readers {
            Some(readers) => {
                let readers = readers.clone();
                blocking(move || readers.search(&text, limit)).await?
            }
            None => {
                let store = self.store.clone();
                blocking(move || Live::with_store(&store, |s| s.search(&text, limit))).await?
            }
        }
        .map_err(LiveError::Store)
    }
}
