// Command server runs the Partnergraph GraphQL API.
//
//	go run ./server                  # embedded store, bundled sample sheets
//	go run ./server -docs DIR        # embedded store, the sheets in DIR
//	NEO4J_URI=neo4j://host go run ./server      # serve from Neo4j
//	NEO4J_URI=neo4j://host go run ./server ingest DIR   # write sheets into Neo4j
//	go run ./server -h               # every flag and environment variable
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // on -debug-addr only: the API's own mux does not route it
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/rs/cors"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/ingest"
	"github.com/partnergraph/partnergraph/library"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/neo4jstore"
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
	sample          bool
	requestTimeout  time.Duration
	corsOrigins     []string
	complexityLimit int
	batchWait       time.Duration
	debugAddr       string
	maxBody         int64
	maxDepth        int
	maxAliases      int
	maxTokens       int
	shutdownTimeout time.Duration
	snapshotTimeout time.Duration
	logFormat       string
	dataDir         string
	snapshot        string // file of the resolved graph between starts; "" for none
	apiKeys         string // PARTNERGRAPH_API_KEYS
	apiKeysFile     string
	readsNeedKey    bool
	neo4j           neo4jConfig
	maxConcurrent   int           // GraphQL requests executing at once; 0 picks by store, <0 for no bound
	maxQueued       int           // requests waiting for a slot before new ones get 429
	maxStreams      int           // subscriptions open at once
	queueTimeout    time.Duration // longest wait for a slot before 503
	gc              gcConfig
	responseCache   int64                  // bytes of answers kept for repeated reads; 0 for none
	trusted         graph.TrustedDocuments // nil: any document runs

	// ready is told the listener's address once the server serves; tests use it.
	ready func(addr string)
}

type neo4jConfig struct {
	uri, user, password, database string
	connectTimeout                time.Duration
	decodedProjects               int
}

// decodedProjects maps the flag (0 for none) to neo4jstore's setting (0 for
// its default, negative for none).
func decodedProjects(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

const envHelp = `
Environment:
  PARTNERGRAPH_ADDR          listen address (the -addr flag wins)
  PARTNERGRAPH_CORS_ORIGINS  comma-separated CORS allow-list (the -cors-origins flag wins)
  PARTNERGRAPH_API_KEYS      comma-separated API keys, or sha256:<hex> hashes of keys
                             (from "server hash-key"), that may write; only hashes are kept
  PARTNERGRAPH_API_KEYS_FILE file of API keys or hashes, one a line (the -api-keys-file flag wins)
  PARTNERGRAPH_DATA          data directory (the -data flag wins)
  PARTNERGRAPH_SNAPSHOT      snapshot file (the -snapshot flag wins)
  PARTNERGRAPH_READS_NEED_KEY  true: reads need an API key too (as -reads-need-key)
  PARTNERGRAPH_TRUSTED_DOCUMENTS  manifest of the only documents to run (the -trusted-documents flag wins)
  NEO4J_URI                  serve from Neo4j at this URI instead of the embedded store
                             (bolt://host:7687, or neo4j://host for a cluster or Aura)
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
	fset.StringVar(&cfg.docs, "docs", "", "directory of project sheets (*.txt) to ingest at start; the embedded store loads the bundled sample when empty")
	fset.BoolVar(&cfg.sample, "sample", false, "load the bundled sample at start (the default with the embedded store; with Neo4j, written into the database)")
	fset.DurationVar(&cfg.requestTimeout, "request-timeout", 30*time.Second, "longest a request may take; its context reaches the store")
	origins := fset.String("cors-origins", def("PARTNERGRAPH_CORS_ORIGINS", "*"), "comma-separated origins allowed by CORS, or * for any")
	fset.IntVar(&cfg.complexityLimit, "complexity-limit", graph.DefaultComplexityLimit, "largest query complexity accepted")
	fset.DurationVar(&cfg.batchWait, "batch-wait", 0, "how long nested fields gather keys before one store call; 0 picks 2ms for Neo4j and no wait for the embedded store, whose calls cost next to nothing")
	fset.Int64Var(&cfg.maxBody, "max-body", 1<<20, "largest request body in bytes")
	fset.IntVar(&cfg.maxDepth, "max-depth", graph.DefaultMaxDepth, "deepest query nesting accepted")
	fset.IntVar(&cfg.maxAliases, "max-aliases", graph.DefaultMaxAliases, "most aliases in one query")
	fset.IntVar(&cfg.maxTokens, "max-tokens", graph.DefaultParserTokenLimit, "most tokens the query parser reads")
	fset.StringVar(&cfg.debugAddr, "debug-addr", "", "serve Go's profiler (/debug/pprof/) on this address, e.g. localhost:6060; off when empty")
	fset.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long to let requests finish on SIGTERM")
	fset.DurationVar(&cfg.snapshotTimeout, "snapshot-timeout", time.Minute, "how long to let a snapshot due after writes be written on SIGTERM, after the requests (without it the documents are safe, and the next start reads them all)")
	fset.StringVar(&cfg.logFormat, "log-format", "text", "log format: text or json")
	fset.StringVar(&cfg.dataDir, "data", def("PARTNERGRAPH_DATA", ""), "directory that keeps the documents written through the API (each on disk before the write is answered) and reads them again at start; without it, writes are lost at exit")
	fset.StringVar(&cfg.snapshot, "snapshot", def("PARTNERGRAPH_SNAPSHOT", ""), "file that keeps the resolved graph between starts, so a restart on the same sheets with the same binary skips extraction; default DATA/graph.snapshot with -data, none without; off for none")
	fset.StringVar(&cfg.apiKeysFile, "api-keys-file", def("PARTNERGRAPH_API_KEYS_FILE", ""), "file of API keys that may write, one a line: a key, or sha256:<hex> of one (see hash-key)")
	fset.BoolVar(&cfg.readsNeedKey, "reads-need-key", slices.Contains([]string{"1", "true"}, getenv("PARTNERGRAPH_READS_NEED_KEY")), "refuse every request without a valid API key, reads too (reads are open by default)")
	fset.IntVar(&cfg.maxConcurrent, "max-concurrent", 0, "GraphQL requests that execute at once, the rest waiting in arrival order; 0 picks the number of cores for the embedded store and four times that for Neo4j (whose requests mostly wait on the database); -1 for no bound")
	fset.IntVar(&cfg.maxStreams, "max-subscriptions", 1000, "subscriptions (WebSocket connections and Server-Sent Event streams) open at once; one more is refused with 503 and EUNAVAILABLE")
	fset.IntVar(&cfg.maxQueued, "max-queued", 512, "GraphQL requests that may wait for an execution slot; one more is refused at once with 429 and EUNAVAILABLE")
	fset.DurationVar(&cfg.queueTimeout, "queue-timeout", 10*time.Second, "longest a GraphQL request waits for an execution slot before 503 and EUNAVAILABLE (at most -request-timeout)")
	fset.IntVar(&cfg.gc.percent, "gc-percent", 400, "the garbage collector's pace once serving (Go's GOGC; GOGC in the environment wins): the heap may grow by this percent of the live heap before a collection; the start runs at 200, or at this pace when it is lower")
	cacheSize := fset.String("response-cache", "64MiB", "bytes of answers to read operations kept for requests that repeat them, keyed by the request, the caller's key and the graph's version (any write or new metrics, through any server on the database, moves it on); off for none")
	trustedFile := fset.String("trusted-documents", def("PARTNERGRAPH_TRUSTED_DOCUMENTS", ""), "run only the GraphQL documents of this manifest (JSON of sha256 hash to document, or an Apollo persisted query manifest); clients send a document or its hash in extensions.persistedQuery. GraphiQL and the explorer send their own documents, so they work only with theirs in it")
	memLimit := fset.String("memory-limit", "1400MiB", "soft memory limit the collector keeps the heap under (Go's GOMEMLIMIT, which wins when set; raised to 1.5 times the live heap when that is larger, twice during the start); off for none")
	fset.DurationVar(&cfg.neo4j.connectTimeout, "neo4j-connect-timeout", 30*time.Second, "how long to keep trying to reach Neo4j at start")
	fset.IntVar(&cfg.neo4j.decodedProjects, "neo4j-decoded-projects", neo4jstore.DefaultDecodedProjects, "on Neo4j, how many projects decoded from the database are kept for reads that return them unchanged (a few KB each); 0 for none")
	fset.Usage = func() {
		prog := filepath.Base(args[0])
		fmt.Fprintf(out, "Usage: %s [flags]\n       %s ingest DIR\n       %s gen -projects N -seed S -out DIR\n       %s hash-key < key.txt\n\nServes the Partnergraph GraphQL API: GraphiQL at /, the explorer at /explore,\nthe endpoint at /graphql, /healthz, /readyz and /metrics. With no NEO4J_URI it uses the embedded store.\n`ingest DIR` writes every sheet under DIR into the configured store and exits;\n`gen` writes a synthetic corpus for benchmarks; `hash-key` reads an API key on\nstandard input and prints its hash for -api-keys-file.\n\nFlags:\n", prog, prog, prog, prog)
		fset.PrintDefaults()
		fmt.Fprint(out, envHelp)
	}
	if err := fset.Parse(args[1:]); err != nil {
		return nil, err
	}
	if fset.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (see -h)", fset.Arg(0))
	}
	var err error
	cfg.gc.envPercent, cfg.gc.envLimit = getenv("GOGC") != "", getenv("GOMEMLIMIT") != ""
	if cfg.gc.limit, err = parseBytes(*memLimit); err != nil {
		return nil, fmt.Errorf("-memory-limit: %w", err)
	}
	if cfg.responseCache, err = parseBytes(*cacheSize); err != nil {
		return nil, fmt.Errorf("-response-cache: %w", err)
	}
	if *trustedFile != "" {
		b, err := os.ReadFile(*trustedFile)
		if err != nil {
			return nil, fmt.Errorf("-trusted-documents: %w", err)
		}
		if cfg.trusted, err = graph.ParseTrustedDocuments(b); err != nil {
			return nil, fmt.Errorf("-trusted-documents %s: %w", *trustedFile, err)
		}
		cfg.trusted[graph.DocumentHash(exportQuery)] = exportQuery // the server's own, for /export/
	}
	for _, o := range strings.Split(*origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.corsOrigins = append(cfg.corsOrigins, o)
		}
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return nil, fmt.Errorf("-log-format must be text or json, not %q", cfg.logFormat)
	}
	switch {
	case cfg.snapshot == "off":
		cfg.snapshot = ""
	case cfg.snapshot == "" && cfg.dataDir != "":
		cfg.snapshot = filepath.Join(cfg.dataDir, "graph.snapshot")
	}
	cfg.apiKeys = getenv("PARTNERGRAPH_API_KEYS")
	cfg.neo4j.uri = getenv("NEO4J_URI")
	cfg.neo4j.user = def("NEO4J_USER", "neo4j")
	cfg.neo4j.password = getenv("NEO4J_PASSWORD")
	cfg.neo4j.database = def("NEO4J_DATABASE", "neo4j")
	return cfg, nil
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) > 1 && args[1] == "import" {
		return runImport(ctx, args, getenv, stdout)
	}
	if len(args) > 1 && args[1] == "ingest" {
		return runIngest(ctx, args, getenv, stdout)
	}
	if len(args) > 1 && args[1] == "gen" {
		return runGen(ctx, args, stdout)
	}
	if len(args) > 1 && args[1] == "hash-key" {
		return runHashKey(os.Stdin, stdout)
	}
	cfg, err := parseConfig(args, getenv, stdout)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, stdout)
}

// openStore opens Neo4j when NEO4J_URI is set, else the embedded store.
func openStore(ctx context.Context, n neo4jConfig, log *slog.Logger) (partnergraph.Store, string, func(), error) {
	if n.uri == "" {
		return memstore.New(), "embedded", func() {}, nil
	}
	log.Info("connecting to Neo4j", "uri", n.uri, "database", n.database, "user", n.user)
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: n.uri, User: n.user, Password: n.password, Database: n.database, ConnectTimeout: n.connectTimeout, Logger: log,
		DecodedProjects: decodedProjects(n.decodedProjects)})
	if err != nil {
		return nil, "", nil, fmt.Errorf("Neo4j: %s", partnergraph.ErrorMessage(err))
	}
	return s, "neo4j", func() { s.Close(context.Background()) }, nil
}

func newLogger(cfg *config, w io.Writer) *slog.Logger {
	if cfg.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func serve(ctx context.Context, cfg *config, stdout io.Writer) error {
	// The requests' log lines are written out together (logbuf.go); the
	// others at once.
	logs := newLogBuffer(stdout, 64<<10, 100*time.Millisecond)
	defer logs.Close()
	log := newLogger(cfg, logs.Direct())
	slog.SetDefault(log)
	endStartLimit := limitStart(ctx, cfg.gc, log, time.Second/4)
	defer endStartLimit()

	obs := newObservability(newLogger(cfg, logs))
	rawStore, kind, closeStore, err := openStore(ctx, cfg.neo4j, log)
	if err != nil {
		return err
	}
	defer closeStore()
	store := instrument(rawStore, obs)
	keys, err := loadKeys(cfg.apiKeys, cfg.apiKeysFile)
	if err != nil {
		return err
	}
	writable := len(keys.hashes) > 0
	if cfg.readsNeedKey && !writable {
		return fmt.Errorf("-reads-need-key: no API key is configured (PARTNERGRAPH_API_KEYS or -api-keys-file), so nobody could read")
	}
	lib, _, err := openLibrary(ctx, store, cfg, kind, writable, log)
	if err != nil {
		return err
	}
	switch {
	case !writable:
		log.Info("writes are off: no API key is configured (PARTNERGRAPH_API_KEYS or -api-keys-file)")
	case kind == "neo4j":
		log.Info("writes are on and kept in Neo4j, with the documents' texts", "data", cfg.dataDir, "api_keys", len(keys.hashes))
	case cfg.dataDir == "":
		log.Warn("writes are not kept: documents written through the API are lost when the server stops; start with -data DIR to keep them", "api_keys", len(keys.hashes))
	default:
		log.Info("writes are on and kept on disk", "data", cfg.dataDir, "api_keys", len(keys.hashes))
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	if cfg.batchWait == 0 {
		cfg.batchWait = graph.DefaultBatchWait
		if kind == "embedded" {
			// In memory a store call costs less than any wait: a nanosecond
			// window dispatches at once (a 50µs window measured 1ms a query).
			cfg.batchWait = time.Nanosecond
		}
	}
	if cfg.maxConcurrent == 0 {
		cfg.maxConcurrent = runtime.GOMAXPROCS(0)
		if kind == "neo4j" {
			cfg.maxConcurrent *= 4
		}
	}
	srv := &http.Server{
		Handler:           newRouterWith(store, lib, keys, cfg, obs),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if cfg.debugAddr != "" {
		go func() {
			log.Info("profiler", "url", "http://"+cfg.debugAddr+"/debug/pprof/")
			if err := http.ListenAndServe(cfg.debugAddr, http.DefaultServeMux); err != nil {
				log.Error("profiler stopped", "err", err)
			}
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// The collector's pace for serving, once the start's peak is behind. Set
	// while the first requests are answered: handing the start's garbage back
	// takes a collection (about a second at 100,000 sheets).
	go func() {
		endStartLimit()
		tuneGC(ctx, cfg.gc, log, 5*time.Second)
	}()
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "graphql", "http://"+ln.Addr().String()+"/graphql", "store", kind)
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
	// The library's background work ends: a snapshot due after writes is
	// written, with a time of its own (at 100,000 sheets it takes 4-14 s on
	// two busy cores, more than requests are given to finish; without it a
	// restart reads every document, which takes longer still).
	cctx, ccancel := context.WithTimeout(context.Background(), cfg.snapshotTimeout)
	defer ccancel()
	if err := lib.Close(cctx); err != nil {
		log.Warn("background work of the library not finished", "err", err)
	}
	log.Info("stopped")
	return nil
}

// openLibrary reads the documents of the graph: the sheets of -docs, or
// the bundled sample (always with the embedded store, on -sample with
// Neo4j), and those kept in -data; it loads them into the store.
func openLibrary(ctx context.Context, store partnergraph.Store, cfg *config, kind string, writable bool, log *slog.Logger, parsed ...map[string]*ingest.Record) (*library.Library, *library.Report, error) {
	start := time.Now()
	var seedFS fs.FS
	source := "none"
	if cfg.docs != "" || cfg.sample || kind == "embedded" {
		seedFS, source = sample.FS, "bundled sample"
		if cfg.docs != "" {
			info, err := os.Stat(cfg.docs)
			if err != nil {
				return nil, nil, fmt.Errorf("-docs: %w", err)
			}
			if !info.IsDir() {
				return nil, nil, fmt.Errorf("-docs: %s is not a directory", cfg.docs)
			}
			seedFS, source = os.DirFS(cfg.docs), cfg.docs
		}
	} else if cfg.dataDir == "" {
		log.Info("serving what the database holds; use -docs DIR or -sample to load sheets at start, or the ingest command")
	}
	build := ""
	if cfg.snapshot != "" {
		var err error
		if build, err = executableHash(); err != nil {
			log.Warn("no snapshot: the program cannot identify itself", "reason", err)
		}
	}
	opts := library.Options{Dir: cfg.dataDir, SeedFS: seedFS, Writable: writable, Log: log,
		Progress: progress(log, "reading", start), Snapshot: cfg.snapshot, Build: build}
	if len(parsed) > 0 {
		opts.Parsed = parsed[0]
	}
	lib, rep, err := library.Open(ctx, store, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("load documents: %w", err)
	}
	for _, p := range rep.Problems {
		log.Warn("document not ingested", "document", p.Document, "reason", p.Reason)
	}
	if seedFS != nil && rep.Documents == 0 {
		log.Warn("no *.txt sheets found", "source", source)
	}
	log.Info("documents loaded", "source", source, "data", cfg.dataDir, "documents", rep.Documents, "from_data", rep.FromDir,
		"removed_through_api", rep.Removed, "rejected", len(rep.Problems), "projects", len(rep.Graph.Projects),
		"organisations", len(rep.Graph.Organisations), "took", time.Since(start).Round(time.Millisecond))
	return lib, rep, nil
}

// executableHash identifies this build by the SHA-256 of its binary, so a
// snapshot made by another build is never read.
func executableHash() (string, error) {
	path, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// newRouter wires the endpoints, with logs going nowhere and no writes.
func newRouter(store partnergraph.Store, cfg *config) http.Handler {
	return newRouterWith(store, nil, &keyring{}, cfg, newObservability(slog.New(slog.NewTextHandler(io.Discard, nil))))
}

// newRouterWith wires the endpoints; writer may be nil.
func newRouterWith(store partnergraph.Store, writer partnergraph.DocumentWriter, keys *keyring, cfg *config, obs *observability) http.Handler {
	mux := http.NewServeMux()
	feed, _ := writer.(partnergraph.ChangeFeed)
	api := graph.NewHandler(store, graph.Options{ComplexityLimit: cfg.complexityLimit, BatchWait: cfg.batchWait,
		MaxDepth: cfg.maxDepth, MaxAliases: cfg.maxAliases, ParserTokenLimit: cfg.maxTokens, Observe: obs.observeOperation, Writer: writer,
		Feed: feed, WebsocketAuth: websocketAuth(keys, cfg.readsNeedKey), WebsocketOrigins: websocketOrigins(cfg.corsOrigins), Trusted: cfg.trusted})
	mux.Handle("GET /metrics", obs.metricsHandler())
	var gql http.Handler = limitBody(specCompliant(api), cfg.maxBody)
	if cfg.maxConcurrent > 0 {
		wait := cfg.queueTimeout
		if cfg.requestTimeout > 0 && (wait <= 0 || wait > cfg.requestTimeout) {
			wait = cfg.requestTimeout
		}
		gql = newAdmission(cfg.maxConcurrent, max(cfg.maxQueued, 0), wait, obs.registry).middleware(gql)
	}
	if vs, ok := store.(partnergraph.Versioned); ok && cfg.responseCache > 0 {
		// Hits are served before the admission queue: they cost next to nothing.
		version := func(r *http.Request) (string, error) { return vs.GraphVersion(r.Context()) }
		gql = newResponseCache(cfg.responseCache, obs.registry).middleware(gql, version, cfg.maxBody)
	}
	mux.Handle("/graphql", httpEdge(authenticate(gql, keys, cfg.readsNeedKey, obs.log)))
	mux.Handle("GET /export/{file}", authenticate(exportHandler(gql), keys, cfg.readsNeedKey, obs.log))
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", assetsHandler()))
	mux.Handle("GET /{$}", playgroundHandler())
	mux.Handle("GET /explore", explorerHandler())
	mux.HandleFunc("GET /favicon.ico", favicon)
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
		AllowedHeaders: []string{"Content-Type", "Authorization", "Accept", "X-Request-Id"},
		ExposedHeaders: []string{"X-Request-Id", "X-Partnergraph-Cache"},
		MaxAge:         600,
	})
	streams := newStreams(api, keys, cfg, obs.log)
	timed := withTimeout(mux, cfg.requestTimeout)
	return obs.middleware(c.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Subscriptions stay open: no request timeout, no execution slot,
		// no buffered answer.
		if r.URL.Path == "/graphql" && isStream(r) {
			streams.ServeHTTP(w, r)
			return
		}
		timed.ServeHTTP(w, r)
	})))
}

// limitBody refuses request bodies over max bytes with a GraphQL error.
func limitBody(next http.Handler, max int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			fmt.Fprintf(w, `{"errors":[{"message":"the request body is %d bytes; at most %d","extensions":{"code":"EREQUEST_TOO_LARGE"}}]}`+"\n", r.ContentLength, max)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
		if err != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			fmt.Fprintf(w, `{"errors":[{"message":"the request body is more than %d bytes","extensions":{"code":"EREQUEST_TOO_LARGE"}}]}`+"\n", max)
			return
		}
		if !utf8.Valid(body) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"errors":[{"message":"the request body is not valid UTF-8","extensions":{"code":"EINVALID"}}]}`+"\n")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// withTimeout gives every request a deadline that reaches the store, so a
// slow or unreachable database cannot hold a request forever.
func withTimeout(next http.Handler, d time.Duration) http.Handler {
	if d <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// faviconSVG is the site's icon: three linked nodes.
const faviconSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><g stroke="#1f6feb" stroke-width="3"><line x1="8" y1="24" x2="16" y2="8"/><line x1="16" y1="8" x2="25" y2="22"/><line x1="8" y1="24" x2="25" y2="22"/></g><g fill="#e36209"><circle cx="8" cy="24" r="5"/><circle cx="16" cy="8" r="5"/><circle cx="25" cy="22" r="5"/></g></svg>`

func favicon(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	io.WriteString(w, faviconSVG)
}
