#!/usr/bin/env bash
# Open data at programme scale: generates an Erasmus+ project list of
# $ROWS projects (server gen -erasmus-csv), imports it into a fresh data
# directory (rows a second, peak RSS), then serves that directory and drives
# every query of bench/load.sh on it (bench/loadtest -data). Replaces the
# section between the import markers of bench/RESULTS.md (load.sh runs it
# too). With NEO4J=1 it also imports a list of $NEO4J_ROWS projects (30,000
# by default) into a fresh Neo4j.
#
#   bench/import.sh                      # 300,000 projects, 10 s a query
#   ROWS=30000 DURATION=5s bench/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-300000}
DURATION=${DURATION:-10s}
mkdir -p tmp
go build -o tmp/partnergraph ./server
csv=tmp/erasmus-$ROWS.csv
[ -f "$csv" ] || tmp/partnergraph gen -projects "$ROWS" -seed 1 -erasmus-csv "$csv"
data=tmp/import-data-$ROWS
rm -rf "$data"
section=$(mktemp)
log=tmp/import-$ROWS.log
/usr/bin/time -f '%e %M' -o tmp/import-time.txt tmp/partnergraph import -data "$data" "$csv" >"$log" 2>&1
read -r wall rss_kib <tmp/import-time.txt
summary=$(grep '^imported ' "$log")
{
  echo "## Open data at programme scale (issue 26; $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
  echo
  echo "\`server import -data DIR\` of a generated Erasmus+ list of $ROWS projects (1-20 partners each, $(du -m "$csv" | cut -f1) MB of CSV) into a fresh data directory with the bundled sample: $summary; ${wall} s wall with the snapshot, peak RSS $((rss_kib / 1024)) MiB."
  echo "Target: 20,000 rows a second into the embedded store: $(awk -v r="$ROWS" -v w="$wall" 'BEGIN { printf "%.0f rows a second, %s", r / w, (r / w >= 20000 ? "met" : "missed") }')."
  echo
} >"$section"
if [ "${NEO4J:-}" = 1 ]; then
  NEO4J_HOME_DIR=$(mktemp -d) NEO4J_PORT=0 NEO4J_HEAP=${NEO4J_HEAP:-2g} NEO4J_PAGECACHE_MB=${NEO4J_PAGECACHE_MB:-1024}
  export NEO4J_HOME_DIR NEO4J_PORT NEO4J_HEAP NEO4J_PAGECACHE_MB NEO4J_PASSWORD=${NEO4J_PASSWORD:-partnergraph}
  trap './scripts/neo4j stop; rm -rf "$NEO4J_HOME_DIR"' EXIT
  uri=$(./scripts/neo4j start | tail -1)
  nrows=${NEO4J_ROWS:-30000}
  ncsv=tmp/erasmus-$nrows.csv
  [ -f "$ncsv" ] || tmp/partnergraph gen -projects "$nrows" -seed 1 -erasmus-csv "$ncsv"
  /usr/bin/time -f '%e %M' -o tmp/import-time.txt env NEO4J_URI="$uri" tmp/partnergraph import "$ncsv" >"$log.neo4j" 2>&1
  read -r nwall _ <tmp/import-time.txt
  nsummary=$(grep '^imported ' "$log.neo4j")
  {
    echo "A list of $nrows projects into a fresh Neo4j 5.26 (\`NEO4J_URI=... server import\`): $nsummary; ${nwall} s wall with the network metrics written."
    echo "Target: 5,000 rows a second into Neo4j: $(awk -v r="$nrows" -v w="$nwall" 'BEGIN { printf "%.0f rows a second, %s", r / w, (r / w >= 5000 ? "met" : "missed") }')."
    echo
  } >>"$section"
  ./scripts/neo4j stop
  rm -rf "$NEO4J_HOME_DIR"
  trap - EXIT
fi
go run ./bench/loadtest -server tmp/partnergraph -data "$data" -duration "$DURATION" -out "$section" >/dev/null
out=bench/RESULTS.md
touch "$out"
python3 - "$out" "$section" <<'PY'
import sys
out, section = sys.argv[1], open(sys.argv[2]).read()
text = open(out).read()
begin, end = "<!-- import -->\n", "<!-- /import -->\n"
block = begin + section.rstrip("\n") + "\n" + end
if begin in text and end in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + block
open(out, "w").write(text)
PY
rm -f "$section"
echo "import.sh: wrote the import section of $out"
