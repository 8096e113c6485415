package opendata

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// keep.eu's projects, as its JSON gives each: an id, an acronym, the
// programme, the name in English, themes, and the partnerships (the lead
// partner and the others, each with the partner's own id, its name as
// written and translated, its country, town, type and budget). A file
// holds one project, an array of them, or one a line.

type keepProject struct {
	ID           json.RawMessage `json:"id"`
	Acronym      string          `json:"acronym"`
	Programme    *keepProgramme  `json:"programme"`
	Translations map[string]struct {
		Name string `json:"name"`
	} `json:"translations"`
	Name         string            `json:"name"`
	Themes       []json.RawMessage `json:"themes"`
	Partnerships []keepPartnership `json:"partnerships"`
}

type keepProgramme struct {
	ID    json.RawMessage `json:"id"`
	Title string          `json:"title"`
}

type keepPartnership struct {
	Type    string `json:"type"`
	Partner struct {
		ID             json.RawMessage `json:"id"`
		Name           string          `json:"name"`
		NameTranslated string          `json:"name_translated"`
		Country        string          `json:"country"`
	} `json:"partner"`
	Town             string          `json:"town"`
	OrganisationType string          `json:"organisation_type"`
	TotalBudget      json.RawMessage `json:"total_budget"`
}

// keepReader takes the projects of a file one by one.
type keepReader struct {
	file string
	opts Options
	dec  *json.Decoder
	res  *Result
	seen map[string]int // project id -> its place in the file
}

func newKeepReader(r io.Reader, file string, opts Options) *keepReader {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return &keepReader{file: file, opts: opts, dec: dec, res: &Result{}, seen: map[string]int{}}
}

// next decodes the n-th project of the file and keeps its row, or why it
// holds none; io.EOF at the end of the file.
func (k *keepReader) next(n int) error {
	var kp keepProject
	if err := k.dec.Decode(&kp); err == io.EOF {
		return err
	} else if err != nil {
		return &Error{File: k.file, Row: n, Reason: "not a keep.eu project: " + jsonReason(err)}
	}
	k.res.Read++
	if k.opts.Progress != nil && k.res.Read%4096 == 0 {
		k.opts.Progress(k.res.Read)
	}
	row, why, err := keepRow(k.file, n, &kp)
	switch {
	case err != nil:
		return err
	case row == nil:
		k.res.Skipped = append(k.res.Skipped, Skip{n, why})
	case k.seen[row.Project.ID] > 0:
		k.res.Skipped = append(k.res.Skipped, Skip{n, fmt.Sprintf("the same project as project %d of the file", k.seen[row.Project.ID])})
	default:
		k.seen[row.Project.ID] = n
		k.res.Rows = append(k.res.Rows, row)
	}
	return nil
}

// done is the result, once every project is taken.
func (k *keepReader) done() (*Result, error) {
	if k.res.Read == 0 {
		return nil, &Error{File: k.file, Reason: "the file holds no project"}
	}
	if k.opts.Progress != nil {
		k.opts.Progress(k.res.Read)
	}
	return k.res, nil
}

// readKeep reads a file that holds an array of projects.
func readKeep(r io.Reader, file string, opts Options) (*Result, error) {
	k := newKeepReader(r, file, opts)
	tok, err := k.dec.Token()
	if err == io.EOF {
		return nil, &Error{File: file, Reason: "the file is empty"}
	}
	if err != nil {
		return nil, &Error{File: file, Row: 1, Reason: "not JSON: " + jsonReason(err)}
	}
	if tok != json.Delim('[') {
		return nil, &Error{File: file, Row: 1, Reason: "a keep.eu file holds projects: JSON objects, or an array of them"}
	}
	n := 0
	for k.dec.More() {
		n++
		if err := k.next(n); err != nil {
			if err == io.EOF {
				err = &Error{File: file, Row: n, Reason: "the array of projects does not end"}
			}
			return nil, err
		}
	}
	if _, err := k.dec.Token(); err != nil {
		return nil, &Error{File: file, Row: n, Reason: "the array of projects does not end: " + jsonReason(err)}
	}
	if _, err := k.dec.Token(); err != io.EOF {
		return nil, &Error{File: file, Row: n + 1, Reason: "more after the array of projects"}
	}
	return k.done()
}

// readKeepObjects reads a file of projects, one after another (one a line,
// or a single one).
func readKeepObjects(r io.Reader, file string, opts Options) (*Result, error) {
	k := newKeepReader(r, file, opts)
	for n := 1; ; n++ {
		if err := k.next(n); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
	}
	return k.done()
}

func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%q should be a %s, not a %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// rawText is a JSON string or number as text.
func rawText(m json.RawMessage) string {
	var s string
	if json.Unmarshal(m, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(m, &n) == nil {
		return n.String()
	}
	return ""
}

// keepRow makes the row of a project; nil and a reason when it holds none.
func keepRow(file string, n int, kp *keepProject) (*ingest.Row, string, error) {
	id := rawText(kp.ID)
	if id == "" {
		return nil, "no project id", nil
	}
	// The decoder puts U+FFFD for bytes that are not UTF-8.
	bad := func(s string) bool { return !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) }
	for _, s := range []string{kp.Acronym, kp.Name, kp.Translations["en"].Name} {
		if bad(s) {
			return nil, "", &Error{File: file, Row: n, Column: "name", Reason: "not UTF-8 text"}
		}
	}
	title := strings.TrimSpace(kp.Translations["en"].Name)
	if title == "" {
		title = strings.TrimSpace(kp.Name)
	}
	if title == "" {
		title = strings.TrimSpace(kp.Acronym)
	}
	p := partnergraph.Project{
		ID:    "project:keep-eu-" + partnergraph.Slug(id),
		Title: title,
		Kind:  partnergraph.ProjectInterreg,
	}
	if kp.Acronym != "" && !strings.Contains(title, kp.Acronym) {
		p.Title = strings.TrimSpace(kp.Acronym) + ": " + title
	}
	if kp.Programme != nil {
		p.GrantProgramme = strings.TrimSpace(kp.Programme.Title)
	}
	for _, t := range kp.Themes {
		if s := themeName(t); s != "" {
			p.Topics = append(p.Topics, s)
		}
	}
	row := &ingest.Row{Name: docName(file, "keep.eu project "+id), Source: partnergraph.SourceKeep, Format: string(KeepJSON), Project: p}
	var budget int64
	budgets := false
	for i, ps := range kp.Partnerships {
		name := oneName(ps.Partner.Name)
		alias := oneName(ps.Partner.NameTranslated)
		if name == "" {
			name, alias = alias, ""
		}
		if name == "" {
			continue
		}
		if bad(name) || bad(alias) {
			return nil, "", &Error{File: file, Row: n, Column: fmt.Sprintf("partnerships[%d].partner.name", i), Reason: "not UTF-8 text"}
		}
		if strings.EqualFold(alias, name) {
			alias = ""
		}
		role := partnergraph.RoleProjectPartner
		if t := strings.ToLower(ps.Type); strings.Contains(t, "lead") {
			role = partnergraph.RolePromoter
		}
		c := country(ps.Partner.Country)
		if role == partnergraph.RolePromoter && c != "" {
			row.Project.CountryCode = c
		}
		var sourceID string
		if pid := rawText(ps.Partner.ID); pid != "" {
			sourceID = "keep.eu partner " + pid
		}
		row.Organisations = append(row.Organisations, ingest.RowOrganisation{
			Name: name, Alias: alias, Role: role, Country: c, SourceID: sourceID,
			Evidence: partnergraph.Evidence{Section: fmt.Sprintf("partnerships[%d].partner.name", i), Text: name, Row: n},
		})
		if b := rawText(ps.TotalBudget); b != "" {
			if v, _, err := ingest.ParseMoney(b); err == nil {
				budget += v
				budgets = true
			}
		}
	}
	if budgets {
		row.Project.Funding.InitialCost, row.Project.Funding.Currency = &budget, "EUR"
	}
	return row, "", nil
}

// themeName is a theme as a string, or an object's name or title.
func themeName(m json.RawMessage) string {
	if s := rawText(m); s != "" {
		return s
	}
	var o struct{ Name, Title string }
	if json.Unmarshal(m, &o) == nil {
		if o.Name != "" {
			return o.Name
		}
		return o.Title
	}
	return ""
}
