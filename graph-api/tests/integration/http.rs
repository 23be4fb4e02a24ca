//! The HTTP transport through axum's `oneshot` (no socket): GraphQL over HTTP as its spec says
//! (media types, status codes, what a request error looks like), the response cache, the
//! playground's files, `/health` and `/schema.graphql`.

use serde_json::json;

use crate::common::{get, post_graphql, seed_app, send};
use graph_api::server::{CACHE_HEADER, ServerConfig};

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

#[tokio::test]
async fn get_requests_and_health() {
    let app = seed_app(ServerConfig::default());
    let reply = send(&app, get("/graphql?query=%7Bstats%7Bdocuments%7D%7D", &[])).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["data"]["stats"]["documents"], 4);

    let health = send(&app, get("/health", &[])).await.json();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["documents"], 4);

    let sdl = send(&app, get("/schema.graphql", &[])).await.text();
    assert_eq!(sdl, graph_api::schema::sdl());
}

/// A browser that opens `/graphql` as a page gets the playground, not a parse error about an
/// empty query; a client that asks for JSON without a query is told what is missing, with a code.
#[tokio::test]
async fn a_browser_that_opens_graphql_gets_the_playground() {
    let app = seed_app(ServerConfig::default());
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let reply = send(&app, get("/graphql", &[("accept", browser)])).await;
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("text/html"),
        "{:?}",
        reply.headers
    );
    let page = reply.text();
    assert!(
        page.contains("kgraph") && page.contains("graphiql"),
        "{page}"
    );

    let reply = send(&app, get("/graphql", &[("accept", "application/json")])).await;
    assert_eq!(reply.status, 400);
    let body = reply.json();
    assert!(body.get("data").is_none(), "{body:#}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`query` parameter"),
        "{body:#}"
    );
}

#[tokio::test]
async fn answers_follow_the_accept_header() {
    let app = seed_app(ServerConfig {
        response_cache_bytes: 0,
        ..ServerConfig::default()
    });
    let query = json!({ "query": "{ stats { documents } }" });
    for (accept, want) in [
        (None, Some("application/json")),
        (Some("application/json"), Some("application/json")),
        (Some("*/*"), Some("application/json")),
        (Some(GRAPHQL_RESPONSE), Some(GRAPHQL_RESPONSE)),
        (
            Some("application/json;q=0.5, application/graphql-response+json"),
            Some(GRAPHQL_RESPONSE),
        ),
        (Some("text/plain"), None),
    ] {
        let headers: Vec<(&str, &str)> = accept.iter().map(|a| ("accept", *a)).collect();
        let reply = send(&app, post_graphql(&query, &headers)).await;
        match want {
            Some(media) => {
                assert_eq!(reply.status, 200, "{accept:?}");
                let ct = reply.header("content-type").unwrap();
                assert!(ct.starts_with(media), "{accept:?}: {ct}");
                assert_eq!(reply.json()["data"]["stats"]["documents"], 4);
            }
            None => assert_eq!(reply.status, 406, "{accept:?}"),
        }
    }
}

/// A request that never ran (it does not parse, does not validate) has no `data`; under
/// `application/graphql-response+json` it is a 400. One that ran is a 200 whatever its errors.
#[tokio::test]
async fn request_errors_have_no_data_and_say_so_in_the_status() {
    let app = seed_app(ServerConfig::default());
    let cases = [
        ("{ entity(id: ", "GRAPHQL_PARSE_FAILED"),
        (
            "{ entity(id: \"boe\") { colour } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "query($n: Int!) { entities(first: $n) { edges { cursor } } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "query A { stats { documents } } query B { stats { entities } }",
            "BAD_REQUEST",
        ),
    ];
    for (query, code) in cases {
        for (accept, status) in [(GRAPHQL_RESPONSE, 400), ("application/json", 200)] {
            let reply = send(
                &app,
                post_graphql(
                    &json!({ "query": query, "variables": { "n": "many" } }),
                    &[("accept", accept)],
                ),
            )
            .await;
            assert_eq!(reply.status, status, "{query} as {accept}");
            let body = reply.json();
            assert!(body.get("data").is_none(), "{query}: {body:#}");
            assert_eq!(
                body["errors"][0]["extensions"]["code"], code,
                "{query}: {body:#}"
            );
        }
    }
    let ran = send(
        &app,
        post_graphql(
            &json!({ "query": "{ entity(id: \"nope\") { name } }" }),
            &[("accept", GRAPHQL_RESPONSE)],
        ),
    )
    .await;
    assert_eq!(ran.status, 200);
    assert_eq!(ran.json()["data"], json!({ "entity": null }));
}

#[tokio::test]
async fn a_post_without_json_is_refused_with_a_reason() {
    let app = seed_app(ServerConfig::default());
    let no_type = axum::http::Request::post("/graphql")
        .body(axum::body::Body::from(
            r#"{"query":"{ stats { documents } }"}"#,
        ))
        .unwrap();
    let reply = send(&app, no_type).await;
    assert_eq!(reply.status, 415);
    assert!(
        reply.text().contains("application/json"),
        "{}",
        reply.text()
    );

    let not_json = axum::http::Request::post("/graphql")
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{ not json"))
        .unwrap();
    let reply = send(&app, not_json).await;
    assert_eq!(reply.status, 400);
    let body = reply.json();
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not a GraphQL request"),
        "{body:#}"
    );
}

#[tokio::test]
async fn mutations_are_refused_over_get() {
    let app = seed_app(ServerConfig::default());
    let reply = send(
        &app,
        get(
            "/graphql?query=mutation%7BreloadDictionaries%7Breloaded%7D%7D",
            &[("accept", "application/json")],
        ),
    )
    .await;
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), Some("POST"));
    assert_eq!(
        reply.json()["errors"][0]["extensions"]["code"],
        "BAD_REQUEST"
    );
}

/// The second asking of a query on the same graph is answered by the cache (its header says so);
/// an ingest makes a new graph, whose first answer is computed again. Mutations never come from
/// the cache.
#[tokio::test]
async fn answers_come_from_the_cache_until_the_graph_changes() {
    let app = seed_app(ServerConfig::default());
    let stats = json!({ "query": "{ stats { documents } }" });
    let ask = || async { send(&app, post_graphql(&stats, &[])).await };
    let first = ask().await;
    assert_eq!(first.header(CACHE_HEADER), Some("miss"));
    let second = ask().await;
    assert_eq!(second.header(CACHE_HEADER), Some("hit"));
    assert_eq!(second.json(), first.json());
    assert_eq!(
        second.header("content-type"),
        first.header("content-type"),
        "a kept answer is sent as a fresh one is"
    );

    let ingest = json!({
        "query": "mutation($t: String!) { ingestDocument(input: { text: $t }) { duplicate } }",
        "variables": { "t": "BOE opened a plant in Beijing E-Town." },
    });
    let done = send(&app, post_graphql(&ingest, &[])).await;
    assert_eq!(done.json()["data"]["ingestDocument"]["duplicate"], false);
    assert_eq!(done.header(CACHE_HEADER), None, "a mutation is never kept");
    let again = send(&app, post_graphql(&ingest, &[])).await;
    assert_eq!(again.json()["data"]["ingestDocument"]["duplicate"], true);

    let after = ask().await;
    assert_eq!(
        after.header(CACHE_HEADER),
        Some("miss"),
        "a new graph, a new answer"
    );
    assert_eq!(after.json()["data"]["stats"]["documents"], 5);
    assert_eq!(ask().await.header(CACHE_HEADER), Some("hit"));

    // Failed queries are not kept either.
    let bad = json!({ "query": "{ entity(id: \"nope\") { name } }" });
    for _ in 0..2 {
        let reply = send(&app, post_graphql(&bad, &[])).await;
        assert_eq!(reply.header(CACHE_HEADER), Some("miss"));
    }
}

/// The playground must work with no internet: every script and stylesheet it references is served
/// by kgraph itself, with the right content type.
#[tokio::test]
async fn playground_is_served_entirely_by_kgraph() {
    let app = seed_app(ServerConfig::default());
    let reply = send(&app, get("/playground", &[])).await;
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    let html = reply.text();
    assert!(html.contains("GraphiQL"));
    let refs: Vec<String> = ["src=\"", "href=\""]
        .iter()
        .flat_map(|attr| {
            html.split(attr)
                .skip(1)
                .map(|s| s.split('"').next().unwrap_or("").to_owned())
        })
        .filter(|r| !r.starts_with("data:"))
        .collect();
    assert!(
        refs.len() >= 5,
        "expected scripts (React, ReactDOM, GraphiQL, graphql-ws) and a stylesheet, found {refs:?}"
    );
    for r in &refs {
        assert!(
            r.starts_with('/') && !r.starts_with("//"),
            "{r} is not served by kgraph"
        );
        let reply = send(&app, get(r, &[])).await;
        assert_eq!(reply.status, 200, "{r}");
        let ct = reply.header("content-type").unwrap().to_owned();
        let want = if r.ends_with(".css") {
            "text/css"
        } else {
            "text/javascript"
        };
        assert!(ct.starts_with(want), "{r}: {ct}");
        assert!(reply.body.len() > 1000, "{r} is empty");
    }
    assert!(!html.contains("cdn."), "the page names a CDN");
    assert_eq!(
        send(&app, get("/playground/nope.js", &[])).await.status,
        404
    );
}
