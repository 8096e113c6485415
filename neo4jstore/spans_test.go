package neo4jstore_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
	"github.com/partnergraph/partnergraph/storetest"
)

// TestSpansOfAnOlderDatabase: projects written before projects had periods
// and spans get them when a store opens the database, and the period
// filter finds them.
func TestSpansOfAnOlderDatabase(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Open(t)
	if err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	cfg, _ := neo4jtest.Config()
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	// The database as an older version left it.
	for _, q := range []string{
		"MATCH (p:Project) REMOVE p.period, p.activeFrom, p.activeTo, p.spanned",
		"MERGE (c:Corpus {id: 'corpus'}) ON CREATE SET c.version = 0 REMOVE c.spansDone",
	} {
		if _, err := neo4j.ExecuteQuery(ctx, driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database)); err != nil {
			t.Fatal(err)
		}
	}
	period := &partnergraph.ProjectFilter{Period: &partnergraph.TimeRange{From: "2009-2014", To: "2009-2014"}}
	ids := func(s *neo4jstore.Store) []string {
		res, err := s.Projects(ctx, period, partnergraph.Page{First: 10})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range res.Items {
			out = append(out, p.ID)
		}
		return out
	}
	if got := ids(s); len(got) != 0 {
		t.Fatalf("before the store opens again, the period finds %v: the older database is not simulated", got)
	}
	again, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close(ctx)
	if got, want := ids(again), []string{"project:aa01-0001", "project:bb02-0002"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after opening, the period finds %v, want %v", got, want)
	}
	res, err := again.Group(ctx, partnergraph.ByPeriod, nil)
	if err != nil || len(res) != 2 {
		t.Errorf("grouped by period: %v, %v", res, err)
	}
}
