package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// gcConfig is how the collector is paced. A request allocates its answer's
// objects (a nested page of 50 projects, about 9 MB), and the live heap
// of a corpus of 10,000 sheets is some 100 MB: at Go's default pace
// (GOGC=100) the collector marks the whole heap every dozen such requests,
// a third of the CPU. A higher percent with a soft memory limit lets the
// heap grow while it is small and holds it under the limit when it is
// large. GOGC and GOMEMLIMIT in the environment win over the flags.
type gcConfig struct {
	percent int   // -gc-percent
	limit   int64 // -memory-limit, bytes; 0 for none
	// GOGC and GOMEMLIMIT are set in the environment: Go has applied them.
	envPercent, envLimit bool
}

// parseBytes reads 1GiB, 800MiB, 512MB, 2G or a plain number of bytes.
func parseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" || s == "off" {
		return 0, nil
	}
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not a size: %q (write 1GiB, 800MiB or a number of bytes)", s)
	}
	return int64(n * float64(mult)), nil
}

// limitStart holds the start (every sheet read, extracted and resolved)
// under the soft memory limit: without it the start's garbage doubles its
// peak (100,000 sheets: 2.1 GiB resident at the peak, 1.4 GiB under a 1400
// MiB limit). A live heap that nears the limit raises it to twice the live
// heap, checked every quarter second, so the collector never runs without
// pause (300,000 imported projects: ready in 11.5 s, not 21 s at one and a
// half times checked every second). Under
// the limit the start runs at startPercent (or the -gc-percent pace if that
// is lower; GOGC in the environment wins): the limit bounds its peak
// either way, and at Go's default pace of 100 it collected twice as often
// for the same peak (100,000 sheets in a harness: 12.7 s at 100, 11.7-12 s
// at 200-300; 1.43 GB resident either way; the server's start took
// 11.2-12.4 s at 200 and 12.2-12.7 s at 300, with peaks of 1.38-1.40 GiB
// against up to 1.45 GiB). stop ends that watch and restores the pace;
// tuneGC takes over once the server serves.
func limitStart(ctx context.Context, c gcConfig, log *slog.Logger, interval time.Duration) (stop func()) {
	if c.envLimit || c.limit <= 0 {
		return func() {}
	}
	restore := func() {}
	if !c.envPercent {
		p := startPercent
		if c.percent > 0 && c.percent < p {
			p = c.percent
		}
		prev := debug.SetGCPercent(p)
		restore = func() { debug.SetGCPercent(prev) }
	}
	ctx, cancel := context.WithCancel(ctx)
	keepAboveLive(ctx, c.limit, 2, 1, log, interval)
	var once sync.Once
	return func() { once.Do(func() { cancel(); restore() }) }
}

// startPercent is the collector's pace during the start, under the limit.
const startPercent = 200

// tuneGC applies the pace, unless the environment sets it, and keeps the
// soft limit at least one and a half times the live heap (300,000 imported
// projects: 3.2 GiB resident after the load test, 4.6 GiB at twice, for
// fewer answers a second on the heaviest queries): a limit under the live heap
// would make the collector run without pause. It checks every interval
// until ctx ends.
func tuneGC(ctx context.Context, c gcConfig, log *slog.Logger, interval time.Duration) {
	if !c.envPercent && c.percent != 0 {
		debug.SetGCPercent(c.percent)
	}
	if c.envLimit || c.limit <= 0 {
		return
	}
	// The start's peak (every sheet's extraction) is garbage now, but the
	// runtime may still hold its pages, and they count against a memory
	// limit: collect and hand them back first, or the collector would run
	// without pause until they are gone.
	debug.FreeOSMemory()
	keepAboveLive(ctx, c.limit, 3, 2, log, interval)
}

// keepAboveLive sets the soft memory limit, raised to num/den times the
// live heap when that is larger, now and every interval until ctx ends.
func keepAboveLive(ctx context.Context, limit, num, den int64, log *slog.Logger, interval time.Duration) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	check := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if live := int64(sample[0].Value.Uint64()); live*num/den > limit {
			limit = live * num / den
			debug.SetMemoryLimit(limit)
			log.Info("memory limit raised above the live heap", "live_mib", live>>20, "limit_mib", limit>>20)
		}
	}
	check()
	debug.SetMemoryLimit(limit)
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				check()
			}
		}
	}()
}
