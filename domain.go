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
	DocumentID string
	Section    string // "facts", "description", "results", "bilateral results", ...
	Text       string // the sentence or line
	Start, End int    // byte offsets of Text in the document
}

// Project is one project, bilateral initiative or Erasmus+ project.
type Project struct {
	ID    string
	Code  string // the project number as written; "" when the sheet has none
	Title string
	Kind  ProjectKind

	Status           string // as written, e.g. "Completed"
	PromoterID       string // "" when the sheet names none
	PromoterEvidence []Evidence
	Partners         []Partnership
	TargetGroupIDs   []string
	Programmes       []ProgrammeUse
	GrantProgramme   string   // the grant programme ("Programme:" line)
	ProgrammeAreas   []string // "Programme areas:"
	InitiativeTypes  []string // bilateral initiatives
	Topics           []string // Erasmus+ topics
	Location         string   // "The project is carried out in:" as written
	CountryCode      string   // ISO 3166-1 alpha-2 of the beneficiary state
	Places           []string // named places: regions, towns, prisons
	Funding          Funding
	StartDate        string // YYYY-MM-DD
	EndDate          string // YYYY-MM-DD
	DurationMonths   int    // 0 when unknown
	Outcomes         []Outcome
	Timeline         []DateMention // dates named in the prose: "In March 2017, a conference ..."
	Themes           []string      // what the project is about, from a theme lexicon: "violence", "staff-training"
	Description      string
	Results          string
	BilateralResults string
	Erasmus          *ErasmusCode
	DocumentID       string
}

// Funding is what a project cost and who paid. Amounts are whole units of
// Currency; nil means the sheet does not say.
type Funding struct {
	InitialCost *int64
	FinalCost   *int64
	Grant       *int64
	Currency    string
	FunderID    string
}

// Partnership is an organisation's role in a project, with the evidence.
type Partnership struct {
	OrganisationID string
	Role           Role
	Evidence       []Evidence
}

// ProgrammeUse is a programme or intervention that a project ran, developed,
// planned or mentioned.
type ProgrammeUse struct {
	ProgrammeID string
	Activity    Activity
	Evidence    []Evidence
}

// Outcome is a counted result: 1520 penitentiary staff members trained.
type Outcome struct {
	Value    float64
	Unit     string // what was counted: "penitentiary staff members"
	Text     string // the phrase as written
	Planned  bool   // a target stated in the future tense, not a result
	Evidence Evidence
}

// DateMention is a date the prose gives to something that happened or is
// planned: Date is YYYY, YYYY-MM or YYYY-MM-DD.
type DateMention struct {
	Date     string
	Text     string
	Evidence Evidence
}

// ErasmusCode is an Erasmus+ project code taken apart:
// 2018-1-EL01-KA204-047884.
type ErasmusCode struct {
	CallYear       int
	Round          int
	NationalAgency string // EL01
	CountryCode    string // ISO: GR
	KeyAction      string // KA2
	ActionType     string // KA204
	Field          string // YOU, ADU, ... (codes from 2021)
	Serial         string
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
	Names []NameSource `json:",omitempty"`
	// MergedIDs are the ids of organisations later found to be this one:
	// node(id:) answers them with this organisation. An id, once given,
	// never names another organisation.
	MergedIDs []string `json:",omitempty"`
}

// NameSource is one name of an organisation: the documents that give it
// and why it is this organisation's.
type NameSource struct {
	Name        string
	DocumentIDs []string `json:",omitempty"`
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
	Layout     string // "eea", "bilateral", "erasmus", "erasmus-listing"
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
