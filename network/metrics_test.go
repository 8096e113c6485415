package network

import (
	"math"
	"testing"

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
