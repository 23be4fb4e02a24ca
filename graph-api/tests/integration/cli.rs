//! The `kgraph` binary as a user runs it.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::common::{copy_dir, kgraph, root, scratch};

#[test]
fn check_accepts_the_shipped_dictionaries() {
    let out = kgraph(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("OK"), "{stdout}");
}

#[test]
fn check_names_file_line_and_field_of_each_problem() {
    let dir = scratch("check");
    std::fs::write(
        dir.join("companies.toml"),
        "[[entity]]\nid = \"boe\"\nname = \"BOE\"\nclusters = [\"nowhere\"]\n\n[[entity]]\nid = \"x\"\nname = \"X\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("people.toml"),
        "[[entity]]\nid = \"boe\"\nname = \"Someone\"\nrank = 3\n",
    )
    .unwrap();
    let out = kgraph(&["check", "--dictionaries", dir.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("companies.toml:4:"), "{stderr}");
    assert!(
        stderr.contains("field `clusters`") && stderr.contains("\"nowhere\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("companies.toml:8:") && stderr.contains("too short"),
        "{stderr}"
    );
    assert!(
        stderr.contains("people.toml:4:") && stderr.contains("unknown field `rank`"),
        "{stderr}"
    );
}

#[test]
fn build_prints_counts_and_time() {
    let out = kgraph(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for word in [
        "4 documents",
        "company",
        "person",
        "CO_MENTION",
        "ROLE",
        "IN_CLUSTER",
        "built in",
    ] {
        assert!(stdout.contains(word), "{word} missing from:\n{stdout}");
    }
}

#[test]
fn extract_json_has_the_documented_shape() {
    let out = kgraph(&[
        "extract",
        "--format",
        "json",
        "seeds/002_8a9a8cd84788b55b.txt",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &json["documents"][0];
    assert_eq!(doc["path"], "seeds/002_8a9a8cd84788b55b.txt");
    assert_eq!(doc["language"], "zh");
    let m = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["entity"] == "zhang-jihong")
        .unwrap();
    for key in ["kind", "name", "surface", "start", "end", "sentence"] {
        assert!(m.get(key).is_some(), "mention lacks {key}");
    }
    assert_eq!(m["surface"], "张继红");
    let role = doc["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "ROLE" && r["source"] == "zhang-jihong")
        .unwrap();
    assert_eq!(role["target"], "bda-working-committee");
    assert_eq!(role["label"], "副书记");
    assert_eq!(role["origin"], "extracted");
    assert!(
        role["evidence"]
            .as_str()
            .unwrap()
            .contains("北京经开区工委副书记张继红")
    );
}

#[test]
fn one_bad_document_does_not_lose_the_others() {
    let dir = scratch("extract");
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"Kong Lei \xff\xfe said").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let good = Path::new("seeds/000_03717fe45803d5d5.txt");
    let out = kgraph(&[
        "extract",
        "--format",
        "json",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        empty.to_str().unwrap(),
    ]);
    assert!(!out.status.success(), "bad input must give a non-zero exit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.txt") && stderr.contains("invalid UTF-8 at line 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["date"], "2023-05-17");
}

#[test]
fn missing_directories_are_named() {
    let out = kgraph(&["build", "--corpus", "no/such/dir"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no/such/dir") && stderr.contains("--corpus"),
        "{stderr}"
    );
}

#[test]
fn serve_reports_a_busy_address() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let out = kgraph(&["serve", "--addr", &addr]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&addr) && stderr.contains("--addr"),
        "{stderr}"
    );
}

#[test]
fn export_dot_of_an_ego_network_renders_with_graphviz() {
    let out = kgraph(&[
        "export", "--format", "dot", "--entity", "kong-lei", "--depth", "1",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph"), "{dot}");
    assert!(dot.contains("Kong Lei\\n孔磊"), "{dot}");
    assert!(dot.contains("\"bda-management-committee\""), "{dot}");

    let bad = kgraph(&["export", "--entity", "nobody"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--entity \"nobody\""));

    let Ok(mut child) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Graphviz `dot` is required under CI=true"
        );
        eprintln!("skipped: Graphviz `dot` is not installed (apt-get install graphviz)");
        return;
    };
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let rendered = child.wait_with_output().unwrap();
    assert!(rendered.status.success());
    assert_eq!(
        String::from_utf8_lossy(&rendered.stderr),
        "",
        "Graphviz warned"
    );
    let svg = String::from_utf8(rendered.stdout).unwrap();
    assert!(svg.contains("孔磊") && svg.contains("Kong Lei"));
}

/// The standard output of a command that must succeed.
fn succeeded(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The line of `build --stats` that starts with `label`, without the label.
fn stat<'a>(stdout: &'a str, label: &str) -> &'a str {
    stdout
        .lines()
        .find_map(|l| l.trim_start().strip_prefix(label))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no `{label}` line in {stdout}"))
}

#[test]
fn gen_writes_a_reproducible_workload_that_builds_the_same_graph_on_any_number_of_threads() {
    let dir = scratch("gen");
    let (a, b, c) = (dir.join("a"), dir.join("b"), dir.join("c"));
    for (out, seed) in [(&a, "3"), (&b, "3"), (&c, "4")] {
        succeeded(kgraph(&[
            "gen",
            "--entities",
            "2000",
            "--size-mb",
            "0.3",
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
        ]));
    }
    let files = |d: &Path| {
        let mut all = Vec::new();
        for sub in ["dictionaries", "corpus"] {
            for e in std::fs::read_dir(d.join(sub)).unwrap() {
                let path = e.unwrap().path();
                all.push((
                    path.strip_prefix(d).unwrap().to_owned(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
        all.sort();
        all
    };
    let (fa, fb, fc) = (files(&a), files(&b), files(&c));
    assert!(fa.len() >= 8, "{} files", fa.len());
    assert!(fa == fb, "the same seed wrote different files");
    assert!(fa != fc, "another seed wrote the same files");
    let texts: Vec<&str> = fa
        .iter()
        .filter(|(p, _)| p.starts_with("corpus"))
        .map(|(_, t)| std::str::from_utf8(t).unwrap())
        .collect();
    let corpus: usize = texts.iter().map(|t| t.len()).sum();
    assert!(
        (300_000..330_000).contains(&corpus),
        "{corpus} bytes of corpus"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("经开区") || t.contains("亦庄"))
    );
    assert!(texts.iter().any(|t| t.contains("Beijing")));
    assert!(
        texts
            .iter()
            .any(|t| t.len() > 500 && !t.chars().any(char::is_uppercase))
    );

    let dictionaries = a.join("dictionaries");
    succeeded(kgraph(&[
        "check",
        "--dictionaries",
        dictionaries.to_str().unwrap(),
    ]));

    let build = |threads: &str| {
        succeeded(kgraph(&[
            "build",
            "--dictionaries",
            dictionaries.to_str().unwrap(),
            "--corpus",
            a.join("corpus").to_str().unwrap(),
            "--stats",
            "--threads",
            threads,
        ]))
    };
    let (one, two) = (build("1"), build("2"));
    assert_eq!(stat(&one, "fingerprint"), stat(&two, "fingerprint"));
    assert!(stat(&two, "extract").ends_with("on 2 thread(s)"), "{two}");
    assert!(stat(&one, "dictionaries").starts_with("2"), "{one}");
    // About one mention per 100-200 characters, as in the news the generator imitates.
    let per: f64 = stat(&one, "mentions")
        .split_once("one per ")
        .and_then(|(_, r)| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{one}"));
    assert!(
        (80.0..=200.0).contains(&per),
        "one mention per {per} characters"
    );
    assert!(
        stat(&one, "peak RSS").ends_with("per byte of corpus"),
        "{one}"
    );
}

/// Files saved with a byte-order mark or in another encoding: `extract` reads them, says what
/// they were read as, and keeps offsets a reader can slice; a file whose encoding cannot be told
/// is refused with the encoding problem named, and `ingest` says what it decoded.
#[test]
fn extract_and_ingest_read_files_in_their_encoding() {
    let dir = scratch("encodings");
    let bom = dir.join("bom.txt");
    std::fs::write(&bom, "\u{feff}BOE opened a plant in Beijing.\n").unwrap();
    let gb = dir.join("gb.txt");
    let zh = "京东方在北京经开区建厂。\n";
    let gb_bytes = encoding_rs::GB18030.encode(zh).0.into_owned();
    let no_mark = dir.join("utf16.txt");
    let utf16: Vec<u8> = "BOE opened a plant in Beijing.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(&no_mark, utf16).unwrap();
    let mut args = vec![
        "extract",
        "--format",
        "json",
        bom.to_str().unwrap(),
        no_mark.to_str().unwrap(),
    ];
    std::fs::write(&gb, &gb_bytes).unwrap();
    args.push(gb.to_str().unwrap());
    let out = kgraph(&args);
    assert!(
        !out.status.success(),
        "the UTF-16 file without a mark fails"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("utf16.txt") && stderr.contains("UTF-16 without a byte-order mark"),
        "{stderr}"
    );
    assert!(!stderr.contains("binary"), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs[0]["encoding"], "UTF-8");
    let boe = docs[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["entity"] == "boe")
        .unwrap();
    assert_eq!(
        (boe["start"].as_u64(), boe["end"].as_u64()),
        (Some(3), Some(6))
    );
    {
        assert_eq!(docs[1]["encoding"], "GB18030");
        let surfaces: Vec<&str> = docs[1]["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["surface"].as_str().unwrap())
            .collect();
        assert_eq!(surfaces, ["京东方", "北京经开区"]);

        let table = succeeded(kgraph(&["extract", gb.to_str().unwrap()]));
        assert!(table.contains("encoding: GB18030"), "{table}");
        let data = dir.join("data");
        let ingested = succeeded(kgraph(&[
            "ingest",
            "--data",
            data.to_str().unwrap(),
            gb.to_str().unwrap(),
        ]));
        assert!(ingested.contains("(decoded from GB18030)"), "{ingested}");
    }
}

/// `kgraph` run in `dir` (not the checkout), with standard error piped.
fn kgraph_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kgraph"))
        .args(args)
        .current_dir(dir)
        .env("RUST_LOG", "info")
        .env_remove("KGRAPH_DICTIONARIES")
        .env_remove("KGRAPH_CORPUS")
        .output()
        .unwrap()
}

/// Run anywhere but in the checkout, the binary says which directory is missing; it never reads
/// the dictionaries of the checkout it was built in.
#[test]
fn the_binary_reads_no_directory_of_the_machine_it_was_built_on() {
    let elsewhere = scratch("elsewhere");
    for command in [
        &["build"][..],
        &["check"],
        &["export"],
        &["extract", "x.txt"],
    ] {
        let out = kgraph_in(&elsewhere, command);
        assert!(
            !out.status.success(),
            "{command:?} ran without dictionaries"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("the dictionary directory dictionaries does not exist")
                && stderr.contains("--dictionaries"),
            "{command:?}: {stderr}"
        );
        let checkout = root().canonicalize().unwrap();
        assert!(
            !stderr.contains(checkout.to_str().unwrap()),
            "{command:?} looked in the checkout: {stderr}"
        );
    }
    copy_dir(
        &root().join("dictionaries"),
        &elsewhere.join("dictionaries"),
    );
    let out = kgraph_in(&elsewhere, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the corpus directory seeds does not exist") && stderr.contains("--corpus"),
        "{stderr}"
    );
}

/// Logs are plain text when standard error is a pipe or a file, as here.
#[test]
fn logs_have_no_colour_codes_when_standard_error_is_not_a_terminal() {
    let out = kgraph_in(&root(), &["build"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("INFO"), "no log lines to check: {stderr}");
    assert!(!stderr.contains('\u{1b}'), "colour codes in: {stderr:?}");
}

#[test]
fn help_shows_the_defaults() {
    let help = |args: &[&str]| succeeded(kgraph(args));
    let serve = help(&["serve", "--help"]);
    for default in [
        "[default: 127.0.0.1:8080]",
        "[default: dictionaries]",
        "[default: seeds]",
        "[default: data]",
        "[default: 30]",
        "[default: 64]",
    ] {
        assert!(serve.contains(default), "{default} missing from:\n{serve}");
    }
    let export = help(&["export", "--help"]);
    for default in ["[default: dot]", "[default: 1]", "[default: dictionaries]"] {
        assert!(
            export.contains(default),
            "{default} missing from:\n{export}"
        );
    }
    // The kinds a filter takes are listed from the request model.
    assert!(
        export.contains("company") && export.contains("co_mention"),
        "{export}"
    );
    for command in ["check", "extract", "ingest", "build", "gen"] {
        let text = help(&[command, "--help"]);
        assert!(
            text.contains("[default: "),
            "`{command} --help` shows no default:\n{text}"
        );
    }
}

#[test]
fn export_takes_kinds_and_relations_in_any_case_and_refuses_others_by_name() {
    let out = succeeded(kgraph(&[
        "export",
        "--format",
        "json",
        "--kind",
        "COMPANY,cluster",
        "--relation",
        "in_cluster",
    ]));
    let json: Value = serde_json::from_str(&out).unwrap();
    for n in json["elements"]["nodes"].as_array().unwrap() {
        assert!(["company", "cluster"].contains(&n["data"]["kind"].as_str().unwrap()));
    }
    let bad = kgraph(&["export", "--kind", "planet"]);
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("planet") && stderr.contains("company"),
        "{stderr}"
    );
}
