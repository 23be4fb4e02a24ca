//! `kgraph export`: write the graph, or a filtered part of it, for Graphviz.

use anyhow::Result;

use crate::cli::ExportArgs;

/// Writes the export.
pub fn run(_args: ExportArgs) -> Result<()> {
    anyhow::bail!("export is being wired to the DOT writer")
}
