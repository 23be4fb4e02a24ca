//! Which documents a dictionary change can change: after a review decision, an alias added or a
//! reload with one entity edited, only the documents that contain a spelling that came or went
//! are extracted again; every other document keeps its extraction.
//!
//! A document's extraction reads the dictionary through its spellings (the matcher, the
//! ambiguity of shared spellings, discovery's variants of known names) and through each
//! entity's kind and curated links (which decide an ambiguous spelling, and the memberships a
//! mention implies). [`Extractor::reextraction_since`] compares two extractors:
//!
//! - when the entities both have, index by index, differ in anything but their spellings (an id,
//!   a kind, a link, a date), or discovery was turned on or off, every document is affected;
//! - else the affected documents are those whose text, folded as names are folded, contains one
//!   of the spellings that differ (an entity's added or dropped names, those of an entity added
//!   after the others or dropped from the end), or the core a discovered variant is told by
//!   (the spelling without its generic ending: "Naura" for "Naura Technology Group").
//!
//! A document that contains none of those strings cannot match them, so its mentions, its
//! relations and its candidates are what the new extractor would find: the property test of
//! the live graph compares the result with a full re-extraction.

use std::sync::Arc;

use aho_corasick::AhoCorasick;

use crate::dictionary::{Entity, EntityIdx};
use crate::discover::Party;
use crate::discover::{core, normalize, unquoted};
use crate::document::Document;
use crate::extract::Extractor;
use crate::text::fold_key;

/// What a new extractor changes for the documents an earlier one extracted
/// ([`Extractor::reextraction_since`]): which ones to extract again, and how the others'
/// entity indexes move.
#[derive(Debug, Clone)]
pub struct Reextraction {
    scope: Scope,
    /// Each earlier index's entity in the new dictionary, when an entity came or went before the
    /// end (the others move up or down; their order stays); `None`: no index moved.
    renumbered: Option<Vec<Option<EntityIdx>>>,
}

#[derive(Debug, Clone)]
enum Scope {
    /// Every document is extracted as before.
    Nothing,
    /// The documents that contain one of the folded strings of the automaton.
    Spellings(AhoCorasick),
    /// Every document: the change reaches beyond spellings.
    Everything,
}

impl Reextraction {
    fn everything() -> Reextraction {
        Reextraction {
            scope: Scope::Everything,
            renumbered: None,
        }
    }

    /// Whether a document with this text may be extracted differently now.
    pub fn affects(&self, text: &str) -> bool {
        match &self.scope {
            Scope::Nothing => false,
            Scope::Everything => true,
            Scope::Spellings(automaton) => automaton.is_match(&searchable(text)),
        }
    }

    /// Whether no document is affected.
    pub fn is_nothing(&self) -> bool {
        matches!(self.scope, Scope::Nothing)
    }

    /// Whether every document is affected.
    pub fn is_everything(&self) -> bool {
        matches!(self.scope, Scope::Everything)
    }

    /// A document that [`Reextraction::affects`] leaves as it is, numbered as the new dictionary
    /// numbers its entities: the same `Arc` when no index moved, else a copy with its indexes
    /// moved; `None` when it names an entity that is gone (extract it again).
    pub fn carry(&self, doc: &Arc<Document>) -> Option<Arc<Document>> {
        let Some(map) = &self.renumbered else {
            return Some(doc.clone());
        };
        let to = |e: EntityIdx| map.get(e.index()).copied().flatten();
        let mut d = Document::clone(doc);
        for m in &mut d.mentions {
            m.entity = to(m.entity)?;
        }
        for r in &mut d.relations {
            r.source = to(r.source)?;
            r.target = to(r.target)?;
        }
        for u in &mut d.unresolved {
            for c in &mut u.candidates {
                *c = to(*c)?;
            }
        }
        for c in &mut d.candidates {
            if let Some(e) = c.entity {
                c.entity = Some(to(e)?);
            }
        }
        for r in &mut d.candidate_roles {
            for p in [&mut r.person, &mut r.org] {
                if let Party::Entity(e) = p {
                    *e = to(*e)?;
                }
            }
        }
        Some(Arc::new(d))
    }
}

/// A text as the keys are written: quotes dropped, folded ([`fold_key`]: Traditional to
/// Simplified, widths, case, runs of whitespace), " ," closed up as [`normalize`] does.
fn searchable(text: &str) -> String {
    fold_key(&unquoted(text)).replace(" ,", ",")
}

/// Every spelling of an entity as written, matched or shared.
fn all_spellings(e: &Entity) -> impl Iterator<Item = &str> {
    e.spellings().chain(e.ambiguous.iter().map(String::as_str))
}

/// Whether two entities read the same to extraction but for their spellings: `a` of the new
/// dictionary, `b` of the earlier one, whose links `to` numbers as the new one does.
fn same_but_spellings(a: &Entity, b: &Entity, to: &dyn Fn(EntityIdx) -> Option<EntityIdx>) -> bool {
    let links = |x: &[EntityIdx], y: &[EntityIdx]| {
        x.len() == y.len() && x.iter().zip(y).all(|(&x, &y)| Some(x) == to(y))
    };
    let link = |x: Option<EntityIdx>, y: Option<EntityIdx>| {
        x == y.and_then(to) && x.is_some() == y.is_some()
    };
    a.id == b.id
        && a.kind == b.kind
        && links(&a.clusters, &b.clusters)
        && links(&a.located_in, &b.located_in)
        && link(a.parent, b.parent)
        && a.roles.len() == b.roles.len()
        && a.roles.iter().zip(&b.roles).all(|(x, y)| {
            x.title == y.title && x.since == y.since && x.until == y.until && link(x.org, y.org)
        })
        && link(a.issuer, b.issuer)
        && a.number == b.number
        && a.published == b.published
        && a.effective == b.effective
        && a.expires == b.expires
        && link(a.supersedes, b.supersedes)
}

/// Every spelling of an entity, matched or shared, folded.
fn spellings_of(e: &Entity) -> std::collections::BTreeSet<String> {
    all_spellings(e).map(fold_key).collect()
}

/// Which of an entity's spellings changed: as written, those whose fold is in one version only.
fn respelled<'e>(a: &'e Entity, b: &'e Entity) -> Vec<&'e str> {
    // Most entities are untouched: written the same, they fold the same.
    if a.name == b.name
        && a.name_zh == b.name_zh
        && a.aliases == b.aliases
        && a.ambiguous == b.ambiguous
    {
        return Vec::new();
    }
    let (sa, sb) = (spellings_of(a), spellings_of(b));
    let mut out = Vec::new();
    for (e, other) in [(a, &sb), (b, &sa)] {
        out.extend(all_spellings(e).filter(|s| !other.contains(&fold_key(s))));
    }
    // A spelling now shared, or no longer: in both versions, in the other list.
    let shared = |e: &'e Entity| -> std::collections::BTreeSet<String> {
        e.ambiguous.iter().map(|s| fold_key(s)).collect()
    };
    let (ha, hb) = (shared(a), shared(b));
    out.extend(all_spellings(a).filter(|s| ha.contains(&fold_key(s)) != hb.contains(&fold_key(s))));
    out
}

impl Extractor {
    /// Which documents that `earlier` extracted this extractor would extract differently, and
    /// how the entity indexes of the others move.
    pub fn reextraction_since(&self, earlier: &Extractor) -> Reextraction {
        if self.discovers() != earlier.discovers() {
            return Reextraction::everything();
        }
        let (now, then) = (self.dictionary(), earlier.dictionary());
        // Each earlier entity's index now, by id; the order of those that stay must not change.
        let map: Vec<Option<EntityIdx>> = then.iter().map(|(_, e)| now.get(&e.id)).collect();
        let mut last = None;
        for &i in map.iter().flatten() {
            if last.is_some_and(|l| l >= i) {
                return Reextraction::everything();
            }
            last = Some(i);
        }
        let moved = map
            .iter()
            .enumerate()
            .any(|(i, m)| *m != Some(EntityIdx(i as u32)));
        let to = |e: EntityIdx| map.get(e.index()).copied().flatten();
        let mut changed: Vec<&str> = Vec::new();
        let mut kept = vec![false; now.len()];
        for (i, b) in then.iter() {
            match to(i) {
                Some(j) => {
                    kept[j.index()] = true;
                    let a = now.entity(j);
                    if !same_but_spellings(a, b, &to) {
                        return Reextraction::everything();
                    }
                    changed.extend(respelled(a, b));
                }
                None => changed.extend(all_spellings(b)),
            }
        }
        for (j, a) in now.iter() {
            if !kept[j.index()] {
                changed.extend(all_spellings(a));
            }
        }
        let mut keys: Vec<String> = Vec::new();
        for s in changed {
            let key = normalize(s);
            keys.push(core(&key).to_owned());
            keys.push(key);
            keys.push(fold_key(s));
        }
        keys.retain(|k| !k.is_empty());
        keys.sort_unstable();
        keys.dedup();
        let scope = if keys.is_empty() {
            Scope::Nothing
        } else {
            match AhoCorasick::new(&keys) {
                Ok(automaton) => Scope::Spellings(automaton),
                // Past the automaton's limits (never for a review's handful of names): read all.
                Err(_) => return Reextraction::everything(),
            }
        };
        Reextraction {
            scope,
            renumbered: moved.then_some(map),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::{Dictionary, EntityKind};

    fn extractor(companies: &str) -> Extractor {
        let dictionary = Dictionary::from_sources(&[(
            PathBuf::from("companies.toml"),
            EntityKind::Company,
            companies,
        )])
        .unwrap_or_else(|e| panic!("{e}"));
        Extractor::new(dictionary)
    }

    const BASE: &str = "[[entity]]\nid = \"boe\"\nname = \"BOE\"\naliases = [\"京东方\"]\n";

    #[test]
    fn an_added_alias_affects_the_texts_that_contain_it_in_any_form() {
        let before = extractor(BASE);
        let after = extractor(
            "[[entity]]\nid = \"boe\"\nname = \"BOE\"\naliases = [\"京东方\", \"BOE Display\"]\n",
        );
        let changes = after.reextraction_since(&before);
        assert!(changes.affects("The new BOE  Display plant opened."));
        assert!(changes.affects("“boe display” is growing."));
        assert!(!changes.affects("BOE opened a plant. 京东方在亦庄。"));
        assert!(after.reextraction_since(&after).is_nothing());
    }

    #[test]
    fn an_entity_added_after_the_others_affects_its_spellings_and_its_core() {
        let before = extractor(BASE);
        let after = extractor(&format!(
            "{BASE}[[entity]]\nid = \"naura\"\nname = \"Naura Technology Group\"\nname_zh = \"北方華創\"\n"
        ));
        let changes = after.reextraction_since(&before);
        assert!(
            changes.affects("北方华创 signed."),
            "Traditional folds to Simplified"
        );
        assert!(
            changes.affects("Naura Technology opened a lab."),
            "the core: naura"
        );
        assert!(!changes.affects("BOE opened a lab."));
        // Dropped again (an undone decision): the same documents.
        assert!(before.reextraction_since(&after).affects("Naura signed."));
    }

    #[test]
    fn a_change_beyond_spellings_affects_every_document() {
        let with_cluster = |companies: &str| {
            let dictionary = Dictionary::from_sources(&[
                (
                    PathBuf::from("clusters.toml"),
                    EntityKind::Cluster,
                    "[[entity]]\nid = \"displays\"\nname = \"new displays\"\n",
                ),
                (
                    PathBuf::from("companies.toml"),
                    EntityKind::Company,
                    companies,
                ),
            ])
            .unwrap_or_else(|e| panic!("{e}"));
            Extractor::new(dictionary)
        };
        let before = with_cluster(BASE);
        let linked = with_cluster(&format!("{BASE}clusters = [\"displays\"]\n"));
        assert!(linked.reextraction_since(&before).is_everything());
        let off = Extractor::with_discovery(before.dictionary().clone(), false);
        assert!(off.reextraction_since(&before).is_everything());
    }

    #[test]
    fn entities_that_move_keep_the_documents_that_do_not_spell_the_change() {
        let before = extractor(BASE);
        // "aaa" sorts before "boe": BOE's index moves from 0 to 1.
        let after = extractor(&format!(
            "[[entity]]\nid = \"aaa\"\nname = \"Aaa Optics\"\n{BASE}"
        ));
        let changes = after.reextraction_since(&before);
        assert!(!changes.affects("BOE opened a plant."));
        let doc = Arc::new(before.extract(crate::DocumentInput {
            id: "d".into(),
            text: "BOE opens a plant\n\nBOE opened a plant in Beijing.\n".into(),
            ..Default::default()
        }));
        let carried = changes
            .carry(&doc)
            .unwrap_or_else(|| panic!("BOE is still there"));
        let boe = after
            .dictionary()
            .get("boe")
            .unwrap_or_else(|| panic!("boe"));
        assert_eq!(boe.index(), 1);
        assert!(!carried.mentions.is_empty());
        assert!(carried.mentions.iter().all(|m| m.entity == boe));
        // Dropped: a document that names it cannot be carried.
        let gone = extractor("[[entity]]\nid = \"aaa\"\nname = \"Aaa Optics\"\n");
        assert!(gone.reextraction_since(&before).carry(&doc).is_none());
    }

    /// Optional spellings and entities; a dictionary is a choice of them.
    const OPTIONAL: &[(&str, &str)] = &[
        ("boe", "BOE Display"),
        ("boe", "京東方科技"),
        ("boe", "Lighthouse Display Works"),
        ("naura", "Naura"),
        ("naura", "北方华创"),
        ("xiaomi", "Xiaomi Group"),
        ("xiaomi", "小米集团"),
    ];

    /// Written for this test.
    const TEXTS: &[&str] = &[
        "BOE Display grows\n\nBOE Display opened a line in Beijing E-Town. Naura Technology Group signed beside it.\n",
        "京东方科技在亦庄\n\n京東方科技集团与北方华创科技集团股份有限公司签约。小米集团副总裁王明出席。\n",
        "Lighthouse Display Works hires\n\nLighthouse Display Works, a maker of panels, will hire 300 engineers, said Zhang Hua, chairman of Naura.\n",
        "The zone grows\n\nXiaomi Group and BOE expanded their plants, and the Starlight Robotics Co., Ltd. opened a lab.\n",
        "Policies for the zone\n\nThe zone launched measures for robot makers on Tuesday.\n",
    ];

    fn chosen(entities: [bool; 2], spellings: &[bool]) -> Extractor {
        let aliases = |id: &str| -> String {
            OPTIONAL
                .iter()
                .zip(spellings)
                .filter(|((e, _), on)| *e == id && **on)
                .map(|((_, s), _)| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut toml = format!(
            "[[entity]]\nid = \"boe\"\nname = \"BOE\"\naliases = [{}]\n",
            aliases("boe")
        );
        if entities[0] {
            toml += &format!(
                "[[entity]]\nid = \"naura\"\nname = \"Naura Technology Group\"\naliases = [{}]\n",
                aliases("naura")
            );
        }
        if entities[1] {
            toml += &format!(
                "[[entity]]\nid = \"xiaomi\"\nname = \"Xiaomi\"\naliases = [{}]\n",
                aliases("xiaomi")
            );
        }
        extractor(&toml)
    }

    /// What a document's extraction holds, indexes written as ids.
    fn seen(ex: &Extractor, d: &Document) -> String {
        let id = |e: EntityIdx| ex.dictionary().entity(e).id.clone();
        let mentions: Vec<_> = d
            .mentions
            .iter()
            .map(|m| (id(m.entity), m.start, m.end))
            .collect();
        let relations: Vec<_> = d
            .relations
            .iter()
            .map(|r| {
                (
                    id(r.source),
                    id(r.target),
                    r.kind,
                    r.label.clone(),
                    r.sentence,
                )
            })
            .collect();
        let candidates: Vec<_> = d
            .candidates
            .iter()
            .map(|c| (c.start, c.end, c.key.clone(), c.entity.map(id)))
            .collect();
        format!(
            "{mentions:?} {relations:?} {candidates:?} {:?}",
            d.candidate_roles.len()
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Any change of spellings and entities between two dictionaries: the documents it
        /// leaves carried, the others extracted again, are what extracting every one gives.
        #[test]
        fn carried_or_extracted_again_is_extracted_from_scratch(
            before in proptest::array::uniform2(proptest::bool::ANY),
            after in proptest::array::uniform2(proptest::bool::ANY),
            spellings_before in proptest::collection::vec(proptest::bool::ANY, OPTIONAL.len()),
            spellings_after in proptest::collection::vec(proptest::bool::ANY, OPTIONAL.len()),
        ) {
            let (a, b) = (chosen(before, &spellings_before), chosen(after, &spellings_after));
            let changes = b.reextraction_since(&a);
            for (i, text) in TEXTS.iter().enumerate() {
                let input = || crate::DocumentInput {
                    id: format!("d{i}"),
                    text: (*text).to_owned(),
                    ..Default::default()
                };
                let fresh = b.extract(input());
                let earlier = Arc::new(a.extract(input()));
                let kept = (!changes.affects(text)).then(|| changes.carry(&earlier)).flatten();
                if let Some(kept) = kept {
                    proptest::prop_assert_eq!(seen(&b, &kept), seen(&b, &fresh), "document {}", i);
                }
            }
        }
    }
}
