package library

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/partnergraph/partnergraph/gen"
	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/memstore"
)

// BenchmarkIngestDocument: one sheet written through the library on top of
// a generated corpus, to the disk and the embedded store: the corpus is
// resolved again and the store rebuilds its indexes and metrics.
func BenchmarkIngestDocument(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("corpus=%d", n), func(b *testing.B) {
			sheets := gen.Generate(n+1, 7)
			seed := make([]ingest.Source, n)
			for i := range seed {
				seed[i] = ingest.Source{Name: sheets[i].Name, Data: []byte(sheets[i].Text)}
			}
			lib, _, err := Open(context.Background(), memstore.New(), Options{Dir: b.TempDir(), Seed: seed, Writable: true})
			if err != nil {
				b.Fatal(err)
			}
			extra := sheets[n]
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				name := fmt.Sprintf("extra-%d.txt", i%2) // alternately new and a replacement
				if _, err := lib.IngestDocument(writer, name, extra.Text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpen: a read-only start of the embedded store on a generated
// corpus: reading, extracting and resolving every sheet, then the store's
// indexes, full-text index and (in the background) network metrics.
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("corpus=%d", n), func(b *testing.B) {
			seed := gentest.Sources(n, 1)
			b.Run("sheets", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, _, err := Open(context.Background(), memstore.New(), Options{Seed: seed}); err != nil {
						b.Fatal(err)
					}
				}
			})
			// A restart on the same sheets: the graph comes from the
			// snapshot the first start wrote.
			b.Run("snapshot", func(b *testing.B) {
				opts := Options{Seed: seed, Snapshot: filepath.Join(b.TempDir(), "graph.snapshot"), Build: "bench"}
				lib, _, err := Open(context.Background(), memstore.New(), opts)
				if err != nil {
					b.Fatal(err)
				}
				lib.settle()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, rep, err := Open(context.Background(), memstore.New(), opts); err != nil || !rep.FromSnapshot {
						b.Fatal(err, "or not from the snapshot")
					}
				}
			})
		})
	}
}

// BenchmarkSnapshot: writing and reading the snapshot of a generated
// corpus's graph. Run with -benchmem: the bytes a write allocates are
// garbage made while the server serves.
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range []int{10000} {
		b.Run(fmt.Sprintf("corpus=%d", n), func(b *testing.B) {
			_, rep, err := Open(context.Background(), memstore.New(), Options{Seed: gentest.Sources(n, 1)})
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(b.TempDir(), "graph.snapshot")
			body := &snapshotBody{Graph: rep.Graph, Documents: rep.Documents}
			b.Run("write", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if err := writeSnapshot(path, "fp", body); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("read", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					got, err := readSnapshot(path, "fp")
					if err != nil || len(got.Graph.Projects) != len(rep.Graph.Projects) {
						b.Fatal(err, "or another graph")
					}
				}
			})
		})
	}
}
