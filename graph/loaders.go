package graph

import (
	"context"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/partnergraph/partnergraph"
)

// loaders batch the store calls of one operation: every node or
// involvement asked for while a level of the query resolves is fetched in
// one store call. Each loader is made on first use, so an operation that
// needs none (most small ones) pays for none.
type loaders struct {
	store        partnergraph.Store
	wait         dataloadgen.Option
	nodes        lazy[partnergraph.Node]
	involvements lazy[[]partnergraph.Involvement]
	metrics      lazy[*partnergraph.Metrics]
	periods      periodMetrics
}

// lazy is a loader made on first use.
type lazy[V any] struct {
	once   sync.Once
	loader *dataloadgen.Loader[string, V]
}

func (l *lazy[V]) get(fetch func(ctx context.Context, ids []string) ([]V, error), wait dataloadgen.Option) *dataloadgen.Loader[string, V] {
	l.once.Do(func() {
		l.loader = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]V, []error) {
			v, err := fetch(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			return v, nil
		}, wait, dataloadgen.WithBatchCapacity(10000))
	})
	return l.loader
}

func (l *loaders) nodeLoader() *dataloadgen.Loader[string, partnergraph.Node] {
	return l.nodes.get(l.store.Nodes, l.wait)
}

func (l *loaders) involvementLoader() *dataloadgen.Loader[string, []partnergraph.Involvement] {
	return l.involvements.get(l.store.Involvements, l.wait)
}

func (l *loaders) metricsLoader() *dataloadgen.Loader[string, *partnergraph.Metrics] {
	return l.metrics.get(l.store.Metrics, l.wait)
}

type loadersKey struct{}

// DefaultBatchWait is how long a loader waits for more keys before it asks
// the store: long enough for a level of a query to gather its keys.
const DefaultBatchWait = 2 * time.Millisecond

func newLoaders(store partnergraph.Store, batchWait time.Duration) *loaders {
	if batchWait <= 0 {
		batchWait = DefaultBatchWait
	}
	return &loaders{store: store, wait: dataloadgen.WithWait(batchWait)}
}

func withLoaders(ctx context.Context, store partnergraph.Store, batchWait time.Duration) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(store, batchWait))
}

func (r *Resolver) loaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.Store, DefaultBatchWait)
}

// node loads one node; nil, nil when there is none.
func (r *Resolver) node(ctx context.Context, id string) (partnergraph.Node, error) {
	if id == "" {
		return nil, nil
	}
	if partnergraph.KindOfID(id) == partnergraph.KindCountry {
		if c, ok := partnergraph.CountryByCode(id[len("country:"):]); ok {
			return c, nil
		}
		return nil, nil
	}
	return r.loaders(ctx).nodeLoader().Load(ctx, id)
}

// nodes loads many nodes of any kind in one batch, in order; nil where
// there is none.
func (r *Resolver) nodes(ctx context.Context, ids []string) ([]partnergraph.Node, error) {
	out := make([]partnergraph.Node, len(ids))
	var stored []string
	var at []int
	for i, id := range ids {
		switch {
		case id == "":
		case partnergraph.KindOfID(id) == partnergraph.KindCountry:
			n, err := r.node(ctx, id)
			if err != nil {
				return nil, err
			}
			out[i] = n
		default:
			stored, at = append(stored, id), append(at, i)
		}
	}
	if len(stored) == 0 {
		return out, nil
	}
	found, err := r.loaders(ctx).nodeLoader().LoadAll(ctx, stored)
	if err != nil {
		return nil, err
	}
	for j, n := range found {
		out[at[j]] = n
	}
	return out, nil
}

// loadAs loads a node of a known type; nil, nil when there is none.
func loadAs[T partnergraph.Node](ctx context.Context, r *Resolver, id string) (T, error) {
	var zero T
	n, err := r.node(ctx, id)
	if err != nil || n == nil {
		return zero, err
	}
	v, ok := n.(T)
	if !ok {
		return zero, nil
	}
	return v, nil
}

// loadAllAs loads many nodes of a known type, dropping the missing ones.
func loadAllAs[T partnergraph.Node](ctx context.Context, r *Resolver, ids []string) ([]T, error) {
	if len(ids) == 0 {
		return []T{}, nil
	}
	nodes, err := r.loaders(ctx).nodeLoader().LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(nodes))
	for _, n := range nodes {
		if v, ok := n.(T); ok {
			out = append(out, v)
		}
	}
	return out, nil
}
