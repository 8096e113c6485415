#!/usr/bin/env bash
# Copies GraphiQL's, React's and the explorer's (Cytoscape.js, fCoSE) browser builds from web/node_modules (npm ci)
# into server/static/vendor/, which the server embeds.
set -euo pipefail
cd "$(dirname "$0")/.."
nm=web/node_modules
out=server/static/vendor
for f in "$nm/graphiql/graphiql.min.js" "$nm/graphiql/graphiql.min.css" "$nm/react/umd/react.production.min.js" "$nm/react-dom/umd/react-dom.production.min.js" \
  "$nm/cytoscape/dist/cytoscape.min.js" "$nm/layout-base/layout-base.js" "$nm/cose-base/cose-base.js" "$nm/cytoscape-fcose/cytoscape-fcose.js"; do
  [ -f "$f" ] || { echo "vendor-assets: $f is missing: run npm ci in web/" >&2; exit 1; }
done
mkdir -p "$out/graphiql" "$out/react" "$out/react-dom" "$out/cytoscape" "$out/layout-base" "$out/cose-base" "$out/cytoscape-fcose"
cp "$nm/graphiql/graphiql.min.js" "$nm/graphiql/graphiql.min.css" "$out/graphiql/"
cp "$nm/react/umd/react.production.min.js" "$out/react/"
cp "$nm/react-dom/umd/react-dom.production.min.js" "$out/react-dom/"
# The explorer (/explore): Cytoscape.js and the fCoSE layout with its two
# helper packages, as their browser (UMD) builds.
cp "$nm/cytoscape/dist/cytoscape.min.js" "$out/cytoscape/"
cp "$nm/layout-base/layout-base.js" "$out/layout-base/"
cp "$nm/cose-base/cose-base.js" "$out/cose-base/"
cp "$nm/cytoscape-fcose/cytoscape-fcose.js" "$out/cytoscape-fcose/"
