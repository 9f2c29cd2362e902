package cli

import (
	"encoding/json"
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
	var team []struct {
		Login   string   `json:"login"`
		Owner   bool     `json:"owner"`
		Clients []string `json:"clients"`
	}
	if err := json.Unmarshal([]byte(s.ok("team", "list", "--json")), &team); err != nil {
		t.Fatal(err)
	}
	if len(team) != 2 {
		t.Fatalf("team %+v", team)
	}
	for _, m := range team {
		if m.Login == login && (m.Owner || strings.Join(m.Clients, "|") != "Acme|Bolt") {
			t.Fatalf("%s: %+v", login, m)
		}
		if m.Login != login && !m.Owner {
			t.Fatalf("whoever ran team init is an owner: %+v", m)
		}
	}
	if !strings.Contains(s.ok("audit"), "team.add-user") {
		t.Fatal("adding a login is not audited")
	}
}
