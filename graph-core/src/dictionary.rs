//! The curated dictionaries: TOML files → a validated [`Dictionary`].
//!
//! Loading reads every `*.toml` file of a directory, one file per [`EntityKind`], and checks the
//! whole set before anything else sees it. Every problem is collected with its file, line and field
//! ([`DictionaryError`]), so that a caller can show them all in one run instead of one per run.
//!
//! **Invariant:** a [`Dictionary`] that exists is valid: ids are unique slugs, every reference
//! points at an entity of an allowed kind, `parent` has no cycle, every spelling has two or more
//! characters, and no spelling is claimed by two entities unless both mark it ambiguous.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{DictionaryError, DictionaryErrorKind, DictionaryErrors, Error, Result};
use crate::text::fold_key;

/// The seven kinds of entity, one dictionary file each.
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
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Company,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Park,
        EntityKind::Policy,
        EntityKind::Cluster,
        EntityKind::Place,
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

/// A stated role of a person: a title, at an organization when it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The title as the dictionary states it.
    pub title: String,
    /// Where the person holds it.
    pub org: Option<EntityIdx>,
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
    /// Where the entity is defined, `file:line`.
    pub defined_at: String,
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
        for path in files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let Some(kind) = EntityKind::from_file_name(name) else {
                errors.push(DictionaryError {
                    file: path.clone(),
                    line: 1,
                    column: 1,
                    field: None,
                    kind: DictionaryErrorKind::Unreadable(format!(
                        "not a dictionary file name; expected one of {}",
                        EntityKind::ALL.map(|k| k.file_name()).join(", ")
                    )),
                });
                continue;
            };
            match std::fs::read_to_string(&path) {
                Ok(text) => sources.push((path, kind, text)),
                Err(e) => errors.push(DictionaryError {
                    file: path,
                    line: 1,
                    column: 1,
                    field: None,
                    kind: DictionaryErrorKind::Unreadable(e.to_string()),
                }),
            }
        }
        if sources.is_empty() && errors.is_empty() {
            errors.push(DictionaryError {
                file: dir.to_path_buf(),
                line: 1,
                column: 1,
                field: None,
                kind: DictionaryErrorKind::NoFiles,
            });
        }
        let borrowed: Vec<(PathBuf, EntityKind, &str)> = sources
            .iter()
            .map(|(p, k, t)| (p.clone(), *k, t.as_str()))
            .collect();
        match Dictionary::from_sources(&borrowed) {
            Ok(dict) if errors.is_empty() => Ok(dict),
            Ok(_) => Err(Error::Dictionary(DictionaryErrors(errors))),
            Err(Error::Dictionary(DictionaryErrors(more))) => {
                errors.extend(more);
                Err(Error::Dictionary(DictionaryErrors(errors)))
            }
            Err(e) => Err(e),
        }
    }

    /// Builds a dictionary from in-memory TOML sources: `(file name for messages, kind, text)`.
    pub fn from_sources(sources: &[(PathBuf, EntityKind, &str)]) -> Result<Dictionary> {
        let mut errors = Vec::new();
        let mut raw: Vec<Located> = Vec::new();
        for (path, kind, text) in sources {
            let lines = LineIndex::new(text);
            match toml::from_str::<RawFile>(text) {
                Ok(file) => {
                    for entity in file.entity {
                        raw.push(Located {
                            file: path.clone(),
                            kind: *kind,
                            lines: lines.clone(),
                            entity,
                        });
                    }
                }
                Err(e) => errors.push(toml_error(path, &lines, &e)),
            }
        }
        let dict = validate(raw, &mut errors);
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    title: Spanned<String>,
    #[serde(default)]
    org: Option<Spanned<String>>,
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
        "clusters" => matches!(kind, Company | Organization | Policy | Park),
        "parks" => matches!(kind, Company | Organization | Park | Policy),
        "places" => matches!(kind, Company | Organization | Park | Place),
        "parent" => matches!(kind, Cluster | Park | Place | Organization | Company),
        "roles" => kind == Person,
        "issuer" => kind == Policy,
        _ => true,
    }
}

fn validate(mut raw: Vec<Located>, errors: &mut Vec<DictionaryError>) -> Dictionary {
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
                roles.push(Role {
                    title: role.title.get_ref().trim().to_owned(),
                    org,
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
            defined_at: located.defined_at(),
        });
    }

    check_parent_cycles(&kept, &entities, errors);
    check_aliases(&kept, &entities, errors);

    let kinds = entities.iter().map(|e| e.kind).collect();
    Dictionary {
        entities,
        by_id,
        kinds,
    }
}

fn check_parent_cycles(kept: &[Located], entities: &[Entity], errors: &mut Vec<DictionaryError>) {
    // 0 = not visited, 1 = on the current walk, 2 = known to reach a root.
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
                    let span = raw.parent.as_ref().map_or(raw.id.span(), |p| p.span());
                    errors.push(kept[first].at(
                        span,
                        Some("parent"),
                        DictionaryErrorKind::ParentCycle(names),
                    ));
                    break;
                }
                _ => {
                    state[i] = 1;
                    walk.push(i);
                    at = entities[i].parent.map(EntityIdx::index);
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
}
