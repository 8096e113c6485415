package memstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/memstore"
)

// BenchmarkLoad10k: the embedded store built from a resolved corpus of
// 10,000 sheets: indexes, network metrics and the full-text index.
func BenchmarkLoad10k(b *testing.B) {
	g := gentest.Graph(b, 10000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := memstore.New().Load(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch: the canonical four-word search of bench/load.sh, whose
// words occur in most generated projects, on a loaded store.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("corpus=%d", n), func(b *testing.B) {
			s := memstore.New()
			if err := s.Load(context.Background(), gentest.Graph(b, n, 1)); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if hits, err := s.Search(context.Background(), "anger management for prison staff", nil, 10); err != nil || len(hits) != 10 {
					b.Fatal(err, hits)
				}
			}
		})
	}
}
