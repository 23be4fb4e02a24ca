//! The candidates of many documents, grouped by key and ranked: what a reviewer reads first.

use std::collections::BTreeMap;

use super::{Candidate, Signal};
use crate::dictionary::{EntityIdx, EntityKind};
use crate::document::Document;

/// One place a candidate occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The document's position in what was given to [`rank`].
    pub document: usize,
    /// The candidate's position in that document's candidates.
    pub candidate: usize,
}

/// The candidates of one key across documents.
#[derive(Debug, Clone)]
pub struct CandidateGroup {
    /// The normalized key.
    pub key: String,
    /// The kind most of its occurrences were proposed as (by score).
    pub kind: EntityKind,
    /// Its names as written, most frequent first, each with its count.
    pub names: Vec<(String, usize)>,
    /// How many documents name it.
    pub documents: usize,
    /// How many times it occurs.
    pub mentions: usize,
    /// Every signal that proposed it, sorted.
    pub signals: Vec<Signal>,
    /// The sum of the weights of its distinct signals.
    pub score: u32,
    /// The known entity it is proposed as an alias of, when most occurrences say so.
    pub entity: Option<EntityIdx>,
    /// The occurrence with the best evidence (highest score, then first).
    pub best: Occurrence,
    /// Every occurrence, in document order.
    pub occurrences: Vec<Occurrence>,
}

impl CandidateGroup {
    /// The name to show: the most frequent spelling.
    pub fn name(&self) -> &str {
        self.names
            .first()
            .map_or(self.key.as_str(), |n| n.0.as_str())
    }
}

/// Groups the candidates of `documents` by key and ranks the groups: documents, then mentions,
/// then signals, then key, all descending but the key. Deterministic for the same documents in
/// the same order.
pub fn rank<'a>(documents: impl IntoIterator<Item = &'a Document>) -> Vec<CandidateGroup> {
    let mut by_key: BTreeMap<&str, Vec<(usize, usize, &'a Candidate, &'a str)>> = BTreeMap::new();
    for (d, doc) in documents.into_iter().enumerate() {
        for (c, cand) in doc.candidates.iter().enumerate() {
            by_key
                .entry(cand.key.as_str())
                .or_default()
                .push((d, c, cand, cand.name(&doc.text)));
        }
    }
    let mut groups: Vec<CandidateGroup> = by_key
        .into_iter()
        .map(|(key, occ)| {
            let mut kinds: BTreeMap<EntityKind, u32> = BTreeMap::new();
            let mut names: BTreeMap<&str, usize> = BTreeMap::new();
            let mut entities: BTreeMap<Option<EntityIdx>, usize> = BTreeMap::new();
            let mut signals: Vec<Signal> = Vec::new();
            for (_, _, c, name) in &occ {
                *kinds.entry(c.kind).or_insert(0) += c.score;
                *names.entry(name).or_insert(0) += 1;
                *entities.entry(c.entity).or_insert(0) += 1;
                signals.extend(&c.signals);
            }
            signals.sort_unstable();
            signals.dedup();
            let kind = kinds
                .iter()
                .max_by_key(|(k, s)| (**s, std::cmp::Reverse(**k)))
                .map_or(EntityKind::Organization, |(k, _)| *k);
            let entity = entities
                .iter()
                .max_by_key(|(e, n)| (**n, e.is_some()))
                .and_then(|(e, _)| *e);
            let mut names: Vec<(String, usize)> =
                names.into_iter().map(|(n, c)| (n.to_owned(), c)).collect();
            names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut documents: Vec<usize> = occ.iter().map(|o| o.0).collect();
            documents.dedup();
            let best = occ
                .iter()
                .max_by_key(|(d, c, cand, _)| (cand.score, std::cmp::Reverse((*d, *c))))
                .map(|(d, c, _, _)| Occurrence {
                    document: *d,
                    candidate: *c,
                })
                .unwrap_or(Occurrence {
                    document: 0,
                    candidate: 0,
                });
            CandidateGroup {
                key: key.to_owned(),
                kind,
                names,
                documents: documents.len(),
                mentions: occ.len(),
                score: signals.iter().map(|s| s.weight()).sum(),
                signals,
                entity,
                best,
                occurrences: occ
                    .iter()
                    .map(|(d, c, _, _)| Occurrence {
                        document: *d,
                        candidate: *c,
                    })
                    .collect(),
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        (b.documents, b.mentions, b.score)
            .cmp(&(a.documents, a.mentions, a.score))
            .then_with(|| a.key.cmp(&b.key))
    });
    groups
}
