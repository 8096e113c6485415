package netexport

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"
)

func sample() *Graph {
	return &Graph{
		Nodes: []Node{
			{ID: "org:krus", Kind: "ORGANISATION", Label: "KRUS", Attrs: map[string]any{"name": "KRUS, the academy", "country": "NO"}},
			{ID: "project:a", Kind: "PROJECT", Label: "A", Attrs: map[string]any{"activeFrom": "2009-01-01", "activeTo": "2013-12-31", "grant": json.Number("800")}},
			{ID: "project:b", Kind: "PROJECT", Label: "B", Attrs: map[string]any{"activeFrom": "2014-01-01", "activeTo": "2016-06-30", "grant": json.Number("1.5")}},
			{ID: "project:c", Kind: "PROJECT", Label: "C", Attrs: map[string]any{"activeFrom": "2019-01-01", "activeTo": "2020-12-31"}},
			{ID: "project:undated", Kind: "PROJECT", Label: "U", Attrs: map[string]any{}},
			{ID: "org:x", Kind: "ORGANISATION", Label: "X", Attrs: map[string]any{"sources": []any{"PAGE", "EEA_GRANTS"}}},
			{ID: "country:NO", Kind: "COUNTRY", Label: "Norway", Attrs: map[string]any{}},
		},
		Edges: []Edge{
			{ID: "PARTNER:project:a->org:krus", Source: "project:a", Target: "org:krus", Kind: "PARTNER", Attrs: map[string]any{"role": "DONOR_PROJECT_PARTNER"}},
			{ID: "PARTNER:project:b->org:krus", Source: "project:b", Target: "org:krus", Kind: "PARTNER", Attrs: map[string]any{"role": "PROJECT_PARTNER"}},
			{ID: "PARTNER:project:c->org:krus", Source: "project:c", Target: "org:krus", Kind: "PARTNER", Attrs: map[string]any{}},
			{ID: "BASED_IN:org:krus->country:NO", Source: "org:krus", Target: "country:NO", Kind: "BASED_IN", Attrs: map[string]any{}},
			{ID: "PARTNER:project:c->org:x", Source: "project:c", Target: "org:x", Kind: "PARTNER", Attrs: map[string]any{}},
			{ID: "PARTNER:project:undated->org:x", Source: "project:undated", Target: "org:x", Kind: "PARTNER", Attrs: map[string]any{}},
		},
	}
}

func TestSpells(t *testing.T) {
	nodes, edges := sample().Spells()
	want := map[string][]Span{
		"project:a": {{"2009-01-01", "2013-12-31"}},
		"project:b": {{"2014-01-01", "2016-06-30"}},
		"project:c": {{"2019-01-01", "2020-12-31"}},
		// a and b touch at the year's end and are one spell; c is apart.
		// Its country edge has no span and does not count.
		"org:krus": {{"2009-01-01", "2016-06-30"}, {"2019-01-01", "2020-12-31"}},
		// org:x has a project whose span is unknown: always there.
	}
	if !reflect.DeepEqual(nodes, want) {
		t.Errorf("node spells %v, want %v", nodes, want)
	}
	if got := edges["PARTNER:project:b->org:krus"]; !reflect.DeepEqual(got, []Span{{"2014-01-01", "2016-06-30"}}) {
		t.Errorf("edge spell %v", got)
	}
	if _, ok := edges["BASED_IN:org:krus->country:NO"]; ok {
		t.Error("an edge without a project has a spell")
	}
}

func TestGEXF(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGEXF(&b, sample()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version string `xml:"version,attr"`
		Graph   struct {
			Mode  string `xml:"mode,attr"`
			Attrs []struct {
				Class string `xml:"class,attr"`
				Attrs []struct {
					ID   string `xml:"id,attr"`
					Type string `xml:"type,attr"`
				} `xml:"attribute"`
			} `xml:"attributes"`
			Nodes []struct {
				ID     string `xml:"id,attr"`
				Spells []struct {
					Start string `xml:"start,attr"`
				} `xml:"spells>spell"`
			} `xml:"nodes>node"`
			Edges []struct {
				ID string `xml:"id,attr"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "1.3" || doc.Graph.Mode != "dynamic" || len(doc.Graph.Nodes) != 7 || len(doc.Graph.Edges) != 6 {
		t.Fatalf("version %s, mode %s, %d nodes, %d edges", doc.Version, doc.Graph.Mode, len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	types := map[string]string{}
	for _, a := range doc.Graph.Attrs[0].Attrs {
		types[a.ID] = a.Type
	}
	// grant has a whole and a fractional value: a double.
	if types["grant"] != "double" || types["kind"] != "string" || types["country"] != "string" {
		t.Errorf("node attribute types %v", types)
	}
	if len(doc.Graph.Nodes[0].Spells) != 2 || len(doc.Graph.Nodes[5].Spells) != 0 {
		t.Errorf("spells of KRUS %v and X %v", doc.Graph.Nodes[0].Spells, doc.Graph.Nodes[5].Spells)
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSVZip(&b, sample()); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		body, _ := io.ReadAll(r)
		files[f.Name] = string(body)
	}
	nodes := strings.Split(strings.TrimSpace(files["nodes.csv"]), "\n")
	if nodes[0] != "id,kind,label,activeFrom,activeTo,country,grant,name,sources" || len(nodes) != 8 {
		t.Errorf("nodes.csv:\n%s", files["nodes.csv"])
	}
	if nodes[1] != `org:krus,ORGANISATION,KRUS,,,NO,,"KRUS, the academy",` || nodes[6] != "org:x,ORGANISATION,X,,,,,,PAGE; EEA_GRANTS" {
		t.Errorf("nodes.csv rows:\n%s", files["nodes.csv"])
	}
	edges := strings.Split(strings.TrimSpace(files["edges.csv"]), "\n")
	if edges[0] != "id,source,target,kind,role,activeFrom,activeTo" || edges[2] != "PARTNER:project:b->org:krus,project:b,org:krus,PARTNER,PROJECT_PARTNER,2014-01-01,2016-06-30" {
		t.Errorf("edges.csv:\n%s", files["edges.csv"])
	}
}

func TestGraphML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGraphML(&b, sample()); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{`<key id="n_kind" for="node" attr.name="kind" attr.type="string"></key>`, `<key id="n_grant" for="node" attr.name="grant" attr.type="double"></key>`,
		`<graph id="partnergraph" edgedefault="directed">`, `<data key="n_label">KRUS</data>`, `<edge id="PARTNER:project:a-&gt;org:krus" source="project:a" target="org:krus">`} {
		if !strings.Contains(s, want) {
			t.Errorf("GraphML lacks %s\n%s", want, s)
		}
	}
}
