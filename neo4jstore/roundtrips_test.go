package neo4jstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// TestRoundTripsPerLevel counts the queries sent to Neo4j for the nested
// three-level query and the network query, at 5 and at 50 a page.
//
// The network query takes one query to check the seeds, one per level of
// expansion (every kind of node in one union of index seeks) and one for
// the nodes: exactly depth+2, whatever the sizes. A project by its code
// with its promoter and partners is one query (ProjectByCodeWithOrganisations). The nested query's
// fields gather their keys in dataloaders with a 2 ms window (as the
// server on Neo4j), so one level's objects can straddle two windows: it
// takes one to two queries per level that reads the store, never one per
// object (which would be hundreds here). The test uses a 50 ms window, so
// that a busy machine does not split levels.
func TestRoundTripsPerLevel(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	if err := s.Load(ctx, gentest.Graph(t, 400, 7)); err != nil {
		t.Fatal(err)
	}
	// A wide batch window: the count must not depend on how busy the machine
	// is (the server's 2 ms window can split a level under load).
	c := client.New(graph.NewHandler(s, graph.Options{BatchWait: 50 * time.Millisecond}))
	var probe struct {
		Projects struct{ Nodes []struct{ Code string } }
	}
	c.MustPost(`{ projects(filter: {codeStartsWith: "LT"}, first: 1) { nodes { code } } }`, &probe)
	if len(probe.Projects.Nodes) == 0 {
		t.Fatal("no LT project in the generated corpus")
	}
	code := probe.Projects.Nodes[0].Code
	count := func(q string) int64 {
		t.Helper()
		var out map[string]any
		if err := c.Post(q, &out); err != nil { // warm-up: a first run may split a batch
			t.Fatalf("%v\n%s", err, q)
		}
		before := s.Reads()
		if err := c.Post(q, &out); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
		return s.Reads() - before
	}
	for _, tc := range []struct {
		name   string
		query  func(n int) string
		levels int64 // levels that read the store
		exact  bool  // exactly one query a level
	}{
		{"nested three levels", func(n int) string {
			return fmt.Sprintf(`{ projects(first: %d) { nodes { partners { organisation { projects(first: %d) { nodes { targetGroups { name } } } } } } } }`, n, n)
		}, 5, false}, // projects; organisations; their involvements; those projects; target groups
		{"network depth 2", func(n int) string {
			return fmt.Sprintf(`{ network(seeds: ["org:krus"], depth: 2, limit: %d) { truncated nodes { id kind label } edges { id source target kind } } }`, n*20)
		}, 4, true}, // the seeds; two levels of edges; the nodes
		{"project by code with its promoter and partners", func(n int) string {
			return fmt.Sprintf(`{ project(code: %q) { id title promoter { name } partners { role organisation { name } } } }`, code)
		}, 1, true}, // the project with its organisations, which the loader then has
	} {
		small, large := count(tc.query(5)), count(tc.query(50))
		t.Logf("%s: %d queries at 5 a page, %d at 50 (%d levels read the store)", tc.name, small, large, tc.levels)
		switch {
		case tc.exact && (small != tc.levels || large != tc.levels):
			t.Errorf("%s: %d and %d queries, want %d", tc.name, small, large, tc.levels)
		case !tc.exact && (small > 2*tc.levels || large > 2*tc.levels || small < tc.levels || large < tc.levels):
			t.Errorf("%s: %d and %d queries, want between %d and %d", tc.name, small, large, tc.levels, 2*tc.levels)
		}
	}
}
