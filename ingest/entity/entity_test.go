package entity

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func TestClean(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want Name
	}{
		{"DPP – University College of the Norwegian Correctional service staff academy (KRUS)", Name{Name: "University College of the Norwegian Correctional service staff academy", Acronym: "KRUS", Role: partnergraph.RoleDonorProjectPartner}},
		{"University College of the Norwegian Correctional Service Staff Academy (KRUS)(NO)", Name{Name: "University College of the Norwegian Correctional Service Staff Academy", Acronym: "KRUS", Country: "NO"}},
		{"Promoter Estonian National Social Insurance Board", Name{Name: "Estonian National Social Insurance Board", Role: partnergraph.RolePromoter}},
		{"Ministry of Justice of the Czech Republic(CZ)", Name{Name: "Ministry of Justice of the Czech Republic", Country: "CZ"}},
		{"Ministry of Justice - Bulgaria(BG) & Country: BG", Name{Name: "Ministry of Justice", Country: "BG"}},
		{"National Administration of Penitentiaries from Romania", Name{Name: "National Administration of Penitentiaries", Country: "RO"}},
		{"Alternative to Violence (ATV)(NO)", Name{Name: "Alternative to Violence", Acronym: "ATV", Country: "NO"}},
		{"Norwegian Centre for Violence and Traumatic Stress Studies (NKVTS)", Name{Name: "Norwegian Centre for Violence and Traumatic Stress Studies", Acronym: "NKVTS"}},
		{"Prison Service of the Czech Republic", Name{Name: "Prison Service of the Czech Republic"}},
		{"Ministry of Justice of the Republic of Lithuania", Name{Name: "Ministry of Justice of the Republic of Lithuania"}},
		{"Partnership Fund of Tartu", Name{Name: "Partnership Fund of Tartu"}},
		{"Bjørgvin prison´s school", Name{Name: "Bjørgvin prison's school"}},
		{"THEIA – krizové centrum o.p.s.", Name{Name: "THEIA – krizové centrum o.p.s."}},
		{"Persefona o.s.", Name{Name: "Persefona o.s."}},
		{"City of Bruges – BE", Name{Name: "City of Bruges", Country: "BE"}},
		{"Europol – Pays-Bas", Name{Name: "Europol", Country: "NL"}},
		{"Police Academy of Lower Saxony (Polizeiakademie Niedersachsen), DE", Name{Name: "Police Academy of Lower Saxony", Alias: "Polizeiakademie Niedersachsen", Country: "DE"}},
		{"Regional Directorate of the Ministry of Interior – Ruse", Name{Name: "Regional Directorate of the Ministry of Interior – Ruse"}},
		{"Irish Prison Service – Ireland (job shadowing at the education centre of Mountjoy Prison, 5 working days)", Name{Name: "Irish Prison Service", Country: "IE"}},
		{"KRUS – University College of Norwegian Correctional Service (NO)", Name{Name: "University College of Norwegian Correctional Service", Acronym: "KRUS", Country: "NO"}},
		// An address, a role or a translation after the name.
		{"Fundacja Sławek, Warszawa, Mazowieckie, Poland", Name{Name: "Fundacja Sławek", Country: "PL"}},
		{"Justizanstalt Graz-Karlau, Austria (coordinator)", Name{Name: "Justizanstalt Graz-Karlau", Country: "AT", Role: partnergraph.RolePromoter}},
		{"EPEA-NL – project coordinator", Name{Name: "EPEA-NL", Role: partnergraph.RolePromoter}},
		// A compound name and its translation after a spaced dash.
		{"Kriminalomsorgsdirektoratet – Direcția Serviciului Corecțional Norvegian", Name{Name: "Kriminalomsorgsdirektoratet", Alias: "Direcția Serviciului Corecțional Norvegian"}},
		// A role after a name in the page's language, read by its stem.
		{"Universiteit Gent, Belgija – koordinator projekta", Name{Name: "Universiteit Gent", Country: "BE", Role: partnergraph.RolePromoter}},
		{"Associazione Antigone, Roma – partner associato", Name{Name: "Associazione Antigone", Role: partnergraph.RoleMentioned}},
		{"Fundația Noi Orizonturi – partener", Name{Name: "Fundația Noi Orizonturi", Role: partnergraph.RoleProjectPartner}},
		{"Asociația Alternative Sociale – asociație non-profit", Name{Name: "Asociația Alternative Sociale – asociație non-profit"}},
		{"Rikosseuraamuslaitos (Criminal Sanctions Agency), Finland", Name{Name: "Rikosseuraamuslaitos", Alias: "Criminal Sanctions Agency", Country: "FI"}},
		{"Direcția Națională de Probațiune (National Probation Directorate)", Name{Name: "Direcția Națională de Probațiune", Alias: "National Probation Directorate"}},
		{"National Probation Directorate (Direcția Națională de Probațiune)", Name{Name: "National Probation Directorate", Alias: "Direcția Națională de Probațiune"}},
		{"National Criminal Investigation Service (Kripos)", Name{Name: "National Criminal Investigation Service", Alias: "Kripos"}},
		{"Kriminalomsorgens høgskole og utdanningssenter KRUS", Name{Name: "Kriminalomsorgens høgskole og utdanningssenter", Acronym: "KRUS"}},
		{"Asociația Romani CRISS", Name{Name: "Asociația Romani CRISS"}},
		{"Ministry of Justice, Public Security and Human Rights", Name{Name: "Ministry of Justice, Public Security and Human Rights"}},
		{"Police Department (Oslo)", Name{Name: "Police Department", Alias: "Oslo"}}, // a short name in parentheses: the known risk
	} {
		if got := Clean(c.raw); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Clean(%q) = %+v, want %+v", c.raw, got, c.want)
		}
	}
}

func TestSplitCoordination(t *testing.T) {
	known := func(s string) bool { return s == "Ila" }
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Bjørgvin Prison and KRUS", []string{"Bjørgvin Prison", "KRUS"}},
		{"Estonian National Social Insurance Board and ATV", []string{"Estonian National Social Insurance Board", "ATV"}},
		{"Norwegian Centre for Violence and Traumatic Stress Studies", []string{"Norwegian Centre for Violence and Traumatic Stress Studies"}},
		{"Ministry of Justice and Public Order", []string{"Ministry of Justice and Public Order"}},
		{"Prison Service and Probation Office of Latvia", []string{"Prison Service", "Probation Office of Latvia"}},
		{"Alternative to Violence", []string{"Alternative to Violence"}},
		{"Probation and Mediation Service of the Czech Republic", []string{"Probation and Mediation Service of the Czech Republic"}},
		{"The Probation and Mediation Service of the Czech Republic(CZ)", []string{"The Probation and Mediation Service of the Czech Republic(CZ)"}},
		{"General Directorate of the Prison and Court Guard Service", []string{"General Directorate of the Prison and Court Guard Service"}},
		{"Ministry of Justice and Ministry of Interior", []string{"Ministry of Justice", "Ministry of Interior"}},
		{"Ila and KRUS", []string{"Ila", "KRUS"}},
	} {
		if got := SplitCoordination(c.in, known); !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitCoordination(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJunk(t *testing.T) {
	for name, want := range map[string]bool{
		"Supporting Ties in the Education of Prisoners Erasmus Project": true,
		"European Prison Rules":                        true,
		"Dr Jana Novak":                                true,
		"Norway Grants":                                true,
		"European Regional Development Fund":           true,
		"Norwegian Financial Mechanism":                true,
		"Prison Service of the Czech Republic":         false,
		"Foundation for Prison Rules":                  false,
		"Alternative to Violence":                      false,
		"Correctional Service of Norway Staff Academy": false,
	} {
		if got := Junk(name); got != want {
			t.Errorf("Junk(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestSameWithOneWordMore(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Estonian Social Insurance Board", "Estonian National Social Insurance Board", true},
		{"Ministry of Justice of the Czech Republic", "Ministry of Justice of the Slovak Republic", false},
		{"Ministry of Justice", "Ministry of Justice of Lithuania", false},
		{"Oslo Probation Office", "Oslo Akershus Probation Office", false},
		{"Latvian Prison Administration", "Latvian State Prison Administration", true},
		{"Prison Service", "Prison Service Academy", false},
		{"Directorate of Norwegian Correctional Service", "Directorate of Norwegian Correctional Service", false},
	} {
		if got := SameWithOneWordMore(Key(c.a), Key(c.b)); got != c.want {
			t.Errorf("SameWithOneWordMore(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if !strings.Contains(Key("Bjørgvin prison´s school"), "bjorgvin") {
		t.Errorf("Key does not fold: %q", Key("Bjørgvin prison´s school"))
	}
}

func TestNationalForm(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"Prison Service of the Czech Republic", "Czech Prison Service", true},
		{"Ministry of Justice of the Czech Republic", "Czech Ministry of Justice", true},
		{"Prison Service of Estonia", "Estonian Prison Service", true},
		{"Prison Service of Estonia", "Latvian Prison Service", false},
		{"Ministry of Justice of the Republic of Lithuania", "Lithuanian Ministry of Justice", true}, // the country's formal name
		{"Ministry of Justice of the Republic of Lithuania", "Ministry of Justice of the Republic of Latvia", false},
		{"Probation and Mediation Services Czech Republic", "The Probation and Mediation Service of the Czech Republic", true},
		{"Probation and Mediation Services Czech Republic", "Probation and Mediation Service of Slovakia", false},
		{"Correctional Service of Norway Staff Academy", "Norwegian Correctional Service", false},
	} {
		if got := NationalForm(Key(c.a)) == NationalForm(Key(c.b)); got != c.same {
			t.Errorf("%q ~ %q: %v (%q, %q)", c.a, c.b, got, NationalForm(Key(c.a)), NationalForm(Key(c.b)))
		}
	}
}

// TestEndsWithJunkWord: the suffix test says what the regexp it replaced
// said, on names that end in each junk word, in other words, in longer
// words and in other cases.
func TestEndsWithJunkWord(t *testing.T) {
	old := regexp.MustCompile(`(?i)(\berasmus\+? project|\bprojects?|\bprogrammes?|\bprograms?|\brules|\bstandards|\bguidelines|\bconvention|\bstrategy|\bact|\bgrants?)$`)
	names := []string{"European Prison Rules", "Second Chance Erasmus+ Project", "Erasmus Project", "Norway Grants", "EEA Grant",
		"Probation Act", "Contact", "Impact", "Subproject", "National Strategy", "Strategy Office", "act", "ACT", "Prison Standards.",
		"Hague Convention", "Convention Centre", "Programme", "Reprogrammes", "Youth Programs", "grants", "Migrants", "Pre-project"}
	for _, n := range names {
		if got, want := endsWithJunkWord(n), old.MatchString(n); got != want {
			t.Errorf("endsWithJunkWord(%q) = %v, the regexp said %v", n, got, want)
		}
	}
}

// Head nouns in the languages of the pages, and of compounds.
func TestIsHead(t *testing.T) {
	for w, want := range map[string]bool{
		"ministry": true, "Direcția": true, "direcţia": true, "Fundacja": true, "zavod": true, "dienests": true,
		"Politidirektoratet": true, "Ressurssenter": true, "Pinsemenighet": true, "Rikosseuraamuslaitos": true,
		"friomsorgskontor": true, "Direção-Geral": true, "tarnyba": true,
		// the other languages' heads of the same kinds of body
		"Ministère": true, "Université": true, "Questura": true, "Fiscalía": true, "Estabelecimento": true,
		"Universiteit": true, "Högskola": true, "Vankila": true, "Ülikool": true, "Cietums": true, "Zapor": true,
		"Úřad": true, "Väznica": true, "Judecătoria": true, "Гимназия": true, "Πανεπιστήμιο": true, "Ministeru": true,
		"Staatsanwaltschaft": true, "Polizeischule": true, "ammattikorkeakoulu": true, "Ufficio": true,
		// common nouns that open sentences more often than names
		"Direction": false, "Δίκτυο": false,
		"violence": false, "Oslo": false, "trafficking": false, "Norway": false, "centrally": false,
	} {
		if got := IsHead(w); got != want {
			t.Errorf("IsHead(%q) = %v, want %v", w, got, want)
		}
	}
}

// A native head in another of its cases is a head form; English words
// that share a stem are not, nor are words too short to tell.
func TestIsHeadForm(t *testing.T) {
	for w, want := range map[string]bool{
		"Ministarstva": true, "tarnybos": true, "universitetu": true, "Administrației": true,
		"Министерството": true, "Zavodu": true, "prokuratūros": true, "služby": true, "direktorāts": true,
		"ministry": true, "tarnyba": true,
		"policy": false, "policies": false, "regional": false, "regions": false, "Oslo": false, "violence": false,
	} {
		if got := IsHeadForm(w); got != want {
			t.Errorf("IsHeadForm(%q) = %v, want %v", w, got, want)
		}
	}
	for w, want := range map[string]bool{"Ministarstva": true, "ministarstvo": false, "tarnyba": false} {
		if got := IsInflectedHead(w); got != want {
			t.Errorf("IsInflectedHead(%q) = %v, want %v", w, got, want)
		}
	}
}
