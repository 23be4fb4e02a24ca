//! The errors of graph-core: one public [`Error`], with variants that carry the file, line and field.

use std::fmt;
use std::path::PathBuf;

use crate::EntityKind;

/// Everything that can go wrong in graph-core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dictionaries did not validate; every problem found is listed.
    #[error("{0}")]
    Dictionary(DictionaryErrors),
    /// A document could not be read or is not text.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// A directory or file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// The result type of graph-core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// All the problems found while loading a dictionary directory, in file and line order.
///
/// Loading does not stop at the first problem: every one found is here, so they can be fixed in
/// one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryErrors(pub Vec<DictionaryError>);

impl DictionaryErrors {
    /// The individual problems.
    pub fn errors(&self) -> &[DictionaryError] {
        &self.0
    }
}

impl fmt::Display for DictionaryErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} in the dictionaries",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DictionaryErrors {}

/// One problem in one dictionary file, located by file, line and field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {}{kind}", file.display(), field.as_deref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
pub struct DictionaryError {
    /// The dictionary file.
    pub file: PathBuf,
    /// 1-based line of the offending value (1 when the file itself is the problem).
    pub line: usize,
    /// 1-based column of the offending value.
    pub column: usize,
    /// The field concerned, when there is one (`aliases`, `parent`, `roles.org`...).
    pub field: Option<String>,
    /// What is wrong.
    pub kind: DictionaryErrorKind,
}

/// What is wrong with a dictionary value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DictionaryErrorKind {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    /// The file is not valid TOML, or a value has the wrong type.
    #[error("{0}")]
    Toml(String),
    /// A field the format does not know.
    #[error("unknown field `{0}`")]
    UnknownField(String),
    /// A known field used in a file whose kind does not allow it.
    #[error("not allowed for a {kind}")]
    FieldNotAllowed {
        /// The kind of the file.
        kind: EntityKind,
    },
    /// An id that is not a lowercase slug.
    #[error("id {0:?} is not a slug (lowercase ASCII letters, digits and single '-')")]
    MalformedId(String),
    /// An id already used by another entity.
    #[error("duplicate id {id:?}, first defined at {first}")]
    DuplicateId {
        /// The id.
        id: String,
        /// `file:line` of the first definition.
        first: String,
    },
    /// A reference to an id that no entity has.
    #[error("unknown id {0:?}")]
    UnknownReference(String),
    /// A reference to an entity of a kind the field does not accept.
    #[error("{id:?} is a {found}, expected {expected}")]
    WrongKind {
        /// The referenced id.
        id: String,
        /// Its kind.
        found: EntityKind,
        /// The kinds the field accepts, in words.
        expected: String,
    },
    /// `parent` links that go round in a circle.
    #[error("`parent` forms a cycle: {}", .0.join(" → "))]
    ParentCycle(Vec<String>),
    /// A name or alias that is empty or one character long.
    #[error("{0:?} is too short: a name needs at least two characters")]
    NameTooShort(String),
    /// A spelling that two entities claim without both marking it `ambiguous`.
    #[error(
        "alias {alias:?} is claimed by {id:?} and by {other:?} ({other_at}); list it in `ambiguous` on both to allow that"
    )]
    AliasConflict {
        /// The spelling as written here.
        alias: String,
        /// The entity whose definition this error points at.
        id: String,
        /// The other claimant.
        other: String,
        /// `file:line` of the other claimant.
        other_at: String,
    },
    /// An entry of `ambiguous` that is not one of the entity's own names.
    #[error("{0:?} is listed in `ambiguous` but is not a name or alias of this entity")]
    AmbiguousNotAnAlias(String),
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or does not exist.
    #[error("{0:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    InvalidDate(String),
    /// A role that ends before it starts.
    #[error("the role ends ({until}) before it starts ({since})")]
    EndsBeforeStart {
        /// `since` as written.
        since: String,
        /// `until` as written.
        until: String,
    },
    /// A policy that expires before it takes effect (or, without an effective date, before it
    /// is published).
    #[error("the policy expires ({expires}) before it is in force ({start})")]
    ExpiresBeforeStart {
        /// The effective date, else the published date, as written.
        start: String,
        /// `expires` as written.
        expires: String,
    },
    /// A `number` that is not a document number.
    #[error(
        "{0:?} is not a document number: write it as the document does, e.g. 京开管发〔2024〕3号"
    )]
    InvalidDocumentNumber(String),
    /// `supersedes` links that go round in a circle.
    #[error("`supersedes` forms a cycle: {}", .0.join(" → "))]
    SupersedesCycle(Vec<String>),
    /// A `source` that is not a web address.
    #[error(
        "{0:?} is not a web address: `source` takes the http:// or https:// page that confirms the entity"
    )]
    InvalidSource(String),
    /// The directory holds no dictionary file at all.
    #[error("no dictionary files (*.toml) found")]
    NoFiles,
}

/// A document that cannot be used. The other documents of a corpus go on without it.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct DocumentError {
    /// The file, or the name given to the text.
    pub path: PathBuf,
    /// What is wrong with it.
    pub kind: DocumentErrorKind,
}

/// What is wrong with a document.
#[derive(Debug, thiserror::Error)]
pub enum DocumentErrorKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The file is empty or holds only white space.
    #[error("the document is empty")]
    Empty,
    /// The file holds NUL bytes or other binary data, and is in no encoding kgraph reads.
    #[error("the document is binary, not text")]
    Binary,
    /// The bytes are not UTF-8, nor GB18030 (or UTF-16 with a byte-order mark).
    #[error(
        "invalid UTF-8 at line {line}, byte offset {offset}, and not GB18030 or UTF-16 with a byte-order mark either: save it as UTF-8"
    )]
    InvalidUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// UTF-16 without a byte-order mark, whose byte order cannot be told for sure.
    #[error(
        "UTF-16 without a byte-order mark: save it as UTF-8, or as UTF-16 with a byte-order mark"
    )]
    Utf16WithoutBom,
    /// A byte-order mark, then bytes that are not valid in the encoding it announces.
    #[error("starts with a {encoding} byte-order mark but is not valid {encoding}")]
    Undecodable {
        /// The encoding the mark announces (`UTF-16LE`, `UTF-16BE`).
        encoding: &'static str,
    },
    /// The text is larger than the configured limit.
    #[error("the document is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
}
