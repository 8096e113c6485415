package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// sampleExports are the sample exports under sample/exports.
func sampleExports(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, p := range []string{"*.xlsx", "*.csv", "*.json"} {
		m, err := filepath.Glob(filepath.Join("..", "sample", "exports", p))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) != 4 {
		t.Fatalf("sample exports: %v", files)
	}
	return files
}

func importFiles(t *testing.T, dir string, files ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), append([]string{"server", "import", "-data", dir}, files...), env(nil), &out)
	return out.String(), err
}

func packFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, _ := os.ReadDir(filepath.Join(dir, "imports"))
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, "imports", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// A new user's path: import the sample exports into a data directory,
// start the server on it, and find KRUS across the pages and the exports,
// each fact with its file, row and column.
func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	out, err := importFiles(t, dir, sampleExports(t)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"imported 14 rows", "3 skipped", "projects: 3 added, 4 updated", "no project identifier", "is a role in a programme"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	packs := packFiles(t, dir)
	if len(packs) != 4 {
		t.Fatalf("imports kept: %v", packs)
	}
	// The same files again change nothing.
	out, err = importFiles(t, dir, sampleExports(t)...)
	if err != nil || !strings.Contains(out, "projects: 0 added, 0 updated") || !strings.Contains(out, "unchanged since its last import") {
		t.Errorf("second import: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(packFiles(t, dir), packs) {
		t.Error("the second import rewrote the imports")
	}
	// A broken file is refused whole, naming its row; what was imported stays.
	bad := filepath.Join(t.TempDir(), "erasmus-broken.csv")
	csv := "Project Identifier,Project Title,Coordinating organisation name\n2019-1-PL01-KA204-000009,Title,Fundacja\n2019-1-PL01-KA204-000010,Title,Fundacja,extra\n"
	if err := os.WriteFile(bad, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = importFiles(t, dir, bad)
	if err == nil || !strings.Contains(err.Error(), "erasmus-broken.csv, row 3: 4 cells") || !strings.Contains(err.Error(), "nothing of the file was imported") {
		t.Errorf("broken file: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(packFiles(t, dir), packs) {
		t.Error("a refused import changed the imports kept")
	}
	if _, err := importFiles(t, ""); err == nil || !strings.Contains(err.Error(), "at least one file") {
		t.Errorf("no file: %v", err)
	}
	var o bytes.Buffer
	if err := run(context.Background(), []string{"server", "import", sampleExports(t)[0]}, env(nil), &o); err == nil || !strings.Contains(err.Error(), "give -data DIR") {
		t.Errorf("no -data: %v", err)
	}

	base, _, _ := start(t, []string{"-data", dir}, nil)
	q := `{
	  organisation(name: "KRUS") { id sources names { name documents { name source layout } } }
	  project(code: "LT14-0004") {
	    sources { source document { name } }
	    disagreements { field }
	    partners { organisation { id } role evidence { section text row document { name source } } }
	  }
	  keep: projects(filter: {sources: [KEEP_EU]}) { totalCount nodes { id kind } }
	  orgs: organisations(filter: {sources: [KEEP_EU]}, first: 10) { nodes { name } }
	  erasmus: network(seeds: ["org:krus"], depth: 1, nodeKinds: [PROJECT, ORGANISATION], sources: [ERASMUS_PLUS]) { nodes { id } }
	  all: network(seeds: ["org:krus"], depth: 1, nodeKinds: [PROJECT, ORGANISATION]) { nodes { id } }
	  hits: search(query: "prison", kinds: [PROJECT], first: 5, sources: [KEEP_EU]) { node { id } }
	}`
	res := postQuery(t, base, q)
	if res["errors"] != nil {
		t.Fatalf("errors: %v", res["errors"])
	}
	data := res["data"].(map[string]any)
	krus := data["organisation"].(map[string]any)
	if krus["id"] != "org:krus" || !reflect.DeepEqual(krus["sources"], []any{"EEA_GRANTS", "ERASMUS_PLUS", "PAGE"}) {
		t.Errorf("KRUS: %v", krus)
	}
	p := data["project"].(map[string]any)
	var sources []string
	for _, s := range p["sources"].([]any) {
		m := s.(map[string]any)
		sources = append(sources, m["source"].(string)+" "+m["document"].(map[string]any)["name"].(string))
	}
	sort.Strings(sources)
	if want := []string{"EEA_GRANTS eea-organisations.xlsx: LT14-0004", "EEA_GRANTS eea-projects.xlsx: LT14-0004", "PAGE lt-competences-inmates-prison-staff.txt"}; !reflect.DeepEqual(sources, want) {
		t.Errorf("LT14-0004's sources %q", sources)
	}
	found := false
	for _, ps := range p["partners"].([]any) {
		m := ps.(map[string]any)
		if m["organisation"].(map[string]any)["id"] != "org:krus" {
			continue
		}
		for _, e := range m["evidence"].([]any) {
			ev := e.(map[string]any)
			doc := ev["document"].(map[string]any)
			if doc["source"] == "EEA_GRANTS" && ev["row"] == float64(2) && ev["section"] == "Name" {
				found = true
			}
		}
	}
	if !found {
		b, _ := json.Marshal(p["partners"])
		t.Errorf("KRUS's partnership in LT14-0004 has no row of the export: %s", b)
	}
	keep := data["keep"].(map[string]any)
	if keep["totalCount"] != float64(2) {
		t.Errorf("keep.eu projects: %v", keep)
	}
	if n := len(data["orgs"].(map[string]any)["nodes"].([]any)); n != 3 {
		t.Errorf("organisations named by keep.eu: %v", data["orgs"])
	}
	ids := func(list any, key string) []string {
		var out []string
		for _, x := range list.([]any) {
			m := x.(map[string]any)
			if key != "" {
				m = m[key].(map[string]any)
			}
			out = append(out, m["id"].(string))
		}
		sort.Strings(out)
		return out
	}
	// KRUS's network as the Erasmus+ list gives it: its two Erasmus+
	// projects, not LT14-0004 (a page and the EEA Grants' exports).
	if got, want := ids(data["erasmus"].(map[string]any)["nodes"], ""), []string{"org:krus", "project:2018-1-el01-ka204-047884", "project:2021-1-no01-ka220-adu-000033421"}; !reflect.DeepEqual(got, want) {
		t.Errorf("KRUS's Erasmus+ network %v, want %v", got, want)
	}
	if all := ids(data["all"].(map[string]any)["nodes"], ""); !slices.Contains(all, "project:lt14-0004") {
		t.Errorf("KRUS's whole network lacks LT14-0004: %v", all)
	}
	if got := ids(data["hits"], "node"); !reflect.DeepEqual(got, []string{"project:keep-eu-9101"}) {
		t.Errorf("keep.eu projects about prisons: %v", got)
	}
}

// keep.eu's partner id joins the names an export gives one organisation:
// two projects name partner 7001 in two languages without a translation,
// and it is one organisation; partner 7002 of another id stays apart.
func TestImportJoinsByPartnerID(t *testing.T) {
	file := filepath.Join(t.TempDir(), "keep-ids.json")
	projects := `[
	  {"id": 501, "acronym": "BORDERWATCH", "translations": {"en": {"name": "Border watch in the Lake district"}},
	   "partnerships": [
	     {"type": "lead", "partner": {"id": 7001, "name": "Utenos apskrities vyriausiasis policijos komisariatas", "country": "LT"}},
	     {"type": "partner", "partner": {"id": 7002, "name": "Daugavpils City Police", "country": "LV"}}]},
	  {"id": 502, "acronym": "LAKESAFE", "translations": {"en": {"name": "Safe lakes for young people"}},
	   "partnerships": [
	     {"type": "lead", "partner": {"id": 7001, "name": "Utena County Police Headquarters", "country": "LT"}},
	     {"type": "partner", "partner": {"id": 7003, "name": "Latgale Regional Police Department", "country": "LV"}}]}
	]`
	if err := os.WriteFile(file, []byte(projects), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if out, err := importFiles(t, dir, file); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	base, _, _ := start(t, []string{"-data", dir}, nil)
	res := postQuery(t, base, `{ projects(filter: {sources: [KEEP_EU]}, first: 10) { nodes { title promoter { id name aliases } partners(roles: [PROJECT_PARTNER]) { organisation { id } } } } }`)
	if res["errors"] != nil {
		t.Fatalf("errors: %v", res["errors"])
	}
	promoters := map[string]any{}
	var partners []string
	for _, n := range res["data"].(map[string]any)["projects"].(map[string]any)["nodes"].([]any) {
		p := n.(map[string]any)
		promoters[p["title"].(string)] = p["promoter"]
		for _, ps := range p["partners"].([]any) {
			partners = append(partners, ps.(map[string]any)["organisation"].(map[string]any)["id"].(string))
		}
	}
	if len(promoters) != 2 {
		t.Fatalf("projects: %v", res["data"])
	}
	var ids []any
	for _, p := range promoters {
		ids = append(ids, p.(map[string]any)["id"])
	}
	if ids[0] != ids[1] {
		t.Errorf("partner 7001 is two organisations: %v", promoters)
	}
	if len(partners) != 2 || partners[0] == partners[1] || partners[0] == ids[0] || partners[1] == ids[0] {
		t.Errorf("partners 7002 and 7003 should be two organisations of their own: %v (promoter %v)", partners, ids[0])
	}
}
