//! Articles: pages laid out like the scraped seeds, whose sentences name the entities of the
//! dictionaries in the shapes the extractor reads.

use std::fmt::Write as _;

use graph_core::EntityKind;

use super::dictionaries::{Builder, Gen, TITLES};
use super::names::Rng;

const SITES: &[(&str, &str)] = &[
    ("People's Network", "人民网"),
    ("Xinhua Net", "新华网"),
    ("Beijing Daily Online", "北京日报客户端"),
    ("China News Network", "中国新闻网"),
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Sentences that name nothing, as the seeds have between the ones that do.
const EN_FILLER: &[&str] = &[
    "The total industrial output value grew {x}% year on year, and the investment in fixed assets reached {n} billion yuan.",
    "The beginning determines the overall situation, and the starting point is the sprint.",
    "More than {n} projects were signed in the first quarter of this year, covering research, production and services.",
    "Enterprises continue to raise their spending on research and development and the efficiency of their production lines.",
    "The output value of newly upgraded manufacturing enterprises increased by {x}% year on year.",
    "From {n} square kilometers more than 30 years ago to the new city of today, the area has changed beyond recognition.",
    "\"We will speed up the introduction of policies for a number of sub-sectors,\" the official said.",
    "There were {n} new foreign-funded enterprises, and the actually utilized foreign capital was US ${n} million.",
];

const ZH_FILLER: &[&str] = &[
    "今年一季度，规模以上工业总产值同比增长{x}%，全社会固定资产投资{n}亿元。",
    "开局决定全局，起步就是冲刺。",
    "企业研发投入持续增加，产业链上下游协同发展，新签约项目{n}个。",
    "“我们将进一步优化营商环境，为企业提供全周期服务。”相关负责人说。",
    "从{n}平方公里的工业小区到今天的新城，这里发生了翻天覆地的变化。",
    "新增外资企业{n}家，实际利用外资{n}亿美元，同比增长{x}%。",
];

/// Slots: P person, T title, O organization-like, C company, K cluster, R park, Y policy, L place.
const EN_TEMPLATES: &[&str] = &[
    "{P}, {T} of {O}, said that {C} will expand its {K} business in {R}.",
    "{C} and {C} signed an agreement to build a joint laboratory for {K} in {R}.",
    "In the field of {K}, {R} supports projects such as {C} and {C}.",
    "{O} {T} {P} attended the launch of the {Y}.",
    "According to {O}, the {Y} will bring more than {n} billion yuan of investment to {L}.",
    "{P} said the company had been based in {L} since {year}, and its {K} products are sold abroad.",
    "Entering {C}, visitors see production lines for {K} that run around the clock.",
    "{C} settled in {R} last year, close to {C} and {O}.",
];

const ZH_TEMPLATES: &[&str] = &[
    "{O}{T}{P}表示，{C}将在{R}扩大{K}业务。",
    "{C}与{C}签署合作协议，在{R}共建{K}联合实验室。",
    "在{K}领域，{R}支持{C}、{C}等项目加快落地。",
    "{Y}由{O}发布，将为{L}带来超过{n}亿元投资。",
    "走进{C}，{K}生产线正在满负荷运转。",
    "去年，{C}落户{R}，与{O}比邻而居。",
];

/// The pools of entities the articles name, each in popularity order (curated first).
struct Pools<'a> {
    by_kind: Vec<Vec<&'a Gen>>,
    orgs: Vec<&'a Gen>,
}

impl<'a> Pools<'a> {
    fn new(entities: &'a [Gen]) -> Pools<'a> {
        let by_kind: Vec<Vec<&Gen>> = EntityKind::ALL
            .iter()
            .map(|k| entities.iter().filter(|e| e.kind == Some(*k)).collect())
            .collect();
        let orgs = entities
            .iter()
            .filter(|e| matches!(e.kind, Some(EntityKind::Organization | EntityKind::Company)))
            .collect();
        Pools { by_kind, orgs }
    }

    fn of(&self, kind: EntityKind) -> &[&'a Gen] {
        let i = EntityKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        &self.by_kind[i]
    }
}

/// A spelling of `e` for a text in `zh` (Chinese) or English.
fn spelling<'a>(rng: &mut Rng, e: &'a Gen, zh: bool) -> &'a str {
    let fits: Vec<&str> = e
        .spellings()
        .filter(|s| !s.starts_with("Dr. ") || rng.chance(0.5))
        .filter(|s| s.is_ascii() != zh)
        .collect();
    if fits.is_empty() {
        return &e.name;
    }
    // The display name most often, another spelling otherwise.
    if rng.chance(0.5) {
        fits[0]
    } else {
        fits[rng.below(fits.len())]
    }
}

fn fill_numbers(rng: &mut Rng, template: &str) -> String {
    let mut s = template.to_owned();
    while let Some(at) = s.find("{x}") {
        let v = format!("{}.{}", rng.range(1, 40), rng.below(10));
        s.replace_range(at..at + 3, &v);
    }
    while let Some(at) = s.find("{n}") {
        let v = rng.range(2, 900).to_string();
        s.replace_range(at..at + 3, &v);
    }
    while let Some(at) = s.find("{year}") {
        let v = rng.range(1995, 2024).to_string();
        s.replace_range(at..at + 6, &v);
    }
    s
}

/// One sentence that names entities.
fn mention_sentence(rng: &mut Rng, pools: &Pools<'_>, zh: bool) -> String {
    let template = if zh {
        *rng.pick(ZH_TEMPLATES)
    } else {
        *rng.pick(EN_TEMPLATES)
    };
    let mut out = String::with_capacity(template.len() + 100);
    let mut rest = template;
    // The person of the sentence, so that the title is one of theirs when they have one.
    let people = pools.of(EntityKind::Person);
    let person = people[rng.popular(people.len())];
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let slot = &rest[open + 1..close];
        rest = &rest[(close + 1).min(rest.len())..];
        let pick_kind = |rng: &mut Rng, kind: EntityKind| {
            let pool = pools.of(kind);
            pool[rng.popular(pool.len())]
        };
        match slot {
            "P" => out.push_str(spelling(rng, person, zh)),
            "T" => {
                let (en, zht) = *rng.pick(TITLES);
                out.push_str(if zh { zht } else { en });
            }
            "O" => {
                let e = pools.orgs[rng.popular(pools.orgs.len())];
                out.push_str(spelling(rng, e, zh));
            }
            "C" => {
                let e = pick_kind(rng, EntityKind::Company);
                out.push_str(spelling(rng, e, zh));
            }
            "K" => {
                let e = pick_kind(rng, EntityKind::Cluster);
                out.push_str(spelling(rng, e, zh));
            }
            "R" => {
                let e = pick_kind(rng, EntityKind::Park);
                out.push_str(spelling(rng, e, zh));
            }
            "Y" => {
                let e = pick_kind(rng, EntityKind::Policy);
                let s = spelling(rng, e, zh);
                if zh {
                    let _ = write!(out, "《{s}》");
                } else {
                    out.push_str(s);
                }
            }
            "L" => {
                let e = pick_kind(rng, EntityKind::Place);
                out.push_str(spelling(rng, e, zh));
            }
            other => {
                let _ = write!(out, "{{{other}}}");
            }
        }
    }
    out.push_str(rest);
    fill_numbers(rng, &out)
}

fn paragraph(rng: &mut Rng, pools: &Pools<'_>, zh: bool) -> String {
    let n = rng.range(2, 6);
    let mut p = String::new();
    for i in 0..n {
        if i > 0 && !zh {
            p.push(' ');
        }
        // Mention sentences carry about 3 names in ~110 bytes; the plain ones stretch the
        // average to one name per 100-200 bytes, as in the seeds.
        let s = if rng.chance(0.2) {
            mention_sentence(rng, pools, zh)
        } else {
            let t = if zh {
                *rng.pick(ZH_FILLER)
            } else {
                *rng.pick(EN_FILLER)
            };
            fill_numbers(rng, t)
        };
        p.push_str(&s);
    }
    p
}

/// One article, laid out like a scraped news page.
fn article(rng: &mut Rng, pools: &Pools<'_>, target: usize) -> String {
    let style = rng.below(10);
    let zh = style < 4;
    let lowercase = style >= 8;
    let (site, site_zh) = *rng.pick(SITES);
    let people = pools.of(EntityKind::Person);
    let reporter = people[rng.popular(people.len())];
    let publisher = pools.orgs[rng.popular(pools.orgs.len())];
    let year = rng.range(2019, 2025);
    let month = rng.range(1, 12);
    let day = rng.range(1, 28);
    let mut out = String::with_capacity(target + 1024);
    if zh {
        let _ = writeln!(out, "{site_zh}\n{site_zh} >> 北京频道\n");
        let headline = mention_sentence(rng, pools, true);
        let _ = writeln!(out, "{}\n", headline.trim_end_matches('。'));
        let _ = writeln!(out, "本报记者 {}", spelling(rng, reporter, true));
        let _ = writeln!(
            out,
            "{year}年{month}月{day}日 {:02}:{:02} 来源：{}\n【大 中 小】\n",
            rng.below(24),
            rng.below(60),
            spelling(rng, publisher, true)
        );
    } else {
        let _ = writeln!(out, "{site}\n{site} >> Beijing Channel\n");
        let headline = mention_sentence(rng, pools, false);
        let _ = writeln!(out, "{}\n", headline.trim_end_matches('.'));
        let _ = writeln!(out, "Our reporter {}", spelling(rng, reporter, false));
        let _ = writeln!(
            out,
            "{} {day}, {year} {:02}:{:02} | Source: {}\nSmall font size\n",
            MONTHS[month - 1],
            rng.below(24),
            rng.below(60),
            spelling(rng, publisher, false)
        );
    }
    while out.len() < target {
        out.push_str(&paragraph(rng, pools, zh));
        out.push_str("\n\n");
    }
    if zh {
        let _ = writeln!(out, "（责任编辑：{}）", spelling(rng, reporter, true));
        out.push_str("分享到：\n返回顶部\n版权所有 未经授权禁止复制\n- [ 国内 ] ");
        out.push_str(&mention_sentence(rng, pools, true));
        out.push('\n');
    } else {
        let _ = writeln!(out, "(Edited by {})", spelling(rng, reporter, false));
        out.push_str("Share to let more people see\nBack to top\nCopyright © 1997-2024 by ");
        let _ = writeln!(out, "{site}. All rights reserved.");
        out.push_str("- [ 国内 ] ");
        out.push_str(&mention_sentence(rng, pools, false));
        out.push('\n');
    }
    if lowercase {
        out = out.to_lowercase();
    }
    out
}

pub(super) fn corpus(b: &mut Builder, bytes: usize) -> Vec<(String, String)> {
    let entities = std::mem::take(&mut b.entities);
    let pools = Pools::new(&entities);
    let mut rng = Rng(b.rng.next());
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let target = rng.range(3_000, 20_000).min(bytes - total).max(500);
        let text = article(&mut rng, &pools, target);
        total += text.len();
        let name = format!("{:06}_{:016x}.txt", docs.len(), rng.next());
        docs.push((name, text));
    }
    b.entities = entities;
    docs
}
