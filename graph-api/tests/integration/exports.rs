//! Exports of the seed graph as users take them: rendered by Graphviz, read by networkx, fetched
//! over HTTP and GraphQL.

use std::io::Write as _;
use std::process::{Command, Stdio};

use graph_api::filter::{ExportFilter, GroupBy, Kind, Relation};
use graph_core::{KnowledgeGraph, select, write_dot, write_graphml};
use serde_json::json;

use crate::common::{data, error, get, seed_app, seed_graph, send};
use graph_api::server::ServerConfig;

/// Runs `program args` with `input` on stdin; `None` when the program is not installed (a skip,
/// except under `CI=true`, where it is a failure).
fn run_tool(program: &str, args: &[&str], input: &[u8]) -> Option<std::process::Output> {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is required under CI=true"
        );
        eprintln!("skipped: {program} is not installed");
        return None;
    };
    child.stdin.take().unwrap().write_all(input).unwrap();
    Some(child.wait_with_output().unwrap())
}

/// SVG text with its character references decoded (Graphviz writes `-` as `&#45;`, `'` as
/// `&#39;`), so labels can be looked for as plain text.
fn decode_svg(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix('#')
                .and_then(|n| n.parse::<u32>().ok())
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn filter(
    entity: Option<&str>,
    cluster: Option<&str>,
    kinds: &[Kind],
    relations: &[Relation],
    group_by: Option<GroupBy>,
) -> ExportFilter {
    ExportFilter {
        entity: entity.map(str::to_owned),
        cluster: cluster.map(str::to_owned),
        kinds: kinds.to_vec(),
        relations: relations.to_vec(),
        group_by,
        ..ExportFilter::default()
    }
}

fn top(n: usize, group_by: Option<GroupBy>) -> ExportFilter {
    ExportFilter {
        top: Some(n),
        group_by,
        ..ExportFilter::default()
    }
}

fn render(graph: &KnowledgeGraph, f: &ExportFilter) -> Option<(String, Vec<String>)> {
    let sub = select(graph, &f.to_selection(graph).unwrap());
    assert!(!sub.nodes.is_empty(), "{f:?} selects nothing");
    let mut dot = Vec::new();
    write_dot(graph, &sub, &f.dot_options(graph), &mut dot).unwrap();
    let out = run_tool("dot", &["-Tsvg"], &dot)?;
    assert!(out.status.success(), "dot failed for {f:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "Graphviz warned for {f:?}"
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    let boxes = cluster_boxes(&svg);
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(
                !a.overlaps(b),
                "the boxes {} and {} overlap for {f:?}: {a:?}, {b:?}",
                a.name,
                b.name
            );
        }
    }
    let labels = sub
        .nodes
        .iter()
        .flat_map(|&i| {
            let e = graph.entity(i);
            std::iter::once(e.name.clone()).chain(e.name_zh.clone())
        })
        .collect();
    Some((svg_text(&decode_svg(&svg)), labels))
}

/// The text of an SVG's `<text>` elements, one space between them: a label Graphviz wraps over
/// lines reads as it was written.
fn svg_text(svg: &str) -> String {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
        .filter_map(|t| t.split("</text>").next())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A box Graphviz drew around a group of nodes: its name and its corners.
#[derive(Debug)]
struct DrawnBox {
    name: String,
    x: (f64, f64),
    y: (f64, f64),
}

impl DrawnBox {
    /// Whether the two boxes share more than an outline (a point of slack for rounding).
    fn overlaps(&self, other: &DrawnBox) -> bool {
        let apart = |a: (f64, f64), b: (f64, f64)| a.1 <= b.0 + 1.0 || b.1 <= a.0 + 1.0;
        !(apart(self.x, other.x) || apart(self.y, other.y))
    }
}

/// The boxes of an SVG: each `<g class="cluster">` and the corners of its outline's points.
fn cluster_boxes(svg: &str) -> Vec<DrawnBox> {
    let mut boxes = Vec::new();
    for group in svg.split("class=\"cluster\">").skip(1) {
        let name = group
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap_or("")
            .to_owned();
        // The outline is the first shape of the group: a polygon's points or a path's data.
        let Some(shape) = group
            .split('<')
            .find(|t| t.starts_with("polygon") || t.starts_with("path"))
        else {
            continue;
        };
        let attribute = if shape.starts_with("polygon") {
            "points=\""
        } else {
            " d=\""
        };
        let Some(values) = shape
            .split(attribute)
            .nth(1)
            .and_then(|v| v.split('"').next())
        else {
            continue;
        };
        let numbers: Vec<f64> = values
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter_map(|n| n.parse().ok())
            .collect();
        let (xs, ys): (Vec<f64>, Vec<f64>) = numbers.chunks_exact(2).map(|p| (p[0], p[1])).unzip();
        let span = |v: &[f64]| {
            v.iter()
                .fold((f64::MAX, f64::MIN), |(lo, hi), &n| (lo.min(n), hi.max(n)))
        };
        boxes.push(DrawnBox {
            name,
            x: span(&xs),
            y: span(&ys),
        });
    }
    boxes
}

#[test]
fn graphviz_renders_filtered_seed_exports_with_every_label() {
    let graph = seed_graph();
    let cases = [
        filter(Some("kong-lei"), None, &[], &[], None),
        filter(
            Some("bda"),
            None,
            &[],
            &[Relation::LocatedIn, Relation::PartOf, Relation::Role],
            None,
        ),
        filter(
            None,
            Some("future-health"),
            &[],
            &[],
            Some(GroupBy::Cluster),
        ),
        filter(
            Some("boe"),
            None,
            &[Kind::Company, Kind::Park, Kind::Cluster],
            &[],
            Some(GroupBy::Kind),
        ),
        ExportFilter {
            top: Some(25),
            min_weight: Some(2),
            ..ExportFilter::default()
        },
        filter(
            None,
            None,
            &[Kind::Person, Kind::Organization],
            &[Relation::Role],
            Some(GroupBy::Kind),
        ),
        // Boxes and edges between them: Graphviz 2.43's ranking failed on these ("trouble in
        // init_rank") and drew the boxes over each other.
        filter(Some("bda"), None, &[], &[], Some(GroupBy::Kind)),
        filter(Some("bda"), None, &[], &[], Some(GroupBy::Cluster)),
        top(30, Some(GroupBy::Kind)),
        top(30, Some(GroupBy::Cluster)),
        filter(Some("kong-lei"), None, &[], &[], Some(GroupBy::Kind)),
        filter(Some("kong-lei"), None, &[], &[], Some(GroupBy::Cluster)),
    ];
    for f in cases {
        let Some((svg, labels)) = render(&graph, &f) else {
            return;
        };
        for label in labels {
            assert!(
                svg.contains(&label),
                "{label:?} missing from the SVG of {f:?}"
            );
        }
    }
}

#[test]
fn the_chinese_names_reach_the_svg() {
    let graph = seed_graph();
    let f = filter(Some("zhang-jihong"), None, &[], &[], None);
    let Some((svg, _)) = render(&graph, &f) else {
        return;
    };
    assert!(svg.contains("张继红"));
    assert!(svg.contains("北京经济技术开发区工作委员会"));
}

#[test]
fn networkx_reads_the_whole_seed_graph() {
    let graph = seed_graph();
    let sub = select(
        &graph,
        &ExportFilter::default().to_selection(&graph).unwrap(),
    );
    assert_eq!(
        sub.edges.len(),
        graph.stats().edges,
        "the unfiltered export holds every relation"
    );
    let mut xml = Vec::new();
    write_graphml(&graph, &sub, &mut xml).unwrap();
    let script = "import sys, networkx as nx\n\
                  g = nx.read_graphml(sys.stdin.buffer)\n\
                  print(g.number_of_nodes(), g.number_of_edges(), g.nodes['kong-lei']['kind'], g.nodes['kong-lei']['name_zh'])";
    let python = ["python3", "/usr/bin/python3"].into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import networkx"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(python) = python else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "networkx is required under CI=true"
        );
        eprintln!("skipped: networkx is not importable (apt-get install python3-networkx)");
        return;
    };
    let out = run_tool(python, &["-c", script], &xml).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8(out.stdout).unwrap();
    // Parallel typed edges make networkx read a MultiDiGraph, which keeps every edge.
    assert_eq!(
        line.trim(),
        format!("{} {} person 孔磊", sub.nodes.len(), sub.edges.len()),
        "networkx read a different graph"
    );
}

#[tokio::test]
async fn export_routes_download_each_format() {
    let app = seed_app(ServerConfig::default());
    let resp = send(&app, get("/export.dot?entity=boe&depth=1", &[])).await;
    assert_eq!(resp.status, 200);
    assert!(
        resp.header("content-type")
            .unwrap()
            .starts_with("text/vnd.graphviz")
    );
    assert_eq!(
        resp.header("content-disposition").unwrap(),
        "attachment; filename=\"kgraph-boe.dot\""
    );
    let dot = resp.text();
    assert!(
        dot.starts_with("digraph") && dot.contains("京东方科技集团"),
        "{dot}"
    );

    let resp = send(&app, get("/export.graphml?cluster=future-health", &[])).await;
    assert_eq!(resp.status, 200);
    assert!(
        resp.header("content-type")
            .unwrap()
            .starts_with("application/graphml+xml")
    );
    let xml = resp.text();
    assert!(xml.contains("<graphml") && xml.contains("jinlan-gene"));

    let resp = send(
        &app,
        get("/export.json?kind=company,cluster&relation=in_cluster", &[]),
    )
    .await;
    assert_eq!(resp.status, 200);
    let body = resp.json();
    let nodes = body["elements"]["nodes"].as_array().unwrap();
    let edges = body["elements"]["edges"].as_array().unwrap();
    assert!(!nodes.is_empty() && !edges.is_empty());
    let ids: Vec<&str> = nodes
        .iter()
        .map(|n| n["data"]["id"].as_str().unwrap())
        .collect();
    for e in edges {
        assert_eq!(e["data"]["relation"], "IN_CLUSTER");
        assert!(ids.contains(&e["data"]["source"].as_str().unwrap()));
        assert!(ids.contains(&e["data"]["target"].as_str().unwrap()));
    }
    for n in nodes {
        assert!(
            ["company", "cluster"].contains(&n["data"]["kind"].as_str().unwrap()),
            "{n}"
        );
    }

    for (path, words) in [
        ("/export.dot?entity=nobody", "no entity"),
        ("/export.dot?kind=planet", "planet"),
        ("/export.dot?relation=likes", "expected one of co_mention"),
        ("/export.dot?depth=99", "depth"),
        ("/export.dot?colour=red", "unknown parameter"),
    ] {
        let resp = send(&app, get(path, &[])).await;
        assert_eq!(resp.status, 400, "{path}");
        assert!(resp.text().contains(words), "{path}");
    }
}

#[tokio::test]
async fn graphql_export_and_subgraph() {
    let data = data(
        r#"{ subgraph(filter: { cluster: "future-health" }) {
               nodes { id kind } edges { kind source { id } target { id } } }
             export(format: DOT, filter: { entity: "kong-lei", relations: [ROLE] }) }"#,
        json!({}),
    )
    .await;
    let nodes: Vec<&str> = data["subgraph"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        nodes.contains(&"jinlan-gene") && nodes.contains(&"gene-therapy"),
        "{nodes:?}"
    );
    for e in data["subgraph"]["edges"].as_array().unwrap() {
        assert!(nodes.contains(&e["source"]["id"].as_str().unwrap()));
        assert!(nodes.contains(&e["target"]["id"].as_str().unwrap()));
    }
    let dot = data["export"].as_str().unwrap();
    assert!(
        dot.contains("Around Kong Lei") && dot.contains("Director"),
        "{dot}"
    );
    assert!(
        !dot.contains("style=\"dashed\""),
        "only ROLE edges were asked for: {dot}"
    );

    let err = error(
        r#"{ export(format: JSON, filter: { depth: -1 }) }"#,
        json!({}),
    )
    .await;
    assert_eq!(err["extensions"]["code"], "INVALID_INPUT");
}

/// Kong Lei's ego network was 21 entities and 108 edges, most of them co-mentions among his
/// neighbours. Every way of exporting leaves those out unless asked: the filter the CLI builds,
/// the export route's `neighborCoMentions` and GraphQL's filter field.
#[tokio::test]
async fn ego_exports_leave_out_co_mentions_among_neighbors_unless_asked() {
    let graph = seed_graph();
    let co_mentions = |neighbor_co_mentions: bool| -> Vec<(String, String)> {
        let f = ExportFilter {
            entity: Some("kong-lei".into()),
            neighbor_co_mentions,
            ..ExportFilter::default()
        };
        let sub = select(&graph, &f.to_selection(&graph).unwrap());
        sub.edges
            .iter()
            .filter_map(|&e| graph.edge(e))
            .filter(|e| e.data.kind == graph_core::RelationKind::CoMention)
            .map(|e| {
                (
                    graph.entity(e.source).id.clone(),
                    graph.entity(e.target).id.clone(),
                )
            })
            .collect()
    };
    let touches_kong = |(a, b): &(String, String)| a == "kong-lei" || b == "kong-lei";
    let default = co_mentions(false);
    assert!(
        !default.is_empty() && default.iter().all(touches_kong),
        "{default:?}"
    );
    let asked = co_mentions(true);
    assert!(asked.iter().any(|p| !touches_kong(p)), "{asked:?}");

    let app = seed_app(ServerConfig::default());
    let edges = |body: &serde_json::Value| body["elements"]["edges"].as_array().unwrap().len();
    let plain = send(&app, get("/export.json?entity=kong-lei", &[]))
        .await
        .json();
    let full = send(
        &app,
        get("/export.json?entity=kong-lei&neighborCoMentions=true", &[]),
    )
    .await
    .json();
    assert!(
        edges(&plain) < edges(&full),
        "{} {}",
        edges(&plain),
        edges(&full)
    );
    let bad = send(
        &app,
        get("/export.json?entity=kong-lei&neighborCoMentions=maybe", &[]),
    )
    .await;
    assert_eq!(bad.status, 400);
    let answer = data(
        r#"{ a: subgraph(filter: { entity: "kong-lei" }) { edges { kind } }
             b: subgraph(filter: { entity: "kong-lei", neighborCoMentions: true }) { edges { kind } } }"#,
        json!({}),
    )
    .await;
    let count = |k: &str| answer[k]["edges"].as_array().unwrap().len();
    assert_eq!(count("a"), edges(&plain));
    assert_eq!(count("b"), edges(&full));
}
