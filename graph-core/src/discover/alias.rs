//! Variants of known entities: a candidate that is a longer or shorter form of a spelling the
//! dictionaries hold is proposed as a new alias of that entity, not as a new entity.
//!
//! Three shapes: a name that runs on from a mention of an entity of the same kind ("BOE" +
//! "Display", "小米" + "集团"); a name whose key equals a spelling's once articles are dropped
//! ("Yizhuang management committee" holds "management committee", which "the management
//! committee" spells); and a name equal to a spelling but for a generic ending ("Naura Technology
//! Group Co., Ltd." and "Naura Technology", "北方华创科技集团股份有限公司" and "北方华创").

use std::collections::HashMap;

use super::{Doc, Raw, normalize};
use crate::dictionary::{Dictionary, EntityIdx, EntityKind};

/// Generic endings, longest first, that a variant may add or drop.
const ENDINGS: &[&str] = &[
    " co., ltd",
    " co. ltd",
    " company limited",
    " corporation",
    " holdings",
    " group",
    " inc",
    " ltd",
    " limited",
    " company",
    " technology",
    " technologies",
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团",
    "公司",
    "科技",
    "股份",
];

/// Every spelling's key, and its key without generic endings, to the entity that spells it.
/// Keys claimed by two entities are left out: they decide nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct AliasIndex {
    keys: HashMap<String, Option<EntityIdx>>,
    cores: HashMap<String, Option<EntityIdx>>,
}

/// A key without its generic endings (repeatedly: "… group co., ltd" loses both).
pub(crate) fn core(key: &str) -> &str {
    let mut k = key.trim_end_matches(['.', ',', ' ']);
    loop {
        let Some(e) = ENDINGS
            .iter()
            .find(|e| k.len() > e.len() && k.ends_with(**e))
        else {
            return k;
        };
        k = k[..k.len() - e.len()].trim_end_matches(['.', ',', ' ']);
    }
}

impl AliasIndex {
    pub(crate) fn new(dict: &Dictionary) -> AliasIndex {
        let mut index = AliasIndex::default();
        let claim = |map: &mut HashMap<String, Option<EntityIdx>>, key: String, idx: EntityIdx| {
            map.entry(key)
                .and_modify(|e| {
                    if *e != Some(idx) {
                        *e = None;
                    }
                })
                .or_insert(Some(idx));
        };
        for (idx, entity) in dict.iter() {
            for spelling in entity.spellings() {
                let key = normalize(spelling);
                let c = core(&key).to_owned();
                if c.chars().count() >= 2 && c.len() >= 4 {
                    claim(&mut index.cores, c, idx);
                }
                claim(&mut index.keys, key, idx);
            }
        }
        index
    }

    /// The entity the candidate is a variant of, if any.
    pub(crate) fn variant_of(&self, doc: &Doc<'_>, raw: &Raw, key: &str) -> Option<EntityIdx> {
        let same_kind = |e: EntityIdx| doc.dict.kind(e) == raw.kind;
        // Runs on from a mention of the same kind: "BOE" + "Display", "小米" + "集团". Only
        // companies: a park or an organization named after another ("Yizhuang New Town",
        // "亦庄综合保税区") is a new one.
        if raw.name_start < raw.start
            && raw.kind == EntityKind::Company
            && let Some(e) = doc
                .mention_starting_at(raw.name_start)
                .and_then(|t| t.entity)
            && same_kind(e)
        {
            return Some(e);
        }
        let surface = normalize(doc.text.get(raw.start..raw.end).unwrap_or(""));
        for k in [key, surface.as_str()] {
            if let Some(Some(e)) = self.keys.get(k)
                && same_kind(*e)
            {
                return Some(*e);
            }
            let c = core(k);
            if c.len() < k.len()
                && let Some(Some(e)) = self.cores.get(c).or_else(|| self.keys.get(c))
                && same_kind(*e)
                && matches!(raw.kind, EntityKind::Company | EntityKind::Organization)
            {
                return Some(*e);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cores_drop_generic_endings() {
        assert_eq!(core("naura technology group co., ltd"), "naura");
        assert_eq!(core("北方华创科技集团股份有限公司"), "北方华创");
        assert_eq!(core("boe"), "boe");
    }
}
