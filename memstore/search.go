package memstore

import (
	"context"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// indexGraph adds the graph's searchable nodes to the full-text index, and
// takes the removed ones out.
func (s *Store) indexGraph(g *partnergraph.Graph, removed []string) {
	var docs []textDoc
	add := func(id string, kind partnergraph.NodeKind, title string, text ...string) {
		docs = append(docs, textDoc{id: id, kind: kind, fields: [numFields]string{fieldTitle: title, fieldText: strings.Join(text, "\n")}})
	}
	for _, p := range g.Projects {
		add(p.ID, partnergraph.KindProject, p.Title, p.Code, p.Location, strings.Join(p.Places, "\n"), p.Description, p.Results, p.BilateralResults)
	}
	for _, o := range s.orgsOf(g) {
		add(o.ID, partnergraph.KindOrganisation, o.Name, append([]string{o.Acronym}, o.Aliases...)...)
	}
	for _, p := range g.Programmes {
		add(p.ID, partnergraph.KindProgramme, p.Name)
	}
	for _, t := range g.TargetGroups {
		add(t.ID, partnergraph.KindTargetGroup, t.Name)
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
