package main

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
)

// responseCache keeps the answers of read operations, keyed by the request
// as sent (method, query string, body, Accept and Content-Type), the
// caller's key and the graph's version (partnergraph.Versioned): a write
// or new network metrics, through this server or any other on the same
// database, moves the version on, so an answer is never served once the
// graph it was made from has changed. Bounded in bytes; least recently
// used first out. A hit skips parsing, validation and execution.
type responseCache struct {
	mu      sync.Mutex
	max     int64
	used    int64
	order   *list.List // front: most recently used
	entries map[string]*list.Element

	hits, misses, kept prometheus.Counter
	bytes, count       prometheus.Gauge
}

type cachedAnswer struct {
	key         string
	status      int
	contentType string
	body        []byte
}

func (a *cachedAnswer) size() int64 { return int64(len(a.body) + len(a.key) + len(a.contentType) + 64) }

func newResponseCache(max int64, reg *prometheus.Registry) *responseCache {
	c := &responseCache{max: max, order: list.New(), entries: map[string]*list.Element{},
		hits:   prometheus.NewCounter(prometheus.CounterOpts{Name: "partnergraph_response_cache_hits_total", Help: "Answers served from the response cache."}),
		misses: prometheus.NewCounter(prometheus.CounterOpts{Name: "partnergraph_response_cache_misses_total", Help: "Requests the response cache did not hold (executed)."}),
		kept:   prometheus.NewCounter(prometheus.CounterOpts{Name: "partnergraph_response_cache_stored_total", Help: "Answers put in the response cache."}),
		bytes:  prometheus.NewGauge(prometheus.GaugeOpts{Name: "partnergraph_response_cache_bytes", Help: "Bytes the response cache holds."}),
		count:  prometheus.NewGauge(prometheus.GaugeOpts{Name: "partnergraph_response_cache_entries", Help: "Answers the response cache holds."}),
	}
	if reg != nil {
		reg.MustRegister(c.hits, c.misses, c.kept, c.bytes, c.count)
	}
	return c
}

func (c *responseCache) get(key string) *cachedAnswer {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil
	}
	c.order.MoveToFront(el)
	return el.Value.(*cachedAnswer)
}

func (c *responseCache) put(a *cachedAnswer) {
	size := a.size()
	if size > c.max/8 {
		return // one answer may not crowd out the rest
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[a.key]; ok {
		c.used -= el.Value.(*cachedAnswer).size()
		c.order.Remove(el)
	}
	c.entries[a.key] = c.order.PushFront(a)
	c.used += size
	for c.used > c.max {
		last := c.order.Back()
		old := last.Value.(*cachedAnswer)
		c.order.Remove(last)
		delete(c.entries, old.key)
		c.used -= old.size()
	}
	c.kept.Inc()
	c.bytes.Set(float64(c.used))
	c.count.Set(float64(len(c.entries)))
}

// middleware serves from the cache what it holds and keeps what next
// answers that may be kept (graph.Cacheable). version is the graph's
// version; when it fails (the database is down), the request goes to next
// as if there were no cache. maxBody is the largest body next accepts: a
// larger one goes to next to be refused there.
func (c *responseCache) middleware(next http.Handler, version func(*http.Request) (string, error), maxBody int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		var body []byte
		if r.Method == http.MethodPost && r.Body != nil {
			var err error
			body, err = io.ReadAll(io.LimitReader(r.Body, maxBody+1))
			if err != nil || int64(len(body)) > maxBody {
				r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), r.Body))
				next.ServeHTTP(w, r)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		// The version is read with a short budget of its own: a database
		// that does not answer must not eat the request's time, which next
		// needs to say so (EUNAVAILABLE).
		vctx, cancel := context.WithTimeout(r.Context(), versionTimeout(r.Context()))
		v, err := version(r.WithContext(vctx))
		cancel()
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		key := cacheKey(r, body, v)
		if a := c.get(key); a != nil {
			c.hits.Inc()
			w.Header().Set("Content-Type", a.contentType)
			w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
			w.Header().Set("X-Partnergraph-Cache", "hit")
			w.WriteHeader(a.status)
			w.Write(a.body)
			return
		}
		c.misses.Inc()
		ok := &graph.Cacheable{}
		tee := &teeWriter{ResponseWriter: w, limit: c.max / 8}
		w.Header().Set("X-Partnergraph-Cache", "miss")
		next.ServeHTTP(tee, r.WithContext(graph.WithCacheable(r.Context(), ok)))
		if ok.OK() && tee.status == http.StatusOK && !tee.over {
			c.put(&cachedAnswer{key: key, status: tee.status, contentType: tee.Header().Get("Content-Type"), body: tee.body.Bytes()})
		}
	})
}

// versionTimeout is the budget of the version's read: a second, and at
// most a quarter of what the request has left.
func versionTimeout(ctx context.Context) time.Duration {
	d := time.Second
	if deadline, ok := ctx.Deadline(); ok {
		d = min(d, time.Until(deadline)/4)
	}
	return d
}

// cacheKey is the hash of what makes an answer: the request as sent, the
// caller and the graph's version.
func cacheKey(r *http.Request, body []byte, version string) string {
	h := sha256.New()
	caller := ""
	if p := partnergraph.PrincipalFrom(r.Context()); p != nil {
		caller = p.KeyID
	}
	for _, part := range []string{version, caller, r.Method, r.URL.RawQuery, r.Header.Get("Accept"), r.Header.Get("Content-Type")} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// teeWriter passes an answer on and keeps a copy of it, up to limit bytes.
type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
	limit  int64
	over   bool
}

func (t *teeWriter) WriteHeader(status int) {
	if t.status == 0 {
		t.status = status
	}
	t.ResponseWriter.WriteHeader(status)
}

func (t *teeWriter) Write(b []byte) (int, error) {
	if t.status == 0 {
		t.status = http.StatusOK
	}
	if !t.over {
		if int64(t.body.Len()+len(b)) > t.limit {
			t.over = true
			t.body = bytes.Buffer{}
		} else {
			t.body.Write(b)
		}
	}
	return t.ResponseWriter.Write(b)
}

// Flush passes a flush on (answers streamed as they are written).
func (t *teeWriter) Flush() {
	if f, ok := t.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
