package ingest

import (
	"strings"
	"unicode"

	"github.com/partnergraph/partnergraph"
)

// Roles stated in prose in the pages' own languages. A role noun counts by
// its stem wherever it stands in a word, so the inflected and compound
// forms of one noun are one cue: "partnerei" and "partnerként"
// (Hungarian), "samarbeidspartnere" and "donorprosjektpartner"
// (Norwegian), "partnerstwie" (Polish), "партньор" (Bulgarian). English
// keeps its own cues (prose.go); these read the rest.

// proseWords are the role words of a clause: whether it names partners,
// donor partners or the programme's own partners and operator, and whether
// a partner word in it is denied ("partnerként nem vesz részt", "uten å
// være partner", "без СДВР да е партньор").
type proseWords struct {
	partner, donor, programme, denied bool
}

// partnerStems are pieces of a word that make it a partner word.
var partnerStems = []string{"partner", "partener", "partenai", "партньор", "партнер", "εταίρ", "parceir"}

// partnershipStems make a partner word a partnership word: the project
// itself ("koordiniert die Partnerschaft", "a coordonat parteneriatul cu
// acordul ..."), which names a partner only after an "in" ("în parteneriat
// cu X", "в партньорство с X", "w partnerstwie z X", "partnerségben").
var partnershipStems = []string{"partnership", "partnersch", "partnerstw", "partnerstv", "partnerskap", "partnerseg",
	"parteneriat", "partenariat", "partnerystė", "partneryste", "partneriba", "партньорств", "партнерств", "parceria",
	"partnerschap"}

// inWords say "in" in the pages' languages.
var inWords = map[string]bool{
	"in": true, "in-": true, "i": true, "v": true, "ve": true, "w": true, "we": true, "в": true, "във": true, "en": true,
	"em": true, "im": true, "σε": true, "σε-": true, "u": true, "no": true, "na": true,
}

// donorStems make a word a donor word: with a partner word in it or beside
// it, the clause names donor partners.
var donorStems = []string{"donor", "donator", "darczy", "донор", "δωρητ"}

// denials are words that deny what a clause states, in the pages'
// languages.
var denials = map[string]bool{
	"not": true, "never": true, "nor": true, "without": true, "ikke": true, "uten": true, "ingen": true,
	"inte": true, "utan": true, "uden": true, "nicht": true, "kein": true, "keine": true, "keiner": true,
	"ohne": true, "nem": true, "nelkul": true, "sem": true, "ne": true, "nie": true, "bez": true, "без": true,
	"не": true, "nu": true, "fara": true, "nebuvo": true, "nera": true, "nav": true, "nije": true, "nisu": true,
	"non": true, "senza": true, "sin": true, "nao": true, "pas": true, "sans": true, "δεν": true, "χωρις": true,
	"χωρίς": true, "niet": true, "geen": true, "zonder": true, "ei": true, "ilma": true, "ekki": true,
	"nebyl": true, "nebyla": true, "nebyli": true, "nebylo": true, "nejsou": true, "neni": true, "neboli": true,
	"nebol": true, "nebola": true, "nieje": true, "nebus": true, "ni": true, "niso": true, "brez": true,
	"nincs": true, "ej": true, "όχι": true, "nebija": true, "neturi": true,
}

// foldedWords splits a text into its folded words (letters, digits and
// hyphens: "non-governmental" is one word, not a denial).
func foldedWords(s string) []string {
	return strings.FieldsFunc(partnergraph.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
}

func hasStem(w string, stems []string) bool {
	for _, s := range stems {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// mayHoldRoleWord is the cheap test before proseWordsIn: the folded
// text must hold one of the stems.
func mayHoldRoleWord(lower string) bool {
	return hasStem(lower, partnerStems) || hasStem(lower, donorStems) || strings.Contains(lower, "dpp")
}

// proseWordsIn reads the role words of a clause.
func proseWordsIn(s string) proseWords {
	var pw proseWords
	if !mayHoldRoleWord(strings.ToLower(s)) {
		return pw
	}
	words := foldedWords(s)
	for i, w := range words {
		partner := hasStem(w, partnerStems)
		switch {
		case partner && strings.Contains(w, "program"), strings.Contains(w, "program") && strings.Contains(w, "operat"):
			pw.programme = true // "programpartner", "programoperatør"
		case w == "dpp" || w == "dpps":
			pw.donor = true
		case hasStem(w, donorStems) && (partner || near(words, i, 2, func(v string) bool { return hasStem(v, partnerStems) })):
			pw.donor = true // "donorprosjektpartner", "partner z donorského štátu"
		case partner && hasStem(w, partnershipStems):
			if i > 0 && inWords[words[i-1]] || strings.HasSuffix(w, "ben") {
				pw.partner = true // "in partnership with"
			}
		case partner:
			if near(words, i, 4, func(v string) bool { return denials[v] }) {
				pw.denied = true
			} else {
				pw.partner = true
			}
		}
	}
	return pw
}

// near: a word within n words of words[i] on either side satisfies f.
func near(words []string, i, n int, f func(string) bool) bool {
	for j := max(0, i-n); j <= min(len(words)-1, i+n); j++ {
		if j != i && f(words[j]) {
			return true
		}
	}
	return false
}
