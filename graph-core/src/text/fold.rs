//! Script folding: Traditional → Simplified Chinese and full-width → ASCII, keeping byte offsets.
//!
//! The matcher runs over the folded text, but every span it reports must slice the *original*
//! text. Folding is character for character (one character in, one character out), so the only
//! thing that can move offsets is a change of encoded length: a full-width `（` (3 bytes) becomes
//! `(` (1 byte). [`OffsetMap`] records the points where the running difference changes; a text
//! with no such character (all ASCII, or Chinese without full-width forms) has an empty map and
//! costs nothing to translate.

use std::borrow::Cow;

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
}

/// Folds one character: full-width ASCII variants and the ideographic space to ASCII.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Folds a text for matching: Traditional to Simplified (the `fast2s` table) and full-width to ASCII.
pub fn fold(text: &str) -> Folded<'_> {
    // Both foldings only ever change three-byte characters (`fast2s` converts nothing else, and
    // U+3000 and U+FF01..U+FF5E are three bytes): a text without a UTF-8 lead byte of 0xE0-0xEF
    // (ASCII, or English with a "©" or an accented name) folds to itself.
    if !text.bytes().any(|b| b & 0xF0 == 0xE0) {
        return Folded {
            text: Cow::Borrowed(text),
            map: OffsetMap::default(),
        };
    }
    let simplified = fast2s::convert(text);
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut changed = false;
    // `fast2s` maps each character to exactly one character, so the two walks stay in step.
    let mut originals = text.char_indices();
    let mut in_step = true;
    for conv in simplified.chars() {
        let Some((pos, orig)) = originals.next() else {
            break;
        };
        let c = fold_width(conv);
        if c == orig {
            out.push(c);
            continue;
        }
        changed = true;
        out.push(c);
        if c.len_utf8() != orig.len_utf8() {
            map.points.push((out.len(), pos + orig.len_utf8()));
        }
    }
    if originals.next().is_some() {
        in_step = false;
    }
    if !changed || !in_step {
        // Nothing to fold, or a table that broke the one-for-one rule: match the original as is
        // rather than report spans that would not slice it.
        return Folded {
            text: Cow::Borrowed(text),
            map: OffsetMap::default(),
        };
    }
    Folded {
        text: Cow::Owned(out),
        map,
    }
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

    #[test]
    fn keys_ignore_case_width_and_spacing() {
        assert_eq!(fold_key("  Beijing   E-Town "), "beijing e-town");
        assert_eq!(fold_key("ＢＯＥ"), "boe");
        assert_eq!(fold_key("經開區"), "经开区");
    }
}
