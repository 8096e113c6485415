package neo4jstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen"
	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/library"
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

// BenchmarkIngestDocument: one sheet written through a library on the live
// test Neo4j holding a generated corpus of 10,000 sheets (alternately new
// and a replacement): the resolver's update, then the change, the text,
// the ids and the change log in one transaction.
func BenchmarkIngestDocument(b *testing.B) {
	s := neo4jtest.Open(b)
	ctx := context.Background()
	sheets := gen.Generate(10001, 7)
	seed := make([]ingest.Source, 10000)
	for i := range seed {
		seed[i] = ingest.Source{Name: sheets[i].Name, Data: []byte(sheets[i].Text)}
	}
	lib, _, err := library.Open(ctx, s, library.Options{Seed: seed, Writable: true})
	if err != nil {
		b.Fatal(err)
	}
	writer := partnergraph.WithPrincipal(ctx, &partnergraph.Principal{KeyID: "bench"})
	extra := sheets[10000]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := lib.IngestDocument(writer, fmt.Sprintf("extra-%d.txt", i%2), extra.Text); err != nil {
			b.Fatal(err)
		}
	}
}
