//! A synthetic, reproducible workload for benchmarks: dictionaries and a corpus of news articles.
//!
//! [`generate`] writes what `kgraph gen` writes and what the benchmarks measure: dictionaries in the
//! TOML format of `dictionaries/` (the curated seed dictionaries, so that the README queries mean
//! something, plus synthetic companies, people, organizations, parks, policies, clusters and places
//! with English and Chinese names, aliases, acronyms and a few deliberately ambiguous spellings), and
//! a corpus of articles that mix English, all-lowercase English and Chinese, laid out like the seeds:
//! navigation chrome, a headline, a byline, a dateline with its "Source:", paragraphs, and a footer
//! followed by more page. Sentences name entities about once per 100–200 bytes, in the shapes the
//! relation extractor reads (appositive roles, "ORG title PERSON", bylines, a company beside a
//! cluster), between plain sentences that name nothing.
//!
//! The same `(entities, bytes, seed)` always gives the same bytes: the random generator is a
//! SplitMix64 written here, not a crate whose stream might change between versions. Changing the
//! curated dictionaries changes the output, since they are part of it.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::dictionary::{Dictionary, EntityKind};
use crate::error::{Error, Result};
use crate::extract::DocumentInput;
use crate::text::fold_key;

/// The curated seed dictionaries, the first entities of every workload.
const CURATED: [(EntityKind, &str); 7] = [
    (
        EntityKind::Company,
        include_str!("../../dictionaries/companies.toml"),
    ),
    (
        EntityKind::Person,
        include_str!("../../dictionaries/people.toml"),
    ),
    (
        EntityKind::Organization,
        include_str!("../../dictionaries/organizations.toml"),
    ),
    (
        EntityKind::Park,
        include_str!("../../dictionaries/parks.toml"),
    ),
    (
        EntityKind::Policy,
        include_str!("../../dictionaries/policies.toml"),
    ),
    (
        EntityKind::Cluster,
        include_str!("../../dictionaries/clusters.toml"),
    ),
    (
        EntityKind::Place,
        include_str!("../../dictionaries/places.toml"),
    ),
];

/// A generated workload, in memory.
#[derive(Debug, Clone)]
pub struct Workload {
    /// One TOML text per kind, in [`EntityKind::ALL`] order.
    pub dictionaries: Vec<(EntityKind, String)>,
    /// `(file name, text)` of each article, in file-name order.
    pub documents: Vec<(String, String)>,
}

impl Workload {
    /// The number of bytes of corpus.
    pub fn corpus_bytes(&self) -> usize {
        self.documents.iter().map(|(_, t)| t.len()).sum()
    }

    /// Loads the generated dictionaries.
    pub fn dictionary(&self) -> Result<Dictionary> {
        let sources: Vec<(PathBuf, EntityKind, &str)> = self
            .dictionaries
            .iter()
            .map(|(k, t)| (PathBuf::from(k.file_name()), *k, t.as_str()))
            .collect();
        Dictionary::from_sources(&sources)
    }

    /// The articles as extraction inputs, as `read_corpus` would read them from `corpus/`.
    pub fn inputs(&self) -> Vec<DocumentInput> {
        self.documents
            .iter()
            .map(|(name, text)| DocumentInput {
                id: name.trim_end_matches(".txt").to_owned(),
                source: format!("corpus/{name}"),
                text: text.clone(),
                ..DocumentInput::default()
            })
            .collect()
    }

    /// Writes `dir/dictionaries/*.toml` and `dir/corpus/*.txt`.
    ///
    /// A `corpus/` that already holds files is refused: the articles of an earlier workload would
    /// silently join this one.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        let dicts = dir.join("dictionaries");
        let corpus = dir.join("corpus");
        if let Ok(mut entries) = std::fs::read_dir(&corpus)
            && entries.next().is_some()
        {
            return Err(Error::Io {
                path: corpus,
                source: std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "not empty (generate into a new directory)",
                ),
            });
        }
        for d in [&dicts, &corpus] {
            std::fs::create_dir_all(d).map_err(io(d))?;
        }
        for (kind, text) in &self.dictionaries {
            let path = dicts.join(kind.file_name());
            std::fs::write(&path, text).map_err(io(&path))?;
        }
        for (name, text) in &self.documents {
            let path = corpus.join(name);
            std::fs::write(&path, text).map_err(io(&path))?;
        }
        Ok(())
    }
}

/// SplitMix64: small, fast, and fixed forever, so a seed means the same bytes in every version.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index skewed to the front, as news names a few entities often and most rarely.
    fn popular(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n.max(1)
    }
}

/// Pinyin syllables and a character for each, for names that exist in both scripts.
const SYLLABLES: &[(&str, &str)] = &[
    ("an", "安"),
    ("bai", "百"),
    ("bao", "宝"),
    ("bei", "贝"),
    ("bo", "博"),
    ("chang", "长"),
    ("chen", "辰"),
    ("cheng", "诚"),
    ("chuang", "创"),
    ("da", "达"),
    ("ding", "鼎"),
    ("dong", "东"),
    ("fang", "方"),
    ("feng", "峰"),
    ("fu", "富"),
    ("gao", "高"),
    ("guang", "光"),
    ("hai", "海"),
    ("hang", "航"),
    ("hao", "浩"),
    ("heng", "恒"),
    ("hong", "宏"),
    ("hua", "华"),
    ("hui", "汇"),
    ("jia", "嘉"),
    ("jian", "建"),
    ("jie", "杰"),
    ("jin", "金"),
    ("jing", "晶"),
    ("jun", "骏"),
    ("kai", "凯"),
    ("kang", "康"),
    ("ke", "科"),
    ("lan", "蓝"),
    ("lang", "朗"),
    ("li", "立"),
    ("lian", "联"),
    ("lin", "林"),
    ("long", "龙"),
    ("ming", "明"),
    ("nan", "南"),
    ("ning", "宁"),
    ("pei", "沛"),
    ("peng", "鹏"),
    ("qi", "启"),
    ("qian", "乾"),
    ("qing", "清"),
    ("rui", "瑞"),
    ("sen", "森"),
    ("sheng", "盛"),
    ("shi", "世"),
    ("shu", "数"),
    ("tai", "泰"),
    ("tian", "天"),
    ("tong", "同"),
    ("wei", "维"),
    ("wen", "文"),
    ("xiang", "翔"),
    ("xin", "鑫"),
    ("xing", "星"),
    ("xu", "旭"),
    ("ya", "雅"),
    ("yao", "耀"),
    ("yi", "翼"),
    ("ying", "英"),
    ("yong", "永"),
    ("yu", "宇"),
    ("yuan", "源"),
    ("yue", "越"),
    ("yun", "云"),
    ("ze", "泽"),
    ("zhan", "展"),
    ("zhi", "智"),
    ("zhong", "中"),
    ("zhuo", "卓"),
];

/// Surnames for people.
const SURNAMES: &[(&str, &str)] = &[
    ("Wang", "王"),
    ("Li", "李"),
    ("Zhang", "张"),
    ("Liu", "刘"),
    ("Chen", "陈"),
    ("Yang", "杨"),
    ("Huang", "黄"),
    ("Zhao", "赵"),
    ("Wu", "吴"),
    ("Zhou", "周"),
    ("Xu", "徐"),
    ("Sun", "孙"),
    ("Ma", "马"),
    ("Zhu", "朱"),
    ("Hu", "胡"),
    ("Guo", "郭"),
    ("He", "何"),
    ("Gao", "高"),
    ("Lin", "林"),
    ("Luo", "罗"),
    ("Zheng", "郑"),
    ("Liang", "梁"),
    ("Xie", "谢"),
    ("Song", "宋"),
    ("Tang", "唐"),
    ("Han", "韩"),
    ("Feng", "冯"),
    ("Deng", "邓"),
    ("Cao", "曹"),
    ("Peng", "彭"),
    ("Zeng", "曾"),
    ("Xiao", "肖"),
    ("Tian", "田"),
    ("Dong", "董"),
    ("Pan", "潘"),
    ("Yuan", "袁"),
    ("Cai", "蔡"),
    ("Jiang", "蒋"),
    ("Yu", "余"),
    ("Du", "杜"),
    ("Ye", "叶"),
    ("Cheng", "程"),
    ("Wei", "魏"),
    ("Su", "苏"),
    ("Lu", "陆"),
    ("Ding", "丁"),
    ("Ren", "任"),
    ("Shen", "沈"),
    ("Yao", "姚"),
    ("Kong", "孔"),
];

/// Given-name syllables (pinyin, character).
const GIVEN: &[(&str, &str)] = &[
    ("wei", "伟"),
    ("fang", "芳"),
    ("min", "敏"),
    ("jing", "静"),
    ("lei", "磊"),
    ("qiang", "强"),
    ("jun", "军"),
    ("yang", "洋"),
    ("yong", "勇"),
    ("yan", "艳"),
    ("jie", "杰"),
    ("tao", "涛"),
    ("ming", "明"),
    ("chao", "超"),
    ("xiu", "秀"),
    ("xia", "霞"),
    ("ping", "平"),
    ("gang", "刚"),
    ("hui", "辉"),
    ("hong", "红"),
    ("ji", "继"),
    ("yi", "怡"),
    ("xin", "欣"),
    ("hao", "昊"),
    ("yu", "雨"),
    ("zhen", "振"),
    ("bin", "斌"),
    ("lin", "琳"),
    ("kai", "凯"),
    ("rong", "荣"),
    ("shu", "淑"),
    ("qing", "青"),
    ("dan", "丹"),
    ("peng", "鹏"),
    ("xue", "雪"),
    ("ning", "宁"),
    ("bo", "波"),
    ("hua", "华"),
    ("zhi", "志"),
    ("guo", "国"),
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
const TITLES: &[(&str, &str)] = &[
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

/// One entity to write, curated or synthetic.
#[derive(Debug, Clone, Default)]
struct Gen {
    kind: Option<EntityKind>,
    id: String,
    name: String,
    name_zh: Option<String>,
    aliases: Vec<String>,
    ambiguous: Vec<String>,
    clusters: Vec<String>,
    parks: Vec<String>,
    places: Vec<String>,
    parent: Option<String>,
    roles: Vec<(String, Option<String>)>,
    issuer: Option<String>,
}

impl Gen {
    fn spellings(&self) -> impl Iterator<Item = &str> {
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

fn write_entity(out: &mut String, e: &Gen) {
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

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The generator's state: the entities so far and the spellings and ids they took.
struct Builder {
    rng: Rng,
    ids: HashSet<String>,
    keys: HashSet<String>,
    entities: Vec<Gen>,
}

impl Builder {
    fn unique_id(&mut self, base: &str) -> String {
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
    fn claim(&mut self, spellings: &[&str]) -> bool {
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
    fn brand(&mut self, max: usize) -> (String, String) {
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

    fn ids_of(&self, kind: EntityKind) -> Vec<String> {
        self.entities
            .iter()
            .filter(|e| e.kind == Some(kind))
            .map(|e| e.id.clone())
            .collect()
    }

    fn push(&mut self, e: Gen) {
        self.entities.push(e);
    }

    fn cluster(&mut self, parents: &[String]) -> Option<Gen> {
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

    fn place(&mut self, parents: &[String]) -> Option<Gen> {
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

    fn park(&mut self, parents: &[String], places: &[String], clusters: &[String]) -> Option<Gen> {
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

    fn organization(&mut self, parents: &[String], places: &[String]) -> Option<Gen> {
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

    fn company(&mut self, clusters: &[String], parks: &[String], groups: &[String]) -> Option<Gen> {
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

    fn person(&mut self, employers: &[String]) -> Option<Gen> {
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

    fn policy(&mut self, issuers: &[String], clusters: &[(String, String, String)]) -> Option<Gen> {
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

/// Generates a workload of `entities` entities (at least the curated ones) and about
/// `corpus_bytes` bytes of articles.
pub fn generate(entities: usize, corpus_bytes: usize, seed: u64) -> Result<Workload> {
    let curated_sources: Vec<(PathBuf, EntityKind, &str)> = CURATED
        .iter()
        .map(|(k, t)| (PathBuf::from(k.file_name()), *k, *t))
        .collect();
    let curated = Dictionary::from_sources(&curated_sources)?;

    let mut b = Builder {
        rng: Rng(seed ^ 0x6B67_7261_7068_2121),
        ids: HashSet::new(),
        keys: HashSet::new(),
        entities: Vec::new(),
    };
    for (_, e) in curated.iter() {
        b.ids.insert(e.id.clone());
        for s in e.spellings() {
            b.keys.insert(fold_key(s));
        }
        let ids = |list: &[crate::EntityIdx]| -> Vec<String> {
            list.iter().map(|&i| curated.entity(i).id.clone()).collect()
        };
        b.entities.push(Gen {
            kind: Some(e.kind),
            id: e.id.clone(),
            name: e.name.clone(),
            name_zh: e.name_zh.clone(),
            aliases: e.aliases.clone(),
            roles: e
                .roles
                .iter()
                .map(|r| (r.title.clone(), r.org.map(|o| curated.entity(o).id.clone())))
                .collect(),
            clusters: ids(&e.clusters),
            ..Gen::default()
        });
    }
    let synthetic = entities.saturating_sub(curated.len());
    // Shares of each kind, as in a real dictionary of a development zone.
    let count = |share: f64| ((synthetic as f64) * share).round() as usize;
    let (n_cluster, n_place, n_park, n_org, n_policy, n_person) = (
        count(0.02),
        count(0.03),
        count(0.02),
        count(0.10),
        count(0.05),
        count(0.35),
    );
    let n_company =
        synthetic.saturating_sub(n_cluster + n_place + n_park + n_org + n_policy + n_person);

    let mut synth: Vec<Gen> = Vec::new();
    let mut parents = b.ids_of(EntityKind::Cluster);
    for _ in 0..n_cluster {
        if let Some(g) = b.cluster(&parents) {
            parents.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let mut places = b.ids_of(EntityKind::Place);
    for _ in 0..n_place {
        if let Some(g) = b.place(&places[..places.len().min(20)]) {
            places.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let clusters = b.ids_of(EntityKind::Cluster);
    let mut parks = b.ids_of(EntityKind::Park);
    let zone_parks: Vec<String> = parks.iter().take(3).cloned().collect();
    for _ in 0..n_park {
        if let Some(g) = b.park(&zone_parks, &places, &clusters) {
            parks.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let mut orgs = b.ids_of(EntityKind::Organization);
    for _ in 0..n_org {
        let parents: Vec<String> = orgs.iter().take(50).cloned().collect();
        if let Some(g) = b.organization(&parents, &places) {
            orgs.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let mut companies = b.ids_of(EntityKind::Company);
    for _ in 0..n_company {
        let groups: Vec<String> = companies.iter().take(30).cloned().collect();
        if let Some(g) = b.company(&clusters, &parks, &groups) {
            companies.push(g.id.clone());
            b.push(g.clone());
            synth.push(g);
        }
    }
    let cluster_names: Vec<(String, String, String)> = b
        .entities
        .iter()
        .filter(|e| e.kind == Some(EntityKind::Cluster) && e.name.len() < 40)
        .filter_map(|e| Some((e.id.clone(), e.name.clone(), e.name_zh.clone()?)))
        .collect();
    for _ in 0..n_policy {
        if let Some(g) = b.policy(&orgs, &cluster_names) {
            b.push(g.clone());
            synth.push(g);
        }
    }
    let employers: Vec<String> = orgs.iter().chain(&companies).cloned().collect();
    let first_person = b.entities.len();
    for _ in 0..n_person {
        if let Some(g) = b.person(&employers) {
            b.push(g.clone());
            synth.push(g);
        }
    }
    // A few people share a spelling on purpose (two officials named alike), which the document
    // must decide between.
    let people: Vec<usize> = (first_person..b.entities.len()).collect();
    for pair in people.chunks(200) {
        if let [a, rest @ ..] = pair
            && let Some(c) = rest.last()
        {
            let shared = format!("Dr. {}", b.entities[*a].name);
            if b.claim(&[&shared]) {
                for &i in [a, c] {
                    b.entities[i].aliases.push(shared.clone());
                    b.entities[i].ambiguous.push(shared.clone());
                }
            }
        }
    }
    // The synthetic entities as written (ambiguous aliases included).
    let synth_ids: HashSet<&str> = synth.iter().map(|g| g.id.as_str()).collect();
    let mut dictionaries = Vec::new();
    for (kind, text) in CURATED {
        let mut out = text.to_owned();
        let _ = writeln!(
            out,
            "\n# Synthetic entities written by `kgraph gen --entities {entities} --seed {seed}`."
        );
        for e in b
            .entities
            .iter()
            .filter(|e| e.kind == Some(kind) && synth_ids.contains(e.id.as_str()))
        {
            write_entity(&mut out, e);
        }
        dictionaries.push((kind, out));
    }
    dictionaries.sort_by_key(|(k, _)| EntityKind::ALL.iter().position(|a| a == k));

    let documents = corpus(&mut b, corpus_bytes);
    Ok(Workload {
        dictionaries,
        documents,
    })
}

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

fn corpus(b: &mut Builder, bytes: usize) -> Vec<(String, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_valid() {
        let a = generate(600, 60_000, 7).unwrap_or_else(|e| panic!("{e}"));
        let b = generate(600, 60_000, 7).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.documents, b.documents);
        assert_eq!(a.dictionaries, b.dictionaries);
        let dict = a.dictionary().unwrap_or_else(|e| panic!("{e}"));
        assert!(dict.len() >= 590, "{} entities", dict.len());
        assert!(a.corpus_bytes() >= 60_000);
        let c = generate(600, 60_000, 8).unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(a.documents, c.documents);
    }
}
