//! Who may run mutations: the bearer token, the refusal on a public address without one, and
//! the web pages (by their `Origin`) that may act through a visitor's browser.
//!
//! A browser sends requests for any page it shows, to any address, loopback included: a page on
//! another site can aim a form or an `<img>` at `http://127.0.0.1:8080/graphql`. Three rules keep
//! such a page from acting in the user's name: mutations are never run over `GET`; a `POST` must
//! be JSON (`graphql.rs`), which a page can only send after a CORS preflight that kgraph answers
//! for the allowed origins alone; and a mutation or a WebSocket that carries an `Origin` runs only
//! for an allowed one.

use axum::http::{HeaderMap, header};

use super::ServerConfig;
use crate::schema::MutationAccess;

impl ServerConfig {
    /// What the request's headers allow.
    pub(super) fn access(&self, headers: &HeaderMap) -> MutationAccess {
        if let Some(reason) = &self.mutations_disabled {
            return MutationAccess::Denied(reason.clone());
        }
        if let Err(reason) = self.origin_allowed(headers) {
            return MutationAccess::Forbidden(reason);
        }
        let Some(token) = &self.token else {
            return MutationAccess::Allowed;
        };
        // The scheme is case-insensitive (RFC 7235): `bearer` is `Bearer`.
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim_start().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, credentials)| credentials.trim());
        match given {
            Some(g) if constant_time_eq(g.as_bytes(), token.as_bytes()) => MutationAccess::Allowed,
            Some(_) => MutationAccess::Denied("the bearer token is not valid".into()),
            None => MutationAccess::Denied(
                "mutations need an `Authorization: Bearer <token>` header".into(),
            ),
        }
    }

    /// Whether the web page the request comes from (its `Origin`) may act here: requests
    /// without one come from no page (curl, a server, an app) and are not a browser's to forge;
    /// others must come from an origin given with `--cors-origin`, or from the server's own
    /// pages on an address that names this machine (`localhost` or an IP address: a domain name
    /// could be pointed here by whoever owns it, so its pages are not taken as kgraph's own).
    pub(super) fn origin_allowed(&self, headers: &HeaderMap) -> Result<(), String> {
        let Some(origin) = headers.get(header::ORIGIN) else {
            return Ok(());
        };
        if self.cors_origins.iter().any(|o| o == origin) {
            return Ok(());
        }
        let shown: String = String::from_utf8_lossy(origin.as_bytes())
            .chars()
            .take(100)
            .collect();
        let refusal = || {
            Err(format!(
                "requests from the web page at {shown:?} may not do this: only the origins \
                 given with --cors-origin (and kgraph's own pages) may"
            ))
        };
        let Ok(origin) = origin.to_str() else {
            return refusal();
        };
        let authority = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"));
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        match (authority, host) {
            (Some(a), Some(h)) if a.eq_ignore_ascii_case(h) && names_this_machine(h) => Ok(()),
            _ => refusal(),
        }
    }
}

/// Whether a `Host` is `localhost` or an IP address (with or without a port).
fn names_this_machine(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:8080
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.insert(name, value.parse().unwrap_or_else(|_| unreachable!()));
        }
        h
    }

    #[test]
    fn the_token_is_checked() {
        let config = ServerConfig {
            token: Some("s3cret".into()),
            ..ServerConfig::default()
        };
        for allowed in ["Bearer s3cret", "bearer s3cret", "BEARER  s3cret "] {
            assert_eq!(
                config.access(&headers(&[(header::AUTHORIZATION, allowed)])),
                MutationAccess::Allowed,
                "{allowed}"
            );
        }
        assert!(matches!(
            config.access(&HeaderMap::new()),
            MutationAccess::Denied(_)
        ));
        for refused in ["Bearer s3cre", "s3cret", "Bearer nope", "Basic s3cret"] {
            assert!(
                matches!(
                    config.access(&headers(&[(header::AUTHORIZATION, refused)])),
                    MutationAccess::Denied(_)
                ),
                "{refused}"
            );
        }
    }

    #[test]
    fn origins_are_checked() {
        let config = ServerConfig {
            cors_origins: vec![
                "https://app.example"
                    .parse()
                    .unwrap_or_else(|_| unreachable!()),
            ],
            ..ServerConfig::default()
        };
        let cases = [
            (None, "127.0.0.1:8080", true),
            (Some("https://app.example"), "127.0.0.1:8080", true),
            (Some("http://127.0.0.1:8080"), "127.0.0.1:8080", true),
            (Some("http://localhost:8080"), "localhost:8080", true),
            (Some("http://[::1]:8080"), "[::1]:8080", true),
            (Some("http://evil.example"), "127.0.0.1:8080", false),
            // A name pointed at this machine by its owner: not kgraph's own page.
            (Some("http://evil.example:8080"), "evil.example:8080", false),
            (Some("null"), "127.0.0.1:8080", false),
            (Some("http://127.0.0.1:9999"), "127.0.0.1:8080", false),
        ];
        for (origin, host, allowed) in cases {
            let mut h = headers(&[(header::HOST, host)]);
            if let Some(o) = origin {
                h.insert(header::ORIGIN, o.parse().unwrap_or_else(|_| unreachable!()));
            }
            assert_eq!(
                config.origin_allowed(&h).is_ok(),
                allowed,
                "{origin:?} {host}"
            );
        }
    }
}
