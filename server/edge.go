package main

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// Media types a POST to /graphql may carry.
var acceptedBodies = []string{"application/json", "application/graphql-response+json", "application/graphql"}

// writeEdgeError answers a request the GraphQL layer never sees, as JSON
// with a code, and hands the code to the request's log line.
func writeEdgeError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	if info, ok := r.Context().Value(requestKey{}).(*requestInfo); ok {
		_, codes := info.get()
		info.set("", append(codes, code))
	}
	body, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{"message": message, "extensions": map[string]any{"code": code}}}})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// httpEdge answers the requests that are no GraphQL request at all, before
// gqlgen's transports would answer them in plain text: a method other than
// GET and POST (405 with Allow), a POST body of another media type (415
// naming the accepted ones, and how to send one with curl), an empty POST
// body. Every answer is JSON with extensions.code.
func httpEdge(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodOptions:
		case http.MethodPost:
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if r.Header.Get("Content-Type") == "" || err != nil || !slices.Contains(acceptedBodies, mt) {
				got := r.Header.Get("Content-Type")
				if got == "" {
					got = "no Content-Type"
				}
				writeEdgeError(w, r, http.StatusUnsupportedMediaType, partnergraph.EINVALID,
					"a POST to /graphql needs Content-Type: application/json (or application/graphql-response+json, or application/graphql for a bare query); got "+got+
						`. With curl: curl -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' URL`)
				return
			}
			// The body is read (with its size limit) further in; an empty
			// one says so by its length.
			if r.ContentLength == 0 {
				writeEdgeError(w, r, http.StatusBadRequest, partnergraph.EINVALID,
					`the request body is empty: send a JSON object such as {"query": "{ __typename }", "variables": {}}`)
				return
			}
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeEdgeError(w, r, http.StatusMethodNotAllowed, partnergraph.EINVALID,
				r.Method+" is not allowed on /graphql: send POST (queries and mutations) or GET (queries only)")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// withCodes gives every error of an error answer (4xx) of gqlgen's
// transports an extensions.code, with a clearer message where gqlgen's says
// little: "json request body could not be decoded" and "GET requests only
// allow query operations". The request's log line gets the codes.
func withCodes(r *http.Request, status int, body []byte) []byte {
	if status < 400 || status >= 500 {
		return body
	}
	var resp map[string]json.RawMessage
	if err := json.Unmarshal(body, &resp); err != nil {
		return body
	}
	var errs []map[string]any
	if err := json.Unmarshal(resp["errors"], &errs); err != nil || len(errs) == 0 {
		return body
	}
	changed := false
	var codes []string
	for _, e := range errs {
		ext, _ := e["extensions"].(map[string]any)
		if ext == nil {
			ext = map[string]any{}
		}
		if _, ok := ext["code"]; !ok {
			ext["code"] = partnergraph.EINVALID
			e["extensions"] = ext
			changed = true
		}
		switch msg, _ := e["message"].(string); {
		case strings.Contains(msg, "could not be decoded"):
			e["message"] = `the request body is not a JSON object: send {"query": "...", "variables": {...}} (` + decodeProblem(msg) + ")"
			changed = true
		case strings.Contains(msg, "only allow query"):
			e["message"] = "a mutation needs POST: GET takes queries only"
			changed = true
		}
		if c, ok := ext["code"].(string); ok {
			codes = append(codes, c)
		}
	}
	if info, ok := r.Context().Value(requestKey{}).(*requestInfo); ok {
		if _, had := info.get(); len(had) == 0 {
			info.set("", codes)
		}
	}
	if !changed {
		return body
	}
	resp["errors"], _ = json.Marshal(errs)
	out, err := json.Marshal(resp)
	if err != nil {
		return body
	}
	return out
}

var (
	// gqlgen's message ends with the body it could not decode, whole.
	echoedBody = regexp.MustCompile(`(?s) body:.*$`)
	// encoding/json names Go types: "cannot unmarshal number into Go
	// struct field RawParams.variables of type map[string]interface {}".
	goField = regexp.MustCompile(`cannot unmarshal (\w+) into Go (?:struct field \w+\.(\w+)|value) of type .*`)
)

// decodeProblem is what was wrong with a body that is not JSON, said
// without the body and without Go's names for types.
func decodeProblem(msg string) string {
	msg = echoedBody.ReplaceAllString(msg, "")
	msg = strings.TrimPrefix(msg, "json request body could not be decoded: ")
	if m := goField.FindStringSubmatch(msg); m != nil {
		if m[2] != "" {
			return fmt.Sprintf("%q is %s, which it cannot be", m[2], withArticle(m[1]))
		}
		return fmt.Sprintf("the body is %s in JSON, not an object", withArticle(m[1]))
	}
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	return msg
}

func withArticle(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
