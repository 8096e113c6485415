package ingest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// pageGold is a folder's gold.json under testdata/pages: sheets written
// after the layouts of real public project pages, each annotated by hand
// and marked "tune" or "heldout" when it was written.
type pageGold struct {
	Entities  map[string][]string
	Documents []pageDoc
}

type pageDoc struct {
	File, Layout, Split string
	Facts               map[string]any
	Organisations       []struct {
		Entity, Surface string
		Role            partnergraph.Role
	}
	Outcomes []string
	dir      string
}

// pageScore is what a set of sheets scores.
type pageScore struct {
	facts, factsOK float64
	partners       prf
	mentions       prf // organisations the gold gives the page (any role) found linked to its project
	prose          prf // the same, for organisations the page only mentions
	sheets, lost   int
}

func (s *pageScore) add(o pageScore) {
	s.facts += o.facts
	s.factsOK += o.factsOK
	s.partners.tp += o.partners.tp
	s.partners.fp += o.partners.fp
	s.partners.fn += o.partners.fn
	s.mentions.tp += o.mentions.tp
	s.mentions.fn += o.mentions.fn
	s.prose.tp += o.prose.tp
	s.prose.fn += o.prose.fn
	s.sheets += o.sheets
	s.lost += o.lost
}

func (s pageScore) String() string {
	return fmt.Sprintf("%2d sheets: facts %.3f (%g/%g), partners P %.3f R %.3f F1 %.3f, organisations found %.3f, mentioned-only found %.3f (%g), lost %d",
		s.sheets, ratio(s.factsOK, s.facts), s.factsOK, s.facts, s.partners.p(), s.partners.r(), s.partners.f1(),
		s.mentions.r(), s.prose.r(), s.prose.tp+s.prose.fn, s.lost)
}

// loadPages reads every testdata/pages/*/gold.json and its sheets. The
// folders' entity keys are one namespace: "krus" is KRUS in each.
func loadPages(t *testing.T, sets ...string) (map[string][]string, []pageDoc, []ingest.Source) {
	t.Helper()
	var golds []string
	for _, set := range sets {
		golds = append(golds, filepath.Join("testdata/pages", set, "gold.json"))
	}
	entities := map[string][]string{}
	var docs []pageDoc
	var srcs []ingest.Source
	for _, path := range golds {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var g pageGold
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for e, names := range g.Entities {
			entities[e] = append(entities[e], names...)
		}
		dir := filepath.Dir(path)
		for _, d := range g.Documents {
			if d.Split != "tune" && d.Split != "heldout" && d.Split != "blind" {
				t.Fatalf("%s: %s has split %q", path, d.File, d.Split)
			}
			d.dir = filepath.Base(dir)
			data, err := os.ReadFile(filepath.Join(dir, d.File))
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
			srcs = append(srcs, ingest.Source{Name: d.dir + "-" + d.File, Data: data})
		}
	}
	return entities, docs, srcs
}

// nodeNameKeys are the keys of every name of every organisation node: its
// name, acronym and aliases.
func nodeNameKeys(g *partnergraph.Graph) map[string]map[string]bool {
	key := partnergraph.NameKey
	nodeKeys := map[string]map[string]bool{}
	for _, o := range g.Organisations {
		ks := map[string]bool{key(o.Name): true}
		if o.Acronym != "" {
			ks[key(o.Acronym)] = true
		}
		for _, a := range o.Aliases {
			ks[key(a)] = true
		}
		nodeKeys[o.ID] = ks
	}
	return nodeKeys
}

// scorePages scores the graph of the sheets against their gold, sheet by
// sheet. Gold names map to nodes by the nodes' names, aliases and
// acronyms, never through the resolver.
func scorePages(g *partnergraph.Graph, entities map[string][]string, docs []pageDoc, verbose func(string, ...any)) []pageScore {
	key := partnergraph.NameKey
	nodeKeys := nodeNameKeys(g)
	// A node is the gold entity most of its names belong to.
	entityOf := map[string]string{}
	for id, ks := range nodeKeys {
		votes := map[string]int{}
		for e, names := range entities {
			for _, s := range names {
				if ks[key(s)] {
					votes[e]++
				}
			}
		}
		best := ""
		for _, e := range sortedKeys(votes) {
			if best == "" || votes[e] > votes[best] {
				best = e
			}
		}
		entityOf[id] = best
	}
	byDoc, tgNames := projectsByDocument(g), targetGroupNames(g)
	out := make([]pageScore, len(docs))
	for i, d := range docs {
		s := &out[i]
		s.sheets = 1
		name := d.dir + "/" + d.File
		p := byDoc[ingest.DocumentID(d.dir+"-"+d.File)]
		if p == nil {
			s.lost++
			s.facts += float64(len(d.Facts))
			verbose("%s: no project", name)
			continue
		}
		for _, k := range sortedKeys(d.Facts) {
			want, _ := json.Marshal(d.Facts[k])
			got, _ := json.Marshal(pageFact(p, k, tgNames))
			s.facts++
			if string(want) == string(got) {
				s.factsOK++
			} else {
				verbose("%s: %s = %s, want %s", name, k, got, want)
			}
		}
		type pair struct{ org, role string }
		wantP, gotP := map[pair]bool{}, map[pair]bool{}
		wantAny, onlyMentioned := map[string]bool{}, map[string]bool{}
		strongest := map[string]partnergraph.Role{}
		for _, o := range d.Organisations {
			if o.Role.Rank() > strongest[o.Entity].Rank() || strongest[o.Entity] == "" {
				strongest[o.Entity] = o.Role
			}
		}
		for e, role := range strongest {
			wantAny[e] = true
			if role == partnergraph.RoleMentioned {
				onlyMentioned[e] = true
			} else {
				wantP[pair{e, string(role)}] = true
			}
		}
		gotAny := map[string]bool{}
		for id, role := range projectRoles(p) {
			e := entityName(entityOf, id)
			gotAny[e] = true
			if role != partnergraph.RoleMentioned {
				gotP[pair{e, string(role)}] = true
			}
		}
		for k := range gotP {
			if wantP[k] {
				s.partners.tp++
			} else {
				s.partners.fp++
				verbose("%s: partner %v not in the gold", name, k)
			}
		}
		for k := range wantP {
			if !gotP[k] {
				s.partners.fn++
				verbose("%s: partner %v missed", name, k)
			}
		}
		for e := range wantAny {
			switch {
			case gotAny[e]:
				s.mentions.tp++
				if onlyMentioned[e] {
					s.prose.tp++
				}
			default:
				s.mentions.fn++
				if onlyMentioned[e] {
					s.prose.fn++
				}
				verbose("%s: organisation %s (%s) not linked to the project", name, e, strongest[e])
			}
		}
		for e := range gotAny {
			if strings.HasPrefix(e, "junk:") {
				verbose("%s: %s is no gold organisation", name, e)
			}
		}
	}
	return out
}

// pageFact reads one fact of a project as the gold names it.
func pageFact(p *partnergraph.Project, k string, tgNames map[string]string) any {
	switch k {
	case "endDate":
		return p.EndDate
	case "currency":
		return p.Funding.Currency
	}
	return factOf(p, k, tgNames)
}

// TestPageScores scores the reader on the annotated sheets of
// testdata/pages, by layout and by split. The held-out third was set aside
// when the sheets were written; the reader is tuned on the rest. Both are
// printed (go test ./ingest -run PageScores -v); the floors keep what the
// held-out part reaches from slipping.
func TestPageScores(t *testing.T) {
	entities, docs, srcs := loadPages(t, tunedSets...)
	g, problems := ingest.Build(srcs)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	scores := scorePages(g, entities, docs, t.Logf)
	bySplit := map[string]*pageScore{}
	byLayout := map[string]*pageScore{}
	bySet := map[string]*pageScore{}
	for i, d := range docs {
		for _, m := range []struct {
			m map[string]*pageScore
			k string
		}{{bySplit, d.Split}, {byLayout, d.Layout + " " + d.Split}, {bySet, "set " + d.dir + " " + d.Split}, {bySet, "sets " + setGroup(d.dir) + " " + d.Split}} {
			if m.m[m.k] == nil {
				m.m[m.k] = &pageScore{}
			}
			m.m[m.k].add(scores[i])
		}
	}
	nodeKeys := nodeNameKeys(g)
	// KRUS, NKVTS, the Norwegian Correctional Service's directorate and the
	// Czech Probation and Mediation Service are one node each across every
	// annotated page, whatever name each page gives them.
	for _, e := range []string{"krus", "nkvts", "kdi", "pms"} {
		var nodes []string
		for _, o := range g.Organisations {
			if slices.ContainsFunc(entities[e], func(n string) bool { return nodeKeys[o.ID][partnergraph.NameKey(n)] }) {
				nodes = append(nodes, o.ID)
			}
		}
		if len(nodes) != 1 {
			t.Errorf("%s is %d nodes across the pages: %q", e, len(nodes), nodes)
		}
	}
	// Nodes no gold name maps to: junk, or an organisation no annotator
	// listed. Reported, not floored: the annotation of mentions is not
	// exhaustive enough to call each one junk.
	var unmatched []string
	for _, o := range g.Organisations {
		found := false
		for _, names := range entities {
			found = found || slices.ContainsFunc(names, func(n string) bool { return nodeKeys[o.ID][partnergraph.NameKey(n)] })
		}
		if !found {
			unmatched = append(unmatched, o.Name)
		}
	}
	t.Logf("%d of %d organisation nodes have no gold name: %q", len(unmatched), len(g.Organisations), unmatched)
	layouts := sortedKeys(byLayout)
	sort.Strings(layouts)
	for _, l := range layouts {
		t.Logf("%-40s %s", l, byLayout[l])
	}
	for _, k := range sortedKeys(bySet) {
		t.Logf("%-40s %s", k, bySet[k])
	}
	for _, s := range []string{"tune", "heldout", "blind"} {
		t.Logf("%-40s %s", "ALL "+s, bySplit[s])
	}
	held, blind := bySplit["heldout"], bySplit["blind"]
	if held == nil || blind == nil {
		t.Fatal("no held-out or no blind sheets")
	}
	// Floors: a little under what the held-out part and the blind set
	// score, so that a change that costs them fails here.
	checkFloors(t, "held-out", held, pageFloors)
	checkFloors(t, "blind", blind, blindFloors)
	if lost := held.lost + bySplit["tune"].lost + bySplit["blind"].lost; lost > 0 {
		t.Errorf("%d sheets lost their project", lost)
	}
}

type floors struct{ facts, partnerF1, mentions float64 }

// checkFloors fails the test where a part scores under its floors.
func checkFloors(t *testing.T, part string, s *pageScore, f floors) {
	t.Helper()
	for _, c := range []struct {
		what       string
		got, floor float64
	}{
		{part + " facts", ratio(s.factsOK, s.facts), f.facts},
		{part + " partner F1", s.partners.f1(), f.partnerF1},
		{part + " organisations found", s.mentions.r(), f.mentions},
	} {
		if c.got < c.floor {
			t.Errorf("%s %.3f, below %.2f", c.what, c.got, c.floor)
		}
	}
}

// setGroup is the group of sets a set was written in: a-c first, then d-f
// after the reader was built on a-c, then g and h each on its own.
func setGroup(set string) string {
	switch set {
	case "a", "b", "c":
		return "a-c"
	case "d", "e", "f":
		return "d-f"
	}
	return set
}

// tunedSets are the annotated sets the reader was tuned on (two thirds of
// each) and checked against (the held-out third). Sets d and e were
// written after the reader had been built on a, b and c, and scored once
// as they came (all 16 sheets then: facts 0.491, partner F1 0.491,
// organisations linked 0.683) before they were split. Set f (10 sheets in
// 10 more layouts, most in Bulgarian, Lithuanian, Greek, Italian,
// Croatian, Icelandic, Czech or Romanian) came after the reader had been
// tuned on a-e and scored as it came: facts 0.360, partner F1 0.416,
// organisations linked 0.514 (0.088, 0.172 and 0.171 at d27dd65). Set g
// (6 sheets, 6 more layouts: an Estonian academy's side panel, a Polish
// police press release, a French PDF fact sheet, a Dutch municipality's
// page, an English annual-report box, a Slovenian table) came after a-f and
// scored as it came (ac34f21): facts 0.262, partner F1 0.370, organisations
// 0.412 over its 4 tune sheets; 0.524, 0.667 and 0.615 over its 2
// held-out ones. Set h (4 sheets, all held out: two side panels with
// labels above their values, two PDF fact sheets in two columns, in
// Spanish, Polish, German and Portuguese) was written to test the reader
// of those layouts, by a hand that had not read it, and scored before any
// of it was read: facts 0.638, partner F1 0.786, organisations 0.840
// (0.574, 0.615 and 0.800 at b313499, before that reader).
//
// Set i (10 sheets, 9 more layouts, all "blind") was written by a hand
// that did not read the reader, after layouts it found itself, and is
// scored as a whole: no rule is written after reading its sheets or its
// misses, so that it stays a measure of pages nobody described.
//
// Set j (15 sheets in 15 more layouts, 10 tune and 5 held out) came after
// i and scored as it came: facts 0.612, partner F1 0.491, organisations
// 0.635 over its tune sheets; 0.456, 0.435 and 0.528 over its held-out ones.
//
// Set k (12 sheets in 12 more layouts and 12 languages, all "blind") was
// written like i, by a hand that did not read the reader, while the reader
// changed for j's tune sheets, and scored once when it came: facts 0.683,
// partner F1 0.554, organisations 0.584 (0.604, 0.494 and 0.574 with the
// reader of that session's start, 8076d24). One of its invented project
// numbers was another set's; it was changed before the score, since two
// pages with one number are one project. Its entity keys that named
// organisations other sets already key were changed to those keys (one
// namespace), which is what the scores above count.
//
// Set l (12 sheets in 12 more layouts, 8 tune and 4 held out) came next,
// by a hand that did not read the reader either, and scored as it came at
// 815ac65: facts 0.533, partner F1 0.361, organisations 0.507 over its tune
// sheets; 0.523, 0.690 and 0.667 over its held-out ones (0.500, 0.545 and
// 0.641 at 8076d24, before the session that wrote k and l). Its keys were
// unified like k's.
//
// Sets m and n (12 sheets each in 24 more layouts, 8 tune and 4 held out
// in each) were written by two hands that did not read the reader: m after
// EEA and Norway Grants pages (operators' cards and print views, a PDF
// list of supported projects, a donor partner's page, a bilateral
// initiative in a press release, promoters' pages), n after Erasmus+ and
// Interreg pages (agencies' databases, results platforms, partners' pages,
// programme project pages, a lead partner's news). Scored as they came, at
// b23ba74: m tune facts 0.675, partner F1 0.553, organisations 0.531; m
// held out 0.500, 0.400, 0.370; n tune 0.562, 0.381, 0.627; n held out
// 0.511, 0.667, 0.469. The key set a gave the Latvian probation service
// was the one the other sets give it (one organisation, two keys).
//
// Sets o and p (12 sheets each, 8 tune and 4 held out) came next, by two
// more hands that read neither the reader nor the other sets: o after
// pages whose facts stand as labels and values on separate lines or in
// flattened tables (results platforms and agencies' cards in several
// languages, PDF annexes of funding decisions, an annual report, Interreg
// key-facts boxes), p after pages whose roles are stated in prose (press
// releases, municipalities' and NGOs' news, an embassy's story, a blog).
// Two of their invented project numbers were other sets' and were changed
// before the score (two pages with one number are one project); five
// organisations that two sets keyed twice got one key. Scored as they came
// at 75cf90c: o tune facts 0.736, partner F1 0.538, organisations 0.587;
// o held out 0.638, 0.429, 0.481; p tune 0.691, 0.642, 0.740; p held out
// 0.513, 0.190, 0.545.
//
// Set q (12 sheets, 8 tune and 4 held out: prisons', probation offices',
// universities', municipalities' and donor partners' own pages, an
// operator's news of a signed contract) and set r (12 sheets, all blind,
// written like i and k) came at 0a9a49b, by two more hands. Scored as they
// came: q tune facts 0.667, partner F1 0.478, organisations 0.536; q held
// out 0.591, 0.625, 0.667; r 0.685, 0.297, 0.414 (0.669, 0.301 and 0.378
// with the reader of that session's start, 0936882).
//
// Sets s and t (12 sheets each, all blind, by two more hands that read
// neither the reader nor the other sets) came at e0e86a2: s after pages
// of EEA and Norway Grants projects that are no project pages (a tender
// notice, council decisions and minutes, a sustainability report, job
// ads, an event's agenda, a newsletter, a matchmaking profile), t after
// Erasmus+ and Interreg pages of the same kind (a research registry,
// schools' and agencies' news, an annual report, a conference programme,
// newsletters, a leaflet, a post). Scored as they came: s facts 0.699,
// partner F1 0.296, organisations 0.557; t 0.577, 0.415 and 0.463 (s the
// same and t 0.540, 0.346 and 0.455 with the reader of that session's
// start, 1135a02).
//
// Sets u and v (12 sheets each, 8 tune and 4 held out, by two more hands)
// came at f514ff5, after the same kinds of page as s and t, with roles,
// money and dates in running text: u for EEA and Norway Grants (a speech,
// an interview in a prison magazine, newsletters, a parliament's written
// question, a gazette's order, minutes, a procurement notice, an event
// page), v for Erasmus+ and Interreg (press notes, newsletters, a local
// paper, posts, a final report's summary, invitations, a partner search).
// Scored as they came: u tune facts 0.579, partner F1 0.533,
// organisations 0.554; u held out 0.641, 0.421, 0.484; v tune 0.528,
// 0.508, 0.592; v held out 0.381, 0.500, 0.407 (with the reader of that
// session's start: u tune 0.579, 0.500, 0.523; u held out 0.641, 0.444,
// 0.484; v tune 0.528, 0.473, 0.549; v held out 0.381, 0.455, 0.407).
//
// Sets w and x (12 sheets each, all blind, by two more hands that read
// neither the reader nor the other sets) came at the end of the session
// after, after project pages like those the outside measure holds: w of
// EEA and Norway Grants projects and bilateral initiatives as national
// programme operators, focal points, fund operators and promoters publish
// them, in 12 languages (label lines, tabs, side panels, accordions, a PDF
// fiche, pipes, a header row glued to its values); x of Erasmus+ projects
// (microsites, tabs, an aggregator, registries, a government platform)
// and Interreg projects (programme pages, a police headquarters' info
// box, microsites), in 12 languages. Scored as they came: w facts 0.765,
// partner F1 0.559, organisations 0.543; x 0.891, 0.596 and 0.617 (w the
// same and x facts 0.878 with the reader of that session's start,
// 4afbf49). Nobody tunes on them.
var tunedSets = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x"}

// pageFloors are a little under what the held-out third scores: facts
// 0.787, partner F1 0.721, organisations 0.694 over the 60 held-out sheets
// at the end of the session after the one that added s-v (0.772, 0.716 and
// 0.694 at its start); facts
// 0.761, partner F1 0.716, organisations 0.694 over the 60 held-out sheets
// of a-h, j, l-q, u and v at the end of the session that added s-v (0.726,
// 0.687 and 0.667 with the reader of its start); facts 0.750, partner F1
// 0.710, organisations 0.700 over the 52 held-out sheets of a-h, j and l-q
// when q came in (0.741, 0.709 and 0.703 over the 48 of
// a-h, j and l-p when o and p came in; 0.765, 0.783 and 0.730 over the
// 40 of a-h, j, l, m and n when m and n came in; 0.831, 0.827 and 0.782 over
// the 32 of a-h, j and l before; 0.808, 0.820 and 0.778 when l came in; 0.777, 0.788 and
// 0.756 with the reader of 8076d24; 0.890, 0.864 and 0.818 over the 23 of
// a-h before j came in; 0.783, 0.784 and 0.786 when h came in; 0.816,
// 0.783 and 0.761 over the 19 of a-g).
var pageFloors = floors{0.76, 0.70, 0.68}

// blindFloors are a little under what the blind sets score together:
// i, k, r, s, t, w and x 0.767, 0.588 and 0.616 when w and x came in, at
// the end of the session after the one that added s-v (w alone 0.765,
// 0.559 and 0.543, x alone 0.891, 0.596 and 0.617; the reader of that
// session's start gave w the same and x facts 0.878); i, k, r, s and t
// alone: facts 0.739, partner F1 0.592, organisations 0.629 at
// the end of the session after the one that added s-v (0.720, 0.579 and
// 0.627 at its start); facts 0.715, partner F1 0.579, organisations 0.627 at
// the end of the session that added s-v (0.679, 0.449 and 0.576 with the
// reader of its start); facts 0.703, partner F1 0.509, organisations 0.586
// when s and t came in (s alone 0.699, 0.296 and 0.557, t alone 0.577, 0.415 and
// 0.463; i, k and r then 0.749, 0.586 and 0.647); facts 0.707, partner F1
// 0.488, organisations 0.608 over i, k and r when r came in (i and k alone: 0.718, 0.571 and 0.733 then; 0.683, 0.534 and 0.657
// at the end of the session before, 0.587,
// 0.511 and 0.610 with the reader of 8076d24; with the reader of 9f34f87
// set i alone scored 0.487, 0.523 and 0.620). Names one page teaches are
// used on the others.
var blindFloors = floors{0.72, 0.57, 0.61}
