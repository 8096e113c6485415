// Package ingest turns project sheets into graph records: Parse reads a
// sheet's layout (facts, labels, sections), Extract finds the project, its
// organisations, programmes and outcomes, and Build resolves the
// organisations of a whole corpus into one node per real organisation.
// Everything here is pure: text in, records out.
package ingest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// nameKey is partnergraph.NameKey: labels, headings and names are matched on it.
var nameKey = partnergraph.NameKey

// Layouts of sheets.
const (
	LayoutEEA            = "eea"             // EEA and Norway Grants project page
	LayoutBilateral      = "bilateral"       // bilateral initiative page
	LayoutErasmus        = "erasmus"         // Erasmus+ project page
	LayoutErasmusListing = "erasmus-listing" // Erasmus+ listing with "Project Title" labels
)

// Canonical section names.
const (
	SectionFacts       = "facts"
	SectionDescription = "description"
	SectionResults     = "results"
	SectionBilateral   = "bilateral results"
)

// Sheet is a parsed project sheet: its fields and its prose sections.
type Sheet struct {
	Name     string
	Text     string // the document as given
	Layout   string
	Title    string
	Fields   []Field
	Sections []Section
	Warnings []string
}

// Field is one label of the facts block with its values.
type Field struct {
	Key    string   // canonical key, "" for a label we do not know
	Label  string   // as written
	Values []string // one per value line, trimmed
	Start  int      // byte offset of the label line
	End    int      // byte offset after the last value line
}

// Section is a stretch of prose; Text is Sheet.Text[Start:End].
type Section struct {
	Name    string // canonical name
	Heading string // as written; "" when the heading is missing
	Text    string
	Start   int
	End     int
}

// Get returns the values of the first field with this key that has
// values ("EU Grant (Eur)" may stand empty above "Funding of the project
// from EU: ..."), or nil.
func (s *Sheet) Get(key string) []string {
	var empty []string
	found := false
	for _, f := range s.Fields {
		if f.Key == key {
			if len(f.Values) > 0 {
				return f.Values
			}
			if !found {
				empty, found = f.Values, true
			}
		}
	}
	return empty
}

// Value returns the values of the field joined by spaces, "" if absent.
func (s *Sheet) Value(key string) string {
	return strings.Join(s.Get(key), " ")
}

// FieldOf returns the first field with this key.
func (s *Sheet) FieldOf(key string) (Field, bool) {
	for _, f := range s.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Section returns the text of the named section, "" if absent.
func (s *Sheet) Section(name string) string {
	var parts []string
	for _, sec := range s.Sections {
		if sec.Name == name {
			parts = append(parts, sec.Text)
		}
	}
	return strings.Join(parts, "\n\n")
}

// Field keys.
const (
	keyPromoter        = "promoter"
	keyCode            = "code"
	keyTargetGroups    = "targetGroups"
	keyStatus          = "status"
	keyInitialCost     = "initialCost"
	keyFinalCost       = "finalCost"
	keyGrantNorway     = "grantNorway"
	keyGrantEEA        = "grantEEA"
	keyGrantEU         = "grantEU"
	keyGrant           = "grant" // a grant whose label names no funder
	keyLocation        = "location"
	keyProgramme       = "programme"
	keyProgrammeAreas  = "programmeAreas"
	keyDonorPartners   = "donorPartners"
	keyOtherPartners   = "otherPartners"
	keyPartners        = "partners"
	keyInitiativeTypes = "initiativeTypes"
	keyDuration        = "duration"
	keyStartDate       = "startDate"
	keyEndDate         = "endDate"
	keyTitle           = "title"
	keyKeyAction       = "keyAction"
	keyCallYear        = "callYear"
	keyActionType      = "actionType"
	keyTopics          = "topics"
	keyCountry         = "country"
	keyRegion          = "region"
	keyPrioritySector  = "prioritySector"
	keyWebsite         = "website"
)

// labels maps a label (NameKey of it) to its field key.
var labels = map[string]string{
	"project promoter": keyPromoter, "promoter": keyPromoter, "coordinator": keyPromoter,
	"coordinating organisation": keyPromoter, "coordinating organization": keyPromoter,
	"applicant organisation": keyPromoter, "applicant organization": keyPromoter,
	"project number": keyCode, "bilateral initiative number": keyCode, "code number": keyCode,
	"project identifier": keyCode, "project reference": keyCode, "project code": keyCode,
	"initiative number": keyCode,
	"target groups":     keyTargetGroups, "target group": keyTargetGroups,
	"status": keyStatus, "project status": keyStatus,
	"initial project cost": keyInitialCost, "initial cost": keyInitialCost,
	"final project cost": keyFinalCost, "actual cost": keyFinalCost, "final cost": keyFinalCost,
	"total project cost": keyFinalCost, "total cost": keyFinalCost, "total eligible cost": keyFinalCost,
	"grant": keyGrant, "grant amount": keyGrant, "amount of grant": keyGrant, "grant awarded": keyGrant,
	"from norway grants": keyGrantNorway, "from eea grants": keyGrantEEA,
	"eu grant": keyGrantEU, "eu grant eur": keyGrantEU, "eu contribution": keyGrantEU,
	"funding of the project from eu": keyGrantEU, "eu grant amount": keyGrantEU,
	"project coordinator": keyPromoter, "coordinator organisation": keyPromoter, "coordinator organization": keyPromoter,
	"project is carried out in": keyLocation, "initiative is carried out in": keyLocation,
	"carried out in": keyLocation, "location": keyLocation,
	"programme": keyProgramme, "program": keyProgramme,
	"programme areas": keyProgrammeAreas, "programme area": keyProgrammeAreas,
	"donor project partners": keyDonorPartners, "donor project partner": keyDonorPartners,
	"other project partners": keyOtherPartners, "other project partner": keyOtherPartners,
	"partners": keyPartners, "partner": keyPartners, "project partners": keyPartners,
	"partner organisations": keyPartners, "participating organisations": keyPartners,
	"partner organizations": keyPartners, "participating organizations": keyPartners,
	"initiative types": keyInitiativeTypes, "initiative type": keyInitiativeTypes,
	"duration": keyDuration, "project duration": keyDuration,
	"starting date": keyStartDate, "start date": keyStartDate,
	"ending date": keyEndDate, "end date": keyEndDate,
	"project title": keyTitle, "project key action": keyKeyAction, "key action": keyKeyAction,
	"project call year": keyCallYear, "call year": keyCallYear,
	"project action type": keyActionType, "action type": keyActionType,
	"project topics": keyTopics, "topics": keyTopics,
	"country": keyCountry, "coordinator country": keyCountry, "beneficiary state": keyCountry,
	"region": keyRegion, "nuts region": keyRegion,
	"priority sector": keyPrioritySector, "priority sectors": keyPrioritySector,
	"website": keyWebsite, "project website": keyWebsite,
}

// listKeys are the fields whose values are lists.
var listKeys = map[string]bool{
	keyTargetGroups: true, keyProgrammeAreas: true, keyDonorPartners: true,
	keyOtherPartners: true, keyPartners: true, keyInitiativeTypes: true, keyTopics: true,
}

// bareLabels may stand without a colon on a line of their own: the sheets
// write "Target groups" and the listing layout writes all its labels so.
var bareLabels = map[string]bool{
	"target groups": true, "target group": true, "other project partners": true,
	"donor project partners": true, "project title": true, "project key action": true,
	"project call year": true, "project action type": true, "project topics": true,
	"project identifier": true, "project reference": true, "coordinating organisation": true,
	"coordinating organization": true, "participating organisations": true,
	"participating organizations": true, "eu grant eur": true, "project status": true,
	"start date": true, "end date": true, "project coordinator": true, "coordinator": true,
	"project partners": true, "partners": true, "eu grant": true, "project summary": true,
}

// sections maps a heading (NameKey) to a canonical section name.
var sections = map[string]string{
	"description":                      SectionDescription,
	"project description":              SectionDescription,
	"project summary":                  SectionDescription,
	"summary":                          SectionDescription,
	"summary of project results":       SectionResults,
	"summary of the project results":   SectionResults,
	"summary of the results":           SectionResults,
	"summary of results":               SectionResults,
	"project results":                  SectionResults,
	"results":                          SectionResults,
	"summary of bilateral results":     SectionBilateral,
	"summary of the bilateral results": SectionBilateral,
	"bilateral results":                SectionBilateral,
}

// factsHeaders open the facts block.
var factsHeaders = map[string]string{
	"project facts":              LayoutEEA,
	"bilateral initiative facts": LayoutBilateral,
	"initiative facts":           LayoutBilateral,
}

// disclaimers are boilerplate paragraphs that carry no facts.
var disclaimers = []string{
	"european commission support for the production of this publication",
	"european commission s support for the production of this publication",
	"this project has been funded with support from the european commission",
}

// Page furniture: lines of a web page that carry no fact. A heading such as
// "More information" starts a stretch of links and repeated labels that
// lasts until the next section or facts block.
var (
	furnitureHeadings = map[string]bool{
		"more information": true, "related projects": true, "related news": true, "see also": true,
		"links": true, "documents": true, "share this page": true, "share": true, "contact": true,
		"contact information": true, "downloads": true, "news": true, "photos": true, "gallery": true,
	}
	furnitureLine = regexp.MustCompile(`(?i)^(general information for (the )?.*|read more.*|back to (top|overview|the list)|print( this page)?|share( on .*)?|` +
		`(january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}, \d{4}( \d{1,2}:\d{2}( ?[ap]m)?)?|\d{1,3})$`)
	// Listing pages write their values in a sentence: "This project related
	// with these key action: Cooperation ...", "This project’s Call Year is
	// 2019".
	valueBoilerplate = regexp.MustCompile(`(?i)^this project(?:['’]s)?\s[^:]{0,70}?(?:\s:|:|\sis\s)\s*`)
)

// normaliseLineEnds folds Windows line ends.
func normaliseLineEnds(text string) string { return strings.ReplaceAll(text, "\r\n", "\n") }

// ParseError is a document that cannot be read as a project sheet.
type ParseError struct {
	Name   string
	Reason string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s: %s", e.Name, e.Reason) }

// MaxDocumentSize is the largest sheet Parse accepts.
const MaxDocumentSize = 1 << 20

type line struct {
	text       string // trimmed
	start, end int    // offsets of the trimmed text in the document
}

func splitLines(text string) []line {
	out := make([]line, 0, strings.Count(text, "\n")+1)
	pos := 0
	for pos <= len(text) {
		i := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if i >= 0 {
			end = pos + i
		}
		raw := text[pos:end]
		lead := len(raw) - len(strings.TrimLeft(raw, " \t\r\ufeff\u00a0"))
		t := strings.TrimSpace(strings.Trim(raw, "\ufeff\u00a0"))
		s := pos + lead
		if t == "" {
			s = pos
		}
		out = append(out, line{text: t, start: s, end: s + len(t)})
		if i < 0 {
			break
		}
		pos = end + 1
	}
	return out
}

// Parse reads one sheet. It fails only on documents that are not sheets at
// all (empty, binary, no facts and no prose); unknown labels and missing
// headings are warnings.
func Parse(name string, data []byte) (*Sheet, error) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, &ParseError{name, "empty document"}
	case len(data) > MaxDocumentSize:
		return nil, &ParseError{name, fmt.Sprintf("document is %d bytes, more than the %d allowed", len(data), MaxDocumentSize)}
	case bytes.IndexByte(data, 0) >= 0:
		return nil, &ParseError{name, "binary data (NUL bytes): not a text sheet"}
	case !utf8.Valid(data):
		return nil, &ParseError{name, "not valid UTF-8 text"}
	}
	text := normaliseLineEnds(string(data))
	s := &Sheet{Name: name, Text: text}
	p := parser{s: s}
	for _, l := range splitLines(text) {
		p.line(l)
	}
	p.closeSection()
	p.finish()
	if s.Title == "" {
		return nil, &ParseError{name, "no title line"}
	}
	if len(s.Fields) == 0 && len(s.Sections) == 0 {
		return nil, &ParseError{name, "no project facts and no sections found: not a project sheet"}
	}
	return s, nil
}

type parser struct {
	furniture bool // inside page furniture (after "More information")
	// the furniture heading, as a key and as written
	furnitureHeading, furnitureText string
	s                               *Sheet
	blank                           bool // the previous line was blank
	field                           *Field
	sec                             *Section
	inFacts                         bool
	prose                           []line // lines before any facts (Erasmus page layout)
	disclaimer                      bool
	// the title's key, and the title it is of
	titleKey, titleKeyOf string
}

// keyOfTitle is nameKey(p.s.Title), computed once for each title.
func (p *parser) keyOfTitle() string {
	if p.titleKeyOf != p.s.Title || p.titleKey == "" {
		p.titleKey, p.titleKeyOf = nameKey(p.s.Title), p.s.Title
	}
	return p.titleKey
}

// furniturePrefixes are how every line furnitureLine matches begins,
// lower-cased, but those that begin with a digit.
var furniturePrefixes = []string{"general information for", "read more", "back to ", "print", "share",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// mayBeFurniture: t begins as a line furnitureLine matches may, or has
// something other than ASCII where it begins (which (?i) folds its own way).
// Most lines are labels and prose, and the regexp costs more than this.
func mayBeFurniture(t string) bool {
	head := t[:min(len(t), len(furniturePrefixes[0])+1)]
	if head == "" || '0' <= head[0] && head[0] <= '9' {
		return true
	}
	for i := 0; i < len(head); i++ {
		if head[i] >= 0x80 {
			return true
		}
	}
	lower := strings.ToLower(head)
	for _, p := range furniturePrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// isTitleErasmusProject: k is the title's key and " erasmus project".
func isTitleErasmusProject(k, title string) bool {
	const tail = " erasmus project"
	return len(k) == len(title)+len(tail) && strings.HasPrefix(k, title) && strings.HasSuffix(k, tail)
}

func (p *parser) line(l line) {
	t := l.text
	if t == "" {
		p.blank = true
		return
	}
	defer func() { p.blank = false }()
	// The key of a line is for headings, labels, a repeated title and the
	// start of a disclaimer: a paragraph's first 300 bytes are enough.
	head := t
	if len(head) > 300 {
		head = head[:300]
	}
	k := nameKey(strings.TrimSuffix(head, ":"))
	if p.disclaimer && !p.blank {
		return
	}
	p.disclaimer = false
	for _, d := range disclaimers {
		if strings.HasPrefix(k, d) {
			p.disclaimer = true
			return
		}
	}
	if p.s.Title == "" {
		if key, _, _, ok := matchLabel(t); !ok || key != keyTitle {
			p.s.Title = t
			return
		}
	}
	if furnitureHeadings[k] {
		p.closeSection()
		p.field = nil
		p.furniture = true
		p.furnitureHeading, p.furnitureText = k, t
		return
	}
	if p.furniture {
		_, isSection := sections[k]
		_, isFacts := factsHeaders[k]
		if p.furnitureHeading == "more information" && !isSection && !isFacts && isProse(t) {
			// 2014-21 project pages put the long description under "More
			// information": a paragraph of prose is no link list.
			p.furniture = false
			p.openSection(SectionDescription, p.furnitureText)
			p.extend(l)
			return
		}
		if !isSection && !isFacts {
			return
		}
		p.furniture = false
	}
	if (p.field == nil || len(p.field.Values) > 0) && p.sec == nil && p.s.Title != "" &&
		(k == p.keyOfTitle() || isTitleErasmusProject(k, p.keyOfTitle()) || mayBeFurniture(t) && furnitureLine.MatchString(t)) {
		return // a date, a counter, the title again, "General information for ..."
	}
	if layout, ok := factsHeaders[k]; ok {
		p.closeSection()
		p.field = nil
		p.inFacts = true
		if p.s.Layout == "" {
			p.s.Layout = layout
		}
		return
	}
	if name, ok := sections[k]; ok && len(t) < 60 && !strings.Contains(t, ". ") {
		// "Summary:" with an inline value is a label, not a heading.
		if !strings.Contains(strings.TrimSuffix(t, ":"), ":") {
			p.openSection(name, t)
			return
		}
	}
	if key, label, value, ok := matchLabel(t); ok {
		p.closeSection()
		p.inFacts = true
		p.s.Fields = append(p.s.Fields, Field{Key: key, Label: label, Start: l.start, End: l.end})
		p.field = &p.s.Fields[len(p.s.Fields)-1]
		if value != "" {
			p.addValue(value, l.end)
		}
		return
	}
	if p.sec != nil {
		p.extend(l)
		return
	}
	if p.field != nil || p.inFacts {
		if isProse(t) && (p.blank || p.field == nil || len(p.field.Values) > 0 || len(t) > 200) {
			// Prose after the facts with no heading: the description.
			name := SectionDescription
			if p.s.Section(SectionDescription) != "" {
				name = SectionResults
			}
			p.openSection(name, "")
			p.extend(l)
			return
		}
		if label, value, ok := unknownLabel(t); ok && p.inFacts {
			p.s.Fields = append(p.s.Fields, Field{Label: label, Start: l.start, End: l.end})
			p.field = &p.s.Fields[len(p.s.Fields)-1]
			if value != "" {
				p.addValue(value, l.end)
			}
			p.s.Warnings = append(p.s.Warnings, fmt.Sprintf("unknown label %q: its value is kept but not used", label))
			return
		}
		if p.field != nil {
			p.addValue(t, l.end)
			return
		}
	}
	p.prose = append(p.prose, l)
}

// matchLabel recognises "Label:", "Label: value" and, for bare labels,
// "Label" alone.
func matchLabel(t string) (key, label, value string, ok bool) {
	if i := strings.IndexByte(t, ':'); i > 0 && i < 60 {
		label = strings.TrimSpace(t[:i])
		if key, ok := labels[nameKey(label)]; ok {
			return key, label, strings.TrimSpace(t[i+1:]), true
		}
	}
	if len(t) > 60 {
		return "", "", "", false // labels are short
	}
	k := nameKey(t)
	if bareLabels[k] || (strings.HasSuffix(t, ":") && labels[k] != "") {
		return labels[k], strings.TrimSuffix(t, ":"), "", true
	}
	return "", "", "", false
}

// unknownLabel recognises a label we do not know, inside the facts block: a
// short capitalised phrase and a colon, alone or before a value.
func unknownLabel(t string) (label, value string, ok bool) {
	i := strings.IndexByte(t, ':')
	if i <= 0 || i > 50 || !isCapitalised(t) {
		return "", "", false
	}
	label, value = strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:])
	if len(strings.Fields(label)) > 6 || strings.ContainsAny(label, ".;,()") {
		return "", "", false
	}
	return label, value, true
}

// isProse: a sentence or paragraph rather than a value.
func isProse(t string) bool {
	words := len(strings.Fields(t))
	return len(t) > 160 || (words >= 8 && strings.ContainsAny(t[len(t)-1:], ".!?"))
}

// replaceIfAny is re.ReplaceAllString(s, repl), and s itself when re does
// not match it: ReplaceAllString copies s even then, and a value that stays
// a piece of its sheet's text is no object of its own.
func replaceIfAny(re *regexp.Regexp, s, repl string) string {
	if re.FindStringIndex(s) == nil {
		return s
	}
	return re.ReplaceAllString(s, repl)
}

func (p *parser) addValue(v string, end int) {
	f := p.field
	f.End = end
	v = strings.TrimSpace(replaceIfAny(valueBoilerplate, v, ""))
	if v == "" {
		return
	}
	if listKeys[f.Key] {
		f.Values = append(f.Values, splitList(f.Key, v)...)
		return
	}
	f.Values = append(f.Values, strings.TrimRight(v, ",; "))
}

// splitList splits one value line of a list field. Partner lists hold one
// organisation a line; other lists may put several items on a line,
// separated by commas or semicolons.
func splitList(key, v string) []string {
	sep := func(r rune) bool { return r == ';' || r == '|' }
	switch key {
	case keyDonorPartners, keyOtherPartners, keyPartners:
		// One organisation a line: names have commas. Several on one
		// line are told apart by their country markers: "KRUS (NO), ATV (NO)".
		v = replaceIfAny(partnersOnOneLine, v, ")|")
	case keyTargetGroups, keyProgrammeAreas, keyInitiativeTypes:
		// One item a line, with a comma after it ("Victims of violence,"):
		// an item's own commas stay ("Prisoners, ex-prisoners and their
		// families", "Correctional services, including non-custodial
		// sanctions"). Only a line of capitalised items is a list.
		if !shortItems(v) {
			break
		}
		sep = func(r rune) bool { return r == ';' || r == ',' || r == '|' }
	default:
		sep = func(r rune) bool { return r == ';' || r == ',' || r == '|' }
	}
	var out []string
	for _, part := range strings.FieldsFunc(v, sep) {
		part = strings.TrimSpace(strings.TrimRight(strings.TrimLeft(part, "•-*·– "), ",; "))
		if part != "" {
			out = append(out, strings.TrimSpace(part))
		}
	}
	return out
}

// partnersOnOneLine: the comma after a country marker or acronym in
// parentheses separates two organisations.
var partnersOnOneLine = regexp.MustCompile(`\)\s*,\s*`)

// shortItems: a line of several capitalised items ("Prisoners, Prison
// staff, Probation officers"), not one group whose name has commas.
func shortItems(v string) bool {
	parts := strings.Split(strings.TrimRight(v, ", "), ",")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || !isCapitalised(p) || strings.Contains(strings.ToLower(p), " and ") {
			return false
		}
	}
	return true
}

func (p *parser) openSection(name, heading string) {
	p.closeSection()
	p.field = nil
	p.sec = &Section{Name: name, Heading: heading, Start: -1}
}

func (p *parser) extend(l line) {
	if p.sec.Start < 0 {
		p.sec.Start = l.start
	}
	p.sec.End = l.end
}

func (p *parser) closeSection() {
	if p.sec == nil {
		return
	}
	sec := *p.sec
	p.sec = nil
	if sec.Start < 0 {
		return // a heading with nothing under it
	}
	sec.Text = p.s.Text[sec.Start:sec.End]
	p.s.Sections = append(p.s.Sections, sec)
}

// siteSuffix is a web page title's site name: "... - EEA Grants",
// "... | Erasmus+ Project Results".
var siteSuffix = regexp.MustCompile(`(?i)\s+[|–—-]\s+(eea (and|&) norway grants|eea grants|norway grants|erasmus\+?( project results( platform)?)?|european commission)\s*$`)

// finish decides the layout and turns leading prose into the description.
func (p *parser) finish() {
	s := p.s
	s.Title = replaceIfAny(siteSuffix, s.Title, "")
	if len(p.prose) > 0 {
		start, end := p.prose[0].start, p.prose[len(p.prose)-1].end
		sec := Section{Name: SectionDescription, Start: start, End: end, Text: s.Text[start:end]}
		s.Sections = append([]Section{sec}, s.Sections...)
	}
	if s.Layout == "" {
		switch {
		case s.Get(keyKeyAction) != nil || s.Get(keyCallYear) != nil || s.Get(keyActionType) != nil || s.Get(keyTitle) != nil:
			s.Layout = LayoutErasmusListing
		case erasmusCode.MatchString(s.Value(keyCode)):
			s.Layout = LayoutErasmus
		case strings.Contains(strings.ToUpper(s.Value(keyCode)), "-BI"):
			s.Layout = LayoutBilateral
		default:
			s.Layout = LayoutEEA
		}
	}
	if s.Layout == LayoutErasmusListing {
		if t := s.Value(keyTitle); t != "" {
			if s.Title != "" && s.Title != t && len(p.prose) == 0 {
				// The first line was a heading of the page, not the title.
				s.Warnings = append(s.Warnings, fmt.Sprintf("first line %q is not the project title", s.Title))
			}
			s.Title = t
		}
	}
	if s.Layout == LayoutEEA || s.Layout == LayoutBilateral {
		if _, ok := s.FieldOf(keyCode); !ok {
			s.Warnings = append(s.Warnings, "no project number label")
		}
	}
}
