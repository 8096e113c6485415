package graph

import (
	"context"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/model"
	"github.com/partnergraph/partnergraph/similar"
	"github.com/partnergraph/partnergraph/textsim"
)

// snippet is the best-matching passage of a search hit.
func snippet(n partnergraph.Node, query string) string {
	var texts []string
	switch v := n.(type) {
	case *partnergraph.Project:
		texts = []string{v.Description, v.Results, v.BilateralResults, v.Title, v.Location, strings.Join(v.Places, "\n")}
	case *partnergraph.Organisation:
		texts = append([]string{v.Name}, v.Aliases...)
	case *partnergraph.Programme:
		texts = []string{v.Name}
	case *partnergraph.TargetGroup:
		texts = []string{v.Name}
	}
	best := ""
	for _, t := range texts {
		s := textsim.Snippet(t, query)
		if strings.Count(s, "<mark>") > strings.Count(best, "<mark>") {
			best = s
		}
	}
	return best
}

func similarityWeights(in *model.SimilarityWeights) similar.Weights {
	w := similar.Weights{}
	if in == nil {
		return w
	}
	set := func(k partnergraph.FeatureKind, v *float64) {
		if v != nil {
			w[k] = *v
		}
	}
	set(partnergraph.FeaturePartner, in.Partner)
	set(partnergraph.FeatureDonorPartner, in.DonorPartner)
	set(partnergraph.FeatureTargetGroup, in.TargetGroup)
	set(partnergraph.FeatureProgramme, in.Programme)
	set(partnergraph.FeatureCountry, in.Country)
	set(partnergraph.FeatureFunder, in.Funder)
	set(partnergraph.FeatureTheme, in.Theme)
	set(similar.TextWeight, in.Text)
	return w
}

// exactFirst puts first the project whose code is the query and the
// organisation whose name, acronym or alias is the query: in a large corpus
// the full-text score of "KRUS" the organisation is below that of projects
// whose sheets name KRUS many times, but whoever types an acronym or a
// project number means that node. It takes the best score of the list.
func exactFirst(ctx context.Context, store partnergraph.Store, query string, kinds []partnergraph.NodeKind, hits []partnergraph.SearchHit, n int) ([]partnergraph.SearchHit, error) {
	var exact []string
	wants := func(k partnergraph.NodeKind) bool { return len(kinds) == 0 || slices.Contains(kinds, k) }
	if wants(partnergraph.KindProject) {
		p, err := store.ProjectByCode(ctx, query)
		if err != nil && partnergraph.ErrorCode(err) != partnergraph.ENOTFOUND {
			return nil, err
		}
		if p != nil {
			exact = append(exact, p.ID)
		}
	}
	if wants(partnergraph.KindOrganisation) {
		o, err := store.OrganisationByName(ctx, query)
		if err != nil && partnergraph.ErrorCode(err) != partnergraph.ENOTFOUND {
			return nil, err
		}
		if o != nil {
			exact = append(exact, o.ID)
		}
	}
	if len(exact) == 0 {
		return hits, nil
	}
	best := 0.0
	for _, h := range hits {
		best = max(best, h.Score)
	}
	out := make([]partnergraph.SearchHit, 0, len(hits)+len(exact))
	for _, id := range exact {
		out = append(out, partnergraph.SearchHit{ID: id, Score: best})
	}
	for _, h := range hits {
		if !slices.Contains(exact, h.ID) {
			out = append(out, h)
		}
	}
	return out[:min(len(out), n)], nil
}
