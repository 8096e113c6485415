package partnergraph_test

import (
	"reflect"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func TestDiff(t *testing.T) {
	old := &partnergraph.Graph{
		Documents:     []partnergraph.Document{{ID: "doc:a", Name: "a"}, {ID: "doc:b", Name: "b"}},
		Projects:      []partnergraph.Project{{ID: "project:a", Title: "A", DocumentID: "doc:a"}, {ID: "project:b", Title: "B", DocumentID: "doc:b"}},
		Organisations: []partnergraph.Organisation{{ID: "org:x", Name: "X"}, {ID: "org:y", Name: "Y"}},
		TargetGroups:  []partnergraph.TargetGroup{{ID: "tg:p", Name: "P"}},
	}
	new := &partnergraph.Graph{
		Documents:     []partnergraph.Document{{ID: "doc:a", Name: "a"}, {ID: "doc:c", Name: "c"}},
		Projects:      []partnergraph.Project{{ID: "project:a", Title: "A", DocumentID: "doc:a"}, {ID: "project:c", Title: "C", DocumentID: "doc:c"}},
		Organisations: []partnergraph.Organisation{{ID: "org:x", Name: "X", Aliases: []string{"Ex"}}},
		TargetGroups:  []partnergraph.TargetGroup{{ID: "tg:p", Name: "P"}},
	}
	changed, removed := partnergraph.Diff(old, new)
	if want := []string{"doc:c", "org:x", "project:c"}; !reflect.DeepEqual(changed.IDs(), want) {
		t.Errorf("changed %v, want %v", changed.IDs(), want)
	}
	if want := []string{"doc:b", "org:y", "project:b"}; !reflect.DeepEqual(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	if changed, removed := partnergraph.Diff(new, new); len(changed.IDs()) != 0 || len(removed) != 0 {
		t.Errorf("a graph differs from itself: %v, %v", changed.IDs(), removed)
	}
	if changed, removed := partnergraph.Diff(nil, new); !reflect.DeepEqual(changed.IDs(), new.IDs()) || len(removed) != 0 {
		t.Errorf("from nothing: %v, %v", changed.IDs(), removed)
	}
}
