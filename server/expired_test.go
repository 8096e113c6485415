package main

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph/memstore"
)

// TestExpiredRequestIsNoAnswer: a request whose time ran out before it was
// executed gets 503 and EUNAVAILABLE, not a 200 a client would take for a
// done write.
func TestExpiredRequestIsNoAnswer(t *testing.T) {
	for _, cache := range []string{"off", "64MiB"} {
		cfg, err := parseConfig([]string{"server", "-response-cache", cache}, env(nil), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		h := newRouter(memstore.New(), cfg)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for _, q := range []string{`mutation { deleteDocument(id: \"doc:x\") { removedIds } }`, `{ nodes(ids: [\"org:krus\"]) { id } }`} {
			req := httptest.NewRequest("POST", "/graphql", strings.NewReader(`{"query":"`+q+`"}`)).WithContext(ctx)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 503 || !strings.Contains(rec.Body.String(), "EUNAVAILABLE") {
				t.Errorf("cache %s, %s: %d %s", cache, q, rec.Code, rec.Body)
			}
		}
	}
}
