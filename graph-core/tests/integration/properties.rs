//! Properties of extraction and document reading over arbitrary input.
//!
//! Whatever the text, `Extractor::extract` must not panic, and its mentions must slice the
//! original text on character boundaries, name a spelling of their entity, come in order without
//! overlapping, and sit inside the sentence they claim. `read_document` must not panic on any bytes.

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use graph_core::text::fold_key;
use graph_core::{
    Document, DocumentErrorKind, DocumentInput, EntityKind, Extractor, TextEncoding, read_document,
};
use proptest::prelude::*;

use crate::common::{self, real_extractor};

const COMPANIES: &str = r#"
[[entity]]
id = "boe"
name = "BOE Technology Group"
name_zh = "京东方科技集团"
aliases = ["BOE", "京东方"]
clusters = ["new-display"]

[[entity]]
id = "apex-robotics"
name = "Apex Robotics"
aliases = ["Apex", "顶点"]
ambiguous = ["Apex", "顶点"]
"#;

const ORGANIZATIONS: &str = r#"
[[entity]]
id = "apex-institute"
name = "Apex Institute"
aliases = ["Apex", "頂點"]
ambiguous = ["Apex", "顶点"]

[[entity]]
id = "bda-management-committee"
name = "BDA Management Committee"
name_zh = "北京经开区管委会"
aliases = ["Management Committee of Beijing Economic and Technological Development Zone"]
"#;

const PEOPLE: &str = r#"
[[entity]]
id = "kong-lei"
name = "Kong Lei"
name_zh = "孔磊"

[[entity]]
id = "li-quan"
name = "Li Quan"
name_zh = "李泉"
"#;

const PARKS: &str = r#"
[[entity]]
id = "bda"
name = "Beijing Economic-Technological Development Area"
name_zh = "北京经济技术开发区"
aliases = ["BDA", "亦庄", "经开区", "北京经开区", "Beijing E-Town", "E-Town"]
"#;

const CLUSTERS: &str = r#"
[[entity]]
id = "new-display"
name = "New Display"
name_zh = "新型显示"
"#;

fn small() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| {
        common::extractor(&[
            (EntityKind::Company, COMPANIES),
            (EntityKind::Organization, ORGANIZATIONS),
            (EntityKind::Person, PEOPLE),
            (EntityKind::Park, PARKS),
            (EntityKind::Cluster, CLUSTERS),
        ])
    })
}

fn spellings_of(x: &Extractor) -> Vec<String> {
    x.dictionary()
        .entities()
        .iter()
        .flat_map(|e| e.spellings().map(str::to_owned))
        .collect()
}

fn small_spellings() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| spellings_of(small()))
}

fn real_spellings() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| spellings_of(real_extractor()))
}

/// ASCII to its full-width form, the ideographic space for a space.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A spelling of the dictionary, as written, in another case or in full width.
fn spelling(list: &'static [String]) -> impl Strategy<Value = String> {
    (0..list.len(), 0..4u8).prop_map(move |(i, how)| {
        let s = &list[i];
        match how {
            0 => s.clone(),
            1 => s.to_lowercase(),
            2 => s.to_uppercase(),
            _ => full_width(s),
        }
    })
}

fn piece(list: &'static [String]) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => spelling(list),
        1 => "[a-zA-Z0-9]{1,6}",
        1 => proptest::collection::vec(proptest::char::range('\u{4e00}', '\u{9fff}'), 1..4)
            .prop_map(|v| v.into_iter().collect::<String>()),
        1 => proptest::collection::vec(proptest::char::range('\u{ff01}', '\u{ff5e}'), 1..4)
            .prop_map(|v| v.into_iter().collect::<String>()),
        1 => proptest::collection::vec(proptest::char::range('\u{0}', '\u{9f}'), 1..3)
            .prop_map(|v| v.into_iter().collect::<String>()),
        2 => proptest::sample::select(vec![
            " ", "  ", "\n", "\r\n", "\n\n", "\t", "。", ". ", ", ", "，", "、", "（", "）", "(",
            ")", "“", "”", "\"", "- [ 国内 ] ", " >> ", "\u{3000}", "\u{feff}", "Ltd. ", "No. ",
            ", director of the ", " chairman ", "副书记", "本报记者 ", "Our reporter ",
            "edited by ", "Source: ", "Back to top", "May 17, 2023", "é", "Ω", "ß",
        ])
        .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn mixed_text(list: &'static [String]) -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(list), 0..30).prop_map(|v| v.concat())
}

/// Every invariant a user relies on when reading a document's mentions.
fn check_document(x: &Extractor, doc: &Document) -> Result<(), TestCaseError> {
    let text = doc.text.as_str();
    for (i, s) in doc.sentences.iter().enumerate() {
        prop_assert!(s.start < s.end && s.end <= text.len(), "sentence {i} {s:?}");
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        if i > 0 {
            prop_assert!(doc.sentences[i - 1].end <= s.start, "sentences overlap");
        }
    }
    let mut last_end = 0;
    for (i, m) in doc.mentions.iter().enumerate() {
        prop_assert!(m.start < m.end && m.end <= text.len(), "mention {i} {m:?}");
        prop_assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "mention {m:?} is not on char boundaries"
        );
        let surface = &text[m.start..m.end];
        let entity = x.dictionary().entity(m.entity);
        let key = fold_key(surface);
        prop_assert!(
            entity.spellings().any(|s| fold_key(s) == key),
            "{surface:?} is no spelling of {}",
            entity.id
        );
        prop_assert!(
            m.start >= last_end,
            "mention {i} {m:?} overlaps or precedes the one before it"
        );
        last_end = m.end;
        let s = doc.sentences.get(m.sentence as usize);
        prop_assert!(s.is_some(), "mention {m:?} names a missing sentence");
        let s = s.unwrap();
        prop_assert!(
            s.start <= m.start && m.end <= s.end,
            "mention {m:?} is outside its sentence {s:?}"
        );
    }
    for u in &doc.unresolved {
        prop_assert!(text.is_char_boundary(u.start) && text.is_char_boundary(u.end));
        prop_assert!(u.candidates.len() >= 2, "{u:?}");
        let s = doc.sentences.get(u.sentence as usize);
        prop_assert!(
            s.is_some_and(|s| s.start <= u.start && u.end <= s.end),
            "{u:?}"
        );
        prop_assert!(
            doc.mentions
                .iter()
                .all(|m| m.end <= u.start || m.start >= u.end),
            "unresolved {u:?} overlaps a mention"
        );
    }
    for r in &doc.relations {
        prop_assert!((r.sentence as usize) < doc.sentences.len(), "{r:?}");
        prop_assert!(
            doc.mentions
                .iter()
                .any(|m| m.entity == r.source && m.sentence == r.sentence),
            "relation {r:?} whose source is not named in its sentence"
        );
    }
    Ok(())
}

fn extract(x: &Extractor, text: String) -> Document {
    x.extract(DocumentInput {
        text,
        ..common::input("prop", "")
    })
}

/// Text a file could hold: [`mixed_text`] without the control characters that make a binary file.
fn file_text(list: &'static [String]) -> impl Strategy<Value = String> {
    mixed_text(list).prop_map(|t| {
        t.chars()
            .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn extract_any_string(text in any::<String>()) {
        let x = small();
        let doc = extract(x, text.clone());
        prop_assert_eq!(&doc.text, &text, "the original text is kept unchanged");
        check_document(x, &doc)?;
    }

    #[test]
    fn extract_mixes_of_small_dictionary_spellings(text in mixed_text(small_spellings())) {
        let x = small();
        let doc = extract(x, text);
        check_document(x, &doc)?;
    }

    #[test]
    fn extract_mixes_of_real_dictionary_spellings(text in mixed_text(real_spellings())) {
        let x = real_extractor();
        let doc = extract(x, text);
        check_document(x, &doc)?;
    }

    /// A spelling standing alone in a sentence is found, in any case, width or script.
    #[test]
    fn a_spelling_alone_is_found(s in spelling(small_spellings())) {
        let x = small();
        let text = format!("{s}。");
        let doc = extract(x, text.clone());
        check_document(x, &doc)?;
        let found = doc.mentions.iter().any(|m| m.start == 0 && m.end == s.len())
            || doc.unresolved.iter().any(|u| u.start == 0 && u.end == s.len());
        // Acronyms in another case are rightly not found in a mixed-case text.
        let acronym_in_other_case = x
            .dictionary()
            .entities()
            .iter()
            .flat_map(|e| e.spellings())
            .any(|sp| fold_key(sp) == fold_key(&s) && sp.len() <= 6
                && sp.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && !s.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()));
        prop_assert!(found || acronym_in_other_case, "{text:?} gave {:?}", doc.mentions);
    }

    #[test]
    fn read_document_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512),
                                  limit in 0usize..600) {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "graph-core-prop-{}-{}.txt",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, &bytes).unwrap();
        let result = read_document(&path, limit);
        std::fs::remove_file(&path).unwrap();
        match result {
            Ok(doc) => {
                // The text is the file's, or a decoding that gives the file's bytes back.
                let encoded: Vec<u8> = match doc.encoding {
                    TextEncoding::Utf8 => doc.text.as_bytes().to_vec(),
                    TextEncoding::Gb18030 => {
                        prop_assert!(std::str::from_utf8(&bytes).is_err());
                        encoding_rs::GB18030.encode(&doc.text).0.into_owned()
                    }
                    TextEncoding::Utf16Le => [0xFF, 0xFE].into_iter()
                        .chain(doc.text.encode_utf16().flat_map(u16::to_le_bytes))
                        .collect(),
                    TextEncoding::Utf16Be => [0xFE, 0xFF].into_iter()
                        .chain(doc.text.encode_utf16().flat_map(u16::to_be_bytes))
                        .collect(),
                };
                prop_assert_eq!(&encoded, &bytes);
                prop_assert!(bytes.len() <= limit);
                prop_assert!(!doc.text.contains('\0'));
                let blank = doc.text.trim_start_matches('\u{feff}').trim().is_empty();
                prop_assert!(!blank, "{:?} is blank", doc.text);
                prop_assert_eq!(Path::new(&doc.source), path.as_path());
                prop_assert_eq!(Some(doc.id.as_str()), path.file_stem().and_then(|s| s.to_str()));
            }
            Err(e) => {
                prop_assert_eq!(&e.path, &path);
                match e.kind {
                    DocumentErrorKind::TooLarge { size, limit: l } => {
                        prop_assert_eq!(size, bytes.len());
                        prop_assert_eq!(l, limit);
                        prop_assert!(size > limit);
                    }
                    DocumentErrorKind::InvalidUtf8 { offset, line } => {
                        prop_assert!(bytes.len() <= limit);
                        let err = std::str::from_utf8(&bytes).unwrap_err();
                        prop_assert_eq!(offset, err.valid_up_to());
                        prop_assert_eq!(line, bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1);
                    }
                    DocumentErrorKind::Empty => {
                        // Blank in the encoding it was read in: UTF-8, or UTF-16 after its mark.
                        let text = match encoding_rs::Encoding::for_bom(&bytes) {
                            Some((enc, mark)) if enc != encoding_rs::UTF_8 => {
                                enc.decode_without_bom_handling(&bytes[mark..]).0.into_owned()
                            }
                            _ => std::str::from_utf8(&bytes).unwrap().to_owned(),
                        };
                        let blank = text.trim_start_matches('\u{feff}').trim().is_empty();
                        prop_assert!(blank, "{:?} is not blank", text);
                    }
                    DocumentErrorKind::Binary => {
                        prop_assert!(bytes.len() <= limit);
                        prop_assert!(bytes.iter().any(|&b| b < 0x20), "{:?} has no control byte", bytes);
                    }
                    DocumentErrorKind::Utf16WithoutBom => {
                        prop_assert!(bytes.len() % 2 == 0 && bytes.contains(&0));
                    }
                    DocumentErrorKind::Undecodable { encoding } => {
                        let mark = encoding_rs::Encoding::for_bom(&bytes).map(|(e, _)| e.name());
                        prop_assert_eq!(mark, Some(encoding));
                    }
                    DocumentErrorKind::Io(e) => prop_assert!(false, "I/O error on a file just written: {e}"),
                }
            }
        }
    }

    /// Text read from a file is the text written, and extracts like the same text given directly;
    /// only a blank one is refused.
    #[test]
    fn read_then_extract(text in file_text(small_spellings())) {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "graph-core-prop-extract-{}-{}.txt",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, text.as_bytes()).unwrap();
        let result = read_document(&path, graph_core::DEFAULT_MAX_DOCUMENT_BYTES);
        std::fs::remove_file(&path).unwrap();
        // A byte-order mark stays in the text: offsets are into the file.
        let content = text.as_str();
        if content.trim_start_matches('\u{feff}').trim().is_empty() {
            prop_assert!(
                matches!(&result, Err(e) if matches!(e.kind, DocumentErrorKind::Empty)),
                "{:?} is blank, but reading it gave {:?}", text, result
            );
            return Ok(());
        }
        let input = match result {
            Ok(input) => input,
            Err(e) => return Err(TestCaseError::fail(format!("{text:?} was refused: {e}"))),
        };
        prop_assert_eq!(input.text.as_str(), content);
        let x = small();
        let from_file = x.extract(input);
        check_document(x, &from_file)?;
        let direct = extract(x, content.to_owned());
        prop_assert_eq!(&from_file.sentences, &direct.sentences);
        prop_assert_eq!(&from_file.mentions, &direct.mentions);
        prop_assert_eq!(&from_file.relations, &direct.relations);
    }
}
