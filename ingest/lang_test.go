package ingest

import "testing"

// A page's language gives its country when one language leads clearly;
// English and the donor states' languages give none.
func TestLanguageCountry(t *testing.T) {
	for text, want := range map[string]string{
		"A rendőrség és a főkapitányság közösen lépnek fel, hogy az embercsempészek ellen küzdjenek; a projekt célja egy közös eljárásrend, amelyet a határ mentén működő szervek használnak.": "HU",
		"Die Polizeidirektion koordiniert das Projekt und arbeitet mit der Stadt zusammen. Die Mittel sind für die Prävention, und das ist wichtig für die Schulen.":                           "DE",
		"Projekt jest realizowany przez policję oraz straż graniczną. Szkolenia odbyły się w Białymstoku, a ich celem było przygotowanie funkcjonariuszy.":                                     "PL",
		"Проектът се изпълнява от фондацията в партньорство с общината. Екипът е обучен от норвежки партньор и работи с пострадалите от насилие.":                                              "BG",
		"The project is run by the police and the municipality, with the support of the Norwegian partner, and it was completed in 2024 for the region.":                                       "",
		"Prosjektet er et samarbeid med Slovakia, og det er finansiert av Norway Grants. Politihøgskolen bidro med erfaringer til opplæringen av etterforskere.":                               "",
	} {
		if got := languageCountry(text); got != want {
			t.Errorf("languageCountry(%.40q...) = %q, want %q", text, got, want)
		}
	}
}
