//! Spellings that more than one entity claims, read from dictionary sources as they are.
//!
//! The loader refuses a spelling claimed by two entities unless both mark it `ambiguous`; this
//! report lists both cases, the shared-on-purpose and the refused, with every claimant's file and
//! line, and reads files the loader would refuse for other reasons too.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::dictionary::EntityKind;
use crate::text::fold_key;

/// One entity's claim on a spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The entity's id.
    pub id: String,
    /// The file.
    pub file: PathBuf,
    /// The 1-based line of the entity's `id`.
    pub line: usize,
    /// `name`, `name_zh` or `aliases`.
    pub field: &'static str,
    /// Whether the entity lists the spelling in `ambiguous`.
    pub ambiguous: bool,
}

/// A spelling (by its folded key) and the entities that claim it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The spelling as the first claimant writes it.
    pub spelling: String,
    /// Its folded key.
    pub key: String,
    /// Every claimant, in file and line order.
    pub claims: Vec<Claim>,
}

impl Collision {
    /// Whether every claimant marks it ambiguous: shared on purpose, which the loader accepts.
    pub fn declared(&self) -> bool {
        self.claims.iter().all(|c| c.ambiguous)
    }
}

/// The spellings of `sources` (`(file, kind, text)`, as for [`crate::Dictionary::from_sources`])
/// that more than one entity claims, by key. Files or tables that do not parse are skipped.
pub fn collisions(sources: &[(PathBuf, EntityKind, &str)]) -> Vec<Collision> {
    let mut by_key: BTreeMap<String, (String, Vec<Claim>)> = BTreeMap::new();
    for (file, _, text) in sources {
        let Ok(table) = text.parse::<toml::Table>() else {
            continue;
        };
        let Some(entities) = table.get("entity").and_then(|e| e.as_array()) else {
            continue;
        };
        for entity in entities {
            let Some(id) = entity.get("id").and_then(|v| v.as_str()) else {
                continue;
            };
            let line = text
                .lines()
                .position(|l| {
                    let l = l.trim_start();
                    l.starts_with("id") && l.contains(&format!("\"{id}\""))
                })
                .map_or(1, |i| i + 1);
            let strings = |field: &str| -> Vec<String> {
                match entity.get(field) {
                    Some(toml::Value::String(s)) => vec![s.clone()],
                    Some(toml::Value::Array(a)) => a
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                    _ => Vec::new(),
                }
            };
            let ambiguous: Vec<String> = strings("ambiguous").iter().map(|a| fold_key(a)).collect();
            let mut own: Vec<String> = Vec::new();
            for field in ["name", "name_zh", "aliases"] {
                for spelling in strings(field) {
                    let key = fold_key(&spelling);
                    if key.is_empty() || own.contains(&key) {
                        continue;
                    }
                    own.push(key.clone());
                    let entry = by_key
                        .entry(key.clone())
                        .or_insert_with(|| (spelling.trim().to_owned(), Vec::new()));
                    entry.1.push(Claim {
                        id: id.to_owned(),
                        file: file.clone(),
                        line,
                        field: match field {
                            "name" => "name",
                            "name_zh" => "name_zh",
                            _ => "aliases",
                        },
                        ambiguous: ambiguous.contains(&key),
                    });
                }
            }
        }
    }
    by_key
        .into_iter()
        .filter(|(_, (_, claims))| claims.len() > 1)
        .map(|(key, (spelling, claims))| Collision {
            spelling,
            key,
            claims,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_and_refused_spellings_are_both_reported() {
        let a = "[[entity]]\nid = \"a\"\nname = \"Alpha\"\naliases = [\"AB\", \"Shared\"]\nambiguous = [\"Shared\"]\n";
        let b = "[[entity]]\nid = \"b\"\nname = \"Beta\"\naliases = [\"ab\", \"SHARED\"]\nambiguous = [\"shared\"]\n";
        let found = collisions(&[
            (PathBuf::from("companies.toml"), EntityKind::Company, a),
            (
                PathBuf::from("organizations.toml"),
                EntityKind::Organization,
                b,
            ),
        ]);
        let summary: Vec<(&str, bool, Vec<&str>)> = found
            .iter()
            .map(|c| {
                (
                    c.key.as_str(),
                    c.declared(),
                    c.claims.iter().map(|c| c.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("ab", false, vec!["a", "b"]),
                ("shared", true, vec!["a", "b"])
            ]
        );
        assert_eq!(found[0].claims[0].line, 2);
    }
}
