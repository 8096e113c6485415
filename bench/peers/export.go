package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph/bench/internal/benchkit"
)

// rolePriority orders the roles an organisation may play in one project;
// the peer's partnership table keeps one row a project and organisation,
// the strongest, as Partnergraph's organisation projects count one.
var rolePriority = map[string]int{"PROMOTER": 0, "DONOR_PROJECT_PARTNER": 1, "PROJECT_PARTNER": 2, "MENTIONED": 3}

// export reads every organisation and project from Partnergraph's API, page
// by page, and loads them into the peer's database with psql's COPY.
func export(oursURL, pg, schema, dir string) (string, error) {
	type page struct {
		HasNextPage bool
		EndCursor   string
	}
	var orgRows, projectRows, partnerRows, tgRows, ptgRows []string
	after := any(nil)
	for {
		var v struct {
			Data struct {
				Organisations struct {
					PageInfo page
					Nodes    []struct {
						ID, Name string
						Acronym  *string
						Country  *struct{ Code string }
					}
				}
			}
		}
		if err := post(oursURL, `query($after: String) { organisations(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name acronym country { code } } } }`,
			map[string]any{"after": after}, &v); err != nil {
			return "", err
		}
		for _, o := range v.Data.Organisations.Nodes {
			country := (*string)(nil)
			if o.Country != nil {
				country = &o.Country.Code
			}
			orgRows = append(orgRows, row(&o.ID, &o.Name, o.Acronym, country))
		}
		if !v.Data.Organisations.PageInfo.HasNextPage {
			break
		}
		after = v.Data.Organisations.PageInfo.EndCursor
	}
	targetGroups := map[string]bool{}
	after = nil
	for {
		var v struct {
			Data struct {
				Projects struct {
					PageInfo page
					Nodes    []struct {
						ID      string
						Code    *string
						Title   string
						Status  *string
						Country *struct{ Code string }
						Funding struct {
							Grant, FinalCost *float64
							Funder           *struct{ ID string }
						}
						Promoter *struct{ ID string }
						Partners []struct {
							Role         string
							Organisation struct{ ID string }
						}
						TargetGroups []struct{ ID, Name string }
					}
				}
			}
		}
		if err := post(oursURL, `query($after: String) { projects(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes {
			id code title status country { code } funding { grant finalCost funder { id } } promoter { id }
			partners(roles: [PROMOTER, DONOR_PROJECT_PARTNER, PROJECT_PARTNER, MENTIONED]) { role organisation { id } } targetGroups { id name } } } }`,
			map[string]any{"after": after}, &v); err != nil {
			return "", err
		}
		for _, p := range v.Data.Projects.Nodes {
			var country, funder, promoter, grant, finalCost *string
			if p.Country != nil {
				country = &p.Country.Code
			}
			if p.Funding.Funder != nil {
				funder = &p.Funding.Funder.ID
			}
			if p.Promoter != nil {
				promoter = &p.Promoter.ID
			}
			grant, finalCost = integer(p.Funding.Grant), integer(p.Funding.FinalCost)
			projectRows = append(projectRows, row(&p.ID, p.Code, &p.Title, p.Status, country, funder, grant, finalCost, promoter))
			best := map[string]string{}
			var order []string
			for _, ps := range p.Partners {
				id := ps.Organisation.ID
				if r, ok := best[id]; !ok || rolePriority[ps.Role] < rolePriority[r] {
					if !ok {
						order = append(order, id)
					}
					best[id] = ps.Role
				}
			}
			for _, id := range order {
				role := best[id]
				partnerRows = append(partnerRows, row(&p.ID, &id, &role))
			}
			for _, t := range p.TargetGroups {
				if !targetGroups[t.ID] {
					targetGroups[t.ID] = true
					tgRows = append(tgRows, row(&t.ID, &t.Name))
				}
				ptgRows = append(ptgRows, row(&p.ID, &t.ID))
			}
		}
		if !v.Data.Projects.PageInfo.HasNextPage {
			break
		}
		after = v.Data.Projects.PageInfo.EndCursor
	}

	var sql strings.Builder
	copyBlock := func(table, columns string, rows []string) {
		fmt.Fprintf(&sql, "COPY %s (%s) FROM stdin;\n", table, columns)
		for _, r := range rows {
			sql.WriteString(r)
			sql.WriteByte('\n')
		}
		sql.WriteString("\\.\n")
	}
	sql.WriteString("BEGIN;\n")
	copyBlock("organisation", "id, name, acronym, country_code", orgRows)
	copyBlock("target_group", "id, name", tgRows)
	copyBlock("project", "id, code, title, status, country_code, funder, grant_amount, final_cost, promoter_id", projectRows)
	copyBlock("partnership", "project_id, organisation_id, role", partnerRows)
	copyBlock("project_target_group", "project_id, target_group_id", ptgRows)
	sql.WriteString("COMMIT;\nANALYZE;\n")
	data := filepath.Join(dir, "data.sql")
	if err := os.WriteFile(data, []byte(sql.String()), 0o644); err != nil {
		return "", err
	}
	for _, f := range []string{schema, data} {
		if out, err := exec.Command("psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", pg, "-f", f).CombinedOutput(); err != nil {
			return "", fmt.Errorf("psql -f %s: %v\n%s", f, err, out)
		}
	}
	return fmt.Sprintf("%d projects, %d organisations, %d partnerships, %d target groups (%d links)",
		len(projectRows), len(orgRows), len(partnerRows), len(tgRows), len(ptgRows)), nil
}

func post(url, query string, vars map[string]any, v any) error {
	b, err := benchkit.Post(url, query, vars)
	if err != nil {
		return err
	}
	var e struct{ Errors []any }
	if err := json.Unmarshal(b, &e); err != nil || len(e.Errors) > 0 {
		return fmt.Errorf("export: %v %.400s", err, b)
	}
	return json.Unmarshal(b, v)
}

func integer(f *float64) *string {
	if f == nil {
		return nil
	}
	s := strconv.FormatInt(int64(*f), 10)
	return &s
}

var copyEscape = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// row is one line of COPY's text format: tab-separated, \N for null,
// backslash, tab and line breaks escaped.
func row(fields ...*string) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		if f == nil {
			parts[i] = `\N`
			continue
		}
		parts[i] = copyEscape.Replace(*f)
	}
	return strings.Join(parts, "\t")
}
