package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTheCommandLineHasASoftMemoryLimitUnlessGOMEMLIMITSetsOne(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	t.Setenv("GOMEMLIMIT", "")
	LimitMemory()
	if got := debug.SetMemoryLimit(-1); got != goMemoryLimit {
		t.Fatalf("limit %d, want %d", got, goMemoryLimit)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	LimitMemory()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("GOMEMLIMIT was set, yet the limit became %d", got)
	}
}
