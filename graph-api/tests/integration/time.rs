//! Time in the answers: relations counted in a span of dates (`from`/`to`), when a relation was
//! first and last seen, and an entity's timeline — on documents dated for these tests, and on
//! the seeds through the CLI and the exports.

use std::sync::{Arc, OnceLock};

use graph_core::{Date, Dictionary, DocumentInput, Extractor, KnowledgeGraph};
use serde_json::{Value, json};

use crate::common::{execute_on, kgraph, root};

/// A report written for a test, dated as its sender would date it.
fn doc(id: &str, date: &str, text: &str) -> DocumentInput {
    DocumentInput {
        id: id.into(),
        source: format!("test:{id}"),
        text: text.into(),
        date: Date::parse_iso(date),
        ..Default::default()
    }
}

/// Three dated reports, written for these tests: Kong Lei beside BOE in March 2023 and June
/// 2024, BOE alone in another June 2024 report.
fn dated_graph() -> Arc<KnowledgeGraph> {
    static GRAPH: OnceLock<Arc<KnowledgeGraph>> = OnceLock::new();
    GRAPH
        .get_or_init(|| {
            let dict = Dictionary::load_dir(&root().join("dictionaries")).unwrap();
            let docs = vec![
                doc(
                    "march-2023",
                    "2023-03-10",
                    "Kong Lei visited BOE in Beijing E-Town on Friday.",
                ),
                doc(
                    "june-2024-a",
                    "2024-06-02",
                    "Kong Lei met the managers of BOE in Beijing E-Town.",
                ),
                doc(
                    "june-2024-b",
                    "2024-06-20",
                    "BOE opened a new production line in Beijing E-Town.",
                ),
            ];
            Arc::new(KnowledgeGraph::build(Arc::new(Extractor::new(dict)), docs))
        })
        .clone()
}

async fn answer(query: &str, variables: Value) -> Value {
    execute_on(dated_graph(), query, variables).await
}

async fn data(query: &str, variables: Value) -> Value {
    data_of(dated_graph(), query, variables).await
}

/// The `data` of a query that must succeed on `graph`.
async fn data_of(graph: Arc<KnowledgeGraph>, query: &str, variables: Value) -> Value {
    let body = execute_on(graph, query, variables).await;
    assert!(body.get("errors").is_none(), "errors for {query}: {body:#}");
    body["data"].clone()
}

const RELATION: &str = r#"query ($from: String, $to: String) {
  relation(a: "kong-lei", b: "boe", from: $from, to: $to) {
    kind weight firstSeen lastSeen
    months { month count }
    evidence { document { id } }
  }
}"#;

#[tokio::test]
async fn a_relation_counts_only_the_evidence_of_the_span() {
    let all = data(RELATION, json!({})).await;
    let co = &all["relation"][0];
    assert_eq!(co["kind"], "CO_MENTION");
    assert_eq!(co["weight"], 2);
    assert_eq!(co["firstSeen"], "2023-03-10");
    assert_eq!(co["lastSeen"], "2024-06-02");
    assert_eq!(
        co["months"],
        json!([{ "month": "2023-03", "count": 1 }, { "month": "2024-06", "count": 1 }])
    );

    let since_2024 = data(RELATION, json!({ "from": "2024" })).await;
    assert_eq!(since_2024["relation"][0]["weight"], 1);
    assert_eq!(
        since_2024["relation"][0]["evidence"],
        json!([{ "document": { "id": "june-2024-a" } }])
    );
    // First and last seen are the relation's own, whatever the span asked.
    assert_eq!(since_2024["relation"][0]["firstSeen"], "2023-03-10");

    // "As of" the end of 2023: only the March report.
    let as_of = data(RELATION, json!({ "to": "2023-12-31" })).await;
    assert_eq!(as_of["relation"][0]["weight"], 1);
    assert_eq!(
        as_of["relation"][0]["evidence"],
        json!([{ "document": { "id": "march-2023" } }])
    );

    // No report of 2025 names them together: the co-mention is not there then.
    let later = data(RELATION, json!({ "from": "2025-01-01" })).await;
    assert_eq!(later["relation"], json!([]));
}

#[tokio::test]
async fn neighbors_weigh_what_the_span_states() {
    let query = r#"query ($from: String, $to: String) {
      entity(id: "boe") {
        neighbors(relation: CO_MENTION, from: $from, to: $to) { entity { id } weight }
      }
    }"#;
    let weight_of = |answer: &Value, id: &str| {
        answer["entity"]["neighbors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["entity"]["id"] == id)
            .map(|n| n["weight"].as_u64().unwrap())
    };
    let all = data(query, json!({})).await;
    assert_eq!(weight_of(&all, "bda"), Some(3));
    assert_eq!(weight_of(&all, "kong-lei"), Some(2));
    let june = data(query, json!({ "from": "2024-06", "to": "2024-06" })).await;
    assert_eq!(weight_of(&june, "bda"), Some(2));
    assert_eq!(weight_of(&june, "kong-lei"), Some(1));
    let in_2023 = data(query, json!({ "from": "2023", "to": "2023" })).await;
    assert_eq!(weight_of(&in_2023, "bda"), Some(1));

    let relations = data(
        r#"{ entity(id: "kong-lei") { relations(kind: CO_MENTION, from: "2024-06-10") { target { id } } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(
        relations["entity"]["relations"],
        json!([]),
        "Kong Lei is named in no report dated from 2024-06-10 on"
    );
}

#[tokio::test]
async fn a_timeline_counts_mentions_per_month_with_the_co_mentions_of_each() {
    let timeline = data(
        r#"{ timeline(entity: "boe", top: 2) {
          month mentions documents coMentions { entity { id } sentences }
        } }"#,
        json!({}),
    )
    .await;
    assert_eq!(
        timeline["timeline"],
        json!([
            {
                "month": "2023-03", "mentions": 1, "documents": 1,
                "coMentions": [
                    { "entity": { "id": "bda" }, "sentences": 1 },
                    { "entity": { "id": "kong-lei" }, "sentences": 1 }
                ]
            },
            {
                "month": "2024-06", "mentions": 2, "documents": 2,
                "coMentions": [
                    { "entity": { "id": "bda" }, "sentences": 2 },
                    { "entity": { "id": "kong-lei" }, "sentences": 1 }
                ]
            }
        ])
    );
    let from_2024 = data(
        r#"{ timeline(entity: "boe", from: "2024") { month } }"#,
        json!({}),
    )
    .await;
    assert_eq!(from_2024["timeline"], json!([{ "month": "2024-06" }]));
}

#[tokio::test]
async fn a_bad_span_is_refused_with_the_field_named() {
    for (variables, words) in [
        (json!({ "from": "2024-13" }), "`from` must be a date"),
        (json!({ "to": "June 2024" }), "`to` must be a date"),
        (
            json!({ "from": "2024-06", "to": "2024-01" }),
            "comes before `from`",
        ),
    ] {
        let body = answer(RELATION, variables.clone()).await;
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(words), "{variables}: {body:#}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "INVALID_INPUT");
    }
}

#[test]
fn kgraph_timeline_charts_the_seeds_by_month() {
    let out = kgraph(&["timeline", "孔磊"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("Kong Lei (kong-lei), mentions per month, 2023-05 to 2024-09"),
        "{stdout}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[1].starts_with("2023-05  █"), "{stdout}");
    assert!(
        lines[2].contains("no mention 2023-06 to 2024-08"),
        "{stdout}"
    );
    assert!(lines[3].starts_with("2024-09  █"), "{stdout}");
    assert!(
        lines[3].contains("with Beijing Economic-Technological Development Area"),
        "{stdout}"
    );

    let out = kgraph(&["timeline", "kong-lei", "--from", "2024", "--format", "json"]);
    assert!(out.status.success());
    let months: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(months.as_array().unwrap().len(), 1);
    assert_eq!(months[0]["month"], "2024-09");
    assert_eq!(months[0]["co_mentions"][0]["entity"], "bda");

    let out = kgraph(&["timeline", "no-such-entity"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no entity has the id or name"));
}

#[test]
fn exports_carry_first_and_last_seen() {
    let out = kgraph(&["export", "--format", "graphml", "--entity", "kong-lei"]);
    assert!(out.status.success());
    let graphml = String::from_utf8_lossy(&out.stdout);
    assert!(graphml.contains(r#"attr.name="first_seen""#), "{graphml}");
    assert!(graphml.contains(r#"<data key="e_first_seen">2023-05-17</data>"#));
    assert!(graphml.contains(r#"<data key="e_last_seen">2024-09-19</data>"#));

    let out = kgraph(&["export", "--format", "dot", "--entity", "kong-lei"]);
    let dot = String::from_utf8_lossy(&out.stdout);
    assert!(dot.contains(r#"first_seen="2023-05-17""#), "{dot}");

    let out = kgraph(&["export", "--format", "json", "--entity", "kong-lei"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let edges = json["elements"]["edges"].as_array().unwrap();
    assert!(
        edges
            .iter()
            .any(|e| e["data"]["first_seen"] == "2023-05-17"
                && e["data"]["last_seen"] == "2024-09-19"),
        "{json:#}"
    );
}

/// A person whose title changes across dated reports written for the test; `extra` adds more.
fn harbor_graph(extra: &[(&str, &str, &str)]) -> Arc<KnowledgeGraph> {
    let people = r#"
[[entity]]
id = "wang-lin"
name = "Wang Lin"
"#;
    let orgs = r#"
[[entity]]
id = "harbor-committee"
name = "Harbor Management Committee"
"#;
    let dict = Dictionary::from_sources(&[
        (
            std::path::PathBuf::from("people.toml"),
            graph_core::EntityKind::Person,
            people,
        ),
        (
            std::path::PathBuf::from("organizations.toml"),
            graph_core::EntityKind::Organization,
            orgs,
        ),
    ])
    .unwrap();
    let reports = [
        (
            "a",
            "2019-03-01",
            "Wang Lin, Deputy Director of the Harbor Management Committee, said the harbor will grow.",
        ),
        (
            "b",
            "2021-05-01",
            "Wang Lin, Director of the Harbor Management Committee, opened the fair.",
        ),
        (
            "c",
            "2023-07-01",
            "Wang Lin, Secretary of the Harbor Management Committee, met investors.",
        ),
    ];
    let docs = reports
        .iter()
        .chain(extra)
        .map(|&(id, date, text)| doc(id, date, text))
        .collect();
    Arc::new(KnowledgeGraph::build(Arc::new(Extractor::new(dict)), docs))
}

#[tokio::test]
async fn a_title_that_changes_is_a_sequence_and_roles_as_of_pick_the_one_held() {
    let query = r#"{ entity(id: "wang-lin") {
      tenures { title organization { id } since until }
      in2020: rolesAsOf(date: "2020") { certain tenure { title } }
      in2022: rolesAsOf(date: "2022-01-15") { certain tenure { title } }
      currentRoles { tenure { title } }
      roleContradictions { message }
    } }"#;
    let person = data_of(harbor_graph(&[]), query, json!({})).await["entity"].clone();
    assert_eq!(
        person["tenures"],
        json!([
            { "title": "Deputy Director", "organization": { "id": "harbor-committee" },
              "since": "2019-03-01", "until": "2021-05-01" },
            { "title": "Director", "organization": { "id": "harbor-committee" },
              "since": "2021-05-01", "until": "2023-07-01" },
            { "title": "Secretary", "organization": { "id": "harbor-committee" },
              "since": "2023-07-01", "until": null }
        ])
    );
    // Held then as far as the sources know, but not certainly: no report of 2020 says so, and
    // the next title is only reported in 2021.
    assert_eq!(
        person["in2020"],
        json!([{ "certain": false, "tenure": { "title": "Deputy Director" } }])
    );
    let in_2022: Vec<&str> = person["in2022"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["tenure"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(in_2022, ["Director"]);
    assert_eq!(
        person["currentRoles"],
        json!([{ "tenure": { "title": "Secretary" } }])
    );
    assert_eq!(person["roleContradictions"], json!([]));
}

#[tokio::test]
async fn a_post_and_its_deputy_at_once_are_reported_as_a_contradiction() {
    // A later report still calls him deputy director, after one that called him director.
    let later = [(
        "d",
        "2022-02-01",
        "Wang Lin, Deputy Director of the Harbor Management Committee, visited the port.",
    )];
    let person = data_of(
        harbor_graph(&later),
        r#"{ entity(id: "wang-lin") { roleContradictions { message roles { title } from to } } }"#,
        json!({}),
    )
    .await["entity"]
        .clone();
    let found = person["roleContradictions"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{person:#}");
    let titles: Vec<&str> = found[0]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Deputy Director") && titles.contains(&"Director"),
        "{person:#}"
    );
    assert_eq!(found[0]["from"], "2021-05-01");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("both held at once"),
        "{person:#}"
    );
}

#[tokio::test]
async fn kong_leis_roles_come_with_dates_on_the_seeds() {
    let person = crate::common::data(
        r#"{ entity(id: "kong-lei") { tenures { title since } } }"#,
        json!({}),
    )
    .await["entity"]
        .clone();
    let tenures = person["tenures"].as_array().unwrap();
    let director = tenures
        .iter()
        .find(|t| t["title"] == "Director of the Management Committee")
        .unwrap();
    assert!(director["since"].is_string(), "{person:#}");
}

#[tokio::test]
async fn policies_active_on_a_day_follow_their_dates_and_successors() {
    let policies = r#"
[[entity]]
id = "talent-measures-2019"
name = "Talent Measures 2019"
published = "2019-04-01"
effective = "2019-05-01"

[[entity]]
id = "talent-measures-2024"
name = "Talent Measures 2024"
published = "2024-01-15"
effective = "2024-03-01"
supersedes = "talent-measures-2019"

[[entity]]
id = "expo-subsidy"
name = "Expo Subsidy"
effective = "2021-01-01"
expires = "2022-12-31"
"#;
    let dict = Dictionary::from_sources(&[(
        std::path::PathBuf::from("policies.toml"),
        graph_core::EntityKind::Policy,
        policies,
    )])
    .unwrap();
    let graph = Arc::new(KnowledgeGraph::build(
        Arc::new(Extractor::new(dict)),
        vec![],
    ));
    let active = |day: &'static str| {
        let graph = graph.clone();
        async move {
            let query = format!(r#"{{ policies(activeOn: "{day}") {{ id }} }}"#);
            let answer = data_of(graph, &query, json!({})).await;
            answer["policies"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_str().unwrap().to_owned())
                .collect::<Vec<String>>()
        }
    };
    assert_eq!(
        active("2019-04-15").await,
        Vec::<String>::new(),
        "published, not yet in effect"
    );
    assert_eq!(
        active("2021-06-01").await,
        ["expo-subsidy", "talent-measures-2019"]
    );
    assert_eq!(
        active("2023-06-01").await,
        ["talent-measures-2019"],
        "the subsidy expired"
    );
    // Published in January 2024, the new measures replace the old ones only from March.
    assert_eq!(active("2024-02-01").await, ["talent-measures-2019"]);
    assert_eq!(active("2024-03-01").await, ["talent-measures-2024"]);

    let life = data_of(
        graph.clone(),
        r#"{ entity(id: "talent-measures-2019") { lifecycle { published effective superseded supersededBy { id } } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(
        life["entity"]["lifecycle"],
        json!({ "published": "2019-04-01", "effective": "2019-05-01",
                "superseded": "2024-03-01", "supersededBy": { "id": "talent-measures-2024" } })
    );
}

#[tokio::test]
async fn changes_list_what_appeared_grew_and_went_quiet() {
    let query = r#"query ($from: String!, $to: String!) { changes(from: $from, to: $to) {
      previousFrom
      newEntities { entity { id } firstSeen mentions }
      newRelations { relation { source { id } target { id } } during }
      growing { relation { source { id } target { id } } before during }
      quiet { relation { source { id } target { id } } before }
    } }"#;
    let pair = |r: &Value| {
        let mut ids = [
            r["relation"]["source"]["id"].as_str().unwrap().to_owned(),
            r["relation"]["target"]["id"].as_str().unwrap().to_owned(),
        ];
        ids.sort();
        ids.join("+")
    };
    let pairs = |list: &Value| -> Vec<String> {
        let mut p: Vec<String> = list.as_array().unwrap().iter().map(pair).collect();
        p.sort();
        p
    };

    let in_2023 = data(query, json!({ "from": "2023", "to": "2023" })).await["changes"].clone();
    let mut new: Vec<&str> = in_2023["newEntities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["entity"]["id"].as_str().unwrap())
        .collect();
    new.sort();
    assert_eq!(new, ["bda", "boe", "kong-lei"]);
    assert_eq!(in_2023["newEntities"][0]["firstSeen"], "2023-03-10");
    assert_eq!(
        pairs(&in_2023["newRelations"]),
        ["bda+boe", "bda+kong-lei", "boe+kong-lei"]
    );

    // 2024 against the 366 days before it: the zone and BOE are named together twice instead
    // of once; Kong Lei and BOE once, as before, so they did not grow.
    let in_2024 = data(query, json!({ "from": "2024", "to": "2024" })).await["changes"].clone();
    assert_eq!(in_2024["previousFrom"], "2022-12-31");
    assert_eq!(in_2024["newEntities"], json!([]));
    assert_eq!(in_2024["newRelations"], json!([]));
    assert_eq!(pairs(&in_2024["growing"]), ["bda+boe"]);
    assert_eq!(in_2024["growing"][0]["before"], 1);
    assert_eq!(in_2024["growing"][0]["during"], 2);
    assert_eq!(in_2024["quiet"], json!([]));

    // Nothing is reported in 2025: every relation went quiet, the zone and BOE first (three
    // earlier sentences).
    let in_2025 = data(query, json!({ "from": "2025", "to": "2025" })).await["changes"].clone();
    assert_eq!(pair(&in_2025["quiet"][0]), "bda+boe");
    assert_eq!(in_2025["quiet"][0]["before"], 3);
    assert_eq!(
        pairs(&in_2025["quiet"]),
        ["bda+boe", "bda+kong-lei", "boe+kong-lei"]
    );
}

/// A report written for the syndication test: Kong Lei and BOE named together in two of its
/// sentences.
const ROBOT_STORY: &str = "Kong Lei toured the new robot testing centre of BOE in Beijing E-Town on Tuesday morning. \
    The centre lets makers of service robots run their machines over stairs, ramps and crowded corridors before they sell them. \
    Twelve companies have already booked time in its first month, according to the operators of the building. \
    Each test ends with a report that buyers in hospitals and hotels can read before they place an order. \
    Kong Lei said BOE would open a second hall for outdoor delivery robots in the spring of next year. \
    Local firms welcomed the news, saying they used to send their prototypes far to the south for weeks of testing.";

#[tokio::test]
async fn a_reposted_story_counts_once_and_another_story_about_the_event_counts() {
    let dict = Dictionary::load_dir(&root().join("dictionaries")).unwrap();
    let extractor = Arc::new(Extractor::new(dict));
    let original = doc(
        "zone-news",
        "2024-05-14",
        &format!("Robot testing centre opens\n{ROBOT_STORY}\nEditor: Li Ming"),
    );
    // Another outlet's page: its own header and footer, a few words changed.
    let repost = doc(
        "city-daily",
        "2024-05-15",
        &format!(
            "City Daily | Robots\nSource: Zone News\n{}\nShare this article. Responsible editor: Wang Fang",
            ROBOT_STORY
                .replace("Twelve companies", "12 companies")
                .replace("on Tuesday morning", "on Tuesday")
        ),
    );
    // A report of the same visit in other words.
    let other = doc(
        "evening-post",
        "2024-05-16",
        "During a visit on Tuesday, Kong Lei heard from BOE how the robot centre in Beijing E-Town will grow. \
         The zone's officials expect more firms to book the stairs and ramps of the new building this summer.",
    );
    let graph = |docs: Vec<DocumentInput>| Arc::new(KnowledgeGraph::build(extractor.clone(), docs));
    let query = r#"{
      relation(a: "kong-lei", b: "boe") { kind weight months { month count } evidence(first: 10) { document { id } } }
      entity(id: "boe") { neighbors(relation: CO_MENTION) { entity { id } weight } }
      stories { documents { id copies { id } } }
    }"#;
    let co_mention = |answer: &Value| {
        answer["relation"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "CO_MENTION")
            .cloned()
            .unwrap()
    };
    let neighbor = |answer: &Value, id: &str| {
        answer["entity"]["neighbors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["entity"]["id"] == id)
            .map(|n| n["weight"].clone())
    };

    let alone = data_of(graph(vec![original.clone()]), query, json!({})).await;
    assert_eq!(co_mention(&alone)["weight"], 2);
    assert_eq!(alone["stories"], json!([]));

    // The repost adds its sentences as evidence, but not to the weight.
    let reposted = data_of(
        graph(vec![original.clone(), repost.clone()]),
        query,
        json!({}),
    )
    .await;
    let co = co_mention(&reposted);
    assert_eq!(co["weight"], 2, "{co:#}");
    assert_eq!(co["evidence"].as_array().unwrap().len(), 4);
    assert_eq!(co["months"], json!([{ "month": "2024-05", "count": 2 }]));
    assert_eq!(neighbor(&reposted, "kong-lei"), Some(json!(2)));
    assert_eq!(
        reposted["stories"],
        json!([{ "documents": [
            { "id": "city-daily", "copies": [{ "id": "zone-news" }] },
            { "id": "zone-news", "copies": [{ "id": "city-daily" }] },
        ] }])
    );

    // Another story about the same visit is not a copy: its sentence counts.
    let both = data_of(graph(vec![original, repost, other]), query, json!({})).await;
    assert_eq!(co_mention(&both)["weight"], 3);
    assert_eq!(neighbor(&both, "kong-lei"), Some(json!(3)));
    assert_eq!(both["stories"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_policys_published_and_effective_dates_are_read_from_chinese_and_english_text() {
    let dict = Dictionary::load_dir(&root().join("dictionaries")).unwrap();
    let docs = vec![
        doc(
            "foreign-investment-zh",
            "2024-03-05",
            "北京经济技术开发区管委会于2024年2月20日印发《外资九条》（京开管发〔2024〕3号），自2024年3月1日起施行，有效期3年。\
             外资企业可以按照新政策申请支持资金。",
        ),
        doc(
            "talents-en",
            "2023-06-01",
            "Beijing E-Town's Ten Measures for Talents were issued on May 10, 2023. \
             The measures take effect on June 1, 2023, the Management Committee said.",
        ),
    ];
    let graph = Arc::new(KnowledgeGraph::build(Arc::new(Extractor::new(dict)), docs));
    let query = r#"{
      zh: entity(id: "nine-policies-on-foreign-investment") { lifecycle {
        published effective expires documentNumbers
        stated { event date evidence { document { id } } }
      } }
      en: entity(id: "ten-measures-for-talents") { lifecycle { published effective expires } }
      before: policies(activeOn: "2024-02-25", first: 1000) { id }
      after: policies(activeOn: "2024-03-02", first: 1000) { id }
    }"#;
    let answer = data_of(graph, query, json!({})).await;
    let zh = &answer["zh"]["lifecycle"];
    assert_eq!(zh["published"], "2024-02-20", "{zh:#}");
    assert_eq!(zh["effective"], "2024-03-01");
    // Three years from 1 March 2024, the last day included.
    assert_eq!(zh["expires"], "2027-02-28");
    assert_eq!(zh["documentNumbers"], json!(["京开管发〔2024〕3号"]));
    assert!(
        zh["stated"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["evidence"]["document"]["id"] == "foreign-investment-zh"),
        "{zh:#}"
    );
    let en = &answer["en"]["lifecycle"];
    assert_eq!(en["published"], "2023-05-10", "{en:#}");
    assert_eq!(en["effective"], "2023-06-01");
    assert_eq!(en["expires"], Value::Null);

    // Published but not yet in effect, then in force.
    let ids = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(!ids(&answer["before"]).contains(&"nine-policies-on-foreign-investment".to_owned()));
    assert!(ids(&answer["after"]).contains(&"nine-policies-on-foreign-investment".to_owned()));
}

#[test]
fn changes_read_through_the_index_equal_changes_read_from_every_edge() {
    use graph_core::Period;
    let w = graph_api::workload::generate(2_000, 2_000_000, 7).unwrap();
    let extractor = Arc::new(Extractor::new(w.dictionary().unwrap()));
    let graph = KnowledgeGraph::build(extractor, w.inputs());
    let mut spans: Vec<(String, String)> = (2018..=2026)
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    for q in [
        ("2023-01", "2023-03"),
        ("2023-04", "2023-06"),
        ("2024-10", "2024-12"),
    ] {
        spans.push((q.0.into(), q.1.into()));
    }
    spans.extend(
        [
            ("2021-05", "2021-05"),
            ("2022-02-03", "2022-02-17"),
            ("2019", "2025"),
            ("2010", "2012"),
            ("2030", "2031"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned())),
    );
    let mut compared = 0;
    for (from, to) in &spans {
        let period = Period::parse(Some(from), Some(to)).unwrap();
        for top in [0, 1, 5, 100_000] {
            let fast = graph.changes(period, top).unwrap();
            let reference = graph.changes_reference(period, top).unwrap();
            assert_eq!(fast, reference, "{from}..{to}, top {top}");
            compared += fast.new_entities.len() + fast.growing.len() + fast.quiet.len();
        }
    }
    // The spans inside the corpus's years find something to compare.
    assert!(compared > 1_000, "{compared}");
    assert!(
        graph
            .changes(Period::parse(Some("2024"), None).unwrap(), 5)
            .is_none()
    );
}

#[tokio::test]
async fn members_path_subgraph_and_exports_count_only_the_span() {
    let dict = Dictionary::load_dir(&root().join("dictionaries")).unwrap();
    let docs = vec![
        doc(
            "jd-2023",
            "2023-04-11",
            "JD Group expanded its additive manufacturing line in Beijing E-Town. Kong Lei visited BOE the same week.",
        ),
        doc(
            "xiaomi-2025",
            "2025-02-03",
            "Xiaomi opened an additive manufacturing workshop in Beijing E-Town.",
        ),
    ];
    let graph = Arc::new(KnowledgeGraph::build(Arc::new(Extractor::new(dict)), docs));
    let members = r#"query ($from: String, $to: String) {
      members(of: "additive-manufacturing", kind: COMPANY, from: $from, to: $to, first: 1000) {
        entity { id } origin evidence { document { id } }
      }
    }"#;
    let ids = |answer: &Value| -> Vec<String> {
        answer["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["origin"] == "INFERRED")
            .map(|m| m["entity"]["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = data_of(graph.clone(), members, json!({})).await;
    assert_eq!(ids(&all), ["jd-group", "xiaomi"], "{all:#}");
    let in_2023 = data_of(
        graph.clone(),
        members,
        json!({ "from": "2023", "to": "2023" }),
    )
    .await;
    assert_eq!(ids(&in_2023), ["jd-group"]);
    let since_2024 = data_of(graph.clone(), members, json!({ "from": "2024" })).await;
    assert_eq!(ids(&since_2024), ["xiaomi"]);
    assert!(
        since_2024["members"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| m["evidence"].as_array().unwrap())
            .all(|e| e["document"]["id"] == "xiaomi-2025"),
        "{since_2024:#}"
    );

    // Kong Lei and BOE are joined only by the 2023 report.
    let path = r#"query ($since: String, $until: String) {
      path(from: "kong-lei", to: "boe", maxHops: 1, since: $since, until: $until) { id }
    }"#;
    let found = data_of(graph.clone(), path, json!({ "until": "2023-12-31" })).await;
    assert_eq!(
        found["path"],
        json!([{ "id": "kong-lei" }, { "id": "boe" }])
    );
    let later = data_of(graph.clone(), path, json!({ "since": "2024" })).await;
    assert_eq!(later["path"], Value::Null);
    let bad = execute_on(graph.clone(), path, json!({ "since": "2024-13" })).await;
    assert!(
        bad["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`since`"),
        "{bad:#}"
    );

    // The subgraph and the JSON export around the zone, in 2025 only.
    let sub = r#"query ($from: String, $to: String) {
      subgraph(filter: { entity: "bda", relations: [CO_MENTION], from: $from, to: $to }) {
        edges { source { id } target { id } weight }
      }
      export(format: JSON, filter: { entity: "bda", relations: [CO_MENTION], from: $from, to: $to })
    }"#;
    let ends = |answer: &Value| -> Vec<String> {
        let mut v: Vec<String> = answer["subgraph"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{}-{}",
                    e["source"]["id"].as_str().unwrap(),
                    e["target"]["id"].as_str().unwrap()
                )
            })
            .collect();
        v.sort();
        v
    };
    let whole = data_of(graph.clone(), sub, json!({})).await;
    assert!(
        ends(&whole).iter().any(|e| e.contains("jd-group")),
        "{whole:#}"
    );
    let only_2025 = data_of(graph.clone(), sub, json!({ "from": "2025", "to": "2025" })).await;
    let kept = ends(&only_2025);
    assert!(!kept.is_empty());
    assert!(
        kept.iter()
            .all(|e| !e.contains("jd-group") && !e.contains("kong-lei")),
        "{kept:?}"
    );
    let exported: Value = serde_json::from_str(only_2025["export"].as_str().unwrap()).unwrap();
    let edges = exported["elements"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), kept.len());
    for e in edges {
        for ev in e["data"]["evidence"].as_array().unwrap() {
            assert_eq!(ev["document"], "xiaomi-2025");
        }
    }
}

#[test]
fn kgraph_export_takes_a_span_and_names_a_bad_date() {
    let run = |args: &[&str]| {
        let out = kgraph(args);
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let edges = |json: &str| -> Vec<Value> {
        let v: Value = serde_json::from_str(json).unwrap();
        v["elements"]["edges"].as_array().unwrap().clone()
    };
    let (ok, all, err) = run(&["export", "--format", "json", "--entity", "kong-lei"]);
    assert!(ok, "{err}");
    let (ok, in_2024, err) = run(&[
        "export", "--format", "json", "--entity", "kong-lei", "--from", "2024", "--to", "2024",
    ]);
    assert!(ok, "{err}");
    let (all, in_2024) = (edges(&all), edges(&in_2024));
    assert!(
        in_2024.len() < all.len(),
        "{} vs {}",
        in_2024.len(),
        all.len()
    );
    // Every edge read from text in the 2024 export has its evidence in the 2024 seed.
    for e in &in_2024 {
        if e["data"]["origin"] != "curated" {
            assert!(e["data"]["last_seen"].as_str().unwrap() >= "2024", "{e:#}");
        }
    }
    let (ok, _, err) = run(&["export", "--format", "json", "--from", "2024-13"]);
    assert!(!ok);
    assert!(err.contains("--from"), "{err}");
}

#[tokio::test]
async fn the_four_seeds_are_dated_and_say_where_each_date_comes_from() {
    let answer = crate::common::data(
        r#"{ documents { edges { node { id date dated dateBasis } } } }"#,
        json!({}),
    )
    .await;
    let got: Vec<(String, Value, Value)> = answer["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = &e["node"];
            let id = n["id"].as_str().unwrap();
            (
                id[..3].to_owned(),
                n["dated"].clone(),
                n["dateBasis"].clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("000".to_owned(), json!("2023-05-17"), json!("stated")),
            ("001".to_owned(), json!("2024-09-19"), json!("lead")),
            ("002".to_owned(), json!("2020-05-27"), json!("release")),
            ("003".to_owned(), json!("2023-12-08"), json!("stated")),
        ]
    );
}
