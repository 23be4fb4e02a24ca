//! `kgraph documents list|remove`: the documents of the store in the data directory.

use anyhow::{Result, bail};

use crate::cli::DocumentsCommand;
use crate::store::Store;

/// Lists or removes stored documents.
pub fn run(command: DocumentsCommand) -> Result<()> {
    match command {
        DocumentsCommand::List(args) => {
            let store = Store::open(&args.data.dir)?;
            let documents = store.all()?;
            println!(
                "{:<20}  {:<10}  {:<5}  {:<40}  source",
                "id", "date", "lang", "title"
            );
            for d in &documents {
                let title: String = d.title.as_deref().unwrap_or("-").chars().take(40).collect();
                println!(
                    "{:<20}  {:<10}  {:<5}  {title:<40}  {}",
                    d.id,
                    d.date.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                    d.language.map_or("-", |l| l.as_str()),
                    d.source.as_deref().unwrap_or("-"),
                );
            }
            println!(
                "{} document{} in {}",
                documents.len(),
                if documents.len() == 1 { "" } else { "s" },
                store.path().display()
            );
            Ok(())
        }
        DocumentsCommand::Remove(args) => {
            let mut store = Store::open(&args.data.dir)?;
            let mut missing = Vec::new();
            for id in &args.ids {
                if store.remove(id)? {
                    println!("removed    {id}");
                } else {
                    println!("not found  {id}");
                    missing.push(id.as_str());
                }
            }
            if !missing.is_empty() {
                bail!(
                    "no stored document has the id {} (`kgraph documents list` shows them)",
                    missing.join(", ")
                );
            }
            println!(
                "a running `kgraph serve` drops them at its next start, reloadDictionaries or SIGHUP"
            );
            Ok(())
        }
    }
}
