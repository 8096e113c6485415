package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/memstore"
)

func rowSources(t *testing.T, file string, rows ...ingest.Row) []ingest.Source {
	t.Helper()
	var out []ingest.Source
	for _, r := range rows {
		r.Name = file + ": " + r.Project.Code
		r.Source, r.Format = partnergraph.SourceErasmus, "erasmus-csv"
		src, err := r.Document()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, src)
	}
	return out
}

func erasmusRow(code, promoter string) ingest.Row {
	return ingest.Row{
		Project: partnergraph.Project{Code: code, Title: "Project " + code, Kind: partnergraph.ProjectErasmus},
		Organisations: []ingest.RowOrganisation{{Name: promoter, Role: partnergraph.RolePromoter, Country: "NO",
			Evidence: partnergraph.Evidence{Section: "Coordinating organisation name", Text: promoter, Row: 2}}},
	}
}

// An import is kept as one file: read back whole, replaced whole by the
// next import of its file, overridden by a write through the API, and part
// of the snapshot's fingerprint.
func TestImportsKept(t *testing.T) {
	dir := t.TempDir()
	a := rowSources(t, "ka2.csv", erasmusRow("2019-1-NO01-KA204-000001", "Kriminalomsorgens høgskole og utdanningssenter"), erasmusRow("2019-1-NO01-KA204-000002", "Alternativ til Vold"))
	if ok, err := PutImport(dir, "ka2.csv", "erasmus-csv", a); err != nil || !ok {
		t.Fatalf("first import: %v %v", ok, err)
	}
	if ok, err := PutImport(dir, "ka2.csv", "erasmus-csv", a); err != nil || ok {
		t.Errorf("the same import again: %v %v, want nothing written", ok, err)
	}
	if _, err := PutImport(dir, "x.csv", "erasmus-csv", []ingest.Source{{Name: "x.txt", Data: []byte("a page")}}); err == nil {
		t.Error("a page kept as an import")
	}
	codes := func() []string {
		lib, store := open(t, dir, sampleSources(t))
		defer lib.Close(context.Background())
		return projectCodes(t, store)
	}
	got := strings.Join(codes(), " ")
	if !strings.Contains(got, "2019-1-NO01-KA204-000001") || !strings.Contains(got, "2019-1-NO01-KA204-000002") {
		t.Fatalf("projects after the import: %s", got)
	}
	// The next import of ka2.csv replaces the first: project 2 goes.
	b := rowSources(t, "ka2.csv", erasmusRow("2019-1-NO01-KA204-000001", "Kriminalomsorgens høgskole og utdanningssenter"), erasmusRow("2019-1-NO01-KA204-000003", "ATV"))
	if ok, err := PutImport(dir, "ka2.csv", "erasmus-csv", b); err != nil || !ok {
		t.Fatalf("second import: %v %v", ok, err)
	}
	got = strings.Join(codes(), " ")
	if strings.Contains(got, "000002") || !strings.Contains(got, "000003") {
		t.Errorf("projects after the second import: %s", got)
	}
	// A delete through the API wins over the import, after a restart too.
	lib, _ := open(t, dir, sampleSources(t))
	if _, err := lib.DeleteDocument(writer, ingest.DocumentID(b[1].Name)); err != nil {
		t.Fatal(err)
	}
	lib.Close(context.Background())
	if got = strings.Join(codes(), " "); strings.Contains(got, "000003") {
		t.Errorf("a deleted row came back: %s", got)
	}
}

func TestImportsInTheSnapshot(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "graph.snapshot")
	openSnapDir := func() *Report {
		t.Helper()
		lib, rep, err := Open(context.Background(), memstore.New(), Options{Dir: dir, Seed: sampleSources(t), Snapshot: snap, Build: "b1"})
		if err != nil {
			t.Fatal(err)
		}
		lib.settle()
		lib.Close(context.Background())
		return rep
	}
	if rep := openSnapDir(); rep.FromSnapshot {
		t.Fatal("a snapshot before any")
	}
	if rep := openSnapDir(); !rep.FromSnapshot {
		t.Fatal("the snapshot not used")
	}
	if _, err := PutImport(dir, "ka2.csv", "erasmus-csv", rowSources(t, "ka2.csv", erasmusRow("2019-1-NO01-KA204-000001", "ATV"))); err != nil {
		t.Fatal(err)
	}
	rep := openSnapDir()
	if rep.FromSnapshot || len(rep.Graph.Projects) != 6 {
		t.Errorf("after an import: from the snapshot %v, %d projects", rep.FromSnapshot, len(rep.Graph.Projects))
	}
	if rep := openSnapDir(); !rep.FromSnapshot || len(rep.Graph.Projects) != 6 {
		t.Errorf("the snapshot with the import: from the snapshot %v, %d projects", rep.FromSnapshot, len(rep.Graph.Projects))
	}
	// A damaged import is a problem of the start, not a failure of it.
	path := filepath.Join(dir, "imports", "ka2-csv.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data[:len(data)-20], 0o644); err != nil {
		t.Fatal(err)
	}
	lib, rep, err := Open(context.Background(), memstore.New(), Options{Dir: dir, Seed: sampleSources(t)})
	if err != nil {
		t.Fatal(err)
	}
	lib.Close(context.Background())
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Reason, "ka2-csv.jsonl") || len(rep.Graph.Projects) != 5 {
		t.Errorf("a damaged import: problems %v, %d projects", rep.Problems, len(rep.Graph.Projects))
	}
}
