//! graph-api's integration tests: the real server over real HTTP, the real binary, real files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod common;
mod explorer;
mod exports;
mod http;
mod ingest;
mod reliability;
mod schema_file;
