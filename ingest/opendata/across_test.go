package opendata_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/ingest/opendata"
)

// readSample reads a sample export.
func readSample(t *testing.T, name string, opts opendata.Options) *opendata.Result {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "sample", "exports", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := opendata.Read(f, name, "", opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sampleGraph resolves the sample pages with the rows of the sample
// exports.
func sampleGraph(t *testing.T) *partnergraph.Graph {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join("..", "..", "sample", "*.txt"))
	if err != nil || len(pages) == 0 {
		t.Fatal("no sample pages", err)
	}
	var sources []ingest.Source
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, ingest.Source{Name: filepath.Base(p), Data: data})
	}
	codes := map[string]string{}
	for _, r := range readSample(t, "eea-projects.xlsx", opendata.Options{}).Rows {
		codes[r.Project.Title+"|"+r.Project.CountryCode] = r.Project.Code
	}
	code := func(title, country string) string { return codes[title+"|"+country] }
	for _, name := range []string{"erasmus-ka2-adult-education.csv", "eea-projects.xlsx", "eea-organisations.xlsx", "keep-projects.json"} {
		for _, row := range readSample(t, name, opendata.Options{Code: code}).Rows {
			src, err := row.Document()
			if err != nil {
				t.Fatal(err)
			}
			sources = append(sources, src)
		}
	}
	g, problems := ingest.Build(sources)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	return g
}

func orgNamed(g *partnergraph.Graph, name string) *partnergraph.Organisation {
	for i, o := range g.Organisations {
		if o.Name == name || slices.Contains(o.Aliases, name) {
			return &g.Organisations[i]
		}
	}
	return nil
}

func projectByID(g *partnergraph.Graph, id string) *partnergraph.Project {
	for i := range g.Projects {
		if g.Projects[i].ID == id {
			return &g.Projects[i]
		}
	}
	return nil
}

// The sample pages and the sample exports make one graph: KRUS is one
// organisation across pages, the Erasmus+ list and the EEA Grants'
// organisations export (under its Norwegian name, upper-cased or with its
// acronym glued on); a project a page and the exports give is one
// project with every source.
func TestOneGraphAcrossSources(t *testing.T) {
	g := sampleGraph(t)
	krus := orgNamed(g, "University College of Norwegian Correctional Service")
	if krus == nil || krus.ID != "org:krus" {
		t.Fatalf("KRUS: %+v", krus)
	}
	if want := []partnergraph.Source{partnergraph.SourceEEAGrants, partnergraph.SourceErasmus, partnergraph.SourcePage}; !reflect.DeepEqual(krus.Sources, want) {
		t.Errorf("KRUS's sources %v, want %v", krus.Sources, want)
	}
	for _, n := range []string{"KRIMINALOMSORGENS HØGSKOLE OG UTDANNINGSSENTER", "Kriminalomsorgens høgskole og utdanningssenter"} {
		if orgNamed(g, n) != krus {
			t.Errorf("%q is not KRUS", n)
		}
	}
	// The Lithuanian prison department: its English name on the page, its
	// own in the EEA Grants' export, both in keep.eu's.
	lt := orgNamed(g, "Prison Department under the Ministry of Justice of the Republic of Lithuania")
	if lt == nil || orgNamed(g, "Kalėjimų departamentas prie Lietuvos Respublikos teisingumo ministerijos") != lt ||
		!reflect.DeepEqual(lt.Sources, []partnergraph.Source{partnergraph.SourceEEAGrants, partnergraph.SourceKeep, partnergraph.SourcePage}) {
		t.Errorf("the Lithuanian prison department: %+v", lt)
	}
	p := projectByID(g, "project:lt14-0004")
	if p == nil {
		t.Fatal("no LT14-0004")
	}
	var sources []string
	for _, s := range p.Sources {
		sources = append(sources, string(s.Source)+" "+s.DocumentID)
	}
	if want := []string{"EEA_GRANTS doc:eea-projects-xlsx-lt14-0004", "EEA_GRANTS doc:eea-organisations-xlsx-lt14-0004", "PAGE doc:lt-competences-inmates-prison-staff-txt"}; !reflect.DeepEqual(sources, want) {
		t.Errorf("LT14-0004's sources %q", sources)
	}
	if p.PromoterID != lt.ID || p.Funding.Grant == nil || *p.Funding.Grant != 549601 || len(p.Disagreements) != 0 {
		t.Errorf("LT14-0004: promoter %s, grant %v, disagreements %+v", p.PromoterID, p.Funding.Grant, p.Disagreements)
	}
	// KRUS is one partner of it, with the page's sentence and the row's cell.
	var krusPart *partnergraph.Partnership
	for i, ps := range p.Partners {
		if ps.OrganisationID == krus.ID {
			if krusPart != nil {
				t.Errorf("KRUS twice among the partners")
			}
			krusPart = &p.Partners[i]
		}
	}
	if krusPart == nil || krusPart.Role != partnergraph.RoleDonorProjectPartner {
		t.Fatalf("KRUS's part: %+v", krusPart)
	}
	var fromRow, fromPage bool
	for _, e := range krusPart.Evidence {
		fromRow = fromRow || e.DocumentID == "doc:eea-organisations-xlsx-lt14-0004" && e.Row == 2 && e.Section == "Name"
		fromPage = fromPage || e.DocumentID == "doc:lt-competences-inmates-prison-staff-txt" && e.Row == 0
	}
	if !fromRow || !fromPage {
		t.Errorf("KRUS's evidence %+v", krusPart.Evidence)
	}
	// The Erasmus+ project of a page and a row: the export's promoter and
	// partners, the page's prose.
	e := projectByID(g, "project:2018-1-el01-ka204-047884")
	if e == nil || e.PromoterID != "org:adult-education-centre-of-attica" || !strings.Contains(e.Description, "Partners train professionals") || len(e.Partners) != 2 {
		t.Errorf("the Erasmus+ project: %+v", e)
	}
	// A keep.eu project with no number: its own id.
	if k := projectByID(g, "project:keep-eu-9101"); k == nil || k.Kind != partnergraph.ProjectInterreg || k.Sources[0].Source != partnergraph.SourceKeep {
		t.Errorf("the keep.eu project: %+v", k)
	}
}
