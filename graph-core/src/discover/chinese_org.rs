//! Chinese organizations, companies, parks and projects, from the suffix that ends their names.
//!
//! A suffix (有限公司, 研究院, 管委会, 产业园, 示范区, 工程 …) found by [`super::zh::hits`] ends
//! a candidate; its left edge is where the name's characters stop ([`super::zh::left_edge`]:
//! punctuation, a stop word such as 表示, 与 or 的, a mention, the sentence start). What lies
//! between must be a name, not a phrase: at least two characters, no verb or particle by the
//! segmenter's reading, and for a short or common suffix (公司, 中心, 园, 城) a proper noun, a
//! place, Latin letters or a mention the name runs on from ("北京经开区" + "工委").

use super::scan::{char_at, prev_char};
use super::segment;
use super::zh::{self, Class, Hit, Strength};
use super::{Doc, Raw, Signal};
use crate::dictionary::EntityKind;

/// The longest name part before a suffix, in characters.
const MAX_LEFT: usize = 18;

/// Proposes the candidates the suffixes end.
pub(crate) fn find(doc: &Doc<'_>, hits: &[Hit], out: &mut Vec<Raw>) {
    for hit in hits {
        let Class::Suffix(kind, strength) = hit.class else {
            continue;
        };
        if let Some(raw) = candidate(doc, hit, kind, strength) {
            out.push(raw);
        }
    }
}

fn candidate(doc: &Doc<'_>, hit: &Hit, kind: EntityKind, strength: Strength) -> Option<Raw> {
    let text = doc.text;
    let sentence_start = doc.sentences[hit.sentence as usize].0;
    // A suffix that a longer name goes on from ("科技" in "科技园" is found as 科技园; "中心" of
    // "中心站" is no name's end) must end at a boundary the automaton cannot see: the next
    // character is not one that makes a longer common word.
    if let Some(next) = char_at(text, hit.end)
        && matches!(next, '长' | '化' | '型' | '性' | '站' | '员')
    {
        return None;
    }
    if let Some(raw) = quoted(doc, hit, kind, sentence_start) {
        return Some(raw);
    }
    let joined = kind == EntityKind::Organization;
    let (edge, mention) = zh::left_edge(doc, sentence_start, hit.start, MAX_LEFT, joined);
    let mut edge = edge;
    let mut left = &text[edge..hit.start];
    // Too short to name anything without a mention in front: decided before the segmenter is
    // asked.
    if mention.is_none() && zh::chars(left) < 2 {
        return None;
    }
    let mut reading = if left.is_empty() {
        segment::Reading::default()
    } else {
        segment::read(left)
    };
    // A name in quotation marks is one, whatever its words: “创新效能提升工程”.
    let in_quotes = prev_char(text, edge).is_some_and(|(_, c)| matches!(c, '“' | '「'))
        && char_at(text, hit.end).is_some_and(|c| matches!(c, '”' | '」'));
    // Verbs, numbers and measure words that the stop words let through start no name:
    // "建设高水平创新中心", "六家外资药企研发中心".
    if reading.leading > 0 && !in_quotes {
        edge += reading.leading;
        left = &text[edge..hit.start];
        reading = segment::read(left);
    }
    let mention = mention.filter(|_| reading.leading == 0 && edge == edge_before(mention, edge));
    let prefix = mention.filter(|m| {
        doc.kind_of(m)
            .is_some_and(|k| !matches!(k, EntityKind::Person | EntityKind::Policy))
    });
    // Mentions one after another all belong to the name ("北京亦庄" + "生物医药" + "产业园"), but
    // only one that is not a cluster says whose it is: "生物医药公司" is a description.
    let (mut name_start, owned) = match prefix {
        Some(m) => chain(doc, m),
        None => (edge, false),
    };
    // A place inside a name ("辉瑞" + "北京" + "研发中心", "强生" + "中国" + "数字创新中心"): the
    // name goes on left of it; the candidate stays after it.
    if let Some(m) = prefix
        && name_start == m.start
        && doc.kind_of(m) == Some(EntityKind::Place)
    {
        let (further, _) = zh::left_edge(doc, sentence_start, m.start, 8, false);
        let extra = &text[further..m.start];
        let r = segment::read(extra);
        if zh::chars(extra) >= 2 && r.leading == 0 && r.function == 0 {
            name_start = further;
        }
    }
    let prefix = prefix.filter(|_| owned);
    let suffix_chars = zh::chars(&text[hit.start..hit.end]);
    let left_chars = zh::chars(left);

    if left_chars == 0 {
        // The suffix alone after a mention: "北京经开区" + "工委", "小米" + "集团".
        prefix?;
        if suffix_chars < 2 {
            return None;
        }
    } else if left_chars < 2 && prefix.is_none() {
        return None;
    }
    if reading.function > usize::from(kind == EntityKind::Policy) && !in_quotes {
        return None;
    }
    // A name says whose it is: a proper noun, a place, Latin letters, a word the segmenter's
    // dictionary does not know, or a mention it runs on from. "研发中心", "国家级高新区" and
    // "生物医药产业园" say none of these and are descriptions, not names.
    let supported =
        reading.proper || reading.latin || reading.unknown || prefix.is_some() || in_quotes;
    // A long name before a specific suffix (研究院, 有限公司) names one.
    let long = strength == Strength::Specific && left_chars >= 4 && kind != EntityKind::Park;
    if !supported && !long {
        return None;
    }
    if kind == EntityKind::Policy && left_chars < 4 && prefix.is_none() {
        return None;
    }
    let mut raw = Raw::new(hit.sentence, (edge, hit.end), kind, Signal::ZhSuffix);
    raw.name_start = name_start.min(edge);
    if reading.proper {
        raw.signals.push(Signal::Segmenter);
    }
    Some(raw)
}

/// Where a name that runs on from mention `m` starts: back over every mention that ends where
/// the next starts; and whether one of them is not a cluster.
fn chain(doc: &Doc<'_>, m: &super::Taken) -> (usize, bool) {
    let mut start = m.start;
    let mut owned = doc.kind_of(m) != Some(EntityKind::Cluster);
    while let Some(p) = doc.mention_ending_at(start).filter(|p| {
        doc.kind_of(p)
            .is_some_and(|k| !matches!(k, EntityKind::Person | EntityKind::Policy))
    }) {
        owned |= doc.kind_of(p) != Some(EntityKind::Cluster);
        start = p.start;
    }
    (start, owned)
}

/// `edge` itself: the mention found by the left edge stays only if the edge did not move.
fn edge_before(mention: Option<&super::Taken>, edge: usize) -> usize {
    mention.map_or(edge, |m| m.end)
}

/// A name in quotation marks before its suffix: “白菜心”工程, “小巨人”企业.
fn quoted(doc: &Doc<'_>, hit: &Hit, kind: EntityKind, sentence_start: usize) -> Option<Raw> {
    let text = doc.text;
    let (close, c) = prev_char(text, hit.start)?;
    if !matches!(c, '”' | '」' | '"') {
        return None;
    }
    let open_char = match c {
        '”' => '“',
        '」' => '「',
        _ => '"',
    };
    let inner_start = text[sentence_start..close]
        .rfind(open_char)
        .map(|i| sentence_start + i)?;
    let inner = &text[inner_start + open_char.len_utf8()..close];
    let n = zh::chars(inner);
    if !(2..=10).contains(&n) || inner.contains(['，', ',', '。', '“', '”']) {
        return None;
    }
    if doc.covered(inner_start, hit.end) {
        return None;
    }
    let mut raw = Raw::new(hit.sentence, (inner_start, hit.end), kind, Signal::ZhSuffix);
    if kind == EntityKind::Policy {
        raw.signals.push(Signal::ZhPolicy);
    }
    Some(raw)
}
