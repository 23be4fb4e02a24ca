//! Reading documents from files: UTF-8 text checked, one bad file never losing the others.

use std::path::{Path, PathBuf};

use crate::document::DocumentInput;
use crate::error::{DocumentError, DocumentErrorKind, Error, Result};

/// The default size limit of one document, 5 MB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// File extensions read as documents when a directory is given.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md"];

/// Checks that bytes are a usable text document: not empty, not binary, UTF-8, within `limit`.
pub fn check_text(bytes: Vec<u8>, limit: usize) -> Result<String, DocumentErrorKind> {
    if bytes.len() > limit {
        return Err(DocumentErrorKind::TooLarge {
            size: bytes.len(),
            limit,
        });
    }
    // NUL never occurs in text; other control characters (bar tab, form feed and line breaks)
    // are rare enough that a tenth of them means a binary file.
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if bytes.contains(&0) || controls * 10 > bytes.len() {
        return Err(DocumentErrorKind::Binary);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        DocumentErrorKind::InvalidUtf8 { line, offset }
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    if text.trim().is_empty() {
        return Err(DocumentErrorKind::Empty);
    }
    Ok(text)
}

/// Reads one document file. Its id is the file stem.
pub fn read_document(path: &Path, limit: usize) -> Result<DocumentInput, DocumentError> {
    let fail = |kind| DocumentError {
        path: path.to_path_buf(),
        kind,
    };
    let bytes = std::fs::read(path).map_err(|e| fail(DocumentErrorKind::Io(e)))?;
    let text = check_text(bytes, limit).map_err(fail)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(DocumentInput {
        id,
        source: path.display().to_string(),
        text,
        ..DocumentInput::default()
    })
}

/// The document files of a directory (recursively, hidden entries skipped), sorted by path.
pub fn list_documents(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| Error::Io {
            path: d.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::Io {
                path: d.clone(),
                source,
            })?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads every document of a directory. Bad files are returned beside the good ones.
pub fn read_corpus(dir: &Path, limit: usize) -> Result<(Vec<DocumentInput>, Vec<DocumentError>)> {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for path in list_documents(dir)? {
        match read_document(&path, limit) {
            Ok(d) => docs.push(d),
            Err(e) => {
                tracing::warn!("{e}");
                errors.push(e);
            }
        }
    }
    Ok((docs, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_named() {
        assert!(matches!(
            check_text(Vec::new(), 10),
            Err(DocumentErrorKind::Empty)
        ));
        assert!(matches!(
            check_text(b"  \n ".to_vec(), 10),
            Err(DocumentErrorKind::Empty)
        ));
        assert!(matches!(
            check_text(b"a\0b".to_vec(), 10),
            Err(DocumentErrorKind::Binary)
        ));
        assert!(matches!(
            check_text(b"ok\n\xff".to_vec(), 10),
            Err(DocumentErrorKind::InvalidUtf8 { line: 2, offset: 3 })
        ));
        assert!(matches!(
            check_text(vec![b'a'; 11], 10),
            Err(DocumentErrorKind::TooLarge { .. })
        ));
        assert_eq!(
            check_text("\u{feff}亦庄".as_bytes().to_vec(), 100)
                .ok()
                .as_deref(),
            Some("亦庄")
        );
    }
}
