package library

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen/gentest"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/memstore"
)

// settle waits for the work Open left running in the background.
func (l *Library) settle() {
	l.mu.Lock()
	defer l.mu.Unlock()
}

func TestSnapshotRoundTrip(t *testing.T) {
	for name, srcs := range map[string][]ingest.Source{"sample": sampleSources(t), "generated": gentest.Sources(chunkSize+300, 7)} {
		records, problems := ingest.ReadAll(srcs, ingest.Options{})
		g := ingest.Resolve(records, ingest.Gazetteer())
		path := filepath.Join(t.TempDir(), "graph.snapshot")
		problems = append(problems, ingest.Problem{Document: "x.txt", Reason: "a problem kept"})
		if err := writeSnapshot(path, "fp", &snapshotBody{Graph: g, Documents: len(records), Problems: problems}); err != nil {
			t.Fatal(err)
		}
		b, err := readSnapshot(path, "fp")
		if err != nil {
			t.Fatal(err)
		}
		sameGraph(t, name, g, b.Graph)
		if b.Documents != len(records) || !reflect.DeepEqual(b.Problems, problems) {
			t.Errorf("%s: read %d documents and problems %v, want %d and %v", name, b.Documents, b.Problems, len(records), problems)
		}
		if _, err := readSnapshot(path, "another"); err != errStale {
			t.Errorf("%s: another fingerprint: %v, want errStale", name, err)
		}
	}
}

// openSnap opens a library on seed with a snapshot file and waits for its
// background work.
func openSnap(t *testing.T, seed []ingest.Source, snapshot, build string, writable bool) (*Library, *Report, partnergraph.Store) {
	t.Helper()
	store := memstore.New()
	lib, rep, err := Open(context.Background(), store, Options{Seed: seed, Snapshot: snapshot, Build: build, Writable: writable})
	if err != nil {
		t.Fatal(err)
	}
	lib.settle()
	return lib, rep, store
}

func TestOpenFromSnapshot(t *testing.T) {
	seed := sampleSources(t)
	snap := filepath.Join(t.TempDir(), "graph.snapshot")
	_, first, store1 := openSnap(t, seed, snap, "v1", false)
	if first.FromSnapshot {
		t.Fatal("the first start has no snapshot to read")
	}
	if _, err := os.Stat(snap); err != nil {
		t.Fatalf("no snapshot written: %v", err)
	}
	_, second, store2 := openSnap(t, seed, snap, "v1", false)
	if !second.FromSnapshot {
		t.Fatal("the second start on the same documents did not read the snapshot")
	}
	sameGraph(t, "from the snapshot", first.Graph, second.Graph)
	if a, b := projectCodes(t, store1), projectCodes(t, store2); !reflect.DeepEqual(a, b) || len(a) == 0 {
		t.Errorf("projects %v, from the snapshot %v", a, b)
	}
	if second.Documents != first.Documents {
		t.Errorf("documents %d, from the snapshot %d", first.Documents, second.Documents)
	}

	// Another program, or other documents: resolved again, never trusted.
	if _, rep, _ := openSnap(t, seed, snap, "v2", false); rep.FromSnapshot {
		t.Error("a snapshot of another build was read")
	}
	changed := append([]ingest.Source(nil), seed...)
	changed[0].Data = append([]byte(nil), changed[0].Data...)
	changed[0].Data[len(changed[0].Data)/2] ^= 1
	if _, rep, _ := openSnap(t, changed, snap, "v2", false); rep.FromSnapshot {
		t.Error("a snapshot of other documents was read")
	}
	if _, rep, _ := openSnap(t, seed[1:], snap, "v2", false); rep.FromSnapshot {
		t.Error("a snapshot with one more document was read")
	}

	// A damaged snapshot is reported, not read, and replaced.
	data, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(snap, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	_, rep, _ := openSnap(t, seed[1:], snap, "v2", false)
	if rep.FromSnapshot {
		t.Fatal("a truncated snapshot was read")
	}
	sameGraph(t, "after a damaged snapshot", rep.Graph, func() *partnergraph.Graph {
		r, _ := ingest.ReadAll(seed[1:], ingest.Options{})
		return ingest.Resolve(r, ingest.Gazetteer())
	}())
	if _, rep, _ := openSnap(t, seed[1:], snap, "v2", false); !rep.FromSnapshot {
		t.Error("the damaged snapshot was not replaced")
	}
}

// A writable library started from a snapshot answers a write as one that
// read every document.
func TestWriteAfterSnapshotStart(t *testing.T) {
	seed := sampleSources(t)
	snap := filepath.Join(t.TempDir(), "graph.snapshot")
	openSnap(t, seed, snap, "v1", true)
	fromSnap, rep, store1 := openSnap(t, seed, snap, "v1", true)
	if !rep.FromSnapshot {
		t.Fatal("not started from the snapshot")
	}
	plain, store2 := open(t, "", seed)
	text := testSheet(t)
	a, err := fromSnap.IngestDocument(writer, "ee-probation-mentoring.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	b, err := plain.IngestDocument(writer, "ee-probation-mentoring.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(a.Changed)
	sort.Strings(b.Changed)
	if !reflect.DeepEqual(a.Changed, b.Changed) || !reflect.DeepEqual(a.Removed, b.Removed) || len(a.Changed) == 0 {
		t.Errorf("after a snapshot start the write changed %v and removed %v; after a full start %v and %v", a.Changed, a.Removed, b.Changed, b.Removed)
	}
	if x, y := projectCodes(t, store1), projectCodes(t, store2); !reflect.DeepEqual(x, y) {
		t.Errorf("projects %v, want %v", x, y)
	}
}

// Sheets in a directory are matched by name, size and modification time:
// any change of them, or of a document kept in the data directory, makes
// the snapshot stale.
func TestSnapshotOfADirectory(t *testing.T) {
	docs, data := t.TempDir(), t.TempDir()
	for _, src := range sampleSources(t) {
		if err := os.WriteFile(filepath.Join(docs, src.Name), src.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	snap := filepath.Join(data, "graph.snapshot")
	start := func() *Report {
		t.Helper()
		lib, rep, err := Open(context.Background(), memstore.New(), Options{SeedFS: os.DirFS(docs), Dir: data, Snapshot: snap, Build: "v1", Writable: true})
		if err != nil {
			t.Fatal(err)
		}
		lib.settle()
		return rep
	}
	if rep := start(); rep.FromSnapshot || rep.Documents == 0 {
		t.Fatalf("first start: from snapshot %v, %d documents", rep.FromSnapshot, rep.Documents)
	}
	if rep := start(); !rep.FromSnapshot {
		t.Fatal("second start did not read the snapshot")
	}
	entries, _ := os.ReadDir(docs)
	first := filepath.Join(docs, entries[0].Name())
	for _, change := range []struct {
		what string
		do   func() error
	}{
		{"a sheet grew", func() error {
			b, _ := os.ReadFile(first)
			return os.WriteFile(first, append(b, '\n'), 0o644)
		}},
		{"a sheet's time changed", func() error {
			return os.Chtimes(first, time.Now(), time.Now().Add(time.Hour))
		}},
		{"a sheet was added", func() error {
			return os.WriteFile(filepath.Join(docs, "ee-probation-mentoring.txt"), []byte(testSheet(t)), 0o644)
		}},
		{"a document was written through the API", func() error {
			lib, _, err := Open(context.Background(), memstore.New(), Options{SeedFS: os.DirFS(docs), Dir: data, Writable: true})
			if err != nil {
				return err
			}
			_, err = lib.IngestDocument(writer, "another.txt", testSheet(t))
			return err
		}},
	} {
		if err := change.do(); err != nil {
			t.Fatal(change.what, err)
		}
		if rep := start(); rep.FromSnapshot {
			t.Errorf("%s: the snapshot was read", change.what)
		}
		if rep := start(); !rep.FromSnapshot {
			t.Errorf("%s: the snapshot was not renewed", change.what)
		}
	}
}

// A temporary file a crash left while writing the snapshot is cleared by
// the next write.
func TestSnapshotClearsUnfinishedWrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "graph.snapshot")
	left := filepath.Join(dir, "graph.snapshot.tmp-123")
	if err := os.WriteFile(left, []byte("half a snapshot"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeSnapshot(path, "fp", &snapshotBody{Graph: &partnergraph.Graph{}}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "graph.snapshot" {
		t.Errorf("files after a write: %v", entries)
	}
}

// current is the graph the library's resolver holds.
func (l *Library) current() *partnergraph.Graph {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.res.Graph()
}
