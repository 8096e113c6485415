package neo4jstore

import (
	"context"
	"sync"
	"time"
)

// metricsJobs recomputes the network metrics in the background after every
// write, as memstore does: a write is reported as soon as it commits, and
// whoever reads metrics (Metrics, organisations sorted or filtered by a
// metric) waits for the job of the latest write of this process. Jobs run
// one at a time; a job that a later write has made stale skips its write.
// A job that fails (the database went down) is logged and run again by the
// next reader, so the metrics catch up when the database is back.
type metricsJobs struct {
	mu      sync.Mutex
	gen     int           // writes seen
	done    chan struct{} // closed when the job of gen has finished
	failed  bool          // the job of gen failed
	running sync.Mutex    // held while a job runs
}

// refresh starts a job for the write just committed.
func (m *metricsJobs) refresh(s *Store) {
	m.mu.Lock()
	m.gen++
	gen, done := m.gen, make(chan struct{})
	m.done, m.failed = done, false
	m.mu.Unlock()
	go m.run(s, gen, done)
}

func (m *metricsJobs) run(s *Store, gen int, done chan struct{}) {
	m.running.Lock()
	defer m.running.Unlock()
	defer close(done)
	m.mu.Lock()
	stale := gen != m.gen
	m.mu.Unlock()
	if stale {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	start := time.Now()
	if err := s.updateMetrics(ctx); err != nil {
		s.log.Error("network metrics not updated; the next reader of metrics retries", "err", err)
		m.mu.Lock()
		if gen == m.gen {
			m.failed = true
		}
		m.mu.Unlock()
		return
	}
	s.log.Debug("network metrics updated", "in", time.Since(start))
}

// wait returns when the metrics of the latest write are stored, or ctx ends.
// After a failed job it starts another and waits for that one.
func (m *metricsJobs) wait(ctx context.Context, s *Store) error {
	m.mu.Lock()
	done, failed := m.done, m.failed
	m.mu.Unlock()
	if done == nil {
		return nil
	}
	if failed {
		m.refresh(s)
		m.mu.Lock()
		done = m.done
		m.mu.Unlock()
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
