package ingest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestDebugDump(t *testing.T) {
	files, _ := filepath.Glob("../../shared/seeds/*.txt")
	var srcs []Source
	for _, f := range files {
		b, _ := os.ReadFile(f)
		srcs = append(srcs, Source{filepath.Base(f), b})
	}
	g, probs := Build(srcs)
	for _, p := range g.Projects {
		p.Description, p.Results, p.BilateralResults = "", "", ""
		for i := range p.Partners {
			p.Partners[i].Evidence = nil
		}
		for i := range p.Programmes {
			p.Programmes[i].Evidence = nil
		}
		for i := range p.Outcomes {
			p.Outcomes[i].Evidence.Text = ""
		}
		b, _ := json.MarshalIndent(p, "", " ")
		t.Log(string(b))
	}
	b, _ := json.MarshalIndent(g.Organisations, "", " ")
	t.Log(string(b), probs)
	for _, d := range g.Documents {
		t.Log(d.Name, d.Layout, d.Warnings)
	}
	b, _ = json.Marshal(g.Programmes)
	t.Log(string(b))
}
