//! The queries of the API against the seed graph, through `schema::execute` (no socket): what
//! each answers, and how bad arguments are refused.

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::common::{data, error, execute};

fn ids(list: &Value, pointer: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v.pointer(pointer)
                .and_then(Value::as_str)
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn future_health_companies_include_jinlan_gene_with_its_sentence() {
    let data = data(
        r#"{ members(of: "future-health", kind: COMPANY) {
               entity { id name kind } group { id } origin curated inferred via { id }
               evidence(first: 3) { sentence document { id } } } }"#,
        json!({}),
    )
    .await;
    let list = data["members"].as_array().unwrap();
    assert!(
        list.iter().all(|m| m["entity"]["kind"] == "COMPANY"),
        "{list:#?}"
    );
    assert!(
        list.iter().all(|m| m["group"]["id"] == "future-health"),
        "{list:#?}"
    );
    let jinlan = list
        .iter()
        .find(|m| m["entity"]["id"] == "jinlan-gene")
        .unwrap_or_else(|| panic!("jinlan-gene missing from {list:#?}"));
    assert_eq!(jinlan["origin"], "INFERRED");
    assert_eq!(jinlan["inferred"], true);
    let sentence = jinlan["evidence"][0]["sentence"].as_str().unwrap();
    assert!(sentence.contains("jinlan gene"), "{sentence}");
    assert!(sentence.contains("future health"), "{sentence}");
    assert_eq!(
        jinlan["evidence"][0]["document"]["id"],
        "001_a6a857458e187a96"
    );
}

#[tokio::test]
async fn excluding_inferred_keeps_only_curated_members() {
    let data = data(
        r#"{ members(of: "future-health", includeInferred: false) { entity { id } origin } }"#,
        json!({}),
    )
    .await;
    let list = data["members"].as_array().unwrap();
    assert!(list.iter().all(|m| m["origin"] == "CURATED"), "{list:#?}");
    assert!(!ids(&data["members"], "/entity/id").contains(&"jinlan-gene".to_owned()));
}

#[tokio::test]
async fn members_come_in_pages() {
    let all = data(
        r#"{ members(of: "bda", first: 1000) { entity { id } } }"#,
        json!({}),
    )
    .await;
    let all = ids(&all["members"], "/entity/id");
    assert!(all.len() >= 3, "{all:?}");
    let mut paged = Vec::new();
    for offset in (0..all.len() + 2).step_by(2) {
        let page = data(
                r#"query($offset: Int!) { members(of: "bda", first: 2, offset: $offset) { entity { id } } }"#,
                json!({ "offset": offset }),
            )
            .await;
        let page = ids(&page["members"], "/entity/id");
        assert!(page.len() <= 2);
        paged.extend(page);
    }
    assert_eq!(paged, all);
    let nested = data(
        r#"{ entity(id: "bda") { members(first: 2, offset: 1) { entity { id } } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(ids(&nested["entity"]["members"], "/entity/id"), all[1..3]);
    let documents = data(
            r#"{ entity(id: "bda") { all: documents(first: 1000) { id } page: documents(first: 1, offset: 1) { id } } }"#,
            json!({}),
        )
        .await;
    let all = ids(&documents["entity"]["all"], "/id");
    assert!(all.len() >= 2, "{all:?}");
    assert_eq!(ids(&documents["entity"]["page"], "/id"), all[1..2]);
}

#[tokio::test]
async fn roles_come_in_pages() {
    let data = data(
        r#"{ entity(id: "kong-lei") {
                   all: roles(first: 1000) { title organization { id } origin }
                   first: roles(first: 1) { title organization { id } origin }
                   second: roles(first: 1, offset: 1) { title organization { id } origin }
                   past: roles(offset: 1000) { title } } }"#,
        json!({}),
    )
    .await;
    let e = &data["entity"];
    let all = e["all"].as_array().unwrap();
    assert!(all.len() >= 2, "{all:#?}");
    assert_eq!(e["first"].as_array().unwrap()[..], all[..1]);
    assert_eq!(e["second"].as_array().unwrap()[..], all[1..2]);
    assert_eq!(e["past"], json!([]));
    let error = error(
        r#"{ entity(id: "kong-lei") { roles(offset: -1) { title } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(error["extensions"]["code"], "INVALID_INPUT", "{error:#}");
    assert!(
        error["message"].as_str().unwrap().contains("offset"),
        "{error:#}"
    );
}

#[tokio::test]
async fn kong_lei_roles_and_co_mentions() {
    let data = data(
            r#"{ entity(id: "kong-lei") {
                   name nameZh kind
                   roles { title origin organization { id } evidence(first: 1) { sentence } }
                   neighbors(relation: CO_MENTION, first: 50) { entity { id } weight evidence(first: 1) { sentence } } } }"#,
            json!({}),
        )
        .await;
    let e = &data["entity"];
    assert_eq!(e["name"], "Kong Lei");
    assert_eq!(e["nameZh"], "孔磊");
    assert_eq!(e["kind"], "PERSON");
    let roles = e["roles"].as_array().unwrap();
    // One role at the Management Committee: the dictionary's, proven by the sentence that states
    // it as well.
    let committee: Vec<&Value> = roles
        .iter()
        .filter(|r| r["organization"]["id"] == "bda-management-committee")
        .collect();
    assert_eq!(committee.len(), 1, "{roles:#?}");
    assert_eq!(
        committee[0]["title"],
        "Director of the Management Committee"
    );
    assert_eq!(committee[0]["origin"], "CURATED");
    assert!(
        committee[0]["evidence"][0]["sentence"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("kong lei")
    );
    let neighbors = ids(&e["neighbors"], "/entity/id");
    assert!(neighbors.contains(&"bda".to_owned()), "{neighbors:?}");
    assert!(
        neighbors.contains(&"li-quan".to_owned())
            || neighbors.contains(&"future-health".to_owned())
    );
}

#[tokio::test]
async fn the_zone_has_one_entity_in_every_language() {
    for name in [
        "亦庄",
        "Beijing E-Town",
        "北京经开区",
        "beijing yizhuang",
        "BDA",
        "經開區",
    ] {
        let data = data(
            "query($n: String!) { lookup(name: $n) { id } }",
            json!({ "n": name }),
        )
        .await;
        assert_eq!(ids(&data["lookup"], "/id"), ["bda"], "lookup {name:?}");
    }
}

#[tokio::test]
async fn path_between_two_companies() {
    let found = data(
        r#"{ path(from: "jd-group", to: "boe") { id name } }"#,
        json!({}),
    )
    .await;
    let path = ids(&found["path"], "/id");
    assert_eq!(path.first().map(String::as_str), Some("jd-group"));
    assert_eq!(path.last().map(String::as_str), Some("boe"));
    assert!(path.len() >= 2 && path.len() <= 7, "{path:?}");
    // Each step is a real relation.
    for pair in path.windows(2) {
        let rel = data(
            "query($a: ID!, $b: ID!) { relation(a: $a, b: $b) { kind } }",
            json!({ "a": pair[0], "b": pair[1] }),
        )
        .await;
        assert!(
            !rel["relation"].as_array().unwrap().is_empty(),
            "no relation {pair:?}"
        );
    }
}

#[tokio::test]
async fn documents_mentioning_boe() {
    let data = data(
        r#"{ entity(id: "boe") { mentionCount documents { id title date language }
                 mentions(first: 5) { edges { node { surface sentence document { id } } } } } }"#,
        json!({}),
    )
    .await;
    let docs = ids(&data["entity"]["documents"], "/id");
    assert!(
        docs.contains(&"000_03717fe45803d5d5".to_owned()),
        "{docs:?}"
    );
    let first = &data["entity"]["documents"][0];
    assert_eq!(first["date"], "2023-05-17");
    assert_eq!(first["language"], "en");
    let mention = &data["entity"]["mentions"]["edges"][0]["node"];
    assert_eq!(mention["surface"], "BOE");
    assert!(
        mention["sentence"]
            .as_str()
            .unwrap()
            .contains("BOE Technology Innovation Center")
    );
}

#[tokio::test]
async fn extract_reads_a_new_paragraph_without_storing_it() {
    let text = "Kong Lei, director of the management committee of Beijing E-Town, visited BOE. \
                北京经开区工委副书记张继红表示,京东方将扩产。";
    let data = data(
        r#"query($t: String!) { extract(text: $t) {
                   language sentenceCount
                   mentions { entity { id } surface start end sentence }
                   relations { kind source { id } target { id } label origin sentence } }
                 stats { documents } }"#,
        json!({ "t": text }),
    )
    .await;
    let x = &data["extract"];
    assert_eq!(x["language"], "mixed");
    let mentioned = ids(&x["mentions"], "/entity/id");
    for id in [
        "kong-lei",
        "bda-management-committee",
        "boe",
        "zhang-jihong",
        "bda-working-committee",
    ] {
        assert!(
            mentioned.contains(&id.to_owned()),
            "{id} not in {mentioned:?}"
        );
    }
    for m in x["mentions"].as_array().unwrap() {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["surface"].as_str().unwrap());
    }
    let roles: Vec<(&str, &str, &str)> = x["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "ROLE")
        .map(|r| {
            (
                r["source"]["id"].as_str().unwrap(),
                r["target"]["id"].as_str().unwrap(),
                r["label"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        roles.contains(&("kong-lei", "bda-management-committee", "director")),
        "{roles:?}"
    );
    assert!(
        roles.contains(&("zhang-jihong", "bda-working-committee", "副书记")),
        "{roles:?}"
    );
    assert_eq!(
        data["stats"]["documents"], 4,
        "extract must not store the text"
    );
}

#[tokio::test]
async fn relay_pagination_walks_all_entities_without_gap_or_repeat() {
    let total = data("{ stats { entities } }", json!({})).await["stats"]["entities"]
        .as_u64()
        .unwrap() as usize;
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let data = data(
            "query($after: String) { entities(first: 17, after: $after) {
                   edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
            json!({ "after": after }),
        )
        .await;
        let conn = &data["entities"];
        seen.extend(ids(&conn["edges"], "/node/id"));
        if !conn["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = conn["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        assert!(seen.len() <= total, "pagination runs past the end");
    }
    assert_eq!(seen.len(), total);
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        total,
        "a repeated entity"
    );
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "entities come in id order");
}

#[tokio::test]
async fn entities_filter_by_kind_cluster_and_search() {
    let data = data(
            r#"{ people: entities(kind: PERSON, first: 1000) { edges { node { kind } } }
                 health: entities(cluster: "future-health", first: 100) { edges { node { id kind } } }
                 search: entities(search: "经开区", first: 100) { edges { node { id } } } }"#,
            json!({}),
        )
        .await;
    let people = data["people"]["edges"].as_array().unwrap();
    assert!(people.len() > 30);
    assert!(people.iter().all(|e| e["node"]["kind"] == "PERSON"));
    assert!(ids(&data["health"]["edges"], "/node/id").contains(&"jinlan-gene".to_owned()));
    assert!(ids(&data["search"]["edges"], "/node/id").contains(&"bda".to_owned()));
}

#[tokio::test]
async fn documents_filter_by_date() {
    let data = data(
        r#"{ documents(from: "2023-06-01", to: "2023-12-31") { edges { node { id date } } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(
        ids(&data["documents"]["edges"], "/node/id"),
        ["003_f0a68b9a35df172c"]
    );
    let err = error(
        r#"{ documents(from: "June") { edges { cursor } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(err["extensions"]["code"], "INVALID_INPUT");
    assert!(err["message"].as_str().unwrap().contains("YYYY-MM-DD"));
}

#[tokio::test]
async fn bad_ids_and_arguments_are_clear_errors_not_crashes() {
    let cases = [
        (
            r#"{ entity(id: "no-such-thing") { id } }"#,
            "NOT_FOUND",
            "no-such-thing",
        ),
        (
            r#"{ lookup(name: "  ") { id } }"#,
            "INVALID_INPUT",
            "must not be empty",
        ),
        (
            r#"{ members(of: "kong-lei") { origin } }"#,
            "INVALID_INPUT",
            "person",
        ),
        (
            r#"{ members(of: "future-health", offset: -1) { origin } }"#,
            "INVALID_INPUT",
            "offset",
        ),
        (
            r#"{ members(of: "future-health", first: 5000) { origin } }"#,
            "INVALID_INPUT",
            "first",
        ),
        (
            r#"{ path(from: "boe", to: "bda", maxHops: 0) { id } }"#,
            "INVALID_INPUT",
            "maxHops",
        ),
        (
            r#"{ entity(id: "boe") { neighbors(first: -1) { weight } } }"#,
            "INVALID_INPUT",
            "first",
        ),
        (
            r#"{ entities(first: 100000) { edges { cursor } } }"#,
            "INVALID_INPUT",
            "first",
        ),
        (r#"{ document(id: "nope") { id } }"#, "NOT_FOUND", "nope"),
        (
            r#"{ extract(text: "") { language } }"#,
            "INVALID_INPUT",
            "empty",
        ),
    ];
    for (query, code, words) in cases {
        let err = error(query, json!({})).await;
        assert_eq!(err["extensions"]["code"], code, "{query}: {err:#}");
        assert!(
            err["message"].as_str().unwrap().contains(words),
            "{query}: {err:#}"
        );
    }
    // A query that does not parse is a GraphQL error with a position, not a 500.
    let body = execute("{ entity(id: ", json!({})).await;
    assert!(body["errors"][0]["message"].as_str().is_some(), "{body:#}");
}

/// `members` says what it holds: the zone's members are of several kinds, each told by
/// `entity.kind`, and `kind` keeps one of them, in the same order.
#[tokio::test]
async fn members_are_of_every_kind_unless_one_is_asked_for() {
    let all = data(
        r#"{ members(of: "bda", first: 1000) { entity { id kind } group { id } } }"#,
        json!({}),
    )
    .await;
    let all = all["members"].as_array().unwrap().clone();
    let kinds: HashSet<&str> = all
        .iter()
        .map(|m| m["entity"]["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.len() >= 2 && kinds.contains("COMPANY"), "{kinds:?}");
    assert!(all.iter().all(|m| m["group"]["id"] == "bda"));
    let companies = data(
        r#"{ members(of: "bda", kind: COMPANY, first: 1000) { entity { id kind } } }"#,
        json!({}),
    )
    .await;
    let want: Vec<&Value> = all
        .iter()
        .filter(|m| m["entity"]["kind"] == "COMPANY")
        .map(|m| &m["entity"])
        .collect();
    let got: Vec<&Value> = companies["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["entity"])
        .collect();
    assert_eq!(got, want);
}

#[tokio::test]
async fn evidence_carries_the_date_of_what_its_sentence_says() {
    let data = data(
        r#"{ document(id: "000_03717fe45803d5d5") { date
               relations { evidence(first: 1000) { sentence date dateBasis document { id } } } } }"#,
        json!({}),
    )
    .await;
    let doc = &data["document"];
    assert_eq!(doc["date"], "2023-05-17");
    let evidence: Vec<&Value> = doc["relations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["evidence"].as_array().unwrap())
        .filter(|e| e["document"]["id"] == "000_03717fe45803d5d5")
        .collect();
    let stated = evidence
        .iter()
        .find(|e| {
            e["sentence"]
                .as_str()
                .unwrap()
                .starts_with("In February 2017,")
        })
        .unwrap_or_else(|| panic!("no evidence from the 2017 sentence in {evidence:#?}"));
    assert_eq!(stated["date"], "2017-02");
    assert_eq!(stated["dateBasis"], "SENTENCE");
    let plain = evidence
        .iter()
        .find(|e| e["dateBasis"] == "DOCUMENT")
        .unwrap_or_else(|| panic!("no evidence dated by its document in {evidence:#?}"));
    assert_eq!(plain["date"], "2023-05-17");
}

#[tokio::test]
async fn a_curated_relation_names_its_dictionary_entry_and_source() {
    let data = data(
        r#"{ relation(a: "jd-group", b: "bda") { kind origin origins
               provenance { file line source asOf } } }"#,
        json!({}),
    )
    .await;
    let located = data["relation"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "LOCATED_IN")
        .unwrap_or_else(|| panic!("no LOCATED_IN between JD Group and the zone: {data:#}"));
    assert_eq!(located["origin"], "CURATED");
    assert_eq!(located["origins"], json!(["CURATED"]));
    let provenance = &located["provenance"];
    assert_eq!(provenance["file"], "companies.toml");
    let line = provenance["line"].as_u64().unwrap() as usize;
    let companies =
        std::fs::read_to_string(crate::common::root().join("dictionaries/companies.toml")).unwrap();
    assert_eq!(
        companies.lines().nth(line - 1).map(str::trim),
        Some(r#"id = "jd-group""#),
        "line {line} of companies.toml should be JD Group's id"
    );
    assert!(
        provenance["source"].as_str().unwrap().starts_with("http"),
        "{provenance}"
    );
}

#[tokio::test]
async fn extracted_mentions_slice_in_utf16_as_a_browser_slices() {
    // "𠀀" is outside the Basic Multilingual Plane: one character, two UTF-16 units, four bytes.
    let text = "𠀀 据悉，京东集团在亦庄。 Then BOE grew.";
    let data = data(
        r#"query($t: String!) { extract(text: $t) { mentions { surface start end utf16Start utf16End } } }"#,
        json!({ "t": text }),
    )
    .await;
    let units: Vec<u16> = text.encode_utf16().collect();
    let mentions = data["extract"]["mentions"].as_array().unwrap();
    let surfaces: Vec<&str> = mentions
        .iter()
        .map(|m| m["surface"].as_str().unwrap())
        .collect();
    assert_eq!(surfaces, ["京东集团", "亦庄", "BOE"], "{mentions:#?}");
    for m in mentions {
        let (a, b) = (
            m["utf16Start"].as_u64().unwrap() as usize,
            m["utf16End"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&units[a..b]).unwrap(),
            m["surface"].as_str().unwrap()
        );
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["surface"].as_str().unwrap());
        assert!(
            a < s,
            "UTF-16 offsets are smaller than byte offsets after Chinese text"
        );
    }
}

#[tokio::test]
async fn candidates_name_what_the_dictionaries_do_not_know_with_their_sentences() {
    let data = data(
        r#"{ candidates(first: 1000) { nodes { key name kind documents mentions signals score
               aliasOf { id } evidence(first: 2) { sentence surface start end utf16InSentence document { id text } } } } }"#,
        json!({}),
    )
    .await;
    let list = data["candidates"]["nodes"].as_array().unwrap();
    assert!(
        !list.is_empty(),
        "the seeds name things the dictionaries do not know"
    );
    // Ranked: documents never grow down the list.
    let documents: Vec<u64> = list
        .iter()
        .map(|c| c["documents"].as_u64().unwrap())
        .collect();
    assert!(documents.windows(2).all(|w| w[0] >= w[1]), "{documents:?}");
    for c in list {
        assert!(!c["signals"].as_array().unwrap().is_empty(), "{c:#}");
        for e in c["evidence"].as_array().unwrap() {
            let text = e["document"]["text"].as_str().unwrap();
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..t], e["surface"].as_str().unwrap());
            // Where to mark it in the sentence, as a browser counts.
            let sentence: Vec<u16> = e["sentence"].as_str().unwrap().encode_utf16().collect();
            let surface: Vec<u16> = e["surface"].as_str().unwrap().encode_utf16().collect();
            let at = e["utf16InSentence"].as_u64().unwrap() as usize;
            assert_eq!(
                sentence.get(at..at + surface.len()),
                Some(&surface[..]),
                "{e:#}"
            );
            assert!(
                e["sentence"]
                    .as_str()
                    .unwrap()
                    .contains(e["surface"].as_str().unwrap()),
                "{e:#}"
            );
        }
    }
    let people = data_of_kind("PERSON").await;
    assert!(people.iter().all(|c| c["kind"] == "PERSON"), "{people:#?}");
    let bad = error(
        r#"{ candidates(minDocuments: -1) { nodes { key } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(bad["extensions"]["code"], "INVALID_INPUT");

    // Pages follow one another through their cursors: two pages of two are the first four.
    let page = |after: Value| async move {
        crate::common::data(
            "query($a: String) { candidates(first: 2, after: $a) { nodes { key } pageInfo { hasNextPage hasPreviousPage endCursor } } }",
            json!({ "a": after }),
        )
        .await["candidates"]
            .clone()
    };
    let one = page(Value::Null).await;
    assert_eq!(one["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(one["pageInfo"]["hasNextPage"], list.len() > 2);
    let two = page(one["pageInfo"]["endCursor"].clone()).await;
    assert_eq!(two["pageInfo"]["hasPreviousPage"], true);
    let paged: Vec<&Value> = one["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(two["nodes"].as_array().unwrap())
        .map(|c| &c["key"])
        .collect();
    let whole: Vec<&Value> = list.iter().take(4).map(|c| &c["key"]).collect();
    assert_eq!(paged, whole);
    let bad = error(
        r#"{ candidates(after: "zz") { nodes { key } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(bad["extensions"]["code"], "INVALID_INPUT");
}

async fn data_of_kind(kind: &str) -> Vec<Value> {
    let data = data(
        "query($k: EntityKind) { candidates(kind: $k, first: 1000) { nodes { key kind } } }",
        json!({ "k": kind }),
    )
    .await;
    data["candidates"]["nodes"].as_array().unwrap().clone()
}
