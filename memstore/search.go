package memstore

import (
	"context"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// indexGraph adds the graph's searchable nodes to the full-text index, and
// takes the removed ones out.
func (s *Store) indexGraph(g *partnergraph.Graph, removed []string) {
	docs := make([]textDoc, 0, len(g.Projects)+len(g.Organisations)+len(g.Programmes)+len(g.TargetGroups))
	add := func(n partnergraph.Node) {
		title, text, _ := partnergraph.SearchFields(n)
		docs = append(docs, textDoc{id: n.NodeID(), kind: partnergraph.KindOfID(n.NodeID()), fields: [numFields]string{fieldTitle: title, fieldText: strings.Join(text, "\n")}})
	}
	for i := range g.Projects {
		add(&g.Projects[i])
	}
	for _, o := range s.orgsOf(g) {
		add(o)
	}
	for i := range g.Programmes {
		add(&g.Programmes[i])
	}
	for i := range g.TargetGroups {
		add(&g.TargetGroups[i])
	}
	s.index.update(removed, docs)
}

// orgsOf returns the stored versions of the graph's organisations, whose
// aliases include the names of earlier loads.
func (s *Store) orgsOf(g *partnergraph.Graph) []*partnergraph.Organisation {
	out := make([]*partnergraph.Organisation, 0, len(g.Organisations))
	for _, o := range g.Organisations {
		if stored, ok := s.orgs[o.ID]; ok {
			out = append(out, stored)
		}
	}
	return out
}

// Search runs a full-text query.
func (s *Store) Search(ctx context.Context, q string, kinds []partnergraph.NodeKind, first int) ([]partnergraph.SearchHit, error) {
	if err := partnergraph.CheckSearch(q, first); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.index.search(q, kinds, first), nil
}
