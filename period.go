package partnergraph

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Time as a dimension of the graph. A project has a funding period (its
// programme's, "2009-2014") and a span: the days it was active, from its
// dates when its source gives them, else its funding period's years. A
// TimeRange selects the projects whose span overlaps it.

// grantsPeriods are the EEA and Norway Grants' funding periods. They follow
// one another, each beginning in the year its predecessor is named to end,
// so a year belongs to the later one: 2009-2014 runs 2009 to 2013.
var grantsPeriods = []string{"2004-2009", "2009-2014", "2014-2021", "2021-2028"}

var (
	yearsInText = regexp.MustCompile(`\b((?:19|20)\d\d)\s?[-–/]\s?((?:19|20)\d\d)\b`)
	// Interreg's generations: III (2000-2006), IV (2007-2013), V (2014-2020),
	// VI (2021-2027), written "Interreg V-A Latvia - Lithuania".
	interregGeneration = regexp.MustCompile(`(?i)\binterreg\s+(III|IV|VI|V)\b`)
)

var interregPeriods = map[string]string{"III": "2000-2006", "IV": "2007-2013", "V": "2014-2020", "VI": "2021-2027"}

// FundingPeriod returns the project's funding period, "2009-2014", or ""
// when nothing tells it. It is read from how the project is numbered: an
// EEA and Norway Grants number has the shape of its period; an Erasmus+
// code begins with its call year (2014-2020 or 2021-2027); an Interreg
// programme's title names its generation or its years.
func FundingPeriod(p *Project) string {
	code := strings.ToUpper(strings.TrimSpace(p.Code))
	switch {
	case p.Erasmus != nil && p.Erasmus.CallYear >= 2014 && p.Erasmus.CallYear <= 2020:
		return "2014-2020"
	case p.Erasmus != nil && p.Erasmus.CallYear >= 2021 && p.Erasmus.CallYear <= 2027:
		return "2021-2027"
	case len(code) == 9 && letters(code[:2]) && digits(code[2:4]) && code[4] == '-' && digits(code[5:]):
		// The state, the programme's two digits and a serial: LT14-0004.
		return "2009-2014"
	case isNumber1421(code):
		return "2014-2021"
	case len(code) == 6 && letters(code[:2]) && digits(code[2:]):
		// The state and four digits: PL0052.
		return "2004-2009"
	}
	if m := interregGeneration.FindStringSubmatch(p.GrantProgramme); m != nil {
		return interregPeriods[strings.ToUpper(m[1])]
	}
	if m := yearsInText.FindStringSubmatch(p.GrantProgramme); m != nil && m[1] < m[2] {
		return m[1] + "-" + m[2]
	}
	return ""
}

// isNumber1421 says whether a number is the state, the programme's short
// name and a serial: LT-JUSTICE-0003, CZ-JUSTICE-BI003.
func isNumber1421(code string) bool {
	state, rest, ok := strings.Cut(code, "-")
	if !ok || len(state) != 2 || !letters(state) {
		return false
	}
	programme, serial, ok := strings.Cut(rest, "-")
	serial = strings.TrimPrefix(serial, "BI")
	return ok && programme != "" && letters(programme) && serial != "" && digits(serial)
}

func letters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// PeriodSpan returns the first and last day of a funding period written
// "2009-2014"; ok is false when the label is not a period. A grants period
// ends the year before the next begins; any other runs through its last
// year.
func PeriodSpan(label string) (from, to string, ok bool) {
	label = strings.TrimSpace(label)
	first, second, ok := strings.Cut(label, "-")
	if !ok {
		first, second, ok = strings.Cut(label, "–")
	}
	first, second = strings.TrimSpace(first), strings.TrimSpace(second)
	if !ok || len(first) != 4 || len(second) != 4 || !digits(first) || !digits(second) || first >= second {
		return "", "", false
	}
	last, _ := strconv.Atoi(second)
	for _, g := range grantsPeriods {
		if g[:4] == first && g[5:] == second {
			last--
		}
	}
	return first + "-01-01", strconv.Itoa(last) + "-12-31", true
}

// ProjectSpan returns the first and last day the project was active, as
// YYYY-MM-DD, or ok false when neither its dates, nor its funding period,
// nor the dates its prose gives to events say. A start date with no end
// ends after the project's duration, or with its funding period, or with
// the year it began. With none of those, the events' dates ("In March 2017
// a conference was held") span from the first to the last.
func ProjectSpan(p *Project) (from, to string, ok bool) {
	pfrom, pto, hasPeriod := PeriodSpan(FundingPeriod(p))
	start, okStart := dayOf(p.StartDate, false)
	if !okStart {
		if end, okEnd := dayOf(p.EndDate, true); okEnd && hasPeriod && end >= pfrom {
			return pfrom, end, true
		}
		if !hasPeriod {
			return timelineSpan(p.Timeline)
		}
		return pfrom, pto, true
	}
	if end, okEnd := dayOf(p.EndDate, true); okEnd && end >= start {
		return start, end, true
	}
	if p.DurationMonths > 0 {
		t, _ := time.Parse(time.DateOnly, start)
		return start, t.AddDate(0, p.DurationMonths, -1).Format(time.DateOnly), true
	}
	if hasPeriod && pto >= start {
		return start, pto, true
	}
	return start, start[:4] + "-12-31", true
}

// timelineSpan is the span of the events' dates.
func timelineSpan(events []DateMention) (from, to string, ok bool) {
	for _, e := range events {
		f, okf := dayOf(e.Date, false)
		t, okt := dayOf(e.Date, true)
		if !okf || !okt {
			continue
		}
		if !ok || f < from {
			from = f
		}
		if !ok || t > to {
			to = t
		}
		ok = true
	}
	return from, to, ok
}

// dayOf reads YYYY, YYYY-MM or YYYY-MM-DD as its first day, or with last
// its last day.
func dayOf(s string, last bool) (string, bool) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 4:
		if _, err := time.Parse("2006", s); err != nil {
			return "", false
		}
		if last {
			return s + "-12-31", true
		}
		return s + "-01-01", true
	case 7:
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return "", false
		}
		if last {
			return t.AddDate(0, 1, -1).Format(time.DateOnly), true
		}
		return s + "-01", true
	case 10:
		if !digits(s[:4]) || s[4] != '-' || !digits(s[5:7]) || s[7] != '-' || !digits(s[8:]) {
			return "", false
		}
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[5:7])
		d, _ := strconv.Atoi(s[8:])
		if m < 1 || m > 12 || d < 1 || time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() != d {
			return "", false
		}
		return s, true
	}
	return "", false
}

// TimeRange selects projects by when they were active. From and To are
// years ("2012"), months ("2012-05"), dates ("2012-05-31") or funding
// periods ("2009-2014"); either may be empty for an open end. Bounds are
// inclusive: from 2009-2014 to 2009-2014 is 2009-01-01 to 2013-12-31.
type TimeRange struct {
	From, To string
}

// Days returns the range's first and last day, or an EINVALID error that
// says which bound is malformed.
func (r TimeRange) Days() (from, to string, err error) {
	bound := func(s string, last bool) (string, error) {
		if strings.TrimSpace(s) == "" {
			if last {
				return "9999-12-31", nil
			}
			return "0000-01-01", nil
		}
		if pf, pt, ok := PeriodSpan(s); ok {
			if last {
				return pt, nil
			}
			return pf, nil
		}
		if d, ok := dayOf(s, last); ok {
			return d, nil
		}
		return "", Errorf(EINVALID, "period bound %q is not a year (2012), a month (2012-05), a date (2012-05-31) or a funding period (2009-2014)", s)
	}
	if strings.TrimSpace(r.From) == "" && strings.TrimSpace(r.To) == "" {
		return "", "", Errorf(EINVALID, "a period needs from, to or both")
	}
	if from, err = bound(r.From, false); err != nil {
		return "", "", err
	}
	if to, err = bound(r.To, true); err != nil {
		return "", "", err
	}
	if from > to {
		return "", "", Errorf(EINVALID, "the period's from (%s) is after its to (%s)", r.From, r.To)
	}
	return from, to, nil
}

// Matches says whether the project was active in the range: its span
// overlaps it. A project with no span matches no range; a malformed range
// matches nothing (Days tells why).
func (r TimeRange) Matches(p *Project) bool {
	from, to, err := r.Days()
	return err == nil && Overlaps(p, from, to)
}

// Overlaps says whether the project's span overlaps the days from..to
// (YYYY-MM-DD, inclusive).
func Overlaps(p *Project, from, to string) bool {
	pf, pt, ok := ProjectSpan(p)
	return ok && pf <= to && pt >= from
}

// periodFamilies are funding periods that follow one another: the grants'
// and the EU programmes' (Erasmus+, Interreg).
var periodFamilies = [][]string{grantsPeriods, {"2000-2006", "2007-2013", "2014-2020", "2021-2027"}}

// Previous returns the range just before r, of the same length: when both
// bounds are funding periods of one family, the as many periods before
// (2014-2021 gives 2009-2014); else the same number of days just before
// from. ok is false for an open or malformed range, or one with no period
// before it.
func (r TimeRange) Previous() (TimeRange, bool) {
	for _, fam := range periodFamilies {
		i, j := slices.Index(fam, strings.TrimSpace(r.From)), slices.Index(fam, strings.TrimSpace(r.To))
		if i >= 0 && j >= i {
			n := j - i + 1
			if i-n < 0 {
				return TimeRange{}, false
			}
			return TimeRange{From: fam[i-n], To: fam[j-n]}, true
		}
	}
	from, to, err := r.Days()
	if err != nil || strings.TrimSpace(r.From) == "" || strings.TrimSpace(r.To) == "" {
		return TimeRange{}, false
	}
	f, _ := time.Parse(time.DateOnly, from)
	t, _ := time.Parse(time.DateOnly, to)
	days := int(t.Sub(f).Hours()/24) + 1
	end := f.AddDate(0, 0, -1)
	return TimeRange{From: end.AddDate(0, 0, 1-days).Format(time.DateOnly), To: end.Format(time.DateOnly)}, true
}
