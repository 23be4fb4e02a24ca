//! `kgraph serve` (and `kgraph` alone): serve the API and the playground.

use anyhow::{Context as _, Result};

use crate::cli::ServeArgs;
use crate::server::{AppState, serve};

/// Builds the graph, then serves it until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> Result<()> {
    let graph = super::load_graph(&args.inputs)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {} (is it in use? choose another with --addr)", args.addr))?;
        let addr = listener.local_addr().context("reading the listening address")?;
        let stats = graph.stats();
        println!(
            "kgraph: serving {} documents and {} entities on http://{addr}/ (playground at /, GraphQL at /graphql)",
            stats.documents, stats.entities
        );
        serve(listener, AppState::new(graph), shutdown_signal())
            .await
            .context("serving HTTP")?;
        println!("kgraph: stopped");
        Ok(())
    })
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!("cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests under way");
}
