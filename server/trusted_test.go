package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph/graph"
)

// TestTrustedDocuments: with -trusted-documents the server runs the
// manifest's documents, sent whole or by hash alone, and refuses any
// other; its own export query still runs.
func TestTrustedDocuments(t *testing.T) {
	const doc = `{ project(code: "LT14-0004") { title } }`
	hash := graph.DocumentHash(doc)
	manifest := filepath.Join(t.TempDir(), "trusted.json")
	b, _ := json.Marshal(map[string]any{"format": "apollo-persisted-query-manifest", "version": 1,
		"operations": []map[string]string{{"id": hash, "body": doc, "name": "Lithuania", "type": "query"}}})
	if err := os.WriteFile(manifest, b, 0o644); err != nil {
		t.Fatal(err)
	}
	base, _, _ := start(t, []string{"-trusted-documents", manifest}, nil)
	send := func(body map[string]any) map[string]any {
		t.Helper()
		b, _ := json.Marshal(body)
		resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return out
	}
	if out := send(map[string]any{"query": doc}); out["errors"] != nil || !strings.Contains(mustJSON(out), "Improving Competences") {
		t.Errorf("a trusted document sent whole: %v", out)
	}
	if out := send(map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}}); out["errors"] != nil || !strings.Contains(mustJSON(out), "Improving Competences") {
		t.Errorf("a trusted document by its hash: %v", out)
	}
	if out := send(map[string]any{"query": `{ project(code: "LT14-0004") { id } }`}); errCode(out) != "EUNAUTHORIZED" {
		t.Errorf("another document: %v", out)
	}
	// Registering a document as an automatic persisted query does not make it trusted.
	other := `{ organisation(name: "KRUS") { id } }`
	if out := send(map[string]any{"query": other, "extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": graph.DocumentHash(other)}}}); errCode(out) != "EUNAUTHORIZED" {
		t.Errorf("an APQ registration of another document: %v", out)
	}
	if out := send(map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": graph.DocumentHash(other)}}}); errCode(out) != "PERSISTED_QUERY_NOT_FOUND" {
		t.Errorf("an unknown hash: %v", out)
	}
	if r, body := fetchExport(t, base+"/export/network.csv?seeds=org:krus&part=nodes", ""); r.StatusCode != 200 || !strings.HasPrefix(string(body), "id,kind,label") {
		t.Errorf("the export under trusted documents: %d %s", r.StatusCode, body)
	}
	// A manifest whose hash does not match its document is refused at start.
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"0000": "{ __typename }"}`), 0o644)
	if _, err := parseConfig([]string{"server", "-trusted-documents", bad}, env(nil), &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Errorf("a manifest with a wrong hash: %v", err)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
