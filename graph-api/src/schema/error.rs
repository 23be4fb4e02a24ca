//! User errors as GraphQL errors: a clear message and an `extensions.code` a client can test.

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
}

impl ErrorCode {
    /// `NOT_FOUND` or `INVALID_INPUT`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::Unauthorized => "UNAUTHORIZED",
        }
    }
}

fn coded(code: ErrorCode, message: String) -> Error {
    Error::new(message).extend_with(|_, e| e.set("code", code.as_str()))
}

/// `NOT_FOUND`: "no entity with id \"x\"".
pub fn not_found(message: impl Into<String>) -> Error {
    coded(ErrorCode::NotFound, message.into())
}

/// `INVALID_INPUT`: an argument the query cannot use.
pub fn invalid_input(message: impl Into<String>) -> Error {
    coded(ErrorCode::InvalidInput, message.into())
}

/// `UNAUTHORIZED`: a mutation the request may not run.
pub fn unauthorized(message: impl Into<String>) -> Error {
    coded(ErrorCode::Unauthorized, message.into())
}
