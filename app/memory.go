package app

import (
	"os"
	"runtime/debug"
)

// goMemoryLimit is the soft limit of the Go memory of a command-line run,
// and goGCPercent how much garbage may build up between collections.
//
// A large file is written while it is read, so an import's own memory is
// a few chunks of records; what grows with the file is SQLite's page cache
// (up to 32 MiB, outside Go's count). The collector's default (a cycle each
// time the small live heap doubles) ran a cycle every few megabytes of the
// reader's garbage, each taking a core from the SQLite writer: at 400 a
// 100,000-row csv imports in 0.35–0.42 s instead of 0.45–0.50 s, and the
// limit keeps the heap of a 2,000,000-row import bounded (its peak is 131 MB
// with 400, 124 MB with the default). A file read whole (a folder's smaller
// files, read ahead) is held until written; the limit makes the collector
// work harder rather than pass it.
const (
	goMemoryLimit = 80 << 20
	goGCPercent   = 400
)

// LimitMemory sets the command line's soft memory limit and collector pace,
// unless the GOMEMLIMIT and GOGC environment variables set them (main.go
// calls it for a command; the folder benchmark runs under it). The
// window leaves both at Go's defaults.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(goMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(goGCPercent)
	}
}
