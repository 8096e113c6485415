package partnergraph

import "sort"

// EdgeKind names the kinds of edge of the graph.
type EdgeKind string

const (
	EdgePromoter      EdgeKind = "PROMOTER"       // project -> organisation that promotes it
	EdgePartner       EdgeKind = "PARTNER"        // project -> partner organisation (Role says which)
	EdgeTargets       EdgeKind = "TARGETS"        // project -> target group
	EdgeUsesProgramme EdgeKind = "USES_PROGRAMME" // project -> programme (Activity says how)
	EdgeLocatedIn     EdgeKind = "LOCATED_IN"     // project -> country
	EdgeBasedIn       EdgeKind = "BASED_IN"       // organisation -> country
	EdgeFundedBy      EdgeKind = "FUNDED_BY"      // project -> funder
	EdgeFromDocument  EdgeKind = "FROM_DOCUMENT"  // project -> source document
)

// EdgeKinds lists every kind of edge.
var EdgeKinds = []EdgeKind{EdgePromoter, EdgePartner, EdgeTargets, EdgeUsesProgramme, EdgeLocatedIn, EdgeBasedIn, EdgeFundedBy, EdgeFromDocument}

// Edge is one edge of the graph. Its id is stable: the same edge has the
// same id in every answer, so a client can merge what it already has.
type Edge struct {
	Source   string
	Target   string
	Kind     EdgeKind
	Role     Role     // PARTNER and PROMOTER edges
	Activity Activity // USES_PROGRAMME edges
}

// ID returns the edge's stable id: "PARTNER:project:lt14-0004->org:krus".
func (e Edge) ID() string { return string(e.Kind) + ":" + e.Source + "->" + e.Target }

// Other returns the end of the edge that is not id.
func (e Edge) Other(id string) string {
	if e.Source == id {
		return e.Target
	}
	return e.Source
}

// SortEdges orders edges by kind, source and target, so answers do not
// depend on a store's order.
func SortEdges(edges []Edge) {
	sort.Slice(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Target < b.Target
	})
}

// ProjectEdges returns the edges a project asserts, as every store keeps them.
func ProjectEdges(p *Project) []Edge { return AppendProjectEdges(nil, p) }

// AppendProjectEdges appends the edges of ProjectEdges to out.
func AppendProjectEdges(out []Edge, p *Project) []Edge {
	if p.PromoterID != "" {
		out = append(out, Edge{Source: p.ID, Target: p.PromoterID, Kind: EdgePromoter, Role: RolePromoter})
	}
	for _, ps := range p.Partners {
		out = append(out, Edge{Source: p.ID, Target: ps.OrganisationID, Kind: EdgePartner, Role: ps.Role})
	}
	for _, t := range p.TargetGroupIDs {
		out = append(out, Edge{Source: p.ID, Target: t, Kind: EdgeTargets})
	}
	for _, u := range p.Programmes {
		out = append(out, Edge{Source: p.ID, Target: u.ProgrammeID, Kind: EdgeUsesProgramme, Activity: u.Activity})
	}
	if p.CountryCode != "" {
		out = append(out, Edge{Source: p.ID, Target: "country:" + p.CountryCode, Kind: EdgeLocatedIn})
	}
	if p.Funding.FunderID != "" {
		out = append(out, Edge{Source: p.ID, Target: p.Funding.FunderID, Kind: EdgeFundedBy})
	}
	if p.DocumentID != "" {
		out = append(out, Edge{Source: p.ID, Target: p.DocumentID, Kind: EdgeFromDocument})
	}
	return out
}

// OrganisationEdges returns the edges an organisation asserts.
func OrganisationEdges(o *Organisation) []Edge {
	if o.CountryCode == "" {
		return nil
	}
	return []Edge{{Source: o.ID, Target: "country:" + o.CountryCode, Kind: EdgeBasedIn}}
}

// Metrics are an organisation's place in the cooperation network: the graph
// of organisations joined by the projects they share (promoters and
// partners; mentions do not count). Computed after every load.
type Metrics struct {
	Projects         int     // projects it promotes or partners
	Degree           int     // distinct organisations it shares a project with
	PartnerCountries int     // distinct countries of those organisations, its own aside
	Betweenness      float64 // normalised betweenness centrality, 0..1
	Community        int     // community id (Louvain modularity), stable for the same graph
	Bridging         float64 // share of its collaborators in another community or country, 0..1
}

// FeatureKind names what two projects can share.
type FeatureKind string

const (
	FeaturePartner      FeatureKind = "PARTNER"       // an organisation that promotes or partners both
	FeatureDonorPartner FeatureKind = "DONOR_PARTNER" // a donor project partner of both
	FeatureTargetGroup  FeatureKind = "TARGET_GROUP"
	FeatureProgramme    FeatureKind = "PROGRAMME"
	FeatureCountry      FeatureKind = "COUNTRY"
	FeatureFunder       FeatureKind = "FUNDER"
	FeatureTheme        FeatureKind = "THEME"
)

// Feature is something a project has that another may share. ID is a node
// id ("org:krus", "country:CZ") or, for a theme, "theme:" and its id.
type Feature struct {
	Kind FeatureKind
	ID   string
}

// ProjectFeatures returns a project's features, each once.
func ProjectFeatures(p *Project) []Feature {
	var out []Feature
	seen := map[Feature]bool{}
	add := func(k FeatureKind, id string) {
		f := Feature{k, id}
		if id != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	add(FeaturePartner, p.PromoterID)
	for _, ps := range p.Partners {
		if ps.Role == RoleMentioned {
			continue
		}
		add(FeaturePartner, ps.OrganisationID)
		if ps.Role == RoleDonorProjectPartner {
			add(FeatureDonorPartner, ps.OrganisationID)
		}
	}
	for _, t := range p.TargetGroupIDs {
		add(FeatureTargetGroup, t)
	}
	for _, u := range p.Programmes {
		add(FeatureProgramme, u.ProgrammeID)
	}
	if p.CountryCode != "" {
		add(FeatureCountry, "country:"+p.CountryCode)
	}
	add(FeatureFunder, p.Funding.FunderID)
	for _, t := range p.Themes {
		add(FeatureTheme, "theme:"+t)
	}
	return out
}
