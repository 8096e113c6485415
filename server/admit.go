package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/partnergraph/partnergraph"
)

// admission bounds how many GraphQL requests execute at once. A nested
// query fans out into many goroutines; 32 of them sharing two cores all
// finish late, where the same requests run a few at a time, the rest
// waiting in arrival order, each finish in about its own service time plus
// its wait. Requests past the limit wait (FIFO: Go queues the senders on a
// channel in order) for at most wait; when maxQueued already wait, a new
// one is refused at once with 429, and one that waited too long gets 503,
// both JSON with extensions.code EUNAVAILABLE and a Retry-After.
type admission struct {
	slots     chan struct{}
	maxQueued int64
	wait      time.Duration
	queued    atomic.Int64

	queueLength prometheus.GaugeFunc
	inFlight    prometheus.GaugeFunc
	waited      prometheus.Histogram
	refused     *prometheus.CounterVec
}

func newAdmission(limit, maxQueued int, wait time.Duration, reg prometheus.Registerer) *admission {
	a := &admission{slots: make(chan struct{}, limit), maxQueued: int64(maxQueued), wait: wait}
	a.queueLength = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "partnergraph_queue_length", Help: "GraphQL requests waiting for an execution slot.",
	}, func() float64 { return float64(a.queued.Load()) })
	a.inFlight = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "partnergraph_executing", Help: "GraphQL requests executing (at most -max-concurrent).",
	}, func() float64 { return float64(len(a.slots)) })
	a.waited = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "partnergraph_queue_wait_seconds", Help: "How long GraphQL requests waited for an execution slot.",
		Buckets: prometheus.ExponentialBuckets(0.0001, 2, 18),
	})
	a.refused = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "partnergraph_queue_refused_total", Help: "GraphQL requests refused by the admission queue: full (429) or timeout (503).",
	}, []string{"reason"})
	reg.MustRegister(a.queueLength, a.inFlight, a.waited, a.refused)
	return a
}

func (a *admission) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A write has its own lane: writes go one at a time anyway (the
		// library takes them in turn), and one waiting behind every
		// queued read answered in seconds under load.
		if isWrite(r) {
			next.ServeHTTP(w, r)
			return
		}
		// The fast path: a free slot, no queue.
		select {
		case a.slots <- struct{}{}:
			a.waited.Observe(0)
			defer func() { <-a.slots }()
			next.ServeHTTP(w, r)
			return
		default:
		}
		if a.queued.Add(1) > a.maxQueued {
			a.queued.Add(-1)
			a.refused.WithLabelValues("full").Inc()
			w.Header().Set("Retry-After", "1")
			writeEdgeError(w, r, http.StatusTooManyRequests, "EUNAVAILABLE",
				fmt.Sprintf("the server is busy: %d requests execute and %d wait; retry in a moment", cap(a.slots), a.maxQueued))
			return
		}
		start := time.Now()
		timer := time.NewTimer(a.wait)
		defer timer.Stop()
		select {
		case a.slots <- struct{}{}:
			a.queued.Add(-1)
			a.waited.Observe(time.Since(start).Seconds())
			defer func() { <-a.slots }()
			next.ServeHTTP(w, r)
		case <-timer.C:
			a.queued.Add(-1)
			a.refused.WithLabelValues("timeout").Inc()
			w.Header().Set("Retry-After", "1")
			writeEdgeError(w, r, http.StatusServiceUnavailable, "EUNAVAILABLE",
				fmt.Sprintf("the server is busy: no execution slot came free in %s; retry in a moment", a.wait))
		case <-r.Context().Done():
			a.queued.Add(-1)
			a.refused.WithLabelValues("gone").Inc()
		}
	})
}

// isWrite: an authenticated POST whose operation is a mutation. The start
// of the body is read to tell (and put back); a mutation named further in
// than that, or a document whose first operation is not the one run, is
// taken for a read: it only waits in the queue as reads do.
func isWrite(r *http.Request) bool {
	if r.Method != http.MethodPost || partnergraph.PrincipalFrom(r.Context()) == nil || r.Body == nil {
		return false
	}
	head := make([]byte, 2048)
	n, _ := io.ReadFull(r.Body, head)
	head = head[:n]
	r.Body = readCloser{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
	q := head
	if i := bytes.Index(q, []byte(`"query"`)); i >= 0 {
		q = bytes.TrimLeft(q[i+len(`"query"`):], " \t\r\n:")
		q = bytes.TrimPrefix(q, []byte(`"`))
	}
	for {
		q = bytes.TrimLeft(q, " \t\r\n,")
		if bytes.HasPrefix(q, []byte(`\n`)) || bytes.HasPrefix(q, []byte(`\t`)) || bytes.HasPrefix(q, []byte(`\r`)) {
			q = q[2:]
			continue
		}
		if len(q) > 0 && q[0] == '#' { // a comment, to the end of its line
			if i := bytes.IndexAny(q, "\n"); i >= 0 {
				q = q[i+1:]
			} else if i := bytes.Index(q, []byte(`\n`)); i >= 0 {
				q = q[i+2:]
			} else {
				return false
			}
			continue
		}
		break
	}
	return bytes.HasPrefix(q, []byte("mutation"))
}

type readCloser struct {
	io.Reader
	io.Closer
}
