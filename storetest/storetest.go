// Package storetest is the contract every partnergraph.Store must meet, in
// the manner of testing/fstest.TestFS: a store package calls TestStore from
// its own tests with a function that makes an empty store.
package storetest

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/network"
	"github.com/partnergraph/partnergraph/sample"
	"github.com/partnergraph/partnergraph/similar"
)

// NewStore returns an empty store for one test; the test cleans up after it.
type NewStore func(t *testing.T) partnergraph.Store

func i64(v int64) *int64 { return &v }

func f64(v float64) *float64 { return &v }

// Fixture is a small hand-made graph with every kind of node and edge.
func Fixture() *partnergraph.Graph {
	return &partnergraph.Graph{
		Documents: []partnergraph.Document{
			{ID: "doc:a-txt", Name: "a.txt", Layout: "eea", SHA256: "aa", ProjectIDs: []string{"project:aa01-0001"}},
			{ID: "doc:b-txt", Name: "b.txt", Layout: "eea-projects", Source: partnergraph.SourceEEAGrants, SHA256: "bb", ProjectIDs: []string{"project:bb02-0002"}, Warnings: []string{"no project promoter"}},
			{ID: "doc:c-txt", Name: "c.txt", Layout: "erasmus", SHA256: "cc", ProjectIDs: []string{"project:2019-1-pl01-ka204-000001"}},
		},
		Projects: []partnergraph.Project{
			{
				ID: "project:aa01-0001", Code: "AA01-0001", Title: "Anger management in Žilina prisons", Kind: partnergraph.ProjectEEA,
				Status: "Completed", PromoterID: "org:alpha", CountryCode: "SK", DocumentID: "doc:a-txt",
				Partners: []partnergraph.Partnership{
					{OrganisationID: "org:krus", Role: partnergraph.RoleDonorProjectPartner, Evidence: []partnergraph.Evidence{{DocumentID: "doc:a-txt", Section: "description", Text: "KRUS is the donor partner.", Start: 10, End: 36}}},
					{OrganisationID: "org:beta", Role: partnergraph.RoleMentioned},
				},
				TargetGroupIDs: []string{"tg:prisoners", "tg:prison-staff"},
				Programmes:     []partnergraph.ProgrammeUse{{ProgrammeID: "programme:anger-management", Activity: partnergraph.ActivityRun}},
				Funding:        partnergraph.Funding{InitialCost: i64(1000), FinalCost: i64(900), Grant: i64(800), Currency: "EUR", FunderID: "funder:norway-grants"},
				Outcomes:       []partnergraph.Outcome{{Value: 170, Unit: "staff members", Text: "170 staff members", Evidence: partnergraph.Evidence{DocumentID: "doc:a-txt", Section: "results", Text: "170 staff members were trained.", Start: 40, End: 71}}},
				Places:         []string{"Žilina"},
			},
			{
				ID: "project:bb02-0002", Code: "BB02-0002", Title: "Probation staff training", Kind: partnergraph.ProjectEEA,
				Status: "In progress", CountryCode: "CZ", DocumentID: "doc:b-txt",
				Sources:        []partnergraph.ProjectSource{{Source: partnergraph.SourceEEAGrants, DocumentID: "doc:b-txt"}},
				Disagreements:  []partnergraph.Disagreement{{Field: "status", Value: "Completed", Shown: "In progress", Source: partnergraph.SourcePage, DocumentID: "doc:a-txt"}},
				Partners:       []partnergraph.Partnership{{OrganisationID: "org:krus", Role: partnergraph.RoleDonorProjectPartner}, {OrganisationID: "org:alpha", Role: partnergraph.RoleProjectPartner}},
				TargetGroupIDs: []string{"tg:prison-staff"},
				Funding:        partnergraph.Funding{Grant: i64(500), Currency: "EUR", FunderID: "funder:eea-grants"},
			},
			{
				ID: "project:2019-1-pl01-ka204-000001", Code: "2019-1-PL01-KA204-000001", Title: "Peer support for ex-offenders", Kind: partnergraph.ProjectErasmus,
				PromoterID: "org:beta", CountryCode: "PL", DocumentID: "doc:c-txt", StartDate: "2019-09-01", EndDate: "2021-08-31", DurationMonths: 24,
				Programmes: []partnergraph.ProgrammeUse{{ProgrammeID: "programme:peer-support", Activity: partnergraph.ActivityPlanned}},
				Funding:    partnergraph.Funding{FunderID: "funder:erasmus-plus"},
				Erasmus:    &partnergraph.ErasmusCode{CallYear: 2019, Round: 1, NationalAgency: "PL01", CountryCode: "PL", KeyAction: "KA2", ActionType: "KA204", Serial: "000001"},
			},
		},
		Organisations: []partnergraph.Organisation{
			{ID: "org:alpha", Name: "Alpha Prison Service", CountryCode: "SK", Aliases: []string{"Slovak Alpha"}, Sources: []partnergraph.Source{partnergraph.SourcePage}},
			{ID: "org:beta", Name: "Fundacja Beta", CountryCode: "PL"},
			{ID: "org:krus", Name: "University College of Norwegian Correctional Service", Acronym: "KRUS", CountryCode: "NO", Aliases: []string{"Correctional Service of Norway Staff Academy"}, Sources: []partnergraph.Source{partnergraph.SourceEEAGrants, partnergraph.SourcePage}},
		},
		TargetGroups: []partnergraph.TargetGroup{{ID: "tg:prisoners", Name: "Prisoners"}, {ID: "tg:prison-staff", Name: "Prison staff"}},
		Programmes: []partnergraph.Programme{
			{ID: "programme:anger-management", Name: "anger management", Kind: "INTERVENTION"},
			{ID: "programme:peer-support", Name: "peer support", Kind: "INTERVENTION"},
		},
		Funders: []partnergraph.Funder{partnergraph.NorwayGrants, partnergraph.EEAGrants, partnergraph.ErasmusPlus},
	}
}

// TestStore runs the contract against stores made by newStore.
func TestStore(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	loaded := func(t *testing.T) partnergraph.Store {
		s := newStore(t)
		if err := s.Load(ctx, Fixture()); err != nil {
			t.Fatalf("Load: %v", err)
		}
		return s
	}
	t.Run("Ping", func(t *testing.T) {
		if err := newStore(t).Ping(ctx); err != nil {
			t.Errorf("Ping: %v", err)
		}
	})
	t.Run("Nodes", func(t *testing.T) { testNodes(t, loaded(t)) })
	t.Run("ProjectOutlines", func(t *testing.T) { testProjectOutlines(t, loaded(t)) })
	t.Run("InvolvementPages", func(t *testing.T) { testInvolvementPages(t, loaded(t)) })
	t.Run("ProjectByCode", func(t *testing.T) { testProjectByCode(t, loaded(t)) })
	t.Run("ProjectByCodeWithOrganisations", func(t *testing.T) { testProjectWithOrganisations(t, loaded(t)) })
	t.Run("OrganisationByName", func(t *testing.T) { testOrganisationByName(t, loaded(t)) })
	t.Run("Projects", func(t *testing.T) { testProjects(t, loaded(t)) })
	t.Run("ProjectsPagination", func(t *testing.T) { testProjectsPagination(t, loaded(t)) })
	t.Run("Sorting", func(t *testing.T) { testSorting(t, loaded(t)) })
	t.Run("Organisations", func(t *testing.T) { testOrganisations(t, loaded(t)) })
	t.Run("Involvements", func(t *testing.T) { testInvolvements(t, loaded(t)) })
	t.Run("NotOverMissingValues", func(t *testing.T) { testNotOverMissing(t, loaded(t)) })
	t.Run("UnknownCountryCode", func(t *testing.T) { testUnknownCountry(t, loaded(t)) })
	t.Run("LoadIsIdempotent", func(t *testing.T) { testLoadIdempotent(t, newStore(t)) })
	t.Run("ReloadReplacesEdges", func(t *testing.T) { testReload(t, loaded(t)) })
	t.Run("Apply", func(t *testing.T) { testApply(t, loaded(t)) })
	t.Run("MergedIDs", func(t *testing.T) { testMergedIDs(t, loaded(t)) })
	t.Run("Sample", func(t *testing.T) { testSample(t, newStore(t)) })
	t.Run("Network", func(t *testing.T) { TestNetwork(t, newStore) })
	t.Run("Search", func(t *testing.T) { testSearch(t, loaded(t)) })
}

func testSearch(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	ids := func(q string, kinds []partnergraph.NodeKind) []string {
		hits, err := s.Search(ctx, q, kinds, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		out := []string{}
		for i, h := range hits {
			out = append(out, h.ID)
			if h.Score <= 0 || (i > 0 && h.Score > hits[i-1].Score) {
				t.Errorf("Search(%q): scores not positive and descending: %+v", q, hits)
			}
		}
		return out
	}
	// Accents and case do not matter.
	if got := ids("zilina", nil); len(got) == 0 || got[0] != "project:aa01-0001" {
		t.Errorf("zilina: %v", got)
	}
	if got := ids("KRUS", nil); len(got) == 0 || got[0] != "org:krus" {
		t.Errorf("KRUS: %v", got)
	}
	if got := ids("staff academy", []partnergraph.NodeKind{partnergraph.KindOrganisation}); len(got) != 1 || got[0] != "org:krus" {
		t.Errorf("staff academy among organisations: %v", got)
	}
	if got := ids("peer support", []partnergraph.NodeKind{partnergraph.KindProgramme}); len(got) != 1 || got[0] != "programme:peer-support" {
		t.Errorf("peer support among programmes: %v", got)
	}
	if got := ids("prisoners", []partnergraph.NodeKind{partnergraph.KindTargetGroup}); len(got) == 0 || got[0] != "tg:prisoners" {
		t.Errorf("prisoners among target groups: %v", got)
	}
	if got := ids("zebra", nil); len(got) != 0 {
		t.Errorf("zebra: %v", got)
	}
	// Query syntax is taken as words.
	if _, err := s.Search(ctx, `"unclosed AND (krus OR`, nil, 5); err != nil {
		t.Errorf("query syntax in the words: %v", err)
	}
	_, err := s.Search(ctx, "  ", nil, 5)
	wantCode(t, err, partnergraph.EINVALID)
	_, err = s.Search(ctx, "krus", nil, 1000)
	wantCode(t, err, partnergraph.EINVALID)
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := partnergraph.ErrorCode(err); got != code {
		t.Errorf("error %v has code %q, want %q", err, got, code)
	}
}

func testNodes(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	want := Fixture()
	ids := []string{"project:aa01-0001", "org:krus", "nope:x", "tg:prisoners", "programme:peer-support", "funder:eea-grants", "doc:b-txt", "project:missing", "org:krus"}
	nodes, err := s.Nodes(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != len(ids) {
		t.Fatalf("%d nodes for %d ids", len(nodes), len(ids))
	}
	for i, id := range ids {
		if nodes[i] == nil {
			continue
		}
		if nodes[i].NodeID() != id {
			t.Errorf("nodes[%d] = %s, want %s", i, nodes[i].NodeID(), id)
		}
	}
	for _, i := range []int{2, 7} {
		if nodes[i] != nil {
			t.Errorf("nodes[%d] (%s) = %v, want nil", i, ids[i], nodes[i])
		}
	}
	if p, ok := nodes[0].(*partnergraph.Project); !ok || !reflect.DeepEqual(*p, want.Projects[0]) {
		t.Errorf("project round trip:\n got %+v\nwant %+v", nodes[0], want.Projects[0])
	}
	if o, ok := nodes[1].(*partnergraph.Organisation); !ok || !reflect.DeepEqual(*o, want.Organisations[2]) {
		t.Errorf("organisation round trip:\n got %+v\nwant %+v", nodes[1], want.Organisations[2])
	}
	if g, ok := nodes[3].(*partnergraph.TargetGroup); !ok || g.Name != "Prisoners" {
		t.Errorf("target group: %+v", nodes[3])
	}
	if p, ok := nodes[4].(*partnergraph.Programme); !ok || p.Name != "peer support" || p.Kind != "INTERVENTION" {
		t.Errorf("programme: %+v", nodes[4])
	}
	if f, ok := nodes[5].(*partnergraph.Funder); !ok || f.Name != "EEA Grants" {
		t.Errorf("funder: %+v", nodes[5])
	}
	if d, ok := nodes[6].(*partnergraph.Document); !ok || !reflect.DeepEqual(*d, want.Documents[1]) {
		t.Errorf("document: %+v", nodes[6])
	}
	if o, ok := nodes[8].(*partnergraph.Organisation); !ok || o.ID != "org:krus" {
		t.Errorf("a repeated id: %+v", nodes[8])
	}
	if empty, err := s.Nodes(ctx, nil); err != nil || len(empty) != 0 {
		t.Errorf("Nodes(nil) = %v, %v", empty, err)
	}
}

// testProjectOutlines: each project's outline is its whole record's
// (id, number, title, kind, status, country, target groups in order); an
// unknown id or another kind's is nil.
func testProjectOutlines(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	want := Fixture()
	ids := []string{"project:missing", "org:krus"}
	for _, p := range want.Projects {
		ids = append(ids, p.ID)
	}
	got, err := s.ProjectOutlines(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ids) {
		t.Fatalf("%d outlines for %d ids", len(got), len(ids))
	}
	if got[0] != nil || got[1] != nil {
		t.Errorf("an unknown id and an organisation's: %+v, %+v", got[0], got[1])
	}
	for i, p := range want.Projects {
		if o := partnergraph.OutlineOf(got[i+2]); !reflect.DeepEqual(o, partnergraph.OutlineOf(&p)) {
			t.Errorf("outline of %s:\n got %+v\nwant %+v", p.ID, o, partnergraph.OutlineOf(&p))
		}
	}
	if empty, err := s.ProjectOutlines(ctx, nil); err != nil || len(empty) != 0 {
		t.Errorf("ProjectOutlines(nil) = %v, %v", empty, err)
	}
}

// testInvolvementPages: each page is the one PageInvolvements cuts from
// the whole list, for every role set, page size and cursor, with the total
// only when asked.
func testInvolvementPages(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	var ids []string
	for _, o := range Fixture().Organisations {
		ids = append(ids, o.ID)
	}
	ids = append(ids, "org:nobody")
	whole, err := s.Involvements(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, roles := range [][]partnergraph.Role{nil, {partnergraph.RolePromoter}, {partnergraph.RoleDonorProjectPartner, partnergraph.RoleProjectPartner}} {
		for _, first := range []int{1, 2, 50} {
			for _, withTotal := range []bool{false, true} {
				p := partnergraph.Page{First: first, WithTotal: withTotal}
				for cursor := 0; cursor < 3; cursor++ {
					got, err := s.InvolvementPages(ctx, ids, roles, p)
					if err != nil {
						t.Fatal(err)
					}
					if len(got) != len(ids) {
						t.Fatalf("%d pages for %d organisations", len(got), len(ids))
					}
					next := ""
					for i, id := range ids {
						want := partnergraph.PageOfInvolvements(whole[i], roles, p)
						if len(got[i].Items) == 0 && len(want.Items) == 0 {
							got[i].Items, want.Items = nil, nil
						}
						if !reflect.DeepEqual(got[i], want) {
							t.Errorf("%s, roles %v, %+v: got %+v, want %+v", id, roles, p, got[i], want)
						}
						if id == "org:krus" && len(want.Items) > 0 {
							next = partnergraph.EncodeCursor(partnergraph.Cursor{Key: want.Items[len(want.Items)-1].ProjectID, ID: want.Items[len(want.Items)-1].ProjectID})
						}
					}
					if next == "" {
						break
					}
					p.After = next
				}
			}
		}
	}
}

func testProjectByCode(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	for _, code := range []string{"AA01-0001", "aa01-0001", " AA01-0001 "} {
		p, err := s.ProjectByCode(ctx, code)
		if err != nil || p.ID != "project:aa01-0001" {
			t.Errorf("ProjectByCode(%q) = %v, %v", code, p, err)
		}
	}
	_, err := s.ProjectByCode(ctx, "ZZ99-9999")
	wantCode(t, err, partnergraph.ENOTFOUND)
}

func testOrganisationByName(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	for _, name := range []string{"KRUS", "krus", "University College of Norwegian Correctional Service", "correctional service of norway staff academy", "The Correctional Service of Norway Staff Academy"} {
		o, err := s.OrganisationByName(ctx, name)
		if err != nil || o.ID != "org:krus" {
			t.Errorf("OrganisationByName(%q) = %v, %v", name, o, err)
		}
	}
	if o, err := s.OrganisationByName(ctx, "slovak alpha"); err != nil || o.ID != "org:alpha" {
		t.Errorf("by alias: %v, %v", o, err)
	}
	_, err := s.OrganisationByName(ctx, "Nobody at all")
	wantCode(t, err, partnergraph.ENOTFOUND)
}

func projectIDs(t *testing.T, s partnergraph.Store, f *partnergraph.ProjectFilter) []string {
	t.Helper()
	res, err := s.Projects(context.Background(), f, partnergraph.Page{First: partnergraph.MaxPageSize, WithTotal: true})
	if err != nil {
		t.Fatalf("Projects(%+v): %v", f, err)
	}
	ids := []string{}
	for _, p := range res.Items {
		ids = append(ids, p.ID)
	}
	if res.Total != len(ids) {
		t.Errorf("Projects(%+v): total %d for %d items", f, res.Total, len(ids))
	}
	return ids
}

func testProjects(t *testing.T, s partnergraph.Store) {
	const a, b, c = "project:aa01-0001", "project:bb02-0002", "project:2019-1-pl01-ka204-000001"
	tests := []struct {
		name string
		f    *partnergraph.ProjectFilter
		want []string
	}{
		{"all", nil, []string{c, a, b}},
		{"empty filter", &partnergraph.ProjectFilter{}, []string{c, a, b}},
		{"code", &partnergraph.ProjectFilter{Code: "bb02-0002"}, []string{b}},
		{"kind", &partnergraph.ProjectFilter{Kind: partnergraph.ProjectErasmus}, []string{c}},
		{"status", &partnergraph.ProjectFilter{Status: "completed"}, []string{a}},
		{"country", &partnergraph.ProjectFilter{CountryCode: "CZ"}, []string{b}},
		{"funder", &partnergraph.ProjectFilter{FunderID: "funder:norway-grants"}, []string{a}},
		{"target group", &partnergraph.ProjectFilter{TargetGroupID: "tg:prison-staff"}, []string{a, b}},
		{"programme", &partnergraph.ProjectFilter{ProgrammeID: "programme:peer-support"}, []string{c}},
		{"organisation, any role", &partnergraph.ProjectFilter{OrganisationID: "org:alpha"}, []string{a, b}},
		{"organisation as promoter", &partnergraph.ProjectFilter{OrganisationID: "org:alpha", Roles: []partnergraph.Role{partnergraph.RolePromoter}}, []string{a}},
		{"mentioned only", &partnergraph.ProjectFilter{OrganisationID: "org:beta", Roles: []partnergraph.Role{partnergraph.RoleMentioned}}, []string{a}},
		{"title, accents and case aside", &partnergraph.ProjectFilter{TitleContains: "ZILINA"}, []string{a}},
		{"and", &partnergraph.ProjectFilter{And: []*partnergraph.ProjectFilter{{OrganisationID: "org:krus"}, {Status: "In progress"}}}, []string{b}},
		{"or", &partnergraph.ProjectFilter{Or: []*partnergraph.ProjectFilter{{CountryCode: "PL"}, {CountryCode: "CZ"}}}, []string{c, b}},
		{"not", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{OrganisationID: "org:krus"}}, []string{c}},
		{"no match", &partnergraph.ProjectFilter{CountryCode: "IS"}, []string{}},
		{"code starts with", &partnergraph.ProjectFilter{CodeStartsWith: "aa"}, []string{a}},
		{"title starts with", &partnergraph.ProjectFilter{TitleStartsWith: "PROBATION"}, []string{b}},
		{"country in", &partnergraph.ProjectFilter{CountryIn: []string{"PL", "sk"}}, []string{c, a}},
		{"status in", &partnergraph.ProjectFilter{StatusIn: []string{"in progress", "Completed"}}, []string{a, b}},
		{"grant range", &partnergraph.ProjectFilter{Grant: &partnergraph.Range{Gte: f64(500), Lt: f64(800)}}, []string{b}},
		{"final cost absent", &partnergraph.ProjectFilter{FinalCost: &partnergraph.Range{Gt: f64(0)}}, []string{a}},
		{"from an export", &partnergraph.ProjectFilter{Sources: []partnergraph.Source{partnergraph.SourceEEAGrants, partnergraph.SourceKeep}}, []string{b}},
		// A project stored with no sources is its page's.
		{"from a page", &partnergraph.ProjectFilter{Sources: []partnergraph.Source{partnergraph.SourcePage}}, []string{c, a}},
		{"not from a page", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{Sources: []partnergraph.Source{partnergraph.SourcePage}}}, []string{b}},
		// Periods: a and b are numbered as 2009-2014 projects (2009 to
		// 2013); c ran from 2019-09-01 to 2021-08-31.
		{"period 2009-2014", &partnergraph.ProjectFilter{Period: &partnergraph.TimeRange{From: "2009-2014", To: "2009-2014"}}, []string{a, b}},
		{"period 2014-2021", &partnergraph.ProjectFilter{Period: &partnergraph.TimeRange{From: "2014-2021", To: "2014-2021"}}, []string{c}},
		{"period from a year", &partnergraph.ProjectFilter{Period: &partnergraph.TimeRange{From: "2021"}}, []string{c}},
		{"period to a day", &partnergraph.ProjectFilter{Period: &partnergraph.TimeRange{To: "2019-08-31"}}, []string{a, b}},
		{"period across", &partnergraph.ProjectFilter{Period: &partnergraph.TimeRange{From: "2013-12-31", To: "2019-09-01"}}, []string{c, a, b}},
		{"period after all", &partnergraph.ProjectFilter{Period: &partnergraph.TimeRange{From: "2022"}}, []string{}},
		{"not in a period", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{Period: &partnergraph.TimeRange{From: "2009-2014", To: "2009-2014"}}}, []string{c}},
		{"a malformed period matches nothing", &partnergraph.ProjectFilter{Period: &partnergraph.TimeRange{From: "soon"}}, []string{}},
	}
	t.Run("group by period", func(t *testing.T) {
		buckets, err := s.Group(context.Background(), partnergraph.ByPeriod, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, b := range buckets {
			got[b.Key] = b.Projects
		}
		if want := map[string]int{"2009-2014": 2, "2014-2020": 1}; !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := projectIDs(t, s, tt.f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func testProjectsPagination(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	var seen []string
	after := ""
	for i := 0; i < 5; i++ {
		res, err := s.Projects(ctx, nil, partnergraph.Page{First: 2, After: after})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != -1 {
			t.Errorf("total %d counted though not asked for", res.Total)
		}
		for _, p := range res.Items {
			seen = append(seen, p.ID)
		}
		if !res.HasNextPage {
			break
		}
		if len(res.Items) != 2 || res.EndCursor == "" {
			t.Fatalf("page %d: %d items, cursor %q", i, len(res.Items), res.EndCursor)
		}
		after = res.EndCursor
	}
	if want := []string{"project:2019-1-pl01-ka204-000001", "project:aa01-0001", "project:bb02-0002"}; !reflect.DeepEqual(seen, want) {
		t.Errorf("pages gave %v, want %v", seen, want)
	}
	if res, err := s.Projects(ctx, nil, partnergraph.Page{First: 0, WithTotal: true}); err != nil || len(res.Items) != 0 || res.Total != 3 || !res.HasNextPage {
		t.Errorf("first 0: %+v, %v", res, err)
	}
	_, err := s.Projects(ctx, nil, partnergraph.Page{First: partnergraph.MaxPageSize + 1})
	wantCode(t, err, partnergraph.EINVALID)
	_, err = s.Projects(ctx, nil, partnergraph.Page{First: 1, After: "not a cursor!"})
	wantCode(t, err, partnergraph.EINVALID)
	// A cursor past the end gives an empty page.
	res, err := s.Projects(ctx, nil, partnergraph.Page{First: 5, After: partnergraph.EncodeCursor(partnergraph.Cursor{Key: "project:zz", ID: "project:zz"})})
	if err != nil || len(res.Items) != 0 || res.HasNextPage {
		t.Errorf("after the end: %+v, %v", res, err)
	}
}

// organisationIDs lists the ids of the first organisations matching f.
func organisationIDs(t *testing.T, s partnergraph.Store, f *partnergraph.OrganisationFilter, first int) []string {
	t.Helper()
	res, err := s.Organisations(context.Background(), f, partnergraph.Page{First: first})
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, o := range res.Items {
		out = append(out, o.ID)
	}
	return out
}

func testOrganisations(t *testing.T, s partnergraph.Store) {
	ids := func(f *partnergraph.OrganisationFilter, first int) []string { return organisationIDs(t, s, f, first) }
	if got := ids(nil, 10); !reflect.DeepEqual(got, []string{"org:alpha", "org:beta", "org:krus"}) {
		t.Errorf("all: %v", got)
	}
	if got := ids(&partnergraph.OrganisationFilter{CountryCode: "NO"}, 10); !reflect.DeepEqual(got, []string{"org:krus"}) {
		t.Errorf("country NO: %v", got)
	}
	if got := ids(&partnergraph.OrganisationFilter{NameContains: "staff academy"}, 10); !reflect.DeepEqual(got, []string{"org:krus"}) {
		t.Errorf("name contains, by alias: %v", got)
	}
	if got := ids(&partnergraph.OrganisationFilter{Not: &partnergraph.OrganisationFilter{CountryCode: "NO"}}, 10); !reflect.DeepEqual(got, []string{"org:alpha", "org:beta"}) {
		t.Errorf("not NO: %v", got)
	}
	if got := ids(nil, 1); !reflect.DeepEqual(got, []string{"org:alpha"}) {
		t.Errorf("first 1: %v", got)
	}
	if got := ids(&partnergraph.OrganisationFilter{Roles: []partnergraph.Role{partnergraph.RoleDonorProjectPartner}}, 10); !reflect.DeepEqual(got, []string{"org:krus"}) {
		t.Errorf("donor project partners: %v", got)
	}
	if got := ids(&partnergraph.OrganisationFilter{Roles: []partnergraph.Role{partnergraph.RolePromoter, partnergraph.RoleMentioned}}, 10); !reflect.DeepEqual(got, []string{"org:alpha", "org:beta"}) {
		t.Errorf("promoters or mentioned: %v", got)
	}
	if got := ids(&partnergraph.OrganisationFilter{Not: &partnergraph.OrganisationFilter{Roles: []partnergraph.Role{partnergraph.RolePromoter}}}, 10); !reflect.DeepEqual(got, []string{"org:krus"}) {
		t.Errorf("never a promoter: %v", got)
	}
}

func testInvolvements(t *testing.T, s partnergraph.Store) {
	inv, err := s.Involvements(context.Background(), []string{"org:krus", "org:alpha", "org:nobody", "org:beta"})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]partnergraph.Involvement{
		{{ProjectID: "project:aa01-0001", Role: partnergraph.RoleDonorProjectPartner}, {ProjectID: "project:bb02-0002", Role: partnergraph.RoleDonorProjectPartner}},
		{{ProjectID: "project:aa01-0001", Role: partnergraph.RolePromoter}, {ProjectID: "project:bb02-0002", Role: partnergraph.RoleProjectPartner}},
		nil,
		{{ProjectID: "project:2019-1-pl01-ka204-000001", Role: partnergraph.RolePromoter}, {ProjectID: "project:aa01-0001", Role: partnergraph.RoleMentioned}},
	}
	if !reflect.DeepEqual(inv, want) {
		t.Errorf("got %+v\nwant %+v", inv, want)
	}
}

func testLoadIdempotent(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if err := s.Load(ctx, Fixture()); err != nil {
			t.Fatal(err)
		}
	}
	if got := projectIDs(t, s, nil); len(got) != 3 {
		t.Errorf("%d projects after loading twice", len(got))
	}
	inv, _ := s.Involvements(ctx, []string{"org:krus"})
	if len(inv[0]) != 2 {
		t.Errorf("KRUS has %d involvements after loading twice, want 2", len(inv[0]))
	}
}

func testReload(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	g := Fixture()
	p := g.Projects[1]
	p.Partners = []partnergraph.Partnership{{OrganisationID: "org:alpha", Role: partnergraph.RoleProjectPartner}}
	p.Status = "Completed"
	if err := s.Load(ctx, &partnergraph.Graph{Projects: []partnergraph.Project{p}}); err != nil {
		t.Fatal(err)
	}
	inv, _ := s.Involvements(ctx, []string{"org:krus"})
	if len(inv[0]) != 1 {
		t.Errorf("KRUS still has %d involvements after its partnership was removed, want 1", len(inv[0]))
	}
	if got := projectIDs(t, s, &partnergraph.ProjectFilter{Status: "Completed"}); len(got) != 2 {
		t.Errorf("status not replaced: %v", got)
	}
}

// testApply writes one change: a project removed with the organisation and
// the programme only it had, an organisation replaced without its old
// aliases, a new target group; then a change the store must refuse leaves
// the store as it was.
func testApply(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	krus := Fixture().Organisations[2]
	krus.Aliases = []string{"KRUS Academy"}
	changed := &partnergraph.Graph{
		Organisations: []partnergraph.Organisation{krus},
		TargetGroups:  []partnergraph.TargetGroup{{ID: "tg:probation-officers", Name: "Probation officers"}},
	}
	remove := []string{"project:2019-1-pl01-ka204-000001", "doc:c-txt", "programme:peer-support", "country:PL"}
	if err := s.Apply(ctx, changed, remove); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	nodes, err := s.Nodes(ctx, []string{"project:2019-1-pl01-ka204-000001", "doc:c-txt", "programme:peer-support", "tg:probation-officers", "org:beta", "project:aa01-0001"})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{false, false, false, true, true, true} {
		if (nodes[i] != nil) != want {
			t.Errorf("node %d after Apply: %v, want present=%v", i, nodes[i], want)
		}
	}
	if got := projectIDs(t, s, nil); !reflect.DeepEqual(got, []string{"project:aa01-0001", "project:bb02-0002"}) {
		t.Errorf("projects after Apply: %v", got)
	}
	// org:beta promoted the removed project: that part is gone with it.
	inv, err := s.Involvements(ctx, []string{"org:beta"})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inv[0] {
		if in.ProjectID == "project:2019-1-pl01-ka204-000001" {
			t.Errorf("org:beta still plays a part in the removed project")
		}
	}
	edges, err := s.Edges(ctx, []string{"org:beta"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edges[0] {
		if e.Source == "project:2019-1-pl01-ka204-000001" || e.Target == "project:2019-1-pl01-ka204-000001" {
			t.Errorf("an edge of the removed project is left: %+v", e)
		}
	}
	// Aliases are replaced, not merged.
	if _, err := s.OrganisationByName(ctx, "Correctional Service of Norway Staff Academy"); partnergraph.ErrorCode(err) != partnergraph.ENOTFOUND {
		t.Errorf("the replaced alias still finds KRUS: %v", err)
	}
	if o, err := s.OrganisationByName(ctx, "KRUS Academy"); err != nil || o.ID != "org:krus" {
		t.Errorf("the new alias: %v, %v", o, err)
	}
	hits, err := s.Search(ctx, "peer support", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.ID == "project:2019-1-pl01-ka204-000001" || h.ID == "programme:peer-support" {
			t.Errorf("search still finds the removed %s", h.ID)
		}
	}
	if hits, err := s.Search(ctx, "probation officers", []partnergraph.NodeKind{partnergraph.KindTargetGroup}, 10); err != nil || len(hits) == 0 || hits[0].ID != "tg:probation-officers" {
		t.Errorf("search does not find the new target group: %v, %v", hits, err)
	}
	// Metrics follow, once computed (a store may compute them in the
	// background, and answer with the last ones meanwhile): org:beta
	// promoted nothing else.
	var m []*partnergraph.Metrics
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(50 * time.Millisecond) {
		if m, err = s.Metrics(ctx, []string{"org:krus"}); err != nil || (m[0] != nil && m[0].Projects == 2) {
			break
		}
	}
	if err != nil || m[0] == nil || m[0].Projects != 2 {
		t.Errorf("KRUS metrics after Apply: %+v, %v", m, err)
	}
	// Nothing to do is no error.
	if err := s.Apply(ctx, &partnergraph.Graph{}, nil); err != nil {
		t.Errorf("empty Apply: %v", err)
	}
}

// testSample loads the bundled sample through the real ingest path and asks
// the questions the README shows.
func testSample(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	srcs, problems, err := ingest.ReadFS(sample.FS, ".")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	g, problems := ingest.Build(srcs)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if err := s.Load(ctx, g); err != nil {
		t.Fatal(err)
	}
	lt, err := s.ProjectByCode(ctx, "LT14-0004")
	if err != nil {
		t.Fatal(err)
	}
	krus, err := s.OrganisationByName(ctx, "KRUS")
	if err != nil {
		t.Fatal(err)
	}
	if alias, err := s.OrganisationByName(ctx, "Correctional Service of Norway Staff Academy"); err != nil || alias.ID != krus.ID {
		t.Errorf("KRUS by its old name: %v, %v", alias, err)
	}
	found := false
	for _, ps := range lt.Partners {
		found = found || (ps.OrganisationID == krus.ID && ps.Role == partnergraph.RoleDonorProjectPartner)
	}
	if !found || krus.CountryCode != "NO" {
		t.Errorf("KRUS is not the Norwegian donor project partner of LT14-0004: %+v", lt.Partners)
	}
	withKRUS := projectIDs(t, s, &partnergraph.ProjectFilter{OrganisationID: krus.ID})
	if len(withKRUS) != 2 {
		t.Errorf("KRUS works on %v, want the Lithuanian and the Czech projects", withKRUS)
	}
	if all := projectIDs(t, s, nil); len(all) != len(srcs) {
		t.Errorf("%d projects from %d sheets", len(all), len(srcs))
	}
}

// The network part of the contract: edges, metrics and the algorithms of
// package network, which every store must answer alike.
func TestNetwork(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Load(ctx, Fixture()); err != nil {
		t.Fatal(err)
	}
	t.Run("Edges", func(t *testing.T) {
		edges, err := s.Edges(ctx, []string{"project:aa01-0001", "country:SK", "org:nobody", "funder:eea-grants"})
		if err != nil {
			t.Fatal(err)
		}
		want := [][]partnergraph.Edge{
			{
				{Source: "project:aa01-0001", Target: "doc:a-txt", Kind: partnergraph.EdgeFromDocument},
				{Source: "project:aa01-0001", Target: "funder:norway-grants", Kind: partnergraph.EdgeFundedBy},
				{Source: "project:aa01-0001", Target: "country:SK", Kind: partnergraph.EdgeLocatedIn},
				{Source: "project:aa01-0001", Target: "org:beta", Kind: partnergraph.EdgePartner, Role: partnergraph.RoleMentioned},
				{Source: "project:aa01-0001", Target: "org:krus", Kind: partnergraph.EdgePartner, Role: partnergraph.RoleDonorProjectPartner},
				{Source: "project:aa01-0001", Target: "org:alpha", Kind: partnergraph.EdgePromoter, Role: partnergraph.RolePromoter},
				{Source: "project:aa01-0001", Target: "tg:prison-staff", Kind: partnergraph.EdgeTargets},
				{Source: "project:aa01-0001", Target: "tg:prisoners", Kind: partnergraph.EdgeTargets},
				{Source: "project:aa01-0001", Target: "programme:anger-management", Kind: partnergraph.EdgeUsesProgramme, Activity: partnergraph.ActivityRun},
			},
			{
				{Source: "org:alpha", Target: "country:SK", Kind: partnergraph.EdgeBasedIn},
				{Source: "project:aa01-0001", Target: "country:SK", Kind: partnergraph.EdgeLocatedIn},
			},
			nil,
			{{Source: "project:bb02-0002", Target: "funder:eea-grants", Kind: partnergraph.EdgeFundedBy}},
		}
		if !reflect.DeepEqual(edges, want) {
			t.Errorf("got  %+v\nwant %+v", edges, want)
		}
	})
	t.Run("EdgesAmong", func(t *testing.T) {
		// Every store answers it (its own, or Edges filtered): the edges
		// Edges gives, in its order, less those whose other end is not
		// among the ids.
		ids := []string{"project:aa01-0001", "country:SK", "org:nobody", "org:krus", "funder:eea-grants"}
		among := []string{"org:krus", "country:SK", "tg:prisoners", "project:aa01-0001", "project:bb02-0002", "org:nobody"}
		got, err := s.EdgesAmong(ctx, ids, among)
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.Edges(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		in := map[string]bool{}
		for _, id := range among {
			in[id] = true
		}
		kept := 0
		for i, id := range ids {
			var want []partnergraph.Edge
			for _, e := range all[i] {
				if in[e.Other(id)] {
					want = append(want, e)
				}
			}
			kept += len(want)
			if !reflect.DeepEqual(got[i], want) {
				t.Errorf("%s among %v:\n got %+v\nwant %+v", id, among, got[i], want)
			}
		}
		if kept < 4 {
			t.Errorf("the fixture should keep some edges: %d", kept)
		}
		if none, err := s.EdgesAmong(ctx, []string{"org:krus"}, nil); err != nil || len(none[0]) != 0 {
			t.Errorf("among nothing: %v %v", none, err)
		}
	})
	t.Run("Metrics", func(t *testing.T) {
		m, err := s.Metrics(ctx, []string{"org:alpha", "org:krus", "org:beta", "org:nobody"})
		if err != nil {
			t.Fatal(err)
		}
		// alpha and KRUS share two projects; beta promotes one alone (its
		// mention in another does not count).
		alpha := partnergraph.Metrics{Projects: 2, Degree: 1, PartnerCountries: 1, Betweenness: 0, Community: 0, Bridging: 1}
		krus := partnergraph.Metrics{Projects: 2, Degree: 1, PartnerCountries: 1, Betweenness: 0, Community: 0, Bridging: 1}
		beta := partnergraph.Metrics{Projects: 1, Degree: 0, Community: 1}
		if m[0] == nil || *m[0] != alpha || m[1] == nil || *m[1] != krus || m[2] == nil || *m[2] != beta || m[3] != nil {
			t.Errorf("metrics: %+v %+v %+v %+v", m[0], m[1], m[2], m[3])
		}
	})
	t.Run("Expand", func(t *testing.T) {
		sg, err := network.Expand(ctx, s, []string{"org:krus"}, 1, nil, 100)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"org:krus", "country:NO", "project:aa01-0001", "project:bb02-0002"}; !reflect.DeepEqual(sg.NodeIDs, want) || sg.Truncated {
			t.Errorf("nodes %v (truncated %v), want %v", sg.NodeIDs, sg.Truncated, want)
		}
		if len(sg.Edges) != 3 {
			t.Errorf("edges %+v", sg.Edges)
		}
		// Depth 2 with a limit: cut, and said so.
		sg, err = network.Expand(ctx, s, []string{"org:krus"}, 2, nil, 6)
		if err != nil {
			t.Fatal(err)
		}
		if len(sg.NodeIDs) != 6 || !sg.Truncated {
			t.Errorf("limited expansion: %d nodes, truncated %v", len(sg.NodeIDs), sg.Truncated)
		}
		for _, e := range sg.Edges {
			in := 0
			for _, id := range sg.NodeIDs {
				if id == e.Source || id == e.Target {
					in++
				}
			}
			if in != 2 {
				t.Errorf("edge %s has an end outside the subgraph", e.ID())
			}
		}
		_, err = network.Expand(ctx, s, []string{"org:nobody"}, 1, nil, 10)
		wantCode(t, err, partnergraph.ENOTFOUND)
		_, err = network.Expand(ctx, s, []string{"org:krus"}, network.MaxDepth+1, nil, 10)
		wantCode(t, err, partnergraph.EINVALID)
	})
	t.Run("Paths", func(t *testing.T) {
		paths, err := network.ShortestPaths(ctx, s, "org:alpha", "org:krus", 6, 5, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got [][]string
		for _, p := range paths {
			got = append(got, p.NodeIDs)
			if len(p.Edges) != len(p.NodeIDs)-1 {
				t.Errorf("path %v has %d edges", p.NodeIDs, len(p.Edges))
			}
		}
		want := [][]string{{"org:alpha", "project:aa01-0001", "org:krus"}, {"org:alpha", "project:bb02-0002", "org:krus"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("paths %v, want %v", got, want)
		}
		// beta is only mentioned in alpha's project: no path through a mention.
		paths, err = network.ShortestPaths(ctx, s, "org:alpha", "org:beta", 6, 5, nil)
		if err != nil || len(paths) != 0 {
			t.Errorf("path through a mention: %+v %v", paths, err)
		}
	})
	t.Run("Aggregate", func(t *testing.T) {
		got, err := network.Aggregate(ctx, s, partnergraph.ByOrganisation, &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{Kind: partnergraph.ProjectErasmus}})
		if err != nil {
			t.Fatal(err)
		}
		want := []partnergraph.Bucket{
			{Key: "org:alpha", Label: "Alpha Prison Service", Projects: 2, Grant: 1300, FinalCost: 900, WithGrant: 2},
			{Key: "org:krus", Label: "University College of Norwegian Correctional Service", Projects: 2, Grant: 1300, FinalCost: 900, WithGrant: 2},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v\nwant %+v", got, want)
		}
	})
	t.Run("Similar", func(t *testing.T) {
		rs, err := similar.Find(ctx, s, similar.Query{ProjectID: "project:aa01-0001", First: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) == 0 || rs[0].ProjectID != "project:bb02-0002" {
			t.Fatalf("like aa01: %+v", rs)
		}
		var got []string
		for _, r := range rs[0].Reasons {
			got = append(got, string(r.Feature.Kind)+" "+r.Feature.ID+" "+r.Name)
		}
		// KRUS once, with its strongest role.
		want := []string{
			"DONOR_PARTNER org:krus University College of Norwegian Correctional Service (KRUS)",
			"TARGET_GROUP tg:prison-staff Prison staff",
			"PARTNER org:alpha Alpha Prison Service",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("reasons %q, want %q", got, want)
		}
	})
	t.Run("Collaborators", func(t *testing.T) {
		cs, err := network.Collaborators(ctx, s, "org:krus")
		if err != nil {
			t.Fatal(err)
		}
		want := []network.Collaborator{{OrganisationID: "org:alpha", ProjectIDs: []string{"project:aa01-0001", "project:bb02-0002"}, CountryCodes: []string{"CZ", "SK"}}}
		if !reflect.DeepEqual(cs, want) {
			t.Errorf("got %+v, want %+v", cs, want)
		}
	})
}

// walk pages through a sorted list two by two and returns the ids.
func walk(t *testing.T, list func(partnergraph.Page) ([]string, partnergraph.PageInfo, error), sort partnergraph.Sort) []string {
	t.Helper()
	var out []string
	p := partnergraph.Page{First: 2, Sort: sort}
	for i := 0; i < 10; i++ {
		ids, info, err := list(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ids...)
		if !info.HasNextPage {
			return out
		}
		p.After = info.EndCursor
	}
	t.Fatal("paging does not end")
	return nil
}

func testSorting(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	projects := func(p partnergraph.Page) ([]string, partnergraph.PageInfo, error) {
		res, err := s.Projects(ctx, nil, p)
		if err != nil {
			return nil, partnergraph.PageInfo{}, err
		}
		var ids []string
		for i, pr := range res.Items {
			ids = append(ids, pr.ID)
			if res.Cursors[i] == "" {
				t.Errorf("no cursor for %s", pr.ID)
			}
		}
		return ids, res.PageInfo, nil
	}
	orgs := func(p partnergraph.Page) ([]string, partnergraph.PageInfo, error) {
		res, err := s.Organisations(ctx, nil, p)
		if err != nil {
			return nil, partnergraph.PageInfo{}, err
		}
		var ids []string
		for _, o := range res.Items {
			ids = append(ids, o.ID)
		}
		return ids, res.PageInfo, nil
	}
	const a, b, c = "project:aa01-0001", "project:bb02-0002", "project:2019-1-pl01-ka204-000001"
	tests := []struct {
		name string
		list func(partnergraph.Page) ([]string, partnergraph.PageInfo, error)
		sort partnergraph.Sort
		want []string
	}{
		{"projects by grant, largest first (none last)", projects, partnergraph.Sort{Field: "GRANT", Desc: true}, []string{a, b, c}},
		{"projects by grant", projects, partnergraph.Sort{Field: "GRANT"}, []string{c, b, a}},
		{"projects by title", projects, partnergraph.Sort{Field: "TITLE"}, []string{a, c, b}},
		{"projects by start date, ties by id", projects, partnergraph.Sort{Field: "START_DATE"}, []string{a, b, c}},
		{"organisations by name, descending", orgs, partnergraph.Sort{Field: "NAME", Desc: true}, []string{"org:krus", "org:beta", "org:alpha"}},
		{"organisations by projects", orgs, partnergraph.Sort{Field: "PROJECTS", Desc: true}, []string{"org:alpha", "org:krus", "org:beta"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := walk(t, tt.list, tt.sort); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	// A cursor of one order is refused by another.
	res, err := s.Projects(ctx, nil, partnergraph.Page{First: 1, Sort: partnergraph.Sort{Field: "GRANT"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Projects(ctx, nil, partnergraph.Page{First: 1, After: res.EndCursor, Sort: partnergraph.Sort{Field: "TITLE"}})
	wantCode(t, err, partnergraph.EINVALID)
	_, err = s.Projects(ctx, nil, partnergraph.Page{First: 1, Sort: partnergraph.Sort{Field: "COLOUR"}})
	wantCode(t, err, partnergraph.EINVALID)
	// Metric filters.
	res2, err := s.Organisations(ctx, &partnergraph.OrganisationFilter{Degree: &partnergraph.Range{Gte: f64(1)}, NameStartsWith: "univ"}, partnergraph.Page{First: 10})
	if err != nil || len(res2.Items) != 1 || res2.Items[0].ID != "org:krus" {
		t.Errorf("degree >= 1 and name starts with univ: %+v %v", res2, err)
	}
	res2, err = s.Organisations(ctx, &partnergraph.OrganisationFilter{CountryIn: []string{"pl", "NO"}, Community: intp(1)}, partnergraph.Page{First: 10})
	if err != nil || len(res2.Items) != 1 || res2.Items[0].ID != "org:beta" {
		t.Errorf("country in PL, NO and community 1: %+v %v", res2, err)
	}
	// Sources: an organisation stored with none matches none.
	res2, err = s.Organisations(ctx, &partnergraph.OrganisationFilter{Sources: []partnergraph.Source{partnergraph.SourceEEAGrants}}, partnergraph.Page{First: 10})
	if err != nil || len(res2.Items) != 1 || res2.Items[0].ID != "org:krus" || !reflect.DeepEqual(res2.Items[0].Sources, []partnergraph.Source{partnergraph.SourceEEAGrants, partnergraph.SourcePage}) {
		t.Errorf("named by the EEA Grants' exports: %+v %v", res2, err)
	}
	res2, err = s.Organisations(ctx, &partnergraph.OrganisationFilter{Sources: []partnergraph.Source{partnergraph.SourcePage}}, partnergraph.Page{First: 10})
	if err != nil || len(res2.Items) != 2 || res2.Items[0].ID != "org:alpha" || res2.Items[1].ID != "org:krus" {
		t.Errorf("named by a page: %+v %v", res2, err)
	}
}

func intp(v int) *int { return &v }

// testNotOverMissingValues: a comparison with a value a node does not have
// is false, so its negation is true; the same on every store (Cypher's
// three-valued logic would drop such rows).
func testNotOverMissing(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	extra := &partnergraph.Graph{
		Organisations: []partnergraph.Organisation{{ID: "org:gamma", Name: "Gamma Foundation"}},
		Projects: []partnergraph.Project{{
			ID: "project:zz-bare", Title: "A project with no status, country, code or funder", Kind: partnergraph.ProjectBilateral,
			PromoterID: "org:gamma",
		}},
	}
	if err := s.Load(ctx, extra); err != nil {
		t.Fatal(err)
	}
	projects := func(f *partnergraph.ProjectFilter) []string { return projectIDs(t, s, f) }
	orgs := func(f *partnergraph.OrganisationFilter) []string { return organisationIDs(t, s, f, 100) }
	completed := &partnergraph.ProjectFilter{Status: "Completed"}
	for _, c := range []struct {
		name string
		f    *partnergraph.ProjectFilter
		want bool // whether the bare project matches
	}{
		{"not status", &partnergraph.ProjectFilter{Not: completed}, true},
		{"not country", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{CountryCode: "SK"}}, true},
		{"not code", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{Code: "AA01-0001"}}, true},
		{"not funder", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{FunderID: "funder:norway-grants"}}, true},
		{"not grant range", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{Grant: &partnergraph.Range{Gt: f64(100)}}}, true},
		{"not not status", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{Not: completed}}, false},
		{"not (status or country)", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{Or: []*partnergraph.ProjectFilter{completed, {CountryCode: "CZ"}}}}, true},
		{"not (status and kind)", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{Status: "Completed", Kind: partnergraph.ProjectBilateral}}, true},
		{"or with not", &partnergraph.ProjectFilter{Or: []*partnergraph.ProjectFilter{completed, {Not: &partnergraph.ProjectFilter{StatusIn: []string{"In progress"}}}}}, true},
		{"status", completed, false},
		{"not status in", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{StatusIn: []string{"Completed", "In progress"}}}, true},
		{"not code prefix", &partnergraph.ProjectFilter{Not: &partnergraph.ProjectFilter{CodeStartsWith: "AA"}}, true},
	} {
		got := slices.Contains(projects(c.f), "project:zz-bare")
		if got != c.want {
			t.Errorf("%s: the project with no values matches = %v, want %v", c.name, got, c.want)
		}
	}
	if got := projects(&partnergraph.ProjectFilter{Not: completed}); !reflect.DeepEqual(got, []string{"project:2019-1-pl01-ka204-000001", "project:bb02-0002", "project:zz-bare"}) {
		t.Errorf("not completed: %v", got)
	}
	if got := orgs(&partnergraph.OrganisationFilter{Not: &partnergraph.OrganisationFilter{CountryCode: "NO"}}); !reflect.DeepEqual(got, []string{"org:alpha", "org:beta", "org:gamma"}) {
		t.Errorf("organisations not NO, one without a country: %v", got)
	}
	if got := orgs(&partnergraph.OrganisationFilter{Not: &partnergraph.OrganisationFilter{Degree: &partnergraph.Range{Gte: f64(1)}}}); !slices.Contains(got, "org:gamma") {
		t.Errorf("organisations not degree >= 1 should hold the one with no partners: %v", got)
	}
}

// testUnknownCountry: a country code outside the country list is still a
// country with an id, reached from its projects and organisations.
func testUnknownCountry(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	g := &partnergraph.Graph{
		Organisations: []partnergraph.Organisation{{ID: "org:qq-office", Name: "QQ Office", CountryCode: "QQ"}},
		Projects:      []partnergraph.Project{{ID: "project:qq-1", Title: "Somewhere", Kind: partnergraph.ProjectEEA, CountryCode: "QQ", PromoterID: "org:qq-office"}},
	}
	if err := s.Load(ctx, g); err != nil {
		t.Fatal(err)
	}
	edges, err := s.Edges(ctx, []string{"country:QQ"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range edges[0] {
		got = append(got, string(e.Kind)+" "+e.Source+"->"+e.Target)
	}
	slices.Sort(got)
	want := []string{"BASED_IN org:qq-office->country:QQ", "LOCATED_IN project:qq-1->country:QQ"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("edges of an unknown country: %v, want %v", got, want)
	}
}

// testMergedIDs: an organisation's merged ids answer Nodes with it, until
// a change takes them back (a split); then the id answers nothing, or the
// organisation that holds it again.
func testMergedIDs(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	krus := Fixture().Organisations[2]
	krus.MergedIDs = []string{"org:krus-academy", "org:staff-academy"}
	if err := s.Apply(ctx, &partnergraph.Graph{Organisations: []partnergraph.Organisation{krus}}, []string{"org:alpha"}); err != nil {
		t.Fatal(err)
	}
	nodes, err := s.Nodes(ctx, []string{"org:krus-academy", "org:staff-academy", "org:krus", "org:unknown"})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"org:krus", "org:krus", "org:krus", ""} {
		got := ""
		if nodes[i] != nil {
			got = nodes[i].NodeID()
		}
		if got != want {
			t.Errorf("node %d: %q, want %q", i, got, want)
		}
	}
	if o, ok := nodes[0].(*partnergraph.Organisation); !ok || !reflect.DeepEqual(o.MergedIDs, krus.MergedIDs) {
		t.Errorf("the organisation does not list its merged ids: %+v", nodes[0])
	}
	// The split: org:staff-academy leaves and is an organisation again.
	krus.MergedIDs = []string{"org:krus-academy"}
	academy := partnergraph.Organisation{ID: "org:staff-academy", Name: "Staff Academy", CountryCode: "NO"}
	if err := s.Apply(ctx, &partnergraph.Graph{Organisations: []partnergraph.Organisation{krus, academy}}, nil); err != nil {
		t.Fatal(err)
	}
	nodes, err = s.Nodes(ctx, []string{"org:krus-academy", "org:staff-academy"})
	if err != nil {
		t.Fatal(err)
	}
	if nodes[0] == nil || nodes[0].NodeID() != "org:krus" || nodes[1] == nil || nodes[1].NodeID() != "org:staff-academy" {
		t.Errorf("after the split: %v", nodes)
	}
	krus.MergedIDs = nil
	if err := s.Apply(ctx, &partnergraph.Graph{Organisations: []partnergraph.Organisation{krus}}, nil); err != nil {
		t.Fatal(err)
	}
	if nodes, err := s.Nodes(ctx, []string{"org:krus-academy"}); err != nil || nodes[0] != nil {
		t.Errorf("a merged id taken back still answers: %v, %v", nodes, err)
	}
}

// testProjectWithOrganisations: one call gives what ProjectByCode and
// Nodes give for the project's promoter and partners; an unknown code is
// ENOTFOUND.
func testProjectWithOrganisations(t *testing.T, s partnergraph.Store) {
	ctx := context.Background()
	for _, want := range Fixture().Projects {
		if want.Code == "" {
			continue
		}
		p, orgs, err := s.ProjectByCodeWithOrganisations(ctx, strings.ToLower(want.Code))
		if err != nil {
			t.Fatalf("%s: %v", want.Code, err)
		}
		alone, _ := s.ProjectByCode(ctx, want.Code)
		if !reflect.DeepEqual(p, alone) {
			t.Errorf("%s: the project differs from ProjectByCode's", want.Code)
		}
		var ids []string
		if p.PromoterID != "" {
			ids = append(ids, p.PromoterID)
		}
		for _, ps := range p.Partners {
			ids = append(ids, ps.OrganisationID)
		}
		nodes, _ := s.Nodes(ctx, ids)
		got := map[string]*partnergraph.Organisation{}
		for _, o := range orgs {
			got[o.ID] = o
		}
		for i, n := range nodes {
			if n == nil {
				continue
			}
			if !reflect.DeepEqual(got[ids[i]], n) {
				t.Errorf("%s: organisation %s: %+v, Nodes gives %+v", want.Code, ids[i], got[ids[i]], n)
			}
		}
	}
	if _, _, err := s.ProjectByCodeWithOrganisations(ctx, "ZZ99-9999"); partnergraph.ErrorCode(err) != partnergraph.ENOTFOUND {
		t.Errorf("unknown code: %v, want ENOTFOUND", err)
	}
}

// WithoutKey is a decoded GraphQL answer without a key in any of its
// objects: what two queries that differ by one field should both answer.
func WithoutKey(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k != key {
				out[k] = WithoutKey(e, key)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = WithoutKey(e, key)
		}
		return out
	}
	return v
}
