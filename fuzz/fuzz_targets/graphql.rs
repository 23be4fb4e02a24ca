//! Arbitrary bytes as a GraphQL document against the schema and the seed graph: every request is
//! answered (data or errors), never a panic, and the answer serializes to JSON.
#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use graph_api::schema::{KgraphSchema, build_schema, execute};
use graph_core::{DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, Extractor, KnowledgeGraph, read_corpus};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    schema: KgraphSchema,
    graph: Arc<KnowledgeGraph>,
    runtime: tokio::runtime::Runtime,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dict = Dictionary::load_dir(&root.join("dictionaries")).expect("dictionaries load");
        let (docs, errors) =
            read_corpus(&root.join("seeds"), DEFAULT_MAX_DOCUMENT_BYTES).expect("seeds read");
        assert!(errors.is_empty(), "{errors:?}");
        Fixture {
            schema: build_schema(),
            graph: Arc::new(KnowledgeGraph::build(Arc::new(Extractor::new(dict)), docs)),
            runtime: tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("a current-thread runtime"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let f = fixture();
    let response = f
        .runtime
        .block_on(execute(&f.schema, f.graph.clone(), query));
    serde_json::to_string(&response).expect("a response serializes");
});
