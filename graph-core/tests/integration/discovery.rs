//! Discovery on the seeds: with the dictionaries emptied of everything but the zone itself, the
//! companies, people, organizations, parks and policies the seed tests expect must come back as
//! candidates of the right kind.
//!
//! The expected entities are those of `tests/data/seed_expectations.toml`; where each one is in
//! a seed is what the full dictionaries find there. An entity counts as proposed when a candidate
//! of its kind, proposed as a new entity, either spells it (same normalized key as one of its
//! spellings) or covers one of its mentions: the two spans overlap by at least half of their
//! union.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common::workspace;

use graph_core::discover::normalize;
use graph_core::{
    DEFAULT_MAX_DOCUMENT_BYTES, Dictionary, DocumentInput, EntityIdx, EntityKind, EntityStatus,
    Extractor, KnowledgeGraph, RelationKind, Selection, read_document,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expectations {
    seed: Vec<Seed>,
}

#[derive(Deserialize)]
struct Seed {
    file: String,
    entities: Vec<String>,
}

/// The zone alone: the `bda` entity of the real dictionaries with its spellings, without the
/// clusters and places it refers to.
fn zone_only() -> Dictionary {
    let parks = std::fs::read_to_string(workspace().join("dictionaries/parks.toml")).unwrap();
    let table: toml::Table = parks.parse().unwrap();
    let bda = table["entity"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"].as_str() == Some("bda"))
        .expect("the zone is in parks.toml");
    let mut zone = toml::Table::new();
    for field in ["id", "name", "name_zh", "aliases"] {
        zone.insert(field.into(), bda[field].clone());
    }
    let mut file = toml::Table::new();
    file.insert(
        "entity".into(),
        toml::Value::Array(vec![toml::Value::Table(zone)]),
    );
    let text = toml::to_string(&file).unwrap();
    Dictionary::from_sources(&[(PathBuf::from("parks.toml"), EntityKind::Park, &text)]).unwrap()
}

fn seed(file: &str) -> DocumentInput {
    read_document(
        &workspace().join("seeds").join(file),
        DEFAULT_MAX_DOCUMENT_BYTES,
    )
    .unwrap()
}

#[test]
fn seeds_recall_with_only_the_zone() {
    let full = Extractor::new(
        Dictionary::load_dir(&workspace().join("dictionaries")).expect("the dictionaries load"),
    );
    let zone = Extractor::new(zone_only());
    let expectations: Expectations = toml::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seed_expectations.toml"),
        )
        .unwrap(),
    )
    .unwrap();
    let kinds = [
        EntityKind::Company,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Park,
        EntityKind::Policy,
    ];
    let (mut expected, mut proposed) = (0usize, 0usize);
    let mut missed: Vec<String> = Vec::new();
    for s in &expectations.seed {
        let known = full.extract(seed(&s.file));
        let found = zone.extract(seed(&s.file));
        assert_eq!(known.text, found.text);
        for id in &s.entities {
            let dict = full.dictionary();
            let idx = dict.get(id).unwrap();
            let entity = dict.entity(idx);
            if id == "bda" || !kinds.contains(&entity.kind) {
                continue;
            }
            expected += 1;
            let keys: Vec<String> = entity.spellings().map(normalize).collect();
            let spans: Vec<(usize, usize)> = known
                .mentions
                .iter()
                .filter(|m| m.entity == idx)
                .map(|m| (m.start, m.end))
                .collect();
            let hit = found.candidates.iter().any(|c| {
                c.kind == entity.kind
                    && c.entity.is_none()
                    && (keys.contains(&c.key)
                        || spans.iter().any(|&(a, b)| {
                            let inter = b.min(c.name_end).saturating_sub(a.max(c.name_start));
                            let union = b.max(c.name_end) - a.min(c.name_start);
                            2 * inter >= union
                        }))
            });
            if hit {
                proposed += 1;
            } else {
                missed.push(format!("{} {id} ({})", &s.file[..3], entity.kind));
            }
        }
    }
    let recall = proposed as f64 / expected as f64;
    println!(
        "discovery recall on the seeds with only the zone: {proposed} of {expected} = {:.1}%",
        100.0 * recall
    );
    println!("not proposed: {}", missed.join(", "));
    assert!(recall >= 0.8, "recall {recall:.3} is under 0.8");
}

/// A small dictionary for the tables: the zone, its management committee, one company, one
/// person.
fn small() -> Extractor {
    let parks = r#"
[[entity]]
id = "bda"
name = "Beijing Economic-Technological Development Area"
aliases = ["Beijing E-Town", "E-Town", "Yizhuang", "经开区", "北京经开区", "亦庄"]
"#;
    let orgs = r#"
[[entity]]
id = "bda-management-committee"
name = "Management Committee of Beijing E-Town"
aliases = ["the management committee", "管委会"]
"#;
    let companies = r#"
[[entity]]
id = "boe"
name = "BOE Technology Group"
aliases = ["BOE", "京东方"]
"#;
    let places = r#"
[[entity]]
id = "beijing"
name = "Beijing"
name_zh = "北京"
"#;
    let people = r#"
[[entity]]
id = "kong-lei"
name = "Kong Lei"
name_zh = "孔磊"
"#;
    Extractor::new(
        Dictionary::from_sources(&[
            (PathBuf::from("parks.toml"), EntityKind::Park, parks),
            (
                PathBuf::from("organizations.toml"),
                EntityKind::Organization,
                orgs,
            ),
            (
                PathBuf::from("companies.toml"),
                EntityKind::Company,
                companies,
            ),
            (PathBuf::from("places.toml"), EntityKind::Place, places),
            (PathBuf::from("people.toml"), EntityKind::Person, people),
        ])
        .unwrap(),
    )
}

fn extractor() -> &'static Extractor {
    static E: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    E.get_or_init(small)
}

/// The candidates of `text` as (name, kind), in text order.
fn found(text: &str) -> Vec<(String, &'static str)> {
    let doc = extractor().extract(DocumentInput {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    });
    doc.candidates
        .iter()
        .map(|c| (c.name(&doc.text).to_owned(), c.kind.as_str()))
        .collect()
}

/// Asserts that each `(text, name, kind)` row finds the name with the kind, and its exact edges.
fn table(rows: &[(&str, &str, &str)]) {
    let mut failures = Vec::new();
    for &(text, name, kind) in rows {
        let got = found(text);
        if !got.iter().any(|(n, k)| n == name && *k == kind) {
            failures.push(format!("{text:?}: expected {name:?} ({kind}), got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Asserts that no candidate of each text contains any of the given strings.
fn none_of(rows: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for &(text, bad) in rows {
        let got = found(text);
        if got.iter().any(|(n, _)| n.contains(bad)) {
            failures.push(format!(
                "{text:?}: {bad:?} should not be proposed, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn chinese_suffixes_with_their_left_edges() {
    table(&[
        (
            "昨天，星河智造科技有限公司宣布扩产。",
            "星河智造科技有限公司",
            "company",
        ),
        (
            "他表示，蓝鲸生物医药股份有限公司将落户。",
            "蓝鲸生物医药股份有限公司",
            "company",
        ),
        (
            "区内企业与华辰精密仪器研究院签约。",
            "华辰精密仪器研究院",
            "organization",
        ),
        (
            "北京经开区工委副书记王小明表示，发展很快。",
            "北京经开区工委",
            "organization",
        ),
        (
            "经开区商务金融局负责人介绍了情况。",
            "经开区商务金融局",
            "organization",
        ),
        ("亦庄新城建设加快。", "亦庄新城", "park"),
        ("龙腾机器人产业园今天开园。", "龙腾机器人产业园", "park"),
        ("我们参观了“白鹭湾”工程。", "“白鹭湾”工程", "policy"),
        ("京东方集团宣布新产线。", "京东方集团", "company"),
    ]);
    none_of(&[
        ("企业在研发中心工作。", "研发中心"),
        ("这是一个国家级高新区。", "高新区"),
        ("城市更新和产业布局都在推进。", "布局"),
        ("亦庄8家银行签署协议。", "8家"),
        ("他表示，蓝鲸生物医药股份有限公司将落户。", "表示"),
    ]);
}

#[test]
fn chinese_policies() {
    table(&[
        (
            "北京经开区发布《关于支持晨光产业发展的若干措施》。",
            "关于支持晨光产业发展的若干措施",
            "policy",
        ),
        (
            "《星河智造三年行动计划(2024年-2026年)》出台。",
            "星河智造三年行动计划(2024年-2026年)",
            "policy",
        ),
        (
            "北京经开区发布《北京经开区晨光产业若干措施》。",
            "北京经开区晨光产业若干措施",
            "policy",
        ),
    ]);
    none_of(&[("他在读《海边的卡夫卡》这本书。", "卡夫卡")]);
}

#[test]
fn chinese_people_beside_titles() {
    table(&[
        ("优必选科技副总裁王明介绍了新产品。", "王明", "person"),
        (
            "经开区商务金融局局长张鹏表示，要加快发展。",
            "张鹏",
            "person",
        ),
        ("本报记者 孙艳平", "孙艳平", "person"),
        ("星河科技董事长欧阳明辉说，订单已满。", "欧阳明辉", "person"),
        ("记者 曹小政、王伟", "王伟", "person"),
    ]);
    none_of(&[
        ("总经理和副总裁都出席了。", "和副"),
        ("局长表示要加快发展。", "表示"),
    ]);
}

#[test]
fn english_runs_endings_and_appositives() {
    table(&[
        (
            "Shares of Naura Technology Group Co., Ltd. rose on Monday.",
            "Naura Technology Group Co., Ltd.",
            "company",
        ),
        (
            "Liu Wei, chairman of Naura Technology, spoke first.",
            "Liu Wei",
            "person",
        ),
        (
            "Liu Wei, chairman of Naura Technology, spoke first.",
            "Naura Technology",
            "company",
        ),
        (
            "Starlight Robotics chairman Gu Jiewen said so.",
            "Gu Jiewen",
            "person",
        ),
        (
            "Starlight Robotics chairman Gu Jiewen said so.",
            "Starlight Robotics",
            "company",
        ),
        (
            "The plan was set out by the Ministry of Industry and Information Technology.",
            "Ministry of Industry and Information Technology",
            "organization",
        ),
        (
            "Teams trained at the Riverside Robotics Park for weeks.",
            "Riverside Robotics Park",
            "park",
        ),
        (
            "They met at the Xinghe Innovation Center last week.",
            "Xinghe Innovation Center",
            "organization",
        ),
        (
            "The city issued the Green Harbor Action Plan in May.",
            "Green Harbor Action Plan",
            "policy",
        ),
        ("Reporting by Tu Ming Guo Yujing", "Guo Yujing", "person"),
    ]);
    none_of(&[
        ("In the morning, the team left early.", "In"),
        ("Walking is also pleasant here.", "Walking"),
        (
            "They toured the Industrial Park in the morning.",
            "Industrial Park",
        ),
        ("The GDP grew by 5 percent.", "GDP"),
    ]);
}

#[test]
fn english_events_and_acronyms() {
    table(&[
        (
            "The 2025 World Humanoid Robot Games open in August.",
            "2025 World Humanoid Robot Games",
            "event",
        ),
        (
            "Companies signed deals at CIFTIS 2025 in Beijing.",
            "CIFTIS 2025",
            "event",
        ),
        (
            "The Zhongguancun Forum was held in March.",
            "Zhongguancun Forum",
            "event",
        ),
        ("Pneumatics maker SMC has a hub here.", "SMC", "company"),
    ]);
}

#[test]
fn lowercase_articles_fire_only_appositives_and_suffixes() {
    // Long enough to be read as written all in lowercase (fifty letters and more).
    let text = "wang lihua, deputy director of the bureau, said the zone will grow. \
                the beijing riverside robot industrial park opened near the lake. \
                liu wei went to see naura technology with gu jie and other guests.";
    let got = found(text);
    assert!(
        got.iter().any(|(n, k)| n == "wang lihua" && *k == "person"),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(n, k)| n == "beijing riverside robot industrial park" && *k == "park"),
        "{got:?}"
    );
    // No capitals, so no runs: names without a title or a suffix stay unproposed.
    for bad in ["liu wei", "naura technology", "gu jie"] {
        assert!(!got.iter().any(|(n, _)| n == bad), "{bad:?} in {got:?}");
    }
}

#[test]
fn variants_of_known_entities_are_alias_proposals() {
    let doc = extractor().extract(DocumentInput {
        id: "t".into(),
        text: "BOE Display opened a plant. The Yizhuang management committee approved it. \
               京东方集团 also grew."
            .into(),
        ..Default::default()
    });
    let dict = extractor().dictionary();
    let proposals: Vec<(&str, Option<&str>)> = doc
        .candidates
        .iter()
        .map(|c| {
            (
                c.name(&doc.text),
                c.entity.map(|e| dict.entity(e).id.as_str()),
            )
        })
        .collect();
    for (name, entity) in [
        ("BOE Display", "boe"),
        ("京东方集团", "boe"),
        ("Yizhuang management committee", "bda-management-committee"),
    ] {
        assert!(
            proposals
                .iter()
                .any(|(n, e)| *n == name && *e == Some(entity)),
            "{name} as an alias of {entity}: {proposals:?}"
        );
    }
}

#[test]
fn roles_reach_candidates() {
    let doc = extractor().extract(DocumentInput {
        id: "t".into(),
        text: "Zhang Hua, deputy director of the management committee, said the zone grows. \
               Starlight Robotics chairman Gu Jiewen agreed."
            .into(),
        ..Default::default()
    });
    let dict = extractor().dictionary();
    let name = |p: graph_core::Party| match p {
        graph_core::Party::Entity(e) => dict.entity(e).id.clone(),
        graph_core::Party::Candidate(i) => doc.candidates[i as usize].name(&doc.text).to_owned(),
    };
    let roles: Vec<(String, String, String)> = doc
        .candidate_roles
        .iter()
        .map(|r| (name(r.person), r.title.clone(), name(r.org)))
        .collect();
    assert!(
        roles.contains(&(
            "Zhang Hua".into(),
            "deputy director".into(),
            "bda-management-committee".into()
        )),
        "{roles:?}"
    );
    assert!(
        roles.contains(&(
            "Gu Jiewen".into(),
            "chairman".into(),
            "Starlight Robotics".into()
        )),
        "{roles:?}"
    );
}

#[test]
fn traditional_and_case_variants_share_a_key() {
    let key = |text: &str| {
        let doc = extractor().extract(DocumentInput {
            id: "t".into(),
            text: text.into(),
            ..Default::default()
        });
        doc.candidates.first().map(|c| c.key.clone())
    };
    assert_eq!(
        key("昨天，北方華創科技集團宣布扩产。"),
        key("昨天，北方华创科技集团宣布扩产。")
    );
    assert_eq!(
        key("Shares of Naura Technology Group rose."),
        key("Shares of NAURA TECHNOLOGY GROUP rose.").map(|k| k.to_lowercase())
    );
}

#[test]
fn discovery_off_proposes_nothing() {
    let e = Extractor::with_discovery(small().dictionary().clone(), false);
    let doc = e.extract(DocumentInput {
        id: "t".into(),
        text: "Liu Wei, chairman of Naura Technology, said so. 星河智造科技有限公司宣布扩产。"
            .into(),
        ..Default::default()
    });
    assert!(doc.candidates.is_empty() && doc.candidate_roles.is_empty());
    assert!(!e.discovers());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// No candidate overlaps a mention or another candidate, and every span and name slices the
    /// original text on character boundaries, whatever the text.
    #[test]
    fn candidates_never_overlap_mentions_and_slice_the_text(
        text in "(BOE|Beijing E-Town|京东方|亦庄|管委会|[A-Z][a-z]{1,6}|[a-z]{1,5}|Co\\., Ltd\\.|, |\\. |有限公司|科技|集团|副总裁|王明|《|》|[\u{4e00}-\u{4e40}]|（|）|ＢＯＥ|2025| ){0,40}"
    ) {
        let doc = extractor().extract(DocumentInput { id: "p".into(), text: text.clone(), ..Default::default() });
        let mut last_end = 0;
        for c in &doc.candidates {
            proptest::prop_assert!(doc.text.get(c.start..c.end).is_some(), "{c:?}");
            proptest::prop_assert!(doc.text.get(c.name_start..c.name_end).is_some(), "{c:?}");
            proptest::prop_assert!(c.name_start <= c.start && c.end <= c.name_end);
            proptest::prop_assert!(c.start >= last_end, "candidates overlap: {c:?}");
            last_end = c.end;
            for m in &doc.mentions {
                proptest::prop_assert!(m.end <= c.start || c.end <= m.start, "{c:?} overlaps {m:?}");
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// The same in texts written all in lowercase, where the suffix, head and appositive rules of
    /// lowercase prose run (a text needs fifty letters or more to be read as lowercase).
    #[test]
    fn lowercase_candidates_slice_the_text(
        words in proptest::collection::vec(
            "(the|policies on|list of|nine|20|committee|hospital|industrial park|, deputy director of|edited by|reporter|wang lihua|yizhuang|\"ten measures\"|chamber of commerce|co\\., ltd\\.|[a-z]{2,8}|京东方|亦庄|\\.|,)",
            10..60,
        )
    ) {
        let text = format!("{} the end of the lowercase text for the test.", words.join(" "));
        let doc = extractor().extract(DocumentInput { id: "p".into(), text, ..Default::default() });
        let mut last_end = 0;
        for c in &doc.candidates {
            proptest::prop_assert!(doc.text.get(c.start..c.end).is_some(), "{c:?}");
            proptest::prop_assert!(doc.text.get(c.name_start..c.name_end).is_some(), "{c:?}");
            proptest::prop_assert!(c.start >= last_end, "candidates overlap: {c:?}");
            last_end = c.end;
            for m in &doc.mentions {
                proptest::prop_assert!(m.end <= c.start || c.end <= m.start, "{c:?} overlaps {m:?}");
            }
        }
    }
}

/// The segmenter's dictionary (`graph-core/segmenter/words.txt`) is what its script writes from
/// the jieba-rs the workspace locks, on every run: the words of frequency 10 or more, no others.
#[test]
fn segmenter_dictionary_is_what_its_script_writes() {
    if !crate::common::have("python3", &["--version"], "apt-get install -y python3") {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("segmenter-generator");
    std::fs::create_dir_all(&dir).unwrap();
    let script = workspace().join("graph-core/segmenter/generate.sh");
    let committed = std::fs::read(workspace().join("graph-core/segmenter/words.txt")).unwrap();
    for run in ["first.txt", "second.txt"] {
        let out = dir.join(run);
        let status = std::process::Command::new("bash")
            .arg(&script)
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "{} failed", script.display());
        let written = std::fs::read(&out).unwrap();
        assert!(
            written == committed,
            "{run}: segmenter/words.txt differs from what generate.sh writes; run it and commit"
        );
    }
    let text = String::from_utf8(committed).unwrap();
    let mut words = 0;
    for line in text.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        assert!(fields.len() == 3, "not `word frequency tag`: {line:?}");
        let frequency: u64 = fields[1].parse().unwrap();
        assert!(frequency >= 10, "a rare word is in: {line:?}");
        words += 1;
    }
    assert!(words > 100_000, "only {words} words");
}

fn graph_with_candidates(docs: &[(&str, &str)]) -> (Arc<KnowledgeGraph>, Arc<KnowledgeGraph>) {
    let inputs = docs
        .iter()
        .map(|(id, text)| DocumentInput {
            id: (*id).into(),
            source: format!("https://news.example/{id}"),
            text: (*text).into(),
            ..Default::default()
        })
        .collect();
    let g = Arc::new(KnowledgeGraph::build(Arc::new(small()), inputs));
    let with = g.with_candidates();
    (g, with)
}

#[test]
fn strong_candidates_stand_in_the_graph_with_their_evidence() {
    let docs = [
        (
            "a",
            "Zhang Hua, deputy director of the management committee, said BOE will grow. \
             Starlight Robotics chairman Gu Jiewen agreed.",
        ),
        (
            "b",
            "Zone news\n\nThe forum heard Tian Ye Shen Kuo speak about E-Town.",
        ),
        (
            "c",
            "Zone news\n\nThe forum heard Shen Kuo Lu Fang speak again.",
        ),
    ];
    let (curated, g) = graph_with_candidates(&docs);
    // The graph without candidates is untouched: every entity curated, the same edges.
    assert!(!curated.includes_candidates());
    assert_eq!(curated.dictionary().len(), curated.curated_len());
    assert_eq!(g.curated_len(), curated.dictionary().len());
    for (idx, e) in curated.dictionary().iter() {
        assert_eq!(g.entity(idx).id, e.id, "curated indexes keep their meaning");
        assert_eq!(g.status(idx), EntityStatus::Curated);
    }

    let id = |name: &str| {
        g.lookup(name)
            .into_iter()
            .find(|&i| g.is_candidate(i))
            .map(|i| g.entity(i).id.clone())
    };
    // A title appositive is strong: in the graph after one document, as a person, with an id
    // from its key.
    let zhang = g
        .entity_by_id("candidate:zhang-hua")
        .expect("Zhang Hua stands");
    assert_eq!(g.status(zhang), EntityStatus::Candidate);
    assert_eq!(g.entity(zhang).kind, EntityKind::Person);
    assert_eq!(g.entity(zhang).name, "Zhang Hua");
    assert_eq!(
        g.entity(zhang).source.as_deref(),
        Some("https://news.example/a")
    );
    assert!(curated.entity_by_id("candidate:zhang-hua").is_none());
    // Its role at the known committee, with the sentence that states it.
    let committee = g.entity_by_id("bda-management-committee").unwrap();
    let role = g
        .edges_between(zhang, committee)
        .into_iter()
        .find(|e| e.data.kind == RelationKind::Role)
        .expect("the role reaches the candidate");
    assert_eq!(role.data.label.as_deref(), Some("deputy director"));
    assert_eq!(role.data.evidence.len(), 1);
    assert!(
        g.sentence(role.data.evidence[0])
            .starts_with("Zhang Hua, deputy director")
    );
    // Co-mentioned with BOE, named in the same sentence.
    let boe = g.entity_by_id("boe").unwrap();
    assert!(
        g.edges_between(zhang, boe)
            .iter()
            .any(|e| e.data.kind == RelationKind::CoMention)
    );
    // Two candidates of one sentence: the role between them.
    let gu = g
        .entity_by_id("candidate:gu-jiewen")
        .expect("Gu Jiewen stands");
    let starlight = g
        .entity_by_id("candidate:starlight-robotics")
        .expect("Starlight Robotics stands");
    assert!(
        g.edges_between(gu, starlight)
            .iter()
            .any(|e| e.data.kind == RelationKind::Role
                && e.data.label.as_deref() == Some("chairman"))
    );
    // Its mentions are its spans in the text.
    let m = g.mentions_of(gu)[0];
    let mention = g.mention(gu, m.0, m.1);
    assert_eq!(g.document(m.0).surface(&mention), "Gu Jiewen");

    // A capitalized run seen once is weak: listed for review, not in the graph; seen in two
    // documents it stands.
    let listed: Vec<String> = graph_core::discover::rank(g.documents().iter().map(|d| &**d))
        .into_iter()
        .map(|c| c.key)
        .collect();
    assert!(listed.contains(&"lu fang".to_owned()), "{listed:?}");
    assert_eq!(id("Lu Fang"), None, "weak, one document");
    assert_eq!(id("Tian Ye"), None, "weak, one document");
    let shen = g.entity_by_id("candidate:shen-kuo").expect("two documents");
    assert_eq!(g.mentions_of(shen).len(), 2);
    assert_eq!(g.documents_of(shen).len(), 2);

    // The same ids in another build of the same corpus.
    let (_, again) = graph_with_candidates(&docs);
    let ids = |g: &KnowledgeGraph| -> Vec<String> {
        (g.curated_len()..g.dictionary().len())
            .map(|i| g.entity(EntityIdx(i as u32)).id.clone())
            .collect()
    };
    assert_eq!(ids(&g), ids(&again));
    assert!(ids(&g).iter().all(|id| id.starts_with("candidate:")));
}

#[test]
fn rejected_and_alias_candidates_stay_out_of_the_graph() {
    let text =
        "Zhang Hua, deputy director of the management committee, said BOE Display will grow.";
    let x = Arc::new(small());
    let doc = |x: &Arc<Extractor>| {
        let g = Arc::new(KnowledgeGraph::build(
            x.clone(),
            vec![DocumentInput {
                id: "a".into(),
                text: text.into(),
                ..Default::default()
            }],
        ));
        g.with_candidates()
    };
    let g = doc(&x);
    assert!(g.entity_by_id("candidate:zhang-hua").is_some());
    // "BOE Display" is proposed as an alias of BOE: a review decision, not a new entity.
    assert!(
        (g.curated_len()..g.dictionary().len())
            .all(|i| !g.entity(EntityIdx(i as u32)).name.contains("BOE")),
        "an alias proposal is no provisional entity"
    );
    let rejected = Arc::new(small().with_rejected([normalize("Zhang Hua")]));
    assert!(doc(&rejected).entity_by_id("candidate:zhang-hua").is_none());
}

#[test]
fn exports_mark_candidates_and_leave_them_out_unless_asked() {
    let (curated, g) = graph_with_candidates(&[(
        "a",
        "Zhang Hua, deputy director of the management committee, said BOE will grow.",
    )]);
    let json = |g: &KnowledgeGraph, status: Vec<EntityStatus>| {
        let sub = graph_core::select(
            g,
            &Selection {
                status,
                ..Selection::default()
            },
        );
        let mut out = Vec::new();
        graph_core::write_json(g, &sub, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        v["elements"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["data"]["id"].as_str().unwrap().to_owned(),
                    n["data"]["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let plain = json(&curated, Vec::new());
    assert!(plain.iter().all(|(_, s)| s == "curated"), "{plain:?}");
    assert_eq!(json(&g, vec![EntityStatus::Curated]), plain);
    let both = json(&g, vec![EntityStatus::Curated, EntityStatus::Candidate]);
    assert!(both.contains(&("candidate:zhang-hua".into(), "candidate".into())));
    let mut dot = Vec::new();
    let sub = graph_core::select(&g, &Selection::default());
    graph_core::write_dot(&g, &sub, &graph_core::DotOptions::default(), &mut dot).unwrap();
    let dot = String::from_utf8(dot).unwrap();
    let line = dot
        .lines()
        .find(|l| l.trim_start().starts_with("\"candidate:zhang-hua\""))
        .expect("the candidate is drawn");
    assert!(
        line.contains("dashed") && line.contains("candidate person"),
        "{line}"
    );
}
