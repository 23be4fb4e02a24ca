//! GraphQL over HTTP, as the GraphQL-over-HTTP spec describes it.
//!
//! - `POST /graphql` takes `Content-Type: application/json` (or
//!   `application/graphql-response+json`; anything else is a 415, so that a web page cannot send
//!   one without a CORS preflight) with a body `{"query", "variables", "operationName",
//!   "extensions"}`; a batch (a JSON array) is refused with a 400 that says so. `GET /graphql`
//!   takes the same as query parameters, `variables` and `extensions` as JSON, and runs queries
//!   only (a mutation is a 405: a GET must not change anything, and one that slipped through
//!   would still be refused by the mutation itself).
//! - The answer's media type follows `Accept`: `application/graphql-response+json` when the client
//!   prefers it, else `application/json` (also when `Accept` is missing, `*/*` or `application/*`);
//!   a client that accepts neither gets a 406. A browser's `GET` (HTML preferred) gets the
//!   playground instead.
//! - A request that cannot be run (no `query`, bad JSON, variables that are not an object) is a
//!   400 with an `errors` list. A request refused before it runs (it does not parse, it does not
//!   validate, it is over a limit) is answered without `data`, and with a 400 under
//!   `application/graphql-response+json` (200 under `application/json`, which older clients read
//!   only on success). A request that ran is a 200, whatever its errors.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use super::AppState;
use super::cache::CACHE_HEADER;
use async_graphql::parser::types::OperationType;

use crate::schema::{ErrorCode, MutationAccess, Snapshot, request_error};

/// The two media types of a GraphQL answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Media {
    /// `application/graphql-response+json`: status codes say what happened.
    GraphqlResponse,
    /// `application/json`: the legacy type, 200 for every request that was understood.
    Json,
}

impl Media {
    fn content_type(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Media::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
            Media::Json => "application/json; charset=utf-8",
        })
    }
}

/// One entry of an `Accept` header: its media range, lowercased, and its quality.
fn accepted(headers: &HeaderMap) -> Option<Vec<(String, f32)>> {
    let accept = headers.get(header::ACCEPT)?.to_str().ok()?;
    Some(
        accept
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let range = parts.next()?.trim().to_ascii_lowercase();
                let q = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|v| v.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (!range.is_empty()).then_some((range, q))
            })
            .collect(),
    )
}

/// The media type to answer with; `None` when the client accepts none that kgraph writes.
fn negotiate(headers: &HeaderMap) -> Option<Media> {
    // No Accept header: the spec's legacy rule, application/json.
    let Some(ranges) = accepted(headers) else {
        return Some(Media::Json);
    };
    let mut best: Option<(f32, Media)> = None;
    for (range, q) in ranges {
        let media = match range.as_str() {
            "application/graphql-response+json" => Media::GraphqlResponse,
            "application/json" | "application/*" | "*/*" => Media::Json,
            _ => continue,
        };
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, media));
        }
    }
    best.map(|(_, m)| m)
}

/// Whether the client prefers HTML to any JSON: a browser that opened `/graphql` as a page.
fn wants_html(headers: &HeaderMap) -> bool {
    let Some(ranges) = accepted(headers) else {
        return false;
    };
    let quality = |wanted: &[&str]| {
        ranges
            .iter()
            .filter(|(r, _)| wanted.contains(&r.as_str()))
            .map(|&(_, q)| q)
            .fold(0.0_f32, f32::max)
    };
    let html = quality(&["text/html"]);
    html > 0.0 && html >= quality(&["application/json", "application/graphql-response+json"])
}

/// An answer that is only errors (a request error: nothing ran, so there is no `data`).
fn errors_only(
    status: StatusCode,
    media: Media,
    errors: &[async_graphql::ServerError],
) -> Response {
    let body = serde_json::json!({ "errors": errors }).to_string();
    (status, [(header::CONTENT_TYPE, media.content_type())], body).into_response()
}

/// A request error that kgraph finds before async-graphql sees the request.
fn refuse(status: StatusCode, media: Media, code: ErrorCode, message: &str) -> Response {
    errors_only(status, media, &[request_error(code, message)])
}

/// Whether an answer is a request error: no data, and only errors that say nothing ran.
fn is_request_error(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| {
            e.extensions
                .as_ref()
                .and_then(|x| x.get("code"))
                .and_then(|c| match c {
                    async_graphql::Value::String(s) => ErrorCode::parse(s),
                    _ => None,
                })
                .is_some_and(ErrorCode::is_request_error)
        })
}

/// The HTTP answer to a GraphQL answer.
fn answer(media: Media, response: async_graphql::Response) -> Response {
    if is_request_error(&response) {
        let status = match media {
            Media::GraphqlResponse => StatusCode::BAD_REQUEST,
            Media::Json => StatusCode::OK,
        };
        return errors_only(status, media, &response.errors);
    }
    match serde_json::to_vec(&response) {
        Ok(body) => json_body(media, Bytes::from(body)),
        Err(e) => {
            tracing::error!("an answer did not serialize: {e}");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                media,
                ErrorCode::Internal,
                "an internal error occurred (see the server log)",
            )
        }
    }
}

fn json_body(media: Media, body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, media.content_type())], body).into_response()
}

/// Vets a request (`schema::limits::vet`: nesting, syntax, size with fragments expanded) and
/// tells the kind of operation it runs. A small document is read here; a large one on the
/// blocking pool, so that parsing megabytes never holds an async worker.
pub(super) async fn vetted(
    mut request: async_graphql::Request,
) -> Result<(async_graphql::Request, Option<OperationType>), async_graphql::ServerError> {
    const INLINE_BYTES: usize = 64 << 10;
    let inline = request.query.len() <= INLINE_BYTES;
    let work = move || {
        crate::schema::limits::vet(&mut request)?;
        let kind = crate::schema::limits::operation_kind(&mut request);
        Ok((request, kind))
    };
    if inline {
        return work();
    }
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|e| {
        tracing::error!("vetting a request failed on its thread: {e}");
        Err(request_error(
            ErrorCode::Internal,
            "an internal error occurred (see the server log)",
        ))
    })
}

const SUBSCRIPTIONS_OVER_WS: &str =
    "subscriptions run over the WebSocket at /graphql/ws (graphql-transport-ws or graphql-ws)";

/// `GET /graphql`: a query in the URL; a browser gets the playground.
pub(super) async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if wants_html(&headers) {
        return super::playground::page().into_response();
    }
    let Some(media) = negotiate(&headers) else {
        return not_acceptable();
    };
    let request = match request_from_query(query.as_deref().unwrap_or("")) {
        Ok(r) => r,
        Err(message) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                media,
                ErrorCode::BadRequest,
                &message,
            );
        }
    };
    let (request, kind) = match vetted(request).await {
        Ok(v) => v,
        Err(e) => return answer(media, async_graphql::Response::from_errors(vec![e])),
    };
    match kind {
        Some(OperationType::Mutation) => {
            let mut response = refuse(
                StatusCode::METHOD_NOT_ALLOWED,
                media,
                ErrorCode::BadRequest,
                "mutations change the graph and are sent with POST, not GET",
            );
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("POST"));
            response
        }
        Some(OperationType::Subscription) => refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadRequest,
            SUBSCRIPTIONS_OVER_WS,
        ),
        _ => {
            let request = request.data(MutationAccess::Denied(
                "mutations change the graph and are sent with POST, not GET".into(),
            ));
            answer(media, run(&state, &headers, request).await)
        }
    }
}

/// Reads the GraphQL request of a URL query string: `query`, `operationName`, and `variables`
/// and `extensions` as JSON objects.
fn request_from_query(query: &str) -> Result<async_graphql::Request, String> {
    let mut text = None;
    let mut request = async_graphql::Request::new("");
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "query" => text = Some(value.into_owned()),
            "operationName" => request = request.operation_name(value.into_owned()),
            "variables" => {
                let variables: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(&value)
                        .map_err(|e| format!("`variables` must be a JSON object: {e}"))?;
                let value = async_graphql::Value::from_json(serde_json::Value::Object(variables))
                    .map_err(|e| format!("`variables` must be a JSON object: {e}"))?;
                request = request.variables(async_graphql::Variables::from_value(value));
            }
            "extensions" => {
                let extensions: std::collections::HashMap<String, async_graphql::Value> =
                    serde_json::from_str(&value)
                        .map_err(|e| format!("`extensions` must be a JSON object: {e}"))?;
                request.extensions = async_graphql::Extensions(extensions);
            }
            _ => {}
        }
    }
    let Some(text) = text else {
        return Err("a GraphQL GET needs a `query` parameter (the GraphQL document)".into());
    };
    request.query = text;
    Ok(request)
}

fn not_acceptable() -> Response {
    refuse(
        StatusCode::NOT_ACCEPTABLE,
        Media::Json,
        ErrorCode::BadRequest,
        "kgraph answers GraphQL as application/graphql-response+json or application/json; the \
         Accept header allows neither",
    )
}

/// The JSON body of a POST. Unlike async-graphql's own `Request`, `query` is required: a body
/// without one is not a GraphQL request (a 400), rather than an empty document that fails to
/// parse.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostBody {
    query: String,
    #[serde(default)]
    operation_name: Option<String>,
    #[serde(default)]
    variables: async_graphql::Variables,
    #[serde(default)]
    extensions: Option<std::collections::HashMap<String, async_graphql::Value>>,
}

impl PostBody {
    fn into_request(self) -> async_graphql::Request {
        let mut request = async_graphql::Request::new(self.query).variables(self.variables);
        if let Some(name) = self.operation_name {
            request = request.operation_name(name);
        }
        if let Some(extensions) = self.extensions {
            request.extensions = async_graphql::Extensions(extensions);
        }
        request
    }
}

/// Whether a content type is JSON (`application/json` or `application/graphql-response+json`,
/// with or without parameters). Neither is one a web page may send another site without a CORS
/// preflight, unlike `text/plain` or a form's.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| {
            let t = t.trim();
            t.eq_ignore_ascii_case("application/json")
                || t.eq_ignore_ascii_case("application/graphql-response+json")
        })
}

/// `POST /graphql`: a JSON request, answered from the response cache when it can be.
pub(super) async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(media) = negotiate(&headers) else {
        return not_acceptable();
    };
    if !is_json(&headers) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            media,
            ErrorCode::BadRequest,
            "a GraphQL POST needs `Content-Type: application/json` and a JSON body {\"query\": ...}",
        );
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadRequest,
            "batched requests (a JSON array) are not supported: send one operation per request",
        );
    }
    // The version is read before the graph: an answer is never filed under a newer version than
    // the graph it was computed on.
    let version = state.live.version();
    if let Some(cache) = &state.responses
        && let Some(kept) = cache.get(version, &body)
    {
        let mut response = json_body(media, kept);
        response
            .headers_mut()
            .insert(CACHE_HEADER, HeaderValue::from_static("hit"));
        return response;
    }
    let request = match serde_json::from_slice::<PostBody>(&body) {
        Ok(body) => body.into_request(),
        Err(e) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                media,
                ErrorCode::BadRequest,
                &format!("the body is not a GraphQL request (a JSON object with \"query\"): {e}"),
            );
        }
    };
    let (request, kind) = match vetted(request).await {
        Ok(v) => v,
        Err(e) => return answer(media, async_graphql::Response::from_errors(vec![e])),
    };
    if kind == Some(OperationType::Subscription) {
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            ErrorCode::BadRequest,
            SUBSCRIPTIONS_OVER_WS,
        );
    }
    let cache = state
        .responses
        .clone()
        .filter(|_| kind == Some(OperationType::Query));
    let response = run(&state, &headers, request).await;
    let Some(cache) = cache else {
        return answer(media, response);
    };
    let keep = response.is_ok() && response.http_headers.is_empty();
    let mut out = match serde_json::to_vec(&response) {
        Ok(kept) if keep => json_body(media, cache.insert(version, &body, kept)),
        _ => answer(media, response),
    };
    out.headers_mut()
        .insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    out
}

/// Runs a request on the graph now served, within the request timeout and the answer's limit.
async fn run(
    state: &AppState,
    headers: &HeaderMap,
    mut request: async_graphql::Request,
) -> async_graphql::Response {
    // A GET has set its refusal already.
    if !request
        .data
        .contains_key(&std::any::TypeId::of::<MutationAccess>())
    {
        request = request.data(state.config.access(headers));
        request = request.data(crate::schema::TokenRequired(state.config.token.is_some()));
    }
    let request = request.data(Snapshot(state.snapshot()));
    state.executions.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Ok(v) = v.parse() {
            h.insert(header::ACCEPT, v);
        }
        h
    }

    #[test]
    fn media_types_follow_accept() {
        let cases = [
            (
                "application/graphql-response+json",
                Some(Media::GraphqlResponse),
            ),
            ("application/json", Some(Media::Json)),
            ("*/*", Some(Media::Json)),
            (
                "application/json;q=0.9, application/graphql-response+json",
                Some(Media::GraphqlResponse),
            ),
            (
                "application/graphql-response+json;q=0.5, application/json",
                Some(Media::Json),
            ),
            ("text/plain", None),
            ("application/json;q=0", None),
        ];
        for (header, want) in cases {
            assert_eq!(negotiate(&accept(header)), want, "{header}");
        }
        assert_eq!(negotiate(&HeaderMap::new()), Some(Media::Json));
        assert!(wants_html(&accept(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        )));
        assert!(!wants_html(&accept("application/json, text/html;q=0.5")));
        assert!(!wants_html(&HeaderMap::new()));
    }
}
