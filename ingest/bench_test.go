package ingest

import (
	"testing"

	"github.com/partnergraph/partnergraph/gen"
)

// BenchmarkParseExtract: one sheet parsed and its prose extracted, the
// per-sheet work of ingestion (resolution is per corpus; see BenchmarkBuild).
func BenchmarkParseExtract(b *testing.B) {
	sheets := gen.Generate(1000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := sheets[i%len(sheets)]
		sh, err := Parse(s.Name, []byte(s.Text))
		if err != nil {
			b.Fatal(err)
		}
		Extract(sh)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sheets/s")
}

// BenchmarkBuild: a corpus of 10,000 sheets parsed, extracted and resolved.
func BenchmarkBuild(b *testing.B) {
	sheets := gen.Generate(10000, 1)
	srcs := make([]Source, len(sheets))
	for i, s := range sheets {
		srcs[i] = Source{Name: s.Name, Data: []byte(s.Text)}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Build(srcs)
	}
	b.ReportMetric(float64(b.N*len(srcs))/b.Elapsed().Seconds(), "sheets/s")
}
