//! `kgraph candidates` and the candidates of `kgraph extract`, through the real binary, on
//! articles written for the tests.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::{kgraph, scratch};

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Two articles that name a company the dictionaries do not know, once in Traditional and once
/// in Simplified characters, and a person with a title.
/// The two articles in a scratch directory of the test's own: tests run at once, and each
/// empties its directory first.
fn corpus(test: &str) -> std::path::PathBuf {
    let dir = scratch(&format!("candidates-{test}"));
    std::fs::write(
        dir.join("a.txt"),
        "星河智造在亦庄扩产\n\n昨天，星河智造科技集团宣布在亦庄扩产。星河智造科技集团副总裁王晓明表示，新工厂明年投产。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "星河智造再扩产\n\n今天，星河智造科技集團在北京經開區簽約新項目。Liu Wenhua, chairman of Starlight Robotics, said the zone helps.\n",
    )
    .unwrap();
    dir
}

#[test]
fn extract_json_has_candidates_with_offsets_into_the_file() {
    let dir = corpus("extract_json_has_candidates_with_offsets_into_the_file");
    let file = dir.join("a.txt");
    let out = kgraph(&["extract", "--format", "json", file.to_str().unwrap()]);
    let json: Value = serde_json::from_str(&ok(&out)).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let candidates = json["documents"][0]["candidates"].as_array().unwrap();
    let company = candidates
        .iter()
        .find(|c| c["surface"] == "星河智造科技集团")
        .unwrap_or_else(|| panic!("no company in {candidates:?}"));
    assert_eq!(company["kind"], "company");
    for key in ["surface", "kind", "start", "end", "sentence", "signals"] {
        assert!(company.get(key).is_some(), "candidate lacks {key}");
    }
    let (start, end) = (
        company["start"].as_u64().unwrap() as usize,
        company["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "星河智造科技集团");
    let person = candidates
        .iter()
        .find(|c| c["surface"] == "王晓明")
        .unwrap_or_else(|| panic!("no person in {candidates:?}"));
    assert_eq!(person["kind"], "person");
    let roles = json["documents"][0]["candidate_roles"].as_array().unwrap();
    assert!(
        roles
            .iter()
            .any(|r| r["title"] == "副总裁" && r["org"] == "candidate:星河智造科技集团"),
        "{roles:?}"
    );
}

#[test]
fn candidates_are_grouped_across_scripts_and_ranked() {
    let dir = corpus("candidates_are_grouped_across_scripts_and_ranked");
    let out = kgraph(&[
        "candidates",
        "--corpus",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&ok(&out)).unwrap();
    let groups = json["candidates"].as_array().unwrap();
    // Traditional and Simplified spellings are one group, named in both documents: first.
    assert_eq!(groups[0]["key"], "星河智造科技集团", "{groups:?}");
    assert_eq!(groups[0]["documents"], 2);
    assert_eq!(groups[0]["kind"], "company");
    let spellings: Vec<&str> = groups[0]["spellings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(spellings.contains(&"星河智造科技集團"), "{spellings:?}");
    assert!(
        groups[0]["evidence"]["sentence"]
            .as_str()
            .unwrap()
            .contains("星河智造科技集"),
    );

    let people = kgraph(&[
        "candidates",
        "--corpus",
        dir.to_str().unwrap(),
        "--kind",
        "person",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&ok(&people)).unwrap();
    let names: Vec<&str> = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"王晓明") && names.contains(&"Liu Wenhua"),
        "{names:?}"
    );
    assert!(
        json["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["kind"] == "person")
    );

    let two = kgraph(&[
        "candidates",
        "--corpus",
        dir.to_str().unwrap(),
        "--min-documents",
        "2",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&ok(&two)).unwrap();
    assert!(
        json["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["documents"] == 2)
    );
}

#[test]
fn toml_output_is_entity_tables_the_loader_reads() {
    let dir = corpus("toml_output_is_entity_tables_the_loader_reads");
    let out = kgraph(&[
        "candidates",
        "--corpus",
        dir.to_str().unwrap(),
        "--kind",
        "company",
        "--format",
        "toml",
    ]);
    let text = ok(&out);
    assert!(text.contains("# ---- companies.toml ----"), "{text}");
    // Pasted into a dictionary directory of its own, the tables load.
    let dict = scratch("candidates-toml");
    std::fs::write(dict.join("companies.toml"), &text).unwrap();
    let check = kgraph(&["check", "--dictionaries", dict.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}\n{text}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(text.contains("name_zh = \"星河智造科技集团\""), "{text}");
}

#[test]
fn collisions_are_reported_from_files_the_loader_refuses() {
    let dict = scratch("collisions");
    std::fs::write(
        dict.join("companies.toml"),
        "[[entity]]\nid = \"a\"\nname = \"Alpha\"\naliases = [\"AB\"]\n\n[[entity]]\nid = \"b\"\nname = \"Beta\"\naliases = [\"ab\"]\n",
    )
    .unwrap();
    assert!(
        !kgraph(&["check", "--dictionaries", dict.to_str().unwrap()])
            .status
            .success()
    );
    let out = kgraph(&[
        "candidates",
        "--collisions",
        "--dictionaries",
        dict.to_str().unwrap(),
    ]);
    let text = ok(&out);
    assert!(text.contains("COLLISION \"AB\""), "{text}");
    assert!(
        text.contains("companies.toml:2") && text.contains("companies.toml:7"),
        "{text}"
    );
    let _ = Path::new(&dict);
}

#[tokio::test]
async fn provisional_entities_answer_when_the_status_filter_asks() {
    let g = crate::common::graph_of_corpus(&corpus(
        "provisional_entities_answer_when_the_status_filter_asks",
    ));
    let run = |query: &'static str| crate::common::execute_on(g.clone(), query, Value::Null);
    // Left out by default.
    let plain = run(r#"{ entities(search: "星河智造", first: 50) { nodes { id status } } }"#).await;
    assert_eq!(plain["errors"], Value::Null, "{plain}");
    assert_eq!(plain["data"]["entities"]["nodes"], serde_json::json!([]));
    // Asked for: the company two documents name, in either script, one provisional entity.
    let asked = run(
        r#"{ entities(status: [CANDIDATE], kind: COMPANY, first: 50) {
               nodes { id status kind name mentionCount documentCount
                       mentions(first: 5) { nodes { surface } } } } }"#,
    )
    .await;
    let nodes = asked["data"]["entities"]["nodes"].as_array().unwrap();
    let company = nodes
        .iter()
        .find(|n| n["name"] == "星河智造科技集团")
        .unwrap_or_else(|| panic!("{asked}"));
    assert_eq!(company["status"], "CANDIDATE");
    assert_eq!(company["kind"], "COMPANY");
    assert_eq!(company["documentCount"], 2);
    let id = company["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("candidate:"), "{id}");
    let surfaces: Vec<&str> = company["mentions"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["surface"].as_str())
        .collect();
    assert!(surfaces.contains(&"星河智造科技集團"), "{surfaces:?}");
    // By id, with its role-holder and the curated zone beside it.
    let query = format!(
        r#"{{ entity(id: "{id}") {{ status neighbors(status: [CURATED, CANDIDATE]) {{
               entity {{ id status }} relations {{ kind label }} }} }} }}"#
    );
    let one = crate::common::execute_on(g.clone(), &query, Value::Null).await;
    let neighbors = one["data"]["entity"]["neighbors"].as_array().unwrap();
    assert_eq!(one["data"]["entity"]["status"], "CANDIDATE");
    assert!(
        neighbors.iter().any(|n| n["entity"]["id"] == "bda"),
        "{one}"
    );
    assert!(
        neighbors
            .iter()
            .any(|n| n["entity"]["status"] == "CANDIDATE"
                && n["relations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["kind"] == "ROLE" && r["label"] == "副总裁")),
        "the vice president's role: {one}"
    );
    // The candidates list links the provisional entity.
    let listed = run(r#"{ candidates(first: 50) { nodes { name entity { id status } } } }"#).await;
    let entry = listed["data"]["candidates"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["entity"]["id"] == id.as_str())
        .cloned();
    assert!(entry.is_some(), "{listed}");
    // The export marks it, and leaves it out unless asked.
    let plain = run(r#"{ export(format: JSON) }"#).await;
    assert!(
        !plain["data"]["export"]
            .as_str()
            .unwrap()
            .contains("candidate:")
    );
    let both = run(r#"{ export(format: JSON, filter: {status: [CURATED, CANDIDATE]}) }"#).await;
    let doc: Value = serde_json::from_str(both["data"]["export"].as_str().unwrap()).unwrap();
    let node = doc["elements"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["data"]["id"] == id.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("{doc}"));
    assert_eq!(node["data"]["status"], "candidate");
}

#[test]
fn export_cli_adds_candidates_with_status() {
    let dir = corpus("export_cli_adds_candidates_with_status");
    let out = kgraph(&[
        "export",
        "--corpus",
        dir.to_str().unwrap(),
        "--format",
        "csv",
        "--status",
        "curated,candidate",
        "-o",
        dir.join("csv").to_str().unwrap(),
    ]);
    ok(&out);
    let nodes = std::fs::read_to_string(dir.join("csv").join("nodes.csv")).unwrap();
    assert!(
        nodes.starts_with("id:ID,name,name_zh,kind,status,"),
        "{nodes}"
    );
    assert!(
        nodes.lines().any(|l| l.starts_with("candidate:")
            && l.contains(",candidate,")
            && l.ends_with(";Candidate")),
        "{nodes}"
    );
    let plain = kgraph(&[
        "export",
        "--corpus",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(!ok(&plain).contains("\"candidate\""));
}
