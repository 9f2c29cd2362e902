package cli

import (
	"os"
	"runtime/debug"
)

// goMemoryLimit is the soft limit of the Go memory of a command-line run. An
// import's peak is the read file's records (about 230 bytes an order), the
// garbage the collector has not yet taken (by default as much again as what
// is live) and SQLite's page cache (up to 64 MiB, outside Go's count): with
// this limit a 300,000-row import peaks at 124 MB (csv) and 132 MB (xlsx)
// instead of 126 and 167. A soft limit: a file whose records alone pass it
// (over about 350,000 orders) still imports, with the collector working up
// to half the time; 64 MiB kept a 600,000-row csv at 150 MB but made it
// 2.7 times slower.
const goMemoryLimit = 80 << 20

// LimitMemory sets the command line's soft memory limit, unless the
// GOMEMLIMIT environment variable sets one. The window leaves it unset.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(goMemoryLimit)
	}
}
