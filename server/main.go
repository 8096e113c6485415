// Command server runs the Partnergraph GraphQL API.
//
//	go run ./server                  # embedded store, bundled sample sheets
//	go run ./server -docs DIR        # embedded store, the sheets in DIR
//	go run ./server -h               # every flag and environment variable
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/rs/cors"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/sample"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "partnergraph:", err)
		os.Exit(1)
	}
}

// config is the server's configuration, from flags and environment.
type config struct {
	addr            string
	docs            string
	corsOrigins     []string
	complexityLimit int
	shutdownTimeout time.Duration
	logFormat       string
	neo4j           neo4jConfig

	// ready is told the listener's address once the server serves; tests use it.
	ready func(addr string)
}

type neo4jConfig struct {
	uri, user, password, database string
}

const envHelp = `
Environment:
  PARTNERGRAPH_ADDR          listen address (the -addr flag wins)
  PARTNERGRAPH_CORS_ORIGINS  comma-separated CORS allow-list (the -cors-origins flag wins)
  NEO4J_URI                  serve from Neo4j at this URI instead of the embedded store
  NEO4J_USER                 Neo4j user (default neo4j)
  NEO4J_PASSWORD             Neo4j password
  NEO4J_DATABASE             Neo4j database (default neo4j)
`

func parseConfig(args []string, getenv func(string) string, out io.Writer) (*config, error) {
	fset := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fset.SetOutput(out)
	cfg := &config{}
	def := func(env, fallback string) string {
		if v := getenv(env); v != "" {
			return v
		}
		return fallback
	}
	fset.StringVar(&cfg.addr, "addr", def("PARTNERGRAPH_ADDR", "localhost:8080"), "listen address, host:port")
	fset.StringVar(&cfg.docs, "docs", "", "directory of project sheets (*.txt) to ingest at start; the bundled sample when empty")
	origins := fset.String("cors-origins", def("PARTNERGRAPH_CORS_ORIGINS", "*"), "comma-separated origins allowed by CORS, or * for any")
	fset.IntVar(&cfg.complexityLimit, "complexity-limit", graph.DefaultComplexityLimit, "largest query complexity accepted")
	fset.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long to let requests finish on SIGTERM")
	fset.StringVar(&cfg.logFormat, "log-format", "text", "log format: text or json")
	fset.Usage = func() {
		fmt.Fprintf(out, "Usage: %s [flags]\n\nServes the Partnergraph GraphQL API: GraphiQL at /, the endpoint at /graphql,\n/healthz and /readyz. With no NEO4J_URI it uses the embedded store.\n\nFlags:\n", args[0])
		fset.PrintDefaults()
		fmt.Fprint(out, envHelp)
	}
	if err := fset.Parse(args[1:]); err != nil {
		return nil, err
	}
	if fset.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (see -h)", fset.Arg(0))
	}
	for _, o := range strings.Split(*origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.corsOrigins = append(cfg.corsOrigins, o)
		}
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return nil, fmt.Errorf("-log-format must be text or json, not %q", cfg.logFormat)
	}
	cfg.neo4j = neo4jConfig{
		uri:      getenv("NEO4J_URI"),
		user:     def("NEO4J_USER", "neo4j"),
		password: getenv("NEO4J_PASSWORD"),
		database: def("NEO4J_DATABASE", "neo4j"),
	}
	return cfg, nil
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := parseConfig(args, getenv, stdout)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, stdout)
}

func newLogger(cfg *config, w io.Writer) *slog.Logger {
	if cfg.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func serve(ctx context.Context, cfg *config, stdout io.Writer) error {
	log := newLogger(cfg, stdout)
	slog.SetDefault(log)

	if cfg.neo4j.uri != "" {
		return fmt.Errorf("NEO4J_URI is set, but this build has no Neo4j store yet; unset NEO4J_URI to use the embedded store")
	}
	store := memstore.New()
	if err := loadDocuments(ctx, store, cfg.docs, log); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	srv := &http.Server{
		Handler:           newRouter(store, cfg),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "graphql", "http://"+ln.Addr().String()+"/graphql", "store", "embedded")
	if cfg.ready != nil {
		cfg.ready(ln.Addr().String())
	}

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// loadDocuments ingests the sheets of dir, or the bundled sample, into the store.
func loadDocuments(ctx context.Context, store partnergraph.Store, dir string, log *slog.Logger) error {
	start := time.Now()
	var fsys fs.FS = sample.FS
	source := "bundled sample"
	if dir != "" {
		info, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("-docs: %w", err)
		}
		if !info.IsDir() {
			return fmt.Errorf("-docs: %s is not a directory", dir)
		}
		fsys, source = os.DirFS(dir), dir
	}
	sources, problems, err := ingest.ReadFS(fsys, ".")
	if err != nil {
		return fmt.Errorf("read %s: %w", source, err)
	}
	g, buildProblems := ingest.Build(sources)
	problems = append(problems, buildProblems...)
	for _, p := range problems {
		log.Warn("document not ingested", "document", p.Document, "reason", p.Reason)
	}
	if err := store.Load(ctx, g); err != nil {
		return fmt.Errorf("load graph: %w", err)
	}
	log.Info("documents loaded", "source", source, "documents", len(g.Documents), "rejected", len(problems),
		"projects", len(g.Projects), "organisations", len(g.Organisations), "took", time.Since(start).Round(time.Millisecond))
	if len(sources) == 0 {
		log.Warn("no *.txt sheets found", "source", source)
	}
	return nil
}

// newRouter wires the endpoints.
func newRouter(store partnergraph.Store, cfg *config) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.NewHandler(store, graph.Options{ComplexityLimit: cfg.complexityLimit}))
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", assetsHandler()))
	mux.Handle("GET /{$}", playgroundHandler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":"ok"}`+"\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "application/json")
		if err := store.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, `{"status":"unavailable","code":%q}`+"\n", partnergraph.ErrorCode(err))
			return
		}
		io.WriteString(w, `{"status":"ready"}`+"\n")
	})
	c := cors.New(cors.Options{
		AllowedOrigins: cfg.corsOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Authorization", "Accept"},
		MaxAge:         600,
	})
	return c.Handler(mux)
}
