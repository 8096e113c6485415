// Package network holds the graph algorithms of Partnergraph: expansion of
// a neighbourhood, shortest paths, collaborators and network metrics. They
// work on any partnergraph.Store through its Edges, Involvements and Nodes
// methods, so every store gives the same answers; the metrics use gonum.
package network

import (
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	gnet "gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/partnergraph/partnergraph"
)

// Link says that an organisation promotes or partners a project.
type Link struct {
	ProjectID, OrganisationID string
}

// CooperationLinks returns the links of a set of projects: promoters and
// partners, not organisations the sheets only mention.
func CooperationLinks(projects []*partnergraph.Project) []Link {
	var out []Link
	for _, p := range projects {
		if p.PromoterID != "" {
			out = append(out, Link{p.ID, p.PromoterID})
		}
		for _, ps := range p.Partners {
			if ps.Role != partnergraph.RoleMentioned {
				out = append(out, Link{p.ID, ps.OrganisationID})
			}
		}
	}
	return out
}

// ComputeMetrics computes every organisation's metrics on the cooperation
// network: organisations joined when they share a project. countries gives
// each organisation's country ("" if unknown). The result does not depend
// on the order of links.
func ComputeMetrics(links []Link, countries map[string]string) map[string]partnergraph.Metrics {
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
	// Betweenness on the unweighted graph, normalised to 0..1.
	between := gnet.Betweenness(unweighted{g})
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

// unweighted hides the weights, for the unweighted betweenness.
type unweighted struct {
	g *simple.WeightedUndirectedGraph
}

func (u unweighted) Node(id int64) graph.Node          { return u.g.Node(id) }
func (u unweighted) Nodes() graph.Nodes                { return u.g.Nodes() }
func (u unweighted) From(id int64) graph.Nodes         { return u.g.From(id) }
func (u unweighted) HasEdgeBetween(x, y int64) bool    { return u.g.HasEdgeBetween(x, y) }
func (u unweighted) Edge(uid, vid int64) graph.Edge    { return u.g.Edge(uid, vid) }
func (u unweighted) EdgeBetween(x, y int64) graph.Edge { return u.g.EdgeBetween(x, y) }
