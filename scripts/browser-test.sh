#!/usr/bin/env bash
# Starts the server on the sample and runs scripts/browser-test.mjs against
# it: GraphiQL at / and the explorer at /explore in headless Chromium, no
# request may leave the server, no console error may appear; screenshots go
# to tmp/screenshots/. Then
# the GraphQL-over-HTTP audit (scripts/audit.mjs) against the same server.
# Installs Debian's chromium if it is missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "browser-test: installing Debian's chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "browser-test: chromium is missing; install it with: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

mkdir -p tmp/screenshots
go build -o tmp/partnergraph ./server
. scripts/serve.sh
# The first server takes writes (reads stay open): the explorer's live
# updates are tried with writes made beside it.
write_key=browser-test-write-key-0123456789
PARTNERGRAPH_API_KEYS=$write_key serve tmp/browser-test-server.log tmp/partnergraph

# A second server whose reads need a key, for the explorer's key field.
first_url=$url first_server=$server
key=browser-test-key-0123456789
PARTNERGRAPH_API_KEYS=$key serve tmp/browser-test-keyed.log tmp/partnergraph -reads-need-key
key_url=$url key_server=$server
# A third server on the sample with the sample exports imported, for the
# explorer's source filter.
rm -rf tmp/browser-test-data
tmp/partnergraph import -data tmp/browser-test-data sample/exports/*.xlsx sample/exports/*.csv sample/exports/*.json >tmp/browser-test-import.log 2>&1 ||
  { cat tmp/browser-test-import.log >&2; exit 1; }
serve tmp/browser-test-imported.log tmp/partnergraph -data tmp/browser-test-data
trap 'kill $first_server $key_server $server 2>/dev/null || true' EXIT
PARTNERGRAPH_PYTHON=$(scripts/pydeps.sh) WRITE_KEY=$write_key KEY_URL=$key_url KEY=$key SOURCES_URL=$url node scripts/browser-test.mjs "$first_url" tmp/screenshots
url=$first_url
# The same server, through the GraphQL-over-HTTP audit suite.
node scripts/audit.mjs "${url}graphql"
# graphql-js's standard introspection query at the default limits.
node scripts/introspection.mjs "${url}graphql"
