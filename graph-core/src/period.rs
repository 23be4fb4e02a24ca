//! Time in the graph's answers: a span of days that counts only the evidence of the documents
//! dated in it, when a relation was first and last seen, and an entity's mentions month by
//! month with the co-mentions of each month.
//!
//! A piece of evidence is dated by its document (published, or the dateline the extractor read):
//! "seen" means "reported", so a relation seen in a span is one the news of that span stated.
//! A document dated only by its month or year counts in a span that shares a day with it.
//! Undated documents count only in an unbounded span.

use std::collections::HashMap;

use crate::graph::{EdgeData, Evidence, KnowledgeGraph};
use crate::text::{Date, PartialDate};
use crate::{DocIdx, EntityIdx, Origin, RelationKind};

/// The days a query counts evidence in, both ends included; an open end is unbounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Period {
    /// The first day, if bounded.
    pub from: Option<Date>,
    /// The last day, if bounded.
    pub to: Option<Date>,
}

impl Period {
    /// Reads `from` and `to` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both ends included: `to` =
    /// `2024` runs to 2024-12-31), as the queries and the command line take them.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Period, PeriodError> {
        Period::parse_named(("from", from), ("to", to))
    }

    /// [`Period::parse`] for a query whose span ends go by other names (`since`/`until` where
    /// `from`/`to` name something else); errors name the fields so.
    pub fn parse_named(
        (from_field, from): (&'static str, Option<&str>),
        (to_field, to): (&'static str, Option<&str>),
    ) -> Result<Period, PeriodError> {
        let from = from.map(|v| parse_date(from_field, v)).transpose()?;
        let to = to.map(|v| parse_date(to_field, v)).transpose()?;
        let period = Period::between(from, to);
        match (from, to) {
            (Some(from), Some(to)) if period.is_empty() => Err(PeriodError::Reversed {
                from_field,
                from,
                to_field,
                to,
            }),
            _ => Ok(period),
        }
    }

    /// Every day: what a query without `from` and `to` counts.
    pub const ALL: Period = Period {
        from: None,
        to: None,
    };

    /// From the first day of `from` to the last day of `to`: `2024` to `2024-06` is
    /// 2024-01-01 ..= 2024-06-30.
    pub fn between(from: Option<PartialDate>, to: Option<PartialDate>) -> Period {
        Period {
            from: from.map(PartialDate::first_day),
            to: to.map(PartialDate::last_day),
        }
    }

    /// Up to and including the last day of `date`: the news as it stood then.
    pub fn as_of(date: PartialDate) -> Period {
        Period::between(None, Some(date))
    }

    /// Whether both ends are open.
    pub fn is_all(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether the end comes before the start (a span of no day).
    pub fn is_empty(&self) -> bool {
        matches!((self.from, self.to), (Some(f), Some(t)) if t < f)
    }

    /// Whether a document of this date counts: its days share one with the span. An undated
    /// document counts only when the span is unbounded.
    pub fn admits(&self, date: Option<PartialDate>) -> bool {
        if self.is_all() {
            return true;
        }
        let Some(date) = date else { return false };
        self.from.is_none_or(|f| date.last_day() >= f)
            && self.to.is_none_or(|t| date.first_day() <= t)
    }
}

/// Why a date or a span was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// A value that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `field` names it.
    #[error("`{field}` must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value:?}")]
    NotADate {
        /// The field or argument, `from`, `to`, `date`…
        field: &'static str,
        /// What it held.
        value: String,
    },
    /// A span that ends before it starts.
    #[error("`{to_field}` ({to}) comes before `{from_field}` ({from})")]
    Reversed {
        /// The name of its start, `from` or `since`.
        from_field: &'static str,
        /// Its start.
        from: PartialDate,
        /// The name of its end, `to` or `until`.
        to_field: &'static str,
        /// Its end.
        to: PartialDate,
    },
}

/// Reads one date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, of the field named `field`.
pub fn parse_date(field: &'static str, value: &str) -> Result<PartialDate, PeriodError> {
    PartialDate::parse_iso(value).ok_or_else(|| PeriodError::NotADate {
        field,
        value: value.to_owned(),
    })
}

/// A month and how many pieces of evidence (or mentions) fall in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonthCount {
    /// The year.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// How many.
    pub count: u32,
}

impl MonthCount {
    /// `YYYY-MM`.
    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// When a relation was reported: the dates of the earliest and the latest document that state
/// it (by first and by last day, so that a document dated only by its year sorts as its span).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    /// The date of the earliest document that states it.
    pub first: Option<PartialDate>,
    /// The date of the latest document that states it.
    pub last: Option<PartialDate>,
}

/// One month of an entity's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineMonth {
    /// The year.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// Its mentions in that month's documents.
    pub mentions: u32,
    /// The documents of that month that mention it.
    pub documents: u32,
    /// The entities named in its sentences that month, most sentences first (then by id).
    pub co_mentions: Vec<(EntityIdx, u32)>,
}

impl TimelineMonth {
    /// `YYYY-MM`.
    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// A relation whose weight moved between the span before and the span asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Growth {
    /// The edge.
    pub edge: crate::EdgeIdx,
    /// Its sentences in the span of the same length just before.
    pub before: u32,
    /// Its sentences in the span asked.
    pub during: u32,
}

/// What changed in a span of dates: what the news named for the first time, what it named more
/// than in the span of the same length before, and what it stopped naming.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The span of the same length just before the one asked.
    pub previous: Period,
    /// Entities first mentioned in the span: the entity, the date of its first document, and
    /// its mentions in the span; most mentions first.
    pub new_entities: Vec<(EntityIdx, PartialDate, u32)>,
    /// Relations read from text whose first document is in the span, heaviest in it first.
    pub new_relations: Vec<Growth>,
    /// Relations read from text that gained most sentences over the span before (new ones
    /// included), most gained first.
    pub growing: Vec<Growth>,
    /// Relations read from text that were stated before the span and not in it, heaviest
    /// before first.
    pub quiet: Vec<Growth>,
}

/// What `changes` reads a span through, built once per graph.
#[derive(Debug, Clone, Default)]
pub(crate) struct TimeIndex {
    /// The dated documents by the first day of their date.
    documents: Vec<(i64, DocIdx)>,
    /// For each document, the edges read from text whose evidence it holds, with the number of
    /// its sentences in each.
    doc_edges: Vec<Vec<(u32, u32)>>,
    /// For each edge, the earliest last day of the dates of its evidence (`i64::MAX` when
    /// none is dated, and for curated edges).
    earliest_end: Vec<i64>,
    /// The edges read from text, heaviest first: (weight, edge).
    edges_by_weight: Vec<(u32, u32)>,
    /// The entities by the first day of their first mention's date, with that date.
    entity_first: Vec<(i64, EntityIdx, PartialDate)>,
}

/// The month a date falls in, when it states one.
fn month_of(date: PartialDate) -> Option<(u16, u8)> {
    date.month.map(|m| (date.year, m))
}

impl KnowledgeGraph {
    /// What changed in a bounded span (see [`Changes`]), `top` of each list. `None` when
    /// either end of the span is open.
    ///
    /// Reads only what the span and the span before touch, through an index of the documents
    /// by date, of the edges by document and of the entities by first mention, built on the
    /// first call; the relations that went quiet are taken heaviest first, and the walk stops
    /// once no lighter relation can enter the list.
    pub fn changes(&self, period: Period, top: usize) -> Option<Changes> {
        use crate::text::when::{add_days, day_number};
        let (from, to) = (period.from?, period.to?);
        let days = day_number(to) - day_number(from) + 1;
        let previous = Period {
            from: add_days(from, -days),
            to: add_days(from, -1),
        };
        let index = self.time_index();
        let before_span = |date: PartialDate| date.last_day() < from;
        let mut changes = Changes {
            previous,
            ..Changes::default()
        };
        // A partial date spans at most a year: a date admitted by either span starts no
        // earlier than a year before the span before.
        let (lo, hi) = (
            previous.from.map_or(i64::MIN, day_number) - 366,
            day_number(to),
        );

        let first = index
            .entity_first
            .partition_point(|e| e.0 < day_number(from) - 366);
        let last = index.entity_first.partition_point(|e| e.0 <= hi);
        for &(_, idx, first_date) in &index.entity_first[first..last] {
            if period.admits(Some(first_date)) && !before_span(first_date) {
                let during = self
                    .mentions_of(idx)
                    .iter()
                    .filter(|&&(doc, _)| period.admits(self.document_date(doc)))
                    .count() as u32;
                changes.new_entities.push((idx, first_date, during));
            }
        }

        // The sentences of each edge in the span and in the span before, from the documents
        // of the two spans (each story once).
        // Keyed by edge index: a fast hash of a small integer (the keys come from the graph).
        let mut during: rustc_hash::FxHashMap<u32, crate::graph::Tally<'_>> = Default::default();
        let mut before: rustc_hash::FxHashMap<u32, crate::graph::Tally<'_>> = Default::default();
        let first = index.documents.partition_point(|d| d.0 < lo);
        let last = index.documents.partition_point(|d| d.0 <= hi);
        for &(_, doc) in &index.documents[first..last] {
            let date = self.document_date(doc);
            let (now, then) = (period.admits(date), previous.admits(date));
            for &(e, n) in index.doc_edges[doc.index()].iter().filter(|_| now || then) {
                if now {
                    during
                        .entry(e)
                        .or_insert_with(|| self.tally())
                        .add_sentences(doc, n);
                }
                if then {
                    before
                        .entry(e)
                        .or_insert_with(|| self.tally())
                        .add_sentences(doc, n);
                }
            }
        }
        let from_day = day_number(from);
        // An edge has sentences before the span when the earliest of its dates ends before it.
        let stated_earlier = |e: u32| index.earliest_end[e as usize] < from_day;
        for (&e, tally) in &during {
            let growth = Growth {
                edge: crate::EdgeIdx(e),
                before: before.get(&e).map_or(0, crate::graph::Tally::total),
                during: tally.total(),
            };
            if !stated_earlier(e) {
                changes.new_relations.push(growth);
            }
            if growth.during > growth.before {
                changes.growing.push(growth);
            }
        }

        // Quiet: stated before the span, not in it. An edge's sentences before the span are
        // at most its weight, so the walk down the weights stops below the last one kept.
        let mut quiet: Vec<Growth> = Vec::new();
        for &(weight, e) in index.edges_by_weight.iter().take_while(|_| top > 0) {
            if quiet.len() >= top && quiet.last().is_some_and(|q| weight < q.before) {
                break;
            }
            if !stated_earlier(e) || during.contains_key(&e) {
                continue;
            }
            let Some(edge) = self.edge(crate::EdgeIdx(e)) else {
                continue;
            };
            let mut earlier = self.tally();
            for &ev in &edge.data.evidence {
                if self.document_date(ev.document).is_some_and(before_span) {
                    earlier.add(ev);
                }
            }
            quiet.push(Growth {
                edge: edge.id,
                before: earlier.total(),
                during: 0,
            });
            quiet.sort_by(|a, b| b.before.cmp(&a.before).then(a.edge.cmp(&b.edge)));
            quiet.truncate(top);
        }
        changes.quiet = quiet;
        Some(self.ranked(changes, top))
    }

    fn time_index(&self) -> &TimeIndex {
        self.time_index.get_or_init(|| {
            use crate::text::when::day_number;
            let mut documents: Vec<(i64, DocIdx)> = (0..self.documents().len() as u32)
                .map(DocIdx)
                .filter_map(|d| Some((day_number(self.document_date(d)?.first_day()), d)))
                .collect();
            documents.sort_unstable();
            let mut doc_edges: Vec<Vec<(u32, u32)>> = vec![Vec::new(); self.documents().len()];
            let mut earliest_end = vec![i64::MAX; self.edge_count()];
            let mut edges_by_weight = Vec::new();
            for e in self.edges() {
                if e.data.origins.contains(Origin::Curated) || e.data.evidence.is_empty() {
                    continue;
                }
                let end = &mut earliest_end[e.id.0 as usize];
                for ev in &e.data.evidence {
                    let list = &mut doc_edges[ev.document.index()];
                    match list.last_mut() {
                        Some((edge, n)) if *edge == e.id.0 => *n += 1,
                        _ => list.push((e.id.0, 1)),
                    }
                    if let Some(d) = self.document_date(ev.document) {
                        *end = (*end).min(day_number(d.last_day()));
                    }
                }
                edges_by_weight.push((e.data.weight(), e.id.0));
            }
            edges_by_weight.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut entity_first: Vec<(i64, EntityIdx, PartialDate)> = self
                .dictionary()
                .iter()
                .filter_map(|(idx, _)| {
                    let first = self
                        .mentions_of(idx)
                        .iter()
                        .filter_map(|&(doc, _)| self.document_date(doc))
                        .min_by_key(|d| d.first_day())?;
                    Some((day_number(first.first_day()), idx, first))
                })
                .collect();
            entity_first.sort_unstable_by_key(|e| (e.0, e.1));
            TimeIndex {
                documents,
                doc_edges,
                earliest_end,
                edges_by_weight,
                entity_first,
            }
        })
    }

    /// The same answer as [`KnowledgeGraph::changes`], by reading every entity's mentions and
    /// every edge's evidence: the definition the indexed version is tested against.
    #[doc(hidden)]
    pub fn changes_reference(&self, period: Period, top: usize) -> Option<Changes> {
        use crate::text::when::{add_days, day_number};
        let (from, to) = (period.from?, period.to?);
        let days = day_number(to) - day_number(from) + 1;
        let previous = Period {
            from: add_days(from, -days),
            to: add_days(from, -1),
        };
        let before_span = |date: PartialDate| date.last_day() < from;
        let mut changes = Changes {
            previous,
            ..Changes::default()
        };
        for (idx, _) in self.dictionary().iter() {
            let dates: Vec<PartialDate> = self
                .mentions_of(idx)
                .iter()
                .filter_map(|&(doc, _)| self.document_date(doc))
                .collect();
            let Some(first) = dates.iter().copied().min_by_key(|d| d.first_day()) else {
                continue;
            };
            if period.admits(Some(first)) && !before_span(first) {
                let during = dates.iter().filter(|&&d| period.admits(Some(d))).count() as u32;
                changes.new_entities.push((idx, first, during));
            }
        }
        for e in self.edges() {
            if e.data.origins.contains(Origin::Curated) || e.data.evidence.is_empty() {
                continue;
            }
            // One pass over the evidence: the sentences of the span before, of the span, and
            // of any day before it.
            let (mut before, mut during, mut earlier) = (self.tally(), self.tally(), self.tally());
            for &ev in &e.data.evidence {
                let date = self.document_date(ev.document);
                if previous.admits(date) {
                    before.add(ev);
                }
                if period.admits(date) {
                    during.add(ev);
                }
                if date.is_some_and(before_span) {
                    earlier.add(ev);
                }
            }
            let (before, during, earlier) = (before.total(), during.total(), earlier.total());
            let growth = Growth {
                edge: e.id,
                before,
                during,
            };
            if during > 0 && earlier == 0 {
                changes.new_relations.push(growth);
            }
            if during > before {
                changes.growing.push(growth);
            }
            if during == 0 && earlier > 0 {
                changes.quiet.push(Growth {
                    before: earlier,
                    ..growth
                });
            }
        }
        Some(self.ranked(changes, top))
    }

    /// The lists of `changes` in their order, `top` of each.
    fn ranked(&self, mut changes: Changes, top: usize) -> Changes {
        let by_name = |i: EntityIdx| &self.entity(i).id;
        changes
            .new_entities
            .sort_by(|a, b| b.2.cmp(&a.2).then_with(|| by_name(a.0).cmp(by_name(b.0))));
        changes.new_entities.truncate(top);
        changes
            .new_relations
            .sort_by(|a, b| b.during.cmp(&a.during).then(a.edge.cmp(&b.edge)));
        changes.new_relations.truncate(top);
        changes.growing.sort_by(|a, b| {
            (b.during - b.before)
                .cmp(&(a.during - a.before))
                .then(a.edge.cmp(&b.edge))
        });
        changes.growing.truncate(top);
        changes
            .quiet
            .sort_by(|a, b| b.before.cmp(&a.before).then(a.edge.cmp(&b.edge)));
        changes.quiet.truncate(top);
        changes
    }

    /// A person's roles over time ([`tenure::tenures`](crate::tenure::tenures)): the
    /// dictionary's roles with their `since`/`until`, and the titles sentences state, each
    /// dated by the documents that state it.
    pub fn tenures_of(&self, person: EntityIdx) -> Vec<crate::tenure::Tenure> {
        let extracted: Vec<crate::tenure::ExtractedRole> = self
            .edges_of(person)
            .into_iter()
            .filter(|e| e.data.kind == RelationKind::Role && e.source == person)
            // Stated by a sentence, not only by the dictionary.
            .filter(|e| e.data.origins.iter().any(|o| o != Origin::Curated))
            .filter_map(|e| {
                Some(crate::tenure::ExtractedRole {
                    title: e.data.label.clone()?,
                    org: Some(e.target),
                    evidence: e
                        .data
                        .evidence
                        .iter()
                        .filter_map(|ev| self.document_date(ev.document))
                        .collect(),
                })
            })
            .collect();
        crate::tenure::tenures(&self.entity(person).roles, &extracted)
    }

    /// A document's date: given, stated in its header, or inferred (see `text::when`).
    pub fn document_date(&self, doc: DocIdx) -> Option<PartialDate> {
        self.documents()
            .get(doc.index())
            .and_then(|d| d.when.map(|w| w.date))
    }

    /// The evidence of documents the period admits, in the order given.
    pub fn evidence_in<'a>(
        &'a self,
        evidence: &'a [Evidence],
        period: Period,
    ) -> impl Iterator<Item = Evidence> + 'a {
        evidence
            .iter()
            .copied()
            .filter(move |ev| period.admits(self.document_date(ev.document)))
    }

    /// An edge's weight counting only the evidence inside the period; a curated edge weighs at
    /// least 1 in any period (the dictionary states it), an edge read from text 0 when no
    /// sentence of the period states it.
    pub fn weight_in(&self, data: &EdgeData, period: Period) -> u32 {
        if period.is_all() {
            return data.weight();
        }
        let n = self.count_once(self.evidence_in(&data.evidence, period));
        if data.origins.contains(Origin::Curated) {
            n.max(1)
        } else {
            n
        }
    }

    /// When the sentences of `evidence` were reported: the first and last document date.
    pub fn seen(&self, evidence: &[Evidence]) -> Seen {
        let mut seen = Seen::default();
        for date in evidence
            .iter()
            .filter_map(|ev| self.document_date(ev.document))
        {
            if seen.first.is_none_or(|f| date.first_day() < f.first_day()) {
                seen.first = Some(date);
            }
            if seen.last.is_none_or(|l| date.last_day() > l.last_day()) {
                seen.last = Some(date);
            }
        }
        seen
    }

    /// The sentences of `evidence` per month, oldest first (documents dated to the month or the
    /// day), a reposted story counted once ([`KnowledgeGraph::count_once`]).
    pub fn months(&self, evidence: impl IntoIterator<Item = Evidence>) -> Vec<MonthCount> {
        let mut months: HashMap<(u16, u8), crate::graph::Tally<'_>> = HashMap::new();
        for ev in evidence {
            if let Some(m) = self.document_date(ev.document).and_then(month_of) {
                months.entry(m).or_insert_with(|| self.tally()).add(ev);
            }
        }
        let mut months: Vec<MonthCount> = months
            .into_iter()
            .map(|((year, month), tally)| MonthCount {
                year,
                month,
                count: tally.total(),
            })
            .collect();
        months.sort_unstable_by_key(|m| (m.year, m.month));
        months
    }

    /// An entity's mentions month by month (documents dated to the month or the day, inside
    /// the period), oldest first, each month with its `top` co-mentions.
    pub fn timeline(&self, entity: EntityIdx, period: Period, top: usize) -> Vec<TimelineMonth> {
        struct Month<'g> {
            mentions: u32,
            documents: u32,
            /// The document of the last mention counted (mentions come grouped by document).
            last: Option<DocIdx>,
            co: HashMap<EntityIdx, crate::graph::Tally<'g>>,
        }
        let empty = || Month {
            mentions: 0,
            documents: 0,
            last: None,
            co: HashMap::new(),
        };
        let mut months: HashMap<(u16, u8), Month<'_>> = HashMap::new();
        let dated = |doc: DocIdx| {
            let date = self.document_date(doc)?;
            period.admits(Some(date)).then_some(())?;
            month_of(date)
        };
        for &(doc, _) in self.mentions_of(entity) {
            if let Some(m) = dated(doc) {
                let month = months.entry(m).or_insert_with(empty);
                month.mentions += 1;
                if month.last != Some(doc) {
                    month.documents += 1;
                    month.last = Some(doc);
                }
            }
        }
        for e in self.edges_of(entity) {
            if e.data.kind != RelationKind::CoMention {
                continue;
            }
            let other = if e.source == entity {
                e.target
            } else {
                e.source
            };
            for ev in &e.data.evidence {
                if let Some(m) = dated(ev.document) {
                    months
                        .entry(m)
                        .or_insert_with(empty)
                        .co
                        .entry(other)
                        .or_insert_with(|| self.tally())
                        .add(*ev);
                }
            }
        }
        let mut out: Vec<TimelineMonth> = months
            .into_iter()
            .map(|((year, month), m)| {
                let mut co: Vec<(EntityIdx, u32)> =
                    m.co.into_iter().map(|(e, t)| (e, t.total())).collect();
                co.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| self.entity(a.0).id.cmp(&self.entity(b.0).id))
                });
                co.truncate(top);
                TimelineMonth {
                    year,
                    month,
                    mentions: m.mentions,
                    documents: m.documents,
                    co_mentions: co,
                }
            })
            .collect();
        out.sort_unstable_by_key(|m| (m.year, m.month));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse_iso(s).unwrap()
    }

    #[test]
    fn a_period_admits_the_documents_that_share_a_day_with_it() {
        let q2 = Period::between(Some(d("2024-04")), Some(d("2024-06")));
        assert!(q2.admits(Some(d("2024-04-01"))));
        assert!(q2.admits(Some(d("2024-06-30"))));
        assert!(!q2.admits(Some(d("2024-07-01"))));
        assert!(!q2.admits(Some(d("2024-03-31"))));
        // A document dated only by its year shares days with every month of it.
        assert!(q2.admits(Some(d("2024"))));
        assert!(!q2.admits(Some(d("2023"))));
        assert!(
            !q2.admits(None),
            "an undated document is outside a bounded span"
        );
        assert!(Period::ALL.admits(None));
        let as_of = Period::as_of(d("2023-12-31"));
        assert!(as_of.admits(Some(d("2019-05-17"))));
        assert!(!as_of.admits(Some(d("2024-01-01"))));
        assert!(Period::between(Some(d("2025")), Some(d("2024"))).is_empty());
    }
}
