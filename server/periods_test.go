package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/gen"
)

// TestDifferentialPeriods: on a generated corpus with projects in every
// funding period (and dates on some), the embedded store and the live
// Neo4j answer every query that takes a period alike, for every kind of
// period argument.
func TestDifferentialPeriods(t *testing.T) {
	envMap := neo4jEnv(t)
	dir := t.TempDir()
	for _, s := range gen.Generate(400, 11) {
		if err := os.WriteFile(filepath.Join(dir, s.Name), []byte(s.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"server", "ingest", dir}, env(envMap), &out); err != nil {
		t.Fatalf("ingest into Neo4j: %v\n%s", err, out.String())
	}
	mem, _, _ := start(t, []string{"-docs", dir}, nil)
	neo, _, _ := start(t, nil, envMap)
	// The network metrics are computed in the background after a load:
	// wait until both servers have them.
	const settle = `{ organisations(orderBy: {field: DEGREE, direction: DESC}, first: 50) { nodes { id metrics { projects degree } } } }`
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(100 * time.Millisecond) {
		_, x := gql(t, mem, "", settle, nil)
		_, y := gql(t, neo, "", settle, nil)
		if canonical(settle, x) == canonical(settle, y) {
			break
		}
	}
	_, periods := gql(t, mem, "", `{ aggregate(groupBy: PERIOD) { key projects } }`, nil)
	seen := map[string]bool{}
	for _, b := range periods["data"].(map[string]any)["aggregate"].([]any) {
		seen[b.(map[string]any)["key"].(string)] = true
	}
	for _, p := range []string{"2004-2009", "2009-2014", "2014-2021", "2014-2020", "2021-2027"} {
		if !seen[p] {
			t.Fatalf("the generated corpus has no project of %s: %v", p, periods)
		}
	}
	// Two busy organisations to look from.
	_, top := gql(t, mem, "", `{ organisations(orderBy: {field: DEGREE, direction: DESC}, first: 2) { nodes { id } } }`, nil)
	nodes := top["data"].(map[string]any)["organisations"].(map[string]any)["nodes"].([]any)
	a, b := nodes[0].(map[string]any)["id"], nodes[1].(map[string]any)["id"]
	qs := []string{`{ aggregate(groupBy: PERIOD) { key label projects grant finalCost } }`}
	nonEmpty := 0
	for _, p := range []string{
		`{ from: "2004-2009", to: "2004-2009" }`, `{ from: "2009-2014", to: "2009-2014" }`, `{ from: "2014-2021", to: "2014-2021" }`,
		`{ from: "2021-2027", to: "2021-2027" }`, `{ from: "2009-2014", to: "2014-2021" }`, `{ from: "2017", to: "2019" }`,
		`{ from: "2019-06" }`, `{ to: "2012-12-31" }`, `{ from: "2020-02", to: "2020-02" }`,
	} {
		qs = append(qs,
			fmt.Sprintf(`{ projects(filter: { period: %s }, first: 100) { totalCount nodes { id period activeFrom activeTo } } }`, p),
			fmt.Sprintf(`{ projects(filter: { and: [{ period: %s }, { not: { kind: PROJECT } }] }, first: 100) { totalCount nodes { id } } }`, p),
			fmt.Sprintf(`{ aggregate(groupBy: COUNTRY, filter: { period: %s }) { key projects grant } }`, p),
			fmt.Sprintf(`{ network(seeds: [%q], depth: 2, limit: 400, period: %s) { truncated nodes { id } edges { id } } }`, a, p),
			fmt.Sprintf(`{ paths(from: %q, to: %q, period: %s) { length nodes { id } } }`, a, b, p),
			fmt.Sprintf(`{ collaborators(organisation: %q, first: 100, period: %s) { totalCount nodes { organisation { id } sharedProjects } } }`, a, p),
			fmt.Sprintf(`{ organisations(orderBy: {field: DEGREE, direction: DESC}, first: 30) { nodes { id metrics(period: %s) { from to projects degree partnerCountries betweenness community bridging previous { projects degree } degreeChange } } } }`, p),
			fmt.Sprintf(`{ compare(a: %q, b: %q, period: %s) { sharedPartners { id } sharedProjects { id } paths { nodes { id } } periods { period aPartners { id } bPartners { id } sharedPartners { id } } } }`, a, b, p),
		)
	}
	for _, q := range qs {
		_, x := gql(t, mem, "", q, nil)
		_, y := gql(t, neo, "", q, nil)
		if x["errors"] != nil {
			t.Errorf("%s: %v", q, x["errors"])
		}
		if cx, cy := canonical(q, x), canonical(q, y); cx != cy {
			t.Errorf("the stores answer differently\n%s\nembedded:\n%s\nneo4j:\n%s", q, clip(cx), clip(cy))
		} else if strings.Contains(cx, `"id"`) {
			nonEmpty++
		}
	}
	if nonEmpty < len(qs)/2 {
		t.Errorf("only %d of %d answers name anything: the comparison tests little", nonEmpty, len(qs))
	}
}
