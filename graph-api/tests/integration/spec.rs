//! Answers as the GraphQL spec shapes them, and a code on every client error, through
//! `schema::execute` (no socket).

use std::sync::Arc;

use async_graphql::Value as Gql;
use graph_api::live::Live;
use graph_api::schema::{build_live_schema, execute as run};
use serde_json::json;

use crate::common::{error, execute, seed_graph};

/// The keys of an object of an answer, in the order the answer has them (serde_json's maps would
/// sort them).
fn keys(v: &Gql) -> Vec<String> {
    match v {
        Gql::Object(map) => map.keys().map(|k| k.to_string()).collect(),
        other => panic!("not an object: {other}"),
    }
}

fn field<'v>(v: &'v Gql, key: &str) -> &'v Gql {
    match v {
        Gql::Object(map) => map.get(key).unwrap_or_else(|| panic!("no {key} in {v}")),
        other => panic!("not an object: {other}"),
    }
}

/// Runs a query on a live schema over the seed graph (for `search`, which reads the store).
async fn live_answer(query: &str) -> async_graphql::Response {
    let live = Arc::new(Live::in_memory(seed_graph()).unwrap());
    let schema = build_live_schema(live);
    run(&schema, seed_graph(), query).await
}

#[tokio::test]
async fn fields_come_back_in_the_order_asked() {
    let answer = live_answer(
        r#"{ z: stats { documents } found: search(text: "BOE", first: 1) { snippet }
             a: entity(id: "boe") { nameZh name id } m: clusters { id } }"#,
    )
    .await;
    assert!(answer.errors.is_empty(), "{:?}", answer.errors);
    // `search` waits for the store; it must not move to the end for that.
    assert_eq!(keys(&answer.data), ["z", "found", "a", "m"]);
    assert_eq!(
        keys(field(&answer.data, "a")),
        ["nameZh", "name", "id"],
        "fields of an object in query order too"
    );
}

#[tokio::test]
async fn a_failing_nullable_field_is_null_beside_its_error() {
    let body = execute(
        r#"{ a: entity(id: "boe") { name } b: entity(id: "nope") { name } }"#,
        json!({}),
    )
    .await;
    assert_eq!(
        body["data"],
        json!({ "a": { "name": "BOE Technology Group" }, "b": null }),
        "{body:#}"
    );
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{body:#}");
    assert_eq!(errors[0]["path"], json!(["b"]));
    assert_eq!(errors[0]["extensions"]["code"], "NOT_FOUND");

    let live =
        live_answer(r#"{ b: entity(id: "nope") { name } a: entity(id: "boe") { name } }"#).await;
    assert_eq!(keys(&live.data), ["b", "a"], "the null keeps its place");
}

/// A non-null field that fails makes the nearest nullable field above it null, and only that.
#[tokio::test]
async fn a_failing_non_null_field_nulls_the_nearest_nullable_parent() {
    let body = execute(
        r#"{ e: entity(id: "boe") { name neighbors(first: -1) { weight } } s: stats { documents } }"#,
        json!({}),
    )
    .await;
    assert_eq!(
        body["data"],
        json!({ "e": null, "s": { "documents": 4 } }),
        "{body:#}"
    );
    assert_eq!(body["errors"][0]["path"], json!(["e", "neighbors"]));
    assert_eq!(body["errors"][0]["extensions"]["code"], "INVALID_INPUT");

    // `lookup` is non-null at the root: its failure leaves no data at all.
    let body = execute(
        r#"{ s: stats { documents } l: lookup(name: " ") { id } }"#,
        json!({}),
    )
    .await;
    assert_eq!(body["data"], json!(null), "{body:#}");
    assert_eq!(body["errors"][0]["path"], json!(["l"]));
}

/// `entity` and `document` are nullable in the schema, and null for an id that names nothing,
/// with a NOT_FOUND error that says which id.
#[tokio::test]
async fn entity_and_document_are_null_for_unknown_ids() {
    let sdl = graph_api::schema::sdl();
    assert!(sdl.contains("\tentity(id: ID!): Entity\n"), "{sdl}");
    assert!(sdl.contains("\tdocument(id: ID!): Document\n"), "{sdl}");
    let body = execute(
        r#"{ entity(id: "nobody") { id } document(id: "no-such-doc") { id } }"#,
        json!({}),
    )
    .await;
    assert_eq!(body["data"], json!({ "entity": null, "document": null }));
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    for (e, id) in errors.iter().zip(["nobody", "no-such-doc"]) {
        assert_eq!(e["extensions"]["code"], "NOT_FOUND");
        assert!(e["message"].as_str().unwrap().contains(id), "{e:#}");
    }
}

/// `depth` levels of `neighbors(first: 1) { entity { ... } }`: deep, but cheap.
fn deep(depth: usize) -> String {
    let mut q = String::from("id");
    for _ in 0..depth {
        q = format!("neighbors(first: 1) {{ entity {{ {q} }} }}");
    }
    format!("{{ entity(id: \"bda\") {{ {q} }} }}")
}

#[tokio::test]
async fn every_client_error_has_a_code() {
    let cases: Vec<(String, &str, &[&str])> = vec![
        (
            r#"{ entities(after: "zzz") { edges { cursor } } }"#.into(),
            "INVALID_INPUT",
            &["`after`", "cursor"],
        ),
        (
            r#"{ entity(id: "boe") { mentions(before: "-1") { edges { cursor } } } }"#.into(),
            "INVALID_INPUT",
            &["`before`"],
        ),
        (
            "{ entities(first: 2, last: 2) { edges { cursor } } }".into(),
            "INVALID_INPUT",
            &["`first` or `last`"],
        ),
        (deep(10), "QUERY_TOO_DEEP", &["depth limit of 16"]),
        (
            r#"{ entity(id: "bda") { neighbors(first: 1000) { entity { neighbors(first: 1000) { weight } } } } }"#
                .into(),
            "QUERY_TOO_COMPLEX",
            &["complexity limit of 50000"],
        ),
        ("{ entity(id: ".into(), "GRAPHQL_PARSE_FAILED", &["expected"]),
        (
            r#"{ entity(id: "boe") { colour } }"#.into(),
            "GRAPHQL_VALIDATION_FAILED",
            &["colour"],
        ),
        (
            r#"{ search(text: "BOE") { snippet } }"#.into(),
            "UNAVAILABLE",
            &["without a store"],
        ),
        (
            "subscription { graphChanged { version } }".into(),
            "BAD_REQUEST",
            &["not supported"],
        ),
    ];
    for (query, code, words) in cases {
        let e = error(&query, json!({})).await;
        assert_eq!(e["extensions"]["code"], code, "{query}: {e:#}");
        let message = e["message"].as_str().unwrap();
        for w in words {
            assert!(message.contains(w), "{query}: {message}");
        }
        assert!(!message.contains("invalid digit"), "{query}: {message}");
    }
    // Seven levels are within the depth limit.
    let fine = execute(&deep(7), json!({})).await;
    assert!(fine.get("errors").is_none(), "{fine:#}");
}

/// The shape follows the query as written: a key asked twice is one field with both selections,
/// fragments keep their place, `@skip` and `@include` leave fields out.
#[tokio::test]
async fn fragments_directives_and_repeated_keys_keep_the_query_order() {
    let answer = live_answer(
        r#"query($no: Boolean = false) {
             e: entity(id: "boe") { id ...Names kind @include(if: $no) }
             s: stats @skip(if: true) { documents }
             e: entity(id: "boe") { degree }
           }
           fragment Names on Entity { nameZh name }"#,
    )
    .await;
    assert!(answer.errors.is_empty(), "{:?}", answer.errors);
    assert_eq!(keys(&answer.data), ["e"]);
    assert_eq!(
        keys(field(&answer.data, "e")),
        ["id", "nameZh", "name", "degree"]
    );
}
