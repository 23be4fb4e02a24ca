#!/usr/bin/env bash
# Rebuilds the explorer's committed assets (graph-api/assets/explorer/) from its sources.
# The build is deterministic: the same sources and package-lock.json give the same bytes, which
# CI checks with `git diff --exit-code` after running this script.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build
