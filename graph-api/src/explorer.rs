//! The explorer: a browser app at `/explore`, embedded in the binary, built only on the public
//! GraphQL API.
//!
//! | route | what |
//! |---|---|
//! | `GET /` | a redirect to `/explore` |
//! | `GET /explore`, `GET /explore/{*path}` | the app's page: the app routes in the browser (`/explore/entity/bda`…) |
//! | `GET /explore/assets/{file}` | its script and stylesheet |
//!
//! The app's sources are in `graph-api/explorer/` (TypeScript, bundled by Vite with Cytoscape.js
//! and graphql-ws); `graph-api/explorer/build.sh` writes the build to `graph-api/assets/explorer/`,
//! which is committed, so that building kgraph needs no Node. The build has fixed file names, so
//! the list below never changes with a rebuild. The page loads nothing from anywhere but this
//! server: no CDN, no web font (Chinese renders with the system's fonts).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

/// The app's page, the same for every path under `/explore`.
const INDEX_HTML: &str = include_str!("../assets/explorer/index.html");

/// The app's files under `/explore/assets/`: name, media type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "explorer.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/explorer/assets/explorer.js"),
    ),
    (
        "explorer.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/explorer/assets/explorer.css"),
    ),
];

/// The explorer's routes and the redirect from `/`, to merge into the server's router.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/explore") }))
        .route("/explore", get(index))
        .route("/explore/", get(index))
        .route("/explore/assets/{file}", get(asset))
        .route("/explore/{*path}", get(index))
}

/// The page. The browser's router reads the path, so every view has its own URL that can be
/// linked and reloaded.
async fn index() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            // The page names its assets without a content hash: a browser must ask again to
            // see a new build.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        INDEX_HTML,
    )
}

async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, body)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            *body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, format!("no explorer file {file:?}")).into_response(),
    }
}
