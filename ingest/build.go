package ingest

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest/entity"
)

// Source is one document to ingest.
type Source struct {
	Name string
	Data []byte
}

// Problem is a document that could not be ingested, and why.
type Problem struct {
	Document string
	Reason   string
}

func (p Problem) String() string { return p.Document + ": " + p.Reason }

//go:embed gazetteer.json
var gazetteerJSON []byte

// GazetteerEntry is a well-known organisation of the gazetteer.
type GazetteerEntry struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Acronym string   `json:"acronym"`
	Country string   `json:"country"`
	Aliases []string `json:"aliases"`
}

// Gazetteer returns the bundled gazetteer.
func Gazetteer() []GazetteerEntry {
	var g struct {
		Organisations []GazetteerEntry `json:"organisations"`
	}
	if err := json.Unmarshal(gazetteerJSON, &g); err != nil {
		panic("ingest: bundled gazetteer.json: " + err.Error())
	}
	return g.Organisations
}

// Build parses, extracts and resolves a corpus. Documents that cannot be
// read are reported as problems and left out; the rest are built.
func Build(sources []Source) (*partnergraph.Graph, []Problem) {
	return BuildWith(sources, Options{})
}

// Options tune BuildWith.
type Options struct {
	// Progress, when set, is called while the documents are read, with the
	// number read so far and the number refused so far (-1 while reading
	// goes on in parallel), and once at the end.
	Progress func(done, failed int)
	// Stop, when closed, ends the reading: the documents not read yet are
	// left out, without a problem reported.
	Stop <-chan struct{}
	// Parsed are records already made of some documents, by name (an
	// import made them from its rows): they are not read again.
	Parsed map[string]*Record
}

// BuildWith is Build with options.
func BuildWith(sources []Source, opts Options) (*partnergraph.Graph, []Problem) {
	records, problems := ReadAll(sources, opts)
	return Resolve(records, Gazetteer()), problems
}

// ReadAll parses and extracts the sources, in parallel, and returns their
// records in the sources' order; documents that cannot be read, and a second
// document of the same id, are reported as problems and left out.
func ReadAll(sources []Source, opts Options) ([]*Record, []Problem) {
	// Sheets are read in parallel, one worker a core; the results are taken
	// in the sources' order, so the graph does not depend on the timing.
	type result struct {
		rec *Record
		err error
	}
	results := make([]result, len(sources))
	var done atomic.Int64
	stop := make(chan struct{})
	if opts.Progress != nil {
		go func() {
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					opts.Progress(int(done.Load()), -1)
				}
			}
		}()
	}
	parallel(len(sources), func(i int) {
		select {
		case <-opts.Stop:
			return
		default:
		}
		if rec, ok := opts.Parsed[sources[i].Name]; ok {
			results[i].rec = rec
		} else {
			results[i].rec, results[i].err = Read(sources[i])
		}
		done.Add(1)
	})
	close(stop)
	var records []*Record
	var problems []Problem
	seen := map[string]bool{}
	for i, src := range sources {
		if results[i].rec == nil && results[i].err == nil {
			continue // not read: stopped
		}
		if err := results[i].err; err != nil {
			var pe *ParseError
			reason := err.Error()
			if errors.As(err, &pe) {
				reason = pe.Reason
			}
			problems = append(problems, Problem{src.Name, reason})
			continue
		}
		rec := results[i].rec
		if seen[rec.Document.ID] {
			problems = append(problems, Problem{src.Name, fmt.Sprintf("another document has the same name (%s)", rec.Document.ID)})
			continue
		}
		seen[rec.Document.ID] = true
		records = append(records, rec)
	}
	if opts.Progress != nil {
		opts.Progress(len(sources), len(problems))
	}
	return records, problems
}

// Read parses and extracts one document; the error is a *ParseError.
func Read(src Source) (*Record, error) {
	if IsRow(src.Data) {
		return readRow(src)
	}
	sheet, err := Parse(src.Name, src.Data)
	if err != nil {
		return nil, err
	}
	return Extract(sheet), nil
}

type resolver struct {
	// forms caches what joining reads of each key; kept from one
	// resolver to the next (keys do not change what they are).
	forms    map[string]keyForms
	parent   map[string]string
	surfaces map[string]map[string]int // key -> surface -> count
	gaz      map[string]GazetteerEntry // node "gaz:id" -> entry
	// acronyms that stand for one organisation in the whole corpus
	acronyms map[string]string // ACR -> key
	// acronyms that stand for several: resolved in their own document only
	localAcronyms map[string]map[string]string // doc id -> ACR -> key
	dict          *dictionary
	longForms     map[string]bool // keys of long forms a sheet defines an acronym for
}

func newResolver(gazetteer []GazetteerEntry) *resolver {
	r := &resolver{
		parent:        map[string]string{},
		surfaces:      map[string]map[string]int{},
		gaz:           map[string]GazetteerEntry{},
		acronyms:      map[string]string{},
		localAcronyms: map[string]map[string]string{},
	}
	for _, g := range gazetteer {
		node := "gaz:" + g.ID
		r.gaz[node] = g
		r.find(node)
		for _, name := range append([]string{g.Name}, g.Aliases...) {
			if isAcronym(name) {
				r.union(node, "acr:"+name)
				continue
			}
			r.addSurface(name, 0)
			r.union(node, orgKey(name))
		}
		if g.Acronym != "" {
			r.union(node, "acr:"+g.Acronym)
		}
	}
	return r
}

// keyForms are the forms of a key that joining compares: without its
// insertable words, in its national form (when that has a head), and
// without its legal form.
type keyForms struct{ reduced, national, short string }

func (r *resolver) formsOf(k string) keyForms {
	if f, ok := r.forms[k]; ok {
		return f
	}
	f := keyForms{reduced: entity.Reduced(k), short: withoutLegalForm(k)}
	if nf := entity.NationalForm(k); nf != k && entity.HasHead(nf) {
		f.national = nf
	}
	if r.forms != nil {
		r.forms[k] = f
	}
	return f
}

func (r *resolver) find(x string) string {
	p, ok := r.parent[x]
	if !ok {
		r.parent[x] = x
		return x
	}
	if p == x {
		return x
	}
	root := r.find(p)
	r.parent[x] = root
	return root
}

// union joins two nodes; the lexically smaller root wins, so the result does
// not depend on the order of the documents.
func (r *resolver) union(a, b string) {
	ra, rb := r.find(a), r.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	r.parent[rb] = ra
}

func (r *resolver) addSurface(name string, n int) string {
	k := orgKey(name)
	if k == "" {
		return ""
	}
	r.find(k)
	if r.surfaces[k] == nil {
		r.surfaces[k] = map[string]int{}
	}
	r.surfaces[k][withoutCountrySuffix(name)] += n
	return k
}

// lesson is what one record teaches the resolver: the names it gives
// (key and surface), the pairs of names it says are one organisation (a
// name and its translation), and the acronyms it defines for a name.
type lesson struct {
	surfaces [][2]string // key, surface
	joins    [][2]string // key, key
	defs     [][2]string // acronym, key of the long form
}

// lessonOf is what rec teaches: the names of its facts block and the strong
// candidates of its prose, with their acronyms and translations.
func lessonOf(rec *Record) lesson {
	var l lesson
	surface := func(name string) string {
		k := orgKey(name)
		if k != "" {
			l.surfaces = append(l.surfaces, [2]string{k, withoutCountrySuffix(name)})
		}
		return k
	}
	for _, f := range rec.Facts {
		k := surface(f.Name)
		if f.Acronym != "" && k != "" && !notAcronyms[f.Acronym] {
			l.defs = append(l.defs, [2]string{f.Acronym, k})
		}
		if ka := surface(f.Alias); f.Alias != "" && ka != "" && k != "" {
			l.joins = append(l.joins, [2]string{k, ka}) // a name and its translation, given together
		}
	}
	var own map[string]string
	if len(rec.Candidates) > 0 {
		own = ownNames(rec)
	}
	for _, cs := range rec.Candidates {
		for _, c := range cs {
			if c.Weak {
				continue
			}
			k := surface(c.Name)
			if c.Acronym != "" && k != "" {
				l.defs = append(l.defs, [2]string{c.Acronym, k})
			}
			if ka := surface(c.Alias); c.Alias != "" && ka != "" && k != "" {
				if o, ok := own[nameKey(c.Name)]; ok {
					k = o // the sheet's own organisation, named without its country
				}
				l.joins = append(l.joins, [2]string{k, ka})
			}
		}
	}
	return l
}

// learned is what the corpus taught, counted, so that a document's lesson
// can be taken back: surfaces by key, joins, and acronym definitions by
// acronym, long form and document.
type learned struct {
	surfaces map[string]map[string]int
	joins    map[[2]string]int
	defs     map[string]map[string]map[string]int
}

func newLearned() *learned {
	return &learned{surfaces: map[string]map[string]int{}, joins: map[[2]string]int{}, defs: map[string]map[string]map[string]int{}}
}

// add counts the lesson of document doc in (by = 1) or out (by = -1);
// track and changedSince tell whether that changed what the index is
// built from.
func (ld *learned) add(doc string, l lesson, by int) {
	for _, s := range l.surfaces {
		m := ld.surfaces[s[0]]
		if m == nil {
			m = map[string]int{}
			ld.surfaces[s[0]] = m
		}
		m[s[1]] += by
		if m[s[1]] == 0 {
			delete(m, s[1])
			if len(m) == 0 {
				delete(ld.surfaces, s[0])
			}
		}
	}
	for _, j := range l.joins {
		ld.joins[j] += by
		if ld.joins[j] == 0 {
			delete(ld.joins, j)
		}
	}
	for _, d := range l.defs {
		byKey := ld.defs[d[0]]
		if byKey == nil {
			byKey = map[string]map[string]int{}
			ld.defs[d[0]] = byKey
		}
		docs := byKey[d[1]]
		if docs == nil {
			docs = map[string]int{}
			byKey[d[1]] = docs
		}
		docs[doc] += by
		if docs[doc] == 0 {
			delete(docs, doc)
			if len(docs) == 0 {
				delete(byKey, d[1])
				if len(byKey) == 0 {
					delete(ld.defs, d[0])
				}
			}
		}
	}
}

// learn builds the resolver's index from what the corpus taught: every
// name the corpus gives an organisation, joined with its translations and
// with the acronyms it is defined by, and the dictionary prose is read with.
func (r *resolver) learn(ld *learned) {
	r.longForms = map[string]bool{}
	for _, k := range sortedKeys(ld.surfaces) {
		r.find(k)
		if r.surfaces[k] == nil {
			r.surfaces[k] = map[string]int{}
		}
		for s := range ld.surfaces[k] {
			r.surfaces[k][s] = 0
		}
	}
	for j := range ld.joins {
		r.union(j[0], j[1])
	}
	defs := map[string]map[string][]string{} // ACR -> long key -> doc ids
	for acr, byKey := range ld.defs {
		defs[acr] = map[string][]string{}
		for k, docs := range byKey {
			r.longForms[k] = true
			defs[acr][k] = sortedKeys(docs)
		}
	}
	for _, acr := range sortedKeys(defs) {
		longs := sortedKeys(defs[acr])
		node := "acr:" + acr
		_, known := r.parent[node] // the gazetteer knows it
		var groups [][]string
		for _, k := range longs {
			placed := false
			for gi, g := range groups {
				if r.find(g[0]) == r.find(k) || compatible(g[0], k) {
					groups[gi] = append(g, k)
					placed = true
					break
				}
			}
			if !placed {
				groups = append(groups, []string{k})
			}
		}
		if known {
			// Join the long forms that fit the organisation the gazetteer
			// knows, and its names in other languages: a long form the
			// gazetteer's acronym defines that names the organisation's
			// country in its language ("Kolegium Uniwersyteckie Norweskiej
			// Służby Więziennej (KRUS)").
			for _, g := range groups {
				for _, k := range g {
					if r.find(k) == r.find(node) || r.compatibleWithNode(k, node) || r.namesGazetteerCountry(k, node) {
						r.union(node, k)
					}
				}
			}
			continue
		}
		if len(groups) == 1 {
			for _, k := range groups[0] {
				r.union(node, k)
			}
			continue
		}
		// Ambiguous: each document's definition holds in that document.
		for _, g := range groups {
			for _, k := range g {
				for _, doc := range defs[acr][k] {
					if r.localAcronyms[doc] == nil {
						r.localAcronyms[doc] = map[string]string{}
					}
					r.localAcronyms[doc][acr] = k
				}
			}
		}
	}
	for node := range r.parent {
		if strings.HasPrefix(node, "acr:") {
			acr := strings.TrimPrefix(node, "acr:")
			if r.localAcronymOnly(acr) {
				continue
			}
			r.acronyms[acr] = node
		}
	}
	// A bare acronym given as a name ("Donor Project Partners: KRUS") is
	// the organisation the acronym stands for.
	for k, names := range r.surfaces {
		for name := range names {
			if acr := strings.TrimSpace(name); isAcronym(acr) {
				if node, ok := r.acronyms[acr]; ok {
					r.union(node, k)
				}
			}
		}
	}
	r.joinVariants()
	r.dict = newDictionary()
	// Every name first, in order, then the variants: a name is never
	// taken by another name's variant, and the dictionary does not depend
	// on the order the names were learnt in.
	keys := sortedKeys(r.surfaces)
	for _, k := range keys {
		r.dict.add(k, k, false)
	}
	for _, k := range keys {
		// "Prison Service of the Czech Republic" is also "... of the CR".
		if strings.HasSuffix(k, " of czech republic") || strings.HasSuffix(k, " of the czech republic") {
			r.dict.add(strings.TrimSuffix(strings.TrimSuffix(k, " czech republic"), " the")+" the cr", k, false)
		}
		if strings.HasSuffix(k, " service") {
			r.dict.add(k+"s", k, false)
		}
		// "Persefona o.s." is "Persefona" in its own prose.
		if short := r.formsOf(k).short; short != k {
			r.dict.add(short, k, false)
		}
	}
	for _, acr := range sortedKeys(r.acronyms) {
		r.dict.add(acr, r.acronyms[acr], true)
	}
}

// joinVariants joins the names that differ by one insertable word
// ("Estonian [National] Social Insurance Board"; entity.SameWithOneWordMore).
// Names are blocked by their content words without the insertable ones, so
// only names of one block are compared.
func (r *resolver) joinVariants() {
	blocks := map[string][]string{}
	national := map[string][]string{}
	keys := sortedKeys(r.surfaces)
	for _, k := range keys {
		f := r.formsOf(k)
		blocks[f.reduced] = append(blocks[f.reduced], k)
		// "Prison Service of the Czech Republic" is the "Czech Prison
		// Service": the same name with its country written the other way.
		if f.national != "" {
			national[f.national] = append(national[f.national], k)
		}
	}
	// "EPIMORFOTIKI KILKIS ANONYMI ETAIREIA" and "Epimorfotiki Kilkis": a
	// name and the same name without its legal form.
	for _, k := range keys {
		if short := r.formsOf(k).short; short != k {
			if _, ok := r.surfaces[short]; ok {
				r.union(k, short)
			}
		}
	}
	for _, b := range sortedKeys(blocks) {
		ks := blocks[b]
		for i := 0; i < len(ks); i++ {
			for j := i + 1; j < len(ks); j++ {
				if entity.SameWithOneWordMore(ks[i], ks[j]) {
					r.union(ks[i], ks[j])
				}
			}
		}
	}
	for _, nf := range sortedKeys(national) {
		ks := national[nf]
		for _, k := range ks[1:] {
			r.union(ks[0], k)
		}
	}
}

func (r *resolver) localAcronymOnly(acr string) bool {
	for _, m := range r.localAcronyms {
		if _, ok := m[acr]; ok {
			return true
		}
	}
	return false
}

// compatible: two long forms can be the same organisation's names: most of
// their distinctive words are shared.
func compatible(a, b string) bool {
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	shared := 0
	for w := range wa {
		if wb[w] {
			shared++
		}
	}
	small := len(wa)
	if len(wb) < small {
		small = len(wb)
	}
	union := len(wa) + len(wb) - shared
	return shared == small || float64(shared)/float64(union) >= 0.6
}

// countryStems begin the words for a donor state in the pages'
// languages, in any case: "Norweskiej", "Nórske", "норвежката".
var countryStems = map[string][]string{"NO": norwayStems}

// namesGazetteerCountry: the key has a word for the country of the
// gazetteer's organisation the node holds.
func (r *resolver) namesGazetteerCountry(k, node string) bool {
	root := r.find(node)
	for g, e := range r.gaz {
		if r.find(g) != root {
			continue
		}
		stems := countryStems[e.Country]
		if len(stems) == 0 {
			return false
		}
		for w := range strings.FieldsSeq(k) {
			if hasPrefixAny(partnergraph.Fold(w), stems) {
				return true
			}
		}
		return false
	}
	return false
}

func (r *resolver) compatibleWithNode(k, node string) bool {
	root := r.find(node)
	for other := range r.surfaces {
		if r.find(other) == root && compatible(k, other) {
			return true
		}
	}
	return false
}

func contentWords(k string) map[string]bool {
	out := map[string]bool{}
	for w := range strings.FieldsSeq(k) {
		if !connectors[w] {
			out[w] = true
		}
	}
	return out
}

// mention is one organisation named in one project's sheet.
type mention struct {
	Node     string // the resolver's key
	Surface  string
	Role     partnergraph.Role
	Country  string // an explicit marker next to this mention
	Listed   bool
	Evidence partnergraph.Evidence
	// Filled beside the search, in parallel: the surface without a
	// country suffix, and the country a name's words state.
	bare, nameCountry string
}

// mentions finds every known organisation in a record: the facts, and the
// dictionary run over every sentence.
func (r *resolver) mentions(rec *Record) []mention {
	var out []mention
	promoter := false
	placed := -1 // the mention of a promoter read by its place, which the prose may overrule
	for _, f := range rec.Facts {
		if orgKey(f.Name) == "" {
			continue // punctuation only: no organisation
		}
		if f.Role == partnergraph.RolePromoter && f.Placed {
			placed = len(out)
		} else {
			promoter = promoter || f.Role == partnergraph.RolePromoter
		}
		out = append(out, mention{Node: orgKey(f.Name), Surface: f.Name, Role: f.Role, Country: f.Country, Listed: f.Listed, Evidence: f.Evidence})
	}
	local := r.localAcronyms[rec.Document.ID]
	// A sheet names its own organisations without the country they state:
	// "State Probation Service of Latvia" in the facts is "the State
	// Probation Service" in its prose. Only within the sheet: another
	// country's sheet means its own.
	var short map[string]string
	if len(rec.Sentences) > 0 {
		short = ownNames(rec)
	}
	for i, sn := range rec.Sentences {
		lower := strings.ToLower(sn.Text)
		sentenceRole := proseRole(sn.Text, lower, proseWordsIn(sn.Text))
		// roleAt: the role the words around a name give it, when the
		// sentence gives one at all: its clause, up to 200 bytes before it
		// (a cue that opens a list: "Partnership was established with X
		// and its prisons, i.e. A, B and C") and 60 after (a short
		// predicate: "X is a partner"). "Together with our Norwegian
		// partner X we ...; material was shared by Y" makes X a partner,
		// not Y.
		var matched []dictMatch
		roleAt := func(pos int) partnergraph.Role {
			if sentenceRole == partnergraph.RoleMentioned {
				return sentenceRole
			}
			a, b := clauseAround(sn.Text, pos)
			if a >= 2 && strings.HasPrefix(sn.Text[a:], "– ") {
				// "Projekto partneris iš Norvegijos – organizacija „Alternativ
				// til Vold“": a dash that sets a name beside the role the
				// clause before it states, naming no one itself.
				pa, _ := clauseAround(sn.Text, a-1)
				if !slices.ContainsFunc(matched, func(m dictMatch) bool { return pa <= m.start && m.start < a }) {
					a = pa
				}
			}
			a, b = max(a, pos-200), min(b, pos+60)
			for a > 0 && !utf8.RuneStart(sn.Text[a]) {
				a--
			}
			for b < len(sn.Text) && !utf8.RuneStart(sn.Text[b]) {
				b++
			}
			return proseRole(sn.Text[a:b], strings.ToLower(sn.Text[a:b]), proseWordsIn(sn.Text[a:b]))
		}
		matched = r.dict.scan(sn.Text, local)
		for _, m := range matched {
			role := roleAt(m.start)
			if fundedBy(lower[:m.start]) {
				role = partnergraph.RoleMentioned // "co-financed by the Ministry of ..."
			}
			node := m.node
			if own, ok := short[nameKey(sn.Text[m.start:m.end])]; ok {
				node = own // the sheet's own organisation, named without its country
			}
			if !promoter && leadsTheProject(sn.Text[:m.start], sn.Text[m.end:]) {
				// "The Finnish Criminal Sanctions Agency leads the
				// partnership", "coordinated by X": a page without a
				// promoter label names its promoter so, over one read by
				// its place ("CEP" under "Skip to content").
				role, promoter = partnergraph.RolePromoter, true
				if placed >= 0 && out[placed].Node != node {
					out[placed].Role = partnergraph.RoleMentioned
				}
			}
			out = append(out, mention{
				Node: node, Surface: sn.Text[m.start:m.end], Role: role,
				Country:  precedingDemonym(sn.Text[:m.start]),
				Evidence: evidence(rec.Document.ID, sn),
				Listed:   true,
			})
		}
		for _, c := range rec.Candidates[i] {
			role := roleAt(max(c.Start, 0))
			if node, ok := short[nameKey(c.Name)]; ok && !c.List && !slices.ContainsFunc(matched, func(m dictMatch) bool { return m.start <= c.Start && c.Start < m.end }) {
				out = append(out, mention{Node: node, Surface: c.Name, Role: role, Evidence: evidence(rec.Document.ID, sn), Listed: true})
				continue
			}
			if c.National && !slices.ContainsFunc(matched, func(m dictMatch) bool { return m.start <= c.Start && c.Start < m.end }) {
				surface := c.Name
				if 0 <= c.Start && c.Start < c.End && c.End <= len(sn.Text) {
					surface = sn.Text[c.Start:c.End] // as written: "the Ministry of Justice"
				}
				out = append(out, mention{Node: orgKey(c.Name), Surface: surface, Role: role, Evidence: evidence(rec.Document.ID, sn), Listed: true})
				continue
			}
			if c.List {
				out = append(out, mention{
					Node: orgKey(c.Name), Surface: c.Name, Role: role,
					Country:  precedingDemonym(sn.Text[:c.Start]),
					Evidence: evidence(rec.Document.ID, sn),
					Listed:   true,
				})
			}
		}
	}
	return out
}

// proseRole is the role a sentence or a clause gives the names in it.

func proseRole(s, lower string, words proseWords) partnergraph.Role {
	switch {
	case programmeRoleCue.matchLower(s, lower) || words.programme:
		// "..., which is a programme partner of the Justice programme",
		// "the Programme Operator", "programpartner": a role in the
		// programme, not in the project.
	case donorCue.matchLower(s, lower) || words.donor:
		return partnergraph.RoleDonorProjectPartner
	case (partnerCue.matchLower(s, lower) || words.partner) && !notPartnerCue.matchLower(s, lower) && !words.denied:
		// ("..., although they are not partners in the project", "uten å
		// være partner")
		return partnergraph.RoleProjectPartner
	}
	return partnergraph.RoleMentioned
}

// clauseBreaks end a clause inside a sentence: a semicolon, a spaced dash,
// and a comma before a relative or contrasting clause.
var clauseBreaks = []string{"; ", " – ", " — ", ", which ", ", who ", ", while ", ", whereas ", ", but ", ", although "}

// pairedDash: the dash b at i of s is one of two that set an aside of at
// most 80 bytes apart, with no sentence's mark between them.
func pairedDash(s string, i int, b string) bool {
	aside := func(t string) bool { return len(t) <= 80 && !strings.ContainsAny(t, ".;:!?") }
	if j := strings.Index(s[i+len(b):], b); j >= 0 && aside(s[i+len(b):i+len(b)+j]) {
		return true
	}
	if j := strings.LastIndex(s[:i], b); j >= 0 && aside(s[j+len(b):i]) {
		return true
	}
	return false
}

// clauseAround returns the bounds of the clause of s around position pos:
// a role a clause states ("Together with our Norwegian partner X we ...")
// is not given to a name in the next clause ("; material was shared by
// Y").
func clauseAround(s string, pos int) (start, end int) {
	start, end = 0, len(s)
	for _, b := range clauseBreaks {
		for off := 0; ; {
			i := strings.Index(s[off:], b)
			if i < 0 {
				break
			}
			i += off
			if (b == " – " || b == " — ") && pairedDash(s, i, b) {
				// "a partnerami – obok Akademii Policji – są: X, Y": two
				// dashes close around an aside, which ends no clause
				off = i + len(b)
				continue
			}
			if i < pos && i+1 > start {
				start = i + 1
			}
			if i >= pos && i < end {
				end = i
			}
			off = i + len(b)
		}
	}
	return start, end
}

var (
	leadsAfter  = regexp.MustCompile(`(?i)^\s*(?:\([^)]{1,40}\)\s*)?(?:,[^,]{1,80},\s*)?(?:coordinates|coordinated|leads|led|is the (?:project(?:'s)? )?(?:lead partner|lead beneficiary|coordinator|promoter|project promoter)|runs the project|manages the project|(?:implemented|completed|carried out|implements|completes|carries out)\s+the\s+(?:[\w-]+\s+)?project|koordiniert|coordina|coordonne)\b`)
	leadsBefore = regexp.MustCompile(`(?i)\b(?:led|coordinated|promoted|implemented|run|managed)\s+by\s+(?:the\s+)?$`)
)

// leadsTheProject: the words around a name say it leads the project: "X
// leads the partnership", "X, a Helsinki association, coordinates ...",
// "coordinated by X".
func leadsTheProject(before, after string) bool {
	return leadsAfter.MatchString(after) || leadsBefore.MatchString(before) || leadsInWords(before, after)
}

// fundedBy: the text before a name ends in "funded by (the)", "co-financed
// by", "operated by": the organisation pays for or runs a programme; it is
// no partner of the project.
func fundedBy(before string) bool {
	before = strings.TrimSuffix(strings.TrimRight(before, " "), " the")
	for _, cue := range []string{"financed by", "funded by", "operated by", "supported by", "sponsored by", "financing from", "funding from"} {
		if strings.HasSuffix(before, cue) {
			return true
		}
	}
	return false
}

// ownNames maps the names of a sheet's facts organisations without the
// country they state ("State Probation Service of Latvia" is "state
// probation service") to their keys: the sheet's prose names them so.
func ownNames(rec *Record) map[string]string {
	short := map[string]string{}
	for _, f := range rec.Facts {
		if k := withoutCountryTail(f.Name); k != "" && orgKey(f.Name) != "" {
			short[k] = orgKey(f.Name)
		}
	}
	return short
}

// precedingDemonym: "the Norwegian partner KRUS" marks KRUS as Norwegian.
func precedingDemonym(before string) string {
	words := strings.Fields(before)
	for i := len(words) - 1; i >= 0 && i >= len(words)-2; i-- {
		w := strings.Trim(words[i], ",;:()")
		if c := demonymCountry(w); c != "" {
			return c
		}
		if c := countryPossessive(w); c != "" {
			return c // "Moldova's National Probation Inspectorate"
		}
		if strings.ContainsAny(words[i], ",;:()") {
			break
		}
	}
	return ""
}

// cluster is one resolved organisation.
type cluster struct {
	docs      map[string][]string       // surface -> documents that give it, sorted
	docCount  map[string]map[string]int // surface -> document -> mentions
	root      string
	nodes     map[string]bool // its nodes that are mentioned
	org       partnergraph.Organisation
	names     map[string]int // surface -> times seen
	official  map[string]int // surfaces from facts blocks
	countries map[string]int
	acronyms  map[string]bool
}

// name gives the cluster its organisation, all but its id: name, acronym,
// aliases, country and the sources of its names; nodes are its nodes.
func (r *resolver) name(c *cluster, nodes []string) {
	var gaz *GazetteerEntry
	for _, n := range nodes {
		if g, ok := r.gaz[n]; ok {
			gaz = &g
			break
		}
	}
	for _, k := range nodes {
		for s := range r.surfaces[k] {
			if _, ok := c.names[s]; !ok {
				c.names[s] = 0
			}
		}
		if acr, ok := strings.CutPrefix(k, "acr:"); ok && r.acronyms[acr] == k {
			c.acronyms[acr] = true
		}
	}
	o := &c.org
	if gaz != nil {
		o.Name, o.Acronym, o.CountryCode = gaz.Name, gaz.Acronym, gaz.Country
	} else {
		o.Name = pickName(c)
		o.CountryCode = pickCountry(c.countries)
		if len(c.acronyms) == 1 {
			for a := range c.acronyms {
				o.Acronym = a
			}
		}
	}
	if o.Name == "" {
		// Only an acronym was seen: the organisation is named by it.
		for _, a := range sortedKeys(c.acronyms) {
			o.Name = a
			break
		}
	}
	if o.Name == "" {
		// Only acronym-like names, none defined: the most frequent one.
		for _, n := range sortedKeys(c.names) {
			if o.Name == "" || c.names[n] > c.names[o.Name] {
				o.Name = n
			}
		}
	}
	for s := range c.names {
		if s != o.Name && s != "" {
			o.Aliases = append(o.Aliases, s)
		}
	}
	for a := range c.acronyms {
		if a != o.Acronym && a != o.Name {
			o.Aliases = append(o.Aliases, a)
		}
	}
	sort.Strings(o.Aliases)
	o.Names = r.nameSources(c, o, gaz)
}

// partners gives a project its promoter and partners from its mentions:
// one partnership an organisation, with its strongest role and up to five
// pieces of evidence. A listed partner from a donor state of a grants
// project is a donor partner; a sentence about donor partners makes only
// donor-state organisations (or those of no known country) donor partners.
func (e *Resolver) partners(p *partnergraph.Project, rec *Record, mentions []mention) {
	roles := map[string]*partnergraph.Partnership{}
	var order []string
	// A project of the grants: its funder, its kind, a number in the
	// grants' form (RO-JUSTICE-0041, LT14-0004), or a page of the grants
	// ("EEA and Norway Grants" named, though not which) says so.
	// A row of open data states each role: it is taken as stated.
	stated := rec.Sheet == nil
	grants := !stated && (p.Funding.FunderID == partnergraph.NorwayGrants.ID || p.Funding.FunderID == partnergraph.EEAGrants.ID ||
		p.Kind == partnergraph.ProjectBilateral || p.Kind == partnergraph.ProjectEEA && (codeCountry(p.Code) != "" || rec.namesGrants()))
	for _, m := range mentions {
		c := e.clusters[e.rootOf(m.Node)]
		role := m.Role
		if role == partnergraph.RoleProjectPartner && m.Listed && grants && partnergraph.DonorStates[c.org.CountryCode] {
			role = partnergraph.RoleDonorProjectPartner
		}
		if !stated && role == partnergraph.RoleDonorProjectPartner && m.Evidence.Section != SectionFacts &&
			(c.org.CountryCode != "" && !partnergraph.DonorStates[c.org.CountryCode] || !grants) {
			// (a donor partner stated in prose is one of a grants
			// project's; an Erasmus+ or Interreg project's Norwegian
			// partner is a partner)
			role = partnergraph.RoleProjectPartner
		}
		ps := roles[c.org.ID]
		if ps == nil {
			ps = &partnergraph.Partnership{OrganisationID: c.org.ID, Role: role}
			roles[c.org.ID] = ps
			order = append(order, c.org.ID)
		}
		if role.Rank() > ps.Role.Rank() {
			ps.Role = role
		}
		ps.Evidence = addEvidence(ps.Evidence, m.Evidence)
	}
	p.Partners = nil
	for _, id := range order {
		ps := roles[id]
		if ps.Role == partnergraph.RolePromoter {
			p.PromoterID, p.PromoterEvidence = id, ps.Evidence
			continue
		}
		p.Partners = append(p.Partners, *ps)
	}
	sort.SliceStable(p.Partners, func(i, j int) bool {
		a, b := p.Partners[i], p.Partners[j]
		if a.Role.Rank() != b.Role.Rank() {
			return a.Role.Rank() > b.Role.Rank()
		}
		return a.OrganisationID < b.OrganisationID
	})
}

// namesTheGrants: the page names the EEA or Norway Grants.
func namesTheGrants(text string) bool {
	return strings.Contains(text, "Norway Grants") || strings.Contains(text, "EEA Grants") || strings.Contains(text, "EEA and Norway") ||
		strings.Contains(text, "Financial Mechanism") || strings.Contains(text, "EØS-midl") || strings.Contains(text, "Norwegian grants")
}

// programmeUses gives a project the programmes its record names, each
// with the strongest activity and up to five pieces of evidence.
func programmeUses(p *partnergraph.Project, rec *Record) {
	uses := map[string]int{} // programme id -> index in p.Programmes
	for _, m := range rec.Programmes {
		id := partnergraph.ProgrammeID(m.Name)
		i, ok := uses[id]
		if !ok {
			i = len(p.Programmes)
			uses[id] = i
			p.Programmes = append(p.Programmes, partnergraph.ProgrammeUse{ProgrammeID: id, Activity: m.Activity})
		}
		u := &p.Programmes[i]
		if m.Activity.Rank() > u.Activity.Rank() {
			u.Activity = m.Activity
		}
		ev := evidence(rec.Document.ID, rec.Sentences[m.Sentence])
		if len(u.Evidence) < 5 && !hasEvidence(u.Evidence, ev) {
			u.Evidence = append(u.Evidence, ev)
		}
	}
}

// withoutLegalForm drops a legal form (legalForms, as a key: "o.p.s." is
// "o p s") from the end of a key, when a name of at least five letters is
// left.
func withoutLegalForm(k string) string {
	for _, suffix := range legalFormKeys() {
		if short := strings.TrimSuffix(k, suffix); short != k && len(short) >= 5 {
			return short
		}
	}
	return k
}

// legalFormKeys are the legal forms as key suffixes (" o p s"), in
// legalForms' order.
var legalFormKeys = sync.OnceValue(func() []string {
	out := make([]string, len(legalForms))
	for i, lf := range legalForms {
		out[i] = " " + nameKey(lf.suffix)
	}
	return out
})

func hasEvidence(list []partnergraph.Evidence, e partnergraph.Evidence) bool {
	for _, x := range list {
		if x.DocumentID == e.DocumentID && x.Start == e.Start && x.End == e.End && x.Row == e.Row && x.Section == e.Section {
			return true
		}
	}
	return false
}

// maxEvidence is how many pieces of evidence a partnership keeps.
const maxEvidence = 5

// addEvidence adds e to a partnership's evidence unless it is there
// already or the list is full.
func addEvidence(list []partnergraph.Evidence, e partnergraph.Evidence) []partnergraph.Evidence {
	if len(list) >= maxEvidence || hasEvidence(list, e) {
		return list
	}
	return append(list, e)
}

// nameSources is the evidence of a cluster's merge: each of its names, the
// documents that give it, and why it is joined.
func (r *resolver) nameSources(c *cluster, o *partnergraph.Organisation, gaz *GazetteerEntry) []partnergraph.NameSource {
	gazKeys := map[string]bool{}
	if gaz != nil {
		for _, n := range append([]string{gaz.Name}, gaz.Aliases...) {
			gazKeys[orgKey(n)] = true
		}
	}
	nameKey := orgKey(o.Name)
	names := append([]string{o.Name}, o.Aliases...)
	if o.Acronym != "" {
		names = append(names, o.Acronym)
	}
	out := make([]partnergraph.NameSource, 0, len(names))
	for _, n := range names {
		ns := partnergraph.NameSource{Name: n}
		if len(c.docs[n]) > 0 {
			ns.DocumentIDs = slices.Clone(c.docs[n])
		}
		k := orgKey(n)
		switch {
		case n == o.Name || k == nameKey:
			ns.JoinedBy = partnergraph.JoinName
		case isAcronym(n) || r.longForms[k]:
			ns.JoinedBy = partnergraph.JoinAcronym
		case gazKeys[k]:
			ns.JoinedBy = partnergraph.JoinRegistry
		case entity.Reduced(k) == entity.Reduced(nameKey):
			ns.JoinedBy = partnergraph.JoinVariant
		default:
			ns.JoinedBy = partnergraph.JoinName
		}
		out = append(out, ns)
	}
	return out
}

// pickName: the name a facts block gives, else the most frequent long form,
// else the longest.
func pickName(c *cluster) string {
	best, bestScore := "", -1
	for s, n := range c.names {
		if isAcronym(s) {
			continue
		}
		score := n*10 + c.official[s]*1000
		if score > bestScore || (score == bestScore && (len(s) > len(best) || (len(s) == len(best) && s < best))) {
			best, bestScore = s, score
		}
	}
	return best
}

// pickCountry: the country every explicit marker agrees on, or the one most
// of them name; "" when they are split evenly or there are none.
func pickCountry(votes map[string]int) string {
	best, bestN, total := "", 0, 0
	tie := false
	for _, c := range sortedKeys(votes) {
		n := votes[c]
		total += n
		if n > bestN {
			best, bestN, tie = c, n, false
		} else if n == bestN {
			tie = true
		}
	}
	if tie || bestN*2 <= total {
		return ""
	}
	return best
}

// parallel runs f(0) ... f(n-1) on one worker a core.
func parallel(n int, f func(i int)) { parallelN(runtime.GOMAXPROCS(0), n, f) }

// parallelN is parallel with the given number of workers.
func parallelN(workers, n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
