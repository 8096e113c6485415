package main

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func cacheCount(t *testing.T, base, name string) int {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`(?m)^partnergraph_response_cache_` + name + ` (\d+)`).FindSubmatch(b)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func sheetFor(code, title string) string {
	return fmt.Sprintf("%s\n\nProject facts\n\nProject promoter:\nEstonian Prison Service\nProject Number:\n%s\nStatus:\nCompleted\n", title, code)
}

// TestResponseCache: a read repeated is answered from the cache; a write
// moves the graph's version on, so the next read is executed again and
// sees it; mutations and answers with errors are never kept; each caller
// has its own answers; -response-cache off turns it off.
func TestResponseCache(t *testing.T) {
	const key = "cache-test-key-0123456789"
	base, _, _ := start(t, nil, map[string]string{"PARTNERGRAPH_API_KEYS": key})
	const q = `{ projects(filter: { codeStartsWith: "EE" }) { totalCount nodes { code title } } }`
	read := func(who string) (string, map[string]any) {
		t.Helper()
		a, err := postGraphQL(base, who, q, nil)
		if err != nil || a.status != 200 {
			t.Fatalf("read: %v %d", err, a.status)
		}
		return a.header.Get("X-Partnergraph-Cache"), a.body
	}
	if h, _ := read(""); h != "miss" {
		t.Errorf("first read: cache %q, want miss", h)
	}
	h, first := read("")
	if h != "hit" || cacheCount(t, base, "hits_total") != 1 {
		t.Errorf("second read: cache %q, %d hits, want a hit", h, cacheCount(t, base, "hits_total"))
	}
	if h, _ := read(key); h != "miss" {
		t.Errorf("another caller's read: cache %q, want its own miss", h)
	}
	// A write moves the version on: the read is executed again, with it.
	if code, out := gql(t, base, key, ingestMutation, map[string]any{"name": "ee.txt", "text": sheetFor("EE-JUSTICE-0001", "Cached Then Written")}); code != 200 || out["errors"] != nil {
		t.Fatalf("write: %d %v", code, out)
	}
	h, after := read("")
	if h != "miss" || fmt.Sprint(after) == fmt.Sprint(first) || !strings.Contains(fmt.Sprint(after), "Cached Then Written") {
		t.Errorf("after a write: cache %q, %v", h, after)
	}
	// The same mutation again is executed again (and changes nothing).
	for i := 0; i < 2; i++ {
		a, err := postGraphQL(base, key, ingestMutation, map[string]any{"name": "ee.txt", "text": sheetFor("EE-JUSTICE-0001", "Cached Then Written")})
		if err != nil || a.header.Get("X-Partnergraph-Cache") == "hit" {
			t.Errorf("a mutation was served from the cache: %v %v", err, a.header)
		}
	}
	// An answer with an error is not kept.
	for i := 0; i < 2; i++ {
		a, _ := postGraphQL(base, "", `{ project(code: "NOPE-0000") { id } }`, nil)
		if a.header.Get("X-Partnergraph-Cache") == "hit" {
			t.Error("an error answer was served from the cache")
		}
	}
	if n := cacheCount(t, base, "misses_total"); n < 5 {
		t.Errorf("%d misses counted", n)
	}

	off, _, _ := start(t, []string{"-response-cache", "off"}, nil)
	for i := 0; i < 2; i++ {
		a, _ := postGraphQL(off, "", q, nil)
		if h := a.header.Get("X-Partnergraph-Cache"); h != "" {
			t.Errorf("-response-cache off: cache header %q", h)
		}
	}
	if n := cacheCount(t, off, "hits_total"); n != -1 {
		t.Errorf("-response-cache off still counts hits: %d", n)
	}
}

// TestResponseCacheTwoServersOnNeo4j: two servers on one Neo4j, each with
// its cache; a write through one is seen by the next read through the
// other, which had the answer of before the write cached.
func TestResponseCacheTwoServersOnNeo4j(t *testing.T) {
	envMap := neo4jEnv(t)
	const key = "cache-neo4j-key-0123456789"
	envMap["PARTNERGRAPH_API_KEYS"] = key
	a, _, _ := start(t, []string{"-sample"}, envMap)
	b, _, _ := start(t, nil, envMap)
	const q = `{ projects(filter: { codeStartsWith: "EE" }) { totalCount nodes { code title } } }`
	for i := 0; i < 5; i++ {
		title := fmt.Sprintf("Written Through A, Version %d", i)
		for j := 0; j < 2; j++ { // the second read is a hit
			if _, err := postGraphQL(b, "", q, nil); err != nil {
				t.Fatal(err)
			}
		}
		if code, out := gql(t, a, key, ingestMutation, map[string]any{"name": "ee.txt", "text": sheetFor("EE-JUSTICE-0001", title)}); code != 200 || out["errors"] != nil {
			t.Fatalf("write through A: %d %v", code, out)
		}
		got, err := postGraphQL(b, "", q, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(fmt.Sprint(got.body), title) || got.header.Get("X-Partnergraph-Cache") == "hit" {
			t.Fatalf("read through B after write %d through A: cache %q, %v", i, got.header.Get("X-Partnergraph-Cache"), got.body)
		}
	}
	if hits := cacheCount(t, b, "hits_total"); hits < 5 {
		t.Errorf("B's cache served %d hits; the test tried little", hits)
	}
}
