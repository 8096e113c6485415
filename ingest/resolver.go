package ingest

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/partnergraph/partnergraph"
)

// Resolver keeps a corpus resolved as documents come and go. An update
// resolves what the documents put or dropped can change, and nothing
// else, and returns the change to the graph:
//
//   - what each document teaches (its names, translations and acronyms) is
//     counted, so a document's lesson can be taken back; the index of names
//     is built again only when a name, a join or a definition appears or
//     disappears;
//   - each document's mentions are kept; they are found again for the
//     documents put, and for those whose words can meet a name the
//     dictionary gained, lost or reassigned (a word index tells which);
//   - each organisation is the sum of its names' mentions; only the
//     clusters whose members or mentions changed are named again;
//   - a project is built again when its document, its mentions, or the id
//     or country of an organisation it names changed.
//
// The graph after any sequence of updates is the graph Resolve gives for
// the documents present, with the same IDs: the property test of this
// package checks it on random sequences.
type Resolver struct {
	gaz      []GazetteerEntry
	gazIDs   map[string]bool
	forms    map[string]keyForms // kept across builds of the name index
	ids      *IDs
	keepWord bool // keep the word index that later updates need

	recs    map[string]*Record
	bySrc   map[partnergraph.Source]int // documents held, by source
	lessons map[string]lesson
	ld      *learned
	r       *resolver
	members map[string][]string // root -> its nodes, sorted
	sigs    map[string]uint64   // root -> signature of what naming reads of its members

	slot  map[string]int32 // document id -> its slot in the word index
	slots []string         // slot -> document id; "" for a slot let go
	words map[string][]int32

	ment     map[string][]mention
	agg      map[string]*nodeAgg
	nodeDocs map[string]map[string]int // node -> document -> mentions

	clusters map[string]*cluster // root -> cluster, named, for clusters with mentions

	byBase     map[string]map[string]bool // a record's project id -> documents
	outOf      map[string][]string        // a record's project id -> the project ids its documents gave
	projects   map[string]*partnergraph.Project
	documents  map[string]*partnergraph.Document
	orgs       map[string]partnergraph.Organisation
	tgDocs     map[string][]docRef // target group id -> its documents, in name order
	progDocs   map[string][]docRef // programme id -> its documents, in name order
	groups     map[string]partnergraph.TargetGroup
	programmes map[string]partnergraph.Programme
	funders    map[string]int  // funder id -> projects
	shown      map[string]bool // funders in the graph
	added      []string        // the ids the last update added (not after the first)
}

// NewResolver returns an empty resolver. ids, when not nil, are the ids
// given before (see IDs); the resolver adds those it gives. keep keeps the
// index that later updates need; without it an update reads every
// document's mentions again.
func NewResolver(gazetteer []GazetteerEntry, ids *IDs, keep bool) *Resolver {
	if ids == nil {
		ids, _ = NewIDs(nil)
	}
	e := &Resolver{
		gaz: gazetteer, gazIDs: map[string]bool{}, forms: map[string]keyForms{}, ids: ids, keepWord: keep,
		recs: map[string]*Record{}, lessons: map[string]lesson{}, ld: newLearned(),
		slot: map[string]int32{}, words: map[string][]int32{},
		ment: map[string][]mention{}, agg: map[string]*nodeAgg{}, nodeDocs: map[string]map[string]int{},
		clusters: map[string]*cluster{},
		byBase:   map[string]map[string]bool{}, outOf: map[string][]string{},
		projects: map[string]*partnergraph.Project{}, documents: map[string]*partnergraph.Document{},
		orgs:   map[string]partnergraph.Organisation{},
		tgDocs: map[string][]docRef{}, progDocs: map[string][]docRef{},
		groups: map[string]partnergraph.TargetGroup{}, programmes: map[string]partnergraph.Programme{},
		funders: map[string]int{}, shown: map[string]bool{},
	}
	for _, g := range gazetteer {
		e.gazIDs["org:"+g.ID] = true
	}
	return e
}

// Resolve joins the organisations of the records into one node per real
// organisation and returns the graph.
func Resolve(records []*Record, gazetteer []GazetteerEntry) *partnergraph.Graph {
	e := NewResolver(gazetteer, nil, false)
	e.Update(records, nil)
	return e.Graph()
}

// IDs are the ids the resolver gives and keeps.
func (e *Resolver) IDs() *IDs { return e.ids }

// Record returns the record of a document, or nil.
func (e *Resolver) Record(id string) *Record { return e.recs[id] }

// Added are the ids of the nodes the last update added, sorted: the
// nodes of its change that were not in the graph before it (none are
// listed after the first update, where all are new).
func (e *Resolver) Added() []string { return e.added }

// DocumentIDs are the ids of the documents, sorted.
func (e *Resolver) DocumentIDs() []string { return sortedKeys(e.recs) }

// Len is the number of documents.
func (e *Resolver) Len() int { return len(e.recs) }

// Document returns a document of the graph.
func (e *Resolver) Document(id string) (partnergraph.Document, bool) {
	if d, ok := e.documents[id]; ok {
		return *d, true
	}
	return partnergraph.Document{}, false
}

// nodeAgg counts the mentions of one node of the resolver.
type nodeAgg struct {
	n         int
	acronym   string // for an "acr:" node
	names     map[string]int
	official  map[string]int
	countries map[string]int
	docs      map[string]map[string]int // surface -> document -> mentions
}

func bump(m map[string]int, k string, by int) {
	if m[k] += by; m[k] == 0 {
		delete(m, k)
	}
}

func (e *Resolver) count(doc string, ms []mention, by int) {
	for _, m := range ms {
		a := e.agg[m.Node]
		if a == nil {
			a = &nodeAgg{names: map[string]int{}, official: map[string]int{}, countries: map[string]int{}, docs: map[string]map[string]int{}}
			e.agg[m.Node] = a
		}
		a.n += by
		surface := m.bare
		if a.docs[surface] == nil {
			a.docs[surface] = map[string]int{}
		}
		bump(a.docs[surface], doc, by)
		if len(a.docs[surface]) == 0 {
			delete(a.docs, surface)
		}
		if acr, ok := strings.CutPrefix(m.Node, "acr:"); ok {
			a.acronym = acr
		} else {
			bump(a.names, surface, by)
			if m.Evidence.Section == SectionFacts {
				bump(a.official, surface, by)
			}
			if nc := m.nameCountry; nc != "" {
				bump(a.countries, nc, by)
			}
		}
		if m.Country != "" {
			bump(a.countries, m.Country, by)
		}
		if a.n == 0 {
			delete(e.agg, m.Node)
			a = nil
		}
		if e.r != nil {
			// A cluster whose members are as they were takes the mention
			// as it comes; it is named again, not built again.
			if c := e.clusters[e.rootOf(m.Node)]; c != nil {
				c.countInto(doc, m, by, a)
			}
		}
		nd := e.nodeDocs[m.Node]
		if nd == nil {
			nd = map[string]int{}
			e.nodeDocs[m.Node] = nd
		}
		bump(nd, doc, by)
		if len(nd) == 0 {
			delete(e.nodeDocs, m.Node)
		}
	}
}

// rootOf is the root of a node; a node the resolver never learnt (a name
// only prose lists) is a cluster of its own.
func (e *Resolver) rootOf(node string) string {
	// No path compression: projects are built in parallel, and
	// membership left every node one step from its root.
	for {
		p, ok := e.r.parent[node]
		if !ok || p == node {
			return node
		}
		node = p
	}
}

// nodesOf are the nodes of the cluster at root.
func (e *Resolver) nodesOf(root string) []string {
	if _, ok := e.r.parent[root]; !ok {
		return []string{root}
	}
	return e.members[root]
}

// Update puts the records (new documents, or new versions of documents of
// the same id) and drops the documents of the ids, and returns the nodes
// that are new or changed and the ids of those removed, sorted.
func (e *Resolver) Update(put []*Record, drop []string) (*partnergraph.Graph, []string) {
	u := &update{e: e, oldOrgs: map[string]partnergraph.Organisation{}, before: map[string]idCountry{},
		dirty: map[string]bool{}, renamed: map[string]bool{}, rebuild: map[string]bool{}, bases: map[string]bool{}, tgs: map[string]bool{}, progs: map[string]bool{}}
	u.learn(put, drop)
	u.mentions(put)
	u.clusters()
	u.projects()
	return u.result()
}

// update is one Update's work.
type update struct {
	e          *Resolver
	structural bool
	bulk       bool            // the first update: everything is new
	gone       map[string]bool // documents dropped (and not put again)
	rescan     map[string]bool // documents whose mentions are read again
	dirty      map[string]bool // roots whose cluster is built again
	renamed    map[string]bool // roots whose cluster took mentions as they came: named again
	oldOrgs    map[string]partnergraph.Organisation
	before     map[string]idCountry // node -> its organisation before, for nodes of clusters let go
	rebuild    map[string]bool      // documents whose project is built again
	bases      map[string]bool      // record project ids whose projects are decided again
	tgs, progs map[string]bool
	changed    partnergraph.Graph
	removed    []string
	added      []string // of the nodes changed, those that are new
}

type idCountry struct{ id, country string }

// learn counts the documents' lessons in and out and builds the index of
// names again when they changed it.
func (u *update) learn(put []*Record, drop []string) {
	e := u.e
	u.gone, u.rescan = map[string]bool{}, map[string]bool{}
	seen := map[string]bool{}
	bulk := e.r == nil // everything is learnt afresh: nothing to compare with
	u.bulk = bulk
	track := func(doc string, l lesson, by int) {
		if !bulk {
			e.ld.track(doc, l, seen)
		}
		e.ld.add(doc, l, by)
	}
	old := func(id string) {
		rec := e.recs[id]
		if rec == nil {
			return
		}
		track(id, e.lessons[id], -1)
		u.recordUses(rec)
		e.uses(id, rec, false)
		e.unindex(id)
		delete(e.recs, id)
		e.bySrc[sourceOfRecord(rec)]--
		delete(e.lessons, id)
	}
	for _, id := range drop {
		if e.recs[id] != nil {
			old(id)
			u.gone[id] = true
		}
	}
	lessons := make([]lesson, len(put))
	parallel(len(put), func(i int) { lessons[i] = lessonOf(put[i]) })
	for i, rec := range put {
		id := rec.Document.ID
		old(id)
		delete(u.gone, id)
		rec.slim()
		e.recs[id], e.lessons[id] = rec, lessons[i]
		if e.bySrc == nil {
			e.bySrc = map[partnergraph.Source]int{}
		}
		e.bySrc[sourceOfRecord(rec)]++
		track(id, lessons[i], 1)
		u.recordUses(rec)
		e.uses(id, rec, true)
		u.rescan[id] = true
	}
	e.index(put)
	u.structural = bulk || e.ld.changedSince(seen, e.r.localAcronymOnly)
	if !u.structural {
		return
	}
	nr := newResolver(e.gaz)
	nr.forms = e.forms
	nr.learn(e.ld)
	members, sigs := nr.membership()
	if e.r == nil {
		for id := range e.recs {
			u.rescan[id] = true
		}
	} else {
		e.dictChanges(e.r, nr, u.rescan)
		for doc := range e.r.localAcronyms {
			if !reflect.DeepEqual(e.r.localAcronyms[doc], nr.localAcronyms[doc]) {
				u.rescan[doc] = true
			}
		}
		for doc := range nr.localAcronyms {
			if _, ok := e.r.localAcronyms[doc]; !ok {
				u.rescan[doc] = true
			}
		}
	}
	// Clusters whose members changed are let go; each of their nodes'
	// new cluster is built again.
	wasKnown := func(n string) bool { _, ok := e.r.parent[n]; return ok }
	for root := range e.clusters {
		_, isKnown := nr.parent[root]
		keep := false
		if e.r != nil && wasKnown(root) {
			keep = isKnown && sigs[root] == e.sigs[root] && nr.find(root) == root
		} else {
			keep = !isKnown
		}
		if !keep {
			u.letGo(root, nr)
		}
	}
	for root, sig := range sigs {
		if old, ok := e.sigs[root]; !ok || old != sig {
			u.dirty[root] = true
		}
	}
	e.r, e.members, e.sigs = nr, members, sigs
}

// letGo removes the cluster at root, keeping what the update compares
// with: its organisation and the organisation of each of its nodes. With
// next (the index the update builds), the nodes' new clusters are made
// dirty; without, root is dirty already.
func (u *update) letGo(root string, next *resolver) {
	e := u.e
	c := e.clusters[root]
	if c == nil {
		return
	}
	delete(e.clusters, root)
	u.oldOrgs[c.org.ID] = c.org
	for _, n := range e.nodesOf(root) {
		if e.agg[n] == nil && e.nodeDocs[n] == nil {
			continue
		}
		u.before[n] = idCountry{c.org.ID, c.org.CountryCode}
		if next != nil {
			if _, ok := next.parent[n]; ok {
				u.dirty[next.find(n)] = true
			} else {
				u.dirty[n] = true
			}
		}
	}
	// Nodes mentioned only by documents dropped in this update.
	for n := range c.nodes {
		if _, ok := u.before[n]; !ok {
			u.before[n] = idCountry{c.org.ID, c.org.CountryCode}
		}
	}
}

// recordUses notes the projects, target groups and programmes a record
// (as it is, or as it was) takes part in.
func (u *update) recordUses(rec *Record) {
	u.bases[rec.Project.ID] = true
	for _, tg := range rec.Groups {
		u.tgs[tg.ID] = true
	}
	for _, m := range rec.Programmes {
		u.progs[partnergraph.ProgrammeID(m.Name)] = true
	}
}

// mentions finds the mentions of the documents to read again and counts
// them in place of their old ones.
func (u *update) mentions(put []*Record) {
	e := u.e
	var docs []string
	for id := range u.rescan {
		if !u.gone[id] && e.recs[id] != nil {
			docs = append(docs, id)
		}
	}
	sort.Strings(docs)
	found := make([][]mention, len(docs))
	parallel(len(docs), func(i int) { found[i] = e.r.mentionsFilled(e.recs[docs[i]]) })
	touch := func(ms []mention) {
		for _, m := range ms {
			if !u.bulk || e.r.parent[m.Node] == "" {
				// (in the first update every learnt root is dirty already)
				root := e.rootOf(m.Node)
				if e.clusters[root] != nil {
					u.renamed[root] = true // counted into it: named again
				} else {
					u.dirty[root] = true
				}
			}
		}
	}
	for id := range u.gone {
		old := e.ment[id]
		e.count(id, old, -1)
		touch(old)
		delete(e.ment, id)
	}
	for i, id := range docs {
		old, ok := e.ment[id]
		if ok && reflect.DeepEqual(old, found[i]) {
			continue
		}
		e.count(id, old, -1)
		e.count(id, found[i], 1)
		touch(old)
		touch(found[i])
		e.ment[id] = found[i]
		u.rebuild[id] = true
	}
	for _, rec := range put {
		u.rebuild[rec.Document.ID] = true
	}
}

// clusters builds the dirty clusters again, names them and gives them
// their ids; a project is built again where an organisation it names has
// another id or country.
func (u *update) clusters() {
	e := u.e
	roots := make([]string, 0, len(u.dirty))
	for root := range u.dirty {
		roots = append(roots, root)
	}
	sort.Strings(roots)
	for _, root := range roots {
		u.letGo(root, nil)
	}
	var built []*cluster
	for _, root := range roots {
		if c := e.buildCluster(root); c != nil {
			e.clusters[root] = c
			built = append(built, c)
		}
	}
	for _, root := range sortedKeys(u.renamed) {
		c := e.clusters[root]
		if u.dirty[root] || c == nil {
			continue
		}
		u.oldOrgs[c.org.ID] = c.org
		for n := range c.nodes {
			u.before[n] = idCountry{c.org.ID, c.org.CountryCode}
		}
		if len(c.nodes) == 0 {
			delete(e.clusters, root) // its last mention went
			continue
		}
		c.org = partnergraph.Organisation{}
		e.r.name(c, e.nodesOf(root))
		built = append(built, c)
	}
	var unnamed []*cluster
	for _, c := range built {
		if !e.identify(c) {
			unnamed = append(unnamed, c)
		}
	}
	for _, c := range unnamed {
		anchor := orgKey(c.org.Name)
		if !slices.Contains(e.nodesOf(c.root), anchor) {
			anchor = c.root
		}
		c.org.ID = e.ids.mint(c.org.Name, anchor, func(id string) bool { return e.gazIDs[id] })
	}
	after := map[string]idCountry{}
	for _, c := range built {
		for n := range c.nodes {
			after[n] = idCountry{c.org.ID, c.org.CountryCode}
		}
	}
	for n, b := range u.before {
		if after[n] != b {
			for doc := range e.nodeDocs[n] {
				u.rebuild[doc] = true
			}
		}
	}
	for n, a := range after {
		if _, ok := u.before[n]; !ok || u.before[n] != a {
			for doc := range e.nodeDocs[n] {
				u.rebuild[doc] = true
			}
		}
	}
	// The organisations: those let go and not built again are removed.
	next := map[string]partnergraph.Organisation{}
	for _, c := range built {
		o := c.org
		o.Sources = e.sourcesOf(c)
		next[c.org.ID] = o
	}
	for id := range u.oldOrgs {
		if _, ok := next[id]; !ok {
			u.removed = append(u.removed, id)
			delete(e.orgs, id)
		}
	}
	for _, id := range sortedKeys(next) {
		o := next[id]
		if old, ok := e.orgs[id]; !ok || !reflect.DeepEqual(old, o) {
			u.changed.Organisations = append(u.changed.Organisations, o)
			if !ok {
				u.added = append(u.added, id)
			}
		}
		e.orgs[id] = o
	}
}

// buildCluster sums the mentions of the nodes of the cluster at root and
// names it; nil when none of them is mentioned.
func (e *Resolver) buildCluster(root string) *cluster {
	c := &cluster{root: root, names: map[string]int{}, official: map[string]int{}, countries: map[string]int{}, acronyms: map[string]bool{},
		docs: map[string][]string{}, docCount: map[string]map[string]int{}, nodes: map[string]bool{}}
	nodes := e.nodesOf(root)
	for _, n := range nodes {
		a := e.agg[n]
		if a == nil {
			continue
		}
		c.nodes[n] = true
		for s, docs := range a.docs {
			if c.docCount[s] == nil {
				c.docCount[s] = map[string]int{}
			}
			for d, k := range docs {
				c.docCount[s][d] += k
			}
		}
		if a.acronym != "" {
			c.acronyms[a.acronym] = true
		}
		for s, k := range a.names {
			c.names[s] += k
		}
		for s, k := range a.official {
			c.official[s] += k
		}
		for s, k := range a.countries {
			c.countries[s] += k
		}
	}
	if len(c.nodes) == 0 {
		return nil
	}
	for s, docs := range c.docCount {
		c.docs[s] = sortedKeys(docs)
	}
	e.r.name(c, nodes)
	return c
}

// countInto counts a mention in (by = 1) or out of the cluster it is in,
// as buildCluster would have summed it.
func (c *cluster) countInto(doc string, m mention, by int, a *nodeAgg) {
	surface := m.bare
	dc := c.docCount[surface]
	if dc == nil {
		dc = map[string]int{}
		c.docCount[surface] = dc
	}
	dc[doc] += by
	switch dc[doc] {
	case 0:
		delete(dc, doc)
		list := c.docs[surface]
		if i, ok := slices.BinarySearch(list, doc); ok {
			list = slices.Delete(list, i, i+1)
		}
		if len(list) == 0 {
			delete(c.docs, surface)
			delete(c.docCount, surface)
		} else {
			c.docs[surface] = list
		}
	case by:
		if by > 0 {
			list := c.docs[surface]
			i, _ := slices.BinarySearch(list, doc)
			c.docs[surface] = slices.Insert(list, i, doc)
		}
	}
	if acr, ok := strings.CutPrefix(m.Node, "acr:"); ok {
		if a == nil {
			delete(c.acronyms, acr) // its last mention went
		} else {
			c.acronyms[acr] = true
		}
	} else {
		bump(c.names, surface, by)
		if m.Evidence.Section == SectionFacts {
			bump(c.official, surface, by)
		}
		if nc := m.nameCountry; nc != "" {
			bump(c.countries, nc, by)
		}
	}
	if m.Country != "" {
		bump(c.countries, m.Country, by)
	}
	if a == nil {
		delete(c.nodes, m.Node)
	} else {
		c.nodes[m.Node] = true
	}
}

// sourcesOf lists the sources of the documents that name a cluster, in
// Sources' order.
//
// It stops once it has seen every source the resolver holds documents of:
// a corpus of pages alone asks one document of a cluster that thousands
// name, not all of them (a write that touched such a cluster spent most
// of its time here).
func (e *Resolver) sourcesOf(c *cluster) []partnergraph.Source {
	held := 0
	for _, n := range e.bySrc {
		if n > 0 {
			held++
		}
	}
	seen := map[partnergraph.Source]bool{}
docs:
	for _, docs := range c.docs {
		for _, d := range docs {
			if rec := e.recs[d]; rec != nil {
				seen[sourceOfRecord(rec)] = true
				if len(seen) == held {
					break docs
				}
			}
		}
	}
	var out []partnergraph.Source
	for _, s := range partnergraph.Sources {
		if seen[s] {
			out = append(out, s)
		}
	}
	return out
}

// sourceOfRecord is the source of a record's document; a page when it
// names none.
func sourceOfRecord(rec *Record) partnergraph.Source {
	if s := rec.Document.Source; s != "" {
		return s
	}
	return partnergraph.SourcePage
}

// identify gives a cluster the id anchored in it: a gazetteer
// organisation's, else the oldest id given to one of its nodes; the others
// anchored in it are its merged ids. false when no id is anchored in it.
func (e *Resolver) identify(c *cluster) bool {
	nodes := e.nodesOf(c.root)
	held := e.ids.held(nodes)
	sort.Ints(held)
	var ids []string
	for _, i := range held {
		ids = append(ids, e.ids.entries[i].ID)
	}
	for _, n := range nodes {
		if _, ok := e.r.gaz[n]; ok {
			ids = append([]string{gazetteerID(n)}, ids...)
			break
		}
	}
	if len(ids) == 0 {
		return false
	}
	c.org.ID = ids[0]
	if len(ids) > 1 {
		c.org.MergedIDs = slices.Sorted(slices.Values(ids[1:]))
	}
	return true
}

// projects builds again the projects of the documents that need it, decides
// the projects of each record project id they touch, and the target
// groups, programmes and funders.
func (u *update) projects() {
	e := u.e
	for id := range u.rebuild {
		if rec := e.recs[id]; rec != nil && !u.gone[id] {
			u.bases[rec.Project.ID] = true
		}
	}
	bases := sortedKeys(u.bases)
	type decided struct {
		ps []partnergraph.Project
		ds []partnergraph.Document
	}
	out := make([]decided, len(bases))
	parallel(len(bases), func(i int) { out[i].ps, out[i].ds = e.decide(bases[i]) })
	made := map[string]bool{}
	var oldProjects []string
	for i, base := range bases {
		oldProjects = append(oldProjects, e.outOf[base]...)
		ids := make([]string, len(out[i].ps))
		for j := range out[i].ps {
			ids[j] = out[i].ps[j].ID
			made[ids[j]] = true
		}
		e.outOf[base] = ids
	}
	for _, id := range oldProjects {
		if p, ok := e.projects[id]; ok && !made[id] {
			bump(e.funders, p.Funding.FunderID, -1)
			delete(e.projects, id)
			u.removed = append(u.removed, id)
		}
	}
	for id := range u.gone {
		if _, ok := e.documents[id]; ok {
			delete(e.documents, id)
			u.removed = append(u.removed, id)
		}
	}
	var ps []*partnergraph.Project
	var ds []*partnergraph.Document
	for i := range out {
		for j := range out[i].ps {
			p := &out[i].ps[j]
			old, ok := e.projects[p.ID]
			if ok && reflect.DeepEqual(*old, *p) {
				continue
			}
			if ok {
				bump(e.funders, old.Funding.FunderID, -1)
			} else {
				u.added = append(u.added, p.ID)
			}
			bump(e.funders, p.Funding.FunderID, 1)
			e.projects[p.ID] = p
			if !u.bulk {
				ps = append(ps, p)
			}
		}
		for j := range out[i].ds {
			d := &out[i].ds[j]
			if old, ok := e.documents[d.ID]; !ok || !reflect.DeepEqual(*old, *d) {
				if !ok {
					u.added = append(u.added, d.ID)
				}
				e.documents[d.ID] = d
				if !u.bulk {
					ds = append(ds, d)
				}
			}
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })
	sort.Slice(ds, func(i, j int) bool { return ds[i].ID < ds[j].ID })
	for _, p := range ps {
		u.changed.Projects = append(u.changed.Projects, *p)
	}
	for _, d := range ds {
		u.changed.Documents = append(u.changed.Documents, *d)
	}
	u.groupsAndProgrammes()
}

// decide builds the projects of the documents of one record project id,
// in name order: a second document of a project (the same number) is its
// newer version; a second document of the same title and no number is a
// project of its own, whose id takes its document's name.
func (e *Resolver) decide(base string) ([]partnergraph.Project, []partnergraph.Document) {
	var recs []*Record
	for id := range e.byBase[base] {
		recs = append(recs, e.recs[id])
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Document.Name < recs[j].Document.Name })
	var ps []partnergraph.Project
	var ds []partnergraph.Document
	at := map[string]int{}
	mergedAway := map[string]string{}
	var rows []*Record
	for _, rec := range recs {
		if rec.Sheet == nil {
			rows = append(rows, rec)
			continue
		}
		p := e.project(rec)
		doc := rec.Document
		doc.Warnings = append([]string(nil), doc.Warnings...)
		if i, dup := at[p.ID]; dup && p.Code == "" {
			first := p.ID + "--" + strings.TrimPrefix(doc.ID, "doc:")
			id := first
			for n := 2; ; n++ {
				if _, taken := at[id]; !taken && len(e.byBase[id]) == 0 {
					break
				}
				id = fmt.Sprintf("%s-%d", first, n)
			}
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("document %s has the same title as %s and no project number: its project is %s", doc.ID, ps[i].DocumentID, id))
			p.ID = id
			at[p.ID] = len(ps)
			ps = append(ps, p)
		} else if dup {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("project %s is also in document %s; this document's version is kept", p.ID, ps[i].DocumentID))
			mergedAway[ps[i].DocumentID] = fmt.Sprintf("project %s is also in document %s, whose version is kept", p.ID, doc.ID)
			ps[i] = p
		} else {
			at[p.ID] = len(ps)
			ps = append(ps, p)
		}
		doc.ProjectIDs = []string{p.ID}
		ds = append(ds, doc)
	}
	for i := range ds {
		if w, ok := mergedAway[ds[i].ID]; ok {
			ds[i].Warnings = append(ds[i].Warnings, w)
		}
	}
	if len(rows) > 0 {
		ps, ds = e.mergeRows(ps, ds, rows)
	}
	for i := range ps {
		if len(ps[i].Sources) == 0 {
			ps[i].Sources = []partnergraph.ProjectSource{{Source: e.sourceOf(ps[i].DocumentID), DocumentID: ps[i].DocumentID}}
		}
	}
	return ps, ds
}

// sourceOf is the source of a document.
func (e *Resolver) sourceOf(doc string) partnergraph.Source {
	if rec := e.recs[doc]; rec != nil && rec.Document.Source != "" {
		return rec.Document.Source
	}
	return partnergraph.SourcePage
}

// mergeRows adds the projects of rows of open data to the projects
// decided from pages: a row's project whose id (its number) is a page's
// project, or another row's, is one project with it (mergeProjects).
func (e *Resolver) mergeRows(ps []partnergraph.Project, ds []partnergraph.Document, rows []*Record) ([]partnergraph.Project, []partnergraph.Document) {
	if len(ps) == 0 && len(rows) == 1 {
		// One row, no page: most projects of an export.
		rec := rows[0]
		p := e.project(rec)
		p.Sources = []partnergraph.ProjectSource{{Source: rec.Document.Source, DocumentID: p.DocumentID}}
		doc := rec.Document
		doc.Warnings = slices.Clone(doc.Warnings)
		doc.ProjectIDs = []string{p.ID}
		return []partnergraph.Project{p}, append(ds, doc)
	}
	type known struct {
		p      partnergraph.Project
		source partnergraph.Source
		name   string
	}
	byID := map[string][]known{}
	var order []string
	at := map[string]int{}
	for i, p := range ps {
		at[p.ID] = i
	}
	names := map[string]string{}
	for _, d := range ds {
		names[d.ID] = d.Name
	}
	for _, rec := range rows {
		p := e.project(rec)
		if len(byID[p.ID]) == 0 {
			order = append(order, p.ID)
			if i, ok := at[p.ID]; ok {
				byID[p.ID] = append(byID[p.ID], known{ps[i], partnergraph.SourcePage, names[ps[i].DocumentID]})
			}
		}
		byID[p.ID] = append(byID[p.ID], known{p, rec.Document.Source, rec.Document.Name})
		doc := rec.Document
		doc.Warnings = append([]string(nil), doc.Warnings...)
		doc.ProjectIDs = []string{p.ID}
		ds = append(ds, doc)
	}
	for _, id := range order {
		list := byID[id]
		// The shown values are the first source's, in Sources' order; of
		// one source, the document whose name sorts last.
		sort.SliceStable(list, func(i, j int) bool {
			ri, rj := partnergraph.SourceRank(list[i].source), partnergraph.SourceRank(list[j].source)
			if ri != rj {
				return ri < rj
			}
			return list[i].name > list[j].name
		})
		merged := list[0].p
		merged.Sources = []partnergraph.ProjectSource{{Source: list[0].source, DocumentID: list[0].p.DocumentID}}
		for _, k := range list[1:] {
			mergeProjects(&merged, k.p, k.source)
			merged.Sources = append(merged.Sources, partnergraph.ProjectSource{Source: k.source, DocumentID: k.p.DocumentID})
		}
		if i, ok := at[id]; ok {
			ps[i] = merged
		} else {
			at[id] = len(ps)
			ps = append(ps, merged)
		}
	}
	return ps, ds
}

// project is a record's project with its promoter, partners and
// programmes; the record is not changed.
func (e *Resolver) project(rec *Record) partnergraph.Project {
	p := rec.Project
	p.Programmes = nil
	e.partners(&p, rec, e.ment[rec.Document.ID])
	if p.CountryCode == "" && p.PromoterID != "" {
		p.CountryCode = e.orgs[p.PromoterID].CountryCode
	}
	if p.CountryCode == "" {
		p.CountryCode = rec.ProseCountry
	}
	if p.CountryCode == "" {
		p.CountryCode = rec.LanguageCountry
	}
	programmeUses(&p, rec)
	return p
}

// groupsAndProgrammes decides the target groups and programmes the update
// touched (each as the first document in name order gives it) and the
// funders.
func (u *update) groupsAndProgrammes() {
	e := u.e
	for _, id := range sortedKeys(u.tgs) {
		tg, ok := e.firstGroup(id)
		old, had := e.groups[id]
		switch {
		case !ok && had:
			delete(e.groups, id)
			u.removed = append(u.removed, id)
		case ok && (!had || !reflect.DeepEqual(old, tg)):
			if !had {
				u.added = append(u.added, id)
			}
			e.groups[id] = tg
			u.changed.TargetGroups = append(u.changed.TargetGroups, tg)
		}
	}
	for _, id := range sortedKeys(u.progs) {
		pg, ok := e.firstProgramme(id)
		old, had := e.programmes[id]
		switch {
		case !ok && had:
			delete(e.programmes, id)
			u.removed = append(u.removed, id)
		case ok && (!had || !reflect.DeepEqual(old, pg)):
			if !had {
				u.added = append(u.added, id)
			}
			e.programmes[id] = pg
			u.changed.Programmes = append(u.changed.Programmes, pg)
		}
	}
}

// docRef is a document in name order.
type docRef struct{ name, id string }

func compareDocRefs(a, b docRef) int {
	return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.id, b.id))
}

// first is the record of the first document of a list.
func (e *Resolver) first(list []docRef) *Record {
	if len(list) == 0 {
		return nil
	}
	return e.recs[list[0].id]
}

func (e *Resolver) firstGroup(id string) (partnergraph.TargetGroup, bool) {
	if first := e.first(e.tgDocs[id]); first != nil {
		for _, tg := range first.Groups {
			if tg.ID == id {
				return tg, true
			}
		}
	}
	return partnergraph.TargetGroup{}, false
}

func (e *Resolver) firstProgramme(id string) (partnergraph.Programme, bool) {
	if first := e.first(e.progDocs[id]); first != nil {
		for _, m := range first.Programmes {
			if partnergraph.ProgrammeID(m.Name) == id {
				return partnergraph.Programme{ID: id, Name: m.Name, Kind: m.Kind}, true
			}
		}
	}
	return partnergraph.Programme{}, false
}

// result sorts the change; funders are decided last, from the projects.
func (u *update) result() (*partnergraph.Graph, []string) {
	e := u.e
	for _, f := range []partnergraph.Funder{partnergraph.NorwayGrants, partnergraph.EEAGrants, partnergraph.ErasmusPlus} {
		known, used := e.shown[f.ID], e.funders[f.ID] > 0
		switch {
		case used && !known:
			u.changed.Funders = append(u.changed.Funders, f)
			u.added = append(u.added, f.ID)
		case !used && known:
			u.removed = append(u.removed, f.ID)
		}
	}
	for _, f := range []partnergraph.Funder{partnergraph.NorwayGrants, partnergraph.EEAGrants, partnergraph.ErasmusPlus} {
		e.shown[f.ID] = e.funders[f.ID] > 0
	}
	e.added = nil
	if u.bulk {
		return e.Graph(), nil
	}
	sort.Strings(u.added)
	e.added = u.added
	sort.Strings(u.removed)
	u.removed = slices.Compact(u.removed)
	return &u.changed, u.removed
}

// Graph is the whole graph as it stands.
func (e *Resolver) Graph() *partnergraph.Graph {
	g := &partnergraph.Graph{Documents: make([]partnergraph.Document, 0, len(e.documents)), Projects: make([]partnergraph.Project, 0, len(e.projects))}
	for _, id := range sortedKeys(e.documents) {
		g.Documents = append(g.Documents, *e.documents[id])
	}
	for _, id := range sortedKeys(e.projects) {
		g.Projects = append(g.Projects, *e.projects[id])
	}
	for _, id := range sortedKeys(e.orgs) {
		g.Organisations = append(g.Organisations, e.orgs[id])
	}
	for _, id := range sortedKeys(e.groups) {
		g.TargetGroups = append(g.TargetGroups, e.groups[id])
	}
	for _, id := range sortedKeys(e.programmes) {
		g.Programmes = append(g.Programmes, e.programmes[id])
	}
	for _, f := range []partnergraph.Funder{partnergraph.NorwayGrants, partnergraph.EEAGrants, partnergraph.ErasmusPlus} {
		if e.funders[f.ID] > 0 {
			g.Funders = append(g.Funders, f)
		}
	}
	return g
}

// uses adds (or takes away) the document from the sets of documents of
// its record project id, target groups and programmes.
func (e *Resolver) uses(id string, rec *Record, in bool) {
	set := func(m map[string]map[string]bool, k string) {
		if in {
			if m[k] == nil {
				m[k] = map[string]bool{}
			}
			m[k][id] = true
			return
		}
		delete(m[k], id)
		if len(m[k]) == 0 {
			delete(m, k)
		}
	}
	set(e.byBase, rec.Project.ID)
	ref := docRef{rec.Document.Name, id}
	list := func(m map[string][]docRef, k string) {
		l := m[k]
		i, found := slices.BinarySearchFunc(l, ref, compareDocRefs)
		switch {
		case in && !found:
			m[k] = slices.Insert(l, i, ref)
		case !in && found:
			if l = slices.Delete(l, i, i+1); len(l) == 0 {
				delete(m, k)
			} else {
				m[k] = l
			}
		}
	}
	for _, tg := range rec.Groups {
		list(e.tgDocs, tg.ID)
	}
	for _, m := range rec.Programmes {
		list(e.progDocs, partnergraph.ProgrammeID(m.Name))
	}
}

// track notes, for each item the lesson counts, whether it was present
// before the update touched it.
func (ld *learned) track(doc string, l lesson, seen map[string]bool) {
	note := func(k string, present bool) {
		if _, ok := seen[k]; !ok {
			seen[k] = present
		}
	}
	for _, s := range l.surfaces {
		note("s\x00"+s[0]+"\x00"+s[1], ld.surfaces[s[0]][s[1]] > 0)
	}
	for _, j := range l.joins {
		note("j\x00"+j[0]+"\x00"+j[1], ld.joins[j] > 0)
	}
	for _, d := range l.defs {
		note("D\x00"+d[0]+"\x00"+d[1], len(ld.defs[d[0]][d[1]]) > 0)
		note("d\x00"+d[0]+"\x00"+d[1]+"\x00"+doc, ld.defs[d[0]][d[1]][doc] > 0)
	}
}

// changedSince: an item tracked appeared or disappeared. Which documents
// define an acronym's long form matters only where the acronym holds in
// its documents alone (local says so): elsewhere only whether any does.
func (ld *learned) changedSince(seen map[string]bool, local func(acr string) bool) bool {
	for k, was := range seen {
		f := strings.Split(k, "\x00")
		var now bool
		switch f[0] {
		case "s":
			now = ld.surfaces[f[1]][f[2]] > 0
		case "j":
			now = ld.joins[[2]string{f[1], f[2]}] > 0
		case "D":
			now = len(ld.defs[f[1]][f[2]]) > 0
		case "d":
			if now = ld.defs[f[1]][f[2]][f[3]] > 0; now != was && !local(f[1]) {
				now = was // one more or one less document defining it: the same index
			}
		}
		if now != was {
			return true
		}
	}
	return false
}

// membership lists each root's nodes and signs what naming reads of them:
// the nodes, their surfaces, which are long forms of an acronym and which
// acronyms hold in the whole corpus.
func (r *resolver) membership() (map[string][]string, map[string]uint64) {
	members := map[string][]string{}
	for n := range r.parent {
		root := r.find(n)
		members[root] = append(members[root], n)
	}
	for root, ns := range members {
		for _, n := range ns {
			r.parent[n] = root
		}
	}
	sigs := make(map[string]uint64, len(members))
	for root, ns := range members {
		sort.Strings(ns)
		h := fnv.New64a()
		for _, n := range ns {
			h.Write([]byte(n))
			h.Write([]byte{0})
			for _, s := range sortedKeys(r.surfaces[n]) {
				h.Write([]byte(s))
				h.Write([]byte{1})
			}
			if r.longForms[n] {
				h.Write([]byte{2})
			}
			if acr, ok := strings.CutPrefix(n, "acr:"); ok && r.acronyms[acr] == n {
				h.Write([]byte{3})
			}
		}
		sigs[root] = h.Sum64()
	}
	return members, sigs
}

// dictChanges marks for reading again the documents whose words can meet
// a name the dictionary gained, lost or gave another node: those with the
// name's first two words (an acronym's letters), as the word index tells.
func (e *Resolver) dictChanges(old, next *resolver, rescan map[string]bool) {
	var changed []dictKey
	for k, node := range old.dict.known {
		if n, ok := next.dict.known[k]; !ok || n != node {
			changed = append(changed, k)
		}
	}
	for k := range next.dict.known {
		if _, ok := old.dict.known[k]; !ok {
			changed = append(changed, k)
		}
	}
	if len(changed) == 0 {
		return
	}
	if !e.keepWord {
		for id := range e.recs {
			rescan[id] = true
		}
		return
	}
	for _, k := range changed {
		words := strings.Fields(nameKey(k.name))
		if len(words) == 0 {
			continue
		}
		slots := e.words[words[0]]
		if len(words) > 1 && !k.acronym {
			second := map[int32]bool{}
			for _, s := range e.words[words[1]] {
				second[s] = true
			}
			var both []int32
			for _, s := range slots {
				if second[s] {
					both = append(both, s)
				}
			}
			slots = both
		}
		for _, s := range slots {
			if doc := e.slots[s]; doc != "" {
				rescan[doc] = true
			}
		}
	}
}

// index adds the records' words to the word index.
func (e *Resolver) index(recs []*Record) {
	if !e.keepWord {
		return
	}
	if len(e.slots) > 2*len(e.recs)+1024 {
		// Mostly slots let go: index the documents present afresh.
		e.slots, e.slot, e.words = nil, map[string]int32{}, map[string][]int32{}
		all := make([]*Record, 0, len(e.recs))
		for _, rec := range e.recs {
			all = append(all, rec)
		}
		recs = all
	}
	lists := make([][]string, len(recs))
	parallel(len(recs), func(i int) { lists[i] = docWords(recs[i]) })
	for i, rec := range recs {
		s := int32(len(e.slots))
		e.slots = append(e.slots, rec.Document.ID)
		e.slot[rec.Document.ID] = s
		for _, w := range lists[i] {
			e.words[w] = append(e.words[w], s)
		}
	}
}

func (e *Resolver) unindex(id string) {
	if s, ok := e.slot[id]; ok {
		e.slots[s] = ""
		delete(e.slot, id)
	}
}

// docWords are the distinct words of a record's sentences, as the
// dictionary reads them.
func docWords(rec *Record) []string {
	seen := map[string]bool{}
	var toks []token
	var ws []word
	for _, sn := range rec.Sentences {
		toks = appendTokens(toks[:0], sn.Text)
		ws = appendWords(ws[:0], toks)
		for _, w := range ws {
			if !w.barrier {
				seen[w.key] = true
			}
		}
	}
	return sortedKeys(seen)
}

// mentionsFilled are the record's mentions with their bare surfaces and
// the countries their names state.
func (r *resolver) mentionsFilled(rec *Record) []mention {
	ms := r.mentions(rec)
	for j, m := range ms {
		f := surfaceFormsOf(m.Surface)
		ms[j].bare = f.bare
		if !strings.HasPrefix(m.Node, "acr:") {
			ms[j].nameCountry = f.country
		}
	}
	return ms
}

// surfaceForms are what a mention's surface reads as: without a country
// suffix, and the country its words state.
type surfaceForms struct{ bare, country string }

// surfaceMemo keeps the forms of surfaces read, which repeat across
// documents (an export names its partners again and again); they depend
// on the surface alone.
var surfaceMemo memo[string, surfaceForms]

func surfaceFormsOf(surface string) surfaceForms {
	return surfaceMemo.get(surface, func() surfaceForms {
		return surfaceForms{bare: withoutCountrySuffix(surface), country: nameCountry(surface)}
	})
}

// memo keeps the results of a function of its key alone. Bounded: past
// memoSize entries it no longer grows, and computes what it does not hold.
type memo[K comparable, V any] struct {
	m sync.Map
	n atomic.Int64
}

const memoSize = 1 << 18

func (c *memo[K, V]) get(k K, compute func() V) V {
	if v, ok := c.m.Load(k); ok {
		return v.(V)
	}
	v := compute()
	if c.n.Load() < memoSize {
		if _, loaded := c.m.LoadOrStore(k, v); !loaded {
			c.n.Add(1)
		}
	}
	return v
}
