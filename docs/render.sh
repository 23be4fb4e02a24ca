#!/usr/bin/env bash
# Renders the pictures in docs/ from the seed graph with Graphviz: `bash docs/render.sh`.
# Needs `dot` (apt-get install graphviz fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
kgraph() { RUST_LOG=warn ./target/release/kgraph "$@"; }

# The README's lead picture, readable at its width (about 800 px): the development zone and the
# twelve most central of what is located in it, part of it, or run by its people.
kgraph export --format dot --entity bda --depth 1 \
  --relation located_in --relation part_of --relation role --top 12 -o docs/bda.dot
# The future-health cluster: its sub-fields, its companies (curated and inferred), its policies.
kgraph export --format dot --cluster future-health -o docs/future-health.dot
# Kong Lei and everything he is related to.
kgraph export --format dot --entity kong-lei --depth 1 -o docs/kong-lei.dot

for f in bda future-health kong-lei; do
  dot -Tsvg "docs/$f.dot" -o "docs/$f.svg"
  rm "docs/$f.dot"
done
echo "rendered docs/bda.svg docs/future-health.svg docs/kong-lei.svg"
