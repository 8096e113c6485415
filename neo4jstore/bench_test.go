package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// Benchmarks on the live test Neo4j (NEO4J_TEST_URI), a generated corpus of
// 2,000 sheets: what one store call costs, against a trivial round trip.
func BenchmarkLive(b *testing.B) {
	s := neo4jtest.Open(b)
	ctx := context.Background()
	g := gentest.Graph(b, 2000, 3)
	if err := s.Load(ctx, g); err != nil {
		b.Fatal(err)
	}
	code := g.Projects[len(g.Projects)/2].Code
	b.Run("Ping", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := s.Ping(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ProjectByCode", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.ProjectByCode(ctx, code); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Search", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.Search(ctx, "anger management for prison staff", nil, 10); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Nodes10", func(b *testing.B) {
		ids := []string{}
		for _, p := range g.Projects[:10] {
			ids = append(ids, p.ID)
		}
		for i := 0; i < b.N; i++ {
			if _, err := s.Nodes(ctx, ids); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLoad writes a generated corpus of 2,000 sheets into the live
// test Neo4j, wiped first: the store's share of `server ingest`.
func BenchmarkLoad(b *testing.B) {
	s := neo4jtest.Open(b)
	ctx := context.Background()
	g := gentest.Graph(b, 2000, 5)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := s.Wipe(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.Load(ctx, g); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(g.Documents))*float64(b.N)/b.Elapsed().Seconds(), "sheets/s")
}
