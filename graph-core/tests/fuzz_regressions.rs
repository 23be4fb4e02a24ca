//! Replays the inputs kept from fuzzing (`fuzz/`, see RELIABILITY.md) through the fuzz targets'
//! code paths: `tests/data/fuzz/dictionary/*` as dictionary TOML of every kind, and
//! `tests/data/fuzz/extract/*` as document bytes checked and extracted with the shipped
//! dictionaries. None may panic, and every span extraction returns must slice the text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use graph_core::corpus::check_text;
use graph_core::{Dictionary, DocumentInput, EntityKind, Extractor};

/// The size limit the `extract` fuzz target checks documents against.
const LIMIT: usize = 64 * 1024;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Runs `f` on every input and fails naming each input that panicked.
fn replay(target: &str, f: impl Fn(&[u8])) {
    let failed: Vec<String> = inputs(target)
        .into_iter()
        .filter(|(_, bytes)| catch_unwind(AssertUnwindSafe(|| f(bytes))).is_err())
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "panicked on {failed:#?}");
}

#[test]
fn dictionary_inputs_load_or_fail_without_panicking() {
    replay("dictionary", |data| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        for kind in EntityKind::ALL {
            let _ = Dictionary::from_sources(&[(PathBuf::from(kind.file_name()), kind, text)]);
        }
        let _ = Dictionary::from_sources(&[
            (PathBuf::from("companies.toml"), EntityKind::Company, text),
            (PathBuf::from("clusters.toml"), EntityKind::Cluster, text),
        ]);
    });
}

#[test]
fn extract_inputs_keep_every_span_on_the_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dictionaries");
    let extractor = Extractor::new(Dictionary::load_dir(&dir).unwrap());
    replay("extract", |data| {
        let Ok(text) = check_text(data.to_vec(), LIMIT) else {
            return;
        };
        let doc = extractor.extract(DocumentInput {
            id: "fuzz".into(),
            source: "fuzz.txt".into(),
            text,
            ..DocumentInput::default()
        });
        let len = doc.text.len();
        for s in &doc.sentences {
            assert!(
                s.start <= s.end && s.end <= len,
                "sentence {s:?} out of 0..{len}"
            );
            assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
        }
        for m in &doc.mentions {
            assert!(m.start < m.end, "empty mention {m:?}");
            assert!(
                doc.text.get(m.start..m.end).is_some(),
                "mention {m:?} off the text"
            );
            let s = &doc.sentences[m.sentence as usize];
            assert!(
                s.start <= m.start && m.end <= s.end,
                "mention {m:?} outside {s:?}"
            );
        }
        for u in &doc.unresolved {
            assert!(
                doc.text.get(u.start..u.end).is_some(),
                "unresolved {u:?} off the text"
            );
            assert!((u.sentence as usize) < doc.sentences.len());
            assert!(!u.candidates.is_empty());
        }
        for r in &doc.relations {
            assert!(
                (r.sentence as usize) < doc.sentences.len(),
                "relation {r:?}"
            );
        }
    });
}
