package main

import (
	"io"
	"sync"
	"time"
)

// logBuffer keeps the log lines of requests in memory and writes them out
// together: when its buffer is full, every interval, before any other log
// line, and on Close. A line per request written straight to a file or a
// pipe is a system call per request, as much CPU as a small answer's own
// write to its socket. A crash loses at most the last interval of request
// lines; documents written through the API are on disk before a write is
// answered, whatever the log. The other log lines (the start, warnings,
// errors) go through Direct and are written at once, after the request
// lines before them, so the order of the lines is kept and no line is cut.
type logBuffer struct {
	mu   sync.Mutex
	out  io.Writer
	buf  []byte
	size int
	done chan struct{}
	wg   sync.WaitGroup
	// closed: lines written after Close (a logger kept as slog's
	// default) go out at once.
	closed bool
}

func newLogBuffer(out io.Writer, size int, interval time.Duration) *logBuffer {
	b := &logBuffer{out: out, size: size, buf: make([]byte, 0, size), done: make(chan struct{})}
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-b.done:
				return
			case <-t.C:
				b.Flush()
			}
		}
	}()
	return b
}

// Write keeps p, one log line as slog hands it over, for the next flush.
func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed || len(b.buf)+len(p) > b.size {
		if err := b.flushLocked(); err != nil {
			return 0, err
		}
	}
	if b.closed || len(p) > b.size {
		return b.out.Write(p)
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// Direct is a writer for lines that go out at once, after the kept ones.
func (b *logBuffer) Direct() io.Writer { return directLog{b} }

type directLog struct{ b *logBuffer }

func (d directLog) Write(p []byte) (int, error) {
	d.b.mu.Lock()
	defer d.b.mu.Unlock()
	if err := d.b.flushLocked(); err != nil {
		return 0, err
	}
	return d.b.out.Write(p)
}

// Flush writes out every line kept.
func (b *logBuffer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *logBuffer) flushLocked() error {
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.out.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}

// Close stops the timer and writes out every line kept.
func (b *logBuffer) Close() error {
	close(b.done)
	b.wg.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	return b.flushLocked()
}
