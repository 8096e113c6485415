package graph

import (
	"context"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Cacheable is told by the handler whether an answer may be kept by a
// response cache: it answered a query (not a mutation or a subscription)
// without errors.
type Cacheable struct {
	ok, told atomic.Bool
}

// OK says whether the answer may be kept.
func (c *Cacheable) OK() bool { return c.told.Load() && c.ok.Load() }

type cacheableKey struct{}

// WithCacheable returns a context whose answer tells c whether it may be
// cached.
func WithCacheable(ctx context.Context, c *Cacheable) context.Context {
	return context.WithValue(ctx, cacheableKey{}, c)
}

// tellCacheable marks the request's answer: a query answered without
// errors may be cached; anything else, or a second answer, may not.
func tellCacheable(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	c, _ := ctx.Value(cacheableKey{}).(*Cacheable)
	if c == nil {
		return resp
	}
	ok := resp != nil && len(resp.Errors) == 0 && graphql.HasOperationContext(ctx)
	if ok {
		op := graphql.GetOperationContext(ctx).Operation
		ok = op != nil && op.Operation == ast.Query
	}
	if c.told.Swap(true) {
		ok = false // a stream of answers is no one answer
	}
	c.ok.Store(ok)
	return resp
}
