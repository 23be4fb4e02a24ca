//! Paged lists: `first`/`offset` pages for lists that grow with the corpus, and Relay cursor
//! connections for `entities`, `documents` and mentions. Every argument is checked here, so a bad
//! one is an `INVALID_INPUT` error that names it, never async-graphql's own words.

use async_graphql::Result;
use async_graphql::connection::{Connection, Edge as ConnEdge, query};

use super::MAX_FIRST;
use super::error::invalid_input;

/// Checks a `first` argument: 0 to [`MAX_FIRST`].
pub(crate) fn check_first(first: i32) -> Result<usize> {
    if !(0..=MAX_FIRST).contains(&first) {
        return Err(invalid_input(format!(
            "`first` must be between 0 and {MAX_FIRST}, got {first}"
        )));
    }
    Ok(first as usize)
}

/// An `offset` argument: where a page starts, never negative.
pub(crate) fn check_offset(offset: i32) -> Result<usize> {
    usize::try_from(offset)
        .map_err(|_| invalid_input(format!("`offset` must not be negative, got {offset}")))
}

/// A page of `items`: `first` (checked by [`check_first`]) from `offset` (never negative).
pub(crate) fn page<I: Iterator>(
    items: I,
    first: i32,
    offset: i32,
) -> Result<std::iter::Take<std::iter::Skip<I>>> {
    let first = check_first(first)?;
    Ok(items.skip(check_offset(offset)?).take(first))
}

/// Pages over `items` with Relay cursors (the cursor is the position in the list).
pub(crate) async fn paginate<T, N>(
    items: Vec<T>,
    after: Option<String>,
    before: Option<String>,
    first: Option<i32>,
    last: Option<i32>,
    default_first: usize,
    view: impl Fn(T) -> N,
) -> Result<Connection<usize, N>>
where
    N: async_graphql::OutputType,
{
    if first.is_some() && last.is_some() {
        return Err(invalid_input(
            "give `first` or `last`, not both: pages are read forwards or backwards",
        ));
    }
    for (name, value) in [("first", first), ("last", last)] {
        if let Some(v) = value
            && !(0..=MAX_FIRST).contains(&v)
        {
            return Err(invalid_input(format!(
                "`{name}` must be between 0 and {MAX_FIRST}, got {v}"
            )));
        }
    }
    // A cursor is a position this API gave out; anything else is named as such, rather than
    // passed to the connection helper, whose error would only say that a number did not parse.
    for (name, cursor) in [("after", &after), ("before", &before)] {
        if let Some(c) = cursor
            && c.parse::<usize>().is_err()
        {
            return Err(invalid_input(format!(
                "`{name}`: {c:?} is not a cursor of this list; pass the `cursor` of an edge or \
                 `pageInfo.endCursor` as a page gave it"
            )));
        }
    }
    let first = match (first, last) {
        (None, None) => Some(default_first as i32),
        _ => first,
    };
    query(
        after,
        before,
        first,
        last,
        |after: Option<usize>, before: Option<usize>, first, last| async move {
            let len = items.len();
            let mut start = after.map_or(0, |a| a.saturating_add(1)).min(len);
            let mut end = before.unwrap_or(len).min(len).max(start);
            if let Some(f) = first {
                end = end.min(start + f);
            }
            if let Some(l) = last {
                start = start.max(end.saturating_sub(l));
            }
            let mut conn = Connection::new(start > 0, end < len);
            conn.edges.extend(
                items
                    .into_iter()
                    .enumerate()
                    .skip(start)
                    .take(end - start)
                    .map(|(i, item)| ConnEdge::new(i, view(item))),
            );
            Ok::<_, async_graphql::Error>(conn)
        },
    )
    .await
}
