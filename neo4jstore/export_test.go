package neo4jstore

// Test hooks for the external tests of this package.

// SetMetricsFault makes every metrics job call f first and fail with its
// error.
func SetMetricsFault(s *Store, f func() error) {
	if f == nil {
		s.metricsFault.Store(nil)
		return
	}
	s.metricsFault.Store(&f)
}

// MetricsJobDone returns a channel closed when the latest metrics job has
// finished, and whether it failed then.
func MetricsJobDone(s *Store) (<-chan struct{}, func() bool) {
	s.metrics.mu.Lock()
	defer s.metrics.mu.Unlock()
	return s.metrics.done, func() bool {
		s.metrics.mu.Lock()
		defer s.metrics.mu.Unlock()
		return s.metrics.failed
	}
}
