// Package neo4jtest opens the live Neo4j that tests run against.
//
// `make test` starts a real Neo4j Community (./scripts/neo4j) and sets
// NEO4J_TEST_URI (and NEO4J_TEST_PASSWORD). Tests that need it call Open,
// which wipes the database and holds a lock, across test processes, until
// the test ends: `go test ./...` runs packages in parallel and they share the
// one database. Without NEO4J_TEST_URI the test is skipped, except under CI
// (CI=true), where that is a failure.
package neo4jtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/neo4jstore"
)

// Config is the test database's configuration from the environment, and
// false when NEO4J_TEST_URI is not set.
func Config() (neo4jstore.Config, bool) {
	uri := os.Getenv("NEO4J_TEST_URI")
	cfg := neo4jstore.Config{
		URI:            uri,
		User:           os.Getenv("NEO4J_TEST_USER"),
		Password:       os.Getenv("NEO4J_TEST_PASSWORD"),
		Database:       os.Getenv("NEO4J_TEST_DATABASE"),
		ConnectTimeout: time.Minute,
	}
	if cfg.User == "" {
		cfg.User = "neo4j"
	}
	if cfg.Password == "" {
		cfg.Password = "partnergraph"
	}
	return cfg, uri != ""
}

// Require skips the test when no test Neo4j is configured, and fails it
// under CI.
func Require(t testing.TB) neo4jstore.Config {
	t.Helper()
	cfg, ok := Config()
	if !ok {
		if os.Getenv("CI") != "" {
			t.Fatal("NEO4J_TEST_URI is not set under CI: `make test` starts Neo4j and sets it (scripts/test.sh)")
		}
		t.Skip("NEO4J_TEST_URI is not set: `make test` starts a Neo4j and sets it; this test wipes that database")
	}
	return cfg
}

// Lock takes the test database for this test, across processes, until the
// test ends.
func Lock(t testing.TB, cfg neo4jstore.Config) {
	t.Helper()
	name := strings.NewReplacer("/", "_", ":", "_").Replace(cfg.URI + "_" + cfg.Database)
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "partnergraph-neo4jtest-"+name+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	})
}

// Open locks the test database, opens a store on it and wipes it. The store
// is closed when the test ends.
func Open(t testing.TB) *neo4jstore.Store {
	t.Helper()
	cfg := Require(t)
	Lock(t, cfg)
	ctx := context.Background()
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	if err := s.Wipe(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}
