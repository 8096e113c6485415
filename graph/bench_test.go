package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/partnergraph/partnergraph/graph"
)

// benchClient serves a generated corpus of 10,000 sheets in process.
func benchClient(b *testing.B) *client.Client {
	b.Helper()
	store, _ := generatedStore(b, 10000, 1)
	return client.New(graph.NewHandler(store, graph.Options{BatchWait: 1}))
}

// BenchmarkResolvers runs each canonical query in process, without HTTP
// and without a load generator: the cost of the resolvers and gqlgen.
func BenchmarkResolvers(b *testing.B) {
	c := benchClient(b)
	var probe struct {
		Projects struct{ Nodes []struct{ ID, Code string } }
		Orgs     struct{ Nodes []struct{ ID string } }
	}
	c.MustPost(`{ projects(filter: {codeStartsWith: "LT"}, first: 1) { nodes { id code } } orgs: organisations(orderBy: {field: DEGREE, direction: DESC}, first: 40) { nodes { id } } }`, &probe)
	p, orgs := probe.Projects.Nodes[0], probe.Orgs.Nodes
	queries := []struct{ name, q string }{
		{"ProjectByCode", `{ project(code: "` + p.Code + `") { id code title status promoter { name } funding { grant } } }`},
		{"FilteredPage", `{ projects(filter: {country: "CZ", funder: "Norway Grants"}, first: 50) { nodes { id code title funding { grant } } } }`},
		{"Nested", `{ projects(first: 50) { nodes { partners { organisation { projects(first: 50) { nodes { targetGroups { name } } } } } } } }`},
		{"NetworkHub", `{ network(seeds: ["org:krus"], depth: 2, limit: 300) { truncated nodes { id kind label } edges { id source target kind } } }`},
		{"Paths", `{ paths(from: "` + orgs[10].ID + `", to: "` + orgs[39].ID + `") { length nodes { id } } }`},
		{"Search", `{ search(query: "anger management for prison staff", first: 10) { label score snippet } }`},
		{"Similar", `{ similarProjects(project: "` + p.ID + `", first: 10) { project { id } score reasons { explanation } } }`},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			var out map[string]any
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := c.Post(q.q, &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkServe answers the peer benchmark's nested query and a page of 50
// through the handler, with the answer's bytes written to a recorder: what
// the server spends a request, without a client decoding the answer.
func BenchmarkServe(b *testing.B) {
	store, g := generatedStore(b, 10000, 1)
	h := graph.NewHandler(store, graph.Options{BatchWait: 1})
	for _, q := range []struct{ name, q string }{
		{"Nested", `{ projects(first: 50) { nodes { partners(roles: [PROMOTER, DONOR_PROJECT_PARTNER, PROJECT_PARTNER, MENTIONED]) { organisation { projects(first: 20) { nodes { code title targetGroups { name } } } } } } } }`},
		{"FilteredPage", `{ projects(filter: {country: "CZ", funder: "funder:norway-grants"}, first: 50) { nodes { id code title funding { grant } } } }`},
		{"ProjectByCode", fmt.Sprintf(`{ project(code: %q) { id code title status promoter { name } funding { grant } } }`, g.Projects[len(g.Projects)/2].Code)},
	} {
		body, _ := json.Marshal(map[string]string{"query": q.q})
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			size := 0
			cpu := cpuTime()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 || bytes.Contains(w.Body.Bytes(), []byte(`"errors"`)) {
					b.Fatalf("%d %.300s", w.Code, w.Body.String())
				}
				size = w.Body.Len()
			}
			b.ReportMetric(float64(size), "answer-bytes")
			// The process's CPU an answer (user and system, the garbage
			// collector's included): what a server on two cores spends,
			// where ns/op is the time to an answer, which goroutines on
			// both cores shorten.
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the CPU the process has used, in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
