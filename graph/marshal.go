package graph

import (
	"context"
	"reflect"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// marshalList marshals a list of objects. gqlgen marshals every element in
// a goroutine of its own (graphql.MarshalSliceConcurrently), so that a
// dataloader can gather one field of every element into one store call.
// When nothing below the list waits for a loader, that buys nothing and
// costs a goroutine, its stack and a wait group an element: then the
// elements are marshalled in order, on the caller's goroutine.
//
// First, a list of projects or organisations starts a walk (prefetch.go),
// which loads what the selection below asks for, level by level.
//
// Nothing below a list waits when every field below it that goes to the
// store is one a walk follows, and a walk has run: this list started one,
// or one above it covered it. Otherwise the list is marshalled as gqlgen
// does. graph/generate points the executor's calls here, with the list
// itself; the generated file is never edited by hand.
func (ec *executionContext) marshalList(ctx context.Context, list any, length int, workerLimit int64, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	fc := graphql.GetFieldContext(ctx)
	if length == 0 || fc == nil || fc.Field.Field == nil {
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshalElement)
	}
	walked := true
	if startsWalk(fc) {
		if r, ok := ec.Resolvers.(*Resolver); ok {
			// When the walk fails (the store is down), the resolvers below
			// load what it could not, through the loaders, and answer the
			// error where it belongs.
			walked = r.walkList(ctx, fc, list) == nil
		}
	}
	if length < 2 || !walked || !inOrder(ctx, fc) {
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshalElement)
	}
	ret := make(graphql.Array, length)
	for i := range length {
		fc := &graphql.FieldContext{Index: &i}
		childCtx := graphql.WithFieldContext(ctx, fc)
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(childCtx, graphql.Recover(childCtx, r))
					ret[i] = graphql.Null
				}
			}()
			ret[i] = marshalElement(childCtx, i)
		}()
	}
	return ret
}

// inOrder tells whether the list being marshalled can be marshalled in
// order. What its selection asks for is kept for the request, by field;
// whether a walk covered it depends on where the field stands (a fragment
// puts one field in several places), and is read each time.
func inOrder(ctx context.Context, fc *graphql.FieldContext) bool {
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok {
		return false
	}
	l.mu.Lock()
	sel, ok := l.selections[fc.Field.Field]
	l.mu.Unlock()
	if !ok {
		sel = listSelection(graphql.GetOperationContext(ctx), fc)
		l.mu.Lock()
		if l.selections == nil {
			l.selections = map[*ast.Field]listKind{}
		}
		l.selections[fc.Field.Field] = sel
		l.mu.Unlock()
	}
	switch sel {
	case freeList:
		return true
	case coveredList:
		return walkedAbove(fc)
	}
	return false
}

// listKind is what a list's selection asks of the store.
type listKind int

const (
	uncoveredList listKind = iota // something the walk does not follow
	coveredList                   // only what a walk loads
	freeList                      // nothing
)

// listSelection reads a list field's selection.
func listSelection(op *graphql.OperationContext, fc *graphql.FieldContext) listKind {
	kind := freeList
	for _, c := range concreteTypes(fc.Field.Definition.Type.Name()) {
		fields := graphql.CollectFields(op, fc.Field.Selections, implementorsOf(c))
		if !covered(op, c, fields) {
			return uncoveredList
		}
		if !free(op, c, fields) {
			kind = coveredList
		}
	}
	return kind
}

// covered tells whether a walk loads everything a selection of a type asks
// of the store: every field that goes to a resolver is one the walk
// follows, and so is every field on the way to one.
func covered(op *graphql.OperationContext, typ string, fields []graphql.CollectedField) bool {
	for _, f := range fields {
		if len(f.Selections) == 0 {
			if resolverFields[typ][f.Name] && !walkable[typ][f.Name] {
				return false
			}
			continue
		}
		for _, c := range concreteTypes(f.Definition.Type.Name()) {
			sub := graphql.CollectFields(op, f.Selections, implementorsOf(c))
			if !walkable[typ][f.Name] || !walksArgs(op, typ, f) {
				if resolverFields[typ][f.Name] || !free(op, c, sub) {
					return false
				}
				continue
			}
			if !covered(op, c, sub) {
				return false
			}
		}
	}
	return true
}

// walksArgs tells whether the walk follows a field with its arguments: an
// organisation's metrics in a period are computed, not loaded.
func walksArgs(op *graphql.OperationContext, typ string, f graphql.CollectedField) bool {
	if typ == "Organisation" && f.Name == "metrics" {
		return f.ArgumentMap(op.Variables)["period"] == nil
	}
	return true
}

// resolverFields are the fields that have a resolver, by type, read from
// the generated ResolverRoot: each of its methods returns the resolver of a
// type, whose methods are the fields.
var resolverFields = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	root := reflect.TypeFor[ResolverRoot]()
	for i := range root.NumMethod() {
		m := root.Method(i)
		r := m.Type.Out(0)
		fields := map[string]bool{}
		for j := range r.NumMethod() {
			name := r.Method(j).Name
			fields[strings.ToLower(name[:1])+name[1:]] = true
		}
		out[m.Name] = fields
	}
	return out
}()
