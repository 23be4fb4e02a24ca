//! The accept loop: connections with timeouts, a cap on how many are open, and a shutdown that
//! ends within a bound.
//!
//! `axum::serve` gives no hold on a connection: a client that sends its headers a byte a second,
//! or never reads its answer, keeps a connection and a file descriptor for as long as it likes,
//! and enough of them leave none for anyone else. Here hyper serves each connection with
//!
//! - a header timeout ([`ServerConfig::header_timeout`]): a request's headers must have arrived
//!   that long after the server started waiting for them, and a connection kept alive between
//!   requests is closed after as long without a new one;
//! - an idle timeout ([`ServerConfig::idle_timeout`]): a read that waits longer for any byte
//!   fails (a body that stalls; a WebSocket whose client answers no ping);
//! - a write timeout ([`ServerConfig::write_timeout`]): a write that waits longer for the client
//!   to take the bytes fails, and the answer it held is freed;
//! - a cap on open connections ([`ServerConfig::max_connections`], and never more than the
//!   process may open files, less a reserve): past it, new connections wait in the kernel's
//!   backlog, holding no descriptor of kgraph's, until one closes.

use std::future::Future;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt as _;

use super::{AppState, ServerConfig, app};

/// Descriptors kept for the store, the listener and the rest when the connection cap is set
/// from the process's limit on open files.
const RESERVED_DESCRIPTORS: usize = 128;

/// The open-file limit of this process (the soft one), where the system tells it.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

impl ServerConfig {
    /// The connections that may be open at once: the configured cap, within the open-file limit.
    pub fn connection_cap(&self) -> usize {
        let by_files = open_file_limit()
            .map(|n| n.saturating_sub(RESERVED_DESCRIPTORS).max(16))
            .unwrap_or(usize::MAX);
        self.max_connections.min(by_files).max(1)
    }
}

/// Serves `app(state)` on `listener` until `shutdown` completes; then stops accepting, lets the
/// requests under way finish (for at most [`ServerConfig::shutdown_grace`]) and returns.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let config = state.config.clone();
    let stopping = state.stopping.clone();
    let connections = state.connections.clone();
    let router = app(state);
    let mut shutdown = std::pin::pin!(shutdown);
    let mut tasks = JoinSet::new();
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of descriptors or a connection reset before it was taken: wait a
                    // little rather than spin, and go on.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let mut timed = TimeoutStream::new(stream);
        timed.set_read_timeout(Some(config.idle_timeout));
        timed.set_write_timeout(Some(config.write_timeout));
        let io = TokioIo::new(Box::pin(timed));
        let router = router.clone();
        let service = hyper::service::service_fn(move |request| router.clone().oneshot(request));
        let header_timeout = config.header_timeout;
        let mut stop = stopping.subscribe();
        tasks.spawn(async move {
            let _permit = permit;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(io, service)
                .with_upgrades();
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!("a connection ended: {e}");
                    }
                }
                () = async { let _ = stop.wait_for(|s| *s).await; } => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
        // Finished connections are reaped here, so the set holds the open ones only.
        while tasks.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = stopping.send(true);
    let drained = tokio::time::timeout(config.shutdown_grace, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            open = tasks.len(),
            "connections still open after {} s of shutdown were closed",
            config.shutdown_grace.as_secs_f64()
        );
        tasks.abort_all();
    }
    Ok(())
}
