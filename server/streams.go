package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/partnergraph/partnergraph"
)

// Subscriptions: a WebSocket (graphql-transport-ws) or a stream of
// Server-Sent Events on /graphql. They take the same keys as other
// requests, but a WebSocket from a browser cannot send a header: its key
// may come in the connection_init payload instead (websocketAuth). They
// are bounded in number (-max-subscriptions) instead of in time.

// isStream: the request opens a subscription.
func isStream(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket") ||
		(r.Method == http.MethodPost && strings.Contains(r.Header.Get("Accept"), "text/event-stream"))
}

type streams struct {
	next    http.Handler
	open    atomic.Int64
	max     int64
	log     *slog.Logger
	maxBody int64
}

func newStreams(api http.Handler, keys *keyring, cfg *config, log *slog.Logger) *streams {
	s := &streams{max: int64(cfg.maxStreams), log: log, maxBody: cfg.maxBody}
	// A WebSocket without a header is checked at connection_init; other
	// requests as every request is.
	checked := authenticate(api, keys, cfg.readsNeedKey, log)
	s.next = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" && strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			api.ServeHTTP(w, r)
			return
		}
		checked.ServeHTTP(w, r)
	})
	return s
}

func (s *streams) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if n := s.open.Add(1); s.max > 0 && n > s.max {
		s.open.Add(-1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, `{"errors":[{"message":"%d subscriptions are open, the most this server takes: try again later","extensions":{"code":%q}}]}`+"\n", s.max, partnergraph.EUNAVAILABLE)
		return
	}
	defer s.open.Add(-1)
	// The server's read and write timeouts are for requests; a
	// subscription stays open until either side ends it.
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	rc.SetWriteDeadline(time.Time{})
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
	}
	s.next.ServeHTTP(w, r)
}

// websocketAuth checks the key of a WebSocket's connection_init payload:
// a connection whose upgrade request had a valid key keeps it; otherwise
// the payload's Authorization is checked as the header would be.
func websocketAuth(keys *keyring, readsNeedKey bool) func(ctx context.Context, authorization string) (context.Context, error) {
	return func(ctx context.Context, authorization string) (context.Context, error) {
		if partnergraph.PrincipalFrom(ctx) != nil {
			return ctx, nil
		}
		if authorization == "" {
			if readsNeedKey {
				return ctx, fmt.Errorf("%s: this server needs an API key: send {\"Authorization\": \"Bearer <key>\"} in connection_init", partnergraph.EUNAUTHORIZED)
			}
			return ctx, nil
		}
		scheme, key, ok := strings.Cut(authorization, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
			return ctx, fmt.Errorf("%s: the Authorization must be Bearer <key>", partnergraph.EUNAUTHORIZED)
		}
		p := keys.check(strings.TrimSpace(key))
		if p == nil {
			return ctx, fmt.Errorf("%s: the API key is not valid", partnergraph.EUNAUTHORIZED)
		}
		return partnergraph.WithPrincipal(ctx, p), nil
	}
}

// websocketOrigins are the host patterns of the CORS origins: a browser's
// WebSocket from one of them is taken, as its other requests are.
func websocketOrigins(origins []string) []string {
	var out []string
	for _, o := range origins {
		if o == "*" {
			return []string{"*"}
		}
		if u, err := url.Parse(o); err == nil && u.Host != "" {
			out = append(out, u.Host)
		}
	}
	return out
}
