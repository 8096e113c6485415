// Package entity cleans and compares the names organisations go by on
// project sheets. It is the part of organisation resolution that looks at
// one or two names at a time; ingest's resolver clusters a corpus's names
// with it. Everything here is pure.
//
// Real sheets write one organisation many ways: with a role glued in front
// ("DPP – University College ...", "Promoter Estonian ..."), with its country
// glued behind ("...(NO)", "... from Romania", "Ministry of Justice -
// Bulgaria(BG)"), with its acronym ("... (KRUS)"), with typographic
// apostrophes, with a word more or less ("Estonian [National] Social
// Insurance Board"), or coordinated with another ("X and KRUS").
package entity

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// Name is a raw name taken apart.
type Name struct {
	Name    string            // the organisation's name, cleaned
	Acronym string            // an acronym given with it: "... (KRUS)"
	Country string            // ISO code of a country marker glued to it
	Role    partnergraph.Role // a role glued in front or behind; "" when none
	// Alias is the name given in parentheses after it, in another
	// language: "Rikosseuraamuslaitos (Criminal Sanctions Agency)".
	Alias string
}

// roleSuffixes are roles written after a name: "... (coordinator)",
// "... – project coordinator".
var roleSuffixes = map[string]partnergraph.Role{
	"coordinator": partnergraph.RolePromoter, "project coordinator": partnergraph.RolePromoter,
	"lead partner": partnergraph.RolePromoter, "promoter": partnergraph.RolePromoter,
	"project promoter": partnergraph.RolePromoter, "applicant": partnergraph.RolePromoter,
	"partner": partnergraph.RoleProjectPartner, "project partner": partnergraph.RoleProjectPartner,
	"donor project partner": partnergraph.RoleDonorProjectPartner, "dpp": partnergraph.RoleDonorProjectPartner,
	"leadpartner": partnergraph.RolePromoter, "lead beneficiary": partnergraph.RolePromoter, "projektpartner": partnergraph.RoleProjectPartner,
	"advisory partner": partnergraph.RoleProjectPartner, "associated partner": partnergraph.RoleMentioned,
}

// Stems of the words of roles written after a name in the pages'
// languages ("koordinator projekta", "coordinatore", "partenaire
// associé").
var (
	leadStems      = []string{"koordin", "coordin", "coördin", "capofil", "leadp"}
	partnerStems   = append([]string{"socio"}, PartnerStems...) // (a tail in small letters: "– socio")
	associateStems = []string{"associ", "asoci", "assozi", "pridruž", "přidruž", "pridruz"}
)

// PartnerStems are pieces of a word that make it a partner's word in the
// pages' languages: "partnerem", "partenerul", "parceiros", "kumppaneina",
// "партньор", "εταίρος".
var PartnerStems = []string{"partner", "partener", "partenai", "parceir", "kumppan", "партньор", "партнер", "εταίρ", "εταιρ"}

// roleByStem reads a role written after a name by its words' stems: a
// tail of at most four words, in small letters, with no figure. A
// coordinator's word makes the promoter; a partner's word a partner, or,
// with an associate's word, one that takes no part in the grant.
func roleByStem(tail string) (partnergraph.Role, bool) {
	words := strings.Fields(strings.ToLower(tail))
	if len(words) == 0 || len(words) > 4 || strings.ContainsAny(tail, "0123456789") {
		return "", false
	}
	if r, _ := utf8.DecodeRuneInString(tail); !unicode.IsLower(r) {
		return "", false
	}
	has := func(stems []string) bool {
		for _, w := range words {
			for _, stem := range stems {
				if strings.HasPrefix(w, stem) {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has(partnerStems) && has(associateStems):
		return partnergraph.RoleMentioned, true
	case has(leadStems) || slices.Contains(words, "lead"):
		return partnergraph.RolePromoter, true
	case has(partnerStems):
		return partnergraph.RoleProjectPartner, true
	}
	return "", false
}

// roleCode: the codes Interreg pages write before a partner's name: "LP –",
// "LB –" (the lead), "B2 –", "PP3 –" (a partner).
var roleCode = regexp.MustCompile(`^(LP|LB|B1|PP\d{1,2}|B\d{1,2}|P\d{1,2})(?:\s*[–-]\s+|\s+\p{Lu})`)

// typographic folds the apostrophes, quotes and dashes sheets use.
var typographic = strings.NewReplacer(
	"´", "'", "’", "'", "‘", "'", "`", "'", "ʼ", "'",
	"“", "\"", "”", "\"", "„", "\"",
	"‐", "-", "‑", "-", "‒", "–", "—", "–",
	"\u00a0", " ",
)

// rolePrefixes are roles written in front of a name; longest first.
var rolePrefixes = []struct {
	words string
	role  partnergraph.Role
}{
	{"donor programme partner", partnergraph.RoleDonorProjectPartner},
	{"donor program partner", partnergraph.RoleDonorProjectPartner},
	{"donor project partner", partnergraph.RoleDonorProjectPartner},
	{"project promoter", partnergraph.RolePromoter},
	{"project partner", partnergraph.RoleProjectPartner},
	{"lead partner", partnergraph.RolePromoter},
	{"coordinator", partnergraph.RolePromoter},
	{"promoter", partnergraph.RolePromoter},
	{"partner", partnergraph.RoleProjectPartner},
	{"pjdpp", partnergraph.RoleDonorProjectPartner},
	{"pjpt", partnergraph.RolePromoter},
	{"dpp", partnergraph.RoleDonorProjectPartner},
}

var (
	// "(NO)", "(KRUS)(NO)", "(BG) & Country: BG" at the end.
	trailingParen = regexp.MustCompile(`\s*\(([^()]{1,160})\)\s*$`)
	countryField  = regexp.MustCompile(`(?i)\s*[&,;]?\s*country\s*:\s*([A-Za-z]{2})\s*$`)
	// "... - Bulgaria", "..., Norway", "... from Romania", "... in Latvia".
	countryTail = regexp.MustCompile(`(?i)(?:\s+[-–]\s*|\s*,\s*|\s+from\s+|\s+in\s+)([\p{L} ]{4,40})$`)
)

// Clean takes a raw name apart. "DPP – University College of the Norwegian
// Correctional Service Staff Academy (KRUS)(NO)" gives the name
// "University College of the Norwegian Correctional Service Staff
// Academy", the acronym KRUS, the country NO and the role of a donor
// partner.
func Clean(raw string) Name {
	var n Name
	s := strings.TrimSpace(typographic.Replace(raw))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(s, ",;: ") // not dots: "o.p.s.", "Ltd."
	n.Role, s = stripRole(s)
	if g := matchIf(len(s) > 3 && (s[0] == 'L' || s[0] == 'B' || s[0] == 'P'), roleCode, s); g != nil && len(strings.Fields(s[len(g[0]):])) >= 1 {
		if g[1] == "LP" || g[1] == "LB" || g[1] == "B1" {
			n.Role = orElse(n.Role, partnergraph.RolePromoter)
		} else {
			n.Role = orElse(n.Role, partnergraph.RoleProjectPartner)
		}
		rest := strings.TrimLeft(s[len(g[1]):], " –-")
		s = rest // the name begins with the capital after the code
	}
	// "KRUS – University College of ...": the acronym first, then a dash.
	// The long form must look like one: capitalised, with a head noun
	// ("THEIA – krizové centrum o.p.s." is one name).
	if f := strings.Fields(s); len(f) >= 4 && IsAcronym(f[0]) && (f[1] == "–" || f[1] == "-" || f[1] == ":") &&
		unicode.IsUpper([]rune(f[2])[0]) && HasHead(strings.Join(f[2:], " ")) {
		n.Acronym, s = f[0], strings.Join(f[2:], " ")
	}
	for changed := true; changed && s != ""; {
		changed = false
		// "Associazione Antigone – Italie", "Kriminalvården – Rootsi": a
		// country's name after a spaced dash ends a list's line.
		if k := strings.LastIndex(s, " – "); k > 3 {
			if c, ok := CountryByName(strings.TrimSpace(s[k+len(" – "):])); ok && c.Name != "" {
				n.Country = orElse(n.Country, c.Code)
				s, changed = strings.TrimSpace(s[:k]), true
				continue
			}
		}
		// "City of Antwerp – BE", "Municipality of Aarhus, DK": a country
		// code after a spaced dash or a comma ends a list's line.
		if k := len(s) - 2; k > 4 && isUpper(s[k:]) && (strings.HasSuffix(s[:k], " – ") || strings.HasSuffix(s[:k], " - ") || strings.HasSuffix(s[:k], ", ")) {
			if c, ok := partnergraph.CountryByCode(s[k:]); ok && c.Name != "" {
				n.Country = orElse(n.Country, c.Code)
				s, changed = strings.TrimRight(strings.TrimSpace(s[:k]), " –-,"), true
				continue
			}
		}
		// Each pattern below is anchored at the end, which Go's regexps try
		// from every start: a test for what the end needs goes first.
		if m := matchIf(strings.Contains(s, ":"), countryField, s); m != nil {
			if c, ok := partnergraph.CountryByCode(m[1]); ok && c.Name != "" {
				n.Country = orElse(n.Country, c.Code)
				s, changed = strings.TrimSpace(s[:len(s)-len(m[0])]), true
				continue
			}
		}
		if m := matchIf(strings.HasSuffix(strings.TrimRight(s, " \t\n\f\r"), ")"), trailingParen, s); m != nil {
			inner := strings.TrimSpace(m[1])
			rest := strings.TrimSpace(s[:len(s)-len(m[0])])
			if rest == "" {
				break
			}
			if r, ok := roleSuffixes[strings.TrimRight(strings.ToLower(inner), " 0123456789")]; ok {
				n.Role = orElse(n.Role, r)
				s, changed = rest, true
				continue
			}
			if len(inner) == 2 && isUpper(inner) {
				if c, ok := partnergraph.CountryByCode(inner); ok && c.Name != "" {
					n.Country = orElse(n.Country, c.Code)
					s, changed = rest, true
					continue
				}
			}
			if c, ok := CountryByName(inner); ok && c.Name != "" {
				n.Country = orElse(n.Country, c.Code)
				s, changed = rest, true
				continue
			}
			if IsAcronym(inner) && n.Acronym == "" {
				n.Acronym, s, changed = inner, rest, true
				continue
			}
			// "National Criminal Investigation Service (Kripos)": a short
			// name in one word, written like a name.
			if n.Alias == "" && len(strings.Fields(rest)) >= 2 && shortName(inner) {
				n.Alias, s, changed = inner, rest, true
				continue
			}
			// "Rikosseuraamuslaitos (Criminal Sanctions Agency)",
			// "Direcția Națională de Probațiune (National Probation
			// Directorate)": the name translated into English.
			if n.Alias == "" && len(strings.Fields(inner)) >= 2 && HasHead(inner) && unicode.IsUpper([]rune(inner)[0]) && (IsAlias(rest, inner) || foreign(rest) && foreign(inner)) {
				n.Alias, s, changed = inner, rest, true
				continue
			}
			// "Justizanstalt Leoben – Austria (job shadowing, 5 working
			// days)": what the partner did, in small letters, is no part
			// of its name.
			if first, _ := utf8.DecodeRuneInString(inner); unicode.IsLower(first) && strings.Contains(inner, " ") && len(strings.Fields(rest)) >= 2 {
				s, changed = rest, true
				continue
			}
		}
		// "Kriminalomsorgsdirektoratet – Direcția Serviciului Corecțional
		// Norvegian": a name in one compound word, and after a spaced dash
		// a longer name with a head of its own, its translation.
		if k := strings.Index(s, " – "); k > 0 && n.Alias == "" && !strings.Contains(s[k+len(" – "):], " – ") {
			left, right := s[:k], strings.TrimSpace(s[k+len(" – "):])
			if !strings.Contains(left, " ") && IsHeadForm(left) && len(strings.Fields(right)) >= 2 && HasHead(right) && unicode.IsUpper([]rune(right)[0]) {
				n.Alias, s, changed = right, left, true
				continue
			}
		}
		// "... – project coordinator", "..., coordinator".
		if i := strings.LastIndexAny(s, "–-,"); i > 0 {
			tail := strings.TrimSpace(s[i+len(string([]rune(s[i:])[0])):])
			r, ok := roleSuffixes[strings.ToLower(tail)]
			if !ok {
				r, ok = roleByStem(tail)
			}
			if ok && len(strings.Fields(s[:i])) >= 1 {
				n.Role = orElse(n.Role, r)
				s, changed = strings.TrimSpace(s[:i]), true
				continue
			}
		}
		// An address after the name: "Fundacja Sławek, Warszawa,
		// Mazowieckie" (the country is taken above): short capitalised
		// parts without a head noun are places.
		if rest, ok := withoutPlaceTail(s); ok {
			s, changed = rest, true
			continue
		}
		if m := matchIndexIf(mayHaveCountryTail(s), countryTail, s); m != nil {
			tail := s[m[2]:m[3]]
			rest := strings.TrimSpace(s[:m[0]])
			comma := strings.HasPrefix(strings.TrimSpace(s[m[0]:m[2]]), ",") || strings.HasPrefix(strings.TrimSpace(s[m[0]:m[2]]), "|")
			if c, ok := CountryByName(strings.TrimSpace(tail)); ok && c.Name != "" && (len(strings.Fields(rest)) >= 2 || comma && rest != "") && !endsWithConnector(rest) {
				n.Country = orElse(n.Country, c.Code)
				s, changed = rest, true
				continue
			}
		}
	}
	s = strings.Trim(s, ",;:-– ")
	// "Kriminalomsorgens høgskole og utdanningssenter KRUS": an acronym
	// written after the name without parentheses.
	if f := strings.Fields(s); n.Acronym == "" && len(f) >= 3 && len(f[len(f)-1]) >= 3 && IsAcronym(f[len(f)-1]) && isUpper(f[len(f)-1]) && !IsAcronym(f[len(f)-2]) &&
		strings.EqualFold(string([]rune(f[0])[:1]), string([]rune(f[len(f)-1])[:1])) {
		// Only when it begins as the name does: "Asociația Romani CRISS"
		// ends in a word of its name.
		n.Acronym, s = f[len(f)-1], strings.Join(f[:len(f)-1], " ")
	}
	n.Name = s
	return n
}

// shortName: one capitalised word of letters, at least four, that is no
// country and no demonym: "Kripos", "Europol".
func shortName(w string) bool {
	if strings.ContainsAny(w, " -") || len(w) < 4 || !unicode.IsUpper([]rune(w)[0]) || Demonym(w) != "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	_, country := CountryByName(w)
	return !country
}

// IsAlias: two names given together ("X (Y)") are one organisation's in
// two languages: one of them is foreign and the other is not.
func IsAlias(a, b string) bool { return foreign(a) != foreign(b) }

// foreign: a name in another language than English: letters beyond
// ASCII, or a head noun of another language and none of English.
func foreign(name string) bool {
	english, native := false, false
	for w := range strings.FieldsSeq(name) {
		w = strings.Trim(w, ",.;:()'\"")
		for _, r := range w {
			if r > unicode.MaxASCII && unicode.IsLetter(r) {
				native = true
			}
		}
		lw := strings.ToLower(w)
		if orgHeads[lw] {
			english = true
		} else if IsHead(w) {
			native = true
		}
	}
	return native && !english
}

// withoutPlaceTail drops the last comma-separated part of a name when it
// is a place: one to three capitalised words, no head noun, no small
// word, and a name of two words or more before it. "Ministry of Justice,
// Public Security and Human Rights" keeps its tail ("and" is in it).
// genericWords say what kind of body a name is without saying which one.
var genericWords = map[string]bool{
	"prison": true, "prisons": true, "service": true, "services": true, "staff": true,
	"department": true, "ministry": true, "justice": true, "directorate": true, "board": true,
	"office": true, "police": true, "court": true, "university": true, "college": true,
	"academy": true, "centre": true, "center": true, "national": true, "central": true,
	"state": true, "public": true, "administration": true, "correctional": true,
	"probation": true, "penitentiary": true, "general": true, "regional": true,
	"municipal": true, "council": true, "agency": true, "institute": true, "school": true,
	"the": true, "of": true, "and": true, "for": true, "project": true, "programme": true,
	"european": true, "commission": true, "union": true, "authority": true, "home": true,
	"house": true, "unit": true, "institution": true, "institutions": true, "network": true,
	"committee": true, "organisation": true, "organization": true, "partner": true,
	"partners": true, "promoter": true, "remand": true, "juvenile": true, "social": true,
	"welfare": true, "health": true, "education": true, "training": true, "local": true,
	"voivodeship": true, "county": true, "district": true, "headquarters": true, "prosecutor": true, "prosecutors": true,
	"inspectorate": true, "city": true, "provincial": true, "metropolitan": true, "municipality": true,
	"managing": true, "joint": true, "secretariat": true, "selection": true, "monitoring": true, "steering": true,
	"evaluation": true, "programme operator": true, "operator": true, "focal": true, "point": true, "contact": true,
}

// territorial words open the names of regional and local bodies, which
// their place tells apart.
var territorial = map[string]bool{"regional": true, "county": true, "district": true, "local": true, "municipal": true,
	"provincial": true, "city": true, "territorial": true, "voivodeship": true, "metropolitan": true}

// IsGeneric: every word of a name's key (partnergraph.NameKey) says what
// kind of body it is, none which one: "Regional Directorate of the
// Ministry of Interior", "Prison Service".
func IsGeneric(key string) bool {
	for w := range strings.FieldsSeq(key) {
		if !genericWords[w] {
			return false
		}
	}
	return true
}

func withoutPlaceTail(s string) (string, bool) {
	i := strings.LastIndex(s, ",")
	if i <= 0 {
		// "Name — Graz": a dash before a place.
		i = strings.LastIndex(s, " – ")
		if i <= 0 {
			return s, false
		}
	}
	head := strings.TrimSpace(s[:i])
	tail := strings.TrimLeft(s[i:], ",– ")
	words := strings.Fields(tail)
	if len(words) == 0 || len(words) > 3 || len(strings.Fields(head)) < 2 || HasHead(tail) {
		return s, false
	}
	if c, ok := CountryByName(tail); ok && c.Name != "" {
		return s, false // a country: countryTail takes it, as the name's country
	}
	if f := strings.Fields(partnergraph.NameKey(head)); IsGeneric(partnergraph.NameKey(head)) || len(f) > 0 && territorial[f[0]] {
		return s, false // "Regional Directorate of the Ministry of Interior – Ruse": the place says which
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
			return s, false
		}
		if stop[strings.ToLower(w)] {
			return s, false
		}
	}
	return head, true
}

// matchIf is re.FindStringSubmatch(s) when may says it can match, nil
// otherwise.
func matchIf(may bool, re *regexp.Regexp, s string) []string {
	if !may {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// matchIndexIf is re.FindStringSubmatchIndex(s) when may says it can
// match, nil otherwise.
func matchIndexIf(may bool, re *regexp.Regexp, s string) []int {
	if !may {
		return nil
	}
	return re.FindStringSubmatchIndex(s)
}

// mayHaveCountryTail: countryTail may match s. Its separator is a dash, a
// comma, "from" or "in" (any case) between spaces; in ASCII text without a
// dash, a comma or such a word it cannot match, and Go would try that
// end-anchored regexp from every start. Other text is left to the regexp.
func mayHaveCountryTail(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == '-', c == ',':
			return true
		case c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r':
			rest := s[i+1:]
			for len(rest) > 0 && strings.IndexByte(" \t\n\f\r", rest[0]) >= 0 {
				rest = rest[1:]
			}
			for _, w := range [...]string{"from", "in"} {
				if len(rest) > len(w) && strings.EqualFold(rest[:len(w)], w) && strings.IndexByte(" \t\n\f\r", rest[len(w)]) >= 0 {
					return true
				}
			}
		}
	}
	return false
}

func orElse[S ~string](a, b S) S {
	if a != "" {
		return a
	}
	return b
}

func endsWithConnector(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return true
	}
	switch f[len(f)-1] {
	case "of", "for", "the", "and", "in", "on":
		return true
	}
	return false
}

// stripRole takes a role written in front of a name: "DPP – X", "Promoter
// X", "Donor project partner: X". The rest must still look like a name
// (capitalised), so "Partnership Fund" keeps its first word.
func stripRole(s string) (partnergraph.Role, string) {
	lower := strings.ToLower(s)
	for _, p := range rolePrefixes {
		if !strings.HasPrefix(lower, p.words) {
			continue
		}
		rest := s[len(p.words):]
		if rest == "" || (!strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, "–") && !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, ",")) {
			continue
		}
		rest = strings.TrimLeft(rest, " :–-,")
		if rest == "" || !unicode.IsUpper([]rune(rest)[0]) || len(strings.Fields(rest)) < 2 {
			continue
		}
		return p.role, rest
	}
	return "", s
}

// IsAcronym: a word of 2 to 10 characters, mostly capitals ("KRUS",
// "NKVTS", "KDI", "CoE"), digits, "-" and "&" allowed.
func IsAcronym(w string) bool {
	if len(w) < 2 || len(w) > 10 {
		return false
	}
	upper, letters := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r), r == '-', r == '&':
		default:
			return false
		}
	}
	return upper >= 2 && upper*2 >= letters+1
}

func isUpper(s string) bool {
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// orgHeads are nouns that make a phrase an organisation's name; ingest's
// candidates use the same list (IsHead).
var orgHeads = map[string]bool{
	"service": true, "services": true, "academy": true, "directorate": true, "ministry": true,
	"department": true, "university": true, "college": true, "prison": true, "prisons": true, "centre": true,
	"center": true, "institute": true, "agency": true, "office": true, "board": true,
	"council": true, "court": true, "police": true, "association": true, "foundation": true,
	"society": true, "organisation": true, "organization": true, "federation": true,
	"municipality": true, "administration": true, "inspectorate": true, "probation": true,
	"commission": true, "ombudsman": true, "secretariat": true, "authority": true,
	"school": true, "hospital": true, "clinic": true, "network": true, "committee": true,
	"bureau": true, "chamber": true, "trust": true, "ngo": true, "caritas": true,
	"union": true, "house": true, "home": true, "unit": true, "facility": true,
	"institution": true, "establishment": true, "consortium": true, "alliance": true,
	"embassy": true, "government": true, "prosecutor": true, "ombudsperson": true,
	"cross": true, "army": true, "platform": true, "company": true, "ltd": true,
	"fund": true, "cooperative": true, "church": true,
	// the institutions justice, policing and labour pages name
	"guard": true, "corps": true, "exchange": true, "inspection": true, "observatory": true, "tribunal": true,
	"parliament": true, "mission": true, "delegation": true, "laboratory": true, "library": true, "shelter": true,
	"hostel": true, "headquarters": true, "command": true, "prosecution": true, "judiciary": true, "station": true,
}

// nativeHeads are the head nouns of organisations' names in the languages
// of the donor and beneficiary states and of Erasmus+ partners, folded
// (partnergraph.Fold: lower case, no diacritics): "Direcția Națională de
// Probațiune", "Fundacja ...", "Komenda Wojewódzka Policji", "Zavod
// Krog", "Valsts probācijas dienests", "Justizanstalt Wien".
var nativeHeads = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		directia inspectoratul ministerul serviciul asociatia fundatia agentia administratia autoritatea
		centrul consiliul institutul universitatea penitenciarul parchetul politia tribunalul curtea primaria
		societatea federatia uniunea liga
		fundacja stowarzyszenie ministerstwo komenda inspektorat inspektorat instytut uniwersytet centrum
		osrodek zaklad areszt prokuratura policja straz sluzba urzad gmina powiat szkola akademia biuro
		towarzystwo zwiazek fundacji
		nadace nadacia sdruzeni zdruzenie spolek ustav sprava policie policia veznice stredisko mesto
		univerzita fakulta zbor obcianske
		departamentas ministerija tarnyba centras namai istaiga kalejimas universitetas asociacija
		savivaldybe fondas inspekcija prokuratura teismas kolegija mokykla bendrija draugija
		dienests parvalde ministrija centrs biedriba policija universitate fonds pasvaldiba dome valde robezsardze
		tiesa koledza
		ministeerium keskus vangla uhing sihtasutus politsei
		hivatal miniszterium egyesulet alapitvany intezet rendorseg borton bortonszervezet kozpont szolgalat egyetem
		kapitanysag fokapitanysag igazgatosag foigazgatosag birosag ugyeszseg onkormanyzat intezmeny hatosag tarsasag szovetseg
		agentsia fondatsia sdruzhenie direktsia biuras
		zavod drustvo ministrstvo univerza uprava udruga zaklada ministarstvo centar ravnateljstvo
		fundacion asociacion ministerio universidad instituto centro ayuntamiento consejeria direccion servicio servicios
		servicos servizi servizio
		fondazione associazione cooperativa ministero universita istituto comune regione dipartimento carcere
		fundacao associacao universidade direcao direccao camara ministerio
		verein stiftung ministerium justizanstalt anstalt institut zentrum amt gericht universitat hochschule
		akademie verband gesellschaft bundesamt landesamt bundesministerium land
		direktoratet direktorat tilsynet senter senteret forening foreningen stiftelse stiftelsen fengsel
		fengselet friomsorg friomsorgskontor kommune hogskole hogskolen universitet universitetet
		politidistrikt etaten kontor kontoret menighet kirke sykehus klinikk departementet akademi forbund
		kriminalomsorgen kriminalvarden myndigheten verket forbundet
		laitos yhdistys saatio virasto ministerio yliopisto
		landkreis kreis gemeinde stadtverwaltung polizei polizeidirektion polizeiprasidium bundespolizei landespolizei
		hochschule fachhochschule staatsministerium justizministerium jugendamt jugendhilfe
		stichting gemeente politie provincie vereniging ministerie rechtbank reclassering penitentiaire
		generalitat departament ajuntament conselleria diputacion diputacio
		secretaria comissao comision commissione komisja komise provveditorato amministrazione oddzial iestade valitsus
		dum centrul centru centro detentie penitenciar comune comunei politiei ministrstvo uprava upravi univerza fakulteta
		министерство дирекция агенция фондация сдружение институт университет община полиция затвор съвет
		колеж служба център комисия прокуратура съд академия асоциация дом управление
		υπουργείο υπουργειο δήμος δημος αστυνομία αστυνομια ίδρυμα ιδρυμα σύλλογος συλλογος κέντρο κεντρο οργάνωση οργανωση
		embaetti logreglan logreglu stofa midstod midstöð
		stofnun
		grad gradom miasto obec obcina opcina orasul municipiul varos linn vald stadt municipio kommuna
		odvjetnistvo tuzilastvo sud zatvor kaznionica ured agencija fakultet sveuciliste policija
		δήμο δήμου δημο δημου διεύθυνση διεύθυνσης διευθυνση διευθυνσης υπουργείου ιδρύματος κέντρου συλλόγου οργάνωσης
		ministere fondation universite agence conseil cour parquet gendarmerie prefecture mairie ecole
		etablissement federation observatoire departement collectivite syndicat chambre delegation commissariat
		polizia questura prefettura tribunale procura agenzia ufficio consorzio azienda scuola garante carabinieri guardia
		fiscalia juzgado escuela colegio organizacion federacion confederacion agencia oficina consejo observatorio delegacion
		estabelecimento guarda escola agrupamento
		universiteit hogeschool instelling raad inspectie academie gevangenis
		hogskola kommun polisen faengsel kriminalforsorgen politiet
		vankila poliisi kaupunki korkeakoulu ammattikorkeakoulu
		ulikool prokuratuur kohus kolledz cietums zapor sodisce
		urad soud zastupitelstvi spolecnost reditelstvi magistrat riaditelstvo vaznica spolocnost izba
		judecatoria spitalul scoala liceul organizatia
		гимназия училище болница фонд комитет камара инспекторат департамент
		πανεπιστήμιο πανεπιστημιο κατάστημα καταστημα εταιρεία εταιρεια αρχή αρχη γραμματεία γραμματεια ινστιτούτο ινστιτουτο
		επιτροπή επιτροπη υπηρεσία υπηρεσια δικαστήριο δικαστηριο εισαγγελία εισαγγελια ένωση ενωση
		οργανισμός οργανισμος σχολή σχολη ακαδημία ακαδημια
		ministeru agenzija fondazzjoni kunsill korp dipartiment servizz
		organizacija organizace organizacja organizacia politi stad`) {
		m[w] = true
	}
	return m
}()

// compoundHeads end the one-word names the Nordic and German languages
// make by compounding: "Politidirektoratet", "Ressurssenter",
// "Pinsemenighet", "Rikosseuraamuslaitos", "Krisesentersekretariatet".
var compoundHeads = []string{"direktoratet", "direktorat", "tilsynet", "senter", "senteret", "sentret", "menighet",
	"foreningen", "forening", "stiftelsen", "stiftelse", "fengselet", "fengsel", "kontoret", "kontor", "kommune",
	"hogskolen", "hogskole", "universitetet", "etaten", "politidistrikt", "departementet", "sekretariatet",
	"ombudet", "laitos", "yhdistys", "keskus", "virasto", "anstalt", "verein", "stiftung", "zentrum", "ministerium",
	"gericht", "hochschule", "akademie", "myndigheten", "verket", "omsorgen", "forbundet", "sykehuset", "sykehus",
	"direktion", "inspektion", "prasidium", "verwaltung", "behorde", "dienst", "kommission", "ministeeriumi", "ministeerium",
	"kindlustusamet", "amet", "vangla", "kontoret", "tilsynet", "vesen", "vesenet", "tjeneste", "tjenesten", "etat", "etaten",
	"radet", "nemnda", "nemnd", "ombud", "vardsen", "varden", "styrelsen", "verket", "valitsus", "ministeerium",
	// Hungarian compounds: "Rendőr-főkapitányság", "Külügyminisztérium"
	"kapitanysag", "igazgatosag", "rendorseg", "birosag", "ugyeszseg", "miniszterium", "hivatal", "intezet", "kozpont",
	"hatosag", "szolgalat", "egyesulet", "alapitvany", "onkormanyzat", "intezmeny", "parancsnoksag", "szovetseg",
	// "Staatsanwaltschaft", "Polizeischule", "Rechtsanwaltskammer", "ammattikorkeakoulu"
	"anwaltschaft", "schule", "kammer", "korkeakoulu", "hojskole", "hojskolen"}

// caseEndings are the endings Hungarian puts on a name's last word:
// "Rendőr-főkapitánysággal" (with), "Főigazgatósága" (its), "-nak"
// (to), "-ban" (in). A compound head with one of them is still a head.
var caseEndings = []string{"gal", "gel", "val", "vel", "nak", "nek", "ban", "ben", "hoz", "hez", "tol", "bol", "ra", "re", "a", "e", "at", "et", "ot"}

// IsHead: the word names a kind of organisation, in English (lower case)
// or in another language of the pages (any case, with or without its
// diacritics), or ends a compound that does ("Politidirektoratet").
func IsHead(w string) bool {
	if orgHeads[w] {
		return true
	}
	f := partnergraph.Fold(w)
	if nativeHeads[f] || orgHeads[f] {
		return true
	}
	if i := strings.IndexByte(f, '-'); i > 0 && (nativeHeads[f[:i]] || orgHeads[f[:i]]) {
		return true // "Direção-Geral", "Landes-Polizeidirektion"
	}
	if len(f) >= 9 {
		if compoundHead(f) {
			return true
		}
		for _, e := range caseEndings {
			g, ok := strings.CutSuffix(f, e)
			// (the doubled consonant of "-sággal" is the ending's)
			if ok && (compoundHead(g) || len(g) > 1 && g[len(g)-1] == g[len(g)-2] && compoundHead(g[:len(g)-1])) {
				return true
			}
		}
	}
	return false
}

// compoundHead: the folded word ends in a compoundHead after a part of
// its own.
func compoundHead(f string) bool {
	for _, n := range compoundLengths {
		if len(f) > n+2 && compoundSet[f[len(f)-n:]] {
			return true
		}
	}
	return false
}

// compoundSet and compoundLengths look compoundHeads up by the length of
// the suffix.
var compoundSet, compoundLengths = func() (map[string]bool, []int) {
	set := map[string]bool{}
	seen := map[int]bool{}
	var lengths []int
	for _, h := range compoundHeads {
		set[h] = true
		if !seen[len(h)] {
			seen[len(h)] = true
			lengths = append(lengths, len(h))
		}
	}
	return set, lengths
}()

// IsHeadForm: the word is a head noun (IsHead) or a native head noun in
// another of its cases (inflectedHead).
func IsHeadForm(w string) bool {
	return IsHead(w) || !orgHeads[strings.ToLower(w)] && inflectedHead(partnergraph.Fold(w))
}

// IsInflectedHead: the word is a native head noun in another case than
// the one IsHead knows ("Ministarstva", "tarnybos").
func IsInflectedHead(w string) bool {
	return !IsHead(w) && inflectedHead(partnergraph.Fold(w))
}

// inflectedHead: the folded word is a native head noun in another of its
// cases: its stem (the head without its final vowel, or without the
// Baltic "-as", "-is", "-us", "-ys") with one of the case endings of the
// languages that decline nouns: "Ministarstva unutarnjih poslova"
// (ministarstvo), "Valstybės sienos apsaugos tarnybos" (tarnyba),
// "Mykolo Romerio universitetu" (universitetas), "Administrației
// Naționale" (administratia), "Министерството" (министерство). A stem
// keeps five letters at least; "-es" is no ending here, and "-s" (the
// Latvian nominative) only after a stem of seven letters, so that English
// plurals ("policies", "regions") stay words.
func inflectedHead(f string) bool {
	n := len(f)
	// the ending is the word's last one to four letters
	cut := n
	for k := 0; k < 4 && cut > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(f[:cut])
		cut -= size
		if cut < 5 {
			break
		}
		if e := f[cut:]; inflectionEnding[e] && headStems[f[:cut]] {
			// (a Latvian "-s" only after a long stem: "direktorāts",
			// not the English "regions")
			return e != "s" || n > 7
		}
	}
	return false
}

// inflectionEnding is inflectionEndings as a set.
var inflectionEnding = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range inflectionEndings {
		m[e] = true
	}
	return m
}()

// inflectionEndings are the case endings (folded) of the Slavic, Baltic
// and Romanian nouns and articles of the pages, longest first.
var inflectionEndings = func() []string {
	es := strings.Fields(`ului elor ilor iei ami ach ovi ego emu oje eje uje ams ose ima ama
		om em am ou ie ei ii ul ui ai os as us is ys ih oj ej ov im ym
		a e i o u y s
		ото ата ите ого ому ът ят та то те ия ов ым ом ой ей ии а я у ю е и о
		ου ης ων ας α η ο`)
	slices.SortStableFunc(es, func(a, b string) int { return len(b) - len(a) })
	return es
}()

// headStems are the native heads without their endings.
var headStems = func() map[string]bool {
	m := map[string]bool{}
	for w := range nativeHeads {
		s := w
		for _, e := range []string{"as", "is", "us", "ys"} {
			if t, ok := strings.CutSuffix(s, e); ok && utf8.RuneCountInString(t) >= 5 {
				s = t
				break
			}
		}
		if r, size := utf8.DecodeLastRuneInString(s); strings.ContainsRune("aeiouyаеиоуяюъοαηυιεω", r) {
			s = s[:len(s)-size]
		}
		if utf8.RuneCountInString(s) >= 5 {
			m[s] = true
		}
	}
	return m
}()

// IsNativeHead: the word is a head noun of another language than English
// ("Direcția", "Rikosseuraamuslaitos").
func IsNativeHead(w string) bool {
	return !orgHeads[strings.ToLower(w)] && IsHead(w)
}

// HasHead: the phrase has a word that names a kind of organisation.
func HasHead(name string) bool {
	for w := range strings.FieldsSeq(name) {
		if IsHead(strings.Trim(strings.ToLower(w), ",.;:()'\"")) {
			return true
		}
	}
	return false
}

// SplitCoordination splits "X and Y" when both sides are organisations by
// themselves: Y an acronym or a name with a head noun ("Bjørgvin Prison and
// KRUS", "the Estonian National Social Insurance Board and ATV"), X with a
// head noun. "Norwegian Centre for Violence and Traumatic Stress Studies"
// stays whole: "Traumatic Stress Studies" names no organisation.
// isKnown tells a name the corpus knows as an organisation's.
func SplitCoordination(name string, isKnown func(string) bool) []string {
	if !strings.Contains(name, " and ") && !strings.Contains(name, " And ") && !strings.Contains(name, " AND ") && !strings.Contains(name, " & ") {
		return []string{name}
	}
	if isKnown(name) {
		return []string{name} // "Ila Prison and Detention Institution"
	}
	words := strings.Fields(name)
	for i := len(words) - 2; i >= 1; i-- {
		if w := strings.ToLower(words[i]); w != "and" && w != "&" {
			continue
		}
		left := strings.Join(words[:i], " ")
		right := strings.TrimPrefix(strings.Join(words[i+1:], " "), "the ")
		if AndInComplement(words[:i], words[i+1:]) {
			continue
		}
		rightOrg := (len(words)-i-1 == 1 && IsAcronym(words[i+1])) || isKnown(right) ||
			(HasHead(right) && unicode.IsUpper([]rune(right)[0]) && headFirst(right))
		// A one-word left side is part of one name ("Probation and
		// Mediation Service", "The Probation and Mediation Service"),
		// unless it is an acronym.
		content := i
		if strings.EqualFold(words[0], "the") {
			content--
		}
		leftOrg := isKnown(left) || (content >= 2 && HasHead(left)) || (i == 1 && IsAcronym(words[0]))
		if rightOrg && leftOrg {
			return append(SplitCoordination(left, isKnown), right)
		}
	}
	return []string{name}
}

// AndInComplement: "and" joins two nouns inside the complement of an "of"
// or "for" that takes one word on its left ("General Directorate of the
// Prison and Court Guard Service"), not two organisations; unless the
// right side is an acronym or a name that begins with its own head and its
// own "of" ("... of Justice and Ministry of Interior").
func AndInComplement(left, right []string) bool {
	n := len(left)
	if n < 3 || len(right) == 0 {
		return false
	}
	// "of (the) W1 .. Wk" at the end of the left side, k at most three,
	// none of them a head noun ("University of Criminal Investigation and
	// Police Studies").
	k := 0
	for k < 3 && n-2-k >= 0 {
		w := strings.ToLower(left[n-1-k])
		if IsHead(w) && k > 0 {
			return false
		}
		k++
		prev := strings.ToLower(left[n-1-k])
		if prev == "the" && n-2-k >= 0 {
			prev = strings.ToLower(left[n-2-k])
		}
		if prev == "of" || prev == "for" {
			break
		}
	}
	of := strings.ToLower(left[max(0, n-1-k)])
	if of == "the" && n-2-k >= 0 {
		of = strings.ToLower(left[n-2-k])
	}
	if of != "of" && of != "for" {
		return false
	}
	if len(right) == 1 && IsAcronym(right[0]) {
		return false
	}
	if len(right) >= 2 && IsHead(strings.ToLower(right[0])) && (strings.EqualFold(right[1], "of") || strings.EqualFold(right[1], "for")) {
		return false
	}
	if _, ok := CountryByName(left[n-1]); ok {
		return false // "... of Latvia and ...": the name ends with its country
	}
	return true
}

// headFirst: a coordinated right side that names an organisation by itself
// has its head before any "of"/"for" ("Ila Prison", "Ministry of Justice"),
// or is a capitalised name ending in its head.
func headFirst(s string) bool {
	for w := range strings.FieldsSeq(strings.ToLower(s)) {
		w = strings.Trim(w, ",.;:()'")
		if orgHeads[w] {
			return true
		}
		if w == "of" || w == "for" {
			return false
		}
	}
	return false
}

// junkTail are endings of phrases that are titles or fragments, not
// organisations.
var junkTail = []string{"project", "projects", "programme", "programmes", "program", "programs", "rules", "standards",
	"guidelines", "convention", "strategy", "act", "grant", "grants",
	// instruments that pay for projects: "European Regional Development
	// Fund", "Norwegian Financial Mechanism", "Active Citizens Fund"
	"fund", "funds", "mechanism", "instrument", "platform"}

// endsWithJunkWord: the name ends with one of junkTail, case aside, as a
// word of its own ("... Erasmus+ Project", "European Prison Rules").
func endsWithJunkWord(n string) bool {
	lower := strings.ToLower(n)
	for _, w := range junkTail {
		if strings.HasSuffix(lower, w) {
			i := len(lower) - len(w)
			if i == 0 || !isWordByte(lower[i-1]) {
				return true
			}
		}
	}
	return false
}

// isWordByte is what \b of Go's regexp counts as a word character.
func isWordByte(b byte) bool {
	return b == '_' || ('0' <= b && b <= '9') || ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z')
}

// honorifics mark a person.
var honorifics = regexp.MustCompile(`^(?i:mr|mrs|ms|dr|prof|professor|sir|dame|director|minister|ambassador)\.?\s`)

// Junk: a phrase that is no organisation's name: a title or a rule set
// ("... Erasmus Project", "European Prison Rules"), a person ("Dr Jana
// Novak"), or something too short or long to be a name.
func Junk(name string) bool {
	n := strings.TrimSpace(name)
	words := strings.Fields(n)
	switch {
	case len(words) == 0, len(n) < 2, len(words) > 16:
		return true
	case honorifics.MatchString(n):
		return true
	case endsWithJunkWord(n) && !HasHeadBefore(n):
		return true
	}
	return false
}

// HasHeadBefore: the phrase has an organisation head that is not its last
// word ("Foundation for Prison Rules" has one; "European Prison Rules"
// has "prison" before "rules", which is a rule set's name all the same, so
// heads count only when they are not "prison").
func HasHeadBefore(n string) bool {
	words := strings.Fields(strings.ToLower(n))
	for _, w := range words[:len(words)-1] {
		w = strings.Trim(w, ",.;:()'")
		if orgHeads[w] && w != "prison" && w != "prisons" && w != "probation" && w != "police" && w != "home" && w != "house" {
			return true
		}
	}
	return false
}

// Key is the form names are compared in: folded (case, accents,
// typography), without "the", punctuation and a country marker.
func Key(name string) string {
	return partnergraph.NameKey(typographic.Replace(name))
}

// insertable words are those a sheet adds to or drops from an
// organisation's name without naming another one: "Estonian [National]
// Social Insurance Board", "Latvian [State] Prison Administration". A place
// or country word never is: "Oslo [Akershus] Probation Office" may be
// another office.
var insertable = map[string]bool{
	"national": true, "state": true, "public": true, "general": true, "main": true, "chief": true, "central": true,
}

var stop = map[string]bool{"of": true, "the": true, "for": true, "and": true, "in": true, "on": true, "at": true, "to": true, "de": true, "a": true}

// contentWords are a key's words that carry meaning.
func contentWords(key string) []string {
	var out []string
	for w := range strings.FieldsSeq(key) {
		if !stop[w] {
			out = append(out, w)
		}
	}
	return out
}

// SameWithOneWordMore: two keys name the same organisation when one has
// every content word of the other, in order, and one more that is
// insertable, and they share at least three content words including a
// head noun: "estonian social
// insurance board" and "estonian national social insurance board". The
// ministries of justice of two countries differ in a country word, and stay
// apart.
func SameWithOneWordMore(a, b string) bool {
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	if len(wb)-len(wa) != 1 || len(wa) < 3 {
		return false
	}
	i, extra := 0, ""
	for _, w := range wb {
		if i < len(wa) && wa[i] == w {
			i++
			continue
		}
		if extra != "" {
			return false
		}
		extra = w
	}
	if i != len(wa) || !insertable[extra] {
		return false
	}
	return HasHead(strings.Join(wa, " "))
}

// Reduced is a key without its insertable words and stop words: names that
// SameWithOneWordMore may join have the same reduced key.
func Reduced(key string) string {
	var out []string
	for _, w := range contentWords(key) {
		if !insertable[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// demonyms are the adjectives of the countries sheets name.
var demonyms = map[string]string{
	"norwegian": "NO", "icelandic": "IS", "liechtenstein": "LI", "czech": "CZ", "polish": "PL",
	"lithuanian": "LT", "latvian": "LV", "estonian": "EE", "slovak": "SK", "slovakian": "SK",
	"hungarian": "HU", "romanian": "RO", "bulgarian": "BG", "croatian": "HR", "slovenian": "SI",
	"greek": "GR", "cypriot": "CY", "maltese": "MT", "portuguese": "PT", "spanish": "ES",
	"italian": "IT", "german": "DE", "austrian": "AT", "french": "FR", "belgian": "BE",
	"dutch": "NL", "danish": "DK", "swedish": "SE", "finnish": "FI", "irish": "IE",
	"british": "GB", "swiss": "CH",
}

// Demonym returns the country code of a country's adjective ("Norwegian"
// is NO), "" for another word.
func Demonym(w string) string { return demonyms[strings.ToLower(w)] }

// singular makes a key's last "services" singular.
func singular(k string) string {
	if strings.HasSuffix(k, " services") || k == "services" {
		return strings.TrimSuffix(k, "s")
	}
	return k
}

// NationalForm writes a name's country the one way: "prison service of
// the czech republic" and "czech prison service" are both "CZ prison
// service". A key without a country stays as it is.
func NationalForm(key string) string {
	f := strings.Fields(key)
	if len(f) >= 3 {
		if c := Demonym(f[0]); c != "" {
			return c + " " + singular(strings.Join(f[1:], " "))
		}
	}
	// "<name> <country>" without "of": "probation and mediation services
	// czech republic" is the "CZ probation and mediation service".
	if n := len(f); n >= 3 {
		for k := min(3, n-2); k >= 1; k-- {
			tail := strings.Join(f[n-k:], " ")
			if c, ok := CountryByName(tail); ok && c.Name != "" && len(f[n-k]) > 2 && !stop[f[n-k-1]] && HasHead(strings.Join(f[:n-k], " ")) {
				return c.Code + " " + singular(strings.Join(f[:n-k], " "))
			}
		}
	}
	// " of (the) <country>" at the end: the last " of " whose tail is a
	// country ("ministry of justice | of the czech republic").
	if i := strings.LastIndex(key, " of "); i > 0 {
		head, tail := key[:i], strings.TrimPrefix(key[i+4:], "the ")
		// "... of the Republic of Poland": the country's formal name.
		for _, formal := range []string{" of the republic", " of republic", " of the kingdom", " of kingdom", " of the slovak republic"} {
			head = strings.TrimSuffix(head, formal)
		}
		if c, ok := CountryByName(tail); ok && c.Name != "" && len(strings.Fields(head)) >= 2 {
			return c.Code + " " + singular(head)
		}
	}
	return key
}
