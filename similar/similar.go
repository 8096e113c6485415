// Package similar finds past projects like a project or like a description,
// and says why: the features they share (partners, donor partners, target
// groups, programmes, country, funder, themes), each weighted by how rare it
// is, fused with the similarity of their texts. It works on any Store, so
// every store ranks alike.
package similar

import (
	"context"
	"math"
	"sort"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/textsim"
)

// Weights say how much each kind of shared feature counts, and how much the
// text similarity counts against the structure.
type Weights map[partnergraph.FeatureKind]float64

// TextWeight is the key of the text weight in Weights.
const TextWeight partnergraph.FeatureKind = "TEXT"

// DefaultWeights: a shared donor partner or target group says most, a
// shared funder least (most projects share one).
var DefaultWeights = Weights{
	partnergraph.FeaturePartner: 1, partnergraph.FeatureDonorPartner: 1.5, partnergraph.FeatureTargetGroup: 1.2,
	partnergraph.FeatureProgramme: 1.2, partnergraph.FeatureCountry: 0.5, partnergraph.FeatureFunder: 0.3,
	partnergraph.FeatureTheme: 0.8, TextWeight: 1,
}

// ContextWeight is what the context a project shares with the query (its
// country, its funder) adds at most: enough to order projects on the same
// topic, never enough to put a project on another topic above them. "Police
// cooperation against trafficking in Romania" ranks Romanian trafficking
// projects first, then trafficking projects elsewhere, then other Romanian
// projects.
const ContextWeight = 0.15

// context kinds say where and by whom, not what: they break ties.
var contextKinds = map[partnergraph.FeatureKind]bool{partnergraph.FeatureCountry: true, partnergraph.FeatureFunder: true}

// Reason is one shared feature and what it added to the score.
type Reason struct {
	Feature partnergraph.Feature
	Name    string
	Weight  float64
}

// Result is a similar project with its scores and reasons.
type Result struct {
	ProjectID string
	// Score is TopicScore + text weight * TextScore + ContextWeight *
	// ContextScore: the topic leads, the context breaks ties.
	Score          float64
	StructureScore float64 // TopicScore + ContextWeight * ContextScore
	TopicScore     float64 // shared partners, target groups, programmes and themes, 0..1 of what the target could share
	ContextScore   float64 // shared country and funder, 0..1 of what the target could share
	TextScore      float64 // TF-IDF cosine of the texts, 0..1
	Reasons        []Reason
}

// Limits.
const (
	MaxFirst   = 50
	candidates = 200 // projects scored in full
	postingCap = 5000
)

// Query asks for projects like one project or like a text.
type Query struct {
	ProjectID string
	Text      string
	First     int
	Weights   Weights // DefaultWeights where a kind is missing
}

// Find returns the projects most like the query's project or text.
func Find(ctx context.Context, store partnergraph.Store, q Query) ([]Result, error) {
	switch {
	case q.ProjectID == "" && q.Text != "" && strings.TrimSpace(q.Text) == "":
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "the text is empty: describe the project you look for, e.g. text: \"training prison staff in anger management\"")
	case q.ProjectID == "" && q.Text == "":
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "give a project (its id) or a text to find similar projects")
	case q.ProjectID != "" && q.Text != "":
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "give a project or a text, not both")
	case q.First < 1 || q.First > MaxFirst:
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "first must be between 1 and %d, got %d", MaxFirst, q.First)
	case len(q.Text) > 5000:
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "the text is %d bytes; at most 5000", len(q.Text))
	}
	w := Weights{}
	for k, v := range DefaultWeights {
		w[k] = v
	}
	for k, v := range q.Weights {
		if v < 0 {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "weight of %s is negative", k)
		}
		w[k] = v
	}

	// The target: its features and its text.
	var features []partnergraph.Feature
	var text string
	if q.ProjectID != "" {
		nodes, err := store.Nodes(ctx, []string{q.ProjectID})
		if err != nil {
			return nil, err
		}
		p, ok := nodes[0].(*partnergraph.Project)
		if !ok {
			return nil, partnergraph.Errorf(partnergraph.ENOTFOUND, "no project with id %q", q.ProjectID)
		}
		features, text = partnergraph.ProjectFeatures(p), projectText(p)
	} else {
		text = q.Text
		features = TextFeatures(text)
	}

	// How rare each feature is.
	count, err := store.Projects(ctx, nil, partnergraph.Page{First: 0, WithTotal: true})
	if err != nil {
		return nil, err
	}
	n := float64(max(count.Total, 1))
	postings, err := store.Postings(ctx, features)
	if err != nil {
		return nil, err
	}
	idf := map[partnergraph.Feature]float64{}
	selfTopic, selfContext := 0.0, 0.0
	for i, f := range features {
		df := float64(len(postings[i]))
		if df == 0 {
			df = 1
		}
		idf[f] = math.Log(1 + n/df)
		if contextKinds[f.Kind] {
			selfContext += idf[f] * w[f.Kind]
		} else {
			selfTopic += idf[f] * w[f.Kind]
		}
	}

	// Candidates: projects that share a rare feature first, common ones only
	// when the rare ones give too few; for a text, its search hits too.
	partial := map[string]float64{}
	selective := max(20, int(n)/20)
	for pass := 0; pass < 2; pass++ {
		for i, f := range features {
			if (pass == 0) != (len(postings[i]) <= selective) {
				continue
			}
			for j, id := range postings[i] {
				if j >= postingCap {
					break
				}
				partial[id] += idf[f] * w[f.Kind]
			}
		}
		if len(partial) >= candidates {
			break
		}
	}
	if q.Text != "" {
		hits, err := store.Search(ctx, searchQuery(q.Text), []partnergraph.NodeKind{partnergraph.KindProject}, 50)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			partial[h.ID] += 0 // a candidate, scored below
		}
	}
	delete(partial, q.ProjectID)
	ids := make([]string, 0, len(partial))
	for id := range partial {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if partial[ids[i]] != partial[ids[j]] {
			return partial[ids[i]] > partial[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > candidates {
		ids = ids[:candidates]
	}
	sort.Strings(ids)
	nodes, err := store.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}

	// Score each candidate in full.
	texts := map[string]string{"\x00target": text}
	var projects []*partnergraph.Project
	for _, nd := range nodes {
		if p, ok := nd.(*partnergraph.Project); ok {
			projects = append(projects, p)
			texts[p.ID] = projectText(p)
		}
	}
	corpus := textsim.NewCorpus(texts)
	want := map[partnergraph.Feature]bool{}
	for _, f := range features {
		want[f] = true
	}
	var results []Result
	for _, p := range projects {
		r := Result{ProjectID: p.ID, TextScore: corpus.Cosine("\x00target", p.ID)}
		for _, f := range partnergraph.ProjectFeatures(p) {
			if want[f] && w[f.Kind] > 0 {
				weight := idf[f] * w[f.Kind]
				// Each reason says what it added to the score.
				if contextKinds[f.Kind] {
					r.ContextScore += weight / selfContext
					weight = ContextWeight * weight / selfContext
				} else {
					r.TopicScore += weight / selfTopic
					weight /= selfTopic
				}
				r.Reasons = append(r.Reasons, Reason{Feature: f, Weight: weight})
			}
		}
		r.Reasons = strongestRole(r.Reasons)
		r.StructureScore = r.TopicScore + ContextWeight*r.ContextScore
		r.Score = r.StructureScore + w[TextWeight]*r.TextScore
		if r.Score <= 0 {
			continue
		}
		sort.SliceStable(r.Reasons, func(i, j int) bool {
			if r.Reasons[i].Weight != r.Reasons[j].Weight {
				return r.Reasons[i].Weight > r.Reasons[j].Weight
			}
			return r.Reasons[i].Feature.ID < r.Reasons[j].Feature.ID
		})
		results = append(results, r)
	}
	sort.SliceStable(results, func(i, j int) bool {
		if results[i].Score != results[j].Score {
			return results[i].Score > results[j].Score
		}
		return results[i].ProjectID < results[j].ProjectID
	})
	if len(results) > q.First {
		results = results[:q.First]
	}
	return results, names(ctx, store, results)
}

// strongestRole names each shared organisation once: a donor partner is
// a partner too, and the two reasons become one, the donor partner's, with
// both weights.
func strongestRole(reasons []Reason) []Reason {
	donor := map[string]int{}
	for i, r := range reasons {
		if r.Feature.Kind == partnergraph.FeatureDonorPartner {
			donor[r.Feature.ID] = i
		}
	}
	if len(donor) == 0 {
		return reasons
	}
	out := reasons[:0:0]
	for _, r := range reasons {
		if i, ok := donor[r.Feature.ID]; ok && r.Feature.Kind == partnergraph.FeaturePartner {
			reasons[i].Weight += r.Weight
			continue
		}
		out = append(out, r)
	}
	for i, r := range out {
		if j, ok := donor[r.Feature.ID]; ok && r.Feature.Kind == partnergraph.FeatureDonorPartner {
			out[i].Weight = reasons[j].Weight
		}
	}
	return out
}

// names fills in the names of the shared features.
func names(ctx context.Context, store partnergraph.Store, results []Result) error {
	var ids []string
	seen := map[string]bool{}
	for _, r := range results {
		for _, reason := range r.Reasons {
			k := partnergraph.KindOfID(reason.Feature.ID)
			if k != "" && k != partnergraph.KindCountry && !seen[reason.Feature.ID] {
				seen[reason.Feature.ID] = true
				ids = append(ids, reason.Feature.ID)
			}
		}
	}
	sort.Strings(ids)
	nodes, err := store.Nodes(ctx, ids)
	if err != nil {
		return err
	}
	name := map[string]string{}
	for i, n := range nodes {
		name[ids[i]] = partnergraph.NodeName(n)
		if o, ok := n.(*partnergraph.Organisation); ok && o.Acronym != "" {
			name[ids[i]] = o.Name + " (" + o.Acronym + ")"
		}
	}
	for i := range results {
		for j := range results[i].Reasons {
			f := &results[i].Reasons[j]
			switch {
			case f.Feature.Kind == partnergraph.FeatureTheme:
				f.Name = ingest.ThemeLabel(strings.TrimPrefix(f.Feature.ID, "theme:"))
			case f.Feature.Kind == partnergraph.FeatureCountry:
				c, _ := partnergraph.CountryByCode(strings.TrimPrefix(f.Feature.ID, "country:"))
				f.Name = c.Name
			default:
				f.Name = name[f.Feature.ID]
			}
		}
	}
	return nil
}

// Explain says a reason in words: "both partnered with KRUS".
func Explain(r Reason) string {
	switch r.Feature.Kind {
	case partnergraph.FeaturePartner:
		return "both worked with " + r.Name
	case partnergraph.FeatureDonorPartner:
		return "both had " + r.Name + " as donor project partner"
	case partnergraph.FeatureTargetGroup:
		return "both target " + r.Name
	case partnergraph.FeatureProgramme:
		return "both use " + r.Name
	case partnergraph.FeatureCountry:
		return "both in " + r.Name
	case partnergraph.FeatureFunder:
		return "both funded by " + r.Name
	case partnergraph.FeatureTheme:
		return "both about " + r.Name
	}
	return "both share " + r.Name
}

func projectText(p *partnergraph.Project) string {
	return strings.Join([]string{p.Title, p.Description, p.Results, p.BilateralResults}, "\n")
}

// TextFeatures are the features a free text names: its themes, the
// interventions and the countries it mentions ("... prison staff in
// Romania" prefers Romanian projects, all else equal).
func TextFeatures(text string) []partnergraph.Feature {
	var out []partnergraph.Feature
	for _, c := range ingest.CountriesIn(text) {
		out = append(out, partnergraph.Feature{Kind: partnergraph.FeatureCountry, ID: "country:" + c})
	}
	for _, t := range ingest.ThemesIn(text) {
		out = append(out, partnergraph.Feature{Kind: partnergraph.FeatureTheme, ID: "theme:" + t})
	}
	for _, name := range ingest.InterventionsIn(text) {
		out = append(out, partnergraph.Feature{Kind: partnergraph.FeatureProgramme, ID: partnergraph.ProgrammeID(name)})
	}
	return out
}

// searchQuery keeps the content words of a text, at most 30, for the
// full-text search that finds candidates.
func searchQuery(text string) string {
	var words []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, ".,;:!?()\"'“”")
		if toks := textsim.Tokens(w); len(toks) == 1 && !seen[toks[0]] {
			seen[toks[0]] = true
			words = append(words, w)
		}
		if len(words) == 30 {
			break
		}
	}
	if len(words) == 0 {
		return text
	}
	return strings.Join(words, " ")
}
