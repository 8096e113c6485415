package neo4jstore

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/storetest"
)

func TestOpenUnreachable(t *testing.T) {
	start := time.Now()
	_, err := Open(context.Background(), Config{URI: "bolt://127.0.0.1:1", User: "neo4j", Password: "x", ConnectTimeout: 2 * time.Second})
	if partnergraph.ErrorCode(err) != partnergraph.EUNAVAILABLE || !strings.Contains(partnergraph.ErrorMessage(err), "127.0.0.1:1") {
		t.Errorf("err = %v, want EUNAVAILABLE naming the address", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("gave up after %s, want about the 2s timeout", d)
	}
	_, err = Open(context.Background(), Config{URI: "http://nope"})
	if partnergraph.ErrorCode(err) != partnergraph.EINVALID {
		t.Errorf("bad scheme: %v", err)
	}
}

// record makes a driver record as a query would return it: lists come back
// as []any, integers as int64.
func record(m map[string]any) *neo4j.Record {
	r := &neo4j.Record{}
	for k, v := range m {
		switch x := v.(type) {
		case []string:
			list := make([]any, len(x))
			for i, s := range x {
				list[i] = s
			}
			v = list
		case int:
			v = int64(x)
		}
		r.Keys = append(r.Keys, k)
		r.Values = append(r.Values, v)
	}
	return r
}

func TestMappingRoundTrips(t *testing.T) {
	g := storetest.Fixture()
	rows, err := projectRows(g.Projects)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		p, err := projectFromRecord(nil, record(map[string]any{"data": row["data"]}))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*p, g.Projects[i]) {
			t.Errorf("project %s:\n got %+v\nwant %+v", g.Projects[i].ID, *p, g.Projects[i])
		}
		if row["codeKey"] != strings.ToUpper(g.Projects[i].Code) || row["titleKey"] != partnergraph.Fold(g.Projects[i].Title) {
			t.Errorf("lookup keys of %s: %v %v", g.Projects[i].ID, row["codeKey"], row["titleKey"])
		}
	}
	for _, o := range g.Organisations {
		row := organisationRow(o)
		got := organisationFromRecord(record(map[string]any{"id": row["id"], "name": row["name"], "acronym": row["acronym"], "aliases": row["aliases"], "countryCode": row["countryCode"], "sources": row["sources"]}))
		if !reflect.DeepEqual(got, o) {
			t.Errorf("organisation:\n got %+v\nwant %+v", got, o)
		}
	}
	krus := organisationRow(g.Organisations[2])
	if !reflect.DeepEqual(krus["nameKeys"], []string{"university college of norwegian correctional service", "krus", "correctional service of norway staff academy"}) || krus["countryName"] != "Norway" {
		t.Errorf("KRUS row: %+v", krus)
	}
	for _, d := range g.Documents {
		row := documentRows([]partnergraph.Document{d})[0]
		got := documentFromRecord(record(row))
		if !reflect.DeepEqual(*got, d) {
			t.Errorf("document:\n got %+v\nwant %+v", *got, d)
		}
	}
	// Rows come in any order; they are put in project order, and within a
	// project in the sheet's order (the promoter, ord 0, first).
	id, inv := involvementsFromRecord(record(map[string]any{"id": "org:krus",
		"projects": []any{"project:b", "project:a", "project:a"}, "roles": []any{"MENTIONED", "PROJECT_PARTNER", "PROMOTER"}, "ords": []any{int64(2), int64(3), int64(0)}}))
	want := []partnergraph.Involvement{{ProjectID: "project:a", Role: partnergraph.RolePromoter}, {ProjectID: "project:a", Role: partnergraph.RoleProjectPartner},
		{ProjectID: "project:b", Role: partnergraph.RoleMentioned}}
	if id != "org:krus" || !reflect.DeepEqual(inv, want) {
		t.Errorf("involvements: %s %+v", id, inv)
	}
	if _, err := projectFromRecord(nil, record(map[string]any{"data": "{broken"})); partnergraph.ErrorCode(err) != partnergraph.EINTERNAL {
		t.Errorf("broken data: %v", err)
	}
}

func TestEdgeRows(t *testing.T) {
	e := projectEdgeRows(storetest.Fixture().Projects[:1])
	var roles []string
	for _, r := range e.organisations {
		roles = append(roles, r["role"].(string))
		var ev []partnergraph.Evidence
		if err := json.Unmarshal([]byte(r["evidence"].(string)), &ev); err != nil {
			t.Errorf("evidence is not JSON: %v", err)
		}
	}
	if !reflect.DeepEqual(roles, []string{"PROMOTER", "DONOR_PROJECT_PARTNER", "MENTIONED"}) {
		t.Errorf("roles %v", roles)
	}
	if len(e.targets) != 2 || len(e.programmes) != 1 || e.single[0]["countryCode"] != "SK" || e.single[0]["funder"] != "funder:norway-grants" {
		t.Errorf("edges %+v", e)
	}
}

// Filters are made of fixed fragments; user values only ever go in
// parameters.
func TestFiltersAreParameterised(t *testing.T) {
	hostile := "x') RETURN 1 // \" MATCH (n) DETACH DELETE n"
	f := &partnergraph.ProjectFilter{
		TitleContains: hostile, Status: hostile, Code: hostile,
		Or:  []*partnergraph.ProjectFilter{{CountryCode: "no"}, {OrganisationID: hostile, Roles: []partnergraph.Role{partnergraph.RolePromoter}}},
		Not: &partnergraph.ProjectFilter{FunderID: hostile},
	}
	page, count, params := projectsQuery(f, partnergraph.Sort{Field: "GRANT", Desc: true})
	for _, q := range []string{page, count} {
		if strings.Contains(q, "DETACH") || strings.Contains(q, "RETURN 1") {
			t.Errorf("a user value is in the Cypher:\n%s", q)
		}
	}
	if !strings.Contains(page, "(p.countryCode = $f") || !strings.Contains(page, " OR ") || !strings.Contains(page, "NOT coalesce((") || !strings.Contains(page, "coalesce(p.grant, -1) AS k") || !strings.Contains(page, "ORDER BY k DESC, p.id") {
		t.Errorf("structure missing:\n%s", page)
	}
	found := 0
	for _, v := range params {
		if s, ok := v.(string); ok && strings.Contains(strings.ToUpper(s), "DETACH") {
			found++
		}
	}
	if found != 5 || params["f3"] != "NO" {
		t.Errorf("params %v", params)
	}
	page, _, params = organisationsQuery(nil, partnergraph.Sort{})
	if !strings.Contains(page, "WHERE (true)") || len(params) != 0 {
		t.Errorf("empty organisation filter: %s %v", page, params)
	}
}
