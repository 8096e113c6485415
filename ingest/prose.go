package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest/entity"
)

// programmeMention is a programme or intervention named in a sentence.
type programmeMention struct {
	Name     string
	Kind     string
	Activity partnergraph.Activity
	Sentence int // index into the document's sentences
}

var (
	quoted       = regexp.MustCompile(`[“"]([^“”"]{4,160})[”"]`)
	namedProgram = regexp.MustCompile(`\b((?:\p{Lu}[\p{L}'’-]*\s+){1,4}Program(?:me)?)\b`)
	plannedCue   = newCue(`(?i)\b(will|shall|would like|plans?|planned|intends?|aims? to|interested in|in the future|is to be|are to be)\b`,
		"will", "shall", "would like", "plan", "intend", "aim", "interested in", "in the future", "to be")
	developedCue = newCue(`(?i)\b(develop|developed|developing|created|designed|drafted|prepared|elaborated|adapted)\b`,
		"develop", "created", "designed", "drafted", "prepared", "elaborated", "adapted")
	runCue = newCue(`(?i)\b(implement|implemented|implementing|provided|conducted|held|ran|run|carried out|put into practice|attended|completed|delivered|extended|introduced|piloted|organi[sz]ed|trained|took part|participated)\b`,
		"implement", "provided", "conducted", "held", "ran", "run", "carried out", "put into practice", "attended", "completed",
		"delivered", "extended", "introduced", "piloted", "organi", "trained", "took part", "participated")
	partnerCue = newCue(`(?i)\b(partners?|partnerships?|co-?operat\w*|collaborat\w*|jointly with|together with|with the (?:expert )?(?:assistance|support|help) of|expert assistance)\b`,
		"partner", "operat", "collaborat", "jointly with", "together with", "assistance", "support", "help")
	donorCue = newCue(`(?i)\bdonor\s+(project\s+)?partners?\b|\bDPPs?\b`, "donor", "dpp")
	// notPartnerCue: a sentence that says someone is no partner.
	notPartnerCue = newCue(`(?i)\b(not|never|nor|no longer)\s+(\w+\s+){0,2}(partners?|part of the partnership|members? of the consortium)\b`,
		"not", "never", "nor", "no longer")
	// programmeRoleCue: a sentence about the programme's own partners and
	// operator, not the project's.
	programmeRoleCue = newCue(`(?i)\b(programme|program)\s+(partners?|operators?)\b|\b(partners?|operators?|partner organisations?)\s+of\s+the\s+(\w+\s+){0,3}(programme|program)\b|\boperates\s+the\s+(programme|program)\b|\bnational\s+focal\s+point\b`,
		"programme", "program", "focal point")
	regionRe = regexp.MustCompile(`\b((?:\p{Lu}[\p{L}-]+\s+){1,3}(?:Region|County|Voivodeship|District|Municipality)|\p{Lu}[\p{L}-]+\s+kraj)\b`)
)

// cue is a case-insensitive regexp of literal words with a cheap test
// first: the lower-cased text must contain one of the pieces any match
// needs. Most sentences contain none, and Go's backtracking matcher costs
// microseconds a sentence; a start of 100,000 sheets runs these cues on
// millions of sentences. TestCuesAgreeWithTheirRegexps checks the pieces.
type cue struct {
	re     *regexp.Regexp
	pieces []string
}

func newCue(expr string, pieces ...string) cue { return cue{regexp.MustCompile(expr), pieces} }

// matchLower reports whether s contains a match; lower is
// strings.ToLower(s), which the cues of one sentence share.
func (c cue) matchLower(s, lower string) bool {
	if strings.Contains(s, "ſ") {
		return c.re.MatchString(s) // the long s, which (?i) reads as an s and strings.ToLower keeps
	}
	for _, p := range c.pieces {
		if strings.Contains(lower, p) {
			return c.re.MatchString(s)
		}
	}
	return false
}

// interventions are named methods that sheets write in lower case. Matched
// on whole words, case and diacritics aside.
var interventions = []string{
	"anger management", "moral discussion groups", "peer support", "dynamic security",
	"restorative justice", "victim-offender mediation", "mediation", "cognitive behavioural therapy",
	"cognitive behavioral therapy", "aggression replacement training", "motivational interviewing",
	"mentoring", "family group conferencing", "electronic monitoring", "vocational training",
	"financial literacy", "parenting programmes", "sex offender treatment", "case management",
	"crisis management", "risk assessment", "social skills training", "drug treatment",
	"substance abuse treatment", "addiction treatment", "art therapy", "drama therapy",
	"conflict resolution", "job counselling", "supervision", "psychotherapy",
}

var interventionKeys = func() map[string]string {
	m := map[string]string{}
	for _, i := range interventions {
		m[nameKey(i)] = i
	}
	return m
}()

// interventionFirst are the first words of interventionKeys: a word that
// is none of them starts no intervention.
var interventionFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range interventionKeys {
		first, _, _ := strings.Cut(k, " ")
		m[first] = true
	}
	return m
}()

// mayNameIntervention: s may hold a word that starts an intervention. In
// ASCII without apostrophes (which NameKey drops inside a word) every
// word's key is a run of letters and digits of the lower-cased text, so one
// of those words must be in it as a whole word; any other text may.
func mayNameIntervention(s string) bool {
	found, plain := anyASCIIWord(s, true, interventionFirst)
	return found || !plain
}

// anyASCIIWord looks up each run of ASCII letters and digits of s,
// lower-cased (runs longer than 32 bytes are skipped), in words, until one
// is there (a map, not a function, so that the lookup copies nothing).
// plain is false, and found too, when s has a byte beyond ASCII, or an
// apostrophe when apostrophes count: the caller then reads s another way.
func anyASCIIWord[V any](s string, apostrophes bool, words map[string]V) (found, plain bool) {
	var buf [32]byte
	n, long := 0, false
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			c := s[i]
			if c >= 0x80 || apostrophes && c == '\'' {
				return false, false
			}
			if isAlnumASCII(c) {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				if n < len(buf) {
					buf[n] = c
					n++
				} else {
					long = true
				}
				continue
			}
		}
		if n > 0 && !long {
			if _, ok := words[string(buf[:n])]; ok {
				return true, true
			}
		}
		n, long = 0, false
	}
	return false, true
}

func isAlnumASCII(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// activity reads what a sentence says was done with a programme.
func activity(s string) partnergraph.Activity {
	lower := strings.ToLower(s)
	switch {
	case plannedCue.matchLower(s, lower):
		return partnergraph.ActivityPlanned
	case developedCue.matchLower(s, lower):
		return partnergraph.ActivityDeveloped
	case runCue.matchLower(s, lower):
		return partnergraph.ActivityRun
	}
	return partnergraph.ActivityMentioned
}

// programmesIn finds programmes and interventions in one sentence.
func programmesIn(s string) []programmeMention {
	var out []programmeMention
	seen := map[string]bool{}
	add := func(name, kind string) {
		name = strings.TrimSpace(strings.Trim(name, " .,;:"))
		k := nameKey(name)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, programmeMention{Name: name, Kind: kind})
	}
	defer func() {
		if len(out) > 0 {
			act := activity(s) // the cues are read only when there is a programme
			for i := range out {
				out[i].Activity = act
			}
		}
	}()
	if !strings.ContainsAny(s, "\"“") {
		goto named
	}
	for _, g := range quoted.FindAllStringSubmatch(s, -1) {
		n := len(strings.Fields(g[1]))
		if n < 2 || n > 16 {
			continue
		}
		kind := "PROGRAMME"
		if strings.Contains(strings.ToLower(s), "training") {
			kind = "TRAINING"
		}
		add(g[1], kind)
	}
named:
	if !strings.Contains(s, "Program") {
		goto lexicon
	}
	for _, g := range namedProgram.FindAllStringSubmatch(s, -1) {
		name := g[1]
		first := strings.ToLower(strings.Fields(name)[0])
		lower := strings.ToLower(name)
		if leadWords[first] || strings.Contains(lower, "grants") || strings.Contains(lower, "erasmus") ||
			strings.Contains(lower, "eea") || strings.Contains(lower, "operator") || hasHead(tokenize(name)) {
			continue
		}
		add(name, "PROGRAMME")
	}
lexicon:
	// Interventions are written in lower case; a capitalised match is part
	// of a name ("Probation and Mediation Service").
	if !mayNameIntervention(s) {
		return out
	}
	var words []string
	var lower []bool
	for _, t := range tokenize(s) {
		for w := range strings.FieldsSeq(nameKey(t.Text)) {
			words = append(words, w)
			lower = append(lower, !isCapitalised(t.Text))
		}
	}
	for i := 0; i < len(words); i++ {
		if !lower[i] || !interventionFirst[words[i]] {
			continue
		}
		for n := 4; n >= 1; n-- {
			if i+n > len(words) {
				continue
			}
			if canon, ok := interventionKeys[strings.Join(words[i:i+n], " ")]; ok {
				add(canon, "INTERVENTION")
				i += n - 1
				break
			}
		}
	}
	return out
}

var number = regexp.MustCompile(`(?:^|[^\p{L}\d€$.,/-])(\d{1,3}(?:[,\x{00a0} ]\d{3})+|\d+|(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred))\s+([\p{Ll}][\p{Ll}-]*(?:\s+[\p{Ll}][\p{Ll}-]*){0,4})`)

// mayCount: the sentence has a digit or a count written out, without which
// number cannot match; most sentences have neither, and the regexps of
// outcomesIn cost microseconds each.
func mayCount(s string) bool {
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	// In ASCII a count written out is a whole word: number wants no letter
	// before it and a space after.
	if found, plain := anyASCIIWord(s, false, numberWords); plain {
		return found
	}
	if strings.Contains(s, "ſ") {
		return true // "ſix": (?i) reads the long s as an s
	}
	lower := strings.ToLower(s)
	for w := range numberWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// numberWords are counts written out.
var numberWords = map[string]float64{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}

// outcomeLead keeps the words before a number that say what was done or
// qualify the count: "translated into", "more than".
func outcomeLead(before string) []string {
	w := strings.Fields(before)
	if len(w) < 2 {
		return nil
	}
	a, b := strings.ToLower(w[len(w)-2]), strings.ToLower(w[len(w)-1])
	switch {
	case a == "more" && b == "than", a == "at" && b == "least", a == "up" && b == "to":
		return []string{a, b}
	case strings.HasSuffix(a, "ed") && (b == "into" || b == "to" || b == "in" || b == "by" || b == "for"):
		return []string{a, b}
	}
	return nil
}

var countedStop = map[string]bool{
	"years": true, "months": true, "weeks": true, "days": true, "hours": true, "minutes": true,
	"times": true, "percent": true, "euros": true, "eur": true, "crowns": true, "per": true,
	// the project's own structure is not a result
	"modules": true, "areas": true, "objectives": true, "aims": true, "goals": true, "parts": true,
	"phases": true, "stages": true, "components": true, "priorities": true, "pillars": true,
	"activities": true, "outputs": true, "outcomes": true, "work packages": true, "packages": true,
}

var notPlural = map[string]bool{
	"was": true, "is": true, "has": true, "this": true, "its": true, "thus": true, "as": true,
	"us": true, "across": true, "his": true, "less": true, "process": true, "access": true,
	"business": true, "class": true, "success": true, "progress": true, "status": true,
	"focus": true, "various": true, "previous": true, "serious": true, "numerous": true,
	"does": true, "towards": true, "address": true, "analysis": true, "crisis": true,
	"basis": true, "always": true, "whereas": true, "themselves": true, "ours": true,
}

// collective nouns count people without a plural s.
var collective = map[string]bool{
	"staff": true, "personnel": true, "people": true, "children": true, "youth": true,
	"women": true, "men": true, "police": true, "offenders": true,
}

// adjectivesOfCount are dropped from the front of a unit.
var adjectivesOfCount = map[string]bool{"different": true, "new": true, "more": true, "additional": true, "other": true, "already": true, "main": true, "separate": true}

// outcomesIn finds counted results in one sentence: "1520 penitentiary staff
// members", "translated into 16 languages".
// backgroundCue marks a sentence about the world around a project, whose
// numbers are statistics, not what the project did: "Europe's prison
// population of 1,400,000", "Across Europe more than 1 400 000 people ...".
var backgroundCue = newCue(`(?i)\b(europe['’]?s?|european union|the eu|eu member states|worldwide|in the world|globally|prison population|statistics|studies show|according to)\b`,
	"europe", "the eu", "eu member states", "worldwide", "in the world", "globally", "prison population", "statistics", "studies show", "according to")

// digitSeparators are what "1,400", "1 400" and "1\u00a0400" put between digits.
var digitSeparators = strings.NewReplacer(",", "", " ", "", "\u00a0", "")

// maxOutcome: a project counts trainees, staff and places, not millions.
const maxOutcome = 100000

// pieceOf is t, as the piece of s it is when s contains it: the copy made
// to build t becomes garbage at once instead of an object the graph keeps
// (an outcome's unit and text, twice for each of hundreds of thousands).
func pieceOf(s, t string) string {
	if i := strings.Index(s, t); i >= 0 {
		return s[i : i+len(t)]
	}
	return t
}

func outcomesIn(s string) []partnergraph.Outcome {
	var out []partnergraph.Outcome
	if !mayCount(s) {
		return nil
	}
	lower := strings.ToLower(s)
	if backgroundCue.matchLower(s, lower) {
		return nil
	}
	for _, m := range number.FindAllStringSubmatchIndex(s, -1) {
		numStr := s[m[2]:m[3]]
		digits := digitSeparators.Replace(numStr)
		v, err := strconv.ParseFloat(digits, 64)
		if nw, ok := numberWords[strings.ToLower(numStr)]; ok {
			v, err = nw, nil
		}
		if err != nil || v == 0 {
			continue
		}
		if v >= 1900 && v <= 2100 && !strings.Contains(numStr, ",") {
			continue // a year
		}
		if v > maxOutcome {
			continue // a statistic of the background
		}
		words := strings.Fields(s[m[4]:m[5]])
		for len(words) > 0 && adjectivesOfCount[words[0]] {
			words = words[1:]
		}
		end := -1
		for i, w := range words {
			w = strings.TrimSuffix(w, "-")
			if collective[w] || (strings.HasSuffix(w, "s") && len(w) > 3 && !notPlural[w]) {
				end = i
				if i+1 < len(words) && strings.HasSuffix(words[i+1], "s") && !notPlural[words[i+1]] && (words[i+1] == "members" || words[i+1] == "officers" || words[i+1] == "workers" || words[i+1] == "places") {
					end = i + 1
				}
				break
			}
			if w == "of" || w == "and" || w == "in" || w == "for" || w == "to" || w == "were" || w == "was" {
				break
			}
		}
		if end < 0 || countedStop[words[end]] || countedStop[strings.Join(words[max(0, end-1):end+1], " ")] {
			continue
		}
		unit := pieceOf(s, strings.Join(words[:end+1], " "))
		text := pieceOf(s, strings.TrimSpace(strings.Join(append(outcomeLead(s[:m[2]]), numStr, unit), " ")))
		out = append(out, partnergraph.Outcome{Value: v, Unit: unit, Text: text})
	}
	// Read once for the sentence, and only when it counts something.
	if len(out) > 0 && futureCue.matchLower(s, lower) {
		for i := range out {
			out[i].Planned = true
		}
	}
	return out
}

var futureCue = newCue(`(?i)\b(will|shall|is expected to|are expected to|is to be|are to be)\b`,
	"will", "shall", "expected to", "to be")

// placesIn finds named regions in a sentence.
func placesIn(s string) []string {
	if !strings.Contains(s, "Region") && !strings.Contains(s, "County") && !strings.Contains(s, "kraj") &&
		!strings.Contains(s, "District") && !strings.Contains(s, "Voivodeship") && !strings.Contains(s, "Municipality") {
		return nil
	}
	var out []string
	for _, g := range regionRe.FindAllStringSubmatch(s, -1) {
		name := g[1]
		if f := strings.Fields(name); leadWords[strings.ToLower(f[0])] {
			name = strings.Join(f[1:], " ")
		}
		if len(strings.Fields(name)) >= 2 {
			out = append(out, name)
		}
	}
	return out
}

var (
	months = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
		"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
	monthYear   = regexp.MustCompile(`\b(?:(\d{1,2})\.?\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(\d{4})\b`)
	numericDate = regexp.MustCompile(`\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`)
	yearOnly    = regexp.MustCompile(`\b(?i:in|since|until|by|during|from)\s+((?:19|20)\d{2})\b`)
)

// datesIn finds dates in a sentence: "In March 2017", "on 12 May 2019",
// "01/10/2018", "in 2016".
func datesIn(s string) []string {
	if !hasYear(s) {
		return nil
	}
	var out []string
	taken := make([]bool, len(s))
	mark := func(a, b int) bool {
		for i := a; i < b; i++ {
			if taken[i] {
				return false
			}
		}
		for i := a; i < b; i++ {
			taken[i] = true
		}
		return true
	}
	for _, m := range monthYear.FindAllStringSubmatchIndex(s, -1) {
		if !mark(m[0], m[1]) {
			continue
		}
		month := months[strings.ToLower(s[m[4]:m[5]])]
		date := fmt.Sprintf("%s-%02d", s[m[6]:m[7]], month)
		if m[2] >= 0 {
			day, _ := strconv.Atoi(s[m[2]:m[3]])
			if day >= 1 && day <= 31 {
				date += fmt.Sprintf("-%02d", day)
			}
		}
		out = append(out, date)
	}
	for _, m := range numericDate.FindAllStringIndex(s, -1) {
		if !mark(m[0], m[1]) {
			continue
		}
		if d, err := parseDate(s[m[0]:m[1]]); err == nil {
			out = append(out, d)
		}
	}
	for _, m := range yearOnly.FindAllStringSubmatchIndex(s, -1) {
		if mark(m[2], m[3]) {
			out = append(out, s[m[2]:m[3]])
		}
	}
	return out
}

// Theme is a subject a project works on, found by its keywords.
type Theme struct {
	ID, Label string
	words     []string // folded word prefixes; any one marks the theme
}

// Themes are the subjects of prison, probation and violence-prevention
// projects. A sentence that names a keyword gives its project the theme.
var Themes = []Theme{
	{"violence", "violence and violent offenders", []string{"violen", "aggressi", "anger", "perpetrator", "abuser"}},
	{"domestic-violence", "domestic and gender-based violence", []string{"domestic violence", "intimate-partner", "intimate partner", "gender-based", "family violence"}},
	{"staff-training", "training of staff", []string{"staff trained", "staff were trained", "trained staff", "training of staff", "staff training", "training for staff", "training of professionals", "officers were trained", "professionals who", "train trainers", "penitentiary staff", "prison staff", "lifelong training", "correctional officers"}},
	// Young people in the justice system, not young people in general: a
	// children's hospital is not about young offenders.
	{"juveniles", "young offenders and juveniles", []string{"juvenile", "young offender", "young prisoner", "young inmate", "young detainee", "youth offend", "youth detention", "youth justice", "young people in conflict with the law", "minors in conflict with the law", "young adults in prison", "detained juveniles"}},
	{"foreign-prisoners", "foreign prisoners", []string{"foreign prisoner", "foreign inmate", "foreigners", "language barrier"}},
	{"drugs", "drugs and addiction", []string{"drug", "addict", "substance"}},
	{"education", "education of inmates", []string{"education", "school", "literacy"}},
	{"employment", "employment and the labour market", []string{"employment", "labour market", "labor market", "vocational", "job"}},
	{"family", "prisoners' families", []string{"family", "families", "children of prisoners", "father", "parent"}},
	{"reintegration", "rehabilitation and reintegration", []string{"rehabilitat", "re-social", "resocial", "reintegrat", "re-integrat", "integration into society", "integration in the society", "recidivism"}},
	{"victims", "victims and victim support", []string{"victim"}},
	{"mental-health", "mental health", []string{"mental", "psychiatr", "psycholog"}},
	{"probation", "probation and alternatives to prison", []string{"probation", "electronic monitoring", "community service", "alternative to imprisonment"}},
	{"trafficking", "trafficking in human beings", []string{"traffick", "forced labour", "forced labor", "sexual exploitation", "labour exploitation", "labor exploitation"}},
	{"policing", "policing and police cooperation", []string{"police", "policing", "law enforcement", "border guard", "customs cooperation"}},
	{"radicalisation", "radicalisation and violent extremism", []string{"radicali", "radicaliz", "extremis", "terroris"}},
}

// ThemeLabel returns the label of a theme id.
func ThemeLabel(id string) string {
	for _, t := range Themes {
		if t.ID == id {
			return t.Label
		}
	}
	return id
}

// ThemesIn returns the ids of the themes a text names, in the order of Themes.
func ThemesIn(text string) []string {
	folded := spaced(partnergraph.Fold(text))
	// A bit for the first three bytes of every word: a keyword whose
	// three are not there is not looked for.
	var starts wordStarts
	for i := 0; i+3 < len(folded); i++ {
		if folded[i] == ' ' {
			starts.add(folded[i+1 : i+4])
		}
	}
	var out []string
	for _, t := range Themes {
		for _, w := range t.words {
			if len(w) >= 3 && !starts.has(w[:3]) {
				continue
			}
			if strings.Contains(folded, " "+w) {
				out = append(out, t.ID)
				break
			}
		}
	}
	return out
}

// spaced is " " + strings.Join(strings.Fields(s), " "), in one pass.
func spaced(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 1)
	space := true // before the first word, the leading space
	b.WriteByte(' ')
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && b.Len() > 1 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// wordStarts is a 4096-bit filter of three-byte strings: has is true for
// every string added, and for few others.
type wordStarts [64]uint64

func trigramBit(t string) uint32 {
	return (uint32(t[0])*31*31 + uint32(t[1])*31 + uint32(t[2])) & 4095
}

func (w *wordStarts) add(t string) { b := trigramBit(t); w[b>>6] |= 1 << (b & 63) }

func (w *wordStarts) has(t string) bool { b := trigramBit(t); return w[b>>6]&(1<<(b&63)) != 0 }

// CountriesIn returns the codes of the countries a text names, by name or
// adjective ("Romania", "Romanian prisons"), each once, in the order named.
func CountriesIn(text string) []string {
	var out []string
	seen := map[string]bool{}
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	for i, w := range words {
		code := demonymCountry(w)
		if code == "" && len(w) > 3 && unicode.IsUpper([]rune(w)[0]) {
			if c, ok := entity.CountryByName(w); ok && c.Name != "" {
				code = c.Code
			} else if i+1 < len(words) {
				if c, ok := entity.CountryByName(w + " " + words[i+1]); ok && c.Name != "" {
					code = c.Code
				}
			}
		}
		if code != "" && !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	return out
}

// InterventionsIn returns the named interventions a text mentions, in lower
// case, each once.
func InterventionsIn(text string) []string {
	var out []string
	for _, m := range programmesIn(text) {
		if m.Kind == "INTERVENTION" {
			out = append(out, m.Name)
		}
	}
	return out
}

// hasYear: four digits in a row, 19xx or 20xx; sentences without one have no date.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run == 4 && (s[i-3] == '1' && s[i-2] == '9' || s[i-3] == '2' && s[i-2] == '0') {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
