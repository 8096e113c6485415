package network

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/graph"
	gnet "gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// The pivot estimate with every node as a pivot is the exact betweenness.
func TestSampledBetweennessMatchesExact(t *testing.T) {
	g := simple.NewWeightedUndirectedGraph(0, 0)
	n := 30
	for i := 0; i < n; i++ {
		g.AddNode(simple.Node(i))
	}
	for i := 0; i < n; i++ {
		for _, j := range []int{(i + 1) % n, (i*7 + 3) % n, (i * i) % n} {
			if j != i {
				g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(i), simple.Node(j), 1))
			}
		}
	}
	exact := gnet.Betweenness(unweighted{g})
	sampled := sampledBetweenness(g, n, n)
	for i := 0; i < n; i++ {
		if math.Abs(exact[int64(i)]-sampled[int64(i)]) > 1e-9 {
			t.Errorf("node %d: exact %v, sampled %v", i, exact[int64(i)], sampled[int64(i)])
		}
	}
}

// unweighted hides the weights, for gonum's betweenness.
type unweighted struct {
	g *simple.WeightedUndirectedGraph
}

func (u unweighted) Node(id int64) graph.Node          { return u.g.Node(id) }
func (u unweighted) Nodes() graph.Nodes                { return u.g.Nodes() }
func (u unweighted) From(id int64) graph.Nodes         { return u.g.From(id) }
func (u unweighted) HasEdgeBetween(x, y int64) bool    { return u.g.HasEdgeBetween(x, y) }
func (u unweighted) Edge(uid, vid int64) graph.Edge    { return u.g.Edge(uid, vid) }
func (u unweighted) EdgeBetween(x, y int64) graph.Edge { return u.g.EdgeBetween(x, y) }
