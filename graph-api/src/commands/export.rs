//! `kgraph export`: write the graph, or a filtered part of it, as DOT, GraphML, JSON or CSV.

use std::io::Write as _;

use anyhow::{Context as _, Result, anyhow};
use graph_core::{
    DotOptions, Format, GroupBy, KnowledgeGraph, select, write_csv_dir, write_export,
};

use crate::cli::{ExportArgs, GroupByArg};
use crate::filter::ExportFilter;

/// The filter the flags describe.
pub fn filter(args: &ExportArgs) -> ExportFilter {
    ExportFilter {
        entity: args.entity.clone(),
        depth: Some(args.depth),
        kinds: args.kinds.clone(),
        relations: args.relations.clone(),
        cluster: args.cluster.clone(),
        min_weight: Some(args.min_weight),
        top: args.top,
        neighbor_co_mentions: args.neighbor_co_mentions,
    }
}

/// The DOT title and grouping for an export: "Around <name>" for an ego network.
pub fn dot_options(
    graph: &KnowledgeGraph,
    filter: &ExportFilter,
    group_by: Option<GroupBy>,
) -> DotOptions {
    let around = |id: &str| graph.entity_by_id(id).map(|i| graph.entity(i).name.clone());
    DotOptions {
        group_by,
        title: match (&filter.entity, &filter.cluster) {
            (Some(id), _) => around(id).map(|n| format!("Around {n}")),
            (None, Some(id)) => around(id).map(|n| format!("The {n} cluster")),
            _ => None,
        },
    }
}

/// Writes the export to the output file (or directory, for CSV) or standard output.
pub fn run(args: ExportArgs) -> Result<()> {
    let graph = super::load_graph(&args.inputs)?;
    let filter = filter(&args);
    let selection = filter.to_selection(&graph).map_err(|e| anyhow!("--{e}"))?;
    let sub = select(&graph, &selection);
    let format: Format = args.format.into();
    let group_by = args.group_by.map(|g| match g {
        GroupByArg::Cluster => GroupBy::Cluster,
        GroupByArg::Kind => GroupBy::Kind,
    });
    tracing::info!(
        nodes = sub.nodes.len(),
        edges = sub.edges.len(),
        format = format.as_str(),
        "exporting"
    );
    if format == Format::Csv {
        let dir = args
            .output
            .as_deref()
            .context("--format csv needs -o DIR")?;
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        return write_csv_dir(&graph, &sub, dir)
            .with_context(|| format!("writing CSV into {}", dir.display()));
    }
    let mut buf = Vec::new();
    write_export(
        &graph,
        &sub,
        format,
        &dot_options(&graph, &filter, group_by),
        &mut buf,
    )?;
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
