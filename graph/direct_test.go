package graph

import (
	"encoding/json"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// appendResponse writes what json.Marshal writes for a response, without
// checking the data again: the same bytes for data without HTML's special
// characters (json.Marshal escapes those in the data, which changes no
// value), the same values always.
func TestAppendResponse(t *testing.T) {
	for _, resp := range []*graphql.Response{
		{Data: json.RawMessage(`{"project":{"code":"LT14-0004","title":"Kriminalinės justicijos"}}`)},
		{Data: nil},
		{Errors: gqlerror.List{{Message: "no node with id \"org:x\"", Path: ast.Path{ast.PathName("node")}, Extensions: map[string]any{"code": "ENOTFOUND"}}}, Data: json.RawMessage(`{"node":null}`)},
		{Errors: gqlerror.List{{Message: "too complex"}}},
		{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{"cost": 12, "b": []int{1}}},
		{Data: json.RawMessage(`{"title":"R&D <prisons>"}`)},
	} {
		want, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendResponse(nil, resp)
		if err != nil {
			t.Fatal(err)
		}
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("%s is not JSON: %v", got, err)
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if gs, ws := mustJSON(t, g), mustJSON(t, w); gs != ws {
			t.Errorf("values differ:\n got %s\nwant %s", got, want)
		}
		if string(resp.Data) != `{"title":"R&D <prisons>"}` && string(got) != string(want) {
			t.Errorf("bytes differ:\n got %s\nwant %s", got, want)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
