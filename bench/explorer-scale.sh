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
log="$out/server.log"
"$out/partnergraph" -addr 127.0.0.1:0 -docs "$out/sheets" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 300); do
  url=$(sed -n "s/.*msg=serving url=\(http[^ ]*\).*/\1/p" "$log" | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$log" >&2; exit 1; }
for depth in ${DEPTHS:-2 3}; do
  node bench/explorer-scale.mjs "$url" "$out/depth$depth.png" "$depth"
done
