# Partnergraph. `make run` starts the server on the bundled sample; `make test`
# runs every test. Both install what they need first: `make run` only the
# browser assets the server embeds (web/: GraphiQL, React, Cytoscape.js);
# `make test` also the test tools (web/test/: the browser driver, the
# GraphQL-over-HTTP audit, graphql-js, Neo4j's Cypher front end) and, as root,
# Debian's chromium, Java and Maven.

GO ?= go
NPM ?= npm
# The address: make run ADDR=0.0.0.0:9000, or PARTNERGRAPH_ADDR in the environment.
ADDR ?= $(if $(PARTNERGRAPH_ADDR),$(PARTNERGRAPH_ADDR),localhost:8080)

VENDOR := server/static/vendor
ASSETS := $(VENDOR)/graphiql/graphiql.min.js $(VENDOR)/graphiql/graphiql.min.css \
          $(VENDOR)/react/react.production.min.js $(VENDOR)/react-dom/react-dom.production.min.js \
          $(VENDOR)/cytoscape/cytoscape.min.js $(VENDOR)/layout-base/layout-base.js \
          $(VENDOR)/cose-base/cose-base.js $(VENDOR)/cytoscape-fcose/cytoscape-fcose.js

.PHONY: run test test-tools assets check generate fmt vet browser-test clean neo4j neo4j-stop run-neo4j

# The binary runs in the recipe's place (exec), so Ctrl-C and a kill of
# make's child reach the server itself.
run: assets
	$(GO) build -o bin/partnergraph ./server
	exec bin/partnergraph -addr $(ADDR)

test: assets test-tools
	./scripts/test.sh

test-tools: web/test/node_modules/.package-lock.json

# A local Neo4j Community 5.26 without Docker (Java 17 and Maven; data in
# .neo4j/, user neo4j, password NEO4J_PASSWORD or partnergraph).
neo4j:
	./scripts/neo4j start

neo4j-stop:
	./scripts/neo4j stop

# The API on that Neo4j, with the bundled sample written into it. Ctrl-C
# stops the server and the Neo4j this target started (one that was already
# running is left running).
run-neo4j: assets
	$(GO) build -o bin/partnergraph ./server
	@was_running=$$(./scripts/neo4j status >/dev/null 2>&1 && echo yes || true); \
	uri=$$(./scripts/neo4j start | tail -1) || exit 1; \
	if [ -z "$$was_running" ]; then trap './scripts/neo4j stop' EXIT; trap 'exit 130' INT TERM; else echo "run-neo4j: Neo4j was already running; it stays running (make neo4j-stop)"; fi; \
	NEO4J_URI=$$uri NEO4J_PASSWORD=$${NEO4J_PASSWORD:-partnergraph} bin/partnergraph -sample -addr $(ADDR)

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && $(NPM) ci --no-audit --no-fund
	touch $@

web/test/node_modules/.package-lock.json: web/test/package.json web/test/package-lock.json
	cd web/test && $(NPM) ci --no-audit --no-fund
	touch $@

assets: $(ASSETS)

$(ASSETS): web/node_modules/.package-lock.json scripts/vendor-assets.sh
	./scripts/vendor-assets.sh

generate:
	$(GO) generate ./...

fmt:
	gofmt -l -w .

vet:
	$(GO) vet ./...

browser-test: assets test-tools
	./scripts/browser-test.sh

clean:
	rm -rf $(VENDOR) web/node_modules web/test/node_modules bin
