package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// Rough edges a new user met: each answers as GraphQL over HTTP says, with
// a short message in the user's terms.
func TestRequestsThatWereAnsweredBadly(t *testing.T) {
	base, _, _ := start(t, nil, nil)
	post := func(body string) (int, string) {
		t.Helper()
		resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// A malformed body of 900 KB is not echoed back, nor are Go's names.
	big := `{"query": "{ __typename }", "variables": {"x": [` + strings.Repeat("1,", 450000) + `]}}`
	if code, body := post(big); code != 400 || len(body) > 600 || !strings.Contains(body, "not a JSON object") {
		t.Errorf("a malformed body of %d bytes: %d, %d bytes: %.300s", len(big), code, len(body), body)
	}
	if _, body := post(`{"query": "{ __typename }", "variables": [1]}`); strings.Contains(body, "Go ") || strings.Contains(body, "interface") || !strings.Contains(body, `\"variables\" is an array`) {
		t.Errorf("variables as a list: %s", body)
	}
	// A number is no String, at the top and inside an input object.
	for _, body := range []string{
		`{"query": "query($s: String!) { search(query: $s, first: 1) { label } }", "variables": {"s": 42}}`,
		`{"query": "query($f: ProjectFilter) { projects(filter: $f, first: 1) { totalCount } }", "variables": {"f": {"country": 7}}}`,
	} {
		if _, got := post(body); !strings.Contains(got, "is a number; the type String takes a string") || strings.Contains(got, `"data":{`) {
			t.Errorf("a number for a String: %s", got)
		}
	}
	if _, got := post(`{"query": "query($s: String!) { search(query: $s, first: 1) { label } }", "variables": {"s": "42"}}`); strings.Contains(got, "errors") {
		t.Errorf("a string for a String: %s", got)
	}
	// A mutation over GET is 405 with Allow: POST.
	resp, err := http.Get(base + `/graphql?query=mutation%7BdeleteDocument(id:%22doc:x%22)%7BremovedIds%7D%7D`)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("a mutation over GET: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	// /metrics labels statuses by their code.
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `partnergraph_http_requests_total{path="/graphql",status="405"} 1`) || strings.Contains(string(b), "Method Not Allowed") {
		t.Errorf("/metrics does not label the status by its code:\n%s", grep(string(b), "http_requests_total"))
	}
}

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
