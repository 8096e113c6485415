package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph"
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
	plannedCue   = regexp.MustCompile(`(?i)\b(will|shall|would like|plans?|planned|intends?|aims? to|interested in|in the future|is to be|are to be)\b`)
	developedCue = regexp.MustCompile(`(?i)\b(develop|developed|developing|created|designed|drafted|prepared|elaborated|adapted)\b`)
	runCue       = regexp.MustCompile(`(?i)\b(implement|implemented|implementing|provided|conducted|held|ran|run|carried out|put into practice|attended|completed|delivered|extended|introduced|piloted|organi[sz]ed|trained|took part|participated)\b`)
	partnerCue   = regexp.MustCompile(`(?i)\b(partners?|partnerships?|co-?operat\w*|collaborat\w*|jointly with|together with)\b`)
	donorCue     = regexp.MustCompile(`(?i)\bdonor\s+(project\s+)?partners?\b`)
	regionRe     = regexp.MustCompile(`\b((?:\p{Lu}[\p{L}-]+\s+){1,3}(?:Region|County|Voivodeship|District|Municipality)|\p{Lu}[\p{L}-]+\s+kraj)\b`)
)

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

// activity reads what a sentence says was done with a programme.
func activity(s string) partnergraph.Activity {
	switch {
	case plannedCue.MatchString(s):
		return partnergraph.ActivityPlanned
	case developedCue.MatchString(s):
		return partnergraph.ActivityDeveloped
	case runCue.MatchString(s):
		return partnergraph.ActivityRun
	}
	return partnergraph.ActivityMentioned
}

// programmesIn finds programmes and interventions in one sentence.
func programmesIn(s string) []programmeMention {
	var out []programmeMention
	act := activity(s)
	seen := map[string]bool{}
	add := func(name, kind string) {
		name = strings.TrimSpace(strings.Trim(name, " .,;:"))
		k := nameKey(name)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, programmeMention{Name: name, Kind: kind, Activity: act})
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
	// Interventions are written in lower case; a capitalised match is part
	// of a name ("Probation and Mediation Service").
	var words []string
	var lower []bool
	for _, t := range tokenize(s) {
		for _, w := range strings.Fields(nameKey(t.Text)) {
			words = append(words, w)
			lower = append(lower, !isCapitalised(t.Text))
		}
	}
	for i := 0; i < len(words); i++ {
		if !lower[i] {
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

var number = regexp.MustCompile(`(?:^|[^\p{L}\d€$.,/-])(\d{1,3}(?:[,\x{00a0} ]\d{3})+|\d+)\s+([\p{Ll}][\p{Ll}-]*(?:\s+[\p{Ll}][\p{Ll}-]*){0,4})`)

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
var adjectivesOfCount = map[string]bool{"different": true, "new": true, "more": true, "additional": true, "other": true}

// outcomesIn finds counted results in one sentence: "1520 penitentiary staff
// members", "translated into 16 languages".
func outcomesIn(s string) []partnergraph.Outcome {
	var out []partnergraph.Outcome
	for _, m := range number.FindAllStringSubmatchIndex(s, -1) {
		numStr := s[m[2]:m[3]]
		digits := strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(numStr)
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil || v == 0 {
			continue
		}
		if v >= 1900 && v <= 2100 && !strings.Contains(numStr, ",") {
			continue // a year
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
		if end < 0 || countedStop[words[end]] {
			continue
		}
		unit := strings.Join(words[:end+1], " ")
		text := strings.TrimSpace(strings.Join(append(outcomeLead(s[:m[2]]), numStr, unit), " "))
		out = append(out, partnergraph.Outcome{Value: v, Unit: unit, Text: text, Planned: plannedOutcome(s)})
	}
	return out
}

var futureCue = regexp.MustCompile(`(?i)\b(will|shall|is expected to|are expected to|is to be|are to be)\b`)

func plannedOutcome(s string) bool { return futureCue.MatchString(s) }

// placesIn finds named regions in a sentence.
func placesIn(s string) []string {
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
