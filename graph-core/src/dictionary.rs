//! The curated dictionaries: TOML files → a validated [`Dictionary`].
//!
//! Loading reads every `*.toml` file of a directory, one file per [`EntityKind`], and checks the
//! whole set before anything else sees it. Every problem is collected with its file, line and field
//! ([`DictionaryError`]), so that a caller can show them all in one run instead of one per run.
//!
//! **Invariant:** a [`Dictionary`] that exists is valid: ids are unique slugs, every reference
//! points at an entity of an allowed kind, neither `parent` nor `supersedes` has a cycle, dates
//! exist and no role or policy ends before it starts, every spelling has two or more
//! characters, and no spelling is claimed by two entities unless both mark it ambiguous.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{DictionaryError, DictionaryErrorKind, DictionaryErrors, Error, Result};
use crate::lifecycle::DocumentNumber;
use crate::text::{PartialDate, fold_key};

/// The kinds of entity, one dictionary file each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A company, group, subsidiary or factory.
    Company,
    /// An official, executive, academic, reporter or editor.
    Person,
    /// A government body, committee, bureau, institute, university, medium or chamber.
    Organization,
    /// A park, zone, base or demonstration area, the development zone itself included.
    Park,
    /// A named policy, plan, measure or list.
    Policy,
    /// An industry, industrial cluster or technology field.
    Cluster,
    /// A city, district, country or other place.
    Place,
    /// A recurring event (a forum, an expo, a race) or one edition of it.
    Event,
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Company,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Park,
        EntityKind::Policy,
        EntityKind::Cluster,
        EntityKind::Place,
        EntityKind::Event,
    ];

    /// The lowercase word for this kind (`company`, `person`...).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Company => "company",
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Park => "park",
            EntityKind::Policy => "policy",
            EntityKind::Cluster => "cluster",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
        }
    }

    /// The dictionary file that holds this kind.
    pub fn file_name(self) -> &'static str {
        match self {
            EntityKind::Company => "companies.toml",
            EntityKind::Person => "people.toml",
            EntityKind::Organization => "organizations.toml",
            EntityKind::Park => "parks.toml",
            EntityKind::Policy => "policies.toml",
            EntityKind::Cluster => "clusters.toml",
            EntityKind::Place => "places.toml",
            EntityKind::Event => "events.toml",
        }
    }

    /// The kind a dictionary file holds, from its file name.
    pub fn from_file_name(name: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.file_name() == name)
    }

    /// Parses `company`, `Company`, `COMPANY`...
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    /// Kinds that can stand as the other end of a role, an issuer or a location.
    pub fn is_organization_like(self) -> bool {
        matches!(
            self,
            EntityKind::Organization | EntityKind::Company | EntityKind::Park | EntityKind::Place
        )
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The position of an entity in its [`Dictionary`]: dense, stable for one dictionary, ordered by id.
///
/// Public ids are the slugs ([`Entity::id`]); this index is how graph-core refers to entities
/// internally and in its results, because it is `Copy` and indexes vectors directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityIdx(pub u32);

impl EntityIdx {
    /// The index as a `usize`, for indexing.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A stated role of a person: a title, at an organization when it is known, held over a span of
/// time when the source states one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The title as the dictionary states it.
    pub title: String,
    /// Where the person holds it.
    pub org: Option<EntityIdx>,
    /// When the person took the role, as precisely as the source states it.
    pub since: Option<PartialDate>,
    /// When the person left the role; `None` while it is held (or when the source does not say).
    pub until: Option<PartialDate>,
}

/// One curated entity.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The stable slug.
    pub id: String,
    /// Which file it came from.
    pub kind: EntityKind,
    /// English display name.
    pub name: String,
    /// Chinese display name.
    pub name_zh: Option<String>,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Spellings shared on purpose with other entities.
    pub ambiguous: Vec<String>,
    /// A line for people reading the graph.
    pub description: Option<String>,
    /// Curated cluster membership.
    pub clusters: Vec<EntityIdx>,
    /// Curated location: parks and places.
    pub located_in: Vec<EntityIdx>,
    /// The larger whole of the same kind.
    pub parent: Option<EntityIdx>,
    /// A person's roles.
    pub roles: Vec<Role>,
    /// A policy's issuer.
    pub issuer: Option<EntityIdx>,
    /// A policy's document number (文号).
    pub number: Option<DocumentNumber>,
    /// When a policy was published (issued).
    pub published: Option<PartialDate>,
    /// When a policy takes effect.
    pub effective: Option<PartialDate>,
    /// A policy's last day in force.
    pub expires: Option<PartialDate>,
    /// The policy this one replaces.
    pub supersedes: Option<EntityIdx>,
    /// The public page (URL) where the entity's names and facts were confirmed.
    pub source: Option<String>,
    /// The date of that page, when known.
    pub as_of: Option<PartialDate>,
    /// Where the entity is defined, `file:line`.
    pub defined_at: String,
    /// The 1-based line of the entry (its `id`) in its dictionary file.
    pub line: usize,
}

impl Entity {
    /// Every spelling of the entity that is matched in text: name, Chinese name, aliases.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.name_zh.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// A validated set of entities, ordered by id.
#[derive(Debug, Clone)]
pub struct Dictionary {
    entities: Vec<Entity>,
    by_id: HashMap<String, EntityIdx>,
    /// Each entity's kind, a byte apiece: extraction asks for kinds at every mention, and a
    /// whole [`Entity`] per question would not stay in cache.
    kinds: Vec<EntityKind>,
}

impl Dictionary {
    /// Loads and validates every dictionary file of `dir`.
    ///
    /// The files are named after their kind ([`EntityKind::file_name`]); other `*.toml` files are
    /// an error, so that a typo in a file name is not silently ignored.
    pub fn load_dir(dir: &Path) -> Result<Dictionary> {
        let (sources, mut errors) = read_dir_files(dir)?;
        match Dictionary::from_files(&sources) {
            Ok(dict) if errors.is_empty() => Ok(dict),
            Ok(_) => Err(Error::Dictionary(DictionaryErrors(errors))),
            Err(Error::Dictionary(DictionaryErrors(more))) => {
                errors.extend(more);
                Err(Error::Dictionary(DictionaryErrors(errors)))
            }
            Err(e) => Err(e),
        }
    }

    /// Reads the dictionary files of `dir` without validating what they say: the texts that
    /// [`Dictionary::from_files`] turns into a dictionary, for a caller that edits them first.
    /// A file that is not named after a kind, or cannot be read, is an error.
    pub fn read_sources(dir: &Path) -> Result<Vec<DictionarySource>> {
        let (sources, errors) = read_dir_files(dir)?;
        if errors.is_empty() {
            Ok(sources)
        } else {
            Err(Error::Dictionary(DictionaryErrors(errors)))
        }
    }

    /// Validates dictionary files already read (and perhaps edited).
    pub fn from_files(sources: &[DictionarySource]) -> Result<Dictionary> {
        let borrowed: Vec<(PathBuf, EntityKind, &str)> = sources
            .iter()
            .map(|s| (s.path.clone(), s.kind, s.text.as_str()))
            .collect();
        Dictionary::from_sources(&borrowed)
    }

    /// Builds a dictionary from in-memory TOML sources: `(file name for messages, kind, text)`.
    pub fn from_sources(sources: &[(PathBuf, EntityKind, &str)]) -> Result<Dictionary> {
        use rayon::prelude::*;

        // The files parse on every core (a third of loading the zone's dictionaries), and are
        // gathered in their given order, so that the result does not depend on the threads.
        let parsed: Vec<(Vec<Located>, Vec<String>, Vec<DictionaryError>)> = sources
            .par_iter()
            .map(|(path, kind, text)| {
                let lines = LineIndex::new(text);
                let mut errors = Vec::new();
                let mut raw = Vec::new();
                let mut broken = Vec::new();
                let mut file = FileParse {
                    path,
                    lines: &lines,
                    errors: &mut errors,
                };
                for parsed in file.entities(text) {
                    match parsed {
                        Parsed::Entity(entity) => raw.push(Located {
                            file: path.clone(),
                            kind: *kind,
                            lines: lines.clone(),
                            entity: *entity,
                        }),
                        Parsed::Broken(Some(id)) => broken.push(id),
                        Parsed::Broken(None) => {}
                    }
                }
                (raw, broken, errors)
            })
            .collect();
        let mut errors = Vec::new();
        let mut raw: Vec<Located> = Vec::new();
        let mut broken_ids = HashSet::new();
        for (file_raw, file_broken, file_errors) in parsed {
            raw.extend(file_raw);
            broken_ids.extend(file_broken);
            errors.extend(file_errors);
        }
        let dict = validate(raw, &broken_ids, &mut errors);
        if errors.is_empty() {
            Ok(dict)
        } else {
            errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
            Err(Error::Dictionary(DictionaryErrors(errors)))
        }
    }

    /// All entities, ordered by id.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity at an index.
    ///
    /// Panics if `idx` does not come from this dictionary; indexes are only made by it.
    pub fn entity(&self, idx: EntityIdx) -> &Entity {
        &self.entities[idx.index()]
    }

    /// The kind of an entity (the same as `entity(idx).kind`, from a compact table).
    pub fn kind(&self, idx: EntityIdx) -> EntityKind {
        self.kinds[idx.index()]
    }

    /// The index of the entity with this id.
    pub fn get(&self, id: &str) -> Option<EntityIdx> {
        self.by_id.get(id).copied()
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether the dictionary holds no entity.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Iterates over `(index, entity)` pairs in id order.
    pub fn iter(&self) -> impl Iterator<Item = (EntityIdx, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (EntityIdx(i as u32), e))
    }

    /// This dictionary with `more` entities after its own: every index of `self` means the same
    /// entity in the result, and the new ones follow in the order given, the `i`-th of `more` at
    /// index `self.len() + i`. Their ids must be new (the provisional ids are: see
    /// [`crate::provisional`]); should one not be, `get` keeps finding the entity that had it.
    /// The graph of provisional entities is built on such a dictionary
    /// ([`crate::KnowledgeGraph::with_candidates`]).
    pub fn extended(&self, more: Vec<Entity>) -> Dictionary {
        let mut out = self.clone();
        out.entities.reserve(more.len());
        for e in more {
            let idx = EntityIdx(out.entities.len() as u32);
            out.by_id.entry(e.id.clone()).or_insert(idx);
            out.kinds.push(e.kind);
            out.entities.push(e);
        }
        out
    }
}

/// One dictionary file as read: where it is, the kind its name gives, its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionarySource {
    /// The file.
    pub path: PathBuf,
    /// The kind of every entity in it.
    pub kind: EntityKind,
    /// Its TOML.
    pub text: String,
}

/// The `*.toml` files of `dir`, sorted by name, beside the problems of the files that cannot be
/// dictionaries (a name that is no kind's, a file that cannot be read, no file at all).
fn read_dir_files(dir: &Path) -> Result<(Vec<DictionarySource>, Vec<DictionaryError>)> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    files.sort();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    let problem = |file: PathBuf, kind: DictionaryErrorKind| DictionaryError {
        file,
        line: 1,
        column: 1,
        field: None,
        kind,
    };
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(kind) = EntityKind::from_file_name(name) else {
            errors.push(problem(
                path.clone(),
                DictionaryErrorKind::Unreadable(format!(
                    "not a dictionary file name; expected one of {}",
                    EntityKind::ALL.map(|k| k.file_name()).join(", ")
                )),
            ));
            continue;
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push(DictionarySource { path, kind, text }),
            Err(e) => errors.push(problem(
                path,
                DictionaryErrorKind::Unreadable(e.to_string()),
            )),
        }
    }
    if sources.is_empty() && errors.is_empty() {
        errors.push(problem(dir.to_path_buf(), DictionaryErrorKind::NoFiles));
    }
    Ok((sources, errors))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    name_zh: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    ambiguous: Vec<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    clusters: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    parks: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    places: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    parent: Option<Spanned<String>>,
    #[serde(default)]
    roles: Option<Spanned<Vec<Spanned<RawRole>>>>,
    #[serde(default)]
    issuer: Option<Spanned<String>>,
    #[serde(default)]
    number: Option<Spanned<String>>,
    #[serde(default)]
    published: Option<Spanned<String>>,
    #[serde(default)]
    effective: Option<Spanned<String>>,
    #[serde(default)]
    expires: Option<Spanned<String>>,
    #[serde(default)]
    supersedes: Option<Spanned<String>>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    as_of: Option<Spanned<String>>,
}

/// The fields of an `[[entity]]` table, for reporting unknown ones before deserializing.
const ENTITY_FIELDS: &[&str] = &[
    "id",
    "name",
    "name_zh",
    "aliases",
    "ambiguous",
    "description",
    "clusters",
    "parks",
    "places",
    "parent",
    "roles",
    "issuer",
    "number",
    "published",
    "effective",
    "expires",
    "supersedes",
    "source",
    "as_of",
];

/// The fields of one entry of `roles`.
const ROLE_FIELDS: &[&str] = &["title", "org", "since", "until"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    title: Spanned<String>,
    #[serde(default)]
    org: Option<Spanned<String>>,
    #[serde(default)]
    since: Option<Spanned<String>>,
    #[serde(default)]
    until: Option<Spanned<String>>,
}

/// What became of one `[[entity]]` table.
enum Parsed {
    /// It deserialized, possibly after its faulty fields were reported and left out.
    Entity(Box<Spanned<RawEntity>>),
    /// It could not be used (its `id` or `name` is missing or malformed); its id, when it has
    /// one, is still known, so that references to it are not reported as unknown on top.
    Broken(Option<String>),
}

/// Parsing one dictionary file, recovering from every problem it can so that one mistake does
/// not hide the others: a TOML syntax error is reported and parsing goes on after it (toml's
/// recoverable parser); an unknown field, or a field with a value of the wrong type, is reported
/// and left out while the rest of its entity is kept.
struct FileParse<'a> {
    path: &'a Path,
    lines: &'a LineIndex,
    errors: &'a mut Vec<DictionaryError>,
}

impl FileParse<'_> {
    fn error(&mut self, span: Range<usize>, field: Option<&str>, kind: DictionaryErrorKind) {
        let (line, column) = self.lines.locate(span.start);
        self.errors.push(DictionaryError {
            file: self.path.to_path_buf(),
            line,
            column,
            field: field.map(str::to_owned),
            kind,
        });
    }

    fn entities(&mut self, text: &str) -> Vec<Parsed> {
        let (table, syntax) = DeTable::parse_recoverable(text);
        for e in &syntax {
            self.errors.push(toml_error(self.path, self.lines, e));
        }
        // Keys after a broken table header belong to that table, not to the file: reporting
        // them as unknown top-level fields would only repeat the syntax error.
        let first_syntax_error = syntax
            .iter()
            .filter_map(|e| e.span().map(|s| s.start))
            .min()
            .unwrap_or(usize::MAX);
        let mut out = Vec::new();
        for (key, value) in table.into_inner() {
            if key.get_ref() != "entity" {
                if key.span().start > first_syntax_error {
                    continue;
                }
                let name = key.get_ref().to_string();
                self.error(
                    key.span(),
                    Some(&name),
                    DictionaryErrorKind::UnknownField(name.clone()),
                );
                continue;
            }
            let span = value.span();
            let DeValue::Array(items) = value.into_inner() else {
                self.error(
                    span,
                    Some("entity"),
                    DictionaryErrorKind::Toml(
                        "`entity` must be a list of tables, written [[entity]]".into(),
                    ),
                );
                continue;
            };
            for item in items {
                out.push(self.entity(item));
            }
        }
        out
    }

    fn entity(&mut self, value: Spanned<DeValue<'_>>) -> Parsed {
        let span = value.span();
        let DeValue::Table(mut table) = value.into_inner() else {
            self.error(
                span,
                Some("entity"),
                DictionaryErrorKind::Toml("an entity must be a table, written [[entity]]".into()),
            );
            return Parsed::Broken(None);
        };
        self.drop_unknown(&mut table, ENTITY_FIELDS, "");
        if let Some(roles) = table.get_mut("roles")
            && let DeValue::Array(roles) = roles.get_mut()
        {
            for role in roles.iter_mut() {
                if let DeValue::Table(role) = role.get_mut() {
                    self.drop_unknown(role, ROLE_FIELDS, "roles.");
                }
            }
        }
        // Deserialize; on a type error, report it, leave the offending field out and try again,
        // so that every faulty field of the entity is reported once. Each round removes a field,
        // so this ends.
        loop {
            let attempt = Spanned::new(span.clone(), DeValue::Table(table.clone()));
            let error = match Spanned::<RawEntity>::deserialize(attempt.into_deserializer()) {
                Ok(raw) => return Parsed::Entity(Box::new(raw)),
                Err(e) => e,
            };
            let at = error.span().unwrap_or(span.clone());
            let culprit = table
                .iter()
                .find(|(k, v)| {
                    let whole = k.span().start..v.span().end;
                    whole.start <= at.start && at.start < whole.end.max(whole.start + 1)
                })
                .map(|(k, _)| k.get_ref().to_string());
            let mut reported = toml_error(self.path, self.lines, &error);
            if reported.field.is_none() {
                reported.field = culprit.clone();
            }
            if culprit.is_none() {
                // A missing required field points at the table itself: report it at the entity.
                let (line, column) = self.lines.locate(span.start);
                reported.line = line;
                reported.column = column;
            }
            self.errors.push(reported);
            match culprit {
                Some(field) if field != "id" && field != "name" => {
                    table.remove(field.as_str());
                }
                _ => {
                    let id = match table.get("id").map(|v| v.get_ref()) {
                        Some(DeValue::String(id)) => Some(id.to_string()),
                        _ => None,
                    };
                    return Parsed::Broken(id);
                }
            }
        }
    }

    /// Reports and removes the keys of `table` that are not in `known`.
    fn drop_unknown(&mut self, table: &mut DeTable<'_>, known: &[&str], prefix: &str) {
        let unknown: Vec<(String, Range<usize>)> = table
            .iter()
            .filter(|(k, _)| !known.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| (k.get_ref().to_string(), k.span()))
            .collect();
        for (key, span) in unknown {
            let field = format!("{prefix}{key}");
            self.error(
                span,
                Some(&field),
                DictionaryErrorKind::UnknownField(field.clone()),
            );
            table.remove(key.as_str());
        }
    }
}

struct Located {
    file: PathBuf,
    kind: EntityKind,
    lines: LineIndex,
    entity: Spanned<RawEntity>,
}

impl Located {
    fn at(
        &self,
        span: Range<usize>,
        field: Option<&str>,
        kind: DictionaryErrorKind,
    ) -> DictionaryError {
        let (line, column) = self.lines.locate(span.start);
        DictionaryError {
            file: self.file.clone(),
            line,
            column,
            field: field.map(str::to_owned),
            kind,
        }
    }

    /// The line of the entry's `id`.
    fn line(&self) -> usize {
        self.lines.locate(self.entity.get_ref().id.span().start).0
    }

    fn defined_at(&self) -> String {
        let (line, _) = self.lines.locate(self.entity.get_ref().id.span().start);
        format!("{}:{line}", self.file.display())
    }
}

/// Byte offset → (line, column), both 1-based; columns count characters.
#[derive(Clone)]
struct LineIndex {
    text: std::sync::Arc<str>,
    starts: std::sync::Arc<[usize]>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text: text.into(),
            starts: starts.into(),
        }
    }

    fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = offset.min(self.text.len());
        let column = self
            .text
            .get(start..end)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

fn toml_error(path: &Path, lines: &LineIndex, e: &toml::de::Error) -> DictionaryError {
    let (line, column) = e.span().map_or((1, 1), |s| lines.locate(s.start));
    let message = e.message().trim().to_owned();
    let kind = match message.strip_prefix("unknown field `") {
        Some(rest) => {
            DictionaryErrorKind::UnknownField(rest.split('`').next().unwrap_or("").to_owned())
        }
        None => DictionaryErrorKind::Toml(message),
    };
    let field = match &kind {
        DictionaryErrorKind::UnknownField(f) => Some(f.clone()),
        _ => None,
    };
    DictionaryError {
        file: path.to_path_buf(),
        line,
        column,
        field,
        kind,
    }
}

/// Reads a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value, reporting anything else.
fn parse_date(
    located: &Located,
    field: &str,
    value: &Spanned<String>,
    errors: &mut Vec<DictionaryError>,
) -> Option<PartialDate> {
    let date = PartialDate::parse_iso(value.get_ref());
    if date.is_none() {
        errors.push(located.at(
            value.span(),
            Some(field),
            DictionaryErrorKind::InvalidDate(value.get_ref().clone()),
        ));
    }
    date
}

/// An `http://` or `https://` address with a host: what a reader can open to check a fact.
fn is_web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !url.chars().any(char::is_whitespace)
    })
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Which optional fields each kind may use, as the dictionaries README documents.
fn allowed(kind: EntityKind, field: &str) -> bool {
    use EntityKind::*;
    match field {
        "clusters" => matches!(kind, Company | Organization | Policy | Park | Event),
        "parks" => matches!(kind, Company | Organization | Park | Policy | Event),
        "places" => matches!(kind, Company | Organization | Park | Place | Event),
        "parent" => matches!(
            kind,
            Cluster | Park | Place | Organization | Company | Event
        ),
        "roles" => kind == Person,
        "issuer" | "number" | "published" | "effective" | "expires" | "supersedes" => {
            kind == Policy
        }
        _ => true,
    }
}

fn validate(
    mut raw: Vec<Located>,
    broken_ids: &HashSet<String>,
    errors: &mut Vec<DictionaryError>,
) -> Dictionary {
    // Ids first: they decide the order of the dictionary and what references may point at.
    raw.sort_by(|a, b| {
        a.entity
            .get_ref()
            .id
            .get_ref()
            .cmp(b.entity.get_ref().id.get_ref())
    });
    let mut by_id: HashMap<String, EntityIdx> = HashMap::new();
    let mut kept: Vec<Located> = Vec::new();
    for located in raw {
        let id = located.entity.get_ref().id.clone();
        if !is_slug(id.get_ref()) {
            errors.push(located.at(
                id.span(),
                Some("id"),
                DictionaryErrorKind::MalformedId(id.get_ref().clone()),
            ));
        }
        if let Some(&first) = by_id.get(id.get_ref()) {
            let first = kept[first.index()].defined_at();
            errors.push(located.at(
                id.span(),
                Some("id"),
                DictionaryErrorKind::DuplicateId {
                    id: id.get_ref().clone(),
                    first,
                },
            ));
            continue;
        }
        by_id.insert(id.get_ref().clone(), EntityIdx(kept.len() as u32));
        kept.push(located);
    }

    let resolve = |located: &Located,
                   field: &str,
                   value: &Spanned<String>,
                   accept: &dyn Fn(EntityKind) -> bool,
                   expected: &str,
                   errors: &mut Vec<DictionaryError>|
     -> Option<EntityIdx> {
        let Some(&idx) = by_id.get(value.get_ref()) else {
            // An entity that exists but could not be read has been reported already; a
            // reference to it is not a second problem.
            if broken_ids.contains(value.get_ref()) {
                return None;
            }
            errors.push(located.at(
                value.span(),
                Some(field),
                DictionaryErrorKind::UnknownReference(value.get_ref().clone()),
            ));
            return None;
        };
        let found = kept[idx.index()].kind;
        if !accept(found) {
            errors.push(located.at(
                value.span(),
                Some(field),
                DictionaryErrorKind::WrongKind {
                    id: value.get_ref().clone(),
                    found,
                    expected: expected.to_owned(),
                },
            ));
            return None;
        }
        Some(idx)
    };

    let mut entities = Vec::with_capacity(kept.len());
    for located in &kept {
        let raw = located.entity.get_ref();
        let kind = located.kind;
        let not_allowed = |field: &str, span: Range<usize>, errors: &mut Vec<DictionaryError>| {
            if !allowed(kind, field) {
                errors.push(located.at(
                    span,
                    Some(field),
                    DictionaryErrorKind::FieldNotAllowed { kind },
                ));
                false
            } else {
                true
            }
        };

        for (field, value) in std::iter::once(("name", &raw.name))
            .chain(raw.name_zh.iter().map(|v| ("name_zh", v)))
            .chain(raw.aliases.iter().map(|v| ("aliases", v)))
        {
            if value.get_ref().trim().chars().count() < 2 {
                errors.push(located.at(
                    value.span(),
                    Some(field),
                    DictionaryErrorKind::NameTooShort(value.get_ref().clone()),
                ));
            }
        }

        let mut clusters = Vec::new();
        if let Some(list) = &raw.clusters
            && not_allowed("clusters", list.span(), errors)
        {
            for v in list.get_ref() {
                if let Some(idx) = resolve(
                    located,
                    "clusters",
                    v,
                    &|k| k == EntityKind::Cluster,
                    "a cluster",
                    errors,
                ) {
                    clusters.push(idx);
                }
            }
        }
        let mut located_in = Vec::new();
        if let Some(list) = &raw.parks
            && not_allowed("parks", list.span(), errors)
        {
            for v in list.get_ref() {
                if let Some(idx) = resolve(
                    located,
                    "parks",
                    v,
                    &|k| k == EntityKind::Park,
                    "a park",
                    errors,
                ) {
                    located_in.push(idx);
                }
            }
        }
        if let Some(list) = &raw.places
            && not_allowed("places", list.span(), errors)
        {
            for v in list.get_ref() {
                if let Some(idx) = resolve(
                    located,
                    "places",
                    v,
                    &|k| k == EntityKind::Place,
                    "a place",
                    errors,
                ) {
                    located_in.push(idx);
                }
            }
        }
        let mut parent = None;
        if let Some(v) = &raw.parent
            && not_allowed("parent", v.span(), errors)
        {
            let expected = format!("a {kind} (a parent has the same kind)");
            parent = resolve(located, "parent", v, &|k| k == kind, &expected, errors);
        }
        let mut roles = Vec::new();
        if let Some(list) = &raw.roles
            && not_allowed("roles", list.span(), errors)
        {
            for role in list.get_ref() {
                let role = role.get_ref();
                if role.title.get_ref().trim().chars().count() < 2 {
                    errors.push(located.at(
                        role.title.span(),
                        Some("roles.title"),
                        DictionaryErrorKind::NameTooShort(role.title.get_ref().clone()),
                    ));
                }
                let org = role.org.as_ref().and_then(|v| {
                    resolve(
                        located,
                        "roles.org",
                        v,
                        &EntityKind::is_organization_like,
                        "an organization, company, park or place",
                        errors,
                    )
                });
                let since = role
                    .since
                    .as_ref()
                    .and_then(|v| parse_date(located, "roles.since", v, errors));
                let until = role
                    .until
                    .as_ref()
                    .and_then(|v| parse_date(located, "roles.until", v, errors));
                if let (Some(s), Some(u), Some(v)) = (since, until, &role.until)
                    && u.last_day() < s.first_day()
                {
                    errors.push(located.at(
                        v.span(),
                        Some("roles.until"),
                        DictionaryErrorKind::EndsBeforeStart {
                            since: s.to_string(),
                            until: u.to_string(),
                        },
                    ));
                }
                roles.push(Role {
                    title: role.title.get_ref().trim().to_owned(),
                    org,
                    since,
                    until,
                });
            }
        }
        let mut issuer = None;
        if let Some(v) = &raw.issuer
            && not_allowed("issuer", v.span(), errors)
        {
            issuer = resolve(
                located,
                "issuer",
                v,
                &EntityKind::is_organization_like,
                "an organization, company, park or place",
                errors,
            );
        }
        let policy_date =
            |field: &str, value: &Option<Spanned<String>>, errors: &mut Vec<DictionaryError>| {
                value.as_ref().and_then(|v| {
                    if not_allowed(field, v.span(), errors) {
                        parse_date(located, field, v, errors)
                    } else {
                        None
                    }
                })
            };
        let published = policy_date("published", &raw.published, errors);
        let effective = policy_date("effective", &raw.effective, errors);
        let expires = policy_date("expires", &raw.expires, errors);
        // A policy cannot expire before it is in force; it may take effect before it is
        // published (retroactive measures exist), so that order is not checked.
        if let (Some(start), Some(end), Some(v)) = (effective.or(published), expires, &raw.expires)
            && end.last_day() < start.first_day()
        {
            errors.push(located.at(
                v.span(),
                Some("expires"),
                DictionaryErrorKind::ExpiresBeforeStart {
                    start: start.to_string(),
                    expires: end.to_string(),
                },
            ));
        }
        let mut number = None;
        if let Some(v) = &raw.number
            && not_allowed("number", v.span(), errors)
        {
            number = DocumentNumber::parse(v.get_ref());
            if number.is_none() {
                errors.push(located.at(
                    v.span(),
                    Some("number"),
                    DictionaryErrorKind::InvalidDocumentNumber(v.get_ref().clone()),
                ));
            }
        }
        let mut supersedes = None;
        if let Some(v) = &raw.supersedes
            && not_allowed("supersedes", v.span(), errors)
        {
            supersedes = resolve(
                located,
                "supersedes",
                v,
                &|k| k == EntityKind::Policy,
                "a policy (a policy supersedes another policy)",
                errors,
            );
        }

        let source = raw.source.as_ref().and_then(|v| {
            let url = v.get_ref().trim();
            if is_web_address(url) {
                Some(url.to_owned())
            } else {
                errors.push(located.at(
                    v.span(),
                    Some("source"),
                    DictionaryErrorKind::InvalidSource(v.get_ref().clone()),
                ));
                None
            }
        });
        let as_of = raw
            .as_of
            .as_ref()
            .and_then(|v| parse_date(located, "as_of", v, errors));

        let aliases: Vec<String> = raw
            .aliases
            .iter()
            .map(|a| a.get_ref().trim().to_owned())
            .collect();
        entities.push(Entity {
            id: raw.id.get_ref().clone(),
            kind,
            name: raw.name.get_ref().trim().to_owned(),
            name_zh: raw.name_zh.as_ref().map(|v| v.get_ref().trim().to_owned()),
            aliases,
            ambiguous: raw
                .ambiguous
                .iter()
                .map(|a| a.get_ref().trim().to_owned())
                .collect(),
            description: raw.description.clone(),
            clusters,
            located_in,
            parent,
            roles,
            issuer,
            number,
            published,
            effective,
            expires,
            supersedes,
            source,
            as_of,
            defined_at: located.defined_at(),
            line: located.line(),
        });
    }

    check_parent_cycles(&kept, &entities, errors);
    check_supersedes_cycles(&kept, &entities, errors);
    check_aliases(&kept, &entities, errors);

    let kinds = entities.iter().map(|e| e.kind).collect();
    Dictionary {
        entities,
        by_id,
        kinds,
    }
}

/// Reports every cycle of `parent` links.
fn check_parent_cycles(kept: &[Located], entities: &[Entity], errors: &mut Vec<DictionaryError>) {
    check_cycles(
        kept,
        entities,
        errors,
        "parent",
        |e| e.parent,
        |raw| raw.parent.as_ref().map(Spanned::span),
        DictionaryErrorKind::ParentCycle,
    );
}

/// Reports every cycle of `supersedes` links: a policy cannot replace itself, even by way of
/// other versions.
fn check_supersedes_cycles(
    kept: &[Located],
    entities: &[Entity],
    errors: &mut Vec<DictionaryError>,
) {
    check_cycles(
        kept,
        entities,
        errors,
        "supersedes",
        |e| e.supersedes,
        |raw| raw.supersedes.as_ref().map(Spanned::span),
        DictionaryErrorKind::SupersedesCycle,
    );
}

/// Reports every cycle of the links `next` follows (each entity has at most one), once per
/// cycle, at the cycle's smallest id.
fn check_cycles(
    kept: &[Located],
    entities: &[Entity],
    errors: &mut Vec<DictionaryError>,
    field: &str,
    next: impl Fn(&Entity) -> Option<EntityIdx>,
    span_of: impl Fn(&RawEntity) -> Option<Range<usize>>,
    kind: impl Fn(Vec<String>) -> DictionaryErrorKind,
) {
    // 0 = not visited, 1 = on the current walk, 2 = known to reach an end.
    let mut state = vec![0u8; entities.len()];
    for start in 0..entities.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    // `i` is on this walk: the cycle is the walk from `i` on. Report it once, at
                    // the smallest id of the cycle, so each cycle is one error.
                    let from = walk.iter().position(|&w| w == i).unwrap_or(0);
                    let cycle = &walk[from..];
                    let first = cycle.iter().copied().min().unwrap_or(i);
                    let mut names: Vec<String> = Vec::new();
                    let pos = cycle.iter().position(|&c| c == first).unwrap_or(0);
                    for k in 0..=cycle.len() {
                        names.push(entities[cycle[(pos + k) % cycle.len()]].id.clone());
                    }
                    let raw = kept[first].entity.get_ref();
                    let span = span_of(raw).unwrap_or(raw.id.span());
                    errors.push(kept[first].at(span, Some(field), kind(names)));
                    break;
                }
                _ => {
                    state[i] = 1;
                    walk.push(i);
                    at = next(&entities[i]).map(EntityIdx::index);
                }
            }
        }
        for w in walk {
            state[w] = 2;
        }
    }
}

fn check_aliases(kept: &[Located], entities: &[Entity], errors: &mut Vec<DictionaryError>) {
    // The key is the folded, lowercased spelling: what the matcher will actually compare.
    type Claim = (usize, &'static str, Range<usize>, String);
    let mut claims: BTreeMap<String, Vec<Claim>> = BTreeMap::new();
    for (i, located) in kept.iter().enumerate() {
        let raw = located.entity.get_ref();
        let spellings = std::iter::once(("name", &raw.name))
            .chain(raw.name_zh.iter().map(|v| ("name_zh", v)))
            .chain(raw.aliases.iter().map(|v| ("aliases", v)));
        let mut own = std::collections::HashSet::new();
        for (field, s) in spellings {
            let key = fold_key(s.get_ref().trim());
            if key.is_empty() || !own.insert(key.clone()) {
                continue;
            }
            claims.entry(key).or_default().push((
                i,
                field,
                s.span(),
                s.get_ref().trim().to_owned(),
            ));
        }
        for a in &raw.ambiguous {
            if !own.contains(&fold_key(a.get_ref().trim())) {
                errors.push(located.at(
                    a.span(),
                    Some("ambiguous"),
                    DictionaryErrorKind::AmbiguousNotAnAlias(a.get_ref().clone()),
                ));
            }
        }
    }
    for (key, claimants) in claims {
        if claimants.len() < 2 {
            continue;
        }
        let marks = |i: usize| entities[i].ambiguous.iter().any(|a| fold_key(a) == key);
        // Point at every claimant that does not mark the spelling, naming one other claimant.
        for (n, (i, field, span, spelling)) in claimants.iter().enumerate() {
            if marks(*i) {
                continue;
            }
            let (j, ..) = &claimants[if n == 0 { 1 } else { 0 }];
            errors.push(kept[*i].at(
                span.clone(),
                Some(field),
                DictionaryErrorKind::AliasConflict {
                    alias: spelling.clone(),
                    id: entities[*i].id.clone(),
                    other: entities[*j].id.clone(),
                    other_at: entities[*j].defined_at.clone(),
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(EntityKind, &str)]) -> Result<Dictionary> {
        let sources: Vec<(PathBuf, EntityKind, &str)> = files
            .iter()
            .map(|(k, t)| (PathBuf::from(k.file_name()), *k, *t))
            .collect();
        Dictionary::from_sources(&sources)
    }

    fn errors(files: &[(EntityKind, &str)]) -> Vec<DictionaryError> {
        match load(files) {
            Err(Error::Dictionary(e)) => e.0,
            other => panic!("expected dictionary errors, got {other:?}"),
        }
    }

    #[test]
    fn line_index_counts_lines_and_characters() {
        let idx = LineIndex::new("ab\n京东方x\n");
        assert_eq!(idx.locate(0), (1, 1));
        assert_eq!(idx.locate(3), (2, 1));
        assert_eq!(idx.locate(12), (2, 4));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("boe"));
        assert!(is_slug("bda-management-committee"));
        assert!(is_slug("6g"));
        assert!(!is_slug("BOE"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug("a b"));
        assert!(!is_slug(""));
    }

    #[test]
    fn reference_to_wrong_kind_names_the_field() {
        let errs = errors(&[
            (
                EntityKind::Company,
                "[[entity]]\nid = \"boe\"\nname = \"BOE\"\nclusters = [\"beijing\"]\n",
            ),
            (
                EntityKind::Place,
                "[[entity]]\nid = \"beijing\"\nname = \"Beijing\"\n",
            ),
        ]);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 4);
        assert_eq!(errs[0].field.as_deref(), Some("clusters"));
        assert!(matches!(
            errs[0].kind,
            DictionaryErrorKind::WrongKind { .. }
        ));
    }
    fn kinds(errs: &[DictionaryError]) -> Vec<(usize, Option<&str>, String)> {
        errs.iter()
            .map(|e| (e.line, e.field.as_deref(), e.kind.to_string()))
            .collect()
    }

    #[test]
    fn an_unknown_field_does_not_hide_the_other_problems_of_its_entity() {
        let errs = errors(&[(
            EntityKind::Company,
            "[[entity]]\nid = \"boe\"\nnmae_zh = \"京东方\"\nname = \"BOE\"\naliases = [\"x\"]\nclusters = [\"nope\"]\n",
        )]);
        assert_eq!(
            kinds(&errs),
            vec![
                (3, Some("nmae_zh"), "unknown field `nmae_zh`".to_owned()),
                (
                    5,
                    Some("aliases"),
                    "\"x\" is too short: a name needs at least two characters".to_owned()
                ),
                (6, Some("clusters"), "unknown id \"nope\"".to_owned()),
            ]
        );
    }

    #[test]
    fn an_entity_with_an_unknown_field_is_still_known_to_other_files() {
        // Before, one unknown field dropped the whole file, and every reference to its
        // entities was reported as an unknown id on top.
        let errs = errors(&[
            (
                EntityKind::Park,
                "[[entity]]\nid = \"bda\"\nname = \"BDA Zone\"\nnmae_zh = \"经开区\"\n",
            ),
            (
                EntityKind::Company,
                "[[entity]]\nid = \"boe\"\nname = \"BOE\"\nparks = [\"bda\"]\n",
            ),
        ]);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].field.as_deref(), Some("nmae_zh"));
    }

    #[test]
    fn a_syntax_error_does_not_hide_the_rest_of_its_file() {
        let text = "[[entity]]\nid = \"a\"\nname = \"Broken Co\n\n[[entity]]\nid = \"b\"\nname = \"After\"\naliases = [\"Z\"]\n";
        let errs = errors(&[(EntityKind::Company, text)]);
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert!(lines.contains(&3), "the syntax error is reported: {errs:?}");
        assert!(
            errs.iter()
                .any(|e| e.line == 8 && matches!(e.kind, DictionaryErrorKind::NameTooShort(_))),
            "the entity after the syntax error is still checked: {errs:?}"
        );
    }

    #[test]
    fn a_field_of_the_wrong_type_is_reported_and_the_rest_kept() {
        let errs = errors(&[
            (
                EntityKind::Company,
                "[[entity]]\nid = \"jd\"\nname = \"JD Group\"\naliases = \"JD\"\nparks = [\"nowhere\"]\n",
            ),
            (
                EntityKind::Park,
                "[[entity]]\nid = \"bda\"\nname = \"BDA Zone\"\n",
            ),
        ]);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].field.as_deref(), Some("aliases"));
        assert!(errs[0].kind.to_string().contains("expected a sequence"));
        assert_eq!(
            errs[1].kind,
            DictionaryErrorKind::UnknownReference("nowhere".into())
        );
    }

    #[test]
    fn a_missing_name_is_reported_at_the_entity_and_its_id_stays_known() {
        let errs = errors(&[
            (EntityKind::Park, "# parks\n[[entity]]\nid = \"bda\"\n"),
            (
                EntityKind::Company,
                "[[entity]]\nid = \"boe\"\nname = \"BOE\"\nparks = [\"bda\"]\n",
            ),
        ]);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].file, PathBuf::from("parks.toml"));
        assert_eq!(errs[0].line, 2);
        assert!(errs[0].kind.to_string().contains("missing field `name`"));
    }

    #[test]
    fn sources_dates_and_tenures_are_read_and_checked() {
        let dict = load(&[
            (
                EntityKind::Person,
                "[[entity]]\nid = \"kong-lei\"\nname = \"Kong Lei\"\nsource = \"https://kfqgw.beijing.gov.cn/leaders\"\nas_of = \"2024-03-01\"\nroles = [{ title = \"Director\", org = \"mc\", since = \"2021-06\" }, { title = \"Deputy Director\", org = \"mc\", since = \"2019\", until = \"2021-06\" }]\n",
            ),
            (
                EntityKind::Organization,
                "[[entity]]\nid = \"mc\"\nname = \"Management Committee\"\n",
            ),
        ])
        .expect("valid");
        let kong = dict.entity(dict.get("kong-lei").expect("kong-lei"));
        assert_eq!(
            kong.source.as_deref(),
            Some("https://kfqgw.beijing.gov.cn/leaders")
        );
        assert_eq!(
            kong.as_of.map(|d| d.to_string()).as_deref(),
            Some("2024-03-01")
        );
        let tenures: Vec<(String, Option<String>, Option<String>)> = kong
            .roles
            .iter()
            .map(|r| {
                (
                    r.title.clone(),
                    r.since.map(|d| d.to_string()),
                    r.until.map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            tenures,
            vec![
                ("Director".into(), Some("2021-06".into()), None),
                (
                    "Deputy Director".into(),
                    Some("2019".into()),
                    Some("2021-06".into())
                ),
            ]
        );

        let errs = errors(&[(
            EntityKind::Person,
            "[[entity]]\nid = \"p\"\nname = \"Pee One\"\nsource = \"kfqgw.beijing.gov.cn\"\nas_of = \"2024-02-30\"\nroles = [{ title = \"Chair\", since = \"2022\", until = \"2021-12\" }]\n",
        )]);
        let fields: Vec<Option<&str>> = errs.iter().map(|e| e.field.as_deref()).collect();
        assert_eq!(
            fields,
            vec![Some("source"), Some("as_of"), Some("roles.until")]
        );
    }

    #[test]
    fn policies_carry_a_number_dates_and_the_version_they_replace() {
        let policies = "[[entity]]\nid = \"talent-measures-2024\"\nname = \"Talent Measures 2.0\"\nnumber = \"京开管发［2024］3号\"\npublished = \"2024-02-20\"\neffective = \"2024-03-01\"\nexpires = \"2027-02-28\"\nsupersedes = \"talent-measures-2019\"\n\n[[entity]]\nid = \"talent-measures-2019\"\nname = \"Talent Measures\"\npublished = \"2019\"\n";
        let dict = load(&[(EntityKind::Policy, policies)]).expect("valid");
        let new = dict.entity(dict.get("talent-measures-2024").expect("new"));
        assert_eq!(
            new.number.as_ref().map(ToString::to_string).as_deref(),
            Some("京开管发〔2024〕3号")
        );
        let dates: Vec<Option<String>> = [new.published, new.effective, new.expires]
            .iter()
            .map(|d| d.map(|d| d.to_string()))
            .collect();
        assert_eq!(
            dates,
            [Some("2024-02-20"), Some("2024-03-01"), Some("2027-02-28")]
                .map(|d| d.map(str::to_owned))
        );
        assert_eq!(new.supersedes, dict.get("talent-measures-2019"));
        // The old version is in force until the new one takes effect.
        let old =
            crate::lifecycle::Lifecycle::of(&dict, dict.get("talent-measures-2019").expect("old"));
        assert_eq!(
            old.superseded.map(|d| d.to_string()).as_deref(),
            Some("2024-03-01")
        );
        assert!(crate::lifecycle::policy_active_on(
            &old,
            crate::Date::new(2024, 2, 29).expect("day")
        ));
        assert!(!crate::lifecycle::policy_active_on(
            &old,
            crate::Date::new(2024, 3, 1).expect("day")
        ));
    }

    #[test]
    fn policy_fields_are_checked() {
        let errs = errors(&[
            (
                EntityKind::Policy,
                "[[entity]]\nid = \"a\"\nname = \"Policy A\"\nsupersedes = \"b\"\nnumber = \"No. 3\"\n\n[[entity]]\nid = \"b\"\nname = \"Policy B\"\nsupersedes = \"a\"\neffective = \"2024-03-01\"\nexpires = \"2023-12\"\n\n[[entity]]\nid = \"c\"\nname = \"Policy C\"\nsupersedes = \"c\"\npublished = \"2024-13\"\n\n[[entity]]\nid = \"d\"\nname = \"Policy D\"\nsupersedes = \"boe\"\n",
            ),
            (
                EntityKind::Company,
                "[[entity]]\nid = \"boe\"\nname = \"BOE\"\neffective = \"2024\"\n",
            ),
        ]);
        let got: Vec<(String, Option<&str>, String)> = errs
            .iter()
            .map(|e| {
                (
                    e.file.display().to_string(),
                    e.field.as_deref(),
                    e.kind.to_string(),
                )
            })
            .collect();
        let want: Vec<(&str, Option<&str>, &str)> = vec![
            (
                "companies.toml",
                Some("effective"),
                "not allowed for a company",
            ),
            (
                "policies.toml",
                Some("supersedes"),
                "`supersedes` forms a cycle: a → b → a",
            ),
            (
                "policies.toml",
                Some("number"),
                "\"No. 3\" is not a document number: write it as the document does, e.g. 京开管发〔2024〕3号",
            ),
            (
                "policies.toml",
                Some("expires"),
                "the policy expires (2023-12) before it is in force (2024-03-01)",
            ),
            (
                "policies.toml",
                Some("supersedes"),
                "`supersedes` forms a cycle: c → c",
            ),
            (
                "policies.toml",
                Some("published"),
                "\"2024-13\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            (
                "policies.toml",
                Some("supersedes"),
                "\"boe\" is a company, expected a policy (a policy supersedes another policy)",
            ),
        ];
        let want: Vec<(String, Option<&str>, String)> = want
            .into_iter()
            .map(|(f, field, k)| (f.to_owned(), field, k.to_owned()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn events_take_a_series_as_parent_and_a_place() {
        let dict = load(&[
            (
                EntityKind::Event,
                "[[entity]]\nid = \"robot-games\"\nname = \"World Humanoid Robot Games\"\n\n[[entity]]\nid = \"robot-games-2025\"\nname = \"2025 World Humanoid Robot Games\"\nparent = \"robot-games\"\nplaces = [\"beijing\"]\n",
            ),
            (EntityKind::Place, "[[entity]]\nid = \"beijing\"\nname = \"Beijing\"\n"),
        ])
        .expect("valid");
        let edition = dict.entity(dict.get("robot-games-2025").expect("edition"));
        assert_eq!(edition.kind, EntityKind::Event);
        assert_eq!(edition.parent, dict.get("robot-games"));
        assert_eq!(
            EntityKind::from_file_name("events.toml"),
            Some(EntityKind::Event)
        );
    }

    #[test]
    fn partial_dates_parse_order_and_bound() {
        let d = |s: &str| PartialDate::parse_iso(s);
        assert_eq!(d("2021").map(|x| x.to_string()).as_deref(), Some("2021"));
        assert_eq!(
            d("2021-06").map(|x| x.to_string()).as_deref(),
            Some("2021-06")
        );
        for bad in [
            "21",
            "2021-6",
            "2021-13",
            "2023-02-29",
            "2021-06-01-01",
            "June 2021",
            "",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
        let feb = d("2024-02").expect("date");
        assert_eq!(feb.first_day().to_string(), "2024-02-01");
        assert_eq!(feb.last_day().to_string(), "2024-02-29");
        assert!(d("2021") < d("2021-06") && d("2021-06") < d("2021-06-01"));
    }
}
