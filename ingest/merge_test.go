package ingest

import (
	"reflect"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func TestMergeProjects(t *testing.T) {
	i64 := func(v int64) *int64 { return &v }
	// What an export says (shown: exports come first) and what a page says.
	export := partnergraph.Project{ID: "project:lt14-0004", Code: "LT14-0004", Title: "Improving Competences", Status: "Completed",
		PromoterID: "org:a", DocumentID: "doc:row", Description: "A short summary.",
		Funding:  partnergraph.Funding{Grant: i64(549601), Currency: "EUR"},
		Partners: []partnergraph.Partnership{{OrganisationID: "org:krus", Role: partnergraph.RoleDonorProjectPartner}},
	}
	page := partnergraph.Project{ID: "project:lt14-0004", Code: "LT14-0004", Title: "Improving Competences", Status: "In implementation",
		PromoterID: "org:a", DocumentID: "doc:page", Description: "The page's longer account.", StartDate: "2014-05-01",
		Funding: partnergraph.Funding{Grant: i64(549600), FinalCost: i64(646589), Currency: "EUR"},
		Partners: []partnergraph.Partnership{
			{OrganisationID: "org:krus", Role: partnergraph.RoleProjectPartner, Evidence: []partnergraph.Evidence{{DocumentID: "doc:page", Text: "KRUS advises."}}},
			{OrganisationID: "org:atv", Role: partnergraph.RoleMentioned},
			{OrganisationID: "org:a", Role: partnergraph.RoleMentioned},
		},
		TargetGroupIDs: []string{"tg:prisoners"},
	}
	got := export
	mergeProjects(&got, page, partnergraph.SourcePage)
	if got.Status != "Completed" || *got.Funding.Grant != 549601 || *got.Funding.FinalCost != 646589 || got.StartDate != "2014-05-01" {
		t.Errorf("shown values: %+v", got)
	}
	if got.Description != "The page's longer account." {
		t.Errorf("prose: %q", got.Description)
	}
	want := []partnergraph.Disagreement{
		{Field: "status", Value: "In implementation", Shown: "Completed", Source: partnergraph.SourcePage, DocumentID: "doc:page"},
		{Field: "grant", Value: "549600", Shown: "549601", Source: partnergraph.SourcePage, DocumentID: "doc:page"},
		{Field: "role of org:krus", Value: "PROJECT_PARTNER", Shown: "DONOR_PROJECT_PARTNER", Source: partnergraph.SourcePage, DocumentID: "doc:page"},
	}
	if !reflect.DeepEqual(got.Disagreements, want) {
		t.Errorf("disagreements\n got %+v\nwant %+v", got.Disagreements, want)
	}
	// KRUS once, with the page's evidence; ATV joins; the promoter is no partner.
	if len(got.Partners) != 2 || got.Partners[0].OrganisationID != "org:krus" || len(got.Partners[0].Evidence) != 1 || got.Partners[1].OrganisationID != "org:atv" {
		t.Errorf("partners %+v", got.Partners)
	}
	if !reflect.DeepEqual(got.TargetGroupIDs, []string{"tg:prisoners"}) {
		t.Errorf("target groups %v", got.TargetGroupIDs)
	}
	// The export's lists are not changed by the merge.
	if len(export.Partners) != 1 || export.Disagreements != nil {
		t.Errorf("the export's project changed: %+v", export)
	}
}
