//! Chinese policy titles: a title in 《…》 that ends like a policy, or a name that ends in one of
//! the policy endings (若干措施, 行动计划, 实施方案, 办法, 意见, 规划, 政策 …).
//!
//! Brackets hold books, papers and films too: a bracketed title is a policy only when it ends in
//! a policy ending or opens with 关于 ("about"), and a paper when it ends in 报. Mentions inside
//! the brackets ("《北京经开区…措施》") stay mentions: the candidate is the part after the last
//! one, and its name the whole title.

use super::segment;
use super::zh::{self, Class, Hit};
use super::{Doc, Raw, Signal};
use crate::dictionary::EntityKind;

/// Endings that make a bracketed title a policy (wider than the unbracketed endings).
const TITLE_ENDINGS: &[&str] = &[
    "措施",
    "计划",
    "方案",
    "办法",
    "意见",
    "规划",
    "政策",
    "条例",
    "规定",
    "细则",
    "纲要",
    "指引",
    "指南",
    "清单",
    "名单",
    "名录",
    "目录",
    "白皮书",
    "报告",
    "决定",
    "通知",
    "战略",
    "行动",
    "工程",
    "标准",
    "若干条",
    "十条",
    "二十条",
    "九条",
];

/// Proposes the policies of the document.
pub(crate) fn find(doc: &Doc<'_>, hits: &[Hit], out: &mut Vec<Raw>) {
    for hit in hits {
        match hit.class {
            Class::OpenTitle => bracketed(doc, hit, out),
            Class::PolicyEnding => ending(doc, hit, out),
            _ => {}
        }
    }
}

/// 《…》: the title inside, when it reads as a policy or a paper.
fn bracketed(doc: &Doc<'_>, hit: &Hit, out: &mut Vec<Raw>) {
    let text = doc.text;
    let sentence_end = doc.sentences[hit.sentence as usize].1;
    let inner_start = hit.end;
    let Some(close) = text[inner_start..sentence_end].find('》') else {
        return;
    };
    let inner_end = inner_start + close;
    let inner = &text[inner_start..inner_end];
    let n = zh::chars(inner);
    if !(4..=60).contains(&n) {
        return;
    }
    // Titles close with a year range at times: "行动计划(2020年-2022年)".
    let core = inner
        .rfind('(')
        .filter(|&i| inner[i..].contains('年') || inner[i..].bytes().any(|b| b.is_ascii_digit()))
        .map_or(inner, |i| &inner[..i]);
    let kind = if TITLE_ENDINGS.iter().any(|e| core.ends_with(e)) || core.starts_with("关于") {
        EntityKind::Policy
    } else if core.ends_with('报') {
        EntityKind::Organization
    } else {
        return;
    };
    // The candidate starts after the last mention inside the title; its name is the whole title.
    let first = doc.taken.partition_point(|t| t.start < inner_start);
    let start = doc.taken[first..]
        .iter()
        .take_while(|t| t.end <= inner_end)
        .last()
        .map_or(inner_start, |t| t.end);
    if doc.covered(start, inner_end) || zh::chars(&text[start..inner_end]) < 2 {
        return;
    }
    let mut raw = Raw::new(hit.sentence, (start, inner_end), kind, Signal::ZhPolicy);
    raw.name_start = inner_start;
    out.push(raw);
}

/// A name that ends in a policy ending, without brackets: "人才十条", "外资支持事项清单".
fn ending(doc: &Doc<'_>, hit: &Hit, out: &mut Vec<Raw>) {
    let text = doc.text;
    // Inside brackets the bracketed title speaks for itself.
    if text[..hit.start].ends_with('《') || text[hit.end..].starts_with('》') {
        return;
    }
    let sentence_start = doc.sentences[hit.sentence as usize].0;
    let (edge, mention) = zh::left_edge(doc, sentence_start, hit.start, 16, false);
    let left = &text[edge..hit.start];
    let left_chars = zh::chars(left);
    let prefix = mention.filter(|m| doc.kind_of(m).is_some_and(|k| k != EntityKind::Person));
    if left_chars < 4 && !(left_chars >= 2 && prefix.is_some()) {
        return;
    }
    let reading = segment::read(left);
    if reading.leading > 0 || reading.function > 0 || !(reading.proper || prefix.is_some()) {
        return;
    }
    let mut raw = Raw::new(
        hit.sentence,
        (edge, hit.end),
        EntityKind::Policy,
        Signal::ZhPolicy,
    );
    if let Some(m) = prefix {
        raw.name_start = m.start;
    }
    raw.signals.push(Signal::Segmenter);
    out.push(raw);
}
