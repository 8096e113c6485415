#!/usr/bin/env bash
# Copies GraphiQL's and React's browser builds from web/node_modules (npm ci)
# into server/static/vendor/, which the server embeds.
set -euo pipefail
cd "$(dirname "$0")/.."
nm=web/node_modules
out=server/static/vendor
for f in "$nm/graphiql/graphiql.min.js" "$nm/graphiql/graphiql.min.css" "$nm/react/umd/react.production.min.js" "$nm/react-dom/umd/react-dom.production.min.js"; do
  [ -f "$f" ] || { echo "vendor-assets: $f is missing: run npm ci in web/" >&2; exit 1; }
done
mkdir -p "$out/graphiql" "$out/react" "$out/react-dom"
cp "$nm/graphiql/graphiql.min.js" "$nm/graphiql/graphiql.min.css" "$out/graphiql/"
cp "$nm/react/umd/react.production.min.js" "$out/react/"
cp "$nm/react-dom/umd/react-dom.production.min.js" "$out/react-dom/"
