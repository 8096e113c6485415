package library

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/ingest"
)

// The directory holds one file a document id, <slug>.json, with the
// document's name and text, or a record that it was removed. A file is
// written whole to a temporary file, synced, renamed over the old one and
// the directory synced, so after a crash at any moment a file is either its
// old or its new version, and temporary files are cleared at the next start.

const tempPrefix = ".tmp-"

// kept is one file of the directory.
type kept struct {
	ID      string `json:"id"`
	Name    string `json:"name,omitempty"`
	Text    string `json:"text,omitempty"`
	Deleted bool   `json:"deleted,omitempty"`
}

type disk struct {
	dir string
}

func openDisk(dir string) (*disk, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	probe, err := os.CreateTemp(dir, tempPrefix+"probe-")
	if err != nil {
		return nil, fmt.Errorf("data directory %s is not writable: %w", dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return &disk{dir: dir}, nil
}

// fileName is the file of a document id: the id's slug, which is all
// letters, digits and hyphens.
func (d *disk) fileName(id string) string {
	return filepath.Join(d.dir, partnergraph.Slug(strings.TrimPrefix(id, "doc:"))+".json")
}

// readAll reads every file, clearing temporary ones left by a crash. A file
// that cannot be read is reported and left where it is.
func (d *disk) readAll() ([]kept, []ingest.Problem, error) {
	entries, err := os.ReadDir(d.dir)
	if err != nil {
		return nil, nil, fmt.Errorf("data directory: %w", err)
	}
	var out []kept
	var problems []ingest.Problem
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(d.dir, name)
		switch {
		case strings.HasPrefix(name, tempPrefix):
			if err := os.Remove(path); err != nil {
				return nil, nil, fmt.Errorf("data directory: clearing an unfinished write: %w", err)
			}
			continue
		case e.IsDir() || !strings.HasSuffix(name, ".json"):
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			problems = append(problems, ingest.Problem{Document: path, Reason: err.Error()})
			continue
		}
		var k kept
		if err := json.Unmarshal(data, &k); err != nil || partnergraph.KindOfID(k.ID) != partnergraph.KindDocument || (!k.Deleted && k.Name == "") {
			problems = append(problems, ingest.Problem{Document: path, Reason: "not a document file of this server"})
			continue
		}
		if d.fileName(k.ID) != path {
			problems = append(problems, ingest.Problem{Document: path, Reason: fmt.Sprintf("holds document %s, whose file is %s", k.ID, filepath.Base(d.fileName(k.ID)))})
			continue
		}
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, problems, nil
}

// The documents an import of open data makes (a row of an export each)
// are kept together, one file an imported file: imports/<slug>.jsonl,
// written whole like a document's file, so a file is imported whole or
// not at all, and importing it again replaces what it gave. Its first line
// is the pack's header (packHeader, JSON); each other line is a document's
// name, a tab, and its row (ingest.Row as JSON, on one line). A start
// whose snapshot is good reads only the headers.
const importsDir = "imports"

// packHeader is the first line of an import's file.
type packHeader struct {
	File      string `json:"file"`
	Format    string `json:"format"`
	Documents int    `json:"documents"`
	// SHA256 is of the lines after the header: the import's content, for
	// the snapshot's fingerprint.
	SHA256 string `json:"sha256"`
}

// packRef is an import's file, its header read.
type packRef struct {
	path string
	packHeader
}

func (d *disk) packPath(file string) string {
	return filepath.Join(d.dir, importsDir, partnergraph.Slug(filepath.Base(file))+".jsonl")
}

// listPacks reads the header of every import, clearing temporary files an
// interrupted import left.
func (d *disk) listPacks() ([]packRef, []ingest.Problem, error) {
	dir := filepath.Join(d.dir, importsDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("data directory: %w", err)
	}
	var out []packRef
	var problems []ingest.Problem
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		switch {
		case strings.HasPrefix(name, tempPrefix):
			if err := os.Remove(path); err != nil {
				return nil, nil, fmt.Errorf("data directory: clearing an unfinished import: %w", err)
			}
			continue
		case e.IsDir() || !strings.HasSuffix(name, ".jsonl"):
			continue
		}
		h, err := readPackHeader(path)
		if err != nil {
			problems = append(problems, ingest.Problem{Document: path, Reason: err.Error()})
			continue
		}
		out = append(out, packRef{path, *h})
	}
	return out, problems, nil
}

func readPackHeader(path string) (*packHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("not an import of this server: %v", err)
	}
	var h packHeader
	if err := json.Unmarshal(line, &h); err != nil || h.SHA256 == "" {
		return nil, fmt.Errorf("not an import of this server: its first line is no header")
	}
	return &h, nil
}

// read streams the documents of an import.
func (p packRef) read() ([]ingest.Source, error) {
	f, err := os.Open(p.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	if _, err := r.ReadBytes('\n'); err != nil {
		return nil, fmt.Errorf("%s: %v", p.path, err)
	}
	out := make([]ingest.Source, 0, p.Documents)
	sum := sha256.New()
	for n := 2; ; n++ {
		line, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A line longer than the buffer: read the rest of it.
			rest, err2 := r.ReadBytes('\n')
			line, err = append(append([]byte(nil), line...), rest...), err2
		}
		if len(line) == 0 && err == io.EOF {
			break
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("%s, line %d: %v", p.path, n, err)
		}
		sum.Write(line)
		name, row, ok := bytes.Cut(bytes.TrimSuffix(line, []byte("\n")), []byte("\t"))
		if !ok || len(name) == 0 {
			return nil, fmt.Errorf("%s, line %d: not a document of an import", p.path, n)
		}
		data := make([]byte, 0, len(ingest.RowMarker)+len(row))
		out = append(out, ingest.Source{Name: string(name), Data: append(append(data, ingest.RowMarker...), row...)})
		if err == io.EOF {
			break
		}
	}
	if len(out) != p.Documents || hex.EncodeToString(sum.Sum(nil)) != p.SHA256 {
		return nil, fmt.Errorf("%s: damaged (%d documents, not what its header says): import the file again", p.path, len(out))
	}
	return out, nil
}

// PutImport keeps the documents an import of file (in format) made, in
// the data directory dir, in place of those an earlier import of a file of
// the same name made; false when they are those already kept. Every
// document must be a row of open data (ingest.Row).
func PutImport(dir, file, format string, docs []ingest.Source) (bool, error) {
	d, err := openDisk(dir)
	if err != nil {
		return false, err
	}
	var body bytes.Buffer
	for _, src := range docs {
		row, ok := bytes.CutPrefix(src.Data, []byte(ingest.RowMarker))
		if !ok || strings.ContainsAny(src.Name, "\t\n") || bytes.ContainsRune(row, '\n') {
			return false, fmt.Errorf("import: %s is not a row of open data on one line", src.Name)
		}
		body.WriteString(src.Name)
		body.WriteByte('\t')
		body.Write(row)
		body.WriteByte('\n')
	}
	sum := sha256.Sum256(body.Bytes())
	h := packHeader{File: filepath.Base(file), Format: format, Documents: len(docs), SHA256: hex.EncodeToString(sum[:])}
	path := d.packPath(file)
	if old, err := readPackHeader(path); err == nil && *old == h {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, fmt.Errorf("data directory: %w", err)
	}
	head, err := json.Marshal(h)
	if err != nil {
		return false, err
	}
	data := append(append(head, '\n'), body.Bytes()...)
	sub := &disk{dir: filepath.Dir(path)}
	if err := sub.write(path, data); err != nil {
		return false, fmt.Errorf("data directory: keeping the import: %w", err)
	}
	return true, nil
}

// put writes k durably and returns a function that puts the file back as
// it was before.
func (d *disk) put(k kept) (undo func() error, err error) {
	path := d.fileName(k.ID)
	prev, err := os.ReadFile(path)
	existed := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	data, err := json.Marshal(k)
	if err != nil {
		return nil, err
	}
	if err := d.write(path, data); err != nil {
		return nil, err
	}
	return func() error {
		if existed {
			return d.write(path, prev)
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return syncDir(d.dir)
	}, nil
}

// write replaces the file at path with data: temporary file, fsync, rename,
// fsync of the directory.
func (d *disk) write(path string, data []byte) error {
	f, err := os.CreateTemp(d.dir, tempPrefix)
	if err != nil {
		return err
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(d.dir)
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// idsFile keeps the organisation ids given (ingest.IDs), one JSON line each,
// in the order given. It only grows, but for a write that is taken back.
const idsFile = "ids.log"

// readIDs reads the ids given. A last line cut short (a crash while it was
// written, before the write it belongs to was answered) is left out.
func (d *disk) readIDs() ([]partnergraph.IDAnchor, error) {
	data, err := os.ReadFile(filepath.Join(d.dir, idsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	var out []partnergraph.IDAnchor
	lines := strings.Split(string(data), "\n")
	for i, line := range lines {
		if line == "" {
			continue
		}
		var a partnergraph.IDAnchor
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			if i == len(lines)-1 {
				break // cut short by a crash
			}
			return nil, fmt.Errorf("data directory: %s line %d: %v", idsFile, i+1, err)
		}
		out = append(out, a)
	}
	return out, nil
}

// appendIDs adds ids to the file and syncs it; undo cuts it back.
func (d *disk) appendIDs(ids []partnergraph.IDAnchor) (undo func() error, err error) {
	if len(ids) == 0 {
		return func() error { return nil }, nil
	}
	path := filepath.Join(d.dir, idsFile)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	var last [1]byte
	if size > 0 {
		if _, err := f.ReadAt(last[:], size-1); err != nil {
			return nil, err
		}
	}
	if size > 0 && last[0] != '\n' {
		// A line cut short by a crash is cut off before more are added.
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		{
			size = int64(strings.LastIndexByte(string(data), '\n') + 1)
			if err := f.Truncate(size); err != nil {
				return nil, err
			}
			if _, err := f.Seek(size, io.SeekStart); err != nil {
				return nil, err
			}
		}
	}
	var buf []byte
	for _, a := range ids {
		line, err := json.Marshal(a)
		if err != nil {
			return nil, err
		}
		buf = append(append(buf, line...), '\n')
	}
	if _, err := f.Write(buf); err != nil {
		return nil, err
	}
	if err := f.Sync(); err != nil {
		return nil, err
	}
	if size == 0 {
		if err := syncDir(d.dir); err != nil {
			return nil, err
		}
	}
	return func() error {
		if err := os.Truncate(path, size); err != nil {
			return err
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	}, nil
}
