//! Chinese segmentation with `jieba-rs` and its bundled dictionary, as a supporting signal.
//!
//! The segmenter is asked about a few characters at a time — the part of a name before its
//! suffix, a person's name after a title — never about a whole document, and never about text a
//! mention covers: it confirms what the other signals propose and never proposes on its own.
//! Its tags: `nr` person, `ns` place, `nt` organization, `nz` other proper noun, `j`
//! abbreviation, `eng` Latin letters; a word its dictionary does not hold is tagged by its HMM.
//!
//! Its dictionary is `segmenter/words.txt`: the words of frequency 10 or more of the dictionary
//! bundled with jieba-rs, written by `segmenter/generate.sh`. A third of the words, built in a
//! sixth of the time (about 25 ms instead of 150), and the rare compounds it leaves out seldom
//! change a reading. It is read once, on first use, by the first document that needs it.

use std::sync::LazyLock;

use jieba_rs::Jieba;

/// The segmenter's dictionary, one `word frequency tag` per line.
const WORDS: &str = include_str!("../../segmenter/words.txt");

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    Jieba::with_dict(&mut WORDS.as_bytes()).unwrap_or_else(|e| {
        // The file is part of the source and tested (`segmenter_dictionary_loads`); an empty
        // segmenter still tags through its model, only less well.
        tracing::error!(error = %e, "the segmenter's dictionary could not be read");
        Jieba::empty()
    })
});

/// Reads the segmenter's dictionary and its part-of-speech model now.
pub(crate) fn warm_up() {
    // The model that tags words the dictionary lacks is the crate's own, read on its first use by
    // any segmenter: an empty one asked about an unknown word reads it (about 35 ms), then the
    // dictionary (about 25 ms).
    Jieba::empty().tag("星河智造", true).len();
    LazyLock::force(&JIEBA);
}

/// What the segmenter says about a piece of a name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reading {
    /// A word tagged as a proper noun: person, place, organization, other, abbreviation.
    pub proper: bool,
    /// A word tagged as a person's name.
    pub person: bool,
    /// A word tagged as a place.
    pub place: bool,
    /// Latin letters or digits.
    pub latin: bool,
    /// Words tagged as verbs, prepositions, conjunctions, particles or pronouns (what names
    /// seldom hold).
    pub function: usize,
    /// The number of words.
    pub words: usize,
    /// A word of two or more Chinese characters that the dictionary does not hold: a name
    /// more often than not.
    pub unknown: bool,
    /// Bytes of verbs, prepositions, numbers and measure words at the start, which are no part
    /// of a name ("建设" in "建设高水平创新中心", "六家" in "六家外资药企").
    pub leading: usize,
}

/// Whether a tag is one of a word that does not start a name.
fn leads_no_name(tag: &str) -> bool {
    (tag.starts_with('v') && tag != "vn")
        || matches!(
            tag,
            "p" | "c"
                | "u"
                | "uj"
                | "ul"
                | "uz"
                | "ug"
                | "uv"
                | "ud"
                | "r"
                | "d"
                | "m"
                | "q"
                | "mq"
                | "f"
        )
}

/// How many readings each thread keeps: news repeats its names, generated benchmark corpora
/// their phrases, and the segmenter is the slowest part of discovery.
const CACHED: usize = 4096;

type Cache<T> = std::cell::RefCell<std::collections::HashMap<String, T>>;

thread_local! {
    /// Readings already made on this thread, by text. Per thread, so that no lock is taken
    /// during extraction; cleared when full, so that memory stays bounded.
    static READINGS: Cache<Reading> = Cache::default();
    static PEOPLE: Cache<bool> = Cache::default();
}

fn cached<T: Copy>(
    cache: &'static std::thread::LocalKey<Cache<T>>,
    text: &str,
    compute: impl FnOnce(&str) -> T,
) -> T {
    if let Some(hit) = cache.with(|c| c.borrow().get(text).copied()) {
        return hit;
    }
    let value = compute(text);
    cache.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHED {
            c.clear();
        }
        c.insert(text.to_owned(), value);
    });
    value
}

/// Tags `text` (a few characters) and sums up the tags.
pub(crate) fn read(text: &str) -> Reading {
    cached(&READINGS, text, read_uncached)
}

fn read_uncached(text: &str) -> Reading {
    let mut r = Reading::default();
    let mut leading = true;
    for tag in JIEBA.tag(text, true) {
        if leading && leads_no_name(tag.tag) && tag.byte_end < text.len() {
            r.leading = tag.byte_end;
            continue;
        }
        leading = false;
        r.words += 1;
        if tag.word.chars().count() >= 2
            && tag.word.chars().all(crate::text::is_cjk)
            && !JIEBA.has_word(tag.word)
        {
            r.unknown = true;
        }
        match tag.tag {
            "nr" | "nrfg" | "nrt" => {
                r.proper = true;
                r.person = true;
            }
            "ns" => {
                r.proper = true;
                r.place = true;
            }
            "nt" => r.proper = true,
            // The segmenter's dictionary tags some common words nz or j ("研发" is an
            // abbreviation of 研究开发): only a longer one is taken for a proper noun.
            "nz" | "j" => r.proper |= tag.word.chars().count() >= 3,
            "eng" | "m" | "x" => r.latin |= tag.word.bytes().any(|b| b.is_ascii_alphanumeric()),
            t if t.starts_with('v') && t != "vn" => r.function += 1,
            "p" | "c" | "u" | "uj" | "ul" | "uz" | "ug" | "uv" | "ud" | "r" | "d" => {
                r.function += 1
            }
            _ => {}
        }
    }
    r
}

/// Whether the segmenter reads `text` as one person's name, or as a surname and a given name
/// with a person tag on either.
pub(crate) fn is_person(text: &str) -> bool {
    cached(&PEOPLE, text, is_person_uncached)
}

fn is_person_uncached(text: &str) -> bool {
    let tags = JIEBA.tag(text, true);
    match tags.as_slice() {
        [one] => matches!(one.tag, "nr" | "nrfg" | "nrt"),
        [a, b] => matches!(a.tag, "nr" | "nrfg" | "nrt") || matches!(b.tag, "nr" | "nrfg" | "nrt"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_people_are_proper_nouns() {
        assert!(read("北京").place);
        assert!(read("北京").proper);
        assert!(!read("发展").proper);
        assert!(read("发布了").function > 0);
        assert!(is_person("张继红"));
    }

    #[test]
    fn segmenter_dictionary_loads() {
        let jieba = Jieba::with_dict(&mut WORDS.as_bytes()).unwrap();
        for word in ["北京", "经济", "开发区", "机器人", "有限公司"] {
            assert!(
                jieba.has_word(word),
                "{word} is not in the segmenter's dictionary"
            );
        }
        assert!(JIEBA.has_word("北京"));
    }
}
