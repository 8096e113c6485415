package graph_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/storetest"
)

// generatedStore is the embedded store on a generated corpus of n sheets.
func generatedStore(tb testing.TB, n int, seed uint64) (*memstore.Store, *partnergraph.Graph) {
	tb.Helper()
	g := gentest.Graph(tb, n, seed)
	store := memstore.New()
	if err := store.Load(context.Background(), g); err != nil {
		tb.Fatal(err)
	}
	// The network metrics are computed in the background after a load:
	// wait for them, so they do not compete with what a test times.
	if _, err := store.Metrics(context.Background(), nil); err != nil {
		tb.Fatal(err)
	}
	return store, g
}

// TestNetworkOnGeneratedGraph checks the network queries' invariants on a
// generated corpus of 600 projects.
func TestNetworkOnGeneratedGraph(t *testing.T) {
	store, _ := generatedStore(t, 600, 42)
	cs := &countingStore{Store: store}
	// A generous batch window: the test counts store calls while other test
	// binaries load the machine.
	c := client.New(graph.NewHandler(cs, graph.Options{BatchWait: 10 * time.Millisecond}))

	data := mustQuery(t, c, `{ network(seeds:["org:krus"], depth:2, limit:250) { truncated nodes { id } edges { id source target } } }`, nil)
	ids := map[string]bool{}
	for _, n := range get(data, "network", "nodes").([]any) {
		id := get(n, "id").(string)
		if ids[id] {
			t.Errorf("node %s twice", id)
		}
		ids[id] = true
	}
	if len(ids) != 250 || get(data, "network", "truncated") != true {
		t.Errorf("%d nodes, truncated %v: a hub at depth 2 should hit the limit", len(ids), get(data, "network", "truncated"))
	}
	edgeIDs := map[string]bool{}
	for _, e := range get(data, "network", "edges").([]any) {
		if !ids[get(e, "source").(string)] || !ids[get(e, "target").(string)] || edgeIDs[get(e, "id").(string)] {
			t.Errorf("edge %v leaves the subgraph or repeats", e)
		}
		edgeIDs[get(e, "id").(string)] = true
	}

	// Shortest paths: consecutive, all of the same length.
	orgs := mustQuery(t, c, `{ organisations(orderBy:{field: DEGREE, direction: DESC}, first: 30) { nodes { id metrics { degree } } } }`, nil)
	nodes := get(orgs, "organisations", "nodes").([]any)
	last := 1e9
	for _, n := range nodes {
		d := get(n, "metrics", "degree").(float64)
		if d > last {
			t.Errorf("degrees not in descending order: %v after %v", d, last)
		}
		last = d
	}
	from, to := get(nodes[5], "id"), get(nodes[25], "id")
	data = mustQuery(t, c, `query($f: ID!, $t: ID!) { paths(from:$f, to:$t, first: 5) { length nodes { id } edges { source target } } }`, map[string]any{"f": from, "t": to})
	paths := get(data, "paths").([]any)
	if len(paths) == 0 {
		t.Fatalf("no path between %v and %v", from, to)
	}
	for _, p := range paths {
		pn, pe := get(p, "nodes").([]any), get(p, "edges").([]any)
		if get(p, "length").(float64) != get(paths[0], "length").(float64) || len(pe) != len(pn)-1 {
			t.Errorf("path lengths differ or do not add up: %v", p)
		}
		for i, e := range pe {
			a, b := get(pn[i], "id"), get(pn[i+1], "id")
			s, tt := get(e, "source"), get(e, "target")
			if !(s == a && tt == b || s == b && tt == a) {
				t.Errorf("edge %d of a path does not join its nodes: %v", i, p)
			}
		}
	}

	// Aggregates add up to the count.
	data = mustQuery(t, c, `{ projects { totalCount } aggregate(groupBy: COUNTRY) { projects } }`, nil)
	sum := 0.0
	for _, b := range get(data, "aggregate").([]any) {
		sum += get(b, "projects").(float64)
	}
	if sum != get(data, "projects", "totalCount") {
		t.Errorf("country buckets add up to %v of %v projects", sum, get(data, "projects", "totalCount"))
	}

	// The nested query stays batched on a larger graph: one store call a
	// level (organisations and their involvements, their projects, the
	// target groups), the first time and every time, whatever the batch
	// window (graph/prefetch.go). The projects of the third level are asked
	// for their target groups alone: their outlines are read, not their
	// whole records; asked for more, they are read whole.
	q := `{ projects(first:50) { nodes { partners { organisation { projects(first: 50) { nodes { targetGroups { name } } } } } } } }`
	whole := `{ projects(first:50) { nodes { partners { organisation { projects(first: 50) { nodes { description targetGroups { name } } } } } } } }`
	for _, c2 := range []struct {
		q                     string
		nodes, outlines, page int64
	}{{q, 2, 1, 1}, {q, 2, 1, 1}, {whole, 3, 0, 1}} {
		cs.nodes.Store(0)
		cs.outlines.Store(0)
		cs.involvements.Store(0)
		cs.pages.Store(0)
		mustQuery(t, c, c2.q, nil)
		if n, o, inv, pg := cs.nodes.Load(), cs.outlines.Load(), cs.involvements.Load(), cs.pages.Load(); n != c2.nodes || o != c2.outlines || pg != c2.page || inv != 0 {
			t.Errorf("nested query: Nodes %d calls, ProjectOutlines %d, InvolvementPages %d, Involvements %d, want %d, %d, %d and 0", n, o, pg, inv, c2.nodes, c2.outlines, c2.page)
		}
	}
	// Outlines under a page that asks for its total and page info answer
	// as whole records do. (That a page read with InvolvementPages is the
	// one cut from the whole list is the contract suite's test, on both
	// stores.)
	paged := mustQuery(t, c, `{ projects(first:10) { nodes { partners { organisation { projects(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } } } }`, nil)
	whole2 := mustQuery(t, c, `{ projects(first:10) { nodes { partners { organisation { projects(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { id description } } } } } } }`, nil)
	if !reflect.DeepEqual(paged, storetest.WithoutKey(whole2, "description")) {
		t.Error("outlines under a page with its total answer otherwise than whole records")
	}
	// Outlines answer as the whole records do.
	a := mustQuery(t, c, `{ projects(first:20) { nodes { partners { organisation { projects(first: 20) { nodes { id code title kind status country { code } targetGroups { name } } } } } } } }`, nil)
	b := mustQuery(t, c, `{ projects(first:20) { nodes { partners { organisation { projects(first: 20) { nodes { id code title kind status country { code } targetGroups { name } description } } } } } } }`, nil)
	if !reflect.DeepEqual(a, storetest.WithoutKey(b, "description")) {
		t.Error("the outlines' answer differs from the whole records'")
	}
}

// In a large corpus the sheets that name KRUS outscore the organisation
// itself in full text; an exact acronym or project number still comes first.
func TestSearchExactNamesFirst(t *testing.T) {
	store, g := generatedStore(t, 600, 42)
	raw, err := store.Search(context.Background(), "KRUS", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > 0 && raw[0].ID == "org:krus" {
		t.Logf("the full-text engine alone already ranks KRUS first here")
	}
	code := g.Projects[7].Code
	c := client.New(graph.NewHandler(store, graph.Options{}))
	data := mustQuery(t, c, `query($code: String!) {
		a: search(query: "KRUS") { node { id } }
		b: search(query: $code) { node { id } }
		c: search(query: "krus", kinds: [PROJECT], first: 3) { node { id } }
	}`, map[string]any{"code": strings.ToLower(code)})
	if got := get(data, "a", 0, "node", "id"); got != "org:krus" {
		t.Errorf("search KRUS: first %v, want org:krus", got)
	}
	if got := get(data, "b", 0, "node", "id"); got != g.Projects[7].ID {
		t.Errorf("search %s: first %v, want %s", code, got, g.Projects[7].ID)
	}
	for _, h := range get(data, "c").([]any) {
		if id := get(h, "node", "id"); id == "org:krus" {
			t.Errorf("kinds: [PROJECT] gave the organisation")
		}
	}
	if n := len(get(data, "c").([]any)); n != 3 {
		t.Errorf("first: 3 gave %d hits", n)
	}
}

// Countries and funders are drawn but not expanded unless asked: a depth-2
// network around a project does not pull in every project of its country.
func TestNetworkKeepsHubsAsLeaves(t *testing.T) {
	store, g := generatedStore(t, 300, 11)
	c := client.New(graph.NewHandler(store, graph.Options{}))
	seed := g.Projects[0].ID
	country := "country:" + g.Projects[0].CountryCode
	var leaf, through struct {
		Network struct{ Nodes []struct{ ID string } }
	}
	q := `query($s: [ID!]!, $h: Boolean) { network(seeds: $s, depth: 2, limit: 5000, throughHubs: $h) { nodes { id } } }`
	c.MustPost(q, &leaf, client.Var("s", []string{seed}), client.Var("h", false))
	c.MustPost(q, &through, client.Var("s", []string{seed}), client.Var("h", true))
	has := func(nodes []struct{ ID string }, id string) bool {
		for _, n := range nodes {
			if n.ID == id {
				return true
			}
		}
		return false
	}
	if !has(leaf.Network.Nodes, country) {
		t.Errorf("the project's country %s is not drawn", country)
	}
	if len(leaf.Network.Nodes) >= len(through.Network.Nodes) {
		t.Errorf("hubs as leaves: %d nodes; through hubs: %d", len(leaf.Network.Nodes), len(through.Network.Nodes))
	}
	t.Logf("depth 2 around %s: %d nodes with hubs as leaves, %d through them", seed, len(leaf.Network.Nodes), len(through.Network.Nodes))
}

// TestSearchRanksProjectsAboutTheWordsAboveNamesThatContainOne: on a
// generated corpus, a project whose title is about the query's word ranks
// above an organisation whose name merely contains it ("probation" and the
// Icelandic Prison and Probation Administration), while an organisation the
// query names in full still comes first.
func TestSearchRanksProjectsAboutTheWordsAboveNamesThatContainOne(t *testing.T) {
	store, _ := generatedStore(t, 2000, 1)
	c := client.New(graph.NewHandler(store, graph.Options{}))
	for _, q := range []string{"probation", "prisoners", "violence", "prison"} {
		data := mustQuery(t, c, `query($q: String!) { search(query: $q, first: 30) { node { __typename ... on Project { title } ... on Organisation { name } } } }`, map[string]any{"q": q})
		hits := get(data, "search").([]any)
		lastProjectAbout, firstPartialOrg, orgs := -1, -1, 0
		for i, h := range hits {
			n := get(h, "node")
			switch get(n, "__typename") {
			case "Project":
				if strings.Contains(strings.ToLower(get(n, "title").(string)), q[:6]) {
					lastProjectAbout = i
				}
			case "Organisation":
				orgs++
				name := strings.ToLower(get(n, "name").(string))
				if strings.Contains(name, q[:6]) && name != q && firstPartialOrg < 0 {
					firstPartialOrg = i
				}
			}
		}
		if lastProjectAbout < 0 {
			t.Fatalf("%q: no project about it in the first 30 hits: %v", q, hits)
		}
		if firstPartialOrg >= 0 && firstPartialOrg < lastProjectAbout {
			t.Errorf("%q: an organisation whose name only contains the word ranks %d, above a project about it at %d", q, firstPartialOrg+1, lastProjectAbout+1)
		}
	}
	// The whole name, or its acronym, still finds the organisation first.
	for q, want := range map[string]string{"Probation Administration": "Probation Administration", "Alternative to Violence": "Alternative to Violence", "ATV": "Alternative to Violence"} {
		data := mustQuery(t, c, `query($q: String!) { search(query: $q, first: 5) { node { ... on Organisation { name } } } }`, map[string]any{"q": q})
		if got := get(get(data, "search").([]any)[0], "node", "name"); got != want {
			t.Errorf("search %q: first hit %v, want the organisation %s", q, got, want)
		}
	}
}
