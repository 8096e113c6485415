// Package network holds the graph algorithms of Partnergraph: expansion of
// a neighbourhood, shortest paths, collaborators and network metrics. They
// work on any partnergraph.Store through its Edges, Involvements and Nodes
// methods, so every store gives the same answers; the metrics use gonum.
package network

import (
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/partnergraph/partnergraph"
)

// ComputeMetrics computes every organisation's metrics on the cooperation
// network: organisations joined when they share a project. countries gives
// each organisation's country ("" if unknown). The result does not depend
// on the order of links.
func ComputeMetrics(links []partnergraph.Link, countries map[string]string) map[string]partnergraph.Metrics {
	byProject := map[string][]string{}
	projects := map[string]map[string]bool{}
	for _, l := range links {
		byProject[l.ProjectID] = append(byProject[l.ProjectID], l.OrganisationID)
		if projects[l.OrganisationID] == nil {
			projects[l.OrganisationID] = map[string]bool{}
		}
		projects[l.OrganisationID][l.ProjectID] = true
	}
	orgs := make([]string, 0, len(projects))
	for o := range projects {
		orgs = append(orgs, o)
	}
	sort.Strings(orgs)
	index := make(map[string]int64, len(orgs))
	for i, o := range orgs {
		index[o] = int64(i)
	}
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i := range orgs {
		g.AddNode(simple.Node(i))
	}
	neighbours := map[string]map[string]bool{}
	pids := make([]string, 0, len(byProject))
	for p := range byProject {
		pids = append(pids, p)
	}
	sort.Strings(pids)
	for _, p := range pids {
		members := byProject[p]
		for i := 0; i < len(members); i++ {
			for j := i + 1; j < len(members); j++ {
				a, b := members[i], members[j]
				if a == b {
					continue
				}
				if neighbours[a] == nil {
					neighbours[a] = map[string]bool{}
				}
				if neighbours[b] == nil {
					neighbours[b] = map[string]bool{}
				}
				neighbours[a][b], neighbours[b][a] = true, true
				u, v := simple.Node(index[a]), simple.Node(index[b])
				w := 1.0
				if e := g.WeightedEdge(u.ID(), v.ID()); e != nil {
					w += e.Weight()
				}
				g.SetWeightedEdge(g.NewWeightedEdge(u, v, w))
			}
		}
	}
	// Betweenness on the unweighted graph, normalised to 0..1: exact on
	// small graphs (Brandes from every node, on flat arrays: the same
	// answer as gonum's, TestSampledBetweennessMatchesExact, at a fraction
	// of its time), estimated from pivots on large ones.
	var between map[int64]float64
	if len(orgs) <= ExactBetweennessLimit {
		between = sampledBetweenness(g, len(orgs), len(orgs))
	} else {
		between = sampledBetweenness(g, len(orgs), BetweennessPivots)
	}
	n := float64(len(orgs))
	norm := (n - 1) * (n - 2)
	// Communities: Louvain with a fixed seed, numbered by their smallest member.
	comm := map[string]int{}
	if len(orgs) > 0 {
		reduced := community.Modularize(g, 1, rand.NewPCG(1, 2))
		groups := reduced.Communities()
		type group struct {
			min     string
			members []string
		}
		var gs []group
		for _, c := range groups {
			var members []string
			for _, node := range c {
				members = append(members, orgs[node.ID()])
			}
			sort.Strings(members)
			gs = append(gs, group{members[0], members})
		}
		sort.Slice(gs, func(i, j int) bool { return gs[i].min < gs[j].min })
		for i, gr := range gs {
			for _, m := range gr.members {
				comm[m] = i
			}
		}
	}
	out := make(map[string]partnergraph.Metrics, len(orgs))
	for _, o := range orgs {
		m := partnergraph.Metrics{Projects: len(projects[o]), Degree: len(neighbours[o]), Community: comm[o]}
		if norm > 0 {
			m.Betweenness = between[index[o]] / norm
		}
		partnerCountries := map[string]bool{}
		bridges := 0
		for nb := range neighbours[o] {
			c := countries[nb]
			if c != "" && c != countries[o] {
				partnerCountries[c] = true
			}
			if comm[nb] != comm[o] || (c != "" && countries[o] != "" && c != countries[o]) {
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
func sampledBetweenness(g *simple.WeightedUndirectedGraph, n, k int) map[int64]float64 {
	adj := make([][]int32, n)
	for u := 0; u < n; u++ {
		to := g.From(int64(u))
		for to.Next() {
			adj[u] = append(adj[u], int32(to.Node().ID()))
		}
		sort.Slice(adj[u], func(i, j int) bool { return adj[u][i] < adj[u][j] })
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
			for _, w := range adj[v] {
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
			for _, v := range adj[w] {
				if dist[v] == dist[w]-1 {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
				}
			}
			if w != s {
				cb[w] += delta[w]
			}
		}
	}
	out := make(map[int64]float64, n)
	scale := float64(n) / float64(k)
	for v, c := range cb {
		if c > 0 {
			out[int64(v)] = c * scale
		}
	}
	return out
}
