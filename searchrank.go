package partnergraph

import (
	"context"
	"sort"
	"strings"
)

// searchSlack is how many hits beyond the page Search asks the store for, so
// that organisations ranked down still leave a full page.
const searchSlack = 20

// rankByNameCoverage scales the score of each organisation hit by the share
// of its name that the query covers: a name is short, so full-text scoring
// puts "Icelandic Prison and Probation Administration" above every project
// about probation for the query "probation", although the query names only
// one of its four words. A query that covers the whole name (or its acronym,
// or an alias) keeps the full score. Hits of other kinds are unchanged; the
// order is by score, then id.
func rankByNameCoverage(ctx context.Context, s Store, query string, hits []SearchHit) ([]SearchHit, error) {
	var ids []string
	var at []int
	for i, h := range hits {
		if KindOfID(h.ID) == KindOrganisation {
			ids = append(ids, h.ID)
			at = append(at, i)
		}
	}
	if len(ids) == 0 {
		return hits, nil
	}
	nodes, err := s.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	words := nameWords(query)
	out := append([]SearchHit(nil), hits...)
	for j, n := range nodes {
		o, ok := n.(*Organisation)
		if !ok {
			continue
		}
		best := 0.0
		for _, name := range append([]string{o.Name, o.Acronym}, o.Aliases...) {
			best = max(best, NameCoverage(words, name))
		}
		out[at[j]].Score *= best
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Score != out[b].Score {
			return out[a].Score > out[b].Score
		}
		return out[a].ID < out[b].ID
	})
	return out, nil
}

// nameStopWords are the words of a name that carry no meaning of their own.
var nameStopWords = map[string]bool{"a": true, "an": true, "and": true, "the": true, "of": true, "for": true, "in": true,
	"on": true, "to": true, "at": true, "by": true, "with": true, "de": true, "og": true, "i": true, "&": true}

// nameWords returns the folded content words of a text.
func nameWords(s string) []string {
	var out []string
	for w := range strings.FieldsSeq(NameKey(s)) {
		if !nameStopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// NameCoverage is the share of the content words of name that one of the
// query words (already split by nameWords) covers: the same word, or one
// that starts with the other when the shorter has four letters or more
// ("prisoners" covers "prison"). 0 for a name with no content word.
func NameCoverage(query []string, name string) float64 {
	nw := nameWords(name)
	if len(nw) == 0 {
		return 0
	}
	covered := 0
	for _, w := range nw {
		for _, q := range query {
			if w == q || (min(len(w), len(q)) >= 4 && (strings.HasPrefix(q, w) || strings.HasPrefix(w, q))) {
				covered++
				break
			}
		}
	}
	return float64(covered) / float64(len(nw))
}

// SearchFields is what search covers of a node, the same for every store and
// for the snippets: its title (a project's title, an organisation's,
// programme's or target group's name), which counts twice, and the rest of
// its text (a project's texts, code, location and places; an organisation's
// acronym and aliases). ok is false for kinds search does not cover.
func SearchFields(n Node) (title string, text []string, ok bool) {
	switch v := n.(type) {
	case *Project:
		text = []string{v.Description, v.Results, v.BilateralResults, v.Code, v.Location}
		return v.Title, append(text, v.Places...), true
	case *Organisation:
		return v.Name, append([]string{v.Acronym}, v.Aliases...), true
	case *Programme:
		return v.Name, nil, true
	case *TargetGroup:
		return v.Name, nil, true
	}
	return "", nil, false
}
