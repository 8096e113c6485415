package ingest

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A table of organisations: the columns are read from the cells' types
// (countries, roles, names), not from the header's words.
func TestRosterTables(t *testing.T) {
	cases := []struct {
		name string
		text string
		want map[int]string
	}{
		{"header in a language nobody described, role column",
			"Partnerji\nOrganizacija\tDržava\tVloga\nUprava za probacijo\tSlovenija\tkoordinator\nKriminalomsorgen region sør\tNorveška\tpartner\n",
			map[int]string{1: "", 2: "Coordinator: Uprava za probacijo (Slovenia)", 3: "Partner: Kriminalomsorgen region sør (Norway)"}},
		{"no header row",
			"Fundacja Dom Nadziei\tPoland\tLead partner\nStiftelsen Fontenehuset\tNorway\tPartner\n",
			map[int]string{0: "Coordinator: Fundacja Dom Nadziei (Poland)", 1: "Partner: Stiftelsen Fontenehuset (Norway)"}},
		{"no role column: the header says whose names",
			"Partners\tCountry\nAssociazione Lavoro Dentro\tItaly\nZavod Korak Naprej\tSlovenia\n",
			map[int]string{0: "", 1: "Partner: Associazione Lavoro Dentro (Italy)", 2: "Partner: Zavod Korak Naprej (Slovenia)"}},
		{"cells between bars, the heading above says whose names",
			"Partnerszervezetek\nSzervezet | Ország | Város\nVerein Neue Wege | Ausztria | Graz\nZavod Korak | Szlovénia | Maribor\n",
			map[int]string{1: "", 2: "Partner: Verein Neue Wege (Austria)", 3: "Partner: Zavod Korak (Slovenia)"}},
		{"a menu between bars is no table",
			"Home | Projects | News\nAbout | Contact | Search\n",
			nil},
		{"no role column and a header that does not say",
			"Name\tCountry\nAssociazione Lavoro Dentro\tItaly\nZavod Korak Naprej\tSlovenia\n",
			nil},
		{"a facts table is no roster",
			"Akronim\tNaziv projekta\tTrajanje\nKORAK\tNovi začetki\t1. 1. 2022 – 31. 12. 2023\n",
			nil},
		{"one row only",
			"Zavod Korak Naprej\tSlovenia\tPartner\n",
			nil},
	}
	for _, c := range cases {
		got := rosterTables(splitLines(c.text))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// A tab header row: labels the lexicon knows or their words' stems read,
// with an unknown cell among them; a cell read by its stems whose value
// is not of the field's type stays unknown.
func TestTabHeaderByStems(t *testing.T) {
	page := "Projekt KORAK\n\nOsnovni podatki\n" +
		"Akronim\tNaziv projekta\tŠtevilka pogodbe\tTrajanje\tVrednost (EUR)\tStanje\n" +
		"KORAK\tNovi začetki po prestani kazni\t2022-1-SI01-KA220-ADU-000012345\t1. 12. 2022 – 30. 11. 2024\t120.000,00\tzaključen\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		keyTitle: "Novi začetki po prestani kazni", keyCode: "2022-1-SI01-KA220-ADU-000012345",
		keyPeriod: "1. 12. 2022 – 30. 11. 2024", keyFinalCost: "120.000,00", keyStatus: "zaključen",
	} {
		if got := s.Value(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if _, ok := tabHeader("Akronim\tOpis\tTrajanje"); ok {
		t.Error("a header with one known cell in three read as a table's header")
	}
}

// A printed page's running header and footer are no title and no fact.
func TestRunningLines(t *testing.T) {
	text := "Fundacja Nowy Start          Karta projektu | EEA Grants\n" +
		"Stowarzyszenie X – Kraków                     strona 1/2\n\nDRUGA SZANSA\n" +
		"Numer projektu      PL-JUSTICE-0099\n" +
		"Stan: maj 2023                              strona 1/2\n" +
		"Stan: maj 2023                              strona 1/2\n"
	got := runningLines(splitLines(text))
	want := map[int]bool{0: true, 1: true, 5: true, 6: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	s, err := Parse("x.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "DRUGA SZANSA" {
		t.Errorf("title %q", s.Title)
	}
}

// A title stands below the page's navigation, not among the site's names
// above it; a name with a subtitle after a dash is a title.
func TestTitleBelowNavigation(t *testing.T) {
	for _, c := range []struct{ page, want string }{
		{"Correctional Services Agency\nAġenzija għas-Servizzi Korrettivi\nHome | About | Projects | Contact\nHome > Projects > Erasmus+\n\n" +
			"Reading Together – Staff Mobility 2024\n\nProject number: 2024-1-MT01-KA122-ADU-000123456\n\n" +
			"The agency sent eleven teachers to two prisons abroad to learn how reading groups are run with people in custody.\n",
			"Reading Together – Staff Mobility 2024"},
		{"Фондация Пример\nЗа нас | Проекти | Контакти\nНачало › Проекти\n\nСигурен дом – координирана подкрепа за пострадали в Пловдив\n\n" +
			"Проектът създаде екип, който поема случая от първото обаждане и координира всички институции около пострадалата.\n",
			"Сигурен дом – координирана подкрепа за пострадали в Пловдив"},
		// A skip link in Danish, the site's name, a cookie banner above the
		// breadcrumb, and a question heading below the title.
		{"Gå til hovedindhold\nByens Fængsel\nMenu\n\nVi bruger cookies til statistik. Læs mere om cookies her.\n[Tillad]\n\nForside › Projekter › Erasmus+\n\n" +
			"Læsning bag murene 2024\n\nSkolen har fået støtte til at sende seks undervisere til to fængsler i udlandet.\n\nHvorfor læse sammen?\nFordi det virker.\n",
			"Læsning bag murene 2024"},
		// A menu and a language switch set with spaces, and a print
		// button's word glued to the heading the breadcrumb names.
		{"Ministry of the Interior\nHome   About us   Projects   News   Contact\nEN  LV\n\nHome / Projects / Safer Roads at Night\n\n" +
			"Safer Roads at NightPrint\n\nProject number: LV-HOME-0042\n\nThe project trains patrol officers to stop drivers at night.\n",
			"Safer Roads at Night"},
	} {
		s, err := Parse("x.txt", []byte(c.page))
		if err != nil {
			t.Fatal(err)
		}
		if s.Title != c.want {
			t.Errorf("title %q, want %q", s.Title, c.want)
		}
	}
}

// A numbered label is one of a list, up to its colon; the second
// beneficiary of a project is a partner. A bulleted line of work is no
// name under no label.
func TestNumberedLabelsAndListItems(t *testing.T) {
	page := "SAFE-PORT\n\nLead Beneficiary (LB): Constanța County Police Inspectorate\nBeneficiary 2 (B2): Varna Regional Directorate\nPartner nr. 3: Black Sea Maritime Academy\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range s.Fields {
		got = append(got, f.Key+"="+f.Label+"="+strings.Join(f.Values, ";"))
	}
	want := []string{"promoter=Lead Beneficiary (LB)=Constanța County Police Inspectorate", "partners=Beneficiary 2 (B2)=Varna Regional Directorate", "partners=Partner nr. 3=Black Sea Maritime Academy"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields %q, want %q", got, want)
	}
	for v, want := range map[string]bool{
		"• Joint training course on identifying presumed victims at the border;": true,
		"• Black Sea Maritime Academy":                                           false, "Black Sea Maritime Academy;": false,
		"• 112 деца участваха в групи в Център Надя": true,
	} {
		if got := listSentence(v); got != want {
			t.Errorf("listSentence(%q) = %v, want %v", v, got, want)
		}
	}
}

// A project number in the text counts as the page's own after words the
// labels' stems read as a number's, in any language.
func TestCodeWordBefore(t *testing.T) {
	for before, want := range map[string]bool{
		"a projekt azonosítója ": true, "číslo projektu ": true, "numer projektu: ": true,
		"builds on the results of ": false, "": false,
	} {
		if got := codeWordBefore(before); got != want {
			t.Errorf("codeWordBefore(%q) = %v, want %v", before, got, want)
		}
	}
	page := "Új kezdet\n\nDescription\n\n" + strings.Repeat("A projekt a fogvatartottak munkába állását segíti a szabadulás után, képzésekkel és mentorokkal. ", 8) +
		"A projekt azonosítója HU-JUSTICE-0007, a támogatás a Norvég Finanszírozási Mechanizmusból érkezik.\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := codeInText(s); got != "HU-JUSTICE-0007" {
		t.Errorf("code %q", got)
	}
}

// A programme a sentence names, its name in quotes after a programme word.
func TestProgrammeInProse(t *testing.T) {
	page := "Trygg hjem\n\nDescription\n\nProsjektet er finansiert gjennom programmet «Domáce a rodovo podmienené násilie» i Slovakia, og det varer i tre år.\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := programmeInProse(s); got != "Domáce a rodovo podmienené násilie" {
		t.Errorf("programme %q", got)
	}
	s, _ = Parse("x.txt", []byte("Trygg hjem\n\nDescription\n\nThe EEA and Norway Grants programme \"Justice\" is run by the ministry; the project is one of its grants.\n"))
	if got := programmeInProse(s); got != "Justice" {
		t.Errorf("programme %q", got)
	}
}

// The lines that make a site's head: menus set with spaces, language
// switches, cookie banners; and words for a project inside compounds.
func TestHeadFurniture(t *testing.T) {
	for line, want := range map[string]bool{
		"Home   About   Partners   Results   News":              true,
		"Home    About    Partners    News        EN | ES | HU": true,
		"EN  NL  PL  PT": true,
		"LV | EN":        true,
		"Grant rate   Total eligible cost   90%   € 2,224,503": false,
		"Project number:   LV-HOME-0042":                       false,
		"The project trains officers.":                         false,
	} {
		if got := spacedMenu(line); got != want {
			t.Errorf("spacedMenu(%q) = %v, want %v", line, got, want)
		}
	}
	if !cookieNotice("Ta strona korzysta z plików cookie.") || cookieNotice("The project trains officers.") {
		t.Error("cookieNotice")
	}
	for w, want := range map[string]bool{"mobilitetsprojektet": true, "kooperationsprojekt": true, "projektleder": true, "subject": false, "objekt": false} {
		if got := isProjectWord(w); got != want {
			t.Errorf("isProjectWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// A skip link is told by its words, whatever bytes its letters take; a
// cell of country names is no role.
func TestSkipLinkAndCountryCells(t *testing.T) {
	if !skipLink("Μετάβαση στο περιεχόμενο") || !skipLink("Gå til hovedindhold") || skipLink("Δεύτερη ευκαιρία") {
		t.Error("skipLink")
	}
	if r := roleOfCell("Iceland Liechtenstein Norway"); r != "" {
		t.Errorf("a cell of donor states read as the role %q", r)
	}
	// The coordinator's word in Portuguese and Polish as well.
	for _, c := range []string{"Coordenador", "Koordynator", "Coordinador"} {
		if r := roleOfCell(c); r != keyPromoter {
			t.Errorf("roleOfCell(%s) = %q", c, r)
		}
	}
	if r := roleOfCell("Lead partner"); r != keyPromoter {
		t.Errorf("roleOfCell(Lead partner) = %q", r)
	}
}

// A heading that says the facts follow opens the facts block, so the
// labels stacked above their values under it are read.
func TestFactsHeadingOpensFacts(t *testing.T) {
	page := "Interreg\nProgram   Projektek   Hírek   Kapcsolat\n\nSAFE-BORDER HU\n\nKulcsinformációk\n\nProjektszám\nATHU0400999\n\nVezető partner\nZala Vármegyei Rendőr-főkapitányság\n\n" +
		"A projektről\nA két ország rendőrségei közös képzéseket tartanak a határ mentén.\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Value(keyCode); got != "ATHU0400999" {
		t.Errorf("code %q, want ATHU0400999 (fields %+v)", got, s.Fields)
	}
	if got := s.Value(keyProgramme); got != "" {
		t.Errorf("the menu read as the programme %q", got)
	}
	for h, want := range map[string]bool{"Kulcsinformációk": true, "Základné údaje": true, "Key facts": true, "Key facts about prisons in Europe today": false, "Projektszám: 12": false} {
		if factsHeading(h) != want {
			t.Errorf("factsHeading(%q) != %v", h, want)
		}
	}
}

// A definition list flattened to lines whose labels nobody described is
// read when its values have forms of their own (a number, dates); a
// location label above its town is a label, not a partner's name.
func TestPairsWithTypedValues(t *testing.T) {
	page := "Kohesio\n\nSAFE STREETS TWENTE\n\nProjectcode\n309911\nStartdatum\n01/04/2020\nEinddatum\n31/03/2023\nBegunstigde\nGemeente Hengelo\nLocatie\nHengelo, Nederland\nPostcode\n7551\n\n" +
		"Projectbeschrijving\nDe gemeente en de politie werken samen tegen ondermijning.\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{keyCode: "309911", keyStartDate: "01/04/2020", keyEndDate: "31/03/2023", keyPromoter: "Gemeente Hengelo"} {
		if got := s.Value(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
}

// A menu set with spaces inside a section gives no sentence, so its
// words name no partner.
func TestMenuGivesNoSentence(t *testing.T) {
	doc := "Learning spaces\n\nHome   About   Partners   Results   News\n\nSix organisations share the work.\n"
	for _, sn := range sentences(doc, Section{Name: SectionDescription, Start: 0, End: len(doc)}) {
		if strings.Contains(sn.Text, "Partners") {
			t.Errorf("the menu is a sentence: %q", sn.Text)
		}
	}
}

// The kind of page, a dateline and a row of a release's numbers are no
// title; a quoted name after a word for an initiative is.
func TestPressReleaseHead(t *testing.T) {
	for line, want := range map[string]bool{"ΔΕΛΤΙΟ ΤΥΠΟΥ": true, "Pressemitteilung": true, "Komunikat prasowy": true, "Press release 12/2024": true, "Prison staff exchange": false} {
		if pageKindHeading(line) != want {
			t.Errorf("pageKindHeading(%q) != %v", line, want)
		}
	}
	for line, want := range map[string]bool{"Αθήνα, 14 Φεβρουαρίου 2023": true, "Oslo, 3. mars 2024": true, "Oslo, Bergen and Tromsø": false} {
		if dateline(line) != want {
			t.Errorf("dateline(%q) != %v", line, want)
		}
	}
	if !isProjectWord("πρωτοβουλία") {
		t.Error("the Greek word for an initiative")
	}
}

// The lines above a page's title that name a body by their form (the
// site's owner) are organisations the page mentions; a menu or a heading
// in sentence case is none.
func TestSiteOwnerMentioned(t *testing.T) {
	page := "Ministerul Justiției\nAdministrația Națională a Penitenciarelor\nAcasă | Proiecte | Contact\n\nCase de tranziție pentru deținuți\n\n" +
		"Proiectul pregătește deținuții pentru liberare și este finanțat prin Granturile Norvegiene.\n"
	recs, problems := ReadAll([]Source{{Name: "x.txt", Data: []byte(page)}}, Options{})
	if len(problems) > 0 || len(recs) != 1 {
		t.Fatal(problems)
	}
	var site []string
	for _, sn := range recs[0].Sentences {
		if sn.Section == SectionSite {
			site = append(site, sn.Text)
		}
	}
	if !slices.Contains(site, "Ministerul Justiției") || slices.Contains(site, "Acasă | Proiecte | Contact") {
		t.Errorf("site lines %q", site)
	}
	if mostlyCapitalised("Non-violent communication for prison staff") || !mostlyCapitalised("Haridus- ja Noorteamet") {
		t.Error("mostlyCapitalised")
	}
}

// A line of a paragraph wrapped short inside a facts block is no name,
// though it holds a head noun: names begin with a capital.
func TestWrappedLineIsNoPartner(t *testing.T) {
	page := "Проект „Сигурна къща“\n\nБенефициент: Община Ловеч\nДоговор №: BGJUSTICE-3.001-0099\nСтатус: Приключил\n\nЗа проекта\n\n" +
		"Общината е водеща организация по проекта, който цели да изгради на територията на Ловеч\n" +
		"първия местен кризисен и консултативен център за лица, преживели насилие, и да свърже\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Get(keyPartners); len(got) != 0 {
		t.Errorf("partners %q, want none", got)
	}
	if got := s.Value(keyCode); got != "BGJUSTICE-3.001-0099" {
		t.Errorf("code %q under 'Договор №'", got)
	}
}
