package network

import (
	"context"
	"sort"
	"strconv"

	"github.com/partnergraph/partnergraph"
)

// GroupBy names what projects are grouped by.
type GroupBy string

const (
	ByCountry      GroupBy = "COUNTRY"
	ByFunder       GroupBy = "FUNDER"
	ByTargetGroup  GroupBy = "TARGET_GROUP"
	ByStatus       GroupBy = "STATUS"
	ByProgramme    GroupBy = "PROGRAMME"
	ByOrganisation GroupBy = "ORGANISATION"
	ByYear         GroupBy = "YEAR"
	ByKind         GroupBy = "KIND"
)

// Bucket is one group of projects with its totals. Key is a node id (or a
// status, year or kind); "" collects the projects without a value.
type Bucket struct {
	Key       string
	Label     string
	Projects  int
	Grant     int64 // sum of the grants the sheets give
	FinalCost int64 // sum of the final costs the sheets give
	WithGrant int   // projects whose sheet gives a grant
}

// Aggregate groups the projects that match the filter and sums their money.
// A project with several values (target groups, programmes, organisations)
// counts in each of their groups; ORGANISATION counts promoters and partners,
// not mentions. Buckets come largest first.
//
// A store that implements Grouper groups in one query of its own (Neo4j);
// any other is paged through here.
func Aggregate(ctx context.Context, store partnergraph.Store, by GroupBy, f *partnergraph.ProjectFilter) ([]Bucket, error) {
	var out []Bucket
	if g, ok := store.(Grouper); ok {
		var err error
		if out, err = g.Group(ctx, by, f); err != nil {
			return nil, err
		}
	} else {
		var err error
		if out, err = group(ctx, store, by, f); err != nil {
			return nil, err
		}
	}
	return labelled(ctx, store, out)
}

// Grouper is a store that groups the projects matching a filter itself: the
// buckets' keys and sums, as group makes them (labels are left to
// Aggregate, the order does not matter).
type Grouper interface {
	Group(ctx context.Context, by GroupBy, f *partnergraph.ProjectFilter) ([]Bucket, error)
}

// group pages through the projects and groups them.
func group(ctx context.Context, store partnergraph.Store, by GroupBy, f *partnergraph.ProjectFilter) ([]Bucket, error) {
	buckets := map[string]*Bucket{}
	add := func(key string, p *partnergraph.Project) {
		b := buckets[key]
		if b == nil {
			b = &Bucket{Key: key}
			buckets[key] = b
		}
		b.Projects++
		if p.Funding.Grant != nil {
			b.Grant += *p.Funding.Grant
			b.WithGrant++
		}
		if p.Funding.FinalCost != nil {
			b.FinalCost += *p.Funding.FinalCost
		}
	}
	page := partnergraph.Page{First: partnergraph.MaxPageSize}
	for {
		res, err := store.Projects(ctx, f, page)
		if err != nil {
			return nil, err
		}
		for _, p := range res.Items {
			for _, k := range keysOf(by, p) {
				add(k, p)
			}
		}
		if !res.HasNextPage {
			break
		}
		page.After = res.EndCursor
	}
	out := make([]Bucket, 0, len(buckets))
	for _, b := range buckets {
		out = append(out, *b)
	}
	return out, nil
}

// labelled names the buckets and sorts them, largest first.
func labelled(ctx context.Context, store partnergraph.Store, out []Bucket) ([]Bucket, error) {
	var ids []string
	for _, b := range out {
		if partnergraph.KindOfID(b.Key) != "" {
			ids = append(ids, b.Key)
		}
	}
	sort.Strings(ids)
	nodes, err := store.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for i, n := range nodes {
		names[ids[i]] = partnergraph.NodeName(n)
	}
	for i := range out {
		k := out[i].Key
		switch {
		case k == "":
			out[i].Label = "(not given)"
		case names[k] != "":
			out[i].Label = names[k]
		case partnergraph.KindOfID(k) == partnergraph.KindCountry:
			c, _ := partnergraph.CountryByCode(k[len("country:"):])
			out[i].Label = c.Name
		default:
			out[i].Label = k
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Projects != out[j].Projects {
			return out[i].Projects > out[j].Projects
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

func keysOf(by GroupBy, p *partnergraph.Project) []string {
	one := func(s string) []string { return []string{s} }
	switch by {
	case ByCountry:
		if p.CountryCode == "" {
			return one("")
		}
		return one("country:" + p.CountryCode)
	case ByFunder:
		return one(p.Funding.FunderID)
	case ByStatus:
		return one(p.Status)
	case ByKind:
		return one(string(p.Kind))
	case ByYear:
		return one(Year(p))
	case ByTargetGroup:
		if len(p.TargetGroupIDs) == 0 {
			return one("")
		}
		return p.TargetGroupIDs
	case ByProgramme:
		if len(p.Programmes) == 0 {
			return one("")
		}
		var out []string
		for _, u := range p.Programmes {
			out = append(out, u.ProgrammeID)
		}
		return out
	case ByOrganisation:
		var out []string
		for _, l := range CooperationLinks([]*partnergraph.Project{p}) {
			out = append(out, l.OrganisationID)
		}
		if len(out) == 0 {
			return one("")
		}
		return out
	}
	return nil
}

// Year is the year a project is grouped under: the year it started, else
// its Erasmus+ call year, else "".
func Year(p *partnergraph.Project) string {
	switch {
	case len(p.StartDate) >= 4:
		return p.StartDate[:4]
	case p.Erasmus != nil && p.Erasmus.CallYear != 0:
		return strconv.Itoa(p.Erasmus.CallYear)
	}
	return ""
}
