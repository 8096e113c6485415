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
log=tmp/browser-test-server.log
tmp/partnergraph -addr 127.0.0.1:0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 100); do
  url=$(sed -n "s/.*msg=serving url=\(http[^ ]*\).*/\1/p" "$log" | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "browser-test: the server did not start:" >&2
  cat "$log" >&2
  exit 1
fi

node scripts/browser-test.mjs "$url" tmp/screenshots
# The same server, through the GraphQL-over-HTTP audit suite.
node scripts/audit.mjs "${url}graphql"
