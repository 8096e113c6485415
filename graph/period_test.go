package graph_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/sample"
)

// pagingStore counts the pages of projects read, and tells its version.
type pagingStore struct {
	*memstore.Store
	pages atomic.Int64
}

func (s *pagingStore) Projects(ctx context.Context, f *partnergraph.ProjectFilter, p partnergraph.Page) (*partnergraph.ProjectPage, error) {
	s.pages.Add(1)
	return s.Store.Projects(ctx, f, p)
}

// TestPeriodMetricsKept: a period's metrics are computed once for a version
// of the graph: another organisation's metrics of the same period, in a
// later request, read no project; after a write they are computed again.
func TestPeriodMetricsKept(t *testing.T) {
	srcs, _, err := ingest.ReadFS(sample.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := ingest.Build(srcs)
	store := &pagingStore{Store: memstore.New()}
	if err := store.Load(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	c := client.New(graph.NewHandler(store, graph.Options{}))
	ask := func(org string) int {
		t.Helper()
		data, errs := query(t, c, `query($id: ID!) { organisation(id: $id) { metrics(period: {from: "2014-2021", to: "2014-2021"}) { degree previous { degree } } } }`, map[string]any{"id": org})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		m := data["organisation"].(map[string]any)["metrics"].(map[string]any)
		return int(m["degree"].(float64))
	}
	if ask("org:krus") != 7 {
		t.Fatal("KRUS's degree in 2014-2021 is not 7")
	}
	first := store.pages.Load()
	if first == 0 {
		t.Fatal("the period's metrics read no project")
	}
	if ask("org:dncs") == 0 || store.pages.Load() != first {
		t.Errorf("another organisation's metrics of the same period read %d pages again", store.pages.Load()-first)
	}
	// A write moves the version on: the metrics are computed again.
	if err := store.Load(context.Background(), &partnergraph.Graph{}); err != nil {
		t.Fatal(err)
	}
	ask("org:krus")
	if store.pages.Load() == first {
		t.Error("after a write the period's metrics were not computed again")
	}
}

// TestAggregatePeriod: aggregate's period argument keeps what the filter's
// period keeps, and adds to a filter given beside it.
func TestAggregatePeriod(t *testing.T) {
	c, _ := newClient(t)
	for _, pair := range [][2]string{
		{`{ aggregate(groupBy: COUNTRY, period: {from: "2009-2014", to: "2009-2014"}) { key projects grant } }`,
			`{ aggregate(groupBy: COUNTRY, filter: {period: {from: "2009-2014", to: "2009-2014"}}) { key projects grant } }`},
		{`{ aggregate(groupBy: COUNTRY, filter: {country: "LT"}, period: {from: "2009-2014", to: "2009-2014"}) { key projects grant } }`,
			`{ aggregate(groupBy: COUNTRY, filter: {and: [{country: "LT"}, {period: {from: "2009-2014", to: "2009-2014"}}]}) { key projects grant } }`},
	} {
		a, errs := query(t, c, pair[0], nil)
		b, errs2 := query(t, c, pair[1], nil)
		if len(errs) > 0 || len(errs2) > 0 || mustJSON(a) != mustJSON(b) || len(a["aggregate"].([]any)) == 0 {
			t.Errorf("%s\n= %s\n%v %v", mustJSON(a), mustJSON(b), errs, errs2)
		}
	}
	if _, errs := query(t, c, `{ aggregate(groupBy: COUNTRY, period: {from: "soon"}) { key } }`, nil); len(errs) == 0 || errs[0].Extensions["code"] != "EINVALID" {
		t.Errorf("a malformed period: %v", errs)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
