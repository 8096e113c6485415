package similar_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/similar"
)

func seeds(t *testing.T) partnergraph.Store {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no seeds at %s", dir)
		}
		t.Skip("seed sheets not found")
	}
	return storeOf(t, os.DirFS(dir))
}

// storeOf is an embedded store with the sheets of fsys.
func storeOf(t *testing.T, fsys fs.FS) partnergraph.Store {
	t.Helper()
	srcs, _, err := ingest.ReadFS(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	g, problems := ingest.Build(srcs)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	s := memstore.New()
	if err := s.Load(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	return s
}

func rank(t *testing.T, rs []similar.Result) map[string]int {
	out := map[string]int{}
	for i, r := range rs {
		out[r.ProjectID] = i + 1
		t.Logf("%d. %s score %.3f (structure %.3f, text %.3f)", i+1, r.ProjectID, r.Score, r.StructureScore, r.TextScore)
		for _, reason := range r.Reasons {
			t.Logf("     %s (%.3f)", similar.Explain(reason), reason.Weight)
		}
	}
	return out
}

const (
	stopViolence = "project:stop-violence-second-chance"
	czViolent    = "project:cz12-0042"
	czPrison     = "project:projects-for-vulnerable-groups-and-further-education-of-employees-of-the-prison"
	lithuanian   = "project:lt14-0004"
)

func TestLikeStopViolence(t *testing.T) {
	s := seeds(t)
	rs, err := similar.Find(context.Background(), s, similar.Query{ProjectID: stopViolence, First: 10})
	if err != nil {
		t.Fatal(err)
	}
	r := rank(t, rs)
	if r[czViolent] == 0 || r[czPrison] == 0 || r[lithuanian] == 0 {
		t.Fatalf("missing projects: %v", r)
	}
	if !(r[czViolent] < r[lithuanian] && r[czPrison] < r[lithuanian]) {
		t.Errorf("the Czech violent-persons (%d) and prison-service (%d) projects do not rank above the Lithuanian one (%d)", r[czViolent], r[czPrison], r[lithuanian])
	}
	if r[stopViolence] != 0 {
		t.Error("the project is like itself")
	}
}

func TestLikeLT140004(t *testing.T) {
	s := seeds(t)
	rs, err := similar.Find(context.Background(), s, similar.Query{ProjectID: lithuanian, First: 10})
	if err != nil {
		t.Fatal(err)
	}
	rank(t, rs)
	if len(rs) == 0 || rs[0].ProjectID != czPrison {
		t.Fatalf("first is %v, want the Czech prison-service project", rs)
	}
	var krus, training bool
	for _, reason := range rs[0].Reasons {
		krus = krus || (reason.Feature.ID == "org:krus" && reason.Feature.Kind == partnergraph.FeatureDonorPartner)
		training = training || reason.Feature.ID == "theme:staff-training"
	}
	if !krus || !training {
		t.Errorf("reasons lack the shared donor partner KRUS (%v) or prison staff training (%v): %+v", krus, training, rs[0].Reasons)
	}
}

func TestLikeText(t *testing.T) {
	s := seeds(t)
	rs, err := similar.Find(context.Background(), s, similar.Query{Text: "training prison staff to run anger management programmes", First: 5})
	if err != nil {
		t.Fatal(err)
	}
	r := rank(t, rs)
	if len(rs) == 0 || rs[0].ProjectID != czPrison {
		t.Errorf("first is not the Czech prison-service project, which trained staff and ran anger management: %v", r)
	}
	found := false
	for _, reason := range rs[0].Reasons {
		found = found || reason.Feature.ID == "programme:anger-management"
	}
	if !found || rs[0].TextScore <= 0 {
		t.Errorf("no anger management reason or no text score: %+v", rs[0])
	}
}

func TestErrors(t *testing.T) {
	s := seeds(t)
	ctx := context.Background()
	for _, q := range []similar.Query{
		{First: 5},
		{ProjectID: lithuanian, Text: "x", First: 5},
		{ProjectID: lithuanian, First: 0},
		{ProjectID: lithuanian, First: 5, Weights: similar.Weights{partnergraph.FeatureTheme: -1}},
	} {
		if _, err := similar.Find(ctx, s, q); partnergraph.ErrorCode(err) != partnergraph.EINVALID {
			t.Errorf("%+v: %v", q, err)
		}
	}
	if _, err := similar.Find(ctx, s, similar.Query{ProjectID: "project:nope", First: 5}); partnergraph.ErrorCode(err) != partnergraph.ENOTFOUND {
		t.Errorf("unknown project: %v", err)
	}
}

// A free text's country counts, themes are precise, and a reason names a
// shared organisation once, with its strongest role.
func TestSimilarOnRealPhrasings(t *testing.T) {
	s := storeOf(t, os.DirFS("testdata"))
	ctx := context.Background()
	rs, err := similar.Find(ctx, s, similar.Query{Text: "training prison staff in Romania to work with young offenders and prevent violence", First: 5})
	if err != nil {
		t.Fatal(err)
	}
	r := rank(t, rs)
	if r["project:ro-justice-0021"] > 2 || r["project:ro-justice-0022"] > 2 || r["project:ro-justice-0021"] == 0 || r["project:ro-justice-0022"] == 0 {
		t.Errorf("the two Romanian prison-staff projects should come first: %v", r)
	}
	for _, res := range rs {
		if res.ProjectID != "project:cz13-0077" {
			continue
		}
		for _, reason := range res.Reasons {
			if reason.Feature.ID == "theme:juveniles" {
				t.Errorf("a children's hospital is about young offenders: %s", similar.Explain(reason))
			}
		}
	}
	rs, err = similar.Find(ctx, s, similar.Query{ProjectID: "project:lv-justice-0003", First: 5})
	if err != nil {
		t.Fatal(err)
	}
	rank(t, rs)
	for _, res := range rs {
		seen := map[string]int{}
		for _, reason := range res.Reasons {
			if partnergraph.KindOfID(reason.Feature.ID) == partnergraph.KindOrganisation {
				seen[reason.Feature.ID]++
			}
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("%s: %s is named in %d reasons", res.ProjectID, id, n)
			}
		}
	}
}

// For a query that names a topic and a country, the projects on that topic
// in that country come first, then the projects on that topic elsewhere;
// a shared country only breaks ties. Before, "... in Romania" ranked every
// Romanian project above the Bulgarian trafficking project, whatever its
// topic (a shared country was the whole structure score of a text query).
func TestTopicLeadsCountryBreaksTies(t *testing.T) {
	s := storeOf(t, os.DirFS("testdata/topic"))
	ctx := context.Background()
	rs, err := similar.Find(ctx, s, similar.Query{Text: "cooperation between police forces against trafficking in human beings in Romania", First: 7})
	if err != nil {
		t.Fatal(err)
	}
	r := rank(t, rs)
	if r["project:ro-home-0003"] > 2 || r["project:ro-home-0009"] > 2 || r["project:ro-home-0003"] == 0 || r["project:ro-home-0009"] == 0 {
		t.Errorf("the two Romanian police-trafficking projects should come first: %v", r)
	}
	if r["project:bg-home-0004"] != 3 {
		t.Errorf("the Bulgarian trafficking project should come third, above the Romanian projects on other topics: %v", r)
	}
	for _, res := range rs[:2] {
		country, topic := false, false
		for _, reason := range res.Reasons {
			country = country || reason.Feature.ID == "country:RO"
			topic = topic || reason.Feature.ID == "theme:trafficking"
		}
		if !country || !topic {
			t.Errorf("%s: the reasons should name the topic and the country: %v", res.ProjectID, res.Reasons)
		}
	}
}

// A country alone never outranks the topic: for a query whose words name
// no theme, the project whose text is about them ranks above every project
// that shares only the country.
func TestCountryAloneDoesNotOutrankTheText(t *testing.T) {
	s := storeOf(t, os.DirFS("testdata/topic"))
	rs, err := similar.Find(context.Background(), s, similar.Query{Text: "contact points and joint training of investigators and prosecutors in Romania", First: 7})
	if err != nil {
		t.Fatal(err)
	}
	r := rank(t, rs)
	for _, res := range rs {
		if res.TextScore == 0 && r[res.ProjectID] < r["project:bg-home-0004"] {
			t.Errorf("%s shares only the country and ranks %d, above the Bulgarian project about the query's topic (%d)", res.ProjectID, r[res.ProjectID], r["project:bg-home-0004"])
		}
	}
	if r["project:bg-home-0004"] == 0 {
		t.Errorf("the Bulgarian project about the query's topic is missing: %v", r)
	}
}
