//! Reading documents from files, each through the text check of [`crate::input`], one bad file
//! never losing the others.

use std::path::{Path, PathBuf};

use crate::document::DocumentInput;
use crate::error::{DocumentError, DocumentErrorKind, Error, Result};
use crate::input::check_text;

/// The default size limit of one document, 5 MB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// File extensions read as documents when a directory is given.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md"];

/// Reads one document file. Its id is the file stem.
pub fn read_document(path: &Path, limit: usize) -> Result<DocumentInput, DocumentError> {
    let fail = |kind| DocumentError {
        path: path.to_path_buf(),
        kind,
    };
    let bytes = std::fs::read(path).map_err(|e| fail(DocumentErrorKind::Io(e)))?;
    let decoded = check_text(bytes, limit).map_err(fail)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(DocumentInput {
        id,
        source: path.display().to_string(),
        text: decoded.text,
        encoding: decoded.encoding,
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
