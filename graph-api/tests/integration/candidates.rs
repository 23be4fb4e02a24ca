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
fn corpus() -> std::path::PathBuf {
    let dir = scratch("candidates");
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
    let dir = corpus();
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
    let dir = corpus();
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
    let dir = corpus();
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
