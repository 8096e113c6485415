package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
	"github.com/partnergraph/partnergraph/storetest"
)

// TestContract runs the store contract against the live Neo4j that `make
// test` starts (neo4jtest). It wipes that database.
func TestContract(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	storetest.TestStore(t, func(t *testing.T) partnergraph.Store {
		if err := s.Wipe(ctx); err != nil {
			t.Fatal(err)
		}
		return s
	})
}
