// Package memstore is the embedded Store: the whole graph in memory, so the
// server runs with no database.
package memstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/network"
)

// Store is an in-memory partnergraph.Store. It is safe for concurrent use;
// the values it returns are shared and must not be modified.
type Store struct {
	// born and version make GraphVersion: the store's start, and the
	// writes and metrics computations since.
	born    int64
	version atomic.Uint64

	mu         sync.RWMutex
	projects   map[string]*partnergraph.Project
	orgs       map[string]*partnergraph.Organisation
	mergedInto map[string]string // a merged organisation id -> the id of the organisation it is now part of
	groups     map[string]*partnergraph.TargetGroup
	programmes map[string]*partnergraph.Programme
	funders    map[string]*partnergraph.Funder
	docs       map[string]*partnergraph.Document

	// indexes, rebuilt after every Load
	projectIDs   []string                // sorted
	projectList  []*partnergraph.Project // in projectIDs' order
	countries    map[string]string       // organisation id -> country code
	orgIDs       []string                // sorted
	byCode       map[string]string
	codeIDs      map[string][]string // code -> its projects' ids, sorted
	byName       map[string]string
	nameCands    map[string][]nameCand // name key -> what it can stand for, best first
	involvements map[string][]partnergraph.Involvement
	adjacency    *adjacency
	metrics      *metricsJob // computed in the background after every change
	// The metrics asked for and not yet computed, what the next
	// computation reads, and whether one runs (see startMetrics).
	metricsMu      sync.Mutex
	metricsPending []*metricsJob
	metricsRunning bool
	metricsNext    metricsInput // the graph to compute from, copied by the write that asked
	metricsLazy    bool         // a job asked to copy the graph when it starts
	metricsLast    *metricsJob  // the metrics last computed
	metricsAsked   time.Time    // the last time metrics were asked for
	metricsFirst   time.Time    // when the oldest pending job was asked for
	index          *textIndex   // full text, kept up to date by Load and Apply
	postings       map[partnergraph.Feature][]string
}

var _ partnergraph.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	s := &Store{
		born:       time.Now().UnixNano(),
		projects:   map[string]*partnergraph.Project{},
		orgs:       map[string]*partnergraph.Organisation{},
		mergedInto: map[string]string{},
		groups:     map[string]*partnergraph.TargetGroup{},
		programmes: map[string]*partnergraph.Programme{},
		funders:    map[string]*partnergraph.Funder{},
		docs:       map[string]*partnergraph.Document{},
	}
	s.index = newTextIndex()
	s.reindex()()
	return s
}

// Load upserts the graph's nodes by id; an organisation keeps the aliases
// of its earlier versions.
func (s *Store) Load(ctx context.Context, g *partnergraph.Graph) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.put(g, true)
	s.update(g, nil)
	s.version.Add(1)
	return nil
}

// GraphVersion moves on with every Load, Apply and computation of the
// metrics; the store's start makes it unique to this process.
func (s *Store) GraphVersion(ctx context.Context) (string, error) {
	return fmt.Sprintf("mem-%d-%d", s.born, s.version.Load()), ctx.Err()
}

// Apply stores the changed nodes as given and removes the others, under one
// lock: readers see the store before or after, never between.
func (s *Store) Apply(ctx context.Context, changed *partnergraph.Graph, remove []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.capture(changed, remove)
	for _, id := range remove {
		switch partnergraph.KindOfID(id) {
		case partnergraph.KindProject:
			delete(s.projects, id)
		case partnergraph.KindOrganisation:
			delete(s.orgs, id)
		case partnergraph.KindTargetGroup:
			delete(s.groups, id)
		case partnergraph.KindProgramme:
			delete(s.programmes, id)
		case partnergraph.KindFunder:
			delete(s.funders, id)
		case partnergraph.KindDocument:
			delete(s.docs, id)
		}
	}
	s.put(changed, false)
	s.indexGraph(changed, remove)
	s.patch(b)
	s.startMetrics()
	s.version.Add(1)
	return nil
}

// update brings the indexes and the full-text index up to date after the
// graph's nodes were put and the removed ones deleted, the two side by
// side; the network metrics start after them, in the background.
func (s *Store) update(g *partnergraph.Graph, removed []string) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.indexGraph(g, removed)
	}()
	startMetrics := s.reindex()
	<-done
	startMetrics()
}

// put upserts the graph's nodes; merge keeps an organisation's old aliases.
func (s *Store) put(g *partnergraph.Graph, merge bool) {
	for i := range g.Organisations {
		o := g.Organisations[i]
		if old, ok := s.orgs[o.ID]; ok && merge {
			o.Aliases = partnergraph.MergeAliases(*old, o)
		}
		s.orgs[o.ID] = &o
		for _, m := range o.MergedIDs {
			s.mergedInto[m] = o.ID
		}
	}
	// Projects and documents, the many, are kept where the graph has them,
	// not copied: a graph given to the store is not changed after.
	for i := range g.Projects {
		s.projects[g.Projects[i].ID] = &g.Projects[i]
	}
	for i := range g.TargetGroups {
		t := g.TargetGroups[i]
		s.groups[t.ID] = &t
	}
	for i := range g.Programmes {
		p := g.Programmes[i]
		s.programmes[p.ID] = &p
	}
	for i := range g.Funders {
		f := g.Funders[i]
		s.funders[f.ID] = &f
	}
	for i := range g.Documents {
		s.docs[g.Documents[i].ID] = &g.Documents[i]
	}
}

// reindex rebuilds the lookups from the stored nodes; it returns what
// starts the network metrics over them.
func (s *Store) reindex() (startMetrics func()) {
	s.projectIDs = sortedIDs(s.projects)
	s.orgIDs = sortedIDs(s.orgs)
	s.byCode = make(map[string]string, len(s.projectIDs))
	s.codeIDs = make(map[string][]string, len(s.projectIDs))
	for _, id := range s.projectIDs {
		p := s.projects[id]
		if p.Code == "" {
			continue
		}
		code := strings.ToUpper(p.Code)
		if s.byCode[code] == "" {
			s.byCode[code] = id // the smallest id wins, as on Neo4j
		}
		s.codeIDs[code] = append(s.codeIDs[code], id)
	}
	// Names first, then acronyms, then aliases: a name wins over another
	// organisation's alias (see nameCand).
	s.byName = make(map[string]string, 2*len(s.orgIDs))
	s.nameCands = make(map[string][]nameCand, 2*len(s.orgIDs))
	for _, id := range s.orgIDs {
		nameCands(s.orgs[id], func(k string, c nameCand) { s.nameCands[k] = append(s.nameCands[k], c) })
	}
	for k, list := range s.nameCands {
		slices.SortFunc(list, compareCands)
		list = slices.CompactFunc(list, func(a, b nameCand) bool { return a == b })
		s.nameCands[k], s.byName[k] = list, list[0].id
	}
	// The adjacency is built beside the lookups below: it reads the same
	// nodes and is the costliest part (a second of a 100,000-sheet load).
	adjacencyBuilt := make(chan *adjacency)
	go func() { adjacencyBuilt <- buildAdjacency(s.projects, s.orgs, s.projectIDs, s.orgIDs) }()
	projects := make([]*partnergraph.Project, 0, len(s.projectIDs))
	for _, id := range s.projectIDs {
		projects = append(projects, s.projects[id])
	}
	s.projectList = projects
	s.countries = make(map[string]string, len(s.orgIDs))
	for _, id := range s.orgIDs {
		s.countries[id] = s.orgs[id].CountryCode
	}
	s.postings = map[partnergraph.Feature][]string{}
	for _, p := range projects {
		for _, f := range partnergraph.ProjectFeatures(p) {
			s.postings[f] = append(s.postings[f], p.ID)
		}
	}
	s.involvements = make(map[string][]partnergraph.Involvement, len(s.orgIDs))
	for _, id := range s.projectIDs {
		p := s.projects[id]
		if p.PromoterID != "" {
			s.involvements[p.PromoterID] = append(s.involvements[p.PromoterID], partnergraph.Involvement{ProjectID: id, Role: partnergraph.RolePromoter})
		}
		for _, ps := range p.Partners {
			s.involvements[ps.OrganisationID] = append(s.involvements[ps.OrganisationID], partnergraph.Involvement{ProjectID: id, Role: ps.Role})
		}
	}
	s.adjacency = <-adjacencyBuilt
	return s.startMetrics
}

// metricsInput is what network metrics are computed from: the projects (in
// id order) and the organisations' countries, taken under the write lock
// (projects are never changed in place, so the list may be read after).
type metricsInput struct {
	projects  []*partnergraph.Project
	countries map[string]string
}

// startMetrics asks for the network metrics of the graph as it is now;
// called with the write lock held. One computation runs at a time: the
// writes made while it runs share the next one, over the graph as the last
// of them left it, so a stream of writes costs one computation after
// another, not one each. Readers of metrics wait for the newest job.
//
// Once the first metrics are computed, the graph is copied when a
// computation starts, not here: a write does not pay for a copy of every
// project that the next write makes stale. Until then it is copied here,
// since readers wait for the first metrics with the read lock held and the
// computation could not take it behind a waiting writer.
func (s *Store) startMetrics() {
	job := &metricsJob{done: make(chan struct{})}
	s.metrics = job
	s.metricsMu.Lock()
	defer s.metricsMu.Unlock()
	if len(s.metricsPending) == 0 {
		s.metricsFirst = time.Now()
	}
	s.metricsPending = append(s.metricsPending, job)
	s.metricsAsked = time.Now()
	if s.metricsLast == nil {
		s.metricsNext = metricsInput{projects: slices.Clone(s.projectList), countries: maps.Clone(s.countries)}
	} else {
		s.metricsLazy = true
	}
	if !s.metricsRunning {
		s.metricsRunning = true
		go s.runMetrics()
	}
}

// MetricsQuiet is how long a stream of writes must pause before the
// network metrics are computed again, and MetricsMaxDelay how long they
// may wait for that pause: writes one after another would otherwise keep a
// core computing metrics that the next write makes stale (at 100,000
// sheets a computation takes seconds). Until then readers have the metrics
// last computed.
var MetricsQuiet, MetricsMaxDelay = 500 * time.Millisecond, 30 * time.Second

// runMetrics computes the metrics asked for, until none are.
func (s *Store) runMetrics() {
	for {
		for {
			s.metricsMu.Lock()
			quiet, waited := time.Since(s.metricsAsked), time.Since(s.metricsFirst)
			s.metricsMu.Unlock()
			if quiet >= MetricsQuiet || waited >= MetricsMaxDelay {
				break
			}
			time.Sleep(min(MetricsQuiet-quiet, MetricsMaxDelay-waited))
		}
		s.metricsMu.Lock()
		jobs, in, lazy := s.metricsPending, s.metricsNext, s.metricsLazy
		s.metricsPending, s.metricsNext, s.metricsLazy = nil, metricsInput{}, false
		if len(jobs) == 0 {
			s.metricsRunning = false
			s.metricsMu.Unlock()
			return
		}
		s.metricsMu.Unlock()
		if lazy {
			// The graph as it is now, at least as new as every job taken
			// (a write that comes between shares it and asks again).
			s.mu.RLock()
			in = metricsInput{projects: slices.Clone(s.projectList), countries: maps.Clone(s.countries)}
			s.mu.RUnlock()
		}
		values := network.ComputeMetrics(partnergraph.CooperationLinks(in.projects), in.countries)
		for _, j := range jobs {
			j.values = values
			close(j.done)
		}
		s.metricsMu.Lock()
		s.metricsLast = jobs[len(jobs)-1]
		s.metricsMu.Unlock()
		s.version.Add(1)
	}
}

// buildAdjacency packs every node's edges, sorted.
func buildAdjacency(projects map[string]*partnergraph.Project, orgs map[string]*partnergraph.Organisation, projectIDs, orgIDs []string) *adjacency {
	// Each edge once, in one slice: a project's seven kinds of edges are
	// counted up front, so the slice is made once.
	n := len(orgIDs)
	for _, id := range projectIDs {
		p := projects[id]
		n += 4 + len(p.Partners) + len(p.TargetGroupIDs) + len(p.Programmes)
	}
	all := make([]partnergraph.Edge, 0, n)
	for _, id := range projectIDs {
		all = partnergraph.AppendProjectEdges(all, projects[id])
	}
	for _, id := range orgIDs {
		all = append(all, partnergraph.OrganisationEdges(orgs[id])...)
	}
	return newAdjacency(all)
}

func sortedIDs[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Nodes returns the nodes with these ids, nil where there is none.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]partnergraph.Node, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]partnergraph.Node, len(ids))
	for i, id := range ids {
		out[i] = s.lookup(id)
	}
	return out, nil
}

// InvolvementPages cuts the organisations' pages of involvements from the
// lists the store holds.
func (s *Store) InvolvementPages(ctx context.Context, orgIDs []string, roles []partnergraph.Role, p partnergraph.Page) ([]partnergraph.InvolvementPage, error) {
	inv, err := s.Involvements(ctx, orgIDs)
	if err != nil {
		return nil, err
	}
	out := make([]partnergraph.InvolvementPage, len(orgIDs))
	for i := range orgIDs {
		out[i] = partnergraph.PageOfInvolvements(inv[i], roles, p)
	}
	return out, nil
}

// ProjectOutlines returns the projects with these ids, whole: the store
// holds them in memory, and an outline would be a copy.
func (s *Store) ProjectOutlines(ctx context.Context, ids []string) ([]*partnergraph.Project, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*partnergraph.Project, len(ids))
	for i, id := range ids {
		if p, ok := s.lookup(id).(*partnergraph.Project); ok {
			out[i] = p
		}
	}
	return out, nil
}

// lookup returns the node with this id, nil when there is none.
func (s *Store) lookup(id string) partnergraph.Node {
	switch partnergraph.KindOfID(id) {
	case partnergraph.KindProject:
		return found(s.projects, id)
	case partnergraph.KindOrganisation:
		if o, ok := s.orgs[id]; ok {
			return o
		}
		// An id merged into another organisation answers with it, while
		// that organisation still says so (a split takes it back).
		if o, ok := s.orgs[s.mergedInto[id]]; ok && slices.Contains(o.MergedIDs, id) {
			return o
		}
		return nil
	case partnergraph.KindTargetGroup:
		return found(s.groups, id)
	case partnergraph.KindProgramme:
		return found(s.programmes, id)
	case partnergraph.KindFunder:
		return found(s.funders, id)
	case partnergraph.KindDocument:
		return found(s.docs, id)
	}
	return nil
}

// found returns m[id] as a Node, or a nil interface (not a nil pointer).
func found[T partnergraph.Node](m map[string]T, id string) partnergraph.Node {
	if v, ok := m[id]; ok {
		return v
	}
	return nil
}

// ProjectByCode returns the project with this code.
func (s *Store) ProjectByCode(ctx context.Context, code string) (*partnergraph.Project, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if id, ok := s.byCode[strings.ToUpper(strings.TrimSpace(code))]; ok {
		return s.projects[id], nil
	}
	return nil, partnergraph.Errorf(partnergraph.ENOTFOUND, "no project with code %q", code)
}

// OrganisationByName returns the organisation with this name, acronym or alias.
func (s *Store) OrganisationByName(ctx context.Context, name string) (*partnergraph.Organisation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if id, ok := s.byName[partnergraph.NameKey(name)]; ok {
		return s.orgs[id], nil
	}
	return nil, partnergraph.Errorf(partnergraph.ENOTFOUND, "no organisation named %q", name)
}

// Projects returns a page of the projects that match f.
func (s *Store) Projects(ctx context.Context, f *partnergraph.ProjectFilter, p partnergraph.Page) (*partnergraph.ProjectPage, error) {
	if err := p.Validate(partnergraph.ProjectSortFields); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.candidates(f)
	if p.Sort.Field == "" && !p.Sort.Desc {
		// By id: walk the sorted ids from the cursor, no sort needed.
		page, cursors, info := idPage(ids, p, f == nil, func(id string) (*partnergraph.Project, bool) {
			v := s.projects[id]
			return v, s.matchProject(v, f)
		})
		return &partnergraph.ProjectPage{Items: page, Cursors: cursors, PageInfo: info}, nil
	}
	var items []*partnergraph.Project
	for _, id := range ids {
		if v := s.projects[id]; s.matchProject(v, f) {
			items = append(items, v)
		}
	}
	page, cursors, info := sortedPage(items, p, func(v *partnergraph.Project) (any, string) {
		return partnergraph.ProjectSortKey(v, p.Sort.Field), v.ID
	})
	return &partnergraph.ProjectPage{Items: page, Cursors: cursors, PageInfo: info}, nil
}

// candidates narrows a filter to the shortest list of project ids (sorted)
// that an indexed field of it allows; every project when none applies. The
// filter is still checked on each.
func (s *Store) candidates(f *partnergraph.ProjectFilter) []string {
	best := s.projectIDs
	if f == nil {
		return best
	}
	try := func(list []string) {
		if len(list) < len(best) {
			best = list
		}
	}
	if f.CountryCode != "" {
		try(s.postings[partnergraph.Feature{Kind: partnergraph.FeatureCountry, ID: "country:" + strings.ToUpper(f.CountryCode)}])
	}
	if f.FunderID != "" {
		try(s.postings[partnergraph.Feature{Kind: partnergraph.FeatureFunder, ID: f.FunderID}])
	}
	if f.TargetGroupID != "" {
		try(s.postings[partnergraph.Feature{Kind: partnergraph.FeatureTargetGroup, ID: f.TargetGroupID}])
	}
	if f.ProgrammeID != "" {
		try(s.postings[partnergraph.Feature{Kind: partnergraph.FeatureProgramme, ID: f.ProgrammeID}])
	}
	if f.OrganisationID != "" {
		inv := s.involvements[f.OrganisationID]
		ids := make([]string, len(inv))
		for i, in := range inv {
			ids[i] = in.ProjectID
		}
		try(ids)
	}
	if f.Code != "" {
		if id, ok := s.byCode[strings.ToUpper(strings.TrimSpace(f.Code))]; ok {
			try([]string{id})
		} else {
			return nil
		}
	}
	return best
}

// idPage walks ids (sorted) after the cursor and keeps the matching ones;
// it counts all the matches only when the total is asked for, and not at
// all when every id matches (all).
func idPage[T any](ids []string, p partnergraph.Page, all bool, get func(string) (T, bool)) ([]T, []string, partnergraph.PageInfo) {
	start := 0
	if p.After != "" {
		c, _ := partnergraph.DecodeCursor(p.After)
		start = sort.SearchStrings(ids, c.ID)
		if start < len(ids) && ids[start] == c.ID {
			start++
		}
	}
	info := partnergraph.PageInfo{Total: -1}
	var items []T
	var cursors []string
	for _, id := range ids[start:] {
		v, ok := get(id)
		if !ok {
			continue
		}
		if len(items) == p.First {
			info.HasNextPage = true
			break
		}
		items = append(items, v)
		cursors = append(cursors, partnergraph.EncodeCursor(partnergraph.Cursor{Key: id, ID: id}))
	}
	if len(cursors) > 0 {
		info.EndCursor = cursors[len(cursors)-1]
	}
	switch {
	case p.WithTotal && all:
		info.Total = len(ids)
	case p.WithTotal:
		info.Total = 0
		for _, id := range ids {
			if _, ok := get(id); ok {
				info.Total++
			}
		}
	}
	return items, cursors, info
}

// Organisations returns a page of the organisations that match f.
func (s *Store) Organisations(ctx context.Context, f *partnergraph.OrganisationFilter, p partnergraph.Page) (*partnergraph.OrganisationPage, error) {
	if err := p.Validate(partnergraph.OrganisationSortFields); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if p.Sort.Field == "" && !p.Sort.Desc {
		page, cursors, info := idPage(s.orgIDs, p, f == nil, func(id string) (*partnergraph.Organisation, bool) {
			v := s.orgs[id]
			return v, s.matchOrganisation(v, f)
		})
		return &partnergraph.OrganisationPage{Items: page, Cursors: cursors, PageInfo: info}, nil
	}
	var items []*partnergraph.Organisation
	for _, id := range s.orgIDs {
		if v := s.orgs[id]; s.matchOrganisation(v, f) {
			items = append(items, v)
		}
	}
	page, cursors, info := sortedPage(items, p, func(v *partnergraph.Organisation) (any, string) {
		return partnergraph.OrganisationSortKey(v, s.metricsOf(v.ID), p.Sort.Field), v.ID
	})
	return &partnergraph.OrganisationPage{Items: page, Cursors: cursors, PageInfo: info}, nil
}

func (s *Store) metricsOf(id string) *partnergraph.Metrics {
	values, _ := s.metricsNow(context.Background())
	if m, ok := values[id]; ok {
		return &m
	}
	return nil
}

// metricsNow are the network metrics last computed: a reader does not wait
// for those a write asked for (betweenness takes seconds on a large graph),
// only for the first ones of a store.
func (s *Store) metricsNow(ctx context.Context) (map[string]partnergraph.Metrics, error) {
	s.metricsMu.Lock()
	last := s.metricsLast
	s.metricsMu.Unlock()
	if last != nil {
		return last.values, nil
	}
	select {
	case <-s.metrics.done:
		return s.metrics.values, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// metricsJob computes the network metrics of one version of the graph in
// the background: betweenness costs seconds on large graphs, and a write or
// a start need not wait for it. Readers take the metrics last computed.
type metricsJob struct {
	done   chan struct{}
	values map[string]partnergraph.Metrics
}

func (j *metricsJob) wait() map[string]partnergraph.Metrics {
	<-j.done
	return j.values
}

// sortedPage orders the items by their key (then id), skips to the cursor
// and cuts a page.
func sortedPage[T any](items []T, p partnergraph.Page, key func(T) (any, string)) ([]T, []string, partnergraph.PageInfo) {
	type keyed struct {
		item T
		k    any
		id   string
	}
	all := make([]keyed, len(items))
	for i, it := range items {
		k, id := key(it)
		all[i] = keyed{it, k, id}
	}
	less := func(ak any, aid string, bk any, bid string) bool {
		c := partnergraph.CompareKeys(ak, bk)
		if p.Sort.Desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
		return aid < bid
	}
	sort.SliceStable(all, func(i, j int) bool { return less(all[i].k, all[i].id, all[j].k, all[j].id) })
	start := 0
	if p.After != "" {
		c, _ := partnergraph.DecodeCursor(p.After)
		start = sort.Search(len(all), func(i int) bool { return less(c.Key, c.ID, all[i].k, all[i].id) })
	}
	info := partnergraph.PageInfo{Total: -1}
	if p.WithTotal {
		info.Total = len(all)
	}
	end := min(start+p.First, len(all))
	info.HasNextPage = end < len(all)
	var out []T
	var cursors []string
	for _, kv := range all[start:end] {
		out = append(out, kv.item)
		cursors = append(cursors, partnergraph.EncodeCursor(partnergraph.Cursor{Field: p.Sort.Field, Key: kv.k, ID: kv.id}))
	}
	if len(cursors) > 0 {
		info.EndCursor = cursors[len(cursors)-1]
	}
	return out, cursors, info
}

// Involvements returns each organisation's projects.
func (s *Store) Involvements(ctx context.Context, orgIDs []string) ([][]partnergraph.Involvement, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([][]partnergraph.Involvement, len(orgIDs))
	for i, id := range orgIDs {
		out[i] = s.involvements[id]
	}
	return out, nil
}

// Edges returns the edges that touch each node.
func (s *Store) Edges(ctx context.Context, ids []string) ([][]partnergraph.Edge, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([][]partnergraph.Edge, len(ids))
	for i, id := range ids {
		out[i] = s.adjacency.of(id)
	}
	return out, nil
}

// EdgesAmong returns the edges that touch each node and lead to one of
// among, without building a hub's others.
func (s *Store) EdgesAmong(ctx context.Context, ids, among []string) ([][]partnergraph.Edge, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	set := s.adjacency.numbers(among)
	out := make([][]partnergraph.Edge, len(ids))
	for i, id := range ids {
		out[i] = s.adjacency.among(id, set)
	}
	return out, nil
}

// Postings returns the projects that have each feature.
func (s *Store) Postings(ctx context.Context, features []partnergraph.Feature) ([][]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([][]string, len(features))
	for i, f := range features {
		out[i] = s.postings[f]
	}
	return out, nil
}

// Metrics returns each organisation's network metrics.
func (s *Store) Metrics(ctx context.Context, orgIDs []string) ([]*partnergraph.Metrics, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*partnergraph.Metrics, len(orgIDs))
	metrics, err := s.metricsNow(ctx)
	if err != nil {
		return nil, err
	}
	for i, id := range orgIDs {
		if m, ok := metrics[id]; ok {
			out[i] = &m
		}
	}
	return out, nil
}

// Ping always succeeds: the store is in memory.
func (s *Store) Ping(ctx context.Context) error { return ctx.Err() }

func (s *Store) matchProject(p *partnergraph.Project, f *partnergraph.ProjectFilter) bool {
	if f == nil {
		return true
	}
	if f.Code != "" && !strings.EqualFold(p.Code, f.Code) {
		return false
	}
	if f.Kind != "" && p.Kind != f.Kind {
		return false
	}
	if f.Status != "" && !strings.EqualFold(p.Status, f.Status) {
		return false
	}
	if f.CountryCode != "" && !strings.EqualFold(p.CountryCode, f.CountryCode) {
		return false
	}
	if f.FunderID != "" && p.Funding.FunderID != f.FunderID {
		return false
	}
	if f.TargetGroupID != "" && !contains(p.TargetGroupIDs, f.TargetGroupID) {
		return false
	}
	if f.ProgrammeID != "" {
		found := false
		for _, u := range p.Programmes {
			found = found || u.ProgrammeID == f.ProgrammeID
		}
		if !found {
			return false
		}
	}
	if f.OrganisationID != "" && !involved(p, f.OrganisationID, f.Roles) {
		return false
	}
	if f.TitleContains != "" && !strings.Contains(partnergraph.Fold(p.Title), partnergraph.Fold(f.TitleContains)) {
		return false
	}
	if f.TitleStartsWith != "" && !strings.HasPrefix(partnergraph.Fold(p.Title), partnergraph.Fold(f.TitleStartsWith)) {
		return false
	}
	if f.CodeStartsWith != "" && !strings.HasPrefix(strings.ToUpper(p.Code), strings.ToUpper(f.CodeStartsWith)) {
		return false
	}
	if len(f.CountryIn) > 0 && !containsFold(f.CountryIn, p.CountryCode) {
		return false
	}
	if len(f.StatusIn) > 0 && !containsFold(f.StatusIn, p.Status) {
		return false
	}
	if !partnergraph.FromSources(p, f.Sources) {
		return false
	}
	if f.Period != nil && !f.Period.Matches(p) {
		return false
	}
	if !f.Grant.Match(asFloat(p.Funding.Grant)) || !f.FinalCost.Match(asFloat(p.Funding.FinalCost)) {
		return false
	}
	return combine(f.And, f.Or, f.Not, func(sub *partnergraph.ProjectFilter) bool { return s.matchProject(p, sub) })
}

// combine applies a filter's AND, OR and NOT parts.
func combine[F any](and, or []*F, not *F, match func(*F) bool) bool {
	for _, sub := range and {
		if !match(sub) {
			return false
		}
	}
	if len(or) > 0 {
		found := false
		for _, sub := range or {
			found = found || match(sub)
		}
		if !found {
			return false
		}
	}
	return not == nil || !match(not)
}

func involved(p *partnergraph.Project, orgID string, roles []partnergraph.Role) bool {
	ok := func(r partnergraph.Role) bool {
		if len(roles) == 0 {
			return true
		}
		for _, x := range roles {
			if x == r {
				return true
			}
		}
		return false
	}
	if p.PromoterID == orgID && ok(partnergraph.RolePromoter) {
		return true
	}
	for _, ps := range p.Partners {
		if ps.OrganisationID == orgID && ok(ps.Role) {
			return true
		}
	}
	return false
}

func (s *Store) matchOrganisation(o *partnergraph.Organisation, f *partnergraph.OrganisationFilter) bool {
	if f == nil {
		return true
	}
	if len(f.CountryIn) > 0 && !containsFold(f.CountryIn, o.CountryCode) {
		return false
	}
	if !partnergraph.FromSources(o, f.Sources) {
		return false
	}
	if f.NameStartsWith != "" {
		prefix, found := partnergraph.Fold(f.NameStartsWith), false
		for _, n := range append([]string{o.Name, o.Acronym}, o.Aliases...) {
			found = found || (n != "" && strings.HasPrefix(partnergraph.Fold(n), prefix))
		}
		if !found {
			return false
		}
	}
	if f.Projects != nil || f.Degree != nil || f.PartnerCountries != nil || f.Betweenness != nil || f.Bridging != nil || f.Community != nil {
		m := s.metricsOf(o.ID)
		if m == nil {
			return false
		}
		num := func(v float64) *float64 { return &v }
		if !f.Projects.Match(num(float64(m.Projects))) || !f.Degree.Match(num(float64(m.Degree))) ||
			!f.PartnerCountries.Match(num(float64(m.PartnerCountries))) || !f.Betweenness.Match(num(m.Betweenness)) ||
			!f.Bridging.Match(num(m.Bridging)) || (f.Community != nil && *f.Community != m.Community) {
			return false
		}
	}
	if f.CountryCode != "" && !strings.EqualFold(o.CountryCode, f.CountryCode) {
		return false
	}
	if len(f.Roles) > 0 && !slices.ContainsFunc(s.involvements[o.ID], func(in partnergraph.Involvement) bool { return slices.Contains(f.Roles, in.Role) }) {
		return false
	}
	if f.NameContains != "" {
		needle := partnergraph.Fold(f.NameContains)
		found := false
		for _, n := range append([]string{o.Name, o.Acronym}, o.Aliases...) {
			found = found || strings.Contains(partnergraph.Fold(n), needle)
		}
		if !found {
			return false
		}
	}
	return combine(f.And, f.Or, f.Not, func(sub *partnergraph.OrganisationFilter) bool { return s.matchOrganisation(o, sub) })
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

func asFloat(v *int64) *float64 {
	if v == nil {
		return nil
	}
	f := float64(*v)
	return &f
}

// Group groups the projects matching the filter by paging through them.
func (s *Store) Group(ctx context.Context, by partnergraph.GroupBy, f *partnergraph.ProjectFilter) ([]partnergraph.Bucket, error) {
	return partnergraph.GroupByPaging(ctx, s, by, f)
}

// ProjectByCodeWithOrganisations returns the project with this code and
// the organisations it links: in memory, ProjectByCode and Nodes.
func (s *Store) ProjectByCodeWithOrganisations(ctx context.Context, code string) (*partnergraph.Project, []*partnergraph.Organisation, error) {
	p, err := s.ProjectByCode(ctx, code)
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	if p.PromoterID != "" {
		ids = append(ids, p.PromoterID)
	}
	for _, ps := range p.Partners {
		ids = append(ids, ps.OrganisationID)
	}
	nodes, err := s.Nodes(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	orgs := make([]*partnergraph.Organisation, 0, len(nodes))
	for _, n := range nodes {
		if o, ok := n.(*partnergraph.Organisation); ok {
			orgs = append(orgs, o)
		}
	}
	return p, orgs, nil
}
