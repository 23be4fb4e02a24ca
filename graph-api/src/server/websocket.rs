//! `/graphql/ws`: queries and subscriptions over WebSocket (graphql-transport-ws and the older
//! graphql-ws), under the same rules as HTTP.
//!
//! async-graphql speaks the protocols (`async_graphql::http::WebSocket`); this module owns the
//! socket around them:
//!
//! - the upgrade is refused (403) for a web page whose `Origin` is not allowed, as a mutation
//!   over HTTP is: CORS does not apply to WebSockets, so without this any page could read the
//!   graph through its visitor's browser;
//! - a message over [`ServerConfig::ws_max_message_bytes`] closes the connection (1009, the
//!   limit named), before it is parsed;
//! - a client must send `connection_init` within [`ServerConfig::ws_init_timeout`] (4408, as
//!   graphql-transport-ws says), must be heard from (a message, or the pong every browser and
//!   WebSocket library returns to the server's pings) within [`ServerConfig::idle_timeout`], and
//!   must take what is sent to it within [`ServerConfig::write_timeout`];
//! - at most [`ServerConfig::ws_max_operations`] operations run at once on one connection; one
//!   more is answered with a `TOO_MANY_OPERATIONS` error;
//! - queries run as HTTP's do (`execute.rs`): off the async workers, within the timeout and the
//!   answer's size limit. Mutations are refused here: they go over HTTP `POST`, where the token
//!   and the origin are checked.

use std::str::FromStr as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, WebSocketProtocols, WsMessage};
use async_graphql::parser::types::OperationType;
use async_graphql::{Data, Executor, Response};
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response as HttpResponse};
use futures_util::stream::BoxStream;
use futures_util::{SinkExt as _, StreamExt as _};
use tokio::time::Instant;

use super::AppState;
use super::execute::Executions;
use crate::schema::{ErrorCode, KgraphSchema, request_error};

/// `GET /graphql/ws`: checks the origin and the protocol, then upgrades.
pub(super) async fn upgrade(
    State(state): State<AppState>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> HttpResponse {
    if let Err(reason) = state.config.origin_allowed(&headers) {
        tracing::warn!("refused a WebSocket: {reason}");
        let body = serde_json::json!({ "errors": [request_error(ErrorCode::Forbidden, reason)] });
        return (StatusCode::FORBIDDEN, axum::Json(body)).into_response();
    }
    let protocol = headers
        .get(header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',')
                .find_map(|p| WebSocketProtocols::from_str(p.trim()).ok())
        });
    let Some(protocol) = protocol else {
        let body = serde_json::json!({ "errors": [request_error(
            ErrorCode::BadRequest,
            "a WebSocket at /graphql/ws speaks graphql-transport-ws or graphql-ws: ask for one in Sec-WebSocket-Protocol",
        )] });
        return (StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
    };
    let limit = state.config.ws_max_message_bytes;
    let span = tracing::Span::current();
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .max_message_size(limit)
        .max_frame_size(limit)
        .on_upgrade(move |socket| {
            tracing::Instrument::instrument(serve(socket, protocol, state), span)
        })
        .into_response()
}

/// Operations of one connection, counted.
#[derive(Clone)]
struct Operations {
    executions: Executions,
    schema: KgraphSchema,
    running: Arc<AtomicUsize>,
    max: usize,
}

/// Counts one operation for as long as it lives.
struct Running(Arc<AtomicUsize>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Operations {
    fn start(&self) -> Option<Running> {
        let before = self.running.fetch_add(1, Ordering::AcqRel);
        let running = Running(self.running.clone());
        (before < self.max).then_some(running)
    }
}

impl Executor for Operations {
    async fn execute(&self, request: async_graphql::Request) -> Response {
        self.executions.run(request).await
    }

    fn execute_stream(
        &self,
        request: async_graphql::Request,
        _session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let Some(running) = self.start() else {
            let error = request_error(
                ErrorCode::TooManyOperations,
                format!(
                    "this connection already runs {} operations, the most one connection may \
                     run at once; complete one first, or open another connection",
                    self.max
                ),
            );
            return futures_util::stream::once(async move { Response::from_errors(vec![error]) })
                .boxed();
        };
        let mut request = request;
        if crate::schema::limits::operation_kind(&mut request) == Some(OperationType::Subscription)
        {
            return self
                .schema
                .execute_stream(request)
                .map(move |r| {
                    let _counted = &running;
                    r
                })
                .boxed();
        }
        let executions = self.executions.clone();
        futures_util::stream::once(async move {
            let response = executions.run(request).await;
            drop(running);
            response
        })
        .boxed()
    }
}

/// The close frame for `code` and `reason`.
fn close(code: u16, reason: &str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.to_owned().into(),
    }))
}

/// The close frame for a message over the limit (1009, "message too big").
fn too_big(limit: usize) -> Message {
    close(
        1009,
        &format!("a message is over the limit of {limit} bytes"),
    )
}

async fn serve(socket: WebSocket, protocol: WebSocketProtocols, state: AppState) {
    let config = state.config.clone();
    let operations = Operations {
        executions: state.executions.clone(),
        schema: state.schema.clone(),
        running: Arc::new(AtomicUsize::new(0)),
        max: config.ws_max_operations,
    };
    let initialised = Arc::new(AtomicBool::new(false));
    let on_init = initialised.clone();
    // What the client sends goes to the protocol through a small queue: the loop below reads
    // the socket and never waits on the protocol, which reads everything queued when polled.
    let (to_protocol, queued) = tokio::sync::mpsc::channel::<Vec<u8>>(32);
    let mut protocol = async_graphql::http::WebSocket::new(
        operations,
        tokio_stream::wrappers::ReceiverStream::new(queued),
        protocol,
    )
    .on_connection_init(move |_| {
        on_init.store(true, Ordering::Release);
        async { Ok(Data::default()) }
    });
    let (mut sink, mut stream) = socket.split();
    let write_timeout = config.write_timeout;
    let opened = Instant::now();
    let mut last_heard = Instant::now();
    let mut last_ping = Instant::now();
    let idle = config.idle_timeout;
    let mut tick = tokio::time::interval(Duration::from_millis(250).min(idle / 4));
    let ending: Option<Message> = loop {
        tokio::select! {
            incoming = stream.next() => {
                let message = match incoming {
                    Some(Ok(m)) => m,
                    // The WebSocket layer refuses a message over the limit before reading it
                    // all; the client is told why as the connection closes.
                    Some(Err(e)) if e.to_string().contains("Space limit exceeded") => {
                        break Some(too_big(config.ws_max_message_bytes));
                    }
                    Some(Err(e)) => {
                        tracing::debug!("a WebSocket failed: {e}");
                        break None;
                    }
                    None => break None,
                };
                last_heard = Instant::now();
                let bytes = match message {
                    Message::Text(t) => t.as_bytes().to_vec(),
                    Message::Binary(b) => b.to_vec(),
                    Message::Close(_) => break None,
                    Message::Ping(_) | Message::Pong(_) => continue,
                };
                if bytes.len() > config.ws_max_message_bytes {
                    break Some(too_big(config.ws_max_message_bytes));
                }
                if to_protocol.try_send(bytes).is_err() {
                    break Some(close(1008, "messages come faster than they can be read"));
                }
            }
            outgoing = protocol.next() => {
                let message = match outgoing {
                    Some(WsMessage::Text(text)) => Message::Text(text.into()),
                    Some(WsMessage::Close(code, reason)) => break Some(close(code, &reason)),
                    None => break None,
                };
                match tokio::time::timeout(write_timeout, sink.send(message)).await {
                    Ok(Ok(())) => {}
                    _ => break None,
                }
            }
            _ = tick.tick() => {
                if !initialised.load(Ordering::Acquire) && opened.elapsed() > config.ws_init_timeout {
                    break Some(close(4408, "Connection initialisation timeout"));
                }
                if last_heard.elapsed() > idle {
                    break Some(close(1001, &format!("nothing heard for {} s", idle.as_secs_f64())));
                }
                if last_ping.elapsed() > idle / 3 {
                    last_ping = Instant::now();
                    match tokio::time::timeout(write_timeout, sink.send(Message::Ping(Default::default()))).await {
                        Ok(Ok(())) => {}
                        _ => break None,
                    }
                }
            }
        }
    };
    if let Some(frame) = ending {
        let _ = tokio::time::timeout(write_timeout, sink.send(frame)).await;
    }
}
