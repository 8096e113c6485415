package ingest

import (
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

// Dates with the month's word in the pages' languages, in any case, and
// the period a sentence states with them.
func TestMonthWords(t *testing.T) {
	for sentence, want := range map[string][2]string{
		"Projektas vykdomas nuo 2021 m. birželio 1 d. iki 2024 m. balandžio 30 d.":       {"2021-06-01", "2024-04-30"},
		"It started on 1 June 2024 and closes on 30 November 2024, the initiative said.": {"2024-06-01", "2024-11-30"},
		"Projekt trwa od 1 marca 2022 do 31 grudnia 2023.":                               {"2022-03-01", "2023-12-31"},
		"Проектът започна на 1 март 2021 г. и приключи на 30 април 2024 г.":              {"2021-03-01", "2024-04-30"},
		"The project was decided in a decision of 2020 and runs from June.":              {"", ""},
		// the year first, with its mark, then the day and the month
		"Projekts ilgst 24 mēnešus – no 2023. gada 1. oktobra līdz 2025. gada 30. septembrim.": {"2023-10-01", "2025-09-30"},
		"Projekt trvá od 1. července 2021 do 30. dubna 2024.":                                  {"2021-07-01", "2024-04-30"},
		// a month and its year: from the first day to the last; "between
		// ... and ..." in the pages' languages
		"O projeto decorreu entre setembro de 2020 e abril de 2023 em dois estabelecimentos.": {"2020-09-01", "2023-04-30"},
		"Proiectul s-a desfășurat între octombrie 2020 și aprilie 2024.":                      {"2020-10-01", "2024-04-30"},
		"Prosjektet varer fra januar 2021 til april 2024 og har et budsjett.":                 {"2021-01-01", "2024-04-30"},
		"Το έργο διήρκεσε από τον Σεπτέμβριο του 2022 έως τον Φεβρουάριο του 2023.":           {"2022-09-01", "2023-02-28"},
	} {
		a, b, ok := periodInWords(sentence)
		if !ok {
			a, b = "", ""
		}
		if a != want[0] || b != want[1] {
			t.Errorf("%q: %q to %q, want %q to %q", sentence, a, b, want[0], want[1])
		}
	}
	if d, _ := datesByWord("The junior 2024 team met on the main square."); len(d) != 0 {
		t.Errorf("dates in a sentence without any: %q", d)
	}
	for w, want := range map[string]int{"birzelio": 6, "junijem": 6, "listopada": 11, "mai": 5, "main": 0, "decision": 0, "marca": 3} {
		if got := monthOf(w); got != want {
			t.Errorf("monthOf(%q) = %d, want %d", w, got, want)
		}
	}
}

// A programme named in quotation marks after a programme word in any
// case ("programos", "програмата").
func TestProgrammeWordInAnyCase(t *testing.T) {
	for text, want := range map[string]string{
		"Tarnyba įgyvendina Norvegijos finansinio mechanizmo programos „Teisingumas ir vidaus reikalai“ projektą.": "Teisingumas ir vidaus reikalai",
		"Проектът е по програмата „Правосъдие“ на Норвежкия финансов механизъм.":                                   "Правосъдие",
	} {
		if g := proseProgramme.FindStringSubmatch(text); g == nil || g[1] != want {
			t.Errorf("%q: %q, want %q", text, g, want)
		}
	}
}

// A label set off from its value by a spaced dash, wherever it stands; a
// value of no form of its own, or a label with figures in it, is no such
// line.
func TestDashLabels(t *testing.T) {
	for line, want := range map[string]string{
		"Номер на договора – BG-JUSTICE-0528":                 "Номер на договора|BG-JUSTICE-0528",
		"Обща стойност – 684 215,40 лева":                     "Обща стойност|684 215,40 лева",
		"Starting date 01.09.2023 – 31.08.2024":               "",
		"Projekto tikslas – sukurti ir įdiegti programas":     "",
		"Results – what the project left behind":              "",
		"Начало на проекта – 1 март 2021 г.":                  "Начало на проекта|1 март 2021 г.",
		"Partners – the police and the courts were involved.": "",
	} {
		label, value, ok := dashLabel(line)
		got := ""
		if ok {
			got = label + "|" + value
		}
		if got != want {
			t.Errorf("dashLabel(%q) = %q, want %q", line, got, want)
		}
	}
}

// A line of small words that ends in a full stop explains its label; a
// date, a period or an amount written with small words is a value.
func TestExplanationOrValue(t *testing.T) {
	for v, want := range map[string]bool{
		"Bewilligte EU-Mittel in Euro für alle Projektträger.": true,
		"¿Por qué este proyecto?":                              true,
		"2024 m. sausio 1 d. – 2025 m. gruodžio 31 d.":         false,
		"450 000 Eur, iš jų ERPF lėšos – 360 000 Eur.":         false,
		"1. 12. 2023. – 30. 11. 2026.":                         false,
		"the amount is paid in three parts over 2 years.":      true,
	} {
		if got := explanation(v); got != want {
			t.Errorf("explanation(%q) = %v, want %v", v, got, want)
		}
	}
}

// Below a project's summary, a line of a label and a value of the form its
// field wants is a field, and ends the summary; a label of text (results)
// stays prose. A label alone above waits for its value, even one a dash
// splits ("Région Sud – France" is no label "Région").
func TestTypedLabelInProse(t *testing.T) {
	s, err := Parse("p", []byte("MED-ENVICRIME\n\nRéférence : Euro-MED0300742\n\nLe projet en bref\nLe projet teste des méthodes communes dans quatre ports pilotes.\n\n"+
		"Durée : 01/01/2024 – 30/06/2026\nBudget total : 2 487 650,00 €\nCofinancement UE (FEDER et IAP) : 1 990 120,00 €\n\n"+
		"Chef de file\nRégion Sud Provence-Alpes-Côte d'Azur – France\n"))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{keyPeriod: "01/01/2024 – 30/06/2026", keyFinalCost: "2 487 650,00 €", keyGrant: "1 990 120,00 €", keyPromoter: "Région Sud Provence-Alpes-Côte d'Azur – France"} {
		if got := s.Value(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if d := s.Section(SectionDescription); !strings.Contains(d, "quatre ports") || strings.Contains(d, "Durée") {
		t.Errorf("summary %q", d)
	}
	s, err = Parse("r", []byte("Projet\n\nLe projet en bref\nLe projet forme des enquêteurs.\nRésultats : 160 enquêteurs formés en deux ans.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Fields) != 0 {
		t.Errorf("a label of text read as a field: %+v", s.Fields)
	}
}

// A line that is nothing but a project number of a programme's form is the
// project's number; one inside a sentence, or of no programme's form, is
// not.
func TestCodeAlone(t *testing.T) {
	s, err := Parse("l", []byte("Restorative practice in youth probation\n2023-1-LT01-KA220-ADU-000157731\n\nProgramme: Erasmus+\nCoordinator\nLietuvos probacijos tarnyba (Lithuania)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Value(keyCode); got != "2023-1-LT01-KA220-ADU-000157731" {
		t.Errorf("code %q", got)
	}
	for _, text := range []string{
		"Title\n\nThe project 2023-1-LT01-KA220-ADU-000157731 ended in May.\n",
		"Title\nPL-12 and LT-13\n",
	} {
		s, err := Parse("n", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Value(keyCode); got != "" {
			t.Errorf("%q: code %q", text, got)
		}
	}
}

// A label the stems know, alone on its line inside a section of prose,
// opens its field; a bulleted list of groups ends at the first line
// without a bullet.
func TestListLabelInProse(t *testing.T) {
	s, err := Parse("tg", []byte("Проект\n\nЗа проекта\n\nПроектът обучава съдии.\n\nЦелеви групи:\n• съдии и прокурори\n• съдебни служители\n\nОчаквани резултати\n\nПредвижда се обучение на 420 магистрати.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g := s.Get(keyTargetGroups); len(g) != 2 || g[1] != "съдебни служители" {
		t.Errorf("target groups %q", g)
	}
}

// A name with its name in another language and its acronym in one pair of
// parentheses; a news item below a "News" heading near the top of a page
// is the page's text, not furniture.
func TestTranslationAndAcronymAndNewsHeading(t *testing.T) {
	cs := candidates("Colleagues from the State Probation Service of Latvia (Valsts probācijas dienests, VPD) visited Norway.")
	if len(cs) == 0 || cs[0].Name != "State Probation Service of Latvia" || cs[0].Alias != "Valsts probācijas dienests" || cs[0].Acronym != "VPD" {
		t.Errorf("candidates %+v", cs)
	}
	s, err := Parse("news", []byte("Skip to content\nCEP\nAbout us    Members    News\n\nNews\n\nLatvian probation staff learn from Norwegian practice\n\n21 October 2024 | Member news\n\nFourteen colleagues from the State Probation Service of Latvia spent the last week of September in Norway, following monitoring officers on home visits.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.Section(SectionDescription), "Fourteen colleagues") {
		t.Errorf("the news item is not the page's text: sections %+v", s.Sections)
	}
}

// A dash that sets a name beside the role the clause before it states
// carries the role over.
func TestRoleAcrossAnAppositiveDash(t *testing.T) {
	g, _ := Build([]Source{{Name: "lt.txt", Data: []byte("Projektas\n\nAprašymas\nProjekto partneris iš Norvegijos – organizacija Alternativ til Vold (ATV), turinti daug patirties, apmoko pareigūnus.\n")}})
	if len(g.Projects) != 1 {
		t.Fatalf("%d projects", len(g.Projects))
	}
	found := false
	for _, p := range g.Projects[0].Partners {
		found = found || p.OrganisationID == "org:atv" && p.Role != partnergraph.RoleMentioned
	}
	if !found {
		t.Errorf("ATV is no partner: %+v", g.Projects[0].Partners)
	}
}
