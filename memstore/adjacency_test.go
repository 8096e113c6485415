package memstore

import (
	"cmp"
	"slices"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen/gentest"
)

// TestAdjacencyAsGrouped: the packed adjacency gives every node the edges
// that grouping them by end gives (the way the store built it before it
// packed them in one array), in SortEdges order. Edges of equal kind,
// source and target may come in either order, as SortEdges leaves them.
func TestAdjacencyAsGrouped(t *testing.T) {
	g := gentest.Graph(t, 2000, 3)
	projects, orgs := map[string]*partnergraph.Project{}, map[string]*partnergraph.Organisation{}
	for i := range g.Projects {
		projects[g.Projects[i].ID] = &g.Projects[i]
	}
	for i := range g.Organisations {
		orgs[g.Organisations[i].ID] = &g.Organisations[i]
	}
	projectIDs, orgIDs := sortedIDs(projects), sortedIDs(orgs)
	a := buildAdjacency(projects, orgs, projectIDs, orgIDs)

	byNode := map[string][]partnergraph.Edge{}
	add := func(edges []partnergraph.Edge) {
		for _, e := range edges {
			byNode[e.Source] = append(byNode[e.Source], e)
			byNode[e.Target] = append(byNode[e.Target], e)
		}
	}
	for _, id := range projectIDs {
		add(partnergraph.ProjectEdges(projects[id]))
	}
	for _, id := range orgIDs {
		add(partnergraph.OrganisationEdges(orgs[id]))
	}
	full := func(x, y partnergraph.Edge) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Source, y.Source), cmp.Compare(x.Target, y.Target),
			cmp.Compare(x.Role, y.Role), cmp.Compare(x.Activity, y.Activity))
	}
	edges := 0
	for id, want := range byNode {
		got := a.of(id)
		sorted := slices.Clone(got)
		partnergraph.SortEdges(sorted)
		for i := range got {
			if got[i].Kind != sorted[i].Kind || got[i].Source != sorted[i].Source || got[i].Target != sorted[i].Target {
				t.Fatalf("%s: edges out of SortEdges order: %v", id, got)
			}
		}
		slices.SortFunc(want, full)
		slices.SortFunc(sorted, full)
		if !slices.Equal(sorted, want) {
			t.Fatalf("%s: %d edges %v, grouped %d %v", id, len(got), got, len(want), want)
		}
		edges += len(got)
	}
	if len(a.ids) != len(byNode) || edges < 10000 {
		t.Fatalf("%d nodes with edges, grouped %d; %d edges in all", len(a.ids), len(byNode), edges)
	}
	if a.of("org:nobody") != nil {
		t.Fatal("edges for a node that has none")
	}
}
