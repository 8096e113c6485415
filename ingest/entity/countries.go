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
	if code, ok := countryNames[partnergraph.NameKey(name)]; ok {
		return partnergraph.CountryByCode(code)
	}
	return partnergraph.Country{}, false
}
