package memstore

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func projectDoc(i int, text string) textDoc {
	return textDoc{id: fmt.Sprintf("project:p%03d", i), kind: partnergraph.KindProject,
		fields: [numFields]string{fieldTitle: fmt.Sprintf("Project %d", i), fieldText: text}}
}

var texts = []string{
	"Anger management for prison staff in Lithuania",
	"Probation officers learn motivational interviewing",
	"Staff training at Jihočeský kraj prisons",
	"Violence prevention with Alternative to Violence",
	"Education for young offenders in prison schools",
}

func TestTextIndexRanks(t *testing.T) {
	ix := newTextIndex()
	var docs []textDoc
	for i, text := range texts {
		docs = append(docs, projectDoc(i, text))
	}
	docs = append(docs, textDoc{id: "org:krus", kind: partnergraph.KindOrganisation, fields: [numFields]string{fieldTitle: "Prison staff academy"}})
	ix.update(nil, docs)

	hits := ix.search("prison staff", nil, 10)
	if len(hits) != 4 || hits[0].ID != "org:krus" {
		t.Fatalf("prison staff: the title match should come first of 4: %+v", hits)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score || hits[i].Score <= 0 {
			t.Fatalf("scores not positive and descending: %+v", hits)
		}
	}
	if hits := ix.search("jihocesky", nil, 10); len(hits) != 1 || hits[0].ID != "project:p002" {
		t.Errorf("folded search: %+v", hits)
	}
	if hits := ix.search("trained", nil, 10); len(hits) != 1 || hits[0].ID != "project:p002" {
		t.Errorf("stemmed search: %+v", hits)
	}
	if hits := ix.search("prison staff", []partnergraph.NodeKind{partnergraph.KindOrganisation}, 10); len(hits) != 1 || hits[0].ID != "org:krus" {
		t.Errorf("kind filter: %+v", hits)
	}
	if hits := ix.search("prison", nil, 1); len(hits) != 1 || hits[0].ID != "org:krus" {
		t.Errorf("first 1: %+v", hits)
	}
	if hits := ix.search("the of and", nil, 10); len(hits) != 0 {
		t.Errorf("stop words alone found %+v", hits)
	}
}

// An index that has seen updates and deletions answers as one built from
// the final documents, before compaction (same hits) and after (same
// scores too).
func TestTextIndexUpdates(t *testing.T) {
	final := map[int]string{}
	ix := newTextIndex()
	var docs []textDoc
	for i := 0; i < 100; i++ {
		final[i] = texts[i%len(texts)]
		docs = append(docs, projectDoc(i, final[i]))
	}
	ix.update(nil, docs)

	// A few changes: under a tenth, no compaction yet.
	ix.update([]string{"project:p007"}, []textDoc{projectDoc(3, "Anger management in probation"), projectDoc(200, "Prison staff exchange")})
	delete(final, 7)
	final[3], final[200] = "Anger management in probation", "Prison staff exchange"
	if len(ix.ids) == ix.nLive {
		t.Fatal("expected deleted documents before compaction")
	}
	fresh := func() *textIndex {
		f := newTextIndex()
		var docs []textDoc
		for i := 0; i <= 200; i++ {
			if text, ok := final[i]; ok {
				docs = append(docs, projectDoc(i, text))
			}
		}
		f.update(nil, docs)
		return f
	}
	ids := func(hits []partnergraph.SearchHit) map[string]bool {
		m := map[string]bool{}
		for _, h := range hits {
			m[h.ID] = true
		}
		return m
	}
	queries := []string{"anger management", "prison staff", "probation", "violence", "young offenders school"}
	for _, q := range queries {
		if got, want := ids(ix.search(q, nil, 200)), ids(fresh().search(q, nil, 200)); !reflect.DeepEqual(got, want) {
			t.Errorf("%q before compaction: hits %v, want %v", q, got, want)
		}
	}

	// Many changes: compacted.
	var removed []string
	for i := 10; i < 40; i++ {
		removed = append(removed, fmt.Sprintf("project:p%03d", i))
		delete(final, i)
	}
	ix.update(removed, nil)
	if len(ix.ids) != ix.nLive || len(ix.ids) != len(final) {
		t.Fatalf("not compacted: %d documents, %d live, want %d", len(ix.ids), ix.nLive, len(final))
	}
	for _, q := range queries {
		got, want := ix.search(q, nil, 200), fresh().search(q, nil, 200)
		if len(got) != len(want) {
			t.Fatalf("%q after compaction: %d hits, want %d", q, len(got), len(want))
		}
		for i := range got {
			if got[i].ID != want[i].ID || math.Abs(got[i].Score-want[i].Score) > 1e-6 {
				t.Errorf("%q after compaction: hit %d is %+v, want %+v", q, i, got[i], want[i])
			}
		}
	}
}
