package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// seedsDir is ../shared/seeds beside the checkout. CI has it; elsewhere the
// tests that need it are skipped with a message.
func seedsDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("seed sheets not found at %s: CI must have shared/ beside the checkout", dir)
		}
		t.Skipf("seed sheets not found at %s", dir)
	}
	return dir
}

func readSeeds(t testing.TB) []Source {
	t.Helper()
	srcs, problems, err := ReadFS(os.DirFS(seedsDir(t)), ".")
	if err != nil || len(problems) > 0 {
		t.Fatalf("read seeds: %v %v", err, problems)
	}
	if len(srcs) != 5 {
		t.Fatalf("read %d seeds, want 5", len(srcs))
	}
	return srcs
}
