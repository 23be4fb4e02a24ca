//! The response cache: answers to read-only queries, by graph version and request body.

use bytes::Bytes;

/// The header that says whether the response cache answered a `POST /graphql`: `hit` (the
/// answer was kept from an earlier asking on this version of the graph) or `miss` (it was
/// computed now). Absent when the request is not a cacheable query or the cache is off.
pub const CACHE_HEADER: &str = "x-kgraph-cache";

/// Answers to read-only queries, by graph version and request body.
///
/// A version of the graph never changes, so the same query on it always gets the same answer: a
/// page or an app that asks again is answered from here without parsing, validating or running
/// anything. Every ingest, removal and reload makes a new version, and answers of older ones are
/// never found again (they age out). Only queries that succeed are kept; mutations and failures
/// never are.
pub(super) struct ResponseCache {
    answers: quick_cache::sync::Cache<(u64, Bytes), Bytes, ByLength>,
}

/// Weighs an answer by its bytes and its request's, so that the capacity is memory.
#[derive(Clone)]
struct ByLength;

impl quick_cache::Weighter<(u64, Bytes), Bytes> for ByLength {
    fn weight(&self, key: &(u64, Bytes), answer: &Bytes) -> u64 {
        (key.1.len() + answer.len() + 64) as u64
    }
}

impl ResponseCache {
    pub(super) fn new(bytes: u64) -> ResponseCache {
        ResponseCache {
            // quick_cache sizes its shards by an estimate of the number of items: a few KB each.
            answers: quick_cache::sync::Cache::with_weighter(
                usize::try_from(bytes / 4096).unwrap_or(usize::MAX).max(16),
                bytes,
                ByLength,
            ),
        }
    }

    /// The answer kept for this request body on this version of the graph.
    pub(super) fn get(&self, version: u64, body: &Bytes) -> Option<Bytes> {
        self.answers.get(&(version, body.clone()))
    }

    /// Keeps the answer to a request body on a version of the graph.
    pub(super) fn insert(&self, version: u64, body: Bytes, answer: Bytes) {
        self.answers.insert((version, body), answer);
    }
}
