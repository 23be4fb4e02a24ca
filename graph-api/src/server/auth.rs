//! Who may run mutations: the bearer token, and the refusal on a public address without one.

use axum::http::{HeaderMap, header};

use super::ServerConfig;
use crate::schema::MutationAccess;

impl ServerConfig {
    /// What the request's headers allow.
    pub(super) fn access(&self, headers: &HeaderMap) -> MutationAccess {
        if let Some(reason) = &self.mutations_disabled {
            return MutationAccess::Denied(reason.clone());
        }
        let Some(token) = &self.token else {
            return MutationAccess::Allowed;
        };
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match given {
            Some(g) if constant_time_eq(g.as_bytes(), token.as_bytes()) => MutationAccess::Allowed,
            Some(_) => MutationAccess::Denied("the bearer token is not valid".into()),
            None => MutationAccess::Denied(
                "mutations need an `Authorization: Bearer <token>` header".into(),
            ),
        }
    }
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_checked() {
        let config = ServerConfig {
            token: Some("s3cret".into()),
            ..ServerConfig::default()
        };
        let headers = |v: Option<&str>| {
            let mut h = HeaderMap::new();
            if let Some(v) = v {
                h.insert(
                    header::AUTHORIZATION,
                    v.parse().unwrap_or_else(|_| unreachable!()),
                );
            }
            h
        };
        assert_eq!(
            config.access(&headers(Some("Bearer s3cret"))),
            MutationAccess::Allowed
        );
        for refused in [
            None,
            Some("Bearer s3cre"),
            Some("s3cret"),
            Some("Bearer nope"),
        ] {
            assert!(
                matches!(config.access(&headers(refused)), MutationAccess::Denied(_)),
                "{refused:?}"
            );
        }
    }
}
