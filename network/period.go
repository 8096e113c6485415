package network

import (
	"context"
	"slices"
	"sort"

	"github.com/partnergraph/partnergraph"
)

// ProjectsIn returns every project active in the range, in the store's
// order.
func ProjectsIn(ctx context.Context, store partnergraph.Store, r partnergraph.TimeRange) ([]*partnergraph.Project, error) {
	if _, _, err := r.Days(); err != nil {
		return nil, err
	}
	var out []*partnergraph.Project
	page := partnergraph.Page{First: partnergraph.MaxPageSize}
	for {
		res, err := store.Projects(ctx, &partnergraph.ProjectFilter{Period: &r}, page)
		if err != nil {
			return nil, err
		}
		out = append(out, res.Items...)
		if !res.HasNextPage {
			return out, nil
		}
		page.After = res.EndCursor
	}
}

// MetricsIn computes the organisations' metrics on the cooperation network
// of the projects active in the range, as ComputeMetrics does for the whole
// graph.
func MetricsIn(ctx context.Context, store partnergraph.Store, r partnergraph.TimeRange) (map[string]partnergraph.Metrics, error) {
	projects, err := ProjectsIn(ctx, store, r)
	if err != nil {
		return nil, err
	}
	links := partnergraph.CooperationLinks(projects)
	seen := map[string]bool{}
	var orgs []string
	for _, l := range links {
		if !seen[l.OrganisationID] {
			seen[l.OrganisationID] = true
			orgs = append(orgs, l.OrganisationID)
		}
	}
	countries := make(map[string]string, len(orgs))
	err = EachNode(ctx, store, orgs, func(id string, n partnergraph.Node) {
		if o, ok := n.(*partnergraph.Organisation); ok {
			countries[id] = o.CountryCode
		}
	})
	if err != nil {
		return nil, err
	}
	return ComputeMetrics(links, countries), nil
}

// EachNode reads the nodes of the ids from the store, a thousand a call,
// and gives each to f (nil when there is none).
func EachNode(ctx context.Context, store partnergraph.Store, ids []string, f func(id string, n partnergraph.Node)) error {
	for start := 0; start < len(ids); start += 1000 {
		part := ids[start:min(start+1000, len(ids))]
		nodes, err := store.Nodes(ctx, part)
		if err != nil {
			return err
		}
		for i, n := range nodes {
			f(part[i], n)
		}
	}
	return nil
}

// NoPeriod is the period of the projects whose funding period is not known.
const NoPeriod = "(not given)"

// Comparison is two organisations side by side.
type Comparison struct {
	SharedPartners []string // organisations that cooperate with both, by id
	SharedProjects []string // projects both promote or partner, by id
	Paths          []Path   // up to three shortest paths between them
	Periods        []PeriodPartners
}

// PeriodPartners are two organisations' partners in one funding period.
type PeriodPartners struct {
	Period       string
	A, B, Shared []string
}

// Compare puts two organisations side by side over the projects keep
// accepts (all when keep is nil): their shared partners and projects, the
// shortest paths between them through such projects, and each one's
// partners in every funding period of those projects, oldest first.
// Mentions do not count.
func Compare(ctx context.Context, store partnergraph.Store, a, b string, keep func(*partnergraph.Project) bool) (*Comparison, error) {
	if err := Exists(ctx, store, []string{a, b}); err != nil {
		return nil, err
	}
	for _, id := range []string{a, b} {
		if partnergraph.KindOfID(id) != partnergraph.KindOrganisation {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "%q is not an organisation id", id)
		}
	}
	inv, err := store.Involvements(ctx, []string{a, b})
	if err != nil {
		return nil, err
	}
	var pids []string
	seen := map[string]bool{}
	for _, list := range inv {
		for _, in := range list {
			if in.Role != partnergraph.RoleMentioned && !seen[in.ProjectID] {
				seen[in.ProjectID] = true
				pids = append(pids, in.ProjectID)
			}
		}
	}
	sort.Strings(pids)
	nodes, err := store.Nodes(ctx, pids)
	if err != nil {
		return nil, err
	}
	type side struct{ all, projects map[string]bool }
	sides := [2]side{{map[string]bool{}, map[string]bool{}}, {map[string]bool{}, map[string]bool{}}}
	byPeriod := map[string]*[2]map[string]bool{}
	kept := map[string]*partnergraph.Project{}
	for _, n := range nodes {
		p, ok := n.(*partnergraph.Project)
		if !ok || (keep != nil && !keep(p)) {
			continue
		}
		kept[p.ID] = p
		links := partnergraph.CooperationLinks([]*partnergraph.Project{p})
		for k, self := range []string{a, b} {
			in := false
			for _, l := range links {
				in = in || l.OrganisationID == self
			}
			if !in {
				continue
			}
			sides[k].projects[p.ID] = true
			period := partnergraph.FundingPeriod(p)
			if period == "" {
				period = NoPeriod
			}
			if byPeriod[period] == nil {
				byPeriod[period] = &[2]map[string]bool{{}, {}}
			}
			for _, l := range links {
				if l.OrganisationID == self {
					continue
				}
				sides[k].all[l.OrganisationID] = true
				byPeriod[period][k][l.OrganisationID] = true
			}
		}
	}
	out := &Comparison{
		SharedPartners: both(sides[0].all, sides[1].all, a, b),
		SharedProjects: both(sides[0].projects, sides[1].projects),
	}
	periods := make([]string, 0, len(byPeriod))
	for p := range byPeriod {
		periods = append(periods, p)
	}
	// "2004-2009" < "2009-2014" < ...: by first year, then last; the
	// projects with no funding period last.
	sort.Slice(periods, func(i, j int) bool {
		if (periods[i] == NoPeriod) != (periods[j] == NoPeriod) {
			return periods[j] == NoPeriod
		}
		return periods[i] < periods[j]
	})
	for _, p := range periods {
		m := byPeriod[p]
		out.Periods = append(out.Periods, PeriodPartners{Period: p, A: sorted(m[0]), B: sorted(m[1]), Shared: both(m[0], m[1], a, b)})
	}
	opts := PathOptions{MaxHops: 6, First: 3}
	if keep != nil {
		opts.Allow = AllowProjects(store, keep, kept)
	}
	if out.Paths, err = ShortestPathsWith(ctx, store, a, b, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// AllowProjects is an Allow (ExpandOptions, PathOptions) that keeps the
// projects keep accepts and every node that is not a project; known, which
// may be nil, holds projects already known to be kept.
func AllowProjects(store partnergraph.Store, keep func(*partnergraph.Project) bool, known map[string]*partnergraph.Project) func(ctx context.Context, ids []string) (map[string]bool, error) {
	return func(ctx context.Context, ids []string) (map[string]bool, error) {
		ok := make(map[string]bool, len(ids))
		var ask []string
		for _, id := range ids {
			switch {
			case partnergraph.KindOfID(id) != partnergraph.KindProject:
				ok[id] = true
			case known[id] != nil:
				ok[id] = true
			default:
				ask = append(ask, id)
			}
		}
		err := EachNode(ctx, store, ask, func(id string, n partnergraph.Node) {
			if p, isProject := n.(*partnergraph.Project); isProject && keep(p) {
				ok[id] = true
			}
		})
		return ok, err
	}
}

// both lists the keys of x that y has too, but not the ids left out, sorted.
func both(x, y map[string]bool, leave ...string) []string {
	out := []string{}
	for k := range x {
		if y[k] && !slices.Contains(leave, k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
