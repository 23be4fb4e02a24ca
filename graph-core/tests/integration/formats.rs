//! The GraphML, Cytoscape.js JSON and Neo4j CSV exports, and [`Format`], on a small hand-made
//! graph whose names hold quotes, backslashes, markup characters, line breaks and a control
//! character.

use std::collections::BTreeSet;
use std::io::{ErrorKind, Write as _};
use std::process::{Command, Stdio};

use graph_core::export::csv::{NODES_FILE, NODES_HEADER, RELATIONSHIPS_FILE, RELATIONSHIPS_HEADER};
use graph_core::{
    DotOptions, EdgeIdx, EntityIdx, EntityKind, Format, KnowledgeGraph, RelationKind, Selection,
    Subgraph, select, write_csv, write_csv_dir, write_dot, write_export, write_graphml, write_json,
};
use serde_json::Value;

use crate::common::{CLUSTERS, PARKS, graph_of, have};

const TRICKY_NAME: &str = "Say \"Hi\" \\ <Tags> & Co";
const TRICKY_TITLE: &str = "Chief \"AI\" Officer\r\nof <R&D> 'Labs'";
const TRICKY_SENTENCE: &str = "Tricky Co & Acme Dynamics said \"hello\" <today>.";

const COMPANIES: &str = r#"
[[entity]]
id = "acme-dynamics"
name = "Acme Dynamics"
name_zh = "艾克米动力"
clusters = ["humanoid-robots"]
parks = ["etown"]

[[entity]]
id = "beta-chips"
name = "Beta Chips"
name_zh = "贝塔芯片"

[[entity]]
id = "tricky-co"
name = "Say \"Hi\" \\ <Tags> & Co"
name_zh = "引号公司"
aliases = ["Tricky Co"]
clusters = ["integrated-circuits"]

[[entity]]
id = "bell-corp"
name = "Bell\u0007 Corp"
aliases = ["Bell Corp"]

[[entity]]
id = "lonely-corp"
name = "Lonely Corp"
"#;

const PEOPLE: &str = r#"
[[entity]]
id = "zhang-san"
name = "Zhang San"
name_zh = "张三"
roles = [{ title = "Chief \"AI\" Officer\r\nof <R&D> 'Labs'", org = "tricky-co" }]
"#;

fn graph() -> KnowledgeGraph {
    graph_of(
        &[
            (EntityKind::Company, COMPANIES),
            (EntityKind::Person, PEOPLE),
            (EntityKind::Cluster, CLUSTERS),
            (EntityKind::Park, PARKS),
        ],
        &[
            (
                "a",
                "Acme Dynamics and Beta Chips signed a supply deal in Beijing E-Town. \
                 Tricky Co & Acme Dynamics said \"hello\" <today>. \
                 Zhang San visited Tricky Co last week.",
            ),
            ("b", "艾克米动力与贝塔芯片在北京经开区签署合作协议。"),
            ("c", "Bell Corp and Beta Chips met on Monday."),
        ],
    )
}

/// Everything the corpus names or an edge reaches.
fn everything(g: &KnowledgeGraph) -> Subgraph {
    select(
        g,
        &Selection {
            include_isolated: true,
            ..Default::default()
        },
    )
}

fn node_ids(g: &KnowledgeGraph, sub: &Subgraph) -> Vec<String> {
    sub.nodes.iter().map(|&i| g.entity(i).id.clone()).collect()
}

fn graphml(g: &KnowledgeGraph, sub: &Subgraph) -> String {
    let mut out = Vec::new();
    write_graphml(g, sub, &mut out).expect("writing to a Vec does not fail");
    String::from_utf8(out).expect("GraphML output is UTF-8")
}

fn json(g: &KnowledgeGraph, sub: &Subgraph) -> String {
    let mut out = Vec::new();
    write_json(g, sub, &mut out).expect("writing to a Vec does not fail");
    String::from_utf8(out).expect("JSON output is UTF-8")
}

fn csv(g: &KnowledgeGraph, sub: &Subgraph) -> (String, String) {
    let (mut nodes, mut rels) = (Vec::new(), Vec::new());
    write_csv(g, sub, &mut nodes, &mut rels).expect("writing to a Vec does not fail");
    (
        String::from_utf8(nodes).expect("CSV output is UTF-8"),
        String::from_utf8(rels).expect("CSV output is UTF-8"),
    )
}

// ---------------------------------------------------------------------------------------------
// A small, strict XML reader: enough of XML 1.0 to check what the GraphML writer produces
// (declaration, elements, attributes, text, entity and character references), and to fail on
// anything malformed.

#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<El>,
    text: String,
}

impl El {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn one<'a>(&'a self, name: &'a str) -> &'a El {
        let found: Vec<&El> = self.all(name).collect();
        assert_eq!(
            found.len(),
            1,
            "<{}> has {} <{name}>",
            self.name,
            found.len()
        );
        found[0]
    }

    /// The text of the `<data key="...">` child, if any.
    fn data(&self, key: &str) -> Option<&str> {
        self.all("data")
            .find(|d| d.attr("key") == Some(key))
            .map(|d| d.text.as_str())
    }
}

fn xml_char_ok(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

fn decode(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = rest[amp..].find(';').expect("reference ends with ;");
        let name = &rest[amp + 1..amp + semi];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).expect("hex character reference")
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().expect("decimal character reference")
                } else {
                    panic!("unknown entity &{name};")
                };
                char::from_u32(code).expect("character reference is a char")
            }
        };
        assert!(xml_char_ok(c), "reference to {c:?}, not allowed in XML 1.0");
        out.push(c);
        rest = &rest[amp + semi + 1..];
    }
    out.push_str(rest);
    out
}

struct XmlReader<'a> {
    s: &'a str,
    pos: usize,
}

impl XmlReader<'_> {
    fn rest(&self) -> &str {
        &self.s[self.pos..]
    }

    fn skip_ws(&mut self) {
        let t = self.rest();
        self.pos += t.len() - t.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }

    fn expect(&mut self, lit: &str) {
        assert!(
            self.rest().starts_with(lit),
            "expected {lit:?} at {:?}",
            self.rest().chars().take(40).collect::<String>()
        );
        self.pos += lit.len();
    }

    fn name(&mut self) -> String {
        let t = self.rest();
        let n = t
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.')))
            .unwrap_or(t.len());
        assert!(n > 0, "name expected at {:?}", &t[..t.len().min(40)]);
        let name = t[..n].to_owned();
        self.pos += n;
        name
    }

    fn element(&mut self) -> El {
        self.expect("<");
        let mut el = El {
            name: self.name(),
            ..Default::default()
        };
        loop {
            self.skip_ws();
            if self.rest().starts_with("/>") {
                self.pos += 2;
                return el;
            }
            if self.rest().starts_with('>') {
                self.pos += 1;
                break;
            }
            let key = self.name();
            self.skip_ws();
            self.expect("=");
            self.skip_ws();
            let quote = self.rest().chars().next().expect("attribute value");
            assert!(quote == '"' || quote == '\'', "unquoted attribute {key}");
            self.pos += 1;
            let end = self.rest().find(quote).expect("attribute value is closed");
            let raw = &self.rest()[..end];
            assert!(!raw.contains('<'), "`<` in attribute {key}: {raw:?}");
            // Attribute-value normalization: literal white space becomes a space.
            let value = decode(&raw.replace(['\t', '\n', '\r'], " "));
            self.pos += end + 1;
            assert!(el.attr(&key).is_none(), "attribute {key} repeated");
            el.attrs.push((key, value));
        }
        loop {
            let t = self.rest();
            let lt = t.find('<').expect("element is closed");
            assert!(!t[..lt].contains("]]>"), "`]]>` in text");
            el.text.push_str(&decode(&t[..lt]));
            self.pos += lt;
            if self.rest().starts_with("</") {
                self.pos += 2;
                let close = self.name();
                assert_eq!(close, el.name, "mismatched closing tag");
                self.skip_ws();
                self.expect(">");
                return el;
            }
            el.children.push(self.element());
        }
    }
}

/// Parses an XML document, panicking on anything malformed; returns the root element.
fn parse_xml(s: &str) -> El {
    for c in s.chars() {
        assert!(xml_char_ok(c), "character {c:?} is not allowed in XML 1.0");
        // The writer turns every line break inside a value into a reference.
        assert_ne!(
            c, '\r',
            "a raw carriage return would be read as a line feed"
        );
    }
    let mut r = XmlReader { s, pos: 0 };
    r.expect(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    r.skip_ws();
    let root = r.element();
    r.skip_ws();
    assert!(
        r.rest().is_empty(),
        "content after the root: {:?}",
        r.rest()
    );
    root
}

// ---------------------------------------------------------------------------------------------
// A strict RFC 4180 reader: quoted fields with doubled quotes, records ending with `\n`.

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let (mut quoted, mut closed, mut fresh) = (false, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                    closed = true;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            ',' | '\n' => {
                row.push(std::mem::take(&mut field));
                if c == '\n' {
                    rows.push(std::mem::take(&mut row));
                }
                (closed, fresh) = (false, true);
            }
            _ => {
                assert!(!closed, "{c:?} after a closing quote");
                match c {
                    '"' if fresh => quoted = true,
                    '"' => panic!("quote inside an unquoted field"),
                    '\r' => panic!("unquoted carriage return"),
                    c => field.push(c),
                }
                fresh = false;
            }
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && row.is_empty(),
        "the last record must end with a line break"
    );
    rows
}

// ---------------------------------------------------------------------------------------------

#[test]
fn format_names_parse_and_describe() {
    for (s, f) in [
        ("dot", Format::Dot),
        ("GraphML", Format::Graphml),
        ("JSON", Format::Json),
        (" csv ", Format::Csv),
    ] {
        assert_eq!(Format::parse(s), Some(f), "{s}");
        assert_eq!(Format::parse(f.as_str()), Some(f));
        assert_eq!(f.to_string(), f.as_str());
    }
    assert_eq!(Format::parse("xml"), None);
    assert_eq!(Format::parse(""), None);
    let extensions: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
    assert_eq!(extensions, ["dot", "graphml", "json", "csv"]);
}

#[test]
fn write_export_matches_each_writer_and_refuses_csv() {
    let g = graph();
    let sub = everything(&g);
    let dot_opts = DotOptions {
        title: Some("t".into()),
        ..Default::default()
    };
    let export = |f: Format| {
        let mut out = Vec::new();
        write_export(&g, &sub, f, &dot_opts, &mut out).map(|()| out)
    };
    let mut dot = Vec::new();
    write_dot(&g, &sub, &dot_opts, &mut dot).unwrap();
    assert_eq!(export(Format::Dot).unwrap(), dot);
    assert_eq!(
        String::from_utf8(export(Format::Graphml).unwrap()).unwrap(),
        graphml(&g, &sub)
    );
    assert_eq!(
        String::from_utf8(export(Format::Json).unwrap()).unwrap(),
        json(&g, &sub)
    );

    let mut out = Vec::new();
    let err = write_export(&g, &sub, Format::Csv, &dot_opts, &mut out).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("two files"), "{err}");
    assert!(out.is_empty(), "nothing is written before the error");
}

#[test]
fn graphml_is_well_formed_typed_and_complete() {
    let g = graph();
    let sub = everything(&g);
    let text = graphml(&g, &sub);
    let root = parse_xml(&text);

    assert_eq!(root.name, "graphml");
    assert_eq!(
        root.attr("xmlns"),
        Some("http://graphml.graphdrawing.org/xmlns")
    );
    let keys: Vec<(&str, &str, &str)> = root
        .all("key")
        .map(|k| {
            (
                k.attr("for").unwrap(),
                k.attr("attr.name").unwrap(),
                k.attr("attr.type").unwrap(),
            )
        })
        .collect();
    for expected in [
        ("node", "label", "string"),
        ("node", "name", "string"),
        ("node", "name_zh", "string"),
        ("node", "kind", "string"),
        ("node", "status", "string"),
        ("node", "mentions", "int"),
        ("node", "centrality", "double"),
        ("node", "degree", "int"),
        ("edge", "relation", "string"),
        ("edge", "label", "string"),
        ("edge", "weight", "int"),
        ("edge", "origin", "string"),
        ("edge", "evidence", "string"),
    ] {
        assert!(keys.contains(&expected), "missing key {expected:?}");
    }
    let key_ids: BTreeSet<&str> = root.all("key").map(|k| k.attr("id").unwrap()).collect();
    assert_eq!(key_ids.len(), keys.len(), "key ids are unique");

    let graph_el = root.one("graph");
    assert_eq!(graph_el.attr("id"), Some("kgraph"));
    assert_eq!(graph_el.attr("edgedefault"), Some("directed"));
    let nodes: Vec<&El> = graph_el.all("node").collect();
    let edges: Vec<&El> = graph_el.all("edge").collect();
    assert_eq!(nodes.len(), sub.nodes.len());
    assert_eq!(edges.len(), sub.edges.len());
    assert!(!edges.is_empty());

    let ids: Vec<&str> = nodes.iter().map(|n| n.attr("id").unwrap()).collect();
    assert_eq!(ids, node_ids(&g, &sub), "nodes in id order");
    for key in [
        "n_label",
        "n_name",
        "n_kind",
        "n_mentions",
        "n_centrality",
        "n_degree",
    ] {
        assert!(nodes.iter().all(|n| n.data(key).is_some()), "{key}");
    }
    for n in &nodes {
        n.data("n_mentions").unwrap().parse::<u64>().unwrap();
        n.data("n_degree").unwrap().parse::<u64>().unwrap();
        let c: f64 = n.data("n_centrality").unwrap().parse().unwrap();
        assert!(c > 0.0 && c < 1.0, "{c}");
    }
    let node = |id: &str| *nodes.iter().find(|n| n.attr("id") == Some(id)).unwrap();

    let tricky = node("tricky-co");
    assert_eq!(tricky.data("n_name"), Some(TRICKY_NAME));
    assert_eq!(tricky.data("n_name_zh"), Some("引号公司"));
    assert_eq!(
        tricky.data("n_label").unwrap(),
        format!("{TRICKY_NAME} / 引号公司")
    );
    assert_eq!(tricky.data("n_kind"), Some("company"));
    // A control character cannot be written in XML 1.0: dropped, the rest kept.
    let bell = node("bell-corp");
    assert_eq!(bell.data("n_name"), Some("Bell Corp"));
    assert_eq!(bell.data("n_name_zh"), None, "no Chinese name, no data");
    assert_eq!(bell.data("n_label"), Some("Bell Corp"));

    let mut seen_ids = BTreeSet::new();
    for e in &edges {
        let id = e.attr("id").unwrap();
        assert!(
            id.starts_with('e') && id[1..].parse::<u32>().is_ok(),
            "{id}"
        );
        assert!(seen_ids.insert(id), "edge id {id} repeated");
        assert!(ids.contains(&e.attr("source").unwrap()));
        assert!(ids.contains(&e.attr("target").unwrap()));
        assert!(RelationKind::parse(e.data("e_relation").unwrap()).is_some());
        assert!(e.data("e_weight").unwrap().parse::<u32>().unwrap() >= 1);
    }
    let role = edges
        .iter()
        .find(|e| e.data("e_relation") == Some("ROLE"))
        .expect("the curated role is drawn");
    assert_eq!(role.attr("source"), Some("zhang-san"));
    assert_eq!(role.attr("target"), Some("tricky-co"));
    assert_eq!(role.data("e_label"), Some(TRICKY_TITLE));
    assert_eq!(role.data("e_origin"), Some("curated"));
    assert!(
        edges
            .iter()
            .any(|e| e.data("e_evidence") == Some(TRICKY_SENTENCE)),
        "{text}"
    );
}

/// networkx, the reference reader for GraphML in Python, reads the file with the same counts and
/// typed attributes. Skipped when networkx is not importable, except under `CI=true`.
#[test]
fn graphml_reads_in_networkx() {
    let python = "python3";
    if !have(
        python,
        &["-c", "import networkx"],
        "apt-get install python3-networkx",
    ) {
        return;
    }
    let g = graph();
    let sub = everything(&g);
    let text = graphml(&g, &sub);
    let script = r#"
import json, sys
import networkx as nx
g = nx.read_graphml(sys.stdin.buffer)
edges = g.edges(data=True)
print(json.dumps({
    "nodes": g.number_of_nodes(),
    "edges": g.number_of_edges(),
    "directed": g.is_directed(),
    "node": {n: {k: [v, type(v).__name__] for k, v in d.items()} for n, d in g.nodes(data=True)},
    "edge": [[u, v, {k: [x, type(x).__name__] for k, x in d.items()}] for u, v, d in edges],
}))
"#;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(text.as_bytes())
        .expect("python reads its input");
    let output = child.wait_with_output().expect("python finishes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "networkx failed: {stderr}\n{text}");
    let read: Value = serde_json::from_slice(&output.stdout).expect("the script prints JSON");

    assert_eq!(read["nodes"], sub.nodes.len());
    assert_eq!(read["edges"], sub.edges.len());
    assert_eq!(read["directed"], true);
    let tricky = &read["node"]["tricky-co"];
    assert_eq!(tricky["kind"][0], "company");
    assert_eq!(tricky["name"][0], TRICKY_NAME);
    assert_eq!(tricky["mentions"][1], "int");
    assert_eq!(tricky["centrality"][1], "float");
    assert_eq!(tricky["degree"][1], "int");
    let edges = read["edge"].as_array().unwrap();
    for e in edges {
        assert_eq!(e[2]["weight"][1], "int", "{e}");
    }
    let role = edges
        .iter()
        .find(|e| e[2]["relation"][0] == "ROLE")
        .expect("networkx sees the role");
    assert_eq!(role[0], "zhang-san");
    assert_eq!(role[1], "tricky-co");
    assert_eq!(role[2]["label"][0], TRICKY_TITLE);
    let co_mention = edges
        .iter()
        .find(|e| {
            e[0] == "acme-dynamics" && e[1] == "beta-chips" && e[2]["relation"][0] == "CO_MENTION"
        })
        .expect("networkx sees the co-mention");
    // "a" names both in one sentence, "b" in another.
    assert_eq!(co_mention[2]["weight"][0], 2);
}

#[test]
fn json_is_cytoscape_elements() {
    let g = graph();
    let sub = everything(&g);
    let text = json(&g, &sub);
    assert!(text.ends_with("}\n"));
    assert!(text.contains("\n  \"elements\": {"), "pretty-printed");
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc.as_object().unwrap().len(), 1);
    let nodes = doc["elements"]["nodes"].as_array().unwrap();
    let edges = doc["elements"]["edges"].as_array().unwrap();
    assert_eq!(nodes.len(), sub.nodes.len());
    assert_eq!(edges.len(), sub.edges.len());

    let ids: Vec<&str> = nodes
        .iter()
        .map(|n| n["data"]["id"].as_str().expect("every node has data.id"))
        .collect();
    assert_eq!(ids, node_ids(&g, &sub), "nodes in id order");
    let fields = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    for n in nodes {
        let d = &n["data"];
        assert_eq!(
            fields(d),
            [
                "centrality",
                "degree",
                "id",
                "kind",
                "label",
                "mentions",
                "name",
                "name_zh",
                "status"
            ],
            "{d}"
        );
        assert!(d["mentions"].is_u64() && d["degree"].is_u64() && d["centrality"].is_f64());
    }
    let mut all_ids: BTreeSet<&str> = ids.iter().copied().collect();
    for e in edges {
        let d = &e["data"];
        assert!(
            all_ids.insert(d["id"].as_str().unwrap()),
            "ids are unique across nodes and edges: {d}"
        );
        assert!(ids.contains(&d["source"].as_str().unwrap()), "{d}");
        assert!(ids.contains(&d["target"].as_str().unwrap()), "{d}");
        assert!(d["weight"].as_u64().unwrap() >= 1);
        let evidence = d["evidence"].as_array().unwrap();
        assert!(evidence.len() <= 3);
        for ev in evidence {
            assert!(g.document_by_id(ev["document"].as_str().unwrap()).is_some());
            assert!(!ev["sentence"].as_str().unwrap().is_empty());
        }
    }

    let node = |id: &str| &nodes.iter().find(|n| n["data"]["id"] == id).unwrap()["data"];
    assert_eq!(node("tricky-co")["name"], TRICKY_NAME);
    assert_eq!(node("tricky-co")["kind"], "company");
    assert_eq!(node("bell-corp")["name"], "Bell\u{7} Corp");
    assert_eq!(node("bell-corp")["name_zh"], Value::Null);
    let role = edges
        .iter()
        .map(|e| &e["data"])
        .find(|d| d["relation"] == "ROLE")
        .unwrap();
    assert_eq!(role["label"], TRICKY_TITLE);
    assert_eq!(role["origin"], "curated");
    assert_eq!(role["evidence"][0]["document"], "a");
    assert_eq!(
        role["evidence"][0]["sentence"],
        "Zhang San visited Tricky Co last week."
    );
    let with_tricky_sentence = edges.iter().any(|e| {
        e["data"]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|ev| ev["sentence"] == TRICKY_SENTENCE)
    });
    assert!(with_tricky_sentence);
}

#[test]
fn csv_is_neo4j_import_form() {
    let g = graph();
    let sub = everything(&g);
    let (nodes_text, rels_text) = csv(&g, &sub);
    let nodes = parse_csv(&nodes_text);
    let rels = parse_csv(&rels_text);

    assert_eq!(
        nodes[0].join(","),
        "id:ID,name,name_zh,kind,status,mentions:int,centrality:double,:LABEL"
    );
    assert_eq!(nodes[0].join(","), NODES_HEADER);
    assert_eq!(
        rels[0].join(","),
        ":START_ID,:END_ID,:TYPE,label,weight:int,origin,evidence"
    );
    assert_eq!(rels[0].join(","), RELATIONSHIPS_HEADER);
    assert_eq!(nodes.len() - 1, sub.nodes.len());
    assert_eq!(rels.len() - 1, sub.edges.len());
    assert!(nodes.iter().all(|r| r.len() == 8));
    assert!(rels.iter().all(|r| r.len() == 7));

    let ids: Vec<&str> = nodes[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, node_ids(&g, &sub), "nodes in id order");
    for r in &nodes[1..] {
        assert_eq!(r[4], "curated");
        r[5].parse::<u64>().unwrap();
        r[6].parse::<f64>().unwrap();
        let kind = EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == r[3])
            .unwrap();
        let mut expected = kind.as_str().to_owned();
        expected[..1].make_ascii_uppercase();
        assert_eq!(r[7], expected);
    }
    let row = |id: &str| nodes.iter().find(|r| r[0] == id).unwrap();
    assert_eq!(row("tricky-co")[1], TRICKY_NAME);
    assert_eq!(row("tricky-co")[2], "引号公司");
    assert_eq!(row("tricky-co")[7], "Company");
    assert_eq!(row("zhang-san")[7], "Person");
    assert_eq!(row("etown")[7], "Park");
    assert_eq!(row("bell-corp")[1], "Bell\u{7} Corp");
    assert_eq!(row("bell-corp")[2], "");

    for r in &rels[1..] {
        assert!(
            ids.contains(&r[0].as_str()) && ids.contains(&r[1].as_str()),
            "{r:?}"
        );
        assert!(RelationKind::parse(&r[2]).is_some(), "{r:?}");
        assert!(r[4].parse::<u32>().unwrap() >= 1);
    }
    let role = rels.iter().find(|r| r[2] == "ROLE").unwrap();
    assert_eq!(role[..2], ["zhang-san", "tricky-co"]);
    assert_eq!(role[3], TRICKY_TITLE);
    assert_eq!(role[5], "curated");
    assert!(rels.iter().any(|r| r[6] == TRICKY_SENTENCE));
    // The quoting itself, as RFC 4180 writes it.
    assert!(
        nodes_text.contains("tricky-co,\"Say \"\"Hi\"\" \\ <Tags> & Co\",引号公司,"),
        "{nodes_text}"
    );
}

#[test]
fn csv_dir_holds_both_files() {
    let g = graph();
    let sub = everything(&g);
    let dir = std::env::temp_dir().join(format!("kgraph-formats-{}", std::process::id()));
    let target = dir.join("nested").join("export");
    write_csv_dir(&g, &sub, &target).unwrap();
    let (nodes, rels) = csv(&g, &sub);
    assert_eq!(
        std::fs::read_to_string(target.join(NODES_FILE)).unwrap(),
        nodes
    );
    assert_eq!(
        std::fs::read_to_string(target.join(RELATIONSHIPS_FILE)).unwrap(),
        rels
    );
    assert_eq!(NODES_FILE, "nodes.csv");
    assert_eq!(RELATIONSHIPS_FILE, "relationships.csv");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn exports_are_deterministic_and_ignore_the_subgraph_order() {
    let render = |g: &KnowledgeGraph, sub: &Subgraph| {
        let (nodes, rels) = csv(g, sub);
        [graphml(g, sub), json(g, sub), nodes, rels]
    };
    let (g1, g2) = (graph(), graph());
    let (s1, s2) = (everything(&g1), everything(&g2));
    let first = render(&g1, &s1);
    assert_eq!(first, render(&g2, &s2), "two builds, same bytes");

    // Reversed, repeated and foreign indexes change nothing.
    let mut shuffled = s1.clone();
    shuffled.nodes.reverse();
    shuffled.nodes.push(shuffled.nodes[0]);
    shuffled.nodes.push(EntityIdx(9_999));
    shuffled.edges.reverse();
    shuffled.edges.push(shuffled.edges[0]);
    shuffled.edges.push(EdgeIdx(9_999));
    assert_eq!(first, render(&g1, &shuffled));
}

#[test]
fn empty_subgraph_gives_valid_empty_exports() {
    let g = graph();
    let empty = Subgraph::default();
    let root = parse_xml(&graphml(&g, &empty));
    assert_eq!(root.one("graph").children.len(), 0);
    let doc: Value = serde_json::from_str(&json(&g, &empty)).unwrap();
    assert_eq!(doc["elements"]["nodes"].as_array().unwrap().len(), 0);
    assert_eq!(doc["elements"]["edges"].as_array().unwrap().len(), 0);
    let (nodes, rels) = csv(&g, &empty);
    assert_eq!(nodes, format!("{NODES_HEADER}\n"));
    assert_eq!(rels, format!("{RELATIONSHIPS_HEADER}\n"));
}
