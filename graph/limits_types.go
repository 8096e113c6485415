package graph

import "github.com/partnergraph/partnergraph"

// Short names for the argument types of the complexity functions.
type (
	partnergraphNodeKind = partnergraph.NodeKind
	partnergraphEdgeKind = partnergraph.EdgeKind
	partnergraphRole     = partnergraph.Role
)
