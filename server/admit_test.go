package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/memstore"
)

// gateStore holds each project-by-code call until the test lets it go,
// and records the order in which the calls arrived.
type gateStore struct {
	partnergraph.Store
	mu      sync.Mutex
	arrived []string
	entered chan string
	release chan struct{}
}

func (g *gateStore) ProjectByCodeWithOrganisations(ctx context.Context, code string) (*partnergraph.Project, []*partnergraph.Organisation, error) {
	p, err := g.ProjectByCode(ctx, code)
	return p, nil, err
}

func (g *gateStore) ProjectByCode(ctx context.Context, code string) (*partnergraph.Project, error) {
	g.mu.Lock()
	g.arrived = append(g.arrived, code)
	g.mu.Unlock()
	g.entered <- code
	select {
	case <-g.release:
		return nil, partnergraph.Errorf(partnergraph.ENOTFOUND, "no project %s", code)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// post posts a query from a test's goroutine: an error fails the test
// without stopping it.
func post(t *testing.T, url, q string) answer {
	a, err := postGraphQL(url, "", q, nil)
	if err != nil {
		t.Error(err)
	}
	return a
}

// TestAdmission: with one execution slot and room for two waiting, a third
// waiting request is refused at once (429), a request that waits past the
// queue timeout gets 503, both JSON with EUNAVAILABLE and Retry-After; the
// waiting requests run in arrival order; /metrics shows the queue.
func TestAdmission(t *testing.T) {
	cfg, err := parseConfig([]string{"server", "-max-concurrent", "1", "-max-queued", "2", "-queue-timeout", "300ms"}, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	g := &gateStore{Store: memstore.New(), entered: make(chan string, 8), release: make(chan struct{})}
	obs := newObservability(slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv := httptest.NewServer(newRouterWith(g, nil, &keyring{}, cfg, obs))
	defer srv.Close()
	q := func(code string) string { return `{ project(code:"` + code + `") { id } }` }
	queued := func() string {
		resp, err := http.Get(srv.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "partnergraph_queue_length ") {
				return strings.TrimPrefix(line, "partnergraph_queue_length ")
			}
		}
		t.Fatal("/metrics has no partnergraph_queue_length")
		return ""
	}
	waitQueued := func(want string) {
		for deadline := time.Now().Add(5 * time.Second); queued() != want; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("queue length %s, want %s", queued(), want)
			}
		}
	}

	// A takes the slot; B waits alone past the timeout: 503.
	answers := make(chan answer, 8)
	go func() { answers <- post(t, srv.URL, q("A")) }()
	if got := <-g.entered; got != "A" {
		t.Fatalf("first in the store: %s", got)
	}
	b := post(t, srv.URL, q("B"))
	if b.status != http.StatusServiceUnavailable || errCode(b.body) != "EUNAVAILABLE" || b.header.Get("Retry-After") == "" {
		t.Errorf("a request that waited past the queue timeout: %d %v %v", b.status, b.body, b.header)
	}

	// C and D wait; E finds the queue full: 429 at once.
	go func() { answers <- post(t, srv.URL, q("C")) }()
	waitQueued("1")
	go func() { answers <- post(t, srv.URL, q("D")) }()
	waitQueued("2")
	start := time.Now()
	e := post(t, srv.URL, q("E"))
	if e.status != http.StatusTooManyRequests || errCode(e.body) != "EUNAVAILABLE" || e.header.Get("Retry-After") == "" || time.Since(start) > 250*time.Millisecond {
		t.Errorf("a request past a full queue: %d %v after %s", e.status, e.body, time.Since(start))
	}

	// Let A go: C, then D, in arrival order, each answered.
	g.release <- struct{}{}
	for _, want := range []string{"C", "D"} {
		if got := <-g.entered; got != want {
			t.Errorf("entered %s, want %s (arrival order)", got, want)
		}
		g.release <- struct{}{}
	}
	for range 3 {
		if a := <-answers; a.status != http.StatusOK || errCode(a.body) != "ENOTFOUND" {
			t.Errorf("an admitted request: %d %v", a.status, a.body)
		}
	}
	if queued() != "0" {
		t.Errorf("queue length %s after the queue drained", queued())
	}
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`partnergraph_queue_refused_total{reason="full"} 1`, `partnergraph_queue_refused_total{reason="timeout"} 1`, "partnergraph_queue_wait_seconds_count 3", "partnergraph_executing 0"} {
		if !strings.Contains(string(m), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// isWrite tells an authenticated mutation from a read by the start of its
// body, and puts the body back whole.
func TestIsWrite(t *testing.T) {
	key := partnergraph.WithPrincipal(context.Background(), &partnergraph.Principal{KeyID: "k"})
	for _, c := range []struct {
		body string
		key  bool
		want bool
	}{
		{`{"query": "mutation($n: String!) { deleteDocument(id: $n) { removedIds } }"}`, true, true},
		{`{"query":"mutation { deleteDocument(id: \"doc:x\") { removedIds } }"}`, false, false},
		{`{"variables": {"n": "x"}, "query": "\n  # why\n  mutation M { deleteDocument(id: \"doc:x\") { removedIds } }"}`, true, true},
		{`{"query": "{ projects(first: 1) { totalCount } }"}`, true, false},
		{`{"query": "query { mutation: projects(first: 1) { totalCount } }"}`, true, false},
		{`mutation { deleteDocument(id: "doc:x") { removedIds } }`, true, true},
	} {
		r := httptest.NewRequest("POST", "/graphql", strings.NewReader(c.body))
		if c.key {
			r = r.WithContext(key)
		}
		if got := isWrite(r); got != c.want {
			t.Errorf("isWrite(%s) = %v, want %v", c.body, got, c.want)
		}
		if b, _ := io.ReadAll(r.Body); string(b) != c.body {
			t.Errorf("the body was not put back: %q", b)
		}
	}
}
