//! The `kgraph` binary: parse the command line, start logging, run, turn errors into an exit code.

use std::io::IsTerminal as _;
use std::process::ExitCode;

use clap::Parser as _;
use graph_api::cli::Cli;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal: in a file, a pipe or a journal they are
        // noise that hides the words.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    match graph_api::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kgraph: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
