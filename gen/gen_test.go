package gen

import (
	"reflect"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/network"
)

func TestDeterministic(t *testing.T) {
	a, b := Generate(50, 7), Generate(50, 7)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave two corpora")
	}
	if reflect.DeepEqual(a, Generate(50, 8)) {
		t.Error("two seeds gave the same corpus")
	}
}

// TestShapes: the corpus reads without problems in every layout, has hubs,
// 1-8 partners a project, many countries, and resolves its organisations.
func TestShapes(t *testing.T) {
	sheets := Generate(1000, 1)
	srcs := make([]ingest.Source, len(sheets))
	layouts := map[string]int{}
	for i, s := range sheets {
		srcs[i] = ingest.Source{Name: s.Name, Data: []byte(s.Text)}
		layouts[strings.SplitN(s.Name, "-", 2)[0]]++
	}
	g, problems := ingest.Build(srcs)
	if len(problems) > 0 {
		t.Fatalf("%d problems, first %v", len(problems), problems[0])
	}
	if len(layouts) != 4 {
		t.Errorf("layouts %v, want all four", layouts)
	}
	if len(g.Projects) < 990 {
		t.Errorf("%d projects from 1000 sheets", len(g.Projects))
	}
	var ps []*partnergraph.Project
	countries := map[string]bool{}
	maxPartners := 0
	for i := range g.Projects {
		ps = append(ps, &g.Projects[i])
		countries[g.Projects[i].CountryCode] = true
		maxPartners = max(maxPartners, len(g.Projects[i].Partners))
	}
	if len(countries) < 15 || maxPartners < 3 || maxPartners > 9 {
		t.Errorf("%d countries, at most %d partners a project", len(countries), maxPartners)
	}
	orgCountry := map[string]string{}
	for _, o := range g.Organisations {
		orgCountry[o.ID] = o.CountryCode
	}
	m := network.ComputeMetrics(partnergraph.CooperationLinks(ps), orgCountry)
	krus, ok := m["org:krus"]
	if !ok || krus.Projects < 100 {
		t.Errorf("KRUS is not a hub: %+v", krus)
	}
	median := 0
	var counts []int
	for _, v := range m {
		counts = append(counts, v.Projects)
	}
	for _, c := range counts {
		if c <= 3 {
			median++
		}
	}
	if median < len(counts)/2 {
		t.Errorf("degrees are not heavy-tailed: only %d of %d organisations in 3 projects or fewer", median, len(counts))
	}
}
