package ingest

import (
	"strings"

	"github.com/partnergraph/partnergraph/ingest/entity"
)

// A table of organisations as a page's text gives it: a row a line, its
// cells separated by tabs, often under a header row ("Organizacija /
// Država / Vloga", "Partner / Country / Role"; or with " | " between the
// cells). Which column holds what is
// read from the cells below the header, not from the header's words, so it
// does not depend on the page's language:
//   - a column every one of whose cells names a country is the country;
//   - a column every one of whose cells names a role (a word the label
//     stems read as promoter, partner or donor partner: "koordinator",
//     "Lead partner", "partner") is the role;
//   - the first other column whose cells are organisations' names (by how
//     names are formed: typeOrg) is the name.
//
// A table with a name column and a role column (or a header, or a heading
// right above it, whose words say the names are partners) is a roster: each row becomes the line
// "<role label>: <name> (<country>)", read like any facts line. Other
// tables are left to the lines' other readers.

// tabCells splits a line into its cells, separated by tabs or by " | "
// (empty cells dropped); nil when the line has neither.
func tabCells(t string) []string {
	sep := "\t"
	if !strings.Contains(t, sep) {
		if sep = " | "; !strings.Contains(t, sep) {
			return nil
		}
	}
	var out []string
	for _, c := range strings.Split(t, sep) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// roleOfCell: the field a role cell names ("koordinator" → promoter), ""
// when the cell is no role.
func roleOfCell(c string) string {
	if len(strings.Fields(c)) > 4 || countriesOnly(c) {
		return "" // ("Iceland Liechtenstein Norway": the donor states, no role)
	}
	switch key := labelByStem(c); key {
	case keyPromoter, keyPartners, keyDonorPartners:
		return key
	}
	if key, _, v, ok := matchLabel(c); ok && v == "" {
		switch key {
		case keyPromoter, keyPartners, keyDonorPartners:
			return key
		}
	}
	return ""
}

// roleLabel is the label a roster row is written with, one the lexicon
// knows for the field.
var roleLabel = map[string]string{keyPromoter: "Coordinator", keyPartners: "Partner", keyDonorPartners: "Donor partner"}

// rosterTables finds the rosters among the lines: the rewritten text of
// each row's line by its index, and "" for a header row to skip.
func rosterTables(lines []line) map[int]string {
	var out map[int]string
	for i := 0; i < len(lines); {
		cells := tabCells(lines[i].text)
		if len(cells) < 2 {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && len(tabCells(lines[j].text)) == len(cells) {
			j++
		}
		if rows := readRoster(lines, i, j); rows != nil {
			if out == nil {
				out = map[int]string{}
			}
			for k, v := range rows {
				out[k] = v
			}
		}
		i = j
	}
	return out
}

// readRoster reads lines[i:j], rows of one table, as a roster; nil when
// they are not one.
func readRoster(lines []line, i, j int) map[int]string {
	if j-i < 2 {
		return nil
	}
	first := tabCells(lines[i].text)
	n := len(first)
	rows := make([][]string, 0, j-i)
	for k := i; k < j; k++ {
		rows = append(rows, tabCells(lines[k].text))
	}
	// The header is the first row when one of its cells is not of its
	// column's type (below).
	column := func(from, c int, ok func(string) bool) bool {
		for _, r := range rows[from:] {
			if !ok(r[c]) {
				return false
			}
		}
		return true
	}
	isCountry := func(s string) bool { _, ok := entity.CountryByName(s); return ok }
	isRole := func(s string) bool { return roleOfCell(s) != "" }
	isName := func(s string) bool { return typeOf(s) == typeOrg && !isCountry(s) && !isRole(s) }
	find := func(from int) (name, country, role int) {
		name, country, role = -1, -1, -1
		for c := 0; c < n; c++ {
			switch {
			case country < 0 && column(from, c, isCountry):
				country = c
			case role < 0 && column(from, c, isRole):
				role = c
			case name < 0 && column(from, c, isName):
				name = c
			}
		}
		return
	}
	from := 1
	name, country, role := find(1)
	if name >= 0 && (isName(first[name]) && (role < 0 || isRole(first[role])) && (country < 0 || isCountry(first[country]))) {
		from = 0 // no header: every row is a row of the table
		name, country, role = find(0)
	}
	if name < 0 || from == len(rows) {
		return nil
	}
	fixed := ""
	if role < 0 {
		if from == 0 {
			return nil
		}
		fixed = roleOfCell(first[name])
		if fixed == "" && i > 0 && len(lines[i-1].text) < 60 {
			fixed = roleOfCell(lines[i-1].text) // the table's heading: "Partnerszervezetek"
		}
		if fixed == "" {
			return nil // no roles, and a header that does not say whose names
		}
	}
	out := map[int]string{}
	if from == 1 {
		out[i] = ""
	}
	for k, r := range rows[from:] {
		key := fixed
		if role >= 0 {
			key = roleOfCell(r[role])
		}
		v := r[name]
		if country >= 0 {
			c, _ := entity.CountryByName(r[country])
			if c.Name != "" {
				v += " (" + c.Name + ")"
			}
		}
		out[i+from+k] = roleLabel[key] + ": " + v
	}
	return out
}

// countriesOnly: every word of the cell names a country.
func countriesOnly(c string) bool {
	ws := strings.FieldsFunc(c, func(r rune) bool { return r == ' ' || r == ',' || r == '/' || r == '&' })
	for _, w := range ws {
		if ct, ok := entity.CountryByName(w); !ok || ct.Name == "" {
			return false
		}
	}
	return len(ws) > 0
}
