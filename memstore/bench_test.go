package memstore_test

import (
	"context"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/memstore"
)

func corpus(b *testing.B, n int) *partnergraph.Graph {
	b.Helper()
	sheets := gen.Generate(n, 1)
	srcs := make([]ingest.Source, len(sheets))
	for i, s := range sheets {
		srcs[i] = ingest.Source{Name: s.Name, Data: []byte(s.Text)}
	}
	g, _ := ingest.Build(srcs)
	return g
}

// BenchmarkLoad10k: the embedded store built from a resolved corpus of
// 10,000 sheets: indexes, network metrics and the full-text index.
func BenchmarkLoad10k(b *testing.B) {
	g := corpus(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := memstore.New().Load(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
}
