//! Fixtures every test module shares: paths, dictionaries from TOML text, the real dictionaries
//! and seeds, and the outside programs some tests run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};

use graph_core::{
    DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, Document, DocumentInput, EntityIdx, EntityKind,
    Extractor, KnowledgeGraph, read_document,
};

/// The checkout: `dictionaries/`, `seeds/`.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `graph-core/tests/data/<name>`.
pub fn data_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A dictionary of TOML texts, one per kind, each under its kind's file name.
pub fn dictionary(files: &[(EntityKind, &str)]) -> Dictionary {
    let sources: Vec<(PathBuf, EntityKind, &str)> = files
        .iter()
        .map(|(kind, text)| (PathBuf::from(kind.file_name()), *kind, *text))
        .collect();
    Dictionary::from_sources(&sources).unwrap_or_else(|e| panic!("the test dictionary: {e}"))
}

/// An extractor of TOML texts, one per kind.
pub fn extractor(files: &[(EntityKind, &str)]) -> Extractor {
    Extractor::new(dictionary(files))
}

/// A document with this id and text, nothing else known about it.
pub fn input(id: &str, text: &str) -> DocumentInput {
    DocumentInput {
        id: id.into(),
        text: text.into(),
        ..DocumentInput::default()
    }
}

/// Extracts one text.
pub fn extract(x: &Extractor, text: &str) -> Document {
    x.extract(input("t", text))
}

/// A graph of `(id, text)` documents.
pub fn graph_of(files: &[(EntityKind, &str)], docs: &[(&str, &str)]) -> KnowledgeGraph {
    let inputs = docs.iter().map(|(id, text)| input(id, text)).collect();
    KnowledgeGraph::build(Arc::new(extractor(files)), inputs)
}

/// The shipped dictionaries, loaded afresh.
pub fn real_dictionary() -> Dictionary {
    Dictionary::load_dir(&workspace().join("dictionaries"))
        .unwrap_or_else(|e| panic!("the real dictionaries must load: {e}"))
}

/// The shipped dictionaries compiled, once for all tests.
pub fn real_extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| Extractor::new(real_dictionary()))
}

/// The seed articles as `read_document` reads them, in file order.
pub fn seed_inputs() -> Vec<DocumentInput> {
    let dir = workspace().join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 4,
        "expected the four seed articles in {dir:?}"
    );
    paths
        .iter()
        .map(|p| read_document(p, DEFAULT_MAX_DOCUMENT_BYTES).unwrap())
        .collect()
}

/// The graph of the real dictionaries and the seeds.
pub fn build_seed_graph() -> KnowledgeGraph {
    KnowledgeGraph::build(Arc::new(Extractor::new(real_dictionary())), seed_inputs())
}

/// [`build_seed_graph`], built once for all tests.
pub fn seed_graph() -> &'static KnowledgeGraph {
    static GRAPH: OnceLock<KnowledgeGraph> = OnceLock::new();
    GRAPH.get_or_init(build_seed_graph)
}

/// The index of the entity with this id; a missing id is a broken fixture.
pub fn idx(g: &KnowledgeGraph, id: &str) -> EntityIdx {
    g.entity_by_id(id)
        .unwrap_or_else(|| panic!("no entity {id:?} in the dictionary"))
}

/// Whether `program args` runs and succeeds. When it does not, the test that needs it is skipped
/// with a printed reason (`install` says how to get it), except under `CI=true`, where it fails.
pub fn have(program: &str, args: &[&str], install: &str) -> bool {
    let ok = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} {args:?} does not run, and CI=true requires it ({install})"
        );
        eprintln!("skipping: {program} {args:?} does not run ({install})");
    }
    ok
}

/// Three clusters, two of them under the first, for the small graphs of the export tests.
pub const CLUSTERS: &str = r#"
[[entity]]
id = "hard-tech"
name = "Hard Technology"
name_zh = "硬科技"

[[entity]]
id = "humanoid-robots"
name = "Humanoid Robots"
name_zh = "人形机器人"
parent = "hard-tech"

[[entity]]
id = "integrated-circuits"
name = "Integrated Circuits"
name_zh = "集成电路"
parent = "hard-tech"
"#;

/// One park with both names, for the small graphs of the export tests.
pub const PARKS: &str = r#"
[[entity]]
id = "etown"
name = "Beijing E-Town"
name_zh = "北京经开区"
"#;
