//! Roles over time: one person's curated and extracted roles become tenures in the order they
//! began, with the roles held on a given day and the contradictions between them.
//!
//! A title that changes — 副主任, then 主任, then 书记 — is a sequence, not a pile: news names a
//! person by the title they hold on the day, so each document's title is evidence of that role
//! at that document's (or sentence's) date.
//!
//! # Offices
//!
//! A title is read as an [`Office`]: its *line* — the post it names, whatever the wording
//! (director: director, 主任, 局长, 所长…; secretary: secretary, 书记; chairman: chairman, 董事长,
//! 主席; president: president, 总裁, 校长, 院长; and so on, the earliest such word in the title)
//! — and whether it is the deputy of that post (deputy, vice, or 副 right before the word:
//! 副主任, but not the 副 of 城市副中心). "Director of the Management Committee", "director"
//! and "主任" at one organization are one office; a title with no known word is its own line.
//!
//! # Tenures ([`tenures`])
//!
//! 1. Extracted roles of one organization and office are one tenure, whatever their wording;
//!    a curated role of the same organization and office joins them.
//! 2. A tenure starts at its curated `since`, else at its first evidence.
//! 3. It ends at its curated `until`. Without one, it ends where a later role at the same
//!    organization starts — the start of the earliest tenure there that certainly starts after
//!    it (`副主任` → `主任` → `书记` of one body) — unless its own evidence reaches that start,
//!    which shows both held at once (党委书记 and 董事长 of one company, named together). A
//!    tenure with no start is never ended this way: nothing is known to be later.
//! 4. Otherwise it is open: held, as far as the sources know.
//!
//! Tenures are ordered by start (unknown starts last), then organization, line and rank.
//!
//! # On a day ([`roles_as_of`])
//!
//! A tenure *may* hold on every day from the first day its start can mean to the last day its end
//! can mean (open ends are unbounded). It *certainly* holds from the last day its start can mean
//! to the first day its end can mean, for a curated role (the dictionary states it as held until
//! its end); a role only the text states certainly holds only up to its last evidence — later
//! days are presumed, not known. Partial dates make the difference: a deputy until `2021-06` and
//! a director since `2021-06` may both hold in June 2021, and neither certainly does on a day the
//! other certainly does.
//!
//! # Contradictions ([`contradictions`])
//!
//! A person may hold several roles at once (deputy secretary of the working committee and
//! director of the management committee). Two roles contradict only when they are
//! [`Contradiction::Ranks`]: two ranks of one line at one organization (its director and its
//! deputy director) that both *certainly* hold on some day; and a role's evidence contradicts
//! its curated tenure ([`Contradiction::OutsideTenure`]) when the evidence certainly falls before
//! its `since` or after its `until`.

use crate::dictionary::{EntityIdx, Role};
use crate::text::fold;
use crate::text::{Date, PartialDate};

/// The posts a title can name, each with its spellings (English lowercase, Chinese). Longer
/// spellings of one line come first, and lines whose words contain another's come before it
/// ("general secretary" before "secretary").
const LINES: &[(&str, &[&str])] = &[
    ("general secretary", &["general secretary", "总书记"]),
    (
        "secretary-general",
        &["secretary-general", "secretary general", "秘书长"],
    ),
    ("secretary", &["secretary", "书记"]),
    ("general manager", &["general manager", "总经理"]),
    (
        "chief executive",
        &[
            "chief executive officer",
            "chief executive",
            "ceo",
            "首席执行官",
        ],
    ),
    (
        "director",
        &[
            "director-general",
            "director general",
            "director",
            "主任",
            "局长",
            "处长",
            "所长",
            "厅长",
            "司长",
            "科长",
        ],
    ),
    (
        "chairman",
        &[
            "chairman",
            "chairwoman",
            "chairperson",
            "chair",
            "董事长",
            "理事长",
            "主席",
            "会长",
        ],
    ),
    ("president", &["president", "总裁", "校长", "院长"]),
    ("mayor", &["mayor", "市长", "区长", "县长"]),
    ("governor", &["governor", "省长"]),
    ("head", &["head", "minister", "部长"]),
    ("member", &["member", "委员", "成员"]),
    ("reporter", &["reporter", "correspondent", "记者"]),
    ("editor", &["editor", "编辑"]),
];

/// Whether a title is a post or its deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rank {
    /// The post itself.
    Full,
    /// Its deputy (deputy, vice, 副).
    Deputy,
}

/// What a title names: a line of posts and a rank in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Office {
    /// The post: `director`, `secretary`, `chairman`…, or the folded title itself when it names
    /// none of the known posts.
    pub line: String,
    /// The post or its deputy.
    pub rank: Rank,
}

/// Reads a title as an office (see the module documentation).
pub fn office(title: &str) -> Office {
    let folded = fold(title).text.to_lowercase();
    let mut best: Option<(usize, &str, &str)> = None;
    for &(line, words) in LINES {
        for &w in words {
            let found = folded.match_indices(w).find(|&(i, _)| {
                // English words only as whole words ("chair" is not in "chairs", "head" not in
                // "headquarters"); Chinese ones anywhere.
                !w.is_ascii() || {
                    let before = folded[..i].chars().next_back();
                    let after = folded[i + w.len()..].chars().next();
                    before.is_none_or(|c| !c.is_alphanumeric())
                        && after.is_none_or(|c| !c.is_alphanumeric())
                }
            });
            if let Some((i, _)) = found
                && best.is_none_or(|(b, _, bw)| i < b || (i == b && w.len() > bw.len()))
            {
                best = Some((i, line, w));
            }
        }
    }
    let Some((at, line, _)) = best else {
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric() && !crate::text::is_cjk(c))
            .filter(|w| !w.is_empty() && !["deputy", "vice", "executive"].contains(w))
            .collect();
        let deputy = folded.contains("deputy") || folded.contains("vice") || folded.contains('副');
        return Office {
            line: words.join(" ").replace('副', ""),
            rank: if deputy { Rank::Deputy } else { Rank::Full },
        };
    };
    let before = folded[..at].trim_end();
    let last_words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .collect();
    let deputy =
        before.ends_with('副') || last_words.iter().any(|w| matches!(*w, "deputy" | "vice"));
    Office {
        line: line.to_owned(),
        rank: if deputy { Rank::Deputy } else { Rank::Full },
    }
}

/// The office a title names when it is nothing but a known post, or its deputy ("secretary",
/// "书记", "deputy director", "副主任"): what a curated English title and a Chinese title read from
/// a sentence share once the words that restate the organization are cut. `None` for a title
/// with more in it ("director of marketing"), which keeps its own meaning.
pub(crate) fn bare_office(folded: &str) -> Option<Office> {
    let t = folded.trim();
    let (rest, rank) = ["deputy ", "vice ", "vice-", "副"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .map_or((t, Rank::Full), |r| (r.trim(), Rank::Deputy));
    LINES
        .iter()
        .find(|(_, words)| words.contains(&rest))
        .map(|&(line, _)| Office {
            line: line.to_owned(),
            rank,
        })
}

/// A role read from text: the title as written, the organization, and the dates of the
/// sentences that state it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedRole {
    /// The title as written.
    pub title: String,
    /// Where the role is held.
    pub org: Option<EntityIdx>,
    /// The dates of its evidence (sentence dates).
    pub evidence: Vec<PartialDate>,
}

/// One role of a person over a span of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenure {
    /// The title: the curated one, else the one most of the evidence uses.
    pub title: String,
    /// Where it is held.
    pub org: Option<EntityIdx>,
    /// The office the title names.
    pub office: Office,
    /// When it began: curated, else the first evidence.
    pub since: Option<PartialDate>,
    /// When it ended: curated, else the start of the role that followed it.
    pub until: Option<PartialDate>,
    /// The index (in the same list) of the tenure whose start ended this one.
    pub ended_by: Option<usize>,
    /// Whether the dictionary states this role.
    pub curated: bool,
    /// The dates of the evidence, sorted, without repeats.
    pub evidence: Vec<PartialDate>,
    /// The curated dates, kept to check the evidence against.
    curated_span: (Option<PartialDate>, Option<PartialDate>),
}

impl Tenure {
    /// The days on which the role may hold. A role ended by the next one at its organization
    /// holds up to the day before that one began (the day of the change is the new title's);
    /// a curated `until` is its last day.
    pub fn possible(&self) -> (Option<Date>, Option<Date>) {
        let last = match (self.ended_by, self.until) {
            (Some(_), Some(next)) => crate::text::when::add_days(next.first_day(), -1),
            (_, until) => until.map(PartialDate::last_day),
        };
        (self.since.map(PartialDate::first_day), last)
    }

    /// The days on which the sources say the role holds (see the module documentation);
    /// `None` when there is no such day.
    pub fn certain(&self) -> Option<(Option<Date>, Option<Date>)> {
        let first = self.since.map(PartialDate::last_day);
        let end = self.until.map(PartialDate::first_day);
        // The dictionary states a curated role as held until its end; a role only the text
        // states is known to hold up to its last evidence.
        let last = if self.curated {
            end
        } else {
            let seen = self.evidence.iter().map(|d| d.first_day()).max()?;
            Some(end.map_or(seen, |e| seen.min(e)))
        };
        match (first, last) {
            (Some(f), Some(l)) if f > l => None,
            span => Some(span),
        }
    }
}

/// One person's roles as tenures, in the order they began (see the module documentation).
pub fn tenures(curated: &[Role], extracted: &[ExtractedRole]) -> Vec<Tenure> {
    let mut out: Vec<Tenure> = curated
        .iter()
        .map(|r| Tenure {
            title: r.title.clone(),
            org: r.org,
            office: office(&r.title),
            since: r.since,
            until: r.until,
            ended_by: None,
            curated: true,
            evidence: Vec::new(),
            curated_span: (r.since, r.until),
        })
        .collect();
    // Extracted roles join the tenure of their organization and office; the title that most
    // evidence uses names a tenure that only text states.
    let mut titles: Vec<Vec<(usize, String)>> = vec![Vec::new(); out.len()];
    for role in extracted {
        let o = office(&role.title);
        let at = match out.iter().position(|t| t.org == role.org && t.office == o) {
            Some(i) => i,
            None => {
                out.push(Tenure {
                    title: role.title.clone(),
                    org: role.org,
                    office: o,
                    since: None,
                    until: None,
                    ended_by: None,
                    curated: false,
                    evidence: Vec::new(),
                    curated_span: (None, None),
                });
                titles.push(Vec::new());
                out.len() - 1
            }
        };
        out[at].evidence.extend(role.evidence.iter().copied());
        titles[at].push((role.evidence.len(), role.title.clone()));
    }
    for (t, titles) in out.iter_mut().zip(&mut titles) {
        t.evidence.sort_by_key(|d| (d.first_day(), d.last_day()));
        t.evidence.dedup();
        if !t.curated {
            titles.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            if let Some((_, title)) = titles.first() {
                t.title = title.clone();
            }
        }
        if t.since.is_none() {
            t.since = t.evidence.first().copied();
        }
    }
    out.sort_by(|a, b| {
        let key = |t: &Tenure| (t.since.is_none(), t.since.map(PartialDate::first_day));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.org.cmp(&b.org))
            .then_with(|| a.office.cmp(&b.office))
            .then_with(|| a.title.cmp(&b.title))
    });
    // Succession at one organization.
    for i in 0..out.len() {
        if out[i].curated_span.1.is_some() || out[i].org.is_none() {
            continue;
        }
        let Some(start) = out[i].since else { continue };
        let reach = out[i].evidence.iter().map(|d| d.last_day()).max();
        let next = (0..out.len())
            .filter(|&j| j != i && out[j].org == out[i].org)
            .filter_map(|j| out[j].since.map(|s| (j, s)))
            .filter(|(_, s)| s.first_day() > start.last_day())
            .filter(|(_, s)| reach.is_none_or(|r| r < s.first_day()))
            .min_by_key(|&(j, s)| (s.first_day(), j));
        if let Some((j, s)) = next {
            out[i].until = Some(s);
            out[i].ended_by = Some(j);
        }
    }
    out
}

/// A tenure that holds on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldRole {
    /// Its index in the tenures given.
    pub tenure: usize,
    /// Whether the sources say it holds on that day (else it only may).
    pub certain: bool,
}

/// The tenures that may hold on `day`, in order, each marked certain or not.
pub fn roles_as_of(tenures: &[Tenure], day: Date) -> Vec<HeldRole> {
    let within = |(first, last): (Option<Date>, Option<Date>)| {
        first.is_none_or(|f| f <= day) && last.is_none_or(|l| day <= l)
    };
    tenures
        .iter()
        .enumerate()
        .filter(|(_, t)| within(t.possible()))
        .map(|(i, t)| HeldRole {
            tenure: i,
            certain: t.certain().is_some_and(within),
        })
        .collect()
}

/// Two roles that cannot both be true, or evidence that contradicts a curated tenure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contradiction {
    /// Two ranks of one line at one organization (director and deputy director of one body),
    /// both certainly held from `from` to `to` (`None`: open).
    Ranks {
        /// The earlier tenure's index.
        a: usize,
        /// The later tenure's index.
        b: usize,
        /// The first day both hold (`None`: unbounded).
        from: Option<Date>,
        /// The last day both hold (`None`: open).
        to: Option<Date>,
    },
    /// Evidence of a role dated certainly outside its curated tenure.
    OutsideTenure {
        /// The tenure's index.
        tenure: usize,
        /// The evidence's date.
        evidence: PartialDate,
    },
}

/// The contradictions among one person's tenures (see the module documentation), in order.
pub fn contradictions(tenures: &[Tenure]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for (a, ta) in tenures.iter().enumerate() {
        for (b, tb) in tenures.iter().enumerate().skip(a + 1) {
            if ta.org.is_none()
                || ta.org != tb.org
                || ta.office.line != tb.office.line
                || ta.office.rank == tb.office.rank
            {
                continue;
            }
            let (Some((fa, la)), Some((fb, lb))) = (ta.certain(), tb.certain()) else {
                continue;
            };
            let from = match (fa, fb) {
                (Some(x), Some(y)) => Some(x.max(y)),
                (x, y) => x.or(y),
            };
            let to = match (la, lb) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                continue;
            }
            out.push(Contradiction::Ranks { a, b, from, to });
        }
    }
    for (i, t) in tenures.iter().enumerate() {
        let (since, until) = t.curated_span;
        for &e in &t.evidence {
            let before = since.is_some_and(|s| e.last_day() < s.first_day());
            let after = until.is_some_and(|u| e.first_day() > u.last_day());
            if before || after {
                out.push(Contradiction::OutsideTenure {
                    tenure: i,
                    evidence: e,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pd(s: &str) -> PartialDate {
        PartialDate::parse_iso(s).unwrap_or_else(|| panic!("bad test date {s}"))
    }

    fn day(s: &str) -> Date {
        Date::parse_iso(s).unwrap_or_else(|| panic!("bad test day {s}"))
    }

    const COMMITTEE: Option<EntityIdx> = Some(EntityIdx(1));
    const WORKING: Option<EntityIdx> = Some(EntityIdx(2));
    const COMPANY: Option<EntityIdx> = Some(EntityIdx(3));

    fn seen(title: &str, org: Option<EntityIdx>, dates: &[&str]) -> ExtractedRole {
        ExtractedRole {
            title: title.to_owned(),
            org,
            evidence: dates.iter().map(|d| pd(d)).collect(),
        }
    }

    proptest::proptest! {
        /// Any title reads as some office without panicking.
        #[test]
        fn any_title_is_an_office(s in "\\PC{0,30}") {
            let _ = office(&s);
        }
    }

    #[test]
    fn titles_name_offices() {
        let cases: &[(&str, &str, Rank)] = &[
            (
                "Director of the Management Committee",
                "director",
                Rank::Full,
            ),
            ("deputy director", "director", Rank::Deputy),
            ("管委会副主任", "director", Rank::Deputy),
            ("经济发展局局长", "director", Rank::Full),
            ("工委副书记", "secretary", Rank::Deputy),
            ("General Secretary", "general secretary", Rank::Full),
            ("executive vice president", "president", Rank::Deputy),
            ("董事长", "chairman", Rank::Full),
            ("城市副中心管委会主任", "director", Rank::Full),
            ("trade union chairman", "chairman", Rank::Full),
            ("member of the working committee", "member", Rank::Full),
            ("head of the headquarters office", "head", Rank::Full),
            ("staff member", "member", Rank::Full),
            ("Chief Engineer", "chief engineer", Rank::Full),
            ("副总工程师", "总工程师", Rank::Deputy),
        ];
        for &(title, line, rank) in cases {
            assert_eq!(
                office(title),
                Office {
                    line: line.to_owned(),
                    rank
                },
                "{title}"
            );
        }
    }

    /// 副主任 (2019) → 主任 (2021) → 书记 (2023) at one committee, from three documents.
    fn three_documents() -> Vec<Tenure> {
        tenures(
            &[],
            &[
                seen("主任", COMMITTEE, &["2021-06-02", "2022-03-01"]),
                seen("副主任", COMMITTEE, &["2019-04-10"]),
                seen("书记", COMMITTEE, &["2023-07-08"]),
            ],
        )
    }

    #[test]
    fn a_changing_title_is_a_sequence() {
        let t = three_documents();
        let titles: Vec<(&str, Option<String>, Option<String>)> = t
            .iter()
            .map(|t| {
                (
                    t.title.as_str(),
                    t.since.map(|d| d.to_string()),
                    t.until.map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            titles,
            vec![
                (
                    "副主任",
                    Some("2019-04-10".into()),
                    Some("2021-06-02".into())
                ),
                ("主任", Some("2021-06-02".into()), Some("2023-07-08".into())),
                ("书记", Some("2023-07-08".into()), None),
            ]
        );
        let held = |d: &str| -> Vec<(&str, bool)> {
            roles_as_of(&t, day(d))
                .iter()
                .map(|h| (t[h.tenure].title.as_str(), h.certain))
                .collect()
        };
        assert_eq!(held("2019-04-10"), vec![("副主任", true)]);
        assert_eq!(held("2020-01-01"), vec![("副主任", false)]);
        assert_eq!(held("2021-12-01"), vec![("主任", true)]);
        assert_eq!(held("2024-01-01"), vec![("书记", false)]);
        assert_eq!(held("2018-01-01"), vec![]);
        assert!(contradictions(&t).is_empty());
    }

    #[test]
    fn roles_named_together_are_held_together() {
        // Named in one sentence, a company's party secretary and chairman are both held, and a
        // later document naming one of them ends neither.
        let t = tenures(
            &[],
            &[
                seen("党委书记", COMPANY, &["2022-01-05"]),
                seen("董事长", COMPANY, &["2022-01-05", "2023-02-01"]),
            ],
        );
        assert!(t.iter().all(|t| t.until.is_none()), "{t:?}");
        assert_eq!(roles_as_of(&t, day("2023-03-01")).len(), 2);
        assert!(contradictions(&t).is_empty());
        // Two organizations never end each other's roles.
        let t = tenures(
            &[],
            &[
                seen("deputy secretary", WORKING, &["2023-05-17"]),
                seen("director", COMMITTEE, &["2024-09-19"]),
            ],
        );
        assert!(t.iter().all(|t| t.until.is_none()));
    }

    #[test]
    fn curated_and_extracted_roles_are_one_tenure() {
        let curated = [
            Role {
                title: "Deputy Director of the Management Committee".into(),
                org: COMMITTEE,
                since: Some(pd("2019")),
                until: Some(pd("2021-06")),
            },
            Role {
                title: "Director of the Management Committee".into(),
                org: COMMITTEE,
                since: Some(pd("2021-06")),
                until: None,
            },
        ];
        let t = tenures(
            &curated,
            &[
                seen("director", COMMITTEE, &["2023-05-17", "2024-09-19"]),
                seen("主任", COMMITTEE, &["2024-09-19"]),
            ],
        );
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].title, "Director of the Management Committee");
        assert_eq!(t[1].evidence, vec![pd("2023-05-17"), pd("2024-09-19")]);
        // The month of the change may hold both; no day certainly holds both.
        let june = roles_as_of(&t, day("2021-06-15"));
        assert_eq!(june.len(), 2);
        assert!(june.iter().all(|h| !h.certain));
        assert!(contradictions(&t).is_empty());
        assert_eq!(
            roles_as_of(&t, day("2022-01-01")),
            vec![HeldRole {
                tenure: 1,
                certain: true
            }]
        );
    }

    #[test]
    fn contradictions_are_reported() {
        // Two documents of one year call her the committee's director and its deputy director.
        let t = tenures(
            &[],
            &[
                seen("director", COMMITTEE, &["2023-03-01", "2023-09-01"]),
                seen("deputy director", COMMITTEE, &["2023-05-01", "2023-06-01"]),
            ],
        );
        assert_eq!(
            contradictions(&t),
            vec![Contradiction::Ranks {
                a: 0,
                b: 1,
                from: Some(day("2023-05-01")),
                to: Some(day("2023-06-01")),
            }]
        );
        // Evidence of a role years after the dictionary says it ended.
        let curated = [Role {
            title: "Deputy Director".into(),
            org: COMMITTEE,
            since: Some(pd("2016")),
            until: Some(pd("2019-03")),
        }];
        let t = tenures(
            &curated,
            &[seen("副主任", COMMITTEE, &["2018-11-01", "2022-04-01"])],
        );
        assert_eq!(
            contradictions(&t),
            vec![Contradiction::OutsideTenure {
                tenure: 0,
                evidence: pd("2022-04-01")
            }]
        );
        // A deputy secretary and a director of one body are different lines: no contradiction.
        let t = tenures(
            &[],
            &[
                seen("deputy secretary", COMMITTEE, &["2023-05-01"]),
                seen("director", COMMITTEE, &["2023-05-01"]),
            ],
        );
        assert!(contradictions(&t).is_empty());
    }
}
