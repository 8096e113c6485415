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
			},
			sections: []string{SectionDescription}, // no heading: prose after the facts
			warnings: []string{`unknown label "Project period"`},
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
