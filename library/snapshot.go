package library

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// A snapshot keeps the graph resolved at one start, so that the next start
// on the same documents with the same program reads it instead of
// extracting and resolving every document again (at 100,000 sheets, most
// of the start). It is a gob stream: a header with the fingerprint of what
// it was built from, then the graph. The fingerprint covers every document's
// name and bytes and the program (Options.Build), so any change to either
// makes the snapshot stale, and a stale or unreadable snapshot is only
// rebuilt, never trusted.

// snapshotFormat changes when the snapshot's layout does.
const snapshotFormat = 1

type snapshotHeader struct {
	Format      int
	Fingerprint string
}

// snapshotBody is what a snapshot keeps.
type snapshotBody struct {
	Graph            *partnergraph.Graph
	Documents        int
	Problems         []ingest.Problem
	Removed, FromDir int // as in Report
}

// snapshotChunk is one message of the stream: the graph goes in pieces of
// at most chunkSize nodes a kind, so neither side holds the whole encoding
// in memory. The last chunk says Done and carries the rest of the body.
type snapshotChunk struct {
	Graph            partnergraph.Graph
	Done             bool
	Documents        int
	Problems         []ingest.Problem
	Removed, FromDir int
}

const chunkSize = 2000

// fingerprint hashes the program's identity and the documents: those
// given in memory and the directory's by content, the seed files by name,
// size and modification time (reading 100,000 files would cost more than
// the snapshot saves; a file rewritten in place with the same size and
// time is not noticed).
func fingerprint(build string, seed []ingest.Source, files []ingest.FileStat, kept []kept) string {
	h := sha256.New()
	var n [8]byte
	num := func(v int64) {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	write := func(b string) {
		num(int64(len(b)))
		io.WriteString(h, b)
	}
	write(build)
	num(int64(len(seed)))
	for _, src := range seed {
		write(src.Name)
		write(string(src.Data))
	}
	num(int64(len(files)))
	for _, f := range files {
		write(f.Name)
		num(f.Size)
		num(f.ModTime.UnixNano())
	}
	num(int64(len(kept)))
	for _, k := range kept {
		write(k.ID)
		write(k.Name)
		write(k.Text)
		if k.Deleted {
			num(1)
		} else {
			num(0)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readSnapshot returns the snapshot's content when it was built from what
// the fingerprint says; errNoSnapshot when there is none, errStale when it
// was built from something else (known from its header, before the graph
// is decoded), another error when it is unreadable.
func readSnapshot(path, fp string) (*snapshotBody, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, errNoSnapshot
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	var h snapshotHeader
	if err := dec.Decode(&h); err != nil {
		return nil, fmt.Errorf("unreadable header: %w", err)
	}
	if h.Format != snapshotFormat || h.Fingerprint != fp {
		return nil, errStale
	}
	b := &snapshotBody{Graph: &partnergraph.Graph{}}
	in := interner{}
	for {
		var c snapshotChunk
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("unreadable: %w", err)
		}
		in.projects(c.Graph.Projects)
		g := b.Graph
		g.Documents = append(g.Documents, c.Graph.Documents...)
		g.Projects = append(g.Projects, c.Graph.Projects...)
		g.Organisations = append(g.Organisations, c.Graph.Organisations...)
		g.TargetGroups = append(g.TargetGroups, c.Graph.TargetGroups...)
		g.Programmes = append(g.Programmes, c.Graph.Programmes...)
		g.Funders = append(g.Funders, c.Graph.Funders...)
		if c.Done {
			b.Documents, b.Problems, b.Removed, b.FromDir = c.Documents, c.Problems, c.Removed, c.FromDir
			return b, nil
		}
	}
}

// part returns the i-th piece of a list, empty past its end.
func part[T any](list []T, i int) []T {
	lo, hi := min(i*chunkSize, len(list)), min((i+1)*chunkSize, len(list))
	return list[lo:hi]
}

var (
	errNoSnapshot = errors.New("no snapshot")
	errStale      = errors.New("built from other documents or another program")
)

// writeSnapshot writes the snapshot whole to a temporary file, syncs it and
// renames it over the old one: a crash leaves the old snapshot or the new,
// and a temporary file that the next write clears.
func writeSnapshot(path, fp string, b *snapshotBody) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Temporary files a crash left behind are cleared first. They are
	// named after the snapshot, not as the data directory's temporary
	// files, which a start clears: this one may be in the making then.
	pattern := filepath.Base(path) + ".tmp-*"
	if old, err := filepath.Glob(filepath.Join(dir, pattern)); err == nil {
		for _, name := range old {
			os.Remove(name)
		}
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	enc := gob.NewEncoder(w)
	if err := enc.Encode(snapshotHeader{Format: snapshotFormat, Fingerprint: fp}); err != nil {
		return err
	}
	g := b.Graph
	most := max(len(g.Documents), len(g.Projects), len(g.Organisations), len(g.TargetGroups), len(g.Programmes), len(g.Funders))
	for i := 0; i*chunkSize < most; i++ {
		c := snapshotChunk{Graph: partnergraph.Graph{
			Documents: part(g.Documents, i), Projects: part(g.Projects, i), Organisations: part(g.Organisations, i),
			TargetGroups: part(g.TargetGroups, i), Programmes: part(g.Programmes, i), Funders: part(g.Funders, i),
		}}
		if err := enc.Encode(&c); err != nil {
			return err
		}
	}
	if err := enc.Encode(&snapshotChunk{Done: true, Documents: b.Documents, Problems: b.Problems, Removed: b.Removed, FromDir: b.FromDir}); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// interner makes equal strings share one copy. The graph read from a
// snapshot has a copy of every string where the resolved graph shared one
// (an organisation's id in every partnership, "facts" in every evidence);
// interning the repeated ones keeps the heap as small as after resolving.
type interner map[string]string

func (in interner) s(p *string) {
	if v, ok := in[*p]; ok {
		*p = v
	} else {
		in[*p] = *p
	}
}

func (in interner) all(list []string) {
	for i := range list {
		in.s(&list[i])
	}
}

func (in interner) evidence(list []partnergraph.Evidence) {
	for i := range list {
		in.evidenceOne(&list[i])
	}
}

func (in interner) evidenceOne(e *partnergraph.Evidence) {
	in.s(&e.DocumentID)
	in.s(&e.Section)
}

// projects interns the ids, kinds and labels a project shares with others;
// texts, which are its own, are left alone.
func (in interner) projects(ps []partnergraph.Project) {
	for i := range ps {
		p := &ps[i]
		for _, s := range []*string{(*string)(&p.Kind), &p.Status, &p.PromoterID, &p.GrantProgramme, &p.CountryCode,
			&p.Funding.Currency, &p.Funding.FunderID, &p.DocumentID} {
			in.s(s)
		}
		in.evidence(p.PromoterEvidence)
		for j := range p.Partners {
			in.s(&p.Partners[j].OrganisationID)
			in.s((*string)(&p.Partners[j].Role))
			in.evidence(p.Partners[j].Evidence)
		}
		for j := range p.Programmes {
			in.s(&p.Programmes[j].ProgrammeID)
			in.s((*string)(&p.Programmes[j].Activity))
			in.evidence(p.Programmes[j].Evidence)
		}
		for j := range p.Outcomes {
			in.evidenceOne(&p.Outcomes[j].Evidence)
		}
		for j := range p.Timeline {
			in.evidenceOne(&p.Timeline[j].Evidence)
		}
		for _, list := range [][]string{p.TargetGroupIDs, p.ProgrammeAreas, p.InitiativeTypes, p.Topics, p.Places, p.Themes} {
			in.all(list)
		}
	}
}
