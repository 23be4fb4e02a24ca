#!/usr/bin/env bash
# Every figure of BENCHMARKS.md, in the order of its table. Generated workloads go to
# target/bench-workloads (never committed); outputs are printed and kept in target/bench-logs.
# Takes about 11 minutes on 2 cores (19 with KGRAPH_BENCH_FULL=1, which adds the 100 MB criterion
# runs and the 100 MB graph for resolvers and HTTP); run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p graph-api
K=target/release/kgraph
W=target/bench-workloads
L=target/bench-logs
mkdir -p "$W" "$L"

for e in 1000 10000 100000; do
  for mb in 10 100; do
    d="$W/$((e / 1000))k-${mb}mb"
    [ -d "$d/corpus" ] || "$K" gen --entities "$e" --size-mb "$mb" --seed 1 --out "$d"
  done
done

# Build time, extraction vs raw scan, peak RSS, and 1 vs 2 threads (same fingerprint = same graph).
for d in "$W"/1k-10mb "$W"/10k-10mb "$W"/100k-10mb "$W"/1k-100mb "$W"/10k-100mb "$W"/100k-100mb; do
  for t in 1 2; do
    echo "== $(basename "$d") --threads $t"
    /usr/bin/time -v "$K" build --dictionaries "$d/dictionaries" --corpus "$d/corpus" --stats --threads "$t" \
      2> "$L/$(basename "$d")-t$t.time" | sed -n '/^stats/,$p'
    grep -E "Maximum resident|Elapsed" "$L/$(basename "$d")-t$t.time"
  done
done | tee "$L/build-stats.txt"

# Criterion: extraction vs raw scan (and whole builds) at 10 MB; KGRAPH_BENCH_FULL=1 adds 100 MB.
cargo bench -p graph-api --bench extraction -- --warm-up-time 1 | tee "$L/criterion.txt"
# Server start on the seeds, resolver p50/p99 on the 100k-entity graph.
cargo bench -p graph-api --bench queries | tee "$L/queries.txt"
# HTTP: future-health query vs a trivial endpoint, wrk on loopback, 10 s each.
bench/http.sh | tee "$L/http.txt"

# The Python peer: the whole job with pyahocorasick (bench/peer, packages pinned in its
# requirements.txt, installed into target/bench-venv), beside `kgraph build`, on the 100k / 100 MB
# workload, each timed start to exit.
python3 -m venv target/bench-venv
target/bench-venv/bin/pip install -q -r bench/peer/requirements.txt
# `kgraph build` runs again here, without --stats (whose raw scan would add to its time), so that
# the two are measured side by side in one run.
d="$W/100k-100mb"
for run in 1 2; do
  echo "== run $run"
  /usr/bin/time -f "kgraph build: %e s wall, %M KB peak RSS" \
    "$K" build --dictionaries "$d/dictionaries" --corpus "$d/corpus" > "$L/peer-kgraph.txt"
  head -1 "$L/peer-kgraph.txt"
  /usr/bin/time -f "pyahocorasick peer: %e s wall, %M KB peak RSS" \
    target/bench-venv/bin/python bench/peer/pyahocorasick_peer.py \
    --dictionaries "$d/dictionaries" --corpus "$d/corpus"
done 2>&1 | tee "$L/peer.txt"

# Review decisions and reloads on a running server (BENCHMARKS.md, "A dictionary edit").
for w in 10k-10mb 100k-100mb; do
  bench/dictionary-edit.sh "$W/$w" 2>&1 | tee "$L/dictionary-edit-$w.txt"
done
