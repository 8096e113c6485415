#!/usr/bin/env bash
# Every check of the project, in the order a reviewer would run them. `make
# test` and .ci/run call this (after `make assets`).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/*'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

step "go vet"
go vet ./...

step "go generate leaves no diff"
before=$(cat graph/generated.go graph/model/models_gen.go graph/schema.resolvers.go | sha256sum)
go generate ./...
after=$(cat graph/generated.go graph/model/models_gen.go graph/schema.resolvers.go | sha256sum)
if [ "$before" != "$after" ]; then
  git --no-pager diff --stat -- graph/ 2>/dev/null || true
  echo "go generate changed the generated code: run it and commit the result"; exit 1
fi

step "Cypher lint (Neo4j's own front end, every statement of neo4jstore)"
go run ./neo4jstore/cmd/cypherdump | node scripts/lint-cypher.mjs

step "go test"
if [ -z "${NEO4J_TEST_URI:-}" ]; then
  echo "NOTE: the Neo4j contract suite is skipped: NEO4J_TEST_URI is not set (see the README to run it against Neo4j 5)"
fi
go test -count=1 ./...

step "fuzzing (short; the seed corpora in testdata/fuzz run with every go test)"
FUZZTIME=${FUZZTIME:-8s}
go test ./ingest -run XXX -fuzz '^FuzzParse$' -fuzztime "$FUZZTIME"
go test ./ingest -run XXX -fuzz '^FuzzExtract$' -fuzztime "$FUZZTIME"
go test ./graph -run XXX -fuzz '^FuzzGraphQL$' -fuzztime "$FUZZTIME"

step "browser test (GraphiQL and the explorer in headless Chromium) and the GraphQL-over-HTTP audit"
./scripts/browser-test.sh
