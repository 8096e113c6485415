package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes int
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writes++
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLogBuffer: request lines wait for the interval or a full buffer,
// a direct line goes out at once after them, Close writes the rest, and
// lines after Close go out as they come.
func TestLogBuffer(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			out := &lockedBuffer{}
			b := newLogBuffer(out, 1<<16, time.Hour)
			requests, other := newLogger(&config{logFormat: format}, b), newLogger(&config{logFormat: format}, b.Direct())
			requests.Info("first")
			if out.String() != "" {
				t.Fatalf("a request line went out before the interval: %q", out)
			}
			other.Info("second")
			got := out.String()
			if i, j := strings.Index(got, "first"), strings.Index(got, "second"); i < 0 || j < i {
				t.Fatalf("a direct line did not follow the kept lines out: %q", got)
			}
			requests.Info("third")
			if strings.Contains(out.String(), "third") {
				t.Fatalf("a request line went out before the interval: %q", out)
			}
			if err := b.Close(); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), "third") {
				t.Fatalf("Close did not write the kept line: %q", out)
			}
			requests.Info("fourth")
			if !strings.Contains(out.String(), "fourth") {
				t.Fatalf("a line after Close was kept: %q", out)
			}
		})
	}
	t.Run("full", func(t *testing.T) {
		out := &lockedBuffer{}
		b := newLogBuffer(out, 100, time.Hour)
		defer b.Close()
		line := strings.Repeat("x", 39) + "\n"
		for range 5 {
			b.Write([]byte(line))
		}
		// 40 bytes a line, 100 a buffer: two lines a write, never a line cut.
		if got := out.String(); got != strings.Repeat(line, 4) || out.writes != 2 {
			t.Fatalf("%d writes of %q", out.writes, got)
		}
	})
	t.Run("timer", func(t *testing.T) {
		out := &lockedBuffer{}
		b := newLogBuffer(out, 1<<16, 10*time.Millisecond)
		defer b.Close()
		b.Write([]byte("on the timer\n"))
		for deadline := time.Now().Add(5 * time.Second); !strings.Contains(out.String(), "on the timer"); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the interval did not write the line out")
			}
		}
	})
}
