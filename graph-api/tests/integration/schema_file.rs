//! schema.graphql at the repository root is what the code prints.

use crate::common::root;

#[test]
fn schema_graphql_is_current() {
    let path = root().join("schema.graphql");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    let printed = graph_api::schema::sdl();
    assert!(
        on_disk == printed,
        "schema.graphql differs from the schema the code prints.\n\
         Regenerate it with:  cargo run -p graph-api -- schema -o schema.graphql"
    );
}
