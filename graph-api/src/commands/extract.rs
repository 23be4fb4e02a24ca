//! `kgraph extract FILE...`: the mentions and relations of each document, as JSON or a table.

use std::io::Write as _;

use anyhow::{Result, bail};
use graph_core::{DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, Document, read_document};
use serde::Serialize;

use crate::cli::{ExtractArgs, ExtractFormat};

/// The JSON document `extract --format json` prints.
#[derive(Debug, Serialize)]
pub struct ExtractReport {
    /// One entry per document read.
    pub documents: Vec<DocumentReport>,
}

/// One document's findings.
#[derive(Debug, Serialize)]
pub struct DocumentReport {
    /// The file.
    pub path: String,
    /// The headline.
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `en`, `zh` or `mixed`.
    pub language: String,
    /// What the file was read as: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`. Offsets index
    /// the file for UTF-8 and the UTF-8 decoding of the file otherwise.
    pub encoding: String,
    /// Article sentences.
    pub sentences: usize,
    /// Mentions in text order.
    pub mentions: Vec<MentionReport>,
    /// Relations by sentence.
    pub relations: Vec<RelationReport>,
    /// Spellings of several entities the document did not decide between.
    pub unresolved: Vec<UnresolvedReport>,
    /// Names the dictionaries do not know, in text order.
    pub candidates: Vec<super::candidates::CandidateReport>,
    /// Roles in which the person or the organization is a candidate.
    pub candidate_roles: Vec<super::candidates::CandidateRoleReport>,
}

/// A mention.
#[derive(Debug, Serialize)]
pub struct MentionReport {
    /// Entity id.
    pub entity: String,
    /// Entity kind.
    pub kind: String,
    /// English name.
    pub name: String,
    /// The text as written.
    pub surface: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset past the end.
    pub end: usize,
    /// Sentence index.
    pub sentence: u32,
}

/// A relation.
#[derive(Debug, Serialize)]
pub struct RelationReport {
    /// `CO_MENTION`, `ROLE`, `IN_CLUSTER`.
    pub kind: String,
    /// Source entity id.
    pub source: String,
    /// Target entity id.
    pub target: String,
    /// The role's title.
    pub label: Option<String>,
    /// `extracted` or `inferred`.
    pub origin: String,
    /// Sentence index.
    pub sentence: u32,
    /// The sentence.
    pub evidence: String,
}

/// An unresolved ambiguous spelling.
#[derive(Debug, Serialize)]
pub struct UnresolvedReport {
    /// The text as written.
    pub surface: String,
    /// Byte offset.
    pub start: usize,
    /// Byte offset past the end.
    pub end: usize,
    /// The entity ids that claim it.
    pub candidates: Vec<String>,
}

/// Builds the report of one document.
pub fn report(dict: &Dictionary, path: &str, doc: &Document) -> DocumentReport {
    let id = |i| dict.entity(i).id.clone();
    DocumentReport {
        path: path.to_owned(),
        title: doc.title.clone(),
        date: doc.date.map(|d| d.to_string()),
        language: doc.language.as_str().to_owned(),
        encoding: doc.encoding.as_str().to_owned(),
        sentences: doc.sentences.len(),
        mentions: doc
            .mentions
            .iter()
            .map(|m| {
                let e = dict.entity(m.entity);
                MentionReport {
                    entity: e.id.clone(),
                    kind: e.kind.as_str().to_owned(),
                    name: e.name.clone(),
                    surface: doc.surface(m).to_owned(),
                    start: m.start,
                    end: m.end,
                    sentence: m.sentence,
                }
            })
            .collect(),
        relations: doc
            .relations
            .iter()
            .map(|r| RelationReport {
                kind: r.kind.as_str().to_owned(),
                source: id(r.source),
                target: id(r.target),
                label: r.label.clone(),
                origin: r.origin.as_str().to_owned(),
                sentence: r.sentence,
                evidence: doc.sentence_text(r.sentence).to_owned(),
            })
            .collect(),
        unresolved: doc
            .unresolved
            .iter()
            .map(|u| UnresolvedReport {
                surface: doc.text.get(u.start..u.end).unwrap_or("").to_owned(),
                start: u.start,
                end: u.end,
                candidates: u.candidates.iter().map(|&c| id(c)).collect(),
            })
            .collect(),
        candidates: doc
            .candidates
            .iter()
            .map(|c| super::candidates::CandidateReport::new(dict, doc, c))
            .collect(),
        candidate_roles: doc
            .candidate_roles
            .iter()
            .map(|r| super::candidates::CandidateRoleReport::new(dict, doc, r))
            .collect(),
    }
}

/// Extracts each file; unreadable files are reported and make the exit status non-zero, but the
/// others are still extracted and printed.
pub fn run(args: ExtractArgs) -> Result<()> {
    let extractor = super::load_extractor(&args.dictionaries)?;
    let mut documents = Vec::new();
    let mut failed = 0;
    for path in &args.files {
        match read_document(path, DEFAULT_MAX_DOCUMENT_BYTES) {
            Ok(input) => {
                let doc = extractor.extract(input);
                documents.push(report(
                    extractor.dictionary(),
                    &path.display().to_string(),
                    &doc,
                ));
            }
            Err(e) => {
                eprintln!("kgraph: {e}");
                failed += 1;
            }
        }
    }
    let report = ExtractReport { documents };
    let mut out = std::io::stdout().lock();
    match args.format {
        ExtractFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        ExtractFormat::Table => write_table(&mut out, &report)?,
    }
    out.flush()?;
    if failed > 0 {
        bail!(
            "{failed} of {} documents could not be read",
            args.files.len()
        );
    }
    Ok(())
}

fn write_table(out: &mut impl std::io::Write, report: &ExtractReport) -> std::io::Result<()> {
    for d in &report.documents {
        writeln!(out, "== {}", d.path)?;
        writeln!(out, "title:    {}", d.title.as_deref().unwrap_or("-"))?;
        writeln!(out, "date:     {}", d.date.as_deref().unwrap_or("-"))?;
        writeln!(out, "language: {}   sentences: {}", d.language, d.sentences)?;
        writeln!(out, "encoding: {}", d.encoding)?;
        writeln!(out, "\nmentions ({})", d.mentions.len())?;
        writeln!(
            out,
            "  {:<5} {:<14} {:<36} {:<11} surface",
            "sent", "kind", "entity", "bytes"
        )?;
        for m in &d.mentions {
            writeln!(
                out,
                "  {:<5} {:<14} {:<36} {:<11} {}",
                m.sentence,
                m.kind,
                m.entity,
                format!("{}..{}", m.start, m.end),
                m.surface
            )?;
        }
        let typed: Vec<&RelationReport> = d
            .relations
            .iter()
            .filter(|r| r.kind != "CO_MENTION")
            .collect();
        let co = d.relations.len() - typed.len();
        writeln!(out, "\nrelations ({} typed, {co} co-mentions)", typed.len())?;
        for r in typed {
            writeln!(
                out,
                "  {:<10} {} → {}{} [{}]\n             “{}”",
                r.kind,
                r.source,
                r.target,
                r.label
                    .as_deref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default(),
                r.origin,
                r.evidence
            )?;
        }
        if !d.candidates.is_empty() {
            writeln!(out, "\ncandidates ({})", d.candidates.len())?;
        }
        for c in &d.candidates {
            writeln!(
                out,
                "  {:<5} {:<14} {:<11} {}{} [{}]",
                c.sentence,
                c.kind,
                format!("{}..{}", c.start, c.end),
                c.name,
                c.entity
                    .as_deref()
                    .map(|e| format!(" (alias of {e})"))
                    .unwrap_or_default(),
                c.signals.join(", ")
            )?;
        }
        for r in &d.candidate_roles {
            writeln!(out, "  ROLE       {} → {} ({})", r.person, r.org, r.title)?;
        }
        for u in &d.unresolved {
            writeln!(
                out,
                "  unresolved {:?} at {}..{}: {}",
                u.surface,
                u.start,
                u.end,
                u.candidates.join(" | ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
