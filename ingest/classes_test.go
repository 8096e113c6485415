package ingest_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// buildTexts builds a graph of sheets given as texts.
func buildTexts(t *testing.T, texts map[string]string) *partnergraph.Graph {
	t.Helper()
	var srcs []ingest.Source
	for _, name := range sortedKeys(texts) {
		srcs = append(srcs, ingest.Source{Name: name, Data: []byte(texts[name])})
	}
	g, problems := ingest.Build(srcs)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	return g
}

func projectOf(g *partnergraph.Graph, doc string) *partnergraph.Project {
	for i := range g.Projects {
		if g.Projects[i].DocumentID == ingest.DocumentID(doc) {
			return &g.Projects[i]
		}
	}
	return nil
}

func orgNamed(g *partnergraph.Graph, name string) *partnergraph.Organisation {
	keys := nodeNameKeys(g)
	for i, o := range g.Organisations {
		if keys[o.ID][partnergraph.NameKey(name)] {
			return &g.Organisations[i]
		}
	}
	return nil
}

// A status is never a project number: two pages whose "Status:" label was
// lost, so that "In implementation" stands under "Project Number:", stay
// two projects, each with its status.
func TestStatusIsNoProjectNumber(t *testing.T) {
	page := func(title, promoter string) string {
		return title + "\n\nProject facts\n\nProject promoter:\n" + promoter + "\nProject Number:\nIn implementation\nInitial project cost:\n€410,000\n\nSummary\n\nThe promoter trains its staff.\n"
	}
	g := buildTexts(t, map[string]string{
		"a.txt": page("Mentoring for released prisoners", "Lithuanian Prison Service"),
		"b.txt": page("Victim support in rural areas", "Fundacja Dom Bezpieczny"),
	})
	for _, doc := range []string{"a.txt", "b.txt"} {
		p := projectOf(g, doc)
		if p == nil {
			t.Fatalf("%s lost its project: %+v", doc, g.Projects)
		}
		if p.Code != "" || p.Status != "In implementation" {
			t.Errorf("%s: code %q, status %q", doc, p.Code, p.Status)
		}
	}
	if len(g.Projects) != 2 {
		t.Errorf("%d projects, want 2", len(g.Projects))
	}
}

// A bilateral initiative's facts without labels: title, promoter, kinds of
// activity, partners, each on a bare line.
func TestBilateralFactsWithoutLabels(t *testing.T) {
	g := buildTexts(t, map[string]string{"bi.txt": `Risk assessment seminar for police and help centres

Police Department under the Ministry of the Interior of the Republic of Lithuania(LT)
Workshop or seminar
Expert exchange
Norwegian Centre for Violence and Traumatic Stress Studies (NKVTS)(NO)
Oslo Police District(NO)

A two-day seminar in Vilnius compared tools for judging the risk of new violence.
`})
	p := projectOf(g, "bi.txt")
	if p == nil || p.Kind != partnergraph.ProjectBilateral || !slices.Equal(p.InitiativeTypes, []string{"Workshop or seminar", "Expert exchange"}) {
		t.Fatalf("project %+v", p)
	}
	promoter := orgNamed(g, "Police Department under the Ministry of the Interior of the Republic of Lithuania")
	if promoter == nil || p.PromoterID != promoter.ID {
		t.Errorf("promoter %q, want the Lithuanian police department", p.PromoterID)
	}
	for _, name := range []string{"NKVTS", "Oslo Police District"} {
		o := orgNamed(g, name)
		if o == nil || !slices.ContainsFunc(p.Partners, func(ps partnergraph.Partnership) bool {
			return ps.OrganisationID == o.ID && ps.Role == partnergraph.RoleDonorProjectPartner
		}) {
			t.Errorf("%s is no donor partner: %+v", name, p.Partners)
		}
	}
}

// Roles stated in prose: "X as a DPP", "together with our Norwegian
// partner", and "co-financed by" or a programme's partner is only a
// mention.
func TestRolesFromProse(t *testing.T) {
	g := buildTexts(t, map[string]string{"ro.txt": `Dynamic security for Romanian prisons

Project facts

Project promoter:
National Administration of Penitentiaries
Project Number:
RO-JUSTICE-0041

Summary

The Directorate of Norwegian Correctional Service (KDI) takes part as a DPP. Together with our Norwegian partner Alternative to Violence the promoter wrote a course. The Council of Europe, partner organisation of the programme, reviewed it. The course was co-financed by the Romanian Ministry of Justice.
`})
	p := projectOf(g, "ro.txt")
	role := map[string]partnergraph.Role{}
	for _, ps := range p.Partners {
		for _, o := range g.Organisations {
			if o.ID == ps.OrganisationID {
				role[o.Name] = ps.Role
			}
		}
	}
	for name, want := range map[string]partnergraph.Role{
		"Directorate of Norwegian Correctional Service": partnergraph.RoleDonorProjectPartner,
		"Alternative to Violence":                       partnergraph.RoleDonorProjectPartner,
		"Council of Europe":                             partnergraph.RoleMentioned,
		"Romanian Ministry of Justice":                  partnergraph.RoleMentioned,
	} {
		if role[name] != want {
			t.Errorf("%s: %s, want %s (%v)", name, role[name], want, role)
		}
	}
}

// One organisation under the names its pages give it is one node; a
// country's code glued to a name is its country, never its acronym; no
// node is a cut name.
func TestOneNodeUnderThePagesNames(t *testing.T) {
	g := buildTexts(t, map[string]string{
		"a.txt": "Restorative justice in probation\n\nProject facts\n\nProject promoter:\nProbation and Mediation Services Czech Republic(CZ)\nProject Number:\nCZ-JUSTICE-0031\n\nSummary\n\nThe Probation and Mediation Service trains its officers in mediation.\n",
		"b.txt": "Electronic monitoring\n\nProject facts\n\nProject promoter:\nThe Probation and Mediation Service of the Czech Republic(CZ)\nProject Number:\nCZ-JUSTICE-0032\nOther Project Partners:\nInstitute for Labour and Family Research(SK)\nMinistry of Justice - Bulgaria(BG)\n\nSummary\n\nThe Institute for Labour and Family Research(SK) evaluated it.\n",
	})
	var pms []string
	for _, o := range g.Organisations {
		if strings.Contains(strings.ToLower(o.Name), "probation") {
			pms = append(pms, o.Name)
		}
		if len(o.Acronym) == 2 {
			if _, ok := partnergraph.CountryByCode(o.Acronym); ok {
				t.Errorf("%s has the country code %s as its acronym", o.Name, o.Acronym)
			}
		}
		if partnergraph.NameKey(o.Name) == "probation" {
			t.Errorf("a cut name became a node: %q", o.Name)
		}
	}
	if len(pms) != 1 {
		t.Errorf("the Czech Probation and Mediation Service is %d nodes: %q", len(pms), pms)
	}
	if o := orgNamed(g, "Ministry of Justice of Bulgaria"); o == nil || o.CountryCode != "BG" {
		t.Errorf("Bulgaria's ministry of justice: %+v", o)
	}
}

// A number the text names is the page's own only when the page gives it
// as its own: a page that builds on another project stays its own project.
func TestAnotherProjectsNumberInTheText(t *testing.T) {
	g := buildTexts(t, map[string]string{
		"lt.txt":     "Improving Competences of Prison Staff\n\nProject facts\n\nProject promoter:\nLithuanian Prison Service\nProject Number:\nLT14-0004\n\nSummary\n\nStaff were trained.\n",
		"follow.txt": "A second round of staff training\n\nProject facts\n\nProject promoter:\nLithuanian Prison Service\n\nSummary\n\nThe training builds on what the Lithuanian project LT14-0004 started years earlier, and reaches all prisons this time. The team trained new instructors, rewrote the course on dynamic security for the prisons of the north and the south, and visited colleagues abroad.\n",
		"card.txt":   "Peer mentors on probation\n\nSummary\n\nPeople on probation learn from mentors with the same experience.\n\nResults Platform Project Card: https://example.org/projects/search/details/2022-1-RO01-KA220-ADU-000087654\n",
	})
	if p := projectOf(g, "follow.txt"); p == nil || p.Code != "" {
		t.Errorf("the follow-up page took another project's number: %+v", p)
	}
	if p := projectOf(g, "lt.txt"); p == nil || p.Code != "LT14-0004" {
		t.Errorf("LT14-0004 lost its page: %+v", p)
	}
	if p := projectOf(g, "card.txt"); p == nil || p.Code != "2022-1-RO01-KA220-ADU-000087654" || p.Kind != partnergraph.ProjectErasmus {
		t.Errorf("the number in the project card's address: %+v", p)
	}
}

// A partner list written "Country: Name" gives each partner its country;
// a value with an amount in two currencies keeps the euros.
func TestCountryLabelledPartnersAndTwoCurrencies(t *testing.T) {
	g := buildTexts(t, map[string]string{"lv.txt": "Prison learning network\n\nProject facts\n\nProject promoter:\nLatvian Prison Administration\nProject Number:\nLV-JUSTICE-0042\nTotal eligible cost:\n2 345 678,90 PLN / 512 345 EUR\nProject partners:\nNorway: University College of Norwegian Correctional Service\nLithuania: Lithuanian Prison Service\n\nSummary\n\nThe partners share training material.\n"})
	p := projectOf(g, "lv.txt")
	if p.Funding.FinalCost == nil || *p.Funding.FinalCost != 512345 || p.Funding.Currency != "EUR" {
		t.Errorf("funding %+v", p.Funding)
	}
	role := map[string]partnergraph.Role{}
	for _, ps := range p.Partners {
		role[ps.OrganisationID] = ps.Role
	}
	if role["org:krus"] != partnergraph.RoleDonorProjectPartner {
		t.Errorf("KRUS, from Norway, should be a donor partner: %v", role)
	}
	if o := orgNamed(g, "Lithuanian Prison Service"); o == nil || role[o.ID] != partnergraph.RoleProjectPartner {
		t.Errorf("the Lithuanian prison service should be a partner: %v", role)
	}
}

// A page without a promoter label names its promoter in its prose: "X
// leads the partnership", "coordinated by X".
func TestPromoterFromProse(t *testing.T) {
	g := buildTexts(t, map[string]string{
		"a.txt": "RESTART\n\nSummary\n\nThe Finnish Criminal Sanctions Agency leads the partnership and tests the plan together with the City of Turku.\n",
		"b.txt": "Reading circles in prison\n\nSummary\n\nThe project is coordinated by the Fundacja Nowa Droga and run in six prisons together with the Polish Prison Service.\n",
	})
	for doc, want := range map[string]string{"a.txt": "Finnish Criminal Sanctions Agency", "b.txt": "Fundacja Nowa Droga"} {
		p, o := projectOf(g, doc), orgNamed(g, want)
		if o == nil || p.PromoterID != o.ID {
			t.Errorf("%s: promoter %q, want %s", doc, p.PromoterID, want)
		}
	}
}
