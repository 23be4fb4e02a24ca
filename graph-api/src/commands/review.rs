//! `kgraph review list|accept|alias|reject|undo|export`: review decisions made offline, on the
//! store of the data directory, through the same checks as the server's mutations.

use std::sync::Arc;

use anyhow::{Result, anyhow};
use graph_core::KnowledgeGraph;

use crate::cli::ReviewCommand;
use crate::review::{self, DecideError, Decision, Reviewed};
use crate::schema::review::{AcceptInput, rfc3339};
use crate::store::Store;

/// Runs one review subcommand.
pub fn run(command: ReviewCommand) -> Result<()> {
    match command {
        ReviewCommand::List(args) => {
            let store = Store::open(&args.data.dir)?;
            let mut reviews = Reviewed::all(store.reviews()?);
            reviews.reverse();
            println!(
                "{:>4}  {:<20}  {:<6}  {:<7}  what",
                "n", "at", "action", "state"
            );
            for r in &reviews {
                println!(
                    "{:>4}  {:<20}  {:<6}  {:<7}  {}",
                    r.seq,
                    rfc3339(r.made_at),
                    r.decision.action(),
                    if r.undone_at.is_some() {
                        "undone"
                    } else {
                        "applied"
                    },
                    describe(&r.decision)
                );
            }
            println!(
                "{} decision{} in {}",
                reviews.len(),
                if reviews.len() == 1 { "" } else { "s" },
                store.path().display()
            );
            Ok(())
        }
        ReviewCommand::Accept(args) => {
            super::require_dir(&args.inputs.dictionaries, "dictionary", "--dictionaries")?;
            let mut store = Store::open(&args.data.dir)?;
            let graph = reviewed_graph(&store, &args.inputs)?;
            let input = AcceptInput {
                key: args.candidate.clone(),
                id: args.id,
                kind: args.kind,
                name: args.name,
                name_zh: args.name_zh,
                aliases: (!args.aliases.is_empty()).then_some(args.aliases),
                clusters: (!args.clusters.is_empty())
                    .then(|| args.clusters.into_iter().map(async_graphql::ID).collect()),
                parks: (!args.parks.is_empty())
                    .then(|| args.parks.into_iter().map(async_graphql::ID).collect()),
                description: args.description,
                source: args.source,
            };
            let (decision, key) = input.decision(&graph).map_err(|e| anyhow!(e.message))?;
            let decided = record(&mut store, &args.inputs.dictionaries, decision, Some(key))?;
            if let Decision::Accept(e) = &decided.review.decision {
                let mut list = toml_edit::ArrayOfTables::new();
                list.push(e.to_table());
                let mut doc = toml_edit::DocumentMut::new();
                doc.insert("entity", toml_edit::Item::ArrayOfTables(list));
                print!("{doc}");
            }
            done(&decided.review);
            Ok(())
        }
        ReviewCommand::Alias(args) => {
            let (dir, mut store) = open(&args.review)?;
            let key = graph_core::discover::normalize(&args.alias);
            let decision = Decision::Alias {
                entity: args.entity,
                alias: args.alias.trim().to_owned(),
            };
            let decided = record(&mut store, dir, decision, Some(key))?;
            done(&decided.review);
            Ok(())
        }
        ReviewCommand::Reject(args) => {
            let (dir, mut store) = open(&args.review)?;
            let key = graph_core::discover::normalize(&args.candidate);
            let decision = Decision::Reject { key: key.clone() };
            let decided = record(&mut store, dir, decision, Some(key))?;
            done(&decided.review);
            Ok(())
        }
        ReviewCommand::Undo(args) => {
            let (dir, mut store) = open(&args.review)?;
            let undone = review::undo_and_record(&mut store, dir, args.seq)
                .map_err(decide_error)?
                .ok_or_else(|| {
                    anyhow!(
                        "no review decision {} (`kgraph review list` shows them)",
                        args.seq
                    )
                })?;
            println!(
                "undid {}: {}",
                undone.review.seq,
                describe(&undone.review.decision)
            );
            println!(
                "a running `kgraph serve` applies it at its next start, reloadDictionaries or SIGHUP"
            );
            Ok(())
        }
        ReviewCommand::Export(args) => {
            let (dir, store) = open(&args.review)?;
            let reviews = Reviewed::all(store.reviews()?);
            let written = review::export(dir, &reviews, &args.output)?;
            let changed = written.iter().filter(|(_, c)| *c).count();
            for (path, was_changed) in &written {
                if *was_changed {
                    println!("changed    {}", path.display());
                }
            }
            println!(
                "wrote {} dictionary file{} into {} ({changed} changed by {} decision{}); check them with `kgraph check --dictionaries {}`",
                written.len(),
                if written.len() == 1 { "" } else { "s" },
                args.output.display(),
                reviews.iter().filter(|r| r.undone_at.is_none()).count(),
                if reviews.iter().filter(|r| r.undone_at.is_none()).count() == 1 {
                    ""
                } else {
                    "s"
                },
                args.output.display()
            );
            Ok(())
        }
    }
}

/// The dictionary directory (which must exist) and the store of a review subcommand.
fn open(args: &crate::cli::ReviewStoreArgs) -> Result<(&std::path::Path, Store)> {
    super::require_dir(&args.dictionaries, "dictionary", "--dictionaries")?;
    Ok((&args.dictionaries, Store::open(&args.data.dir)?))
}

/// The graph of the corpus and the stored documents, with the store's decisions applied.
fn reviewed_graph(store: &Store, inputs: &crate::cli::Inputs) -> Result<Arc<KnowledgeGraph>> {
    let (extractor, docs) = reviewed_inputs(store, inputs)?;
    Ok(Arc::new(KnowledgeGraph::build(extractor, docs)))
}

/// The extractor of the dictionaries with the store's decisions applied, and the documents of
/// the corpus and the store.
pub fn reviewed_inputs(
    store: &Store,
    inputs: &crate::cli::Inputs,
) -> Result<(Arc<graph_core::Extractor>, Vec<graph_core::DocumentInput>)> {
    let reviews = Reviewed::all(store.reviews()?);
    let extractor = super::load_reviewed_extractor(&inputs.dictionaries, &reviews)?;
    let (mut docs, _) = super::read_corpus_dir(&inputs.corpus)?;
    docs.extend(store.all()?.into_iter().map(crate::live::stored_input));
    Ok((extractor, docs))
}

fn record(
    store: &mut Store,
    dir: &std::path::Path,
    decision: Decision,
    candidate: Option<String>,
) -> Result<review::Decided> {
    review::decide_and_record(store, dir, decision, candidate).map_err(decide_error)
}

fn decide_error(e: DecideError) -> anyhow::Error {
    match e {
        DecideError::Refused(r) => anyhow!("refused: {r}"),
        DecideError::Dictionary(e) => anyhow::Error::new(e).context("reading the dictionaries"),
        DecideError::Store(e) => anyhow::Error::new(e),
    }
}

fn done(r: &Reviewed) {
    println!("decision {}: {}", r.seq, describe(&r.decision));
    println!(
        "a running `kgraph serve` applies it at its next start, reloadDictionaries or SIGHUP; \
         `kgraph review export -o DIR` writes it into dictionary files"
    );
}

fn describe(d: &Decision) -> String {
    match d {
        Decision::Accept(e) => format!("accept {:?} as {} ({})", e.name, e.id, e.kind),
        Decision::Alias { entity, alias } => format!("alias {alias:?} of {entity}"),
        Decision::Reject { key } => format!("reject {key:?}"),
    }
}
