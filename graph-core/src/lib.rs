//! graph-core turns news about Beijing's Economic-Technological Development Area (Beijing E-Town,
//! 北京经开区) into a knowledge graph whose every edge carries the sentence that proves it.
//!
//! The pipeline, from files to graph:
//!
//! 1. [`Dictionary::load_dir`] reads the curated TOML dictionaries and validates them as a whole,
//!    reporting every problem with its file, line and field.
//! 2. [`Extractor::new`] compiles every spelling of every entity into one `aho-corasick`
//!    automaton ([`Matcher`]).
//! 3. [`read_corpus`] reads a directory of articles, each through the one text check
//!    ([`check_text`]: UTF-8, or UTF-16 and GB18030 decoded, never binary or empty).
//! 4. [`Extractor::extract`] reads one document ([`Extractor::extract_all`] many, on several
//!    threads): boilerplate is dropped, the article is split into sentences, the folded text
//!    (Traditional → Simplified, full-width → ASCII) is matched, and the mentions of each sentence
//!    give co-mentions, stated roles and inferred cluster memberships.
//! 5. [`KnowledgeGraph::build`] gathers the documents into a `petgraph` graph with the curated
//!    relations of the dictionary beside the ones read from text, and answers queries: neighbors,
//!    members of a cluster, shortest paths, centrality.
//! 6. [`select()`] picks the part of the graph to draw, and four writers draw it: [`write_dot`],
//!    [`write_graphml`], [`write_json`], [`write_csv`].
//!
//! Time is read by pure functions the graph builds on: [`text::when`] dates sentences and
//! documents, [`lifecycle`] reads a policy's document number and its published, effective and
//! expiry dates, [`tenure`] orders a person's roles over time, and [`syndication`] finds the
//! same story reposted by several outlets.
//!
//! graph-core has no async runtime and does no network I/O; serving the graph is `graph-api`'s job.
//!
//! # Example
//!
//! A two-entity dictionary, one sentence, one role:
//!
//! ```
//! use std::path::PathBuf;
//! use std::sync::Arc;
//! use graph_core::{Dictionary, DocumentInput, EntityKind, Extractor, KnowledgeGraph, RelationKind};
//!
//! let people = r#"
//! [[entity]]
//! id = "kong-lei"
//! name = "Kong Lei"
//! name_zh = "孔磊"
//! "#;
//! let orgs = r#"
//! [[entity]]
//! id = "bda-management-committee"
//! name = "BDA Management Committee"
//! aliases = ["Management Committee of Beijing Economic and Technological Development Zone"]
//! "#;
//! let dictionary = Dictionary::from_sources(&[
//!     (PathBuf::from("people.toml"), EntityKind::Person, people),
//!     (PathBuf::from("organizations.toml"), EntityKind::Organization, orgs),
//! ])?;
//! let extractor = Arc::new(Extractor::new(dictionary));
//! let text = "Kong Lei, Director of the Management Committee of Beijing Economic and \
//!             Technological Development Zone, said the zone will grow.";
//! let graph = KnowledgeGraph::build(
//!     extractor,
//!     vec![DocumentInput { id: "a".into(), text: text.into(), ..Default::default() }],
//! );
//!
//! let kong = graph.entity_by_id("kong-lei").unwrap();
//! let role = graph
//!     .edges_of(kong)
//!     .into_iter()
//!     .find(|e| e.data.kind == RelationKind::Role)
//!     .unwrap();
//! assert_eq!(graph.entity(role.target).id, "bda-management-committee");
//! assert_eq!(role.data.label.as_deref(), Some("Director"));
//! assert_eq!(graph.sentence(role.data.evidence[0]), text);
//! assert_eq!(graph.lookup("孔磊"), vec![kong]);
//! # Ok::<(), graph_core::Error>(())
//! ```

#![deny(missing_docs)]

pub mod corpus;
pub mod dictionary;
pub mod discover;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
pub mod lifecycle;
pub mod matcher;
pub mod period;
pub mod provisional;
pub mod reextract;
pub mod relations;
pub mod syndication;
pub mod tenure;
pub mod text;

pub use corpus::{DEFAULT_MAX_DOCUMENT_BYTES, read_corpus, read_document};
pub use dictionary::{Dictionary, DictionarySource, Entity, EntityIdx, EntityKind, Role};
pub use discover::{Candidate, CandidateGroup, CandidateRole, Party, Signal};
pub use document::{
    Document, DocumentInput, FoundRelation, Mention, Origin, Origins, RelationKind, Unresolved,
};
pub use error::{
    DictionaryError, DictionaryErrorKind, DictionaryErrors, DocumentError, DocumentErrorKind,
    Error, Result,
};
pub use export::{
    DotOptions, Format, GroupBy, Selection, Subgraph, select, write_csv, write_csv_dir, write_dot,
    write_export, write_graphml, write_json,
};
pub use extract::Extractor;
pub use graph::{
    DocIdx, Edge, EdgeData, EdgeIdx, EntityStatus, Evidence, KnowledgeGraph, Membership, Neighbor,
    NeighborFilter, Provenance, Stats,
};
pub use input::{DecodedText, TextEncoding, check_str, check_text};
pub use matcher::Matcher;
pub use period::{Changes, Growth, MonthCount, Period, PeriodError, Seen, TimelineMonth};
pub use reextract::Reextraction;
pub use text::{Date, Language, PartialDate, Sentence};
