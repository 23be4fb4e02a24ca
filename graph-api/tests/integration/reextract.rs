//! Dictionary edits reach only the documents they can change: after a review decision or a
//! reload, the documents that contain a spelling that came or went are extracted again and the
//! others keep their extraction (counted by `Live::extracted`), and the graph is the one a full
//! re-extraction gives.

use std::path::Path;
use std::sync::Arc;

use graph_api::live::{Live, LiveConfig};
use graph_api::review::{Decision, NewEntity, Reviewed, reviewed_dictionary};
use graph_api::store::Store;
use graph_core::{Extractor, KnowledgeGraph};

use crate::common::{copy_dir, root, scratch};

/// Written for this test. Two articles name the display maker, one names Lumen Robotics in
/// Traditional characters, the others neither.
const ARTICLES: &[(&str, &str)] = &[
    (
        "a-display",
        "Lighthouse Display Works expands\n\nLighthouse Display Works opened a panel line in Beijing E-Town on Monday. BOE supplies its glass.\n",
    ),
    (
        "b-display",
        "Panels in Yizhuang\n\nThe zone said Lighthouse Display Works will hire 300 engineers. Xiaomi and BOE signed beside it.\n",
    ),
    (
        "c-robots",
        "機器人企業落戶亦庄\n\n流明機器人在北京經濟技術開發區設立研發中心。北京经开区管委会表示欢迎。\n",
    ),
    (
        "d-zone",
        "The zone grows\n\nBeijing E-Town opened a new biomedicine park, and BOE and Xiaomi expanded their plants there.\n",
    ),
    (
        "e-zone",
        "Policies for the zone\n\nThe Management Committee of Beijing E-Town launched measures for robot makers on Tuesday.\n",
    ),
];

/// What a user sees of a graph: every document's mentions, relations and candidates, and every
/// edge with its evidence.
fn picture(graph: &KnowledgeGraph) -> String {
    let mut out = String::new();
    for d in graph.documents() {
        out.push_str(&format!(
            "{} {:?} {:?} {:?} {:?} {:?}\n",
            d.id, d.mentions, d.relations, d.candidates, d.candidate_roles, d.unresolved
        ));
    }
    for e in graph.edges() {
        let ends = (
            graph.entity(e.source).id.as_str(),
            graph.entity(e.target).id.as_str(),
        );
        out.push_str(&format!(
            "{ends:?} {} {} {:?} {:?}\n",
            e.data.kind.as_str(),
            e.data.origin.as_str(),
            e.data.label,
            e.data.evidence
        ));
    }
    out
}

/// The graph extracted from scratch with the dictionaries and the decisions made so far.
async fn rebuilt(live: &Live, dictionaries: &Path, corpus: &Path) -> KnowledgeGraph {
    let reviews = live.reviews().await.unwrap();
    let (dictionary, rejected) = reviewed_dictionary(dictionaries, &reviews).unwrap();
    let extractor = Arc::new(Extractor::new(dictionary).with_rejected(rejected));
    let (inputs, errors) = graph_api::corpus::read(corpus).unwrap();
    assert!(errors.is_empty());
    KnowledgeGraph::build(extractor, inputs)
}

fn mentions_of(graph: &KnowledgeGraph, id: &str) -> usize {
    graph.mentions_of(graph.entity_by_id(id).unwrap()).len()
}

#[tokio::test(flavor = "multi_thread")]
async fn review_decisions_extract_only_the_documents_with_the_spelling() {
    let dir = scratch("reextract");
    let dictionaries = dir.join("dictionaries");
    copy_dir(&root().join("dictionaries"), &dictionaries);
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for (id, text) in ARTICLES {
        std::fs::write(corpus.join(format!("{id}.txt")), text).unwrap();
    }
    let reviews: Vec<Reviewed> = Vec::new();
    let (dictionary, _) = reviewed_dictionary(&dictionaries, &reviews).unwrap();
    let (inputs, _) = graph_api::corpus::read(&corpus).unwrap();
    let config = LiveConfig {
        dictionaries: Some(dictionaries.clone()),
        corpus: Some(corpus.clone()),
        ..LiveConfig::default()
    };
    let store = Store::open(&dir.join("data")).unwrap();
    let live =
        Arc::new(Live::open(Arc::new(Extractor::new(dictionary)), inputs, store, config).unwrap());
    assert_eq!(live.extracted(), 5, "the start extracts every document");
    let boe = mentions_of(&live.snapshot(), "boe");

    // An alias: the two articles that spell it, no other.
    live.review(
        Decision::Alias {
            entity: "boe".into(),
            alias: "Lighthouse Display Works".into(),
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(live.extracted(), 5 + 2);
    let graph = live.snapshot();
    assert_eq!(mentions_of(&graph, "boe"), boe + 3);
    assert_eq!(
        picture(&graph),
        picture(&rebuilt(&live, &dictionaries, &corpus).await)
    );

    // A new entity, spelled in Simplified characters: the article in Traditional ones has it.
    let accepted = live
        .review(
            Decision::Accept(Box::new(NewEntity {
                id: "lumen-robotics".into(),
                kind: "company".into(),
                name: "Lumen Robotics".into(),
                name_zh: Some("流明机器人".into()),
                aliases: Vec::new(),
                description: None,
                clusters: Vec::new(),
                parks: Vec::new(),
                roles: Vec::new(),
                source: None,
                as_of: None,
            })),
            None,
        )
        .await
        .unwrap();
    assert_eq!(live.extracted(), 7 + 1);
    let graph = live.snapshot();
    assert_eq!(mentions_of(&graph, "lumen-robotics"), 1);
    assert_eq!(
        picture(&graph),
        picture(&rebuilt(&live, &dictionaries, &corpus).await)
    );

    // Undone: the same article again, and the graph of before.
    live.undo_review(accepted.review.seq).await.unwrap();
    assert_eq!(live.extracted(), 8 + 1);
    let graph = live.snapshot();
    assert!(graph.entity_by_id("lumen-robotics").is_none());
    assert_eq!(
        picture(&graph),
        picture(&rebuilt(&live, &dictionaries, &corpus).await)
    );

    // A reload with nothing changed extracts nothing; an edited article is extracted again.
    live.reload().await.unwrap();
    assert_eq!(live.extracted(), 9);
    std::fs::write(
        corpus.join("d-zone.txt"),
        "The zone grows\n\nBeijing E-Town opened a new biomedicine park; Xiaomi expanded its plant.\n",
    )
    .unwrap();
    live.reload().await.unwrap();
    assert_eq!(live.extracted(), 10);
    assert_eq!(
        picture(&live.snapshot()),
        picture(&rebuilt(&live, &dictionaries, &corpus).await)
    );
}
