//! Replays the GraphQL documents kept from fuzzing (`fuzz/`, see RELIABILITY.md),
//! `tests/data/fuzz/graphql/*`, against the schema and the seed graph, as the `graphql` fuzz
//! target does: every one is answered (data or errors), never a panic; the answer serializes; and
//! every error in it has an `extensions.code`.

use graph_api::schema::{build_schema, execute};

use crate::common::{root, seed_graph};

#[tokio::test]
async fn graphql_inputs_are_answered_without_panicking() {
    let schema = build_schema();
    let dir = root().join("graph-api/tests/data/fuzz/graphql");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    for path in files {
        // The fuzz target ignores inputs that are not UTF-8 (a GraphQL request is text), so one
        // kept here would replay nothing.
        let query = String::from_utf8(std::fs::read(&path).unwrap())
            .unwrap_or_else(|_| panic!("{} is not UTF-8: it tests nothing", path.display()));
        // A panicking resolver fails the test here, naming the file.
        let response = tokio::spawn({
            let schema = schema.clone();
            async move { execute(&schema, seed_graph(), query).await }
        })
        .await
        .unwrap_or_else(|e| panic!("{} panicked: {e}", path.display()));
        let json = serde_json::to_value(&response)
            .unwrap_or_else(|e| panic!("{}: response does not serialize: {e}", path.display()));
        for e in json["errors"].as_array().into_iter().flatten() {
            assert!(
                e["extensions"]["code"].is_string(),
                "{}: an error without a code: {e:#}",
                path.display()
            );
        }
    }
}
