// Command readsheet shows what Partnergraph reads from sheets: for each
// project its facts, promoter and partners with their roles, and the
// organisations its sheet only mentions. It resolves the sheets together,
// as a server start with -docs does.
//
//	go run ./tools/readsheet FILE_OR_DIR...
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: readsheet FILE_OR_DIR...")
		os.Exit(2)
	}
	var srcs []ingest.Source
	var problems []ingest.Problem
	for _, arg := range os.Args[1:] {
		// A file is read as the only sheet of its folder would be.
		dir, root := arg, "."
		if info, err := os.Stat(arg); err == nil && !info.IsDir() {
			dir, root = filepath.Dir(arg), filepath.Base(arg)
		}
		more, bad, err := ingest.ReadFS(os.DirFS(dir), root)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		srcs, problems = append(srcs, more...), append(problems, bad...)
	}
	g, more := ingest.Build(srcs)
	for _, p := range append(problems, more...) {
		fmt.Println("PROBLEM", p)
	}
	orgs := map[string]partnergraph.Organisation{}
	for _, o := range g.Organisations {
		orgs[o.ID] = o
	}
	tg := map[string]string{}
	for _, t := range g.TargetGroups {
		tg[t.ID] = t.Name
	}
	docs := map[string]partnergraph.Document{}
	for _, d := range g.Documents {
		docs[d.ID] = d
	}
	sort.Slice(g.Projects, func(i, j int) bool { return g.Projects[i].DocumentID < g.Projects[j].DocumentID })
	for _, p := range g.Projects {
		fmt.Printf("== %s (%s)\n", p.DocumentID, p.ID)
		f := map[string]any{"title": p.Title, "code": p.Code, "kind": p.Kind, "status": p.Status, "country": p.CountryCode,
			"programme": p.GrantProgramme, "programmeAreas": p.ProgrammeAreas, "initiativeTypes": p.InitiativeTypes,
			"topics": p.Topics, "startDate": p.StartDate, "endDate": p.EndDate, "places": p.Places,
			"currency": p.Funding.Currency, "funder": p.Funding.FunderID}
		for k, v := range map[string]*int64{"initialCost": p.Funding.InitialCost, "finalCost": p.Funding.FinalCost, "grant": p.Funding.Grant} {
			if v != nil {
				f[k] = *v
			}
		}
		var groups []string
		for _, id := range p.TargetGroupIDs {
			groups = append(groups, tg[id])
		}
		f["targetGroups"] = groups
		if p.Erasmus != nil {
			f["erasmus"] = p.Erasmus
		}
		b, _ := json.Marshal(f)
		fmt.Println("  facts", string(b))
		if p.PromoterID != "" {
			fmt.Printf("  PROMOTER %s [%s]\n", orgs[p.PromoterID].Name, p.PromoterID)
		}
		for _, ps := range p.Partners {
			fmt.Printf("  %s %s [%s]\n", ps.Role, orgs[ps.OrganisationID].Name, ps.OrganisationID)
		}
		for _, w := range docs[p.DocumentID].Warnings {
			fmt.Println("  warning:", w)
		}
	}
	fmt.Println("== organisations")
	for _, o := range g.Organisations {
		fmt.Printf("  %s %q acr=%q country=%s aliases=%q\n", o.ID, o.Name, o.Acronym, o.CountryCode, o.Aliases)
	}
}
