//! graph-api's integration tests, one binary: the schema through `schema::execute` and the routes
//! through axum's `oneshot` where no socket is needed; the real server over real HTTP and
//! WebSocket, the real binary, real files, Node's graphql-http audits and a real browser where
//! they matter.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod audit;
mod candidates;
mod cli;
mod common;
mod explorer;
mod exports;
mod fuzz_regressions;
mod hostile;
mod http;
mod ingest;
mod playground;
mod queries;
mod reextract;
mod reliability;
mod review;
mod schema_file;
mod spec;
mod time;
mod websocket;
