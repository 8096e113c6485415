package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseLayouts(t *testing.T) {
	tests := []struct {
		file     string
		layout   string
		title    string
		fields   map[string][]string
		sections []string // canonical names, in order
		warnings []string // substrings
	}{
		{
			file: "eea-2014-partners.txt", layout: LayoutEEA, title: "Restorative justice in Estonian prisons",
			fields: map[string][]string{
				keyPromoter:       {"Estonian Ministry of Justice"},
				keyCode:           {"EE-JUSTICE-0007"},
				keyFinalCost:      nil, // empty label: the next line is a label
				keyDonorPartners:  {"Bredtveit Prison(NO)", "Norwegian Mediation Service(NO)"},
				keyOtherPartners:  {"Tartu Prison(EE)", "Estonian Victim Support Association(EE)"},
				keyTargetGroups:   {"Prisoners", "Victims of crime", "Prison staff"},
				keyProgrammeAreas: {"Correctional Services", "Domestic and Gender-based Violence"},
				keyLocation:       {"Harju County"},
			},
			sections: []string{SectionDescription, SectionResults, SectionBilateral},
		},
		{
			file: "bilateral-initiative.txt", layout: LayoutBilateral, title: "Study visit on dynamic security",
			fields: map[string][]string{
				keyPromoter:        {"Prison Service of the Slovak Republic"},
				keyCode:            {"SK-JUSTICE-BI002"},
				keyInitialCost:     {"€ 18,500"},
				keyFinalCost:       {"€ 16,240.50"},
				keyInitiativeTypes: {"Study visit", "Expert exchange"},
				keyPartners:        {"Directorate of Norwegian Correctional Service(NO)", "Ila Prison(NO)"},
			},
			sections: []string{SectionDescription, SectionResults},
		},
		{
			file: "erasmus-listing.txt", layout: LayoutErasmusListing, title: "Peer mentors for young offenders",
			fields: map[string][]string{
				keyCode:       {"2021-1-PL01-KA220-YOU-000029876"},
				keyCallYear:   {"2021"},
				keyTopics:     {"Inclusion - equity", "Prevention of violence"},
				keyPromoter:   {"Fundacja Nowy Start"},
				keyGrantEU:    {"€ 250,000.00"},
				keyStartDate:  {"01/03/2022"},
				keyActionType: {"Cooperation partnerships in youth"},
			},
			sections: []string{SectionDescription},
			warnings: []string{"is not the project title"},
		},
		{
			file: "eea-inline-crlf.txt", layout: LayoutEEA, title: "Probation reform pilot",
			fields: map[string][]string{
				keyPromoter:     {"Probation and Mediation Service"},
				keyStatus:       {"Completed"},
				keyTargetGroups: {"Offenders", "Probation officers"},
				keyGrantEEA:     {"€ 435,455"},
				keyPeriod:       {"2013-2016"},
			},
			sections: []string{SectionDescription}, // no heading: prose after the facts
			warnings: []string{`unknown label "Responsible unit"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s, err := Parse(tt.file, readTestdata(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if s.Layout != tt.layout {
				t.Errorf("layout = %q, want %q", s.Layout, tt.layout)
			}
			if s.Title != tt.title {
				t.Errorf("title = %q, want %q", s.Title, tt.title)
			}
			for key, want := range tt.fields {
				if got := s.Get(key); !reflect.DeepEqual(got, want) {
					t.Errorf("field %s = %q, want %q", key, got, want)
				}
			}
			var names []string
			for _, sec := range s.Sections {
				names = append(names, sec.Name)
				if sec.Text != s.Text[sec.Start:sec.End] {
					t.Errorf("section %s: text is not the document's bytes %d:%d", sec.Name, sec.Start, sec.End)
				}
				if strings.TrimSpace(sec.Text) != sec.Text {
					t.Errorf("section %s has untrimmed text %q", sec.Name, sec.Text)
				}
			}
			if !reflect.DeepEqual(names, tt.sections) {
				t.Errorf("sections = %v, want %v", names, tt.sections)
			}
			for _, w := range tt.warnings {
				if !strings.Contains(strings.Join(s.Warnings, "\n"), w) {
					t.Errorf("warnings %q lack %q", s.Warnings, w)
				}
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ file, reason string }{
		{"empty.txt", "empty document"},
		{"binary.txt", "binary data"},
		{"bad-utf8.txt", "not valid UTF-8"},
		{"title-only.txt", "not a project sheet"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Parse(tt.file, readTestdata(t, tt.file))
			pe, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.Name != tt.file || !strings.Contains(pe.Reason, tt.reason) {
				t.Errorf("err = %v, want %s: ...%s...", err, tt.file, tt.reason)
			}
		})
	}
	if _, err := Parse("big.txt", make([]byte, MaxDocumentSize+1)); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("oversized document: err = %v", err)
	}
}

func TestParseErasmusPageDropsDisclaimer(t *testing.T) {
	doc := "A title\n\nPurpose of the project\n\nWe train staff.\n\nCode number: 2018-1-EL01-KA204-047884\nDuration: 24 months\n\nThe European Commission support for the production of this publication does not constitute an endorsement.\n"
	s, err := Parse("e.txt", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if s.Layout != LayoutErasmus {
		t.Errorf("layout = %q", s.Layout)
	}
	if d := s.Section(SectionDescription); !strings.Contains(d, "We train staff.") || strings.Contains(d, "Commission") {
		t.Errorf("description = %q", d)
	}
	for _, sec := range s.Sections {
		if strings.Contains(sec.Text, "endorsement") {
			t.Errorf("disclaimer kept in section %s", sec.Name)
		}
	}
	if got := s.Value(keyDuration); got != "24 months" {
		t.Errorf("duration = %q", got)
	}
}

func TestParseSeeds(t *testing.T) {
	dir := seedsDir(t)
	tests := []struct {
		file, layout, title, code, promoter string
		groups                              []string
		sections                            []string
	}{
		{"000_81d2135272b6c553.txt", LayoutEEA, "Stop violence – second chance", "", "Central Board of Prison Service",
			[]string{"Victims of intimate-partner violence"}, []string{SectionDescription, SectionResults}},
		{"001_4615415b41dfdf96.txt", LayoutEEA, "Social work and therapeutic programs for violent persons", "CZ12-0042", "THEIA – krizové centrum o.p.s.",
			[]string{"Victims of intimate-partner violence", "Non governmental organisation"}, []string{SectionDescription, SectionResults}},
		{"002_a6f2f2d85348d591.txt", LayoutEEA, "Projects for vulnerable groups and further education of employees of the Prison Service", "", "Prison Service of the Czech Republic",
			[]string{"Civil servants/Public administration staff"}, []string{SectionDescription, SectionResults, SectionBilateral}},
		{"003_2497e05ab3a896a3.txt", LayoutErasmus, "Training of professionals & volunteers in the correctional systems and employment as well as exchange of Good Practices between participating organizations.", "2018-1-EL01-KA204-047884", "",
			nil, []string{SectionDescription}},
		{"004_3c0d9d6190e1e1b5.txt", LayoutEEA, "Improving Competences Both of Inmates and Prison Staff", "LT14-0004", "Prison Department under the Ministry of Justice of the Republic of Lithuania",
			[]string{"Prisoners"}, []string{SectionDescription, SectionResults, SectionBilateral}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			s, err := Parse(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if s.Layout != tt.layout || s.Title != tt.title || s.Value(keyCode) != tt.code || s.Value(keyPromoter) != tt.promoter {
				t.Errorf("got layout %q title %q code %q promoter %q", s.Layout, s.Title, s.Value(keyCode), s.Value(keyPromoter))
			}
			if got := s.Get(keyTargetGroups); !reflect.DeepEqual(got, tt.groups) {
				t.Errorf("target groups %q, want %q", got, tt.groups)
			}
			var names []string
			for _, sec := range s.Sections {
				names = append(names, sec.Name)
			}
			if !reflect.DeepEqual(names, tt.sections) {
				t.Errorf("sections %v, want %v", names, tt.sections)
			}
			for _, w := range s.Warnings {
				if strings.HasPrefix(w, "unknown label") {
					t.Errorf("warning on a seed: %s", w)
				}
			}
		})
	}
}

// Several partners on one line are told apart by their country markers.
func TestPartnersOnOneLine(t *testing.T) {
	s, err := Parse("x.txt", []byte("T\n\nProject facts\n\nProject promoter:\nA Prison Service\nDonor Project Partners:\nCorrectional Service of Norway Staff Academy (KRUS) (NO), Alternative to Violence (ATV)(NO)\nOther Project Partners:\nProbation and Mediation Service of the Czech Republic, Brno office\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Get(keyDonorPartners); len(got) != 2 || got[1] != "Alternative to Violence (ATV)(NO)" {
		t.Errorf("donor partners %q", got)
	}
	if got := s.Get(keyOtherPartners); len(got) != 1 {
		t.Errorf("a name with a comma was split: %q", got)
	}
}

func TestTitleWithoutSiteName(t *testing.T) {
	for in, want := range map[string]string{
		"Study visit to Norway - EEA Grants":       "Study visit to Norway",
		"Prisoners' Active Citizenship | Erasmus+": "Prisoners' Active Citizenship",
		"Stop violence – second chance":            "Stop violence – second chance",
		"Safer prisons – Norway Grants":            "Safer prisons",
	} {
		s, err := Parse("x.txt", []byte(in+"\n\nProject facts\n\nProject promoter:\nA Prison Service\n"))
		if err != nil || s.Title != want {
			t.Errorf("title of %q = %q, %v; want %q", in, s.Title, err, want)
		}
	}
}

func TestProgrammeAreaKeepsItsComma(t *testing.T) {
	s, err := Parse("x.txt", []byte("T\n\nProject facts\n\nProject promoter:\nA Prison Service\nProgramme areas:\nCorrectional services, including non-custodial sanctions\nTarget groups\nPrisoners, Prison staff, Probation officers\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Get(keyProgrammeAreas); len(got) != 1 || got[0] != "Correctional services, including non-custodial sanctions" {
		t.Errorf("programme areas %q", got)
	}
	if got := s.Get(keyTargetGroups); len(got) != 3 {
		t.Errorf("a line of capitalised groups is a list: %q", got)
	}
}

// TestMoreInformation: under "More information" a paragraph of prose is the
// long description (2014-21 project pages); links and labels stay
// furniture (bilateral-initiative pages).
func TestMoreInformation(t *testing.T) {
	prose := "Courts had few alternatives to prison for minor offences, so the service wrote new supervision procedures and trained its officers."
	s, err := Parse("x.txt", []byte("T\n\nProject facts\n\nProject promoter:\nA Probation Service\n\nSummary\n\nA short summary of the pilot that ran in two towns.\n\nMore information\n\n"+prose+"\n\nSummary of project results\n\n40 officers were trained.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d := s.Section(SectionDescription); !strings.Contains(d, prose) || !strings.Contains(d, "short summary") {
		t.Errorf("description %q lacks the long description", d)
	}
	s, err = Parse("y.txt", []byte("T\n\nBilateral initiative facts\n\nPromoter:\nA Ministry\n\nDescription\n\nA visit took place in spring to discuss the joint training of staff.\n\nMore information\nProgramme: Justice\nRelated projects\nPrint this page\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d := s.Section(SectionDescription); strings.Contains(d, "Justice") || strings.Contains(d, "Print") {
		t.Errorf("furniture read as description: %q", d)
	}
	if got := s.Get(keyProgramme); len(got) != 0 {
		t.Errorf("furniture read as the programme: %q", got)
	}
}

// Labels stacked above their values without a colon: a label whose words
// name a typed field is read when the value below has the type; another
// label in the facts block is kept as a label; a name above its town is
// no label; the code inside a labelled fact is the page's own.
func TestStackedLabels(t *testing.T) {
	page := "Site\nHome | Projects\n\nOPEN DOORS\nReading in prison\n\n" +
		"Periodo\n11/2022 – 10/2025\n\n" +
		"Tipo di progetto\nEuropean projects - Prison\n\n" +
		"Partner\nCPIP – Penitenciarul București-Rahova – Dedalus – Epanodos\n\n" +
		"Finanziamento\nErasmus+ KA220-ADU (n. 2022-1-RO01-KA220-ADU-000091846)\n\n" +
		"Regione Lombardia\nMilano, Italy\n\n" +
		"Abstract:\nA long paragraph about reading aloud in prisons, written as the project describes itself.\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Value(keyPeriod); got != "11/2022 – 10/2025" {
		t.Errorf("period %q", got)
	}
	if got := s.Get(keyPartners); !reflect.DeepEqual(got, []string{"CPIP", "Penitenciarul București-Rahova", "Dedalus", "Epanodos"}) {
		t.Errorf("partners %q", got)
	}
	labelled := map[string]bool{}
	for _, f := range s.Fields {
		labelled[f.Label] = true
	}
	for label, want := range map[string]bool{"Tipo di progetto": true, "Finanziamento": true, "Regione Lombardia": false} {
		if labelled[label] != want {
			t.Errorf("%q read as a label: %v, want %v", label, labelled[label], want)
		}
	}
	if got := codeInText(s); got != "2022-1-RO01-KA220-ADU-000091846" {
		t.Errorf("code in a labelled fact: %q", got)
	}
	// A stacked line outside a facts block whose value has no type of its
	// field stays prose.
	s, err = Parse("x.txt", []byte("Title\n\nSummary\n\nPeriodo\nwhen the prisons reopened\n\nMore prose here.\n"))
	if err == nil && s.Value(keyPeriod) != "" {
		t.Errorf("untyped period read: %q", s.Value(keyPeriod))
	}
}

func TestDashList(t *testing.T) {
	for v, want := range map[string]bool{
		"CPIP – Penitenciarul București-Rahova – Dedalus": true,
		"DPP – University College":                        false, // an acronym and its name
		"A – B, Oslo – C":                                 false,
		"KRUS — ATV — KDI":                                true,
	} {
		if got := dashList(v); got != want {
			t.Errorf("dashList(%q) = %v, want %v", v, got, want)
		}
	}
}

// A PDF fact sheet's two columns: a known label, spaces, its value; a
// numbered heading ends the facts and opens prose.
func TestAlignedColumnsAndNumberedHeadings(t *testing.T) {
	page := "FICHE PROJET                         Erasmus+\n\nOPEN STAGE\n\n" +
		"Numéro de convention   2023-1-FR01-KA220-ADU-000154321\n" +
		"Coordinateur           Association Champ Libre (France)\n" +
		"Partenaires            Fundación Atenea (Espagne)\n" +
		"                       Associazione Antigone (Italie)\n\n" +
		"1. Contexte\n" +
		"Les ateliers culturels en détention s'arrêtent le jour de la\n" +
		"Centre pénitentiaire de Lyon-Corbas, avec l'accord de la\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Value(keyCode); got != "2023-1-FR01-KA220-ADU-000154321" {
		t.Errorf("code %q", got)
	}
	if got := s.Get(keyPartners); !reflect.DeepEqual(got, []string{"Fundación Atenea (Espagne)", "Associazione Antigone (Italie)"}) {
		t.Errorf("partners %q", got)
	}
	if !strings.Contains(s.Section(SectionDescription), "Lyon-Corbas") {
		t.Errorf("the prose under a numbered heading is no description: %q", s.Section(SectionDescription))
	}
	for in, want := range map[string]bool{"2. Objectifs": true, "1. Kriminalomsorgen region vest": false, "3. The project ends.": false, "Objectifs": false} {
		if _, got := numberedHeading(in); got != want {
			t.Errorf("numberedHeading(%q) = %v, want %v", in, got, want)
		}
	}
	for _, c := range []struct {
		in   string
		col  int
		want bool
	}{
		{"Laufzeit            01.09.2023 – 31.08.2026", 0, true},
		{"FICHE PROJET   Erasmus+", 0, false},
		{"Some words   more words", 0, false},
		// A label nobody described, aligned with the known labels' values.
		{"Aktionsart          KA220-ADU", 20, true},
		{"Aktionsart          KA220-ADU", 21, false},
		{"Aktionsart  KA220-ADU", 0, false},
		{"Several words of prose  and more", 25, false},
	} {
		if _, _, got := alignedLabel(c.in, c.col); got != c.want {
			t.Errorf("alignedLabel(%q, %d) = %v, want %v", c.in, c.col, got, c.want)
		}
	}
}

// A side panel: blocks of a label and its value lines, two of whose labels
// are known, make a facts block; the heading and subtitle above it do not
// belong to it.
func TestSidePanel(t *testing.T) {
	page := "Gemeente X\nHome > Projects\n\nSafe Streets\nA subtitle under the heading\n\n" +
		"Projectnaam\nSafe Streets\n\n" +
		"Programma\nInterreg Vlaanderen-Nederland\n\n" +
		"Leadpartner\nGemeente Breda\n\n" +
		"Projectpartners\nStad Antwerpen\nUniversiteit Gent\n\n" +
		"Status\nlopend\n"
	s, err := Parse("x.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Get(keyPartners); !reflect.DeepEqual(got, []string{"Stad Antwerpen", "Universiteit Gent"}) {
		t.Errorf("partners %q", got)
	}
	if got := s.Value(keyPromoter); got != "Gemeente Breda" {
		t.Errorf("promoter %q", got)
	}
	for _, f := range s.Fields {
		if f.Label == "Safe Streets" {
			t.Errorf("the heading above the panel read as a label: %+v", f)
		}
	}
	// Two blocks are no panel.
	s, err = Parse("x.txt", []byte("Title\n\nSome heading\nSome words\n\nProgramma\nInterreg\n\nMore prose follows here, as a sentence would.\n"))
	if err == nil && s.Value(keyProgramme) != "" {
		t.Errorf("two blocks read as a panel: %+v", s.Fields)
	}
}

// TestTitleUnderNavigation: a first line with a menu or a breadcrumb under
// it is the site's name, and the project's title is the heading below;
// unless that heading repeats the first line's name, as a project's own
// site names its pages ("About EXIT-ED").
func TestTitleUnderNavigation(t *testing.T) {
	for _, c := range []struct{ page, want string }{
		{"Europa für Niedersachsen – Projektatlas\nStartseite | Förderung | Projektatlas | Kontakt\n\nDigitale Grundbildung in Haft\n\nDas Projekt vermittelt Gefangenen digitale Grundkenntnisse.\n",
			"Digitale Grundbildung in Haft"},
		{"Agency for Adult Learning – Projects\nHome › Projects › Detail\n\nSecond Chance Classrooms\n\nThe project trains teachers who work in prisons.\n",
			"Second Chance Classrooms"},
		{"EXIT-ED – Educators against Violent Extremism in Prisons\nHome › About › Project team\n\nAbout EXIT-ED\nEXIT-ED is a cooperation partnership in adult education.\n",
			"EXIT-ED – Educators against Violent Extremism in Prisons"},
		{"Reading Circles in Prisons – a Nordic project\n\nThe project brings reading circles to prisons in three countries.\n",
			"Reading Circles in Prisons – a Nordic project"},
	} {
		s, err := Parse("page.txt", []byte(c.page))
		if err != nil {
			t.Fatal(err)
		}
		if s.Title != c.want {
			t.Errorf("title %q, want %q\n%s", s.Title, c.want, c.page)
		}
	}
}

func TestUnknownLabel(t *testing.T) {
	for _, tc := range []struct {
		line, label, value string
		ok                 bool
	}{
		{"Wnioskodawca: Fundacja Dzieci Niczyje", "Wnioskodawca", "Fundacja Dzieci Niczyje", true},
		// A two-column table as text: the first cell is the label.
		{"Projekto kodas\tLT06-2-VRM-K-02-014", "Projekto kodas", "LT06-2-VRM-K-02-014", true},
		{"Projekto pradžia\t2021-03-01", "Projekto pradžia", "2021-03-01", true},
		// A colon before the tab decides.
		{"Kontakt: Jan Novák\tTelefon 123", "Kontakt", "Jan Novák\tTelefon 123", true},
		// A qualifier in parentheses is no part of the label's words.
		{"EU contribution (ERDF and IPA III): EUR 951 099,00", "EU contribution (ERDF and IPA III)", "EUR 951 099,00", true},
		{"Budget (EUR, incl. VAT): 12 000", "Budget (EUR, incl. VAT)", "12 000", true},
		{"Partners (see below), in order: A, B", "", "", false},
		// Three cells are a table row of another kind, not a label and a value.
		{"Programme\tArea\tSource", "", "", false},
		// Not a label: lowercase, a sentence, too long.
		{"the project ran\tuntil 2023", "", "", false},
		{"In March the first group finished the course and went on\tto work", "", "", false},
	} {
		label, value, ok := unknownLabel(tc.line)
		if label != tc.label || value != tc.value || ok != tc.ok {
			t.Errorf("unknownLabel(%q) = %q, %q, %v; want %q, %q, %v", tc.line, label, value, ok, tc.label, tc.value, tc.ok)
		}
	}
}
