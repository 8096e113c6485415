// Package netexport writes a network in the formats researchers analyse
// networks with: GEXF 1.3 (Gephi; the periods as spells, so Gephi's
// timeline plays them), GraphML, and CSV node and edge lists. It is pure:
// a Graph in, bytes out.
package netexport

import (
	"archive/zip"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Node is a node of the network with its flat properties.
type Node struct {
	ID, Kind, Label string
	Attrs           map[string]any
}

// Edge is an edge of the network with its flat properties.
type Edge struct {
	ID, Source, Target, Kind string
	Attrs                    map[string]any
}

// Graph is a directed network. A node's activeFrom and activeTo
// properties (YYYY-MM-DD), when it has them, are when it was active.
type Graph struct {
	Nodes []Node
	Edges []Edge
	// Description says what the network is (the query that made it).
	Description string
}

// Span is when a node or edge was active, YYYY-MM-DD, both days counted.
type Span struct{ From, To string }

// Spells returns when each node and edge was active: a node with
// activeFrom and activeTo its own span; an edge the span of its end that
// has one (a project); a node without its own span the union of its edges'
// spans, unless it has an edge to a project whose span is unknown. Edges
// between two nodes without spans (an organisation and its country) do
// not count. Elements not in the maps are active at all times.
func (g *Graph) Spells() (nodes, edges map[string][]Span) {
	own := map[string]Span{}
	kind := map[string]string{}
	for _, n := range g.Nodes {
		kind[n.ID] = n.Kind
		from, _ := n.Attrs["activeFrom"].(string)
		to, _ := n.Attrs["activeTo"].(string)
		if from != "" && to != "" {
			own[n.ID] = Span{from, to}
		}
	}
	nodes, edges = map[string][]Span{}, map[string][]Span{}
	incident := map[string][]Span{}
	timeless := map[string]bool{}
	for _, e := range g.Edges {
		s, ok := own[e.Source]
		if !ok {
			s, ok = own[e.Target]
		}
		for _, end := range []string{e.Source, e.Target} {
			switch {
			case ok:
				incident[end] = append(incident[end], s)
			case kind[e.Source] == "PROJECT" || kind[e.Target] == "PROJECT":
				timeless[end] = true
			}
		}
		if ok {
			edges[e.ID] = []Span{s}
		}
	}
	for _, n := range g.Nodes {
		if s, ok := own[n.ID]; ok {
			nodes[n.ID] = []Span{s}
		} else if len(incident[n.ID]) > 0 && !timeless[n.ID] {
			nodes[n.ID] = union(incident[n.ID])
		}
	}
	return nodes, edges
}

// union merges overlapping or touching spans.
func union(spans []Span) []Span {
	s := append([]Span(nil), spans...)
	sort.Slice(s, func(i, j int) bool { return s[i].From < s[j].From })
	out := []Span{s[0]}
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.From <= last.To || x.From == nextDay(last.To) {
			if x.To > last.To {
				last.To = x.To
			}
			continue
		}
		out = append(out, x)
	}
	return out
}

// nextDay of YYYY-12-31 is the next year's first; other days are left as
// they are (touching at a year's end is what funding periods do).
func nextDay(day string) string {
	if strings.HasSuffix(day, "-12-31") {
		if y, err := strconv.Atoi(day[:4]); err == nil {
			return fmt.Sprintf("%04d-01-01", y+1)
		}
	}
	return ""
}

// attribute is one property column: its name and type.
type attribute struct {
	Name, Type string // type: string, long, double, boolean
}

// columns lists the properties of the nodes (or edges), sorted by name,
// each with one type: whole and fractional numbers make a double; other
// disagreements a string.
func columns(attrs []map[string]any) []attribute {
	types := map[string]string{}
	for _, a := range attrs {
		for k, v := range a {
			t := typeOf(v)
			if old, ok := types[k]; ok && old != t {
				if (old == "long" || old == "double") && (t == "long" || t == "double") {
					t = "double"
				} else {
					t = "string"
				}
			}
			types[k] = t
		}
	}
	out := make([]attribute, 0, len(types))
	for k, t := range types {
		out = append(out, attribute{k, t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func typeOf(v any) string {
	switch x := v.(type) {
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "long"
		}
		return "double"
	case int, int64, int32:
		return "long"
	case float64, float32:
		return "double"
	case bool:
		return "boolean"
	}
	return "string"
}

// text writes a property's value; a list is joined with "; ".
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = text(p)
		}
		return strings.Join(parts, "; ")
	case []string:
		return strings.Join(x, "; ")
	}
	return fmt.Sprint(v)
}

func nodeAttrs(g *Graph) []map[string]any {
	out := make([]map[string]any, len(g.Nodes))
	for i, n := range g.Nodes {
		out[i] = n.Attrs
	}
	return out
}

func edgeAttrs(g *Graph) []map[string]any {
	out := make([]map[string]any, len(g.Edges))
	for i, e := range g.Edges {
		out[i] = e.Attrs
	}
	return out
}

// WriteGEXF writes the graph as GEXF 1.3: a directed, dynamic graph whose
// nodes and edges carry their properties as attributes (kind first) and
// when they were active as spells (Spells).
func WriteGEXF(w io.Writer, g *Graph) error {
	type attvalue struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
	type spell struct {
		Start string `xml:"start,attr"`
		End   string `xml:"end,attr"`
	}
	type element struct {
		XMLName xml.Name
		ID      string     `xml:"id,attr"`
		Label   string     `xml:"label,attr,omitempty"`
		Source  string     `xml:"source,attr,omitempty"`
		Target  string     `xml:"target,attr,omitempty"`
		Values  []attvalue `xml:"attvalues>attvalue,omitempty"`
		Spells  []spell    `xml:"spells>spell,omitempty"`
	}
	type attrDecl struct {
		ID    string `xml:"id,attr"`
		Title string `xml:"title,attr"`
		Type  string `xml:"type,attr"`
	}
	type attrs struct {
		Class string     `xml:"class,attr"`
		Attrs []attrDecl `xml:"attribute"`
	}
	nodeSpells, edgeSpells := g.Spells()
	decls := func(class string, cols []attribute) attrs {
		a := attrs{Class: class, Attrs: []attrDecl{{ID: "kind", Title: "kind", Type: "string"}}}
		for _, c := range cols {
			if c.Name != "kind" {
				a.Attrs = append(a.Attrs, attrDecl{ID: c.Name, Title: c.Name, Type: c.Type})
			}
		}
		return a
	}
	values := func(kind string, m map[string]any, cols []attribute) []attvalue {
		out := []attvalue{{"kind", kind}}
		for _, c := range cols {
			if v, ok := m[c.Name]; ok && c.Name != "kind" {
				out = append(out, attvalue{c.Name, text(v)})
			}
		}
		return out
	}
	spells := func(s []Span) []spell {
		if len(s) == 0 {
			return nil
		}
		out := make([]spell, len(s))
		for i, x := range s {
			out[i] = spell{x.From, x.To}
		}
		return out
	}
	ncols, ecols := columns(nodeAttrs(g)), columns(edgeAttrs(g))
	var doc struct {
		XMLName        xml.Name `xml:"gexf"`
		XMLNS          string   `xml:"xmlns,attr"`
		XSI            string   `xml:"xmlns:xsi,attr"`
		SchemaLocation string   `xml:"xsi:schemaLocation,attr"`
		Version        string   `xml:"version,attr"`
		Meta           struct {
			Creator     string `xml:"creator"`
			Description string `xml:"description,omitempty"`
		} `xml:"meta"`
		Graph struct {
			DefaultEdgeType string    `xml:"defaultedgetype,attr"`
			Mode            string    `xml:"mode,attr"`
			TimeFormat      string    `xml:"timeformat,attr"`
			TimeRepr        string    `xml:"timerepresentation,attr"`
			Attributes      []attrs   `xml:"attributes"`
			Nodes           []element `xml:"nodes>node"`
			Edges           []element `xml:"edges>edge"`
		} `xml:"graph"`
	}
	doc.XMLNS, doc.XSI = "http://gexf.net/1.3", "http://www.w3.org/2001/XMLSchema-instance"
	doc.SchemaLocation, doc.Version = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "1.3"
	doc.Meta.Creator, doc.Meta.Description = "Partnergraph", g.Description
	gr := &doc.Graph
	gr.DefaultEdgeType, gr.Mode, gr.TimeFormat, gr.TimeRepr = "directed", "dynamic", "date", "interval"
	gr.Attributes = []attrs{decls("node", ncols), decls("edge", ecols)}
	gr.Nodes = make([]element, 0, len(g.Nodes))
	for _, n := range g.Nodes {
		gr.Nodes = append(gr.Nodes, element{XMLName: xml.Name{Local: "node"}, ID: n.ID, Label: n.Label, Values: values(n.Kind, n.Attrs, ncols), Spells: spells(nodeSpells[n.ID])})
	}
	gr.Edges = make([]element, 0, len(g.Edges))
	for _, e := range g.Edges {
		gr.Edges = append(gr.Edges, element{XMLName: xml.Name{Local: "edge"}, ID: e.ID, Label: e.Kind, Source: e.Source, Target: e.Target,
			Values: values(e.Kind, e.Attrs, ecols), Spells: spells(edgeSpells[e.ID])})
	}
	return writeXML(w, doc)
}

// WriteGraphML writes the graph as GraphML: a directed graph whose nodes
// and edges carry kind, label and their properties as data keys.
func WriteGraphML(w io.Writer, g *Graph) error {
	type data struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	type element struct {
		XMLName xml.Name
		ID      string `xml:"id,attr"`
		Source  string `xml:"source,attr,omitempty"`
		Target  string `xml:"target,attr,omitempty"`
		Data    []data `xml:"data"`
	}
	type key struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	}
	graphmlType := map[string]string{"string": "string", "long": "long", "double": "double", "boolean": "boolean"}
	var keys []key
	declare := func(class string, cols []attribute) []attribute {
		all := append([]attribute{{"kind", "string"}, {"label", "string"}}, cols...)
		var out []attribute
		seen := map[string]bool{}
		for _, c := range all {
			if !seen[c.Name] {
				seen[c.Name] = true
				out = append(out, c)
				keys = append(keys, key{ID: class[:1] + "_" + c.Name, For: class, Name: c.Name, Type: graphmlType[c.Type]})
			}
		}
		return out
	}
	ncols := declare("node", columns(nodeAttrs(g)))
	ecols := declare("edge", columns(edgeAttrs(g)))
	datas := func(class, kind, label string, m map[string]any, cols []attribute) []data {
		var out []data
		for _, c := range cols {
			v, ok := m[c.Name]
			switch c.Name {
			case "kind":
				v, ok = kind, true
			case "label":
				v, ok = label, label != ""
			}
			if ok {
				out = append(out, data{class[:1] + "_" + c.Name, text(v)})
			}
		}
		return out
	}
	var doc struct {
		XMLName        xml.Name `xml:"graphml"`
		XMLNS          string   `xml:"xmlns,attr"`
		XSI            string   `xml:"xmlns:xsi,attr"`
		SchemaLocation string   `xml:"xsi:schemaLocation,attr"`
		Keys           []key    `xml:"key"`
		Graph          struct {
			ID          string    `xml:"id,attr"`
			EdgeDefault string    `xml:"edgedefault,attr"`
			Desc        string    `xml:"desc,omitempty"`
			Nodes       []element `xml:"node"`
			Edges       []element `xml:"edge"`
		} `xml:"graph"`
	}
	doc.XMLNS, doc.XSI = "http://graphml.graphdrawing.org/xmlns", "http://www.w3.org/2001/XMLSchema-instance"
	doc.SchemaLocation = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
	doc.Keys = keys
	doc.Graph.ID, doc.Graph.EdgeDefault, doc.Graph.Desc = "partnergraph", "directed", g.Description
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, element{XMLName: xml.Name{Local: "node"}, ID: n.ID, Data: datas("node", n.Kind, n.Label, n.Attrs, ncols)})
	}
	for _, e := range g.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, element{XMLName: xml.Name{Local: "edge"}, ID: e.ID, Source: e.Source, Target: e.Target,
			Data: datas("edge", e.Kind, "", e.Attrs, ecols)})
	}
	return writeXML(w, doc)
}

// writeXML writes a document with its XML header, indented.
func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// WriteNodesCSV writes one line a node: id, kind, label, then its
// properties in name order; a header line first.
func WriteNodesCSV(w io.Writer, g *Graph) error {
	cols := columns(nodeAttrs(g))
	rows := make([][]string, 0, len(g.Nodes))
	for _, n := range g.Nodes {
		rows = append(rows, append([]string{n.ID, n.Kind, n.Label}, cells(n.Attrs, cols)...))
	}
	return writeCSV(w, append([]string{"id", "kind", "label"}, names(cols)...), rows)
}

// WriteEdgesCSV writes one line an edge: id, source, target, kind, then its
// properties and, when its project's span is known, activeFrom and
// activeTo; a header line first.
func WriteEdgesCSV(w io.Writer, g *Graph) error {
	_, spells := g.Spells()
	cols := columns(edgeAttrs(g))
	rows := make([][]string, 0, len(g.Edges))
	for _, e := range g.Edges {
		row := append([]string{e.ID, e.Source, e.Target, e.Kind}, cells(e.Attrs, cols)...)
		var from, to string
		if s := spells[e.ID]; len(s) > 0 {
			from, to = s[0].From, s[0].To
		}
		rows = append(rows, append(row, from, to))
	}
	return writeCSV(w, append(append([]string{"id", "source", "target", "kind"}, names(cols)...), "activeFrom", "activeTo"), rows)
}

// WriteCSVZip writes nodes.csv and edges.csv in one zip.
func WriteCSVZip(w io.Writer, g *Graph) error {
	z := zip.NewWriter(w)
	for _, f := range []struct {
		name  string
		write func(io.Writer, *Graph) error
	}{{"nodes.csv", WriteNodesCSV}, {"edges.csv", WriteEdgesCSV}} {
		part, err := z.Create(f.name)
		if err != nil {
			return err
		}
		if err := f.write(part, g); err != nil {
			return err
		}
	}
	return z.Close()
}

func names(cols []attribute) []string {
	out := make([]string, 0, len(cols))
	for _, c := range cols {
		if c.Name != "kind" && c.Name != "label" && c.Name != "id" {
			out = append(out, c.Name)
		}
	}
	return out
}

func cells(m map[string]any, cols []attribute) []string {
	out := make([]string, 0, len(cols))
	for _, c := range cols {
		if c.Name != "kind" && c.Name != "label" && c.Name != "id" {
			out = append(out, text(m[c.Name]))
		}
	}
	return out
}

func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}
