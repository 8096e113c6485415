package library

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/sample"
)

var writer = partnergraph.WithPrincipal(context.Background(), &partnergraph.Principal{KeyID: "test"})

func sampleSources(t *testing.T) []ingest.Source {
	t.Helper()
	srcs, problems, err := ingest.ReadFS(sample.FS, ".")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	return srcs
}

func testSheet(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/ee-probation-mentoring.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func open(t *testing.T, dir string, seed []ingest.Source) (*Library, partnergraph.Store) {
	t.Helper()
	store := memstore.New()
	lib, rep, err := Open(context.Background(), store, Options{Dir: dir, Seed: seed, Writable: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Fatalf("problems at open: %v", rep.Problems)
	}
	return lib, store
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := partnergraph.ErrorCode(err); got != code {
		t.Errorf("error %v has code %q, want %q", err, got, code)
	}
}

// sameGraph fails unless the two graphs hold the same nodes alike.
func sameGraph(t *testing.T, what string, a, b *partnergraph.Graph) {
	t.Helper()
	changed, removed := partnergraph.Diff(a, b)
	if ids := changed.IDs(); len(ids) > 0 || len(removed) > 0 {
		t.Errorf("%s: the graphs differ: changed %v, removed %v", what, ids, removed)
	}
}

func projectCodes(t *testing.T, s partnergraph.Store) []string {
	t.Helper()
	page, err := s.Projects(context.Background(), nil, partnergraph.Page{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, p := range page.Items {
		codes = append(codes, p.Code)
	}
	sort.Strings(codes)
	return codes
}

func TestIngestReplaceDeleteAndRestart(t *testing.T) {
	dir := t.TempDir()
	seed := sampleSources(t)
	lib, store := open(t, dir, seed)
	text := testSheet(t)

	res, err := lib.IngestDocument(writer, "ee-probation-mentoring.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || !res.Durable || res.Document.ID != "doc:ee-probation-mentoring-txt" || !reflect.DeepEqual(res.Document.ProjectIDs, []string{"project:ee07-0011"}) {
		t.Errorf("result: %+v", res)
	}
	p, err := store.ProjectByCode(context.Background(), "EE07-0011")
	if err != nil {
		t.Fatal(err)
	}
	donor := false
	for _, ps := range p.Partners {
		donor = donor || (ps.OrganisationID == "org:krus" && ps.Role == partnergraph.RoleDonorProjectPartner)
	}
	if !donor {
		t.Errorf("KRUS is not the donor partner of the new project: %+v", p.Partners)
	}
	// KRUS is one node with the sample's projects, not a second one.
	inv, _ := store.Involvements(context.Background(), []string{"org:krus"})
	if len(inv[0]) != 3 {
		t.Errorf("KRUS has %d projects, want the 2 of the sample and the new one", len(inv[0]))
	}

	// The same sheet again changes nothing.
	res, err = lib.IngestDocument(writer, "ee-probation-mentoring.txt", text)
	if err != nil || res.Created || len(res.Changed) != 0 || len(res.Removed) != 0 {
		t.Errorf("same sheet again: %+v, %v", res, err)
	}
	// A replacement under a name of the same slug replaces the document.
	res, err = lib.IngestDocument(writer, "EE probation mentoring.txt", strings.Replace(text, "€312,400", "€320,000", 1))
	if err != nil || res.Created || !reflect.DeepEqual(res.Changed, []string{"doc:ee-probation-mentoring-txt", "project:ee07-0011"}) {
		t.Errorf("replacement: %+v, %v", res, err)
	}
	if p, _ := store.ProjectByCode(context.Background(), "EE07-0011"); p == nil || p.Funding.FinalCost == nil || *p.Funding.FinalCost != 320000 {
		t.Errorf("the replacement's cost is not stored: %+v", p)
	}

	// A restart reads the same documents and builds the same graph.
	lib2, store2 := open(t, dir, seed)
	sameGraph(t, "after a restart", lib.current(), lib2.current())
	if got := projectCodes(t, store2); !reflect.DeepEqual(got, projectCodes(t, store)) {
		t.Errorf("projects after restart %v, before %v", got, projectCodes(t, store))
	}

	// Delete the new document and a seed document.
	res, err = lib2.DeleteDocument(writer, "doc:ee-probation-mentoring-txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"project:ee07-0011", "org:estonian-probation-service", "tg:young-offenders"} {
		if !contains(res.Removed, id) {
			t.Errorf("%s not removed: %v", id, res.Removed)
		}
	}
	if contains(res.Removed, "org:krus") {
		t.Errorf("KRUS was removed, though other documents name it")
	}
	_, err = lib2.DeleteDocument(writer, "doc:ee-probation-mentoring-txt")
	wantCode(t, err, partnergraph.ENOTFOUND)
	if _, err := lib2.DeleteDocument(writer, "doc:lt-competences-inmates-prison-staff-txt"); err != nil {
		t.Fatal(err)
	}
	want := []string{"", "", "2018-1-EL01-KA204-047884", "CZ12-0042"} // two sample sheets have no project number
	if got := projectCodes(t, store2); !reflect.DeepEqual(got, want) {
		t.Errorf("projects after the deletes %v, want %v", got, want)
	}
	// The deletes hold across a restart: the removed seed sheet stays out.
	lib3, store3 := open(t, dir, seed)
	sameGraph(t, "after deletes and a restart", lib2.current(), lib3.current())
	if got := projectCodes(t, store3); !reflect.DeepEqual(got, want) {
		t.Errorf("projects after restart %v, want %v", got, want)
	}
	// A removed document can come back.
	if res, err := lib3.IngestDocument(writer, "lt-competences-inmates-prison-staff.txt", string(seed[3].Data)); err != nil || !res.Created {
		t.Fatalf("ingest the removed seed sheet again: %+v, %v", res, err)
	}
	lib4, _ := open(t, dir, seed)
	sameGraph(t, "re-ingested seed after a restart", lib3.current(), lib4.current())
	fresh, _ := open(t, "", seed)
	sameGraph(t, "back to the sample", fresh.current(), lib4.current())
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Writing the sample one sheet at a time gives the graph that reading the
// whole sample at once gives.
func TestOneAtATimeEqualsAllAtOnce(t *testing.T) {
	seed := sampleSources(t)
	lib, store := open(t, t.TempDir(), nil)
	for _, src := range seed {
		if _, err := lib.IngestDocument(writer, src.Name, string(src.Data)); err != nil {
			t.Fatal(err)
		}
	}
	whole, _ := ingest.Build(seed)
	sameGraph(t, "one at a time", whole, lib.current())
	batch := memstore.New()
	if err := batch.Load(context.Background(), whole); err != nil {
		t.Fatal(err)
	}
	for _, id := range whole.IDs() {
		a, _ := store.Nodes(context.Background(), []string{id})
		b, _ := batch.Nodes(context.Background(), []string{id})
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs: written %+v, loaded %+v", id, a[0], b[0])
		}
	}
}

func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func TestRefusedWritesChangeNothing(t *testing.T) {
	dir := t.TempDir()
	lib, store := open(t, dir, sampleSources(t))
	if _, err := lib.IngestDocument(writer, "ee.txt", testSheet(t)); err != nil {
		t.Fatal(err)
	}
	before, codes := dirState(t, dir), projectCodes(t, store)
	graph := lib.current()
	binary := string([]byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3})
	for _, c := range []struct {
		name, text string
		ctx        context.Context
		code       string
	}{
		{"empty.txt", "", writer, partnergraph.EINVALID},
		{"binary.txt", binary, writer, partnergraph.EINVALID},
		{"prose.txt", "Just a line of prose, with no facts and no sections.", writer, partnergraph.EINVALID},
		{"bad-utf8.txt", "Title\n\nProject facts\n\nProject Number:\nXX01-0001\n\xff\xfe", writer, partnergraph.EINVALID},
		{"", testSheet(t), writer, partnergraph.EINVALID},
		{"name\nwith a newline", testSheet(t), writer, partnergraph.EINVALID},
		{strings.Repeat("n", MaxNameLength+1), testSheet(t), writer, partnergraph.EINVALID},
		{"---", testSheet(t), writer, partnergraph.EINVALID},
		{"big.txt", strings.Repeat("x", ingest.MaxDocumentSize+1), writer, partnergraph.EINVALID},
		{"new.txt", testSheet(t), context.Background(), partnergraph.EUNAUTHORIZED},
	} {
		_, err := lib.IngestDocument(c.ctx, c.name, c.text)
		wantCode(t, err, c.code)
		if err != nil && partnergraph.ErrorMessage(err) == "" {
			t.Errorf("%q: an error without a message", c.name)
		}
	}
	_, err := lib.DeleteDocument(context.Background(), "doc:ee-txt")
	wantCode(t, err, partnergraph.EUNAUTHORIZED)
	_, err = lib.DeleteDocument(writer, "project:ee07-0011")
	wantCode(t, err, partnergraph.EINVALID)
	_, err = lib.DeleteDocument(writer, "doc:no-such-document")
	wantCode(t, err, partnergraph.ENOTFOUND)

	if after := dirState(t, dir); !reflect.DeepEqual(before, after) {
		t.Errorf("refused writes changed the directory: %v -> %v", keys(before), keys(after))
	}
	if got := projectCodes(t, store); !reflect.DeepEqual(got, codes) {
		t.Errorf("refused writes changed the store: %v -> %v", codes, got)
	}
	if !reflect.DeepEqual(lib.current(), graph) {
		t.Errorf("refused writes changed the library's graph")
	}

	// A server that takes no writes refuses them even with a key.
	ro, _, err := Open(context.Background(), memstore.New(), Options{Seed: sampleSources(t)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ro.IngestDocument(writer, "ee.txt", testSheet(t))
	wantCode(t, err, partnergraph.EUNAUTHORIZED)
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// failingStore refuses every Apply, as a database that went down would.
type failingStore struct {
	partnergraph.Store
}

func (failingStore) Apply(context.Context, *partnergraph.Graph, []string) error {
	return partnergraph.Errorf(partnergraph.EUNAVAILABLE, "the database cannot be reached")
}

// When the store refuses a write, the disk is put back as it was and the
// document is not taken: a restart does not bring it in.
func TestStoreFailureUndoesTheDisk(t *testing.T) {
	dir := t.TempDir()
	seed := sampleSources(t)
	lib, store := open(t, dir, seed)
	if _, err := lib.IngestDocument(writer, "ee.txt", testSheet(t)); err != nil {
		t.Fatal(err)
	}
	before, codes, graph := dirState(t, dir), projectCodes(t, store), lib.current()
	lib.store = failingStore{store}
	// The same sheet again changes nothing, so the store is not asked.
	if res, err := lib.IngestDocument(writer, "ee.txt", testSheet(t)); err != nil || len(res.Changed)+len(res.Removed) != 0 {
		t.Errorf("the same sheet again, with the store down: %+v, %v", res, err)
	}
	sameGraph(t, "the same sheet again", graph, lib.current())
	graph = lib.current()
	for _, write := range []func() error{
		func() error {
			_, err := lib.IngestDocument(writer, "ee.txt", strings.Replace(testSheet(t), "EE07-0011", "EE07-0012", 1))
			return err
		},
		func() error {
			_, err := lib.IngestDocument(writer, "other.txt", strings.Replace(testSheet(t), "EE07-0011", "EE07-0013", 1))
			return err
		},
		func() error { _, err := lib.DeleteDocument(writer, "doc:ee-txt"); return err },
		func() error { _, err := lib.DeleteDocument(writer, "doc:cz-violent-persons-theia-txt"); return err },
	} {
		err := write()
		wantCode(t, err, partnergraph.EUNAVAILABLE)
		if after := dirState(t, dir); !reflect.DeepEqual(before, after) {
			t.Errorf("a failed write left the directory changed: %v -> %v", keys(before), keys(after))
		}
		if !reflect.DeepEqual(lib.current(), graph) {
			t.Errorf("a failed write changed the library's graph")
		}
	}
	if got := projectCodes(t, store); !reflect.DeepEqual(got, codes) {
		t.Errorf("failed writes changed the store: %v -> %v", codes, got)
	}
	restarted, _ := open(t, dir, seed)
	sameGraph(t, "restart after failed writes", graph, restarted.current())
	// The store is back: writes go through again.
	lib.store = store
	if _, err := lib.IngestDocument(writer, "other.txt", strings.Replace(testSheet(t), "EE07-0011", "EE07-0013", 1)); err != nil {
		t.Errorf("a write after the store came back: %v", err)
	}
}

// Temporary files of a write cut short are cleared at start; a file that is
// not a document file is reported and left alone.
func TestOpenClearsUnfinishedWrites(t *testing.T) {
	dir := t.TempDir()
	lib, _ := open(t, dir, nil)
	if _, err := lib.IngestDocument(writer, "ee.txt", testSheet(t)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, tempPrefix+"123"), []byte(`{"id":"doc:half`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stray.json"), []byte(`not json`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, rep, err := Open(context.Background(), memstore.New(), Options{Dir: dir, Writable: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 1 || rep.FromDir != 1 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Document, "stray.json") {
		t.Errorf("report: %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(dir, tempPrefix+"123")); !os.IsNotExist(err) {
		t.Errorf("the temporary file is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stray.json")); err != nil {
		t.Errorf("the stray file was removed: %v", err)
	}
}
