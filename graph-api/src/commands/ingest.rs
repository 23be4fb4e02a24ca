//! `kgraph ingest PATH...`: store articles in the data directory, or send them to a running
//! server, saying what became of each.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use graph_core::corpus::list_documents;
use graph_core::{TextEncoding, read_document};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use crate::cli::IngestArgs;
use crate::corpus::client_source;
use crate::live::{IngestInput, admit};
use crate::store::Store;

/// An article read from its file, or why it could not be.
struct Read {
    path: PathBuf,
    input: std::result::Result<IngestInput, String>,
    /// " (decoded from GB18030)" for a file in another encoding, stored as its UTF-8 decoding.
    decoded: String,
}

/// What became of one file.
enum Fate {
    Stored(String),
    Duplicate(String),
    Failed(String),
}

/// Stores every readable article through [`admit`], the server's own way in, or sends them to
/// a server with `--server`; prints each file's fate with its document id and a summary; fails
/// if any file failed.
pub fn run(args: IngestArgs) -> Result<()> {
    // Each file with the directory it was found in, which its source is named relative to.
    let mut files: Vec<(PathBuf, Option<&Path>)> = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let listed =
                list_documents(path).with_context(|| format!("listing {}", path.display()))?;
            files.extend(listed.into_iter().map(|f| (f, Some(path.as_path()))));
        } else {
            files.push((path.clone(), None));
        }
    }
    let described = args.title.is_some()
        || args.date.is_some()
        || args.language.is_some()
        || args.source.is_some();
    if described && files.len() != 1 {
        bail!(
            "--title, --date, --language and --source describe one file, and {} were given",
            files.len()
        );
    }
    let progress = ProgressBar::new(files.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if files.len() < 2 {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let read = |(path, base): &(PathBuf, Option<&Path>)| -> Read {
        let mut decoded = String::new();
        let input = read_document(path, args.max_document_bytes)
            .map_err(|e| e.to_string())
            .map(|doc| {
                if doc.encoding != TextEncoding::Utf8 {
                    decoded = format!(" (decoded from {})", doc.encoding);
                }
                IngestInput {
                    title: args.title.clone(),
                    text: doc.text,
                    source: Some(
                        args.source
                            .clone()
                            .unwrap_or_else(|| client_source(path, *base)),
                    ),
                    date: args.date,
                    language: args.language,
                }
            });
        Read {
            path: path.clone(),
            input,
            decoded,
        }
    };
    let mut tally = Tally::default();
    let target = match &args.server {
        Some(url) => {
            let client = Remote::new(url, args.token.clone())?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("starting the HTTP client")?;
            let mut batch: Vec<Read> = Vec::new();
            let mut bytes = 0;
            for file in &files {
                progress.set_message(file.0.display().to_string());
                let r = read(file);
                bytes += r.input.as_ref().map_or(0, |i| i.text.len());
                batch.push(r);
                if batch.len() >= BATCH_ARTICLES || bytes >= BATCH_BYTES {
                    let sent = std::mem::take(&mut batch);
                    let fates = runtime.block_on(client.send(&sent))?;
                    tally.report(&progress, &sent, fates);
                    bytes = 0;
                }
            }
            if !batch.is_empty() {
                let fates = runtime.block_on(client.send(&batch))?;
                tally.report(&progress, &batch, fates);
            }
            url.clone()
        }
        None => {
            let mut store = Store::open(&args.data.dir)?;
            for file in &files {
                progress.set_message(file.0.display().to_string());
                let r = read(file);
                let fate = match r.input.clone() {
                    Err(e) => Fate::Failed(e),
                    Ok(input) => match admit(&mut store, input, args.max_document_bytes) {
                        Ok(a) if a.new => Fate::Stored(a.document.id),
                        Ok(a) => Fate::Duplicate(a.document.id),
                        Err(e) => Fate::Failed(format!("{}: {e}", r.path.display())),
                    },
                };
                tally.report(&progress, std::slice::from_ref(&r), vec![fate]);
            }
            store.path().display().to_string()
        }
    };
    progress.finish_and_clear();
    println!(
        "{} ingested, {} duplicates, {} failed, into {target}",
        tally.ingested,
        tally.duplicates,
        tally.failed.len(),
    );
    for f in &tally.failed {
        eprintln!("kgraph: {f}");
    }
    if !tally.failed.is_empty() {
        bail!(
            "{} of {} files could not be ingested",
            tally.failed.len(),
            files.len()
        );
    }
    if tally.ingested > 0 && args.server.is_none() {
        println!(
            "a running `kgraph serve` picks them up at its next start, reloadDictionaries or SIGHUP"
        );
    }
    Ok(())
}

/// The most articles, and about the most bytes of text, sent in one request: well under the
/// server's request limit (twice its largest article, plus 1 MB) and its batch limit.
const BATCH_ARTICLES: usize = 100;
const BATCH_BYTES: usize = 4 << 20;

/// The counts, and the failures, so far.
#[derive(Default)]
struct Tally {
    ingested: usize,
    duplicates: usize,
    failed: Vec<String>,
}

impl Tally {
    /// Prints each file's fate, above the progress bar, on standard output, one line per file.
    fn report(&mut self, progress: &ProgressBar, files: &[Read], fates: Vec<Fate>) {
        for (r, fate) in files.iter().zip(fates) {
            let (path, decoded) = (r.path.display(), &r.decoded);
            let line = match fate {
                Fate::Stored(id) => {
                    self.ingested += 1;
                    format!("stored     {id}  {path}{decoded}")
                }
                Fate::Duplicate(id) => {
                    self.duplicates += 1;
                    format!("duplicate  {id}  {path}{decoded} (the same text is stored already)")
                }
                Fate::Failed(e) => {
                    let line = format!("failed     {e}");
                    self.failed.push(e);
                    line
                }
            };
            progress.suspend(|| println!("{line}"));
            progress.inc(1);
        }
    }
}

/// A running kgraph server, reached over HTTP.
struct Remote {
    client: reqwest::Client,
    endpoint: String,
    token: Option<String>,
}

const MUTATION: &str = "mutation($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) \
                        { items { index id duplicate error } } }";

impl Remote {
    fn new(url: &str, token: Option<String>) -> Result<Remote> {
        let base = url.trim().trim_end_matches('/');
        let Some(rest) = base.strip_prefix("http://") else {
            bail!(
                "--server {url:?}: give the address `kgraph serve` prints, http://HOST:PORT \
                 (kgraph speaks plain HTTP; put TLS in front of it with a proxy)"
            );
        };
        if rest.is_empty() {
            bail!("--server {url:?} names no host");
        }
        let endpoint = if base.ends_with("/graphql") {
            base.to_owned()
        } else {
            format!("{base}/graphql")
        };
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(300))
            .build()
            .context("building the HTTP client")?;
        Ok(Remote {
            client,
            endpoint,
            token,
        })
    }

    /// Sends the readable articles of `files` in one `ingestDocuments`; a fate per file.
    async fn send(&self, files: &[Read]) -> Result<Vec<Fate>> {
        let inputs: Vec<Value> = files
            .iter()
            .filter_map(|r| r.input.as_ref().ok())
            .map(|i| {
                json!({
                    "text": i.text,
                    "title": i.title,
                    "source": i.source,
                    "date": i.date.map(|d| d.to_string()),
                    "language": i.language.map(|l| l.to_string()),
                })
            })
            .collect();
        let mut items = Vec::new().into_iter();
        if !inputs.is_empty() {
            let mut request = self
                .client
                .post(&self.endpoint)
                .json(&json!({ "query": MUTATION, "variables": { "inputs": inputs } }));
            if let Some(t) = &self.token {
                request = request.bearer_auth(t);
            }
            let response = request
                .send()
                .await
                .with_context(|| format!("sending articles to {}", self.endpoint))?;
            let status = response.status();
            let body: Value = response.json().await.with_context(|| {
                format!("{} answered {status} with no GraphQL answer", self.endpoint)
            })?;
            if let Some(error) = body["errors"].as_array().and_then(|e| e.first()) {
                let message = error["message"].as_str().unwrap_or("an error");
                let hint = if error["extensions"]["code"] == "UNAUTHORIZED" {
                    " (pass the server's token with --token or KGRAPH_TOKEN)"
                } else {
                    ""
                };
                bail!("{} refused the articles: {message}{hint}", self.endpoint);
            }
            let Some(list) = body["data"]["ingestDocuments"]["items"].as_array() else {
                bail!(
                    "{} answered {status} without ingestDocuments",
                    self.endpoint
                );
            };
            items = list.clone().into_iter();
        }
        Ok(files
            .iter()
            .map(|r| match &r.input {
                Err(e) => Fate::Failed(e.clone()),
                Ok(_) => match items.next() {
                    Some(item) => match (item["id"].as_str(), item["error"].as_str()) {
                        (_, Some(e)) => Fate::Failed(format!("{}: {e}", r.path.display())),
                        (Some(id), None) if item["duplicate"] == true => {
                            Fate::Duplicate(id.to_owned())
                        }
                        (Some(id), None) => Fate::Stored(id.to_owned()),
                        (None, None) => Fate::Failed(format!(
                            "{}: the server gave no document id",
                            r.path.display()
                        )),
                    },
                    None => Fate::Failed(format!(
                        "{}: the server's answer left it out",
                        r.path.display()
                    )),
                },
            })
            .collect())
    }
}
