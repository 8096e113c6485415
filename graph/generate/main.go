// Command generate runs gqlgen (gqlgen.yml) with one plugin: objects other
// than the root types resolve their fields one after the other instead of
// each resolver field in a goroutine of its own. Their resolvers are
// accessors or dataloader reads, far cheaper than a goroutine, its stack
// growth and the wait for it; a list's elements still run side by side
// (gqlgen marshals every list of objects concurrently), so a dataloader
// still batches one field of every element into one store call. `go
// generate ./...` runs it; the generated files are never edited by hand.
package main

import (
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
}
