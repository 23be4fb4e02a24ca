//! The review of candidates: decisions that turn the names the dictionaries do not know into
//! entities (accept), into new spellings of known ones (alias), or out of the lists (reject).
//!
//! A decision is stored in the store (`reviews` table, as JSON) and applied as an edit of the
//! dictionaries' TOML with `toml_edit`, which keeps the files' comments and order: the dictionary
//! the server then compiles is the one `kgraph review export` writes, so what `kgraph check`
//! accepts and what the server serves cannot differ. Decisions are replayed in the order made;
//! one that the files already hold (an accepted entity exported since, an alias listed) changes
//! nothing, so exporting into the dictionary directory and keeping the store is safe.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use graph_core::discover::CandidateGroup;
use graph_core::{Dictionary, DictionarySource, Document, EntityKind, Party};
use serde::{Deserialize, Serialize};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

use crate::store::{Store, StoreError, StoredReview};

/// One review decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Decision {
    /// A candidate becomes a new entity.
    Accept(Box<NewEntity>),
    /// A spelling becomes an alias of a known entity.
    Alias {
        /// The entity's id.
        entity: String,
        /// The new spelling.
        alias: String,
    },
    /// A candidate is not a name worth keeping: it is no longer proposed.
    Reject {
        /// The candidate's normalized key.
        key: String,
    },
}

impl Decision {
    /// `accept`, `alias` or `reject`.
    pub fn action(&self) -> &'static str {
        match self {
            Decision::Accept(_) => "accept",
            Decision::Alias { .. } => "alias",
            Decision::Reject { .. } => "reject",
        }
    }

    /// Whether applying it changes the dictionaries (a rejection only changes what is listed).
    pub fn edits_dictionaries(&self) -> bool {
        !matches!(self, Decision::Reject { .. })
    }

    /// The entity it adds or extends.
    pub fn entity(&self) -> Option<&str> {
        match self {
            Decision::Accept(e) => Some(&e.id),
            Decision::Alias { entity, .. } => Some(entity),
            Decision::Reject { .. } => None,
        }
    }
}

/// A new entity, as a dictionary entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewEntity {
    /// The slug.
    pub id: String,
    /// `company`, `person`, … ([`EntityKind::as_str`]).
    pub kind: String,
    /// Display name.
    pub name: String,
    /// Chinese display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Other spellings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// A line for readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Cluster ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<String>,
    /// Park ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parks: Vec<String>,
    /// A person's roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<NewRole>,
    /// The page where the name was seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The date of that page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// A role of a new person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRole {
    /// The title as written.
    pub title: String,
    /// The organization's id.
    pub org: String,
}

impl NewEntity {
    /// The kind, when `kind` names one.
    pub fn entity_kind(&self) -> Option<EntityKind> {
        EntityKind::parse(&self.kind)
    }

    /// The entry as a `[[entity]]` table, fields in the order the dictionaries write them.
    pub fn to_table(&self) -> Table {
        let mut t = Table::new();
        t["id"] = value(&self.id);
        t["name"] = value(&self.name);
        if let Some(zh) = &self.name_zh {
            t["name_zh"] = value(zh);
        }
        let list = |items: &[String]| value(items.iter().map(String::as_str).collect::<Array>());
        if !self.aliases.is_empty() {
            t["aliases"] = list(&self.aliases);
        }
        if let Some(d) = &self.description {
            t["description"] = value(d);
        }
        if !self.clusters.is_empty() {
            t["clusters"] = list(&self.clusters);
        }
        if !self.parks.is_empty() {
            t["parks"] = list(&self.parks);
        }
        if !self.roles.is_empty() {
            let roles: Array = self
                .roles
                .iter()
                .map(|r| {
                    let mut role = InlineTable::new();
                    role.insert("title", r.title.as_str().into());
                    role.insert("org", r.org.as_str().into());
                    role
                })
                .collect();
            t["roles"] = value(roles);
        }
        if let Some(s) = &self.source {
            t["source"] = value(s);
        }
        if let Some(d) = &self.as_of {
            t["as_of"] = value(d);
        }
        t
    }
}

/// A decision as stored, with its number and times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewed {
    /// The decision's number.
    pub seq: i64,
    /// Seconds since the Unix epoch when it was made.
    pub made_at: i64,
    /// The normalized key of the candidate it decides.
    pub candidate: Option<String>,
    /// What was decided.
    pub decision: Decision,
    /// When it was undone.
    pub undone_at: Option<i64>,
}

impl Reviewed {
    /// Reads a stored decision; `None` (logged) for a row whose JSON this kgraph cannot read.
    pub fn from_stored(r: StoredReview) -> Option<Reviewed> {
        match serde_json::from_str(&r.decision) {
            Ok(decision) => Some(Reviewed {
                seq: r.seq,
                made_at: r.made_at,
                candidate: r.candidate,
                decision,
                undone_at: r.undone_at,
            }),
            Err(e) => {
                tracing::warn!(
                    seq = r.seq,
                    "skipped a review decision that cannot be read: {e}"
                );
                None
            }
        }
    }

    /// Reads every stored decision that can be read.
    pub fn all(stored: Vec<StoredReview>) -> Vec<Reviewed> {
        stored
            .into_iter()
            .filter_map(Reviewed::from_stored)
            .collect()
    }
}

/// The JSON a decision is stored as.
pub fn to_json(d: &Decision) -> String {
    // A `Decision` holds strings and lists only: serializing it cannot fail.
    serde_json::to_string(d).unwrap_or_default()
}

/// The dictionary files after the decisions, and what the decisions reject.
#[derive(Debug, Clone)]
pub struct ReviewedFiles {
    /// The files; the text of an edited one is written when asked for ([`ReviewedFiles::files`]).
    files: Vec<DictionarySource>,
    /// Each file parsed once, edits applied; `None` for one that does not parse (validation
    /// reports why).
    docs: Vec<Option<DocumentMut>>,
    /// Which documents were edited since their text was last written.
    dirty: Vec<bool>,
    /// Normalized keys rejected.
    pub rejected: HashSet<String>,
    /// Decisions that no longer apply (their entity is gone from the files), with why.
    pub skipped: Vec<String>,
}

/// Why a decision cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub Vec<String>);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("; "))
    }
}

impl std::error::Error for Refusal {}

fn refuse(message: impl Into<String>) -> Refusal {
    Refusal(vec![message.into()])
}

/// The dictionary files with the active (not undone) decisions applied in the order made.
pub fn apply_all(
    files: Vec<DictionarySource>,
    dir: &Path,
    decisions: &[Reviewed],
) -> ReviewedFiles {
    let docs = files.iter().map(|f| f.text.parse().ok()).collect();
    let dirty = vec![false; files.len()];
    let mut reviewed = ReviewedFiles {
        files,
        docs,
        dirty,
        rejected: HashSet::new(),
        skipped: Vec::new(),
    };
    for r in decisions.iter().filter(|r| r.undone_at.is_none()) {
        match &r.decision {
            Decision::Reject { key } => {
                reviewed.rejected.insert(key.clone());
            }
            d => {
                if let Err(e) = reviewed.apply(dir, d) {
                    reviewed
                        .skipped
                        .push(format!("decision {} ({}): {e}", r.seq, d.action()));
                }
            }
        }
    }
    reviewed
}

/// Checks a new decision against the files as the earlier decisions left them, applies it, and
/// validates the result: the dictionary it gives, or every reason it cannot be made.
pub fn decide(
    reviewed: &mut ReviewedFiles,
    dir: &Path,
    decision: &Decision,
) -> Result<Option<Dictionary>, Refusal> {
    match decision {
        Decision::Reject { key } => {
            if key.trim().is_empty() {
                return Err(refuse("`key` must not be empty"));
            }
            reviewed.rejected.insert(key.clone());
            Ok(None)
        }
        Decision::Accept(e) => {
            if e.entity_kind().is_none() {
                return Err(refuse(format!(
                    "unknown kind {:?}; expected one of {}",
                    e.kind,
                    EntityKind::ALL.map(|k| k.as_str()).join(", ")
                )));
            }
            if reviewed.find_entity(&e.id).is_some() {
                return Err(refuse(format!(
                    "an entity with id {:?} already exists",
                    e.id
                )));
            }
            reviewed.apply(dir, decision).map_err(refuse)?;
            validate(reviewed.files(), dir).map(Some)
        }
        Decision::Alias { entity, alias } => {
            let alias = alias.trim();
            if alias.is_empty() {
                return Err(refuse("`alias` must not be empty"));
            }
            let Some((file, index)) = reviewed.find_entity(entity) else {
                return Err(refuse(format!("no entity with id {entity:?}")));
            };
            if reviewed
                .spellings_of(file, index)
                .iter()
                .any(|s| s == alias)
            {
                return Err(refuse(format!(
                    "{alias:?} is already a spelling of {entity:?}"
                )));
            }
            reviewed.apply(dir, decision).map_err(refuse)?;
            validate(reviewed.files(), dir).map(Some)
        }
    }
}

/// The dictionary of the files, or their problems with paths relative to `dir`.
pub fn validate(files: &[DictionarySource], dir: &Path) -> Result<Dictionary, Refusal> {
    match Dictionary::from_files(files) {
        Ok(d) => Ok(d),
        Err(graph_core::Error::Dictionary(errors)) => Err(Refusal(
            errors
                .errors()
                .iter()
                .map(|e| {
                    let mut e = e.clone();
                    e.file = e
                        .file
                        .strip_prefix(dir)
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|_| {
                            e.file.file_name().map(PathBuf::from).unwrap_or_default()
                        });
                    e.to_string()
                })
                .collect(),
        )),
        Err(e) => Err(refuse(e.to_string())),
    }
}

fn entries(doc: &DocumentMut) -> Option<&ArrayOfTables> {
    doc.get("entity").and_then(Item::as_array_of_tables)
}

/// The file's text, ending with a line break as the dictionaries' files do.
fn text_of(doc: &DocumentMut) -> String {
    let mut text = doc.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

impl ReviewedFiles {
    /// The files as the decisions leave them.
    pub fn files(&mut self) -> &[DictionarySource] {
        for (i, dirty) in self.dirty.iter_mut().enumerate() {
            if std::mem::take(dirty)
                && let Some(doc) = &self.docs[i]
            {
                self.files[i].text = text_of(doc);
            }
        }
        &self.files
    }

    /// The files as the decisions leave them, owned.
    pub fn into_files(mut self) -> Vec<DictionarySource> {
        self.files();
        self.files
    }

    /// The file and the position in its `[[entity]]` list of the entity `id`.
    fn find_entity(&self, id: &str) -> Option<(usize, usize)> {
        self.docs.iter().enumerate().find_map(|(f, doc)| {
            let i = entries(doc.as_ref()?)?
                .iter()
                .position(|t| t.get("id").and_then(Item::as_str) == Some(id))?;
            Some((f, i))
        })
    }

    fn spellings_of(&self, file: usize, index: usize) -> Vec<String> {
        let Some(t) = self.docs[file]
            .as_ref()
            .and_then(entries)
            .and_then(|a| a.get(index))
        else {
            return Vec::new();
        };
        let mut out: Vec<String> = ["name", "name_zh"]
            .iter()
            .filter_map(|k| t.get(k).and_then(Item::as_str).map(str::to_owned))
            .collect();
        if let Some(a) = t.get("aliases").and_then(Item::as_array) {
            out.extend(a.iter().filter_map(|v| v.as_str().map(str::to_owned)));
        }
        out
    }

    /// Applies one decision; a decision the files already hold changes nothing.
    fn apply(&mut self, dir: &Path, decision: &Decision) -> Result<(), String> {
        match decision {
            Decision::Reject { .. } => Ok(()),
            Decision::Accept(e) => {
                if self.find_entity(&e.id).is_some() {
                    return Ok(());
                }
                let kind = e
                    .entity_kind()
                    .ok_or_else(|| format!("unknown kind {:?}", e.kind))?;
                let at = match self.files.iter().position(|f| f.kind == kind) {
                    Some(at) => at,
                    None => {
                        let text = format!(
                            "# {} — kind: {}. Entities accepted in review.\n",
                            kind.file_name(),
                            kind.as_str()
                        );
                        self.docs.push(text.parse().ok());
                        self.dirty.push(false);
                        self.files.push(DictionarySource {
                            path: dir.join(kind.file_name()),
                            kind,
                            text,
                        });
                        self.files.len() - 1
                    }
                };
                let path = self.files[at].path.display().to_string();
                let doc = self.docs[at]
                    .as_mut()
                    .ok_or_else(|| format!("{path} does not parse"))?;
                let list = doc
                    .entry("entity")
                    .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
                    .as_array_of_tables_mut()
                    .ok_or_else(|| {
                        format!("{path}: `entity` is not a list of [[entity]] tables")
                    })?;
                let mut table = e.to_table();
                table.decor_mut().set_prefix("\n");
                list.push(table);
                self.dirty[at] = true;
                Ok(())
            }
            Decision::Alias { entity, alias } => {
                let (f, i) = self
                    .find_entity(entity)
                    .ok_or_else(|| format!("no entity with id {entity:?} any more"))?;
                let alias = alias.trim();
                if self.spellings_of(f, i).iter().any(|s| s == alias) {
                    return Ok(());
                }
                let table = self.docs[f]
                    .as_mut()
                    .and_then(|d| d.get_mut("entity"))
                    .and_then(Item::as_array_of_tables_mut)
                    .and_then(|a| a.get_mut(i))
                    .ok_or_else(|| format!("no entity with id {entity:?} any more"))?;
                match table.get_mut("aliases").and_then(Item::as_array_mut) {
                    Some(list) => list.push(alias),
                    None => table["aliases"] = value(std::iter::once(alias).collect::<Array>()),
                }
                self.dirty[f] = true;
                Ok(())
            }
        }
    }
}

/// Reads the dictionary directory and applies the decisions: the dictionary to serve and the
/// keys rejected. Decisions that no longer apply are logged and skipped.
pub fn reviewed_dictionary(
    dir: &Path,
    decisions: &[Reviewed],
) -> graph_core::Result<(Dictionary, HashSet<String>)> {
    if decisions.iter().all(|r| r.undone_at.is_some()) {
        return Ok((Dictionary::load_dir(dir)?, HashSet::new()));
    }
    let files = Dictionary::read_sources(dir)?;
    let mut reviewed = apply_all(files, dir, decisions);
    for s in &reviewed.skipped {
        tracing::warn!("review: skipped {s}");
    }
    let rejected = std::mem::take(&mut reviewed.rejected);
    Ok((Dictionary::from_files(&reviewed.into_files())?, rejected))
}

/// What a new entity for a candidate would be: an id from its name (its ASCII words, or the
/// pinyin of its Chinese characters) that `taken` does not hold, its kind, an English and a
/// Chinese name where it is written both ways, its other spellings, a person's roles at known
/// organizations, and the document that gives it best as its source.
pub fn propose(
    dict: &Dictionary,
    docs: &[&Document],
    group: &CandidateGroup,
    taken: impl Fn(&str) -> bool,
) -> NewEntity {
    let base = slug(group.name());
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) || dict.get(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    let cjk = |s: &str| s.chars().any(graph_core::text::is_cjk);
    let spellings: Vec<&str> = group.names.iter().map(|n| n.0.as_str()).collect();
    let english = spellings.iter().find(|s| !cjk(s)).copied();
    let chinese = spellings.iter().find(|s| cjk(s)).copied();
    let name = english.or(chinese).unwrap_or(group.name()).to_owned();
    let name_zh = chinese.map(str::to_owned);
    let aliases = spellings
        .iter()
        .filter(|s| **s != name && Some(**s) != name_zh.as_deref())
        .map(|s| (*s).to_owned())
        .collect();
    let roles = if group.kind == EntityKind::Person {
        roles_of(dict, docs, group)
            .into_iter()
            .filter(|(_, org)| dict.get(org).is_some())
            .map(|(title, org)| NewRole { title, org })
            .collect()
    } else {
        Vec::new()
    };
    let best = docs.get(group.best.document);
    let source = best
        .map(|d| d.source.trim())
        .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
        .map(str::to_owned);
    let as_of = source
        .as_ref()
        .and(best.and_then(|d| d.date))
        .map(|d| d.to_string());
    NewEntity {
        id,
        kind: group.kind.as_str().to_owned(),
        name,
        name_zh,
        aliases,
        roles,
        source,
        as_of,
        ..NewEntity::default()
    }
}

/// The party as an entity id or `candidate:NAME`.
pub fn party(dict: &Dictionary, doc: &Document, p: Party) -> String {
    match p {
        Party::Entity(e) => dict.entity(e).id.clone(),
        Party::Candidate(i) => doc
            .candidates
            .get(i as usize)
            .map_or_else(String::new, |c| format!("candidate:{}", c.name(&doc.text))),
    }
}

/// The roles the group's people hold: (title, organization id or `candidate:NAME`), each once.
pub fn roles_of(
    dict: &Dictionary,
    docs: &[&Document],
    g: &CandidateGroup,
) -> Vec<(String, String)> {
    let mut roles: Vec<(String, String)> = Vec::new();
    for o in &g.occurrences {
        let Some(doc) = docs.get(o.document) else {
            continue;
        };
        for r in &doc.candidate_roles {
            if r.person == Party::Candidate(o.candidate as u32) {
                let org = party(dict, doc, r.org);
                if !roles
                    .iter()
                    .any(|(t, x)| t.eq_ignore_ascii_case(&r.title) && *x == org)
                {
                    roles.push((r.title.clone(), org));
                }
            }
        }
    }
    roles
}

pub use graph_core::discover::slug;

/// Writes every dictionary file, as the decisions leave them, into `out`: a complete dictionary
/// directory. Returns the files written and whether each differs from the one in `dir`.
pub fn export(
    dir: &Path,
    decisions: &[Reviewed],
    out: &Path,
) -> anyhow::Result<Vec<(PathBuf, bool)>> {
    use anyhow::Context as _;
    let original = Dictionary::read_sources(dir)?;
    let mut reviewed = apply_all(original.clone(), dir, decisions);
    for s in &reviewed.skipped {
        eprintln!("kgraph: review export skipped {s}");
    }
    validate(reviewed.files(), dir)
        .map_err(|r| anyhow::anyhow!("the reviewed dictionaries do not validate: {r}"))?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut written = Vec::new();
    for file in reviewed.files() {
        let name = file.path.file_name().map(PathBuf::from).unwrap_or_default();
        let target = out.join(&name);
        let changed = original
            .iter()
            .find(|o| o.path == file.path)
            .is_none_or(|o| o.text != file.text);
        let same_on_disk = std::fs::read_to_string(&target).is_ok_and(|t| t == file.text);
        if !same_on_disk {
            // Written beside the target and renamed over it: a reader never sees half a file.
            let partial = out.join(format!(".{}.partial", name.display()));
            std::fs::write(&partial, &file.text)
                .with_context(|| format!("writing {}", partial.display()))?;
            std::fs::rename(&partial, &target)
                .with_context(|| format!("writing {}", target.display()))?;
        }
        written.push((target, changed));
    }
    Ok(written)
}

/// A decision made: as stored, and what the graph is to be rebuilt with.
#[derive(Debug)]
pub struct Decided {
    /// The decision as stored.
    pub review: Reviewed,
    /// The dictionary the decisions give, when this one changed it.
    pub dictionary: Option<Dictionary>,
    /// The keys rejected, this decision included.
    pub rejected: HashSet<String>,
}

/// Why a decision was not made.
#[derive(Debug)]
pub enum DecideError {
    /// The decision is refused; the reasons say why.
    Refused(Refusal),
    /// The dictionary directory cannot be read.
    Dictionary(graph_core::Error),
    /// The store failed.
    Store(StoreError),
}

impl std::fmt::Display for DecideError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecideError::Refused(r) => write!(f, "{r}"),
            DecideError::Dictionary(e) => write!(f, "{e}"),
            DecideError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DecideError {}

/// Checks a decision against the dictionaries of `dir` as the store's earlier decisions leave
/// them and records it: the one way a decision is made, for the server and `kgraph review`
/// alike. The decision is on disk when this returns; a refused one is not stored.
pub fn decide_and_record(
    store: &mut Store,
    dir: &Path,
    decision: Decision,
    candidate: Option<String>,
) -> Result<Decided, DecideError> {
    let earlier = Reviewed::all(store.reviews().map_err(DecideError::Store)?);
    let files = Dictionary::read_sources(dir).map_err(DecideError::Dictionary)?;
    let mut reviewed = apply_all(files, dir, &earlier);
    let dictionary = decide(&mut reviewed, dir, &decision).map_err(DecideError::Refused)?;
    let stored = store
        .record_review(candidate.as_deref(), &to_json(&decision))
        .map_err(DecideError::Store)?;
    Ok(Decided {
        review: Reviewed {
            seq: stored.seq,
            made_at: stored.made_at,
            candidate,
            decision,
            undone_at: None,
        },
        dictionary,
        rejected: reviewed.rejected,
    })
}

/// Undoes decision `seq` in the store: the decision, and the dictionary the remaining decisions
/// give when the undone one had changed it.
pub fn undo_and_record(
    store: &mut Store,
    dir: &Path,
    seq: i64,
) -> Result<Option<Decided>, DecideError> {
    let Some(undone) = store
        .undo_review(seq)
        .map_err(DecideError::Store)?
        .and_then(Reviewed::from_stored)
    else {
        return Ok(None);
    };
    let reviews = Reviewed::all(store.reviews().map_err(DecideError::Store)?);
    let files = Dictionary::read_sources(dir).map_err(DecideError::Dictionary)?;
    let mut reviewed = apply_all(files, dir, &reviews);
    for s in &reviewed.skipped {
        tracing::warn!("review: skipped {s}");
    }
    let dictionary = if undone.decision.edits_dictionaries() {
        Some(Dictionary::from_files(reviewed.files()).map_err(DecideError::Dictionary)?)
    } else {
        None
    };
    Ok(Some(Decided {
        review: undone,
        dictionary,
        rejected: reviewed.rejected,
    }))
}
