package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/memstore"
)

// syncBuffer is a log sink the server and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// start runs the server as main does, on a free port, and returns its base
// URL and a function that stops it and returns run's error.
func start(t *testing.T, args []string, environ map[string]string) (string, *syncBuffer, func() error) {
	t.Helper()
	out := &syncBuffer{}
	cfg, err := parseConfig(append([]string{"server", "-addr", "localhost:0"}, args...), env(environ), out)
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	cfg.ready = func(addr string) { ready <- addr }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, out) }()
	select {
	case addr := <-ready:
		var once sync.Once
		var stopErr error
		stop := func() error {
			once.Do(func() {
				cancel()
				select {
				case stopErr = <-done:
				case <-time.After(15 * time.Second):
					stopErr = errors.New("server did not stop")
				}
			})
			return stopErr
		}
		t.Cleanup(func() { _ = stop() })
		return "http://" + addr, out, stop
	case err := <-done:
		cancel()
		t.Fatalf("server stopped: %v\n%s", err, out)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatalf("server did not start\n%s", out)
	}
	return "", nil, nil
}

// wantAsset fails unless url answers 200 with at least min bytes.
func wantAsset(t *testing.T, url string, min int64) {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || n < min {
		t.Errorf("asset %s: %d, %d bytes", url, r.StatusCode, n)
	}
}

func postQuery(t *testing.T, base, q string) map[string]any {
	t.Helper()
	_, out := gql(t, base, "", q, nil)
	return out
}

func TestServerEndToEnd(t *testing.T) {
	base, logs, stop := start(t, nil, nil)

	for path, want := range map[string]string{"/healthz": `"ok"`, "/readyz": `"ready"`} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("%s: %d %s", path, resp.StatusCode, b)
		}
	}

	out := postQuery(t, base, `{ project(code:"LT14-0004") { title partners{organisation{acronym country{code}} role} } }`)
	b, _ := json.Marshal(out)
	if !strings.Contains(string(b), `"acronym":"KRUS"`) || !strings.Contains(string(b), `"DONOR_PROJECT_PARTNER"`) {
		t.Errorf("POST answer: %s", b)
	}

	// GET works for queries.
	resp, err := http.Get(base + "/graphql?query=" + url.QueryEscape(`{ organisation(name:"ATV") { name } }`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "Alternative to Violence") {
		t.Errorf("GET answer: %s", b)
	}

	// Errors carry codes over HTTP too.
	out = postQuery(t, base, `{ node(id:"org:nobody") { id } }`)
	if code := out["errors"].([]any)[0].(map[string]any)["extensions"].(map[string]any)["code"]; code != "ENOTFOUND" {
		t.Errorf("unknown id: code %v", code)
	}

	// GraphiQL at /, with every script from this server; a first visit is
	// sent to an example query.
	resp, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if _, statErr := os.Stat("static/vendor/graphiql/graphiql.min.js"); statErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("GraphiQL assets missing in CI: make test runs make assets first")
		}
		t.Log("GraphiQL assets not built (make assets); not checking the page")
	} else {
		if resp.Request.URL.Query().Get("query") == "" {
			t.Errorf("/ did not open an example query: %s", resp.Request.URL)
		}
		if resp.StatusCode != 200 || !strings.Contains(string(page), "/assets/vendor/graphiql/graphiql.min.js") || strings.Contains(string(page), "https://") {
			t.Errorf("GraphiQL page (%d) does not load its scripts from this server:\n%s", resp.StatusCode, page)
		}
		for _, asset := range []string{graphiqlJS, graphiqlCSS, reactJS, reactDOMJS} {
			wantAsset(t, base+"/assets/"+asset, 1000)
		}
		// The explorer: its page, and every script it and its layout
		// worker load, from this server.
		resp, err := http.Get(base + "/explore")
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(page), "Partnergraph explorer") || strings.Contains(string(page), "https://") {
			t.Errorf("/explore (%d):\n%s", resp.StatusCode, page)
		}
		worker, _ := fs.ReadFile(staticFS(), "explorer/layout-worker.js")
		refs := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"|'(/assets/[^']+)'`).FindAllStringSubmatch(string(page)+string(worker), -1)
		if len(refs) < 7 {
			t.Errorf("the explorer loads only %d assets: %v", len(refs), refs)
		}
		for _, m := range refs {
			wantAsset(t, base+m[1]+m[2], 500)
		}
	}

	if err := stop(); err != nil {
		t.Errorf("graceful stop: %v", err)
	}
	if !strings.Contains(logs.String(), "stopped") {
		t.Errorf("no shutdown in the log:\n%s", logs)
	}
}

func TestCORS(t *testing.T) {
	base, _, _ := start(t, []string{"-cors-origins", "https://allowed.example"}, nil)
	for origin, allowed := range map[string]bool{"https://allowed.example": true, "https://evil.example": false} {
		req, _ := http.NewRequest(http.MethodOptions, base+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		got := resp.Header.Get("Access-Control-Allow-Origin")
		if allowed && got != origin || !allowed && got != "" {
			t.Errorf("origin %s: Access-Control-Allow-Origin %q", origin, got)
		}
	}
}

func TestDocsFlag(t *testing.T) {
	dir := t.TempDir()
	sheet := "Probation pilot\n\nProject facts\n\nProject promoter:\nTartu Prison\nProject Number:\nEE-JUSTICE-0099\n\nDescription\n\nTartu Prison ran anger management courses for 40 prisoners.\n"
	if err := os.WriteFile(filepath.Join(dir, "good.txt"), []byte(sheet), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.txt"), []byte{0, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	base, logs, _ := start(t, []string{"-docs", dir}, nil)
	out := postQuery(t, base, `{ projects { totalCount nodes { code promoter { name } } } }`)
	b, _ := json.Marshal(out)
	if !strings.Contains(string(b), `"totalCount":1`) || !strings.Contains(string(b), "EE-JUSTICE-0099") {
		t.Errorf("answer: %s", b)
	}
	if !strings.Contains(logs.String(), "broken.txt") || !strings.Contains(logs.String(), "binary data") {
		t.Errorf("the broken sheet is not reported with its name and reason:\n%s", logs)
	}
}

func TestRunErrors(t *testing.T) {
	ctx := context.Background()
	var out bytes.Buffer
	err := run(ctx, []string{"server", "-h"}, env(nil), &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
	for _, want := range []string{"-addr", "-docs", "-cors-origins", "-complexity-limit", "-shutdown-timeout", "-log-format", "-sample", "-request-timeout", "-neo4j-connect-timeout", "ingest DIR", "gen -projects", "-max-body", "-max-depth", "-max-aliases", "-max-tokens", "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "PARTNERGRAPH_ADDR", "PARTNERGRAPH_CORS_ORIGINS"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-h does not document %s", want)
		}
	}
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"server", "-docs", "/does/not/exist"}, nil, "no such file"},
		{[]string{"server", "-log-format", "xml"}, nil, "text or json"},
		{[]string{"server", "extra"}, nil, "unexpected argument"},
		{[]string{"server", "-addr", "localhost:0", "-neo4j-connect-timeout", "1s"}, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, "cannot reach Neo4j at bolt://127.0.0.1:1"},
		{[]string{"server", "ingest"}, nil, "one directory"},
		{[]string{"server", "ingest", "/does/not/exist"}, nil, "not a directory"},
		{[]string{"server", "ingest", "-neo4j-connect-timeout", "1s", "."}, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, "cannot reach Neo4j"},
	}
	for _, tt := range tests {
		err := run(ctx, tt.args, env(tt.env), io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run(%v): %v, want ...%s...", tt.args, err, tt.want)
		}
	}
}

func TestGenCommand(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"server", "gen", "-projects", "40", "-seed", "3", "-out", dir}, env(nil), &out); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) != 40 || !strings.Contains(out.String(), "wrote 40 sheets") {
		t.Errorf("%d files; %s", len(files), out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"server", "ingest", dir}, env(nil), &out); err != nil || !strings.Contains(out.String(), "rejected=0") {
		t.Errorf("the generated sheets do not all ingest: %v\n%s", err, out.String())
	}
	if err := run(context.Background(), []string{"server", "gen"}, env(nil), io.Discard); err == nil {
		t.Error("gen without -out did not fail")
	}
}

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	sheet := "Probation pilot\n\nProject facts\n\nProject promoter:\nTartu Prison\nProject Number:\nEE-JUSTICE-0099\n"
	for name, data := range map[string]string{"a.txt": sheet, "empty.txt": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"server", "ingest", dir}, env(nil), &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"only checks the sheets", "empty.txt", "empty document", "documents=2/2", "ingest done", "documents=1 rejected=1 projects=1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("ingest output lacks %q:\n%s", want, out.String())
		}
	}
}

// downStore is a store whose database is unreachable.
type downStore struct{ partnergraph.Store }

func (downStore) Ping(context.Context) error {
	return partnergraph.Errorf(partnergraph.EUNAVAILABLE, "The database is unavailable; try again shortly.")
}

func (downStore) ProjectByCode(context.Context, string) (*partnergraph.Project, error) {
	return nil, partnergraph.Errorf(partnergraph.EUNAVAILABLE, "The database is unavailable; try again shortly.")
}

func (d downStore) ProjectByCodeWithOrganisations(ctx context.Context, code string) (*partnergraph.Project, []*partnergraph.Organisation, error) {
	p, err := d.ProjectByCode(ctx, code)
	return p, nil, err
}

// slowStore never answers before its context ends.
type slowStore struct{ partnergraph.Store }

func (slowStore) ProjectByCode(ctx context.Context, _ string) (*partnergraph.Project, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func (s slowStore) ProjectByCodeWithOrganisations(ctx context.Context, code string) (*partnergraph.Project, []*partnergraph.Organisation, error) {
	p, err := s.ProjectByCode(ctx, code)
	return p, nil, err
}

func TestStoreOutage(t *testing.T) {
	cfg, err := parseConfig([]string{"server", "-request-timeout", "200ms"}, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for name, store := range map[string]partnergraph.Store{"down": downStore{memstore.New()}, "slow": slowStore{memstore.New()}} {
		srv := httptest.NewServer(newRouter(store, cfg))
		start := time.Now()
		out := postQuery(t, srv.URL, `{ project(code:"LT14-0004") { id } }`)
		code := out["errors"].([]any)[0].(map[string]any)["extensions"].(map[string]any)["code"]
		if code != "EUNAVAILABLE" || time.Since(start) > 5*time.Second {
			t.Errorf("%s store: code %v after %s, want EUNAVAILABLE within the request timeout", name, code, time.Since(start))
		}
		resp, err := http.Get(srv.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if name == "down" && resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("/readyz with the database down: %d", resp.StatusCode)
		}
		srv.Close()
	}
}

// TestHostileRequests sends requests meant to hurt and checks that each gets
// a clear error with a code, and that the server stays healthy.
func TestHostileRequests(t *testing.T) {
	base, _, _ := start(t, nil, nil)
	deep := `{ project(code:"LT14-0004") { promoter { projects { nodes { promoter { projects { nodes { promoter { projects { nodes { promoter { projects { nodes { promoter { id } } } } } } } } } } } } } } }`
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&aliases, " a%d: countries { code }", i)
	}
	aliases.WriteString(" }")
	listBomb := `{ projects(first: 100) { nodes { partners { organisation { projects(first: 100) { nodes { partners { organisation { projects(first: 100) { nodes { id } } } } } } } } } } }`
	tokens := "{ " + strings.Repeat("countries { code } ", 4000) + "}"
	tests := []struct {
		name, contentType string
		body              []byte
		codes             []string
	}{
		{"deep nesting", "application/json", jsonBody(deep), []string{"EDEPTH_LIMIT"}},
		{"alias bomb", "application/json", jsonBody(aliases.String()), []string{"EALIAS_LIMIT"}},
		{"lists of lists", "application/json", jsonBody(listBomb), []string{"COMPLEXITY_LIMIT_EXCEEDED"}},
		{"huge first", "application/json", jsonBody(`{ projects(first: 1000000) { nodes { id } } }`), []string{"COMPLEXITY_LIMIT_EXCEEDED", "EINVALID"}},
		{"too many tokens", "application/json", jsonBody(tokens), []string{"GRAPHQL_PARSE_FAILED"}},
		{"megabyte string", "application/json", jsonBody(`{ search(query: "` + strings.Repeat("x", 2<<20) + `") { label } }`), []string{"EREQUEST_TOO_LARGE"}},
		{"long search text", "application/json", jsonBody(`{ search(query: "` + strings.Repeat("x", 600) + `") { label } }`), []string{"EINVALID"}},
		{"invalid UTF-8", "application/json", []byte("{\"query\": \"{ search(query: \\\"\xff\xfe\\\") { label } }\"}"), []string{"EINVALID"}},
		{"not JSON", "application/json", []byte(`{"query": `), []string{"EINVALID"}},
		{"unknown id", "application/json", jsonBody(`{ node(id: "org:does-not-exist") { id } }`), []string{"ENOTFOUND"}},
		{"malformed id", "application/json", jsonBody(`{ network(seeds: ["'; DROP"]) { truncated } }`), []string{"EINVALID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(base+"/graphql", tt.contentType, bytes.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var out struct {
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			if err := json.Unmarshal(b, &out); err != nil || len(out.Errors) == 0 {
				t.Fatalf("status %d, no GraphQL error: %.300s", resp.StatusCode, b)
			}
			code, _ := out.Errors[0].Extensions["code"].(string)
			ok := false
			for _, c := range tt.codes {
				ok = ok || c == code
			}
			if !ok || out.Errors[0].Message == "" {
				t.Errorf("code %q (%s), want one of %v", code, out.Errors[0].Message, tt.codes)
			}
		})
	}
	// Wrong content type: refused, not served.
	resp, err := http.Post(base+"/graphql", "text/plain", strings.NewReader(`{ countries { code } }`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 400 {
		t.Errorf("text/plain body answered %d", resp.StatusCode)
	}
	// Still healthy, still answering.
	if resp, err := http.Get(base + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz after the attack: %v %v", resp, err)
	}
	out := postQuery(t, base, `{ project(code:"LT14-0004") { code } }`)
	if b, _ := json.Marshal(out); !strings.Contains(string(b), "LT14-0004") {
		t.Errorf("after the attack: %s", b)
	}
}

func jsonBody(q string) []byte {
	b, _ := json.Marshal(map[string]string{"query": q})
	return b
}

// TestSpecCompliantErrors: request errors are 200 for application/json and
// have no data entry for application/graphql-response+json.
func TestSpecCompliantErrors(t *testing.T) {
	base, _, _ := start(t, nil, nil)
	for accept, wantStatus := range map[string]int{"application/json": 200, "application/graphql-response+json": 400} {
		req, _ := http.NewRequest(http.MethodPost, base+"/graphql", strings.NewReader(`{"query":"{ nope }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", accept)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var out map[string]json.RawMessage
		json.Unmarshal(b, &out)
		if accept == "application/graphql-response+json" {
			if _, has := out["data"]; has || resp.StatusCode < 400 {
				t.Errorf("%s: status %d, body %s", accept, resp.StatusCode, b)
			}
			continue
		}
		if resp.StatusCode != wantStatus || out["errors"] == nil {
			t.Errorf("%s: status %d, body %s", accept, resp.StatusCode, b)
		}
	}
}

// TestLogsAndMetrics: a request is logged with its id, operation, duration
// and error codes, and counted in /metrics with the store calls it made.
func TestLogsAndMetrics(t *testing.T) {
	base, logs, _ := start(t, []string{"-log-format", "json"}, nil)
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", strings.NewReader(`{"query":"query Lookup { project(code:\"ZZ00-0000\") { id } }","operationName":"Lookup"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "test-123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("X-Request-Id") != "test-123" {
		t.Errorf("request id not echoed: %q", resp.Header.Get("X-Request-Id"))
	}
	// Log lines are written out together, every 100 ms at the latest.
	found := false
	for deadline := time.Now().Add(5 * time.Second); !found && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, line := range strings.Split(logs.String(), "\n") {
			var entry map[string]any
			if json.Unmarshal([]byte(line), &entry) != nil {
				continue
			}
			if entry["msg"] == "graphql" && entry["request_id"] == "test-123" && entry["operation"] == "Lookup" && fmt.Sprint(entry["codes"]) == "[ENOTFOUND]" && entry["duration"] != nil {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no JSON log line for the operation with its id, name, duration and codes:\n%s", logs)
	}
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`partnergraph_graphql_operation_seconds_count{operation="Lookup",outcome="ENOTFOUND"} 1`,
		`partnergraph_store_call_seconds_count{method="ProjectByCodeWithOrganisations",outcome="ENOTFOUND"} 1`,
		`partnergraph_http_requests_total{path="/graphql",status="200"} 1`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestRestartReadsSnapshot: with -data, a start writes the snapshot and the
// next start on the same sheets reads it and answers the same; -snapshot
// off reads every sheet.
func TestRestartReadsSnapshot(t *testing.T) {
	data := t.TempDir()
	query := `{ projects(first: 100) { totalCount nodes { id code } } }`
	base, logs, stop := start(t, []string{"-data", data}, nil)
	first := fmt.Sprint(postQuery(t, base, query))
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(logs.String(), "snapshot written"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no snapshot written:\n%s", logs)
		}
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(data, "graph.snapshot")); err != nil {
		t.Fatal(err)
	}
	base, logs, stop = start(t, []string{"-data", data}, nil)
	if !strings.Contains(logs.String(), "graph read from the snapshot") {
		t.Errorf("the restart did not read the snapshot:\n%s", logs)
	}
	if again := fmt.Sprint(postQuery(t, base, query)); again != first || !strings.Contains(first, "LT14-0004") {
		t.Errorf("from the snapshot:\n%s\nwant\n%s", again, first)
	}
	stop()
	_, logs, _ = start(t, []string{"-data", data, "-snapshot", "off"}, nil)
	if strings.Contains(logs.String(), "snapshot") {
		t.Errorf("-snapshot off still used a snapshot:\n%s", logs)
	}
}

// TestDecodedProjectsFlag: 0 turns the Neo4j store's decoded projects off,
// a count keeps that many, and the default is the store's.
func TestDecodedProjectsFlag(t *testing.T) {
	for args, want := range map[string]int{"": 20000, "0": -1, "500": 500} {
		argv := []string{"server"}
		if args != "" {
			argv = append(argv, "-neo4j-decoded-projects", args)
		}
		cfg, err := parseConfig(argv, func(string) string { return "" }, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if got := decodedProjects(cfg.neo4j.decodedProjects); got != want {
			t.Errorf("%q: %d, want %d", args, got, want)
		}
	}
}
