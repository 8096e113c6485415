package graph

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// strictStrings refuses a number given where a String is expected: gqlgen
// reads JSON numbers as json.Number, which the variables' validation takes
// for a string, so {"s": 42} passed for a String! (GraphQL's input coercion
// accepts only strings for String).
type strictStrings struct{ schema *ast.Schema }

func (*strictStrings) ExtensionName() string { return "PartnergraphStrictStrings" }

func (s *strictStrings) Validate(es graphql.ExecutableSchema) error {
	s.schema = es.Schema()
	return nil
}

func (s *strictStrings) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	for _, def := range oc.Operation.VariableDefinitions {
		v, ok := oc.Variables[def.Variable]
		if !ok {
			continue
		}
		if path := s.number(def.Type, v, "$"+def.Variable); path != "" {
			err := gqlerror.Errorf("variable %s is a number; the type String takes a string: write it in quotes", path)
			err.Extensions = map[string]any{"code": "GRAPHQL_VALIDATION_FAILED"}
			return err
		}
	}
	return nil
}

// number returns the path of a number given where t takes a String, or "".
func (s *strictStrings) number(t *ast.Type, v any, path string) string {
	if v == nil || t == nil {
		return ""
	}
	if t.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return s.number(t.Elem, v, path) // a single value for a list
		}
		for i, x := range list {
			if p := s.number(t.Elem, x, fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
		return ""
	}
	switch t.NamedType {
	case "String":
		if _, ok := v.(json.Number); ok {
			return path
		}
		return ""
	}
	def := s.schema.Types[t.NamedType]
	obj, ok := v.(map[string]any)
	if def == nil || def.Kind != ast.InputObject || !ok {
		return ""
	}
	for _, f := range def.Fields {
		if p := s.number(f.Type, obj[f.Name], path+"."+f.Name); p != "" {
			return p
		}
	}
	return ""
}
