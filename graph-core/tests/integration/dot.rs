//! The DOT export: what `select` keeps, and what `write_dot` writes, on a small hand-made graph.

use std::process::{Command, Stdio};

use graph_core::{
    DotOptions, EntityIdx, EntityKind, GroupBy, KnowledgeGraph, RelationKind, Selection, Subgraph,
    select, write_dot,
};

use crate::common::{CLUSTERS, PARKS, graph_of, have, idx};

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
id = "quote-co"
name = "Say \"Hi\" \\ Co"
name_zh = "引号公司"
clusters = ["integrated-circuits"]

[[entity]]
id = "quiet-corp"
name = "Quiet Corp"

[[entity]]
id = "lonely-corp"
name = "Lonely Corp"
"#;

const PEOPLE: &str = r#"
[[entity]]
id = "zhang-san"
name = "Zhang San"
name_zh = "张三"
roles = [{ title = "Chief \"AI\" Officer", org = "acme-dynamics" }]
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
                 Acme Dynamics joined the Humanoid Robots alliance together with Beta Chips. \
                 Zhang San visited Acme Dynamics last week.",
            ),
            ("b", "艾克米动力与贝塔芯片在北京经开区签署合作协议。"),
            ("c", "Quiet Corp published its annual report on Monday."),
        ],
    )
}

fn ids(g: &KnowledgeGraph, sub: &Subgraph) -> Vec<String> {
    sub.nodes.iter().map(|&i| g.entity(i).id.clone()).collect()
}

fn dot(g: &KnowledgeGraph, sub: &Subgraph, opts: &DotOptions) -> String {
    let mut out = Vec::new();
    write_dot(g, sub, opts, &mut out).expect("writing to a Vec does not fail");
    String::from_utf8(out).expect("DOT output is UTF-8")
}

fn select_ids(g: &KnowledgeGraph, sel: &Selection) -> Vec<String> {
    ids(g, &select(g, sel))
}

/// The lines of `text` between the line that opens `subgraph "<name>"` and the line that closes it.
fn box_lines<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("  subgraph \"{name}\" {{");
    text.lines()
        .skip_while(|l| *l != open)
        .skip(1)
        .take_while(|l| *l != "  }")
        .collect()
}

#[test]
fn escapes_quotes_backslashes_and_line_breaks() {
    let g = graph();
    let opts = DotOptions {
        title: Some("Title \"one\"\r\nwith \\ two".into()),
        ..Default::default()
    };
    let out = dot(&g, &select(&g, &Selection::default()), &opts);
    assert!(
        out.contains(r#"label="Title \"one\"\nwith \\ two", labelloc="t""#),
        "{out}"
    );
    assert!(
        out.contains(
            r##"  "quote-co" [label="Say \"Hi\" \\ Co\n引号公司", shape="box", fillcolor="#cfe2f3", tooltip="company: quote-co"];"##
        ),
        "{out}"
    );
    assert!(out.contains(r#"label="Chief \"AI\" Officer""#), "{out}");
    assert!(!out.contains('\r'));
    // Every line holds an even number of unescaped quotes: no string runs past its line.
    for line in out.lines() {
        let mut quotes = 0;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => quotes += 1,
                _ => {}
            }
        }
        assert_eq!(quotes % 2, 0, "unbalanced quotes in {line:?}");
    }
}

#[test]
fn output_is_deterministic() {
    let opts = [
        DotOptions::default(),
        DotOptions {
            group_by: Some(GroupBy::Cluster),
            title: Some("E-Town 经开区".into()),
        },
        DotOptions {
            group_by: Some(GroupBy::Kind),
            title: None,
        },
    ];
    // Two graphs built apart: their hash maps are seeded differently.
    let (g1, g2) = (graph(), graph());
    for o in &opts {
        let sel = Selection {
            include_isolated: true,
            ..Default::default()
        };
        let first = dot(&g1, &select(&g1, &sel), o);
        assert_eq!(first, dot(&g1, &select(&g1, &sel), o));
        assert_eq!(first, dot(&g2, &select(&g2, &sel), o));
    }
    // write_dot sorts whatever order it is given.
    let sub = select(&g1, &Selection::default());
    let mut shuffled = sub.clone();
    shuffled.nodes.reverse();
    shuffled.edges.reverse();
    assert_eq!(dot(&g1, &sub, &opts[0]), dot(&g1, &shuffled, &opts[0]));
}

#[test]
fn default_selection_keeps_connected_entities_only() {
    let g = graph();
    assert_eq!(
        select_ids(&g, &Selection::default()),
        [
            "acme-dynamics",
            "beta-chips",
            "etown",
            "hard-tech",
            "humanoid-robots",
            "integrated-circuits",
            "quote-co",
            "zhang-san"
        ]
    );
    // Quiet Corp is mentioned but has no edge; Lonely Corp is neither mentioned nor linked.
    let all = select_ids(
        &g,
        &Selection {
            include_isolated: true,
            ..Default::default()
        },
    );
    assert!(all.contains(&"quiet-corp".to_owned()));
    assert!(!all.contains(&"lonely-corp".to_owned()));
    let sub = select(&g, &Selection::default());
    assert_eq!(sub.edges.len(), g.edges().count());
}

#[test]
fn ego_network_follows_depth() {
    let g = graph();
    let zhang = idx(&g, "zhang-san");
    let ego = |depth| Selection {
        entity: Some(zhang),
        depth,
        ..Default::default()
    };
    assert_eq!(select_ids(&g, &ego(0)), ["zhang-san"]);
    assert_eq!(select_ids(&g, &ego(1)), ["acme-dynamics", "zhang-san"]);
    assert_eq!(
        select_ids(&g, &ego(2)),
        [
            "acme-dynamics",
            "beta-chips",
            "etown",
            "humanoid-robots",
            "zhang-san"
        ]
    );
    // Depth 1 keeps the edges between the two only: the role and the co-mention.
    let sub = select(&g, &ego(1));
    let kinds: Vec<RelationKind> = sub
        .edges
        .iter()
        .filter_map(|&e| g.edge(e))
        .map(|e| e.data.kind)
        .collect();
    assert_eq!(kinds, [RelationKind::CoMention, RelationKind::Role]);
    // An ego entity with no edge at all is still drawn.
    let quiet = Selection {
        entity: Some(idx(&g, "quiet-corp")),
        ..Default::default()
    };
    assert_eq!(select_ids(&g, &quiet), ["quiet-corp"]);
}

#[test]
fn kinds_filter_keeps_the_ego_entity() {
    let g = graph();
    let companies = Selection {
        kinds: vec![EntityKind::Company],
        ..Default::default()
    };
    // Say "Hi" \ Co has no edge to another company.
    assert_eq!(select_ids(&g, &companies), ["acme-dynamics", "beta-chips"]);
    let with_isolated = Selection {
        include_isolated: true,
        ..companies.clone()
    };
    assert_eq!(
        select_ids(&g, &with_isolated),
        ["acme-dynamics", "beta-chips", "quiet-corp", "quote-co"]
    );
    let ego = Selection {
        entity: Some(idx(&g, "zhang-san")),
        depth: 2,
        ..companies
    };
    assert_eq!(
        select_ids(&g, &ego),
        ["acme-dynamics", "beta-chips", "zhang-san"]
    );
}

#[test]
fn relation_filter_and_min_weight() {
    let g = graph();
    let roles = Selection {
        relations: vec![RelationKind::Role],
        ..Default::default()
    };
    let sub = select(&g, &roles);
    assert_eq!(ids(&g, &sub), ["acme-dynamics", "zhang-san"]);
    assert_eq!(sub.edges.len(), 1);
    let out = dot(&g, &sub, &DotOptions::default());
    assert!(out.contains(r##"  "zhang-san" -> "acme-dynamics" [penwidth="1.00", color="#d55e00", style="solid", label="Chief \"AI\" Officer""##), "{out}");
    assert!(!out.contains("dashed"));

    let structure = Selection {
        relations: vec![RelationKind::InCluster, RelationKind::PartOf],
        ..Default::default()
    };
    assert_eq!(
        select_ids(&g, &structure),
        [
            "acme-dynamics",
            "beta-chips",
            "hard-tech",
            "humanoid-robots",
            "integrated-circuits",
            "quote-co"
        ]
    );

    let heavy = |min_weight| Selection {
        min_weight,
        ..Default::default()
    };
    assert_eq!(
        select_ids(&g, &heavy(2)),
        ["acme-dynamics", "beta-chips", "etown"]
    );
    let sub = select(&g, &heavy(3));
    assert_eq!(ids(&g, &sub), ["acme-dynamics", "beta-chips"]);
    let out = dot(&g, &sub, &DotOptions::default());
    // Three sentences: 1 + ln(3) * 1.5 = 2.65.
    assert!(
        out.contains(r##"  "acme-dynamics" -> "beta-chips" [penwidth="2.65", color="#b0b0b0", dir="none", style="dashed", tooltip="co-mention: 3 evidence sentences"];"##),
        "{out}"
    );
}

#[test]
fn top_keeps_the_most_central() {
    let g = graph();
    let all = select(&g, &Selection::default());
    let mut ranked = all.nodes.clone();
    ranked.sort_by(|a, b| g.pagerank(*b).total_cmp(&g.pagerank(*a)).then(a.cmp(b)));
    let mut expected: Vec<EntityIdx> = ranked[..3].to_vec();
    expected.sort();
    let top = select(
        &g,
        &Selection {
            top: Some(3),
            ..Default::default()
        },
    );
    assert_eq!(top.nodes, expected);
    assert!(top.nodes.contains(&idx(&g, "acme-dynamics")));
    // The ego entity takes one of the places even when it is not central.
    let ego_top = Selection {
        entity: Some(idx(&g, "zhang-san")),
        depth: 3,
        top: Some(2),
        ..Default::default()
    };
    assert_eq!(select_ids(&g, &ego_top), ["acme-dynamics", "zhang-san"]);
}

#[test]
fn cluster_selection_takes_descendants_and_members() {
    let g = graph();
    let of = |id| Selection {
        cluster: Some(idx(&g, id)),
        ..Default::default()
    };
    // Beta Chips is a member by inference only; the parent cluster is not a descendant.
    assert_eq!(
        select_ids(&g, &of("humanoid-robots")),
        ["acme-dynamics", "beta-chips", "humanoid-robots"]
    );
    assert_eq!(
        select_ids(&g, &of("hard-tech")),
        [
            "acme-dynamics",
            "beta-chips",
            "hard-tech",
            "humanoid-robots",
            "integrated-circuits",
            "quote-co"
        ]
    );
}

#[test]
fn nodes_carry_both_names_shape_and_tooltip() {
    let g = graph();
    let sel = Selection {
        include_isolated: true,
        ..Default::default()
    };
    let out = dot(&g, &select(&g, &sel), &DotOptions::default());
    assert!(out.starts_with("digraph kgraph {\n"));
    assert!(out.ends_with("}\n"));
    for needle in [
        r#"charset="UTF-8""#,
        r#"fontname="Noto Sans CJK SC,WenQuanYi Micro Hei,Noto Sans,sans-serif""#,
        r#"overlap="false""#,
        r##"  "acme-dynamics" [label="Acme Dynamics\n艾克米动力", shape="box", fillcolor="#cfe2f3", tooltip="company: acme-dynamics"];"##,
        r##"  "zhang-san" [label="Zhang San\n张三", shape="ellipse", fillcolor="#fde2c4", tooltip="person: zhang-san"];"##,
        r#"  "etown" [label="Beijing E-Town\n北京经开区", shape="tab""#,
        r#"  "humanoid-robots" [label="Humanoid Robots\n人形机器人", shape="component""#,
        // No Chinese name: the English one alone.
        r#"  "quiet-corp" [label="Quiet Corp", shape="box""#,
        // Inferred membership: dotted, labelled, directed.
        r##"  "beta-chips" -> "humanoid-robots" [penwidth="1.00", color="#cc3366", style="dotted", label="in cluster""##,
        r#"label="part of""#,
        r#"label="located in""#,
    ] {
        assert!(out.contains(needle), "missing {needle}\n{out}");
    }
    assert!(!out.contains("lonely-corp"));
    // Co-mentions are undirected and unlabelled.
    for line in out.lines().filter(|l| l.contains(r##"color="#b0b0b0""##)) {
        assert!(
            line.contains(r#"dir="none""#) && line.contains(r#"style="dashed""#),
            "{line}"
        );
        assert!(!line.contains("label="), "{line}");
    }
}

/// The legend says what dashed and dotted lines mean, for the styles the picture draws.
#[test]
fn legend_explains_dashed_and_dotted_edges() {
    let g = graph();
    let lines = |sel: &Selection| -> Vec<(String, String)> {
        let out = dot(&g, &select(&g, sel), &DotOptions::default());
        let Some(table) = box_lines(&out, "cluster_legend")
            .into_iter()
            .find(|l| l.trim().starts_with("\"legend_lines\""))
        else {
            return Vec::new();
        };
        table
            .split("STYLE=\"")
            .skip(1)
            .map(|row| {
                let style = row.split('"').next().unwrap_or("").to_owned();
                let meaning = row
                    .split("<TD ALIGN=\"LEFT\">")
                    .nth(1)
                    .and_then(|t| t.split("</TD>").next())
                    .unwrap_or("")
                    .to_owned();
                (style, meaning)
            })
            .collect()
    };
    let everything = lines(&Selection::default());
    let styles: Vec<&str> = everything.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(styles, ["solid", "dashed", "dotted"], "{everything:?}");
    assert!(everything[1].1.contains("co-mention"), "{everything:?}");
    assert!(everything[2].1.contains("inferred"), "{everything:?}");
    // Only typed, stated relations drawn: only the solid line is explained.
    let roles = Selection {
        relations: vec![RelationKind::Role],
        ..Default::default()
    };
    let stated: Vec<String> = lines(&roles).into_iter().map(|(s, _)| s).collect();
    assert_eq!(stated, ["solid"]);
}

/// Around one entity, the co-mentions among its neighbours are left out unless asked for: they
/// are who the neighbours relate to, not whom the entity does.
#[test]
fn ego_network_leaves_out_co_mentions_among_neighbors() {
    let g = graph();
    let acme = idx(&g, "acme-dynamics");
    let co_mentions = |sel: &Selection| -> Vec<(String, String)> {
        select(&g, sel)
            .edges
            .iter()
            .filter_map(|&e| g.edge(e))
            .filter(|e| e.data.kind == RelationKind::CoMention)
            .map(|e| (g.entity(e.source).id.clone(), g.entity(e.target).id.clone()))
            .collect()
    };
    let around = Selection {
        entity: Some(acme),
        ..Default::default()
    };
    let pairs = co_mentions(&around);
    assert!(!pairs.is_empty());
    assert!(
        pairs
            .iter()
            .all(|(a, b)| a == "acme-dynamics" || b == "acme-dynamics"),
        "{pairs:?}"
    );
    // The neighbours stay, and so do the typed relations between them.
    assert_eq!(
        select_ids(&g, &around),
        select_ids(
            &g,
            &Selection {
                neighbor_co_mentions: true,
                ..around.clone()
            }
        )
    );
    let asked = co_mentions(&Selection {
        neighbor_co_mentions: true,
        ..around
    });
    assert!(
        asked.contains(&("beta-chips".to_owned(), "etown".to_owned())),
        "{asked:?}"
    );
}

#[test]
fn legend_lists_only_present_kinds() {
    let g = graph();
    let legend = |sel: &Selection| -> Vec<String> {
        let out = dot(&g, &select(&g, sel), &DotOptions::default());
        box_lines(&out, "cluster_legend")
            .iter()
            .filter_map(|l| l.trim().strip_prefix("\"legend_"))
            .filter_map(|l| l.split('"').next())
            .filter(|id| *id != "lines")
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        legend(&Selection::default()),
        ["company", "person", "park", "cluster"]
    );
    let companies = Selection {
        kinds: vec![EntityKind::Company],
        ..Default::default()
    };
    assert_eq!(legend(&companies), ["company"]);
    let out = dot(&g, &select(&g, &companies), &DotOptions::default());
    assert!(
        out.contains(
            r##"    "legend_company" [label="company", shape="box", fillcolor="#cfe2f3""##
        ),
        "{out}"
    );
    // Nothing selected: no legend at all.
    let none = Selection {
        min_weight: 100,
        ..Default::default()
    };
    let out = dot(&g, &select(&g, &none), &DotOptions::default());
    assert!(!out.contains("cluster_legend"), "{out}");
}

#[test]
fn grouping_by_cluster_and_by_kind() {
    let g = graph();
    let sub = select(&g, &Selection::default());
    let out = dot(
        &g,
        &sub,
        &DotOptions {
            group_by: Some(GroupBy::Cluster),
            title: None,
        },
    );
    // Acme Dynamics is in Humanoid Robots directly and in Hard Technology through it: the direct one.
    let robots = box_lines(&out, "cluster_humanoid_robots");
    assert!(
        robots[0].contains(r#"label="Humanoid Robots\n人形机器人""#),
        "{out}"
    );
    assert!(robots[1].starts_with(r#"    "humanoid-robots" ["#), "{out}");
    assert!(
        robots
            .iter()
            .any(|l| l.starts_with(r#"    "acme-dynamics" ["#)),
        "{out}"
    );
    assert!(
        robots
            .iter()
            .any(|l| l.starts_with(r#"    "beta-chips" ["#)),
        "{out}"
    );
    let chips = box_lines(&out, "cluster_integrated_circuits");
    assert!(
        chips.iter().any(|l| l.starts_with(r#"    "quote-co" ["#)),
        "{out}"
    );
    assert_eq!(box_lines(&out, "cluster_hard_tech").len(), 2, "{out}");
    // Neither a company nor a cluster: outside every box.
    assert!(out.contains("\n  \"zhang-san\" ["), "{out}");
    assert!(out.contains("\n  \"etown\" ["), "{out}");

    let out = dot(
        &g,
        &sub,
        &DotOptions {
            group_by: Some(GroupBy::Kind),
            title: None,
        },
    );
    let companies = box_lines(&out, "cluster_kind_company");
    assert_eq!(companies.len(), 4, "{out}");
    assert!(companies[0].contains(r#"label="company""#));
    assert_eq!(box_lines(&out, "cluster_kind_cluster").len(), 4, "{out}");
    assert!(!out.contains("cluster_kind_policy"));
}

/// Renders with Graphviz when it is installed; CI (`CI=true`) must have it.
#[test]
fn graphviz_renders_cleanly_with_chinese_labels() {
    if !have("dot", &["-V"], "apt-get install graphviz fonts-noto-cjk") {
        return;
    }
    let g = graph();
    let sel = Selection {
        include_isolated: true,
        ..Default::default()
    };
    for group_by in [None, Some(GroupBy::Kind), Some(GroupBy::Cluster)] {
        let text = dot(
            &g,
            &select(&g, &sel),
            &DotOptions {
                group_by,
                title: Some("北京经开区 \"E-Town\" \\ test".into()),
            },
        );
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dot starts");
        {
            use std::io::Write as _;
            let mut stdin = child.stdin.take().expect("stdin is piped");
            stdin
                .write_all(text.as_bytes())
                .expect("dot reads its input");
        }
        let output = child.wait_with_output().expect("dot finishes");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "dot failed: {stderr}\n{text}");
        assert!(stderr.is_empty(), "dot warned: {stderr}\n{text}");
        let svg = String::from_utf8(output.stdout).expect("SVG is UTF-8");
        for label in ["艾克米动力", "人形机器人", "引号公司", "北京经开区"] {
            assert!(svg.contains(label), "SVG lacks {label} ({group_by:?})");
        }
        assert!(svg.contains("Say &quot;Hi&quot; \\ Co"), "{svg}");
    }
}
