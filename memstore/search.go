package memstore

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/partnergraph/partnergraph"
)

// searchDoc is what the full-text index holds of a node.
type searchDoc struct {
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// newIndex returns an in-memory bleve index whose text fields are folded
// (accents and case aside), stop-worded and stemmed.
func newIndex() (bleve.Index, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer("folded", map[string]any{
		"type":          custom.Name,
		"char_filters":  []string{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, en.StopName, porter.Name},
	}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = "folded"
	// Nothing is stored and no term vectors are kept: the index only finds
	// and ranks; snippets are made from the graph's own texts.
	field := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	doc := bleve.NewDocumentMapping()
	doc.AddFieldMappingsAt("kind", field(keyword.Name))
	doc.AddFieldMappingsAt("title", field("folded"))
	doc.AddFieldMappingsAt("text", field("folded"))
	im.DefaultMapping = doc
	im.StoreDynamic = false
	im.IndexDynamic = false
	// Scorch with no path keeps its segments in memory, and indexes far
	// faster than the older upsidedown index that NewMemOnly uses.
	return bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
}

// indexGraph adds the graph's searchable nodes to the index, and takes the
// removed ones out.
func (s *Store) indexGraph(g *partnergraph.Graph, removed []string) error {
	b := s.index.NewBatch()
	for _, id := range removed {
		b.Delete(id)
	}
	add := func(id string, kind partnergraph.NodeKind, title string, text ...string) error {
		return b.Index(id, searchDoc{Kind: string(kind), Title: title, Text: strings.Join(text, "\n")})
	}
	for _, p := range g.Projects {
		if err := add(p.ID, partnergraph.KindProject, p.Title, p.Code, p.Location, strings.Join(p.Places, "\n"), p.Description, p.Results, p.BilateralResults); err != nil {
			return err
		}
	}
	for _, o := range s.orgsOf(g) {
		if err := add(o.ID, partnergraph.KindOrganisation, o.Name, append([]string{o.Acronym}, o.Aliases...)...); err != nil {
			return err
		}
	}
	for _, p := range g.Programmes {
		if err := add(p.ID, partnergraph.KindProgramme, p.Name); err != nil {
			return err
		}
	}
	for _, t := range g.TargetGroups {
		if err := add(t.ID, partnergraph.KindTargetGroup, t.Name); err != nil {
			return err
		}
	}
	return s.index.Batch(b)
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
	match := bleve.NewMatchQuery(q)
	match.SetField("title")
	match.SetBoost(2)
	body := bleve.NewMatchQuery(q)
	body.SetField("text")
	var qry query.Query = bleve.NewDisjunctionQuery(match, body)
	if len(kinds) > 0 {
		var ks []query.Query
		for _, k := range kinds {
			tq := bleve.NewTermQuery(string(k))
			tq.SetField("kind")
			ks = append(ks, tq)
		}
		qry = bleve.NewConjunctionQuery(qry, bleve.NewDisjunctionQuery(ks...))
	}
	req := bleve.NewSearchRequestOptions(qry, first, 0, false)
	s.mu.RLock()
	defer s.mu.RUnlock()
	res, err := s.index.SearchInContext(ctx, req)
	if err != nil {
		return nil, partnergraph.Errorf(partnergraph.EINTERNAL, "search: %v", err)
	}
	out := make([]partnergraph.SearchHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, partnergraph.SearchHit{ID: h.ID, Score: h.Score})
	}
	return out, nil
}
