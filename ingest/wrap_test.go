package ingest

import (
	"strings"
	"testing"
)

// Text wrapped over lines, as a PDF's text gives it: a sentence goes on
// after a line that ends where a sentence cannot; wrapped lines are no
// list of organisations; an amount's words are whole again.
func TestWrappedText(t *testing.T) {
	for _, c := range []struct {
		before, after string
		want          bool
	}{
		{"The donor project partners were the", "Directorate of the Norwegian Correctional Service", true},
		{"The Institute of Justice carried out the evalua-", "tion of the new programmes.", true},
		{"with a total eligible cost of PLN 14,826,500, of", "which PLN 12,602,525 came from the grants", true},
		{"In 2024 representatives of the Polish Prison Service took part in 14", "meetings of expert groups", true},
		{"Results of the first year", "two study visits took place", false},
		{"Main results of the project:", "• 640 young adults completed courses", false},
		{"Partners", "Fundacja Sławek", false},
	} {
		if got := continues(c.before, c.after); got != c.want {
			t.Errorf("continues(%q, %q) = %v, want %v", c.before, c.after, got, c.want)
		}
	}
	text := "Report 2024\n\nDescription\nOn 30 April 2024 the Central Board of Prison Service completed the\npre-defined project\n\"Improving the rehabilitation of young adult offenders\"\n(PL-JUSTICE-0462), financed under the programme \"Justice\". The project cost PLN 14,826,500, of which PLN 12,602,525 came from the Nor-\nway Grants.\n\nThe donor project partners were the\nDirectorate of the Norwegian Correctional Service (Kriminalomsorgsdirektoratet,\nKDI) and the University College of Norwegian Correctional Service (KRUS). The\nInstitute of Justice acted as project partner.\n"
	s, err := Parse("wrapped", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if v := s.Get(keyPartners); len(v) > 0 {
		t.Errorf("wrapped lines read as a list of partners: %q", v)
	}
	r := Extract(s)
	if r.Project.Code != "PL-JUSTICE-0462" || r.Project.Title != "Improving the rehabilitation of young adult offenders" {
		t.Errorf("code %q, title %q", r.Project.Code, r.Project.Title)
	}
	if g := r.Project.Funding.Grant; g == nil || *g != 12602525 {
		t.Errorf("grant across a hyphenated line: %v", g)
	}
	joined := false
	for _, sn := range r.Sentences {
		joined = joined || strings.Contains(sn.Text, "were the\nDirectorate")
	}
	if !joined {
		t.Error("a sentence wrapped over lines is cut at the line break")
	}
	if !leadsTheProject("On 30 April 2024 the ", " completed the\npre-defined project") {
		t.Error("'X completed the project' names no promoter")
	}
}

// The funds named in any case of the pages' languages; "Nr." before a
// number; a quoted name after a programme word is the programme's.
func TestFundsNumbersAndProgrammeQuotes(t *testing.T) {
	if f := funderInText("Projektas finansuojamas pagal Norvegijos finansinio mechanizmo programą."); f != "funder:norway-grants" {
		t.Errorf("funder: %q", f)
	}
	// A mechanism named after its word ("mehanizma EGP", "Μηχανισμού
	// Νορβηγίας", "Funduszy Norweskich") is named too; a page that names
	// both mechanisms as often is funded by neither alone, one that names
	// one of them more often by that one.
	for text, want := range map[string]string{
		"Projekt je financiran iz Norveškog financijskog mehanizma i Financijskog mehanizma EGP.":                                                                                                    "",
		"Projekt finansowany jest ze środków Funduszy Norweskich 2014–2021.":                                                                                                                         "funder:norway-grants",
		"Χρηματοδοτείται από το Ταμείο Διμερών Σχέσεων του Χρηματοδοτικού Μηχανισμού Νορβηγίας 2014-2021.":                                                                                           "funder:norway-grants",
		"Projekt podpira Norveški finančni mehanizem. Norveški finančni mehanizem 2014–2021 financira program. Nacionalna kontaktna točka za Norveški finančni mehanizem in Finančni mehanizem EGP.": "funder:norway-grants",
	} {
		if f := funderInText(text); f != want {
			t.Errorf("funderInText(%q) = %q, want %q", text, f, want)
		}
	}
	if c := codeAfterWord("įgyvendina projektą Nr. LT-JUSTICE-0394 „Smurto prevencija“."); c != "LT-JUSTICE-0394" {
		t.Errorf("code after Nr.: %q", c)
	}
	xs := amountsIn("Projekto vertė – 1 286 470,00 Eur, iš jų 1 093 499,50 Eur sudaro Norvegijos finansinio mechanizmo lėšos.")
	if len(xs) != 2 || xs[1].what != "grant" || xs[0].what == "grant" {
		t.Errorf("amounts: %+v", xs)
	}
	s, err := Parse("q", []byte("Bendradarbiavimas\n\nDescription\nTarnyba įgyvendina programos „Teisingumas ir vidaus reikalai“ projektą Nr. LT-JUSTICE-0394 „Smurto prevencijos programų diegimas“.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := quotedProjectTitle(s); got != "Smurto prevencijos programų diegimas" {
		t.Errorf("quoted project title: %q", got)
	}
}

// A definition list flattened to lines: labels and values alternate with
// no blank line; a value that looks like a label is read by its place.
func TestPairLabels(t *testing.T) {
	text := "University\n\nScheda progetto\nTitolo\nREJOIN – Restorative Justice Online\nCodice identificativo\n2023-1-BE02-KA220-ADU-000158274\nStato\nIn corso\nEnte coordinatore\nEuropean Forum for Restorative Justice (Belgio)\nRuolo dell'Ateneo\nPartner\nPartner\nFondazione Uno (Italia); Foresee Research Group (Ungheria)\nPartner associati\nMinistero della Giustizia\nData di inizio\n01/12/2023\nData di fine\n30/11/2026\nContributo UE complessivo\n400.000,00 €\n"
	s, err := Parse("pairs", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		keyCode: "2023-1-BE02-KA220-ADU-000158274", keyStartDate: "01/12/2023", keyEndDate: "30/11/2026",
		keyGrant: "400.000,00 €", keyMentioned: "Ministero della Giustizia", keyPromoter: "European Forum for Restorative Justice (Belgio)",
	} {
		if got := s.Value(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if p := s.Get(keyPartners); len(p) != 2 {
		t.Errorf("partners %q", p)
	}
}

// Slovenian and German quotation marks (»...«), "oznaka" for a number, and
// "nosilec projekta" for the promoter.
func TestSlovenianMarks(t *testing.T) {
	s, err := Parse("si", []byte("Novice\n\nDescription\nZačel je vnaprej opredeljeni projekt »Mentor+ – mentorska podpora za mladoletne«, ki ga kot nosilec projekta izvaja Uprava za probacijo.\n\nOznaka projekta: SI-EDUCATION-0417\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := quotedProjectTitle(s); got != "Mentor+ – mentorska podpora za mladoletne" {
		t.Errorf("title %q", got)
	}
	if got := Extract(s).Project.Code; got != "SI-EDUCATION-0417" {
		t.Errorf("code %q", got)
	}
	if !leadsInWords("ki ga kot nosilec projekta izvaja ", " za probacijo.") {
		t.Error("'nosilec projekta izvaja X' names no promoter")
	}
}

// A link for screen readers is no title; a promoter read by its place in a
// facts block without labels gives way to the one the prose names; an
// initiative named in quotation marks is the page's project.
func TestSkipLinksAndPlacedPromoters(t *testing.T) {
	for line, want := range map[string]bool{"Skip to content": true, "Przejdź do treści": true, "Zum Inhalt springen": true, "Skip": false, "Projects in Latvia": false} {
		if got := skipLink(line); got != want {
			t.Errorf("skipLink(%q) = %v", line, got)
		}
	}
	if !isProjectWord("initiative") || !isProjectWord("iniciatīva") {
		t.Error("an initiative is no project word")
	}
	srcs := []Source{{Name: "a.txt", Data: []byte("police.hu\nRendőrség\nFőoldal | Hírek | Kapcsolat\n\nNégy ország rendőrei\n\nA projektet a Szabolcs-Szatmár-Bereg Vármegyei Rendőr-főkapitányság vezet, partnere a Kassai Kerületi Rendőr-főkapitányság.\n")}}
	g, _ := Build(srcs)
	if len(g.Projects) != 1 {
		t.Fatalf("%d projects", len(g.Projects))
	}
	promoter := g.Projects[0].PromoterID
	for _, o := range g.Organisations {
		if o.ID == promoter && !strings.Contains(o.Name, "Szabolcs") {
			t.Errorf("promoter %q, want the one the prose names", o.Name)
		}
	}
	if promoter == "" {
		t.Error("no promoter")
	}
}

// A name with its country in parentheses is an organisation's, head noun
// or not; partners' logos flattened to text are split at their markers.
func TestCountryInParenthesesAndLogos(t *testing.T) {
	got := candidateNames("The project is coordinated by Extern (Ireland) and delivered together with Centrul de Resurse Juridice (Romania).")
	for _, want := range []string{"Extern", "Centrul de Resurse Juridice"} {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("%q not among %q", want, got)
		}
	}
	for _, g := range candidateNames("We met in Ireland (Dublin) and in Romania (Iasi).") {
		if g == "Ireland" || g == "Romania" {
			t.Errorf("a country read as an organisation: %q", g)
		}
	}
	if items := logoItems("[logo] Extern   [logo] Fundación Diagrama   [logo] IJJO"); len(items) != 3 || items[1] != "Fundación Diagrama" {
		t.Errorf("logo items %q", items)
	}
	if items := logoItems("Extern, Fundación Diagrama"); items != nil {
		t.Errorf("no markers: %q", items)
	}
}

// A name in another language that the gazetteer's acronym defines joins
// the gazetteer's organisation when it names that organisation's country
// in its language.
func TestGazetteerAcronymInOtherLanguages(t *testing.T) {
	r := newResolver(Gazetteer())
	for k, want := range map[string]bool{
		"kolegium uniwersyteckie norweskiej sluzby wieziennej":     true,
		"nórske centrum pre výskum násilia a traumatického stresu": true,
		"prison management system":                                 false,
		"krajowa szkoła sądownictwa":                               false,
	} {
		if got := r.namesGazetteerCountry(k, "gaz:krus"); got != want {
			t.Errorf("namesGazetteerCountry(%q) = %v, want %v", k, got, want)
		}
	}
	g, _ := Build([]Source{{Name: "xx.txt", Data: []byte("Systems\n\nDescription\nThe Prison Management System (PMS) was updated in Bratislava.\n")}})
	for _, o := range g.Organisations {
		if o.ID == "org:cz-pms" {
			t.Errorf("the Prison Management System joined the Czech probation service: %+v", o)
		}
	}
}

// A page that calls its subject a bilateral initiative, in its language,
// is about one.
func TestBilateralInitiativeInWords(t *testing.T) {
	for page, want := range map[string]bool{
		"Δελτίο\n\nΈκθεση\n\nΟλοκληρώθηκε η διμερής πρωτοβουλία «Ασφαλείς δρόμοι» με τη νορβηγική αστυνομία.\n":         true,
		"Zpráva\n\nNovinky\n\nBilaterální iniciativa Ministerstva spravedlnosti skončila v březnu.\n":                   true,
		"News\n\nUpdate\n\nThe project builds bilateral ties between two prisons; a new initiative starts next year.\n": false,
	} {
		s, err := Parse("x", []byte(page))
		if err != nil {
			t.Fatal(err)
		}
		if got := namesBilateralInitiative(s); got != want {
			t.Errorf("%q: %v, want %v", page, got, want)
		}
	}
}

// A programme named without quotation marks after a word for one, up to
// a mark; a programme operator or a fund is no programme's name.
func TestProgrammeBareInProse(t *testing.T) {
	for text, want := range map[string]string{
		"Popis\n\nProjekt je financován z programu Spravedlnost, který podporují Norské fondy.\n":            "Spravedlnost",
		"Sobre\n\nO projeto foi apoiado pelo programa Conciliação e Igualdade de Género, gerido pela CIG.\n": "Conciliação e Igualdade de Género",
		"About\n\nThe Programme Operator, the Ministry of Justice, approved it.\n":                           "",
	} {
		s, err := Parse("x", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if got := programmeInProse(s); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

// The Active Citizens Fund, named in a page's language, is its programme.
func TestActiveCitizensFund(t *testing.T) {
	if got := activeCitizensFund("Projekt podpira Sklad za aktivno državljanstvo v okviru EGP."); got != "Sklad za aktivno državljanstvo" {
		t.Errorf("got %q", got)
	}
	if got := activeCitizensFund("A project of the Justice programme."); got != "" {
		t.Errorf("got %q", got)
	}
}

// A title in quotation marks is the words inside them.
func TestUnquotedTitle(t *testing.T) {
	for in, want := range map[string]string{"„ComPen – Competențe noi”": "ComPen – Competențe noi", "«Safe Home»": "Safe Home", "Project „X” and more": "Project „X” and more"} {
		if got := unquoted(in); got != want {
			t.Errorf("unquoted(%q) = %q, want %q", in, got, want)
		}
	}
}
