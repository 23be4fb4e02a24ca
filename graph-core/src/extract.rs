//! The extraction pipeline for one document: text → [`Document`] with mentions and relations.
//!
//! ```text
//!  raw text ──fold──▶ folded text ──Matcher::scan──▶ entity hits + boilerplate markers
//!     │                                                   │             │
//!     └──────────────analyze_marked (markers) ◀───────────┼─────────────┘
//!          sentences, title, date, language, lowercase?   │
//!                              └──▶ Matcher::settle ──▶ hits in sentences ──▶ mentions
//!                                                     │  (spans mapped back to the original)
//!            ambiguous hits resolved by the document ─┤
//!                                                     ▼
//!                      per sentence: co-mentions, roles, inferred clusters
//! ```

use std::sync::Arc;

use crate::dictionary::{Dictionary, EntityIdx, EntityKind};
use crate::discover::Discoverer;
use crate::document::{Document, DocumentInput, FoundRelation, Mention, Unresolved};
use crate::matcher::{Matcher, Scan};
use crate::relations::{self, SentenceView};
use crate::text::when::{self, DocumentBasis, DocumentDate};
use crate::text::{
    Date, Folded, LineClass, MarkerHit, Precision, Sentence, analyze_marked, classify_marked, fold,
};

/// The compiled dictionary and everything needed to extract from any number of documents.
///
/// An `Extractor` is immutable once built, so one can be shared by threads and by readers of a
/// graph without a lock.
#[derive(Debug, Clone)]
pub struct Extractor {
    dictionary: Dictionary,
    matcher: Matcher,
    /// For each entity, the entities its curated fields link it to, in both directions: the
    /// context that decides an ambiguous spelling.
    links: Vec<Vec<EntityIdx>>,
    /// Discovery of the names the dictionaries do not know; `None` when it is off.
    discoverer: Option<Discoverer>,
    /// The normalized keys of candidates a reviewer rejected: no longer proposed.
    rejected: std::collections::HashSet<String>,
}

impl Extractor {
    /// Compiles a dictionary, with discovery on.
    pub fn new(dictionary: Dictionary) -> Extractor {
        Extractor::with_discovery(dictionary, true)
    }

    /// Compiles a dictionary, with discovery on or off. Off, extraction does exactly the work it
    /// did before discovery existed, and documents have no candidates.
    pub fn with_discovery(dictionary: Dictionary, discovery: bool) -> Extractor {
        let matcher = Matcher::new(&dictionary);
        let mut links = vec![Vec::new(); dictionary.len()];
        for (idx, e) in dictionary.iter() {
            let targets = e
                .clusters
                .iter()
                .chain(&e.located_in)
                .chain(e.parent.iter())
                .chain(e.issuer.iter())
                .chain(e.roles.iter().filter_map(|r| r.org.as_ref()));
            for &t in targets {
                links[idx.index()].push(t);
                links[t.index()].push(idx);
            }
        }
        for l in &mut links {
            l.sort_unstable();
            l.dedup();
        }
        let discoverer = discovery.then(|| Discoverer::new(&dictionary));
        Extractor {
            dictionary,
            matcher,
            links,
            discoverer,
            rejected: Default::default(),
        }
    }

    /// The same extractor, with the candidates of these normalized keys rejected: ranked lists of
    /// candidates leave them out ([`Extractor::rejects`]).
    pub fn with_rejected(mut self, keys: impl IntoIterator<Item = String>) -> Extractor {
        self.rejected = keys.into_iter().collect();
        self
    }

    /// Whether the candidates of this normalized key were rejected.
    pub fn rejects(&self, key: &str) -> bool {
        self.rejected.contains(key)
    }

    /// Whether [`Extractor::extract`] proposes candidates.
    pub fn discovers(&self) -> bool {
        self.discoverer.is_some()
    }

    /// The dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// The compiled matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The lines of `text` (byte ranges without the line break) and what the cleaner takes each
    /// for, as [`Extractor::extract`] reads them.
    pub fn classify_lines(&self, text: &str) -> Vec<(std::ops::Range<usize>, LineClass)> {
        let folded = fold(text);
        let scan = self.matcher.scan(&folded.text);
        classify_marked(text, &markers_of(&scan, &folded))
    }

    /// Extracts mentions and relations from one document.
    pub fn extract(&self, input: DocumentInput) -> Document {
        // One scan of the folded text finds the entities and the boilerplate markers; the markers
        // decide the layout, and the layout whether acronyms may match in lowercase.
        let folded = fold(&input.text);
        let mut scan = self.matcher.scan(&folded.text);
        let markers = markers_of(&scan, &folded);
        let layout = analyze_marked(&input.text, &markers);
        self.matcher
            .settle(&folded.text, &mut scan, layout.lowercase);
        let sentences = layout.sentences;

        let mut mentions = Vec::with_capacity(scan.hits.len());
        let mut ambiguous: Vec<(usize, usize, u32, u32)> = Vec::new();
        for hit in scan.hits {
            let start = folded.to_original(hit.start);
            let end = folded.to_original(hit.end);
            // Only matches inside an article sentence count; boilerplate has no sentence.
            let i = sentences.partition_point(|s| s.start <= start);
            let Some(s) = i.checked_sub(1).map(|i| (i, &sentences[i])) else {
                continue;
            };
            if end > s.1.end {
                continue;
            }
            match self.matcher.targets(hit.pattern) {
                [one] => mentions.push(Mention {
                    entity: *one,
                    start,
                    end,
                    sentence: s.0 as u32,
                }),
                _ => ambiguous.push((start, end, s.0 as u32, hit.pattern)),
            }
        }

        let unresolved = self.resolve(&mut mentions, ambiguous);
        mentions.sort_by_key(|m| (m.start, m.end));

        let (relations, publisher) =
            self.relations(&input.text, &sentences, &mentions, layout.source_line);
        let (candidates, candidate_roles) = match &self.discoverer {
            Some(d) => d.discover(
                &self.dictionary,
                &input.text,
                &folded,
                &sentences,
                &mentions,
                &unresolved,
                layout.lowercase,
                publisher,
            ),
            None => (Vec::new(), Vec::new()),
        };
        let dated = match (input.date, layout.date) {
            (Some(d), _) => Some(DocumentDate {
                date: d.into(),
                basis: DocumentBasis::Given,
            }),
            (None, Some(d)) => Some(DocumentDate {
                date: d.into(),
                basis: DocumentBasis::Stated,
            }),
            (None, None) => self.infer_date(&input.text, &sentences, &mentions),
        };
        Document {
            id: input.id,
            source: input.source,
            title: input.title.or(layout.title),
            date: input.date.or(layout.date),
            when: dated,
            language: input.language.unwrap_or(layout.language),
            encoding: input.encoding,
            text: input.text,
            sentences,
            mentions,
            unresolved,
            relations,
            candidates,
            candidate_roles,
            fingerprint: std::sync::OnceLock::new(),
        }
    }

    /// Extracts every document, on `threads` threads (rayon) when `threads` is more than 1.
    ///
    /// The documents are those of [`Extractor::extract`] on each input, in input order, whatever
    /// the number of threads: documents are extracted independently and collected in order. This
    /// is the one parallel entry point, so that the graph a server builds and the one a benchmark
    /// measures come from the same code. A pool that cannot be started (no threads to be had)
    /// falls back to rayon's global pool, which gives the same documents.
    pub fn extract_all(&self, inputs: Vec<DocumentInput>, threads: usize) -> Vec<Arc<Document>> {
        if threads <= 1 {
            return inputs
                .into_iter()
                .map(|d| Arc::new(self.extract(d)))
                .collect();
        }
        use rayon::prelude::*;
        // One document per task: documents vary from a few hundred bytes to megabytes, and
        // rayon's default splitting would hand one thread a run of large ones.
        let extract = || {
            inputs
                .into_par_iter()
                .with_max_len(1)
                .map(|d| Arc::new(self.extract(d)))
                .collect()
        };
        match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool.install(extract),
            Err(_) => extract(),
        }
    }

    /// The date of a document that states none, from its sentences and the release days the
    /// dictionary records for the policies they name.
    fn infer_date(
        &self,
        text: &str,
        sentences: &[Sentence],
        mentions: &[Mention],
    ) -> Option<DocumentDate> {
        let texts: Vec<&str> = sentences
            .iter()
            .map(|s| text.get(s.start..s.end).unwrap_or(""))
            .collect();
        let releases: Vec<(usize, Date)> = mentions
            .iter()
            .filter_map(|m| {
                let published = self.dictionary.entity(m.entity).published?;
                (when::precision(published) == Precision::Day)
                    .then(|| (m.sentence as usize, published.first_day()))
            })
            .collect();
        when::infer_document_date(&texts, &releases)
    }

    /// Gives each ambiguous hit to the candidate the document otherwise names, directly (weight
    /// 3) or through curated links (weight 1). A tie, or no evidence at all, leaves it unresolved.
    fn resolve(
        &self,
        mentions: &mut Vec<Mention>,
        ambiguous: Vec<(usize, usize, u32, u32)>,
    ) -> Vec<Unresolved> {
        if ambiguous.is_empty() {
            return Vec::new();
        }
        let mut named: Vec<EntityIdx> = mentions.iter().map(|m| m.entity).collect();
        named.sort_unstable();
        named.dedup();
        let mut unresolved = Vec::new();
        for (start, end, sentence, pattern) in ambiguous {
            let candidates = self.matcher.targets(pattern);
            let score = |c: EntityIdx| {
                let direct = if named.binary_search(&c).is_ok() {
                    3
                } else {
                    0
                };
                let linked = self.links[c.index()]
                    .iter()
                    .filter(|l| named.binary_search(l).is_ok())
                    .count();
                direct + linked
            };
            let mut scored: Vec<(usize, EntityIdx)> =
                candidates.iter().map(|&c| (score(c), c)).collect();
            scored.sort_by_key(|s| std::cmp::Reverse(s.0));
            match scored.as_slice() {
                [(best, c), rest @ ..] if *best > 0 && rest.first().is_none_or(|r| r.0 < *best) => {
                    mentions.push(Mention {
                        entity: *c,
                        start,
                        end,
                        sentence,
                    });
                }
                _ => unresolved.push(Unresolved {
                    start,
                    end,
                    sentence,
                    candidates: candidates.to_vec(),
                }),
            }
        }
        unresolved
    }

    fn relations(
        &self,
        text: &str,
        sentences: &[Sentence],
        mentions: &[Mention],
        source_line: Option<u32>,
    ) -> (Vec<FoundRelation>, Option<EntityIdx>) {
        let mut views = Vec::with_capacity(sentences.len());
        let mut rest = mentions;
        for (i, s) in sentences.iter().enumerate() {
            let n = rest.iter().take_while(|m| m.sentence as usize == i).count();
            let (here, after) = rest.split_at(n);
            rest = after;
            views.push(SentenceView {
                text: text.get(s.start..s.end).unwrap_or(""),
                offset: s.start,
                index: i as u32,
                mentions: here,
            });
        }
        // The publisher: the organization named on the "Source:" line, else in a byline.
        let publisher = source_line
            .and_then(|line| {
                views
                    .iter()
                    .filter(|v| sentences[v.index as usize].line == line)
                    .flat_map(|v| v.mentions)
                    .find(|m| {
                        matches!(
                            self.dictionary.kind(m.entity),
                            EntityKind::Organization | EntityKind::Company
                        )
                    })
                    .map(|m| m.entity)
            })
            .or_else(|| relations::publisher_from_bylines(&self.dictionary, &views));

        let mut out = Vec::with_capacity(mentions.len() * 2);
        let mut scratch = Vec::new();
        for view in &views {
            if view.mentions.is_empty() {
                continue;
            }
            relations::co_mentions(view, &mut scratch, &mut out);
            relations::roles(&self.dictionary, view, publisher, &mut out);
            relations::inferred_clusters(&self.dictionary, view, &mut out);
        }
        (out, publisher)
    }
}

/// The boilerplate markers a scan found, at their offsets in the original text.
fn markers_of(scan: &Scan, folded: &Folded<'_>) -> Vec<MarkerHit> {
    scan.markers
        .iter()
        .map(|&(start, end, marker)| MarkerHit {
            start: folded.to_original(start),
            end: folded.to_original(end),
            marker,
        })
        .collect()
}
