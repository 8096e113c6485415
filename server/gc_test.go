package main

import (
	"context"
	"io"
	"log/slog"
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"1GiB": 1 << 30, "800MiB": 800 << 20, "512MB": 512e6, "2G": 2 << 30, "1048576": 1 << 20, "1.5GiB": 3 << 29, "off": 0, "": 0} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"lots", "-1GiB", "1TiB"} {
		if _, err := parseBytes(bad); err == nil {
			t.Errorf("parseBytes(%q) took it", bad)
		}
	}
}

// TestTuneGC: the flags set the pace and the limit; a limit below twice
// the live heap is raised; GOGC and GOMEMLIMIT in the environment win.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	tuneGC(ctx, gcConfig{percent: 300, limit: 1 << 20}, log, 10*time.Millisecond)
	if p := debug.SetGCPercent(-1); p != 300 {
		t.Errorf("GC percent %d, want 300", p)
	}
	debug.SetGCPercent(300)
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) <= 1<<20 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if l := debug.SetMemoryLimit(-1); l <= 1<<20 {
		t.Errorf("a 1 MiB limit under a larger live heap stayed at %d", l)
	}
	cancel()

	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	tuneGC(context.Background(), gcConfig{percent: 300, limit: 1 << 30, envPercent: true, envLimit: true}, log, time.Hour)
	if p, l := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1); p != 100 || l != math.MaxInt64 {
		t.Errorf("with GOGC and GOMEMLIMIT set: percent %d, limit %d changed", p, l)
	}
	debug.SetGCPercent(100)
}

// TestLimitStart: the start runs under the limit at the start's pace (or a
// lower -gc-percent), stopping restores the pace, a live heap near the
// limit raises the limit, and GOGC and GOMEMLIMIT in the environment win.
func TestLimitStart(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	stop := limitStart(context.Background(), gcConfig{percent: 400, limit: 1 << 40}, log, time.Hour)
	if l, p := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1); l != 1<<40 || p != startPercent {
		t.Errorf("during the start: limit %d, percent %d; want 1 TiB at %d", l, p, startPercent)
	}
	debug.SetGCPercent(startPercent)
	stop()
	stop() // once only
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("after the start the percent is %d, not the 100 it was", p)
	}
	stop = limitStart(context.Background(), gcConfig{percent: 150, limit: 1 << 40}, log, time.Hour)
	if p := debug.SetGCPercent(-1); p != 150 {
		t.Errorf("with -gc-percent 150 the start runs at %d", p)
	}
	debug.SetGCPercent(150)
	stop()
	stop = limitStart(context.Background(), gcConfig{limit: 1 << 40, envPercent: true}, log, time.Hour)
	if p := debug.SetGCPercent(-1); p != 100 {
		t.Errorf("with GOGC set the start changed the percent to %d", p)
	}
	debug.SetGCPercent(100)
	stop()

	runtime.GC() // the live heap is known after a collection
	stop = limitStart(context.Background(), gcConfig{limit: 1 << 10}, log, time.Hour)
	if l := debug.SetMemoryLimit(-1); l <= 1<<10 {
		t.Errorf("a 1 KiB limit under the live heap stayed at %d", l)
	}
	stop()

	debug.SetMemoryLimit(math.MaxInt64)
	stop = limitStart(context.Background(), gcConfig{limit: 1 << 30, envLimit: true}, log, time.Hour)
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set the start changed the limit to %d", l)
	}
	stop()
}
