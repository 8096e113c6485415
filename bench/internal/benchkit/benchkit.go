// Package benchkit is what the load tools of bench/ share: wrk runs read
// into numbers, CPU time and peak RSS of processes from /proc, and servers
// started and stopped as child processes.
package benchkit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Result is one wrk run, with what the tools add to it.
type Result struct {
	Name      string
	RPS       float64
	P50, P99  time.Duration
	Errors    string
	BodyBytes int
	// one connection: latency without queueing
	P50One, P99One time.Duration
	// CPU milliseconds a request at many connections, of the server and of
	// the database processes (0 when there is none)
	CPUServer, CPUDB float64
}

// CPUTime reads the user+system CPU time of processes from /proc; a pid
// that is gone counts 0.
func CPUTime(pids ...int) time.Duration {
	var total time.Duration
	for _, pid := range pids {
		if pid <= 0 {
			continue
		}
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) < 13 {
			continue
		}
		utime, _ := strconv.Atoi(f[11])
		stime, _ := strconv.Atoi(f[12])
		total += time.Duration(utime+stime) * 10 * time.Millisecond // USER_HZ is 100 on Linux
	}
	return total
}

// Children returns pid and every process whose parent is pid (one level:
// PostgreSQL's postmaster and its backends).
func Children(pid int) []int {
	out := []int{pid}
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, d := range dirs {
		b, err := os.ReadFile(d)
		if err != nil {
			continue
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			child, _ := strconv.Atoi(strings.Split(d, "/")[2])
			out = append(out, child)
		}
	}
	return out
}

// PeakRSS reads a process's peak resident set size in KiB, 0 when unknown.
func PeakRSS(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.Atoi(strings.Fields(line)[1])
			return kb
		}
	}
	return 0
}

// FmtRSS prints KiB as MiB.
func FmtRSS(kb int) string {
	if kb == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.0f MiB", float64(kb)/1024)
}

// FmtDur prints a latency.
func FmtDur(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.0fµs", float64(d)/float64(time.Microsecond))
	default:
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	}
}

// FreeAddr returns a free loopback address.
func FreeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// Post sends a GraphQL query to endpoint and returns the answer's body.
func Post(endpoint, query string, vars map[string]any) ([]byte, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(endpoint, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Process is a server started as a child process, its output in a log file.
type Process struct {
	Cmd     *exec.Cmd
	Log     string
	Startup time.Duration
	exited  chan struct{}
}

// GetOK is a readiness check: a GET of url answers 200.
func GetOK(url string) func() bool {
	return func() bool {
		resp, err := http.Get(url)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	}
}

// PostOK is a readiness check: the GraphQL query posted to endpoint
// answers 200.
func PostOK(endpoint, query string) func() bool {
	return func() bool {
		body, _ := json.Marshal(map[string]any{"query": query})
		resp, err := http.Post(endpoint, "application/json", bytes.NewReader(body))
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	}
}

// Start starts name with args (and env when not nil), its output going to
// a temporary log file, and waits until ready says so.
func Start(name string, args, env []string, ready func() bool, timeout time.Duration) (*Process, error) {
	cmd := exec.Command(name, args...)
	if env != nil {
		cmd.Env = env
	}
	logFile, err := os.CreateTemp("", "bench-"+filepath.Base(name)+"-*.log")
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{Cmd: cmd, Log: logFile.Name(), exited: make(chan struct{})}
	go func() { cmd.Wait(); close(p.exited) }()
	for time.Since(start) < timeout {
		if ready() {
			p.Startup = time.Since(start)
			return p, nil
		}
		select {
		case <-p.exited:
			return nil, fmt.Errorf("%s exited before it was ready; its log is %s", name, p.Log)
		case <-time.After(100 * time.Millisecond):
		}
	}
	cmd.Process.Kill()
	return nil, fmt.Errorf("%s did not become ready in %s; its log is %s", name, timeout, p.Log)
}

// WaitLog waits until the process's (JSON) log has the message.
func (p *Process) WaitLog(msg string, timeout time.Duration) error {
	for start := time.Now(); time.Since(start) < timeout; time.Sleep(200 * time.Millisecond) {
		if b, _ := os.ReadFile(p.Log); bytes.Contains(b, []byte(`"msg":"`+msg+`"`)) {
			return nil
		}
	}
	return fmt.Errorf("no %q in the log %s", msg, p.Log)
}

// WaitIdle waits until the process is at rest: less than 5% of a core in
// each of three seconds in a row (longer than the two seconds a snapshot
// waits after a write), so that its own work after a start or a write (a
// snapshot, the network metrics) is not measured as the cost of the
// queries that follow. It gives up after timeout and says so.
func (p *Process) WaitIdle(timeout time.Duration) error {
	pid := p.Cmd.Process.Pid
	last, quiet := CPUTime(pid), 0
	for start := time.Now(); time.Since(start) < timeout; {
		time.Sleep(time.Second)
		now := CPUTime(pid)
		if now-last < 50*time.Millisecond {
			quiet++
		} else {
			quiet = 0
		}
		if quiet == 3 {
			return nil
		}
		last = now
	}
	return fmt.Errorf("the server still works on its own %s after it was asked to rest; its log is %s", timeout, p.Log)
}

// Stop interrupts the process and kills it after 30 s.
func (p *Process) Stop() {
	p.Cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		p.Cmd.Process.Kill()
		<-p.exited
	}
}

var (
	rpsLine     = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	pctLine     = regexp.MustCompile(`^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$`)
	errorsLine  = regexp.MustCompile(`(Socket errors:.*|Non-2xx or 3xx responses: \d+)`)
	luaTemplate = `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = %s
`
)

// Wrk runs wrk with a fixed POST body and reads its report; dir holds its
// script.
func Wrk(dir, url, body, name string, duration time.Duration, conns, threads int) (Result, error) {
	script, err := os.CreateTemp(dir, "post-*.lua")
	if err != nil {
		return Result{}, err
	}
	defer os.Remove(script.Name())
	quoted, _ := json.Marshal(body) // a JSON string is a valid Lua string here
	fmt.Fprintf(script, luaTemplate, quoted)
	script.Close()
	out, err := exec.Command("wrk", "-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns), "-d", fmt.Sprintf("%ds", max(1, int(duration.Seconds()))), "--latency", "--timeout", "10s", "-s", script.Name(), url).CombinedOutput()
	if err != nil {
		return Result{}, fmt.Errorf("wrk for %s: %v: %s", name, err, out)
	}
	r := Result{Name: name}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if m := rpsLine.FindStringSubmatch(line); m != nil {
			r.RPS, _ = strconv.ParseFloat(m[1], 64)
		}
		if m := pctLine.FindStringSubmatch(line); m != nil {
			v, _ := strconv.ParseFloat(m[2], 64)
			unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[m[3]]
			d := time.Duration(v * float64(unit))
			if m[1] == "50" {
				r.P50 = d
			} else {
				r.P99 = d
			}
		}
		if m := errorsLine.FindString(line); m != "" {
			r.Errors += strings.TrimSpace(m) + " "
		}
	}
	if r.RPS == 0 && r.Errors == "" {
		if !strings.Contains(string(out), "0 requests in") {
			return r, fmt.Errorf("wrk for %s printed no rate:\n%s", name, out)
		}
		r.Errors = "no request completed within the run"
	}
	return r, nil
}

// Verdict says whether a target was met, in the reports' words.
func Verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}
