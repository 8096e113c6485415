// Command cypherdump prints every Cypher statement of neo4jstore, with its
// sample parameters and the graph model, as JSON for scripts/lint-cypher.mjs.
package main

import (
	"encoding/json"
	"os"

	"github.com/partnergraph/partnergraph/neo4jstore"
)

func main() {
	type stmt struct {
		Name   string         `json:"name"`
		Cypher string         `json:"cypher"`
		Params map[string]any `json:"params"`
	}
	out := struct {
		Labels            []string `json:"labels"`
		RelationshipTypes []string `json:"relationshipTypes"`
		PropertyKeys      []string `json:"propertyKeys"`
		Statements        []stmt   `json:"statements"`
	}{neo4jstore.Labels, neo4jstore.RelationshipTypes, neo4jstore.PropertyKeys, nil}
	all := neo4jstore.Statements()
	for _, name := range neo4jstore.StatementNames() {
		out.Statements = append(out.Statements, stmt{name, all[name].Cypher, all[name].Params})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		os.Exit(1)
	}
}
