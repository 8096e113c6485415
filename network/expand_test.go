package network_test

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/network"
)

// expandReadingEveryEdge is the expansion as it was before it read only the
// edges between kept nodes once its limit was reached: the reference its
// answers must equal.
func expandReadingEveryEdge(ctx context.Context, store partnergraph.Store, seeds []string, depth int, follow map[partnergraph.EdgeKind]bool, limit int) (*network.Subgraph, error) {
	sg := &network.Subgraph{}
	visited := map[string]bool{}
	var frontier []string
	for _, s := range seeds {
		if !visited[s] {
			visited[s] = true
			sg.NodeIDs = append(sg.NodeIDs, s)
			frontier = append(frontier, s)
		}
	}
	seen := map[string]bool{}
	for level := 0; level < depth && len(frontier) > 0; level++ {
		sort.Strings(frontier)
		adj, err := store.Edges(ctx, frontier)
		if err != nil {
			return nil, err
		}
		var next []string
		for i, id := range frontier {
			for _, e := range adj[i] {
				if !follow[e.Kind] {
					continue
				}
				o := e.Other(id)
				if !visited[o] {
					if len(sg.NodeIDs) >= limit {
						sg.Truncated = true
						continue
					}
					visited[o] = true
					sg.NodeIDs = append(sg.NodeIDs, o)
					if k := partnergraph.KindOfID(o); k != partnergraph.KindCountry && k != partnergraph.KindFunder {
						next = append(next, o)
					}
				}
				if !seen[e.ID()] {
					seen[e.ID()] = true
					sg.Edges = append(sg.Edges, e)
				}
			}
		}
		frontier = next
	}
	partnergraph.SortEdges(sg.Edges)
	return sg, nil
}

// edgesOnly hides a store's EdgesAmong: ExpandWith then filters Edges.
type edgesOnly struct{ partnergraph.Store }

// TestExpandEqualsReadingEveryEdge: around hubs and small organisations,
// at every depth and at limits that cut and that do not, the expansion gives
// what reading every edge gives, through the store's EdgesAmong and without.
func TestExpandEqualsReadingEveryEdge(t *testing.T) {
	ctx := context.Background()
	store, ids := pathCases(t, 1500)
	follow := map[partnergraph.EdgeKind]bool{}
	for _, k := range network.DefaultExpandKinds {
		follow[k] = true
	}
	truncated := 0
	for _, seed := range ids {
		for _, depth := range []int{1, 2, 3} {
			for _, limit := range []int{1, 5, 50, 300, 5000} {
				want, err := expandReadingEveryEdge(ctx, store, []string{seed}, depth, follow, limit)
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range []partnergraph.Store{store, edgesOnly{store}} {
					got, err := network.ExpandWith(ctx, s, []string{seed}, network.ExpandOptions{Depth: depth, Limit: limit})
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s depth %d limit %d (%T): got %d nodes %d edges %v, want %d nodes %d edges %v", seed, depth, limit, s,
							len(got.NodeIDs), len(got.Edges), got.Truncated, len(want.NodeIDs), len(want.Edges), want.Truncated)
					}
				}
				if want.Truncated && depth > 1 {
					truncated++
				}
			}
		}
	}
	if truncated < 10 {
		t.Errorf("only %d cases were cut before their last level", truncated)
	}
}
