//! [`KnowledgeGraph`]: the documents, their mentions, and a petgraph graph of typed, evidenced edges.
//!
//! **Why a plain `DiGraph`.** A graph is built once and never changes: a new document or a reload
//! of the dictionaries builds the next graph (sharing the documents, which are `Arc`s). Edges are
//! only ever added, so their indices never move and [`EdgeIdx`] can be the index itself.
//! `StableGraph` keeps indices valid across removals, at the price of a vacant-or-not slot per
//! node and edge, for removals that never happen here. `GraphMap` was rejected because it keys
//! nodes by a `Copy + Ord` weight and allows one edge per ordered pair, while two entities can
//! share several typed edges (a role, a location and a co-mention beside both).
//!
//! petgraph stays private: callers see [`EntityIdx`] and [`EdgeIdx`], never `NodeIndex`.
//!
//! **Invariants:** node `i` is entity `i` of the dictionary; an edge exists for each distinct
//! `(kind, origin, source, target, label)`, except roles: one edge per person, organization and
//! title meaning, whatever states it (the dictionary, sentences or both: see `title_meanings`);
//! a co-mention's source is its smaller entity index;
//! every extracted or inferred edge has at least one piece of evidence; building is deterministic
//! (documents sorted by id, edges inserted in dictionary then document order).

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef as _;

use crate::dictionary::{Dictionary, Entity, EntityIdx, EntityKind};
use crate::discover::Party;
use crate::document::{Document, DocumentInput, FoundRelation, Mention};
use crate::document::{Origin, Origins, RelationKind};
use crate::extract::Extractor;
use crate::text::{PartialDate, fold_key, is_cjk};

/// The position of a document in its graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocIdx(pub u32);

impl DocIdx {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An edge of the graph, stable while the graph lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeIdx(pub u32);

/// A sentence that proves an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    /// The document.
    pub document: DocIdx,
    /// The sentence index in the document.
    pub sentence: u32,
}

/// What an edge holds.
#[derive(Debug, Clone)]
pub struct EdgeData {
    /// The relation kind.
    pub kind: RelationKind,
    /// Curated, extracted or inferred: the first of [`EdgeData::origins`].
    pub origin: Origin,
    /// Every origin that states the edge: a role the dictionary states and a sentence states too
    /// is one edge, curated and extracted.
    pub origins: Origins,
    /// The role title, for roles (the dictionary's, when the dictionary states the role).
    pub label: Option<String>,
    /// The sentences that prove it, in document and sentence order: for a curated edge, every
    /// sentence that names both its ends.
    pub evidence: Vec<Evidence>,
    /// Where the dictionaries state it, for a curated edge.
    pub provenance: Option<Box<Provenance>>,
    /// The evidence counted once per story (see [`KnowledgeGraph::count_once`]).
    counted: u32,
}

/// Where the dictionaries state a curated edge: the entry of its source entity, whose field
/// (`clusters`, `parks`, `places`, `parent`, `issuer`, `roles`) names the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The dictionary file, by name (`people.toml`).
    pub file: &'static str,
    /// The 1-based line of the entry in that file.
    pub line: usize,
    /// The public page the entry was confirmed on, when the dictionary gives one.
    pub source: Option<String>,
    /// The date of that page, when known.
    pub as_of: Option<PartialDate>,
}

impl EdgeData {
    /// The number of sentences that prove the edge, a story reposted by several documents
    /// counted once ([`KnowledgeGraph::count_once`]); a curated edge weighs at least 1.
    pub fn weight(&self) -> u32 {
        self.counted.max(1)
    }
}

/// Sentences counted as [`KnowledgeGraph::count_once`] counts them, one at a time.
#[derive(Debug, Clone)]
pub struct Tally<'g> {
    story_of: &'g [Option<u32>],
    alone: u32,
    /// (story, document, sentences) for documents that are copies of a story.
    copies: Vec<(u32, DocIdx, u32)>,
}

impl Tally<'_> {
    /// Counts one sentence.
    pub fn add(&mut self, evidence: Evidence) {
        self.add_sentences(evidence.document, 1);
    }

    /// Counts `n` sentences of one document.
    pub fn add_sentences(&mut self, doc: DocIdx, n: u32) {
        match self.story_of.get(doc.index()).copied().flatten() {
            None => self.alone += n,
            Some(story) => match self.copies.iter_mut().find(|c| c.1 == doc) {
                Some(c) => c.2 += n,
                None => self.copies.push((story, doc, n)),
            },
        }
    }

    /// The sentences counted: those of documents that are no copy, and for each story the
    /// sentences of its copy that has most.
    pub fn total(&self) -> u32 {
        let mut copies = self.copies.clone();
        copies.sort_unstable_by_key(|c| (c.0, std::cmp::Reverse(c.2)));
        copies.dedup_by_key(|c| c.0);
        self.alone + copies.iter().map(|c| c.2).sum::<u32>()
    }
}

/// A view of one edge.
#[derive(Debug, Clone, Copy)]
pub struct Edge<'g> {
    /// Its index.
    pub id: EdgeIdx,
    /// Source entity.
    pub source: EntityIdx,
    /// Target entity.
    pub target: EntityIdx,
    /// Kind, origin, label, evidence.
    pub data: &'g EdgeData,
}

/// Which edges and neighbors a neighborhood query keeps.
#[derive(Debug, Clone, Default)]
pub struct NeighborFilter {
    /// Keep neighbors of this kind only.
    pub kind: Option<EntityKind>,
    /// Keep edges of this kind only.
    pub relation: Option<RelationKind>,
    /// Keep neighbors whose total weight is at least this.
    pub min_weight: u32,
    /// Count only the evidence of the documents dated in this span ([`Period::ALL`]: all of it);
    /// a relation read from text that no sentence of the span states is left out.
    pub period: crate::period::Period,
}

/// An entity next to another, with the edges that join them.
#[derive(Debug, Clone)]
pub struct Neighbor<'g> {
    /// The neighbor.
    pub entity: EntityIdx,
    /// The sum of the weights of the joining edges.
    pub weight: u32,
    /// The joining edges.
    pub edges: Vec<Edge<'g>>,
}

/// Membership of an entity in a cluster or park, curated, inferred or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// The other end: the company for "companies of a cluster", the cluster for "clusters of a company".
    pub entity: EntityIdx,
    /// The dictionary states it.
    pub curated: bool,
    /// A sentence names both.
    pub inferred: bool,
    /// The clusters (or parks) the membership goes through, when it is transitive over `PART_OF`.
    pub via: Vec<EntityIdx>,
    /// The sentences that prove it.
    pub evidence: Vec<Evidence>,
}

impl Membership {
    /// Curated when the dictionary states it, else inferred.
    pub fn origin(&self) -> Origin {
        if self.curated {
            Origin::Curated
        } else {
            Origin::Inferred
        }
    }
}

/// Memberships gathered edge by edge, one per entity at the other end.
#[derive(Default)]
struct Memberships(HashMap<EntityIdx, Membership>);

impl Memberships {
    /// Records that `entity` is linked by the edge `data`, through `via` when transitive.
    fn add(&mut self, entity: EntityIdx, data: &EdgeData, via: Option<EntityIdx>) {
        let m = self.0.entry(entity).or_insert_with(|| Membership {
            entity,
            curated: false,
            inferred: false,
            via: Vec::new(),
            evidence: Vec::new(),
        });
        m.curated |= data.origin == Origin::Curated;
        m.inferred |= data.origin != Origin::Curated;
        if let Some(v) = via
            && !m.via.contains(&v)
        {
            m.via.push(v);
        }
        m.evidence.extend_from_slice(&data.evidence);
    }

    /// The memberships sorted by the entity's name (case-insensitive, then id), evidence in
    /// document order without repeats.
    fn sorted(self, graph: &KnowledgeGraph) -> Vec<Membership> {
        let mut out: Vec<Membership> = self
            .0
            .into_values()
            .map(|mut m| {
                m.evidence.sort_unstable();
                m.evidence.dedup();
                m
            })
            .collect();
        // Cached keys: lowercasing both names in every comparison was two allocations per
        // comparison, thousands of them for a cluster of a large dictionary.
        out.sort_by_cached_key(|m| {
            let e = graph.entity(m.entity);
            (e.name.to_lowercase(), e.id.clone())
        });
        out
    }
}

/// Counts of a graph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Sentences over all documents.
    pub sentences: usize,
    /// Mentions over all documents.
    pub mentions: usize,
    /// Entities in the dictionary.
    pub entities: usize,
    /// Entities mentioned at least once.
    pub mentioned_entities: usize,
    /// Edges.
    pub edges: usize,
    /// Entities per kind, in [`EntityKind::ALL`] order.
    pub entities_by_kind: Vec<(EntityKind, usize)>,
    /// Edges per relation kind, in [`RelationKind::ALL`] order.
    pub edges_by_kind: Vec<(RelationKind, usize)>,
}

type EdgeKey = (RelationKind, Origin, EntityIdx, EntityIdx, Option<String>);

/// The role edges of each (person, organization), with the meanings of their titles.
type RoleIndex = HashMap<(EntityIdx, EntityIdx), Vec<(EdgeIndex<u32>, Vec<String>)>>;

/// Whether an entity is the dictionaries' or a candidate of discovery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityStatus {
    /// In the dictionaries.
    Curated,
    /// Proposed by discovery, not yet reviewed ([`crate::provisional`]).
    Candidate,
}

impl EntityStatus {
    /// `curated` or `candidate`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityStatus::Curated => "curated",
            EntityStatus::Candidate => "candidate",
        }
    }
}

/// The knowledge graph: entities, documents, and the typed edges between entities.
///
/// Immutable once built; share it with `Arc` and build a new one to change it.
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    extractor: Arc<Extractor>,
    /// The extractor's dictionary and the provisional entities after it, in a graph that holds
    /// candidates ([`KnowledgeGraph::with_candidates`]) and has some; `None`: the extractor's.
    extended: Option<Arc<Dictionary>>,
    /// How many entities are the dictionaries' own: every index from here on is provisional.
    curated: usize,
    /// Whether the graph holds the provisional entities.
    includes_candidates: bool,
    /// The graph with the provisional entities, built on first use.
    candidates: std::sync::OnceLock<Arc<KnowledgeGraph>>,
    /// Each provisional entity by its candidates' normalized key.
    candidate_keys: HashMap<String, EntityIdx>,
    documents: Vec<Arc<Document>>,
    doc_by_id: HashMap<String, DocIdx>,
    graph: DiGraph<EntityIdx, EdgeData, u32>,
    edge_by_key: HashMap<EdgeKey, EdgeIndex<u32>>,
    /// For each entity, its mentions as (document, index into that document's mentions).
    mentions: Vec<Vec<(DocIdx, u32)>>,
    /// Every spelling's fold key → the entities that have it.
    spellings: HashMap<String, Vec<EntityIdx>>,
    /// For each entity, the entities whose `parent` it is.
    children: Vec<Vec<EntityIdx>>,
    pagerank: Vec<f64>,
    degree: Vec<u32>,
    /// The date of the newest dated document.
    latest: Option<crate::PartialDate>,
    /// [`KnowledgeGraph::members_shared`], computed once per group.
    members_memo: MembersMemo,
    /// For each document that reposts a story with others, the story's place in `stories`.
    story_of: Vec<Option<u32>>,
    /// The stories told by two documents or more, each in document order.
    stories: Vec<Vec<DocIdx>>,
    /// Every policy's lifecycle, dictionary and documents together, computed on first use
    /// (`KnowledgeGraph::lifecycle_of`).
    pub(crate) lifecycles:
        std::sync::OnceLock<HashMap<EntityIdx, crate::lifecycle::StatedLifecycle>>,
    /// What `changes` reads a span through, built on its first call.
    pub(crate) time_index: std::sync::OnceLock<crate::period::TimeIndex>,
}

/// The members of each group asked for so far, by (group, inferred included). The graph never
/// changes, so an answer stays right; a clone of the graph starts with none.
#[derive(Debug, Default)]
struct MembersMemo(std::sync::Mutex<HashMap<MembersKey, Arc<[Membership]>>>);

/// A group, and whether inferred members are included.
type MembersKey = (EntityIdx, bool);

impl Clone for MembersMemo {
    fn clone(&self) -> MembersMemo {
        MembersMemo::default()
    }
}

impl KnowledgeGraph {
    /// Extracts every document and builds the graph.
    ///
    /// Documents are sorted by id; a repeated id gets a `-2`, `-3`... suffix so none is lost.
    /// To extract on several threads, use [`Extractor::extract_all`] and
    /// [`KnowledgeGraph::from_documents`].
    pub fn build(extractor: Arc<Extractor>, inputs: Vec<DocumentInput>) -> KnowledgeGraph {
        let documents = extractor.extract_all(inputs, 1);
        KnowledgeGraph::from_documents(extractor, documents)
    }

    /// Builds the graph from documents already extracted by `extractor`.
    ///
    /// Documents are shared, not copied: a new graph built from the documents of an old one plus
    /// a new document (ingestion) costs the graph's assembly, not a copy of every text.
    pub fn from_documents(
        extractor: Arc<Extractor>,
        documents: Vec<Arc<Document>>,
    ) -> KnowledgeGraph {
        KnowledgeGraph::assemble(extractor, documents, false)
    }

    /// This graph with the provisional entities of its documents ([`crate::provisional`]):
    /// the same curated entities under the same indexes, the provisional ones after them, with
    /// their mentions, co-mentions and roles, each with its evidence. Built on the first call and
    /// kept with the graph; a graph that already holds them is its own.
    pub fn with_candidates(self: &Arc<Self>) -> Arc<KnowledgeGraph> {
        if self.includes_candidates {
            return self.clone();
        }
        self.candidates
            .get_or_init(|| {
                Arc::new(KnowledgeGraph::assemble(
                    self.extractor.clone(),
                    self.documents.clone(),
                    true,
                ))
            })
            .clone()
    }

    /// Whether this graph holds the provisional entities ([`KnowledgeGraph::with_candidates`]).
    pub fn includes_candidates(&self) -> bool {
        self.includes_candidates
    }

    /// Whether an entity is provisional: a candidate of discovery, not in the dictionaries.
    pub fn is_candidate(&self, idx: EntityIdx) -> bool {
        idx.index() >= self.curated
    }

    /// An entity's status: curated (the dictionaries') or a candidate.
    pub fn status(&self, idx: EntityIdx) -> EntityStatus {
        if self.is_candidate(idx) {
            EntityStatus::Candidate
        } else {
            EntityStatus::Curated
        }
    }

    /// The provisional entity the candidates of this normalized key stand as, in a graph that
    /// holds them ([`crate::discover::normalize`]).
    pub fn candidate_entity(&self, key: &str) -> Option<EntityIdx> {
        self.candidate_keys.get(key).copied()
    }

    /// The number of the dictionaries' own entities (the indexes below it).
    pub fn curated_len(&self) -> usize {
        self.curated
    }

    /// One mention of an entity, as [`KnowledgeGraph::mentions_of`] lists it: `i` indexes the
    /// document's mentions, or its candidates for a provisional entity.
    ///
    /// Panics if the pair does not come from `mentions_of(entity)`.
    pub fn mention(&self, entity: EntityIdx, doc: DocIdx, i: u32) -> Mention {
        let d = self.document(doc);
        if self.is_candidate(entity) {
            let c = &d.candidates[i as usize];
            Mention {
                entity,
                start: c.start,
                end: c.end,
                sentence: c.sentence,
            }
        } else {
            d.mentions[i as usize]
        }
    }

    fn assemble(
        extractor: Arc<Extractor>,
        mut documents: Vec<Arc<Document>>,
        include_candidates: bool,
    ) -> KnowledgeGraph {
        documents.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.source.cmp(&b.source)));
        let mut doc_by_id = HashMap::with_capacity(documents.len());
        for (i, doc) in documents.iter_mut().enumerate() {
            let mut id = doc.id.clone();
            let mut n = 1;
            while doc_by_id.contains_key(&id) {
                n += 1;
                id = format!("{}-{n}", doc.id);
            }
            if id != doc.id {
                Arc::make_mut(doc).id = id.clone();
            }
            doc_by_id.insert(id, DocIdx(i as u32));
        }

        let curated = extractor.dictionary().len();
        let mut provisional = crate::provisional::Provisional::default();
        if include_candidates {
            provisional = crate::provisional::provisional(&extractor, &documents);
        }
        let extended = (!provisional.entities.is_empty()).then(|| {
            Arc::new(
                extractor
                    .dictionary()
                    .extended(std::mem::take(&mut provisional.entities)),
            )
        });
        let dict: &Dictionary = extended.as_deref().unwrap_or(extractor.dictionary());
        let mut g = KnowledgeGraph {
            extended: extended.clone(),
            curated,
            includes_candidates: include_candidates,
            candidates: std::sync::OnceLock::new(),
            candidate_keys: std::mem::take(&mut provisional.keys)
                .into_iter()
                .enumerate()
                .map(|(i, k)| (k, EntityIdx((curated + i) as u32)))
                .collect(),
            graph: DiGraph::with_capacity(dict.len(), 0),
            edge_by_key: HashMap::new(),
            mentions: vec![Vec::new(); dict.len()],
            spellings: HashMap::new(),
            children: vec![Vec::new(); dict.len()],
            pagerank: Vec::new(),
            degree: Vec::new(),
            latest: None,
            members_memo: MembersMemo::default(),
            doc_by_id,
            documents: Vec::new(),
            extractor: extractor.clone(),
            story_of: vec![None; documents.len()],
            stories: Vec::new(),
            lifecycles: std::sync::OnceLock::new(),
            time_index: std::sync::OnceLock::new(),
        };
        // The fingerprints a document does not have yet, on every core (a document of an
        // earlier graph keeps its own).
        {
            use rayon::prelude::*;
            documents.par_iter().with_max_len(1).for_each(|d| {
                d.fingerprint();
            });
        }
        for story in crate::syndication::story_groups(&documents) {
            if story.len() < 2 {
                continue;
            }
            let number = g.stories.len() as u32;
            for &d in &story {
                g.story_of[d] = Some(number);
            }
            g.stories
                .push(story.into_iter().map(|d| DocIdx(d as u32)).collect());
        }
        for (idx, entity) in dict.iter() {
            g.graph.add_node(idx);
            for s in entity.spellings() {
                let list = g.spellings.entry(fold_key(s)).or_default();
                if !list.contains(&idx) {
                    list.push(idx);
                }
            }
            if let Some(p) = entity.parent {
                g.children[p.index()].push(idx);
            }
        }

        // Curated edges first, in dictionary order; their evidence is filled in below.
        let mut curated = Vec::new();
        for (idx, e) in dict.iter() {
            for &c in &e.clusters {
                curated.push((RelationKind::InCluster, idx, c, None));
            }
            for &p in &e.located_in {
                curated.push((RelationKind::LocatedIn, idx, p, None));
            }
            if let Some(p) = e.parent {
                curated.push((RelationKind::PartOf, idx, p, None));
            }
            if let Some(i) = e.issuer {
                curated.push((RelationKind::IssuedBy, idx, i, None));
            }
            for r in &e.roles {
                if let Some(org) = r.org {
                    curated.push((RelationKind::Role, idx, org, Some(r.title.clone())));
                }
            }
        }
        let mut roles = RoleIndex::new();
        let mut curated_edges = Vec::with_capacity(curated.len());
        for (kind, s, t, label) in curated {
            let e = g.add(&mut roles, kind, Origin::Curated, s, t, label);
            let entity = dict.entity(s);
            // Two curated roles of one meaning are one edge: the first entry states it.
            g.graph[e].provenance.get_or_insert_with(|| {
                Box::new(Provenance {
                    file: entity.kind.file_name(),
                    line: entity.line,
                    source: entity.source.clone(),
                    as_of: entity.as_of,
                })
            });
            curated_edges.push((e, s, t));
        }

        for (d, doc) in documents.iter().enumerate() {
            let d = DocIdx(d as u32);
            for (i, m) in doc.mentions.iter().enumerate() {
                g.mentions[m.entity.index()].push((d, i as u32));
            }
            for r in &doc.relations {
                let evidence = Evidence {
                    document: d,
                    sentence: r.sentence,
                };
                let e = g.add(
                    &mut roles,
                    r.kind,
                    r.origin,
                    r.source,
                    r.target,
                    r.label.clone(),
                );
                let edge = &mut g.graph[e];
                if edge.evidence.last() != Some(&evidence) {
                    edge.evidence.push(evidence);
                }
            }
            if include_candidates {
                g.add_candidates(&mut roles, d, doc, &provisional);
            }
        }

        // A curated edge is proven by the sentences that name both of its ends (a sentence
        // that states a curated role names both too).
        for (e, s, t) in curated_edges {
            let named_both = g
                .edge_by_key
                .get(&(
                    RelationKind::CoMention,
                    Origin::Extracted,
                    s.min(t),
                    s.max(t),
                    None,
                ))
                .map(|&c| g.graph[c].evidence.clone())
                .unwrap_or_default();
            let evidence = &mut g.graph[e].evidence;
            evidence.extend(named_both);
            evidence.sort_unstable();
            evidence.dedup();
        }

        for e in g.graph.edge_indices() {
            let counted = g.count_once(g.graph[e].evidence.iter().copied());
            g.graph[e].counted = counted;
        }
        g.documents = documents;
        g.latest = (0..g.documents.len() as u32)
            .filter_map(|d| g.document_date(DocIdx(d)))
            .max_by_key(|d| d.last_day());
        g.compute_centrality();
        g
    }

    /// A document's provisional entities: their mentions, their co-mentions with every entity
    /// of the same sentence, and the roles in which they are the person or the organization.
    fn add_candidates(
        &mut self,
        roles: &mut RoleIndex,
        d: DocIdx,
        doc: &Document,
        provisional: &crate::provisional::Provisional,
    ) {
        let named = |i: usize| provisional.entity(self.curated, d.index(), i);
        let mut found: Vec<(u32, EntityIdx)> = Vec::new();
        for (i, c) in doc.candidates.iter().enumerate() {
            if let Some(p) = named(i) {
                found.push((c.sentence, p));
                self.mentions[p.index()].push((d, i as u32));
            }
        }
        if found.is_empty() {
            return;
        }
        let mut relations: Vec<FoundRelation> = Vec::new();
        // Every pair of distinct entities of a sentence, one of them at least provisional (the
        // pairs of curated entities are the document's own relations).
        let mut by_sentence: Vec<(u32, EntityIdx)> = doc
            .mentions
            .iter()
            .map(|m| (m.sentence, m.entity))
            .chain(found.iter().copied())
            .collect();
        by_sentence.sort_unstable();
        by_sentence.dedup();
        for run in by_sentence.chunk_by(|a, b| a.0 == b.0) {
            for (i, &(sentence, a)) in run.iter().enumerate() {
                for &(_, b) in &run[i + 1..] {
                    if self.is_candidate(a) || self.is_candidate(b) {
                        relations.push(FoundRelation {
                            kind: RelationKind::CoMention,
                            source: a.min(b),
                            target: a.max(b),
                            label: None,
                            origin: Origin::Extracted,
                            sentence,
                        });
                    }
                }
            }
        }
        for r in &doc.candidate_roles {
            let party = |p: Party| match p {
                Party::Entity(e) => Some(e),
                Party::Candidate(i) => named(i as usize),
            };
            if let (Some(person), Some(org)) = (party(r.person), party(r.org))
                && person != org
            {
                relations.push(FoundRelation {
                    kind: RelationKind::Role,
                    source: person,
                    target: org,
                    label: Some(r.title.clone()),
                    origin: Origin::Extracted,
                    sentence: r.sentence,
                });
            }
        }
        for r in relations {
            let evidence = Evidence {
                document: d,
                sentence: r.sentence,
            };
            let e = self.add(roles, r.kind, r.origin, r.source, r.target, r.label);
            let edge = &mut self.graph[e];
            if !edge.evidence.contains(&evidence) {
                edge.evidence.push(evidence);
            }
        }
    }

    /// The edge a relation belongs to, made if there is none yet. A role joins the role of the
    /// same person and organization whose title means the same ([`title_meanings`]), whatever its
    /// origin; every other relation has one edge per kind, origin, ends and label.
    fn add(
        &mut self,
        roles: &mut RoleIndex,
        kind: RelationKind,
        origin: Origin,
        source: EntityIdx,
        target: EntityIdx,
        label: Option<String>,
    ) -> EdgeIndex<u32> {
        let Some(title) = label.as_deref().filter(|_| kind == RelationKind::Role) else {
            return self.edge_for(kind, origin, source, target, label);
        };
        let meanings = title_meanings(title, self.entity(target));
        let same = roles.entry((source, target)).or_default();
        if let Some(&(e, _)) = same
            .iter()
            .find(|(_, known)| known.iter().any(|m| meanings.contains(m)))
        {
            let data = &mut self.graph[e];
            data.origins.insert(origin);
            data.origin = data.origin.min(origin);
            return e;
        }
        let e = self.edge_for(kind, origin, source, target, label);
        same.push((e, meanings));
        e
    }

    fn edge_for(
        &mut self,
        kind: RelationKind,
        origin: Origin,
        source: EntityIdx,
        target: EntityIdx,
        label: Option<String>,
    ) -> EdgeIndex<u32> {
        // Titles differ in case between sentences ("Director", "director"): one edge for both,
        // shown as first written.
        let key = (
            kind,
            origin,
            source,
            target,
            label.as_ref().map(|l| l.to_lowercase()),
        );
        let graph = &mut self.graph;
        *self.edge_by_key.entry(key).or_insert_with(|| {
            graph.add_edge(
                NodeIndex::new(source.index()),
                NodeIndex::new(target.index()),
                EdgeData {
                    kind,
                    origin,
                    origins: Origins::of(origin),
                    label,
                    evidence: Vec::new(),
                    counted: 0,
                    provenance: None,
                },
            )
        })
    }

    /// Degree (distinct neighbors) and PageRank over the undirected graph of all edges.
    ///
    /// petgraph's `page_rank` tests every pair of nodes in every iteration, which is fine for
    /// the seed graph and hopeless for a dictionary of 100k entities; this power iteration walks
    /// adjacency lists, O(iterations × edges).
    fn compute_centrality(&mut self) {
        let n = self.graph.node_count();
        let mut adj: Vec<Vec<u32>> = vec![Vec::new(); n];
        for e in self.graph.edge_references() {
            let (a, b) = (e.source().index(), e.target().index());
            if a != b {
                adj[a].push(b as u32);
                adj[b].push(a as u32);
            }
        }
        for list in &mut adj {
            list.sort_unstable();
            list.dedup();
        }
        self.degree = adj.iter().map(|l| l.len() as u32).collect();
        const DAMPING: f64 = 0.85;
        const ITERATIONS: usize = 40;
        let mut rank = vec![1.0 / n.max(1) as f64; n];
        let mut next = vec![0.0; n];
        for _ in 0..ITERATIONS {
            let dangling: f64 = (0..n).filter(|&i| adj[i].is_empty()).map(|i| rank[i]).sum();
            let base = (1.0 - DAMPING) / n as f64 + DAMPING * dangling / n as f64;
            next.iter_mut().for_each(|x| *x = base);
            for (i, list) in adj.iter().enumerate() {
                if !list.is_empty() {
                    let share = DAMPING * rank[i] / list.len() as f64;
                    for &j in list {
                        next[j as usize] += share;
                    }
                }
            }
            std::mem::swap(&mut rank, &mut next);
        }
        self.pagerank = rank;
    }

    /// The extractor the graph was built with (dictionary and matcher).
    pub fn extractor(&self) -> &Arc<Extractor> {
        &self.extractor
    }

    /// The dictionary.
    ///
    /// In a graph that holds candidates ([`KnowledgeGraph::with_candidates`]), the provisional
    /// entities follow the dictionaries' own ([`KnowledgeGraph::is_candidate`]).
    pub fn dictionary(&self) -> &Dictionary {
        self.extended
            .as_deref()
            .unwrap_or_else(|| self.extractor.dictionary())
    }

    /// An entity.
    pub fn entity(&self, idx: EntityIdx) -> &Entity {
        self.dictionary().entity(idx)
    }

    /// The index of the entity with this id.
    pub fn entity_by_id(&self, id: &str) -> Option<EntityIdx> {
        self.dictionary().get(id)
    }

    /// The entities one of whose spellings is `name` (any language, any case, any width).
    pub fn lookup(&self, name: &str) -> Vec<EntityIdx> {
        let mut found = self
            .spellings
            .get(&fold_key(name))
            .cloned()
            .unwrap_or_default();
        found.sort_unstable();
        found
    }

    /// Entities whose id or some spelling contains `text` (folded, case-insensitive), in id order.
    pub fn search(&self, text: &str) -> Vec<EntityIdx> {
        let key = fold_key(text);
        // The spellings' fold keys are computed once, at build: search them, not the spellings.
        let mut found: Vec<EntityIdx> = self
            .spellings
            .iter()
            .filter(|(spelling, _)| spelling.contains(&key))
            .flat_map(|(_, entities)| entities.iter().copied())
            .chain(
                self.dictionary()
                    .iter()
                    .filter(|(_, e)| e.id.contains(&key))
                    .map(|(i, _)| i),
            )
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// All documents, in id order.
    pub fn documents(&self) -> &[Arc<Document>] {
        &self.documents
    }

    /// The documents that tell the same story as `doc` (itself included, in document order):
    /// reposts of one article by several outlets (see [`crate::syndication`]); `doc` alone when
    /// no other document reposts it.
    pub fn story(&self, doc: DocIdx) -> Vec<DocIdx> {
        self.story_of
            .get(doc.index())
            .copied()
            .flatten()
            .and_then(|n| self.stories.get(n as usize))
            .cloned()
            .unwrap_or_else(|| vec![doc])
    }

    /// The stories told by two documents or more, in the order of their first documents.
    pub fn stories(&self) -> &[Vec<DocIdx>] {
        &self.stories
    }

    /// A tally that counts sentences once per story ([`KnowledgeGraph::count_once`]).
    pub fn tally(&self) -> Tally<'_> {
        Tally {
            story_of: &self.story_of,
            alone: 0,
            copies: Vec::new(),
        }
    }

    /// How many of these sentences count in a weight: every sentence of a document that no other
    /// document reposts, and of a story reposted by several, the sentences of the copy that has
    /// most — so that a story syndicated by ten outlets weighs what it weighs once, while another
    /// story about the same event counts on its own.
    pub fn count_once(&self, evidence: impl IntoIterator<Item = Evidence>) -> u32 {
        if self.stories.is_empty() {
            return evidence.into_iter().count() as u32;
        }
        let mut tally = self.tally();
        for ev in evidence {
            tally.add(ev);
        }
        tally.total()
    }

    /// The date of the newest dated document: "now", as far as the news in the graph knows.
    pub fn latest_date(&self) -> Option<crate::PartialDate> {
        self.latest
    }

    /// A document.
    pub fn document(&self, idx: DocIdx) -> &Document {
        &self.documents[idx.index()]
    }

    /// The document with this id.
    pub fn document_by_id(&self, id: &str) -> Option<DocIdx> {
        self.doc_by_id.get(id).copied()
    }

    /// The text of the sentence an evidence points at.
    pub fn sentence(&self, evidence: Evidence) -> &str {
        self.documents
            .get(evidence.document.index())
            .map_or("", |d| d.sentence_text(evidence.sentence))
    }

    /// The mentions of an entity, as (document, index into the document's mentions).
    pub fn mentions_of(&self, idx: EntityIdx) -> &[(DocIdx, u32)] {
        &self.mentions[idx.index()]
    }

    /// The documents that mention an entity, in document order.
    pub fn documents_of(&self, idx: EntityIdx) -> Vec<DocIdx> {
        let mut docs: Vec<DocIdx> = self.mentions[idx.index()].iter().map(|&(d, _)| d).collect();
        docs.dedup();
        docs
    }

    /// The number of distinct neighbors.
    pub fn degree(&self, idx: EntityIdx) -> u32 {
        self.degree.get(idx.index()).copied().unwrap_or(0)
    }

    /// PageRank centrality; the ranks of all entities sum to 1.
    pub fn pagerank(&self, idx: EntityIdx) -> f64 {
        self.pagerank.get(idx.index()).copied().unwrap_or(0.0)
    }

    fn view(&self, e: EdgeIndex<u32>) -> Option<Edge<'_>> {
        let (s, t) = self.graph.edge_endpoints(e)?;
        Some(Edge {
            id: EdgeIdx(e.index() as u32),
            source: EntityIdx(s.index() as u32),
            target: EntityIdx(t.index() as u32),
            data: &self.graph[e],
        })
    }

    /// An edge by index.
    pub fn edge(&self, id: EdgeIdx) -> Option<Edge<'_>> {
        self.view(EdgeIndex::new(id.0 as usize))
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// All edges, in insertion order.
    pub fn edges(&self) -> impl Iterator<Item = Edge<'_>> {
        self.graph.edge_indices().filter_map(|e| self.view(e))
    }

    /// The edges that touch an entity, both directions, in insertion order.
    pub fn edges_of(&self, idx: EntityIdx) -> Vec<Edge<'_>> {
        let node = NodeIndex::new(idx.index());
        let mut ids: Vec<EdgeIndex<u32>> = self
            .graph
            .edges_directed(node, Direction::Outgoing)
            .chain(self.graph.edges_directed(node, Direction::Incoming))
            .map(|e| e.id())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().filter_map(|e| self.view(e)).collect()
    }

    /// The edges between two entities, either direction.
    pub fn edges_between(&self, a: EntityIdx, b: EntityIdx) -> Vec<Edge<'_>> {
        self.edges_of(a)
            .into_iter()
            .filter(|e| (e.source == a && e.target == b) || (e.source == b && e.target == a))
            .collect()
    }

    /// Neighbors of an entity, heaviest first (ties by id).
    pub fn neighbors(&self, idx: EntityIdx, filter: &NeighborFilter) -> Vec<Neighbor<'_>> {
        let mut by_entity: HashMap<EntityIdx, (Vec<Edge<'_>>, u32)> = HashMap::new();
        for e in self.edges_of(idx) {
            if filter.relation.is_some_and(|r| r != e.data.kind) {
                continue;
            }
            let weight = self.weight_in(e.data, filter.period);
            if weight == 0 {
                continue;
            }
            let other = if e.source == idx { e.target } else { e.source };
            if other == idx || filter.kind.is_some_and(|k| self.entity(other).kind != k) {
                continue;
            }
            let (edges, total) = by_entity.entry(other).or_default();
            edges.push(e);
            *total += weight;
        }
        let mut out: Vec<Neighbor<'_>> = by_entity
            .into_iter()
            .map(|(entity, (edges, weight))| Neighbor {
                entity,
                weight,
                edges,
            })
            .filter(|n| n.weight >= filter.min_weight)
            .collect();
        out.sort_by(|a, b| {
            b.weight
                .cmp(&a.weight)
                .then_with(|| self.entity(a.entity).id.cmp(&self.entity(b.entity).id))
        });
        out
    }

    /// An entity and everything below it through `parent` (a cluster and its sub-fields).
    pub fn descendants(&self, idx: EntityIdx) -> Vec<EntityIdx> {
        let mut out = vec![idx];
        let mut i = 0;
        while i < out.len() {
            for &c in &self.children[out[i].index()] {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            i += 1;
        }
        out
    }

    /// The chain of parents above an entity, nearest first.
    pub fn ancestors(&self, idx: EntityIdx) -> Vec<EntityIdx> {
        let mut out = Vec::new();
        let mut at = self.entity(idx).parent;
        while let Some(p) = at {
            if out.contains(&p) || p == idx {
                break;
            }
            out.push(p);
            at = self.entity(p).parent;
        }
        out
    }

    /// The members of a cluster or park: what has an `IN_CLUSTER` (cluster) or `LOCATED_IN`
    /// (park, place) edge to it or to anything below it through `PART_OF`.
    ///
    /// For a cluster the members are companies; `include_inferred` adds the memberships read from
    /// sentences that name a company beside the cluster. Sorted by the member's name.
    pub fn members(&self, of: EntityIdx, include_inferred: bool) -> Vec<Membership> {
        self.members_shared(of, include_inferred).to_vec()
    }

    /// [`KnowledgeGraph::members`], shared: computed on the first call for a group and kept with
    /// the graph, so that a server answering the same cluster again does not gather and sort its
    /// thousands of members each time.
    pub fn members_shared(&self, of: EntityIdx, include_inferred: bool) -> Arc<[Membership]> {
        let key = (of, include_inferred);
        // A poisoned lock only means another reader panicked; the memo holds finished answers.
        let memo = |m: &MembersMemo| {
            m.0.lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&key)
                .cloned()
        };
        if let Some(found) = memo(&self.members_memo) {
            return found;
        }
        let found: Arc<[Membership]> = self.gather_members(of, include_inferred).into();
        self.members_memo
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, found.clone());
        found
    }

    fn gather_members(&self, of: EntityIdx, include_inferred: bool) -> Vec<Membership> {
        let kind = self.entity(of).kind;
        let relation = match kind {
            EntityKind::Cluster => RelationKind::InCluster,
            _ => RelationKind::LocatedIn,
        };
        let mut found = Memberships::default();
        for target in self.descendants(of) {
            let node = NodeIndex::new(target.index());
            for e in self.graph.edges_directed(node, Direction::Incoming) {
                let data = e.weight();
                if data.kind != relation || (!include_inferred && data.origin == Origin::Inferred) {
                    continue;
                }
                let member = EntityIdx(e.source().index() as u32);
                if kind == EntityKind::Cluster && self.entity(member).kind != EntityKind::Company {
                    continue;
                }
                found.add(member, data, (target != of).then_some(target));
            }
        }
        found.sorted(self)
    }

    /// The clusters an entity belongs to: directly (curated or inferred) and, through `PART_OF`,
    /// the larger clusters above those (with `via` naming the direct one). Sorted by cluster name.
    pub fn clusters_of(&self, idx: EntityIdx, include_inferred: bool) -> Vec<Membership> {
        let mut found = Memberships::default();
        let node = NodeIndex::new(idx.index());
        for e in self.graph.edges_directed(node, Direction::Outgoing) {
            let data = e.weight();
            if data.kind != RelationKind::InCluster
                || (!include_inferred && data.origin == Origin::Inferred)
            {
                continue;
            }
            let direct = EntityIdx(e.target().index() as u32);
            found.add(direct, data, None);
            for above in self.ancestors(direct) {
                found.add(above, data, Some(direct));
            }
        }
        found.sorted(self)
    }

    /// A shortest path between two entities over edges of any kind and direction, at most
    /// `max_hops` edges long. Ties are broken by entity index, so the answer is stable.
    pub fn shortest_path(
        &self,
        from: EntityIdx,
        to: EntityIdx,
        max_hops: usize,
    ) -> Option<Vec<EntityIdx>> {
        self.shortest_path_in(from, to, max_hops, crate::period::Period::ALL)
    }

    /// [`KnowledgeGraph::shortest_path`] over the edges the period states
    /// ([`KnowledgeGraph::weight_in`] above 0: curated edges, and those read from a sentence of
    /// a document dated in the span).
    pub fn shortest_path_in(
        &self,
        from: EntityIdx,
        to: EntityIdx,
        max_hops: usize,
        period: crate::period::Period,
    ) -> Option<Vec<EntityIdx>> {
        if from == to {
            return Some(vec![from]);
        }
        let n = self.graph.node_count();
        let mut prev: Vec<Option<u32>> = vec![None; n];
        let mut depth = vec![usize::MAX; n];
        depth[from.index()] = 0;
        let mut queue = VecDeque::from([from.index()]);
        while let Some(at) = queue.pop_front() {
            if depth[at] >= max_hops {
                continue;
            }
            let node = NodeIndex::new(at);
            let mut next: Vec<usize> = self
                .graph
                .edges_directed(node, Direction::Outgoing)
                .map(|e| (e.target(), e.weight()))
                .chain(
                    self.graph
                        .edges_directed(node, Direction::Incoming)
                        .map(|e| (e.source(), e.weight())),
                )
                .filter(|(_, data)| period.is_all() || self.weight_in(data, period) > 0)
                .map(|(x, _)| x.index())
                .collect();
            next.sort_unstable();
            next.dedup();
            for nb in next {
                if depth[nb] != usize::MAX {
                    continue;
                }
                depth[nb] = depth[at] + 1;
                prev[nb] = Some(at as u32);
                if nb == to.index() {
                    let mut path = vec![to];
                    let mut cur = nb;
                    while let Some(p) = prev[cur] {
                        path.push(EntityIdx(p));
                        cur = p as usize;
                    }
                    path.reverse();
                    return Some(path);
                }
                queue.push_back(nb);
            }
        }
        None
    }

    /// Counts of entities, documents, mentions and edges.
    pub fn stats(&self) -> Stats {
        let dict = self.dictionary();
        let mut by_kind: Vec<(EntityKind, usize)> =
            EntityKind::ALL.iter().map(|&k| (k, 0)).collect();
        for e in dict.entities() {
            if let Some(slot) = by_kind.iter_mut().find(|(k, _)| *k == e.kind) {
                slot.1 += 1;
            }
        }
        let mut by_relation: Vec<(RelationKind, usize)> =
            RelationKind::ALL.iter().map(|&k| (k, 0)).collect();
        for e in self.graph.edge_weights() {
            if let Some(slot) = by_relation.iter_mut().find(|(k, _)| *k == e.kind) {
                slot.1 += 1;
            }
        }
        Stats {
            documents: self.documents.len(),
            sentences: self.documents.iter().map(|d| d.sentences.len()).sum(),
            mentions: self.documents.iter().map(|d| d.mentions.len()).sum(),
            entities: dict.len(),
            mentioned_entities: self.mentions.iter().filter(|m| !m.is_empty()).count(),
            edges: self.graph.edge_count(),
            entities_by_kind: by_kind,
            edges_by_kind: by_relation,
        }
    }
}

/// The meanings of a role title at an organization: keys that two titles share when they name the
/// same role there.
///
/// The rule: two titles of one person at one organization mean the same role when they are equal
/// after folding (case, width, script, white space) once each is cut before the words that only
/// restate the organization — an English "… of the Management Committee" whose words after "of"
/// (and "the") are part of one of the organization's spellings, or a Chinese title that starts
/// with part of one ("经济发展局局长" at 经开区经济发展局 is "局长"). A title and each gloss in
/// brackets are meanings of their own: "Director of the Economic Development Bureau (经济发展局局长)"
/// means both "director" and "局长". So "Director of the Management Committee" and "director" are
/// one role, while "Director of Marketing" and "Director of Sales" stay two, and so do "Director"
/// and "Deputy Director". A meaning that is nothing but a known post or its deputy also means that
/// office in every language of [`crate::tenure`]: "secretary" and "书记" are one role there.
fn title_meanings(title: &str, org: &Entity) -> Vec<String> {
    let spellings: Vec<String> = org.spellings().map(fold_key).collect();
    let mut parts = vec![String::new()];
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '(' | '（' => {
                depth += 1;
                parts.push(String::new());
            }
            ')' | '）' => depth = depth.saturating_sub(1),
            c if depth > 0 => parts.last_mut().map_or((), |p| p.push(c)),
            c => parts[0].push(c),
        }
    }
    let mut meanings: Vec<String> = parts
        .iter()
        .map(|p| without_org(&fold_key(p), &spellings))
        .filter(|m| !m.is_empty())
        .collect();
    // A bare post means its office in either language: "Secretary of the Working Committee" at
    // the Working Committee and "书记" there are one role.
    let offices: Vec<String> = meanings
        .iter()
        .filter_map(|m| crate::tenure::bare_office(m))
        .map(|o| format!("\u{0}office {} {:?}", o.line, o.rank))
        .collect();
    meanings.extend(offices);
    meanings.sort_unstable();
    meanings.dedup();
    meanings
}

/// A folded title without the words that only restate the organization (see [`title_meanings`]).
fn without_org(title: &str, spellings: &[String]) -> String {
    let restates = |words: &str| !words.is_empty() && spellings.iter().any(|s| s.contains(words));
    if let Some(at) = title.find(" of ") {
        let after = &title[at + 4..];
        if restates(after.strip_prefix("the ").unwrap_or(after)) {
            return title[..at].to_owned();
        }
    }
    // A Chinese title that starts with two or more characters of the organization's name, and
    // has two or more left.
    if title.chars().all(is_cjk) {
        let cut = title
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| title[..i].chars().count() >= 2 && title[i..].chars().count() >= 2)
            .rfind(|&i| restates(&title[..i]));
        if let Some(i) = cut {
            return title[i..].to_owned();
        }
    }
    title.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_counts_each_story_as_its_copy_with_most_sentences() {
        // Documents 1 and 3 are copies of one story (story 0); 0 and 2 stand alone.
        let story_of = [None, Some(0), None, Some(0)];
        let ev = |document: u32, sentence: u32| Evidence {
            document: DocIdx(document),
            sentence,
        };
        let mut tally = Tally {
            story_of: &story_of,
            alone: 0,
            copies: Vec::new(),
        };
        for e in [
            ev(0, 0),
            ev(1, 0),
            ev(1, 4),
            ev(2, 1),
            ev(3, 0),
            ev(3, 2),
            ev(3, 5),
        ] {
            tally.add(e);
        }
        // 0 and 2 count their sentences; the story counts document 3's three, not 2 + 3.
        assert_eq!(tally.total(), 1 + 1 + 3);
        // A document past the table (none should be) counts alone.
        tally.add(ev(9, 0));
        assert_eq!(tally.total(), 6);
    }
}
