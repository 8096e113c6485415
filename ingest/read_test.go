package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// ReadFS finds the sheets below a root in name order, skips hidden files
// and other extensions, and reports files too large or gone by the time
// they are read.
func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"b.txt":             {Data: []byte("B"), ModTime: time.Unix(1, 0)},
		"a.TXT":             {Data: []byte("A")},
		"sub/c.txt":         {Data: []byte("C")},
		".hidden.txt":       {Data: []byte("H")},
		".git/d.txt":        {Data: []byte("D")},
		"notes.md":          {Data: []byte("M")},
		"huge.txt":          {Data: []byte(strings.Repeat("x", MaxDocumentSize+1))},
		"sub/deeper/e.txt":  {Data: []byte("E")},
		"sub/deeper/f.json": {Data: []byte("{}")},
	}
	srcs, problems, err := ReadFS(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range srcs {
		names = append(names, s.Name+"="+string(s.Data))
	}
	if want := []string{"a.TXT=A", "b.txt=B", "sub/c.txt=C", "sub/deeper/e.txt=E"}; !reflect.DeepEqual(names, want) {
		t.Errorf("read %v, want %v", names, want)
	}
	if len(problems) != 1 || problems[0].Document != "huge.txt" || !strings.Contains(problems[0].Reason, "more than") {
		t.Errorf("problems %v, want huge.txt too large", problems)
	}
	files, _, _ := StatFS(fsys, ".")
	if files[1].Name != "b.txt" || files[1].Size != 1 || !files[1].ModTime.Equal(time.Unix(1, 0)) {
		t.Errorf("stat of b.txt: %+v", files[1])
	}

	// A file gone between listing and reading is a problem; the rest load.
	dir := t.TempDir()
	for _, n := range []string{"x.txt", "y.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, _, err = StatFS(os.DirFS(dir), ".")
	if err != nil || len(files) != 2 {
		t.Fatal(err, files)
	}
	os.Remove(filepath.Join(dir, "x.txt"))
	srcs, problems = ReadFiles(os.DirFS(dir), files)
	if len(srcs) != 1 || srcs[0].Name != "y.txt" || len(problems) != 1 || problems[0].Document != "x.txt" {
		t.Errorf("after a file went: %v, problems %v", srcs, problems)
	}
}
