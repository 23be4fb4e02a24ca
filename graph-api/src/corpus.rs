//! The operator's files as clients see them: corpus directories read with sources that name no
//! directory of this machine.

use std::path::Path;

use graph_core::{DEFAULT_MAX_DOCUMENT_BYTES, DocumentError, DocumentInput, read_corpus};

/// Reads every document of a corpus directory, as [`read_corpus`] does, each with its `source`
/// made fit for clients by [`client_source`].
pub fn read(dir: &Path) -> graph_core::Result<(Vec<DocumentInput>, Vec<DocumentError>)> {
    // The ingest limit is for what clients send; the corpus is the operator's own files.
    let (mut docs, errors) = read_corpus(dir, DEFAULT_MAX_DOCUMENT_BYTES)?;
    for d in &mut docs {
        d.source = client_source(Path::new(&d.source), Some(dir));
    }
    Ok((docs, errors))
}

/// How a local file is named to clients: as given when that is a relative path inside the working
/// directory; relative to the working directory when it lies inside it; else relative to `base`;
/// else by its file name alone. Never an absolute path: a client has no business knowing how this
/// machine's disks are laid out.
pub fn client_source(path: &Path, base: Option<&Path>) -> String {
    if path.is_relative() && !path.starts_with("..") {
        return path.display().to_string();
    }
    let absolute = |p: &Path| lexical(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
    let file = absolute(path);
    let under = |dir: &Path| {
        file.strip_prefix(absolute(dir))
            .ok()
            .filter(|rest| !rest.as_os_str().is_empty())
            .map(|rest| rest.display().to_string())
    };
    std::env::current_dir()
        .ok()
        .and_then(|cwd| under(&cwd))
        .or_else(|| base.and_then(under))
        .or_else(|| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
}

/// `path` with its `.` and `..` components resolved by their names (no symbolic link is
/// followed): `std::path::absolute` keeps them, and `/a/b/../c` must not count as inside `/a/b`.
fn lexical(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_never_absolute() {
        let cwd = std::env::current_dir().unwrap_or_default();
        let cases = [
            (Path::new("seeds/a.txt").to_path_buf(), None, "seeds/a.txt"),
            (cwd.join("today/a.txt"), None, "today/a.txt"),
            (
                Path::new("/nowhere/archive/2024/a.txt").to_path_buf(),
                Some(Path::new("/nowhere/archive")),
                "2024/a.txt",
            ),
            (
                Path::new("/nowhere/else/b.txt").to_path_buf(),
                None,
                "b.txt",
            ),
            (Path::new("../up/c.txt").to_path_buf(), None, "c.txt"),
        ];
        for (path, base, want) in cases {
            assert_eq!(client_source(&path, base), want, "{}", path.display());
        }
    }
}
