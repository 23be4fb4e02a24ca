//! `GET /export.dot`, `/export.graphml`, `/export.json`: the graph, or the part the query string
//! selects, as a download.
//!
//! The query string takes the filters of `kgraph export`: `entity`, `depth`, `kind` and
//! `relation` (repeated or comma-separated, the CLI's words), `cluster`, `minWeight`, `top`,
//! `neighborCoMentions` (`true` or `false`), and for DOT `groupBy` (`cluster` or `kind`). Kinds, relations and groupings are parsed by the same
//! `ValueEnum`s as the command line's flags, into the same [`ExportFilter`].

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use clap::ValueEnum;
use graph_core::{Format, select, write_export};

use super::AppState;
use crate::filter::{ExportFilter, FilterError, GroupBy, Kind, Relation, Status};

/// The media type of an export format.
fn content_type(format: Format) -> &'static str {
    match format {
        Format::Dot => "text/vnd.graphviz; charset=utf-8",
        Format::Graphml => "application/graphml+xml; charset=utf-8",
        Format::Json => "application/json; charset=utf-8",
        Format::Csv => "text/csv; charset=utf-8",
    }
}

/// One value of an enum-valued parameter, in the CLI's words (any case).
fn one_of<T: ValueEnum>(key: &str, value: &str) -> Result<T, FilterError> {
    T::from_str(value.trim(), true).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
            .collect();
        FilterError(format!(
            "{key} {value:?}: expected one of {}",
            names.join(", ")
        ))
    })
}

/// Reads a URL query string into a filter.
pub(super) fn filter_from_query(query: &str) -> Result<ExportFilter, FilterError> {
    let mut filter = ExportFilter::default();
    let number = |key: &str, value: &str| -> Result<usize, FilterError> {
        value
            .trim()
            .parse()
            .map_err(|_| FilterError(format!("{key} must be a whole number, got {value:?}")))
    };
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let list = || {
            value
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        match key.as_ref() {
            "entity" => filter.entity = Some(value.trim().to_owned()),
            "depth" => filter.depth = Some(number("depth", &value)?),
            "kind" | "kinds" => {
                for k in list() {
                    filter.kinds.push(one_of::<Kind>("kind", &k)?);
                }
            }
            "relation" | "relations" => {
                for r in list() {
                    filter.relations.push(one_of::<Relation>("relation", &r)?);
                }
            }
            "status" => {
                for s in list() {
                    filter.status.push(one_of::<Status>("status", &s)?);
                }
            }
            "cluster" => filter.cluster = Some(value.trim().to_owned()),
            "minWeight" | "min_weight" => {
                let w = number("minWeight", &value)?;
                filter.min_weight = Some(u32::try_from(w).unwrap_or(u32::MAX));
            }
            "top" => filter.top = Some(number("top", &value)?),
            "neighborCoMentions" | "neighbor_co_mentions" => {
                filter.neighbor_co_mentions = match value.trim() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    other => {
                        return Err(FilterError(format!(
                            "neighborCoMentions must be true or false, got {other:?}"
                        )));
                    }
                };
            }
            "from" => filter.from = Some(value.trim().to_owned()),
            "to" => filter.to = Some(value.trim().to_owned()),
            "groupBy" | "group_by" => {
                filter.group_by = Some(one_of::<GroupBy>("groupBy", &value)?);
            }
            other => {
                return Err(FilterError(format!(
                    "unknown parameter {other:?}; the filters are entity, depth, kind, relation, status, cluster, minWeight, top, neighborCoMentions, from, to, groupBy"
                )));
            }
        }
    }
    Ok(filter)
}

/// An export route.
pub(super) async fn export(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    format: Format,
) -> Response {
    let bad = |message: String| (StatusCode::BAD_REQUEST, message).into_response();
    let filter = match filter_from_query(query.as_deref().unwrap_or("")) {
        Ok(f) => f,
        Err(e) => return bad(e.to_string()),
    };
    let graph = filter.graph(&state.snapshot());
    let selection = match filter.to_selection(&graph) {
        Ok(s) => s,
        Err(e) => return bad(e.to_string()),
    };
    let disposition = HeaderValue::from_str(&format!(
        "attachment; filename=\"kgraph-{}.{}\"",
        filter.file_stem(),
        format.extension()
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    // Rendering a large graph is CPU work: keep it off the async workers, a few at a time.
    let Ok(permit) = state.renders.clone().acquire_owned().await else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is shutting down",
        )
            .into_response();
    };
    let rendered = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let sub = select(&graph, &selection);
        let mut body = Vec::new();
        write_export(&graph, &sub, format, &filter.dot_options(&graph), &mut body).map(|()| body)
    })
    .await;
    match rendered {
        Ok(Ok(body)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(content_type(format)),
                ),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            body,
        )
            .into_response(),
        Ok(Err(e)) => {
            tracing::error!("export failed: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
        }
        Err(e) => {
            tracing::error!("export task failed: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_become_the_typed_filter() {
        let f = filter_from_query(
            "entity=boe&depth=2&kind=company,PERSON&kind=park&relation=co_mention&minWeight=2&groupBy=kind",
        )
        .unwrap_or_default();
        assert_eq!(f.entity.as_deref(), Some("boe"));
        assert_eq!(f.depth, Some(2));
        assert_eq!(f.kinds, [Kind::Company, Kind::Person, Kind::Park]);
        assert_eq!(f.relations, [Relation::CoMention]);
        assert_eq!(f.min_weight, Some(2));
        assert_eq!(f.group_by, Some(GroupBy::Kind));
        assert!(!f.neighbor_co_mentions);
        let asked = filter_from_query("entity=boe&neighborCoMentions=true").unwrap_or_default();
        assert!(asked.neighbor_co_mentions);
        for (bad, words) in [
            ("neighborCoMentions=maybe", "true or false"),
            ("depth=deep", "whole number"),
            ("colour=red", "unknown parameter"),
            ("groupBy=sky", "cluster, kind"),
            ("kind=planet", "company, person"),
            ("relation=likes", "co_mention"),
        ] {
            let e = filter_from_query(bad)
                .err()
                .map(|e| e.0)
                .unwrap_or_default();
            assert!(e.contains(words), "{bad}: {e}");
        }
    }
}
