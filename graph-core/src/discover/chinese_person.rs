//! Chinese person names beside their titles: 副总裁王明, 局长张鹏表示, 本报记者 曹政, 王明副总裁.
//!
//! A name is a surname from [`super::surnames`] (compound ones first) and one or two more
//! characters, and it must end where a name can: at punctuation or the sentence's end, or before
//! a word that follows names (表示, 说, 在, 和 …). Where both a two- and a three-character name
//! fit, a following one-character word decides ("张鹏在" is 张鹏 and 在). A surname that is also an
//! everyday word (和, 于, 高 …), and every name before its title, must also be read as a name by
//! the segmenter.

use super::scan::{char_at, is_han, prev_char};
use super::segment;
use super::surnames;
use super::zh::{Class, Hit};
use super::{Doc, Raw, Signal};
use crate::dictionary::EntityKind;

/// Words that follow a person's name.
const FOLLOWERS: &[&str] = &[
    "表示",
    "说",
    "介绍",
    "指出",
    "认为",
    "称",
    "告诉",
    "强调",
    "透露",
    "坦言",
    "谈到",
    "提到",
    "解释",
    "说道",
    "表态",
    "带领",
    "一行",
    "主持",
    "出席",
    "参加",
    "会见",
    "调研",
    "考察",
    "等人",
    "同志",
    "先生",
    "女士",
    "今天",
    "昨天",
    "日前",
    "近日",
    "亲自",
    "现场",
    "分享",
    "回答",
    "发言",
    "致辞",
    "讲话",
    "宣布",
    "补充",
    "总结",
    "提出",
    "建议",
    "希望",
    "呼吁",
    "一直",
    "接受",
    "代表",
    "对记者",
    "向记者",
    "在接受",
];

/// One-character words that follow a name.
const SINGLE_FOLLOWERS: &[char] = &[
    '在', '和', '与', '等', '也', '对', '就', '还', '则', '是', '的', '向', '为', '说', '称', '将',
    '曾', '已', '正', '又', '所', '把', '从', '被', '到', '来', '率', '答', '作', '做', '及', '、',
    '认', '表', '介', '指', '透', '强',
];

/// Proposes the people named next to a title.
pub(crate) fn find(doc: &Doc<'_>, hits: &[Hit], out: &mut Vec<Raw>) {
    for hit in hits {
        if hit.class != Class::Title {
            continue;
        }
        after_title(doc, hit, out);
        before_title(doc, hit, out);
    }
}

/// Whether a name can end at `at`: the sentence ends, a character that is not Chinese follows,
/// or a word that follows names.
fn ends_name(doc: &Doc<'_>, at: usize, sentence_end: usize) -> bool {
    if at >= sentence_end {
        return true;
    }
    let rest = &doc.text[at..sentence_end];
    match rest.chars().next() {
        Some(c) if !is_han(c) => true,
        Some(c) => {
            SINGLE_FOLLOWERS.contains(&c)
                || FOLLOWERS.iter().any(|f| rest.starts_with(f))
                || doc.mention_starting_at(at).is_some()
        }
        None => true,
    }
}

/// The end of the name that starts at `at`, if one does.
fn name_at(doc: &Doc<'_>, at: usize, sentence_end: usize) -> Option<usize> {
    let text = doc.text;
    let rest = text.get(at..sentence_end)?;
    let surname = surnames::surname_len(rest)?;
    let given: Vec<(usize, char)> = rest[surname..].char_indices().take(2).collect();
    let one = given.first().filter(|(_, c)| is_han(*c))?;
    let end_one = at + surname + one.0 + one.1.len_utf8();
    let end_two = given
        .get(1)
        .filter(|(_, c)| is_han(*c))
        .map(|(i, c)| at + surname + i + c.len_utf8());
    let second_follows = given
        .get(1)
        .is_some_and(|(_, c)| SINGLE_FOLLOWERS.contains(c));
    let end = if second_follows && ends_name(doc, end_one, sentence_end) {
        end_one
    } else if let Some(two) = end_two.filter(|&e| ends_name(doc, e, sentence_end)) {
        two
    } else if ends_name(doc, end_one, sentence_end) {
        end_one
    } else {
        return None;
    };
    if doc.covered(at, end) {
        return None;
    }
    let name = &text[at..end];
    if surnames::is_common_word(&rest[..surname]) && !segment::is_person(name) {
        return None;
    }
    Some(end)
}

/// Names after the title: "副总裁王明", "本报记者 曹政、王伟".
fn after_title(doc: &Doc<'_>, hit: &Hit, out: &mut Vec<Raw>) {
    let text = doc.text;
    let sentence_end = doc.sentences[hit.sentence as usize].1;
    let mut at = hit.end;
    let byline = text[hit.start..hit.end].ends_with("记者") || text[..hit.end].ends_with("编辑");
    loop {
        while let Some(c) = char_at(text, at).filter(|&c| c == ' ' || c == ':') {
            at += c.len_utf8();
        }
        if at >= sentence_end {
            return;
        }
        let Some(end) = name_at(doc, at, sentence_end) else {
            return;
        };
        let mut raw = Raw::new(hit.sentence, (at, end), EntityKind::Person, Signal::ZhTitle);
        if segment::is_person(&text[at..end]) {
            raw.signals.push(Signal::Segmenter);
        }
        out.push(raw);
        // A byline names several: "记者 曹政、王伟", "记者 曹政 王伟".
        if !byline {
            return;
        }
        match char_at(text, end) {
            Some(c @ ('、' | ' ' | ',')) => at = end + c.len_utf8(),
            _ => return,
        }
    }
}

/// A name just before the title, at the start of a clause: "，王明副总裁介绍".
fn before_title(doc: &Doc<'_>, hit: &Hit, out: &mut Vec<Raw>) {
    let text = doc.text;
    let sentence_start = doc.sentences[hit.sentence as usize].0;
    let mut at = hit.start;
    for _ in 0..4 {
        let Some((p, _)) = prev_char(text, at).filter(|&(p, c)| p >= sentence_start && is_han(c))
        else {
            return;
        };
        at = p;
        let chars = text[at..hit.start].chars().count();
        if chars < 2 {
            continue;
        }
        let starts_clause = prev_char(text, at)
            .filter(|&(p, _)| p >= sentence_start)
            .is_none_or(|(_, c)| !is_han(c) || matches!(c, '、' | '和' | '与' | '及'));
        if !starts_clause || surnames::surname_len(&text[at..]).is_none() {
            continue;
        }
        let name = &text[at..hit.start];
        if doc.covered(at, hit.start) || !segment::is_person(name) {
            continue;
        }
        let mut raw = Raw::new(
            hit.sentence,
            (at, hit.start),
            EntityKind::Person,
            Signal::ZhTitle,
        );
        raw.signals.push(Signal::Segmenter);
        out.push(raw);
        return;
    }
}
