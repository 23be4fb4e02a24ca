//! Provisional entities: the names discovery proposes, standing in the graph until a reviewer
//! decides on them.
//!
//! The candidates of all documents are grouped by their normalized key ([`discover::rank`]). A
//! group becomes a provisional entity when a strong signal proposed it somewhere
//! ([`Candidate::is_strong`]: a title beside a name, a suffix, a policy title, an event name) or
//! when two documents or more name it, unless it is proposed as an alias of a known entity (that
//! is a review decision, not a new entity) or a reviewer rejected its key. Weak groups are only
//! listed for review.
//!
//! A provisional entity's id is [`ID_PREFIX`] and a slug of its key ([`discover::slug`]), so the
//! same name has the same id in every build of the same corpus, and no id of the dictionaries
//! (plain slugs, without a colon) can be one. Its names are the spellings the documents give,
//! most frequent first; its source is the page of its best evidence.

use std::collections::HashSet;
use std::sync::Arc;

use crate::dictionary::{Entity, EntityIdx};
use crate::discover::{self, Candidate, CandidateGroup};
use crate::document::Document;
use crate::extract::Extractor;
use crate::text::is_cjk;

/// What every provisional entity's id starts with.
pub const ID_PREFIX: &str = "candidate:";

/// The provisional entities of a corpus, and which candidate names which.
#[derive(Debug, Default)]
pub(crate) struct Provisional {
    /// The entities, in key order; the graph numbers them after the dictionary's own.
    pub entities: Vec<Entity>,
    /// The normalized key of each entity.
    pub keys: Vec<String>,
    /// For each document, for each of its candidates, the position in `entities` of the entity
    /// it names (`None`: its group stays a candidate only).
    pub of_candidate: Vec<Vec<Option<u32>>>,
}

impl Provisional {
    /// The entity a document's candidate names, numbered after `curated` dictionary entities.
    pub fn entity(&self, curated: usize, doc: usize, candidate: usize) -> Option<EntityIdx> {
        let at = (*self.of_candidate.get(doc)?.get(candidate)?)?;
        Some(EntityIdx((curated + at as usize) as u32))
    }
}

/// Whether a group stands in the graph: see the module documentation.
fn stands(extractor: &Extractor, documents: &[Arc<Document>], group: &CandidateGroup) -> bool {
    let strong = || {
        group.occurrences.iter().any(|o| {
            documents
                .get(o.document)
                .and_then(|d| d.candidates.get(o.candidate))
                .is_some_and(Candidate::is_strong)
        })
    };
    group.entity.is_none() && !extractor.rejects(&group.key) && (group.documents >= 2 || strong())
}

/// The provisional entities of `documents` (in graph order), beside `extractor`'s dictionary.
pub(crate) fn provisional(extractor: &Extractor, documents: &[Arc<Document>]) -> Provisional {
    let mut groups: Vec<CandidateGroup> = discover::rank(documents.iter().map(|d| &**d))
        .into_iter()
        .filter(|g| stands(extractor, documents, g))
        .collect();
    if groups.is_empty() {
        return Provisional::default();
    }
    // Key order, so that which of two keys of one slug keeps the plain id does not depend on
    // the ranking.
    groups.sort_by(|a, b| a.key.cmp(&b.key));
    let dict = extractor.dictionary();
    let mut used: HashSet<String> = HashSet::with_capacity(groups.len());
    let mut out = Provisional {
        entities: Vec::with_capacity(groups.len()),
        keys: Vec::with_capacity(groups.len()),
        of_candidate: documents
            .iter()
            .map(|d| vec![None; d.candidates.len()])
            .collect(),
    };
    for group in &groups {
        let base = format!("{ID_PREFIX}{}", discover::slug(&group.key));
        let id = if used.contains(&base) {
            format!("{base}-{:08x}", fnv1a(&group.key) as u32)
        } else {
            base
        };
        if !used.insert(id.clone()) || dict.get(&id).is_some() {
            continue;
        }
        let at = out.entities.len() as u32;
        for o in &group.occurrences {
            if let Some(slot) = out
                .of_candidate
                .get_mut(o.document)
                .and_then(|d| d.get_mut(o.candidate))
            {
                *slot = Some(at);
            }
        }
        out.entities.push(entity(id, group, documents));
        out.keys.push(group.key.clone());
    }
    out
}

/// The entity of a group: its names as the documents write them, the signals and documents that
/// proposed it, and the page of its best evidence.
fn entity(id: String, group: &CandidateGroup, documents: &[Arc<Document>]) -> Entity {
    let cjk = |s: &str| s.chars().any(is_cjk);
    let names: Vec<&str> = group.names.iter().map(|n| n.0.as_str()).collect();
    let english = names.iter().find(|s| !cjk(s)).copied();
    let chinese = names.iter().find(|s| cjk(s)).copied();
    let name = english.or(chinese).unwrap_or(group.name()).to_owned();
    let name_zh = chinese.filter(|c| *c != name).map(str::to_owned);
    let mut aliases: Vec<String> = Vec::new();
    for n in names {
        if n != name && Some(n) != name_zh.as_deref() && !aliases.iter().any(|a| a == n) {
            aliases.push(n.to_owned());
        }
    }
    let best = documents.get(group.best.document);
    let source = best
        .map(|d| d.source.trim())
        .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
        .map(str::to_owned);
    let signals: Vec<&str> = group.signals.iter().map(|s| s.as_str()).collect();
    let documents_named = match group.documents {
        1 => "one document".to_owned(),
        n => format!("{n} documents"),
    };
    Entity {
        id,
        kind: group.kind,
        name,
        name_zh,
        aliases,
        ambiguous: Vec::new(),
        description: Some(format!(
            "Candidate, not in the dictionaries: named in {documents_named}, proposed by {}.",
            signals.join(", ")
        )),
        clusters: Vec::new(),
        located_in: Vec::new(),
        parent: None,
        roles: Vec::new(),
        issuer: None,
        number: None,
        published: None,
        effective: None,
        expires: None,
        supersedes: None,
        as_of: source
            .as_ref()
            .and(best.and_then(|d| d.date))
            .map(Into::into),
        source,
        defined_at: best.map_or_else(
            || "discovered".to_owned(),
            |d| format!("discovered in {}", d.id),
        ),
        line: 0,
    }
}

/// FNV-1a, 64 bits: a hash that is the same in every build and on every machine, for ids.
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
