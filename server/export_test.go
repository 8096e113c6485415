package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// readBack is run by Python: it reads each export with NetworkX (GEXF and
// GraphML) or the csv module (the zip's two lists) and prints the node
// ids, the edge ids and the spells of each node, as JSON.
const readBack = `
import csv, io, json, sys, zipfile
import networkx as nx
kind, path = sys.argv[1], sys.argv[2]
out = {}
if kind == "gexf":
    g = nx.read_gexf(path)
    out["nodes"] = sorted(g.nodes)
    out["edges"] = sorted(d["id"] for _, _, d in g.edges(data=True))
    out["spells"] = {n: d.get("spells", []) for n, d in g.nodes(data=True)}
    out["kinds"] = {n: d["kind"] for n, d in g.nodes(data=True)}
elif kind == "graphml":
    g = nx.read_graphml(path, force_multigraph=True)
    out["nodes"] = sorted(g.nodes)
    out["edges"] = sorted(k for _, _, k in g.edges(keys=True))
    out["kinds"] = {n: d["kind"] for n, d in g.nodes(data=True)}
else:
    z = zipfile.ZipFile(path)
    nodes = list(csv.DictReader(io.TextIOWrapper(z.open("nodes.csv"), encoding="utf-8")))
    edges = list(csv.DictReader(io.TextIOWrapper(z.open("edges.csv"), encoding="utf-8")))
    g = nx.from_edgelist([(e["source"], e["target"]) for e in edges], create_using=nx.MultiDiGraph)
    g.add_nodes_from(n["id"] for n in nodes)
    out["nodes"] = sorted(g.nodes)
    out["edges"] = sorted(e["id"] for e in edges)
    out["kinds"] = {n["id"]: n["kind"] for n in nodes}
print(json.dumps(out))
`

// python is the Python with NetworkX that scripts/pydeps.sh installs, or
// python3 on the PATH.
func python(t *testing.T) string {
	t.Helper()
	py := os.Getenv("PARTNERGRAPH_PYTHON")
	if py == "" {
		py = "python3"
	}
	if out, err := exec.Command(py, "-c", "import networkx").CombinedOutput(); err != nil {
		t.Fatalf("%s cannot import networkx (run scripts/pydeps.sh and set PARTNERGRAPH_PYTHON): %v\n%s", py, err, out)
	}
	return py
}

type readResult struct {
	Nodes  []string
	Edges  []string
	Spells map[string][][2]string
	Kinds  map[string]string
}

func fetchExport(t *testing.T, url, key string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return r, b
}

// TestExportsReadBack exports networks of the sample, with and without a
// period, in every format, reads each back with NetworkX and checks that
// it holds the nodes and edges the API's network gives for the same
// arguments.
func TestExportsReadBack(t *testing.T) {
	py := python(t)
	base, _, _ := start(t, nil, nil)
	dir := t.TempDir()
	for _, c := range []struct{ query, period string }{
		{"seeds=org:krus&depth=2", ""},
		{"seeds=org:krus&depth=2&period=2009-2014", `, period: {from: "2009-2014", to: "2009-2014"}`},
		{"seeds=org:krus&depth=2&period=2014-2021", `, period: {from: "2014-2021", to: "2014-2021"}`},
		{"seeds=org:krus,org:dncs&depth=3&period=2012..2018&edgeKinds=PARTNER,PROMOTER", `, edgeKinds: [PARTNER, PROMOTER], period: {from: "2012", to: "2018"}`},
	} {
		depth := "2"
		if strings.Contains(c.query, "depth=3") {
			depth = "3"
		}
		seeds := `["org:krus"]`
		if strings.Contains(c.query, "org:dncs") {
			seeds = `["org:krus", "org:dncs"]`
		}
		api := postQuery(t, base, fmt.Sprintf(`{ network(seeds: %s, depth: %s%s) { nodes { id kind } edges { id } } }`, seeds, depth, c.period))
		if api["errors"] != nil {
			t.Fatalf("%s: %v", c.query, api["errors"])
		}
		nw := api["data"].(map[string]any)["network"].(map[string]any)
		var wantNodes, wantEdges []string
		wantKinds := map[string]string{}
		for _, n := range nw["nodes"].([]any) {
			id := n.(map[string]any)["id"].(string)
			wantNodes = append(wantNodes, id)
			wantKinds[id] = n.(map[string]any)["kind"].(string)
		}
		for _, e := range nw["edges"].([]any) {
			wantEdges = append(wantEdges, e.(map[string]any)["id"].(string))
		}
		sort.Strings(wantNodes)
		sort.Strings(wantEdges)
		if len(wantEdges) == 0 {
			t.Fatalf("%s: the API gives no edges; the case tests nothing", c.query)
		}
		for _, f := range []struct{ file, kind, contentType string }{
			{"network.gexf", "gexf", "application/gexf+xml"},
			{"network.graphml", "graphml", "application/graphml+xml"},
			{"network.csv", "csv", "application/zip"},
		} {
			r, body := fetchExport(t, base+"/export/"+f.file+"?"+c.query, "")
			if r.StatusCode != 200 || r.Header.Get("Content-Type") != f.contentType {
				t.Fatalf("%s %s: %d %s\n%s", f.file, c.query, r.StatusCode, r.Header.Get("Content-Type"), body)
			}
			path := filepath.Join(dir, "export."+f.kind)
			if err := os.WriteFile(path, body, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(py, "-c", readBack, f.kind, path).Output()
			if err != nil {
				t.Fatalf("%s %s: NetworkX could not read it: %v\n%s", f.file, c.query, err, body)
			}
			var got readResult
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Nodes, wantNodes) || !reflect.DeepEqual(got.Edges, wantEdges) || !reflect.DeepEqual(got.Kinds, wantKinds) {
				t.Errorf("%s %s: read back %d nodes and %d edges, the API gives %d and %d\n got %v\nwant %v", f.file, c.query,
					len(got.Nodes), len(got.Edges), len(wantNodes), len(wantEdges), got.Nodes, wantNodes)
			}
			if f.kind == "gexf" && c.period != "" {
				// Gephi's timeline: each project has its span as a spell.
				for id, kind := range got.Kinds {
					if kind == "PROJECT" && len(got.Spells[id]) != 1 {
						t.Errorf("%s %s: project %s has spells %v, want its span", f.file, c.query, id, got.Spells[id])
					}
				}
			}
		}
	}
	// One list of the two, as CSV.
	r, body := fetchExport(t, base+"/export/network.csv?seeds=org:krus&part=edges", "")
	if r.StatusCode != 200 || !strings.HasPrefix(string(body), "id,source,target,kind,") || r.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Errorf("part=edges: %d %s\n%s", r.StatusCode, r.Header.Get("Content-Type"), body)
	}
}

// TestExportErrors: an export refuses what network refuses, with the same
// codes, and what it does not know.
func TestExportErrors(t *testing.T) {
	base, _, _ := start(t, nil, nil)
	for _, c := range []struct {
		path   string
		status int
		code   string
	}{
		{"/export/network.gexf?seeds=org:nobody", 404, "ENOTFOUND"},
		{"/export/network.gexf?seeds=org:krus&period=2015..2012", 400, "EINVALID"},
		{"/export/network.gexf?seeds=org:krus&period=soon", 400, "EINVALID"},
		// The limits of /graphql: the node limit and the complexity limit.
		{"/export/network.gexf?seeds=org:krus&limit=6000", 400, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"/export/network.gexf?seeds=org:krus&limit=0", 400, "EINVALID"},
		{"/export/network.gexf?seeds=org:krus&depth=two", 400, "EINVALID"},
		{"/export/network.gexf", 400, "EINVALID"},
		{"/export/network.gexf?seeds=org:krus&colour=red", 400, "EINVALID"},
		{"/export/network.gexf?seeds=org:krus&part=nodes", 400, "EINVALID"},
		{"/export/network.pdf?seeds=org:krus", 404, "ENOTFOUND"},
	} {
		r, body := fetchExport(t, base+c.path, "")
		var out struct {
			Errors []struct{ Extensions struct{ Code string } }
		}
		if err := json.Unmarshal(body, &out); err != nil || r.StatusCode != c.status || len(out.Errors) == 0 || out.Errors[0].Extensions.Code != c.code {
			t.Errorf("%s: %d %s, want %d %s", c.path, r.StatusCode, body, c.status, c.code)
		}
	}
}

// TestExportKeys: a server whose reads need a key asks for it on exports
// too.
func TestExportKeys(t *testing.T) {
	const key = "export-test-key-0123456789"
	base, _, _ := start(t, []string{"-reads-need-key"}, map[string]string{"PARTNERGRAPH_API_KEYS": key})
	if r, body := fetchExport(t, base+"/export/network.gexf?seeds=org:krus", ""); r.StatusCode != 401 || !strings.Contains(string(body), "EUNAUTHORIZED") {
		t.Errorf("without a key: %d %s", r.StatusCode, body)
	}
	if r, body := fetchExport(t, base+"/export/network.gexf?seeds=org:krus", "wrong-key-0123456789"); r.StatusCode != 401 {
		t.Errorf("with a wrong key: %d %s", r.StatusCode, body)
	}
	if r, body := fetchExport(t, base+"/export/network.gexf?seeds=org:krus", key); r.StatusCode != 200 || !strings.Contains(string(body), "<gexf") {
		t.Errorf("with the key: %d %s", r.StatusCode, body)
	}
}
