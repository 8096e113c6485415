package model

import "github.com/partnergraph/partnergraph"

// SearchHit is a search result.
type SearchHit struct {
	Node    partnergraph.Node
	Kind    partnergraph.NodeKind
	Label   string
	Score   float64
	Snippet *string
}

// SimilarProject is a similar project with its reasons.
type SimilarProject struct {
	ProjectID      string
	Score          float64
	StructureScore float64
	TopicScore     float64
	ContextScore   float64
	TextScore      float64
	Reasons        []*SimilarityReason
}

// SimilarityReason is one shared feature.
type SimilarityReason struct {
	Kind        partnergraph.FeatureKind
	Shared      *SharedFeature
	Weight      float64
	Explanation string
}

// SharedFeature is what two projects share.
type SharedFeature struct {
	ID   string
	Name string
}
