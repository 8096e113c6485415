package memstore

import "github.com/partnergraph/partnergraph"

// adjacency holds every node's edges without a pointer the garbage
// collector has to follow: node ids are numbered once, an edge is two node
// numbers and three small codes, and each node's edges sit in one
// pointer-free array. Stored as []partnergraph.Edge (five strings an edge,
// each edge twice) the adjacency of 100,000 sheets was a third of the live
// heap, and every collection marked it again.
type adjacency struct {
	num   map[string]int32 // node id -> number
	ids   []string         // number -> node id
	edges [][]packedEdge   // number -> its edges, in SortEdges order
	kinds []partnergraph.EdgeKind
	roles []partnergraph.Role
	acts  []partnergraph.Activity
}

type packedEdge struct {
	source, target    int32
	kind, role, activ uint8
}

// newAdjacency packs the edges of each node, as given (already sorted).
func newAdjacency(byNode map[string][]partnergraph.Edge) *adjacency {
	a := &adjacency{num: make(map[string]int32, len(byNode)), edges: make([][]packedEdge, 0, len(byNode))}
	number := func(id string) int32 {
		n, ok := a.num[id]
		if !ok {
			n = int32(len(a.ids))
			a.num[id] = n
			a.ids = append(a.ids, id)
			a.edges = append(a.edges, nil)
		}
		return n
	}
	// code numbers the few kinds, roles and activities (at most 256 each;
	// there are eight, four and four).
	code := func(m map[string]uint8, v string, table *[]string) uint8 {
		c, ok := m[v]
		if !ok {
			c = uint8(len(*table))
			m[v] = c
			*table = append(*table, v)
		}
		return c
	}
	var kindNames, roleNames, actNames []string
	kc := map[string]uint8{}
	rc := map[string]uint8{}
	ac := map[string]uint8{}
	for id, list := range byNode {
		n := number(id)
		packed := make([]packedEdge, len(list))
		for i, e := range list {
			packed[i] = packedEdge{source: number(e.Source), target: number(e.Target),
				kind: code(kc, string(e.Kind), &kindNames), role: code(rc, string(e.Role), &roleNames), activ: code(ac, string(e.Activity), &actNames)}
		}
		a.edges[n] = packed
	}
	for _, k := range kindNames {
		a.kinds = append(a.kinds, partnergraph.EdgeKind(k))
	}
	for _, r := range roleNames {
		a.roles = append(a.roles, partnergraph.Role(r))
	}
	for _, x := range actNames {
		a.acts = append(a.acts, partnergraph.Activity(x))
	}
	return a
}

// of returns a node's edges, nil for a node without any.
func (a *adjacency) of(id string) []partnergraph.Edge {
	n, ok := a.num[id]
	if !ok || len(a.edges[n]) == 0 {
		return nil
	}
	packed := a.edges[n]
	out := make([]partnergraph.Edge, len(packed))
	for i, p := range packed {
		out[i] = partnergraph.Edge{Source: a.ids[p.source], Target: a.ids[p.target], Kind: a.kinds[p.kind], Role: a.roles[p.role], Activity: a.acts[p.activ]}
	}
	return out
}

// among returns a node's edges whose other end is in the set of node
// numbers, building only those.
func (a *adjacency) among(id string, set map[int32]bool) []partnergraph.Edge {
	n, ok := a.num[id]
	if !ok {
		return nil
	}
	var out []partnergraph.Edge
	for _, p := range a.edges[n] {
		o := p.source
		if o == n {
			o = p.target
		}
		if set[o] {
			out = append(out, partnergraph.Edge{Source: a.ids[p.source], Target: a.ids[p.target], Kind: a.kinds[p.kind], Role: a.roles[p.role], Activity: a.acts[p.activ]})
		}
	}
	return out
}

// numbers returns the set of the numbers of the ids that have edges.
func (a *adjacency) numbers(ids []string) map[int32]bool {
	set := make(map[int32]bool, len(ids))
	for _, id := range ids {
		if n, ok := a.num[id]; ok {
			set[n] = true
		}
	}
	return set
}
