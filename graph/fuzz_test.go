package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/storetest"
)

// FuzzGraphQL: any request body gets a JSON answer, never a panic or a 500.
func FuzzGraphQL(f *testing.F) {
	store := memstore.New()
	if err := store.Load(context.Background(), storetest.Fixture()); err != nil {
		f.Fatal(err)
	}
	h := graph.NewHandler(store, graph.Options{})
	for _, q := range []string{
		`{"query":"{ project(code:\"AA01-0001\") { title partners { role organisation { name } } } }"}`,
		`{"query":"{ network(seeds:[\"org:krus\"], depth: 2) { nodes { id } edges { id } } }"}`,
		`{"query":"{ search(query: \"krus\") { label } similarProjects(project: \"project:aa01-0001\") { score } }"}`,
		`{"query":"{ projects(filter: {or: [{country: \"SK\"}, {not: {status: \"x\"}}]}, orderBy: {field: GRANT}) { nodes { id } } }"}`,
		`{"query":"query($a: String) { projects(after: $a) { totalCount } }","variables":{"a":"bad"}}`,
		`{"query":"{ paths(from: \"org:alpha\", to: \"org:krus\") { length } aggregate(groupBy: COUNTRY) { key } }"}`,
		`not json`,
	} {
		f.Add([]byte(q))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("answer is not JSON for %q: %s", body, rec.Body)
		}
	})
}
