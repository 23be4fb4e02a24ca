//! Sentence segmentation for English and Chinese, within one line (a line is a paragraph).
//!
//! Chinese ends sentences with `。！？；` (and their ASCII forms), English with `. ! ? ;`. A closing
//! quote or bracket right after the mark stays in the sentence (`……”他说。` keeps its `”`). An English
//! period ends a sentence only when white space follows it and the word before it is not an
//! abbreviation: "Co., Ltd.", "No. 2", "U.S.", "Dr." and a decimal like "3.83" never split.

use std::ops::Range;

use super::find_byte;

/// Words after which a period does not end a sentence, compared in lowercase. Sorted, for a
/// binary search.
const ABBREVIATIONS: &[&str] = &[
    "approx", "apr", "aug", "co", "corp", "dec", "dept", "dr", "e.g", "est", "etc", "feb", "fig",
    "gen", "gov", "i.e", "inc", "jan", "jr", "jul", "jun", "ltd", "mar", "mr", "mrs", "ms", "mt",
    "no", "nos", "nov", "oct", "p.r", "prof", "rep", "sen", "sep", "sept", "sr", "st", "u.k",
    "u.n", "u.s", "vol", "vs",
];

/// Words that end a company name and end a sentence only when a capital letter follows.
const COMPANY_SUFFIXES: &[&str] = &["co", "corp", "inc", "ltd"];

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')' | '】' | '》' | ']'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '…')
}

/// Splits `line` (which starts at byte `offset` of its text) into trimmed sentence ranges.
///
/// One pass over the bytes: only `. ! ? ;` and the lead bytes of the three-byte marks
/// (`。！？；…`) are looked at, found a block at a time; everything else is skipped.
pub fn split_line(line: &str, offset: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    split_line_into(line, offset, &mut out);
    out
}

/// [`split_line`], appending to `out`.
pub(crate) fn split_line_into(line: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut from = 0;
    // None of these bytes is ever inside a character, so the search may start anywhere.
    let mark = |b: u8| {
        (b == b'.')
            | (b == b'!')
            | (b == b'?')
            | (b == b';')
            | (b == 0xE2)
            | (b == 0xE3)
            | (b == 0xEF)
    };
    while let Some(i) = find_byte(bytes, from, mark) {
        let (c, len) = match (bytes[i], bytes.get(i + 1..i + 3)) {
            (b, _) if b.is_ascii() => (char::from(b), 1),
            // 。！？；… by their bytes: most three-byte punctuation of Chinese shares their lead
            // byte (，、“”) and is passed over without being decoded.
            (0xE3, Some([0x80, 0x82]))
            | (0xEF, Some([0xBC, 0x81 | 0x9F | 0x9B]))
            | (0xE2, Some([0x80, 0xA6])) => (char_at(line, i), 3),
            _ => {
                from = i + 3;
                continue;
            }
        };
        let ends = if c == '.' {
            period_ends_sentence(line, i)
        } else {
            is_terminal(c)
        };
        if !ends {
            from = i + len;
            continue;
        }
        // Take the run of marks and closers that finishes the sentence: "?!", "……", ".\"".
        let mut end = i + len;
        while let Some(c) = line[end..].chars().next() {
            if !(is_terminal(c) || is_closer(c) || c == '.') {
                break;
            }
            end += c.len_utf8();
        }
        push_trimmed(out, line, start, end, offset);
        start = end;
        from = end;
    }
    push_trimmed(out, line, start, line.len(), offset);
}

/// The character that starts at byte `at` (a character boundary), or NUL past the end.
fn char_at(line: &str, at: usize) -> char {
    line[at..].chars().next().unwrap_or('\0')
}

fn push_trimmed(out: &mut Vec<Range<usize>>, line: &str, start: usize, end: usize, offset: usize) {
    let piece = &line[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(offset + start + lead..offset + end - trail);
    }
}

/// Whether the period at byte `at` of `line` ends a sentence.
fn period_ends_sentence(line: &str, at: usize) -> bool {
    // What follows: the end of the line, or white space (possibly after closing quotes).
    let mut after = line[at + 1..].chars().skip_while(|&c| is_closer(c));
    let next_word_start = match after.next() {
        None => return true,
        Some(c) if c.is_whitespace() => after.find(|c| !c.is_whitespace()),
        // "3.83", "Pony.ai", "U.S.": no space after the period.
        Some(_) => return false,
    };
    // The word before the period, with its own inner periods ("U.S", "e.g").
    let before = &line[..at];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    // The abbreviations are ASCII; a word in another script is lowered the Unicode way (the
    // Kelvin sign lowers to a `k`), without allocating for the usual ASCII word.
    let lowered;
    let word = if word.is_ascii() {
        word
    } else {
        lowered = word.to_lowercase();
        lowered.as_str()
    };
    // A single letter is an initial ("J. Smith") or part of an acronym.
    if word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic() {
        return false;
    }
    // The longest abbreviation has six letters: most words are ruled out by their length.
    let mut lower = [0u8; 6];
    let Some(buf) = lower.get_mut(..word.len()) else {
        return true;
    };
    buf.copy_from_slice(word.as_bytes());
    buf.make_ascii_lowercase();
    let Ok(i) = ABBREVIATIONS.binary_search_by(|a| a.as_bytes().cmp(buf)) else {
        return true;
    };
    let abbreviation = &ABBREVIATIONS[i];
    // "No. 2": a number follows. "Co., Ltd. overcame": a lowercase word follows.
    match next_word_start {
        Some(c) if COMPANY_SUFFIXES.contains(abbreviation) => {
            c.is_uppercase() || !c.is_alphanumeric()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-vector implementation this replaced, kept as the oracle.
    mod reference {
        use super::super::{ABBREVIATIONS, COMPANY_SUFFIXES, is_closer, is_terminal};
        use std::ops::Range;

        /// Splits `line` (which starts at byte `offset` of its text) into trimmed sentence ranges.
        pub(super) fn split_line(line: &str, offset: usize) -> Vec<Range<usize>> {
            let mut out = Vec::new();
            let mut start = 0;
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i].1;
                let ends = if is_terminal(c) {
                    true
                } else if c == '.' {
                    period_ends_sentence(line, &chars, i)
                } else {
                    false
                };
                if !ends {
                    i += 1;
                    continue;
                }
                // Take the run of marks and closers that finishes the sentence: "?!", "……", ".\"".
                let mut j = i + 1;
                while j < chars.len()
                    && (is_terminal(chars[j].1) || is_closer(chars[j].1) || chars[j].1 == '.')
                {
                    j += 1;
                }
                let end = chars.get(j).map_or(line.len(), |&(p, _)| p);
                push_trimmed(&mut out, line, start, end, offset);
                start = end;
                i = j;
            }
            push_trimmed(&mut out, line, start, line.len(), offset);
            out
        }

        fn push_trimmed(
            out: &mut Vec<Range<usize>>,
            line: &str,
            start: usize,
            end: usize,
            offset: usize,
        ) {
            let piece = &line[start..end];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            if lead + trail < piece.len() {
                out.push(offset + start + lead..offset + end - trail);
            }
        }

        fn period_ends_sentence(line: &str, chars: &[(usize, char)], i: usize) -> bool {
            // What follows: the end of the line, or white space (possibly after closing quotes).
            let mut j = i + 1;
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            let next_word_start = match chars.get(j) {
                None => return true,
                Some(&(_, c)) if c.is_whitespace() => {
                    let mut k = j;
                    while k < chars.len() && chars[k].1.is_whitespace() {
                        k += 1;
                    }
                    chars.get(k).map(|&(_, c)| c)
                }
                // "3.83", "Pony.ai", "U.S.": no space after the period.
                Some(_) => return false,
            };
            // The word before the period, with its own inner periods ("U.S", "e.g").
            let (pos, _) = chars[i];
            let before = &line[..pos];
            let word_start = before
                .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
                .map_or(0, |p| {
                    p + before[p..].chars().next().map_or(1, char::len_utf8)
                });
            let word = before[word_start..].to_lowercase();
            if word.is_empty() {
                return true;
            }
            // A single letter is an initial ("J. Smith") or part of an acronym.
            if word.chars().count() == 1
                && word.chars().all(|c| c.is_alphabetic())
                && word.is_ascii()
            {
                return false;
            }
            if ABBREVIATIONS.contains(&word.as_str()) {
                let is_company = COMPANY_SUFFIXES.contains(&word.as_str());
                // "No. 2": a number follows. "Co., Ltd. overcame": a lowercase word follows.
                return match next_word_start {
                    Some(c) if is_company => c.is_uppercase() || !c.is_alphanumeric(),
                    _ => false,
                };
            }
            true
        }
    }

    fn split(text: &str) -> Vec<&str> {
        split_line(text, 0).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english_abbreviations_do_not_split() {
        assert_eq!(
            split(
                "Zhao Yanping, vice president of Beijing Taide Pharmaceutical Co., Ltd., pointed. Next one."
            ),
            [
                "Zhao Yanping, vice president of Beijing Taide Pharmaceutical Co., Ltd., pointed.",
                "Next one."
            ]
        );
        assert_eq!(
            split(
                "Sanofi Verizon Technology (Beijing) Co., Ltd. overcame core technologies. It grew."
            ),
            [
                "Sanofi Verizon Technology (Beijing) Co., Ltd. overcame core technologies.",
                "It grew."
            ]
        );
        assert_eq!(
            split("the east campus of beijing no. 2 middle school. next"),
            ["the east campus of beijing no. 2 middle school.", "next"]
        );
        assert_eq!(
            split("approved in the U.S. market. From 3.83 square kilometers"),
            [
                "approved in the U.S. market.",
                "From 3.83 square kilometers"
            ]
        );
    }

    #[test]
    fn abbreviations_are_at_most_six_letters() {
        assert!(ABBREVIATIONS.iter().all(|a| a.len() <= 6 && a.is_ascii()));
        assert!(ABBREVIATIONS.is_sorted());
    }

    #[test]
    fn english_marks_and_quotes() {
        assert_eq!(
            split("He said \"go.\" Then; why? Fine!"),
            ["He said \"go.\"", "Then;", "why?", "Fine!"]
        );
    }

    #[test]
    fn chinese_keeps_closing_quotes() {
        assert_eq!(
            split("张继红说：“到2022年。”经开区将突破6000亿元！好；"),
            ["张继红说：“到2022年。”", "经开区将突破6000亿元！", "好；"]
        );
    }

    #[test]
    fn offsets_are_into_the_whole_text() {
        let text = "x\n  Hello there. Bye.";
        let ranges = split_line(&text[2..], 2);
        assert_eq!(&text[ranges[0].clone()], "Hello there.");
        assert_eq!(&text[ranges[1].clone()], "Bye.");
    }

    proptest::proptest! {
        #[test]
        fn split_line_matches_the_reference(
            s in "([A-Za-z]{1,4}|[.!?;,\"')” 。！？；…”」）\u{3001}\u{FF0C}]|Co|Ltd|No|U\\.S|e\\.g|\u{212A}|[0-9]|\u{4E00}|\u{5F20}|\u{00C9}){0,40}"
        ) {
            let ours = split_line(&s, 7);
            let theirs = reference::split_line(&s, 7);
            proptest::prop_assert_eq!(ours, theirs, "{:?}", s);
        }

        #[test]
        fn split_line_matches_the_reference_on_any_text(s in "\\PC*") {
            proptest::prop_assert_eq!(split_line(&s, 0), reference::split_line(&s, 0));
        }
    }
}
