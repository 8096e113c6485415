package opendata

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// erasmusCols are the columns of an Erasmus+ project list, found by the
// lower-cased prefix of their names (some years call the status "Project
// or accreditation status"; the grant's header goes on with a note).
type erasmusCols struct {
	id, title, programme, keyAction, actionType, callYear, topics, summary, status, grant, website, countries int
	coordinator                                                                                               orgCols
	partners                                                                                                  []orgCols // Partner 1, 2, ...
}

// orgCols are the columns of one organisation of a row.
type orgCols struct {
	name, kind, country int
	label               string // "Coordinating organisation", "Partner 3"
}

var partnerColumn = regexp.MustCompile(`^partner (\d+) (name|organisation type|country)`)

func erasmusColumns(file string, h header) (*erasmusCols, error) {
	c := &erasmusCols{
		id:         h.col("project identifier"),
		title:      h.col("project title"),
		programme:  h.col("programme"),
		keyAction:  h.col("key action"),
		actionType: h.col("action type"),
		callYear:   h.col("call year"),
		topics:     h.col("topics"),
		summary:    h.col("project summary"),
		status:     h.col("project status", "project or accreditation status"),
		grant:      h.col("eu grant award"),
		website:    h.col("project website"),
		countries:  h.col("participating countries"),
		coordinator: orgCols{
			name:    h.col("coordinating organisation name", "coordinator's name", "coordinator name"),
			kind:    h.col("coordinating organisation type", "coordinator's type"),
			country: h.col("coordinator's country", "coordinator country", "coordinating organisation country"),
			label:   "Coordinating organisation",
		},
	}
	for _, req := range []struct {
		what string
		i    int
	}{{"Project Identifier", c.id}, {"Project Title", c.title}, {"Coordinating organisation name", c.coordinator.name}} {
		what, i := req.what, req.i
		if i < 0 {
			return nil, &Error{File: file, Row: 1, Reason: fmt.Sprintf("the header has no column %q: not an Erasmus+ project list", what)}
		}
	}
	byNum := map[int]*orgCols{}
	maxN := 0
	for i, k := range h.keys {
		g := partnerColumn.FindStringSubmatch(k)
		if g == nil {
			continue
		}
		n, _ := strconv.Atoi(g[1])
		if n <= 0 || n > 1000 {
			continue
		}
		oc := byNum[n]
		if oc == nil {
			oc = &orgCols{name: -1, kind: -1, country: -1, label: fmt.Sprintf("Partner %d", n)}
			byNum[n] = oc
		}
		switch g[2] {
		case "name":
			oc.name = i
		case "organisation type":
			oc.kind = i
		case "country":
			oc.country = i
		}
		maxN = max(maxN, n)
	}
	for n := 1; n <= maxN; n++ {
		if oc := byNum[n]; oc != nil && oc.name >= 0 {
			c.partners = append(c.partners, *oc)
		}
	}
	return c, nil
}

func readErasmus(r io.Reader, file string, opts Options) (*Result, error) {
	cr := csv.NewReader(r)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	first, err := cr.Read()
	if err == io.EOF {
		return nil, &Error{File: file, Reason: "the file is empty"}
	}
	if err != nil {
		return nil, csvError(file, 1, err)
	}
	h := newHeader(first)
	if err := checkUTF8(file, 1, h, first); err != nil {
		return nil, err
	}
	cols, err := erasmusColumns(file, h)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	seen := map[string]int{}
	for rowNum := 2; ; rowNum++ {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(file, rowNum, err)
		}
		res.Read++
		if opts.Progress != nil && res.Read%4096 == 0 {
			opts.Progress(res.Read)
		}
		if len(row) > len(h.keys) {
			return nil, &Error{File: file, Row: rowNum, Reason: fmt.Sprintf("%d cells, and the header names %d columns", len(row), len(h.keys))}
		}
		if err := checkUTF8(file, rowNum, h, row); err != nil {
			return nil, err
		}
		id := cell(row, cols.id)
		if id == "" {
			if allEmpty(row) {
				continue // a blank line
			}
			res.Skipped = append(res.Skipped, Skip{rowNum, "no project identifier"})
			continue
		}
		if at, dup := seen[id]; dup {
			res.Skipped = append(res.Skipped, Skip{rowNum, fmt.Sprintf("the same project (%s) as row %d", id, at)})
			continue
		}
		seen[id] = rowNum
		row2, err := erasmusRow(file, rowNum, h, cols, row, id)
		if err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, row2)
	}
	if opts.Progress != nil {
		opts.Progress(res.Read)
	}
	if res.Read == 0 {
		return nil, &Error{File: file, Reason: "the file has a header and no rows"}
	}
	return res, nil
}

func erasmusRow(file string, rowNum int, h header, cols *erasmusCols, row []string, id string) (*ingest.Row, error) {
	p := partnergraph.Project{
		Code:        id,
		Title:       cell(row, cols.title),
		Kind:        partnergraph.ProjectErasmus,
		Status:      cell(row, cols.status),
		Topics:      lines(cell(row, cols.topics)),
		Description: cell(row, cols.summary),
	}
	if p.Title == "" {
		p.Title = id
	}
	if code, ok := ingest.ParseErasmusCode(id); ok {
		p.Erasmus = code
		p.CountryCode = code.CountryCode
	}
	if g, err := amount(cell(row, cols.grant)); err != nil {
		return nil, &Error{File: file, Row: rowNum, Column: h.names[cols.grant], Reason: err.Error()}
	} else if g != nil {
		p.Funding.Grant, p.Funding.Currency = g, "EUR"
	}
	p.Funding.FunderID = partnergraph.ErasmusPlus.ID
	out := &ingest.Row{Name: docName(file, id), Source: partnergraph.SourceErasmus, Format: string(ErasmusCSV), Project: p}
	add := func(oc orgCols, role partnergraph.Role) {
		name := oneName(cell(row, oc.name))
		if name == "" {
			return
		}
		c := country(cell(row, oc.country))
		if role == partnergraph.RolePromoter && c != "" {
			out.Project.CountryCode = c
		}
		out.Organisations = append(out.Organisations, ingest.RowOrganisation{
			Name: name, Role: role, Country: c,
			Evidence: partnergraph.Evidence{Section: h.names[oc.name], Text: name, Row: rowNum},
		})
	}
	add(cols.coordinator, partnergraph.RolePromoter)
	for _, oc := range cols.partners {
		add(oc, partnergraph.RoleProjectPartner)
	}
	return out, nil
}

func allEmpty(row []string) bool {
	for _, c := range row {
		if c != "" {
			return false
		}
	}
	return true
}

// csvError names the row of a CSV parse error.
func csvError(file string, rowNum int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: file, Row: rowNum, Reason: fmt.Sprintf("%v (line %d of the file)", pe.Err, pe.Line)}
	}
	return &Error{File: file, Row: rowNum, Reason: err.Error()}
}
