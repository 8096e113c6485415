package ingest

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// ReadFS reads every sheet (*.txt) below root in fsys, in name order. Hidden
// files and directories are skipped. A file that cannot be read, or is too
// large, is reported as a problem; the rest are returned.
func ReadFS(fsys fs.FS, root string) ([]Source, []Problem, error) {
	var sources []Source
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
		if info, err := d.Info(); err == nil && info.Size() > MaxDocumentSize {
			problems = append(problems, Problem{p, fmt.Sprintf("document is %d bytes, more than the %d allowed", info.Size(), MaxDocumentSize)})
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			problems = append(problems, Problem{p, err.Error()})
			return nil
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
		if rel == "" {
			rel = name
		}
		sources = append(sources, Source{Name: rel, Data: data})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Slice(sources, func(i, j int) bool { return sources[i].Name < sources[j].Name })
	return sources, problems, nil
}
