package memstore

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen/gentest"
)

// TestApplyPatchesAsLoadBuilds: a store that takes changes (Apply patches
// its lookups) holds the same lookups as a store that loads the result
// (Load builds them from every node): sorted ids, codes, names, postings,
// involvements and every node's edges, in order.
func TestApplyPatchesAsLoadBuilds(t *testing.T) {
	ctx := context.Background()
	graphs := []*partnergraph.Graph{gentest.Graph(t, 300, 1), gentest.Graph(t, 250, 2), gentest.Graph(t, 320, 1), gentest.Graph(t, 40, 3)}
	s := New()
	if err := s.Load(ctx, graphs[0]); err != nil {
		t.Fatal(err)
	}
	prev := graphs[0]
	for i, g := range append(graphs[1:], graphs[0]) {
		changed, removed := partnergraph.Diff(prev, g)
		if err := s.Apply(ctx, changed, removed); err != nil {
			t.Fatal(err)
		}
		fresh := New()
		if err := fresh.Load(ctx, g); err != nil {
			t.Fatal(err)
		}
		sameLookups(t, fmt.Sprint("change ", i), s, fresh)
		prev = g
	}
}

func sameLookups(t *testing.T, what string, a, b *Store) {
	t.Helper()
	for _, c := range []struct {
		name string
		x, y any
	}{
		{"projectIDs", a.projectIDs, b.projectIDs},
		{"orgIDs", a.orgIDs, b.orgIDs},
		{"byCode", a.byCode, b.byCode},
		{"codeIDs", a.codeIDs, b.codeIDs},
		{"byName", a.byName, b.byName},
		{"nameCands", a.nameCands, b.nameCands},
		{"postings", a.postings, b.postings},
		{"involvements", a.involvements, b.involvements},
		{"projectList", a.projectList, b.projectList},
		{"countries", a.countries, b.countries},
	} {
		if !reflect.DeepEqual(c.x, c.y) {
			t.Errorf("%s: %s differ", what, c.name)
		}
	}
	ids := append(append([]string(nil), a.adjacency.ids...), b.adjacency.ids...)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if x, y := a.adjacency.of(id), b.adjacency.of(id); !reflect.DeepEqual(x, y) {
			t.Errorf("%s: edges of %s differ:\n  patched %v\n  built   %v", what, id, x, y)
			return
		}
	}
	// Betweenness sums in map order: its last digits vary from run to run.
	got, want := a.metrics.wait(), b.metrics.wait()
	if len(got) != len(want) {
		t.Errorf("%s: metrics of %d organisations, want %d", what, len(got), len(want))
	}
	for id, m := range want {
		g := got[id]
		if math.Abs(g.Betweenness-m.Betweenness) > 1e-9 {
			t.Errorf("%s: betweenness of %s %v, want %v", what, id, g.Betweenness, m.Betweenness)
		}
		g.Betweenness = m.Betweenness
		if g != m {
			t.Errorf("%s: metrics of %s %+v, want %+v", what, id, g, m)
		}
	}
}
