package library

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/memstore"
)

func resolveSheet(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "ingest", "testdata", "resolve", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func orgNode(t *testing.T, s partnergraph.Store, id string) *partnergraph.Organisation {
	t.Helper()
	nodes, err := s.Nodes(context.Background(), []string{id})
	if err != nil {
		t.Fatal(err)
	}
	o, _ := nodes[0].(*partnergraph.Organisation)
	return o
}

// Organisation ids survive a rename of the preferred name, a merge, a
// split and restarts: the ids given are kept in the directory.
func TestIDsKeptAcrossWritesAndRestarts(t *testing.T) {
	dir := t.TempDir()
	lib, store := open(t, dir, nil)
	const npa, pohjola = "org:northern-prison-administration", "org:pohjolan-vankeinhoitolaitos"
	for _, name := range []string{"north-1.txt", "north-2.txt"} {
		if _, err := lib.IngestDocument(writer, name, resolveSheet(t, name)); err != nil {
			t.Fatal(err)
		}
	}
	// north-3 joins the two names: one organisation, named as two facts
	// blocks name it, with the older id; the other id answers with it.
	res, err := lib.IngestDocument(writer, "north-3.txt", resolveSheet(t, "north-3.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !contains(res.Removed, pohjola) || !contains(res.Changed, npa) {
		t.Errorf("the merge: changed %v, removed %v", res.Changed, res.Removed)
	}
	if o := orgNode(t, store, pohjola); o == nil || o.ID != npa || o.Name != "Pohjolan Vankeinhoitolaitos" || !reflect.DeepEqual(o.MergedIDs, []string{pohjola}) {
		t.Errorf("the merged id answers %+v, want %s named Pohjolan Vankeinhoitolaitos", o, npa)
	}
	lib2, store2 := open(t, dir, nil)
	sameGraph(t, "a restart after the merge", lib.current(), lib2.current())
	if o := orgNode(t, store2, npa); o == nil || o.Name != "Pohjolan Vankeinhoitolaitos" {
		t.Errorf("after a restart: %+v", o)
	}
	// Deleting north-3 splits them: each has its own id again.
	if _, err := lib2.DeleteDocument(writer, "doc:north-3-txt"); err != nil {
		t.Fatal(err)
	}
	for id, name := range map[string]string{npa: "Northern Prison Administration", pohjola: "Pohjolan Vankeinhoitolaitos"} {
		if o := orgNode(t, store2, id); o == nil || o.ID != id || o.Name != name || len(o.MergedIDs) != 0 {
			t.Errorf("after the split, %s is %+v", id, o)
		}
	}
	lib3, _ := open(t, dir, nil)
	sameGraph(t, "a restart after the split", lib2.current(), lib3.current())
}

// A restart after writes reads the snapshot the writes left, not every
// document, and gets the same graph.
func TestSnapshotAfterWrites(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Dir: dir, Seed: sampleSources(t), Snapshot: filepath.Join(dir, "graph.snapshot"), Build: "v1", Writable: true}
	lib, _, err := Open(context.Background(), memstore.New(), opts)
	if err != nil {
		t.Fatal(err)
	}
	lib.settle()
	if _, err := lib.IngestDocument(writer, "ee.txt", testSheet(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.DeleteDocument(writer, "doc:cz-violent-persons-theia-txt"); err != nil {
		t.Fatal(err)
	}
	want := lib.current()
	// Close writes the snapshot due.
	if err := lib.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	lib2, rep, err := Open(context.Background(), memstore.New(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.FromSnapshot {
		t.Fatal("the restart after writes read every document, not the snapshot")
	}
	sameGraph(t, "the snapshot after writes", want, rep.Graph)
	lib2.settle()
	sameGraph(t, "writes ready after the snapshot", want, lib2.current())
	// Writes go on from there.
	if _, err := lib2.DeleteDocument(writer, "doc:ee-txt"); err != nil {
		t.Fatal(err)
	}
}
