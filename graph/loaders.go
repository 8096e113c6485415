package graph

import (
	"context"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/partnergraph/partnergraph"
)

// loaders batch the store calls of one operation: every node or
// involvement asked for while a level of the query resolves is fetched in
// one store call.
type loaders struct {
	nodes        *dataloadgen.Loader[string, partnergraph.Node]
	involvements *dataloadgen.Loader[string, []partnergraph.Involvement]
	metrics      *dataloadgen.Loader[string, *partnergraph.Metrics]
}

type loadersKey struct{}

// DefaultBatchWait is how long a loader waits for more keys before it asks
// the store: long enough for a level of a query to gather its keys.
const DefaultBatchWait = 2 * time.Millisecond

func newLoaders(store partnergraph.Store, batchWait time.Duration) *loaders {
	if batchWait <= 0 {
		batchWait = DefaultBatchWait
	}
	wait := dataloadgen.WithWait(batchWait)
	return &loaders{
		nodes: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]partnergraph.Node, []error) {
			nodes, err := store.Nodes(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			return nodes, nil
		}, wait, dataloadgen.WithBatchCapacity(10000)),
		involvements: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]partnergraph.Involvement, []error) {
			inv, err := store.Involvements(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			return inv, nil
		}, wait, dataloadgen.WithBatchCapacity(10000)),
		metrics: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*partnergraph.Metrics, []error) {
			m, err := store.Metrics(ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			return m, nil
		}, wait, dataloadgen.WithBatchCapacity(10000)),
	}
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
	return r.loaders(ctx).nodes.Load(ctx, id)
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
	nodes, err := r.loaders(ctx).nodes.LoadAll(ctx, ids)
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
