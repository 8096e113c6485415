package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest/entity"
)

// Record is what one sheet says, before the organisations of the corpus are
// resolved: the project with its target groups, programmes, outcomes and
// places, the organisations of its facts block, and its sentences.
type Record struct {
	Document  partnergraph.Document
	Project   partnergraph.Project
	Sheet     *Sheet
	Groups    []partnergraph.TargetGroup
	Facts     []factOrg // organisations named in the facts block
	Sentences []sentence
	// Candidates[i] are the organisation names found in Sentences[i].
	Candidates [][]candidate
	Programmes []programmeMention
}

// factOrg is an organisation named in the facts block with its role.
type factOrg struct {
	Name     string
	Acronym  string // given with the name: "Alternative to Violence (ATV)"
	Role     partnergraph.Role
	Country  string
	Evidence partnergraph.Evidence
	// Listed: from "Partners:" of a bilateral initiative, whose role
	// depends on the partner's country.
	Listed bool
}

// nationalInstitution: a name every country's institution has.
var nationalInstitution = regexp.MustCompile(`^(ministry of (the )?[a-z]+( (and|for) [a-z]+)*|(national |state )?(prison|probation|police|penitentiary|correctional|prison and probation) (service|administration|department|directorate|agency)|(national |state )?police|ombudsman|(public |general )?prosecutor s office|office of the (public |general )?prosecutor)$`)

// withCountry keeps the country a sheet glued to a generic name in the
// name: "Ministry of Justice - Bulgaria(BG)" is the "Ministry of Justice of
// Bulgaria", not every country's ministry of justice.
func withCountry(name, country string) string {
	if country == "" || !nationalInstitution.MatchString(nameKey(name)) {
		return name
	}
	c, ok := partnergraph.CountryByCode(country)
	if !ok || c.Name == "" {
		return name
	}
	return name + " of " + c.Name
}

// cleanFact makes an organisation of the facts block from a value as
// written (entity.Clean): its name (keeping the country of a national
// institution), acronym and country; false when the value is junk.
func cleanFact(raw string, role partnergraph.Role, listed bool, ev partnergraph.Evidence) (factOrg, bool) {
	n := entity.Clean(raw)
	country := n.Country
	if country == "" {
		country = nameCountry(n.Name)
	}
	f := factOrg{Name: withCountry(n.Name, n.Country), Acronym: n.Acronym, Role: role, Country: country, Listed: listed, Evidence: ev}
	return f, n.Name != "" && (!entity.Junk(n.Name) || entity.IsAcronym(n.Name))
}

// TextSHA256 is the hash a document's text gets (Document.SHA256): of the
// text as Parse reads it, line ends folded.
func TextSHA256(text string) string {
	sum := sha256.Sum256([]byte(normaliseLineEnds(text)))
	return hex.EncodeToString(sum[:])
}

// DocumentID returns the id of the document with this name.
func DocumentID(name string) string { return "doc:" + partnergraph.Slug(name) }

// Extract reads one parsed sheet into a Record.
func Extract(s *Sheet) *Record {
	r := &Record{Sheet: s}
	r.Document = partnergraph.Document{
		ID:       DocumentID(s.Name),
		Name:     s.Name,
		Layout:   s.Layout,
		SHA256:   TextSHA256(s.Text),
		Warnings: append([]string(nil), s.Warnings...),
	}
	warn := func(format string, args ...any) {
		r.Document.Warnings = append(r.Document.Warnings, fmt.Sprintf(format, args...))
	}
	p := &r.Project
	p.Title = s.Title
	p.Code = strings.TrimSpace(s.Value(keyCode))
	p.DocumentID = r.Document.ID
	switch s.Layout {
	case LayoutBilateral:
		p.Kind = partnergraph.ProjectBilateral
	case LayoutErasmus, LayoutErasmusListing:
		p.Kind = partnergraph.ProjectErasmus
	default:
		p.Kind = partnergraph.ProjectEEA
	}
	if p.Code != "" {
		p.ID = "project:" + partnergraph.Slug(p.Code)
	} else {
		p.ID = "project:" + partnergraph.Slug(p.Title)
		warn("no project number: the project's id is made from its title")
	}
	p.Status = s.Value(keyStatus)
	p.GrantProgramme = s.Value(keyProgramme)
	p.ProgrammeAreas = s.Get(keyProgrammeAreas)
	p.InitiativeTypes = s.Get(keyInitiativeTypes)
	p.Topics = s.Get(keyTopics)
	p.Description = s.Section(SectionDescription)
	p.Results = s.Section(SectionResults)
	p.BilateralResults = s.Section(SectionBilateral)

	// Money.
	money := func(key string) *int64 {
		v := s.Value(key)
		if v == "" {
			return nil
		}
		amount, currency, err := parseMoney(v)
		if err != nil {
			warn("%s: %v", labelOf(s, key), err)
			return nil
		}
		p.Funding.Currency = currency
		return &amount
	}
	p.Funding.InitialCost = money(keyInitialCost)
	p.Funding.FinalCost = money(keyFinalCost)
	for _, g := range []struct {
		key    string
		funder partnergraph.Funder
	}{{keyGrantNorway, partnergraph.NorwayGrants}, {keyGrantEEA, partnergraph.EEAGrants}, {keyGrantEU, partnergraph.ErasmusPlus}} {
		if _, ok := s.FieldOf(g.key); ok && p.Funding.FunderID == "" {
			p.Funding.FunderID = g.funder.ID
			p.Funding.Grant = money(g.key)
		}
	}
	if p.Funding.Grant == nil {
		if _, ok := s.FieldOf(keyGrant); ok {
			p.Funding.Grant = money(keyGrant)
		}
	}
	if p.Kind == partnergraph.ProjectErasmus && p.Funding.FunderID == "" {
		p.Funding.FunderID = partnergraph.ErasmusPlus.ID
	}
	if p.Funding.Currency == "" && (p.Funding.Grant != nil || p.Funding.FinalCost != nil || p.Funding.InitialCost != nil) {
		p.Funding.Currency = "EUR"
	}

	// Dates.
	date := func(key string) string {
		v := s.Value(key)
		if v == "" {
			return ""
		}
		d, err := parseDate(v)
		if err != nil {
			warn("%s: %v", labelOf(s, key), err)
		}
		return d
	}
	p.StartDate, p.EndDate = date(keyStartDate), date(keyEndDate)
	if v := s.Value(keyDuration); v != "" {
		if n, err := parseDuration(v); err != nil {
			warn("%s: %v", labelOf(s, keyDuration), err)
		} else {
			p.DurationMonths = n
		}
	}
	if p.DurationMonths == 0 && p.StartDate != "" && p.EndDate != "" {
		p.DurationMonths = monthsBetween(p.StartDate, p.EndDate)
	}

	// Erasmus+ codes, call year and key action.
	if ec, ok := ParseErasmusCode(p.Code); ok {
		p.Erasmus = ec
	} else if p.Kind == partnergraph.ProjectErasmus {
		ec := &partnergraph.ErasmusCode{KeyAction: s.Value(keyKeyAction), ActionType: s.Value(keyActionType)}
		fmt.Sscanf(s.Value(keyCallYear), "%d", &ec.CallYear)
		if ec.CallYear != 0 || ec.KeyAction != "" || ec.ActionType != "" {
			p.Erasmus = ec
		}
	}

	// Country and places.
	p.Location = s.Value(keyLocation)
	switch {
	case codeCountry(p.Code) != "":
		p.CountryCode = codeCountry(p.Code)
	case p.Erasmus != nil && p.Erasmus.CountryCode != "":
		p.CountryCode = p.Erasmus.CountryCode
	}
	for _, v := range append(s.Get(keyLocation), s.Get(keyCountry)...) {
		// "Nitra, Slovakia": a place and its country.
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			if c, ok := partnergraph.CountryByName(part); ok {
				if p.CountryCode == "" {
					p.CountryCode = c.Code
				}
			} else {
				p.Places = appendUnique(p.Places, part)
			}
		}
	}
	for _, v := range s.Get(keyRegion) {
		p.Places = appendUnique(p.Places, v)
	}

	// Target groups.
	for _, g := range s.Get(keyTargetGroups) {
		g = strings.TrimSpace(strings.TrimRight(g, ",;."))
		if g == "" {
			continue
		}
		tg := partnergraph.TargetGroup{ID: partnergraph.TargetGroupID(g), Name: g}
		if !containsID(p.TargetGroupIDs, tg.ID) {
			p.TargetGroupIDs = append(p.TargetGroupIDs, tg.ID)
			r.Groups = append(r.Groups, tg)
		}
	}

	// Organisations of the facts block, cleaned of the role, country and
	// acronym glued to them (entity.Clean), and split where two are
	// coordinated in one value.
	addFact := func(raw string, role partnergraph.Role, listed bool, ev partnergraph.Evidence) {
		for _, part := range entity.SplitCoordination(raw, func(string) bool { return false }) {
			if f, ok := cleanFact(part, role, listed, ev); ok {
				r.Facts = append(r.Facts, f)
			}
		}
	}
	factsList := func(key string, role partnergraph.Role, listed bool) {
		f, ok := s.FieldOf(key)
		if !ok {
			return
		}
		for _, v := range f.Values {
			if name := strings.TrimSpace(v); name != "" {
				addFact(name, role, listed, factEvidence(s, r.Document.ID, f, v))
			}
		}
	}
	if f, ok := s.FieldOf(keyPromoter); ok && len(f.Values) > 0 {
		// The promoter's value lines are one name; it is never junk.
		fact, _ := cleanFact(strings.Join(f.Values, " "), partnergraph.RolePromoter, false, factEvidence(s, r.Document.ID, f, f.Values[0]))
		r.Facts = append(r.Facts, fact)
	} else {
		warn("no project promoter")
	}
	factsList(keyDonorPartners, partnergraph.RoleDonorProjectPartner, false)
	factsList(keyOtherPartners, partnergraph.RoleProjectPartner, false)
	factsList(keyPartners, partnergraph.RoleProjectPartner, true)

	// Prose: sentences, organisation candidates, programmes, outcomes, places.
	for _, sec := range s.Sections {
		r.Sentences = append(r.Sentences, sentences(s.Text, sec)...)
	}
	r.Candidates = make([][]candidate, len(r.Sentences))
	for i, sn := range r.Sentences {
		r.Candidates[i] = candidates(sn.Text)
		for _, pm := range programmesIn(sn.Text) {
			pm.Sentence = i
			r.Programmes = append(r.Programmes, pm)
		}
		for _, o := range outcomesIn(sn.Text) {
			if sn.Section == SectionDescription && p.Kind != partnergraph.ProjectErasmus {
				// EEA descriptions state the plan; results state what came of it.
				o.Planned = o.Planned || !strings.Contains(s.Section(SectionResults), o.Text)
			}
			o.Evidence = evidence(r.Document.ID, sn)
			p.Outcomes = append(p.Outcomes, o)
		}
		for _, d := range datesIn(sn.Text) {
			p.Timeline = append(p.Timeline, partnergraph.DateMention{Date: d, Text: sn.Text, Evidence: evidence(r.Document.ID, sn)})
		}
		for _, place := range placesIn(sn.Text) {
			p.Places = appendUnique(p.Places, place)
		}
		for _, c := range r.Candidates[i] {
			if !c.Weak && strings.HasSuffix(strings.ToLower(c.Name), "prison") && len(strings.Fields(c.Name)) >= 2 {
				p.Places = appendUnique(p.Places, c.Name)
			}
		}
	}
	if len(r.Sentences) == 0 {
		warn("no description or results text")
	}
	p.Themes = ThemesIn(p.Title + "\n" + p.Description + "\n" + p.Results + "\n" + p.BilateralResults + "\n" + strings.Join(s.Get(keyTargetGroups), "\n"))
	return r
}

func evidence(docID string, sn sentence) partnergraph.Evidence {
	return partnergraph.Evidence{DocumentID: docID, Section: sn.Section, Text: sn.Text, Start: sn.Start, End: sn.End}
}

// factEvidence points at the value line of a facts field.
func factEvidence(s *Sheet, docID string, f Field, value string) partnergraph.Evidence {
	start, end := f.Start, f.End
	if i := strings.Index(s.Text[f.Start:f.End], value); i >= 0 {
		start, end = f.Start+i, f.Start+i+len(value)
	}
	return partnergraph.Evidence{DocumentID: docID, Section: SectionFacts, Text: f.Label + ": " + value, Start: start, End: end}
}

func labelOf(s *Sheet, key string) string {
	if f, ok := s.FieldOf(key); ok {
		return f.Label
	}
	return key
}

func appendUnique(list []string, v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return list
	}
	for _, x := range list {
		if nameKey(x) == nameKey(v) {
			return list
		}
	}
	return append(list, v)
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
