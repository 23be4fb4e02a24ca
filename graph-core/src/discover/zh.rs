//! The Chinese words discovery starts from, found in one pass, and the left edge of a name.
//!
//! One `aho-corasick` automaton holds every suffix (有限公司, 管委会, 产业园 …), policy ending
//! (若干措施, 实施方案 …), title (副总裁, 记者 …) and `《`, and beside them the common words
//! that contain a suffix without ending a name (布局 holds 局, 城市 holds 城, 局长 is a title):
//! the automaton is leftmost-longest, so such a word, starting earlier or being longer, hides the
//! suffix inside it and no candidate starts from it.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::Doc;
use super::scan::{is_han, prev_char};
use crate::dictionary::EntityKind;
use crate::relations::ZH_TITLE_ENDINGS;

/// What a trigger word starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A suffix that ends a name of this kind, and whether it is long and specific enough
    /// (有限公司, 研究院) to need no support from the segmenter.
    Suffix(EntityKind, Strength),
    /// A policy ending (措施, 实施方案).
    PolicyEnding,
    /// A title that stands before or after a person's name.
    Title,
    /// `《`: a title in brackets follows.
    OpenTitle,
    /// A common word that holds a suffix: no name ends here.
    Not,
}

/// How much a suffix says on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    /// Long and specific: two characters before it make a name.
    Specific,
    /// Short or common (公司, 中心, 园, 城): the segmenter must see a proper noun, a place or an
    /// unknown word before it, or a mention must run into it.
    Generic,
}

use Strength::{Generic, Specific};

const SUFFIXES: &[(&str, EntityKind, Strength)] = &[
    ("股份有限公司", EntityKind::Company, Specific),
    ("有限责任公司", EntityKind::Company, Specific),
    ("集团有限公司", EntityKind::Company, Specific),
    ("有限公司", EntityKind::Company, Specific),
    ("集团公司", EntityKind::Company, Specific),
    ("集团", EntityKind::Company, Generic),
    ("公司", EntityKind::Company, Generic),
    ("科技", EntityKind::Company, Generic),
    ("制药", EntityKind::Company, Generic),
    ("药业", EntityKind::Company, Generic),
    ("医疗", EntityKind::Company, Generic),
    ("控股", EntityKind::Company, Generic),
    ("银行", EntityKind::Company, Generic),
    ("基金", EntityKind::Company, Generic),
    ("研究院", EntityKind::Organization, Specific),
    ("研究所", EntityKind::Organization, Specific),
    ("研究中心", EntityKind::Organization, Specific),
    ("创新中心", EntityKind::Organization, Generic),
    ("中心", EntityKind::Organization, Generic),
    ("实验室", EntityKind::Organization, Specific),
    ("大学", EntityKind::Organization, Specific),
    ("学院", EntityKind::Organization, Specific),
    ("科学院", EntityKind::Organization, Specific),
    ("工程院", EntityKind::Organization, Specific),
    ("医院", EntityKind::Organization, Specific),
    ("中学", EntityKind::Organization, Specific),
    ("小学", EntityKind::Organization, Specific),
    ("局", EntityKind::Organization, Generic),
    ("委员会", EntityKind::Organization, Specific),
    ("管委会", EntityKind::Organization, Specific),
    ("工委", EntityKind::Organization, Specific),
    ("办公室", EntityKind::Organization, Specific),
    ("协会", EntityKind::Organization, Specific),
    ("商会", EntityKind::Organization, Specific),
    ("联合会", EntityKind::Organization, Specific),
    ("促进会", EntityKind::Organization, Specific),
    ("基金会", EntityKind::Organization, Specific),
    ("联盟", EntityKind::Organization, Specific),
    ("交易所", EntityKind::Organization, Specific),
    ("日报", EntityKind::Organization, Specific),
    ("产业园区", EntityKind::Park, Specific),
    ("产业园", EntityKind::Park, Specific),
    ("科技园", EntityKind::Park, Specific),
    ("信创园", EntityKind::Park, Specific),
    ("园区", EntityKind::Park, Generic),
    ("公园", EntityKind::Park, Generic),
    ("园", EntityKind::Park, Generic),
    ("产业基地", EntityKind::Park, Specific),
    ("基地", EntityKind::Park, Generic),
    ("示范区", EntityKind::Park, Specific),
    ("先行区", EntityKind::Park, Specific),
    ("试验区", EntityKind::Park, Specific),
    ("保税区", EntityKind::Park, Specific),
    ("综保区", EntityKind::Park, Specific),
    ("集聚区", EntityKind::Park, Specific),
    ("开发区", EntityKind::Park, Specific),
    ("高新区", EntityKind::Park, Specific),
    ("大街", EntityKind::Park, Generic),
    ("小镇", EntityKind::Park, Generic),
    ("新城", EntityKind::Park, Generic),
    ("城", EntityKind::Park, Generic),
    ("港", EntityKind::Park, Generic),
    ("工程", EntityKind::Policy, Generic),
];

const POLICY_ENDINGS: &[&str] = &[
    "若干措施",
    "措施",
    "行动计划",
    "行动方案",
    "实施方案",
    "工作方案",
    "实施意见",
    "指导意见",
    "办法",
    "管理办法",
    "实施细则",
    "细则",
    "规划",
    "政策",
    "条例",
    "清单",
    "名单",
    "白皮书",
];

/// Words that hold a suffix, a title or an ending and end no name.
const NOT: &[&str] = &[
    "城市",
    "城镇",
    "城乡",
    "城区",
    "城际",
    "长城",
    "香港",
    "港口",
    "港澳",
    "港股",
    "布局",
    "格局",
    "结局",
    "局面",
    "当局",
    "全局",
    "开局",
    "大局",
    "局部",
    "局势",
    "园林",
    "家园",
    "校园",
    "公园里",
    "中心城",
    "中心区",
    "学院派",
    "大学生",
    "工程师",
    "总工程师",
    "工程化",
    "政策性",
    "政策体系",
    "规划局",
    "集团化",
    "公司化",
    "科技部",
    "科技局",
    "科技创新",
    "科技成果",
    "科技型",
    "科技感",
    "科技含量",
    "科技企业",
    "科技公司",
    "科技园区",
    "基地里",
    "公司债",
    "基金会长",
    "措施上",
    "大城",
    "进城",
    "县城",
    "名城",
    "全城",
    "满城",
    "省城",
    "京城",
    "一城",
    "出城",
    "城内",
    "城外",
    "小区",
    "园所",
];

static AUTOMATON: LazyLock<(AhoCorasick, Vec<Class>)> = LazyLock::new(|| {
    let mut words: Vec<&str> = Vec::new();
    let mut classes: Vec<Class> = Vec::new();
    for &(w, kind, strength) in SUFFIXES {
        words.push(w);
        classes.push(Class::Suffix(kind, strength));
    }
    for &w in POLICY_ENDINGS {
        words.push(w);
        classes.push(Class::PolicyEnding);
    }
    for &w in ZH_TITLE_ENDINGS.iter().chain(EXTRA_TITLES) {
        if !words.contains(&w) {
            words.push(w);
            classes.push(Class::Title);
        }
    }
    words.push("《");
    classes.push(Class::OpenTitle);
    for &w in NOT {
        if !words.contains(&w) {
            words.push(w);
            classes.push(Class::Not);
        }
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&words)
        .unwrap_or_else(|e| unreachable!("{e}"));
    (automaton, classes)
});

/// Titles beyond the role rules' endings, for names after them (副总裁王明).
const EXTRA_TITLES: &[&str] = &[
    "副总裁",
    "副总经理",
    "副主任",
    "副局长",
    "副书记",
    "副院长",
    "副区长",
    "副市长",
    "总经理",
    "首席科学家",
    "联合创始人",
    "本报记者",
    "总编辑",
    "党委书记",
    "常务副",
];

/// Builds the trigger automaton and the stop words now.
pub(crate) fn warm_up() {
    LazyLock::force(&AUTOMATON);
    LazyLock::force(&STOPS);
}

/// A trigger word in the folded text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub class: Class,
    /// The sentence it is in.
    pub sentence: u32,
}

/// Every trigger of the document that lies in an article sentence and outside every mention.
pub(crate) fn hits(doc: &Doc<'_>) -> Vec<Hit> {
    let bytes = doc.text.as_bytes();
    // Chinese characters lead with 0xE3..=0xE9 (and four-byte ones with 0xF0): a text without
    // such a byte has no trigger, and most English documents are ruled out here.
    // `wrapping_sub` keeps the test branch-free for `find_byte`'s vectorised loop.
    if crate::text::find_byte(bytes, 0, |b| b.wrapping_sub(0xE3) < 7).is_none() {
        return Vec::new();
    }
    let (automaton, classes) = &*AUTOMATON;
    let mut out = Vec::new();
    // Sentence by sentence: boilerplate is not searched, English sentences of a mixed text are
    // skipped by their bytes, and each hit knows its sentence.
    for (i, &(start, end)) in doc.sentences.iter().enumerate() {
        let sentence = &bytes[start..end];
        if crate::text::find_byte(sentence, 0, |b| b.wrapping_sub(0xE3) < 7).is_none() {
            continue;
        }
        for m in automaton.find_iter(&doc.text[start..end]) {
            let class = classes[m.pattern().as_usize()];
            if class == Class::Not {
                continue;
            }
            let (hs, he) = (start + m.start(), start + m.end());
            if doc.covered(hs, he) {
                continue;
            }
            out.push(Hit {
                start: hs,
                end: he,
                class,
                sentence: i as u32,
            });
        }
    }
    out
}

/// Words a name never runs across, leftward: verbs of saying and doing, particles, prepositions,
/// conjunctions, measure words and demonstratives. The left edge stops just after one.
const STOP_WORDS: &[&str] = &[
    "的",
    "与",
    "和",
    "及",
    "以及",
    "或",
    "在",
    "是",
    "为",
    "由",
    "对",
    "将",
    "把",
    "被",
    "从",
    "向",
    "了",
    "也",
    "都",
    "已",
    "还",
    "并",
    "同",
    "跟",
    "给",
    "让",
    "使",
    "据",
    "至",
    "于",
    "其",
    "该",
    "这",
    "那",
    "各",
    "每",
    "此",
    "等",
    "即",
    "到",
    "赴",
    "如",
    "像",
    "称",
    "说",
    "表示",
    "介绍",
    "指出",
    "认为",
    "发布",
    "举办",
    "成立",
    "落户",
    "入驻",
    "签约",
    "签署",
    "携手",
    "推动",
    "支持",
    "打造",
    "聚焦",
    "加快",
    "建成",
    "引进",
    "吸引",
    "培育",
    "设立",
    "申请",
    "启动",
    "推进",
    "依托",
    "围绕",
    "通过",
    "组建",
    "牵头",
    "主办",
    "承办",
    "来自",
    "位于",
    "包括",
    "例如",
    "前往",
    "走进",
    "参观",
    "考察",
    "调研",
    "访问",
    "加入",
    "拥有",
    "创建",
    "成为",
    "作为",
    "属于",
    "设在",
    "共建",
    "新建",
    "出台",
    "印发",
    "制定",
    "提出",
    "获批",
    "获得",
    "入选",
    "发起",
    "旗下",
    "记者",
    "一批",
    "多家",
    "一家",
    "一个",
    "首个",
    "首家",
    "全市",
    "全区",
    "全国",
    "我国",
    "我们",
    "他们",
    "目前",
    "今年",
    "去年",
    "明年",
    "近日",
    "昨天",
    "今天",
    "日前",
    "此前",
    "随后",
    "同时",
    "其中",
    "已经",
    "正在",
    "可以",
    "能够",
    "主要",
    "重点",
    "相关",
    "上述",
    "一些",
    "这些",
    "那些",
    "所有",
    "更多",
    "不少",
    "众多",
    "国内外",
    "开展",
    "完成",
    "实现",
    "形成",
    "带动",
    "面向",
    "针对",
    "关于",
    "按照",
    "根据",
    "结合",
    "立足",
    "瞄准",
    "着力",
    "致力",
    "助力",
    "赋能",
    "汇聚",
    "布局",
    "一座",
    "一处",
    "一所",
    "多个",
    "以上",
    "以下",
    "以来",
    "之一",
    "之间",
    "正式",
    "首批",
    "新增",
    "子公司",
    "分公司",
    "全资子公司",
    "控股子公司",
    "落地",
    "集",
    "旗下",
    "距离",
];

/// [`STOP_WORDS`], sorted for binary search.
static STOPS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v = STOP_WORDS.to_vec();
    v.sort_unstable();
    v.dedup();
    v
});

/// Whether `s` ends with a stop word (of one to three characters).
fn ends_with_stop_word(s: &str) -> bool {
    let mut start = s.len();
    for _ in 0..3 {
        let Some((p, _)) = prev_char(s, start) else {
            return false;
        };
        start = p;
        if STOPS.binary_search(&&s[start..]).is_ok() {
            return true;
        }
    }
    false
}

/// Characters a name may hold besides Chinese ones: ASCII letters and digits, the middle dot,
/// brackets around a place ("中芯国际集成电路制造(北京)有限公司"), the hyphen.
fn name_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '·' | '(' | ')' | '-' | '&')
}

/// The left edge of a name that ends with the word at `at`: how far back its characters go
/// before punctuation, a stop word, a mention, the sentence start or `max` characters.
///
/// Returns the edge and the mention that ends there, if the walk stopped at one.
///
/// With `joined`, a 和 or 与 at most four characters before `at` stays in the name: government
/// bodies and institutes are named so (经济和信息化局, 发展和改革委员会, 区块链与边缘计算研究院),
/// companies are not, and "京东方和北方华创集团" names two.
pub(crate) fn left_edge<'d>(
    doc: &'d Doc<'_>,
    sentence_start: usize,
    at: usize,
    max: usize,
    joined: bool,
) -> (usize, Option<&'d super::Taken>) {
    let text = doc.text;
    let floor = sentence_start.max(doc.last_mention_end_before(at));
    let mut edge = at;
    let mut count = 0;
    let mut open = 0i32;
    while edge > floor && count < max {
        let Some((p, c)) = prev_char(text, edge) else {
            break;
        };
        if !name_char(c) {
            break;
        }
        // A closing bracket opens a place in the name when read leftward; an opening one with
        // none to close ends the name ("（记者 …）").
        match c {
            ')' => open += 1,
            '(' if open == 0 => break,
            '(' => open -= 1,
            _ => {}
        }
        // "8家银行": a count and its measure word end the name.
        if matches!(c, '家' | '个' | '项' | '位' | '批' | '座' | '所')
            && prev_char(text, p).is_some_and(|(_, d)| {
                d.is_ascii_digit() || "一二三四五六七八九十两几多百千万".contains(d)
            })
        {
            break;
        }
        let joins = joined && count > 0 && count <= 4 && matches!(c, '和' | '与');
        if open == 0 && !joins && ends_with_stop_word(&text[floor..edge]) {
            break;
        }
        edge = p;
        count += 1;
    }
    // A stop word that ends just at the edge's right was found above; one that the last step
    // crossed into is trimmed here, so that "与北方华创" starts at 北.
    let mut trimmed = edge;
    while let Some(w) = STOPS
        .iter()
        .filter(|w| text[trimmed..at].starts_with(**w))
        .max_by_key(|w| w.len())
    {
        trimmed += w.len();
        if trimmed >= at {
            break;
        }
    }
    let edge = trimmed.min(at);
    // Unbalanced brackets are not part of the name.
    let edge = text[edge..at]
        .find(|c: char| c != '(' && c != ')')
        .map_or(at, |i| edge + i);
    let mention = (edge == floor)
        .then(|| doc.mention_ending_at(edge))
        .flatten();
    (edge, mention)
}

/// The number of characters of `s`.
pub(crate) fn chars(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_hide_their_suffix() {
        let (automaton, classes) = &*AUTOMATON;
        let found: Vec<(&str, Class)> = ["产业布局", "城市更新", "北方华创科技集团", "局长张鹏"]
            .iter()
            .flat_map(|t| {
                automaton
                    .find_iter(*t)
                    .map(move |m| (&t[m.start()..m.end()], classes[m.pattern().as_usize()]))
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("布局", Class::Not),
                ("城市", Class::Not),
                ("科技", Class::Suffix(EntityKind::Company, Generic)),
                ("集团", Class::Suffix(EntityKind::Company, Generic)),
                ("局长", Class::Title),
            ]
        );
    }
}
