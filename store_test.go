package partnergraph

import (
	"reflect"
	"testing"
)

func TestPageInvolvements(t *testing.T) {
	inv := []Involvement{
		{ProjectID: "project:a", Role: RolePromoter},
		{ProjectID: "project:b", Role: RoleDonorProjectPartner},
		{ProjectID: "project:b", Role: RoleMentioned},
		{ProjectID: "project:c", Role: RoleProjectPartner},
		{ProjectID: "project:d", Role: RoleDonorProjectPartner},
	}
	ids := func(in []Involvement) []string {
		var out []string
		for _, x := range in {
			out = append(out, x.ProjectID)
		}
		return out
	}
	after := func(id string) string { return EncodeCursor(Cursor{Key: id, ID: id}) }
	partners := []Role{RoleDonorProjectPartner, RoleProjectPartner}
	for _, c := range []struct {
		name    string
		roles   []Role
		p       Page
		want    []string
		total   int
		hasNext bool
	}{
		{"every role, one per project", nil, Page{First: 10, WithTotal: true}, []string{"project:a", "project:b", "project:c", "project:d"}, 4, false},
		{"partners, first page", partners, Page{First: 2, WithTotal: true}, []string{"project:b", "project:c"}, 3, true},
		{"partners, after c", partners, Page{First: 2, After: after("project:c"), WithTotal: true}, []string{"project:d"}, 3, false},
		{"without the total the walk stops after the page", partners, Page{First: 1}, []string{"project:b"}, 2, true},
		{"the second role of a project", []Role{RoleMentioned}, Page{First: 5, WithTotal: true}, []string{"project:b"}, 1, false},
	} {
		page, total, hasNext := PageInvolvements(inv, c.roles, c.p)
		if c.roles == nil && c.p.First == 10 {
			if p, n, _ := PageInvolvements(nil, nil, c.p); len(p) != 0 || n != 0 {
				t.Errorf("no involvements: %v %d", p, n)
			}
		}
		if !reflect.DeepEqual(ids(page), c.want) || total != c.total || hasNext != c.hasNext {
			t.Errorf("%s: %v total %d next %v; want %v total %d next %v", c.name, ids(page), total, hasNext, c.want, c.total, c.hasNext)
		}
	}
}
