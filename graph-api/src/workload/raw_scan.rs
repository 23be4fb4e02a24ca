//! The raw scan: a bare `aho-corasick` automaton over the same folded spellings the extractor
//! compiles, counting matches and doing nothing else. It is the ceiling extraction is measured
//! against (`kgraph build --stats`, the extraction bench).
//!
//! It is built here, beside the benchmarks, and not borrowed from graph-core's matcher, so that the
//! engine exposes no hook that exists only to be measured. The settings are the plainest ones
//! that find what the matcher finds: leftmost-longest, ASCII case ignored (the matcher gets the
//! same matches from lowercase patterns over a lowercased copy of the text, which the raw scan
//! does not pay for), the crate's automatic choice of automaton; the patterns
//! are the distinct fold keys of every spelling (the matcher's entity patterns, without its
//! boilerplate markers).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use graph_core::Dictionary;
use graph_core::text::fold_key;

/// The bare automaton over a dictionary's folded spellings.
#[derive(Debug, Clone)]
pub struct RawScan {
    automaton: AhoCorasick,
    patterns: usize,
}

impl RawScan {
    /// Compiles every spelling of every entity of `dictionary`, folded as the matcher folds them.
    pub fn new(dictionary: &Dictionary) -> anyhow::Result<RawScan> {
        let mut keys: Vec<String> = dictionary
            .entities()
            .iter()
            .flat_map(|e| e.spellings())
            .map(fold_key)
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let build = |kind: Option<AhoCorasickKind>| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .kind(kind)
                .build(&keys)
        };
        // As in the matcher: the automatic choice fails only past its state-id limit, where the
        // noncontiguous NFA still builds.
        let automaton = build(None)
            .or_else(|_| build(Some(AhoCorasickKind::NoncontiguousNFA)))
            .map_err(|e| anyhow::anyhow!("compiling the raw scan: {e}"))?;
        Ok(RawScan {
            automaton,
            patterns: keys.len(),
        })
    }

    /// The number of patterns compiled.
    pub fn pattern_count(&self) -> usize {
        self.patterns
    }

    /// The number of matches the automaton reports in `text`: leftmost-longest, no restarts, no
    /// boundary or case check.
    pub fn count(&self, text: &str) -> usize {
        self.automaton.find_iter(text).count()
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use graph_core::{EntityKind, Extractor};

    use super::*;

    #[test]
    fn compiles_the_spellings_the_matcher_compiles() {
        let toml = "[[entity]]\nid = \"boe\"\nname = \"BOE\"\naliases = [\"京東方\", \"Boe\"]\n\
                    [[entity]]\nid = \"beijing\"\nname = \"Beijing\"\naliases = [\"北京\"]\n";
        let dictionary = Dictionary::from_sources(&[(
            PathBuf::from("companies.toml"),
            EntityKind::Company,
            toml,
        )])
        .unwrap_or_else(|e| panic!("{e}"));
        let raw = RawScan::new(&dictionary).unwrap_or_else(|e| panic!("{e}"));
        // "BOE" and "Boe" fold to one key; the Traditional spelling folds to 京东方.
        assert_eq!(raw.pattern_count(), 4);
        assert_eq!(
            raw.pattern_count(),
            Extractor::new(dictionary).matcher().pattern_count()
        );
        // No boundary check: "boe" inside "oboe" counts, as the raw ceiling should.
        assert_eq!(raw.count("京东方 and boe in an oboe, 北京"), 4);
    }
}
