//! Script folding: Traditional → Simplified Chinese and full-width → ASCII, keeping byte offsets.
//!
//! The matcher runs over the folded text, but every span it reports must slice the *original*
//! text. Folding is character for character (one character in, one character out), so the only
//! thing that can move offsets is a change of encoded length: a full-width `（` (3 bytes) becomes
//! `(` (1 byte). [`OffsetMap`] records the points where the running difference changes; a text
//! with no such character (all ASCII, or Chinese without full-width forms) has an empty map and
//! costs nothing to translate.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::find_byte;

/// A folded text and the way back to the original's byte offsets.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    /// The folded text. Borrowed when folding changed nothing.
    pub text: Cow<'a, str>,
    map: OffsetMap,
}

impl Folded<'_> {
    /// The original byte offset of a folded byte offset that sits on a character boundary.
    pub fn to_original(&self, folded: usize) -> usize {
        self.map.to_original(folded)
    }

    /// The folded byte offset of an original byte offset that sits on a character boundary (the
    /// inverse of [`Folded::to_original`]).
    pub fn to_folded(&self, original: usize) -> usize {
        self.map.to_folded(original)
    }
}

/// Checkpoints `(folded offset, original offset)` after which the two texts run in step.
#[derive(Debug, Clone, Default)]
struct OffsetMap {
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    fn to_original(&self, folded: usize) -> usize {
        let i = self.points.partition_point(|&(f, _)| f <= folded);
        match i {
            0 => folded,
            _ => {
                let (f, o) = self.points[i - 1];
                o + (folded - f)
            }
        }
    }

    fn to_folded(&self, original: usize) -> usize {
        // Both columns grow together, so the same checkpoints answer the way back.
        let i = self.points.partition_point(|&(_, o)| o <= original);
        match i {
            0 => original,
            _ => {
                let (f, o) = self.points[i - 1];
                f + (original - o)
            }
        }
    }
}

/// Folds one character: full-width ASCII variants and the ideographic space to ASCII.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The characters `fast2s` converts depending on their neighbours (`乾隆` keeps its `乾`), so
/// that the table cannot answer for them alone.
const CONTEXTUAL: [char; 15] = [
    '兒', '覆', '夥', '藉', '瞭', '麽', '幺', '於', '乾', '著', '苧', '闔', '鍾', '讎', '畫',
];

/// In [`TABLE`]: ask `fast2s` with the neighbours.
const ASK: u16 = 0xFFFF;

/// The folding of every three-byte character (U+0800..U+FFFF), indexed by code point: its
/// Simplified, ASCII or unchanged form, or [`ASK`]. Built once from `fast2s`'s own table by
/// converting all of them in one call, so the two never disagree.
static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let chars: Vec<char> = (0x800..=0xFFFF).filter_map(char::from_u32).collect();
    let all: String = chars.iter().collect();
    let converted = fast2s::convert(&all);
    let mut to = vec![ASK; 0x10000].into_boxed_slice();
    for (&c, conv) in chars.iter().zip(converted.chars()) {
        let folded = fold_width(conv) as u32;
        if !CONTEXTUAL.contains(&c) && folded < u32::from(ASK) {
            to[c as usize] = folded as u16;
        }
    }
    let mut changes = vec![0u64; 0x10000 / 64].into_boxed_slice();
    for (c, &t) in to.iter().enumerate() {
        if u32::from(t) != c as u32 {
            changes[c / 64] |= 1 << (c % 64);
        }
    }
    Table { to, changes }
});

/// [`TABLE`]: the folding of each character, and a bit per character that says whether it
/// changes at all. Most Chinese characters do not; their bits (8 KB in all) stay in the fastest
/// cache, and the 128 KB of the table are read only for the few that do.
struct Table {
    to: Box<[u16]>,
    changes: Box<[u64]>,
}

impl Table {
    /// The folding of `cp`, when it changes; [`ASK`] for a character `fast2s` decides in context.
    fn get(&self, cp: u32) -> Option<u16> {
        let cp = cp as usize;
        (self.changes[cp / 64] >> (cp % 64) & 1 == 1).then(|| self.to[cp])
    }
}

/// Folds a text for matching: Traditional to Simplified (`fast2s`'s table) and full-width to ASCII.
///
/// One pass over the bytes. Both foldings only ever change three-byte characters (`fast2s`
/// converts nothing else; U+3000 and U+FF01..U+FF5E are three bytes), so everything else is
/// skipped by its lead byte, and a three-byte character costs one table lookup. Nothing is
/// allocated until a character actually changes: English text, and Chinese text with neither
/// Traditional characters nor full-width forms, is borrowed as is.
pub fn fold(text: &str) -> Folded<'_> {
    let bytes = text.as_bytes();
    let table = &*TABLE;
    let mut out = String::new();
    let mut copied = 0;
    let mut map = OffsetMap::default();
    // Bytes from 0xE0 up only ever lead a three- or four-byte character, so the search for the
    // next one can start anywhere and skip ASCII and two-byte characters a block at a time.
    let mut from = 0;
    while let Some(i) = find_byte(bytes, from, |b| b >= 0xE0) {
        let lead = bytes[i];
        if lead >= 0xF0 {
            from = i + 4;
            continue;
        }
        from = i + 3;
        let cp = (u32::from(lead & 0x0F) << 12)
            | (u32::from(bytes[i + 1] & 0x3F) << 6)
            | u32::from(bytes[i + 2] & 0x3F);
        let to = match table.get(cp) {
            None => continue,
            Some(ASK) => contextual(text, i),
            Some(to) => u32::from(to),
        };
        if to == cp {
            continue;
        }
        let c = char::from_u32(to).unwrap_or(char::REPLACEMENT_CHARACTER);
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[copied..i]);
        out.push(c);
        if c.len_utf8() != 3 {
            map.points.push((out.len(), i + 3));
        }
        copied = i + 3;
    }
    if copied == 0 {
        return Folded {
            text: Cow::Borrowed(text),
            map,
        };
    }
    out.push_str(&text[copied..]);
    Folded {
        text: Cow::Owned(out),
        map,
    }
}

/// The folding of the three-byte character at `at`, by `fast2s` itself with its neighbours.
fn contextual(text: &str, at: usize) -> u32 {
    let prev = text[..at].chars().next_back();
    let mut rest = text[at..].chars();
    let cur = rest.next().unwrap_or('0');
    let window: String = [prev.unwrap_or('0'), cur, rest.next().unwrap_or('0')]
        .into_iter()
        .collect();
    let converted = fast2s::convert(&window);
    converted
        .chars()
        .nth(1)
        .map_or(cur as u32, |c| fold_width(c) as u32)
}

/// The key a spelling is compared by: folded, ASCII-lowercased, inner white space collapsed.
pub fn fold_key(spelling: &str) -> String {
    let folded = fold(spelling.trim());
    let mut key = String::with_capacity(folded.text.len());
    for word in folded.text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key.make_ascii_lowercase();
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_borrowed() {
        let f = fold("Kong Lei (BDA)");
        assert!(matches!(f.text, Cow::Borrowed(_)));
        assert_eq!(f.to_original(5), 5);
    }

    #[test]
    fn traditional_folds_to_simplified_with_same_offsets() {
        let t = "北京經濟技術開發區和亦莊";
        let f = fold(t);
        assert_eq!(f.text, "北京经济技术开发区和亦庄");
        assert_eq!(f.to_original(9), 9);
    }

    #[test]
    fn full_width_folds_and_offsets_map_back() {
        let t = "京东方（ＢＯＥ）科技";
        let f = fold(t);
        assert_eq!(f.text, "京东方(BOE)科技");
        let start = f.text.find("BOE").unwrap_or(0);
        let (s, e) = (f.to_original(start), f.to_original(start + 3));
        assert_eq!(&t[s..e], "ＢＯＥ");
        let k = f.text.find("科技").unwrap_or(0);
        assert_eq!(&t[f.to_original(k)..], "科技");
    }

    /// The folding as `fast2s` and [`fold_width`] define it: convert the whole text, then fold
    /// widths character by character.
    fn reference(text: &str) -> String {
        fast2s::convert(text).chars().map(fold_width).collect()
    }

    /// Every character boundary of the folded text maps back to the start of the same character
    /// in the original.
    fn check(text: &str) {
        let f = fold(text);
        assert_eq!(f.text, reference(text), "{text:?}");
        let originals: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let folded: Vec<usize> = f.text.char_indices().map(|(i, _)| i).collect();
        assert_eq!(originals.len(), folded.len());
        for (o, g) in originals.iter().zip(&folded) {
            assert_eq!(f.to_original(*g), *o, "{text:?} at {g}");
            assert_eq!(f.to_folded(*o), *g, "{text:?} at {o}");
        }
        assert_eq!(f.to_original(f.text.len()), text.len());
    }

    #[test]
    fn contextual_characters_follow_fast2s() {
        for t in [
            "乾隆皇帝",
            "乾淨",
            "看著",
            "著名",
            "計畫",
            "畫家",
            "回覆",
            "覆蓋",
            "兒",
            "藉口",
        ] {
            check(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_is_fast2s_and_width_folding(
            s in "[a-zA-Z0-9 .,()\u{A9}\u{E9}\u{3000}-\u{3003}\u{4E00}-\u{4E20}\u{6A5F}-\u{6A9F}\u{FF01}-\u{FF65}\u{1F600}兒覆夥藉瞭麽幺於乾著苧闔鍾讎畫隆家口看計]*"
        ) {
            check(&s);
        }

        #[test]
        fn fold_is_fast2s_on_any_text(s in "\\PC*") {
            check(&s);
        }
    }

    #[test]
    fn keys_ignore_case_width_and_spacing() {
        assert_eq!(fold_key("  Beijing   E-Town "), "beijing e-town");
        assert_eq!(fold_key("ＢＯＥ"), "boe");
        assert_eq!(fold_key("經開區"), "经开区");
    }
}
