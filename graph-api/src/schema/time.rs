//! Time in queries: the `from`/`to` span the relation queries take, and an entity's timeline.

use std::sync::Arc;

use async_graphql::{Object, Result};
use graph_core::{KnowledgeGraph, PartialDate, Period, TimelineMonth};

use super::entity::EntityView;
use super::error::invalid_input;

/// Reads a query's `from` and `to` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both ends included:
/// `to: "2024"` runs to 2024-12-31) into the span its evidence is counted in.
pub(crate) fn parse_period(from: Option<String>, to: Option<String>) -> Result<Period> {
    Period::parse(from.as_deref(), to.as_deref()).map_err(|e| invalid_input(e.to_string()))
}

/// Reads a one-day argument (`YYYY-MM-DD`; `YYYY` or `YYYY-MM` mean their last day).
pub(crate) fn parse_day(field: &'static str, value: &str) -> Result<graph_core::Date> {
    graph_core::period::parse_date(field, value)
        .map(PartialDate::last_day)
        .map_err(|e| invalid_input(e.to_string()))
}

/// The most co-mentions a timeline month lists.
pub(crate) const MAX_TOP: i32 = 50;

/// One month of an entity's timeline.
pub struct TimelineMonthView {
    g: Arc<KnowledgeGraph>,
    month: TimelineMonth,
}

impl TimelineMonthView {
    pub(crate) fn new(g: &Arc<KnowledgeGraph>, month: TimelineMonth) -> Self {
        TimelineMonthView {
            g: g.clone(),
            month,
        }
    }
}

/// One month of an entity's mentions, with whom it was named most that month.
#[Object(name = "TimelineMonth")]
impl TimelineMonthView {
    /// The month, `YYYY-MM`.
    async fn month(&self) -> String {
        self.month.label()
    }

    /// Its mentions in the documents of that month.
    async fn mentions(&self) -> u32 {
        self.month.mentions
    }

    /// The documents of that month that mention it.
    async fn documents(&self) -> u32 {
        self.month.documents
    }

    /// The entities named in a sentence with it that month, most sentences first.
    async fn co_mentions(&self) -> Vec<CoMentionCountView> {
        self.month
            .co_mentions
            .iter()
            .map(|&(entity, sentences)| CoMentionCountView {
                entity: EntityView::new(&self.g, entity),
                sentences,
            })
            .collect()
    }
}

/// An entity named beside another in some sentences of a month.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "CoMentionCount")]
pub struct CoMentionCountView {
    /// The entity.
    pub entity: EntityView,
    /// In how many sentences of the month the two are named together.
    pub sentences: u32,
}

/// One role of a person over time: a tenure of [`graph_core::tenure`].
pub struct TenureView {
    g: Arc<KnowledgeGraph>,
    tenure: graph_core::tenure::Tenure,
}

impl TenureView {
    /// Whether it has no end.
    pub(crate) fn is_open(&self) -> bool {
        self.tenure.until.is_none()
    }
}

/// A role of a person over time: when it began and ended, as the dictionaries and the dated
/// documents tell. One title at one organization, whatever the wording ("Director of the
/// Management Committee", "director", 主任 are one); a title that changes (副主任, then 主任)
/// is two tenures, the first ended by the second.
#[Object(name = "Tenure")]
impl TenureView {
    /// The title (the dictionary's, else the one the documents state most often).
    async fn title(&self) -> &str {
        &self.tenure.title
    }

    /// Where it is held, when known.
    async fn organization(&self) -> Option<EntityView> {
        self.tenure.org.map(|o| EntityView::new(&self.g, o))
    }

    /// When it began: the dictionary's `since`, else the date of the first document that states
    /// it.
    async fn since(&self) -> Option<String> {
        self.tenure.since.map(|d| d.to_string())
    }

    /// When it ended: the dictionary's `until`, else the start of the next role at the same
    /// organization; null while it is held as far as the sources know.
    async fn until(&self) -> Option<String> {
        self.tenure.until.map(|d| d.to_string())
    }

    /// Whether the dictionaries state it.
    async fn curated(&self) -> bool {
        self.tenure.curated
    }

    /// The dates of the documents that state it, oldest first.
    async fn evidence_dates(&self) -> Vec<String> {
        self.tenure.evidence.iter().map(|d| d.to_string()).collect()
    }
}

/// A role held on a day.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "HeldRole")]
pub struct HeldRoleView {
    /// The role.
    pub tenure: TenureView,
    /// Whether it certainly held that day (its known span covers it); false when it only may
    /// have (a start or end known to the month or year only, or no document of it since).
    pub certain: bool,
}

/// The roles of `person` that may hold on `day`, as tenures.
pub(crate) fn held_on(
    g: &Arc<KnowledgeGraph>,
    person: graph_core::EntityIdx,
    day: graph_core::Date,
) -> Vec<HeldRoleView> {
    let tenures = g.tenures_of(person);
    graph_core::tenure::roles_as_of(&tenures, day)
        .into_iter()
        .map(|h| HeldRoleView {
            tenure: TenureView {
                g: g.clone(),
                tenure: tenures[h.tenure].clone(),
            },
            certain: h.certain,
        })
        .collect()
}

/// A person's tenures, in the order they began.
pub(crate) fn tenures(g: &Arc<KnowledgeGraph>, person: graph_core::EntityIdx) -> Vec<TenureView> {
    g.tenures_of(person)
        .into_iter()
        .map(|tenure| TenureView {
            g: g.clone(),
            tenure,
        })
        .collect()
}

/// Two roles of a person that cannot both hold, or a document that dates a role outside its
/// tenure.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "RoleContradiction")]
pub struct RoleContradictionView {
    /// What is wrong, in words.
    pub message: String,
    /// The roles concerned.
    pub roles: Vec<TenureView>,
    /// From when (for two roles at once), if known.
    pub from: Option<String>,
    /// Until when, if known.
    pub to: Option<String>,
}

/// What contradicts in a person's roles.
pub(crate) fn contradictions(
    g: &Arc<KnowledgeGraph>,
    person: graph_core::EntityIdx,
) -> Vec<RoleContradictionView> {
    use graph_core::tenure::Contradiction;
    let tenures = g.tenures_of(person);
    let view = |i: usize| TenureView {
        g: g.clone(),
        tenure: tenures[i].clone(),
    };
    let at = |t: &graph_core::tenure::Tenure| {
        t.org
            .map(|o| format!(" at {}", g.entity(o).name))
            .unwrap_or_default()
    };
    graph_core::tenure::contradictions(&tenures)
        .into_iter()
        .map(|c| match c {
            Contradiction::Ranks { a, b, from, to } => RoleContradictionView {
                message: format!(
                    "{} and {}{} are a post and its deputy, both held at once by the sources",
                    tenures[a].title,
                    tenures[b].title,
                    at(&tenures[a])
                ),
                roles: vec![view(a), view(b)],
                from: from.map(|d| d.to_string()),
                to: to.map(|d| d.to_string()),
            },
            Contradiction::OutsideTenure { tenure, evidence } => RoleContradictionView {
                message: format!(
                    "a document of {evidence} names {}{} outside the dates the dictionary gives",
                    tenures[tenure].title,
                    at(&tenures[tenure])
                ),
                roles: vec![view(tenure)],
                from: Some(evidence.to_string()),
                to: Some(evidence.to_string()),
            },
        })
        .collect()
}

/// A policy's life: the dictionary's dates, the gaps filled from the documents.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "Lifecycle")]
pub struct LifecycleView {
    /// When it was published (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub published: Option<String>,
    /// When it took (or takes) effect; published and effective dates often differ.
    pub effective: Option<String>,
    /// Its last day in force, when it has one.
    pub expires: Option<String>,
    /// When the policy that supersedes it took over.
    pub superseded: Option<String>,
    /// The policy that supersedes it, if the dictionaries name one.
    pub superseded_by: Option<EntityView>,
    /// The policy it supersedes, if any.
    pub supersedes: Option<EntityView>,
    /// The document numbers (文号, such as 京开管发〔2024〕3号) the sentences about it give.
    pub document_numbers: Vec<String>,
    /// Every date the documents state about it, with the sentence that states it, oldest
    /// document first. Where the dictionary gives a date, the dictionary's is the answer above.
    pub stated: Vec<StatedDateView>,
}

/// A moment of a policy's life.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "LifeEvent")]
pub enum LifeEventGql {
    /// Published (issued).
    Published,
    /// Takes effect.
    Effective,
    /// Its last day in force.
    Expires,
}

/// A date of a policy's life that a sentence states.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "StatedDate")]
pub struct StatedDateView {
    /// Which moment.
    pub event: LifeEventGql,
    /// The date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: String,
    /// The sentence that states it.
    pub evidence: super::relation::EvidenceView,
}

/// The lifecycle of a policy entity.
pub(crate) fn lifecycle(g: &Arc<KnowledgeGraph>, policy: graph_core::EntityIdx) -> LifecycleView {
    use graph_core::lifecycle::LifeEvent;
    let stated = g.stated_lifecycle(policy);
    let life = stated.lifecycle;
    let text = |d: Option<PartialDate>| d.map(|d| d.to_string());
    LifecycleView {
        published: text(life.published),
        effective: text(life.effective),
        expires: text(life.expires),
        superseded: text(life.superseded),
        superseded_by: life.successor.map(|i| EntityView::new(g, i)),
        supersedes: g
            .dictionary()
            .entity(policy)
            .supersedes
            .map(|i| EntityView::new(g, i)),
        document_numbers: stated.numbers.iter().map(ToString::to_string).collect(),
        stated: stated
            .stated
            .iter()
            .map(|s| StatedDateView {
                event: match s.event {
                    LifeEvent::Published => LifeEventGql::Published,
                    LifeEvent::Effective => LifeEventGql::Effective,
                    LifeEvent::Expires => LifeEventGql::Expires,
                },
                date: s.date.to_string(),
                evidence: super::relation::EvidenceView::new(g, s.evidence),
            })
            .collect(),
    }
}

/// An entity the news named for the first time in a span.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "NewEntity")]
pub struct NewEntityView {
    /// The entity.
    pub entity: EntityView,
    /// The date of the first document that mentions it.
    pub first_seen: String,
    /// Its mentions in the span.
    pub mentions: u32,
}

/// A relation and its sentences in the span asked and in the span of the same length before.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "RelationChange")]
pub struct RelationChangeView {
    /// The relation, counted in the span asked.
    pub relation: super::relation::RelationView,
    /// Its sentences in the span of the same length just before.
    pub before: u32,
    /// Its sentences in the span asked.
    pub during: u32,
}

/// What changed between two dates.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "Changes")]
pub struct ChangesView {
    /// The span asked, first day.
    pub from: String,
    /// The span asked, last day.
    pub to: String,
    /// The first day of the span of the same length before, which `before` counts in.
    pub previous_from: String,
    /// Entities first mentioned in the span, most mentions first.
    pub new_entities: Vec<NewEntityView>,
    /// Relations read from text first stated in the span, heaviest first.
    pub new_relations: Vec<RelationChangeView>,
    /// Relations read from text that gained most sentences over the span before.
    pub growing: Vec<RelationChangeView>,
    /// Relations read from text stated before the span and not in it ("went quiet"); `before`
    /// counts all their earlier sentences.
    pub quiet: Vec<RelationChangeView>,
}

/// The changes of a bounded span, `first` of each list.
pub(crate) fn changes(
    g: &Arc<KnowledgeGraph>,
    period: Period,
    first: usize,
) -> Option<ChangesView> {
    let c = g.changes(period, first)?;
    let day = |d: Option<graph_core::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let relations = |list: &[graph_core::Growth]| {
        list.iter()
            .map(|growth| RelationChangeView {
                relation: super::relation::RelationView::in_period(g, growth.edge, period),
                before: growth.before,
                during: growth.during,
            })
            .collect()
    };
    Some(ChangesView {
        from: day(period.from),
        to: day(period.to),
        previous_from: day(c.previous.from),
        new_entities: c
            .new_entities
            .iter()
            .map(|&(entity, first_seen, mentions)| NewEntityView {
                entity: EntityView::new(g, entity),
                first_seen: first_seen.to_string(),
                mentions,
            })
            .collect(),
        new_relations: relations(&c.new_relations),
        growing: relations(&c.growing),
        quiet: relations(&c.quiet),
    })
}
