//! `kgraph ingest PATH...`: store articles in the data directory, saying what became of each.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use graph_core::corpus::list_documents;
use graph_core::{TextEncoding, read_document};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::IngestArgs;
use crate::corpus::client_source;
use crate::live::{IngestInput, admit};
use crate::store::Store;

/// Stores every readable article through [`admit`], the server's own way in; prints each file's
/// fate with its document id and a summary; fails if any file failed.
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
    let mut store = Store::open(&args.data.dir)?;
    let progress = ProgressBar::new(files.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if files.len() < 2 {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let (mut ingested, mut duplicates) = (0, 0);
    let mut failed: Vec<String> = Vec::new();
    for (path, base) in &files {
        progress.set_message(path.display().to_string());
        let mut decoded_from = None;
        let outcome = read_document(path, args.max_document_bytes)
            .map_err(|e| e.to_string())
            .and_then(|doc| {
                if doc.encoding != TextEncoding::Utf8 {
                    decoded_from = Some(doc.encoding);
                }
                let input = IngestInput {
                    title: args.title.clone(),
                    text: doc.text,
                    source: Some(
                        args.source
                            .clone()
                            .unwrap_or_else(|| client_source(path, *base)),
                    ),
                    date: args.date,
                    language: args.language,
                };
                admit(&mut store, input, args.max_document_bytes)
                    .map_err(|e| format!("{}: {e}", path.display()))
            });
        // A file in another encoding is stored as its UTF-8 decoding: say so.
        let decoded = decoded_from
            .map(|e| format!(" (decoded from {e})"))
            .unwrap_or_default();
        // Printed above the progress bar, on standard output, one line per file.
        let line = match outcome {
            Ok(a) if a.new => {
                ingested += 1;
                format!("stored     {}  {}{decoded}", a.document.id, path.display())
            }
            Ok(a) => {
                duplicates += 1;
                format!(
                    "duplicate  {}  {}{decoded} (the same text is stored already)",
                    a.document.id,
                    path.display()
                )
            }
            Err(e) => {
                let line = format!("failed     {e}");
                failed.push(e);
                line
            }
        };
        progress.suspend(|| println!("{line}"));
        progress.inc(1);
    }
    progress.finish_and_clear();
    println!(
        "{ingested} ingested, {duplicates} duplicates, {} failed, into {}",
        failed.len(),
        store.path().display()
    );
    for f in &failed {
        eprintln!("kgraph: {f}");
    }
    if !failed.is_empty() {
        bail!(
            "{} of {} files could not be ingested",
            failed.len(),
            files.len()
        );
    }
    if ingested > 0 {
        println!(
            "a running `kgraph serve` picks them up at its next start, reloadDictionaries or SIGHUP"
        );
    }
    Ok(())
}
