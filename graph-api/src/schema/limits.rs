//! What a document may cost before async-graphql looks at it: how deep its brackets nest, and how
//! many fields it holds once its fragments are expanded. Both are counted in time linear in the
//! document's length, so a hostile document is refused in milliseconds.
//!
//! async-graphql's depth and complexity checks walk the document with every fragment spread
//! expanded in place. Twenty fragments that each spread the one below ten times are 1.9 KB of
//! text and 10^20 fields expanded: the walk never ends. Here each fragment's expanded size is
//! computed once and remembered, so the same document costs twenty small sums and is refused
//! before any walk. The rejected alternative, a cap on the number of spreads, refuses honest
//! documents (GraphiQL's introspection query spreads `TypeRef` eight levels deep) and still lets a
//! few spreads of large fragments through.

use std::collections::HashMap;

use async_graphql::ServerError;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationType, Selection, SelectionSet,
};

use super::error::{ErrorCode, request_error};

/// The most fields a document may hold with its fragments expanded (every spread counts its
/// fragment's fields again). GraphiQL's introspection query holds about 200.
pub const MAX_EXPANDED_FIELDS: usize = 10_000;

/// The deepest a document's brackets (`{`, `[`, `(`) may nest. The parser recurses once per
/// level, so text nested deeper than this is refused before it is parsed.
pub const MAX_NESTING: usize = 64;

/// Why a document was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Brackets nest deeper than [`MAX_NESTING`].
    TooNested,
    /// More than [`MAX_EXPANDED_FIELDS`] fields once fragments are expanded.
    TooLarge,
    /// A fragment spreads itself, directly or through others.
    Cycle(String),
}

impl Refusal {
    /// What the client is told.
    pub fn message(&self) -> String {
        match self {
            Refusal::TooNested => {
                format!("the document nests brackets deeper than the limit of {MAX_NESTING} levels")
            }
            Refusal::TooLarge => format!(
                "the document holds more than the limit of {MAX_EXPANDED_FIELDS} fields once its \
                 fragments are expanded (each spread counts its fragment's fields again); ask \
                 for fewer fields or spread fragments fewer times"
            ),
            Refusal::Cycle(name) => {
                format!("fragment {name:?} spreads itself (directly or through other fragments)")
            }
        }
    }
}

/// Marks a request whose document was vetted and parsed by [`vet`].
#[derive(Debug, Clone, Copy)]
struct Vetted;

/// Checks a request's document before anything else reads it, and parses it once: brackets
/// nested too deep (the parser would recurse once per level), a syntax error (told in a few
/// words), a document too large with its fragments expanded or whose fragments spread
/// themselves. The parsed document stays in the request, so async-graphql does not parse it
/// again (its own first walk, a recursion-depth check, expands fragments too). A request
/// vetted once is not vetted again.
pub fn vet(request: &mut async_graphql::Request) -> Result<(), ServerError> {
    if request.data.contains_key(&std::any::TypeId::of::<Vetted>()) {
        return Ok(());
    }
    check_nesting(&request.query).map_err(refused)?;
    let document = async_graphql::parser::parse_query(&request.query).map_err(|e| {
        let mut error = ServerError::from(e);
        let (line, column) = error
            .locations
            .first()
            .map_or((0, 0), |p| (p.line, p.column));
        error.message = short_parse_error(&error.message, &request.query, line, column);
        error
            .extensions
            .get_or_insert_with(Default::default)
            .set("code", ErrorCode::ParseFailed.as_str());
        error
    })?;
    expanded_fields(&document).map_err(refused)?;
    request.set_parsed_query(document);
    request.data.insert(Vetted);
    Ok(())
}

/// The kind of operation a vetted request runs; `None` when it names none (async-graphql then
/// says why).
pub fn operation_kind(request: &mut async_graphql::Request) -> Option<OperationType> {
    vet(request).ok()?;
    let name = request.operation_name.clone();
    let document = request.parsed_query().ok()?;
    let operation = match (&document.operations, &name) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name.as_str()),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        (DocumentOperations::Multiple(_), None) => None,
    };
    operation.map(|op| op.node.ty)
}

/// A document refused here, with its code.
fn refused(refusal: Refusal) -> ServerError {
    let code = match refusal {
        Refusal::TooNested => ErrorCode::TooDeep,
        Refusal::TooLarge => ErrorCode::TooComplex,
        Refusal::Cycle(_) => ErrorCode::ValidationFailed,
    };
    request_error(code, refusal.message())
}

/// Refuses text whose brackets nest deeper than [`MAX_NESTING`], outside strings and comments.
pub fn check_nesting(text: &str) -> Result<(), Refusal> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Refusal::TooNested);
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            b'#' => {
                // A comment runs to the end of the line.
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                // A block string ends at the next `"""` not escaped as `\"""`.
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += if bytes[i..].starts_with(b"\\\"\"\"") {
                        4
                    } else {
                        1
                    };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The number of fields of `document` with every fragment spread expanded, or why it is refused
/// (over [`MAX_EXPANDED_FIELDS`], or a fragment that spreads itself). Each fragment is expanded
/// once; its size is remembered for every other spread of it.
pub fn expanded_fields(document: &ExecutableDocument) -> Result<usize, Refusal> {
    let mut sizes = Sizes {
        document,
        memo: HashMap::new(),
    };
    let mut total = 0usize;
    for (_, operation) in document.operations.iter() {
        total = add(total, sizes.set(&operation.node.selection_set.node, 0)?.0)?;
    }
    // The validation rules also visit each fragment's own selection set once.
    for name in document.fragments.keys() {
        total = add(total, sizes.fragment(name.as_str(), 0)?.0)?;
    }
    Ok(total)
}

fn add(a: usize, b: usize) -> Result<usize, Refusal> {
    let sum = a.saturating_add(b);
    if sum > MAX_EXPANDED_FIELDS {
        Err(Refusal::TooLarge)
    } else {
        Ok(sum)
    }
}

#[derive(Clone, Copy)]
enum Size {
    /// Being expanded: met again, it spreads itself.
    Open,
    /// Its fields expanded, and how many levels they nest below it.
    Done { fields: usize, levels: usize },
}

struct Sizes<'d> {
    document: &'d ExecutableDocument,
    memo: HashMap<&'d str, Size>,
}

impl<'d> Sizes<'d> {
    /// Fields, spreads and inline fragments nest at most this deep here: a chain of fragments
    /// each spreading the next would make every walk of the document recurse once per fragment.
    const MAX_LEVELS: usize = 2 * MAX_NESTING;

    /// The fields of `set` expanded and the levels they nest, `level` being where `set` is.
    fn set(&mut self, set: &'d SelectionSet, level: usize) -> Result<(usize, usize), Refusal> {
        let mut fields = 0usize;
        let mut levels = 0usize;
        for selection in &set.items {
            let (n, below) = match &selection.node {
                Selection::Field(field) => {
                    let (n, below) = self.set(&field.node.selection_set.node, level + 1)?;
                    (1 + n, below)
                }
                Selection::InlineFragment(inline) => {
                    self.set(&inline.node.selection_set.node, level + 1)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str(), level + 1)?
                }
            };
            fields = add(fields, n)?;
            levels = levels.max(below + 1);
        }
        if level + levels > Self::MAX_LEVELS {
            return Err(Refusal::TooNested);
        }
        Ok((fields, levels))
    }

    fn fragment(&mut self, name: &'d str, level: usize) -> Result<(usize, usize), Refusal> {
        match self.memo.get(name) {
            Some(&Size::Done { fields, levels }) => {
                if level + levels > Self::MAX_LEVELS {
                    return Err(Refusal::TooNested);
                }
                return Ok((fields, levels));
            }
            Some(Size::Open) => return Err(Refusal::Cycle(name.to_owned())),
            None => {}
        }
        if level > Self::MAX_LEVELS {
            return Err(Refusal::TooNested);
        }
        // An unknown fragment costs nothing here; validation says it is unknown.
        let Some(fragment) = self.document.fragments.get(name) else {
            return Ok((0, 0));
        };
        self.memo.insert(name, Size::Open);
        let (fields, levels) = self.set(&fragment.node.selection_set.node, level)?;
        self.memo.insert(name, Size::Done { fields, levels });
        Ok((fields, levels))
    }
}

/// A parse error told in a few words: the position, what was expected, and at most
/// [`EXCERPT_CHARS`] characters of the text there. The parser's own message repeats the whole
/// offending line, which for a one-line 5 MB document is a 10 MB error.
pub fn short_parse_error(message: &str, query: &str, line: usize, column: usize) -> String {
    let expected = message
        .lines()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix("= "))
        .map(|e| truncate(e, 200));
    if line == 0 {
        // No position: a message about the document as a whole, short already unless it quotes.
        return truncate(message.lines().next().unwrap_or(message), 200);
    }
    let excerpt: String = query
        .lines()
        .nth(line - 1)
        .map(|l| {
            l.chars()
                .skip(column.saturating_sub(1))
                .take(EXCERPT_CHARS)
                .collect()
        })
        .unwrap_or_default();
    match expected {
        Some(expected) => {
            format!("syntax error at line {line}, column {column}: {expected}, near {excerpt:?}")
        }
        None => format!(
            "syntax error at line {line}, column {column}: {}, near {excerpt:?}",
            truncate(message.lines().next().unwrap_or(""), 200)
        ),
    }
}

/// The most characters of the query a parse error quotes.
pub const EXCERPT_CHARS: usize = 40;

fn truncate(s: &str, chars: usize) -> String {
    match s.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(query: &str) -> Result<usize, Refusal> {
        let document = async_graphql::parser::parse_query(query).unwrap_or_else(|e| panic!("{e}"));
        expanded_fields(&document)
    }

    /// Fragments F1..Fn, each spreading the one below `fanout` times.
    fn exponential(levels: usize, fanout: usize) -> String {
        let mut q =
            format!("query {{ ...F{levels} }}\nfragment F0 on Query {{ stats {{ documents }} }}\n");
        for i in 1..=levels {
            let spreads = vec![format!("...F{}", i - 1); fanout].join(" ");
            q.push_str(&format!("fragment F{i} on Query {{ {spreads} }}\n"));
        }
        q
    }

    #[test]
    fn fragments_are_counted_once_each_and_exponential_documents_are_refused() {
        assert_eq!(size("{ stats { documents } a: stats { mentions } }"), Ok(4));
        // F0 is 2 fields; F1 spreads it 3 times; both definitions count once more.
        assert_eq!(size(&exponential(1, 3)), Ok(6 + 6 + 2));
        let started = std::time::Instant::now();
        assert_eq!(size(&exponential(20, 10)), Err(Refusal::TooLarge));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn cycles_and_long_chains_are_refused() {
        assert_eq!(
            size("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
            Err(Refusal::Cycle("A".into()))
        );
        let mut chain = String::from("{ ...F0 }\n");
        for i in 0..500 {
            chain.push_str(&format!("fragment F{i} on Query {{ ...F{} }}\n", i + 1));
        }
        chain.push_str("fragment F500 on Query { stats { documents } }\n");
        assert_eq!(size(&chain), Err(Refusal::TooNested));
    }

    #[test]
    fn nesting_is_counted_outside_strings_and_comments() {
        let deep = format!("{}{}", "{ a ".repeat(65), "}".repeat(65));
        assert_eq!(check_nesting(&deep), Err(Refusal::TooNested));
        let list = format!("{{ a(x: {}) }}", "[".repeat(100_000));
        assert_eq!(check_nesting(&list), Err(Refusal::TooNested));
        let quoted = format!(
            "{{ extract(text: \"{}\") {{ language }} }}",
            "{[(".repeat(100)
        );
        assert_eq!(check_nesting(&quoted), Ok(()));
        let block = format!(
            "{{ extract(text: \"\"\"{} \\\"\"\" \"\"\") {{ language }} }}",
            "{".repeat(100)
        );
        assert_eq!(check_nesting(&block), Ok(()));
        let comment = format!("# {}\n{{ stats {{ documents }} }}", "{".repeat(100));
        assert_eq!(check_nesting(&comment), Ok(()));
    }

    #[test]
    fn parse_errors_quote_a_short_excerpt() {
        let query = format!("{{ stats {{ documents }} }} {}", "x".repeat(1_000_000));
        let e = async_graphql::parser::parse_query(&query).expect_err("does not parse");
        let pos = e.positions().next().unwrap_or_default();
        let message = short_parse_error(&e.to_string(), &query, pos.line, pos.column);
        assert!(message.len() < 400, "{message}");
        assert!(
            message.starts_with("syntax error at line 1, column"),
            "{message}"
        );
        assert!(message.contains("xxxx"), "{message}");
    }
}
