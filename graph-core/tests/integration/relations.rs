//! Relations read from sentences written for these tests: which roles a sentence states, and
//! which companies it ties to a cluster — and, as much, which it does not.

use graph_core::{Document, EntityKind, Extractor, KnowledgeGraph, Origin, RelationKind};

use crate::common::{self, extract};

const COMPANIES: &str = r#"
[[entity]]
id = "acme-robotics"
name = "Acme Robotics"
name_zh = "艾克米机器人"

[[entity]]
id = "baowei-steel"
name = "Baowei Steel"
name_zh = "宝威钢铁"

[[entity]]
id = "lanxin-motors"
name = "Lanxin Motors"
name_zh = "蓝鑫汽车"

[[entity]]
id = "harbor-terminal"
name = "Harbor Terminal"

[[entity]]
id = "zhihui-ai"
name = "Zhihui AI"

[[entity]]
id = "beidou-tech"
name = "Beidou Tech"
"#;

const CLUSTERS: &str = r#"
[[entity]]
id = "humanoid-robots"
name = "Humanoid Robots"
name_zh = "人形机器人"
aliases = ["humanoid robot"]

[[entity]]
id = "new-energy-vehicles"
name = "New Energy Vehicles"
name_zh = "新能源汽车"

[[entity]]
id = "large-models"
name = "Large Models"
aliases = ["large model"]
"#;

const PEOPLE: &str = r#"
[[entity]]
id = "wang-fang"
name = "Wang Fang"
name_zh = "王芳"

[[entity]]
id = "li-ming"
name = "Li Ming"
name_zh = "李明"
"#;

const ORGANIZATIONS: &str = r#"
[[entity]]
id = "harbor-committee"
name = "Harbor Management Committee"
name_zh = "港区管委会"

[[entity]]
id = "harbor-bureau"
name = "Harbor Economic Bureau"
name_zh = "港区经济局"
"#;

fn extractor() -> Extractor {
    common::extractor(&[
        (EntityKind::Company, COMPANIES),
        (EntityKind::Cluster, CLUSTERS),
        (EntityKind::Person, PEOPLE),
        (EntityKind::Organization, ORGANIZATIONS),
    ])
}

/// `(company id, cluster id)` of every inferred membership, sorted.
fn memberships(x: &Extractor, doc: &Document) -> Vec<(String, String)> {
    let id = |i| x.dictionary().entity(i).id.clone();
    let mut found: Vec<(String, String)> = doc
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::InCluster)
        .inspect(|r| assert_eq!(r.origin, Origin::Inferred))
        .map(|r| (id(r.source), id(r.target)))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// `(person id, organization id, title)` of every role, sorted.
fn roles(x: &Extractor, doc: &Document) -> Vec<(String, String, String)> {
    let id = |i| x.dictionary().entity(i).id.clone();
    let mut found: Vec<(String, String, String)> = doc
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Role)
        .map(|r| {
            (
                id(r.source),
                id(r.target),
                r.label.clone().unwrap_or_default(),
            )
        })
        .collect();
    found.sort();
    found
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// Sentences that name a company and a cluster without saying the company is in it.
#[test]
fn a_company_is_not_put_in_a_cluster_the_sentence_ties_to_another() {
    let x = extractor();
    let cases: &[(&str, &[(&str, &str)])] = &[
        // Another company stands between them, and the cluster is that one's.
        (
            "From Baowei Steel's industrial robot on the job to Acme Robotics's general humanoid \
             robot debut, the robot density of the city's factories has doubled.",
            &[("acme-robotics", "humanoid-robots")],
        ),
        (
            "宝威钢铁的工业机器人上岗，艾克米机器人的通用人形机器人亮相，工厂的机器人密度翻了一番。",
            &[("acme-robotics", "humanoid-robots")],
        ),
        // The company is where the cluster's products wait, far along the sentence.
        (
            "The picture shows Lanxin Motors cars and new energy vehicles waiting for shipment \
             to a port far abroad at the Harbor Terminal.",
            &[("lanxin-motors", "new-energy-vehicles")],
        ),
        // Two companies, the cluster near neither.
        (
            "Acme Robotics signed the lease last spring, long before Beidou Tech arrived, and \
             the zone later drew up a plan for the whole field of humanoid robots.",
            &[],
        ),
    ];
    for (text, expected) in cases {
        let doc = extract(&x, text);
        assert_eq!(memberships(&x, &doc), pairs(expected), "{text:?}");
    }
}

/// What the rule keeps: a list of companies before a cluster, a cluster before a list, and the
/// only company of a sentence about a field.
#[test]
fn a_company_the_sentence_ties_to_a_cluster_is_put_in_it() {
    let x = extractor();
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "Zhihui AI \"Qingyan\", Beidou Tech \"Wenxin\" and other large model products were \
             launched.",
            &[
                ("beidou-tech", "large-models"),
                ("zhihui-ai", "large-models"),
            ],
        ),
        (
            "在人形机器人领域，艾克米机器人、宝威钢铁和蓝鑫汽车都发布了新品。",
            &[
                ("acme-robotics", "humanoid-robots"),
                ("baowei-steel", "humanoid-robots"),
                ("lanxin-motors", "humanoid-robots"),
            ],
        ),
        (
            "In the field of humanoid robots, the zone supports research, training and the \
             building of test grounds, and goes on promoting projects such as Acme Robotics.",
            &[("acme-robotics", "humanoid-robots")],
        ),
        (
            "Lanxin Motors makes new energy vehicles.",
            &[("lanxin-motors", "new-energy-vehicles")],
        ),
        // Seven words from the list to the cluster: still tied.
        (
            "On Monday, Zhihui AI and Beidou Tech opened a joint lab in Beijing for large model \
             research.",
            &[
                ("beidou-tech", "large-models"),
                ("zhihui-ai", "large-models"),
            ],
        ),
    ];
    for (text, expected) in cases {
        let doc = extract(&x, text);
        assert_eq!(memberships(&x, &doc), pairs(expected), "{text:?}");
    }
}

/// A title in brackets after the name, the way Chinese news introduces officials.
#[test]
fn a_role_in_brackets_after_the_name_is_read() {
    let x = extractor();
    let role = |p: &str, o: &str, t: &str| (p.to_owned(), o.to_owned(), t.to_owned());
    let cases = [
        (
            "王芳（港区管委会主任）表示，新政策将于下月实施。",
            vec![role("wang-fang", "harbor-committee", "主任")],
        ),
        (
            "李明(港区经济局副局长)介绍了今年的招商情况。",
            vec![role("li-ming", "harbor-bureau", "副局长")],
        ),
        (
            "Wang Fang (director of the Harbor Management Committee) said the rules start next \
             month.",
            vec![role("wang-fang", "harbor-committee", "director")],
        ),
        // A bracket that names someone else, or holds no title, states no role.
        ("王芳（李明的同事）表示同意。", vec![]),
        ("王芳（港区管委会）表示同意。", vec![]),
    ];
    for (text, expected) in cases {
        let doc = extract(&x, text);
        assert_eq!(roles(&x, &doc), expected, "{text:?}");
    }
}

/// The people of the role-merging tests, with the roles the dictionary states.
const PEOPLE_WITH_ROLES: &str = r#"
[[entity]]
id = "wang-fang"
name = "Wang Fang"
name_zh = "王芳"
roles = [
  { title = "Director of the Harbor Management Committee", org = "harbor-committee" },
  { title = "Director of Marketing", org = "acme-robotics" },
]

[[entity]]
id = "li-ming"
name = "Li Ming"
name_zh = "李明"
roles = [
  { title = "Deputy Director", org = "harbor-committee" },
  { title = "Director of the Harbor Economic Bureau (经济局局长)", org = "harbor-bureau" },
]
"#;

/// The ROLE edges of a person at an organization: (title, origins), sorted.
fn role_edges(g: &KnowledgeGraph, person: &str, org: &str) -> Vec<(String, Vec<Origin>)> {
    let (p, o) = (common::idx(g, person), common::idx(g, org));
    let mut edges: Vec<(String, Vec<Origin>)> = g
        .edges_between(p, o)
        .into_iter()
        .filter(|e| e.data.kind == RelationKind::Role)
        .map(|e| {
            assert!(
                !e.data.evidence.is_empty() || e.data.origins.iter().eq([Origin::Curated]),
                "a role read from text without its sentence"
            );
            (
                e.data.label.clone().unwrap_or_default(),
                e.data.origins.iter().collect(),
            )
        })
        .collect();
    edges.sort();
    edges
}

/// One role per person, organization and title meaning: a sentence that states a role the
/// dictionary states joins it, and titles that mean other roles stay apart.
#[test]
fn a_role_stated_by_the_dictionary_and_a_sentence_is_one_role() {
    let g = common::graph_of(
        &[
            (EntityKind::Company, COMPANIES),
            (EntityKind::Person, PEOPLE_WITH_ROLES),
            (EntityKind::Organization, ORGANIZATIONS),
        ],
        &[
            (
                "a",
                "Wang Fang, director of the Harbor Management Committee, said the port will grow. \
                 Li Ming, director of the Harbor Management Committee, spoke next. \
                 Wang Fang, director of sales at Acme Robotics, showed the new arm.",
            ),
            ("b", "港区经济局局长李明表示，今年招商顺利。"),
        ],
    );
    let both = vec![Origin::Curated, Origin::Extracted];
    // "director" restates the curated title without the committee's name: one role.
    assert_eq!(
        role_edges(&g, "wang-fang", "harbor-committee"),
        [(
            "Director of the Harbor Management Committee".to_owned(),
            both.clone()
        )]
    );
    // The curated one stays "Director of Marketing"; "director of sales" is another role.
    assert_eq!(
        role_edges(&g, "wang-fang", "acme-robotics"),
        [
            ("Director of Marketing".to_owned(), vec![Origin::Curated]),
            ("director of sales".to_owned(), vec![Origin::Extracted]),
        ]
    );
    // A director is not the deputy director the dictionary knows.
    assert_eq!(
        role_edges(&g, "li-ming", "harbor-committee"),
        [
            ("Deputy Director".to_owned(), vec![Origin::Curated]),
            ("director".to_owned(), vec![Origin::Extracted]),
        ]
    );
    // The Chinese gloss of a curated title meets the Chinese title of a sentence.
    assert_eq!(
        role_edges(&g, "li-ming", "harbor-bureau"),
        [(
            "Director of the Harbor Economic Bureau (经济局局长)".to_owned(),
            both
        )]
    );
}
