package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	testKey  = "partnergraph-test-key-1"
	otherKey = "partnergraph-test-key-2"
)

func sheet(t *testing.T, code string) string {
	t.Helper()
	b, err := os.ReadFile("../library/testdata/ee-probation-mentoring.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(b), "EE07-0011", code, 1)
}

// gql posts a query with variables and an optional key; it returns the
// status and the decoded answer.
func gql(t *testing.T, base, key, q string, vars map[string]any) (int, map[string]any) {
	t.Helper()
	a, err := postGraphQL(base, key, q, vars)
	if err != nil {
		t.Fatal(err)
	}
	return a.status, a.body
}

// answer is an answer of /graphql: its status, headers and decoded body.
type answer struct {
	status int
	header http.Header
	body   map[string]any
}

// postGraphQL posts a query; it fails only on a transport error or a body
// that is not JSON, so goroutines of a test may call it.
func postGraphQL(base, key, q string, vars map[string]any) (answer, error) {
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return answer{}, fmt.Errorf("answer %d is not JSON: %v", resp.StatusCode, err)
	}
	return answer{resp.StatusCode, resp.Header, out}, nil
}

func errCode(out map[string]any) string {
	errs, _ := out["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
	code, _ := ext["code"].(string)
	return code
}

const ingestMutation = `mutation($name: String!, $text: String!) {
  ingestDocument(name: $name, text: $text) { document { id } projects { code } created durable warnings changedIds }
}`

func TestWritesNeedAKey(t *testing.T) {
	hash := sha256.Sum256([]byte(otherKey))
	keyFile := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(keyFile, []byte("# the second key, by its hash only\nsha256:"+hex.EncodeToString(hash[:])+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base, logs, _ := start(t, []string{"-api-keys-file", keyFile}, map[string]string{"PARTNERGRAPH_API_KEYS": testKey})
	vars := map[string]any{"name": "ee.txt", "text": sheet(t, "EE07-0011")}

	status, out := gql(t, base, "", ingestMutation, vars)
	if status != 200 || errCode(out) != "EUNAUTHORIZED" {
		t.Errorf("no key: %d %v", status, out)
	}
	status, out = gql(t, base, "not-the-key-at-all", ingestMutation, vars)
	if status != 401 || errCode(out) != "EUNAUTHORIZED" {
		t.Errorf("wrong key: %d %v", status, out)
	}
	status, out = gql(t, base, "", `{ projects(first: 1) { edges { node { id } } } }`, nil)
	if status != 200 || out["errors"] != nil {
		t.Errorf("reads are open by default: %d %v", status, out)
	}
	for _, key := range []string{testKey, otherKey} {
		status, out = gql(t, base, key, ingestMutation, vars)
		if status != 200 || out["errors"] != nil {
			t.Fatalf("with key %s: %d %v", key[:10], status, out)
		}
	}
	res := out["data"].(map[string]any)["ingestDocument"].(map[string]any)
	if res["durable"] != false || res["created"] != false {
		t.Errorf("second ingest of the same sheet without -data: %v", res)
	}
	// A malformed header is refused too.
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(jsonBody("{ __typename }")))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Basic "+testKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("Basic auth: %d", resp.StatusCode)
	}
	l := logs.String()
	if strings.Contains(l, testKey) || strings.Contains(l, otherKey) || strings.Contains(l, "not-the-key-at-all") {
		t.Errorf("a key is in the logs")
	}
	if !strings.Contains(l, "writes are not kept") {
		t.Errorf("the server did not say that writes are not kept:\n%s", l)
	}
	if !strings.Contains(l, `msg="request refused" code=EUNAUTHORIZED key=wrong`) {
		t.Errorf("the wrong key was not logged:\n%s", l)
	}
}

func TestReadsCanNeedAKey(t *testing.T) {
	base, _, _ := start(t, []string{"-reads-need-key"}, map[string]string{"PARTNERGRAPH_API_KEYS": testKey})
	q := `{ projects(first: 1) { edges { node { id } } } }`
	if status, out := gql(t, base, "", q, nil); status != 401 || errCode(out) != "EUNAUTHORIZED" {
		t.Errorf("read without a key: %d %v", status, out)
	}
	if status, out := gql(t, base, testKey, q, nil); status != 200 || out["errors"] != nil {
		t.Errorf("read with the key: %d %v", status, out)
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("health checks need no key: %v %v", resp, err)
	}

	if _, err := parseAndServe(t, []string{"-reads-need-key"}, nil); err == nil || !strings.Contains(err.Error(), "no API key") {
		t.Errorf("-reads-need-key without keys: %v", err)
	}
	if _, err := parseAndServe(t, nil, map[string]string{"PARTNERGRAPH_API_KEYS": "short"}); err == nil || !strings.Contains(err.Error(), "at least 16") {
		t.Errorf("a short key: %v", err)
	}
}

// parseAndServe runs the server with args until it fails at start or
// serves; it returns the start error.
func parseAndServe(t *testing.T, args []string, environ map[string]string) (string, error) {
	t.Helper()
	out := &syncBuffer{}
	cfg, err := parseConfig(append([]string{"server", "-addr", "localhost:0"}, args...), env(environ), out)
	if err != nil {
		return out.String(), err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan struct{})
	cfg.ready = func(string) { close(served) }
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, out) }()
	select {
	case err := <-done:
		return out.String(), err
	case <-served:
		cancel()
		<-done
		return out.String(), nil
	}
}

func TestHashKeyCommand(t *testing.T) {
	var out bytes.Buffer
	if err := runHashKey(strings.NewReader(testKey+"\n"), &out); err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256([]byte(testKey))
	if got := strings.TrimSpace(out.String()); got != "sha256:"+hex.EncodeToString(h[:]) {
		t.Errorf("hash-key printed %q", got)
	}
	if err := runHashKey(strings.NewReader(""), io.Discard); err == nil {
		t.Errorf("hash-key of nothing")
	}
}

// TestKillNineLosesNothing runs the real binary with -data, writes and
// deletes documents from several clients, kills it with SIGKILL at a random
// moment, starts it again and checks that every acknowledged write is there
// and every acknowledged delete holds; several rounds.
func TestKillNineLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the server binary")
	}
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := t.TempDir()
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	present := map[string]bool{} // acknowledged: code -> present
	serial := 0
	for round := 0; round < 4; round++ {
		base, cmd, logs := startBinary(t, bin, data)
		// What was acknowledged before the last kill is all there.
		for code, want := range present {
			_, out := gql(t, base, "", `query($c: String!) { projects(filter: {code: $c}) { edges { node { id } } } }`, map[string]any{"c": code})
			edges := out["data"].(map[string]any)["projects"].(map[string]any)["edges"].([]any)
			if got := len(edges) == 1; got != want {
				t.Errorf("round %d: project %s present=%v, acknowledged present=%v", round, code, got, want)
			}
		}
		if !strings.Contains(logs.String(), "rejected=0") {
			t.Errorf("round %d: a document was refused at start:\n%s", round, logs.String())
		}
		if tmp, _ := filepath.Glob(filepath.Join(data, ".tmp-*")); len(tmp) > 0 {
			t.Errorf("round %d: temporary files left after start: %v", round, tmp)
		}
		// How long the writers run before the kill, drawn before they share rng.
		pause := time.Duration(100+rng.IntN(400)) * time.Millisecond
		var mu sync.Mutex
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				client := &http.Client{Timeout: 10 * time.Second}
				for {
					select {
					case <-stop:
						return
					default:
					}
					mu.Lock()
					serial++
					code := fmt.Sprintf("EE07-%04d", serial)
					var victim string
					if rng.IntN(4) == 0 { // a delete, one time in four
						for c, p := range present {
							if p {
								victim = c
								break
							}
						}
					}
					mu.Unlock()
					var body []byte
					if victim != "" {
						body, _ = json.Marshal(map[string]any{"query": `mutation($id: ID!) { deleteDocument(id: $id) { removedIds } }`,
							"variables": map[string]any{"id": "doc:" + strings.ToLower(victim) + "-txt"}})
					} else {
						body, _ = json.Marshal(map[string]any{"query": ingestMutation, "variables": map[string]any{"name": code + ".txt", "text": sheet(t, code)}})
					}
					req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+testKey)
					resp, err := client.Do(req)
					if err != nil {
						// Killed: this write may or may not have been made.
						if victim != "" {
							mu.Lock()
							delete(present, victim)
							mu.Unlock()
						}
						return
					}
					var out map[string]any
					err = json.NewDecoder(resp.Body).Decode(&out)
					resp.Body.Close()
					if err != nil || out["errors"] != nil {
						if err == nil && errCode(out) != "ENOTFOUND" { // another client deleted it first
							t.Errorf("write refused: %v", out)
						}
						continue
					}
					mu.Lock()
					if victim != "" {
						present[victim] = false
					} else {
						present[code] = true
					}
					mu.Unlock()
				}
			}()
		}
		time.Sleep(pause)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		close(stop)
		wg.Wait()
	}
	acked := 0
	for _, p := range present {
		if p {
			acked++
		}
	}
	t.Logf("%d documents written over 4 kills, %d present at the end (the rest deleted)", len(present), acked)
	if len(present) < 10 {
		t.Errorf("only %d writes were acknowledged: the test did not exercise the server", len(present))
	}
}

// startBinary starts the built server on a free port with -data and
// returns its base URL once it serves.
func startBinary(t *testing.T, bin, data string) (string, *exec.Cmd, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(bin, "-addr", "localhost:0", "-data", data)
	cmd.Env = append(os.Environ(), "PARTNERGRAPH_API_KEYS="+testKey)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	logs := &syncBuffer{}
	url := make(chan string, 1)
	serving := regexp.MustCompile(`msg=serving url=(http://\S+)/ `)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			fmt.Fprintln(logs, sc.Text())
			if m := serving.FindStringSubmatch(sc.Text()); m != nil {
				url <- m[1]
			}
		}
	}()
	select {
	case u := <-url:
		return u, cmd, logs
	case <-time.After(60 * time.Second):
		t.Fatalf("the server did not start:\n%s", logs.String())
	}
	return "", nil, nil
}
