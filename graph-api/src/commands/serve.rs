//! `kgraph serve` (and `kgraph` alone): serve the API, the explorer and the playground.

use std::io::Write as _;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context as _, Result};

use crate::cli::ServeArgs;
use crate::live::{Live, LiveConfig};
use crate::server::{AppState, ServerConfig, serve};
use crate::store::Store;

/// Opens the store, builds the graph from the corpus and the store, and serves it until Ctrl-C
/// or SIGTERM. SIGHUP reloads the dictionaries.
pub fn run(args: ServeArgs) -> Result<()> {
    let started = Instant::now();
    let dictionaries = args.inputs.dictionaries.clone();
    let corpus_dir = args.inputs.corpus.clone();
    let store = Store::open(&args.data.dir)?;
    let reviews = crate::review::Reviewed::all(store.reviews()?);
    let extractor = super::load_reviewed_extractor(&dictionaries, &reviews)?;
    let (corpus, _) = super::read_corpus_dir(&corpus_dir)?;
    let config = LiveConfig {
        dictionaries: Some(dictionaries),
        corpus: Some(corpus_dir),
        max_document_bytes: args.max_document_bytes,
    };
    let live = Arc::new(Live::open(extractor, corpus, store, config)?);
    let mut server_config =
        ServerConfig::for_address(args.addr, args.token.clone(), args.max_document_bytes);
    server_config.request_timeout = args.request_timeout;
    server_config.response_cache_bytes = args.response_cache_mb.saturating_mul(1 << 20);
    server_config.max_answer_bytes = args.max_answer_mb.max(1).saturating_mul(1 << 20);
    let seconds = |s: u64| std::time::Duration::from_secs(s.max(1));
    server_config.header_timeout = seconds(args.header_timeout);
    server_config.idle_timeout = seconds(args.idle_timeout);
    server_config.write_timeout = seconds(args.write_timeout);
    server_config.max_connections = args.max_connections.max(1);
    server_config.ws_max_message_bytes = args.ws_max_message_bytes.max(1024);
    server_config.ws_init_timeout = seconds(args.ws_init_timeout);
    server_config.ws_max_operations = args.ws_max_operations.max(1);
    server_config.shutdown_grace =
        server_config.request_timeout + std::time::Duration::from_secs(1);
    for origin in &args.cors_origins {
        let value = axum::http::HeaderValue::from_str(origin.trim())
            .with_context(|| format!("--cors-origin {origin:?} is not a valid origin"))?;
        server_config.cors_origins.push(value);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {} (is it in use? choose another with --addr)", args.addr))?;
        let addr = listener.local_addr().context("reading the listening address")?;
        let stats = live.snapshot().stats();
        // Written, not println!-ed: a closed standard output must not bring the server down.
        let _ = writeln!(
            std::io::stdout(),
            "kgraph: serving {} documents and {} entities on http://{addr}/ (explorer at /explore, playground at /playground, GraphQL at /graphql) in {} ms",
            stats.documents,
            stats.entities,
            started.elapsed().as_millis()
        );
        let _ = std::io::stdout().flush();
        spawn_reload_on_hangup(live.clone());
        serve(listener, AppState::with_config(live.clone(), server_config), shutdown_signal())
            .await
            .context("serving HTTP")?;
        Ok::<(), anyhow::Error>(())
    });
    // Shutting the runtime down ends its last tasks (the SIGHUP listener), which hold the last
    // references to the live graph: the store closes here, and SQLite checkpoints its WAL. A
    // thread of the blocking pool still busy (a request past its deadline, in one long step) is
    // not waited for beyond a few seconds: the process must stop when told to.
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    served?;
    tracing::info!("the store is closed");
    let _ = writeln!(std::io::stdout(), "kgraph: stopped");
    Ok(())
}

/// Reloads the dictionaries on every SIGHUP, as `reloadDictionaries` does.
fn spawn_reload_on_hangup(live: Arc<Live>) {
    #[cfg(unix)]
    tokio::spawn(async move {
        let mut hangups =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()) {
                Ok(s) => s,
                Err(e) => {
                    tracing::error!("cannot listen for SIGHUP: {e}");
                    return;
                }
            };
        while hangups.recv().await.is_some() {
            tracing::info!("SIGHUP: reloading the dictionaries");
            match live.reload().await {
                Ok(graph) => tracing::info!(entities = graph.dictionary().len(), "reloaded"),
                Err(e) => tracing::error!("reload refused, the previous graph keeps serving: {e}"),
            }
        }
    });
    #[cfg(not(unix))]
    let _ = live;
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
