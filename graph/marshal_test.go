package graph

import "testing"

// The walk's table names fields of the schema: a field renamed there and
// not here would silently stop being walked (and its lists marshalled in
// goroutines again).
func TestWalkableFieldsExist(t *testing.T) {
	for typ, fields := range walkable {
		d := parsedSchema.Types[typ]
		if d == nil {
			t.Errorf("walkable names type %s, which the schema does not have", typ)
			continue
		}
		for f := range fields {
			if d.Fields.ForName(f) == nil {
				t.Errorf("walkable names %s.%s, which the schema does not have", typ, f)
			}
		}
	}
	for typ := range walkLists {
		if parsedSchema.Types[typ] == nil {
			t.Errorf("walkLists names type %s, which the schema does not have", typ)
		}
	}
	// The resolver fields are read from the generated code: the ones the
	// walk follows must be among them, or the reflection reads nothing.
	for _, f := range []string{"promoter", "partners", "targetGroups", "programmes", "source"} {
		if !resolverFields["Project"][f] {
			t.Errorf("Project.%s is not found as a resolver field", f)
		}
	}
	if resolverFields["Project"]["title"] {
		t.Error("Project.title, a plain field, is taken for a resolver field")
	}
}
