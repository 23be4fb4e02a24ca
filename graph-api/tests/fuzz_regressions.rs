//! Replays the GraphQL documents kept from fuzzing (`fuzz/`, see RELIABILITY.md),
//! `tests/data/fuzz/graphql/*`, against the schema and the seed graph, as the `graphql` fuzz
//! target does: every one is answered (data or errors) and the answer serializes, never a panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use graph_api::schema::{build_schema, execute};
use graph_core::{DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, Extractor, KnowledgeGraph, read_corpus};

#[tokio::test]
async fn graphql_inputs_are_answered_without_panicking() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dict = Dictionary::load_dir(&root.join("dictionaries")).unwrap();
    let (docs, errors) = read_corpus(&root.join("seeds"), DEFAULT_MAX_DOCUMENT_BYTES).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let graph = Arc::new(KnowledgeGraph::build(Arc::new(Extractor::new(dict)), docs));
    let schema = build_schema();

    let dir = root.join("graph-api/tests/data/fuzz/graphql");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(query) = String::from_utf8(bytes) else {
            continue;
        };
        // A panicking resolver fails the test here, naming the file.
        let response = tokio::spawn({
            let schema = schema.clone();
            let graph = graph.clone();
            async move { execute(&schema, graph, query).await }
        })
        .await
        .unwrap_or_else(|e| panic!("{} panicked: {e}", path.display()));
        serde_json::to_string(&response)
            .unwrap_or_else(|e| panic!("{}: response does not serialize: {e}", path.display()));
    }
}
