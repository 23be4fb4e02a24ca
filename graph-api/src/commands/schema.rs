//! `kgraph schema`: print the GraphQL schema in SDL.

use anyhow::{Context as _, Result};

use crate::cli::SchemaArgs;

/// Prints the SDL, or writes it to a file (`kgraph schema -o schema.graphql`).
pub fn run(args: SchemaArgs) -> Result<()> {
    let sdl = crate::schema::sdl();
    match args.output {
        Some(path) => {
            std::fs::write(&path, sdl).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            print!("{sdl}");
            Ok(())
        }
    }
}
