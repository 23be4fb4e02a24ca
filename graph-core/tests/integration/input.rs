//! Documents read from files in the encodings people save news in: offsets stay on the text a
//! reader can slice, a decoded file says what it was decoded from, and a file that cannot be read
//! says why in terms of its encoding.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use graph_core::{
    DocumentErrorKind, DocumentInput, EntityKind, Extractor, TextEncoding, read_document,
};

use crate::common;

const COMPANIES: &str = r#"
[[entity]]
id = "boe"
name = "BOE Technology Group"
aliases = ["BOE", "京东方"]
"#;

const PARKS: &str = r#"
[[entity]]
id = "bda"
name = "Beijing Economic-Technological Development Area"
aliases = ["亦庄", "北京经开区"]
"#;

fn extractor() -> Extractor {
    common::extractor(&[(EntityKind::Company, COMPANIES), (EntityKind::Park, PARKS)])
}

/// A file of these bytes in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(bytes: &[u8]) -> TempFile {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "graph-core-input-{}-{}.txt",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }

    fn read(&self) -> Result<DocumentInput, DocumentErrorKind> {
        read_document(&self.0, graph_core::DEFAULT_MAX_DOCUMENT_BYTES).map_err(|e| e.kind)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `(entity id, start, end)` of every mention.
fn spans(x: &Extractor, input: DocumentInput) -> (String, Vec<(String, usize, usize)>) {
    let doc = x.extract(input);
    let spans = doc
        .mentions
        .iter()
        .map(|m| (x.dictionary().entity(m.entity).id.clone(), m.start, m.end))
        .collect();
    (doc.text, spans)
}

#[test]
fn a_utf8_file_with_a_byte_order_mark_keeps_offsets_into_the_file() {
    let bytes = "\u{feff}BOE opened a plant in 亦庄.\nIt makes screens.\n".as_bytes();
    let file = TempFile::new(bytes);
    let input = file.read().unwrap();
    assert_eq!(input.encoding, TextEncoding::Utf8);
    let x = extractor();
    let doc = x.extract(input.clone());
    assert_eq!(doc.title.as_deref(), Some("BOE opened a plant in 亦庄."));
    assert_eq!(
        doc.sentences[0].start, 3,
        "the first sentence starts after the mark"
    );
    let (text, found) = spans(&x, input);
    let yizhuang = 3 + "BOE opened a plant in ".len();
    assert_eq!(
        found,
        [
            ("boe".to_owned(), 3, 6),
            ("bda".to_owned(), yizhuang, yizhuang + 6)
        ]
    );
    // The offsets slice the file's own bytes.
    assert_eq!(&bytes[3..6], b"BOE");
    assert_eq!(&bytes[yizhuang..yizhuang + 6], "亦庄".as_bytes());
    assert_eq!(text.as_bytes(), bytes);
}

#[test]
fn gb18030_and_utf16_files_are_decoded_and_say_so() {
    let text = "京东方在北京经开区建厂。BOE 发布了新屏幕。\n";
    let x = extractor();
    let expected = vec![
        ("boe".to_owned(), 0, 9),
        ("bda".to_owned(), 12, 27),
        ("boe".to_owned(), 36, 39),
    ];
    let gb = encoding_rs::GB18030.encode(text).0.into_owned();
    let mut utf16le = vec![0xFF, 0xFE];
    utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut utf16be = vec![0xFE, 0xFF];
    utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for (bytes, encoding) in [
        (gb, TextEncoding::Gb18030),
        (utf16le, TextEncoding::Utf16Le),
        (utf16be, TextEncoding::Utf16Be),
    ] {
        let input = TempFile::new(&bytes).read().unwrap();
        assert_eq!(input.encoding, encoding);
        let (decoded, found) = spans(&x, input);
        // Offsets index the decoded text.
        assert_eq!(decoded, text, "{encoding}");
        assert_eq!(found, expected, "{encoding}");
    }
}

#[test]
fn files_whose_encoding_cannot_be_told_are_refused_naming_the_problem() {
    let mut no_mark = Vec::new();
    no_mark.extend(
        "BOE opened a plant.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let latin1: Vec<u8> = "La Société Générale a ouvert à côté.\n"
        .chars()
        .map(|c| c as u8)
        .collect();
    let mut broken_utf16 = vec![0xFF, 0xFE];
    broken_utf16.extend("BOE".encode_utf16().flat_map(u16::to_le_bytes));
    broken_utf16.push(b'!');
    for (bytes, words) in [
        (no_mark, &["UTF-16", "byte-order mark"][..]),
        (latin1, &["invalid UTF-8 at line 1", "GB18030"][..]),
        (
            broken_utf16,
            &["UTF-16LE byte-order mark", "not valid UTF-16LE"][..],
        ),
    ] {
        let message = match TempFile::new(&bytes).read() {
            Err(kind) => kind.to_string(),
            Ok(input) => panic!("read as {}: {:?}", input.encoding, input.text),
        };
        for word in words {
            assert!(message.contains(word), "{message:?} lacks {word:?}");
        }
        assert!(!message.contains("binary"), "{message:?}");
    }
}
