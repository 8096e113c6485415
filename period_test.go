package partnergraph

import "testing"

func TestFundingPeriod(t *testing.T) {
	for _, c := range []struct {
		name string
		p    Project
		want string
	}{
		{"2009-2014 number", Project{Code: "LT14-0004"}, "2009-2014"},
		{"2009-2014 number, small letters", Project{Code: " cz12-0042 "}, "2009-2014"},
		{"2014-2021 number", Project{Code: "RO-JUSTICE-0002"}, "2014-2021"},
		{"2014-2021 bilateral initiative", Project{Code: "CZ-JUSTICE-BI003"}, "2014-2021"},
		{"2004-2009 number", Project{Code: "PL0052"}, "2004-2009"},
		{"Erasmus+ 2018", Project{Code: "2018-1-EL01-KA204-047884", Erasmus: &ErasmusCode{CallYear: 2018}}, "2014-2020"},
		{"Erasmus+ 2022", Project{Erasmus: &ErasmusCode{CallYear: 2022}}, "2021-2027"},
		{"Interreg V", Project{GrantProgramme: "Interreg V-A Latvia - Lithuania"}, "2014-2020"},
		{"Interreg IV", Project{GrantProgramme: "INTERREG IV C"}, "2007-2013"},
		{"Interreg VI", Project{GrantProgramme: "Interreg VI-A Estonia-Latvia"}, "2021-2027"},
		{"years in a programme's title", Project{GrantProgramme: "ENI CBC Programme 2014–2020"}, "2014-2020"},
		{"nothing tells", Project{Code: "ABC", GrantProgramme: "Justice"}, ""},
		{"a number of another shape", Project{Code: "LT14-00045X"}, ""},
		{"no serial", Project{Code: "LT-JUSTICE-"}, ""},
		{"a digit in the state", Project{Code: "L1-JUSTICE-0003"}, ""},
		{"a digit in the programme", Project{Code: "LT-JUST1CE-0003"}, ""},
		{"a bilateral initiative with no digits", Project{Code: "CZ-JUSTICE-BI"}, ""},
		{"five digits", Project{Code: "PL00521"}, ""},
	} {
		if got := FundingPeriod(&c.p); got != c.want {
			t.Errorf("%s: FundingPeriod = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestProjectSpan(t *testing.T) {
	for _, c := range []struct {
		name     string
		p        Project
		from, to string
		ok       bool
	}{
		{"grants period: to the year before the next", Project{Code: "LT14-0004"}, "2009-01-01", "2013-12-31", true},
		{"grants 2014-2021", Project{Code: "LT-JUSTICE-0003"}, "2014-01-01", "2020-12-31", true},
		{"Erasmus+ period runs through its last year", Project{Erasmus: &ErasmusCode{CallYear: 2019}}, "2014-01-01", "2020-12-31", true},
		{"dates win", Project{Code: "LT14-0004", StartDate: "2013-05-01", EndDate: "2016-04-30"}, "2013-05-01", "2016-04-30", true},
		{"start and duration", Project{StartDate: "2018-10-01", DurationMonths: 24}, "2018-10-01", "2020-09-30", true},
		{"start only, period's end", Project{Code: "LT14-0004", StartDate: "2012-03-01"}, "2012-03-01", "2013-12-31", true},
		{"start only, after its period", Project{Code: "LT14-0004", StartDate: "2015-03-01"}, "2015-03-01", "2015-12-31", true},
		{"start as a month", Project{StartDate: "2015-03"}, "2015-03-01", "2015-12-31", true},
		{"end only, with a period", Project{Code: "LT14-0004", EndDate: "2016"}, "2009-01-01", "2016-12-31", true},
		{"end before start is ignored", Project{StartDate: "2015-03-01", EndDate: "2014-01-01"}, "2015-03-01", "2015-12-31", true},
		{"nothing known", Project{Title: "x"}, "", "", false},
		{"events' dates", Project{Timeline: []DateMention{{Date: "2017-03"}, {Date: "2015"}, {Date: "soon"}}}, "2015-01-01", "2017-03-31", true},
		{"a period wins over events", Project{Code: "LT14-0004", Timeline: []DateMention{{Date: "2017-03"}}}, "2009-01-01", "2013-12-31", true},
		{"malformed date, no period", Project{StartDate: "2015-13-01"}, "", "", false},
	} {
		from, to, ok := ProjectSpan(&c.p)
		if from != c.from || to != c.to || ok != c.ok {
			t.Errorf("%s: ProjectSpan = %q, %q, %v; want %q, %q, %v", c.name, from, to, ok, c.from, c.to, c.ok)
		}
	}
}

func TestTimeRange(t *testing.T) {
	for _, c := range []struct {
		r        TimeRange
		from, to string
		err      bool
	}{
		{TimeRange{"2009-2014", "2009-2014"}, "2009-01-01", "2013-12-31", false},
		{TimeRange{"2009-2014", "2014-2021"}, "2009-01-01", "2020-12-31", false},
		{TimeRange{"2012", ""}, "2012-01-01", "9999-12-31", false},
		{TimeRange{"", "2012-02"}, "0000-01-01", "2012-02-29", false},
		{TimeRange{"2012-05-31", "2012-06-01"}, "2012-05-31", "2012-06-01", false},
		{TimeRange{"2014-2020", "2014-2020"}, "2014-01-01", "2020-12-31", false},
		{TimeRange{"2009–2014", "2012-02-29"}, "2009-01-01", "2012-02-29", false},
		{TimeRange{"2013-02-29", ""}, "", "", true},
		{TimeRange{"2013-00-10", ""}, "", "", true},
		{TimeRange{"2013-1-10", ""}, "", "", true},
		{TimeRange{"", ""}, "", "", true},
		{TimeRange{"2015", "2012"}, "", "", true},
		{TimeRange{"last year", ""}, "", "", true},
		{TimeRange{"2014-2009", ""}, "", "", true},
		{TimeRange{"2012-02-30", ""}, "", "", true},
	} {
		from, to, err := c.r.Days()
		if (err != nil) != c.err || from != c.from || to != c.to {
			t.Errorf("%+v: Days = %q, %q, %v; want %q, %q, error %v", c.r, from, to, err, c.from, c.to, c.err)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("%+v: code %s, want EINVALID", c.r, ErrorCode(err))
		}
	}
	p0914 := &Project{Code: "LT14-0004"}
	p1421 := &Project{Code: "LT-JUSTICE-0003"}
	late := &Project{Code: "LT14-0004", StartDate: "2013-05-01", EndDate: "2016-04-30"}
	for _, c := range []struct {
		r    TimeRange
		p    *Project
		want bool
	}{
		{TimeRange{"2009-2014", "2009-2014"}, p0914, true},
		{TimeRange{"2009-2014", "2009-2014"}, p1421, false},
		{TimeRange{"2014-2021", "2014-2021"}, p0914, false},
		{TimeRange{"2014-2021", "2014-2021"}, p1421, true},
		{TimeRange{"2014-2021", "2014-2021"}, late, true}, // still active in 2016
		{TimeRange{"2017", ""}, late, false},
		{TimeRange{"", "2013-04-30"}, late, false},
		{TimeRange{"", "2013-05-01"}, late, true},
		{TimeRange{"2010", "2010"}, &Project{Title: "no dates"}, false},
		{TimeRange{"bad", ""}, p0914, false},
	} {
		if got := c.r.Matches(c.p); got != c.want {
			t.Errorf("%+v matches %+v = %v, want %v", c.r, c.p, got, c.want)
		}
	}
}

func TestTimeRangePrevious(t *testing.T) {
	for _, c := range []struct {
		r, want TimeRange
		ok      bool
	}{
		{TimeRange{"2014-2021", "2014-2021"}, TimeRange{"2009-2014", "2009-2014"}, true},
		{TimeRange{"2009-2014", "2014-2021"}, TimeRange{"2004-2009", "2009-2014"}, false},
		{TimeRange{"2014-2021", "2021-2028"}, TimeRange{"2004-2009", "2009-2014"}, true},
		{TimeRange{"2021-2027", "2021-2027"}, TimeRange{"2014-2020", "2014-2020"}, true},
		{TimeRange{"2004-2009", "2004-2009"}, TimeRange{}, false},
		{TimeRange{"2015", "2017"}, TimeRange{"2012-01-01", "2014-12-31"}, true},
		{TimeRange{"2016-03", "2016-03"}, TimeRange{"2016-01-30", "2016-02-29"}, true},
		{TimeRange{"2015", ""}, TimeRange{}, false},
		{TimeRange{"bad", "2015"}, TimeRange{}, false},
	} {
		got, ok := c.r.Previous()
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("%+v.Previous() = %+v, %v; want %+v, %v", c.r, got, ok, c.want, c.ok)
		}
	}
}
