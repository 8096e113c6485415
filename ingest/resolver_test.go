package ingest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gen"
)

// pool is the texts the property test writes: generated sheets, the
// annotated real layouts, and the sheets of testdata/resolve, which merge
// two organisations through a translation given with a name (north-3) and
// define an acronym (north-4).
func pool(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, s := range gen.Generate(40, 11) {
		texts = append(texts, s.Text)
	}
	for _, pattern := range []string{"testdata/resolve/*.txt", "testdata/pages/*/*.txt", "../sample/*.txt"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	// Rows of open data: they join projects of pages by number, name
	// organisations in their own language, give translations and roles.
	for _, r := range poolRows() {
		src, err := r.Document()
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(src.Data))
	}
	return texts
}

func poolRows() []*Row {
	org := func(name, alias string, role partnergraph.Role, country string) RowOrganisation {
		return RowOrganisation{Name: name, Alias: alias, Role: role, Country: country, Evidence: partnergraph.Evidence{Section: "Name", Text: name, Row: 2}}
	}
	grant := int64(549601)
	return []*Row{
		{Name: "orgs.xlsx: LT14-0004", Source: partnergraph.SourceEEAGrants, Format: "eea-organisations",
			Project: partnergraph.Project{Code: "LT14-0004", Title: "Improving Competences Both of Inmates and Prison Staff", Status: "Completed", CountryCode: "LT"},
			Organisations: []RowOrganisation{
				org("Kriminalomsorgens høgskole og utdanningssenter KRUS", "", partnergraph.RoleDonorProjectPartner, "NO"),
				org("Kalėjimų departamentas prie Lietuvos Respublikos teisingumo ministerijos", "Prison Department under the Ministry of Justice of the Republic of Lithuania", partnergraph.RolePromoter, "LT"),
			}},
		{Name: "projects.xlsx: LT14-0004", Source: partnergraph.SourceEEAGrants, Format: "eea-projects",
			Project: partnergraph.Project{Code: "LT14-0004", Title: "Improving Competences Both of Inmates and Prison Staff", Status: "In implementation", Funding: partnergraph.Funding{Grant: &grant, Currency: "EUR"}}},
		{Name: "ka2.csv: 2021-1-NO01-KA220-ADU-000033421", Source: partnergraph.SourceErasmus, Format: "erasmus-csv",
			Project: partnergraph.Project{Code: "2021-1-NO01-KA220-ADU-000033421", Title: "Learning behind walls", Kind: partnergraph.ProjectErasmus},
			Organisations: []RowOrganisation{
				org("KRIMINALOMSORGENS HØGSKOLE OG UTDANNINGSSENTER", "", partnergraph.RolePromoter, "NO"),
				org("Vězeňská služba České republiky", "Prison Service of the Czech Republic", partnergraph.RoleProjectPartner, "CZ"),
				org("Alternativ til Vold", "", partnergraph.RoleProjectPartner, "NO"),
			}},
		{Name: "keep.json: keep.eu project 9101", Source: partnergraph.SourceKeep, Format: "keep-json",
			Project: partnergraph.Project{ID: "project:keep-eu-9101", Title: "Safer prisons", Kind: partnergraph.ProjectInterreg},
			Organisations: []RowOrganisation{
				org("Ieslodzījuma vietu pārvalde", "Latvian Prison Administration", partnergraph.RolePromoter, "LV"),
				org("Kalėjimų departamentas prie Lietuvos Respublikos teisingumo ministerijos", "", partnergraph.RoleProjectPartner, "LT"),
			}},
	}
}

func read(t *testing.T, name, text string) *Record {
	t.Helper()
	rec, err := Read(Source{Name: name, Data: []byte(text)})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rec
}

// fresh resolves the records anew, with the ids as they were.
func fresh(recs map[string]*Record, ids *IDs) (*partnergraph.Graph, *IDs) {
	list := make([]*Record, 0, len(recs))
	for _, r := range recs {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Document.Name < list[j].Document.Name })
	ids = ids.Clone()
	e := NewResolver(Gazetteer(), ids, false)
	e.Update(list, nil)
	return e.Graph(), ids
}

// applied is the graph g with the change applied as a store applies it.
func applied(g *partnergraph.Graph, changed *partnergraph.Graph, removed []string) *partnergraph.Graph {
	out := &partnergraph.Graph{}
	gone := map[string]bool{}
	for _, id := range removed {
		gone[id] = true
	}
	out.Documents = merge(g.Documents, changed.Documents, gone)
	out.Projects = merge(g.Projects, changed.Projects, gone)
	out.Organisations = merge(g.Organisations, changed.Organisations, gone)
	out.TargetGroups = merge(g.TargetGroups, changed.TargetGroups, gone)
	out.Programmes = merge(g.Programmes, changed.Programmes, gone)
	out.Funders = merge(g.Funders, changed.Funders, gone)
	return out
}

func merge[T any, P interface {
	*T
	partnergraph.Node
}](old, changed []T, gone map[string]bool) []T {
	byID := map[string]T{}
	for i := range old {
		if id := P(&old[i]).NodeID(); !gone[id] {
			byID[id] = old[i]
		}
	}
	for i := range changed {
		byID[P(&changed[i]).NodeID()] = changed[i]
	}
	var out []T
	for _, id := range sortedKeys(byID) {
		out = append(out, byID[id])
	}
	return out
}

// TestResolverProperty applies random sequences of ingest, replace and
// delete, and after each step compares the resolver's graph with a fresh
// resolution of the same documents with the ids as they were before the
// step, and the change the step returned, applied to the graph before,
// with the graph after.
func TestResolverProperty(t *testing.T) {
	texts := pool(t)
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			e := NewResolver(Gazetteer(), nil, true)
			recs := map[string]*Record{}
			var names []string
			graph := &partnergraph.Graph{}
			// Start from a corpus, as a server does.
			var start []*Record
			for i := 0; i < 20; i++ {
				name := fmt.Sprintf("sheet-%02d.txt", i)
				rec := read(t, name, texts[rng.IntN(len(texts))])
				start = append(start, rec)
				recs[rec.Document.ID] = rec
				names = append(names, name)
			}
			changed, removed := e.Update(start, nil)
			graph = applied(graph, changed, removed)
			for step := 0; step < 40; step++ {
				before := e.IDs().Clone()
				had := map[string]bool{}
				for _, id := range graph.IDs() {
					had[id] = true
				}
				var op string
				switch k := rng.IntN(10); {
				case k < 4 || len(names) < 3: // a new document
					name := fmt.Sprintf("new-%d-%d.txt", seed, step)
					rec := read(t, name, texts[rng.IntN(len(texts))])
					op = "ingest " + name
					recs[rec.Document.ID] = rec
					names = append(names, name)
					changed, removed = e.Update([]*Record{rec}, nil)
				case k < 7: // another text under a name present
					name := names[rng.IntN(len(names))]
					rec := read(t, name, texts[rng.IntN(len(texts))])
					op = "replace " + name
					recs[rec.Document.ID] = rec
					changed, removed = e.Update([]*Record{rec}, nil)
				default:
					i := rng.IntN(len(names))
					id := DocumentID(names[i])
					op = "delete " + names[i]
					names = slices.Delete(names, i, i+1)
					delete(recs, id)
					changed, removed = e.Update(nil, []string{id})
				}
				graph = applied(graph, changed, removed)
				want, wantIDs := fresh(recs, before)
				got := e.Graph()
				nilEmpty(got, want, graph)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("step %d (%s): the graph differs from a fresh resolution:\n%s", step, op, graphDiff(got, want))
				}
				if !reflect.DeepEqual(graph, want) {
					t.Fatalf("step %d (%s): the change applied differs from a fresh resolution:\n%s", step, op, graphDiff(graph, want))
				}
				var added []string
				for _, id := range changed.IDs() {
					if !had[id] {
						added = append(added, id)
					}
				}
				if !slices.Equal(e.Added(), added) {
					t.Fatalf("step %d (%s): added %v, want %v", step, op, e.Added(), added)
				}
				if !reflect.DeepEqual(e.IDs().Entries(0), wantIDs.Entries(0)) {
					t.Fatalf("step %d (%s): ids given differ from a fresh resolution's", step, op)
				}
			}
		})
	}
}

// graphDiff names the first nodes that differ.
func graphDiff(a, b *partnergraph.Graph) string {
	var out []string
	ia, ib := map[string]any{}, map[string]any{}
	collect := func(g *partnergraph.Graph, m map[string]any) {
		for _, n := range g.Documents {
			m[n.ID] = n
		}
		for _, n := range g.Projects {
			m[n.ID] = n
		}
		for _, n := range g.Organisations {
			m[n.ID] = n
		}
		for _, n := range g.TargetGroups {
			m[n.ID] = n
		}
		for _, n := range g.Programmes {
			m[n.ID] = n
		}
		for _, n := range g.Funders {
			m[n.ID] = n
		}
	}
	collect(a, ia)
	collect(b, ib)
	for _, id := range sortedKeys(ia) {
		if !reflect.DeepEqual(ia[id], ib[id]) {
			out = append(out, fmt.Sprintf("%s:\n  got  %+v\n  want %+v", id, ia[id], ib[id]))
		}
	}
	for _, id := range sortedKeys(ib) {
		if _, ok := ia[id]; !ok {
			out = append(out, fmt.Sprintf("%s: missing, want %+v", id, ib[id]))
		}
	}
	for _, l := range [][2]any{{a.Documents, b.Documents}, {a.Projects, b.Projects}, {a.Organisations, b.Organisations}, {a.TargetGroups, b.TargetGroups}, {a.Programmes, b.Programmes}, {a.Funders, b.Funders}} {
		if !reflect.DeepEqual(l[0], l[1]) {
			out = append(out, fmt.Sprintf("a list differs: %T", l[0]))
		}
	}
	if len(out) > 3 {
		out = append(out[:3], fmt.Sprintf("... %d more", len(out)-3))
	}
	return strings.Join(out, "\n")
}

// nilEmpty lets an empty list of nodes be nil (a graph with no funders is
// one whether its list is nil or empty) and puts funders in id order.
func nilEmpty(gs ...*partnergraph.Graph) {
	for _, g := range gs {
		if len(g.Documents) == 0 {
			g.Documents = nil
		}
		if len(g.Projects) == 0 {
			g.Projects = nil
		}
		if len(g.Organisations) == 0 {
			g.Organisations = nil
		}
		if len(g.TargetGroups) == 0 {
			g.TargetGroups = nil
		}
		if len(g.Programmes) == 0 {
			g.Programmes = nil
		}
		if len(g.Funders) == 0 {
			g.Funders = nil
		}
		// Funders come in the order of their programmes' age, a change
		// applied in id order.
		sort.Slice(g.Funders, func(i, j int) bool { return g.Funders[i].ID < g.Funders[j].ID })
	}
}

// TestStableIDs follows one organisation through a rename, a merge, a
// split and a restart.
func TestStableIDs(t *testing.T) {
	sheet := func(name string) *Record {
		b, err := os.ReadFile(filepath.Join("testdata/resolve", name))
		if err != nil {
			t.Fatal(err)
		}
		return read(t, name, string(b))
	}
	orgs := func(e *Resolver) map[string]partnergraph.Organisation {
		m := map[string]partnergraph.Organisation{}
		for _, o := range e.Graph().Organisations {
			m[o.ID] = o
		}
		return m
	}
	const npa, pohjola = "org:northern-prison-administration", "org:pohjolan-vankeinhoitolaitos"
	e := NewResolver(Gazetteer(), nil, true)
	e.Update([]*Record{sheet("north-1.txt")}, nil)
	e.Update([]*Record{sheet("north-2.txt")}, nil)
	if o := orgs(e); o[npa].Name != "Northern Prison Administration" || o[pohjola].Name != "Pohjolan Vankeinhoitolaitos" {
		t.Fatalf("before the merge: %v", sortedKeys(o))
	}
	// north-3 gives one name with the other as its translation: one
	// organisation, whose id is the older of the two; the other answers
	// as its merged id. Its preferred name is the one two facts blocks
	// give, which is not the name its id came from.
	changed, removed := e.Update([]*Record{sheet("north-3.txt")}, nil)
	o := orgs(e)
	if m := o[npa]; m.Name != "Pohjolan Vankeinhoitolaitos" || !reflect.DeepEqual(m.MergedIDs, []string{pohjola}) {
		t.Fatalf("after the merge: %+v", m)
	}
	if _, ok := o[pohjola]; ok || !slices.Contains(removed, pohjola) || !slices.Contains(changed.IDs(), npa) {
		t.Fatalf("after the merge: the merged id is still a node, or the change does not say so: changed %v removed %v", changed.IDs(), removed)
	}
	// A restart reads the same documents with the ids kept: the same ids.
	restarted := NewResolver(Gazetteer(), e.IDs().Clone(), true)
	restarted.Update([]*Record{sheet("north-1.txt"), sheet("north-2.txt"), sheet("north-3.txt")}, nil)
	if !reflect.DeepEqual(restarted.Graph(), e.Graph()) {
		t.Fatalf("a restart gives other ids:\n%s", graphDiff(restarted.Graph(), e.Graph()))
	}
	// Without north-3 the two are apart again, each with the id it had.
	e.Update(nil, []string{DocumentID("north-3.txt")})
	if o := orgs(e); o[npa].Name != "Northern Prison Administration" || o[pohjola].Name != "Pohjolan Vankeinhoitolaitos" || len(o[npa].MergedIDs) != 0 {
		t.Fatalf("after the split: %+v", o)
	}

	// A cluster read as one from the start, split later: the part that
	// leaves gets a new id, the part with the name the id came from keeps
	// it.
	e = NewResolver(Gazetteer(), nil, true)
	e.Update([]*Record{sheet("north-3.txt")}, nil)
	if _, ok := orgs(e)[pohjola]; !ok {
		t.Fatalf("one cluster from the start: %v", sortedKeys(orgs(e)))
	}
	e.Update([]*Record{sheet("north-1.txt")}, nil)
	e.Update(nil, []string{DocumentID("north-3.txt")})
	if o := orgs(e); o[npa].Name != "Northern Prison Administration" || len(o) != 2 {
		t.Fatalf("after the split: %v", sortedKeys(o))
	}
	if got := e.IDs().Entries(0); len(got) != 3 || got[2].ID != npa {
		t.Fatalf("ids given: %+v; want the leaving part's id minted last", got)
	}
}
