package network

import "slices"

// louvain finds communities of g by the Louvain method (Blondel, Guillaume,
// Lambiotte and Lefebvre, 2008) at resolution 1: every node starts in a
// community of its own; each node in turn moves to the neighbouring
// community that raises the modularity most, until no move raises it; the
// communities then become the nodes of a smaller graph, and the moving
// starts again on it, until a level moves nothing. It returns each node's
// community, as the index of one of its members.
//
// Nodes are visited in the order of their numbers, so the answer depends on
// the graph only. Everything runs on flat arrays: a move costs one pass
// over the node's row, where gonum's implementation (which this one
// replaced) looks every weight up in a map; on the cooperation network of
// 30,000 Erasmus+ projects it took 50 s, this takes well under one.
func louvain(g *weighted) []int32 {
	n := g.n()
	comm := make([]int32, n) // each original node's community in the current graph
	for i := range comm {
		comm[i] = int32(i)
	}
	for level := g; ; {
		moved, of := moveNodes(level)
		if !moved {
			break
		}
		// A move leaves fewer communities than nodes: the levels end.
		level = aggregate(level, of)
		for i := range comm {
			comm[i] = of[comm[i]]
		}
	}
	// Name each community by its smallest member.
	name := make(map[int32]int32, 16)
	out := make([]int32, n)
	for i := range comm {
		c, ok := name[comm[i]]
		if !ok {
			c = int32(i)
			name[comm[i]] = c
		}
		out[i] = c
	}
	return out
}

// moveNodes is Louvain's first phase on g: it returns whether any node
// moved, and each node's community numbered 0..k-1 in the order of their
// smallest node.
func moveNodes(g *weighted) (bool, []int32) {
	n := g.n()
	comm := make([]int32, n)
	k := make([]float64, n)   // a node's weighted degree
	tot := make([]float64, n) // the sum of the degrees of a community's nodes
	var m2 float64            // twice the graph's total weight
	for u := int32(0); u < int32(n); u++ {
		comm[u] = u
		for _, w := range g.weights(u) {
			k[u] += w
		}
		tot[u] = k[u]
		m2 += k[u]
	}
	if m2 == 0 {
		return false, comm
	}
	// toComm[c] is the weight from the node being moved to community c;
	// touched lists the communities it has set.
	toComm := make([]float64, n)
	touched := make([]int32, 0, 64)
	movedAny := false
	// Every move raises the modularity, so the passes end; the bound
	// only keeps a pathological graph from taking long for little.
	for pass := 0; pass < 100; pass++ {
		moves := 0
		for u := int32(0); u < int32(n); u++ {
			own := comm[u]
			touched = touched[:0]
			toComm[own] = 0
			touched = append(touched, own)
			ws := g.weights(u)
			for i, v := range g.neighbours(u) {
				if v == u {
					continue // a self-loop stays wherever the node goes
				}
				c := comm[v]
				if toComm[c] == 0 && c != own {
					touched = append(touched, c)
				}
				toComm[c] += ws[i]
			}
			// Out of its community, the node gains from joining c
			// toComm[c] - tot[c]*k[u]/m2 (the modularity's change
			// times m2/2); it stays unless another community gains
			// strictly more.
			tot[own] -= k[u]
			best, bestGain := own, toComm[own]-tot[own]*k[u]/m2
			for _, c := range touched[1:] {
				if gain := toComm[c] - tot[c]*k[u]/m2; gain > bestGain+1e-12 {
					best, bestGain = c, gain
				}
			}
			tot[best] += k[u]
			if best != own {
				comm[u] = best
				moves++
			}
			for _, c := range touched {
				toComm[c] = 0
			}
		}
		if moves == 0 {
			break
		}
		movedAny = true
	}
	// Number the communities 0..k-1 in the order of their first node.
	number := make([]int32, n)
	for i := range number {
		number[i] = -1
	}
	next := int32(0)
	for u := range comm {
		if number[comm[u]] < 0 {
			number[comm[u]] = next
			next++
		}
		comm[u] = number[comm[u]]
	}
	return movedAny, comm
}

// aggregate makes the graph whose nodes are g's communities (of gives each
// node's, numbered 0..k-1): the weight between two communities is the sum
// of the weights between their nodes, and a community's self-loop the sum
// of the adjacency entries among its own nodes.
func aggregate(g *weighted, of []int32) *weighted {
	k := 0
	for _, c := range of {
		k = max(k, int(c)+1)
	}
	// The nodes of each community, in order.
	first := make([]int32, k+1)
	for _, c := range of {
		first[c+1]++
	}
	for c := 0; c < k; c++ {
		first[c+1] += first[c]
	}
	nodes := make([]int32, len(of))
	fill := append([]int32(nil), first[:k]...)
	for u, c := range of {
		nodes[fill[c]] = int32(u)
		fill[c]++
	}
	out := &weighted{start: make([]int32, k+1)}
	acc := make([]float64, k)
	seen := make([]bool, k)
	var row []int32
	for c := 0; c < k; c++ {
		row = row[:0]
		for _, u := range nodes[first[c]:first[c+1]] {
			ws := g.weights(u)
			for i, v := range g.neighbours(u) {
				d := of[v]
				if !seen[d] {
					seen[d] = true
					row = append(row, d)
				}
				acc[d] += ws[i]
			}
		}
		slices.Sort(row)
		for _, d := range row {
			out.adj = append(out.adj, d)
			out.w = append(out.w, acc[d])
			acc[d], seen[d] = 0, false
		}
		out.start[c+1] = int32(len(out.adj))
	}
	return out
}
