#!/usr/bin/env bash
# HTTP throughput on loopback: the README's future-health query beside a trivial axum endpoint,
# served by the same process in the same run (graph-api/benches/http.rs). Bounded in time: each
# load lasts KGRAPH_BENCH_HTTP_SECONDS (default 10). Needs wrk: apt-get install -y wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench/http.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
exec cargo bench -p graph-api --bench http
