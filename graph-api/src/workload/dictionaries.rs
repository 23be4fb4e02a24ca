//! Dictionaries: the curated seed entities and synthetic ones of every kind, written as the TOML
//! of `dictionaries/`.

use std::collections::HashSet;
use std::fmt::Write as _;

use graph_core::EntityKind;
use graph_core::text::fold_key;

use super::names::{GIVEN, Rng, SURNAMES, SYLLABLES, capitalize, slug};

/// The curated seed dictionaries, the first entities of every workload.
pub(super) const CURATED: [(EntityKind, &str); 8] = [
    (
        EntityKind::Company,
        include_str!("../../../dictionaries/companies.toml"),
    ),
    (
        EntityKind::Person,
        include_str!("../../../dictionaries/people.toml"),
    ),
    (
        EntityKind::Organization,
        include_str!("../../../dictionaries/organizations.toml"),
    ),
    (
        EntityKind::Park,
        include_str!("../../../dictionaries/parks.toml"),
    ),
    (
        EntityKind::Policy,
        include_str!("../../../dictionaries/policies.toml"),
    ),
    (
        EntityKind::Cluster,
        include_str!("../../../dictionaries/clusters.toml"),
    ),
    (
        EntityKind::Place,
        include_str!("../../../dictionaries/places.toml"),
    ),
    (
        EntityKind::Event,
        include_str!("../../../dictionaries/events.toml"),
    ),
];

/// (English, Chinese) lines of business for company names.
const INDUSTRIES: &[(&str, &str)] = &[
    ("Technology", "科技"),
    ("Biotech", "生物科技"),
    ("Pharmaceutical", "医药"),
    ("Robotics", "机器人"),
    ("Semiconductor", "半导体"),
    ("Intelligent Manufacturing", "智能制造"),
    ("New Energy", "新能源"),
    ("Medical Devices", "医疗器械"),
    ("Photonics", "光电"),
    ("Software", "软件"),
    ("Materials", "材料"),
    ("Aerospace", "航天"),
    ("Automotive", "汽车"),
    ("Microelectronics", "微电子"),
    ("Gene Technology", "基因科技"),
    ("Data", "数据"),
];

/// Company forms: English suffix, Chinese suffix.
const COMPANY_FORMS: &[(&str, &str)] = &[
    (" Co., Ltd.", "有限公司"),
    (" Group", "集团"),
    (" Corporation", "股份有限公司"),
    ("", ""),
];

const ORG_TYPES: &[(&str, &str)] = &[
    ("Research Institute", "研究院"),
    ("Innovation Center", "创新中心"),
    ("Industry Alliance", "产业联盟"),
    ("Chamber of Commerce", "商会"),
    ("Service Center", "服务中心"),
    ("Laboratory", "实验室"),
    ("Daily", "日报"),
    ("Development Bureau", "发展局"),
];

const PARK_TYPES: &[(&str, &str)] = &[
    ("Science Park", "科技园"),
    ("Industrial Park", "产业园"),
    ("Innovation Base", "创新基地"),
    ("Demonstration Zone", "示范区"),
    ("Industrial Base", "产业基地"),
];

const PLACE_TYPES: &[(&str, &str)] = &[
    ("Town", "镇"),
    ("Road", "路"),
    ("Street", "街"),
    ("Lake", "湖"),
    ("Village", "村"),
];

const CLUSTER_ADJ: &[(&str, &str)] = &[
    ("Advanced", "先进"),
    ("Intelligent", "智能"),
    ("Green", "绿色"),
    ("Quantum", "量子"),
    ("Digital", "数字"),
    ("Marine", "海洋"),
    ("Synthetic", "合成"),
    ("Precision", "精准"),
    ("Flexible", "柔性"),
    ("Commercial", "商业"),
    ("Autonomous", "自主"),
    ("High-end", "高端"),
    ("Low-carbon", "低碳"),
    ("Industrial", "工业"),
    ("Clinical", "临床"),
    ("Wearable", "可穿戴"),
    ("Embedded", "嵌入式"),
    ("Cloud", "云端"),
    ("Molecular", "分子"),
    ("Spatial", "空间"),
];

const CLUSTER_MID: &[(&str, &str)] = &[
    ("Photonic", "光子"),
    ("Cellular", "细胞"),
    ("Hydrogen", "氢能"),
    ("Sensor", "传感器"),
    ("Satellite", "卫星"),
    ("Battery", "电池"),
    ("Display", "显示"),
    ("Network", "网络"),
    ("Protein", "蛋白"),
    ("Vision", "视觉"),
];

const CLUSTER_FIELDS: &[(&str, &str)] = &[
    ("Materials", "材料"),
    ("Computing", "计算"),
    ("Therapeutics", "疗法"),
    ("Energy Storage", "储能"),
    ("Imaging", "影像"),
    ("Diagnostics", "诊断"),
    ("Equipment", "装备"),
    ("Chips", "芯片"),
    ("Software", "软件"),
    ("Logistics", "物流"),
    ("Agriculture", "农业"),
    ("Communications", "通信"),
    ("Robots", "机器人"),
    ("Vehicles", "汽车"),
    ("Medicine", "医药"),
    ("Instruments", "仪器"),
];

/// Role titles: English (starts with a title word the extractor knows), Chinese.
pub(super) const TITLES: &[(&str, &str)] = &[
    ("director", "主任"),
    ("deputy director", "副主任"),
    ("vice president", "副总裁"),
    ("chairman", "董事长"),
    ("general manager", "总经理"),
    ("deputy secretary", "副书记"),
    ("chief engineer", "总工程师"),
    ("president", "院长"),
    ("head", "负责人"),
    ("secretary-general", "秘书长"),
];

const POLICY_FORMS: &[(&str, &str)] = &[
    ("Action Plan for", "行动计划"),
    ("Support Measures for", "支持措施"),
    ("Development Plan for", "发展规划"),
    ("Implementation Opinions on", "实施意见"),
];

/// One entity to write, curated or synthetic.
#[derive(Debug, Clone, Default)]
pub(super) struct Gen {
    pub(super) kind: Option<EntityKind>,
    pub(super) id: String,
    pub(super) name: String,
    pub(super) name_zh: Option<String>,
    pub(super) aliases: Vec<String>,
    pub(super) ambiguous: Vec<String>,
    pub(super) clusters: Vec<String>,
    pub(super) parks: Vec<String>,
    pub(super) places: Vec<String>,
    pub(super) parent: Option<String>,
    pub(super) roles: Vec<(String, Option<String>)>,
    pub(super) issuer: Option<String>,
}

impl Gen {
    pub(super) fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.name_zh.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn q_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", inner.join(", "))
}

pub(super) fn write_entity(out: &mut String, e: &Gen) {
    out.push_str("\n[[entity]]\n");
    let _ = writeln!(out, "id = {}", q(&e.id));
    let _ = writeln!(out, "name = {}", q(&e.name));
    if let Some(zh) = &e.name_zh {
        let _ = writeln!(out, "name_zh = {}", q(zh));
    }
    for (field, list) in [
        ("aliases", &e.aliases),
        ("ambiguous", &e.ambiguous),
        ("clusters", &e.clusters),
        ("parks", &e.parks),
        ("places", &e.places),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "{field} = {}", q_list(list));
        }
    }
    if let Some(p) = &e.parent {
        let _ = writeln!(out, "parent = {}", q(p));
    }
    if let Some(i) = &e.issuer {
        let _ = writeln!(out, "issuer = {}", q(i));
    }
    if !e.roles.is_empty() {
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|(title, org)| match org {
                Some(o) => format!("{{ title = {}, org = {} }}", q(title), q(o)),
                None => format!("{{ title = {} }}", q(title)),
            })
            .collect();
        let _ = writeln!(out, "roles = [{}]", roles.join(", "));
    }
}

/// The generator's state: the entities so far and the spellings and ids they took.
pub(super) struct Builder {
    pub(super) rng: Rng,
    pub(super) ids: HashSet<String>,
    pub(super) keys: HashSet<String>,
    pub(super) entities: Vec<Gen>,
}

impl Builder {
    pub(super) fn unique_id(&mut self, base: &str) -> String {
        let base = slug(base);
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.ids.insert(id.clone());
        id
    }

    /// Whether every spelling is new (and then claims them).
    pub(super) fn claim(&mut self, spellings: &[&str]) -> bool {
        let keys: Vec<String> = spellings.iter().map(|s| fold_key(s)).collect();
        let mut seen = HashSet::new();
        if keys
            .iter()
            .any(|k| k.chars().count() < 2 || self.keys.contains(k) || !seen.insert(k))
        {
            return false;
        }
        self.keys.extend(keys);
        true
    }

    /// A brand: 2 or 3 syllables, "Lanxin" / "蓝鑫".
    pub(super) fn brand(&mut self, max: usize) -> (String, String) {
        let n = self.rng.range(2, max);
        let mut en = String::new();
        let mut zh = String::new();
        for _ in 0..n {
            let (p, h) = *self.rng.pick(SYLLABLES);
            en.push_str(p);
            zh.push_str(h);
        }
        (capitalize(&en), zh)
    }

    pub(super) fn ids_of(&self, kind: EntityKind) -> Vec<String> {
        self.entities
            .iter()
            .filter(|e| e.kind == Some(kind))
            .map(|e| e.id.clone())
            .collect()
    }

    pub(super) fn push(&mut self, e: Gen) {
        self.entities.push(e);
    }

    pub(super) fn cluster(&mut self, parents: &[String]) -> Option<Gen> {
        for _ in 0..50 {
            let (a, az) = *self.rng.pick(CLUSTER_ADJ);
            let (f, fz) = *self.rng.pick(CLUSTER_FIELDS);
            let (name, zh) = if self.rng.chance(0.7) {
                let (m, mz) = *self.rng.pick(CLUSTER_MID);
                (format!("{a} {m} {f}"), format!("{az}{mz}{fz}"))
            } else {
                (format!("{a} {f}"), format!("{az}{fz}"))
            };
            let industry = format!("{name} industry");
            let industry_zh = format!("{zh}产业");
            if !self.claim(&[&name, &zh, &industry, &industry_zh]) {
                continue;
            }
            let id = self.unique_id(&name);
            return Some(Gen {
                kind: Some(EntityKind::Cluster),
                id,
                name,
                name_zh: Some(zh),
                aliases: vec![industry, industry_zh],
                parent: (!parents.is_empty()).then(|| self.rng.pick(parents).clone()),
                ..Gen::default()
            });
        }
        None
    }

    pub(super) fn place(&mut self, parents: &[String]) -> Option<Gen> {
        for _ in 0..50 {
            let (b, bz) = self.brand(3);
            let (t, tz) = *self.rng.pick(PLACE_TYPES);
            let name = format!("{b} {t}");
            let zh = format!("{bz}{tz}");
            if !self.claim(&[&name, &zh]) {
                continue;
            }
            let id = self.unique_id(&name);
            return Some(Gen {
                kind: Some(EntityKind::Place),
                id,
                name,
                name_zh: Some(zh),
                parent: (!parents.is_empty()).then(|| self.rng.pick(parents).clone()),
                ..Gen::default()
            });
        }
        None
    }

    pub(super) fn park(
        &mut self,
        parents: &[String],
        places: &[String],
        clusters: &[String],
    ) -> Option<Gen> {
        for _ in 0..50 {
            let (b, bz) = self.brand(3);
            let (t, tz) = *self.rng.pick(PARK_TYPES);
            let name = format!("{b} {t}");
            let zh = format!("{bz}{tz}");
            let short = format!("{bz}园区");
            if !self.claim(&[&name, &zh, &short]) {
                continue;
            }
            let id = self.unique_id(&name);
            return Some(Gen {
                kind: Some(EntityKind::Park),
                id,
                name,
                name_zh: Some(zh),
                aliases: vec![short],
                parent: (!parents.is_empty()).then(|| self.rng.pick(parents).clone()),
                places: vec![self.rng.pick(places).clone()],
                clusters: vec![self.rng.pick(clusters).clone()],
                ..Gen::default()
            });
        }
        None
    }

    pub(super) fn organization(&mut self, parents: &[String], places: &[String]) -> Option<Gen> {
        for _ in 0..50 {
            let (b, bz) = self.brand(3);
            let (t, tz) = *self.rng.pick(ORG_TYPES);
            let name = format!("Beijing {b} {t}");
            let zh = format!("北京{bz}{tz}");
            let short = format!("{b} {t}");
            let short_zh = format!("{bz}{tz}");
            if !self.claim(&[&name, &zh, &short, &short_zh]) {
                continue;
            }
            let id = self.unique_id(&short);
            let parent = (!parents.is_empty() && self.rng.chance(0.1))
                .then(|| self.rng.pick(parents).clone());
            return Some(Gen {
                kind: Some(EntityKind::Organization),
                id,
                name,
                name_zh: Some(zh),
                aliases: vec![short, short_zh],
                parent,
                places: vec![self.rng.pick(places).clone()],
                ..Gen::default()
            });
        }
        None
    }

    pub(super) fn company(
        &mut self,
        clusters: &[String],
        parks: &[String],
        groups: &[String],
    ) -> Option<Gen> {
        for _ in 0..50 {
            let (b, bz) = self.brand(3);
            let (ind, indz) = *self.rng.pick(INDUSTRIES);
            let (form, formz) = *self.rng.pick(COMPANY_FORMS);
            let name = format!("{b} {ind}{form}");
            let zh = format!("北京{bz}{indz}{formz}");
            let mut aliases = Vec::new();
            if !form.is_empty() {
                aliases.push(format!("{b} {ind}"));
            }
            aliases.push(format!("{bz}{indz}"));
            aliases.push(bz.clone());
            if self.rng.chance(0.2) {
                // An acronym of the brand's syllables and the trade, as companies print them.
                let mut acronym: String = b
                    .chars()
                    .filter(char::is_ascii_uppercase)
                    .chain(ind.chars().filter(char::is_ascii_uppercase))
                    .collect();
                for (p, _) in SYLLABLES {
                    if b.to_ascii_lowercase().contains(p) && acronym.len() < 4 {
                        acronym.push(p.chars().next().unwrap_or('X').to_ascii_uppercase());
                        break;
                    }
                }
                if acronym.len() >= 3 {
                    aliases.push(acronym);
                }
            }
            let mut spellings: Vec<&str> = vec![&name, &zh];
            spellings.extend(aliases.iter().map(String::as_str));
            if !self.claim(&spellings) {
                continue;
            }
            let id = self.unique_id(&format!("{b} {ind}"));
            let mut cl = vec![self.rng.pick(clusters).clone()];
            if self.rng.chance(0.3) {
                let c = self.rng.pick(clusters).clone();
                if !cl.contains(&c) {
                    cl.push(c);
                }
            }
            let parent = (!groups.is_empty() && self.rng.chance(0.05))
                .then(|| self.rng.pick(groups).clone());
            return Some(Gen {
                kind: Some(EntityKind::Company),
                id,
                name,
                name_zh: Some(zh),
                aliases,
                clusters: cl,
                parks: vec![self.rng.pick(parks).clone()],
                parent,
                ..Gen::default()
            });
        }
        None
    }

    pub(super) fn person(&mut self, employers: &[String]) -> Option<Gen> {
        for _ in 0..50 {
            let (s, sz) = *self.rng.pick(SURNAMES);
            let n = self.rng.range(1, 2);
            let mut given = String::new();
            let mut given_zh = String::new();
            for _ in 0..n {
                let (g, gz) = *self.rng.pick(GIVEN);
                given.push_str(g);
                given_zh.push_str(gz);
            }
            let given = capitalize(&given);
            let name = format!("{s} {given}");
            let zh = format!("{sz}{given_zh}");
            let mut aliases = Vec::new();
            if self.rng.chance(0.2) {
                aliases.push(format!("{given} {s}"));
            }
            let mut spellings: Vec<&str> = vec![&name, &zh];
            spellings.extend(aliases.iter().map(String::as_str));
            if !self.claim(&spellings) {
                continue;
            }
            let id = self.unique_id(&name);
            let mut roles = Vec::new();
            for _ in 0..self.rng.range(1, 2) {
                let (t, _) = *self.rng.pick(TITLES);
                roles.push((capitalize(t), Some(self.rng.pick(employers).clone())));
            }
            return Some(Gen {
                kind: Some(EntityKind::Person),
                id,
                name,
                name_zh: Some(zh),
                aliases,
                roles,
                ..Gen::default()
            });
        }
        None
    }

    pub(super) fn policy(
        &mut self,
        issuers: &[String],
        clusters: &[(String, String, String)],
    ) -> Option<Gen> {
        for _ in 0..50 {
            let (cid, cen, czh) = self.rng.pick(clusters).clone();
            let (b, bz) = self.brand(2);
            let (f, fz) = *self.rng.pick(POLICY_FORMS);
            let year = self.rng.range(2018, 2026);
            let name = format!("{b} {f} {cen} ({year})");
            let zh = format!("{bz}{czh}{fz}({year}年)");
            let short = format!("{b} {f} {cen}");
            if !self.claim(&[&name, &zh, &short]) {
                continue;
            }
            let id = self.unique_id(&name);
            return Some(Gen {
                kind: Some(EntityKind::Policy),
                id,
                name,
                name_zh: Some(zh),
                aliases: vec![short],
                clusters: vec![cid],
                issuer: Some(self.rng.pick(issuers).clone()),
                ..Gen::default()
            });
        }
        None
    }
}
