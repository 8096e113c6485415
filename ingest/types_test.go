package ingest

import (
	"reflect"
	"testing"
)

// Every value of a facts block gets a type from its form alone.
func TestTypeOf(t *testing.T) {
	for v, want := range map[string]valueType{
		"In implementation":                  typeStatus,
		"Completed":                          typeStatus,
		"ongoing":                            typeStatus,
		"LT14-0004":                          typeCode,
		"RO-JUSTICE-0002":                    typeCode,
		"CZ-JUSTICE-BI003":                   typeCode,
		"2018-1-EL01-KA204-047884":           typeCode,
		"CZ0089":                             typeCode,
		"CZ.11.4.120/0.0/0.0/16_026/0001472": typeCode,
		"€ 2,224,503":                        typeMoney,
		"PLN 1 824 355,00":                   typeMoney,
		"9.412.340 lei":                      typeMoney,
		"EUR 6.5 million":                    typeMoney,
		"90%":                                typePercent,
		"01/10/2018":                         typeDate,
		"1 January 2023":                     typeDate,
		"May 17, 2017":                       typeDate,
		"1. 5. 2020":                         typeDate,
		"01.03.2021 – 30.04.2024":            typePeriod,
		"from September 2020 to August 2023": typePeriod,
		"24 months":                          typeDuration,
		"Norway":                             typeCountry,
		"Study visit":                        typeActivity,
		"Preparation of partnership project or application": typeActivity,
		"Ministry of Justice of the Czech Republic":         typeOrg,
		"Direcția Națională de Probațiune":                  typeOrg,
		"KRUS":                                              typeOrg,
		"Alternative to Violence (ATV)(NO)":                 typeOrg,
		"Justice":                                           typeText,
		"2019":                                              typeText,
	} {
		if got := typeOf(v); got != want {
			t.Errorf("typeOf(%q) = %s, want %s", v, got, want)
		}
	}
}

// A project number is one token with a digit: never a status, a year, an
// amount or a word.
func TestIsCode(t *testing.T) {
	for v, want := range map[string]bool{
		"LT14-0004": true, "HU07-0044": true, "2017/123": true, "12345": true,
		"In implementation": false, "2019": false, "1,234": false, "Justice": false, "01/10/2018": false, "KA2": false,
	} {
		if got := isCode(v); got != want {
			t.Errorf("isCode(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestSplitPeriod(t *testing.T) {
	for v, want := range map[string][2]string{
		"01.03.2019 - 28.02.2021":                    {"01.03.2019", "28.02.2021"},
		"1.11.2023–31.10.2026":                       {"1.11.2023", "31.10.2026"},
		"01-11-2022 - 31-10-2024":                    {"01-11-2022", "31-10-2024"},
		"September 2018 - June 2019":                 {"September 2018", "June 2019"},
		"from September 2020 to August 2023":         {"September 2020", "August 2023"},
		"24 MONTHS (May 17, 2017-November 16, 2019)": {"May 17, 2017", "November 16, 2019"},
		"1. 4. 2021. – 30. 9. 2022. (18 mjeseci)":    {"1. 4. 2021.", "30. 9. 2022."},
		"11/2022 – 10/2025":                          {"11/2022", "10/2025"},
		// Two dates joined by small words, in any language.
		"1 januari 2023 tot en met 31 december 2025": {"1 januari 2023", "31 december 2025"},
		"01.03.2021 bis 28.02.2023":                  {"01.03.2021", "28.02.2023"},
		"1. März 2021 bis 28. Februar 2023":          {"1. März 2021", "28. Februar 2023"},
		"01/02/2022 a 31/07/2024":                    {"01/02/2022", "31/07/2024"},
		// Small words before the first date; a duration beside the dates.
		"du 01/12/2023 au 30/11/2026":              {"01/12/2023", "30/11/2026"},
		"24 miesiące – od 1.03.2021 do 28.02.2023": {"1.03.2021", "28.02.2023"},
		"1.3.2021 – 30.4.2024, 38 months":          {"1.3.2021", "30.4.2024"},
	} {
		from, to, ok := splitPeriod(v)
		if !ok || from != want[0] || to != want[1] {
			t.Errorf("splitPeriod(%q) = %q %q %v, want %q", v, from, to, ok, want)
		}
	}
	if _, _, ok := splitPeriod("2013-2016"); ok {
		t.Error("two years read as two dates")
	}
	for _, v := range []string{
		"14.06.2021 | Last modified: 09.02.2024",       // words between with capitals and marks
		"01.03.2021 and then a long way to 28.02.2023", // more than three words between
	} {
		if from, to, ok := splitPeriod(v); ok {
			t.Errorf("splitPeriod(%q) = %q %q: no period", v, from, to)
		}
	}
}

// A month without a day is its first day, or its last at the end of a
// period.
func TestParseDateIn(t *testing.T) {
	for _, c := range []struct {
		in   string
		end  bool
		want string
	}{
		{"1 January 2023", false, "2023-01-01"}, {"May 17, 2017", false, "2017-05-17"}, {"1. 5. 2020", false, "2020-05-01"},
		{"June 2019", true, "2019-06-30"}, {"February 2024", true, "2024-02-29"}, {"September 2018", false, "2018-09-01"},
		{"11/2022", false, "2022-11-01"}, {"10/2025", true, "2025-10-31"}, {"02.2024", true, "2024-02-29"},
	} {
		if got, err := parseDateIn(c.in, c.end); err != nil || got != c.want {
			t.Errorf("parseDateIn(%q, %v) = %q %v, want %q", c.in, c.end, got, err, c.want)
		}
	}
}

// An amount keeps its currency; a non-euro amount is never read as euros.
func TestMoneyWithItsCurrency(t *testing.T) {
	for _, c := range []struct {
		in       string
		amount   int64
		currency string
	}{
		{"€ 549,601", 549601, "EUR"}, {"PLN 1 824 355,00", 1824355, "PLN"}, {"9.412.340 lei", 9412340, "RON"},
		{"57 885 000,00 CZK", 57885000, "CZK"}, {"NOK 250 000", 250000, "NOK"}, {"EUR 6.5 million", 6500000, "EUR"},
		{"4.705.882,35 Euro", 4705882, "EUR"}, {"245,180", 245180, ""},
	} {
		a, cur, err := parseMoney(c.in)
		if err != nil || a != c.amount || cur != c.currency {
			t.Errorf("parseMoney(%q) = %d %q %v, want %d %q", c.in, a, cur, err, c.amount, c.currency)
		}
	}
}

// What an amount in a sentence is of: the nearest cue after it, else
// before it; co-financing and a programme's money are neither.
func TestAmountsIn(t *testing.T) {
	got := map[string]int64{}
	for _, s := range []string{
		"With EUR 1.15 million from the Norway Grants, the administration equipped classrooms.",
		"The project cost EUR 1.35 million in the end.",
		"9.412.340 lei, of which 8.000.489 lei Norway Grants (85%) and 1.411.851 lei national co-financing",
		"The programme has a budget of 52,941,176 EUR.",
		// No cue of the list: the words before read by the labels' stems.
		"A teljes költségvetés 1 742 618,40 EUR volt.",
		// millions and currencies in the pages' languages, a small word
		// between the figure and its currency
		"Prosjektet har et totalbudsjett på rundt 1,2 millioner euro.",
		"Proiectul a beneficiat de un grant norvegian de 1.870.000 de euro.",
	} {
		for _, x := range amountsIn(s) {
			if x.what != "" {
				got[x.what+" "+x.a.text] = x.a.v
			}
		}
	}
	want := map[string]int64{"grant EUR 1.15 million": 1150000, "cost EUR 1.35 million": 1350000, "grant 8.000.489 lei": 8000489, "cost 1 742 618,40 EUR": 1742618,
		"cost 1,2 millioner euro": 1200000, "grant 1.870.000 de euro": 1870000}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("amounts %v, want %v", got, want)
	}
}

// A line of places under a name is its address.
func TestIsAddress(t *testing.T) {
	for v, want := range map[string]bool{
		"Warszawa, Mazowieckie": true, "Timisoara, Vest, Romania": true, "Poland": true, "Rosenheim (DE)": true, "Hansestadt Rostock (DE)": false, "CESIE (IT)": false,
		"Zavod Krog, Slovenia": false, "Ministry of Justice, Public Security and Human Rights": false, "Brno": false,
	} {
		if got := isAddress(v); got != want {
			t.Errorf("isAddress(%q) = %v, want %v", v, got, want)
		}
	}
	for v, want := range map[string]string{
		"Ljubljana, Slovenia · ERDF": "Ljubljana, Slovenia", "Beograd, Serbia · IPA III": "Beograd, Serbia",
		"Zavod Krog · ERDF": "", "Oslo, Norway · Project partner": "",
	} {
		if got, ok := address(v); got != want || ok != (want != "") {
			t.Errorf("address(%q) = %q, %v, want %q", v, got, ok, want)
		}
	}
}
