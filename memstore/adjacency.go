package memstore

import (
	"cmp"
	"slices"

	"github.com/partnergraph/partnergraph"
)

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

// newAdjacency packs the edges, each given once, under both their ends,
// each node's in SortEdges order (kind, source, target). Node ids are
// numbered in their sorted order and the codes in their names' order, so a
// node's edges sort on numbers; all of them sit in one array, counted
// first, instead of a slice grown for each node.
func newAdjacency(all []partnergraph.Edge) *adjacency {
	a := &adjacency{num: map[string]int32{}}
	for _, e := range all {
		for _, id := range [2]string{e.Source, e.Target} {
			if _, ok := a.num[id]; !ok {
				a.num[id] = 0
				a.ids = append(a.ids, id)
			}
		}
	}
	slices.Sort(a.ids)
	for n, id := range a.ids {
		a.num[id] = int32(n)
	}
	kinds, roles, acts := codes(all, func(e partnergraph.Edge) string { return string(e.Kind) }),
		codes(all, func(e partnergraph.Edge) string { return string(e.Role) }),
		codes(all, func(e partnergraph.Edge) string { return string(e.Activity) })
	for _, k := range kinds.names {
		a.kinds = append(a.kinds, partnergraph.EdgeKind(k))
	}
	for _, r := range roles.names {
		a.roles = append(a.roles, partnergraph.Role(r))
	}
	for _, x := range acts.names {
		a.acts = append(a.acts, partnergraph.Activity(x))
	}
	packed := make([]packedEdge, len(all))
	degree := make([]int32, len(a.ids))
	for i, e := range all {
		p := packedEdge{source: a.num[e.Source], target: a.num[e.Target],
			kind: kinds.code[string(e.Kind)], role: roles.code[string(e.Role)], activ: acts.code[string(e.Activity)]}
		packed[i] = p
		degree[p.source]++
		degree[p.target]++
	}
	// One array of every node's edges; a node's start is the sum of the
	// degrees before it.
	flat := make([]packedEdge, 2*len(all))
	a.edges = make([][]packedEdge, len(a.ids))
	at := int32(0)
	for n, d := range degree {
		a.edges[n] = flat[at : at : at+d]
		at += d
	}
	for _, p := range packed {
		a.edges[p.source] = append(a.edges[p.source], p)
		a.edges[p.target] = append(a.edges[p.target], p)
	}
	for _, list := range a.edges {
		slices.SortStableFunc(list, func(x, y packedEdge) int {
			return cmp.Or(cmp.Compare(x.kind, y.kind), cmp.Compare(x.source, y.source), cmp.Compare(x.target, y.target))
		})
	}
	return a
}

// codeTable numbers the distinct values of one field of the edges (a few:
// eight kinds, four roles, four activities) in their sorted order.
type codeTable struct {
	names []string
	code  map[string]uint8
}

func codes(all []partnergraph.Edge, field func(partnergraph.Edge) string) codeTable {
	t := codeTable{code: map[string]uint8{}}
	last := "\x00"
	for _, e := range all {
		if v := field(e); v != last {
			last = v
			if _, ok := t.code[v]; !ok {
				t.code[v] = 0
				t.names = append(t.names, v)
			}
		}
	}
	if len(t.names) > 256 {
		panic("memstore: more than 256 values of an edge field")
	}
	slices.Sort(t.names)
	for i, v := range t.names {
		t.code[v] = uint8(i)
	}
	return t
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
