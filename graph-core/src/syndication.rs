//! Syndication: one story reposted by several outlets, told apart from other stories about the
//! same event, so that it counts once in weights.
//!
//! A reposted story is the same article under another header and footer, sometimes with small
//! edits; another story about the same event names the same entities in other words. What tells
//! them apart is shared *wording*, so each document is reduced to the set of its shingles — runs
//! of consecutive tokens of its cleaned article text — and two documents are copies when the
//! Jaccard similarity of those sets is high.
//!
//! # The rule
//!
//! - **Text**: the document's article sentences (the cleaner has dropped navigation, menus and
//!   footers), folded (Traditional → Simplified, full-width → ASCII) and lowercased.
//! - **Tokens**: each Chinese character is a token, and each run of ASCII letters and digits is a
//!   token; punctuation and white space separate tokens and are not tokens.
//! - **Shingles**: runs of [`CJK_SHINGLE`] (4) tokens in a text whose tokens are mostly Chinese
//!   characters (character 4-grams), else of [`WORD_SHINGLE`] (3) tokens (word 3-grams). A
//!   Chinese character carries about as much as an English word, so a 4-gram of characters and a
//!   3-gram of words are comparably rare.
//! - **MinHash**: a signature of [`HASHES`] (120) values by one-permutation hashing: each
//!   shingle is hashed once, the hash picks one of 120 bins and competes for its minimum, and an
//!   empty bin borrows from the next filled one. The fraction of equal positions in two
//!   signatures estimates the Jaccard similarity of the two shingle sets (standard error about
//!   0.045 at 0.5), as 120 independent hash functions would, for one hash per shingle.
//! - **Copies**: two documents are copies of one story when both have at least [`MIN_SHINGLES`]
//!   (20) shingles and their estimated similarity is at least [`THRESHOLD`] (0.5). Shorter texts
//!   never group: two one-line notices can share their wording by chance.
//! - **Stories**: the connected components of the copy relation: if B reposts A and C reposts
//!   B, all three are one story. A story's id is its smallest member key, so it does not depend on
//!   the order documents arrive in.
//!
//! Candidates come from locality-sensitive hashing: the signature is cut into [`BANDS`] (40)
//! bands of [`ROWS`] (3) values, and two documents are compared only if some band is equal. Two
//! documents with similarity 0.5 share a band with probability 1 − (1 − 0.5³)⁴⁰ ≈ 0.995, with
//! similarity 0.7 with probability 1 − 10⁻¹⁰; two with similarity 0.1 are compared in 4% of
//! pairs, and then rejected by the threshold. Everything is seeded with constants: the same
//! documents always give the same stories.
//!
//! A well-kept MinHash crate (`gaoya`) exists; it was not taken because it brings a dozen crates
//! (rand, ahash, sha1, seahash, siphasher…) for the hundred lines this needs, returns its
//! candidates in `HashSet`s (an order that changes from run to run), and its tokenizers do not
//! split Chinese into characters.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::document::Document;
use crate::text::{fold, is_cjk};

/// Tokens per shingle in a text that is mostly Chinese.
pub const CJK_SHINGLE: usize = 4;
/// Tokens (words) per shingle in any other text.
pub const WORD_SHINGLE: usize = 3;
/// Bands of the locality-sensitive index.
pub const BANDS: usize = 40;
/// Values per band.
pub const ROWS: usize = 3;
/// MinHash functions per signature.
pub const HASHES: usize = BANDS * ROWS;
/// The least estimated Jaccard similarity of two copies of one story.
pub const THRESHOLD: f64 = 0.5;
/// The fewest shingles a text needs to be grouped with another at all.
pub const MIN_SHINGLES: usize = 20;

/// The MinHash signature of one document's shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    signature: Vec<u32>,
    shingles: usize,
}

impl Fingerprint {
    /// The fingerprint of a cleaned article text.
    pub fn of_text(text: &str) -> Fingerprint {
        Fingerprint::of_sentences([text])
    }

    /// The fingerprint of a text given as its sentences (a shingle never spans two sentences'
    /// boundary white space differently than the text does: sentences are joined by a space).
    pub fn of_sentences<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Fingerprint {
        let mut tokens = Tokens::default();
        for s in sentences {
            tokens.push_text(&fold(s).text);
        }
        tokens.fingerprint()
    }

    /// The fingerprint of sentences that are already folded (as the extractor's matcher reads
    /// them): the same as [`Fingerprint::of_sentences`] on their original text.
    pub fn of_folded<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Fingerprint {
        let mut tokens = Tokens::default();
        for s in sentences {
            tokens.push_text(s);
        }
        tokens.fingerprint()
    }

    /// How many shingles (runs of tokens) the text has.
    pub fn shingles(&self) -> usize {
        self.shingles
    }

    /// The estimated Jaccard similarity of the two shingle sets, 0.0–1.0.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        if self.shingles == 0 || other.shingles == 0 {
            return 0.0;
        }
        let same = self
            .signature
            .iter()
            .zip(&other.signature)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    /// Whether the two texts are copies of one story (see the module documentation).
    pub fn is_copy_of(&self, other: &Fingerprint) -> bool {
        self.shingles >= MIN_SHINGLES
            && other.shingles >= MIN_SHINGLES
            && self.similarity(other) >= THRESHOLD
    }

    fn band_keys(&self) -> impl Iterator<Item = (u16, u64)> + '_ {
        self.signature
            .chunks_exact(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                let mut h = FNV_OFFSET;
                for r in rows {
                    h = fnv(h, &r.to_le_bytes());
                }
                (b as u16, h)
            })
    }
}

/// A text's tokens, each reduced to a 64-bit hash.
#[derive(Default)]
struct Tokens {
    hashes: Vec<u64>,
    cjk: usize,
}

impl Tokens {
    /// Adds the tokens of a folded text: every Chinese character, every run of ASCII letters and
    /// digits (lowercased); anything else separates tokens.
    fn push_text(&mut self, folded: &str) {
        let bytes = folded.as_bytes();
        // A word's bytes, packed eight to a word of the hash (the packing is its own hash until
        // it overflows; only the full token is mixed, in the shingle's hash).
        let mut word = Word::default();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                word.push(b.to_ascii_lowercase());
                i += 1;
                continue;
            }
            if let Some(h) = word.take() {
                self.hashes.push(h);
            }
            if b < 0x80 {
                i += 1;
                continue;
            }
            let c = folded[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            if is_cjk(c) {
                // Tagged so that a character never hashes like a word.
                self.hashes.push((u64::from(c) << 8) | 0xC7);
                self.cjk += 1;
            }
            i += c.len_utf8();
        }
        if let Some(h) = word.take() {
            self.hashes.push(h);
        }
    }

    /// The MinHash of the text's shingles, by one-permutation hashing: each shingle is hashed
    /// once, the hash's high bits pick one of [`HASHES`] bins and its low bits compete for the
    /// bin's minimum. A bin no shingle fell in takes the value of the next filled bin (circular),
    /// offset by the distance, so that two texts agree on it exactly when they agree on that bin
    /// (the "densification" of Shrivastava and Li). The fraction of equal bins estimates the
    /// Jaccard similarity as the classic MinHash's [`HASHES`] independent functions do, at one
    /// hash per shingle instead of [`HASHES`]. A shingle that repeats competes again and changes
    /// nothing, so no set of distinct shingles is built.
    fn fingerprint(self) -> Fingerprint {
        let width = if self.cjk > 0 && self.cjk * 2 >= self.hashes.len() {
            CJK_SHINGLE
        } else {
            WORD_SHINGLE
        };
        let mut bins = [u32::MAX; HASHES];
        let mut filled = [false; HASHES];
        let mut shingles = 0;
        for w in self.hashes.windows(width) {
            let h = mix(w.iter().fold(SHINGLE_SEED, |h, &t| {
                (h ^ t).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            }));
            let bin = (((h >> 32) * HASHES as u64) >> 32) as usize;
            bins[bin] = bins[bin].min(h as u32);
            filled[bin] = true;
            shingles += 1;
        }
        let mut signature = bins.to_vec();
        if shingles > 0 {
            for i in 0..HASHES {
                if filled[i] {
                    continue;
                }
                let (distance, j) = (1..HASHES)
                    .map(|d| (d, (i + d) % HASHES))
                    .find(|&(_, j)| filled[j])
                    .unwrap_or((0, i));
                signature[i] = bins[j].wrapping_add((distance as u32).wrapping_mul(0x9E37_79B9));
            }
        }
        Fingerprint {
            signature,
            shingles,
        }
    }
}

/// The hash of a word being read: its bytes packed into `pack`, eight at a time; a longer word
/// mixes each full pack into `hash`.
#[derive(Default)]
struct Word {
    hash: u64,
    pack: u64,
    len: u32,
}

impl Word {
    fn push(&mut self, byte: u8) {
        if self.len > 0 && self.len.is_multiple_of(8) {
            self.hash = mix(self.hash ^ self.pack);
            self.pack = 0;
        }
        self.pack = (self.pack << 8) | u64::from(byte);
        self.len += 1;
    }

    /// The word's hash (its length folded in, so that "ab" and "\0ab" differ), if a word was
    /// being read; starts the next.
    fn take(&mut self) -> Option<u64> {
        if self.len == 0 {
            return None;
        }
        let h = (self.hash ^ self.pack).rotate_left(7) ^ u64::from(self.len);
        *self = Word::default();
        Some(h)
    }
}

/// Where a shingle's hash starts.
const SHINGLE_SEED: u64 = 0x5EED_0F57_0A1E_5000;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// SplitMix64's finalizer: a bijection of `u64` that spreads every input bit over the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Documents grouped into stories as they arrive, and leave.
///
/// Keys are the caller's (document ids, indices); a story is named by its smallest key.
#[derive(Debug, Clone)]
pub struct StoryIndex<K> {
    fingerprints: BTreeMap<K, Fingerprint>,
    /// Band → the keys whose signature has it. Looked up, never iterated into output.
    buckets: HashMap<(u16, u64), Vec<K>>,
    /// Each key's copies (the copy relation, both ways).
    copies: BTreeMap<K, BTreeSet<K>>,
}

impl<K: Ord + Clone + std::hash::Hash> Default for StoryIndex<K> {
    fn default() -> Self {
        StoryIndex {
            fingerprints: BTreeMap::new(),
            buckets: HashMap::new(),
            copies: BTreeMap::new(),
        }
    }
}

impl<K: Ord + Clone + std::hash::Hash> StoryIndex<K> {
    /// An empty index.
    pub fn new() -> StoryIndex<K> {
        StoryIndex::default()
    }

    /// Adds a document (replacing one with the same key) and returns its story's id.
    pub fn insert(&mut self, key: K, fingerprint: Fingerprint) -> K {
        self.remove(&key);
        let mut candidates: BTreeSet<K> = BTreeSet::new();
        if fingerprint.shingles >= MIN_SHINGLES {
            for band in fingerprint.band_keys() {
                let bucket = self.buckets.entry(band).or_default();
                candidates.extend(bucket.iter().cloned());
                bucket.push(key.clone());
            }
        }
        let mut mine = BTreeSet::new();
        for other in candidates {
            if self
                .fingerprints
                .get(&other)
                .is_some_and(|f| f.is_copy_of(&fingerprint))
            {
                self.copies
                    .entry(other.clone())
                    .or_default()
                    .insert(key.clone());
                mine.insert(other);
            }
        }
        self.copies.insert(key.clone(), mine);
        self.fingerprints.insert(key.clone(), fingerprint);
        self.story_of(&key).unwrap_or(key)
    }

    /// Removes a document; its copies stay copies of each other only if they are so directly or
    /// through other copies. Returns whether it was there.
    pub fn remove(&mut self, key: &K) -> bool {
        let Some(fingerprint) = self.fingerprints.remove(key) else {
            return false;
        };
        if fingerprint.shingles >= MIN_SHINGLES {
            for band in fingerprint.band_keys() {
                if let Some(bucket) = self.buckets.get_mut(&band) {
                    bucket.retain(|k| k != key);
                    if bucket.is_empty() {
                        self.buckets.remove(&band);
                    }
                }
            }
        }
        for other in self.copies.remove(key).unwrap_or_default() {
            if let Some(c) = self.copies.get_mut(&other) {
                c.remove(key);
            }
        }
        true
    }

    /// The members of `key`'s story, sorted (the key alone when it has no copy); empty for an
    /// unknown key.
    pub fn story(&self, key: &K) -> Vec<K> {
        if !self.fingerprints.contains_key(key) {
            return Vec::new();
        }
        let mut seen = BTreeSet::from([key.clone()]);
        let mut todo = vec![key.clone()];
        while let Some(k) = todo.pop() {
            for c in self.copies.get(&k).into_iter().flatten() {
                if seen.insert(c.clone()) {
                    todo.push(c.clone());
                }
            }
        }
        seen.into_iter().collect()
    }

    /// The id of `key`'s story: its smallest member.
    pub fn story_of(&self, key: &K) -> Option<K> {
        self.story(key).into_iter().next()
    }

    /// Every story, each sorted, ordered by id; every document is in exactly one.
    pub fn stories(&self) -> Vec<Vec<K>> {
        let mut done: BTreeSet<K> = BTreeSet::new();
        let mut out = Vec::new();
        for key in self.fingerprints.keys() {
            if done.contains(key) {
                continue;
            }
            let story = self.story(key);
            done.extend(story.iter().cloned());
            out.push(story);
        }
        out
    }

    /// How many documents the index holds.
    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    /// Whether the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }
}

/// The documents grouped into stories: indices into `documents`, each group sorted, groups
/// ordered by their first index; a document with no copy is a group of its own.
pub fn story_groups<D: Borrow<Document>>(documents: &[D]) -> Vec<Vec<usize>> {
    let mut index = StoryIndex::new();
    for (i, d) in documents.iter().enumerate() {
        index.insert(i, d.borrow().fingerprint().clone());
    }
    index.stories()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY_EN: &str = "The development zone opened a robot testing centre on its eastern edge this week. \
        The centre will let makers of service robots run their machines through stairs, ramps and crowded corridors. \
        Officials said twelve companies had already booked time in the first month. \
        Each test produces a report that buyers in hospitals and hotels can read before they order. \
        The zone paid for the building, while two universities supply the engineers who run it. \
        A second hall for outdoor delivery robots is planned for the spring. \
        Local firms welcomed the news, saying they used to send prototypes to the south for weeks of testing. \
        The director of the centre said the aim is to shorten the road from a prototype to a product.";

    const STORY_ZH: &str = "经开区东部新建的机器人检测中心本周正式启用。\
        中心可以测试服务机器人上下楼梯、爬坡和穿越拥挤走廊的能力。\
        管委会表示，首月已有十二家企业预约了测试时段。\
        每次测试都会出具报告，医院和酒店的采购方可以在下单前查阅。\
        检测楼由经开区出资建设，两所高校派出工程师负责运行。\
        面向户外配送机器人的第二座测试馆计划明年春天建成。\
        本地企业对此表示欢迎，过去他们要把样机送到南方测试好几周。\
        中心负责人说，目标是缩短从样机到产品的路程。";

    #[test]
    fn shingles_are_character_grams_in_chinese_and_word_grams_in_english() {
        // Eight tokens give five 4-grams of characters, or six 3-grams of words.
        assert_eq!(Fingerprint::of_text("北京经开区机器人").shingles(), 5);
        assert_eq!(
            Fingerprint::of_text("the zone opened a new robot test centre").shingles(),
            6
        );
        // Case, punctuation and full-width forms do not matter.
        assert_eq!(
            Fingerprint::of_text("The ZONE, opened: a NEW robot!"),
            Fingerprint::of_text("the zone opened a new robot")
        );
        assert_eq!(
            Fingerprint::of_text("ＢＯＥ在北京經開區"),
            Fingerprint::of_text("boe在北京经开区")
        );
        assert_eq!(Fingerprint::of_text("").shingles(), 0);
    }

    #[test]
    fn a_repost_with_another_header_footer_and_small_edits_is_a_copy() {
        let original =
            format!("Robot testing centre opens\nBy Staff Reporter\n{STORY_EN}\nEditor: Li Ming");
        let repost = format!(
            "Zone opens robot test centre - City Daily\nSource: City Daily 2024-05-20\n{}\nShare this article. Responsible editor: Wang Fang",
            STORY_EN
                .replace("twelve companies", "12 companies")
                .replace("this week", "on Monday")
        );
        let a = Fingerprint::of_text(&original);
        let b = Fingerprint::of_text(&repost);
        assert!(a.similarity(&b) >= 0.6, "{}", a.similarity(&b));
        assert!(a.is_copy_of(&b));

        let zh_repost = format!(
            "来源：首都新闻网\n{}\n（责任编辑：赵敏）",
            STORY_ZH.replace("十二家", "12家").replace("本周", "日前")
        );
        let c = Fingerprint::of_text(STORY_ZH);
        let d = Fingerprint::of_text(&zh_repost);
        assert!(c.similarity(&d) >= 0.6, "{}", c.similarity(&d));
        assert!(c.is_copy_of(&d));
    }

    #[test]
    fn another_story_about_the_same_event_is_not_a_copy() {
        let other = "Twelve companies have booked the zone's new robot testing centre in its first month, officials said. \
            Built with public money on the eastern edge of the development zone, the centre tests service robots on stairs and ramps. \
            Engineers from two universities run the tests and write reports for hospitals and hotels that buy robots. \
            Until now, local firms shipped their prototypes south for testing, which took weeks. \
            A hall for outdoor delivery robots will follow in the spring, the centre's director said, adding that the goal is faster products.";
        let a = Fingerprint::of_text(STORY_EN);
        let b = Fingerprint::of_text(other);
        assert!(a.similarity(&b) < 0.2, "{}", a.similarity(&b));
        assert!(!a.is_copy_of(&b));

        let other_zh = "经开区机器人检测中心启用首月，已有十二家企业预约测试。\
            这座由经开区出资、位于园区东部的中心，主要检测服务机器人上下楼梯和爬坡的表现。\
            两所高校的工程师负责测试，并为医院、酒店等采购方出具报告。\
            此前本地企业只能把样机送往南方，测试往往要等几周。\
            中心负责人介绍，户外配送机器人测试馆将于春季建成，希望让样机更快变成产品。";
        let c = Fingerprint::of_text(STORY_ZH);
        let d = Fingerprint::of_text(other_zh);
        assert!(c.similarity(&d) < 0.2, "{}", c.similarity(&d));
        assert!(!c.is_copy_of(&d));
    }

    #[test]
    fn documents_group_by_their_article_text() {
        use crate::{Dictionary, DocumentInput, EntityKind, Extractor};
        use std::path::PathBuf;
        let orgs = "[[entity]]\nid = \"bda\"\nname = \"Development Zone\"\n";
        let dictionary = Dictionary::from_sources(&[(
            PathBuf::from("organizations.toml"),
            EntityKind::Organization,
            orgs,
        )])
        .unwrap_or_else(|e| panic!("{e}"));
        let extractor = Extractor::new(dictionary);
        let doc = |id: &str, text: String| {
            extractor.extract(DocumentInput {
                id: id.into(),
                text,
                ..Default::default()
            })
        };
        let other = "An unrelated report about the zone's water supply says that the new pipes will carry twice as much water to the factories of the eastern parks by the end of the year, according to the utility, which began the work in the winter and expects no cuts.";
        let documents = vec![
            doc(
                "0",
                format!(
                    "Robot centre opens\n{STORY_EN}\nShare to WeChat\nCopyright 2024 Zone News"
                ),
            ),
            doc("1", other.to_owned()),
            doc(
                "2",
                format!(
                    "City Daily\nSource: City Daily\n{}\nBack to top",
                    STORY_EN.replace("this week", "on Monday")
                ),
            ),
        ];
        assert_eq!(story_groups(&documents), vec![vec![0, 2], vec![1]]);
    }

    proptest::proptest! {
        /// A text is a copy of itself once it is long enough, and similarity is symmetric.
        #[test]
        fn similarity_is_symmetric(a in "\\PC{0,200}", b in "\\PC{0,200}") {
            let (fa, fb) = (Fingerprint::of_text(&a), Fingerprint::of_text(&b));
            proptest::prop_assert_eq!(fa.similarity(&fb), fb.similarity(&fa));
            proptest::prop_assert_eq!(fa.is_copy_of(&fa), fa.shingles() >= MIN_SHINGLES);
        }
    }

    #[test]
    fn short_texts_never_group() {
        let a = Fingerprint::of_text("Kong Lei visited BOE on Monday.");
        assert!(a.shingles() < MIN_SHINGLES);
        assert!(!a.is_copy_of(&a.clone()));
    }

    #[test]
    fn stories_are_components_named_by_their_smallest_key_in_any_order() {
        let base = STORY_EN.to_owned();
        // B edits A a little, C edits B a little more: a chain of copies.
        let b = base.replace("twelve companies", "a dozen companies");
        let c = b
            .replace("in the spring", "next year")
            .replace("this week", "on Monday");
        let other = "An unrelated report about the zone's water supply, which has nothing to do with robots at all and says that the new pipes will carry twice as much water to the factories of the eastern parks by the end of the year, according to the utility.";
        let texts = [
            ("d-other", other),
            ("c", c.as_str()),
            ("a", base.as_str()),
            ("b", b.as_str()),
        ];
        let build = |order: &[usize]| {
            let mut index = StoryIndex::new();
            for &i in order {
                index.insert(texts[i].0.to_owned(), Fingerprint::of_text(texts[i].1));
            }
            index
        };
        let expected = vec![
            vec!["a".to_owned(), "b".to_owned(), "c".to_owned()],
            vec!["d-other".to_owned()],
        ];
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]] {
            let index = build(&order);
            assert_eq!(index.stories(), expected, "{order:?}");
            assert_eq!(index.story_of(&"c".to_owned()).as_deref(), Some("a"));
        }
        // A document that joins returns its story's id.
        let mut index = build(&[0, 2]);
        assert_eq!(index.insert("b".to_owned(), Fingerprint::of_text(&b)), "a");
        // Removing a document leaves its copies grouped only if they still are.
        let mut index2 = build(&[0, 1, 2, 3]);
        assert!(index2.remove(&"a".to_owned()));
        assert_eq!(index2.story(&"b".to_owned()), ["b", "c"]);
        assert!(!index2.remove(&"a".to_owned()));
        assert_eq!(index2.len(), 3);
        assert!(index.remove(&"b".to_owned()));
        assert!(index.copies.values().all(|c| !c.contains("b")));
    }
}
