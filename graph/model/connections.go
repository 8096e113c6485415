// Package model holds the GraphQL-only types: connections, and the inputs
// gqlgen generates into models_gen.go.
package model

import "github.com/partnergraph/partnergraph"

// ProjectConnection is a Relay connection of projects. Its edges are made
// only when a query asks for them: most ask for nodes alone.
type ProjectConnection struct {
	Nodes      []*partnergraph.Project
	PageInfo   *PageInfo
	TotalCount int
	// Cursor gives the cursor of the i-th node.
	Cursor func(i int) string
}

// Edges are the nodes with their cursors.
func (c *ProjectConnection) Edges() []*ProjectEdge {
	edges := make([]*ProjectEdge, len(c.Nodes))
	for i, p := range c.Nodes {
		edges[i] = &ProjectEdge{Cursor: c.Cursor(i), Node: p}
	}
	return edges
}

// ProjectEdge is one project of a connection with its cursor.
type ProjectEdge struct {
	Cursor string
	Node   *partnergraph.Project
}

// OrganisationConnection is a Relay connection of organisations.
type OrganisationConnection struct {
	Edges      []*OrganisationEdge
	Nodes      []*partnergraph.Organisation
	PageInfo   *PageInfo
	TotalCount int
}

// OrganisationEdge is one organisation of a connection with its cursor.
type OrganisationEdge struct {
	Cursor string
	Node   *partnergraph.Organisation
}

// PageInfo is Relay's page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}
