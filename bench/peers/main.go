// Command peers measures Partnergraph side by side with a peer: PostGraphile
// 5 (Node 22) over PostgreSQL holding the same data. It starts Partnergraph
// on a generated corpus, exports the corpus through Partnergraph's public
// API into PostgreSQL (schema.sql), starts PostGraphile on it, checks that
// each pair of equivalent queries gives the same information (the same
// multiset of leaf values, answer sizes within 25%), then drives each pair
// with wrk, alternately, for a number of rounds, at many connections and
// at one. It prints a Markdown report: requests/s, p50, p99, CPU
// milliseconds a request (Partnergraph's process; Node's plus every
// PostgreSQL process's), answer bytes, the ratios and the targets.
// bench/peers.sh installs what it needs and runs it.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/partnergraph/partnergraph/bench/internal/benchkit"
)

func main() {
	server := flag.String("server", "tmp/partnergraph", "the Partnergraph server binary")
	corpus := flag.String("corpus", "", "directory of sheets (made with `server gen`)")
	pg := flag.String("pg", "", "PostgreSQL connection URI of an empty database for the peer (its public schema is replaced)")
	pgPID := flag.Int("pg-pid", 0, "PostgreSQL's postmaster process, for the CPU time of it and its backends")
	node := flag.String("node", "bench/peers/node_modules/node/bin/node", "Node 22")
	postgraphile := flag.String("postgraphile", "bench/peers/node_modules/postgraphile/dist/cli-run.js", "PostGraphile's command-line entry")
	schema := flag.String("schema", "bench/peers/schema.sql", "the peer's SQL schema")
	duration := flag.Duration("duration", 10*time.Second, "how long wrk drives each query, each round")
	rounds := flag.Int("rounds", 2, "rounds; each runs every query on both servers, one after the other")
	conns := flag.Int("connections", 32, "wrk connections")
	threads := flag.Int("threads", 2, "wrk threads")
	out := flag.String("out", "", "append the Markdown report to this file as well")
	flag.Parse()
	if *corpus == "" || *pg == "" {
		fmt.Fprintln(os.Stderr, "peers: -corpus DIR and -pg URI are needed")
		os.Exit(2)
	}
	cfg := config{server: *server, corpus: *corpus, pg: *pg, pgPID: *pgPID, node: *node, postgraphile: *postgraphile, schema: *schema,
		duration: *duration, rounds: *rounds, conns: *conns, threads: *threads}
	report, err := run(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
	fmt.Print(report)
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintln(os.Stderr, "peers:", err)
			os.Exit(1)
		}
		defer f.Close()
		f.WriteString(report)
	}
}

type config struct {
	server, corpus, pg, node, postgraphile, schema string
	pgPID                                          int
	duration                                       time.Duration
	rounds, conns, threads                         int
}

// pair is one question asked of both servers.
type pair struct {
	name         string
	ours, theirs string
}

func run(cfg config) (string, error) {
	dir, err := os.MkdirTemp("", "peers")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	files, _ := filepath.Glob(filepath.Join(cfg.corpus, "*.txt"))

	addr := benchkit.FreeAddr()
	ours, err := benchkit.Start(cfg.server, []string{"-addr", addr, "-docs", cfg.corpus, "-snapshot", "off", "-log-format", "json", "-request-timeout", "60s", "-response-cache", "off"},
		nil, benchkit.GetOK("http://"+addr+"/readyz"), 15*time.Minute)
	if err != nil {
		return "", err
	}
	defer ours.Stop()
	oursURL := "http://" + addr + "/graphql"

	fmt.Fprintln(os.Stderr, "peers: exporting the corpus through the API into PostgreSQL")
	t0 := time.Now()
	counts, err := export(oursURL, cfg.pg, cfg.schema, dir)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "peers: exported %s in %s\n", counts, time.Since(t0).Round(time.Millisecond))

	paddr := benchkit.FreeAddr()
	host, port, _ := strings.Cut(paddr, ":")
	env := append(os.Environ(), "GRAPHILE_ENV=production", "NODE_ENV=production")
	theirs, err := benchkit.Start(cfg.node, []string{cfg.postgraphile, "-P", "postgraphile/presets/amber", "-c", cfg.pg, "-s", "public", "-n", host, "-p", port},
		env, benchkit.PostOK("http://"+paddr+"/graphql", "{ __typename }"), 2*time.Minute)
	if err != nil {
		return "", err
	}
	defer theirs.Stop()
	theirsURL := "http://" + paddr + "/graphql"

	pairs, err := questions(oursURL)
	if err != nil {
		return "", err
	}
	// The same information from both: the multiset of leaf values, and
	// answer sizes within 25%.
	sizes := map[string][2]int{}
	for _, p := range pairs {
		a, err := answer(oursURL, p.ours)
		if err != nil {
			return "", fmt.Errorf("%s, Partnergraph: %w", p.name, err)
		}
		b, err := answer(theirsURL, p.theirs)
		if err != nil {
			return "", fmt.Errorf("%s, PostGraphile: %w", p.name, err)
		}
		la, lb := leaves(a), leaves(b)
		if !slices.Equal(la, lb) {
			return "", fmt.Errorf("%s: the answers differ (%d and %d leaf values):\nPartnergraph %.600s\nPostGraphile %.600s", p.name, len(la), len(lb), a, b)
		}
		if len(la) < 2 {
			return "", fmt.Errorf("%s: an answer with %d leaf values measures nothing: %s", p.name, len(la), a)
		}
		ra := float64(len(a)) / float64(len(b))
		if ra < 0.75 || ra > 1.25 {
			return "", fmt.Errorf("%s: answer sizes %d and %d bytes are not within 25%%", p.name, len(a), len(b))
		}
		sizes[p.name] = [2]int{len(a), len(b)}
	}

	type side struct{ ours, theirs []benchkit.Result }
	res := map[string]*side{}
	theirPIDs := func() []int { return append([]int{theirs.Cmd.Process.Pid}, benchkit.Children(cfg.pgPID)...) }
	for round := 0; round < cfg.rounds; round++ {
		for _, p := range pairs {
			fmt.Fprintf(os.Stderr, "peers: round %d, %s\n", round+1, p.name)
			if res[p.name] == nil {
				res[p.name] = &side{}
			}
			r, err := measure(dir, oursURL, p.ours, p.name, cfg, round == 0, func() []int { return []int{ours.Cmd.Process.Pid} })
			if err != nil {
				return "", err
			}
			res[p.name].ours = append(res[p.name].ours, r)
			r, err = measure(dir, theirsURL, p.theirs, p.name, cfg, round == 0, theirPIDs)
			if err != nil {
				return "", err
			}
			res[p.name].theirs = append(res[p.name].theirs, r)
		}
	}

	var md strings.Builder
	hostname, _ := os.Hostname()
	fmt.Fprintf(&md, "### Partnergraph and PostGraphile, %d sheets (%s)\n\n", len(files), filepath.Base(cfg.corpus))
	fmt.Fprintf(&md, "Machine: %s, %d cores; wrk %d threads, %d connections, %s a query, %d alternating rounds (ranges are over the rounds); load generator, both servers and PostgreSQL on the same machine.\n",
		hostname, runtime.NumCPU(), cfg.threads, cfg.conns, cfg.duration, cfg.rounds)
	fmt.Fprintf(&md, "Data: %s, exported through Partnergraph's API. Peer: PostGraphile %s on Node %s, PostgreSQL %s. CPU of the peer is Node's plus every PostgreSQL process's.\n\n",
		counts, version(cfg.node, "-p", `require(`+strconv.Quote(absDir(filepath.Dir(filepath.Dir(cfg.postgraphile)))+"/package.json")+`).version`), version(cfg.node, "--version"), version("psql", "-tA", cfg.pg, "-c", "show server_version"))
	md.WriteString("| query | Partnergraph req/s | PostGraphile req/s | ratio | p50 at 32 (ours / theirs) | p99 at 32 (ours / theirs) | p50 at 1 (ours / theirs) | p99 at 1 (ours / theirs) | CPU ms a request (ours / theirs) | answer bytes (ours / theirs) |\n|---|---:|---:|---:|---|---|---|---|---|---|\n")
	verdict := benchkit.Verdict
	var targets strings.Builder
	for _, p := range pairs {
		s := res[p.name]
		rps := func(rs []benchkit.Result) string {
			return span(rs, func(r benchkit.Result) float64 { return r.RPS }, "%.0f")
		}
		var ratios []float64
		for i := range s.ours {
			ratios = append(ratios, s.ours[i].RPS/s.theirs[i].RPS)
		}
		lat := func(rs []benchkit.Result, f func(benchkit.Result) time.Duration) string {
			return span(rs, func(r benchkit.Result) float64 { return float64(f(r)) / 1e6 }, "%.2f") + " ms"
		}
		p50 := func(r benchkit.Result) time.Duration { return r.P50 }
		p99 := func(r benchkit.Result) time.Duration { return r.P99 }
		p50one := func(r benchkit.Result) time.Duration { return r.P50One }
		p99one := func(r benchkit.Result) time.Duration { return r.P99One }
		cpu := func(rs []benchkit.Result) string {
			return span(rs, func(r benchkit.Result) float64 { return r.CPUServer + r.CPUDB }, "%.3f")
		}
		errs := ""
		for _, r := range append(append([]benchkit.Result{}, s.ours...), s.theirs...) {
			errs += r.Errors
		}
		if errs != "" {
			errs = " (errors: " + errs + ")"
		}
		fmt.Fprintf(&md, "| %s%s | %s | %s | %s× | %s / %s | %s / %s | %s / %s | %s / %s | %s / %s | %d / %d |\n", p.name, errs, rps(s.ours), rps(s.theirs), spanOf(ratios, "%.2f"),
			lat(s.ours, p50), lat(s.theirs, p50), lat(s.ours, p99), lat(s.theirs, p99), lat(s.ours, p50one), lat(s.theirs, p50one), lat(s.ours, p99one), lat(s.theirs, p99one),
			cpu(s.ours), cpu(s.theirs), sizes[p.name][0], sizes[p.name][1])

		worst := func(rs []benchkit.Result, f func(benchkit.Result) float64, hi bool) float64 {
			v := f(rs[0])
			for _, r := range rs[1:] {
				if hi {
					v = max(v, f(r))
				} else {
					v = min(v, f(r))
				}
			}
			return v
		}
		ourP99 := worst(s.ours, func(r benchkit.Result) float64 { return float64(r.P99) }, true)
		theirP99 := worst(s.theirs, func(r benchkit.Result) float64 { return float64(r.P99) }, false)
		fmt.Fprintf(&targets, "- %s: p99 at %d connections at or below PostGraphile's: %.2f ms against %.2f ms (worst of ours, best of theirs), %s\n",
			p.name, cfg.conns, ourP99/1e6, theirP99/1e6, verdict(ourP99 <= theirP99))
		if strings.HasPrefix(p.name, "nested") || strings.HasPrefix(p.name, "filtered") {
			minRatio := ratios[0]
			for _, r := range ratios {
				minRatio = min(minRatio, r)
			}
			fmt.Fprintf(&targets, "- %s: at least 5× PostGraphile's requests/s: %.2f× (lowest round), %s\n", p.name, minRatio, verdict(minRatio >= 5))
		}
		if strings.HasPrefix(p.name, "nested") {
			oc := worst(s.ours, func(r benchkit.Result) float64 { return r.CPUServer }, true)
			tc := worst(s.theirs, func(r benchkit.Result) float64 { return r.CPUServer + r.CPUDB }, false)
			fmt.Fprintf(&targets, "- %s: CPU a request at most 25%% of PostGraphile's (Node and PostgreSQL): %.2f ms against %.2f ms, %.0f%%, %s\n",
				p.name, oc, tc, 100*oc/tc, verdict(oc <= 0.25*tc))
		}
	}
	md.WriteString("\nAgainst the targets:\n\n")
	md.WriteString(targets.String())
	md.WriteString("\n")
	return md.String(), nil
}

// measure drives one query with wrk: a warm-up (first round only), then
// at cfg.conns connections with the CPU time of pids, then at one.
func measure(dir, url, query, name string, cfg config, warm bool, pids func() []int) (benchkit.Result, error) {
	body, _ := json.Marshal(map[string]string{"query": query})
	if warm {
		if _, err := benchkit.Wrk(dir, url, string(body), name, 3*time.Second, cfg.conns, cfg.threads); err != nil {
			return benchkit.Result{}, err
		}
	}
	ps := pids()
	c0 := benchkit.CPUTime(ps...)
	r, err := benchkit.Wrk(dir, url, string(body), name, cfg.duration, cfg.conns, cfg.threads)
	if err != nil {
		return r, err
	}
	// Backends that came and went during the run are not counted: the
	// servers keep their connections, so the set is the same.
	if n := r.RPS * cfg.duration.Seconds(); n > 0 {
		r.CPUServer = float64((benchkit.CPUTime(ps...) - c0).Microseconds()) / 1000 / n
	}
	one, err := benchkit.Wrk(dir, url, string(body), name, cfg.duration/2, 1, 1)
	if err != nil {
		return r, err
	}
	r.P50One, r.P99One = one.P50, one.P99
	return r, nil
}

// questions are the pairs of equivalent queries, with ids asked of
// Partnergraph: a project number and the organisation with the most
// partners. Asking for a metric waits for the network metrics a start
// computes in the background, so they do not share the CPU with the runs.
func questions(oursURL string) ([]pair, error) {
	var probe struct {
		Data struct {
			Projects struct{ Nodes []struct{ Code string } }
			Orgs     struct{ Nodes []struct{ ID string } }
		}
	}
	b, err := benchkit.Post(oursURL, `{ projects(filter: {codeStartsWith: "LT"}, first: 1) { nodes { code } } orgs: organisations(orderBy: {field: DEGREE, direction: DESC}, first: 1) { nodes { id metrics { degree } } } }`, nil)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &probe); err != nil || len(probe.Data.Projects.Nodes) == 0 || len(probe.Data.Orgs.Nodes) == 0 {
		return nil, fmt.Errorf("probe: %v: %s", err, b)
	}
	code, hub := probe.Data.Projects.Nodes[0].Code, probe.Data.Orgs.Nodes[0].ID
	const allRoles = "[PROMOTER, DONOR_PROJECT_PARTNER, PROJECT_PARTNER, MENTIONED]"
	return []pair{
		{"project by code",
			fmt.Sprintf(`{ project(code: %q) { id code title status promoter { name } funding { grant } } }`, code),
			fmt.Sprintf(`{ project: projectByCode(code: %q) { id: rowId code title status promoter: organisationByPromoterId { name } grant: grantAmount } }`, code)},
		{"filtered page of 50",
			`{ projects(filter: {country: "CZ", funder: "funder:norway-grants"}, first: 50) { nodes { id code title funding { grant } } } }`,
			`{ projects: allProjects(condition: {countryCode: "CZ", funder: "funder:norway-grants"}, first: 50, orderBy: PRIMARY_KEY_ASC) { nodes { id: rowId code title grant: grantAmount } } }`},
		{"nested three levels, first 50",
			`{ projects(first: 50) { nodes { partners(roles: ` + allRoles + `) { organisation { projects(first: 20) { nodes { code title targetGroups { name } } } } } } } }`,
			`{ projects: allProjects(first: 50, orderBy: PRIMARY_KEY_ASC) { nodes { partners: partnershipsByProjectId { nodes { organisation: organisationByOrganisationId { projects: partnershipsByOrganisationId(first: 20, orderBy: PRIMARY_KEY_ASC) { nodes { project: projectByProjectId { code title targetGroups: projectTargetGroupsByProjectId { nodes { targetGroup: targetGroupByTargetGroupId { name } } } } } } } } } } } }`},
		{"organisation → projects → partners",
			fmt.Sprintf(`{ organisation(id: %q) { name projects(first: 20) { nodes { code title partners(roles: %s) { role organisation { name } } } } } }`, hub, allRoles),
			fmt.Sprintf(`{ organisation: organisationByRowId(rowId: %q) { name projects: partnershipsByOrganisationId(first: 20, orderBy: PRIMARY_KEY_ASC) { nodes { project: projectByProjectId { code title partners: partnershipsByProjectId { nodes { role organisation: organisationByOrganisationId { name } } } } } } } }`, hub)},
		{"collaborators of a hub",
			fmt.Sprintf(`{ collaborators(organisation: %q, first: 20) { nodes { organisation { id name } sharedProjects } } }`, hub),
			fmt.Sprintf(`{ organisation: organisationByRowId(rowId: %q) { collaborators(first: 20) { nodes { id: organisationId name sharedProjects } } } }`, hub)},
	}, nil
}

// answer posts a query and returns the body, an error when it has errors.
func answer(url, query string) ([]byte, error) {
	b, err := benchkit.Post(url, query, nil)
	if err != nil {
		return nil, err
	}
	var v struct {
		Errors []any
	}
	if err := json.Unmarshal(b, &v); err != nil || len(v.Errors) > 0 {
		return nil, fmt.Errorf("%v %.600s", err, b)
	}
	return b, nil
}

// leaves returns the answer's leaf values as sorted strings; numbers (and
// PostgreSQL's bigints, which PostGraphile sends as strings) in one form.
func leaves(b []byte) []string {
	var v any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	d.Decode(&v)
	var out []string
	var walk func(any)
	walk = func(x any) {
		switch t := x.(type) {
		case map[string]any:
			for _, y := range t {
				walk(y)
			}
		case []any:
			for _, y := range t {
				walk(y)
			}
		case json.Number:
			out = append(out, number(string(t)))
		case string:
			out = append(out, number(t))
		case nil:
			out = append(out, "null")
		default:
			out = append(out, fmt.Sprint(t))
		}
	}
	walk(v)
	sort.Strings(out)
	return out
}

func number(s string) string {
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int64(f)) && s != "" && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) {
		return strconv.FormatInt(int64(f), 10)
	}
	return s
}

func span(rs []benchkit.Result, f func(benchkit.Result) float64, format string) string {
	var v []float64
	for _, r := range rs {
		v = append(v, f(r))
	}
	return spanOf(v, format)
}

// spanOf prints the range of the values, "a–b", or one value.
func spanOf(v []float64, format string) string {
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	if fmt.Sprintf(format, lo) == fmt.Sprintf(format, hi) {
		return fmt.Sprintf(format, lo)
	}
	return fmt.Sprintf(format+"–"+format, lo, hi)
}

func absDir(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

func version(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimPrefix(strings.TrimSpace(string(out)), "v")
}
