package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Title\n\nProject facts\n\nProject promoter:\nX (ABC)\nTarget groups\n,\n"))
	f.Add([]byte("A\nCode number: 2018-1-EL01-KA204-047884\nStarting date: 31/02/2020\n"))
}

// FuzzParse: any bytes either parse into a sheet whose sections are the
// document's own bytes, or fail with a ParseError; nothing panics.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.txt", data)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, sec := range s.Sections {
			if sec.Start < 0 || sec.End > len(s.Text) || sec.Start > sec.End || s.Text[sec.Start:sec.End] != sec.Text {
				t.Fatalf("section %s has offsets %d:%d outside the text", sec.Name, sec.Start, sec.End)
			}
		}
	})
}

// FuzzExtract: extraction and resolution of any parsable sheet keep their
// evidence inside the document and do not panic.
func FuzzExtract(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.txt", data)
		if err != nil {
			return
		}
		rec := Extract(s)
		for _, sn := range rec.Sentences {
			if s.Text[sn.Start:sn.End] != sn.Text {
				t.Fatalf("sentence offsets %d:%d do not hold %q", sn.Start, sn.End, sn.Text)
			}
		}
		g := Resolve([]*Record{rec}, fuzzGazetteer)
		for _, p := range g.Projects {
			for _, ps := range p.Partners {
				for _, ev := range ps.Evidence {
					if ev.End > len(s.Text) || ev.Start > ev.End {
						t.Fatalf("evidence %d:%d outside the document", ev.Start, ev.End)
					}
				}
			}
		}
		for _, o := range g.Organisations {
			if strings.TrimSpace(o.Name) == "" || !utf8.ValidString(o.Name) {
				t.Fatalf("organisation without a name: %+v", o)
			}
		}
	})
}

var fuzzGazetteer = Gazetteer()
