// Command generate runs gqlgen (gqlgen.yml) with one plugin: objects other
// than the root types resolve their fields one after the other instead of
// each resolver field in a goroutine of its own. Their resolvers are
// accessors or reads of what a walk or a loader loaded, far cheaper than a
// goroutine, its stack growth and the wait for it.
//
// Then it points the executor's list marshalling at marshalList
// (inOrderLists), with the list: a list of projects or organisations first
// loads what the selection below it asks for, level by level, and a list's
// elements are marshalled in order, on one goroutine, when nothing below it
// waits for a loader, as gqlgen does otherwise (graph/marshal.go).
//
// It writes plain fields directly (directPlainFields): a field read from
// its object's struct or an accessor without arguments, with no resolver
// and no directive, whose value is a string, an id, an integer, a boolean
// or a list of them, is marshalled without a field context of its own.
// gqlgen gives every field one (a context, a closure, the value boxed, a
// recover), which for such a field can change nothing: no field middleware
// is installed (graph/handler.go), the accessor cannot fail, and the value
// cannot be an invalid null. It is a third of the allocations of a nested
// answer.
//
// And it makes every object's @defer group lazy (withoutDeferredGroups):
// the schema defers no field, and gqlgen's executor builds a group for
// every object it marshals all the same, its path included (a tenth of the
// CPU of a nested answer). `go generate ./...` runs it; the generated files
// are never edited by hand.
package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

// sequentialFields is the plugin.
type sequentialFields struct{}

func (sequentialFields) Name() string { return "sequential-fields" }

// GenerateCode runs after the data is built and before the executor is
// written: it marks every object but the root types.
func (sequentialFields) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		if o.Root {
			continue
		}
		o.DisableConcurrency = true
	}
	return nil
}

func main() {
	cfg, err := config.LoadConfig("gqlgen.yml")
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(2)
	}
	if err := api.Generate(cfg, api.AddPlugin(sequentialFields{})); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(3)
	}
	if err := withoutDeferredGroups(cfg.Exec.Filename); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(4)
	}
	if err := inOrderLists(cfg.Exec.Filename); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(5)
	}
	if err := directPlainFields(cfg.Exec.Filename); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(6)
	}
}

// plainField is how gqlgen writes a field read from its object with no
// resolver, no directive and no error: its value comes from obj.Field or
// obj.Method(), goes through no middleware chain (nil), and is marshalled
// by one marshal function.
var plainField = regexp.MustCompile(`(func \(ec \*executionContext\) _\w+\(ctx context\.Context, field graphql\.CollectedField, obj [^)]+\) \(ret graphql\.Marshaler\) \{
)\treturn graphql\.ResolveField\(
\t\tctx,
\t\tec\.OperationContext,
\t\tfield,
\t\tfunc\(ctx context\.Context, field graphql\.CollectedField\) \(\*graphql\.FieldContext, error\) \{
\t\t\treturn ec\.fieldContext_\w+\(ctx, field\)
\t\t\},
\t\tfunc\(ctx context\.Context\) \(any, error\) \{
\t\t\treturn (obj\.\w+(?:\(\))?), nil
\t\t\},
\t\tnil,
\t\tfunc\(ctx context\.Context, selections ast\.SelectionSet, v [^)]+\) graphql\.Marshaler \{
\t\t\treturn ec\.(marshal[^\s(]+)\(ctx, selections, v\)
\t\t\},
\t\ttrue,
\t\t(?:true|false),
\t\)
\}`)

// leafCalls are the calls a marshal function may make for its field to be
// written directly: these marshal a value that is never null, and never
// report an error (they use the context for nothing).
var leafCalls = map[string]bool{
	"graphql.MarshalString": true, "graphql.MarshalID": true,
	"graphql.MarshalInt": true, "graphql.MarshalInt64": true,
	"graphql.MarshalBoolean": true,
	// reached only when one of the above returned null, which they never do
	"graphql.AddInvalidNullFromMarshaler": true,
}

var (
	marshalFunc = regexp.MustCompile(`(?m)^func \(ec \*executionContext\) (marshal[^\s(]+)\(ctx context\.Context, sel ast\.SelectionSet, v [^)]+\) graphql\.Marshaler \{\n((?:.*\n)*?)\}\n`)
	call        = regexp.MustCompile(`\b((?:graphql|ec)\.[^\s(]+)\(`) // names hold non-ASCII letters (ᚖ)
)

// directPlainFields rewrites every plain field whose marshal function is a
// leaf (calls only leafCalls and other leaves) to call it directly, with the
// object's context. It refuses when it finds none: gqlgen then writes plain
// fields another way.
func directPlainFields(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	bodies := map[string]string{}
	for _, m := range marshalFunc.FindAllSubmatch(src, -1) {
		bodies[string(m[1])] = string(m[2])
	}
	leaf := map[string]bool{}
	var isLeaf func(name string, depth int) bool
	isLeaf = func(name string, depth int) bool {
		if v, ok := leaf[name]; ok {
			return v
		}
		body, ok := bodies[name]
		if !ok || depth > 3 {
			return false
		}
		ok = true
		for _, c := range call.FindAllStringSubmatch(body, -1) {
			callee := c[1]
			switch {
			case leafCalls[callee]:
			case len(callee) > len("ec.marshal") && callee[:len("ec.marshal")] == "ec.marshal":
				ok = ok && isLeaf(callee[len("ec."):], depth+1)
			default:
				ok = false
			}
		}
		leaf[name] = ok
		return ok
	}
	n := 0
	out := plainField.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := plainField.FindSubmatch(m)
		if !isLeaf(string(sub[3]), 0) {
			return m
		}
		n++
		return fmt.Appendf(nil, "%s\treturn ec.%s(ctx, field.Selections, %s) // a plain field: see graph/generate\n}", sub[1], sub[3], sub[2])
	})
	if n == 0 {
		return fmt.Errorf("%s has no plain field to write directly: has gqlgen changed how it writes them?", path)
	}
	return os.WriteFile(path, out, 0o644)
}

// concurrentSlice is how gqlgen's executor marshals a list of objects, v;
// marshalList takes the list too.
var (
	anySlice        = []byte("graphql.MarshalSliceConcurrently(")
	concurrentSlice = []byte("graphql.MarshalSliceConcurrently(ctx, len(v),")
	inOrderSlice    = []byte("ec.marshalList(ctx, v, len(v),")
)

// inOrderLists points every list the executor marshals at marshalList. It
// refuses when gqlgen marshals a list another way.
func inOrderLists(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	n := bytes.Count(src, concurrentSlice)
	if n == 0 || n != bytes.Count(src, anySlice) {
		return fmt.Errorf("%s marshals lists with %s other than as %s: has gqlgen changed how it marshals lists?", path, anySlice, concurrentSlice)
	}
	return os.WriteFile(path, bytes.ReplaceAll(src, concurrentSlice, inOrderSlice), 0o644)
}

// The lines of an object's marshaller that handle @defer, as gqlgen
// writes them.
var (
	newGroup  = []byte("deferred := graphql.NewDeferredGroup(ctx)")
	zeroGroup = []byte("var deferred graphql.DeferredGroup // no field is deferred: see graph/generate")
	useGroup  = [][]byte{[]byte("if n := len(deferred.Defers); n > 0 {"), []byte("ec.ProcessDeferredGroup(deferred)")}
)

// withoutDeferredGroups replaces each object's deferred group by its zero
// value, which defers nothing, in the generated executor. It refuses when
// the executor does anything else with a group (a field the schema
// defers): then the groups are needed.
func withoutDeferredGroups(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	rest := src
	for _, use := range append([][]byte{newGroup}, useGroup...) {
		rest = bytes.ReplaceAll(rest, use, nil)
	}
	if bytes.Contains(rest, []byte("deferred.")) || bytes.Contains(rest, []byte("deferred)")) {
		return fmt.Errorf("%s uses its deferred groups (a field is deferred): they cannot be dropped", path)
	}
	out := bytes.ReplaceAll(src, newGroup, zeroGroup)
	if bytes.Equal(out, src) {
		return fmt.Errorf("%s has no deferred group to drop: has gqlgen changed how it writes them?", path)
	}
	return os.WriteFile(path, out, 0o644)
}
