package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Every answer of /graphql is JSON with extensions.code, whatever the method
// or content type, and says what to send instead; the log line has the code.
func TestHTTPEdgeErrors(t *testing.T) {
	base, logs, _ := start(t, nil, nil)
	for _, c := range []struct {
		name, method, ctype, body string
		status                    int
		code, says                string
	}{
		{"curl -d without a Content-Type", "POST", "", `{"query":"{ __typename }"}`, 415, "EINVALID", "Content-Type: application/json"},
		{"a form body", "POST", "application/x-www-form-urlencoded", `query=x`, 415, "EINVALID", "application/json"},
		{"PUT", "PUT", "application/json", `{"query":"{ __typename }"}`, 405, "EINVALID", "send POST"},
		{"an empty body", "POST", "application/json", ``, 400, "EINVALID", "body is empty"},
		{"a body that is no JSON", "POST", "application/json", `{"query":`, 400, "EINVALID", "not a JSON object"},
		{"a mutation over GET", "GET", "", ``, 0, "EINVALID", "needs POST"},
	} {
		t.Run(c.name, func(t *testing.T) {
			url := base + "/graphql"
			var req *http.Request
			if c.name == "a mutation over GET" {
				req, _ = http.NewRequest("GET", url+`?query=mutation%7BdeleteDocument(id:"doc:x")%7BremovedIds%7D%7D`, nil)
			} else {
				req, _ = http.NewRequest(c.method, url, strings.NewReader(c.body))
			}
			if c.ctype != "" {
				req.Header.Set("Content-Type", c.ctype)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var out struct {
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			ct := resp.Header.Get("Content-Type")
			if !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "application/graphql-response+json") {
				t.Errorf("Content-Type %q", ct)
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Errors) == 0 {
				t.Fatalf("not a JSON error answer: %v", err)
			}
			if c.status != 0 && resp.StatusCode != c.status {
				t.Errorf("status %d, want %d", resp.StatusCode, c.status)
			}
			if out.Errors[0].Extensions["code"] != c.code || !strings.Contains(out.Errors[0].Message, c.says) {
				t.Errorf("error %+v, want code %s saying %q", out.Errors[0], c.code, c.says)
			}
			if c.status == 405 && resp.Header.Get("Allow") != "GET, POST, OPTIONS" {
				t.Errorf("405 without Allow: %q", resp.Header.Get("Allow"))
			}
		})
	}
	// application/graphql: the body is the query.
	resp, err := http.Post(base+"/graphql", "application/graphql", strings.NewReader(`{ project(code: "LT14-0004") { code } }`))
	if err != nil {
		t.Fatal(err)
	}
	var ok map[string]any
	json.NewDecoder(resp.Body).Decode(&ok)
	resp.Body.Close()
	if b, _ := json.Marshal(ok); !strings.Contains(string(b), `"code":"LT14-0004"`) {
		t.Errorf("application/graphql body: %s", b)
	}
	// Request lines are written out every 100 ms at the latest.
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(logs.String(), "codes=[EINVALID]"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the log lines lack the edge errors' codes:\n%s", logs.String())
		}
	}
}

// A browser client may send X-Request-Id and read the one answered.
func TestCORSRequestID(t *testing.T) {
	base, _, _ := start(t, []string{"-cors-origins", "http://app.example"}, nil)
	req, _ := http.NewRequest("OPTIONS", base+"/graphql", nil)
	req.Header.Set("Origin", "http://app.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type,x-request-id")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if h := strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers")); !strings.Contains(h, "x-request-id") {
		t.Errorf("the preflight does not allow X-Request-Id: %q", h)
	}
	req, _ = http.NewRequest("POST", base+"/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
	req.Header.Set("Origin", "http://app.example")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "abc123")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("X-Request-Id") != "abc123" || !strings.Contains(strings.ToLower(resp.Header.Get("Access-Control-Expose-Headers")), "x-request-id") {
		t.Errorf("X-Request-Id %q, exposed %q", resp.Header.Get("X-Request-Id"), resp.Header.Get("Access-Control-Expose-Headers"))
	}
}
