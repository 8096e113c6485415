package ingest

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// A row of open data (an export's project with its organisations) is kept
// as a document like a page, so that writes, deletes, snapshots and the
// stores' corpus treat both alike; its text is rowMarker and the Row as
// JSON. Read turns it into a Record without parsing any prose: every fact
// is stated by a cell.

// RowMarker starts the text of a document that holds a Row.
const RowMarker = "partnergraph-row/1\n"

const rowMarker = RowMarker

// Row is one project as an export states it, with the organisations its
// rows name, each with the cell it was read from.
type Row struct {
	// Name is the document's name, made of the file and the project's
	// identifier, so that importing the file again gives the same
	// document.
	Name          string
	Source        partnergraph.Source
	Format        string `json:",omitzero"` // the export's format: "erasmus-csv", ...
	Project       partnergraph.Project
	Organisations []RowOrganisation `json:",omitzero"`
}

// RowOrganisation is an organisation a row names, in a role.
type RowOrganisation struct {
	Name    string
	Alias   string            `json:",omitzero"` // its name in English, where the export gives one beside the native
	Acronym string            `json:",omitzero"`
	Role    partnergraph.Role `json:",omitzero"`
	Country string            `json:",omitzero"` // ISO 3166-1 alpha-2
	// SourceID is the source's own id of the organisation ("keep.eu
	// partner 50211"), where the export gives one.
	SourceID string `json:",omitzero"`
	// Evidence is the cell: Section the column, Row the row, Text the
	// cell's value.
	Evidence partnergraph.Evidence
}

// ProjectID is the id of the row's project: the source's own id of a
// project without a number (keep.eu's), else its number, else its title;
// "" when it has none of them.
func (r *Row) ProjectID() string {
	if r.Project.ID != "" {
		return r.Project.ID
	}
	return partnergraph.ProjectID(r.Project.Code, r.Project.Title)
}

// Document is the document that keeps the row.
func (r *Row) Document() (Source, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return Source{}, err
	}
	return Source{Name: r.Name, Data: append([]byte(rowMarker), data...)}, nil
}

// IsRow says whether a document's text holds a Row.
func IsRow(data []byte) bool { return bytes.HasPrefix(data, []byte(rowMarker)) }

// readRow makes the Record of a kept Row.
func readRow(src Source) (*Record, error) {
	var row Row
	if err := json.Unmarshal(src.Data[len(rowMarker):], &row); err != nil {
		return nil, &ParseError{Name: src.Name, Reason: "a row of open data that cannot be read: " + err.Error()}
	}
	return ReadRow(&row, src)
}

// ReadRow makes the Record of a row whose document is src (as
// row.Document gives it), without reading src again; row is not kept.
func ReadRow(row *Row, src Source) (*Record, error) {
	if row.Source == "" || row.Source == partnergraph.SourcePage {
		return nil, &ParseError{Name: src.Name, Reason: "a row of open data names no source"}
	}
	id := DocumentID(src.Name)
	rec := &Record{Document: partnergraph.Document{
		ID: id, Name: src.Name, Layout: row.Format, Source: row.Source, SHA256: TextSHA256(string(src.Data)),
	}}
	p := row.Project
	p.DocumentID = id
	// The record owns its lists: the row may be reused.
	p.Partners, p.PromoterEvidence, p.Outcomes = slices.Clone(p.Partners), slices.Clone(p.PromoterEvidence), slices.Clone(p.Outcomes)
	if p.ID = row.ProjectID(); p.ID == "" {
		return nil, &ParseError{Name: src.Name, Reason: "a row of open data with neither a project number nor a title"}
	}
	p.Title = strings.TrimSpace(p.Title)
	setEvidenceDocument(&p, id)
	rec.Project = p
	for _, o := range row.Organisations {
		o.Evidence.DocumentID = id
		// A cell's name is made as a facts line's is: "Name ACRONYM",
		// "Name (ACRONYM)", "Ministry of Justice - Bulgaria(BG)".
		c := rowNameMemo.get(rowName{o.Name, o.Country}, func() cleanedName {
			f, ok := cleanFactIn(o.Name, o.Country, "", false, partnergraph.Evidence{})
			return cleanedName{f, ok}
		})
		f, ok := c.f, c.ok
		f.Evidence = o.Evidence
		if !ok {
			rec.warn("row %d, %s: %q is no organisation's name", o.Evidence.Row, o.Evidence.Section, o.Name)
			continue
		}
		f.Role = o.Role
		if o.Country != "" {
			f.Country = o.Country
		}
		if o.Acronym != "" {
			f.Acronym = o.Acronym
		}
		if o.Alias != "" {
			f.Alias = o.Alias
		}
		rec.Facts = append(rec.Facts, f)
	}
	return rec, nil
}

// rowNameMemo keeps what a row's name cleans to: exports name the same
// organisations in row after row.
var rowNameMemo memo[rowName, cleanedName]

type rowName struct{ name, country string }

type cleanedName struct {
	f  factOrg
	ok bool
}

// setEvidenceDocument points every evidence a row's project carries at
// its document.
func setEvidenceDocument(p *partnergraph.Project, id string) {
	for i := range p.PromoterEvidence {
		p.PromoterEvidence[i].DocumentID = id
	}
	for i := range p.Outcomes {
		p.Outcomes[i].Evidence.DocumentID = id
	}
}
