//! Errors as clients see them: a clear message and an `extensions.code` a client can test.
//!
//! Every error a client gets carries a code. Resolvers give theirs with the functions below;
//! the request extension (`extension.rs`) gives one to the errors async-graphql makes itself
//! (parsing, validation, limits) and to any that would otherwise go without.

use async_graphql::{Error, ErrorExtensions};

/// The codes put in `extensions.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// An id that names nothing.
    NotFound,
    /// An argument out of range, empty or malformed.
    InvalidInput,
    /// A mutation without the token it needs.
    Unauthorized,
    /// The query text is not GraphQL.
    ParseFailed,
    /// The query is GraphQL but not valid against the schema (unknown field, wrong argument type,
    /// a variable that does not fit).
    ValidationFailed,
    /// The query is nested deeper than [`super::MAX_QUERY_DEPTH`].
    TooDeep,
    /// The query asks for more than [`super::MAX_COMPLEXITY`].
    TooComplex,
    /// The request cannot be run as it is: no operation of the given name, several and none
    /// named, a subscription where only queries and mutations run.
    BadRequest,
    /// The request ran longer than the server allows.
    Timeout,
    /// This server has no store or live graph for what was asked (a read-only schema).
    Unavailable,
    /// Something failed on our side; the server log has the details.
    Internal,
}

impl ErrorCode {
    /// The code as it appears in `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::Unauthorized => "UNAUTHORIZED",
            ErrorCode::ParseFailed => "GRAPHQL_PARSE_FAILED",
            ErrorCode::ValidationFailed => "GRAPHQL_VALIDATION_FAILED",
            ErrorCode::TooDeep => "QUERY_TOO_DEEP",
            ErrorCode::TooComplex => "QUERY_TOO_COMPLEX",
            ErrorCode::BadRequest => "BAD_REQUEST",
            ErrorCode::Timeout => "TIMEOUT",
            ErrorCode::Unavailable => "UNAVAILABLE",
            ErrorCode::Internal => "INTERNAL",
        }
    }

    /// Whether an error of this code means the request was refused before anything ran: what the
    /// GraphQL-over-HTTP spec calls a request error, answered without `data`.
    pub fn is_request_error(self) -> bool {
        matches!(
            self,
            ErrorCode::ParseFailed
                | ErrorCode::ValidationFailed
                | ErrorCode::TooDeep
                | ErrorCode::TooComplex
                | ErrorCode::BadRequest
        )
    }

    /// The code of this name.
    pub fn parse(code: &str) -> Option<ErrorCode> {
        [
            ErrorCode::NotFound,
            ErrorCode::InvalidInput,
            ErrorCode::Unauthorized,
            ErrorCode::ParseFailed,
            ErrorCode::ValidationFailed,
            ErrorCode::TooDeep,
            ErrorCode::TooComplex,
            ErrorCode::BadRequest,
            ErrorCode::Timeout,
            ErrorCode::Unavailable,
            ErrorCode::Internal,
        ]
        .into_iter()
        .find(|c| c.as_str() == code)
    }
}

/// An error with a code.
pub fn coded(code: ErrorCode, message: impl Into<String>) -> Error {
    Error::new(message.into()).extend_with(|_, e| e.set("code", code.as_str()))
}

/// `NOT_FOUND`: "no entity with id \"x\"".
pub fn not_found(message: impl Into<String>) -> Error {
    coded(ErrorCode::NotFound, message)
}

/// `INVALID_INPUT`: an argument the query cannot use.
pub fn invalid_input(message: impl Into<String>) -> Error {
    coded(ErrorCode::InvalidInput, message)
}

/// `UNAUTHORIZED`: a mutation the request may not run.
pub fn unauthorized(message: impl Into<String>) -> Error {
    coded(ErrorCode::Unauthorized, message)
}

/// `INTERNAL`: a failure on our side, told without its details (they go to the log).
pub fn internal(message: impl Into<String>) -> Error {
    coded(ErrorCode::Internal, message)
}
