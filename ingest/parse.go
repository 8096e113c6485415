// Package ingest turns project sheets into graph records: Parse reads a
// sheet's layout (facts, labels, sections), Extract finds the project, its
// organisations, programmes and outcomes, and Build resolves the
// organisations of a whole corpus into one node per real organisation.
// Everything here is pure: text in, records out.
package ingest

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest/entity"
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
	SectionSite        = "site" // the site's name above a page
)

// Sheet is a parsed project sheet: its fields and its prose sections.
type Sheet struct {
	Name     string
	Text     string // the document as given
	Layout   string
	Title    string
	Site     string // the site's name, when the first line gives it rather than the title
	Fields   []Field
	Loose    []Value // lines of a facts block under no label
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

// Value is a line of a facts block that stands under no label; its type
// (typeOf) says what it is.
type Value struct {
	Text       string
	Start, End int
}

// Value returns the field's values joined by spaces.
func (f Field) Value() string { return strings.Join(f.Values, " ") }

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
	keyGrantRate       = "grantRate"
	keyCoFinancing     = "coFinancing"
	keyPeriod          = "period" // "01.03.2019 - 28.02.2021": start and end
	keyAcronym         = "acronym"
	keyIgnored         = "ignored"   // a label we know and do not use: "Programme operator", "Contact"
	keyAddress         = "address"   // where the organisation named above it is: "Ostrava, Czech Republic"
	keyMentioned       = "mentioned" // organisations a page names beside the partners: "Associated organisations"
)

// explanation: a sentence of five words or more with small letters,
// ending in a full stop, or any question: no field's value.
func explanation(v string) bool {
	if strings.HasSuffix(v, "?") {
		return true
	}
	if !strings.HasSuffix(v, ".") || strings.HasSuffix(v, "o.p.s.") || strings.Count(v, " ") < 4 || isOrgName(strings.TrimSuffix(v, ".")) {
		return false
	}
	if hasDigit(v) {
		// Dates whose words are small ("2024 m. sausio 1 d. – 2025 m.
		// gruodžio 31 d.") and amounts with their words ("450 000 Eur,
		// iš jų ...") are values.
		switch typeOf(v) {
		case typeDate, typePeriod, typeMoney:
			return false
		}
	}
	lower := 0 // words in small letters ("1. 12. 2023. – 30. 11. 2026." has none)
	for w := range strings.FieldsSeq(v) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			lower++
		}
	}
	return lower >= 3
}

// orgKeys are the fields whose values are organisations.
var orgKeys = map[string]bool{keyPromoter: true, keyDonorPartners: true, keyOtherPartners: true, keyPartners: true, keyMentioned: true}

// address reads a line of places, with the tags a listing may set after
// them ("Ljubljana, Slovenia · ERDF", "Beograd, Serbia · IPA III": the
// fund that pays the partner): the places without the tags.
func address(v string) (string, bool) {
	parts := strings.Split(v, " · ")
	for _, tag := range parts[1:] {
		if len(strings.Fields(tag)) > 3 || strings.ToUpper(tag) != tag {
			return "", false
		}
	}
	if !isAddress(parts[0]) {
		return "", false
	}
	return parts[0], true
}

// isAddress: a line of places, maybe ending in a country ("Warszawa,
// Mazowieckie", "Timisoara, Vest, Romania", "Poland"): short capitalised
// parts with no head noun and no small word.
func isAddress(v string) bool {
	if typeOf(v) == typeCountry {
		return true
	}
	// "Rosenheim (DE)": a town and its country's code
	if rest, _, ok := countrySuffix(v); ok && rest != "" && len(strings.Fields(rest)) == 1 && isCapitalised(rest) && !entity.HasHead(rest) && !isAcronym(rest) {
		return true
	}
	parts := strings.Split(v, ",")
	if len(parts) < 2 {
		return false
	}
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if part == "" || entity.HasHead(part) || entity.IsAcronym(part) {
			return false
		}
		ws := strings.Fields(part)
		if len(ws) > 3 {
			return false
		}
		for _, w := range ws {
			if !isCapitalised(w) && !strings.ContainsAny(w[:1], "0123456789") {
				return false
			}
		}
	}
	return true
}

// listKeys are the fields whose values are lists.
var listKeys = map[string]bool{
	keyTargetGroups: true, keyProgrammeAreas: true, keyDonorPartners: true,
	keyOtherPartners: true, keyPartners: true, keyInitiativeTypes: true, keyTopics: true, keyMentioned: true,
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

// factsHeading: the line is a short heading (four words at most, no
// colon) whose words say the project's facts follow, in the pages'
// languages (factsHeadingWords, folded).
func factsHeading(t string) bool {
	if len(t) > 60 || strings.ContainsAny(t, ":.") {
		return false
	}
	first, _, _ := strings.Cut(t, " ")
	ff := partnergraph.Fold(first)
	if !factsHeadingFirst[ff] && !hasPrefixAny(ff, factsHeadingOneWord) || len(strings.Fields(t)) > 4 {
		return false // (the first word tells most lines apart cheaply)
	}
	f := partnergraph.Fold(t)
	for _, w := range factsHeadingWords {
		if strings.HasPrefix(f, w) {
			return true
		}
	}
	return false
}

// factsHeadingFirst are the first words of factsHeadingWords, and of the
// one-word ones their whole (the words are folded; a one-word heading
// may end in a case ending: "kulcsinformaciok").
var factsHeadingFirst, factsHeadingOneWord = func() (map[string]bool, []string) {
	m := map[string]bool{}
	var one []string
	for _, w := range factsHeadingWords {
		first, _, two := strings.Cut(w, " ")
		m[first] = true
		if !two {
			one = append(one, w)
		}
	}
	return m, one
}()

// factsHeadingWords begin the headings of facts blocks: key information,
// key facts, basic data, project data, details, at a glance.
var factsHeadingWords = func() []string {
	var out []string
	for _, w := range []string{"key information", "key facts", "project facts", "project details", "project data", "basic data",
		"at a glance", "kulcsinformaci", "alapadatok", "projektadatok", "zakladne udaje", "základné údaje", "zakladni udaje",
		"základní údaje", "osnovni podaci", "osnovni podatki", "podatki o projektu", "projektdaten", "eckdaten", "steckbrief",
		"dati del progetto", "scheda del progetto", "datos del proyecto", "ficha del proyecto", "dados do projeto", "ficha do projeto",
		"donnees du projet", "fiche projet", "fiche du projet", "informacje o projekcie", "dane projektu", "podstawowe informacje",
		"fakta om projektet", "prosjektfakta", "nokkelinformasjon", "projektfakta", "projekta dati", "pagrindiniai duomenys",
		"projekti andmed", "основни данни", "данни за проекта", "βασικά στοιχεία", "στοιχεία έργου", "date despre proiect",
		"informatii despre proiect", "projectgegevens", "kerngegevens", "hankkeen tiedot", "perustiedot"} {
		out = append(out, partnergraph.Fold(w))
	}
	return out
}()

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
		"you may also like": true, "similar projects": true, "other projects": true, "more projects": true,
		"latest news": true, "follow us": true, "newsletter": true, "related content": true, "read also": true,
	}
	furnitureLine = regexp.MustCompile(`(?i)^(general information for (the )?.*|read more.*|back to (top|overview|the list)|print( this page)?|share( on .*)?|` +
		`(january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}, \d{4}( \d{1,2}:\d{2}( ?[ap]m)?)?|\d{1,3})$`)
	// Listing pages write their values in a sentence: "This project related
	// with these key action: Cooperation ...", "This project’s Call Year is
	// 2019".
	// Also "Key action of this project: ...", "The call year of this
	// project is 2018", "EU funding for this project: ...".
	valueBoilerplate = regexp.MustCompile(`(?i)^(?:this project(?:['’]s)?\s[^:]{0,70}?|(?:the )?[\p{L} ]{2,40}? (?:of|for) (?:this|the) project)(?:\s:|:|\sis\s)\s*`)
)

// mentionsProject: valueBoilerplate can match only where "project" is,
// in any case; most values do not say it.
func mentionsProject(v string) bool {
	i := strings.Index(v, "roject")
	return i > 0 || strings.Contains(v, "ROJECT")
}

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
	lines := splitLines(text)
	panel := panelLabels(lines)
	for i := range labelLines(lines) {
		if panel == nil {
			panel = map[int]bool{}
		}
		panel[i] = true
	}
	for i := range pairLabels(lines) {
		if panel == nil {
			panel = map[int]bool{}
		}
		panel[i] = true
	}
	roster := rosterTables(lines)
	alignCol := 0 // the column of a two-column layout's values, once a known label shows it
	running := runningLines(lines)
	for i, l := range lines {
		if l.text == "" {
			alignCol = 0
		}
		if running[i] {
			continue
		}
		if t, ok := roster[i]; ok {
			if t == "" {
				continue // a roster's header row
			}
			l.text = t
		} else if t, col, ok := alignedLabel(l.text, alignCol); ok {
			l.text = t
			alignCol = col
		} else if panel[i] && !p.furniture && !p.disclaimer && p.panelLabel(lines, i) {
			p.blank = false
			continue
		} else if !p.furniture && !p.disclaimer && p.questionLabel(lines, i) {
			p.blank = false
			continue
		} else if stackedShape(lines, i) && !p.furniture && !p.disclaimer {
			// Read as the label it is, its value on the next line.
			if p.stackedLabel(lines, i) {
				p.blank = false
				continue
			}
		}
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
	// bulleted is the number of fields when the last field's values came
	// with bullets: such a list ends at a line without one.
	bulleted int
	// twoLanguages is 1 + the index of the field a label in two languages
	// opened ("Název mikroprojektu / Tytuł mikroprojektu:"); 0 when none.
	twoLanguages int
	furniture    bool // inside page furniture (after "More information")
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
	header               []lineField // a table's header row, waiting for its values
	// navigates: the line after the first is a menu or a breadcrumb, which
	// a site's header has under the site's name and a title does not.
	navigates, secondSeen bool
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

// isMenu: a line of a page's navigation: three or more short items
// ("Home | About | Partners | Contact", "Home > Projects > Details"), or
// two after a site's name ("Norway Grants 2014-2021 › Home Affairs ›
// Projects"), separated by bars, arrows or breadcrumb marks.
func isMenu(t string) bool {
	if len(t) > 200 || !strings.ContainsAny(t, "|>›»/") {
		return false
	}
	for _, sep := range []string{" | ", " > ", " › ", " » ", " / "} {
		parts := strings.Split(t, sep)
		if len(parts) < 3 {
			continue
		}
		short := 0
		for _, p := range parts {
			if n := len(strings.Fields(p)); n >= 1 && n <= 5 && !strings.HasSuffix(strings.TrimSpace(p), ".") {
				short++
			}
		}
		if short == len(parts) {
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
	if b, ok := bilingualLabel(l.text); ok {
		l.text = b // "Žadatel / Wnioskodawca:" reads as "Wnioskodawca:"
		defer func() { p.twoLanguages = len(p.s.Fields) }()
	} else if label, value, ok := dashLabel(l.text); ok && p.s.Title != "" && (p.field == nil || len(p.field.Values) > 0) {
		// (A label alone above waits for its value: "Chef de file" /
		// "Région Sud – France" is the promoter and its country.)
		// "Номер на договора – BG-JUSTICE-0528" reads as "Номер на
		// договора: ...", wherever it stands (a section of prose above it
		// or not).
		l.text = label + ": " + value
		if labels[labelKey(label)] == "" && p.stemLabel(label, value, "", l) {
			p.blank = false
			return
		}
	}
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
		if skipLink(t) || cookieNotice(t) && strings.Count(t, " ") > 3 {
			return // "Skip to content": a link for screen readers, no title; a cookie banner
		}
		if viewInBrowser(t) || salutation(t) {
			return // an e-mail's "Open it in your browser"; a speech's "Dear Ambassador,"
		}
		if key, _, _, ok := matchLabel(t); !ok || key != keyTitle {
			p.s.Title = t
			return
		}
	} else if !p.secondSeen {
		p.secondSeen = true
		p.navigates = isMenu(t) || breadcrumb(t)
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
		if (p.furnitureHeading == "more information" || p.mainTextUnseen()) && !isSection && !isFacts && isProse(t) {
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
		(k == p.keyOfTitle() || isTitleErasmusProject(k, p.keyOfTitle()) || mayBeFurniture(t) && furnitureLine.MatchString(t) || isMenu(t)) {
		return // a date, a counter, the title again, "General information for ...", a menu
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
	if factsHeading(t) {
		// "Kulcsinformációk", "Základné údaje", "Key facts": a heading that
		// says the facts follow opens the facts block.
		p.closeSection()
		p.field = nil
		p.inFacts = true
		return
	}
	if h, ok := numberedHeading(t); ok && p.blank {
		// "1. Contexte", "4. Erwartete Ergebnisse": a fact sheet's numbered
		// heading ends its facts block and opens a section of prose.
		name := sections[nameKey(h)]
		if name == "" {
			name = SectionDescription
		}
		p.inFacts = false
		p.openSection(name, t)
		return
	}
	if name, ok := sections[k]; ok && len(t) < 60 && !strings.Contains(t, ". ") {
		// "Summary:" with an inline value is a label, not a heading.
		if !strings.Contains(strings.TrimSuffix(t, ":"), ":") {
			p.openSection(name, t)
			return
		}
	}
	if p.field != nil && len(p.field.Values) == 0 && p.sec == nil {
		// "Key action of this project: ..." under "Project Key Action": the
		// label's value in a sentence.
		if mentionsProject(t) {
			if loc := valueBoilerplate.FindStringIndex(t); loc != nil && loc[1] < len(t) {
				p.addValue(t[loc[1]:], l.end)
				return
			}
		}
	}
	if p.header != nil {
		header := p.header
		p.header = nil
		if p.tableRow(header, l) {
			return
		}
	}
	if header, ok := tabHeader(t); ok {
		p.closeSection()
		p.field = nil
		p.inFacts = true
		p.header = header
		return
	}
	if p.sec == nil && p.field == nil && spacedMenu(t) {
		return // "Program   Projektek   Pályázatok   Hírek": a menu, no label
	}
	if p.codeAlone(l) {
		return
	}
	if p.labelLine(l) {
		return
	}
	if (p.sec != nil || !p.inFacts) && strings.HasSuffix(t, ":") && len(t) <= 60 && len(strings.Fields(t)) <= 4 && isCapitalised(t) {
		// "Целеви групи:" among paragraphs: a label the stems know, its
		// values on the lines below, ends the section of prose.
		label := strings.TrimSuffix(t, ":")
		if key := labelByStem(label); key != "" && key != keyIgnored && listKeys[key] && p.stemLabel(label, "", "", l) {
			return
		}
	}
	if strings.HasSuffix(t, ":") && len(t) <= 200 && p.field == nil && p.organisationsListed(l) {
		// "Projekt provodi konzorcij od pet partnera iz četiri zemlje:"
		// above a numbered list of names: a sentence that says partners
		// follow is their label.
		label := strings.TrimSuffix(t, ":")
		if key := labelByStem(label); orgKeys[key] && listKeys[key] && p.stemLabel(label, "", "", l) {
			return
		}
	}
	if p.sec != nil {
		if p.typedLabelInProse(l) {
			return
		}
		p.extend(l)
		return
	}
	if p.field != nil || p.inFacts {
		if label, value, ok := unknownLabel(t); ok && hasDigit(value) && isProse(t) {
			// "Trajanje projekta: 1. 12. 2023. – 30. 11. 2026.": the dots
			// of dates make a label's line look like a sentence; a label
			// whose stems name a field with values of a form of their own,
			// before a value of that form, is a label still.
			if typedStem(label, value) && p.stemLabel(label, value, "", l) {
				return
			}
		}
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
		label, value, ok := unknownLabel(t)
		if ok && p.field != nil && orgKeys[p.field.Key] && listKeys[p.field.Key] && value != "" {
			// "Norway: University College of Norwegian Correctional
			// Service" in a partner list: a country and its partner.
			if c, isCountry := entity.CountryByName(label); isCountry && c.Name != "" {
				p.addValue(value+" ("+c.Name+")", l.end)
				return
			}
		}
		if ok && (p.field == nil || len(p.field.Values) > 0) && p.stemLabel(label, value, "", l) {
			return
		}
		if ok && p.inFacts && (p.field == nil || len(p.field.Values) > 0) {
			p.unknownField(label, l)
			if value != "" {
				p.addValue(value, l.end)
			}
			return
		}
		if p.field != nil && p.blank && p.field.Key == keyPromoter && len(p.field.Values) > 0 {
			// The promoter is one organisation: after a blank line the
			// next names are no part of it ("Lead partner" / X / its
			// address / blank / Y / its address ...).
			p.field = nil
		}
		if p.field != nil && p.blank && listKeys[p.field.Key] && !orgKeys[p.field.Key] && len(p.field.Values) > 0 && p.bulleted == len(p.s.Fields) && !startsWithBullet(t) {
			// A bulleted list of groups or topics ends at the first line
			// after a blank one that has no bullet ("Очаквани резултати").
			p.field = nil
		}
		if p.field != nil && orgKeys[p.field.Key] && len(p.field.Values) > 0 && p.typedLabel(l) {
			return // "Projektreferens" / "2023-1-SE01-..." after a partner list
		}
		if p.field != nil {
			if startsWithBullet(t) {
				p.bulleted = len(p.s.Fields)
			}
			p.addValue(t, l.end)
			return
		}
		if p.inFacts && !isProse(t) {
			// A facts block that lost its labels: the value is typed later.
			p.s.Loose = append(p.s.Loose, Value{Text: t, Start: l.start, End: l.end})
			return
		}
	}
	if label, value, ok := unknownLabel(t); ok && value != "" && p.stemLabel(label, value, "", l) {
		return // "Wnioskodawca: Fundacja ..." before any known label
	}
	p.prose = append(p.prose, l)
}

// codeAlone reads a line that is nothing but a project number of a form
// the programmes give them ("2023-1-LT01-KA220-ADU-000157731",
// "LT-JUSTICE-0006") as the project's number, when no label gave one: a
// listing writes it under the title without a label.
func (p *parser) codeAlone(l line) bool {
	t := strings.TrimSpace(l.text)
	if len(t) > 40 || p.s.Value(keyCode) != "" || p.field != nil && len(p.field.Values) == 0 {
		return false
	}
	loc := codeInTextRe.FindStringIndex(t)
	if loc == nil || loc[0] != 0 || loc[1] != len(t) || !erasmusCode.MatchString(t) && codeCountry(t) == "" {
		return false
	}
	p.closeSection()
	p.s.Fields = append(p.s.Fields, Field{Key: keyCode, Start: l.start, End: l.end, Values: []string{t}})
	p.field = nil
	p.s.Warnings = append(p.s.Warnings, fmt.Sprintf("project number %s read from a line of its own", t))
	return true
}

// typedLabelInProse reads a short line among paragraphs that is a label
// and a value of the form its field wants ("Durée : 01/01/2024 –
// 30/06/2026", "Budget total : 2 487 650,00 €" below a project's summary):
// a line of facts, which ends the section of prose as any label the stems
// read does. A value of text (a summary, results) is prose still.
func (p *parser) typedLabelInProse(l line) bool {
	label, value, ok := unknownLabel(l.text)
	if !ok || value == "" || p.field != nil || len(strings.Fields(label)) > 6 || strings.Contains(label, ". ") {
		return false
	}
	return typedStem(label, value) && p.stemLabel(label, value, "", l)
}

// typedStem: the label's stems name a field whose values have a form of
// their own (a date, an amount, a code: no text), and the value has it.
func typedStem(label, value string) bool {
	key := labelByStemFor(label, value)
	want, typed := fieldTypes[key]
	return typed && !slices.Contains(want, typeText) && fitsField(key, value)
}

// stemLabel reads a label the lexicon does not know by its words' stems
// (labelByStem), when its value (on its line, or to come) has the type
// the field wants. True when the line was read so.
//
// next is the line below a label that stands alone, whose type chooses
// among the fields the label's stems name.
func (p *parser) stemLabel(label, value, next string, l line) bool {
	key := labelByStemFor(label, cmp.Or(value, next))
	if key == "" || value != "" && !fitsField(key, value) || value == "" && !strings.HasSuffix(l.text, ":") {
		return false
	}
	if value != "" && orgKeys[key] && !namesOrganisations(value) {
		return false // a partner field's value names organisations
	}
	p.closeSection()
	p.inFacts = true
	p.s.Fields = append(p.s.Fields, Field{Key: key, Label: label, Start: l.start, End: l.end})
	p.field = &p.s.Fields[len(p.s.Fields)-1]
	if value != "" {
		p.addValue(value, l.end)
	}
	p.s.Warnings = append(p.s.Warnings, fmt.Sprintf("label %q read as %s by its words", label, key))
	return true
}

// labelLine reads a line that holds labels (labelsIn, readLabelLine): each
// label starts a field with the value after it; a value before the first
// label goes to the field above; a header row waits for its values on the
// next line. False when the line holds no label.
func (p *parser) labelLine(l line) bool {
	t := l.text
	var ll labelLine
	var ok bool
	if f, found := qualifiedLabel(t); found {
		ll, ok = labelLine{fields: []lineField{f}}, true
	} else if len(t) <= 300 && !isProse(t) || len(t) <= 2000 && strings.Count(t, ":") >= 3 && !strings.Contains(t, ". ") {
		// (A line of many labels and their values glued together, as a
		// PDF's text gives them, is long and still no prose.)
		if !mayHoldLabel(t) {
			return false
		}
		ll, ok = readLabelLine(t, labelsIn(t), p.inFacts, p.field != nil && listKeys[p.field.Key])
		if strings.Count(t, ":") >= 3 {
			if glued, gok := gluedLabels(t); gok && (!ok || len(glued.fields) > len(ll.fields)) {
				ll, ok = glued, true
			}
		}
	} else if key, label, value, found := matchLabel(t); found {
		ll, ok = labelLine{fields: []lineField{{key: key, label: label, value: value}}}, true
	}
	if !ok {
		return false
	}
	p.closeSection()
	if ll.header {
		p.field = nil
		p.inFacts = true
		p.header = ll.fields
		return true
	}
	if len(ll.fields) == 1 && ll.fields[0].bare && ll.lead == "" && p.lastLoose(l) {
		// "EUR 3.46 million" / "Total budget": a page that writes the value
		// above its label; only a typed value is read so.
		v := p.s.Loose[len(p.s.Loose)-1]
		if _, typed := fieldTypes[ll.fields[0].key]; typed && fitsField(ll.fields[0].key, v.Text) {
			p.s.Loose = p.s.Loose[:len(p.s.Loose)-1]
			p.s.Fields = append(p.s.Fields, Field{Key: ll.fields[0].key, Label: ll.fields[0].label, Values: []string{v.Text}, Start: v.Start, End: l.end})
			p.field = nil
			p.inFacts = true
			p.closeSection()
			return true
		}
	}
	if ll.lead != "" {
		if p.field != nil && (len(p.field.Values) == 0 || listKeys[p.field.Key]) {
			p.addValue(ll.lead, l.start+len(ll.lead))
		} else {
			p.s.Loose = append(p.s.Loose, Value{Text: ll.lead, Start: l.start, End: l.start + len(ll.lead)})
		}
	}
	p.inFacts = true
	for _, f := range ll.fields {
		p.s.Fields = append(p.s.Fields, Field{Key: f.key, Label: f.label, Start: l.start, End: l.end})
		p.field = &p.s.Fields[len(p.s.Fields)-1]
		if f.value != "" {
			p.addValue(f.value, l.end)
		}
	}
	return true
}

// qualifiedLabel reads a known label with a word or two after it before
// its colon, which say which of its kind it lists: "Projekta partneri
// Latvijā:" (the project's partners in Latvia), "Partners in Norway:".
// The words are the label's, not its value's.
func qualifiedLabel(t string) (lineField, bool) {
	i := strings.IndexByte(t, ':')
	if i <= 0 || i >= 60 || i+1 >= len(t) || startsWithBullet(t) {
		return lineField{}, false // (an item of a list is no label)
	}
	label := strings.TrimSpace(t[:i])
	if labels[labelKey(label)] != "" {
		return lineField{}, false // the lexicon reads it whole
	}
	words := strings.Fields(label)
	// "Donorvalsts projekta partneri:": a word before a known label that
	// says whose; the words' stems say which field ("donor").
	for n := len(words) - 1; n >= 2 && n >= len(words)-2; n-- {
		if labels[labelKey(strings.Join(words[len(words)-n:], " "))] == "" {
			continue
		}
		value := strings.TrimSpace(t[i+1:])
		if key := labelByStemFor(label, value); key != "" && key != keyIgnored && fitsField(key, value) && (!orgKeys[key] || namesOrganisations(value)) {
			return lineField{key: key, label: label, value: value}, true
		}
	}
	for n := len(words) - 1; n >= 1 && n >= len(words)-2; n-- {
		if key := labels[labelKey(strings.Join(words[:n], " "))]; key != "" && n >= 2 {
			value := strings.TrimSpace(t[i+1:])
			if !fitsField(key, value) || key == keyCallYear && !hasDigit(value) {
				return lineField{}, false // "Call for presentations: CEP Conference ..."
			}
			return lineField{key: key, label: label, value: value}, true
		}
	}
	return lineField{}, false
}

// tabHeader reads a table's header row whose cells are separated by tabs:
// every cell begins with a label ("Partners in the Czech Republic",
// "Total eligible cost (CZK)").
func tabHeader(t string) ([]lineField, bool) {
	if !strings.Contains(t, "\t") || strings.Contains(t, ":") {
		return nil, false
	}
	var out []lineField
	known := 0
	for _, cell := range strings.Split(t, "\t") {
		if cell = strings.TrimSpace(cell); cell == "" {
			continue
		}
		hits := labelsIn(cell)
		switch {
		case len(hits) > 0 && strings.TrimSpace(cell[:hits[0].start]) == "" && len(labelWords(cell)) <= len(labelWords(hits[0].label))+4:
			out = append(out, lineField{key: hits[0].key, label: cell})
			known++
		case len(strings.Fields(cell)) <= 4 && isCapitalised(cell) && !strings.ContainsAny(cell, ".;!?"):
			// A label the lexicon does not know: read by its words'
			// stems ("Številka pogodbe", "Vrednost (EUR)"), or kept as
			// an unknown label; its value must then have the field's
			// type (tableRow).
			key := labelByStem(cell)
			if key == keyIgnored {
				key = ""
			}
			if key != "" {
				known++
			}
			out = append(out, lineField{key: key, label: cell, stem: true})
		default:
			return nil, false
		}
	}
	return out, len(out) >= 2 && known >= 2 && 2*known >= len(out)
}

// lastLoose: the last loose value is the line right before l.
func (p *parser) lastLoose(l line) bool {
	if len(p.s.Loose) == 0 {
		return false
	}
	v := p.s.Loose[len(p.s.Loose)-1]
	return strings.TrimSpace(p.s.Text[v.End:l.start]) == ""
}

// tableRow reads the row of values under a header row of labels.
func (p *parser) tableRow(header []lineField, l line) bool {
	values := splitRow(l.text, len(header))
	if values == nil {
		return false
	}
	for i, h := range header {
		key := h.key
		if h.stem && key != "" && !fitsField(key, values[i]) {
			key = "" // a label read by its stems whose value is not of the field's type
		}
		p.s.Fields = append(p.s.Fields, Field{Key: key, Label: h.label, Start: l.start, End: l.end})
		p.field = &p.s.Fields[len(p.s.Fields)-1]
		p.addValue(values[i], l.end)
	}
	return true
}

var (
	domainName = regexp.MustCompile(`^[\w-]+(\.[\w-]+)*\.[a-z]{2,4}$`)
	// siteWords name the sites of the grants and the EU programmes;
	// sponsorWords a line about who pays, no title either.
	siteWords    = regexp.MustCompile(`(?i)\b(grants|interreg|erasmus\+?|projektatlas|epale)\b`)
	sponsorWords = regexp.MustCompile(`(?i)\b(funded|financed|programme|program)\b`)
	numbered     = regexp.MustCompile(`^\d{1,2}\.\s+`)
	quotedName   = regexp.MustCompile(`[«“"]([^»”"]{4,160})[»”"]`)
	sectionEnd   = map[string]bool{"projects": true, "partners": true, "news": true, "results": true, "events": true, "library": true,
		"contact": true, "about": true, "home": true, "team": true, "programme": true, "programmes": true}
)

// siteName: the line is the name of the site rather than of the project:
// an address ("kriminalomsorgen.no"), an organisation's or a programme's
// name ("Sotsiaalministeerium", "Interreg Europe", "EEA Grants Portugal").
func siteName(t string) bool {
	if !strings.ContainsAny(t, ".·") && !mayNameSite(t) {
		return false // most first lines are titles: the cheap test first
	}
	if domainName.MatchString(t) || strings.Contains(t, " · ") {
		return true // an address, or a site's name and its motto
	}
	if strings.ContainsAny(t, ".!?:–—") {
		return false // "EXIT-ED – Educators against ...": a project's title
	}
	words := len(strings.Fields(t))
	return words <= 8 && siteWords.MatchString(t) || words <= 4 && entity.HasHead(t) && typeOf(t) == typeOrg
}

// mayNameSite: the line has a site word, or is short enough to be an
// organisation's name (siteName reads it then).
func mayNameSite(t string) bool {
	if strings.Count(t, " ") < 4 {
		return true
	}
	lower := strings.ToLower(t)
	for _, w := range []string{"grants", "interreg", "erasmus", "projektatlas", "epale"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// titleBelowSiteName: a page whose first line is its site's name (siteName
// says so, or a menu or breadcrumb follows it) has its project's title in
// a heading below it, before the facts: the first line
// there that is no menu, label, place, date, organisation, sentence or
// section heading; a quoted name in it is the title ("Proyecto KA122-ADU
// «Aprender dentro, salir preparados»"), a number before it is dropped
// ("1. Safe Home, ...").
func (p *parser) titleBelowSiteName() {
	s := p.s
	byName := siteName(strings.TrimSpace(s.Title))
	navEnd := p.navigationEnd()
	if !byName && !p.navigates && (navEnd <= strings.Index(s.Text, s.Title)+len(s.Title) || len(strings.Fields(s.Title)) > 4) {
		// (a short first line above the page's navigation is the
		// site's: "NKVTS" / its name in full / a menu; a long one is the
		// page's own title, as a browser shows it)
		return
	}
	if t := s.Value(keyTitle); t != "" {
		// "Prosjekt: Ny start for unge innsatte i Kaunas"
		s.Warnings = append(s.Warnings, fmt.Sprintf("first line %q is not the project title (it names the site): the title is %q", s.Title, t))
		s.Site, s.Title = s.Title, t
		return
	}
	// The page's head ends with its navigation: a title stands below the
	// last menu or breadcrumb ("Home > EU Funded Projects > Erasmus+"),
	// not among the site's names above it; a page without one is read
	// from the top.
	if !p.titleFrom(navEnd, byName) && navEnd > 0 {
		p.titleFrom(0, byName)
	}
}

// navigationEnd is the end of the last menu or breadcrumb line in the head
// of the page (before its facts, its sections and its first paragraph);
// 0 when there is none.
func (p *parser) navigationEnd() int {
	s := p.s
	end := min(len(s.Text), 2000)
	for _, f := range s.Fields {
		end = min(end, f.Start)
	}
	nav := 0
	for _, l := range splitLinesAt(s.Text, 0, end) {
		if cookieNotice(l.text) {
			continue // a banner above the navigation, not the page's first paragraph
		}
		if isProse(l.text) {
			break
		}
		if isMenu(l.text) || breadcrumb(l.text) || spacedMenu(l.text) {
			nav = l.end
		}
	}
	return nav
}

// cookieNotice: the line asks for the reader's consent to cookies, in any
// of the pages' languages (they all borrow the word).
func cookieNotice(t string) bool {
	if len(t) >= 400 {
		return false
	}
	f := strings.ToLower(t)
	for _, w := range cookieWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// cookieWords name cookies in the pages' languages, lower case.
var cookieWords = []string{"cookie", "kolačić", "piškotk", "sīkdat", "slapuk", "sütik", "süti ", "küpsis", "evästei", "kakor", "informasjonskaps",
	"ciasteczk", "бисквитк", "μπισκότ"}

// dateline: the line is a place and a date, as a press release opens
// ("Αθήνα, 14 Φεβρουαρίου 2023", "Oslo, 3. mars 2024").
func dateline(t string) bool {
	i := strings.LastIndexByte(t, ',')
	if i <= 0 || len(strings.Fields(t[:i])) > 3 {
		return false
	}
	return isDate(strings.TrimSpace(t[i+1:]))
}

// pageKindHeading: the line names the kind of page, not its subject ("Press
// release", "ΔΕΛΤΙΟ ΤΥΠΟΥ", "Pressemitteilung", "Komunikat prasowy").
func pageKindHeading(t string) bool {
	if len(strings.Fields(t)) > 3 {
		return false
	}
	f := greekTonos.Replace(partnergraph.Fold(t))
	for _, w := range pageKinds {
		if f == w || strings.HasPrefix(f, w+" ") {
			return true
		}
	}
	return false
}

var (
	pageKinds = []string{"press release", "news release", "media release", "pressemelding", "pressemeddelelse", "pressmeddelande",
		"pressemitteilung", "medieninformation", "presseaussendung", "communique de presse", "comunicato stampa", "nota de prensa",
		"comunicado de imprensa", "comunicat de presa", "komunikat prasowy", "tiskova zprava", "tlacova sprava", "sajtokozlemeny",
		"pranesimas spaudai", "pazinojums presei", "pressiteade", "tiedote", "lehdistotiedote", "priopcenje za medije",
		"sporocilo za javnost", "δελτιο τυπου", "ανακοινωθεν τυπου", "ανακοινωση", "прессъобщение", "съобщение за медиите"}
)

// spacedMenu: the line is a site's menu or language switch set with runs
// of spaces ("Home   About   Partners   Results   News", "EN  NL  PL  PT"):
// four items or more of one to four words each, none a number, a label or
// the end of a sentence; or two language codes or more.
func spacedMenu(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) > 250 {
		return false
	}
	if len(t) <= 40 && languageSwitch(t) {
		return true
	}
	if !strings.Contains(t, "  ") {
		return false // (most lines: no run of spaces)
	}
	items := menuGaps.Split(t, -1)
	if len(items) < 4 {
		return false
	}
	for _, it := range items {
		n := len(strings.Fields(it))
		if languageSwitch(it) {
			continue // "Contact        EN | ES | HU": the language switch at its end
		}
		if n == 0 || n > 4 || hasDigit(it) || strings.HasSuffix(it, ":") || strings.HasSuffix(it, ".") {
			return false
		}
	}
	return true
}

var menuGaps = regexp.MustCompile(`\s{2,}`)

// languageSwitch: the line is two language codes or more ("LV | EN",
// "EN  NL  PL  PT  IT  FI", "DE | HU | EN").
func languageSwitch(t string) bool {
	if len(t) < 5 || t[2] != ' ' && t[2] != '|' && t[2] != '/' {
		return false // ("EN | ES", "LV | EN": a code first)
	}
	n := 0
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '|' || r == '/' || r == '·' }) {
		if len(w) != 2 || !isUpper(w) {
			return false
		}
		n++
	}
	return n >= 2
}

// titleFrom takes the title from the lines of prose that start at from or
// after; false when none will do.
func (p *parser) titleFrom(from int, byName bool) bool {
	s := p.s
	for i, l := range p.prose {
		if l.start < from {
			continue
		}
		t := strings.TrimSpace(l.text)
		words := strings.Fields(t)
		if len(words) == 0 || len(words) > 14 || isMenu(t) || breadcrumb(t) || spacedMenu(l.text) || cookieNotice(t) || pageKindHeading(t) || dateline(t) || strings.Count(t, ":") >= 2 || strings.HasSuffix(t, ":") || strings.HasSuffix(t, "?") ||
			strings.HasSuffix(t, ".") || strings.ContainsAny(t[:1], "-•*·–") || siteName(t) || sponsorWords.MatchString(t) && len(words) < 6 {
			continue // (a title of six words or more may say "programme": "... – képzési program szakembereknek")
		}
		if label, v, ok := unknownLabel(t); ok && v != "" && (labels[labelKey(label)] != "" || labelByStem(label) != "" || typeOf(v) != typeText) {
			continue // "Projektazonosító: 2023-1-HU01-...": a label and its value (a title and its subtitle stay)
		}
		if len(words) == 1 && (!isUpper(t) || isProjectWord(partnergraph.Fold(t))) || sectionEnd[strings.ToLower(words[len(words)-1])] {
			continue // "Litauen", "Financed projects", "ΕΡΓΟ" (a label: "project")
		}
		switch typeOf(t) {
		case typeCountry, typeStatus, typeDate, typePeriod, typeMoney, typeCode:
			continue
		case typeOrg:
			if entity.HasHead(t) && !strings.Contains(t, ",") && !numbered.MatchString(t) && !(strings.Contains(t, " – ") && len(words) >= 5) {
				// an organisation's name ("Sección en el Centro Penitenciario
				// de Córdoba"); a name and its subtitle after a dash is a
				// title ("Сигурен дом – координирана подкрепа за ...")
				continue
			}
		}
		if _, isSection := sections[nameKey(t)]; isSection {
			continue
		}
		title := replaceIfAny(numbered, t, "")
		if g := quotedName.FindStringSubmatch(title); g != nil {
			title = g[1]
		}
		if c := lastCrumb(s.Text[:l.start]); len(c) < len(title) && strings.HasPrefix(title, c) && len(strings.Fields(c)) >= 2 && !unicode.IsSpace([]rune(title[len(c):])[0]) && !strings.ContainsAny(title[len(c):], " ") {
			// "Atkarīgo ... pilnveidedrukāt": a button's word glued to the
			// heading; the breadcrumb names the page without it.
			title = c
		}
		if !byName && namesItself(s.Title, title) {
			return true // a project's own site: its pages are named after it ("About EXIT-ED")
		}
		s.Warnings = append(s.Warnings, fmt.Sprintf("first line %q is not the project title (it names the site): the title is %q", s.Title, title))
		s.Site, s.Title = s.Title, title
		p.prose = append(p.prose[:i:i], p.prose[i+1:]...)
		return true
	}
	return false
}

// lastCrumb is the last item of the last breadcrumb line of the head;
// "" when there is none.
func lastCrumb(head string) string {
	lines := strings.Split(head, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		for _, sep := range []string{" / ", " > ", " › ", " » "} {
			if parts := strings.Split(t, sep); len(parts) >= 3 {
				return strings.TrimSpace(parts[len(parts)-1])
			}
		}
	}
	return ""
}

// namesItself: the heading repeats a name the first line gives (a word of
// four letters or more in capitals: "EXIT-ED"), as a project's own site
// names its pages after the project.
func namesItself(first, heading string) bool {
	for _, w := range strings.Fields(first) {
		w = strings.Trim(w, ",.:;()«»\"“”")
		if utf8.RuneCountInString(w) >= 4 && isUpper(w) && strings.Contains(heading, w) {
			return true
		}
	}
	return false
}

// skipLinks are the links for screen readers at the top of a page, in
// the pages' languages, folded.
var skipLinks = func() []string {
	var out []string
	for _, s := range []string{"skip to", "jump to", "zum inhalt", "direkt zum", "aller au contenu", "passer au contenu",
		"saltar al contenido", "ir al contenido", "vai al contenuto", "salta al contenuto", "przejdz do", "preskocit na",
		"preskocit k", "prejst na", "ugras a tartalomra", "ugras", "treci la continut", "sari la continut", "pereiti prie",
		"pariet uz", "hopp til", "gå til", "hoppa till", "spring til", "siirry sisaltoon", "naar de inhoud", "ga naar",
		"saltar para", "ir para o conteudo", "μετάβαση στο", "μετάβαση στο περιεχόμενο", "прескочи към", "перейти к",
		"idi na sadržaj", "preskoči na", "skoči na", "pojdi na vsebino", "hyppää sisältöön", "mine sisu juurde", "liigu sisu juurde"} {
		out = append(out, partnergraph.Fold(s))
	}
	return out
}()

// skipLink: the line is a link for screen readers ("Skip to content").
func skipLink(t string) bool {
	if first, _, more := strings.Cut(t, " | "); more {
		t = first // "Vai al contenuto principale | Vai al menu di navigazione"
	}
	if utf8.RuneCountInString(t) > 40 {
		return false
	}
	f := partnergraph.Fold(t)
	for _, s := range skipLinks {
		if strings.HasPrefix(f, s) {
			return true
		}
	}
	return false
}

// viewInBrowser: the line of an e-mail newsletter that offers it in a
// browser or on the web, in the pages' languages.
func viewInBrowser(t string) bool {
	if len(t) > 160 {
		return false
	}
	return containsAny(partnergraph.Fold(t), browserWords)
}

// browserWords are the words for a web browser and a newsletter's web
// version, folded.
var browserWords = []string{"browser", "navigateur", "navegador", "prohlizec", "przegladar", "bongesz", "selaime", "webblasar",
	"nettleser", "brskalnik", "pregledni", "narsykl", "parluk", "brauser", "φυλλομετρ", "браузър", "web version", "webversion",
	"view online", "view this email", "view this e-mail"}

// salutation: a line that greets whom a speech or a letter addresses
// ("Уважаеми господин Посланик,", "Dear colleagues,"): short, ending in a
// comma.
func salutation(t string) bool {
	return strings.HasSuffix(t, ",") && len(strings.Fields(t)) <= 6
}

// breadcrumb: the line has a separator of menus and breadcrumbs (a bar or
// an arrow between spaces).
func breadcrumb(t string) bool {
	for _, sep := range []string{" | ", " > ", " › ", " » ", " / "} {
		if strings.Contains(t, sep) {
			return true
		}
	}
	return false
}

func isUpper(s string) bool { return strings.ToUpper(s) == s && strings.ToLower(s) != s }

// listsInProse reads the lists of organisations a page's text gives
// without a label ("Associação O Companheiro (Portugal)" / "- Fundación
// Atenea (Spain)" / ...): three or more lines in a row (two when each
// names its country), each formed as an organisation's name, under a line
// that speaks of partners, or naming their countries. They are the
// partners; a first line without the bullet the others have is the
// coordinator.
func (p *parser) listsInProse() {
	s := p.s
	if len(s.Get(keyPartners)) > 0 || len(s.Get(keyDonorPartners)) > 0 || len(s.Get(keyOtherPartners)) > 0 {
		return
	}
	lines := append([]line(nil), p.prose...)
	for _, sec := range s.Sections {
		lines = append(lines, splitLinesAt(s.Text, sec.Start, sec.End)...)
	}
	type item struct {
		l       line
		name    string
		bullet  bool
		country bool
	}
	flush := func(run []item, before string) bool {
		withCountry := 0
		for _, it := range run {
			if it.country {
				withCountry++
			}
		}
		if wrapped(before) {
			return false // a sentence wrapped over lines, as a PDF's text gives it: no list
		}
		cue := partnerCue.matchLower(before, strings.ToLower(before)) || strings.Contains(strings.ToLower(before), "consortium") ||
			strings.Contains(strings.ToLower(before), "organisations") || strings.Contains(strings.ToLower(before), "organizations")
		if !(len(run) >= 3 && (cue || withCountry == len(run)) || len(run) >= 2 && withCountry == len(run) && cue) {
			return false
		}
		items := run
		if !run[0].bullet && run[1].bullet && len(s.Get(keyPromoter)) == 0 {
			s.Fields = append(s.Fields, Field{Key: keyPromoter, Label: "(first of a list in the text)", Values: []string{run[0].name}, Start: run[0].l.start, End: run[0].l.end})
			items = run[1:]
		}
		f := Field{Key: keyPartners, Label: "(list in the text)", Start: items[0].l.start, End: items[len(items)-1].l.end}
		for _, it := range items {
			f.Values = append(f.Values, it.name)
		}
		s.Fields = append(s.Fields, f)
		s.Warnings = append(s.Warnings, fmt.Sprintf("%d organisations listed in the text without a label: read as partners", len(items)))
		return true
	}
	var run []item
	before, prev := "", ""
	for _, l := range lines {
		t := strings.TrimSpace(l.text)
		name := strings.TrimSpace(strings.TrimLeft(t, "-•*·–—▪►"))
		bullet := name != t
		if t != "" && len(t) <= 150 && isCapitalised(name) && !isProse(t) && isOrgName(name) && !wrapped(t) {
			if len(run) == 0 {
				before = prev
			}
			n := entity.Clean(name)
			run = append(run, item{l: l, name: name, bullet: bullet, country: n.Country != ""})
			continue
		}
		if len(run) > 0 && flush(run, before) {
			return
		}
		run = nil
		if t != "" {
			prev = t
		}
	}
	if len(run) > 0 {
		flush(run, before)
	}
}

// logoMarker is an image's marker in text a page's logos were flattened
// to: "[logo]", "[image]", "[Logo: ...]".
var logoMarker = regexp.MustCompile(`\[(?i:logo|image|img|bild|foto|obrázek|kép)[^\]]{0,60}\]`)

// logoItems splits a line of logos flattened to text at its markers: the
// names between them; nil when it has fewer than two markers.
func logoItems(v string) []string {
	locs := logoMarker.FindAllStringIndex(v, -1)
	if len(locs) < 2 {
		return nil
	}
	var out []string
	for i, l := range locs {
		end := len(v)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if name := strings.TrimSpace(v[l[1]:end]); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// mainTextUnseen: no section of the page holds 200 bytes of text yet: a
// furniture heading near the top ("News" above a news item) has no
// page's text to follow, and a paragraph after it is the page's own.
func (p *parser) mainTextUnseen() bool {
	n := 0
	for _, sec := range p.s.Sections {
		n += sec.End - sec.Start
	}
	if p.sec != nil {
		n += p.sec.End - p.sec.Start
	}
	return n < 200 && len(p.s.Fields) == 0
}

// typedLabel reads l as the label of the line below it, on its own line
// without a colon, inside a list of organisations: its words' stems name a
// field whose values have a form of their own (a number, a date, an
// amount), the line below has that form, and l is no name (no head noun).
// True when the line was read so.
func (p *parser) typedLabel(l line) bool {
	t := l.text
	if len(t) > 80 || strings.ContainsAny(t, "():") || len(strings.Fields(t)) > 7 {
		return false
	}
	next, _, _ := strings.Cut(p.s.Text[min(l.end+1, len(p.s.Text)):], "\n")
	if next = strings.TrimSpace(next); !hasDigit(next) {
		return false // (every value of such a form has a figure)
	}
	key := labelByStemFor(t, next)
	if want, typed := fieldTypes[key]; !typed || slices.Contains(want, typeText) || !fitsField(key, next) || entity.HasHead(t) || typeOf(t) == typeOrg {
		return false
	}
	l.text = t + ":"
	return p.stemLabel(t, "", next, l)
}

// organisationsListed: the line after l is an item of a list (a bullet
// or a number before it) that names an organisation.
func (p *parser) organisationsListed(l line) bool {
	rest := strings.TrimLeft(p.s.Text[min(l.end, len(p.s.Text)):], " \t\r\n")
	next, _, _ := strings.Cut(rest, "\n")
	item, ok := listItem(strings.TrimSpace(next))
	return ok && (namesOrganisations(item) || namesOrganisations(entity.Clean(item).Name))
}

// listItem is a line of a list without its bullet or number ("• X",
// "1. X", "2) X", "b) X"); false when the line is no item.
func listItem(t string) (string, bool) {
	if startsWithBullet(t) {
		return strings.TrimSpace(strings.TrimLeft(t, "•*·–-▪► ")), true
	}
	if m := enumerator.FindString(t); m != "" {
		if r, _ := utf8.DecodeRuneInString(t[len(m):]); unicode.IsUpper(r) {
			return t[len(m):], true
		}
	}
	return "", false
}

// enumerator is the number or letter that begins an item of a numbered
// list, before a capital: "1. ", "12) ", "b) ".
var enumerator = regexp.MustCompile(`^(?:\d{1,2}[.)]|[a-z]\))\s+`)

// startsWithBullet: the line begins with a list's bullet.
func startsWithBullet(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return strings.ContainsRune("•*·–-▪►", r)
}

// wrappedEnds are the small words a line of running text may end in when
// the sentence goes on below it.
var wrappedEnds = map[string]bool{"the": true, "a": true, "an": true, "of": true, "and": true, "with": true, "to": true,
	"in": true, "for": true, "by": true, "were": true, "was": true, "is": true, "are": true, "as": true, "at": true, "on": true,
	"The": true, "its": true, "their": true, "from": true, "that": true}

// wrapped: a line ends where a sentence cannot (a small word, a comma, a
// word cut by a hyphen): the text was wrapped, as a PDF's is, and goes on
// on the next line.
func wrapped(t string) bool {
	t = strings.TrimRight(t, " ")
	if t == "" {
		return false
	}
	if strings.HasSuffix(t, ",") || len(t) > 1 && t[len(t)-1] == '-' && t[len(t)-2] != ' ' {
		return true
	}
	i := strings.LastIndexByte(t, ' ')
	return i >= 0 && wrappedEnds[t[i+1:]]
}

// splitLinesAt splits text[start:end] into lines with their offsets.
func splitLinesAt(text string, start, end int) []line {
	var out []line
	for _, l := range splitLines(text[start:end]) {
		if l.text != "" {
			out = append(out, line{text: l.text, start: start + l.start, end: start + l.end})
		}
	}
	return out
}

// typeLoose gives the lines of a facts block that stand under no label
// the field their type names: a project number, a status, a period; names
// of organisations in order are the promoter, then the partners (a
// bilateral initiative's facts without labels: title, promoter, kinds of
// activity, partners); kinds of activity are the initiative's types. A
// field the sheet labels keeps its labelled value.
// listSentence: a bulleted item that ends as a list's sentence does (";",
// "."), or runs longer than a name: no name under no label.
func listSentence(t string) bool {
	r, size := utf8.DecodeRuneInString(t)
	bullet := strings.ContainsRune("•*·–-", r)
	// ("• 112 children took part in ...": a count opens a sentence, not a
	// name)
	first, _ := utf8.DecodeRuneInString(strings.TrimLeft(t[size:], " "))
	return bullet && (strings.HasSuffix(t, ";") || strings.HasSuffix(t, ".") || len(strings.Fields(t)) > 10 || unicode.IsDigit(first))
}

// fundedByLine: the line's first words say who funds ("Co-funded by the
// European Union", "Medfinansieret af Den Europæiske Union", "Finanțat de
// Uniunea Europeană", "Spolufinancováno Evropskou unií"): a stem of
// funding in its first two words.
func fundedByLine(t string) bool {
	ws := foldedWords(t)
	if len(ws) > 10 {
		return false
	}
	for i, w := range ws {
		if i == 2 {
			break
		}
		for _, stem := range fundingStems {
			if strings.Contains(w, stem) {
				return true
			}
		}
	}
	return false
}

// fundingStems are pieces of the words for funding in the pages'
// languages, folded.
var fundingStems = []string{"fund", "financ", "finanz", "finans", "finanț", "finant", "forder", "rahast", "tamogat", "χρηματοδ", "финанс", "sponsor"}

func (p *parser) typeLoose() {
	s := p.s
	if len(s.Loose) == 0 {
		return
	}
	var orgs, activities []Value
	for _, v := range s.Loose {
		if len(orgs) > 0 {
			if a, ok := address(v.Text); ok {
				// "Regione Lombardia" / "Milano, Italy": its address.
				orgs[len(orgs)-1].Text += ", " + a
				continue
			}
		}
		t := typeOf(v.Text)
		switch t {
		case typeOrg:
			if r, _ := utf8.DecodeRuneInString(v.Text); unicode.IsLower(r) {
				continue // a line of a paragraph wrapped short, no name
			}
			if fundedByLine(v.Text) {
				continue // "Medfinansieret af Den Europæiske Union": who pays, not who does
			}
			if listSentence(v.Text) {
				continue // "• Joint training course on identifying ... network;": an item of a list of work
			}
			orgs = append(orgs, v)
			continue
		case typeActivity:
			activities = append(activities, v)
			continue
		}
		if to, ok := retypeTo[t]; ok && len(s.Get(to)) == 0 {
			s.Fields = append(s.Fields, Field{Key: to, Label: "(no label)", Values: []string{v.Text}, Start: v.Start, End: v.End})
			s.Warnings = append(s.Warnings, fmt.Sprintf("%q stands under no label: read as the %s, by its form", v.Text, to))
		}
	}
	if len(orgs) > 0 && len(s.Get(keyPromoter)) == 0 {
		s.Fields = append(s.Fields, Field{Key: keyPromoter, Label: "(no label)", Values: []string{orgs[0].Text}, Start: orgs[0].Start, End: orgs[0].End})
		s.Warnings = append(s.Warnings, fmt.Sprintf("%q stands under no label: read as the promoter, the first name of the facts", orgs[0].Text))
		orgs = orgs[1:]
	}
	if len(orgs) > 0 {
		// The names of a facts block after its promoter are partners,
		// whether or not the page labels some of its partners elsewhere.
		f := Field{Key: keyPartners, Label: "(no label)", Start: orgs[0].Start, End: orgs[len(orgs)-1].End}
		for _, o := range orgs {
			f.Values = append(f.Values, o.Text)
		}
		s.Fields = append(s.Fields, f)
		s.Warnings = append(s.Warnings, fmt.Sprintf("%d names stand under no label: read as partners", len(orgs)))
	}
	if len(activities) > 0 && len(s.Get(keyInitiativeTypes)) == 0 {
		f := Field{Key: keyInitiativeTypes, Label: "(no label)", Start: activities[0].Start, End: activities[len(activities)-1].End}
		for _, a := range activities {
			f.Values = append(f.Values, splitList(keyInitiativeTypes, a.Text)...)
		}
		s.Fields = append(s.Fields, f)
	}
}

// matchLabel recognises "Label:", "Label: value" and, for bare labels,
// "Label" alone at the start of a line.
func matchLabel(t string) (key, label, value string, ok bool) {
	if i := strings.IndexByte(t, ':'); i > 0 && i < 60 {
		label = strings.TrimSpace(t[:i])
		if key, ok := labels[labelKey(label)]; ok {
			return key, label, strings.TrimSpace(t[i+1:]), true
		}
	}
	if len(t) > 60 {
		return "", "", "", false // labels are short
	}
	k := labelKey(t)
	if bareLabels[k] || (strings.HasSuffix(t, ":") && labels[k] != "") {
		return labels[k], strings.TrimSuffix(t, ":"), "", true
	}
	return "", "", "", false
}

// stackedShape: lines[i] may be a label written without a colon above
// its value, as a page's side panel stacks its facts ("Periodo" /
// "11/2022 – 10/2025" / blank): a short capitalised line after a blank
// one, above one line that is no sentence, with a blank line or the end
// below.
func stackedShape(lines []line, i int) bool {
	if i == 0 || i+1 >= len(lines) || lines[i-1].text != "" || lines[i+1].text == "" || i+2 < len(lines) && lines[i+2].text != "" {
		return false
	}
	t := lines[i].text
	if strings.ContainsAny(t, "()") || isProse(lines[i+1].text) {
		return false
	}
	// ("Montant de la subvention Erasmus+" above "60 000 €": a longer
	// label above a value of a form of its own)
	return panelLabelShape(t) || labelLineShape(t) && typedValue(lines[i+1].text)
}

// questionLabel reads a heading that asks for a field as the label of
// the value below it: "What's the budget?" above "1,248,362.40 euro, out
// of which ...", "Kdy projekt probíhá?" above a period. The question's
// words' stems name the field, which must be one whose values have a form
// of their own (an amount, a date, a period, a number), and the next line
// (a blank line between or not) must have it. True when the line was read
// so.
func (p *parser) questionLabel(lines []line, i int) bool {
	t := lines[i].text
	if !strings.HasSuffix(t, "?") || len(t) > 80 || len(strings.Fields(t)) > 7 {
		return false
	}
	j := i + 1
	if j < len(lines) && lines[j].text == "" {
		j++
	}
	if j >= len(lines) || lines[j].text == "" || isProse(lines[j].text) {
		return false
	}
	label := strings.TrimRight(t, "? ")
	key := labelByStemFor(label, lines[j].text)
	want, typed := fieldTypes[key]
	if vt := typeOf(lines[j].text); !typed || vt == typeText || vt == typeOrg || !slices.Contains(want, vt) {
		return false
	}
	l := lines[i]
	l.text = label + ":"
	return p.stemLabel(label, "", lines[j].text, l)
}

// stackedLabel reads a stacked label (stackedShape) the lexicon does not
// know. Its words' stems may name a field whose values have a form of
// their own (a date, an amount, a number) and the value below has it: a
// name's words ("Regione Lombardia" above "Milano, Italy") may hold a
// field's stem too, so no untyped field is read so. Inside a facts block
// any other stacked label is a label still, one the sheet keeps but does
// not use ("Tipo di progetto"), not a value of its own. True when the
// line was read so.
func (p *parser) stackedLabel(lines []line, i int) bool {
	l := lines[i]
	if labels[labelKey(l.text)] != "" {
		return false // the lexicon reads it already
	}
	label := l.text
	l.text += ":"
	key := labelByStemFor(label, lines[i+1].text)
	if want, typed := fieldTypes[key]; typed && !slices.Contains(want, typeText) && fitsField(key, lines[i+1].text) {
		return p.stemLabel(label, "", lines[i+1].text, l)
	}
	if orgKeys[key] && len(strings.Fields(label)) <= 3 && typeOf(label) != typeOrg && !entity.HasHead(label) && namesOrganisations(lines[i+1].text) {
		// "Koordinaattori" above an organisation's name: a word for a
		// role that no name is formed with.
		return p.stemLabel(label, "", lines[i+1].text, l)
	}
	if !p.inFacts || p.sec != nil || p.field != nil && len(p.field.Values) == 0 ||
		typeOf(label) == typeOrg || townAndCountry(lines[i+1].text) {
		return false // a partner list's names, each above its town, are no labels
	}
	p.unknownField(label, l)
	return true
}

// unknownField starts a field under a label the sheet gives but the
// reader does not use: its values are kept.
func (p *parser) unknownField(label string, l line) {
	p.s.Fields = append(p.s.Fields, Field{Label: label, Start: l.start, End: l.end})
	p.field = &p.s.Fields[len(p.s.Fields)-1]
	p.s.Warnings = append(p.s.Warnings, fmt.Sprintf("unknown label %q: its value is kept but not used", label))
}

// pairLabels finds a definition list flattened to lines: labels and
// values alternating line by line with no blank line between ("Titolo" /
// the title / "Codice identificativo" / the number / "Ente coordinatore" /
// ...), six lines or more, whose label lines are short and capitalised and
// three of which (and half) the lexicon or the words' stems know. It marks
// the label lines; a value that looks like a label ("Ruolo dell'Ateneo" /
// "Partner") is read by its place. nil when the sheet has none.
func pairLabels(lines []line) map[int]bool {
	var out map[int]bool
	for i := 0; i < len(lines); {
		if lines[i].text == "" {
			i++
			continue
		}
		j := i
		for j < len(lines) && lines[j].text != "" {
			j++
		}
		// lines[i:j] is a block; try labels on its even and its odd lines
		// (the shapes first, then the words: the lexicon costs more)
		for _, first := range []int{i, i + 1} {
			if j-first < 6 {
				break
			}
			n, shaped := 0, true
			for k := first; k+1 < j; k += 2 {
				if !panelLabelShape(lines[k].text) || isProse(lines[k+1].text) {
					shaped = false
					break
				}
				n++
			}
			if !shaped || n < 3 {
				continue
			}
			known := 0
			for k := first; k+1 < j; k += 2 {
				if t := lines[k].text; labels[labelKey(t)] != "" || labelByStem(t) != "" {
					known++
					continue
				}
				// a label nobody described above a value of a form of
				// its own (a date, an amount, a number): "Einddatum" /
				// "28/02/2022"
				switch typeOf(lines[k+1].text) {
				case typeDate, typeMoney, typePeriod, typeCode:
					known++
				}
			}
			if known >= 3 && 2*known >= n {
				if out == nil {
					out = map[int]bool{}
				}
				for k := first; k+1 < j; k += 2 {
					out[k] = true
				}
				break
			}
		}
		i = j
	}
	return out
}

// panelLabels finds a side panel of facts: three blocks or more in a row,
// each a short capitalised line (its label) after a blank line, above its
// value's lines, two of whose labels the lexicon or the words' stems know
// ("Programma" / "Interreg Vlaanderen-Nederland", "Leadpartner" /
// "Gemeente Breda", "Projectpartners" / four names, "Looptijd" / ...). It
// marks the labels' lines from the first known one (a heading and its
// subtitle may stand above); nil when the sheet has no such panel.
func panelLabels(lines []line) map[int]bool {
	var out map[int]bool
	var run []int
	flush := func() {
		if len(run) < 3 {
			run = run[:0]
			return
		}
		// Only a run of three blocks or more has its labels looked up.
		known, first := 0, -1
		for n, i := range run {
			if t := lines[i].text; labels[labelKey(t)] != "" || labelByStem(t) != "" {
				known++
				if first < 0 {
					first = n // a heading and its subtitle may stand above the panel
				}
			}
		}
		if known >= 2 {
			if out == nil {
				out = map[int]bool{}
			}
			for _, i := range run[first:] {
				out[i] = true
			}
		}
		run = run[:0]
	}
	for i := 1; i+1 < len(lines); i++ {
		t := lines[i].text
		if lines[i-1].text != "" || t == "" || lines[i+1].text == "" {
			continue
		}
		if !panelLabelShape(t) || isProse(lines[i+1].text) {
			flush()
			continue
		}
		// The block ends at the next blank line: its label must come right
		// after the previous block's.
		if len(run) > 0 && !blocksAdjacent(lines, run[len(run)-1], i) {
			flush()
		}
		run = append(run, i)
	}
	flush()
	return out
}

// labelLines finds facts written as label lines: in a run of lines with no
// blank line between them, a label alone on its line above its value
// ("Ohjelma" / "Erasmus+" / "Alkamispäivä" / "1.9.2023" / "Koordinaattori"
// / a name). A line counts as a label when it has a label's shape, the
// lexicon or its words' stems know it, and the line below is a value it
// takes, not another label; a run with three labels or more is read so.
// It returns the labels' lines.
func labelLines(lines []line) map[int]bool {
	var out map[int]bool
	for start := 0; start < len(lines); {
		end := start
		for end < len(lines) && lines[end].text != "" {
			end++
		}
		var found []int
		if end-start < 6 {
			start = end + 1
			continue // (three labels and their values are six lines at least)
		}
		// (A line under a label with a colon is that label's value; a line
		// with a colon below is a label of its own.)
		shaped := func(i int) bool {
			return labelLineShape(lines[i].text) && (i == start || !strings.HasSuffix(lines[i-1].text, ":")) && !strings.HasSuffix(lines[i+1].text, ":")
		}
		n := 0
		for i := start; i+1 < end && n < 3; i++ {
			if shaped(i) {
				n++
			}
		}
		if n < 3 {
			start = end + 1
			continue // (the lexicon is asked only when three lines may be labels)
		}
		for i := start; i+1 < end; i++ {
			if t, next := lines[i].text, lines[i+1].text; shaped(i) && labelFor(t, next) && !labelFor(next, "") {
				found = append(found, i)
				i++ // its value
			}
		}
		// "EUR 3.46 million" / "Total budget": a run that opens with a
		// value writes each value above its label.
		if len(found) >= 3 && !typedValue(lines[start].text) {
			if out == nil {
				out = map[int]bool{}
			}
			for _, i := range found {
				out[i] = true
			}
		}
		start = end + 1
	}
	return out
}

// typedValue: t is a value of a form of its own: an amount, a date, a
// period.
func typedValue(t string) bool {
	if !hasDigit(t) {
		return false
	}
	switch typeOf(t) {
	case typeMoney, typeDate, typePeriod:
		return true
	}
	return false
}

// labelFor: t is a label the lexicon knows, or one its words' stems know
// whose field takes the value v ("" when there is none to ask); a label of
// organisations is no name itself (no head noun).
func labelFor(t, v string) bool {
	if !labelLineShape(t) {
		return false
	}
	if labels[labelKey(t)] != "" {
		return true
	}
	key := labelByStemFor(t, v)
	return key != "" && key != keyIgnored && (v == "" || fitsField(key, v) && (!orgKeys[key] || namesOrganisations(v) && !entity.HasHead(t)))
}

// labelLineShape: a label on a line of its own in a run of label lines,
// up to six words ("Partener de proiect din statul donator"), capitalised,
// with no sentence's marks (a colon only before a case ending).
func labelLineShape(t string) bool {
	return len(t) <= 60 && strings.Count(t, " ") <= 5 && noSentenceMarks(t) && isCapitalised(t)
}

// panelLabelShape: a line formed as a panel's label, short, capitalised,
// with no sentence's punctuation; "Europese bijdrage (EFRO)" is one.
func panelLabelShape(t string) bool {
	return len(t) <= 40 && strings.Count(t, " ") <= 3 && noSentenceMarks(t) && isCapitalised(t)
}

// noSentenceMarks: t has none of a sentence's marks, and a colon only
// before a case ending.
func noSentenceMarks(t string) bool {
	if strings.ContainsAny(t, ".;,!?") {
		return false
	}
	for off := 0; ; {
		j := strings.IndexByte(t[off:], ':')
		if j < 0 {
			return true
		}
		i := off + j
		if i == len(t)-1 || !caseColons.MatchString(t[max(i-8, 0):min(i+5, len(t))]) {
			return false
		}
		off = i + 1
	}
}

// caseColons are the colons that join a case ending to an abbreviation in
// Finnish and Swedish ("EU:n avustus", "EU:s bidrag"): no label ends there.
var caseColons = regexp.MustCompile(`\b\p{Lu}{2,}:\p{Ll}{1,3}\b`)

// blocksAdjacent: the block whose label is lines[j] ends at a blank line
// right before lines[i], with no more than eight lines of values.
func blocksAdjacent(lines []line, j, i int) bool {
	k := j + 1
	for k < i && lines[k].text != "" {
		k++
	}
	return k == i-1 && k-j <= 9
}

// panelLabel reads a label of a side panel (panelLabels): as the lexicon
// or its words' stems know it, or as a label the sheet keeps but does not
// use; its values are the lines below it. It opens the facts block.
func (p *parser) panelLabel(lines []line, i int) bool {
	l := lines[i]
	label := l.text
	known := labels[labelKey(label)] != ""
	if !known && (typeOf(label) == typeOrg || townAndCountry(lines[i+1].text) && labelByStem(label) == "") {
		return false // a name above its town: a partner list's item ("Location" above a town is a label)
	}
	p.closeSection()
	p.inFacts = true
	l.text += ":"
	if known {
		p.line(l)
		return true
	}
	if key := labelByStemFor(label, lines[i+1].text); key != "" && key != keyIgnored && fitsField(key, lines[i+1].text) && p.stemLabel(label, "", lines[i+1].text, l) {
		return true
	}
	p.unknownField(label, l)
	return true
}

// townAndCountry: "Ostrava, Czechia", a place and its country, as written
// under an organisation's name.
func townAndCountry(v string) bool {
	i := strings.LastIndexByte(v, ',')
	return i > 0 && typeOf(strings.TrimSpace(v[i+1:])) == typeCountry
}

// numberedHeading reads a numbered heading of a few words after a blank
// line, "2. Objectifs"; a numbered organisation ("1. Kriminalomsorgen")
// is a list's item, no heading. It gives the heading without its number.
func numberedHeading(t string) (string, bool) {
	if len(t) > 60 || t == "" || t[0] < '0' || t[0] > '9' {
		return "", false
	}
	loc := numbered.FindStringIndex(t)
	if loc == nil {
		return "", false
	}
	h := t[loc[1]:]
	if h == "" || strings.Count(h, " ") > 4 || strings.ContainsAny(h, ".:;!?,()") || !isCapitalised(h) || entity.HasHead(h) || typeOf(h) != typeText {
		return "", false
	}
	return h, true
}

// runningLines finds a printed page's running header and footer in its
// text: a line of two parts set apart by a wide run of spaces (the left
// and right of the page: "Bewährungshilfe Stuttgart e.V.          Projekt-
// steckbrief Erasmus+", "Stand: März 2024          Seite 1/2") that the
// text repeats, or that stands before any other. Such a line is no title
// and no fact.
func runningLines(lines []line) map[int]bool {
	var out map[int]bool
	seen := map[string]int{}
	opening := true // no line without a wide gap yet
	for i, l := range lines {
		if l.text == "" {
			continue
		}
		if !strings.Contains(l.text, "    ") {
			opening = false
			continue
		}
		if i := strings.Index(l.text, "  "); labels[labelKey(l.text[:i])] != "" {
			opening = false // a known label and its value, aligned
			continue
		}
		seen[l.text]++
		if opening || seen[l.text] > 1 {
			if out == nil {
				out = map[int]bool{}
			}
			out[i] = true
		}
	}
	// A repeated line counts from its first time.
	for i, l := range lines {
		if seen[l.text] > 1 {
			out[i] = true
		}
	}
	return out
}

// alignedLabel reads a line of a two-column layout, as a PDF's text gives
// a fact sheet: a label, a run of spaces that aligns the values, and a
// value ("Numéro de convention   2023-1-FR01-..."). The label must be one
// the lexicon or its words' stems know, or its value must start at col,
// the column (in characters) where the values of the layout's known labels
// start: the alignment itself shows a label ("Aktionsart          KA220").
// The line is given back as "label: value", with its value's column.
func alignedLabel(t string, col int) (string, int, bool) {
	i := strings.Index(t, "  ")
	if i <= 0 || i > 40 {
		return "", 0, false
	}
	label, value := t[:i], strings.TrimSpace(t[i:])
	vcol := utf8.RuneCountInString(t[:len(t)-len(value)])
	if value == "" || strings.Contains(value, "   ") || strings.Count(label, " ") > 4 ||
		strings.ContainsAny(label, ":;!?|–") || !isCapitalised(label) {
		return "", 0, false
	}
	if vcol != col && (len(t)-len(value)-i < 3 || labels[labelKey(label)] == "" && labelByStem(label) == "") {
		return "", 0, false
	}
	return label + ": " + value, vcol, true
}

// unknownLabel recognises a label we do not know, inside the facts block: a
// short capitalised phrase and a colon (or the one tab of a two-column
// table's row), alone or before a value.
func unknownLabel(t string) (label, value string, ok bool) {
	i := strings.IndexByte(t, ':')
	if tab := strings.IndexByte(t, '\t'); tab > 0 && (i < 0 || tab < i) && strings.Count(t, "\t") == 1 {
		// A row of a two-column table as text: the label's cell, a tab,
		// the value's cell ("Projekto kodas<TAB>LT06-2-VRM-K-02-014").
		i = tab
	}
	if i <= 0 || i > 200 || utf8.RuneCountInString(t[:i]) > 50 || !isCapitalised(t) {
		return "", "", false
	}
	label, value = strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:])
	// A qualifier in parentheses is no part of the label's words ("EU
	// contribution (ERDF and IPA III)", "Interreg funds (ERDF, IPA III,
	// NDICI)", "Budget (EUR)").
	bare := label
	if j := strings.IndexByte(label, '('); j > 0 && strings.HasSuffix(label, ")") && !strings.Contains(label[j+1:len(label)-1], "(") {
		bare = strings.TrimSpace(label[:j])
	}
	if len(strings.Fields(bare)) > 6 || strings.ContainsAny(bare, ".;,()") {
		return "", "", false
	}
	return label, value, true
}

// isProse: a sentence or paragraph rather than a value.
func isProse(t string) bool {
	if len(t) > 160 && (len(t) > 640 || utf8.RuneCountInString(t) > 160) {
		return true // (in letters: Cyrillic and Greek take two bytes each)
	}
	if t == "" || !strings.ContainsAny(t[len(t)-1:], ".!?") {
		return false
	}
	// Eight words or more, counted without making them.
	words, in := 0, false
	for i := 0; i < len(t); i++ {
		space := t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r' || t[i] == '\v' || t[i] == '\f'
		if !space && !in {
			words++
		}
		in = !space
	}
	return words >= 8
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
	if f.Key == keyTitle && p.twoLanguages > 0 && f == &p.s.Fields[p.twoLanguages-1] {
		if first, _, two := strings.Cut(v, " / "); two {
			v = first // the title in the label's first language
		}
	}
	if mentionsProject(v) {
		v = strings.TrimSpace(replaceIfAny(valueBoilerplate, v, ""))
	}
	if v == "" {
		return
	}
	if explanation(v) {
		// "Bewilligte EU-Mittel in Euro für alle Projektträger.": a line
		// that explains the label, or a question heading ("¿Por qué este
		// proyecto?"), is no value.
		if strings.HasSuffix(v, "?") && len(f.Values) > 0 {
			p.field = nil
		}
		return
	}
	if orgKeys[f.Key] && listKeys[f.Key] && len(f.Values) > 0 && p.blank && typeOf(v) != typeOrg {
		// After a blank line, a line that names no organisation ends a
		// list of them ("Timeline").
		p.field = nil
		if !isProse(v) {
			p.s.Loose = append(p.s.Loose, Value{Text: v, Start: end - len(v), End: end})
		}
		return
	}
	if orgKeys[f.Key] && len(f.Values) > 0 {
		if a, ok := address(v); ok {
			// "Fundacja Sławek" / "Warszawa, Mazowieckie" / "Poland": an
			// address under a name belongs to it (entity.Clean takes the
			// country and drops the places).
			f.Values[len(f.Values)-1] += ", " + a
			return
		}
	}
	if listKeys[f.Key] && !orgKeys[f.Key] && len(f.Values) > 0 && p.blank && len(strings.Fields(v)) <= 3 && labelByStem(v) != "" && labelByStem(v) != f.Key {
		// After a blank line, a heading that names another field ends a
		// list of topics or groups ("Partnerszervezetek" above a table).
		p.field = nil
		return
	}
	if listKeys[f.Key] && orgKeys[f.Key] && strings.Contains(v, "[") {
		// "[logo] Extern   [logo] Fundación Diagrama   [logo] IJJO":
		// partners' logos flattened to text, a marker before each name.
		if items := logoItems(v); len(items) > 1 {
			f.Values = append(f.Values, items...)
			return
		}
	}
	if listKeys[f.Key] {
		f.Values = append(f.Values, splitList(f.Key, v)...)
		return
	}
	v = strings.TrimRight(v, ",; ")
	if f.Key != "" && !fitsField(f.Key, v) && p.retype(v, end) {
		return
	}
	if _, typed := fieldTypes[f.Key]; typed && len(f.Values) > 0 {
		// A status, a number, an amount or a date is one line: what
		// follows is no part of it ("Status / completed / About the
		// project").
		p.field = nil
		if !isProse(v) {
			p.s.Loose = append(p.s.Loose, Value{Text: v, Start: end - len(v), End: end})
		}
		return
	}
	f.Values = append(f.Values, v)
}

// retypeTo are the fields a value of the wrong type for its label goes to
// when its type says which field it is: a status under "Project Number:"
// (the "Status:" label was lost) is the status.
var retypeTo = map[valueType]string{typeStatus: keyStatus, typeCode: keyCode, typePeriod: keyPeriod}

// retype moves a value its label's type refuses to the field its own type
// names, when the sheet has no value for that field yet; a project number
// that is none is dropped. True when the value was placed or dropped.
func (p *parser) retype(v string, end int) bool {
	f := p.field
	t := typeOf(v)
	if to, ok := retypeTo[t]; ok && to != f.Key && len(p.s.Get(to)) == 0 {
		at := len(p.s.Fields) - 1
		for i := range p.s.Fields {
			if &p.s.Fields[i] == f {
				at = i
			}
		}
		p.s.Warnings = append(p.s.Warnings, fmt.Sprintf("%q under %q is a %s: read as the %s", v, f.Label, t, to))
		p.s.Fields = append(p.s.Fields, Field{Key: to, Label: f.Label, Start: f.Start, End: end, Values: []string{v}})
		p.field = &p.s.Fields[at]
		return true
	}
	if f.Key == keyCode {
		p.s.Warnings = append(p.s.Warnings, fmt.Sprintf("%q under %q is no project number: left out", v, f.Label))
		return true
	}
	return false
}

// splitList splits one value line of a list field. Partner lists hold one
// organisation a line; other lists may put several items on a line,
// separated by commas or semicolons.
func splitList(key, v string) []string {
	sep := func(r rune) bool { return r == ';' || r == '|' }
	if strings.ContainsAny(v, ";|") && !orgKeys[key] {
		// Items separated by semicolons keep their commas: "Inclusion and
		// diversity in all fields of education, training, youth and sport;
		// ..."
		key = ""
	}
	switch key {
	case "":
	case keyDonorPartners, keyOtherPartners, keyPartners, keyMentioned:
		// One organisation a line: names have commas. Several on one
		// line are told apart by their country markers: "KRUS (NO), ATV
		// (NO)", but a place after the marker is an address ("Alternative
		// to Violence (ATV), Oslo"); or all of them are names of
		// organisations ("Serviciul de Probațiune Bihor, Asociația Romani
		// CRISS").
		if !strings.ContainsAny(v, ";|") {
			if dashList(v) {
				// "CPIP – Penitenciarul București-Rahova – Dedalus –
				// Epanodos": three names or more between spaced dashes (two
				// may be an acronym and its name).
				v = strings.NewReplacer(" – ", "|", " — ", "|").Replace(v)
			} else if parts := strings.Split(v, ","); len(parts) >= 2 && allOrgNames(parts) {
				v = strings.Join(parts, "|")
			} else {
				v = replaceIfAny(partnersOnOneLine, v, ")|")
				v = joinPlaceTails(v)
			}
		}
	case keyTargetGroups, keyProgrammeAreas, keyInitiativeTypes, keyTopics:
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
		if item, ok := listItem(part); ok && orgKeys[key] {
			part = item // "1. Universiteit Gent, Belgija"
		}
		if part == "" {
			continue
		}
		// "Kriminalvården | Sweden": a country in a cell of its own is the
		// partner's before it.
		if orgKeys[key] && len(out) > 0 && typeOf(part) == typeCountry {
			out[len(out)-1] += ", " + part
			continue
		}
		out = append(out, strings.TrimSpace(part))
	}
	return out
}

// dashList: a line of three parts or more between spaced dashes, with no
// comma or bracket that would make it one name's parts.
func dashList(v string) bool {
	return strings.Count(v, " – ")+strings.Count(v, " — ") >= 2 && !strings.ContainsAny(v, ",()")
}

// allOrgNames: every part is formed as an organisation's name, with its
// head noun capitalised ("Brno office" after a comma is a unit of the
// name before it).
func allOrgNames(parts []string) bool {
	for _, p := range parts {
		p = strings.TrimSpace(p)
		name := entity.Clean(p).Name
		words := 0
		for w := range strings.FieldsSeq(name) {
			if isNameWord(w) || entity.IsNativeHead(w) {
				words++ // ("Norveška sudska uprava": its head in small letters)
			}
		}
		if (typeOf(p) != typeOrg || isGeneric(name) || words < 2 && !entity.IsAcronym(name)) && !knownName(name) {
			return false // "Unit 1" after a comma is a unit of the name before it
		}
		capitalHead := entity.IsAcronym(p) || knownName(name)
		first := true
		for w := range strings.FieldsSeq(p) {
			w = strings.Trim(w, ",.;:()")
			capitalHead = capitalHead || isCapitalised(w) && entity.IsHead(strings.ToLower(w))
			// "Općinski građanski sud u Zagrebu": a head of a language
			// that writes it small, after a capitalised first word
			capitalHead = capitalHead || !first && isCapitalised(strings.TrimSpace(p)) && entity.IsNativeHead(w)
			first = false
		}
		if !capitalHead {
			return false
		}
	}
	return true
}

// joinPlaceTails undoes a split before a part that is a country or a
// place ("...(KRUS)|Norway" is one partner in Norway).
func joinPlaceTails(v string) string {
	parts := strings.Split(v, "|")
	out := parts[:1]
	for _, p := range parts[1:] {
		t := strings.TrimSpace(p)
		if t == "" || typeOf(t) == typeCountry || len(strings.Fields(t)) <= 2 && !entity.HasHead(t) && !entity.IsAcronym(strings.Fields(t)[0]) && !strings.Contains(t, "(") {
			out[len(out)-1] += "," + p
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, "|")
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
var siteSuffix = regexp.MustCompile(`(?i)\s+[|–—-]\s+(eea (and|&) norway grants|eea grants|norway grants|erasmus\+?( project results( platform)?)?|european commission|[\w-]+(\.[\w-]+)*\.[a-z]{2,4})\s*$|\s+\|\s+[^|]{1,40}$`)

// finish decides the layout and turns leading prose into the description.
func (p *parser) finish() {
	s := p.s
	if strings.Contains(s.Title, " | ") || strings.Contains(s.Title, " - ") || strings.Contains(s.Title, " – ") || strings.Contains(s.Title, " — ") {
		s.Title = replaceIfAny(siteSuffix, s.Title, "") // siteSuffix needs one of them
	}
	// A status standing alone above the facts ("Ongoing" under the
	// title) is the project's status.
	kept := p.prose[:0]
	for _, l := range p.prose {
		if len(l.text) < 40 && isStatus(l.text) {
			s.Loose = append(s.Loose, Value{Text: l.text, Start: l.start, End: l.end})
			continue
		}
		kept = append(kept, l)
	}
	p.prose = kept
	if len(s.Fields) == 0 {
		// No label at all: leading lines that are no sentences and read as
		// names, numbers or kinds of activity are a facts block that lost
		// its labels.
		n := 0
		for n < len(p.prose) && !isProse(p.prose[n].text) && typeOf(p.prose[n].text) != typeText {
			n++
		}
		for _, l := range p.prose[:n] {
			s.Loose = append(s.Loose, Value{Text: l.text, Start: l.start, End: l.end})
		}
		p.prose = p.prose[n:]
	}
	p.titleBelowSiteName()
	p.typeLoose()
	p.listsInProse()
	if len(p.prose) > 0 {
		start, end := p.prose[0].start, p.prose[len(p.prose)-1].end
		sec := Section{Name: SectionDescription, Start: start, End: end, Text: s.Text[start:end]}
		s.Sections = append([]Section{sec}, s.Sections...)
	}
	if s.Layout == "" {
		switch {
		case s.Get(keyKeyAction) != nil || s.Get(keyActionType) != nil || s.Get(keyCallYear) != nil && strings.Contains(s.Text, "Erasmus"):
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
