//! The review of candidates over GraphQL: the decisions made (`reviews`), what accepting a
//! candidate would add (`Candidate.proposal`), and the mutations that decide (`acceptCandidate`,
//! `addAlias`, `rejectCandidate`, `undoReview`).

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use graph_core::{CandidateGroup, Document, KnowledgeGraph};

use super::entity::EntityView;
use super::error::{invalid_input, not_found};
use crate::filter::Kind;
use crate::review::{self, Decision, NewEntity, Reviewed};

/// What a decision did.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReviewAction {
    /// The candidate became a new entity.
    Accept,
    /// A spelling became an alias of a known entity.
    Alias,
    /// The candidate is no longer proposed.
    Reject,
}

/// A review decision.
pub struct ReviewView(pub Reviewed);

#[Object(name = "Review")]
impl ReviewView {
    /// Its number: what `undoReview` takes.
    async fn id(&self) -> ID {
        ID(self.0.seq.to_string())
    }

    /// What was decided.
    async fn action(&self) -> ReviewAction {
        match self.0.decision {
            Decision::Accept(_) => ReviewAction::Accept,
            Decision::Alias { .. } => ReviewAction::Alias,
            Decision::Reject { .. } => ReviewAction::Reject,
        }
    }

    /// The normalized key of the candidate decided.
    async fn candidate(&self) -> Option<&str> {
        self.0.candidate.as_deref()
    }

    /// The entity added (accept) or given a spelling (alias).
    async fn entity(&self) -> Option<&str> {
        self.0.decision.entity()
    }

    /// The spelling added by an alias decision.
    async fn alias(&self) -> Option<&str> {
        match &self.0.decision {
            Decision::Alias { alias, .. } => Some(alias),
            _ => None,
        }
    }

    /// When it was made (UTC, RFC 3339).
    async fn at(&self) -> String {
        rfc3339(self.0.made_at)
    }

    /// Whether it was undone.
    async fn undone(&self) -> bool {
        self.0.undone_at.is_some()
    }
}

/// Seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    // Days to a civil date (proleptic Gregorian), after H. Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// A role a new person would get.
#[derive(SimpleObject)]
#[graphql(name = "ProposedRole")]
pub struct ProposedRoleView {
    /// The title as written.
    pub title: String,
    /// The organization.
    pub org: Option<EntityView>,
}

/// What accepting a candidate adds unless told otherwise.
pub struct ProposalView {
    g: Arc<KnowledgeGraph>,
    entity: NewEntity,
}

impl ProposalView {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, group: &CandidateGroup) -> ProposalView {
        ProposalView {
            g: g.clone(),
            entity: proposal(g, group),
        }
    }
}

fn proposal(g: &KnowledgeGraph, group: &CandidateGroup) -> NewEntity {
    let docs: Vec<&Document> = g.documents().iter().map(|d| d.as_ref()).collect();
    review::propose(g.dictionary(), &docs, group, |_| false)
}

#[Object(name = "Proposal")]
impl ProposalView {
    /// An id that no entity has.
    async fn id(&self) -> &str {
        &self.entity.id
    }

    /// The kind.
    async fn kind(&self) -> Option<Kind> {
        self.entity.entity_kind().map(Kind::from)
    }

    /// The display name (English where it is written in Latin letters).
    async fn name(&self) -> &str {
        &self.entity.name
    }

    /// The Chinese name.
    async fn name_zh(&self) -> Option<&str> {
        self.entity.name_zh.as_deref()
    }

    /// The other spellings the documents use.
    async fn aliases(&self) -> &[String] {
        &self.entity.aliases
    }

    /// A person's roles at known organizations, as the documents state them.
    async fn roles(&self) -> Vec<ProposedRoleView> {
        self.entity
            .roles
            .iter()
            .map(|r| ProposedRoleView {
                title: r.title.clone(),
                org: self
                    .g
                    .dictionary()
                    .get(&r.org)
                    .map(|idx| EntityView::new(&self.g, idx)),
            })
            .collect()
    }

    /// The page of the document that gives it best, when that is a web page.
    async fn source(&self) -> Option<&str> {
        self.entity.source.as_deref()
    }
}

/// A candidate accepted as a new entity: the candidate's key, and any field to set otherwise
/// than proposed.
#[derive(InputObject)]
#[graphql(name = "AcceptInput")]
pub struct AcceptInput {
    /// The candidate's normalized key (`Candidate.key`).
    pub key: String,
    /// The new entity's id (a slug); proposed from the name when absent.
    pub id: Option<String>,
    /// Its kind; the candidate's when absent.
    pub kind: Option<Kind>,
    /// Its display name.
    pub name: Option<String>,
    /// Its Chinese name.
    pub name_zh: Option<String>,
    /// Its other spellings; the candidate's when absent.
    pub aliases: Option<Vec<String>>,
    /// Ids of the clusters it belongs to.
    pub clusters: Option<Vec<ID>>,
    /// Ids of the parks it is located in.
    pub parks: Option<Vec<ID>>,
    /// A line for readers.
    pub description: Option<String>,
    /// The page where it is confirmed; the best document's page when absent.
    pub source: Option<String>,
}

/// The candidate of key `key` in the snapshot, when the documents give it.
fn candidate<'g>(groups: &'g [CandidateGroup], key: &str) -> Option<&'g CandidateGroup> {
    let folded = graph_core::discover::normalize(key);
    groups
        .iter()
        .find(|c| c.key == key)
        .or_else(|| groups.iter().find(|c| c.key == folded))
        .or_else(|| {
            groups.iter().find(|c| {
                c.names
                    .iter()
                    .any(|(n, _)| graph_core::discover::normalize(n) == folded)
            })
        })
}

impl AcceptInput {
    /// The decision: the proposal for the candidate, with what the input sets instead.
    pub(crate) fn decision(self, g: &KnowledgeGraph) -> Result<(Decision, String)> {
        let groups = graph_core::discover::rank(g.documents().iter().map(|d| d.as_ref()));
        let found = candidate(&groups, &self.key);
        let key = found.map_or_else(
            || graph_core::discover::normalize(&self.key),
            |c| c.key.clone(),
        );
        let mut entity = match found {
            Some(group) => proposal(g, group),
            None => {
                let (Some(name), Some(kind)) = (&self.name, self.kind) else {
                    return Err(not_found(format!(
                        "no candidate with key {:?}; give `name` and `kind` to add it anyway",
                        self.key
                    )));
                };
                NewEntity {
                    id: review::slug(name),
                    kind: graph_core::EntityKind::from(kind).as_str().to_owned(),
                    name: name.clone(),
                    ..NewEntity::default()
                }
            }
        };
        let text = |s: String, field: &str| -> Result<String> {
            let s = s.trim().to_owned();
            if s.is_empty() {
                Err(invalid_input(format!("`{field}` must not be empty")))
            } else {
                Ok(s)
            }
        };
        if let Some(id) = self.id {
            entity.id = text(id, "id")?;
        }
        if let Some(kind) = self.kind {
            entity.kind = graph_core::EntityKind::from(kind).as_str().to_owned();
        }
        if let Some(name) = self.name {
            entity.name = text(name, "name")?;
        }
        if let Some(zh) = self.name_zh {
            let zh = zh.trim().to_owned();
            entity.name_zh = (!zh.is_empty()).then_some(zh);
        }
        if let Some(aliases) = self.aliases {
            entity.aliases = aliases
                .into_iter()
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect();
        }
        if let Some(clusters) = self.clusters {
            entity.clusters = clusters.into_iter().map(|c| c.0).collect();
        }
        if let Some(parks) = self.parks {
            entity.parks = parks.into_iter().map(|p| p.0).collect();
        }
        if let Some(d) = self.description {
            entity.description = Some(d.trim().to_owned()).filter(|d| !d.is_empty());
        }
        if let Some(s) = self.source {
            entity.source = Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            entity.as_of = None;
        }
        // The name and the Chinese name are spellings already.
        entity
            .aliases
            .retain(|a| *a != entity.name && Some(a) != entity.name_zh.as_ref());
        Ok((Decision::Accept(Box::new(entity)), key))
    }
}

/// What a decision did, and the graph after it.
pub struct ReviewResultView {
    pub(crate) g: Arc<KnowledgeGraph>,
    pub(crate) review: Reviewed,
    pub(crate) version: u64,
}

#[Object(name = "ReviewResult")]
impl ReviewResultView {
    /// The decision.
    async fn review(&self) -> ReviewView {
        ReviewView(self.review.clone())
    }

    /// The entity added or given a spelling, as the new graph has it (null once undone away).
    async fn entity(&self) -> Option<EntityView> {
        let id = self.review.decision.entity()?;
        self.g
            .dictionary()
            .get(id)
            .map(|idx| EntityView::new(&self.g, idx))
    }

    /// The graph's version after the decision (`graphChanged` reports the same).
    async fn version(&self) -> u64 {
        self.version
    }
}

/// The review decisions, newest first.
pub(crate) async fn reviews(ctx: &Context<'_>) -> Result<Vec<ReviewView>> {
    let live = super::live(ctx)?;
    let mut all = live.reviews().await.map_err(super::mutation::live_error)?;
    all.reverse();
    Ok(all.into_iter().map(ReviewView).collect())
}
