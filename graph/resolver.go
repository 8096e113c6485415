// Package graph is the GraphQL layer: gqlgen's generated executor, and thin
// resolvers that ask the Store.
package graph

import "github.com/partnergraph/partnergraph"

// Resolver is the root resolver. Its only dependency is the Store.
type Resolver struct {
	Store partnergraph.Store
}
