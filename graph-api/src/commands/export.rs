//! `kgraph export`: write the graph, or a filtered part of it, as DOT, GraphML, JSON or CSV.

use std::io::Write as _;

use anyhow::{Context as _, Result, anyhow};
use graph_core::{Format, select, write_csv_dir, write_export};

use crate::cli::ExportArgs;
use crate::filter::ExportFilter;

/// The filter the flags describe.
pub fn filter(args: &ExportArgs) -> ExportFilter {
    ExportFilter {
        entity: args.entity.clone(),
        depth: Some(args.depth),
        kinds: args.kinds.clone(),
        relations: args.relations.clone(),
        status: args.status.clone(),
        cluster: args.cluster.clone(),
        min_weight: Some(args.min_weight),
        top: args.top,
        neighbor_co_mentions: args.neighbor_co_mentions,
        from: args.from.clone(),
        to: args.to.clone(),
        group_by: args.group_by,
    }
}

/// Writes the export to the output file (or directory, for CSV) or standard output.
pub fn run(args: ExportArgs) -> Result<()> {
    let filter = filter(&args);
    let graph = filter.graph(&super::load_graph(&args.inputs)?);
    let selection = filter.to_selection(&graph).map_err(|e| anyhow!("--{e}"))?;
    let sub = select(&graph, &selection);
    let format: Format = args.format.into();
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
    write_export(&graph, &sub, format, &filter.dot_options(&graph), &mut buf)?;
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
