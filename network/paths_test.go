package network_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/network"
)

// oneSidedPaths is the plain breadth-first search from the start that the
// bidirectional search replaced: the reference its answers must equal.
func oneSidedPaths(ctx context.Context, store partnergraph.Store, from, to string, maxHops, first int, follow map[partnergraph.EdgeKind]bool) ([]network.Path, error) {
	if from == to {
		return []network.Path{{NodeIDs: []string{from}}}, nil
	}
	dist := map[string]int{from: 0}
	parents := map[string][]partnergraph.Edge{}
	frontier := []string{from}
	found := false
	for level := 1; level <= maxHops && len(frontier) > 0 && !found; level++ {
		adj, err := store.Edges(ctx, frontier)
		if err != nil {
			return nil, err
		}
		var next []string
		for i, id := range frontier {
			for _, e := range adj[i] {
				if !follow[e.Kind] || e.Role == partnergraph.RoleMentioned {
					continue
				}
				o := e.Other(id)
				d, ok := dist[o]
				if !ok {
					dist[o] = level
					next = append(next, o)
					d = level
				}
				if d == level {
					parents[o] = append(parents[o], e)
				}
				found = found || o == to
			}
		}
		frontier = next
	}
	paths := []network.Path{}
	if !found {
		return paths, nil
	}
	var walk func(id string, nodes []string, edges []partnergraph.Edge)
	walk = func(id string, nodes []string, edges []partnergraph.Edge) {
		if len(paths) >= first {
			return
		}
		if id == from {
			p := network.Path{}
			for i := len(nodes) - 1; i >= 0; i-- {
				p.NodeIDs = append(p.NodeIDs, nodes[i])
			}
			for i := len(edges) - 1; i >= 0; i-- {
				p.Edges = append(p.Edges, edges[i])
			}
			paths = append(paths, p)
			return
		}
		ps := append([]partnergraph.Edge(nil), parents[id]...)
		sort.Slice(ps, func(i, j int) bool {
			oi, oj := ps[i].Other(id), ps[j].Other(id)
			if oi != oj {
				return oi < oj
			}
			return ps[i].ID() < ps[j].ID()
		})
		for _, e := range ps {
			prev := e.Other(id)
			if dist[prev] != dist[id]-1 {
				continue
			}
			walk(prev, append(nodes, prev), append(edges, e))
		}
	}
	walk(to, []string{to}, nil)
	return paths, nil
}

// countingStore counts the nodes whose edges a search asks for.
type countingStore struct {
	partnergraph.Store
	asked int
}

func (s *countingStore) Edges(ctx context.Context, ids []string) ([][]partnergraph.Edge, error) {
	s.asked += len(ids)
	return s.Store.Edges(ctx, ids)
}

// pathCases are pairs of nodes of a generated graph: organisations of every
// degree (hubs, middling, single-project ones), a project and a target
// group, with the hop limits and edge kinds to search with.
func pathCases(t testing.TB, n int) (*memstore.Store, []string) {
	g := gentest.Graph(t, n, 7)
	store := memstore.New()
	if err := store.Load(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	degree := map[string]int{}
	for _, p := range g.Projects {
		degree[p.PromoterID]++
		for _, pt := range p.Partners {
			degree[pt.OrganisationID]++
		}
	}
	var orgs []string
	for _, o := range g.Organisations {
		orgs = append(orgs, o.ID)
	}
	sort.Slice(orgs, func(i, j int) bool {
		if degree[orgs[i]] != degree[orgs[j]] {
			return degree[orgs[i]] > degree[orgs[j]]
		}
		return orgs[i] < orgs[j]
	})
	ids := []string{}
	for _, rank := range []int{0, 1, 5, 20, len(orgs) / 3, len(orgs) / 2, len(orgs) - 40, len(orgs) - 1} {
		ids = append(ids, orgs[rank])
	}
	ids = append(ids, g.Projects[len(g.Projects)/3].ID, g.TargetGroups[0].ID)
	return store, ids
}

func TestShortestPathsEqualOneSidedSearch(t *testing.T) {
	ctx := context.Background()
	store, ids := pathCases(t, 1500)
	compared, nonEmpty := 0, 0
	for _, kinds := range [][]partnergraph.EdgeKind{nil, {partnergraph.EdgePartner, partnergraph.EdgePromoter, partnergraph.EdgeTargets}} {
		follow := map[partnergraph.EdgeKind]bool{}
		for _, k := range kinds {
			follow[k] = true
		}
		if len(kinds) == 0 {
			for _, k := range network.DefaultPathKinds {
				follow[k] = true
			}
		}
		for _, from := range ids {
			for _, to := range ids {
				for _, hops := range []int{1, 2, 3, 4, 6} {
					for _, first := range []int{1, 3, 20} {
						name := fmt.Sprintf("%v %s-%s hops %d first %d", kinds, from, to, hops, first)
						want, err := oneSidedPaths(ctx, store, from, to, hops, first, follow)
						if err != nil {
							t.Fatal(err)
						}
						got, err := network.ShortestPaths(ctx, store, from, to, hops, first, kinds)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("%s:\n got %v\nwant %v", name, got, want)
						}
						compared++
						if len(got) > 0 && len(got[0].Edges) >= 3 {
							nonEmpty++
						}
					}
				}
			}
		}
	}
	// The cases must include paths through intermediaries, not only
	// neighbours and disconnected pairs.
	if nonEmpty < compared/6 {
		t.Fatalf("only %d of %d cases have a path of 3 edges or more", nonEmpty, compared)
	}
}

// TestShortestPathsAsksForFewerNodes: between two organisations far apart,
// the bidirectional search asks the store for the edges of fewer nodes than
// a search from one end.
func TestShortestPathsAsksForFewerNodes(t *testing.T) {
	ctx := context.Background()
	store, ids := pathCases(t, 1500)
	from, to := ids[len(ids)-4], ids[len(ids)-3] // two organisations of few projects
	one := &countingStore{Store: store}
	want, err := oneSidedPaths(ctx, one, from, to, 6, 3, map[partnergraph.EdgeKind]bool{partnergraph.EdgePartner: true, partnergraph.EdgePromoter: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || len(want[0].Edges) < 4 {
		t.Fatalf("the pair %s-%s should be at least 4 edges apart: %v", from, to, want)
	}
	two := &countingStore{Store: store}
	if _, err := network.ShortestPaths(ctx, two, from, to, 6, 3, nil); err != nil {
		t.Fatal(err)
	}
	if two.asked*2 > one.asked {
		t.Errorf("the bidirectional search asked for the edges of %d nodes, the one-sided %d", two.asked, one.asked)
	}
	t.Logf("edges of %d nodes asked, against %d from one end (path of %d edges)", two.asked, one.asked, len(want[0].Edges))
}

// BenchmarkShortestPaths: paths between organisations of a generated graph
// of 10,000 sheets, by the bidirectional search and by the one-sided one.
func BenchmarkShortestPaths(b *testing.B) {
	ctx := context.Background()
	store, ids := pathCases(b, 10000)
	follow := map[partnergraph.EdgeKind]bool{partnergraph.EdgePartner: true, partnergraph.EdgePromoter: true}
	// ids[1] and ids[3] are hubs, ids[5] the median organisation, ids[6]
	// and ids[7] organisations of few projects.
	for _, pair := range [][2]int{{1, 3}, {5, 6}, {6, 7}} {
		from, to := ids[pair[0]], ids[pair[1]]
		name := fmt.Sprintf("degree-rank-%d-to-%d", pair[0], pair[1])
		b.Run(name+"/bidirectional", func(b *testing.B) {
			for b.Loop() {
				if _, err := network.ShortestPaths(ctx, store, from, to, 6, 3, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/one-sided", func(b *testing.B) {
			for b.Loop() {
				if _, err := oneSidedPaths(ctx, store, from, to, 6, 3, follow); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
