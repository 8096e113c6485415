package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/partnergraph/partnergraph/gen"
)

// runGen is `server gen -projects N -seed S -out DIR`: a synthetic corpus of
// sheets for benchmarks and load tests.
func runGen(_ context.Context, args []string, stdout io.Writer) error {
	fset := flag.NewFlagSet("gen", flag.ContinueOnError)
	fset.SetOutput(stdout)
	n := fset.Int("projects", 1000, "number of project sheets")
	seed := fset.Uint64("seed", 1, "random seed; the same seed and size give the same corpus")
	out := fset.String("out", "", "directory to write the sheets to (created if missing)")
	erasmus := fset.String("erasmus-csv", "", "write an Erasmus+ project list (CSV, as the project results platform exports it) of -projects projects to this file instead")
	fset.Usage = func() {
		fmt.Fprintf(stdout, "Usage: %s gen -projects N -seed S -out DIR\n       %s gen -projects N -seed S -erasmus-csv FILE\n\nWrites a synthetic corpus of project sheets in every layout the ingester reads,\nor a synthetic Erasmus+ project list for `server import`.\n\nFlags:\n", args[0], args[0])
		fset.PrintDefaults()
	}
	if err := fset.Parse(args[2:]); err != nil {
		return err
	}
	if *erasmus != "" && *n >= 1 {
		start := time.Now()
		f, err := os.Create(*erasmus)
		if err != nil {
			return err
		}
		if err := gen.ErasmusCSV(f, *n, *seed); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "gen: wrote an Erasmus+ list of %d projects to %s in %s\n", *n, *erasmus, time.Since(start).Round(time.Millisecond))
		return nil
	}
	if *out == "" || *n < 1 {
		fset.Usage()
		return fmt.Errorf("gen needs -out DIR and -projects of at least 1")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	start := time.Now()
	sheets := gen.Generate(*n, *seed)
	for _, s := range sheets {
		if err := os.WriteFile(filepath.Join(*out, s.Name), []byte(s.Text), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "gen: wrote %d sheets to %s in %s\n", len(sheets), *out, time.Since(start).Round(time.Millisecond))
	return nil
}
