package cli

import (
	"strings"
	"testing"

	"depositdesk/data/datatest"
)

func TestTeamCommandsSetUpLoginsOnPostgreSQLAndExplainThemselvesOnSQLite(t *testing.T) {
	s := newSession(t)
	if datatest.Server() == "" {
		if errs := s.fails(1, "team", "init"); !strings.Contains(errs, "PostgreSQL") {
			t.Fatalf("team init on SQLite: %s", errs)
		}
		return
	}
	s.ok("team", "init")
	login := "amy_" + strings.TrimPrefix(datatest.SchemaOf(s.db), "t_")
	s.ok("team", "add-user", login, "--clients", "Acme, Bolt")
	if errs := s.fails(1, "team", "add-user", "bob"); !strings.Contains(errs, "--clients") {
		t.Fatalf("a staff login without clients: %s", errs)
	}
	lines := strings.Split(strings.TrimSpace(s.ok("team", "list")), "\n")
	if len(lines) != 2 {
		t.Fatalf("team list:\n%s", strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		fields := strings.Fields(l)
		switch {
		case fields[0] == login && strings.Join(fields[1:], " ") != "Acme, Bolt":
			t.Fatalf("%s sees %q", login, l)
		case fields[0] != login && !strings.Contains(l, "every client (owner)"):
			t.Fatalf("whoever ran team init is an owner: %q", l)
		}
	}
	if !strings.Contains(s.ok("audit"), "team.add-user") {
		t.Fatal("adding a login is not audited")
	}
}
