package ingest

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/partnergraph/partnergraph"
)

// mergeProjects adds to p what another source, from, says of the same
// project: a field p leaves empty takes the other's value; a field both
// give differently keeps p's, and the other's becomes a Disagreement;
// lists (partners, target groups, programmes, places, topics, outcomes)
// are joined. A partner both name in different roles keeps p's role.
// Prose (description, results) is the page's where a page gives it, and
// differing prose is no disagreement.
func mergeProjects(p *partnergraph.Project, o partnergraph.Project, from partnergraph.Source) {
	differ := func(field, shown, value string) {
		p.Disagreements = append(p.Disagreements, partnergraph.Disagreement{Field: field, Value: value, Shown: shown, Source: from, DocumentID: o.DocumentID})
	}
	str := func(field string, dst *string, v string) {
		switch {
		case v == "":
		case *dst == "":
			*dst = v
		case *dst != v:
			differ(field, *dst, v)
		}
	}
	amount := func(field string, dst **int64, v *int64) {
		switch {
		case v == nil:
		case *dst == nil:
			x := *v
			*dst = &x
		case **dst != *v:
			differ(field, strconv.FormatInt(**dst, 10), strconv.FormatInt(*v, 10))
		}
	}
	str("title", &p.Title, o.Title)
	str("status", &p.Status, o.Status)
	str("promoter", &p.PromoterID, o.PromoterID)
	if p.PromoterID == o.PromoterID {
		p.PromoterEvidence = appendEvidence(p.PromoterEvidence, o.PromoterEvidence)
	}
	p.Partners = slices.DeleteFunc(slices.Clone(p.Partners), func(x partnergraph.Partnership) bool { return x.OrganisationID == p.PromoterID })
	str("grantProgramme", &p.GrantProgramme, o.GrantProgramme)
	str("location", &p.Location, o.Location)
	str("country", &p.CountryCode, o.CountryCode)
	str("startDate", &p.StartDate, o.StartDate)
	str("endDate", &p.EndDate, o.EndDate)
	// Prose is a page's where a page gives it: an export's summary is
	// shorter.
	for _, t := range []struct {
		dst *string
		v   string
	}{{&p.Description, o.Description}, {&p.Results, o.Results}, {&p.BilateralResults, o.BilateralResults}} {
		if t.v != "" && (*t.dst == "" || from == partnergraph.SourcePage) {
			*t.dst = t.v
		}
	}
	if p.DurationMonths == 0 {
		p.DurationMonths = o.DurationMonths
	}
	if p.Erasmus == nil {
		p.Erasmus = o.Erasmus
	}
	if p.Funding.Currency == "" || p.Funding.Currency == o.Funding.Currency || (p.Funding.Grant == nil && p.Funding.InitialCost == nil && p.Funding.FinalCost == nil) {
		if p.Funding.Currency == "" {
			p.Funding.Currency = o.Funding.Currency
		}
		amount("grant", &p.Funding.Grant, o.Funding.Grant)
		amount("initialCost", &p.Funding.InitialCost, o.Funding.InitialCost)
		amount("finalCost", &p.Funding.FinalCost, o.Funding.FinalCost)
	} else if o.Funding.Grant != nil {
		shown := ""
		if p.Funding.Grant != nil {
			shown = fmt.Sprintf("%d %s", *p.Funding.Grant, p.Funding.Currency)
		}
		differ("grant", shown, fmt.Sprintf("%d %s", *o.Funding.Grant, o.Funding.Currency))
	}
	str("funder", &p.Funding.FunderID, o.Funding.FunderID)
	p.ProgrammeAreas = union(p.ProgrammeAreas, o.ProgrammeAreas)
	p.InitiativeTypes = union(p.InitiativeTypes, o.InitiativeTypes)
	p.Topics = union(p.Topics, o.Topics)
	p.Places = union(p.Places, o.Places)
	p.Themes = union(p.Themes, o.Themes)
	p.TargetGroupIDs = union(p.TargetGroupIDs, o.TargetGroupIDs)
	p.Outcomes = append(p.Outcomes, o.Outcomes...)
	p.Timeline = append(p.Timeline, o.Timeline...)
	for _, u := range o.Programmes {
		if !slices.ContainsFunc(p.Programmes, func(x partnergraph.ProgrammeUse) bool { return x.ProgrammeID == u.ProgrammeID }) {
			p.Programmes = append(p.Programmes, u)
		}
	}
	for _, q := range o.Partners {
		if q.OrganisationID == p.PromoterID {
			continue
		}
		i := slices.IndexFunc(p.Partners, func(x partnergraph.Partnership) bool { return x.OrganisationID == q.OrganisationID })
		if i < 0 {
			p.Partners = append(p.Partners, q)
			continue
		}
		if p.Partners[i].Role != q.Role {
			if p.Partners[i].Role == partnergraph.RoleMentioned {
				// A page that only mentions it; the other source states a role.
				p.Partners[i].Role = q.Role
			} else if q.Role != partnergraph.RoleMentioned {
				differ("role of "+q.OrganisationID, string(p.Partners[i].Role), string(q.Role))
			}
		}
		p.Partners[i].Evidence = appendEvidence(p.Partners[i].Evidence, q.Evidence)
	}
}

// appendEvidence joins two lists of evidence (addEvidence's bound), the
// first list's first; a is not changed.
func appendEvidence(a, b []partnergraph.Evidence) []partnergraph.Evidence {
	out := slices.Clone(a)
	for _, e := range b {
		out = addEvidence(out, e)
	}
	return out
}

// union is a with the items of b it lacks appended.
func union(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
