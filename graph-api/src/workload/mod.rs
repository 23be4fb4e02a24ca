//! A synthetic, reproducible workload for benchmarks: dictionaries and a corpus of news articles.
//!
//! [`generate`] writes what `kgraph gen` writes and what the benchmarks measure: dictionaries in the
//! TOML format of `dictionaries/` (the curated seed dictionaries, so that the README queries mean
//! something, plus synthetic companies, people, organizations, parks, policies, clusters and places
//! with English and Chinese names, aliases, acronyms and a few deliberately ambiguous spellings), and
//! a corpus of articles that mix English, all-lowercase English and Chinese, laid out like the seeds:
//! navigation chrome, a headline, a byline, a dateline with its "Source:", paragraphs, and a footer
//! followed by more page. Sentences name entities about once per 100–200 bytes, in the shapes the
//! relation extractor reads (appositive roles, "ORG title PERSON", bylines, a company beside a
//! cluster), between plain sentences that name nothing.
//!
//! The same `(entities, bytes, seed)` always gives the same bytes: the random generator is a
//! SplitMix64 written here, not a crate whose stream might change between versions. Changing the
//! curated dictionaries changes the output, since they are part of it.
//!
//! The parts, by what they make: [`names`] the random generator and the syllables people, brands
//! and places are named with; [`dictionaries`] the entities and their TOML; [`articles`] the
//! corpus. [`raw_scan`] is the peer extraction is measured against.

mod articles;
mod dictionaries;
mod names;
pub mod raw_scan;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use graph_core::text::fold_key;
use graph_core::{Dictionary, DocumentInput, EntityIdx, EntityKind};

use articles::corpus;
use dictionaries::{Builder, CURATED, Gen, write_entity};
use names::Rng;

pub use raw_scan::RawScan;

/// A generated workload, in memory.
#[derive(Debug, Clone)]
pub struct Workload {
    /// One TOML text per kind, in [`EntityKind::ALL`] order.
    pub dictionaries: Vec<(EntityKind, String)>,
    /// `(file name, text)` of each article, in file-name order.
    pub documents: Vec<(String, String)>,
}

impl Workload {
    /// The number of bytes of corpus.
    pub fn corpus_bytes(&self) -> usize {
        self.documents.iter().map(|(_, t)| t.len()).sum()
    }

    /// Loads the generated dictionaries.
    pub fn dictionary(&self) -> graph_core::Result<Dictionary> {
        let sources: Vec<(PathBuf, EntityKind, &str)> = self
            .dictionaries
            .iter()
            .map(|(k, t)| (PathBuf::from(k.file_name()), *k, t.as_str()))
            .collect();
        Dictionary::from_sources(&sources)
    }

    /// The articles as extraction inputs, as `read_corpus` would read them from `corpus/`.
    pub fn inputs(&self) -> Vec<DocumentInput> {
        self.documents
            .iter()
            .map(|(name, text)| DocumentInput {
                id: name.trim_end_matches(".txt").to_owned(),
                source: format!("corpus/{name}"),
                text: text.clone(),
                ..DocumentInput::default()
            })
            .collect()
    }

    /// Writes `dir/dictionaries/*.toml` and `dir/corpus/*.txt`.
    ///
    /// A `corpus/` that already holds files is refused: the articles of an earlier workload would
    /// silently join this one.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let dicts = dir.join("dictionaries");
        let corpus = dir.join("corpus");
        if let Ok(mut entries) = std::fs::read_dir(&corpus)
            && entries.next().is_some()
        {
            bail!(
                "{} is not empty (generate into a new directory)",
                corpus.display()
            );
        }
        for d in [&dicts, &corpus] {
            std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
        }
        let write = |path: PathBuf, text: &str| {
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
        };
        for (kind, text) in &self.dictionaries {
            write(dicts.join(kind.file_name()), text)?;
        }
        for (name, text) in &self.documents {
            write(corpus.join(name), text)?;
        }
        Ok(())
    }
}

/// Generates a workload of `entities` entities (at least the curated ones) and about
/// `corpus_bytes` bytes of articles.
pub fn generate(entities: usize, corpus_bytes: usize, seed: u64) -> Result<Workload> {
    let curated_sources: Vec<(PathBuf, EntityKind, &str)> = CURATED
        .iter()
        .map(|(k, t)| (PathBuf::from(k.file_name()), *k, *t))
        .collect();
    let curated = Dictionary::from_sources(&curated_sources)?;

    let mut b = Builder {
        rng: Rng(seed ^ 0x6B67_7261_7068_2121),
        ids: HashSet::new(),
        keys: HashSet::new(),
        entities: Vec::new(),
    };
    for (_, e) in curated.iter() {
        b.ids.insert(e.id.clone());
        for s in e.spellings() {
            b.keys.insert(fold_key(s));
        }
        let ids = |list: &[EntityIdx]| -> Vec<String> {
            list.iter().map(|&i| curated.entity(i).id.clone()).collect()
        };
        b.entities.push(Gen {
            kind: Some(e.kind),
            id: e.id.clone(),
            name: e.name.clone(),
            name_zh: e.name_zh.clone(),
            aliases: e.aliases.clone(),
            roles: e
                .roles
                .iter()
                .map(|r| (r.title.clone(), r.org.map(|o| curated.entity(o).id.clone())))
                .collect(),
            clusters: ids(&e.clusters),
            ..Gen::default()
        });
    }
    let synthetic = entities.saturating_sub(curated.len());
    // Shares of each kind, as in a real dictionary of a development zone.
    let count = |share: f64| ((synthetic as f64) * share).round() as usize;
    let (n_cluster, n_place, n_park, n_org, n_policy, n_person) = (
        count(0.02),
        count(0.03),
        count(0.02),
        count(0.10),
        count(0.05),
        count(0.35),
    );
    let n_company =
        synthetic.saturating_sub(n_cluster + n_place + n_park + n_org + n_policy + n_person);

    let mut synth: Vec<Gen> = Vec::new();
    let mut parents = b.ids_of(EntityKind::Cluster);
    for _ in 0..n_cluster {
        if let Some(g) = b.cluster(&parents) {
            parents.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let mut places = b.ids_of(EntityKind::Place);
    for _ in 0..n_place {
        if let Some(g) = b.place(&places[..places.len().min(20)]) {
            places.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let clusters = b.ids_of(EntityKind::Cluster);
    let mut parks = b.ids_of(EntityKind::Park);
    let zone_parks: Vec<String> = parks.iter().take(3).cloned().collect();
    for _ in 0..n_park {
        if let Some(g) = b.park(&zone_parks, &places, &clusters) {
            parks.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let mut orgs = b.ids_of(EntityKind::Organization);
    for _ in 0..n_org {
        let parents: Vec<String> = orgs.iter().take(50).cloned().collect();
        if let Some(g) = b.organization(&parents, &places) {
            orgs.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let mut companies = b.ids_of(EntityKind::Company);
    for _ in 0..n_company {
        let groups: Vec<String> = companies.iter().take(30).cloned().collect();
        if let Some(g) = b.company(&clusters, &parks, &groups) {
            companies.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let cluster_names: Vec<(String, String, String)> = b
        .entities
        .iter()
        .filter(|e| e.kind == Some(EntityKind::Cluster) && e.name.len() < 40)
        .filter_map(|e| Some((e.id.clone(), e.name.clone(), e.name_zh.clone()?)))
        .collect();
    for _ in 0..n_policy {
        if let Some(g) = b.policy(&orgs, &cluster_names) {
            b.push(g.clone());
            synth.push(g);
        }
    }
    let employers: Vec<String> = orgs.iter().chain(&companies).cloned().collect();
    let first_person = b.entities.len();
    for _ in 0..n_person {
        if let Some(g) = b.person(&employers) {
            b.push(g.clone());
            synth.push(g);
        }
    }
    // A few people share a spelling on purpose (two officials named alike), which the document
    // must decide between.
    let people: Vec<usize> = (first_person..b.entities.len()).collect();
    for pair in people.chunks(200) {
        if let [a, rest @ ..] = pair
            && let Some(c) = rest.last()
        {
            let shared = format!("Dr. {}", b.entities[*a].name);
            if b.claim(&[&shared]) {
                for &i in [a, c] {
                    b.entities[i].aliases.push(shared.clone());
                    b.entities[i].ambiguous.push(shared.clone());
                }
            }
        }
    }
    // The synthetic entities as written (ambiguous aliases included).
    let synth_ids: HashSet<&str> = synth.iter().map(|g| g.id.as_str()).collect();
    let mut dictionaries = Vec::new();
    for (kind, text) in CURATED {
        let mut out = text.to_owned();
        let _ = writeln!(
            out,
            "\n# Synthetic entities written by `kgraph gen --entities {entities} --seed {seed}`."
        );
        for e in b
            .entities
            .iter()
            .filter(|e| e.kind == Some(kind) && synth_ids.contains(e.id.as_str()))
        {
            write_entity(&mut out, e);
        }
        dictionaries.push((kind, out));
    }
    dictionaries.sort_by_key(|(k, _)| EntityKind::ALL.iter().position(|a| a == k));

    let documents = corpus(&mut b, corpus_bytes);
    Ok(Workload {
        dictionaries,
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_valid() {
        let a = generate(600, 60_000, 7).unwrap_or_else(|e| panic!("{e}"));
        let b = generate(600, 60_000, 7).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.documents, b.documents);
        assert_eq!(a.dictionaries, b.dictionaries);
        let dict = a.dictionary().unwrap_or_else(|e| panic!("{e}"));
        assert!(dict.len() >= 590, "{} entities", dict.len());
        assert!(a.corpus_bytes() >= 60_000);
        let c = generate(600, 60_000, 8).unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(a.documents, c.documents);
    }
}
