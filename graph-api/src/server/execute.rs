//! Where a GraphQL request runs: on the blocking pool, a few at a time, within its budget.
//!
//! Parsing, validating and running a request is CPU work that never waits: on one of tokio's
//! few worker threads it would hold that thread until done, so the request timeout (a timer on
//! the same thread) could not fire, `/health` and every other client would wait, and shutdown
//! would hang behind it. Here each request runs on a thread of the blocking pool, at most
//! [`ServerConfig::max_executions`] at once; the handler only waits for it, with a deadline.
//! The budget (`schema::budget`) stops the work itself at that deadline or when the answer grows
//! past its limit, so a request that was answered `TIMEOUT` does not run on unseen.

use std::sync::Arc;
use std::time::Duration;

use async_graphql::{Response, ServerError};
use tokio::sync::Semaphore;
use tracing::Instrument as _;

use super::ServerConfig;
use crate::schema::budget::{self, Budget, timeout_error};
use crate::schema::{ErrorCode, KgraphSchema, request_error};

/// Runs GraphQL requests off the async workers.
#[derive(Clone)]
pub(super) struct Executions {
    schema: KgraphSchema,
    permits: Arc<Semaphore>,
    timeout: Duration,
    max_answer_bytes: usize,
}

impl Executions {
    pub(super) fn new(schema: KgraphSchema, config: &ServerConfig) -> Executions {
        Executions {
            schema,
            permits: Arc::new(Semaphore::new(config.max_executions.max(1))),
            timeout: config.request_timeout,
            max_answer_bytes: config.max_answer_bytes,
        }
    }

    /// Runs `request` and answers within the request timeout, whatever it asks.
    pub(super) async fn run(&self, request: async_graphql::Request) -> Response {
        let budget = Budget::new(self.timeout, self.max_answer_bytes);
        let deadline = budget.deadline();
        // Waiting for a turn counts against the request's time.
        let permit =
            match tokio::time::timeout_at(deadline, self.permits.clone().acquire_owned()).await {
                Ok(Ok(permit)) => permit,
                Ok(Err(_)) => return Response::from_errors(vec![closed()]),
                Err(_) => return timed_out(self.timeout),
            };
        let schema = self.schema.clone();
        let runtime = tokio::runtime::Handle::current();
        let span = tracing::Span::current();
        let work = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            runtime.block_on(budget::run(&schema, request, budget).instrument(span))
        });
        // The budget stops the work at the deadline; the margin covers a resolver busy in one
        // long step (an extraction) when it passes.
        match tokio::time::timeout_at(deadline + Duration::from_secs(1), work).await {
            Ok(Ok(response)) => response,
            Ok(Err(e)) => {
                tracing::error!("a GraphQL request failed on its thread: {e}");
                Response::from_errors(vec![request_error(
                    ErrorCode::Internal,
                    "an internal error occurred (see the server log)",
                )])
            }
            Err(_) => timed_out(self.timeout),
        }
    }
}

fn timed_out(timeout: Duration) -> Response {
    tracing::warn!(
        "a GraphQL request ran longer than {} s and was stopped",
        timeout.as_secs_f64()
    );
    Response::from_errors(vec![timeout_error(timeout)])
}

fn closed() -> ServerError {
    request_error(ErrorCode::Unavailable, "the server is shutting down")
}
