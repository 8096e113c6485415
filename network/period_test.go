package network_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/network"
)

// inPeriod is the graph with the projects not active in the range taken
// out: what the network of the period must be, computed without the
// period tests of the code under test.
func inPeriod(t *testing.T, g *partnergraph.Graph, r partnergraph.TimeRange) *memstore.Store {
	t.Helper()
	from, to, err := r.Days()
	if err != nil {
		t.Fatal(err)
	}
	cut := *g
	cut.Projects = nil
	for _, p := range g.Projects {
		if pf, pt, ok := partnergraph.ProjectSpan(&p); ok && pf <= to && pt >= from {
			cut.Projects = append(cut.Projects, p)
		}
	}
	s := memstore.New()
	if err := s.Load(context.Background(), &cut); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPeriodEqualsGraphOfThePeriod: network, paths, collaborators,
// comparisons and metrics of a period over the whole graph equal the same
// queries over the graph of the period's projects alone.
func TestPeriodEqualsGraphOfThePeriod(t *testing.T) {
	ctx := context.Background()
	g := gentest.Graph(t, 1500, 7)
	full := memstore.New()
	if err := full.Load(ctx, g); err != nil {
		t.Fatal(err)
	}
	_, ids := pathCases(t, 1500)
	var orgs []string
	for _, id := range ids {
		if partnergraph.KindOfID(id) == partnergraph.KindOrganisation {
			orgs = append(orgs, id)
		}
	}
	periods := map[string]int{}
	for i := range g.Projects {
		periods[partnergraph.FundingPeriod(&g.Projects[i])]++
	}
	if len(periods) < 3 {
		t.Fatalf("the generated corpus has projects in %d periods: %v", len(periods), periods)
	}
	nonEmpty := 0
	for _, r := range []partnergraph.TimeRange{{From: "2009-2014", To: "2009-2014"}, {From: "2014-2021", To: "2014-2021"}, {From: "2021-2027", To: "2021-2027"}, {From: "2016", To: "2019"}} {
		ref := inPeriod(t, g, r)
		keep := r.Matches
		for _, seed := range orgs {
			for _, depth := range []int{1, 2} {
				name := fmt.Sprintf("%+v seed %s depth %d", r, seed, depth)
				want, err := network.ExpandWith(ctx, ref, []string{seed}, network.ExpandOptions{Depth: depth, Limit: 300})
				if err != nil {
					t.Fatal(err)
				}
				got, err := network.ExpandWith(ctx, full, []string{seed}, network.ExpandOptions{Depth: depth, Limit: 300, Allow: network.AllowProjects(full, keep, nil)})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: network\n got %v\nwant %v", name, got, want)
				}
				if len(got.Edges) > 2 {
					nonEmpty++
				}
			}
			wantC, err := network.Collaborators(ctx, ref, seed)
			if err != nil {
				t.Fatal(err)
			}
			gotC, err := network.CollaboratorsIn(ctx, full, seed, keep)
			if err != nil {
				t.Fatal(err)
			}
			if len(gotC) != len(wantC) || (len(wantC) > 0 && !reflect.DeepEqual(gotC, wantC)) {
				t.Fatalf("%+v %s: collaborators\n got %v\nwant %v", r, seed, gotC, wantC)
			}
			for _, to := range orgs {
				want, err := network.ShortestPaths(ctx, ref, seed, to, 6, 3, nil)
				if err != nil {
					t.Fatal(err)
				}
				got, err := network.ShortestPathsWith(ctx, full, seed, to, network.PathOptions{MaxHops: 6, First: 3, Allow: network.AllowProjects(full, keep, nil)})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%+v %s-%s: paths\n got %v\nwant %v", r, seed, to, got, want)
				}
				wantCmp, err := network.Compare(ctx, ref, seed, to, nil)
				if err != nil {
					t.Fatal(err)
				}
				gotCmp, err := network.Compare(ctx, full, seed, to, keep)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(gotCmp, wantCmp) {
					t.Fatalf("%+v %s-%s: comparison\n got %+v\nwant %+v", r, seed, to, gotCmp, wantCmp)
				}
			}
		}
		got, err := network.MetricsIn(ctx, full, r)
		if err != nil {
			t.Fatal(err)
		}
		links, countries := cooperation(t, ref)
		want := network.ComputeMetrics(links, countries)
		if len(got) != len(want) || len(want) == 0 {
			t.Fatalf("%+v: metrics of %d organisations, want %d", r, len(got), len(want))
		}
		for id, m := range want {
			// Betweenness sums in gonum's map order: equal to ~1e-15.
			g := got[id]
			if math.Abs(g.Betweenness-m.Betweenness) < 1e-12 {
				g.Betweenness = m.Betweenness
			}
			if g != m {
				t.Errorf("%+v: %s has metrics %+v, want %+v", r, id, got[id], m)
			}
		}
	}
	if nonEmpty < 10 {
		t.Fatalf("only %d networks of more than two edges: the cases test little", nonEmpty)
	}
}

// cooperation reads a store's cooperation links and the countries of their
// organisations.
func cooperation(t *testing.T, s *memstore.Store) ([]partnergraph.Link, map[string]string) {
	t.Helper()
	ctx := context.Background()
	var projects []*partnergraph.Project
	page := partnergraph.Page{First: partnergraph.MaxPageSize}
	for {
		res, err := s.Projects(ctx, nil, page)
		if err != nil {
			t.Fatal(err)
		}
		projects = append(projects, res.Items...)
		if !res.HasNextPage {
			break
		}
		page.After = res.EndCursor
	}
	links := partnergraph.CooperationLinks(projects)
	countries := map[string]string{}
	for _, l := range links {
		n, err := s.Nodes(ctx, []string{l.OrganisationID})
		if err != nil {
			t.Fatal(err)
		}
		if o, ok := n[0].(*partnergraph.Organisation); ok {
			countries[l.OrganisationID] = o.CountryCode
		}
	}
	return links, countries
}
