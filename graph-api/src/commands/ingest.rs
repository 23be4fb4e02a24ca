//! `kgraph ingest PATH...`: store articles in the data directory, with a summary of what happened.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use graph_core::corpus::list_documents;
use graph_core::{TextEncoding, read_document};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::IngestArgs;
use crate::live::{IngestInput, validate};
use crate::store::Store;

/// Stores every readable article; reports duplicates and failures; fails if any file failed.
pub fn run(args: IngestArgs) -> Result<()> {
    let mut files: Vec<PathBuf> = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            files.extend(
                list_documents(path).with_context(|| format!("listing {}", path.display()))?,
            );
        } else {
            files.push(path.clone());
        }
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
    for path in &files {
        progress.set_message(path.display().to_string());
        let mut decoded_from = None;
        let outcome = read_document(path, args.max_document_bytes)
            .map_err(|e| e.to_string())
            .and_then(|doc| {
                if doc.encoding != TextEncoding::Utf8 {
                    decoded_from = Some(doc.encoding);
                }
                validate(
                    IngestInput {
                        text: doc.text,
                        source: Some(path.display().to_string()),
                        ..IngestInput::default()
                    },
                    args.max_document_bytes,
                )
                .map_err(|e| format!("{}: {e}", path.display()))
            })
            .and_then(|doc| store.insert(&doc).map_err(|e| e.to_string()));
        // A file in another encoding is stored as its UTF-8 decoding: say so.
        let decoded = decoded_from
            .map(|e| format!(" (decoded from {e})"))
            .unwrap_or_default();
        match outcome {
            Ok((stored, true)) => {
                ingested += 1;
                progress.println(format!(
                    "stored    {} ← {}{decoded}",
                    stored.id,
                    path.display()
                ));
            }
            Ok((stored, false)) => {
                duplicates += 1;
                progress.println(format!(
                    "duplicate {} ← {}{decoded}",
                    stored.id,
                    path.display()
                ));
            }
            Err(e) => {
                progress.println(format!("failed    {e}"));
                failed.push(e);
            }
        }
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
