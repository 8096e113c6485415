package ingest

import (
	"reflect"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func TestSentences(t *testing.T) {
	doc := "Partnership was set up with KRUS, i.e. the academy. It had 3 modules: 1. training, 2. supervision. Done!\n• A bullet line\nLast one"
	sec := Section{Name: SectionResults, Start: 0, End: len(doc), Text: doc}
	var got []string
	for _, s := range sentences(doc, sec) {
		if doc[s.Start:s.End] != s.Text {
			t.Errorf("offsets of %q are wrong", s.Text)
		}
		got = append(got, s.Text)
	}
	want := []string{
		"Partnership was set up with KRUS, i.e. the academy.",
		"It had 3 modules: 1. training, 2. supervision.",
		"Done!",
		"• A bullet line",
		"Last one",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestCandidates(t *testing.T) {
	tests := []struct {
		sentence string
		want     []candidate
	}{
		{"Partnership was established with the Directorate of Norwegian Correctional Service (DNCS) and its subordinate entities, i.e. KRUS, Ullersmo, Ila and Ringerike prisons.",
			[]candidate{
				{Name: "Directorate of Norwegian Correctional Service", Acronym: "DNCS"},
				{Name: "Ullersmo prison", List: true, Start: 131, End: 139},
				{Name: "Ila prison", List: true, Start: 141, End: 144},
				{Name: "Ringerike prison", List: true, Start: 149, End: 158},
			}},
		// An acronym of another language: the whole capitalised phrase.
		{"Two programmes were developed with the assistance of the Correctional Service of Norway Staff Academy (KRUS).",
			[]candidate{{Name: "Correctional Service of Norway Staff Academy", Acronym: "KRUS"}}},
		// Schwartz-Hearst picks the shortest tail that gives the letters.
		{"Thanks to savings the promoter financed a partnership with Alternative to Violence (ATV).",
			[]candidate{{Name: "Alternative to Violence", Acronym: "ATV"}}},
		// Generic phrases are weak; sentence openers are not names.
		{"The cooperation strengthened competences of Prison Service employees.",
			[]candidate{{Name: "Prison Service", Weak: true}}},
		{"Both organisations have established these services.", nil},
		// Two organisations joined by "and" stay two.
		{"It worked with the Prison Service of the Czech Republic and the Norwegian Mediation Service on this.",
			[]candidate{{Name: "Prison Service of the Czech Republic"}, {Name: "Norwegian Mediation Service"}}},
		// One name with "and" inside stays one.
		{"The Probation and Mediation Service (PMS) piloted it.",
			[]candidate{{Name: "Probation and Mediation Service", Acronym: "PMS"}}},
		// The acronym first, the long form in brackets.
		{"Staff visited KRUS (University College of Norwegian Correctional Service) twice.",
			[]candidate{{Name: "University College of Norwegian Correctional Service", Acronym: "KRUS"}}},
		// Countries and demonyms are not list items.
		{"Staff of Czech, Polish and Norwegian prisons met.", nil},
		// Names in the languages of the pages, written in small letters
		// after their first word, ending in a head noun of that language.
		{"The facilities are run by the Lietuvos kalėjimų tarnyba.",
			[]candidate{{Name: "Lietuvos kalėjimų tarnyba"}}},
		{"Officers of KWP w Opolu wspólnie z czeską policją met.", nil},
		// A name in parentheses in another language is the same
		// organisation's; a generic English name gives way to it.
		{"The Prison Department under the Ministry of Justice (Kalėjimų departamentas) approved the rules.",
			[]candidate{{Name: "Prison Department under the Ministry of Justice", Alias: "Kalėjimų departamentas"}}},
		{"The Institute of Justice (Instytut Wymiaru Sprawiedliwości) will evaluate it.",
			[]candidate{{Name: "Instytut Wymiaru Sprawiedliwości"}}},
		// A name beside a noun that says what it is.
		{"It got advice from the probation association NEUSTART.",
			[]candidate{{Name: "NEUSTART"}}},
		// A country's code in parentheses is no acronym.
		{"Staff of the Institute for Labour and Family Research(SK) wrote it.",
			[]candidate{{Name: "Institute for Labour and Family Research"}}},
		// Words before "of" that name no kind of organisation are no part
		// of the name; "and" inside an "of" complement is one name.
		{"Data of the Hungarian Central Statistical Office show it.",
			[]candidate{{Name: "Hungarian Central Statistical Office"}}},
		{"The General Directorate of the Prison and Court Guard Service hosted it.",
			[]candidate{{Name: "General Directorate of the Prison and Court Guard Service"}}},
		// (a lone word is no candidate: the dictionary finds known ones)
		{"Patronat and Fundación Atenea tested it.",
			[]candidate{{Name: "Fundación Atenea"}}},
		{"The Warsaw-based Stowarzyszenie Penitencjarne tested it.",
			[]candidate{{Name: "Stowarzyszenie Penitencjarne"}}},
		{"Volunteers of the eLiberare Association helped.",
			[]candidate{{Name: "eLiberare Association"}}},
	}
	for _, tt := range tests {
		if got := candidates(tt.sentence); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("candidates(%q)\n got %+v\nwant %+v", tt.sentence, got, tt.want)
		}
	}
}

func TestNameCountry(t *testing.T) {
	for name, want := range map[string]string{
		"Bredtveit Prison(NO)":                 "NO",
		"Prison Service of the Czech Republic": "CZ",
		"Prison Service of the CR":             "CZ",
		"Prison Department under the Ministry of Justice of the Republic of Lithuania": "LT",
		"Norwegian Correctional Services":                                              "NO",
		"THEIA – krizové centrum o.p.s.":                                               "CZ",
		"Central Board of Prison Service":                                              "",
		"Alternative to Violence":                                                      "",
		"Correctional Service of Norway Staff Academy":                                 "NO",
	} {
		if got := nameCountry(name); got != want {
			t.Errorf("nameCountry(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestOutcomes(t *testing.T) {
	tests := []struct {
		sentence string
		want     []partnergraph.Outcome
	}{
		{"16 different training programmes for 1520 penitentiary staff members and 2 programmes for 652 inmates were provided.",
			[]partnergraph.Outcome{
				{Value: 16, Unit: "training programmes", Text: "16 training programmes"},
				{Value: 1520, Unit: "penitentiary staff members", Text: "1520 penitentiary staff members"},
				{Value: 2, Unit: "programmes", Text: "2 programmes"},
				{Value: 652, Unit: "inmates", Text: "652 inmates"},
			}},
		{"Brochures were translated into 16 languages.",
			[]partnergraph.Outcome{{Value: 16, Unit: "languages", Text: "translated into 16 languages"}}},
		{"70 school places for detained juveniles will be created.",
			[]partnergraph.Outcome{{Value: 70, Unit: "school places", Text: "70 school places", Planned: true}}},
		{"In March 2017, a conference lasted 3 days and cost €5,000 for 24 months.", nil},
	}
	for _, tt := range tests {
		if got := outcomesIn(tt.sentence); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("outcomesIn(%q)\n got %+v\nwant %+v", tt.sentence, got, tt.want)
		}
	}
}

func TestProgrammesIn(t *testing.T) {
	got := programmesIn("The Prison Service of the CR is interested in implementing programmes of the Prison Service of Norway (Motivation Program and Father's Program).")
	want := []programmeMention{
		{Name: "Motivation Program", Kind: "PROGRAMME", Activity: partnergraph.ActivityPlanned},
		{Name: "Father's Program", Kind: "PROGRAMME", Activity: partnergraph.ActivityPlanned},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	got = programmesIn("KRUS provided expert assistance developing the training programmes “Preparation of warden to work in dynamic protection” and “Integration of junior officers”.")
	if len(got) != 2 || got[0].Kind != "TRAINING" || got[0].Activity != partnergraph.ActivityDeveloped {
		t.Errorf("quoted trainings: %+v", got)
	}
	got = programmesIn("3 seminars on anger management were held; victim-offender mediation was run by the Probation and Mediation Service.")
	var names []string
	for _, m := range got {
		names = append(names, m.Name)
	}
	if !reflect.DeepEqual(names, []string{"anger management", "victim-offender mediation"}) {
		t.Errorf("interventions: %q", names)
	}
}

func TestDatesIn(t *testing.T) {
	tests := map[string][]string{
		"In March 2017, a conference was held at the Břevnov Monastery.": {"2017-03"},
		"The visit on 12 May 2019 and the one on 01/10/2018 went well.":  {"2019-05-12", "2018-10-01"},
		"Since 2016 the service has run, with 2017 participants.":        {"2016"},
		"No dates here, only 24 months.":                                 nil,
	}
	for s, want := range tests {
		if got := datesIn(s); !reflect.DeepEqual(got, want) {
			t.Errorf("datesIn(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestThemesIn(t *testing.T) {
	tests := map[string][]string{
		"Staff were trained to work with perpetrators of domestic violence.":    {"violence", "domestic-violence", "staff-training"},
		"A secondary school for detained juveniles opened.":                     {"juveniles", "education"},
		"Brochures for foreign prisoners were translated; drug addicts helped.": {"foreign-prisoners", "drugs"},
		"The weather was fine.": nil,
	}
	for text, want := range tests {
		if got := ThemesIn(text); !reflect.DeepEqual(got, want) {
			t.Errorf("ThemesIn(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestWithoutCountryTail(t *testing.T) {
	for name, want := range map[string]string{
		"State Probation Service of Latvia":                    "state probation service",
		"Ministry of Justice of the Czech Republic(CZ)":        "ministry of justice",
		"Prison Service of the Republic of Lithuania":          "prison service",
		"University College of Norwegian Correctional Service": "",
		"Ministry of Justice":                                  "",
		"Office of Norway":                                     "",
		"Probation and Mediation Services Czech Republic(CZ)":  "probation and mediation service",
		"Prison Service of the CR":                             "prison service",
	} {
		if got := withoutCountryTail(name); got != want {
			t.Errorf("withoutCountryTail(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestProseCountry(t *testing.T) {
	for _, tc := range []struct {
		text []string
		want string
	}{
		{[]string{"Bulgaria is a country of origin for many victims.", "Trainings were held in Sofia and Varna."}, "BG"},
		{[]string{"The Croatian probation service met Norwegian colleagues.", "Probation in Croatia is young."}, "HR"},
		{[]string{"Prison officers from the Czech Republic visited Oslo."}, "CZ"},
		// The donor states are not counted: Norway is no beneficiary state.
		{[]string{"Norwegian and Polish police trained together in Norway."}, "PL"},
		// Two beneficiary states as often each: none has the majority.
		{[]string{"Lithuanian and Latvian prisons exchanged staff."}, ""},
		{[]string{"A study visit to Kristiansand."}, ""},
		// A short word counts only as a code in capitals: the Spanish
		// article "el" is no Greece ("EL").
		{[]string{"El proyecto refuerza el trabajo de la red en el Alentejo y el norte de Portugal."}, "PT"},
		{[]string{"Partner from EL and from Portugal, and a second one from EL."}, "GR"},
	} {
		var sns []sentence
		for _, s := range tc.text {
			sns = append(sns, sentence{Text: s})
		}
		if got := proseCountry(sns); got != tc.want {
			t.Errorf("proseCountry(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
