package graph

import (
	"context"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/model"
)

func intOr(v *int, def int) int {
	if v == nil {
		return def
	}
	return *v
}

// subgraph loads the nodes of a subgraph (in one batch) and gives every node
// and edge its label and properties.
func (r *Resolver) subgraph(ctx context.Context, ids []string, edges []partnergraph.Edge, truncated bool) (*model.Subgraph, error) {
	nodes := make([]partnergraph.Node, len(ids))
	var stored []string
	var at []int
	for i, id := range ids {
		if partnergraph.KindOfID(id) == partnergraph.KindCountry {
			n, err := r.node(ctx, id)
			if err != nil {
				return nil, err
			}
			nodes[i] = n
			continue
		}
		stored = append(stored, id)
		at = append(at, i)
	}
	if len(stored) > 0 {
		loaded, err := r.loaders(ctx).nodeLoader().LoadAll(ctx, stored)
		if err != nil {
			return nil, err
		}
		for j, n := range loaded {
			nodes[at[j]] = n
		}
	}
	out := &model.Subgraph{Truncated: truncated, Nodes: make([]*model.GraphNode, 0, len(ids)), Edges: make([]*model.GraphEdge, 0, len(edges))}
	for i, id := range ids {
		out.Nodes = append(out.Nodes, graphNode(id, nodes[i]))
	}
	for _, e := range edges {
		props := map[string]any{}
		if e.Role != "" {
			props["role"] = string(e.Role)
		}
		if e.Activity != "" {
			props["activity"] = string(e.Activity)
		}
		ge := &model.GraphEdge{ID: e.ID(), Source: e.Source, Target: e.Target, Kind: e.Kind, Properties: props}
		out.Edges = append(out.Edges, ge)
	}
	return out, nil
}

// graphNode flattens a node for drawing.
func graphNode(id string, n partnergraph.Node) *model.GraphNode {
	props := map[string]any{}
	g := &model.GraphNode{ID: id, Kind: partnergraph.KindOfID(id), Label: partnergraph.NodeName(n), Properties: props, Node: n}
	if g.Label == "" {
		g.Label = id
	}
	put := func(k string, v any) {
		if s, ok := v.(string); ok && s == "" {
			return
		}
		props[k] = v
	}
	switch v := n.(type) {
	case *partnergraph.Project:
		if v.Code != "" {
			g.Label = v.Code
		}
		put("title", v.Title)
		put("code", v.Code)
		put("kind", string(v.Kind))
		put("status", v.Status)
		put("country", v.CountryCode)
		if v.Funding.Grant != nil {
			put("grant", *v.Funding.Grant)
		}
		put("funder", v.Funding.FunderID)
		put("period", partnergraph.FundingPeriod(v))
		if from, to, ok := partnergraph.ProjectSpan(v); ok {
			put("activeFrom", from)
			put("activeTo", to)
		}
		if sources := v.SourceKinds(); len(sources) > 0 {
			put("sources", sourceStrings(sources))
		}
	case *partnergraph.Organisation:
		if v.Acronym != "" {
			g.Label = v.Acronym
		}
		put("name", v.Name)
		put("acronym", v.Acronym)
		put("country", v.CountryCode)
		if len(v.Sources) > 0 {
			put("sources", sourceStrings(v.Sources))
		}
	case partnergraph.Country:
		put("code", v.Code)
		put("name", v.Name)
	case *partnergraph.Funder:
		put("name", v.Name)
	case *partnergraph.TargetGroup:
		put("name", v.Name)
	case *partnergraph.Programme:
		put("name", v.Name)
		put("kind", v.Kind)
	case *partnergraph.Document:
		put("name", v.Name)
		put("layout", v.Layout)
		put("source", string(v.SourceOrPage()))
	}
	return g
}

// export writes a subgraph in a drawing library's format.
func export(sg *model.Subgraph, format model.GraphFormat) map[string]any {
	attrs := func(n *model.GraphNode) map[string]any {
		return with(n.Properties, "label", n.Label, "kind", string(n.Kind))
	}
	edgeAttrs := func(e *model.GraphEdge) map[string]any { return with(e.Properties, "kind", string(e.Kind)) }
	if format == model.GraphFormatGraphology {
		nodes := make([]any, 0, len(sg.Nodes))
		for _, n := range sg.Nodes {
			nodes = append(nodes, map[string]any{"key": n.ID, "attributes": attrs(n)})
		}
		edges := make([]any, 0, len(sg.Edges))
		for _, e := range sg.Edges {
			edges = append(edges, map[string]any{"key": e.ID, "source": e.Source, "target": e.Target, "attributes": edgeAttrs(e)})
		}
		return map[string]any{
			"attributes": map[string]any{"truncated": sg.Truncated},
			"options":    map[string]any{"type": "directed", "multi": true, "allowSelfLoops": false},
			"nodes":      nodes,
			"edges":      edges,
		}
	}
	nodes := make([]any, 0, len(sg.Nodes))
	for _, n := range sg.Nodes {
		d := attrs(n)
		d["id"] = n.ID
		nodes = append(nodes, map[string]any{"group": "nodes", "data": d})
	}
	edges := make([]any, 0, len(sg.Edges))
	for _, e := range sg.Edges {
		d := edgeAttrs(e)
		d["id"], d["source"], d["target"] = e.ID, e.Source, e.Target
		edges = append(edges, map[string]any{"group": "edges", "data": d})
	}
	return map[string]any{"elements": map[string]any{"nodes": nodes, "edges": edges}, "data": map[string]any{"truncated": sg.Truncated}}
}

// with returns the key-value pairs and then props (a map[string]any) in one
// new map; a property wins over a pair of the same key.
func with(props any, kv ...string) map[string]any {
	m, _ := props.(map[string]any)
	out := make(map[string]any, len(m)+len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// sourceStrings are sources as a drawing's properties hold them.
func sourceStrings(list []partnergraph.Source) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return out
}
