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
	"bufio"
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
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

type result struct {
	name      string
	rps       float64
	p50, p99  time.Duration
	errors    string
	bodyBytes int
	// one connection: latency without queueing
	p50one, p99one time.Duration
	// CPU milliseconds a request at many connections, of the server and of
	// the database process (0 when there is none)
	cpuServer, cpuDB float64
}

// cpuTime reads a process's user+system CPU time from /proc; 0 when unknown.
func cpuTime(pid int) time.Duration {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

func main() {
	server := flag.String("server", "tmp/partnergraph", "the server binary")
	corpus := flag.String("corpus", "", "directory of sheets (made with `server gen`)")
	duration := flag.Duration("duration", 10*time.Second, "how long wrk drives each query")
	conns := flag.Int("connections", 32, "wrk connections")
	threads := flag.Int("threads", 2, "wrk threads")
	out := flag.String("out", "", "append the Markdown report to this file as well")
	neo4jPID := flag.Int("neo4j-pid", 0, "the Neo4j process, for its CPU time per request")
	neo4jURI := flag.String("neo4j", "", "also run on this Neo4j (NEO4J_PASSWORD from the environment; its database is wiped): `server ingest` rate and every query")
	flag.Parse()
	if *corpus == "" {
		fmt.Fprintln(os.Stderr, "loadtest: -corpus DIR is needed")
		os.Exit(2)
	}
	if err := run(*server, *corpus, *duration, *conns, *threads, *out, *neo4jURI, *neo4jPID); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func post(base, query string) ([]byte, error) {
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// server is a running server under test.
type server struct {
	cmd     *exec.Cmd
	log     string
	startup time.Duration
}

// startServer starts the server on the corpus with a snapshot file and
// waits until it is ready.
func startServer(serverBin, corpus, snapshot, addr string) (*server, error) {
	cmd := exec.Command(serverBin, "-addr", addr, "-docs", corpus, "-snapshot", snapshot, "-log-format", "json", "-request-timeout", "60s")
	logFile, err := os.CreateTemp("", "loadtest-server-*.log")
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	for time.Since(start) < 15*time.Minute {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return &server{cmd: cmd, log: logFile.Name(), startup: time.Since(start)}, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	cmd.Process.Kill()
	return nil, fmt.Errorf("the server did not become ready; its log is %s", logFile.Name())
}

// waitLog waits until the server's log has the message.
func (s *server) waitLog(msg string, timeout time.Duration) error {
	for start := time.Now(); time.Since(start) < timeout; time.Sleep(200 * time.Millisecond) {
		if b, _ := os.ReadFile(s.log); bytes.Contains(b, []byte(`"msg":"`+msg+`"`)) {
			return nil
		}
	}
	return fmt.Errorf("no %q in the server's log %s", msg, s.log)
}

func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
	}
}

func run(serverBin, corpus string, duration time.Duration, conns, threads int, outFile, neo4jURI string, neo4jPID int) error {
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
	// on a second start, from the snapshot.
	cold, err := startServer(serverBin, corpus, snapshot, addr)
	if err != nil {
		return err
	}
	if err := cold.waitLog("snapshot written", 10*time.Minute); err != nil {
		cold.stop()
		return err
	}
	coldRSS := peakRSS(cold.cmd.Process.Pid)
	cold.stop()
	warm, err := startServer(serverBin, corpus, snapshot, addr)
	if err != nil {
		return err
	}
	defer warm.stop()
	if b, _ := os.ReadFile(warm.log); !bytes.Contains(b, []byte(`"msg":"graph read from the snapshot"`)) {
		return fmt.Errorf("the second start did not read the snapshot; its log is %s", warm.log)
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
	go bare.ListenAndServe()
	defer bare.Shutdown(context.Background())

	var results []result
	r, err := wrk(dir, "http://"+bareAddr+"/", `{"query":"{ bare }"}`, "bare net/http, fixed JSON body", duration, conns, threads)
	if err != nil {
		return err
	}
	r.bodyBytes = len(sample)
	results = append(results, r)
	measured, err := measure(dir, base, queries, duration, conns, threads, warm.cmd.Process.Pid, 0)
	if err != nil {
		return err
	}
	results = append(results, measured...)
	rss := peakRSS(warm.cmd.Process.Pid)

	var md strings.Builder
	host, _ := os.Hostname()
	limit := ""
	if v := os.Getenv("GOMEMLIMIT"); v != "" {
		limit = ", GOMEMLIMIT=" + v
	}
	fmt.Fprintf(&md, "### %d sheets (%s%s)\n\n", len(files), filepath.Base(corpus), limit)
	fmt.Fprintf(&md, "Machine: %s, %d cores, %s; wrk %d threads, %d connections, %s a query, load generator on the same machine.\n", host, runtime.NumCPU(), runtime.GOOS+"/"+runtime.GOARCH, threads, conns, duration)
	fmt.Fprintf(&md, "Start-up reading every sheet: %s, peak RSS %s. Start-up from the snapshot (the run's server): %s, peak RSS after the run %s.\n\n",
		cold.startup.Round(100*time.Millisecond), fmtRSS(coldRSS), warm.startup.Round(100*time.Millisecond), fmtRSS(rss))
	md.WriteString("| query | requests/s | p50 | p99 | of bare | p50, 1 connection | p99, 1 connection | answer bytes | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range results {
		ratio := r.rps / results[0].rps
		one50, one99 := "", ""
		if r.p50one > 0 {
			one50, one99 = fmtDur(r.p50one), fmtDur(r.p99one)
		}
		fmt.Fprintf(&md, "| %s | %.0f | %s | %s | %.0f%% | %s | %s | %d | %s |\n", r.name, r.rps, fmtDur(r.p50), fmtDur(r.p99), ratio*100, one50, one99, r.bodyBytes, r.errors)
	}
	md.WriteString("\nAgainst the targets (100,000 sheets is where they apply):\n\n")
	find := func(name string) result {
		for _, r := range results {
			if strings.HasPrefix(r.name, name) {
				return r
			}
		}
		return result{}
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}
	code, nested, network, search, similar := find("project by code"), find("nested"), find("network"), find("search"), find("similarProjects")
	fmt.Fprintf(&md, "- project by code at least 50%% of bare: %.0f%%, %s\n", 100*code.rps/results[0].rps, verdict(code.rps >= results[0].rps/2))
	fmt.Fprintf(&md, "- nested three levels p99 under 20 ms at %d connections: %s, %s\n", conns, fmtDur(nested.p99), verdict(nested.p99 < 20*time.Millisecond))
	fmt.Fprintf(&md, "- network depth 2 around a hub p99 under 20 ms at %d connections: %s, %s\n", conns, fmtDur(network.p99), verdict(network.p99 < 20*time.Millisecond))
	fmt.Fprintf(&md, "- search p50 under 5 ms: %s at 1 connection, %s; %s at %d\n", fmtDur(search.p50one), verdict(search.p50one < 5*time.Millisecond), fmtDur(search.p50), conns)
	fmt.Fprintf(&md, "- similarProjects p50 under 10 ms: %s at 1 connection, %s; %s at %d\n", fmtDur(similar.p50one), verdict(similar.p50one < 10*time.Millisecond), fmtDur(similar.p50), conns)
	fmt.Fprintf(&md, "- start-up under 10 s: %s from the snapshot, %s; %s reading every sheet, %s\n", warm.startup.Round(100*time.Millisecond), verdict(warm.startup < 10*time.Second), cold.startup.Round(100*time.Millisecond), verdict(cold.startup < 10*time.Second))
	fmt.Fprintf(&md, "- peak RSS under 1.5 GiB: %s after the run on the snapshot start, %s; %s for the start reading every sheet, %s\n", fmtRSS(rss), verdict(rss < 1536<<10), fmtRSS(coldRSS), verdict(coldRSS < 1536<<10))
	md.WriteString("\n")
	warm.stop()
	if neo4jURI != "" {
		if err := runNeo4j(&md, serverBin, corpus, dir, neo4jURI, neo4jPID, len(files), queries, results[1:], duration, conns, threads); err != nil {
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
		if n := r.rps * duration.Seconds(); n > 0 {
			r.cpuServer = float64((cpuTime(serverPID) - cs).Milliseconds()) / n
			r.cpuDB = float64((cpuTime(dbPID) - cd).Milliseconds()) / n
		}
		one, err := wrk(dir, base+"/graphql", string(body), q.name, duration/2, 1, 1)
		if err != nil {
			return nil, err
		}
		r.p50one, r.p99one = one.p50, one.p99
		r.bodyBytes = len(check)
		results = append(results, r)
	}
	return results, nil
}

func fmtDur(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.0fµs", float64(d)/float64(time.Microsecond))
	default:
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	}
}

var (
	rpsLine     = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	pctLine     = regexp.MustCompile(`^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$`)
	errorsLine  = regexp.MustCompile(`(Socket errors:.*|Non-2xx or 3xx responses: \d+)`)
	luaTemplate = `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = %s
`
)

// wrk runs wrk with a fixed POST body and reads its report.
func wrk(dir, url, body, name string, duration time.Duration, conns, threads int) (result, error) {
	script := filepath.Join(dir, "post.lua")
	quoted, _ := json.Marshal(body) // a JSON string is a valid Lua string here
	if err := os.WriteFile(script, []byte(fmt.Sprintf(luaTemplate, quoted)), 0o644); err != nil {
		return result{}, err
	}
	out, err := exec.Command("wrk", "-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns), "-d", fmt.Sprintf("%ds", max(1, int(duration.Seconds()))), "--latency", "--timeout", "10s", "-s", script, url).CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk for %s: %v: %s", name, err, out)
	}
	r := result{name: name}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if m := rpsLine.FindStringSubmatch(line); m != nil {
			r.rps, _ = strconv.ParseFloat(m[1], 64)
		}
		if m := pctLine.FindStringSubmatch(line); m != nil {
			v, _ := strconv.ParseFloat(m[2], 64)
			unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[m[3]]
			d := time.Duration(v * float64(unit))
			if m[1] == "50" {
				r.p50 = d
			} else {
				r.p99 = d
			}
		}
		if m := errorsLine.FindString(line); m != "" {
			r.errors += strings.TrimSpace(m) + " "
		}
	}
	if r.rps == 0 && r.errors == "" {
		if !strings.Contains(string(out), "0 requests in") {
			return r, fmt.Errorf("wrk for %s printed no rate:\n%s", name, out)
		}
		r.errors = "no request completed within the run"
	}
	return r, nil
}

// peakRSS reads the process's peak resident set size in KiB, 0 when unknown.
func peakRSS(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.Atoi(strings.Fields(line)[1])
			return kb
		}
	}
	return 0
}

func fmtRSS(kb int) string {
	if kb == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.0f MiB", float64(kb)/1024)
}

// runNeo4j writes the corpus into Neo4j with `server ingest` (the caller
// gives an empty database), serves from it and drives the same queries.
func runNeo4j(md *strings.Builder, serverBin, corpus, dir, uri string, dbPID, sheets int, queries []query, embedded []result, duration time.Duration, conns, threads int) error {
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
	cmd := exec.Command(serverBin, "-addr", addr, "-log-format", "json", "-request-timeout", "60s")
	cmd.Env = env
	logFile, err := os.CreateTemp("", "loadtest-neo4j-*.log")
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return err
	}
	srv := &server{cmd: cmd, log: logFile.Name()}
	defer srv.stop()
	base := "http://" + addr
	for t0 := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Since(t0) > 5*time.Minute {
			return fmt.Errorf("the server on Neo4j did not become ready; its log is %s", logFile.Name())
		}
	}
	results, err := measure(dir, base, queries, duration, conns, threads, cmd.Process.Pid, dbPID)
	if err != nil {
		return err
	}
	fmt.Fprintf(md, "#### The same %d sheets on Neo4j (%s)\n\n", sheets, uri)
	fmt.Fprintf(md, "`server ingest` wrote them in %s: %.0f sheets/s (target 1,000: %s).\n\n", took.Round(100*time.Millisecond),
		float64(sheets)/took.Seconds(), map[bool]string{true: "met", false: "**missed**"}[float64(sheets)/took.Seconds() >= 1000])
	md.WriteString("| query | requests/s | p50 | p99 | of the embedded store | p50, 1 connection | p99, 1 connection | CPU ms a request: server / Neo4j (embedded server) | answer bytes | errors |\n|---|---:|---:|---:|---:|---:|---:|---|---:|---|\n")
	for i, r := range results {
		fmt.Fprintf(md, "| %s | %.0f | %s | %s | %.0f%% | %s | %s | %.2f / %.2f (%.2f) | %d | %s |\n", r.name, r.rps, fmtDur(r.p50), fmtDur(r.p99), 100*r.rps/embedded[i].rps,
			fmtDur(r.p50one), fmtDur(r.p99one), r.cpuServer, r.cpuDB, embedded[i].cpuServer, r.bodyBytes, r.errors)
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}
	fmt.Fprintf(md, "\n- project by code at least 30%% of the embedded store's rate: %.0f%%, %s\n", 100*results[0].rps/embedded[0].rps, verdict(results[0].rps >= 0.3*embedded[0].rps))
	fmt.Fprintf(md, "- nested three levels at least 25%% of the embedded store's rate: %.0f%%, %s\n\n", 100*results[2].rps/embedded[2].rps, verdict(results[2].rps >= 0.25*embedded[2].rps))
	return nil
}
