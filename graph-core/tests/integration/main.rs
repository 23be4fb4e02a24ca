//! graph-core's integration tests, one binary: the seed acceptance tests, then dictionaries,
//! discovery, matching, properties, exports, the replay of fuzzing inputs and
//! the zone's curated dictionary on written sentences. Fixtures live in
//! `common` and in `tests/data/`.

// clippy.toml allows these inside #[test] functions only; the fixture helpers and the small
// parsers here panic too, which is what a broken fixture or a malformed output should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod dictionary;
mod discovery;
mod dot;
mod formats;
mod fuzz_regressions;
mod input;
mod matching;
mod places;
mod properties;
mod relations;
mod seeds;
mod zone;
