package graph

import (
	"context"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/model"
	"github.com/partnergraph/partnergraph/network"
)

// str returns nil for "", so that absent facts are null, not "".
func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func country(code string) *partnergraph.Country {
	if c, ok := partnergraph.CountryByCode(code); ok && code != "" {
		return &c
	}
	return nil
}

func hasRole(roles []partnergraph.Role, r partnergraph.Role) bool {
	return roles == nil || slices.Contains(roles, r)
}

func (r *Resolver) organisation(ctx context.Context, id string) (*partnergraph.Organisation, error) {
	return loadAs[*partnergraph.Organisation](ctx, r, id)
}

// projectByCode finds a project by its code; the store hands over the
// organisations it links in the same call (one round trip on Neo4j), and
// they go to the request's cache, which then answers the promoter and
// partners without a call.
func (r *Resolver) projectByCode(ctx context.Context, code string) (*partnergraph.Project, error) {
	p, orgs, err := r.Store.ProjectByCodeWithOrganisations(ctx, code)
	if err != nil {
		return nil, err
	}
	if p != nil {
		l := r.loaders(ctx)
		remember(l, []*partnergraph.Project{p})
		remember(l, orgs)
	}
	return p, nil
}

// projectsOf returns a page of the projects an organisation plays one of
// the roles in, by id.
func (r *Resolver) projectsOf(ctx context.Context, orgID string, roles []partnergraph.Role, first *int, after *string) (*model.ProjectConnection, error) {
	items, total, info, err := r.involvementPage(ctx, orgID, roles, first, after)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(items))
	for i, in := range items {
		ids[i] = in.ProjectID
	}
	var projects []*partnergraph.Project
	if fc := graphql.GetFieldContext(ctx); fc != nil && connectionOutlineOnly(graphql.GetOperationContext(ctx), fc.Field.Selections) {
		// A walk above read these projects as outlines, all the query asks
		// of them; without one, they are loaded whole as below.
		projects, _ = r.loaders(ctx).knownOutlines(ids)
	}
	if projects == nil {
		projects, err = loadAllAs[*partnergraph.Project](ctx, r, ids)
		if err != nil {
			return nil, err
		}
	}
	return &model.ProjectConnection{Nodes: projects, PageInfo: info, TotalCount: total,
		Cursor: func(i int) string { return projectCursor(projects[i].ID) }}, nil
}

// involvementPage is a page of an organisation's involvements in the roles,
// from the batched involvements loader, with its page info (cursors are
// project ids): what its projects and involvements connections are cut from.
func (r *Resolver) involvementPage(ctx context.Context, orgID string, roles []partnergraph.Role, first *int, after *string) ([]partnergraph.Involvement, int, *model.PageInfo, error) {
	pg, err := page(ctx, first, after, partnergraph.Sort{}, partnergraph.ProjectSortFields)
	if err != nil {
		return nil, 0, nil, err
	}
	var items []partnergraph.Involvement
	var total int
	var hasNext bool
	if known, ok := r.loaders(ctx).knownPage(orgID, roles, pg); ok {
		// A walk above read this very page (InvolvementPages).
		items, total, hasNext = known.Items, known.Total, known.HasNext
	} else {
		inv, err := r.involvementsOfOrganisation(ctx, orgID)
		if err != nil {
			return nil, 0, nil, err
		}
		items, total, hasNext = partnergraph.PageInvolvements(inv, roles, pg)
	}
	info := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: pg.After != ""}
	if len(items) > 0 {
		info.EndCursor = str(projectCursor(items[len(items)-1].ProjectID))
	}
	return items, total, info, nil
}

func projectCursor(id string) string {
	return partnergraph.EncodeCursor(partnergraph.Cursor{Key: id, ID: id})
}

// involvementsOf returns a page of an organisation's involvements: the
// project, the role and the evidence.
func (r *Resolver) involvementsOf(ctx context.Context, orgID string, roles []partnergraph.Role, first *int, after *string) (*model.InvolvementConnection, error) {
	items, total, info, err := r.involvementPage(ctx, orgID, roles, first, after)
	if err != nil {
		return nil, err
	}
	conn := &model.InvolvementConnection{PageInfo: info, TotalCount: total}
	conn.Nodes, conn.Edges = make([]*model.Involvement, len(items)), make([]*model.InvolvementEdge, len(items))
	for i, in := range items {
		conn.Nodes[i] = &model.Involvement{Involvement: in, OrganisationID: orgID}
		conn.Edges[i] = &model.InvolvementEdge{Cursor: projectCursor(in.ProjectID), Node: conn.Nodes[i]}
	}
	return conn, nil
}

// involvementEvidence is the project sheet's evidence for an involvement:
// the promoter's, or the partnership's.
func involvementEvidence(p *partnergraph.Project, in *model.Involvement) []*partnergraph.Evidence {
	var ev []partnergraph.Evidence
	if in.Role == partnergraph.RolePromoter {
		ev = p.PromoterEvidence
	} else {
		for _, ps := range p.Partners {
			if ps.OrganisationID == in.OrganisationID {
				ev = ps.Evidence
				break
			}
		}
	}
	out := make([]*partnergraph.Evidence, len(ev))
	for i := range ev {
		out[i] = &ev[i]
	}
	return out
}

// keyedItem is an item of an ordered list: its sort key and id.
type keyedItem struct {
	key any
	id  string
}

// slicePage cuts a page out of a list already in its order (sort key, then
// id; descending keys when the page's sort says so), after the cursor.
func slicePage(items []keyedItem, p partnergraph.Page) (from, to int, info *model.PageInfo) {
	if p.After != "" {
		c, _ := partnergraph.DecodeCursor(p.After)
		for from < len(items) {
			k := partnergraph.CompareKeys(items[from].key, c.Key)
			if p.Sort.Desc {
				k = -k
			}
			if k > 0 || (k == 0 && items[from].id > c.ID) {
				break
			}
			from++
		}
	}
	to = min(from+p.First, len(items))
	info = &model.PageInfo{HasNextPage: to < len(items), HasPreviousPage: p.After != ""}
	if to > from {
		last := items[to-1]
		info.EndCursor = str(partnergraph.EncodeCursor(partnergraph.Cursor{Field: p.Sort.Field, Key: last.key, ID: last.id}))
	}
	return from, to, info
}

// page reads first, after and the order; totalCount is counted only when
// selected.
func page(ctx context.Context, first *int, after *string, sort partnergraph.Sort, fields map[string]bool) (partnergraph.Page, error) {
	p := partnergraph.Page{First: partnergraph.DefaultPageSize, Sort: sort}
	if first != nil {
		p.First = *first
	}
	if after != nil {
		p.After = *after
	}
	for _, f := range graphql.CollectAllFields(ctx) {
		if f == "totalCount" {
			p.WithTotal = true
		}
	}
	return p, p.Validate(fields)
}

func projectSort(o *model.ProjectOrder) partnergraph.Sort {
	if o == nil || o.Field == model.ProjectSortFieldID {
		return partnergraph.Sort{Desc: o != nil && o.Direction != nil && *o.Direction == model.SortDirectionDesc}
	}
	return partnergraph.Sort{Field: string(o.Field), Desc: o.Direction != nil && *o.Direction == model.SortDirectionDesc}
}

func organisationSort(o *model.OrganisationOrder) partnergraph.Sort {
	if o == nil || o.Field == model.OrganisationSortFieldID {
		return partnergraph.Sort{Desc: o != nil && o.Direction != nil && *o.Direction == model.SortDirectionDesc}
	}
	return partnergraph.Sort{Field: string(o.Field), Desc: o.Direction != nil && *o.Direction == model.SortDirectionDesc}
}

func numberRange(r *model.NumberRange) *partnergraph.Range {
	if r == nil {
		return nil
	}
	return &partnergraph.Range{Eq: r.Eq, Gt: r.Gt, Gte: r.Gte, Lt: r.Lt, Lte: r.Lte}
}

// countries resolves country names or codes to ISO codes.
func countryCodes(in []string) ([]string, error) {
	var out []string
	for _, name := range in {
		c, ok := partnergraph.CountryByName(name)
		if !ok {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "unknown country %q: give an ISO code (NO) or a name (Norway)", name)
		}
		out = append(out, c.Code)
	}
	return out, nil
}

func pageInfo(info partnergraph.PageInfo, nonEmpty bool, p partnergraph.Page) *model.PageInfo {
	out := &model.PageInfo{HasNextPage: info.HasNextPage, HasPreviousPage: p.After != ""}
	if nonEmpty {
		out.EndCursor = str(info.EndCursor)
	}
	return out
}

func projectFilter(in *model.ProjectFilter) (*partnergraph.ProjectFilter, error) {
	if in == nil {
		return nil, nil
	}
	f := &partnergraph.ProjectFilter{Roles: in.Roles, TitleContains: deref(in.TitleContains), Code: deref(in.Code), Status: deref(in.Status),
		TitleStartsWith: deref(in.TitleStartsWith), CodeStartsWith: deref(in.CodeStartsWith), StatusIn: in.StatusIn,
		Grant: numberRange(in.Grant), FinalCost: numberRange(in.FinalCost), Sources: in.Sources}
	var err error
	if f.Period, err = timeRange(in.Period); err != nil {
		return nil, err
	}
	if f.CountryIn, err = countryCodes(in.CountryIn); err != nil {
		return nil, err
	}
	if in.Kind != nil {
		f.Kind = *in.Kind
	}
	if in.Country != nil {
		c, ok := partnergraph.CountryByName(*in.Country)
		if !ok {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "unknown country %q: give an ISO code (NO) or a name (Norway)", *in.Country)
		}
		f.CountryCode = c.Code
	}
	if in.Funder != nil {
		fu, ok := partnergraph.FunderByName(*in.Funder)
		if !ok {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "unknown funder %q: Norway Grants, EEA Grants or Erasmus+", *in.Funder)
		}
		f.FunderID = fu.ID
	}
	if in.TargetGroup != nil {
		f.TargetGroupID = refID(*in.TargetGroup, "tg:", partnergraph.TargetGroupID)
	}
	if in.Programme != nil {
		f.ProgrammeID = refID(*in.Programme, "programme:", partnergraph.ProgrammeID)
	}
	if in.Organisation != nil {
		if partnergraph.KindOfID(*in.Organisation) != partnergraph.KindOrganisation {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "organisation takes an organisation id (org:...), got %q", *in.Organisation)
		}
		f.OrganisationID = *in.Organisation
	}
	if len(in.Roles) > 0 && f.OrganisationID == "" {
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "roles needs organisation")
	}
	if f.And, f.Or, f.Not, err = combined(in.And, in.Or, in.Not, projectFilter); err != nil {
		return nil, err
	}
	return f, nil
}

func organisationFilter(in *model.OrganisationFilter) (*partnergraph.OrganisationFilter, error) {
	if in == nil {
		return nil, nil
	}
	f := &partnergraph.OrganisationFilter{NameContains: deref(in.NameContains), NameStartsWith: deref(in.NameStartsWith),
		Community: in.Community, Projects: numberRange(in.Projects), Degree: numberRange(in.Degree),
		PartnerCountries: numberRange(in.PartnerCountries), Betweenness: numberRange(in.Betweenness), Bridging: numberRange(in.Bridging),
		Roles: in.Roles, Sources: in.Sources}
	var err error
	if f.CountryIn, err = countryCodes(in.CountryIn); err != nil {
		return nil, err
	}
	if in.Country != nil {
		c, ok := partnergraph.CountryByName(*in.Country)
		if !ok {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "unknown country %q: give an ISO code (NO) or a name (Norway)", *in.Country)
		}
		f.CountryCode = c.Code
	}
	if f.And, f.Or, f.Not, err = combined(in.And, in.Or, in.Not, organisationFilter); err != nil {
		return nil, err
	}
	return f, nil
}

// combined converts a filter's AND, OR and NOT parts with convert.
func combined[In, Out any](and, or []*In, not *In, convert func(*In) (*Out, error)) (outAnd, outOr []*Out, outNot *Out, err error) {
	for _, sub := range and {
		c, err := convert(sub)
		if err != nil {
			return nil, nil, nil, err
		}
		outAnd = append(outAnd, c)
	}
	for _, sub := range or {
		c, err := convert(sub)
		if err != nil {
			return nil, nil, nil, err
		}
		outOr = append(outOr, c)
	}
	if not != nil {
		if outNot, err = convert(not); err != nil {
			return nil, nil, nil, err
		}
	}
	return outAnd, outOr, outNot, nil
}

// refID accepts an id with the prefix, or a name it makes the id of.
// projectFilter converts a filter and checks that what it names exists.
func (r *Resolver) projectFilter(ctx context.Context, in *model.ProjectFilter) (*partnergraph.ProjectFilter, error) {
	f, err := projectFilter(in)
	if err != nil {
		return nil, err
	}
	return f, partnergraph.CheckRefs(ctx, r.Store, f)
}

func refID(v, prefix string, fromName func(string) string) string {
	if strings.HasPrefix(v, prefix) {
		return v
	}
	return fromName(v)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

var errNoWrites = partnergraph.Errorf(partnergraph.EUNAUTHORIZED, "this server takes no writes")

// fromSources is the network's test of the nodes it reaches when sources
// are given: projects known from one of them and organisations one of
// them names; nil without sources.
func (r *Resolver) fromSources(sources []partnergraph.Source) func(ctx context.Context, ids []string) (map[string]bool, error) {
	if len(sources) == 0 {
		return nil
	}
	return func(ctx context.Context, ids []string) (map[string]bool, error) {
		ok := make(map[string]bool, len(ids))
		var ask []string
		for _, id := range ids {
			switch partnergraph.KindOfID(id) {
			case partnergraph.KindProject, partnergraph.KindOrganisation, partnergraph.KindDocument:
				ask = append(ask, id)
			default:
				ok[id] = true
			}
		}
		err := network.EachNode(ctx, r.Store, ask, func(id string, n partnergraph.Node) {
			if n != nil && partnergraph.FromSources(n, sources) {
				ok[id] = true
			}
		})
		return ok, err
	}
}
