package partnergraph

import (
	"sort"
	"strings"
)

// countries holds the countries Partnergraph's sheets speak of: the EU, the
// EEA, candidate and neighbouring states, by ISO 3166-1 alpha-2 code.
var countries = map[string]string{
	"AL": "Albania", "AT": "Austria", "BA": "Bosnia and Herzegovina", "BE": "Belgium",
	"BG": "Bulgaria", "CH": "Switzerland", "CY": "Cyprus", "CZ": "Czech Republic",
	"DE": "Germany", "DK": "Denmark", "EE": "Estonia", "ES": "Spain", "FI": "Finland",
	"FR": "France", "GB": "United Kingdom", "GR": "Greece", "HR": "Croatia", "HU": "Hungary",
	"IE": "Ireland", "IS": "Iceland", "IT": "Italy", "LI": "Liechtenstein", "LT": "Lithuania",
	"LU": "Luxembourg", "LV": "Latvia", "MD": "Moldova", "ME": "Montenegro",
	"MK": "North Macedonia", "MT": "Malta", "NL": "Netherlands", "NO": "Norway",
	"PL": "Poland", "PT": "Portugal", "RO": "Romania", "RS": "Serbia", "SE": "Sweden",
	"SI": "Slovenia", "SK": "Slovakia", "TR": "Turkey", "UA": "Ukraine", "XK": "Kosovo",
}

// countryAliases are other names and codes for the same countries.
var countryAliases = map[string]string{
	"czechia": "CZ", "cr": "CZ", "slovak republic": "SK",
	"holland": "NL", "great britain": "GB", "uk": "GB",
	"republic of lithuania": "LT", "republic of poland": "PL", "kingdom of norway": "NO",
	"republic of latvia": "LV", "republic of estonia": "EE", "hellas": "GR",
	"republic of moldova": "MD", "macedonia": "MK", "turkiye": "TR", "republic of bulgaria": "BG",
	"republic of croatia": "HR", "republic of slovenia": "SI", "republic of cyprus": "CY",
	"el": "GR", // EU usage for Greece
}

// DonorStates are the states that fund the EEA and Norway Grants.
var DonorStates = map[string]bool{"NO": true, "IS": true, "LI": true}

// CountryByCode returns the country with this ISO 3166-1 alpha-2 code; the EU
// codes EL (Greece) and UK (United Kingdom) are accepted too.
func CountryByCode(code string) (Country, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	switch code {
	case "EL":
		code = "GR"
	case "UK":
		code = "GB"
	}
	name, ok := countries[code]
	return Country{Code: code, Name: name}, ok
}

// CountryByName returns the country with this name, alias or code,
// case-insensitively: "Lithuania", "the Czech Republic", "Czechia", "EL".
func CountryByName(name string) (Country, bool) {
	name = strings.TrimSpace(name)
	if len(name) == 2 {
		return CountryByCode(name)
	}
	k := NameKey(name)
	if code, ok := countryAliases[k]; ok {
		return CountryByCode(code)
	}
	if code, ok := countryKeys[k]; ok {
		return Country{Code: code, Name: countries[code]}, true
	}
	return Country{}, false
}

// countryKeys maps the NameKey of every country name to its code.
var countryKeys = func() map[string]string {
	m := make(map[string]string, len(countries))
	for code, n := range countries {
		m[NameKey(n)] = code
	}
	return m
}()

// Countries returns every known country, by code.
func Countries() []Country {
	out := make([]Country, 0, len(countries))
	for code, name := range countries {
		out = append(out, Country{Code: code, Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
