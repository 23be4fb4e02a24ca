#!/usr/bin/env bash
# A dictionary edit on a running server: `kgraph serve` over a generated workload, then two
# `addAlias` decisions (one spelling the corpus holds, one it does not), a reload with nothing
# changed, and a reload after an edit beyond spellings (a place's parent), which extracts every
# document. Prints each wall time (curl's) and the server's count of extracted and kept
# documents. Usage: bench/dictionary-edit.sh WORKLOAD [PORT], WORKLOAD a `kgraph gen --out` dir
# (the spellings used are in every `kgraph gen --seed 1` workload from 10k entities on).
set -euo pipefail
cd "$(dirname "$0")/.."
W=$(cd "$1" && pwd)
PORT=${2:-18190}
cargo build --release -p graph-api
K=$PWD/target/release/kgraph
S=target/bench-logs/dictionary-edit-$(basename "$W")
rm -rf "$S" && mkdir -p "$S" && cp -r "$W/dictionaries" "$S/dictionaries"
t0=$(date +%s.%N)
RUST_LOG=info "$K" serve --addr "127.0.0.1:$PORT" --dictionaries "$S/dictionaries" \
  --corpus "$W/corpus" --data "$S/data" >"$S/out.log" 2>"$S/err.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.1; done
echo "start to /health: $(echo "$(date +%s.%N) - $t0" | bc) s"
q() {
  curl -s -o "$S/last.json" -w "%{time_total}" -H 'content-type: application/json' \
    -d "{\"query\":\"$1\"}" "http://127.0.0.1:$PORT/graphql"
}
echo "addAlias \"Chemical Drugs\" (in the corpus): $(q 'mutation { addAlias(entity: \"high-end-chemical-drugs\", alias: \"Chemical Drugs\") { entity { mentionCount } } }') s $(cat "$S/last.json")"
echo "addAlias \"Baishan Prefecture\": $(q 'mutation { addAlias(entity: \"baishan\", alias: \"Baishan Prefecture\") { entity { mentionCount } } }') s $(cat "$S/last.json")"
echo "reload, nothing changed: $(q 'mutation { reloadDictionaries { reloaded } }') s"
sed -i '/^id = "baishan"$/,/^parent = / s/^parent = "jilin"$/parent = "beijing"/' "$S/dictionaries/places.toml"
echo "reload, a parent changed: $(q 'mutation { reloadDictionaries { reloaded } }') s $(cat "$S/last.json")"
grep -o "extracted=[0-9]* kept=[0-9]*" "$S/err.log"
echo "server RSS now: $(($(ps -o rss= -p $pid) / 1024)) MB"
