package network

import (
	"context"
	"sort"

	"github.com/partnergraph/partnergraph"
)

// Limits of the network queries.
const (
	MaxDepth     = 3
	MaxLimit     = 5000
	DefaultLimit = 300
	MaxSeeds     = 100
	MaxHops      = 8
	MaxPaths     = 20
	// maxVisited bounds the nodes a path search may touch.
	maxVisited = 200000
)

// Subgraph is a flat, deduplicated piece of the graph.
type Subgraph struct {
	NodeIDs   []string // seeds first, then in the order they were reached
	Edges     []partnergraph.Edge
	Truncated bool // the node limit cut the expansion
}

// DefaultExpandKinds are the edges a neighbourhood follows unless told
// otherwise: all but the source documents.
var DefaultExpandKinds = []partnergraph.EdgeKind{
	partnergraph.EdgePromoter, partnergraph.EdgePartner, partnergraph.EdgeTargets, partnergraph.EdgeUsesProgramme,
	partnergraph.EdgeLocatedIn, partnergraph.EdgeBasedIn, partnergraph.EdgeFundedBy,
}

// DefaultPathKinds are the edges paths follow unless told otherwise: the
// cooperation network of projects and their promoters and partners, where
// paths say who works with whom (every project shares its country and
// funder, so paths through those say little).
var DefaultPathKinds = []partnergraph.EdgeKind{partnergraph.EdgePromoter, partnergraph.EdgePartner}

func kindSet(kinds []partnergraph.EdgeKind, def []partnergraph.EdgeKind) map[partnergraph.EdgeKind]bool {
	if len(kinds) == 0 {
		kinds = def
	}
	m := map[partnergraph.EdgeKind]bool{}
	for _, k := range kinds {
		m[k] = true
	}
	return m
}

// Exists checks that every id names a node, and says which do not.
func Exists(ctx context.Context, store partnergraph.Store, ids []string) error {
	var missing []string
	var stored []string
	for _, id := range ids {
		switch partnergraph.KindOfID(id) {
		case "":
			return partnergraph.Errorf(partnergraph.EINVALID, "malformed id %q: ids look like project:lt14-0004 or org:krus", id)
		case partnergraph.KindCountry:
			if _, ok := partnergraph.CountryByCode(id[len("country:"):]); !ok {
				missing = append(missing, id)
			}
		default:
			stored = append(stored, id)
		}
	}
	nodes, err := store.Nodes(ctx, stored)
	if err != nil {
		return err
	}
	for i, n := range nodes {
		if n == nil {
			missing = append(missing, stored[i])
		}
	}
	if len(missing) > 0 {
		return partnergraph.Errorf(partnergraph.ENOTFOUND, "no node with id %q", missing[0])
	}
	return nil
}

// ExpandOptions narrow an expansion.
type ExpandOptions struct {
	Depth     int
	EdgeKinds []partnergraph.EdgeKind // DefaultExpandKinds when empty
	NodeKinds []partnergraph.NodeKind // every kind when empty; seeds are always kept
	Limit     int
	// ThroughHubs expands countries and funders reached on the way; by
	// default they stay leaves (a seed is always expanded): a country links
	// every project and organisation of it, which is rarely what a drawing
	// of partnerships wants, and a hub's edges are the costliest to read.
	ThroughHubs bool
	// Allow, when set, is asked once a level which of the nodes reached
	// may be kept; the others are neither kept nor walked through. Seeds
	// always stay.
	Allow func(ctx context.Context, ids []string) (map[string]bool, error)
}

// hub: a node that links everything of its kind (a country, a funder).
func hub(id string) bool {
	k := partnergraph.KindOfID(id)
	return k == partnergraph.KindCountry || k == partnergraph.KindFunder
}

// Expand returns the neighbourhood of the seeds: every node within depth
// edges of one of the kinds, at most limit nodes (the seeds count), and the
// edges between them that the expansion walked.
func Expand(ctx context.Context, store partnergraph.Store, seeds []string, depth int, kinds []partnergraph.EdgeKind, limit int) (*Subgraph, error) {
	return ExpandWith(ctx, store, seeds, ExpandOptions{Depth: depth, EdgeKinds: kinds, Limit: limit})
}

// ExpandWith is Expand with node kinds: a node of another kind is neither
// kept nor walked through.
func ExpandWith(ctx context.Context, store partnergraph.Store, seeds []string, opts ExpandOptions) (*Subgraph, error) {
	depth, kinds, limit := opts.Depth, opts.EdgeKinds, opts.Limit
	keep := map[partnergraph.NodeKind]bool{}
	for _, k := range opts.NodeKinds {
		keep[k] = true
	}
	switch {
	case len(seeds) == 0 || len(seeds) > MaxSeeds:
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "give between 1 and %d seeds, got %d", MaxSeeds, len(seeds))
	case depth < 0 || depth > MaxDepth:
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "depth must be between 0 and %d, got %d", MaxDepth, depth)
	case limit < 1 || limit > MaxLimit:
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "limit must be between 1 and %d, got %d", MaxLimit, limit)
	}
	if err := Exists(ctx, store, seeds); err != nil {
		return nil, err
	}
	follow := kindSet(kinds, DefaultExpandKinds)
	sg := &Subgraph{}
	visited := map[string]bool{}
	var frontier []string
	for _, s := range seeds {
		if !visited[s] {
			visited[s] = true
			sg.NodeIDs = append(sg.NodeIDs, s)
			frontier = append(frontier, s)
		}
	}
	if len(sg.NodeIDs) > limit {
		sg.NodeIDs, sg.Truncated = sg.NodeIDs[:limit], true
		return sg, nil
	}
	seen := map[edgeKey]bool{}
	for level := 0; level < depth && len(frontier) > 0; level++ {
		sort.Strings(frontier)
		var adj [][]partnergraph.Edge
		var err error
		if sg.Truncated {
			// The limit is reached and the cut is known: an edge to a node
			// not kept changes nothing, so only those between kept nodes
			// are read (a hub's neighbours have thousands of others).
			adj, err = store.EdgesAmong(ctx, frontier, sg.NodeIDs)
		} else {
			adj, err = store.Edges(ctx, frontier)
		}
		if err != nil {
			return nil, err
		}
		var allowed map[string]bool
		if opts.Allow != nil {
			var reached []string
			seenHere := map[string]bool{}
			for i, id := range frontier {
				for _, e := range adj[i] {
					if o := e.Other(id); follow[e.Kind] && !visited[o] && !seenHere[o] {
						seenHere[o] = true
						reached = append(reached, o)
					}
				}
			}
			if allowed, err = opts.Allow(ctx, reached); err != nil {
				return nil, err
			}
		}
		var next []string
		for i, id := range frontier {
			for _, e := range adj[i] {
				if !follow[e.Kind] {
					continue
				}
				o := e.Other(id)
				if len(keep) > 0 && !keep[partnergraph.KindOfID(o)] && !visited[o] {
					continue
				}
				if allowed != nil && !allowed[o] && !visited[o] {
					continue
				}
				if !visited[o] {
					if len(sg.NodeIDs) >= limit {
						sg.Truncated = true
						continue
					}
					visited[o] = true
					sg.NodeIDs = append(sg.NodeIDs, o)
					if opts.ThroughHubs || !hub(o) {
						next = append(next, o)
					}
				}
				if k := (edgeKey{e.Kind, e.Source, e.Target}); !seen[k] {
					seen[k] = true
					sg.Edges = append(sg.Edges, e)
				}
			}
		}
		frontier = next
	}
	partnergraph.SortEdges(sg.Edges)
	return sg, nil
}

// edgeKey is what Edge.ID says, without building the string.
type edgeKey struct {
	kind           partnergraph.EdgeKind
	source, target string
}

// Path is a shortest path: its nodes from the start, and its edges.
type Path struct {
	NodeIDs []string
	Edges   []partnergraph.Edge
}

// ShortestPaths returns up to first shortest paths from one node to
// another, over edges of the kinds, of at most maxHops edges; none when
// they are not connected so closely. Organisations a sheet only mentions
// are not on paths. Paths come in a stable order.
func ShortestPaths(ctx context.Context, store partnergraph.Store, from, to string, maxHops, first int, kinds []partnergraph.EdgeKind) ([]Path, error) {
	return ShortestPathsWith(ctx, store, from, to, PathOptions{MaxHops: maxHops, First: first, EdgeKinds: kinds})
}

// PathOptions narrow a path search.
type PathOptions struct {
	MaxHops, First int
	EdgeKinds      []partnergraph.EdgeKind // DefaultPathKinds when empty
	// Allow, when set, is asked once a level which of the nodes reached
	// may be on a path (as ExpandOptions.Allow); the ends always may.
	Allow func(ctx context.Context, ids []string) (map[string]bool, error)
}

// ShortestPathsWith is ShortestPaths with the nodes a path may go through
// narrowed by opts.Allow.
func ShortestPathsWith(ctx context.Context, store partnergraph.Store, from, to string, opts PathOptions) ([]Path, error) {
	maxHops, first, kinds := opts.MaxHops, opts.First, opts.EdgeKinds
	switch {
	case maxHops < 1 || maxHops > MaxHops:
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "maxHops must be between 1 and %d, got %d", MaxHops, maxHops)
	case first < 1 || first > MaxPaths:
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "first must be between 1 and %d, got %d", MaxPaths, first)
	}
	if err := Exists(ctx, store, []string{from, to}); err != nil {
		return nil, err
	}
	if from == to {
		return []Path{{NodeIDs: []string{from}}}, nil
	}
	follow := kindSet(kinds, DefaultPathKinds)
	fw, bw := newSearchSide(from), newSearchSide(to)
	visited := func() int { return len(fw.dist) + len(bw.dist) }
	length, meetPos := -1, 0
	// Both ends search, a whole level at a time, the side with the smaller
	// frontier first, until the sides meet: a path of length L through hubs
	// touches the neighbourhoods of radius about L/2 around each end instead
	// of radius L around one.
	for fw.depth+bw.depth < maxHops && len(fw.frontier) > 0 && len(bw.frontier) > 0 {
		side, otherSide := fw, bw
		if len(bw.frontier) < len(fw.frontier) {
			side, otherSide = bw, fw
		}
		reached, err := side.expand(ctx, store, follow, visited, opts.Allow, from, to)
		if err != nil {
			return nil, err
		}
		// The shortest length through the nodes just reached that the
		// other side knows.
		for _, id := range reached {
			if d, ok := otherSide.dist[id]; ok && (length < 0 || side.depth+d < length) {
				length = side.depth + d
			}
		}
		if length >= 0 {
			// Every shortest path has its node at this position from the
			// start known to both sides.
			if side == fw {
				meetPos = fw.depth
			} else {
				meetPos = length - bw.depth
			}
			break
		}
	}
	if length < 0 {
		return []Path{}, nil
	}
	return walkPaths(to, length, meetPos, fw, bw, first), nil
}

// searchSide is one end of the bidirectional path search: how far each
// node it reached is from its end, and the edges that reach a node from one
// step nearer.
type searchSide struct {
	dist     map[string]int
	parents  map[string][]partnergraph.Edge
	frontier []string
	depth    int
}

func newSearchSide(start string) *searchSide {
	return &searchSide{dist: map[string]int{start: 0}, parents: map[string][]partnergraph.Edge{}, frontier: []string{start}}
}

// expand reaches the next level and returns the nodes reached first there.
func (s *searchSide) expand(ctx context.Context, store partnergraph.Store, follow map[partnergraph.EdgeKind]bool, visited func() int,
	allow func(ctx context.Context, ids []string) (map[string]bool, error), ends ...string) ([]string, error) {
	s.depth++
	sort.Strings(s.frontier)
	adj, err := store.Edges(ctx, s.frontier)
	if err != nil {
		return nil, err
	}
	var allowed map[string]bool
	if allow != nil {
		var ask []string
		asked := map[string]bool{}
		for i, id := range s.frontier {
			for _, e := range adj[i] {
				if o := e.Other(id); follow[e.Kind] && e.Role != partnergraph.RoleMentioned && !asked[o] {
					if _, known := s.dist[o]; !known {
						asked[o] = true
						ask = append(ask, o)
					}
				}
			}
		}
		if allowed, err = allow(ctx, ask); err != nil {
			return nil, err
		}
		if allowed == nil {
			allowed = map[string]bool{}
		}
		for _, end := range ends {
			allowed[end] = true
		}
	}
	var next []string
	for i, id := range s.frontier {
		for _, e := range adj[i] {
			if !follow[e.Kind] || e.Role == partnergraph.RoleMentioned {
				continue // a mention is not cooperation
			}
			o := e.Other(id)
			if allowed != nil && !allowed[o] {
				if _, known := s.dist[o]; !known {
					continue
				}
			}
			d, ok := s.dist[o]
			if !ok {
				if visited() >= maxVisited {
					return nil, partnergraph.Errorf(partnergraph.EINVALID, "the path search touched more than %d nodes; lower maxHops or pick edge kinds", maxVisited)
				}
				s.dist[o] = s.depth
				next = append(next, o)
				d = s.depth
			}
			if d == s.depth {
				s.parents[o] = append(s.parents[o], e)
			}
		}
	}
	s.frontier = next
	return next, nil
}

// walkPaths lists up to first shortest paths of the length, walking back
// from the end: over the end side's edges down to the meeting position,
// then over the start side's. At each step the nearer nodes come in id
// order (then edge id), so paths come in a stable order that does not
// depend on where the sides met.
func walkPaths(to string, length, meetPos int, fw, bw *searchSide, first int) []Path {
	// The end side's nodes on a shortest path: those its edges lead to from
	// a meeting node, and the edges that lead away from the end to each.
	away := map[string][]partnergraph.Edge{}
	var layer []string
	for id, d := range bw.dist {
		if df, ok := fw.dist[id]; ok && df == meetPos && d == length-meetPos {
			layer = append(layer, id)
		}
	}
	onPath := map[string]bool{}
	for len(layer) > 0 {
		var next []string
		for _, id := range layer {
			if onPath[id] {
				continue
			}
			onPath[id] = true
			for _, e := range bw.parents[id] {
				nearer := e.Other(id)
				away[nearer] = append(away[nearer], e)
				next = append(next, nearer)
			}
		}
		layer = next
	}
	var paths []Path
	var walk func(id string, pos int, nodes []string, edges []partnergraph.Edge)
	walk = func(id string, pos int, nodes []string, edges []partnergraph.Edge) {
		if len(paths) >= first {
			return
		}
		if pos == 0 {
			p := Path{}
			for i := len(nodes) - 1; i >= 0; i-- {
				p.NodeIDs = append(p.NodeIDs, nodes[i])
			}
			for i := len(edges) - 1; i >= 0; i-- {
				p.Edges = append(p.Edges, edges[i])
			}
			paths = append(paths, p)
			return
		}
		var ps []partnergraph.Edge
		if pos > meetPos {
			ps = append(ps, away[id]...)
		} else {
			ps = append(ps, fw.parents[id]...)
		}
		sort.Slice(ps, func(i, j int) bool {
			oi, oj := ps[i].Other(id), ps[j].Other(id)
			if oi != oj {
				return oi < oj
			}
			return ps[i].ID() < ps[j].ID()
		})
		for _, e := range ps {
			prev := e.Other(id)
			if pos > meetPos {
				if !onPath[prev] || bw.dist[prev] != length-pos+1 {
					continue
				}
			} else if d, ok := fw.dist[prev]; !ok || d != pos-1 {
				continue
			}
			walk(prev, pos-1, append(nodes, prev), append(edges, e))
		}
	}
	walk(to, length, []string{to}, nil)
	return paths
}

// Collaborator is an organisation that shares projects with another.
type Collaborator struct {
	OrganisationID string
	ProjectIDs     []string // the shared projects, by id
	CountryCodes   []string // countries of the shared projects and of the collaborator, sorted
}

// Collaborators returns the organisations that promote or partner a project
// the organisation also promotes or partners (mentions do not count), most
// shared projects first.
func Collaborators(ctx context.Context, store partnergraph.Store, orgID string) ([]Collaborator, error) {
	return CollaboratorsIn(ctx, store, orgID, nil)
}

// CollaboratorsIn is Collaborators over the projects keep accepts (all
// when keep is nil).
func CollaboratorsIn(ctx context.Context, store partnergraph.Store, orgID string, keep func(*partnergraph.Project) bool) ([]Collaborator, error) {
	if err := Exists(ctx, store, []string{orgID}); err != nil {
		return nil, err
	}
	if partnergraph.KindOfID(orgID) != partnergraph.KindOrganisation {
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "%q is not an organisation id", orgID)
	}
	inv, err := store.Involvements(ctx, []string{orgID})
	if err != nil {
		return nil, err
	}
	var pids []string
	for _, in := range inv[0] {
		if in.Role != partnergraph.RoleMentioned {
			pids = append(pids, in.ProjectID)
		}
	}
	nodes, err := store.Nodes(ctx, pids)
	if err != nil {
		return nil, err
	}
	shared := map[string][]string{}
	countries := map[string]map[string]bool{}
	for _, n := range nodes {
		p, ok := n.(*partnergraph.Project)
		if !ok || (keep != nil && !keep(p)) {
			continue
		}
		for _, l := range partnergraph.CooperationLinks([]*partnergraph.Project{p}) {
			if l.OrganisationID == orgID {
				continue
			}
			if len(shared[l.OrganisationID]) == 0 || shared[l.OrganisationID][len(shared[l.OrganisationID])-1] != p.ID {
				shared[l.OrganisationID] = append(shared[l.OrganisationID], p.ID)
			}
			if countries[l.OrganisationID] == nil {
				countries[l.OrganisationID] = map[string]bool{}
			}
			if p.CountryCode != "" {
				countries[l.OrganisationID][p.CountryCode] = true
			}
		}
	}
	ids := make([]string, 0, len(shared))
	for id := range shared {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	orgs, err := store.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Collaborator, 0, len(ids))
	for i, id := range ids {
		if o, ok := orgs[i].(*partnergraph.Organisation); ok && o.CountryCode != "" {
			countries[id][o.CountryCode] = true
		}
		c := Collaborator{OrganisationID: id, ProjectIDs: shared[id]}
		for code := range countries[id] {
			c.CountryCodes = append(c.CountryCodes, code)
		}
		sort.Strings(c.CountryCodes)
		sort.Strings(c.ProjectIDs)
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].ProjectIDs) > len(out[j].ProjectIDs) })
	return out, nil
}
