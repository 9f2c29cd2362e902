package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"depositdesk/data/datatest"
)

// otherEngine is a fresh empty database on the other engine than the suite's
// (a PostgreSQL schema when the suite runs on SQLite files and a server is
// there; else another SQLite file).
func otherEngine(t *testing.T) string {
	if datatest.Server() != "" {
		return filepath.Join(t.TempDir(), "副本", "copy.db")
	}
	return filepath.Join(t.TempDir(), "copy.db")
}

func TestADatabaseCopiedEitherWayGivesByteIdenticalReadiness(t *testing.T) {
	s := newSession(t)
	s.ok("demo")
	s.ok("violation", "add", "--shop", "Acme US", "--date", "2026-10-01", "--kind", "late delivery", "--penalty", "50")
	want := s.ok("readiness", "--as-of", "2026-11-24", "--json")
	audit := s.ok("audit", "--json")

	there := otherEngine(t)
	out := s.ok("db", "copy", "--to", there)
	if !strings.Contains(out, "shops") {
		t.Fatalf("copy said %q", out)
	}
	copied := &session{t: t, db: there}
	if got := copied.ok("readiness", "--as-of", "2026-11-24", "--json"); got != want {
		t.Fatalf("readiness after the copy differs:\n%s\nwant\n%s", got, want)
	}
	if got := copied.ok("audit", "--json"); got != audit {
		t.Fatalf("the audit log changed in the copy:\n%s\nwant\n%s", got, audit)
	}
	// And back again, into a fresh database of the suite's engine.
	back := &session{t: t, db: datatest.DB(t, "back.db")}
	copied.ok("db", "copy", "--to", back.db)
	if got := back.ok("readiness", "--as-of", "2026-11-24", "--json"); got != want {
		t.Fatalf("readiness after copying back differs:\n%s\nwant\n%s", got, want)
	}
	// The copy took new ids where the original left off.
	back.ok("shop", "add", "New US", "--site", "US", "--deposit", "1", "--currency", "USD")

	// A target that holds data is refused, and keeps what it holds.
	if errs := s.fails(1, "db", "copy", "--to", there); !strings.Contains(errs, "already holds data") {
		t.Fatalf("copy into a non-empty database: %s", errs)
	}
	if got := copied.ok("readiness", "--as-of", "2026-11-24", "--json"); got != want {
		t.Fatal("a refused copy changed the target")
	}
}
