package neo4jstore

import (
	"encoding/json"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func projectJSON(t *testing.T, p partnergraph.Project) string {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDecodedProjects(t *testing.T) {
	d := newDecodedProjects(2)
	a := projectJSON(t, partnergraph.Project{ID: "project:a", Code: "LT14-0001", Title: "First"})
	first, err := d.decode(a)
	if err != nil || first.Title != "First" {
		t.Fatalf("decode: %v %v", first, err)
	}
	again, _ := d.decode(a)
	if again != first {
		t.Error("the same JSON read again was decoded again")
	}
	// The same project, changed in the database: its new JSON is decoded.
	changed, _ := d.decode(projectJSON(t, partnergraph.Project{ID: "project:a", Code: "LT14-0001", Title: "Renamed"}))
	if changed == first || changed.Title != "Renamed" {
		t.Errorf("a changed project read back as %+v", changed)
	}
	// The bound: a third project pushes out the least recently used.
	if _, err := d.decode(projectJSON(t, partnergraph.Project{ID: "project:b", Title: "Second"})); err != nil {
		t.Fatal(err)
	}
	if d.cache.Len() != 2 {
		t.Errorf("%d decoded projects kept, want 2", d.cache.Len())
	}
	if p, _ := d.decode(a); p == first || p.Title != "First" {
		t.Errorf("the evicted project should be decoded afresh: %+v", p)
	}
	// Broken JSON is an internal error and is not kept.
	if _, err := d.decode("{broken"); partnergraph.ErrorCode(err) != partnergraph.EINTERNAL {
		t.Errorf("broken JSON: %v", err)
	}
	// Without a cache every read decodes.
	var none *decodedProjects
	if newDecodedProjects(-1) != nil {
		t.Error("a negative size should keep nothing")
	}
	x, _ := none.decode(a)
	y, _ := none.decode(a)
	if x == y || x.Title != "First" {
		t.Errorf("without a cache: %p %p %+v", x, y, x)
	}
}
