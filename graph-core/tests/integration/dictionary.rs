//! Dictionary validation: every problem is reported at once, with its kind, file, line and field.

use std::path::{Path, PathBuf};

use graph_core::{Dictionary, DictionaryError, DictionaryErrorKind, EntityKind, Error, Extractor};

use crate::common::{data_dir, real_dictionary};

type Source<'a> = (&'a str, EntityKind, &'a str);

fn load(files: &[Source<'_>]) -> graph_core::Result<Dictionary> {
    let sources: Vec<(PathBuf, EntityKind, &str)> = files
        .iter()
        .map(|(name, kind, text)| (PathBuf::from(name), *kind, *text))
        .collect();
    Dictionary::from_sources(&sources)
}

fn errors_of(result: graph_core::Result<Dictionary>) -> Vec<DictionaryError> {
    match result {
        Err(Error::Dictionary(e)) => e.errors().to_vec(),
        Err(other) => panic!("expected dictionary errors, got another error: {other}"),
        Ok(d) => panic!(
            "expected dictionary errors, but {} entities loaded",
            d.len()
        ),
    }
}

/// One expected error: file, line, field and a test of the kind.
struct Expected {
    file: &'static str,
    line: usize,
    field: Option<&'static str>,
    kind: fn(&DictionaryErrorKind) -> bool,
}

fn exp(
    file: &'static str,
    line: usize,
    field: Option<&'static str>,
    kind: fn(&DictionaryErrorKind) -> bool,
) -> Expected {
    Expected {
        file,
        line,
        field,
        kind,
    }
}

struct Case {
    name: &'static str,
    files: &'static [Source<'static>],
    expected: Vec<Expected>,
}

const CLUSTERS: &str = r#"[[entity]]
id = "robots"
name = "Robots"
"#;

const PLACES: &str = r#"[[entity]]
id = "beijing"
name = "Beijing"
name_zh = "北京"
"#;

fn check(case: &Case) -> Vec<String> {
    let errors = errors_of(load(case.files));
    let mut problems = Vec::new();
    if errors.len() != case.expected.len() {
        problems.push(format!(
            "{}: expected {} error(s), got {}",
            case.name,
            case.expected.len(),
            errors.len()
        ));
    }
    for (i, want) in case.expected.iter().enumerate() {
        let Some(got) = errors.get(i) else { break };
        let ok = got.file == Path::new(want.file)
            && got.line == want.line
            && got.field.as_deref() == want.field
            && (want.kind)(&got.kind);
        if !ok {
            problems.push(format!(
                "{}: error {i}: expected {}:{} field {:?}, got {}:{} field {:?} kind {:?}",
                case.name,
                want.file,
                want.line,
                want.field,
                got.file.display(),
                got.line,
                got.field,
                got.kind
            ));
        }
    }
    if !problems.is_empty() {
        problems.push(format!("{}: all errors: {errors:#?}", case.name));
    }
    problems
}

#[test]
fn invalid_dictionaries_are_reported_with_kind_file_line_and_field() {
    use DictionaryErrorKind as K;
    let cases = vec![
        Case {
            name: "TOML syntax error",
            files: &[(
                "companies.toml",
                EntityKind::Company,
                "[[entity]]\nid = \"acme\"\nname = \"Acme\n",
            )],
            expected: vec![exp("companies.toml", 3, None, |k| matches!(k, K::Toml(_)))],
        },
        Case {
            name: "value of the wrong type",
            files: &[(
                "companies.toml",
                EntityKind::Company,
                "[[entity]]\nid = \"acme\"\nname = \"Acme\"\naliases = \"Acme Co\"\n",
            )],
            expected: vec![exp("companies.toml", 4, Some("aliases"), |k| {
                matches!(k, K::Toml(_))
            })],
        },
        Case {
            name: "unknown field",
            files: &[(
                "companies.toml",
                EntityKind::Company,
                "[[entity]]\nid = \"acme\"\nname = \"Acme\"\nalias = [\"Acme Co\"]\n",
            )],
            expected: vec![exp(
                "companies.toml",
                4,
                Some("alias"),
                |k| matches!(k, K::UnknownField(f) if f == "alias"),
            )],
        },
        Case {
            name: "unknown field in a role",
            files: &[(
                "people.toml",
                EntityKind::Person,
                "[[entity]]\nid = \"kong-lei\"\nname = \"Kong Lei\"\nroles = [{ title = \"Director\", organisation = \"x\" }]\n",
            )],
            expected: vec![exp(
                "people.toml",
                4,
                Some("roles.organisation"),
                |k| matches!(k, K::UnknownField(f) if f == "roles.organisation"),
            )],
        },
        Case {
            name: "roles not allowed for a company",
            files: &[(
                "companies.toml",
                EntityKind::Company,
                "[[entity]]\nid = \"acme\"\nname = \"Acme\"\n\nroles = [{ title = \"Maker\" }]\n",
            )],
            expected: vec![exp("companies.toml", 5, Some("roles"), |k| {
                matches!(
                    k,
                    K::FieldNotAllowed {
                        kind: EntityKind::Company
                    }
                )
            })],
        },
        Case {
            name: "issuer, clusters and parent not allowed for a person",
            files: &[
                ("clusters.toml", EntityKind::Cluster, CLUSTERS),
                (
                    "people.toml",
                    EntityKind::Person,
                    "[[entity]]\nid = \"kong-lei\"\nname = \"Kong Lei\"\nissuer = \"robots\"\nclusters = [\"robots\"]\nparent = \"robots\"\n",
                ),
            ],
            expected: vec![
                exp("people.toml", 4, Some("issuer"), |k| {
                    matches!(
                        k,
                        K::FieldNotAllowed {
                            kind: EntityKind::Person
                        }
                    )
                }),
                exp("people.toml", 5, Some("clusters"), |k| {
                    matches!(
                        k,
                        K::FieldNotAllowed {
                            kind: EntityKind::Person
                        }
                    )
                }),
                exp("people.toml", 6, Some("parent"), |k| {
                    matches!(
                        k,
                        K::FieldNotAllowed {
                            kind: EntityKind::Person
                        }
                    )
                }),
            ],
        },
        Case {
            name: "duplicate id across two files",
            files: &[
                (
                    "companies.toml",
                    EntityKind::Company,
                    "# companies\n[[entity]]\nid = \"acme\"\nname = \"Acme\"\n",
                ),
                (
                    "organizations.toml",
                    EntityKind::Organization,
                    "[[entity]]\nid = \"bureau\"\nname = \"The Bureau\"\n\n[[entity]]\nid = \"acme\"\nname = \"Acme Institute\"\n",
                ),
            ],
            expected: vec![exp(
                "organizations.toml",
                6,
                Some("id"),
                |k| matches!(k, K::DuplicateId { id, first } if id == "acme" && first == "companies.toml:3"),
            )],
        },
        Case {
            name: "malformed ids",
            files: &[(
                "companies.toml",
                EntityKind::Company,
                "[[entity]]\nid = \"Acme\"\nname = \"Acme\"\n[[entity]]\nid = \"acme_co\"\nname = \"Acme Co\"\n[[entity]]\nid = \"a--b\"\nname = \"AB Group\"\n[[entity]]\nid = \"-x\"\nname = \"X Group\"\n[[entity]]\nid = \"\"\nname = \"Nameless\"\n",
            )],
            expected: vec![
                exp(
                    "companies.toml",
                    2,
                    Some("id"),
                    |k| matches!(k, K::MalformedId(i) if i == "Acme"),
                ),
                exp(
                    "companies.toml",
                    5,
                    Some("id"),
                    |k| matches!(k, K::MalformedId(i) if i == "acme_co"),
                ),
                exp(
                    "companies.toml",
                    8,
                    Some("id"),
                    |k| matches!(k, K::MalformedId(i) if i == "a--b"),
                ),
                exp(
                    "companies.toml",
                    11,
                    Some("id"),
                    |k| matches!(k, K::MalformedId(i) if i == "-x"),
                ),
                exp(
                    "companies.toml",
                    14,
                    Some("id"),
                    |k| matches!(k, K::MalformedId(i) if i.is_empty()),
                ),
            ],
        },
        Case {
            name: "reference to an unknown id",
            files: &[
                ("clusters.toml", EntityKind::Cluster, CLUSTERS),
                (
                    "companies.toml",
                    EntityKind::Company,
                    "[[entity]]\nid = \"acme\"\nname = \"Acme\"\nclusters = [\"robots\",\n  \"robotics\"]\n",
                ),
            ],
            expected: vec![exp(
                "companies.toml",
                5,
                Some("clusters"),
                |k| matches!(k, K::UnknownReference(r) if r == "robotics"),
            )],
        },
        Case {
            name: "references to entities of the wrong kind",
            files: &[
                ("clusters.toml", EntityKind::Cluster, CLUSTERS),
                ("places.toml", EntityKind::Place, PLACES),
                (
                    "companies.toml",
                    EntityKind::Company,
                    "[[entity]]\nid = \"acme\"\nname = \"Acme\"\nclusters = [\"beijing\"]\nparks = [\"robots\"]\nparent = \"beijing\"\n",
                ),
                (
                    "people.toml",
                    EntityKind::Person,
                    "[[entity]]\nid = \"kong-lei\"\nname = \"Kong Lei\"\nroles = [{ title = \"Director\", org = \"robots\" }]\n",
                ),
            ],
            expected: vec![
                exp(
                    "companies.toml",
                    4,
                    Some("clusters"),
                    |k| matches!(k, K::WrongKind { id, found: EntityKind::Place, .. } if id == "beijing"),
                ),
                exp(
                    "companies.toml",
                    5,
                    Some("parks"),
                    |k| matches!(k, K::WrongKind { id, found: EntityKind::Cluster, .. } if id == "robots"),
                ),
                exp(
                    "companies.toml",
                    6,
                    Some("parent"),
                    |k| matches!(k, K::WrongKind { id, found: EntityKind::Place, .. } if id == "beijing"),
                ),
                exp(
                    "people.toml",
                    4,
                    Some("roles.org"),
                    |k| matches!(k, K::WrongKind { id, found: EntityKind::Cluster, .. } if id == "robots"),
                ),
            ],
        },
        Case {
            name: "cycle in parent",
            files: &[(
                "clusters.toml",
                EntityKind::Cluster,
                "[[entity]]\nid = \"b\"\nname = \"Bee\"\nparent = \"a\"\n\n[[entity]]\nid = \"a\"\nname = \"Ay\"\nparent = \"b\"\n",
            )],
            expected: vec![exp(
                "clusters.toml",
                9,
                Some("parent"),
                |k| matches!(k, K::ParentCycle(c) if c == &["a", "b", "a"]),
            )],
        },
        Case {
            name: "an entity that is its own parent",
            files: &[(
                "places.toml",
                EntityKind::Place,
                "[[entity]]\nid = \"beijing\"\nname = \"Beijing\"\nparent = \"beijing\"\n",
            )],
            expected: vec![exp(
                "places.toml",
                4,
                Some("parent"),
                |k| matches!(k, K::ParentCycle(c) if c == &["beijing", "beijing"]),
            )],
        },
        Case {
            name: "empty name, one-character alias and Chinese name, blank role title",
            files: &[
                (
                    "companies.toml",
                    EntityKind::Company,
                    "[[entity]]\nid = \"acme\"\nname = \"\"\naliases = [\"Acme\", \"A\"]\n[[entity]]\nid = \"jd\"\nname = \"JD Group\"\nname_zh = \"京\"\naliases = [\"  \"]\n",
                ),
                (
                    "people.toml",
                    EntityKind::Person,
                    "[[entity]]\nid = \"kong-lei\"\nname = \"Kong Lei\"\nroles = [{ title = \" \" }]\n",
                ),
            ],
            expected: vec![
                exp(
                    "companies.toml",
                    3,
                    Some("name"),
                    |k| matches!(k, K::NameTooShort(n) if n.is_empty()),
                ),
                exp(
                    "companies.toml",
                    4,
                    Some("aliases"),
                    |k| matches!(k, K::NameTooShort(n) if n == "A"),
                ),
                exp(
                    "companies.toml",
                    8,
                    Some("name_zh"),
                    |k| matches!(k, K::NameTooShort(n) if n == "京"),
                ),
                exp("companies.toml", 9, Some("aliases"), |k| {
                    matches!(k, K::NameTooShort(_))
                }),
                exp("people.toml", 4, Some("roles.title"), |k| {
                    matches!(k, K::NameTooShort(_))
                }),
            ],
        },
        Case {
            name: "alias claimed by two entities",
            files: &[(
                "companies.toml",
                EntityKind::Company,
                "[[entity]]\nid = \"acme\"\nname = \"Acme\"\naliases = [\"ACG\"]\n\n[[entity]]\nid = \"acme-group\"\nname = \"Acme Group\"\naliases = [\"acg\"]\n",
            )],
            expected: vec![
                exp("companies.toml", 4, Some("aliases"), |k| {
                    matches!(k, K::AliasConflict { alias, id, other, other_at }
                        if alias == "ACG" && id == "acme" && other == "acme-group" && other_at == "companies.toml:7")
                }),
                exp("companies.toml", 9, Some("aliases"), |k| {
                    matches!(k, K::AliasConflict { alias, id, other, other_at }
                        if alias == "acg" && id == "acme-group" && other == "acme" && other_at == "companies.toml:2")
                }),
            ],
        },
        Case {
            name: "alias claimed in two scripts and widths across files",
            files: &[
                (
                    "companies.toml",
                    EntityKind::Company,
                    "[[entity]]\nid = \"boe\"\nname = \"BOE Technology Group\"\naliases = [\"BOE Tech\",\n  \"京东方\"]\n",
                ),
                (
                    "organizations.toml",
                    EntityKind::Organization,
                    "[[entity]]\nid = \"boe-institute\"\nname = \"BOE Institute\"\naliases = [\"ＢＯＥ  tech\", \"京東方\"]\n",
                ),
            ],
            expected: vec![
                exp(
                    "companies.toml",
                    4,
                    Some("aliases"),
                    |k| matches!(k, K::AliasConflict { alias, other, .. } if alias == "BOE Tech" && other == "boe-institute"),
                ),
                exp(
                    "companies.toml",
                    5,
                    Some("aliases"),
                    |k| matches!(k, K::AliasConflict { alias, other, .. } if alias == "京东方" && other == "boe-institute"),
                ),
                exp(
                    "organizations.toml",
                    4,
                    Some("aliases"),
                    |k| matches!(k, K::AliasConflict { alias, other, .. } if alias == "ＢＯＥ  tech" && other == "boe"),
                ),
                exp(
                    "organizations.toml",
                    4,
                    Some("aliases"),
                    |k| matches!(k, K::AliasConflict { alias, other, .. } if alias == "京東方" && other == "boe"),
                ),
            ],
        },
        Case {
            name: "alias marked ambiguous by only one claimant",
            files: &[(
                "companies.toml",
                EntityKind::Company,
                "[[entity]]\nid = \"acme\"\nname = \"Acme\"\naliases = [\"ACG\"]\nambiguous = [\"ACG\"]\n\n[[entity]]\nid = \"acme-group\"\nname = \"Acme Group\"\naliases = [\"ACG\"]\n",
            )],
            expected: vec![exp(
                "companies.toml",
                10,
                Some("aliases"),
                |k| matches!(k, K::AliasConflict { id, other, .. } if id == "acme-group" && other == "acme"),
            )],
        },
        Case {
            name: "ambiguous listing a spelling that is not the entity's",
            files: &[(
                "companies.toml",
                EntityKind::Company,
                "[[entity]]\nid = \"acme\"\nname = \"Acme\"\naliases = [\"ACG\"]\nambiguous = [\"ACG\",\n  \"Acme Corp\"]\n",
            )],
            expected: vec![exp(
                "companies.toml",
                6,
                Some("ambiguous"),
                |k| matches!(k, K::AmbiguousNotAnAlias(a) if a == "Acme Corp"),
            )],
        },
        Case {
            name: "several problems in several files, in file and line order",
            files: &[
                (
                    "people.toml",
                    EntityKind::Person,
                    "[[entity]]\nid = \"Kong Lei\"\nname = \"Kong Lei\"\nroles = [{ title = \"Director\", org = \"nowhere\" }]\n",
                ),
                (
                    "companies.toml",
                    EntityKind::Company,
                    "[[entity]]\nid = \"acme\"\nname = \"A\"\nclusters = [\"robots\"]\n",
                ),
                (
                    "clusters.toml",
                    EntityKind::Cluster,
                    "[[entity]\nid = \"robots\"\n",
                ),
            ],
            expected: vec![
                exp("clusters.toml", 1, None, |k| matches!(k, K::Toml(_))),
                exp("companies.toml", 3, Some("name"), |k| {
                    matches!(k, K::NameTooShort(_))
                }),
                exp(
                    "companies.toml",
                    4,
                    Some("clusters"),
                    |k| matches!(k, K::UnknownReference(r) if r == "robots"),
                ),
                exp("people.toml", 2, Some("id"), |k| {
                    matches!(k, K::MalformedId(_))
                }),
                exp(
                    "people.toml",
                    4,
                    Some("roles.org"),
                    |k| matches!(k, K::UnknownReference(r) if r == "nowhere"),
                ),
            ],
        },
    ];
    let problems: Vec<String> = cases.iter().flat_map(check).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// An alias conflict on a `name` or `name_zh` should name that field, as every other error does.
#[test]
fn alias_conflict_on_a_name_names_that_field() {
    let errors = errors_of(load(&[
        (
            "companies.toml",
            EntityKind::Company,
            "[[entity]]\nid = \"boe\"\nname = \"BOE Technology Group\"\nname_zh = \"京东方\"\n",
        ),
        (
            "organizations.toml",
            EntityKind::Organization,
            "[[entity]]\nid = \"boe-institute\"\nname = \"BOE Institute\"\nname_zh = \"京東方\"\naliases = [\"ＢＯＥ Technology Group\"]\n",
        ),
    ]));
    let got: Vec<(String, usize, Option<&str>)> = errors
        .iter()
        .map(|e| (e.file.display().to_string(), e.line, e.field.as_deref()))
        .collect();
    assert!(
        errors
            .iter()
            .all(|e| matches!(e.kind, DictionaryErrorKind::AliasConflict { .. }))
    );
    assert_eq!(
        got,
        vec![
            ("companies.toml".to_owned(), 3, Some("name")),
            ("companies.toml".to_owned(), 4, Some("name_zh")),
            ("organizations.toml".to_owned(), 4, Some("name_zh")),
            ("organizations.toml".to_owned(), 5, Some("aliases")),
        ]
    );
}

#[test]
fn the_same_alias_marked_ambiguous_on_both_loads() {
    let dict = load(&[
        (
            "companies.toml",
            EntityKind::Company,
            "[[entity]]\nid = \"acme\"\nname = \"Acme\"\naliases = [\"ACG\"]\nambiguous = [\"acg\"]\n",
        ),
        (
            "organizations.toml",
            EntityKind::Organization,
            "[[entity]]\nid = \"acme-guild\"\nname = \"Acme Guild\"\naliases = [\"ＡＣＧ\"]\nambiguous = [\"ACG\"]\n",
        ),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dict.len(), 2);
    let acme = dict.get("acme").unwrap();
    assert_eq!(dict.entity(acme).ambiguous, vec!["acg"]);
    // The shared spelling is one pattern with both entities behind it.
    let extractor = Extractor::new(dict);
    assert_eq!(extractor.matcher().pattern_count(), 3);
}

#[test]
fn an_entity_may_repeat_its_own_name_as_an_alias() {
    let dict = load(&[(
        "companies.toml",
        EntityKind::Company,
        "[[entity]]\nid = \"boe\"\nname = \"BOE\"\nname_zh = \"京东方\"\naliases = [\"boe\", \"京東方\"]\n",
    )]);
    assert!(dict.is_ok(), "{:?}", dict.err().map(|e| e.to_string()));
}

#[test]
fn display_names_file_line_and_field() {
    let err = load(&[(
        "dictionaries/companies.toml",
        EntityKind::Company,
        "[[entity]]\nid = \"acme\"\nname = \"Acme\"\nclusters = [\"robotics\"]\n",
    )])
    .unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("1 problem in the dictionaries"), "{text}");
    assert!(
        text.contains("dictionaries/companies.toml:4:"),
        "no file:line in {text:?}"
    );
    assert!(text.contains("clusters"), "no field in {text:?}");
    assert!(text.contains("robotics"), "no value in {text:?}");

    let errors = errors_of(Err(err));
    let one = errors[0].to_string();
    assert!(
        one.starts_with("dictionaries/companies.toml:4:13: "),
        "{one}"
    );
}

#[test]
fn load_dir_reports_every_problem_of_a_directory() {
    let dir = data_dir("invalid_dictionaries");
    let errors = errors_of(Dictionary::load_dir(&dir));
    let seen: Vec<(String, usize, Option<&str>, &DictionaryErrorKind)> = errors
        .iter()
        .map(|e| {
            (
                e.file
                    .strip_prefix(&dir)
                    .unwrap_or_else(|_| panic!("{} is outside {}", e.file.display(), dir.display()))
                    .display()
                    .to_string(),
                e.line,
                e.field.as_deref(),
                &e.kind,
            )
        })
        .collect();
    use DictionaryErrorKind as K;
    let expected: Vec<Expected> = vec![
        exp(
            "company.toml",
            1,
            None,
            |k| matches!(k, K::Unreadable(m) if m.contains("companies.toml")),
        ),
        exp(
            "clusters.toml",
            6,
            Some("parent"),
            |k| matches!(k, K::ParentCycle(c) if c == &["future-health", "gene-therapy", "future-health"]),
        ),
        exp(
            "companies.toml",
            6,
            Some("clusters"),
            |k| matches!(k, K::UnknownReference(r) if r == "gene-editing"),
        ),
        exp(
            "companies.toml",
            11,
            Some("aliases"),
            |k| matches!(k, K::AliasConflict { alias, other, .. } if alias == "Jinlan" && other == "jinlan-biotech"),
        ),
        exp(
            "companies.toml",
            16,
            Some("id"),
            |k| matches!(k, K::DuplicateId { id, first } if id == "jinlan-gene" && first.ends_with("companies.toml:9")),
        ),
        exp(
            "companies.toml",
            21,
            Some("aliases"),
            |k| matches!(k, K::AliasConflict { alias, other, .. } if alias == "Jinlan" && other == "jinlan-gene"),
        ),
        exp(
            "people.toml",
            6,
            Some("roles.org"),
            |k| matches!(k, K::WrongKind { id, found: EntityKind::Cluster, .. } if id == "gene-therapy"),
        ),
        exp(
            "places.toml",
            4,
            Some("nickname"),
            |k| matches!(k, K::UnknownField(f) if f == "nickname"),
        ),
    ];
    let mut problems = Vec::new();
    for want in &expected {
        let hit = seen.iter().any(|(file, line, field, kind)| {
            file == want.file && *line == want.line && *field == want.field && (want.kind)(kind)
        });
        if !hit {
            problems.push(format!(
                "missing: {}:{} field {:?}",
                want.file, want.line, want.field
            ));
        }
    }
    assert!(
        problems.is_empty() && seen.len() == expected.len(),
        "{}\nall errors ({}, expected {}):\n{seen:#?}",
        problems.join("\n"),
        seen.len(),
        expected.len()
    );
}

#[test]
fn load_dir_of_an_empty_or_missing_directory() {
    let dir = std::env::temp_dir().join(format!("graph-core-empty-dict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("README.md"), "not a dictionary").unwrap();
    let result = Dictionary::load_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    let errors = errors_of(result);
    assert_eq!(errors.len(), 1);
    assert!(matches!(errors[0].kind, DictionaryErrorKind::NoFiles));
    assert_eq!(errors[0].file, dir);

    let missing = dir.join("nope");
    match Dictionary::load_dir(&missing) {
        Err(Error::Io { path, .. }) => assert_eq!(path, missing),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

#[test]
fn the_real_dictionaries_load() {
    let dict = real_dictionary();
    assert!(dict.len() > 150, "only {} entities", dict.len());
    for kind in EntityKind::ALL {
        assert!(
            dict.entities().iter().any(|e| e.kind == kind),
            "no {kind} in the dictionaries"
        );
    }
    // Ordered by id, and `get` agrees with the order.
    for (idx, e) in dict.iter() {
        assert_eq!(dict.get(&e.id), Some(idx));
    }
    assert!(dict.entities().windows(2).all(|w| w[0].id < w[1].id));
    let bda = dict.entity(dict.get("bda").unwrap());
    assert_eq!(bda.kind, EntityKind::Park);
    assert_eq!(bda.name_zh.as_deref(), Some("北京经济技术开发区"));
}
