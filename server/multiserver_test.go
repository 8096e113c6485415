package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Sheets for the shared-corpus tests. The first defines an acronym that
// only the second uses.
const (
	sheetDefines = "Restorative Justice in Latvian Prisons\n\nProject facts\n\nProject promoter:\nLatvian Prison Administration\nProject Number:\nLV08-0042\n\nDescription\n\nThe Latvian Prison Administration works with the Baltic Institute for Restorative Practice (BIRP), which trains mediators.\n"
	sheetUses    = "Mediation Follow-up in Latvia\n\nProject facts\n\nProject promoter:\nLatvian Prison Administration\nProject Number:\nLV08-0043\n\nDescription\n\nThe project cooperates with BIRP as partner to train more mediators in prisons.\n"
)

// TestServersShareOneNeo4j runs two API servers on one live Neo4j: a write
// through one is read through the other, a write through the second is
// resolved against a document the first wrote, a document written by one is
// deleted through the other, and sheets written by `server ingest` are part
// of the corpus both resolve against.
func TestServersShareOneNeo4j(t *testing.T) {
	env := neo4jEnv(t)
	const key = "shared-corpus-key"
	env["PARTNERGRAPH_API_KEYS"] = key

	// Sheets written by `server ingest` first.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "lv-defines.txt"), []byte(sheetDefines), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"server", "ingest", dir}, func(k string) string { return env[k] }, &out); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out.String())
	}
	// The write says when it is done (a long one says how far it is, once a
	// second).
	if !strings.Contains(out.String(), `msg="written to Neo4j"`) {
		t.Errorf("ingest did not say the graph is written:\n%s", out.String())
	}

	a, _, _ := start(t, []string{"-sample"}, env)
	b, _, _ := start(t, nil, env)

	// A write through A is read through B.
	code, res := gql(t, a, key, ingestMutation, map[string]any{"name": "ee-extra.txt", "text": "Anger Management in Estonian Prisons\n\nProject facts\n\nProject promoter:\nEstonian Prison Service\nProject Number:\nEE09-0007\n"})
	if code != 200 || res["errors"] != nil {
		t.Fatalf("write through A: %d %v", code, res)
	}
	if got := postQuery(t, b, `{ project(code: "EE09-0007") { title promoter { name } } }`); !strings.Contains(jsonOf(got), "Estonian Prison Service") {
		t.Errorf("B does not see A's write: %s", jsonOf(got))
	}

	// A write through B that uses an acronym only the ingested sheet
	// defines: B resolves it against that sheet.
	code, res = gql(t, b, key, ingestMutation, map[string]any{"name": "lv-uses.txt", "text": sheetUses})
	if code != 200 || res["errors"] != nil {
		t.Fatalf("write through B: %d %v", code, res)
	}
	q := `{ organisation(name: "BIRP") { id name projects(first: 10) { nodes { code } } } }`
	for name, base := range map[string]string{"A": a, "B": b} {
		got := jsonOf(postQuery(t, base, q))
		if !strings.Contains(got, "Baltic Institute for Restorative Practice") || !strings.Contains(got, "LV08-0042") || !strings.Contains(got, "LV08-0043") {
			t.Errorf("%s: BIRP is not one organisation with both projects: %s", name, got)
		}
	}

	// B deletes the document A wrote; A, whose copy of the corpus is now
	// stale, then writes again and resolves against what is there.
	code, res = gql(t, b, key, `mutation { deleteDocument(id: "doc:ee-extra-txt") { removedIds } }`, nil)
	if code != 200 || res["errors"] != nil {
		t.Fatalf("delete through B of A's document: %d %v", code, res)
	}
	if got := jsonOf(postQuery(t, a, `{ project(code: "EE09-0007") { id } }`)); !strings.Contains(got, "ENOTFOUND") {
		t.Errorf("A still sees the deleted project: %s", got)
	}
	code, res = gql(t, a, key, `mutation { deleteDocument(id: "doc:lv-defines-txt") { removedIds } }`, nil)
	if code != 200 || res["errors"] != nil {
		t.Fatalf("delete through A of the ingested document: %d %v", code, res)
	}
	// With the defining sheet gone, the bare acronym no longer resolves to
	// the long name: the graph is that of the documents left.
	got := jsonOf(postQuery(t, b, `{ organisation(name: "Baltic Institute for Restorative Practice") { id } }`))
	if !strings.Contains(got, "ENOTFOUND") {
		t.Errorf("the long name outlived the only sheet that gave it: %s", got)
	}

	// The graph on Neo4j equals the graph an embedded server builds from the
	// same documents (the sample and lv-uses.txt).
	mem, _, _ := start(t, []string{"-data", t.TempDir()}, map[string]string{"PARTNERGRAPH_API_KEYS": key})
	if code, res := gql(t, mem, key, ingestMutation, map[string]any{"name": "lv-uses.txt", "text": sheetUses}); code != 200 || res["errors"] != nil {
		t.Fatalf("write on the embedded server: %d %v", code, res)
	}
	for _, q := range []string{
		`{ organisations(first: 100) { totalCount nodes { id name acronym aliases } } }`,
		`{ projects(first: 100) { totalCount nodes { id code promoter { id } partners(roles: [PROMOTER, DONOR_PROJECT_PARTNER, PROJECT_PARTNER, MENTIONED]) { role organisation { id } } } } }`,
	} {
		_, x := gql(t, mem, "", q, nil)
		_, y := gql(t, b, "", q, nil)
		if cx, cy := canonical(q, x), canonical(q, y); cx != cy {
			t.Errorf("the shared Neo4j graph differs from the embedded one on the same documents\n%s\nembedded:\n%s\nneo4j:\n%s", q, clip(cx), clip(cy))
		}
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
