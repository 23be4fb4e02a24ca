//! The review loop over the real binary: a candidate accepted over GraphQL is in the graph at
//! once with its evidence, survives kill -9, is written into dictionary files that `kgraph
//! check` accepts, and those files alone give the same graph.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Process, copy_dir, kgraph, root, scratch};

/// Written for this test: a company and a person no dictionary knows, beside the zone.
const ARTICLE: &str = "Qingyun Robotics opens its plant in Yizhuang\n\n\
Qingyun Robotics Co., Ltd. opened a humanoid-robot plant in Beijing E-Town on Monday. \
Zhang Weiqiang, chairman of Qingyun Robotics Co., Ltd., said the plant will make 500 robots a year. \
The 2026 Lantern Robot Forum will meet at the plant in June.\n";

const CANDIDATES: &str = "{ candidates(first: 200) { nodes { key name kind aliasOf { id } proposal { id kind name } } } }";

fn serve(data: &Path, dictionaries: &Path) -> Process {
    Process::start(data, &["--dictionaries", dictionaries.to_str().unwrap()])
}

fn candidate<'a>(candidates: &'a Value, name: &str) -> Option<&'a Value> {
    candidates["candidates"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().is_some_and(|n| n.contains(name)))
}

const ENTITY: &str = "query($id: ID!) { entity(id: $id) { id kind name mentionCount \
    mentions(first: 5) { nodes { surface document { id } } } } }";

#[tokio::test(flavor = "multi_thread")]
async fn an_accepted_candidate_survives_kill_9_and_export_gives_the_same_graph() {
    let dir = scratch("review-loop");
    let dictionaries = dir.join("dictionaries");
    copy_dir(&root().join("dictionaries"), &dictionaries);
    let data = dir.join("data");
    let server = serve(&data, &dictionaries);
    let doc = server.ingest(ARTICLE).await["document"]["id"].clone();

    let before = server.data(CANDIDATES, json!({})).await;
    let company = candidate(&before, "Qingyun Robotics").expect("the company is a candidate");
    assert_eq!(company["kind"], "COMPANY", "{company}");
    let key = company["key"].as_str().unwrap().to_owned();
    let id = company["proposal"]["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("qingyun-robotics"), "proposed id {id}");

    // Accepted: the entity is in the answer and in the graph at once, with its mentions.
    let accepted = server
        .data(
            "mutation($k: String!) { acceptCandidate(input: { key: $k, clusters: [\"robots-intelligent-manufacturing\"] }) \
             { version review { id action candidate entity undone } entity { id kind mentionCount } } }",
            json!({ "k": key }),
        )
        .await["acceptCandidate"]
        .clone();
    assert_eq!(accepted["review"]["action"], "ACCEPT");
    assert_eq!(accepted["review"]["entity"], id.as_str());
    assert_eq!(accepted["entity"]["kind"], "COMPANY");
    let mentions = accepted["entity"]["mentionCount"].as_u64().unwrap();
    assert!(mentions >= 2, "both sentences name it: {accepted}");
    let entity = server.data(ENTITY, json!({ "id": id })).await;
    assert_eq!(
        entity["entity"]["mentions"]["nodes"][0]["document"]["id"],
        doc
    );
    // The name is a mention now; what is left is a longer form, proposed as its alias.
    let after = server.data(CANDIDATES, json!({})).await;
    if let Some(left) = candidate(&after, "Qingyun Robotics") {
        assert_eq!(left["aliasOf"]["id"], id.as_str(), "{left}");
    }

    // Found by any of its spellings, folded as keys are.
    let found = server
        .data(
            "{ candidates(search: \"LANTERN robot\") { nodes { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        found["candidates"]["nodes"],
        json!([{ "name": "2026 Lantern Robot Forum" }])
    );

    // Rejected: the forum stops coming back.
    let forum = candidate(&before, "Lantern Robot Forum").expect("the forum is a candidate");
    let rejected = server
        .data(
            "mutation($k: String!) { rejectCandidate(key: $k) { review { id action } } }",
            json!({ "k": forum["key"] }),
        )
        .await;
    assert_eq!(rejected["rejectCandidate"]["review"]["action"], "REJECT");
    assert!(
        candidate(
            &server.data(CANDIDATES, json!({})).await,
            "Lantern Robot Forum"
        )
        .is_none()
    );

    // A refusal names the problem and changes nothing.
    let refused = server
        .post(
            "mutation { addAlias(entity: \"no-such-entity\", alias: \"Qingyun\") { version } }",
            json!({}),
        )
        .await;
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no entity with id \"no-such-entity\"")),
        "{refused}"
    );
    let stats = "{ stats { entities relations mentions } }";
    let served = server.data(stats, json!({})).await;
    server.kill9();

    // kill -9, restart: the decisions were on disk when acknowledged.
    let server = serve(&data, &dictionaries);
    let entity = server.data(ENTITY, json!({ "id": id })).await;
    assert_eq!(entity["entity"]["mentionCount"].as_u64(), Some(mentions));
    assert!(
        candidate(
            &server.data(CANDIDATES, json!({})).await,
            "Lantern Robot Forum"
        )
        .is_none()
    );
    assert_eq!(server.data(stats, json!({})).await, served);
    let reviews = server
        .data("{ reviews { action undone } }", json!({}))
        .await;
    assert_eq!(
        reviews["reviews"],
        json!([{ "action": "REJECT", "undone": false }, { "action": "ACCEPT", "undone": false }])
    );

    // Exported into the dictionary directory: comments and order kept, `check` accepts it.
    let before_export = std::fs::read_to_string(dictionaries.join("companies.toml")).unwrap();
    let out = kgraph(&[
        "review",
        "export",
        "-o",
        dictionaries.to_str().unwrap(),
        "--dictionaries",
        dictionaries.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after_export = std::fs::read_to_string(dictionaries.join("companies.toml")).unwrap();
    assert!(
        after_export.starts_with(&before_export),
        "the file's text is kept as it was"
    );
    let added = &after_export[before_export.len()..];
    assert!(added.contains(&format!("id = \"{id}\"")), "{added}");
    assert!(
        added.ends_with("\"]\n"),
        "the file ends with a line break: {added:?}"
    );
    assert!(
        added.contains("clusters = [\"robots-intelligent-manufacturing\"]"),
        "{added}"
    );
    let check = kgraph(&["check", "--dictionaries", dictionaries.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // The exported files alone, with a new store holding the same article: the same graph.
    server.stop();
    let fresh = serve(&dir.join("fresh"), &dictionaries);
    fresh.ingest(ARTICLE).await;
    assert_eq!(fresh.data(stats, json!({})).await, served);
    let entity = fresh.data(ENTITY, json!({ "id": id })).await;
    assert_eq!(entity["entity"]["mentionCount"].as_u64(), Some(mentions));
    fresh.stop();

    // The old store on the exported files: its accept is already there and changes nothing.
    let server = serve(&data, &dictionaries);
    assert_eq!(server.data(stats, json!({})).await, served);
    server.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn alias_and_undo_change_the_graph_at_once() {
    let dir = scratch("review-alias");
    let dictionaries = dir.join("dictionaries");
    copy_dir(&root().join("dictionaries"), &dictionaries);
    let server = serve(&dir.join("data"), &dictionaries);
    server
        .ingest("Lighthouse Display Works opened a line in Yizhuang.\n\nLighthouse Display Works will make panels in Beijing E-Town.\n")
        .await;
    let count = |v: &Value| v["entity"]["mentionCount"].as_u64().unwrap();
    let boe = json!({ "id": "boe" });
    let before = count(&server.data(ENTITY, boe.clone()).await);

    let alias = server
        .data(
            "mutation { addAlias(entity: \"boe\", alias: \"Lighthouse Display Works\") \
             { review { id action alias } entity { id mentionCount } } }",
            json!({}),
        )
        .await["addAlias"]
        .clone();
    assert_eq!(alias["review"]["alias"], "Lighthouse Display Works");
    assert_eq!(
        alias["entity"]["mentionCount"].as_u64(),
        Some(before + 2),
        "{alias}"
    );

    // The same spelling twice is refused with the reason.
    let again = server
        .post(
            "mutation { addAlias(entity: \"boe\", alias: \"Lighthouse Display Works\") { version } }",
            json!({}),
        )
        .await;
    assert!(
        again["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("already a spelling of \"boe\"")),
        "{again}"
    );

    let undone = server
        .data(
            "mutation($id: ID!) { undoReview(id: $id) { review { undone } } }",
            json!({ "id": alias["review"]["id"] }),
        )
        .await;
    assert_eq!(undone["undoReview"]["review"]["undone"], true);
    assert_eq!(count(&server.data(ENTITY, boe).await), before);
    server.stop();
}

#[test]
fn the_cli_reviews_offline_and_refuses_with_the_reason() {
    let dir = scratch("review-cli");
    let dictionaries = dir.join("dictionaries");
    copy_dir(&root().join("dictionaries"), &dictionaries);
    let data = dir.join("data");
    let article = dir.join("article.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let d = dictionaries.to_str().unwrap();
    let data_arg = data.to_str().unwrap();
    let ingest = kgraph(&["ingest", "--data", data_arg, article.to_str().unwrap()]);
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );

    let accept = kgraph(&[
        "review",
        "accept",
        "Qingyun Robotics",
        "--dictionaries",
        d,
        "--data",
        data_arg,
        "--id",
        "qingyun",
        "--name-zh",
        "青云机器人",
    ]);
    let stdout = String::from_utf8_lossy(&accept.stdout);
    assert!(
        accept.status.success(),
        "{}",
        String::from_utf8_lossy(&accept.stderr)
    );
    assert!(
        stdout.contains("id = \"qingyun\"") && stdout.contains("name_zh = \"青云机器人\""),
        "{stdout}"
    );

    let twice = kgraph(&[
        "review",
        "accept",
        "Qingyun Robotics",
        "--dictionaries",
        d,
        "--data",
        data_arg,
        "--id",
        "qingyun",
        "--name",
        "Qingyun Robotics",
        "--kind",
        "company",
    ]);
    assert!(!twice.status.success());
    let stderr = String::from_utf8_lossy(&twice.stderr);
    assert!(
        stderr.contains("an entity with id \"qingyun\" already exists"),
        "{stderr}"
    );

    let clash = kgraph(&[
        "review",
        "alias",
        "boe",
        "青云机器人",
        "--dictionaries",
        d,
        "--data",
        data_arg,
    ]);
    assert!(!clash.status.success());
    let stderr = String::from_utf8_lossy(&clash.stderr);
    assert!(
        stderr.contains("青云机器人"),
        "a spelling two entities claim is refused: {stderr}"
    );

    let candidates = || {
        let out = kgraph(&[
            "candidates",
            "--dictionaries",
            d,
            "--data",
            data_arg,
            "--format",
            "json",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(candidates().contains("2026 Lantern Robot Forum"));
    let reject = kgraph(&[
        "review",
        "reject",
        "2026 Lantern Robot Forum",
        "--dictionaries",
        d,
        "--data",
        data_arg,
    ]);
    assert!(
        reject.status.success(),
        "{}",
        String::from_utf8_lossy(&reject.stderr)
    );
    assert!(
        !candidates().contains("Lantern"),
        "a rejected candidate is no longer listed"
    );

    let list = kgraph(&["review", "list", "--data", data_arg]);
    let stdout = String::from_utf8_lossy(&list.stdout);
    assert!(
        stdout.contains("accept") && stdout.contains("reject") && stdout.contains("2 decisions in"),
        "{stdout}"
    );

    let out = dir.join("exported");
    let export = kgraph(&[
        "review",
        "export",
        "-o",
        out.to_str().unwrap(),
        "--dictionaries",
        d,
        "--data",
        data_arg,
    ]);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let companies = std::fs::read_to_string(out.join("companies.toml")).unwrap();
    assert!(companies.contains("id = \"qingyun\""));
    let check = kgraph(&["check", "--dictionaries", out.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let undo = kgraph(&[
        "review",
        "undo",
        "1",
        "--dictionaries",
        d,
        "--data",
        data_arg,
    ]);
    assert!(
        undo.status.success(),
        "{}",
        String::from_utf8_lossy(&undo.stderr)
    );
    let export = kgraph(&[
        "review",
        "export",
        "-o",
        out.to_str().unwrap(),
        "--dictionaries",
        d,
        "--data",
        data_arg,
    ]);
    assert!(export.status.success());
    let companies = std::fs::read_to_string(out.join("companies.toml")).unwrap();
    assert!(
        !companies.contains("id = \"qingyun\""),
        "undone, the entity is no longer exported"
    );
}
