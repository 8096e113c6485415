package ingest

import (
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

// Role words count by their stems in the pages' languages; a denial near a
// partner word takes the role back; a partnership is the project unless
// something is "in" it; the programme's own partners are no project role.
func TestProseRoleWords(t *testing.T) {
	for _, c := range []struct {
		clause string
		want   partnergraph.Role
	}{
		{"A vármegyei főkapitányság partnerei a romániai Szatmár Megyei Rendőr-főkapitányság", partnergraph.RoleProjectPartner},
		{"NKVTS var donorprosjektpartner og hadde ansvaret", partnergraph.RoleDonorProjectPartner},
		// (a donor state's adjective beside the partner word: a donor
		// partner, which the resolver keeps for the grants' projects only)
		{"Норвежки партньор по проекта е Alternativ til Vold (ATV)", partnergraph.RoleDonorProjectPartner},
		{"Проектът се изпълнява от Фондация „Асоциация Анимус“ в партньорство с Фондация „Център Надя“", partnergraph.RoleProjectPartner},
		{"Служители на СДВР участваха в общите обучения, без СДВР да е партньор по проекта", partnergraph.RoleMentioned},
		{"Mindkét szerv támogatja a kezdeményezést, de partnerként nem vesz részt benne", partnergraph.RoleMentioned},
		{"tok Oslo politidistrikt imot den slovakiske gruppen, uten å være partner i prosjektet", partnergraph.RoleMentioned},
		{"Na jednom semináři přednášeli i zástupci Policie, partnery mikroprojektu však nebyli", partnergraph.RoleMentioned},
		{"Centrul de Detenție Craiova a coordonat parteneriatul cu acordul Administrației", partnergraph.RoleMentioned},
		{"Seehaus koordiniert die Partnerschaft", partnergraph.RoleMentioned},
		{"Domstoladministrasjonen er også programpartner, sammen med Kriminalomsorgsdirektoratet", partnergraph.RoleMentioned},
		{"a partner z donorského štátu je Politihøgskolen", partnergraph.RoleDonorProjectPartner},
		{"non-governmental partners took part", partnergraph.RoleProjectPartner},
		{"Justisdepartementet i Bulgaria er programoperatør", partnergraph.RoleMentioned},
		// (the donor state's side)
		{"Do lado norueguês, contámos com a experiência da fundação Alternativ til Vold (ATV)", partnergraph.RoleDonorProjectPartner},
		{"Auf norwegischer Seite bringt Kriminalomsorgen ihre Erfahrung ein", partnergraph.RoleDonorProjectPartner},
		{"Study visits to prisons in northern Norway took place in May", partnergraph.RoleMentioned},
		{"sen kumppaneina toimivat Rikosseuraamuslaitos ja Tartu Vangla", partnergraph.RoleProjectPartner},
		{"Apmācību programmu kopā ar mums veido Norvēģijas Korekcijas dienesta universitātes koledža (KRUS)", partnergraph.RoleProjectPartner},
	} {
		if got := proseRole(c.clause, strings.ToLower(c.clause), proseWordsIn(c.clause)); got != c.want {
			t.Errorf("%q: %s, want %s", c.clause, got, c.want)
		}
	}
}

// Names as the pages' languages form them: a kind of body and its name in
// quotation marks, a local body's town after a locative, a country in
// small letters, Hungarian compound heads with their case endings.
func TestNameForms(t *testing.T) {
	for sentence, want := range map[string][]string{
		"Проектът се изпълнява от Фондация „Асоциация Анимус“ в партньорство с Фондация „Център Надя“ и Столична община.": {"Фондация „Асоциация Анимус“", "Фондация „Център Надя“", "Столична община"},
		"Na semináři přednášeli i zástupci Policie České republiky a Komenda Powiatowa Policji w Kłodzku.":                {"Policie České republiky", "Komenda Powiatowa Policji w Kłodzku"},
		"A projektet a Szabolcs-Szatmár-Bereg Vármegyei Rendőr-főkapitányság vezet.":                                      {"Szabolcs-Szatmár-Bereg Vármegyei Rendőr-főkapitányság"},
		"Közös járőrszolgálat működik a Kassai Kerületi Rendőr-főkapitánysággal.":                                         {"Kassai Kerületi Rendőr-főkapitánysággal"},
		"The Regional Prosecutor's Office in Białystok took part.":                                                        {"Regional Prosecutor's Office in Białystok"},
	} {
		got := candidateNames(sentence)
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%q: got %q, want %q among them", sentence, got, w)
			}
		}
		for _, g := range got {
			if g == "Фондация" || g == "Асоциация Анимус" {
				t.Errorf("%q: the kind or the quoted words alone: %q", sentence, g)
			}
		}
	}
}

// The promoter named in the pages' languages: a role noun beside the name,
// a participle of leading with its "by" before it, a verb of leading right
// after it.
func TestLeadsInWords(t *testing.T) {
	for _, c := range []struct {
		before, after string
		want          bool
	}{
		{"", " (Supreme Judicial Council, SJC) er prosjekteier.", true},
		{"Prosjekteier er ", ".", true},
		// the project, the verb of leading, its subject
		{"Vapaa suunta -hanke toteutettiin 2022–2024. Hanketta koordinoi ", " (Diak), ja sen kumppaneina toimivat", true},
		{"Das Projekt leitet die ", ".", true},
		{"Vedoucím partnerem projektu je ", ". Spolu s ním projekt realizují", true},
		{"", " projektu īsteno Norvēģijas finanšu instrumenta programmas ietvaros.", true},
		{"UNG ØRESUND ledes af ", ". Partnerne er Malmö universitet", true},
		{"FILI è un partenariato coordinato dalla nostra ", " insieme all'Udruga IGRA", true},
		{"Проектът се изпълнява от ", " в партньорство с ...", true},
		{"Projekt realizowany przez ", " we współpracy z ...", true},
		{"annak a projektnek a nyitórendezvényét, amelyet a ", " vezet.", true},
		{"A vármegyei főkapitányság partnerei a romániai ", " (Inspectoratul de Poliție Județean Satu Mare), a szlovákiai", false},
		{"", " er bulgarsk partner", false},
		{"", " is a partner of the promoter", false},
		{"The project promotes the work of ", " in prisons.", false},
		{"This was an Erasmus+ Learning Mobility of Individuals project of the ", " (CSA) in the field of adult education.", true},
		{"", " įgyvendina 2014–2021 m. Norvegijos finansinio mechanizmo programos projektą", true},
		// the one who received the grant
		{"", " (KUC) har fået tilsagn om støtte fra Erasmus+ til projektet", true},
		{"", " otrzymał dofinansowanie z Funduszy Norweskich", true},
		{"", " received a visit from the funder", false},
		{"", ", which received funding too, hosted the meeting", false},
		// the initiative of X (Greek genitive), a relative clause whose verb
		// of carrying out stands before its subject
		{"Ολοκληρώθηκε η διμερής πρωτοβουλία της ", " με τη νορβηγική Kripos", true},
		{"w ramach projektu „Nowy start”, który realizuje ", " we współpracy z ...", true},
		{"την οποία υλοποίησε η ", " σε συνεργασία με την Kripos", true},
		{"Delegacja, którą przyjął ", " w marcu", false},
		{"", " is the lead partner of the consortium", true},
	} {
		if got := leadsInWords(c.before, c.after); got != c.want {
			t.Errorf("%q X %q: %v, want %v", c.before, c.after, got, c.want)
		}
	}
}

// An Erasmus+ action as the page words it, from a line of its own, a
// value under any label or a short line of prose, when the labels gave a
// code alone.
func TestPageActions(t *testing.T) {
	text := "Project number: 2023-1-MT01-KA122-ADU-000131455\nKey Action 1 – Learning Mobility of Individuals\nKA122-ADU – Short-term projects for mobility of learners and staff in adult education\n"
	ec := &partnergraph.ErasmusCode{ActionType: "KA122", KeyAction: "1 – Learning Mobility of Individuals KA122-ADU – Short-term projects"}
	pageActions(text, ec)
	if ec.ActionType != "KA122-ADU – Short-term projects for mobility of learners and staff in adult education" || ec.KeyAction != "Key Action 1 – Learning Mobility of Individuals" {
		t.Errorf("got %q / %q", ec.ActionType, ec.KeyAction)
	}
	ec = &partnergraph.ErasmusCode{ActionType: "KA220"}
	pageActions("Erasmus+ KA220-ADU - Partenariati di cooperazione nell'educazione degli adulti (n. 2022-1-RO01-KA220-ADU-000091846)\nPályázattípus: KA210-ADU – Kis léptékű partnerségek\n", ec)
	if ec.ActionType != "KA220-ADU - Partenariati di cooperazione nell'educazione degli adulti" {
		t.Errorf("got %q", ec.ActionType)
	}
	ec = &partnergraph.ErasmusCode{ActionType: "KA210"}
	pageActions("FILI è un partenariato su piccola scala (KA210-ADU) del programma Erasmus+, n. 2024-1-IT02-KA210-ADU-000251234.\n", ec)
	if ec.ActionType != "KA210-ADU" {
		t.Errorf("the action as written in a sentence: got %q", ec.ActionType)
	}
	ec = &partnergraph.ErasmusCode{ActionType: "KA220-ADU – Kooperationspartnerschaften", KeyAction: "Leitaktion 2 – Zusammenarbeit"}
	pageActions("KA220-ADU – another name\nKA2 – another key action\n", ec)
	if ec.ActionType != "KA220-ADU – Kooperationspartnerschaften" || ec.KeyAction != "Leitaktion 2 – Zusammenarbeit" {
		t.Errorf("words the labels gave were replaced: %q / %q", ec.ActionType, ec.KeyAction)
	}
}

// A programme's name in quotation marks, without the code, number, funder
// or period around it.
func TestQuotedProgramme(t *testing.T) {
	for in, want := range map[string]string{
		"LT07 „Šengeno bendradarbiavimas ir kova su tarpvalstybiniu ir organizuotu nusikalstamumu“": "Šengeno bendradarbiavimas ir kova su tarpvalstybiniu ir organizuotu nusikalstamumu",
		"„Правосъдие“, Норвежки финансов механизъм 2014-2021":                                       "Правосъдие",
		"Justice":                   "Justice",
		"Programme \"A\" and \"B\"": "Programme \"A\" and \"B\"",
	} {
		if got := quotedProgramme(in); got != want {
			t.Errorf("quotedProgramme(%q) = %q, want %q", in, got, want)
		}
	}
}

// A project number of any programme's form that a word for it introduces
// in the text, and one in parentheses after the title; a question heading
// read as the label of the typed value below it.
func TestCodesAndQuestions(t *testing.T) {
	for text, want := range map[string]string{
		"A projekt az Interreg támogatásával valósul meg, azonosítója HUSKROUA/24/RI/3.2/112.": "HUSKROUA/24/RI/3.2/112",
		"Projekt s kódom DGV02006 sa skončil.":                                                 "DGV02006",
		"The Interreg V-A programme funds 2014-2020 projects.":                                 "",
		"Project number ROBG-531 and project number ROBG-532.":                                 "",
	} {
		if got := codeAfterWord(text); got != want {
			t.Errorf("codeAfterWord(%q) = %q, want %q", text, got, want)
		}
	}
	if g := titleCode.FindStringSubmatch("SAFE-DANUBE (ROBG-531)"); g == nil || g[1] != "SAFE-DANUBE" || g[2] != "ROBG-531" {
		t.Errorf("title and code: %q", g)
	}
	s, err := Parse("q", []byte("SAFE-DANUBE\n\nWhat's the budget?\n\n1,248,362.40 euro, out of which 1,061,108.04 euro ERDF\n\nWhat's the goal?\n\nTo help the police work together across the river.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v := s.Value(keyFinalCost); v != "1,248,362.40 euro, out of which 1,061,108.04 euro ERDF" {
		t.Errorf("the budget under its question: %q (fields %+v)", v, s.Fields)
	}
}

// A period and a grant stated in the prose of the pages' languages.
func TestPeriodAndGrantInProse(t *testing.T) {
	a, b, ok := periodByWords("A projekt végrehajtásának kezdő dátuma 2025.03.01., befejező dátuma 2027.02.28.")
	if !ok || a != "2025-03-01" || b != "2027-02-28" {
		t.Errorf("period: %q %q %v", a, b, ok)
	}
	if _, _, ok := periodByWords("Projekt powstał 01.02.2020 w oparciu o badania z 15.03.2019."); ok {
		t.Error("two dates with no start and end read as a period")
	}
	xs := amountsIn("A teljes költségvetés 1 742 618,40 EUR, ebből 1 568 356,56 EUR az Európai Unió hozzájárulása.")
	if len(xs) != 2 || xs[0].what != "cost" || xs[1].what != "grant" {
		t.Errorf("amounts: %+v", xs)
	}
}

// A news page's project is the one its first paragraphs name in quotation
// marks beside a word for a project.
func TestQuotedProjectTitle(t *testing.T) {
	for text, want := range map[string]string{
		"Police cooperate\n\nDescription\nA „Biztonságos átkelés – közös fellépés az embercsempészet ellen” című projekt indult. A rendőrség vezeti.\n": "Biztonságos átkelés – közös fellépés az embercsempészet ellen",
		"Children in court\n\nDescription\nProsjektet «Barnevennlig rettspleie i Bulgaria» skal endre på dette.\n":                                      "Barnevennlig rettspleie i Bulgaria",
		"Annual report\n\nDescription\nWe ran the project \"Safe Home for All\" and the project \"Second Chance Now\" this year.\n":                     "",
		"A visit\n\nDescription\nThe delegation read the report \"Prisons in Europe 2023\" before the visit.\n":                                         "",
		"Skriftlig spørsmål\n\nSvar\nSaken representanten viser til, har tittelen «Modernisering av fengslene i Litauen». Den er godkjent.\n":           "Modernisering av fengslene i Litauen",
	} {
		s, err := Parse("t", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if got := quotedProjectTitle(s); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

// Bulgarian writes a definite article on a name's first word; the two
// forms are one name.
func TestIndefiniteKey(t *testing.T) {
	for _, pair := range [][2]string{
		{"Столичната община", "Столична община"},
		{"Министерството на правосъдието", "Министерство на правосъдието"},
		{"Националният институт на правосъдието", "Национален институт на правосъдието"},
		{"Софийският районен съд", "Софийски районен съд"},
	} {
		if a, b := orgKey(pair[0]), orgKey(pair[1]); a != b {
			t.Errorf("%q and %q: keys %q and %q", pair[0], pair[1], a, b)
		}
	}
	if a, b := orgKey("Prison Service"), orgKey("Prison Services"); a != b {
		t.Errorf("plural: %q %q", a, b)
	}
	if orgKey("Фондация Анимус") == orgKey("Фондация Аним") {
		t.Error("a word that ends in no article lost letters")
	}
}

// An Interreg programme named in full, with its strand, kind and area.
func TestInterregName(t *testing.T) {
	for text, want := range map[string]string{
		"A projekt az Interreg VI-A NEXT Magyarország-Szlovákia-Románia-Ukrajna Program támogatásával valósul meg.": "Interreg VI-A NEXT Magyarország-Szlovákia-Románia-Ukrajna Program",
		"Die Mittel stammen aus dem Programm INTERREG VI A Deutschland-Nederland.":                                  "INTERREG VI A Deutschland-Nederland",
		"Interreg V-A Česká republika – Polsko / Interreg V-A Republika Czeska – Polska":                            "Interreg V-A Česká republika – Polsko",
		"Interreg V-A Romania-Bulgaria Programme\nHome | Projects":                                                  "Interreg V-A Romania-Bulgaria Programme",
		"Címkék: határrendészet, Interreg, nemzetközi együttműködés":                                                "",
	} {
		if got := interregName(text); got != want {
			t.Errorf("interregName(%q) = %q, want %q", text, got, want)
		}
	}
}

// A line that says who funds names no promoter.
func TestFundedByLine(t *testing.T) {
	for line, want := range map[string]bool{
		"Medfinansieret af Den Europæiske Union": true, "Co-funded by the European Union": true,
		"Finanțat de Uniunea Europeană": true, "Stichting Exodus Nederland": false, "Ministry of Finance": false,
	} {
		if got := fundedByLine(line); got != want {
			t.Errorf("fundedByLine(%q) = %v, want %v", line, got, want)
		}
	}
}

// Role words of the pages' languages, one per case: "together with" and
// "in partnership with" name partners, as in English, and a fund for
// cooperation names none; a partner word beside a donor state's adjective
// names a donor partner; "the partnership includes X" names a partner.
func TestRoleWordsOfTheLanguages(t *testing.T) {
	partner := func(w proseWords) bool { return w.partner }
	donor := func(w proseWords) bool { return w.donor }
	for _, c := range []struct {
		sentence string
		field    func(proseWords) bool
		want     bool
	}{
		{"Projektą tarnyba įgyvendino kartu su Lietuvos probacijos tarnyba.", partner, true},
		{"O projeto foi construído em parceria com a Direção-Geral de Reinserção.", partner, true},
		{"Das Projekt wird gemeinsam mit der Polizeidirektion Görlitz umgesetzt.", partner, true},
		{"Projektu finansē Divpusējās sadarbības fonds, ko pārvalda Ārlietu ministrija.", partner, false},
		{"Norským partnerem projektu je Kriminalomsorgen region øst.", donor, true},
		{"Partenerul norvegian, KRUS, a pregătit cursurile.", donor, true},
		{"The Norwegian partner trained the staff.", donor, true},
		{"Partnerem projektu je Probační a mediační služba v Praze.", donor, false},
		{"Il partenariato comprende inoltre l'associazione Forum di Bolzano.", partner, true},
		{"Die Partnerschaft umfasst auch den Verein Neustart.", partner, true},
		{"Die Partnerschaft begann 2019.", partner, false},
	} {
		if got := c.field(proseWordsIn(c.sentence)); got != c.want {
			t.Errorf("%q: %v, want %v", c.sentence, got, c.want)
		}
	}
}
