package neo4jstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// scans lists the label and all-node scans in a plan.
func scans(p neo4j.Plan, out []string) []string {
	if p == nil {
		return out
	}
	op := p.Operator()
	if strings.HasPrefix(op, "NodeByLabelScan") || strings.HasPrefix(op, "AllNodesScan") {
		out = append(out, op+" "+strings.Join(p.Identifiers(), ","))
	}
	for _, c := range p.Children() {
		out = scans(c, out)
	}
	return out
}

// TestEveryLookupUsesAnIndex asks Neo4j for the plan of every statement
// (EXPLAIN, on the live database with the store's schema) and fails on a
// label or all-node scan, except in the statements that mean to read every
// node of a label: whole lists, aggregates, the metrics' inputs, the wipe.
func TestEveryLookupUsesAnIndex(t *testing.T) {
	s := neo4jtest.Open(t) // the schema exists once a store has opened
	_ = s
	cfg, _ := neo4jtest.Config()
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	scanning := func(name string) bool {
		for _, prefix := range []string{"projectsBy", "projectsAll", "organisationsBy", "organisationsAll", "groupBy",
			"cooperationLinks", "organisationCountries", "deleteAll", "schema", "texts", "ids", "spansMissing"} {
			if strings.HasPrefix(name, prefix) {
				return true
			}
		}
		return false
	}
	checked := 0
	for _, name := range neo4jstore.StatementNames() {
		st := neo4jstore.Statements()[name]
		if scanning(name) {
			continue
		}
		res, err := neo4j.ExecuteQuery(ctx, driver, "EXPLAIN "+st.Cypher, st.Params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checked++
		if found := scans(res.Summary.Plan(), nil); len(found) > 0 {
			slices.Sort(found)
			t.Errorf("%s scans where an index should serve: %v\n%s", name, found, st.Cypher)
		}
	}
	if checked < 30 {
		t.Errorf("checked %d statements", checked)
	}
}
