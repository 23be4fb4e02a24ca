//! graph-api: the GraphQL API, HTTP server and command line of kgraph, over graph-core.
//!
//! - [`schema`]: the GraphQL schema, thin views over graph-core's types;
//! - [`server`]: the axum routes, the offline playground, `serve(listener, state, shutdown)`;
//! - [`cli`] and [`commands`]: the `kgraph` command line, one module per subcommand;
//! - [`filter`]: the export filter shared by the CLI, the HTTP export routes and GraphQL;
//! - [`workload`]: the synthetic workloads of `kgraph gen` and the benchmarks, and the raw scan
//!   extraction is measured against.
//!
//! graph-api depends on graph-core, never the reverse: only this crate knows GraphQL and HTTP.

pub mod cli;
pub mod commands;
pub mod filter;
pub mod live;
pub mod schema;
pub mod server;
pub mod store;
pub mod workload;
