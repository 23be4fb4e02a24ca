//! What every request gets, whatever carries it (HTTP GET or POST, the WebSocket, a test): one
//! snapshot of the graph, an `extensions.code` on every error, and an answer in the order and
//! shape the spec gives it.
//!
//! These are an async-graphql extension rather than code in the HTTP handlers because the
//! WebSocket transport runs operations without passing through those handlers: a snapshot taken
//! by the HTTP layer alone left each root field of an operation sent over `/graphql/ws` to take
//! the live graph's current one for itself, so two fields of one operation could see two graphs.
//!
//! **Invariant:** a request runs against one [`Snapshot`], put into its data before it is parsed;
//! every view holds that `Arc`.

use std::any::TypeId;
use std::sync::{Arc, Mutex, OnceLock};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextPrepareRequest,
    NextRequest, NextSubscribe, NextValidation,
};
use async_graphql::futures_util::stream::BoxStream;
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, Response, ServerError, ServerResult, ValidationResult, Variables};
use futures_util::StreamExt as _;

use super::complete::{FieldTypes, complete};
use super::error::ErrorCode;
use super::{MAX_COMPLEXITY, MAX_QUERY_DEPTH, Snapshot};
use crate::live::Live;

/// Builds the per-request [`Scope`]s of a schema.
pub(crate) struct RequestScope {
    live: Option<Arc<Live>>,
    types: Arc<OnceLock<FieldTypes>>,
}

impl RequestScope {
    /// A scope over `live` (none for a read-only schema, whose requests bring their snapshot),
    /// completing answers with `types`, which the schema builder fills once the schema is built.
    pub(crate) fn new(live: Option<Arc<Live>>, types: Arc<OnceLock<FieldTypes>>) -> Self {
        RequestScope { live, types }
    }
}

impl ExtensionFactory for RequestScope {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Scope {
            live: self.live.clone(),
            types: self.types.clone(),
            parsed: Mutex::new(None),
        })
    }
}

/// One request's scope.
struct Scope {
    live: Option<Arc<Live>>,
    types: Arc<OnceLock<FieldTypes>>,
    /// The parsed document and the variables, kept for [`complete`].
    parsed: Mutex<Option<(ExecutableDocument, Variables)>>,
}

/// Gives `error` a code unless it has one.
fn set_code(error: &mut ServerError, code: ErrorCode) {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", code.as_str());
    }
}

fn with_code(mut error: ServerError, code: ErrorCode) -> ServerError {
    set_code(&mut error, code);
    error
}

/// The code of an error async-graphql made after validation, or that a resolver left without
/// one: an error at a field is ours (`INTERNAL`); one without a path is about the request as a
/// whole (`BAD_REQUEST`: an unknown operation name, a subscription sent as a query).
fn code_the_rest(response: &mut Response) {
    for e in &mut response.errors {
        let code = if e.path.is_empty() {
            ErrorCode::BadRequest
        } else {
            ErrorCode::Internal
        };
        set_code(e, code);
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for Scope {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        code_the_rest(&mut response);
        response
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        next.run(ctx, stream)
            .map(|mut response| {
                code_the_rest(&mut response);
                response
            })
            .boxed()
    }

    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        // A request that brings its snapshot (the HTTP handlers, which read the graph's version
        // first for the response cache; tests) keeps it.
        if !request.data.contains_key(&TypeId::of::<Snapshot>())
            && let Some(live) = &self.live
        {
            request = request.data(Snapshot(live.snapshot()));
        }
        next.run(ctx, request).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        match next.run(ctx, query, variables).await {
            Ok(document) => {
                if let Ok(mut parsed) = self.parsed.lock() {
                    *parsed = Some((document.clone(), variables.clone()));
                }
                Ok(document)
            }
            Err(e) => Err(with_code(e, ErrorCode::ParseFailed)),
        }
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|mut e| {
                    // async-graphql's words for its two limits name neither the limit nor what
                    // to do; these do.
                    let code = match e.message.as_str() {
                        "Query is nested too deep." => {
                            e.message = format!(
                                "the query is nested deeper than the depth limit of \
                                 {MAX_QUERY_DEPTH} levels; ask for fewer levels"
                            );
                            ErrorCode::TooDeep
                        }
                        "Query is too complex." => {
                            e.message = format!(
                                "the query asks for more than the complexity limit of \
                                 {MAX_COMPLEXITY} (each field counts 1, a list counts its \
                                 `first` times the fields asked of each item); ask for smaller \
                                 pages or fewer fields"
                            );
                            ErrorCode::TooComplex
                        }
                        _ => ErrorCode::ValidationFailed,
                    };
                    with_code(e, code)
                })
                .collect()
        })
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        let parsed = self.parsed.lock().ok().and_then(|mut p| p.take());
        if let (Some((document, variables)), Some(types)) = (parsed, self.types.get()) {
            let data = std::mem::take(&mut response.data);
            response.data = complete(
                types,
                &document,
                operation_name,
                &variables,
                &response.errors,
                data,
            );
        }
        code_the_rest(&mut response);
        response
    }
}
