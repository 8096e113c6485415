// Package neo4jstore is the partnergraph.Store on Neo4j 5, through the
// official Go driver. Reads go through ExecuteQuery routed to readers, with
// the database always set; a Load runs in managed write transactions (retried
// by the driver on transient errors) of UNWIND ... MERGE batches. Every
// statement is in cypher.go.
package neo4jstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math"
	"net"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"golang.org/x/sync/errgroup"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/network"
)

// Config says where the database is.
type Config struct {
	URI      string // bolt://, neo4j:// (routing: clusters, Aura), neo4j+s://, ...
	User     string
	Password string
	Database string // "neo4j" when empty
	// ConnectTimeout bounds the connection attempts at Open; 30s when zero.
	ConnectTimeout time.Duration
	// BatchSize is the number of rows of one UNWIND; 500 when zero.
	BatchSize int
	// Writers is how many write transactions a Load runs at once; 2 when
	// zero.
	Writers int
	// DecodedProjects is how many projects decoded from their JSON are
	// kept for reads that return the same JSON again (see decodedProjects):
	// DefaultDecodedProjects when zero, none when negative.
	DecodedProjects int
	Logger          *slog.Logger
}

// Store is a partnergraph.Store on Neo4j.
type Store struct {
	driver  neo4j.DriverWithContext
	db      string
	batch   int
	writers int
	log     *slog.Logger
	decoded *decodedProjects
	metrics metricsJobs
	reads   atomic.Int64 // read queries sent: one Bolt round trip each
	// metricsFault, when set (by tests), is called before the metrics are
	// computed and its error fails the job.
	metricsFault atomic.Pointer[func() error]
}

var _ partnergraph.Store = (*Store)(nil)

// Open connects, retrying until ConnectTimeout, and creates the constraints
// and indexes. The error says what failed and where.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "no Neo4j URI")
	}
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 30 * time.Second
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 500
	}
	if cfg.Writers <= 0 {
		cfg.Writers = 2
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""), func(c *config.Config) {
		c.MaxConnectionPoolSize = 100
		c.ConnectionAcquisitionTimeout = 10 * time.Second
		c.SocketConnectTimeout = 5 * time.Second
	})
	if err != nil {
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "Neo4j URI %q: %v", cfg.URI, err)
	}
	s := &Store{driver: driver, db: cfg.Database, batch: cfg.BatchSize, writers: cfg.Writers, log: cfg.Logger, decoded: newDecodedProjects(cfg.DecodedProjects)}
	deadline := time.Now().Add(cfg.ConnectTimeout)
	wait := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err = driver.VerifyConnectivity(ctx)
		if err == nil {
			break
		}
		if neo4j.IsNeo4jError(err) && strings.HasPrefix(err.(*neo4j.Neo4jError).Code, "Neo.ClientError.Security.") {
			// Wrong credentials do not get better by waiting.
			driver.Close(context.Background())
			return nil, partnergraph.Errorf(partnergraph.EINVALID, "Neo4j at %s refused user %q: %v (check NEO4J_USER and NEO4J_PASSWORD)", cfg.URI, cfg.User, err)
		}
		if time.Now().Add(wait).After(deadline) || ctx.Err() != nil {
			driver.Close(context.Background())
			return nil, partnergraph.Errorf(partnergraph.EUNAVAILABLE, "cannot reach Neo4j at %s as %q after %d attempts in %s: %v", cfg.URI, cfg.User, attempt, cfg.ConnectTimeout, err)
		}
		cfg.Logger.Warn("Neo4j not reachable yet; retrying", "uri", cfg.URI, "attempt", attempt, "in", wait, "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		wait = min(wait*2, 5*time.Second)
	}
	for _, stmt := range schemaStatements {
		if _, err := neo4j.ExecuteQuery(ctx, driver, stmt, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting()); err != nil {
			driver.Close(context.Background())
			return nil, s.wrap(fmt.Errorf("create schema (%s): %w", strings.SplitN(stmt, " IF", 2)[0], err))
		}
	}
	if err := s.backfillSpans(ctx); err != nil {
		driver.Close(context.Background())
		return nil, err
	}
	return s, nil
}

// backfillSpans gives the projects a database holds from before periods
// their funding period and span (partnergraph.FundingPeriod, ProjectSpan),
// read from their stored JSON.
func (s *Store) backfillSpans(ctx context.Context) error {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypherSpansDone, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return s.wrap(fmt.Errorf("read whether projects have spans: %w", err))
	}
	if len(res.Records) > 0 {
		if done, _ := res.Records[0].Get("done"); done == true {
			return nil
		}
	}
	done := 0
	for {
		res, err := neo4j.ExecuteQuery(ctx, s.driver, cypherSpansMissing, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return s.wrap(fmt.Errorf("read projects without spans: %w", err))
		}
		if len(res.Records) == 0 {
			if done > 0 {
				s.log.Info("projects given their funding period and span", "projects", done)
			}
			if _, err := neo4j.ExecuteQuery(ctx, s.driver, cypherSpansFinish, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting()); err != nil {
				return s.wrap(fmt.Errorf("mark projects' spans done: %w", err))
			}
			return nil
		}
		rows := make([]map[string]any, 0, len(res.Records))
		for _, r := range res.Records {
			id, _ := r.Get("id")
			data, _ := r.Get("data")
			var p partnergraph.Project
			if js, ok := data.(string); ok {
				if err := json.Unmarshal([]byte(js), &p); err != nil {
					return partnergraph.Errorf(partnergraph.EINTERNAL, "project %v is stored damaged: %v", id, err)
				}
			}
			from, to, _ := partnergraph.ProjectSpan(&p)
			rows = append(rows, map[string]any{"id": id, "period": nullable(partnergraph.FundingPeriod(&p)), "activeFrom": nullable(from), "activeTo": nullable(to)})
		}
		if _, err := neo4j.ExecuteQuery(ctx, s.driver, cypherSetSpans, map[string]any{"rows": rows}, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting()); err != nil {
			return s.wrap(fmt.Errorf("write projects' spans: %w", err))
		}
		done += len(rows)
	}
}

// writeSession is a write session that shares the bookmark manager of
// ExecuteQuery, which every read goes through: a read after a write sees it,
// on a cluster too (causal consistency).
func (s *Store) writeSession(ctx context.Context) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
}

// Close waits for a running metrics job and closes the driver.
func (s *Store) Close(ctx context.Context) error {
	if !s.metrics.running.TryLock() {
		s.log.Info("waiting for the network metrics to be written to Neo4j")
		s.metrics.running.Lock()
	}
	defer s.metrics.running.Unlock()
	return s.driver.Close(ctx)
}

// wrap turns driver errors into partnergraph errors: an unreachable database
// is EUNAVAILABLE, anything else EINTERNAL; the cause is logged.
func (s *Store) wrap(err error) error {
	if err == nil {
		return nil
	}
	var perr *partnergraph.Error
	switch {
	case errors.As(err, &perr):
		return err
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return err
	case neo4j.IsConnectivityError(err), neo4j.IsTransactionExecutionLimit(err), isUnavailable(err):
		s.log.Warn("Neo4j unavailable", "err", err)
		return partnergraph.Errorf(partnergraph.EUNAVAILABLE, "The database is unavailable; try again shortly.")
	}
	s.log.Error("Neo4j error", "err", err)
	return fmt.Errorf("neo4j: %w", err)
}

func isUnavailable(err error) bool {
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) {
		return strings.HasPrefix(nerr.Code, "Neo.TransientError") || strings.Contains(nerr.Code, "DatabaseUnavailable")
	}
	// A connection that breaks under a query (the database killed) ends in
	// a reset, a broken pipe or an end of stream.
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, net.ErrClosed) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"connection refused", "no such host", "i/o timeout", "connection reset", "broken pipe", "EOF", "use of closed network connection"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// read runs a read query on a reader of the cluster.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	s.reads.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, s.wrap(err)
	}
	return res.Records, nil
}

// Reads returns how many read queries the store has sent (each one
// ExecuteQuery: one round trip to the database).
func (s *Store) Reads() int64 { return s.reads.Load() }

// Ping runs a trivial query on the database.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, cypherPing, nil)
	return err
}

// Wipe deletes every node and relationship. For tests only.
func (s *Store) Wipe(ctx context.Context) error {
	s.metrics.running.Lock() // a metrics job of the old graph must not write into the new one
	defer s.metrics.running.Unlock()
	for _, cypher := range []string{cypherDeleteSomeRelationships, cypherDeleteAll} {
		for {
			res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, map[string]any{"batch": 5000}, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting())
			if err != nil {
				return s.wrap(err)
			}
			if len(res.Records) == 0 || integer(res.Records[0], "deleted") == 0 {
				break
			}
		}
	}
	return nil
}

// Load writes the graph in managed write transactions of at most BatchSize
// rows a statement (retried by the driver on transient errors): first the
// nodes that projects refer to, then the projects with their edges. Every
// statement is an idempotent MERGE or a replace of a project's own edges, so
// a retried or repeated Load changes nothing, and a Load cut short is
// finished by running it again. The network metrics are recomputed in the
// background after it (see metricsJobs).
func (s *Store) Load(ctx context.Context, g *partnergraph.Graph) error {
	refs := referencedStatements(g)
	progress := &loadProgress{log: s.log, total: len(g.Organisations) + len(g.Projects), start: time.Now(), last: time.Now()}
	for _, st := range refs {
		progress.total += len(st.rows)
	}
	// Organisations first, then what else projects refer to, then the
	// projects and their edges: each step's batches on s.writers sessions
	// at once.
	if err := s.writeBatches(ctx, len(g.Organisations), progress, func(tx neo4j.ManagedTransaction, from, to int) error {
		rows, err := s.organisationRows(ctx, tx, g.Organisations[from:to], true)
		if err != nil {
			return err
		}
		return s.upsertOrganisations(ctx, tx, rows)
	}); err != nil {
		return err
	}
	for _, st := range refs {
		if err := s.writeBatches(ctx, len(st.rows), progress, func(tx neo4j.ManagedTransaction, from, to int) error {
			return runRows(ctx, tx, s.batch, st.cypher, "rows", st.rows[from:to])
		}); err != nil {
			return err
		}
	}
	if err := s.writeBatches(ctx, len(g.Projects), progress, func(tx neo4j.ManagedTransaction, from, to int) error {
		return s.writeProjects(ctx, tx, g.Projects[from:to])
	}); err != nil {
		return err
	}
	session := s.writeSession(ctx)
	defer session.Close(ctx)
	if _, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		_, err := tx.Run(ctx, cypherGraphStamp, nil)
		return nil, err
	}); err != nil {
		return s.wrap(err)
	}
	progress.finish()
	s.metrics.refresh(s)
	return nil
}

// writeBatches writes n items in transactions of s.batch, on s.writers
// sessions at once: work writes items [from, to) in tx. The first error
// stops the others; what committed stays (every write is idempotent).
func (s *Store) writeBatches(ctx context.Context, n int, progress *loadProgress, work func(tx neo4j.ManagedTransaction, from, to int) error) error {
	var next atomic.Int64
	eg, ctx := errgroup.WithContext(ctx)
	for range min(s.writers, (n+s.batch-1)/s.batch) {
		eg.Go(func() error {
			session := s.writeSession(ctx)
			defer session.Close(ctx)
			for {
				from := int(next.Add(int64(s.batch))) - s.batch
				if from >= n {
					return nil
				}
				to := min(from+s.batch, n)
				if _, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
					return nil, work(tx, from, to)
				}); err != nil {
					return s.wrap(err)
				}
				progress.add(to - from)
			}
		})
	}
	return eg.Wait()
}

// loadProgress logs how much of a Load is written, at most once a second,
// and when it is all written: a Load of 100,000 sheets takes minutes.
type loadProgress struct {
	mu          sync.Mutex
	log         *slog.Logger
	total, done int
	start, last time.Time
}

func (p *loadProgress) add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if time.Since(p.last) >= time.Second && p.done < p.total {
		p.last = time.Now()
		p.log.Info("writing to Neo4j", "nodes", fmt.Sprintf("%d/%d", p.done, p.total),
			"nodes_per_s", fmt.Sprintf("%.0f", float64(p.done)/time.Since(p.start).Seconds()))
	}
}

func (p *loadProgress) finish() {
	p.log.Info("written to Neo4j", "nodes", p.total, "took", time.Since(p.start).Round(time.Millisecond))
}

// Apply writes one change in one managed write transaction: the nodes as
// given (aliases not merged), the projects with their edges, and the
// removals. The metrics are recomputed in the background after it, as after
// a Load; once the transaction commits, Apply reports success.
func (s *Store) Apply(ctx context.Context, changed *partnergraph.Graph, remove []string) error {
	session := s.writeSession(ctx)
	defer session.Close(ctx)
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if err := s.applyTx(ctx, tx, changed, remove); err != nil {
			return nil, err
		}
		_, err := tx.Run(ctx, cypherGraphStamp, nil)
		return nil, err
	})
	if err != nil {
		return s.wrap(err)
	}
	// Committed. The metrics are derived data: they are recomputed in the
	// background, and their failure never makes a committed write fail.
	s.metrics.refresh(s)
	return nil
}

// applyTx writes a change in tx.
func (s *Store) applyTx(ctx context.Context, tx neo4j.ManagedTransaction, changed *partnergraph.Graph, remove []string) error {
	byLabel := map[string][]string{}
	for _, id := range remove {
		if label := nodeLabels[partnergraph.KindOfID(id)]; label != "" && label != "Country" {
			byLabel[label] = append(byLabel[label], id)
		}
	}
	for _, label := range slices.Sorted(maps.Keys(byLabel)) {
		if err := runRows(ctx, tx, s.batch, cypherDeleteNodes[label], "ids", byLabel[label]); err != nil {
			return err
		}
	}
	orgRows, err := s.organisationRows(ctx, tx, changed.Organisations, false)
	if err != nil {
		return err
	}
	if err := s.upsertOrganisations(ctx, tx, orgRows); err != nil {
		return err
	}
	for _, st := range referencedStatements(changed) {
		if err := runRows(ctx, tx, s.batch, st.cypher, "rows", st.rows); err != nil {
			return err
		}
	}
	return s.writeProjects(ctx, tx, changed.Projects)
}

// runRows runs a statement over rows (given as the parameter param), a
// batch of at most size at a time, in tx.
func runRows[T any](ctx context.Context, tx neo4j.ManagedTransaction, size int, cypher, param string, rows []T) error {
	for start := 0; start < len(rows); start += size {
		res, err := tx.Run(ctx, cypher, map[string]any{param: rows[start:min(start+size, len(rows))]})
		if err != nil {
			return err
		}
		if _, err := res.Consume(ctx); err != nil {
			return err
		}
	}
	return nil
}

type statementRows struct {
	cypher string
	rows   []map[string]any
}

// referencedStatements are the writes of the nodes other than
// organisations that projects refer to.
func referencedStatements(g *partnergraph.Graph) []statementRows {
	return []statementRows{
		{cypherUpsertTargetGroups, targetGroupRows(g.TargetGroups)},
		{cypherUpsertProgrammes, programmeRows(g.Programmes)},
		{cypherUpsertFunders, funderRows(g.Funders)},
		{cypherUpsertDocuments, documentRows(g.Documents)},
	}
}

// writeProjects writes projects with their edges.
func (s *Store) writeProjects(ctx context.Context, tx neo4j.ManagedTransaction, projects []partnergraph.Project) error {
	rows, err := projectRows(projects)
	if err != nil {
		return err
	}
	edges := projectEdgeRows(projects)
	for _, st := range []struct {
		cypher string
		rows   []map[string]any
	}{
		{cypherUpsertProjects, rows},
		{cypherProjectOrganisationEdges, edges.organisations},
		{cypherProjectTargetEdges, edges.targets},
		{cypherProjectProgrammeEdges, edges.programmes},
		{cypherProjectSingleEdges, edges.single},
	} {
		if err := runRows(ctx, tx, s.batch, st.cypher, "rows", st.rows); err != nil {
			return err
		}
	}
	return nil
}

// updateMetrics recomputes the network metrics of every organisation from
// the whole graph and writes them back in one transaction. metricsJobs runs
// it in the background after every write.
func (s *Store) updateMetrics(ctx context.Context) error {
	if f := s.metricsFault.Load(); f != nil {
		if err := (*f)(); err != nil {
			return err
		}
	}
	linkRecords, err := s.read(ctx, cypherCooperationLinks, nil)
	if err != nil {
		return err
	}
	links := make([]partnergraph.Link, len(linkRecords))
	for i, r := range linkRecords {
		links[i] = partnergraph.Link{ProjectID: str(r, "project"), OrganisationID: str(r, "organisation")}
	}
	orgRecords, err := s.read(ctx, cypherOrganisationCountries, nil)
	if err != nil {
		return err
	}
	countries := map[string]string{}
	for _, r := range orgRecords {
		countries[str(r, "id")] = str(r, "countryCode")
	}
	metrics := network.ComputeMetrics(links, countries)
	rows := make([]map[string]any, 0, len(countries))
	for id := range countries {
		row := map[string]any{"id": id, "projects": nil, "degree": nil, "partnerCountries": nil, "betweenness": nil, "community": nil, "bridging": nil}
		if m, ok := metrics[id]; ok {
			row["projects"], row["degree"], row["partnerCountries"] = m.Projects, m.Degree, m.PartnerCountries
			row["betweenness"], row["community"], row["bridging"] = m.Betweenness, m.Community, m.Bridging
		}
		rows = append(rows, row)
	}
	// One transaction: readers see the old metrics or the new, never a mix.
	session := s.writeSession(ctx)
	defer session.Close(ctx)
	_, err = session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if err := runRows(ctx, tx, s.batch, cypherSetMetrics, "rows", rows); err != nil {
			return nil, err
		}
		_, err := tx.Run(ctx, cypherGraphStamp, nil)
		return nil, err
	})
	return s.wrap(err)
}

// GraphVersion is the database's: it moves on with every write and metrics
// update of any server on it (see cypherGraphStamp).
func (s *Store) GraphVersion(ctx context.Context) (string, error) {
	records, err := s.read(ctx, cypherGraphVersion, nil)
	if err != nil {
		return "", err
	}
	if len(records) == 0 {
		return "neo4j", nil
	}
	r := records[0]
	epoch, _ := r.Get("epoch")
	return fmt.Sprintf("neo4j-%v-%d-%d", epoch, integer(r, "version"), integer(r, "stamp")), nil
}

// nodeLabels are the labels of the kinds of node.
var nodeLabels = map[partnergraph.NodeKind]string{
	partnergraph.KindProject: "Project", partnergraph.KindOrganisation: "Organisation", partnergraph.KindTargetGroup: "TargetGroup",
	partnergraph.KindProgramme: "Programme", partnergraph.KindFunder: "Funder", partnergraph.KindDocument: "Document", partnergraph.KindCountry: "Country",
}

// Edges returns the edges that touch each node.
func (s *Store) Edges(ctx context.Context, ids []string) ([][]partnergraph.Edge, error) {
	return s.edges(ctx, ids, nil)
}

// EdgesAmong returns the edges that touch each node and lead to one of
// among: one round trip, which returns none of a hub's others.
func (s *Store) EdgesAmong(ctx context.Context, ids, among []string) ([][]partnergraph.Edge, error) {
	if among == nil {
		among = []string{}
	}
	return s.edges(ctx, ids, among)
}

// edges reads the edges that touch each node, all of them when among is
// nil, else those that lead to one of among; each node's in Edges' order.
func (s *Store) edges(ctx context.Context, ids, among []string) ([][]partnergraph.Edge, error) {
	labels, known := labelsOf(ids)
	found := map[string][]partnergraph.Edge{}
	if len(known) > 0 && (among == nil || len(among) > 0) {
		cypher, params := edgesQuery(labels), map[string]any{"ids": known}
		if among != nil {
			cypher, params["among"] = edgesAmongQuery(labels), among
		}
		records, err := s.read(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		for _, r := range records {
			id, e, ok := edgeFromRecord(r)
			if ok {
				found[id] = append(found[id], e)
			}
		}
	}
	out := make([][]partnergraph.Edge, len(ids))
	for i, id := range ids {
		out[i] = found[id]
		partnergraph.SortEdges(out[i])
	}
	return out, nil
}

// labelsOf returns the labels of the kinds of the ids, and the ids of a
// known kind.
func labelsOf(ids []string) (labels, known []string) {
	for _, id := range ids {
		if l, ok := nodeLabels[partnergraph.KindOfID(id)]; ok {
			known = append(known, id)
			if !slices.Contains(labels, l) {
				labels = append(labels, l)
			}
		}
	}
	return labels, known
}

// Search runs a full-text query on the node_text index.
func (s *Store) Search(ctx context.Context, q string, kinds []partnergraph.NodeKind, first int) ([]partnergraph.SearchHit, error) {
	if err := partnergraph.CheckSearch(q, first); err != nil {
		return nil, err
	}
	if len(kinds) == 0 {
		kinds = partnergraph.SearchKinds
	}
	labelOf := map[partnergraph.NodeKind]string{partnergraph.KindProject: "Project", partnergraph.KindOrganisation: "Organisation",
		partnergraph.KindProgramme: "Programme", partnergraph.KindTargetGroup: "TargetGroup"}
	var labels []string
	for _, k := range kinds {
		if l, ok := labelOf[k]; ok {
			labels = append(labels, l)
		}
	}
	lq := luceneQuery(partnergraph.Fold(q))
	if lq == "" {
		return []partnergraph.SearchHit{}, nil
	}
	candidates := math.MaxInt32 // every hit: the kinds are filtered after the index
	if len(labels) == len(partnergraph.SearchKinds) {
		candidates = first + 100
	}
	records, err := s.read(ctx, cypherSearch, map[string]any{"query": lq, "labels": labels, "first": first, "candidates": candidates})
	if err != nil {
		return nil, err
	}
	out := make([]partnergraph.SearchHit, 0, len(records))
	for _, r := range records {
		out = append(out, partnergraph.SearchHit{ID: str(r, "id"), Score: float(r, "score")})
	}
	return out, nil
}

// Postings returns the projects that have each feature.
func (s *Store) Postings(ctx context.Context, features []partnergraph.Feature) ([][]string, error) {
	byKind := map[partnergraph.FeatureKind][]string{}
	for _, f := range features {
		byKind[f.Kind] = append(byKind[f.Kind], f.ID)
	}
	found := map[partnergraph.Feature][]string{}
	for kind, ids := range byKind {
		cypher, ok := cypherPostings[kind]
		if !ok {
			continue
		}
		records, err := s.read(ctx, cypher, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		for _, r := range records {
			list := strs(value(r, "projects"))
			sort.Strings(list)
			found[partnergraph.Feature{Kind: kind, ID: str(r, "id")}] = list
		}
	}
	out := make([][]string, len(features))
	for i, f := range features {
		out[i] = found[f]
	}
	return out, nil
}

// Metrics returns each organisation's network metrics.
func (s *Store) Metrics(ctx context.Context, orgIDs []string) ([]*partnergraph.Metrics, error) {
	if err := s.metrics.wait(ctx, s); err != nil {
		return nil, err
	}
	records, err := s.read(ctx, cypherMetrics, map[string]any{"ids": orgIDs})
	if err != nil {
		return nil, err
	}
	found := map[string]*partnergraph.Metrics{}
	for _, r := range records {
		id, m := metricsFromRecord(r)
		found[id] = m
	}
	out := make([]*partnergraph.Metrics, len(orgIDs))
	for i, id := range orgIDs {
		out[i] = found[id]
	}
	return out, nil
}

// organisationRows, with merge, merges the aliases already stored, as
// memstore's Load does: an organisation keeps every name it was known by.
func (s *Store) organisationRows(ctx context.Context, tx neo4j.ManagedTransaction, orgs []partnergraph.Organisation, merge bool) ([]map[string]any, error) {
	if !merge {
		rows := make([]map[string]any, len(orgs))
		for i, o := range orgs {
			rows[i] = organisationRow(o)
		}
		return rows, nil
	}
	ids := make([]string, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	old := map[string]partnergraph.Organisation{}
	res, err := tx.Run(ctx, cypherExistingAliases, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	records, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range records {
		o := organisationFromRecord(r)
		old[o.ID] = o
	}
	rows := make([]map[string]any, len(orgs))
	for i, o := range orgs {
		if prev, ok := old[o.ID]; ok {
			o.Aliases = partnergraph.MergeAliases(prev, o)
		}
		rows[i] = organisationRow(o)
	}
	return rows, nil
}

// Nodes returns the nodes with these ids, nil where there is none.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]partnergraph.Node, error) {
	labels, known := labelsOf(ids)
	labels = slices.DeleteFunc(labels, func(l string) bool { return l == "Country" }) // not stored: see CountryByCode
	found := map[string]partnergraph.Node{}
	if len(labels) > 0 {
		records, err := s.read(ctx, nodesQuery(labels), map[string]any{"ids": known})
		if err != nil {
			return nil, err
		}
		for _, r := range records {
			n, err := nodeFromRecord(s.decoded, r)
			if err != nil {
				return nil, err
			}
			if n != nil {
				found[n.NodeID()] = n
			}
		}
	}
	// An organisation id not found may be one merged into another.
	var merged []string
	for _, id := range known {
		if _, ok := found[id]; !ok && partnergraph.KindOfID(id) == partnergraph.KindOrganisation {
			merged = append(merged, id)
		}
	}
	if len(merged) > 0 {
		records, err := s.read(ctx, cypherMergedInto, map[string]any{"ids": merged})
		if err != nil {
			return nil, err
		}
		for _, r := range records {
			o := organisationFromRecord(r)
			found[str(r, "asked")] = &o
		}
	}
	out := make([]partnergraph.Node, len(ids))
	for i, id := range ids {
		out[i] = found[id]
	}
	return out, nil
}

// InvolvementPages reads a page of each organisation's involvements, and
// its total when asked, in one round trip: a hub's thousands stay in the
// database.
func (s *Store) InvolvementPages(ctx context.Context, orgIDs []string, roles []partnergraph.Role, p partnergraph.Page) ([]partnergraph.InvolvementPage, error) {
	out := make([]partnergraph.InvolvementPage, len(orgIDs))
	if len(orgIDs) == 0 {
		return out, nil
	}
	after := ""
	if p.After != "" {
		c, err := partnergraph.DecodeCursor(p.After)
		if err != nil {
			return nil, err
		}
		after = c.ID
	}
	var rs any
	if roles != nil {
		list := make([]string, len(roles))
		for i, r := range roles {
			list[i] = string(r)
		}
		rs = list
	}
	// Twice the page and one more: a project the organisation both
	// promotes and partners in is two rows and one involvement.
	q := cypherInvolvementPages
	if p.WithTotal {
		q = cypherInvolvementPagesWithTotal
	}
	records, err := s.read(ctx, q, map[string]any{"ids": orgIDs, "after": after, "roles": rs, "limit": 2*p.First + 1})
	if err != nil {
		return nil, err
	}
	byOrg := map[string]partnergraph.InvolvementPage{}
	for _, r := range records {
		id, inv := involvementsFromRecord(r)
		// The rows start after the cursor: cut them as PageInvolvements
		// does, then take the total from the count.
		pg := partnergraph.PageOfInvolvements(inv, nil, partnergraph.Page{First: p.First})
		if p.WithTotal {
			total, _ := value(r, "total").(int64)
			pg.Total = int(total)
		}
		byOrg[id] = pg
	}
	for i, id := range orgIDs {
		out[i] = byOrg[id]
	}
	return out, nil
}

// ProjectOutlines returns the projects' outlines, nil where there is
// none: a few properties and their target groups, in one round trip.
func (s *Store) ProjectOutlines(ctx context.Context, ids []string) ([]*partnergraph.Project, error) {
	out := make([]*partnergraph.Project, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	records, err := s.read(ctx, cypherProjectOutlines, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	found := make(map[string]*partnergraph.Project, len(records))
	for _, r := range records {
		p := &partnergraph.Project{ID: str(r, "id"), Code: str(r, "code"), Title: str(r, "title"),
			Kind: partnergraph.ProjectKind(str(r, "kind")), Status: str(r, "status"), CountryCode: str(r, "countryCode")}
		if t := strs(value(r, "targets")); len(t) > 0 {
			p.TargetGroupIDs = t
		}
		found[p.ID] = p
	}
	for i, id := range ids {
		out[i] = found[id]
	}
	return out, nil
}

// ProjectByCode returns the project with this code.
func (s *Store) ProjectByCode(ctx context.Context, code string) (*partnergraph.Project, error) {
	records, err := s.read(ctx, cypherProjectByCode, map[string]any{"code": strings.ToUpper(strings.TrimSpace(code))})
	if err != nil {
		return nil, err
	}
	if len(records) == 0 {
		return nil, partnergraph.Errorf(partnergraph.ENOTFOUND, "no project with code %q", code)
	}
	return projectFromRecord(s.decoded, records[0])
}

// ProjectByCodeWithOrganisations returns the project with this code and
// the organisations it links, in one round trip.
func (s *Store) ProjectByCodeWithOrganisations(ctx context.Context, code string) (*partnergraph.Project, []*partnergraph.Organisation, error) {
	records, err := s.read(ctx, cypherProjectByCodeWithOrganisations, map[string]any{"code": strings.ToUpper(strings.TrimSpace(code))})
	if err != nil {
		return nil, nil, err
	}
	if len(records) == 0 || str(records[0], "label") != "Project" {
		return nil, nil, partnergraph.Errorf(partnergraph.ENOTFOUND, "no project with code %q", code)
	}
	p, err := projectFromRecord(s.decoded, records[0])
	if err != nil {
		return nil, nil, err
	}
	var orgs []*partnergraph.Organisation
	for _, r := range records[1:] {
		o := organisationFromRecord(r)
		orgs = append(orgs, &o)
	}
	return p, orgs, nil
}

// OrganisationByName returns the organisation with this name, acronym or alias.
func (s *Store) OrganisationByName(ctx context.Context, name string) (*partnergraph.Organisation, error) {
	key := partnergraph.NameKey(name)
	records, err := s.read(ctx, cypherOrganisationByName, map[string]any{"key": key})
	if err != nil {
		return nil, err
	}
	if len(records) == 0 || key == "" {
		return nil, partnergraph.Errorf(partnergraph.ENOTFOUND, "no organisation named %q", name)
	}
	o := organisationFromRecord(records[0])
	return &o, nil
}

// Projects returns a page of the projects that match f.
func (s *Store) Projects(ctx context.Context, f *partnergraph.ProjectFilter, p partnergraph.Page) (*partnergraph.ProjectPage, error) {
	if err := p.Validate(partnergraph.ProjectSortFields); err != nil {
		return nil, err
	}
	pageQ, countQ, params := projectsQuery(f, p.Sort)
	records, info, err := s.page(ctx, pageQ, countQ, params, p)
	if err != nil {
		return nil, err
	}
	out := &partnergraph.ProjectPage{PageInfo: info}
	for _, r := range records {
		pr, err := projectFromRecord(s.decoded, r)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, pr)
		out.Cursors = append(out.Cursors, cursorOf(r, p.Sort.Field, pr.ID))
	}
	if len(out.Cursors) > 0 {
		out.EndCursor = out.Cursors[len(out.Cursors)-1]
	}
	return out, nil
}

// Organisations returns a page of the organisations that match f.
func (s *Store) Organisations(ctx context.Context, f *partnergraph.OrganisationFilter, p partnergraph.Page) (*partnergraph.OrganisationPage, error) {
	if err := p.Validate(partnergraph.OrganisationSortFields); err != nil {
		return nil, err
	}
	if (p.Sort.Field != "" && p.Sort.Field != "NAME") || f.UsesMetrics() {
		if err := s.metrics.wait(ctx, s); err != nil {
			return nil, err
		}
	}
	pageQ, countQ, params := organisationsQuery(f, p.Sort)
	records, info, err := s.page(ctx, pageQ, countQ, params, p)
	if err != nil {
		return nil, err
	}
	out := &partnergraph.OrganisationPage{PageInfo: info}
	for _, r := range records {
		o := organisationFromRecord(r)
		out.Items = append(out.Items, &o)
		out.Cursors = append(out.Cursors, cursorOf(r, p.Sort.Field, o.ID))
	}
	if len(out.Cursors) > 0 {
		out.EndCursor = out.Cursors[len(out.Cursors)-1]
	}
	return out, nil
}

// page runs a page query, asking one row more than the page to know whether
// another follows, and the count query when the total is asked for. It
// returns the page's records.
func (s *Store) page(ctx context.Context, pageQ, countQ string, params map[string]any, p partnergraph.Page) ([]*neo4j.Record, partnergraph.PageInfo, error) {
	info := partnergraph.PageInfo{Total: -1}
	q := map[string]any{"hasAfter": false, "afterKey": nil, "afterId": "", "limit": p.First + 1}
	if p.After != "" {
		c, _ := partnergraph.DecodeCursor(p.After)
		q["hasAfter"], q["afterKey"], q["afterId"] = true, c.Key, c.ID
	}
	for k, v := range params {
		q[k] = v
	}
	records, err := s.read(ctx, pageQ, q)
	if err != nil {
		return nil, info, err
	}
	if len(records) > p.First {
		records, info.HasNextPage = records[:p.First], true
	}
	if p.WithTotal {
		counted, err := s.read(ctx, countQ, params)
		if err != nil {
			return nil, info, err
		}
		info.Total = int(integer(counted[0], "total"))
	}
	return records, info, nil
}

// Involvements returns each organisation's projects.
func (s *Store) Involvements(ctx context.Context, orgIDs []string) ([][]partnergraph.Involvement, error) {
	records, err := s.read(ctx, cypherInvolvements, map[string]any{"ids": orgIDs})
	if err != nil {
		return nil, err
	}
	byOrg := map[string][]partnergraph.Involvement{}
	for _, r := range records {
		id, inv := involvementsFromRecord(r)
		byOrg[id] = inv
	}
	out := make([][]partnergraph.Involvement, len(orgIDs))
	for i, id := range orgIDs {
		out[i] = byOrg[id]
	}
	return out, nil
}

// Group groups the projects matching the filter in one statement.
func (s *Store) Group(ctx context.Context, by partnergraph.GroupBy, f *partnergraph.ProjectFilter) ([]partnergraph.Bucket, error) {
	q, params, ok := groupQuery(by, f)
	if !ok {
		return nil, partnergraph.Errorf(partnergraph.EINVALID, "cannot group by %q", by)
	}
	records, err := s.read(ctx, q, params)
	if err != nil {
		return nil, err
	}
	out := make([]partnergraph.Bucket, len(records))
	for i, r := range records {
		out[i] = partnergraph.Bucket{Key: str(r, "key"), Projects: int(integer(r, "projects")), Grant: integer(r, "grant"),
			FinalCost: integer(r, "finalCost"), WithGrant: int(integer(r, "withGrant"))}
	}
	return out, nil
}

// upsertOrganisations writes organisation rows, and for each id merged
// into one of them a MergedID node that node(id:) finds it by.
func (s *Store) upsertOrganisations(ctx context.Context, tx neo4j.ManagedTransaction, rows []map[string]any) error {
	if err := runRows(ctx, tx, s.batch, cypherUpsertOrganisations, "rows", rows); err != nil {
		return err
	}
	var merged []map[string]any
	for _, r := range rows {
		ids, _ := r["mergedIds"].([]string)
		for _, id := range ids {
			merged = append(merged, map[string]any{"id": id, "into": r["id"]})
		}
	}
	return runRows(ctx, tx, s.batch, cypherPutMergedIDs, "rows", merged)
}
