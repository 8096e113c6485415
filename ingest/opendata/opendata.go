// Package opendata reads the public exports of whole funding programmes
// (the EEA and Norway Grants' XLSX exports of projects and of
// organisations, the Erasmus+ project results platform's CSV lists and
// keep.eu's JSON projects) into rows of open data, ingest.Row: one project
// each, with the organisations named in it, every fact traced to its file,
// row and column.
//
// A reader streams its file and keeps only the rows it made. A file is
// read whole or not at all: a row that cannot be read (a broken quote, a
// cell that is not UTF-8, a row with more cells than the header) is an
// error that names the row, and nothing of the file is returned. A row
// that is readable but holds no project (no identifier, a duplicate) is
// skipped, and the reason kept.
package opendata

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// Format is the layout of an export.
type Format string

// The formats read.
const (
	EEAProjects      Format = "eea-projects"      // EEA and Norway Grants, projects export (XLSX)
	EEAOrganisations Format = "eea-organisations" // EEA and Norway Grants, organisations export (XLSX)
	ErasmusCSV       Format = "erasmus-csv"       // Erasmus+ project results platform, project list (CSV)
	KeepJSON         Format = "keep-json"         // keep.eu projects (JSON)
)

// Formats are every format, as the import command names them.
var Formats = []Format{EEAProjects, EEAOrganisations, ErasmusCSV, KeepJSON}

// Skip is a row left out, and why.
type Skip struct {
	Row    int
	Reason string
}

// Result is what a file gave: its rows of open data, the rows skipped,
// and how many rows of data it had.
type Result struct {
	Format  Format
	Rows    []*ingest.Row
	Skipped []Skip
	Read    int
}

// Options tune a read.
type Options struct {
	// Progress, when set, is told the rows read so far, now and then.
	Progress func(rows int)
	// Code, when set, gives the project number of a project the export
	// names only by its title (the EEA Grants' organisations export), in
	// a beneficiary state ("" when the row names none); "" when unknown.
	Code func(title, country string) string
}

// Error is a file that cannot be read, at a row (0: the file as a whole).
type Error struct {
	File   string
	Row    int
	Column string
	Reason string
}

func (e *Error) Error() string {
	switch {
	case e.Row == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Reason)
	case e.Column != "":
		return fmt.Sprintf("%s, row %d, column %q: %s", e.File, e.Row, e.Column, e.Reason)
	}
	return fmt.Sprintf("%s, row %d: %s", e.File, e.Row, e.Reason)
}

// Read reads the export in r, named name (its file name, which the rows'
// documents are named after), in format f; Detect finds f when it is "".
func Read(r io.Reader, name string, f Format, opts Options) (*Result, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if f == "" {
		head, _ := br.Peek(4096)
		var err error
		if f, err = Detect(head, name); err != nil {
			return nil, err
		}
	}
	base := filepath.Base(name)
	if head, _ := br.Peek(4096); len(head) < 4096 && len(bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, &Error{File: base, Reason: "the file is empty"}
	}
	var res *Result
	var err error
	switch f {
	case ErasmusCSV:
		res, err = readErasmus(br, base, opts)
	case EEAProjects, EEAOrganisations:
		res, err = readEEA(br, base, f, opts)
	case KeepJSON:
		head, _ := br.Peek(4096)
		if t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"); len(t) > 0 && t[0] == '[' {
			res, err = readKeep(br, base, opts)
		} else {
			res, err = readKeepObjects(br, base, opts)
		}
	default:
		return nil, &Error{File: base, Reason: fmt.Sprintf("unknown format %q: one of %s", f, FormatList())}
	}
	if err != nil {
		return nil, err
	}
	if res.Format == "" {
		res.Format = f
	}
	return res, nil
}

// FormatList names every format, for a message.
func FormatList() string {
	var s []string
	for _, f := range Formats {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}

// Known says whether f is one of Formats.
func (f Format) Known() bool { return slices.Contains(Formats, f) }

// Detect finds the format of a file from its first bytes: an XLSX
// workbook (a zip) is one of the EEA Grants' exports, told apart by its
// header when read; CSV whose header names a project identifier is an
// Erasmus+ list; JSON is keep.eu's.
func Detect(head []byte, name string) (Format, error) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return "", &Error{File: filepath.Base(name), Reason: "the file is empty"}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return EEAProjects, nil // readEEA tells projects from organisations by the header
	case trimmed[0] == '{' || trimmed[0] == '[':
		return KeepJSON, nil
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if strings.Contains(strings.ToLower(string(line)), "project identifier") {
		return ErasmusCSV, nil
	}
	return "", &Error{File: filepath.Base(name), Reason: "not a known export: give -format (" + FormatList() + ")"}
}

// DetectFile finds the format of the file at path from its content, as
// Detect does; a workbook's header tells the EEA Grants' projects export
// from its organisations export.
func DetectFile(path string) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	f.Close()
	format, err := Detect(head[:n], path)
	if err != nil || format != EEAProjects {
		return format, err
	}
	return workbookFormat(path)
}

// header maps the columns of a header row by their normalised names.
type header struct {
	names []string // as written
	keys  []string // normalised
}

func newHeader(cells []string) header {
	h := header{names: make([]string, len(cells)), keys: make([]string, len(cells))}
	for i, c := range cells {
		c = strings.TrimPrefix(c, "\ufeff")
		h.names[i] = strings.TrimSpace(c)
		h.keys[i] = normaliseHeader(c)
	}
	return h
}

// normaliseHeader lower-cases a column's name, folds its spaces and its
// apostrophes.
func normaliseHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
	s = strings.NewReplacer("\u2019", "'", "\u00a0", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// col is the first column whose name starts with one of prefixes; -1 if
// none does.
func (h header) col(prefixes ...string) int {
	for _, p := range prefixes {
		for i, k := range h.keys {
			if strings.HasPrefix(k, p) {
				return i
			}
		}
	}
	return -1
}

// cell is row[i] trimmed, "" when i is outside the row.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// checkUTF8 finds the first cell of a row that is not UTF-8 text.
func checkUTF8(file string, rowNum int, h header, row []string) error {
	for i, c := range row {
		if !utf8.ValidString(c) {
			col := ""
			if i < len(h.names) {
				col = h.names[i]
			}
			return &Error{File: file, Row: rowNum, Column: col, Reason: "the cell is not UTF-8 text: save the file as UTF-8"}
		}
	}
	return nil
}

// lines splits a multi-valued cell: values joined with new lines (or
// semicolons, as some exports write them).
func lines(s string) []string {
	var out []string
	for _, v := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' }) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// country reads a country cell: a name ("Greece") or a code ("EL").
func country(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := partnergraph.CountryByName(s); ok {
		return c.Code
	}
	return ""
}

// amount reads an amount cell in euros; nil when the cell is empty.
func amount(s string) (*int64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, _, err := ingest.ParseMoney(s)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// oneName folds the spaces of an organisation's name.
func oneName(s string) string { return strings.Join(strings.Fields(s), " ") }

// docName is the name of the document of a project of a file.
func docName(file, key string) string {
	return strings.Join(strings.Fields(file+": "+key), " ")
}
