package partnergraph

// The GraphQL layer in graph/ is generated from schema.graphqls by gqlgen
// (a tool dependency in go.mod). Run `go generate ./...` after changing the
// schema or gqlgen.yml.
//go:generate go run ./graph/generate
