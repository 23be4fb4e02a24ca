//! Roles where the person or the organization is a candidate: the role rules of
//! [`crate::relations`], run over a sentence's mentions and candidates together.

use super::{Candidate, CandidateRole, Party};
use crate::dictionary::{Dictionary, EntityIdx, EntityKind};
use crate::document::Mention;
use crate::relations::{SentenceView, Span, role_rules};
use crate::text::Sentence;

/// A mention or a candidate, as the role rules see it.
#[derive(Debug, Clone, Copy)]
struct Item {
    start: usize,
    end: usize,
    kind: EntityKind,
    party: Party,
}

impl Span for Item {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

/// The roles of every sentence that holds a candidate, in which a candidate takes part.
pub(crate) fn candidate_roles(
    dict: &Dictionary,
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
    candidates: &[Candidate],
    publisher: Option<EntityIdx>,
) -> Vec<CandidateRole> {
    let mut out: Vec<CandidateRole> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut c = 0;
    while c < candidates.len() {
        let sentence = candidates[c].sentence;
        let n = candidates[c..]
            .iter()
            .take_while(|x| x.sentence == sentence)
            .count();
        let here = c..c + n;
        c += n;
        let Some(s) = sentences.get(sentence as usize) else {
            continue;
        };
        items.clear();
        let first = mentions.partition_point(|m| m.sentence < sentence);
        items.extend(
            mentions[first..]
                .iter()
                .take_while(|m| m.sentence == sentence)
                .map(|m| Item {
                    start: m.start,
                    end: m.end,
                    kind: dict.kind(m.entity),
                    party: Party::Entity(m.entity),
                }),
        );
        items.extend(here.map(|i| Item {
            start: candidates[i].start,
            end: candidates[i].end,
            kind: candidates[i].kind,
            party: Party::Candidate(i as u32),
        }));
        items.sort_by_key(|i| (i.start, i.end));
        let view = SentenceView {
            text: text.get(s.start..s.end).unwrap_or(""),
            offset: s.start,
            index: sentence,
            mentions: &items,
        };
        role_rules(&view, &|i: &Item| i.kind, &mut |person, org, title| {
            let Some(org) = org.map(|o| o.party).or(publisher.map(Party::Entity)) else {
                return;
            };
            let involves =
                matches!(person.party, Party::Candidate(_)) || matches!(org, Party::Candidate(_));
            let duplicate = out.iter().any(|r| {
                r.person == person.party && r.org == org && r.title.eq_ignore_ascii_case(&title)
            });
            if involves && !duplicate {
                out.push(CandidateRole {
                    person: person.party,
                    org,
                    title,
                    sentence,
                });
            }
        });
    }
    out
}
