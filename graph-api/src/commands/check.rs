//! `kgraph check`: validate the dictionaries.

use anyhow::{Result, bail};
use graph_core::{Dictionary, EntityKind, Error};

use crate::cli::CheckArgs;

/// Prints every problem with its file and line; fails if there is any.
pub fn run(args: CheckArgs) -> Result<()> {
    let dir = args.dictionaries;
    super::require_dir(&dir, "dictionary", "--dictionaries")?;
    match Dictionary::load_dir(&dir) {
        Ok(dict) => {
            let per_kind: Vec<String> = EntityKind::ALL
                .iter()
                .map(|&k| {
                    format!(
                        "{} {k}",
                        dict.entities().iter().filter(|e| e.kind == k).count()
                    )
                })
                .collect();
            let spellings: usize = dict.entities().iter().map(|e| e.spellings().count()).sum();
            println!(
                "{}: OK, {} entities ({}), {spellings} spellings",
                dir.display(),
                dict.len(),
                per_kind.join(", ")
            );
            Ok(())
        }
        Err(Error::Dictionary(errors)) => {
            for e in errors.errors() {
                eprintln!("{e}");
            }
            let n = errors.errors().len();
            bail!(
                "{n} problem{} in {}",
                if n == 1 { "" } else { "s" },
                dir.display()
            )
        }
        Err(e) => Err(e.into()),
    }
}
