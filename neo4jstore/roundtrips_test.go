package neo4jstore_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
	"github.com/partnergraph/partnergraph/storetest"
)

// TestRoundTripsPerLevel counts the queries sent to Neo4j for the nested
// three-level query and the network query, at 5 and at 50 a page.
//
// The network query takes one query to check the seeds, one per level of
// expansion (every kind of node in one union of index seeks) and one for
// the nodes: exactly depth+2, whatever the sizes. A project by its code
// with its promoter and partners is one query (ProjectByCodeWithOrganisations). The nested query
// takes one query a level: before a list of projects is marshalled, what
// its selection asks for is loaded level by level, each level's nodes in
// one query (graph/prefetch.go), the first time and whatever the batch
// window; the organisations' involvements are a query of their own, side by
// side with the organisations'.
func TestRoundTripsPerLevel(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	if err := s.Load(ctx, gentest.Graph(t, 400, 7)); err != nil {
		t.Fatal(err)
	}
	// The server's batch window: the walk does not use it.
	c := client.New(graph.NewHandler(s, graph.Options{}))
	var probe struct {
		Projects struct{ Nodes []struct{ Code string } }
	}
	c.MustPost(`{ projects(filter: {codeStartsWith: "LT"}, first: 1) { nodes { code } } }`, &probe)
	if len(probe.Projects.Nodes) == 0 {
		t.Fatal("no LT project in the generated corpus")
	}
	code := probe.Projects.Nodes[0].Code
	// The fewest queries of two runs: the store's reads are counted from
	// every goroutine, and a background job of the store (after a load, a
	// first read) can add one to a run; it can never take one away.
	count := func(q string) int64 {
		t.Helper()
		var out map[string]any
		best := int64(-1)
		for range 2 {
			before := s.Reads()
			if err := c.Post(q, &out); err != nil {
				t.Fatalf("%v\n%s", err, q)
			}
			if n := s.Reads() - before; best < 0 || n < best {
				best = n
			}
		}
		return best
	}
	for _, tc := range []struct {
		name   string
		query  func(n int) string
		levels int64 // queries: one a level that reads the store
	}{
		{"nested three levels", func(n int) string {
			return fmt.Sprintf(`{ projects(first: %d) { nodes { partners { organisation { projects(first: %d) { nodes { targetGroups { name } } } } } } } }`, n, n)
		}, 5}, // projects; organisations and their involvements; those projects; target groups
		{"network depth 2", func(n int) string {
			return fmt.Sprintf(`{ network(seeds: ["org:krus"], depth: 2, limit: %d) { truncated nodes { id kind label } edges { id source target kind } } }`, n*20)
		}, 4}, // the seeds; two levels of edges; the nodes
		{"project by code with its promoter and partners", func(n int) string {
			return fmt.Sprintf(`{ project(code: %q) { id title promoter { name } partners { role organisation { name } } } }`, code)
		}, 1}, // the project with its organisations, which the request then has
	} {
		small, large := count(tc.query(5)), count(tc.query(50))
		t.Logf("%s: %d queries at 5 a page, %d at 50 (%d levels read the store)", tc.name, small, large, tc.levels)
		if small != tc.levels || large != tc.levels {
			t.Errorf("%s: %d and %d queries, want %d", tc.name, small, large, tc.levels)
		}
	}
	// The projects of the third level, asked for their outline fields
	// only, are read as outlines (ProjectOutlines); asked for one more,
	// whole. Both answer the same.
	outline := `{ projects(first: 30) { nodes { partners { organisation { projects(first: 30) { nodes { id code title kind status country { code } targetGroups { name } } } } } } } }`
	whole := `{ projects(first: 30) { nodes { partners { organisation { projects(first: 30) { nodes { id code title kind status country { code } targetGroups { name } description } } } } } } }`
	var a, b map[string]any
	c.MustPost(outline, &a)
	c.MustPost(whole, &b)
	if !reflect.DeepEqual(a, storetest.WithoutKey(b, "description")) {
		t.Error("the outlines' answer differs from the whole records'")
	}
}
