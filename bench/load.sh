#!/usr/bin/env bash
# Load test: generates corpora (10k and 100k sheets by default), starts the
# server on each, drives the canonical queries with wrk, then the same with
# one writer beside the readers (bench/writeload), and writes
# bench/RESULTS.md. Installs wrk from Debian when it is missing (as root).
#
#   bench/load.sh                 # 10k and 100k, 10 s a query
#   SIZES="10000" DURATION=5s bench/load.sh
#   MEMLIMIT=1300MiB bench/load.sh  # and the largest size again with GOMEMLIMIT
#   NEO4J_SIZES="10000 100000" bench/load.sh  # the sizes also run on Neo4j (10000 by default; "" for none)
#   IMPORT=1 bench/load.sh          # and bench/import.sh: 300,000 imported Erasmus+ projects (else its last section is kept)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
NEO4J_SIZES=${NEO4J_SIZES-10000}
DURATION=${DURATION:-10s}
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "load.sh: wrk is missing: sudo apt-get install wrk" >&2; exit 1
  fi
fi
make assets >/dev/null
mkdir -p tmp
go build -o tmp/partnergraph ./server
out=bench/RESULTS.md
# The open-data section bench/import.sh wrote, kept unless it runs again.
import_block=$(sed -n '/^<!-- import -->$/,/^<!-- \/import -->$/p' "$out" 2>/dev/null || true)
{
  echo "# Benchmark results"
  echo
  echo "Made by \`bench/load.sh\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(go version | cut -d' ' -f3)."
  echo "Every query answers without error; each is a fixed GraphQL POST body over keep-alive connections."
  echo
} > "$out"
for n in $SIZES; do
  corpus=tmp/corpus-$n
  if [ ! -d "$corpus" ] || [ "$(ls "$corpus" | wc -l)" != "$n" ]; then
    rm -rf "$corpus"
    tmp/partnergraph gen -projects "$n" -seed 1 -out "$corpus"
  fi
  neo4j=()
  if [[ " $NEO4J_SIZES " == *" $n "* ]]; then
    # A fresh Neo4j of its own for each size: scripts/neo4j in a temporary directory.
    NEO4J_HOME_DIR=$(mktemp -d) NEO4J_PORT=0 NEO4J_HEAP=${NEO4J_HEAP:-2g} NEO4J_PAGECACHE_MB=${NEO4J_PAGECACHE_MB:-1024}
    export NEO4J_HOME_DIR NEO4J_PORT NEO4J_HEAP NEO4J_PAGECACHE_MB NEO4J_PASSWORD=${NEO4J_PASSWORD:-partnergraph}
    trap './scripts/neo4j stop; rm -rf "$NEO4J_HOME_DIR"' EXIT
    neo4j=(-neo4j "$(./scripts/neo4j start | tail -1)" -neo4j-pid "$(cat "$NEO4J_HOME_DIR/neo4j.pid")")
  fi
  go run ./bench/loadtest -server tmp/partnergraph -corpus "$corpus" -duration "$DURATION" -out "$out" "${neo4j[@]}"
  # Writes under load: one writer through the API beside the wrk readers.
  go run ./bench/writeload -server tmp/partnergraph -corpus "$corpus" -duration "$DURATION" -out "$out"
  if [ ${#neo4j[@]} -gt 0 ]; then ./scripts/neo4j stop; rm -rf "$NEO4J_HOME_DIR"; trap - EXIT; fi
done
if [ -n "${MEMLIMIT:-}" ]; then
  n=${SIZES##* }
  GOMEMLIMIT=$MEMLIMIT go run ./bench/loadtest -server tmp/partnergraph -corpus "tmp/corpus-$n" -duration "$DURATION" -out "$out"
fi
if [ -n "$import_block" ]; then printf '\n%s\n' "$import_block" >> "$out"; fi
if [ "${IMPORT:-}" = 1 ]; then DURATION=$DURATION bench/import.sh; fi
cat bench/notes.md >> "$out"
# The last peer benchmark (bench/peers.sh), beside these numbers.
if [ -f bench/peers/RESULTS.md ]; then
  { echo; cat bench/peers/RESULTS.md; } >> "$out"
fi
echo "load.sh: wrote $out"
