//! Discovery on the seeds: with the dictionaries emptied of everything but the zone itself, the
//! companies, people, organizations, parks and policies the seed tests expect must come back as
//! candidates of the right kind.
//!
//! The expected entities are those of `tests/data/seed_expectations.toml`; where each one is in
//! a seed is what the full dictionaries find there. An entity counts as proposed when a candidate
//! of its kind, proposed as a new entity, either spells it (same normalized key as one of its
//! spellings) or covers one of its mentions: the two spans overlap by at least half of their
//! union.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use graph_core::discover::normalize;
use graph_core::{
    DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, DocumentInput, EntityKind, Extractor, read_document,
};
use serde::Deserialize;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[derive(Deserialize)]
struct Expectations {
    seed: Vec<Seed>,
}

#[derive(Deserialize)]
struct Seed {
    file: String,
    entities: Vec<String>,
}

/// The zone alone: the `bda` entity of the real dictionaries with its spellings, without the
/// clusters and places it refers to.
fn zone_only() -> Dictionary {
    let parks = std::fs::read_to_string(workspace().join("dictionaries/parks.toml")).unwrap();
    let table: toml::Table = parks.parse().unwrap();
    let bda = table["entity"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"].as_str() == Some("bda"))
        .expect("the zone is in parks.toml");
    let mut zone = toml::Table::new();
    for field in ["id", "name", "name_zh", "aliases"] {
        zone.insert(field.into(), bda[field].clone());
    }
    let mut file = toml::Table::new();
    file.insert(
        "entity".into(),
        toml::Value::Array(vec![toml::Value::Table(zone)]),
    );
    let text = toml::to_string(&file).unwrap();
    Dictionary::from_sources(&[(PathBuf::from("parks.toml"), EntityKind::Park, &text)]).unwrap()
}

fn seed(file: &str) -> DocumentInput {
    read_document(
        &workspace().join("seeds").join(file),
        DEFAULT_MAX_DOCUMENT_BYTES,
    )
    .unwrap()
}

#[test]
fn seeds_recall_with_only_the_zone() {
    let full = Extractor::new(
        Dictionary::load_dir(&workspace().join("dictionaries")).expect("the dictionaries load"),
    );
    let zone = Extractor::new(zone_only());
    let expectations: Expectations = toml::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seed_expectations.toml"),
        )
        .unwrap(),
    )
    .unwrap();
    let kinds = [
        EntityKind::Company,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Park,
        EntityKind::Policy,
    ];
    let (mut expected, mut proposed) = (0usize, 0usize);
    let mut missed: Vec<String> = Vec::new();
    for s in &expectations.seed {
        let known = full.extract(seed(&s.file));
        let found = zone.extract(seed(&s.file));
        assert_eq!(known.text, found.text);
        for id in &s.entities {
            let dict = full.dictionary();
            let idx = dict.get(id).unwrap();
            let entity = dict.entity(idx);
            if id == "bda" || !kinds.contains(&entity.kind) {
                continue;
            }
            expected += 1;
            let keys: Vec<String> = entity.spellings().map(normalize).collect();
            let spans: Vec<(usize, usize)> = known
                .mentions
                .iter()
                .filter(|m| m.entity == idx)
                .map(|m| (m.start, m.end))
                .collect();
            let hit = found.candidates.iter().any(|c| {
                c.kind == entity.kind
                    && c.entity.is_none()
                    && (keys.contains(&c.key)
                        || spans.iter().any(|&(a, b)| {
                            let inter = b.min(c.name_end).saturating_sub(a.max(c.name_start));
                            let union = b.max(c.name_end) - a.min(c.name_start);
                            2 * inter >= union
                        }))
            });
            if hit {
                proposed += 1;
            } else {
                missed.push(format!("{} {id} ({})", &s.file[..3], entity.kind));
            }
        }
    }
    let recall = proposed as f64 / expected as f64;
    println!(
        "discovery recall on the seeds with only the zone: {proposed} of {expected} = {:.1}%",
        100.0 * recall
    );
    println!("not proposed: {}", missed.join(", "));
    assert!(recall >= 0.8, "recall {recall:.3} is under 0.8");
}
