package ingest_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// realGold is testdata/real/gold.json.
type realGold struct {
	Entities  map[string][]string
	Documents []struct {
		File          string
		Facts         map[string]any
		Organisations []struct {
			Entity, Surface string
			Role            partnergraph.Role
		}
		Outcomes []string
	}
}

// prf is precision, recall and F1 from counts.
type prf struct{ tp, fp, fn float64 }

func (s prf) p() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s prf) r() float64 { return ratio(s.tp, s.tp+s.fn) }
func (s prf) f1() float64 {
	if s.p()+s.r() == 0 {
		return 0
	}
	return 2 * s.p() * s.r() / (s.p() + s.r())
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

// bcubed scores a clustering of mentions against the gold clustering:
// B-cubed precision and recall (per mention, averaged) and pairwise
// precision and recall (over pairs of mentions).
func bcubed(gold, got []string) (bp, br float64, pair prf) {
	n := len(gold)
	for i := 0; i < n; i++ {
		same, sameGold, sameGot := 0.0, 0.0, 0.0
		for j := 0; j < n; j++ {
			g, c := gold[i] == gold[j], got[i] == got[j]
			if g {
				sameGold++
			}
			if c {
				sameGot++
			}
			if g && c {
				same++
			}
			if j > i {
				switch {
				case g && c:
					pair.tp++
				case c:
					pair.fp++
				case g:
					pair.fn++
				}
			}
		}
		bp += same / sameGot
		br += same / sameGold
	}
	return bp / float64(n), br / float64(n), pair
}

// TestRealSheetScores scores the extractor on hand-annotated sheets in the
// layouts and phrasings of real project pages (testdata/real). Gold names
// are mapped to the graph's nodes by their names, aliases and acronyms,
// never through the resolver: a wrong merge puts two gold organisations in
// one node and costs precision; a split costs recall.
func TestRealSheetScores(t *testing.T) {
	raw, err := os.ReadFile("testdata/real/gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold realGold
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	var srcs []ingest.Source
	for _, d := range gold.Documents {
		data, err := os.ReadFile(filepath.Join("testdata/real", d.File))
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, ingest.Source{Name: d.File, Data: data})
	}
	g, problems := ingest.Build(srcs)
	if len(problems) > 0 {
		t.Fatal(problems)
	}

	// Every name of every node, and the gold organisation of each node.
	key := partnergraph.NameKey
	nodeKeys := nodeNameKeys(g)
	entityOf := map[string]string{}
	for _, id := range sortedKeys(nodeKeys) {
		for _, e := range sortedKeys(gold.Entities) {
			for _, s := range gold.Entities[e] {
				if nodeKeys[id][key(s)] && entityOf[id] == "" {
					entityOf[id] = e
				}
			}
		}
	}
	var junk []string
	for _, o := range g.Organisations {
		if entityOf[o.ID] == "" {
			junk = append(junk, o.Name)
		}
	}

	byDoc, tgNames := projectsByDocument(g), targetGroupNames(g)
	var facts, factsOK float64
	var partners, outcomes prf
	var goldClusters, gotClusters []string
	lost := 0
	for _, d := range gold.Documents {
		p := byDoc[ingest.DocumentID(d.File)]
		if p == nil {
			lost++
			t.Errorf("%s: no project", d.File)
			continue
		}
		// Facts.
		for _, k := range sortedKeys(d.Facts) {
			want, _ := json.Marshal(d.Facts[k])
			got, _ := json.Marshal(factOf(p, k, tgNames))
			facts++
			if string(want) == string(got) {
				factsOK++
			} else {
				t.Logf("%s: %s = %s, want %s", d.File, k, got, want)
			}
		}
		// Partners with their roles.
		type pair struct{ org, role string }
		wantP, gotP := map[pair]bool{}, map[pair]bool{}
		for _, o := range d.Organisations {
			if o.Role != partnergraph.RoleMentioned {
				wantP[pair{o.Entity, string(o.Role)}] = true
			}
		}
		orgs := projectRoles(p)
		for id, role := range orgs {
			if role != partnergraph.RoleMentioned {
				gotP[pair{entityName(entityOf, id), string(role)}] = true
			}
		}
		for k := range gotP {
			if wantP[k] {
				partners.tp++
			} else {
				partners.fp++
				t.Logf("%s: partner %v not in the gold", d.File, k)
			}
		}
		for k := range wantP {
			if !gotP[k] {
				partners.fn++
				t.Logf("%s: partner %v missed", d.File, k)
			}
		}
		// Organisation mentions: the node of this project whose names hold
		// the surface, else any node that does.
		for _, o := range d.Organisations {
			goldClusters = append(goldClusters, o.Entity)
			node := ""
			for id := range orgs {
				if nodeKeys[id][key(o.Surface)] && (node == "" || id < node) {
					node = id
				}
			}
			if node == "" {
				for _, id := range sortedKeys(nodeKeys) {
					if nodeKeys[id][key(o.Surface)] {
						node = id
						break
					}
				}
			}
			if node == "" {
				node = "missing:" + d.File + ":" + o.Surface
				t.Logf("%s: %q is no node's name", d.File, o.Surface)
			}
			gotClusters = append(gotClusters, node)
		}
		// Outcomes.
		gotO := map[string]bool{}
		for _, o := range p.Outcomes {
			gotO[fmt.Sprintf("%g %s", o.Value, o.Unit)] = true
		}
		for _, o := range d.Outcomes {
			if gotO[o] {
				outcomes.tp++
				delete(gotO, o)
			} else {
				outcomes.fn++
			}
		}
		outcomes.fp += float64(len(gotO))
	}
	bp, br, pair := bcubed(goldClusters, gotClusters)
	bf := 2 * bp * br / (bp + br)
	t.Logf("facts %.3f (%g of %g); partners P %.3f R %.3f F1 %.3f; organisation clusters B-cubed P %.3f R %.3f F1 %.3f, pairwise P %.3f R %.3f F1 %.3f over %d mentions; outcomes P %.2f R %.2f; junk nodes %d; lost documents %d",
		factsOK/facts, factsOK, facts, partners.p(), partners.r(), partners.f1(), bp, br, bf, pair.p(), pair.r(), pair.f1(), len(goldClusters), outcomes.p(), outcomes.r(), len(junk), lost)
	if factsOK/facts < 0.99 {
		t.Errorf("facts %.3f, below 0.99", factsOK/facts)
	}
	if partners.f1() < 0.95 {
		t.Errorf("partner F1 %.3f, below 0.95", partners.f1())
	}
	if bf < 0.95 {
		t.Errorf("organisation B-cubed F1 %.3f, below 0.95", bf)
	}
	if len(junk) > 0 {
		sort.Strings(junk)
		t.Errorf("junk nodes (no gold organisation has their names): %q", junk)
	}
}

// factOf reads one fact of a project, as the gold names it.
func factOf(p *partnergraph.Project, k string, tgNames map[string]string) any {
	num := func(v *int64) any {
		if v == nil {
			return nil
		}
		return *v
	}
	switch k {
	case "title":
		return p.Title
	case "code":
		return p.Code
	case "kind":
		return p.Kind
	case "status":
		return p.Status
	case "country":
		return p.CountryCode
	case "initialCost":
		return num(p.Funding.InitialCost)
	case "finalCost":
		return num(p.Funding.FinalCost)
	case "grant":
		return num(p.Funding.Grant)
	case "funder":
		return p.Funding.FunderID
	case "programme":
		return p.GrantProgramme
	case "topics":
		return p.Topics
	case "programmeAreas":
		return p.ProgrammeAreas
	case "initiativeTypes":
		return p.InitiativeTypes
	case "targetGroups":
		var out []string
		for _, id := range p.TargetGroupIDs {
			out = append(out, tgNames[id])
		}
		return out
	case "callYear", "keyAction", "actionType":
		if p.Erasmus == nil {
			return nil
		}
		return map[string]any{"callYear": p.Erasmus.CallYear, "keyAction": p.Erasmus.KeyAction, "actionType": p.Erasmus.ActionType}[k]
	case "startDate":
		return p.StartDate
	}
	return "unknown fact " + k
}

// projectsByDocument finds each document's project.
func projectsByDocument(g *partnergraph.Graph) map[string]*partnergraph.Project {
	byDoc := map[string]*partnergraph.Project{}
	for i := range g.Projects {
		byDoc[g.Projects[i].DocumentID] = &g.Projects[i]
	}
	return byDoc
}

// targetGroupNames names the target groups by id.
func targetGroupNames(g *partnergraph.Graph) map[string]string {
	names := map[string]string{}
	for _, tg := range g.TargetGroups {
		names[tg.ID] = tg.Name
	}
	return names
}

// projectRoles gives each organisation the reader put on the project,
// by node id, with the role the project gives it.
func projectRoles(p *partnergraph.Project) map[string]partnergraph.Role {
	orgs := map[string]partnergraph.Role{}
	if p.PromoterID != "" {
		orgs[p.PromoterID] = partnergraph.RolePromoter
	}
	for _, ps := range p.Partners {
		orgs[ps.OrganisationID] = ps.Role
	}
	return orgs
}

// entityName is the gold entity a node was matched to, or "junk:" and its
// id when none.
func entityName(entityOf map[string]string, id string) string {
	if e := entityOf[id]; e != "" {
		return e
	}
	return "junk:" + id
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// The scorer itself: a wrong merge and a split each cost what they should.
func TestBCubed(t *testing.T) {
	gold := []string{"a", "a", "b", "b"}
	if p, r, pair := bcubed(gold, []string{"x", "x", "y", "y"}); p != 1 || r != 1 || pair.f1() != 1 {
		t.Errorf("perfect: %v %v %v", p, r, pair)
	}
	if p, r, _ := bcubed(gold, []string{"x", "x", "x", "x"}); p != 0.5 || r != 1 {
		t.Errorf("all merged: %v %v", p, r)
	}
	if p, r, _ := bcubed(gold, []string{"w", "x", "y", "z"}); p != 1 || r != 0.5 {
		t.Errorf("all split: %v %v", p, r)
	}
}

// Every merge keeps its evidence: each name of an organisation, the
// documents that give it, and why it was joined.
func TestNamesKeepTheirEvidence(t *testing.T) {
	srcs, _, err := ingest.ReadFS(os.DirFS("testdata/real"), ".")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := ingest.Build(srcs)
	names := map[string]map[string]partnergraph.NameSource{}
	for _, o := range g.Organisations {
		names[o.ID] = map[string]partnergraph.NameSource{}
		for _, n := range o.Names {
			names[o.ID][n.Name] = n
		}
	}
	for _, c := range []struct {
		org, name string
		join      partnergraph.NameJoin
		doc       string
	}{
		{"org:estonian-national-social-insurance-board", "Estonian Social Insurance Board", partnergraph.JoinVariant, "doc:eea-ee-released-prisoners-txt"},
		{"org:krus", "Kriminalomsorgens høgskole og utdanningssenter", partnergraph.JoinRegistry, "doc:eea-mentoring-a-txt"},
		{"org:krus", "KRUS", partnergraph.JoinAcronym, "doc:eea-ro-young-offenders-txt"},
		{"org:krus", "University College of the Norwegian Correctional service staff academy", partnergraph.JoinAcronym, "doc:bi-cz-study-visit-txt"},
	} {
		n, ok := names[c.org][c.name]
		if !ok {
			t.Errorf("%s has no name %q: %v", c.org, c.name, names[c.org])
			continue
		}
		if n.JoinedBy != c.join || !slices.Contains(n.DocumentIDs, c.doc) {
			t.Errorf("%s %q: joined by %s from %v, want %s from %s", c.org, c.name, n.JoinedBy, n.DocumentIDs, c.join, c.doc)
		}
	}
}
