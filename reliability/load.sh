#!/usr/bin/env bash
# Load test: 64 concurrent clients for 60 s on loopback, mixing the README queries with ingests.
# Prints wrk's figures, the requests that failed (non-200 or a GraphQL error) and the server's
# resident memory every 5 s. Stops by itself. Usage: bash reliability/load.sh [SECONDS] [CONNECTIONS]
# Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-60}"
connections="${2:-64}"
port=18765
data="$(mktemp -d)"
cargo build --release --quiet -p graph-api
RUST_LOG=warn ./target/release/kgraph serve --addr "127.0.0.1:$port" --data "$data" > "$data/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done

echo "rss_kib over time (every 5 s):"
( for _ in $(seq $((duration / 5 + 1))); do
    printf '  %s\n' "$(ps -o rss= -p $server)"; sleep 5
  done ) &
sampler=$!
wrk --threads 2 --connections "$connections" --duration "${duration}s" --timeout 10s \
    --latency --script reliability/mix.lua "http://127.0.0.1:$port/graphql"
wait $sampler || true
echo "documents after the run: $(curl -fs "http://127.0.0.1:$port/health")"
