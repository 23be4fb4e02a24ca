//! `kgraph check`: validate the dictionaries.

use anyhow::{Result, bail};
use std::collections::BTreeMap;

use graph_core::{Dictionary, EntityKind, Error};

use crate::cli::CheckArgs;

/// Prints every problem with its file and line; fails if there is any.
pub fn run(args: CheckArgs) -> Result<()> {
    let dir = args.dictionaries;
    super::require_dir(&dir, "dictionary", "--dictionaries")?;
    match Dictionary::load_dir(&dir) {
        Ok(dict) => {
            report_sources(&dict);
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

/// Warns about every entity without a `source`, then prints per file how many have one: a fact
/// nobody can check is a weaker fact, but not an error.
fn report_sources(dict: &Dictionary) {
    // `defined_at` is `file:line`; the file is everything before the last colon.
    let file_of = |at: &str| at.rsplit_once(':').map_or(at, |(f, _)| f).to_owned();
    let line_of = |at: &str| {
        at.rsplit_once(':')
            .and_then(|(_, l)| l.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let mut per_file: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut unsourced = Vec::new();
    for e in dict.entities() {
        let counts = per_file.entry(file_of(&e.defined_at)).or_default();
        counts.0 += 1;
        if e.source.is_some() {
            counts.1 += 1;
        } else {
            unsourced.push((file_of(&e.defined_at), line_of(&e.defined_at), e));
        }
    }
    unsourced.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    for (_, _, e) in unsourced {
        eprintln!("{}: warning: {:?} has no `source`", e.defined_at, e.id);
    }
    for (file, (all, sourced)) in &per_file {
        let share = if *all == 0 { 0 } else { sourced * 100 / all };
        println!("{file}: {all} entities, {sourced} with a source ({share}%)");
    }
}
