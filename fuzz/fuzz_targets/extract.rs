//! Arbitrary bytes as a document: reading checks them, extraction with the real dictionaries
//! never panics and every span it returns slices the original text.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use graph_core::{Dictionary, DocumentInput, Extractor, check_text};
use libfuzzer_sys::fuzz_target;

/// Inputs are small; a tighter limit than the default also exercises `TooLarge`.
const LIMIT: usize = 64 * 1024;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dictionaries");
        let dictionary = Dictionary::load_dir(&dir).expect("the shipped dictionaries load");
        Extractor::new(dictionary)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = check_text(data.to_vec(), LIMIT) else {
        return;
    };
    let text = decoded.text;
    let doc = extractor().extract(DocumentInput {
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
    let in_sentence = |sentence: u32| (sentence as usize) < doc.sentences.len();
    for m in &doc.mentions {
        assert!(m.start < m.end, "empty mention {m:?}");
        assert!(
            doc.text.get(m.start..m.end).is_some(),
            "mention {m:?} does not slice a text of {len} bytes on char boundaries"
        );
        assert!(
            in_sentence(m.sentence),
            "mention {m:?} names a missing sentence"
        );
        let s = &doc.sentences[m.sentence as usize];
        assert!(
            s.start <= m.start && m.end <= s.end,
            "mention {m:?} outside {s:?}"
        );
        let _ = doc.surface(m);
    }
    for u in &doc.unresolved {
        assert!(
            doc.text.get(u.start..u.end).is_some(),
            "unresolved {u:?} off the text"
        );
        assert!(
            in_sentence(u.sentence),
            "unresolved {u:?} names a missing sentence"
        );
        assert!(
            !u.candidates.is_empty(),
            "unresolved {u:?} without candidates"
        );
    }
    for r in &doc.relations {
        assert!(
            in_sentence(r.sentence),
            "relation {r:?} names a missing sentence"
        );
    }
    for i in 0..doc.sentences.len() {
        let _ = doc.sentence_text(i as u32);
    }
});
