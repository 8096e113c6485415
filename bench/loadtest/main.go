// Command loadtest measures the Partnergraph server under load with wrk:
// it starts the server on a generated corpus twice (reading every sheet,
// then from the snapshot the first start wrote), a bare net/http handler
// that answers a fixed JSON body of the same size (the machine's own
// limit), and drives each canonical GraphQL query with fixed POST bodies
// over keep-alive connections, at many connections and then at one. It
// prints a Markdown table: requests/s, p50 and p99 latency, the ratio to
// the bare handler, latency at one connection, start-up times and peak
// RSS, and each target met or missed. bench/load.sh runs it; see the README.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/partnergraph/partnergraph/bench/internal/benchkit"
)

type result = benchkit.Result

var (
	cpuTime  = benchkit.CPUTime
	peakRSS  = benchkit.PeakRSS
	fmtRSS   = benchkit.FmtRSS
	fmtDur   = benchkit.FmtDur
	freeAddr = benchkit.FreeAddr
	wrk      = benchkit.Wrk
)

func post(base, query string) ([]byte, error) { return benchkit.Post(base+"/graphql", query, nil) }

// startServer starts the server on the corpus with a snapshot file and
// waits until it is ready. Its response cache is off unless cached: the
// load repeats each query, and the numbers are those of executing it.
func startServer(serverBin, corpus, snapshot, addr string, cached bool) (*benchkit.Process, error) {
	args := []string{"-addr", addr, "-docs", corpus, "-snapshot", snapshot, "-log-format", "json", "-request-timeout", "60s"}
	if dataDir != "" {
		// A data directory of imports, with the bundled sample, and the
		// snapshot the import wrote.
		args = []string{"-addr", addr, "-data", dataDir, "-log-format", "json", "-request-timeout", "60s"}
	}
	if !cached {
		args = append(args, "-response-cache", "off")
	}
	p, err := benchkit.Start(serverBin, args, nil, benchkit.GetOK("http://"+addr+"/readyz"), 15*time.Minute)
	if err != nil {
		return nil, err
	}
	// The network metrics are computed in the background after a start (a
	// minute at 100,000 sheets; until then an organisation's metrics are
	// null): the load waits for them, so that it measures a server at rest,
	// not one still computing.
	deadline := time.Now().Add(10 * time.Minute)
	for {
		body, err := post("http://"+addr, `{ organisations(first: 1, orderBy: {field: DEGREE, direction: DESC}) { nodes { metrics { degree } } } }`)
		if err == nil && bytes.Contains(body, []byte(`"degree"`)) {
			return p, nil
		}
		if time.Now().After(deadline) {
			p.Stop()
			if err == nil {
				err = fmt.Errorf("%.300s", body)
			}
			return nil, fmt.Errorf("the network metrics are not there 10 minutes after the start: %w", err)
		}
		time.Sleep(time.Second)
	}
}

// dataDir, when set (-data), is what the server serves instead of a corpus.
var dataDir string

func main() {
	server := flag.String("server", "tmp/partnergraph", "the server binary")
	corpus := flag.String("corpus", "", "directory of sheets (made with `server gen`)")
	flag.StringVar(&dataDir, "data", "", "serve this data directory (made with `server import`, its snapshot written) instead of a corpus: one start, from its snapshot")
	duration := flag.Duration("duration", 10*time.Second, "how long wrk drives each query")
	conns := flag.Int("connections", 32, "wrk connections")
	threads := flag.Int("threads", 2, "wrk threads")
	out := flag.String("out", "", "append the Markdown report to this file as well")
	neo4jPID := flag.Int("neo4j-pid", 0, "the Neo4j process, for its CPU time per request")
	neo4jWarmup := flag.Duration("neo4j-warmup", 10*time.Second, "on Neo4j, how long wrk drives each query once, unmeasured, before any is measured: the JIT of a fresh Neo4j compiles its read path over the first tens of seconds")
	neo4jURI := flag.String("neo4j", "", "also run on this Neo4j (NEO4J_PASSWORD from the environment; its database is wiped): `server ingest` rate and every query")
	flag.Parse()
	if *corpus == "" && dataDir != "" {
		*corpus = dataDir
	}
	if *corpus == "" {
		fmt.Fprintln(os.Stderr, "loadtest: -corpus DIR is needed")
		os.Exit(2)
	}
	if err := run(*server, *corpus, *duration, *conns, *threads, *out, *neo4jURI, *neo4jPID, *neo4jWarmup); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(serverBin, corpus string, duration time.Duration, conns, threads int, outFile, neo4jURI string, neo4jPID int, neo4jWarmup time.Duration) error {
	files, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	dir, err := os.MkdirTemp("", "loadtest")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	snapshot := filepath.Join(dir, "graph.snapshot")
	addr := freeAddr()
	base := "http://" + addr

	// A first start reads every sheet and writes the snapshot; the run is
	// on a second start, from the snapshot. A data directory has its
	// snapshot already.
	cold := &benchkit.Process{}
	var coldRSS int
	if dataDir == "" {
		cold, err = startServer(serverBin, corpus, snapshot, addr, false)
		if err != nil {
			return err
		}
		if err := cold.WaitLog("snapshot written", 10*time.Minute); err != nil {
			cold.Stop()
			return err
		}
		coldRSS = peakRSS(cold.Cmd.Process.Pid)
		cold.Stop()
	}
	warm, err := startServer(serverBin, corpus, snapshot, addr, false)
	if err != nil {
		return err
	}
	defer warm.Stop()
	if b, _ := os.ReadFile(warm.Log); !bytes.Contains(b, []byte(`"msg":"graph read from the snapshot"`)) {
		return fmt.Errorf("the second start did not read the snapshot; its log is %s", warm.Log)
	}

	// Ids for the canonical queries, asked of the server itself.
	var probe struct {
		Data struct {
			Projects struct{ Nodes []struct{ ID, Code string } }
			Orgs     struct {
				Nodes []struct{ ID string }
			}
		}
	}
	b, err := post(base, `{ projects(filter: {codeStartsWith: "LT"}, first: 1) { nodes { id code } } orgs: organisations(orderBy: {field: DEGREE, direction: DESC}, first: 40) { nodes { id } } }`)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &probe); err != nil || len(probe.Data.Projects.Nodes) == 0 || len(probe.Data.Orgs.Nodes) < 40 {
		return fmt.Errorf("probe: %v: %s", err, b)
	}
	project, orgs := probe.Data.Projects.Nodes[0], probe.Data.Orgs.Nodes
	queries := []query{
		{"project by code", fmt.Sprintf(`{ project(code: %q) { id code title status promoter { name } funding { grant } } }`, project.Code)},
		{"filtered projects page (first: 50)", `{ projects(filter: {country: "CZ", funder: "Norway Grants"}, first: 50) { nodes { id code title funding { grant } } } }`},
		{"nested three levels (first: 50)", `{ projects(first: 50) { nodes { partners { organisation { projects { nodes { targetGroups { name } } } } } } } }`},
		{"network depth 2 around a hub", `{ network(seeds: ["org:krus"], depth: 2, limit: 300) { truncated nodes { id kind label } edges { id source target kind } } }`},
		{"paths between two organisations", fmt.Sprintf(`{ paths(from: %q, to: %q) { length nodes { id } } }`, orgs[10].ID, orgs[39].ID)},
		{"search", `{ search(query: "anger management for prison staff", first: 10) { label score snippet } }`},
		{"similarProjects (10 results)", fmt.Sprintf(`{ similarProjects(project: %q, first: 10) { project { id } score reasons { explanation } } }`, project.ID)},
	}

	// The machine's limit: a bare handler with a body as large as the
	// project-by-code answer.
	sample, err := post(base, queries[0].query)
	if err != nil {
		return err
	}
	bareAddr := freeAddr()
	bare := &http.Server{Addr: bareAddr, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(sample)
	})}
	// Listening before wrk starts: a goroutine's ListenAndServe may not
	// have bound the port yet on a busy machine.
	bareLn, err := net.Listen("tcp", bareAddr)
	if err != nil {
		return err
	}
	go bare.Serve(bareLn)
	defer bare.Shutdown(context.Background())

	var results []result
	r, err := wrk(dir, "http://"+bareAddr+"/", `{"query":"{ bare }"}`, "bare net/http, fixed JSON body", duration, conns, threads)
	if err != nil {
		return err
	}
	r.BodyBytes = len(sample)
	results = append(results, r)
	measured, err := measure(dir, base, queries, duration, conns, threads, warm.Cmd.Process.Pid, 0)
	if err != nil {
		return err
	}
	results = append(results, measured...)
	rss := peakRSS(warm.Cmd.Process.Pid)

	var md strings.Builder
	host, _ := os.Hostname()
	limit := ""
	if v := os.Getenv("GOMEMLIMIT"); v != "" {
		limit = ", GOMEMLIMIT=" + v
	}
	if dataDir != "" {
		fmt.Fprintf(&md, "### The data directory %s (imports, with the bundled sample%s)\n\n", filepath.Base(dataDir), limit)
	} else {
		fmt.Fprintf(&md, "### %d sheets (%s%s)\n\n", len(files), filepath.Base(corpus), limit)
	}
	fmt.Fprintf(&md, "Machine: %s, %d cores, %s; wrk %d threads, %d connections, %s a query, load generator on the same machine.\n", host, runtime.NumCPU(), runtime.GOOS+"/"+runtime.GOARCH, threads, conns, duration)
	if dataDir != "" {
		fmt.Fprintf(&md, "Start-up from the data directory's snapshot (the run's server): %s, peak RSS after the run %s.\n\n", warm.Startup.Round(100*time.Millisecond), fmtRSS(rss))
	} else {
		fmt.Fprintf(&md, "Start-up reading every sheet: %s, peak RSS %s. Start-up from the snapshot (the run's server): %s, peak RSS after the run %s.\n\n",
			cold.Startup.Round(100*time.Millisecond), fmtRSS(coldRSS), warm.Startup.Round(100*time.Millisecond), fmtRSS(rss))
	}
	md.WriteString("| query | requests/s | p50 | p99 | of bare | p50, 1 connection | p99, 1 connection | answer bytes | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range results {
		ratio := r.RPS / results[0].RPS
		one50, one99 := "", ""
		if r.P50One > 0 {
			one50, one99 = fmtDur(r.P50One), fmtDur(r.P99One)
		}
		fmt.Fprintf(&md, "| %s | %.0f | %s | %s | %.0f%% | %s | %s | %d | %s |\n", r.Name, r.RPS, fmtDur(r.P50), fmtDur(r.P99), ratio*100, one50, one99, r.BodyBytes, r.Errors)
	}
	md.WriteString("\nAgainst the targets (100,000 sheets is where they apply):\n\n")
	find := func(name string) result {
		for _, r := range results {
			if strings.HasPrefix(r.Name, name) {
				return r
			}
		}
		return result{}
	}
	verdict := benchkit.Verdict
	code, nested, network, search, similar := find("project by code"), find("nested"), find("network"), find("search"), find("similarProjects")
	fmt.Fprintf(&md, "- project by code at least 50%% of bare: %.0f%%, %s\n", 100*code.RPS/results[0].RPS, verdict(code.RPS >= results[0].RPS/2))
	fmt.Fprintf(&md, "- nested three levels p99 under 20 ms at %d connections: %s, %s\n", conns, fmtDur(nested.P99), verdict(nested.P99 < 20*time.Millisecond))
	fmt.Fprintf(&md, "- network depth 2 around a hub p99 under 20 ms at %d connections: %s, %s\n", conns, fmtDur(network.P99), verdict(network.P99 < 20*time.Millisecond))
	fmt.Fprintf(&md, "- search p50 under 5 ms: %s at 1 connection, %s; %s at %d\n", fmtDur(search.P50One), verdict(search.P50One < 5*time.Millisecond), fmtDur(search.P50), conns)
	fmt.Fprintf(&md, "- similarProjects p50 under 10 ms: %s at 1 connection, %s; %s at %d\n", fmtDur(similar.P50One), verdict(similar.P50One < 10*time.Millisecond), fmtDur(similar.P50), conns)
	if dataDir != "" {
		fmt.Fprintf(&md, "- start-up from the data under 15 s (open data at programme scale): %s, %s\n", warm.Startup.Round(100*time.Millisecond), verdict(warm.Startup < 15*time.Second))
		fmt.Fprintf(&md, "- resident under 4 GiB: %s after the run, %s\n", fmtRSS(rss), verdict(rss < 4<<20))
	} else {
		fmt.Fprintf(&md, "- start-up under 10 s: %s from the snapshot, %s; %s reading every sheet, %s\n", warm.Startup.Round(100*time.Millisecond), verdict(warm.Startup < 10*time.Second), cold.Startup.Round(100*time.Millisecond), verdict(cold.Startup < 10*time.Second))
		fmt.Fprintf(&md, "- peak RSS under 1.5 GiB: %s after the run on the snapshot start, %s; %s for the start reading every sheet, %s\n", fmtRSS(rss), verdict(rss < 1536<<10), fmtRSS(coldRSS), verdict(coldRSS < 1536<<10))
	}
	md.WriteString("\n")
	warm.Stop()
	if err := measureCached(&md, serverBin, corpus, snapshot, dir, queries, results[0], duration, conns, threads); err != nil {
		return err
	}
	if neo4jURI != "" {
		if err := runNeo4j(&md, serverBin, corpus, dir, neo4jURI, neo4jPID, len(files), queries, results[1:], duration, neo4jWarmup, conns, threads); err != nil {
			return err
		}
	}
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

type query struct{ name, query string }

// measureCached starts the server again with its response cache on and
// drives each query: every request after the first is answered from the
// cache. Reported apart from the numbers above, which execute every request.
func measureCached(md *strings.Builder, serverBin, corpus, snapshot, dir string, queries []query, bare result, duration time.Duration, conns, threads int) error {
	addr := freeAddr()
	srv, err := startServer(serverBin, corpus, snapshot, addr, true)
	if err != nil {
		return err
	}
	defer srv.Stop()
	measured, err := measure(dir, "http://"+addr, queries, duration, conns, threads, srv.Cmd.Process.Pid, 0)
	if err != nil {
		return err
	}
	// A bare handler for each answer, with a body as large as it: a
	// network of 60 KB costs the machine more to send than 238 bytes.
	bodies := map[string][]byte{}
	for i, q := range queries {
		b, err := post("http://"+addr, q.query)
		if err != nil {
			return err
		}
		bodies[fmt.Sprintf("/%d", i)] = b
	}
	bareAddr := freeAddr()
	sized := &http.Server{Addr: bareAddr, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(bodies[r.URL.Path])
	})}
	sizedLn, err := net.Listen("tcp", bareAddr)
	if err != nil {
		return err
	}
	go sized.Serve(sizedLn)
	defer sized.Shutdown(context.Background())
	md.WriteString("Answered from the response cache (`-response-cache 64MiB`, the default; each query repeated, so every request after the first is a hit), beside a bare net/http handler that sends a body of the same size:\n\n")
	md.WriteString("| query | requests/s | p50 | p99 | bare, same body | of bare | server CPU a request |\n|---|---:|---:|---:|---:|---:|---:|\n")
	worst := 1.0
	for i, r := range measured {
		b, err := wrk(dir, fmt.Sprintf("http://%s/%d", bareAddr, i), `{"query":"{ bare }"}`, "bare", duration, conns, threads)
		if err != nil {
			return err
		}
		ratio := r.RPS / b.RPS
		worst = min(worst, ratio)
		fmt.Fprintf(md, "| %s | %.0f | %s | %s | %.0f | %.0f%% | %.3f ms |\n", r.Name, r.RPS, fmtDur(r.P50), fmtDur(r.P99), b.RPS, ratio*100, r.CPUServer)
	}
	fmt.Fprintf(md, "\n- any read repeated from the cache at least 50%% of bare: the lowest is %.0f%%, %s (the fixed 238-byte bare handler above served %.0f requests/s)\n\n", worst*100, benchkit.Verdict(worst >= 0.5), bare.RPS)
	return nil
}

// measure drives each query with wrk, at conns connections and at one.
func measure(dir, base string, queries []query, duration time.Duration, conns, threads, serverPID, dbPID int) ([]result, error) {
	var results []result
	for _, q := range queries {
		check, err := post(base, q.query)
		if err != nil || bytes.Contains(check, []byte(`"errors"`)) {
			return nil, fmt.Errorf("%s answers with an error: %v %s", q.name, err, check)
		}
		body, _ := json.Marshal(map[string]string{"query": q.query})
		// A warm-up run first, not measured: caches, the JIT of a database
		// and connection pools settle before the numbers are taken.
		if _, err := wrk(dir, base+"/graphql", string(body), q.name, 2*time.Second, conns, threads); err != nil {
			return nil, err
		}
		cs, cd := cpuTime(serverPID), cpuTime(dbPID)
		r, err := wrk(dir, base+"/graphql", string(body), q.name, duration, conns, threads)
		if err != nil {
			return nil, err
		}
		if n := r.RPS * duration.Seconds(); n > 0 {
			r.CPUServer = float64((cpuTime(serverPID) - cs).Milliseconds()) / n
			r.CPUDB = float64((cpuTime(dbPID) - cd).Milliseconds()) / n
		}
		one, err := wrk(dir, base+"/graphql", string(body), q.name, duration/2, 1, 1)
		if err != nil {
			return nil, err
		}
		r.P50One, r.P99One = one.P50, one.P99
		r.BodyBytes = len(check)
		results = append(results, r)
	}
	return results, nil
}

// runNeo4j writes the corpus into Neo4j with `server ingest` (the caller
// gives an empty database), serves from it and drives the same queries.
func runNeo4j(md *strings.Builder, serverBin, corpus, dir, uri string, dbPID, sheets int, queries []query, embedded []result, duration, warmup time.Duration, conns, threads int) error {
	env := append(os.Environ(), "NEO4J_URI="+uri)
	ingest := exec.Command(serverBin, "ingest", "-log-format", "json", corpus)
	ingest.Env = env
	start := time.Now()
	out, err := ingest.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		return fmt.Errorf("server ingest into Neo4j: %v\n%s", err, out)
	}
	addr := freeAddr()
	srv, err := benchkit.Start(serverBin, []string{"-addr", addr, "-log-format", "json", "-request-timeout", "60s", "-response-cache", "off"}, env, benchkit.GetOK("http://"+addr+"/readyz"), 5*time.Minute)
	if err != nil {
		return fmt.Errorf("the server on Neo4j: %w", err)
	}
	defer srv.Stop()
	base := "http://" + addr
	// A fresh Neo4j runs in a JVM that compiles its read path over the
	// first tens of seconds (a project by code went from 743 to 1,439
	// requests/s over its first 30 s): every query is driven once before
	// any is measured, as a database that has run a while would be.
	for _, q := range queries {
		body, _ := json.Marshal(map[string]string{"query": q.query})
		if _, err := wrk(dir, base+"/graphql", string(body), q.name, warmup, conns, threads); err != nil {
			return err
		}
	}
	results, err := measure(dir, base, queries, duration, conns, threads, srv.Cmd.Process.Pid, dbPID)
	if err != nil {
		return err
	}
	fmt.Fprintf(md, "#### The same %d sheets on Neo4j (%s)\n\n", sheets, uri)
	fmt.Fprintf(md, "Every query was driven for %s, unmeasured, before the first was measured (the JIT of a fresh Neo4j).\n", warmup)
	fmt.Fprintf(md, "`server ingest` wrote them in %s: %.0f sheets/s (target 1,000: %s).\n\n", took.Round(100*time.Millisecond),
		float64(sheets)/took.Seconds(), map[bool]string{true: "met", false: "**missed**"}[float64(sheets)/took.Seconds() >= 1000])
	md.WriteString("| query | requests/s | p50 | p99 | of the embedded store | p50, 1 connection | p99, 1 connection | CPU ms a request: server / Neo4j (embedded server) | answer bytes | errors |\n|---|---:|---:|---:|---:|---:|---:|---|---:|---|\n")
	for i, r := range results {
		fmt.Fprintf(md, "| %s | %.0f | %s | %s | %.0f%% | %s | %s | %.2f / %.2f (%.2f) | %d | %s |\n", r.Name, r.RPS, fmtDur(r.P50), fmtDur(r.P99), 100*r.RPS/embedded[i].RPS,
			fmtDur(r.P50One), fmtDur(r.P99One), r.CPUServer, r.CPUDB, embedded[i].CPUServer, r.BodyBytes, r.Errors)
	}
	verdict := benchkit.Verdict
	fmt.Fprintf(md, "\n- project by code at least 30%% of the embedded store's rate: %.0f%%, %s\n", 100*results[0].RPS/embedded[0].RPS, verdict(results[0].RPS >= 0.3*embedded[0].RPS))
	fmt.Fprintf(md, "- nested three levels at least 25%% of the embedded store's rate: %.0f%%, %s\n\n", 100*results[2].RPS/embedded[2].RPS, verdict(results[2].RPS >= 0.25*embedded[2].RPS))
	return nil
}
