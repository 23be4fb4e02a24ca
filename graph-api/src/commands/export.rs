//! `kgraph export`: write the graph, or a filtered part of it, for Graphviz.

use std::io::Write as _;

use anyhow::{Context as _, Result, anyhow, bail};
use graph_core::{
    DotOptions, EntityKind, GroupBy, KnowledgeGraph, RelationKind, Selection, select, write_dot,
};

use crate::cli::{ExportArgs, ExportFormat, GroupByArg};

/// Turns the filter flags into a checked [`Selection`]; unknown ids and kinds are named.
pub fn selection(graph: &KnowledgeGraph, args: &ExportArgs) -> Result<Selection> {
    let entity_id = |id: &str, flag: &str| {
        graph.entity_by_id(id).ok_or_else(|| {
            anyhow!(
                "{flag} {id:?}: no entity has this id (try `kgraph extract` or the `lookup` query)"
            )
        })
    };
    let kinds = args
        .kinds
        .iter()
        .map(|k| {
            EntityKind::parse(k).ok_or_else(|| {
                anyhow!(
                    "--kind {k:?}: expected one of {}",
                    EntityKind::ALL.map(|k| k.as_str()).join(", ")
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let relations = args
        .relations
        .iter()
        .map(|r| {
            RelationKind::parse(r).ok_or_else(|| {
                anyhow!(
                    "--relation {r:?}: expected one of {}",
                    RelationKind::ALL
                        .map(|k| k.as_str().to_lowercase())
                        .join(", ")
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let cluster = match &args.cluster {
        Some(id) => {
            let idx = entity_id(id, "--cluster")?;
            if graph.entity(idx).kind != EntityKind::Cluster {
                bail!(
                    "--cluster {id:?} is a {}, not a cluster",
                    graph.entity(idx).kind
                );
            }
            Some(idx)
        }
        None => None,
    };
    Ok(Selection {
        entity: args
            .entity
            .as_deref()
            .map(|id| entity_id(id, "--entity"))
            .transpose()?,
        depth: args.depth,
        kinds,
        relations,
        cluster,
        min_weight: args.min_weight,
        top: args.top,
        ..Selection::default()
    })
}

/// Writes the export to the output file or standard output.
pub fn run(args: ExportArgs) -> Result<()> {
    let graph = super::load_graph(&args.inputs)?;
    let selection = selection(&graph, &args)?;
    let sub = select(&graph, &selection);
    let mut buf = Vec::new();
    match args.format {
        ExportFormat::Dot => {
            let opts = DotOptions {
                group_by: args.group_by.map(|g| match g {
                    GroupByArg::Cluster => GroupBy::Cluster,
                    GroupByArg::Kind => GroupBy::Kind,
                }),
                title: args
                    .entity
                    .as_deref()
                    .and_then(|id| graph.entity_by_id(id))
                    .map(|idx| format!("Around {}", graph.entity(idx).name)),
            };
            write_dot(&graph, &sub, &opts, &mut buf)?;
        }
    }
    tracing::info!(nodes = sub.nodes.len(), edges = sub.edges.len(), "exported");
    match &args.output {
        Some(path) => {
            std::fs::write(path, &buf).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)?;
            out.flush()?;
        }
    }
    Ok(())
}
