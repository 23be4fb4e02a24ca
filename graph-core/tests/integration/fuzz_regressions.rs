//! Replays the inputs kept from fuzzing (`fuzz/`, see RELIABILITY.md) through the fuzz targets'
//! code paths: `tests/data/fuzz/dictionary/*` as dictionary files of every kind, and
//! `tests/data/fuzz/extract/*` as document bytes checked and extracted with the shipped
//! dictionaries. None may panic; every span extraction returns must slice the text; and no input
//! is passed over: bytes that are not UTF-8 go through the same loading as a file on disk, and the
//! documents refused are exactly the ones listed here, for the reason listed.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use graph_core::{Dictionary, DictionaryErrorKind, DocumentInput, EntityKind, Error, check_text};

use crate::common::{data_dir, real_extractor};

/// The size limit the `extract` fuzz target checks documents against.
const LIMIT: usize = 64 * 1024;

/// The extract inputs reading refuses, by file name, with the reason (a `DocumentErrorKind`
/// variant). Every other input must be read and extracted.
const REFUSED: &[(&str, &str)] = &[
    ("handwritten_latin1_not_utf8.txt", "InvalidUtf8"),
    ("handwritten_utf16_no_bom.txt", "Utf16WithoutBom"),
];

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = data_dir("fuzz").join(target);
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
            (p.file_name().unwrap().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

/// Runs `f` on every input and fails naming each input that panicked.
fn replay(target: &str, f: impl Fn(&str, &[u8])) {
    let failed: Vec<String> = inputs(target)
        .into_iter()
        .filter(|(name, bytes)| catch_unwind(AssertUnwindSafe(|| f(name, bytes))).is_err())
        .map(|(name, _)| name)
        .collect();
    assert!(failed.is_empty(), "panicked on {failed:#?}");
}

#[test]
fn dictionary_inputs_load_or_fail_without_panicking() {
    replay("dictionary", |name, data| match std::str::from_utf8(data) {
        Ok(text) => {
            for kind in EntityKind::ALL {
                let _ = Dictionary::from_sources(&[(PathBuf::from(kind.file_name()), kind, text)]);
            }
            let _ = Dictionary::from_sources(&[
                (PathBuf::from("companies.toml"), EntityKind::Company, text),
                (PathBuf::from("clusters.toml"), EntityKind::Cluster, text),
            ]);
        }
        // Bytes that are not text reach a dictionary only as a file: load them as one, and the
        // file must be named as unreadable.
        Err(_) => {
            let dir = std::env::temp_dir().join(format!(
                "graph-core-fuzz-dictionary-{}-{name}",
                std::process::id()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("companies.toml"), data).unwrap();
            let result = Dictionary::load_dir(&dir);
            std::fs::remove_dir_all(&dir).unwrap();
            let Err(Error::Dictionary(errors)) = result else {
                panic!("{name}: bytes that are not UTF-8 loaded as a dictionary");
            };
            assert!(
                errors
                    .errors()
                    .iter()
                    .any(|e| e.file.ends_with("companies.toml")
                        && matches!(e.kind, DictionaryErrorKind::Unreadable(_))),
                "{name}: {errors}"
            );
        }
    });
}

#[test]
fn extract_inputs_are_read_and_keep_every_span_on_the_text() {
    let extractor = real_extractor();
    let refused: std::sync::Mutex<BTreeMap<String, String>> = Default::default();
    replay("extract", |name, data| {
        let text = match check_text(data.to_vec(), LIMIT) {
            Ok(decoded) => decoded.text,
            Err(e) => {
                // The variant's name: what `REFUSED` lists.
                let kind = format!("{e:?}");
                let variant = kind.split(['(', ' ', '{']).next().unwrap_or("").to_owned();
                refused.lock().unwrap().insert(name.to_owned(), variant);
                return;
            }
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
    let refused = refused.into_inner().unwrap();
    let expected: BTreeMap<String, String> = REFUSED
        .iter()
        .map(|(name, kind)| ((*name).to_owned(), (*kind).to_owned()))
        .collect();
    assert_eq!(refused, expected, "the inputs reading refused");
}
