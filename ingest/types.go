package ingest

import (
	"regexp"
	"strings"

	"github.com/partnergraph/partnergraph"
	"unicode"

	"github.com/partnergraph/partnergraph/ingest/entity"
)

// valueType is what a value of a facts block is, read from its form alone:
// a positional reading (the line under "Project Number:") must agree with
// the type it is read as.
type valueType int

const (
	typeText     valueType = iota // anything else
	typeCode                      // a project number of some programme
	typeStatus                    // "Completed", "In implementation"
	typeMoney                     // an amount with a currency or a scale word
	typePercent                   // "90%"
	typeDate                      // "01/10/2018", "2019-03-01", "March 2019"
	typePeriod                    // "01.03.2019 - 28.02.2021"
	typeDuration                  // "24 months"
	typeCountry                   // "Norway", "NO"
	typeOrg                       // a name formed as an organisation's
	typeActivity                  // a kind of bilateral activity: "Study visit", "Seminar"
)

var typeNames = [...]string{"text", "code", "status", "money", "percent", "date", "period", "duration", "country", "organisation", "activity"}

// activityHeads are the nouns that name the kinds of activity a bilateral
// initiative funds ("Study visit", "Exchange of experience", "Preparation
// of partnership project or application"); a short value that begins with
// one is such a kind.
var activityHeads = map[string]bool{
	"study": true, "visit": true, "visits": true, "seminar": true, "seminars": true, "conference": true,
	"conferences": true, "workshop": true, "workshops": true, "exchange": true, "exchanges": true,
	"preparation": true, "networking": true, "training": true, "trainings": true, "meeting": true,
	"meetings": true, "round": true, "expert": true, "experts": true, "joint": true, "mapping": true,
	"development": true, "peer": true, "research": true, "publication": true, "dissemination": true,
	"event": true, "events": true, "webinar": true, "webinars": true, "consultation": true,
	"consultations": true, "other": true, "bilateral": true, "partnership": true, "knowledge": true,
	"sharing": true, "transfer": true, "capacity": true, "campaign": true, "awareness": true,
}

// isActivity: a short value that names a kind of bilateral activity.
func isActivity(v string) bool {
	ws := strings.Fields(nameKey(v))
	if len(ws) == 0 || len(ws) > 8 || !activityHeads[ws[0]] {
		return false
	}
	if strings.HasPrefix(ws[0], "prep") {
		return true // "Preparation of partnership project or application"
	}
	// "Expert exchange" is a kind of activity; "Study Centre of ..." names
	// an organisation: a head noun that is no activity word.
	for _, w := range ws {
		if entity.IsHead(w) && !activityHeads[w] {
			return false
		}
	}
	return true
}

func (t valueType) String() string { return typeNames[t] }

// statusWords are the states a project page gives a project, as keys.
var statusWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range statusWordList {
		m[nameKey(w)] = true
	}
	return m
}()

// statusWordList are the states of projects in the pages' languages.
var statusWordList = []string{"приключил", "приключен", "в изпълнение", "zakończony", "zakonczony", "w realizacji", "realizowany",
	"ukončený", "ukončen", "probíhá", "v realizaci", "dokončen", "zaključen", "zaključeno", "završen", "u provedbi", "v izvajanju",
	"lõpetatud", "noslēdzies", "īstenošanā", "baigtas", "vykdomas", "abgeschlossen", "laufend", "in durchführung", "in corso", "concluso",
	"terminado", "en curso", "finalizado", "concluído", "em curso", "finalizat", "în derulare", "în implementare", "avsluttet",
	"pågående", "lokið", "í gangi", "ολοκληρώθηκε", "σε εξέλιξη", "befejezett", "folyamatban", "afgerond", "lopend"}

var statusWordsEnglish = map[string]bool{
	"completed": true, "complete": true, "in implementation": true, "implementation": true,
	"ongoing": true, "on going": true, "in progress": true, "terminated": true, "non completed": true,
	"not completed": true, "closed": true, "finished": true, "ended": true, "approved": true,
	"contracted": true, "active": true, "running": true, "project completed": true,
	"under implementation": true, "being implemented": true, "cancelled": true, "canceled": true,
	"withdrawn": true, "planned": true, "selected": true, "signed": true, "in preparation": true,
	"implemented": true, "concluded": true, "finalised": true, "finalized": true, "ready": true,
}

// IsStatus: the value is a project's state, never a name or a number.
func isStatus(v string) bool {
	if len(v) > 40 {
		return false
	}
	k := nameKey(v)
	return statusWordsEnglish[k] || statusWords[k]
}

var (
	// A project number of any programme: letters, digits and separators in
	// one token, with a digit; the grants' (LT14-0004, RO-JUSTICE-0002,
	// CZ-JUSTICE-BI003), Erasmus+ (2018-1-EL01-KA204-047884), 2004-09
	// (CZ0089, PL0321), Interreg and national (ROHU-123, CB007, 2017/123)
	// forms are all of it.
	codeShape = regexp.MustCompile(`^[A-Z0-9][A-Za-z0-9]*(?:[-/._][A-Za-z0-9]+){0,14}$`)
	percentRe = regexp.MustCompile(`^\d{1,3}(?:[.,]\d+)?\s?%$`)
)

// isCode: the value has the shape of a project number: one token of
// capitals, digits and separators with at least one digit and one letter
// or two separated groups; not a year, an amount, a date or a percentage.
func isCode(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) < 4 || len(v) > 48 || !codeShape.MatchString(v) {
		return false
	}
	digits, letters, lower := 0, 0, 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9':
			digits++
		case 'A' <= c && c <= 'Z':
			letters++
		case 'a' <= c && c <= 'z':
			letters++
			lower++
		}
	}
	if digits == 0 || lower > letters/2 {
		return false // "Norway", "Justice": words, not numbers
	}
	if letters == 0 {
		// All digits: a number long enough to be an id, not a year or an
		// amount written with separators.
		if _, err := parseDate(v); err == nil {
			return false
		}
		plain := strings.Trim(v, "0123456789") == ""
		return plain && len(v) >= 5 || strings.ContainsAny(v, "/-") && !strings.Contains(v, ".")
	}
	return true
}

// isDate: one date, as a facts block writes one.
func isDate(v string) bool {
	v = strings.TrimSpace(v)
	_, err := parseDate(v)
	return err == nil
}

// splitPeriod reads "01.03.2019 - 28.02.2021", "1.11.2023–31.10.2026",
// "from September 2020 to August 2023" or "24 months (May 17,
// 2017-November 16, 2019)" into its two dates, as written.
func splitPeriod(v string) (from, to string, ok bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, '('); i > 0 && strings.HasSuffix(v, ")") {
		// The dates of a duration, "24 months (May 17, 2017-November 16,
		// 2019)", or a duration after the dates, "1. 4. 2021. – 30. 9.
		// 2022. (18 mjeseci)".
		if from, to, ok := splitDates(v[i+1 : len(v)-1]); ok {
			return from, to, ok
		}
		v = strings.TrimSpace(v[:i])
	}
	if from, to, ok := splitDates(v); ok {
		return from, to, ok
	}
	// A duration beside the dates, set apart by a spaced dash or a comma:
	// "36 mois – du 01/12/2023 au 30/11/2026", "1.3.2021 – 30.4.2024, 38
	// months".
	for _, sep := range []string{" – ", " — ", " - ", ", ", " | "} {
		parts := strings.Split(v, sep)
		if len(parts) < 2 {
			continue
		}
		for _, part := range parts {
			if from, to, ok := splitDates(part); ok {
				return from, to, ok
			}
		}
	}
	return "", "", false
}

// splitDates is splitPeriod on a value without a bracket after it.
func splitDates(v string) (from, to string, ok bool) {
	if from, to, ok := splitDatesAsWritten(v); ok {
		return from, to, ok
	}
	// Small words before the first date: "du 01/12/2023 au 30/11/2026",
	// "od 1. 3. 2021 do 30. 4. 2023" (after the value as written: "mars
	// 2022 – febrúar 2024" begins with a month).
	w, rest, cut := strings.Cut(strings.TrimSpace(v), " ")
	if !cut || !smallWord(w) || len(w) > 5 {
		return "", "", false
	}
	return splitDatesAsWritten(rest)
}

// splitDatesAsWritten is splitDates without small words before the first
// date.
func splitDatesAsWritten(v string) (from, to string, ok bool) {
	lower := strings.ToLower(v)
	for _, p := range []string{"from ", "between "} {
		if strings.HasPrefix(lower, p) {
			v, lower = v[len(p):], lower[len(p):]
		}
	}
	for _, sep := range []string{" to ", " until ", " and ", "–", "—", " - ", "-"} {
		for off := 0; ; {
			i := strings.Index(lower[off:], sep)
			if i < 0 {
				break
			}
			i += off
			a, b := v[:i], v[i+len(sep):]
			if isDate(a) && isDate(b) {
				return strings.TrimSpace(a), strings.TrimSpace(b), true
			}
			off = i + len(sep)
		}
	}
	return datesAround(v)
}

// datesAround reads a period written as two dates joined by a few small
// words, in any language: "1 januari 2023 tot en met 31 december 2025",
// "1. März 2021 bis 28. Februar 2023". The words between are one to three
// words of small letters alone ("Published: 14.06.2021 | Last modified:
// 09.02.2024" is no period); each side is a date as a whole.
func datesAround(v string) (from, to string, ok bool) {
	ws := strings.Fields(v)
	if len(ws) > 12 {
		return "", "", false // two dates and a few words, not a sentence
	}
	for i := 1; i < len(ws); i++ {
		for j := i + 1; j < len(ws) && j-i <= 3; j++ {
			if !smallWord(ws[j-1]) {
				break
			}
			a, b := strings.Join(ws[:i], " "), strings.Join(ws[j:], " ")
			if isDate(a) && isDate(b) {
				return a, b, true
			}
		}
	}
	return "", "", false
}

// smallWord: a word of small letters alone.
func smallWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// currencyOf returns the ISO code of the currency a money value names
// first ("1 958 823,53 евро (3 831 125,82 лв.)" is in euros), "" when it
// names none.
func currencyOf(v string) string {
	lower := strings.ToLower(v)
	start := -1
	for i, r := range lower + " " {
		letter := unicode.IsLetter(r)
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			if c, ok := currencyWords[lower[start:i]]; ok {
				return c
			}
			start = -1
		}
		switch r {
		case '€':
			return "EUR"
		case '£':
			return "GBP"
		}
	}
	return ""
}

// currencyWords are the codes and names of the currencies of the grants'
// beneficiary and donor states, lower-cased.
var currencyWords = map[string]string{
	"eur": "EUR", "euro": "EUR", "euros": "EUR", "euroa": "EUR", "euron": "EUR",
	"nok": "NOK", "kr": "NOK", "kroner": "NOK",
	"pln": "PLN", "zloty": "PLN", "zlotys": "PLN",
	"ron": "RON", "lei": "RON", "leu": "RON",
	"czk": "CZK", "huf": "HUF", "ft": "HUF", "forint": "HUF",
	"bgn": "BGN", "leva": "BGN", "lev": "BGN",
	"isk": "ISK", "chf": "CHF", "hrk": "HRK", "kuna": "HRK",
	"gbp": "GBP", "usd": "USD", "sek": "SEK", "dkk": "DKK",
	// in the pages' languages and scripts
	"евро": "EUR", "ευρώ": "EUR", "eura": "EUR", "evra": "EUR", "evrov": "EUR", "evrur": "EUR", "evrum": "EUR", "eurų": "EUR",
	"eiro": "EUR", "лв": "BGN", "лева": "BGN", "kn": "HRK", "zł": "PLN", "złotych": "PLN",
	"kč": "CZK", "korun": "CZK",
}

// isMoney: an amount with a currency ("€ 2,224,503", "4 500 000 lei",
// "EUR 6.5 million").
func isMoney(v string) bool {
	return strings.ContainsAny(v, "0123456789") && currencyOf(v) != "" && len(v) < 60
}

// isOrgName: the value is formed as an organisation's name: it has a head
// noun in one of the languages of the pages ("Ministry", "Directorate",
// "Fundacja", "-senter"), a legal form, or is an acronym.
func isOrgName(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || isStatus(v) || isCode(v) || isMoney(v) || len(strings.Fields(v)) > 20 {
		return false
	}
	n := entity.Clean(v)
	if n.Name == "" {
		return false
	}
	if entity.IsAcronym(n.Name) || entity.HasHead(n.Name) || n.Country != "" && isCapitalised(n.Name) {
		return true
	}
	lower := strings.ToLower(n.Name)
	for _, lf := range legalForms {
		if strings.HasSuffix(lower, " "+lf.suffix) || strings.HasPrefix(lower, lf.suffix+" ") {
			return true
		}
	}
	return false
}

// typeOf reads the type of a value from its form.
func typeOf(v string) valueType {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return typeText
	case isStatus(v):
		return typeStatus
	case !hasDigit(v):
		// No percentage, amount, date, period, duration or number.
		return typeOfWords(v)
	case percentRe.MatchString(v):
		return typePercent
	case isMoney(v):
		return typeMoney
	case isDate(v):
		return typeDate
	case monthsRe.MatchString(v):
		return typeDuration
	}
	if _, _, ok := splitPeriod(v); ok {
		return typePeriod
	}
	if isCode(v) {
		return typeCode
	}
	return typeOfWords(v)
}

// typeOfWords is typeOf for a value that is no number: a country, a kind
// of activity, an organisation or text.
func typeOfWords(v string) valueType {
	if c, ok := entity.CountryByName(v); ok && c.Name != "" {
		return typeCountry
	}
	if isActivity(v) {
		return typeActivity
	}
	if isOrgName(v) {
		return typeOrg
	}
	return typeText
}

// proseAmount is an amount a sentence states, with what it is of.
type proseAmount struct {
	v              int64
	currency       string
	text, sentence string
}

// proseMoney: an amount with its currency in a sentence, the currency
// before or after it, with a scale word or not.
var proseMoney = regexp.MustCompile(`(?i)(?:(?:€|\b(?:eur|euro|nok|pln|ron|czk|huf|bgn)\b)\s?\d[\d,.\x{00a0} ]*\d(?:\s?(?:million|mln|billion|thousand)\b)?|\b\d[\d,.\x{00a0} ]*\d?(?:\s?(?:million|mln|mill\.|mio\.|billion|thousand|mil+i?j?(?:o|ó|oe)n\pL*|milh(?:ão|õ)\pL*|мил+ион\pL*|εκατομμ\pL*|εκατ\.?|tis\.|tūkst\.?|mil\.|tys\.|tisíc\pL*|tisic\pL*|tysi[ęą]\pL*|tūkstan\pL*|tūkstoš\pL*|tausend|tusen|tuhatta|ezer|хиляди|χιλιάδες|mii|tisuća|tisoč))?(?:\s(?:de|of))?\s?(?:€|(?:eur|euros?|euroa|euron|eura|eurų|eurot|eiro|evrov|ευρώ|ευρω|евро|nok|kroner|pln|zł|zloty|lei|ron|czk|kč|huf|forint|bgn|лева)(?:\s|$|[.,;:!?)])))`)

// moneyCues name what an amount is, by the words before it: the nearest
// wins. A co-financing or a programme's money is no project's grant.
var moneyCues = []struct {
	word, what string
}{
	{"co-financ", ""}, {"cofinanc", ""}, {"own contribution", ""}, {"national contribution", ""}, {"programme", ""}, {"program ", ""},
	{"grant", "grant"}, {"contribut", "grant"}, {"funded", "grant"}, {"funding", "grant"}, {"financed", "grant"}, {"support of", "grant"},
	{"awarded", "grant"}, {"received", "grant"}, {"subsid", "grant"},
	{"total cost", "cost"}, {"total budget", "cost"}, {"budget", "cost"}, {"cost", "cost"}, {"total value", "cost"}, {"worth", "cost"}, {"total of", "cost"},
	// the same in the pages' other languages
	{"līdzfinans", ""}, {"kofinanc", ""}, {"cofinanci", ""}, {"spolufinanc", ""}, {"współfinans", ""}, {"egenandel", ""}, {"eigenanteil", ""},
	{"finansējum", "grant"}, {"förderung", "grant"}, {"fördermittel", "grant"}, {"subvención", "grant"}, {"financiación", "grant"},
	{"financiamento", "grant"}, {"finanziamento", "grant"}, {"tilskudd", "grant"}, {"toetus", "grant"}, {"príspev", "grant"},
	{"dotace", "grant"}, {"dofinansowa", "grant"}, {"finanțare", "grant"}, {"dotáci", "grant"},
	{"izmaksas", "cost"}, {"kosten", "cost"}, {"coste", "cost"}, {"custo", "cost"}, {"costo", "cost"}, {"náklady", "cost"},
	{"výdavk", "cost"}, {"výdaj", "cost"}, {"eelarve", "cost"}, {"budsjett", "cost"}, {"presupuesto", "cost"}, {"orçamento", "cost"},
	{"wartość", "cost"}, {"ausgaben", "cost"}, {"buget", "cost"}, {" ramme", "cost"}, {"kokonaisbudjet", "cost"}, {"rahoitu", "grant"},
}

// afterCues name what an amount is by the words right after it: "EUR
// 1.15 million from the Norway Grants", "8.000.489 lei Norway Grants
// (85%)".
var afterCues = []struct{ word, what string }{
	{"co-financ", ""}, {"cofinanc", ""}, {"own contribution", ""}, {"national", ""},
	{"norway grants", "grant"}, {"eea grants", "grant"}, {"grant", "grant"}, {"erdf", "grant"}, {"from the eu", "grant"},
	// the funds named in the pages' languages: "1 093 499 Eur sudaro
	// Norvegijos finansinio mechanizmo lėšos"
	{"norvegij", "grant"}, {"norwesk", "grant"}, {"norsk", "grant"}, {"norvég", "grant"}, {"норвеж", "grant"}, {"norveš", "grant"},
	{"norvēģ", "grant"}, {"norveg", "grant"},
}

// euFundCues name the European Regional Development Fund, which pays an
// Interreg project's grant, by its acronyms and the words of its name in
// the Union's languages, and any European fund by its first words ("aus
// dem Europäischen Fonds für ...", "Evropského fondu ..."): an amount
// from the Union's fund is the grant, like one from the Norway Grants.
// (FEDER, which also begins "federal", is read by its name's words.)
var euFundCues = []string{
	"erdf", "efre", "fesr", "efro", "efrr", "esrr", "erfa", "fedr", "ефрр", "ετπα", "erpf", "eraf", "eakr", "eruf", "efru",
	"regional development fund", "regionale entwicklung", "développement régional", "developpement regional", "desarrollo regional",
	"sviluppo regionale", "desenvolvimento regional", "regionale ontwikkeling", "rozwoju regionalnego", "regionální rozvoj",
	"regionálneho rozvoja", "regionalni razvoj", "regionális fejlesztési", "dezvoltare regional", "регионално развитие",
	"περιφερειακής ανάπτυξης", "regioninės plėtros", "reģionālās attīstības", "regionaalarengu", "aluekehitysrahasto",
	"regionala utvecklingsfond", "regionaludvikling",
	"european fund", "europäischen fonds", "fonds européen", "fondo europeo", "fundo europeu", "europees fonds",
	"europejskiego funduszu", "evropského fondu", "európskeho fondu", "evropskega sklada", "europskog fonda", "fondul european",
	"fondului european", "европейския фонд", "ευρωπαϊκό ταμείο",
}

func init() {
	for _, w := range euFundCues {
		moneyCues = append(moneyCues, struct{ word, what string }{w, "grant"})
		afterCues = append(afterCues, struct{ word, what string }{w, "grant"})
	}
}

// hasCurrencyMark: the text names a currency the way proseMoney needs,
// in any case.
func hasCurrencyMark(t string) bool {
	if strings.ContainsAny(t, "€") || strings.Contains(t, "zł") || strings.Contains(t, "Kč") {
		return true
	}
	for _, c := range []string{"EUR", "Eur", "eur", "NOK", "nok", "PLN", "pln", "RON", "ron", "lei", "LEI", "CZK", "czk", "HUF", "huf", "BGN", "bgn", "zloty",
		"ευρώ", "ευρω", "евро", "kroner", "forint", "лева", "eiro", "evrov"} {
		if strings.Contains(t, c) {
			return true
		}
	}
	return false
}

// amountsIn finds the amounts of a text with what each is of, by the
// nearest cue after it (a few words) or before it (moneyCues).
func amountsIn(text string) []struct {
	what string
	a    proseAmount
} {
	var out []struct {
		what string
		a    proseAmount
	}
	if !strings.ContainsAny(text, "0123456789") || !hasCurrencyMark(text) {
		return nil
	}
	if strings.Contains(text, "\n") {
		// A sentence wrapped over lines: its words whole again ("the
		// Nor-\nway Grants").
		text = strings.ReplaceAll(strings.ReplaceAll(text, "-\n", ""), "\n", " ")
	}
	lower := strings.ToLower(text)
	prev := 0 // the end of the amount before: its cue words are its own
	for _, m := range proseMoney.FindAllStringIndex(text, -1) {
		for m[1] > m[0] && strings.ContainsRune(" .,;:!?)", rune(text[m[1]-1])) {
			m[1]-- // the mark after the currency's word is the sentence's
		}
		t := strings.TrimSpace(text[m[0]:m[1]])
		what, found := "", false
		after := lower[m[1]:min(len(lower), m[1]+28)]
		if i := strings.Index(after, ", "); i >= 0 {
			after = after[:i] // "1 185 300 EUR, of which ... Norway ...": the next amount's
		}
		bestAfter := len(after) + 1
		for _, c := range afterCues {
			if i := strings.Index(after, c.word); i >= 0 && i < bestAfter {
				what, bestAfter, found = c.what, i, true
			}
		}
		if !found {
			before := lower[max(0, prev, m[0]-60):m[0]]
			// The cue in the word nearest the amount; of two in one word
			// the one that begins first ("līdzfinansējums", co-financing,
			// over the "finansējums" in it).
			atWord, atStart := -1, 0
			for _, c := range moneyCues {
				i := strings.LastIndex(before, c.word)
				if i < 0 {
					continue
				}
				word := strings.LastIndexAny(before[:i], " \t\n(") + 1
				if word > atWord || word == atWord && i < atStart {
					what, atWord, atStart = c.what, word, i
				}
			}
			if atWord < 0 {
				// No cue of the list: the words before the amount read as
				// the labels' stems read them ("A teljes költségvetés
				// 1 742 618 EUR", "... 1 568 356 EUR az Európai Unió
				// hozzájárulása" is read by the cue after it).
				what = stemMoneyCue(before)
			}
			if what == "" {
				// "ebből 1 568 356 EUR az Európai Unió hozzájárulása": the
				// words after it, as the labels' stems read them.
				what = stemMoneyCueAfter(lower[m[1]:min(len(lower), m[1]+60)])
			}
			// "The programme has a budget of ...": the programme's money,
			// unless the project is named after it.
			if p := strings.LastIndex(lower[:m[0]], "programme"); p >= 0 && p > strings.LastIndex(lower[:m[0]], "project") {
				what = ""
			}
		}
		prev = m[1]
		v, currency, err := parseMoney(t)
		if err != nil || v == 0 {
			continue
		}
		out = append(out, struct {
			what string
			a    proseAmount
		}{what, proseAmount{v: v, currency: currency, text: t, sentence: text}})
	}
	return out
}

// stemMoneyCue: what the last word before an amount that the labels'
// stems read as a cost or a grant says the amount is; "" when none does.
func stemMoneyCue(before string) string {
	ws := strings.Fields(before)
	for i := len(ws) - 1; i >= 0 && i >= len(ws)-4; i-- {
		if what := moneyWord(ws[i]); what != "" {
			return what
		}
	}
	return ""
}

// moneyWord is what a word says an amount is by the labels' stems: "grant",
// "cost" or "".
func moneyWord(w string) string {
	switch labelByStem(strings.Trim(w, ",.;:()")) {
	case keyGrant, keyGrantNorway, keyGrantEEA, keyGrantEU:
		return "grant"
	case keyFinalCost, keyInitialCost:
		return "cost"
	}
	return ""
}

// stemMoneyCueAfter is stemMoneyCue for the words after an amount, up to
// the next figure: the first of three that the stems read as a grant or a
// cost.
func stemMoneyCueAfter(after string) string {
	if i := strings.IndexAny(after, "0123456789"); i >= 0 {
		after = after[:i]
	}
	ws := strings.Fields(after)
	for i := 0; i < len(ws) && i < 4; i++ {
		if what := moneyWord(ws[i]); what != "" {
			return what
		}
	}
	return ""
}

// moneyInProse finds the grant and the total cost a sheet's sentences
// state ("the Norway Grants contributed EUR 1.15 million of the total cost
// of EUR 1.35 million"); the first of each kind is kept.
func moneyInProse(s *Sheet) (grant, cost *proseAmount) {
	for _, sec := range s.Sections {
		if !hasCurrencyMark(sec.Text) {
			continue
		}
		for _, sn := range sentences(s.Text, sec) {
			for _, x := range amountsIn(sn.Text) {
				a := x.a
				if x.what == "grant" && grant == nil {
					grant = &a
				} else if x.what == "cost" && cost == nil {
					cost = &a
				}
			}
		}
	}
	return grant, cost
}

var proseStartEnd = regexp.MustCompile(`(?i)\b(?:start\w*|began|begun|launched)\s+(?:on|in)\s+((?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{4})|(?:\d{1,2}\.?\s+)?[a-z]+\.?\s+(?:\d{1,2},?\s+)?\d{4})\b.{0,60}?\b(?:end\w*|clos\w*|finish\w*|complet\w*|conclud\w*)\s+(?:on|in)\s+((?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{4})|(?:\d{1,2}\.?\s+)?[a-z]+\.?\s+(?:\d{1,2},?\s+)?\d{4})`)

var proseFromTo = regexp.MustCompile(`(?i)\b(?:from|between)\s+((?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{4})|(?:\d{1,2}\.?\s+)?[a-z]+\.?\s+(?:\d{1,2},?\s+)?\d{4})\s+(?:to|until|and|till)\s+((?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{4})|(?:\d{1,2}\.?\s+)?[a-z]+\.?\s+(?:\d{1,2},?\s+)?\d{4})`)

// anyNumericDate is a date written in figures, day first or year first:
// "1.3.2022", "2025.03.01.", "2021-02-01", "01/04/2019".
var anyNumericDate = regexp.MustCompile(`\b(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{4}|\d{4}[./-]\s?\d{1,2}[./-]\s?\d{1,2})\b`)

// fromWords and toWords open the two ends of a period in the pages'
// languages: "od 1.3.2022 do 30.4.2024", "de la ... până la ...", "von
// ... bis ...".
var (
	fromWords = map[string]bool{"from": true, "od": true, "de": true, "la": true, "von": true, "fra": true, "fran": true, "van": true, "dal": true, "dalla": true,
		"da": true, "desde": true, "от": true, "vanaf": true, "nuo": true, "no": true, "alates": true, "between": true, "med": true, "από": true, "απο": true,
		"entre": true, "intre": true, "zwischen": true, "mezi": true, "pomiedzy": true, "tarp": true}
	toWords = map[string]bool{"to": true, "until": true, "al": true, "alla": true, "fino": true, "do": true, "pana": true, "bis": true, "til": true, "till": true,
		"a": true, "hasta": true, "ate": true, "до": true, "tot": true, "iki": true, "lidz": true, "kuni": true, "and": true, "έως": true, "εως": true, "μέχρι": true, "μεχρι": true,
		"e": true, "si": true, "und": true, "i": true, "ir": true, "un": true, "es": true, "и": true, "και": true, "och": true, "og": true}
)

// periodByWords reads a project's period from a sentence in any of the
// pages' languages: two dates in figures, the first after a word for a
// start ("kezdő dátuma 2025.03.01., befejező dátuma 2027.02.28.") or a
// "from", the second after a word for an end or a "to". The sentence must
// speak of a project or of a period.
func periodByWords(sentence string) (from, to string, ok bool) {
	locs := anyNumericDate.FindAllStringIndex(sentence, 3)
	if len(locs) != 2 {
		return "", "", false
	}
	f := partnergraph.Fold(sentence)
	if !strings.Contains(f, "proj") && !strings.Contains(f, "proie") && !strings.Contains(f, "prosj") && !strings.Contains(f, "проект") &&
		labelByStem(sentence) != keyPeriod {
		return "", "", false
	}
	opens := func(before string, start bool) bool {
		ws := foldedWords(before)
		for i := len(ws) - 1; i >= 0 && i >= len(ws)-3; i-- {
			key := labelByStem(ws[i])
			if start && (key == keyStartDate || fromWords[ws[i]]) || !start && (key == keyEndDate || toWords[ws[i]]) {
				return true
			}
		}
		return false
	}
	if !opens(sentence[max(0, locs[0][0]-40):locs[0][0]], true) || !opens(sentence[locs[0][1]:locs[1][0]], false) {
		return "", "", false
	}
	a, err1 := parseDateIn(sentence[locs[0][0]:locs[0][1]], false)
	b, err2 := parseDateIn(sentence[locs[1][0]:locs[1][1]], true)
	if err1 != nil || err2 != nil || a >= b {
		return "", "", false
	}
	return a, b, true
}

// periodInProse reads a project's period from a sentence about the
// project: "The project runs from 1.11.2023 to 31.10.2026".
func periodInProse(s *Sheet) (from, to string, ok bool) {
	for _, sec := range s.Sections {
		if !hasYear(sec.Text) {
			continue
		}
		for _, sn := range sentences(s.Text, sec) {
			if !hasYear(sn.Text) {
				continue
			}
			if a, b, ok := periodByWords(sn.Text); ok {
				return a, b, true
			}
			if a, b, ok := periodInWords(sn.Text); ok {
				return a, b, true
			}
			lower := strings.ToLower(sn.Text)
			if !strings.Contains(lower, "project") && !strings.Contains(lower, "initiative") && !strings.Contains(lower, "runs") && !strings.Contains(lower, "lasts") && !strings.Contains(lower, "started") {
				continue
			}
			for _, g := range append(proseFromTo.FindAllStringSubmatch(sn.Text, -1), proseStartEnd.FindAllStringSubmatch(sn.Text, -1)...) {
				a, err1 := parseDateIn(g[1], false)
				b, err2 := parseDateIn(g[2], true)
				if err1 == nil && err2 == nil && a < b {
					return a, b, true
				}
			}
		}
	}
	return "", "", false
}
