package model

import "github.com/partnergraph/partnergraph"

// Subgraph is a flat subgraph for drawing.
type Subgraph struct {
	Nodes     []*GraphNode
	Edges     []*GraphEdge
	Truncated bool
}

// GraphNode is a node of a subgraph.
type GraphNode struct {
	ID         string
	Kind       partnergraph.NodeKind
	Label      string
	Properties any
	Node       partnergraph.Node
}

// GraphEdge is an edge of a subgraph.
type GraphEdge struct {
	ID         string
	Source     string
	Target     string
	Kind       partnergraph.EdgeKind
	Properties any
}

// Path is a shortest path.
type Path struct {
	Length int
	Nodes  []*GraphNode
	Edges  []*GraphEdge
}

// Collaborator is an organisation sharing projects with another.
type Collaborator struct {
	OrganisationID string
	SharedProjects int
	ProjectIDs     []string
	Countries      []*partnergraph.Country
}

// CollaboratorConnection is a Relay connection of collaborators.
type CollaboratorConnection struct {
	Edges      []*CollaboratorEdge
	Nodes      []*Collaborator
	PageInfo   *PageInfo
	TotalCount int
}

// CollaboratorEdge is one collaborator with its cursor.
type CollaboratorEdge struct {
	Cursor string
	Node   *Collaborator
}
