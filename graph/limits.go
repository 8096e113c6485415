package graph

import (
	"context"
	"strings"
	"sync"

	gqlcomplexity "github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/model"
	"github.com/partnergraph/partnergraph/network"
)

// Limits against hostile queries; each refusal has its own code.
const (
	DefaultMaxDepth         = 12
	DefaultMaxAliases       = 30
	DefaultParserTokenLimit = 10000
)

// Error codes of the limits.
const (
	CodeDepthLimit = "EDEPTH_LIMIT"
	CodeAliasLimit = "EALIAS_LIMIT"
)

// shapeLimits refuses operations nested too deep or with too many aliases,
// before anything runs.
type shapeLimits struct{ maxDepth, maxAliases int }

func (shapeLimits) ExtensionName() string                   { return "PartnergraphShapeLimits" }
func (shapeLimits) Validate(graphql.ExecutableSchema) error { return nil }
func (l shapeLimits) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	depth, aliases := measure(oc.Operation.SelectionSet, 1, 0)
	if depth > l.maxDepth {
		err := gqlerror.Errorf("the query is nested %d levels deep; at most %d", depth, l.maxDepth)
		err.Extensions = map[string]any{"code": CodeDepthLimit}
		return err
	}
	if aliases > l.maxAliases {
		err := gqlerror.Errorf("the query has %d aliases; at most %d", aliases, l.maxAliases)
		err.Extensions = map[string]any{"code": CodeAliasLimit}
		return err
	}
	return nil
}

// measure returns the depth of a selection set and its number of aliases,
// fragments included. guard stops fragments that spread each other (which
// validation refuses anyway).
func measure(set ast.SelectionSet, depth, guard int) (int, int) {
	if guard > 64 {
		return depth, 0
	}
	maxDepth, aliases := depth, 0
	for _, sel := range set {
		var sub ast.SelectionSet
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				aliases++
			}
			if len(s.SelectionSet) == 0 {
				continue
			}
			// The standard introspection queries (graphql-js's
			// getIntrospectionQuery, GraphiQL's, Apollo's) nest 15 levels
			// deep, most of them a chain of ofType: they are exempt, as long
			// as they stay in that shape. Deep nesting hidden inside an
			// introspection field is measured as any other.
			if strings.HasPrefix(s.Name, "__") && introspectionShape(s.SelectionSet, 1, 0, 0) {
				continue
			}
			d, a := measure(s.SelectionSet, depth+1, guard+1)
			maxDepth, aliases = max(maxDepth, d), aliases+a
			continue
		case *ast.InlineFragment:
			sub = s.SelectionSet
		case *ast.FragmentSpread:
			if s.Definition != nil {
				sub = s.Definition.SelectionSet
			}
		}
		d, a := measure(sub, depth, guard+1)
		maxDepth, aliases = max(maxDepth, d), aliases+a
	}
	return maxDepth, aliases
}

// Introspection shape: at most this many levels that are not ofType, and
// at most this many ofType in a row.
const (
	maxIntrospectionLevels = 7
	maxOfTypeChain         = 12
)

// introspectionShape: a selection set under an introspection field nests at
// most maxIntrospectionLevels levels other than ofType, and at most
// maxOfTypeChain ofType in a row.
func introspectionShape(set ast.SelectionSet, levels, chain, guard int) bool {
	if guard > 64 || levels > maxIntrospectionLevels || chain > maxOfTypeChain {
		return false
	}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) == 0 {
				continue
			}
			if s.Alias != "" && s.Alias != s.Name {
				return false // the standard queries have none
			}
			nl, nc := levels+1, 0
			if s.Name == "ofType" {
				nl, nc = levels, chain+1
			}
			if !introspectionShape(s.SelectionSet, nl, nc, guard+1) {
				return false
			}
		case *ast.InlineFragment:
			if !introspectionShape(s.SelectionSet, levels, chain, guard+1) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && !introspectionShape(s.Definition.SelectionSet, levels, chain, guard+1) {
				return false
			}
		}
	}
	return true
}

// complexity counts list sizes: a list field costs its children once per
// item it may return.
//
// A list size past its own maximum is counted as the maximum plus one: the
// resolver then refuses it with a range error that says what the maximum
// is ("first must be between 0 and 100"), instead of a complexity error
// about a number the client never wrote.
func complexity(c *ComplexityRoot) {
	size := func(v *int, def, most int) int { return min(max(intOr(v, def), 0), most+1) }
	per := func(child int, first *int, def int) int { return 1 + child*size(first, def, partnergraph.MaxPageSize) }
	c.Query.Projects = func(child int, _ *model.ProjectFilter, _ *model.ProjectOrder, first *int, _ *string) int {
		return per(child, first, 20)
	}
	c.Query.Organisations = func(child int, _ *model.OrganisationFilter, _ *model.OrganisationOrder, first *int, _ *string) int {
		return per(child, first, 20)
	}
	c.Query.Collaborators = func(child int, _ string, first *int, _ *string, _ *model.PeriodInput) int {
		return per(child, first, 20)
	}
	c.Query.Search = func(child int, _ string, _ []partnergraphNodeKind, first *int, _ []partnergraph.Source) int {
		return per(child, first, 10)
	}
	c.Query.SimilarProjects = func(child int, _ *string, _ *string, first *int, _ *model.SimilarityWeights) int {
		return per(child, first, 10)
	}
	c.Query.Paths = func(child int, _ string, _ string, maxHops *int, first *int, _ []partnergraphEdgeKind, _ *model.PeriodInput) int {
		return 1 + child*size(first, 3, network.MaxPaths)*size(maxHops, 6, network.MaxHops)
	}
	c.Query.Network = func(child int, _ []string, _ *int, _ []partnergraphEdgeKind, _ []partnergraphNodeKind, limit *int, _ *bool, _ []partnergraph.Source, _ *model.PeriodInput) int {
		return 1 + child*size(limit, 300, network.MaxLimit)
	}
	c.Query.Nodes = func(child int, ids []string) int { return 1 + child*len(ids) }
	// Metrics of a period are computed for the request, once for all the
	// organisations that ask for the same period: dearer than a lookup.
	c.Organisation.Metrics = func(child int, period *model.PeriodInput) int {
		if period != nil {
			return 100 + child
		}
		return 1 + child
	}
	c.Organisation.Projects = func(child int, _ []partnergraphRole, first *int, _ *string) int { return per(child, first, 20) }
	c.Organisation.Promoted = func(child int, first *int, _ *string) int { return per(child, first, 20) }
	c.Organisation.Partnered = func(child int, first *int, _ *string) int { return per(child, first, 20) }
}

// complexityLimit refuses operations whose complexity is above limit, as
// gqlgen's extension.ComplexityLimit does (same message, same code), and
// remembers the complexity of operations sent without variables: the same
// text has the same complexity, and a repeated query does not walk its
// selection again. At most complexityMemoSize are remembered; then the memo
// starts again.
type complexityLimit struct {
	limit int
	es    graphql.ExecutableSchema
	mu    sync.RWMutex
	memo  map[complexityKey]int
}

type complexityKey struct{ query, operation string }

const complexityMemoSize = 1000

func (*complexityLimit) ExtensionName() string { return "ComplexityLimit" }
func (c *complexityLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

func (c *complexityLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	key, memo := complexityKey{oc.RawQuery, oc.OperationName}, len(oc.Variables) == 0 && oc.RawQuery != ""
	n, ok := 0, false
	if memo {
		c.mu.RLock()
		n, ok = c.memo[key]
		c.mu.RUnlock()
	}
	if !ok {
		n = gqlcomplexity.Calculate(ctx, c.es, oc.Doc.Operations.ForName(oc.OperationName), oc.Variables)
		if memo {
			c.mu.Lock()
			if c.memo == nil || len(c.memo) >= complexityMemoSize {
				c.memo = make(map[complexityKey]int)
			}
			c.memo[key] = n
			c.mu.Unlock()
		}
	}
	if n > c.limit {
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", n, c.limit)
		errcode.Set(err, "COMPLEXITY_LIMIT_EXCEEDED")
		return err
	}
	return nil
}
