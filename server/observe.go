package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/partnergraph/partnergraph"
)

// observability holds the server's metrics and logger.
type observability struct {
	log        *slog.Logger
	registry   *prometheus.Registry
	requests   *prometheus.CounterVec
	operations *prometheus.HistogramVec
	storeCalls *prometheus.HistogramVec
}

func newObservability(log *slog.Logger) *observability {
	o := &observability{
		log:      log,
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "partnergraph_http_requests_total", Help: "HTTP requests by path and status.",
		}, []string{"path", "status"}),
		operations: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "partnergraph_graphql_operation_seconds",
			Help:    "GraphQL operations by name and outcome (ok or the first error code).",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}, []string{"operation", "outcome"}),
		storeCalls: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "partnergraph_store_call_seconds",
			Help:    "Store calls by method and outcome (ok or the error code).",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2, 16),
		}, []string{"method", "outcome"}),
	}
	o.registry.MustRegister(o.requests, o.operations, o.storeCalls,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return o
}

func (o *observability) metricsHandler() http.Handler {
	return promhttp.HandlerFor(o.registry, promhttp.HandlerOpts{})
}

type requestKey struct{}

// requestInfo is what a request's log line says beyond the HTTP side: the
// GraphQL operation, filled in by observeOperation.
type requestInfo struct {
	id string
	// A subscription's operations answer on their own goroutines, while
	// its request may end: the fields below are locked.
	mu        sync.Mutex
	operation string
	codes     []string
}

func (i *requestInfo) set(operation string, codes []string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if operation != "" {
		i.operation = operation
	}
	i.codes = codes
}

func (i *requestInfo) get() (string, []string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.operation, i.codes
}

// middleware gives every request an id (X-Request-Id, kept when the client
// sends a short one), logs each GraphQL request in one line (id, operation,
// error codes, status, duration) and counts every request.
func (o *observability) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 || strings.ContainsAny(id, " \t\r\n\"") {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		info := &requestInfo{id: id}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestKey{}, info)))
		path := r.URL.Path
		switch {
		case strings.HasPrefix(path, "/assets/"):
			path = "/assets/"
		case path != "/" && path != "/graphql" && path != "/healthz" && path != "/readyz" && path != "/metrics":
			path = "other"
		}
		o.requests.WithLabelValues(path, strconv.Itoa(sw.status)).Inc()
		switch {
		case path == "/graphql":
			operation, codes := info.get()
			o.log.Info("graphql", "request_id", id, "operation", operation, "codes", codes, "method", r.Method, "status", sw.status,
				"duration", time.Since(start).Round(time.Microsecond))
		case sw.status >= 500:
			o.log.Info("request", "request_id", id, "method", r.Method, "path", r.URL.Path, "status", sw.status,
				"duration", time.Since(start).Round(time.Microsecond))
		}
	})
}

// observeOperation counts a GraphQL operation and hands its name and error
// codes to the request's log line.
func (o *observability) observeOperation(ctx context.Context, name string, took time.Duration, codes []string) {
	outcome := "ok"
	if len(codes) > 0 {
		outcome = codes[0]
	}
	if name == "" {
		name = "anonymous"
	}
	o.operations.WithLabelValues(name, outcome).Observe(took.Seconds())
	if info, ok := ctx.Value(requestKey{}).(*requestInfo); ok {
		info.set(name, codes)
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the connection (deadlines,
// flushes, the hijack of a WebSocket).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush sends what is buffered (Server-Sent Events).
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Hijack hands the connection over (WebSocket).
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, fmt.Errorf("the connection cannot be taken over")
	}
	w.status = http.StatusSwitchingProtocols
	return h.Hijack()
}

// instrumented times every store call.
type instrumented struct {
	s partnergraph.Store
	o *observability
}

func (i instrumented) done(method string, start time.Time, err error) {
	outcome := "ok"
	if err != nil {
		outcome = partnergraph.ErrorCode(err)
	}
	i.o.storeCalls.WithLabelValues(method, outcome).Observe(time.Since(start).Seconds())
}

func (i instrumented) Load(ctx context.Context, g *partnergraph.Graph) (err error) {
	defer func(t time.Time) { i.done("Load", t, err) }(time.Now())
	return i.s.Load(ctx, g)
}

func (i instrumented) Apply(ctx context.Context, g *partnergraph.Graph, remove []string) (err error) {
	defer func(t time.Time) { i.done("Apply", t, err) }(time.Now())
	return i.s.Apply(ctx, g, remove)
}

func (i instrumented) Nodes(ctx context.Context, ids []string) (n []partnergraph.Node, err error) {
	defer func(t time.Time) { i.done("Nodes", t, err) }(time.Now())
	return i.s.Nodes(ctx, ids)
}

func (i instrumented) InvolvementPages(ctx context.Context, orgIDs []string, roles []partnergraph.Role, p partnergraph.Page) (out []partnergraph.InvolvementPage, err error) {
	defer func(t time.Time) { i.done("InvolvementPages", t, err) }(time.Now())
	return i.s.InvolvementPages(ctx, orgIDs, roles, p)
}

func (i instrumented) ProjectOutlines(ctx context.Context, ids []string) (p []*partnergraph.Project, err error) {
	defer func(t time.Time) { i.done("ProjectOutlines", t, err) }(time.Now())
	return i.s.ProjectOutlines(ctx, ids)
}

func (i instrumented) ProjectByCode(ctx context.Context, code string) (p *partnergraph.Project, err error) {
	defer func(t time.Time) { i.done("ProjectByCode", t, err) }(time.Now())
	return i.s.ProjectByCode(ctx, code)
}

func (i instrumented) OrganisationByName(ctx context.Context, name string) (o *partnergraph.Organisation, err error) {
	defer func(t time.Time) { i.done("OrganisationByName", t, err) }(time.Now())
	return i.s.OrganisationByName(ctx, name)
}

func (i instrumented) Projects(ctx context.Context, f *partnergraph.ProjectFilter, p partnergraph.Page) (r *partnergraph.ProjectPage, err error) {
	defer func(t time.Time) { i.done("Projects", t, err) }(time.Now())
	return i.s.Projects(ctx, f, p)
}

func (i instrumented) Organisations(ctx context.Context, f *partnergraph.OrganisationFilter, p partnergraph.Page) (r *partnergraph.OrganisationPage, err error) {
	defer func(t time.Time) { i.done("Organisations", t, err) }(time.Now())
	return i.s.Organisations(ctx, f, p)
}

func (i instrumented) Involvements(ctx context.Context, ids []string) (r [][]partnergraph.Involvement, err error) {
	defer func(t time.Time) { i.done("Involvements", t, err) }(time.Now())
	return i.s.Involvements(ctx, ids)
}

func (i instrumented) Edges(ctx context.Context, ids []string) (r [][]partnergraph.Edge, err error) {
	defer func(t time.Time) { i.done("Edges", t, err) }(time.Now())
	return i.s.Edges(ctx, ids)
}

func (i instrumented) Metrics(ctx context.Context, ids []string) (r []*partnergraph.Metrics, err error) {
	defer func(t time.Time) { i.done("Metrics", t, err) }(time.Now())
	return i.s.Metrics(ctx, ids)
}

func (i instrumented) Search(ctx context.Context, q string, kinds []partnergraph.NodeKind, first int) (r []partnergraph.SearchHit, err error) {
	defer func(t time.Time) { i.done("Search", t, err) }(time.Now())
	return i.s.Search(ctx, q, kinds, first)
}

func (i instrumented) Postings(ctx context.Context, f []partnergraph.Feature) (r [][]string, err error) {
	defer func(t time.Time) { i.done("Postings", t, err) }(time.Now())
	return i.s.Postings(ctx, f)
}

func (i instrumented) Ping(ctx context.Context) (err error) {
	defer func(t time.Time) { i.done("Ping", t, err) }(time.Now())
	return i.s.Ping(ctx)
}

// instrumentedCorpus is instrumented for a store that also keeps the
// documents' texts (Neo4j): that one optional power stays visible through
// the wrapper; every other is the Store's.
type instrumentedCorpus struct {
	instrumented
	c partnergraph.Corpus
}

// instrument wraps a store, keeping the Corpus it may be.
func instrument(s partnergraph.Store, o *observability) partnergraph.Store {
	i := instrumented{s: s, o: o}
	if c, ok := s.(partnergraph.Corpus); ok {
		return instrumentedCorpus{instrumented: i, c: c}
	}
	return i
}

func (i instrumented) EdgesAmong(ctx context.Context, ids, among []string) (e [][]partnergraph.Edge, err error) {
	defer func(t time.Time) { i.done("EdgesAmong", t, err) }(time.Now())
	return i.s.EdgesAmong(ctx, ids, among)
}

func (i instrumented) ProjectByCodeWithOrganisations(ctx context.Context, code string) (p *partnergraph.Project, o []*partnergraph.Organisation, err error) {
	defer func(t time.Time) { i.done("ProjectByCodeWithOrganisations", t, err) }(time.Now())
	return i.s.ProjectByCodeWithOrganisations(ctx, code)
}

func (i instrumented) Group(ctx context.Context, by partnergraph.GroupBy, f *partnergraph.ProjectFilter) (b []partnergraph.Bucket, err error) {
	defer func(t time.Time) { i.done("Group", t, err) }(time.Now())
	return i.s.Group(ctx, by, f)
}

var _ partnergraph.Corpus = instrumentedCorpus{}

func (i instrumentedCorpus) CorpusVersion(ctx context.Context) (v int64, err error) {
	defer func(t time.Time) { i.done("CorpusVersion", t, err) }(time.Now())
	return i.c.CorpusVersion(ctx)
}

func (i instrumentedCorpus) Documents(ctx context.Context) (d []partnergraph.StoredDocument, v int64, err error) {
	defer func(t time.Time) { i.done("Documents", t, err) }(time.Now())
	return i.c.Documents(ctx)
}

func (i instrumentedCorpus) PutDocuments(ctx context.Context, docs []partnergraph.StoredDocument, ids []partnergraph.IDAnchor) (err error) {
	defer func(t time.Time) { i.done("PutDocuments", t, err) }(time.Now())
	return i.c.PutDocuments(ctx, docs, ids)
}

func (i instrumentedCorpus) ApplyDocument(ctx context.Context, c partnergraph.DocumentChange) (v int64, err error) {
	defer func(t time.Time) { i.done("ApplyDocument", t, err) }(time.Now())
	return i.c.ApplyDocument(ctx, c)
}

func (i instrumentedCorpus) ChangesSince(ctx context.Context, v int64) (c []partnergraph.GraphChange, now int64, err error) {
	defer func(t time.Time) { i.done("ChangesSince", t, err) }(time.Now())
	return i.c.ChangesSince(ctx, v)
}

func (i instrumentedCorpus) IDs(ctx context.Context) (ids []partnergraph.IDAnchor, err error) {
	defer func(t time.Time) { i.done("IDs", t, err) }(time.Now())
	return i.c.IDs(ctx)
}

// GraphVersion forwards to the store when it is Versioned; an error says it
// is not, and the response cache then stays out of the way.
func (i instrumented) GraphVersion(ctx context.Context) (v string, err error) {
	vs, ok := i.s.(partnergraph.Versioned)
	if !ok {
		return "", errors.New("the store has no graph version")
	}
	defer func(t time.Time) { i.done("GraphVersion", t, err) }(time.Now())
	return vs.GraphVersion(ctx)
}
