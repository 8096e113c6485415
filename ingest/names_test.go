package ingest

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

// Parentheses hold a name whole, small words and all; a name cut short
// inside them gives way; a clause in parentheses is no name.
func TestParenthesisedNames(t *testing.T) {
	cases := map[string][]string{
		"Il ministero sloveno dell'interno (Ministrstvo za notranje zadeve) mette a disposizione i propri esperti.":                       {"Ministrstvo za notranje zadeve"},
		"It talks with the regional prison administration (Provveditorato regionale dell'amministrazione penitenziaria per la Campania).": {"Provveditorato regionale dell'amministrazione penitenziaria per la Campania"},
		"The grant covers most of the cost (85% of the eligible cost of the Foundation).":                                                 nil,
		"The shelter (open since 2019, run by the Foundation) takes twelve women.":                                                        nil,
	}
	for sentence, want := range cases {
		var got []string
		for _, c := range parenthesisedNames(sentence, tokenize(sentence), nil) {
			got = append(got, c.Name)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %q, want %q", sentence, got, want)
		}
	}
	s := "Il ministero (Ministrstvo za pravosodje) sostiene il progetto."
	got := parenthesisedNames(s, tokenize(s), []candidate{{Name: "Ministrstvo"}})
	if len(got) != 1 || got[0].Name != "Ministrstvo za pravosodje" {
		t.Errorf("the name cut short stays: %v", got)
	}
}

// A country's possessive before a name is no part of it, and "the" joins
// names only after a connector: "In Serbia the Directorate ..." is one name
// after a country.
func TestNamesAfterACountry(t *testing.T) {
	for sentence, want := range map[string]string{
		"Moldova's National Probation Inspectorate takes part with its own funding.":           "National Probation Inspectorate",
		"In Serbia the Directorate for the Enforcement of Penal Sanctions runs a pilot.":       "Directorate for the Enforcement of Penal Sanctions",
		"The Directorate for the Enforcement of Penal Sanctions of Serbia runs a pilot today.": "Directorate for the Enforcement of Penal Sanctions of Serbia",
	} {
		got := candidateNames(sentence)
		if !reflect.DeepEqual(got, []string{want}) {
			t.Errorf("%q: got %q, want %q", sentence, got, want)
		}
	}
	if got := precedingDemonym("and Moldova's "); got != "MD" {
		t.Errorf("precedingDemonym of a possessive: %q", got)
	}
}

// A role stated in one clause is not given to a name in the next.
func TestClauseAround(t *testing.T) {
	s := "Together with our partner ATV we adapted the course; some material was shared by KRUS, which also hosted a visit."
	for _, c := range []struct {
		name string
		want string
	}{
		{"ATV", "Together with our partner ATV we adapted the course"},
		{"KRUS", " some material was shared by KRUS"},
	} {
		a, b := clauseAround(s, strings.Index(s, c.name))
		if s[a:b] != c.want {
			t.Errorf("clause of %s: %q, want %q", c.name, s[a:b], c.want)
		}
	}
	if got := proseRole(" some material was shared by KRUS", " some material was shared by krus", proseWords{}); got != partnergraph.RoleMentioned {
		t.Errorf("role of the second clause: %s", got)
	}
}

// Names in small letters after their first word: where a place, a mark or
// an acronym ends them, the name runs to it; otherwise two small words.
func TestPrepositionTails(t *testing.T) {
	for sentence, want := range map[string]string{
		"Ministrstvo za pravosodje je projekt podprlo.":                                         "Ministrstvo za pravosodje",
		"Tečaji so potekali v Zavod za prestajanje kazni zapora Dob in drugod.":                 "Zavod za prestajanje kazni zapora Dob",
		"Fakulteta za varnostne vede pripravi skupni program.":                                  "Fakulteta za varnostne vede",
		"Projekt vodi Uprava Republike Slovenije za izvrševanje kazenskih sankcij (URSIKS) že.": "Uprava Republike Slovenije za izvrševanje kazenskih sankcij",
		"The course runs at Ústav na výkon trestu odňatia slobody Hrnčiarovce nad Parnou now.":  "Ústav na výkon trestu odňatia slobody Hrnčiarovce nad Parnou",
	} {
		got := candidateNames(sentence)
		if !slices.Contains(got, want) {
			t.Errorf("%q: got %q, want %q among them", sentence, got, want)
		}
	}
}

// candidateNames are the names candidates finds in a sentence.
func candidateNames(sentence string) []string {
	var out []string
	for _, c := range candidates(sentence) {
		out = append(out, c.Name)
	}
	return out
}

// Names whose head stands in another case than the nominative, bodies
// set at the body they belong to, and the name in another language with
// the acronym after a name written in small letters.
func TestInflectedHeadNames(t *testing.T) {
	for sentence, want := range map[string]string{
		"Na sastanku su bili i predstavnici Ministarstva vanjskih poslova.":                           "",
		"Seminare dalyvavo Lietuvos Respublikos generalinės prokuratūros ir teismų atstovai.":         "Lietuvos Respublikos generalinės prokuratūros",
		"Vertinimą atliko Vilniaus universitetu.":                                                     "",
		"Projektas vykdomas su Kauno technologijos universitetu.":                                     "Kauno technologijos universitetu",
		"Ocenjevanje je vodil Inštitut za socialno delo pri Mestni občini Kranj v Kranju.":            "",
		"Ocenjevanje je vodil Zavod za socialno delo pri Univerzi v Mariboru, ki pripravi poročilo.":  "Zavod za socialno delo pri Univerzi v Mariboru",
		"Sodelovali so z Fakulteto za upravo Univerze v Ljubljani pri analizi.":                       "Fakulteto za upravo Univerze v Ljubljani",
		"Obisk je vodilo Ravnateljstvo norveške službe za zapore (Kriminalomsorgsdirektoratet, KDI).": "Ravnateljstvo norveške službe za zapore",
		"Данните събира Дирекцията при Министерството на правосъдието.":                               "",
		"Program je vodila Uprava za probaciju i mirenje, a partneri su bili suci.":                   "Uprava za probaciju i mirenje",
		"Na české straně spolupracuje Krajské ředitelství policie kraje Vysočina, které vede hlídky.": "Krajské ředitelství policie kraje Vysočina",
		"Die Schulungen gibt die stiftelsen Fontenehuset Oslo in Graz.":                               "Fontenehuset Oslo",
		"Koolitust toetab Haridus- ja Noorteamet koos partneritega.":                                  "Haridus- ja Noorteamet",
		"Cursul a fost aprobat de Inspectoratul General al Poliției Române în 2022.":                  "Inspectoratul General al Poliției Române",
		"Výskum robil Inštitút pre výskum práce a rodiny.":                                            "Inštitút pre výskum práce a rodiny",
	} {
		got := candidateNames(sentence)
		if want != "" && !slices.Contains(got, want) {
			t.Errorf("%q: got %q, want %q among them", sentence, got, want)
		}
	}
	// A sentence's first word is capitalised whatever it is: "Both
	// institutions are part of the administration" names none.
	if got := candidateNames("Spolupracovala Vězeňská služba a Policie České republiky."); slices.Contains(got, "Vězeňská služba a Policie České republiky") {
		t.Errorf("a Czech 'and' joined two bodies: %q", got)
	}
	if got := candidateNames("Oba zavoda sta del uprave, zato nista partnerja."); len(got) != 0 {
		t.Errorf("a sentence-initial word before an inflected head: got %q, want none", got)
	}
	cs := candidates("Obisk je vodilo Ravnateljstvo norveške službe za zapore (Kriminalomsorgsdirektoratet, KDI) iz Osla.")
	if len(cs) == 0 || cs[0].Acronym != "KDI" || cs[0].Alias != "Kriminalomsorgsdirektoratet" {
		t.Errorf("the name in another language and the acronym after a small-letter name: got %+v", cs)
	}
}
