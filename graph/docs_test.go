package graph_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the answers in docs/queries.md")

var docBlocks = regexp.MustCompile("(?s)```graphql\n(.*?)```\n\n```json\n(.*?)```")

// TestDocsQueries runs every query of docs/queries.md on the sample and
// checks the answer written under it.
func TestDocsQueries(t *testing.T) {
	const path = "../docs/queries.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := newClient(t)
	matches := docBlocks.FindAllSubmatchIndex(doc, -1)
	if len(matches) < 12 {
		t.Fatalf("docs/queries.md has %d question blocks, want at least 12", len(matches))
	}
	var out bytes.Buffer
	last := 0
	for i, m := range matches {
		q := string(doc[m[2]:m[3]])
		data := mustQuery(t, c, q, nil)
		got, _ := json.MarshalIndent(data, "", "  ")
		written := bytes.TrimSpace(doc[m[4]:m[5]])
		if *update {
			out.Write(doc[last:m[4]])
			out.Write(got)
			out.WriteString("\n")
			last = m[5]
			continue
		}
		var want any
		if err := json.Unmarshal(written, &want); err != nil {
			t.Errorf("question %d: the written answer is not JSON (run with -update): %v", i+1, err)
			continue
		}
		wantJSON, _ := json.MarshalIndent(want, "", "  ")
		if !bytes.Equal(wantJSON, got) {
			t.Errorf("question %d: the API now answers\n%s\nbut docs/queries.md says\n%s", i+1, got, wantJSON)
		}
	}
	if *update {
		out.Write(doc[last:])
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
