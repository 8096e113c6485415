package memstore

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// Apply brings the lookups up to date with what a change touched, instead
// of building them again from every node: the sorted ids, codes, names,
// postings, involvements and adjacency of the projects and organisations
// changed or removed. A write to a large store then holds the lock for
// about as long as its change is large, not the store.

// before is what a change replaces: the stored projects and organisations
// it changes or removes (nil for new ones).
type before struct {
	projects map[string]*partnergraph.Project
	orgs     map[string]*partnergraph.Organisation
}

// capture takes the stored versions of what the change touches, before it
// is applied.
func (s *Store) capture(g *partnergraph.Graph, removed []string) before {
	b := before{projects: map[string]*partnergraph.Project{}, orgs: map[string]*partnergraph.Organisation{}}
	for i := range g.Projects {
		b.projects[g.Projects[i].ID] = s.projects[g.Projects[i].ID]
	}
	for i := range g.Organisations {
		b.orgs[g.Organisations[i].ID] = s.orgs[g.Organisations[i].ID]
	}
	for _, id := range removed {
		switch partnergraph.KindOfID(id) {
		case partnergraph.KindProject:
			b.projects[id] = s.projects[id]
		case partnergraph.KindOrganisation:
			b.orgs[id] = s.orgs[id]
		}
	}
	return b
}

// patch updates the lookups for the projects and organisations of b, whose
// new versions (nil when removed) are in the store now.
func (s *Store) patch(b before) {
	var oldEdges, newEdges []partnergraph.Edge
	for _, id := range sortedIDs(b.projects) {
		old, now := b.projects[id], s.projects[id]
		at, found := slices.BinarySearch(s.projectIDs, id)
		switch {
		case now != nil && found:
			s.projectList[at] = now
		case now != nil:
			s.projectList = slices.Insert(s.projectList, at, now)
		case found:
			s.projectList = slices.Delete(s.projectList, at, at+1)
		}
		s.projectIDs = sortedSet(s.projectIDs, id, now != nil)
		// Only the features that differ move: a posting list of a common
		// feature holds tens of thousands of ids.
		var oldF, nowF []partnergraph.Feature
		if old != nil {
			oldF = partnergraph.ProjectFeatures(old)
		}
		if now != nil {
			nowF = partnergraph.ProjectFeatures(now)
		}
		if old != nil {
			s.codeOf(old, false)
			for _, f := range oldF {
				if slices.Contains(nowF, f) {
					continue
				}
				s.postings[f] = sortedSet(s.postings[f], id, false)
				if len(s.postings[f]) == 0 {
					delete(s.postings, f)
				}
			}
			s.involve(old, false)
			oldEdges = partnergraph.AppendProjectEdges(oldEdges, old)
		}
		if now != nil {
			s.codeOf(now, true)
			for _, f := range nowF {
				if !slices.Contains(oldF, f) {
					s.postings[f] = sortedSet(s.postings[f], id, true)
				}
			}
			s.involve(now, true)
			newEdges = partnergraph.AppendProjectEdges(newEdges, now)
		}
	}
	for _, id := range sortedIDs(b.orgs) {
		old, now := b.orgs[id], s.orgs[id]
		s.orgIDs = sortedSet(s.orgIDs, id, now != nil)
		if now != nil {
			s.countries[id] = now.CountryCode
		} else {
			delete(s.countries, id)
		}
		if old != nil {
			s.nameOf(old, false)
			oldEdges = append(oldEdges, partnergraph.OrganisationEdges(old)...)
		}
		if now != nil {
			s.nameOf(now, true)
			newEdges = append(newEdges, partnergraph.OrganisationEdges(now)...)
		}
	}
	// Only the edges that differ move.
	count := map[partnergraph.Edge]int{}
	for _, e := range oldEdges {
		count[e]--
	}
	for _, e := range newEdges {
		count[e]++
	}
	for _, e := range oldEdges {
		for ; count[e] < 0; count[e]++ {
			s.adjacency.remove(e)
		}
	}
	for _, e := range newEdges {
		for ; count[e] > 0; count[e]-- {
			s.adjacency.add(e)
		}
	}
}

// sortedSet inserts id into (in true) or deletes it from a sorted list.
func sortedSet(list []string, id string, in bool) []string {
	i, found := slices.BinarySearch(list, id)
	switch {
	case in && !found:
		return slices.Insert(list, i, id)
	case !in && found:
		return slices.Delete(list, i, i+1)
	}
	return list
}

// codeOf adds or takes away a project's code: a code is its smallest
// project's, as on Neo4j.
func (s *Store) codeOf(p *partnergraph.Project, in bool) {
	if p.Code == "" {
		return
	}
	code := strings.ToUpper(p.Code)
	ids := sortedSet(s.codeIDs[code], p.ID, in)
	if len(ids) == 0 {
		delete(s.codeIDs, code)
		delete(s.byCode, code)
		return
	}
	s.codeIDs[code], s.byCode[code] = ids, ids[0]
}

// nameCand is an organisation that a name key can stand for: names come
// before acronyms before aliases, then ids in order.
type nameCand struct {
	pass uint8
	id   string
}

func nameCands(o *partnergraph.Organisation, add func(k string, c nameCand)) {
	for pass, names := range [3][]string{{o.Name}, {o.Acronym}, o.Aliases} {
		for _, n := range names {
			if k := partnergraph.NameKey(n); k != "" {
				add(k, nameCand{uint8(pass), o.ID})
			}
		}
	}
}

func compareCands(a, b nameCand) int {
	return cmp.Or(cmp.Compare(a.pass, b.pass), cmp.Compare(a.id, b.id))
}

// nameOf adds or takes away an organisation's names.
func (s *Store) nameOf(o *partnergraph.Organisation, in bool) {
	nameCands(o, func(k string, c nameCand) {
		list := s.nameCands[k]
		i, found := slices.BinarySearchFunc(list, c, compareCands)
		switch {
		case in && !found:
			list = slices.Insert(list, i, c)
		case !in && found:
			list = slices.Delete(list, i, i+1)
		}
		if len(list) == 0 {
			delete(s.nameCands, k)
			delete(s.byName, k)
			return
		}
		s.nameCands[k], s.byName[k] = list, list[0].id
	})
}

// involve adds or takes away a project's involvements, which each
// organisation keeps in project order (the promoter, then the partners in
// the project's order).
func (s *Store) involve(p *partnergraph.Project, in bool) {
	parts := map[string][]partnergraph.Involvement{}
	var orgs []string
	add := func(org string, role partnergraph.Role) {
		if _, ok := parts[org]; !ok {
			orgs = append(orgs, org)
		}
		parts[org] = append(parts[org], partnergraph.Involvement{ProjectID: p.ID, Role: role})
	}
	if p.PromoterID != "" {
		add(p.PromoterID, partnergraph.RolePromoter)
	}
	for _, ps := range p.Partners {
		add(ps.OrganisationID, ps.Role)
	}
	for _, org := range orgs {
		list := s.involvements[org]
		lo, _ := slices.BinarySearchFunc(list, p.ID, func(x partnergraph.Involvement, id string) int { return cmp.Compare(x.ProjectID, id) })
		hi := lo
		for hi < len(list) && list[hi].ProjectID == p.ID {
			hi++
		}
		list = slices.Delete(list, lo, hi)
		if in {
			list = slices.Insert(list, lo, parts[org]...)
		}
		if len(list) == 0 {
			delete(s.involvements, org)
			continue
		}
		s.involvements[org] = list
	}
}

// numberOf returns a node's number, giving a new one (after all others) to
// a node not seen before.
func (a *adjacency) numberOf(id string) int32 {
	if n, ok := a.num[id]; ok {
		return n
	}
	n := int32(len(a.ids))
	a.num[id] = n
	a.ids = append(a.ids, id)
	a.edges = append(a.edges, nil)
	return n
}

// codeIn returns the code of a value of an edge field, adding it to the
// table when new.
func codeIn[T ~string](table *[]T, v T) uint8 {
	if i := slices.Index(*table, v); i >= 0 {
		return uint8(i)
	}
	if len(*table) == 256 {
		panic("memstore: more than 256 values of an edge field")
	}
	*table = append(*table, v)
	return uint8(len(*table) - 1)
}

// compareEdges orders packed edges as SortEdges does (kind, source, target)
// by their names: numbers given after the first build are not in order.
func (a *adjacency) compareEdges(x, y packedEdge) int {
	return cmp.Or(cmp.Compare(a.kinds[x.kind], a.kinds[y.kind]), cmp.Compare(a.ids[x.source], a.ids[y.source]), cmp.Compare(a.ids[x.target], a.ids[y.target]))
}

func (a *adjacency) pack(e partnergraph.Edge) packedEdge {
	return packedEdge{source: a.numberOf(e.Source), target: a.numberOf(e.Target),
		kind: codeIn(&a.kinds, e.Kind), role: codeIn(&a.roles, e.Role), activ: codeIn(&a.acts, e.Activity)}
}

// add puts an edge under both its ends, in order, after its equals.
func (a *adjacency) add(e partnergraph.Edge) {
	p := a.pack(e)
	for _, n := range [2]int32{p.source, p.target} {
		list := a.edges[n]
		// After the last edge that does not sort after it, by halving: a
		// hub has tens of thousands of edges.
		i := sort.Search(len(list), func(j int) bool { return a.compareEdges(list[j], p) > 0 })
		// The lists of the first build are full (their length is their
		// capacity): an insert moves a list off the array they share.
		a.edges[n] = slices.Insert(list, i, p)
	}
}

// remove takes an edge from under both its ends.
func (a *adjacency) remove(e partnergraph.Edge) {
	p := a.pack(e)
	for _, n := range [2]int32{p.source, p.target} {
		list := a.edges[n]
		if i := slices.Index(list, p); i >= 0 {
			a.edges[n] = slices.Delete(list, i, i+1)
		}
	}
}
