package graph

import (
	"context"
	"sync"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/model"
	"github.com/partnergraph/partnergraph/network"
)

// timeRange reads a period argument; nil when none is given, EINVALID when
// a bound is malformed.
func timeRange(in *model.PeriodInput) (*partnergraph.TimeRange, error) {
	if in == nil {
		return nil, nil
	}
	tr := &partnergraph.TimeRange{From: deref(in.From), To: deref(in.To)}
	if _, _, err := tr.Days(); err != nil {
		return nil, err
	}
	return tr, nil
}

// withPeriod adds a period to a filter (nil for none).
func withPeriod(f *partnergraph.ProjectFilter, period *model.PeriodInput) (*partnergraph.ProjectFilter, error) {
	tr, err := timeRange(period)
	if err != nil || tr == nil {
		return f, err
	}
	if f == nil {
		return &partnergraph.ProjectFilter{Period: tr}, nil
	}
	return &partnergraph.ProjectFilter{And: []*partnergraph.ProjectFilter{f}, Period: tr}, nil
}

// activeIn is the test of the projects a period keeps; nil without one.
func activeIn(tr *partnergraph.TimeRange) func(*partnergraph.Project) bool {
	if tr == nil {
		return nil
	}
	return tr.Matches
}

// allow is the network's test of the nodes it reaches: those of the
// sources (fromSources) and, of the projects, those active in the period;
// nil when neither is given.
func (r *Resolver) allow(sources []partnergraph.Source, tr *partnergraph.TimeRange) func(ctx context.Context, ids []string) (map[string]bool, error) {
	bySource := r.fromSources(sources)
	if tr == nil {
		return bySource
	}
	byPeriod := network.AllowProjects(r.Store, tr.Matches, nil)
	if bySource == nil {
		return byPeriod
	}
	return func(ctx context.Context, ids []string) (map[string]bool, error) {
		ok, err := bySource(ctx, ids)
		if err != nil {
			return nil, err
		}
		var kept []string
		for _, id := range ids {
			if ok[id] {
				kept = append(kept, id)
			}
		}
		return byPeriod(ctx, kept)
	}
}

// periodMetricsCache keeps the metrics of the last periods asked for, for
// the graph's version they were computed on (a store that is not
// partnergraph.Versioned keeps none): a period's metrics cost seconds on a
// large graph, and a researcher moving through periods asks for the same
// ones again, of other organisations.
type periodMetricsCache struct {
	mu      sync.Mutex
	entries []periodMetricsEntry // the most recent last
}

type periodMetricsEntry struct {
	version string
	tr      partnergraph.TimeRange
	m       map[string]partnergraph.Metrics
}

// periodMetricsKept is how many periods' metrics are kept.
const periodMetricsKept = 8

func (c *periodMetricsCache) get(version string, tr partnergraph.TimeRange) map[string]partnergraph.Metrics {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries {
		if e.version == version && e.tr == tr {
			return e.m
		}
	}
	return nil
}

func (c *periodMetricsCache) put(version string, tr partnergraph.TimeRange, m map[string]partnergraph.Metrics) {
	c.mu.Lock()
	defer c.mu.Unlock()
	kept := c.entries[:0]
	for _, e := range c.entries {
		if e.version == version && e.tr != tr { // an older version's are stale
			kept = append(kept, e)
		}
	}
	c.entries = append(kept, periodMetricsEntry{version, tr, m})
	if len(c.entries) > periodMetricsKept {
		c.entries = c.entries[len(c.entries)-periodMetricsKept:]
	}
}

// periodMetrics are the metrics of one period, computed once a request
// however many organisations ask for them.
type periodMetrics struct {
	mu   sync.Mutex
	runs map[partnergraph.TimeRange]*periodRun
}

type periodRun struct {
	once sync.Once
	m    map[string]partnergraph.Metrics
	err  error
}

func (p *periodMetrics) get(ctx context.Context, store partnergraph.Store, kept *periodMetricsCache, tr partnergraph.TimeRange) (map[string]partnergraph.Metrics, error) {
	p.mu.Lock()
	if p.runs == nil {
		p.runs = map[partnergraph.TimeRange]*periodRun{}
	}
	run := p.runs[tr]
	if run == nil {
		run = &periodRun{}
		p.runs[tr] = run
	}
	p.mu.Unlock()
	run.once.Do(func() {
		vs, versioned := store.(partnergraph.Versioned)
		var version string
		if versioned {
			// Read before the metrics: a write meanwhile leaves them under
			// the older version, which no later request asks for.
			if version, run.err = vs.GraphVersion(ctx); run.err != nil {
				return
			}
			if run.m = kept.get(version, tr); run.m != nil {
				return
			}
		}
		if run.m, run.err = network.MetricsIn(ctx, store, tr); run.err == nil && versioned {
			kept.put(version, tr, run.m)
		}
	})
	return run.m, run.err
}

// metricsIn is an organisation's metrics in the period, with those of the
// period before; nil when it has no project in the period.
func (r *Resolver) metricsIn(ctx context.Context, orgID string, tr partnergraph.TimeRange) (*model.NetworkMetrics, error) {
	l := r.loaders(ctx)
	at := func(tr partnergraph.TimeRange) (*model.NetworkMetrics, bool, error) {
		all, err := l.periods.get(ctx, r.Store, &r.periods, tr)
		if err != nil {
			return nil, false, err
		}
		from, to, _ := tr.Days()
		out := &model.NetworkMetrics{Metrics: all[orgID]}
		if tr.From != "" {
			out.From = &from
		}
		if tr.To != "" {
			out.To = &to
		}
		_, ok := all[orgID]
		return out, ok, nil
	}
	out, ok, err := at(tr)
	if err != nil || !ok {
		return nil, err
	}
	if prev, has := tr.Previous(); has {
		// An organisation with no project in the period before has zero
		// metrics there.
		if out.Previous, _, err = at(prev); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// paths gives paths their nodes and edges for drawing.
func (r *Resolver) paths(ctx context.Context, paths []network.Path) ([]*model.Path, error) {
	out := make([]*model.Path, 0, len(paths))
	for _, p := range paths {
		sg, err := r.subgraph(ctx, p.NodeIDs, p.Edges, false)
		if err != nil {
			return nil, err
		}
		out = append(out, &model.Path{Length: len(p.Edges), Nodes: sg.Nodes, Edges: sg.Edges})
	}
	return out, nil
}
