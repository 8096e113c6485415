package ingest

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

// index of a built graph, for the tests.
type built struct {
	g        *partnergraph.Graph
	projects map[string]*partnergraph.Project
	orgs     map[string]*partnergraph.Organisation
	byName   map[string]string // NameKey of name, acronym, alias -> org id
}

func build(t testing.TB, srcs []Source) *built {
	t.Helper()
	g, problems := Build(srcs)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	return index(g)
}

func index(g *partnergraph.Graph) *built {
	b := &built{g: g, projects: map[string]*partnergraph.Project{}, orgs: map[string]*partnergraph.Organisation{}, byName: map[string]string{}}
	for i := range g.Projects {
		b.projects[g.Projects[i].ID] = &g.Projects[i]
	}
	for i := range g.Organisations {
		o := &g.Organisations[i]
		b.orgs[o.ID] = o
		for _, n := range append([]string{o.Name, o.Acronym}, o.Aliases...) {
			if n != "" {
				b.byName[partnergraph.NameKey(n)] = o.ID
			}
		}
	}
	return b
}

func (b *built) org(name string) *partnergraph.Organisation {
	return b.orgs[b.byName[partnergraph.NameKey(name)]]
}

// role returns the role of the organisation in the project, "" if none.
func (b *built) role(projectID, orgID string) partnergraph.Role {
	p := b.projects[projectID]
	if p == nil {
		return ""
	}
	if p.PromoterID == orgID {
		return partnergraph.RolePromoter
	}
	for _, ps := range p.Partners {
		if ps.OrganisationID == orgID {
			return ps.Role
		}
	}
	return ""
}

func testdataSources(t testing.TB, names ...string) []Source {
	var out []Source
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Source{n, b})
	}
	return out
}

func TestBuildSeeds(t *testing.T) {
	b := build(t, readSeeds(t))
	if len(b.g.Projects) != 5 || len(b.g.Documents) != 5 {
		t.Fatalf("%d projects, %d documents; want 5 and 5", len(b.g.Projects), len(b.g.Documents))
	}
	lt := b.projects["project:lt14-0004"]
	if lt == nil {
		t.Fatal("no project LT14-0004")
	}
	if lt.Title != "Improving Competences Both of Inmates and Prison Staff" || lt.Status != "Completed" || lt.CountryCode != "LT" {
		t.Errorf("LT14-0004: %q %q %q", lt.Title, lt.Status, lt.CountryCode)
	}
	if *lt.Funding.InitialCost != 655397 || *lt.Funding.FinalCost != 646589 || *lt.Funding.Grant != 549601 || lt.Funding.FunderID != partnergraph.NorwayGrants.ID {
		t.Errorf("LT14-0004 funding: %+v", lt.Funding)
	}
	krus := b.org("KRUS")
	if krus == nil || krus.CountryCode != "NO" {
		t.Fatalf("KRUS: %+v", krus)
	}
	if r := b.role(lt.ID, krus.ID); r != partnergraph.RoleDonorProjectPartner {
		t.Errorf("KRUS in LT14-0004: %q, want DONOR_PROJECT_PARTNER", r)
	}
	if promoter := b.orgs[lt.PromoterID]; promoter == nil || promoter.CountryCode != "LT" || !strings.HasPrefix(promoter.Name, "Prison Department under the Ministry of Justice") {
		t.Errorf("LT14-0004 promoter: %+v", promoter)
	}

	er := b.projects["project:2018-1-el01-ka204-047884"]
	if er == nil || er.Kind != partnergraph.ProjectErasmus || er.CountryCode != "GR" || er.StartDate != "2018-10-01" || er.EndDate != "2020-09-30" || er.DurationMonths != 24 || er.Erasmus.CallYear != 2018 {
		t.Errorf("Erasmus+ project: %+v", er)
	}
	cz := b.projects["project:cz12-0042"]
	if cz == nil || cz.Location != "Jihočeský kraj" || cz.CountryCode != "CZ" || len(cz.TargetGroupIDs) != 2 {
		t.Errorf("CZ12-0042: %+v", cz)
	}
	// Sheets with no project number get an id from the title and say so.
	for _, d := range b.g.Documents {
		p := b.projects[d.ProjectIDs[0]]
		if p.Code == "" && !strings.Contains(strings.Join(d.Warnings, " "), "no project number") {
			t.Errorf("%s: no warning for the missing project number", d.Name)
		}
	}
}

func TestOneNodePerOrganisation(t *testing.T) {
	b := build(t, readSeeds(t))
	krus := b.org("KRUS")
	if krus == nil || b.org("Correctional Service of Norway Staff Academy") != krus || b.org("University College of Norwegian Correctional Service") != krus {
		t.Fatal("KRUS and its long names are not one node")
	}
	czps := b.org("Prison Service of the Czech Republic")
	if czps == nil || b.org("Prison Service of the CR") != czps || czps.CountryCode != "CZ" {
		t.Errorf("Prison Service of the CR is not the Czech promoter: %+v", czps)
	}
	czProject := b.projects["project:"+partnergraph.Slug("Projects for vulnerable groups and further education of employees of the Prison Service")]
	if czProject == nil {
		t.Fatal("Czech prison-service project not found")
	}
	if b.role("project:lt14-0004", krus.ID) == "" || b.role(czProject.ID, krus.ID) == "" {
		t.Error("KRUS is not linked to both the Lithuanian and the Czech prison-service projects")
	}
	atv := b.org("ATV")
	if atv == nil || atv.Name != "Alternative to Violence" || atv.CountryCode != "NO" || b.role(czProject.ID, atv.ID) != partnergraph.RoleDonorProjectPartner {
		t.Errorf("ATV: %+v, role %q", atv, b.role(czProject.ID, atv.ID))
	}
	for _, name := range []string{"Ullersmo prison", "Ila prison", "Ringerike prison", "DNCS"} {
		o := b.org(name)
		if o == nil || b.role(czProject.ID, o.ID) != partnergraph.RoleDonorProjectPartner {
			t.Errorf("%s is not a donor partner of the Czech project", name)
		}
	}
	// Different organisations stay different.
	if nor := b.org("Prison Service of Norway"); nor == nil || nor == czps {
		t.Errorf("Prison Service of Norway merged with the Czech Prison Service or missing: %+v", nor)
	}
	if b.org("DNCS") == krus {
		t.Error("DNCS merged with KRUS")
	}
	// No fragments of sentences.
	for _, o := range b.g.Organisations {
		first := strings.ToLower(strings.Fields(o.Name)[0])
		if leadWords[first] || isGeneric(o.Name) && o.Acronym == "" && len(strings.Fields(o.Name)) < 3 {
			t.Errorf("organisation %q looks like a fragment", o.Name)
		}
	}
}

func TestResolutionWithoutGazetteer(t *testing.T) {
	docA := "Sheet A\n\nProject facts\n\nProject promoter:\nCity of Tallinn\n\nDescription\n\nThe project works with the Tallinn Youth Probation Centre (TYPC) on mentoring.\n"
	docB := "Sheet B\n\nProject facts\n\nProject promoter:\nTartu Prison\n\nDescription\n\nIn partnership with TYPC, staff were trained.\n"
	// Two sheets that give one acronym two unrelated long forms.
	docC := "Sheet C\n\nProject facts\n\nProject promoter:\nRiga Central Prison\n\nDescription\n\nThe Prison Management System (PMS) was installed. PMS reports monthly.\n"
	docD := "Sheet D\n\nProject facts\n\nProject promoter:\nVilnius Probation Office\n\nDescription\n\nThe Probation and Mediation Service (PMS) trained staff. PMS also ran mediation.\n"
	srcs := []Source{{"a.txt", []byte(docA)}, {"b.txt", []byte(docB)}, {"c.txt", []byte(docC)}, {"d.txt", []byte(docD)}}
	var recs []*Record
	for _, s := range srcs {
		sh, err := Parse(s.Name, s.Data)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, Extract(sh))
	}
	b := index(Resolve(recs, nil))
	typc := b.org("Tallinn Youth Probation Centre")
	if typc == nil || typc.Acronym != "TYPC" {
		t.Fatalf("TYPC: %+v", typc)
	}
	// The bare acronym in sheet B resolves to sheet A's definition.
	if r := b.role("project:sheet-b", typc.ID); r != partnergraph.RoleProjectPartner {
		t.Errorf("TYPC in sheet B: role %q, want PROJECT_PARTNER", r)
	}
	// PMS stands for two organisations: each sheet keeps its own, none merge.
	pms1, pms2 := b.org("Prison Management System"), b.org("Probation and Mediation Service")
	if pms1 == nil || pms2 == nil || pms1 == pms2 {
		t.Fatalf("PMS long forms: %+v %+v", pms1, pms2)
	}
	if b.role("project:sheet-c", pms1.ID) == "" || b.role("project:sheet-c", pms2.ID) != "" {
		t.Error("sheet C's PMS does not resolve to its own definition")
	}
	if b.role("project:sheet-d", pms2.ID) == "" || b.role("project:sheet-d", pms1.ID) != "" {
		t.Error("sheet D's PMS does not resolve to its own definition")
	}
}

func TestBuildIsDeterministicAndIdempotent(t *testing.T) {
	srcs := append(readSeeds(t), testdataSources(t, "eea-2014-partners.txt", "bilateral-initiative.txt", "erasmus-listing.txt", "eea-inline-crlf.txt")...)
	g1, _ := Build(srcs)
	shuffled := append([]Source(nil), srcs...)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	g2, _ := Build(shuffled)
	j1, _ := json.Marshal(g1)
	j2, _ := json.Marshal(g2)
	if string(j1) != string(j2) {
		t.Error("the graph depends on the order of the documents")
	}
	// The same sheet twice under one name is refused the second time, and
	// the graph is unchanged.
	g3, problems := Build(append(append([]Source(nil), srcs...), srcs[0]))
	j3, _ := json.Marshal(g3)
	if len(problems) != 1 || string(j3) != string(j1) {
		t.Errorf("duplicate sheet: problems %v, graph changed %v", problems, string(j3) != string(j1))
	}
}

func TestBuildReportsBadDocuments(t *testing.T) {
	srcs := testdataSources(t, "empty.txt", "binary.txt", "eea-2014-partners.txt", "bad-utf8.txt", "title-only.txt")
	g, problems := Build(srcs)
	if len(g.Projects) != 1 {
		t.Errorf("%d projects, want the 1 good one", len(g.Projects))
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Document)
	}
	sort.Strings(got)
	want := []string{"bad-utf8.txt", "binary.txt", "empty.txt", "title-only.txt"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems for %v, want %v", got, want)
	}
}

type goldDoc struct {
	File          string `json:"file"`
	Organisations []struct {
		Name string            `json:"name"`
		Role partnergraph.Role `json:"role"`
	} `json:"organisations"`
	Programmes []string `json:"programmes"`
	Outcomes   []struct {
		Value float64 `json:"value"`
		Unit  string  `json:"unit"`
	} `json:"outcomes"`
}

// logDiff logs what the extractor missed and what it added.
func logDiff(t *testing.T, doc, what string, gold, got map[string]bool) {
	for _, k := range sortedKeys(gold) {
		if !got[k] {
			t.Logf("%s: missed %s %q", doc, what, k)
		}
	}
	for _, k := range sortedKeys(got) {
		if !gold[k] {
			t.Logf("%s: extra %s %q", doc, what, k)
		}
	}
}

type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *score) add(gold, got map[string]bool) {
	for k := range got {
		if gold[k] {
			s.tp++
		} else {
			s.fp++
		}
	}
	for k := range gold {
		if !got[k] {
			s.fn++
		}
	}
}

// TestExtractionScores scores the extractor against the hand-written gold
// set: precision and recall per kind. The floors guard against regressions;
// the scores are printed with -v.
func TestExtractionScores(t *testing.T) {
	raw, err := os.ReadFile("testdata/gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold struct{ Documents []goldDoc }
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	seeds := seedsDir(t)
	var srcs []Source
	for _, d := range gold.Documents {
		kind, name, _ := strings.Cut(d.File, ":")
		dir := "testdata"
		if kind == "seed" {
			dir = seeds
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, Source{name, data})
	}
	b := build(t, srcs)
	byDoc := map[string]*partnergraph.Project{}
	for i := range b.g.Projects {
		byDoc[b.g.Projects[i].DocumentID] = &b.g.Projects[i]
	}
	programmeNames := map[string]string{}
	for _, p := range b.g.Programmes {
		programmeNames[p.ID] = p.Name
	}
	scores := map[string]*score{"organisations": {}, "partner roles": {}, "programmes": {}, "outcomes": {}}
	heldout := map[string]*score{"organisations": {}, "partner roles": {}, "programmes": {}, "outcomes": {}}
	for _, d := range gold.Documents {
		_, name, _ := strings.Cut(d.File, ":")
		isHeldout := strings.HasPrefix(name, "heldout-")
		p := byDoc[DocumentID(name)]
		goldOrgs, gotOrgs := map[string]bool{}, map[string]bool{}
		goldRoles, gotRoles := map[string]bool{}, map[string]bool{}
		for _, o := range d.Organisations {
			id := b.byName[partnergraph.NameKey(o.Name)]
			if id == "" {
				id = "missing:" + o.Name
			}
			goldOrgs[id] = true
			if o.Role != partnergraph.RoleMentioned {
				goldRoles[id+"/"+string(o.Role)] = true
			}
		}
		if p.PromoterID != "" {
			gotOrgs[p.PromoterID] = true
			gotRoles[p.PromoterID+"/PROMOTER"] = true
		}
		for _, ps := range p.Partners {
			gotOrgs[ps.OrganisationID] = true
			if ps.Role != partnergraph.RoleMentioned {
				gotRoles[ps.OrganisationID+"/"+string(ps.Role)] = true
			}
		}
		goldProg, gotProg := map[string]bool{}, map[string]bool{}
		for _, n := range d.Programmes {
			goldProg[partnergraph.NameKey(n)] = true
		}
		for _, u := range p.Programmes {
			gotProg[partnergraph.NameKey(programmeNames[u.ProgrammeID])] = true
		}
		goldOut, gotOut := map[string]bool{}, map[string]bool{}
		for _, o := range d.Outcomes {
			goldOut[fmt.Sprintf("%g %s", o.Value, o.Unit)] = true
		}
		for _, o := range p.Outcomes {
			gotOut[fmt.Sprintf("%g %s", o.Value, o.Unit)] = true
		}
		for _, set := range []map[string]*score{scores, heldout} {
			set["organisations"].add(goldOrgs, gotOrgs)
			set["partner roles"].add(goldRoles, gotRoles)
			set["programmes"].add(goldProg, gotProg)
			set["outcomes"].add(goldOut, gotOut)
			if !isHeldout {
				break
			}
		}
		if testing.Verbose() {
			logDiff(t, name, "organisation", goldOrgs, gotOrgs)
			logDiff(t, name, "role", goldRoles, gotRoles)
			logDiff(t, name, "programme", goldProg, gotProg)
			logDiff(t, name, "outcome", goldOut, gotOut)
		}
	}
	floors := map[string]float64{"organisations": 0.9, "partner roles": 0.9, "programmes": 0.6, "outcomes": 0.9}
	for _, kind := range []string{"organisations", "partner roles", "programmes", "outcomes"} {
		s := scores[kind]
		h := heldout[kind]
		t.Logf("%-14s precision %.2f recall %.2f (tp %d, fp %d, fn %d); held-out sheets only: precision %.2f recall %.2f", kind, s.precision(), s.recall(), s.tp, s.fp, s.fn, h.precision(), h.recall())
		if s.precision() < floors[kind] || s.recall() < floors[kind] {
			t.Errorf("%s: precision %.2f, recall %.2f, below the floor %.2f", kind, s.precision(), s.recall(), floors[kind])
		}
	}
}

func TestWithoutLegalForm(t *testing.T) {
	for in, want := range map[string]string{
		"dedalus cooperativa sociale":        "dedalus",
		"aurora societa cooperativa sociale": "aurora",
		"rubikon centrum z u":                "rubikon centrum",
		"verein neustart":                    "verein neustart",
		"abc gmbh":                           "abc gmbh", // too little left
	} {
		if got := withoutLegalForm(nameKey(in)); got != want {
			t.Errorf("withoutLegalForm(%q) = %q, want %q", in, got, want)
		}
	}
}
