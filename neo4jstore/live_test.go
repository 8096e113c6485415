package neo4jstore_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
	"github.com/partnergraph/partnergraph/storetest"
)

// TestContract runs the store contract against the live Neo4j that `make
// test` starts (neo4jtest). It wipes that database.
func TestContract(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	storetest.TestStore(t, func(t *testing.T) partnergraph.Store {
		if err := s.Wipe(ctx); err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestWrites: random writes through a library (ingest, replace, delete,
// merges and splits) leave the live database as a fresh resolution of the
// documents.
func TestWrites(t *testing.T) {
	s := neo4jtest.Open(t)
	storetest.TestWrites(t, func(t *testing.T) partnergraph.Store {
		if err := s.Wipe(context.Background()); err != nil {
			t.Fatal(err)
		}
		return s
	}, 2, 25)
}

// Wrong credentials fail at once, with a message that says so.
func TestOpenWrongPasswordFailsAtOnce(t *testing.T) {
	cfg := neo4jtest.Require(t)
	cfg.Password = "not-the-password"
	cfg.ConnectTimeout = 30 * time.Second
	start := time.Now()
	_, err := neo4jstore.Open(context.Background(), cfg)
	if partnergraph.ErrorCode(err) != partnergraph.EINVALID || !strings.Contains(partnergraph.ErrorMessage(err), "NEO4J_PASSWORD") {
		t.Errorf("err = %v, want EINVALID naming NEO4J_PASSWORD", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s: wrong credentials were retried", d)
	}
}

// A write made against a stale version of the documents is refused whole
// (ErrCorpusChanged), and nothing of it is written.
func TestApplyDocumentOnAStaleCorpus(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	doc := partnergraph.StoredDocument{ID: "doc:a-txt", Name: "a.txt", Text: "A"}
	given := []partnergraph.IDAnchor{{ID: "org:a", Anchor: "a"}}
	if err := s.PutDocuments(ctx, []partnergraph.StoredDocument{doc}, given); err != nil {
		t.Fatal(err)
	}
	v, err := s.CorpusVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	g := storetest.Fixture()
	more := []partnergraph.IDAnchor{{ID: "org:b", Anchor: "b"}, {ID: "org:b-2", Anchor: "b x"}}
	write := partnergraph.DocumentChange{Changed: g, Put: &partnergraph.StoredDocument{ID: "doc:b-txt", Name: "b.txt", Text: "B"}, IDs: more, Added: []string{"project:aa01-0001"}, Expect: v - 1}
	if _, err := s.ApplyDocument(ctx, write); err != partnergraph.ErrCorpusChanged {
		t.Fatalf("stale write: %v, want ErrCorpusChanged", err)
	}
	docs, v2, err := s.Documents(ctx)
	if err != nil || v2 != v || len(docs) != 1 {
		t.Errorf("after a refused write: %d documents at version %d (was %d), %v", len(docs), v2, v, err)
	}
	if p, _ := s.Nodes(ctx, []string{"project:aa01-0001"}); p[0] != nil {
		t.Error("the refused write's graph was written")
	}
	if ids, err := s.IDs(ctx); err != nil || !reflect.DeepEqual(ids, given) {
		t.Errorf("ids after a refused write: %v, %v; want %v", ids, err, given)
	}
	write.Expect = v
	if v3, err := s.ApplyDocument(ctx, write); err != nil || v3 != v+1 {
		t.Errorf("a write at the current version: %d, %v", v3, err)
	}
	// The change log: the write under its version; the versions before it
	// (moved on by PutDocuments) as a reset.
	changes, now, err := s.ChangesSince(ctx, v-1)
	if err != nil || now != v+1 || len(changes) != 2 || !changes[0].Reset || changes[0].Version != v ||
		changes[1].Version != v+1 || !reflect.DeepEqual(changes[1].Added, []string{"project:aa01-0001"}) || slices.Contains(changes[1].Changed, "project:aa01-0001") {
		t.Errorf("changes since %d: %+v at %d, %v", v-1, changes, now, err)
	}
	if changes, _, err := s.ChangesSince(ctx, v+1); err != nil || len(changes) != 0 {
		t.Errorf("changes since the last: %+v, %v", changes, err)
	}
	if ids, err := s.IDs(ctx); err != nil || !reflect.DeepEqual(ids, append(given, more...)) {
		t.Errorf("ids after a write: %v, %v; want them in the order given", ids, err)
	}
}

// TestProjectByCodeWithOrganisations: one call gives what ProjectByCode
// and Nodes give for the project's promoter and partners; an unknown code
// is ENOTFOUND.
func TestProjectByCodeWithOrganisations(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	if err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	for _, p := range storetest.Fixture().Projects {
		if p.Code == "" {
			continue
		}
		got, orgs, err := s.ProjectByCodeWithOrganisations(ctx, strings.ToLower(p.Code))
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.ProjectByCode(ctx, p.Code)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the project differs from ProjectByCode's", p.Code)
		}
		var ids []string
		if want.PromoterID != "" {
			ids = append(ids, want.PromoterID)
		}
		for _, ps := range want.Partners {
			ids = append(ids, ps.OrganisationID)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		nodes, err := s.Nodes(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(orgs) != len(ids) {
			t.Fatalf("%s: %d organisations, want %d (%v)", p.Code, len(orgs), len(ids), ids)
		}
		for i, o := range orgs {
			if !reflect.DeepEqual(partnergraph.Node(o), nodes[i]) {
				t.Errorf("%s: organisation %d is %+v, Nodes gives %+v", p.Code, i, o, nodes[i])
			}
		}
	}
	if _, _, err := s.ProjectByCodeWithOrganisations(ctx, "NO-SUCH-CODE"); partnergraph.ErrorCode(err) != partnergraph.ENOTFOUND {
		t.Errorf("unknown code: %v", err)
	}
}
