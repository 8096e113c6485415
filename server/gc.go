package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
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

// tuneGC applies the pace, unless the environment sets it, and keeps the
// soft limit at least twice the live heap: a limit under the live heap
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
	// runtime still holds its pages, and they count against a memory
	// limit: collect and hand them back first, or the collector would run
	// without pause until they are gone.
	debug.FreeOSMemory()
	limit := c.limit
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	check := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if live := int64(sample[0].Value.Uint64()); 2*live > limit {
			limit = 2 * live
			debug.SetMemoryLimit(limit)
			log.Info("memory limit raised to twice the live heap", "live_mib", live>>20, "limit_mib", limit>>20)
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
