package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/ingest/opendata"
	"github.com/partnergraph/partnergraph/library"
)

// runImport is `server import [-format F] [-data DIR] FILE...`: the public
// exports of whole programmes into the store that `server` serves.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fset := flag.NewFlagSet("import", flag.ContinueOnError)
	fset.SetOutput(stdout)
	format := fset.String("format", "", "the files' format: "+opendata.FormatList()+" (found from each file's content when not given)")
	data := fset.String("data", getenv("PARTNERGRAPH_DATA"), "the embedded store's data directory, where the import is kept (without NEO4J_URI)")
	docs := fset.String("docs", "", "the sheets the server is started with (-docs of the server): the pages the import joins; the bundled sample when not given")
	logFormat := fset.String("log-format", "text", "log format: text or json")
	connect := fset.Duration("neo4j-connect-timeout", 30*time.Second, "how long to keep trying to reach Neo4j")
	fset.Usage = func() {
		fmt.Fprintf(stdout, `Usage: %s import [flags] FILE...

Imports the public exports of funding programmes: the EEA and Norway Grants'
projects and organisations exports (XLSX), the Erasmus+ project results
platform's project lists (CSV) and keep.eu's projects (JSON). Each row becomes
a project with its organisations, resolved with the pages and the other
sources into one graph; every fact keeps its file, row and column.

The import is kept in the data directory (-data DIR) of the embedded store,
or in Neo4j when NEO4J_URI is set; then `+"`server -data DIR`"+` (or `+"`server`"+` on
that Neo4j) serves it. A file is imported whole or not at all: a row that
cannot be read stops the import of its file, and names the row. Importing a
file again replaces what its last import gave; the same file changes nothing.

Flags:
`, args[0])
		fset.PrintDefaults()
		fmt.Fprint(stdout, envHelp)
	}
	if err := fset.Parse(args[2:]); err != nil {
		return err
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return fmt.Errorf("import needs at least one file")
	}
	f := opendata.Format(*format)
	if f != "" && !f.Known() {
		return fmt.Errorf("import: unknown -format %q: one of %s", f, opendata.FormatList())
	}
	cfgArgs := []string{args[0], "-log-format", *logFormat, "-neo4j-connect-timeout", connect.String()}
	if *data != "" {
		cfgArgs = append(cfgArgs, "-data", *data)
	}
	if *docs != "" {
		cfgArgs = append(cfgArgs, "-docs", *docs)
	}
	cfg, err := parseConfig(cfgArgs, getenv, stdout)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stdout)
	slog.SetDefault(log)
	if cfg.neo4j.uri == "" && cfg.dataDir == "" {
		return fmt.Errorf("import: nowhere to keep the import: give -data DIR (the embedded store's data directory) or set NEO4J_URI")
	}
	start := time.Now()
	// Every file is read before anything is written: a file with an error
	// writes nothing. The projects exports go first, so that the
	// organisations export, which names projects by title only, finds
	// their numbers.
	files, err := planFiles(fset.Args(), f)
	if err != nil {
		return err
	}
	store, kind, closeStore, err := openStore(ctx, cfg.neo4j, log)
	if err != nil {
		return err
	}
	defer closeStore()
	var before *partnergraph.Graph
	if kind == "embedded" {
		// The graph as the server would serve it: the pages and what
		// earlier imports kept.
		lib, rep, err := openLibrary(ctx, store, cfg, kind, false, log)
		if err != nil {
			return err
		}
		if err := lib.Close(ctx); err != nil {
			return err
		}
		before = rep.Graph
	}
	look := &lookups{ctx: ctx, store: store, codes: map[string]string{}}
	var imports []fileImport
	var skipped, read int
	for _, pf := range files {
		res, err := readExport(pf, look, stdout, log)
		if err != nil {
			return err
		}
		for _, s := range res.Skipped {
			log.Warn("row skipped", "file", filepath.Base(pf.path), "row", s.Row, "reason", s.Reason)
		}
		skipped += len(res.Skipped)
		read += res.Read
		if res.Format == opendata.EEAProjects {
			for _, r := range res.Rows {
				look.codes[titleKey(r.Project.Title, r.Project.CountryCode)] = r.Project.Code
			}
		}
		imports = append(imports, fileImport{path: pf.path, res: res})
	}
	// What the graph already says: the promoter a page gives a project an
	// export names too. Names only the files of this import give do not
	// count, so importing them again gives the same rows.
	look.ours = map[string]bool{}
	for _, im := range imports {
		for _, r := range im.res.Rows {
			look.ours[ingest.DocumentID(r.Name)] = true
		}
	}
	t := time.Now()
	for _, im := range imports {
		look.align(im.res.Rows)
	}
	log.Info("the graph consulted for the rows' promoters", "took", time.Since(t).Round(time.Millisecond))
	var byFile [][]*ingest.Row
	for _, im := range imports {
		byFile = append(byFile, im.res.Rows)
	}
	joinBySourceID(byFile)
	changed := 0
	var all []ingest.Source
	parsed := map[string]*ingest.Record{}
	for _, im := range imports {
		t := time.Now()
		docs, recs, err := rowDocuments(im.res.Rows)
		if err != nil {
			return fmt.Errorf("import %s: %w", im.path, err)
		}
		log.Info("documents made", "file", filepath.Base(im.path), "documents", len(docs), "took", time.Since(t).Round(time.Millisecond))
		for i, src := range docs {
			parsed[src.Name] = recs[i]
		}
		im.res.Rows = nil // the records hold what the rows said
		if kind == "embedded" {
			t := time.Now()
			ok, err := library.PutImport(cfg.dataDir, im.path, string(im.res.Format), docs)
			if err != nil {
				return err
			}
			log.Info("kept in the data directory", "file", filepath.Base(im.path), "took", time.Since(t).Round(time.Millisecond))
			if ok {
				changed++
			} else {
				log.Info("unchanged since its last import", "file", filepath.Base(im.path))
			}
		}
		all = append(all, docs...)
	}
	if kind == "embedded" && changed == 0 {
		printSummary(stdout, log, read, skipped, before, before, time.Since(start))
		return nil
	}
	// Resolve the whole corpus with the import: the next start reads the
	// snapshot this writes.
	log.Info("resolving the graph with the import", "rows", len(all))
	var after *partnergraph.Graph
	if kind == "embedded" {
		// The graph goes to the snapshot the server starts from; no store
		// needs it here.
		lib, rep, err := openLibrary(ctx, discardStore{}, cfg, kind, false, log, parsed)
		if err != nil {
			return err
		}
		if err := lib.Close(ctx); err != nil {
			return err
		}
		after = rep.Graph
	} else {
		// What the import can have added or updated: the projects its
		// rows give and their organisations, as Neo4j holds them before
		// the graph is loaded (nothing is loaded when the database has
		// every row already).
		rows := map[string]bool{}
		for _, src := range all {
			rows[ingest.DocumentID(src.Name)] = true
		}
		loaded := false
		opts := library.Options{Seed: all, Log: log, Progress: progress(log, "resolving", time.Now()), Parsed: parsed,
			BeforeLoad: func(g *partnergraph.Graph) error {
				loaded = true
				after = importedPart(g, rows)
				var err error
				before, err = storedPart(ctx, store, after)
				return err
			}}
		_, rep, err := library.Open(ctx, store, opts)
		if err != nil {
			return fmt.Errorf("write to Neo4j: %w (run the import again to finish: it is idempotent)", err)
		}
		for _, p := range rep.Problems {
			log.Warn("document not imported", "document", p.Document, "reason", p.Reason)
		}
		if !loaded {
			after = importedPart(rep.Graph, rows)
			before = after
		}
	}
	printSummary(stdout, log, read, skipped, before, after, time.Since(start))
	return nil
}

// rowDocuments makes the documents of rows and their records, on every
// core.
func rowDocuments(rows []*ingest.Row) ([]ingest.Source, []*ingest.Record, error) {
	docs := make([]ingest.Source, len(rows))
	recs := make([]*ingest.Record, len(rows))
	errs := make([]error, len(rows))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(rows) {
					return
				}
				if docs[i], errs[i] = rows[i].Document(); errs[i] == nil {
					recs[i], errs[i] = ingest.ReadRow(rows[i], docs[i])
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return docs, recs, nil
}

// discardStore takes a graph and keeps nothing: the import resolves the
// embedded store's graph for its snapshot, which `server -data` reads.
type discardStore struct{ partnergraph.Store }

func (discardStore) Load(context.Context, *partnergraph.Graph) error { return nil }

type plannedFile struct {
	path   string
	format opendata.Format
}

type fileImport struct {
	path string
	res  *opendata.Result
}

// planFiles checks the files, finds their formats, and orders them: the
// EEA Grants' projects exports first, their organisations exports last
// (they name projects by title, which the projects exports number).
func planFiles(paths []string, f opendata.Format) ([]plannedFile, error) {
	var out []plannedFile
	seen := map[string]string{}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		if info.IsDir() {
			return nil, fmt.Errorf("import: %s is a directory: give the files", p)
		}
		base := partnergraph.Slug(filepath.Base(p))
		if other, dup := seen[base]; dup {
			return nil, fmt.Errorf("import: %s and %s have the same name: an import is kept under its file's name", other, p)
		}
		seen[base] = p
		format := f
		if format == "" {
			if format, err = opendata.DetectFile(p); err != nil {
				return nil, fmt.Errorf("import: %w", err)
			}
		}
		out = append(out, plannedFile{p, format})
	}
	rank := map[opendata.Format]int{opendata.EEAProjects: 0, opendata.ErasmusCSV: 1, opendata.KeepJSON: 1, opendata.EEAOrganisations: 2}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].format] < rank[out[j].format] })
	return out, nil
}

// readExport reads one file with a progress bar (a terminal) or progress
// lines.
func readExport(pf plannedFile, look *lookups, stdout io.Writer, log *slog.Logger) (*opendata.Result, error) {
	fh, err := os.Open(pf.path)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	cr := &countingReader{r: fh}
	name := filepath.Base(pf.path)
	show := newProgressView(stdout, log, name, info.Size())
	start := time.Now()
	res, err := opendata.Read(cr, pf.path, pf.format, opendata.Options{
		Progress: func(rows int) { show(rows, cr.n.Load(), false) },
		Code:     look.code,
	})
	if err != nil {
		show(0, cr.n.Load(), true)
		return nil, fmt.Errorf("import: %w (nothing of the file was imported)", err)
	}
	show(res.Read, info.Size(), true)
	log.Info("read", "file", name, "format", res.Format, "rows", res.Read, "projects", len(res.Rows), "skipped", len(res.Skipped),
		"took", time.Since(start).Round(time.Millisecond), "rows_per_s", fmt.Sprintf("%.0f", float64(res.Read)/max(time.Since(start).Seconds(), 1e-9)))
	return res, nil
}

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// newProgressView shows the progress of reading a file: a bar redrawn in
// place on a terminal (rows, rate, time left from the bytes read), a log
// line a second otherwise.
func newProgressView(stdout io.Writer, log *slog.Logger, name string, size int64) func(rows int, done int64, last bool) {
	start, lastShown := time.Now(), time.Time{}
	tty := false
	if f, ok := stdout.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return func(rows int, done int64, last bool) {
		if !last && time.Since(lastShown) < time.Second/4 {
			return
		}
		lastShown = time.Now()
		elapsed := time.Since(start).Seconds()
		rate := float64(rows) / max(elapsed, 1e-9)
		frac := 0.0
		if size > 0 {
			frac = min(float64(done)/float64(size), 1)
		}
		left := "?"
		if frac > 0 {
			left = (time.Duration(elapsed*(1-frac)/frac) * time.Second).Round(time.Second).String()
		}
		if tty {
			const width = 30
			bar := strings.Repeat("#", int(frac*width)) + strings.Repeat(".", width-int(frac*width))
			fmt.Fprintf(stdout, "\r%s [%s] %3.0f%% %d rows %.0f rows/s %s left   ", name, bar, frac*100, rows, rate, left)
			if last {
				fmt.Fprintln(stdout)
			}
			return
		}
		if !last {
			log.Info("reading", "file", name, "rows", rows, "done", fmt.Sprintf("%.0f%%", frac*100), "rows_per_s", fmt.Sprintf("%.0f", rate), "left", left)
		}
	}
}

// lookups answer what an export leaves out from the graph already there.
type lookups struct {
	ctx   context.Context
	store partnergraph.Store
	codes map[string]string // titleKey → project number, from the projects exports read
	ours  map[string]bool   // the documents of the files imported now
}

func titleKey(title, country string) string { return partnergraph.NameKey(title) + "\x00" + country }

// code gives the number of a project known by its title and beneficiary
// state: from the projects exports read, else the projects of the graph
// with that title (one, of that country).
func (l *lookups) code(title, country string) string {
	if c, ok := l.codes[titleKey(title, country)]; ok {
		return c
	}
	hits, err := l.store.Search(l.ctx, title, []partnergraph.NodeKind{partnergraph.KindProject}, 5)
	if err != nil {
		return ""
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	nodes, err := l.store.Nodes(l.ctx, ids)
	if err != nil {
		return ""
	}
	found := ""
	for _, n := range nodes {
		p, ok := n.(*partnergraph.Project)
		if !ok || p == nil || p.Code == "" || partnergraph.NameKey(p.Title) != partnergraph.NameKey(title) || (country != "" && p.CountryCode != "" && p.CountryCode != country) {
			continue
		}
		if found != "" && found != p.Code {
			return "" // two projects of that title: which is not known
		}
		found = p.Code
	}
	return found
}

// align gives a row's promoter the name the graph gives the promoter of
// the same project, when the export names it otherwise (its native name,
// where a page gives the English one) in the same country: the project
// has one promoter, so the two names are one organisation's.
func (l *lookups) align(rows []*ingest.Row) {
	const batch = 1000
	for start := 0; start < len(rows); start += batch {
		part := rows[start:min(start+batch, len(rows))]
		var ids []string
		var at []*ingest.Row
		for _, r := range part {
			if id := r.ProjectID(); id != "" {
				ids = append(ids, id)
				at = append(at, r)
			}
		}
		if len(ids) == 0 {
			continue
		}
		nodes, err := l.store.Nodes(l.ctx, ids)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		var orgIDs []string
		for _, n := range nodes {
			if p, ok := n.(*partnergraph.Project); ok && p != nil && p.PromoterID != "" && !seen[p.PromoterID] {
				seen[p.PromoterID] = true
				orgIDs = append(orgIDs, p.PromoterID)
			}
		}
		orgs, err := l.store.Nodes(l.ctx, orgIDs)
		if err != nil {
			return
		}
		byID := map[string]*partnergraph.Organisation{}
		for _, n := range orgs {
			if o, ok := n.(*partnergraph.Organisation); ok && o != nil {
				byID[o.ID] = o
			}
		}
		for i, n := range nodes {
			if p, ok := n.(*partnergraph.Project); ok && p != nil && p.PromoterID != "" && l.knownElsewhere(p) {
				l.alignRow(at[i], byID[p.PromoterID])
			}
		}
	}
}

// joinBySourceID makes one organisation of the cells an export gives one
// id of its own (keep.eu's partner id) under different names: each such
// cell without an English name of its own gets the one name of its group,
// as its English name, and the resolver joins them through it. The group's
// name is the English name its cells give most (the first of equals in the
// rows' order), else the name they give most. Only the files imported
// together count, so importing them again gives the same rows.
func joinBySourceID(files [][]*ingest.Row) {
	groups := map[string][]*ingest.RowOrganisation{}
	var order []string
	for _, rows := range files {
		for _, r := range rows {
			for i := range r.Organisations {
				o := &r.Organisations[i]
				if o.SourceID == "" {
					continue
				}
				if groups[o.SourceID] == nil {
					order = append(order, o.SourceID)
				}
				groups[o.SourceID] = append(groups[o.SourceID], o)
			}
		}
	}
	for _, id := range order {
		members := groups[id]
		if len(members) < 2 {
			continue
		}
		name := mostGiven(members, func(o *ingest.RowOrganisation) string { return o.Alias })
		if name == "" {
			name = mostGiven(members, func(o *ingest.RowOrganisation) string { return o.Name })
		}
		for _, o := range members {
			if o.Alias == "" && partnergraph.NameKey(o.Name) != partnergraph.NameKey(name) {
				o.Alias = name
			}
		}
	}
}

// mostGiven is the value of the cells given most, the first of equals in
// order; "" when none gives one.
func mostGiven(cells []*ingest.RowOrganisation, value func(*ingest.RowOrganisation) string) string {
	count := map[string]int{}
	best := ""
	for _, o := range cells {
		v := value(o)
		if v == "" {
			continue
		}
		count[v]++
		if best == "" || count[v] > count[best] {
			best = v
		}
	}
	return best
}

// knownElsewhere: a document other than the files imported now gives the
// project.
func (l *lookups) knownElsewhere(p *partnergraph.Project) bool {
	return slices.ContainsFunc(p.SourceList(), func(s partnergraph.ProjectSource) bool { return !l.ours[s.DocumentID] })
}

// alignRow names the row's one promoter with o's name, unless it is one
// of o's names already or their countries differ. Of o's names, those
// other documents than the files imported now give count, and the longest
// is taken (then the first in order): the alias does not depend on which
// name o shows.
func (l *lookups) alignRow(r *ingest.Row, o *partnergraph.Organisation) {
	if o == nil {
		return
	}
	var promoter *ingest.RowOrganisation
	for i := range r.Organisations {
		if r.Organisations[i].Role == partnergraph.RolePromoter {
			if promoter != nil {
				return // two: which is which is not known
			}
			promoter = &r.Organisations[i]
		}
	}
	if promoter == nil || promoter.Alias != "" || promoter.Country == "" || promoter.Country != o.CountryCode {
		return
	}
	k := partnergraph.NameKey(promoter.Name)
	best := ""
	for _, ns := range o.Names {
		if len(ns.DocumentIDs) > 0 && !slices.ContainsFunc(ns.DocumentIDs, func(d string) bool { return !l.ours[d] }) {
			continue // a name only this import gives (the registry's have no documents)
		}
		if partnergraph.NameKey(ns.Name) == k {
			return // the graph knows the name already
		}
		if len(ns.Name) > len(best) || len(ns.Name) == len(best) && ns.Name < best {
			best = ns.Name
		}
	}
	if best != "" {
		promoter.Alias = best
	}
}

// importedPart is the part of g an import's rows (document ids) give: the
// projects any of them is a source of, and those projects' organisations.
func importedPart(g *partnergraph.Graph, rows map[string]bool) *partnergraph.Graph {
	part := &partnergraph.Graph{}
	orgs := map[string]bool{}
	for _, p := range g.Projects {
		if !slices.ContainsFunc(p.SourceList(), func(s partnergraph.ProjectSource) bool { return rows[s.DocumentID] }) {
			continue
		}
		part.Projects = append(part.Projects, p)
		orgs[p.PromoterID] = true
		for _, ps := range p.Partners {
			orgs[ps.OrganisationID] = true
		}
	}
	for _, o := range g.Organisations {
		if orgs[o.ID] {
			part.Organisations = append(part.Organisations, o)
		}
	}
	return part
}

// storedPart is what the store holds of part's projects and
// organisations, read by id a batch at a time.
func storedPart(ctx context.Context, store partnergraph.Store, part *partnergraph.Graph) (*partnergraph.Graph, error) {
	ids := make([]string, 0, len(part.Projects)+len(part.Organisations))
	for _, p := range part.Projects {
		ids = append(ids, p.ID)
	}
	for _, o := range part.Organisations {
		ids = append(ids, o.ID)
	}
	stored := &partnergraph.Graph{}
	for start := 0; start < len(ids); start += 2000 {
		nodes, err := store.Nodes(ctx, ids[start:min(start+2000, len(ids))])
		if err != nil {
			return nil, fmt.Errorf("read what the database holds before the import: %w", err)
		}
		for _, n := range nodes {
			switch n := n.(type) {
			case *partnergraph.Project:
				stored.Projects = append(stored.Projects, *n)
			case *partnergraph.Organisation:
				stored.Organisations = append(stored.Organisations, *n)
			}
		}
	}
	return stored, nil
}

// printSummary tells what the import added and updated.
func printSummary(stdout io.Writer, log *slog.Logger, read, skipped int, before, after *partnergraph.Graph, took time.Duration) {
	type counts struct{ added, updated int }
	var projects, orgs, partnerships counts
	if after != nil {
		old := map[string]partnergraph.Project{}
		oldLinks := map[string]partnergraph.Partnership{}
		if before != nil {
			for _, p := range before.Projects {
				old[p.ID] = p
				for _, ps := range p.Partners {
					oldLinks[p.ID+"|"+ps.OrganisationID] = ps
				}
			}
		}
		for _, p := range after.Projects {
			if o, ok := old[p.ID]; !ok {
				projects.added++
			} else if !reflect.DeepEqual(o, p) {
				projects.updated++

			}
			for _, ps := range p.Partners {
				if o, ok := oldLinks[p.ID+"|"+ps.OrganisationID]; !ok {
					partnerships.added++
				} else if o.Role != ps.Role || len(o.Evidence) != len(ps.Evidence) {
					partnerships.updated++
				}
			}
		}
		oldOrgs := map[string]partnergraph.Organisation{}
		if before != nil {
			for _, o := range before.Organisations {
				oldOrgs[o.ID] = o
			}
		}
		for _, o := range after.Organisations {
			if x, ok := oldOrgs[o.ID]; !ok {
				orgs.added++
			} else if !reflect.DeepEqual(x, o) {
				orgs.updated++
			}
		}
	}
	rate := float64(read) / max(took.Seconds(), 1e-9)
	fmt.Fprintf(stdout, "imported %d rows in %s (%.0f rows/s); %d skipped\n", read, took.Round(time.Millisecond), rate, skipped)
	if before == nil && after != nil {
		fmt.Fprintf(stdout, "the graph: %d projects, %d organisations\n", len(after.Projects), len(after.Organisations))
	} else {
		fmt.Fprintf(stdout, "projects: %d added, %d updated\norganisations: %d added, %d updated\npartnerships: %d added, %d updated\n",
			projects.added, projects.updated, orgs.added, orgs.updated, partnerships.added, partnerships.updated)
	}
	log.Info("import done", "rows", read, "skipped", skipped, "projects_added", projects.added, "projects_updated", projects.updated,
		"organisations_added", orgs.added, "organisations_updated", orgs.updated, "partnerships_added", partnerships.added,
		"partnerships_updated", partnerships.updated, "took", took.Round(time.Millisecond))
}
