//! Matching as a user sees it: which spans of a text become mentions of which entity, and how an
//! ambiguous spelling is decided by the rest of its document.

use std::sync::Arc;

use graph_core::{Document, EntityKind, Extractor, KnowledgeGraph, RelationKind};

use crate::common::{self, extract};

const COMPANIES: &str = r#"
[[entity]]
id = "boe"
name = "BOE Technology Group"
aliases = ["BOE", "京东方"]

[[entity]]
id = "yangwang-city"
name = "Yangwang City"
"#;

const PEOPLE: &str = r#"
[[entity]]
id = "li-quan"
name = "Li Quan"
name_zh = "李泉"

[[entity]]
id = "he-yang"
name = "He Yang"

[[entity]]
id = "lu-yi"
name = "Lu Yi"
aliases = ["陆怡"]
"#;

const ORGANIZATIONS: &str = r#"
[[entity]]
id = "peking-university"
name = "Peking University"
name_zh = "北京大学"

[[entity]]
id = "research-center"
name = "Research Center"
name_zh = "研究中心"
"#;

const PLACES: &str = r#"
[[entity]]
id = "beijing"
name = "Beijing"
aliases = ["北京"]

[[entity]]
id = "daxing"
name = "Daxing District"
aliases = ["Daxing"]
"#;

const PARKS: &str = r#"
[[entity]]
id = "bda"
name = "Beijing Economic-Technological Development Area"
name_zh = "北京经济技术开发区"
aliases = ["BDA", "亦庄", "经开区"]
"#;

fn extractor() -> Extractor {
    common::extractor(&[
        (EntityKind::Company, COMPANIES),
        (EntityKind::Person, PEOPLE),
        (EntityKind::Organization, ORGANIZATIONS),
        (EntityKind::Place, PLACES),
        (EntityKind::Park, PARKS),
    ])
}

/// `(entity id, start, end)` of every mention, in text order.
fn spans(x: &Extractor, doc: &Document) -> Vec<(String, usize, usize)> {
    doc.mentions
        .iter()
        .map(|m| (x.dictionary().entity(m.entity).id.clone(), m.start, m.end))
        .collect()
}

/// The byte span of the `n`th (0-based) occurrence of `needle` in `text`.
fn at(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let start = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times in {text:?}", n + 1))
        .0;
    (start, start + needle.len())
}

/// An all-lowercase filler, long enough (50+ letters) for the document to count as lowercase.
const LOWER_TAIL: &str =
    " and the new projects of the zone were signed on time by many local companies this spring.";

/// A text and the mentions expected in it: (entity id, surface, occurrence of the surface).
type MatchCase<'a> = (&'a str, Vec<(&'a str, &'a str, usize)>);

#[test]
fn matches_with_byte_spans() {
    let x = extractor();
    // (text, expected mentions as (id, surface, occurrence of the surface in the text))
    let lower_boe = format!("the boe plant grew fast{LOWER_TAIL}");
    let lower_bda = format!("output of bda and of beijing grew{LOWER_TAIL}");
    let cases: Vec<MatchCase<'_>> = vec![
        // No Latin match inside a word.
        (
            "Liquan said; Li Quan said.",
            vec![("li-quan", "Li Quan", 0)],
        ),
        ("OBOE and BOE.", vec![("boe", "BOE", 1)]),
        ("BOEs and BOE2 are not BOE.", vec![("boe", "BOE", 2)]),
        ("Beijing2 is a code name.", vec![]),
        // A rejected match does not hide a real one that starts inside it.
        (
            "We saw the Yangwang City.",
            vec![("yangwang-city", "Yangwang City", 0)],
        ),
        // Latin names compare case-insensitively, acronyms do not.
        (
            "LI QUAN and li quan spoke.",
            vec![("li-quan", "LI QUAN", 0), ("li-quan", "li quan", 0)],
        ),
        ("The boe plant and the Bda office.", vec![]),
        (
            "boe technology group grew.",
            vec![("boe", "boe technology group", 0)],
        ),
        // ... except in a document written all in lowercase.
        (lower_boe.as_str(), vec![("boe", "boe", 0)]),
        (
            lower_bda.as_str(),
            vec![("bda", "bda", 0), ("beijing", "beijing", 0)],
        ),
        // Chinese needs no boundary: adjacent names are both found.
        (
            "研究中心陆怡说。",
            vec![("research-center", "研究中心", 0), ("lu-yi", "陆怡", 0)],
        ),
        (
            "京东方BOE科技",
            vec![("boe", "京东方", 0), ("boe", "BOE", 0)],
        ),
        (
            "李泉Li Quan",
            vec![("li-quan", "李泉", 0), ("li-quan", "Li Quan", 0)],
        ),
        // Leftmost-longest.
        (
            "他在北京大学学习。",
            vec![("peking-university", "北京大学", 0)],
        ),
        (
            "北京经济技术开发区在北京。",
            vec![("bda", "北京经济技术开发区", 0), ("beijing", "北京", 1)],
        ),
        // Full-width forms: the span slices the original, full-width text.
        (
            "京东方（ＢＯＥ）科技",
            vec![("boe", "京东方", 0), ("boe", "ＢＯＥ", 0)],
        ),
        (
            "ＢＯＥ，Ｌｉ　Ｑｕａｎ。",
            vec![("boe", "ＢＯＥ", 0), ("li-quan", "Ｌｉ　Ｑｕａｎ", 0)],
        ),
        // Traditional script.
        (
            "京東方在北京經濟技術開發區設廠。",
            vec![("boe", "京東方", 0), ("bda", "北京經濟技術開發區", 0)],
        ),
        (
            "亦莊和經開區",
            vec![("bda", "亦莊", 0), ("bda", "經開區", 0)],
        ),
        // Page chrome yields nothing.
        ("Home page >> BOE >> Beijing", vec![]),
    ];
    let mut problems = Vec::new();
    for (text, expected) in &cases {
        let doc = extract(&x, text);
        let want: Vec<(String, usize, usize)> = expected
            .iter()
            .map(|(id, surface, n)| {
                let (s, e) = at(text, surface, *n);
                ((*id).to_owned(), s, e)
            })
            .collect();
        let got = spans(&x, &doc);
        if got != want {
            let surfaces: Vec<&str> = doc.mentions.iter().map(|m| doc.surface(m)).collect();
            problems.push(format!(
                "{text:?}:\n    expected {want:?}\n    got      {got:?} {surfaces:?}"
            ));
        }
        for m in &doc.mentions {
            assert_eq!(doc.surface(m), &text[m.start..m.end]);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A longer spelling that fails its word boundary must not hide a shorter one at the same start.
#[test]
fn shorter_spelling_at_the_same_start_survives_a_longer_one_failing_its_boundary() {
    let x = extractor();
    let cases: Vec<MatchCase<'_>> = vec![
        (
            "The plan covers Daxing districts.",
            vec![("daxing", "Daxing", 0)],
        ),
        (
            "The plan covers Daxing District.",
            vec![("daxing", "Daxing District", 0)],
        ),
        (
            "BOE Technology Groups of companies.",
            vec![("boe", "BOE", 0)],
        ),
        // Nothing shorter passes either: the search moves on, and finds what starts inside.
        (
            "Daxingers and the Yangwang City.",
            vec![("yangwang-city", "Yangwang City", 0)],
        ),
    ];
    for (text, expected) in &cases {
        let doc = extract(&x, text);
        let want: Vec<(String, usize, usize)> = expected
            .iter()
            .map(|(id, surface, n)| {
                let (s, e) = at(text, surface, *n);
                ((*id).to_owned(), s, e)
            })
            .collect();
        assert_eq!(spans(&x, &doc), want, "{text:?}");
    }
}

#[test]
fn mentions_carry_their_sentence() {
    let x = extractor();
    let text = "Li Quan visited BOE. 他说，京东方在亦庄。";
    let doc = extract(&x, text);
    let by_sentence: Vec<(String, &str)> = doc
        .mentions
        .iter()
        .map(|m| {
            (
                x.dictionary().entity(m.entity).id.clone(),
                doc.sentence_text(m.sentence),
            )
        })
        .collect();
    assert_eq!(
        by_sentence,
        vec![
            ("li-quan".to_owned(), "Li Quan visited BOE."),
            ("boe".to_owned(), "Li Quan visited BOE."),
            ("boe".to_owned(), "他说，京东方在亦庄。"),
            ("bda".to_owned(), "他说，京东方在亦庄。"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Ambiguous spellings.

fn ambiguous_extractor() -> Extractor {
    let companies = r#"
[[entity]]
id = "apex-robotics"
name = "Apex Robotics"
name_zh = "顶点机器人"
aliases = ["Apex", "顶点"]
ambiguous = ["Apex", "顶点"]
clusters = ["robots"]
"#;
    let organizations = r#"
[[entity]]
id = "apex-institute"
name = "Apex Institute"
aliases = ["apex", "顶點"]
ambiguous = ["APEX", "顶点"]
places = ["shanghai"]
"#;
    let clusters = r#"
[[entity]]
id = "robots"
name = "Robots"
aliases = ["robot industry"]
"#;
    let places = r#"
[[entity]]
id = "shanghai"
name = "Shanghai"
name_zh = "上海"

[[entity]]
id = "beijing"
name = "Beijing"
"#;
    common::extractor(&[
        (EntityKind::Company, companies),
        (EntityKind::Organization, organizations),
        (EntityKind::Cluster, clusters),
        (EntityKind::Place, places),
    ])
}

#[test]
fn ambiguous_spelling_is_resolved_by_its_document() {
    let x = ambiguous_extractor();
    let d = x.dictionary();
    let robotics = d.get("apex-robotics").unwrap();
    let institute = d.get("apex-institute").unwrap();
    // (text, the shared spelling, who it should go to)
    let cases = [
        // The document names the candidate itself, in another sentence.
        (
            "Apex Robotics opened a plant. Apex said output doubled.",
            "Apex",
            1,
            robotics,
        ),
        (
            "Apex said output doubled. The Apex Institute disagreed.",
            "Apex",
            0,
            institute,
        ),
        // ... or an entity the dictionary links it to.
        (
            "The robot industry grew. Apex hired staff.",
            "Apex",
            0,
            robotics,
        ),
        ("Apex moved to Shanghai.", "Apex", 0, institute),
        ("顶点在上海设立了实验室。", "顶点", 0, institute),
        ("顶点机器人扩产。頂點表示订单翻倍。", "頂點", 0, robotics),
    ];
    let mut problems = Vec::new();
    for (text, surface, n, want) in cases {
        let doc = extract(&x, text);
        let (s, e) = at(text, surface, n);
        let got: Vec<_> = doc
            .mentions
            .iter()
            .filter(|m| m.start == s && m.end == e)
            .map(|m| d.entity(m.entity).id.as_str())
            .collect();
        if got != [d.entity(want).id.as_str()] || !doc.unresolved.is_empty() {
            problems.push(format!(
                "{text:?}: {surface:?} at {s}..{e} should go to {}, got {got:?}, unresolved {:?}",
                d.entity(want).id,
                doc.unresolved
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn ambiguous_spelling_the_document_does_not_decide_is_unresolved() {
    let x = ambiguous_extractor();
    let d = x.dictionary();
    let mut both = vec![
        d.get("apex-robotics").unwrap(),
        d.get("apex-institute").unwrap(),
    ];
    both.sort();
    let cases = [
        // Nothing else is named.
        ("Apex said output doubled in Beijing.", "Apex", 0),
        // Both candidates are linked to something the document names: a tie.
        (
            "The robot industry of Shanghai grew, and Apex hired staff.",
            "Apex",
            0,
        ),
        ("顶点表示订单翻倍。", "顶点", 0),
    ];
    for (text, surface, n) in cases {
        let doc = extract(&x, text);
        let (s, e) = at(text, surface, n);
        assert!(
            doc.mentions.iter().all(|m| m.end <= s || m.start >= e),
            "{text:?}: the undecided {surface:?} must be given to nobody: {:?}",
            doc.mentions
        );
        assert_eq!(doc.unresolved.len(), 1, "{text:?}: {:?}", doc.unresolved);
        let u = &doc.unresolved[0];
        assert_eq!((u.start, u.end), (s, e), "{text:?}");
        let mut candidates = u.candidates.clone();
        candidates.sort();
        assert_eq!(candidates, both, "{text:?}");
        let sentence = doc.sentence_text(u.sentence);
        assert!(
            sentence.contains(surface),
            "{text:?}: sentence {sentence:?}"
        );
    }

    // An unresolved spelling makes no edge in the graph.
    let g = KnowledgeGraph::build(
        Arc::new(ambiguous_extractor()),
        vec![common::input("a", "Apex said output doubled in Beijing.")],
    );
    for id in ["apex-robotics", "apex-institute"] {
        let idx = g.entity_by_id(id).unwrap();
        assert!(g.mentions_of(idx).is_empty(), "{id} is mentioned");
        assert!(
            g.edges_of(idx)
                .iter()
                .all(|e| e.data.kind != RelationKind::CoMention),
            "{id} has a co-mention"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Regression: a role appositive whose organizations are separated by a non-ASCII character.

#[test]
fn appositive_with_full_width_bracket_between_organizations_does_not_panic() {
    let x = extractor();
    let text = "Li Quan, director of BOE（京东方）, said the plant will grow.";
    let doc = std::panic::catch_unwind(|| extract(&x, text))
        .unwrap_or_else(|_| panic!("extract panicked on {text:?}"));
    let d = x.dictionary();
    let (li, boe) = (d.get("li-quan").unwrap(), d.get("boe").unwrap());
    assert!(
        doc.relations.iter().any(|r| r.kind == RelationKind::Role
            && r.source == li
            && r.target == boe
            && r.label.as_deref() == Some("director")),
        "{:?}",
        doc.relations
    );
}
