package opendata

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// The EEA and Norway Grants' faceted-search exports: an XLSX workbook, one
// row an entity, values of a multi-valued cell joined with new lines. The
// projects export has a row a project, its case number the number pages
// carry; the organisations export has a row an organisation, with the
// projects it takes part in and its role in each, in cells of as many
// lines.

// sheet streams the rows of a workbook's first sheet.
type sheet struct {
	file   string
	wb     *excelize.File
	rows   *excelize.Rows
	rowNum int // the row last read, from 1
}

func openSheet(wb *excelize.File, file string) (*sheet, error) {
	sheets := wb.GetSheetList()
	if len(sheets) == 0 {
		wb.Close()
		return nil, &Error{File: file, Reason: "the workbook has no sheet"}
	}
	rows, err := wb.Rows(sheets[0])
	if err != nil {
		wb.Close()
		return nil, &Error{File: file, Reason: err.Error()}
	}
	return &sheet{file: file, wb: wb, rows: rows}, nil
}

func (s *sheet) Close() {
	s.rows.Close()
	s.wb.Close()
}

// next reads the next row; false at the end.
func (s *sheet) next() ([]string, bool, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, false, &Error{File: s.file, Row: s.rowNum, Reason: err.Error()}
		}
		return nil, false, nil
	}
	s.rowNum++
	cells, err := s.rows.Columns()
	if err != nil {
		return nil, false, &Error{File: s.file, Row: s.rowNum, Reason: err.Error()}
	}
	return cells, true, nil
}

// header reads the first row that is not blank.
func (s *sheet) header() ([]string, error) {
	for {
		cells, ok, err := s.next()
		switch {
		case err != nil:
			return nil, err
		case !ok:
			return nil, &Error{File: s.file, Reason: "the file is empty"}
		case !allEmpty(cells):
			return cells, nil
		}
	}
}

// headerFormat tells the two exports apart by their header; f when the
// header names neither's key column.
func headerFormat(h header, f Format) Format {
	switch {
	case h.col("case number") >= 0:
		return EEAProjects
	case h.col("organisation role") >= 0:
		return EEAOrganisations
	}
	return f
}

// workbookFormat tells the EEA Grants' two exports apart by the header of
// the workbook's first sheet.
func workbookFormat(path string) (Format, error) {
	file := filepath.Base(path)
	wb, err := excelize.OpenFile(path)
	if err != nil {
		return "", &Error{File: file, Reason: "not a readable XLSX workbook: " + err.Error()}
	}
	s, err := openSheet(wb, file)
	if err != nil {
		return "", err
	}
	defer s.Close()
	first, err := s.header()
	if err != nil {
		return "", err
	}
	return headerFormat(newHeader(first), EEAProjects), nil
}

func readEEA(r io.Reader, file string, f Format, opts Options) (*Result, error) {
	wb, err := excelize.OpenReader(r)
	if err != nil {
		return nil, &Error{File: file, Reason: "not a readable XLSX workbook: " + err.Error()}
	}
	s, err := openSheet(wb, file)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	next, rowNum := s.next, &s.rowNum
	first, err := s.header()
	if err != nil {
		return nil, err
	}
	h := newHeader(first)
	if err := checkUTF8(file, *rowNum, h, first); err != nil {
		return nil, err
	}
	f = headerFormat(h, f)
	var read func([]string) error
	res := &Result{}
	var finish func()
	if f == EEAProjects {
		read, err = eeaProjects(file, h, res, rowNum)
	} else {
		read, finish, err = eeaOrganisations(file, h, res, rowNum, opts)
	}
	if err != nil {
		return nil, err
	}
	for {
		cells, ok, err := next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if allEmpty(cells) {
			continue
		}
		res.Read++
		if opts.Progress != nil && res.Read%4096 == 0 {
			opts.Progress(res.Read)
		}
		if len(cells) > len(h.keys) {
			return nil, &Error{File: file, Row: *rowNum, Reason: fmt.Sprintf("%d cells, and the header names %d columns", len(cells), len(h.keys))}
		}
		if err := checkUTF8(file, *rowNum, h, cells); err != nil {
			return nil, err
		}
		if err := read(cells); err != nil {
			return nil, err
		}
	}
	if finish != nil {
		finish()
	}
	if opts.Progress != nil {
		opts.Progress(res.Read)
	}
	if res.Read == 0 {
		return nil, &Error{File: file, Reason: "the file has a header and no rows"}
	}
	res.Format = f
	return res, nil
}

func eeaProjects(file string, h header, res *Result, rowNum *int) (func([]string) error, error) {
	c := struct{ code, title, mechanism, area, state, status, grant, outcome, place, theme int }{
		h.col("case number"), h.col("project name"), h.col("financial mechanism"), h.col("programme area"), h.col("beneficiary state"),
		h.col("project status"), h.col("grant"), h.col("outcome"), h.col("project region", "project city"), h.col("project theme"),
	}
	for _, req := range []struct {
		what string
		i    int
	}{{"Case number", c.code}, {"Project name", c.title}} {
		what, i := req.what, req.i
		if i < 0 {
			return nil, &Error{File: file, Row: *rowNum, Reason: fmt.Sprintf("the header has no column %q: not an EEA Grants projects export", what)}
		}
	}
	seen := map[string]int{}
	return func(row []string) error {
		code := cell(row, c.code)
		if code == "" {
			res.Skipped = append(res.Skipped, Skip{*rowNum, "no case number"})
			return nil
		}
		if at, dup := seen[strings.ToUpper(code)]; dup {
			res.Skipped = append(res.Skipped, Skip{*rowNum, fmt.Sprintf("the same project (%s) as row %d", code, at)})
			return nil
		}
		seen[strings.ToUpper(code)] = *rowNum
		p := partnergraph.Project{
			Code: code, Title: cell(row, c.title), Kind: partnergraph.ProjectEEA, Status: cell(row, c.status),
			ProgrammeAreas: lines(cell(row, c.area)), Places: lines(cell(row, c.place)), Topics: lines(cell(row, c.theme)),
			CountryCode: country(cell(row, c.state)),
		}
		if strings.Contains(strings.ToUpper(code), "-BI") {
			p.Kind = partnergraph.ProjectBilateral
		}
		if p.Title == "" {
			p.Title = code
		}
		if ms := lines(cell(row, c.mechanism)); len(ms) == 1 {
			if f, ok := partnergraph.FunderByName(ms[0]); ok {
				p.Funding.FunderID = f.ID
			}
		}
		if g, err := amount(cell(row, c.grant)); err != nil {
			return &Error{File: file, Row: *rowNum, Column: h.names[c.grant], Reason: err.Error()}
		} else if g != nil {
			p.Funding.Grant, p.Funding.Currency = g, "EUR"
		}
		for _, o := range lines(cell(row, c.outcome)) {
			p.Outcomes = append(p.Outcomes, partnergraph.Outcome{Text: o, Evidence: partnergraph.Evidence{Section: h.names[c.outcome], Text: o, Row: *rowNum}})
		}
		res.Rows = append(res.Rows, &ingest.Row{Name: docName(file, code), Source: partnergraph.SourceEEAGrants, Format: string(EEAProjects), Project: p})
		return nil
	}, nil
}

// eeaRole reads a role of the organisations export: its name or its code.
// Roles in a programme (programme operator, donor programme partner) are
// no part in a project: ok is false for them, and for roles not known.
func eeaRole(s string) (role partnergraph.Role, ok bool, reason string) {
	k := strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch {
	case k == "pjdpp" || strings.Contains(k, "donor project partner"):
		return partnergraph.RoleDonorProjectPartner, true, ""
	case k == "pjpt" || strings.Contains(k, "project promoter"):
		return partnergraph.RolePromoter, true, ""
	case k == "pjpp" || strings.Contains(k, "project partner"):
		return partnergraph.RoleProjectPartner, true, ""
	case k == "po" || k == "dpp" || strings.Contains(k, "programme operator") || strings.Contains(k, "programme partner"):
		return "", false, fmt.Sprintf("%q is a role in a programme, not in a project", s)
	}
	return "", false, fmt.Sprintf("unknown organisation role %q", s)
}

func eeaOrganisations(file string, h header, res *Result, rowNum *int, opts Options) (func([]string) error, func(), error) {
	c := struct{ name, country, role, project, state, status, area, mechanism int }{
		h.col("name"), h.col("country"), h.col("organisation role"), h.col("project name"), h.col("beneficiary state"), h.col("project status"), h.col("programme area"),
		h.col("financial mechanism"),
	}
	for _, req := range []struct {
		what string
		i    int
	}{{"Name", c.name}, {"Organisation role", c.role}, {"Project name", c.project}} {
		what, i := req.what, req.i
		if i < 0 {
			return nil, nil, &Error{File: file, Row: *rowNum, Reason: fmt.Sprintf("the header has no column %q: not an EEA Grants organisations export", what)}
		}
	}
	// Projects are known here by title (and beneficiary state): a row a
	// project, gathered from the rows of its organisations.
	byKey := map[string]*ingest.Row{}
	var order []string
	seen := map[string]int{}
	read := func(row []string) error {
		name := oneName(cell(row, c.name))
		if name == "" {
			res.Skipped = append(res.Skipped, Skip{*rowNum, "no organisation name"})
			return nil
		}
		projects, roles := lines(cell(row, c.project)), lines(cell(row, c.role))
		states, statuses, areas := lines(cell(row, c.state)), lines(cell(row, c.status)), lines(cell(row, c.area))
		mechanisms := lines(cell(row, c.mechanism))
		if len(projects) == 0 {
			res.Skipped = append(res.Skipped, Skip{*rowNum, "no project named"})
			return nil
		}
		// The i-th role is in the i-th project; one role is in all.
		at := func(list []string, i int) string {
			switch {
			case len(list) == len(projects):
				return list[i]
			case len(list) == 1:
				return list[0]
			}
			return ""
		}
		if len(roles) != 1 && len(roles) != len(projects) {
			res.Skipped = append(res.Skipped, Skip{*rowNum, fmt.Sprintf("%d roles for %d projects: which role is in which project is not known", len(roles), len(projects))})
			return nil
		}
		orgCountry := country(cell(row, c.country))
		for i, title := range projects {
			role, ok, why := eeaRole(at(roles, i))
			if !ok {
				res.Skipped = append(res.Skipped, Skip{*rowNum, fmt.Sprintf("%s in %q: %s", name, title, why)})
				continue
			}
			state := country(at(states, i))
			key := strings.ToLower(oneName(title)) + "\x00" + state
			dupKey := key + "\x00" + strings.ToLower(name)
			if prev, dup := seen[dupKey]; dup {
				res.Skipped = append(res.Skipped, Skip{*rowNum, fmt.Sprintf("%s in %q is also in row %d", name, title, prev)})
				continue
			}
			seen[dupKey] = *rowNum
			r := byKey[key]
			if r == nil {
				p := partnergraph.Project{Title: oneName(title), Kind: partnergraph.ProjectEEA, Status: at(statuses, i), CountryCode: state}
				if a := at(areas, i); a != "" {
					p.ProgrammeAreas = []string{a}
				}
				if f, ok := partnergraph.FunderByName(at(mechanisms, i)); ok {
					p.Funding.FunderID = f.ID
				}
				if opts.Code != nil {
					p.Code = opts.Code(p.Title, state)
				}
				docKey := p.Code
				if docKey == "" {
					docKey = p.Title
					if state != "" {
						docKey += " (" + state + ")"
					}
				}
				r = &ingest.Row{Name: docName(file, docKey), Source: partnergraph.SourceEEAGrants, Format: string(EEAOrganisations), Project: p}
				byKey[key] = r
				order = append(order, key)
			}
			r.Organisations = append(r.Organisations, ingest.RowOrganisation{
				Name: name, Role: role, Country: orgCountry,
				Evidence: partnergraph.Evidence{Section: h.names[c.name], Text: name + " (" + at(roles, i) + ")", Row: *rowNum},
			})
		}
		return nil
	}
	finish := func() {
		for _, k := range order {
			res.Rows = append(res.Rows, byKey[k])
		}
	}
	return read, finish, nil
}
