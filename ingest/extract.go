package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// ProseCountry is the beneficiary state the sentences name, for a
	// grants project that gives its country nowhere else (proseCountry).
	ProseCountry string
	// LanguageCountry is the country of the language the page is written
	// in (languageCountry), for a project nothing else gives a country.
	LanguageCountry string
	// grantsPage: the page names the EEA and Norway Grants, kept when
	// the sheet is let go (slim).
	grantsPage bool
}

// slimSheet stands for the sheet of a page that a resolver holds: what
// it needs of the page is read when the record is made.
var slimSheet = &Sheet{}

// slim lets the parsed sheet go once the record is made: a resolver
// that keeps every record for later writes needs only what was read
// from it (the sentences keep their own text). A row of open data has
// no sheet and stays as it is.
func (r *Record) slim() {
	if r.Sheet == nil || r.Sheet == slimSheet {
		return
	}
	r.grantsPage = namesTheGrants(r.Sheet.Text)
	r.Sheet = slimSheet
}

// namesGrants: the page names the EEA and Norway Grants.
func (r *Record) namesGrants() bool {
	if r.Sheet == nil {
		return false
	}
	if r.Sheet == slimSheet {
		return r.grantsPage
	}
	return namesTheGrants(r.Sheet.Text)
}

// factOrg is an organisation named in the facts block with its role.
type factOrg struct {
	Name     string
	Acronym  string // given with the name: "Alternative to Violence (ATV)"
	Alias    string // its English name, given with it: "Rikosseuraamuslaitos (Criminal Sanctions Agency)"
	Role     partnergraph.Role
	Country  string
	Evidence partnergraph.Evidence
	// Listed: from "Partners:" of a bilateral initiative, whose role
	// depends on the partner's country.
	Listed bool
	// Placed: a promoter read by its place in a facts block without
	// labels, not by a label; a promoter the prose names wins over it.
	Placed bool
}

// nationalInstitution: a name every country's institution has.
var nationalInstitution = regexp.MustCompile(`^(ministry of (the )?[a-z]+( (and|for) [a-z]+)*|(national |state |general )?(prison|probation|police|penitentiary|correctional|prison and probation|probation and mediation|border|border guard|customs) (service|administration|department|directorate|agency|guard)s?|(national |state )?police|ombudsman|(public |general |supreme )?prosecutor s office|office of the (public |general )?prosecutor|(national |state )?police (headquarters|directorate|academy)|(national )?(probation|prison) (directorate|inspectorate)|(national )?institute of justice|(national )?judicial academy|central board of (the )?prison service)$`)

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
	return cleanFactIn(raw, "", role, listed, ev)
}

// cleanFactIn is cleanFact for a name whose country is known (a row of
// open data states it): the name's words are not asked.
func cleanFactIn(raw, known string, role partnergraph.Role, listed bool, ev partnergraph.Evidence) (factOrg, bool) {
	raw = withoutMeans(raw)
	n := entity.Clean(raw)
	country := n.Country
	if country == "" {
		country = known
	}
	if country == "" {
		country = nameCountry(n.Name)
	}
	if n.Role != "" && role == partnergraph.RoleProjectPartner && n.Role.Rank() > role.Rank() {
		role = n.Role // "Justizanstalt Graz-Karlau, Austria (coordinator)" in a partner list
	}
	f := factOrg{Name: withCountry(n.Name, n.Country), Acronym: n.Acronym, Alias: n.Alias, Role: role, Country: country, Listed: listed, Evidence: ev}
	if c, ok := entity.CountryByName(n.Name); ok && c.Name != "" {
		return f, false // a country is no organisation ("Kriminalvården | Sweden")
	}
	if countOfThings.MatchString(n.Name) {
		return f, false // "6 beneficiaries from 5 countries": how many, not who
	}
	if hasDigit(n.Name) { // (each of these forms has a figure)
		switch typeOf(n.Name) {
		case typeCode, typeDate, typePeriod, typeMoney, typePercent:
			return f, false // a value of another field's form is no name
		}
	}
	return f, n.Name != "" && (!entity.Junk(n.Name) || entity.IsAcronym(n.Name))
}

// countOfThings is a number and a word in small letters: a count.
var countOfThings = regexp.MustCompile(`^\d+\s+\p{Ll}`)

// withoutMeans drops what a name's value says after a comma about the
// unit it acts through ("Ayuntamiento de Badajoz, a través de la
// Concejalía de Igualdad"): the organisation is the one before it.
func withoutMeans(v string) string {
	i := strings.Index(v, ", ")
	if i <= 0 {
		return v
	}
	rest := strings.ToLower(v[i+2:])
	for _, w := range meansWords {
		if strings.HasPrefix(rest, w) {
			return v[:i]
		}
	}
	return v
}

// meansWords say "through" or "represented by" in the pages' languages.
var meansWords = []string{"a través de", "through ", "via ", "represented by", "acting through", "durch ", "vertreten durch", "tramite ",
	"attraverso ", "przez ", "prin ", "prostřednictvím", "prostrednictvom", "mediante ", "par l'intermédiaire", "por meio de", "através d"}

// knownName: the name is one the gazetteer gives an organisation ("Ila
// Prison and Detention Institution" is one name, not two).
func knownName(name string) bool {
	if gazetteerKeys[orgKey(name)] {
		return true
	}
	return strings.ContainsAny(name, "(,-–:") && gazetteerKeys[orgKey(entity.Clean(name).Name)]
}

var gazetteerKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, g := range Gazetteer() {
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			m[orgKey(n)] = true
		}
	}
	return m
}()

// TextSHA256 is the hash a document's text gets (Document.SHA256): of the
// text as Parse reads it, line ends folded.
func TextSHA256(text string) string {
	sum := sha256.Sum256([]byte(normaliseLineEnds(text)))
	return hex.EncodeToString(sum[:])
}

// DocumentID returns the id of the document with this name.
func DocumentID(name string) string { return "doc:" + partnergraph.Slug(name) }

// Extract reads one parsed sheet into a Record, stage by stage: what the
// project is (title, number, kind, status), its money, its dates, its
// programme (Erasmus+ codes, call year, key action), its country and
// places, its target groups, the organisations of its facts block, and
// what its prose says. Each stage reads the sheet and writes its part of
// the record.
func Extract(s *Sheet) *Record {
	r := &Record{Sheet: s}
	r.Document = partnergraph.Document{
		ID:       DocumentID(s.Name),
		Name:     s.Name,
		Layout:   s.Layout,
		SHA256:   TextSHA256(s.Text),
		Warnings: append([]string(nil), s.Warnings...),
	}
	extractIdentity(r)
	extractMoney(r)
	extractDates(r)
	extractErasmus(r)
	extractPlaces(r)
	extractGroups(r)
	extractFactOrgs(r)
	extractProse(r)
	if r.Project.CountryCode == "" {
		// The country a promoter's name states ("... of the Czech
		// Republic", "Fundacja ..., Poland").
		for _, f := range r.Facts {
			if f.Role == partnergraph.RolePromoter && f.Country != "" {
				r.Project.CountryCode = f.Country
			}
		}
	}
	if r.Project.CountryCode == "" && (r.Project.Kind == partnergraph.ProjectEEA || r.Project.Kind == partnergraph.ProjectBilateral) {
		r.ProseCountry = proseCountry(r.Sentences)
	}
	if r.Project.CountryCode == "" {
		// The page's own language, last: an EEA or Norway Grants
		// project's must be a beneficiary state.
		grants := r.Project.Funding.FunderID == partnergraph.EEAGrants.ID || r.Project.Funding.FunderID == partnergraph.NorwayGrants.ID || r.Project.Kind == partnergraph.ProjectBilateral
		if c := languageCountry(r.Sheet.Text); c != "" && (beneficiaryStates[c] || !grants) {
			r.LanguageCountry = c
		}
	}
	return r
}

// proseCountry is the beneficiary state of the EEA and Norway Grants that
// the sentences name by its name or its adjective ("Bulgaria", "Croatian")
// more often than every other one together: a grants project is carried
// out in one beneficiary state, and a page that gives no country field
// still says which. The donor states are not counted. "" when none is
// named or none has the majority.
func proseCountry(sentences []sentence) string {
	votes := map[string]int{}
	for _, sn := range sentences {
		words := strings.FieldsFunc(sn.Text, func(r rune) bool { return !unicode.IsLetter(r) })
		for i, w := range words {
			if len(w) < 4 && strings.ToUpper(w) != w {
				// A short word is a country only as a code, in capitals:
				// the Spanish "el" and the German "de" name no country.
				continue
			}
			code := entity.Demonym(w)
			if c, ok := entity.CountryByName(w); ok && code == "" {
				code = c.Code
			}
			if i+1 < len(words) && code == "" {
				if c, ok := entity.CountryByName(w + " " + words[i+1]); ok {
					code = c.Code // "Czech Republic"
				}
			}
			if beneficiaryStates[code] {
				votes[code]++
			}
		}
	}
	return pickCountry(votes)
}

func (r *Record) warn(format string, args ...any) {
	r.Document.Warnings = append(r.Document.Warnings, fmt.Sprintf(format, args...))
}

// siteTitle: a page title that is a section of a project's site and the
// project's name: "Partners – BRIDGE-OUT", "About | EXIT-ED".
var siteTitle = regexp.MustCompile(`(?i)^(?:partners?|about(?: us| the project)?|home|project|the project|team|project team|contact|consortium|results|news)\s+[–—|-]\s+(.+)$`)

// erasmusProjectTitle: listing sites write "<title> Erasmus Project".
var erasmusProjectTitle = regexp.MustCompile(`(?i)\s+erasmus\+?\s+project$`)

// extractIdentity reads what the project is: its title, number, kind,
// status and programme. A page without a number label may still carry its
// number in its text (a project card's address, "project number
// 2023-1-FI01-KA220-ADU-000157342").
func extractIdentity(r *Record) {
	s, p := r.Sheet, &r.Project
	p.Title = unquoted(s.Title)
	if strings.ContainsAny(p.Title, "–—|-") {
		if g := siteTitle.FindStringSubmatch(p.Title); g != nil {
			p.Title = strings.TrimSpace(g[1])
		}
	}
	if strings.HasSuffix(strings.ToLower(p.Title), "project") {
		p.Title = replaceIfAny(erasmusProjectTitle, p.Title, "")
	}
	p.Code = strings.TrimSpace(s.Value(keyCode))
	if p.Code == "" {
		if c := codeInText(s); c != "" {
			p.Code = c
			r.warn("project number %s read from the text: no label gives it", c)
		}
	}
	if s.Value(keyTitle) == "" {
		if t := quotedProjectTitle(s); t != "" && t != p.Title {
			// A news page's headline is no project's title: "Prosjektet
			// «Barnevennlig rettspleie – ...» skal endre på dette".
			r.warn("title %q read from the text, which names the project so (the page's heading is %q)", t, p.Title)
			p.Title = t
		}
	}
	if g := titleCodeOf(p.Title); g != nil && strings.ContainsAny(g[2], "0123456789") && (p.Code == "" || p.Code == g[2]) {
		// "SAFE-DANUBE (ROBG-531)": the number after the title is the
		// project's, and no part of its name.
		p.Title, p.Code = strings.TrimSpace(g[1]), g[2]
	}
	if p.Code == "" {
		if c := codeAfterWord(s.Text); c != "" {
			p.Code = c
			r.warn("project number %s read from the text, after a word for it", c)
		}
	}
	p.DocumentID = r.Document.ID
	layout := s.Layout
	switch {
	case erasmusCode.MatchString(p.Code):
		layout = LayoutErasmus
	case strings.Contains(strings.ToUpper(p.Code), "-BI"):
		layout = LayoutBilateral
	case layout == LayoutEEA && len(s.Get(keyInitiativeTypes)) > 0 && len(s.Get(keyProgrammeAreas)) == 0 && s.Get(keyDonorPartners) == nil:
		layout = LayoutBilateral // kinds of activity are a bilateral initiative's
	case (layout == LayoutEEA || layout == "") && p.Code == "" && namesBilateralInitiative(s):
		layout = LayoutBilateral
	}
	switch layout {
	case LayoutBilateral:
		p.Kind = partnergraph.ProjectBilateral
	case LayoutErasmus, LayoutErasmusListing:
		p.Kind = partnergraph.ProjectErasmus
	default:
		p.Kind = partnergraph.ProjectEEA
	}
	p.ID = partnergraph.ProjectID(p.Code, p.Title)
	if p.Code == "" {
		r.warn("no project number: the project's id is made from its title")
	}
	p.Status = s.Value(keyStatus)
	p.GrantProgramme = quotedProgramme(replaceIfAny(programmePeriod, s.Value(keyProgramme), ""))
	if agendaTimes.MatchString(p.GrantProgramme) {
		// "Program konferencije" / "09:00 – 09:30 Registracija ...": an
		// event's programme, by its times of day, is no funding programme
		r.warn("programme %.60q left out: it gives times of day, an event's agenda", p.GrantProgramme)
		p.GrantProgramme = ""
	}
	if p.GrantProgramme == "" {
		p.GrantProgramme = programmeInHeader(s)
	}
	if p.GrantProgramme == "" {
		p.GrantProgramme = programmeInValues(s)
	}
	if p.GrantProgramme == "" {
		p.GrantProgramme = programmeInProse(s)
	}
	if p.GrantProgramme == "" {
		p.GrantProgramme = activeCitizensFund(s.Text)
	}
	if p.GrantProgramme == "" && strings.HasPrefix(s.Site, "Interreg ") {
		p.GrantProgramme = s.Site // the programme's own site: "Interreg Baltic Sea Region"
	}
	if p.GrantProgramme == "" || strings.EqualFold(p.GrantProgramme, "interreg") || strings.HasPrefix(strings.ToLower(p.GrantProgramme), "interreg ") {
		// An Interreg programme is named in full where the page names it
		// so: "Interreg VI-A NEXT Magyarország-...-Ukrajna Program",
		// "INTERREG VI A Deutschland-Nederland".
		if name := interregName(s.Text); name != "" && (p.GrantProgramme == "" || len(name) > len(p.GrantProgramme) && strings.HasPrefix(strings.ToLower(name), strings.ToLower(p.GrantProgramme))) {
			p.GrantProgramme = name
		}
	}
	if p.Kind == partnergraph.ProjectErasmus && (p.GrantProgramme == "" || strings.HasPrefix(p.GrantProgramme, "Erasmus+ ")) && strings.Contains(s.Text, "Erasmus+") {
		// An Erasmus+ project's programme is Erasmus+, whatever key
		// action a label names after it ("Erasmus+ 2. pamatdarbība – ...")
		p.GrantProgramme = "Erasmus+"
	}
	for _, a := range s.Get(keyProgrammeAreas) {
		p.ProgrammeAreas = append(p.ProgrammeAreas, quotedProgramme(a))
	}
	p.InitiativeTypes = s.Get(keyInitiativeTypes)
	p.Topics = s.Get(keyTopics)
	p.Description = s.Section(SectionDescription)
	p.Results = s.Section(SectionResults)
	p.BilateralResults = s.Section(SectionBilateral)
}

// agendaTimes: two times of day ("09:00 – 09:30", "13.30 ... 13.40"),
// as an event's agenda writes them.
var agendaTimes = regexp.MustCompile(`\b[0-2]?\d[:.][0-5]\d\b.*\b[0-2]?\d[:.][0-5]\d\b`)

// programmePeriod is a funding period written before a programme's name:
// "2014 - 2020 INTERREG V-A Czech Republic - Poland", or after it:
// "Interreg Maďarsko – Slovensko 2021 – 2027".
var programmePeriod = regexp.MustCompile(`^(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\s+|\s+\(?(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}\)?$`)

// headerProgramme: a programme named in a page's header or breadcrumb:
// "Norway Grants 2014-2021 | Justice Programme", "Programme RO20 –
// Domestic and Gender-based Violence".
var headerProgramme = regexp.MustCompile(`(?:^|[|>›»/]\s*)(?:Programme\s+(?:[A-Z]{2}\d{2}\s*[–-]\s*)([A-Z][^|>›»/]{2,90}?)|([A-Z][\p{L}&,' -]{2,60}?)\s+Programme|(?:Programme|Program|Programa|Programul|Programm|Programma|Програма|Πρόγραμμα)\s+[„“"«]([^“”"»]{2,80})[“”"»])\s*(?:$|[|>›»/])`)

// quotedNameRe is a name in quotation marks inside a value.
var quotedNameRe = regexp.MustCompile(`[„“"«]([^„“”"«»]{1,120})[“”"»]`)

// quotedProgramme is the name a programme's value holds in quotation marks,
// without the code, number, funder or period written around it: "LT07
// „Šengeno bendradarbiavimas ...“", "„Правосъдие“, Норвежки финансов
// механизъм 2014-2021", "19 „Корекционни услуги ...“". A value without
// one quoted name is returned as it is.
func quotedProgramme(v string) string {
	if !strings.ContainsAny(v, "„“\"«") {
		return v
	}
	m := quotedNameRe.FindAllStringSubmatch(v, 2)
	if len(m) != 1 || utf8.RuneCountInString(m[0][1]) < 3 || !strings.ContainsFunc(m[0][1], unicode.IsLetter) {
		return v
	}
	return strings.TrimSpace(m[0][1])
}

// interregStart is where an Interreg programme's name begins: the word,
// its strand ("V-A", "VI A") and its kind ("IPA", "NEXT").
var interregStart = regexp.MustCompile(`(?i)\binterreg\b(?:\s+[IVX]+(?:[- ]?[ABC])?\b)?(?:\s+(?:IPA|NEXT|CBC|ENI)\b)*`)

// areaWords may stand in small letters inside an Interreg programme's
// area: "Česká republika – Polsko", "Baltic Sea Region".
var areaWords = map[string]bool{"republika": true, "republic": true, "region": true, "sea": true, "and": true, "und": true,
	"a": true, "og": true, "és": true, "i": true, "si": true, "și": true}

// interregName is the first Interreg programme the text names with its
// area, the word "Programme" after it kept: the strand and kind, then the
// area's words (capitalised, or joined by dashes) up to a mark or a word
// of the sentence. "" when none.
func interregName(text string) string {
	if !strings.Contains(text, "nterreg") && !strings.Contains(text, "NTERREG") {
		return "" // the regexp needs one of them
	}
	for _, loc := range interregStart.FindAllStringIndex(text, 8) {
		rest := text[loc[1]:]
		end, area := 0, 0
		for {
			i := end
			for i < len(rest) && (rest[i] == ' ' || rest[i] == '-' || strings.HasPrefix(rest[i:], "–")) {
				if strings.HasPrefix(rest[i:], "–") {
					i += len("–")
				} else {
					i++
				}
			}
			j := i
			for j < len(rest) {
				r, size := utf8.DecodeRuneInString(rest[j:])
				if !unicode.IsLetter(r) && r != '-' {
					break
				}
				j += size
			}
			w := strings.Trim(rest[i:j], "-")
			if w == "" {
				break
			}
			first, _ := utf8.DecodeRuneInString(w)
			lw := strings.ToLower(w)
			if lw == "programme" || lw == "program" || lw == "programm" {
				end = j
				area = max(area, 1)
				break
			}
			if !unicode.IsUpper(first) && !areaWords[lw] {
				break
			}
			end = j
			if unicode.IsUpper(first) {
				area++
			}
		}
		if area == 0 {
			continue
		}
		name := strings.TrimSpace(text[loc[0] : loc[1]+end])
		for _, w := range []string{" and", " und", " a", " og", " és", " i", " si", " și"} {
			name = strings.TrimSuffix(name, w)
		}
		return name
	}
	return ""
}

// programmeInValues reads a programme that a value of any field names as
// prose would: "Finansiering: Norway Grants 2014–2021, programmet «Domáce
// a rodovo podmienené násilie»".
func programmeInValues(s *Sheet) string {
	for _, f := range s.Fields {
		for _, v := range f.Values {
			if !strings.Contains(v, "rogram") && !strings.Contains(v, "рограма") && !strings.Contains(v, "ρόγραμμα") {
				continue
			}
			for _, g := range proseProgramme.FindAllStringSubmatch(v, -1) {
				if name := strings.TrimSpace(g[1]); name != "" && !strings.Contains(strings.ToLower(name), "grants") && !strings.Contains(name, "Erasmus") {
					return name
				}
			}
		}
	}
	return ""
}

// programmeInProse reads a programme its sentences name as the header's
// would be read: "programmet «Domáce a rodovo podmienené násilie»".
func programmeInProse(s *Sheet) string {
	for _, sec := range s.Sections {
		for _, sn := range sentences(s.Text, sec) {
			if !strings.Contains(sn.Text, "rogram") && !strings.Contains(sn.Text, "рограма") && !strings.Contains(sn.Text, "ρόγραμμα") {
				continue
			}
			for _, g := range proseProgramme.FindAllStringSubmatch(sn.Text, -1) {
				if name := strings.TrimSpace(g[1]); name != "" && !strings.Contains(strings.ToLower(name), "grants") && !strings.Contains(name, "Erasmus") {
					return name
				}
			}
			// unquoted: the capitalised words after the programme word, up
			// to a mark ("z programu Spravedlnost, který ...")
			for _, g := range proseProgrammeBare.FindAllStringSubmatch(sn.Text, -1) {
				name := strings.TrimSpace(g[1])
				lower := strings.ToLower(name)
				if name == "" || strings.Contains(lower, "grants") || strings.Contains(name, "Erasmus") || strings.Contains(lower, "interreg") ||
					labelByStem(name) != "" || hasStem(partnergraph.Fold(lower), norwayStems) || hasStem(lower, []string{"operat", "partner", "area"}) ||
					typeOf(name) == typeOrg || typeOf(name) == typeCountry {
					continue // ("Programme Operator", a fund, a body, a country)
				}
				return name
			}
		}
	}
	return ""
}

// proseProgramme: a programme word, in any case ("programos",
// "programu", "програмата"), and the name in quotes after it.
var proseProgramme = regexp.MustCompile(`(?i)(?:\bprogram\pL*|програм\pL*|πρόγραμμ\pL*)\s+[„“"«‚»]([^“”"»«‘’]{3,90})[“”"»«‘’]`)

// unquoted is a title without the quotation marks around all of it
// ("„ComPen – Competențe noi pentru educatorii din penitenciare”").
func unquoted(t string) string {
	for _, q := range [][2]string{{"„", "”"}, {"„", "“"}, {"“", "”"}, {"«", "»"}, {"\"", "\""}, {"‚", "‘"}} {
		if strings.HasPrefix(t, q[0]) && strings.HasSuffix(t, q[1]) && len(t) > len(q[0])+len(q[1]) {
			inner := t[len(q[0]) : len(t)-len(q[1])]
			if !strings.ContainsAny(inner, "„“”«»\"") {
				return strings.TrimSpace(inner)
			}
		}
	}
	return t
}

// activeCitizensFund is the Active Citizens Fund as the page names it, in
// any of the grants' languages: the programme of its NGO projects; ""
// when the page does not name it.
func activeCitizensFund(text string) string {
	if !containsAny(text, acfCitizens) {
		return "" // (the word for citizens, without lower-casing the page)
	}
	lower := strings.ToLower(text)
	for _, n := range acfNames {
		if i := strings.Index(lower, n); i >= 0 && len(lower) == len(text) {
			return text[i : i+len(n)]
		}
	}
	return ""
}

// acfCitizens are the middles of the words for citizens in acfNames.
var acfCitizens = []string{"itizen", "ržavljan", "rađan", "bywatel", "bčan", "llampolg", "iliečių", "etățeni", "раждани", "odanike", "edzīvotāj",
	"idadãos", "ittadini", "ολιτών"}

// acfNames are the Active Citizens Fund's names, lower case.
var acfNames = []string{"active citizens fund", "sklad za aktivno državljanstvo", "fond za aktivno građanstvo", "fundusz aktywni obywatele",
	"fond aktivních občanů", "fond pre mimovládne organizácie", "aktív állampolgárok alap", "aktyvių piliečių fondas", "fondul cetățeni activi",
	"фонд активни граждани", "aktiivsete kodanike fond", "aktīvo iedzīvotāju fonds", "fundo cidadãos ativos", "fondo cittadini attivi",
	"ταμείο ενεργών πολιτών"}

// proseProgrammeBare: a programme word, in any case, and the capitalised
// words of a name after it (small words between them), closed by a mark.
var proseProgrammeBare = regexp.MustCompile(`(?:\b[pP]rogram\pL*|програм\pL*|πρόγραμμ\pL*)\s+(\p{Lu}[\p{L}-]*(?:\s+(?:\p{Ll}{1,3}\s+)?\p{Lu}[\p{L}-]*){0,4})[,.;(]`)

// programmeInHeader reads the programme a page's header names, in the
// lines above its facts and prose.
func programmeInHeader(s *Sheet) string {
	end := min(len(s.Text), 1500)
	for _, f := range s.Fields {
		end = min(end, f.Start)
	}
	for line := range strings.SplitSeq(s.Text[:end], "\n") {
		if !strings.Contains(line, "Programme") && !strings.Contains(line, "rogram") && !strings.Contains(line, "рограма") && !strings.Contains(line, "ρόγραμμα") {
			continue // headerProgramme needs one of them
		}
		for _, g := range headerProgramme.FindAllStringSubmatch(strings.TrimSpace(line), -1) {
			name := strings.TrimSpace(g[1] + g[2] + g[3])
			if name != "" && !strings.Contains(strings.ToLower(name), "grants") && !strings.Contains(name, "Erasmus") {
				return name
			}
		}
	}
	return ""
}

// codeInText finds a project number in a page's text: an Erasmus+ code or
// a grants number (LT14-0004, RO-JUSTICE-0002) standing as a word.
// Only a number the page gives as its own counts: in an address (a
// project card's URL), after words that introduce it ("project number",
// "reference"), in a labelled fact, or in the page's head; and only when the page gives no
// other: a page that names another project's number ("it builds on
// LT14-0004") must not become that project.
// codeWordBefore: one of the last words before a number is one the
// labels' stems read as a project number's, in any language ("numer
// projektu", "číslo projektu", "azonosítója", "broj projekta").
func codeWordBefore(before string) bool {
	ws := strings.Fields(before)
	for i := len(ws) - 1; i >= 0 && i >= len(ws)-3; i-- {
		w := strings.Trim(ws[i], ",.;:()")
		if labelByStem(w) == keyCode || w == "nr" || w == "no" && i == len(ws)-1 || w == "č" || w == "br" {
			return true // ("projektą Nr. LT-JUSTICE-0394", "project No. ...")
		}
	}
	return false
}

// quotedSpan is a text in quotation marks of any of the pages' kinds.
var quotedSpan = regexp.MustCompile(`[„“"«»‚]([^„“”"«»‚‘’]{1,160})[”“"»«‘’]`)

// mostlyCapitalised: half the words of the line or more, small joining
// words aside, begin with a capital, as a name's do ("Haridus- ja
// Noorteamet"); a heading in sentence case has one.
func mostlyCapitalised(t string) bool {
	caps, words := 0, 0
	for _, w := range strings.Fields(t) {
		if connectors[strings.ToLower(w)] || len(w) <= 2 {
			continue
		}
		words++
		if isCapitalised(w) {
			caps++
		}
	}
	return words > 0 && 2*caps >= words
}

// siteNamed writes a name in full where the sentence names the site's
// owner as the site's first line does, and the candidate read only a part
// of it: "um projeto da Associação Plano i, ..." ("Associação Plano" stops
// before the small "i").
func siteNamed(cs []candidate, sentence, site string) []candidate {
	if site == "" || len(site) > 80 || !strings.Contains(sentence, site) {
		return cs
	}
	for i, c := range cs {
		if c.Acronym == "" && len(c.Name) < len(site) && strings.HasPrefix(site, c.Name) && strings.Contains(sentence, c.Name) {
			cs[i].Name, cs[i].Weak = site, false
		}
	}
	return cs
}

// namesBilateralInitiative: the page's title or its first paragraphs
// call what it is about a bilateral initiative, in any of the pages'
// languages ("διμερής πρωτοβουλία", "bilaterální iniciativa", "inițiativa
// bilaterală"): a word of the one within two words of a word of the
// other.
func namesBilateralInitiative(s *Sheet) bool {
	text := s.Title
	for i, sec := range s.Sections {
		if i == 2 {
			break
		}
		text += "\n" + s.Text[sec.Start:min(sec.End, sec.Start+800)]
	}
	ws := foldedWords(greekTonos.Replace(strings.ToLower(text)))
	for i, w := range ws {
		if !hasStem(w, bilateralStems) {
			continue
		}
		for j := max(0, i-2); j < len(ws) && j <= i+2; j++ {
			if j != i && hasStem(ws[j], initiativeStems) {
				return true
			}
		}
	}
	return false
}

var (
	bilateralStems  = []string{"bilateral", "bilateráln", "bilateraln", "διμερ", "двустран", "dvostran", "dvišal", "dvisal", "divpusej", "kahepool", "ketoldal", "kétoldal", "tvihlid", "dwustronn"}
	initiativeStems = []string{"initiativ", "iniciativ", "inicjatyw", "initiativ", "πρωτοβουλ", "инициатив", "iniciatyv", "algatus", "kezdemenyez", "kezdeményez"}
)

// quotedProjectTitle is the name the first paragraphs of a page give its
// project in quotation marks, a word for a project within three words
// before or after it: "Prosjektet «Barnevennlig rettspleie – ...»", "A
// „Biztonságos átkelés – ...” című projekt", "the project "Safe Home"".
// "" when they name none, or two.
// titleStems begin the words for a title in the pages' languages, folded.
var titleStems = []string{"title", "tittel", "titel", "titul", "titol", "titre", "nazev", "nazov", "naziv", "naslov", "tytul",
	"pavadinim", "nosaukum", "pealkir", "cime", "заглави", "наименовани", "τιτλ", "τίτλ"}

func quotedProjectTitle(s *Sheet) string {
	if !strings.ContainsAny(s.Text, "„“\"«»‚") {
		return ""
	}
	found := ""
	for i, sec := range s.Sections {
		if i == 2 {
			break // the first paragraphs
		}
		text := s.Text[sec.Start:min(sec.End, sec.Start+1200)]
		for _, m := range quotedSpan.FindAllStringSubmatchIndex(text, 4) {
			name := strings.TrimSpace(text[m[2]:m[3]])
			if len(strings.Fields(name)) < 2 || len(name) < 8 || strings.Contains(name, "\n") {
				continue // (a name in quotation marks stays on its line)
			}
			// the words beside it, within its sentence
			b := text[max(0, m[0]-40):m[0]]
			if k := sentenceEndIn(b); k >= 0 {
				b = b[k+2:]
			}
			a := text[m[1]:min(len(text), m[1]+40)]
			if k := strings.Index(a, ". "); k >= 0 {
				a = a[:k]
			}
			before, after := foldedWords(b), foldedWords(a)
			if len(before) > 0 && strings.HasPrefix(before[len(before)-1], "program") {
				continue // "programos „Teisingumas ir vidaus reikalai“": the programme's name
			}
			near := false
			for i := len(before) - 1; i >= 0 && i >= len(before)-3; i-- {
				// ("har tittelen «...»": a word for a title names it too)
				near = near || isProjectWord(before[i]) || hasPrefixAny(before[i], titleStems)
			}
			for i := 0; i < len(after) && i < 3; i++ {
				near = near || isProjectWord(after[i])
			}
			if !near {
				continue
			}
			if found != "" && found != name {
				return ""
			}
			found = name
		}
	}
	return found
}

// sentenceEndIn is the index of the last ". " in s that ends a sentence,
// not an abbreviation ("Nr. LT-JUSTICE-0394", "No. 5"): the word before it
// has four letters or more. -1 when there is none.
func sentenceEndIn(s string) int {
	for k := strings.LastIndex(s, ". "); k >= 0; k = strings.LastIndex(s[:k], ". ") {
		w := s[:k]
		if i := strings.LastIndexAny(w, " \n"); i >= 0 {
			w = w[i+1:]
		}
		if utf8.RuneCountInString(w) >= 4 {
			return k
		}
	}
	return -1
}

// isProjectWord: a folded word for a project, in any case of the pages'
// languages ("prosjektet", "projektu", "proiectul", "проектът").
func isProjectWord(w string) bool {
	switch w {
	case "εργο", "έργο", "εργου", "έργου", "проект", "проекта", "проектът":
		return true
	}
	for _, p := range []string{"project", "projekt", "prosjekt", "proiect", "projet", "proyect", "progett", "projeto", "проект", "projekat", "projekti",
		"initiative", "iniciativ", "inicjatyw", "inițiativ", "initiativ", "iniciatīv", "инициатив", "πρωτοβουλ", "hanke", "hankk", "hanket"} {
		if strings.HasPrefix(w, p) {
			return true
		}
		// a compound ending in it: "mobilitetsprojektet",
		// "Kooperationsprojekt", "samenwerkingsproject"
		if i := strings.Index(w, p); i >= 3 && len(w)-i-len(p) <= 3 {
			return true
		}
	}
	return false
}

// titleCode is a title with a code in parentheses after it.
var titleCode = regexp.MustCompile(`^(.{3,}?)\s*\(([A-Z][A-Z0-9]*(?:[-/._][A-Z0-9]+)+)\)$`)

// titleCodeOf is titleCode's match of a title, which must end in ")".
func titleCodeOf(title string) []string {
	if !strings.HasSuffix(title, ")") {
		return nil
	}
	return titleCode.FindStringSubmatch(title)
}

// anyCode is a number of any programme's form: capitals and digits in
// parts joined by dashes, slashes or dots ("ROBG-531",
// "HUSKROUA/24/RI/3.2/112"), or capitals glued to digits ("DGV02006").
var anyCode = regexp.MustCompile(`\b[A-Z][A-Z0-9]*(?:[-/._][A-Z0-9]+)+\b|\b[A-Z]{2,}\d{3,}\b`)

// codeAfterWord finds a project number of any form that a word for it
// introduces in the text, in the pages' languages ("azonosítója
// HUSKROUA/24/RI/3.2/112", "project number ROBG-531", "kód projektu
// DGV02006"): the first one, when no two differ.
func codeAfterWord(text string) string {
	found := ""
	for _, loc := range anyCode.FindAllStringIndex(text, 40) {
		m := text[loc[0]:loc[1]]
		if !strings.ContainsAny(m, "0123456789") || len(m) < 5 || len(m) > 40 {
			continue
		}
		if !codeWordBefore(strings.ToLower(text[max(0, loc[0]-40):loc[0]])) {
			continue
		}
		switch {
		case found == "":
			found = m
		case found != m:
			return ""
		}
	}
	return found
}

func codeInText(s *Sheet) string {
	text := s.Text
	if !mayHoldCode(text) {
		return ""
	}
	// The page's head: before its first section of prose.
	head := min(len(text), 600)
	for _, sec := range s.Sections {
		head = min(head, sec.Start)
	}
	found := ""
	for _, loc := range codeInTextRe.FindAllStringIndex(text, 8) {
		m := text[loc[0]:loc[1]]
		if !erasmusCode.MatchString(m) && codeCountry(m) == "" {
			continue
		}
		before := strings.ToLower(text[max(0, loc[0]-40):loc[0]])
		// ("... the project\n"Title of the project"\n(PL-JUSTICE-0462)": the
		// number in parentheses after the project's quoted name)
		quotedBefore := strings.HasSuffix(strings.TrimRight(before, " \n("), "\"") || strings.HasSuffix(strings.TrimRight(before, " \n("), "”")
		own := loc[0] < head || quotedBefore && strings.HasSuffix(strings.TrimRight(before, " \n"), "(") || strings.Contains(before, "http") || strings.Contains(before, "/") ||
			strings.Contains(before, "number") || strings.Contains(before, "reference") || strings.Contains(before, "code") ||
			strings.Contains(before, "project id") || strings.Contains(before, "identifier") ||
			inField(s, loc[0]) || codeWordBefore(before)
		switch {
		case !own:
		case found == "":
			found = m
		case found != m:
			return "" // two numbers: the page does not say which is its own
		}
	}
	return found
}

// inField: the offset is within a labelled fact ("Funding: Erasmus+
// KA220-ADU (n. 2022-1-RO01-KA220-ADU-000091846)"), which speaks of the
// page's own project.
func inField(s *Sheet, off int) bool {
	for _, f := range s.Fields {
		if f.Start <= off && off < f.End {
			return true
		}
	}
	return false
}

// mayHoldCode: two capitals then a digit or a hyphen somewhere in the
// text, without which codeInTextRe cannot match.
func mayHoldCode(text string) bool {
	for i := 0; i+2 < len(text); i++ {
		if isUpperASCII(text[i]) && isUpperASCII(text[i+1]) && (text[i+2] == '-' || '0' <= text[i+2] && text[i+2] <= '9') {
			return true
		}
	}
	return false
}

var codeInTextRe = regexp.MustCompile(`\b(?:\d{4}-\d-[A-Z]{2}\d{2}-KA\d{3}(?:-[A-Z]{3})?-\d{6,10}|[A-Z]{2}(?:\d{2}-\d{3,5}|-[A-Z]+-[A-Z]*\d{2,5}))\b`)

// norwayNames and eeaNames are the financial mechanisms' names in the
// pages' languages, lower-cased.
var (
	norwayNames = []string{"norway grants", "norwegian financial mechanism", "norweski mechanizm finansowy", "norský finanční mechanismus",
		"nórsky finančný mechanizmus", "норвежки финансов механизъм", "mecanismul financiar norvegian", "norvēģijas finanšu instrument",
		"norvegijos finansinis mechanizmas", "norveški financijski mehanizam", "norveški finančni mehanizem", "norvég finanszírozási mechanizmus",
		"fondurile norvegiene", "granty norweskie", "norské fondy", "norwegische finanzierungsmechanismus", "norska fjármagnskerfið",
		"norgesmidl"} // Norwegian: "Norgesmidlene"
	eeaNames = []string{"eea grants", "eea financial mechanism", "mechanizm finansowy eog", "fundusze eog", "finanční mechanismus ehp",
		"finančný mechanizmus ehp", "финансов механизъм на еип", "mecanismul financiar see", "granturile see", "eee finanšu instrument",
		"financijski mehanizam egp", "ehp-alapok", "fondos eee", "eea-midlene", "active citizens fund", "fond za aktivno građanstvo",
		"uppbyggingarsjóð"} // Icelandic: "Uppbyggingarsjóður EES"
)

// norwayStems and eeaStems begin the words for Norway's and the EEA's
// funds, and mechanismStems the words for a financial mechanism, in any
// case of the pages' languages: "Norvegijos finansinio mechanizmo" is the
// Norwegian Financial Mechanism as much as "Norvegijos finansinis
// mechanizmas".
var (
	norwayStems    = []string{"norveg", "norweg", "norwes", "norsk", "norvég", "норвеж", "norvēģ", "nórsk", "norra", "norvešk", "norvesk", "νορβηγ"}
	eeaStems       = []string{"eea", "ehp", "egp", "eog", "see", "еип", "eee", "eez", "εοχ"}
	mechanismStems = []string{"mechaniz", "mehaniz", "механиз", "mecanism", "mecanism", "mechanism", "finanšu instrument", "finantsmehh", "μηχανισμ",
		// the grants as funds: "Funduszy Norweskich", "fondurile norvegiene",
		// "Norra toetuste"
		"fundusz", "fondur", "fondy", "fondov", "fondů", "fonduri", "toetus"}
)

// mechanismOf: a word that begins with one of the stems stands within
// three words before a word for a financial mechanism.
func mechanismOf(lower string, stems []string) bool {
	// (a word that begins with a stem holds it; "finanšu instrument" may
	// wrap over a line)
	if !containsAny(lower, mechanismStems) && !strings.Contains(lower, "instrument") {
		return false
	}
	return mechanismCount(lower, stems) > 0
}

// mechanismCount is how many times a word that begins with one of the
// stems stands within three words of a word for a financial mechanism or
// the grants' funds, after it or before it ("Finančnega mehanizma EGP",
// "Χρηματοδοτικού Μηχανισμού Νορβηγίας", "Funduszy Norweskich").
func mechanismCount(lower string, stems []string) int {
	n := 0
	words := strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range words {
		if !hasPrefixAny(w, stems) {
			continue
		}
		for j := max(0, i-3); j < len(words) && j <= i+3; j++ {
			if j == i {
				continue
			}
			if hasPrefixAny(words[j], mechanismStems) || words[j] == "finanšu" && j+1 < len(words) && strings.HasPrefix(words[j+1], "instrument") {
				n++
				break
			}
		}
	}
	return n
}

func hasPrefixAny(w string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// funderMentions: a page that names one financial mechanism and not the
// other is funded by it.
func funderInText(text string) string {
	lower := strings.ToLower(text)
	norway := containsAny(lower, norwayNames) || mechanismOf(lower, norwayStems)
	eea := containsAny(lower, eeaNames) || mechanismOf(lower, eeaStems)
	switch {
	case strings.Contains(lower, "eea and norway grants") || strings.Contains(lower, "eea & norway grants"):
		// Both named as one: only a "From ... Grants" label tells.
		lower = strings.NewReplacer("eea and norway grants", "", "eea & norway grants", "").Replace(lower)
		norway = containsAny(lower, norwayNames)
		eea = containsAny(lower, eeaNames)
	}
	switch {
	case norway && !eea:
		return partnergraph.NorwayGrants.ID
	case eea && !norway:
		return partnergraph.EEAGrants.ID
	case norway && eea:
		// Both named (a focal point's name in the footer holds both): the
		// one the page names more often.
		nn := mechanismCount(lower, norwayStems) + countAny(lower, norwayNames)
		ne := mechanismCount(lower, eeaStems) + countAny(lower, eeaNames)
		if nn > ne+1 {
			return partnergraph.NorwayGrants.ID
		}
		if ne > nn+1 {
			return partnergraph.EEAGrants.ID
		}
	}
	return ""
}

// countAny counts the occurrences of the words in s.
func countAny(s string, words []string) int {
	n := 0
	for _, w := range words {
		n += strings.Count(s, w)
	}
	return n
}

// extractMoney reads the costs and the grant, each with its currency. An
// amount in another currency than the rest is not mixed in: euros win,
// and the others are warned about. Amounts the facts do not give may be
// stated in the prose ("a grant of EUR 1.15 million").
func extractMoney(r *Record) {
	s, p := r.Sheet, &r.Project
	type amount struct {
		v        int64
		currency string
	}
	read := func(key string) *amount {
		v := s.Value(key)
		if v == "" {
			return nil
		}
		if !fitsField(key, v) {
			// "Finansiering: Norway Grants 2014–2021" above "Tilskudd
			// fra Norge: 2 millioner euro": the field of that key whose
			// value is an amount.
			for _, f := range s.Fields {
				if w := strings.Join(f.Values, " "); f.Key == key && w != "" && fitsField(key, w) {
					v = w
					break
				}
			}
		}
		if len(v) <= 24 {
			// One amount: "€ 1,244,890", "PLN 1 824 355,00".
		} else if ms := proseMoney.FindAllString(v, 3); len(ms) > 1 {
			// "2 345 678,90 PLN / 512 345 EUR": the amount in euros.
			for _, m := range ms {
				if currencyOf(m) == "EUR" {
					v = m
					break
				}
			}
		}
		a, currency, err := parseMoney(v)
		if err != nil {
			r.warn("%s: %v", labelOf(s, key), err)
			return nil
		}
		if currency == "" {
			currency = currencyOf(labelOf(s, key)) // "Grant (CZK)", "EU Grant (Eur)"
		}
		return &amount{a, currency}
	}
	initial, final := read(keyInitialCost), read(keyFinalCost)
	var grant *amount
	for _, g := range []struct {
		key    string
		funder partnergraph.Funder
	}{{keyGrantNorway, partnergraph.NorwayGrants}, {keyGrantEEA, partnergraph.EEAGrants}, {keyGrantEU, partnergraph.ErasmusPlus}} {
		if _, ok := s.FieldOf(g.key); ok && p.Funding.FunderID == "" {
			p.Funding.FunderID = g.funder.ID
			grant = read(g.key)
		}
	}
	if grant == nil {
		grant = read(keyGrant)
	}
	if p.Funding.FunderID == "" {
		switch {
		case p.Kind == partnergraph.ProjectErasmus:
			p.Funding.FunderID = partnergraph.ErasmusPlus.ID
		default:
			p.Funding.FunderID = funderInText(s.Text)
		}
	}
	if grant == nil {
		// "Budget: 9.412.340 lei, of which 8.000.489 lei Norway Grants
		// (85%) and ...": a grant inside another amount's value.
		for _, key := range []string{keyFinalCost, keyInitialCost} {
			xs := amountsIn(s.Value(key))
			for _, x := range xs[min(1, len(xs)):] {
				if x.what == "grant" && grant == nil {
					grant = &amount{x.a.v, x.a.currency}
				}
			}
		}
	}
	if grant == nil || final == nil {
		pg, pf := moneyInProse(s)
		if grant == nil && pg != nil {
			grant = &amount{pg.v, pg.currency}
			r.warn("grant %s read from the sentence %q", pg.text, pg.sentence)
		}
		if final == nil && pf != nil && (grant == nil || pf.v >= grant.v) {
			final = &amount{pf.v, pf.currency}
			r.warn("total cost %s read from the sentence %q", pf.text, pf.sentence)
		}
	}
	// One currency for the project's amounts: euros when any amount is in
	// euros (or names no currency), else the currency they share.
	currency := ""
	for _, a := range []*amount{initial, final, grant} {
		if a != nil && (currency == "" || a.currency == "EUR" || a.currency == "") {
			if a.currency != "" || currency == "" {
				currency = a.currency
			}
		}
	}
	keep := func(a *amount, what string) *int64 {
		if a == nil {
			return nil
		}
		if a.currency != currency && a.currency != "" {
			r.warn("%s is %d %s, not in %s like the rest: left out", what, a.v, a.currency, currency)
			return nil
		}
		v := a.v
		return &v
	}
	p.Funding.InitialCost = keep(initial, "initial cost")
	p.Funding.FinalCost = keep(final, "final cost")
	p.Funding.Grant = keep(grant, "grant")
	if p.Funding.InitialCost != nil || p.Funding.FinalCost != nil || p.Funding.Grant != nil {
		p.Funding.Currency = currency
		if currency == "" {
			// The currency the page names elsewhere ("Bewilligte EU-Mittel
			// in Euro"); else the grants' and Erasmus+'s, euros.
			p.Funding.Currency = pageCurrency(s.Text)
			if p.Funding.Currency == "" && p.Funding.FunderID != "" {
				p.Funding.Currency = "EUR"
			}
		}
	}
}

// pageCurrency is the one currency a page names, "" when it names none or
// several.
func pageCurrency(text string) string {
	found := ""
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '€' }) {
		c := currencyWords[w]
		if w == "€" || strings.Contains(w, "€") {
			c = "EUR"
		}
		if c == "" || c == found {
			continue
		}
		if found != "" {
			return ""
		}
		found = c
	}
	return found
}

// extractDates reads the start, the end (or a period that gives both) and
// the duration.
func extractDates(r *Record) {
	s, p := r.Sheet, &r.Project
	// The page's language, where a month's word means another month in
	// another language ("listopad").
	lang, langRead := "", false
	parseDateIn := func(v string, end bool) (string, error) {
		if !langRead && strings.Contains(partnergraph.Fold(v), "listopad") {
			lang, langRead = languageCountry(s.Text), true
		}
		return parseDateLang(v, end, lang)
	}
	date := func(key string, end bool) string {
		v := s.Value(key)
		if v == "" {
			return ""
		}
		if from, to, ok := splitPeriod(v); ok {
			// "Starting date 01.09.2023 – 31.08.2024": a period under a
			// label of one of its ends.
			v = from
			if end {
				v = to
			}
		}
		d, err := parseDateIn(v, end)
		if err != nil {
			r.warn("%s: %v", labelOf(s, key), err)
		}
		return d
	}
	p.StartDate, p.EndDate = date(keyStartDate, false), date(keyEndDate, true)
	if p.EndDate == "" && s.Value(keyEndDate) == "" {
		if _, to, ok := splitPeriod(s.Value(keyStartDate)); ok {
			p.EndDate, _ = parseDateIn(to, true)
		}
	}
	for _, key := range []string{keyPeriod, keyDuration} {
		if from, to, ok := splitPeriod(s.Value(key)); ok && p.StartDate == "" && p.EndDate == "" {
			p.StartDate, _ = parseDateIn(from, false)
			p.EndDate, _ = parseDateIn(to, true)
		}
	}
	if v := s.Value(keyDuration); v != "" {
		if n, err := parseDuration(v); err == nil {
			p.DurationMonths = n
		} else if _, _, ok := splitPeriod(v); !ok {
			r.warn("%s: %v", labelOf(s, keyDuration), err)
		}
	}
	if p.StartDate == "" && p.EndDate == "" {
		// "The project runs from 1.11.2023 to 31.10.2026."
		if from, to, ok := periodInProse(s); ok {
			p.StartDate, p.EndDate = from, to
		}
	}
	if p.DurationMonths == 0 && p.StartDate != "" && p.EndDate != "" {
		p.DurationMonths = monthsBetween(p.StartDate, p.EndDate)
	}
}

// extractErasmus reads an Erasmus+ project's code, call year, key action
// and action type. The words a page gives ("Cooperation partnerships in
// adult education") win over the letters of the code (KA220).
func extractErasmus(r *Record) {
	s, p := r.Sheet, &r.Project
	ec, ok := ParseErasmusCode(p.Code)
	if !ok {
		if p.Kind != partnergraph.ProjectErasmus {
			return
		}
		ec = &partnergraph.ErasmusCode{}
	}
	if v := s.Value(keyKeyAction); v != "" {
		ec.KeyAction = v
	}
	if v := s.Value(keyActionType); v != "" {
		ec.ActionType = v
	}
	pageActions(s.Text, ec)
	if ec.CallYear == 0 {
		fmt.Sscanf(strings.TrimLeft(s.Value(keyCallYear), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ :"), "%d", &ec.CallYear)
	}
	if ec.CallYear != 0 || ec.KeyAction != "" || ec.ActionType != "" {
		p.Erasmus = ec
	}
}

// actionWords is a line's Erasmus+ action as the page names it: its code
// and a dash, then its name ("KA220-VET – Koostööpartnerlused ...",
// "Pályázattípus: KA220-ADU – ..."); keyActionWords the same for the key
// action ("KA2 – ...", "Key Action 1 – ...", "Action clé 2 – ...").
var (
	actionWords    = regexp.MustCompile(`\b(KA\d{3})(?:-[A-Z]{3})?\s+[–-]\s+\p{L}[^()\n]*`)
	keyActionWords = regexp.MustCompile(`(?i)\b(?:KA\d|Key Action \d|Action clé \d|Leitaktion \d|Azione chiave \d|Acción clave \d|Ação-chave \d|Kľúčová akcia \d|Klíčová akce \d|Akcja kluczowa \d|Kulcstevékenység \d|Acțiune cheie \d)\s+[–-]\s+\p{L}[^()\n]*`)
	actionCodeOnly = regexp.MustCompile(`^(?:KA\d{3}(?:-[A-Z]{3})?|KA\d|\d)$`)
)

// pageActions takes the action and key action as the page words them,
// from any short line, when the labels gave a code alone or nothing: the
// words a page gives win over the code's letters.
func pageActions(text string, ec *partnergraph.ErasmusCode) {
	if !strings.Contains(text, "KA") && !strings.Contains(text, "ction") {
		return
	}
	action := ec.ActionType == "" || actionCodeOnly.MatchString(ec.ActionType)
	key := ec.KeyAction == "" || actionCodeOnly.MatchString(ec.KeyAction) || actionWords.MatchString(ec.KeyAction)
	for l := range strings.Lines(text) {
		if len(l) > 200 || !action && !key || !strings.Contains(l, " –") && !strings.Contains(l, " -") {
			continue // (both need a dash after the code)
		}
		if m := actionWords.FindStringSubmatch(l); action && m != nil && (ec.ActionType == "" || strings.HasPrefix(ec.ActionType, m[1]) || strings.HasPrefix(m[1], ec.ActionType)) {
			ec.ActionType, action = strings.TrimSpace(m[0]), false
			continue
		}
		if m := keyActionWords.FindString(l); key && m != "" && !actionWords.MatchString(m) {
			ec.KeyAction, key = strings.TrimSpace(m), false
		}
	}
	if action {
		// "(KA210-ADU)" in a sentence: the action with its field as the page
		// writes it, over the bare code read from the project's number
		for _, m := range writtenAction.FindAllStringSubmatch(text, -1) {
			if ec.ActionType == "" || strings.HasPrefix(m[1], ec.ActionType) {
				ec.ActionType = m[1]
				break
			}
		}
	}
}

// writtenAction is an action's code with its field standing on its own,
// not inside a project's number: "KA220-ADU", "(KA122-VET)".
var writtenAction = regexp.MustCompile(`(?:^|[^-\w])(KA\d{3}-[A-Z]{2,4})(?:$|[^-\w])`)

// extractPlaces reads the country and the places the project is carried
// out in.
func extractPlaces(r *Record) {
	s, p := r.Sheet, &r.Project
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
			if c, ok := entity.CountryByName(part); ok {
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
}

// extractGroups reads the target groups.
func extractGroups(r *Record) {
	p := &r.Project
	for _, g := range r.Sheet.Get(keyTargetGroups) {
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
}

// extractFactOrgs reads the organisations of the facts block, cleaned of
// the role, country and acronym glued to them (entity.Clean), and split
// where two are coordinated in one value.
func extractFactOrgs(r *Record) {
	s := r.Sheet
	addFact := func(raw string, role partnergraph.Role, listed bool, ev partnergraph.Evidence) {
		for _, part := range entity.SplitCoordination(raw, knownName) {
			if f, ok := cleanFact(part, role, listed, ev); ok {
				r.Facts = append(r.Facts, f)
			}
		}
	}
	// "Lead Partner: X" then "Address: Ostrava, Czech Republic": the
	// country of the address is X's.
	addressCountry := map[int]string{}
	for i, f := range s.Fields {
		if f.Key != keyAddress || i == 0 {
			continue
		}
		parts := strings.Split(f.Value(), ",")
		if c, ok := entity.CountryByName(strings.TrimSpace(parts[len(parts)-1])); ok && c.Name != "" {
			addressCountry[i-1] = c.Code
		}
	}
	withAddress := func(i int, from int) {
		if c, ok := addressCountry[i]; ok {
			for j := from; j < len(r.Facts); j++ {
				if r.Facts[j].Country == "" {
					r.Facts[j].Country = c
				}
			}
		}
	}
	factsList := func(key string, role partnergraph.Role, listed bool) {
		for i, f := range s.Fields {
			if f.Key != key {
				continue
			}
			from := len(r.Facts)
			for _, v := range f.Values {
				if name := strings.TrimSpace(v); name != "" {
					addFact(name, role, listed, factEvidence(s, r.Document.ID, f, v))
				}
			}
			withAddress(i, from)
		}
	}
	if i := slices.IndexFunc(s.Fields, func(f Field) bool { return f.Key == keyPromoter && len(f.Values) > 0 }); i >= 0 {
		// The promoter's value lines are one name; it is never junk.
		f := s.Fields[i]
		fact, _ := cleanFact(strings.Join(f.Values, " "), partnergraph.RolePromoter, false, factEvidence(s, r.Document.ID, f, f.Values[0]))
		fact.Placed = f.Label == "(no label)"
		r.Facts = append(r.Facts, fact)
		withAddress(i, len(r.Facts)-1)
	} else {
		r.warn("no project promoter")
	}
	factsList(keyDonorPartners, partnergraph.RoleDonorProjectPartner, false)
	factsList(keyOtherPartners, partnergraph.RoleProjectPartner, false)
	factsList(keyPartners, partnergraph.RoleProjectPartner, true)
	factsList(keyMentioned, partnergraph.RoleMentioned, false)
}

// withoutProgrammes drops the candidates that are the page's programme or
// programme area ("Home Affairs", "Correctional Services"): a programme is
// no organisation.
func withoutProgrammes(cs []candidate, s *Sheet) []candidate {
	if len(cs) == 0 {
		return cs
	}
	names := map[string]bool{}
	for _, key := range []string{keyProgramme, keyProgrammeAreas} {
		for _, v := range s.Get(key) {
			names[nameKey(v)] = true
		}
	}
	if len(names) == 0 {
		return cs
	}
	kept := cs[:0]
	for _, c := range cs {
		if !names[nameKey(c.Name)] {
			kept = append(kept, c)
		}
	}
	return kept
}

// extractProse reads the sentences: organisation candidates, programmes,
// outcomes, dates and places.
func extractProse(r *Record) {
	s, p := r.Sheet, &r.Project
	// The lines above the page's title name the body that runs the site
	// ("Kriminalforsorgen", "Ministerul Justiției", "Γραφείο Τύπου και
	// Πληροφοριών"): organisations the page mentions.
	head := len(s.Text)
	if s.Title != "" {
		if at := strings.Index(s.Text, s.Title); at >= 0 {
			head = at
		}
	}
	if s.Site != "" {
		if at := strings.Index(s.Text, s.Site); at >= 0 && at+len(s.Site) > head {
			head = at + len(s.Site)
		}
	}
	for n, l := range splitLinesAt(s.Text, 0, min(head, 600)) {
		if n == 6 {
			break
		}
		if t := strings.TrimSpace(l.text); len(strings.Fields(t)) <= 12 && !strings.ContainsAny(t, "|>›»") && !spacedMenu(t) && mostlyCapitalised(t) && typeOf(t) == typeOrg {
			r.Sentences = append(r.Sentences, sentence{Section: SectionSite, Text: t, Start: l.start, End: l.start + len(t)})
		}
	}
	for _, sec := range s.Sections {
		r.Sentences = append(r.Sentences, sentences(s.Text, sec)...)
	}
	r.Candidates = make([][]candidate, len(r.Sentences))
	for i, sn := range r.Sentences {
		r.Candidates[i] = siteNamed(withoutProgrammes(candidates(sn.Text), s), sn.Text, s.Site)
		// "The Ministry of Justice, which operates the programme", on a
		// Polish page: every country has one, and the page's country says
		// which.
		for j, c := range r.Candidates[i] {
			if c.Weak && p.CountryCode != "" && nationalInstitution.MatchString(nameKey(c.Name)) {
				if named := withCountry(c.Name, p.CountryCode); named != c.Name {
					r.Candidates[i][j].Name, r.Candidates[i][j].Weak, r.Candidates[i][j].National = named, false, true
					r.Candidates[i][j].Start, r.Candidates[i][j].End = strings.Index(sn.Text, c.Name), strings.Index(sn.Text, c.Name)+len(c.Name)
				}
			}
		}
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
		r.warn("no description or results text")
	}
	p.Themes = ThemesIn(p.Title + "\n" + p.Description + "\n" + p.Results + "\n" + p.BilateralResults + "\n" + strings.Join(s.Get(keyTargetGroups), "\n"))
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
