package entity

import "testing"

func TestCountryInThePagesLanguages(t *testing.T) {
	for in, want := range map[string]string{
		"Norway": "NO", "Czechia": "CZ", "EL": "GR", // English names, aliases, codes
		"Norveška": "NO", "Soome": "FI", "Läti": "LV", "Polsko": "PL", "Rakousko": "AT",
		"Νορβηγία": "NO", "Норвегия": "NO", "Noregur": "NO", "Tjeckien": "CZ", "IJsland": "IS",
	} {
		c, ok := CountryByName(in)
		if !ok || c.Code != want {
			t.Errorf("CountryByName(%q) = %+v %v, want %s", in, c, ok, want)
		}
		if ok && c.Name == "" {
			t.Errorf("CountryByName(%q) has no English name", in)
		}
	}
	for _, in := range []string{"Sisekaitseakadeemia", "Fundacja", "Probation", "Dom"} {
		if c, ok := CountryByName(in); ok {
			t.Errorf("CountryByName(%q) = %+v", in, c)
		}
	}
}

// The Fundacja Sławek's country in Czech is no other name of it.
func TestCleanDropsACountryInThePagesLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"Fundacja Sławek (Polsko)":             "PL",
		"Valsts probācijas dienests (Läti)":    "LV",
		"Konfliktrådet i Trøndelag (Norveška)": "NO",
	} {
		n := Clean(in)
		if n.Country != want || n.Acronym != "" {
			t.Errorf("Clean(%q) = %+v, want country %s and no acronym", in, n, want)
		}
	}
}

// A country named with the word for its kind of state, in the pages'
// languages.
func TestCountryWithItsKindOfState(t *testing.T) {
	for name, want := range map[string]string{"Кралство Норвегия": "NO", "Kongeriket Norge": "NO", "Königreich Norwegen": "NO", "Republic of Latvia": "LV", "Kingdom Hall": ""} {
		c, _ := CountryByName(name)
		if c.Code != want {
			t.Errorf("CountryByName(%q) = %q, want %q", name, c.Code, want)
		}
	}
}
