package partnergraph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
)

// Store keeps the graph and answers questions about it. memstore and
// neo4jstore implement it; storetest holds the contract both must pass.
// Every power a caller may use is here: no store is asked by type
// assertion what it can do (a store without a faster way answers as the
// helpers beside do: GroupByPaging). The one optional power is Corpus,
// a store that also keeps the documents' texts for other servers.
type Store interface {
	// Load merges g into the store. Nodes are upserted by id; a project
	// loaded again replaces the earlier version with its edges, so loading
	// the same graph twice changes nothing. The store may keep g's nodes
	// where they are: the caller does not change g after.
	Load(ctx context.Context, g *Graph) error

	// Apply writes one change in one step, all or nothing: the nodes of
	// changed are stored as given, replacing their earlier versions whole
	// (an organisation's aliases are not merged with the stored ones, as
	// Load does), and the nodes whose ids are in remove are deleted with
	// their edges. A project's edges are those it holds. Countries are
	// never removed. The network metrics are recomputed after it. As with
	// Load, the caller does not change changed after.
	Apply(ctx context.Context, changed *Graph, remove []string) error

	// Nodes returns the nodes with the given ids in the same order, with nil
	// where there is no such node. Countries are not stored: see CountryByCode.
	Nodes(ctx context.Context, ids []string) ([]Node, error)

	// ProjectByCode returns the project with the given code (case-insensitive),
	// or an ENOTFOUND error.
	ProjectByCode(ctx context.Context, code string) (*Project, error)

	// OrganisationByName returns the organisation whose name, acronym or an
	// alias matches name after NameKey, or an ENOTFOUND error.
	OrganisationByName(ctx context.Context, name string) (*Organisation, error)

	// Projects returns a page of projects matching the filter, by id.
	Projects(ctx context.Context, f *ProjectFilter, p Page) (*ProjectPage, error)

	// Organisations returns a page of organisations matching the filter, by id.
	Organisations(ctx context.Context, f *OrganisationFilter, p Page) (*OrganisationPage, error)

	// Involvements returns, for each organisation id, the projects it plays a
	// part in, ordered by project id; nil for an unknown organisation.
	Involvements(ctx context.Context, orgIDs []string) ([][]Involvement, error)

	// Edges returns, for each node id, the edges that touch it in either
	// direction, sorted by SortEdges; nil for an unknown node. Country ids
	// ("country:NO") have the edges of the projects and organisations in
	// that country.
	Edges(ctx context.Context, ids []string) ([][]Edge, error)

	// Metrics returns each organisation's network metrics, computed after
	// every Load; nil for an unknown organisation or one with no projects.
	Metrics(ctx context.Context, orgIDs []string) ([]*Metrics, error)

	// Search runs a full-text query over projects (title, code, texts),
	// organisations (names, acronyms, aliases), programmes and target
	// groups, case and accents aside, best first; only nodes of the kinds
	// when kinds is set. Query has been checked by CheckSearch.
	Search(ctx context.Context, query string, kinds []NodeKind, first int) ([]SearchHit, error)

	// Postings returns, for each feature, the ids of the projects that have
	// it (ProjectFeatures), sorted.
	Postings(ctx context.Context, features []Feature) ([][]string, error)

	// Ping reports whether the store can answer; EUNAVAILABLE if it cannot.
	Ping(ctx context.Context) error

	// ProjectByCodeWithOrganisations returns a project found by its code
	// together with the organisations it links (its promoter and partners),
	// in one call: on a database, one round trip, so
	// `project(code:) { promoter { name } }` costs one, not two.
	ProjectByCodeWithOrganisations(ctx context.Context, code string) (*Project, []*Organisation, error)

	// EdgesAmong reads, of the edges that touch each node, only those whose
	// other end is one of among: what Edges gives for ids, less the edges
	// that lead elsewhere, in the same order. A network expansion whose node
	// limit is reached needs no others, and a hub's neighbours have
	// thousands.
	EdgesAmong(ctx context.Context, ids, among []string) ([][]Edge, error)

	// Group groups the projects matching a filter: the buckets' keys and
	// sums as GroupByPaging makes them (labels are left empty, the order
	// does not matter).
	Group(ctx context.Context, by GroupBy, f *ProjectFilter) ([]Bucket, error)

	// ProjectOutlines returns the projects with these ids, nil where there
	// is none, with at least their outline (OutlineOf; a store that holds
	// whole projects in memory may hand them out whole): a list of projects
	// whose query asks for no more reads this instead of Nodes. On a
	// database that is a few columns a project instead of its whole record.
	ProjectOutlines(ctx context.Context, ids []string) ([]*Project, error)

	// InvolvementPages returns, for each organisation, the page of its
	// involvements in the roles (nil: every role) that PageInvolvements
	// cuts from Involvements, its total only when p.WithTotal (0
	// otherwise): what a connection of an organisation's projects shows,
	// without reading a hub's thousands.
	InvolvementPages(ctx context.Context, orgIDs []string, roles []Role, p Page) ([]InvolvementPage, error)
}

// InvolvementPage is a page of an organisation's involvements.
type InvolvementPage struct {
	Items   []Involvement
	Total   int // with Page.WithTotal; 0 otherwise
	HasNext bool
}

// PageOfInvolvements is InvolvementPages for one organisation's whole
// list: what a store that holds the lists cuts.
func PageOfInvolvements(inv []Involvement, roles []Role, p Page) InvolvementPage {
	items, total, hasNext := PageInvolvements(inv, roles, p)
	if !p.WithTotal {
		total = 0
	}
	return InvolvementPage{Items: items, Total: total, HasNext: hasNext}
}

// OutlineOf is a project's outline: its id, number, title, kind, status,
// country and target groups, the rest left empty.
func OutlineOf(p *Project) *Project {
	if p == nil {
		return nil
	}
	return &Project{ID: p.ID, Code: p.Code, Title: p.Title, Kind: p.Kind, Status: p.Status, CountryCode: p.CountryCode,
		TargetGroupIDs: p.TargetGroupIDs}
}

// SearchHit is a node that matches a search, with its relevance.
type SearchHit struct {
	ID    string
	Score float64
}

// SearchKinds are the kinds of node search covers.
var SearchKinds = []NodeKind{KindProject, KindOrganisation, KindProgramme, KindTargetGroup}

// CheckSearch validates search arguments.
func CheckSearch(query string, first int) error {
	switch {
	case strings.TrimSpace(query) == "":
		return Errorf(EINVALID, "the search query is empty")
	case len(query) > 500:
		return Errorf(EINVALID, "the search query is %d bytes; at most 500", len(query))
	case first < 1 || first > MaxPageSize:
		return Errorf(EINVALID, "first must be between 1 and %d, got %d", MaxPageSize, first)
	}
	return nil
}

// Search checks the arguments and runs the store's full-text search, with
// the project whose code is the query and the organisation whose name,
// acronym or alias is the query first: in a large corpus the full-text
// score of "KRUS" the organisation is below that of projects whose sheets
// name KRUS many times, but whoever types an acronym or a project number
// means that node. Such a hit takes the best score of the list. An
// organisation found through a name the query covers only in part is ranked
// by that share (rankByNameCoverage), so projects about the words come first.
func Search(ctx context.Context, s Store, query string, kinds []NodeKind, first int) ([]SearchHit, error) {
	if err := CheckSearch(query, first); err != nil {
		return nil, err
	}
	// A few more hits than asked for: an organisation ranked down by
	// rankByNameCoverage makes room for the next ones.
	hits, err := s.Search(ctx, query, kinds, min(MaxPageSize, first+searchSlack))
	if err != nil {
		return nil, err
	}
	if hits, err = rankByNameCoverage(ctx, s, query, hits); err != nil {
		return nil, err
	}
	hits = hits[:min(len(hits), first)]
	var exact []string
	if len(kinds) == 0 || slices.Contains(kinds, KindProject) {
		if p, err := s.ProjectByCode(ctx, query); err == nil {
			exact = append(exact, p.ID)
		} else if ErrorCode(err) != ENOTFOUND {
			return nil, err
		}
	}
	if len(kinds) == 0 || slices.Contains(kinds, KindOrganisation) {
		if o, err := s.OrganisationByName(ctx, query); err == nil {
			exact = append(exact, o.ID)
		} else if ErrorCode(err) != ENOTFOUND {
			return nil, err
		}
	}
	if len(exact) == 0 {
		return hits, nil
	}
	best := 0.0
	for _, h := range hits {
		best = max(best, h.Score)
	}
	out := make([]SearchHit, 0, len(hits)+len(exact))
	for _, id := range exact {
		out = append(out, SearchHit{ID: id, Score: best})
	}
	for _, h := range hits {
		if !slices.Contains(exact, h.ID) {
			out = append(out, h)
		}
	}
	return out[:min(len(out), first)], nil
}

// Node is any node of the graph: *Project, *Organisation, *TargetGroup,
// *Programme, *Funder, *Document or Country.
type Node interface {
	NodeID() string
}

func (p *Project) NodeID() string      { return p.ID }
func (o *Organisation) NodeID() string { return o.ID }
func (t *TargetGroup) NodeID() string  { return t.ID }
func (p *Programme) NodeID() string    { return p.ID }
func (f *Funder) NodeID() string       { return f.ID }
func (d *Document) NodeID() string     { return d.ID }
func (c Country) NodeID() string       { return c.ID() }

// Involvement is an organisation's part in one project.
type Involvement struct {
	ProjectID string
	Role      Role
}

// Page asks for the First items after the cursor After, in the order of
// Sort; WithTotal asks for the total count too, which costs a count query on
// some stores.
type Page struct {
	First     int
	After     string
	WithTotal bool
	Sort      Sort
}

// Sort orders a list by a field, then by id. The empty field is the id.
type Sort struct {
	Field string
	Desc  bool
}

// Sort fields of projects and organisations.
var (
	ProjectSortFields      = map[string]bool{"": true, "TITLE": true, "CODE": true, "GRANT": true, "FINAL_COST": true, "START_DATE": true}
	OrganisationSortFields = map[string]bool{"": true, "NAME": true, "PROJECTS": true, "DEGREE": true, "PARTNER_COUNTRIES": true, "BETWEENNESS": true, "BRIDGING": true}
)

// Page size limits for every list.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Validate checks the page arguments and the cursor.
func (p Page) Validate(fields map[string]bool) error {
	if p.First < 0 || p.First > MaxPageSize {
		return Errorf(EINVALID, "first must be between 0 and %d, got %d", MaxPageSize, p.First)
	}
	if !fields[p.Sort.Field] {
		return Errorf(EINVALID, "cannot sort by %q", p.Sort.Field)
	}
	if p.After != "" {
		c, err := DecodeCursor(p.After)
		if err != nil {
			return err
		}
		if _, isNum := c.Key.(float64); c.Field != p.Sort.Field || (c.Key != nil && !isNum && !isString(c.Key)) {
			return Errorf(EINVALID, "the cursor belongs to another order of the list")
		}
	}
	return nil
}

func isString(v any) bool { _, ok := v.(string); return ok }

// Cursor points after one item of a sorted list: its sort key and id.
type Cursor struct {
	Field string `json:"f,omitempty"`
	Key   any    `json:"k,omitempty"` // string or float64
	ID    string `json:"id"`
}

// EncodeCursor returns the opaque form of a cursor.
func EncodeCursor(c Cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads an opaque cursor, or returns an EINVALID error.
func DecodeCursor(cursor string) (Cursor, error) {
	var c Cursor
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID == "" {
		return Cursor{}, Errorf(EINVALID, "malformed cursor %q", cursor)
	}
	return c, nil
}

// ProjectSortKey is a project's value for a sort field: a string, or a
// number with -1 for none.
func ProjectSortKey(p *Project, field string) any {
	num := func(v *int64) any {
		if v == nil {
			return float64(-1)
		}
		return float64(*v)
	}
	switch field {
	case "TITLE":
		return Fold(p.Title)
	case "CODE":
		return strings.ToUpper(p.Code)
	case "GRANT":
		return num(p.Funding.Grant)
	case "FINAL_COST":
		return num(p.Funding.FinalCost)
	case "START_DATE":
		return p.StartDate
	}
	return p.ID
}

// OrganisationSortKey is an organisation's value for a sort field; metrics
// are -1 for an organisation without them.
func OrganisationSortKey(o *Organisation, m *Metrics, field string) any {
	if field == "NAME" {
		return Fold(o.Name)
	}
	if field == "" {
		return o.ID
	}
	if m == nil {
		return float64(-1)
	}
	switch field {
	case "PROJECTS":
		return float64(m.Projects)
	case "DEGREE":
		return float64(m.Degree)
	case "PARTNER_COUNTRIES":
		return float64(m.PartnerCountries)
	case "BETWEENNESS":
		return m.Betweenness
	case "BRIDGING":
		return m.Bridging
	}
	return o.ID
}

// CompareKeys compares two sort keys of one field.
func CompareKeys(a, b any) int {
	switch x := a.(type) {
	case float64:
		y, _ := b.(float64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case string:
		y, _ := b.(string)
		return strings.Compare(x, y)
	}
	return 0
}

// Range selects numbers; every bound that is set must hold.
type Range struct {
	Eq, Gt, Gte, Lt, Lte *float64
}

// Match reports whether v is in the range; an absent value is in no range.
func (r *Range) Match(v *float64) bool {
	if r == nil {
		return true
	}
	if v == nil {
		return false
	}
	x := *v
	return (r.Eq == nil || x == *r.Eq) && (r.Gt == nil || x > *r.Gt) && (r.Gte == nil || x >= *r.Gte) &&
		(r.Lt == nil || x < *r.Lt) && (r.Lte == nil || x <= *r.Lte)
}

// PageInfo tells where a page sits in its list.
type PageInfo struct {
	HasNextPage bool
	EndCursor   string
	Total       int // -1 unless Page.WithTotal
}

// ProjectPage is one page of projects, with the cursor of each.
type ProjectPage struct {
	Items   []*Project
	Cursors []string
	PageInfo
}

// OrganisationPage is one page of organisations, with the cursor of each.
type OrganisationPage struct {
	Items   []*Organisation
	Cursors []string
	PageInfo
}

// ProjectFilter selects projects. Every set field must match (AND); And, Or
// and Not combine filters. Reference fields take node ids.
type ProjectFilter struct {
	Code          string      // exact, case-insensitive
	Kind          ProjectKind // exact
	Status        string      // exact, case-insensitive
	CountryCode   string      // ISO alpha-2
	FunderID      string
	TargetGroupID string
	ProgrammeID   string
	// OrganisationID matches projects the organisation plays any part in,
	// or only the parts in Roles when Roles is set.
	OrganisationID string
	Roles          []Role
	TitleContains  string // case-insensitive substring
	// More operators: prefixes, sets and ranges.
	CodeStartsWith  string   // case-insensitive
	TitleStartsWith string   // case- and accent-insensitive
	CountryIn       []string // ISO codes
	StatusIn        []string // case-insensitive
	Sources         []Source // known from any of these
	// Period: active in the range (its span overlaps it; see TimeRange).
	Period    *TimeRange
	Grant     *Range
	FinalCost *Range
	And       []*ProjectFilter
	Or        []*ProjectFilter
	Not       *ProjectFilter
}

// OrganisationFilter selects organisations; every set field must match.
type OrganisationFilter struct {
	CountryCode  string
	NameContains string // case-insensitive substring of the name, acronym or an alias
	// NameStartsWith: the name, acronym or an alias starts with it (case- and accent-insensitive).
	NameStartsWith string
	CountryIn      []string
	Sources        []Source // named by any of these
	// Roles: organisations that play one of these roles in some project
	// ("Norwegian organisations that were donor project partners").
	Roles []Role
	// Network metrics; an organisation without metrics matches no range.
	Projects, Degree, PartnerCountries, Betweenness, Bridging *Range
	Community                                                 *int
	And                                                       []*OrganisationFilter
	Or                                                        []*OrganisationFilter
	Not                                                       *OrganisationFilter
}

// UsesMetrics reports whether the filter reads network metrics anywhere.
func (f *OrganisationFilter) UsesMetrics() bool {
	if f == nil {
		return false
	}
	if f.Projects != nil || f.Degree != nil || f.PartnerCountries != nil || f.Betweenness != nil || f.Bridging != nil || f.Community != nil || f.Not.UsesMetrics() {
		return true
	}
	for _, sub := range append(slices.Clone(f.And), f.Or...) {
		if sub.UsesMetrics() {
			return true
		}
	}
	return false
}

// NodeName is a node's name as people read it: a project's title, an
// organisation's name, a country's, funder's, target group's, programme's or
// document's name; "" for nil.
func NodeName(n Node) string {
	switch v := n.(type) {
	case *Project:
		return v.Title
	case *Organisation:
		return v.Name
	case *TargetGroup:
		return v.Name
	case *Programme:
		return v.Name
	case *Funder:
		return v.Name
	case *Document:
		return v.Name
	case Country:
		return v.Name
	}
	return ""
}

// CheckRefs makes sure every target group, programme and organisation a
// project filter names exists: an unknown one is an EINVALID error that
// says how to find the known ones, as an unknown country or funder is,
// never a filter that silently matches nothing.
func CheckRefs(ctx context.Context, s Store, f *ProjectFilter) error {
	var ids []string
	var walk func(f *ProjectFilter)
	walk = func(f *ProjectFilter) {
		if f == nil {
			return
		}
		for _, id := range []string{f.TargetGroupID, f.ProgrammeID, f.OrganisationID} {
			if id != "" && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		for _, sub := range f.And {
			walk(sub)
		}
		for _, sub := range f.Or {
			walk(sub)
		}
		walk(f.Not)
	}
	walk(f)
	if len(ids) == 0 {
		return nil
	}
	nodes, err := s.Nodes(ctx, ids)
	if err != nil {
		return err
	}
	for i, n := range nodes {
		if n != nil {
			continue
		}
		switch KindOfID(ids[i]) {
		case KindTargetGroup:
			return Errorf(EINVALID, "unknown target group %q: search(query: \"...\", kinds: [TARGET_GROUP]) lists the groups the sheets name", ids[i])
		case KindProgramme:
			return Errorf(EINVALID, "unknown programme %q: search(query: \"...\", kinds: [PROGRAMME]) lists the programmes and interventions the sheets name", ids[i])
		default:
			return Errorf(EINVALID, "unknown organisation %q: organisation(name: \"...\") or search(query: \"...\", kinds: [ORGANISATION]) finds an organisation's id", ids[i])
		}
	}
	return nil
}

// PageInvolvements cuts a page out of an organisation's involvements as
// Store.Involvements gives them (by project id): those in one of roles (any
// role when roles is nil), one per project, after the cursor (a project
// id), at most p.First. total counts every match, walked to the end only
// when p.WithTotal asks for it (a hub has thousands). The organisation's
// projects and involvements connections are both cut here, from one batched
// store call for every organisation of a list.
func PageInvolvements(inv []Involvement, roles []Role, p Page) (page []Involvement, total int, hasNext bool) {
	afterID := ""
	if p.After != "" {
		c, _ := DecodeCursor(p.After)
		afterID = c.ID
	}
	last := ""
	for _, in := range inv {
		if (roles != nil && !slices.Contains(roles, in.Role)) || in.ProjectID == last {
			continue
		}
		last = in.ProjectID
		total++
		if in.ProjectID <= afterID {
			continue
		}
		if len(page) < p.First {
			page = append(page, in)
		} else {
			hasNext = true
			if !p.WithTotal {
				break
			}
		}
	}
	return page, total, hasNext
}

// Versioned is a store that tells when its answers may have changed: its
// GraphVersion moves on with every write and every new computation of the
// network metrics, and never comes back to an earlier value (a database
// wiped and loaded again has a new one). Answers are cached under it.
type Versioned interface {
	GraphVersion(ctx context.Context) (string, error)
}
