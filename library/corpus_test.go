package library

import (
	"context"
	"sort"
	"sync"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/memstore"
)

// fakeCorpus is an embedded store that keeps the documents' texts as a
// Corpus does, and can refuse the next writes as stale, as Neo4j does when
// another server wrote in between.
type fakeCorpus struct {
	*memstore.Store
	mu        sync.Mutex
	docs      map[string]partnergraph.StoredDocument
	version   int64
	staleNext int // how many ApplyDocument calls to refuse
	applies   int
	ids       []partnergraph.IDAnchor
}

func (f *fakeCorpus) IDs(context.Context) ([]partnergraph.IDAnchor, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]partnergraph.IDAnchor(nil), f.ids...), nil
}

var _ partnergraph.Corpus = (*fakeCorpus)(nil)

func (f *fakeCorpus) CorpusVersion(context.Context) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.version, nil
}

func (f *fakeCorpus) Documents(context.Context) ([]partnergraph.StoredDocument, int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []partnergraph.StoredDocument
	for _, d := range f.docs {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, f.version, nil
}

func (f *fakeCorpus) PutDocuments(_ context.Context, docs []partnergraph.StoredDocument, ids []partnergraph.IDAnchor) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ids = append(f.ids, ids...)
	for _, d := range docs {
		f.docs[d.ID] = d
	}
	f.version++
	return nil
}

func (f *fakeCorpus) ApplyDocument(ctx context.Context, c partnergraph.DocumentChange) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.applies++
	if f.staleNext > 0 || c.Expect != f.version {
		f.staleNext--
		return 0, partnergraph.ErrCorpusChanged
	}
	if err := f.Store.Apply(ctx, c.Changed, c.Removed); err != nil {
		return 0, err
	}
	if c.Put != nil {
		f.docs[c.Put.ID] = *c.Put
	}
	delete(f.docs, c.Drop)
	f.ids = append(f.ids, c.IDs...)
	f.version++
	return f.version, nil
}

func (f *fakeCorpus) ChangesSince(context.Context, int64) ([]partnergraph.GraphChange, int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return nil, f.version, nil
}

// A write that meets another writer's change reads the documents again,
// resolves anew against them, and is then made.
func TestWriteRetriedWhenAnotherWriterWrote(t *testing.T) {
	store := &fakeCorpus{Store: memstore.New(), docs: map[string]partnergraph.StoredDocument{}}
	l, _, err := Open(context.Background(), store, Options{Writable: true})
	if err != nil {
		t.Fatal(err)
	}
	// Another server writes a sheet that defines an acronym, behind this
	// library's back, and this library's first attempt is refused as stale.
	store.mu.Lock()
	store.docs["doc:defines-txt"] = partnergraph.StoredDocument{ID: "doc:defines-txt", Name: "defines.txt",
		Text: "Restorative Practice in Prisons\n\nProject facts\n\nProject promoter:\nLatvian Prison Administration\nProject Number:\nLV08-0042\n\nDescription\n\nThe Latvian Prison Administration works with the Baltic Institute for Restorative Practice (BIRP).\n"}
	store.version++
	store.staleNext = 1
	store.mu.Unlock()
	// The sync before the write reads that sheet; the refused attempt makes
	// the library read again and retry.
	res, err := l.IngestDocument(writer, "uses.txt", "Mediation Follow-up\n\nProject facts\n\nProject promoter:\nLatvian Prison Administration\nProject Number:\nLV08-0043\n\nDescription\n\nThe project cooperates with BIRP as partner.\n")
	if err != nil {
		t.Fatal(err)
	}
	if store.applies != 2 {
		t.Errorf("ApplyDocument called %d times, want 2 (one refused, one made)", store.applies)
	}
	if !res.Durable {
		t.Error("a write kept in the corpus is durable")
	}
	o, err := store.OrganisationByName(context.Background(), "BIRP")
	if err != nil || o.Name != "Baltic Institute for Restorative Practice" {
		t.Errorf("BIRP is not resolved against the other writer's sheet: %+v %v", o, err)
	}
	if _, ok := store.docs["doc:uses-txt"]; !ok {
		t.Error("the text of the write is not kept")
	}
}
