#!/usr/bin/env bash
# Writes words.txt, the segmenter's dictionary: the words of the dictionary bundled with the
# jieba-rs crate the workspace locks (Cargo.lock), those of frequency 10 or more, in the
# bundled file's order and format ("word frequency tag").
#
# Why not the whole bundled dictionary: building the segmenter from its 349,045 words takes
# about 150 ms, longer than the rest of a seed build; its 105,157 words of frequency 10 or more
# take about 25 ms, and discovery proposes the same candidates but one in two hundred on real
# articles (BENCHMARKS.md, "The segmenter's dictionary").
#
# Usage: graph-core/segmenter/generate.sh [OUT]   (OUT defaults to words.txt beside this script)
# Re-running it with the same Cargo.lock gives the same file, byte for byte.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/words.txt}"
min_frequency=10

manifest="$(cargo metadata --format-version 1 --manifest-path "$here/../../Cargo.toml" --locked \
  --filter-platform "$(rustc -vV | sed -n "s/^host: //p")" \
  | python3 -c '
import json, sys
meta = json.load(sys.stdin)
found = [p for p in meta["packages"] if p["name"] == "jieba-rs"]
if len(found) != 1:
    sys.exit("expected one jieba-rs package in the workspace, found %d" % len(found))
print(found[0]["manifest_path"])
')"
source="$(dirname "$manifest")/src/data/dict.txt"
if [[ ! -f "$source" ]]; then
  echo "jieba-rs has no bundled dictionary at $source" >&2
  exit 1
fi
LC_ALL=C awk -v min="$min_frequency" 'NF >= 2 && $2 + 0 >= min' "$source" > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out: $(wc -l < "$out") words of $(wc -l < "$source") in $source" >&2
