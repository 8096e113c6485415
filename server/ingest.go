package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/partnergraph/partnergraph/library"
)

// runIngest is `server ingest DIR`: every sheet under DIR into the
// configured store, with progress lines and a summary.
func runIngest(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fset := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fset.SetOutput(stdout)
	logFormat := fset.String("log-format", "text", "log format: text or json")
	connect := fset.Duration("neo4j-connect-timeout", 30*time.Second, "how long to keep trying to reach Neo4j")
	fset.Usage = func() {
		fmt.Fprintf(stdout, "Usage: %s ingest [flags] DIR\n\nReads every *.txt sheet under DIR, resolves the organisations of the whole set,\nand writes the graph into Neo4j (NEO4J_URI) or, without it, only checks the sheets.\nLoading the same sheets again changes nothing.\n\nFlags:\n", args[0])
		fset.PrintDefaults()
		fmt.Fprint(stdout, envHelp)
	}
	if err := fset.Parse(args[2:]); err != nil {
		return err
	}
	if fset.NArg() != 1 {
		fset.Usage()
		return fmt.Errorf("ingest needs one directory")
	}
	dir := fset.Arg(0)
	cfg, err := parseConfig([]string{args[0], "-log-format", *logFormat, "-neo4j-connect-timeout", connect.String()}, getenv, stdout)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stdout)
	slog.SetDefault(log)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("ingest: %s is not a directory", dir)
	}
	store, kind, closeStore, err := openStore(ctx, cfg.neo4j, log)
	if err != nil {
		return err
	}
	defer closeStore()
	if kind == "embedded" {
		log.Warn("NEO4J_URI is not set: the embedded store lives in memory, so this run only checks the sheets; nothing is kept")
	}
	start := time.Now()
	// Through the library, as a server start with -docs: on Neo4j the
	// sheets are resolved together with the documents the database already
	// keeps, and their texts are kept there too, for the API servers.
	_, rep, err := library.Open(ctx, store, library.Options{SeedFS: os.DirFS(dir), Log: log, Progress: progress(log, "reading", start)})
	if err != nil {
		return fmt.Errorf("write to the %s store: %w (documents written before the failure stay; run ingest again to finish, it is idempotent)", kind, err)
	}
	for _, p := range rep.Problems {
		log.Warn("document not ingested", "document", p.Document, "reason", p.Reason)
	}
	took := time.Since(start)
	log.Info("ingest done", "documents", rep.Documents, "rejected", len(rep.Problems), "projects", len(rep.Graph.Projects),
		"organisations", len(rep.Graph.Organisations), "took", took.Round(time.Millisecond),
		"docs_per_s", fmt.Sprintf("%.0f", float64(rep.Documents)/took.Seconds()))
	return nil
}

// progress logs a progress line at most once a second, and the last one.
// The reader's workers call it at once: it is safe for concurrent use.
func progress(log *slog.Logger, what string, start time.Time) func(done, total, failed int) {
	var mu sync.Mutex
	last := time.Now()
	return func(done, total, failed int) {
		mu.Lock()
		if done != total && time.Since(last) < time.Second {
			mu.Unlock()
			return
		}
		last = time.Now()
		mu.Unlock()
		rate := float64(done) / time.Since(start).Seconds()
		if failed < 0 {
			log.Info(what, "documents", fmt.Sprintf("%d/%d", done, total), "docs_per_s", fmt.Sprintf("%.0f", rate))
			return
		}
		log.Info(what, "documents", fmt.Sprintf("%d/%d", done, total), "docs_per_s", fmt.Sprintf("%.0f", rate), "errors", failed)
	}
}
