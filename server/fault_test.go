package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// neo4jProcess is a Neo4j of this test's own, run by scripts/neo4j.
type neo4jProcess struct {
	t    *testing.T
	home string
	port string
}

func (n *neo4jProcess) script(args ...string) string {
	n.t.Helper()
	cmd := exec.Command("../scripts/neo4j", args...)
	cmd.Env = append(os.Environ(), "NEO4J_HOME_DIR="+n.home, "NEO4J_PORT="+n.port, "NEO4J_PASSWORD=fault-test-pw", "NEO4J_HEAP=512m", "NEO4J_PAGECACHE_MB=64")
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		log, _ := os.ReadFile(filepath.Join(n.home, "launcher.log"))
		n.t.Fatalf("scripts/neo4j %v: %v\n%s%s\nlauncher.log:\n%s", args, err, out, stderr, clip(string(log)))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[len(lines)-1]
}

func (n *neo4jProcess) kill() {
	n.t.Helper()
	b, err := os.ReadFile(filepath.Join(n.home, "neo4j.pid"))
	if err != nil {
		n.t.Fatal(err)
	}
	var pid int
	fmt.Sscan(string(b), &pid)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		n.t.Fatal(err)
	}
	for i := 0; i < 100 && alive(pid); i++ {
		time.Sleep(100 * time.Millisecond)
	}
}

// alive: the process exists and is not a zombie (a killed process that its
// parent, here init, has not reaped yet).
// readyzBecomes polls /readyz every interval until it answers status; false
// when the deadline passes first.
func readyzBecomes(base string, status int, deadline time.Time, every time.Duration) bool {
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == status {
				return true
			}
		}
		time.Sleep(every)
	}
	return false
}

func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}

// TestNeo4jKilledUnderLoad kills the Neo4j process (SIGKILL) while clients
// read and write through the API, then starts it again on the same port:
// during the outage queries get EUNAVAILABLE and /readyz 503 within the
// request timeout; afterwards the same API process answers again, and every
// write it acknowledged is there.
func TestNeo4jKilledUnderLoad(t *testing.T) {
	neo4jtest.Require(t) // the launcher is built and CI has Java
	n := &neo4jProcess{t: t, home: t.TempDir(), port: "0"}
	uri := n.script("start")
	n.port = uri[strings.LastIndex(uri, ":")+1:]
	t.Cleanup(func() { n.script("stop") })

	const key = "fault-test-api-key"
	env := map[string]string{"NEO4J_URI": uri, "NEO4J_PASSWORD": "fault-test-pw", "PARTNERGRAPH_API_KEYS": key}
	base, logs, _ := start(t, []string{"-sample", "-request-timeout", "2s"}, env)

	var (
		stop                 atomic.Bool
		down                 atomic.Bool
		acked                sync.Map // project code -> true
		ackedN, unavailableN atomic.Int32
		otherCodes           sync.Map
		wg                   sync.WaitGroup
	)
	// Three readers and one writer.
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				_, out := gql(t, base, "", `{ project(code: "LT14-0004") { title partners { organisation { name } } } }`, nil)
				switch c := errCode(out); c {
				case "":
				case "EUNAVAILABLE":
					unavailableN.Add(1)
				default:
					otherCodes.Store(c, true)
				}
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			code := fmt.Sprintf("FT%02d-%04d", i%90, i)
			sheet := fmt.Sprintf("Fault Test Project %d\n\nProject facts\n\nProject promoter:\nEstonian Prison Service\nProject Number:\n%s\n", i, code)
			status, out := gql(t, base, key, ingestMutation, map[string]any{"name": fmt.Sprintf("fault-%d.txt", i), "text": sheet})
			if status == 200 && out["errors"] == nil {
				acked.Store(code, true)
				ackedN.Add(1)
			} else if c := errCode(out); c != "EUNAVAILABLE" {
				otherCodes.Store("write "+c, true)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()

	for t0 := time.Now(); ackedN.Load() < 3 && time.Since(t0) < 30*time.Second; {
		time.Sleep(100 * time.Millisecond)
	}
	before := ackedN.Load()
	if before < 3 {
		t.Fatalf("only %d writes acknowledged in 30 s before the kill\n%s", before, clip(logs.String()))
	}
	n.kill()
	down.Store(true)
	killed := time.Now()

	// Within the request timeout (2 s) and some slack, readiness fails and
	// queries say the database is unavailable.
	deadline := killed.Add(10 * time.Second)
	if !readyzBecomes(base, http.StatusServiceUnavailable, deadline, 100*time.Millisecond) {
		t.Errorf("/readyz did not answer 503 within 10 s of the kill")
	}
	for time.Now().Before(deadline) && unavailableN.Load() == 0 {
		time.Sleep(100 * time.Millisecond)
	}
	if unavailableN.Load() == 0 {
		t.Errorf("no query got EUNAVAILABLE within 10 s of the kill")
	}
	t.Logf("EUNAVAILABLE after %s; %d writes acknowledged before the kill", time.Since(killed).Round(time.Millisecond), before)

	// Neo4j comes back on the same port; the same API process recovers.
	n.script("start")
	restarted := time.Now()
	if !readyzBecomes(base, http.StatusOK, restarted.Add(60*time.Second), 200*time.Millisecond) {
		t.Fatalf("/readyz did not recover within 60 s of Neo4j's restart\n%s", clip(logs.String()))
	}
	n0 := ackedN.Load()
	for time.Since(restarted) < 60*time.Second && ackedN.Load() < n0+3 {
		time.Sleep(200 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	if ackedN.Load() < n0+3 {
		t.Errorf("writes did not resume after the restart: %d acknowledged, %d before", ackedN.Load(), n0)
	}
	if _, out := gql(t, base, "", `{ project(code: "LT14-0004") { title } }`, nil); out["errors"] != nil {
		t.Errorf("a query after the restart: %v", out["errors"])
	}
	otherCodes.Range(func(k, _ any) bool {
		t.Errorf("a request got %v, not EUNAVAILABLE", k)
		return true
	})
	if t.Failed() {
		// What the store could not place: its errors, for the next reader.
		for _, line := range strings.Split(logs.String(), "\n") {
			if strings.Contains(line, "ERROR") || strings.Contains(line, "EINTERNAL") {
				t.Log(line)
			}
		}
	}

	// Nothing acknowledged is lost.
	missing := 0
	acked.Range(func(k, _ any) bool {
		_, out := gql(t, base, "", fmt.Sprintf(`{ project(code: %q) { id } }`, k), nil)
		if out["errors"] != nil {
			missing++
			t.Errorf("acknowledged write %v is gone: %v", k, out["errors"])
		}
		return missing < 5
	})
	t.Logf("%d writes acknowledged in all, %d queries answered EUNAVAILABLE", ackedN.Load(), unavailableN.Load())
}
