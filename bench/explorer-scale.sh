#!/usr/bin/env bash
# Measures the explorer with a few thousand nodes: generates 3,000 sheets,
# starts the server on them, and runs bench/explorer-scale.mjs in headless
# Chromium (depth 3 around KRUS: about 3,600 nodes and 21,000 edges).
# A measurement, not a test: it prints numbers. Needs `make assets` and
# Debian's chromium (scripts/browser-test.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
out=tmp/explorer-scale
mkdir -p "$out"
go build -o "$out/partnergraph" ./server
[ -d "$out/sheets" ] || "$out/partnergraph" gen -projects 3000 -seed 1 -out "$out/sheets"
. scripts/serve.sh
serve "$out/server.log" "$out/partnergraph" -docs "$out/sheets"
for depth in ${DEPTHS:-2 3}; do
  node bench/explorer-scale.mjs "$url" "$out/depth$depth.png" "$depth"
done
