package graph_test

import (
	"os"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// testStore is the store the GraphQL tests run on: the embedded store, or
// with PARTNERGRAPH_TEST_STORE=neo4j the live Neo4j of neo4jtest (wiped).
// `make test` runs this package both ways.
func testStore(t *testing.T) partnergraph.Store {
	t.Helper()
	switch kind := os.Getenv("PARTNERGRAPH_TEST_STORE"); kind {
	case "", "memstore":
		return memstore.New()
	case "neo4j":
		return neo4jtest.Open(t)
	default:
		t.Fatalf("PARTNERGRAPH_TEST_STORE=%q: want memstore or neo4j", kind)
		return nil
	}
}
