package graph

import (
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/model"
	"github.com/partnergraph/partnergraph/similar"
	"github.com/partnergraph/partnergraph/textsim"
)

// snippet is the best-matching passage of a search hit.
func snippet(n partnergraph.Node, query string) string {
	title, texts, _ := partnergraph.SearchFields(n)
	texts = append(texts, title)
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
