#!/usr/bin/env bash
# Peer benchmark: Partnergraph beside PostGraphile 5 (Node 22) over
# PostgreSQL 15 holding the same data, exported through Partnergraph's API.
# Installs what it needs: wrk and PostgreSQL from Debian (as root), Node 22
# and PostGraphile from npm (bench/peers/package-lock.json). Starts a
# PostgreSQL of its own (temporary directory, free port) and stops it on
# exit; JIT compilation is off in it (it cost the nested query hundreds of
# milliseconds a request: the peer is measured as it would be tuned for
# short queries). Writes its report to bench/peers/RESULTS.md and puts it
# in bench/RESULTS.md in place of an earlier one (bench/load.sh, which
# rewrites RESULTS.md, appends it too).
#
#   bench/peers.sh                         # 10k sheets, 10 s a query, 2 rounds
#   SIZES="10000 100000" bench/peers.sh
#   DURATION=5s ROUNDS=1 SIZES=2000 bench/peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-10000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-2}
OUT=${OUT:-bench/peers/RESULTS.md}

need_apt() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "peers.sh: $* missing: sudo apt-get install $*" >&2; exit 1
  fi
}
command -v wrk >/dev/null 2>&1 || need_apt wrk
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || ! command -v psql >/dev/null 2>&1; then
  need_apt postgresql
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
if [ ! -x bench/peers/node_modules/node/bin/node ] || [ ! -f bench/peers/node_modules/postgraphile/package.json ]; then
  (cd bench/peers && npm ci --no-audit --no-fund)
fi
bench/peers/node_modules/node/bin/node --version >/dev/null

# A PostgreSQL of our own. initdb refuses to run as root: as root, the
# cluster runs as Debian's postgres user.
PGDATA=$(mktemp -d)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"' EXIT
as_pg "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=200 -c jit=off" start >/dev/null
PGURI="postgres://postgres@127.0.0.1:$PGPORT/bench"
psql -q -d "postgres://postgres@127.0.0.1:$PGPORT/postgres" -c "CREATE DATABASE bench"
PGPID=$(head -1 "$PGDATA/postmaster.pid")

mkdir -p tmp
make assets >/dev/null
go build -o tmp/partnergraph ./server
{
  echo "## Partnergraph beside PostGraphile ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
  echo
  echo "Made by \`bench/peers.sh\`: the same generated corpus exported through Partnergraph's public API into PostgreSQL (bench/peers/schema.sql: an index under every foreign key and under the filtered page's condition), served by PostGraphile 5 with its amber preset; each pair of queries is checked to give the same leaf values with answer sizes within 25% before it is measured."
  echo
} > "$OUT"
for n in $SIZES; do
  corpus=tmp/corpus-$n
  if [ ! -d "$corpus" ] || [ "$(ls "$corpus" | wc -l)" != "$n" ]; then
    rm -rf "$corpus"
    tmp/partnergraph gen -projects "$n" -seed 1 -out "$corpus"
  fi
  go run ./bench/peers -corpus "$corpus" -pg "$PGURI" -pg-pid "$PGPID" -duration "$DURATION" -rounds "$ROUNDS" -out "$OUT"
done
# bench/RESULTS.md: the peer section replaced by this run's.
if [ "$OUT" = bench/peers/RESULTS.md ] && [ -f bench/RESULTS.md ]; then
  awk '/^## Partnergraph beside PostGraphile/ {skip=1; next} skip && /^## / {skip=0} !skip' bench/RESULTS.md > bench/RESULTS.md.new
  { cat bench/RESULTS.md.new; echo; cat "$OUT"; } > bench/RESULTS.md
  rm bench/RESULTS.md.new
fi
echo "peers.sh: wrote $OUT and bench/RESULTS.md"
