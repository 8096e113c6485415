package graph

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vikstrous/dataloadgen"

	"github.com/partnergraph/partnergraph"
)

// loaders batch the store calls of one operation: every node or
// involvement asked for while a level of the query resolves is fetched in
// one store call. Each loader is made on first use, so an operation that
// needs none (most small ones) pays for none.
//
// Before them comes the request's cache: what the batch resolvers and their
// walks (prefetch.go) loaded, and what the loaders answered. A node found
// there costs neither a store call nor a loader's wait.
type loaders struct {
	store        partnergraph.Store
	wait         dataloadgen.Option
	nodes        lazy[partnergraph.Node]
	involvements lazy[[]partnergraph.Involvement]
	metrics      lazy[*partnergraph.Metrics]
	periods      periodMetrics

	mu          sync.Mutex
	known       map[string]partnergraph.Node // nil for an id the store does not have
	knownInv    map[string][]partnergraph.Involvement
	knownMetric map[string]*partnergraph.Metrics
	// outlines are projects read as outlines (ProjectOutlines) by a walk
	// whose lists ask for no more; a whole project in known wins.
	outlines   map[string]*partnergraph.Project
	pages      map[string]map[string]partnergraph.InvolvementPage // by pagesKey, then organisation
	selections map[*ast.Field]listKind                            // marshal.go
}

// pagesKey is the key of the pages of involvements of one roles set and
// one page.
func pagesKey(roles []partnergraph.Role, p partnergraph.Page) string {
	var b strings.Builder
	if roles == nil {
		b.WriteString("*")
	}
	for _, r := range roles {
		b.WriteString(string(r))
		b.WriteByte(',')
	}
	fmt.Fprintf(&b, "|%d|%s|%t", p.First, p.After, p.WithTotal)
	return b.String()
}

// fetchPages reads the pages of involvements the request does not hold, in
// one store call.
func (l *loaders) fetchPages(ctx context.Context, req pageRequest) error {
	key := pagesKey(req.roles, req.pg)
	l.mu.Lock()
	if l.pages == nil {
		l.pages = map[string]map[string]partnergraph.InvolvementPage{}
	}
	cache := l.pages[key]
	l.mu.Unlock()
	_, err := fetchInto(ctx, l, &cache, req.ids, func(ctx context.Context, ask []string) ([]partnergraph.InvolvementPage, error) {
		return l.store.InvolvementPages(ctx, ask, req.roles, req.pg)
	})
	l.mu.Lock()
	l.pages[key] = cache
	l.mu.Unlock()
	return err
}

// knownPage is an organisation's page of involvements, when the request
// holds it.
func (l *loaders) knownPage(id string, roles []partnergraph.Role, p partnergraph.Page) (partnergraph.InvolvementPage, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	pg, ok := l.pages[pagesKey(roles, p)][id]
	return pg, ok
}

// remember adds loaded nodes to the cache.
func remember[T partnergraph.Node](l *loaders, nodes []T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.known == nil {
		l.known = make(map[string]partnergraph.Node, len(nodes))
	}
	for _, n := range nodes {
		l.known[n.NodeID()] = n
	}
}

// cached looks ids up in the cache: the nodes found (countries need no
// store), and the positions of the others.
func (l *loaders) cached(ids []string) (out []partnergraph.Node, missing []int) {
	out = make([]partnergraph.Node, len(ids))
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, id := range ids {
		if id == "" {
			continue
		}
		if n, ok := l.known[id]; ok {
			out[i] = n
			continue
		}
		if partnergraph.KindOfID(id) == partnergraph.KindCountry {
			if c, ok := partnergraph.CountryByCode(id[len("country:"):]); ok {
				out[i] = c
			}
			continue
		}
		missing = append(missing, i)
	}
	return out, missing
}

// fetchNodes answers ids from the cache and loads the others in one store
// call, at once (no loader's wait), keeping them; nil where there is none.
func (l *loaders) fetchNodes(ctx context.Context, ids []string) ([]partnergraph.Node, error) {
	out, missing := l.cached(ids)
	if len(missing) == 0 {
		return out, nil
	}
	ask := make([]string, 0, len(missing))
	seen := make(map[string]bool, len(missing))
	for _, i := range missing {
		if !seen[ids[i]] {
			seen[ids[i]] = true
			ask = append(ask, ids[i])
		}
	}
	found, err := l.store.Nodes(ctx, ask)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.known == nil {
		l.known = make(map[string]partnergraph.Node, len(ask))
	}
	for j, id := range ask {
		l.known[id] = found[j]
	}
	for _, i := range missing {
		out[i] = l.known[ids[i]]
	}
	return out, nil
}

// fetchOutlines reads the outlines of the projects neither known whole nor
// as outlines, in one store call.
func (l *loaders) fetchOutlines(ctx context.Context, ids []string) error {
	l.mu.Lock()
	ask := make([]string, 0, len(ids))
	for _, id := range ids {
		if _, whole := l.known[id]; !whole {
			ask = append(ask, id)
		}
	}
	l.mu.Unlock()
	_, err := fetchInto(ctx, l, &l.outlines, ask, l.store.ProjectOutlines)
	return err
}

// knownOutlines are the projects of ids the request holds, whole or as
// outlines, in order; ok is false when one of them is held neither way.
// Missing projects (nil) are dropped.
func (l *loaders) knownOutlines(ids []string) (out []*partnergraph.Project, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out = make([]*partnergraph.Project, 0, len(ids))
	for _, id := range ids {
		if n, found := l.known[id]; found {
			if p, isProject := n.(*partnergraph.Project); isProject {
				out = append(out, p)
			}
			continue
		}
		p, found := l.outlines[id]
		if !found {
			return nil, false
		}
		if p != nil {
			out = append(out, p)
		}
	}
	return out, true
}

// fetchInvolvements is fetchNodes for organisations' involvements.
func (l *loaders) fetchInvolvements(ctx context.Context, ids []string) ([][]partnergraph.Involvement, error) {
	return fetchInto(ctx, l, &l.knownInv, ids, l.store.Involvements)
}

// fetchMetrics is fetchNodes for organisations' metrics.
func (l *loaders) fetchMetrics(ctx context.Context, ids []string) ([]*partnergraph.Metrics, error) {
	return fetchInto(ctx, l, &l.knownMetric, ids, l.store.Metrics)
}

func fetchInto[V any](ctx context.Context, l *loaders, cache *map[string]V, ids []string, fetch func(context.Context, []string) ([]V, error)) ([]V, error) {
	out := make([]V, len(ids))
	var ask []string
	l.mu.Lock()
	seen := map[string]bool{}
	for i, id := range ids {
		if v, ok := (*cache)[id]; ok {
			out[i] = v
		} else if !seen[id] {
			seen[id] = true
			ask = append(ask, id)
		}
	}
	l.mu.Unlock()
	if len(ask) == 0 {
		return out, nil
	}
	found, err := fetch(ctx, ask)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if *cache == nil {
		*cache = make(map[string]V, len(ask))
	}
	for j, id := range ask {
		(*cache)[id] = found[j]
	}
	for i, id := range ids {
		out[i] = (*cache)[id]
	}
	return out, nil
}

// involvementsOfOrganisation is an organisation's involvements, from the
// cache or the loader.
func (r *Resolver) involvementsOfOrganisation(ctx context.Context, id string) ([]partnergraph.Involvement, error) {
	l := r.loaders(ctx)
	return cachedOr(ctx, l, &l.knownInv, id, l.involvementLoader)
}

// metricsOf is an organisation's network metrics, from the cache or the
// loader.
func (r *Resolver) metricsOf(ctx context.Context, id string) (*partnergraph.Metrics, error) {
	l := r.loaders(ctx)
	return cachedOr(ctx, l, &l.knownMetric, id, l.metricsLoader)
}

// cachedOr is an organisation's value from one of the request's caches, or
// from its loader.
func cachedOr[V any](ctx context.Context, l *loaders, cache *map[string]V, id string, loader func() *dataloadgen.Loader[string, V]) (V, error) {
	l.mu.Lock()
	v, ok := (*cache)[id]
	l.mu.Unlock()
	if ok {
		return v, nil
	}
	return loader().Load(ctx, id)
}

// knownInvolvements is an organisation's involvements from the cache.
func (l *loaders) knownInvolvements(id string) []partnergraph.Involvement {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.knownInv[id]
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
	l := r.loaders(ctx)
	if out, missing := l.cached([]string{id}); len(missing) == 0 {
		return out[0], nil
	}
	return l.nodeLoader().Load(ctx, id)
}

// nodes loads many nodes of any kind in one batch, in order; nil where
// there is none.
func (r *Resolver) nodes(ctx context.Context, ids []string) ([]partnergraph.Node, error) {
	l := r.loaders(ctx)
	out, missing := l.cached(ids)
	if len(missing) == 0 {
		return out, nil
	}
	stored := make([]string, len(missing))
	for j, i := range missing {
		stored[j] = ids[i]
	}
	found, err := l.nodeLoader().LoadAll(ctx, stored)
	if err != nil {
		return nil, err
	}
	for j, n := range found {
		out[missing[j]] = n
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
	nodes, err := r.nodes(ctx, ids)
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
