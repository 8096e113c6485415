package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest/entity"
)

// candidate is a name in the prose that may be an organisation: pass one of
// the extraction finds them, and the corpus-wide resolution decides.
type candidate struct {
	Name    string // the long form as written
	Acronym string // set when the text defines one: "Long Form (ACR)"
	Weak    bool   // generic words only ("Prison Service"): kept only if known
	// Alias: the same organisation's name in another language, given in
	// parentheses after it.
	Alias string
	// National: a generic name of a national institution ("Ministry of
	// Justice") read as the one of the page's country, at Start:End.
	National bool
	// List: one item of a coordinated list ("Ila" of "Ullersmo, Ila and
	// Ringerike prisons"), at Start:End of the sentence. The dictionary
	// cannot find such names, so they are mentions in their own right.
	List       bool
	Start, End int
}

// connectors may stand inside an organisation's name between capitalised words.
var connectors = map[string]bool{
	"of": true, "for": true, "to": true, "and": true, "under": true, "on": true,
	"de": true, "du": true, "des": true, "di": true, "für": true, "&": true, "the": true,
	"against": true, "e": true, "y": true, "et": true, "und": true, "per": true, "del": true, "della": true, "do": true, "da": true,
	"para": true, "pour": true, "dos": true, "degli": true, "delle": true, "dei": true, "van": true, "voor": true,
	// in the names of places: "Světlá nad Sázavou", "Hrnčiarovce nad Parnou", "Brandýs nad Labem"
	"nad": true, "pod": true,
	// "and" in Greek and Bulgarian: "Υπουργείο Δικαιοσύνης και Δημοσίας Τάξεως"
	"και": true, "и": true,
}

// leadWords are capitalised at the start of a sentence but not part of a name.
var leadWords = map[string]bool{
	"the": true, "this": true, "that": true, "these": true, "those": true, "both": true,
	"our": true, "its": true, "their": true, "a": true, "an": true, "in": true, "during": true,
	"within": true, "thanks": true, "given": true, "at": true, "for": true, "with": true,
	"by": true, "from": true, "on": true, "to": true, "partnership": true, "cooperation": true,
	"moreover": true, "also": true, "all": true, "each": true, "every": true, "new": true,
	"together": true, "through": true, "after": true, "before": true, "under": true,
	"following": true, "as": true, "since": true, "while": true, "when": true, "project": true,
	"representatives": true, "staff": true, "experts": true, "members": true, "employees": true,
	"officers": true, "teachers": true, "trainers": true, "students": true, "participants": true,
	"delegates": true, "colleagues": true, "visitors": true, "managers": true, "director": true,
	"directors": true, "head": true, "heads": true, "guards": true, "inmates": true, "leaders": true,
	"specialists": true, "professionals": true, "researchers": true, "lecturers": true, "advisers": true,
	"advisors": true, "consultants": true, "mentors": true, "instructors": true, "psychologists": true,
	"coordinators": true, "volunteers": true, "workers": true, "officials": true, "judges": true,
	// articles of the pages' other languages
	"die": true, "der": true, "das": true, "dem": true, "den": true, "el": true, "la": true, "los": true, "las": true,
	"il": true, "lo": true, "gli": true, "le": true, "les": true, "het": true, "o": true, "os": true,
	"az": true, // Hungarian ("Az Újrakezdés Egyesület koordinálja ...")
	// Greek ("Το Υπουργείο Δικαιοσύνης ανακοινώνει ...")
	"ο": true, "η": true, "το": true, "οι": true, "τα": true, "του": true, "της": true, "των": true, "τον": true, "την": true,
}

// foreignArticles are the articles of leadWords from other languages.
var foreignArticles = map[string]bool{"die": true, "der": true, "das": true, "dem": true, "den": true, "el": true, "la": true, "los": true,
	"las": true, "il": true, "lo": true, "gli": true, "le": true, "les": true, "het": true, "o": true, "os": true}

// coordinators join two names, not the words of one: "X and the Y" is two.
var coordinators = map[string]bool{"and": true, "&": true, "e": true, "y": true, "et": true, "und": true, "og": true, "och": true}

// articles may stand between a connector and a name's next word: "Servicio
// Español para la Internacionalización", "Ministerium der Justiz".
var articles = map[string]bool{"the": true, "la": true, "las": true, "los": true, "el": true, "le": true, "les": true,
	"der": true, "die": true, "das": true, "des": true, "o": true, "a": true, "os": true, "as": true, "il": true, "lo": true}

// notAcronyms are capitalised short words that are not organisations.
var notAcronyms = map[string]bool{
	"EU": true, "EEA": true, "EFTA": true, "CR": true, "NGO": true, "NGOS": true, "ICT": true,
	"IT": true, "HR": true, "PR": true, "CV": true, "OK": true, "USA": true, "UK": true,
	"ID": true, "DNA": true, "TV": true, "PC": true, "II": true, "III": true, "IV": true,
	"VI": true, "VII": true, "VIII": true, "IX": true, "XI": true, "XII": true, "EUR": true,
	"NOK": true, "CZK": true, "PLN": true, "KA": true, "KA1": true, "KA2": true, "COVID": true,
	"A": true, "I": true, "AND": true, "OF": true, "THE": true, "FOR": true, "IN": true,
}

// pluralHeads turn a coordinated list into organisations:
// "Ullersmo, Ila and Ringerike prisons".
var pluralHeads = map[string]string{
	"prisons": "prison", "probation offices": "probation office", "universities": "university",
	"colleges": "college", "municipalities": "municipality", "courts": "court",
	"halfway houses": "halfway house", "half-way houses": "half-way house",
	"remand prisons": "remand prison", "detention centres": "detention centre",
	"centres": "centre", "police departments": "police department",
}

var placeHead = regexp.MustCompile(`\b(\p{Lu}\p{Ll}+) (prison|probation office|remand prison|halfway house|half-way house|detention centre)\b`)

var coordinatedList = regexp.MustCompile(`((?:\p{Lu}[\p{L}-]*)(?:\s*,\s*(?:and\s+)?\p{Lu}[\p{L}-]*)*\s*,?\s+and\s+\p{Lu}[\p{L}-]*)\s+(prisons|probation offices|universities|colleges|municipalities|courts|half-?way houses|remand prisons|detention centres|centres|police departments)\b`)

// candidates finds the organisation names of one sentence.
func candidates(s string) []candidate {
	toks := tokenize(s)
	var out []candidate
	skipUntil := 0 // tokens before it were read as part of a name already
	for _, run := range capitalisedRuns(toks) {
		if run[0] < skipUntil {
			continue
		}
		// A role written before the name is not part of it: "DPP – University
		// College ..." (entity.Clean); nor is an acronym before its long form,
		// which it defines: "KRUS – University College ...".
		acronymFirst := ""
		if role := roleWords(toks, run); role > 0 {
			if first := toks[run[0]].Text; isAcronym(first) && first != "DPP" && first != "PJDPP" {
				acronymFirst = first
			}
			run[0] += role
		}
		start := toks[run[0]].Start
		// "St. Olav's Hospital": the saint's abbreviation is part of the name.
		if run[0] >= 2 && toks[run[0]-1].Text == "." && (toks[run[0]-2].Text == "St" || toks[run[0]-2].Text == "Sv") {
			start = toks[run[0]-2].Start
		}
		// "Data of the Hungarian Central Statistical Office", "Linguists of
		// Masaryk University": words before an "of" that name no kind of
		// organisation are no part of the name after it.
		if k := ofBeforeName(toks, run); k > run[0] {
			run[0] = k
			start = toks[k].Start
		}
		// "Policie České republiky", "Komenda Powiatowa Policji w
		// Kłodzku": a name's country in small letters, a local body's town.
		if k := countryTail(toks, run[1]); k > run[1] {
			run[1] = k
		}
		if k := localPlace(toks, run, run[1]); k > run[1] {
			run[1] = k
		} else if k := nordicCountry(toks, run, run[1]); k > run[1] {
			run[1] = k
		}
		name := s[start:toks[run[1]-1].End]
		next := run[1]
		// "Long form in another case (ACR)": a few lower-case words between
		// the capitalised run and the acronym belong to the long form
		// ("University College of the Norwegian Correctional service staff
		// academy (KRUS)").
		if k := lowerTail(toks, next); k > next && k+2 < len(toks) && toks[k].Text == "(" && toks[k+2].Text == ")" && isAcronym(toks[k+1].Text) {
			out = append(out, candidate{Name: s[start:toks[k-1].End], Acronym: toks[k+1].Text})
			continue
		}
		// "Institute for Labour and Family Research(SK)": a country's code
		// in parentheses is where the name is from, not its acronym.
		if next+2 < len(toks) && toks[next].Text == "(" && toks[next+2].Text == ")" && isCountryCode(toks[next+1].Text) && !initialsSpell(toks[run[0]:run[1]], toks[next+1].Text) {
			if run[1]-run[0] >= 2 && hasHead(toks[run[0]:run[1]]) {
				out = append(out, candidate{Name: name, Weak: isGeneric(name)})
			}
			continue
		}
		// "Long Form (ACR)": an acronym definition.
		if next+2 < len(toks) && toks[next].Text == "(" && toks[next+2].Text == ")" && isAcronym(toks[next+1].Text) {
			acr := toks[next+1].Text
			if lf := longForm(toks[run[0]:run[1]], acr, s); lf != "" {
				out = append(out, candidate{Name: lf, Acronym: acr})
				continue
			}
		}
		// "State Probation Service of Latvia (Valsts probācijas dienests,
		// VPD)", "Det øverste rettsrådet (Supreme Judicial Council, SJC)":
		// the name in another language and the acronym in one pair of
		// parentheses.
		if next < len(toks) && toks[next].Text == "(" && hasHead(toks[run[0]:run[1]]) {
			if k := closing(toks, next); k > next+3 && toks[k-2].Text == "," && isAcronym(toks[k-1].Text) && isNameWord(toks[next+1].Text) {
				inner := s[toks[next+1].Start:toks[k-3].End]
				if entity.IsAlias(name, inner) || hasHead(toks[next+1:k-2]) {
					out = append(out, candidate{Name: name, Alias: inner, Acronym: toks[k-1].Text})
					skipUntil = k + 1
					continue
				}
			}
		}
		// "The Prison Department under the Ministry of Justice (Kalėjimų
		// departamentas)": a name in parentheses after a name, one of them
		// in another language, is the same organisation's.
		if next < len(toks) && toks[next].Text == "(" && hasHead(toks[run[0]:run[1]]) {
			if k := closing(toks, next); k > next+1 {
				inner := s[toks[next+1].Start:toks[k-1].End]
				if hasHead(toks[next+1:k]) && isNameWord(toks[next+1].Text) && entity.IsAlias(name, inner) {
					skipUntil = k + 1
					if isGeneric(name) {
						// "Institute of Justice (Instytut Wymiaru
						// Sprawiedliwości)": every country has an institute
						// of justice; the name in its own language says which.
						out = append(out, candidate{Name: inner})
						continue
					}
					out = append(out, candidate{Name: name, Alias: inner})
					continue
				}
			}
		}
		if acronymFirst != "" && hasHead(toks[run[0]:run[1]]) {
			out = append(out, candidate{Name: name, Acronym: acronymFirst})
			continue
		}
		// "Lietuvos kalėjimų tarnyba", "Kauno miesto savivaldybė", "Oslo
		// friomsorgskontor": languages that write a name in small letters
		// after its first word; it ends in a head noun of that language.
		if k := nativeTail(toks, next, run[1]-run[0] == 1 && sentenceStart(toks, run[0])); k > next {
			// and what it is of: "Столична дирекция на вътрешните
			// работи (СДВР)"
			if k2 := acronymAfterTail(toks, k); k2 > k {
				out = append(out, candidate{Name: s[start:toks[k2-1].End], Acronym: toks[k2+1].Text})
				skipUntil = k2 + 3
				continue
			}
			if k2 := prepositionTail(toks, [2]int{run[0], k}, k); k2 > k {
				k = k2
			}
			if k2 := localPlace(toks, [2]int{run[0], k}, k); k2 > k {
				k = k2 // "Županijsko državno odvjetništvo u Zagrebu"
			} else if k2 := regionTail(toks, k); k2 > k {
				k = k2 // "Krajské ředitelství policie Jihomoravského kraje"
			}
			if c, skip, ok := translatedAfter(s, toks, start, k); ok {
				out = append(out, c)
				skipUntil = skip
				continue
			}
			out = append(out, candidate{Name: s[start:toks[k-1].End]})
			skipUntil = k
			continue
		}
		if k := acronymAfterTail(toks, next); k > next && hasHead(toks[run[0]:run[1]]) {
			// "Uprava Republike Slovenije za izvrševanje kazenskih sankcij
			// (URSIKS)": the acronym after the small words shows where the
			// name ends.
			out = append(out, candidate{Name: s[start:toks[k-1].End], Acronym: toks[k+1].Text})
			skipUntil = k + 3
			continue
		}
		if k := prepositionTail(toks, run, next); k > next {
			if k2 := localPlace(toks, [2]int{run[0], k}, k); k2 > k {
				k = k2 // "Fakulteto za varnostne vede Univerze v Mariboru"
			}
			if c, skip, ok := translatedAfter(s, toks, start, k); ok {
				out = append(out, c)
				skipUntil = skip
				continue
			}
			out = append(out, candidate{Name: s[start:toks[k-1].End]})
			continue
		}
		words := run[1] - run[0]
		if k := closing(toks, next); k == next+2 || k == next+3 {
			// "coordinated by Extern (Ireland)", "Centrul de Resurse
			// Juridice (Romania)": a name with its country in
			// parentheses is an organisation's, head noun or not.
			if c, ok := entity.CountryByName(s[toks[next+1].Start:toks[k-1].End]); ok && c.Name != "" && !isAcronym(name) && demonymCountry(toks[run[0]].Text) == "" {
				if _, isCountry := entity.CountryByName(name); !isCountry {
					out = append(out, candidate{Name: name})
					continue
				}
			}
		}
		if words == 1 {
			// "the probation association NEUSTART", "the national agency,
			// FRSE": a name set beside a noun that says what it is.
			if w := toks[run[0]].Text; run[0] > 0 && (isAcronym(w) && len(w) >= 3 || len(w) >= 4) && appositive(toks, run[0]) {
				out = append(out, candidate{Name: w})
			} else if len(w) >= 9 && entity.IsNativeHead(w) {
				// "Justiitsministeerium", "Sotsiaalkindlustusamet": one word
				// that ends in a head noun of its language.
				out = append(out, candidate{Name: w})
			}
			continue // a lone capitalised word: acronyms are found by the dictionary
		}
		if !hasHead(toks[run[0]:run[1]]) {
			if words <= 3 && run[0] > 0 && kindBefore(toks, run[0]) {
				// "l'associazione Forum Prävention", "the foundation Hope
				// Street": a name set beside a small-letter noun of its kind
				out = append(out, candidate{Name: name})
			}
			continue
		}
		// "the Regional Prosecutor's Office in Białystok": a generic name
		// is told apart by its place.
		if isGeneric(name) {
			if end := placeAfter(toks, next); end > next {
				out = append(out, candidate{Name: s[start:toks[end-1].End]})
				continue
			}
		}
		out = append(out, candidate{Name: name, Weak: isGeneric(name)})
	}
	// "ACR (Long Form)": the acronym first.
	for i := 0; i+3 < len(toks); i++ {
		if toks[i+1].Text != "(" || !isAcronym(toks[i].Text) {
			continue
		}
		j := i + 2
		for j < len(toks) && toks[j].Text != ")" && toks[j].Text != "(" {
			j++
		}
		if j >= len(toks) || toks[j].Text != ")" {
			continue
		}
		inner := toks[i+2 : j]
		for len(inner) > 0 && leadWords[strings.ToLower(inner[0].Text)] {
			inner = inner[1:]
		}
		if len(inner) < 2 || !isNameWord(inner[0].Text) {
			continue
		}
		allNames := true
		for _, t := range inner {
			allNames = allNames && (isNameWord(t.Text) || connectors[strings.ToLower(t.Text)])
		}
		if allNames && (initialsMatch(inner, toks[i].Text) || hasHead(inner)) {
			out = append(out, candidate{Name: s[inner[0].Start:inner[len(inner)-1].End], Acronym: toks[i].Text})
		}
	}
	out = attachedNames(s, out)
	out = parenthesisedNames(s, toks, out)
	out = quotedNames(s, toks, out)
	out = dropUndefined(out)
	// Titles, rule sets and persons are no organisations ("European Prison
	// Rules", "... Erasmus Project").
	kept := out[:0]
	for _, c := range out {
		if c.Acronym != "" || !entity.Junk(c.Name) {
			kept = append(kept, c)
		}
	}
	out = kept
	// "Oslo probation office", "Kaunas prison": a place and a lower-case head.
	if !strings.Contains(s, " prison") && !strings.Contains(s, " probation office") && !strings.Contains(s, " house") && !strings.Contains(s, " detention centre") {
		return listCandidates(s, out)
	}
	for _, m := range placeHead.FindAllStringSubmatchIndex(s, -1) {
		place := s[m[2]:m[3]]
		if leadWords[strings.ToLower(place)] || demonymCountry(place) != "" || m[2] == 0 {
			continue
		}
		if _, ok := entity.CountryByName(place); ok {
			continue
		}
		out = append(out, candidate{Name: s[m[2]:m[5]]})
	}
	return listCandidates(s, out)
}

// attachWords set a body at the body it belongs to, inside one name:
// "Inštitut za kriminologijo pri Pravni fakulteti v Ljubljani",
// "Policijos departamentas prie Vidaus reikalų ministerijos",
// "Комисия при Министерския съвет".
var attachWords = []string{" pri ", " prie ", " при "}

// attachedNames joins a name to the next one when an attach word stands
// between them and the second names a kind of body.
func attachedNames(s string, out []candidate) []candidate {
	for i := 0; i+1 < len(out); i++ {
		a, b := out[i], out[i+1]
		if a.Acronym != "" || !entity.HasHead(b.Name) && !hasInflectedHead(b.Name) {
			continue
		}
		at := strings.Index(s, a.Name)
		if at < 0 {
			continue
		}
		rest := s[at+len(a.Name):]
		for _, w := range attachWords {
			if strings.HasPrefix(rest, w+b.Name) {
				out[i].Name = s[at : at+len(a.Name)+len(w)+len(b.Name)]
				out[i].Acronym, out[i].Weak = b.Acronym, false
				out = append(out[:i+1], out[i+2:]...)
				break
			}
		}
	}
	return out
}

// hasInflectedHead: a word of the name is a head noun in another case.
func hasInflectedHead(name string) bool {
	for w := range strings.FieldsSeq(name) {
		if entity.IsInflectedHead(w) {
			return true
		}
	}
	return false
}

// translatedAfter reads "(Name in another language, ACR)" or "(ACR)"
// after a name that ends before token k and starts at byte start:
// "Ředitelství norské vězeňské služby (Kriminalomsorgsdirektoratet,
// KDI)". skip is the token after the parentheses.
func translatedAfter(s string, toks []token, start, k int) (c candidate, skip int, ok bool) {
	if k >= len(toks) || toks[k].Text != "(" {
		return c, 0, false
	}
	name := s[start:toks[k-1].End]
	end := closing(toks, k)
	switch {
	case end == k+2 && isAcronym(toks[k+1].Text) && !isCountryCode(toks[k+1].Text):
		return candidate{Name: name, Acronym: toks[k+1].Text}, end + 1, true
	case end > k+3 && toks[end-2].Text == "," && isAcronym(toks[end-1].Text) && isNameWord(toks[k+1].Text) && hasHead(toks[k+1:end-2]):
		return candidate{Name: name, Alias: s[toks[k+1].Start:toks[end-3].End], Acronym: toks[end-1].Text}, end + 1, true
	}
	return c, 0, false
}

// parenthesisedNames adds the names that parentheses hold whole: "il
// ministero sloveno dell'interno (Ministrstvo za notranje zadeve)", "the
// regional prison administration (Provveditorato regionale
// dell'amministrazione penitenziaria per la Lombardia)". The parentheses
// show where the name begins and ends, so its small words, which would
// end a name in running text, are kept. What they hold counts when it
// begins with a capitalised word, has a word that names a kind of
// organisation, and is no clause (no comma, colon, semicolon or figure).
// A candidate cut short inside them ("Ministrstvo") gives way to it.
func parenthesisedNames(s string, toks []token, out []candidate) []candidate {
	for i := 0; i < len(toks); i++ {
		if toks[i].Text != "(" {
			continue
		}
		k := closing(toks, i)
		if k < i+3 || k > i+14 {
			continue
		}
		inner := toks[i+1 : k]
		if !isNameWord(inner[0].Text) || !hasHead(inner) || prepositions[strings.ToLower(inner[len(inner)-1].Text)] {
			continue
		}
		clause := false
		for _, t := range inner {
			r, _ := utf8.DecodeRuneInString(t.Text)
			clause = clause || unicode.IsDigit(r) || strings.ContainsAny(t.Text, ",;:%")
		}
		if clause {
			continue
		}
		name := s[inner[0].Start:inner[len(inner)-1].End]
		kept, known := out[:0], false
		for _, c := range out {
			known = known || c.Name == name || c.Alias == name
			if c.Alias == "" && c.Acronym == "" && len(c.Name) < len(name) && strings.HasPrefix(name, c.Name) {
				continue // cut short inside the parentheses
			}
			kept = append(kept, c)
		}
		out = kept
		if !known {
			out = append(out, candidate{Name: name})
		}
		i = k
	}
	return out
}

// roleWords: how many tokens at the start of the run are a role written
// before a name ("DPP –", "Promoter").
func roleWords(toks []token, run [2]int) int {
	if run[1]-run[0] < 3 {
		return 0
	}
	first := toks[run[0]].Text
	// "KRUS – University College ...": an acronym before its long form is
	// no part of it (acronymFirst defines it).
	if isAcronym(first) && run[1]-run[0] >= 4 {
		if t := toks[run[0]+1].Text; t == "–" || t == "-" {
			return 2
		}
	}
	if first != "DPP" && first != "PJDPP" && first != "Promoter" {
		return 0
	}
	if t := toks[run[0]+1].Text; t == "–" || t == "-" || t == ":" {
		return 2
	}
	return 1
}

// lowerTail: the index after up to four lower-case words (organisation
// words: "service staff academy") that follow position i; i when none.
func lowerTail(toks []token, i int) int {
	j := i
	for j < len(toks) && j-i < 4 {
		w := toks[j].Text
		if w == "" || !unicode.IsLower([]rune(w)[0]) || !(entity.IsHead(w) || w == "staff" || w == "of" || w == "the" || w == "and" || w == "for" || w == "correctional" || w == "national" || w == "social") {
			break
		}
		j++
	}
	return j
}

// prepositions (and coordinators) of the pages' languages end a name
// written in small letters: "KWP w Opolu wspólnie z czeską policją" is no
// name.
var prepositions = map[string]bool{"w": true, "z": true, "ze": true, "we": true, "na": true, "do": true, "dla": true, "od": true,
	"u": true, "v": true, "ve": true, "s": true, "se": true, "pri": true, "pe": true, "cu": true, "la": true, "în": true,
	"din": true, "med": true, "på": true, "til": true, "fra": true, "av": true, "mit": true, "von": true, "zu": true,
	"bei": true, "con": true, "per": true, "su": true, "em": true, "com": true, "sur": true, "dans": true, "with": true,
	"in": true, "on": true, "at": true, "by": true, "from": true, "to": true, "of": true, "for": true, "and": true, "the": true,
	// and the words for "and": a name ends before them
	"og": true, "och": true, "és": true, "a": true, "i": true, "ir": true, "un": true, "și": true, "si": true, "e": true, "y": true,
	"et": true, "und": true, "ja": true, "ha": true,
	"и": true, "в": true, "във": true, "с": true, "със": true, "от": true, "до": true, "към": true, "при": true, "prie": true}

// nativeTail: the index after up to four small-letter words (no
// preposition among them) that follow position i and end in a head noun of
// another language than English ("kalėjimų tarnyba", "høgskole og
// utdanningssenter"); i when there are none.
func nativeTail(toks []token, i int, initial bool) int {
	end, afterPreposition := i, false
	for j := i; j < len(toks) && j < i+4; j++ {
		w := toks[j].Text
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLower(r) || prepositions[w] {
			break
		}
		// After "za", "na", "de" a head in another case is what the name
		// is for ("Fakulteto za upravo"): prepositionTail reads it.
		afterPreposition = afterPreposition || namePrepositions[w]
		if entity.IsNativeHead(w) {
			end = j + 1
		} else if !initial && !afterPreposition && entity.IsInflectedHead(w) && (j+1 == len(toks) || !isLowerWord(toks[j+1].Text) || prepositions[toks[j+1].Text] || namePrepositions[toks[j+1].Text]) {
			// "Lietuvos Respublikos generalinės prokuratūros ir ...": a
			// head in another case ends the name when no small word
			// follows it; before one it names what that word is of
			// ("policijos pareigūnų", police officers).
			end = j + 1
		}
	}
	return end
}

// sentenceStart: the token at i begins its sentence, where any word is
// capitalised ("Oba zavoda sta del uprave": both institutions are part
// of the administration).
func sentenceStart(toks []token, i int) bool {
	if i == 0 {
		return true
	}
	switch toks[i-1].Text {
	case ".", "!", "?", ":", "•", "-", "–", "|":
		return true
	}
	return false
}

// namePrepositions join a head noun to what it is for or of, inside the
// names of languages that write them in small letters after the first
// word: "Ministrstvo za pravosodje", "Centrum pre rodovo ...", "Zavod za
// prestajanje kazni zapora Dob".
var namePrepositions = map[string]bool{"za": true, "pre": true, "pro": true, "pri": true, "per": true, "de": true, "di": true,
	"del": true, "della": true, "dello": true, "dei": true, "degli": true, "delle": true, "do": true, "da": true, "dos": true,
	"das": true, "du": true, "des": true, "för": true, "für": true, "voor": true, "van": true, "til": true, "na": true, "po": true,
	"на": true, "за": true, "по": true}

// prepositionTail: the index after "<preposition> <words>" at position
// i, when the run before it ends in a head noun of another language than
// English ("Ministrstvo" / "za notranje zadeve"): up to five words when a
// capitalised place or a mark ends them, two small words otherwise; none of them a
// preposition, a coordinator or a word of two letters or fewer (a verb
// such as "je" stops it); i when there is none.
func prepositionTail(toks []token, run [2]int, i int) int {
	if i+1 >= len(toks) || !namePrepositions[toks[i].Text] || !entity.IsNativeHead(toks[run[1]-1].Text) && !entity.IsInflectedHead(toks[run[1]-1].Text) {
		return i
	}
	for j := i + 1; j <= i+5; j++ {
		if j == len(toks) || j > i+1 && !isWordToken(toks[j].Text) {
			return j // "... za izvrševanje kazenskih sankcij." : a mark ends it
		}
		w := toks[j].Text
		lw := strings.ToLower(w)
		if andWords[lw] && j > i+1 {
			// "za zatvorski sustav i probaciju,", "pre výskum práce a
			// rodiny.": what the body is for may be two things, when a mark
			// closes the second within two small words, none a head
			// (a head would be a second body: "... i policija sta ...")
			if k := coordinatedTail(toks, j); k > j {
				return k
			}
		}
		if utf8.RuneCountInString(w) <= 2 && !isNameWord(w) || prepositions[lw] || coordinators[lw] || !isNameWord(w) && !isLowerWord(w) {
			break
		}
		if isNameWord(w) {
			// "zapora Dob", "de Lyon-Corbas": a place ends it, with its
			// own small word ("Hrnčiarovce nad Parnou")
			if j+2 < len(toks) && (toks[j+1].Text == "nad" || toks[j+1].Text == "pod") && isNameWord(toks[j+2].Text) {
				return j + 3
			}
			return j + 1
		}
	}
	// Neither a place nor a mark closes it: two small words at most, since
	// nothing tells where the name ends and a verb begins ("Fakulteta za
	// varnostne vede pripravi ...").
	end := i
	for j := i + 1; j < len(toks) && j <= i+2; j++ {
		w := toks[j].Text
		if utf8.RuneCountInString(w) <= 2 || prepositions[strings.ToLower(w)] || coordinators[strings.ToLower(w)] || !isLowerWord(w) {
			break
		}
		end = j + 1
	}
	return end
}

// romanianGenitive: the word ends as a Romanian noun or adjective in the
// genitive with its article ("Penitenciarelor", "Poliției", "Justiției").
func romanianGenitive(w string) bool {
	f := partnergraph.Fold(w)
	for _, e := range []string{"elor", "ilor", "ului", "iei", "tiei"} {
		if strings.HasSuffix(f, e) && len(f) > len(e)+3 {
			return true
		}
	}
	return false
}

// regionWords name a region in the genitive, beside the region's own name
// ("Jihomoravského kraje", "kraje Vysočina", "województwa lubelskiego").
var regionWords = map[string]bool{"kraje": true, "kraja": true, "kraju": true, "województwa": true, "wojewodztwa": true, "regionu": true,
	"regiunii": true, "judetului": true, "județului": true, "maakonna": true, "megye": true, "области": true}

// regionTail: the index after the region a regional body's name ends
// with, at position i: "<Name> <region word>" or "<region word> <Name>"; i
// when there is none.
func regionTail(toks []token, i int) int {
	if i+1 >= len(toks) {
		return i
	}
	a, b := toks[i].Text, toks[i+1].Text
	switch {
	case isNameWord(a) && !isAcronym(a) && regionWords[strings.ToLower(b)]:
		return i + 2
	case regionWords[strings.ToLower(a)] && isNameWord(b) && !isAcronym(b):
		return i + 2
	}
	return i
}

// andWords say "and" in the languages whose names run on in small letters.
var andWords = map[string]bool{"i": true, "a": true, "in": true, "ir": true, "un": true, "és": true, "și": true, "si": true, "и": true, "e": true, "y": true,
	"ja": true, "og": true, "och": true, "und": true, "and": true, "et": true}

// coordinatedTail: the index of the mark that closes "<and> <one or two
// small words>" at position j, when none of the words names a kind of
// body; j when there is none.
func coordinatedTail(toks []token, j int) int {
	for k := j + 1; k < len(toks) && k <= j+3; k++ {
		w := toks[k].Text
		if !isWordToken(w) {
			if k > j+1 && w != "(" {
				return k
			}
			return j
		}
		if !isLowerWord(w) || utf8.RuneCountInString(w) <= 2 || prepositions[strings.ToLower(w)] || entity.IsHeadForm(w) {
			return j
		}
	}
	return j
}

// acronymAfterTail: the index of the "(" of "<preposition> <words> (ACR)"
// at position i, up to six words with no mark between; i when there is
// none.
func acronymAfterTail(toks []token, i int) int {
	if i+1 >= len(toks) || !namePrepositions[toks[i].Text] {
		return i
	}
	for j := i + 1; j < len(toks) && j <= i+7; j++ {
		w := toks[j].Text
		if w == "(" {
			if j > i+1 && j+2 < len(toks) && toks[j+2].Text == ")" && isAcronym(toks[j+1].Text) {
				return j
			}
			return i
		}
		if !isNameWord(w) && !isLowerWord(w) {
			return i
		}
	}
	return i
}

// isWordToken: the token is a word, not a mark.
func isWordToken(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isLowerWord: a word of letters that begins with a small one.
func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// appositiveHeads are nouns that say what the name beside them is.
var appositiveHeads = map[string]bool{"association": true, "agency": true, "foundation": true, "organisation": true,
	"organization": true, "ngo": true, "institute": true, "centre": true, "center": true, "cooperative": true,
	"network": true, "university": true, "service": true, "charity": true, "company": true, "federation": true,
	"union": true, "academy": true, "authority": true, "body": true, "operator": true, "partner": true}

// appositive: the token before position i (a comma aside) is a small-letter
// noun that says what kind of organisation the name at i is.
func appositive(toks []token, i int) bool {
	j := i - 1
	if j >= 0 && toks[j].Text == "," {
		j--
	}
	return j >= 0 && appositiveHeads[toks[j].Text]
}

// kindBefore: the word before position i is a small-letter noun that
// names a kind of body, in English or in another of the pages' languages
// ("associazione", "stowarzyszenie", "Verein" aside: it is capitalised).
func kindBefore(toks []token, i int) bool {
	w := toks[i-1].Text
	if strings.HasPrefix(w, "l'") || strings.HasPrefix(w, "l’") {
		w = w[2:]
	}
	// (in any of its cases: "nizozemskom organizacijom Slachtofferhulp
	// Nederland")
	return isLowerWord(w) && (appositiveHeads[w] || entity.IsNativeHead(w) || entity.IsInflectedHead(w))
}

// ofBeforeName: the index of the name after "X of (the)" when no word
// before that "of" names a kind of organisation and the words after it do;
// run[0] otherwise.
func ofBeforeName(toks []token, run [2]int) int {
	for k := run[0] + 1; k < run[1]-1; k++ {
		if strings.ToLower(toks[k].Text) != "of" {
			continue
		}
		if hasHead(toks[run[0]:k]) {
			return run[0]
		}
		after := k + 1
		if after < run[1] && strings.ToLower(toks[after].Text) == "the" {
			after++
		}
		if after < run[1]-1 && hasHead(toks[after:run[1]]) && isNameWord(toks[after].Text) {
			return after
		}
		return run[0]
	}
	return run[0]
}

// placeAfter: the index after "in <Place>" at position i, a capitalised
// word (hyphenated names are one token) that is no country and no
// demonym; i when there is none.
func placeAfter(toks []token, i int) int {
	if i+1 >= len(toks) || toks[i].Text != "in" || !isNameWord(toks[i+1].Text) || isAcronym(toks[i+1].Text) {
		return i
	}
	w := toks[i+1].Text
	if _, country := entity.CountryByName(w); country || demonymCountry(w) != "" || leadWords[strings.ToLower(w)] {
		return i
	}
	return i + 2
}

// closing returns the index of the ")" that closes the "(" at i, or -1.
func closing(toks []token, i int) int {
	for k := i + 1; k < len(toks) && k < i+16; k++ {
		switch toks[k].Text {
		case ")":
			return k
		case "(":
			return -1
		}
	}
	return -1
}

// listCandidates adds the items of coordinated lists: "Ullersmo, Ila and
// Ringerike prisons".
func listCandidates(s string, out []candidate) []candidate {
	if !strings.Contains(s, " and ") {
		return out
	}
	for _, g := range coordinatedList.FindAllStringSubmatchIndex(s, -1) {
		plural := strings.ToLower(s[g[4]:g[5]])
		head := pluralHeads[plural]
		if head == "" {
			head = strings.TrimSuffix(plural, "s")
		}
		list := s[g[2]:g[3]]
		for _, it := range listItems(list) {
			part := list[it[0]:it[1]]
			if isAcronym(part) || demonymCountry(part) != "" {
				continue
			}
			if _, ok := entity.CountryByName(part); ok {
				continue
			}
			out = append(out, candidate{Name: part + " " + head, List: true, Start: g[2] + it[0], End: g[2] + it[1]})
		}
	}
	return out
}

// dropUndefined drops a plain name that the same sentence also defines with
// an acronym.
func dropUndefined(cs []candidate) []candidate {
	defined := map[string]bool{}
	for _, c := range cs {
		if c.Acronym != "" {
			defined[c.Name] = true
		}
	}
	out := cs[:0]
	for _, c := range cs {
		if c.Acronym != "" || !defined[c.Name] {
			out = append(out, c)
		}
	}
	return out
}

// listItems returns the [start, end) offsets of the items of "A, B and C".
func listItems(list string) [][2]int {
	var out [][2]int
	for _, t := range tokenize(list) {
		if t.Text == "," || strings.ToLower(t.Text) == "and" {
			continue
		}
		out = append(out, [2]int{t.Start, t.End})
	}
	return out
}

// countryPossessive: the country a possessive names ("Romania's",
// "Moldova’s"); "" when the word is none.
func countryPossessive(w string) string {
	for _, suffix := range []string{"'s", "’s"} {
		if stem, ok := strings.CutSuffix(w, suffix); ok {
			if c, ok := entity.CountryByName(stem); ok && c.Name != "" {
				return c.Code
			}
		}
	}
	return ""
}

// capitalisedRuns returns [start, end) token ranges of capitalised phrases,
// with connectors inside them and lead words trimmed.
func capitalisedRuns(toks []token) [][2]int {
	var runs [][2]int
	i := 0
	for i < len(toks) {
		if !isNameWord(toks[i].Text) {
			i++
			continue
		}
		j := i
		for j < len(toks) {
			w := toks[j].Text
			if isNameWord(w) {
				j++
				continue
			}
			lw := strings.ToLower(w)
			if lw == "the" && !connectors[strings.ToLower(toks[j-1].Text)] {
				break // "In Serbia the Directorate ...": "the" joins names only after "of", "for", ...
			}
			if (connectors[lw] || w == "–" || w == "-" || lw == "under") && j+1 < len(toks) && (isNameWord(toks[j+1].Text) && lw != "under" || ((lw == "of" || lw == "under") && strings.ToLower(toks[j+1].Text) == "the")) {
				j++
				continue
			}
			// "Politsei- ja Piirivalveamet", "Haridus- ja Noorteamet": the
			// first part of a compound cut short before "and"
			if w == "-" && j > i && toks[j].Start == toks[j-1].End && j+2 < len(toks) && andWords[strings.ToLower(toks[j+1].Text)] && isNameWord(toks[j+2].Text) {
				j += 2
				continue
			}
			// "Administrației Naționale a Penitenciarelor", "Inspectoratul
			// General al Poliției Române": the Romanian article of a
			// genitive joins the name before it to the noun in that case.
			if (lw == "a" || lw == "al" || lw == "ale" || lw == "ai") && j+1 < len(toks) && isNameWord(toks[j+1].Text) && romanianGenitive(toks[j+1].Text) {
				j++
				continue
			}
			// "National Agency against Trafficking in Persons": "in" goes on
			// with a name whose last word names no kind of body (a
			// place after a head is told apart later: "Police Academy in
			// Szczytno").
			if lw == "in" && j > i && j+1 < len(toks) && isNameWord(toks[j+1].Text) && !isAcronym(toks[j+1].Text) &&
				!entity.IsHead(strings.ToLower(toks[j-1].Text)) && hasHead(toks[i:j]) {
				if _, country := entity.CountryByName(toks[j+1].Text); !country && demonymCountry(toks[j+1].Text) == "" {
					j++
					continue
				}
			}
			// "para la Internacionalización", "der Sächsischen Polizei".
			if connectors[lw] && !coordinators[lw] && lw != "of" && j+2 < len(toks) && articles[strings.ToLower(toks[j+1].Text)] && !isNameWord(toks[j+1].Text) && isNameWord(toks[j+2].Text) {
				j += 2
				continue
			}
			break
		}
		start := i
		for start < j && (leadWords[strings.ToLower(toks[start].Text)] || strings.HasSuffix(strings.ToLower(toks[start].Text), "-based")) {
			// An article of another language is part of a name unless a
			// head noun follows it: "Die Polizeidirektion" loses it, "La
			// Strada Foundation" keeps it.
			if foreignArticles[strings.ToLower(toks[start].Text)] && (start+1 >= j || !entity.IsHead(strings.ToLower(toks[start+1].Text))) {
				break
			}
			start++
		}
		for start < j && connectors[strings.ToLower(toks[start].Text)] {
			start++
		}
		if start+1 < j && countryPossessive(toks[start].Text) != "" {
			start++ // "Moldova's National Probation Inspectorate": the country's, not the name's
		}
		end := j
		for end > start && (connectors[strings.ToLower(toks[end-1].Text)] || toks[end-1].Text == "–") {
			end--
		}
		for _, r := range splitAtAnd(toks, start, end) {
			if r[1] > r[0] {
				runs = append(runs, r)
			}
		}
		i = j
		if j == i {
			i++
		}
	}
	return runs
}

// splitAtAnd splits "Prison Service of the Czech Republic and Alternative to
// Violence" into two, but keeps "Ministry of Justice and Public Security".
func splitAtAnd(toks []token, start, end int) [][2]int {
	for k := start + 1; k < end-1; k++ {
		if strings.ToLower(toks[k].Text) != "and" && toks[k].Text != "&" {
			continue
		}
		// Two names joined by "and": both sides name an organisation. A
		// one-word left side is part of one name ("Probation and Mediation
		// Service"); so is a right side without a head noun ("Ministry of
		// Justice and Public Security") unless the left side has one.
		// The right side must name an organisation by itself too: an
		// acronym ("Bjørgvin Prison and KRUS") or a phrase with a head noun;
		// "Norwegian Centre for Violence and Traumatic Stress Studies" is one
		// name. Names the corpus knows are split later, by the resolver.
		left, right := toks[start:k], toks[k+1:end]
		rightOrg := (len(right) == 1 && isAcronym(right[0].Text)) || (len(right) >= 2 && hasHead(right))
		var leftWords, rightWords []string
		for _, t := range left {
			leftWords = append(leftWords, t.Text)
		}
		for _, t := range right {
			rightWords = append(rightWords, t.Text)
		}
		if entity.AndInComplement(leftWords, rightWords) {
			continue
		}
		// "Patronat and Fundación Atenea": a one-word name that is no
		// generic word, before a name that begins with its head.
		oneWordName := len(left) == 1 && !isGeneric(left[0].Text) && len(right) >= 2 && entity.IsHead(strings.ToLower(right[0].Text))
		if (len(left) >= 2 && hasHead(left) || oneWordName) && rightOrg {
			return append([][2]int{{start, k}}, splitAtAnd(toks, k+1, end)...)
		}
	}
	return [][2]int{{start, end}}
}

func isNameWord(w string) bool {
	if w == "" {
		return false
	}
	if !isCapitalised(w) {
		// "eLiberare", "iCARE": a brand written with a small letter first.
		rs := []rune(w)
		if len(rs) < 3 || !unicode.IsLower(rs[0]) || !unicode.IsUpper(rs[1]) {
			return false
		}
	}
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasHead(toks []token) bool {
	for _, t := range toks {
		if entity.IsHeadForm(strings.ToLower(t.Text)) {
			return true
		}
	}
	return false
}

// isCountryCode: two capitals that are a country's ISO code ("SK", "NO").
func isCountryCode(w string) bool {
	if len(w) != 2 || !isUpperASCII(w[0]) || !isUpperASCII(w[1]) {
		return false
	}
	c, ok := partnergraph.CountryByCode(w)
	return ok && c.Name != ""
}

// isGeneric: every word of the name is a generic word, so the name does not
// tell which organisation it is.
func isGeneric(name string) bool { return entity.IsGeneric(nameKey(name)) }

func isAcronym(w string) bool {
	return !notAcronyms[strings.ToUpper(w)] && entity.IsAcronym(w)
}

// longForm picks the long form an acronym stands for out of the capitalised
// phrase before it: the shortest tail whose words give the acronym's letters
// in order (Schwartz and Hearst's matching), or, for acronyms of another
// language such as KRUS, the whole phrase when it names an organisation.
func longForm(run []token, acr, sentence string) string {
	// The initials of a tail of the phrase spell the acronym, with or
	// without the small words: "Alternative to Violence (ATV)".
	for start := len(run) - 1; start >= 0; start-- {
		if !connectors[strings.ToLower(run[start].Text)] && initialsSpell(run[start:], acr) {
			return sentence[run[start].Start:run[len(run)-1].End]
		}
	}
	// An acronym of another language (KRUS, ANP): the whole name.
	if hasHead(run) && len(run) >= 2 {
		return sentence[run[0].Start:run[len(run)-1].End]
	}
	for start := len(run) - 1; start >= 0; start-- {
		if connectors[strings.ToLower(run[start].Text)] {
			continue
		}
		if initialsMatch(run[start:], acr) {
			return sentence[run[start].Start:run[len(run)-1].End]
		}
	}
	return ""
}

// initialsSpell: the first letters of the words, all of them or only those
// that are not small words, are the acronym's letters.
func initialsSpell(words []token, acr string) bool {
	letters := strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, acr))
	var all, content strings.Builder
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(strings.ToLower(w.Text))
		all.WriteRune(r)
		if !connectors[strings.ToLower(w.Text)] {
			content.WriteRune(r)
		}
	}
	return letters != "" && (all.String() == letters || content.String() == letters)
}

// initialsMatch: every letter of the acronym is found, in order, in the
// words, the first letter starting the first word and each word used.
func initialsMatch(words []token, acr string) bool {
	a := []rune(strings.ToLower(acr))
	var content []string
	for _, w := range words {
		content = append(content, strings.ToLower(w.Text))
	}
	if len(content) == 0 || []rune(content[0])[0] != a[0] {
		return false
	}
	// Match right to left as Schwartz and Hearst do.
	text := []rune(strings.Join(content, " "))
	ti := len(text) - 1
	for ai := len(a) - 1; ai >= 0; ai-- {
		c := a[ai]
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			continue
		}
		for ti >= 0 && (text[ti] != c || (ai == 0 && ti > 0 && text[ti-1] != ' ')) {
			ti--
		}
		if ti < 0 {
			return false
		}
		ti--
	}
	// Every content word (not connectors) must give a letter: the long form
	// is no longer than it needs to be.
	significant := 0
	for _, w := range content {
		if !connectors[w] {
			significant++
		}
	}
	return significant <= len(a)+1
}

// demonyms map adjectives of nationality to countries.

func demonymCountry(w string) string { return entity.Demonym(w) }

// legalForms are the company and association forms written after (or,
// for some, before) a name; country is set for those that only one
// country's law gives an organisation (nameCountry), and "" for the others.
var legalForms = []struct{ suffix, country string }{
	{"società cooperativa sociale", "IT"}, {"cooperativa sociale", "IT"}, {"società cooperativa", "IT"},
	{"o.p.s.", "CZ"}, {"z.s.", "CZ"}, {"z.ú.", "CZ"}, {"s.r.o.", "CZ"}, {"o.s.", "CZ"},
	{"sp. z o.o.", "PL"}, {"všį", "LT"}, {"uab", "LT"}, {"mtü", "EE"}, {"biedrība", "LV"},
	{"o.z.", ""}, {"a.s.", ""}, {"ltd", ""}, {"gmbh", ""}, {"e.v.", ""}, {"ev", ""}, {"ry", ""},
	{"asa", ""}, {"s.a.", ""}, {"srl", ""}, {"s.r.l.", ""}, {"ngo", ""},
	{"anonymi etaireia", "GR"}, {"amke", "GR"}, {"ike", "GR"}, {"epe", "GR"}, {"onlus", "IT"}, {"aps", "IT"}, {"odv", "IT"},
	{"s.p.a.", "IT"}, {"s.l.", "ES"}, {"lda", "PT"}, {"ipss", "PT"}, {"crl", "PT"}, {"ggmbh", "DE"}, {"n.o.", "SK"},
	{"kft", "HU"}, {"zrt", "HU"}, {"ood", "BG"}, {"ead", "BG"}, {"sia", "LV"}, {"oü", "EE"}, {"oy", "FI"}, {"ab", "SE"},
	{"asbl", "BE"}, {"vzw", "BE"}, {"sarl", "FR"}, {"bv", "NL"}, {"d.o.o.", ""}, {"gemeinnützige gmbh", "AT"},
}

// countrySuffix splits a name that ends with a country code in
// parentheses, "Oslo Prison (NO)", into what comes before it, "Oslo
// Prison", and the code; ok is false for a name without one. It reads the
// name as the regexp `\s*\(([A-Z]{2})\)\s*$` would, from the end, since
// Go would try that regexp from every start.
func countrySuffix(name string) (rest, code string, ok bool) {
	s := strings.TrimRight(name, asciiSpace)
	n := len(s)
	// "City of Antwerp – BE", "Municipality of Aarhus, DK": a list's
	// code after a spaced dash or a comma is where the name is from.
	for _, sep := range []string{" – ", " - ", " — ", ", "} {
		if k := n - 2 - len(sep); k > 3 && s[k:n-2] == sep && isUpperASCII(s[n-2]) && isUpperASCII(s[n-1]) && isCountryCode(s[n-2:]) {
			return strings.TrimRight(s[:k], asciiSpace), s[n-2:], true
		}
	}
	if n < 4 || s[n-1] != ')' || s[n-4] != '(' || !isUpperASCII(s[n-3]) || !isUpperASCII(s[n-2]) {
		return name, "", false
	}
	return strings.TrimRight(s[:n-4], asciiSpace), s[n-3 : n-1], true
}

// asciiSpace is what \s matches in Go's regexps.
const asciiSpace = "\t\n\f\r "

func isUpperASCII(b byte) bool { return 'A' <= b && b <= 'Z' }

// withoutCountrySuffix is the name without a "(NO)" at its end.
func withoutCountrySuffix(name string) string {
	rest, _, _ := countrySuffix(name)
	return strings.TrimSpace(rest)
}

// withoutCountryTail is the key of a name that ends with the country it
// belongs to, without it: "State Probation Service of Latvia" gives "state
// probation service"; "" for a name with no such tail.
func withoutCountryTail(name string) string {
	words := strings.Fields(nameKey(expandAbbreviations(withoutCountrySuffix(name))))
	for i := 2; i < len(words)-1; i++ {
		if code, end := countryAfterOf(words, i); code != "" && end == len(words) {
			return singularKey(strings.Join(words[:i], " "))
		}
	}
	// "Probation and Mediation Services Czech Republic": the country's name
	// right after the name, without "of".
	for n := 1; n <= 3 && n < len(words)-1; n++ {
		rest := words[:len(words)-n]
		if len(rest) < 2 || connectors[rest[len(rest)-1]] {
			continue
		}
		if c, ok := entity.CountryByName(strings.Join(words[len(words)-n:], " ")); ok && c.Name != "" && len(words[len(words)-n]) > 2 {
			return singularKey(strings.Join(words[:len(words)-n], " "))
		}
	}
	return ""
}

// singularKey makes a key's last plural "services" singular: "probation
// and mediation services" is the "... service".
func singularKey(k string) string {
	if strings.HasSuffix(k, "services") {
		return strings.TrimSuffix(k, "s")
	}
	return k
}

// countryAfterOf reads "of (the) (Republic of|Kingdom of) <country>" at
// words[i]: the country's code and the index after its name; "" when
// words[i] is no "of" or no country follows.
func countryAfterOf(words []string, i int) (code string, end int) {
	if words[i] != "of" {
		return "", 0
	}
	j := i + 1
	for j < len(words) && (words[j] == "the" || words[j] == "republic" || words[j] == "kingdom" || words[j] == "of") {
		j++
	}
	for n := 3; n >= 1; n-- {
		if j+n > len(words) {
			continue
		}
		name := strings.Join(words[j:j+n], " ")
		if c, ok := entity.CountryByName(name); ok && len(name) > 2 {
			return c.Code, j + n
		}
	}
	return "", 0
}

// nameCountry returns the country a name states itself: "(NO)", "of the
// Czech Republic", "Norwegian ...", a legal form; "" when it states none.
func nameCountry(name string) string {
	if _, code, ok := countrySuffix(name); ok {
		if c, ok := partnergraph.CountryByCode(code); ok {
			return c.Code
		}
	}
	lower := strings.ToLower(strings.TrimSpace(name))
	for _, lf := range legalForms {
		if lf.country == "" {
			continue
		}
		if strings.HasSuffix(lower, " "+lf.suffix) || strings.HasPrefix(lower, lf.suffix+" ") {
			return lf.country
		}
	}
	k := nameKey(expandAbbreviations(name))
	words := strings.Fields(k)
	// "... of (the) (Republic of|Kingdom of) Lithuania ..."
	for i := range words {
		if code, _ := countryAfterOf(words, i); code != "" {
			return code
		}
	}
	for _, w := range words {
		if c := entity.Demonym(w); c != "" {
			return c
		}
	}
	return ""
}

// expandAbbreviations writes out country abbreviations that sheets use
// inside names: "Prison Service of the CR".
func expandAbbreviations(name string) string {
	for _, ab := range []struct{ from, to string }{{" the CR", " the Czech Republic"}, {" the SR", " the Slovak Republic"}} {
		if strings.HasSuffix(name, ab.from) {
			return strings.TrimSuffix(name, ab.from) + ab.to
		}
	}
	return name
}

// orgKey is the key organisation names are matched on: nameKey with country
// suffixes dropped, abbreviations written out and a last plural made
// singular ("Norwegian Correctional Services" = "... Service").
// indefiniteKey drops the definite article Bulgarian writes on a name's
// first word, so the article form and the plain one are one name:
// "Столичната община" / "Столична община", "Министерството на
// правосъдието" / "Министерство на ...", "Националният институт" /
// "Национален институт".
func indefiniteKey(k string) string {
	first, rest, _ := strings.Cut(k, " ")
	if first == "" || first[0] < 0x80 {
		return k
	}
	w := []rune(first)
	n := len(w)
	if n < 5 || !unicode.Is(unicode.Cyrillic, w[0]) {
		return k
	}
	end := string(w[n-2:])
	stem := w[:n-2]
	last := stem[len(stem)-1]
	switch {
	case n > 6 && string(w[n-4:]) == "ният":
		first = string(w[:n-4]) + "ен"
	case end == "ят" && last == 'и':
		first = string(stem) // "Софийският" / "Софийски"
	case end == "ът" || end == "ят":
		first = string(stem)
	case end == "та" && (last == 'а' || last == 'я'), end == "то" && (last == 'о' || last == 'е'), end == "те" && last == 'и':
		first = string(stem)
	default:
		return k
	}
	if rest == "" {
		return first
	}
	return first + " " + rest
}

func orgKey(name string) string {
	return orgKeyMemo.get(name, func() string { return orgKeyOf(name) })
}

// orgKeyMemo keeps the keys of names read: a corpus names its
// organisations again and again.
var orgKeyMemo memo[string, string]

func orgKeyOf(name string) string {
	name, _, _ = countrySuffix(name)
	k := indefiniteKey(nameKey(expandAbbreviations(name)))
	if strings.HasSuffix(k, "services") {
		k = strings.TrimSuffix(k, "s")
	}
	return k
}
