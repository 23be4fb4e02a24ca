//! Random names: the generator every choice is drawn from, and the syllables that people,
//! brands and places are named with, in pinyin and in characters.

/// SplitMix64: small, fast, and fixed forever, so a seed means the same bytes in every version.
#[derive(Debug, Clone)]
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub(super) fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    pub(super) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index skewed to the front, as news names a few entities often and most rarely.
    pub(super) fn popular(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n.max(1)
    }
}

/// Pinyin syllables and a character for each, for names that exist in both scripts.
pub(super) const SYLLABLES: &[(&str, &str)] = &[
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
pub(super) const SURNAMES: &[(&str, &str)] = &[
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
pub(super) const GIVEN: &[(&str, &str)] = &[
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

pub(super) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

pub(super) fn slug(s: &str) -> String {
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
