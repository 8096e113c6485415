package ingest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest/entity"
)

// Labels wherever they stand: alone, before a colon, glued to their value,
// after a value of another label, or in a table's header row.
func TestReadLabelLine(t *testing.T) {
	type f = lineField
	for _, c := range []struct {
		line          string
		inFacts, list bool
		want          labelLine
		ok            bool
	}{
		{"Project promoter: Ministry of Justice", false, false, labelLine{fields: []f{{key: keyPromoter, label: "Project promoter", value: "Ministry of Justice"}}}, true},
		{"Target groups", false, false, labelLine{fields: []f{{key: keyTargetGroups, label: "Target groups", bare: true}}}, true},
		{"Status", true, false, labelLine{fields: []f{{key: keyStatus, label: "Status", bare: true}}}, true},
		{"Key action", false, false, labelLine{fields: []f{{key: keyKeyAction, label: "Key action", bare: true}}}, true},
		// A value before a label: a project number glued in front.
		{"HU07-0044 Target group(s): Disabled, Roma", false, false, labelLine{lead: "HU07-0044", fields: []f{{key: keyTargetGroups, label: "Target group(s)", value: "Disabled, Roma"}}}, true},
		// A label glued to its value.
		{"Title of the ProgrammeHome Affairs", false, false, labelLine{fields: []f{{key: keyProgramme, label: "Title of the Programme", value: "Home Affairs"}}}, true},
		// A label glued to a value that begins with a digit.
		{"Numer projektu2022-2-PL01-KA210-ADU-000097142", false, false, labelLine{fields: []f{{key: keyCode, label: "Numer projektu", value: "2022-2-PL01-KA210-ADU-000097142"}}}, true},
		{"Okres realizacji01.03.2023 – 28.02.2025", false, false, labelLine{fields: []f{{key: keyPeriod, label: "Okres realizacji", value: "01.03.2023 – 28.02.2025"}}}, true},
		// A table's header row.
		{"Grant rate Total eligible cost Grant amount", false, false, labelLine{header: true, fields: []f{{key: keyGrantRate, label: "Grant rate"}, {key: keyFinalCost, label: "Total eligible cost"}, {key: keyGrant, label: "Grant amount"}}}, true},
		// Two labels with their values on one line; what joins a value to
		// the next label is no part of it.
		{"Status: Completed Initial cost: €12,000", false, false, labelLine{fields: []f{{key: keyStatus, label: "Status", value: "Completed"}, {key: keyInitialCost, label: "Initial cost", value: "€12,000"}}}, true},
		{"Ministry of Justice - Bulgaria(BG) & Country: BG", false, false, labelLine{lead: "Ministry of Justice - Bulgaria(BG)", fields: []f{{key: keyCountry, label: "Country", value: "BG"}}}, true},
		// A qualifier before the colon belongs to the label.
		{"Total budget/expenditure: EUR 1 118 426.40", false, false, labelLine{fields: []f{{key: keyFinalCost, label: "Total budget/expenditure", value: "EUR 1 118 426.40"}}}, true},
		{"EU Grant (Eur)", false, false, labelLine{fields: []f{{key: keyGrantEU, label: "EU Grant (Eur)", bare: true}}}, true},
		// A label and its value without a colon, when the value is of the
		// label's type.
		{"Programme 2014 - 2020 INTERREG V-A Czech Republic - Poland", false, false, labelLine{fields: []f{{key: keyProgramme, label: "Programme", value: "2014 - 2020 INTERREG V-A Czech Republic - Poland"}}}, true},
		{"Status Completed", true, false, labelLine{fields: []f{{key: keyStatus, label: "Status", value: "Completed"}}}, true},
		// No labels: prose that names one before a colon, a label word
		// before a small-letter word, a role written before a partner in a
		// list, an amount that is no programme.
		{"Participants will be trained on the following topics: law, ethics", false, false, labelLine{}, false},
		{"Partners map", false, false, labelLine{}, false},
		{"Partners (3)", false, false, labelLine{}, false},
		{"Promoter Estonian National Social Insurance Board", true, true, labelLine{}, false},
		{"Norway Grants 2014-2021 | Justice Programme", false, false, labelLine{}, false},
	} {
		got, ok := readLabelLine(c.line, labelsIn(c.line), c.inFacts, c.list)
		if ok != c.ok || ok && !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %+v %v, want %+v %v", c.line, got, ok, c.want, c.ok)
		}
	}
}

// A row of values under a header row: split at tabs or wide spaces, else
// at the typed values it holds.
func TestSplitRow(t *testing.T) {
	for _, c := range []struct {
		row  string
		n    int
		want []string
	}{
		{"90% € 2,224,503", 2, []string{"90%", "€ 2,224,503"}},
		{"90% € 1,244,890 € 1,120,401", 3, []string{"90%", "€ 1,244,890", "€ 1,120,401"}},
		{"CZ-JUSTICE-0012\tJustice\tCorrectional Services\tfinished", 4, []string{"CZ-JUSTICE-0012", "Justice", "Correctional Services", "finished"}},
		{"1. 7. 2020  30. 4. 2024", 2, []string{"1. 7. 2020", "30. 4. 2024"}},
		{"one two three", 2, nil},
	} {
		if got := splitRow(c.row, c.n); !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitRow(%q, %d) = %q, want %q", c.row, c.n, got, c.want)
		}
	}
}

// A tab-separated header row: every cell begins with a label.
func TestTabHeader(t *testing.T) {
	got, ok := tabHeader("Total eligible cost (CZK)\tGrant (CZK)\tPartners in the Czech Republic")
	if !ok || len(got) != 3 || got[0].key != keyFinalCost || got[1].key != keyGrant || got[2].key != keyPartners {
		t.Errorf("header: %+v %v", got, ok)
	}
	if _, ok := tabHeader("Oslo\tBergen\tTrondheim"); ok {
		t.Error("cells without labels read as a header")
	}
}

// The cheap test before the label finder says yes to every line the finder
// finds a label in.
func TestMayHoldLabelAgreesWithTheFinder(t *testing.T) {
	lines := 0
	for _, text := range testSheetTexts(t) {
		for line := range strings.SplitSeq(text, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || mayHoldLabel(line) {
				continue
			}
			lines++
			if ll, ok := readLabelLine(line, labelsIn(line), true, false); ok {
				t.Errorf("%q holds %+v, but mayHoldLabel says no", line, ll)
			}
		}
	}
	if lines < 100 {
		t.Errorf("only %d lines were skipped: the test tests little", lines)
	}
}

// A label the lexicon does not know is read by its words' stems, in the
// pages' languages; the value must then have the field's type.
func TestLabelByStem(t *testing.T) {
	for label, want := range map[string]string{
		"Organizație beneficiară":             keyPromoter,
		"Wnioskodawca":                        keyPromoter,
		"Förderfähige Kosten":                 keyFinalCost,
		"Kwota dofinansowania":                keyGrant,
		"Okres realizacji projektu":           keyPeriod,
		"Partnerzy z Norwegii":                keyDonorPartners,
		"Partneri projektu":                   keyPartners,
		"Registrační číslo":                   keyCode,
		"Kofinancovanie zo štátneho rozpočtu": keyIgnored,
		"Objective":                           "",
		"Summary of the activities":           "",
	} {
		if got := labelByStem(label); got != want {
			t.Errorf("labelByStem(%q) = %q, want %q", label, got, want)
		}
	}
	// The value's type chooses among the fields a label's stems name.
	for _, c := range []struct{ label, value, want string }{
		{"Tilskudd fra Norway Grants", "969 000 euro", keyGrant},
		{"Partnerzy z Norwegii", "Politihøgskolen", keyDonorPartners},
		{"Partnerzy z Norwegii", "", keyDonorPartners},
	} {
		if got := labelByStemFor(c.label, c.value); got != c.want {
			t.Errorf("labelByStemFor(%q, %q) = %q, want %q", c.label, c.value, got, c.want)
		}
	}
	s := parsed(t, "A prison project\n\nWnioskodawca: Fundacja Nowa Droga\nNumber of participants: 45\nKwota dofinansowania: PLN 1 200 000\n\nThe foundation trains 45 mentors for young people who leave prison.\n")
	if got := s.Value(keyPromoter); got != "Fundacja Nowa Droga" {
		t.Errorf("promoter %q", got)
	}
	if got := s.Value(keyGrant); got != "PLN 1 200 000" {
		t.Errorf("grant %q", got)
	}
	if got := s.Value(keyCode); got != "" {
		t.Errorf("a count read as a project number: %q", got)
	}
}

// A line of labels and values glued together, as a PDF's text gives them.
func TestGluedLabels(t *testing.T) {
	ll, ok := gluedLabels("Titlu proiect:Pași spre casăNumăr proiect:2022-2-RO01-KA210-YOU-000098437Beneficiar:Centrul de Detenție CraiovaParteneri:Justizanstalt Gerasdorf (Austria)Perioada:01.03.2023 – 31.08.2024")
	want := []lineField{{key: keyTitle, label: "Titlu proiect", value: "Pași spre casă"}, {key: keyCode, label: "Număr proiect", value: "2022-2-RO01-KA210-YOU-000098437"},
		{key: keyPromoter, label: "Beneficiar", value: "Centrul de Detenție Craiova"}, {key: keyPartners, label: "Parteneri", value: "Justizanstalt Gerasdorf (Austria)"},
		{key: keyPeriod, label: "Perioada", value: "01.03.2023 – 31.08.2024"}}
	if !ok || !reflect.DeepEqual(ll.fields, want) {
		t.Errorf("got %+v %v", ll.fields, ok)
	}
	if _, ok := gluedLabels("Note: this is prose: with colons: here"); ok {
		t.Error("prose with colons read as labels")
	}
}

// A label in two languages reads as the side the lexicon or its stems
// know; a title after it keeps its first language.
func TestBilingualLabel(t *testing.T) {
	for in, want := range map[string]string{
		"Žadatel / Wnioskodawca:": "Wnioskodawca:",
		"Název mikroprojektu / Tytuł mikroprojektu: Bezpečně / Bezpiecznie":           "Název projektu: Bezpečně",
		"Registrační číslo / Numer rejestracyjny: CZ.11.4.120/0.0/0.0/16_009/0002417": "Registrační číslo: CZ.11.4.120/0.0/0.0/16_009/0002417",
		"Dotace z EFRR / Dofinansowanie z EFRR:":                                      "Dotace z EFRR:",
		"Prioritní osa / Oś priorytetowa:":                                            "",
		"Prevention / intervention in prisons":                                        "",
	} {
		got, ok := bilingualLabel(in)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("bilingualLabel(%q) = %q, want %q", in, got, want)
		}
	}
	if c := codeCountry("CZ.11.4.120/0.0/0.0/16_009/0002417"); c != "CZ" {
		t.Errorf("country of a dotted registration number: %q", c)
	}
}

// A known label with words that say which of its kind, before or after
// it, is that label: the partners in one country, the donor state's
// partners (a list set apart by semicolons); a co-financing is no field.
func TestQualifiedLabels(t *testing.T) {
	for line, want := range map[string]string{
		"Projekta partneri Latvijā: Rīgas Stradiņa universitāte; Rīgas centrs":                         keyPartners,
		"Donorvalsts projekta partneri: Norvēģijas Korekcijas dienesta direktorāts (KDI); Oslo birojs": keyDonorPartners,
		"- Call for presentations: CEP Conference on probation":                                        "",
		"Call for presentations: CEP Conference on probation":                                          "",
	} {
		f, ok := qualifiedLabel(line)
		if got := f.key; !ok && want != "" || ok && got != want {
			t.Errorf("qualifiedLabel(%q) = %q, %v; want %q", line, got, ok, want)
		}
	}
	if k := labelByStemFor("Valsts budžeta līdzfinansējums", "176 470 EUR"); k != keyIgnored {
		t.Errorf("a co-financing label read as %q", k)
	}
}

// A partner line of names set apart by commas, each a local body whose
// head a language writes in small letters, is that many partners; one
// name with its address stays one.
func TestPartnerListWithSmallHeads(t *testing.T) {
	got := splitList(keyPartners, "Općinski kazneni sud u Rijeci, Županijski sud u Osijeku, Norveška sudska uprava (Domstoladministrasjonen)")
	if len(got) != 3 {
		t.Errorf("got %q, want three partners", got)
	}
	if got := splitList(keyPartners, "Alternative to Violence (ATV), Oslo"); len(got) != 1 {
		t.Errorf("a name and its town: got %q", got)
	}
}

// The promoter's label in more of the pages' languages.
func TestPromoterLabels(t *testing.T) {
	for _, label := range []string{"Toetuse saaja", "Porteur du projet", "Projekta iesniedzējs", "Vedúci partner", "Vodilni partner", "Vezető partner"} {
		if k := labelByStem(label); k != keyPromoter {
			t.Errorf("labelByStem(%q) = %q, want the promoter", label, k)
		}
	}
}

// A sentence that says partners follow, above a numbered list of names,
// is their label; the items lose their numbers.
func TestPartnersAfterALeadSentence(t *testing.T) {
	text := "Projekt Hodočašće\n\nO PROJEKTU\n\nProjekt traje dvije godine i uključuje tri radionice.\n\nProjekt provodi konzorcij od tri partnera iz dvije zemlje:\n  1. Universiteit Gent, Belgija – koordinator projekta\n  2. Univerza v Mariboru, Slovenija\n  3) Mykolas Romeris University, Litva\n\nRezultati projekta bit će javno dostupni.\n"
	s, _ := Parse("lead.txt", []byte(text))
	var got []string
	for _, f := range s.Fields {
		if f.Key == keyPartners {
			got = append(got, f.Values...)
		}
	}
	want := []string{"Universiteit Gent, Belgija – koordinator projekta", "Univerza v Mariboru, Slovenija", "Mykolas Romeris University, Litva"}
	if !slices.Equal(got, want) {
		t.Errorf("partners %q, want %q", got, want)
	}
	// A sentence with a colon above a list of work is no label.
	s, _ = Parse("work.txt", []byte("Projekt\n\nO PROJEKTU\n\nPartneri će u dvije godine zajedno izraditi:\n  1. zajednički studijski modul\n  2. priručnik za mentore\n"))
	for _, f := range s.Fields {
		if f.Key == keyPartners {
			t.Errorf("a list of work read as partners: %q", f.Values)
		}
	}
	for line, want := range map[string]string{"1. Universiteit Gent": "Universiteit Gent", "12) Police Academy": "Police Academy", "b) Kriminalomsorgen": "Kriminalomsorgen", "• KRUS": "KRUS", "2024. godine": "", "1. zajednički modul": ""} {
		if got, _ := listItem(line); got != want {
			t.Errorf("listItem(%q) = %q, want %q", line, got, want)
		}
	}
}

// A word for a role stacked above an organisation's name, with blank lines
// around, is the label of that name; a name stacked above its town is
// none.
func TestStackedRoleLabel(t *testing.T) {
	for _, c := range []struct {
		text, label string
		want        []string
	}{
		{"Uusi alku -hanke\n\nHanke tukee vankeja vapautumisen jälkeen ja kehittää uusia työmuotoja yhdessä kuntien kanssa.\n\nKoordinaattori\nRikosseuraamuslaitos\n\nHankkeessa kokeillaan vertaistukea kolmessa vankilassa vuosina 2023 ja 2024.\n", keyPromoter, []string{"Rikosseuraamuslaitos"}},
		{"Re-entry Lab\n\nThe project supports people in the months after release from prison.\n\nStichting Exodus Nederland\nUtrecht, the Netherlands\n\nThe partners meet twice a year to compare their pilots.\n", "", nil},
	} {
		s := parsed(t, c.text)
		var got []string
		for _, f := range s.Fields {
			if f.Label == "Stichting Exodus Nederland" {
				t.Errorf("a name above its town read as a label of %s", f.Key)
			}
			if f.Key == c.label {
				got = append(got, f.Values...)
			}
		}
		if c.label != "" && !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.label, got, c.want)
		}
	}
}

// Inside a list of organisations, a line whose stems name a typed field,
// above a line of that type, is its label: the project's reference after
// the partners is no partner.
func TestTypedLabelAfterAPartnerList(t *testing.T) {
	text := "Återvändo: stöd efter frigivning\n\nStartdatum\n2023-09-01\nSamordnare\nKriminalvården\nPartner\nRikosseuraamuslaitos\nKriminalomsorgen\nProjektreferens\n2023-1-SE01-KA220-ADU-000151234\n\nBeskrivning\nProjektet stöder personer som friges från fängelse.\n"
	s := parsed(t, text)
	got := fieldValues(s)
	if want := []string{"Rikosseuraamuslaitos", "Kriminalomsorgen"}; !slices.Equal(got[keyPartners], want) {
		t.Errorf("partners %q, want %q", got[keyPartners], want)
	}
	if want := []string{"2023-1-SE01-KA220-ADU-000151234"}; !slices.Equal(got[keyCode], want) {
		t.Errorf("code %q, want %q", got[keyCode], want)
	}
}

// A value of another field's form in a list of organisations is no
// organisation.
func TestNoOrganisationOfAnotherFieldsForm(t *testing.T) {
	for raw, want := range map[string]bool{"2023-1-SE01-KA220-ADU-000151234": false, "€ 250,000": false, "01.09.2023": false, "1.9.2023 – 31.8.2025": false, "Kriminalvården": true, "Stichting Exodus Nederland": true} {
		if _, ok := cleanFact(raw, partnergraph.RoleProjectPartner, true, partnergraph.Evidence{}); ok != want {
			t.Errorf("cleanFact(%q) kept %v, want %v", raw, ok, want)
		}
	}
}

// Label lines: each label alone on its line above its value, no blank line
// between, read by the lexicon or by the stems of the page's language; a
// run that opens with a value writes values above labels, and a line under
// a label with a colon is that label's value.
func TestLabelLines(t *testing.T) {
	text := "Uusi alku vapautuville\nOhjelma\nErasmus+\nAlkamispäivä\n1.9.2023\nPäättymispäivä\n31.8.2025\nEU:n avustus\n250 000 €\nKoordinaattori\nRikosseuraamuslaitos\nKumppanit\nKriminalvården\nKriminalomsorgen\nHankkeen tunniste\n2023-1-FI01-KA220-ADU-000151299\n\nKuvaus\nHanke tukee vankeja vapautumisen jälkeen.\n"
	s := parsed(t, text)
	got := fieldValues(s)
	for key, want := range map[string][]string{
		keyProgramme: {"Erasmus+"}, keyStartDate: {"1.9.2023"}, keyEndDate: {"31.8.2025"}, keyGrant: {"250 000 €"},
		keyPromoter: {"Rikosseuraamuslaitos"}, keyPartners: {"Kriminalvården", "Kriminalomsorgen"}, keyCode: {"2023-1-FI01-KA220-ADU-000151299"},
	} {
		if !slices.Equal(got[key], want) {
			t.Errorf("%s = %q, want %q", key, got[key], want)
		}
	}
	lines := func(text string) []line {
		var out []line
		for _, t := range strings.Split(text, "\n") {
			out = append(out, line{text: t})
		}
		return out
	}
	for _, c := range []struct {
		text string
		want []int
	}{
		{"EUR 3.46 million\nTotal budget\nEUR 2.41 million\nERDF\nEUR 0.29 million\nDuration\n01.01.2024 - 31.12.2026", nil},
		{"The project is carried out in:\nHarju County\nProgramme:\nJustice\nStartdatum\n2023-09-01\nSlutdatum\n2025-08-31", nil},
		{"Titel\nÅtervändo\nStartdatum\n2023-09-01\nSlutdatum\n2025-08-31", []int{0, 2, 4}},
	} {
		var got []int
		for i := range labelLines(lines(c.text)) {
			got = append(got, i)
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("labelLines(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// A label whose value is a period written with dotted dates ("1. 12.
// 2023. – 30. 11. 2026.") is a label, not a sentence; the dates are no
// explanation of the label.
func TestDottedDatesAfterALabel(t *testing.T) {
	if explanation("1. 12. 2023. – 30. 11. 2026.") || !explanation("Bewilligte EU-Mittel in Euro für alle Projektträger.") {
		t.Error("explanation: dotted dates are no sentence; a sentence in small letters is")
	}
	s := parsed(t, "Projekt X\n\nBroj ugovora: 2023-1-BE02-KA220-HED-000162218\nTrajanje projekta: 1. 12. 2023. – 30. 11. 2026.\nOdsjek: Odsjek za kriminologiju\n")
	if got := s.Value(keyPeriod); got != "1. 12. 2023. – 30. 11. 2026." {
		t.Errorf("period %q", got)
	}
}

// The Union's co-financing is the grant; anyone else's is no field.
func TestEUCofinancingIsTheGrant(t *testing.T) {
	for label, want := range map[string]string{
		"Cofinancement UE (FEDER et IAP)": keyGrant, "ERFA társfinanszírozás": keyGrant, "Interreg funding": keyGrant,
		"Valsts budžeta līdzfinansējums": keyIgnored, "Co-financing": keyIgnored,
	} {
		if got := labelByStemFor(label, "1 990 120,00 €"); got != want {
			t.Errorf("labelByStemFor(%q) = %q, want %q", label, got, want)
		}
	}
}

// A stacked label of up to six words above an amount or a date is read
// as the label it is.
func TestLongStackedLabelAboveATypedValue(t *testing.T) {
	s := parsed(t, "Fiche projet\n\nDurée\n24 mois\n\nMontant de la subvention Erasmus+\n60 000 €\n\nLe projet forme des bénévoles qui visitent des personnes détenues.\n")
	if got := s.Value(keyGrant); got != "60 000 €" {
		t.Errorf("grant %q", got)
	}
}

// A funding period before or after a programme's name is no part of it.
func TestProgrammeWithoutItsPeriod(t *testing.T) {
	for in, want := range map[string]string{
		"Interreg Maďarsko – Slovensko 2021 – 2027":        "Interreg Maďarsko – Slovensko",
		"2014 - 2020 INTERREG V-A Czech Republic - Poland": "INTERREG V-A Czech Republic - Poland",
		"Interreg South Baltic (2021-2027)":                "Interreg South Baltic",
		"Justice":                                          "Justice",
	} {
		if got := replaceIfAny(programmePeriod, in, ""); got != want {
			t.Errorf("%q -> %q, want %q", in, got, want)
		}
	}
}

// Amounts in prose with the scale words of the pages' languages, and the
// grant's cue in its other cases.
func TestAmountsWithScaleWordsInProse(t *testing.T) {
	got := amountsIn("Wartość dofinansowania z Unii Europejskiej wynosi 400 tys. euro, a cały projekt kosztuje 1,86 mil. eur.")
	if len(got) != 2 || got[0].what != "grant" || got[0].a.v != 400000 || got[1].what != "cost" || got[1].a.v != 1860000 {
		t.Errorf("%+v", got)
	}
	for in, want := range map[string]int64{"118 tisíc eur": 118000, "45 tysięcy złotych": 45000, "300 mii de euro": 300000} {
		if a, _, err := parseMoney(in); err != nil || a != want {
			t.Errorf("parseMoney(%q) = %d, %v", in, a, err)
		}
	}
}

// An amount from the European Regional Development Fund, or any European
// fund, named by its acronym or its name's words before or after it, is
// the grant; "federal" is no FEDER.
func TestAmountsFromAEuropeanFund(t *testing.T) {
	for text, want := range map[string][2]string{
		"Die Gesamtkosten betragen rund 1,86 Millionen Euro, davon kommen rund 1,49 Millionen Euro aus dem Europäischen Fonds für regionale Entwicklung.": {"cost", "grant"},
		"450 000 Eur, iš jų ERPF lėšos – 360 000 Eur.":                                                {"", "grant"},
		"Le budget est de 2 000 000 €, dont 1 600 000 € du Fonds européen de développement régional.": {"cost", "grant"},
	} {
		got := amountsIn(text)
		if len(got) != 2 || got[0].what != want[0] || got[1].what != want[1] {
			t.Errorf("amountsIn(%q) = %+v, want %q", text, got, want)
		}
	}
	for _, w := range []string{"federal", "federación", "federazione", "föderal"} {
		for _, c := range euFundCues {
			if strings.Contains(w, c) {
				t.Errorf("the cue %q is in %q", c, w)
			}
		}
	}
}

// Months in more of the pages' languages and cases, and a period in
// words read from them.
func TestMonthsInMoreLanguages(t *testing.T) {
	for w, want := range map[string]int{"juni": 6, "juli": 7, "mars": 3, "maart": 3, "marz": 3, "dubnu": 4, "cervnu": 6, "cervenci": 7, "srpnu": 8, "rijnu": 10, "desember": 12, "dezember": 12, "majus": 5, "szeptember": 9, "avgusta": 8} {
		if got := monthOf(w); got != want {
			t.Errorf("monthOf(%q) = %d, want %d", w, got, want)
		}
	}
	for s, want := range map[string][2]string{
		"Prosjektperioden løper fra 1. juni 2019 til 30. april 2024.":                              {"2019-06-01", "2024-04-30"},
		"Projekt běží od ledna 2021 a skončit musí v dubnu 2024, takže nás tlačí čas.":             {"2021-01-01", "2024-04-30"},
		"Projekts uzsākts 2018. gada oktobrī, un tam jābūt pabeigtam līdz 2024. gada 30. aprīlim.": {"2018-10-01", "2024-04-30"},
		"Het project loopt van 1 januari 2024 tot en met 31 december 2026.":                        {"2024-01-01", "2026-12-31"},
		"Projekt je započeo 1. prosinca 2023., završava 30. studenoga 2025.":                       {"2023-12-01", "2025-11-30"},
		"Verkefnið stendur yfir frá 1. mars til 31. desember 2023.":                                {"2023-03-01", "2023-12-31"},
		"Il progetto va dal 1 novembre al 28 febbraio 2025.":                                       {"2024-11-01", "2025-02-28"},
	} {
		if a, b, ok := periodInWords(s); !ok || a != want[0] || b != want[1] {
			t.Errorf("periodInWords(%q) = %s, %s, %v", s, a, b, ok)
		}
	}
}

// Two dashes around an aside end no clause: the role before them reaches
// the names after them.
func TestPairedDashesAreAnAside(t *testing.T) {
	s := "Koordynatorem jest X, a partnerami – obok Akademii Policji w Szczytnie – są: Akademia Policyjna w Pradze oraz Kolegium Policji."
	pos := strings.Index(s, "Akademia Policyjna")
	if a, _ := clauseAround(s, pos); a > strings.Index(s, "partnerami") {
		t.Errorf("the clause of %q begins at %d, after the partner word", s[pos:], a)
	}
	s = "The prison staff were trained – the probation officers were not – by Kriminalomsorgen."
	if a, _ := clauseAround(s, strings.Index(s, "Kriminalomsorgen")); a != 0 {
		t.Errorf("paired dashes: clause begins at %d", a)
	}
	s = "Partners trained staff – KRUS shared its material."
	if a, _ := clauseAround(s, strings.Index(s, "KRUS")); a == 0 {
		t.Error("a single dash ends a clause")
	}
}

// An e-mail's offer to open it in a browser and a speech's salutation are
// no titles.
func TestBrowserLineAndSalutationAreNoTitles(t *testing.T) {
	for _, c := range []struct{ text, title string }{
		{"Kan du ikke se nyhedsbrevet korrekt? Åbn det i din browser\n\nUNG ØRESUND\n\nNyhedsbrev nr. 3\n", "UNG ØRESUND"},
		{"Уважаеми господин Посланик,\n\nПроект „Сигурен дом“\n\nДнес откриваме центъра.\n", "Проект „Сигурен дом“"},
	} {
		s := parsed(t, c.text)
		if s.Title != c.title {
			t.Errorf("title %q, want %q", s.Title, c.title)
		}
	}
}

// "Norra toetused" (Estonian), "Norgesmidlene" (Norwegian) and "Norských
// fondů" (Czech) name Norway Grants, "Uppbyggingarsjóður EES" (Icelandic)
// the EEA Grants; the Norwegian "EØS-midlene" names both grants and picks
// neither.
func TestFunderInMoreLanguages(t *testing.T) {
	for text, want := range map[string]string{
		"Algatust rahastati Norra toetuste kahepoolsete suhete fondist.":        "funder:norway-grants",
		"Prosjektet er finansiert av EØS-midlene og ledes av Kriminalomsorgen.": "",
		"Norgesmidlene dekker kostnadene ved besøket i Vilnius.":                "funder:norway-grants",
		"Verkefnið er styrkt af Uppbyggingarsjóði EES.":                         "funder:eea-grants",
		"Projekt je financován z Norských fondů 2014–2021.":                     "funder:norway-grants",
	} {
		if got := funderInText(text); got != want {
			t.Errorf("funderInText(%q) = %q, want %q", text, got, want)
		}
	}
}

// A head noun in small letters after a capitalised word, before a quoted
// name, is one organisation's name with it.
func TestQuotedNameAfterASmallHead(t *testing.T) {
	s := "Проектът се изпълнява от Главна дирекция „Борба с организираната престъпност“ по Програма „Вътрешни работи“."
	names := candidateNames(s)
	if !slices.Contains(names, "Главна дирекция „Борба с организираната престъпност“") {
		t.Errorf("candidates %q", names)
	}
}

// A name beside a small-letter noun of its kind in another case, and the
// Danish heads of colleges, police and cities.
func TestKindNounInItsCasesAndNordicHeads(t *testing.T) {
	names := candidateNames("u partnerstvu s nizozemskom organizacijom Slachtofferhulp Nederland i drugima")
	if !slices.Contains(names, "Slachtofferhulp Nederland") {
		t.Errorf("candidates %q", names)
	}
	for _, w := range []string{"Professionshøjskole", "Politi", "stad", "organizacija"} {
		if !entity.IsHead(w) {
			t.Errorf("IsHead(%q) = false", w)
		}
	}
}

// A Greek article before a name is no part of it, and "και" (and) joins
// the words of a ministry's remit.
func TestGreekArticleAndConjunction(t *testing.T) {
	names := candidateNames("Το Υπουργείο Δικαιοσύνης και Δημοσίας Τάξεως ανακοινώνει ότι εγκρίθηκε.")
	if !slices.Equal(names, []string{"Υπουργείο Δικαιοσύνης και Δημοσίας Τάξεως"}) {
		t.Errorf("candidates %q", names)
	}
}

// An amount's cue words are the ones after the amount before it; Finnish
// euros and Norwegian and Finnish cost and grant words.
func TestCueWordsOfEachAmount(t *testing.T) {
	for s, want := range map[string][]string{
		"Prosjektet har en samlet ramme på om lag 36,2 millioner euro, hvorav 30,8 millioner euro er tilskudd fra Norge.": {"cost 36200000", "grant 30800000"},
		"Hankkeen EU-rahoitus oli 250 000 euroa, ja kokonaisbudjetti 312 500 euroa.":                                      {"grant 250000", "cost 312500"},
	} {
		var got []string
		for _, x := range amountsIn(s) {
			got = append(got, fmt.Sprintf("%s %d", x.what, x.a.v))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", s, got, want)
		}
	}
}

// An event's agenda under "Program" is no funding programme.
func TestAgendaIsNoProgramme(t *testing.T) {
	for v, want := range map[string]bool{"09:00 – 09:30 Registracija sudionika 09:30 – 10:00 Pozdravni govori": true, "13.30 Welkom 13.40 Wat vertellen": true,
		"Interreg VI-A Nederland-Vlaanderen": false, "Justice 2014-2021": false, "Korekcijas dienesti": false} {
		if got := agendaTimes.MatchString(v); got != want {
			t.Errorf("agendaTimes(%q) = %v", v, got)
		}
	}
}

// parsed parses a sheet's text and fails the test when it cannot.
func parsed(t *testing.T, text string) *Sheet {
	t.Helper()
	s, err := Parse("sheet.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fieldValues are the values of a sheet's fields by key.
func fieldValues(s *Sheet) map[string][]string {
	out := map[string][]string{}
	for _, f := range s.Fields {
		out[f.Key] = append(out[f.Key], f.Values...)
	}
	return out
}
