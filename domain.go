package partnergraph

import "strings"

// NodeKind names the kinds of node in the graph. The prefix of every node id
// is its kind in lower case ("project:lt14-0004", "org:krus").
type NodeKind string

const (
	KindProject      NodeKind = "PROJECT"
	KindOrganisation NodeKind = "ORGANISATION"
	KindCountry      NodeKind = "COUNTRY"
	KindFunder       NodeKind = "FUNDER"
	KindTargetGroup  NodeKind = "TARGET_GROUP"
	KindProgramme    NodeKind = "PROGRAMME"
	KindDocument     NodeKind = "DOCUMENT"
)

// idPrefixes maps an id prefix to the kind of node it names.
var idPrefixes = map[string]NodeKind{
	"project":   KindProject,
	"org":       KindOrganisation,
	"country":   KindCountry,
	"funder":    KindFunder,
	"tg":        KindTargetGroup,
	"programme": KindProgramme,
	"doc":       KindDocument,
}

// KindOfID returns the kind of node an id names, or "" if the id is not of
// Partnergraph's form.
func KindOfID(id string) NodeKind {
	prefix, rest, ok := strings.Cut(id, ":")
	if !ok || rest == "" {
		return ""
	}
	return idPrefixes[prefix]
}

// ProjectKind tells which kind of sheet a project comes from.
type ProjectKind string

const (
	ProjectEEA       ProjectKind = "PROJECT"              // EEA and Norway Grants project
	ProjectBilateral ProjectKind = "BILATERAL_INITIATIVE" // EEA and Norway Grants bilateral initiative
	ProjectErasmus   ProjectKind = "ERASMUS"              // Erasmus+ project
	ProjectInterreg  ProjectKind = "INTERREG"             // Interreg, IPA or ENI cross-border project (keep.eu)
)

// Role is the part an organisation plays in a project.
type Role string

const (
	RolePromoter            Role = "PROMOTER"
	RoleDonorProjectPartner Role = "DONOR_PROJECT_PARTNER"
	RoleProjectPartner      Role = "PROJECT_PARTNER"
	RoleMentioned           Role = "MENTIONED"
)

// Rank orders roles from the strongest (promoter) to the weakest (mentioned);
// when a sheet gives one organisation two roles, the stronger one is kept.
func (r Role) Rank() int {
	switch r {
	case RolePromoter:
		return 4
	case RoleDonorProjectPartner:
		return 3
	case RoleProjectPartner:
		return 2
	case RoleMentioned:
		return 1
	}
	return 0
}

// Activity says what a project did with a programme or intervention.
type Activity string

const (
	ActivityRun       Activity = "RUN"
	ActivityDeveloped Activity = "DEVELOPED"
	ActivityPlanned   Activity = "PLANNED"
	ActivityMentioned Activity = "MENTIONED"
)

// Rank orders activities: a programme both planned and run was run.
func (a Activity) Rank() int {
	switch a {
	case ActivityRun:
		return 4
	case ActivityDeveloped:
		return 3
	case ActivityPlanned:
		return 2
	case ActivityMentioned:
		return 1
	}
	return 0
}

// Evidence points at the place in a source document that asserts a fact.
type Evidence struct {
	DocumentID string `json:",omitzero"`
	Section    string `json:",omitzero"` // "facts", "description", "results", "bilateral results", ...
	Text       string `json:",omitzero"` // the sentence or line, or a file's cell
	Start, End int    `json:",omitzero"` // byte offsets of Text in the document
	// Row is the row of a file of open data (counted from 1, the header
	// being row 1); Section is then the column.
	Row int `json:",omitzero"`
}

// Source is where a fact comes from: a project page, or a programme's
// public export.
type Source string

// The sources.
const (
	SourcePage      Source = "PAGE"         // a project page (a text sheet)
	SourceEEAGrants Source = "EEA_GRANTS"   // the EEA and Norway Grants' open-data exports
	SourceErasmus   Source = "ERASMUS_PLUS" // the Erasmus+ project results platform's exports
	SourceKeep      Source = "KEEP_EU"      // keep.eu's Interreg projects
)

// Sources are every source, in the order a disagreement is settled: a
// fact an export gives is shown before one a page gives.
var Sources = []Source{SourceEEAGrants, SourceErasmus, SourceKeep, SourcePage}

// SourceRank is the place of s in Sources.
func SourceRank(s Source) int {
	for i, x := range Sources {
		if x == s {
			return i
		}
	}
	return len(Sources)
}

// ProjectSource is one document a project is known from.
type ProjectSource struct {
	Source     Source
	DocumentID string
}

// Disagreement is a value a source gives for a field of a project that is
// not the one shown (see Project.Disagreements).
type Disagreement struct {
	Field      string // "status", "grant", "title", "role of org:..."
	Value      string // the value not shown
	Shown      string // the value shown
	Source     Source
	DocumentID string
}

// Project is one project, bilateral initiative or Erasmus+ project.
type Project struct {
	ID    string      `json:",omitzero"`
	Code  string      `json:",omitzero"` // the project number as written; "" when the sheet has none
	Title string      `json:",omitzero"`
	Kind  ProjectKind `json:",omitzero"`

	Status           string         `json:",omitzero"` // as written, e.g. "Completed"
	PromoterID       string         `json:",omitzero"` // "" when the sheet names none
	PromoterEvidence []Evidence     `json:",omitzero"`
	Partners         []Partnership  `json:",omitzero"`
	TargetGroupIDs   []string       `json:",omitzero"`
	Programmes       []ProgrammeUse `json:",omitzero"`
	GrantProgramme   string         `json:",omitzero"` // the grant programme ("Programme:" line)
	ProgrammeAreas   []string       `json:",omitzero"` // "Programme areas:"
	InitiativeTypes  []string       `json:",omitzero"` // bilateral initiatives
	Topics           []string       `json:",omitzero"` // Erasmus+ topics
	Location         string         `json:",omitzero"` // "The project is carried out in:" as written
	CountryCode      string         `json:",omitzero"` // ISO 3166-1 alpha-2 of the beneficiary state
	Places           []string       `json:",omitzero"` // named places: regions, towns, prisons
	Funding          Funding        `json:",omitzero"`
	StartDate        string         `json:",omitzero"` // YYYY-MM-DD
	EndDate          string         `json:",omitzero"` // YYYY-MM-DD
	DurationMonths   int            `json:",omitzero"` // 0 when unknown
	Outcomes         []Outcome      `json:",omitzero"`
	Timeline         []DateMention  `json:",omitzero"` // dates named in the prose: "In March 2017, a conference ..."
	Themes           []string       `json:",omitzero"` // what the project is about, from a theme lexicon: "violence", "staff-training"
	Description      string         `json:",omitzero"`
	Results          string         `json:",omitzero"`
	BilateralResults string         `json:",omitzero"`
	Erasmus          *ErasmusCode   `json:",omitzero"`
	DocumentID       string         `json:",omitzero"`
	// Sources are the documents the project is known from, the one shown
	// (DocumentID) first: a page and the rows of exports that give its
	// number are one project. A field shows the value of the source first in Sources
	// (exports before pages; among pages, or rows of one source, the
	// document whose name sorts last), and Disagreements keeps the others.
	Sources       []ProjectSource `json:",omitzero"`
	Disagreements []Disagreement  `json:",omitzero"`
}

// Funding is what a project cost and who paid. Amounts are whole units of
// Currency; nil means the sheet does not say.
type Funding struct {
	InitialCost *int64 `json:",omitzero"`
	FinalCost   *int64 `json:",omitzero"`
	Grant       *int64 `json:",omitzero"`
	Currency    string `json:",omitzero"`
	FunderID    string `json:",omitzero"`
}

// Partnership is an organisation's role in a project, with the evidence.
type Partnership struct {
	OrganisationID string     `json:",omitzero"`
	Role           Role       `json:",omitzero"`
	Evidence       []Evidence `json:",omitzero"`
}

// ProgrammeUse is a programme or intervention that a project ran, developed,
// planned or mentioned.
type ProgrammeUse struct {
	ProgrammeID string     `json:",omitzero"`
	Activity    Activity   `json:",omitzero"`
	Evidence    []Evidence `json:",omitzero"`
}

// Outcome is a counted result: 1520 penitentiary staff members trained.
type Outcome struct {
	Value    float64  `json:",omitzero"`
	Unit     string   `json:",omitzero"` // what was counted: "penitentiary staff members"
	Text     string   `json:",omitzero"` // the phrase as written
	Planned  bool     `json:",omitzero"` // a target stated in the future tense, not a result
	Evidence Evidence `json:",omitzero"`
}

// DateMention is a date the prose gives to something that happened or is
// planned: Date is YYYY, YYYY-MM or YYYY-MM-DD.
type DateMention struct {
	Date     string   `json:",omitzero"`
	Text     string   `json:",omitzero"`
	Evidence Evidence `json:",omitzero"`
}

// ErasmusCode is an Erasmus+ project code taken apart:
// 2018-1-EL01-KA204-047884.
type ErasmusCode struct {
	CallYear       int    `json:",omitzero"`
	Round          int    `json:",omitzero"`
	NationalAgency string `json:",omitzero"` // EL01
	CountryCode    string `json:",omitzero"` // ISO: GR
	KeyAction      string `json:",omitzero"` // KA2
	ActionType     string `json:",omitzero"` // KA204
	Field          string `json:",omitzero"` // YOU, ADU, ... (codes from 2021)
	Serial         string `json:",omitzero"`
}

// Organisation is one real organisation, however many names it goes by.
type Organisation struct {
	ID          string
	Name        string
	Acronym     string
	Aliases     []string // every surface form seen, and the gazetteer's
	CountryCode string   // "" unless an explicit marker or the gazetteer says
	// Names are the name, the acronym and the aliases with where they come
	// from and why they were joined: the evidence of the merge.
	Names []NameSource `json:",omitzero"`
	// MergedIDs are the ids of organisations later found to be this one:
	// node(id:) answers them with this organisation. An id, once given,
	// never names another organisation.
	MergedIDs []string `json:",omitzero"`
	// Sources are the sources that name the organisation, in Sources'
	// order.
	Sources []Source `json:",omitzero"`
}

// NameSource is one name of an organisation: the documents that give it
// and why it is this organisation's.
type NameSource struct {
	Name        string
	DocumentIDs []string `json:",omitzero"`
	JoinedBy    NameJoin
}

// NameJoin says why a name belongs to an organisation.
type NameJoin string

// Why names are joined.
const (
	JoinName     NameJoin = "NAME"     // the same name, case, accents, punctuation and glued role or country aside
	JoinAcronym  NameJoin = "ACRONYM"  // the acronym, or a long form a sheet defines with it
	JoinVariant  NameJoin = "VARIANT"  // one insertable word more or less (Estonian [National] Social Insurance Board)
	JoinRegistry NameJoin = "REGISTRY" // the gazetteer of donor-side organisations knows both names
)

// TargetGroup is a group a project is aimed at.
type TargetGroup struct {
	ID   string
	Name string
}

// Programme is a programme, training course or intervention.
type Programme struct {
	ID   string
	Name string
	Kind string // "PROGRAMME", "TRAINING" or "INTERVENTION"
}

// Funder is a funding mechanism: Norway Grants, EEA Grants or Erasmus+.
type Funder struct {
	ID   string
	Name string
}

// Country is a country by its ISO 3166-1 alpha-2 code.
type Country struct {
	Code string
	Name string
}

// ID returns the node id of the country.
func (c Country) ID() string { return "country:" + c.Code }

// Document is a source document: one project sheet.
type Document struct {
	ID         string
	Name       string
	Layout     string // "eea", "bilateral", "erasmus", "erasmus-listing"; an export's format
	Source     Source `json:",omitzero"` // "" is a page
	SHA256     string
	ProjectIDs []string
	Warnings   []string
}

// Graph is a batch of nodes, ready to be loaded into a Store. Nodes refer to
// each other by id.
type Graph struct {
	Documents     []Document
	Projects      []Project
	Organisations []Organisation
	TargetGroups  []TargetGroup
	Programmes    []Programme
	Funders       []Funder
}
