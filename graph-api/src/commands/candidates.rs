//! `kgraph candidates`: the names of a corpus the dictionaries do not know, grouped by key and
//! ranked, each with its best evidence; as a table, JSON, or `[[entity]]` tables to paste.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use graph_core::discover::{CandidateGroup, Collision, collisions, rank};
use graph_core::{Candidate, CandidateRole, Dictionary, Document, EntityKind};
use serde::Serialize;

use crate::cli::{CandidatesArgs, CandidatesFormat};
use crate::review;

/// A candidate as `extract --format json` prints it.
#[derive(Debug, Serialize)]
pub struct CandidateReport {
    /// The text as written (`text[start..end]`).
    pub surface: String,
    /// The proposed name: the surface, or the mention it runs on from or into and the surface.
    pub name: String,
    /// The proposed kind.
    pub kind: String,
    /// Byte offset into the file.
    pub start: usize,
    /// Byte offset past the end.
    pub end: usize,
    /// Sentence index.
    pub sentence: u32,
    /// What proposed it.
    pub signals: Vec<String>,
    /// The sum of the signals' weights.
    pub score: u32,
    /// The normalized key.
    pub key: String,
    /// The id of the known entity it is proposed as an alias of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

impl CandidateReport {
    /// The report of one candidate of `doc`.
    pub fn new(dict: &Dictionary, doc: &Document, c: &Candidate) -> CandidateReport {
        CandidateReport {
            surface: c.surface(&doc.text).to_owned(),
            name: c.name(&doc.text).to_owned(),
            kind: c.kind.as_str().to_owned(),
            start: c.start,
            end: c.end,
            sentence: c.sentence,
            signals: c.signals.iter().map(|s| s.as_str().to_owned()).collect(),
            score: c.score,
            key: c.key.clone(),
            entity: c.entity.map(|e| dict.entity(e).id.clone()),
        }
    }
}

/// A role with a candidate at one end or both.
#[derive(Debug, Serialize)]
pub struct CandidateRoleReport {
    /// The person: an entity id, or `candidate:NAME`.
    pub person: String,
    /// The organization: an entity id, or `candidate:NAME`.
    pub org: String,
    /// The title as written.
    pub title: String,
    /// Sentence index.
    pub sentence: u32,
}

impl CandidateRoleReport {
    /// The report of one candidate role of `doc`.
    pub fn new(dict: &Dictionary, doc: &Document, r: &CandidateRole) -> CandidateRoleReport {
        CandidateRoleReport {
            person: crate::review::party(dict, doc, r.person),
            org: crate::review::party(dict, doc, r.org),
            title: r.title.clone(),
            sentence: r.sentence,
        }
    }
}

/// One group as `candidates --format json` prints it.
#[derive(Debug, Serialize)]
struct GroupReport {
    key: String,
    name: String,
    kind: String,
    documents: usize,
    mentions: usize,
    score: u32,
    signals: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    spellings: Vec<String>,
    evidence: Evidence,
    roles: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Evidence {
    document: String,
    sentence: String,
}

/// Lists the candidates of the corpus, or the dictionaries' collisions.
pub fn run(args: CandidatesArgs) -> Result<()> {
    let dictionaries = args.inputs.dictionaries.clone();
    if args.collisions {
        return print_collisions(&dictionaries);
    }
    let kind = match args.kind.as_deref() {
        None => None,
        Some(k) => Some(EntityKind::parse(k).with_context(|| {
            format!(
                "unknown kind {k:?}; expected one of {}",
                EntityKind::ALL.map(|k| k.as_str()).join(", ")
            )
        })?),
    };
    let (extractor, inputs) = match &args.data {
        Some(dir) => {
            super::review::reviewed_inputs(&crate::store::Store::open(dir)?, &args.inputs)?
        }
        None => (
            super::load_extractor(&dictionaries)?,
            super::read_corpus_dir(&args.inputs.corpus)?.0,
        ),
    };
    let documents: Vec<Document> = inputs.into_iter().map(|d| extractor.extract(d)).collect();
    let dict = extractor.dictionary();
    let groups: Vec<CandidateGroup> = rank(&documents)
        .into_iter()
        .filter(|g| kind.is_none_or(|k| g.kind == k) && g.documents >= args.min_documents)
        .filter(|g| !extractor.rejects(&g.key))
        .take(args.limit.unwrap_or(usize::MAX))
        .collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        CandidatesFormat::Table => write_table(&mut out, dict, &documents, &groups)?,
        CandidatesFormat::Json => {
            let reports: Vec<GroupReport> = groups
                .iter()
                .map(|g| group_report(dict, &documents, g))
                .collect();
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "candidates": reports }))?;
            writeln!(out)?;
        }
        CandidatesFormat::Toml => {
            out.write_all(toml_tables(dict, &documents, &groups).as_bytes())?
        }
    }
    out.flush()?;
    Ok(())
}

fn group_report(dict: &Dictionary, docs: &[Document], g: &CandidateGroup) -> GroupReport {
    let doc = &docs[g.best.document];
    GroupReport {
        key: g.key.clone(),
        name: g.name().to_owned(),
        kind: g.kind.as_str().to_owned(),
        documents: g.documents,
        mentions: g.mentions,
        score: g.score,
        signals: g.signals.iter().map(|s| s.as_str().to_owned()).collect(),
        entity: g.entity.map(|e| dict.entity(e).id.clone()),
        spellings: g.names.iter().map(|n| n.0.clone()).collect(),
        evidence: Evidence {
            document: doc.source.clone(),
            sentence: best_sentence(docs, g).to_owned(),
        },
        roles: review::roles_of(dict, &docs.iter().collect::<Vec<_>>(), g)
            .into_iter()
            .map(|(title, org)| format!("{title} @ {org}"))
            .collect(),
    }
}

fn best_sentence<'d>(docs: &'d [Document], g: &CandidateGroup) -> &'d str {
    let doc = &docs[g.best.document];
    doc.candidates
        .get(g.best.candidate)
        .map_or("", |c| doc.sentence_text(c.sentence))
}

fn write_table(
    out: &mut impl std::io::Write,
    dict: &Dictionary,
    docs: &[Document],
    groups: &[CandidateGroup],
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} candidates in {} documents\n",
        groups.len(),
        docs.len()
    )?;
    writeln!(
        out,
        "  {:>4} {:>4} {:<13} {:<44} signals",
        "docs", "seen", "kind", "name"
    )?;
    for g in groups {
        let alias = g
            .entity
            .map(|e| format!(" → alias of {}", dict.entity(e).id))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:>4} {:>4} {:<13} {:<44} {}{alias}",
            g.documents,
            g.mentions,
            g.kind.as_str(),
            g.name(),
            g.signals
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(",")
        )?;
        for (title, org) in review::roles_of(dict, &docs.iter().collect::<Vec<_>>(), g) {
            writeln!(out, "                              role: {title} @ {org}")?;
        }
        let sentence: String = best_sentence(docs, g).chars().take(160).collect();
        writeln!(out, "                              “{sentence}”")?;
    }
    Ok(())
}

/// `[[entity]]` tables by dictionary file (what `review accept` would add), alias proposals as
/// comments naming the entity.
fn toml_tables(dict: &Dictionary, docs: &[Document], groups: &[CandidateGroup]) -> String {
    let refs: Vec<&Document> = docs.iter().collect();
    let mut by_kind: BTreeMap<EntityKind, Vec<&CandidateGroup>> = BTreeMap::new();
    for g in groups {
        by_kind.entry(g.kind).or_default().push(g);
    }
    let mut out = String::new();
    let mut used: Vec<String> = Vec::new();
    for (kind, groups) in by_kind {
        let _ = writeln!(out, "# ---- {} ----\n", kind.file_name());
        for g in groups {
            let _ = writeln!(
                out,
                "# {} document(s), {} mention(s), signals: {}\n# “{}”",
                g.documents,
                g.mentions,
                g.signals
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                best_sentence(docs, g).chars().take(160).collect::<String>()
            );
            if let Some(e) = g.entity {
                let e = dict.entity(e);
                let spellings: toml_edit::Array = g.names.iter().map(|n| n.0.as_str()).collect();
                let _ = writeln!(
                    out,
                    "# alias of {} ({}): aliases += {}\n",
                    e.id, e.defined_at, spellings
                );
                continue;
            }
            let entity = review::propose(dict, &refs, g, |id| used.iter().any(|u| u == id));
            used.push(entity.id.clone());
            let mut list = toml_edit::ArrayOfTables::new();
            list.push(entity.to_table());
            let mut doc = toml_edit::DocumentMut::new();
            doc.insert("entity", toml_edit::Item::ArrayOfTables(list));
            let _ = writeln!(out, "{doc}");
        }
    }
    out
}

fn print_collisions(dir: &std::path::Path) -> Result<()> {
    let mut sources: Vec<(PathBuf, EntityKind, String)> = Vec::new();
    for kind in EntityKind::ALL {
        let path = dir.join(kind.file_name());
        if path.is_file() {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            sources.push((path, kind, text));
        }
    }
    if sources.is_empty() {
        bail!("no dictionary files in {}", dir.display());
    }
    let borrowed: Vec<(PathBuf, EntityKind, &str)> = sources
        .iter()
        .map(|(p, k, t)| (p.clone(), *k, t.as_str()))
        .collect();
    let found: Vec<Collision> = collisions(&borrowed);
    let mut out = std::io::stdout().lock();
    let shared = found.iter().filter(|c| c.declared()).count();
    writeln!(
        out,
        "{} spellings claimed by more than one entity: {} shared on purpose (ambiguous), {} collisions",
        found.len(),
        shared,
        found.len() - shared
    )?;
    for c in &found {
        writeln!(
            out,
            "\n{} {:?}",
            if c.declared() {
                "shared   "
            } else {
                "COLLISION"
            },
            c.spelling
        )?;
        for claim in &c.claims {
            writeln!(
                out,
                "  {:<36} {}:{} ({}){}",
                claim.id,
                claim.file.display(),
                claim.line,
                claim.field,
                if claim.ambiguous {
                    ", marked ambiguous"
                } else {
                    ""
                }
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
