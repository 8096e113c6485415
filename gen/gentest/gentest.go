// Package gentest turns generated corpora (package gen) into what tests and
// benchmarks feed the system: sources for ingest and library, or a built
// graph for a store.
package gentest

import (
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen"
	"github.com/partnergraph/partnergraph/ingest"
)

// Sources are n generated sheets as ingest reads them.
func Sources(n int, seed uint64) []ingest.Source {
	sheets := gen.Generate(n, seed)
	srcs := make([]ingest.Source, len(sheets))
	for i, s := range sheets {
		srcs[i] = ingest.Source{Name: s.Name, Data: []byte(s.Text)}
	}
	return srcs
}

// Graph is n generated sheets built into one graph; a sheet that cannot be
// read fails tb.
func Graph(tb testing.TB, n int, seed uint64) *partnergraph.Graph {
	tb.Helper()
	g, problems := ingest.Build(Sources(n, seed))
	if len(problems) > 0 {
		tb.Fatal(problems[0])
	}
	return g
}
