package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/partnergraph/partnergraph"
)

// specCompliant fixes two places where gqlgen's transports differ from the
// GraphQL-over-HTTP specification's SHOULDs (checked by scripts/audit.mjs):
// a request that fails to parse, validate or coerce its variables is answered
// 200 (not 422) when the client accepts application/json, and without a
// "data" entry when the answer is application/graphql-response+json.
func specCompliant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := recorders.Get().(*recorder)
		*rec = recorder{header: http.Header{}, status: http.StatusOK, body: rec.body}
		rec.body.Reset()
		defer func() {
			if rec.body.Cap() <= maxPooledAnswer {
				recorders.Put(rec)
			}
		}()
		next.ServeHTTP(rec, r)
		body := rec.body.Bytes()
		status := rec.status
		if err := r.Context().Err(); err != nil && string(bytes.TrimSpace(body)) == "null" {
			// gqlgen answers null to a request whose time ran out before
			// it was executed: that is no answer, and must not read as one.
			status = http.StatusServiceUnavailable
			body = []byte(`{"errors":[{"message":"the request ran out of time before it was answered; try again","extensions":{"code":"` + partnergraph.EUNAVAILABLE + `"}}]}`)
			rec.header.Set("Content-Type", "application/json")
		}
		ctype := rec.header.Get("Content-Type")
		body = withCodes(r, status, body)
		if status == http.StatusNotAcceptable && r.Method == http.MethodGet && bytes.Contains(body, []byte("a mutation needs POST")) {
			// GraphQL over HTTP: a mutation over GET is 405, with the
			// method that takes it.
			status = http.StatusMethodNotAllowed
			rec.header.Set("Allow", "POST")
		}
		if status >= 400 && status < 500 {
			switch {
			case strings.HasPrefix(ctype, "application/graphql-response+json"):
				body = withoutNullData(body)
			case strings.HasPrefix(ctype, "application/json") && status == http.StatusUnprocessableEntity:
				status = http.StatusOK
			}
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		w.Write(body)
	})
}

// withoutNullData drops `"data": null` from an error answer.
func withoutNullData(body []byte) []byte {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return body
	}
	if d, ok := m["data"]; !ok || string(bytes.TrimSpace(d)) != "null" {
		return body
	}
	delete(m, "data")
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return out
}

// recorder holds an answer until it is fixed up.
// recorders are reused, their buffers with them: answers of tens of
// kilobytes would otherwise be a new buffer each.
var recorders = sync.Pool{New: func() any { return &recorder{} }}

// maxPooledAnswer: a buffer grown larger than this is left to the garbage
// collector rather than kept.
const maxPooledAnswer = 256 << 10

type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status = status
		r.wrote = true
	}
}
