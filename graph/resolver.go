// Package graph is the GraphQL layer: gqlgen's generated executor, and thin
// resolvers that ask the Store.
package graph

import "github.com/partnergraph/partnergraph"

// Resolver is the root resolver. Queries ask the Store; mutations go to
// the Writer, nil on a server that takes no writes.
type Resolver struct {
	Store  partnergraph.Store
	Writer partnergraph.DocumentWriter
	Feed   partnergraph.ChangeFeed // nil: no subscriptions

	// periods keeps the metrics of the periods asked for, by the graph's
	// version (see periodMetricsCache).
	periods periodMetricsCache
}
