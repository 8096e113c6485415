package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/library"
)

// TestWrites applies random sequences of ingest, replace and delete through
// a library on the store, and after each step checks that the store answers
// as a fresh resolution of the same documents with the ids given: every
// node alike, and no node that resolution lacks (an id merged into another
// organisation answers with it). The texts are generated sheets, the
// bundled sample and the sheets that merge and split organisations
// (ingest/testdata/resolve), read from the store package's directory.
func TestWrites(t *testing.T, newStore NewStore, seeds, steps int) {
	var texts []string
	for _, s := range gen.Generate(30, 5) {
		texts = append(texts, s.Text)
	}
	for _, pattern := range []string{"../ingest/testdata/resolve/*.txt", "../sample/*.txt"} {
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			t.Fatalf("no sheets at %s", pattern)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			// Each sheet twice: merges and splits come often.
			texts = append(texts, string(b), string(b))
		}
	}
	writer := partnergraph.WithPrincipal(context.Background(), &partnergraph.Principal{KeyID: "storetest"})
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			store := newStore(t)
			rng := rand.New(rand.NewPCG(uint64(seed), 7))
			docs := map[string]string{} // name -> text
			var start []ingest.Source
			for i := 0; i < 8; i++ {
				name := fmt.Sprintf("sheet-%d.txt", i)
				docs[name] = texts[rng.IntN(len(texts))]
				start = append(start, ingest.Source{Name: name, Data: []byte(docs[name])})
			}
			lib, _, err := library.Open(context.Background(), store, library.Options{Seed: start, Writable: true})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			check(t, "start", store, docs, lib.IDs(), seen)
			for step := 0; step < steps; step++ {
				var names []string
				for n := range docs {
					names = append(names, n)
				}
				sort.Strings(names)
				var op string
				switch k := rng.IntN(10); {
				case k < 4 || len(names) < 3:
					name := fmt.Sprintf("new-%d.txt", step)
					docs[name] = texts[rng.IntN(len(texts))]
					op = "ingest " + name
					_, err = lib.IngestDocument(writer, name, docs[name])
				case k < 7:
					name := names[rng.IntN(len(names))]
					docs[name] = texts[rng.IntN(len(texts))]
					op = "replace " + name
					_, err = lib.IngestDocument(writer, name, docs[name])
				default:
					name := names[rng.IntN(len(names))]
					delete(docs, name)
					op = "delete " + name
					_, err = lib.DeleteDocument(writer, ingest.DocumentID(name))
				}
				if err != nil {
					t.Fatalf("step %d (%s): %v", step, op, err)
				}
				check(t, fmt.Sprintf("step %d (%s)", step, op), store, docs, lib.IDs(), seen)
			}
		})
	}
}

// check compares the store with a fresh resolution of the documents.
func check(t *testing.T, what string, s partnergraph.Store, docs map[string]string, given []partnergraph.IDAnchor, seen map[string]bool) {
	t.Helper()
	var srcs []ingest.Source
	for name, text := range docs {
		srcs = append(srcs, ingest.Source{Name: name, Data: []byte(text)})
	}
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].Name < srcs[j].Name })
	recs, problems := ingest.ReadAll(srcs, ingest.Options{})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	ids, err := ingest.NewIDs(given)
	if err != nil {
		t.Fatal(err)
	}
	e := ingest.NewResolver(ingest.Gazetteer(), ids, false)
	e.Update(recs, nil)
	want := map[string]partnergraph.Node{}
	g := e.Graph()
	for i := range g.Documents {
		want[g.Documents[i].ID] = &g.Documents[i]
	}
	for i := range g.Projects {
		want[g.Projects[i].ID] = &g.Projects[i]
	}
	for i := range g.Organisations {
		want[g.Organisations[i].ID] = &g.Organisations[i]
	}
	for i := range g.TargetGroups {
		want[g.TargetGroups[i].ID] = &g.TargetGroups[i]
	}
	for i := range g.Programmes {
		want[g.Programmes[i].ID] = &g.Programmes[i]
	}
	for id := range want {
		seen[id] = true
	}
	all := make([]string, 0, len(seen))
	for id := range seen {
		all = append(all, id)
	}
	sort.Strings(all)
	nodes, err := s.Nodes(context.Background(), all)
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for i, id := range all {
		w, got := want[id], nodes[i]
		switch {
		case w == nil && got == nil:
		case w == nil:
			// Gone, or merged into an organisation that lists it.
			if o, ok := got.(*partnergraph.Organisation); !ok || o.ID == id || want[o.ID] == nil || !contains(o.MergedIDs, id) {
				bad = append(bad, fmt.Sprintf("%s is gone from a fresh resolution, and the store answers %s", id, canon(got)))
			}
		case got == nil:
			bad = append(bad, fmt.Sprintf("%s is missing from the store", id))
		case canon(got) != canon(w):
			bad = append(bad, fmt.Sprintf("%s differs:\n  store %s\n  fresh %s", id, canon(got), canon(w)))
		}
	}
	if len(bad) > 0 {
		if len(bad) > 3 {
			bad = append(bad[:3], fmt.Sprintf("... %d more", len(bad)-3))
		}
		t.Fatalf("%s: the store is not a fresh resolution of its documents:\n%s", what, strings.Join(bad, "\n"))
	}
}

// canon is a node's JSON with empty lists and null alike (stores need not
// tell them apart).
func canon(n partnergraph.Node) string {
	b, _ := json.Marshal(n)
	return strings.ReplaceAll(string(b), "[]", "null")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
