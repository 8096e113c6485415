package partnergraph

import (
	"context"
	"encoding/base64"
	"strings"
)

// Store keeps the graph and answers questions about it. memstore and
// neo4jstore implement it; storetest holds the contract both must pass.
type Store interface {
	// Load merges g into the store. Nodes are upserted by id; a project
	// loaded again replaces the earlier version with its edges, so loading
	// the same graph twice changes nothing.
	Load(ctx context.Context, g *Graph) error

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

	// Ping reports whether the store can answer; EUNAVAILABLE if it cannot.
	Ping(ctx context.Context) error
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

// Page asks for the First items after the cursor After; WithTotal asks for
// the total count too, which costs a count query on some stores.
type Page struct {
	First     int
	After     string
	WithTotal bool
}

// Page size limits for every list.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Validate checks the page arguments and the cursor.
func (p Page) Validate() error {
	if p.First < 0 || p.First > MaxPageSize {
		return Errorf(EINVALID, "first must be between 0 and %d, got %d", MaxPageSize, p.First)
	}
	if p.After != "" {
		if _, err := DecodeCursor(p.After); err != nil {
			return err
		}
	}
	return nil
}

// EncodeCursor returns the opaque cursor that follows the node with this id.
func EncodeCursor(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("id:" + id))
}

// DecodeCursor returns the id a cursor points after, or an EINVALID error.
func DecodeCursor(cursor string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || !strings.HasPrefix(string(b), "id:") || len(b) == 3 {
		return "", Errorf(EINVALID, "malformed cursor %q", cursor)
	}
	return string(b[3:]), nil
}

// PageInfo tells where a page sits in its list.
type PageInfo struct {
	HasNextPage bool
	EndCursor   string
	Total       int // -1 unless Page.WithTotal
}

// ProjectPage is one page of projects.
type ProjectPage struct {
	Items []*Project
	PageInfo
}

// OrganisationPage is one page of organisations.
type OrganisationPage struct {
	Items []*Organisation
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
	And            []*ProjectFilter
	Or             []*ProjectFilter
	Not            *ProjectFilter
}

// OrganisationFilter selects organisations; every set field must match.
type OrganisationFilter struct {
	CountryCode  string
	NameContains string // case-insensitive substring of the name, acronym or an alias
	And          []*OrganisationFilter
	Or           []*OrganisationFilter
	Not          *OrganisationFilter
}
