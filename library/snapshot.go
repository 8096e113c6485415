package library

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

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
//
// Each message (the header, the types, then each chunk of the graph) is
// a gob encoding after its length as a uvarint: the chunks are decoded on
// every core. The types message is what a new gob encoder writes for an
// empty chunk (the definitions of the chunk's types, then the chunk); the
// chunks after it carry no definitions, so each is decoded after it. The
// encoders are kept from chunk to chunk, with their buffers: a new encoder
// a chunk grew a new buffer a chunk, some six times the snapshot's size in
// garbage made while the server already serves (1.2 GB for 196 MB at
// 100,000 sheets; 96 MB so). BenchmarkSnapshot measures it.

// snapshotFormat changes when the snapshot's layout does.
const snapshotFormat = 4 // 2: with the organisation ids given; 3: messages decoded apart; 4: types sent once

type snapshotHeader struct {
	Format      int
	Fingerprint string
}

// snapshotBody is what a snapshot keeps.
type snapshotBody struct {
	Graph            *partnergraph.Graph
	IDs              []partnergraph.IDAnchor // the organisation ids given (ingest.IDs)
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
	IDs              []partnergraph.IDAnchor
}

const chunkSize = 2000

// The fingerprint of a snapshot hashes the program's identity and the
// documents: those given in memory and the directory's by content, the
// seed files by name, size and modification time (reading 100,000 files
// would cost more than the snapshot saves; a file rewritten in place with
// the same size and time is not noticed). It is fingerprintOf(seedDigest,
// keptDigests): the directory's part is kept up to date by writes.

// hasher writes numbers and length-prefixed strings to a hash.
type hasher struct{ h hash.Hash }

func (x hasher) num(v int64) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(v))
	x.h.Write(n[:])
}

func (x hasher) str(b string) {
	x.num(int64(len(b)))
	io.WriteString(x.h, b)
}

// seedDigest hashes what does not change while the server runs: the
// program and the seed documents.
func seedDigest(build string, seed []ingest.Source, files []ingest.FileStat) string {
	x := hasher{sha256.New()}
	x.str(build)
	x.num(int64(len(seed)))
	for _, src := range seed {
		x.str(src.Name)
		x.str(string(src.Data))
	}
	x.num(int64(len(files)))
	for _, f := range files {
		x.str(f.Name)
		x.num(f.Size)
		x.num(f.ModTime.UnixNano())
	}
	return hex.EncodeToString(x.h.Sum(nil))
}

// withPacks adds the imports to the seed's digest: each by its header,
// which holds the digest of its documents.
func withPacks(seed string, packs []packRef) string {
	if len(packs) == 0 {
		return seed
	}
	x := hasher{sha256.New()}
	x.str(seed)
	for _, p := range packs {
		x.str(p.File)
		x.str(p.Format)
		x.num(int64(p.Documents))
		x.str(p.SHA256)
	}
	return hex.EncodeToString(x.h.Sum(nil))
}

// keptDigest is a document of the directory as the fingerprint sees it.
type keptDigest struct {
	Name, TextSHA256 string
	Deleted          bool
}

func digestOf(k kept) keptDigest {
	return keptDigest{Name: k.Name, TextSHA256: ingest.TextSHA256(k.Text), Deleted: k.Deleted}
}

func keptDigests(kept []kept) map[string]keptDigest {
	m := make(map[string]keptDigest, len(kept))
	for _, k := range kept {
		m[k.ID] = digestOf(k)
	}
	return m
}

// fingerprintOf hashes the seed's digest and the directory's documents,
// in id order: a start after writes finds the snapshot the writes left.
func fingerprintOf(seed string, kept map[string]keptDigest) string {
	x := hasher{sha256.New()}
	x.str(seed)
	ids := make([]string, 0, len(kept))
	for id := range kept {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	x.num(int64(len(ids)))
	for _, id := range ids {
		k := kept[id]
		x.str(id)
		x.str(k.Name)
		x.str(k.TextSHA256)
		if k.Deleted {
			x.num(1)
		} else {
			x.num(0)
		}
	}
	return hex.EncodeToString(x.h.Sum(nil))
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
	r := bufio.NewReaderSize(f, 1<<20)
	var h snapshotHeader
	if blob, err := readMessage(r); err != nil {
		return nil, fmt.Errorf("unreadable header: %w", err)
	} else if err := gob.NewDecoder(bytes.NewReader(blob)).Decode(&h); err != nil {
		return nil, errStale // another layout
	}
	if h.Format != snapshotFormat || h.Fingerprint != fp {
		return nil, errStale
	}
	types, err := readMessage(r)
	if err != nil {
		return nil, fmt.Errorf("unreadable types: %w", err)
	}
	// The chunks are read in order and decoded on every core; a few wait
	// at a time.
	type result struct {
		c   *snapshotChunk
		err error
	}
	type job struct {
		blob []byte
		out  chan result
	}
	jobs := make(chan job)
	order := make(chan chan result, 2*runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var c snapshotChunk
				dec := gob.NewDecoder(&pieces{types, j.blob})
				err := dec.Decode(&c)
				if err == nil {
					c = snapshotChunk{}
					err = dec.Decode(&c)
				}
				j.out <- result{&c, err}
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		for {
			blob, err := readMessage(r)
			if err == io.EOF {
				readErr <- nil
				return
			}
			if err != nil {
				readErr <- err
				return
			}
			out := make(chan result, 1)
			order <- out
			jobs <- job{blob, out}
		}
	}()
	drain := func() {
		for range order {
		}
		wg.Wait()
	}
	b := &snapshotBody{Graph: &partnergraph.Graph{}}
	in := interner{}
	for out := range order {
		res := <-out
		if res.err != nil {
			go drain()
			return nil, fmt.Errorf("unreadable: %w", res.err)
		}
		c := res.c
		in.projects(c.Graph.Projects)
		g := b.Graph
		g.Documents = append(g.Documents, c.Graph.Documents...)
		g.Projects = append(g.Projects, c.Graph.Projects...)
		g.Organisations = append(g.Organisations, c.Graph.Organisations...)
		g.TargetGroups = append(g.TargetGroups, c.Graph.TargetGroups...)
		g.Programmes = append(g.Programmes, c.Graph.Programmes...)
		g.Funders = append(g.Funders, c.Graph.Funders...)
		if c.Done {
			b.Documents, b.Problems, b.Removed, b.FromDir, b.IDs = c.Documents, c.Problems, c.Removed, c.FromDir, c.IDs
			go drain()
			return b, nil
		}
	}
	wg.Wait()
	if err := <-readErr; err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	return nil, fmt.Errorf("unreadable: it ends before its last part")
}

// maxMessage bounds a message of a snapshot: a chunk of chunkSize nodes a
// kind is a few megabytes.
const maxMessage = 1 << 30

// readMessage reads one message: its length as a uvarint, then its bytes.
func readMessage(r *bufio.Reader) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > maxMessage {
		return nil, fmt.Errorf("a part of %d bytes", n)
	}
	blob := make([]byte, n)
	if _, err := io.ReadFull(r, blob); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return blob, nil
}

// pieces reads two byte slices one after the other: the types message,
// then a chunk.
type pieces [2][]byte

func (p *pieces) Read(b []byte) (int, error) {
	for len(p[0]) == 0 {
		if len(p[1]) == 0 {
			return 0, io.EOF
		}
		p[0], p[1] = p[1], nil
	}
	n := copy(b, p[0])
	p[0] = p[0][n:]
	return n, nil
}

func (p *pieces) ReadByte() (byte, error) {
	var b [1]byte
	if _, err := p.Read(b[:]); err != nil {
		return 0, err
	}
	return b[0], nil
}

// sink is the writer of a kept encoder: each chunk goes to a buffer of
// its own.
type sink struct{ buf *bytes.Buffer }

func (s *sink) Write(p []byte) (int, error) { return s.buf.Write(p) }

// chunkEncoder is an encoder that has sent the types of a chunk, to a
// sink whose buffer holds that first message (the types message stands for
// it: reset the buffer before the next).
func chunkEncoder() (*gob.Encoder, *sink, error) {
	out := &sink{&bytes.Buffer{}}
	enc := gob.NewEncoder(out)
	return enc, out, enc.Encode(&snapshotChunk{})
}

// writeMessage writes v as one message.
func writeMessage(w io.Writer, v any) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return err
	}
	return writeBlob(w, buf.Bytes())
}

// writeBlob writes an encoded message: its length, then its bytes.
func writeBlob(w io.Writer, blob []byte) error {
	var n [binary.MaxVarintLen64]byte
	if _, err := w.Write(n[:binary.PutUvarint(n[:], uint64(len(blob)))]); err != nil {
		return err
	}
	_, err := w.Write(blob)
	return err
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
	if err := writeMessage(w, snapshotHeader{Format: snapshotFormat, Fingerprint: fp}); err != nil {
		return err
	}
	// The types message is the first message of an encoder kept for the
	// last chunk.
	last, lastOut, err := chunkEncoder()
	if err != nil {
		return err
	}
	if err := writeBlob(w, lastOut.buf.Bytes()); err != nil {
		return err
	}
	g := b.Graph
	most := max(len(g.Documents), len(g.Projects), len(g.Organisations), len(g.TargetGroups), len(g.Programmes), len(g.Funders))
	// The chunks are encoded on every core and written in order; at most a
	// few are encoded ahead of the writer.
	chunks := (most + chunkSize - 1) / chunkSize
	type encoded struct {
		buf *bytes.Buffer
		err error
	}
	outs := make([]chan encoded, chunks)
	for i := range outs {
		outs[i] = make(chan encoded, 1)
	}
	slots := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	// The buffers go back to free once written: at most one per slot.
	free := make(chan *bytes.Buffer, cap(slots))
	next := make(chan int)
	stop := make(chan struct{})
	defer close(stop)
	for range runtime.GOMAXPROCS(0) {
		go func() {
			// The encoder sends the types with its first message, which
			// is dropped: the types message stands for it.
			enc, out, primed := chunkEncoder()
			for i := range next {
				c := snapshotChunk{Graph: partnergraph.Graph{
					Documents: part(g.Documents, i), Projects: part(g.Projects, i), Organisations: part(g.Organisations, i),
					TargetGroups: part(g.TargetGroups, i), Programmes: part(g.Programmes, i), Funders: part(g.Funders, i),
				}}
				select {
				case out.buf = <-free:
				default:
					out.buf = &bytes.Buffer{}
				}
				out.buf.Reset()
				err := primed
				if err == nil {
					err = enc.Encode(&c)
				}
				outs[i] <- encoded{out.buf, err}
			}
		}()
	}
	go func() {
		defer close(next)
		for i := 0; i < chunks; i++ {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	for i := 0; i < chunks; i++ {
		e := <-outs[i]
		<-slots
		if e.err != nil {
			return e.err
		}
		if err := writeBlob(w, e.buf.Bytes()); err != nil {
			return err
		}
		select {
		case free <- e.buf:
		default:
		}
	}
	lastOut.buf.Reset()
	if err := last.Encode(&snapshotChunk{Done: true, Documents: b.Documents, Problems: b.Problems, Removed: b.Removed, FromDir: b.FromDir, IDs: b.IDs}); err != nil {
		return err
	}
	if err := writeBlob(w, lastOut.buf.Bytes()); err != nil {
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
