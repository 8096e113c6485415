package neo4jstore_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
	"github.com/partnergraph/partnergraph/storetest"
)

// A write that commits is reported as committed even when the metrics that
// follow it fail; the next reader of metrics runs the job again and sees
// the metrics of the new graph.
func TestMetricsFailureDoesNotFailAWrite(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	if err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	// The job the load started must be over before the fault is set, or it
	// may meet the fault too.
	loaded, _ := neo4jstore.MetricsJobDone(s)
	<-loaded
	var fail atomic.Bool
	fail.Store(true)
	var calls atomic.Int32
	neo4jstore.SetMetricsFault(s, func() error {
		calls.Add(1)
		if fail.Load() {
			return errors.New("injected: the database went away")
		}
		return nil
	})
	// A new organisation joins AA01-0001 as a partner.
	g := storetest.Fixture()
	p := g.Projects[0]
	p.Partners = append(p.Partners, partnergraph.Partnership{OrganisationID: "org:delta", Role: partnergraph.RoleProjectPartner})
	changed := &partnergraph.Graph{Projects: []partnergraph.Project{p}, Organisations: []partnergraph.Organisation{{ID: "org:delta", Name: "Delta Institute", CountryCode: "SK"}}}
	if err := s.Apply(ctx, changed, nil); err != nil {
		t.Fatalf("Apply reported %v after its transaction committed", err)
	}
	done, failed := neo4jstore.MetricsJobDone(s)
	<-done
	if calls.Load() != 1 || !failed() {
		t.Fatalf("the injected failure did not run (calls %d, failed %v)", calls.Load(), failed())
	}
	if got, err := s.ProjectByCode(ctx, "AA01-0001"); err != nil || len(got.Partners) != 3 {
		t.Fatalf("the committed write is not there: %v %v", got, err)
	}
	fail.Store(false)
	m, err := s.Metrics(ctx, []string{"org:delta"})
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 || m[0] == nil || m[0].Projects != 1 {
		t.Errorf("after a failed job the reader should rerun it: calls %d, metrics %+v", calls.Load(), m[0])
	}
}
