//! graph-api: the GraphQL API, HTTP server, store and command line of kgraph, over graph-core.
//!
//! - [`schema`]: the GraphQL schema, thin views over graph-core's types, one module per object;
//! - [`server`]: the axum routes (GraphQL over HTTP, the WebSocket, exports, the offline
//!   playground) and `serve(listener, state, shutdown)`;
//! - [`explorer`]: the browser app at `/explore`, embedded in the binary, built on the public API;
//! - [`live`]: the graph being served, an immutable snapshot that readers share, and the writers
//!   (ingest, remove, reload) that publish the next one; [`live::admit`] is the one way a
//!   document enters the store, for the server and `kgraph ingest` alike;
//! - [`store`]: the SQLite store of ingested documents, which knows nothing of GraphQL;
//! - [`filter`]: the request model, kinds and relations as the enums that the CLI, GraphQL and
//!   the HTTP export routes all parse into, and the export filter built from them;
//! - [`corpus`]: corpus directories read with sources fit to show clients;
//! - [`cli`] and [`commands`]: the `kgraph` command line, one module per subcommand;
//! - [`workload`]: the synthetic workloads of `kgraph gen` and the benchmarks, and the raw scan
//!   extraction is measured against.
//!
//! graph-api depends on graph-core, never the reverse: only this crate knows GraphQL, HTTP and
//! the store.

pub mod cli;
pub mod commands;
pub mod corpus;
pub mod explorer;
pub mod filter;
pub mod live;
pub mod review;
pub mod schema;
pub mod server;
pub mod store;
pub mod workload;
