package ingest

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/partnergraph/partnergraph"
)

var (
	moneyDigits = regexp.MustCompile(`\d[\d,. \x{00a0}\x{202f}]*`)
	// 2018-1-EL01-KA204-047884, 2022-1-CZ01-KA152-YOU-0000014584
	erasmusCode = regexp.MustCompile(`^(\d{4})-(\d)-([A-Z]{2})(\d{2})-(KA\d)(\d{2})(?:-([A-Z]{3}))?-(\d{6,10})$`)
	// LT14-0004, CZ-JUSTICE-BI003, EE-LOCALDEV-0003: the state comes first.
	grantsCode = regexp.MustCompile(`^([A-Z]{2})(?:\d{2}-\d{3,5}|-[A-Z]+-[A-Z]*\d{2,5})$`)
	monthsRe   = regexp.MustCompile(`(?i)^(\d{1,3})\s*(months?|years?)$`)
	dmyDate    = regexp.MustCompile(`^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$`)
	// "1 January 2023", "May 17, 2017", "March 2019".
	wordDate = regexp.MustCompile(`(?i)^(?:(\d{1,2})\.?\s+)?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?,?)?\s+(\d{4})$`)
	// "2022-03-01", and the year first with dots or slashes as Hungarian
	// and Lithuanian pages write it: "2023.11.01", "2023. 11. 01", "2023/11/01".
	isoDate = regexp.MustCompile(`^(\d{4})(?:-(\d{2})-(\d{2})|\.\s?(\d{1,2})\.\s?(\d{1,2})|/(\d{1,2})/(\d{1,2}))$`)
	// "11/2022", "03.2019": a month and its year, in numbers.
	monthYearDate = regexp.MustCompile(`^(\d{1,2})\s*[/.]\s*(\d{4})$`)
	// A number and a word for millions or thousands, in the pages'
	// languages: "1.5 million", "2,35 millioner", "5,2 mln", "3,1 mil.",
	// "2 milijona", "1,2 millió", "4 miljoen", "850 tis.", "120 tys.",
	// "118 tisíc", "45 tysięcy", "300 mii".
	// Billions ("miliard", "milliarder") are no millions.
	millions  = regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)\s*(?:mil+i?j?(?:o|ó|oe)n?\pL*|milh(?:ão|õ)\pL*|мил+ион\pL*|εκατομμ\pL*|εκατ|εκ\.|mln|mill|mil|mio|m)(?:$|[^\pL])`)
	thousands = regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)\s*(?:thousand|tis\.|tys\.|tsd\.|tūkst\.|tuhat|tuhatta|хил\.|χιλ\.|tisíc|tisícov|tisic|tysięcy|tysiące|tysiąc|tūkstančių|tūkstantis|tūkstoši|tausend|tusen|ezer|хиляди|χιλιάδες|mii|tisuća|tisoč)(?:$|[^\pL])`)
)

// findIf is re.FindStringSubmatch(s) when ok, nil otherwise.
func findIf(ok bool, re *regexp.Regexp, s string) []string {
	if !ok {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// currencyAfter: the text after an amount's figures begins with a
// currency's word or sign and says nothing more ("EUR", "euro.", "lei"):
// no word for millions or thousands follows the figures.
func currencyAfter(rest string) bool {
	rest = strings.TrimLeft(rest, " \u00a0\u202f")
	w, tail, _ := strings.Cut(rest, " ")
	w = strings.ToLower(strings.TrimRight(w, ".,;:!?)"))
	return (currencyWords[w] != "" || currencyAfterWords[w]) && !strings.ContainsAny(tail, "0123456789") && len(tail) < 40
}

// currencyAfterWords are the words and signs of currencies written after
// an amount that currencyWords does not hold.
var currencyAfterWords = map[string]bool{"eura": true, "eurų": true, "eurot": true, "eiro": true, "evrov": true, "ευρώ": true, "ευρω": true,
	"евро": true, "€": true, "zł": true, "kč": true, "лева": true, "sek": true, "dkk": true}

// parseMoney reads "€655,397", "€ 549,601", "EUR 1 200 000" or "1.200.000 €"
// as whole euros.
// ParseMoney reads an amount as pages and exports write it ("€ 1,244,890",
// "1234,56", "1,234.56", "PLN 1 824 355,00", "EUR 1.5 million"): whole
// units, and the currency when the text names one.
func ParseMoney(s string) (amount int64, currency string, err error) { return parseMoney(s) }

func parseMoney(s string) (amount int64, currency string, err error) {
	s = strings.TrimSpace(s)
	currency = currencyOf(s)
	loc := moneyDigits.FindStringIndex(s)
	if loc == nil {
		return 0, "", fmt.Errorf("no amount in %q", s)
	}
	m := s[loc[0]:loc[1]]
	// "8:00 – 15:00": a time of day is no amount.
	if rest := s[loc[1]:]; len(rest) >= 3 && rest[0] == ':' && rest[1] >= '0' && rest[1] <= '9' && rest[2] >= '0' && rest[2] <= '9' && currency == "" {
		return 0, "", fmt.Errorf("%q is a time of day, not an amount", s)
	}
	// "EUR 1.5 million", "€ 2,3 mln": a decimal number of millions. (Not
	// looked for when a currency's word follows the figures: "1 234 567
	// EUR".)
	rest := strings.TrimLeft(s[loc[1]:], " \u00a0\u202f")
	scaled := rest != "" && !currencyAfter(rest)
	if g := findIf(scaled, millions, s); g != nil {
		f, err := strconv.ParseFloat(strings.ReplaceAll(g[1], ",", "."), 64)
		if err != nil {
			return 0, "", fmt.Errorf("amount %q: %v", s, err)
		}
		return int64(math.Round(f * 1e6)), currency, nil
	}
	if g := findIf(scaled, thousands, s); g != nil {
		f, err := strconv.ParseFloat(strings.ReplaceAll(g[1], ",", "."), 64)
		if err != nil {
			return 0, "", fmt.Errorf("amount %q: %v", s, err)
		}
		return int64(math.Round(f * 1e3)), currency, nil
	}
	m = strings.TrimRight(m, " ,.\u00a0\u202f")
	// A trailing ".dd" or ",dd" is cents: drop it.
	if n := len(m); n > 3 && (m[n-3] == '.' || m[n-3] == ',') && !strings.ContainsAny(m[n-2:], ".,") {
		cents := m[n-3]
		if strings.Count(m, string(cents)) == 1 {
			m = m[:n-3]
		}
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, m)
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, "", fmt.Errorf("amount %q: %v", s, err)
	}
	return v, currency, nil
}

// parseDate reads dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy, "1. 5. 2020",
// yyyy-mm-dd, "1 January 2023" and "May 17, 2017" into yyyy-mm-dd.
func parseDate(s string) (string, error) { return parseDateIn(s, false) }

// wordOrderDate reads a value that is one date written with its month's
// word in the order of its language, as prose is read (datesByWord): the
// year first in Lithuanian, Latvian or Hungarian ("2024 m. sausio 1 d.",
// "2023. gada 1. oktobris", "2024. január 15."). A month without a day
// is its first day, or its last when end is set. "" when the value is not
// one such date.
func wordOrderDate(s string, end bool) string {
	if len(strings.Fields(s)) > 6 || s == "" || s[0] < '0' || s[0] > '9' {
		return "" // (a date that starts with its year or day, nothing before it)
	}
	dates, _ := datesByWord(s)
	if len(dates) != 1 {
		return ""
	}
	return monthDay(dates[0], end)
}

// parseDateIn is parseDate; a month without a day ("March 2019") is its
// first day, or its last when end is set (the end of a period).
func parseDateIn(s string, end bool) (string, error) { return parseDateLang(s, end, "") }

// parseDateLang is parseDateIn on a page written in the language of the
// country lang ("" when it does not matter): "listopad" is November in
// Polish and Czech and October in Croatian.
func parseDateLang(s string, end bool, lang string) (string, error) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".,;"))
	// "15.06.2020 г.": the Bulgarian "year" after a date.
	for _, y := range []string{" г", " r", " m", " gada"} {
		s = strings.TrimSuffix(s, y)
	}
	var y, m, d int
	if g := dmyDate.FindStringSubmatch(s); g != nil {
		d, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else if g := isoDate.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		for i := 2; i+1 < len(g); i += 2 {
			if g[i] != "" {
				m, _ = strconv.Atoi(g[i])
				d, _ = strconv.Atoi(g[i+1])
			}
		}
	} else if g := monthYearDate.FindStringSubmatch(s); g != nil {
		m, _ = strconv.Atoi(g[1])
		y, _ = strconv.Atoi(g[2])
		if m < 1 || m > 12 {
			return "", fmt.Errorf("date %q has no month %d", s, m)
		}
		if end {
			return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), nil
		}
		d = 1
	} else if g := wordDate.FindStringSubmatch(foreignDate(s, lang)); g != nil {
		day := g[1]
		if day == "" {
			day = g[3]
		}
		m = months[strings.ToLower(g[2])]
		y, _ = strconv.Atoi(g[4])
		if day == "" {
			if end {
				return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), nil
			}
			d = 1
		} else {
			d, _ = strconv.Atoi(day)
		}
	} else if w := wordOrderDate(s, end); w != "" {
		return w, nil
	} else {
		return "", fmt.Errorf("date %q is not dd/mm/yyyy", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return "", fmt.Errorf("date %q does not exist", s)
	}
	return t.Format("2006-01-02"), nil
}

// monthNames are the months of the pages' languages, folded, with the
// English name they are read as: "1 de septiembre de 2023", "august 2020",
// "2020. gada 1. jūlijs".
var monthNames = func() map[string]string {
	m := map[string]string{}
	for _, names := range []string{
		// (first, so that the languages below win a word two share:
		// "listopada" is November in Polish, October in Croatian)
		"siječanj veljača ožujak travanj svibanj lipanj srpanj kolovoz rujan listopad studeni prosinac",                                    // Croatian
		"siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca",                                // Croatian
		"januarja februarja marca aprila maja junija julija avgusta septembra oktobra novembra decembra",                                   // Slovenian
		"sausis vasaris kovas balandis gegužė birželis liepa rugpjūtis rugsėjis spalis lapkritis gruodis",                                  // Lithuanian
		"tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta", // Finnish
		"januari februari mars april maj juni juli augusti september oktober november december",                                            // Swedish
		"januar februar marts april maj juni juli august september oktober november december",                                              // Danish
		"lednu únoru březnu dubnu květnu červnu červenci srpnu září říjnu listopadu prosinci",                                              // Czech, after "v"
		"januar februar mars april mai juni juli august september oktober november desember",                                               // Norwegian
		"januar februar märz april mai juni juli august september oktober november dezember",                                               // German
		"enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",                                         // Spanish
		"janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",                                         // Portuguese
		"gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",                                    // Italian
		"janvier février mars avril mai juin juillet août septembre octobre novembre décembre",                                             // French
		"januari februari maart april mei juni juli augustus september oktober november december",                                          // Dutch
		"janvāris februāris marts aprīlis maijs jūnijs jūlijs augusts septembris oktobris novembris decembris",                             // Latvian
		"jaanuar veebruar märts aprill mai juuni juuli august september oktoober november detsember",                                       // Estonian
		"januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra",                                         // Slovak
		"stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",                               // Polish
		"ledna února března dubna května června července srpna září října listopadu prosince",                                              // Czech
		"leden únor březen duben květen červen červenec srpen září říjen listopad prosinec",                                                // Czech
		"ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie",                                // Romanian
		"január február március április május június július augusztus szeptember október november december",                                // Hungarian
		"januar februar marec april maj junij julij avgust september oktober november december",                                            // Slovenian
		"janúar febrúar mars apríl maí júní júlí ágúst september október nóvember desember",                                                // Icelandic
		"sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio lapkričio gruodžio",                                // Lithuanian
		"януари февруари март април май юни юли август септември октомври ноември декември",                                                // Bulgarian
		"ιανουαρίου φεβρουαρίου μαρτίου απριλίου μαΐου ιουνίου ιουλίου αυγούστου σεπτεμβρίου οκτωβρίου νοεμβρίου δεκεμβρίου",               // Greek
		"ιανουάριος φεβρουάριος μάρτιος απρίλιος μάιος ιούνιος ιούλιος αύγουστος σεπτέμβριος οκτώβριος νοέμβριος δεκέμβριος",               // Greek
	} {
		for i, n := range strings.Fields(names) {
			m[partnergraph.Fold(n)] = englishMonths[i]
		}
	}
	return m
}()

var (
	yearFirstDate = regexp.MustCompile(`^(\d{4})\.?\s+(?:gada\s+)?(\d{1,2})\.?\s+(\p{L}+)$`)
	dayMonthYear  = regexp.MustCompile(`^(\d{1,2})\.?\s+(?:de\s+)?(\p{L}+)\.?\s+(?:de\s+)?(\d{4})$`)
	monthYearOnly = regexp.MustCompile(`^(\p{L}+)\.?\s+(?:de\s+)?(\d{4})$`)
)

// foreignDate writes a date with a month name of another language in
// English ("1 de septiembre de 2023" is "1 September 2023", "2020. gada 1.
// jūlijs" is "1 July 2020"); other text is returned as it is.
func foreignDate(s, lang string) string {
	if g := yearFirstDate.FindStringSubmatch(s); g != nil {
		if en, ok := monthName(g[3], lang); ok {
			return g[2] + " " + en + " " + g[1]
		}
	}
	if g := dayMonthYear.FindStringSubmatch(s); g != nil {
		if en, ok := monthName(g[2], lang); ok {
			return g[1] + " " + en + " " + g[3]
		}
	}
	if g := monthYearOnly.FindStringSubmatch(s); g != nil {
		if en, ok := monthName(g[1], lang); ok {
			return en + " " + g[2]
		}
	}
	return s
}

// englishMonths are the months' English names, January first.
var englishMonths = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthName is the English name of the month a word names in a language
// of the pages: its name in monthNames, or the month whose stem it
// begins with in any case (monthOf: "travnja", April's genitive in
// Croatian). On a Croatian page "listopad" is October.
func monthName(w, lang string) (string, bool) {
	f := partnergraph.Fold(w)
	if lang == "HR" && strings.HasPrefix(f, "listopad") {
		return "october", true
	}
	if en, ok := monthNames[f]; ok {
		return en, true
	}
	if m := monthOf(f); m > 0 {
		return englishMonths[m-1], true
	}
	return "", false
}

// parseDuration reads "24 months" or "2 years" as months.
func parseDuration(s string) (int, error) {
	g := monthsRe.FindStringSubmatch(strings.TrimSpace(s))
	if g == nil {
		return 0, fmt.Errorf("duration %q is not \"N months\"", s)
	}
	n, _ := strconv.Atoi(g[1])
	if strings.HasPrefix(strings.ToLower(g[2]), "year") {
		n *= 12
	}
	return n, nil
}

// ParseErasmusCode takes an Erasmus+ project code apart.
func ParseErasmusCode(code string) (*partnergraph.ErasmusCode, bool) {
	g := erasmusCode.FindStringSubmatch(strings.TrimSpace(code))
	if g == nil {
		return nil, false
	}
	year, _ := strconv.Atoi(g[1])
	round, _ := strconv.Atoi(g[2])
	c := &partnergraph.ErasmusCode{
		CallYear:       year,
		Round:          round,
		NationalAgency: g[3] + g[4],
		KeyAction:      g[5],
		ActionType:     g[5] + g[6],
		Field:          g[7],
		Serial:         g[8],
	}
	if country, ok := partnergraph.CountryByCode(g[3]); ok {
		c.CountryCode = country.Code
	}
	return c, true
}

// codeCountry returns the beneficiary state of an EEA and Norway Grants
// project number: the two letters it starts with.
func codeCountry(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if g := grantsCode.FindStringSubmatch(code); g != nil {
		if c, ok := partnergraph.CountryByCode(g[1]); ok {
			return c.Code
		}
	}
	// "BGJUSTICE-1.006-0001": a beneficiary state's code glued to the
	// programme's name, with a number after it.
	if g := gluedGrantsCode.FindStringSubmatch(code); g != nil && beneficiaryStates[g[1]] {
		return g[1]
	}
	// "CZ.11.4.120/0.0/0.0/16_009/0002417": a registration number of the
	// EU's funds opens with its country's code and a dot.
	if g := dottedCode.FindStringSubmatch(code); g != nil {
		if c, ok := partnergraph.CountryByCode(g[1]); ok && c.Name != "" {
			return c.Code
		}
	}
	return ""
}

var dottedCode = regexp.MustCompile(`^([A-Z]{2})\.\d{2}\.\d[\d./_]*$`)

var gluedGrantsCode = regexp.MustCompile(`^([A-Z]{2})[A-Z]{4,}[-.]?\d[\d.\-/]*$`)

// beneficiaryStates are the states the EEA and Norway Grants fund.
var beneficiaryStates = map[string]bool{"BG": true, "CY": true, "CZ": true, "EE": true, "GR": true, "HR": true, "HU": true, "LT": true,
	"LV": true, "MT": true, "PL": true, "PT": true, "RO": true, "SI": true, "SK": true}

// months between two yyyy-mm-dd dates, rounded.
func monthsBetween(start, end string) int {
	a, err1 := time.Parse("2006-01-02", start)
	b, err2 := time.Parse("2006-01-02", end)
	if err1 != nil || err2 != nil || b.Before(a) {
		return 0
	}
	days := b.Sub(a).Hours() / 24
	return int(days/30.44 + 0.5)
}
