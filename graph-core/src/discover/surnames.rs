//! Chinese surnames, in characters and in pinyin, for telling a person's name.
//!
//! The characters are those of the *Hundred Family Surnames* (百家姓), the classical list, with
//! its compound surnames (欧阳, 司马 …) and the few common modern ones it lacks (闫, 付, 覃).
//! Their pinyin, every reading of each (曾 is Zeng, 单 is Shan), comes from the `pinyin` crate's
//! table, as does the set of syllables a romanized given name is made of: "Jinping" is jin + ping,
//! "Xin-wen" xin + wen.

use std::collections::HashSet;
use std::sync::LazyLock;

use pinyin::ToPinyinMulti;

/// The single-character surnames of the 百家姓, in its order, and common modern ones.
const SINGLE: &str = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章\
云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康\
伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强\
贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪\
包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬\
全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙\
池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充\
慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融\
冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公闫付覃岳涂佘佟冼邸揭晋楚鄢仝";

/// The compound surnames of the 百家姓.
const COMPOUND: &[&str] = &[
    "万俟", "司马", "上官", "欧阳", "夏侯", "诸葛", "闻人", "东方", "赫连", "皇甫", "尉迟", "公羊",
    "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠", "公孙", "仲孙", "轩辕", "令狐",
    "钟离", "宇文", "长孙", "慕容", "鲜于", "闾丘", "司徒", "司空", "亓官", "司寇", "子车", "颛孙",
    "端木", "巫马", "公西", "漆雕", "乐正", "壤驷", "公良", "拓跋", "夹谷", "宰父", "谷梁", "段干",
    "百里", "东郭", "南门", "呼延", "羊舌", "微生", "梁丘", "左丘", "东门", "西门", "南宫", "第五",
];

/// Single surnames that are also everyday words (和, 于, 从, 高 …): after a title they are more
/// often the next word than a name, so a name that starts with one needs the segmenter's `nr`.
const COMMON_WORDS: &str = "和于从向成时平能都通别全国文东公相后红查关双计经应家那空养须益师万支\
安常乐元明强路危江高田石吉富山谷车宁甘武龙叶司印白索卓池乔苍党劳申扶桑牛寿边尚农温庄充连习容古易\
慎终居步满广利越隆冷辛简沙丰游权盖金方马花云水章黄夏钟余任代单";

static SINGLE_SET: LazyLock<HashSet<char>> = LazyLock::new(|| SINGLE.chars().collect());
static COMMON_SET: LazyLock<HashSet<char>> = LazyLock::new(|| COMMON_WORDS.chars().collect());

/// Builds the surname and syllable tables now.
pub(crate) fn warm_up() {
    LazyLock::force(&SINGLE_SET);
    LazyLock::force(&COMMON_SET);
    LazyLock::force(&SYLLABLES);
    LazyLock::force(&PINYIN_SURNAMES);
}

/// The length in bytes of the surname `text` starts with: a compound surname first, then a single
/// one.
pub fn surname_len(text: &str) -> Option<usize> {
    if let Some(c) = COMPOUND.iter().find(|c| text.starts_with(**c)) {
        return Some(c.len());
    }
    let first = text.chars().next()?;
    SINGLE_SET.contains(&first).then(|| first.len_utf8())
}

/// Whether a surname is also an everyday word (see [`COMMON_WORDS`]).
pub fn is_common_word(surname: &str) -> bool {
    let mut chars = surname.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => COMMON_SET.contains(&c),
        _ => false,
    }
}

/// Every plain pinyin syllable (`zhang`, `lv` is written `lu`/`lv`), from the `pinyin` table of
/// the CJK Unified Ideographs.
static SYLLABLES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for cp in 0x4E00u32..=0x9FFF {
        let Some(multi) = char::from_u32(cp).and_then(|c| c.to_pinyin_multi()) else {
            continue;
        };
        for p in multi {
            set.insert(p.plain().replace('ü', "v"));
        }
    }
    // Romanizations write ü as u after l and n only in some spellings ("Lu", "Nu"); both count.
    set.insert("lu".into());
    set.insert("nu".into());
    set
});

/// The pinyin of every surname, all readings, lowercase: `zhang`, `ouyang`, `shan` (单) …
static PINYIN_SURNAMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let readings = |c: char| -> Vec<String> {
        c.to_pinyin_multi()
            .map(|m| m.into_iter().map(|p| p.plain().replace('ü', "v")).collect())
            .unwrap_or_default()
    };
    let mut set = HashSet::new();
    for c in SINGLE.chars() {
        set.extend(readings(c));
    }
    for compound in COMPOUND {
        let mut chars = compound.chars();
        let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
            continue;
        };
        for x in readings(a) {
            for y in readings(b) {
                set.insert(format!("{x}{y}"));
            }
        }
    }
    set
});

/// The plain pinyin of a Chinese character (its first reading), for slugs.
pub fn pinyin_of(c: char) -> Option<&'static str> {
    use pinyin::ToPinyin;
    c.to_pinyin().map(|p| p.plain())
}

/// Whether `word` (any case) is the pinyin of a surname.
pub fn is_pinyin_surname(word: &str) -> bool {
    PINYIN_SURNAMES.contains(&word.to_ascii_lowercase())
}

/// Whether `word` (any case) is one or two pinyin syllables, or two joined by a hyphen: a
/// romanized given name ("Jinping", "Xin-wen", "Li").
pub fn is_pinyin_given_name(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    if let Some((a, b)) = w.split_once('-') {
        return SYLLABLES.contains(a) && SYLLABLES.contains(b);
    }
    if !w.bytes().all(|b| b.is_ascii_lowercase()) || w.len() > 12 {
        return false;
    }
    SYLLABLES.contains(&w)
        || (1..w.len()).any(|i| SYLLABLES.contains(&w[..i]) && SYLLABLES.contains(&w[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_in_characters() {
        assert_eq!(surname_len("张继红"), Some(3));
        assert_eq!(surname_len("欧阳日辉"), Some(6));
        assert_eq!(surname_len("表示"), None);
        assert!(is_common_word("和"));
        assert!(!is_common_word("张"));
    }

    #[test]
    fn surnames_and_given_names_in_pinyin() {
        for s in ["Zhang", "WANG", "ouyang", "Xi", "Kong", "Shan", "Zeng"] {
            assert!(is_pinyin_surname(s), "{s}");
        }
        for s in ["Beijing", "Technology", "The"] {
            assert!(!is_pinyin_surname(s), "{s}");
        }
        for g in ["Jinping", "Lei", "Xin-wen", "Rihui", "Yanping"] {
            assert!(is_pinyin_given_name(g), "{g}");
        }
        for g in ["Group", "Committee", "Smith"] {
            assert!(!is_pinyin_given_name(g), "{g}");
        }
    }
}
