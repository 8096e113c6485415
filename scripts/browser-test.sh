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
serve tmp/browser-test-server.log tmp/partnergraph

node scripts/browser-test.mjs "$url" tmp/screenshots
# The same server, through the GraphQL-over-HTTP audit suite.
node scripts/audit.mjs "${url}graphql"
