package neo4jstore_test

import (
	"context"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"strings"
	"testing"
	"time"

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

// Wrong credentials fail at once, with a message that says so.
func TestOpenWrongPasswordFailsAtOnce(t *testing.T) {
	cfg := neo4jtest.Require(t)
	cfg.Password = "not-the-password"
	cfg.ConnectTimeout = 30 * time.Second
	start := time.Now()
	_, err := neo4jstore.Open(context.Background(), cfg)
	if partnergraph.ErrorCode(err) != partnergraph.EINVALID || !strings.Contains(partnergraph.ErrorMessage(err), "NEO4J_PASSWORD") {
		t.Errorf("err = %v, want EINVALID naming NEO4J_PASSWORD", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s: wrong credentials were retried", d)
	}
}
