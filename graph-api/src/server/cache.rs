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
    answers: quick_cache::sync::Cache<(u64, Bytes), Bytes, ByMemory>,
}

/// Weighs an entry by what it takes in memory: the request's bytes and the answer's, and a
/// fixed cost for the entry itself (the cache's slot, the two buffers' headers and the
/// allocator's own). Both buffers are allocated to their exact length on insertion (see
/// [`ResponseCache::insert`]), so their lengths are what they hold.
#[derive(Clone)]
struct ByMemory;

/// What an entry costs beside its two buffers, measured: about 250 bytes.
const ENTRY_OVERHEAD: usize = 256;

impl quick_cache::Weighter<(u64, Bytes), Bytes> for ByMemory {
    fn weight(&self, key: &(u64, Bytes), answer: &Bytes) -> u64 {
        (key.1.len() + answer.len() + ENTRY_OVERHEAD) as u64
    }
}

impl ResponseCache {
    pub(super) fn new(bytes: u64) -> ResponseCache {
        ResponseCache {
            // quick_cache sizes its tables by an estimate of the number of items; most answers
            // are small.
            answers: quick_cache::sync::Cache::with_weighter(
                usize::try_from(bytes / 1024).unwrap_or(usize::MAX).max(16),
                bytes,
                ByMemory,
            ),
        }
    }

    /// The answer kept for this request body on this version of the graph.
    pub(super) fn get(&self, version: u64, body: &Bytes) -> Option<Bytes> {
        self.answers.get(&(version, body.clone()))
    }

    /// Keeps the answer to a request body on a version of the graph.
    ///
    /// The body is copied: as it comes from the connection it is a slice of hyper's read
    /// buffer, and keeping the slice would keep the whole buffer (kilobytes for a query of a few
    /// dozen bytes), which is how the cache once held 2.5 GB with a 64 MiB limit.
    pub(super) fn insert(&self, version: u64, body: &[u8], answer: Vec<u8>) -> Bytes {
        let mut answer = answer;
        answer.shrink_to_fit();
        let answer = Bytes::from(answer);
        self.answers
            .insert((version, Bytes::copy_from_slice(body)), answer.clone());
        answer
    }
}
