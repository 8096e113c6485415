// Package library keeps the documents the graph is built from. It reads the
// sheets given at start and those accepted earlier through the API, resolves
// them into one graph and loads it into the Store; later it takes new sheets
// and removals, each written to disk (when it has a directory) before the
// store changes and before the caller is answered.
//
// The graph is always the resolution of the whole corpus, with the
// organisation ids given so far (ingest.IDs, kept beside the documents): a
// write resolves what the document added, replaced or removed can change
// (ingest.Resolver), and the store gets only that change in one
// Store.Apply. A restart reads the same documents and ids and builds the
// same graph.
package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// Options configure a Library.
type Options struct {
	// Dir keeps the documents accepted through the API, one file each,
	// and the removals; "" keeps them in memory only, lost at exit.
	Dir string
	// Seed are the documents read at start: the bundled sample or the
	// -docs directory. A document of Dir with the same id wins, and a
	// removal recorded in Dir leaves a seed document out.
	Seed []ingest.Source
	// SeedFS, when set, holds more seed documents: its sheets (*.txt), as
	// ingest.ReadFS finds them. With a snapshot they are only listed at
	// first (name, size, modification time); they are read when the
	// snapshot does not match them, or in the background for writes.
	SeedFS fs.FS
	// Writable keeps what writes need (every document's extraction) in
	// memory; without it, writes are refused and less memory is used.
	Writable bool
	// Progress, when set, is told how reading goes: documents done of
	// total, and failed ones (-1 while not counted; see ingest.Options).
	Progress func(done, total, failed int)
	Log      *slog.Logger
	// Snapshot, when set, is a file that keeps the resolved graph between
	// starts: a start on the same documents with the same program (Build)
	// reads it instead of extracting and resolving them all again, and a
	// start that resolves writes it afterwards, in the background.
	Snapshot string
	// Build identifies the program; without it no snapshot is used,
	// since another version could extract differently.
	Build string
	// Parsed are records already made of some documents, by name (an
	// import made them from its rows), when the documents are read.
	Parsed map[string]*ingest.Record
	// BeforeLoad, when set, is given the resolved graph before the store
	// loads it (an import reads what the store holds of it, to tell what
	// it added and updated); its error stops the start.
	BeforeLoad func(g *partnergraph.Graph) error
}

// Library is the corpus behind the graph. It implements
// partnergraph.DocumentWriter; writes are taken one at a time.
type Library struct {
	mu       sync.Mutex
	store    partnergraph.Store
	disk     *disk // nil without a directory
	writable bool
	log      *slog.Logger
	// res keeps the corpus resolved, when writable: every document's
	// extraction, mentions and clusters, which a write updates.
	res *ingest.Resolver
	ids *ingest.IDs
	// Snapshots after writes: the digest of what does not change, the
	// directory's documents, and a timer that writes the snapshot a while
	// after the last write.
	snapshot   string
	seedDigest string
	kept       map[string]keptDigest
	snapTimer  *time.Timer
	snapDelay  time.Duration
	background sync.WaitGroup
	closed     bool
	closing    chan struct{} // closed by Close: background work stops
	closeOnce  sync.Once
	feed       feed
	// corpus is the store when it keeps the documents' texts (Neo4j):
	// then the corpus is shared with the other servers on the database,
	// and version is the version of it that docs and graph resolve.
	corpus  partnergraph.Corpus
	version int64
}

var _ partnergraph.DocumentWriter = (*Library)(nil)

// Report tells what Open read.
type Report struct {
	Documents int              // documents in the graph
	FromDir   int              // of them, kept in the directory
	Removed   int              // seed documents left out by a recorded removal
	Problems  []ingest.Problem // documents that could not be read
	Graph     *partnergraph.Graph
	// FromSnapshot: the graph was read from the snapshot, not resolved.
	FromSnapshot bool
}

// Open reads the seed documents and the directory, resolves the corpus and
// loads the graph into the store.
func Open(ctx context.Context, store partnergraph.Store, opts Options) (*Library, *Report, error) {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	l := &Library{store: store, writable: opts.Writable, log: opts.Log, snapDelay: 2 * time.Second, closing: make(chan struct{})}
	rep := &Report{}
	var stored []ingest.Source // the texts the database keeps
	if c, ok := store.(partnergraph.Corpus); ok {
		// The documents are shared through the database: a snapshot of
		// this server's files would not know of the others' writes.
		l.corpus, opts.Snapshot = c, ""
		if opts.Writable || opts.SeedFS != nil || len(opts.Seed) > 0 || opts.Dir != "" {
			docs, version, err := c.Documents(ctx)
			if err != nil {
				return nil, nil, err
			}
			for _, d := range docs {
				stored = append(stored, ingest.Source{Name: d.Name, Data: []byte(d.Text)})
			}
			l.version = version
			opts.Log.Info("documents kept in the database", "documents", len(docs), "version", version)
		}
	}
	var kept []kept
	var packs []packRef // imports of open data: read only when the documents are
	if opts.Dir != "" {
		d, err := openDisk(opts.Dir)
		if err != nil {
			return nil, nil, err
		}
		l.disk = d
		var problems []ingest.Problem
		if kept, problems, err = d.readAll(); err != nil {
			return nil, nil, err
		}
		rep.Problems = append(rep.Problems, problems...)
		if packs, problems, err = d.listPacks(); err != nil {
			return nil, nil, err
		}
		rep.Problems = append(rep.Problems, problems...)
	}
	var given []partnergraph.IDAnchor
	switch {
	case l.corpus != nil:
		ids, err := l.corpus.IDs(ctx)
		if err != nil {
			return nil, nil, err
		}
		given = ids
	case l.disk != nil:
		ids, err := l.disk.readIDs()
		if err != nil {
			return nil, nil, err
		}
		given = ids
	}
	var err error
	if l.ids, err = ingest.NewIDs(given); err != nil {
		return nil, nil, fmt.Errorf("organisation ids kept: %w", err)
	}
	var files []ingest.FileStat
	if opts.SeedFS != nil {
		var problems []ingest.Problem
		var err error
		if files, problems, err = ingest.StatFS(opts.SeedFS, "."); err != nil {
			return nil, nil, err
		}
		rep.Problems = append(rep.Problems, problems...)
	}
	// What the documents are: the seed read, the directory merged in.
	corpus := func() ([]ingest.Source, corpusReport) {
		seed, problems := ingest.ReadFiles(opts.SeedFS, files)
		seeds := append(append([]ingest.Source(nil), opts.Seed...), seed...)
		// The imports' documents first: one written through the API since
		// (changed or removed) comes after its import's, and wins.
		var all []ingest.Source
		for _, p := range packs {
			docs, err := p.read()
			if err != nil {
				problems = append(problems, ingest.Problem{Document: p.path, Reason: err.Error()})
				continue
			}
			all = append(all, docs...)
		}
		list, cr := merge(underneath(stored, append(seeds, all...)), kept)
		cr.Problems = append(problems, cr.Problems...)
		return list, cr
	}
	fp := ""
	if opts.Snapshot != "" && opts.Build != "" && len(opts.Seed)+len(files)+len(kept)+len(packs) > 0 {
		l.snapshot, l.seedDigest, l.kept = opts.Snapshot, withPacks(seedDigest(opts.Build, opts.Seed, files), packs), keptDigests(kept)
		fp = fingerprintOf(l.seedDigest, l.kept)
		snap, err := readSnapshot(opts.Snapshot, fp)
		switch {
		case err == nil:
			opts.Log.Info("graph read from the snapshot", "snapshot", opts.Snapshot, "documents", snap.Documents)
			return l.openSnapshot(ctx, snap, corpus, rep)
		case errors.Is(err, errNoSnapshot):
			opts.Log.Info("no snapshot yet: reading every document", "snapshot", opts.Snapshot)
		default:
			opts.Log.Warn("snapshot not used: reading every document", "snapshot", opts.Snapshot, "reason", err)
		}
	}
	list, cr := corpus()
	var texts []partnergraph.StoredDocument
	if l.corpus != nil {
		for _, src := range list {
			texts = append(texts, partnergraph.StoredDocument{ID: ingest.DocumentID(src.Name), Name: src.Name, Text: string(src.Data)})
		}
	}
	opts.Seed, kept = nil, nil // the texts are in list now; let them go with it
	rep.Problems = append(rep.Problems, cr.Problems...)
	rep.Removed, rep.FromDir = cr.Removed, cr.FromDir
	total := len(list)
	var progress func(done, failed int)
	if opts.Progress != nil {
		progress = func(done, failed int) { opts.Progress(done, total, failed) }
	}
	records, problems := ingest.ReadAll(list, ingest.Options{Progress: progress, Parsed: opts.Parsed})
	opts.Parsed = nil
	list = nil // the records hold the texts now: the sheets' bytes can go before the peak of resolving
	rep.Problems = append(rep.Problems, problems...)
	// The problems a snapshot keeps: those found reading the documents,
	// not those of listing them, which every start finds again.
	readProblems := append(cr.Problems, problems...)
	// A writable library keeps the resolver, which writes update: every
	// document's extraction, mentions and clusters. A read-only one lets
	// them go before the store is built (the peak of the start).
	idsBefore := l.ids.Len()
	res := ingest.NewResolver(ingest.Gazetteer(), l.ids, opts.Writable)
	res.Update(records, nil)
	g := res.Graph()
	if opts.Writable {
		l.res = res
	}
	res, records = nil, nil
	rep.Documents, rep.Graph = len(g.Documents), g
	newIDs := l.ids.Entries(idsBefore)
	if l.disk != nil {
		if _, err := l.disk.appendIDs(newIDs); err != nil {
			return nil, nil, fmt.Errorf("data directory: keeping the organisation ids: %w", err)
		}
	}
	if rep.Documents == 0 {
		return l, rep, nil // nothing to load: a database keeps what it holds, metrics and all
	}
	var put []partnergraph.StoredDocument
	if l.corpus != nil {
		put = missing(stored, texts)
	}
	// Documents that all come from the database as it holds them are
	// loaded already, by whoever wrote them.
	if l.corpus == nil || len(put) > 0 {
		if opts.BeforeLoad != nil {
			if err := opts.BeforeLoad(g); err != nil {
				return nil, nil, err
			}
		}
		if err := store.Load(ctx, g); err != nil {
			return nil, nil, err
		}
	}
	if l.corpus != nil {
		if err := l.keepTexts(ctx, put, newIDs); err != nil {
			return nil, nil, err
		}
	}
	if fp != "" {
		// Written while the server already answers; writes wait for it,
		// since they change the graph it encodes.
		l.mu.Lock()
		go func() {
			defer l.mu.Unlock()
			start := time.Now()
			if err := writeSnapshot(opts.Snapshot, fp, &snapshotBody{Graph: g, IDs: l.ids.Entries(0), Documents: rep.Documents, Problems: readProblems, Removed: rep.Removed, FromDir: rep.FromDir}); err != nil {
				l.log.Warn("snapshot not written", "snapshot", opts.Snapshot, "reason", err)
				return
			}
			l.log.Info("snapshot written", "snapshot", opts.Snapshot, "took", time.Since(start).Round(time.Millisecond))
		}()
	}
	return l, rep, nil
}

// openSnapshot loads the snapshot's graph. A writable library reads every
// document's extraction too, which writes need, in the background: writes
// wait for it, reads do not.
func (l *Library) openSnapshot(ctx context.Context, snap *snapshotBody, corpus func() ([]ingest.Source, corpusReport), rep *Report) (*Library, *Report, error) {
	rep.Documents, rep.Graph, rep.FromSnapshot = snap.Documents, snap.Graph, true
	rep.Problems = append(rep.Problems, snap.Problems...)
	rep.Removed, rep.FromDir = snap.Removed, snap.FromDir
	if err := l.store.Load(ctx, snap.Graph); err != nil {
		return nil, nil, err
	}
	if l.ids.Len() == 0 && len(snap.IDs) > 0 {
		// Without a directory the snapshot is where the ids are kept.
		ids, err := ingest.NewIDs(snap.IDs)
		if err != nil {
			return nil, nil, fmt.Errorf("snapshot: %w", err)
		}
		l.ids = ids
	}
	if l.writable {
		l.mu.Lock()
		l.background.Add(1)
		go func() {
			defer l.background.Done()
			defer l.mu.Unlock()
			start := time.Now()
			list, _ := corpus()
			records, _ := ingest.ReadAll(list, ingest.Options{Stop: l.closing})
			select {
			case <-l.closing:
				l.log.Info("closed before writes were ready")
				return
			default:
			}
			// The resolver writes update is built anew from the
			// documents and the ids the snapshot was built with: the
			// same graph.
			l.res = ingest.NewResolver(ingest.Gazetteer(), l.ids, true)
			l.res.Update(records, nil)
			l.log.Info("writes ready: every document's extraction read", "documents", len(records), "took", time.Since(start).Round(time.Millisecond))
		}()
	}
	return l, rep, nil
}

// underneath puts the documents the database keeps under the seed
// documents: a seed document replaces a kept one of the same id.
func underneath(stored, seeds []ingest.Source) []ingest.Source {
	seen := map[string]bool{}
	for _, src := range seeds {
		seen[ingest.DocumentID(src.Name)] = true
	}
	out := make([]ingest.Source, 0, len(stored)+len(seeds))
	for _, src := range stored {
		if !seen[ingest.DocumentID(src.Name)] {
			out = append(out, src)
		}
	}
	return append(out, seeds...)
}

// missing lists the texts that the database does not hold as they are.
func missing(stored []ingest.Source, texts []partnergraph.StoredDocument) []partnergraph.StoredDocument {
	have := map[string]string{}
	for _, src := range stored {
		have[ingest.DocumentID(src.Name)] = src.Name + "\x00" + string(src.Data)
	}
	var put []partnergraph.StoredDocument
	for _, d := range texts {
		if have[d.ID] != d.Name+"\x00"+d.Text {
			put = append(put, d)
		}
	}
	return put
}

// keepTexts stores the texts put and the ids given, and notes the version.
func (l *Library) keepTexts(ctx context.Context, put []partnergraph.StoredDocument, ids []partnergraph.IDAnchor) error {
	if len(put) > 0 || len(ids) > 0 {
		if err := l.corpus.PutDocuments(ctx, put, ids); err != nil {
			return err
		}
	}
	v, err := l.corpus.CorpusVersion(ctx)
	if err != nil {
		return err
	}
	l.version = v
	return nil
}

// sync reads the documents again when another server changed them since
// this one read them, and resolves them anew: a write is resolved against
// the whole shared corpus.
func (l *Library) sync(ctx context.Context) error {
	if l.corpus == nil {
		return nil
	}
	v, err := l.corpus.CorpusVersion(ctx)
	if err != nil {
		return err
	}
	if v == l.version {
		return nil
	}
	start := time.Now()
	stored, v, err := l.corpus.Documents(ctx)
	if err != nil {
		return err
	}
	given, err := l.corpus.IDs(ctx)
	if err != nil {
		return err
	}
	if err := l.ids.Extend(given); err != nil {
		return partnergraph.Errorf(partnergraph.EINTERNAL, "the organisation ids in the database do not continue this server's: %v", err)
	}
	var put []*ingest.Record
	present := map[string]bool{}
	for _, d := range stored {
		present[d.ID] = true
		if rec := l.res.Record(d.ID); rec != nil && rec.Document.Name == d.Name && rec.Document.SHA256 == ingest.TextSHA256(d.Text) {
			continue
		}
		rec, err := ingest.Read(ingest.Source{Name: d.Name, Data: []byte(d.Text)})
		if err != nil {
			l.log.Warn("a document kept in the database cannot be read; left out", "document", d.ID, "err", err)
			continue
		}
		put = append(put, rec)
	}
	var drop []string
	for _, id := range l.res.DocumentIDs() {
		if !present[id] {
			drop = append(drop, id)
		}
	}
	// The other writers applied their changes to the database: only the
	// resolver catches up.
	l.res.Update(put, drop)
	l.version = v
	l.log.Info("documents changed by another writer: read again", "documents", len(stored), "read", len(put), "dropped", len(drop), "version", v, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// corpusReport tells how the corpus was put together.
type corpusReport struct {
	Removed, FromDir int
	Problems         []ingest.Problem
}

// merge puts the seed documents and those of the directory together, by
// document id: the directory's version wins, and a removal recorded there
// leaves a seed document out. The list is in name order.
func merge(seedDocs []ingest.Source, kept []kept) ([]ingest.Source, corpusReport) {
	var cr corpusReport
	sources := map[string]ingest.Source{} // by document id
	seed := map[string]bool{}
	for _, src := range seedDocs {
		id := ingest.DocumentID(src.Name)
		if _, dup := sources[id]; dup {
			cr.Problems = append(cr.Problems, ingest.Problem{Document: src.Name, Reason: fmt.Sprintf("another document has the same name (%s)", id)})
			continue
		}
		sources[id], seed[id] = src, true
	}
	for _, k := range kept {
		if k.Deleted {
			if seed[k.ID] {
				cr.Removed++
			}
			delete(sources, k.ID)
			continue
		}
		sources[k.ID] = ingest.Source{Name: k.Name, Data: []byte(k.Text)}
		seed[k.ID] = false
		cr.FromDir++
	}
	list := make([]ingest.Source, 0, len(sources))
	for _, src := range sources {
		list = append(list, src)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list, cr
}

// MaxNameLength is the longest document name accepted.
const MaxNameLength = 200

// checkName refuses names that cannot name a document.
func checkName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return partnergraph.Errorf(partnergraph.EINVALID, "the document name is empty")
	case len(name) > MaxNameLength:
		return partnergraph.Errorf(partnergraph.EINVALID, "the document name is %d bytes; at most %d", len(name), MaxNameLength)
	case !utf8.ValidString(name):
		return partnergraph.Errorf(partnergraph.EINVALID, "the document name is not valid UTF-8")
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return partnergraph.Errorf(partnergraph.EINVALID, "the document name has a control character")
	case partnergraph.Slug(name) == "":
		return partnergraph.Errorf(partnergraph.EINVALID, "the document name %q has no letter or digit", name)
	}
	return nil
}

func (l *Library) authorize(ctx context.Context, what string) error {
	if !l.writable {
		return partnergraph.Errorf(partnergraph.EUNAUTHORIZED, "writes are disabled on this server: %s needs a server started with an API key (PARTNERGRAPH_API_KEYS or -api-keys-file; see `server hash-key`), and that key in Authorization: Bearer <key>", what)
	}
	if partnergraph.PrincipalFrom(ctx) == nil {
		return partnergraph.Errorf(partnergraph.EUNAUTHORIZED, "%s needs an API key: send Authorization: Bearer <key>", what)
	}
	return nil
}

// IngestDocument adds or replaces the document named name.
func (l *Library) IngestDocument(ctx context.Context, name, text string) (*partnergraph.WriteResult, error) {
	if err := l.authorize(ctx, "ingestDocument"); err != nil {
		return nil, err
	}
	if err := checkName(name); err != nil {
		return nil, err
	}
	if len(text) > ingest.MaxDocumentSize {
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "document %s is %d bytes, more than the %d allowed", name, len(text), ingest.MaxDocumentSize)
	}
	rec, err := ingest.Read(ingest.Source{Name: name, Data: []byte(text)})
	if err != nil {
		var pe *ingest.ParseError
		if errors.As(err, &pe) {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "document %s cannot be read: %s", name, pe.Reason)
		}
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "document %s cannot be read: %v", name, err)
	}
	id := rec.Document.ID
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.res == nil {
		return nil, partnergraph.Errorf(partnergraph.EUNAVAILABLE, "the server is shutting down; the write was not made")
	}
	if err := l.sync(ctx); err != nil {
		return nil, err
	}
	old := l.res.Record(id)
	res, err := l.change(ctx, id, rec, &kept{ID: id, Name: name, Text: text})
	if err != nil {
		return nil, err
	}
	res.Created = old == nil
	l.log.Info("document ingested", "document", id, "name", name, "created", res.Created, "changed", len(res.Changed), "removed", len(res.Removed),
		"key", keyID(ctx), "durable", res.Durable)
	return res, nil
}

// DeleteDocument removes the document with this id.
func (l *Library) DeleteDocument(ctx context.Context, id string) (*partnergraph.WriteResult, error) {
	if err := l.authorize(ctx, "deleteDocument"); err != nil {
		return nil, err
	}
	if partnergraph.KindOfID(id) != partnergraph.KindDocument {
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "%q is not a document id (doc:...)", id)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.res == nil {
		return nil, partnergraph.Errorf(partnergraph.EUNAVAILABLE, "the server is shutting down; the write was not made")
	}
	if err := l.sync(ctx); err != nil {
		return nil, err
	}
	old := l.res.Record(id)
	if old == nil {
		return nil, partnergraph.Errorf(partnergraph.ENOTFOUND, "no document with id %q", id)
	}
	res, err := l.change(ctx, id, nil, &kept{ID: id, Deleted: true})
	if err != nil {
		return nil, err
	}
	l.log.Info("document deleted", "document", id, "changed", len(res.Changed), "removed", len(res.Removed), "key", keyID(ctx), "durable", res.Durable)
	return res, nil
}

// change resolves the corpus with the document id set to next (nil
// removes it), keeps k on disk, and applies the difference to the store.
// When the store refuses, the file is put back as it was and the library is
// left unchanged.
func (l *Library) change(ctx context.Context, id string, next *ingest.Record, k *kept) (*partnergraph.WriteResult, error) {
	for attempt := 1; ; attempt++ {
		res, err := l.changeOnce(ctx, id, next, k)
		if !errors.Is(err, partnergraph.ErrCorpusChanged) {
			return res, err
		}
		// Another server wrote between this one's read and its write:
		// read the documents again and resolve the write anew.
		if attempt == 5 {
			return nil, partnergraph.Errorf(partnergraph.EUNAVAILABLE, "other writers kept changing the documents; the write was not made: try again")
		}
		l.log.Info("another writer changed the documents; resolving the write again", "document", id, "attempt", attempt)
		if err := l.sync(ctx); err != nil {
			return nil, err
		}
	}
}

func (l *Library) changeOnce(ctx context.Context, id string, next *ingest.Record, k *kept) (*partnergraph.WriteResult, error) {
	start := time.Now()
	old := l.res.Record(id)
	before, _ := l.res.Document(id)
	given := l.ids.Len()
	var changed *partnergraph.Graph
	var removed []string
	if next != nil {
		changed, removed = l.res.Update([]*ingest.Record{next}, nil)
	} else {
		changed, removed = l.res.Update(nil, []string{id})
	}
	newIDs := l.ids.Entries(given)
	// Taking the write back: the ids it gave are forgotten and the
	// document is put back as it was, which resolves to the graph before.
	takeBack := func() {
		l.ids.Truncate(given)
		if old != nil {
			l.res.Update([]*ingest.Record{old}, nil)
		} else {
			l.res.Update(nil, []string{id})
		}
	}
	if err := ctx.Err(); err != nil {
		takeBack()
		return nil, partnergraph.Errorf(partnergraph.EUNAVAILABLE, "the write was given up before it was made: %v", err)
	}
	undo := func() error { return nil }
	if l.disk != nil {
		undoIDs, err := l.disk.appendIDs(newIDs)
		if err == nil {
			var undoDoc func() error
			if undoDoc, err = l.disk.put(*k); err != nil {
				if uerr := undoIDs(); uerr != nil {
					l.log.Error("could not take back organisation ids on disk", "err", uerr)
				}
			} else {
				undo = func() error { return errors.Join(undoDoc(), undoIDs()) }
			}
		}
		if err != nil {
			takeBack()
			l.log.Error("could not keep a document on disk", "document", id, "err", err)
			return nil, partnergraph.Errorf(partnergraph.EINTERNAL, "the document could not be kept on disk; nothing was changed")
		}
	}
	var err error
	switch {
	case l.corpus != nil:
		// The text and the ids go with the graph, in one transaction, if
		// no other server wrote since this one read the documents.
		var put *partnergraph.StoredDocument
		drop := ""
		if next != nil {
			put = &partnergraph.StoredDocument{ID: id, Name: k.Name, Text: k.Text}
		} else {
			drop = id
		}
		var v int64
		if v, err = l.corpus.ApplyDocument(ctx, partnergraph.DocumentChange{Changed: changed, Removed: removed, Put: put, Drop: drop,
			IDs: newIDs, Added: l.res.Added(), Expect: l.version}); err == nil {
			l.version = v
		}
	case len(removed) > 0 || len(changed.IDs()) > 0:
		// A sheet sent again as it was changes nothing: the store is not asked.
		err = l.store.Apply(ctx, changed, removed)
	}
	if err != nil {
		takeBack()
		if uerr := undo(); uerr != nil {
			l.log.Error("could not undo a failed write on disk; the next start reads the document as written", "document", id, "err", uerr)
		}
		if errors.Is(err, partnergraph.ErrCorpusChanged) {
			return nil, err
		}
		l.log.Error("the store refused a write; the document was not taken", "document", id, "err", err)
		if code := partnergraph.ErrorCode(err); code != partnergraph.EINTERNAL {
			return nil, partnergraph.Errorf(code, "the write was not made: %s", partnergraph.ErrorMessage(err))
		}
		return nil, partnergraph.Errorf(partnergraph.EINTERNAL, "the store could not take the write; nothing was changed")
	}
	res := &partnergraph.WriteResult{Changed: changed.IDs(), Removed: removed, Durable: l.disk != nil || l.corpus != nil}
	if len(res.Changed)+len(res.Removed) > 0 {
		l.told(l.res.Added(), res.Changed, res.Removed)
	}
	// The document as it is now, or as it was before it was removed.
	if d, ok := l.res.Document(id); ok {
		res.Document = d
	} else {
		res.Document = before
	}
	if l.kept != nil {
		l.kept[id] = digestOf(*k)
		l.snapshotLater()
	}
	l.log.Debug("write resolved and applied", "document", id, "took", time.Since(start))
	return res, nil
}

// snapshotLater writes the snapshot a while after the last write, in the
// background, so that a restart after writes reads it instead of every
// document. Called with l.mu held.
func (l *Library) snapshotLater() {
	if l.closed {
		return
	}
	if l.snapTimer != nil {
		l.snapTimer.Stop()
	}
	l.snapTimer = time.AfterFunc(l.snapDelay, func() {
		l.mu.Lock()
		if l.closed {
			l.mu.Unlock()
			return
		}
		write := l.snapshotNow()
		l.mu.Unlock()
		write()
	})
}

// snapshotNow takes what the snapshot holds, with l.mu held, and returns
// the work of writing it, done without the lock: writes go on meanwhile.
func (l *Library) snapshotNow() func() {
	if l.res == nil {
		return func() {}
	}
	l.background.Add(1)
	fp := fingerprintOf(l.seedDigest, l.kept)
	body := &snapshotBody{Graph: l.res.Graph(), IDs: l.ids.Entries(0), Documents: l.res.Len()}
	return func() {
		defer l.background.Done()
		start := time.Now()
		if err := writeSnapshot(l.snapshot, fp, body); err != nil {
			l.log.Warn("snapshot after writes not written", "snapshot", l.snapshot, "reason", err)
			return
		}
		l.log.Info("snapshot written after writes", "snapshot", l.snapshot, "documents", body.Documents, "took", time.Since(start).Round(time.Millisecond))
	}
}

// Close waits for the work the library does in the background (reading
// documents for writes, writing snapshots) and stops it from starting
// more; a snapshot due is written first. ctx bounds the wait.
func (l *Library) Close(ctx context.Context) error {
	l.closeOnce.Do(func() { close(l.closing) })
	l.stopFollowing()
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.mu.Lock()
		l.closed = true
		write := func() {}
		if l.snapTimer != nil && l.snapTimer.Stop() {
			write = l.snapshotNow()
		}
		l.mu.Unlock()
		write()
		l.background.Wait()
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// IDs are the organisation ids given so far, in the order given.
func (l *Library) IDs() []partnergraph.IDAnchor { return l.ids.Entries(0) }

func keyID(ctx context.Context) string {
	if p := partnergraph.PrincipalFrom(ctx); p != nil {
		return p.KeyID
	}
	return ""
}
