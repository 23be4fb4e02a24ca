//! The document store: ingested articles in an embedded SQLite database. Knows nothing of GraphQL.
//!
//! One file, `kgraph.sqlite3`, in the data directory. WAL journal with `synchronous = FULL`: a
//! document is on disk before [`Store::insert`] returns, so an acknowledged ingest survives a
//! crash or a `kill -9`. The graph is derived from the store (and the corpus directory) at every
//! start; the store holds only what cannot be derived: the documents themselves.
//!
//! Full-text search uses FTS5 with the trigram tokenizer, which needs no word segmentation and so
//! works for Chinese as well as English. Queries of fewer than three characters (a two-character
//! Chinese name such as 亦庄) cannot use trigrams and fall back to a scan with `instr`. The corpus
//! directory's documents are indexed in a table of their own, `corpus_fts`, brought up to date at
//! every start and reload: a document whose id, title and text are indexed already is left as it
//! is (derived data: no schema version covers it; a table of an earlier layout is made again).
//!
//! Searches run on [`Readers`], read-only connections of their own: in WAL mode a reader never
//! waits for the writer nor the writer for a reader, so a slow search cannot hold up an ingest.
//!
//! **Schema versions.** `PRAGMA user_version` holds the version of the tables. A newer kgraph
//! opens an older store and upgrades it in one transaction; an older kgraph refuses a newer store
//! and says which versions it reads.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use graph_core::{Date, Language};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, ToSql, params};
use sha2::{Digest, Sha256};

/// The version of the tables this kgraph writes.
pub const SCHEMA_VERSION: i64 = 2;

/// The database file in the data directory.
pub const FILE_NAME: &str = "kgraph.sqlite3";

/// What can go wrong with the store. Messages name the file.
#[derive(Debug)]
pub enum StoreError {
    /// The data directory cannot be created or written.
    Directory {
        /// The directory.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file is not a kgraph store (corrupted, or something else).
    NotAStore {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        reason: String,
    },
    /// The store was written by a newer kgraph.
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
    },
    /// A database operation failed.
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// What SQLite said.
        source: rusqlite::Error,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Directory { path, reason } => {
                write!(
                    f,
                    "the data directory {} cannot be used: {reason}",
                    path.display()
                )
            }
            StoreError::NotAStore { path, reason } => write!(
                f,
                "{} is not a readable kgraph store ({reason}); move it away to start a new store",
                path.display()
            ),
            StoreError::TooNew { path, found } => write!(
                f,
                "{} was written by a newer kgraph (store version {found}; this kgraph reads versions up to {SCHEMA_VERSION})",
                path.display()
            ),
            StoreError::Sqlite {
                path,
                action,
                source,
            } => {
                write!(f, "{}: {action}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// `doc-` and the first 16 hex digits of the text's SHA-256.
    pub id: String,
    /// The title given at ingestion, if any.
    pub title: Option<String>,
    /// The date given at ingestion.
    pub date: Option<Date>,
    /// The language given at ingestion.
    pub language: Option<Language>,
    /// Where it came from (a URL or path).
    pub source: Option<String>,
    /// The text.
    pub text: String,
    /// SHA-256 of the text, hex.
    pub content_hash: String,
    /// Seconds since the Unix epoch when it was stored.
    pub ingested_at: i64,
}

/// A review decision as the store holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReview {
    /// Its number, counting up from 1 in the order decisions were made.
    pub seq: i64,
    /// Seconds since the Unix epoch when it was made.
    pub made_at: i64,
    /// The normalized key of the candidate it decides, when it decides one.
    pub candidate: Option<String>,
    /// The decision, as JSON.
    pub decision: String,
    /// When it was undone.
    pub undone_at: Option<i64>,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A new document to store, already checked (see `live::admit`).
#[derive(Debug, Clone, Default)]
pub struct NewDocument {
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<Date>,
    /// Language.
    pub language: Option<Language>,
    /// Source.
    pub source: Option<String>,
    /// Text.
    pub text: String,
}

/// SHA-256 of a text, as lowercase hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The id of a document with this content hash.
pub fn document_id(hash: &str) -> String {
    format!("doc-{}", &hash[..16.min(hash.len())])
}

/// A search result: the document and a piece of text around the first match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The document id.
    pub id: String,
    /// About 120 characters around the match, the match in 【】.
    pub snippet: String,
}

/// The SQLite store. Not `Sync`: callers keep it behind a mutex.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let directory_error = |reason: String| StoreError::Directory {
            path: dir.to_path_buf(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| directory_error(e.to_string()))?;
        if !dir.is_dir() {
            return Err(directory_error("it is not a directory".into()));
        }
        let path = dir.join(FILE_NAME);
        // A probe file tells "cannot write here" apart from a bad database file.
        let probe = dir.join(".kgraph-write-probe");
        std::fs::write(&probe, b"")
            .map_err(|e| directory_error(format!("cannot write in it: {e}")))?;
        let _ = std::fs::remove_file(&probe);

        let conn = Connection::open(&path).map_err(|e| StoreError::NotAStore {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        let mut store = Store { conn, path };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// A store in memory, gone with the process: for tests and for serving a graph built elsewhere.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| StoreError::NotAStore {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        let mut store = Store { conn, path };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Indexes the corpus directory's documents for [`Store::search`]: afterwards the index
    /// holds exactly `docs`. They live in a table of their own: the corpus files, not the
    /// store, are their source. A document indexed before with the same id, title and text is
    /// left as it is, so a start or a reload over an unchanged corpus writes nothing. Returns how
    /// many documents were indexed anew.
    pub fn index_corpus<'a>(
        &mut self,
        docs: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let failed = |source| StoreError::Sqlite {
            path: path.clone(),
            action: "indexing the corpus",
            source,
        };
        // One transaction: readers see the old index or the new one, never half of it.
        let tx = self.conn.transaction().map_err(failed)?;
        // The table as this kgraph writes it: a `hash` of each title and text beside them. One
        // of an earlier layout (no hash) is made again.
        if tx.prepare("SELECT hash FROM corpus_fts LIMIT 0").is_err() {
            tx.execute_batch(
                "DROP TABLE IF EXISTS corpus_fts;
                 CREATE VIRTUAL TABLE corpus_fts USING fts5(id UNINDEXED, hash UNINDEXED, title, text, tokenize = 'trigram');",
            )
            .map_err(failed)?;
        }
        let mut indexed: std::collections::HashMap<String, (i64, String)> = {
            let mut stmt = tx
                .prepare("SELECT rowid, id, hash FROM corpus_fts")
                .map_err(failed)?;
            stmt.query_map([], |r| Ok((r.get(1)?, (r.get(0)?, r.get(2)?))))
                .map_err(failed)?
                .collect::<Result<_, _>>()
                .map_err(failed)?
        };
        let mut added = 0;
        {
            let mut insert = tx
                .prepare("INSERT INTO corpus_fts (id, hash, title, text) VALUES (?1, ?2, ?3, ?4)")
                .map_err(failed)?;
            let mut delete = tx
                .prepare("DELETE FROM corpus_fts WHERE rowid = ?1")
                .map_err(failed)?;
            for (id, title, text) in docs {
                let hash = content_hash(&format!("{title}\u{0}{text}"));
                match indexed.remove(id) {
                    Some((_, h)) if h == hash => continue,
                    Some((rowid, _)) => {
                        delete.execute(params![rowid]).map_err(failed)?;
                    }
                    None => {}
                }
                insert
                    .execute(params![id, hash, title, text])
                    .map_err(failed)?;
                added += 1;
            }
            // What is no longer in the corpus.
            for (rowid, _) in indexed.into_values() {
                delete.execute(params![rowid]).map_err(failed)?;
            }
        }
        tx.commit().map_err(failed)?;
        Ok(added)
    }

    /// `n` read-only connections to this store for [`Readers::search`]; `None` for a store in
    /// memory, which only its own connection sees (its searches run there).
    pub fn readers(&self, n: usize) -> Result<Option<Readers>, StoreError> {
        if self.path == Path::new(":memory:") {
            return Ok(None);
        }
        let mut conns = Vec::with_capacity(n);
        for _ in 0..n.max(1) {
            let conn = Connection::open_with_flags(
                &self.path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(self.sqlite("opening a reader"))?;
            conn.busy_timeout(std::time::Duration::from_secs(10))
                .map_err(self.sqlite("opening a reader"))?;
            conns.push(std::sync::Mutex::new(conn));
        }
        Ok(Some(Readers {
            conns,
            next: std::sync::atomic::AtomicUsize::new(0),
            path: self.path.clone(),
        }))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sqlite(&self, action: &'static str) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite {
            path: self.path.clone(),
            action,
            source,
        }
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        // The first statement reads the file header: a corrupted or foreign file fails here.
        let not_a_store = |e: rusqlite::Error| StoreError::NotAStore {
            path: self.path.clone(),
            reason: e.to_string(),
        };
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map_err(not_a_store)?;
        self.conn
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(not_a_store)?;
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(not_a_store)?;
        self.conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(not_a_store)?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(self.sqlite("reading the store version"))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|source| StoreError::Sqlite {
                path: path.clone(),
                action: "upgrading the store",
                source,
            })?;
        // Each step takes the store from version n to n + 1; a new version appends a step.
        if version < 1 {
            tx.execute_batch(
                "CREATE TABLE documents (
                    id          TEXT PRIMARY KEY,
                    title       TEXT,
                    date        TEXT,
                    language    TEXT,
                    source      TEXT,
                    text        TEXT NOT NULL,
                    content_hash TEXT NOT NULL UNIQUE,
                    ingested_at INTEGER NOT NULL
                 );
                 CREATE VIRTUAL TABLE documents_fts USING fts5(
                    title, text, content = 'documents', content_rowid = 'rowid', tokenize = 'trigram'
                 );
                 CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
                    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
                 END;
                 CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
                    INSERT INTO documents_fts(documents_fts, rowid, title, text)
                    VALUES ('delete', old.rowid, old.title, old.text);
                 END;",
            )
            .map_err(|source| StoreError::Sqlite {
                path: path.clone(),
                action: "creating the tables",
                source,
            })?;
        }
        if version < 2 {
            // Review decisions, in the order made. `decision` is the decision as JSON
            // (`crate::review::Decision`); an undone decision keeps its row, with the time.
            tx.execute_batch(
                "CREATE TABLE reviews (
                    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
                    made_at     INTEGER NOT NULL,
                    candidate   TEXT,
                    decision    TEXT NOT NULL,
                    undone_at   INTEGER
                 );",
            )
            .map_err(|source| StoreError::Sqlite {
                path: path.clone(),
                action: "creating the review table",
                source,
            })?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(|source| StoreError::Sqlite {
                path: path.clone(),
                action: "recording the store version",
                source,
            })?;
        tx.commit().map_err(|source| StoreError::Sqlite {
            path,
            action: "upgrading the store",
            source,
        })
    }

    /// Every stored document, in id order.
    pub fn all(&self) -> Result<Vec<StoredDocument>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, title, date, language, source, text, content_hash, ingested_at
                 FROM documents ORDER BY id",
            )
            .map_err(self.sqlite("reading the documents"))?;
        let rows = stmt
            .query_map([], row_to_document)
            .map_err(self.sqlite("reading the documents"))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(self.sqlite("reading the documents"))
    }

    /// The stored document with this content hash.
    pub fn by_hash(&self, hash: &str) -> Result<Option<StoredDocument>, StoreError> {
        self.conn
            .query_row(
                "SELECT id, title, date, language, source, text, content_hash, ingested_at
                 FROM documents WHERE content_hash = ?1",
                [hash],
                row_to_document,
            )
            .optional()
            .map_err(self.sqlite("looking up a document"))
    }

    /// Stores a document; returns it and whether it was new. The same text stored twice is one
    /// document: the second call returns the first, unchanged.
    pub fn insert(&mut self, doc: &NewDocument) -> Result<(StoredDocument, bool), StoreError> {
        let hash = content_hash(&doc.text);
        if let Some(existing) = self.by_hash(&hash)? {
            return Ok((existing, false));
        }
        let stored = StoredDocument {
            id: document_id(&hash),
            title: doc.title.clone(),
            date: doc.date,
            language: doc.language,
            source: doc.source.clone(),
            text: doc.text.clone(),
            content_hash: hash,
            ingested_at: now(),
        };
        self.conn
            .execute(
                "INSERT INTO documents (id, title, date, language, source, text, content_hash, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    stored.id,
                    stored.title,
                    stored.date.map(SqlDate),
                    stored.language.map(SqlLanguage),
                    stored.source,
                    stored.text,
                    stored.content_hash,
                    stored.ingested_at
                ],
            )
            .map_err(self.sqlite("storing a document"))?;
        Ok((stored, true))
    }

    /// Stores several documents in one transaction: all of them are on disk when this returns,
    /// or none is. Each is returned with whether it was new, in order.
    pub fn insert_all(
        &mut self,
        docs: &[NewDocument],
    ) -> Result<Vec<(StoredDocument, bool)>, StoreError> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(self.sqlite("starting a batch"))?;
        let stored: Result<Vec<_>, StoreError> = docs.iter().map(|d| self.insert(d)).collect();
        let end = if stored.is_ok() { "COMMIT" } else { "ROLLBACK" };
        self.conn
            .execute_batch(end)
            .map_err(self.sqlite("ending a batch"))?;
        stored
    }

    /// Records a review decision (its JSON) about a candidate key; returns the decision as
    /// stored. It is on disk when this returns.
    pub fn record_review(
        &mut self,
        candidate: Option<&str>,
        decision: &str,
    ) -> Result<StoredReview, StoreError> {
        let made_at = now();
        self.conn
            .execute(
                "INSERT INTO reviews (made_at, candidate, decision) VALUES (?1, ?2, ?3)",
                params![made_at, candidate, decision],
            )
            .map_err(self.sqlite("recording a review decision"))?;
        Ok(StoredReview {
            seq: self.conn.last_insert_rowid(),
            made_at,
            candidate: candidate.map(str::to_owned),
            decision: decision.to_owned(),
            undone_at: None,
        })
    }

    /// Every review decision, undone ones included, oldest first.
    pub fn reviews(&self) -> Result<Vec<StoredReview>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT seq, made_at, candidate, decision, undone_at FROM reviews ORDER BY seq",
            )
            .map_err(self.sqlite("reading the review decisions"))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(StoredReview {
                    seq: r.get(0)?,
                    made_at: r.get(1)?,
                    candidate: r.get(2)?,
                    decision: r.get(3)?,
                    undone_at: r.get(4)?,
                })
            })
            .map_err(self.sqlite("reading the review decisions"))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.sqlite("reading the review decisions"))
    }

    /// Marks a decision undone; returns it, or `None` when there is no decision `seq`. Undoing
    /// an undone decision changes nothing.
    pub fn undo_review(&mut self, seq: i64) -> Result<Option<StoredReview>, StoreError> {
        self.conn
            .execute(
                "UPDATE reviews SET undone_at = ?1 WHERE seq = ?2 AND undone_at IS NULL",
                params![now(), seq],
            )
            .map_err(self.sqlite("undoing a review decision"))?;
        Ok(self.reviews()?.into_iter().find(|r| r.seq == seq))
    }

    /// Deletes a stored document; returns whether it existed.
    pub fn remove(&mut self, id: &str) -> Result<bool, StoreError> {
        let n = self
            .conn
            .execute("DELETE FROM documents WHERE id = ?1", [id])
            .map_err(self.sqlite("removing a document"))?;
        Ok(n > 0)
    }

    /// Documents whose title or text contains `text` (case-insensitive for Latin letters), best
    /// first, with a snippet around the first match.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        search_on(&self.conn, &self.path, text, limit)
    }
}

/// Read-only connections to a store, for searches: in WAL mode they neither wait for the
/// writer nor make it wait.
#[derive(Debug)]
pub struct Readers {
    conns: Vec<std::sync::Mutex<Connection>>,
    next: std::sync::atomic::AtomicUsize,
    path: PathBuf,
}

impl Readers {
    /// As [`Store::search`], on the first reader free (or the next in turn when none is).
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let free = self.conns.iter().find_map(|c| c.try_lock().ok());
        let conn = match free {
            Some(c) => c,
            None => {
                let i =
                    self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % self.conns.len();
                // A poisoned reader is still a consistent connection: SQLite's state is its own.
                self.conns[i].lock().unwrap_or_else(|p| p.into_inner())
            }
        };
        search_on(&conn, &self.path, text, limit)
    }
}

fn search_on(
    conn: &Connection,
    path: &Path,
    text: &str,
    limit: usize,
) -> Result<Vec<SearchHit>, StoreError> {
    let failed = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        action: "searching",
        source,
    };
    let needle = text.trim();
    if needle.is_empty() {
        return Ok(Vec::new());
    }
    let has_corpus: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'corpus_fts'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(failed)?
        > 0;
    let (sql, arg) = if needle.chars().count() >= 3 {
        // A phrase query: the needle in double quotes, its own quotes doubled.
        let stored = "SELECT d.id, d.text, bm25(documents_fts) AS rank
                      FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
                      WHERE documents_fts MATCH ?1";
        let corpus =
            "SELECT id, text, bm25(corpus_fts) AS rank FROM corpus_fts WHERE corpus_fts MATCH ?1";
        (
            if has_corpus {
                format!(
                    "SELECT id, text FROM ({stored} UNION ALL {corpus}) ORDER BY rank, id LIMIT ?2"
                )
            } else {
                format!("SELECT id, text FROM ({stored}) ORDER BY rank, id LIMIT ?2")
            },
            format!("\"{}\"", needle.replace('"', "\"\"")),
        )
    } else {
        // Fewer than three characters: no trigram to look up, so scan.
        let stored = "SELECT id, text FROM documents
                      WHERE instr(lower(text), lower(?1)) > 0 OR instr(lower(coalesce(title, '')), lower(?1)) > 0";
        let corpus = "SELECT id, text FROM corpus_fts
                      WHERE instr(lower(text), lower(?1)) > 0 OR instr(lower(title), lower(?1)) > 0";
        (
            if has_corpus {
                format!("SELECT id, text FROM ({stored} UNION ALL {corpus}) ORDER BY id LIMIT ?2")
            } else {
                format!("{stored} ORDER BY id LIMIT ?2")
            },
            needle.to_owned(),
        )
    };
    let mut stmt = conn.prepare(&sql).map_err(failed)?;
    let rows: Vec<(String, String)> = stmt
        .query_map(params![arg, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(failed)?
        .collect::<Result<_, _>>()
        .map_err(failed)?;
    Ok(rows
        .into_iter()
        .map(|(id, body)| SearchHit {
            snippet: snippet(&body, needle),
            id,
        })
        .collect())
}

/// A date as the `date` column holds it: `YYYY-MM-DD` text. The conversion to and from text
/// happens here, at the SQL boundary, and nowhere else.
struct SqlDate(Date);

impl ToSql for SqlDate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.to_string()))
    }
}

impl FromSql for SqlDate {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Date::parse_iso(text)
            .map(SqlDate)
            .ok_or_else(|| FromSqlError::Other(format!("{text:?} is not a date").into()))
    }
}

/// A language as the `language` column holds it: `en`, `zh` or `mixed`.
struct SqlLanguage(Language);

impl ToSql for SqlLanguage {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.as_str()))
    }
}

impl FromSql for SqlLanguage {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Language::parse(text)
            .map(SqlLanguage)
            .ok_or_else(|| FromSqlError::Other(format!("{text:?} is not a language").into()))
    }
}

fn row_to_document(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredDocument> {
    Ok(StoredDocument {
        id: r.get(0)?,
        title: r.get(1)?,
        date: r.get::<_, Option<SqlDate>>(2)?.map(|d| d.0),
        language: r.get::<_, Option<SqlLanguage>>(3)?.map(|l| l.0),
        source: r.get(4)?,
        text: r.get(5)?,
        content_hash: r.get(6)?,
        ingested_at: r.get(7)?,
    })
}

/// About 60 characters on each side of the first case-insensitive match of `needle`, the match
/// marked with 【】; the start of the text when the match is only in the title.
pub fn snippet(text: &str, needle: &str) -> String {
    let lower = text.to_lowercase();
    let found = if lower.len() == text.len() {
        lower.find(&needle.to_lowercase())
    } else {
        // Lowercasing changed byte lengths (rare scripts): search the text as it is.
        text.find(needle)
    };
    let Some(at) = found else {
        return text.chars().take(120).collect::<String>().trim().to_owned();
    };
    let end = at + needle.len().min(text.len() - at);
    let before: String = text[..at]
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text.get(end..).unwrap_or("").chars().take(60).collect();
    let matched = text.get(at..end).unwrap_or(needle);
    let lead = if before.len() < at { "…" } else { "" };
    let tail = if end + after.len() < text.len() {
        "…"
    } else {
        ""
    };
    format!(
        "{lead}{}【{matched}】{}{tail}",
        before.replace('\n', " ").trim_start(),
        after.replace('\n', " ").trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_the_match() {
        assert_eq!(
            snippet("Kong Lei said BOE grows.", "boe"),
            "Kong Lei said 【BOE】 grows."
        );
        assert_eq!(
            snippet("北京经开区亦庄新城", "亦庄"),
            "北京经开区【亦庄】新城"
        );
        let long = format!("{}needle{}", "a".repeat(100), "b".repeat(100));
        let s = snippet(&long, "needle");
        assert!(
            s.starts_with('…') && s.ends_with('…') && s.contains("【needle】"),
            "{s}"
        );
    }

    #[test]
    fn the_corpus_index_writes_only_what_changed() {
        let dir = std::env::temp_dir().join(format!("kgraph-store-corpus-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut store = Store::open(&dir).unwrap();
        let ids = |store: &Store, text: &str| -> Vec<String> {
            let mut ids: Vec<String> = store
                .search(text, 10)
                .unwrap()
                .into_iter()
                .map(|h| h.id)
                .collect();
            ids.sort();
            ids
        };
        let a = ("a", "", "Lighthouse Display Works opened a line.");
        let b = ("b", "", "The zone opened a park.");
        assert_eq!(store.index_corpus([a, b]).unwrap(), 2);
        assert_eq!(store.index_corpus([a, b]).unwrap(), 0, "nothing changed");
        let b2 = ("b", "", "The zone opened a robot park.");
        assert_eq!(store.index_corpus([a, b2]).unwrap(), 1);
        assert_eq!(ids(&store, "opened a"), ["a", "b"]);
        assert_eq!(ids(&store, "robot park"), ["b"]);
        assert!(
            ids(&store, "opened a park").is_empty(),
            "the old text is gone"
        );
        assert_eq!(store.index_corpus([b2]).unwrap(), 0);
        assert_eq!(ids(&store, "opened a"), ["b"], "a left the corpus");
        // Reopened: the index is on disk, and still up to date.
        drop(store);
        let mut store = Store::open(&dir).unwrap();
        assert_eq!(store.index_corpus([b2]).unwrap(), 0);
        assert_eq!(ids(&store, "robot park"), ["b"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn ids_come_from_the_text() {
        let h = content_hash("亦庄");
        assert_eq!(h.len(), 64);
        assert_eq!(document_id(&h).len(), 20);
        assert_eq!(content_hash("亦庄"), h);
        assert_ne!(content_hash("亦莊"), h);
    }
}
