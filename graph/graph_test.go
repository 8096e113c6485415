package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/sample"
	"github.com/partnergraph/partnergraph/storetest"
)

// countingStore counts the store calls, to show that nested queries batch.
type countingStore struct {
	partnergraph.Store
	nodes, outlines, involvements, pages atomic.Int64
}

func (s *countingStore) InvolvementPages(ctx context.Context, ids []string, roles []partnergraph.Role, p partnergraph.Page) ([]partnergraph.InvolvementPage, error) {
	s.pages.Add(1)
	return s.Store.InvolvementPages(ctx, ids, roles, p)
}

func (s *countingStore) ProjectOutlines(ctx context.Context, ids []string) ([]*partnergraph.Project, error) {
	s.outlines.Add(1)
	return s.Store.ProjectOutlines(ctx, ids)
}

func (s *countingStore) Nodes(ctx context.Context, ids []string) ([]partnergraph.Node, error) {
	s.nodes.Add(1)
	return s.Store.Nodes(ctx, ids)
}

func (s *countingStore) Involvements(ctx context.Context, ids []string) ([][]partnergraph.Involvement, error) {
	s.involvements.Add(1)
	return s.Store.Involvements(ctx, ids)
}

func newClient(t *testing.T) (*client.Client, *countingStore) {
	return newClientWith(t, graph.Options{})
}

func newClientWith(t *testing.T, opts graph.Options) (*client.Client, *countingStore) {
	t.Helper()
	cs := sampleStore(t)
	return client.New(graph.NewHandler(cs, opts)), cs
}

// sampleStore is the test store with the bundled sample loaded, its calls
// counted.
func sampleStore(t *testing.T) *countingStore {
	t.Helper()
	srcs, _, err := ingest.ReadFS(sample.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	g, problems := ingest.Build(srcs)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	store := testStore(t)
	if err := store.Load(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	return &countingStore{Store: store}
}

// gqlError is one error of a response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// query runs a query and returns data and errors.
func query(t *testing.T, c *client.Client, q string, vars map[string]any) (map[string]any, []gqlError) {
	t.Helper()
	var opts []client.Option
	for k, v := range vars {
		opts = append(opts, client.Var(k, v))
	}
	resp, err := c.RawPost(q, opts...)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	data, _ := resp.Data.(map[string]any)
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("errors: %v", err)
		}
	}
	return data, errs
}

func mustQuery(t *testing.T, c *client.Client, q string, vars map[string]any) map[string]any {
	t.Helper()
	data, errs := query(t, c, q, vars)
	if len(errs) > 0 {
		t.Fatalf("errors: %+v", errs)
	}
	return data
}

// errorCode posts a query over HTTP, as a client would, and returns the code
// of the first error. (gqlgen's client refuses to read non-200 answers.)
func errorCode(t *testing.T, h http.Handler, q string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct{ Errors []gqlError }
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("%s: answer is not JSON: %v: %s", q, err, rec.Body)
	}
	errs := resp.Errors
	if len(errs) == 0 {
		t.Fatalf("no error for %s", q)
	}
	code, _ := errs[0].Extensions["code"].(string)
	return code
}

// get walks a decoded JSON value: get(v, "project", "partners", 0, "role").
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func TestIssueQuery(t *testing.T) {
	c, _ := newClient(t)
	data := mustQuery(t, c, `{ project(code:"LT14-0004") { title promoter{name} partners{organisation{name acronym country{code}} role} } }`, nil)
	if get(data, "project", "title") != "Improving Competences Both of Inmates and Prison Staff" {
		t.Errorf("title: %v", get(data, "project", "title"))
	}
	if !strings.HasPrefix(get(data, "project", "promoter", "name").(string), "Prison Department under the Ministry of Justice") {
		t.Errorf("promoter: %v", get(data, "project", "promoter"))
	}
	partners := get(data, "project", "partners").([]any)
	if len(partners) != 1 {
		t.Fatalf("partners: %v", partners)
	}
	if get(partners[0], "organisation", "acronym") != "KRUS" || get(partners[0], "organisation", "country", "code") != "NO" || get(partners[0], "role") != "DONOR_PROJECT_PARTNER" {
		t.Errorf("partner: %v", partners[0])
	}
}

func TestProjectFields(t *testing.T) {
	c, _ := newClient(t)
	data := mustQuery(t, c, `{ project(id:"project:lt14-0004") {
		id code kind status location country{code name}
		funding{initialCost finalCost grant currency funder{id name}}
		targetGroups{id name} programmes{name activity programme{id kind} evidence{section text document{name}}}
		outcomes{value unit text planned evidence{section}}
		partners(roles:[PROMOTER, DONOR_PROJECT_PARTNER, PROJECT_PARTNER, MENTIONED]){role organisation{id} evidence{section text start end}}
		startDate durationMonths source{name layout sha256 warnings}
	} }`, nil)
	p := get(data, "project")
	if get(p, "code") != "LT14-0004" || get(p, "kind") != "PROJECT" || get(p, "status") != "Completed" || get(p, "country", "name") != "Lithuania" {
		t.Errorf("project: %v", p)
	}
	if get(p, "funding", "grant") != 549601.0 || get(p, "funding", "funder", "name") != "Norway Grants" || get(p, "funding", "currency") != "EUR" {
		t.Errorf("funding: %v", get(p, "funding"))
	}
	if get(p, "startDate") != nil || get(p, "durationMonths") != nil {
		t.Errorf("absent facts are not null: %v %v", get(p, "startDate"), get(p, "durationMonths"))
	}
	if get(p, "targetGroups", 0, "name") != "Prisoners" {
		t.Errorf("target groups: %v", get(p, "targetGroups"))
	}
	var roles []string
	for _, ps := range get(p, "partners").([]any) {
		roles = append(roles, get(ps, "role").(string))
		if len(get(ps, "evidence").([]any)) == 0 {
			t.Errorf("partnership without evidence: %v", ps)
		}
	}
	if strings.Join(roles, ",") != "PROMOTER,DONOR_PROJECT_PARTNER,MENTIONED" {
		t.Errorf("roles: %v", roles)
	}
	found := false
	for _, o := range get(p, "outcomes").([]any) {
		if get(o, "value") == 1520.0 && get(o, "unit") == "penitentiary staff members" && get(o, "planned") == false {
			found = true
		}
	}
	if !found {
		t.Errorf("no outcome 1520 penitentiary staff members: %v", get(p, "outcomes"))
	}
	developed := 0
	for _, u := range get(p, "programmes").([]any) {
		if get(u, "activity") == "DEVELOPED" && get(u, "programme", "kind") == "TRAINING" {
			developed++
		}
		if get(u, "evidence", 0, "document", "name") == nil {
			t.Errorf("programme without evidence: %v", u)
		}
	}
	if developed != 2 {
		t.Errorf("want the two training programmes developed with KRUS: %v", get(p, "programmes"))
	}
}

func TestOrganisationQueries(t *testing.T) {
	c, _ := newClient(t)
	data := mustQuery(t, c, `{ project(code:"CZ12-0042") { id } p: projects(filter:{titleContains:"vulnerable groups"}) { nodes { timeline { date text evidence { section } } } } }`, nil)
	if get(data, "p", "nodes", 0, "timeline", 0, "date") != "2017-03" || get(data, "p", "nodes", 0, "timeline", 0, "evidence", "section") != "bilateral results" {
		t.Errorf("timeline: %v", get(data, "p", "nodes", 0, "timeline"))
	}
	data = mustQuery(t, c, `{
		a: organisation(name:"KRUS") { id name acronym aliases country{code} projects{nodes{code}} partnered{totalCount nodes{id}} promoted{totalCount nodes{id}} }
		b: organisation(name:"correctional service of norway staff academy") { id }
		atv: organisation(name:"ATV") { name country{code} partnered{nodes{title}} }
	}`, nil)
	if get(data, "a", "id") != get(data, "b", "id") || get(data, "a", "id") == nil {
		t.Errorf("KRUS by acronym and by its old name differ: %v %v", get(data, "a"), get(data, "b"))
	}
	if n := len(get(data, "a", "partnered", "nodes").([]any)); n != 2 || get(data, "a", "partnered", "totalCount") != 2.0 {
		t.Errorf("KRUS partners %d projects, want 2", n)
	}
	if n := len(get(data, "a", "promoted", "nodes").([]any)); n != 0 {
		t.Errorf("KRUS promotes %d projects", n)
	}
	if get(data, "atv", "name") != "Alternative to Violence" || get(data, "atv", "country", "code") != "NO" {
		t.Errorf("ATV: %v", get(data, "atv"))
	}
	if !strings.HasPrefix(get(data, "atv", "partnered", "nodes", 0, "title").(string), "Projects for vulnerable groups") {
		t.Errorf("ATV partners: %v", get(data, "atv", "partnered"))
	}
	// The evidence of the merge: KRUS's acronym, from the sheets that give it.
	data = mustQuery(t, c, `{ organisation(name:"KRUS") { names { name joinedBy documents { id } } } }`, nil)
	found := false
	for _, n := range get(data, "organisation", "names").([]any) {
		m := n.(map[string]any)
		if m["name"] == "KRUS" && m["joinedBy"] == "ACRONYM" && len(m["documents"].([]any)) >= 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("KRUS's names lack the acronym with its documents: %v", get(data, "organisation", "names"))
	}
	data = mustQuery(t, c, `{ organisations(filter:{country:"Norway"}, first:50) { totalCount nodes { name } } }`, nil)
	if n := get(data, "organisations", "totalCount").(float64); n < 5 {
		t.Errorf("%v Norwegian organisations, want KRUS, DNCS, ATV and the prisons", n)
	}
}

func TestProjectsFilterAndPages(t *testing.T) {
	c, _ := newClient(t)
	count := func(filter string) float64 {
		data := mustQuery(t, c, `query($f: ProjectFilter) { projects(filter:$f) { totalCount } }`, map[string]any{"f": json.RawMessage(filter)})
		return get(data, "projects", "totalCount").(float64)
	}
	tests := map[string]float64{
		`null`:                         5,
		`{"country":"CZ"}`:             2,
		`{"country":"Czech Republic"}`: 2,
		`{"funder":"Erasmus+"}`:        1,
		`{"funder":"Norway Grants"}`:   4,
		`{"targetGroup":"Victims of intimate-partner violence"}`: 2,
		`{"status":"completed"}`:                                 2,
		`{"titleContains":"VIOLEN"}`:                             2,
		`{"organisation":"org:krus"}`:                            2,
		`{"or":[{"country":"LT"},{"country":"GR"}]}`:             2,
		`{"not":{"funder":"Norway Grants"}}`:                     1,
		`{"programme":"anger management"}`:                       2,
		`{"kind":"ERASMUS"}`:                                     1,
	}
	for filter, want := range tests {
		if got := count(filter); got != want {
			t.Errorf("filter %s: %v projects, want %v", filter, got, want)
		}
	}
	var seen []string
	after := any(nil)
	for i := 0; i < 10; i++ {
		data := mustQuery(t, c, `query($after: String) { projects(first:2, after:$after) { edges{cursor node{id}} pageInfo{hasNextPage endCursor} } }`, map[string]any{"after": after})
		for _, e := range get(data, "projects", "edges").([]any) {
			seen = append(seen, get(e, "node", "id").(string))
		}
		if get(data, "projects", "pageInfo", "hasNextPage") != true {
			break
		}
		after = get(data, "projects", "pageInfo", "endCursor")
	}
	if len(seen) != 5 {
		t.Errorf("paging saw %v", seen)
	}

	// An organisation's projects page by the cursor of an edge as by the end
	// cursor, one project at a time.
	var byEdge []string
	after = nil
	for i := 0; i < 10; i++ {
		data := mustQuery(t, c, `query($after: String) { organisation(id: "org:krus") { projects(first: 1, after: $after) {
			totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } } }`, map[string]any{"after": after})
		conn := get(data, "organisation", "projects")
		edges := get(conn, "edges").([]any)
		if len(edges) != 1 || get(edges[0], "node", "id") != get(conn, "nodes", 0, "id") || get(edges[0], "cursor") != get(conn, "pageInfo", "endCursor") {
			t.Fatalf("organisation projects page %d: %v", i, conn)
		}
		byEdge = append(byEdge, get(edges[0], "node", "id").(string))
		if get(conn, "pageInfo", "hasNextPage") != true {
			if len(byEdge) != int(get(conn, "totalCount").(float64)) {
				t.Errorf("paging KRUS's projects by edge cursors saw %v of %v", byEdge, get(conn, "totalCount"))
			}
			break
		}
		after = get(edges[0], "cursor")
	}
	if len(byEdge) < 2 {
		t.Errorf("KRUS should have at least 2 projects in the fixture: %v", byEdge)
	}
}

func TestErrors(t *testing.T) {
	store := testStore(t)
	if err := store.Load(context.Background(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	h := graph.NewHandler(store, graph.Options{})
	tests := []struct {
		query, code string
	}{
		{`{ node(id:"project:nope") { id } }`, partnergraph.ENOTFOUND},
		{`{ node(id:"garbage") { id } }`, partnergraph.EINVALID},
		{`{ project(code:"ZZ99-0000") { id } }`, partnergraph.ENOTFOUND},
		{`{ project(id:"project:nope") { id } }`, partnergraph.ENOTFOUND},
		{`{ project { id } }`, partnergraph.EINVALID},
		{`{ project(id:"project:aa01-0001", code:"AA01-0001") { id } }`, partnergraph.EINVALID},
		{`{ project(id:"org:krus") { id } }`, partnergraph.EINVALID},
		{`{ organisation(name:"Nobody") { id } }`, partnergraph.ENOTFOUND},
		{`{ projects(first: 1000) { nodes { id } } }`, partnergraph.EINVALID},
		{`{ projects(first: 2147483648) { nodes { id partners { organisation { name } } } } }`, partnergraph.EINVALID},
		{`{ network(seeds: ["org:krus"], limit: 100000000) { nodes { id } } }`, partnergraph.EINVALID},
		{`{ projects(first: -1) { nodes { id } } }`, partnergraph.EINVALID},
		{`{ projects(after: "???") { nodes { id } } }`, partnergraph.EINVALID},
		{`{ projects(filter:{country:"Atlantis"}) { nodes { id } } }`, partnergraph.EINVALID},
		{`{ projects(filter:{funder:"Bank of Mum"}) { nodes { id } } }`, partnergraph.EINVALID},
		{`{ projects(filter:{organisation:"krus"}) { nodes { id } } }`, partnergraph.EINVALID},
		{`{ projects(filter:{targetGroup:"martians"}) { nodes { id } } }`, partnergraph.EINVALID},
		{`{ projects(filter:{or: [{country:"SK"}, {not: {programme:"juggling"}}]}) { nodes { id } } }`, partnergraph.EINVALID},
		{`{ projects(filter:{organisation:"org:nobody"}) { nodes { id } } }`, partnergraph.EINVALID},
		{`{ aggregate(groupBy: COUNTRY, filter:{targetGroup:"martians"}) { key } }`, partnergraph.EINVALID},
		{`{ country(code:"XX") { name } }`, partnergraph.ENOTFOUND},
		{`{ nope }`, "GRAPHQL_VALIDATION_FAILED"},
		{`{ projects(first: "ten") { nodes { id } } }`, "GRAPHQL_VALIDATION_FAILED"},
		{`{ project(`, "GRAPHQL_PARSE_FAILED"},
	}
	for _, tt := range tests {
		if got := errorCode(t, h, tt.query); got != tt.code {
			t.Errorf("%s: code %q, want %q", tt.query, got, tt.code)
		}
	}
}

func TestNodeKinds(t *testing.T) {
	c, _ := newClient(t)
	data := mustQuery(t, c, `{ nodes(ids:["project:lt14-0004","org:krus","country:NO","funder:norway-grants","tg:prisoners","programme:anger-management","project:missing"]) {
		__typename id
		... on Country { name }
		... on Programme { kind }
	} }`, nil)
	nodes := get(data, "nodes").([]any)
	want := []string{"Project", "Organisation", "Country", "Funder", "TargetGroup", "Programme"}
	for i, w := range want {
		if get(nodes[i], "__typename") != w {
			t.Errorf("nodes[%d] is %v, want %s", i, get(nodes[i], "__typename"), w)
		}
	}
	if nodes[6] != nil {
		t.Errorf("missing node is %v, want null", nodes[6])
	}
	if get(nodes[2], "name") != "Norway" {
		t.Errorf("country: %v", nodes[2])
	}
}

// TestNestedQueryIsBatched: a three-level nested query makes one store call
// a level whatever the list sizes, and waits for no loader: the lists of
// projects and organisations load what their selection asks for before they
// are marshalled (graph/prefetch.go). The loaders here wait an hour for
// more keys, so a field that went to them would not answer within the
// handler's timeout.
func TestNestedQueryIsBatched(t *testing.T) {
	cs := sampleStore(t)
	c := client.New(http.TimeoutHandler(graph.NewHandler(cs, graph.Options{BatchWait: time.Hour}), 30*time.Second, "a field waited for a loader"))
	for _, tc := range []struct {
		q                 string
		nodes, inv, pages int64
	}{
		// Organisations and a page of their projects; those projects; the
		// target groups and the partners' organisations. The sample's
		// projects are few: the organisations' projects are among the first
		// page's, which the request already has.
		{`{ projects(first:50) { nodes { partners(roles:[PROMOTER, DONOR_PROJECT_PARTNER, PROJECT_PARTNER, MENTIONED]) { organisation { projects { nodes { targetGroups { name } partners { organisation { name } } } } } } } } }`, 2, 0, 1},
		// A page of the projects they promoted and their whole involvements
		// (with evidence), side by side.
		{`{ organisations(first: 50) { edges { node { name promoted { nodes { title promoter { name } } } involvements { nodes { role project { code } evidence { document { id } } } } } } } }`, 2, 1, 1},
	} {
		cs.nodes.Store(0)
		cs.involvements.Store(0)
		cs.pages.Store(0)
		mustQuery(t, c, tc.q, nil)
		nodes, inv, pages := cs.nodes.Load(), cs.involvements.Load(), cs.pages.Load()
		t.Logf("store calls: Nodes %d, Involvements %d, InvolvementPages %d", nodes, inv, pages)
		if nodes != tc.nodes || inv != tc.inv || pages != tc.pages {
			t.Errorf("Nodes called %d times, Involvements %d, InvolvementPages %d, want %d, %d and %d\n%s", nodes, inv, pages, tc.nodes, tc.inv, tc.pages, tc.q)
		}
	}
}

func TestNetworkQueries(t *testing.T) {
	c, _ := newClient(t)
	data := mustQuery(t, c, `{
		network(seeds:["org:krus"], depth:1) { truncated nodes { id kind label properties } edges { id source target kind properties } }
	}`, nil)
	ids := map[string]bool{}
	for _, n := range get(data, "network", "nodes").([]any) {
		ids[get(n, "id").(string)] = true
	}
	for _, want := range []string{"org:krus", "project:lt14-0004", "country:NO"} {
		if !ids[want] {
			t.Errorf("network around KRUS lacks %s: %v", want, ids)
		}
	}
	for _, e := range get(data, "network", "edges").([]any) {
		if !ids[get(e, "source").(string)] || !ids[get(e, "target").(string)] {
			t.Errorf("edge %v leaves the subgraph", e)
		}
		if get(e, "kind") == "PARTNER" && get(e, "properties", "role") == nil {
			t.Errorf("partner edge without role: %v", e)
		}
	}

	// The Lithuanian prison department and the Czech prison service meet through KRUS.
	lt := mustQuery(t, c, `{ organisation(name:"Prison Department under the Ministry of Justice of the Republic of Lithuania") { id } cz: organisation(name:"Prison Service of the Czech Republic") { id } }`, nil)
	data = mustQuery(t, c, `query($from: ID!, $to: ID!) { paths(from:$from, to:$to) { length nodes { id label } edges { id kind } } }`,
		map[string]any{"from": get(lt, "organisation", "id"), "to": get(lt, "cz", "id")})
	paths := get(data, "paths").([]any)
	if len(paths) == 0 {
		t.Fatal("no path between the Lithuanian and the Czech prison services")
	}
	if get(paths[0], "length") != 4.0 || get(paths[0], "nodes", 2, "label") != "KRUS" {
		t.Errorf("path: %v", paths[0])
	}

	data = mustQuery(t, c, `{ collaborators(organisation:"org:krus") { totalCount nodes { organisation { name } sharedProjects projects { code } countries { code } } } }`, nil)
	cs := get(data, "collaborators", "nodes").([]any)
	if len(cs) < 2 {
		t.Fatalf("KRUS collaborators: %v", cs)
	}
	names := ""
	for _, c := range cs {
		names += get(c, "organisation", "name").(string) + "; "
	}
	for _, want := range []string{"Prison Department under the Ministry of Justice", "Prison Service of the Czech Republic", "Alternative to Violence"} {
		if !strings.Contains(names, want) {
			t.Errorf("collaborators of KRUS lack %s: %s", want, names)
		}
	}

	data = mustQuery(t, c, `{ organisation(name:"KRUS") { metrics { projects degree partnerCountries betweenness community bridging } } }`, nil)
	m := get(data, "organisation", "metrics")
	if get(m, "projects") != 2.0 || get(m, "degree").(float64) < 2 || get(m, "partnerCountries") != 2.0 || get(m, "betweenness").(float64) <= 0 {
		t.Errorf("KRUS metrics: %v (it joins the Lithuanian and the Czech projects, so it lies between them)", m)
	}

	data = mustQuery(t, c, `{ network(seeds:["org:krus"], depth: 3, nodeKinds: [ORGANISATION, PROJECT]) { nodes { kind } } }`, nil)
	for _, n := range get(data, "network", "nodes").([]any) {
		if k := get(n, "kind"); k != "ORGANISATION" && k != "PROJECT" {
			t.Errorf("nodeKinds let a %v through", k)
		}
	}
	data = mustQuery(t, c, `{ network(seeds:["project:lt14-0004"]) { cy: export(format: CYTOSCAPE) g: export(format: GRAPHOLOGY) } }`, nil)
	if get(data, "network", "cy", "elements", "nodes", 0, "data", "id") != "project:lt14-0004" || get(data, "network", "cy", "elements", "edges", 0, "data", "source") == nil {
		t.Errorf("cytoscape export: %v", get(data, "network", "cy"))
	}
	if get(data, "network", "g", "nodes", 0, "key") != "project:lt14-0004" || get(data, "network", "g", "options", "multi") != true || get(data, "network", "g", "edges", 0, "source") == nil {
		t.Errorf("graphology export: %v", get(data, "network", "g"))
	}
}

func TestNetworkErrors(t *testing.T) {
	store := testStore(t)
	if err := store.Load(context.Background(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	h := graph.NewHandler(store, graph.Options{})
	for q, code := range map[string]string{
		`{ network(seeds:["org:nobody"]) { truncated } }`:                         partnergraph.ENOTFOUND,
		`{ network(seeds:["nonsense"]) { truncated } }`:                           partnergraph.EINVALID,
		`{ network(seeds:["org:krus"], depth: 9) { truncated } }`:                 partnergraph.EINVALID,
		`{ network(seeds:["org:krus"], limit: 6000) { truncated } }`:              partnergraph.EINVALID,
		`{ network(seeds:[]) { truncated } }`:                                     partnergraph.EINVALID,
		`{ paths(from:"org:krus", to:"org:nobody") { length } }`:                  partnergraph.ENOTFOUND,
		`{ paths(from:"org:krus", to:"org:alpha", maxHops: 50) { length } }`:      partnergraph.EINVALID,
		`{ collaborators(organisation:"project:aa01-0001") { totalCount } }`:      partnergraph.EINVALID,
		`{ organisation(id:"org:krus") { projects(first: 500) { totalCount } } }`: partnergraph.EINVALID,
	} {
		if got := errorCode(t, h, q); got != code {
			t.Errorf("%s: %s, want %s", q, got, code)
		}
	}
}

func TestAggregate(t *testing.T) {
	c, _ := newClient(t)
	data := mustQuery(t, c, `{ byCountry: aggregate(groupBy: COUNTRY) { key label projects grant finalCost withGrant }
		norwegianPartners: aggregate(groupBy: ORGANISATION, filter: {funder: "Norway Grants"}) { key label projects } }`, nil)
	var cz map[string]any
	total := 0.0
	for _, b := range get(data, "byCountry").([]any) {
		total += get(b, "projects").(float64)
		if get(b, "key") == "country:CZ" {
			cz = b.(map[string]any)
		}
	}
	if total != 5 || cz == nil || cz["projects"] != 2.0 || cz["grant"] != 418685.0+22768.0 || cz["label"] != "Czech Republic" || cz["finalCost"] != 25453.0 {
		t.Errorf("by country: %v", get(data, "byCountry"))
	}
	found := false
	for _, b := range get(data, "norwegianPartners").([]any) {
		if get(b, "key") == "org:krus" && get(b, "projects") == 2.0 {
			found = true
		}
	}
	if !found {
		t.Errorf("KRUS is not in 2 Norway Grants projects: %v", get(data, "norwegianPartners"))
	}
}

func TestSortAndOperators(t *testing.T) {
	c, _ := newClient(t)
	data := mustQuery(t, c, `{
		byGrant: projects(orderBy: {field: GRANT, direction: DESC}, first: 2) { edges { cursor node { code funding { grant } } } pageInfo { hasNextPage endCursor } }
		bridges: organisations(orderBy: {field: BETWEENNESS, direction: DESC}, first: 1) { nodes { acronym metrics { betweenness } } }
		big: projects(filter: {grant: {gt: 400000}, countryIn: ["CZ", "Lithuania"]}) { totalCount }
		lt: projects(filter: {codeStartsWith: "lt14"}) { nodes { code } }
		nordic: organisations(filter: {countryIn: ["NO"], degree: {gte: 7}, nameStartsWith: "alt"}) { nodes { acronym } }
	}`, nil)
	if get(data, "byGrant", "edges", 0, "node", "code") != "LT14-0004" {
		t.Errorf("largest grant first: %v", get(data, "byGrant"))
	}
	after := get(data, "byGrant", "pageInfo", "endCursor")
	next := mustQuery(t, c, `query($after: String) { projects(orderBy: {field: GRANT, direction: DESC}, first: 5, after: $after) { nodes { funding { grant } } } }`, map[string]any{"after": after})
	prev := get(data, "byGrant", "edges", 1, "node", "funding", "grant").(float64)
	for _, n := range get(next, "projects", "nodes").([]any) {
		g, _ := get(n, "funding", "grant").(float64)
		if g > prev {
			t.Errorf("page 2 has a grant %v above page 1's last %v", g, prev)
		}
	}
	if get(data, "bridges", "nodes", 0, "acronym") != "KRUS" {
		t.Errorf("highest betweenness: %v", get(data, "bridges"))
	}
	if get(data, "big", "totalCount") != 2.0 {
		t.Errorf("grant > 400000 in CZ or LT: %v", get(data, "big"))
	}
	if get(data, "lt", "nodes", 0, "code") != "LT14-0004" {
		t.Errorf("code prefix: %v", get(data, "lt"))
	}
	if get(data, "nordic", "nodes", 0, "acronym") != "ATV" {
		t.Errorf("Norwegian, degree >= 7, name starts with alt: %v", get(data, "nordic"))
	}
}

func TestSearchAndSimilar(t *testing.T) {
	c, _ := newClient(t)
	data := mustQuery(t, c, `{
		a: search(query: "jihocesky") { kind label score snippet node { id } }
		b: search(query: "KRUS", kinds: [ORGANISATION]) { label node { ... on Organisation { name } } }
		c: search(query: "anger management", first: 3) { kind label snippet }
	}`, nil)
	if get(data, "a", 0, "node", "id") != "project:cz12-0042" {
		t.Errorf("jihocesky: %v", get(data, "a"))
	}
	if get(data, "b", 0, "label") != "KRUS" {
		t.Errorf("KRUS: %v", get(data, "b"))
	}
	found := false
	for _, h := range get(data, "c").([]any) {
		if s, _ := get(h, "snippet").(string); strings.Contains(s, "<mark>anger</mark> <mark>management</mark>") {
			found = true
		}
	}
	if !found {
		t.Errorf("no highlighted snippet for anger management: %v", get(data, "c"))
	}

	data = mustQuery(t, c, `{ similarProjects(project: "project:lt14-0004", first: 3) {
		project { code title } score structureScore textScore reasons { kind shared { id name } weight explanation } } }`, nil)
	first := get(data, "similarProjects", 0)
	if !strings.HasPrefix(get(first, "project", "title").(string), "Projects for vulnerable groups") {
		t.Errorf("like LT14-0004: %v", get(data, "similarProjects"))
	}
	text := ""
	for _, r := range get(first, "reasons").([]any) {
		text += get(r, "explanation").(string) + "; "
	}
	if !strings.Contains(text, "KRUS") || !strings.Contains(text, "donor project partner") {
		t.Errorf("reasons do not mention the shared donor partner KRUS: %s", text)
	}
	data = mustQuery(t, c, `{ similarProjects(text: "training prison staff to run anger management programmes", first: 3, weights: {text: 0.5}) {
		project { title } reasons { explanation } textScore } }`, nil)
	if n := len(get(data, "similarProjects").([]any)); n == 0 {
		t.Error("no projects like the text")
	}
}

func TestNestedListsPage(t *testing.T) {
	c, _ := newClient(t)
	var seen []string
	after := any(nil)
	for i := 0; i < 10; i++ {
		data := mustQuery(t, c, `query($after: String) { collaborators(organisation: "org:krus", first: 3, after: $after) {
			totalCount edges { cursor node { organisation { id } sharedProjects } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": after})
		for _, e := range get(data, "collaborators", "edges").([]any) {
			seen = append(seen, get(e, "node", "organisation", "id").(string))
		}
		if get(data, "collaborators", "pageInfo", "hasNextPage") != true {
			if get(data, "collaborators", "totalCount").(float64) != float64(len(seen)) {
				t.Errorf("paged %d of %v collaborators", len(seen), get(data, "collaborators", "totalCount"))
			}
			break
		}
		after = get(data, "collaborators", "pageInfo", "endCursor")
	}
	dup := map[string]bool{}
	for _, id := range seen {
		if dup[id] {
			t.Errorf("%s on two pages", id)
		}
		dup[id] = true
	}
	data := mustQuery(t, c, `{ organisation(name:"KRUS") { partnered(first: 1) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } } }`, nil)
	if get(data, "organisation", "partnered", "totalCount") != 2.0 || get(data, "organisation", "partnered", "pageInfo", "hasNextPage") != true {
		t.Errorf("partnered page: %v", get(data, "organisation", "partnered"))
	}
	next := mustQuery(t, c, `query($a: String) { organisation(name:"KRUS") { partnered(first: 1, after: $a) { nodes { code } pageInfo { hasNextPage } } } }`,
		map[string]any{"a": get(data, "organisation", "partnered", "pageInfo", "endCursor")})
	if get(next, "organisation", "partnered", "pageInfo", "hasNextPage") != false || len(get(next, "organisation", "partnered", "nodes").([]any)) != 1 {
		t.Errorf("second page: %v", get(next, "organisation", "partnered"))
	}
}

// nodes(ids:) is one store call, whatever the number of ids.
func TestNodesIsOneStoreCall(t *testing.T) {
	c, cs := newClient(t)
	cs.nodes.Store(0)
	data := mustQuery(t, c, `{ nodes(ids: ["org:krus", "project:lt14-0004", "country:NO", "tg:prisoners", "org:nobody", "funder:norway-grants"]) { id } }`, nil)
	if n := cs.nodes.Load(); n != 1 {
		t.Errorf("nodes(ids:) made %d store calls, want 1", n)
	}
	list := get(data, "nodes").([]any)
	if len(list) != 6 || get(data, "nodes", 0, "id") != "org:krus" || get(data, "nodes", 2, "id") != "country:NO" || list[4] != nil {
		t.Errorf("nodes: %v", list)
	}
}

// TestInvolvements: an organisation's part in each project, with its role and
// the sheet's sentences that say so, paged by project and filtered by role;
// and "which Norwegian organisations were donor project partners, where"
// is one query.
func TestInvolvements(t *testing.T) {
	c, cs := newClientWith(t, graph.Options{BatchWait: 10 * time.Millisecond})
	data := mustQuery(t, c, `{ organisation(name:"KRUS") {
		all: involvements { totalCount nodes { role project { id } evidence { section text } } }
		donor: involvements(roles:[DONOR_PROJECT_PARTNER], first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { role project { id } } }
		promoter: involvements(roles:[PROMOTER]) { totalCount nodes { role } }
	} }`, nil)
	all := get(data, "organisation", "all", "nodes").([]any)
	if len(all) != 2 || get(data, "organisation", "all", "totalCount") != 2.0 {
		t.Fatalf("KRUS's involvements: %v", all)
	}
	for _, in := range all {
		if get(in, "role") != "DONOR_PROJECT_PARTNER" || get(in, "project", "id") == nil {
			t.Errorf("involvement %v", in)
		}
		ev := get(in, "evidence").([]any)
		if len(ev) == 0 || !strings.Contains(strings.ToLower(get(ev[0], "text").(string)), "krus") && !strings.Contains(strings.ToLower(get(ev[0], "text").(string)), "correctional") {
			t.Errorf("involvement of %v: evidence %v does not name KRUS", get(in, "project", "id"), ev)
		}
	}
	if get(data, "organisation", "promoter", "totalCount") != 0.0 {
		t.Errorf("KRUS promotes: %v", get(data, "organisation", "promoter"))
	}
	if get(data, "organisation", "donor", "pageInfo", "hasNextPage") != true || get(data, "organisation", "donor", "totalCount") != 2.0 {
		t.Fatalf("first page: %v", get(data, "organisation", "donor"))
	}
	first := get(data, "organisation", "donor", "nodes", 0, "project", "id")
	data = mustQuery(t, c, `query($after: String) { organisation(name:"KRUS") { involvements(roles:[DONOR_PROJECT_PARTNER], first: 1, after: $after) { pageInfo { hasNextPage } nodes { project { id } } } } }`,
		map[string]any{"after": get(data, "organisation", "donor", "pageInfo", "endCursor")})
	if second := get(data, "organisation", "involvements", "nodes", 0, "project", "id"); second == first || second == nil || get(data, "organisation", "involvements", "pageInfo", "hasNextPage") != false {
		t.Errorf("second page: %v after %v", get(data, "organisation", "involvements"), first)
	}

	// The research question, one query, the involvements of a list of
	// organisations in one store call.
	q := `{ organisations(filter:{country:"NO", roles:[DONOR_PROJECT_PARTNER]}, first: 50) { nodes { name involvements(roles:[DONOR_PROJECT_PARTNER]) { nodes { role project { code country { code } } } } } } }`
	mustQuery(t, c, q, nil)
	cs.involvements.Store(0)
	data = mustQuery(t, c, q, nil)
	orgs := get(data, "organisations", "nodes").([]any)
	if len(orgs) < 3 {
		t.Errorf("Norwegian donor project partners: %v", orgs)
	}
	for _, o := range orgs {
		if len(get(o, "involvements", "nodes").([]any)) == 0 {
			t.Errorf("%v is a donor project partner of no project", get(o, "name"))
		}
	}
	if n := cs.involvements.Load(); n != 1 {
		t.Errorf("Involvements called %d times for a list of organisations, want 1", n)
	}
}

// downNodes is a store whose node reads fail, as a database that went away
// after the first read would.
type downNodes struct{ partnergraph.Store }

func (downNodes) Nodes(context.Context, []string) ([]partnergraph.Node, error) {
	return nil, partnergraph.Errorf(partnergraph.EUNAVAILABLE, "the database is down")
}

// A walk that fails leaves the fields below to the loaders, which answer
// the store's error where it belongs, with its code, and the rest of the
// answer stands.
func TestNestedQueryStoreDown(t *testing.T) {
	_, cs := newClient(t)
	c := client.New(graph.NewHandler(downNodes{cs.Store}, graph.Options{}))
	// The promoter is nullable: its error nulls it and nothing above.
	data, errs := query(t, c, `{ projects(first: 3) { nodes { code promoter { name } } } }`, nil)
	if len(errs) == 0 {
		t.Fatal("no error from a store whose reads fail")
	}
	for _, e := range errs {
		if e.Extensions["code"] != "EUNAVAILABLE" {
			t.Errorf("error %q has code %v, want EUNAVAILABLE", e.Message, e.Extensions["code"])
		}
		if len(e.Path) != 4 || e.Path[3] != "promoter" {
			t.Errorf("error %q at %v, want it at a project's promoter", e.Message, e.Path)
		}
	}
	if nodes, _ := get(data, "projects", "nodes").([]any); len(nodes) != 3 || get(nodes[0], "code") == nil {
		t.Errorf("the projects, read before the store went down, are lost: %v", data)
	}
}
