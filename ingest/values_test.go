package ingest

import (
	"reflect"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"€655,397", 655397, true},
		{"€ 549,601", 549601, true},
		{"EUR 512 300", 512300, true},
		{"€ 16,240.50", 16240, true},
		{"1.200.000 €", 1200000, true},
		{"€ 250,000.00", 250000, true},
		{"unknown", 0, false},
		// Words for millions and thousands in the pages' languages.
		{"om lag 2,35 millioner euro", 2350000, true},
		{"EUR 1.5 million", 1500000, true},
		{"€ 2 milijona", 2000000, true},
		{"1,2 millió EUR", 1200000, true},
		{"850 tis. EUR", 850000, true},
		{"€15 εκ.", 15000000, true},
	}
	for _, tt := range tests {
		got, cur, err := parseMoney(tt.in)
		if (err == nil) != tt.ok || got != tt.want || (tt.ok && cur != "EUR") {
			t.Errorf("parseMoney(%q) = %d %q %v, want %d", tt.in, got, cur, err, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"01/10/2018": "2018-10-01", "30/09/2020": "2020-09-30", "2022-03-01": "2022-03-01", "1.3.2022": "2022-03-01",
		"2023.11.01.": "2023-11-01", "2023. 11. 1.": "2023-11-01", "2023/11/01": "2023-11-01"} {
		if got, err := parseDate(in); err != nil || got != want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"31/02/2020", "2020", "next year", "13/2020"} {
		if _, err := parseDate(in); err == nil {
			t.Errorf("parseDate(%q): no error", in)
		}
	}
	// A month's word in any of its cases, by its stem; "listopad" on a
	// Croatian page is October, elsewhere November.
	for _, c := range []struct{ in, lang, want string }{
		{"30. travnja 2024.", "", "2024-04-30"},
		{"1. listopada 2020.", "", "2020-11-01"},
		{"1. listopada 2020.", "HR", "2020-10-01"},
		{"1 października 2020", "PL", "2020-10-01"},
	} {
		if got, err := parseDateLang(c.in, false, c.lang); err != nil || got != c.want {
			t.Errorf("parseDateLang(%q, %q) = %q, %v; want %q", c.in, c.lang, got, err, c.want)
		}
	}
}

// A value that is one date written with its month's word, its year first,
// is read as prose reads it; words before the date make it no date value.
func TestWordOrderDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		end  bool
		want string
	}{
		{"2024 m. sausio 1 d.", false, "2024-01-01"},
		{"2025 m. gruodžio 31 d", true, "2025-12-31"},
		{"2023. gada 1. oktobris", false, "2023-10-01"},
		{"2024. január 15.", false, "2024-01-15"},
		{"2018. gada oktobrī", true, "2018-10-31"},
		{"en met 31 december 2025", false, ""},
		{"2024 m. sausio 1 d. ir 2025 m. sausio 1 d.", false, ""},
		{"450 000 Eur", false, ""},
	} {
		if got := wordOrderDate(c.in, c.end); got != c.want {
			t.Errorf("wordOrderDate(%q, %v) = %q, want %q", c.in, c.end, got, c.want)
		}
	}
	if got, err := parseDate("2024 m. sausio 1 d."); err != nil || got != "2024-01-01" {
		t.Errorf("parseDate: %q, %v", got, err)
	}
}

// A time of day is no amount ("Radno vrijeme: 8:00 – 15:00"), an amount
// with its currency and a colon-free number are.
func TestTimeIsNoAmount(t *testing.T) {
	for in, ok := range map[string]bool{"ponedjeljak – petak, 8:00 – 15:00": false, "8:00": false, "8.000.625,00 kn": true, "EUR 8:00": true} {
		if _, _, err := parseMoney(in); (err == nil) != ok {
			t.Errorf("parseMoney(%q): error %v, want an amount %v", in, err, ok)
		}
	}
}

func TestParseErasmusCode(t *testing.T) {
	got, ok := ParseErasmusCode("2018-1-EL01-KA204-047884")
	want := &partnergraph.ErasmusCode{CallYear: 2018, Round: 1, NationalAgency: "EL01", CountryCode: "GR", KeyAction: "KA2", ActionType: "KA204", Serial: "047884"}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	got, ok = ParseErasmusCode("2022-1-CZ01-KA152-YOU-0000014584")
	if !ok || got.Field != "YOU" || got.CountryCode != "CZ" || got.KeyAction != "KA1" || got.CallYear != 2022 {
		t.Errorf("2021+ code: %+v", got)
	}
	if _, ok := ParseErasmusCode("LT14-0004"); ok {
		t.Error("LT14-0004 parsed as an Erasmus+ code")
	}
}

func TestCodeCountry(t *testing.T) {
	for code, want := range map[string]string{"LT14-0004": "LT", "CZ12-0042": "CZ", "LT-JUSTICE-0003": "LT", "CZ-JUSTICE-BI003": "CZ", "EE-LOCALDEV-0003": "EE", "XX12-0001": "", "hello": ""} {
		if got := codeCountry(code); got != want {
			t.Errorf("codeCountry(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestDuration(t *testing.T) {
	if n, err := parseDuration("24 months"); err != nil || n != 24 {
		t.Errorf("24 months = %d %v", n, err)
	}
	if n, err := parseDuration("2 years"); err != nil || n != 24 {
		t.Errorf("2 years = %d %v", n, err)
	}
	if _, err := parseDuration("long"); err == nil {
		t.Error("no error for 'long'")
	}
}

func TestMoneyInMillions(t *testing.T) {
	for in, want := range map[string]int64{"EUR 1.5 million": 1500000, "€ 2,3 mln": 2300000, "€ 13 million": 13000000, "€ 1,250,000": 1250000} {
		if v, _, err := parseMoney(in); err != nil || v != want {
			t.Errorf("parseMoney(%q) = %d, %v; want %d", in, v, err, want)
		}
	}
}

// A count of organisations under a partner label is no organisation.
func TestCountIsNoOrganisation(t *testing.T) {
	ev := partnergraph.Evidence{}
	if _, ok := cleanFact("6 beneficiaries from 5 countries", partnergraph.RoleProjectPartner, true, ev); ok {
		t.Error("a count read as a partner")
	}
	if _, ok := cleanFact("3D Printing Lab Oslo", partnergraph.RoleProjectPartner, true, ev); !ok {
		t.Error("a name that begins with a number and a capital is a name")
	}
}

// The unit an organisation acts through, after a comma, is no part of its
// name.
func TestWithoutMeans(t *testing.T) {
	for in, want := range map[string]string{
		"Ayuntamiento de Badajoz, a través de la Concejalía de Igualdad": "Ayuntamiento de Badajoz",
		"City of Oslo, represented by the Health Agency":                 "City of Oslo",
		"Ministry of Justice, Public Security and Human Rights":          "Ministry of Justice, Public Security and Human Rights",
	} {
		if got := withoutMeans(in); got != want {
			t.Errorf("withoutMeans(%q) = %q, want %q", in, got, want)
		}
	}
}
