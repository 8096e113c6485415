package ingest

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// ReadFS reads every sheet (*.txt) below root in fsys, in name order. Hidden
// files and directories are skipped. A file that cannot be read, or is too
// large, is reported as a problem; the rest are returned.
func ReadFS(fsys fs.FS, root string) ([]Source, []Problem, error) {
	files, problems, err := StatFS(fsys, root)
	if err != nil {
		return nil, nil, err
	}
	sources, more := ReadFiles(fsys, files)
	return sources, append(problems, more...), nil
}

// FileStat is a sheet found in a file system, not read yet.
type FileStat struct {
	Path    string // in the file system
	Name    string // relative to the root walked
	Size    int64
	ModTime time.Time
}

// StatFS finds the sheets ReadFS would read, in name order, with their
// sizes and modification times. A file too large is reported as a problem.
func StatFS(fsys fs.FS, root string) ([]FileStat, []Problem, error) {
	var files []FileStat
	var problems []Problem
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			problems = append(problems, Problem{p, err.Error()})
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") && p != root {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(name), ".txt") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			problems = append(problems, Problem{p, err.Error()})
			return nil
		}
		if info.Size() > MaxDocumentSize {
			problems = append(problems, Problem{p, fmt.Sprintf("document is %d bytes, more than the %d allowed", info.Size(), MaxDocumentSize)})
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
		if rel == "" {
			rel = name
		}
		files = append(files, FileStat{Path: p, Name: rel, Size: info.Size(), ModTime: info.ModTime()})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, problems, nil
}

// ReadFiles reads the files, in their order, with several workers: a file
// costs a few system calls, which overlap well even on few cores. A file
// that cannot be read, or has grown too large, is reported as a problem.
func ReadFiles(fsys fs.FS, files []FileStat) ([]Source, []Problem) {
	problems := make([]string, len(files))
	data := make([][]byte, len(files))
	parallelN(8, len(files), func(i int) {
		b, err := fs.ReadFile(fsys, files[i].Path)
		switch {
		case err != nil:
			problems[i] = err.Error()
		case len(b) > MaxDocumentSize:
			problems[i] = fmt.Sprintf("document is %d bytes, more than the %d allowed", len(b), MaxDocumentSize)
		default:
			data[i] = b
		}
	})
	var out []Source
	var bad []Problem
	for i, f := range files {
		if problems[i] != "" {
			bad = append(bad, Problem{f.Path, problems[i]})
			continue
		}
		out = append(out, Source{Name: f.Name, Data: data[i]})
	}
	return out, bad
}
