// Package network holds the graph algorithms of Partnergraph: expansion of
// a neighbourhood, shortest paths, collaborators and network metrics. They
// work on any partnergraph.Store through its Edges, Involvements and Nodes
// methods, so every store gives the same answers; the metrics run on flat arrays (metrics.go, louvain.go).
package network

import (
	"maps"
	"slices"

	"github.com/partnergraph/partnergraph"
)

// ComputeMetrics computes every organisation's metrics on the cooperation
// network: organisations joined when they share a project, an edge weighing
// as many projects as they share. countries gives each organisation's
// country ("" if unknown). The result does not depend on the order of links.
func ComputeMetrics(links []partnergraph.Link, countries map[string]string) map[string]partnergraph.Metrics {
	// Organisations are numbered in the order of their ids, projects in
	// the order of theirs: every step below walks arrays in that order.
	orgIndex := map[string]int32{}
	projectIndex := map[string]int32{}
	for _, l := range links {
		orgIndex[l.OrganisationID] = 0
		projectIndex[l.ProjectID] = 0
	}
	orgs := slices.Sorted(maps.Keys(orgIndex))
	for i, o := range orgs {
		orgIndex[o] = int32(i)
	}
	pids := slices.Sorted(maps.Keys(projectIndex))
	for i, p := range pids {
		projectIndex[p] = int32(i)
	}
	// Each project's organisations, each once.
	members := make([][]int32, len(pids))
	for _, l := range links {
		p := projectIndex[l.ProjectID]
		members[p] = append(members[p], orgIndex[l.OrganisationID])
	}
	projects := make([]int, len(orgs))
	for p, m := range members {
		slices.Sort(m)
		m = slices.Compact(m)
		members[p] = m
		for _, o := range m {
			projects[o]++
		}
	}
	g := cooperationGraph(len(orgs), members)
	// Betweenness on the unweighted graph, normalised to 0..1: exact on
	// small graphs (Brandes from every node; the same answer as gonum's,
	// TestSampledBetweennessMatchesExact), estimated from pivots on large
	// ones.
	k := len(orgs)
	if k > ExactBetweennessLimit {
		k = BetweennessPivots
	}
	between := sampledBetweenness(g, k)
	n := float64(len(orgs))
	norm := (n - 1) * (n - 2)
	// Communities: Louvain (louvain.go), numbered by their smallest member.
	// louvain names a community by its smallest member's number, and the
	// organisations are numbered in the order of their ids.
	comm := louvain(g)
	number := map[int32]int{}
	for _, c := range comm {
		number[c] = 0
	}
	for i, c := range slices.Sorted(maps.Keys(number)) {
		number[c] = i
	}
	out := make(map[string]partnergraph.Metrics, len(orgs))
	for i, o := range orgs {
		nb := g.neighbours(int32(i))
		m := partnergraph.Metrics{Projects: projects[i], Degree: len(nb), Community: number[comm[i]]}
		if norm > 0 {
			m.Betweenness = between[i] / norm
		}
		partnerCountries := map[string]bool{}
		bridges := 0
		for _, v := range nb {
			c := countries[orgs[v]]
			if c != "" && c != countries[o] {
				partnerCountries[c] = true
			}
			if comm[v] != comm[i] || (c != "" && countries[o] != "" && c != countries[o]) {
				bridges++
			}
		}
		m.PartnerCountries = len(partnerCountries)
		if m.Degree > 0 {
			m.Bridging = float64(bridges) / float64(m.Degree)
		}
		out[o] = m
	}
	return out
}

// weighted is an undirected weighted graph on nodes 0..n-1 in compressed
// rows: node u's neighbours are adj[start[u]:start[u+1]], in increasing
// order, with the weights w at the same positions. An edge is in the rows
// of both its ends; a self-loop (only in Louvain's aggregated graphs) is in
// its node's row once, weighing the sum of its adjacency matrix entry.
type weighted struct {
	start []int32
	adj   []int32
	w     []float64
}

func (g *weighted) n() int                     { return len(g.start) - 1 }
func (g *weighted) neighbours(u int32) []int32 { return g.adj[g.start[u]:g.start[u+1]] }
func (g *weighted) weights(u int32) []float64  { return g.w[g.start[u]:g.start[u+1]] }

// cooperationGraph joins every two organisations of a project, an edge
// weighing the number of projects they share.
func cooperationGraph(n int, members [][]int32) *weighted {
	deg := make([]int32, n+1)
	for _, m := range members {
		for _, o := range m {
			deg[o] += int32(len(m) - 1)
		}
	}
	// Every pair in both directions, then each row sorted and its
	// repeats summed.
	start := make([]int32, n+1)
	for u := 0; u < n; u++ {
		start[u+1] = start[u] + deg[u]
	}
	fill := slices.Clone(start[:n])
	adj := make([]int32, start[n])
	for _, m := range members {
		for _, a := range m {
			for _, b := range m {
				if a != b {
					adj[fill[a]] = b
					fill[a]++
				}
			}
		}
	}
	g := &weighted{start: make([]int32, n+1), adj: adj[:0], w: make([]float64, 0, len(adj))}
	for u := 0; u < n; u++ {
		row := adj[start[u]:start[u+1]]
		slices.Sort(row)
		for i := 0; i < len(row); {
			j := i
			for j < len(row) && row[j] == row[i] {
				j++
			}
			g.adj = append(g.adj, row[i]) // writes behind the reading
			g.w = append(g.w, float64(j-i))
			i = j
		}
		g.start[u+1] = int32(len(g.adj))
	}
	return g
}

// Betweenness is exact (Brandes from every node) up to ExactBetweennessLimit
// organisations; above it, Brandes' algorithm runs from BetweennessPivots
// evenly spread sources and scales up (Brandes and Pich, 2007), since the
// exact cost grows with nodes times edges.
const (
	ExactBetweennessLimit = 2000
	BetweennessPivots     = 256
)

// sampledBetweenness estimates betweenness from k pivots, counted over
// ordered pairs as gonum's exact Betweenness does.
func sampledBetweenness(g *weighted, k int) []float64 {
	n := g.n()
	if k == 0 {
		return make([]float64, n)
	}
	cb := make([]float64, n)
	sigma := make([]float64, n)
	dist := make([]int32, n)
	delta := make([]float64, n)
	order := make([]int32, 0, n)
	queue := make([]int32, 0, n)
	step := float64(n) / float64(k)
	for i := 0; i < k; i++ {
		s := int32(float64(i) * step)
		for v := range dist {
			dist[v], sigma[v], delta[v] = -1, 0, 0
		}
		order, queue = order[:0], queue[:0]
		dist[s], sigma[s] = 0, 1
		queue = append(queue, s)
		for head := 0; head < len(queue); head++ {
			v := queue[head]
			order = append(order, v)
			for _, w := range g.neighbours(v) {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
				}
			}
		}
		for j := len(order) - 1; j >= 0; j-- {
			w := order[j]
			for _, v := range g.neighbours(w) {
				if dist[v] == dist[w]-1 {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
				}
			}
			if w != s {
				cb[w] += delta[w]
			}
		}
	}
	scale := float64(n) / float64(k)
	for v := range cb {
		cb[v] *= scale
	}
	return cb
}
