package app

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTheCommandLineHasASoftMemoryLimitUnlessGOMEMLIMITSetsOne(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))

	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	LimitMemory()
	if got := debug.SetMemoryLimit(-1); got != goMemoryLimit {
		t.Fatalf("limit %d, want %d", got, goMemoryLimit)
	}
	if got := debug.SetGCPercent(100); got != goGCPercent {
		t.Fatalf("GC percent %d, want %d", got, goGCPercent)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	t.Setenv("GOGC", "100")
	LimitMemory()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("GOMEMLIMIT was set, yet the limit became %d", got)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC was set, yet the GC percent became %d", got)
	}
}
