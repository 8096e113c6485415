package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph"
	"unicode"
	"unicode/utf8"
)

// The label lexicon: every way the pages of the grants (all three
// periods), of national programme operators, of Erasmus+ listings and of
// Interreg write the label of a field. Keys are label words (labelKey).
var labels = func() map[string]string {
	m := map[string]string{}
	add := func(key string, variants ...string) {
		for _, v := range variants {
			m[labelKey(v)] = key
			m["the "+labelKey(v)] = key // "The project is carried out in"
		}
	}
	add(keyPromoter, "project promoter", "promoter", "promotor", "project promotor", "coordinator", "project coordinator",
		"coordinating organisation", "coordinating organization", "coordinator organisation", "coordinator organization",
		"coordinating institution", "applicant", "applicant organisation", "applicant organization", "lead partner",
		"lead beneficiary", "lead organisation", "lead organization", "lead applicant", "beneficiary", "project beneficiary",
		"beneficiary organisation", "beneficiary organization", "beneficiary institution", "name of the beneficiary",
		"name of the project promoter", "project promoter name", "project owner", "grant holder", "project holder",
		"implementing organisation", "implementing organization", "implementing agency", "project leader organisation")
	add(keyCode, "project number", "project no", "project nr", "project code", "project id", "project identifier",
		"project reference", "project ref", "reference", "reference number", "code number", "bilateral initiative number",
		"initiative number", "contract number", "project contract number", "case number", "agreement number",
		"grant agreement number", "project reference number", "project registration number", "registration number", "id",
		"register number of the project", "project register number", "reg no", "project reg no", "sms code", "mis code", "smis code")
	add(keyTitle, "project title", "title of the project", "project name", "name of the project", "full title", "project full title")
	add(keyStatus, "status", "project status", "implementation status", "current status", "status of the project")
	add(keyInitialCost, "initial project cost", "initial cost", "initial budget", "planned cost", "initial project budget")
	add(keyFinalCost, "final project cost", "actual cost", "final cost", "total project cost", "total cost", "total costs",
		"total eligible cost", "total eligible costs", "eligible cost", "eligible costs", "total eligible expenditure",
		"total budget", "project budget", "budget", "total project budget", "total project value", "project value",
		"project cost", "project costs", "total amount", "total value", "value of the project", "total project costs",
		"eligible amount", "eligible budget", "total eligible amount")
	add(keyGrant, "grant", "grant amount", "amount of grant", "grant awarded", "awarded grant", "grant value", "project grant",
		"total grant", "funding", "funding amount", "amount of funding", "financing", "grant from eea and norway grants",
		"eea and norway grants contribution", "eea and norway grants", "grant from the eea and norway grants",
		"erdf", "erdf contribution", "eu funding", "ipa funds", "eni funds", "programme co-financing",
		"programme funding", "grant received", "subsidy", "amount granted", "maximum grant", "eu co-financing",
		"erdf co-financing", "ipa co-financing", "eni co-financing", "eu cofinancing", "efre", "eu-förderung", "eu funds",
		"eu support", "project grant", "grant amount eur", "norway grants amount", "eea grants amount")
	add(keyGrantNorway, "from norway grants", "norway grants", "norway grants contribution", "norway grants funding",
		"grant from norway grants", "norwegian financial mechanism", "from the norway grants")
	add(keyGrantEEA, "from eea grants", "eea grants", "eea grants contribution", "eea grants funding", "grant from eea grants",
		"eea financial mechanism", "from the eea grants")
	add(keyGrantEU, "eu grant", "eu grant eur", "eu contribution", "eu grant amount", "funding of the project from eu",
		"eu grant award in euros", "eu grant award", "eu contribution eur", "maximum grant awarded", "eu grant awarded")
	add(keyGrantRate, "grant rate", "co-financing rate", "cofinancing rate", "funding rate", "grant percentage", "rate of grant")
	add(keyCoFinancing, "co-financing", "cofinancing", "national co-financing", "own contribution", "own funds", "co-funding",
		"national contribution", "state budget", "co-financing amount")
	add(keyLocation, "project is carried out in", "initiative is carried out in", "carried out in", "location",
		"project location", "place of implementation", "implementation place", "venue", "city", "town", "place",
		"project region or city", "location of the project")
	add(keyRegion, "region", "nuts region", "voivodeship", "county", "district", "project region", "region of implementation",
		"nuts 2 region", "nuts 3 region", "regions", "counties", "voivodeships", "districts", "county or region")
	add(keyCountry, "country", "coordinator country", "beneficiary state", "beneficiary country", "country of coordinator",
		"coordinator s country", "countries", "participating countries")
	add(keyProgramme, "programme", "program", "title of the programme", "programme name", "programme title",
		"name of the programme", "funding programme", "operational programme", "programme name and number")
	add(keyProgrammeAreas, "programme areas", "programme area", "program area", "program areas")
	add(keyPrioritySector, "priority sector", "priority sectors", "sector", "sectors")
	add(keyDonorPartners, "donor project partners", "donor project partner", "donor partner", "donor partners",
		"partner from a donor state", "partners from donor states", "partner from donor state", "partners from a donor state",
		"partner from the donor state", "donor state partner", "donor state partners", "partner from norway",
		"partners from norway", "norwegian partner", "norwegian partners", "donor project partner s", "donor programme partner",
		"donor programme partners", "partner from donor states", "partners from donor state", "partner s from donor state s")
	add(keyOtherPartners, "other project partners", "other project partner", "other partners", "other partner",
		"partners from beneficiary states", "partner from beneficiary state", "national partners", "national partner",
		"beneficiary state partners", "partners from the beneficiary state", "project partners from beneficiary state")
	add(keyPartners, "partners", "partner", "project partners", "project partner", "partner organisations", "partner organizations",
		"partner organisation", "partner organization", "participating organisations", "participating organizations",
		"participating organisation", "partnership", "consortium", "consortium members", "partner institutions",
		"partner institution", "partners in the project", "project partner s", "partner s", "other participating organisations",
		"partner list", "list of partners", "advisory partner", "advisory partners", "host organisations", "host organisation",
		"host organizations", "host organization", "host institutions", "host institution", "hosting organisations",
		"hosting organisation", "receiving organisations", "receiving organisation", "receiving institutions")
	add(keyInitiativeTypes, "initiative types", "initiative type", "type of initiative", "types of initiative", "activity type",
		"type of activity", "types of activities")
	add(keyDuration, "duration", "project duration", "duration of the project", "implementation duration", "length")
	add(keyPeriod, "implementation period", "project period", "period of implementation", "project implementation period",
		"period", "timeframe", "time frame", "implementation time", "dates", "project dates", "eligibility period",
		"project implementation", "duration period")
	add(keyStartDate, "starting date", "start date", "project start", "project start date", "start", "start of implementation",
		"implementation start", "beginning", "date of start", "start of the project")
	add(keyEndDate, "ending date", "end date", "project end", "project end date", "end", "end of implementation",
		"implementation end", "completion date", "closing date", "date of end", "end of the project", "date of completion")
	add(keyKeyAction, "project key action", "key action")
	add(keyCallYear, "project call year", "call year", "call", "year of call", "call for proposals year")
	add(keyActionType, "project action type", "action type", "action")
	add(keyTopics, "project topics", "topics", "topic", "themes", "project themes", "project theme", "keywords")
	add(keyTargetGroups, "target groups", "target group", "target group s", "final beneficiaries", "target audience",
		"target population", "target groups of the project", "main target groups")
	add(keyWebsite, "website", "project website", "web", "url", "web page", "webpage", "homepage", "results platform project card",
		"project card", "link", "project link", "web site")
	add(keyAcronym, "project acronym", "acronym")
	add(keyAddress, "address", "coordinator s address", "partner address", "postal address", "seat", "headquarters")
	add(keyIgnored, "programme operator", "fund operator", "financial mechanism", "programme status", "contact", "contact person",
		"e-mail", "email", "phone", "telephone", "legal status", "organisation type", "organization type",
		"organisation category", "type of organisation", "project type", "type of project", "coordinator s address",
		"coordinator s region", "coordinator s website", "last updated", "published", "date of publication", "share",
		"project card", "fund", "call identifier", "field", "nace", "legal form", "programme outcome", "outcome",
		"priority", "programme priority", "priority axis", "specific objective", "thematic area", "thematic objective",
		"area of support", "programme output", "output")
	// The labels of operators' pages in their own languages: Romanian,
	// Polish, Czech, Slovak, Lithuanian, Latvian, Bulgarian (Latin),
	// Hungarian and German (Interreg).
	add(keyPromoter, "promotor de proiect", "promotorul proiectului", "beneficiar", "beneficjent", "wnioskodawca", "příjemce",
		"nositel projektu", "prijímateľ", "projekto vykdytojas", "pareiškėjas", "finansējuma saņēmējs", "projekta īstenotājs",
		"kedvezményezett", "projektgazda", "federführender partner", "lead-partner", "leadpartner", "antragsteller")
	add(keyPartners, "partener", "parteneri", "partenerii", "partner projektu", "partnerzy", "partner projektowy", "partneři",
		"partneri", "partneriai", "partneri projektā", "partnerek", "projektpartner", "projektpartnerin", "partnerinstitutionen")
	add(keyDonorPartners, "partener din statele donatoare", "partner z państw darczyńców", "partner z państwa darczyńcy",
		"partner z donorského státu", "partner z donorských štátov")
	add(keyFinalCost, "buget", "buget total", "valoarea totală", "valoare totală", "wartość projektu", "całkowita wartość projektu",
		"koszt całkowity", "rozpočet", "celkové náklady", "celkové způsobilé výdaje", "biudžetas", "budžets", "összköltség",
		"gesamtbudget", "gesamtkosten", "projektbudget")
	add(keyGrant, "finanțare nerambursabilă", "valoarea finanțării", "dofinansowanie", "kwota dofinansowania", "dotace",
		"grant z fondů", "výše grantu", "finansavimas", "finansējums", "támogatás", "eu-förderung", "efre-förderung", "förderung",
		"fördersumme")
	add(keyPeriod, "perioada de implementare", "perioada de implementare a proiectului", "okres realizacji", "okres realizacji projektu",
		"doba realizace", "termín realizace", "realizace projektu", "projektlaufzeit", "laufzeit", "įgyvendinimo laikotarpis",
		"īstenošanas periods", "megvalósítási időszak")
	add(keyCode, "cod proiect", "codul proiectului", "numer projektu", "registrační číslo", "registrační číslo projektu",
		"číslo projektu", "projekto numeris", "projekta numurs", "projektnummer", "projektkennung")
	add(keyTitle, "titlul proiectului", "tytuł projektu", "název projektu", "projekto pavadinimas", "projekta nosaukums", "projekttitel")
	add(keyProgramme, "programul", "program operacyjny", "programme area and objective")
	add(keyRegion, "județ", "judeţ", "județe", "województwo", "kraj", "apskritis", "bezirk")
	add(keyStatus, "stadiu", "stan", "stav", "būsena")
	// Norwegian, German, Dutch, Spanish, Portuguese, Italian, Latvian,
	// Estonian and Slovak labels of project pages.
	add(keyPromoter, "prosjekteier", "prosjektansvarlig", "projektträger", "projekttrager", "zuwendungsempfänger",
		"organización solicitante", "entidad coordinadora", "coordinador", "coordinadora", "entidad solicitante",
		"promotor", "entidade promotora", "ente capofila", "capofila", "soggetto proponente", "vadošais partneris",
		"projekta īstenotājs", "projekti elluviija", "taotleja", "prijímateľ", "príjemca", "projektový partner",
		"penvoerder", "aanvrager", "lead beneficiary", "project owner", "owner")
	add(keyPartners, "weitere projektträger", "kooperationspartner", "kooperationspartner und kontaktpersonen",
		"projektpartner", "socios", "socios de acogida", "entidades socias", "parceiros", "parceiros nacionais", "national partners",
		"partner di progetto", "projekta partneri", "partnerid", "partneri projektu", "projectpartners", "partners in het project",
		"litauisk partner", "bulgarian partner", "local partners", "beneficiaries", "project partners and countries")
	add(keyDonorPartners, "norske partnere", "norsk partner", "our partners", "donor partner", "donor partners",
		"parceiro do estado doador", "parceiros dos estados doadores", "partner z donorského štátu", "partner z donorskeho statu",
		"islandsk partner", "donorpartner")
	add(keyMentioned, "associated organisations", "associated organisation", "associated partners", "associated partner", "partner associati",
		"partner associato", "partenaires associés", "partneri asociați", "partnerzy stowarzyszeni", "přidružení partneři",
		"observers", "observer", "supporting organisations", "assoziierte partner", "socios asociados")
	add(keyFinalCost, "budsjett", "förderfähige gesamtausgaben", "gesamtkosten", "gesamtbudget", "presupuesto", "presupuesto total",
		"custo total", "custo total elegível", "costo totale", "kopējās izmaksas", "kopējais budžets", "eelarve",
		"celkové oprávnené výdavky", "total maximum eligible project cost", "totale kosten", "begroting")
	add(keyGrant, "summe eu-förderung", "eu-mittel", "subvención concedida", "subvención", "financiación concedida",
		"financiamento", "subvenção", "contributo", "contributo ue", "toetus", "grant z fondu", "nenávratný finančný príspevok",
		"programme co-financing", "erdf co-financing", "subsidie", "eu-bijdrage", "finansiering", "tilskudd")
	add(keyPeriod, "periode", "förderzeitraum", "projektzeitraum", "laufzeit", "fechas", "período de ejecución", "duración",
		"período de execução", "periodo di attuazione", "projekta īstenošanas periods", "kestus", "obdobie realizácie",
		"looptijd", "project duration")
	add(keyCode, "prosjektnummer", "projektnummer", "número de convenio", "número de proyecto", "referencia", "código do projeto",
		"codice progetto", "projekta nr", "projekti number", "číslo projektu", "projectnummer", "kenmerk")
	add(keyTitle, "prosjekt", "prosjektnavn", "projekttitel", "projektname", "título del proyecto", "título do projeto",
		"titolo del progetto", "projekta nosaukums", "projekti nimi", "názov projektu", "projecttitel")
	add(keyStatus, "statuss", "estado", "estado del proyecto", "stato", "staatus", "projektstatus")
	add(keyProgramme, "programm", "programa", "programma", "programmi", "kooperationsprogramm", "fonds", "program financovania")
	add(keyCallYear, "convocatoria", "aufruf", "bando")
	add(keyKeyAction, "acción clave", "action clé", "leitaktion", "azione chiave", "ação-chave", "acțiune cheie", "acţiune cheie", "klíčová akce",
		"kľúčová akcia", "akcja kluczowa", "azione chiave ka")
	add(keyActionType, "tipo de acción", "aktionstyp", "tipo di azione", "tipo de ação", "tip acțiune", "tip acţiune", "typ akce", "typ aktivity",
		"rodzaj akcji")
	add(keyCallYear, "anul apelului", "rok výzvy", "rok výzvy k předkládání návrhů", "anno del bando", "rok naboru")
	add(keyTopics, "témata", "temi", "teme", "tematy", "témy")
	add(keyRegion, "landkreis/kreisfreie stadt", "landkreis", "provincia", "província", "comunidad autónoma", "novads", "maakond", "kraj")
	add(keyLocation, "projektstandort", "sede", "ubicación", "localização")
	add(keyCountry, "land", "país", "paese", "valsts", "riik", "krajina")
	return m
}()

// bareLabels may stand without a colon on a line of their own outside a
// facts block: the sheets write "Target groups" and the listing layout
// writes all its labels so. Inside a facts block any label may.
var bareLabels = map[string]bool{
	"target groups": true, "target group": true, "other project partners": true,
	"donor project partners": true, "project title": true, "project key action": true,
	"project call year": true, "project action type": true, "project topics": true,
	"project identifier": true, "project reference": true, "coordinating organisation": true,
	"coordinating organization": true, "participating organisations": true,
	"participating organizations": true, "eu grant eur": true, "project status": true,
	"start date": true, "end date": true, "project coordinator": true, "coordinator": true, "host organisations": true,
	"host organisation": true, "host organizations": true, "receiving organisations": true, "hosting organisations": true,
	"project partners": true, "partners": true, "eu grant": true, "project summary": true,
	"lead partner": true, "partner from a donor state": true, "donor partners": true, "project promoter": true,
	"project number": true, "total eligible cost": true, "implementation period": true, "target group s": true,
}

// labelFirst are the first words of the lexicon's labels: a line whose
// first word is none of them and that has no colon or tab holds no label
// (labelsIn is not needed).
var labelFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range labels {
		first, _, _ := strings.Cut(k, " ")
		m[first] = true
	}
	return m
}()

// labelPrefixes are the first words (one, two, ...) of the labels.
var labelPrefixes = func() map[string]bool {
	m := map[string]bool{}
	for k := range labels {
		ws := strings.Fields(k)
		for n := 1; n <= len(ws); n++ {
			m[strings.Join(ws[:n], " ")] = true
		}
	}
	return m
}()

// mayHoldLabel: the line may hold a label: it has a colon or a tab, or its
// first word begins a label.
func mayHoldLabel(t string) bool {
	if strings.ContainsAny(t, ":\t") {
		return true
	}
	i := 0
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i += size
	}
	j := i
	prevLower := false
	for j < len(t) {
		r, size := utf8.DecodeRuneInString(t[j:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
			break
		}
		if j > i && prevLower && unicode.IsUpper(r) {
			break // "ProgrammeHome"
		}
		prevLower = unicode.IsLower(r)
		j += size
	}
	if j == i {
		return false
	}
	var buf [24]byte
	w := t[i:j]
	if len(w) > len(buf) {
		return true
	}
	n := copy(buf[:], w)
	for k := 0; k < n; k++ {
		if 'A' <= buf[k] && buf[k] <= 'Z' {
			buf[k] += 'a' - 'A'
		}
	}
	return labelFirst[string(buf[:n])] || !isASCII(w)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// labelKey is the lexicon's form of a label: its words, lower-cased, one
// space apart ("Target group(s)" is "target group s").
func labelKey(label string) string {
	ws := labelWords(label)
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.w
	}
	return strings.Join(parts, " ")
}

// lword is a word of a line, lower-cased, with its byte offsets. glued: it
// begins where the word before it ends, a capital after a small letter
// ("ProgrammeHome").
type lword struct {
	w          string
	start, end int
	glued      bool
}

// labelWords splits a line into words for the label finder: runs of
// letters and digits (a hyphen or an apostrophe inside a word stays),
// split again where a capital, or a digit after a word of four letters or
// more, follows a small letter.
func labelWords(s string) []lword {
	out := make([]lword, 0, 8)
	// An ASCII line is lower-cased once and its words are pieces of it.
	lower := ""
	if isASCII(s) {
		lower = strings.ToLower(s)
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		start := i
		prevLower := false
		glued := false
		j := i
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				if j > start && prevLower && (unicode.IsUpper(r2) || unicode.IsDigit(r2) && j-start >= 4) {
					// "ProgrammeHome", "projektu2022-2-PL01-...": a new
					// word glued on (a word of four letters or more before
					// a digit: "covid19" aside)
					break
				}
				prevLower = unicode.IsLower(r2)
				j += s2
				continue
			}
			if (r2 == '-' || r2 == '\'' || r2 == '’') && j+s2 < len(s) {
				if r3, _ := utf8.DecodeRuneInString(s[j+s2:]); unicode.IsLetter(r3) {
					j += s2
					continue
				}
			}
			break
		}
		if len(out) > 0 && out[len(out)-1].end == start {
			glued = true
		}
		w := s[start:j]
		if lower != "" {
			w = lower[start:j]
		}
		if strings.ContainsAny(w, "'’") {
			w = apostrophes.Replace(w)
		}
		if lower == "" {
			w = strings.ToLower(w)
		}
		out = append(out, lword{w: w, start: start, end: j, glued: glued})
		i = j
	}
	return out
}

// apostrophes are dropped from a label's words: "coordinator's" is
// "coordinators".
var apostrophes = strings.NewReplacer("’", "", "'", "")

// labelHit is a label found in a line.
type labelHit struct {
	key   string
	label string // as written
	start int    // byte offsets of the label in the line
	end   int
	colon int  // offset after the colon that follows it, -1 when none
	glued bool // the value is glued on: "ProgrammeHome Affairs"
}

// maxLabelWords is the most words a label of the lexicon has.
const maxLabelWords = 8

// labelsIn finds the labels of the lexicon in a line, left to right,
// longest first, with what follows each: a colon, a value glued on, or
// nothing.
func labelsIn(s string) []labelHit {
	ws := labelWords(s)
	var out []labelHit
	var key [128]byte // the words tried, one space apart: looked up without a copy
	for i := 0; i < len(ws); {
		if !labelFirst[ws[i].w] {
			i++
			continue
		}
		best, bestKey := 0, ""
		b := key[:0]
		for n := 1; n <= maxLabelWords && i+n <= len(ws); n++ {
			if n > 1 {
				if ws[i+n-1].glued || strings.ContainsAny(s[ws[i+n-2].end:ws[i+n-1].start], ":;,|\t") {
					break // a label does not run into a glued word or across a colon
				}
				b = append(b, ' ')
			}
			b = append(b, ws[i+n-1].w...)
			if !labelPrefixes[string(b)] {
				break // no label begins so
			}
			if k, ok := labels[string(b)]; ok {
				best, bestKey = n, k
			}
		}
		if best == 0 {
			i++
			continue
		}
		start, end := ws[i].start, ws[i+best-1].end
		// "Target group(s)", "EU Grant (Eur)": a parenthesis the label
		// opened belongs to it.
		if strings.HasPrefix(s[end:], ")") && strings.Count(s[start:end], "(") > strings.Count(s[start:end], ")") {
			end++
		}
		// "Total budget/expenditure:", "Grant (CZK):", "Description (EN):":
		// a short qualifier without digits between the label and its colon
		// belongs to the label.
		if c := strings.IndexByte(s[end:], ':'); c > 0 && c <= 25 && !strings.ContainsAny(s[end:end+c], "0123456789") &&
			strings.ContainsAny(s[end:end+1], "/( ") && len(strings.Fields(s[end:end+c])) <= 2 {
			q := strings.TrimSpace(s[end : end+c])
			if strings.HasPrefix(q, "/") || strings.HasPrefix(q, "(") && strings.HasSuffix(q, ")") {
				end += c
				for end > start && s[end-1] == ' ' {
					end--
				}
				for i+best < len(ws) && ws[i+best].start < end {
					best++
				}
			}
		}
		key := bestKey
		// "Beneficiary 2 (B2):", "Partner 3:", "Partner nr. 2:": a numbered
		// label is one of a list; the second beneficiary or lead of a
		// project is a partner, since a project has one lead.
		if g := numberedLabel.FindStringSubmatch(s[end:]); g != nil {
			if n, _ := strconv.Atoi(g[1]); n >= 2 && key == keyPromoter {
				key = keyPartners
			}
			end += len(g[0]) - 1 // up to the colon
			for end > start && s[end-1] == ' ' {
				end--
			}
			for i+best < len(ws) && ws[i+best].start < end {
				best++
			}
		}
		h := labelHit{key: key, label: s[start:end], start: start, end: end, colon: -1}
		rest := strings.TrimLeft(s[end:], " \t")
		if strings.HasPrefix(rest, ":") {
			h.colon = len(s) - len(rest) + 1
		} else if i+best < len(ws) && ws[i+best].glued {
			h.glued = true
		}
		out = append(out, h)
		i += best
	}
	return out
}

// numberedLabel is the number after a label, with its short form, up to
// its colon: " 2 (B2):", " nr. 3:".
var numberedLabel = regexp.MustCompile(`^\s*(?:(?:no|nr|n°)\.?\s*|#)?(\d{1,2})\s*(?:\([^()]{1,12}\))?\s*:`)

// labelLine is how a line of a facts block reads: values before its first
// label (a number glued in front: "HU07-0044 Target group(s): ..."), and
// fields with their values.
type labelLine struct {
	lead   string // text before the first label
	fields []lineField
	header bool // labels only, no colons: a table's header row
}

type lineField struct {
	key, label, value string
	bare              bool // no colon and no value: the values follow on the next lines
	stem              bool // read by its words' stems, not found in the lexicon
}

// readLabelLine reads a line with the labels found in it. A label counts
// when it begins the line, or stands before a colon; a value ends where
// the next such label begins. inFacts: the line is inside a facts block,
// where a label may stand alone without a colon. inList: the line may be
// the next item of a list ("Promoter Estonian ..." under "Donor Project
// Partners:" is a partner with its role written before it), so a label
// without a colon before a value does not count.
func readLabelLine(s string, hits []labelHit, inFacts, inList bool) (labelLine, bool) {
	var ll labelLine
	// Drop hits that are no labels: in the middle of the line without a
	// colon after them.
	// A label in the middle of a line counts before a colon, and only
	// after another label or after a typed value ("HU07-0044 Target
	// group(s): ..."): prose says "related with these topics: ...".
	kept := hits[:0:0]
	for _, h := range hits {
		atStart := strings.TrimLeft(s[:h.start], " \t•-*·–") == ""
		switch {
		case atStart && len(kept) == 0:
			kept = append(kept, h)
		case h.colon < 0:
		case len(kept) > 0 || typeOf(strings.TrimSpace(s[:h.start])) != typeText:
			kept = append(kept, h)
		}
	}
	if len(kept) == 0 {
		// A table's header row: every word of the line is a label.
		if allLabels(s, hits) && len(hits) >= 2 {
			ll.header = true
			for _, h := range hits {
				ll.fields = append(ll.fields, lineField{key: h.key, label: h.label})
			}
			return ll, true
		}
		return ll, false
	}
	first := kept[0]
	atStart := strings.TrimLeft(s[:first.start], " \t•-*·–") == ""
	if !atStart && first.colon < 0 {
		return ll, false
	}
	if !atStart {
		ll.lead = strings.TrimRight(strings.TrimSpace(s[:first.start]), " &,;|")
	}
	for i, h := range kept {
		end := len(s)
		if i+1 < len(kept) {
			end = kept[i+1].start
		}
		from := h.end
		if h.colon >= 0 {
			from = h.colon
		}
		// A value runs to the next label; what joins it to that label is
		// not part of it ("... Bulgaria(BG) & Country: BG").
		v := strings.TrimRight(strings.TrimSpace(s[from:min(max(from, end), len(s))]), " &,;|")
		f := lineField{key: h.key, label: h.label, value: v}
		switch {
		case h.colon >= 0 || h.glued:
		case v == "":
			// A label alone on its line.
			f.bare = true
			if !inFacts && !bareLabels[labelKey(h.label)] && !standsAlone(h) {
				return ll, false
			}
		default:
			// "Label Value" without a colon: only in a facts block, and
			// only when the value is of the label's type or the label has
			// several words ("Project promoter Ministry of Justice").
			if allLabels(s, hits) && len(hits) >= 2 {
				ll = labelLine{header: true}
				for _, h := range hits {
					ll.fields = append(ll.fields, lineField{key: h.key, label: h.label})
				}
				return ll, true
			}
			if inList || !startsValue(v) || !fitsField(h.key, v) {
				return ll, false
			}

		}
		ll.fields = append(ll.fields, f)
	}
	return ll, true
}

// aloneLabels are one-word labels that, alone on a line, are labels
// wherever they stand ("Programme" / "Erasmus+").
var aloneLabels = map[string]bool{"programme": true, "program": true, "status": true, "budget": true, "grant": true,
	"coordinator": true, "partners": true, "promoter": true, "beneficiary": true, "duration": true, "topics": true,
	"country": true, "website": true, "region": true, "county": true, "voivodeship": true}

// standsAlone: a label alone on its line outside a facts block: one of
// two words or more ("Key action", "Call year"), or a one-word label that
// is no common word.
func standsAlone(h labelHit) bool {
	k := labelKey(h.label)
	return aloneLabels[k] || strings.Contains(k, " ") && h.key != keyIgnored
}

// startsValue: v begins as a value does, with a capital, a digit or a
// currency ("Partners map" and "Partners (3)" are no label and value).
func startsValue(v string) bool {
	r, _ := utf8.DecodeRuneInString(v)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("€$£", r)
}

// allLabels: every word of s belongs to one of the hits.
func allLabels(s string, hits []labelHit) bool {
	covered := 0
	for _, h := range hits {
		covered += len(labelWords(s[h.start:h.end]))
	}
	return covered == len(labelWords(s)) && !strings.Contains(s, ":")
}

// fieldTypes are the types a field's value must have; fields not listed
// take any.
var fieldTypes = map[string][]valueType{
	keyCode:        {typeCode},
	keyStatus:      {typeStatus, typeText},
	keyInitialCost: {typeMoney, typeText},
	keyFinalCost:   {typeMoney, typeText},
	keyGrant:       {typeMoney},
	keyGrantNorway: {typeMoney},
	keyGrantEEA:    {typeMoney},
	keyGrantEU:     {typeMoney},
	keyGrantRate:   {typePercent},
	keyStartDate:   {typeDate, typePeriod}, // "Starting date 01.09.2023 – 31.08.2024": the period it starts
	keyEndDate:     {typeDate},
	keyPeriod:      {typePeriod, typeDate},
	keyDuration:    {typeDuration},
	keyCallYear:    {typeText},
}

// fitsField: a value read for a field has a type the field takes. Names,
// places and lists are not typed and take any value but a status, a
// number, an amount or a date.
func fitsField(key, v string) bool {
	want, typed := fieldTypes[key]
	if !typed && !hasDigit(v) {
		// Every type an untyped field refuses but a status has a digit.
		return !isStatus(v)
	}
	// The common cases first, without reading every type.
	switch {
	case key == keyCode:
		return isCode(v)
	case typed && want[0] == typeMoney && isMoney(v) && !percentRe.MatchString(strings.TrimSpace(v)):
		return true
	case typed && want[0] == typeDate && isDate(v):
		return true
	}
	t := typeOf(v)
	if typed {
		for _, w := range want {
			if w == t {
				return true
			}
		}
		return key == keyCallYear
	}
	switch t {
	case typeStatus, typeMoney, typePercent, typeDate, typePeriod, typeDuration:
		return false
	case typeCode:
		return key == keyWebsite || key == keyAcronym || key == keyPartners || key == keyDonorPartners || key == keyOtherPartners || key == keyPromoter
	}
	return true
}

// typedValueAt reads one typed value at the start of a row: a
// percentage, an amount with its currency before or after it, a date, or
// one token.
var typedValueAt = regexp.MustCompile(`^(?:\d{1,3}(?:[.,]\d+)?\s?%|(?:€|EUR|NOK|PLN|RON|CZK|HUF|BGN)\s?\d[\d,.\x{00a0} ]*\d(?:\s?(?:million|mln|m)\b)?|\d[\d,.\x{00a0} ]*\d\s?(?:€|EUR|NOK|PLN|RON|CZK|HUF|BGN|lei|zł|Kč)|\d{1,2}[./-]\d{1,2}[./-]\d{4}|\S+)`)

// splitRow splits a table's row of values under a header row of n
// labels: at tabs, at runs of spaces or at " | " first; else at the typed
// values it holds ("90% € 2,224,503" is a percentage and an amount).
func splitRow(s string, n int) []string {
	for _, sep := range []string{"\t", " | ", "  "} {
		if strings.Contains(s, sep) {
			var parts []string
			for _, p := range strings.Split(s, sep) {
				if p = strings.TrimSpace(p); p != "" {
					parts = append(parts, p)
				}
			}
			if len(parts) == n {
				return parts
			}
		}
	}
	var parts []string
	rest := strings.TrimSpace(s)
	for rest != "" {
		loc := typedValueAt.FindStringIndex(rest)
		if loc == nil || loc[0] != 0 {
			return nil
		}
		parts = append(parts, strings.TrimSpace(rest[:loc[1]]))
		rest = strings.TrimSpace(rest[loc[1]:])
	}
	if len(parts) != n {
		return nil
	}
	return parts
}

// stemFields read a label the lexicon does not know by the stems of its
// words, in the languages of the pages: "Organizație beneficiară",
// "Wnioskodawca", "Förderfähige Kosten", "Okres realizacji projektu". The
// first row a label matches wins: the specific rows come first. A label
// read so counts only when its value has the field's type (fitsField).
var stemFields = []struct {
	key   string
	stems []string
}{
	{keyIgnored, []string{"co-financ", "cofinanc", "spolufin", "wspolfin", "kofinan", "lidzfinans", "egenandel", "eigenanteil", "own contribution", "locati", "lokalit", "location", "postcode", "postal code", "rate", "sats", "podil", "podiel", "udzial", "quota", "percent", "contact", "e-mail", "phone", "telefon", "address", "adres", "adresa"}},
	{keyDonorPartners, []string{"donor", "донор", "δωρητ", "donator", "darczy", "norweg", "norwes", "norsk", "norway", "island", "iceland", "liechten", "donatorsk", "donorsk"}},
	{keyInitialCost, []string{"initial", "planned cost", "planowan", "plánovan", "първонач"}},
	{keyStartDate, []string{"start", "begin", "inicio", "avvio", "sakum", "zacatek", "rozpocz", "kezdet", "kezdo", "zacetek", "pocetak", "algus", "начал", "έναρξη", "εναρξη", "data de inceput", "inizio", "debut", "zahajen", "zaciat", "pradzi", "inceput", "aanvang", "upphaf", "започ", "alkamis", "alkup", "aloitus", "borjan", "incepe", "uzsak", "zapoc"}},
	{keyEndDate, []string{"end date", "einddat", "finaliz", "conclus", "ende", "fecha de fin", "data de fim", "beigas", "konec", "zakoncz", "vege", "befejez", "zaro", "zavrset", "lopp", "completion", "край", "λήξη", "ληξη", "data de sfarsit", "ukoncen", "data di fine", "date de fin", "einde", "slutt", "pabaig", "sfarsit", "приключ", "завърш", "paattym", "slut", "finala", "skonc", "zavrs"}},
	{keyPeriod, []string{"period", "perioad", "periodo", "zeitraum", "laufzeit", "durat", "duree", "dauer", "duracion", "kestus", "trvan", "czas", "okres", "realiz", "implementa", "timeline", "timeframe", "dates", "fechas", "termin", "istenosan", "idotartam", "trajanj", "период", "продължителност", "διάρκεια", "διαρκεια", "tímabil", "timabil", "trukme", "trukmė", "razdobl", "obdob", "idoszak", "laikotarp", "periood", "looptijd", "loptid", "varighed", "varighet", "kesto", "toteutus", "aikataulu"}},
	{keyPromoter, []string{"promot", "begunstigd", "verkefnishaf", "toetuse saaja", "toetusesaaja", "porteur", "iesniedz", "veduci partner", "vodilni partner", "vodeci partner", "vezeto partner", "lead benefici", "trager", "coordinat", "coordinad", "koordin", "coorden", "koordyn", "benefici", "beneficj", "benefiz", "solicit", "applicant", "wnioskodaw", "prijimat", "prijem", "vados", "owner", "eier", "capofila", "lead", "kedvezmenyezett", "nositel", "elluviij", "vykdytoj", "istenotaj", "penvoerder", "aanvrager", "nositelj", "korisnik", "upravicen", "бенефициент", "бенефициер", "промотор", "изпълнител", "водещ партньор", "συντονιστ", "δικαιούχ", "δικαιουχ", "φορεας υλοποι", "φορέας υλοποί", "φορεα υλοποι", "vykdytoj", "framkvæmdaaðili", "umsækjandi", "titular", "palyazo", "hakija", "toteuttaja", "tuensaaja", "samordnare", "sokande", "stodmottagare", "projektagare", "ansoger", "tilskudsmodtager", "projektejer", "taotleja", "sanemej", "pareisk", "prijavitelj", "nosilec", "zadatel", "ziadatel", "propon", "chef de file", "antragstell", "zuwendungsempf", "soker"}},
	{keyPartners, []string{"partner", "socio", "parceir", "partenai", "partener", "konsorc", "konzorc", "consorti", "kooperation", "партньор", "εταίρ", "εταιρ", "samstarfsað", "samstarfsad", "kumppan"}},
	{keyFinalCost, []string{"cost", "kosten", "koszt", "coste", "custo", "costo", "naklad", "vydav", "izmaks", "eelarv", "budget", "budzet", "budsjett", "presupuest", "orcament", "buget", "rozpocet", "koltseg", "biudzet", "wartosc", "value", "gesamt", "troskov", "stroski", "бюджет", "стойност", "προϋπολογ", "προυπολογ", "kostnað", "kostnad", "vrijednost", "vrednost", "begroting", "proracun", "hodnota", "vertė", "verte", "kustannu", "budjet", "maksumus", "omkostning"}},
	{keyGrant, []string{"grant", "funds", "forder", "zuschuss", "bijdrage", "tilskud", "stotte", "tilskott", "subven", "subsid", "dofinans", "financ", "finanz", "finanse", "finansej", "toetus", "tilskudd", "dotac", "prispev", "tamogat", "contribut", "erdf", "efre", "feder", "ipa", "bespovratn", "nepovratn", "безвъзмезд", "финансиран", "χρηματοδότ", "χρηματοδοτ", "επιχορηγ", "επιχορήγ", "styrk", "finansavim", "iznos potpore", "potpora", "hozzajarul", "paramos", "parama", "rahoitu", "avustu", "stod", "bidrag", "finansier", "ayuda", "aide", "nenavratn", "efro", "funding", "finansz", "erfa", "efrr", "fesr", "eakr"}},
	{keyCode, []string{"number", "numer", "nummer", "numero", "cislo", "code", "kod", "identif", "registr", "ref", "nº", "numar", "номер", "код", "κωδικ", "αριθμ", "numeris", "broj", "númer", "numer", "stevilk", "azonosit", "oznak", "projektszam", "szerzodesszam", "numur", "nr", "projectcode", "projektkode", "projektkod", "codigo", "codice", "№", "referen", "tunnist", "tunnus", "kood"}},
	{keyStatus, []string{"status", "stav", "estado", "stato", "staatus", "stadiu", "allapot", "статус", "състояние", "κατάσταση", "κατασταση", "staða", "stada", "būsena", "busena", "stanje"}},
	{keyTitle, []string{"title", "titel", "titulo", "titolo", "nazev", "nosaukum", "pavadinim", "nazwa", "naziv", "project name", "projektname", "nazov", "titlu", "заглавие", "наименование", "τίτλος", "τιτλος", "heiti", "pavadinimas", "naslov", "nimi", "namn", "projektnavn", "prosjektnavn", "projectnaam", "naam", "pealkiri", "nimetus"}},
	{keyProgrammeAreas, []string{"programme area", "program area", "програмна област", "programová oblast", "obszar programowy", "programska", "περιοχή"}},
	{keyProgramme, []string{"program", "програма", "πρόγραμμα", "προγραμμα", "áætlun", "aaetlun", "ohjelma"}},
	{keyRegion, []string{"region", "kraj", "county", "voivod", "wojew", "judet", "megye", "novads", "maakond", "bezirk", "provinc", "zupanij", "maakunt", "regij", "apskrit", "oblast", "περιφέρει", "περιφερει"}},
	{keyTargetGroups, []string{"target", "zielgrupp", "destinat", "docelow", "cilj", "celov", "sihtruhm", "celova", "cilov",
		"celcsoport", "целев", "στόχ", "tikslin", "merkgrup", "malgrupp", "malgrupp", "kohderyhm", "doelgroep", "cible", "alvo", "cielov", "tinta"}},
	{keyTopics, []string{"topic", "tema", "temat", "téma", "thema", "temak", "tematy", "teemad", "temos", "tēmas", "temas", "θέματα", "теми"}},
	{keyWebsite, []string{"web", "url", "site", "strona", "stranka", "honlap"}},
}

// namesOrganisations: the value is an organisation's name, or a list of
// them set apart by semicolons ("Norvēģijas Korekcijas dienesta
// direktorāts (KDI); Oslo probācijas birojs") whose first is one.
func namesOrganisations(value string) bool {
	if typeOf(value) == typeOrg {
		return true
	}
	first, _, cut := strings.Cut(value, ";")
	first = strings.TrimSpace(first)
	return cut && (typeOf(first) == typeOrg || isCapitalised(first) && hasInflectedHead(first))
}

// labelByStem reads a label the lexicon does not know by its words' stems
// (stemFields); "" when none matches.
func labelByStem(label string) string { return labelByStemFor(label, "") }

// labelByStemFor is labelByStem for a label with its value: the first row
// whose stems the label has and whose type the value has ("Tilskudd fra
// Norway Grants: 969 000 euro" names a donor state, and is a grant by its
// amount); the first row the label matches when the value is "".
func labelByStemFor(label, value string) string {
	l := " " + partnergraph.Fold(label) + " "
	if euCofinancing(l) {
		// "Cofinancement UE (FEDER et IAP)", "ERFA társfinanszírozás": the
		// Union's share of the costs is the grant; co-financing from
		// anyone else is none.
		l = strings.NewReplacer("co-financ", "financ", "cofinanc", "financ", "tarsfinansz", "finansz").Replace(l)
	}
	rows := stemRows(l)
	first := ""
	for i, row := range stemFields {
		if rows&(1<<i) == 0 {
			continue
		}
		if row.key == keyIgnored {
			// "Valsts budžeta līdzfinansējums": a co-financing, a rate, a
			// contact is no field, whatever its value.
			return keyIgnored
		}
		if value == "" || fitsField(row.key, value) && (!orgKeys[row.key] || namesOrganisations(value)) {
			return row.key
		}
		if first == "" {
			first = row.key
		}
	}
	return first
}

// euCofinancing: the folded label l names a co-financing by the European
// Union or one of its funds.
func euCofinancing(l string) bool {
	if !strings.Contains(l, "financ") && !strings.Contains(l, "finansz") {
		return false
	}
	for _, w := range strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if euFunds[w] {
			return true
		}
	}
	return false
}

// euFunds are the European Union and its funds as labels name them, folded.
var euFunds = map[string]bool{"eu": true, "ue": true, "ес": true, "εε": true, "feder": true, "erdf": true, "efre": true,
	"fesr": true, "erfa": true, "efrr": true, "eakr": true, "efro": true, "ipa": true, "interreg": true, "euroopa": true, "european": true, "europeenne": true}

// stemRows is the set of stemFields' rows (bit i for row i) with a stem in
// the folded label l (a space at each end): a stem at a word's start, or,
// from five bytes on, anywhere. Stems are looked up by their first three
// bytes (stemIndex), not tried one by one.
func stemRows(l string) uint64 {
	var rows uint64
	for _, r := range stemIndex.short {
		if strings.Contains(l, " "+r.stem) {
			rows |= 1 << r.row
		}
	}
	for p := 1; p+3 <= len(l); p++ {
		for _, r := range stemIndex.byPrefix[l[p:p+3]] {
			if strings.HasPrefix(l[p:], r.stem) && (l[p-1] == ' ' || len(r.stem) >= 5) {
				rows |= 1 << r.row
			}
		}
	}
	return rows
}

type stemRef struct {
	stem string
	row  int
}

// stemIndex holds stemFields' stems by their first three bytes; the
// shorter ones apart.
var stemIndex = func() (idx struct {
	byPrefix map[string][]stemRef
	short    []stemRef
}) {
	if len(stemFields) > 64 {
		panic("stemFields: more rows than stemRows has bits")
	}
	idx.byPrefix = map[string][]stemRef{}
	for i, row := range stemFields {
		for _, stem := range row.stems {
			if len(stem) < 3 {
				idx.short = append(idx.short, stemRef{stem, i})
				continue
			}
			idx.byPrefix[stem[:3]] = append(idx.byPrefix[stem[:3]], stemRef{stem, i})
		}
	}
	return idx
}()

// gluedLabels reads a line of labels and values glued together, as a PDF's
// text gives a table ("Titlu proiect:Pași spre casăNumăr
// proiect:2022-2-RO01-...Beneficiar:Centrul de Detenție Craiova"): each
// colon ends a label that begins at the line's start or at a capital glued
// to the value before it; a label counts when the lexicon or its words'
// stems know it.
func gluedLabels(s string) (labelLine, bool) {
	var ll labelLine
	type cut struct{ start, colon int }
	var cuts []cut
	for i := 0; i < len(s); i++ {
		if s[i] != ':' {
			continue
		}
		// The label: back to the last capital after a small letter with
		// no space between (a glued word), or to the line's start.
		start := 0
		for j := i - 1; j > 0; j-- {
			r, _ := utf8.DecodeRuneInString(s[j:])
			p, _ := utf8.DecodeLastRuneInString(s[:j])
			if unicode.IsUpper(r) && (unicode.IsLower(p) || unicode.IsDigit(p) || p == ')') {
				start = j
				break
			}
		}
		label := strings.TrimSpace(s[start:i])
		if label == "" || len(strings.Fields(label)) > 5 {
			continue
		}
		if labels[labelKey(label)] == "" && labelByStem(label) == "" {
			continue
		}
		if len(cuts) > 0 && start < cuts[len(cuts)-1].colon {
			continue
		}
		cuts = append(cuts, cut{start, i})
	}
	if len(cuts) < 3 || cuts[0].start != 0 {
		return ll, false
	}
	for k, c := range cuts {
		end := len(s)
		if k+1 < len(cuts) {
			end = cuts[k+1].start
		}
		label := strings.TrimSpace(s[c.start:c.colon])
		key := labels[labelKey(label)]
		if key == "" {
			key = labelByStem(label)
		}
		ll.fields = append(ll.fields, lineField{key: key, label: label, value: strings.TrimSpace(s[c.colon+1 : end])})
	}
	return ll, true
}

// bilingualLabel reads a label written in two languages, "Žadatel /
// Wnioskodawca:", "Název mikroprojektu / Tytuł mikroprojektu:", as the
// side the lexicon (or else its words' stems) knows, first side first: the
// line then reads as that label with its value. A value in two languages
// after such a label keeps its first language for a title. ok is false
// when the line has no such label.
func bilingualLabel(t string) (line string, ok bool) {
	c := strings.IndexByte(t, ':')
	if c < 0 || c > 120 || !strings.Contains(t[:c], " / ") {
		return "", false
	}
	sides := strings.Split(t[:c], " / ")
	if len(sides) != 2 {
		return "", false
	}
	for _, s := range sides {
		if n := len(strings.Fields(s)); n == 0 || n > 5 {
			return "", false
		}
	}
	pick := ""
	for _, s := range sides {
		if labels[labelKey(s)] != "" || labels[labelKey(withoutMicro(s))] != "" {
			pick = s
			break
		}
	}
	for _, s := range sides {
		if pick == "" && labelByStem(s) != "" {
			pick = s
		}
	}
	if pick == "" {
		return "", false
	}
	if labels[labelKey(pick)] == "" && labels[labelKey(withoutMicro(pick))] != "" {
		pick = withoutMicro(pick)
	}
	value := t[c+1:]
	if labels[labelKey(pick)] == keyTitle {
		if first, _, two := strings.Cut(value, " / "); two {
			value = first
		}
	}
	return strings.TrimSpace(pick) + ":" + value, true
}

// withoutMicro reads a micro-project's label as a project's: the small
// project funds of Interreg write "Název mikroprojektu", "Tytuł
// mikroprojektu", "Kleinprojekt".
func withoutMicro(s string) string {
	for _, p := range []string{"mikroprojekt", "Mikroprojekt", "microproject", "Microproject", "micro-project", "Micro-project", "Kleinprojekt"} {
		if i := strings.Index(s, p); i >= 0 {
			rest := s[i+len(p):]
			head := "projekt"
			if strings.HasPrefix(p, "micro") || strings.HasPrefix(p, "Micro") {
				head = "project"
			}
			return s[:i] + head + rest
		}
	}
	return s
}

// dashLabel reads a label set off from its value by a spaced dash instead
// of a colon, and returns them apart ("Номер на договора – BG-JUSTICE-0528", "Обща стойност –
// 684 215,40 лева"): the words before the dash a label the lexicon or the
// stems know, the value after it of the field's type. ok is false
// otherwise.
func dashLabel(t string) (label, value string, ok bool) {
	if len(t) > 120 || strings.Contains(t, ":") || endsSentence(t) {
		return "", "", false // (a line of prose, not of facts)
	}
	i := strings.Index(t, " – ")
	w := len(" – ")
	if i < 0 {
		i, w = strings.Index(t, " - "), 3
	}
	if i <= 0 {
		return "", "", false
	}
	label, value = strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+w:])
	if n := len(strings.Fields(label)); n == 0 || n > 5 || value == "" || !isCapitalised(label) || hasDigit(label) {
		return "", "", false
	}
	key := labels[labelKey(label)]
	if key == "" {
		key = labelByStemFor(label, value)
	}
	if key == "" || key == keyIgnored || !fitsField(key, value) {
		return "", "", false
	}
	if vt := typeOf(value); vt == typeText || orgKeys[key] != (vt == typeOrg) {
		return "", "", false // a value of no form of its own: only names, amounts, dates, numbers
	}
	return label, value, true
}

// endsSentence: the line ends with a word of three letters or more and a
// full stop, as a sentence does ("г." and "d." are abbreviations of a
// date's year and day).
func endsSentence(t string) bool {
	w, ok := strings.CutSuffix(t, ".")
	if !ok {
		return false
	}
	if i := strings.LastIndexAny(w, " \t"); i >= 0 {
		w = w[i+1:]
	}
	return utf8.RuneCountInString(w) >= 3
}
