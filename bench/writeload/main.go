// Command writeload measures writes under load: one writer that ingests,
// replaces and deletes sheets through the API without pause while wrk
// drives a read query at 32 connections. It starts a read-only server on a
// generated corpus (the reference), then a writable one with -data and an
// API key: reads alone, reads during writes, the writes' latency, peak RSS,
// and the restart after the writes (which reads the snapshot the writes
// left). It prints a Markdown report; bench/load.sh runs it.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/partnergraph/partnergraph/bench/internal/benchkit"
	"github.com/partnergraph/partnergraph/gen"
	"github.com/partnergraph/partnergraph/ingest"
)

const key = "writeload-bench-key"

func main() {
	server := flag.String("server", "tmp/partnergraph", "the server binary")
	corpus := flag.String("corpus", "", "directory of sheets (made with `server gen`)")
	duration := flag.Duration("duration", 10*time.Second, "how long wrk drives each read query")
	conns := flag.Int("connections", 32, "wrk connections")
	out := flag.String("out", "", "append the Markdown report to this file as well")
	flag.Parse()
	if *corpus == "" {
		fmt.Fprintln(os.Stderr, "writeload: -corpus DIR is needed")
		os.Exit(2)
	}
	if err := run(*server, *corpus, *duration, *conns, *out); err != nil {
		fmt.Fprintln(os.Stderr, "writeload:", err)
		os.Exit(1)
	}
}

type query struct{ name, body string }

func run(serverBin, corpus string, duration time.Duration, conns int, outFile string) error {
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	dir, err := os.MkdirTemp("", "writeload")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	addr := benchkit.FreeAddr()
	base := "http://" + addr
	ready := benchkit.GetOK(base + "/readyz")
	args := []string{"-addr", addr, "-docs", corpus, "-log-format", "json", "-request-timeout", "60s", "-response-cache", "off"}

	// The reference: a server that takes no writes.
	ro, err := benchkit.Start(serverBin, append(args, "-snapshot", "off"), nil, ready, 15*time.Minute)
	if err != nil {
		return err
	}
	queries, err := readQueries(base)
	if err != nil {
		ro.Stop()
		return err
	}
	// Both servers are measured at rest: after a start the server writes
	// its snapshot and computes the network metrics (seconds at 100,000
	// sheets), which would otherwise fall inside some runs and not others.
	if err := ro.WaitIdle(10 * time.Minute); err != nil {
		ro.Stop()
		return err
	}
	var alone []benchkit.Result
	for _, q := range queries {
		r, err := benchkit.Wrk(dir, base+"/graphql", q.body, q.name, duration, conns, 2)
		if err != nil {
			ro.Stop()
			return err
		}
		alone = append(alone, r)
	}
	roRSS := benchkit.PeakRSS(ro.Cmd.Process.Pid)
	ro.Stop()

	// The writable server: -data (documents, ids and the snapshot) and a key.
	data := filepath.Join(dir, "data")
	env := append(os.Environ(), "PARTNERGRAPH_API_KEYS="+key)
	wargs := append(args, "-data", data)
	w, err := benchkit.Start(serverBin, wargs, env, ready, 15*time.Minute)
	if err != nil {
		return err
	}
	defer func() { w.Stop() }()
	// Writes wait until the resolver is built; the first one tells.
	pool := gen.Generate(400, 77)
	if _, err := write(base, "ingestDocument", map[string]any{"name": "writeload-0.txt", "text": pool[0].Text}); err != nil {
		return err
	}
	// (the snapshot after that write and the metrics it asks for)
	if err := w.WaitIdle(10 * time.Minute); err != nil {
		return err
	}
	var quiet []benchkit.Result
	for _, q := range queries {
		r, err := benchkit.Wrk(dir, base+"/graphql", q.body, q.name, duration, conns, 2)
		if err != nil {
			return err
		}
		quiet = append(quiet, r)
	}
	// Reads during writes: one writer without pause.
	stop := make(chan struct{})
	var mu sync.Mutex
	var lat []time.Duration
	var werr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		written := []string{"writeload-0.txt"}
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			op, vars := "ingestDocument", map[string]any{"name": fmt.Sprintf("writeload-%d.txt", i), "text": pool[i%len(pool)].Text}
			switch {
			case i%5 == 0 && len(written) > 1: // a delete
				op, vars = "deleteDocument", map[string]any{"id": ingest.DocumentID(written[0])}
				written = written[1:]
			case i%3 == 0: // a replacement
				vars["name"] = written[len(written)-1]
			default:
				written = append(written, vars["name"].(string))
			}
			d, err := write(base, op, vars)
			mu.Lock()
			if err != nil && werr == nil {
				werr = err
			}
			lat = append(lat, d)
			mu.Unlock()
		}
	}()
	var mixed []benchkit.Result
	start := time.Now()
	for _, q := range queries {
		r, err := benchkit.Wrk(dir, base+"/graphql", q.body, q.name, duration, conns, 2)
		if err != nil {
			close(stop)
			return err
		}
		mixed = append(mixed, r)
	}
	close(stop)
	wg.Wait()
	writing := time.Since(start)
	if werr != nil {
		return werr
	}
	wRSS := benchkit.PeakRSS(w.Cmd.Process.Pid)
	// The restart: the server is stopped (it writes the snapshot due) and
	// started again on the same directory.
	w.Stop()
	firstLog := w.Log
	w, err = benchkit.Start(serverBin, wargs, env, ready, 15*time.Minute)
	if err != nil {
		return err
	}
	fromSnapshot := false
	if b, _ := os.ReadFile(w.Log); bytes.Contains(b, []byte(`"msg":"graph read from the snapshot"`)) {
		fromSnapshot = true
	} else {
		// Why not: what both servers' logs say of the snapshot and of the
		// shutdown.
		for _, log := range []string{firstLog, w.Log} {
			b, _ := os.ReadFile(log)
			for line := range strings.Lines(string(b)) {
				if strings.Contains(line, "snapshot") || strings.Contains(line, "shutting down") || strings.Contains(line, "background work") {
					fmt.Fprint(os.Stderr, "writeload: ", line)
				}
			}
		}
	}

	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	verdict := benchkit.Verdict
	var md strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&md, "### Writes under load: %d sheets (%s)\n\n", len(files), filepath.Base(corpus))
	fmt.Fprintf(&md, "Machine: %s, %d cores; wrk 2 threads, %d connections, %s a query; one writer without pause (ingest new sheets, replace, delete: 3:1:1), through the API with -data (each write synced to disk).\n\n", host, runtime.NumCPU(), conns, duration)
	md.WriteString("| read query | p50 / p99, read-only server | p50 / p99, writable, no writes | p50 / p99, during writes | p99 during writes / read-only | requests/s during writes |\n|---|---:|---:|---:|---:|---:|\n")
	worst := 0.0
	for i := range queries {
		ratio := float64(mixed[i].P99) / float64(alone[i].P99)
		worst = max(worst, ratio)
		fmt.Fprintf(&md, "| %s | %s / %s | %s / %s | %s / %s | %.2f | %.0f |\n", queries[i].name, benchkit.FmtDur(alone[i].P50), benchkit.FmtDur(alone[i].P99),
			benchkit.FmtDur(quiet[i].P50), benchkit.FmtDur(quiet[i].P99), benchkit.FmtDur(mixed[i].P50), benchkit.FmtDur(mixed[i].P99), ratio, mixed[i].RPS)
	}
	fmt.Fprintf(&md, "\nWrites: %d in %s (%.0f/s), p50 %s, p99 %s, max %s.\n", len(lat), writing.Round(time.Second), float64(len(lat))/writing.Seconds(),
		benchkit.FmtDur(pct(0.5)), benchkit.FmtDur(pct(0.99)), benchkit.FmtDur(lat[len(lat)-1]))
	fmt.Fprintf(&md, "Peak RSS: read-only server %s, writable server after the writes %s (%.2f×).\n", benchkit.FmtRSS(roRSS), benchkit.FmtRSS(wRSS), float64(wRSS)/float64(roRSS))
	fmt.Fprintf(&md, "Restart after the writes: %s to ready, from the snapshot: %v.\n\n", w.Startup.Round(100*time.Millisecond), fromSnapshot)
	fmt.Fprintf(&md, "- a write p50 under 50 ms: %s, %s; p99 under 250 ms: %s, %s\n", benchkit.FmtDur(pct(0.5)), verdict(pct(0.5) < 50*time.Millisecond), benchkit.FmtDur(pct(0.99)), verdict(pct(0.99) < 250*time.Millisecond))
	fmt.Fprintf(&md, "- read p99 during writes within 2× of the read-only run: worst %.2f×, %s\n", worst, verdict(worst <= 2))
	fmt.Fprintf(&md, "- restart after writes under 10 s: %s, %s\n", w.Startup.Round(100*time.Millisecond), verdict(w.Startup < 10*time.Second && fromSnapshot))
	fmt.Fprintf(&md, "- peak RSS with writes under 1.25× read-only: %.2f×, %s\n\n", float64(wRSS)/float64(roRSS), verdict(float64(wRSS) < 1.25*float64(roRSS)))
	fmt.Print(md.String())
	if outFile != "" {
		f, err := os.OpenFile(outFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		f.WriteString(md.String())
	}
	return nil
}

// readQueries are the read queries driven: a project by code, and the
// nested three levels.
func readQueries(base string) ([]query, error) {
	b, err := benchkit.Post(base+"/graphql", `{ projects(filter: {codeStartsWith: "LT"}, first: 1) { nodes { code } } }`, nil)
	if err != nil {
		return nil, err
	}
	var probe struct {
		Data struct {
			Projects struct{ Nodes []struct{ Code string } }
		}
	}
	if err := json.Unmarshal(b, &probe); err != nil || len(probe.Data.Projects.Nodes) == 0 {
		return nil, fmt.Errorf("probe: %v: %s", err, b)
	}
	var out []query
	for _, q := range []struct{ name, q string }{
		{"project by code", fmt.Sprintf(`{ project(code: %q) { id code title status promoter { name } funding { grant } } }`, probe.Data.Projects.Nodes[0].Code)},
		{"nested three levels (first: 50)", `{ projects(first: 50) { nodes { partners { organisation { projects { nodes { targetGroups { name } } } } } } } }`},
	} {
		body, _ := json.Marshal(map[string]string{"query": q.q})
		out = append(out, query{q.name, string(body)})
	}
	return out, nil
}

// write posts one mutation with the key and returns how long it took.
func write(base, op string, vars map[string]any) (time.Duration, error) {
	q := `mutation($name: String!, $text: String!) { ingestDocument(name: $name, text: $text) { created changedIds removedIds } }`
	if op == "deleteDocument" {
		q = `mutation($id: ID!) { deleteDocument(id: $id) { removedIds } }`
	}
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest("POST", base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var res struct {
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return 0, fmt.Errorf("%s: %v", op, err)
	}
	took := time.Since(start)
	if len(res.Errors) > 0 {
		return 0, fmt.Errorf("%s %v: %s", op, vars["name"], res.Errors[0].Message)
	}
	return took, nil
}
