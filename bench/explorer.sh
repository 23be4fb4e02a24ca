#!/usr/bin/env bash
# The explorer's drawing speed: how long an ego network of 200 nodes takes to lay out and become
# clickable in headless Chromium (graph-api/explorer/scripts/bench.mjs). Serves a generated
# workload (target/bench-workloads, never committed) with the release binary on 127.0.0.1 and
# stops it afterwards. Needs node, `npm ci` in graph-api/explorer and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p graph-api
K=target/release/kgraph
W=target/bench-workloads/explorer-2k-5mb
[ -d "$W/corpus" ] || "$K" gen --entities 2000 --size-mb 5 --seed 1 --out "$W"
data=$(mktemp -d)
log="$data/serve.log"
"$K" serve --addr 127.0.0.1:0 --data "$data" --dictionaries "$W/dictionaries" --corpus "$W/corpus" > "$log" 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 600); do grep -q 'http://' "$log" && break; sleep 0.2; done
url=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
node graph-api/explorer/scripts/bench.mjs "$url" "${KGRAPH_BENCH_NODES:-200}" "${KGRAPH_BENCH_RUNS:-7}"
