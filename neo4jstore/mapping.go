package neo4jstore

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/partnergraph/partnergraph"
)

// Rows: domain values to the parameter maps of the write statements.

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullableInt(v *int64) any {
	if v == nil {
		return nil
	}
	return *v
}

func countryFields(row map[string]any, code string) {
	row["countryCode"] = nullable(code)
	// A code that is not in the country list still gets a node with an id
	// (its name is then empty, as memstore's Country for it).
	if c, _ := partnergraph.CountryByCode(code); code != "" {
		row["countryId"], row["countryName"] = c.ID(), c.Name
	} else {
		row["countryId"], row["countryName"] = nil, nil
	}
}

func organisationRow(o partnergraph.Organisation) map[string]any {
	names := append([]string{o.Name, o.Acronym}, o.Aliases...)
	var keys, folded []string
	for _, n := range names {
		if k := partnergraph.NameKey(n); k != "" {
			keys = append(keys, k)
			folded = append(folded, partnergraph.Fold(n))
		}
	}
	aliases := o.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	var searchNames []string
	for _, n := range names {
		if n != "" {
			searchNames = append(searchNames, partnergraph.Fold(n))
		}
	}
	row := map[string]any{
		"id": o.ID, "name": o.Name, "acronym": nullable(o.Acronym), "aliases": aliases,
		"nameSort": partnergraph.Fold(o.Name), "searchNames": searchNames,
		"nameKey": partnergraph.NameKey(o.Name), "acronymKey": nullable(partnergraph.NameKey(o.Acronym)),
		"nameKeys": keys, "searchText": strings.Join(folded, " | "), "aliasText": strings.Join(names, " "),
		"ftText": partnergraph.Fold(strings.Join(names, "\n")),
		"names":  namesJSON(o.Names),
		// Never null: a list, as the merged-id lookup reads it.
		"mergedIds": append([]string{}, o.MergedIDs...),
		"sources":   sourceNames(o.Sources),
	}
	countryFields(row, o.CountryCode)
	return row
}

func targetGroupRows(groups []partnergraph.TargetGroup) []map[string]any {
	rows := make([]map[string]any, len(groups))
	for i, t := range groups {
		rows[i] = map[string]any{"id": t.ID, "name": t.Name, "ftText": partnergraph.Fold(t.Name)}
	}
	return rows
}

func programmeRows(programmes []partnergraph.Programme) []map[string]any {
	rows := make([]map[string]any, len(programmes))
	for i, g := range programmes {
		rows[i] = map[string]any{"id": g.ID, "name": g.Name, "kind": g.Kind, "ftText": partnergraph.Fold(g.Name)}
	}
	return rows
}

func funderRows(funders []partnergraph.Funder) []map[string]any {
	rows := make([]map[string]any, len(funders))
	for i, f := range funders {
		rows[i] = map[string]any{"id": f.ID, "name": f.Name}
	}
	return rows
}

func documentRows(docs []partnergraph.Document) []map[string]any {
	rows := make([]map[string]any, len(docs))
	for i, d := range docs {
		warnings, projects := d.Warnings, d.ProjectIDs
		if warnings == nil {
			warnings = []string{}
		}
		if projects == nil {
			projects = []string{}
		}
		rows[i] = map[string]any{"id": d.ID, "name": d.Name, "layout": d.Layout, "source": nullable(string(d.Source)), "sha256": d.SHA256, "warnings": warnings, "projectIds": projects}
	}
	return rows
}

func projectRows(projects []partnergraph.Project) ([]map[string]any, error) {
	rows := make([]map[string]any, len(projects))
	for i, p := range projects {
		data, err := json.Marshal(p)
		if err != nil {
			return nil, partnergraph.Errorf(partnergraph.EINTERNAL, "encode project %s: %v", p.ID, err)
		}
		activeFrom, activeTo, _ := partnergraph.ProjectSpan(&p)
		rows[i] = map[string]any{
			"id": p.ID, "code": nullable(p.Code), "codeKey": nullable(strings.ToUpper(p.Code)),
			"title": p.Title, "titleKey": partnergraph.Fold(p.Title), "kind": string(p.Kind), "sources": projectSources(p),
			"status": nullable(p.Status), "statusKey": nullable(strings.ToLower(p.Status)), "countryCode": nullable(p.CountryCode),
			"grant": nullableInt(p.Funding.Grant), "finalCost": nullableInt(p.Funding.FinalCost), "initialCost": nullableInt(p.Funding.InitialCost),
			"startDate": nullable(p.StartDate), "description": nullable(p.Description), "results": nullable(p.Results),
			"bilateralResults": nullable(p.BilateralResults), "themes": nonNil(p.Themes),
			"placesText": nullable(strings.TrimSpace(p.Location + "\n" + strings.Join(p.Places, "\n"))),
			"data":       string(data),
			"ftText":     projectText(p),
			"year":       nullable(partnergraph.Year(&p)),
			"period":     nullable(partnergraph.FundingPeriod(&p)),
			"activeFrom": nullable(activeFrom),
			"activeTo":   nullable(activeTo),
		}
	}
	return rows, nil
}

// projectText is what the full-text index reads of a project, folded (case
// and accents aside) as memstore's index folds it; the title counts twice,
// as there.
// projectText is the project's full-text field, its title twice (a title
// match counts twice, as in memstore's index).
func projectText(p partnergraph.Project) string {
	title, text, _ := partnergraph.SearchFields(&p)
	return partnergraph.Fold(strings.Join(append([]string{title, title}, text...), "\n"))
}

type edgeRows struct {
	organisations, targets, programmes, single []map[string]any
}

func evidenceJSON(ev []partnergraph.Evidence) string {
	if len(ev) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(ev)
	return string(b)
}

func projectEdgeRows(projects []partnergraph.Project) edgeRows {
	var e edgeRows
	for _, p := range projects {
		if p.PromoterID != "" {
			e.organisations = append(e.organisations, map[string]any{"project": p.ID, "organisation": p.PromoterID, "role": string(partnergraph.RolePromoter), "ord": 0, "evidence": evidenceJSON(p.PromoterEvidence)})
		}
		for i, ps := range p.Partners {
			e.organisations = append(e.organisations, map[string]any{"project": p.ID, "organisation": ps.OrganisationID, "role": string(ps.Role), "ord": i + 1, "evidence": evidenceJSON(ps.Evidence)})
		}
		for i, t := range p.TargetGroupIDs {
			e.targets = append(e.targets, map[string]any{"project": p.ID, "target": t, "ord": i})
		}
		for i, u := range p.Programmes {
			e.programmes = append(e.programmes, map[string]any{"project": p.ID, "programme": u.ProgrammeID, "activity": string(u.Activity), "ord": i, "evidence": evidenceJSON(u.Evidence)})
		}
		row := map[string]any{"project": p.ID, "funder": nullable(p.Funding.FunderID), "document": nullable(p.DocumentID), "themes": nonNil(p.Themes)}
		countryFields(row, p.CountryCode)
		e.single = append(e.single, row)
	}
	return e
}

// Records: query results to domain values.

func value(r *neo4j.Record, key string) any {
	v, _ := r.Get(key)
	return v
}

func str(r *neo4j.Record, key string) string {
	s, _ := value(r, key).(string)
	return s
}

func integer(r *neo4j.Record, key string) int64 {
	n, _ := value(r, key).(int64)
	return n
}

// strs reads a list of strings; an empty list reads as nil, as memstore keeps it.
func strs(v any) []string {
	list, _ := v.([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func projectFromRecord(d *decodedProjects, r *neo4j.Record) (*partnergraph.Project, error) {
	data := str(r, "data")
	if data == "" {
		return nil, partnergraph.Errorf(partnergraph.EINTERNAL, "project without data in the database")
	}
	return d.decode(data)
}

func organisationFromRecord(r *neo4j.Record) partnergraph.Organisation {
	o := partnergraph.Organisation{
		ID: str(r, "id"), Name: str(r, "name"), Acronym: str(r, "acronym"),
		Aliases: strs(value(r, "aliases")), CountryCode: str(r, "countryCode"),
	}
	if merged := strs(value(r, "mergedIds")); len(merged) > 0 {
		o.MergedIDs = merged
	}
	for _, s := range strs(value(r, "sources")) {
		o.Sources = append(o.Sources, partnergraph.Source(s))
	}
	if js := str(r, "names"); js != "" {
		_ = json.Unmarshal([]byte(js), &o.Names) // written by organisationRow
	}
	return o
}

func documentFromRecord(r *neo4j.Record) *partnergraph.Document {
	return &partnergraph.Document{
		ID: str(r, "id"), Name: str(r, "name"), Layout: str(r, "layout"), Source: partnergraph.Source(str(r, "source")), SHA256: str(r, "sha256"),
		Warnings: strs(value(r, "warnings")), ProjectIDs: strs(value(r, "projectIds")),
	}
}

func involvementsFromRecord(r *neo4j.Record) (string, []partnergraph.Involvement) {
	id := str(r, "id")
	projects, _ := value(r, "projects").([]any)
	roles, _ := value(r, "roles").([]any)
	ords, _ := value(r, "ords").([]any)
	if len(projects) == 0 || len(roles) != len(projects) || len(ords) != len(projects) {
		return id, nil
	}
	type row struct {
		in  partnergraph.Involvement
		ord int64
	}
	rows := make([]row, len(projects))
	for i := range projects {
		project, _ := projects[i].(string)
		role, _ := roles[i].(string)
		ord, _ := ords[i].(int64)
		rows[i] = row{partnergraph.Involvement{ProjectID: project, Role: partnergraph.Role(role)}, ord}
	}
	// By project, and within a project in the sheet's order (the promoter
	// first), as memstore keeps them.
	slices.SortFunc(rows, func(a, b row) int {
		if c := strings.Compare(a.in.ProjectID, b.in.ProjectID); c != 0 {
			return c
		}
		return cmp.Compare(a.ord, b.ord)
	})
	out := make([]partnergraph.Involvement, len(rows))
	for i, x := range rows {
		out[i] = x.in
	}
	return id, out
}

// relationshipKinds maps relationship types to edge kinds.
var relationshipKinds = map[string]partnergraph.EdgeKind{
	"PROMOTED_BY": partnergraph.EdgePromoter, "PARTNER": partnergraph.EdgePartner, "TARGETS": partnergraph.EdgeTargets,
	"USES_PROGRAMME": partnergraph.EdgeUsesProgramme, "LOCATED_IN": partnergraph.EdgeLocatedIn, "BASED_IN": partnergraph.EdgeBasedIn,
	"FUNDED_BY": partnergraph.EdgeFundedBy, "FROM_DOCUMENT": partnergraph.EdgeFromDocument,
}

func edgeFromRecord(r *neo4j.Record) (string, partnergraph.Edge, bool) {
	kind, ok := relationshipKinds[str(r, "type")]
	if !ok {
		return "", partnergraph.Edge{}, false
	}
	return str(r, "id"), partnergraph.Edge{
		Source: str(r, "source"), Target: str(r, "target"), Kind: kind,
		Role: partnergraph.Role(str(r, "role")), Activity: partnergraph.Activity(str(r, "activity")),
	}, true
}

func float(r *neo4j.Record, key string) float64 {
	switch v := value(r, key).(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

func metricsFromRecord(r *neo4j.Record) (string, *partnergraph.Metrics) {
	return str(r, "id"), &partnergraph.Metrics{
		Projects: int(integer(r, "projects")), Degree: int(integer(r, "degree")), PartnerCountries: int(integer(r, "partnerCountries")),
		Betweenness: float(r, "betweenness"), Community: int(integer(r, "community")), Bridging: float(r, "bridging"),
	}
}

// cursorOf makes the cursor of a list row from its sort key k, which the
// store returns as the same value memstore computes (numbers as float64).
func cursorOf(r *neo4j.Record, field, id string) string {
	k := value(r, "k")
	if n, ok := k.(int64); ok {
		k = float64(n)
	}
	return partnergraph.EncodeCursor(partnergraph.Cursor{Field: field, Key: k, ID: id})
}

// luceneSpecial are the characters of Lucene's query syntax.
var luceneSpecial = strings.NewReplacer(
	`\`, `\\`, `+`, `\+`, `-`, `\-`, `&`, `\&`, `|`, `\|`, `!`, `\!`, `(`, `\(`, `)`, `\)`, `{`, `\{`, `}`, `\}`,
	`[`, `\[`, `]`, `\]`, `^`, `\^`, `"`, `\"`, `~`, `\~`, `*`, `\*`, `?`, `\?`, `:`, `\:`, `/`, `\/`,
)

// luceneQuery makes a user's words a Lucene query that matches any of them:
// every operator is escaped, so the words are taken as words.
func luceneQuery(q string) string {
	words := strings.Fields(luceneSpecial.Replace(q))
	for i, w := range words {
		switch w {
		case "AND", "OR", "NOT", "TO":
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// nodeFromRecord decodes a row of nodesQuery; nil for a label it does not
// read.
func nodeFromRecord(d *decodedProjects, r *neo4j.Record) (partnergraph.Node, error) {
	switch str(r, "label") {
	case "Project":
		return projectFromRecord(d, r)
	case "Organisation":
		o := organisationFromRecord(r)
		return &o, nil
	case "TargetGroup":
		return &partnergraph.TargetGroup{ID: str(r, "id"), Name: str(r, "name")}, nil
	case "Programme":
		return &partnergraph.Programme{ID: str(r, "id"), Name: str(r, "name"), Kind: str(r, "kind")}, nil
	case "Funder":
		return &partnergraph.Funder{ID: str(r, "id"), Name: str(r, "name")}, nil
	case "Document":
		return documentFromRecord(r), nil
	}
	return nil, nil
}

// namesJSON is an organisation's names with their evidence, as stored.
func namesJSON(names []partnergraph.NameSource) any {
	if len(names) == 0 {
		return nil
	}
	b, err := json.Marshal(names)
	if err != nil {
		return nil
	}
	return string(b)
}

// projectSources are the sources a project is known from, each once.
func projectSources(p partnergraph.Project) []string { return sourceNames(p.SourceKinds()) }
