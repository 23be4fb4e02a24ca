//! The rules that find relations in one document: co-mentions, stated roles, and inferred
//! cluster membership. What they find is written in the vocabulary of [`crate::document`].
//!
//! Everything here works on one sentence at a time, from its text and its mentions (which are
//! sorted, do not overlap, and slice the original text). Nothing crosses a sentence.
//!
//! Roles are read from the shapes news writing uses to introduce people:
//!
//! - an appositive after the name: "Wu Meng, vice president of JD Group, introduced ...",
//!   "kong lei, deputy secretary of the beijing economic and technological development zone working
//!   committee and director of the management committee, said ..." — a title, then an organization,
//!   possibly several of each;
//! - a title between an organization and the name: "Fourier Intelligence chairman Gu Jie",
//!   "北京经开区工委副书记张继红", "经开区经济发展局局长刘力";
//! - a byline: "Our reporter Yuan Xinwen, Du Shangze", "edited by bai shuang", "本报记者 曹政" —
//!   the organization is the one named before the word, or else the publisher of the document.

use std::sync::LazyLock;

use regex::Regex;

use crate::dictionary::{Dictionary, EntityIdx, EntityKind};
use crate::document::{FoundRelation, Mention, Origin, RelationKind};
use crate::text::is_cjk;

/// Where a named thing sits in the text: what the role rules read of the items they relate.
///
/// Mentions of dictionary entities are one kind of item; the candidates of
/// [`crate::discover`] are another, so that the same rules find roles where a person or an
/// organization is not in the dictionaries, without a second copy of the rules.
pub(crate) trait Span {
    /// Byte offset of the first byte.
    fn start(&self) -> usize;
    /// Byte offset just past the last byte.
    fn end(&self) -> usize;
}

impl Span for Mention {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

/// A sentence and its mentions (or other items: see [`Span`]), what the per-sentence rules read.
pub(crate) struct SentenceView<'a, M = Mention> {
    pub text: &'a str,
    /// Byte offset of `text` in the document.
    pub offset: usize,
    pub index: u32,
    pub mentions: &'a [M],
}

impl<M> SentenceView<'_, M> {
    fn slice(&self, start: usize, end: usize) -> &str {
        self.text
            .get(start - self.offset..end - self.offset)
            .unwrap_or("")
    }

    fn end(&self) -> usize {
        self.offset + self.text.len()
    }
}

/// Co-mentions: every pair of distinct entities of the sentence, smaller index first.
///
/// `entities` is scratch space, reused from sentence to sentence.
pub(crate) fn co_mentions(
    view: &SentenceView<'_>,
    entities: &mut Vec<EntityIdx>,
    out: &mut Vec<FoundRelation>,
) {
    entities.clear();
    entities.extend(view.mentions.iter().map(|m| m.entity));
    entities.sort_unstable();
    entities.dedup();
    for (i, &a) in entities.iter().enumerate() {
        for &b in &entities[i + 1..] {
            out.push(FoundRelation {
                kind: RelationKind::CoMention,
                source: a,
                target: b,
                label: None,
                origin: Origin::Extracted,
                sentence: view.index,
            });
        }
    }
}

/// How far a cluster may be named from a company it is inferred for, in half-words: a Latin word
/// counts two, a Chinese character one. Seven words, or fourteen characters: "BOE announced a joint
/// lab in 亦庄 for humanoid robots" ties them; "new energy vehicles waiting for shipment to
/// Australia at Shanghai Waigaoqiao Haitong Automobile Terminal" does not.
const CLUSTER_REACH: usize = 14;

/// Inferred membership: a company the sentence ties to a cluster it names.
///
/// A sentence that names a company and a cluster does not always say the company works in it:
/// "from Baowu's industrial robot on the job to Fourier Intelligence's general humanoid robot
/// debut" makes Fourier Intelligence a humanoid-robot company, not Baowu. The rule: a company and
/// a cluster of one sentence are linked when
///
/// 1. no other company is named between them, except companies listed together with it ("A, B
///    and C", "A、B和C", each perhaps followed by a quoted product name), and
/// 2. the cluster is named within seven words (fourteen Chinese characters) of the company or of
///    its list — unless the company is the only one the sentence names, which then is about it.
pub(crate) fn inferred_clusters(
    dict: &Dictionary,
    view: &SentenceView<'_>,
    out: &mut Vec<FoundRelation>,
) {
    let mentions = view.mentions;
    let companies: Vec<&Mention> = mentions
        .iter()
        .filter(|m| dict.kind(m.entity) == EntityKind::Company)
        .collect();
    if companies.is_empty() {
        return;
    }
    let sole = companies.iter().all(|c| c.entity == companies[0].entity);
    // Consecutive companies with only list punctuation between them share a list number.
    let mut list = Vec::with_capacity(companies.len());
    for (k, c) in companies.iter().enumerate() {
        let joined = k > 0 && is_list_gap(view.slice(companies[k - 1].end, c.start));
        list.push(match list.last() {
            Some(&n) if joined => n,
            Some(&n) => n + 1,
            None => 0,
        });
    }
    let mut pairs: Vec<(EntityIdx, EntityIdx)> = Vec::new();
    for cluster in mentions
        .iter()
        .filter(|m| dict.kind(m.entity) == EntityKind::Cluster)
    {
        for (k, company) in companies.iter().enumerate() {
            let before = company.end <= cluster.start;
            let between = |c: &&Mention| {
                if before {
                    c.start >= company.end && c.end <= cluster.start
                } else {
                    c.start >= cluster.end && c.end <= company.start
                }
            };
            let others_between = companies
                .iter()
                .zip(&list)
                .any(|(c, &n)| between(c) && n != list[k]);
            if others_between {
                continue;
            }
            // The company of the list nearest the cluster, on this company's side.
            let nearest = companies
                .iter()
                .filter(|c| between(c))
                .copied()
                .chain(std::iter::once(*company));
            let gap = if before {
                nearest
                    .map(|c| view.slice(c.end, cluster.start))
                    .min_by_key(|g| g.len())
            } else {
                nearest
                    .map(|c| view.slice(cluster.end, c.start))
                    .min_by_key(|g| g.len())
            };
            if sole || gap.is_some_and(|g| half_words(g) <= CLUSTER_REACH) {
                pairs.push((company.entity, cluster.entity));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (company, cluster) in pairs {
        out.push(FoundRelation {
            kind: RelationKind::InCluster,
            source: company,
            target: cluster,
            label: None,
            origin: Origin::Inferred,
            sentence: view.index,
        });
    }
}

/// The length of a stretch of text in half-words: two per Latin word or number, one per Chinese
/// character.
fn half_words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            n += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                n += 2;
            }
            in_word = true;
        } else {
            in_word = c == '\'' || c == '’';
        }
    }
    n
}

/// Whether the text between two names only lists them: separators, "and", "or", "和", "与",
/// "及", and names in quotes ("A \"Qingyan\", B", "A《X》、B").
fn is_list_gap(gap: &str) -> bool {
    let mut unquoted = String::with_capacity(gap.len());
    let mut closing: Option<char> = None;
    for c in gap.chars() {
        match closing {
            Some(close) if c == close => closing = None,
            Some(_) => {}
            None => match c {
                '"' => closing = Some('"'),
                '“' => closing = Some('”'),
                '《' => closing = Some('》'),
                '「' => closing = Some('」'),
                '‘' => closing = Some('’'),
                c => unquoted.push(c),
            },
        }
    }
    closing.is_none()
        && unquoted
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | '&'))
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.eq_ignore_ascii_case("and")
                    || w.eq_ignore_ascii_case("or")
                    || matches!(w, "和" | "与" | "及" | "以及" | "或")
            })
}

/// English words that start or make up a title ("vice president", "chief engineer").
pub(crate) const TITLE_WORDS: &[&str] = &[
    "director",
    "deputy",
    "vice",
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "head",
    "member",
    "mayor",
    "minister",
    "dean",
    "engineer",
    "officer",
    "executive",
    "manager",
    "academician",
    "staff",
    "reporter",
    "editor",
    "founder",
    "co-founder",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "professor",
    "researcher",
    "scientist",
    "leader",
    "chief",
    "general",
    "governor",
    "commissioner",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "partner",
    "principal",
    "party",
    "person",
    "correspondent",
    "analyst",
    "expert",
    "senior",
    "associate",
    "assistant",
    "executive",
    "representative",
    "ambassador",
    "consul",
    "inspector",
    "supervisor",
    "founding",
    "first",
];

/// Chinese title endings ("副书记", "局长").
pub(crate) const ZH_TITLE_ENDINGS: &[&str] = &[
    "书记",
    "主任",
    "局长",
    "院长",
    "部长",
    "主席",
    "董事长",
    "总经理",
    "经理",
    "总裁",
    "市长",
    "区长",
    "委员",
    "记者",
    "编辑",
    "处长",
    "所长",
    "校长",
    "总监",
    "负责人",
    "创始人",
    "首席执行官",
    "工程师",
    "秘书长",
    "会长",
    "理事长",
    "主编",
    "院士",
    "教授",
    "行长",
    "厅长",
    "司长",
    "科长",
    "镇长",
    "县长",
    "省长",
    "董事",
    "总监",
    "专家",
];

pub(crate) fn starts_with_title_word(s: &str) -> bool {
    let s = s.trim_start();
    let s = ["a ", "an ", "the ", "and "]
        .iter()
        .find_map(|p| {
            s.get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .map(|_| &s[p.len()..])
        })
        .unwrap_or(s);
    let len = s
        .bytes()
        .take_while(|&b| b.is_ascii_alphabetic() || b == b'-')
        .count();
    let word = &s[..len];
    TITLE_WORDS.iter().any(|t| t.eq_ignore_ascii_case(word))
}

/// Trims a title span: leading "a"/"an"/"the"/"and" and punctuation, trailing "of the"/"of"/"at".
fn clean_title(raw: &str) -> Option<String> {
    let mut t = raw
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | ':' | '：' | '、'));
    loop {
        let before = t;
        for p in ["and ", "a ", "an ", "the "] {
            if t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) {
                t = t[p.len()..].trim_start();
            }
        }
        for s in [
            " of the", " of", " at the", " at", " in the", " in", " for the", " for", " and the",
            " and", " the",
        ] {
            let tail = t.len().checked_sub(s.len()).and_then(|at| t.get(at..));
            if tail.is_some_and(|h| h.eq_ignore_ascii_case(s)) {
                t = t[..t.len() - s.len()].trim_end();
            }
        }
        t = t.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '，' | ':' | '：' | '、')
        });
        if t == before {
            break;
        }
    }
    let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (collapsed.chars().count() >= 2).then_some(collapsed)
}

fn push_role(
    out: &mut Vec<FoundRelation>,
    person: EntityIdx,
    org: EntityIdx,
    title: String,
    sentence: u32,
) {
    let duplicate = out.iter().any(|r| {
        r.kind == RelationKind::Role
            && r.source == person
            && r.target == org
            && r.label
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(&title))
    });
    if !duplicate {
        out.push(FoundRelation {
            kind: RelationKind::Role,
            source: person,
            target: org,
            label: Some(title),
            origin: Origin::Extracted,
            sentence,
        });
    }
}

/// Roles stated in one sentence. `publisher` is the document's publisher, for bylines.
pub(crate) fn roles(
    dict: &Dictionary,
    view: &SentenceView<'_>,
    publisher: Option<EntityIdx>,
    out: &mut Vec<FoundRelation>,
) {
    let kind = |m: &Mention| dict.kind(m.entity);
    role_rules(view, &kind, &mut |person, org, title| {
        if let Some(org) = org.map(|o| o.entity).or(publisher) {
            push_role(out, person.entity, org, title, view.index);
        }
    });
}

/// Where a role rule found one: the person, the organization (`None`: the document's publisher,
/// for a byline that names none) and the title.
pub(crate) type RoleSink<'s, M> = dyn FnMut(&M, Option<&M>, String) + 's;

/// The role rules over any items with a kind: dictionary mentions, or mentions and candidates.
pub(crate) fn role_rules<M: Span>(
    view: &SentenceView<'_, M>,
    kind: &dyn Fn(&M) -> EntityKind,
    out: &mut RoleSink<'_, M>,
) {
    let org_like = |m: &M| kind(m).is_organization_like();
    let mentions = view.mentions;

    for (i, person) in mentions.iter().enumerate() {
        if kind(person) != EntityKind::Person {
            continue;
        }
        appositive(view, mentions, i, &org_like, kind, out);
        bracketed(view, mentions, i, &org_like, kind, out);

        // An organization, then a short title, then the name: "Fourier Intelligence chairman Gu Jie".
        if let Some(org) = i.checked_sub(1).map(|j| &mentions[j])
            && org_like(org)
        {
            let gap = view.slice(org.end(), person.start());
            if let Some(title) = title_between(gap) {
                out(person, Some(org), title);
            }
        }
    }
    bylines(view, kind, &org_like, out);
}

/// "PERSON, title of ORG[, title of ORG] [and title of ORG], said": the roles in the appositive.
fn appositive<M: Span>(
    view: &SentenceView<'_, M>,
    mentions: &[M],
    i: usize,
    org_like: &dyn Fn(&M) -> bool,
    kind: &dyn Fn(&M) -> EntityKind,
    out: &mut RoleSink<'_, M>,
) {
    let person = &mentions[i];
    let after = view.slice(person.end(), view.end());
    let Some(rest) = after.strip_prefix(',').or_else(|| after.strip_prefix('，')) else {
        return;
    };
    if !starts_with_title_word(rest) {
        return;
    }
    let mut at = person.end() + 1;
    let mut segment = at;
    let mut next = i + 1;
    loop {
        let upcoming = mentions.get(next);
        let limit = upcoming.map_or(view.end(), |m| m.start());
        let gap = view.slice(at, limit);
        if let Some(comma) = gap.find([',', '，']) {
            // A comma ends the appositive unless a title or an organization goes on after it.
            let comma_at = at + comma;
            let after_comma = view.slice(comma_at + 1, view.end());
            let org_follows = upcoming.is_some_and(|m| {
                org_like(m) && view.slice(comma_at + 1, m.start()).trim().is_empty()
            });
            if starts_with_title_word(after_comma) {
                at = comma_at + 1;
                continue;
            }
            if org_follows {
                at = comma_at + 1;
                segment = at;
                continue;
            }
            return;
        }
        let Some(m) = upcoming else { return };
        if kind(m) == EntityKind::Person {
            return;
        }
        if org_like(m) {
            if let Some(title) = clean_title(view.slice(segment, m.start()))
                && starts_with_title_word(&title)
            {
                out(person, Some(m), title);
            }
            segment = m.end();
        }
        at = m.end();
        next += 1;
    }
}

/// "PERSON（ORG title）", "PERSON (title of ORG)": the roles in a bracket right after the name,
/// as Chinese news introduces officials ("孔磊（北京经开区管委会主任）").
fn bracketed<M: Span>(
    view: &SentenceView<'_, M>,
    mentions: &[M],
    i: usize,
    org_like: &dyn Fn(&M) -> bool,
    kind: &dyn Fn(&M) -> EntityKind,
    out: &mut RoleSink<'_, M>,
) {
    let person = &mentions[i];
    let after = view.slice(person.end(), view.end());
    let spaced = after.trim_start();
    let Some(inner) = spaced
        .strip_prefix('（')
        .or_else(|| spaced.strip_prefix('('))
    else {
        return;
    };
    let open = view.end() - inner.len();
    let Some(close) = inner.find(['）', ')']).map(|c| open + c) else {
        return;
    };
    let inside: Vec<&M> = mentions[i + 1..]
        .iter()
        .take_while(|m| m.end() <= close)
        .collect();
    // A bracket that names another person is about them, not a title of this one.
    if inside.iter().any(|m| kind(m) == EntityKind::Person) {
        return;
    }
    // "ORG title": an organization, then a title up to the next name or the bracket's end.
    for (k, org) in inside.iter().enumerate() {
        if !org_like(org) {
            continue;
        }
        let limit = inside.get(k + 1).map_or(close, |m| m.start());
        if let Some(title) = title_between(view.slice(org.end(), limit)) {
            out(person, Some(org), title);
        }
    }
    // "title of ORG": the shape of an appositive, inside the bracket.
    if starts_with_title_word(view.slice(open, close)) {
        let mut segment = open;
        for m in inside {
            if org_like(m) {
                if let Some(title) = clean_title(view.slice(segment, m.start()))
                    && starts_with_title_word(&title)
                {
                    out(person, Some(m), title);
                }
                segment = m.end();
            }
        }
    }
}

/// The title in "ORG title PERSON": a few words with a title word in them, or a Chinese title.
fn title_between(gap: &str) -> Option<String> {
    let t = gap.trim();
    if t.is_empty() {
        return None;
    }
    if t.chars().all(is_cjk) {
        let n = t.chars().count();
        return ((1..=12).contains(&n) && ZH_TITLE_ENDINGS.iter().any(|e| t.ends_with(e)))
            .then(|| t.to_owned());
    }
    // A few plain words: most gaps between two names are ruled out here, before any word is read.
    if !t
        .bytes()
        .all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'-')
    {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if !(1..=5).contains(&words.len()) {
        return None;
    }
    let is_any = |w: &str, list: &[&str]| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let has_title = words.iter().any(|w| is_any(w, TITLE_WORDS));
    let joins = words
        .iter()
        .any(|w| is_any(w, &["and", "with", "said", "says", "told", "of", "to"]));
    (has_title && !joins).then(|| words.join(" "))
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:our\s+reporters?|photo\s+by\s+reporter|reporting\s+by|reported\s+by|reporters?|correspondents?|edited\s+by|editors?\s+in\s+charge|editors?|proofread\s+by)\b|本报记者|记者|责任编辑|编辑|校对)\s*[:：]?",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

/// Words one of which every match of [`BYLINE`] contains ("reporter", "edited by", "记者"...).
static BYLINE_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "report",
            "correspondent",
            "edit",
            "proofread",
            "记者",
            "编辑",
            "校对",
        ])
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// The byline matches of a sentence. Most sentences name no reporter or editor: a literal search
/// for the words a byline needs rules them out before the regex runs (whose Unicode `\b` makes it
/// slow on Chinese). `(?i)` also folds the long s `ſ` to `s` ("correſpondent"), which the ASCII
/// search would miss, so a text with one goes to the regex.
fn bylines_in(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    let possible = BYLINE_WORDS.is_match(text) || text.contains('\u{17F}');
    possible
        .then(|| BYLINE.find_iter(text))
        .into_iter()
        .flatten()
}

fn byline_title(word: &str) -> &'static str {
    let w = word.to_lowercase();
    if w.contains("edit") || w.contains("编辑") {
        "editor"
    } else if w.contains("proofread") || w.contains("校对") {
        "proofreader"
    } else {
        "reporter"
    }
}

/// How every match of [`BYLINE`] ends, before its optional colon.
const BYLINE_ENDINGS: &[&str] = &[
    "reporter",
    "reporters",
    "by",
    "correspondent",
    "correspondents",
    "charge",
    "editor",
    "editors",
    "记者",
    "编辑",
    "校对",
];

/// Whether a byline could name a person of this sentence: a byline's first person follows its
/// word with nothing but separators and "and" between, so some person must come right after one
/// of [`BYLINE_ENDINGS`]. Most sentences with a person have none, and the byline regex is not run
/// over them. `(?i)` folds the long s and the Kelvin sign onto `s` and `k`: a sentence with either
/// goes to the regex.
fn byline_may_name_someone<M: Span>(
    view: &SentenceView<'_, M>,
    kind: &dyn Fn(&M) -> EntityKind,
) -> bool {
    let separator =
        |c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | '(' | '（' | ':' | '：');
    let ends_with = |text: &str, word: &str| {
        text.len()
            .checked_sub(word.len())
            .and_then(|at| text.get(at..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(word))
    };
    view.text.contains(['\u{17F}', '\u{212A}'])
        || view
            .mentions
            .iter()
            .filter(|m| kind(m) == EntityKind::Person)
            .any(|person| {
                let mut before = view
                    .slice(view.offset, person.start())
                    .trim_end_matches(separator);
                while ends_with(before, "and") {
                    before = before[..before.len() - 3].trim_end_matches(separator);
                }
                BYLINE_ENDINGS.iter().any(|word| ends_with(before, word))
            })
}

/// "Our reporter A, B", "edited by X proofread by Y", "本报记者 曹政", "(Reporting by A B in Beijing)".
fn bylines<M: Span>(
    view: &SentenceView<'_, M>,
    kind: &dyn Fn(&M) -> EntityKind,
    org_like: &dyn Fn(&M) -> bool,
    out: &mut RoleSink<'_, M>,
) {
    if !byline_may_name_someone(view, kind) {
        return;
    }
    for m in bylines_in(view.text) {
        let word_start = view.offset + m.start();
        let mut at = view.offset + m.end();
        // "reporters" in "told reporters that" is no byline: a name must follow at once.
        let title = byline_title(m.as_str()).to_owned();
        let org = view.mentions.iter().rev().find(|o| {
            o.end() <= word_start
                && org_like(o)
                && view.slice(o.end(), word_start).trim().is_empty()
        });
        let first = view.mentions.partition_point(|p| p.start() < at);
        for person in &view.mentions[first..] {
            let gap = view.slice(at, person.start());
            let separators_only = gap
                .split(|c: char| {
                    c.is_whitespace() || matches!(c, ',' | '，' | '、' | '(' | '（' | ':' | '：')
                })
                .all(|w| w.is_empty() || w.eq_ignore_ascii_case("and"));
            if kind(person) != EntityKind::Person || !separators_only {
                break;
            }
            out(person, org, title.clone());
            at = person.end();
        }
    }
}

/// The document's publisher when no "Source:" line names it: the organization named just before a
/// byline word anywhere in the document ("beijing news reporter wu tingting").
pub(crate) fn publisher_from_bylines(
    dict: &Dictionary,
    views: &[SentenceView<'_>],
) -> Option<EntityIdx> {
    views.iter().find_map(|view| {
        bylines_in(view.text).find_map(|m| {
            let word_start = view.offset + m.start();
            view.mentions
                .iter()
                .rev()
                .find(|o| {
                    o.end <= word_start
                        && matches!(
                            dict.kind(o.entity),
                            EntityKind::Organization | EntityKind::Company
                        )
                        && view.slice(o.end, word_start).trim().is_empty()
                })
                .map(|o| o.entity)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed() {
        assert_eq!(
            clean_title(" Director of the ").as_deref(),
            Some("Director")
        );
        assert_eq!(
            clean_title(" and director of the ").as_deref(),
            Some("director")
        );
        assert_eq!(
            clean_title("a staff member of the").as_deref(),
            Some("staff member")
        );
        assert_eq!(
            clean_title(" vice minister of Marketing Department of").as_deref(),
            Some("vice minister of Marketing Department")
        );
        assert_eq!(clean_title(", "), None);
    }

    #[test]
    fn titles_between_org_and_person() {
        assert_eq!(title_between(" chairman ").as_deref(), Some("chairman"));
        assert_eq!(
            title_between(" chief engineer ").as_deref(),
            Some("chief engineer")
        );
        assert_eq!(title_between("副书记").as_deref(), Some("副书记"));
        assert_eq!(title_between("局长").as_deref(), Some("局长"));
        assert_eq!(title_between(" and ").as_deref(), None);
        assert_eq!(title_between(" said that ").as_deref(), None);
        assert_eq!(title_between("表示").as_deref(), None);
    }

    #[test]
    fn title_words() {
        assert!(starts_with_title_word(" vice president of JD"));
        assert!(starts_with_title_word(" a staff member"));
        assert!(!starts_with_title_word(" who said"));
        assert!(!starts_with_title_word(" Ltd., pointed"));
    }

    #[test]
    fn byline_prefilter_keeps_every_match() {
        for text in [
            "Our reporter Yuan Xinwen, Du Shangze",
            "EDITED BY bai shuang",
            "本报记者 曹政",
            "told reporters that",
            "the correſpondent Li said",
            "Kong Lei said the zone will grow.",
            "(Reporting by A B in Beijing; Editing by C)",
            "责任编辑：王伟",
        ] {
            let all: Vec<&str> = BYLINE.find_iter(text).map(|m| m.as_str()).collect();
            let kept: Vec<&str> = bylines_in(text).map(|m| m.as_str()).collect();
            assert_eq!(all, kept, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn byline_prefilter_is_exact(text in "(?i)(reporter|editor|[a-z ]{0,8}|记者|编辑|ſ|K|,){0,6}") {
            let all: Vec<&str> = BYLINE.find_iter(&text).map(|m| m.as_str()).collect();
            let kept: Vec<&str> = bylines_in(&text).map(|m| m.as_str()).collect();
            proptest::prop_assert_eq!(all, kept);
        }
    }
}
