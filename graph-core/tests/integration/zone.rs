//! The zone's dictionary on sentences written for these tests: the companies, people, events and
//! policies curated beyond the seeds are found under every spelling news gives them (English and
//! Chinese, Traditional and Simplified, full and short names), each spelling on one node; people
//! keep their dated roles; events hang off their series.

use std::sync::{Arc, OnceLock};

use graph_core::tenure::{Tenure, roles_as_of, tenures};
use graph_core::{Date, EntityKind, Extractor, KnowledgeGraph, Origin, PartialDate, RelationKind};

use crate::common::{extract, idx, input, real_dictionary, real_extractor};

/// The shipped dictionaries compiled once, shared by the graphs these tests build.
fn shared() -> Arc<Extractor> {
    static X: OnceLock<Arc<Extractor>> = OnceLock::new();
    X.get_or_init(|| Arc::new(Extractor::new(real_dictionary())))
        .clone()
}

/// The graph of the shipped dictionaries over the documents given (id, text).
fn graph_of_real(docs: &[(&str, &str)]) -> KnowledgeGraph {
    KnowledgeGraph::build(
        shared(),
        docs.iter().map(|(id, text)| input(id, text)).collect(),
    )
}

/// The titles of the tenures that hold on a day.
fn held_on(tenures: &[Tenure], day: Date) -> Vec<&str> {
    roles_as_of(tenures, day)
        .iter()
        .map(|h| tenures[h.tenure].title.as_str())
        .collect()
}

/// The ids of the entities one sentence names, in text order, each once.
fn found(text: &str) -> Vec<String> {
    let x = real_extractor();
    let doc = extract(x, text);
    let mut ids: Vec<String> = Vec::new();
    for m in &doc.mentions {
        let id = x.dictionary().entity(m.entity).id.clone();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The entity that the whole of `spelling` in `text` is a mention of: exactly one mention
/// covers the spelling, and it is the spelling, neither a part of a longer name nor split in two.
fn the_mention_of(text: &str, spelling: &str) -> String {
    let x = real_extractor();
    let doc = extract(x, text);
    let at = text.find(spelling).unwrap();
    let span = at..at + spelling.len();
    let covering: Vec<_> = doc
        .mentions
        .iter()
        .filter(|m| m.start < span.end && span.start < m.end)
        .collect();
    assert_eq!(
        covering.len(),
        1,
        "{spelling:?} in {text:?} should be one mention, found {:?}",
        covering
            .iter()
            .map(|m| (&text[m.start..m.end], &x.dictionary().entity(m.entity).id))
            .collect::<Vec<_>>()
    );
    let m = covering[0];
    assert_eq!(
        (m.start, m.end),
        (span.start, span.end),
        "{spelling:?} in {text:?} is matched as {:?}",
        &text[m.start..m.end]
    );
    x.dictionary().entity(m.entity).id.clone()
}

#[test]
fn every_spelling_of_a_new_company_lands_on_one_node() {
    // (entity, spellings a news text uses: English full and short, Chinese, Traditional)
    let cases: &[(&str, &[&str])] = &[
        (
            "naura",
            &[
                "NAURA Technology Group Co., Ltd.",
                "Naura Technology",
                "北方华创",
                "北方華創",
                "北方华创科技集团股份有限公司",
            ],
        ),
        (
            "smic",
            &[
                "Semiconductor Manufacturing International Corporation",
                "SMIC",
                "中芯国际",
                "中芯國際",
            ],
        ),
        ("xiaomi-auto", &["Xiaomi Auto", "小米汽车", "小米汽車"]),
    ];
    for (id, spellings) in cases {
        for spelling in *spellings {
            let text = format!("据报道，{spelling}宣布在亦庄扩大投资。");
            assert_eq!(the_mention_of(&text, spelling), *id, "in {text:?}");
            let english = format!("On Monday {spelling} said it would expand in Beijing E-Town.");
            assert_eq!(the_mention_of(&english, spelling), *id, "in {english:?}");
        }
    }
}

#[test]
fn english_and_chinese_names_of_one_company_weigh_on_one_edge() {
    let g = graph_of_real(&[
        (
            "en",
            "NAURA Technology Group opened a new line in Beijing E-Town.",
        ),
        ("zh", "北方華創在北京經開區投產新產線。"),
    ]);
    let naura = idx(&g, "naura");
    let bda = idx(&g, "bda");
    let co = g
        .edges_between(naura, bda)
        .into_iter()
        .find(|e| e.data.kind == RelationKind::CoMention)
        .expect("NAURA and the zone are co-mentioned");
    assert_eq!(
        co.data.weight(),
        2,
        "one sentence in English, one in Traditional Chinese, one edge"
    );
    assert_eq!(g.documents_of(naura).len(), 2);
}

#[test]
fn events_are_found_as_editions_of_their_series() {
    let ids = found("The 2016 World Robot Conference opened in Yizhuang on Friday.");
    assert!(
        ids.contains(&"world-robot-conference-2016".to_owned()),
        "{ids:?}"
    );
    let ids = found("2016世界机器人大会在北京亦庄开幕。");
    assert!(
        ids.contains(&"world-robot-conference-2016".to_owned()),
        "{ids:?}"
    );

    let g = graph_of_real(&[]);
    let edition = idx(&g, "world-robot-conference-2016");
    let series = idx(&g, "world-robot-conference");
    assert_eq!(g.entity(edition).kind, EntityKind::Event);
    assert!(
        g.edges_between(edition, series)
            .iter()
            .any(|e| e.data.kind == RelationKind::PartOf),
        "the 2016 edition is part of the series"
    );
}

#[test]
fn curated_roles_keep_their_dates_and_answer_as_of_a_day() {
    let d = real_extractor().dictionary();
    let lin = d.entity(d.get("lin-keqing").expect("lin-keqing is curated"));
    let secretary = lin
        .roles
        .iter()
        .find(|r| r.title == "Secretary of the Working Committee")
        .expect("Lin Keqing's role at the Working Committee");
    assert_eq!(secretary.since, PartialDate::parse_iso("2010-02"));

    let su = d.entity(d.get("su-weiguo").expect("su-weiguo is curated"));
    let su_tenures = tenures(&su.roles, &[]);
    let titles = held_on(&su_tenures, Date::new(2023, 6, 1).unwrap());
    assert!(titles.contains(&"Chief Executive"), "{titles:?}");
    let titles = held_on(&su_tenures, Date::new(2015, 6, 1).unwrap());
    assert!(
        !titles.contains(&"Chief Executive"),
        "not chief executive before 2022: {titles:?}"
    );
    assert!(titles.contains(&"Chief Scientific Officer"), "{titles:?}");
}

#[test]
fn a_sentence_naming_a_curated_official_and_his_body_proves_the_role() {
    let g = graph_of_real(&[("lin", "北京经济技术开发区工委书记林克庆出席了会议。")]);
    let lin = idx(&g, "lin-keqing");
    let wc = idx(&g, "bda-working-committee");
    let roles: Vec<_> = g
        .edges_between(lin, wc)
        .into_iter()
        .filter(|e| e.data.kind == RelationKind::Role)
        .collect();
    // "工委书记林克庆" states the curated "Secretary of the Working Committee": one role, curated
    // and extracted, the dictionary's title, the sentence as its evidence.
    assert_eq!(roles.len(), 1, "{roles:#?}");
    let role = &roles[0];
    assert_eq!(
        role.data.label.as_deref(),
        Some("Secretary of the Working Committee")
    );
    assert!(role.data.origins.contains(Origin::Curated));
    assert!(
        role.data.origins.contains(Origin::Extracted),
        "the sentence states the role too: {:?}",
        role.data.origins.iter().collect::<Vec<_>>()
    );
    assert_eq!(role.data.evidence.len(), 1);
}

#[test]
fn a_deputy_post_in_chinese_is_not_the_curated_full_post() {
    let g = graph_of_real(&[("lin", "北京经济技术开发区工委副书记林克庆出席了会议。")]);
    let lin = idx(&g, "lin-keqing");
    let wc = idx(&g, "bda-working-committee");
    let mut labels: Vec<String> = g
        .edges_between(lin, wc)
        .into_iter()
        .filter(|e| e.data.kind == RelationKind::Role)
        .filter_map(|e| e.data.label.clone())
        .collect();
    labels.sort();
    assert_eq!(labels, ["Secretary of the Working Committee", "副书记"]);
}
