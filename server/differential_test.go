package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// neo4jEnv is the environment of a server on the live test Neo4j.
func neo4jEnv(t *testing.T) map[string]string {
	t.Helper()
	neo4jtest.Open(t) // locked for this test, and wiped
	cfg, _ := neo4jtest.Config()
	return map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USER": cfg.User, "NEO4J_PASSWORD": cfg.Password, "NEO4J_DATABASE": cfg.Database}
}

var graphqlBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")

// differentialQueries are the documents both stores must answer alike: every
// example of the README and docs/queries.md, and the cases where stores tend
// to part: filters over missing values, negation, ranges, sorting with
// nulls, pagination, search, network, paths, aggregate and similarity.
func differentialQueries(t *testing.T) []string {
	t.Helper()
	var qs []string
	for _, path := range []string{"../README.md", "../docs/queries.md"} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range graphqlBlock.FindAllSubmatch(b, -1) {
			qs = append(qs, string(m[1]))
		}
	}
	if len(qs) < 15 {
		t.Fatalf("found %d GraphQL examples in the README and docs/queries.md", len(qs))
	}
	const proj = `totalCount nodes { id code title status funding { grant finalCost funder { id } } startDate country { code } }`
	for _, f := range []string{
		`{ status: "Completed" }`,
		`{ not: { status: "Completed" } }`,
		`{ not: { country: "NO" } }`,
		`{ not: { country: "LT" } }`,
		`{ not: { funder: "Norway Grants" } }`,
		`{ not: { targetGroup: "prisoners" } }`,
		`{ not: { or: [{ country: "CZ" }, { country: "LT" }] } }`,
		`{ or: [{ status: "Completed" }, { not: { kind: PROJECT } }] }`,
		`{ and: [{ not: { status: "Completed" } }, { not: { country: "RO" } }] }`,
		`{ grant: { gt: 100000 } }`,
		`{ not: { grant: { gt: 100000 } } }`,
		`{ finalCost: { gte: 0 } }`,
		`{ organisation: "org:krus" }`,
		`{ organisation: "org:krus", roles: [DONOR_PROJECT_PARTNER] }`,
		`{ titleContains: "prison" }`,
		`{ titleStartsWith: "Im" }`,
		`{ codeStartsWith: "LT" }`,
		`{ countryIn: ["CZ", "LT", "RO"] }`,
		`{ statusIn: ["Completed", "Ongoing"] }`,
		`{ kind: ERASMUS }`,
		`{ programme: "anger management" }`,
	} {
		qs = append(qs, fmt.Sprintf(`{ projects(filter: %s, first: 100) { %s } }`, f, proj))
	}
	for _, o := range []string{"TITLE", "CODE", "GRANT", "FINAL_COST", "START_DATE"} {
		for _, d := range []string{"ASC", "DESC"} {
			qs = append(qs, fmt.Sprintf(`{ projects(orderBy: {field: %s, direction: %s}, first: 3) { pageInfo { hasNextPage endCursor } nodes { id } } }`, o, d))
		}
	}
	for _, o := range []string{"NAME", "PROJECTS", "DEGREE", "PARTNER_COUNTRIES", "BETWEENNESS", "BRIDGING"} {
		qs = append(qs, fmt.Sprintf(`{ organisations(orderBy: {field: %s, direction: DESC}, first: 100) { totalCount nodes { id name acronym aliases country { code } metrics { degree partnerCountries betweenness community bridging projects } } } }`, o))
	}
	qs = append(qs,
		`{ organisations(filter: { not: { country: "NO" } }, first: 100) { totalCount nodes { id } } }`,
		`{ organisations(filter: { nameStartsWith: "Pr" }, first: 100) { totalCount nodes { id } } }`,
		`{ organisations(filter: { degree: { gte: 2 } }, first: 100) { totalCount nodes { id } } }`,
		`{ p1: projects(first: 2) { pageInfo { endCursor hasNextPage } nodes { id } } }`,
		`{ organisation(name: "krus") { id name projects(first: 100) { totalCount nodes { id } } partnered { totalCount nodes { id } } } collaborators(organisation: "org:krus") { totalCount nodes { organisation { id } sharedProjects countries { code } } } }`,
		`{ search(query: "prison staff training", first: 20) { kind label node { id } } }`,
		`{ search(query: "KRUS", first: 5) { kind node { id } } }`,
		`{ search(query: "violence", first: 20) { kind node { id } } }`,
		`{ network(seeds: ["org:krus"], depth: 2, limit: 300) { truncated nodes { id kind label properties } edges { id source target kind properties } } }`,
		`{ network(seeds: ["country:NO"], depth: 1, limit: 300) { truncated nodes { id } edges { id } } }`,
		`{ network(seeds: ["project:lt14-0004", "tg:prisoners"], depth: 3, limit: 20) { truncated nodes { id } edges { id } } }`,
		`{ aggregate(groupBy: COUNTRY) { key label projects grant } }`,
		`{ aggregate(groupBy: FUNDER) { key label projects grant } }`,
		`{ aggregate(groupBy: YEAR) { key label projects grant } }`,
		`{ aggregate(groupBy: STATUS, filter: { not: { country: "LT" } }) { key label projects grant } }`,
		`{ aggregate(groupBy: KIND) { key label projects grant finalCost } }`,
		`{ aggregate(groupBy: TARGET_GROUP) { key label projects grant finalCost } }`,
		`{ aggregate(groupBy: PROGRAMME) { key label projects grant finalCost } }`,
		`{ aggregate(groupBy: ORGANISATION, filter: { funder: "Norway Grants" }) { key label projects grant finalCost } }`,
		`{ similarProjects(project: "project:lt14-0004", first: 10) { project { id } score structureScore textScore reasons { kind shared { id } weight explanation } } }`,
		`{ similarProjects(text: "training prison staff to prevent violence", first: 10) { project { id } score reasons { kind explanation } } }`,
		`{ nodes(ids: ["org:krus", "country:NO", "country:XX", "project:nope", "funder:norway-grants"]) { id } }`,
		`{ project(code: "nope") { id } }`,
		`{ organisation(name: "nobody at all") { id } }`,
		`{ projects(filter: { country: "Atlantis" }) { totalCount } }`,
		`{ aggregate(groupBy: PERIOD) { key label projects grant } }`,
		`{ compare(a: "org:krus", b: "org:dncs") { a { id } b { id } sharedPartners { id } sharedProjects { id } paths { length nodes { id } } periods { period aPartners { id } bPartners { id } sharedPartners { id } } } }`,
	)
	// Every period argument, through every query that takes one.
	for _, p := range []string{
		`{ from: "2004-2009", to: "2004-2009" }`, `{ from: "2009-2014", to: "2009-2014" }`, `{ from: "2014-2021", to: "2014-2021" }`,
		`{ from: "2014-2020", to: "2021-2027" }`, `{ from: "2012", to: "2018" }`, `{ from: "2017" }`, `{ to: "2013-12-31" }`,
		`{ from: "2016-03", to: "2016-03" }`, `{ from: "2019-10-01", to: "2019-10-01" }`,
	} {
		qs = append(qs,
			fmt.Sprintf(`{ projects(filter: { period: %s }, first: 100) { totalCount nodes { id period activeFrom activeTo } } }`, p),
			fmt.Sprintf(`{ projects(filter: { not: { period: %s } }, first: 100) { totalCount nodes { id } } }`, p),
			fmt.Sprintf(`{ aggregate(groupBy: ORGANISATION, filter: { period: %s }) { key projects grant } }`, p),
			fmt.Sprintf(`{ aggregate(groupBy: COUNTRY, filter: { funder: "Norway Grants" }, period: %s) { key projects grant } }`, p),
			fmt.Sprintf(`{ network(seeds: ["org:krus", "org:dncs"], depth: 2, period: %s) { truncated nodes { id properties } edges { id } } }`, p),
			fmt.Sprintf(`{ paths(from: "org:krus", to: "org:atv", period: %s) { length nodes { id } } }`, p),
			fmt.Sprintf(`{ collaborators(organisation: "org:krus", period: %s) { totalCount nodes { organisation { id } sharedProjects } } }`, p),
			fmt.Sprintf(`{ organisations(first: 100) { nodes { id metrics(period: %s) { from to projects degree partnerCountries betweenness community bridging previous { projects degree } degreeChange bridgingChange } } } }`, p),
			fmt.Sprintf(`{ compare(a: "org:krus", b: "org:dncs", period: %s) { sharedPartners { id } sharedProjects { id } paths { nodes { id } } periods { period aPartners { id } bPartners { id } } } }`, p),
		)
	}
	return qs
}

// canonical turns an answer into JSON with the orderings that stores may
// legitimately differ on removed: search hits of equal relevance come in
// either order and scores are each engine's own (BM25 in memory, Lucene on
// Neo4j), so search answers compare as sorted lists without scores.
//
// Scores are sums of floating-point terms taken in each store's order, so
// they agree to about 1e-15, not to the bit: numbers compare at 9
// significant digits.
func canonical(q string, out map[string]any) string {
	out = roundFloats(out).(map[string]any)
	if s, ok := out["data"].(map[string]any); ok && strings.Contains(q, "search(") {
		for k, v := range s {
			hits, ok := v.([]any)
			if !ok {
				continue
			}
			var keys []string
			for _, h := range hits {
				if m, ok := h.(map[string]any); ok {
					delete(m, "score")
					delete(m, "snippet")
				}
				b, _ := json.Marshal(h)
				keys = append(keys, string(b))
			}
			slices.Sort(keys)
			s[k] = keys
		}
	}
	b, _ := json.MarshalIndent(out, "", " ")
	return string(b)
}

// TestDifferentialMemstoreNeo4j asks a server on the embedded store and a
// server on the live Neo4j the same documents, on the same sheets, and wants
// equal answers; then writes the same sheet through both and asks again.
func TestDifferentialMemstoreNeo4j(t *testing.T) {
	env := neo4jEnv(t)
	key := "differential-test-key"
	keys := map[string]string{"PARTNERGRAPH_API_KEYS": key}
	mem, _, _ := start(t, []string{"-data", t.TempDir()}, keys)
	for k, v := range keys {
		env[k] = v
	}
	neo, neoLogs, _ := start(t, []string{"-sample", "-data", t.TempDir()}, env)

	compare := func(label string, qs []string) {
		t.Helper()
		for _, q := range qs {
			_, a := gql(t, mem, "", q, nil)
			_, b := gql(t, neo, "", q, nil)
			if c := errCode(a); c == "GRAPHQL_VALIDATION_FAILED" || c == "GRAPHQL_PARSE_FAILED" {
				t.Errorf("%s: the test's query is not valid: %v\n%s", label, a["errors"], q)
			}
			ca, cb := canonical(q, a), canonical(q, b)
			if ca != cb {
				t.Errorf("%s: the stores answer differently\n%s\nembedded:\n%s\nneo4j:\n%s", label, q, clip(ca), clip(cb))
			}
		}
	}
	qs := differentialQueries(t)
	compare("sample", qs)

	sheet := "Anger Management for Young Offenders in Romania\n\nProject facts\n\nProject promoter:\nNational Administration of Penitentiaries\nProject Number:\nRO23-0099\nStatus:\nCompleted\nFrom Norway Grants:\n€ 120,000\nDonor Project Partners:\nCorrectional Service of Norway Staff Academy (KRUS) (NO)\n\nDescription\n\nThe project trained prison staff in anger management for young offenders, together with KRUS.\n"
	for _, base := range []string{mem, neo} {
		code, out := gql(t, base, key, ingestMutation, map[string]any{"name": "ro-anger.txt", "text": sheet})
		if code != 200 || out["errors"] != nil {
			t.Fatalf("write on %s: %d %v", base, code, out)
		}
	}
	settle := func() {
		// Network metrics follow writes once computed, in the background:
		// wait until both servers have computed them.
		t.Helper()
		q := `{ organisations(first: 100, orderBy: {field: DEGREE, direction: DESC}) { nodes { id metrics { projects degree } } } }`
		for start := time.Now(); time.Since(start) < 15*time.Second; time.Sleep(100 * time.Millisecond) {
			_, a := gql(t, mem, "", q, nil)
			_, b := gql(t, neo, "", q, nil)
			if canonical(q, a) == canonical(q, b) {
				return
			}
		}
	}
	settle()
	compare("after a write", qs)
	for _, base := range []string{mem, neo} {
		_, out := gql(t, base, key, `mutation { deleteDocument(id: "doc:ro-anger-txt") { removedIds } }`, nil)
		if out["errors"] != nil {
			t.Fatalf("delete on %s: %v", base, out)
		}
	}
	settle()
	compare("after a delete", qs)
	// The Neo4j server grouped in Cypher (Store.Group through the
	// instrumented store), not by paging.
	resp, err := http.Get(neo + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `method="Group"`) {
		t.Error("the Neo4j server never called Group: aggregate did not reach Cypher")
	}
	if t.Failed() {
		t.Logf("Neo4j server log:\n%s", clip(neoLogs.String()))
	}
}

func roundFloats(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = roundFloats(e)
		}
	case []any:
		for i, e := range x {
			x[i] = roundFloats(e)
		}
	case float64:
		r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 9, 64), 64)
		return r
	}
	return v
}

func clip(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "\n..."
	}
	return s
}

// TestDifferentialImported imports the sample exports with the sample
// pages into the embedded store's data directory and into the live Neo4j
// (pages through `server ingest`, exports through `server import`), and
// wants the two servers to answer alike, the sources and their
// disagreements, evidence rows and source filters included.
func TestDifferentialImported(t *testing.T) {
	envMap := neo4jEnv(t)
	files := sampleExports(t)
	dir := t.TempDir()
	memSummary, err := importFiles(t, dir, files...)
	if err != nil {
		t.Fatalf("import into the embedded store's data: %v\n%s", err, memSummary)
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"server", "ingest", "../sample"}, env(envMap), &out); err != nil {
		t.Fatalf("ingest into Neo4j: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := run(context.Background(), append([]string{"server", "import"}, files...), env(envMap), &out); err != nil {
		t.Fatalf("import into Neo4j: %v\n%s", err, out.String())
	}
	// Both stores tell alike what the import added and updated.
	if got, want := summaryLines(out.String()), summaryLines(memSummary); got != want || !strings.Contains(got, "projects: ") || strings.Contains(got, "projects: 0 added") {
		t.Errorf("the import's summary on Neo4j:\n%s\non the embedded store:\n%s", got, want)
	}
	out.Reset()
	if err := run(context.Background(), append([]string{"server", "import"}, files...), env(envMap), &out); err != nil {
		t.Fatalf("import into Neo4j again: %v\n%s", err, out.String())
	}
	if got := summaryLines(out.String()); got != "projects: 0 added, 0 updated\norganisations: 0 added, 0 updated\npartnerships: 0 added, 0 updated" {
		t.Errorf("the same files again into Neo4j:\n%s", out.String())
	}
	// A file with an error writes nothing into Neo4j either.
	bad := filepath.Join(t.TempDir(), "erasmus-broken.csv")
	if err := os.WriteFile(bad, []byte("Project Identifier,Project Title,Coordinating organisation name\n2019-1-PL01-KA204-000009,T,Fundacja\n2019-1-PL01-KA204-000010,T,Fundacja,extra\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"server", "import", bad}, env(envMap), &out); err == nil || !strings.Contains(err.Error(), "row 3") {
		t.Errorf("a broken file into Neo4j: %v", err)
	}
	mem, _, _ := start(t, []string{"-data", dir}, nil)
	neo, neoLogs, _ := start(t, nil, envMap)
	if _, a := gql(t, neo, "", `{ project(code: "2019-1-PL01-KA204-000009") { id } }`, nil); errCode(a) != "ENOTFOUND" {
		t.Errorf("a row of a refused file is in Neo4j: %v", a)
	}
	qs := append(differentialQueries(t),
		`{ projects(first: 100) { totalCount nodes { id code title kind status promoter { id } partners(roles: [PROMOTER, DONOR_PROJECT_PARTNER, PROJECT_PARTNER, MENTIONED]) { organisation { id } role evidence { section text row document { id name source layout } } } funding { grant initialCost } sources { source document { id } } disagreements { field value shown source document { id } } } } }`,
		`{ organisations(first: 100) { totalCount nodes { id name aliases sources country { code } names { name joinedBy documents { id source } } } } }`,
		`{ projects(filter: { sources: [KEEP_EU, ERASMUS_PLUS] }, first: 100) { totalCount nodes { id } } }`,
		`{ projects(filter: { not: { sources: [PAGE] } }, first: 100) { totalCount nodes { id } } }`,
		`{ organisations(filter: { sources: [EEA_GRANTS] }, first: 100) { totalCount nodes { id } } }`,
		`{ organisations(filter: { and: [{ sources: [PAGE] }, { sources: [ERASMUS_PLUS] }] }, first: 100) { totalCount nodes { id } } }`,
		`{ project(code: "LT14-0004") { sources { source document { name } } partners { organisation { id } role } } }`,
		`{ organisation(name: "KRUS") { id sources involvements(first: 50) { nodes { role project { id } evidence { row section document { source } } } } } }`,
		`{ network(seeds: ["org:krus", "country:LT"], depth: 2, sources: [EEA_GRANTS, KEEP_EU]) { truncated nodes { id } edges { id } } }`,
		`{ search(query: "prison", first: 10, sources: [ERASMUS_PLUS]) { kind node { id } } }`,
	)
	for _, q := range qs {
		_, a := gql(t, mem, "", q, nil)
		_, b := gql(t, neo, "", q, nil)
		if c := errCode(a); c == "GRAPHQL_VALIDATION_FAILED" || c == "GRAPHQL_PARSE_FAILED" {
			t.Errorf("the test's query is not valid: %v\n%s", a["errors"], q)
		}
		if ca, cb := canonical(q, a), canonical(q, b); ca != cb {
			t.Errorf("the stores answer differently\n%s\nembedded:\n%s\nneo4j:\n%s", q, clip(ca), clip(cb))
		}
	}
	if t.Failed() {
		t.Logf("Neo4j server log:\n%s", clip(neoLogs.String()))
	}
}

// summaryLines are the lines of an import's summary that count what it
// added and updated.
func summaryLines(out string) string {
	var lines []string
	for line := range strings.SplitSeq(out, "\n") {
		if strings.HasPrefix(line, "projects: ") || strings.HasPrefix(line, "organisations: ") || strings.HasPrefix(line, "partnerships: ") {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}
