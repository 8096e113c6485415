package entity

import (
	"strings"

	"github.com/partnergraph/partnergraph"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// pageLanguages are the languages the pages are written in, whose names
// of the countries CountryByName knows besides the English ones: a
// partner's country is written in the page's language ("Valsts probācijas
// dienests (Läti)", "Fundacja Sławek (Polsko)", "Konfliktrådet
// (Norveška)").
var pageLanguages = strings.Fields("bg ca cs da de el es et fi fr ga hr hu is it lt lv mk mt nl no pl pt pt-PT ro sk sl sq sr sr-Latn sv uk")

// countryNames maps the name key (partnergraph.NameKey) of every name of a
// country, in English or in a page language, to its code. The names in the
// page languages are the Unicode CLDR's (golang.org/x/text): names of no
// one country only.
var countryNames = func() map[string]string {
	m := map[string]string{}
	ambiguous := map[string]bool{}
	for _, l := range pageLanguages {
		names := display.Regions(language.MustParse(l))
		for _, c := range partnergraph.Countries() {
			r, err := language.ParseRegion(c.Code)
			if err != nil {
				continue
			}
			n := names.Name(r)
			if n == "" {
				continue
			}
			k := partnergraph.NameKey(n)
			if code, ok := m[k]; ok && code != c.Code {
				ambiguous[k] = true
			}
			m[k] = c.Code
		}
	}
	for k := range ambiguous {
		delete(m, k)
	}
	return m
}()

// CountryByName is partnergraph.CountryByName, which reads English names,
// aliases and codes, and then the countries' names in the page languages
// ("Norveška", "Soome", "Polsko", "Νορβηγία"); the country it returns is
// named in English.
func CountryByName(name string) (partnergraph.Country, bool) {
	if c, ok := partnergraph.CountryByName(name); ok || len(name) < 4 {
		return c, ok
	}
	key := partnergraph.NameKey(name)
	if code, ok := countryNames[key]; ok {
		return partnergraph.CountryByCode(code)
	}
	// "Кралство Норвегия", "Kongeriket Norge", "Norvég Királyság": a
	// country named with the word for its kind of state, before or after
	first, _, two := strings.Cut(key, " ")
	last := key[strings.LastIndexByte(key, ' ')+1:]
	if two && (stateWords[first] || stateWords[last]) {
		// (the first and last words tell most names apart cheaply)
		words := strings.Fields(key)
		var rest []string
		switch {
		case stateWords[words[0]]:
			rest = words[1:]
		case stateWords[words[len(words)-1]]:
			rest = words[:len(words)-1]
		}
		for len(rest) > 1 && (rest[0] == "of" || rest[0] == "de" || rest[0] == "di" || rest[0] == "du") {
			rest = rest[1:]
		}
		if len(rest) > 0 {
			if code, ok := countryNames[strings.Join(rest, " ")]; ok {
				return partnergraph.CountryByCode(code)
			}
			if c, ok := partnergraph.CountryByName(strings.Join(rest, " ")); ok {
				return c, ok
			}
		}
	}
	return partnergraph.Country{}, false
}

// stateWords name a kind of state in the pages' languages, as name keys
// write them (lower case, no diacritics): kingdom, republic, principality.
var stateWords = map[string]bool{"kingdom": true, "republic": true, "principality": true, "кралство": true, "република": true,
	"kongeriket": true, "kongeriget": true, "konungariket": true, "konigreich": true, "kralovstvi": true, "kralovstvo": true,
	"krolestwo": true, "regatul": true, "kiralysag": true, "kraljevina": true, "karalyste": true, "karaliste": true, "kuningriik": true,
	"βασιλειο": true, "βασίλειο": true, "reino": true, "royaume": true, "regno": true, "koninkrijk": true, "republica": true,
	"republika": true, "republik": true, "republique": true, "repubblica": true, "furstentum": true, "knezevina": true}
