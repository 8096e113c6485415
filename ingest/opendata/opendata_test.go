package opendata_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/ingest/opendata"
)

func TestErasmusSample(t *testing.T) {
	res := readSample(t, "erasmus-ka2-adult-education.csv", opendata.Options{})
	if res.Format != opendata.ErasmusCSV || res.Read != 4 || len(res.Rows) != 2 {
		t.Fatalf("format %s, %d rows read, %d projects", res.Format, res.Read, len(res.Rows))
	}
	wantSkips := []opendata.Skip{{Row: 4, Reason: "no project identifier"}, {Row: 5, Reason: "the same project (2021-1-NO01-KA220-ADU-000033421) as row 3"}}
	if !reflect.DeepEqual(res.Skipped, wantSkips) {
		t.Errorf("skipped %+v", res.Skipped)
	}
	first := res.Rows[0]
	p := first.Project
	if p.Code != "2018-1-EL01-KA204-047884" || p.Kind != partnergraph.ProjectErasmus || p.Status != "Completed" || p.CountryCode != "GR" ||
		p.Funding.Grant == nil || *p.Funding.Grant != 249650 || p.Funding.FunderID != partnergraph.ErasmusPlus.ID || p.Erasmus == nil || p.Erasmus.ActionType != "KA204" {
		t.Errorf("project %+v", p)
	}
	if !reflect.DeepEqual(p.Topics, []string{"Inclusion - equity", "Key competences", "Labour market issues"}) {
		t.Errorf("topics %q", p.Topics)
	}
	if first.Name != "erasmus-ka2-adult-education.csv: 2018-1-EL01-KA204-047884" || first.Source != partnergraph.SourceErasmus {
		t.Errorf("row %q %s", first.Name, first.Source)
	}
	// The coordinator and the partners with names (an empty Partner 3 is none).
	want := []ingest.RowOrganisation{
		{Name: "Adult Education Centre of Attica", Role: partnergraph.RolePromoter, Country: "GR", Evidence: partnergraph.Evidence{Section: "Coordinating organisation name", Text: "Adult Education Centre of Attica", Row: 2}},
		{Name: "KRIMINALOMSORGENS HØGSKOLE OG UTDANNINGSSENTER", Role: partnergraph.RoleProjectPartner, Country: "NO", Evidence: partnergraph.Evidence{Section: "Partner 1 name", Text: "KRIMINALOMSORGENS HØGSKOLE OG UTDANNINGSSENTER", Row: 2}},
		{Name: "Fundacja Drugiej Szansy", Role: partnergraph.RoleProjectPartner, Country: "PL", Evidence: partnergraph.Evidence{Section: "Partner 2 name", Text: "Fundacja Drugiej Szansy", Row: 2}},
	}
	if !reflect.DeepEqual(first.Organisations, want) {
		t.Errorf("organisations\n got %+v\nwant %+v", first.Organisations, want)
	}
	// "312400,50": a decimal comma; a country code as the country.
	second := res.Rows[1].Project
	if second.Funding.Grant == nil || *second.Funding.Grant != 312400 || second.CountryCode != "NO" || second.Erasmus == nil || second.Erasmus.Field != "ADU" {
		t.Errorf("second project %+v", second)
	}
}

// erasmusHeader is a short Erasmus+ header with one partner, in the
// variant some years use ("Project or accreditation status").
const erasmusHeader = "\ufeffProject Identifier,Project Title,Project or accreditation status,EU Grant award in euros (see the note),Coordinating organisation name,Coordinator's country,Partner 1 name,Partner 1 country\n"

func TestErasmusRows(t *testing.T) {
	res, err := opendata.Read(strings.NewReader(erasmusHeader+"2016-1-SE01-KA204-022010,Work after prison,Completed,\"1,234.56\",Kriminalvården,Sweden,Kriminalomsorgen,NO\n"), "ka2-2016.csv", "", opendata.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := res.Rows[0].Project
	if p.Status != "Completed" || *p.Funding.Grant != 1234 || p.CountryCode != "SE" || len(res.Rows[0].Organisations) != 2 {
		t.Errorf("%+v %+v", p, res.Rows[0].Organisations)
	}
}

// A file with an error gives no rows: the error names the row (and the
// column).
func TestErrorsNameTheRow(t *testing.T) {
	tests := []struct {
		name, file, data string
		format           opendata.Format
		row              int
		column, reason   string
	}{
		{"empty file", "a.csv", "", "", 0, "", "the file is empty"},
		{"spaces only", "a.csv", " \n\n", opendata.ErasmusCSV, 0, "", "the file is empty"},
		{"header only", "a.csv", erasmusHeader, "", 0, "", "the file has a header and no rows"},
		{"missing column", "a.csv", "Project Identifier,Project Title\nx,y\n", opendata.ErasmusCSV, 1, "", `the header has no column "Coordinating organisation name"`},
		{"more cells than the header", "a.csv", erasmusHeader + "2016-1-SE01-KA204-022010,T,Completed,1,A,SE,B,NO\n2016-1-SE01-KA204-022011,T,Completed,1,A,SE,B,NO,extra\n", "", 3, "", "9 cells, and the header names 8 columns"},
		{"not UTF-8", "a.csv", erasmusHeader + "2016-1-SE01-KA204-022010,T,Completed,1,Kriminalv\xe5rden,SE,B,NO\n", "", 2, "Coordinating organisation name", "not UTF-8"},
		{"a grant that is no amount", "a.csv", erasmusHeader + "2016-1-SE01-KA204-022010,T,Completed,lots,A,SE,B,NO\n", "", 2, "EU Grant award in euros (see the note)", "no amount"},
		{"unknown format", "a.txt", "hello\n", "", 0, "", "not a known export"},
		{"broken JSON", "k.json", `[{"id": 1, "partnerships": []}, {"id": 2,`, "", 2, "", "not a keep.eu project"},
		{"JSON of the wrong shape", "k.json", `[{"id": 1, "partnerships": {"type": "lead"}}]`, "", 1, "", "should be a"},
		{"JSON with no project", "k.json", `[]`, "", 0, "", "holds no project"},
		{"a keep.eu name not UTF-8", "k.json", "[{\"id\": 1, \"partnerships\": [{\"type\": \"lead\", \"partner\": {\"name\": \"Tartu Vangla\xff\"}}]}]", "", 1, "partnerships[0].partner.name", "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := opendata.Read(strings.NewReader(tt.data), tt.file, tt.format, opendata.Options{})
			var oe *opendata.Error
			if !errors.As(err, &oe) {
				t.Fatalf("got %v, %v; want an error", res, err)
			}
			if res != nil {
				t.Errorf("rows returned with the error: %+v", res)
			}
			if oe.Row != tt.row || oe.Column != tt.column || !strings.Contains(oe.Reason, tt.reason) || oe.File != tt.file {
				t.Errorf("got %+v (%v); want row %d, column %q, a reason with %q", oe, err, tt.row, tt.column, tt.reason)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	for head, want := range map[string]opendata.Format{
		"\ufeffProgramme,Key Action,Project Identifier\n": opendata.ErasmusCSV,
		"PK\x03\x04....":           opendata.EEAProjects,
		"  [{\"id\": 1}]":          opendata.KeepJSON,
		"{\"id\": 1}\n{\"id\": 2}": opendata.KeepJSON,
	} {
		if got, err := opendata.Detect([]byte(head), "f"); err != nil || got != want {
			t.Errorf("%q: %s %v, want %s", head, got, err, want)
		}
	}
}

func TestKeepShapes(t *testing.T) {
	one := `{"id": 7, "acronym": "BRIDGE", "translations": {"en": {"name": "A bridge"}}, "themes": ["Justice"], "partnerships": [{"type": "lead", "partner": {"id": 1, "name": "Tartu Vangla", "name_translated": "Tartu Prison", "country": "EE"}, "total_budget": "1000.50"}, {"type": "partner", "partner": {"id": 2, "name": "Ieslodzījuma vietu pārvalde", "country": "Latvia"}, "total_budget": 500}]}`
	for name, data := range map[string]string{"one object": one, "one a line": one + "\n" + strings.Replace(one, `"id": 7`, `"id": 8`, 1) + "\n", "an array": "[" + one + "]"} {
		t.Run(name, func(t *testing.T) {
			res, err := opendata.Read(strings.NewReader(data), "keep.json", "", opendata.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := res.Rows[0]
			p := r.Project
			if p.ID != "project:keep-eu-7" || p.Title != "BRIDGE: A bridge" || p.Kind != partnergraph.ProjectInterreg || p.CountryCode != "EE" ||
				p.Funding.InitialCost == nil || *p.Funding.InitialCost != 1500 || !reflect.DeepEqual(p.Topics, []string{"Justice"}) {
				t.Errorf("project %+v", p)
			}
			if len(r.Organisations) != 2 || r.Organisations[0].Alias != "Tartu Prison" || r.Organisations[0].Role != partnergraph.RolePromoter ||
				r.Organisations[1].Country != "LV" || r.Organisations[1].Evidence.Section != "partnerships[1].partner.name" ||
				r.Organisations[0].SourceID != "keep.eu partner 1" || r.Organisations[1].SourceID != "keep.eu partner 2" {
				t.Errorf("organisations %+v", r.Organisations)
			}
		})
	}
}

// writeXLSX writes a workbook of rows (the first the header).
func writeXLSX(t *testing.T, rows [][]string) []byte {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c
		}
		at, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := wb.SetSheetRow(wb.GetSheetName(0), at, &cells); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEEAOrganisations(t *testing.T) {
	res := readSample(t, "eea-organisations.xlsx", opendata.Options{Code: func(title, country string) string {
		if title == "Improving Competences Both of Inmates and Prison Staff" && country == "LT" {
			return "LT14-0004"
		}
		return ""
	}})
	if res.Format != opendata.EEAOrganisations || res.Read != 6 || len(res.Rows) != 3 {
		t.Fatalf("format %s, %d rows read, %d projects", res.Format, res.Read, len(res.Rows))
	}
	lt := res.Rows[0]
	if lt.Project.Code != "LT14-0004" || lt.Name != "eea-organisations.xlsx: LT14-0004" || lt.Project.Funding.FunderID != partnergraph.NorwayGrants.ID {
		t.Errorf("LT project %+v", lt)
	}
	// KRUS's row: two projects, a role in each; the promoter of LT14-0004
	// from a row of its own.
	var roles []string
	for _, o := range lt.Organisations {
		roles = append(roles, o.Name+"|"+string(o.Role)+"|"+o.Country)
	}
	if want := []string{"Kriminalomsorgens høgskole og utdanningssenter KRUS|DONOR_PROJECT_PARTNER|NO", "Kalėjimų departamentas prie Lietuvos Respublikos teisingumo ministerijos|PROMOTER|LT"}; !reflect.DeepEqual(roles, want) {
		t.Errorf("LT14-0004's organisations %q", roles)
	}
	if lt.Organisations[0].Evidence.Row != 2 || lt.Organisations[1].Evidence.Row != 3 || lt.Organisations[0].Evidence.Section != "Name" {
		t.Errorf("evidence %+v", lt.Organisations)
	}
	cz := res.Rows[1]
	if cz.Project.Code != "" || cz.Project.CountryCode != "CZ" || len(cz.Organisations) != 3 {
		t.Errorf("CZ project %+v", cz)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Row != 6 || !strings.Contains(res.Skipped[0].Reason, "a role in a programme") {
		t.Errorf("skipped %+v", res.Skipped)
	}
}

func TestEEAWorkbooks(t *testing.T) {
	projectsHeader := []string{"Case number", "Project name", "Financial mechanism", "Beneficiary state", "Project status", "Grant"}
	orgHeader := []string{"Name", "Country", "Organisation role", "Beneficiary state", "Project name"}
	tests := []struct {
		name   string
		rows   [][]string
		rowsOK int
		skips  int
		err    string
	}{
		{"projects", [][]string{projectsHeader, {"LT14-0004", "T", "Norway Grants", "Lithuania", "Completed", "549601"}, {"", "No number", "", "", "", ""}, {"lt14-0004", "T", "", "", "", ""}}, 1, 2, ""},
		{"a grant as text with a currency", [][]string{projectsHeader, {"RO-JUSTICE-0002", "T", "EEA Grants", "Romania", "", "€ 2,224,503"}}, 1, 0, ""},
		{"a grant that is no amount", [][]string{projectsHeader, {"RO-JUSTICE-0002", "T", "", "", "", "n/a"}}, 0, 0, `row 2, column "Grant"`},
		{"roles that do not pair with projects", [][]string{orgHeader, {"KRUS", "Norway", "Donor Project Partner\nProject Partner", "", "A\nB\nC"}}, 0, 1, ""},
		{"an unknown role", [][]string{orgHeader, {"KRUS", "Norway", "Observer", "", "A"}}, 0, 1, ""},
		{"the same organisation twice in a project", [][]string{orgHeader, {"KRUS", "Norway", "PJDPP", "Latvia", "A"}, {"KRUS", "Norway", "PJDPP", "Latvia", "A"}}, 1, 1, ""},
		{"no header the readers know", [][]string{{"Colour", "Size"}, {"red", "2"}}, 0, 0, `no column "Case number"`},
		{"header only", [][]string{projectsHeader}, 0, 0, "a header and no rows"},
		{"more cells than the header", [][]string{orgHeader, {"KRUS", "Norway", "PJDPP", "Latvia", "A", "extra"}}, 0, 0, "row 2: 6 cells"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := writeXLSX(t, tt.rows)
			res, err := opendata.Read(bytes.NewReader(data), "export.xlsx", "", opendata.Options{})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || res != nil {
					t.Fatalf("got %v, %v; want an error with %q", res, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != tt.rowsOK || len(res.Skipped) != tt.skips {
				t.Errorf("%d rows, skipped %+v", len(res.Rows), res.Skipped)
			}
		})
	}
	if _, err := opendata.Read(strings.NewReader("PK\x03\x04 not really a zip"), "broken.xlsx", "", opendata.Options{}); err == nil || !strings.Contains(err.Error(), "not a readable XLSX workbook") {
		t.Errorf("a broken workbook: %v", err)
	}
}

// The sample exports are made from their .tsv sources by
// tools/xlsxfixture; they hold what the sources say.
func TestSampleWorkbooksMatchTheirSources(t *testing.T) {
	for _, name := range []string{"eea-projects", "eea-organisations"} {
		src, err := os.ReadFile(filepath.Join("..", "..", "sample", "exports", name+".tsv"))
		if err != nil {
			t.Fatal(err)
		}
		wb, err := excelize.OpenFile(filepath.Join("..", "..", "sample", "exports", name+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := wb.GetRows(wb.GetSheetName(0))
		wb.Close()
		if err != nil {
			t.Fatal(err)
		}
		var want [][]string
		for _, line := range strings.Split(strings.TrimRight(string(src), "\n"), "\n") {
			want = append(want, strings.Split(strings.ReplaceAll(line, `\n`, "\n"), "\t"))
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("%s.xlsx is not %s.tsv: run go run ./tools/xlsxfixture", name, name)
		}
	}
}

// DetectFile tells the EEA Grants' two workbooks apart by their header,
// whatever the files are called.
func TestDetectFile(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"export-1.xlsx": writeXLSX(t, [][]string{{"Case number", "Project name"}, {"LT14-0004", "T"}}),
		"export-2.xlsx": writeXLSX(t, [][]string{{}, {"Name", "Country", "Organisation role", "Project name"}, {"KRUS", "Norway", "PJDPP", "T"}}),
		"list.txt":      []byte("\ufeffProgramme,Project Identifier,Project Title\n"),
	}
	want := map[string]opendata.Format{"export-1.xlsx": opendata.EEAProjects, "export-2.xlsx": opendata.EEAOrganisations, "list.txt": opendata.ErasmusCSV}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := opendata.DetectFile(path); err != nil || got != want[name] {
			t.Errorf("%s: %s %v, want %s", name, got, err, want[name])
		}
	}
}
