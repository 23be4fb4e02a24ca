//! Arbitrary bytes as a GraphQL document against the schema and the seed graph: every request is
//! answered (data or errors), never a panic, and the answer serializes to JSON. Each runs within
//! a budget, as the server's requests do (10 s, the default answer limit).
#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use std::time::Duration;

use graph_api::schema::budget::{self, Budget, DEFAULT_MAX_ANSWER_BYTES};
use graph_api::schema::{KgraphSchema, Snapshot, build_schema};
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
                .enable_time()
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
    let request = async_graphql::Request::new(query).data(Snapshot(f.graph.clone()));
    let budget = Budget::new(Duration::from_secs(10), DEFAULT_MAX_ANSWER_BYTES);
    let response = f
        .runtime
        .block_on(budget::run(&f.schema, request, budget));
    serde_json::to_string(&response).expect("a response serializes");
});
