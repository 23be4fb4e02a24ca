//! The text check every document goes through, however it arrives: the bytes of a file, decoded
//! ([`check_text`]), or a string a request carries ([`check_str`]).
//!
//! A file is read as UTF-8, with or without a byte-order mark. A UTF-8 mark stays in the text, so
//! that offsets are into the file as it is on disk ("BOE" after the mark is at bytes 3..6); the
//! cleaner reads past it. A file in another encoding is decoded with `encoding_rs` when the
//! encoding can be told for sure — UTF-16 by its byte-order mark, GB18030 (which covers GBK and
//! GB2312) when the bytes decode without error and mostly into Chinese — and its
//! [`TextEncoding`] is reported; offsets then index the decoded UTF-8 text (without the mark),
//! not the file. Anything else is refused with the encoding problem named: UTF-16 without a mark,
//! a mark followed by bytes that do not decode, bytes that are neither UTF-8 nor GB18030. Only
//! bytes that are none of these and hold NUL or many control characters are called binary.

use std::fmt;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::error::DocumentErrorKind;

/// The encoding a document's bytes were read in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark (which then stays in the text).
    #[default]
    Utf8,
    /// UTF-16, little-endian, told by its byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, told by its byte-order mark.
    Utf16Be,
    /// GB18030, and so GBK and GB2312, which it extends.
    Gb18030,
}

impl TextEncoding {
    /// The encoding's name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`.
    pub fn as_str(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document's bytes, checked and decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The text: the file itself for UTF-8 (a byte-order mark included), its decoding otherwise.
    pub text: String,
    /// What the bytes were read as.
    pub encoding: TextEncoding,
}

/// Checks that bytes are a usable text document and decodes them: within `limit` bytes, in an
/// encoding that can be told (see the [module documentation](self)), not binary, not empty.
pub fn check_text(bytes: Vec<u8>, limit: usize) -> Result<DecodedText, DocumentErrorKind> {
    if bytes.len() > limit {
        return Err(DocumentErrorKind::TooLarge {
            size: bytes.len(),
            limit,
        });
    }
    let decoded = match Encoding::for_bom(&bytes) {
        Some((encoding, mark)) if encoding == UTF_16LE || encoding == UTF_16BE => {
            let name = if encoding == UTF_16LE {
                TextEncoding::Utf16Le
            } else {
                TextEncoding::Utf16Be
            };
            let text = encoding
                .decode_without_bom_handling_and_without_replacement(&bytes[mark..])
                .ok_or_else(|| DocumentErrorKind::Undecodable {
                    encoding: name.as_str(),
                })?;
            DecodedText {
                text: text.into_owned(),
                encoding: name,
            }
        }
        _ => {
            if looks_like_utf16(&bytes) {
                return Err(DocumentErrorKind::Utf16WithoutBom);
            }
            if is_binary(&bytes) {
                return Err(DocumentErrorKind::Binary);
            }
            match String::from_utf8(bytes) {
                Ok(text) => DecodedText {
                    text,
                    encoding: TextEncoding::Utf8,
                },
                Err(e) => {
                    let bytes = e.into_bytes();
                    match decode_gb18030(&bytes) {
                        Some(text) => DecodedText {
                            text,
                            encoding: TextEncoding::Gb18030,
                        },
                        None => return Err(invalid_utf8(&bytes)),
                    }
                }
            }
        }
    };
    check_str(&decoded.text, usize::MAX)?;
    Ok(decoded)
}

/// Checks a string that is to be a document: within `limit` bytes, not binary, not empty.
pub fn check_str(text: &str, limit: usize) -> Result<(), DocumentErrorKind> {
    if text.len() > limit {
        return Err(DocumentErrorKind::TooLarge {
            size: text.len(),
            limit,
        });
    }
    if is_binary(text.as_bytes()) {
        return Err(DocumentErrorKind::Binary);
    }
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(DocumentErrorKind::Empty);
    }
    Ok(())
}

/// NUL never occurs in text; other control characters (bar tab, form feed and line breaks) are
/// rare enough that a tenth of them means a binary file.
fn is_binary(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    bytes.contains(&0) || controls * 10 > bytes.len()
}

/// UTF-16 without a byte-order mark: an even length, and most of the bytes at odd (little-endian)
/// or even (big-endian) places NUL, as in text that is mostly ASCII. Binary files have NULs too,
/// but not one at nearly every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return false;
    }
    let pairs = bytes.len() / 2;
    let nul_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    let mostly = |n: usize| n * 10 >= pairs * 7;
    (mostly(odd) && even * 10 < pairs) || (mostly(even) && odd * 10 < pairs)
}

/// The GB18030 decoding of bytes that are not UTF-8, when they decode without error and what is
/// not ASCII is mostly Chinese: GB18030 accepts many byte sequences, and text in some other
/// encoding would decode into a jumble of rare characters.
fn decode_gb18030(bytes: &[u8]) -> Option<String> {
    let text = GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
    let (mut other, mut chinese) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if crate::text::is_cjk(c) {
            chinese += 1;
        } else {
            other += 1;
        }
    }
    (chinese > 0 && chinese >= other * 4).then(|| text.into_owned())
}

fn invalid_utf8(bytes: &[u8]) -> DocumentErrorKind {
    let offset = match std::str::from_utf8(bytes) {
        Err(e) => e.valid_up_to(),
        Ok(_) => bytes.len(),
    };
    let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    DocumentErrorKind::InvalidUtf8 { line, offset }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let bytes = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend(bytes);
        }
        out
    }

    #[test]
    fn bad_bytes_are_named() {
        let kind = |bytes: &[u8]| check_text(bytes.to_vec(), 100).map(|d| d.encoding);
        assert!(matches!(kind(b""), Err(DocumentErrorKind::Empty)));
        assert!(matches!(kind(b"  \n "), Err(DocumentErrorKind::Empty)));
        assert!(matches!(
            kind(b"\xef\xbb\xbf \n"),
            Err(DocumentErrorKind::Empty)
        ));
        assert!(matches!(kind(b"a\0b c"), Err(DocumentErrorKind::Binary)));
        assert!(matches!(
            kind(b"ok\n\xff"),
            Err(DocumentErrorKind::InvalidUtf8 { line: 2, offset: 3 })
        ));
        assert!(matches!(
            check_text(vec![b'a'; 101], 100),
            Err(DocumentErrorKind::TooLarge {
                size: 101,
                limit: 100
            })
        ));
    }

    #[test]
    fn a_utf8_byte_order_mark_stays_in_the_text() {
        let d = check_text("\u{feff}亦庄".as_bytes().to_vec(), 100);
        assert_eq!(
            d.ok(),
            Some(DecodedText {
                text: "\u{feff}亦庄".into(),
                encoding: TextEncoding::Utf8
            })
        );
    }

    #[test]
    fn utf16_with_a_mark_is_decoded_and_without_one_is_named() {
        for big_endian in [false, true] {
            let d = check_text(utf16("BOE 在亦庄。", big_endian), 100).ok();
            assert_eq!(d.as_ref().map(|d| d.text.as_str()), Some("BOE 在亦庄。"));
            assert_eq!(
                d.map(|d| d.encoding),
                Some(if big_endian {
                    TextEncoding::Utf16Be
                } else {
                    TextEncoding::Utf16Le
                })
            );
        }
        let without_mark = utf16("BOE opened a plant.", false)[2..].to_vec();
        assert!(matches!(
            check_text(without_mark, 100),
            Err(DocumentErrorKind::Utf16WithoutBom)
        ));
        // A mark, then half a code unit.
        let mut broken = utf16("BOE", false);
        broken.push(b'x');
        assert!(matches!(
            check_text(broken, 100),
            Err(DocumentErrorKind::Undecodable {
                encoding: "UTF-16LE"
            })
        ));
    }

    #[test]
    fn gb18030_is_decoded_and_latin1_is_not_taken_for_it() {
        let (bytes, _, _) = GB18030.encode("北京经开区发布新政策。BOE 在亦庄。");
        let d = check_text(bytes.into_owned(), 100).ok();
        assert_eq!(
            d,
            Some(DecodedText {
                text: "北京经开区发布新政策。BOE 在亦庄。".into(),
                encoding: TextEncoding::Gb18030
            })
        );
        // "Société Générale" in Latin-1: not UTF-8, and no GB18030 either.
        let latin1: Vec<u8> = "La Société Générale a ouvert à côté."
            .chars()
            .map(|c| c as u8)
            .collect();
        assert!(matches!(
            check_text(latin1, 100),
            Err(DocumentErrorKind::InvalidUtf8 { line: 1, .. })
        ));
    }

    #[test]
    fn strings_are_checked_like_decoded_files() {
        assert!(check_str("BOE 在亦庄。", 100).is_ok());
        assert!(matches!(
            check_str(" \n", 100),
            Err(DocumentErrorKind::Empty)
        ));
        assert!(matches!(
            check_str("a\0b", 100),
            Err(DocumentErrorKind::Binary)
        ));
        assert!(matches!(
            check_str("abcdef", 5),
            Err(DocumentErrorKind::TooLarge { size: 6, limit: 5 })
        ));
    }
}
