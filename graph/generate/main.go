// Command generate runs gqlgen (gqlgen.yml) with one plugin: objects other
// than the root types resolve their fields one after the other instead of
// each resolver field in a goroutine of its own. Their resolvers are
// accessors or dataloader reads, far cheaper than a goroutine, its stack
// growth and the wait for it; a list's elements still run side by side
// (gqlgen marshals every list of objects concurrently), so a dataloader
// still batches one field of every element into one store call.
//
// Then it makes every object's @defer group lazy (withoutDeferredGroups):
// the schema defers no field, and gqlgen's executor builds a group for
// every object it marshals all the same, its path included (a tenth of the
// CPU of a nested answer). `go generate ./...` runs it; the generated files
// are never edited by hand.
package main

import (
	"bytes"
	"fmt"
	"os"

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
