package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/netexport"
)

// exportQuery is the network query an export runs: the export answers what
// `network` answers, through the same endpoint, limits and keys.
const exportQuery = `query Export($seeds: [ID!]!, $depth: Int, $limit: Int, $edgeKinds: [EdgeKind!], $nodeKinds: [NodeKind!], $throughHubs: Boolean, $sources: [Source!], $period: PeriodInput) {
  network(seeds: $seeds, depth: $depth, limit: $limit, edgeKinds: $edgeKinds, nodeKinds: $nodeKinds, throughHubs: $throughHubs, sources: $sources, period: $period) {
    truncated
    nodes { id kind label properties }
    edges { id source target kind properties }
  }
}`

// exportFormats are the files /export/ serves.
var exportFormats = map[string]struct {
	contentType string
	write       func(w *bytes.Buffer, g *netexport.Graph, part string) error
}{
	"network.gexf":    {"application/gexf+xml", func(w *bytes.Buffer, g *netexport.Graph, _ string) error { return netexport.WriteGEXF(w, g) }},
	"network.graphml": {"application/graphml+xml", func(w *bytes.Buffer, g *netexport.Graph, _ string) error { return netexport.WriteGraphML(w, g) }},
	"network.csv": {"", func(w *bytes.Buffer, g *netexport.Graph, part string) error {
		switch part {
		case "nodes":
			return netexport.WriteNodesCSV(w, g)
		case "edges":
			return netexport.WriteEdgesCSV(w, g)
		}
		return netexport.WriteCSVZip(w, g)
	}},
}

// exportHandler serves GET /export/network.gexf, .graphml and .csv: the
// network `network` answers for the same arguments, as query parameters
// (seeds repeated or comma-separated, depth, limit, edgeKinds, nodeKinds,
// throughHubs, sources, period as `2009-2014`, `2012..2016`, `2012..` or
// `..2016`). CSV is a zip of nodes.csv and edges.csv, or one of them with
// part=nodes or part=edges. It runs the query through gql, so keys,
// limits, admission and errors are those of /graphql.
func exportHandler(gql http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		file := r.PathValue("file")
		format, ok := exportFormats[file]
		if !ok {
			exportError(w, http.StatusNotFound, partnergraph.Errorf(partnergraph.ENOTFOUND, "no export %q: ask for network.gexf, network.graphml or network.csv", file))
			return
		}
		q := r.URL.Query()
		part := q.Get("part")
		if part != "" && (file != "network.csv" || (part != "nodes" && part != "edges")) {
			exportError(w, http.StatusBadRequest, partnergraph.Errorf(partnergraph.EINVALID, "part is nodes or edges, and only for network.csv"))
			return
		}
		vars, err := exportVariables(q)
		if err != nil {
			exportError(w, http.StatusBadRequest, err)
			return
		}
		body, _ := json.Marshal(map[string]any{"query": exportQuery, "operationName": "Export", "variables": vars})
		inner, err := http.NewRequestWithContext(r.Context(), http.MethodPost, "/graphql", bytes.NewReader(body))
		if err != nil {
			exportError(w, http.StatusInternalServerError, partnergraph.Errorf(partnergraph.EINTERNAL, "export: %v", err))
			return
		}
		inner.Header.Set("Content-Type", "application/json")
		inner.Header.Set("Accept", "application/json")
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		gql.ServeHTTP(rec, inner)
		var res struct {
			Data *struct {
				Network *struct {
					Truncated bool
					Nodes     []struct {
						ID, Kind, Label string
						Properties      map[string]any
					}
					Edges []struct {
						ID, Source, Target, Kind string
						Properties               map[string]any
					}
				}
			}
			Errors []struct {
				Extensions struct{ Code string }
			}
		}
		dec := json.NewDecoder(bytes.NewReader(rec.body.Bytes()))
		dec.UseNumber()
		if err := dec.Decode(&res); err != nil || len(res.Errors) > 0 || res.Data == nil || res.Data.Network == nil {
			// The GraphQL answer says what went wrong, with its code.
			status := rec.status
			if status == 0 || status == http.StatusOK {
				status = http.StatusInternalServerError
				if len(res.Errors) > 0 {
					status = statusOf(res.Errors[0].Extensions.Code)
				}
			}
			for k, v := range rec.header {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			w.Write(rec.body.Bytes())
			return
		}
		n := res.Data.Network
		g := &netexport.Graph{Description: "Partnergraph network: " + r.URL.RawQuery}
		for _, x := range n.Nodes {
			g.Nodes = append(g.Nodes, netexport.Node{ID: x.ID, Kind: x.Kind, Label: x.Label, Attrs: x.Properties})
		}
		for _, x := range n.Edges {
			g.Edges = append(g.Edges, netexport.Edge{ID: x.ID, Source: x.Source, Target: x.Target, Kind: x.Kind, Attrs: x.Properties})
		}
		var out bytes.Buffer
		if err := format.write(&out, g, part); err != nil {
			exportError(w, http.StatusInternalServerError, partnergraph.Errorf(partnergraph.EINTERNAL, "export: %v", err))
			return
		}
		name, contentType := file, format.contentType
		switch {
		case file != "network.csv":
		case part == "":
			name, contentType = "network.zip", "application/zip"
		default:
			name, contentType = part+".csv", "text/csv; charset=utf-8"
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
		w.Header().Set("X-Partnergraph-Nodes", strconv.Itoa(len(g.Nodes)))
		w.Header().Set("X-Partnergraph-Edges", strconv.Itoa(len(g.Edges)))
		w.Header().Set("X-Partnergraph-Truncated", strconv.FormatBool(n.Truncated))
		w.Write(out.Bytes())
	})
}

// exportVariables reads network's arguments from the query parameters.
func exportVariables(q url.Values) (map[string]any, error) {
	list := func(name string) []string {
		var out []string
		for _, v := range q[name] {
			for _, s := range strings.Split(v, ",") {
				if s = strings.TrimSpace(s); s != "" {
					out = append(out, s)
				}
			}
		}
		return out
	}
	known := map[string]bool{"seeds": true, "depth": true, "limit": true, "edgeKinds": true, "nodeKinds": true, "throughHubs": true, "sources": true, "period": true, "part": true}
	for k := range q {
		if !known[k] {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "unknown parameter %q: an export takes seeds, depth, limit, edgeKinds, nodeKinds, throughHubs, sources, period and, for CSV, part", k)
		}
	}
	vars := map[string]any{"seeds": list("seeds")}
	if len(list("seeds")) == 0 {
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "give at least one seed: ?seeds=org:krus")
	}
	for _, name := range []string{"depth", "limit"} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, partnergraph.Errorf(partnergraph.EINVALID, "%s must be a whole number, got %q", name, v)
			}
			vars[name] = n
		}
	}
	for _, name := range []string{"edgeKinds", "nodeKinds", "sources"} {
		if l := list(name); len(l) > 0 {
			for i := range l {
				l[i] = strings.ToUpper(l[i])
			}
			vars[name] = l
		}
	}
	if v := q.Get("throughHubs"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "throughHubs must be true or false, got %q", v)
		}
		vars["throughHubs"] = b
	}
	if v := strings.TrimSpace(q.Get("period")); v != "" {
		from, to, ranged := strings.Cut(v, "..")
		if !ranged {
			to = from
		}
		period := map[string]any{}
		if from = strings.TrimSpace(from); from != "" {
			period["from"] = from
		}
		if to = strings.TrimSpace(to); to != "" {
			period["to"] = to
		}
		vars["period"] = period
	}
	return vars, nil
}

// statusOf is the HTTP status of an error code.
func statusOf(code string) int {
	switch code {
	case partnergraph.EINVALID:
		return http.StatusBadRequest
	case partnergraph.ENOTFOUND:
		return http.StatusNotFound
	case partnergraph.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case partnergraph.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case partnergraph.EINTERNAL, "":
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest // the query's own: a complexity or validation limit

}

func exportError(w http.ResponseWriter, status int, err error) {
	writeError(w, status, partnergraph.ErrorCode(err), partnergraph.ErrorMessage(err))
}
