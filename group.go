package partnergraph

import (
	"context"
	"strconv"
)

// Grouping projects, and the cooperation links between projects and
// organisations: what the stores and the network package share.

// GroupBy names what projects are grouped by.
type GroupBy string

// What projects are grouped by.
const (
	ByCountry      GroupBy = "COUNTRY"
	ByFunder       GroupBy = "FUNDER"
	ByTargetGroup  GroupBy = "TARGET_GROUP"
	ByStatus       GroupBy = "STATUS"
	ByProgramme    GroupBy = "PROGRAMME"
	ByOrganisation GroupBy = "ORGANISATION"
	ByYear         GroupBy = "YEAR"
	ByKind         GroupBy = "KIND"
	ByPeriod       GroupBy = "PERIOD" // funding period, "2009-2014"
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

// Link is one cooperation link: an organisation that promotes or partners
// a project.
type Link struct {
	ProjectID, OrganisationID string
}

// CooperationLinks returns the links of a set of projects: promoters and
// partners, not organisations the sheets only mention.
func CooperationLinks(projects []*Project) []Link {
	var out []Link
	for _, p := range projects {
		if p.PromoterID != "" {
			out = append(out, Link{p.ID, p.PromoterID})
		}
		for _, ps := range p.Partners {
			if ps.Role != RoleMentioned {
				out = append(out, Link{p.ID, ps.OrganisationID})
			}
		}
	}
	return out
}

// GroupByPaging is Store.Group for a store that has no faster way: it
// pages through the projects that match the filter and groups them.
func GroupByPaging(ctx context.Context, store Store, by GroupBy, f *ProjectFilter) ([]Bucket, error) {
	buckets := map[string]*Bucket{}
	add := func(key string, p *Project) {
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
	page := Page{First: MaxPageSize}
	for {
		res, err := store.Projects(ctx, f, page)
		if err != nil {
			return nil, err
		}
		for _, p := range res.Items {
			for _, k := range GroupKeys(by, p) {
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

// GroupKeys are the keys of the groups a project counts in.
func GroupKeys(by GroupBy, p *Project) []string {
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
	case ByPeriod:
		return one(FundingPeriod(p))
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
		for _, l := range CooperationLinks([]*Project{p}) {
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
func Year(p *Project) string {
	switch {
	case len(p.StartDate) >= 4:
		return p.StartDate[:4]
	case p.Erasmus != nil && p.Erasmus.CallYear != 0:
		return strconv.Itoa(p.Erasmus.CallYear)
	}
	return ""
}
